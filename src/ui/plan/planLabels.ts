import type { PlanTool } from '../../imaging';
import type { AnatomicalSite, StructureKind } from '../../planning/lesions';

/** The plan tools, with their buttons' labels and keys. */
export const TOOLS: readonly { tool: PlanTool; label: string; key: string }[] = [
  { tool: 'grow', label: 'Grow', key: 'G' },
  { tool: 'brush', label: 'Brush', key: 'B' },
  { tool: 'erase', label: 'Eraser', key: 'E' },
  { tool: 'box', label: 'Box', key: 'X' },
  { tool: 'tube', label: 'Tube', key: 'T' },
  { tool: 'trajectory', label: 'Needle', key: 'N' },
];

/** How each kind of structure at risk is named. */
export const KIND_LABEL: Record<StructureKind, string> = {
  'spinal-canal': 'Spinal canal',
  'spinal-cord': 'Spinal cord',
  'nerve-root': 'Nerve root',
  bowel: 'Bowel',
  bladder: 'Bladder',
  'major-vessel': 'Major vessel',
  skin: 'Skin',
  other: 'Other (named)',
};

/** HU ranges the box tool offers, by what is being marked. */
export const BOX_PRESETS: readonly { label: string; hu: [number, number] }[] = [
  { label: 'Gas (bowel)', hu: [-1024, -400] },
  { label: 'Fluid (bladder)', hu: [-15, 25] },
  { label: 'Contrast / blood', hu: [30, 400] },
  { label: 'Fat', hu: [-150, -40] },
];

/** A number for the panel, "—" when there is none. */
export const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** A lesion's site in a few words. */
export function siteText(site: AnatomicalSite | null): string {
  if (!site) return 'site not set';
  switch (site.kind) {
    case 'acetabulum':
      return `${site.part} acetabulum`;
    case 'sacrum':
      return `sacrum zone ${site.zone}`;
    case 'vertebra':
      return `${site.level} ${site.part.replace('-', ' ')}`;
    case 'other':
      return site.description;
    default:
      return site.kind.replace('-', ' ');
  }
}
