/**
 * /var/log/maillog of one host. Every line is also a trace event, so the UI's maillog panel and
 * `tail /var/log/maillog` in the terminal show the same text.
 */
import { syslogStamp, type Zone } from './time';
import type { TraceBus } from './trace';

export interface SyslogClock {
  /** Virtual ms since the scenario start. */
  now(): number;
  /** Epoch ms of virtual time 0. */
  readonly startEpoch: number;
  readonly zone: Zone;
}

export class Syslog {
  /** The lines as written, time stamp and host name included. */
  readonly lines: string[] = [];
  /** The short host name syslog prints (the first label of the host name). */
  readonly shortName: string;

  constructor(
    readonly hostName: string,
    private readonly clock: SyslogClock,
    private readonly trace: TraceBus,
  ) {
    this.shortName = hostName.split('.')[0] || hostName;
  }

  /** Writes "program[pid]: text" ("program: text" when pid is 0, as Dovecot logs) and returns the line. */
  write(program: string, pid: number, text: string, queueId?: string): string {
    const stamp = syslogStamp(this.clock.startEpoch + this.clock.now(), this.clock.zone);
    const tag = pid > 0 ? `${program}[${pid}]` : program;
    const line = `${stamp} ${this.shortName} ${tag}: ${text}`;
    this.lines.push(line);
    this.trace.emit({ kind: 'log', host: this.hostName, program, pid, text, line, ...(queueId ? { queueId } : {}) });
    return line;
  }

  /** The line without its time stamp and host name, as the conformance cases record it. */
  static bare(line: string): string {
    return line.replace(/^\S+\s+\d+ \d\d:\d\d:\d\d \S+ /, '');
  }
}
