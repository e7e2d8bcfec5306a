/**
 * One smtpd process serving one client connection: reads lines off the connection, routes them
 * to the statechart as commands, message lines or SASL responses, counts errors against
 * Postfix's limits, and writes the connect/disconnect lines of the maillog.
 */
import type { Actor } from 'xstate';
import { createSimActor } from '../../core/actors';
import type { Connection, Peer } from '../../core/network';
import type { SaslServer } from '../../sasl/types';
import { TLS_SESSION } from '../tls';
import { parseSmtpdCommand } from './command';
import { dataLine } from './dataHandlers';
import { bdatBytes, bdatChunkDone } from './bdatHandlers';
import { smtpdMachine, type SmtpdEvent } from './machine';
import type { SmtpdServices } from './services';
import { count, counterSummary, newSessionState, type ClientInfo, type SmtpdSessionState } from './sessionState';

/** The commands smtpd_junk_command_limit applies to (SMTPD_CMD_FLAG_LIMIT). */
const JUNK_LIMITED = new Set(['HELO', 'EHLO', 'RSET', 'NOOP', 'VRFY', 'ETRN']);

/** Commands allowed before TLS when smtpd_tls_security_level = encrypt (SMTPD_CMD_FLAG_PRE_TLS). */
const PRE_TLS = new Set(['HELO', 'EHLO', 'STARTTLS', 'NOOP', 'QUIT']);

/** Commands after which the client must wait for the reply (smtpd's SMTPD_CMD_FLAG_LAST). */
const PIPELINING_LAST = new Set(['HELO', 'EHLO', 'DATA', 'NOOP', 'VRFY']);

const NAMED_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/**
 * At most `limit` bytes of client input as Postfix's escape() prints them in a log line:
 * printable ASCII as is (a backslash doubled), \a \b \t \n \v \f \r by name, every other byte
 * (UTF-8 ones included) as \ooo.
 */
function escapeInput(text: string, limit: number): string {
  let out = '';
  for (const c of new TextEncoder().encode(text).subarray(0, limit)) {
    if (c >= 32 && c < 127) out += c === 92 ? '\\\\' : String.fromCharCode(c);
    else out += NAMED_ESCAPES[c] ?? `\\${c.toString(8).padStart(3, '0')}`;
  }
  return out;
}

export interface SmtpdSessionHost {
  /** Builds the services for this session (reply and hangup are the session's own). */
  services(session: SmtpdSession): SmtpdServices;
  log(pid: number, text: string, queueId?: string): void;
  /** Records a state change of the session's statechart. */
  stateChanged(pid: number, conn: number, state: string, event: string): void;
  /** The process is free again (the master may reuse it). */
  released(pid: number): void;
  /** The statechart process `pid` kept from its last connection, if it served one. */
  keptActor?(pid: number): SmtpdActor | undefined;
  /** Leaves the statechart (in its closed state) with the process for its next connection. */
  keepActor?(pid: number, actor: SmtpdActor): void;
  schedule(delayMs: number, task: () => void): { cancel(): void };
  readonly banner: string;
  readonly lineLimit: number;
  readonly timeoutMs: number;
  readonly softErrorLimit: number;
  readonly hardErrorLimit: number;
  readonly junkCommandLimit: number;
  /** What an unreachable milter makes smtpd answer (milter_default_action = tempfail), if anything. */
  readonly milterReply?: string;
  readonly errorSleepMs: number;
  readonly myhostname: string;
  /** smtpd_tls_wrappermode (port 465): TLS from the first byte, before the greeting. */
  readonly wrapperMode: boolean;
  /**
   * SASL for a plain (tls = false) or encrypted session: the server under the security options,
   * the fatal error activating it ends in, or undefined when SASL is off (or waits for TLS).
   */
  sasl(tls: boolean): { server: SaslServer } | { fatal: string } | undefined;
  /** The process died of a fatal error (the master logs its exit status). */
  died(pid: number): void;
  /** smtpd_reject_footer added to a 4xx/5xx reply; `warn` logs unknown $names in it. */
  rejectFooter(lines: string[], state: SmtpdSessionState, warn: (text: string) => void): string[];
  /** Lines smtpd logs right after "connect from" (e.g. the legacy mynetworks notice). */
  connectNotices(client: ClientInfo): string[];
  /** With smtpd_delay_reject = no, smtpd_client_restrictions decide at once: the refusal, if any. */
  connectRefusal(client: ClientInfo): string | undefined;
}

