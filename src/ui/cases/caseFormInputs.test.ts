import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { caseContentSchema } from '../../records';
import { isIsoDate } from './DateField';
import { newCaseInput } from './NewCaseDialog';
import { SchemaField } from './SchemaField';
import { CaseFormContext } from './caseFormContext';

const performance = (value: unknown): string =>
  renderToStaticMarkup(
    createElement(SchemaField, { schema: caseContentSchema.shape.performance, value, onChange: () => undefined, path: 'performance', label: 'Performance status', errors: new Map() }),
  );

describe('the case form inputs', () => {
  it('renders ECOG as six buttons 0–5 and Karnofsky as 100 to 0 in steps of 10, with dates as YYYY-MM-DD text', () => {
    const html = performance({ ecog: 3, karnofsky: 60, assessedOn: '2026-12-07' });
    expect([...html.matchAll(/data-value="(\d)"/g)].map((m) => m[1])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(html).toMatch(/aria-checked="true"[^>]*data-value="3"/);
    const karnofsky = html.slice(html.indexOf('data-path="performance.karnofsky"'));
    expect([...karnofsky.matchAll(/<option value="(\d*)"/g)].map((m) => m[1])).toEqual(['', '100', '90', '80', '70', '60', '50', '40', '30', '20', '10', '0']);
    expect(html).toContain('ECOG performance status');
    expect(html).toMatch(/type="text"[^>]*placeholder="YYYY-MM-DD"[^>]*data-path="performance.assessedOn"[^>]*value="2026-12-07"/);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-12-07')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true); // leap year
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('07/12/2026')).toBe(false);
  });

  it('New case turns the dialog fields into a valid case with the MRN as an identifier', () => {
    const input = newCaseInput({ pseudonym: ' Jane Roe ', pseudonymous: false, mrn: '12345', tumourType: 'breast', targetSite: 'Right acetabulum' });
    const c = caseContentSchema.parse(input);
    expect(c.patient.pseudonym).toBe('Jane Roe');
    expect(c.patient.identifiers).toEqual([{ system: 'MRN', value: '12345' }]);
    expect(c.tumour.primary).toBe('breast');
    expect(c.title).toBe('Right acetabulum');
    expect(c.pain.maximalPainSite).toBe('Right acetabulum');
    expect(caseContentSchema.parse(newCaseInput({ pseudonym: 'A', pseudonymous: true, mrn: ' ', tumourType: '', targetSite: 'x' })).patient.identifiers).toEqual([]);
  });

  it('picks the study a lesion is seen on among the linked studies, by description and role, not by raw UID', () => {
    const uid = '1.2.826.0.1.3680043.8.498.1234567890';
    const lesion = caseContentSchema.shape.lesions.parse([{ site: 'T10', studyInstanceUID: uid }])[0]!;
    const html = renderToStaticMarkup(
      createElement(
        CaseFormContext.Provider,
        { value: { linkedStudies: [{ studyInstanceUID: uid, source: 'embedded', sourceDetail: '', description: 'Planning CT', role: 'planning' }] } },
        createElement(SchemaField, { schema: caseContentSchema.shape.lesions.unwrap().element, value: lesion, onChange: () => undefined, path: 'lesions.0', label: 'Lesion 1', errors: new Map() }),
      ),
    );
    const picker = html.slice(html.indexOf('data-path="lesions.0.studyInstanceUID"'));
    expect(picker.slice(0, picker.indexOf('</select>'))).toContain('Planning CT · Planning · UID …1234567890</option>');
    expect(html).toContain('Study where it is best seen');
    expect(html).not.toContain('Study instance u i d');
  });
});
