import type { InstanceHeader } from '../dicom/instanceHeader';
import { analyzeSeriesGeometry } from '../dicom/seriesGeometry';
import type { SeriesOrder } from './catalogue';

export { studyListings as listStudies } from '../dicom/studyListingFromGroups';

/** Orders a series with the shared geometry check. */
export const orderSeries = (headers: InstanceHeader[]): SeriesOrder => analyzeSeriesGeometry(headers);
