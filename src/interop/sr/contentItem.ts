import type { NaturalDataset } from '../part10';
import type { CodedConcept } from '../codedConcept';
import { formatDs } from './dsString';

/**
 * SR content items (PS3.3 C.17.3) in naturalized form, built by hand rather than with dcmjs's
 * SR helpers (which default to Enhanced SR, a "99dcmjs" scheme and null for 0 coordinates).
 * Each builder takes the relationship to its parent first; children go in `ContentSequence`.
 */
export type Relationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS ACQ CONTEXT' | 'HAS CONCEPT MOD' | 'HAS PROPERTIES' | 'INFERRED FROM';

/** A content item (an element of a ContentSequence). */
export type ContentItem = NaturalDataset;

const withChildren = (item: ContentItem, children: readonly ContentItem[]): ContentItem =>
  children.length > 0 ? { ...item, ContentSequence: [...children] } : item;

const base = (rel: Relationship, valueType: string, concept: CodedConcept): ContentItem => ({
  RelationshipType: rel,
  ValueType: valueType,
  ConceptNameCodeSequence: [{ ...concept }],
});

/** A CONTAINER with SEPARATE continuity (its items are not one running text). */
export const container = (rel: Relationship, concept: CodedConcept, children: readonly ContentItem[]): ContentItem =>
  withChildren({ ...base(rel, 'CONTAINER', concept), ContinuityOfContent: 'SEPARATE' }, children);

/** A TEXT item (UT value). */
export const textItem = (rel: Relationship, concept: CodedConcept, text: string, children: readonly ContentItem[] = []): ContentItem =>
  withChildren({ ...base(rel, 'TEXT', concept), TextValue: text }, children);

/** A CODE item. */
export const codeItem = (rel: Relationship, concept: CodedConcept, value: CodedConcept, children: readonly ContentItem[] = []): ContentItem =>
  withChildren({ ...base(rel, 'CODE', concept), ConceptCodeSequence: [{ ...value }] }, children);

/** A UIDREF item. */
export const uidItem = (rel: Relationship, concept: CodedConcept, uid: string): ContentItem => ({ ...base(rel, 'UIDREF', concept), UID: uid });

/** A PNAME item. */
export const personItem = (rel: Relationship, concept: CodedConcept, name: string): ContentItem => ({ ...base(rel, 'PNAME', concept), PersonName: name });

/**
 * A NUM item with its UCUM unit. The value is written as a DS of at most 16 characters
 * ({@link formatDs}); one that cannot be is reported in `errors` (naming `what`) and the item is
 * left out (null).
 */
export function numItem(
  rel: Relationship,
  concept: CodedConcept,
  value: number,
  unit: CodedConcept,
  errors: string[],
  what: string,
  children: readonly ContentItem[] = [],
): ContentItem | null {
  const ds = formatDs(value);
  if (!ds.ok) {
    errors.push(`${what}: ${ds.error}`);
    return null;
  }
  return withChildren(
    { ...base(rel, 'NUM', concept), MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [{ ...unit }], NumericValue: ds.value }] },
    children,
  );
}

/**
 * A SCOORD3D POLYLINE through `points` (LPS mm, written as FL, so about 1e-5 mm off), in the
 * frame of reference named. A coordinate of 0 stays 0 (−0 is written as 0).
 */
export const polyline3dItem = (
  rel: Relationship,
  concept: CodedConcept | null,
  points: readonly (readonly [number, number, number])[],
  frameOfReferenceUID: string,
): ContentItem => ({
  RelationshipType: rel,
  ValueType: 'SCOORD3D',
  ...(concept ? { ConceptNameCodeSequence: [{ ...concept }] } : {}),
  GraphicType: 'POLYLINE',
  GraphicData: points.flatMap((p) => p.map((c) => (c === 0 ? 0 : c))),
  ReferencedFrameOfReferenceUID: frameOfReferenceUID,
});

/** An IMAGE item referencing one instance (and, for a SEG, one segment of it). */
export const imageItem = (
  rel: Relationship,
  concept: CodedConcept | null,
  sopClassUID: string,
  sopInstanceUID: string,
  segmentNumber?: number,
): ContentItem => ({
  RelationshipType: rel,
  ValueType: 'IMAGE',
  ...(concept ? { ConceptNameCodeSequence: [{ ...concept }] } : {}),
  ReferencedSOPSequence: [
    {
      ReferencedSOPClassUID: sopClassUID,
      ReferencedSOPInstanceUID: sopInstanceUID,
      ...(segmentNumber !== undefined ? { ReferencedSegmentNumber: segmentNumber } : {}),
    },
  ],
});

/** The non-null items, in order (builders return null for a value that could not be written). */
export const present = (items: readonly (ContentItem | null | undefined)[]): ContentItem[] =>
  items.filter((i): i is ContentItem => i !== null && i !== undefined);
