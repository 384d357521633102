import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SeriesInstances, StudyListing } from '../dicom/studyListing';
import { getSeriesInstances, getStudy } from './studySources';
import { initImaging, ViewerSession, type ViewerTool, type ViewportSlot } from '../imaging';
import { WINDOW_PRESETS } from '../shared/windowPresets';
import { assertNever } from '../shared/result';
import { TopBar } from './TopBar';
import { Toolbar } from './Toolbar';
import { SeriesBrowser } from './SeriesBrowser';
import { HelpPanel } from './HelpPanel';
import { SidePanel } from './SidePanel';
import { LoadProgressBar } from './LoadProgressBar';
import { shortcutFor, type Layout, type ShortcutAction } from './shortcuts';
import { setPreferences, usePreferences } from './preferences';
import { formatAge, formatDicomDate, formatPersonName } from './format';
import { exposeTestHandle } from './testHandle';
import { modeFor, pickDefaultSeries } from './layout/studySeries';
import { gridContent } from './layout/layoutSlots';
import { ViewportGrid } from './layout/ViewportGrid';
import { StudySideColumns } from './layout/StudySideColumns';
import { useCompactScreen } from './layout/useCompactScreen';
import { usePlanWorkspace } from './plan/usePlanWorkspace';
import { useRoles } from './auth/authStore';
import { canEditPlan } from './auth/roleActions';
import { PlanPanel } from './plan/PlanPanel';
import { removeLesion, removeStructure, removeTrajectory } from '../planning/plan/planCommands';
import { errorText } from '../api/apiProblem';
import { useImportedObjects } from './imported/useImportedObjects';
import { ImportedSeriesObjects } from './imported/ImportedSeriesObjects';
import { ImportedPanel } from './imported/ImportedPanel';
import { useKeyImageViewer } from './keyImages/useKeyImageViewer';
import { exerciseParam, exerciseSeriesUid } from './exercises/exerciseView';
import { useExerciseSession } from './exercises/useExerciseSession';
import { ExercisePlanPanel } from './exercises/ExercisePlanPanel';

