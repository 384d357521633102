/** An 8-bit RGB picture, row-major from the top-left pixel, 3 bytes a pixel. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/** A black picture of the given size. */
export const createRgbImage = (width: number, height: number): RgbImage => ({ width, height, data: new Uint8Array(width * height * 3) });

/** `#rrggbb` as a colour; anything else gives the fallback. */
export function rgbOfHex(hex: string, fallback: Rgb = [255, 255, 255]): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : fallback;
}

/** Paints pixel (x, y) (rounded); pixels off the picture are ignored, so callers may draw past the edge. */
export function setPixel(img: RgbImage, x: number, y: number, c: Rgb): void {
  const px = Math.round(x), py = Math.round(y);
  if (px < 0 || py < 0 || px >= img.width || py >= img.height) return;
  const at = (py * img.width + px) * 3;
  img.data[at] = c[0];
  img.data[at + 1] = c[1];
  img.data[at + 2] = c[2];
}

/** The colour of pixel (x, y) (integers on the picture). */
export function pixelAt(img: RgbImage, x: number, y: number): Rgb {
  const at = (y * img.width + x) * 3;
  return [img.data[at]!, img.data[at + 1]!, img.data[at + 2]!];
}

/** A filled square of side `size` centred on (x, y): the pen for thick lines and markers. */
export function dot(img: RgbImage, x: number, y: number, c: Rgb, size = 2): void {
  const r = (size - 1) / 2;
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) setPixel(img, x + dx, y + dy, c);
}

/**
 * A line from (x0, y0) to (x1, y1) drawn with a square pen of `width` pixels, stepped at half a
 * pixel so no gaps appear at any slope. Lines far off the picture are clipped by setPixel.
 */
export function drawLine(img: RgbImage, x0: number, y0: number, x1: number, y1: number, c: Rgb, width = 2): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  // A needle seen end-on, or one projected far off the picture: bound the work.
  const steps = Math.min(Math.ceil(len * 2), 8 * (img.width + img.height));
  for (let s = 0; s <= steps; s++) {
    const t = steps === 0 ? 0 : s / steps;
    dot(img, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, c, width);
  }
}
