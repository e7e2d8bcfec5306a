/**
 * The virtual delivery agent: mail for virtual_mailbox_domains goes to the mailbox that
 * virtual_mailbox_maps names for the address (relative to virtual_mailbox_base; a path ending
 * in "/" is a Maildir), with the same Return-Path / X-Original-To / Delivered-To headers local
 * writes — the course's virtual users in /var/mail/vhosts/DOMAIN/USER/.
 *
 * As Postfix's virtual(8):
 * - the maps are searched for the address, then the address without its extension
 *   (recipient_delimiter), then @domain; the uid and gid come from virtual_uid_maps and
 *   virtual_gid_maps the same way (missing or below virtual_minimum_uid: the mail waits,
 *   4.3.5 mail system configuration error);
 * - the mailbox is written with those rights: a Maildir's missing directories are made
 *   (where that uid may make them: else "maildir access problem"), an mbox's are not (its lock
 *   file cannot be made: the mail waits, 4.2.0); virtual_mailbox_limit caps an mbox;
 * - virtual_mailbox_limit below message_size_limit stops virtual from starting at all.
 * virtual_mailbox_base itself is taken as the administrator made it, owned by the virtual uid,
 * unless it lies in a user's home (then it is that user's, like everything there).
 */
import { createSimActor } from '../../core/actors';
import { FileAccess, STRERROR } from '../../host/fileAccess';
import type { HostContext } from '../../host/hostContext';
import { splitAddress } from '../address';
import { agentMachine } from '../agentMachine';
import type { PostfixConfig } from '../config';
import { formatDelays } from '../logFormat';
import { openTables, searchTables, type LookupResult, type TableContext } from '../maps/lookupTable';
import type { Master } from '../master';
import type { DeliveryAgent, DeliveryRequest, RecipientResult } from '../queue/qmgr';
import type { QueueFile, QueueRecipient } from '../queue/queueStore';
import { TIMING } from '../timing';
import { splitExtension } from '../local/localResolution';
import { appendToMbox } from '../local/mboxAppend';
import { sizeLimitFatal, StartupFailure } from '../local/startupFailure';
import { softBounceResult } from '../softBounce';

export interface VirtualDeps {
  host: HostContext;
  config: PostfixConfig;
  master: Master;
  tables: (pid: number) => TableContext;
}

export class VirtualAgent implements DeliveryAgent {
  private monitor = createSimActor(agentMachine);
  private readonly startup: StartupFailure;

  constructor(private readonly deps: VirtualDeps) {
    let last = '';
    this.monitor.subscribe((snap) => {
      const state = String(snap.value);
      if (state === last) return;
      last = state;
      deps.host.trace.emit({ kind: 'daemon', host: deps.host.name, daemon: 'virtual', instance: 'virtual', state });
    });
    this.monitor.start();
    this.startup = new StartupFailure(deps.host, deps.master, 'virtual', '/usr/lib/postfix/sbin/virtual', deps.config.seconds('service_throttle_time') * 1000);
  }

  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void {
    const { host, master } = this.deps;
    const fatal = sizeLimitFatal(this.deps.config, 'virtual_mailbox_limit');
    if (fatal) return this.startup.attempt(fatal, req.file);
    const pid = master.acquire('virtual');
    const started = host.scheduler.now;
    this.monitor.send({ type: 'START' });
    host.scheduler.after(TIMING.localDeliveryMs, () => {
      const results = req.recipients.map((r) => this.deliverOne(req.file, r, pid, started));
      master.release('virtual', pid);
      this.monitor.send({ type: 'FINISH' });
      done(results);
    });
  }

  private deliverOne(file: QueueFile, rcpt: QueueRecipient, pid: number, started: number): RecipientResult {
    const { host, config } = this.deps;
    const lower = rcpt.address.toLowerCase();
    const warn = (text: string) => host.log.write('postfix/virtual', pid, `warning: ${text}`);
    const find = (param: string) => this.lookup(openTables(config.get(param), this.deps.tables(pid)), lower);
    const found = find('virtual_mailbox_maps');
    let result: RecipientResult;
    const fail = (status: 'deferred' | 'bounced', dsn: string, reason: string): RecipientResult => ({ recipient: rcpt, status, dsn, reason });
    if (found.status === 'error') {
      result = fail('deferred', '4.3.0', 'virtual_mailbox_maps lookup failure');
    } else if (found.status === 'notfound') {
      result = fail('bounced', '5.1.1', `unknown user: "${lower}"`);
    } else {
      const rights = this.rights(lower, find, warn);
      if ('problem' in rights) {
        result = fail('deferred', '4.3.5', 'mail system configuration error');
      } else {
        const base = config.get('virtual_mailbox_base').replace(/\/$/, '');
        const relative = found.value.trim();
        const path = relative.startsWith('/') ? relative : `${base}/${relative}`;
        result = this.write(file, rcpt, path, rights.uid, rights.gid, base, pid, warn);
      }
    }
    const soft = softBounceResult(result, config);
    result = soft.result;
    if (result.status !== 'sent') {
      host.trace.emit({ kind: 'delivery', host: host.name, queueId: file.id, recipient: rcpt.address, original: rcpt.original, agent: 'virtual', status: result.status, dsn: result.dsn, detail: result.reason, relay: 'virtual' });
    }
    this.log(file, rcpt, pid, started, result, soft.logStatus);
    return result;
  }

