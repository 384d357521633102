import type { NaturalDataset } from '../part10';

/** Text without backslashes (the value separator) or control characters, which PN and LO refuse. */
const cleanText = (text: string): string =>
  [...text]
    .map((c) => (c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .trim();

/** A value for a PN attribute: no backslash or control characters, a component group of at most 64. */
export const personName = (name: string): string => cleanText(name).slice(0, 64);

/** A value for an LO attribute: no backslash or control characters, at most 64 characters. */
export const longString = (text: string): string => {
  const clean = cleanText(text);
  return clean.length <= 64 ? clean : `${clean.slice(0, 61).trimEnd()}...`;
};

/** The SeriesDescription of the plan's SR series (LO: long titles shortened to fit). */
export function srSeriesDescription(title: string): string {
  const head = 'PercuPlan plan: ';
  const tail = ' (SR)';
  const room = 64 - head.length - tail.length;
  const t = cleanText(title) || 'untitled';
  return `${head}${t.length <= room ? t : `${t.slice(0, room - 3).trimEnd()}...`}${tail}`;
}

const hasNonAscii = (value: unknown): boolean => {
  if (typeof value === 'string') return [...value].some((c) => c.charCodeAt(0) > 0x7e);
  if (Array.isArray(value)) return value.some(hasNonAscii);
  if (value !== null && typeof value === 'object' && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) return Object.values(value).some(hasNonAscii);
  return false;
};

/**
 * The Specific Character Set for a dataset dcmjs writes (its strings go out as UTF-8): none
 * when every text is ASCII, the default repertoire (dcmtk's VR checker warns on ISO_IR 192,
 * so plain ASCII files stay free of that warning), else ISO_IR 192.
 */
export const specificCharacterSet = (dataset: NaturalDataset): NaturalDataset => (hasNonAscii(dataset) ? { SpecificCharacterSet: 'ISO_IR 192' } : {});
