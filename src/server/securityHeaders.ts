/**
 * The Content-Security-Policy of every answer. Scripts only from this origin, never inline;
 * 'wasm-unsafe-eval' lets Cornerstone's codecs compile their WebAssembly (it allows no
 * JavaScript eval), and its decoders run in workers the bundler may start from blob: URLs.
 * Styles allow inline attributes because React sets element styles. No plugins, no framing.
 */
export const contentSecurityPolicy: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};
