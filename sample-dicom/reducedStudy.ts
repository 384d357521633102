import type { StudyDefinition } from './studies/studyDefinition';

/**
 * A small version of a study for fast tests: the same anatomy, field and headers on a
 * coarser grid of `columns` x `columns` x `slices` voxels centred on the original volume.
 * Lesions that miss the coarse grid get a volume of 0 instead of failing the render.
 */
export function reducedStudy(def: StudyDefinition, columns = 64, slices = 8): StudyDefinition {
  const g = def.grid;
  const colSpacing = (g.colSpacing * g.columns) / columns;
  const rowSpacing = (g.rowSpacing * g.rows) / columns;
  const sliceSpacing = (g.sliceSpacing * g.slices) / slices;
  const cx = g.x0 + ((g.columns - 1) * g.colSpacing) / 2;
  const cy = g.y0 + ((g.rows - 1) * g.rowSpacing) / 2;
  const cz = g.top - ((g.slices - 1) * g.sliceSpacing) / 2;
  return {
    ...def,
    grid: {
      columns,
      rows: columns,
      slices,
      colSpacing,
      rowSpacing,
      sliceSpacing,
      x0: cx - ((columns - 1) * colSpacing) / 2,
      y0: cy - ((columns - 1) * rowSpacing) / 2,
      top: cz + ((slices - 1) * sliceSpacing) / 2,
    },
    reduced: true,
  };
}
