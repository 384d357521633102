import { loadPixelValues, localStudies, type PlanBridge, type ViewerSession } from '../imaging';
import type { PlanStore } from '../planning/plan/planStore';

declare global {
  interface Window {
    /** The open imaging session, for browser tests and the console (no patient data of its own). */
    __percuplan?: { session: ViewerSession | undefined; plan?: PlanStore; bridge?: PlanBridge; loadPixelValues: typeof loadPixelValues; localStudies: typeof localStudies };
  }
}

/** Makes the current session reachable from browser tests; returns the cleanup. */
export function exposeTestHandle(session: ViewerSession | undefined, plan?: PlanStore, bridge?: PlanBridge): () => void {
  window.__percuplan = { session, plan, bridge, loadPixelValues, localStudies };
  return () => {
    if (window.__percuplan?.session === session) window.__percuplan = { session: undefined, loadPixelValues, localStudies };
  };
}
