/**
 * Where a compare panel scrolls after an update: to the event a summary item pointed at (the
 * focus), or else to the newest line, as the classroom's panels do.
 */
export function scrollPanel(scroller: HTMLElement | undefined, focusSeq: number | undefined): void {
  if (!scroller) return;
  const target = focusSeq === undefined ? null : scroller.querySelector<HTMLElement>(`[data-seq="${focusSeq}"]`);
  if (target) {
    // offsetTop is relative to the scroller (it is positioned): no page scrolling involved.
    scroller.scrollTop = Math.max(0, target.offsetTop - scroller.clientHeight / 3);
  } else {
    scroller.scrollTop = scroller.scrollHeight;
  }
}
