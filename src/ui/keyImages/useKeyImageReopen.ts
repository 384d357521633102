import { useEffect, useRef, useState } from 'react';
import type { KeyImage } from '../../records';
import { keyImagesApi } from '../../api/keyImages';
import { errorText } from '../../api/apiProblem';
import type { KeyImageViewerInput } from './useKeyImageViewer';
import { overlayOnReopen, type KeyImageLink } from './keyImageViewState';

type Stage = 'series' | 'plan' | 'apply' | 'done';

interface ReopenInput extends KeyImageViewerInput {
  link: KeyImageLink;
  onOverlay: (shown: boolean) => void;
  onMessage: (m: { kind: 'info' | 'error'; text: string }) => void;
}

/** How long the plan of a key image is waited for after the volume is ready (the plan list loads meanwhile). */
const PLAN_WAIT_MS = 12_000;
/** After the layout changed, the page refits its views (which resets zoom and pan) before this. */
const SETTLE_MS = 400;

/**
 * Reopens `?keyImage=<id>` exactly as saved, in order: the series (and mode), the layout with
 * the key image's view maximised, the plan (the current version of the saved plan, saying so
 * when it moved on), the hidden items, the selected needle and the overlay switch (the link's
 * `overlay=` wins), and last — once the views have refitted to the new layout — the camera or
 * stack image and the window.
 */
export function useKeyImageReopen(input: ReopenInput): void {
  const { link, session, snapshot, series, ws, studyUid } = input;
  const [key, setKey] = useState<KeyImage | undefined>();
  const [stage, setStage] = useState<Stage>('series');
  const [planWaitOver, setPlanWaitOver] = useState(false);
  const askedSeries = useRef(false);
  const note = useRef<string[]>([]);
  const latest = useRef(input);
  latest.current = input;

  useEffect(() => {
    if (!link.keyImageId) return;
    let live = true;
    keyImagesApi.get(link.keyImageId).then(
      (k) => {
        if (!live) return;
        if (k.view.studyInstanceUid !== studyUid) latest.current.onMessage({ kind: 'error', text: 'This key image was saved on another study: open it from its case page.' });
        else setKey(k);
      },
      (e: unknown) => live && latest.current.onMessage({ kind: 'error', text: `The key image could not be opened: ${errorText(e)}` }),
    );
    return () => {
      live = false;
    };
  }, [link.keyImageId, studyUid]);

  // The series and mode, then the layout with the saved view maximised.
  useEffect(() => {
    if (!key || !series || stage !== 'series') return;
    const v = key.view;
    const sameSeries = series.instances.seriesInstanceUID === v.seriesInstanceUid;
    if ((!sameSeries || series.mode !== v.mode) && !askedSeries.current) {
      askedSeries.current = true;
      void latest.current.openSeries(v.seriesInstanceUid, v.mode);
      return;
    }
    if (!sameSeries) return; // still opening
    if (series.mode !== v.mode) note.current.push(`shown as ${series.mode === 'stack' ? 'a stack' : 'MPR'} (saved in ${v.mode === 'stack' ? 'a stack' : 'MPR'})`);
    latest.current.setLayout(v.layout);
    latest.current.setMaximised(series.mode === 'stack' ? undefined : v.slot);
    setStage('plan');
  }, [key, series, stage]);

  const ready = snapshot?.progress.phase === 'ready';
  useEffect(() => {
    if (stage !== 'plan' || !ready) return;
    const t = setTimeout(() => setPlanWaitOver(true), PLAN_WAIT_MS);
    return () => clearTimeout(t);
  }, [stage, ready]);

  // The plan, hidden items, needle and overlay, once the volume is ready and the plan list has come.
  useEffect(() => {
    if (!key || stage !== 'plan' || !ready) return;
    const v = key.view;
    if (v.plan && series?.mode === 'mpr') {
      if (ws.current?.id !== v.plan.id) {
        const doc = ws.plans.find((p) => p.id === v.plan?.id);
        if (doc) {
          ws.open(doc);
          return; // again when it is open
        }
        if (!planWaitOver) return;
        note.current.push('its plan is not among the plans of this series: shown without it');
      } else if (ws.current.version !== v.plan.version) {
        note.current.push(`saved on plan version ${v.plan.version}, shown with the current version ${ws.current.version}`);
      }
      for (const id of v.hiddenItems) ws.store.setHidden(id, true);
      if (v.needleId) ws.store.select({ kind: 'trajectory', id: v.needleId });
    }
    latest.current.onOverlay(overlayOnReopen(v, link));
    setStage('apply');
  }, [key, stage, ready, series, ws, planWaitOver, link]);

  // The camera or stack image and the window, after the views have refitted to the layout.
  const slot = series?.mode === 'stack' ? 'stack' : (key?.view.slot ?? 'axial');
  const viewLive = !!snapshot?.info[slot];
  useEffect(() => {
    if (!key || stage !== 'apply' || !session || !viewLive) return;
    const t = setTimeout(() => {
      // The panes have their final size only now (the progress bar has gone, the layout is set):
      // refit the canvases to them first, so the saved camera shows the same zoom as it did.
      session.resize();
      void session.keyImages.applyView(slot, key.view).then((ok) => {
        const notes = note.current.length ? ` — ${note.current.join('; ')}` : '';
        latest.current.onMessage(ok ? { kind: notes ? 'error' : 'info', text: `Key image "${key.caption}" reopened${notes}` } : { kind: 'error', text: 'The key image view could not be shown: its view is not on screen' });
      });
      setStage('done');
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [key, stage, session, slot, viewLive]);
}
