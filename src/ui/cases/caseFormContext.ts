import { createContext, useContext } from 'react';
import type { LinkedStudy } from '../../records';

/** What fields deep in the case form need from the whole case: the studies a lesion may point to. */
export interface CaseFormContextValue {
  readonly linkedStudies: readonly LinkedStudy[];
}

/** Provided by the case page; the default (no studies) serves forms outside it. */
export const CaseFormContext = createContext<CaseFormContextValue>({ linkedStudies: [] });

/** The case form's context. */
export const useCaseForm = (): CaseFormContextValue => useContext(CaseFormContext);
