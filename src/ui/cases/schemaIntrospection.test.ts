import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeField, humanize } from './schemaIntrospection';

describe('reading a zod schema for the case forms', () => {
  it('unwraps defaults and nullables to the input a person edits', () => {
    expect(describeField(z.enum(['a', 'b']).nullable().default(null))).toMatchObject({ field: { kind: 'enum', options: ['a', 'b'] }, nullable: true, empty: null });
    expect(describeField(z.iso.date().nullable().default(null)).field).toEqual({ kind: 'string', format: 'date', long: false });
    expect(describeField(z.string().max(100_000).default('')).field).toEqual({ kind: 'string', format: undefined, long: true });
    expect(describeField(z.string().max(500)).field).toMatchObject({ long: false });
    expect(describeField(z.number().min(0).max(10)).field).toMatchObject({ kind: 'number', min: 0, max: 10 });
    expect(describeField(z.array(z.string()).default([]))).toMatchObject({ field: { kind: 'array' }, empty: [] });
  });
  it('humanises keys', () => {
    expect(humanize('maximalPainSite')).toBe('Maximal pain site');
    expect(humanize('not-assessed')).toBe('Not assessed');
  });
});
