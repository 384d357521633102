import { z } from 'zod';

/** A display colour as `#rrggbb`. */
export const colourSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour as #rrggbb');
