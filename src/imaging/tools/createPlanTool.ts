import type { PlanTool } from '../types';
import { BoxTool } from './boxTool';
import { BrushTool } from './brushTool';
import { GrowTool } from './growTool';
import type { PlanToolContext, PlanToolMachine } from './planToolMachine';
import { TrajectoryTool } from './trajectoryTool';
import { TubeTool } from './tubeTool';

/** A fresh, idle machine for a plan tool. */
export function createPlanTool(tool: PlanTool, ctx: PlanToolContext): PlanToolMachine {
  switch (tool) {
    case 'grow':
      return new GrowTool(ctx);
    case 'brush':
    case 'erase':
      return new BrushTool(ctx, tool);
    case 'trajectory':
      return new TrajectoryTool(ctx);
    case 'box':
      return new BoxTool(ctx);
    case 'tube':
      return new TubeTool(ctx);
  }
}
