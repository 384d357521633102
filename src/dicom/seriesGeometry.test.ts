import { describe, expect, it } from 'vitest';
import { analyzeSeriesGeometry } from './seriesGeometry';
import type { GeometryIssue, GeometryIssueKind } from './geometryIssues';
import type { InstanceHeader } from './instanceHeader';
import { COMPREHENSIVE_SR, CORONAL, ENHANCED_CT, SAGITTAL, ctSlice } from './testHeaders';

const numbers = (hs: readonly { instanceNumber?: number }[]): (number | undefined)[] => hs.map((h) => h.instanceNumber);
const kinds = (issues: readonly GeometryIssue[]): GeometryIssueKind[] => issues.map((i) => i.kind);
const issue = <K extends GeometryIssueKind>(issues: readonly GeometryIssue[], kind: K) =>
  issues.find((i): i is Extract<GeometryIssue, { kind: K }> => i.kind === kind);

/** Five axial slices 2.5 mm apart, z = 0 … 10, InstanceNumber 1 … 5 from the feet up. */
const clean = (): InstanceHeader[] => [0, 2.5, 5, 7.5, 10].map((z, i) => ctSlice(i + 1, z));

describe('analyzeSeriesGeometry: a clean axial series', () => {
  it('sorts shuffled slices back along the normal with the exact spacing', () => {
    const [a, b, c, d, e] = clean();
    const r = analyzeSeriesGeometry([c, a, e, b, d].filter((h): h is InstanceHeader => h !== undefined));
    expect(numbers(r.sorted)).toEqual([1, 2, 3, 4, 5]);
    expect(r.sliceSpacingMm).toBe(2.5);
    expect(r.normal).toEqual([0, 0, 1]);
    expect(r.reconstructable).toBe(true);
    expect(r.reasons).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.issues).toEqual([]);
    expect(r.excluded).toEqual([]);
  });

  it('orders slices by position, not by InstanceNumber, when numbering runs head to feet', () => {
    // InstanceNumber 1 is the top slice (z = 10); ascending along +z puts it last.
    const hs = [10, 7.5, 5, 2.5, 0].map((z, i) => ctSlice(i + 1, z));
    const r = analyzeSeriesGeometry(hs);
    expect(numbers(r.sorted)).toEqual([5, 4, 3, 2, 1]);
    expect(r.sliceSpacingMm).toBe(2.5);
    expect(r.reconstructable).toBe(true);
  });

  it('accepts steps within 1 % of the spacing (0.02 mm on 2.5 mm)', () => {
    // Steps 2.5, 2.52, 2.48: median 2.5, tolerance max(0.01, 0.025) = 0.025 mm.
    const hs = [0, 2.5, 5.02, 7.5].map((z, i) => ctSlice(i + 1, z));
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(true);
    expect(r.sliceSpacingMm).toBe(2.5);
  });
});

