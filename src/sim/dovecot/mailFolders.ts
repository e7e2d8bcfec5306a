/**
 * A user's mailboxes besides INBOX: the folders IMAP creates under the mail root (~/mail/Sent
 * for mbox, ~/Maildir/.Sent/ for Maildir), their subscriptions, and what they are called in
 * LIST. A new folder gets a UIDVALIDITY from the clock, as Dovecot gives it.
 */
import type { Mailbox, MailStore } from '../mail/mailStore';
import type { UserMailLocation } from './mailLocation';

export type FolderResult = 'ok' | 'exists' | 'nonexistent' | 'inbox' | 'cannot';

export class UserFolders {
  /** Folder names in the order they were created. */
  private readonly names: string[] = [];
  readonly subscribed = new Set<string>();
  /** Folders written to since a client last looked (LIST shows them \Marked). */
  private readonly marked = new Set<string>();

  constructor(
    private readonly store: MailStore,
    private readonly location: UserMailLocation,
    private readonly nowSeconds: () => number,
  ) {}

  static isInbox(name: string): boolean {
    return name.toUpperCase() === 'INBOX';
  }

  /** The folders, as Dovecot's LIST walks the mail root (newest entry first here). */
  list(): string[] {
    return [...this.names].reverse();
  }

  exists(name: string): boolean {
    return UserFolders.isInbox(name) || this.names.includes(name);
  }

  /** The mailbox behind a name, INBOX included; undefined when there is none. */
  box(name: string): Mailbox | undefined {
    if (UserFolders.isInbox(name)) return this.store.open(this.location.inbox, this.location.format);
    return this.names.includes(name) ? this.store.open(this.path(name), this.location.format) : undefined;
  }

  create(name: string): FolderResult {
    if (this.exists(name)) return 'exists';
    // An mbox folder is a file: nothing can be created below it.
    const parent = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : undefined;
    if (parent !== undefined && this.names.includes(parent) && this.location.format === 'mbox') return 'cannot';
    const box = this.store.open(this.path(name), this.location.format);
    box.expunge(() => true);
    box.uidNext = 1;
    box.uidValidity = this.nowSeconds();
    this.names.push(name);
    return 'ok';
  }

  /** A folder that exists when the scenario starts (seeded mail): registered as it is. */
  adopt(name: string): Mailbox {
    if (!this.exists(name)) this.names.push(name);
    return this.box(name)!;
  }

  delete(name: string): FolderResult {
    if (UserFolders.isInbox(name)) return 'inbox';
    const i = this.names.indexOf(name);
    if (i < 0) return 'nonexistent';
    this.store.open(this.path(name), this.location.format).expunge(() => true);
    this.names.splice(i, 1);
    return 'ok';
  }

  rename(from: string, to: string): FolderResult {
    if (!this.names.includes(from)) return 'nonexistent';
    if (this.exists(to)) return 'exists';
    const old = this.store.open(this.path(from), this.location.format);
    const fresh = this.store.open(this.path(to), this.location.format);
    fresh.expunge(() => true);
    fresh.uidValidity = old.uidValidity;
    fresh.uidNext = old.uidNext;
    fresh.messages.push(...old.messages);
    old.expunge(() => true);
    this.marked.delete(from);
    this.names[this.names.indexOf(from)] = to;
    if (this.subscribed.delete(from)) this.subscribed.add(to);
    return 'ok';
  }

  /** Mail was put into a folder (COPY, MOVE, APPEND). */
  mark(name: string): void {
    if (this.names.includes(name)) this.marked.add(name);
  }

  /** A client read the folder (STATUS, SELECT). */
  unmark(name: string): void {
    this.marked.delete(name);
  }

  isMarked(name: string): boolean {
    return this.marked.has(name);
  }

  private path(name: string): string {
    return this.location.format === 'maildir' ? `${this.location.root}/.${name.replace(/\//g, '.')}/` : `${this.location.root}/${name}`;
  }
}
