import { describe, expect, it } from 'vitest';
import { readDicomwebConfig } from './dicomwebConfig';
import { publicConfig } from './publicConfig';

const basic = (s: string): string => `Basic ${Buffer.from(s).toString('base64')}`;

describe('readDicomwebConfig', () => {
  it('is off without DICOMWEB_URL', () => {
    expect(readDicomwebConfig({})).toBeUndefined();
    expect(readDicomwebConfig({ DICOMWEB_URL: '  ' })).toBeUndefined();
    expect(publicConfig(undefined, { folder: '/samples', problem: null })).toEqual({ dicomweb: { enabled: false }, embedded: { folder: '/samples', problem: null } });
  });

  it('reads the URL without its trailing slash and labels the PACS by host', () => {
    const c = readDicomwebConfig({ DICOMWEB_URL: 'http://127.0.0.1:8042/dicom-web/' });
    expect(c?.baseUrl.href).toBe('http://127.0.0.1:8042/dicom-web');
    expect(c?.label).toBe('PACS 127.0.0.1:8042');
    expect(c?.authorization()).toBeUndefined();
    expect(readDicomwebConfig({ DICOMWEB_URL: 'http://pacs/dw', DICOMWEB_LABEL: 'Radiology' })?.label).toBe('Radiology');
  });

  it('builds HTTP Basic from user and password, and keeps a whole header as given', () => {
    const c = readDicomwebConfig({ DICOMWEB_URL: 'http://pacs/dw', DICOMWEB_USER: 'alice', DICOMWEB_PASSWORD: 's3cr:et' });
    expect(c?.authorization()).toBe(basic('alice:s3cr:et'));
    const h = readDicomwebConfig({ DICOMWEB_URL: 'http://pacs/dw', DICOMWEB_AUTHORIZATION: 'Bearer abc.def' });
    expect(h?.authorization()).toBe('Bearer abc.def');
  });

  it('moves credentials out of the URL', () => {
    const c = readDicomwebConfig({ DICOMWEB_URL: 'https://bob:p%40ss@pacs.example/dicom-web' });
    expect(c?.baseUrl.href).toBe('https://pacs.example/dicom-web');
    expect(c?.authorization()).toBe(basic('bob:p@ss'));
  });

  it('never shows the credentials when the configuration is printed or sent', () => {
    const c = readDicomwebConfig({ DICOMWEB_URL: 'http://pacs/dw', DICOMWEB_USER: 'alice', DICOMWEB_PASSWORD: 'hunter2' });
    expect(JSON.stringify(c)).not.toContain(Buffer.from('alice:hunter2').toString('base64'));
    expect(JSON.stringify(publicConfig(c, { folder: '/samples', problem: null }))).toBe('{"dicomweb":{"enabled":true,"label":"PACS pacs"},"embedded":{"folder":"/samples","problem":null}}');
  });

  it('names the variable when a value is unusable, without repeating a secret', () => {
    expect(() => readDicomwebConfig({ DICOMWEB_URL: 'not a url' })).toThrow(/DICOMWEB_URL/);
    expect(() => readDicomwebConfig({ DICOMWEB_URL: 'ftp://pacs/x' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => readDicomwebConfig({ DICOMWEB_URL: 'http://pacs/dw', DICOMWEB_USER: 'alice' })).toThrow(/DICOMWEB_PASSWORD/);
    const both = () =>
      readDicomwebConfig({ DICOMWEB_URL: 'http://pacs/dw', DICOMWEB_USER: 'a', DICOMWEB_PASSWORD: 'topsecret', DICOMWEB_AUTHORIZATION: 'Bearer x' });
    expect(both).toThrow(/one way only/);
    expect(both).not.toThrow(/topsecret/);
  });
});
