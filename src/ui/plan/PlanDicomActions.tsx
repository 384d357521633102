import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../api/apiProblem';
import { downloadPlanDicom, sendPlanToPacs, type PacsStoreAnswer } from '../../api/plans';
import { localStudies } from '../../imaging';
import { useRoles } from '../auth/authStore';
import { buildLocalPlanDicom, holdsPlanCtLocally, type LocalExportStage } from './localPlanDicom';
import type { PlanWorkspace } from './usePlanWorkspace';
import { hasUnsavedEdits } from './unsavedChanges';
import { saveBlob } from '../saveBlob';
import { PacsStoreAnswerView } from '../PacsStoreAnswerView';

type Busy = 'download' | 'send' | undefined;
/** The configured PACS as GET /api/config says: its label, null when none, undefined while asking. */
type PacsConfig = { label: string } | null | undefined;

const STAGE_LABELS: Readonly<Record<LocalExportStage, string>> = { plan: 'Reading the saved plan…', ct: 'Reading the local CT…', write: 'Writing SEG and SR…' };
/** Why a plan on local files is not sent: the server writes what it sends, from a CT it holds. */
const LOCAL_NO_SEND =
  'The CT of this plan is open from local files, which the server does not hold, so it cannot write the files to send: ' +
  'download them here, or send the CT series to the PACS, open it from there and save the plan on it';

/**
 * "Download DICOM" and "Send to PACS" for the saved plan: the server writes the saved version's
 * SEG and SR, so both wait for unsaved edits to be saved. Offered to the roles that may export
 * identifiable data (the files carry the CT's patient); "Send to PACS" says why it is off when the
 * server has no PACS configured. The PACS's answer stays shown until the plan changes. A plan
 * whose CT this tab holds from local files is written in the browser, byte for byte as the server
 * would (localPlanDicom.ts); it cannot be sent, since the server holds no CT to write it from.
 */
export function PlanDicomActions({ ws }: { ws: PlanWorkspace }) {
  const roles = useRoles();
  const [pacs, setPacs] = useState<PacsConfig>();
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string | undefined>();
  const [answer, setAnswer] = useState<PacsStoreAnswer | undefined>();
  const [stage, setStage] = useState<LocalExportStage | undefined>();
  const doc = ws.current;
  // Files dropped (or dropped again) while the plan is open change where its CT is.
  const local = useSyncExternalStore(localStudies.subscribe, () => (doc ? holdsPlanCtLocally(doc) : false));

  useEffect(() => {
    let live = true;
    api.config().then(
      (c) => live && setPacs(c.dicomweb.enabled ? { label: c.dicomweb.label ?? 'PACS' } : null),
      () => live && setPacs(null),
    );
    return () => {
      live = false;
    };
  }, []);
  // Another plan or version: the last answer was about something else.
  useEffect(() => {
    setAnswer(undefined);
    setError(undefined);
  }, [doc?.id, doc?.version]);

  // Identifiable export is the attending's (the server's policy); others are refused there anyway.
  if (!doc || !roles.includes('attending')) return null;
  const dirty = hasUnsavedEdits(ws.plan);
  const unsaved = `Save the plan first: the DICOM export is of the saved version (v${doc.version})`;

  const run = async (what: Exclude<Busy, undefined>, action: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };
  const download = () =>
    run('download', async () => {
      try {
        const { blob, fileName } = local ? await buildLocalPlanDicom(doc, setStage) : await downloadPlanDicom(doc.id, doc.version);
        saveBlob(blob, fileName);
      } finally {
        setStage(undefined);
      }
    });
  const send = () =>
    run('send', async () => {
      setAnswer(undefined);
      setAnswer(await sendPlanToPacs(doc.id, doc.version));
    });

  const sendTitle = dirty
    ? unsaved
    : local
      ? LOCAL_NO_SEND
      : pacs === null
      ? 'No PACS is configured on the server (DICOMWEB_URL)'
      : `Send the SEG and SR of v${doc.version} to ${pacs?.label ?? 'the PACS'} (STOW-RS)`;
  return (
    <div className="plan-dicom" data-testid="plan-dicom">
      <div className="row">
        <button className="small" data-testid="plan-dicom-download" disabled={busy !== undefined || dirty} title={dirty ? unsaved : `Download the SEG and SR of v${doc.version} as a zip${local ? ', written in this browser from the local CT' : ''}`} onClick={() => void download()}>
          {busy === 'download' ? (stage ? STAGE_LABELS[stage] : 'Preparing DICOM…') : 'Download DICOM'}
        </button>
        <button className="small" data-testid="plan-dicom-send" disabled={busy !== undefined || dirty || local || !pacs} title={sendTitle} onClick={() => void send()}>
          {busy === 'send' ? 'Sending to PACS…' : 'Send to PACS'}
        </button>
        {local && (
          <span className="muted small-text" data-testid="plan-dicom-local" title={LOCAL_NO_SEND}>
            local CT: written here, not sent
          </span>
        )}
        {!local && pacs === null && <span className="muted small-text" data-testid="plan-dicom-no-pacs">no PACS configured</span>}
      </div>
      {error && (
        <div className="error-text" data-testid="plan-dicom-error">
          {error}
        </div>
      )}
      {answer && <PacsStoreAnswerView answer={answer} testId="pacs-store" suffix={` (v${answer.version})`} />}
    </div>
  );
}
