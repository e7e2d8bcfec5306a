/**
 * The keyboard shortcuts of the whole page. Keys typed into a field, a terminal, a tab list or
 * the timeline slider belong to that element, not to the page.
 */
export type ShortcutAction =
  | 'toggle'
  | 'stepForward'
  | 'stepBack'
  | 'jumpForward'
  | 'jumpBack'
  | 'start'
  | 'end'
  | 'faster'
  | 'slower'
  | 'help'
  | 'terminal'
  | 'escape'
  | `view${1 | 2 | 3 | 4 | 5 | 6}`;

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

function ownsKeys(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as Element;
  return el.closest('input, textarea, select, [contenteditable="true"], [role="tab"], [role="slider"], [data-owns-keys]') !== null;
}

export function shortcutFor(e: KeyLike): ShortcutAction | undefined {
  if (e.key === 'Escape') return 'escape';
  if (e.ctrlKey || e.altKey || e.metaKey || ownsKeys(e.target)) return undefined;
  switch (e.key) {
    case ' ':
      // A focused button already answers Space by clicking itself.
      if ((e.target as Element | null)?.closest?.('button, a, summary')) return undefined;
      return 'toggle';
    case 'ArrowRight':
      return e.shiftKey ? 'jumpForward' : 'stepForward';
    case 'ArrowLeft':
      return e.shiftKey ? 'jumpBack' : 'stepBack';
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    case '+':
    case '=':
      return 'faster';
    case '-':
      return 'slower';
    case '?':
      return 'help';
    case 't':
      return 'terminal';
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
      return `view${Number(e.key) as 1 | 2 | 3 | 4 | 5 | 6}`;
    default:
      return undefined;
  }
}

/** The list the "?" dialog shows: keys and the i18n key of what they do. */
export const SHORTCUT_HELP = [
  ['Space', 'keys.toggle'],
  ['→ / ←', 'keys.step'],
  ['Shift + → / ←', 'keys.jump'],
  ['Home / End', 'keys.startEnd'],
  ['+ / −', 'keys.speed'],
  ['1 – 6', 'keys.views'],
  ['t', 'keys.terminal'],
  ['Ctrl-C, Ctrl-A/E/U/K/W, ↑ ↓, Tab', 'keys.terminalEdit'],
  ['?', 'keys.help'],
  ['Esc', 'keys.escape'],
] as const;
