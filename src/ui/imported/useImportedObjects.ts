import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { SeriesInstances, StudyListing } from '../../dicom/studyListing';
import { attachImportedPainter, createImportedObjects, type ImportedObjects, type ImportedSnapshot, type ViewerSession } from '../../imaging';

/** The study page's imported SEG and SR objects: the store and its current snapshot. */
export interface ImportedState {
  store: ImportedObjects;
  snap: ImportedSnapshot;
}

/**
 * Reads the SEG and SR objects of a study's series (those with non-image instances) once the
 * study is listed, builds the open volume's CT grid once it is loaded, and draws what is shown
 * on the session's views.
 */
export function useImportedObjects(study: StudyListing | undefined, session: ViewerSession | undefined, open: SeriesInstances | undefined, volumeReady: boolean): ImportedState {
  const store = useMemo(() => createImportedObjects(), []);
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);

  useEffect(() => {
    store.reset(study);
    if (!study) return;
    for (const s of study.series) if (s.instanceCount > s.imageCount) void store.loadSeries(s.seriesInstanceUID);
  }, [store, study]);

  useEffect(() => {
    void store.setCt(volumeReady ? open : undefined);
  }, [store, open, volumeReady]);

  useEffect(() => (session ? attachImportedPainter(session, store) : undefined), [session, store]);
  return { store, snap };
}
