import { describe, expect, it } from 'vitest';
import { caseDocumentSchema, type CaseDocument } from '../../../records';
import { caseCardRows, lesionScoreLines, patientLabel, sexAge } from './caseCard';

const META = { id: '11111111-1111-4111-8111-111111111111', version: 3, schemaVersion: 1, createdAt: '2031-01-01T00:00:00.000Z', createdBy: 'a', updatedAt: '2031-01-01T00:00:00.000Z', updatedBy: 'a', archivedAt: null, archivedBy: null };
const doc = (content: Record<string, unknown>): CaseDocument => caseDocumentSchema.parse({ ...META, ...content });
const item = { reason: 'Painful lytic lesion', question: 'Ablation or radiotherapy?' };
const row = (rows: ReturnType<typeof caseCardRows>, key: string) => rows.find((r) => r.key === key)!;

describe('the presenter card words', () => {
  it('a nearly empty case shows dashes, never NaN or blanks', () => {
    const rows = caseCardRows(doc({ patient: { pseudonym: 'P1' } }), item, false);
    expect(row(rows, 'patient').value).toBe('P1 · sex unknown, age unknown');
    expect(row(rows, 'tumour').value).toBe('—');
    expect(row(rows, 'pain-site').value).toBe('— · imaging match not assessed');
    expect(row(rows, 'pain').value).toBe('at rest — / 10 · weight bearing — / 10');
    expect(row(rows, 'mme').value).toBe('— MME/day');
    expect(row(rows, 'ecog').value).toBe('—');
    expect(row(rows, 'scores').value).toBe('—');
    expect(row(rows, 'procedure').value).toBe('—');
    expect(rows.map((r) => r.value + r.detail).join(' ')).not.toMatch(/NaN|undefined|null/);
  });

  it('a filled case: tumour and histology, pain with its match, MME rounded, ECOG, procedures, reason and question', () => {
    const c = doc({
      patient: { pseudonym: 'Reference case 1', sex: 'male', ageYears: 62 },
      tumour: { primary: 'breast', histology: 'Invasive ductal carcinoma' },
      pain: { maximalPainSite: 'Right hip', imagingCorrelation: 'discordant', atRest: 3, onWeightBearing: 9 },
      analgesics: { entries: [], mme: { tableId: 't', tableVersion: '1', totalMmePerDay: 89.6, lines: [] } },
      performance: { ecog: 2 },
      decision: { procedures: ['cryoablation', 'acetabuloplasty'], accessRoute: 'posterior' },
    });
    const rows = caseCardRows(c, item, false);
    expect(row(rows, 'patient').value).toBe('Reference case 1 · male, 62 y');
    expect(row(rows, 'tumour').value).toBe('Breast carcinoma');
    expect(row(rows, 'tumour').detail).toBe('Histology: Invasive ductal carcinoma');
    expect(row(rows, 'pain-site').value).toBe('Right hip · imaging does not match');
    expect(row(rows, 'pain').value).toBe('at rest 3 / 10 · weight bearing 9 / 10');
    expect(row(rows, 'mme').value).toBe('90 MME/day');
    expect(row(rows, 'ecog').value).toBe('2');
    expect(row(rows, 'procedure').value).toBe('Cryoablation + Acetabuloplasty');
    expect(row(rows, 'procedure').detail).toBe('posterior');
    expect(row(rows, 'reason').value).toBe('Painful lytic lesion');
    expect(row(rows, 'question').value).toBe('Ablation or radiotherapy?');
  });

  it('a real name is hidden on request; a pseudonym is not an identifier and stays', () => {
    const real = doc({ patient: { pseudonym: 'Jane Roe', pseudonymous: false, sex: 'female', ageYears: 47 } });
    expect(patientLabel(real, true)).toBe('Hidden');
    expect(patientLabel(real, false)).toBe('Jane Roe');
    expect(patientLabel(doc({ patient: { pseudonym: 'Case 7' } }), true)).toBe('Case 7');
    expect(sexAge(real)).toBe('female, 47 y');
  });

  it('lists only the scores recorded, each with its value, and names what is missing', () => {
    const c = doc({
      patient: { pseudonym: 'P' },
      lesions: [
        { label: 'T10', scores: { sins: { components: {}, result: { total: null, category: null, missing: ['pain', 'posteriorElements'] } }, genant: { components: { heightLossPercent: 90 }, result: { total: 3, category: '3', missing: [] } } } },
        { label: 'No scores' },
        { label: 'Femur', scores: { mirels: { components: {}, result: { total: 9, category: 'high risk', missing: [] } } } },
        { label: 'Acetabulum', scores: { harrington: { components: {}, result: { total: 3, category: 'III', missing: [] } } } },
      ],
    });
    expect(lesionScoreLines(c)).toEqual(['T10: SINS incomplete (missing pain, posterior elements) · Genant 3', 'Femur: Mirels 9 (high risk)', 'Acetabulum: Harrington III']);
  });
});
