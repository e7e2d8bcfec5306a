/**
 * Where the timeline slider's thumb is drawn while playing. At 1× the playhead moves far less
 * than a pixel of the slider per animation frame; handing the slider every frame's value made
 * the browser lay out, repaint and re-rasterize the top bar 60 times a second for a thumb that
 * had not visibly moved. Rounded to the slider's pixels, the value changes only when the thumb
 * moves.
 */
export function thumbPosition(p: number, max: number, sliderPx: number): number {
  if (sliderPx <= 0 || max <= 0) return p;
  const pixel = max / sliderPx;
  return Math.min(max, Math.round(p / pixel) * pixel);
}
