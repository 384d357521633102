import { describe, expect, it } from 'vitest';
import { keyImageViewStateSchema } from '../../records';
import { keyImageHref, keyImageLinkOf, keyImageViewState, overlayOnReopen, type KeyImageContext } from './keyImageViewState';
import type { CapturedView } from '../../imaging';

const STUDY = '1.2.3.4';
const SERIES = '1.2.3.4.5';
const view: CapturedView = {
  camera: { focalPoint: [10, -20, -35], position: [10, -20, 465], viewUp: [0, -1, 0], parallelScale: 120 },
  stackIndex: 3,
  window: { width: 400, center: 40 },
  sliceNumber: 42,
  sliceCount: 96,
};
const ctx: KeyImageContext = {
  studyInstanceUid: STUDY,
  seriesInstanceUid: SERIES,
  slot: 'axial',
  layout: '1x1',
  mode: 'mpr',
  plan: { id: '0f8fad5b-d9cb-469f-a165-70867728950e', version: 3 },
  selectedNeedle: 'traj-1',
  planOverlayShown: false,
  hidden: new Set(['struct-2', 'lesion-1']),
};

describe('keyImageViewState', () => {
  it('an axial volume view keeps its camera, window, plan version, Im k/N, the overlay switch and the hidden items (sorted); no stack index, no needle', () => {
    const s = keyImageViewState(ctx, view);
    expect(s.camera).toEqual(view.camera);
    expect(s.stackIndex).toBeNull();
    expect(s.window).toEqual({ width: 400, center: 40 });
    expect(s.plan).toEqual({ id: ctx.plan!.id, version: 3 });
    expect(s.needleId).toBeNull();
    expect(s.layers.plan).toBe(false);
    expect(s.hiddenItems).toEqual(['lesion-1', 'struct-2']);
    expect([s.sliceNumber, s.sliceCount]).toEqual([42, 96]);
    // What the server validates: the stored state round-trips through the contract's schema unchanged.
    expect(keyImageViewStateSchema.parse(s)).toEqual(s);
  });

  it('a probe view keeps the needle it follows; a stack view its image index; no saved plan gives null', () => {
    expect(keyImageViewState({ ...ctx, slot: 'probe', layout: 'needle' }, view).needleId).toBe('traj-1');
    const stack = keyImageViewState({ ...ctx, slot: 'stack', mode: 'stack', plan: undefined }, view);
    expect(stack.stackIndex).toBe(3);
    expect(stack.plan).toBeNull();
  });
});

describe('the key image deep link', () => {
  it('reads ?keyImage=<id>&overlay=off|on and leaves anything else as saved', () => {
    expect(keyImageLinkOf('?keyImage=abc&overlay=off')).toEqual({ keyImageId: 'abc', overlay: false });
    expect(keyImageLinkOf('?overlay=on&keyImage=abc')).toEqual({ keyImageId: 'abc', overlay: true });
    expect(keyImageLinkOf('?keyImage=abc&overlay=maybe')).toEqual({ keyImageId: 'abc', overlay: undefined });
    expect(keyImageLinkOf('')).toEqual({ keyImageId: undefined, overlay: undefined });
  });

  it('writes the link the presenter opens, and reading it back gives the same', () => {
    const href = keyImageHref(STUDY, 'k-1', false);
    expect(href).toBe('/studies/1.2.3.4?keyImage=k-1&overlay=off');
    expect(keyImageLinkOf(href.slice(href.indexOf('?')))).toEqual({ keyImageId: 'k-1', overlay: false });
    expect(keyImageHref(STUDY, 'k-1')).toBe('/studies/1.2.3.4?keyImage=k-1');
  });

  it('the overlay on reopening: the link wins, else as saved, and never a plan over a view saved without one', () => {
    const saved = { plan: { id: 'p', version: 1 }, layers: keyImageViewState(ctx, view).layers };
    expect(overlayOnReopen({ ...saved, layers: { ...saved.layers, plan: true } }, { keyImageId: 'k', overlay: undefined })).toBe(true);
    expect(overlayOnReopen({ ...saved, layers: { ...saved.layers, plan: true } }, { keyImageId: 'k', overlay: false })).toBe(false);
    expect(overlayOnReopen(saved, { keyImageId: 'k', overlay: true })).toBe(true);
    expect(overlayOnReopen({ ...saved, plan: null, layers: { ...saved.layers, plan: true } }, { keyImageId: 'k', overlay: undefined })).toBe(false);
  });
});
