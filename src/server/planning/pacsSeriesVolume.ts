import type { Result } from '../../shared/result';
import type { PacsClient } from '../dicomweb/pacsClient';
import { retrieveSeries, type RetrieveLimits } from '../dicomweb/retrieveSeries';
import { volumeFromPart10, type VolumeFromPart10 } from './volumeFromPart10';

/** Where series the embedded source does not hold are fetched from; see {@link pacsSeriesVolume}. */
export interface RemoteVolumeSource {
  /** What to call it in messages (the PACS's URL without credentials). */
  readonly name: string;
  /**
   * The volume of a series, an error saying why it cannot be read, or undefined when the source
   * does not hold the series. Rejects (with a message naming the source) when it cannot be asked.
   */
  load(seriesInstanceUID: string, studyInstanceUID: string | null | undefined): Promise<Result<VolumeFromPart10> | undefined>;
}

/**
 * The PACS as a source of CT volumes: every instance of the series retrieved by WADO-RS
 * ({@link retrieveSeries}: bounded parallelism, timeouts, a byte cap) and read by the same
 * reader as the embedded files ({@link volumeFromPart10}), leaving out instances that are not
 * single-frame images. A compressed transfer syntax the reader cannot decode is an error naming
 * the syntax.
 */
export function pacsSeriesVolume(client: PacsClient, limits: RetrieveLimits = {}): RemoteVolumeSource {
  return {
    name: `the PACS at ${client.name}`,
    async load(series, study) {
      const instances = await retrieveSeries(client, series, study, limits);
      if (!instances) return undefined;
      return volumeFromPart10(
        instances.map((i) => ({ name: `instance ${i.sopInstanceUID}`, bytes: i.bytes })),
        { skipNonImages: true },
      );
    },
  };
}
