import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './oidcReturnTo';

describe('safeReturnTo', () => {
  it('keeps same-origin paths with their query', () => {
    expect(safeReturnTo('/cases/5c1d')).toBe('/cases/5c1d');
    expect(safeReturnTo('/studies/1.2.3?series=4')).toBe('/studies/1.2.3?series=4');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    ['absent', undefined],
    ['not a string', ['/cases']],
    ['absolute URL', 'https://evil.example/cases'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash read as slash by browsers', '/\\evil.example'],
    ['relative without slash', 'cases'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['a newline (header splitting)', '/cases\r\nSet-Cookie: x=1'],
    ['a tab inside //', '/\t/evil.example'],
    ['the sign-in route itself (loop)', '/auth/login?returnTo=/x'],
    ['too long', `/${'a'.repeat(2001)}`],
  ])('falls back to / for %s', (_why, raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });

  it('normalises dot segments before checking the sign-in routes', () => {
    expect(safeReturnTo('/cases/../auth/callback')).toBe('/');
    expect(safeReturnTo('/cases/./x')).toBe('/cases/x');
  });
});
