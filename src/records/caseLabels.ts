import { CASE_STATUSES } from './caseStatus';
import { PROCEDURES } from './procedures';
import { TUMOUR_TYPES } from './tumourTypes';

/** How a case-record field is named on screen: a clinical label and, for measured values, the unit. */
export interface FieldLabel {
  readonly label: string;
  readonly unit?: string;
  /** For a list: what one entry is called ("Follow-up visit" → "Follow-up visit 1"). */
  readonly item?: string;
}

type Table = Record<string, FieldLabel>;

/** Prefixes every key of a sub-table, so a shape used twice (analgesics, pain scores) is labelled once. */
const under = (prefix: string, table: Table): Table => Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}.${k}`, v]));

const PAIN_SCORES: Table = {
  atRest: { label: 'Pain at rest', unit: 'NRS 0–10' },
  onWeightBearing: { label: 'Pain on weight bearing', unit: 'NRS 0–10' },
};

const ANALGESICS: Table = {
  entries: { label: 'Regimen', item: 'Analgesic' },
  'entries.name': { label: 'Drug and regimen' },
  'entries.opioid': { label: 'Opioid (for MME)' },
  'entries.dailyDose': { label: 'Daily dose' },
  'entries.unit': { label: 'Dose unit' },
  'entries.route': { label: 'Route' },
  'entries.notes': { label: 'Notes' },
  mme: { label: 'Morphine milligram equivalents', unit: 'MME/day' },
};

const score = (key: string, name: string, components: Table): Table => ({
  [key]: { label: name },
  [`${key}.components`]: { label: `${name}: components` },
  [`${key}.result`]: { label: `${name}: result` },
  ...under(`${key}.components`, components),
});

const LESION: Table = {
  id: { label: 'Lesion id' },
  label: { label: 'Label' },
  region: { label: 'Region' },
  spinalLevel: { label: 'Vertebral level' },
  side: { label: 'Side' },
  site: { label: 'Site' },
  lesionType: { label: 'Lesion type' },
  pathologicalFracture: { label: 'Pathological fracture' },
  largestDiameterMm: { label: 'Largest diameter', unit: 'mm' },
  boneInvolvement: { label: 'Bone involvement' },
  softTissueExtension: { label: 'Soft-tissue extension' },
  softTissueInvolvement: { label: 'Soft-tissue involvement' },
  studyInstanceUID: { label: 'Study where it is best seen' },
  scores: { label: 'Scores' },
  ...under('scores', {
    ...score('sins', 'SINS (spinal instability)', {
      location: { label: 'Location' },
      pain: { label: 'Pain' },
      boneLesion: { label: 'Bone lesion' },
      alignment: { label: 'Radiographic alignment' },
      collapse: { label: 'Vertebral body collapse' },
      posterolateral: { label: 'Posterolateral involvement' },
    }),
    ...score('mirels', 'Mirels (long-bone fracture risk)', {
      site: { label: 'Site' },
      pain: { label: 'Pain' },
      lesion: { label: 'Lesion' },
      size: { label: 'Size (share of the cortex)' },
    }),
    ...score('harrington', 'Harrington (periacetabular)', {
      lateralCortices: { label: 'Lateral cortices' },
      superiorWall: { label: 'Superior wall' },
      medialWall: { label: 'Medial wall' },
      solitaryForCure: { label: 'Solitary, to be resected for cure' },
    }),
    ...score('bilsky', 'Bilsky (epidural compression)', {
      epiduralExtension: { label: 'Epidural extension' },
      csfVisible: { label: 'CSF visible around the cord' },
    }),
    ...score('genant', 'Genant (vertebral fracture)', {
      expectedHeightMm: { label: 'Expected height', unit: 'mm' },
      measuredHeightMm: { label: 'Measured height', unit: 'mm' },
      heightLossPercent: { label: 'Height loss', unit: '%' },
    }),
  }),
};

const FOLLOW_UP: Table = {
  id: { label: 'Visit id' },
  date: { label: 'Date' },
  label: { label: 'Time point (e.g. 1 week)' },
  pain: { label: 'Pain' },
  ...under('pain', PAIN_SCORES),
  analgesics: { label: 'Analgesics' },
  ...under('analgesics', ANALGESICS),
  opioidFree: { label: 'Off opioids' },
  mobility: { label: 'Mobility' },
  dailyActivities: { label: 'Daily activities' },
  complications: { label: 'Complications', item: 'Complication' },
  'complications.kind': { label: 'Kind' },
  'complications.severity': { label: 'Severity' },
  'complications.description': { label: 'Description' },
  notes: { label: 'Notes' },
};

/**
 * Every field of the case record with its screen label, keyed by its path without list
 * indexes (`lesions.scores.sins.components.pain`). The one place the form, the error messages
 * and the "missing for a decision" summary take their words from.
 */
export const CASE_FIELD_LABELS: Readonly<Table> = {
  status: { label: 'Case status' },
  title: { label: 'Case title' },
  patient: { label: 'Patient' },
  'patient.pseudonym': { label: 'Name or pseudonym' },
  'patient.pseudonymous': { label: 'Pseudonymous (teaching, demo)' },
  'patient.sex': { label: 'Sex' },
  'patient.ageYears': { label: 'Age', unit: 'years' },
  'patient.birthYear': { label: 'Year of birth' },
  'patient.identifiers': { label: 'Identifiers', item: 'Identifier' },
  'patient.identifiers.system': { label: 'Issued by (e.g. MRN)' },
  'patient.identifiers.value': { label: 'Number' },
  tumour: { label: 'Primary tumour' },
  'tumour.primary': { label: 'Tumour type' },
  'tumour.primaryDetail': { label: 'Primary site detail' },
  'tumour.histology': { label: 'Histology' },
  'tumour.diagnosisDate': { label: 'Date of diagnosis' },
  extentOfDisease: { label: 'Extent of disease' },
  'extentOfDisease.boneMetastases': { label: 'Bone metastases' },
  'extentOfDisease.visceralMetastases': { label: 'Visceral metastases' },
  'extentOfDisease.brainMetastases': { label: 'Brain metastases' },
  'extentOfDisease.description': { label: 'Extent described' },
  comorbidities: { label: 'Comorbidities', item: 'Comorbidity' },
  'comorbidities.condition': { label: 'Condition' },
  'comorbidities.notes': { label: 'Notes' },
  performance: { label: 'Performance status' },
  'performance.ecog': { label: 'ECOG performance status' },
  'performance.karnofsky': { label: 'Karnofsky performance status', unit: '%' },
  'performance.assessedOn': { label: 'Assessed on' },
  prognosis: { label: 'Prognosis' },
  'prognosis.lifeExpectancy': { label: 'Life expectancy' },
  'prognosis.estimatedMonths': { label: 'Estimated survival', unit: 'months' },
  'prognosis.notes': { label: 'Prognosis notes' },
  pain: { label: 'Pain' },
  'pain.maximalPainSite': { label: 'Site of maximal pain' },
  'pain.imagingCorrelation': { label: 'Pain matches the imaging' },
  'pain.correlationNotes': { label: 'Correlation notes' },
  'pain.character': { label: 'Pain character' },
  'pain.scale': { label: 'Pain scale' },
  ...under('pain', PAIN_SCORES),
  'pain.assessedOn': { label: 'Pain assessed on' },
  analgesics: { label: 'Analgesics' },
  ...under('analgesics', ANALGESICS),
  functionAndGoals: { label: 'Function and goals' },
  'functionAndGoals.baselineMobility': { label: 'Baseline mobility' },
  'functionAndGoals.mobilityNotes': { label: 'Mobility notes' },
  'functionAndGoals.dailyActivities': { label: 'Baseline daily activities' },
  'functionAndGoals.patientGoals': { label: "Patient's goals" },
  involvement: { label: 'Bone and soft-tissue involvement' },
  'involvement.bone': { label: 'Bone involvement' },
  'involvement.softTissue': { label: 'Soft-tissue involvement' },
  lesions: { label: 'Lesions', item: 'Lesion' },
  ...under('lesions', LESION),
  decision: { label: 'Decision' },
  'decision.outcome': { label: 'Outcome' },
  'decision.procedures': { label: 'Procedures', item: 'Procedure' },
  'decision.accessRoute': { label: 'Access route' },
  'decision.rationale': { label: 'Rationale' },
  'decision.date': { label: 'Decision date' },
  'decision.decidedBy': { label: 'Decided by' },
  notes: { label: 'Notes' },
  followUps: { label: 'Follow-up', item: 'Follow-up visit' },
  ...under('followUps', FOLLOW_UP),
  linkedStudies: { label: 'Linked studies', item: 'Linked study' },
  'linkedStudies.studyInstanceUID': { label: 'Study Instance UID' },
  'linkedStudies.source': { label: 'Source' },
  'linkedStudies.sourceDetail': { label: 'Source detail (e.g. PACS name)' },
  'linkedStudies.description': { label: 'Description' },
  'linkedStudies.role': { label: 'Role' },
  boardDecisions: { label: 'Tumour board decisions' },
};

const OPIOID_UNIT_LABELS = { 'mg/day': 'mg/day', 'mcg/h': 'mcg/h' };

/**
 * Option labels where the stored key does not read as clinical words on its own. Statuses,
 * tumour types and procedures keep their one name from the record modules.
 */
export const CASE_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: CASE_STATUSES,
  'tumour.primary': TUMOUR_TYPES,
  'decision.procedures': PROCEDURES,
  'pain.scale': { NRS: 'NRS (numeric rating)', VAS: 'VAS (visual analogue)' },
  'analgesics.entries.opioid': { 'fentanyl-transdermal': 'Fentanyl (transdermal)' },
  'followUps.analgesics.entries.opioid': { 'fentanyl-transdermal': 'Fentanyl (transdermal)' },
  'analgesics.entries.unit': OPIOID_UNIT_LABELS,
  'followUps.analgesics.entries.unit': OPIOID_UNIT_LABELS,
  'lesions.scores.sins.components.collapse': {
    'over-50-percent': 'Over 50% collapse',
    'under-50-percent': 'Under 50% collapse',
    'none-over-50-percent-involved': 'No collapse, over 50% of the body involved',
    none: 'None',
  },
  'linkedStudies.source': { embedded: 'Built-in studies', dicomweb: 'PACS (DICOMweb)', other: 'Other (CD, another hospital)' },
};

/** A field path as the form or the API writes it (`lesions.0.site`, `lesions[0].site`) without its list indexes. */
export function labelKey(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .join('.');
}

/** "maximalPainSite" or "not-assessed" → "Maximal pain site", "Not assessed"; acronyms stay upper-case. */
export function humanizeKey(key: string): string {
  if (/^[A-Z0-9]+$/.test(key)) return key;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label entry of a field, falling back to its key in words for a field the table lacks. */
export function fieldLabelOf(path: string): FieldLabel {
  const key = labelKey(path);
  return CASE_FIELD_LABELS[key] ?? { label: humanizeKey(key.split('.').at(-1) ?? key) };
}

/** The label with its unit, as a form shows it: "Pain at rest (NRS 0–10)". */
export function fieldTitle(path: string): string {
  const l = fieldLabelOf(path);
  return l.unit ? `${l.label} (${l.unit})` : l.label;
}

/** The name of one entry of a list: "Follow-up visit 2" for `followUps.1`. */
export function itemTitle(listPath: string, index: number): string {
  const l = fieldLabelOf(listPath);
  return `${l.item ?? l.label} ${index + 1}`;
}

/**
 * Where a field is, in words, with the entries it is inside: `followUps[1].pain.atRest` →
 * "Follow-up visit 2 · Pain at rest (NRS 0–10)". Used where the field is named out of its place (errors).
 */
export function fieldPlace(path: string): string {
  const segs = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
  const parts: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    if (i + 1 < segs.length && /^\d+$/.test(segs[i + 1]!)) {
      parts.push(itemTitle(segs.slice(0, i + 1).join('.'), Number(segs[i + 1])));
      i++;
    }
  }
  const last = fieldTitle(path);
  const lastIsItem = /^\d+$/.test(segs.at(-1) ?? '');
  return lastIsItem ? parts.join(' · ') : [...parts, last].join(' · ');
}

/** The label of a stored option value: the table's, or the key in words. */
export function valueLabelOf(path: string, value: string): string {
  return CASE_VALUE_LABELS[labelKey(path)]?.[value] ?? humanizeKey(value);
}
