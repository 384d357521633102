import type { SeriesListing } from '../../dicom/studyListing';
import { objectKindLabel } from '../../imaging';
import type { ImportedState } from './useImportedObjects';

interface Props {
  imported: ImportedState;
  series: SeriesListing;
  /** The series open now (the objects are drawn over it when they reference it). */
  openSeries: string | undefined;
  /** Opens the series an object is drawn over, as MPR. */
  onOpenCt: (seriesInstanceUID: string) => void;
}

/**
 * The SEG and SR objects of one series card, listed by kind ("Segmentation · 4 segments ·
 * dcmqi"), each with "Show over CT", or the reason it could not be read.
 */
export function ImportedSeriesObjects({ imported, series, openSeries, onOpenCt }: Props) {
  const state = imported.snap.bySeries.get(series.seriesInstanceUID);
  if (!state) return null;
  const { store, snap } = imported;
  return (
    <ul className="imported-objects" data-testid="imported-objects">
      {state.status === 'loading' && (
        <li className="muted" data-testid="imported-progress">
          Reading SEG/SR objects{state.total ? ` ${state.done} / ${state.total}` : ''}…
        </li>
      )}
      {state.status === 'failed' && (
        <li className="error-text" data-testid="imported-failed">
          SEG/SR objects not read: {state.error}{' '}
          <button className="small" onClick={() => void store.loadSeries(series.seriesInstanceUID)}>
            Retry
          </button>
        </li>
      )}
      {state.objects.map((o) => {
        if (!o.result.ok) {
          return (
            <li key={o.key} className="imported-object unreadable" data-testid="imported-object" data-readable="false" title={o.result.error}>
              <b>{o.name}</b>: {o.result.error}
            </li>
          );
        }
        const obj = o.result.value;
        const target = store.drawnOn(obj);
        const shown = snap.shown.has(o.key);
        const show = (): void => {
          store.setShown(o.key, !shown);
          if (!shown && target.ok && target.value !== openSeries) onOpenCt(target.value);
        };
        return (
          <li key={o.key} className="imported-object" data-testid="imported-object" data-readable="true" data-kind={obj.kind} data-key={o.key}>
            <div className="imported-kind" data-testid="imported-kind">{objectKindLabel(obj)}</div>
            <div className="muted desc">{obj.kind === 'seg' ? (obj.seriesDescription ?? o.name) : (obj.title?.meaning ?? o.name)}</div>
            <button className={shown ? 'selected small' : 'small'} data-testid="show-over-ct" onClick={show} disabled={!target.ok} title={target.ok ? 'Draw it over its CT' : `Cannot be drawn: ${target.error}`}>
              {shown ? 'Hide' : 'Show over CT'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
