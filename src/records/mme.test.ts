import { describe, expect, it } from 'vitest';
import { analgesicEntrySchema, type AnalgesicEntry } from './analgesics';
import { computeMme, refreshMme } from './mme';
import { CDC_2022_MME, type MmeFactorTable } from './mmeTables';

const entry = (e: Partial<AnalgesicEntry> & { name: string }): AnalgesicEntry => analgesicEntrySchema.parse(e);

describe('morphine milligram equivalents (CDC 2022)', () => {
  it('adds oxycodone 40 mg/day (×1.5 = 60) and morphine 30 mg/day (×1 = 30) to 90 MME/day', () => {
    const r = computeMme([
      entry({ name: 'Oxycodone SR 20 mg bd', opioid: 'oxycodone', dailyDose: 40 }),
      entry({ name: 'Morphine IR 10 mg tds', opioid: 'morphine', dailyDose: 30 }),
      entry({ name: 'Paracetamol 1 g qds', dailyDose: 4000 }),
    ]);
    expect(r.totalMmePerDay).toBe(90);
    expect(r.lines.map((l) => l.mmePerDay)).toEqual([60, 30]);
    expect([r.tableId, r.tableVersion]).toEqual(['cdc-2022', '2022-11']);
  });

  it('converts a 25 mcg/h fentanyl patch to 60 MME/day (×2.4)', () => {
    expect(computeMme([entry({ name: 'Fentanyl 25', opioid: 'fentanyl-transdermal', dailyDose: 25, unit: 'mcg/h' })]).totalMmePerDay).toBe(60);
  });

  it('uses the single 2022 methadone factor: 20 mg/day × 4.7 = 94', () => {
    expect(computeMme([entry({ name: 'Methadone', opioid: 'methadone', dailyDose: 20 })]).totalMmePerDay).toBe(94);
  });

  it('applies every factor of the table', () => {
    const doses: [AnalgesicEntry['opioid'], number, number][] = [
      ['codeine', 240, 36],
      ['hydrocodone', 30, 30],
      ['hydromorphone', 8, 40],
      ['oxymorphone', 20, 60],
      ['tapentadol', 200, 80],
      ['tramadol', 200, 40],
    ];
    for (const [opioid, dose, mme] of doses) {
      expect([opioid, computeMme([entry({ name: String(opioid), opioid, dailyDose: dose })]).totalMmePerDay]).toEqual([opioid, mme]);
    }
  });

  it('gives 0 for no opioids', () => {
    expect(computeMme([]).totalMmePerDay).toBe(0);
  });

  it('refuses a dose in the wrong unit and an opioid without a dose', () => {
    expect(analgesicEntrySchema.safeParse({ name: 'x', opioid: 'morphine', dailyDose: 10, unit: 'mcg/h' }).success).toBe(false);
    expect(analgesicEntrySchema.safeParse({ name: 'x', opioid: 'morphine' }).success).toBe(false);
  });

  it('keeps a genuine result from an older table while the regimen is unchanged, and recomputes otherwise', () => {
    // A made-up older table in which methadone counts 4 per mg: 20 mg → 80 MME.
    const older: MmeFactorTable = { ...CDC_2022_MME, id: 'test-older', version: '1', factors: { ...CDC_2022_MME.factors, methadone: { factor: 4, unit: 'mg/day' } } };
    const tables = { [older.id]: older, [CDC_2022_MME.id]: CDC_2022_MME };
    const regimen = [entry({ name: 'Methadone', opioid: 'methadone', dailyDose: 20 })];
    const stored = computeMme(regimen, older);
    expect(stored.totalMmePerDay).toBe(80);
    expect(refreshMme(regimen, stored, tables)).toBe(stored);
    const changed = [entry({ name: 'Methadone', opioid: 'methadone', dailyDose: 10 })];
    expect(refreshMme(changed, stored, tables)).toMatchObject({ tableId: 'cdc-2022', totalMmePerDay: 47 });
  });

  it('replaces a forged total', () => {
    const regimen = [entry({ name: 'Morphine', opioid: 'morphine', dailyDose: 30 })];
    const forged = { ...computeMme(regimen), totalMmePerDay: 3 };
    expect(refreshMme(regimen, forged).totalMmePerDay).toBe(30);
  });
});
