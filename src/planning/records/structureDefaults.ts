import type { StructureKind } from './structureAtRisk';

/** What a new structure of a kind starts with; the user edits all of it. */
export interface StructureDefault {
  readonly name: string;
  readonly colour: string;
  readonly safetyDistanceMm: number;
}

/**
 * Starting values for new structures at risk. The safety distances are placeholders for the
 * site to set (no published table was found to cite); they are not clinical advice, and
 * every structure stores the distance actually used.
 */
export const STRUCTURE_DEFAULTS: Readonly<Record<StructureKind, StructureDefault>> = {
  'spinal-canal': { name: 'Spinal canal', colour: '#4dabf7', safetyDistanceMm: 5 },
  'spinal-cord': { name: 'Spinal cord', colour: '#1c7ed6', safetyDistanceMm: 5 },
  'nerve-root': { name: 'Nerve root', colour: '#fab005', safetyDistanceMm: 5 },
  bowel: { name: 'Bowel', colour: '#a9e34b', safetyDistanceMm: 5 },
  bladder: { name: 'Bladder', colour: '#fcc419', safetyDistanceMm: 5 },
  'major-vessel': { name: 'Major vessel', colour: '#e03131', safetyDistanceMm: 5 },
  skin: { name: 'Skin', colour: '#f783ac', safetyDistanceMm: 5 },
  other: { name: 'Structure', colour: '#868e96', safetyDistanceMm: 5 },
};
