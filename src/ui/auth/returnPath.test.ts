import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './returnPath';

describe('safeReturnPath', () => {
  it('keeps a local path with its query', () => {
    expect(safeReturnPath('/studies/1.2.3')).toBe('/studies/1.2.3');
    expect(safeReturnPath('/cases?status=open')).toBe('/cases?status=open');
  });
  it('refuses other sites, schemes, the login page itself and nothing', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/login', '/login?returnTo=/x', '', null, undefined]) expect(safeReturnPath(bad)).toBe('/');
  });
});
