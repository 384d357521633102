import { z } from 'zod';

/** Primary tumour types common in bone metastases, with the labels the forms show. */
export const TUMOUR_TYPES = {
  breast: 'Breast carcinoma',
  prostate: 'Prostate carcinoma',
  'lung-small-cell': 'Small-cell lung carcinoma',
  'lung-non-small-cell': 'Non-small-cell lung carcinoma',
  'small-cell-other': 'Small-cell carcinoma, other or unknown site',
  renal: 'Renal cell carcinoma',
  thyroid: 'Thyroid carcinoma',
  myeloma: 'Multiple myeloma / plasmacytoma',
  melanoma: 'Melanoma',
  colorectal: 'Colorectal carcinoma',
  hepatocellular: 'Hepatocellular carcinoma',
  bladder: 'Urothelial carcinoma',
  sarcoma: 'Sarcoma',
  lymphoma: 'Lymphoma',
  'unknown-primary': 'Carcinoma of unknown primary',
  other: 'Other',
} as const;

/** A tumour type key. */
export type TumourType = keyof typeof TUMOUR_TYPES;

/** Validates a tumour type key. */
export const tumourTypeSchema = z.enum(Object.keys(TUMOUR_TYPES) as [TumourType, ...TumourType[]]);
