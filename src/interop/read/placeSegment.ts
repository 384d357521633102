import type { InstanceHeader } from '../../dicom/instanceHeader';
import { sameOrientation, sliceNormal, type Orientation } from '../../dicom/slicePlane';
import { boxFromCorners, EMPTY_BOX } from '../../planning/mask/voxelBox';
import { createMask, type VoxelMask } from '../../planning/mask/voxelMask';
import { err, ok, type Result } from '../../shared/result';
import { dot, norm, scale, sub, type Vec3 } from '../../shared/vec3';
import type { CtGrid } from '../ctGrid';
import type { ImportedSegmentation } from '../importTypes';

/** Pixel spacings closer than this (mm) are the same: DS values are rounded differently by each tool. */
const SPACING_TOLERANCE_MM = 1e-3;

/** Why the SEG's frame geometry is not the CT's, or null when it is. */
function planeMismatch(seg: ImportedSegmentation, grid: CtGrid): string | null {
  const [columns, rows] = grid.geometry.dimensions;
  if (seg.rows !== rows || seg.columns !== columns) {
    return `its frames are ${seg.columns}×${seg.rows} (columns×rows), the CT's slices ${columns}×${rows}`;
  }
  const ct = grid.slices[0]!;
  const o = seg.imageOrientationPatient;
  if (o && o.length === 6 && ct.imageOrientationPatient && !sameOrientation(o as unknown as Orientation, ct.imageOrientationPatient)) {
    return `its ImageOrientationPatient [${o.join(', ')}] is not the CT's [${ct.imageOrientationPatient.join(', ')}]`;
  }
  const s = seg.pixelSpacing, cs = ct.pixelSpacing;
  if (s && cs && (Math.abs(s[0] - cs[0]) > SPACING_TOLERANCE_MM || Math.abs(s[1] - cs[1]) > SPACING_TOLERANCE_MM)) {
    return `its PixelSpacing ${s.join('\\')} is not the CT's ${cs.join('\\')}`;
  }
  return null;
}

/**
 * The grid slice a frame lies on: the slice it names by SOP Instance UID when that is one of
 * the grid's, else the slice whose position along the normal is within half a slice spacing
 * of the frame's ImagePositionPatient, and whose in-plane origin is the frame's within half a
 * pixel (a frame shifted within the plane would put every voxel in the wrong place).
 */
function sliceOfFrame(
  ref: string | null,
  ipp: readonly [number, number, number] | null,
  byUid: ReadonlyMap<string, number>,
  grid: CtGrid,
  normal: Vec3,
): number | string {
  if (ref !== null) {
    const k = byUid.get(ref);
    if (k !== undefined) return k;
  }
  if (ipp === null) return ref === null ? 'it names no CT image and has no ImagePositionPatient' : `it names image ${ref}, not one of the CT's, and has no ImagePositionPatient`;
  const half = grid.geometry.spacing[2] / 2;
  const at = dot(ipp, normal);
  let best = -1, bestDistance = Infinity;
  grid.slices.forEach((s: InstanceHeader, k) => {
    const d = Math.abs(dot(s.imagePositionPatient!, normal) - at);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  });
  if (best < 0 || bestDistance > half + 1e-6) {
    return `its ImagePositionPatient [${ipp.join(', ')}] is ${bestDistance.toFixed(2)} mm from the nearest CT slice (more than half the ${grid.geometry.spacing[2].toFixed(2)} mm spacing)`;
  }
  const origin = grid.slices[best]!.imagePositionPatient!;
  const inPlane = norm(sub(sub(ipp, origin), scale(normal, at - dot(origin, normal))));
  if (inPlane > Math.min(grid.geometry.spacing[0], grid.geometry.spacing[1]) / 2) {
    return `its ImagePositionPatient [${ipp.join(', ')}] is ${inPlane.toFixed(2)} mm off the CT slice's origin within the plane`;
  }
  return best;
}

