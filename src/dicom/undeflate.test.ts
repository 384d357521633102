import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { sharedDicom, sharedSkipReason } from '../../tests/support/paths';
import { undeflatePart10 } from './undeflate';

const dir = path.join(sharedDicom, 'robustness/transfer-syntaxes');
const skip = sharedSkipReason('the undeflate tests on ../shared/dicom');
const deflated = path.join(dir, 'CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm');
const explicit = path.join(dir, 'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm');

describe.skipIf(skip !== undefined)('undeflating a Deflated Explicit VR Little Endian file', () => {
  it('gives an Explicit VR LE file with the same pixels as the explicit encoding of the same image', () => {
    const out = undeflatePart10(new Uint8Array(readFileSync(deflated)), (d) => new Uint8Array(inflateRawSync(d)));
    const ds = dicomParser.parseDicom(out);
    expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
    const ref = dicomParser.parseDicom(new Uint8Array(readFileSync(explicit)));
    const px = (d: dicomParser.DataSet) => {
      const e = d.elements['x7fe00010']!;
      return Buffer.from(d.byteArray.subarray(e.dataOffset, e.dataOffset + e.length));
    };
    expect(px(ds).equals(px(ref))).toBe(true);
  });
  it('writes a file dcmtk reads as Explicit VR Little Endian', () => {
    if (!existsSync('/usr/bin/dcmdump')) return;
    const out = undeflatePart10(new Uint8Array(readFileSync(deflated)), (d) => new Uint8Array(inflateRawSync(d)));
    const tmp = path.join(tmpdir(), 'undeflated.dcm');
    writeFileSync(tmp, out);
    const dump = execFileSync('/usr/bin/dcmdump', [tmp], { encoding: 'utf8' });
    expect(dump).toMatch(/\(0002,0010\) UI =LittleEndianExplicit /);
    expect(dump).toMatch(/\(7fe0,0010\) OW/);
  });
  it('leaves other files unchanged', () => {
    const bytes = new Uint8Array(readFileSync(explicit));
    expect(undeflatePart10(bytes, () => new Uint8Array())).toBe(bytes);
  });
});
