/** DICOM person name "FAMILY^GIVEN" as "FAMILY, Given". */
export function formatPersonName(pn: string | undefined): string {
  if (!pn) return '—';
  const [family = '', given = ''] = pn.split('=')[0]!.split('^');
  return given ? `${family}, ${given}` : family;
}

/** DICOM date YYYYMMDD as YYYY-MM-DD. */
export function formatDicomDate(da: string | undefined): string {
  if (!da || !/^\d{8}$/.test(da)) return da ?? '—';
  return `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;
}

/** DICOM age string "062Y" as "62 y". */
export function formatAge(as: string | undefined): string {
  const m = as ? /^(\d{3})([DWMY])$/.exec(as) : null;
  if (!m) return as ?? '—';
  const unit = { D: 'd', W: 'w', M: 'mo', Y: 'y' }[m[2] as 'D' | 'W' | 'M' | 'Y'];
  return `${Number(m[1])} ${unit}`;
}

/** A number with a fixed count of decimals and its unit, e.g. "12.3 mm". */
export const withUnit = (value: number | undefined, unit: string, decimals = 1): string =>
  value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(decimals)} ${unit}`;
