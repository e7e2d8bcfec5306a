/**
 * What must not count as a difference between two runs: the queue ids Postfix made up (the same
 * message may get another id once the runs diverge), the Message-ID a client generated, and the
 * SIZE a client announces (the Received: header it counts holds a queue id). The mask replaces
 * them with placeholders before texts are compared; the texts shown stay as they were.
 */
import type { TraceIndex } from '../../sim/projection/traceIndex';

export type Mask = (text: string) => string;

/** Words that could be queue ids; each is looked up in the set (one pass, however many ids). */
const WORD = /\b[0-9A-Za-z]{4,}\b/g;

export function maskFor(...indexes: TraceIndex[]): Mask {
  const ids = new Set<string>();
  for (const index of indexes) for (const record of index.messages.values()) if (record.queueId.length >= 4) ids.add(record.queueId);
  return (text) => {
    const out = text.replace(/message-id=<[^>]*>/gi, 'message-id=<…>').replace(/\bSIZE=\d+/g, 'SIZE=…');
    return ids.size === 0 ? out : out.replace(WORD, (word) => (ids.has(word) ? '…' : word));
  };
}
