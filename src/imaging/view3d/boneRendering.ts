import { CONSTANTS, type Types } from '@cornerstonejs/core';
import type vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import { volumeGeometryOf } from '../planningVolumeOf';
import { isSoftwareRenderer } from '../softwareRenderer';
import { BONE_PRESET_NAME, bonePreset, rayStepMm } from './bonePreset';

/** Registers the bone preset with Cornerstone once, so `setProperties({ preset })` (and a reset) finds it by name. */
export function registerBonePreset(): string {
  const presets = CONSTANTS.VIEWPORT_PRESETS as Types.ViewportPreset[];
  if (!presets.some((p) => p.name === BONE_PRESET_NAME)) presets.push({ ...bonePreset() });
  return BONE_PRESET_NAME;
}

/** What `applyBoneRendering` did, for tests and the console. */
export interface BoneRenderingInfo {
  readonly stepMm: number;
  readonly software: boolean;
}

/**
 * Shows a volume in the 3D view as bone that reads clean on software WebGL: the bone preset
 * and a ray step under the cortex's thickness. See bonePreset.ts for why. (Cropping the rays
 * to the bone's box with vtk.js clipping planes was tried: in Cornerstone's 3D viewport it cut
 * the bone to a thin slab.)
 */
export function applyBoneRendering(vp: Types.IVolumeViewport, volumeId: string): BoneRenderingInfo {
  const software = isSoftwareRenderer();
  vp.setProperties({ preset: registerBonePreset() });
  const actor = vp.getDefaultActor()?.actor as unknown as vtkVolume | undefined;
  const mapper = actor?.getMapper();
  const geometry = volumeGeometryOf(volumeId);
  const stepMm = geometry ? rayStepMm(geometry.spacing, software) : 1;
  mapper?.setSampleDistance(stepMm);
  const info = { stepMm, software };
  // For browser tests and the console: what the view was set up with.
  vp.element.dataset['boneRendering'] = JSON.stringify(info);
  return info;
}
