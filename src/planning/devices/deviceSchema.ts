import { z } from 'zod';

/**
 * The device catalogue as data (architecture principle 4): every number that describes an
 * ablation zone carries where it came from, what it was measured in, and whether it is a
 * generic default rather than a device's own figure. The schema is shared by the browser
 * (catalogue viewer) and the server (metrics recomputation).
 */

const text = z.string().trim().max(2000);
const label = z.string().trim().min(1).max(200);
const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Lower-case letters, digits, dots, dashes and underscores');
const mm = (max: number) => z.number().finite().positive().max(max);

/** What a device is, which decides whether it has ablation zones. */
export const deviceKindSchema = z.enum(['cryoprobe', 'microwave-antenna', 'rf-electrode', 'bone-access-needle', 'spinal-needle']);

/** A device kind. */
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** The kinds that ablate and so may carry zone sets. */
export const ABLATION_KINDS: readonly DeviceKind[] = ['cryoprobe', 'microwave-antenna', 'rf-electrode'];

/** True for cryoprobes, microwave antennas and RF electrodes. */
export const isAblationKind = (kind: DeviceKind): boolean => ABLATION_KINDS.includes(kind);

/**
 * Where a figure came from and under what conditions: shown next to the zone in the UI.
 * `generic` is true for the shipped defaults derived from published figures, never from a
 * vendor's chart; a site that enters its own device's figures sets it to false.
 */
export const provenanceShape = {
  source: label.describe('Publication or document the figure comes from, e.g. "Littrup et al., JVIR 2009"'),
  conditions: text.min(1).describe('What was done: power and time, freeze time, probe spacing ...'),
  tissue: text.min(1).describe('What the figure was measured in: phantom, ex vivo liver, bone ...'),
  generic: z.boolean().describe('True for generic defaults; false for a device-specific figure entered by the site'),
};

/**
 * One zone: a spheroid around the shaft (rotationally symmetric about it), placed relative to
 * the tip. `centreFromTipMm` is measured from the tip back toward the entry along the shaft;
 * negative puts the centre beyond the tip. `lengthMm` is along the shaft, `diameterMm` across.
 */
export const zoneEllipsoidSchema = z.strictObject({
  id,
  label,
  isothermC: z.number().min(-200).max(200).nullable().describe('The isotherm the surface stands for (cryo), or null for a heat zone'),
  lethal: z.boolean().describe('True for the zone that counts as ablated (coverage and margins use it)'),
  diameterMm: mm(200),
  lengthMm: mm(300),
  centreFromTipMm: z.number().finite().min(-100).max(300),
  ...provenanceShape,
  derivation: text.default('').describe('How the number was derived from the source, with every assumption named'),
});

/** One zone ellipsoid of a device. */
export type ZoneEllipsoid = z.infer<typeof zoneEllipsoidSchema>;

/**
 * The zones of one setting of a device (a freeze protocol, or a power and time): nested
 * ellipsoids from the outermost (e.g. 0 °C visible ice) inward.
 */
export const zoneSetSchema = z.strictObject({
  id,
  label,
  zones: z.array(zoneEllipsoidSchema).min(1).max(10),
});

/** A zone set. */
export type ZoneSet = z.infer<typeof zoneSetSchema>;

/**
 * The multi-probe ("cluster hull") model's parameters and the published figures it is
 * calibrated on; see zones/clusterHullModel.ts for the model itself.
 */
export const synergySchema = z.strictObject({
  model: z.literal('cluster-hull'),
  synergyDistanceMm: mm(100).describe('Probes whose lethal-zone centres lie this close join one cluster; triangles of probes with a circumradius up to this are filled'),
  calibration: z.strictObject({
    spacingMm: mm(100),
    lethalDiametersMm: z.array(mm(500)).min(1).max(4).describe('Index n−1: the lethal diameter of n probes (1 to 4, the calibrated layouts)'),
    arrangements: text.min(1),
    diameterDefinition: text.min(1),
  }),
  ...provenanceShape,
});

/** Multi-probe model parameters. */
export type Synergy = z.infer<typeof synergySchema>;

/** One device of the catalogue. */
export const deviceSchema = z.strictObject({
  id,
  name: label,
  kind: deviceKindSchema,
  gauge: z.int().min(6).max(30).nullable().describe('Needle gauge, or null when the device is specified by diameter only'),
  outerDiameterMm: mm(20),
  workingLengthMm: mm(500),
  generic: z.boolean().describe('True for a generic default device, not a named product'),
  notes: text.default(''),
  zoneSets: z.array(zoneSetSchema).max(20).default([]),
  zonesNote: text.default('').describe('Why an ablation device has no zones yet, e.g. "enter from the instructions for use"'),
  synergy: synergySchema.nullable().default(null),
});

/** A device. */
export type Device = z.infer<typeof deviceSchema>;

/** The schema version of catalogue files this code reads and writes. */
export const CATALOGUE_VERSION = 1;

/** A device catalogue file. */
export const catalogueSchema = z.strictObject({
  catalogueVersion: z.literal(CATALOGUE_VERSION),
  title: label,
  notice: text.min(1).describe('Shown with the catalogue: what the numbers are and are not'),
  devices: z.array(deviceSchema).min(1).max(1000),
});

/** A validated device catalogue. */
export type DeviceCatalogue = z.infer<typeof catalogueSchema>;
