import { setPixel, type Rgb, type RgbImage } from './rgbImage';

/**
 * A 5×7 bitmap for the few glyphs the report's pictures carry: the orientation letters and the
 * scale bar's "10 mm". Each glyph is 7 rows of 5 bits, most significant bit leftmost.
 */
const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  L: [0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111],
  R: [0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001],
  A: [0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
  P: [0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000],
  H: [0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
  F: [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000],
  '0': [0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110],
  '1': [0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
  m: [0b00000, 0b00000, 0b11010, 0b10101, 0b10101, 0b10101, 0b10101],
  ' ': [0, 0, 0, 0, 0, 0, 0],
};

/** Width in pixels of `text` drawn at `scale` (glyph 5 wide, 1 column between glyphs). */
export const textWidth = (text: string, scale: number): number => (text.length * 6 - 1) * scale;

/** Height in pixels of a line of text at `scale`. */
export const textHeight = (scale: number): number => 7 * scale;

/**
 * Draws `text` with its top-left corner at (x, y), each font pixel a `scale`×`scale` block, over a
 * one-pixel dark outline so it reads on bone and on air alike. Unknown characters draw nothing.
 */
export function drawText(img: RgbImage, text: string, x: number, y: number, c: Rgb, scale = 2): void {
  const paint = (colour: Rgb, ox: number, oy: number, grow: number) => {
    [...text].forEach((ch, n) => {
      const rows = GLYPHS[ch];
      if (!rows) return;
      rows.forEach((bits, row) => {
        for (let col = 0; col < 5; col++) {
          if (!(bits & (1 << (4 - col)))) continue;
          const bx = x + ox + (n * 6 + col) * scale, by = y + oy + row * scale;
          for (let dy = -grow; dy < scale + grow; dy++) for (let dx = -grow; dx < scale + grow; dx++) setPixel(img, bx + dx, by + dy, colour);
        }
      });
    });
  };
  paint([0, 0, 0], 0, 0, 1);
  paint(c, 0, 0, 0);
}
