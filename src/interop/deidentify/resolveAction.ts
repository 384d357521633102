import { optionAction, type ProfileRow } from './profileRow';

/** The options of PS3.15 E.3 this engine applies (Basic Profile always). */
export interface ProfileOptions {
  /** Retain Longitudinal Temporal Information with Modified Dates: dates shifted, times kept. */
  readonly modifiedDates: boolean;
  /** Retain Patient Characteristics: sex, age, size, weight and the like kept. */
  readonly retainPatientCharacteristics: boolean;
  /** Clean Descriptors: descriptions cleaned; here removed or emptied (see resolveAction). */
  readonly cleanDescriptors: boolean;
  /** Clean Structured Content: SR content kept with its text replaced; without it, dropped. */
  readonly cleanStructuredContent: boolean;
}

/** What the walk does with one attribute. */
export type Decision =
  | { readonly act: 'X' | 'Z' | 'D'; readonly reason: string }
  | { readonly act: 'U' | 'K' | 'shift' | 'content'; readonly reason: string };

/**
 * The action for an attribute given its Table E.1-1 row (if any), its VR and the options.
 * Option columns win over the Basic Profile where the option is on. A "C" we cannot perform
 * faithfully on free text (Clean Descriptors, patient state, allergies) falls back to the
 * Basic Profile's removal, which is always allowed. Combined actions keep the attribute in
 * the least revealing form that stays valid whatever its Type: X/Z → Z, X/D, Z/D, X/Z/D → D,
 * and X/Z/U* keeps the sequence with its instance UIDs replaced.
 */
export function resolveAction(keyword: string, row: ProfileRow | undefined, vr: string, o: ProfileOptions): Decision {
  const beyond = BEYOND_TABLE[keyword];
  if (beyond) return beyond;
  if (!row) return withoutRow(vr, o);
  if (o.retainPatientCharacteristics && optionAction(row, 'P') === 'K') return { act: 'K', reason: 'Retain Patient Characteristics' };
  if (o.modifiedDates && optionAction(row, 'M') === 'C') {
    if (vr === 'DA' || vr === 'DT') return { act: 'shift', reason: 'Retain Longitudinal Temporal Information with Modified Dates' };
    if (vr === 'TM') return { act: 'K', reason: 'times of day kept with Modified Dates' };
  }
  if (o.cleanStructuredContent && optionAction(row, 'S') === 'C') return { act: 'content', reason: 'Clean Structured Content' };
  const cleanedAway =
    (o.cleanDescriptors && optionAction(row, 'D') === 'C') || (o.retainPatientCharacteristics && optionAction(row, 'P') === 'C');
  const why = cleanedAway ? 'free text cannot be cleaned reliably, so the Basic Profile action applies' : 'Basic Profile';
  return basic(keyword, row[2], vr, why);
}

/**
 * Free text the 2024b table does not list but that can hold anything a user typed, which we
 * cannot clean reliably: SR TEXT values (Clean Structured Content keeps the item, not its
 * words), presentation-state annotation text and a SEG's or SR's Content Description. Segment
 * labels and tracking identifiers are kept: they name lesions and needles, the teaching content.
 */
const BEYOND_TABLE: Readonly<Record<string, Decision>> = {
  TextValue: { act: 'D', reason: 'free text of structured content replaced (Clean Structured Content)' },
  UnformattedTextValue: { act: 'D', reason: 'annotation text replaced: free text cannot be cleaned reliably' },
  ContentDescription: { act: 'Z', reason: 'free-text description emptied: it cannot be cleaned reliably' },
};

function basic(keyword: string, action: ProfileRow[2], vr: string, why: string): Decision {
  switch (action) {
    case 'X':
      return { act: 'X', reason: why };
    case 'Z':
    case 'X/Z':
      return { act: 'Z', reason: why };
    case 'D':
    case 'X/D':
    case 'Z/D':
    case 'X/Z/D':
      return vr === 'SQ' ? dummySequence(keyword, action, why) : { act: 'D', reason: why };
    case 'U':
      return { act: 'U', reason: why };
    case 'X/Z/U*':
      return { act: 'K', reason: 'kept with its instance UIDs replaced' };
    case 'K':
    case 'C':
      return { act: 'K', reason: why };
  }
}

/**
 * Codes that identify a person or an institution: their items' Code Value and Code Meaning are
 * not in the table, so walking them would keep the identity; they get one dummy code item.
 */
const IDENTIFYING_CODE_SEQUENCES = new Set(['PersonIdentificationCodeSequence', 'InstitutionCodeSequence']);

/**
 * D on a sequence: its dummy is its own items with every attribute in them de-identified, except
 * identifying code sequences (a dummy code), X/D sequences (Type 3 wherever this engine meets
 * them, e.g. Operator Identification: removed) and SR content without its option (removed).
 */
function dummySequence(keyword: string, action: ProfileRow[2], why: string): Decision {
  if (keyword === 'ContentSequence') return { act: 'X', reason: 'structured content is kept only with Clean Structured Content' };
  if (IDENTIFYING_CODE_SEQUENCES.has(keyword)) return { act: 'D', reason: why };
  if (action === 'X/D') return { act: 'X', reason: why };
  return { act: 'K', reason: why };
}

/**
 * Attributes the table does not list: instance UIDs are replaced wherever they are (every
 * reference must follow its target), person names replaced, dates are shifted (or removed without Modified Dates, as
 * the table's date rows would be), sequences are walked, and the rest is kept.
 */
function withoutRow(vr: string, o: ProfileOptions): Decision {
  if (vr === 'UI') return { act: 'U', reason: 'instance UID replaced consistently' };
  // A person's name is identifying wherever it is (e.g. Evaluator Name, which the table lacks).
  if (vr === 'PN') return { act: 'D', reason: 'person name not in Table E.1-1 replaced' };
  if (vr === 'DA' || vr === 'DT') {
    return o.modifiedDates ? { act: 'shift', reason: 'date shifted (Modified Dates)' } : { act: 'X', reason: 'date removed' };
  }
  if (vr === 'TM') return o.modifiedDates ? { act: 'K', reason: 'times of day kept' } : { act: 'X', reason: 'time removed' };
  return { act: 'K', reason: 'not in Table E.1-1' };
}
