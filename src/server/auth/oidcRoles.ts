import { ROLES, type Role } from './roles';

/** The values a user's roles claim held, and the PercuPlan roles they map to. */
export interface MappedRoles {
  /** Whether the claim was present at all (absent: look in userinfo too). */
  present: boolean;
  /** The claim's string values as the provider sent them. */
  values: string[];
  /** The PercuPlan roles, in ROLES order, without duplicates; empty when no value maps. */
  roles: Role[];
}

/**
 * Reads the roles claim `claimName` from `claims`. A name found as a top-level key wins (Auth0
 * style names such as `https://hospital.example/roles` contain dots); otherwise a dotted name
 * walks nested objects, as Keycloak's `realm_access.roles`. A string value counts as one value.
 */
export function readRolesClaim(claims: Readonly<Record<string, unknown>>, claimName: string): { present: boolean; values: string[] } {
  let raw: unknown = claims[claimName];
  if (raw === undefined && claimName.includes('.')) {
    raw = claimName.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), claims);
  }
  if (raw === undefined || raw === null) return { present: false, values: [] };
  const list = Array.isArray(raw) ? raw : [raw];
  return { present: true, values: list.filter((v): v is string => typeof v === 'string') };
}

/** Maps the claim's values through OIDC_ROLE_MAP; values the map does not name give nothing. */
export function mapRoles(claims: Readonly<Record<string, unknown>>, claimName: string, roleMap: ReadonlyMap<string, readonly Role[]>): MappedRoles {
  const { present, values } = readRolesClaim(claims, claimName);
  const granted = new Set<Role>(values.flatMap((v) => roleMap.get(v) ?? []));
  return { present, values, roles: ROLES.filter((r) => granted.has(r)) };
}
