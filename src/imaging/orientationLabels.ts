import type { Vec3 } from '../shared/vec3';
import { cross, scale } from '../shared/vec3';
import type { OrientationLabels } from './types';

/**
 * The patient-direction letters of an LPS direction: the dominant axis first, a second
 * letter when the direction is oblique (e.g. "LA").
 */
export function directionLetters(d: Vec3): string {
  const letters: [number, string][] = [
    [d[0], d[0] > 0 ? 'L' : 'R'],
    [d[1], d[1] > 0 ? 'P' : 'A'],
    [d[2], d[2] > 0 ? 'S' : 'I'],
  ];
  return letters
    .filter(([v]) => Math.abs(v) > 0.25)
    .sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]))
    .map(([, l]) => l)
    .join('');
}

/** Edge letters of a view from its camera's up vector and plane normal (toward the viewer). */
export function orientationLabels(viewUp: Vec3, viewPlaneNormal: Vec3): OrientationLabels {
  const right = cross(viewUp, viewPlaneNormal);
  return {
    top: directionLetters(viewUp),
    bottom: directionLetters(scale(viewUp, -1)),
    right: directionLetters(right),
    left: directionLetters(scale(right, -1)),
  };
}
