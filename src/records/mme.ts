import { jsonEqual } from './jsonEqual';
import type { AnalgesicEntry, MmeResult } from './analgesics';
import { CURRENT_MME_TABLE, MME_TABLES, type MmeFactorTable } from './mmeTables';

/** Rounds to 0.01 MME: enough for doses in mg, and stable across platforms for comparisons. */
const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Morphine milligram equivalents per day: the sum over the opioids of daily dose × factor
 * (for transdermal fentanyl, the patch rate in mcg/h × factor). Non-opioids and entries
 * without a dose contribute nothing.
 */
export function computeMme(entries: readonly AnalgesicEntry[], table: MmeFactorTable = CURRENT_MME_TABLE): MmeResult {
  const lines: MmeResult['lines'] = [];
  for (const e of entries) {
    if (e.opioid === null || e.dailyDose === null) continue;
    const { factor, unit } = table.factors[e.opioid];
    lines.push({ name: e.name, opioid: e.opioid, dailyDose: e.dailyDose, unit, factor, mmePerDay: round2(e.dailyDose * factor) });
  }
  return {
    tableId: table.id,
    tableVersion: table.version,
    totalMmePerDay: round2(lines.reduce((s, l) => s + l.mmePerDay, 0)),
    lines,
  };
}

/**
 * Keeps a stored result when recomputing it with the table it names gives the same answer
 * (the regimen is unchanged and the result is genuine), and computes a fresh one with the
 * current table otherwise. A follow-up entry from years ago thus keeps the factors it was
 * judged with, while a client cannot store a total that its regimen does not give.
 */
export function refreshMme(
  entries: readonly AnalgesicEntry[],
  stored: MmeResult | null,
  tables: Readonly<Record<string, MmeFactorTable>> = MME_TABLES,
): MmeResult {
  const table = stored ? tables[stored.tableId] : undefined;
  if (stored && table && table.version === stored.tableVersion) {
    const again = computeMme(entries, table);
    if (jsonEqual(again, stored)) return stored;
  }
  return computeMme(entries);
}
