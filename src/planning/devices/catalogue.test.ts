import { describe, expect, it } from 'vitest';
import catalogueJson from './catalogue.json';
import { defaultCatalogue } from './defaultCatalogue';
import { deviceById, zoneSetOf } from './deviceById';
import { isAblationKind } from './deviceSchema';
import { GAUGE_OUTER_DIAMETER_MM } from './gaugeTable';
import { parseCatalogue } from './parseCatalogue';

const clone = (): { devices: Record<string, unknown>[] } & Record<string, unknown> => JSON.parse(JSON.stringify(catalogueJson));

describe('the shipped catalogue', () => {
  const cat = defaultCatalogue();

  it('validates and covers every kind the issue names', () => {
    const kinds = new Set(cat.devices.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['bone-access-needle', 'cryoprobe', 'microwave-antenna', 'rf-electrode', 'spinal-needle']);
  });

  it('uses the gauge table of domain.md for every gauged device', () => {
    for (const d of cat.devices) if (d.gauge !== null) expect(d.outerDiameterMm).toBe(GAUGE_OUTER_DIAMETER_MM[d.gauge]);
  });

  it('ships 11 G × 100 mm, 13 G and 15 G bone access needles', () => {
    expect(deviceById(cat, 'bone-access-11g-100')).toMatchObject({ gauge: 11, outerDiameterMm: 3.05, workingLengthMm: 100 });
    expect(cat.devices.some((d) => d.kind === 'bone-access-needle' && d.gauge === 13)).toBe(true);
    expect(cat.devices.some((d) => d.kind === 'bone-access-needle' && d.gauge === 15)).toBe(true);
  });

  it('labels every zone generic, with source, conditions and tissue', () => {
    for (const d of cat.devices) {
      expect(d.generic).toBe(true);
      for (const s of d.zoneSets) for (const z of s.zones) {
        expect(z.generic).toBe(true);
        expect(z.source.length).toBeGreaterThan(10);
        expect(z.conditions.length).toBeGreaterThan(3);
        expect(z.tissue.length).toBeGreaterThan(3);
        expect(z.derivation.length).toBeGreaterThan(10);
      }
    }
  });

  it('derives the cryo zones from the published 1.2 cm lethal ice and the 1 cm rule', () => {
    const set = zoneSetOf(deviceById(cat, 'generic-cryoprobe-13g')!)!;
    const byIso = Object.fromEntries(set.zones.map((z) => [z.isothermC, z.diameterMm]));
    expect(byIso).toEqual({ 0: 32, '-20': 18.67, '-30': 12, '-40': 5.33 });
    expect(set.zones.filter((z) => z.lethal).map((z) => z.isothermC)).toEqual([-30]);
  });

  it('carries the published MWA example 44.8 × 31.2 mm at 80 W, 5 min', () => {
    const zone = zoneSetOf(deviceById(cat, 'generic-mwa-antenna-13g')!)!.zones[0]!;
    expect([zone.lengthMm, zone.diameterMm, zone.conditions]).toEqual([44.8, 31.2, '80 W for 5 min']);
  });

  it('leaves RF bone probe zones to the site, with a note', () => {
    const d = deviceById(cat, 'generic-rf-bipolar-bone-probe')!;
    expect(d.zoneSets).toEqual([]);
    expect(d.zonesNote).toMatch(/instructions for use/);
  });

  it('gives zones only to ablation devices', () => {
    for (const d of cat.devices) if (!isAblationKind(d.kind)) expect(d.zoneSets).toEqual([]);
  });
});

describe('parseCatalogue', () => {
  it('names the field of a diameter that contradicts the gauge', () => {
    const c = clone();
    c.devices[4]!.outerDiameterMm = 3.2;
    const r = parseCatalogue(c);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual(['devices[4].outerDiameterMm: 11 G is 3.05 mm in the gauge table, not 3.2 mm']);
  });

  it('lists every problem at once: duplicate id, zones on a needle, a zone outside its parent, no lethal zone', () => {
    const c = clone();
    c.devices[5]!.id = c.devices[4]!.id;
    c.devices[4]!.zoneSets = (c.devices[1] as { zoneSets: unknown[] }).zoneSets;
    const cryoZones = (c.devices[0] as { zoneSets: { zones: Record<string, unknown>[] }[] }).zoneSets[0]!.zones;
    cryoZones[1]!.diameterMm = 40;
    cryoZones[2]!.lethal = false;
    const r = parseCatalogue(c);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('devices[5].id: "bone-access-11g-100" is used by another device');
    expect(r.error).toContain('devices[4].zoneSets: a bone-access-needle has no ablation zones');
    expect(r.error).toContain('devices[0].zoneSets[0].zones[1]: "ice-minus20c" must lie inside "ice-0c" (zones are listed from the outermost inward)');
    expect(r.error).toContain('devices[0].zoneSets[0]: exactly one zone must be lethal (found 0)');
  });

  it('reports schema errors with their paths', () => {
    const c = clone();
    c.devices[0]!.workingLengthMm = -1;
    const r = parseCatalogue(c);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatch(/^devices\[0\]\.workingLengthMm: /);
  });
});
