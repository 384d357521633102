import type { ViewerSession } from '../viewerSession';
import type { ImportedObjects } from './importedStore';
import { ImportedPainter } from './importedPainter';

/**
 * Draws a study's imported objects on a session's 2D views and repaints them whenever what is
 * read, placed, shown or hidden changes. Returns the teardown.
 */
export function attachImportedPainter(session: ViewerSession, store: ImportedObjects): () => void {
  const painter = new ImportedPainter();
  session.setLayerPainter('imported', (slot, ctx, plane) => {
    const snap = store.getSnapshot();
    if (snap.shown.size === 0) return;
    const grid = snap.ct?.grid;
    painter.paint(slot, ctx, plane, snap, store.objects(), grid?.ok ? grid.value.geometry : undefined);
  });
  const unsubscribe = store.subscribe(() => session.repaintOverlays());
  return () => {
    unsubscribe();
    session.setLayerPainter('imported', undefined);
  };
}
