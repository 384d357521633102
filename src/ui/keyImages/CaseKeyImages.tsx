import { useCallback, useEffect, useState } from 'react';
import type { KeyImage, KeyImagePurpose } from '../../records';
import { keyImagesApi, type KeyImageStoreAnswer } from '../../api/keyImages';
import { api } from '../../api/client';
import { errorText } from '../../api/apiProblem';
import { useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { navigate } from '../useNavigation';
import { utcTime } from '../admin/adminFormat';
import { keyImageHref } from './keyImageViewState';
import { keyImageExportBlock } from './keyImageExportBlock';
import { saveBlob } from '../saveBlob';
import { PacsStoreAnswerView } from '../PacsStoreAnswerView';
import './keyImages.css';

const PURPOSES: readonly { id: KeyImagePurpose; label: string }[] = [
  { id: 'board', label: 'Tumour board' },
  { id: 'teaching', label: 'Teaching' },
];
/** One key image: thumbnail, caption (editable), purpose, who and when, slice and window; Open and Remove. */
function KeyImageCard({ k, editable, onChanged, onError }: { k: KeyImage; editable: boolean; onChanged: () => void; onError: (e: string) => void }) {
  const [editing, setEditing] = useState<string | undefined>();
  const v = k.view;
  const open = (): void => navigate(keyImageHref(v.studyInstanceUid, k.id));
  const act = (p: Promise<unknown>): void => void p.then(onChanged, (e: unknown) => onError(errorText(e)));
  return (
    <div className="key-image-card" data-testid="key-image-card" data-id={k.id}>
      <img src={keyImagesApi.pngUrl(k.id)} alt={k.caption} title={`${k.width}×${k.height} px: open the study as saved`} data-testid="key-image-thumb" onClick={open} />
      {editing === undefined ? (
        <div className="caption" data-testid="key-image-caption-text">{k.caption}</div>
      ) : (
        <div className="row">
          <input value={editing} maxLength={200} autoFocus onChange={(e) => setEditing(e.target.value)} data-testid="key-image-caption-edit" />
          <button className="small primary" disabled={!editing.trim()} onClick={() => { setEditing(undefined); act(keyImagesApi.patch(k.id, { caption: editing.trim() })); }}>Save</button>
          <button className="small" onClick={() => setEditing(undefined)}>Cancel</button>
        </div>
      )}
      <div className="muted" data-testid="key-image-facts">
        {k.purpose === 'board' ? 'Tumour board' : 'Teaching'} · {v.slot}
        {v.sliceNumber !== null ? ` · Im ${v.sliceNumber}/${v.sliceCount}` : ''} · W {Math.round(v.window.width)} / L {Math.round(v.window.center)} HU
        {v.plan ? ` · plan v${v.plan.version}` : ''}
      </div>
      <div className="muted">{k.createdBy} · {utcTime(k.createdAt)}</div>
      <div className="row">
        <button className="small" data-testid="key-image-open" onClick={open} title="Open the study as saved">Open</button>
        {editable && <button className="small" onClick={() => setEditing(k.caption)}>Edit caption</button>}
        {editable && (
          <button className="small" data-testid="key-image-remove" onClick={() => window.confirm(`Remove the key image "${k.caption}" from this case?`) && act(keyImagesApi.remove(k.id))}>
            Remove
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The case page's "Key images" section: each saved view with its picture, caption, purpose,
 * who and when, slice and window, Open (the deep link), caption edit and Remove; and per
 * purpose the DICOM export (one KOS plus a Secondary Capture per image) to download or send to
 * the PACS, off with the reason for accounts without `export.identifiable`.
 */
export function CaseKeyImages({ caseId }: { caseId: string }) {
  const roles = useRoles();
  const actions = visibleActions(roles);
  const [list, setList] = useState<KeyImage[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [pacs, setPacs] = useState<string | null | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [answers, setAnswers] = useState<Partial<Record<KeyImagePurpose, KeyImageStoreAnswer>>>({});

  const load = useCallback(() => {
    keyImagesApi.list(caseId).then(
      (l) => {
        setList(l);
        setError(undefined);
      },
      (e: unknown) => setError(`The key images could not be listed: ${errorText(e)}`),
    );
  }, [caseId]);
  useEffect(load, [load]);
  useEffect(() => {
    let live = true;
    api.config().then(
      (c) => live && setPacs(c.dicomweb.enabled ? (c.dicomweb.label ?? 'PACS') : null),
      () => live && setPacs(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const run = async (what: string, action: () => Promise<void>): Promise<void> => {
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

  return (
    <section id="section-key-images" className="case-section case-key-images" data-testid="case-key-images">
      <h3>Key images</h3>
      {error && <div className="error-text" data-testid="key-images-error">{error}</div>}
      {list === undefined && !error && <div className="muted">Loading…</div>}
      {list?.length === 0 && <div className="muted" data-testid="key-images-none">No key images yet: in the study view, press K (or Key image) on the view to keep.</div>}
      <div className="key-image-list">
        {list?.map((k) => <KeyImageCard key={k.id} k={k} editable={actions.editCase} onChanged={load} onError={setError} />)}
      </div>
      <div className="actions">
        {PURPOSES.map(({ id, label }) => {
          const state = { exportIdentifiable: actions.exportIdentifiable, count: list?.filter((k) => k.purpose === id).length ?? 0, purpose: id, pacs };
          const noDownload = keyImageExportBlock(state, 'download');
          const noSend = keyImageExportBlock(state, 'send');
          return (
            <span key={id} className="actions" data-purpose={id}>
              <span className="muted">{label}:</span>
              <button className="small" data-testid={`key-images-download-${id}`} disabled={busy !== undefined || !!noDownload} title={noDownload ?? `Download the ${label.toLowerCase()} key images as DICOM: one KOS and a Secondary Capture per image`}
                onClick={() => void run(`download-${id}`, async () => { const { blob, fileName } = await keyImagesApi.download(caseId, id); saveBlob(blob, fileName); })}>
                {busy === `download-${id}` ? 'Preparing DICOM…' : 'Download DICOM (KOS + SC)'}
              </button>
              <button className="small" data-testid={`key-images-send-${id}`} disabled={busy !== undefined || !!noSend} title={noSend ?? `Send them to ${pacs ?? 'the PACS'} (STOW-RS)`}
                onClick={() => void run(`send-${id}`, async () => { setAnswers((a) => ({ ...a, [id]: undefined })); const answer = await keyImagesApi.sendToPacs(caseId, id); setAnswers((a) => ({ ...a, [id]: answer })); })}>
                {busy === `send-${id}` ? 'Sending to PACS…' : 'Send to PACS'}
              </button>
              {answers[id] && <PacsStoreAnswerView answer={answers[id]} testId="key-image-pacs" />}
            </span>
          );
        })}
      </div>
    </section>
  );
}
