/**
 * Text values fitted to their DICOM VR: no backslash (the value separator), no control
 * characters, at most the VR's length (PS3.5 Table 6.2-1). The plan SEG is written in UTF-8
 * (ISO_IR 192), where a length limit is counted in bytes as validators count it: "é" or "–"
 * takes 2 or 3 of LO's 64. A plan's labels are free text typed by users, so each one passes
 * through here before it is written.
 */

const utf8 = new TextEncoder();
const bytes = (s: string): number => utf8.encode(s).length;

/** Control characters (C0 and DEL) become spaces: LO, SH, ST and PN hold none worth keeping. */
const noControls = (s: string): string => [...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');

const clean = (s: string): string => noControls(s.replace(/\\/g, '/')).replace(/\s+/g, ' ').trim();

/** The longest prefix of `s` (whole characters) of at most `max` UTF-8 bytes. */
function cut(s: string, max: number): string {
  const chars = [...s];
  let out = '';
  for (const c of chars) {
    if (bytes(out + c) > max) break;
    out += c;
  }
  return out;
}

/** An LO value (64 bytes), or SH with max 16. */
export const shortValue = (s: string, max = 64): string => cut(clean(s), max).trimEnd();

/** `prefix + middle + suffix` with the middle shortened ("...") so the whole fits `max` bytes. */
export function framedValue(prefix: string, middle: string, suffix: string, max = 64): string {
  const m = clean(middle);
  const whole = `${prefix}${m}${suffix}`;
  if (bytes(whole) <= max) return whole;
  const room = max - bytes(prefix) - bytes(suffix) - 3;
  return `${prefix}${cut(m, Math.max(0, room)).trimEnd()}...${suffix}`;
}

/** An ST value (1024 bytes). */
export const longText = (s: string): string => cut(clean(s), 1024);

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
