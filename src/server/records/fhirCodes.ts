import { BILSKY_GRADES, HARRINGTON_CLASSES } from '../../records';

/** LOINC, for the observations LOINC has codes for. */
export const LOINC = 'http://loinc.org';
/** UCUM, for units. */
export const UCUM = 'http://unitsofmeasure.org';

/** The LOINC codes of shared/docs/domain.md. */
export const LOINC_CODES = {
  pain: { code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' },
  ecog: { code: '89247-1', display: 'ECOG Performance Status score' },
  karnofsky: { code: '89243-0', display: 'Karnofsky Performance Status score' },
} as const;

/**
 * PercuPlan's own code system for what LOINC does not code: the bone-metastasis scores (SINS,
 * Mirels, Harrington, Bilsky, Genant) and their components, the daily MME, complications and
 * the pain context. A URN, since no web page defines it; the bundle carries the CodeSystem.
 */
export const LOCAL_SYSTEM = 'urn:percuplan:fhir:CodeSystem:bone-metastasis';

/** The concepts of the local code system, by code. */
export const LOCAL_CONCEPTS: Readonly<Record<string, string>> = {
  sins: 'Spinal Instability Neoplastic Score (total)',
  mirels: "Mirels' score (total)",
  harrington: 'Harrington periacetabular class',
  bilsky: 'Bilsky epidural spinal cord compression grade',
  genant: 'Genant vertebral fracture grade',
  'sins-location': 'SINS component: location',
  'sins-pain': 'SINS component: pain',
  'sins-boneLesion': 'SINS component: bone lesion',
  'sins-alignment': 'SINS component: radiographic alignment',
  'sins-collapse': 'SINS component: vertebral body collapse',
  'sins-posterolateral': 'SINS component: posterolateral involvement',
  'mirels-site': 'Mirels component: site',
  'mirels-pain': 'Mirels component: pain',
  'mirels-lesion': 'Mirels component: lesion',
  'mirels-size': 'Mirels component: size',
  'harrington-lateralCortices': 'Harrington component: lateral cortices',
  'harrington-superiorWall': 'Harrington component: superior wall',
  'harrington-medialWall': 'Harrington component: medial wall',
  'harrington-solitaryForCure': 'Harrington component: solitary lesion for curative resection',
  'bilsky-epiduralExtension': 'Bilsky component: epidural extension',
  'bilsky-csfVisible': 'Bilsky component: CSF visible around a compressed cord',
  'genant-expectedHeightMm': 'Genant component: expected vertebral height',
  'genant-measuredHeightMm': 'Genant component: measured vertebral height',
  'genant-heightLossPercent': 'Genant component: height loss',
  'mme-per-day': 'Opioid dose in morphine milligram equivalents per day',
  complication: 'Complication after a percutaneous procedure',
  'at-rest': 'Pain measured at rest',
  'on-weight-bearing': 'Pain measured on weight bearing',
  ...Object.fromEntries(Object.entries(BILSKY_GRADES).map(([g, d]) => [`bilsky-${g}`, `Bilsky ${g}: ${d}`])),
  ...Object.fromEntries(Object.entries(HARRINGTON_CLASSES).map(([c, d]) => [`harrington-${c}`, `Harrington ${c}: ${d}`])),
};
