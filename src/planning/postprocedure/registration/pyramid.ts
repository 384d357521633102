import type { LpsBox } from '../../../records/postProcedure';
import type { PlanningVolume } from '../../volume/planningVolume';
import { badMask, halveGrid, indexBoxOf, makeGrid, type BadMask, type Grid, type GridOptions, type IndexBox } from './grid';

/** Intensity handling of the registration (HU). */
export const INTENSITY = {
  /** Bone/soft-tissue window both images are clamped to. */
  clampLo: -200,
  clampHi: 1500,
  /** Fixed samples whose (averaged, clamped) value is at or below this are air. */
  airBelow: -190,
  /** Moving values above this are cement or metal: left out, dilated by `dilateMm`. */
  metalHu: 1800,
  dilateMm: 2,
  /** Moving values at or below this are outside the cone-beam field of view (its padding). */
  paddingHu: -1000,
} as const;

/** Integer block factors that bring a volume's spacing close to `mm` (never below 1). */
export function factorsFor(v: PlanningVolume, mm: number): [number, number, number] {
  return [0, 1, 2].map((a) => Math.max(1, Math.round(mm / v.spacing[a]!))) as [number, number, number];
}

export interface LevelGrids {
  readonly spacingMm: number;
  readonly fixed: Grid;
  readonly moving: Grid;
}

const common: GridOptions = { clampLo: INTENSITY.clampLo, clampHi: INTENSITY.clampHi };
const masked: GridOptions = { ...common, metalHu: INTENSITY.metalHu, dilateMm: INTENSITY.dilateMm, paddingHu: INTENSITY.paddingHu };

/** The moving crop's unusable voxels (padding; cement and metal, dilated), computed once for every level. */
export function movingMask(moving: PlanningVolume, movingBox: IndexBox): BadMask {
  return badMask(moving, movingBox, masked);
}

/** Fixed (the region's crop, no mask) and moving (masked) grids at roughly `mm` spacing. */
export function levelGrids(fixed: PlanningVolume, fixedBox: IndexBox, moving: PlanningVolume, movingBox: IndexBox, mm: number, mask: BadMask): LevelGrids {
  return {
    spacingMm: mm,
    fixed: makeGrid(fixed, fixedBox, factorsFor(fixed, mm), common),
    moving: makeGrid(moving, movingBox, factorsFor(moving, mm), masked, mask),
  };
}

/** The fixed crop for a region (grown by `marginMm` so edge samples have neighbours); null when it misses the volume. */
export function fixedBoxFor(fixed: PlanningVolume, region: LpsBox, marginMm: number): IndexBox | null {
  return indexBoxOf(fixed, region, marginMm);
}

/** The next coarser level: both grids halved (about twice the spacing). */
export function halveLevel(l: LevelGrids): LevelGrids {
  return { spacingMm: l.spacingMm * 2, fixed: halveGrid(l.fixed), moving: halveGrid(l.moving) };
}
