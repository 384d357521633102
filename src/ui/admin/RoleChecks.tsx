import { ROLE_NAMES, type RoleName } from '../../api/auth';

/** One checkbox per role. */
export function RoleChecks({ value, onChange, testId }: { value: readonly RoleName[]; onChange: (roles: RoleName[]) => void; testId: string }) {
  return (
    <span className="role-checks" data-testid={testId}>
      {ROLE_NAMES.map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            data-role={r}
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? ROLE_NAMES.filter((x) => x === r || value.includes(x)) : value.filter((x) => x !== r))}
          />
          {r}
        </label>
      ))}
    </span>
  );
}
