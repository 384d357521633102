import type { Vec3 } from '../../../shared/vec3';
import type { VoxelMask } from '../../mask/voxelMask';
import type { PlanningVolume } from '../../volume/planningVolume';
import type { PlacedZone } from '../../zones/placeZones';
import { spheroidSection } from '../../zones/spheroidSection';
import { drawText, textHeight, textWidth } from './font5x7';
import { createRgbImage, dot, drawLine, setPixel, type Rgb, type RgbImage } from './rgbImage';
import { orientationLetter, projectToPixel, reportPlane, type PicturePlane, type ReportView } from './reportPlanes';
import { BONE_WINDOW, maskOnPicture, outlineOf, paintCt, type HuWindow } from './samplePicture';

/** Overlay colours, shared with the report's legend. */
export const OVERLAY_COLOURS = {
  needle: [255, 212, 59] as Rgb,
  otherNeedle: [250, 176, 5] as Rgb,
  entry: [64, 192, 87] as Rgb,
  target: [255, 64, 64] as Rgb,
  lethalZone: [34, 184, 207] as Rgb,
  outerZone: [165, 216, 255] as Rgb,
  text: [255, 255, 255] as Rgb,
} as const;

/** A needle as the pictures draw it. */
export interface SceneNeedle {
  readonly entry: Vec3;
  readonly target: Vec3;
  /** Its device's zones placed on it (none for a bone-access needle). */
  readonly zones: readonly PlacedZone[];
}

/** What the report's pictures show: the CT, the masks on its grid with their colours, the needles. */
export interface ReportScene {
  readonly volume: PlanningVolume;
  readonly lesions: readonly { readonly mask: VoxelMask; readonly colour: Rgb }[];
  readonly structures: readonly { readonly mask: VoxelMask; readonly colour: Rgb }[];
  readonly needles: readonly SceneNeedle[];
}

/** How a picture is made. */
export interface RenderOptions {
  /** Picture size in pixels (square; default 512). */
  readonly size?: number;
  /** Field of view in mm (default: from the needle, see {@link defaultFovMm}). */
  readonly fovMm?: number;
  readonly window?: HuWindow;
}

/**
 * The field of view: for axial/sagittal/coronal the needle's length plus 40 mm (80–360 mm) so entry
 * and target show; for the probe's eye 2.5 times the widest zone (at least 60 mm) around the target.
 */
export function defaultFovMm(view: ReportView, needle: SceneNeedle): number {
  if (view === 'probe') return Math.max(60, 2.5 * Math.max(0, ...needle.zones.map((z) => 2 * Math.max(z.shape.radialSemiMm, z.shape.axialSemiMm))));
  const len = Math.hypot(needle.target[0] - needle.entry[0], needle.target[1] - needle.entry[1], needle.target[2] - needle.entry[2]);
  return Math.min(360, Math.max(80, len + 40));
}

function drawOutline(img: RgbImage, scene: ReportScene, mask: VoxelMask, plane: PicturePlane, colour: Rgb): void {
  const edge = outlineOf(maskOnPicture(mask, scene.volume, plane), plane.width, plane.height);
  for (let i = 0; i < edge.length; i++) if (edge[i]) dot(img, i % plane.width, Math.floor(i / plane.width), colour, 2);
}

function drawZones(img: RgbImage, zones: readonly PlacedZone[], plane: PicturePlane): void {
  for (const z of zones) {
    const e = spheroidSection(z.shape, plane);
    if (!e) continue;
    const colour = z.zone.lethal ? OVERLAY_COLOURS.lethalZone : OVERLAY_COLOURS.outerZone;
    const steps = Math.max(64, Math.ceil(2 * Math.PI * Math.max(e.rx, e.ry) * 2));
    const c = Math.cos(e.rotation), s = Math.sin(e.rotation);
    for (let n = 0; n < steps; n++) {
      const t = (2 * Math.PI * n) / steps;
      const ex = e.rx * Math.cos(t), ey = e.ry * Math.sin(t);
      dot(img, e.cx + ex * c - ey * s, e.cy + ex * s + ey * c, colour, 2);
    }
  }
}