/**
 * One segment of a SEG as a mask on the CT's voxel grid (i = column, j = row, k = grid
 * slice). The SEG's frames must have the CT's rows, columns, orientation and pixel spacing,
 * and be in the CT's frame of reference; a SEG in another frame of reference is accepted only
 * when it names the CT's images (then it was drawn on them: the 2012 Slicer writer gave its
 * SEGs a frame of reference of their own). Every frame of the segment must land on a slice.
 * Overlapping frames of one segment on one slice are merged. Fails naming the SEG and what
 * differs.
 */
export function segmentMaskOnGrid(seg: ImportedSegmentation, segmentNumber: number, grid: CtGrid): Result<VoxelMask, string> {
  const what = `${seg.name}, segment ${segmentNumber}`;
  if (!seg.segments.some((s) => s.number === segmentNumber)) return err(`${what}: the SEG has no such segment`);
  const plane = planeMismatch(seg, grid);
  if (plane) return err(`${what}: not placed on CT series ${grid.seriesInstanceUID}: ${plane}`);
  const byUid = new Map(grid.slices.map((s, k) => [s.sopInstanceUID, k] as const));
  if (seg.frameOfReferenceUID !== grid.frameOfReferenceUID) {
    const named = [...(seg.referencedInstanceUIDs ?? []), ...seg.frames.map((f) => f.referencedSopInstanceUID ?? '')];
    if (!named.some((u) => byUid.has(u))) {
      return err(`${what}: not placed: its frame of reference ${seg.frameOfReferenceUID ?? '(none)'} is not the CT's ${grid.frameOfReferenceUID}, and it names none of the CT's images`);
    }
  }
  const o = grid.slices[0]!.imageOrientationPatient!;
  const normal = sliceNormal(o);
  const frames = seg.frames.filter((f) => f.segmentNumber === segmentNumber);
  const placed: { k: number; pixels: Uint8Array }[] = [];
  // Without its own orientation or spacing a SEG's positions cannot be checked against the
  // CT's: only frames that name a CT image can be placed.
  const unplaceable = seg.imageOrientationPatient === null || seg.pixelSpacing === null;
  for (const f of frames) {
    if (unplaceable && !byUid.has(f.referencedSopInstanceUID ?? '')) {
      return err(`${what}: frame ${seg.frames.indexOf(f) + 1} names no CT image, and the SEG has no ${seg.imageOrientationPatient === null ? 'ImageOrientationPatient' : 'PixelSpacing'} to place it by position`);
    }
    const k = sliceOfFrame(f.referencedSopInstanceUID, f.imagePositionPatient, byUid, grid, normal);
    if (typeof k === 'string') return err(`${what}: frame ${seg.frames.indexOf(f) + 1} matches no CT slice: ${k}`);
    placed.push({ k, pixels: f.pixels });
  }

  const nx = grid.geometry.dimensions[0];
  const min = [Infinity, Infinity, Infinity], max = [-1, -1, -1];
  for (const { k, pixels } of placed) {
    for (let p = 0; p < pixels.length; p++) {
      if (!pixels[p]) continue;
      const i = p % nx, j = (p - i) / nx;
      if (i < min[0]!) min[0] = i;
      if (i > max[0]!) max[0] = i;
      if (j < min[1]!) min[1] = j;
      if (j > max[1]!) max[1] = j;
      if (k < min[2]!) min[2] = k;
      if (k > max[2]!) max[2] = k;
    }
  }
  if (max[0]! < 0) return ok(createMask(grid.geometry.dimensions, EMPTY_BOX));
  const box = boxFromCorners(min, max);
  const mask = createMask(grid.geometry.dimensions, box);
  const [ox, oy, oz] = box.offset;
  const [sx, sy] = box.size;
  for (const { k, pixels } of placed) {
    for (let j = oy; j < oy + sy; j++) {
      for (let i = ox; i < ox + sx; i++) {
        if (pixels[j * nx + i]) mask.data[((k - oz) * sy + (j - oy)) * sx + (i - ox)] = 1;
      }
    }
  }
  return ok(mask);
}
