import { fieldLabelOf, fieldPlace } from '../../records';
import { caseFieldInfoAt } from './schemaAt';

/** A number with the field's unit, "%" written close: "0–100%", "0–1000 mm". */
const withUnit = (text: string, unit: string | undefined): string => (!unit ? text : unit === '%' ? `${text}%` : `${text} ${unit}`);

/**
 * A validation message in clinical words that names the field: "performance.ecog: Too big:
 * expected number to be <=5" becomes "ECOG performance status must be 0–5". The range comes
 * from the schema, so the message gives both ends whichever one was crossed. A message the
 * records layer already wrote for people (a custom rule) is kept after the field's name.
 */
export function clinicalMessage(path: string, message: string): string {
  const place = path ? fieldPlace(path) : 'The case';
  const info = path ? caseFieldInfoAt(path) : undefined;
  const f = info?.field;
  const unit = path ? fieldLabelOf(path).unit : undefined;
  if (/^Too (big|small): expected number/.test(message) || /^Invalid input: expected (number|int)/.test(message)) {
    if (f?.kind === 'number' && f.min !== undefined && f.max !== undefined) {
      return `${place} must be ${withUnit(`${f.min}–${f.max}`, unit?.includes('–') ? undefined : unit)}`;
    }
    const bound = /([<>]=?)\s*(-?[\d.]+)/.exec(message);
    if (bound) return `${place} must be ${bound[1]!.startsWith('<') ? 'at most' : 'at least'} ${withUnit(bound[2]!, unit)}`;
    return `${place} must be a number`;
  }
  if (message === 'Required' || /^Too small: expected string to have >=1 characters?/.test(message) || /expected string, received undefined/.test(message)) {
    return `${place} is required`;
  }
  const tooLong = /^Too big: expected string to have <=(\d+) characters?/.exec(message);
  if (tooLong) return `${place} is too long (at most ${tooLong[1]} characters)`;
  const tooMany = /^Too big: expected array to have <=(\d+) items?/.exec(message);
  if (tooMany) return `${place}: at most ${tooMany[1]} entries`;
  if (/^Invalid (ISO )?date/i.test(message)) return `${place} must be a date written YYYY-MM-DD`;
  if (/^Invalid option/.test(message)) return `${place}: choose one of the listed options`;
  if (message === 'Unknown field') return `${place} is not part of the case record`;
  if (/^Invalid input: expected boolean/.test(message)) return `${place}: choose Yes or No`;
  return `${place}: ${message}`;
}

/**
 * An API issue path as the form writes its `data-path`: `body.lesions[0].site` → `lesions.0.site`,
 * so that a refused field shows its message at the field itself.
 */
export const formPath = (apiPath: string): string => apiPath.replace(/^(body|content)\./, '').replace(/\[(\d+)\]/g, '.$1');
