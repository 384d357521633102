import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { errorText, fetchParsed } from '../../api/apiProblem';
import type { LesionContent } from '../../planning/records/lesionContent';
import { OVERLAY_COLOURS } from '../../planning/report/render/renderReportView';
import type { Rgb } from '../../planning/report/render/rgbImage';
import { structureDisplayColour } from '../../planning/records/structureDisplayColour';

/** GET /api/plans/:id/report-images: the pictures the server draws for the report (server/planning/reportImages.ts). */
const listSchema = z.object({
  version: z.number(),
  images: z.array(z.object({ needle: z.number(), view: z.string(), caption: z.string(), url: z.string(), width: z.number(), height: z.number() })),
});
type ImageList = z.infer<typeof listSchema>;

const css = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

function Swatch({ colour, label, shape = 'line' }: { colour: string; label: string; shape?: 'line' | 'square' | 'disc' }) {
  return (
    <span className="report-swatch">
      <span className={`report-swatch-mark report-swatch-${shape}`} style={shape === 'square' ? { borderColor: colour } : { background: colour }} />
      {label}
    </span>
  );
}

/** What the pictures' colours mean: the overlay's fixed colours, then each lesion's and structure's own. */
function Legend({ lesions }: { lesions: LesionContent }) {
  return (
    <div className="report-keyimg-legend small" data-testid="report-keyimg-legend">
      <Swatch colour={css(OVERLAY_COLOURS.needle)} label="needle (others darker)" />
      <Swatch colour={css(OVERLAY_COLOURS.entry)} label="entry" shape="square" />
      <Swatch colour={css(OVERLAY_COLOURS.target)} label="target" shape="disc" />
      <Swatch colour={css(OVERLAY_COLOURS.lethalZone)} label="lethal zone" />
      <Swatch colour={css(OVERLAY_COLOURS.outerZone)} label="outer zone" />
      {lesions.lesions.map((l) => <Swatch key={l.id} colour={l.colour} label={`lesion ${l.label || l.id}`} />)}
      {lesions.structuresAtRisk.map((s) => <Swatch key={s.id} colour={structureDisplayColour(s)} label={s.name} />)}
      <span className="muted"> · bone window W2000/L500 · bar 10 mm · outlines, sections and projected needles</span>
    </div>
  );
}

/**
 * The report's key images: per needle the axial, sagittal or coronal, and probe's-eye pictures the
 * server draws from the plan's CT with the overlay, captioned, a needle's pictures kept on one page.
 * `onSettled` is called once every picture has loaded and decoded (or failed, or there are none, or
 * the server cannot draw them: a plan on local files shows the reason), so printing never catches a blank.
 */
export function ReportKeyImages({ planId, version, lesions, onSettled }: { planId: string; version: number; lesions: LesionContent; onSettled: () => void }) {
  const [list, setList] = useState<ImageList | { error: string } | undefined>();
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    setList(undefined);
    fetchParsed('GET /api/plans/:id/report-images', `/api/plans/${encodeURIComponent(planId)}/report-images?version=${version}`, listSchema)
      .then((l) => live && setList(l))
      .catch((e: unknown) => live && setList({ error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [planId, version]);
  useEffect(() => {
    if (!list) return;
    if ('error' in list) return onSettled();
    let live = true;
    const imgs = [...(box.current?.querySelectorAll('img') ?? [])];
    void Promise.allSettled(imgs.map((img) => img.decode())).then(() => live && onSettled());
    return () => {
      live = false;
    };
  }, [list, onSettled]);

  const needles = list && !('error' in list) ? [...new Set(list.images.map((i) => i.needle))] : [];
  return (
    <section className="report-section" data-testid="report-key-images" ref={box}>
      <h2>Key images</h2>
      {!list && <p className="muted" data-testid="report-keyimg-loading">Drawing the key images…</p>}
      {list && 'error' in list && (
        <p className="report-problem" data-testid="report-keyimg-reason">Key images are not available: {list.error}</p>
      )}
      {list && !('error' in list) && list.images.length === 0 && <p className="muted">The plan has no needles to picture.</p>}
      {list && !('error' in list) && list.images.length > 0 && <Legend lesions={lesions} />}
      {needles.map((n) => (
        <div key={n} className="report-keyimg-needle report-keep" data-testid="report-keyimg-needle">
          {list && !('error' in list) &&
            list.images
              .filter((i) => i.needle === n)
              .map((i) => (
                <figure key={i.url} className="report-keyimg">
                  <img
                    src={i.url}
                    width={i.width}
                    height={i.height}
                    alt={i.caption}
                    data-view={i.view}
                    onError={() => setFailed((f) => new Set(f).add(i.url))}
                  />
                  <figcaption className="small">
                    {i.caption}
                    {failed.has(i.url) && <span className="report-warn"> — the picture could not be loaded</span>}
                  </figcaption>
                </figure>
              ))}
        </div>
      ))}
    </section>
  );
}
