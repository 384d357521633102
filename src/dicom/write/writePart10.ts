import { ByteSink } from './byteSink';
import type { Dataset } from './dataset';
import { encodeDataset } from './encodeDataset';
import { attr } from './tags';

/** Explicit VR Little Endian, the only transfer syntax this writer produces. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export interface Part10Options {
  /** Identifies the writing software (PS3.7 D.3.3.2); must be a valid UID. */
  implementationClassUID: string;
  /** Up to 16 characters. */
  implementationVersionName?: string;
  sourceApplicationEntityTitle?: string;
}

const SOP_CLASS = 0x00080016;
const SOP_INSTANCE = 0x00080018;

/**
 * Writes a DICOM Part 10 file: 128-byte preamble, "DICM", the file meta information (with
 * its group length) and the dataset, all explicit VR little endian. The meta header's SOP
 * class and instance are taken from the dataset's (0008,0016) and (0008,0018).
 */
export function writePart10(dataset: Dataset, options: Part10Options): Uint8Array {
  if (dataset.some((el) => el.tag >>> 16 === 0x0002)) throw new Error('group 0002 belongs to the file meta information, not the dataset');
  const sopClass = dataset.find((el) => el.tag === SOP_CLASS);
  const sopInstance = dataset.find((el) => el.tag === SOP_INSTANCE);
  if (sopClass?.vr !== 'UI' || typeof sopClass.value !== 'string' || sopClass.value === '') throw new Error('dataset has no SOPClassUID (0008,0016)');
  if (sopInstance?.vr !== 'UI' || typeof sopInstance.value !== 'string' || sopInstance.value === '') throw new Error('dataset has no SOPInstanceUID (0008,0018)');

  const meta: Dataset = [
    attr('FileMetaInformationVersion', new Uint8Array([0x00, 0x01])),
    attr('MediaStorageSOPClassUID', sopClass.value),
    attr('MediaStorageSOPInstanceUID', sopInstance.value),
    attr('TransferSyntaxUID', EXPLICIT_VR_LITTLE_ENDIAN),
    attr('ImplementationClassUID', options.implementationClassUID),
    ...(options.implementationVersionName ? [attr('ImplementationVersionName', options.implementationVersionName)] : []),
    ...(options.sourceApplicationEntityTitle ? [attr('SourceApplicationEntityTitle', options.sourceApplicationEntityTitle)] : []),
  ];
  const metaBytes = encodeDataset(meta).toUint8Array();

  const sink = new ByteSink();
  sink.bytes(new Uint8Array(128));
  sink.bytes(new Uint8Array([0x44, 0x49, 0x43, 0x4d]));
  encodeDataset([attr('FileMetaInformationGroupLength', metaBytes.length)], sink);
  sink.bytes(metaBytes);
  encodeDataset(dataset, sink);
  return sink.toUint8Array();
}
