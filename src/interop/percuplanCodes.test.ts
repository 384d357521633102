import { describe, expect, it } from 'vitest';
import { deviceKindSchema } from '../planning/devices/deviceSchema';
import { deviceKindCode, PERCUPLAN_CODE_TABLE, PERCUPLAN_SCHEME, percuplanCodesMarkdown, percuplanSchemeIdentification } from './percuplanCodes';
import { SEGMENT_CODES } from './seg/segmentCodes';

describe('the 99PERCUPLAN code table', () => {
  const entries = Object.values(PERCUPLAN_CODE_TABLE);

  it('gives every code its own value, one a Code Value (SH, 16 characters) can hold, and a meaning (LO, 64)', () => {
    expect(new Set(entries.map((e) => e.value)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.meaning)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.value).toMatch(/^[A-Z0-9]{1,16}$/);
      expect(e.meaning.length).toBeLessThanOrEqual(64);
    }
    expect(PERCUPLAN_SCHEME.designator.length).toBeLessThanOrEqual(16);
  });

  it('has a code for every device kind of the catalogue, all different', () => {
    const codes = deviceKindSchema.options.map((k) => deviceKindCode(k).CodeValue);
    expect(new Set(codes).size).toBe(deviceKindSchema.options.length);
    expect(deviceKindCode('cryoprobe')).toEqual({ CodeValue: 'PP020', CodingSchemeDesignator: '99PERCUPLAN', CodeMeaning: 'Cryoprobe' });
  });

  it('writes the README table with one row per code', () => {
    const md = percuplanCodesMarkdown();
    const rows = md.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(entries.length);
    expect(md).toContain('| `PP012` | Craniocaudal angle |');
    expect(md).toContain('| `PP060` | Planned lethal ablation zone |');
  });

  it('is where the SEG takes its zone type code from: PP060 in 99PERCUPLAN, used by no other entry', () => {
    expect(SEGMENT_CODES.zoneType).toEqual({ CodeValue: 'PP060', CodingSchemeDesignator: '99PERCUPLAN', CodeMeaning: 'Planned lethal ablation zone' });
    expect(entries.filter((e) => e.value === 'PP060')).toHaveLength(1);
  });

  it('declares the scheme as PS3.3 Table C.12-1 names the attributes, with the table\'s UID', () => {
    expect(percuplanSchemeIdentification()).toEqual({
      CodingSchemeDesignator: '99PERCUPLAN',
      CodingSchemeUID: PERCUPLAN_SCHEME.uid,
      CodingSchemeName: 'PercuPlan planning codes',
      CodingSchemeVersion: '1',
      CodingSchemeResponsibleOrganization: 'PercuPlan project',
    });
    expect(PERCUPLAN_SCHEME.uid).toMatch(/^2\.25\.[1-9][0-9]{0,38}$/);
  });
});
