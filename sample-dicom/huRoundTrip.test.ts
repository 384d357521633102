import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { writePart10 } from '../src/dicom/write';
import { ctImageAttributes, ctSeriesAttributes } from './dicom/ctImageHeader';
import { huToStored } from './dicom/huEncoding';
import { IMPLEMENTATION_CLASS_UID, studyUids } from './dicom/uids';
import { STUDIES } from './studies';

describe('CT pixel encoding', () => {
  it('round-trips HU through stored pixels and the rescale in the header', () => {
    const def = STUDIES['case2-cbct'];
    const hu = [-1024, -1000, -850, -105, 0, 6, 40, 230, 1300, 3000, 3071, 4000];
    const columns = 4;
    const rows = 3;
    const pixels = Uint16Array.from(hu, huToStored);
    const series = ctSeriesAttributes({ ...def, grid: { ...def.grid, columns, rows } }, studyUids(99));
    const bytes = writePart10([...series, ...ctImageAttributes(studyUids(99), 1, [0, 0, 0], pixels)], { implementationClassUID: IMPLEMENTATION_CLASS_UID });
    const ds = dicomParser.parseDicom(bytes);
    expect(ds.uint16('x00280103')).toBe(0);
    const slope = ds.floatString('x00281053')!;
    const intercept = ds.floatString('x00281052')!;
    const el = ds.elements.x7fe00010!;
    const dv = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
    const back = hu.map((_, i) => dv.getUint16(i * 2, true) * slope + intercept);
    expect(back).toEqual(hu);
    // The padding value of the cone-beam CT is the stored value of -1000 HU.
    expect(ds.uint16('x00280120')! * slope + intercept).toBe(-1000);
  });

  it('rounds to the nearest HU and clamps at the ends of 16 unsigned bits', () => {
    expect(huToStored(39.6) - 1024).toBe(40);
    expect(huToStored(-3000)).toBe(0);
    expect(huToStored(70000)).toBe(65535);
  });
});
