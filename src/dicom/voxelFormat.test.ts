import { expect, it } from 'vitest';
import { readInstanceHeader } from './readInstanceHeader';
import { studyListings } from './studyListingFromGroups';
import { ctSlice } from './testHeaders';
import { attr, element, writePart10 } from './write';

// Issue 17: the viewer weighs a volume at the voxel type the loader will build, which depends
// on Bits Allocated, Samples per Pixel and whether the rescale is an integer.
it('reads Bits Allocated, Samples per Pixel and the rescale from a Part 10 header', () => {
  const bytes = writePart10([
    attr('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2'),
    attr('SOPInstanceUID', '1.2.3.4.1'),
    attr('Modality', 'CT'),
    attr('StudyInstanceUID', '1.2.3.4'),
    attr('SeriesInstanceUID', '1.2.3.4.2'),
    attr('SamplesPerPixel', 1),
    attr('Rows', 2),
    attr('Columns', 2),
    attr('BitsAllocated', 16),
    attr('BitsStored', 12),
    attr('HighBit', 11),
    attr('PixelRepresentation', 0),
    attr('RescaleIntercept', -1024),
    attr('RescaleSlope', 1),
    element(0x7fe00010, 'OW', new Uint16Array(4)),
  ], { implementationClassUID: '1.2.3.4.9' });
  const h = readInstanceHeader(bytes, true);
  expect([h.bitsAllocated, h.samplesPerPixel, h.rescaleSlope, h.rescaleIntercept]).toEqual([16, 1, 1, -1024]);
});

it('lists a series as non-integer rescale when one slice has a fractional slope or intercept', () => {
  const integer = studyListings([ctSlice(1, 0, { bitsAllocated: 16, samplesPerPixel: 1, rescaleSlope: 1, rescaleIntercept: -1024 }), ctSlice(2, 1, { bitsAllocated: 16, rescaleSlope: 1, rescaleIntercept: -1024 })], 'local');
  expect(integer[0]?.series[0]).toMatchObject({ bitsAllocated: 16, samplesPerPixel: 1, nonIntegerRescale: false });
  const fractional = studyListings([ctSlice(1, 0, { bitsAllocated: 16, rescaleSlope: 1, rescaleIntercept: -1024 }), ctSlice(2, 1, { bitsAllocated: 16, rescaleSlope: 0.5, rescaleIntercept: -1024 })], 'local');
  expect(fractional[0]?.series[0]?.nonIntegerRescale).toBe(true);
});
