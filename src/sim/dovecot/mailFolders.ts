/**
 * A user's mailboxes besides INBOX: the folders IMAP creates under the mail root (~/mail/Sent
 * for mbox, ~/Maildir/.Sent/ for Maildir), their subscriptions, and what they are called in
 * LIST. A new folder gets a UIDVALIDITY from the clock, as Dovecot gives it.
 *
 * With mbox storage a hierarchy is made of directories: CREATE Work/Projects makes the directory
 * Work (\Noselect in LIST) and the mbox file Work/Projects in it; CREATE Notes/ makes a directory
 * only. A file cannot have children, a directory with children cannot be deleted.
 */
import type { Mailbox, MailStore } from '../mail/mailStore';
import type { UserMailLocation } from './mailLocation';

export type FolderResult = 'ok' | 'exists' | 'nonexistent' | 'inbox' | 'cannot' | 'haschildren' | 'badname';

/** One entry of the mail root as LIST walks it. */
export interface FolderEntry {
  name: string;
  /** A directory of mbox storage: no mailbox of its own (\Noselect). */
  directory: boolean;
  /** Something lives below it. */
  hasChildren: boolean;
}

export class UserFolders {
  /** Folder names in the order they were created. */
  private readonly names: string[] = [];
  /** Directories of mbox storage, in the order they were created. */
  private readonly dirs: string[] = [];
  /** Every entry (folder or directory), oldest first: the order LIST walks them in, reversed. */
  private readonly created: string[] = [];
  readonly subscribed = new Set<string>();
  /** Folders written to since a client last looked (LIST shows them \Marked). */
  private readonly marked = new Set<string>();
  /**
   * Folders whose file holds mail nobody has read since it was written before the session
   * (seeded mail): a lookup that stat()s the file, as LIST (SUBSCRIBED) does, calls them \Marked.
   */
  private readonly unread = new Set<string>();

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
    return this.entries()
      .filter((e) => !e.directory)
      .map((e) => e.name);
  }

  /**
   * Folders and directories in the order LIST walks the mail root: newest entry first on each
   * level, a directory's contents right after it.
   */
  entries(): FolderEntry[] {
    if (this.location.format !== 'mbox') return this.maildirEntries();
    const out: FolderEntry[] = [];
    const walk = (parent: string | undefined) => {
      for (let i = this.created.length - 1; i >= 0; i--) {
        const name = this.created[i];
        if (parentOf(name) !== parent) continue;
        const directory = this.dirs.includes(name);
        out.push({ name, directory, hasChildren: directory && this.childrenOf(name).length > 0 });
        if (directory) walk(name);
      }
    };
    walk(undefined);
    return out;
  }

  /**
   * Maildir++ keeps every folder flat in the root (.Work.Notes): LIST walks them newest first and
   * shows a parent that is no folder of its own ("Work") as \Noselect, just before its first child.
   */
  private maildirEntries(): FolderEntry[] {
    const sep = this.separator;
    const out: FolderEntry[] = [];
    const shown = new Set<string>();
    for (const name of [...this.names].reverse()) {
      for (const parent of ancestorsOf(name, sep)) {
        if (shown.has(parent) || this.names.includes(parent)) continue;
        shown.add(parent);
        out.push({ name: parent, directory: true, hasChildren: true });
      }
      shown.add(name);
      out.push({ name, directory: false, hasChildren: this.names.some((n) => n.startsWith(name + sep)) });
    }
    return out;
  }

  /** The hierarchy separator LIST shows ("." for Maildir++, "/" otherwise). */
  get separator(): '.' | '/' {
    return this.location.separator ?? '/';
  }

  exists(name: string): boolean {
    return UserFolders.isInbox(name) || this.names.includes(name);
  }

  /** A directory of mbox storage (no mailbox of its own). */
  isDirectory(name: string): boolean {
    return this.dirs.includes(name);
  }

  private childrenOf(dir: string): string[] {
    return this.created.filter((n) => n.startsWith(`${dir}/`));
  }

  /** The mailbox behind a name, INBOX included; undefined when there is none. */
  box(name: string): Mailbox | undefined {
    if (UserFolders.isInbox(name)) return this.store.open(this.location.inbox, this.location.format);
    return this.names.includes(name) ? this.store.open(this.path(name), this.location.format) : undefined;
  }

  /** CREATE: a folder, or with `directory` (a name that ended in "/") an mbox directory only. */
  create(name: string, directory = false): FolderResult {
    // Maildir++ separates levels with "." and keeps them in one file name: no "/" in a name
    if (this.separator === '.' && name.includes('/')) return 'badname';
    if (this.exists(name) || this.dirs.includes(name)) return 'exists';
    if (this.location.format === 'mbox') {
      // An mbox folder is a file: nothing can be created below it; missing parents become directories.
      const ancestors = ancestorsOf(name);
      if (ancestors.some((a) => this.names.includes(a))) return 'cannot';
      for (const a of ancestors) if (!this.dirs.includes(a)) this.addEntry(a, true);
      if (directory) {
        this.addEntry(name, true);
        return 'ok';
      }
    }
    const box = this.store.open(this.path(name), this.location.format);
    box.expunge(() => true);
    box.uidNext = 1;
    box.uidValidity = this.nowSeconds();
    this.addEntry(name, false);
    return 'ok';
  }

  /** A folder that exists when the scenario starts (seeded mail): registered as it is. */
  adopt(name: string): Mailbox {
    if (!this.exists(name)) {
      if (this.location.format === 'mbox') for (const a of ancestorsOf(name)) if (!this.dirs.includes(a)) this.addEntry(a, true);
      this.addEntry(name, false);
    }
    const box = this.box(name)!;
    this.unread.add(name);
    return box;
  }

  delete(name: string): FolderResult {
    if (UserFolders.isInbox(name)) return 'inbox';
    if (this.dirs.includes(name)) {
      if (this.childrenOf(name).length > 0) return 'haschildren';
      this.dropEntry(name);
      return 'ok';
    }
    if (!this.names.includes(name)) return 'nonexistent';
    this.store.open(this.path(name), this.location.format).expunge(() => true);
    this.dropEntry(name);
    return 'ok';
  }

  rename(from: string, to: string): FolderResult {
    if (this.dirs.includes(from)) return this.renameDirectory(from, to);
    if (!this.names.includes(from)) return 'nonexistent';
    if (this.exists(to) || this.dirs.includes(to)) return 'exists';
    const old = this.store.open(this.path(from), this.location.format);
    const fresh = this.store.open(this.path(to), this.location.format);
    fresh.expunge(() => true);
    fresh.uidValidity = old.uidValidity;
    fresh.uidNext = old.uidNext;
    fresh.adopt(old.messages);
    old.expunge(() => true);
    const wasMarked = this.marked.delete(from);
    const wasUnread = this.unread.delete(from);
    // rename(2) makes a new directory entry: the newest one in LIST's walk
    this.dropEntry(from);
    this.addEntry(to, false);
    if (wasMarked) this.marked.add(to);
    if (wasUnread) this.unread.add(to);
    if (this.subscribed.delete(from)) this.subscribed.add(to);
    return 'ok';
  }

  /** An mbox directory renamed with everything below it (one rename(2) of the directory). */
  private renameDirectory(from: string, to: string): FolderResult {
    if (this.exists(to) || this.dirs.includes(to)) return 'exists';
    const moved = (name: string) => to + name.slice(from.length);
    for (const child of this.childrenOf(from)) {
      if (this.names.includes(child)) {
        const old = this.store.open(this.path(child), this.location.format);
        const fresh = this.store.open(this.path(moved(child)), this.location.format);
        fresh.expunge(() => true);
        fresh.uidValidity = old.uidValidity;
        fresh.uidNext = old.uidNext;
        fresh.adopt(old.messages);
        old.expunge(() => true);
      }
      for (const list of [this.names, this.dirs, this.created]) {
        const i = list.indexOf(child);
        if (i >= 0) list[i] = moved(child);
      }
      for (const set of [this.marked, this.unread, this.subscribed]) if (set.delete(child)) set.add(moved(child));
    }
    this.dropEntry(from);
    this.addEntry(to, true);
    if (this.subscribed.delete(from)) this.subscribed.add(to);
    return 'ok';
  }

  private addEntry(name: string, directory: boolean): void {
    (directory ? this.dirs : this.names).push(name);
    this.created.push(name);
  }

  private dropEntry(name: string): void {
    for (const list of [this.names, this.dirs, this.created]) {
      const i = list.indexOf(name);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** Mail was put into a folder (COPY, MOVE, APPEND). */
  mark(name: string): void {
    if (this.names.includes(name)) this.marked.add(name);
  }

  /** A client read the folder (STATUS, SELECT). */
  unmark(name: string): void {
    this.marked.delete(name);
    this.unread.delete(name);
  }

  /** \Marked as LIST's walk of the mail root reports it. */
  isMarked(name: string): boolean {
    return this.marked.has(name);
  }

  /** \Marked as a lookup of the folder's file reports it (mail written, not read since). */
  isMarkedByStat(name: string): boolean {
    return this.marked.has(name) || (this.unread.has(name) && (this.box(name)?.size ?? 0) > 0);
  }

  private path(name: string): string {
    return this.location.format === 'maildir' ? `${this.location.root}/.${name.replace(/\//g, '.')}/` : `${this.location.root}/${name}`;
  }
}

/** "Work/Projects/2024" -> ["Work", "Work/Projects"]. */
function ancestorsOf(name: string, sep = '/'): string[] {
  const parts = name.split(sep);
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(sep));
}

function parentOf(name: string): string | undefined {
  const i = name.lastIndexOf('/');
  return i < 0 ? undefined : name.slice(0, i);
}
