import type { BridgeSnapshot, PlanBridge } from '../../imaging';
import type { PlanStore, PlanStoreSnapshot } from '../../planning/plan/planStore';
import type { CaseSummary } from '../../api/cases';
import type { PlanDocument, PlanStatus } from '../../records';

/** How a new plan starts: empty, or with the lesions and structures of the plan open now. */
export type NewPlanStart = 'empty' | 'findings';

/** The plan being edited and where it is stored. */
export interface PlanWorkspace {
  store: PlanStore;
  bridge: PlanBridge | undefined;
  plan: PlanStoreSnapshot;
  bridgeState: BridgeSnapshot | undefined;
  cases: CaseSummary[];
  /** Plans of the linked cases drawn on this series. */
  plans: PlanDocument[];
  current: PlanDocument | undefined;
  message: { kind: 'info' | 'error'; text: string } | undefined;
  /** What could not be loaded (the linked cases, their plans), until it loads. */
  loadError: string | undefined;
  conflict: PlanDocument | undefined;
  /** The last save's version and why its HU-based metrics were not computed (empty: they were), until the next save or another plan. */
  lastSave: { version: number; notes: string[] } | undefined;
  saving: boolean;
  /** The saved plan, or a new one: empty, or (`'findings'`) with the current plan's lesions and structures. */
  open(doc: PlanDocument | undefined, start?: NewPlanStart): void;
  /** The plan's title as it will be saved: a rename not yet saved, else the saved title. */
  title: string;
  /** True while a rename waits for the next save. */
  renamed: boolean;
  /** Renames the plan; the new title is sent with the next save. */
  rename(title: string): void;
  /** Whether the cases linked to this study are listed yet: until they are, the panel must not say that none is linked. */
  casesStatus: 'loading' | 'loaded' | 'failed';
  save(overwrite?: boolean): Promise<void>;
  takeTheirs(): void;
  /** Prefills the case record's lesion (same id) from a plan lesion, keeping what the board entered. */
  prefillCase(lesionId: string): Promise<void>;
  /** Loads the linked cases and their plans again (after a failure). */
  reload(): void;
  /** True when there are no unsaved edits or the user agrees to lose them; `what` names the action. */
  confirmDiscard(what: string): boolean;
  /** Moves the saved plan to another status (propose, approve, performed); the server records who approved. */
  setStatus(status: PlanStatus): Promise<void>;
}
