import { useEffect, useRef } from 'react';
import type { PlanBridge } from '../../imaging';
import type { CaseSummary } from '../../api/cases';
import type { PlanDocument } from '../../records';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { defaultDeviceId } from '../../planning/plan/defaults/defaultDevice';

/**
 * Sets the needle tool's device to the one the case's decision calls for (a bone access needle
 * for a vertebroplasty, a cryoprobe for a cryoablation), once per bridge and case, so a device
 * the planner picks afterwards is kept. The case is the open plan's, else the first linked one.
 */
export function useDefaultDevice(bridge: PlanBridge | undefined, cases: readonly CaseSummary[], current: PlanDocument | undefined): void {
  const applied = useRef<{ bridge: PlanBridge; caseId: string } | undefined>(undefined);
  const linked = cases.find((c) => c.id === current?.caseId) ?? cases[0];
  useEffect(() => {
    if (!bridge || !linked) return;
    if (applied.current?.bridge === bridge && applied.current.caseId === linked.id) return;
    applied.current = { bridge, caseId: linked.id };
    const deviceId = defaultDeviceId(linked.decision.procedures, defaultCatalogue());
    if (deviceId) bridge.setOptions({ deviceId });
  }, [bridge, linked]);
}
