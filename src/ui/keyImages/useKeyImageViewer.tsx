import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SeriesInstances } from '../../dicom/studyListing';
import type { SessionSnapshot, ViewerSession, ViewportSlot } from '../../imaging';
import type { KeyImage, KeyImagePurpose } from '../../records';
import { keyImagesApi } from '../../api/keyImages';
import { casesApi } from '../../api/cases';
import { errorText } from '../../api/apiProblem';
import type { PlanWorkspace } from '../plan/usePlanWorkspace';
import { hasUnsavedEdits } from '../plan/unsavedChanges';
import type { Layout } from '../shortcuts';
import { KeyImageDialog, type KeyImageCaseChoice } from './KeyImageDialog';
import { keyImageLinkOf, keyImageViewState } from './keyImageViewState';
import { useKeyImageReopen } from './useKeyImageReopen';

/** What the study page hands the key image controls. */
export interface KeyImageViewerInput {
  session: ViewerSession | undefined;
  snapshot: SessionSnapshot | undefined;
  studyUid: string;
  series: { instances: SeriesInstances; mode: 'mpr' | 'stack' } | undefined;
  ws: PlanWorkspace;
  layout: Layout;
  /** The slots on screen, and the one the pointer was last over. */
  slots: readonly ViewportSlot[];
  activeSlot: ViewportSlot;
  maximised: ViewportSlot | undefined;
  setLayout: (l: Layout) => void;
  setMaximised: (s: ViewportSlot | undefined) => void;
  openSeries: (seriesUid: string, mode: 'mpr' | 'stack') => Promise<void>;
}

/** The key image controls of the study page. */
export interface KeyImageViewer {
  overlayShown: boolean;
  /** The K and O shortcuts and toolbar buttons. */
  run: (what: 'keyImage' | 'overlay') => void;
  /** The dialog and the result line, rendered by the page. */
  layer: ReactNode;
}

type Message = { kind: 'info' | 'error'; text: string };
const SLOT_NAMES: Partial<Record<ViewportSlot, string>> = { axial: 'Axial', sagittal: 'Sagittal', coronal: 'Coronal', stack: 'Stack', probe: "Probe's eye", inplane0: 'Along the needle 0°', inplane90: 'Along the needle 90°' };

/**
 * Key images in the study view: the overlay switch (O), the "Key image" dialog (K) saving the
 * active view — its state, the original slice under it and its picture — to a case, and the
 * reopening of `?keyImage=<id>` (useKeyImageReopen).
 */
