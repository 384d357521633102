import type { CtGrid } from '../../interop/ctGrid';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import type { ImportedObject } from '../../interop/importTypes';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import { countMask } from '../../planning/mask/voxelMask';
import { err, ok, type Result } from '../../shared/result';
import type { Vec3 } from '../../shared/vec3';
import type { ImportedSegmentation } from '../../interop/importTypes';
import type { ObjectPlacement, PlacedGraphic, PlacedSegment } from './importedTypes';

/** Colours of SR groups' lines and markers: none of them the plan's needle yellow. */
export const GRAPHIC_COLOURS = ['#ff5cf0', '#3bf0c8', '#ff922b', '#74c0fc', '#b197fc', '#a9e34b'] as const;

/** The readers placement depends on (src/interop/read), passed in so that this stays testable. */
export interface PlaceDeps {
  segmentMask(seg: ImportedSegmentation, segmentNumber: number, grid: CtGrid): Result<VoxelMask, string>;
  /** A 2D SCOORD point (column, row; TLHC centre (0.5, 0.5)) on a slice, in LPS mm. */
  pointOnSlice(point: readonly [number, number], slice: InstanceHeader): Vec3 | null;
}

/**
 * An imported object on the open CT's grid: each segment's mask (or the reason it is not
 * drawn: a grid that does not match, frames on no slice), each SR coordinate in LPS (3D as
 * written when its frame of reference is the CT's, 2D through its referenced slice). When the
 * object belongs to another series (`drawnOn` is not the CT) everything carries that reason.
 */
export function placeObject(o: ImportedObject, drawnOn: Result<string, string>, grid: Result<CtGrid, string>, deps: PlaceDeps): ObjectPlacement {
  const refusal = !drawnOn.ok ? `Not drawn: ${drawnOn.error}.` : !grid.ok ? `Not drawn: the open series is not a CT grid (${grid.error}).` : drawnOn.value !== grid.value.seriesInstanceUID ? `Drawn over series ${drawnOn.value}, not the open one.` : null;
  if (o.kind === 'seg') {
    const segments: PlacedSegment[] = o.segments.map((s) => {
      if (refusal || !grid.ok) return { number: s.number, mask: err(refusal ?? 'no grid'), voxels: 0 };
      const mask = deps.segmentMask(o, s.number, grid.value);
      return { number: s.number, mask, voxels: mask.ok ? countMask(mask.value) : 0 };
    });
    return { error: refusal, segments, graphics: [] };
  }
  const graphics: PlacedGraphic[] = [];
  o.groups.forEach((g, gi) => {
    g.graphics.forEach((gr, index) => {
      const colour = GRAPHIC_COLOURS[gi % GRAPHIC_COLOURS.length]!;
      let points: Result<readonly Vec3[], string>;
      if (refusal || !grid.ok) points = err(refusal ?? 'no grid');
      else if (gr.dims === 3) {
        points = gr.frameOfReferenceUID && gr.frameOfReferenceUID !== grid.value.frameOfReferenceUID
          ? err(`its frame of reference ${gr.frameOfReferenceUID} is not the CT's`)
          : ok(gr.points.map((p) => [p[0], p[1], p[2]] as Vec3));
      } else {
        const slice = grid.value.slices.find((h) => h.sopInstanceUID === gr.referencedSopInstanceUID);
        const lps = slice ? gr.points.map((p) => deps.pointOnSlice(p, slice)) : [];
        points = !slice
          ? err(`its image ${gr.referencedSopInstanceUID ?? '(none named)'} is not a slice of the CT`)
          : lps.every((p): p is Vec3 => p !== null) ? ok(lps) : err('its image has no position, orientation or spacing');
      }
      graphics.push({ group: gi, index, graphicType: gr.graphicType, points, colour });
    });
  });
  return { error: refusal, segments: [], graphics };
}
