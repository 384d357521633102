import { cross, dot, normalize, type Vec3 } from '../../shared/vec3';

/** The camera of a 3D view, as Cornerstone gives it: up and the normal toward the viewer, in LPS. */
export interface MarkerCamera {
  readonly viewUp: Vec3;
  /** Points from the scene toward the viewer. */
  readonly viewPlaneNormal: Vec3;
}

/** A point of the marker in its own frame: x right, y DOWN (canvas), both in [−1, 1]. */
export type MarkerPoint = readonly [number, number];

/** One cube face the viewer sees. */
export interface MarkerFace {
  /** The patient direction the face points to: 'L', 'R', 'A', 'P', 'S' or 'I'. */
  readonly label: string;
  /** Its four corners, in drawing order. */
  readonly corners: readonly MarkerPoint[];
  readonly centre: MarkerPoint;
  /** How squarely it faces the viewer, (0, 1]; 1 when seen head-on. */
  readonly facing: number;
}

/** A letter outside the cube, on the side of the screen a patient direction points to. */
export interface MarkerEdgeLabel {
  readonly label: string;
  readonly at: MarkerPoint;
}

/** The drawing of the marker for one camera. */
export interface MarkerDrawing {
  /** Faces turned toward the viewer, the farthest first (so later ones paint over). */
  readonly faces: readonly MarkerFace[];
  /** At most one letter on each side (right, left, top, bottom): the direction pointing most that way. */
  readonly edgeLabels: readonly MarkerEdgeLabel[];
}

/** The six patient directions in LPS and their letters. */
const DIRECTIONS: readonly { readonly label: string; readonly v: Vec3 }[] = [
  { label: 'L', v: [1, 0, 0] },
  { label: 'R', v: [-1, 0, 0] },
  { label: 'P', v: [0, 1, 0] },
  { label: 'A', v: [0, -1, 0] },
  { label: 'S', v: [0, 0, 1] },
  { label: 'I', v: [0, 0, -1] },
];

/** Half the cube's edge in marker units: its projection stays inside the circle of radius 0.6. */
const HALF = 0.34;
/** Where the edge letters sit, marker units from the centre. */
const EDGE_RADIUS = 0.84;
/** A side is labelled when its direction has at least this much of its length along it. */
const IN_PLANE = 0.35;

/**
 * The labelled patient cube of the 3D view's orientation marker, projected for a camera
 * (orthographic: the marker shows directions, not perspective). The screen's right is
 * up × normal, so a coronal camera from the front (normal A, up S) puts the patient's left
 * on the right, as radiologists read a coronal image.
 */
export function orientationCube(camera: MarkerCamera): MarkerDrawing {
  const up = normalize(camera.viewUp);
  const toViewer = normalize(camera.viewPlaneNormal);
  const right = normalize(cross(up, toViewer));
  // Canvas y grows downward.
  const project = (v: Vec3): MarkerPoint => [dot(v, right), -dot(v, up)];
  const faces: MarkerFace[] = [];
  for (const d of DIRECTIONS) {
    const facing = dot(d.v, toViewer);
    if (facing <= 1e-6) continue;
    // Two in-face directions: the other axes.
    const axes = DIRECTIONS.filter((o) => Math.abs(dot(o.v, d.v)) < 0.5 && o.v.some((c) => c > 0)).map((o) => o.v);
    const [a, b] = axes as [Vec3, Vec3];
    const corner = (sa: number, sb: number): MarkerPoint =>
      project([
        HALF * (d.v[0] + sa * a[0] + sb * b[0]),
        HALF * (d.v[1] + sa * a[1] + sb * b[1]),
        HALF * (d.v[2] + sa * a[2] + sb * b[2]),
      ]);
    faces.push({
      label: d.label,
      corners: [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)],
      centre: project([HALF * d.v[0], HALF * d.v[1], HALF * d.v[2]]),
      facing,
    });
  }
  faces.sort((f, g) => f.facing - g.facing);
  // One letter per side of the marker, the direction pointing most that way (as the 2D views'
  // orientation letters), so two letters never land on one spot.
  const SIDES: readonly MarkerPoint[] = [[1, 0], [-1, 0], [0, -1], [0, 1]];
  const edgeLabels: MarkerEdgeLabel[] = [];
  for (const side of SIDES) {
    let best: { label: string; along: number } | undefined;
    for (const d of DIRECTIONS) {
      const [x, y] = project(d.v);
      const along = x * side[0] + y * side[1];
      if (along >= IN_PLANE && (!best || along > best.along + 1e-9)) best = { label: d.label, along };
    }
    if (best) edgeLabels.push({ label: best.label, at: [side[0] * EDGE_RADIUS, side[1] * EDGE_RADIUS] });
  }
  return { faces, edgeLabels };
}
