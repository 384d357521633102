import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import vtkCylinderSource from '@kitware/vtk.js/Filters/Sources/CylinderSource';
import vtkSphereSource from '@kitware/vtk.js/Filters/Sources/SphereSource';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageMarchingCubes from '@kitware/vtk.js/Filters/General/ImageMarchingCubes';
import vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import type { VolumeGeometry, VoxelMask } from '../planning/lesions';
import type { PlacedZone } from '../planning/zones/placeZones';
import { cross, normalize, type Vec3 } from '../shared/vec3';

/** One actor of the plan for the 3D view. */
export interface PlanActor {
  readonly uid: string;
  readonly actor: vtkActor;
}

const rgb = (hex: string): [number, number, number] => {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
};

function actorOf(poly: vtkPolyData, colour: string, opacity: number): vtkActor {
  const mapper = vtkMapper.newInstance();
  mapper.setInputData(poly);
  mapper.setScalarVisibility(false);
  const actor = vtkActor.newInstance();
  actor.setMapper(mapper);
  const p = actor.getProperty();
  p.setColor(...rgb(colour));
  p.setOpacity(opacity);
  return actor;
}

/** Moves every point of a polydata through `f` (the sources are built at the origin, unit sized). */
function transformPoints(poly: vtkPolyData, f: (x: number, y: number, z: number) => Vec3): vtkPolyData {
  const pts = poly.getPoints().getData() as Float32Array | Float64Array;
  for (let q = 0; q < pts.length; q += 3) {
    const p = f(pts[q]!, pts[q + 1]!, pts[q + 2]!);
    pts[q] = p[0];
    pts[q + 1] = p[1];
    pts[q + 2] = p[2];
  }
  poly.getPoints().modified();
  poly.modified();
  return poly;
}

/**
 * Turns the normals of a polydata through the linear map `g` and renormalises them. The
 * sources come with normals for their unit shape; left as they were, a needle lying along x
 * was lit as if it stood along y, and drew nearly black.
 */
function transformNormals(poly: vtkPolyData, g: (x: number, y: number, z: number) => Vec3): void {
  const normals = poly.getPointData().getNormals();
  if (!normals) return;
  const n = normals.getData() as Float32Array | Float64Array;
  for (let q = 0; q < n.length; q += 3) {
    const v = g(n[q]!, n[q + 1]!, n[q + 2]!);
    const len = Math.hypot(v[0], v[1], v[2]) || 1;
    n[q] = v[0] / len;
    n[q + 1] = v[1] / len;
    n[q + 2] = v[2] / len;
  }
  normals.modified();
}

const CYLINDER_RESOLUTION = 16;

/** A needle's opacity in the 3D view (see needleActor). */
export const NEEDLE_OPACITY = 0.99;

/**
 * The needle's surface without the source's normals: those stay as built for the unit cylinder
 * (vtk.js even gives its caps (0, ±1, 1)), and a needle drew nearly black on software WebGL
 * however they were turned. Without normals the renderer shades each face from its own
 * geometry, as it does the lesion and structure surfaces, which read correctly.
 */
function withoutNormals(poly: vtkPolyData): vtkPolyData {
  const bare = vtkPolyData.newInstance();
  bare.setPoints(poly.getPoints());
  bare.setPolys(poly.getPolys());
  return bare;
}