export type SmtpdActor = Actor<typeof smtpdMachine>;

export class SmtpdSession implements Peer {
  readonly state: SmtpdSessionState;
  private actor: SmtpdActor;
  /** The process served a connection before: its statechart waits in closed for CONNECT. */
  private readonly reused: boolean;
  private readonly subscription: { unsubscribe(): void };
  private readonly svc: SmtpdServices;
  private timer?: { cancel(): void };
  private ended = false;
  /** Commands smtpd_junk_command_limit counts, so far in this session. */
  private junkCommands = 0;
  private lastState = '';
  /** Lines still waiting in the input buffer, for the pipelining check. */
  private pending: string[] = [];
  private sasl?: SaslServer;

  constructor(
    readonly conn: Connection,
    readonly pid: number,
    client: ClientInfo,
    private readonly host: SmtpdSessionHost,
  ) {
    this.state = newSessionState(client, conn.server.address);
    this.svc = host.services(this);
    const kept = host.keptActor?.(pid);
    this.reused = kept !== undefined;
    this.actor = kept ?? createSimActor(smtpdMachine, { input: { svc: this.svc, state: this.state } });
    this.subscription = this.actor.subscribe((snap) => {
      const value = String(snap.value);
      if (value !== this.lastState) {
        this.lastState = value;
        this.host.stateChanged(this.pid, this.conn.id, value, this.state.where);
      }
    });
  }

  start(): void {
    this.host.log(this.pid, `connect from ${this.state.client.namaddr}`);
    for (const line of this.host.connectNotices(this.state.client)) this.host.log(this.pid, line);
    if (this.host.milterReply) {
      this.state.milterReply = this.host.milterReply;
      this.host.log(this.pid, `NOQUEUE: milter-reject: CONNECT from ${this.state.client.namaddr}: ${this.host.milterReply}; proto=SMTP`);
    }
    if (this.reused) this.actor.send({ type: 'CONNECT', svc: this.svc, state: this.state });
    else this.actor.start();
    if (this.host.wrapperMode) {
      // The client must open with a TLS handshake; one that cannot (telnet) gets no greeting.
      this.state.tlsPending = true;
      if (!this.conn.tls) {
        this.armTimer();
        return;
      }
      if (!this.handshakeDone()) return;
    }
    if (this.greet()) this.armTimer();
  }

  /** The SASL server of this session, once smtpd activated SASL (see activateSasl). */
  get saslServer(): SaslServer | undefined {
    return this.sasl;
  }

  /**
   * The greeting, or the refusal in its place. smtpd activates SASL for a plain session right
   * after writing it but before the output is flushed, so when that activation is fatal the
   * client sees nothing at all. Returns false when the process died.
   */
  private greet(): boolean {
    const refusal = this.host.connectRefusal(this.state.client);
    if (refusal) {
      // The refusal takes the greeting's place; from then on only QUIT is answered normally.
      this.host.log(this.pid, `NOQUEUE: reject: CONNECT from ${this.state.client.namaddr}: ${refusal}; proto=SMTP`);
      this.state.accessDenied = true;
    }
    if (!this.state.tls && !this.activateSasl(false)) return false;
    this.reply([refusal ?? `220 ${this.host.banner}`]);
    return true;
  }

  /** Returns false when the process died (SASL activation with the TLS options failed). */
  private handshakeDone(): boolean {
    this.state.tlsPending = false;
    this.state.tls = true;
    this.host.log(this.pid, `Anonymous TLS connection established from ${this.state.client.namaddr}: ${TLS_SESSION}`);
    return this.activateSasl(true);
  }

  /**
   * smtpd_sasl_activate(): at the greeting of a plain session, and after every TLS handshake with
   * smtpd_sasl_tls_security_options. When the security options leave no mechanism smtpd dies
   * ("fatal: no SASL authentication mechanisms"). Returns false then.
   */
  private activateSasl(tls: boolean): boolean {
    const activation = this.host.sasl(tls);
    this.sasl = activation && 'server' in activation ? activation.server : undefined;
    if (activation && 'fatal' in activation) {
      this.die(activation.fatal);
      return false;
    }
    return true;
  }

