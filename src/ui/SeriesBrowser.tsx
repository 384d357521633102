import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorText } from '../api/apiProblem';
import type { StudyListing, SeriesListing } from '../dicom/studyListing';
import { getSeriesInstances } from './studySources';
import { afterFirstImage, renderThumbnail } from '../imaging';

function Thumbnail({ study, series }: { study: string; series: SeriesListing }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    if (series.imageCount === 0) return;
    // After the viewer's first image: the thumbnail would load the same middle frame beside it.
    const since = performance.now();
    void Promise.all([getSeriesInstances(study, series.seriesInstanceUID), afterFirstImage(since, 2000)])
      .then(([si]) => {
        const mid = si.instances[Math.floor(si.instances.length / 2)];
        if (!cancelled && mid && ref.current) return renderThumbnail(ref.current, mid);
      })
      .catch((e: unknown) => !cancelled && setFailed(`No thumbnail: ${errorText(e)}`));
    return () => {
      cancelled = true;
    };
  }, [study, series]);
  // A thumbnail that could not be drawn says why (as its tooltip), instead of staying blank.
  return <canvas ref={ref} width={128} height={128} className="thumb" title={failed} data-thumbnail-error={failed} />;
}

interface Props {
  study: StudyListing;
  current: string | undefined;
  currentMode: 'mpr' | 'stack' | undefined;
  onOpen: (seriesUID: string, mode: 'mpr' | 'stack') => void;
  /** More about a series under its card (the SEG and SR objects it holds). */
  renderExtra?: (series: SeriesListing) => ReactNode;
}

/** Thumbnails of the study's series; open one as MPR or as a stack. */
export function SeriesBrowser({ study, current, currentMode, onOpen, renderExtra }: Props) {
  return (
    <nav className="series-browser" data-testid="series-browser">
      {study.series.map((s) => (
        <div key={s.seriesInstanceUID} className={`series-card${s.seriesInstanceUID === current ? ' current' : ''}`}>
          <button className="thumb-button" onClick={() => onOpen(s.seriesInstanceUID, 'mpr')} title="Open as MPR" disabled={s.imageCount === 0}>
            <Thumbnail study={study.studyInstanceUID} series={s} />
          </button>
          <div className="series-meta">
            <div>
              {s.modality ?? '?'} · Se {s.seriesNumber ?? '?'}
            </div>
            <div className="desc">{s.seriesDescription ?? '—'}</div>
            <div className="muted">
              {s.imageCount} images{s.imageCount !== s.instanceCount ? ` + ${s.instanceCount - s.imageCount} other` : ''}
              {s.rows && s.columns ? ` · ${s.columns}×${s.rows}` : ''}
            </div>
            <div className="series-actions">
              <button className={s.seriesInstanceUID === current && currentMode === 'mpr' ? 'selected small' : 'small'} onClick={() => onOpen(s.seriesInstanceUID, 'mpr')} disabled={s.imageCount === 0}>
                MPR
              </button>
              <button
                className={s.seriesInstanceUID === current && currentMode === 'stack' ? 'selected small' : 'small'}
                data-testid="open-stack"
                onClick={() => onOpen(s.seriesInstanceUID, 'stack')}
                disabled={s.imageCount === 0}
              >
                Stack
              </button>
            </div>
            {renderExtra?.(s)}
          </div>
        </div>
      ))}
    </nav>
  );
}
