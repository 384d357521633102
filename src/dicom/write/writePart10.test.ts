import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { element, type Dataset } from './dataset';
import { attr } from './tags';
import { EXPLICIT_VR_LITTLE_ENDIAN, writePart10 } from './writePart10';

const IMPL = '1.2.826.0.1.3680043.10.999.1';
const base: Dataset = [
  attr('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2'),
  attr('SOPInstanceUID', '1.2.3.4.5'),
];
const write = (extra: Dataset) => writePart10([...base, ...extra], { implementationClassUID: IMPL, implementationVersionName: 'PP_TEST' });
const parse = (bytes: Uint8Array) => dicomParser.parseDicom(bytes);

describe('writePart10', () => {
  it('writes preamble, DICM and a meta header whose group length matches its bytes', () => {
    const bytes = write([attr('PatientName', 'DOE^JANE')]);
    expect(Array.from(bytes.slice(0, 128)).every((b) => b === 0)).toBe(true);
    expect(String.fromCharCode(...bytes.slice(128, 132))).toBe('DICM');
    const ds = parse(bytes);
    // (0002,0000) value ends at 132 + 12; the meta group runs until the first dataset element.
    const firstDataset = ds.elements.x00080016!;
    const metaEnd = firstDataset.dataOffset - 8;
    expect(ds.uint32('x00020000')).toBe(metaEnd - 144);
    expect(ds.string('x00020010')).toBe(EXPLICIT_VR_LITTLE_ENDIAN);
    expect(ds.string('x00020002')).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(ds.string('x00020003')).toBe('1.2.3.4.5');
    expect(ds.string('x00020012')).toBe(IMPL);
    expect(ds.string('x00020013')).toBe('PP_TEST');
    const version = ds.elements.x00020001!;
    expect(Array.from(bytes.slice(version.dataOffset, version.dataOffset + 2))).toEqual([0, 1]);
  });

  it('round-trips text, numeric-string and binary values through dicom-parser', () => {
    const ds = parse(
      write([
        attr('PatientName', 'PERCUPLAN^CASE1'),
        attr('PatientID', 'PP-0001'),
        attr('PatientSex', 'M'),
        attr('PatientAge', '062Y'),
        attr('StudyDate', '20240312'),
        attr('StudyTime', '091405'),
        attr('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
        attr('ImagePositionPatient', [-199.609375, -199.609375, -204]),
        attr('PixelSpacing', [0.78125, 0.78125]),
        attr('SliceThickness', 2),
        attr('InstanceNumber', 17),
        attr('RescaleIntercept', -1024),
        attr('Rows', 512),
        element(0x00280106, 'SS', -1024),
        element(0x00191001, 'UL', [1, 4294967295]),
        element(0x00191002, 'SL', -123456),
        element(0x00191003, 'FL', 0.5),
        element(0x00191004, 'FD', [Math.PI, -1e-9]),
        element(0x00191005, 'AT', 0x00280030),
        attr('ImageComments', 'Synthetic phantom.\r\nLine two\\with backslash'),
      ]),
    );
    expect(ds.string('x00100010')).toBe('PERCUPLAN^CASE1');
    expect(ds.string('x00100020')).toBe('PP-0001');
    expect(ds.string('x00100040')).toBe('M');
    expect(ds.string('x00101010')).toBe('062Y');
    expect(ds.string('x00080008')).toBe('ORIGINAL\\PRIMARY\\AXIAL');
    expect(ds.numStringValues('x00200032')).toBe(3);
    expect([0, 1, 2].map((i) => ds.floatString('x00200032', i))).toEqual([-199.609375, -199.609375, -204]);
    expect(ds.string('x00280030')).toBe('0.78125\\0.78125');
    expect(ds.floatString('x00180050')).toBe(2);
    expect(ds.intString('x00200013')).toBe(17);
    expect(ds.floatString('x00281052')).toBe(-1024);
    expect(ds.uint16('x00280010')).toBe(512);
    expect(ds.int16('x00280106')).toBe(-1024);
    expect([ds.uint32('x00191001', 0), ds.uint32('x00191001', 1)]).toEqual([1, 4294967295]);
    expect(ds.int32('x00191002')).toBe(-123456);
    expect(ds.float('x00191003')).toBe(0.5);
    expect([ds.double('x00191004', 0), ds.double('x00191004', 1)]).toEqual([Math.PI, -1e-9]);
    expect(ds.attributeTag('x00191005')).toBe('x00280030');
    expect(ds.text('x00204000')).toBe('Synthetic phantom.\r\nLine two\\with backslash');
  });

  it('pads odd values to even length: UI with NUL, text with space, OB with zero', () => {
    const bytes = writePart10(
      [
        attr('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2'),
        attr('SOPInstanceUID', '1.2.345'),
        attr('Modality', 'CT'),
        attr('StudyDescription', 'ODD'),
        element(0x00191010, 'OB', new Uint8Array([1, 2, 3])),
      ],
      { implementationClassUID: IMPL },
    );
    const ds = parse(bytes);
    const uid = ds.elements.x00080018!;
    expect(uid.length).toBe(8);
    expect(bytes[uid.dataOffset + 7]).toBe(0);
    expect(ds.string('x00080018')).toBe('1.2.345');
    const desc = ds.elements.x00081030!;
    expect(desc.length).toBe(4);
    expect(bytes[desc.dataOffset + 3]).toBe(0x20);
    const ob = ds.elements.x00191010!;
    expect(ob.length).toBe(4);
    expect(Array.from(bytes.slice(ob.dataOffset, ob.dataOffset + 4))).toEqual([1, 2, 3, 0]);
    for (const el of Object.values(ds.elements)) expect(el.length % 2, el.tag).toBe(0);
  });

  it('writes zero-length values for empty type 2 attributes', () => {
    const ds = parse(write([attr('ReferringPhysicianName', ''), attr('AccessionNumber', '')]));
    expect(ds.elements.x00080090!.length).toBe(0);
    expect(ds.elements.x00080050!.length).toBe(0);
  });

  it('sorts elements by tag whatever the input order', () => {
    const ds = parse(write([attr('PatientID', 'B'), attr('Modality', 'CT'), attr('PatientName', 'A'), attr('StudyDate', '20240101')]));
    const offsets = ['x00080016', 'x00080018', 'x00080020', 'x00080060', 'x00100010', 'x00100020'].map((t) => ds.elements[t]!.dataOffset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('round-trips 16-bit pixel data, signed and unsigned, little endian', () => {
    const signed = new Int16Array([-1024, 0, 3071, -32768, 32767, 1]);
    const unsigned = new Uint16Array([0, 1024, 4095, 65535]);
    const a = parse(write([attr('PixelData', signed)]));
    const pa = a.elements.x7fe00010!;
    expect(pa.length).toBe(12);
    expect(Array.from(new Int16Array(a.byteArray.slice(pa.dataOffset, pa.dataOffset + pa.length).buffer))).toEqual(Array.from(signed));
    const b = parse(write([attr('PixelData', unsigned)]));
    const pb = b.elements.x7fe00010!;
    const dv = new DataView(b.byteArray.buffer, b.byteArray.byteOffset + pb.dataOffset, pb.length);
    expect([0, 1, 2, 3].map((i) => dv.getUint16(i * 2, true))).toEqual(Array.from(unsigned));
  });

  it('writes sequences with nested items that dicom-parser reads back', () => {
    const item = (uid: string): Dataset => [attr('ReferencedSOPClassUID', '1.2.840.10008.5.1.4.1.1.2'), attr('ReferencedSOPInstanceUID', uid)];
    const region: Dataset = [attr('CodeValue', 'T-D2300'), attr('CodingSchemeDesignator', 'SRT'), attr('CodeMeaning', 'Pelvis')];
    const ds = parse(
      write([
        attr('ReferencedImageSequence', [item('1.2.3.1'), item('1.2.3.2')]),
        attr('AnatomicRegionSequence', [region]),
        attr('PatientName', 'AFTER^SEQUENCE'),
      ]),
    );
    const seq = ds.elements.x00081140!;
    expect(seq.items).toHaveLength(2);
    expect(seq.items![1]!.dataSet!.string('x00081155')).toBe('1.2.3.2');
    expect(ds.elements.x00082218!.items![0]!.dataSet!.string('x00080104')).toBe('Pelvis');
    expect(ds.string('x00100010')).toBe('AFTER^SEQUENCE');
  });

  it('rejects what a validator would reject, naming the tag', () => {
    expect(() => write([attr('PatientName', 'A'), attr('PatientName', 'B')])).toThrow(/duplicate element \(0010,0010\)/);
    expect(() => write([attr('StudyInstanceUID', '1.02.3')])).toThrow(/\(0020,000D\) UI.*not a valid UID/);
    expect(() => write([attr('StudyInstanceUID', `1.${'2'.repeat(70)}`)])).toThrow(/\(0020,000D\)/);
    expect(() => write([attr('Modality', 'ct')])).toThrow(/\(0008,0060\) CS/);
    expect(() => write([attr('BodyPartExamined', 'A_VERY_LONG_BODY_PART')])).toThrow(/longer than 16/);
    expect(() => write([attr('StudyDate', '2024-312')])).toThrow(/not a valid DA/);
    expect(() => write([attr('PatientAge', '62Y')])).toThrow(/not a valid AS/);
    expect(() => write([attr('SliceThickness', Number.NaN)])).toThrow(/DS cannot hold NaN/);
    expect(() => write([attr('InstanceNumber', 1.5)])).toThrow(/IS cannot hold 1.5/);
    expect(() => write([attr('Rows', 70000)])).toThrow(/\(0028,0010\) US: 70000 is out of range/);
    expect(() => write([attr('StudyDescription', 'a\\b')])).toThrow(/backslash/);
    expect(() => write([attr('StudyDescription', 'line\nbreak')])).toThrow(/control characters/);
    expect(() => write([attr('ImageComments', 'bell\u0007')])).toThrow(/control characters/);
    expect(() => write([attr('PatientName', 'Ž')])).toThrow(/outside ISO 8859-1/);
    expect(() => write([attr('TransferSyntaxUID', '1.2')])).toThrow(/group 0002/);
    expect(() => writePart10([attr('SOPClassUID', '1.2')], { implementationClassUID: IMPL })).toThrow(/SOPInstanceUID/);
  });
});
