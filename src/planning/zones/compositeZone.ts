import type { LpsPoint, Vec3 } from '../../shared/vec3';
import type { Device, ZoneSet } from '../devices/deviceSchema';
import { placeZones, type PlacedZone } from './placeZones';
import { alphaTriangles, clusterPoints, linkedPairs } from './probeClusters';
import type { Spheroid } from './spheroid';
import { growthFor, synergyGrowthMm } from './synergyGrowth';
import { anyPieceBelow, flattenPieces, type FlatZone } from './flatZone';
import { cylinderPiece, prismPiece, quadricPiece, whitening, type ZonePiece } from './zonePieces';

/**
 * The composite ablation zone of a plan, and the multi-probe model it uses.
 *
 * ## The cluster hull model
 *
 * Cryoprobes freezing side by side make more lethal ice than the union of their single-probe
 * zones (Littrup et al. 2009, shared/docs/domain.md: 1.2, 3.3, 4.1 and 4.9 cm lethal diameter
 * for 1–4 probes at 2 cm). The model has two parts:
 *
 * 1. Growth. Probes of one device and zone set whose lethal-zone centres lie within the
 *    synergy distance (25 mm in the catalogue) are linked; a connected group of n probes is a
 *    cluster. Every zone (each isotherm) of every member grows by Δ(n) on its radial and axial
 *    semi-axes, so the visible ice edge stays 10 mm outside the lethal zone as domain.md says.
 * 2. Hull. Between the members, the cold adds up: the cluster's zone is the hull of its
 *    members' grown zones — the probe centres' alpha shape (see probeClusters.ts) dilated by
 *    the grown zone spheroid E, oriented along the members' mean axis. It is built from convex
 *    pieces: each member's own grown spheroid, E at each centre, E swept along each link
 *    (cylinder) and across each filled triangle (prism).
 *
 * Δ(n) is calibrated (synergyGrowth.ts) so that for the published layouts — a pair, an
 * equilateral triangle and a square, 20 mm apart, parallel probes at one depth — the lethal
 * cross-section through the zone centres has exactly the published area (equivalent
 * diameter). The figures were reported as diameters; reading them as equivalent-area
 * diameters is an assumption (with the pair's 3.3 cm, a length reading would leave the two
 * zones barely touching, against the source's point that multiple probes overcome the heat
 * load). Beyond four probes the four-probe growth is kept: there is no figure to go further.
 *
 * Heat devices (microwave, RF) and probes of different devices do not interact: their zones
 * are unions. The model is generic and calibrated on a phantom, not bone.
 */

/** One ablation device placed on a trajectory. */
export interface AblationProbe {
  /** The trajectory's id, to report clusters by. */
  readonly id: string;
  readonly device: Device;
  readonly zoneSet: ZoneSet;
  readonly entry: LpsPoint;
  readonly target: LpsPoint;
}

/** Which zone of each device the composite is made of. */
export type ZoneLevel = 'lethal' | 'outer';

/** A cluster of probes that freeze together. */
export interface ProbeCluster {
  readonly probeIds: string[];
  /** Growth of each zone's semi-axes, mm. */
  readonly growthMm: number;
}

/** The union of the zones of a plan's ablation devices at one level. */
export interface CompositeZone {
  readonly level: ZoneLevel;
  readonly pieces: ZonePiece[];
  /** The pieces packed for the hot loops. */
  readonly flat: FlatZone;
  /** LPS bounds of all pieces (min > max when empty). */
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly clusters: ProbeCluster[];
}

interface Placed {
  probe: AblationProbe;
  zones: PlacedZone[];
  lethal: PlacedZone;
  level: PlacedZone;
}

const grow = (s: Spheroid, by: number): Spheroid => ({ ...s, radialSemiMm: s.radialSemiMm + by, axialSemiMm: s.axialSemiMm + by });