describe('analyzeSeriesGeometry: spacing problems', () => {
  it('names the slices around a missing slice', () => {
    // z = 0, 2.5, 5, 10, 12.5: steps 2.5, 2.5, 5, 2.5, median 2.5; 5 > 1.5 × 2.5 -> one slice missing.
    const hs = [ctSlice(1, 0), ctSlice(2, 2.5), ctSlice(3, 5), ctSlice(5, 10), ctSlice(6, 12.5)];
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(false);
    expect(r.sliceSpacingMm).toBe(2.5);
    expect(kinds(r.issues)).toEqual(['gap']);
    const gap = issue(r.issues, 'gap');
    expect(gap).toMatchObject({ gapMm: 5, expectedMm: 2.5, missingSlices: 1 });
    expect(gap?.instances).toEqual([
      { sopInstanceUID: '1.2.3.1.3', instanceNumber: 3 },
      { sopInstanceUID: '1.2.3.1.5', instanceNumber: 5 },
    ]);
    expect(r.reasons).toEqual([
      'Gap of 5 mm between instance 3 at 5 mm (SOP Instance UID 1.2.3.1.3) and instance 5 at 10 mm ' +
        '(SOP Instance UID 1.2.3.1.5), where the series steps 2.5 mm: about 1 slice missing.',
    ]);
  });

  it('finds the gap in a three-slice series, where a mean of the steps would hide it', () => {
    // Steps 2.5 and 5: the lower median is 2.5 (the mean, 3.75, would make 5 look merely uneven).
    const r = analyzeSeriesGeometry([ctSlice(1, 0), ctSlice(2, 2.5), ctSlice(3, 7.5)]);
    expect(r.sliceSpacingMm).toBe(2.5);
    expect(kinds(r.issues)).toEqual(['gap']);
  });

  it('counts several missing slices in one gap', () => {
    // A 10 mm step on 2.5 mm spacing: positions 2.5, 5 and 7.5 are missing.
    const hs = [ctSlice(1, 0), ctSlice(2, 2.5), ctSlice(3, 12.5), ctSlice(4, 15), ctSlice(5, 17.5)];
    expect(issue(analyzeSeriesGeometry(hs).issues, 'gap')).toMatchObject({ gapMm: 10, missingSlices: 3 });
  });

  it('reports images at the same position', () => {
    // Instances 3 and 4 both at z = 5; the distinct steps stay 2.5 mm.
    const hs = [0, 2.5, 5, 5, 7.5].map((z, i) => ctSlice(i + 1, z));
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(false);
    expect(r.sliceSpacingMm).toBe(2.5);
    expect(kinds(r.issues)).toEqual(['duplicate-position']);
    expect(issue(r.issues, 'duplicate-position')).toMatchObject({ positionMm: 5 });
    expect(numbers(issue(r.issues, 'duplicate-position')?.instances ?? [])).toEqual([3, 4]);
    expect(r.reasons[0]).toContain('2 images at the same slice position 5 mm');
    expect(r.reasons[0]).toContain('instance 4 (SOP Instance UID 1.2.3.1.4)');
  });

  it('reports uneven spacing with the range of steps and the worst one', () => {
    // Steps 2.5, 2.5, 3, 2: median 2.5; 3 and 2 are 0.5 mm off (> 0.025), neither is a gap (≤ 3.75).
    const hs = [0, 2.5, 5, 8, 10].map((z, i) => ctSlice(i + 1, z));
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(false);
    expect(kinds(r.issues)).toEqual(['uneven-spacing']);
    expect(issue(r.issues, 'uneven-spacing')).toMatchObject({ minStepMm: 2, maxStepMm: 3, expectedMm: 2.5 });
    expect(numbers(issue(r.issues, 'uneven-spacing')?.instances ?? [])).toEqual([3, 4]);
    expect(r.reasons[0]).toContain('2 steps differ from the usual 2.5 mm (steps range from 2 mm to 3 mm)');
  });
});

describe('analyzeSeriesGeometry: tilt and orientation', () => {
  it('reports gantry tilt with its angle when positions step in y as z steps', () => {
    // Each slice moves 0.5 mm in y per 2 mm in z: tilt = atan(0.5 / 2) = atan(0.25) ≈ 14.036°.
    const hs = [0, 1, 2, 3, 4].map((i) => ctSlice(i + 1, 2 * i, { imagePositionPatient: [-128, -128 + 0.5 * i, 2 * i] }));
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(false);
    expect(r.sliceSpacingMm).toBe(2);
    const tilt = issue(r.issues, 'gantry-tilt');
    expect(tilt?.angleDeg).toBeCloseTo((Math.atan(0.5 / 2) * 180) / Math.PI, 9);
    expect(tilt?.angleDeg).toBeCloseTo(14.036, 3);
    expect(r.reasons).toEqual([
      'Gantry tilt of 14.0°: each slice is shifted 0.5 mm within its plane per 2 mm step, so MPR and 3D ' +
        'measurements would be sheared. A de-tilted (resampled) reconstruction is needed for planning.',
    ]);
  });

  it('accepts an oblique series whose positions follow its own normal', () => {
    // Row (1,0,0), column (0,0.6,-0.8): normal = row × column = (0, 0.8, 0.6).
    // Positions step 2.5 × normal = (0, 2, 1.5), so the slices are 2.5 mm apart and not tilted.
    const oblique = [1, 0, 0, 0, 0.6, -0.8] as const;
    const hs = [0, 1, 2, 3].map((i) =>
      ctSlice(i + 1, 0, { imageOrientationPatient: oblique, imagePositionPatient: [-50, 10 + 2 * i, 5 + 1.5 * i] }),
    );
    const r = analyzeSeriesGeometry([...hs].reverse());
    expect(r.reconstructable).toBe(true);
    expect(r.issues).toEqual([]);
    expect(numbers(r.sorted)).toEqual([1, 2, 3, 4]);
    expect(r.sliceSpacingMm).toBeCloseTo(2.5, 9);
    const [nx, ny, nz] = r.normal ?? [];
    expect([nx, ny, nz].map((v) => Number(v?.toFixed(12)))).toEqual([0, 0.8, 0.6]);
  });

  it('reads the same positions as a tilt when the orientation is axial', () => {
    // Under an axial normal (0,0,1) the (0, 2, 1.5) step is 2 mm in-plane per 1.5 mm: atan(2 / 1.5) ≈ 53.13°.
    const hs = [0, 1, 2, 3].map((i) => ctSlice(i + 1, 0, { imagePositionPatient: [-50, 10 + 2 * i, 5 + 1.5 * i] }));
    expect(issue(analyzeSeriesGeometry(hs).issues, 'gantry-tilt')?.angleDeg).toBeCloseTo((Math.atan(2 / 1.5) * 180) / Math.PI, 9);
  });

  it('does not call slices side by side at one height a tilt', () => {
    // Same z, x shifted: no step along the normal, so duplicates, not a 90° tilt.
    const hs = [0, 1].map((i) => ctSlice(i + 1, 0, { imagePositionPatient: [-128 + 10 * i, -128, 0] }));
    expect(kinds(analyzeSeriesGeometry(hs).issues)).toEqual(['duplicate-position']);
  });

  it('reports mixed orientations and keeps the other orientation after the main stack', () => {
    const axial = [0, 2.5, 5].map((z, i) => ctSlice(i + 1, z));
    const sagittal = [0, 3, 6].map((x, i) => ctSlice(i + 4, 0, { imageOrientationPatient: SAGITTAL, imagePositionPatient: [x, -128, 128] }));
    const r = analyzeSeriesGeometry([...sagittal, ...axial]);
    expect(r.reconstructable).toBe(false);
    expect(kinds(r.issues)).toEqual(['mixed-orientation']);
    expect(issue(r.issues, 'mixed-orientation')?.orientations).toBe(2);
    expect(numbers(r.sorted)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.normal).toEqual([0, 0, 1]);
    expect(r.reasons[0]).toContain('the volume would use the 3 axial images [1,0,0 / 0,1,0]');
    expect(r.reasons[0]).toContain('also holds 3 sagittal images [0,1,0 / 0,0,-1]: instance 4');
  });
});

