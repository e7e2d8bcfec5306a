/**
 * The files a student can look at on a host: the configuration texts in its file system, and the
 * files that are views of live state — /var/log/maillog (and Debian's /var/log/mail.log) from the
 * host's syslog, /var/mail/USER and /var/spool/mail/USER as mbox text, Maildir messages,
 * /etc/passwd from the accounts, the .db files postmap and newaliases built. With owners, modes
 * and times for ls -l, and who may read them.
 */
import type { SimHost } from '../../host/simHost';
import { asctime } from '../../core/time';
import { postfixOf } from '../../services';
import { findMailbox, mboxFileLines, mboxLines } from './mailboxFiles';

export const MAILLOG_PATHS = ['/var/log/maillog', '/var/log/mail.log'];

export interface FileInfo {
  path: string;
  kind: 'file' | 'dir';
  mode: string;
  owner: string;
  group: string;
  /** Epoch ms of the last change. */
  mtime: number;
  size: number;
}

const DIRS_ALWAYS = ['/', '/etc', '/home', '/root', '/tmp', '/usr', '/usr/bin', '/usr/sbin', '/var', '/var/log', '/var/mail', '/var/spool', '/var/spool/mail'];
const DIRS_POSTFIX = ['/etc/postfix', '/var/spool/postfix', '/var/lib/postfix'];

/** Debian's /etc/passwd lines for the host's accounts. */
function passwdLines(host: SimHost): string[] {
  return host.accounts.list().map((a) => {
    if (a.name === 'root') return 'root:x:0:0:root:/root:/bin/bash';
    if (a.human) return `${a.name}:x:${a.uid}:${a.uid}::${a.home}:/bin/bash`;
    return `${a.name}:x:${a.uid}:${a.uid}:${a.name}:${a.home}:/usr/sbin/nologin`;
  });
}

/** Maildir message files: HOME/Maildir/new/NAME (unread) or cur/NAME:2,S once seen. */
function maildirFiles(host: SimHost): Map<string, { lines: string[]; mtime: number }> {
  const out = new Map<string, { lines: string[]; mtime: number }>();
  for (const path of host.store.paths()) {
    const box = host.store.get(path)!;
    if (box.format !== 'maildir') continue;
    const dir = path.replace(/\/$/, '');
    for (const m of box.messages) {
      const name = m.file ?? String(m.uid);
      const where = m.recent && !m.flags.has('\\Seen') ? `new/${name}` : `cur/${name}:2,${m.flags.has('\\Seen') ? 'S' : ''}`;
      out.set(`${dir}/${where}`, { lines: m.text.replace(/\n$/, '').split('\n'), mtime: m.arrived });
    }
  }
  return out;
}

/** The text of a file as lines, or undefined when there is no such file. */
export function readLines(host: SimHost, path: string): string[] | undefined {
  if (MAILLOG_PATHS.includes(path)) return [...host.log.lines];
  if (path === '/etc/passwd') return passwdLines(host);
  const spool = /^\/var\/(?:spool\/)?mail\/([^/]+)$/.exec(path);
  if (spool) {
    const box = findMailbox(host, path);
    return box ? mboxFileLines(box, host.zone) : undefined;
  }
  const text = host.fs.read(path);
  if (text !== undefined) return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const box = host.store.get(path);
  if (box && box.format === 'mbox') return box.messages.flatMap((m) => mboxLines(m, host.zone));
  const maildir = maildirFiles(host).get(path);
  if (maildir) return maildir.lines;
  if (path.endsWith('.db') && host.fs.db(path.slice(0, -3))) return ['mailsim: a Berkeley DB hash file (binary); look keys up with postmap -q KEY hash:' + path.slice(0, -3)];
  return undefined;
}

