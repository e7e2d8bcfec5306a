/**
 * The byte size of an mbox file, as local(8) and virtual(8) check it against
 * mailbox_size_limit / virtual_mailbox_limit before every write.
 *
 * The file is not kept as text (see mailStore.ts), so its size is the sum of its rendered
 * entries. Rendering every entry again on each delivery made a run of N deliveries into one
 * mailbox cost O(N²); the sum is kept per mailbox instead, valid while the mailbox has not
 * changed since (its change counter) and the host's time zone is the same (the "From " line's
 * date is rendered in it).
 */
import type { Zone } from '../../core/time';
import { mboxEntry, type Mailbox } from '../../mail/mailStore';
import { byteLength } from '../cleanup';

interface Tally {
  changes: number;
  offsetMinutes: number;
  bytes: number;
}

const tallies = new WeakMap<Mailbox, Tally>();

/** Bytes of the mbox file: each entry and the empty line after it. */
export function mboxFileBytes(box: Mailbox, zone: Zone): number {
  const tally = tallies.get(box);
  if (tally && tally.changes === box.changes && tally.offsetMinutes === zone.offsetMinutes) return tally.bytes;
  let bytes = 0;
  for (const m of box.messages) bytes += byteLength(mboxEntry(m, zone)) + 1;
  tallies.set(box, { changes: box.changes, offsetMinutes: zone.offsetMinutes, bytes });
  return bytes;
}

/** Records the size after an append whose entry size the caller already computed. */
export function noteMboxAppend(box: Mailbox, zone: Zone, bytesBefore: number, entryBytes: number): void {
  tallies.set(box, { changes: box.changes, offsetMinutes: zone.offsetMinutes, bytes: bytesBefore + entryBytes });
}