  /** smtpd exits on a fatal error: no reply, no disconnect line; the master notes the exit. */
  private die(text: string): void {
    this.ended = true;
    this.timer?.cancel();
    if (this.state.queueId !== undefined) this.svc.abortQueueFile(this.state);
    this.host.log(this.pid, `fatal: ${text}`);
    this.conn.close('server');
    this.subscription.unsubscribe();
    this.actor.stop();
    this.host.died(this.pid);
  }

  /** The client wrote plain text where a TLS handshake was due: OpenSSL gives up. */
  private handshakeFailed(): void {
    this.host.log(this.pid, `SSL_accept error from ${this.state.client.namaddr}: -1`);
    this.host.log(this.pid, 'warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:../ssl/record/ssl3_record.c:354:');
    this.host.log(this.pid, `lost connection after ${this.state.where} from ${this.state.client.namaddr}`);
    this.finish(true);
  }

  /**
   * Sends a reply, with smtpd_reject_footer under a 4xx/5xx one; after the soft error limit,
   * error replies wait smtpd_error_sleep_time.
   */
  reply(lines: string | string[], waitMs = 0): void {
    const list = this.host.rejectFooter(typeof lines === 'string' ? [lines] : lines, this.state, (text) => this.host.log(this.pid, text));
    const first = list[0] ?? '';
    const isError = first.startsWith('4') || first.startsWith('5');
    const sleep = isError && this.state.errorCount >= this.host.softErrorLimit ? this.host.errorSleepMs : 0;
    this.conn.serverWrite(list, waitMs + sleep);
  }

  hangup(): void {
    this.state.closing = true;
  }

  onData(lines: string[]): void {
    if (this.ended) return;
    this.pending.push(...lines);
    while (this.pending.length > 0 && !this.ended) {
      const line = this.pending.shift()!;
      this.handleLine(line);
    }
    if (!this.ended) this.armTimer();
  }

  onClose(): void {
    if (this.ended) return;
    this.host.log(this.pid, `lost connection after ${this.state.where}${this.bytesSoFar()} from ${this.state.client.namaddr}`);
    this.finish(false);
  }

  /** In the middle of a message Postfix says how much of it had arrived: " (31 bytes)". */
  private bytesSoFar(): string {
    if (this.state.data && this.state.where === 'DATA') return ` (${this.state.data.size} bytes)`;
    if (this.state.bdat && this.state.where === 'BDAT') return ` (${this.state.bdat.size} bytes)`;
    return '';
  }

  private handleLine(line: string): void {
    if (this.state.tlsPending) {
      if (!this.conn.tls) return this.handshakeFailed();
      const wrapper = this.host.wrapperMode && !this.state.tls;
      if (!this.handshakeDone()) return;
      if (wrapper && !this.greet()) return;
    }
    if (this.state.chunk) {
      const rest = bdatBytes(this.state, line);
      if (this.state.chunk.remaining === 0) {
        const ok = bdatChunkDone(this.svc, this.state);
        if (!ok) this.state.errorCount++;
        this.send({ type: 'SYNC' });
        this.afterCommand(true);
      }
      if (rest !== undefined && !this.ended) this.handleLine(rest);
      return;
    }
    const mode = String(this.actor.getSnapshot().value);
    if (mode === 'data') {
      // Message lines are data, not events: a 10,000-line body is one state, not 10,000 transitions.
      if (line !== '.') {
        dataLine(this.svc, this.state, line);
        return;
      }
      this.send({ type: 'END' });
      this.afterCommand();
      return;
    }
    if (mode === 'auth') {
      this.send({ type: 'LINE', line });
      this.afterCommand();
      return;
    }
    const cmd = parseSmtpdCommand(this.commandText(line));
    if (cmd.word === '') {
      // Nothing but white space (or nothing before a NUL): no command at all.
      this.state.errorCount++;
      this.reply('500 5.5.2 Error: bad syntax');
      this.afterCommand(true);
      return;
    }
    if (this.state.accessDenied && cmd.verb !== 'QUIT' && cmd.verb !== 'UNKNOWN') {
      this.state.where = cmd.verb;
      count(this.state, cmd.verb.toLowerCase(), false);
      this.state.errorCount++;
      this.reply(`503 5.7.0 Error: access denied for ${this.state.client.namaddr}`);
      this.afterCommand(true);
      return;
    }
    if (this.svc.tlsRequired && !this.state.tls && cmd.verb !== 'UNKNOWN' && !PRE_TLS.has(cmd.verb)) {
      this.state.where = cmd.verb;
      count(this.state, cmd.verb.toLowerCase(), false);
      this.state.errorCount++;
      this.reply('530 5.7.0 Must issue a STARTTLS command first');
      this.afterCommand(true);
      return;
    }
    if (cmd.verb !== 'UNKNOWN') this.checkPipelining(cmd.verb);
    // smtpd_junk_command_limit: past it, each HELO, EHLO, RSET, NOOP, VRFY or ETRN is an error.
    if (JUNK_LIMITED.has(cmd.verb) && this.junkCommands++ > this.host.junkCommandLimit) this.state.errorCount++;
    this.send({ type: cmd.verb, cmd } as SmtpdEvent);
    this.afterCommand();
  }

