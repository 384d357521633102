import type { InstanceHeader } from './instanceHeader';
import { classifySopClass, isImageObject } from './sopClasses';
import { describeInstance, describeInstances, refOf, type GeometryIssue } from './geometryIssues';

/** A series' instances sorted into what can take part in a volume and what cannot. */
export interface SeriesContent {
  /** Single-frame images with pixel data: the candidates for the stack and the volume. */
  slices: InstanceHeader[];
  /** Images with more than one frame, whose per-frame geometry the header does not carry. */
  multiFrame: InstanceHeader[];
  /** Non-image objects, localizers (by ImageType) and images without pixel data. */
  excluded: InstanceHeader[];
  /** The series holds localizers only: they are its stack, but never a volume. */
  localizersOnly: boolean;
  issues: GeometryIssue[];
}

const isLocalizerType = (h: InstanceHeader): boolean =>
  h.imageType?.some((t) => t.trim().toUpperCase() === 'LOCALIZER') ?? false;

const frames = (h: InstanceHeader): number => h.numberOfFrames ?? 1;

/**
 * Separates the objects that are not slices of the series' volume, with an issue for each
 * group so the user sees what was left out and why. Keeps the input order within each group.
 */
export function partitionSeries(headers: readonly InstanceHeader[]): SeriesContent {
  const nonImages = headers.filter((h) => !isImageObject(h.sopClassUID, h.hasPixelData));
  const images = headers.filter((h) => isImageObject(h.sopClassUID, h.hasPixelData));
  // Scouts are left out only when other images remain: a scout series is still shown as a stack.
  const localizersOnly = images.length > 0 && images.every(isLocalizerType);
  const localizers = localizersOnly ? [] : images.filter(isLocalizerType);
  const rest = localizersOnly ? images : images.filter((h) => !isLocalizerType(h));
  const blank = rest.filter((h) => !h.hasPixelData);
  const drawable = rest.filter((h) => h.hasPixelData);
  const out: SeriesContent = { slices: [], multiFrame: [], excluded: [], localizersOnly, issues: [] };
  out.multiFrame = drawable.filter((h) => frames(h) > 1);
  out.slices = drawable.filter((h) => frames(h) <= 1);
  out.excluded = [...nonImages, ...localizers, ...blank];

  if (nonImages.length > 0) {
    const names = [...new Set(nonImages.map((h) => classifySopClass(h.sopClassUID).name))].sort();
    out.issues.push({
      kind: 'non-image',
      severity: 'warning',
      sopClassNames: names,
      instances: nonImages.map(refOf),
      message:
        `${nonImages.length} non-image object${nonImages.length === 1 ? '' : 's'} (${names.join(', ')}) ` +
        `listed but not drawn: ${describeInstances(nonImages.map(refOf))}.`,
    });
  }
  for (const h of localizers) {
    out.issues.push({
      kind: 'localizer',
      severity: 'warning',
      detectedBy: 'image-type',
      instances: [refOf(h)],
      message: `Localizer (scout) image left out of the volume: ${describeInstance(refOf(h))}, ImageType LOCALIZER.`,
    });
  }
  if (blank.length > 0) {
    out.issues.push({
      kind: 'no-pixel-data',
      severity: 'warning',
      instances: blank.map(refOf),
      message: `No pixel data, nothing to display, left out of the stack: ${describeInstances(blank.map(refOf))}.`,
    });
  }
  for (const h of out.multiFrame) {
    out.issues.push({
      kind: 'multi-frame',
      severity: 'blocker',
      frames: frames(h),
      instances: [refOf(h)],
      message:
        `Multi-frame object with ${frames(h)} frames, ${describeInstance(refOf(h))}: the positions of its frames ` +
        'are not in the instance header, so its volume geometry is not checked here.',
    });
  }
  if (localizersOnly && drawable.length > 0) {
    out.issues.push({
      kind: 'localizer',
      severity: 'blocker',
      detectedBy: 'image-type',
      instances: drawable.map(refOf),
      message: `Localizer (scout) images only, shown as a stack and never as a volume: ${describeInstances(drawable.map(refOf))}.`,
    });
  }
  if (out.slices.length === 0 && out.multiFrame.length === 0) {
    out.issues.push({
      kind: 'no-images',
      severity: 'blocker',
      instances: [],
      message: 'No displayable image in this series.',
    });
  }
  return out;
}
