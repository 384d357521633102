import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDicom, sharedSkipReason } from '../../tests/support/paths';
import { addBasicOffsetTable } from './addBasicOffsetTable';

const file = path.join(sharedDicom, 'robustness/transfer-syntaxes/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm');
const skip = sharedSkipReason('the Basic Offset Table tests on ../shared/dicom');

describe.skipIf(skip !== undefined)('adding a Basic Offset Table to a fragmented multi-frame JPEG file', () => {
  // Read in beforeAll, not in the describe body: Vitest runs a skipped describe's body while collecting.
  let fixed: Uint8Array;
  beforeAll(() => {
    fixed = addBasicOffsetTable(new Uint8Array(readFileSync(file)));
  });

  it('gives each of the 2 frames an offset at a JPEG start-of-image marker', () => {
    const ds = dicomParser.parseDicom(fixed);
    const el = ds.elements['x7fe00010']!;
    expect(el.basicOffsetTable).toHaveLength(2);
    for (let f = 0; f < 2; f++) {
      const frame = dicomParser.readEncapsulatedImageFrame(ds, el, f);
      expect([frame[0], frame[1]], `frame ${f + 1}`).toEqual([0xff, 0xd8]);
    }
  });

  it('changes nothing else: dcmtk decompresses both files to the same pixels', () => {
    if (!existsSync('/usr/bin/dcmdjpeg')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'bot-'));
    writeFileSync(path.join(dir, 'fixed.dcm'), fixed);
    execFileSync('/usr/bin/dcmdjpeg', [file, path.join(dir, 'a.dcm')]);
    execFileSync('/usr/bin/dcmdjpeg', [path.join(dir, 'fixed.dcm'), path.join(dir, 'b.dcm')]);
    const px = (f: string) => {
      const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(path.join(dir, f))));
      const e = ds.elements['x7fe00010']!;
      return Buffer.from(ds.byteArray.subarray(e.dataOffset, e.dataOffset + e.length));
    };
    expect(px('b.dcm').equals(px('a.dcm'))).toBe(true);
  });

  it('leaves a single-frame file alone', () => {
    const single = new Uint8Array(readFileSync(path.join(path.dirname(file), 'CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm')));
    expect(addBasicOffsetTable(single)).toBe(single);
  });
});
