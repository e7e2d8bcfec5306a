/**
 * A terminal on a simulated host: the user types a line, the shell runs it, output comes back
 * as trace events (so the UI shows it, and a replay of the same inputs shows the same thing).
 * A program such as telnet or mail takes over the terminal until it ends.
 */
import type { SimHost } from '../host/simHost';
import type { World } from '../world';
import { findCommand } from './registry';
import { splitCommandLine } from './words';

/** A program that owns the terminal while it runs (telnet, mail, tail -f, sendmail's body). */
export interface ForegroundProgram {
  /** A line the user typed. */
  input(line: string): void;
  /** Ctrl-C (or Ctrl-] then "quit" for telnet). */
  interrupt(): void;
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
  /** Hands the terminal to a program until it calls `done`. */
  foreground(program: ForegroundProgram): void;
  /** The foreground program ended: the shell prompt comes back. */
  done(exitStatus?: number): void;
}

export type CommandResult = { output: string[]; exitStatus: number } | 'foreground';

export type Command = (ctx: ShellContext, argv: string[]) => CommandResult;

export class Terminal {
  private program?: ForegroundProgram;
  private userStack: string[];
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
    const argv = splitCommandLine(line);
    if (argv.length === 0) {
      this.emit([]);
      return;
    }
    const command = findCommand(argv[0]);
    if (!command) {
      this.lastExitStatus = 127;
      this.emit([`-bash: ${argv[0]}: command not found`]);
      return;
    }
    let result: CommandResult;
    try {
      result = command(this.context(), argv);
    } catch (e) {
      // A command must never take the terminal down; show what went wrong instead.
      result = { output: [`${argv[0]}: internal error: ${(e as Error).message}`], exitStatus: 70 };
    }
    if (result === 'foreground') return;
    this.lastExitStatus = result.exitStatus;
    this.emit(result.output);
  }

  private context(): ShellContext {
    return {
      world: this.world,
      host: this.host,
      terminal: this,
      user: this.user,
      print: (lines) => this.emit(typeof lines === 'string' ? [lines] : lines),
      foreground: (program) => {
        this.program = program;
      },
      done: (exitStatus = 0) => {
        this.program = undefined;
        this.lastExitStatus = exitStatus;
        this.emit([]);
      },
    };
  }
}
