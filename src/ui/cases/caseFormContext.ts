import { createContext, useContext } from 'react';
import type { LinkedStudy } from '../../records';

/** What fields deep in the case form need from the whole case: the studies a lesion may point to, and how to open one. */
export interface CaseFormContextValue {
  readonly linkedStudies: readonly LinkedStudy[];
  /** Opens an app path (a study in the viewer) inside the app; absent, a link is followed as a page load. */
  readonly open?: (path: string) => void;
}

/** Provided by the case page; the default (no studies) serves forms outside it. */
export const CaseFormContext = createContext<CaseFormContextValue>({ linkedStudies: [] });

/** The case form's context. */
export const useCaseForm = (): CaseFormContextValue => useContext(CaseFormContext);
