/**
 * Test helpers for the shell: an engine on the default lesson (or a variant of it), and a way to
 * type a line into a host's terminal and get back exactly the lines the user would see.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LESSON } from '../../../src/lessons/defaultLesson';
import { Syslog } from '../../../src/sim/core/syslog';
import { Engine } from '../../../src/sim/engine';
import type { HostSpec, Scenario } from '../../../src/sim/scenario/schema';
import { CTRL_D, type Terminal } from '../../../src/sim/shell/terminal';

export const MAIL = 'mail.example.com';
export const WS = 'ws.example.com';

/** The default lesson without its scripted telnet session, optionally changed. */
export function lesson(change: (s: Scenario) => void = () => {}): Engine {
  const scenario: Scenario = structuredClone({ ...DEFAULT_LESSON, script: [] });
  change(scenario);
  return new Engine(scenario);
}

export function mailHost(s: Scenario): HostSpec {
  return s.hosts.find((h) => h.name === MAIL)!;
}

export class Session {
  readonly terminal: Terminal;

  constructor(
    readonly engine: Engine,
    host = MAIL,
    id = 1,
  ) {
    this.terminal = engine.terminal(host, id);
  }

  /** Types a line, lets `ms` of virtual time pass, returns what the terminal printed after the echo. */
  type(line: string, ms = 0): string[] {
    const start = this.terminal.transcript.length;
    this.terminal.input(line);
    if (ms > 0) this.engine.advanceTo(this.engine.now + ms);
    // Ctrl-D is not echoed; every other line is, after the prompt.
    return this.terminal.transcript.slice(start + (line === CTRL_D ? 0 : 1));
  }

  /** Lines printed from now until `ms` of virtual time has passed. */
  wait(ms: number): string[] {
    const start = this.terminal.transcript.length;
    this.engine.advanceTo(this.engine.now + ms);
    return this.terminal.transcript.slice(start);
  }

  /** The maillog since `from` lines, without time stamps and host name. */
  log(from = 0): string[] {
    return this.engine.world.host(this.terminal.host.name)!.log.lines.slice(from).map((l) => Syslog.bare(l));
  }

  get logLength(): number {
    return this.terminal.host.log.lines.length;
  }
}

/** A fixture recorded from the real tools, as lines (without the final newline). */
export function fixture(...path: string[]): string[] {
  return readFileSync(join(__dirname, 'fixtures', ...path), 'utf8').replace(/\n$/, '').split('\n');
}

/** Postfix's process ids differ from run to run: "[1234]" becomes "[PID]". */
export function maskPids(lines: string[]): string[] {
  return lines.map((l) => l.replace(/\[\d+\]/g, '[PID]'));
}
