import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from '../shortcuts';

describe('key image shortcuts', () => {
  it('K opens the key image dialog and O switches the plan overlay (either case), both listed for the help panel', () => {
    expect(shortcutFor('k')?.action).toEqual({ kind: 'keyImage' });
    expect(shortcutFor('K')?.action).toEqual({ kind: 'keyImage' });
    expect(shortcutFor('o')?.action).toEqual({ kind: 'overlay' });
    expect(SHORTCUTS.filter((s) => s.action.kind === 'keyImage' || s.action.kind === 'overlay').map((s) => s.keys)).toEqual([['k'], ['o']]);
  });

  it('no key is bound to two actions (a new binding must not shadow an old one)', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
