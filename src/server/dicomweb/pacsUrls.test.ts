import { describe, expect, it } from 'vitest';
import { proxiedPath, rewritePacsUrlsInText, withProxiedBulkData } from './pacsUrls';

const base = new URL('http://127.0.0.1:8042/dicom-web');

describe('PACS URLs through the proxy', () => {
  it('maps any host below the DICOMweb root to the proxy path and leaves others alone', () => {
    expect(proxiedPath('http://127.0.0.1:8042/dicom-web/studies/1/series/2/instances/3/bulk/7fe00010', base)).toBe(
      '/dicomweb/studies/1/series/2/instances/3/bulk/7fe00010',
    );
    expect(proxiedPath('http://127.0.0.1:5173/dicom-web/studies/1?x=2', base)).toBe('/dicomweb/studies/1?x=2');
    expect(proxiedPath('studies/1/bulk/7fe00010', base)).toBe('/dicomweb/studies/1/bulk/7fe00010');
    expect(proxiedPath('http://elsewhere/wado/1', base)).toBe('http://elsewhere/wado/1');
    expect(proxiedPath('http://127.0.0.1:8042/dicom-webx/1', base)).toBe('http://127.0.0.1:8042/dicom-webx/1');
  });

  it('rewrites BulkDataURIs at any depth and keeps everything else', () => {
    const json = {
      '00081190': { vr: 'UR', Value: ['http://127.0.0.1:8042/dicom-web/studies/1'] },
      '00540016': { vr: 'SQ', Value: [{ '00189519': { vr: 'OB', BulkDataURI: 'http://127.0.0.1:8042/dicom-web/b/1' } }] },
      '7FE00010': { vr: 'OW', BulkDataURI: 'http://127.0.0.1:8042/dicom-web/b/2' },
    };
    expect(withProxiedBulkData(json, base)).toEqual({
      '00081190': { vr: 'UR', Value: ['http://127.0.0.1:8042/dicom-web/studies/1'] },
      '00540016': { vr: 'SQ', Value: [{ '00189519': { vr: 'OB', BulkDataURI: '/dicomweb/b/1' } }] },
      '7FE00010': { vr: 'OW', BulkDataURI: '/dicomweb/b/2' },
    });
    expect(json['7FE00010'].BulkDataURI).toBe('http://127.0.0.1:8042/dicom-web/b/2');
  });

  it('rewrites URLs in proxied JSON whether the PACS used the forwarded host or its own', () => {
    const text = '["http://127.0.0.1:9000/dicom-web/studies/1","http://127.0.0.1:8042/dicom-web/studies/2"]';
    expect(rewritePacsUrlsInText(text, base, '127.0.0.1:9000')).toBe(
      '["http://127.0.0.1:9000/dicomweb/studies/1","http://127.0.0.1:9000/dicomweb/studies/2"]',
    );
  });
});
