import { err, ok, type Result } from '../../shared/result';
import { lps, normalize, type LpsPoint, type Vec3 } from '../../shared/vec3';
import { sampleTrilinear } from '../../planning/trajectory/sampleTrilinear';
import { worldToIndex } from '../../planning/volume/indexWorld';
import type { PlanningVolume } from '../../planning/volume/planningVolume';

/** Tuning of {@link skinEntry}. */
export interface SkinEntryOptions {
  /** Below this HU a sample is air (outside the body, or gas/lung inside it). */
  readonly airHu: number;
  /** The body's soft tissues (fat to muscle) lie in this HU range. */
  readonly softTissueHu: readonly [number, number];
  /**
   * Air counts as the outside only when at most `toleratedTissueMm` of soft tissue follows
   * within `lookAheadMm`: a sliver of lung or bowel gas inside the body is followed by tissue,
   * the air beyond the skin by nothing (or by a table's shell, which is not soft tissue).
   */
  readonly lookAheadMm: number;
  readonly toleratedTissueMm: number;
  /** How far past the skin the entry is put, mm. */
  readonly beyondSkinMm: number;
  /** Give up after this distance from the target, mm. */
  readonly maxMm: number;
  readonly stepMm: number;
}

/** Defaults of {@link SkinEntryOptions}. */
export const SKIN_ENTRY_OPTIONS: SkinEntryOptions = {
  airHu: -400,
  softTissueHu: [-150, 150],
  lookAheadMm: 20,
  toleratedTissueMm: 3,
  beyondSkinMm: 0.5,
  maxMm: 300,
  stepMm: 0.5,
};

/** Where a needle line leaves the body. */
export interface SkinEntry {
  /** The entry: `beyondSkinMm` past the first air sample, just outside the skin. */
  readonly entry: LpsPoint;
  /** Distance from the target to the entry, mm (the depth of the trajectory). */
  readonly depthMm: number;
}

/**
 * The skin entry of a needle aimed at `target` from the direction `outward` (pointing from the
 * target toward the skin): the line is followed outward on the CT until it reaches air that is
 * the outside of the body, and the entry is put just beyond it. Fails when no outside is found
 * within `maxMm` or the line leaves the volume first.
 */
export function skinEntry(volume: PlanningVolume, target: LpsPoint, outward: Vec3, options: Partial<SkinEntryOptions> = {}): Result<SkinEntry> {
  const o = { ...SKIN_ENTRY_OPTIONS, ...options };
  const u = normalize(outward);
  if (u[0] === 0 && u[1] === 0 && u[2] === 0) return err('the outward direction is zero');
  const at = (s: number): LpsPoint => lps(target[0] + u[0] * s, target[1] + u[1] * s, target[2] + u[2] * s);
  const huAt = (s: number): number => {
    const f = worldToIndex(volume, at(s));
    return sampleTrilinear(volume, f[0], f[1], f[2]);
  };
  const tissue = (h: number) => h >= o.softTissueHu[0] && h <= o.softTissueHu[1];
  for (let s = 0; s <= o.maxMm; s += o.stepMm) {
    const h = huAt(s);
    if (Number.isNaN(h)) return err(`the line from [${target.join(', ')}] leaves the volume ${s} mm out before reaching the skin`);
    if (h >= o.airHu) continue;
    let tissueMm = 0;
    for (let t = s + o.stepMm; t <= s + o.lookAheadMm; t += o.stepMm) if (tissue(huAt(t))) tissueMm += o.stepMm;
    if (tissueMm > o.toleratedTissueMm) continue;
    const depthMm = s + o.beyondSkinMm;
    return ok({ entry: at(depthMm), depthMm });
  }
  return err(`no skin found within ${o.maxMm} mm of [${target.join(', ')}]`);
}