describe('analyzeSeriesGeometry: consistency of the images', () => {
  it('names the image whose matrix and pixel spacing differ', () => {
    const hs = clean().map((h) => (h.instanceNumber === 4 ? { ...h, rows: 256, columns: 256, pixelSpacing: [1, 1] as const } : h));
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(false);
    expect(issue(r.issues, 'mixed-size')).toMatchObject({
      expected: '512×512 pixels at 0.5 × 0.5 mm',
      found: ['256×256 pixels at 1 × 1 mm'],
      instances: [{ sopInstanceUID: '1.2.3.1.4', instanceNumber: 4 }],
    });
    expect(r.reasons).toEqual([
      'Images differ in size: most are 512×512 pixels at 0.5 × 0.5 mm, but instance 4 (SOP Instance UID 1.2.3.1.4) ' +
        'is 256×256 pixels at 1 × 1 mm.',
    ]);
  });

  it('refuses to combine two frames of reference', () => {
    const hs = clean().map((h) => ((h.instanceNumber ?? 0) > 3 ? { ...h, frameOfReferenceUID: '1.2.3.31' } : h));
    const r = analyzeSeriesGeometry(hs);
    expect(r.reconstructable).toBe(false);
    expect(issue(r.issues, 'multiple-frames-of-reference')?.frameOfReferenceUIDs).toEqual(['1.2.3.30', '1.2.3.31']);
    expect(r.reasons[0]).toContain('2 frames of reference (1.2.3.30: 3 images; 1.2.3.31: 2 images)');
  });

  it('warns, without blocking, when no image has a frame of reference', () => {
    const r = analyzeSeriesGeometry(clean().map((h) => ({ ...h, frameOfReferenceUID: undefined })));
    expect(r.reconstructable).toBe(true);
    expect(kinds(r.issues)).toEqual(['no-frame-of-reference']);
  });
});

