/**
 * Replays a recorded POP3/IMAP case against a simulated Dovecot: a host context on a Network,
 * mailboxes seeded from the case's host, a client that sends each `c` line and takes the next
 * server write as the reply to each `s` step. What it collects reads like the recording
 * (maillog without time stamps, PID/SESSION placeholders; mailbox_after without Dovecot's
 * bookkeeping headers), so a test can compare the two.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Accounts } from '../../../src/sim/host/accounts';
import { Network, type Connection, type Peer } from '../../../src/sim/core/network';
import { Rng } from '../../../src/sim/core/rng';
import { Scheduler } from '../../../src/sim/core/scheduler';
import { Syslog } from '../../../src/sim/core/syslog';
import { UTC } from '../../../src/sim/core/time';
import { TraceBus } from '../../../src/sim/core/trace';
import { Dovecot } from '../../../src/sim/dovecot/dovecot';
import { mboxPseudoEntry } from '../../../src/sim/dovecot/mboxPseudoMessage';
import { VirtualFs } from '../../../src/sim/host/fs';
import type { HostContext } from '../../../src/sim/host/hostContext';
import { MailStore, mboxEntry } from '../../../src/sim/mail/mailStore';

export interface RecordedCase {
  id: string;
  protocol: string;
  host: {
    hostname: string;
    addresses: string[];
    dovecot_conf?: string;
    accounts?: string[];
    system_accounts?: string[];
    sasl?: { user: string; password: string }[];
    mailboxes?: Record<string, string[]>;
    uidvalidity?: number;
  };
  client: { address: string };
  dialogue: ({ c: string } | { s: string[] | null })[];
  maillog?: string[];
  mailbox_after?: Record<string, string[]>;
}

export const START_EPOCH = Date.parse('2024-01-01T09:00:00Z');

export interface SimulatedDovecot {
  host: HostContext;
  dovecot: Dovecot;
  network: Network;
  scheduler: Scheduler;
  trace: TraceBus;
}

/** A host running Dovecot as the case describes it, mail seeded, on a network of its own. */
export function simulatedDovecot(c: RecordedCase, seed = 1): SimulatedDovecot {
  const scheduler = new Scheduler();
  const trace = new TraceBus(() => scheduler.now);
  const network = new Network(scheduler, trace);
  const rng = new Rng(seed);
  const name = c.host.hostname;
  const log = new Syslog(name, { now: () => scheduler.now, startEpoch: START_EPOCH, zone: UTC }, trace);
  let pid = 1000;
  const host: HostContext = {
    name,
    addresses: ['127.0.0.1', ...c.host.addresses.filter((a) => a !== '127.0.0.1')],
    interfaces: [{ address: '127.0.0.1', prefix: 8 }],
    scheduler,
    rng,
    trace,
    log,
    store: new MailStore(() => c.host.uidvalidity ?? 1700000000),
    network,
    accounts: new Accounts((c.host.accounts ?? []).filter((a) => a !== 'root'), c.host.system_accounts),
    startEpoch: START_EPOCH,
    zone: UTC,
    fs: new VirtualFs(),
    newPid: () => (pid += 7),
    epochNow: () => START_EPOCH + scheduler.now,
  };
  const dovecot = new Dovecot(host, { conf: c.host.dovecot_conf, users: c.host.sasl ?? [] });
  dovecot.seed(c.host.mailboxes ?? {}, c.host.uidvalidity);
  const listeners = dovecot.listeners();
  network.addHost({ name, addresses: c.host.addresses, up: true, listeners });
  return { host, dovecot, network, scheduler, trace };
}

/** A client that collects each server write as one reply. */
export class TestClient implements Peer {
  readonly replies: string[][] = [];
  conn?: Connection;
  closed = false;
  private consumed = 0;

  constructor(
    private readonly sim: SimulatedDovecot,
    from: string,
    to: string,
    port: number,
  ) {
    sim.network.connect({
      from: { host: sim.host.name, address: from },
      to: { address: to, port },
      onOpen: (conn) => {
        this.conn = conn;
        return this;
      },
      onFail: () => {
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

  send(lines: string[]): void {
    if (this.conn && !this.closed) this.conn.clientWrite(lines);
  }

  close(): void {
    if (this.conn && !this.closed) this.conn.close('client');
    this.closed = true;
  }

  /** Runs the simulation until the next reply (or 30 s of virtual silence). */
  nextReply(patienceMs = 30_000): string[] | undefined {
    const sched = this.sim.scheduler;
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

export interface ReplayResult {
  dialogue: RecordedCase['dialogue'];
  maillog: string[];
  mailboxes: Record<string, string[]>;
  sim: SimulatedDovecot;
}

export function replayCase(c: RecordedCase): ReplayResult {
  const sim = simulatedDovecot(c);
  const port = c.protocol === 'imap' ? 143 : 110;
  const client = new TestClient(sim, c.client.address, c.host.addresses[0], port);
  const dialogue: RecordedCase['dialogue'] = [];
  let pending: string[] = [];
  for (const step of c.dialogue) {
    if ('c' in step) {
      dialogue.push(step);
      pending.push(step.c);
      continue;
    }
    if (pending.length > 0) {
      client.send(pending);
      pending = [];
    }
    dialogue.push({ s: client.nextReply() ?? [] });
  }
  if (pending.length > 0) client.send(pending);
  client.close();
  sim.scheduler.runUntilQuiet();
  const maillog = sim.host.log.lines.map((l) => normalizeLogLine(Syslog.bare(l)));
  const mailboxes: Record<string, string[]> = {};
  for (const user of Object.keys(c.host.mailboxes ?? {})) {
    const box = sim.host.store.get(`/var/mail/${user}`);
    if (!box) continue;
    const pseudo = mboxPseudoEntry(box, UTC);
    mailboxes[user] = [...(pseudo ? [pseudo] : []), ...box.messages.map((m) => mboxEntry(m, UTC))];
  }
  return { dialogue, maillog, mailboxes, sim };
}

/** The placeholders of FORMAT.md for Dovecot lines. */
export function normalizeLogLine(line: string): string {
  return line
    .replace(/\b(mpid|pid)=\d+/g, '$1=PID')
    .replace(/^(dovecot: [\w-]+\([^)]*\))<\d+><[^>]*>/, '$1<PID><SESSION>')
    .replace(/session=<[^>]*>/, 'session=<SESSION>');
}

/** The scorer's normalization of a reply line (score.mjs). */
export function normalizeReply(line: string): string {
  return line.replace(/\(\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)? secs\)/g, '(DELAY secs)').replace(/\s+$/, '');
}

/** The recorded replies, one list per `s` step. */
export function replies(dialogue: RecordedCase['dialogue']): string[][] {
  return dialogue.flatMap((s) => ('s' in s ? [(s.s ?? []).map(normalizeReply)] : []));
}

/**
 * The recorder read the server's bytes as Latin-1; the simulator's lines are text. This puts a
 * simulated line in the recorder's form: its UTF-8 bytes, one character per byte.
 */
export function asRecordedBytes(line: string): string {
  return String.fromCharCode(...new TextEncoder().encode(line));
}

/** Program and event of a maillog line, as the scorer compares them. */
export function logShape(line: string): string {
  const d = /^dovecot: ([\w-]+)(?:\([^)]*\))?(?:<[^>]*>)*: ([A-Za-z][A-Za-z ]*?):/.exec(line);
  return d ? `dovecot ${d[1]} ${d[2]}` : line;
}

export function loadCases(dir: URL): RecordedCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as RecordedCase);
}
