import type { PlanLesion } from '../../planning/records/planLesion';
import type { TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import { SEGMENTATION_STORAGE, type SegmentRef } from '../exportTypes';
import type { CodedConcept } from '../codedConcept';
import { codeItem, container, imageItem, numItem, present, textItem, uidItem, type ContentItem } from './contentItem';
import { findingSiteItem } from './findingSite';
import { percuplanCode, type PercuplanCodeName } from '../percuplanCodes';
import { SR_CODES, UCUM } from './standardCodes';

/** The lesion's share of the plan-level zone metrics. */
export type LesionZoneMetrics = NonNullable<TrajectoryContent['zoneMetrics']>['lesions'][number];

/** What one lesion's measurement group is built from. */
export interface LesionGroupInput {
  readonly lesion: PlanLesion;
  readonly trackingUid: string;
  /** The SEG's instance and this lesion's segment in it; null when the lesion has no segment. */
  readonly segment: { readonly sopInstanceUID: string; readonly ref: SegmentRef } | null;
  /** The CT series the mask was drawn on. */
  readonly sourceSeriesUID: string;
  readonly zone: LesionZoneMetrics | undefined;
}

const diameter = (value: number, method: PercuplanCodeName, errors: string[], what: string): ContentItem | null =>
  numItem('CONTAINS', SR_CODES.diameter, value, UCUM.mm, errors, what, [codeItem('HAS CONCEPT MOD', SR_CODES.measurementMethod, percuplanCode(method))]);

const hu = (value: number, derivation: CodedConcept, errors: string[], what: string): ContentItem | null =>
  numItem('CONTAINS', SR_CODES.attenuationCoefficient, value, UCUM.hounsfield, errors, what, [codeItem('HAS CONCEPT MOD', SR_CODES.derivation, derivation)]);

/**
 * One TID 1411 volumetric measurement group for a lesion: tracking identifier and UID, finding
 * metastatic neoplasm with its site, the SEG segment holding its mask (Referenced Segment and
 * Source series for segmentation; none when it has no mask), the stored measurements (volume,
 * diameters, HU) and, from the plan's zone metrics, coverage and minimum margin.
 */
export function lesionGroup(input: LesionGroupInput, errors: string[]): ContentItem {
  const { lesion, segment, zone } = input;
  const name = lesion.label || lesion.id;
  const what = (m: string) => `lesion ${name}: ${m}`;
  const items: (ContentItem | null)[] = [
    textItem('CONTAINS', SR_CODES.trackingIdentifier, name),
    uidItem('CONTAINS', SR_CODES.trackingUniqueIdentifier, input.trackingUid),
    codeItem('CONTAINS', SR_CODES.finding, SR_CODES.metastaticNeoplasm),
    findingSiteItem(lesion),
  ];
  if (segment) {
    items.push(
      imageItem('CONTAINS', SR_CODES.referencedSegment, SEGMENTATION_STORAGE, segment.sopInstanceUID, segment.ref.segmentNumber),
      uidItem('CONTAINS', SR_CODES.sourceSeriesForSegmentation, input.sourceSeriesUID),
    );
  }
  const m = lesion.measurements;
  if (m) {
    items.push(
      numItem('CONTAINS', SR_CODES.volume, m.volumeMl, UCUM.ml, errors, what('volume')),
      diameter(m.longestAxialDiameterMm, 'longestAxialDiameter', errors, what('longest axial diameter')),
      diameter(m.principalDiametersMm[0], 'principalDiameter1', errors, what('first principal diameter')),
      diameter(m.principalDiametersMm[1], 'principalDiameter2', errors, what('second principal diameter')),
      diameter(m.principalDiametersMm[2], 'principalDiameter3', errors, what('third principal diameter')),
    );
    if (m.hu) {
      items.push(
        hu(m.hu.mean, SR_CODES.mean, errors, what('mean HU')),
        hu(m.hu.min, SR_CODES.minimum, errors, what('minimum HU')),
        hu(m.hu.max, SR_CODES.maximum, errors, what('maximum HU')),
      );
    }
  }
  if (zone) {
    items.push(
      numItem('CONTAINS', percuplanCode('lethalZoneCoverage'), zone.coveragePercent, UCUM.percent, errors, what('coverage')),
      numItem('CONTAINS', percuplanCode('minimumAblationMargin'), zone.minMarginMm, UCUM.mm, errors, what('minimum margin')),
    );
  }
  return container('CONTAINS', SR_CODES.measurementGroup, present(items));
}
