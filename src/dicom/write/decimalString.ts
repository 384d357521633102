/**
 * Formats a number as a DICOM DS value: at most 16 characters, no "-0", as much precision
 * as fits. Throws for NaN and infinities, which DS cannot hold.
 */
export function formatDecimalString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`DS cannot hold ${n}`);
  if (Object.is(n, -0) || n === 0) return '0';
  const shortest = String(n);
  if (shortest.length <= 16) return shortest;
  for (let p = 15; p >= 1; p--) {
    for (const s of [trimZeros(n.toPrecision(p)), trimZeros(n.toExponential(p - 1))]) if (s.length <= 16) return s;
  }
  throw new Error(`DS cannot hold ${n} in 16 characters`);
}

/** Formats an integer as a DICOM IS value (32-bit signed range). */
export function formatIntegerString(n: number): string {
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) throw new Error(`IS cannot hold ${n}`);
  return String(n);
}

function trimZeros(s: string): string {
  const [mantissa = '', exponent] = s.split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}
