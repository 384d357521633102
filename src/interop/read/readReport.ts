import { ok, type Result } from '../../shared/result';
import type { CodedConcept, ImportedGraphic, ImportedMeasurementGroup, ImportedNumber, ImportedReport } from '../importTypes';
import type { DecodedPart10, NaturalDataset } from '../part10';
import { code, firstItem, isCode, items, num, nums, personName, producerOf, str } from './naturalValues';

/**
 * Reading Structured Reports: the document header, and the measurement groups of a TID 1500
 * Imaging Measurement Report (ours and other tools'). Content items are found at any depth,
 * because tools nest them differently (dcmjs and Cornerstone put the SCOORD under the NUM it
 * was inferred from; highdicom puts it in the group).
 */

const concept = (item: NaturalDataset): CodedConcept | null => code(item.ConceptNameCodeSequence);
const valueType = (item: NaturalDataset): string => str(item.ValueType)?.toUpperCase() ?? '';
const children = (item: NaturalDataset): NaturalDataset[] => items(item.ContentSequence);

const IMAGING_MEASUREMENT_REPORT = ['126000', 'DCM'] as const;
const MEASUREMENT_GROUP = ['125007', 'DCM'] as const;
const TRACKING_ID = ['112039', 'DCM'] as const;
const TRACKING_UID = ['112040', 'DCM'] as const;
const FINDING = ['121071', 'DCM'] as const;
const REFERENCED_SEGMENT = ['121191', 'DCM'] as const;
const PERSON_OBSERVER_NAME = ['121008', 'DCM'] as const;
const DEVICE_OBSERVER_NAME = ['121013', 'DCM'] as const;
const DEVICE_OBSERVER_UID = ['121012', 'DCM'] as const;
/** Finding Site: SCT 363698007, or its retired SNOMED RT form SRT G-C0E3 that older tools write. */
const isFindingSite = (c: CodedConcept | null): boolean => isCode(c, '363698007', 'SCT') || isCode(c, 'G-C0E3', 'SRT');

const is = (c: CodedConcept | null, [value, scheme]: readonly [string, string]): boolean => isCode(c, value, scheme);

/** The referenced SOP instance of an IMAGE (or COMPOSITE) content item. */
const referencedInstance = (item: NaturalDataset): string | null => str(firstItem(item, 'ReferencedSOPSequence')?.ReferencedSOPInstanceUID);

/** A SCOORD or SCOORD3D item as a graphic, or null when its data does not fit its dimension. */
function graphicOf(item: NaturalDataset): ImportedGraphic | null {
  const data = nums(item.GraphicData);
  const graphicType = str(item.GraphicType)?.toUpperCase() ?? 'POINT';
  if (!data) return null;
  if (valueType(item) === 'SCOORD3D') {
    if (data.length % 3 !== 0) return null;
    const points: [number, number, number][] = [];
    for (let p = 0; p < data.length; p += 3) points.push([data[p]!, data[p + 1]!, data[p + 2]!]);
    return { dims: 3, graphicType, points, frameOfReferenceUID: str(item.ReferencedFrameOfReferenceUID), concept: concept(item) };
  }
  if (data.length % 2 !== 0) return null;
  const points: [number, number][] = [];
  for (let p = 0; p < data.length; p += 2) points.push([data[p]!, data[p + 1]!]);
  // A SCOORD is "selected from" the image it was drawn on, a child IMAGE item.
  const image = children(item).find((c) => valueType(c) === 'IMAGE');
  return { dims: 2, graphicType, points, referencedSopInstanceUID: image ? referencedInstance(image) : null, concept: concept(item) };
}

/** What a group collects while its subtree is walked. */
interface GroupWalk {
  readonly group: ImportedMeasurementGroup;
  emptyNums: number;
  badGraphics: number;
}

/** A NUM with a value, or null for an empty one (MeasuredValueSequence absent or empty). */
function numberOf(item: NaturalDataset, c: CodedConcept): ImportedNumber | null {
  const mv = firstItem(item, 'MeasuredValueSequence');
  const value = mv ? num(mv.NumericValue) : null;
  if (mv === null || value === null) return null;
  const modifiers = children(item)
    .filter((m) => valueType(m) === 'CODE')
    .map((m) => code(m.ConceptCodeSequence))
    .filter((m): m is CodedConcept => m !== null);
  return { concept: c, value, unit: code(mv.MeasurementUnitsCodeSequence), modifiers };
}

/**
 * Collects the content of a measurement group's subtree: the group's own tracking items
 * and finding are its direct children; numbers, graphics and the referenced segment may be
 * anywhere below (but not inside a nested measurement group, which is a group of its own).
 */
