/**
 * What the three diagnostic CT studies share: the reconstruction (bone kernel, helical scan,
 * exposure time, the bone and soft-tissue default windows) and the image quality (noise and
 * partial-volume blur of a modern multislice scanner). The cone-beam study has its own.
 */
export const DIAGNOSTIC_CT_RECONSTRUCTION = {
  exposureTimeMs: 500,
  kernel: 'BONE',
  scanOptions: 'HELICAL MODE',
  windows: [
    { centre: 500, width: 2000, explanation: 'BONE' },
    { centre: 40, width: 400, explanation: 'SOFT TISSUE' },
  ],
} as const;

export const DIAGNOSTIC_CT_IMAGE_QUALITY = {
  noiseSigmaHu: 12,
  blur: { xy: 0.22, z: 0.15 },
} as const;
