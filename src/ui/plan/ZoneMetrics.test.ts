import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PlanWorkspace } from './usePlanWorkspace';
import { ZoneMetrics } from './ZoneMetrics';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Just what ZoneMetrics reads of the workspace. */
const workspace = (minMarginMm: number, marginCapped: boolean) => ({
  plan: { draft: { lesions: [{ record: { id: 'L1', label: 'T10 body' } }] } },
  bridgeState: {
    metrics: {
      zones: {
        model: 'cluster-hull', clusters: [],
        lesions: [{ lesionId: 'L1', lesionVolumeMl: 10, coveredVolumeMl: 9.5, coveragePercent: 95, minMarginMm, marginCapped }],
        structures: [],
      },
    },
  },
}) as unknown as PlanWorkspace;

describe('the zone metrics', () => {
  it('call the lesion margin an ablation margin, through the one distance format', () => {
    expect(text(renderToStaticMarkup(createElement(ZoneMetrics, { ws: workspace(-2.46, false) })))).toContain('T10 body: 95 % covered by the lethal zone, ablation margin -2.5 mm');
    expect(text(renderToStaticMarkup(createElement(ZoneMetrics, { ws: workspace(20, true) })))).toContain('ablation margin ≥ 20.0 mm');
  });
});
