/**
 * What must not count as a difference between two runs: the queue ids Postfix made up (the same
 * message may get another id once the runs diverge), the Message-ID a client generated, and the
 * SIZE a client announces (the Received: header it counts holds a queue id). The mask replaces
 * them with placeholders before texts are compared; the texts shown stay as they were.
 */
import type { TraceIndex } from '../../sim/projection/traceIndex';

export type Mask = (text: string) => string;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function maskFor(...indexes: TraceIndex[]): Mask {
  const ids = new Set<string>();
  for (const index of indexes) for (const record of index.messages.values()) if (record.queueId.length >= 4) ids.add(record.queueId);
  const list = [...ids].sort((x, y) => y.length - x.length).map(escape);
  const queueIds = list.length > 0 ? new RegExp(`\\b(?:${list.join('|')})\\b`, 'g') : undefined;
  return (text) => {
    let out = text.replace(/message-id=<[^>]*>/gi, 'message-id=<…>').replace(/\bSIZE=\d+/g, 'SIZE=…');
    if (queueIds) out = out.replace(queueIds, '…');
    return out;
  };
}
