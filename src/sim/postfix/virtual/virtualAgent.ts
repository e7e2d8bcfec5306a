/**
 * The virtual delivery agent: mail for virtual_mailbox_domains goes to the mailbox that
 * virtual_mailbox_maps names for the address (relative to virtual_mailbox_base; a path ending
 * in "/" is a Maildir), with the same Return-Path / X-Original-To / Delivered-To headers local
 * writes — the course's virtual users in /var/mail/vhosts/DOMAIN/USER/.
 */
import { createSimActor } from '../../core/actors';
import type { HostContext } from '../../host/hostContext';
import { quoteFromLines } from '../../mail/mailStore';
import { splitAddress } from '../address';
import { agentMachine } from '../agentMachine';
import type { PostfixConfig } from '../config';
import { formatDelays } from '../logFormat';
import { openTables, searchTables, type TableContext } from '../maps/lookupTable';
import type { Master } from '../master';
import type { DeliveryAgent, DeliveryRequest, RecipientResult } from '../queue/qmgr';
import type { QueueFile, QueueRecipient } from '../queue/queueStore';
import { TIMING } from '../timing';

export interface VirtualDeps {
  host: HostContext;
  config: PostfixConfig;
  master: Master;
  tables: (pid: number) => TableContext;
}

export class VirtualAgent implements DeliveryAgent {
  private monitor = createSimActor(agentMachine);

  constructor(private readonly deps: VirtualDeps) {
    let last = '';
    this.monitor.subscribe((snap) => {
      const state = String(snap.value);
      if (state === last) return;
      last = state;
      deps.host.trace.emit({ kind: 'daemon', host: deps.host.name, daemon: 'virtual', instance: 'virtual', state });
    });
    this.monitor.start();
  }

  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void {
    const { host, master } = this.deps;
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
    const tables = openTables(config.get('virtual_mailbox_maps'), this.deps.tables(pid));
    const lower = rcpt.address.toLowerCase();
    const domain = splitAddress(lower).domain ?? '';
    let found = searchTables(tables, lower);
    if (found.status === 'notfound') found = searchTables(tables, `@${domain}`);
    let result: RecipientResult;
    if (found.status === 'error') {
      result = { recipient: rcpt, status: 'deferred', dsn: '4.3.0', reason: 'virtual_mailbox_maps lookup failure' };
    } else if (found.status === 'notfound') {
      result = { recipient: rcpt, status: 'bounced', dsn: '5.1.1', reason: `unknown user: "${lower}"` };
    } else {
      const base = config.get('virtual_mailbox_base').replace(/\/$/, '');
      const relative = found.value.trim();
      const maildir = relative.endsWith('/');
      const path = relative.startsWith('/') ? relative : `${base}/${relative}`;
      const prepend = `Return-Path: <${file.sender}>\nX-Original-To: ${rcpt.original}\nDelivered-To: ${rcpt.address}\n`;
      const text = prepend + file.text;
      host.store.open(path, maildir ? 'maildir' : 'mbox').append(file.sender, host.epochNow(), maildir ? text : quoteFromLines(text));
      const reason = maildir ? 'delivered to maildir' : 'delivered to mailbox';
      result = { recipient: rcpt, status: 'sent', dsn: '2.0.0', reason, success: { action: 'delivered', text: `delivery via virtual: ${reason}` } };
      host.trace.emit({
        kind: 'delivery',
        host: host.name,
        queueId: file.id,
        recipient: rcpt.address,
        original: rcpt.original,
        agent: 'virtual',
        status: 'sent',
        dsn: '2.0.0',
        detail: result.reason,
        relay: 'virtual',
        mailbox: path,
        user: lower,
        prepend,
      });
    }
    if (result.status !== 'sent') {
      host.trace.emit({ kind: 'delivery', host: host.name, queueId: file.id, recipient: rcpt.address, original: rcpt.original, agent: 'virtual', status: result.status, dsn: result.dsn, detail: result.reason, relay: 'virtual' });
    }
    this.log(file, rcpt, pid, started, result);
    return result;
  }

  private log(file: QueueFile, rcpt: QueueRecipient, pid: number, started: number, r: RecipientResult): void {
    const { host } = this.deps;
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({
      beforeQmgr: (activated - file.arrival) / 1000,
      inQmgr: (started - activated) / 1000,
      setup: 0,
      transmission: (host.scheduler.now - started) / 1000,
    });
    const orig = rcpt.original && rcpt.original.toLowerCase() !== rcpt.address.toLowerCase() ? `, orig_to=<${rcpt.original}>` : '';
    host.log.write('postfix/virtual', pid, `${file.id}: to=<${rcpt.address}>${orig}, relay=virtual, ${delays}, dsn=${r.dsn}, status=${r.status} (${r.reason})`, file.id);
  }
}