  /** What smtpd reads of a command line: at most line_length_limit bytes, up to the first NUL. */
  private commandText(line: string): string {
    let text = line;
    if (text.length > this.host.lineLimit) {
      this.host.log(this.pid, `warning: ${this.state.client.namaddr}: request longer than ${this.host.lineLimit}: ${text.slice(0, 30)}...`);
      text = text.slice(0, this.host.lineLimit);
    }
    const nul = text.indexOf('\0');
    return nul >= 0 ? text.slice(0, nul) : text;
  }

  /**
   * A client that said EHLO may send more before it has the reply, except after HELO, EHLO,
   * DATA, NOOP or VRFY; one that said HELO (or nothing yet) may never do so. Postfix 3.7 logs
   * the first time it happens, with up to 100 bytes of what was waiting, and rejects only with
   * reject_unauth_pipelining. A command smtpd does not know is not checked.
   */
  private checkPipelining(verb: string): void {
    if (this.state.illegalPipelining || this.pending.length === 0) return;
    if (this.state.esmtp && !PIPELINING_LAST.has(verb)) return;
    this.state.illegalPipelining = true;
    const waiting = escapeInput(this.pending.map((l) => `${l}\r\n`).join(''), 100);
    this.host.log(this.pid, `improper command pipelining after ${verb} from ${this.state.client.namaddr}: ${waiting}`);
  }

  private send(event: SmtpdEvent): void {
    this.actor.send(event);
  }

  /** Counts a failed command and enforces the hard error limit; ends the session after QUIT. */
  private afterCommand(alreadyCounted = false): void {
    const snap = this.actor.getSnapshot();
    if (!alreadyCounted && !snap.context.lastOk) this.state.errorCount++;
    snap.context.lastOk = true;
    if (this.state.closing) {
      this.finish(true);
      return;
    }
    if (this.state.errorCount >= this.host.hardErrorLimit) {
      this.host.log(this.pid, `too many errors after ${this.state.where} from ${this.state.client.namaddr}`);
      this.reply(`421 4.7.0 ${this.host.myhostname} Error: too many errors`);
      this.finish(true);
    }
  }

  private armTimer(): void {
    this.timer?.cancel();
    this.timer = this.host.schedule(this.host.timeoutMs, () => {
      if (this.ended) return;
      this.host.log(this.pid, `timeout after ${this.state.where} from ${this.state.client.namaddr}`);
      this.reply(`421 4.4.2 ${this.host.myhostname} Error: timeout exceeded`);
      this.finish(true);
    });
  }

  /** Ends the session: the disconnect line, the queue file of an unfinished message, the process. */
  private finish(serverCloses: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.timer?.cancel();
    if (this.state.queueId !== undefined) this.svc.abortQueueFile(this.state);
    if (!this.state.closing) this.actor.send({ type: 'LOST' });
    this.host.log(this.pid, `disconnect from ${this.state.client.namaddr} ${counterSummary(this.state)}`);
    if (serverCloses) this.conn.close('server');
    this.subscription.unsubscribe();
    if (this.host.keepActor && this.actor.getSnapshot().value === 'closed') this.host.keepActor(this.pid, this.actor);
    else this.actor.stop();
    this.host.released(this.pid);
  }
}
