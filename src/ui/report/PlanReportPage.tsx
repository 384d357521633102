import { useCallback, useEffect, useState } from 'react';
import { usePreferences } from '../preferences';
import { TopBar } from '../TopBar';
import { isFailure, loadPlanReport, type PlanReportData, type PlanReportFailure } from './loadPlanReport';
import { ReportCaseSection } from './ReportCaseSection';
import { ReportLesionsSection } from './ReportLesionsSection';
import { ReportNeedlesSection } from './ReportNeedlesSection';
import { ReportKeyImages } from './ReportKeyImages';
import { ReportZonesSection } from './ReportZonesSection';
import { ReportSignOff } from './ReportSignOff';
import { NOT_A_MEDICAL_DEVICE } from './reportFormat';
import './planReport.css';

/**
 * `/plans/<id>/report` (optionally `?version=n`): the print-ready report of a saved plan for
 * the procedure room, built from the stored plan (its metrics are the server's) and its case.
 * The screen bar with the Print button is left out of print; @page rules in planReport.css give
 * margins that fit A4 and Letter and a "Page x / y" footer. The root carries `data-ready` once the
 * plan is shown and its key images have decoded (or could not be), so a print never catches a blank.
 */
export function PlanReportPage({ planId, version }: { planId: string; version: number | undefined }) {
  const [data, setData] = useState<PlanReportData | PlanReportFailure | undefined>();
  const { hideIdentifiers } = usePreferences();
  // The key images load after the plan: the page is ready to print once they have decoded.
  const [imagesSettled, setImagesSettled] = useState(false);
  const imagesDone = useCallback(() => setImagesSettled(true), []);
  useEffect(() => {
    let live = true;
    setImagesSettled(false);
    void loadPlanReport(planId, version).then((r) => live && setData(r));
    return () => {
      live = false;
    };
  }, [planId, version]);
  useEffect(() => {
    if (data && !isFailure(data)) document.title = `Plan report — ${data.plan.title || data.plan.id} v${data.plan.version}`;
  }, [data]);

  return (
    <div className="page plan-report-screen">
      <div className="no-print">
        <TopBar title="Plan report">
          <button className="primary" data-testid="report-print" disabled={!data || isFailure(data)} onClick={() => window.print()}>
            Print
          </button>
        </TopBar>
      </div>
      <div className="plan-report" data-testid="plan-report" data-ready={data && (isFailure(data) || imagesSettled) ? 'true' : undefined}>
        {!data && <p className="muted">Loading the plan…</p>}
        {data && isFailure(data) && (
          <div data-testid={data.notFound ? 'report-not-found' : 'report-error'}>
            <h1>Plan report</h1>
            <p className="report-problem">{data.message}</p>
          </div>
        )}
        {data && !isFailure(data) && <Report data={data} hideIdentifiers={hideIdentifiers} onImagesSettled={imagesDone} />}
        <p className="report-statement" data-testid="report-statement">{NOT_A_MEDICAL_DEVICE}</p>
      </div>
    </div>
  );
}

function Report({ data, hideIdentifiers, onImagesSettled }: { data: PlanReportData; hideIdentifiers: boolean; onImagesSettled: () => void }) {
  const { plan } = data;
  return (
    <article data-testid="report-ready">
      <header className="report-header">
        <div className="small muted">PercuPlan · plan report for the procedure room</div>
        <h1 data-testid="report-title">{plan.title || 'Untitled plan'}</h1>
        <div className="small">
          Plan version {plan.version} · {plan.status} · series {plan.seriesInstanceUID}
        </div>
      </header>
      <ReportCaseSection caseDoc={data.caseDoc} hideIdentifiers={hideIdentifiers} />
      <ReportLesionsSection lesions={data.lesions} trajectories={data.trajectories} />
      <ReportNeedlesSection trajectories={data.trajectories.trajectories} structures={data.lesions.structuresAtRisk} slices={data.slices} />
      <ReportKeyImages planId={plan.id} version={plan.version} lesions={data.lesions} onSettled={onImagesSettled} />
      <ReportZonesSection trajectories={data.trajectories} />
      <ReportSignOff plan={plan} softwareVersion={data.softwareVersion} hash={data.hash} />
    </article>
  );
}
