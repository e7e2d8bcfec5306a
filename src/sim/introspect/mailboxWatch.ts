/**
 * Watches the mail stores while the engine runs and reports what each delivery or mailbox event
 * changed (see projection/mailboxDelta.ts). It listens to the trace synchronously, so it reads a
 * mailbox at the exact moment of the event; the deltas then travel with the trace batch.
 */
import type { TraceEvent } from '../core/trace';
import type { SimHost } from '../host/simHost';
import type { Mailbox, StoredMessage } from '../mail/mailStore';
import type { MailboxDelta, MailboxMessage } from '../projection/mailboxDelta';
import type { World } from '../world';

function flagsOf(m: StoredMessage): string[] {
  return [...m.flags].sort();
}

function info(m: StoredMessage): MailboxMessage {
  return { uid: m.uid, sender: m.sender, arrived: m.arrived, text: m.text, flags: flagsOf(m) };
}

export class MailboxWatch {
  /** host\tpath -> uid -> flags as last reported. */
  private known = new Map<string, Map<number, string>>();
  private lastUid = new Map<string, number>();
  private pending: MailboxDelta[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly world: World) {
    this.unsubscribe = world.trace.subscribe((e) => this.onEvent(e));
  }

  /** Every mailbox as it is now, as deltas at seq -1 (the scenario's seeded mail). */
  initial(): MailboxDelta[] {
    const out: MailboxDelta[] = [];
    for (const host of this.world.hosts.values()) {
      for (const path of host.store.paths()) {
        const box = host.store.get(path)!;
        const d = this.diff(host, box, -1, true);
        out.push(d ?? { seq: -1, host: host.name, path, format: box.format });
      }
    }
    return out;
  }

  /** Deltas gathered since the last call. */
  take(): MailboxDelta[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onEvent(e: TraceEvent): void {
    if (e.kind !== 'delivery' && e.kind !== 'mailbox') return;
    const path = e.mailbox;
    if (!path) return;
    const host = this.world.hosts.get(e.host);
    const box = host?.store.get(path);
    if (!host || !box) return;
    const d = this.diff(host, box, e.seq, e.kind === 'mailbox');
    if (d) this.pending.push(d);
  }

  /** What changed since the last report; a delivery only appends, so only the tail is read. */
  private diff(host: SimHost, box: Mailbox, seq: number, full: boolean): MailboxDelta | undefined {
    const key = `${host.name}\t${box.path}`;
    let known = this.known.get(key);
    if (!known) {
      known = new Map();
      this.known.set(key, known);
    }
    const appended: MailboxMessage[] = [];
    const removed: number[] = [];
    const flags: { uid: number; flags: string[] }[] = [];
    if (full) {
      const present = new Set<number>();
      for (const m of box.messages) {
        present.add(m.uid);
        const f = flagsOf(m);
        const before = known.get(m.uid);
        if (before === undefined) appended.push(info(m));
        else if (before !== f.join(' ')) flags.push({ uid: m.uid, flags: f });
        known.set(m.uid, f.join(' '));
      }
      for (const uid of [...known.keys()]) {
        if (!present.has(uid)) {
          removed.push(uid);
          known.delete(uid);
        }
      }
    } else {
      const last = this.lastUid.get(key) ?? 0;
      let i = box.messages.length;
      while (i > 0 && box.messages[i - 1].uid > last) i--;
      for (const m of box.messages.slice(i)) {
        appended.push(info(m));
        known.set(m.uid, flagsOf(m).join(' '));
      }
    }
    if (appended.length > 0) this.lastUid.set(key, Math.max(this.lastUid.get(key) ?? 0, appended[appended.length - 1].uid));
    if (appended.length === 0 && removed.length === 0 && flags.length === 0) return undefined;
    return {
      seq,
      host: host.name,
      path: box.path,
      format: box.format,
      ...(appended.length ? { appended } : {}),
      ...(removed.length ? { removed } : {}),
      ...(flags.length ? { flags } : {}),
    };
  }
}
