import { describe, expect, it } from 'vitest';
import { lps } from '../../../shared/vec3';
import { createMask } from '../../mask/voxelMask';
import type { PlanningVolume } from '../../volume/planningVolume';
import { IDENTITY_DIRECTION } from '../../volume/volumeGeometry';
import type { PlacedZone } from '../../zones/placeZones';
import { spheroidSection } from '../../zones/spheroidSection';
import { OVERLAY_COLOURS, renderReportView, type ReportScene } from './renderReportView';
import { orientationLetter, projectToPixel, reportPlane, sideViewOf, type PicturePlane } from './reportPlanes';
import { pixelAt, createRgbImage } from './rgbImage';
import { maskOnPicture, outlineOf, paintCt } from './samplePicture';

// A 40 mm cube of air (−1000 HU) on a 1 mm grid at the origin, with a bright 10 mm cube (1500 HU) at voxels 10..19.
const N = 40;
function cubeVolume(): PlanningVolume {
  const scalars = new Int16Array(N * N * N).fill(-1000);
  for (let k = 10; k < 20; k++) for (let j = 10; j < 20; j++) for (let i = 10; i < 20; i++) scalars[i + N * (j + N * k)] = 1500;
  return { dimensions: [N, N, N], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: IDENTITY_DIRECTION, scalars };
}
function cubeMask() {
  const m = createMask([N, N, N], { offset: [10, 10, 10], size: [10, 10, 10] });
  m.data.fill(1);
  return m;
}
// The axial plane z = 15 with pixel (x, y) at world (x − 5, y − 5, 15): worked by hand, not from reportPlane.
const handAxial: PicturePlane = { origin: [-5, -5, 15], right: [1, 0, 0], down: [0, 1, 0], normal: [0, 0, 1], width: 41, height: 41, mmPerPixel: 1 };

describe('paintCt and mask outlines', () => {
  it('shows the bright cube at pixels 15..24 in the bone window (1500 HU white, −1000 HU and outside black)', () => {
    const img = createRgbImage(41, 41);
    paintCt(img, cubeVolume(), handAxial);
    expect(pixelAt(img, 15, 15)).toEqual([255, 255, 255]);
    expect(pixelAt(img, 24, 20)).toEqual([255, 255, 255]);
    expect(pixelAt(img, 14, 20)).toEqual([0, 0, 0]); // world x = 9: air
    expect(pixelAt(img, 25, 20)).toEqual([0, 0, 0]); // world x = 20: air
    expect(pixelAt(img, 0, 0)).toEqual([0, 0, 0]); // world (−5, −5): off the CT
  });
  it('0 HU is grey 64 in W2000/L500 (255 × 500/2000 = 63.75)', () => {
    const v = cubeVolume();
    (v.scalars as Int16Array).fill(0);
    const img = createRgbImage(41, 41);
    paintCt(img, v, handAxial);
    expect(pixelAt(img, 20, 20)).toEqual([64, 64, 64]);
  });
  it('the mask covers the same pixels and its outline is the ring at its edge', () => {
    const inside = maskOnPicture(cubeMask(), cubeVolume(), handAxial);
    expect(inside[20 * 41 + 15]).toBe(1);
    expect(inside[20 * 41 + 14]).toBe(0);
    expect(inside.reduce((n, v) => n + v, 0)).toBe(100);
    const edge = outlineOf(inside, 41, 41);
    expect(edge[20 * 41 + 15]).toBe(1);
    expect(edge[20 * 41 + 20]).toBe(0);
    expect(edge.reduce((n, v) => n + v, 0)).toBe(36); // 10×10 square less its 8×8 interior
  });
});