function walkGroup(item: NaturalDataset, w: GroupWalk, direct: boolean): void {
  for (const child of children(item)) {
    const vt = valueType(child);
    const c = concept(child);
    if (vt === 'CONTAINER' && is(c, MEASUREMENT_GROUP)) continue;
    if (vt === 'TEXT') {
      const text = str(child.TextValue);
      if (direct && is(c, TRACKING_ID) && w.group.trackingId === null) w.group.trackingId = text;
      else if (c && text !== null) w.group.texts.push({ concept: c, value: text });
    } else if (vt === 'UIDREF') {
      const uid = str(child.UID);
      if (direct && is(c, TRACKING_UID) && w.group.trackingUid === null) w.group.trackingUid = uid;
      else if (c && uid !== null && !is(c, TRACKING_UID)) w.group.texts.push({ concept: c, value: uid });
    } else if (vt === 'CODE') {
      const value = code(child.ConceptCodeSequence);
      if (c && value) {
        if (direct && is(c, FINDING) && w.group.finding === null) w.group.finding = value;
        else if (direct && isFindingSite(c) && w.group.findingSite === null) w.group.findingSite = value;
        else if (direct) w.group.codes.push({ concept: c, value });
      }
    } else if (vt === 'NUM') {
      if (c) {
        const n = numberOf(child, c);
        if (n) w.group.numbers.push(n);
        else w.emptyNums++;
      }
    } else if (vt === 'SCOORD' || vt === 'SCOORD3D') {
      const g = graphicOf(child);
      if (g) w.group.graphics.push(g);
      else w.badGraphics++;
      continue; // its IMAGE child is the image it was drawn on, already read
    } else if (vt === 'IMAGE') {
      const ref = firstItem(child, 'ReferencedSOPSequence');
      const segment = num(ref?.ReferencedSegmentNumber);
      const uid = str(ref?.ReferencedSOPInstanceUID);
      if (segment !== null && uid && (is(c, REFERENCED_SEGMENT) || w.group.referencedSegment === null)) {
        w.group.referencedSegment = { sopInstanceUID: uid, segmentNumber: segment };
      }
    }
    walkGroup(child, w, false);
  }
}

/** Every measurement group in the tree, in document order, at any depth. */
function findGroups(item: NaturalDataset, out: NaturalDataset[]): void {
  for (const child of children(item)) {
    if (valueType(child) === 'CONTAINER' && is(concept(child), MEASUREMENT_GROUP)) out.push(child);
    findGroups(child, out);
  }
}

/** The observer named in the root's observation context: a person, else a device. */
function observerOf(root: NaturalDataset): string | null {
  let device: string | null = null;
  for (const child of children(root)) {
    const c = concept(child);
    if (is(c, PERSON_OBSERVER_NAME)) {
      // Older writers (highdicom before 0.5) put the name in a TEXT item instead of PNAME.
      const p = personName(child.PersonName) ?? str(child.TextValue);
      if (p) return p;
    } else if (device === null && is(c, DEVICE_OBSERVER_NAME)) device = str(child.TextValue);
    else if (device === null && is(c, DEVICE_OBSERVER_UID)) device = str(child.UID);
  }
  return device;
}

/**
 * Reads an SR document. A TID 1500 report (root concept DCM 126000 or template 1500) gives
 * its measurement groups; any other SR reads with no groups and a note saying why nothing
 * in it can be measured or drawn.
 */
export function readReport(decoded: DecodedPart10, name: string): Result<ImportedReport> {
  const { dataset: ds, meta } = decoded;
  const notes: string[] = [];
  const title = concept(ds);
  const templateId = str(firstItem(ds, 'ContentTemplateSequence')?.TemplateIdentifier);
  const tid1500 = is(title, IMAGING_MEASUREMENT_REPORT) || templateId === '1500';
  const groups: ImportedMeasurementGroup[] = [];
  if (!tid1500) {
    notes.push(
      `not a TID 1500 Imaging Measurement Report (title ${title ? `${title.value} ${title.scheme} "${title.meaning}"` : 'missing'}${templateId ? `, template ${templateId}` : ''}): nothing in it can be measured or drawn`,
    );
  } else {
    const found: NaturalDataset[] = [];
    findGroups(ds, found);
    let emptyNums = 0, badGraphics = 0;
    for (const g of found) {
      const w: GroupWalk = {
        group: { trackingId: null, trackingUid: null, finding: null, findingSite: null, graphics: [], numbers: [], texts: [], codes: [], referencedSegment: null },
        emptyNums: 0,
        badGraphics: 0,
      };
      walkGroup(g, w, true);
      groups.push(w.group);
      emptyNums += w.emptyNums;
      badGraphics += w.badGraphics;
    }
    if (emptyNums > 0) notes.push(`${emptyNums} NUM item(s) without a measured value skipped`);
    if (badGraphics > 0) notes.push(`${badGraphics} coordinate item(s) with malformed GraphicData skipped`);
    if (found.length === 0) notes.push('a TID 1500 report with no measurement group');
  }
  const predecessors = items(ds.PredecessorDocumentsSequence)
    .flatMap((study) => items(study.ReferencedSeriesSequence))
    .flatMap((series) => items(series.ReferencedSOPSequence))
    .map((sop) => str(sop.ReferencedSOPInstanceUID))
    .filter((u): u is string => !!u);
  return ok({
    kind: 'sr',
    name,
    sopClassUID: str(ds.SOPClassUID) ?? str(meta.MediaStorageSOPClassUID) ?? '',
    sopInstanceUID: str(ds.SOPInstanceUID) ?? str(meta.MediaStorageSOPInstanceUID) ?? '',
    seriesInstanceUID: str(ds.SeriesInstanceUID) ?? '',
    studyInstanceUID: str(ds.StudyInstanceUID) ?? '',
    title,
    templateId,
    producer: producerOf(ds),
    observer: observerOf(ds),
    completion: str(ds.CompletionFlag),
    verification: str(ds.VerificationFlag),
    predecessorSopInstanceUIDs: predecessors,
    groups,
    notes,
  });
}
