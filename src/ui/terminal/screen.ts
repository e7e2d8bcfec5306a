/**
 * A terminal's screen after the first n events: the lines shown, and the prompt now. An input
 * event shows as prompt + what was typed; "clear" (ESC [2J) empties the screen.
 */
import type { TraceIndex } from '../../sim/projection/traceIndex';
import { countBelow } from '../../sim/projection/traceIndex';

export interface Screen {
  lines: { text: string; input: boolean }[];
  prompt: string;
  /** Lines dropped from the top (a very long session). */
  dropped: number;
}

const MAX_LINES = 3000;

export function screenAt(index: TraceIndex, host: string, terminal: number, n: number, initialPrompt: string): Screen {
  const seqs = index.terminals.get(`${host}\t${terminal}`) ?? [];
  const upto = countBelow(seqs, n);
  let lines: Screen['lines'] = [];
  let prompt = initialPrompt;
  let dropped = 0;
  for (let i = 0; i < upto; i++) {
    const e = index.events[seqs[i]];
    if (e.kind !== 'terminal') continue;
    if (e.input !== undefined) lines.push({ text: `${prompt}${e.input}`, input: true });
    for (const out of e.output) {
      if (out.includes('\x1b[2J')) {
        dropped += lines.length;
        lines = [];
        continue;
      }
      lines.push({ text: out, input: false });
    }
    prompt = e.prompt;
    if (lines.length > MAX_LINES * 1.5) {
      dropped += lines.length - MAX_LINES;
      lines = lines.slice(-MAX_LINES);
    }
  }
  return { lines, prompt, dropped };
}
