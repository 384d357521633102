import type { ImportedObject } from '../../interop/importTypes';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';

/** Tools whose names are buried in Manufacturer/ModelName strings, as the series browser shows them. */
const KNOWN_TOOLS: readonly [RegExp, string][] = [
  [/percuplan/i, 'PercuPlan'],
  [/dcmqi/i, 'dcmqi'],
  [/highdicom/i, 'highdicom'],
  [/dcmjs/i, 'dcmjs'],
  [/syngo\.?via/i, 'syngo.via'],
  [/slicer/i, '3D Slicer'],
  [/offis|dcmtk/i, 'OFFIS DCMTK'],
  [/pydicom/i, 'pydicom'],
];

/** A short name for the tool that wrote an object: a known tool, else the start of what it says. */
export function producerName(producer: string): string {
  for (const [re, label] of KNOWN_TOOLS) if (re.test(producer)) return label;
  const p = producer.trim();
  if (!p) return 'unknown producer';
  return p.length > 32 ? `${p.slice(0, 31)}…` : p;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * What a SEG or SR is, in one line of the series browser:
 * "Segmentation · 4 segments · dcmqi", "Measurement report (TID 1500) · 9 groups · PercuPlan".
 */
export function objectKindLabel(o: ImportedObject): string {
  if (o.kind === 'seg') {
    const kind = o.segmentationType === 'LABELMAP' ? 'Segmentation (label map)' : o.segmentationType === 'FRACTIONAL' ? 'Segmentation (fractional)' : 'Segmentation';
    return `${kind} · ${plural(o.segments.length, 'segment')} · ${producerName(o.producer)}`;
  }
  const tid1500 = o.templateId === '1500' || o.groups.length > 0;
  const kind = tid1500 ? 'Measurement report (TID 1500)' : 'Structured report';
  const groups = tid1500 ? plural(o.groups.length, 'group') : 'no measurements';
  return `${kind} · ${groups} · ${producerName(o.producer)}`;
}

/** Volume in millilitres of `voxels` voxels of a grid (mm³ / 1000). */
export const voxelsToMl = (voxels: number, geometry: Pick<VolumeGeometry, 'spacing'>): number =>
  (voxels * geometry.spacing[0] * geometry.spacing[1] * geometry.spacing[2]) / 1000;
