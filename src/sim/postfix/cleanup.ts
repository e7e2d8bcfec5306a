/**
 * cleanup: makes a queue file out of an accepted message. It canonicalizes the envelope,
 * removes duplicate recipients, drops Return-Path and Content-Length headers, adds the
 * Message-Id, Date and From headers a local client left out, logs the message-id and puts the
 * file into the incoming queue for qmgr.
 */
import { compactUtc, rfc2822 } from '../core/time';
import type { HostContext } from '../host/hostContext';
import { findHeader, headerValue, joinMessage, splitMessage, type HeaderField } from '../mail/headers';
import { splitAddress } from './address';
import type { PostfixConfig } from './config';
import type { Master } from './master';
import type { ClientTrace, QueueFile, QueueRecipient, QueueStore } from './queue/queueStore';
import { runContentChecks, type ContentCheckResult } from './contentChecks';
import { queueFileSize } from './queue/queueFileSize';
import { AddressRewriter, mapHeaderAddresses, RECIPIENT_HEADERS, SENDER_HEADERS } from './canonical';
import { openTables, searchTables, type TableContext } from './maps/lookupTable';
import type { TrivialRewrite } from './trivialRewrite';
import { utf8Length } from '../core/utf8Length';

/** What became of a message cleanup was given. */
export type CleanupOutcome =
  | { kind: 'queued'; queueId: string; file: QueueFile }
  /** header_checks/body_checks REJECT: smtpd answers with `reply` ("550 5.7.1 ..."). */
  | { kind: 'rejected'; queueId: string; reply: string }
  /** DISCARD: the client hears "queued as", and nothing more happens. */
  | { kind: 'discarded'; queueId: string };

export interface CleanupHandle {
  queueId: string;
  pid: number;
  arrival: number;
}

export interface CleanupInput {
  sender: string;
  recipients: { address: string; original: string; notify?: string }[];
  /** Message text, LF line ends (the Received header smtpd wrote is already on top). */
  text: string;
  /** Header rewriting and missing headers, for clients in local_header_rewrite_clients. */
  rewriteLocal: boolean;
  origin: QueueFile['origin'];
  client?: ClientTrace;
  parent?: string;
  ret?: 'FULL' | 'HDRS';
  envid?: string;
  /** The sender's full name (sendmail -F, or the passwd entry): "From: Full Name <address>". */
  fullName?: string;
  /** What smtpd's access tables asked for the message (HOLD, DISCARD, REDIRECT). */
  actions?: { hold?: boolean; discard?: boolean; redirect?: string };
}

/** Headers cleanup removes from every message. */
const DROPPED = new Set(['return-path', 'content-length']);

export class Cleanup {
  constructor(
    private readonly host: HostContext,
    private readonly config: PostfixConfig,
    private readonly rewrite: TrivialRewrite,
    private readonly queue: QueueStore,
    private readonly master: Master,
    /** Tells qmgr a new file is in incoming. */
    private readonly notifyQmgr: () => void,
    /** virtual_alias_maps: one recipient becomes the addresses it is an alias for. */
    private readonly expandRecipient: (address: string) => string[],
    /** The tables as cleanup opens them (header_checks, body_checks). */
    private readonly tables: TableContext,
  ) {
    this.addresses = new AddressRewriter(config, rewrite, tables);
  }

  /** canonical_maps and masquerade_domains. */
  private readonly addresses: AddressRewriter;

  /** Opens a new queue file (smtpd does this at the first accepted recipient). */
  open(): CleanupHandle {
    const pid = this.master.acquire('cleanup');
    return { queueId: this.newQueueId(), pid, arrival: this.host.scheduler.now };
  }

  abort(handle: CleanupHandle): void {
    this.master.release('cleanup', handle.pid);
  }

