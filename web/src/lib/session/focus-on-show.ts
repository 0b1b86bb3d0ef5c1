/**
 * A Svelte action: focus the element as it appears. Used on the heading of a form's
 * next step (the form itself is gone), so keyboard and screen reader users are taken
 * to what changed instead of being left at the top of the page.
 */
export function focusOnShow(node: HTMLElement): void {
  node.focus();
}
