import { cache, CONSTANTS, type Types } from '@cornerstonejs/core';
import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane';
import type vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import { volumeGeometryOf } from '../planningVolumeOf';
import { isSoftwareRenderer } from '../softwareRenderer';
import { clipPlanesOf, denseIndexBox, worldBoxOf, type WorldBox } from './boneBox';
import { BONE_OPACITY_START_HU, BONE_PRESET_NAME, bonePreset, rayStepMm } from './bonePreset';

/** Voxels between looks when finding the bone's box: about 5 mm in plane, 3 slices. */
const BOX_STRIDE_MM = 5;
/** Padding of the box: more than a stride, so bone between two looks stays inside. */
const BOX_MARGIN_MM = 12;

/** Registers the bone preset with Cornerstone once, so `setProperties({ preset })` (and a reset) finds it by name. */
export function registerBonePreset(): string {
  const presets = CONSTANTS.VIEWPORT_PRESETS as Types.ViewportPreset[];
  if (!presets.some((p) => p.name === BONE_PRESET_NAME)) presets.push({ ...bonePreset() });
  return BONE_PRESET_NAME;
}

/** The box (LPS mm) around a loaded volume's bone, or undefined when it has none. */
export function boneBoxOf(volumeId: string): WorldBox | undefined {
  const v = cache.getVolume(volumeId);
  const geometry = volumeGeometryOf(volumeId);
  const vm = v?.voxelManager;
  if (!geometry || !vm) return undefined;
  const [sx, sy, sz] = geometry.spacing;
  const stride: [number, number, number] = [Math.max(1, Math.round(BOX_STRIDE_MM / sx)), Math.max(1, Math.round(BOX_STRIDE_MM / sy)), Math.max(1, Math.round(BOX_STRIDE_MM / sz))];
  const box = denseIndexBox((i, j, k) => Number(vm.getAtIJK(i, j, k)), geometry.dimensions, stride, BONE_OPACITY_START_HU);
  return box ? worldBoxOf(geometry, box, BOX_MARGIN_MM) : undefined;
}

/** What `applyBoneRendering` did, for tests and the console. */
export interface BoneRenderingInfo {
  readonly stepMm: number;
  readonly box: WorldBox | undefined;
  readonly software: boolean;
}

/**
 * Shows a volume in the 3D view as bone that reads clean on software WebGL: the bone preset,
 * a ray step under the cortex's thickness, and the rays cropped to the bone's box (the
 * table and the air around it cost no samples). See bonePreset.ts for why.
 */
export function applyBoneRendering(vp: Types.IVolumeViewport, volumeId: string): BoneRenderingInfo {
  const software = isSoftwareRenderer();
  vp.setProperties({ preset: registerBonePreset() });
  const actor = vp.getDefaultActor()?.actor as unknown as vtkVolume | undefined;
  const mapper = actor?.getMapper();
  const geometry = volumeGeometryOf(volumeId);
  const stepMm = geometry ? rayStepMm(geometry.spacing, software) : 1;
  const box = boneBoxOf(volumeId);
  if (mapper) {
    mapper.setSampleDistance(stepMm);
    mapper.removeAllClippingPlanes();
    if (box) for (const p of clipPlanesOf(box)) mapper.addClippingPlane(vtkPlane.newInstance({ origin: [...p.origin], normal: [...p.normal] }));
  }
  const info = { stepMm, box, software };
  lastInfo = info;
  return info;
}

let lastInfo: BoneRenderingInfo | undefined;

/** The last `applyBoneRendering`'s choices (the e2e test logs them). */
export function boneRenderingInfo(): BoneRenderingInfo | undefined {
  return lastInfo;
}
