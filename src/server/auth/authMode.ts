import { isLoopback } from '../config';

/** How the server decides who a request is. */
export type AuthMode = 'single-user' | 'accounts';

/** What decides the mode. */
export interface ModeInputs {
  /** How many accounts exist (the database: an account added by the CLI counts at once). */
  countAccounts(): Promise<number>;
  /** Whether hospital sign-on (OIDC) is configured. */
  oidc: boolean;
  /** The address the server listens on (HOST). */
  host: string;
  now: () => Date;
  /** How long a decision is reused, in milliseconds (default 1000). */
  cacheMs?: number;
}

/** The current mode, re-read from the database at most once per `cacheMs`. */
export interface ModeDecider {
  mode(): Promise<AuthMode>;
  /** Forgets the cached decision (after this process changed the accounts). */
  invalidate(): void;
}

/** Whether sign-in applies: any account exists (disabled ones too) or OIDC is configured. */
export const loginApplies = (accounts: number, oidc: boolean): boolean => oidc || accounts > 0;

/**
 * Single-user mode needs no account, no OIDC and a loopback HOST. A non-loopback server with
 * no way to sign in is refused at start; should it run anyway, it is in accounts mode, where
 * nobody gets in (closed, not open).
 */
export function createModeDecider(inputs: ModeInputs): ModeDecider {
  const cacheMs = inputs.cacheMs ?? 1000;
  let cached: { at: number; mode: Promise<AuthMode> } | undefined;
  const decide = async (): Promise<AuthMode> => {
    if (inputs.oidc || !isLoopback(inputs.host)) return 'accounts';
    return loginApplies(await inputs.countAccounts(), inputs.oidc) ? 'accounts' : 'single-user';
  };
  return {
    mode() {
      const now = inputs.now().getTime();
      if (!cached || now - cached.at >= cacheMs || now < cached.at) {
        const mode = decide();
        cached = { at: now, mode };
        // A failed read is not cached: the next request asks the database again.
        mode.catch(() => {
          if (cached?.mode === mode) cached = undefined;
        });
      }
      return cached.mode;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