  /**
   * A message smtpd gave up on part way (lost connection, too big): cleanup has already read
   * what came, so once the headers were complete it logs the message-id before the file goes.
   */
  abandon(handle: CleanupHandle, input: CleanupInput, warning?: string): void {
    const split = splitMessage(input.text);
    if (split.hadSeparator || split.body !== '') {
      const text = this.processHeaders(input, handle.queueId);
      const messageId = findHeader(splitMessage(text).headers, 'Message-Id');
      this.host.log.write('postfix/cleanup', handle.pid, `${handle.queueId}: message-id=${messageId ? headerValue(messageId) : '<>'}`, handle.queueId);
    }
    if (warning) this.host.log.write('postfix/cleanup', handle.pid, `warning: ${warning}`);
    this.abort(handle);
  }

  /**
   * Finishes the queue file and hands it to qmgr. Mail from outside (smtpd, pickup) first goes
   * through header_checks and body_checks, which may reject, discard or hold it.
   */
  finish(handle: CleanupHandle, input: CleanupInput): CleanupOutcome {
    const external = input.origin === 'smtp' || input.origin === 'pickup';
    const sender = input.sender === '' ? '' : this.addresses.apply(this.rewrite.rewrite(input.sender), 'envelope_sender');
    let recipients = this.envelopeRecipients(input);
    if (external) recipients = [...recipients, ...this.blindCopies(sender, recipients)];
    // DISCARD from smtpd: cleanup reads the message and throws it away without a word.
    if (input.actions?.discard) {
      this.abort(handle);
      return { kind: 'discarded', queueId: handle.queueId };
    }
    const checked = external ? this.contentChecks(handle, input, sender, recipients) : undefined;
    const redirect = checked?.redirect ?? input.actions?.redirect;
    if (redirect) {
      const to = this.rewrite.rewrite(redirect);
      recipients = recipients.map((r) => ({ ...r, address: to }));
    }
    const log = (line: string) => this.host.log.write('postfix/cleanup', handle.pid, line, handle.queueId);
    checked?.headerLog.forEach(log);
    const checkedVerdict = checked?.verdict ?? { kind: 'accept' as const };
    // HOLD from smtpd's access tables, unless the content checks decided something stronger.
    const verdict = checkedVerdict.kind === 'accept' && input.actions?.hold ? { kind: 'hold' as const } : checkedVerdict;
    const headersDone = !(verdict.kind === 'reject' || verdict.kind === 'discard') || verdict.phase === 'body';
    const text = this.processHeaders({ ...input, text: checked?.text ?? input.text }, handle.queueId);
    if (headersDone) {
      const messageId = findHeader(splitMessage(text).headers, 'Message-Id');
      log(`${handle.queueId}: message-id=${messageId ? headerValue(messageId) : '<>'}`);
    }
    checked?.bodyLog.forEach(log);
    if ((verdict.kind === 'accept' || verdict.kind === 'hold') && this.tooBig(input, sender, recipients, text)) {
      // cleanup stops writing; smtpd answers with cleanup's status, the client sees "file too big".
      log(`warning: ${handle.queueId}: queue file size limit exceeded`);
      log('warning: mail_stream_cleanup: close error');
      this.abort(handle);
      return { kind: 'rejected', queueId: handle.queueId, reply: '552 5.3.4 Error: message file too big' };
    }
    if (verdict.kind === 'reject' || verdict.kind === 'discard') {
      this.host.trace.emit({ kind: 'note', host: this.host.name, level: 'info', text: `cleanup ${verdict.kind === 'reject' ? 'rejected' : 'discarded'} ${handle.queueId} (${verdict.phase}_checks)` });
      this.abort(handle);
      return verdict.kind === 'reject' ? { kind: 'rejected', queueId: handle.queueId, reply: `550 ${verdict.dsn} ${verdict.text}` } : { kind: 'discarded', queueId: handle.queueId };
    }
    const file: QueueFile = {
      id: handle.queueId,
      queue: verdict.kind === 'hold' ? 'hold' : 'incoming',
      sender,
      arrival: handle.arrival,
      text,
      size: messageSize(text),
      recipients,
      attempts: 0,
      notBefore: 0,
      client: input.client,
      origin: input.origin,
      parent: input.parent,
      ret: input.ret,
      envid: input.envid,
    };
    this.host.trace.emit({
      kind: 'message',
      host: this.host.name,
      queueId: file.id,
      envelope: { sender: file.sender, recipients: recipients.map((r) => ({ address: r.address, original: r.original })) },
      text,
      size: file.size,
      origin: input.origin,
      ...(input.parent ? { parent: input.parent } : {}),
    });
    this.queue.add(file);
    this.master.release('cleanup', handle.pid);
    if (file.queue === 'incoming') this.notifyQmgr();
    return { kind: 'queued', queueId: file.id, file };
  }

