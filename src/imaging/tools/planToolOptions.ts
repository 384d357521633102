import type { GrowOptions } from '../../planning/lesions';

/** Options of the plan tools, set from the plan panel. */
export interface PlanToolOptions {
  readonly grow: Partial<GrowOptions>;
  readonly brushRadiusMm: number;
  /** Spherical (3D) brush instead of a disc in the view's plane. */
  readonly brushSphere: boolean;
  readonly deviceId: string;
  /** HU range the box tool keeps, inclusive. */
  readonly boxHu: readonly [number, number];
  /** Fill opacity of masks, 0–1; outlines are always drawn. */
  readonly opacity: number;
  readonly fill: boolean;
  /** Radius of a tube structure drawn along points (mm). */
  readonly tubeRadiusMm: number;
}

/** The options a plan workspace starts with. */
export const DEFAULT_TOOL_OPTIONS: PlanToolOptions = {
  // Empty: the grow's own defaults (DEFAULT_GROW_OPTIONS) apply until the panel sets one.
  grow: {},
  brushRadiusMm: 4,
  brushSphere: false,
  deviceId: 'generic-cryoprobe-13g',
  boxHu: [-1024, -400],
  opacity: 0.35,
  fill: true,
  tubeRadiusMm: 4,
};
