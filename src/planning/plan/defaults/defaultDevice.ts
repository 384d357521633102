import type { Procedure } from '../../../records/procedures';
import type { DeviceCatalogue, DeviceKind } from '../../devices/deviceSchema';

/**
 * The device a procedure is done with: its kind, and the catalogue entry preferred among that
 * kind (shared/docs/domain.md: an 11 G × 10 cm bone access needle is the common transpedicular
 * choice; the bipolar RF probe is the one made for bone). Procedures without a needle of their
 * own (HIFU, plasma-mediated ablation) are absent: they call for no default.
 */
const DEVICE_OF: Partial<Record<Procedure, { kind: DeviceKind; preferred: string }>> = {
  vertebroplasty: { kind: 'bone-access-needle', preferred: 'bone-access-11g-100' },
  sacroplasty: { kind: 'bone-access-needle', preferred: 'bone-access-11g-100' },
  acetabuloplasty: { kind: 'bone-access-needle', preferred: 'bone-access-11g-100' },
  'cementoplasty-other': { kind: 'bone-access-needle', preferred: 'bone-access-11g-100' },
  cryoablation: { kind: 'cryoprobe', preferred: 'generic-cryoprobe-13g' },
  'microwave-ablation': { kind: 'microwave-antenna', preferred: 'generic-mwa-antenna-13g' },
  'radiofrequency-ablation': { kind: 'rf-electrode', preferred: 'generic-rf-bipolar-bone-probe' },
  'nerve-root-block': { kind: 'spinal-needle', preferred: 'spinal-needle-22g-90' },
  'epidural-injection': { kind: 'spinal-needle', preferred: 'spinal-needle-22g-90' },
  'facet-injection': { kind: 'spinal-needle', preferred: 'spinal-needle-22g-90' },
};

/**
 * The device new needles start with for a case whose decision lists `procedures` (in the
 * board's order): the first procedure done with a needle decides, and its preferred device is
 * taken when the catalogue has it, else the catalogue's first device of that kind. Undefined
 * when no listed procedure calls for a device the catalogue has (the tool keeps its own).
 */
export function defaultDeviceId(procedures: readonly Procedure[], catalogue: DeviceCatalogue): string | undefined {
  for (const p of procedures) {
    const want = DEVICE_OF[p];
    if (!want) continue;
    const ofKind = catalogue.devices.filter((d) => d.kind === want.kind);
    const device = ofKind.find((d) => d.id === want.preferred) ?? ofKind[0];
    if (device) return device.id;
  }
  return undefined;
}
