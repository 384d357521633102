import { z } from 'zod';

/** The percutaneous procedures of shared/docs/domain.md, with the labels the forms show. */
export const PROCEDURES = {
  'nerve-root-block': 'Nerve root block',
  'epidural-injection': 'Epidural injection',
  'facet-injection': 'Facet injection',
  'radiofrequency-ablation': 'Radiofrequency ablation',
  'microwave-ablation': 'Microwave ablation',
  cryoablation: 'Cryoablation',
  hifu: 'High-intensity focused ultrasound',
  'plasma-mediated-ablation': 'Plasma-mediated ablation',
  vertebroplasty: 'Vertebroplasty',
  sacroplasty: 'Sacroplasty',
  acetabuloplasty: 'Acetabuloplasty',
  'cementoplasty-other': 'Cementoplasty, other site',
} as const;

/** A procedure key. */
export type Procedure = keyof typeof PROCEDURES;

/** Validates a procedure key. */
export const procedureSchema = z.enum(Object.keys(PROCEDURES) as [Procedure, ...Procedure[]]);
