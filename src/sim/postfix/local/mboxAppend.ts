/**
 * Appending a message to an mbox file as a given user, the way Postfix's mbox_open() and
 * mail_copy() do it for local(8) (mailbox, /file/name) and virtual(8): first a dot-lock file
 * next to the target (not for devices like /dev/null), then open the file or create it
 * exclusively, then write — under the delivery agent's file size limit (mailbox_size_limit,
 * virtual_mailbox_limit), which counts what the file already holds.
 *
 * The errors read as the real ones: "unable to create lock file X.lock: Permission denied",
 * "cannot open file: ...", "cannot create file exclusively: ...", "error writing message: File
 * too large"; their enhanced status code is mbox_dsn()'s (5.2.2 for a full mailbox, else the
 * caller's default). A lock file that may not be made (local's /file/name deliveries) is only
 * a warning.
 */
import { STRERROR, type Errno, type FileAccess } from '../../host/fileAccess';
import type { HostContext } from '../../host/hostContext';
import { fromLine, quoteFromLines } from '../../mail/mailStore';
import { byteLength } from '../cleanup';
import { mboxFileBytes, noteMboxAppend } from './mboxFileSize';

export interface MboxAppend {
  path: string;
  /** Whose rights: 0 for root (or the mail group on the spool directory). */
  uid: number;
  sender: string;
  /** The message with the delivery agent's headers on top (Return-Path, ...). */
  text: string;
  /** Largest file size the agent may write, 0 for none. */
  sizeLimit: number;
  /** local's /file/name deliveries go on without a lock file (MBOX_DOT_LOCK_MAY_FAIL). */
  lockMayFail: boolean;
  /** Enhanced status code for errors that are not a full mailbox: local 5.2.0, virtual 4.2.0. */
  defaultDsn: string;
}

export type MboxAppendResult = { ok: true } | { ok: false; dsn: string; why: string; errno: Errno | 'EFBIG' };

/** Files that are no regular files: never dot-locked, never full. */
const DEVICES = new Set(['/dev/null']);

export function appendToMbox(host: Pick<HostContext, 'store' | 'epochNow' | 'zone'>, access: FileAccess, req: MboxAppend, warn: (text: string) => void): MboxAppendResult {
  const fail = (errno: Errno | 'EFBIG', why: string): MboxAppendResult => ({ ok: false, errno, why, dsn: errno === 'EFBIG' ? '5.2.2' : req.defaultDsn });
  if (!DEVICES.has(req.path)) {
    const lock = access.create(req.uid, `${req.path}.lock`);
    if (lock) {
      const why = `unable to create lock file ${req.path}.lock: ${STRERROR[lock]}`;
      if (!req.lockMayFail) return fail(lock, why);
      warn(why);
    }
  }
  const open = access.openExisting(req.uid, req.path);
  if (open === 'ENOENT') {
    const created = access.create(req.uid, req.path);
    if (created) return fail(created, `cannot create file exclusively: ${STRERROR[created]}`);
  } else if (open) {
    return fail(open, `cannot open file: ${STRERROR[open]}`);
  }
  if (DEVICES.has(req.path)) return { ok: true };
  const box = host.store.get(req.path);
  const arrived = host.epochNow();
  const text = quoteFromLines(req.text);
  if (req.sizeLimit <= 0) {
    host.store.open(req.path, 'mbox').append(req.sender, arrived, text);
    return { ok: true };
  }
  const existing = box ? mboxFileBytes(box, host.zone) : 0;
  const adding = byteLength(`${fromLine({ sender: req.sender, arrived }, host.zone)}\n${text.endsWith('\n') ? text : `${text}\n`}`) + 1;
  // The write that would pass the limit fails (EFBIG) and mail_copy truncates the file back.
  if (existing + adding > req.sizeLimit) return fail('EFBIG', `error writing message: ${STRERROR.EFBIG}`);
  const written = host.store.open(req.path, 'mbox');
  written.append(req.sender, arrived, text);
  noteMboxAppend(written, host.zone, existing, adding);
  return { ok: true };
}
