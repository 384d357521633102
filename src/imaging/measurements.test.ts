import { expect, it } from 'vitest';
import { angleDeg, angleLabel, lengthLabel } from './measurements';

it('measures lengths and angles from world points in patient millimetres', () => {
  // A 3-4-5 triangle: 5 mm hypotenuse; the angle at the right-angle vertex is 90°.
  expect(lengthLabel([[0, 0, 0], [3, 4, 0]])).toEqual(['5.0 mm']);
  expect(angleDeg([3, 0, 0], [0, 0, 0], [0, 4, 0])).toBeCloseTo(90, 10);
  // 45° between the x axis and the x=y diagonal, out of the axial plane too.
  expect(angleLabel([[10, 0, 5], [0, 0, 5], [7, 7, 5]])).toEqual(['45.0°']);
  expect(lengthLabel([[0, 0, 0]])).toEqual([]);
});

it('reads lengths from annotation handles and skips an annotation whose handles are not world points', async () => {
  const { readMeasurements } = await import('./measurements');
  type Annotations = Parameters<typeof readMeasurements>[0];
  const all = [
    { annotationUID: 'a', metadata: { toolName: 'Length', viewportId: 'axial' }, data: { handles: { points: [[0, 0, 10], [6, 8, 10]] } } },
    { annotationUID: 'b', metadata: { toolName: 'Length', viewportId: 'axial' }, data: { handles: { points: [[0, 0], [1, 1]] } } },
  ] as unknown as Annotations;
  // 6-8-10 triangle: the hypotenuse is 10 mm; 'b' has 2D points and is not a measurement.
  expect(readMeasurements(all, (id) => (id === 'axial' ? 'axial' : undefined))).toEqual([
    { id: 'a', kind: 'length', value: 10, unit: 'mm', slot: 'axial' },
  ]);
});