/** Every path that exists, files and directories. */
function allPaths(host: SimHost): Map<string, 'file' | 'dir'> {
  const out = new Map<string, 'file' | 'dir'>();
  const addFile = (p: string) => {
    out.set(p, 'file');
    for (let d = p.slice(0, p.lastIndexOf('/')); d.length > 0; d = d.slice(0, d.lastIndexOf('/'))) out.set(d, 'dir');
  };
  for (const d of DIRS_ALWAYS) out.set(d, 'dir');
  if (postfixOf(host)) for (const d of DIRS_POSTFIX) out.set(d, 'dir');
  for (const a of host.accounts.list()) if (a.human) out.set(a.home, 'dir');
  for (const p of host.fs.list()) addFile(p);
  for (const p of MAILLOG_PATHS) addFile(p);
  addFile('/etc/passwd');
  for (const p of host.store.paths()) {
    const box = host.store.get(p)!;
    if (box.format === 'mbox') addFile(p);
    else for (const sub of ['new', 'cur', 'tmp']) out.set(`${p.replace(/\/$/, '')}/${sub}`, 'dir');
  }
  for (const p of maildirFiles(host).keys()) addFile(p);
  for (const p of host.fs.list()) if (host.fs.db(p)) addFile(`${p}.db`);
  // /var/mail and /var/spool/mail are one directory.
  for (const [p, k] of [...out]) {
    const twin = p.startsWith('/var/mail/') ? `/var/spool/mail/${p.slice(10)}` : p.startsWith('/var/spool/mail/') ? `/var/mail/${p.slice(16)}` : undefined;
    if (twin) out.set(twin, k);
  }
  out.set('/', 'dir');
  return out;
}

export function exists(host: SimHost, path: string): 'file' | 'dir' | undefined {
  return allPaths(host).get(normalize(path));
}

/** "/etc/postfix/" and "/etc//postfix" are "/etc/postfix". */
export function normalize(path: string): string {
  const p = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return p === '' ? '/' : p;
}

/** Names in a directory, sorted as ls sorts them in the C locale. */
export function listDir(host: SimHost, dir: string): string[] {
  const base = normalize(dir);
  const prefix = base === '/' ? '/' : `${base}/`;
  const names = new Set<string>();
  for (const p of allPaths(host).keys()) {
    if (p.startsWith(prefix) && p !== base) names.add(p.slice(prefix.length).split('/')[0]);
  }
  return [...names].filter(Boolean).sort();
}

/** Owner, mode and time, as a Debian host would have them. */
export function fileInfo(host: SimHost, path: string): FileInfo | undefined {
  const p = normalize(path);
  const kind = exists(host, p);
  if (!kind) return undefined;
  const lines = kind === 'file' ? (readLines(host, p) ?? []) : [];
  const size = kind === 'dir' ? 4096 : lines.reduce((n, l) => n + new TextEncoder().encode(l).length + 1, 0);
  const info: FileInfo = { path: p, kind, mode: kind === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--', owner: 'root', group: 'root', mtime: host.startEpoch, size };
  if (MAILLOG_PATHS.includes(p)) {
    Object.assign(info, { mode: '-rw-r-----', group: 'adm', mtime: lastLogTime(host) });
  }
  const spool = /^\/var\/(?:spool\/)?mail\/([^/]+)$/.exec(p);
  if (spool) {
    const box = findMailbox(host, p);
    Object.assign(info, { mode: '-rw-rw----', owner: spool[1], group: 'mail', mtime: box?.messages.at(-1)?.arrived ?? host.startEpoch });
  }
  if (p === '/var/mail' || p === '/var/spool/mail') Object.assign(info, { mode: 'drwxrwsr-x', group: 'mail' });
  if (p === '/root') info.mode = 'drwx------';
  const home = host.accounts.list().find((a) => a.human && (p === a.home || p.startsWith(`${a.home}/`)));
  if (home) Object.assign(info, { owner: home.name, group: home.name, mode: p === home.home ? 'drwx------' : info.mode });
  return info;
}

function lastLogTime(host: SimHost): number {
  return host.log.lines.length > 0 ? host.startEpoch + host.scheduler.now : host.startEpoch;
}

/** Whether `user` may read the file (root reads everything). */
export function mayRead(host: SimHost, user: string, path: string): boolean {
  if (user === 'root') return true;
  const p = normalize(path);
  if (p.startsWith('/root')) return false;
  if (MAILLOG_PATHS.includes(p)) return false;
  const spool = /^\/var\/(?:spool\/)?mail\/([^/]+)$/.exec(p);
  if (spool) return spool[1] === user;
  const other = host.accounts.list().find((a) => a.human && a.name !== user && (p === a.home || p.startsWith(`${a.home}/`)));
  return !other;
}

/** "Apr 13 07:38" as ls -l shows a recent time. */
export function lsTime(host: SimHost, epochMs: number): string {
  const t = asctime(epochMs, host.zone);
  return `${t.slice(4, 10)} ${t.slice(11, 16)}`;
}