describe('analyzeSeriesGeometry: objects that are not slices of the volume', () => {
  it('leaves out a localizer labelled by ImageType', () => {
    const scout = ctSlice(1, 0, { imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'], imageOrientationPatient: CORONAL });
    const axial = [0, 2.5, 5, 7.5].map((z, i) => ctSlice(i + 2, z));
    const r = analyzeSeriesGeometry([scout, ...axial]);
    expect(r.reconstructable).toBe(true);
    expect(numbers(r.sorted)).toEqual([2, 3, 4, 5]);
    expect(numbers(r.excluded)).toEqual([1]);
    expect(issue(r.issues, 'localizer')?.detectedBy).toBe('image-type');
    expect(r.warnings).toEqual([
      'Localizer (scout) image left out of the volume: instance 1 (SOP Instance UID 1.2.3.1.1), ImageType LOCALIZER.',
    ]);
  });

  it('takes a lone image of another orientation for a localizer', () => {
    const scout = ctSlice(1, 0, { imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'], imageOrientationPatient: SAGITTAL });
    const r = analyzeSeriesGeometry([scout, ...[0, 2.5, 5].map((z, i) => ctSlice(i + 2, z))]);
    expect(r.reconstructable).toBe(true);
    expect(numbers(r.excluded)).toEqual([1]);
    expect(issue(r.issues, 'localizer')?.detectedBy).toBe('orientation');
    expect(r.warnings[0]).toContain('is sagittal [0,1,0 / 0,0,-1] while the series is axial [1,0,0 / 0,1,0]');
  });

  it('lists an SR in the series as a non-image object and never sorts it', () => {
    const sr: InstanceHeader = {
      ...ctSlice(99, 0),
      sopClassUID: COMPREHENSIVE_SR,
      modality: 'SR',
      hasPixelData: false,
      imagePositionPatient: undefined,
      imageOrientationPatient: undefined,
      rows: undefined,
      columns: undefined,
      pixelSpacing: undefined,
    };
    const r = analyzeSeriesGeometry([sr, ...clean()]);
    expect(r.reconstructable).toBe(true);
    expect(numbers(r.sorted)).toEqual([1, 2, 3, 4, 5]);
    expect(numbers(r.excluded)).toEqual([99]);
    expect(issue(r.issues, 'non-image')?.sopClassNames).toEqual(['Comprehensive SR Storage']);
    expect(r.warnings).toEqual([
      '1 non-image object (Comprehensive SR Storage) listed but not drawn: instance 99 (SOP Instance UID 1.2.3.1.99).',
    ]);
  });

  it('shows a series of scouts alone as a stack, without a volume', () => {
    // Two localizers (lateral and AP) as scanners write them in a series of their own.
    const scouts = [SAGITTAL, CORONAL].map((o, i) =>
      ctSlice(i + 1, 0, { imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'], imageOrientationPatient: o }),
    );
    const r = analyzeSeriesGeometry([...scouts].reverse());
    expect(numbers(r.sorted)).toEqual([1, 2]);
    expect(r.excluded).toEqual([]);
    expect(kinds(r.issues)).toEqual(['localizer']);
    expect(r.reasons[0]).toContain('Localizer (scout) images only, shown as a stack and never as a volume');
  });

  it('does not build a volume from one image', () => {
    const r = analyzeSeriesGeometry([ctSlice(1, 0)]);
    expect(r.reconstructable).toBe(false);
    expect(r.sorted).toHaveLength(1);
    expect(r.sliceSpacingMm).toBeUndefined();
    expect(r.normal).toEqual([0, 0, 1]);
    expect(r.reasons).toEqual(['Only one image in this series: MPR needs at least two parallel slices.']);
  });

  it('falls back to a stack in InstanceNumber order when a position is missing', () => {
    const hs = clean().map((h) => (h.instanceNumber === 2 ? { ...h, imagePositionPatient: undefined } : h));
    const r = analyzeSeriesGeometry([...hs].reverse());
    expect(r.reconstructable).toBe(false);
    expect(numbers(r.sorted)).toEqual([1, 2, 3, 4, 5]);
    expect(r.normal).toBeUndefined();
    expect(r.reasons).toEqual([
      'No ImagePositionPatient (0020,0032) on instance 2 (SOP Instance UID 1.2.3.1.2): the images can only be ' +
        'shown as a stack in InstanceNumber order, without MPR.',
    ]);
  });

  it('reports a single Enhanced CT as multi-frame with its frame count', () => {
    const enhanced = ctSlice(1, 0, {
      sopClassUID: ENHANCED_CT,
      numberOfFrames: 120,
      imagePositionPatient: undefined,
      imageOrientationPatient: undefined,
    });
    const r = analyzeSeriesGeometry([enhanced]);
    expect(r.reconstructable).toBe(false);
    expect(r.sorted).toEqual([enhanced]);
    expect(kinds(r.issues)).toEqual(['multi-frame']);
    expect(issue(r.issues, 'multi-frame')?.frames).toBe(120);
    expect(r.reasons[0]).toContain('Multi-frame object with 120 frames, instance 1 (SOP Instance UID 1.2.3.1.1)');
  });

  it('leaves images without pixel data out of the stack, so the hole shows as a gap', () => {
    const hs = clean().map((h) => (h.instanceNumber === 3 ? { ...h, hasPixelData: false } : h));
    const r = analyzeSeriesGeometry(hs);
    expect(numbers(r.sorted)).toEqual([1, 2, 4, 5]);
    expect(kinds(r.issues)).toEqual(['no-pixel-data', 'gap']);
    expect(r.reconstructable).toBe(false);
  });

  it('has nothing to show for a series of non-image objects only', () => {
    const r = analyzeSeriesGeometry([{ ...ctSlice(1, 0), sopClassUID: COMPREHENSIVE_SR, hasPixelData: false }]);
    expect(r.sorted).toEqual([]);
    expect(kinds(r.issues)).toEqual(['non-image', 'no-images']);
    expect(r.reconstructable).toBe(false);
  });
});