/** Two unit vectors perpendicular to `u` and to each other. */
function basis(u: Vec3): [Vec3, Vec3] {
  const ref: Vec3 = Math.abs(u[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const a = normalize(cross(u, ref));
  return [a, normalize(cross(u, a))];
}

/** A needle as a cylinder of its outer radius from entry to tip. */
export function needleActor(uid: string, entry: Vec3, target: Vec3, radiusMm: number, colour: string): PlanActor | undefined {
  const d: Vec3 = [target[0] - entry[0], target[1] - entry[1], target[2] - entry[2]];
  const len = Math.hypot(d[0], d[1], d[2]);
  if (!(len > 0)) return undefined;
  const u: Vec3 = [d[0] / len, d[1] / len, d[2] / len];
  const [a, b] = basis(u);
  const mid: Vec3 = [(entry[0] + target[0]) / 2, (entry[1] + target[1]) / 2, (entry[2] + target[2]) / 2];
  const src = vtkCylinderSource.newInstance({ height: 1, radius: 1, resolution: CYLINDER_RESOLUTION, capping: true });
  src.update();
  // The source's axis is y.
  const poly = transformPoints(src.getOutputData(), (x, y, z) => [
    mid[0] + a[0] * x * radiusMm + u[0] * y * len + b[0] * z * radiusMm,
    mid[1] + a[1] * x * radiusMm + u[1] * y * len + b[1] * z * radiusMm,
    mid[2] + a[2] * x * radiusMm + u[2] * y * len + b[2] * z * radiusMm,
  ]);
  // Just under opaque: drawn opaque (and without normals), needles came out nearly black in
  // Cornerstone's 3D view on software WebGL, while the translucent surfaces (lesions 0.85,
  // structures 0.45) kept their colours; at 0.99 and without normals they show their colour.
  return { uid, actor: actorOf(withoutNormals(poly), colour, NEEDLE_OPACITY) };
}

/** An ablation zone as a translucent spheroid around the shaft. */
export function zoneActor(uid: string, zone: PlacedZone, colour: string, opacity: number): PlanActor {
  const { centre, axis, radialSemiMm: r, axialSemiMm: h } = zone.shape;
  const u: Vec3 = [axis[0], axis[1], axis[2]];
  const [a, b] = basis(u);
  const src = vtkSphereSource.newInstance({ radius: 1, thetaResolution: 28, phiResolution: 18 });
  src.update();
  const poly = transformPoints(src.getOutputData(), (x, y, z) => [
    centre[0] + a[0] * x * r + b[0] * y * r + u[0] * z * h,
    centre[1] + a[1] * x * r + b[1] * y * r + u[1] * z * h,
    centre[2] + a[2] * x * r + b[2] * y * r + u[2] * z * h,
  ]);
  // Scaled by r, r, h: normals take the inverse scale (the inverse transpose of the map).
  transformNormals(poly, (x, y, z) => [a[0] * x / r + b[0] * y / r + u[0] * z / h, a[1] * x / r + b[1] * y / r + u[1] * z / h, a[2] * x / r + b[2] * y / r + u[2] * z / h]);
  return { uid, actor: actorOf(poly, colour, opacity) };
}

/** A mask's surface (marching cubes on its box, padded so it closes), in patient space. */
export function maskSurfaceActor(uid: string, mask: VoxelMask, geometry: VolumeGeometry, colour: string, opacity: number): PlanActor | undefined {
  const [sx, sy, sz] = mask.box.size;
  if (sx === 0 || sy === 0 || sz === 0) return undefined;
  const nx = sx + 2, ny = sy + 2, nz = sz + 2;
  const values = new Float32Array(nx * ny * nz);
  let any = false;
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        if (!mask.data[p]) continue;
        values[(z + 1) * nx * ny + (y + 1) * nx + (x + 1)] = 1;
        any = true;
      }
    }
  }
  if (!any) return undefined;
  const image = vtkImageData.newInstance();
  image.setDimensions(nx, ny, nz);
  image.setSpacing([1, 1, 1]);
  image.setOrigin([0, 0, 0]);
  image.getPointData().setScalars(vtkDataArray.newInstance({ numberOfComponents: 1, values }));
  const mc = vtkImageMarchingCubes.newInstance({ contourValue: 0.5, computeNormals: false, mergePoints: true });
  mc.setInputData(image);
  mc.update();
  const [ox, oy, oz] = mask.box.offset;
  const [d0, d1, d2] = geometry.direction;
  const [s0, s1, s2] = geometry.spacing;
  const o = geometry.origin;
  // Index (x − 1 + offset) of the padded box to patient space.
  const poly = transformPoints(mc.getOutputData(), (x, y, z) => {
    const i = (x - 1 + ox) * s0, j = (y - 1 + oy) * s1, k = (z - 1 + oz) * s2;
    return [o[0] + d0[0] * i + d1[0] * j + d2[0] * k, o[1] + d0[1] * i + d1[1] * j + d2[1] * k, o[2] + d0[2] * i + d1[2] * j + d2[2] * k];
  });
  return { uid, actor: actorOf(poly, colour, opacity) };
}
