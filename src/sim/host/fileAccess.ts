/**
 * Who may create or write which file on a simulated host: the little of Unix permissions that
 * a delivery agent running as a user (local's default_privs "nobody", a .forward owner,
 * virtual's virtual_uid_maps uid) runs into. The answers are errno names, so that the daemons
 * can word them as the real ones do ("cannot create file exclusively: Permission denied").
 *
 * The model, as Debian and the course's hosts lay a machine out:
 * - system directories (/etc, /var/log, /usr, ...) exist and belong to root, mode 0755: others
 *   may look inside, not create; /root is 0700 (not even searchable); /tmp and /var/tmp are
 *   world-writable; /var/mail is root:mail 2775 (local's mailbox delivery writes there with the
 *   mail group, which no other writer has here);
 * - each lab account's home /home/USER exists, mode 0755, and everything under it that exists
 *   belongs to USER (as when the user made it: a .forward, a Maildir);
 * - any other directory exists when something lies in it (a file the scenario put there, a
 *   mailbox, a Maildir), and belongs to root — unless it is under a directory the caller says
 *   was prepared for a user (virtual_mailbox_base, made by the administrator for the virtual uid);
 * - a file belongs to the owner of the tree it is in; in a world-writable directory the model
 *   does not know who made a file, and takes it as the writer's own.
 * Groups are not modelled beyond /var/mail's.
 */
import type { HostContext } from './hostContext';

export type Errno = 'ENOENT' | 'EACCES';

/** strerror() of the errors the model gives, as glibc words them. */
export const STRERROR: Record<Errno | 'EFBIG', string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EFBIG: 'File too large',
};

/** A directory the administrator made for a user (mkdir; chown), with everything below it. */
export interface PreparedDirectory {
  path: string;
  uid: number;
}

const SYSTEM_DIRECTORIES = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/etc/postfix', '/etc/dovecot', '/home', '/lib', '/media', '/mnt', '/opt',
  '/root', '/run', '/sbin', '/srv', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin',
  '/usr/sbin', '/usr/share', '/var', '/var/backups', '/var/cache', '/var/lib', '/var/lib/postfix', '/var/log',
  '/var/mail', '/var/spool', '/var/spool/mail', '/var/spool/postfix', '/var/tmp',
]);
/** Mode 0700 directories: only their owner (root) may even look inside. */
const PRIVATE_DIRECTORIES = new Set(['/root']);
/** Mode 1777. */
const WORLD_WRITABLE = new Set(['/tmp', '/var/tmp']);
/** Files anyone may write (character devices). */
const DEVICES = new Set(['/dev/null']);

export class FileAccess {
  constructor(
    private readonly host: Pick<HostContext, 'fs' | 'store' | 'accounts'>,
    private readonly prepared: readonly PreparedDirectory[] = [],
  ) {}

  /** A regular file (or device) exists at `path`. */
  fileExists(path: string): boolean {
    if (DEVICES.has(path)) return true;
    return this.host.fs.read(path) !== undefined || this.host.store.get(path) !== undefined;
  }

  directoryExists(dir: string): boolean {
    dir = trimSlash(dir);
    if (SYSTEM_DIRECTORIES.has(dir) || this.homeOwner(dir, true) !== undefined) return true;
    if (this.prepared.some((p) => trimSlash(p.path) === dir)) return true;
    const inside = `${dir === '/' ? '' : dir}/`;
    if (this.host.fs.list(inside).length > 0) return true;
    return this.host.store.paths().some((p) => p.startsWith(inside) || (p.endsWith('/') && trimSlash(p) === dir));
  }

  /** One of the directories every Debian host has (owned by root). */
  isSystemDirectory(dir: string): boolean {
    return SYSTEM_DIRECTORIES.has(trimSlash(dir));
  }

  /** The uid that owns an existing file or directory. */
  ownerOf(path: string): number {
    path = trimSlash(path);
    const home = this.homeOwner(path, false);
    if (home !== undefined) return home;
    const prepared = this.preparedOwner(path);
    if (prepared !== undefined) return prepared;
    return 0;
  }

  /**
   * open(path, O_WRONLY) of an existing file as `uid`: undefined when allowed, ENOENT when the
   * file (or a directory on the way) is missing, EACCES when a directory cannot be searched or
   * the file is someone else's.
   */
  openExisting(uid: number, path: string): Errno | undefined {
    const way = this.lookup(uid, parentOf(path));
    if (way) return way;
    if (!this.fileExists(path)) return 'ENOENT';
    if (uid === 0 || DEVICES.has(path) || WORLD_WRITABLE.has(parentOf(path))) return undefined;
    return this.ownerOf(path) === uid ? undefined : 'EACCES';
  }

  /** open(path, O_CREAT | O_EXCL) as `uid` (a new file, or a lock file). */
  create(uid: number, path: string): Errno | undefined {
    const dir = parentOf(path);
    const way = this.lookup(uid, dir);
    if (way) return way;
    return this.mayWriteIn(uid, dir) ? undefined : 'EACCES';
  }

  /** make_dirs(dir) as `uid`: every missing directory is created in turn; the first failure. */
  makeDirs(uid: number, dir: string): Errno | undefined {
    dir = trimSlash(dir);
    const parts = dir.split('/').filter(Boolean);
    let at = '';
    for (const part of parts) {
      const parent = at || '/';
      at = `${at}/${part}`;
      if (this.directoryExists(at)) {
        if (!this.searchable(uid, at)) return 'EACCES';
        continue;
      }
      if (!this.mayWriteIn(uid, parent)) return 'EACCES';
      // Created now as uid: what lies below is uid's to write.
      return undefined;
    }
    return undefined;
  }

  /** May `uid` create entries in the existing directory `dir`? */
  mayWriteIn(uid: number, dir: string): boolean {
    dir = trimSlash(dir);
    if (uid === 0 || WORLD_WRITABLE.has(dir)) return true;
    return this.ownerOf(dir) === uid;
  }

  /** Walks from / down to `dir` as path resolution does: ENOENT for a missing one, EACCES for one not searchable. */
  private lookup(uid: number, dir: string): Errno | undefined {
    const parts = trimSlash(dir).split('/').filter(Boolean);
    let at = '';
    for (const part of parts) {
      at = `${at}/${part}`;
      if (!this.directoryExists(at)) return 'ENOENT';
      if (!this.searchable(uid, at)) return 'EACCES';
    }
    return undefined;
  }

  private searchable(uid: number, dir: string): boolean {
    return uid === 0 || !PRIVATE_DIRECTORIES.has(dir) || this.ownerOf(dir) === uid;
  }

  /** The uid of the lab user whose home `path` is (or is in, unless `exact`). */
  private homeOwner(path: string, exact: boolean): number | undefined {
    const m = /^\/home\/([^/]+)(\/.*)?$/.exec(path);
    if (!m || (exact && m[2])) return undefined;
    const account = this.host.accounts.get(m[1]);
    return account && account.home === `/home/${m[1]}` ? account.uid : undefined;
  }

  private preparedOwner(path: string): number | undefined {
    for (const p of this.prepared) {
      const base = trimSlash(p.path);
      if (path === base || path.startsWith(`${base}/`)) return p.uid;
    }
    return undefined;
  }
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function parentOf(path: string): string {
  const p = trimSlash(path);
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
