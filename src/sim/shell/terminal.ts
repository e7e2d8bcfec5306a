/**
 * A terminal on a simulated host: the user types a line, the shell runs it, output comes back
 * as trace events (so the UI shows it, and a replay of the same inputs shows the same thing).
 * A program such as telnet or mail takes over the terminal until it ends.
 */
import type { SimHost } from '../host/simHost';
import type { World } from '../world';
import { parseCommandLine, type ListItem, type Stage } from './commandLine';
import { findCommand } from './registry';

/** A program that owns the terminal while it runs (telnet, mail, tail -f, sendmail's body). */
export interface ForegroundProgram {
  /** A line the user typed. */
  input(line: string): void;
  /** Ctrl-C (or Ctrl-] then "quit" for telnet). */
  interrupt(): void;
  /** Ctrl-D on an empty line: end of input (mail's message body, sendmail). */
  eof?(): void;
  /** Ctrl-]: telnet's escape to its own prompt (programs without it treat it as Ctrl-C). */
  escape?(): void;
  /** The prompt while it runs ("& " for mail, "" for telnet). */
  readonly prompt: string;
}

export interface ShellContext {
  readonly world: World;
  readonly host: SimHost;
  readonly terminal: Terminal;
  /** The user running the command. */
  readonly user: string;
  /** Prints lines to the terminal now. */
  print(lines: string | string[]): void;
  /** Lines from a pipe or a "< file" redirection; undefined when the terminal is the input. */
  readonly stdin?: string[];
  /** Hands the terminal to a program until it calls `done`. */
  foreground(program: ForegroundProgram): void;
  /** The foreground program ended: the shell prompt comes back. */
  done(exitStatus?: number): void;
}

export type CommandResult = { output: string[]; exitStatus: number } | 'foreground';

export type Command = (ctx: ShellContext, argv: string[]) => CommandResult;

/** Control keys a terminal can send as a line of their own (so a replay can type them too). */
export const CTRL_C = '\x03';
export const CTRL_D = '\x04';
export const CTRL_BRACKET = '\x1d';

export class Terminal {
  private program?: ForegroundProgram;
  private userStack: string[];
  /** The rest of a command list ("a; b && c") waiting for a foreground program to end. */
  private pending: ListItem[] = [];
  /** Output of commands in a list not yet shown (it goes out with the next print or at the end). */
  private buffered: string[] = [];
  lastExitStatus = 0;
  /** Every line shown, for tests and for a terminal opened again. */
  readonly transcript: string[] = [];

  constructor(
    readonly world: World,
    readonly host: SimHost,
    readonly id: number,
    user = 'root',
  ) {
    this.userStack = [user];
  }

  get user(): string {
    return this.userStack[this.userStack.length - 1];
  }

  /** "[root@mail ~]# " as on the course's CentOS hosts. */
  get prompt(): string {
    if (this.program) return this.program.prompt;
    const short = this.host.name.split('.')[0];
    return `[${this.user}@${short} ~]${this.user === 'root' ? '#' : '$'} `;
  }

  get busy(): boolean {
    return this.program !== undefined;
  }

  /** su - USER; exit returns to the previous user. */
  pushUser(user: string): void {
    this.userStack.push(user);
  }

  popUser(): boolean {
    if (this.userStack.length <= 1) return false;
    this.userStack.pop();
    return true;
  }

  input(line: string): void {
    if (line === CTRL_C || line === CTRL_BRACKET) {
      // The key shows as "^C" where it was typed; a program decides what it means.
      this.emit([], line === CTRL_C ? '^C' : '^]');
      if (line === CTRL_BRACKET && this.program?.escape) this.program.escape();
      else this.program?.interrupt();
      return;
    }
    if (line === CTRL_D) {
      this.eof();
      return;
    }
    this.emit([], line);
    if (this.program) {
      this.program.input(line);
      return;
    }
    this.run(line);
  }

  interrupt(): void {
    if (this.program) this.program.interrupt();
    else this.emit(['^C']);
  }

  /**
   * Ctrl-D: nothing is echoed; a program takes it as the end of its input, and at the prompt it
   * leaves an "su" shell, as bash does ("logout" after the prompt).
   */
  eof(): void {
    if (this.program) {
      if (this.program.eof) this.program.eof();
      else this.program.interrupt();
      return;
    }
    if (this.userStack.length > 1) {
      this.emit([], 'logout');
      this.popUser();
      this.emit([]);
    }
  }

  /** Prints output lines (with the current prompt) as a trace event. */
  emit(output: string[], input?: string): void {
    this.transcript.push(...(input !== undefined ? [`${this.prompt}${input}`] : []), ...output);
    this.world.trace.emit({
      kind: 'terminal',
      host: this.host.name,
      terminal: this.id,
      output,
      prompt: this.prompt,
      ...(input !== undefined ? { input } : {}),
    });
  }

