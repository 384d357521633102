import { z } from 'zod';

/** A vertebral level as radiologists write it: C1–C7, T1–T12, L1–L5, S1–S5 (and "occiput"). */
export const spinalLevelSchema = z
  .string()
  .regex(/^(occiput|C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$/, 'A vertebral level such as C5, T10, L4 or S1');

/** A vertebral level. */
export type SpinalLevel = z.infer<typeof spinalLevelSchema>;

const ORDER = ['occiput', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']
  .concat(Array.from({ length: 12 }, (_, i) => `T${i + 1}`))
  .concat(Array.from({ length: 5 }, (_, i) => `L${i + 1}`))
  .concat(Array.from({ length: 5 }, (_, i) => `S${i + 1}`));

const between = (level: string, from: string, to: string): boolean => {
  const i = ORDER.indexOf(level);
  return i >= ORDER.indexOf(from) && i <= ORDER.indexOf(to);
};

/**
 * The SINS location class of a level: junctional (occiput–C2, C7–T2, T11–L1, L5–S1), mobile
 * (C3–C6, L2–L4), semi-rigid (T3–T10), rigid (S2–S5). Undefined for a text that is not a level,
 * so the form can suggest the component without guessing.
 */
export function sinsLocationOfLevel(level: string): 'junctional' | 'mobile' | 'semi-rigid' | 'rigid' | undefined {
  if (!ORDER.includes(level)) return undefined;
  if (between(level, 'occiput', 'C2') || between(level, 'C7', 'T2') || between(level, 'T11', 'L1') || between(level, 'L5', 'S1')) {
    return 'junctional';
  }
  if (between(level, 'C3', 'C6') || between(level, 'L2', 'L4')) return 'mobile';
  if (between(level, 'T3', 'T10')) return 'semi-rigid';
  return 'rigid';
}