describe('report planes', () => {
  const entry = [0, 15, 15] as const, target = [30, 15, 15] as const;
  it('axial through the target, centred on the needle midpoint: a needle along +x projects onto the middle row', () => {
    const p = reportPlane('axial', entry, target, { size: 41, fovMm: 41 });
    // Centre (15, 15, 15), 1 mm pixels, pixel 20 at the centre: origin (−5, −5, 15).
    expect(p.origin.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-5, -5, 15]);
    expect(projectToPixel(p, target)).toMatchObject({ x: 35, y: 20 });
    expect(projectToPixel(p, entry)).toMatchObject({ x: 5, y: 20 });
  });
  it('letters: axial R/L/A/P, coronal R/L/H/F, sagittal A/P/H/F, probe along +x P/A/H/F', () => {
    const letters = (p: PicturePlane) => [orientationLetter(p.right.map((v) => -v) as never), orientationLetter(p.right), orientationLetter(p.down.map((v) => -v) as never), orientationLetter(p.down)].join('');
    const o = { size: 41, fovMm: 41 };
    expect(letters(reportPlane('axial', entry, target, o))).toBe('RLAP');
    expect(letters(reportPlane('coronal', entry, target, o))).toBe('RLHF');
    expect(letters(reportPlane('sagittal', entry, target, o))).toBe('APHF');
    expect(letters(reportPlane('probe', entry, target, o))).toBe('PAHF');
  });
  it('sagittal or coronal: the plane whose normal the needle has the smaller component along', () => {
    expect(sideViewOf([0, 0, 0], [30, 0, 0])).toBe('coronal');
    expect(sideViewOf([0, 0, 0], [0, 30, 0])).toBe('sagittal');
    expect(sideViewOf([0, 0, 0], [3, 1, 9.5])).toBe('coronal');
    expect(sideViewOf([0, 0, 0], [1, -3, 9.5])).toBe('sagittal');
  });
  it("the zone's section through its centre has the model's semi-axes: 10 × 5 mm axially, a 5 mm circle in the probe's eye", () => {
    const shape = { centre: target, axis: [1, 0, 0] as const, radialSemiMm: 5, axialSemiMm: 10 };
    const axial = spheroidSection(shape, reportPlane('axial', entry, target, { size: 81, fovMm: 81 }))!;
    expect(axial.rx).toBeCloseTo(10, 9);
    expect(axial.ry).toBeCloseTo(5, 9);
    expect(Math.abs(Math.sin(axial.rotation))).toBeCloseTo(0, 9); // long axis along picture x
    const probe = spheroidSection(shape, reportPlane('probe', entry, target, { size: 81, fovMm: 40.5 }))!;
    // 0.5 mm pixels: a 5 mm radius is 10 pixels, centred on the middle pixel 40.
    expect(probe.rx).toBeCloseTo(10, 9);
    expect(probe.ry).toBeCloseTo(10, 9);
    expect(probe.cx).toBeCloseTo(40, 9);
    expect(probe.cy).toBeCloseTo(40, 9);
  });
});

describe('renderReportView', () => {
  const zone: PlacedZone = {
    zone: { id: 'z', label: 'lethal', isothermC: -20, lethal: true, diameterMm: 10, lengthMm: 20, centreFromTipMm: 0, source: 's', sourceUrl: null, generic: true, derivation: '' } as unknown as PlacedZone['zone'],
    shape: { centre: [30, 15, 15], axis: [1, 0, 0], radialSemiMm: 5, axialSemiMm: 10 },
  };
  const scene = (): ReportScene => ({
    volume: cubeVolume(),
    lesions: [{ mask: cubeMask(), colour: [232, 89, 12] }],
    structures: [],
    needles: [{ entry: [0, 15, 15], target: [30, 15, 15], zones: [zone] }],
  });
  it('draws the needle on row 80, the lesion outline, the zone ellipse and the target in a 161 px axial picture', () => {
    // 1 mm pixels, centre (15, 15, 15) at pixel 80: pixel = world + 65 (large enough that the letters and bar stay clear).
    const { image } = renderReportView(scene(), 0, 'axial', { size: 161, fovMm: 161 });
    expect(pixelAt(image, 80, 80)).toEqual([...OVERLAY_COLOURS.needle]); // world (15, 15) on the needle
    expect(pixelAt(image, 80, 83)).toEqual([255, 255, 255]); // world (15, 18): inside the cube, not outlined
    expect(pixelAt(image, 75, 84)).toEqual([232, 89, 12]); // world (10, 19): the lesion's edge
    expect(pixelAt(image, 95, 80)).toEqual([...OVERLAY_COLOURS.target]); // the target (30, 15)
    expect(pixelAt(image, 95, 75)).toEqual([...OVERLAY_COLOURS.lethalZone]); // zone's edge 5 mm across the shaft
    expect(pixelAt(image, 105, 80)).toEqual([...OVERLAY_COLOURS.lethalZone]); // 10 mm beyond the tip along it
    expect(pixelAt(image, 100, 70)).toEqual([0, 0, 0]); // air outside the zone
    expect(pixelAt(image, 61, 78)).toEqual([...OVERLAY_COLOURS.entry]); // the entry (0, 15) at pixel 65: its square's left side
  });
  it('the probe view puts a cross, not a line, at the needle axis and the zone as a circle', () => {
    const { image } = renderReportView(scene(), 0, 'probe', { size: 81, fovMm: 40.5 });
    expect(pixelAt(image, 40, 34)).toEqual([...OVERLAY_COLOURS.needle]); // the cross's upper arm
    expect(pixelAt(image, 40, 40)).not.toEqual([...OVERLAY_COLOURS.needle]); // its gap at the axis
    expect(pixelAt(image, 50, 40)).toEqual([...OVERLAY_COLOURS.lethalZone]); // radius 10 px
    expect(pixelAt(image, 40, 30)).toEqual([...OVERLAY_COLOURS.lethalZone]);
  });
  it('refuses a needle the plan does not have', () => {
    expect(() => renderReportView(scene(), 1, 'axial')).toThrow(/no needle 1/);
  });
});
