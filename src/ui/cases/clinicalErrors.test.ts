import { describe, expect, it } from 'vitest';
import { caseContentSchema, issuesOf } from '../../records';
import { clinicalMessage, formPath } from './clinicalErrors';

/** The clinical messages for a case body the schema refuses, as the server would report it. */
const messagesFor = (body: unknown): string[] => {
  const r = caseContentSchema.safeParse(body);
  if (r.success) throw new Error('expected a refusal');
  return issuesOf(r.error).map((i) => clinicalMessage(i.path, i.message));
};

describe('validation messages in clinical words', () => {
  it('ECOG 7 reads "ECOG performance status must be 0–5", not the zod wording', () => {
    const msgs = messagesFor({ patient: { pseudonym: 'A' }, performance: { ecog: 7 } });
    expect(msgs).toEqual(['ECOG performance status must be 0–5']);
  });

  it('gives the whole range with the unit whichever end was crossed', () => {
    expect(messagesFor({ patient: { pseudonym: 'A' }, lesions: [{ largestDiameterMm: -1 }] })).toEqual(['Lesion 1 · Largest diameter (mm) must be 0–1000 mm']);
  });

  it('names the entry a follow-up field is in and keeps a custom rule', () => {
    const msgs = messagesFor({ patient: { pseudonym: 'A' }, followUps: [{ date: '2026-01-05', pain: { atRest: 11 } }] });
    expect(msgs).toEqual(['Follow-up visit 1 · Pain at rest (NRS 0–10) must be 0–10']);
    expect(messagesFor({ patient: { pseudonym: 'A' }, performance: { karnofsky: 55 } })).toEqual(['Karnofsky performance status (%): Karnofsky is given in steps of 10']);
  });

  it('says a required name is required and a bad date must be YYYY-MM-DD', () => {
    expect(messagesFor({ patient: { pseudonym: '' } })).toEqual(['Name or pseudonym is required']);
    expect(messagesFor({ patient: { pseudonym: 'A' }, tumour: { diagnosisDate: '07/12/2026' } })).toEqual(['Date of diagnosis must be a date written YYYY-MM-DD']);
  });

  it('accepts the API path form and never shows a raw path', () => {
    const m = clinicalMessage('performance.ecog', 'Too big: expected number to be <=5');
    expect(m).not.toMatch(/performance\.ecog|Too big|<=/);
    expect(m).toContain('ECOG performance status');
  });

  it('keys an API issue path as the form field that shows it', () => {
    expect(formPath('body.lesions[0].largestDiameterMm')).toBe('lesions.0.largestDiameterMm');
    expect(formPath('followUps[2].pain.atRest')).toBe('followUps.2.pain.atRest');
    expect(formPath('performance.ecog')).toBe('performance.ecog');
  });
});
