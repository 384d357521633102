import type { CtGrid } from '../../interop/ctGrid';
import type { ImportedObject } from '../../interop/importTypes';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import type { Result } from '../../shared/result';
import type { Vec3 } from '../../shared/vec3';

/** One SEG or SR instance of the study, read (or with the reason it could not be). */
export interface LoadedObject {
  /** Its SOP Instance UID: the key of its toggles and placement. */
  readonly key: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly name: string;
  readonly result: Result<ImportedObject, string>;
}

/** The SEG and SR objects of one series, while they are fetched and once read. */
export type SeriesObjects =
  | { readonly status: 'loading'; readonly done: number; readonly total: number; readonly objects: readonly LoadedObject[] }
  | { readonly status: 'loaded'; readonly objects: readonly LoadedObject[] }
  | { readonly status: 'failed'; readonly error: string; readonly objects: readonly LoadedObject[] };

/** One segment of a SEG on the open CT: its mask with its voxel count, or why it is not drawn. */
export interface PlacedSegment {
  readonly number: number;
  readonly mask: Result<VoxelMask, string>;
  readonly voxels: number;
}

/** One SR spatial coordinate in patient space (LPS mm), or why it cannot be placed. */
export interface PlacedGraphic {
  readonly group: number;
  readonly index: number;
  readonly graphicType: string;
  readonly points: Result<readonly Vec3[], string>;
  readonly colour: string;
}

/** An object placed on the open CT. */
export interface ObjectPlacement {
  /** Why nothing of the object can be drawn on this CT (another series, no grid); null when placed. */
  readonly error: string | null;
  readonly segments: readonly PlacedSegment[];
  readonly graphics: readonly PlacedGraphic[];
}

/** The open CT the objects are drawn over. */
export interface OpenCt {
  readonly seriesInstanceUID: string;
  readonly grid: Result<CtGrid, string> | null;
}

/** Everything the series browser, the panel and the painter read. */
export interface ImportedSnapshot {
  readonly bySeries: ReadonlyMap<string, SeriesObjects>;
  readonly ct: OpenCt | null;
  readonly placements: ReadonlyMap<string, ObjectPlacement>;
  /** Object keys drawn over the CT ("Show over CT"). */
  readonly shown: ReadonlySet<string>;
  /** Parts switched off: `${key}#${segmentNumber}` and `${key}@${group}.${graphic}`. */
  readonly hidden: ReadonlySet<string>;
}

/** The toggle key of a segment of an object. */
export const segmentKey = (objectKey: string, segment: number): string => `${objectKey}#${segment}`;
/** The toggle key of a graphic of an SR group. */
export const graphicKey = (objectKey: string, group: number, index: number): string => `${objectKey}@${group}.${index}`;