  /** message_size_limit is checked against the whole queue file, envelope included. */
  private tooBig(input: CleanupInput, sender: string, recipients: QueueRecipient[], text: string): boolean {
    const limit = this.config.int('message_size_limit');
    if (limit <= 0) return false;
    return queueFileSize({ sender, recipients, text, client: input.client, rewriteContext: input.rewriteLocal ? 'local' : 'remote' }) > limit;
  }

  /** finish() for mail cleanup makes itself (bounces, forwards): no content checks, always queued. */
  finishInternal(handle: CleanupHandle, input: CleanupInput): QueueFile {
    const outcome = this.finish(handle, input);
    if (outcome.kind !== 'queued') throw new Error(`internal mail ${outcome.queueId} was not queued`);
    return outcome.file;
  }

  /**
   * always_bcc, sender_bcc_maps and recipient_bcc_maps: extra recipients cleanup adds to mail
   * from outside (an archive copy); the message's headers do not change.
   */
  private blindCopies(sender: string, recipients: QueueRecipient[]): QueueRecipient[] {
    const out: string[] = [];
    const always = this.config.get('always_bcc').trim();
    if (always) out.push(always);
    const lookup = (param: string, address: string) => {
      const value = this.config.get(param);
      if (!value.trim() || address === '') return;
      const { local, domain } = splitAddress(address.toLowerCase());
      for (const key of [address.toLowerCase(), ...(domain ? [`@${domain}`] : []), ...(domain && this.rewrite.isLocalDomain(domain) === true ? [local] : [])]) {
        const r = searchTables(openTables(value, this.tables), key);
        if (r.status === 'found') {
          out.push(r.value.trim());
          return;
        }
      }
    };
    lookup('sender_bcc_maps', sender);
    for (const r of recipients) lookup('recipient_bcc_maps', r.address);
    const known = new Set(recipients.map((r) => `${r.original}\n${r.address}`.toLowerCase()));
    const copies: QueueRecipient[] = [];
    for (const bcc of out) {
      const address = this.rewrite.rewrite(bcc);
      const key = `${address}\n${address}`.toLowerCase();
      if (known.has(key)) continue;
      known.add(key);
      copies.push({ address, original: address, status: 'todo' });
    }
    return copies;
  }

  /** The envelope recipients: canonical, virtual aliases expanded, duplicates dropped. */
  private envelopeRecipients(input: CleanupInput): QueueRecipient[] {
    const seen = new Set<string>();
    const recipients: QueueRecipient[] = [];
    for (const r of input.recipients) {
      for (const address of this.expandRecipient(this.addresses.apply(this.rewrite.rewrite(r.address), 'envelope_recipient'))) {
        // Postfix drops a duplicate only when the original recipient is the same too.
        const key = `${r.notify ?? ''}\n${r.original}\n${address}`.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        recipients.push({ address, original: r.original, notify: r.notify, status: 'todo' });
      }
    }
    return recipients;
  }

  private contentChecks(handle: CleanupHandle, input: CleanupInput, sender: string, recipients: QueueRecipient[]): ContentCheckResult {
    const client = input.client;
    return runContentChecks(input.text, this.config.get('header_checks'), this.config.get('body_checks'), this.tables, {
      queueId: handle.queueId,
      client: input.origin === 'pickup' || !client ? 'local' : `${client.name}[${client.address}]`,
      sender,
      recipient: recipients[recipients.length - 1]?.address,
      proto: input.origin === 'pickup' ? undefined : client?.protocol,
      helo: input.origin === 'pickup' ? undefined : client?.helo,
    });
  }

