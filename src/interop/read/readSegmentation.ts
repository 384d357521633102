import { err, ok, type Result } from '../../shared/result';
import type { ImportedSegment, ImportedSegmentation, SegFrame } from '../importTypes';
import type { DecodedPart10, NaturalDataset } from '../part10';
import { dicomLabToHex, paletteColour } from './cieLab';
import { code, firstItem, isCode, items, num, nums, producerOf, str, triple } from './naturalValues';
import { labelFrame, nativePixelBytes, thresholdFractionalFrame, unpackBinaryFrame } from './segPixels';

/** Label Map Segmentation Storage (PS3.4, 2024): pixels hold segment numbers. */
export const LABEL_MAP_SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.7';

/** Transfer syntaxes whose pixel data is native (not encapsulated): the only ones read. */
const NATIVE_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2']);
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** The bytes of native PixelData as dcmjs gives them (one buffer, or a list of buffers). */
function pixelBytes(v: unknown): Uint8Array | null {
  const parts = (Array.isArray(v) ? v : [v]).flatMap((p): Uint8Array[] => {
    if (p instanceof ArrayBuffer) return [new Uint8Array(p)];
    if (ArrayBuffer.isView(p)) return [new Uint8Array(p.buffer, p.byteOffset, p.byteLength)];
    return [];
  });
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A functional group of one frame: its per-frame item, else the shared one. */
function groupOf(perFrame: NaturalDataset | null, shared: NaturalDataset | null, key: string): NaturalDataset | null {
  return firstItem(perFrame, key) ?? firstItem(shared, key);
}

/** The one source image a frame was derived from; null when none or several are named. */
function sourceImageOf(perFrame: NaturalDataset | null, shared: NaturalDataset | null): string | null {
  const derivation = items(perFrame?.DerivationImageSequence).length > 0 ? perFrame : shared;
  const sources = items(derivation?.DerivationImageSequence).flatMap((d) => items(d.SourceImageSequence));
  const uids = [...new Set(sources.map((s) => str(s.ReferencedSOPInstanceUID)).filter((u): u is string => !!u))];
  return uids.length === 1 ? uids[0]! : null;
}

/** A segment description from its SegmentSequence item. */
function segmentOf(s: NaturalDataset, number: number): ImportedSegment {
  const lab = nums(s.RecommendedDisplayCIELabValue);
  return {
    number,
    label: str(s.SegmentLabel) ?? `Segment ${number}`,
    description: str(s.SegmentDescription),
    colour: lab && lab.length === 3 ? dicomLabToHex([lab[0]!, lab[1]!, lab[2]!]) : paletteColour(number),
    category: code(s.SegmentedPropertyCategoryCodeSequence),
    type: code(s.SegmentedPropertyTypeCodeSequence),
    trackingId: str(s.TrackingID),
    trackingUid: str(s.TrackingUID),
    algorithmType: str(s.SegmentAlgorithmType),
  };
}

/** True for a label map's background segment (DCM 125040 "Background"), which is not drawn. */
const isBackground = (s: ImportedSegment): boolean => isCode(s.type, '125040', 'DCM');

const sameNumbers = (a: readonly number[] | null, b: readonly number[] | null): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-4));

/**
 * Reads a Segmentation (66.4: BINARY or FRACTIONAL) or Label Map Segmentation (66.7) into
 * 0/1 frames per segment. Per-frame functional groups are looked up per frame, then in the
 * shared groups, as the standard allows either. Fails with a message naming `name` and the
 * reason for compressed pixel data, unknown segmentation types and pixel data too short.
 */
