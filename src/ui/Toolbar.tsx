import type { ViewerTool } from '../imaging';
import { WINDOW_PRESETS } from '../shared/windowPresets';
import type { Layout } from './shortcuts';

const TOOLS: { tool: ViewerTool; label: string; key: string }[] = [
  { tool: 'windowLevel', label: 'W/L', key: 'W' },
  { tool: 'crosshairs', label: 'Crosshairs', key: 'C' },
  { tool: 'length', label: 'Length', key: 'L' },
  { tool: 'angle', label: 'Angle', key: 'A' },
  { tool: 'probe', label: 'HU probe', key: 'P' },
  { tool: 'pan', label: 'Pan', key: 'M' },
  { tool: 'zoom', label: 'Zoom', key: 'Z' },
];

interface Props {
  tool: ViewerTool;
  layout: Layout;
  canCrosshair: boolean;
  onTool: (t: ViewerTool) => void;
  onPreset: (id: string) => void;
  onLayout: (l: Layout) => void;
  onReset: () => void;
  /** Whether the MPR views share one window, and its switch (V); absent: not offered. */
  windowLinked?: boolean;
  onLinkWindow?: () => void;
  /** The plan overlay switch (O) and the key image dialog (K); absent: not offered. */
  overlayShown?: boolean;
  onOverlay?: () => void;
  onKeyImage?: () => void;
}

// The '1x3' layout keeps its name (links, tests, preferences) but is one large axial view beside the sagittal and coronal stacked.
const LAYOUT_NAME: Record<Layout, string> = { '1x1': '1×1', '1x3': '1+2', '2x2': '2×2', needle: 'Needle' };
const LAYOUT_TITLE: Record<Layout, string> = {
  '1x1': 'One view (7)',
  '1x3': 'Large axial with sagittal and coronal beside it (8)',
  '2x2': 'Axial, sagittal, coronal and 3D bone (9)',
  needle: "Views along the selected needle (6)",
};

/** Tool, window preset and layout buttons, each naming its shortcut. */
export function Toolbar({ tool, layout, canCrosshair, onTool, onPreset, onLayout, onReset, windowLinked, onLinkWindow, overlayShown, onOverlay, onKeyImage }: Props) {
  return (
    <div className="toolbar" role="toolbar">
      <div className="group">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            className={tool === t.tool ? 'selected' : ''}
            aria-pressed={tool === t.tool}
            disabled={t.tool === 'crosshairs' && !canCrosshair}
            data-tool={t.tool}
            title={`${t.label} (${t.key})`}
            onClick={() => onTool(t.tool)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="group">
        {WINDOW_PRESETS.map((p) => (
          <button key={p.id} data-preset={p.id} title={`${p.label}: W ${p.widthHu} / L ${p.centerHu} HU (${p.key})`} onClick={() => onPreset(p.id)}>
            {p.label}
          </button>
        ))}
        {onLinkWindow && (
          <button className={windowLinked ? 'selected' : ''} aria-pressed={!!windowLinked} data-testid="window-link" title={`Window linked across axial, sagittal and coronal: ${windowLinked ? 'on' : 'off'} (V)`} onClick={onLinkWindow}>
            {windowLinked ? 'W/L linked' : 'W/L unlinked'}
          </button>
        )}
      </div>
      <div className="group">
        {(['1x1', '1x3', '2x2', 'needle'] as Layout[]).map((l) => (
          <button key={l} className={layout === l ? 'selected' : ''} data-layout={l} onClick={() => onLayout(l)} title={LAYOUT_TITLE[l]}>
            {LAYOUT_NAME[l]}
          </button>
        ))}
        <button onClick={onReset} title="Reset views (R)">
          Reset
        </button>
      </div>
      {(onOverlay || onKeyImage) && (
        <div className="group">
          {onOverlay && (
            <button className={overlayShown ? 'selected' : ''} aria-pressed={!!overlayShown} data-testid="overlay-toggle" title="Plan overlay on / off (O)" onClick={onOverlay}>
              Overlay
            </button>
          )}
          {onKeyImage && (
            <button data-testid="key-image-button" title="Key image: save the active view with a caption to the case (K)" onClick={onKeyImage}>
              Key image
            </button>
          )}
        </div>
      )}
    </div>
  );
}
