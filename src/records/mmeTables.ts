/** The opioids a morphine-milligram-equivalent table can convert. */
export const OPIOIDS = [
  'codeine',
  'fentanyl-transdermal',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
] as const;

/** An opioid key. */
export type Opioid = (typeof OPIOIDS)[number];

/** The dose unit a factor applies to: mg per day, or mcg per hour for a transdermal patch. */
export type DoseUnit = 'mg/day' | 'mcg/h';

/** A conversion table with its provenance, so each stored result can say which one it used. */
export interface MmeFactorTable {
  id: string;
  version: string;
  source: string;
  factors: Readonly<Record<Opioid, { factor: number; unit: DoseUnit }>>;
}

/**
 * The 2022 US CDC conversion factors (Dowell et al., MMWR Recomm Rep 2022;71(No. RR-3)).
 * Unlike the 2016 table, methadone has one factor instead of dose tiers, and tramadol and
 * hydromorphone changed; a result computed with an older table must keep saying so.
 */
export const CDC_2022_MME: MmeFactorTable = {
  id: 'cdc-2022',
  version: '2022-11',
  source: 'CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022 (MMWR Recomm Rep 71(3))',
  factors: {
    codeine: { factor: 0.15, unit: 'mg/day' },
    'fentanyl-transdermal': { factor: 2.4, unit: 'mcg/h' },
    hydrocodone: { factor: 1, unit: 'mg/day' },
    hydromorphone: { factor: 5, unit: 'mg/day' },
    methadone: { factor: 4.7, unit: 'mg/day' },
    morphine: { factor: 1, unit: 'mg/day' },
    oxycodone: { factor: 1.5, unit: 'mg/day' },
    oxymorphone: { factor: 3, unit: 'mg/day' },
    tapentadol: { factor: 0.4, unit: 'mg/day' },
    tramadol: { factor: 0.2, unit: 'mg/day' },
  },
};

/** The table new results are computed with. */
export const CURRENT_MME_TABLE = CDC_2022_MME;

/** Every table the records know, by id, so a stored result's table can be shown. */
export const MME_TABLES: Readonly<Record<string, MmeFactorTable>> = { [CDC_2022_MME.id]: CDC_2022_MME };
