import { useState } from 'react';
import type { TeachingCase, TeachingPacsAnswer } from '../../records';
import { teachingApi } from '../../api/teaching';
import { ApiError, errorText } from '../../api/apiProblem';
import { saveBlob } from '../saveBlob';
import { PacsStoreAnswerView } from '../PacsStoreAnswerView';
import { utcTime } from '../admin/adminFormat';
import { WorkProgress } from './WorkProgress';

/** The server's own sentence for a refusal (e.g. no teaching PACS configured), without the endpoint prefix. */
const refusalText = (e: unknown): string => (e instanceof ApiError && e.problem ? e.problem.error : errorText(e));

/**
 * Taking a teaching case elsewhere: the zip of the de-identified DICOM with the case as JSON
 * (which another PercuPlan imports), and sending the files with a TCE001 "For Teaching File
 * Export" manifest to the teaching PACS.
 */
export function TeachingTransfer({ doc }: { doc: TeachingCase }) {
  const [work, setWork] = useState<'zip' | 'pacs' | undefined>();
  const [zipError, setZipError] = useState<string | undefined>();
  const [answer, setAnswer] = useState<TeachingPacsAnswer | undefined>();
  const [pacsError, setPacsError] = useState<string | undefined>();

  const download = async (): Promise<void> => {
    setWork('zip');
    setZipError(undefined);
    try {
      const { blob, fileName } = await teachingApi.exportZip(doc.id);
      saveBlob(blob, fileName);
    } catch (e) {
      setZipError(`No zip: ${refusalText(e)}`);
    } finally {
      setWork(undefined);
    }
  };
  const send = async (): Promise<void> => {
    setWork('pacs');
    setPacsError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await teachingApi.sendToTeachingPacs(doc.id));
    } catch (e) {
      setPacsError(refusalText(e));
    } finally {
      setWork(undefined);
    }
  };

  return (
    <section className="teach-card" data-testid="teach-transfer">
      <h3>Take it elsewhere</h3>
      <div className="row">
        <button data-testid="teach-download" disabled={!!work} onClick={() => void download()} title="The de-identified DICOM and the case as teaching-case.json; another PercuPlan imports it whole">
          Download teaching file (.zip)
        </button>
        <button data-testid="teach-send-pacs" disabled={!!work} onClick={() => void send()} title="STOW-RS to the teaching PACS with a Key Object Selection “For Teaching File Export” (TCE001)">
          Send to teaching PACS
        </button>
      </div>
      {work === 'zip' && <WorkProgress label={`Packing ${doc.deidentification.files} files`} testId="teach-zip-progress" />}
      {work === 'pacs' && <WorkProgress label={`Sending ${doc.deidentification.files} files and the manifest`} testId="teach-pacs-progress" />}
      {zipError && <p className="error-text" data-testid="teach-zip-error">{zipError}</p>}
      {pacsError && <p className="error-text" data-testid="teach-pacs-error">{pacsError}</p>}
      {answer && (
        <>
          <PacsStoreAnswerView answer={answer} testId="teach-pacs" />
          <p className="muted small-text">Manifest (TCE001) <code>{answer.manifestSopInstanceUID}</code></p>
        </>
      )}
      {!answer && doc.teachingPacs && (
        <p className="muted small-text" data-testid="teach-pacs-last">
          Last sent {utcTime(doc.teachingPacs.sentAt)} to {doc.teachingPacs.pacs}: {doc.teachingPacs.stored} stored{doc.teachingPacs.failed ? `, ${doc.teachingPacs.failed} failed` : ''}.
        </p>
      )}
    </section>
  );
}
