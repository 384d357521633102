import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify';
import { burnedInRefusal } from './burnedIn';
import { uidMapperFor } from './uidMap';

const base = { SOPClassUID: '1.2.840.10008.5.1.4.1.1.6.1', SOPInstanceUID: '1.2.826.0.1.3680043.8.498.9' };

describe('burned-in annotation refusal', () => {
  it('refuses Burned In Annotation YES by file name, even for CT', () => {
    const r = burnedInRefusal({ ...base, Modality: 'CT', BurnedInAnnotation: 'YES' }, 'IM0042.dcm', false);
    expect(r).toMatch(/^IM0042\.dcm: refused/);
    expect(r).toContain('Burned In Annotation');
  });

  it('refuses US and screen captures unless Burned In Annotation says NO', () => {
    expect(burnedInRefusal({ ...base, Modality: 'US' }, 'us.dcm', false)).toMatch(/^us\.dcm: refused, modality US/);
    expect(burnedInRefusal({ ...base, Modality: 'US', BurnedInAnnotation: 'NO' }, 'us.dcm', false)).toBeNull();
    expect(burnedInRefusal({ ...base, SOPClassUID: '1.2.840.10008.5.1.4.1.1.7', Modality: 'CT' }, 'sc.dcm', false)).toMatch(/Secondary Capture/);
    expect(burnedInRefusal({ ...base, SOPClassUID: '1.2.840.10008.5.1.4.1.1.7.4', Modality: 'CT' }, 'sc.dcm', false)).not.toBeNull();
    expect(burnedInRefusal({ ...base, SOPClassUID: '1.2.840.10008.5.1.4.1.1.77.1.1', Modality: 'CT' }, 'x.dcm', false)).toBeNull();
    expect(burnedInRefusal({ ...base, Modality: 'CT' }, 'ct.dcm', false)).toBeNull();
  });

  it('deidentify refuses by name, and accepts cleaned pixels with the Clean Pixel Data code', () => {
    const options = { fileName: 'scan 7.dcm', uidMap: uidMapperFor('s'), dateShiftDays: 3, pseudonym: { name: 'P', id: 'P' } };
    const refused = deidentify({ ...base, Modality: 'US', BurnedInAnnotation: 'YES' }, options);
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^scan 7\.dcm: refused/) as unknown });
    const cleaned = deidentify({ ...base, Modality: 'US', BurnedInAnnotation: 'YES' }, { ...options, pixelsCleaned: true });
    if (!cleaned.ok) throw new Error(cleaned.error);
    const codes = (cleaned.value.dataset.DeidentificationMethodCodeSequence as { CodeValue: string }[]).map((c) => c.CodeValue);
    expect(codes).toContain('113101');
  });
});