/** The study view: series browser, MPR viewports, tools, overlays and measurements. */
export function StudyPage({ studyUID }: { studyUID: string }) {
  const [study, setStudy] = useState<StudyListing | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [series, setSeries] = useState<{ instances: SeriesInstances; mode: 'mpr' | 'stack'; tooLarge?: string } | undefined>();
  const [session, setSession] = useState<ViewerSession | undefined>();
  const [layout, setLayout] = useState<Layout>('1x3');
  const [maximised, setMaximised] = useState<ViewportSlot | undefined>();
  const [activeSlot, setActiveSlot] = useState<ViewportSlot>('axial');
  const [showHelp, setShowHelp] = useState(false);
  const { hideIdentifiers } = usePreferences();
  // Exercise mode (`?exercise=<id>`): the exercise's series and given plan, submitted instead of saved.
  const [exerciseId] = useState(() => exerciseParam(location.search));

  useEffect(() => {
    let cancelled = false;
    getStudy(studyUID)
      .then(async (s) => {
        if (cancelled) return;
        setStudy(s);
        const first = await pickDefaultSeries(s, await exerciseSeriesUid(exerciseId));
        if (cancelled) return;
        if (!first) setError('This study has no image series.');
        else setSeries({ instances: first, ...modeFor(first, s.series.find((x) => x.seriesInstanceUID === first.seriesInstanceUID), 'mpr') });
      })
      .catch((e: unknown) => !cancelled && setError(`The study could not be opened: ${errorText(e)}`));
    return () => {
      cancelled = true;
    };
  }, [studyUID, exerciseId]);

  // One imaging session per displayed series; created outside render, destroyed with it.
  useEffect(() => {
    if (!series) return;
    let s: ViewerSession | undefined;
    let cancelled = false;
    const failed = (what: string) => (e: unknown) => !cancelled && setError(`${what}: ${errorText(e)}`);
    initImaging()
      .then(() => {
        if (cancelled) return;
        s = new ViewerSession();
        setSession(s);
        const list = series.instances.instances;
        (series.mode === 'mpr' ? s.loadVolume(list) : s.loadStack(list)).catch(failed('The series could not be loaded'));
      })
      .catch(failed('The viewer could not start'));
    return () => {
      cancelled = true;
      s?.destroy();
      setSession(undefined);
    };
  }, [series]);

  const snapshot = useSyncExternalStore(
    useCallback((l: () => void) => (session ? session.subscribe(l) : () => undefined), [session]),
    () => session?.getSnapshot(),
  );

  // In an exercise no SEG or SR object of the study is read or drawn (it could be the expert's answer).
  const imported = useImportedObjects(exerciseId ? undefined : study, session, series?.mode === 'mpr' ? series.instances : undefined, snapshot?.progress.phase === 'ready');
  const seriesListingForPlan = study?.series.find((s) => s.seriesInstanceUID === series?.instances.seriesInstanceUID);
  const ws = usePlanWorkspace(series?.mode === 'mpr' ? session : undefined, study, seriesListingForPlan, snapshot?.progress.phase === 'ready', exerciseId !== undefined);
  const ex = useExerciseSession(exerciseId, series?.mode === 'mpr' ? session : undefined, ws, study, snapshot?.progress.phase === 'ready');
  const exAsk = ex?.ask;
  useEffect(() => exposeTestHandle(session, ws.store, ws.bridge), [session, ws.store, ws.bridge]);
  // A role that only reads plans gets no planning shortcuts either (the server refuses a save anyway).
  const planEditable = canEditPlan(useRoles(), ws.current?.status);

  const compact = useCompactScreen();
  const grid = gridContent(series?.mode, layout, maximised, ws.plan.selection?.kind === 'trajectory');
  const slots: ViewportSlot[] = grid.slots;
  const slotKey = slots.join(',');
  useEffect(() => {
    // Sizes change after the grid re-lays out; let the browser do it first.
    const t = setTimeout(() => session?.resize(), 0);
    return () => clearTimeout(t);
  }, [session, slotKey, grid.needleWanted, compact]);
  useEffect(() => {
    const onResize = (): void => session?.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [session]);

  const openSeries = useCallback(
    async (seriesUID: string, mode: 'mpr' | 'stack') => {
      if (!study) return;
      // Another series (or the same one as a stack) starts a new plan workspace: unsaved edits would go.
      if (!ws.confirmDiscard('Open another series')) return;
      try {
        const si = await getSeriesInstances(study.studyInstanceUID, seriesUID);
        setMaximised(undefined);
        setSeries({ instances: si, ...modeFor(si, study.series.find((x) => x.seriesInstanceUID === seriesUID), mode) });
      } catch (e) {
        setError(`The series could not be opened: ${errorText(e)}`);
      }
    },
    [study, ws],
  );

  const toggleMaximise = useCallback((slot: ViewportSlot) => setMaximised((m) => (m ? undefined : slot)), []);
  const keys = useKeyImageViewer({ session, snapshot, studyUid: studyUID, series, ws, layout, slots, activeSlot, maximised, setLayout, setMaximised, openSeries });

  const run = useCallback(
    (a: ShortcutAction) => {
      switch (a.kind) {
        case 'tool':
          session?.setTool(a.tool);
          return;
        case 'preset': {
          const p = WINDOW_PRESETS.find((x) => x.id === a.presetId);
          if (p) session?.applyWindow(p);
          return;
        }
        case 'scroll':
          session?.scroll(series?.mode === 'stack' ? 'stack' : activeSlot, a.delta);
          return;
        case 'reset':
          session?.resetViews();
          return;
        case 'linkWindow':
          session?.navigation.setWindowLinked(!session.navigation.windowLinked, activeSlot);
          return;
        case 'maximise':
          toggleMaximise(activeSlot);
          return;
        case 'layout':
          setMaximised(undefined);
          setLayout(a.layout);
          return;
        case 'toggleIdentifiers':
          setPreferences({ hideIdentifiers: !hideIdentifiers });
          return;
        case 'help':
          setShowHelp((v) => !v);
          return;
        case 'clearMeasurements':
          session?.clearMeasurements();
          return;
        case 'escape':
          if (showHelp) setShowHelp(false);
          else if (ws.bridge?.getSnapshot().tool) ws.bridge.setTool(null);
          else setMaximised(undefined);
          return;
        case 'planTool': {
          if (!planEditable) return;
          const b = ws.bridge;
          if (b) b.setTool(b.getSnapshot().tool === a.tool ? null : a.tool);
          return;
        }
        case 'brushSize': {
          const b = ws.bridge;
          if (b) b.setOptions({ brushRadiusMm: Math.max(1, Math.min(20, b.getSnapshot().options.brushRadiusMm + a.delta)) });
          return;
        }
        case 'keyImage':
        case 'overlay':
          keys.run(a.kind);
          return;
        case 'deleteSelected': {
          if (!planEditable) return;
          const sel = ws.store.getSnapshot().selection;
          if (sel?.kind === 'lesion') ws.store.apply('delete lesion', removeLesion(sel.id));
          else if (sel?.kind === 'structure') ws.store.apply('delete structure', removeStructure(sel.id));
          else if (sel?.kind === 'trajectory') ws.store.apply('delete trajectory', removeTrajectory(sel.id));
          return;
        }
        default:
          assertNever(a);
      }
    },
    [session, series, activeSlot, hideIdentifiers, showHelp, toggleMaximise, ws.bridge, ws.store, planEditable, keys.run],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
      if (e.ctrlKey || e.metaKey) {
        const k = e.key.toLowerCase();
        if (k === 's') {
          e.preventDefault();
          if (exAsk) exAsk();
          else if (planEditable) void ws.save();
        } else if (!typing && k === 'z' && !e.shiftKey) {
          e.preventDefault();
          ws.store.undo();
        } else if (!typing && (k === 'y' || (k === 'z' && e.shiftKey))) {
          e.preventDefault();
          ws.store.redo();
        }
        return;
      }
      if (e.altKey) return;
      if (typing) return;
      const s = shortcutFor(e.key);
      if (!s) return;
      e.preventDefault();
      run(s.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, ws, planEditable, exAsk]);

  const patientLines = useMemo(
    () => (!study || hideIdentifiers ? [] : [formatPersonName(study.patientName), `ID ${study.patientID ?? '—'}`, `${study.patientSex ?? '?'} · ${formatAge(study.patientAge)}`]),
    [study, hideIdentifiers],
  );
  const seriesListing = study?.series.find((s) => s.seriesInstanceUID === series?.instances.seriesInstanceUID);
  const studyLines = useMemo(
    () => (study ? [`${formatDicomDate(study.studyDate)} · ${study.studyDescription ?? ''}`, `Se ${seriesListing?.seriesNumber ?? '?'}: ${seriesListing?.seriesDescription ?? ''}`] : []),
    [study, seriesListing],
  );

  useEffect(() => {
    document.title = study && !hideIdentifiers ? `${formatPersonName(study.patientName)} — PercuPlan` : 'PercuPlan';
  }, [study, hideIdentifiers]);

  const title = study ? <><span className="phi">{hideIdentifiers ? '' : `${formatPersonName(study.patientName)} · `}</span>{study.studyDescription ?? 'Study'}</> : 'Study';

  return (
    <div className="page study-page">
      <TopBar title={title} onHelp={() => setShowHelp(true)} />
      {error && <div className="error-banner">{error}</div>}
      <Toolbar
        tool={snapshot?.tool ?? 'windowLevel'}
        layout={layout}
        canCrosshair={series?.mode === 'mpr'}
        onTool={(t: ViewerTool) => run({ kind: 'tool', tool: t })}
        onPreset={(id) => run({ kind: 'preset', presetId: id })}
        onLayout={(l) => run({ kind: 'layout', layout: l })}
        onReset={() => run({ kind: 'reset' })}
        windowLinked={snapshot?.windowLinked} onLinkWindow={() => run({ kind: 'linkWindow' })}
        overlayShown={keys.overlayShown} onOverlay={() => run({ kind: 'overlay' })} onKeyImage={() => run({ kind: 'keyImage' })}
      />
      <div className="study-body">
        {study && (
          <SeriesBrowser
            study={study}
            current={series?.instances.seriesInstanceUID}
            currentMode={series?.mode}
            onOpen={(uid, mode) => void openSeries(uid, mode)}
            renderExtra={(s) => <ImportedSeriesObjects imported={imported} series={s} openSeries={series?.mode === 'mpr' ? series.instances.seriesInstanceUID : undefined} onOpenCt={(uid) => void openSeries(uid, 'mpr')} />}
          />
        )}
        <div className="viewer-column">
          {series && !series.instances.reconstructable && (
            <div className="warning-banner" data-testid="mpr-off">
              MPR is off for this series: {series.instances.reasons.map((r) => r.replace(/\.$/, '')).join('; ') || 'its geometry cannot be reconstructed'}. Shown as a stack.
            </div>
          )}
          {series?.tooLarge && (
            <div className="warning-banner" data-testid="too-large">
              Too large for MPR here: {series.tooLarge}. Shown as a stack.
            </div>
          )}
          {series && series.instances.warnings.length > 0 && (
            <div className="warning-banner">{series.instances.warnings.join('; ')}</div>
          )}
          {snapshot && snapshot.decodeErrors.length > 0 && (
            <div className="error-banner" data-testid="decode-errors">
              Some images could not be decoded: {snapshot.decodeErrors.slice(0, 3).join('; ')}
              {snapshot.decodeErrors.length > 3 ? ` (+${snapshot.decodeErrors.length - 3} more)` : ''}
            </div>
          )}
          {snapshot && <LoadProgressBar progress={snapshot.progress} />}
          <ViewportGrid
            session={session}
            snapshot={snapshot}
            content={grid}
            activeSlot={activeSlot}
            patientLines={patientLines}
            studyLines={studyLines}
            valueUnit={seriesListing?.modality === 'CT' ? ' HU' : ''}
            onActivate={setActiveSlot}
            onToggleMaximise={toggleMaximise}
          />
        </div>
        <StudySideColumns
          compact={compact}
          snapshot={snapshot}
          side={
            <SidePanel snapshot={snapshot} onClear={() => run({ kind: 'clearMeasurements' })}>
              <ImportedPanel imported={imported} ws={series?.mode === 'mpr' ? ws : undefined} session={session} openSeries={seriesListingForPlan} editable={planEditable} />
            </SidePanel>
          }
          plan={series?.mode === 'mpr' && (ex ? <ExercisePlanPanel ws={ws} ex={ex} onNeedleViews={() => run({ kind: 'layout', layout: 'needle' })} /> : <PlanPanel ws={ws} session={session} onNeedleViews={() => run({ kind: 'layout', layout: 'needle' })} />)}
        />
      </div>
      {showHelp && <HelpPanel onClose={() => setShowHelp(false)} />}
      {keys.layer}
    </div>
  );
}
