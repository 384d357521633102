/**
 * Text values fitted to their DICOM VR: no backslash (the value separator), no control
 * characters, at most the VR's length (PS3.5 Table 6.2-1). A plan's labels are free text
 * typed by users, so each one passes through here before it is written.
 */

/** Control characters (C0 and DEL) become spaces: LO, SH, ST and PN hold none worth keeping. */
const noControls = (s: string): string => [...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');

const clean = (s: string): string => noControls(s.replace(/\\/g, '/')).replace(/\s+/g, ' ').trim();

/** An LO (64 characters) or SH (16) value. */
export const shortValue = (s: string, max = 64): string => [...clean(s)].slice(0, max).join('').trimEnd();

/** `prefix + middle + suffix` with the middle shortened so the whole fits `max` characters. */
export function framedValue(prefix: string, middle: string, suffix: string, max = 64): string {
  const room = max - [...prefix].length - [...suffix].length;
  const m = [...clean(middle)];
  return `${prefix}${m.length > room ? `${m.slice(0, Math.max(0, room - 1)).join('')}…` : m.join('')}${suffix}`;
}

/** An ST value (1024 characters). */
export const longText = (s: string): string => [...clean(s)].slice(0, 1024).join('');

/**
 * A PN value from a user's display name, which is not split into name parts: the whole name
 * becomes the family name component, followed by '^' so readers (and dciodvfy) do not take it
 * for the retired free-form style. '^' and '=' inside it would separate components and groups,
 * so they go.
 */
export const personName = (s: string): string => {
  const name = shortValue(s.replace(/[=^]/g, ' '), 63);
  return name === '' ? '' : `${name}^`;
};
