import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CASE_FIELD_LABELS, caseContentSchema, fieldPlace, fieldTitle, itemTitle, valueLabelOf } from '../../records';
import { describeField } from './schemaIntrospection';

/** Every field path of the case record (list indexes dropped), with the enum options where it has them. */
function walk(schema: z.ZodType, path: string, out: Map<string, string[]>): void {
  const f = describeField(schema).field;
  if (path) out.set(path, f.kind === 'enum' ? f.options : []);
  // Board decisions are written by the board routes and shown by their own component; computed results are not typed in.
  if (path === 'boardDecisions' || path.endsWith('.result') || path.endsWith('mme')) return;
  if (f.kind === 'object') for (const [k, s] of Object.entries(f.shape)) walk(s, path ? `${path}.${k}` : k, out);
  if (f.kind === 'array') {
    const el = describeField(f.element).field;
    if (el.kind === 'object') walk(f.element, path, out);
    else if (el.kind === 'enum') out.set(path, el.options);
  }
}

const fields = (): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  walk(caseContentSchema, '', out);
  return out;
};

describe('the case label table', () => {
  it('has a label for every field of the case record schema', () => {
    const all = fields();
    expect(all.size).toBeGreaterThan(100); // the walk reached the nested score components and follow-up analgesics
    const missing = [...all.keys()].filter((p) => !(p in CASE_FIELD_LABELS));
    expect(missing).toEqual([]);
  });

  it('names no field that the schema lacks (no stale labels)', () => {
    const all = fields();
    expect(Object.keys(CASE_FIELD_LABELS).filter((k) => !all.has(k))).toEqual([]);
  });

  it('has no label that is a raw or camel-cased key', () => {
    for (const [path, { label }] of Object.entries(CASE_FIELD_LABELS)) {
      const key = path.split('.').at(-1)!;
      expect(label, path).not.toMatch(/[a-z][A-Z]/);
      if (/[A-Z]/.test(key)) expect(label.toLowerCase(), path).not.toBe(key.toLowerCase());
      expect(label, path).not.toBe(key);
    }
  });

  it('writes the examples of the issue in clinical words', () => {
    expect(fieldTitle('performance.ecog')).toBe('ECOG performance status');
    expect(fieldTitle('pain.atRest')).toBe('Pain at rest (NRS 0–10)');
    expect(fieldTitle('lesions.0.largestDiameterMm')).toBe('Largest diameter (mm)');
    expect(itemTitle('followUps', 0)).toBe('Follow-up visit 1');
    expect(itemTitle('analgesics.entries', 2)).toBe('Analgesic 3');
    expect(fieldPlace('followUps[1].pain.onWeightBearing')).toBe('Follow-up visit 2 · Pain on weight bearing (NRS 0–10)');
  });

  it('names options without garbling acronyms, and each case status by its one name', () => {
    expect(valueLabelOf('pain.scale', 'NRS')).toMatch(/^NRS/);
    expect(valueLabelOf('decision.procedures.0', 'hifu')).toBe('High-intensity focused ultrasound');
    expect(valueLabelOf('status', 'board')).toBe('For tumour board');
    expect(valueLabelOf('analgesics.entries.0.unit', 'mg/day')).toBe('mg/day');
    // No option anywhere reads as a mangled acronym ("Nrs", "Hifu", "Mg/day").
    for (const [path, options] of fields()) {
      for (const o of options) expect(valueLabelOf(path, o), `${path}=${o}`).not.toMatch(/^(Nrs|Vas|Hifu|Mg\/day|Mcg\/h)\b/);
    }
  });
});