function drawNeedle(img: RgbImage, needle: SceneNeedle, plane: PicturePlane, view: ReportView, chosen: boolean): void {
  const a = projectToPixel(plane, needle.entry), b = projectToPixel(plane, needle.target);
  const colour = chosen ? OVERLAY_COLOURS.needle : OVERLAY_COLOURS.otherNeedle;
  if (view === 'probe' && chosen) {
    // Seen down its axis the needle is a point: a cross where it pierces the plane (the target).
    drawLine(img, b.x - 7, b.y, b.x - 3, b.y, colour, 2);
    drawLine(img, b.x + 3, b.y, b.x + 7, b.y, colour, 2);
    drawLine(img, b.x, b.y - 7, b.x, b.y - 3, colour, 2);
    drawLine(img, b.x, b.y + 3, b.x, b.y + 7, colour, 2);
    return;
  }
  drawLine(img, a.x, a.y, b.x, b.y, colour, 2);
  // Entry: an open square; target: a filled disc.
  for (let d = -4; d <= 4; d++) {
    setPixel(img, a.x + d, a.y - 4, OVERLAY_COLOURS.entry);
    setPixel(img, a.x + d, a.y + 4, OVERLAY_COLOURS.entry);
    setPixel(img, a.x - 4, a.y + d, OVERLAY_COLOURS.entry);
    setPixel(img, a.x + 4, a.y + d, OVERLAY_COLOURS.entry);
  }
  for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) if (dx * dx + dy * dy <= 10) setPixel(img, b.x + dx, b.y + dy, OVERLAY_COLOURS.target);
}

/** Orientation letters at the middle of each edge, and a 10 mm bar with "10 mm" at the bottom left. */
function drawFrame(img: RgbImage, plane: PicturePlane): void {
  const s = 2, h = textHeight(s), w = textWidth('L', s), m = 6;
  const letter = (v: readonly number[]) => orientationLetter([v[0]!, v[1]!, v[2]!]);
  const neg = (v: readonly number[]) => [-v[0]!, -v[1]!, -v[2]!];
  drawText(img, letter(neg(plane.right)), m, (img.height - h) / 2, OVERLAY_COLOURS.text, s);
  drawText(img, letter(plane.right), img.width - m - w, (img.height - h) / 2, OVERLAY_COLOURS.text, s);
  drawText(img, letter(neg(plane.down)), (img.width - w) / 2, m, OVERLAY_COLOURS.text, s);
  drawText(img, letter(plane.down), (img.width - w) / 2, img.height - m - h, OVERLAY_COLOURS.text, s);
  const bar = Math.round(10 / plane.mmPerPixel);
  const x0 = 16, y0 = img.height - 20;
  drawLine(img, x0, y0, x0 + bar, y0, OVERLAY_COLOURS.text, 2);
  drawLine(img, x0, y0 - 5, x0, y0, OVERLAY_COLOURS.text, 2);
  drawLine(img, x0 + bar, y0 - 5, x0 + bar, y0, OVERLAY_COLOURS.text, 2);
  drawText(img, '10 mm', x0, y0 - 8 - h, OVERLAY_COLOURS.text, s);
}

/**
 * One picture of the plan for the report: the CT in the plane of `view` through needle `index`'s
 * target, the lesions and structures at risk as outlines in their colours, every needle's zones cut
 * by the plane (ellipses), the needles projected onto the plane (the chosen one brighter; in the
 * probe's eye view a cross on its axis), orientation letters and a 10 mm scale bar. No identifiers.
 */
export function renderReportView(scene: ReportScene, index: number, view: ReportView, options: RenderOptions = {}): { image: RgbImage; plane: PicturePlane } {
  const needle = scene.needles[index];
  if (!needle) throw new RangeError(`no needle ${index}: the plan has ${scene.needles.length}`);
  const size = options.size ?? 512;
  const plane = reportPlane(view, needle.entry, needle.target, { size, fovMm: options.fovMm ?? defaultFovMm(view, needle) });
  const img = createRgbImage(size, size);
  paintCt(img, scene.volume, plane, options.window ?? BONE_WINDOW);
  for (const s of scene.structures) drawOutline(img, scene, s.mask, plane, s.colour);
  for (const l of scene.lesions) drawOutline(img, scene, l.mask, plane, l.colour);
  scene.needles.forEach((n) => drawZones(img, n.zones, plane));
  scene.needles.forEach((n, i) => i !== index && drawNeedle(img, n, plane, view, false));
  drawNeedle(img, needle, plane, view, true);
  drawFrame(img, plane);
  return { image: img, plane };
}
