import { describe, expect, it } from 'vitest';
import { parseRoleMap, readOidcConfig } from './oidcConfig';

const full = {
  OIDC_ISSUER: 'https://idp.hospital.example/realms/main',
  OIDC_CLIENT_ID: 'percuplan',
  OIDC_CLIENT_SECRET: 's3cret',
  PUBLIC_URL: 'https://percuplan.hospital.example/',
  OIDC_ROLE_MAP: 'ir-staff=attending, ir-residents=trainee',
};

describe('readOidcConfig', () => {
  it('is off when no OIDC variable is set (PUBLIC_URL alone does not switch it on)', () => {
    expect(readOidcConfig({})).toBeNull();
    expect(readOidcConfig({ PUBLIC_URL: 'https://x.example', OIDC_ISSUER: '  ' })).toBeNull();
  });

  it('reads a full configuration: redirect under PUBLIC_URL without a double slash, roles claim defaults to "roles"', () => {
    const c = readOidcConfig(full);
    expect(c).not.toBeNull();
    expect(c?.issuer).toBe('https://idp.hospital.example/realms/main');
    expect(c?.publicUrl).toBe('https://percuplan.hospital.example');
    expect(c?.redirectUri).toBe('https://percuplan.hospital.example/auth/callback');
    expect(c?.rolesClaim).toBe('roles');
    expect(c?.scopes).toBeNull();
    expect([...(c?.roleMap ?? new Map())]).toEqual([
      ['ir-staff', ['attending']],
      ['ir-residents', ['trainee']],
    ]);
  });

  it('takes OIDC_ROLES_CLAIM and OIDC_SCOPES when given', () => {
    const c = readOidcConfig({ ...full, OIDC_ROLES_CLAIM: 'groups', OIDC_SCOPES: 'openid profile groups' });
    expect(c?.rolesClaim).toBe('groups');
    expect(c?.scopes).toEqual(['openid', 'profile', 'groups']);
    expect(() => readOidcConfig({ ...full, OIDC_SCOPES: 'profile' })).toThrow(/OIDC_SCOPES must include openid/);
  });

  it('names every missing variable of a half configuration', () => {
    expect(() => readOidcConfig({ OIDC_ISSUER: full.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL, OIDC_ROLE_MAP must be set/);
    const { OIDC_ROLE_MAP: _, ...noMap } = full;
    expect(() => readOidcConfig(noMap)).toThrow(/: OIDC_ROLE_MAP must be set/);
    expect(() => readOidcConfig({ OIDC_ROLE_MAP: 'a=attending' })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL must be set/);
  });

  it('refuses URLs that are not absolute http(s)', () => {
    expect(() => readOidcConfig({ ...full, OIDC_ISSUER: 'idp.example' })).toThrow(/OIDC_ISSUER must be an absolute http\(s\) URL/);
    expect(() => readOidcConfig({ ...full, PUBLIC_URL: 'ftp://x.example' })).toThrow(/PUBLIC_URL must be an http\(s\) URL/);
    expect(() => readOidcConfig({ ...full, PUBLIC_URL: 'https://x.example/?a=1' })).toThrow(/PUBLIC_URL must not have a query/);
  });

  it('allows a plain-http issuer on loopback only (the client secret must not cross a network in clear)', () => {
    expect(() => readOidcConfig({ ...full, OIDC_ISSUER: 'http://idp.hospital.example' })).toThrow(/OIDC_ISSUER must be an https URL/);
    expect(readOidcConfig({ ...full, OIDC_ISSUER: 'http://127.0.0.1:4000' })?.issuer).toBe('http://127.0.0.1:4000');
    expect(readOidcConfig({ ...full, OIDC_ISSUER: 'http://localhost:4000/oidc' })?.issuer).toBe('http://localhost:4000/oidc');
    expect(readOidcConfig({ ...full, OIDC_ISSUER: 'http://[::1]:4000' })?.issuer).toBe('http://[::1]:4000');
    expect(() => readOidcConfig({ ...full, OIDC_ISSUER: 'http://127.0.0.1.evil.example' })).toThrow(/OIDC_ISSUER must be an https URL/);
  });
});

describe('parseRoleMap', () => {
  it('names a value mapped to a role PercuPlan does not know', () => {
    expect(() => parseRoleMap('ir-staff=attending,radiographers=technician')).toThrow(/"radiographers" to "technician", which is not a PercuPlan role/);
  });

  it('refuses an entry without "=" or an empty map', () => {
    expect(() => parseRoleMap('ir-staff')).toThrow(/entry "ir-staff" must read claim-value=role/);
    expect(() => parseRoleMap(' , ')).toThrow(/names no claim value/);
  });

  it('lets one value give several roles (listed twice)', () => {
    expect(parseRoleMap('ir-lead=attending,ir-lead=admin,ir-lead=attending').get('ir-lead')).toEqual(['attending', 'admin']);
  });
});
