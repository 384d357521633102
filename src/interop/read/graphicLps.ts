import type { InstanceHeader } from '../../dicom/instanceHeader';
import { err, ok, type Result } from '../../shared/result';
import { lps, normalize, type LpsPoint } from '../../shared/vec3';
import type { ImportedGraphic } from '../importTypes';

/** The plane of one image: what turns its pixel coordinates into patient positions. */
export type ImagePlane = Pick<InstanceHeader, 'imagePositionPatient' | 'imageOrientationPatient' | 'pixelSpacing'>;

/**
 * LPS position of an SR SCOORD point on an image. SCOORD uses image coordinates (column, row)
 * in which the top-left corner of the top-left pixel is (0, 0), so that pixel's centre, the
 * image's ImagePositionPatient, is (0.5, 0.5) (PS3.3 C.18.6.1.1). Columns advance along the
 * row cosines by PixelSpacing[1], rows along the column cosines by PixelSpacing[0].
 */
export function scoordPointToLps(point: readonly [number, number], plane: ImagePlane): LpsPoint | null {
  const p = plane.imagePositionPatient, o = plane.imageOrientationPatient, s = plane.pixelSpacing;
  if (!p || !o || !s) return null;
  const row = normalize([o[0], o[1], o[2]]), col = normalize([o[3], o[4], o[5]]);
  const x = (point[0] - 0.5) * s[1], y = (point[1] - 0.5) * s[0];
  return lps(p[0] + x * row[0] + y * col[0], p[1] + x * row[1] + y * col[1], p[2] + x * row[2] + y * col[2]);
}

/**
 * The LPS points of an SR graphic: a SCOORD3D's as written (a frame of reference other than
 * `frameOfReferenceUID` is refused, null skips the check), a SCOORD's through the image it
 * references, found among `images`. Fails with the reason when the image is not among them or
 * lacks its plane.
 */
export function graphicToLps(
  graphic: ImportedGraphic,
  images: readonly InstanceHeader[],
  frameOfReferenceUID: string | null = null,
): Result<LpsPoint[]> {
  if (graphic.dims === 3) {
    if (frameOfReferenceUID !== null && graphic.frameOfReferenceUID !== null && graphic.frameOfReferenceUID !== frameOfReferenceUID) {
      return err(`the ${graphic.graphicType} is in frame of reference ${graphic.frameOfReferenceUID}, not ${frameOfReferenceUID}`);
    }
    return ok(graphic.points.map((q) => lps(q[0], q[1], q[2])));
  }
  const uid = graphic.referencedSopInstanceUID;
  if (uid === null) return err(`the ${graphic.graphicType} names no image`);
  const image = images.find((h) => h.sopInstanceUID === uid);
  if (!image) return err(`the ${graphic.graphicType} is drawn on image ${uid}, which is not loaded`);
  const points: LpsPoint[] = [];
  for (const q of graphic.points) {
    const p = scoordPointToLps(q, image);
    if (!p) return err(`image ${uid} has no position, orientation or pixel spacing`);
    points.push(p);
  }
  return ok(points);
}
