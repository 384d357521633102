import { describe, expect, it } from 'vitest';
import { checkExposure, readConfig } from './config';

describe('server configuration', () => {
  it('listens on 127.0.0.1:8080 with ./data by default', () => {
    const c = readConfig({}, '/repo', '1.0.0');
    expect([c.host, c.port, c.dataDir, c.sampleDir]).toEqual(['127.0.0.1', 8080, '/repo/data', '/repo/sample-dicom/generated']);
  });
  it('takes PORT, HOST and DATA_DIR from the environment', () => {
    const c = readConfig({ PORT: '9000', HOST: '::1', DATA_DIR: '/var/lib/pp' }, '/repo', '1.0.0');
    expect([c.host, c.port, c.dataDir]).toEqual(['::1', 9000, '/var/lib/pp']);
  });
  it('refuses a non-loopback address while there are no user accounts, saying why', () => {
    expect(() => checkExposure(readConfig({ HOST: '0.0.0.0' }, '/repo', '1.0.0').host, false)).toThrow(/HOST=0\.0\.0\.0 .*user accounts are not configured/);
    expect(() => checkExposure('192.168.1.20', false)).toThrow(/npm run users -- add/);
  });
  it('accepts a non-loopback address once login applies, and loopback always', () => {
    expect(() => checkExposure('0.0.0.0', true)).not.toThrow();
    expect(() => checkExposure('127.0.0.1', false)).not.toThrow();
    expect(() => checkExposure('::1', false)).not.toThrow();
  });
  it('names PORT when it is not a port number', () => {
    expect(() => readConfig({ PORT: 'eighty' }, '/repo', '1.0.0')).toThrow(/PORT must be an integer/);
  });
});
