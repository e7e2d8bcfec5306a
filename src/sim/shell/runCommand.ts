/**
 * Runs one command line on a host, as a student would type it in the host's terminal, for the
 * conformance replay of DNS cases: words split as bash splits them (quotes, backslashes), and a
 * pipeline whose first stage is echo or printf feeds that text to the last one's standard input
 * (`printf 'set type=mx\nexample.org\n' | nslookup`).
 */
import type { SimHost } from '../host/simHost';
import type { World } from '../world';
import { isDnsCommand, runDnsCommand } from '../dns/hostTools';
import { parseCommandLine } from './commandLine';

export interface CommandResult {
  stdout: string[];
  exitStatus: number;
}

export function runCommand(world: World, host: SimHost, line: string): CommandResult {
  const items = parseCommandLine(line);
  if (items.length !== 1) return notFound(line.trim().split(/\s+/)[0] ?? '');
  const stages = items[0].stages;
  let stdin: string[] | undefined;
  for (const stage of stages.slice(0, -1)) {
    const text = producedText(stage.argv);
    if (text === undefined) return notFound(stage.argv[0] ?? '');
    stdin = text.replace(/\n$/, '').split('\n');
  }
  const argv = stages[stages.length - 1].argv;
  if (isDnsCommand(argv[0])) return runDnsCommand(host, world, argv, stdin);
  return notFound(argv[0] ?? '');
}

function notFound(name: string): CommandResult {
  return { stdout: [`-bash: ${name}: command not found`], exitStatus: 127 };
}

/** What echo or printf writes to its standard output; undefined for any other program. */
function producedText(argv: string[]): string | undefined {
  const [name, ...args] = argv;
  if (name === 'echo') {
    let i = 0;
    let newline = true;
    let escapes = false;
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      if (args[i].includes('n')) newline = false;
      if (args[i].includes('e')) escapes = true;
      if (args[i].includes('E')) escapes = false;
    }
    const text = args.slice(i).join(' ');
    return (escapes ? backslashEscapes(text) : text) + (newline ? '\n' : '');
  }
  if (name === 'printf') return args.length === 0 ? '' : printf(args[0], args.slice(1));
  return undefined;
}

/** bash's printf: the format's escapes and %s/%d/%% conversions, reused while arguments remain. */
export function printf(format: string, args: string[]): string {
  let out = '';
  let next = 0;
  do {
    let consumed = false;
    out += backslashEscapes(format).replace(/%([%sdib])/g, (_, conv: string) => {
      if (conv === '%') return '%';
      consumed = true;
      const arg = args[next++] ?? '';
      if (conv === 'd' || conv === 'i') return String(Number.parseInt(arg, 10) || 0);
      return conv === 'b' ? backslashEscapes(arg) : arg;
    });
    if (!consumed) break;
  } while (next < args.length);
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

function backslashEscapes(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (all, e: string) => {
    if (e[0] === '0') return String.fromCharCode(Number.parseInt(e.slice(1) || '0', 8));
    if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? all;
  });
}
