import type { InstanceHeader } from '../../dicom/instanceHeader';
import type { NaturalDataset } from '../part10';
import { codeItem, container, imageItem, personItem, textItem, uidItem, type ContentItem } from './contentItem';
import { percuplanCode } from '../percuplanCodes';
import { personName } from './srText';
import { SR_CODES } from './standardCodes';

/** The fixed Device Observer UID (DCM 121012) of PercuPlan (derived once from "percuplan:device-observer"). */
export const PERCUPLAN_DEVICE_OBSERVER_UID = '2.25.218747584106647864448299246372980156597';

/** What the root of the TID 1500 tree is built from. */
export interface ReportContentInput {
  /** Person observers, in order (the author of this version first); duplicates are written once. */
  readonly observers: readonly string[];
  /** The CT slices for the Image Library, in the order to list them. */
  readonly slices: readonly InstanceHeader[];
  readonly frameOfReferenceUID: string;
  /** The measurement groups (TID 1501 / TID 1411). */
  readonly groups: readonly ContentItem[];
}

/**
 * The attributes of the SR Document Content module for a TID 1500 Imaging Measurement Report:
 * the root CONTAINER (DCM 126000, SEPARATE, ContentTemplateSequence DCMR 1500) holding, in the
 * template's order, the language (TID 1204, en-US), the observation context (TID 1001: the
 * people, then PercuPlan as device observer), the procedures reported, the image library (TID
 * 1600: the CT slices with their modality and frame of reference) and the Imaging Measurements
 * container with the groups.
 */
export function reportContent(input: ReportContentInput): NaturalDataset {
  const people = [...new Set(input.observers.map(personName).filter((n) => n !== ''))];
  const context: ContentItem[] = [];
  for (const p of people) {
    context.push(codeItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.person));
    context.push(personItem('HAS OBS CONTEXT', SR_CODES.personObserverName, p));
  }
  context.push(
    codeItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.device),
    uidItem('HAS OBS CONTEXT', SR_CODES.deviceObserverUid, PERCUPLAN_DEVICE_OBSERVER_UID),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceObserverName, 'PercuPlan'),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceObserverManufacturer, 'PercuPlan'),
  );
  const library = container('CONTAINS', SR_CODES.imageLibrary, [
    container('CONTAINS', SR_CODES.imageLibraryGroup, [
      codeItem('HAS ACQ CONTEXT', SR_CODES.modality, SR_CODES.computedTomography),
      uidItem('HAS ACQ CONTEXT', SR_CODES.frameOfReferenceUid, input.frameOfReferenceUID),
      ...input.slices.map((s) => imageItem('CONTAINS', null, s.sopClassUID, s.sopInstanceUID)),
    ]),
  ]);
  const root = container('CONTAINS', SR_CODES.imagingMeasurementReport, [
    codeItem('HAS CONCEPT MOD', SR_CODES.languageOfContent, SR_CODES.englishUnitedStates),
    ...context,
    codeItem('HAS CONCEPT MOD', SR_CODES.procedureReported, SR_CODES.imagingProcedure),
    codeItem('HAS CONCEPT MOD', SR_CODES.procedureReported, percuplanCode('planningProcedure')),
    library,
    container('CONTAINS', SR_CODES.imagingMeasurements, input.groups),
  ]);
  // The root has no relationship to a parent.
  const { RelationshipType: _root, ...rootItem } = root;
  return { ...rootItem, ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }] };
}
