/**
 * The DICOM UIDs of a plan's exported objects, derived from the plan's id and version (2.25
 * form: the decimal of 128 bits of SHA-256, PS3.5 B.2): exporting one plan version twice gives
 * the same UIDs and so the same bytes (a PACS that keeps the first copy loses nothing), each
 * new version gets new instance UIDs, a version's SR can name its predecessor's without a
 * lookup, and a trajectory's or lesion's Tracking Unique Identifier stays the same across
 * versions. Async because it uses Web Crypto, which the browser and Node both have; tracking UIDs are
 * prepared for the item ids given, so building the SR can ask for them synchronously.
 */
export interface PlanDicomUids {
  /** The SEG and SR series of the plan: one each per plan, across its versions. */
  readonly segSeries: string;
  readonly srSeries: string;
  /** This version's instances. */
  readonly segInstance: string;
  readonly srInstance: string;
  /** The SR instance of the previous version (version - 1), or null for version 1. */
  readonly predecessorSrInstance: string | null;
  /** Tracking Unique Identifier of a trajectory, lesion or structure by its id in the plan. */
  trackingUid(itemId: string): string;
}

async function sha256(text: string): Promise<Uint8Array> {
  const data = new TextEncoder().encode(text);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
}

/** 2.25.<decimal of the first 128 bits of SHA-256(seed)> (at most 44 characters). */
export async function uidFromSeed(seed: string): Promise<string> {
  const h = await sha256(`percuplan-uid/v1:${seed}`);
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(h[i]!);
  return `2.25.${n.toString(10)}`;
}

/** The UIDs of version `version` of plan `planId`, with tracking UIDs for the item ids given. */
export async function planDicomUids(planId: string, version: number, itemIds: readonly string[]): Promise<PlanDicomUids> {
  const [segSeries, srSeries, segInstance, srInstance, predecessor] = await Promise.all([
    uidFromSeed(`plan:${planId}:seg-series`),
    uidFromSeed(`plan:${planId}:sr-series`),
    uidFromSeed(`plan:${planId}:v${version}:seg`),
    uidFromSeed(`plan:${planId}:v${version}:sr`),
    version > 1 ? uidFromSeed(`plan:${planId}:v${version - 1}:sr`) : Promise.resolve(null),
  ]);
  const tracking = new Map<string, string>();
  for (const id of itemIds) tracking.set(id, await uidFromSeed(`plan:${planId}:item:${id}`));
  return {
    segSeries,
    srSeries,
    segInstance,
    srInstance,
    predecessorSrInstance: predecessor,
    trackingUid(itemId: string): string {
      const hit = tracking.get(itemId);
      if (!hit) throw new Error(`planDicomUids: no tracking UID was prepared for item ${itemId}`);
      return hit;
    },
  };
}