  private processHeaders(input: CleanupInput, queueId: string): string {
    const split = splitMessage(input.text);
    const headers: HeaderField[] = [];
    for (const h of split.headers) {
      if (DROPPED.has(h.name.toLowerCase())) continue;
      const name = h.name.toLowerCase();
      headers.push(input.rewriteLocal && (SENDER_HEADERS.has(name) || RECIPIENT_HEADERS.has(name)) ? this.rewriteAddresses(h) : h);
    }
    const addMissing = input.rewriteLocal || this.config.bool('always_add_missing_headers');
    if (addMissing) {
      const now = this.host.epochNow();
      if (!findHeader(headers, 'Message-Id')) {
        headers.push({ name: 'Message-Id', raw: `Message-Id: <${compactUtc(now)}.${queueId}@${this.config.get('myhostname')}>` });
      }
      if (!findHeader(headers, 'Date')) headers.push({ name: 'Date', raw: `Date: ${rfc2822(now, this.host.zone)}` });
      if (!findHeader(headers, 'From')) {
        const from = input.sender === '' ? 'MAILER-DAEMON' : this.rewrite.rewrite(input.sender);
        headers.push({ name: 'From', raw: `From: ${fromHeader(from, input.fullName)}` });
      }
      const undisclosed = this.config.get('undisclosed_recipients_header');
      if (undisclosed && !['To', 'Cc', 'Bcc', 'Resent-To', 'Resent-Cc'].some((n) => findHeader(headers, n))) {
        headers.push({ name: undisclosed.split(':')[0], raw: undisclosed });
      }
    }
    if (!split.hadSeparator && split.body === '') return headers.map((h) => `${h.raw}\n`).join('');
    return joinMessage(headers, split.body);
  }

  /**
   * For a local client, addresses in sender and recipient headers are put in canonical form
   * ("From: ansible" becomes "From: ansible@mail.example.com"), then canonical maps and
   * masquerading apply as for the envelope.
   */
  private rewriteAddresses(h: HeaderField): HeaderField {
    const name = h.name.toLowerCase();
    const cls = SENDER_HEADERS.has(name) ? 'header_sender' : 'header_recipient';
    const colon = h.raw.indexOf(':');
    const value = h.raw.slice(colon + 1);
    const rewritten = mapHeaderAddresses(value, (address) => this.addresses.apply(this.rewrite.rewrite(address), cls));
    return { name: h.name, raw: `${h.raw.slice(0, colon + 1)}${rewritten}` };
  }

  /** A Postfix short queue id: microseconds as 5 hex digits, then the queue file's inode. */
  newQueueId(): string {
    const epochUs = Math.floor(this.host.epochNow() * 1000);
    const usec = (epochUs % 1_000_000).toString(16).toUpperCase().padStart(5, '0');
    for (;;) {
      const inode = this.host.rng.int(0x10000, 0xffffff).toString(16).toUpperCase();
      const id = `${usec}${inode}`;
      // The id must name one file, and conformance tooling recognizes ids by their hex letters.
      if (/[A-F]/.test(id) && !this.queue.has(id)) return id;
    }
  }
}

/** Message size as Postfix counts it (qmgr's size=, SIZE=): bytes with CRLF line ends. */
export function messageSize(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return byteLength(text) + lines;
}

/** Bytes of a text in UTF-8, as the message is stored and sent. */
export function byteLength(text: string): number {
  return utf8Length(text);
}

/** header_from_format = standard (Postfix 3.3 and later): "Name <address>", the name quoted when it must be. */
function fromHeader(address: string, fullName: string | undefined): string {
  if (!fullName) return address;
  const name = /[()<>@,;:\\".[\]]/.test(fullName) ? `"${fullName.replace(/(["\\])/g, '\\$1')}"` : fullName;
  return `${name} <${address}>`;
}
