import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { harringtonComponentsSchema, sinsComponentsSchema } from '../../records';
import { choicesFor, valueOfChoice } from './fieldChoices';
import { objectDefaults } from './objectDefaults';
import { describeField } from './schemaIntrospection';

describe('what a select shows is what is stored', () => {
  it('an unset optional wall of a Harrington score shows "—", not "Intact"', () => {
    const info = describeField(harringtonComponentsSchema.shape.superiorWall);
    const { options, selected } = choicesFor(info, undefined);
    expect(selected).toBe('');
    expect(options[0]).toEqual({ value: '', label: '—', disabled: false });
    expect(options.map((o) => o.value)).toEqual(['', 'intact', 'deficient']);
    expect(valueOfChoice(info, '')).toBeUndefined();
    expect(valueOfChoice(info, 'deficient')).toBe('deficient');
  });

  it('an unset optional yes/no ("solitary for cure") shows "—", not "Yes", and choosing "—" unsets it', () => {
    const info = describeField(harringtonComponentsSchema.shape.solitaryForCure);
    expect(choicesFor(info, undefined).selected).toBe('');
    expect(choicesFor(info, false).selected).toBe('no');
    expect(choicesFor(info, true).selected).toBe('yes');
    expect(valueOfChoice(info, '')).toBeUndefined();
    expect(valueOfChoice(info, 'no')).toBe(false);
  });

  it('a nullable choice stores null for "—"', () => {
    const info = describeField(z.enum(['a', 'b']).nullable().default(null));
    expect(choicesFor(info, null).selected).toBe('');
    expect(valueOfChoice(info, '')).toBeNull();
  });

  it('a required choice with nothing stored shows a disabled "—", and none when a value is stored', () => {
    const info = describeField(z.enum(['a', 'b']));
    expect(choicesFor(info, undefined).options[0]).toEqual({ value: '', label: '—', disabled: true });
    expect(choicesFor(info, 'b')).toEqual({ options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], selected: 'b' });
    // A value the schema does not list is not shown as its first option either.
    expect(choicesFor(info, 'zz').selected).toBe('');
  });

  it('"+ SINS" and "+ Harrington" add components that are all unset (absent), so every select shows "—"', () => {
    for (const schema of [sinsComponentsSchema, harringtonComponentsSchema]) {
      const fresh = objectDefaults(schema.shape);
      for (const [k, s] of Object.entries(schema.shape)) {
        expect(fresh[k], k).toBeUndefined();
        const info = describeField(s);
        if (info.field.kind === 'enum' || info.field.kind === 'boolean') expect(choicesFor(info, fresh[k]).selected, k).toBe('');
      }
    }
  });
});
