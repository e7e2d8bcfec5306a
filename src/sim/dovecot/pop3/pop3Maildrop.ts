/**
 * The maildrop a POP3 session works on (RFC 1939): the messages present at login, numbered from
 * 1, with their sizes as Dovecot counts them (CRLF) and their UIDLs. DELE only marks; the marks
 * become expunges in the UPDATE state at QUIT, and RETR marks a message \Seen at QUIT too.
 */
import type { Mailbox, StoredMessage } from '../../mail/mailStore';
import { wireSize } from '../wireText';
import { parseMsgnum } from './pop3Command';
import { formatUidl } from './uidlFormat';

export interface Pop3Counters {
  topCount: number;
  topBytes: number;
  retrCount: number;
  retrBytes: number;
}

export class Pop3Maildrop {
  readonly messages: StoredMessage[];
  readonly sizes: number[];
  readonly uidls: string[];
  readonly deleted = new Set<number>();
  readonly retrieved = new Set<number>();
  readonly totalSize: number;
  readonly counters: Pop3Counters = { topCount: 0, topBytes: 0, retrCount: 0, retrBytes: 0 };

  constructor(
    readonly box: Mailbox,
    uidlFormat: string,
  ) {
    this.messages = [...box.messages];
    this.sizes = this.messages.map((m) => wireSize(m.text));
    this.uidls = this.messages.map((m) => formatUidl(uidlFormat, m, box.uidValidity));
    this.totalSize = this.sizes.reduce((a, b) => a + b, 0);
  }

  get count(): number {
    return this.messages.length;
  }

  get deletedSize(): number {
    let n = 0;
    for (const i of this.deleted) n += this.sizes[i];
    return n;
  }

  /** A message number for a command: its index, or the -ERR reply (deleted ones included). */
  message(args: string, thenSpace = false): { ok: true; index: number; rest: string } | { ok: false; reply: string } {
    const r = parseMsgnum(args, this.count, thenSpace);
    if (r.ok && this.deleted.has(r.index)) return { ok: false, reply: '-ERR Message is deleted.' };
    return r;
  }

  /** Indexes of the messages not marked deleted. */
  live(): number[] {
    return this.messages.map((_, i) => i).filter((i) => !this.deleted.has(i));
  }
}