/** The cluster's mean needle axis (signs aligned with the first member's). */
function meanAxis(members: readonly Placed[]): Vec3 {
  const first = members[0]!.level.shape.axis;
  let x = 0, y = 0, z = 0;
  for (const m of members) {
    const a = m.level.shape.axis;
    const sgn = a[0] * first[0] + a[1] * first[1] + a[2] * first[2] < 0 ? -1 : 1;
    x += sgn * a[0];
    y += sgn * a[1];
    z += sgn * a[2];
  }
  const n = Math.hypot(x, y, z);
  return [x / n, y / n, z / n];
}

/** The hull pieces between the members of one cluster. */
function hullPieces(members: readonly Placed[], growth: number, linkMm: number): ZonePiece[] {
  const axis = meanAxis(members);
  const a = members.reduce((s, m) => s + m.level.shape.radialSemiMm, 0) / members.length + growth;
  const b = members.reduce((s, m) => s + m.level.shape.axialSemiMm, 0) / members.length + growth;
  const frame = whitening(axis, a, b);
  const centres = members.map((m) => m.level.shape.centre);
  const lethalCentres = members.map((m) => m.lethal.shape.centre);
  const out: ZonePiece[] = [];
  members.forEach((m, k) => {
    const own = m.level.shape.axis;
    const parallel = Math.abs(own[0] * axis[0] + own[1] * axis[1] + own[2] * axis[2]) > 1 - 1e-9;
    if (!parallel) out.push(quadricPiece({ centre: centres[k]!, axis, radialSemiMm: a, axialSemiMm: b }));
  });
  // Edges: every link, and every edge of a filled triangle — except edges inside the filled
  // region (with filled triangles on both sides), whose cylinders lie within the prisms and
  // the spheroids at their ends. Bits 1 and 2 record the sides on which an edge has a triangle.
  const edgeSides = new Map<string, number>();
  const key = (i: number, j: number) => (i < j ? `${i}-${j}` : `${j}-${i}`);
  for (const [i, j] of linkedPairs(lethalCentres, linkMm)) edgeSides.set(key(i, j), 0);
  // Triangles are chosen on the centres seen along the mean axis.
  const helper: Vec3 = Math.abs(axis[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const e1x = helper[1] * axis[2] - helper[2] * axis[1], e1y = helper[2] * axis[0] - helper[0] * axis[2], e1z = helper[0] * axis[1] - helper[1] * axis[0];
  const l1 = Math.hypot(e1x, e1y, e1z);
  const e1: Vec3 = [e1x / l1, e1y / l1, e1z / l1];
  const e2: Vec3 = [axis[1] * e1[2] - axis[2] * e1[1], axis[2] * e1[0] - axis[0] * e1[2], axis[0] * e1[1] - axis[1] * e1[0]];
  const flat = lethalCentres.map((c) => [c[0] * e1[0] + c[1] * e1[1] + c[2] * e1[2], c[0] * e2[0] + c[1] * e2[1] + c[2] * e2[2]] as const);
  const triangles = alphaTriangles(flat, linkMm);
  /** True when the 2D point lies in a filled triangle. */
  const filled = (x: number, y: number) =>
    triangles.some(([a, b, c]) => {
      const [ax, ay] = flat[a]!, [bx, by] = flat[b]!, [cx, cy] = flat[c]!;
      const d1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      const d2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
      const d3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
      return (d1 >= -1e-9 && d2 >= -1e-9 && d3 >= -1e-9) || (d1 <= 1e-9 && d2 <= 1e-9 && d3 <= 1e-9);
    });
  for (const [i, j, k] of triangles) {
    const prism = prismPiece(frame, centres[i]!, centres[j]!, centres[k]!);
    if (prism) out.push(prism);
    for (const [a, b, c] of [[i, j, k], [j, k, i], [i, k, j]] as const) {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      const [ax, ay] = flat[lo]!, [bx, by] = flat[hi]!, [cx, cy] = flat[c]!;
      const side = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax) > 0 ? 1 : 2;
      edgeSides.set(key(a, b), (edgeSides.get(key(a, b)) ?? 0) | side);
    }
  }
  for (const [edge, sides] of edgeSides) {
    if (sides === 3) continue;
    const [i, j] = edge.split('-').map(Number) as [number, number];
    // A link running across the filled region (a diagonal of a filled ring) is covered too.
    if (sides === 0) {
      const [ax, ay] = flat[i]!, [bx, by] = flat[j]!;
      let inside = true;
      for (let s = 1; s < 8 && inside; s++) inside = filled(ax + ((bx - ax) * s) / 8, ay + ((by - ay) * s) / 8);
      if (inside) continue;
    }
    const piece = cylinderPiece(frame, centres[i]!, centres[j]!);
    if (piece) out.push(piece);
  }
  return out;
}

/**
 * Builds the composite zone at `level` ('lethal': each device's lethal zone; 'outer': its
 * outermost zone, e.g. the 0 °C visible ice) of the given ablation devices, with the cluster
 * hull model for cryoprobes that carry one.
 */
export function buildCompositeZone(probes: readonly AblationProbe[], level: ZoneLevel): CompositeZone {
  const placed: Placed[] = [];
  for (const probe of probes) {
    const zones = placeZones(probe.entry, probe.target, probe.zoneSet);
    const lethal = zones.find((z) => z.zone.lethal);
    if (!lethal) continue;
    placed.push({ probe, zones, lethal, level: level === 'lethal' ? lethal : zones[0]! });
  }
  const pieces: ZonePiece[] = [];
  const clusters: ProbeCluster[] = [];
  // Group by device and zone set: only identical probes with a multi-probe model interact.
  const groups = new Map<string, Placed[]>();
  for (const p of placed) {
    const key = p.probe.device.synergy ? `${p.probe.device.id}\u0000${p.probe.zoneSet.id}` : `\u0001${groups.size}`;
    const g = groups.get(key) ?? [];
    g.push(p);
    groups.set(key, g);
  }
  for (const group of groups.values()) {
    const synergy = group[0]!.probe.device.synergy;
    if (!synergy) {
      for (const p of group) {
        pieces.push(quadricPiece(p.level.shape));
        clusters.push({ probeIds: [p.probe.id], growthMm: 0 });
      }
      continue;
    }
    const growth = synergyGrowthMm(synergy.calibration);
    for (const idx of clusterPoints(group.map((p) => p.lethal.shape.centre), synergy.synergyDistanceMm)) {
      const members = idx.map((i) => group[i]!);
      const by = growthFor(growth, members.length);
      for (const m of members) pieces.push(quadricPiece(grow(m.level.shape, by)));
      if (members.length > 1) pieces.push(...hullPieces(members, by, synergy.synergyDistanceMm));
      clusters.push({ probeIds: members.map((m) => m.probe.id), growthMm: by });
    }
  }
  const min = Float64Array.of(Infinity, Infinity, Infinity), max = Float64Array.of(-Infinity, -Infinity, -Infinity);
  for (const p of pieces) {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k]!, p.min[k]!);
      max[k] = Math.max(max[k]!, p.max[k]!);
    }
  }
  return { level, pieces, flat: flattenPieces(pieces), min, max, clusters };
}

const point = new Float64Array(3);

/** True when the LPS point lies in the composite zone (on its surface counts as inside). */
export function compositeContains(zone: CompositeZone, x: number, y: number, z: number): boolean {
  point[0] = x;
  point[1] = y;
  point[2] = z;
  return compositeContainsAt(zone, point, 0);
}

/** `compositeContains` for the point `pts[at..at+2]` (no numbers passed, for hot loops). */
export function compositeContainsAt(zone: CompositeZone, pts: Float64Array, at: number): boolean {
  const x = pts[at]!, y = pts[at + 1]!, z = pts[at + 2]!;
  if (x < zone.min[0]! || y < zone.min[1]! || z < zone.min[2]! || x > zone.max[0]! || y > zone.max[1]! || z > zone.max[2]!) return false;
  return anyPieceBelow(zone.flat, pts, at, 1 + 1e-12);
}
