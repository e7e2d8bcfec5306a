/**
 * A client that types lines at a server and collects what comes back, one server write per
 * reply: what telnet shows a student, what a scripted lesson step sends, and what the
 * conformance replay compares with the recordings.
 */
import type { Connection, ConnectFailure, Peer } from '../core/network';
import type { World } from '../world';

export class DialogueClient implements Peer {
  readonly replies: string[][] = [];
  conn?: Connection;
  failure?: ConnectFailure;
  closed = false;
  private consumed = 0;

  constructor(
    private readonly world: World,
    fromHost: string,
    fromAddress: string | undefined,
    toAddress: string,
    port: number,
    /** Speak TLS from the first byte (ports 465, 993, 995), as a mail client configured for SSL does. */
    tlsOnConnect = false,
  ) {
    world.network.connect({
      from: { host: fromHost, address: fromAddress },
      to: { address: toAddress, port },
      onOpen: (conn) => {
        this.conn = conn;
        if (tlsOnConnect) conn.startTls();
        return this;
      },
      onFail: (reason) => {
        this.failure = reason;
        this.closed = true;
      },
    });
  }

  onData(lines: string[]): void {
    this.replies.push(lines);
  }

  onClose(): void {
    this.closed = true;
  }

  /** Sends lines in one write (several lines = pipelined). */
  send(lines: string[]): void {
    if (this.conn && !this.closed) this.conn.clientWrite(lines);
  }

  close(): void {
    if (this.conn && !this.closed) this.conn.close('client');
    this.closed = true;
  }

  /**
   * Runs the simulation until the next reply arrives; gives up after `patienceMs` of virtual
   * time (a server that accepted the connection but says nothing) or when the connection ends.
   */
  nextReply(patienceMs = 20_000): string[] | undefined {
    const sched = this.world.scheduler;
    const deadline = sched.now + patienceMs;
    while (this.replies.length <= this.consumed && !this.closed) {
      const next = sched.nextTime();
      if (next === undefined || next > deadline) break;
      sched.step();
    }
    if (this.replies.length > this.consumed) return this.replies[this.consumed++];
    return undefined;
  }
}
