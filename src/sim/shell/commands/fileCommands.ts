/**
 * cat, head, tail, wc, less and more over the host's files (see hostFiles.ts), with coreutils'
 * messages: "cat: /nosuch: No such file or directory", "==> FILE <==" headers for several
 * files. tail -f keeps printing what is appended until Ctrl-C (tailFollow.ts).
 */
import { registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';
import { exists, mayRead, readLines } from './hostFiles';
import { TailFollower } from './tailFollow';

/** A file's lines for a command, or the error line that command prints. */
export function openFile(ctx: ShellContext, tool: string, path: string): { lines: string[] } | { error: string } {
  const full = ctx.terminal.resolvePath(path);
  const kind = exists(ctx.host, full);
  if (!kind) return { error: `${tool}: ${path}: No such file or directory` };
  if (kind === 'dir') return { error: tool === 'tail' || tool === 'head' ? `${tool}: error reading '${path}': Is a directory` : `${tool}: ${path}: Is a directory` };
  if (!mayRead(ctx.host, ctx.user, full)) return { error: tool === 'tail' || tool === 'head' ? `${tool}: cannot open '${path}' for reading: Permission denied` : `${tool}: ${path}: Permission denied` };
  return { lines: readLines(ctx.host, full) ?? [] };
}

/** Runs `each` over the named files (or the piped input), coreutils style: errors inline, status 1 if any. */
function perFile(ctx: ShellContext, tool: string, files: string[], each: (lines: string[], name: string, index: number) => string[]): { output: string[]; exitStatus: number } {
  if (files.length === 0) return { output: each(ctx.stdin ?? [], '-', 0), exitStatus: 0 };
  const output: string[] = [];
  let status = 0;
  files.forEach((f, i) => {
    const r = openFile(ctx, tool, f);
    if ('error' in r) {
      output.push(r.error);
      status = 1;
    } else output.push(...each(r.lines, f, i));
  });
  return { output, exitStatus: status };
}

registerCommand(['cat', 'less', 'more'], (ctx, argv) => {
  const files = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  return perFile(ctx, argv[0], files, (lines) => lines);
});

/** "-n 20", "-n20", "-20", "-n +5" into a count (and whether it counts from the start). */
function lineCount(args: string[]): { count: number; fromStart: boolean; rest: string[]; follow: boolean; error?: string } {
  let count = 10;
  let fromStart = false;
  let follow = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let n: string | undefined;
    if (a === '-n' || a === '--lines') n = args[++i];
    else if (/^-n.+/.test(a)) n = a.slice(2);
    else if (/^--lines=/.test(a)) n = a.slice(8);
    else if (/^-\d+$/.test(a)) n = a.slice(1);
    else if (a === '-f' || a === '-F' || a === '--follow') follow = true;
    else if (a.startsWith('-') && a !== '-') return { count, fromStart, rest, follow, error: a };
    else rest.push(a);
    if (n !== undefined) {
      if (!/^[+-]?\d+$/.test(n)) return { count, fromStart, rest, follow, error: `invalid number of lines: ‘${n}’` };
      fromStart = n.startsWith('+');
      count = Math.abs(Number(n));
    }
  }
  return { count, fromStart, rest, follow };
}

/** "==> FILE <==" before each file when there are several, a blank line between them. */
function headed(files: string[], name: string, index: number, lines: string[]): string[] {
  if (files.length < 2) return lines;
  return [...(index > 0 ? [''] : []), `==> ${name} <==`, ...lines];
}

function headOrTail(tool: 'head' | 'tail') {
  return (ctx: ShellContext, argv: string[]): CommandResult => {
    const opts = lineCount(argv.slice(1));
    if (opts.error) {
      const text = opts.error.startsWith('invalid') ? `${tool}: ${opts.error}` : `${tool}: invalid option -- '${opts.error.replace(/^-+/, '')[0]}'`;
      return { output: [text, `Try '${tool} --help' for more information.`], exitStatus: 1 };
    }
    const pick = (lines: string[]) => {
      if (tool === 'head') return lines.slice(0, opts.count);
      if (opts.fromStart) return lines.slice(Math.max(0, opts.count - 1));
      return opts.count === 0 ? [] : lines.slice(-opts.count);
    };
    const result = perFile(ctx, tool, opts.rest, (lines, name, i) => headed(opts.rest, name, i, pick(lines)));
    if (tool === 'tail' && opts.follow && opts.rest.length === 1 && result.exitStatus === 0) {
      const follower = new TailFollower(ctx, ctx.terminal.resolvePath(opts.rest[0]));
      ctx.foreground(follower);
      ctx.print(result.output);
      return 'foreground';
    }
    return result;
  };
}

registerCommand('head', headOrTail('head'));
registerCommand('tail', headOrTail('tail'));

registerCommand('wc', (ctx, argv) => {
  const flags = argv.slice(1).filter((a) => a.startsWith('-') && a !== '-').join('').replace(/-/g, '');
  const files = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const want = flags === '' ? ['l', 'w', 'c'] : ['l', 'w', 'c'].filter((f) => flags.includes(f) || (f === 'c' && flags.includes('m')));
  const counts: { name: string; values: number[] }[] = [];
  const result = perFile(ctx, 'wc', files, (lines, name) => {
    const all = { l: lines.length, w: lines.join(' ').split(/\s+/).filter(Boolean).length, c: lines.reduce((n, l) => n + new TextEncoder().encode(l).length + 1, 0) };
    counts.push({ name, values: want.map((f) => all[f as 'l' | 'w' | 'c']) });
    return [];
  });
  if (counts.length > 1) counts.push({ name: 'total', values: want.map((_, i) => counts.reduce((n, c) => n + c.values[i], 0)) });
  // GNU wc pads to the width of the largest number, except for a single number alone.
  const single = want.length === 1 && counts.length === 1;
  const width = single ? 1 : Math.max(1, ...counts.flatMap((c) => c.values.map((v) => String(v).length)));
  const lines = counts.map((c) => [...c.values.map((v) => String(v).padStart(width)), ...(c.name === '-' ? [] : [c.name])].join(' '));
  return { output: [...result.output, ...lines], exitStatus: result.exitStatus };
});
