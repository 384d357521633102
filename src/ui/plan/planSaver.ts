import type { PlanDraft } from '../../planning/plan/planDraft';

/** The part of the plan store a saver reads and marks. */
export interface SaverStore {
  getSnapshot(): { readonly draft: PlanDraft; readonly revision: number; readonly savedRevision: number };
  markRevisionSaved(revision: number): void;
}

/** One save as sent: the draft captured when it started, its revision, and the base it is saved on. */
export interface SaveRequest<B> {
  readonly draft: PlanDraft;
  readonly revision: number;
  /** True when the draft differs from what was last saved or loaded. */
  readonly edited: boolean;
  /** The stored document the save goes on top of (its version is the base); undefined for a new plan. */
  readonly base: B | undefined;
}

/**
 * What sending a save gave: the new stored document, or a refusal (already shown to the user by
 * `send`). `signIn` marks a refusal because the session ended: the save stays pending and is
 * sent again by {@link PlanSaver.resume} once the user has signed in again.
 */
export type SendOutcome<B> = { readonly ok: true; readonly base: B } | { readonly ok: false; readonly signIn?: boolean };

/** Sends one save; it must capture what it needs from the request before its first await. */
export type SendSave<B> = (request: SaveRequest<B>) => Promise<SendOutcome<B>>;

/**
 * Sequences the saves of one plan, free of React so it can be tested with deferred promises.
 * A save marks saved exactly the revision it sent, so an edit made while it was in flight stays
 * unsaved. A save asked for while one is in flight is not sent beside it (which would go on
 * the same base version and come back as someone else's conflict): it runs after the first
 * returns, on the version that one stored, and only when something is still unsaved.
 */
export class PlanSaver<B> {
  private base: B | undefined;
  private busy = false;
  private running: Promise<void> = Promise.resolve();
  /** A save asked for while one is in flight; `base` overrides the stored base (keep mine over theirs). */
  private again: { base?: B } | null = null;
  private generation = 0;
  /** A save refused because the session ended, kept to be sent after signing in again. */
  private pending: { base?: B } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: SaverStore,
    private readonly send: SendSave<B>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Starts over on another stored document (a plan opened, or a new one); a save in flight for the old one is forgotten. */
  reset(base: B | undefined): void {
    this.generation++;
    this.base = base;
    this.again = null;
    this.pending = null;
    if (this.busy) {
      this.busy = false;
      this.notify();
    }
  }

  /** The stored document saves go on top of. */
  get current(): B | undefined {
    return this.base;
  }

  /** True while a save is being sent. */
  get saving(): boolean {
    return this.busy;
  }

  /** True while a save waits for the user to sign in again. */
  get waitingForSignIn(): boolean {
    return this.pending !== null;
  }

  /**
   * Sends the save that the ended session refused (the user has signed in again): the plan as
   * it stands now, so edits made meanwhile go with it. Nothing happens when none is pending.
   */
  resume(): Promise<void> {
    const p = this.pending;
    if (!p) return this.running;
    this.pending = null;
    this.notify();
    return this.save(p.base);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Saves the plan as it stands; resolves when it (and any save queued behind it) is done.
   * `overBase` saves on top of another version (a conflict the user chose to overwrite).
   */
  save(overBase?: B): Promise<void> {
    const request = overBase === undefined ? {} : { base: overBase };
    if (this.busy) {
      // Queued behind the save in flight (several requests make one save); an explicit base is kept.
      this.again = overBase === undefined ? (this.again ?? request) : request;
      return this.running;
    }
    this.again = request;
    this.pending = null;
    this.busy = true;
    this.notify();
    this.running = this.loop(this.generation);
    return this.running;
  }

  private async loop(generation: number): Promise<void> {
    let first = true;
    try {
      for (;;) {
        const req = this.again;
        this.again = null;
        if (!req || generation !== this.generation) return;
        const snap = this.store.getSnapshot();
        const edited = snap.revision !== snap.savedRevision;
        // A queued save with nothing new to send is not sent (Ctrl+S twice in a row).
        if (!first && !edited && req.base === undefined) return;
        first = false;
        let outcome: SendOutcome<B>;
        try {
          outcome = await this.send({ draft: snap.draft, revision: snap.revision, edited, base: req.base ?? this.base });
        } catch (e) {
          outcome = { ok: false };
          if (generation === this.generation) this.onError(e);
        }
        if (generation !== this.generation) return;
        if (!outcome.ok) {
          // Signing in again sends it (with anything queued behind it, which is the same plan);
          // any other refusal: the user has the reason, and a queued save would meet it too.
          if (outcome.signIn) this.pending = req.base === undefined ? (this.again ?? req) : req;
          this.again = null;
          return;
        }
        this.base = outcome.base;
        this.store.markRevisionSaved(snap.revision);
      }
    } finally {
      if (generation === this.generation) {
        this.busy = false;
        this.notify();
      }
    }
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
