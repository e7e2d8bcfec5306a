/**
 * What happens when local(8) runs a "|command" from an alias or a .forward file, for the
 * handful of commands a course writes there. Postfix first tries to exec the command itself
 * when it has no shell characters (exec_command.c): an absolute path that does not exist is then
 * "local: fatal: execvp PATH: No such file or directory" with exit status 75; everything else
 * goes to /bin/sh -c (Debian's dash), whose words we follow as far as these commands need:
 *
 *   true, :, false, exit [N], echo [-n] WORDS, cat [FILE...]       (builtins and /usr/bin programs)
 *   CMD > FILE, CMD >> FILE, 2>&1, 2>/dev/null, < FILE              (redirections; FILE written as the user)
 *   A ; B, A && B, A || B, A | B                                   (lists and pipelines)
 *
 * Any other program is not on the simulated host: dash says "sh: 1: NAME: not found", status 127.
 * The message arrives on stdin as local writes it to a command (From line, Return-Path,
 * X-Original-To, Delivered-To, then the message). The result is the exit status and what the
 * command printed on stdout and stderr; pipeCommand.ts turns that into local's verdict.
 */
import { STRERROR, type Errno } from '../../host/fileAccess';
import { EXEC_FAILED_STATUS, type CommandRun } from './pipeCommand';

/** What a command may do on the host, as the delivering user. */
export interface CommandHost {
  /** The message as the command reads it on stdin. */
  stdin: string;
  /** Writes (or appends) `text` to a file; `message` when the text is the piped message itself. */
  writeFile(path: string, text: string, append: boolean, message: boolean): Errno | undefined;
  /** A file's text, for `cat FILE` and `< FILE`; undefined when it cannot be read. */
  readFile(path: string): string | undefined;
}

/** Programs the simulated host has in /usr/bin (and, Debian being merged-/usr, in /bin). */
const PROGRAMS = new Set(['cat', 'echo', 'true', 'false']);
const BIN_DIRECTORIES = ['/usr/bin', '/bin'];

/** exec_command's "no shell needed" character set: letters, digits, !@%-_=+:,./ and blanks. */
const NO_SHELL = /^[0-9A-Za-z!@%\-_=+:,./ \t]*$/;

export function runDeliveryCommand(command: string, host: CommandHost): CommandRun {
  if (NO_SHELL.test(command) && command.trim() !== '') {
    const argv = command.trim().split(/[ \t]+/);
    const program = programName(argv[0]);
    if (program === undefined && argv[0].includes('/')) {
      return { exitStatus: EXEC_FAILED_STATUS, output: `local: fatal: execvp ${argv[0]}: ${STRERROR.ENOENT}\n` };
    }
    // A name found nowhere may still be a shell builtin (exit, :): sh -c gets it.
  }
  return new Dash(host).run(command);
}

/** The program a command word names, when the host has it. */
function programName(word: string): string | undefined {
  if (!word.includes('/')) return PROGRAMS.has(word) ? word : undefined;
  const slash = word.lastIndexOf('/');
  const dir = word.slice(0, slash);
  const name = word.slice(slash + 1);
  return BIN_DIRECTORIES.includes(dir) && PROGRAMS.has(name) ? name : undefined;
}

interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: string;
}

interface SimpleCommand {
  words: string[];
  redirects: Redirect[];
}

/** A stop of the whole script (exit N). */
class ExitSignal {
  constructor(readonly status: number) {}
}

/** The part of dash -c that the commands above need. */
class Dash {
  private output = '';

  constructor(private readonly host: CommandHost) {}

  run(script: string): CommandRun {
    let status = 0;
    try {
      for (const { op, pipeline } of splitList(script)) {
        if (op === '&&' && status !== 0) continue;
        if (op === '||' && status === 0) continue;
        status = this.pipeline(pipeline);
      }
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      status = e.status;
    }
    return { exitStatus: status, output: this.output };
  }

  private pipeline(text: string): number {
    let stdin = this.host.stdin;
    let status = 0;
    const stages = splitOutside(text, '|');
    stages.forEach((stage, i) => {
      const last = i === stages.length - 1;
      const result = this.simple(parseSimple(stage), stdin, !last);
      stdin = result.stdout;
      status = result.status;
    });
    return status;
  }

