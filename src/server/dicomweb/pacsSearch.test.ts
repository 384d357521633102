import { describe, expect, it } from 'vitest';
import { parsePacsSearch, qidoStudiesQuery, type PacsSearch } from './pacsSearch';

const parse = (q: string) => parsePacsSearch(new URLSearchParams(q));
const parsed = (q: string): PacsSearch => {
  const r = parse(q);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('parsePacsSearch', () => {
  it('defaults to the first page of 25 and caps the page at 100', () => {
    expect(parsed('')).toEqual({ offset: 0, limit: 25 });
    expect(parsed('limit=500&offset=40')).toEqual({ offset: 40, limit: 100 });
  });

  it('reads every criterion, trimming text and upper-casing the modality', () => {
    expect(parsed('patientName=%20doe%20&patientId=P1&dateFrom=20240101&dateTo=20241231&modality=ct&accession=A7')).toEqual({
      patientName: 'doe',
      patientId: 'P1',
      dateFrom: '20240101',
      dateTo: '20241231',
      modality: 'CT',
      accession: 'A7',
      offset: 0,
      limit: 25,
    });
  });

  it('names the parameter that is wrong', () => {
    const error = (q: string): string => {
      const r = parse(q);
      return r.ok ? '' : r.error;
    };
    expect(error('dateFrom=2024-01-01')).toMatch(/dateFrom must be a date as YYYYMMDD/);
    expect(error('dateTo=20240230')).toMatch(/dateTo/);
    expect(error('dateFrom=20240301&dateTo=20240101')).toMatch(/after dateTo/);
    expect(error('modality=C T')).toMatch(/modality/);
    expect(error('limit=0')).toMatch(/limit must be an integer of at least 1/);
    expect(error('offset=-1')).toMatch(/offset/);
    expect(error('patientName=A%5CB')).toMatch(/patientName must not contain a backslash/);
    expect(error('patientname=x')).toMatch(/Unknown search parameter "patientname"/);
  });
});

describe('qidoStudiesQuery', () => {
  it('matches a plain name as a prefix with fuzzy matching, and asks for one study more than the page', () => {
    const q = qidoStudiesQuery(parsed('patientName=doe&limit=10&offset=20'));
    expect(q).toMatch(/^\?PatientName=doe\*&fuzzymatching=true&/);
    expect(q).toMatch(/&offset=20&limit=11$/);
    expect(q).toContain('includefield=00201208');
  });

  it('passes wildcards, IDs, accession numbers and modality as typed', () => {
    const q = qidoStudiesQuery(parsed('patientName=*JANE&patientId=PP-%3F1&accession=ACC%201&modality=mr'));
    expect(q).toContain('PatientName=*JANE&');
    expect(q).toContain('PatientID=PP-%3F1&');
    expect(q).toContain('AccessionNumber=ACC%201&');
    expect(q).toContain('ModalitiesInStudy=MR&');
  });

  it('writes date ranges open on either side, and one day as a single date', () => {
    expect(qidoStudiesQuery(parsed('dateFrom=20240101&dateTo=20240131'))).toContain('StudyDate=20240101-20240131&');
    expect(qidoStudiesQuery(parsed('dateFrom=20240101'))).toContain('StudyDate=20240101-&');
    expect(qidoStudiesQuery(parsed('dateTo=20240131'))).toContain('StudyDate=-20240131&');
    expect(qidoStudiesQuery(parsed('dateFrom=20240105&dateTo=20240105'))).toContain('StudyDate=20240105&');
  });
});
