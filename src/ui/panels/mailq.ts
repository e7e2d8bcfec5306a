/**
 * The queue of a host at the playhead, printed the way mailq (postqueue -p) prints it: queue id
 * with * for active and ! for hold, size, arrival time, sender, then the recipients.
 */
import { asctime } from '../../sim/core/time';
import type { FoldState } from '../../sim/projection/foldState';
import type { TraceIndex } from '../../sim/projection/traceIndex';

export interface QueueEntry {
  queueId: string;
  queue: string;
  size: number;
  arrived: number;
  sender: string;
  recipients: string[];
  /** Why the last delivery attempt was deferred. */
  reason?: string;
}

export function queueEntries(state: FoldState, index: TraceIndex, host: string, n: number, startEpoch: number): QueueEntry[] {
  const out: QueueEntry[] = [];
  for (const m of state.messages.values()) {
    if (m.host !== host || m.node === 'cleanup') continue;
    const record = index.message(host, m.queueId);
    const me = record?.messageSeq !== undefined ? index.events[record.messageSeq] : undefined;
    let reason: string | undefined;
    const done = new Set<string>();
    for (const s of record?.seqs ?? []) {
      if (s >= n) break;
      const e = index.events[s];
      if (e.kind === 'delivery') {
        if (e.status === 'deferred') reason = e.detail;
        else done.add(e.original.toLowerCase());
      }
    }
    const recipients = me?.kind === 'message' ? me.envelope.recipients.map((r) => r.original || r.address).filter((r) => !done.has(r.toLowerCase())) : [];
    out.push({
      queueId: m.queueId,
      queue: m.node,
      size: me?.kind === 'message' ? me.size : 0,
      arrived: startEpoch + (me?.t ?? 0),
      sender: m.sender,
      recipients,
      ...(reason ? { reason } : {}),
    });
  }
  return out.sort((a, b) => a.arrived - b.arrived);
}

export function mailqText(entries: QueueEntry[], zone: { offsetMinutes: number; name: string }): string {
  if (entries.length === 0) return 'Mail queue is empty';
  const lines = ['-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------'];
  let bytes = 0;
  for (const e of entries) {
    bytes += e.size;
    const mark = e.queue === 'active' ? '*' : e.queue === 'hold' ? '!' : '';
    const date = asctime(e.arrived, zone).slice(0, 19);
    lines.push(`${`${e.queueId}${mark}`.padEnd(11)} ${String(e.size).padStart(8)} ${date}  ${e.sender || 'MAILER-DAEMON'}`);
    if (e.reason) lines.push(`${' '.repeat(41)}(${e.reason})`);
    for (const r of e.recipients) lines.push(`${' '.repeat(41)}${r}`);
    lines.push('');
  }
  lines.push(`-- ${Math.ceil(bytes / 1024)} Kbytes in ${entries.length} Request${entries.length === 1 ? '' : 's'}.`);
  return lines.join('\n');
}
