import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { catalogueSchema, isAblationKind, type Device, type DeviceCatalogue } from './deviceSchema';
import { outerDiameterOfGauge } from './gaugeTable';

/** Largest difference tolerated between a device's outer diameter and its gauge's tabulated one. */
const GAUGE_TOLERANCE_MM = 0.02;

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`), '');

function zodMessages(error: z.ZodError): string[] {
  return error.issues.map((i) => `${pathOf(i.path) || '(catalogue)'}: ${i.message}`);
}

/** Checks a zone set's zones are nested (each inside the one before) and that one is lethal. */
function zoneSetProblems(device: Device, at: string): string[] {
  const out: string[] = [];
  device.zoneSets.forEach((set, s) => {
    const where = `${at}.zoneSets[${s}]`;
    const lethal = set.zones.filter((z) => z.lethal).length;
    if (lethal !== 1) out.push(`${where}: exactly one zone must be lethal (found ${lethal})`);
    const ids = new Set<string>();
    set.zones.forEach((zone, k) => {
      if (ids.has(zone.id)) out.push(`${where}.zones[${k}].id: "${zone.id}" is used twice in this set`);
      ids.add(zone.id);
      if (k === 0) return;
      const outer = set.zones[k - 1]!;
      // Extents along the shaft measured from the tip backward: [centre − L/2, centre + L/2].
      const inside =
        zone.diameterMm <= outer.diameterMm + 1e-9 &&
        zone.centreFromTipMm - zone.lengthMm / 2 >= outer.centreFromTipMm - outer.lengthMm / 2 - 1e-9 &&
        zone.centreFromTipMm + zone.lengthMm / 2 <= outer.centreFromTipMm + outer.lengthMm / 2 + 1e-9;
      if (!inside) out.push(`${where}.zones[${k}]: "${zone.id}" must lie inside "${outer.id}" (zones are listed from the outermost inward)`);
      if (zone.isothermC !== null && outer.isothermC !== null && zone.isothermC >= outer.isothermC) {
        out.push(`${where}.zones[${k}].isothermC: ${zone.isothermC} °C must be colder than the enclosing ${outer.isothermC} °C`);
      }
    });
  });
  return out;
}

/** Cross-field rules zod cannot express alone. */
function catalogueProblems(c: DeviceCatalogue): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  c.devices.forEach((d, i) => {
    const at = `devices[${i}]`;
    if (ids.has(d.id)) out.push(`${at}.id: "${d.id}" is used by another device`);
    ids.add(d.id);
    if (d.gauge !== null) {
      const table = outerDiameterOfGauge(d.gauge);
      if (table !== undefined && Math.abs(table - d.outerDiameterMm) > GAUGE_TOLERANCE_MM) {
        out.push(`${at}.outerDiameterMm: ${d.gauge} G is ${table} mm in the gauge table, not ${d.outerDiameterMm} mm`);
      }
    }
    if (!isAblationKind(d.kind)) {
      if (d.zoneSets.length > 0) out.push(`${at}.zoneSets: a ${d.kind} has no ablation zones`);
      if (d.synergy !== null) out.push(`${at}.synergy: a ${d.kind} has no multi-probe model`);
      return;
    }
    if (d.zoneSets.length === 0 && d.zonesNote === '') out.push(`${at}.zonesNote: an ablation device without zones must say why (e.g. "enter from the IFU")`);
    if (d.synergy !== null && d.kind !== 'cryoprobe') out.push(`${at}.synergy: the multi-probe model is calibrated for cryoprobes only`);
    const setIds = new Set<string>();
    d.zoneSets.forEach((s, k) => {
      if (setIds.has(s.id)) out.push(`${at}.zoneSets[${k}].id: "${s.id}" is used twice`);
      setIds.add(s.id);
    });
    out.push(...zoneSetProblems(d, at));
  });
  return out;
}

/**
 * Validates a device catalogue read from JSON. On failure every problem is listed with the
 * path of its field (`devices[2].outerDiameterMm: ...`), so a site editing the file sees all
 * of them at once.
 */
export function parseCatalogue(json: unknown): Result<DeviceCatalogue, string[]> {
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) return err(zodMessages(parsed.error));
  const problems = catalogueProblems(parsed.data);
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}
