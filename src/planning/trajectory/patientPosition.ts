import type { Vec3 } from '../../shared/vec3';

/**
 * What the DICOM Patient Position (0018,5100) says about gravity: the LPS direction pointing
 * up, away from the table top. Supine: anterior (−y). Prone: posterior (+y). Decubitus right
 * (lying on the right side): patient left (+x). Decubitus left: patient right (−x).
 */
export interface TableOrientation {
  /** True when the patient lay on their side (HFDR, HFDL, FFDR, FFDL, and the AF/PF variants). */
  readonly decubitus: boolean;
  /** Unit LPS vector pointing up from the table top, or null when the position is unknown. */
  readonly up: Vec3 | null;
}

/** Reads a Patient Position code; unknown or missing codes give `{ decubitus: false, up: null }`. */
export function tableOrientation(patientPosition: string | null | undefined): TableOrientation {
  const code = (patientPosition ?? '').trim().toUpperCase();
  if (code.endsWith('DR')) return { decubitus: true, up: [1, 0, 0] };
  if (code.endsWith('DL')) return { decubitus: true, up: [-1, 0, 0] };
  if (code.endsWith('S')) return { decubitus: false, up: [0, -1, 0] };
  if (code.endsWith('P')) return { decubitus: false, up: [0, 1, 0] };
  return { decubitus: false, up: null };
}
