import { uidFromSeed } from '../planUids';

/**
 * UIDs of a case's key image objects, derived (2.25 from SHA-256, as a plan's) from what the
 * object holds, never from the clock: sending the same key images again gives the same UIDs and
 * the same bytes, so a PACS that keeps its first copy loses nothing; a changed caption, another
 * selection or another title gives new instances (a PACS would otherwise keep the stale copy).
 */
export interface KeyImageSeriesUids {
  readonly scSeries: string;
  readonly koSeries: string;
}

/** The Secondary Capture and KOS series of a case's key images in one study (one each, across exports). */
export async function keyImageSeriesUids(caseId: string, studyInstanceUID: string): Promise<KeyImageSeriesUids> {
  const [scSeries, koSeries] = await Promise.all([
    uidFromSeed(`key-images:${caseId}:${studyInstanceUID}:sc-series`),
    uidFromSeed(`key-images:${caseId}:${studyInstanceUID}:ko-series`),
  ]);
  return { scSeries, koSeries };
}

/** A key image's Secondary Capture: its id, its caption and its instance number in the series. */
export const secondaryCaptureUid = (keyImageId: string, caption: string, instanceNumber: number): Promise<string> =>
  uidFromSeed(`key-image:${keyImageId}:sc:${instanceNumber}:${caption}`);

/** The KOS listing these Secondary Captures under this title. */
export const keyObjectUid = (caseId: string, purpose: string, scInstances: readonly string[]): Promise<string> =>
  uidFromSeed(`key-images:${caseId}:ko:${purpose}:${scInstances.join(',')}`);
