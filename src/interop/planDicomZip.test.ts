import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportedObject } from './exportTypes';
import { planZip, zipFileName } from './planDicomZip';

const object: ExportedObject = { kind: 'sr', fileName: 'SR_2.25.9.dcm', sopClassUID: '1.2.840.10008.5.1.4.1.1.88.34', sopInstanceUID: '2.25.9', seriesInstanceUID: '2.25.8', bytes: new Uint8Array([1, 2, 3, 4]) };

/** The MS-DOS time and date of the zip's first local file header (offsets 10 and 12, little endian). */
const dosStamp = (zip: Uint8Array): { time: number; date: number } => {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  expect(v.getUint32(0, true)).toBe(0x04034b50);
  return { time: v.getUint16(10, true), date: v.getUint16(12, true) };
};

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('planZip', () => {
  it('stamps the entries with the UTC time of the save whatever the machine zone, so server and browser zips agree', () => {
    // 2026-03-14 09:30:15 UTC, by hand: time (9 << 11) | (30 << 5) | (15 >> 1) = 18432 + 960 + 7 = 19399;
    // date ((2026 − 1980) << 9) | (3 << 5) | 14 = 23552 + 96 + 14 = 23662.
    const zips = ['UTC', 'America/New_York', 'Asia/Kolkata'].map((tz) => {
      process.env.TZ = tz;
      return planZip([object], '2026-03-14T09:30:15.250Z');
    });
    for (const zip of zips) expect(dosStamp(zip)).toEqual({ time: 19399, date: 23662 });
    expect(Buffer.from(zips[1]!).equals(Buffer.from(zips[0]!))).toBe(true);
    expect(unzipSync(zips[2]!)['SR_2.25.9.dcm']).toEqual(object.bytes);
  });

  it('names the zip by identifiers only', () => {
    expect(zipFileName({ id: '3f1c2a9e-6b7d-4e21-9c8a-5d4e3f2a1b0c', version: 12 })).toBe('PercuPlan-plan-3f1c2a9e-v12-DICOM.zip');
  });
});
