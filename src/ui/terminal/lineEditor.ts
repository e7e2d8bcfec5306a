/**
 * Readline-style editing for the terminal's input line: Ctrl-A/E (start/end), Ctrl-U/K (kill
 * before/after the cursor), Ctrl-W (kill a word), Up/Down (history), Tab (complete a command
 * name), and the keys a program receives: Ctrl-C, Ctrl-D (on an empty line), Ctrl-]. The browser's <input> already does arrows, Home/End and Backspace; this adds the rest.
 */

export interface Line {
  text: string;
  cursor: number;
}

export interface HistoryCursor {
  /** Position in the history while browsing it; history.length = the line being typed. */
  index: number;
  /** What was typed before browsing started. */
  draft: string;
}

export type KeyResult =
  | { kind: 'edit'; line: Line; history?: HistoryCursor }
  | { kind: 'submit' }
  | { kind: 'interrupt' }
  /** Ctrl-D on an empty line: end of input (mail's message, an su shell). */
  | { kind: 'eof' }
  /** Ctrl-]: telnet's escape character. */
  | { kind: 'escape' }
  | { kind: 'clear' }
  | { kind: 'none' };

/** Commands a student types in the course, for Tab completion of the first word. */
export const KNOWN_COMMANDS = [
  'cat', 'clear', 'dig', 'echo', 'exit', 'help', 'host', 'hostname', 'mail', 'mailq', 'newaliases', 'nslookup',
  'postconf', 'postfix', 'postmap', 'postqueue', 'postsuper', 'sendmail', 'su', 'tail', 'telnet', 'whoami',
];

export interface KeyInput {
  key: string;
  ctrl: boolean;
  alt?: boolean;
}

export function handleKey(line: Line, k: KeyInput, history: readonly string[], browse: HistoryCursor): KeyResult {
  const { text, cursor } = line;
  if (k.ctrl && !k.alt) {
    switch (k.key.toLowerCase()) {
      case 'a':
        return { kind: 'edit', line: { text, cursor: 0 } };
      case 'e':
        return { kind: 'edit', line: { text, cursor: text.length } };
      case 'u':
        return { kind: 'edit', line: { text: text.slice(cursor), cursor: 0 } };
      case 'k':
        return { kind: 'edit', line: { text: text.slice(0, cursor), cursor } };
      case 'w': {
        const before = text.slice(0, cursor).replace(/\S+\s*$/, '');
        return { kind: 'edit', line: { text: before + text.slice(cursor), cursor: before.length } };
      }
      case 'c':
        return { kind: 'interrupt' };
      case 'd':
        // As in bash: Ctrl-D deletes under the cursor, and only ends input on an empty line.
        if (text === '') return { kind: 'eof' };
        return { kind: 'edit', line: { text: text.slice(0, cursor) + text.slice(cursor + 1), cursor } };
      case ']':
        return { kind: 'escape' };
      case 'l':
        return { kind: 'clear' };
      default:
        return { kind: 'none' };
    }
  }
  switch (k.key) {
    case 'Enter':
      return { kind: 'submit' };
    case 'ArrowUp': {
      if (browse.index <= 0) return { kind: 'none' };
      const draft = browse.index === history.length ? text : browse.draft;
      const index = browse.index - 1;
      return { kind: 'edit', line: { text: history[index], cursor: history[index].length }, history: { index, draft } };
    }
    case 'ArrowDown': {
      if (browse.index >= history.length) return { kind: 'none' };
      const index = browse.index + 1;
      const next = index === history.length ? browse.draft : history[index];
      return { kind: 'edit', line: { text: next, cursor: next.length }, history: { index, draft: browse.draft } };
    }
    case 'Tab': {
      const word = text.slice(0, cursor);
      if (/\s/.test(word) || word === '') return { kind: 'none' };
      const matches = KNOWN_COMMANDS.filter((c) => c.startsWith(word));
      if (matches.length === 0) return { kind: 'none' };
      const common = matches.reduce((a, b) => {
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        return a.slice(0, i);
      });
      const completed = matches.length === 1 ? `${common} ` : common;
      return { kind: 'edit', line: { text: completed + text.slice(cursor), cursor: completed.length } };
    }
    default:
      return { kind: 'none' };
  }
}

/** Adds a submitted line to the history (not blank lines, not an immediate repeat), as bash does. */
export function remember(history: string[], line: string, max = 500): void {
  if (line.trim() === '' || history[history.length - 1] === line) return;
  history.push(line);
  if (history.length > max) history.shift();
}
