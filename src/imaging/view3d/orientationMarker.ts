import { Enums, type Types } from '@cornerstonejs/core';
import type { Vec3 } from '../../shared/vec3';
import { orientationCube, type MarkerCamera, type MarkerPoint } from './orientationCube';

/** The marker's size in CSS pixels (a square), and its distance from the view's corner. */
const SIZE_PX = 92;
const MARGIN_PX = 10;
const TEST_ID = 'orientation-marker-volume3d';

const FACE_FILL: Readonly<Record<string, string>> = {
  // Pairs share a hue so the axis reads at a glance: L/R red, A/P green, S/I blue (muted for a dark UI).
  L: '#8f3b3b', R: '#8f3b3b', A: '#3b7a4a', P: '#3b7a4a', S: '#3b5a8f', I: '#3b5a8f',
};

const vec = (p: ArrayLike<number> | undefined, fallback: Vec3): Vec3 => (p && p.length >= 3 ? [p[0]!, p[1]!, p[2]!] : fallback);

/**
 * A labelled patient cube (A/P, L/R, S/I) in the bottom-right corner of the 3D view, drawn on
 * a small 2D canvas over it and redrawn on every camera change, so it turns with the view.
 * Drawn in 2D rather than as a vtk widget: crisp letters on software WebGL, and no extra
 * renderer in Cornerstone's shared offscreen canvas.
 */
export class OrientationMarker {
  private canvas?: HTMLCanvasElement;
  private element?: HTMLDivElement;
  private viewport?: Types.IVolumeViewport;
  private readonly onCamera = (): void => this.draw();

  /** Shows the marker on a 3D viewport (again, after the viewport was recreated). */
  attach(vp: Types.IVolumeViewport): void {
    if (this.viewport === vp && this.canvas?.isConnected) return;
    this.detach();
    this.viewport = vp;
    this.element = vp.element;
    // A pane's element outlives its viewport (layout changes): reuse its marker canvas.
    let canvas = this.element.querySelector<HTMLCanvasElement>(`canvas[data-testid="${TEST_ID}"]`);
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.dataset['testid'] = TEST_ID;
      canvas.setAttribute('aria-label', 'Orientation of the 3D view');
      Object.assign(canvas.style, { position: 'absolute', right: `${MARGIN_PX}px`, bottom: `${MARGIN_PX}px`, width: `${SIZE_PX}px`, height: `${SIZE_PX}px`, pointerEvents: 'none', zIndex: '5' });
      this.element.appendChild(canvas);
    }
    this.canvas = canvas;
    this.element.addEventListener(Enums.Events.CAMERA_MODIFIED, this.onCamera);
    this.draw();
  }

  /** Stops following the viewport (its element keeps the canvas for the next viewport). */
  detach(): void {
    this.element?.removeEventListener(Enums.Events.CAMERA_MODIFIED, this.onCamera);
    this.element = undefined;
    this.viewport = undefined;
  }

  /** The camera the marker last drew, for tests. */
  get camera(): MarkerCamera | undefined {
    const cam = this.viewport?.getCamera();
    return cam ? { viewUp: vec(cam.viewUp, [0, 0, 1]), viewPlaneNormal: vec(cam.viewPlaneNormal, [0, -1, 0]) } : undefined;
  }

  private draw(): void {
    const canvas = this.canvas;
    const camera = this.camera;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !camera || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const px = Math.round(SIZE_PX * dpr);
    if (canvas.width !== px) canvas.width = canvas.height = px;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, px, px);
    const half = px / 2;
    const at = (p: MarkerPoint): [number, number] => [half + p[0] * half, half + p[1] * half];
    const drawing = orientationCube(camera);
    ctx.lineJoin = 'round';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const f of drawing.faces) {
      ctx.beginPath();
      f.corners.forEach((c, i) => (i ? ctx.lineTo(...at(c)) : ctx.moveTo(...at(c))));
      ctx.closePath();
      ctx.globalAlpha = 0.55 + 0.4 * f.facing;
      ctx.fillStyle = FACE_FILL[f.label] ?? '#555';
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = '#d0d4da';
      ctx.lineWidth = 1.2 * dpr;
      ctx.stroke();
      // A face seen nearly edge-on has no room for its letter.
      if (f.facing < 0.3) continue;
      ctx.font = `bold ${Math.round(15 * dpr * Math.sqrt(f.facing))}px system-ui, sans-serif`;
      ctx.fillStyle = '#ffffff';
      ctx.fillText(f.label, ...at(f.centre));
    }
    ctx.font = `bold ${Math.round(12 * dpr)}px system-ui, sans-serif`;
    for (const e of drawing.edgeLabels) {
      const [x, y] = at(e.at);
      ctx.lineWidth = 3 * dpr;
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.85)';
      ctx.strokeText(e.label, x, y);
      ctx.fillStyle = '#ffd43b';
      ctx.fillText(e.label, x, y);
    }
  }
}
