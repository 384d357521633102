import { ToolGroupManager, Enums as ToolEnums, CrosshairsTool, WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, ProbeTool, TrackballRotateTool } from '@cornerstonejs/tools';
import type { Types } from '@cornerstonejs/tools';
import { angleLabel, lengthLabel } from '../measurements';
import type { ViewerTool, ViewportSlot } from '../types';

const TOOL_NAMES: Record<ViewerTool, string> = {
  windowLevel: WindowLevelTool.toolName,
  crosshairs: CrosshairsTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  probe: ProbeTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
};

const { Primary, Secondary, Auxiliary, Wheel } = ToolEnums.MouseBindings;

/** Which tool group a viewport joins. */
export type ToolGroupKind = '2d' | '3d' | 'needle';

/**
 * The session's three Cornerstone tool groups: the orthogonal and stack views (viewer tools,
 * measurements, crosshairs), the 3D view (rotate), and the needle views (no crosshairs: their
 * planes follow the needle, not each other). The right button always zooms, the middle pans,
 * the wheel scrolls.
 */
export class SessionToolGroups {
  private readonly g2d: Types.IToolGroup;
  private readonly g3d: Types.IToolGroup;
  private readonly gNeedle: Types.IToolGroup;

  constructor(private readonly id: number) {
    const g = ToolGroupManager.createToolGroup(`percuplan-2d-${id}`);
    const g3 = ToolGroupManager.createToolGroup(`percuplan-3d-${id}`);
    const gn = ToolGroupManager.createToolGroup(`percuplan-needle-${id}`);
    if (!g || !g3 || !gn) throw new Error('Could not create tool groups');
    this.g2d = g;
    this.g3d = g3;
    this.gNeedle = gn;
    for (const name of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, ProbeTool].map((t) => t.toolName)) g.addTool(name);
    // The on-image labels show the same numbers as the measurement panel: computed from the
    // world points in patient millimetres (Cornerstone's own index-space calibration read
    // 14.4 mm for a 23.6 mm distance on the sample spine CT).
    g.addTool(LengthTool.toolName, { getTextLines: (data: { handles?: { points?: unknown[] } }) => lengthLabel(data.handles?.points) });
    g.addTool(AngleTool.toolName, { getTextLines: (data: { handles?: { points?: unknown[] } }) => angleLabel(data.handles?.points) });
    g.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: Primary }] });
    g.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: Auxiliary }] });
    g.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: Secondary }] });
    g.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: Wheel }] });
    for (const name of [LengthTool, AngleTool, ProbeTool].map((t) => t.toolName)) g.setToolPassive(name);
    g3.addTool(TrackballRotateTool.toolName);
    g3.addTool(ZoomTool.toolName);
    g3.addTool(PanTool.toolName);
    g3.setToolActive(TrackballRotateTool.toolName, { bindings: [{ mouseButton: Primary }] });
    g3.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: Secondary }] });
    g3.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: Auxiliary }] });
    for (const name of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool].map((t) => t.toolName)) gn.addTool(name);
    gn.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: Primary }] });
    gn.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: Auxiliary }] });
    gn.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: Secondary }] });
    gn.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: Wheel }] });
  }

  /** Puts a new viewport under its group's tools. */
  addViewport(kind: ToolGroupKind, slot: ViewportSlot, engineId: string): void {
    (kind === '2d' ? this.g2d : kind === '3d' ? this.g3d : this.gNeedle).addViewport(slot, engineId);
  }

  /** Whether the crosshairs exist yet (they need two orthogonal views; see `enableCrosshairs`). */
  get hasCrosshairs(): boolean {
    return this.g2d.hasTool(CrosshairsTool.toolName);
  }

  /**
   * Moves the left button from `prev` to `tool`; returns false when `tool` cannot be used
   * yet (crosshairs before two orthogonal views exist). Pan and zoom keep their own buttons.
   */
  setTool(tool: ViewerTool, prev: ViewerTool): boolean {
    const g = this.g2d;
    if (tool === 'crosshairs' && !this.hasCrosshairs) return false;
    if (prev === 'pan') g.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: Auxiliary }] });
    else if (prev === 'zoom') g.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: Secondary }] });
    // Crosshairs not chosen are only drawn (enabled): passive, their reference lines could still
    // be grabbed, and a window drag that started near one moved the crosshair instead.
    else if (prev === 'crosshairs') g.setToolEnabled(CrosshairsTool.toolName);
    else g.setToolPassive(TOOL_NAMES[prev]);
    const bindings = [{ mouseButton: Primary }];
    if (tool === 'pan') bindings.push({ mouseButton: Auxiliary });
    if (tool === 'zoom') bindings.push({ mouseButton: Secondary });
    g.setToolActive(TOOL_NAMES[tool], { bindings });
    return true;
  }

  /** Adds the crosshairs once at least two of the orthogonal views are enabled. */
  enableCrosshairs(enabled: ReadonlySet<ViewportSlot>): void {
    const g = this.g2d;
    if (this.hasCrosshairs) return;
    const ortho = (['axial', 'sagittal', 'coronal'] as const).filter((s) => enabled.has(s));
    if (ortho.length < 2) return;
    const colours: Record<string, string> = { axial: 'rgb(220, 60, 60)', sagittal: 'rgb(220, 200, 40)', coronal: 'rgb(60, 200, 90)' };
    g.addTool(CrosshairsTool.toolName, {
      getReferenceLineColor: (viewportId: string) => colours[viewportId] ?? 'white',
      getReferenceLineControllable: () => true,
      getReferenceLineDraggableRotatable: () => true,
      getReferenceLineSlabThicknessControlsOn: () => false,
    });
    g.setToolEnabled(CrosshairsTool.toolName);
  }

  /** After all annotations were removed, puts the crosshairs back in the state `tool` wants. */
  restoreCrosshairs(tool: ViewerTool): void {
    if (!this.hasCrosshairs) return;
    if (tool === 'crosshairs') this.g2d.setToolActive(CrosshairsTool.toolName, { bindings: [{ mouseButton: Primary }] });
    else this.g2d.setToolEnabled(CrosshairsTool.toolName);
  }

  destroy(): void {
    for (const kind of ['2d', '3d', 'needle']) ToolGroupManager.destroyToolGroup(`percuplan-${kind}-${this.id}`);
  }
}