  /** Runs one command; its stdout goes on to the next stage (`piped`) or into the captured output. */
  private simple(cmd: SimpleCommand, stdin: string, piped: boolean): { status: number; stdout: string } {
    let input = stdin;
    let out: { path: string; append: boolean } | undefined;
    let errToOut = false;
    let errDiscarded = false;
    for (const r of cmd.redirects) {
      if (r.op === '<') {
        const text = r.target === '/dev/null' ? '' : this.host.readFile(r.target);
        if (text === undefined) return this.fail(`sh: 1: cannot open ${r.target}: ${STRERROR.ENOENT}\n`, 2);
        input = text;
      } else if (r.op === '>&') {
        if (r.fd === 2 && r.target === '1') errToOut = true;
      } else if (r.fd === 2) {
        errDiscarded = r.target === '/dev/null';
      } else {
        // dash opens (creates) the file before it runs the command.
        const problem = r.target === '/dev/null' ? undefined : this.host.writeFile(r.target, '', r.op === '>>', false);
        if (problem) return this.fail(`sh: 1: cannot create ${r.target}: ${problem === 'ENOENT' ? 'Directory nonexistent' : STRERROR[problem]}\n`, 2);
        out = { path: r.target, append: true };
      }
    }
    const result = this.execute(cmd.words, input);
    if (result.stderr && !errDiscarded) {
      if (errToOut && out) this.writeOut(out.path, result.stderr, false);
      else this.output += result.stderr;
    }
    if (out) {
      if (out.path !== '/dev/null' && result.stdout) this.writeOut(out.path, result.stdout, result.message);
      return { status: result.status, stdout: '' };
    }
    if (piped) return { status: result.status, stdout: result.stdout };
    this.output += result.stdout;
    return { status: result.status, stdout: '' };
  }

  private writeOut(path: string, text: string, message: boolean): void {
    this.host.writeFile(path, text, true, message);
  }

  private fail(message: string, status: number): { status: number; stdout: string } {
    this.output += message;
    return { status, stdout: '' };
  }

  private execute(words: string[], stdin: string): { status: number; stdout: string; stderr: string; message: boolean } {
    const done = (status: number, stdout = '', stderr = '', message = false) => ({ status, stdout, stderr, message });
    if (words.length === 0) return done(0);
    const [name, ...args] = words;
    switch (name) {
      case 'exit':
        throw new ExitSignal(args.length > 0 && /^\d+$/.test(args[0]) ? Number(args[0]) & 255 : 0);
      case ':':
        return done(0);
    }
    const program = programName(name) ?? (name === 'echo' || name === 'true' || name === 'false' ? name : undefined);
    switch (program) {
      case 'true':
        return done(0);
      case 'false':
        return done(1);
      case 'echo': {
        const newline = args[0] !== '-n';
        return done(0, `${(newline ? args : args.slice(1)).join(' ')}${newline ? '\n' : ''}`);
      }
      case 'cat': {
        if (args.length === 0 || (args.length === 1 && args[0] === '-')) return done(0, stdin, '', true);
        let text = '';
        let err = '';
        for (const file of args) {
          const content = file === '-' ? stdin : this.host.readFile(file);
          if (content === undefined) err += `cat: ${file}: ${STRERROR.ENOENT}\n`;
          else text += content;
        }
        return done(err ? 1 : 0, text, err);
      }
      default:
        return done(127, '', `sh: 1: ${name}: not found\n`);
    }
  }
}

/** Splits a script into pipelines joined by ;, newlines, && and ||, outside quotes. */
function splitList(script: string): { op: ';' | '&&' | '||'; pipeline: string }[] {
  const out: { op: ';' | '&&' | '||'; pipeline: string }[] = [];
  let op: ';' | '&&' | '||' = ';';
  let current = '';
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = '';
      current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
      continue;
    }
    const two = script.slice(i, i + 2);
    if (ch === ';' || ch === '\n' || two === '&&' || two === '||') {
      if (current.trim()) out.push({ op, pipeline: current });
      op = ch === ';' || ch === '\n' ? ';' : (two as '&&' | '||');
      current = '';
      if (two === '&&' || two === '||') i++;
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push({ op, pipeline: current });
  return out;
}

/** Splits on a single character outside quotes (| between pipeline stages). */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

/** Words and redirections of one simple command, quotes removed. */
function parseSimple(text: string): SimpleCommand {
  const words: string[] = [];
  const redirects: Redirect[] = [];
  let pending: { fd: number; op: Redirect['op'] } | undefined;
  const re = /(\d?)(>>|>&|>|<)|'([^']*)'|"((?:[^"\\]|\\.)*)"|((?:[^\s'"<>\\]|\\.)+)/g;
  let word: string | undefined;
  const flush = () => {
    if (word === undefined) return;
    if (pending) redirects.push({ ...pending, target: word });
    else words.push(word);
    pending = undefined;
    word = undefined;
  };
  let last = 0;
  for (const m of text.matchAll(re)) {
    const gap = text.slice(last, m.index);
    if (/\s/.test(gap)) flush();
    last = (m.index ?? 0) + m[0].length;
    if (m[2]) {
      flush();
      pending = { fd: m[1] ? Number(m[1]) : m[2] === '<' ? 0 : 1, op: m[2] as Redirect['op'] };
      continue;
    }
    const piece = m[3] ?? (m[4] !== undefined ? m[4].replace(/\\(.)/g, '$1') : m[5].replace(/\\(.)/g, '$1'));
    word = (word ?? '') + piece;
  }
  flush();
  return { words, redirects };
}
