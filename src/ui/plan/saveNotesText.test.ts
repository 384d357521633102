import { describe, expect, it } from 'vitest';
import { saveNotesText } from './saveNotesText';

describe('saveNotesText', () => {
  it('says nothing for a save without notes', () => {
    expect(saveNotesText(4, [])).toBeUndefined();
  });

  it('names the version, the blank metrics and the reason, without the server repeating "geometric metrics only"', () => {
    const note =
      'series 1.2.3.4 could not be read from the PACS at http://pacs.test/dicom-web, so plans on it get geometric metrics only: The PACS at http://pacs.test/dicom-web did not answer: connect ECONNREFUSED 10.0.0.7:8042.';
    expect(saveNotesText(4, [note])).toBe(
      'Saved v4 — HU-based metrics (tissue strip, cortical crossings, transpedicular clearance, lesion HU) not computed: ' +
        'series 1.2.3.4 could not be read from the PACS at http://pacs.test/dicom-web: The PACS at http://pacs.test/dicom-web did not answer: connect ECONNREFUSED 10.0.0.7:8042.',
    );
  });

  it('lists several notes in order, and keeps a note it does not recognise whole', () => {
    expect(saveNotesText(2, ['a reason', 'series 9 is not read as a volume, so plans on it get geometric metrics only: a gap of 2 slices'])).toBe(
      'Saved v2 — HU-based metrics (tissue strip, cortical crossings, transpedicular clearance, lesion HU) not computed: a reason; series 9 is not read as a volume: a gap of 2 slices',
    );
  });
});
