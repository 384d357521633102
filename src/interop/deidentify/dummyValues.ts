/**
 * Dummy values for action D ("replace with a non-zero length value that may be a dummy value
 * and consistent with the VR"), chosen to be obviously not real and valid for the VR's length
 * and character rules.
 */
export function dummyValue(vr: string): unknown {
  switch (vr) {
    case 'PN':
      return [{ Alphabetic: 'ANONYMIZED' }];
    case 'DA':
      return '19000101';
    case 'TM':
      return '000000';
    case 'DT':
      return '19000101000000';
    case 'AS':
      return '000Y';
    case 'IS':
    case 'DS':
      return '0';
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'UV':
    case 'SV':
      return 0;
    case 'OB':
    case 'OW':
    case 'UN':
    case 'OF':
    case 'OD':
    case 'OL':
    case 'OV':
      return [new Uint8Array(2).buffer];
    case 'UR':
      return 'urn:anonymized';
    default:
      // CS, AE, LO, SH, LT, ST, UT, UC: upper case so CS accepts it, 10 characters so AE and SH do.
      return 'ANONYMIZED';
  }
}

/** The empty value of action Z in dcmjs's naturalized form (written as a zero-length element). */
export function emptyValue(vr: string): unknown {
  if (vr === 'SQ') return [];
  if (['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'UV', 'SV', 'OB', 'OW', 'UN', 'OF', 'OD', 'OL', 'OV', 'AT'].includes(vr)) return null;
  return '';
}

/**
 * The dummy item of an identifying code sequence: a code of PercuPlan's private scheme
 * (99PERCUPLAN, as its other private codes) that means only "anonymized".
 */
export function dummyCodeItem(): Record<string, unknown> {
  return { CodeValue: 'ANONYMIZED', CodingSchemeDesignator: '99PERCUPLAN', CodeMeaning: 'Anonymized' };
}
