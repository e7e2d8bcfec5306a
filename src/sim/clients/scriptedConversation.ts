/**
 * A client that follows a plan inside the simulation: wait for the greeting, then send each
 * step's lines after a pause, waiting for the reply where the step says so. It is how a scripted
 * telnet session or a mail client's SMTP, POP3 or IMAP exchange runs in virtual time.
 */
import type { Connection, ConnectFailure, Peer } from '../core/network';
import type { World } from '../world';

export interface PlanStep {
  lines: string[];
  /** Wait for the server's reply before the next step. */
  awaitReply: boolean;
  /** Pause before sending, in virtual ms (a person typing, a program thinking). */
  delayMs: number;
  /** Decides from the reply whether to go on; false ends the conversation with `onAbort`'s lines. */
  check?: (reply: string[]) => boolean;
  /** Sends this step only when it holds (checked just before): a client that adapts to the server. */
  when?: () => boolean;
}

export interface ConversationOptions {
  from: string;
  to: string;
  port: number;
  plan: PlanStep[];
  /** Lines to send when a check fails (e.g. QUIT). */
  onAbort?: string[];
  onReply?: (reply: string[]) => void;
  onFail?: (reason: ConnectFailure) => void;
  onEnd?: () => void;
}

export class ScriptedConversation implements Peer {
  private conn?: Connection;
  private index = 0;
  private waiting = true;
  private ended = false;

  constructor(
    private readonly world: World,
    private readonly opts: ConversationOptions,
  ) {
    world.network.connect({
      from: { host: opts.from },
      to: { address: opts.to, port: opts.port },
      onOpen: (conn) => {
        this.conn = conn;
        return this;
      },
      onFail: (reason) => {
        this.ended = true;
        opts.onFail?.(reason);
        opts.onEnd?.();
      },
    });
  }

  onData(lines: string[]): void {
    this.opts.onReply?.(lines);
    if (!this.waiting || this.ended) return;
    const previous = this.opts.plan[this.index - 1];
    if (previous?.check && !previous.check(lines)) {
      this.abort();
      return;
    }
    this.waiting = false;
    this.next();
  }

  onClose(): void {
    if (this.ended) return;
    this.ended = true;
    this.opts.onEnd?.();
  }

  private next(): void {
    while (this.opts.plan[this.index]?.when && !this.opts.plan[this.index].when!()) this.index++;
    const step = this.opts.plan[this.index];
    if (!step) {
      this.finish();
      return;
    }
    this.world.scheduler.after(step.delayMs, () => {
      if (this.ended || !this.conn) return;
      this.conn.clientWrite(step.lines);
      this.index++;
      if (step.awaitReply) this.waiting = true;
      else this.next();
    });
  }

  private abort(): void {
    if (this.opts.onAbort && this.conn) this.conn.clientWrite(this.opts.onAbort);
    this.index = this.opts.plan.length;
    this.waiting = true;
    this.world.scheduler.after(50, () => this.finish());
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.conn?.close('client');
    this.opts.onEnd?.();
  }
}
