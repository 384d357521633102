import { describe, expect, it } from 'vitest';
import { teachingPacsFrom } from './teachingPacs';

describe('teachingPacsFrom', () => {
  it('is undefined without TEACHING_DICOMWEB_URL, whatever the main PACS settings', () => {
    expect(teachingPacsFrom({})).toBeUndefined();
    expect(teachingPacsFrom({ DICOMWEB_URL: 'http://pacs:8042/dicom-web', TEACHING_DICOMWEB_URL: '  ' })).toBeUndefined();
  });

  it('reads the URL, a default label naming the host, and a label of its own', () => {
    const pacs = teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'http://teach.local:8043/dicom-web/', DICOMWEB_LABEL: 'Main' });
    expect(pacs?.source.label).toBe('Teaching PACS teach.local:8043');
    expect(teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'http://teach.local:8043/dicom-web', TEACHING_DICOMWEB_LABEL: 'Teaching files' })?.source.label).toBe('Teaching files');
  });

  it('does not take the main PACS credentials, and names the TEACHING_ variable of a bad setting without the secret', () => {
    // The main PACS's user alone would be an error if it were read as the teaching one's.
    expect(teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'http://t:1/dw', DICOMWEB_USER: 'u' })).toBeDefined();
    expect(() => teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'ftp://t/dw' })).toThrow(/^TEACHING_DICOMWEB_URL must start with http/);
    expect(() => teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'not a url' })).toThrow(/^TEACHING_DICOMWEB_URL is not a URL/);
    let message = '';
    try {
      teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'http://t:1/dw', TEACHING_DICOMWEB_USER: 'alice', TEACHING_DICOMWEB_PASSWORD: 'pw', TEACHING_DICOMWEB_AUTHORIZATION: 'Bearer s3cret' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/TEACHING_DICOMWEB_USER\/TEACHING_DICOMWEB_PASSWORD, TEACHING_DICOMWEB_AUTHORIZATION/);
    expect(message).not.toMatch(/s3cret/);
    expect(() => teachingPacsFrom({ TEACHING_DICOMWEB_URL: 'http://t:1/dw', TEACHING_DICOMWEB_USER: 'alice' })).toThrow('TEACHING_DICOMWEB_USER and TEACHING_DICOMWEB_PASSWORD must be set together');
  });
});
