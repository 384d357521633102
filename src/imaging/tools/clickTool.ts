import type { PlanPointerEvent, PlanTool } from '../types';
import type { PlanToolContext, PlanToolMachine, ToolPhase } from './planToolMachine';

/**
 * A tool whose whole gesture is one press: idle → pointing (the click's work done) → idle on
 * release. Each click is its own undo step, already recorded, so cancelling has nothing to undo.
 */
export abstract class ClickTool implements PlanToolMachine {
  abstract readonly tool: PlanTool;
  readonly preview = null;
  readonly defersMetrics = false;
  phase: ToolPhase = 'idle';

  constructor(protected readonly ctx: PlanToolContext) {}

  /** What a press does. */
  protected abstract onClick(e: PlanPointerEvent): void;

  onPointer(e: PlanPointerEvent): void {
    if (e.type === 'down') {
      this.phase = 'pointing';
      this.onClick(e);
    } else if (e.type === 'up') {
      this.phase = 'idle';
    }
  }

  cancel(): void {
    this.phase = 'idle';
  }
}
