import { canRenderFloatTextures, metaData, utilities, type Types } from '@cornerstonejs/core';
import { decodeImageFrame, getImageFrame } from '@cornerstonejs/dicom-image-loader';
import { decodeNative16, type Native16Target } from './decodeNative16';

/** Transfer syntaxes whose frame is the pixels as they are (little endian, not encapsulated). */
const NATIVE_LE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/** Where the volume wants a frame's voxels, as Cornerstone's volume loader passes it. */
interface TargetBuffer {
  type?: string;
}

/** The loader options this path reads. */
export interface NativeImageOptions {
  targetBuffer?: TargetBuffer;
  preScale?: { enabled?: boolean };
}

type Module = Record<string, unknown>;
type DecodedFrame = Record<string, unknown> & { pixelData: Types.PixelDataTypedArray; rows: number; columns: number };

const TARGETS = new Set<string>(['Int16Array', 'Uint16Array', 'Float32Array']);

/**
 * The decoded frame from decodeNative16 (one pass) with the fields Cornerstone's decode sets,
 * or undefined where that does not apply (then Cornerstone's decode runs).
 */
function fastDecode(
  frame: ReturnType<typeof getImageFrame>,
  bytes: Uint8Array,
  target: string | undefined,
  scaling: { rescaleSlope: number; rescaleIntercept: number; modality: unknown } | undefined,
): DecodedFrame | undefined {
  if (frame.bitsAllocated !== 16 || !target || !TARGETS.has(target) || bytes.byteLength < frame.rows * frame.columns * 2) return undefined;
  // Cornerstone leaves a fractional rescale out where float textures cannot be drawn.
  if (scaling && !canRenderFloatTextures() && !(Number.isInteger(scaling.rescaleSlope) && Number.isInteger(scaling.rescaleIntercept))) return undefined;
  const start = performance.now();
  const out = decodeNative16(
    bytes.subarray(0, frame.rows * frame.columns * 2),
    { signed: frame.pixelRepresentation === 1, bitsStored: frame.bitsStored },
    target as Native16Target,
    scaling ? { slope: scaling.rescaleSlope, intercept: scaling.rescaleIntercept } : undefined,
  );
  if (!out) return undefined;
  return {
    ...frame,
    pixelData: out.pixelData,
    pixelDataLength: out.pixelData.length,
    smallestPixelValue: out.min,
    largestPixelValue: out.max,
    ...(scaling ? { preScale: { enabled: true, scalingParameters: scaling, scaled: true } } : {}),
    decodeTimeInMS: performance.now() - start,
  } as DecodedFrame;
}
const moduleOf = (type: string, imageId: string): Module => (metaData.get(type, imageId) as Module | undefined) ?? {};
/** The first value of a multi-valued attribute, read as Cornerstone's createImage reads it. */
const firstOf = (v: unknown): number | undefined => (v ? (v as ArrayLike<number>)[0] : undefined);

/**
 * Whether a frame can be decoded here, on the main thread: native little-endian monochrome
 * data going into a volume (a target type given), outside PET and RT dose (their scaling
 * needs modules Cornerstone's worker path reads). Decoding it is a typed-array view, the
 * rescale and a min/max: cheaper than a round trip to a decode worker, and it does not wait
 * for the workers to start, so the first slice lands as soon as its bytes are read.
 */
export function decodesHere(imageId: string, transferSyntaxUID: string, options: NativeImageOptions): boolean {
  if (!NATIVE_LE.has(transferSyntaxUID) || !options.targetBuffer?.type) return false;
  const modality = moduleOf('generalSeriesModule', imageId)['modality'];
  return modality !== 'PT' && modality !== 'RTDOSE';
}

/**
 * Builds the Cornerstone image of a native little-endian monochrome frame on this thread: a
 * 16-bit frame in one pass (decodeNative16), any other with Cornerstone's own decode
 * (`decodeImageFrame`: the same code its worker runs, rescale and target type included), and
 * the fields Cornerstone's createImage gives a monochrome image.
 */
export async function nativeImage(imageId: string, bytes: Uint8Array, transferSyntaxUID: string, options: NativeImageOptions): Promise<Types.IImage> {
  const modalityLut = moduleOf('modalityLutModule', imageId);
  const slope = typeof modalityLut['rescaleSlope'] === 'number' ? modalityLut['rescaleSlope'] : 1;
  const intercept = typeof modalityLut['rescaleIntercept'] === 'number' ? modalityLut['rescaleIntercept'] : 0;
  // As createImage: rescale unless told not to, and only when there is something to apply.
  const preScale = (options.preScale?.enabled ?? true) && !(slope === 1 && intercept === 0);
  const modality = moduleOf('generalSeriesModule', imageId)['modality'];
  const frame = getImageFrame(imageId);
  const scalingParameters = { rescaleSlope: slope, rescaleIntercept: intercept, modality };
  const decoded = fastDecode(frame, bytes, options.targetBuffer?.type, preScale ? scalingParameters : undefined) ??
    ((await decodeImageFrame(
      frame,
      transferSyntaxUID,
      bytes,
      {},
      {
        targetBuffer: options.targetBuffer,
        allowFloatRendering: canRenderFloatTextures(),
        preScale: preScale ? { enabled: true, scalingParameters } : { enabled: false },
      },
      undefined,
    )) as DecodedFrame);
  const pixelData = decoded.pixelData;
  const plane = moduleOf('imagePlaneModule', imageId);
  const voi = moduleOf('voiLutModule', imageId);
  const min = decoded['smallestPixelValue'] as number;
  const max = decoded['largestPixelValue'] as number;
  const { rows, columns } = decoded;
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({ scalarData: pixelData, width: columns, height: rows, numberOfComponents: 1 });
  let windowCenter = firstOf(voi['windowCenter']);
  let windowWidth = firstOf(voi['windowWidth']);
  if (windowCenter === undefined || windowWidth === undefined) ({ windowCenter, windowWidth } = utilities.windowLevel.toWindowLevel(min, max));
  const voiFunction = voi['voiLUTFunction'];
  const image = {
    imageId,
    dataType: pixelData.constructor.name,
    color: false,
    calibration: moduleOf('calibrationModule', imageId),
    columnPixelSpacing: plane['columnPixelSpacing'],
    columns,
    height: rows,
    preScale: decoded['preScale'],
    intercept: modalityLut['rescaleIntercept'] ? intercept : 0,
    slope: modalityLut['rescaleSlope'] ? slope : 1,
    invert: decoded['photometricInterpretation'] === 'MONOCHROME1',
    minPixelValue: min,
    maxPixelValue: max,
    rowPixelSpacing: plane['rowPixelSpacing'],
    rows,
    sizeInBytes: pixelData.byteLength,
    width: columns,
    windowCenter,
    windowWidth,
    voiLUTFunction: (Array.isArray(voiFunction) ? voiFunction[0] : undefined) || voi['voiLutFunction'] || undefined,
    decodeTimeInMS: decoded['decodeTimeInMS'],
    floatPixelData: undefined,
    imageFrame: decoded,
    voxelManager,
    rgba: false,
    getPixelData: () => decoded.pixelData,
    getCanvas: undefined,
    numberOfComponents: 1,
  };
  return image as unknown as Types.IImage;
}
