let cached: boolean | undefined;

/**
 * True when WebGL runs on the CPU (SwiftShader, llvmpipe): 3D ray casting is then slow
 * enough to freeze the page at full quality, so the 3D view samples coarser.
 */
export function isSoftwareRenderer(): boolean {
  if (cached !== undefined) return cached;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const name = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    cached = /swiftshader|llvmpipe|software/i.test(name);
  } catch {
    cached = false;
  }
  return cached;
}
