/**
 * Hosts, listening services and connections between them. A connection carries writes: each
 * write is a list of lines that arrives at the other side after the link's latency, in order.
 * The lines a server writes in one go (a whole SMTP reply, a POP3 listing) stay together, which
 * is what a client needs to know where one reply ends.
 */
import type { Scheduler } from './scheduler';
import type { Endpoint, TraceBus } from './trace';
import { isLoopback, parseIp, sameIp, type IpAddress } from './ip';

export interface Peer {
  /** Lines arrived from the other side. */
  onData(lines: string[]): void;
  /** The other side closed the connection (or it was lost). */
  onClose(): void;
}

export interface Listener {
  port: number;
  /** Addresses this service listens on; undefined means every address of the host. */
  addresses?: string[];
  /** The daemon name shown in the trace: smtpd, pop3, imap, sink... */
  service: string;
  /** Called when a connection is established; returns the server side. */
  accept(conn: Connection): Peer;
}

export interface HostNode {
  name: string;
  addresses: string[];
  up: boolean;
  listeners: Listener[];
}

export type ConnectFailure = 'refused' | 'timeout' | 'unreachable';

export interface ConnectOptions {
  /** Host name of the client and the address it connects from. */
  from: { host: string; address?: string };
  to: { address: string; port: number };
  /** Called when the connection is up; returns the client side. */
  onOpen(conn: Connection): Peer;
  onFail(reason: ConnectFailure): void;
  /** How long a connection attempt to a silent address waits, in ms. */
  timeoutMs?: number;
}

export const LOOPBACK_LATENCY_MS = 0.2;
export const LAN_LATENCY_MS = 2;

export class Connection {
  private clientPeer?: Peer;
  private serverPeer?: Peer;
  private lastArrival = { c2s: 0, s2c: 0 };
  private closer?: 'client' | 'server';
  closed = false;
  /**
   * TLS is modelled, not computed: a client that can speak TLS starts it after the server's
   * go-ahead (STARTTLS) or at once (port 465/993/995); the server sees `tls` true from then on.
   * A client that cannot (telnet) never sets it, and the server's handshake fails.
   */
  tls = false;

  constructor(
    readonly id: number,
    readonly client: Endpoint,
    readonly server: Endpoint,
    readonly service: string,
    private readonly net: Network,
    readonly latency: number,
  ) {}

  /** The client begins the TLS handshake; the trace records the lock. */
  startTls(): void {
    if (this.tls || this.closed) return;
    this.tls = true;
    this.net.trace.emit({ kind: 'conn.tls', host: this.client.host, conn: this.id });
  }

  attach(client: Peer, server: Peer): void {
    this.clientPeer = client;
    this.serverPeer = server;
  }

  /** The client writes lines; they reach the server after the latency. */
  clientWrite(lines: string[]): void {
    this.write('c2s', lines);
  }

  /** The server writes lines; `delay` is the server's own processing time before sending. */
  serverWrite(lines: string[], delay = 0): void {
    this.write('s2c', lines, delay);
  }

  /** Closes from one side; the other side learns of it after the latency. */
  close(by: 'client' | 'server', delay = 0): void {
    if (this.closed) return;
    this.closed = true;
    this.closer = by;
    const dir = by === 'client' ? 'c2s' : 's2c';
    const at = this.arrival(dir, delay);
    const sched = this.net.scheduler;
    sched.at(at - this.latency, () => {
      this.net.trace.emit({ kind: 'conn.close', host: by === 'client' ? this.client.host : this.server.host, conn: this.id, by });
    });
    sched.at(at, () => {
      const other = by === 'client' ? this.serverPeer : this.clientPeer;
      other?.onClose();
    });
  }

  private arrival(dir: 'c2s' | 's2c', delay: number): number {
    const now = this.net.scheduler.now;
    const at = Math.max(now + delay + this.latency, this.lastArrival[dir]);
    this.lastArrival[dir] = at;
    return at;
  }

  private write(dir: 'c2s' | 's2c', lines: string[], delay = 0): void {
    if (this.closed) return;
    const at = this.arrival(dir, delay);
    const sched = this.net.scheduler;
    const emit = () =>
      this.net.trace.emit({ kind: 'conn.data', host: dir === 'c2s' ? this.client.host : this.server.host, conn: this.id, dir, lines });
    if (delay > 0) sched.at(at - this.latency, emit);
    else emit();
    sched.at(at, () => {
      const target = dir === 'c2s' ? this.serverPeer : this.clientPeer;
      // Lines that reach a side which has already closed are lost, as with a reset.
      const receiverClosed = this.closer === (dir === 'c2s' ? 'server' : 'client');
      if (target && !receiverClosed) target.onData(lines);
    });
  }
}

