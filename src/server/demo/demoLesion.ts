import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import { encodeMask, type MaskSource } from '../../planning/encoding/encodeMask';
import { measureMask } from '../../planning/measure/measureMask';
import type { anatomicalSiteSchema } from '../../planning/records/anatomicalSite';
import { lesionMeasurementsOf } from '../../planning/records/lesionMeasurementsRecord';
import type { lesionFlagsSchema, planLesionSchema } from '../../planning/records/planLesion';
import { growLesion } from '../../planning/segmentation/growLesion';
import { DEFAULT_GROW_OPTIONS } from '../../planning/segmentation/growOptions';
import type { PlanningVolume } from '../../planning/volume/planningVolume';

/** A plan lesion as written into plan content (before the schema's defaults). */
export type PlanLesionInput = z.input<typeof planLesionSchema>;

/** What a demo lesion is, besides its grown mask. */
export interface DemoLesionSpec {
  readonly id: string;
  readonly label: string;
  readonly site: z.input<typeof anatomicalSiteSchema>;
  readonly side: 'left' | 'right' | 'midline';
  readonly type: 'lytic' | 'blastic' | 'mixed';
  readonly flags: z.input<typeof lesionFlagsSchema>;
  /** Where the grow starts, LPS mm. */
  readonly seedLps: readonly [number, number, number];
}

/**
 * A lesion of a demo plan segmented the way a user would: {@link growLesion} from a seed with
 * the default settings, the mask stored with {@link encodeMask}, measured with
 * {@link measureMask}, and the grow's settings kept as provenance.
 */
export function growDemoLesion(volume: PlanningVolume, source: MaskSource, spec: DemoLesionSpec): Result<PlanLesionInput> {
  const seed = lps(spec.seedLps[0], spec.seedLps[1], spec.seedLps[2]);
  const grown = growLesion(volume, seed);
  if (!grown.ok) return err(`lesion ${spec.id}: ${grown.error}`);
  const { mask, stats } = grown.value;
  return ok({
    id: spec.id,
    label: spec.label,
    site: spec.site,
    side: spec.side,
    type: spec.type,
    flags: spec.flags,
    segmentation: encodeMask(mask, volume, source),
    measurements: lesionMeasurementsOf(measureMask(volume, mask)),
    grow: {
      seedLps: [seed[0], seed[1], seed[2]],
      huRange: [stats.huRange[0], stats.huRange[1]],
      maxVolumeMl: DEFAULT_GROW_OPTIONS.maxVolumeMl,
      maxDistanceMm: DEFAULT_GROW_OPTIONS.maxDistanceMm,
      leaked: stats.leaked,
      editedAfterGrow: false,
    },
  });
}
