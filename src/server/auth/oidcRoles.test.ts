import { describe, expect, it } from 'vitest';
import { parseRoleMap } from './oidcConfig';
import { mapRoles, readRolesClaim } from './oidcRoles';

describe('mapRoles', () => {
  const map = parseRoleMap('ir-staff=attending,ir-residents=trainee,it=admin');

  it('maps an array claim, ignoring unmapped values, in ROLES order', () => {
    expect(mapRoles({ roles: ['it', 'nurses', 'ir-staff'] }, 'roles', map)).toEqual({ present: true, values: ['it', 'nurses', 'ir-staff'], roles: ['attending', 'admin'] });
  });

  it('reads a single string value, and reports an absent claim as not present', () => {
    expect(mapRoles({ roles: 'ir-residents' }, 'roles', map).roles).toEqual(['trainee']);
    expect(mapRoles({ sub: 'x' }, 'roles', map)).toEqual({ present: false, values: [], roles: [] });
    expect(mapRoles({ roles: [] }, 'roles', map)).toEqual({ present: true, values: [], roles: [] });
  });

  it('walks a dotted name (Keycloak realm_access.roles) unless the dotted name is a top-level key', () => {
    expect(readRolesClaim({ realm_access: { roles: ['ir-staff'] } }, 'realm_access.roles')).toEqual({ present: true, values: ['ir-staff'] });
    expect(readRolesClaim({ 'https://h.example/roles': ['it'] }, 'https://h.example/roles')).toEqual({ present: true, values: ['it'] });
    expect(readRolesClaim({ realm_access: 'x' }, 'realm_access.roles').present).toBe(false);
  });
});
