import type { AnatomicalSite, PlanLesion } from '../../planning/lesions';
import { vertebralLevelSchema } from '../../planning/records/anatomicalSite';
import { NumberField } from '../NumberField';

type Patch = Partial<Omit<PlanLesion, 'id' | 'segmentation'>>;

const SITES: { value: string; label: string; site: AnatomicalSite }[] = [
  { value: 'iliac-bone', label: 'Iliac bone', site: { kind: 'iliac-bone' } },
  { value: 'acetabulum-superior', label: 'Superior acetabulum', site: { kind: 'acetabulum', part: 'superior' } },
  { value: 'acetabulum-medial', label: 'Medial acetabulum', site: { kind: 'acetabulum', part: 'medial' } },
  { value: 'acetabulum-posterior', label: 'Posterior acetabulum', site: { kind: 'acetabulum', part: 'posterior' } },
  { value: 'pubic-ramus', label: 'Pubic ramus', site: { kind: 'pubic-ramus' } },
  { value: 'ischium', label: 'Ischium', site: { kind: 'ischium' } },
  { value: 'sacrum-I', label: 'Sacrum zone I', site: { kind: 'sacrum', zone: 'I' } },
  { value: 'sacrum-II', label: 'Sacrum zone II', site: { kind: 'sacrum', zone: 'II' } },
  { value: 'sacrum-III', label: 'Sacrum zone III', site: { kind: 'sacrum', zone: 'III' } },
  { value: 'femur', label: 'Femur', site: { kind: 'femur' } },
];

function siteValue(s: AnatomicalSite | null): string {
  if (!s) return '';
  if (s.kind === 'acetabulum') return `acetabulum-${s.part}`;
  if (s.kind === 'sacrum') return `sacrum-${s.zone}`;
  if (s.kind === 'vertebra') return 'vertebra';
  if (s.kind === 'other') return 'other';
  return s.kind;
}

/** The selected lesion's label, site, type and flags. */
export function LesionDetails({ lesion, onPatch }: { lesion: PlanLesion; onPatch: (p: Patch) => void }) {
  const f = lesion.flags;
  const site = lesion.site;
  return (
    <div className="details" data-testid="lesion-details">
      <div className="grid2">
        <label>
          Label <input className="name" value={lesion.label} onChange={(e) => onPatch({ label: e.target.value })} />
        </label>
        <label>
          Site
          <select
            value={siteValue(site)}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'vertebra') onPatch({ site: { kind: 'vertebra', level: 'L1', part: 'body' } });
              else if (v === 'other') onPatch({ site: { kind: 'other', description: 'Other site' } });
              else onPatch({ site: SITES.find((s) => s.value === v)?.site ?? null });
            }}
          >
            <option value="">—</option>
            {SITES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
            <option value="vertebra">Vertebra</option>
            <option value="other">Other</option>
          </select>
        </label>
        {site?.kind === 'vertebra' && (
          <label>
            Level
            <select value={site.level} onChange={(e) => onPatch({ site: { ...site, level: e.target.value as typeof site.level } })}>
              {vertebralLevelSchema.options.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
            <select value={site.part} onChange={(e) => onPatch({ site: { ...site, part: e.target.value as typeof site.part } })}>
              <option value="body">body</option>
              <option value="pedicle">pedicle</option>
              <option value="posterior-elements">posterior elements</option>
            </select>
          </label>
        )}
        {site?.kind === 'other' && (
          <label>
            Describe <input value={site.description} onChange={(e) => onPatch({ site: { kind: 'other', description: e.target.value || 'Other site' } })} />
          </label>
        )}
        <label>
          Side
          <select value={lesion.side ?? ''} onChange={(e) => onPatch({ side: (e.target.value || null) as PlanLesion['side'] })}>
            <option value="">—</option>
            <option value="left">left</option>
            <option value="right">right</option>
            <option value="midline">midline</option>
          </select>
        </label>
        <label>
          Type
          <select value={lesion.type ?? ''} onChange={(e) => onPatch({ type: (e.target.value || null) as PlanLesion['type'] })}>
            <option value="">—</option>
            <option value="lytic">lytic</option>
            <option value="blastic">blastic</option>
            <option value="mixed">mixed</option>
          </select>
        </label>
      </div>
      <div className="flags">
        {(
          [
            ['pathologicalFracture', 'Pathological fracture'],
            ['corticalBreach', 'Cortical breach'],
            ['softTissueExtension', 'Soft-tissue extension'],
            ['posteriorVertebralWallInvolvement', 'Posterior wall involved'],
          ] as const
        ).map(([k, label]) => (
          <label key={k}>
            <input type="checkbox" checked={f[k]} onChange={(e) => onPatch({ flags: { ...f, [k]: e.target.checked } })} /> {label}
          </label>
        ))}
        <label>
          Collapse{' '}
          <NumberField
            className="num"
            value={f.vertebralBodyCollapsePercent}
            rule={{ required: false, min: 0, max: 100, label: 'Collapse (%)' }}
            onCommit={(v) => onPatch({ flags: { ...f, vertebralBodyCollapsePercent: v } })}
          />{' '}
          %
        </label>
      </div>
    </div>
  );
}
