import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StoredTrajectoryMetrics } from '../../planning/trajectory/trajectorySchema';
import { TrajectoryMetricsView } from './TrajectoryMetricsView';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

const cord = {
  structureId: 'cord', label: 'Spinal cord', distanceMm: 4.87, closestOnAxis: [0, 0, 0], closestOnStructure: [0, 0, 0],
  safetyDistanceMm: 5, lengthInsideMm: 0, warning: true,
} as const;

/** A cryoprobe 24.9° from the AP axis toward the patient's right, 12° toward the feet, near the cord. */
const metrics: StoredTrajectoryMetrics = {
  depthMm: 70, needleMarginMm: 105, craniocaudalAngleDeg: 12, craniocaudalDirection: 'caudal', axialAngleDeg: 24.94, axialDirection: 'right',
  inPlane: false, tableVerticalAngleDeg: null, tableVerticalDirection: null,
  structures: [
    { ...cord, closestOnAxis: [0, 0, 0], closestOnStructure: [0, 0, 0], zoneEdge: { zoneId: 'ice-0c', zoneLabel: '0 °C visible ice edge', distanceMm: -2.46, warning: true } },
    { structureId: 'skin', label: 'Skin', distanceMm: 30, closestOnAxis: [0, 0, 0], closestOnStructure: [0, 0, 0], safetyDistanceMm: 0, lengthInsideMm: 0, warning: false, zoneEdge: { zoneId: 'ice-0c', zoneLabel: '0 °C visible ice edge', distanceMm: 12.04, warning: false } },
  ],
  path: null, transpedicular: null,
  // As stored by an older server: its own wording with 2 decimals. The view words them once, anew.
  warnings: ['shaft within 4.87 mm of Spinal cord (safety distance 5 mm)'],
};

describe('the selected needle’s metrics as a radiologist reads them', () => {
  const shown = text(renderToStaticMarkup(createElement(TrajectoryMetricsView, { m: metrics })));

  it('says from which axis and toward which side, and toward head or feet', () => {
    expect(shown).toContain("Axial 24.9° from the AP axis, toward the patient's right");
    expect(shown).toContain('Craniocaudal 12.0° toward the feet');
  });

  it('names the unused shaft length, never a "needle margin"', () => {
    expect(shown).toContain('Unused shaft length 105.0 mm');
    expect(shown.toLowerCase()).not.toContain('margin');
  });

  it('shows each structure’s distance from the shaft and from the zone edge next to its safety distance', () => {
    expect(shown).toContain('Spinal cord 4.9 mm 2.5 mm inside ≥ 5.0 mm');
    expect(shown).toContain('Skin 30.0 mm 12.0 mm ≥ 0.0 mm');
    expect(shown).toContain('Zone edge: 0 °C visible ice edge');
  });

  it('lists each warning once, with one precision (1 decimal), not the stored older wording', () => {
    expect(count(shown, '⚠')).toBe(2);
    expect(count(shown, 'Shaft 4.9 mm from Spinal cord, within its 5.0 mm safety distance')).toBe(1);
    expect(count(shown, 'Spinal cord reaches 2.5 mm into the zone (0 °C visible ice edge)')).toBe(1);
    expect(shown).not.toContain('4.87');
  });

  it('a needle without zones has no zone-edge column', () => {
    const needle = { ...metrics, structures: [{ ...cord, closestOnAxis: [0, 0, 0] as [number, number, number], closestOnStructure: [0, 0, 0] as [number, number, number] }] };
    const html = renderToStaticMarkup(createElement(TrajectoryMetricsView, { m: needle }));
    expect(html).not.toContain('zone-edge-distance');
    expect(text(html)).toContain('Spinal cord 4.9 mm ≥ 5.0 mm');
  });
});
