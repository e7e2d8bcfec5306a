/**
 * grep PATTERN [FILE...]: GNU grep over the host's files or piped input — what students use
 * to find a queue id in the maillog ("grep 9D29380F3D /var/log/maillog") or a parameter in
 * postconf's output. Basic regular expressions by default, -E extended, -F fixed strings;
 * -i -v -c -n -w -l -q -o -h -H. Exit status 0, 1 or 2 as GNU grep's.
 */
import { registerCommand } from '../registry';
import type { CommandResult } from '../terminal';
import { openFile } from './fileCommands';
import { getopt } from './getopt';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};

/** A bracket expression from index `i` (at "["), with POSIX classes made JavaScript's. */
function bracket(p: string, i: number): { text: string; end: number } {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length && p[j] !== ']') j = p.startsWith('[:', j) ? p.indexOf(':]', j) + 2 : j + 1;
  const inner = p.slice(i + 1, j).replace(/\[:(\w+):\]/g, (_, c: string) => CLASSES[c] ?? '').replace(/\\/g, '\\\\');
  return { text: `[${inner}]`, end: j };
}

/** A POSIX basic or extended regular expression as a JavaScript one. */
export function toJsRegex(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '[') {
      const b = bracket(pattern, i);
      out += b.text;
      i = b.end;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      if (!extended && '(){}|+?'.includes(next)) out += next;
      else if (next === '<' || next === '>') out += '\\b';
      else out += `\\${next}`;
    } else if (!extended && '(){}|+?'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

const USAGE = ['Usage: grep [OPTION]... PATTERNS [FILE]...', "Try 'grep --help' for more information."];

registerCommand(['grep', 'egrep', 'fgrep'], (ctx, argv): CommandResult => {
  const parsed = getopt(argv.slice(1), 'EFGiyvcnwlLqsohHe:');
  if (parsed.error) return { output: [`grep: ${parsed.error}`, ...USAGE], exitStatus: 2 };
  const on = (f: string) => parsed.options.some((o) => o.flag === f);
  const explicit = parsed.options.find((o) => o.flag === 'e')?.arg;
  const operands = [...parsed.operands];
  const pattern = explicit ?? operands.shift();
  if (pattern === undefined) return { output: USAGE, exitStatus: 2 };
  const extended = on('E') || argv[0] === 'egrep';
  let source = on('F') || argv[0] === 'fgrep' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : toJsRegex(pattern, extended);
  if (on('w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
  let regex: RegExp;
  try {
    regex = new RegExp(source, on('i') || on('y') ? 'gi' : 'g');
  } catch {
    return { output: ['grep: Invalid regular expression'], exitStatus: 2 };
  }
  const named = operands.length > 1 ? !on('h') : on('H');
  const output: string[] = [];
  let matched = false;
  let failed = false;
  const files = operands.length === 0 ? ['-'] : operands;
  for (const file of files) {
    let lines: string[];
    if (file === '-') lines = ctx.stdin ?? [];
    else {
      const r = openFile(ctx, 'grep', file);
      if ('error' in r) {
        if (!on('s')) output.push(r.error);
        failed = true;
        continue;
      }
      lines = r.lines;
    }
    const label = file === '-' ? '(standard input)' : file;
    const hits = lines.map((line, n) => ({ line, n })).filter(({ line }) => (regex.lastIndex = 0, regex.test(line)) !== on('v'));
    if (hits.length > 0) matched = true;
    if (on('q')) continue;
    if (on('l')) {
      if (hits.length > 0) output.push(label);
      continue;
    }
    if (on('c')) {
      output.push(named ? `${label}:${hits.length}` : String(hits.length));
      continue;
    }
    for (const { line, n } of hits) {
      const prefix = `${named ? `${label}:` : ''}${on('n') ? `${n + 1}:` : ''}`;
      if (on('o') && !on('v')) for (const m of line.match(regex) ?? []) output.push(`${prefix}${m}`);
      else output.push(`${prefix}${line}`);
    }
  }
  if (on('q') && matched) return { output: [], exitStatus: 0 };
  return { output, exitStatus: failed ? 2 : matched ? 0 : 1 };
});