  /** virtual8_maps_find: the address, the address without its extension, then @domain. */
  private lookup(tables: ReturnType<typeof openTables>, address: string): LookupResult {
    const { local, domain } = splitAddress(address);
    const keys = [address];
    const { user, extension } = splitExtension(local, this.deps.config.get('recipient_delimiter'));
    if (extension !== undefined && domain !== undefined) keys.push(`${user}@${domain}`);
    if (domain !== undefined) keys.push(`@${domain}`);
    let found: LookupResult = { status: 'notfound' };
    for (const key of keys) {
      found = searchTables(tables, key);
      if (found.status !== 'notfound') return found;
    }
    return found;
  }

  /** The uid and gid to deliver with, or the problem (already logged) that keeps the mail waiting. */
  private rights(address: string, find: (param: string) => LookupResult, warn: (text: string) => void): { uid: number; gid: number } | { problem: true } {
    const uid = find('virtual_uid_maps');
    if (uid.status !== 'found') {
      warn(`recipient ${address}: not found in virtual_uid_maps`);
      return { problem: true };
    }
    const uidNumber = Number.parseInt(uid.value.trim(), 10) || 0;
    if (uidNumber < (Number(this.deps.config.get('virtual_minimum_uid')) || 0)) {
      warn(`recipient ${address}: bad uid ${uid.value.trim()} in virtual_uid_maps`);
      return { problem: true };
    }
    const gid = find('virtual_gid_maps');
    if (gid.status !== 'found') {
      warn(`recipient ${address}: not found in virtual_gid_maps`);
      return { problem: true };
    }
    const gidNumber = Number.parseInt(gid.value.trim(), 10) || 0;
    if (gidNumber <= 0) {
      warn(`recipient ${address}: bad gid ${gid.value.trim()} in virtual_gid_maps`);
      return { problem: true };
    }
    return { uid: uidNumber, gid: gidNumber };
  }

  private write(file: QueueFile, rcpt: QueueRecipient, path: string, uid: number, gid: number, base: string, pid: number, warn: (text: string) => void): RecipientResult {
    const { host, config } = this.deps;
    const prepend = `Return-Path: <${file.sender}>\nX-Original-To: ${rcpt.original}\nDelivered-To: ${rcpt.address}\n`;
    const text = prepend + file.text;
    const plain = new FileAccess(host);
    // virtual_mailbox_base outside anyone's home: made for the virtual uid by the administrator.
    const access = base && plain.ownerOf(base) === 0 && !plain.isSystemDirectory(base) ? new FileAccess(host, [{ path: base, uid }]) : plain;
    const maildir = path.endsWith('/');
    if (maildir) {
      const problem = access.makeDirs(uid, `${path}tmp`);
      if (problem) {
        const why = `create maildir file ${path}tmp/${Math.floor(host.epochNow() / 1000)}.P${pid}.${host.name}: ${STRERROR[problem]}`;
        if (problem === 'EACCES') {
          warn(`maildir access problem for UID/GID=${uid}/${gid}: ${why}`);
          warn('perhaps you need to create the maildirs in advance');
        }
        return { recipient: rcpt, status: 'deferred', dsn: '4.2.0', reason: `maildir delivery failed: ${why}` };
      }
      host.store.open(path, 'maildir').append(file.sender, host.epochNow(), text);
    } else {
      const written = appendToMbox(host, access, { path, uid, sender: file.sender, text, sizeLimit: Number(config.get('virtual_mailbox_limit')) || 0, lockMayFail: false, defaultDsn: '4.2.0' }, warn);
      if (!written.ok) {
        // A full mailbox bounces; anything else is the administrator's to fix, so the mail waits.
        return { recipient: rcpt, status: written.errno === 'EFBIG' ? 'bounced' : 'deferred', dsn: written.dsn, reason: `delivery failed to mailbox ${path}: ${written.why}` };
      }
    }
    const reason = maildir ? 'delivered to maildir' : 'delivered to mailbox';
    host.trace.emit({
      kind: 'delivery',
      host: host.name,
      queueId: file.id,
      recipient: rcpt.address,
      original: rcpt.original,
      agent: 'virtual',
      status: 'sent',
      dsn: '2.0.0',
      detail: reason,
      relay: 'virtual',
      mailbox: path,
      user: rcpt.address.toLowerCase(),
      prepend,
    });
    return { recipient: rcpt, status: 'sent', dsn: '2.0.0', reason, success: { action: 'delivered', text: `delivery via virtual: ${reason}` } };
  }

  private log(file: QueueFile, rcpt: QueueRecipient, pid: number, started: number, r: RecipientResult, logStatus: string = r.status): void {
    const { host } = this.deps;
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({
      beforeQmgr: (activated - file.arrival) / 1000,
      inQmgr: (started - activated) / 1000,
      setup: 0,
      transmission: (host.scheduler.now - started) / 1000,
    });
    const orig = rcpt.original && rcpt.original.toLowerCase() !== rcpt.address.toLowerCase() ? `, orig_to=<${rcpt.original}>` : '';
    host.log.write('postfix/virtual', pid, `${file.id}: to=<${rcpt.address}>${orig}, relay=virtual, ${delays}, dsn=${r.dsn}, status=${logStatus} (${r.reason})`, file.id);
  }
}
