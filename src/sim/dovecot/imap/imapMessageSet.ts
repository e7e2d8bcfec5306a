/**
 * The messages a command's sequence set names in the selected mailbox, by sequence number or
 * (UID commands) by UID, with Dovecot's "Invalid messageset" for numbers past the end (a UID
 * command's malformed set is an "Invalid uidset").
 */
import { parseSequenceSet, setContains, strictSequences } from './imapSequence';
import type { SelectedMailbox } from './selectedMailbox';

export type MessageSetResult = { ok: true; seqs: number[] } | { ok: false; error: string };

export function resolveMessageSet(view: SelectedMailbox, text: string | undefined, byUid: boolean): MessageSetResult {
  const set = text === undefined ? undefined : parseSequenceSet(text);
  // imap_seq_set_parse(): 0 is no number of a set; a UID command calls it a uidset
  if (!set || set.ranges.some((r) => r.from === 0 || r.to === 0)) return { ok: false, error: byUid ? 'Invalid uidset' : 'Invalid messageset' };
  if (byUid) {
    const maxUid = view.uids.length > 0 ? view.uids[view.uids.length - 1] : 0;
    const seqs = view.uids.map((u, i) => (setContains(set.ranges, u, maxUid) ? i + 1 : 0)).filter((n) => n > 0);
    return { ok: true, seqs };
  }
  if (set.saved) return { ok: true, seqs: [] };
  const seqs = strictSequences(set.ranges, view.count);
  return seqs ? { ok: true, seqs } : { ok: false, error: 'Invalid messageset' };
}
