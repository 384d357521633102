import { readDicomObject } from '../../interop/read/readDicomObject';
import { segmentMaskOnGrid } from '../../interop/read/placeSegment';
import { ctGridOf } from '../../interop/ctGrid';
import { scoordPointToLps } from '../../interop/read/graphicLps';
import { ImportedObjects } from './importedStore';
import { listSeriesObjects, seriesHeaders } from './seriesObjects';

/** The imported-objects store of a study page, reading with src/interop/read. */
export const createImportedObjects = (): ImportedObjects =>
  new ImportedObjects({
    list: listSeriesObjects,
    read: readDicomObject,
    headers: seriesHeaders,
    grid: ctGridOf,
    segmentMask: segmentMaskOnGrid,
    pointOnSlice: scoordPointToLps,
  });