export function useKeyImageViewer(input: KeyImageViewerInput): KeyImageViewer {
  const { session, snapshot, series, ws, slots, activeSlot, maximised } = input;
  const link = useMemo(() => keyImageLinkOf(location.search), []);
  const [overlayShown, setOverlayShown] = useState(link.overlay ?? true);
  const [dialog, setDialog] = useState(false);
  const [cases, setCases] = useState<KeyImageCaseChoice[] | undefined>();
  const [casesError, setCasesError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<Message | undefined>();

  useEffect(() => session?.keyImages.setPlanOverlayShown(overlayShown), [session, overlayShown]);

  const slot: ViewportSlot = series?.mode === 'stack' ? 'stack' : (maximised ?? (slots.includes(activeSlot) ? activeSlot : (slots[0] ?? 'axial')));
  const info = snapshot?.info[slot];

  // The open plan's case first, then the other cases linked to the study.
  const openDialog = useCallback(() => {
    setError(undefined);
    setDialog(true);
    const first = ws.current?.caseId;
    const order = (list: { id: string; title: string }[]): KeyImageCaseChoice[] =>
      [...list].sort((a, b) => (a.id === first ? -1 : b.id === first ? 1 : 0)).map((c) => ({ id: c.id, label: `${c.title || 'Untitled case'} (${c.id.slice(0, 8)})` }));
    if (ws.cases.length) {
      setCases(order(ws.cases));
      return;
    }
    setCases(undefined);
    setCasesError(undefined);
    casesApi.list({ study: input.studyUid }).then(
      (l) => setCases(order(l.cases)),
      (e: unknown) => setCasesError(`The cases linked to this study could not be listed: ${errorText(e)}`),
    );
  }, [ws, input.studyUid]);

  const run = useCallback(
    (what: 'keyImage' | 'overlay') => {
      if (what === 'overlay') setOverlayShown((v) => !v);
      else if (session && series) openDialog();
    },
    [session, series, openDialog],
  );

  const save = useCallback(
    async ({ caption, purpose, caseId }: { caption: string; purpose: KeyImagePurpose; caseId: string }) => {
      if (!session || !series) return;
      setSaving(true);
      setError(undefined);
      try {
        const captured = session.keyImages.captureView(slot);
        if (!captured) throw new Error(`the ${SLOT_NAMES[slot] ?? slot} view is not on screen`);
        const picture = await session.keyImages.renderKeyImagePng(slot);
        const selected = ws.plan.selection?.kind === 'trajectory' ? ws.plan.selection.id : undefined;
        const view = keyImageViewState(
          {
            studyInstanceUid: series.instances.studyInstanceUID,
            seriesInstanceUid: series.instances.seriesInstanceUID,
            slot,
            layout: input.layout,
            mode: series.mode,
            plan: ws.current ? { id: ws.current.id, version: ws.current.version } : undefined,
            selectedNeedle: selected,
            planOverlayShown: overlayShown,
            hidden: ws.plan.hidden,
          },
          captured,
        );
        const references = session.keyImages.references(slot, series.instances.instances);
        const saved: KeyImage = await keyImagesApi.create(caseId, { caption, purpose, view, references, png: picture.png });
        const label = cases?.find((c) => c.id === caseId)?.label ?? caseId;
        setDialog(false);
        setMessage({ kind: 'info', text: `Key image saved to case ${label}: ${saved.width}×${saved.height} px${view.sliceNumber ? `, Im ${view.sliceNumber}/${view.sliceCount}` : ''}` });
      } catch (e) {
        setError(`Not saved: ${errorText(e)}`);
      } finally {
        setSaving(false);
      }
    },
    [session, series, slot, ws, input.layout, overlayShown, cases],
  );

  useKeyImageReopen({ ...input, link, onOverlay: setOverlayShown, onMessage: setMessage });

  const facts: string[] = [];
  if (slot === 'volume3d') facts.push('Key images are taken from 2D views: move the pointer over an axial, sagittal, coronal or needle view.');
  else {
    const window = info?.windowWidth !== undefined && info.windowCenter !== undefined ? ` · W ${Math.round(info.windowWidth)} / L ${Math.round(info.windowCenter)} HU` : '';
    const im = info?.sliceNumber !== undefined ? ` · Im ${info.sliceNumber}/${info.sliceCount}` : '';
    facts.push(`${SLOT_NAMES[slot] ?? slot}${im}${window}${info?.zoom !== undefined ? ` · zoom ${info.zoom.toFixed(2)}×` : ''} · plan overlay ${overlayShown ? 'on' : 'off'} (O)`);
  }
  if (ws.current && hasUnsavedEdits(ws.plan)) facts.push(`The plan has unsaved edits: the picture shows them, the key image refers to the saved version v${ws.current.version}.`);
  const noCaseReason =
    casesError ?? (slot === 'volume3d' ? 'No key image from the 3D view' : cases === undefined ? 'Listing the cases linked to this study…' : cases.length === 0 ? 'No case is linked to this study: save a plan on it (that creates its case) or link the study on a case page, then save the key image.' : undefined);

  const layer = (
    <>
      {dialog && <KeyImageDialog cases={cases ?? []} noCaseReason={noCaseReason} facts={facts} saving={saving} error={error} onSave={(v) => void save(v)} onClose={() => setDialog(false)} />}
      {message && (
        <div className={`key-image-message ${message.kind}`} role="status" data-testid="key-image-message">
          <span>{message.text}</span>
          <button className="small" onClick={() => setMessage(undefined)} aria-label="Close">×</button>
        </div>
      )}
    </>
  );
  return { overlayShown, run, layer };
}