export class Network {
  private hosts = new Map<string, HostNode>();
  private byAddress = new Map<string, HostNode>();
  private nextConn = 1;

  constructor(
    readonly scheduler: Scheduler,
    readonly trace: TraceBus,
  ) {}

  addHost(node: HostNode): void {
    this.hosts.set(node.name, node);
    for (const a of node.addresses) {
      const ip = parseIp(a);
      if (ip && !isLoopback(ip)) this.byAddress.set(canonical(a), node);
      else if (ip && !this.byAddress.has(canonical(a))) this.byAddress.set(canonical(a), node);
    }
  }

  host(name: string): HostNode | undefined {
    return this.hosts.get(name);
  }

  hostAt(address: string): HostNode | undefined {
    return this.byAddress.get(canonical(address));
  }

  allHosts(): HostNode[] {
    return [...this.hosts.values()];
  }

  /** Picks the address a host uses to reach `target`. */
  sourceAddress(hostName: string, target: string): string {
    const host = this.hosts.get(hostName);
    const t = parseIp(target);
    if (!host || !t) return '127.0.0.1';
    if (isLoopback(t)) return t.family === 4 ? '127.0.0.1' : '::1';
    const sameFamily = host.addresses.filter((a) => parseIp(a)?.family === t.family && !isLoopback(parseIp(a)!));
    return sameFamily[0] ?? host.addresses[0] ?? '127.0.0.1';
  }

  /** One-way delay between two hosts; anything addressed over 127.0.0.0/8 or ::1 stays on one machine. */
  latency(a: string, b: string, viaAddress?: string): number {
    const ip = viaAddress === undefined ? undefined : parseIp(viaAddress);
    return a === b || (ip !== undefined && isLoopback(ip)) ? LOOPBACK_LATENCY_MS : LAN_LATENCY_MS;
  }

  connect(opts: ConnectOptions): void {
    const sched = this.scheduler;
    const fromHost = opts.from.host;
    const fromAddress = opts.from.address ?? this.sourceAddress(fromHost, opts.to.address);
    const target = this.resolveTarget(fromHost, opts.to.address);
    const clientEnd: Endpoint = { host: fromHost, address: fromAddress, port: 30000 + (this.nextConn % 30000) };
    const serverEnd: Endpoint = { host: target?.name ?? '', address: opts.to.address, port: opts.to.port };
    const fail = (reason: ConnectFailure, after: number) => {
      sched.after(after, () => {
        this.trace.emit({ kind: 'conn.fail', host: fromHost, client: clientEnd, server: serverEnd, reason });
        opts.onFail(reason);
      });
    };
    if (!target || !target.up) {
      fail('timeout', opts.timeoutMs ?? 30_000);
      return;
    }
    const latency = this.latency(fromHost, target.name, opts.to.address);
    const listener = target.listeners.find(
      (l) => l.port === opts.to.port && (!l.addresses || l.addresses.some((a) => sameAddress(a, opts.to.address))),
    );
    if (!listener) {
      fail('refused', 2 * latency);
      return;
    }
    const conn = new Connection(this.nextConn++, clientEnd, serverEnd, listener.service, this, latency);
    sched.after(2 * latency, () => {
      if (!target.up) {
        this.trace.emit({ kind: 'conn.fail', host: fromHost, client: clientEnd, server: serverEnd, reason: 'timeout' });
        opts.onFail('timeout');
        return;
      }
      this.trace.emit({ kind: 'conn.open', host: target.name, conn: conn.id, client: clientEnd, server: serverEnd, service: listener.service });
      const clientPeer = opts.onOpen(conn);
      const serverPeer = listener.accept(conn);
      conn.attach(clientPeer, serverPeer);
    });
  }

  /** A loopback address reaches the host the client is on; others are looked up. */
  private resolveTarget(fromHost: string, address: string): HostNode | undefined {
    const ip = parseIp(address);
    if (ip && isLoopback(ip)) {
      const owner = this.byAddress.get(canonical(address));
      if (owner) return owner;
      return this.hosts.get(fromHost);
    }
    return this.byAddress.get(canonical(address));
  }
}

/** Addresses as the network keys them, by text (asked on every connection and DNS query). */
const canonicalText = new Map<string, string>();

function canonical(address: string): string {
  let text = canonicalText.get(address);
  if (text === undefined) {
    const ip = parseIp(address);
    text = !ip ? address.toLowerCase() : ip.family === 4 ? Array.from(ip.bytes).join('.') : Array.from(ip.bytes).join(':');
    if (canonicalText.size >= 4096) canonicalText.clear();
    canonicalText.set(address, text);
  }
  return text;
}

function sameAddress(a: string, b: string): boolean {
  const x: IpAddress | undefined = parseIp(a);
  const y: IpAddress | undefined = parseIp(b);
  return !!x && !!y && sameIp(x, y);
}
