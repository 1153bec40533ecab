/**
 * Where a scrolling list's window starts: where it started before, unless the selection left it,
 * then just far enough to show the selection again (at the top when it left above, at the bottom
 * when it left below). Never past the end, so a shrinking list does not leave empty rows.
 */
export function scrollTop(previousTop: number, selected: number, visible: number, total: number): number {
  let top = previousTop;
  if (selected < top) top = selected;
  if (selected >= top + visible) top = selected - visible + 1;
  return Math.max(0, Math.min(top, Math.max(0, total - visible)));
}
