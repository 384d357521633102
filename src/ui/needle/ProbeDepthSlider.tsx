import type { ViewerSession } from '../../imaging';

/**
 * The probe's-eye view's depth control: where along the selected needle the view cuts,
 * from the entry (skin) to the tip and beyond. Rendered by the probe's-eye pane.
 * (Contract stub for issue 16: the needle-views work fills it in.)
 */
export function ProbeDepthSlider(_props: { session: ViewerSession }) {
  return null;
}
