import { useEffect, useState } from 'react';
import type { KeyImage } from '../../../records';
import { keyImagesApi } from '../../../api/keyImages';
import { errorText } from '../../../api/apiProblem';

/**
 * The viewer address of a key image: the study, the key image to restore, and `overlay=off` when
 * the presenter switched the plan overlay off (the viewer reads both parameters).
 */
export function viewerLink(image: Pick<KeyImage, 'id' | 'view'>, overlay: boolean): string {
  const q = new URLSearchParams({ keyImage: image.id });
  if (!overlay) q.set('overlay', 'off');
  return `/studies/${image.view.studyInstanceUid}?${q.toString()}`;
}

/**
 * The case's key images beside the card: one shown large, the others as captioned thumbnails;
 * "Open in viewer" opens the saved view in a new tab, with the plan overlay on or off.
 */
export function KeyImagesPanel({ caseId, overlay, onOverlay }: { caseId: string; overlay: boolean; onOverlay: (on: boolean) => void }) {
  const [images, setImages] = useState<KeyImage[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  useEffect(() => {
    let stale = false;
    setImages(undefined);
    setError(undefined);
    setSelected(undefined);
    keyImagesApi.list(caseId).then(
      (l) => !stale && setImages(l),
      (e: unknown) => !stale && setError(errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [caseId]);

  const shown = images?.find((i) => i.id === selected) ?? images?.[0];
  return (
    <section className="present-images" data-testid="present-images">
      <div className="present-images-bar">
        <h3>Key images{images ? ` (${images.length})` : ''}</h3>
        <label className="present-switch" title="Open the viewer with the plan drawn over the images, or without">
          <input type="checkbox" checked={overlay} onChange={(e) => onOverlay(e.target.checked)} data-testid="overlay-switch" /> Plan overlay
        </label>
        {shown && (
          <a className="button" href={viewerLink(shown, overlay)} target="_blank" rel="noopener" data-testid="open-in-viewer">Open in viewer ↗</a>
        )}
      </div>
      {error && <div className="error-text" data-testid="key-images-error">Key images could not be read: {error}</div>}
      {!images && !error && <div className="muted">Loading key images…</div>}
      {images && images.length === 0 && <div className="muted present-no-images" data-testid="no-key-images">No key image saved for this case. Save one from the viewer ("Key image").</div>}
      {shown && (
        <figure className="present-large" data-testid="key-image-large" data-key-image-id={shown.id}>
          <img src={keyImagesApi.pngUrl(shown.id)} alt={shown.caption} />
          <figcaption>{shown.caption}{shown.view.sliceNumber !== null && shown.view.sliceCount !== null ? <span className="muted"> · Im {shown.view.sliceNumber}/{shown.view.sliceCount}</span> : null}</figcaption>
        </figure>
      )}
      {images && images.length > 1 && (
        <ol className="present-thumbs" data-testid="key-image-thumbs">
          {images.map((i) => (
            <li key={i.id}>
              <button className={i.id === shown?.id ? 'selected' : ''} onClick={() => setSelected(i.id)} title={i.caption} data-testid="key-image-thumb">
                <img src={keyImagesApi.pngUrl(i.id)} alt="" loading="lazy" />
                <span>{i.caption}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
