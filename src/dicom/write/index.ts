export { ByteSink } from './byteSink';
export { element, formatTag, type BulkValue, type DataElement, type Dataset, type ValueOf } from './dataset';
export { formatDecimalString, formatIntegerString } from './decimalString';
export { encodeDataset } from './encodeDataset';
export { encodeValue } from './encodeValue';
export { attr, DICTIONARY, type Keyword } from './tags';
export { isValidUid } from './uid';
export type { Vr } from './vr';
export { EXPLICIT_VR_LITTLE_ENDIAN, writePart10, type Part10Options } from './writePart10';
