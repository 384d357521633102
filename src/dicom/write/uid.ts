/**
 * True when `uid` is a valid DICOM UID (PS3.5 9.1): 1–64 characters, dot-separated numeric
 * components, no empty component and no leading zero in a multi-digit component.
 */
export function isValidUid(uid: string): boolean {
  if (uid.length === 0 || uid.length > 64) return false;
  return uid.split('.').every((c) => /^(0|[1-9][0-9]*)$/.test(c));
}
