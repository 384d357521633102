import { useEffect, useState } from 'react';
import type { StudyListing } from '../../../dicom/studyListing';
import type { PlanDocument } from '../../../records';
import { api } from '../../../api/client';
import { casesApi } from '../../../api/cases';
import { errorText } from '../../../api/apiProblem';
import { getStudy } from '../../studySources';
import { cbctCandidates, type CbctCandidate } from './panelModel';

export interface CandidatesState {
  readonly status: 'idle' | 'loading' | 'loaded' | 'failed';
  readonly candidates: readonly CbctCandidate[];
  readonly error?: string;
}

/**
 * The series the section offers: the case's linked post-procedure studies (read from the case
 * record) and the other CT series of the plan's patient that the server lists.
 */
export function useCbctCandidates(plan: PlanDocument | undefined): CandidatesState {
  const [state, setState] = useState<CandidatesState>({ status: 'idle', candidates: [] });
  const caseId = plan?.caseId, studyUID = plan?.studyInstanceUID ?? undefined, seriesUID = plan?.seriesInstanceUID;
  useEffect(() => {
    if (!caseId || !seriesUID) return;
    let cancelled = false;
    setState({ status: 'loading', candidates: [] });
    (async () => {
      const doc = await casesApi.get(caseId);
      const planning = studyUID ? await getStudy(studyUID).catch(() => undefined) : undefined;
      const listed = await api.studies().catch(() => [] as StudyListing[]);
      const linked = doc.linkedStudies.filter((l) => l.role === 'post-procedure');
      // The listing may leave a linked study out (another source): ask for it by UID.
      const extra = await Promise.all(linked.filter((l) => !listed.some((s) => s.studyInstanceUID === l.studyInstanceUID)).map((l) => getStudy(l.studyInstanceUID).catch(() => undefined)));
      const studies = [...listed, ...extra.filter((s): s is StudyListing => !!s)];
      return cbctCandidates(linked, studies, seriesUID, planning?.patientID);
    })().then(
      (candidates) => !cancelled && setState({ status: 'loaded', candidates }),
      (e: unknown) => !cancelled && setState({ status: 'failed', candidates: [], error: `The case's studies could not be read: ${errorText(e)}` }),
    );
    return () => {
      cancelled = true;
    };
  }, [caseId, studyUID, seriesUID]);
  return state;
}
