/**
 * The mailbox an IMAP session has SELECTed (or EXAMINEd): the messages in the sequence the
 * client knows, which of them are \Recent for this session, and what changed underneath since
 * the client last heard (new mail, expunges by another session), as untagged responses.
 *
 * \Recent belongs to the first session that sees a message: SELECT takes it from the store,
 * EXAMINE only looks.
 */
import type { Mailbox, StoredMessage } from '../../mail/mailStore';
import { toCrlf } from '../wireText';
import { parseMessage, type MimePart } from './mimeMessage';
import { mailboxKeywords } from './mailboxKeywords';
import { bumpModseq } from './modseq';

export interface ParsedMessage {
  text: string;
  mime: MimePart;
}

export class SelectedMailbox {
  /** UIDs in the sequence the client knows (seq = index + 1). */
  uids: number[];
  /** UIDs that are \Recent in this session. */
  readonly recent = new Set<number>();
  /** The RECENT count the client was last told. */
  announcedRecent: number;
  private readonly parsed = new Map<number, ParsedMessage>();

  constructor(
    readonly box: Mailbox,
    readonly name: string,
    readonly readOnly: boolean,
  ) {
    this.uids = box.messages.map((m) => m.uid);
    this.takeRecent(box.messages);
    this.announcedRecent = this.recent.size;
  }

  get count(): number {
    return this.uids.length;
  }

  get keywords(): string[] {
    return mailboxKeywords(this.box);
  }

  /** The message with a sequence number, if it is still in the store. */
  message(seq: number): StoredMessage | undefined {
    const uid = this.uids[seq - 1];
    return uid === undefined ? undefined : this.byUid(uid);
  }

  byUid(uid: number): StoredMessage | undefined {
    return this.box.messages.find((m) => m.uid === uid);
  }

  seqOf(uid: number): number {
    return this.uids.indexOf(uid) + 1;
  }

  /** The message in CRLF form and its MIME structure (parsed once). */
  parsedMessage(msg: StoredMessage): ParsedMessage {
    let p = this.parsed.get(msg.uid);
    if (!p) {
      const text = toCrlf(msg.text);
      p = { text, mime: parseMessage(text) };
      this.parsed.set(msg.uid, p);
    }
    return p;
  }

  isRecent(msg: StoredMessage): boolean {
    return this.recent.has(msg.uid);
  }

  firstUnseen(): number | undefined {
    for (let i = 0; i < this.uids.length; i++) {
      const m = this.message(i + 1);
      if (m && !m.flags.has('\\Seen')) return i + 1;
    }
    return undefined;
  }

  /** Expunges the \Deleted messages (of `only`, when given); returns their old sequence numbers, last first. */
  expungeDeleted(only?: Set<number>): number[] {
    const doomed = new Set(
      this.box.messages.filter((m) => m.flags.has('\\Deleted') && this.uids.includes(m.uid) && (!only || only.has(m.uid))).map((m) => m.uid),
    );
    if (doomed.size === 0) return [];
    this.box.expunge((m) => doomed.has(m.uid));
    bumpModseq(this.box, []);
    return this.forget(doomed);
  }

  /**
   * Catches up with the store: "* n EXPUNGE" for messages gone, "* n EXISTS" (and RECENT) for
   * new ones, as Dovecot sends them at the end of a command.
   */
  sync(): string[] {
    const lines: string[] = [];
    const present = new Set(this.box.messages.map((m) => m.uid));
    const gone = new Set(this.uids.filter((u) => !present.has(u)));
    for (const seq of this.forget(gone)) lines.push(`* ${seq} EXPUNGE`);
    const fresh = this.box.messages.filter((m) => !this.uids.includes(m.uid));
    if (fresh.length > 0) {
      this.uids.push(...fresh.map((m) => m.uid));
      this.takeRecent(fresh);
      lines.push(`* ${this.uids.length} EXISTS`);
    }
    if (this.recent.size !== this.announcedRecent) {
      this.announcedRecent = this.recent.size;
      lines.push(`* ${this.recent.size} RECENT`);
    }
    return lines;
  }

  /** Drops UIDs from the view; returns their sequence numbers from the last to the first. */
  private forget(uids: Set<number>): number[] {
    const seqs: number[] = [];
    for (let i = this.uids.length - 1; i >= 0; i--) {
      if (uids.has(this.uids[i])) {
        seqs.push(i + 1);
        this.recent.delete(this.uids[i]);
        this.parsed.delete(this.uids[i]);
        this.uids.splice(i, 1);
      }
    }
    return seqs;
  }

  private takeRecent(messages: readonly StoredMessage[]): void {
    for (const m of messages) {
      if (!m.recent) continue;
      this.recent.add(m.uid);
      if (!this.readOnly) m.recent = false;
    }
  }
}
