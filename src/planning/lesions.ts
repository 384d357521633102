/**
 * The face of issue 5's planning core (lesions and structures at risk) for the viewer and
 * the server: volumes and their geometry, the lesion grow, brush and eraser with undo,
 * measurements, mask encoding for plan documents, and the records that hold them.
 */
export * from './volume/volumeGeometry';
export * from './volume/planningVolume';
export * from './volume/indexWorld';
export * from './mask/voxelBox';
export * from './mask/voxelMask';
export * from './mask/tightBox';
export * from './segmentation/growOptions';
export * from './segmentation/growLesion';
export * from './edit/brushShape';
export * from './edit/applyBrush';
export * from './edit/maskDiff';
export * from './edit/maskEditor';
export * from './measure/maskMeasurements';
export * from './measure/measureMask';
export * from './encoding/storedMask';
export * from './encoding/encodeMask';
export * from './encoding/geometryMatches';
export * from './records/anatomicalSite';
export * from './records/colour';
export * from './records/lesionMeasurementsRecord';
export * from './records/planLesion';
export * from './records/structureAtRisk';
export * from './records/structureDefaults';
export * from './records/lesionContent';
export * from './structures/rasterizeTube';
export * from './structures/thresholdInBox';
