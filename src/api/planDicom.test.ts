import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './apiProblem';
import { attachmentName, downloadPlanDicom, sendPlanToPacs } from './plans';

const ID = '0a1b2c3d-0000-4000-8000-000000000001';
afterEach(() => vi.unstubAllGlobals());

/** Answers every fetch with `res`, recording what was asked. */
function answer(res: () => Response): { url?: string; init?: RequestInit } {
  const seen: { url?: string; init?: RequestInit } = {};
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return Promise.resolve(res());
  });
  return seen;
}

describe('downloadPlanDicom', () => {
  it("gives the zip as a Blob under the server's file name", async () => {
    const seen = answer(() => new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="PercuPlan-plan-0a1b2c3d-v3-DICOM.zip"' } }));
    const got = await downloadPlanDicom(ID, 3);
    expect(seen.url).toBe(`/api/plans/${ID}/dicom?version=3`);
    expect(got.fileName).toBe('PercuPlan-plan-0a1b2c3d-v3-DICOM.zip');
    expect(got.blob.size).toBe(4);
  });

  it("turns a refusal into an ApiError carrying the server's reason", async () => {
    answer(() => new Response(JSON.stringify({ error: 'The server does not hold series 1.2', code: 'series-not-held' }), { status: 409, headers: { 'content-type': 'application/json' } }));
    const e = await downloadPlanDicom(ID).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(409);
    expect((e as ApiError).problem?.code).toBe('series-not-held');
    expect((e as ApiError).message).toBe('GET /api/plans/:id/dicom: The server does not hold series 1.2');
  });
});

describe('sendPlanToPacs', () => {
  it('POSTs and parses a 207 answer with what was stored and what failed', async () => {
    const body = {
      pacs: 'Test PACS',
      planId: ID,
      version: 2,
      stored: [{ sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUID: '2.25.1' }],
      failed: [{ sopClassUID: '1.2.840.10008.5.1.4.1.1.88.34', sopInstanceUID: '2.25.2', reason: '0xC000 (error: cannot understand)' }],
    };
    const seen = answer(() => new Response(JSON.stringify(body), { status: 207, headers: { 'content-type': 'application/json' } }));
    expect(await sendPlanToPacs(ID)).toEqual(body);
    expect(seen.url).toBe(`/api/plans/${ID}/dicom/store`);
    expect(seen.init?.method).toBe('POST');
  });

  it('refuses an answer that does not say what was stored', async () => {
    answer(() => new Response(JSON.stringify({ pacs: 'x', stored: 2 }), { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(sendPlanToPacs(ID)).rejects.toThrow(/POST \/api\/plans\/:id\/dicom\/store: the answer is not what the endpoint promises/);
  });
});

describe('attachmentName', () => {
  it('reads quoted and bare file names', () => {
    expect(attachmentName('attachment; filename="a b.zip"')).toBe('a b.zip');
    expect(attachmentName('attachment; filename=a.zip; size=3')).toBe('a.zip');
    expect(attachmentName(null)).toBeUndefined();
  });
});
