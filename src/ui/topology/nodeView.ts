/**
 * What each drawn node says at the playhead: a queue's depth, a mailbox's message count, a
 * daemon's state. Derived once per change of the event count, not per animation frame.
 */
import type { FoldState } from '../../sim/projection/foldState';
import type { TraceIndex } from '../../sim/projection/traceIndex';

export interface NodeStatus {
  /** Queue depth or mailbox count. */
  count?: number;
  /** Daemon state, e.g. "rcpt" or "delivering"; "" when idle. */
  state?: string;
  /** More instances than the one shown. */
  more?: number;
  active: boolean;
}

const DAEMON_OF: Record<string, string[]> = {
  smtpd: ['smtpd'],
  qmgr: ['qmgr'],
  local: ['local'],
  virtual: ['virtual'],
  smtp: ['smtp', 'relay'],
  bounce: ['bounce'],
  dovecot: ['pop3', 'imap'],
};

const IDLE = new Set(['idle', 'ready', 'closed', 'done', 'waiting']);

export function nodeStatuses(state: FoldState, index: TraceIndex, n: number): Map<string, NodeStatus> {
  const out = new Map<string, NodeStatus>();
  for (const [key, depth] of state.depth) out.set(key, { count: depth, active: depth > 0 });
  for (const box of index.mailboxes.values()) {
    const count = index.mailboxCount(box, n);
    out.set(`${box.host}\tmailbox:${box.user}`, { count, active: false });
  }
  const byNode = new Map<string, { states: string[] }>();
  for (const d of state.daemons.values()) {
    for (const [node, daemons] of Object.entries(DAEMON_OF)) {
      if (!daemons.includes(d.daemon)) continue;
      const key = `${d.host}\t${node}`;
      const entry = byNode.get(key) ?? { states: [] };
      entry.states.push(d.state);
      byNode.set(key, entry);
    }
  }
  for (const [key, { states }] of byNode) {
    const busy = states.filter((s) => !IDLE.has(s));
    const shown = busy[0] ?? states[0];
    out.set(key, { ...(out.get(key) ?? {}), state: shown, more: Math.max(0, busy.length - 1), active: busy.length > 0 });
  }
  return out;
}
