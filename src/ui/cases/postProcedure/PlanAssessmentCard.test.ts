import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { groupByPlan, NO_PLAN_LABELS } from '../../../records/postProcedureView';
import { assessment, LABELS_A, needle, PLAN_A } from '../../../records/postProcedureView.fixture';
import { PlanAssessmentCard } from './PlanAssessmentCard';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const count = (html: string, s: string): number => html.split(s).length - 1;

describe('the case page\'s post-procedure card', () => {
  const [group] = groupByPlan([
    assessment({ version: 1, acceptedAt: '2031-05-04T09:30:00Z' }),
    assessment({ version: 2, acceptedAt: '2031-05-05T14:05:00Z', manuallyAdjusted: true }),
  ]);
  const html = renderToStaticMarkup(createElement(PlanAssessmentCard, { group: group!, plan: { labels: LABELS_A, studyInstanceUID: '1.2.3', problem: null }, follow: () => undefined }));
  const t = text(html);

  it('shows the latest version of the plan\'s two, who accepted it and when, manually adjusted, the older one folded', () => {
    expect(html).toContain('data-testid="post-procedure-assessment" data-version="2"');
    expect(t).toContain('Plan: Acetabulum and ramus cementoplasty · version 2 of 2');
    expect(t).toContain('accepted by dr.ir at 2031-05-05 14:05');
    expect(t).toContain('manually adjusted');
    expect(t).toContain('Older versions (1)');
    expect(t).toContain('version 1 of 2');
    expect(html).toContain('href="/studies/1.2.3"');
  });
  it('prints the registration, the needles coloured against 2.7 mm, the cement and fill bars, the leaks in words', () => {
    expect(t).toContain('x 0.0°, y 0.0°, z +10.0° (10.0° in all)');
    expect(t).toContain('x +5.0, y -3.0, z +2.0 mm (6.2 mm in all)');
    expect(t).toContain('Bone access needle, right superior acetabulum 1.2 mm 2.0 mm 0.8° 61.5 of 62.0 mm');
    // The second needle: entry outside the field of view ("—", no unit), tip 3.0 mm beyond 2.7 mm.
    expect(t).toContain('Bone access needle, right superior pubic ramus — 3.0 mm 1.5° 48.2 of 50.0 mm');
    expect(html).toMatch(/class="nowrap ppa-beyond"[^>]*data-testid="pp-tip-error">3.0 mm/);
    expect(html).toMatch(/class="nowrap ppa-within"[^>]*data-testid="pp-tip-error">2.0 mm/);
    expect(t).toContain('Cement 12.3 mL threshold 1650 HU');
    // Two versions, each with two lesions: four bars; the latest's first is 72.4 % of a 150 px track = 108.6 px.
    expect(count(html, 'data-testid="pp-fill-row"')).toBe(4);
    expect(html).toContain('width="108.6"');
    expect(t).toContain('Right superior acetabulum 72 % (10.3 of 14.2 mL)');
    expect(t).toContain('venous 0.25 mL 14.2 mm from Bladder');
    expect(t).toContain('soft tissue 0.3 mL ⚠ 3.1 mm from Femoral vein');
    expect(html).toContain('class="ppa-flagged"');
  });
  it('without its plan: lesions and needles by order, the problem said, no plan link; a missing needle and no leak', () => {
    const [g] = groupByPlan([assessment({ needles: [needle({ found: 'missing' })], leaks: [] })]);
    const h = renderToStaticMarkup(createElement(PlanAssessmentCard, { group: g!, plan: { labels: NO_PLAN_LABELS, studyInstanceUID: null, problem: 'The plan aaaaaaaa could not be read (HTTP 404).' }, follow: () => undefined }));
    const s = text(h);
    expect(s).toContain(`Plan: plan ${PLAN_A.slice(0, 8)} · version 1 of 1`);
    expect(s).toContain('The plan aaaaaaaa could not be read (HTTP 404).');
    expect(s).toContain('needle 1 — not found — — — — of 62.0 mm');
    expect(s).toContain('lesion 1 72 %');
    expect(s).toContain('No leak: all cement within the bone.');
    expect(h).not.toContain('pp-open-plan');
    expect(h).not.toContain('Older versions');
  });
});
