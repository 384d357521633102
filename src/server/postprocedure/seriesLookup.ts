import type { Actor } from '../auth/actor';
import type { Catalogue } from '../catalogue';
import type { StudyGuard } from '../exercises/studyGuard';
import type { SeriesVolume, VolumeLookup } from '../planning/seriesVolumes';
import { problem, type Reply } from '../records/apiProblem';
import { err, ok, type Result } from '../../shared/result';

/** What the post-procedure routes read series through. */
export interface SeriesSources {
  /** The app's series-volume cache (embedded sample studies, then the PACS). */
  readonly volumeFor: VolumeLookup;
  /** The embedded source, to check a series' study and read its frame of reference. */
  readonly catalogue: Pick<Catalogue, 'seriesFiles'>;
  /** What an account may not see (an open unknown exercise's other series). */
  readonly studyGuard?: StudyGuard;
}

/** A series read as a volume, with what the embedded files say of it. */
export interface FoundSeries extends SeriesVolume {
  readonly frameOfReferenceUID: string | null;
}

/**
 * The volume of `series` (of `study`) for this actor: 404 when the server holds no such series
 * (or the actor may not see it, or an embedded series belongs to another study), 422 when it
 * holds it but cannot read it as a volume (compressed, one slice, the PACS failing…), with why.
 * `what` names the series in the messages ("the cone-beam CT", "the plan's CT").
 */
export async function findSeriesVolume(sources: SeriesSources, actor: Actor, study: string | null, series: string, what: string): Promise<Result<FoundSeries, Reply>> {
  const hidden = sources.studyGuard ? (await sources.studyGuard.hiddenSeries(actor)).has(series) : false;
  const notFound = (): Result<never, Reply> => err(problem(404, 'not-found', `${what}: no series ${series}${study ? ` in study ${study}` : ''} on this server or its PACS`));
  if (hidden) return notFound();
  const files = sources.catalogue.seriesFiles(series);
  if (files && study && files.length > 0 && !files.some((f) => f.header.studyInstanceUID === study)) {
    return err(problem(404, 'not-found', `${what}: series ${series} is not in study ${study}`));
  }
  const warnings: string[] = [];
  const found = await sources.volumeFor(series, { studyInstanceUID: study, warn: (m) => warnings.push(m) });
  if (!found) {
    if (warnings.length === 0) return notFound();
    return err(problem(422, 'series-unreadable', `${what}: series ${series} cannot be read as a volume: ${warnings.join('; ')}`));
  }
  const frameOfReferenceUID = files?.find((f) => f.header.frameOfReferenceUID)?.header.frameOfReferenceUID ?? null;
  return ok({ ...found, frameOfReferenceUID });
}