export function readSegmentation(decoded: DecodedPart10, name: string): Result<ImportedSegmentation> {
  const { dataset: ds, meta } = decoded;
  const notes: string[] = [];
  const sopClass = str(ds.SOPClassUID) ?? str(meta.MediaStorageSOPClassUID) ?? '';
  const labelMapClass = sopClass === LABEL_MAP_SEGMENTATION_STORAGE;
  const declared = str(ds.SegmentationType)?.toUpperCase() ?? null;
  const type = labelMapClass ? 'LABELMAP' : declared;
  if (type !== 'BINARY' && type !== 'FRACTIONAL' && type !== 'LABELMAP') {
    return err(`${name}: SegmentationType ${declared ?? '(missing)'} not read: only BINARY, FRACTIONAL and LABELMAP are known`);
  }
  const syntax = str(meta.TransferSyntaxUID) ?? '1.2.840.10008.1.2';
  if (!NATIVE_SYNTAXES.has(syntax)) {
    return err(`${name}: SegmentationType ${type} with compressed pixel data (transfer syntax ${syntax}) not read: only native (uncompressed) SEG pixel data is supported`);
  }
  const rows = num(ds.Rows), columns = num(ds.Columns);
  if (!rows || !columns || rows <= 0 || columns <= 0) return err(`${name}: Rows or Columns missing`);
  const frameCount = num(ds.NumberOfFrames) ?? 1;
  const bits = num(ds.BitsAllocated) ?? 0;
  const expectedBits = type === 'BINARY' ? [1] : type === 'FRACTIONAL' ? [8] : [8, 16];
  if (!expectedBits.includes(bits)) {
    return err(`${name}: SegmentationType ${type} with BitsAllocated ${bits} not read: expected ${expectedBits.join(' or ')}`);
  }
  if (bits === 16 && syntax === BIG_ENDIAN) return err(`${name}: SegmentationType ${type} with 16-bit big-endian pixel data not read`);
  const data = pixelBytes(ds.PixelData);
  if (!data) return err(`${name}: SegmentationType ${type} without pixel data not read`);
  const needed = nativePixelBytes(rows, columns, frameCount, bits);
  if (data.length < needed) {
    return err(`${name}: SegmentationType ${type} not read: pixel data holds ${data.length} bytes, ${frameCount} frames of ${rows}×${columns} need ${needed}`);
  }

  const described = items(ds.SegmentSequence).flatMap((s) => {
    const n = num(s.SegmentNumber);
    return n === null ? [] : [segmentOf(s, n)];
  });
  const background = labelMapClass || type === 'LABELMAP' ? described.filter(isBackground) : [];
  if (background.length > 0) notes.push(`label map background (segment ${background.map((b) => b.number).join(', ')}) not shown`);
  const segments = described.filter((s) => !background.includes(s));
  const known = new Set(segments.map((s) => s.number));
  if (segments.length === 0) return err(`${name}: SegmentationType ${type} not read: the SegmentSequence describes no segment`);

  const shared = firstItem(ds, 'SharedFunctionalGroupsSequence');
  const perFrames = items(ds.PerFrameFunctionalGroupsSequence);
  const pixelsPerFrame = rows * columns;
  const maxFractional = num(ds.MaximumFractionalValue) ?? 255;
  if (type === 'FRACTIONAL') {
    notes.push(`fractional (${str(ds.SegmentationFractionalType) ?? 'PROBABILITY'}) segments thresholded at 50 % of ${maxFractional}`);
  }
  const padding = num(ds.PixelPaddingValue);
  const frames: SegFrame[] = [];
  const undescribed = new Set<number>();
  let orientation: number[] | null = null;
  let spacing: [number, number] | null = null;
  let orientationsDiffer = false;

  for (let f = 0; f < frameCount; f++) {
    const pf = perFrames[f] ?? null;
    const ipp = triple(groupOf(pf, shared, 'PlanePositionSequence')?.ImagePositionPatient);
    const iop = nums(groupOf(pf, shared, 'PlaneOrientationSequence')?.ImageOrientationPatient) ?? nums(ds.ImageOrientationPatient);
    const ps = nums(groupOf(pf, shared, 'PixelMeasuresSequence')?.PixelSpacing) ?? nums(ds.PixelSpacing);
    if (f === 0) {
      orientation = iop && iop.length === 6 ? iop : null;
      spacing = ps && ps.length === 2 ? [ps[0]!, ps[1]!] : null;
    } else if (!sameNumbers(iop, orientation) || !sameNumbers(ps, spacing)) {
      orientationsDiffer = true;
    }
    const ref = sourceImageOf(pf, shared);
    if (type === 'LABELMAP') {
      const labels = labelFrame(data, f, pixelsPerFrame, bits === 16 ? 16 : 8);
      const present = new Set<number>();
      for (let p = 0; p < pixelsPerFrame; p++) present.add(labels[p]!);
      for (const v of [...present].sort((a, b) => a - b)) {
        if (v === padding || background.some((b) => b.number === v)) continue;
        if (!known.has(v)) {
          // Value 0 with no background segment declared is the implicit background.
          if (v !== 0) undescribed.add(v);
          continue;
        }
        const pixels = new Uint8Array(pixelsPerFrame);
        for (let p = 0; p < pixelsPerFrame; p++) pixels[p] = labels[p] === v ? 1 : 0;
        frames.push({ segmentNumber: v, referencedSopInstanceUID: ref, imagePositionPatient: ipp, pixels });
      }
      continue;
    }
    let segmentNumber = num(groupOf(pf, shared, 'SegmentIdentificationSequence')?.ReferencedSegmentNumber);
    if (segmentNumber === null && segments.length === 1) segmentNumber = segments[0]!.number;
    if (segmentNumber === null) return err(`${name}: SegmentationType ${type} not read: frame ${f + 1} names no segment`);
    if (!known.has(segmentNumber)) {
      undescribed.add(segmentNumber);
      continue;
    }
    const pixels =
      type === 'BINARY'
        ? unpackBinaryFrame(data, f, pixelsPerFrame)
        : thresholdFractionalFrame(data, f, pixelsPerFrame, maxFractional);
    frames.push({ segmentNumber, referencedSopInstanceUID: ref, imagePositionPatient: ipp, pixels });
  }
  if (undescribed.size > 0) notes.push(`frames of undescribed segment number(s) ${[...undescribed].join(', ')} ignored`);
  if (orientationsDiffer) notes.push('frames differ in orientation or pixel spacing: the first frame’s are used');

  const referencedSeries = items(ds.ReferencedSeriesSequence);
  const derivations = [shared, ...perFrames].flatMap((g) => items(g?.DerivationImageSequence)).flatMap((d) => items(d.SourceImageSequence));
  const referenced = [...referencedSeries.flatMap((s) => items(s.ReferencedInstanceSequence)), ...derivations]
    .map((r) => str(r.ReferencedSOPInstanceUID))
    .filter((u): u is string => !!u);
  return ok({
    kind: 'seg',
    name,
    sopInstanceUID: str(ds.SOPInstanceUID) ?? str(meta.MediaStorageSOPInstanceUID) ?? '',
    seriesInstanceUID: str(ds.SeriesInstanceUID) ?? '',
    studyInstanceUID: str(ds.StudyInstanceUID) ?? '',
    frameOfReferenceUID: str(ds.FrameOfReferenceUID),
    producer: producerOf(ds),
    seriesDescription: str(ds.SeriesDescription),
    contentLabel: str(ds.ContentLabel),
    segmentationType: type,
    rows,
    columns,
    imageOrientationPatient: orientation,
    pixelSpacing: spacing,
    referencedSeriesInstanceUID: referencedSeries.length > 0 ? str(referencedSeries[0]!.SeriesInstanceUID) : null,
    referencedInstanceUIDs: [...new Set(referenced)],
    segments,
    frames,
    notes,
  });
}