  private run(line: string): void {
    this.pending = parseCommandLine(line, (name) => this.variable(name));
    this.continueList();
  }

  /** The login environment bash has on the host ($HOME, $USER, $? ...). */
  private variable(name: string): string | undefined {
    const home = this.host.accounts.get(this.user)?.home ?? '/root';
    const vars: Record<string, string> = {
      HOME: home,
      PWD: home,
      USER: this.user,
      LOGNAME: this.user,
      HOSTNAME: this.host.name.split('.')[0],
      SHELL: '/bin/bash',
      MAIL: `/var/spool/mail/${this.user}`,
      PATH: this.user === 'root' ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games',
      '?': String(this.lastExitStatus),
    };
    return vars[name];
  }

  /** Runs the list's pipelines in turn until one takes the terminal over; shows the output at the end. */
  private continueList(): void {
    while (this.pending.length > 0) {
      const item = this.pending.shift()!;
      if (item.op === '&&' && this.lastExitStatus !== 0) continue;
      if (item.op === '||' && this.lastExitStatus === 0) continue;
      const result = this.runPipeline(item.stages);
      if (result === 'foreground') {
        this.flush();
        return;
      }
      this.lastExitStatus = result.exitStatus;
      this.buffered.push(...result.output);
    }
    this.flush(true);
  }

  /** Shows what the list printed so far (and the prompt, at the end). */
  private flush(always = false): void {
    if (this.buffered.length === 0 && !always) return;
    const lines = this.buffered;
    this.buffered = [];
    this.emit(lines);
  }

  /** A pipeline: each stage reads the previous one's output; the last one may go to a file. */
  private runPipeline(stages: Stage[]): CommandResult {
    let stdin: string[] | undefined;
    let result: { output: string[]; exitStatus: number } = { output: [], exitStatus: 0 };
    for (const stage of stages) {
      if (stage.input !== undefined) {
        const text = this.host.fs.read(this.resolvePath(stage.input));
        if (text === undefined) return { output: [`-bash: ${stage.input}: No such file or directory`], exitStatus: 1 };
        stdin = text.replace(/\n$/, '').split('\n');
      }
      const ran = this.runCommand(stage.argv, stdin);
      if (ran === 'foreground') return ran;
      result = ran;
      if (stage.output) result = this.writeOutput(stage.output, ran.output) ?? { output: [], exitStatus: ran.exitStatus };
      stdin = result.output;
    }
    return result;
  }

  private runCommand(argv: string[], stdin: string[] | undefined): CommandResult {
    if (argv.length === 0) return { output: [], exitStatus: 0 };
    const command = findCommand(argv[0]);
    if (!command) return { output: [`-bash: ${argv[0]}: command not found`], exitStatus: 127 };
    try {
      return command(this.context(stdin), argv);
    } catch (e) {
      // A command must never take the terminal down; show what went wrong instead.
      return { output: [`${argv[0]}: internal error: ${(e as Error).message}`], exitStatus: 70 };
    }
  }

  /** A path as the shell sees it: relative ones from the home directory (the prompt's "~"). */
  resolvePath(path: string): string {
    if (path.startsWith('/')) return path;
    const home = this.host.accounts.get(this.user)?.home ?? '/root';
    return `${home}/${path.replace(/^~\/?/, '').replace(/^\.\//, '')}`.replace(/\/$/, '');
  }

  /** "> file" and ">> file": only root may write outside its home directory. */
  private writeOutput(target: { path: string; append: boolean }, lines: string[]): { output: string[]; exitStatus: number } | undefined {
    if (target.path === '/dev/null') return undefined;
    const path = this.resolvePath(target.path);
    const home = this.host.accounts.get(this.user)?.home ?? '/root';
    if (this.user !== 'root' && !path.startsWith(`${home}/`) && !path.startsWith('/tmp/')) {
      return { output: [`-bash: ${target.path}: Permission denied`], exitStatus: 1 };
    }
    const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    if (target.append) this.host.fs.append(path, text);
    else this.host.fs.write(path, text);
    return undefined;
  }

  private context(stdin?: string[]): ShellContext {
    return {
      world: this.world,
      host: this.host,
      terminal: this,
      user: this.user,
      stdin,
      print: (lines) => {
        const out = [...this.buffered, ...(typeof lines === 'string' ? [lines] : lines)];
        this.buffered = [];
        this.emit(out);
      },
      foreground: (program) => {
        this.program = program;
      },
      done: (exitStatus = 0) => {
        this.program = undefined;
        this.lastExitStatus = exitStatus;
        // The rest of a list ("telnet ...; mailq") runs once the program has ended.
        if (this.pending.length > 0) this.continueList();
        else this.emit([]);
      },
    };
  }
}
