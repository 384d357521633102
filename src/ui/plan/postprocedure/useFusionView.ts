import { useEffect, useRef, useState } from 'react';
import { FusionLayer, nudgeForKey, type FusionSettings, type Nudge, type ViewerSession, type ViewportSlot } from '../../../imaging';
import { createPlanningVolume, type PlanningVolume } from '../../../planning/volume/planningVolume';
import type { Matrix4 } from '../../../planning/postprocedure/rigid';
import type { LpsBox } from '../../../records/postProcedure';
import { postProcedureApi } from '../../../api/postProcedure';
import { errorText } from '../../../api/apiProblem';
import type { CbctCandidate } from './panelModel';

export interface VolumeState {
  readonly phase: 'idle' | 'loading' | 'ready' | 'failed';
  readonly fraction: number;
  readonly error?: string;
  readonly seriesInstanceUID?: string;
}

/**
 * The CBCT downloaded for display (once per series) and drawn over every 2D view of the session
 * through `matrix`; Alt + arrows / PgUp / PgDn / [ ] nudge it in the view under the mouse while
 * it is shown (the study page's own keys ignore Alt).
 */
export function useFusionView(session: ViewerSession | undefined, want: CbctCandidate | undefined, matrix: Matrix4 | undefined, settings: FusionSettings, region: LpsBox | undefined, onNudge: (n: Nudge, slot: ViewportSlot) => void) {
  const [volume, setVolume] = useState<VolumeState>({ phase: 'idle', fraction: 0 });
  const data = useRef<{ uid: string; vol: PlanningVolume } | undefined>(undefined);
  const [layer, setLayer] = useState<FusionLayer | undefined>();
  const hovered = useRef<ViewportSlot>('axial');

  useEffect(() => {
    if (!session) return;
    const l = new FusionLayer(session);
    setLayer(l);
    return () => {
      l.destroy();
      setLayer(undefined);
    };
  }, [session]);

  // Download the wanted series (every voxel: the fusion is judged at full resolution).
  const wantUid = want?.seriesInstanceUID, wantStudy = want?.studyInstanceUID;
  useEffect(() => {
    if (!wantUid || !wantStudy || data.current?.uid === wantUid) return;
    let cancelled = false;
    setVolume({ phase: 'loading', fraction: 0, seriesInstanceUID: wantUid });
    let last = 0;
    postProcedureApi
      .seriesVolume(wantStudy, wantUid, 1, (f) => {
        // A re-render per percent is plenty.
        if (!cancelled && (f - last >= 0.01 || f >= 1)) {
          last = f;
          setVolume({ phase: 'loading', fraction: f, seriesInstanceUID: wantUid });
        }
      })
      .then((v) => {
        if (cancelled) return;
        const vol = createPlanningVolume({ dimensions: v.dimensions, spacing: v.spacing, origin: v.origin as never, direction: v.direction }, v.scalars);
        if (!vol.ok) throw new Error(`the CBCT volume's geometry is unusable: ${vol.error}`);
        data.current = { uid: wantUid, vol: vol.value };
        setVolume({ phase: 'ready', fraction: 1, seriesInstanceUID: wantUid });
      })
      .catch((e: unknown) => !cancelled && setVolume({ phase: 'failed', fraction: 0, seriesInstanceUID: wantUid, error: `The CBCT could not be downloaded: ${errorText(e)}` }));
    return () => {
      cancelled = true;
    };
  }, [wantUid, wantStudy]);

  const ready = volume.phase === 'ready' && data.current?.uid === wantUid;
  const active = !!layer && ready && !!matrix;
  useEffect(() => {
    if (!layer) return;
    layer.setVolume(active ? data.current?.vol : undefined);
  }, [layer, active]);
  useEffect(() => {
    if (layer && matrix) layer.setMatrix(matrix);
  }, [layer, matrix]);
  useEffect(() => {
    layer?.setSettings(settings);
  }, [layer, settings]);
  useEffect(() => {
    layer?.setRegion(region);
  }, [layer, region]);

  const nudgeRef = useRef(onNudge);
  nudgeRef.current = onNudge;
  useEffect(() => {
    if (!active) return;
    const onMove = (e: MouseEvent): void => {
      const id = (e.target as Element | null)?.closest?.('[data-testid^="viewport-"]')?.getAttribute('data-testid');
      if (id) hovered.current = id.slice('viewport-'.length) as ViewportSlot;
    };
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'range' && (t as HTMLInputElement).type !== 'checkbox'))) return;
      const n = nudgeForKey(e);
      if (!n) return;
      // Alt+← is the browser's Back: the nudge takes it while the fusion is shown.
      e.preventDefault();
      e.stopPropagation();
      nudgeRef.current(n, hovered.current);
    };
    document.addEventListener('mousemove', onMove, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousemove', onMove, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [active]);

  return { volume, active, layer, hoveredSlot: () => hovered.current };
}
