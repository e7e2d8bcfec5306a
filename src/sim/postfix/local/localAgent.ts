/**
 * The local delivery agent: expands aliases, then writes into the user's mailbox (mbox under
 * mail_spool_directory, or Maildir when home_mailbox says so), into a file, through a command,
 * or forwards to another address; it logs one line per final recipient, as Postfix's local does.
 */
import type { Actor } from 'xstate';
import { createSimActor } from '../../core/actors';
import type { HostContext } from '../../host/hostContext';
import { quoteFromLines } from '../../mail/mailStore';
import { splitAddress } from '../address';
import { agentMachine } from '../agentMachine';
import type { CleanupInput } from '../cleanup';
import type { PostfixConfig } from '../config';
import { formatDelays } from '../logFormat';
import { openTables, searchTables, type TableContext } from '../maps/lookupTable';
import type { Master } from '../master';
import type { DeliveryAgent, DeliveryRequest, RecipientResult } from '../queue/qmgr';
import type { QueueFile, QueueRecipient } from '../queue/queueStore';
import { TIMING } from '../timing';
import type { TrivialRewrite } from '../trivialRewrite';
import { expandLocal, type AliasStep, type LocalTarget } from './aliasExpansion';
import { runProcmail, type ProcmailAction } from '../../mda/procmail';

export interface LocalDeps {
  host: HostContext;
  config: PostfixConfig;
  /** The tables as a local process with this pid opens them. */
  tables: (pid: number) => TableContext;
  rewrite: TrivialRewrite;
  master: Master;
  /** Resubmits a message (alias to a remote address); returns the new queue id. */
  forward(input: CleanupInput): string;
}

export class LocalAgent implements DeliveryAgent {
  private actor: Actor<typeof agentMachine>;

  constructor(private readonly deps: LocalDeps) {
    this.actor = createSimActor(agentMachine);
    let last = '';
    this.actor.subscribe((snap) => {
      const state = String(snap.value);
      if (state === last) return;
      last = state;
      deps.host.trace.emit({ kind: 'daemon', host: deps.host.name, daemon: 'local', instance: 'local', state });
    });
    this.actor.start();
  }

  stop(): void {
    this.actor.stop();
  }

  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void {
    const { host, master } = this.deps;
    const pid = master.acquire('local');
    const started = host.scheduler.now;
    this.actor.send({ type: 'START' });
    host.scheduler.after(TIMING.localDeliveryMs, () => {
      const results = req.recipients.map((r) => this.deliverOne(req.file, r, pid, started));
      master.release('local', pid);
      this.actor.send({ type: 'FINISH' });
      done(results);
    });
  }

  private deliverOne(file: QueueFile, rcpt: QueueRecipient, pid: number, started: number): RecipientResult {
    const steps: AliasStep[] = [];
    const targets = this.isLoop(file, rcpt)
      ? [{ kind: 'bounce', reason: `mail forwarding loop for ${rcpt.address}`, dsn: '5.4.6', address: rcpt.address } as LocalTarget]
      : expandLocal(rcpt.address, this.expansionEnv(pid), steps);
    for (const s of steps) {
      this.deps.host.trace.emit({ kind: 'alias', host: this.deps.host.name, queueId: file.id, address: s.alias, targets: s.targets, source: s.source });
    }
    const outcomes = dedupe(targets).map((t) => this.deliverTarget(file, rcpt, t, pid, started));
    // The recipient's fate is the worst of its targets: a deferral wins, then a bounce.
    return (
      outcomes.find((o) => o.status === 'deferred') ??
      outcomes.find((o) => o.status === 'bounced') ??
      outcomes[0] ?? { recipient: rcpt, status: 'sent', dsn: '2.0.0', reason: 'delivered' }
    );
  }

  private deliverTarget(file: QueueFile, rcpt: QueueRecipient, target: LocalTarget, pid: number, started: number): RecipientResult {
    let status: RecipientResult['status'] = 'sent';
    let dsn = '2.0.0';
    let detail: string;
    let mailbox: string | undefined;
    let prepend: string | undefined;
    switch (target.kind) {
      case 'mailbox': {
        // Postfix reads mailbox_command raw: $EXTENSION and friends are filled in per delivery.
        const command = this.deps.config.raw('mailbox_command') ?? '';
        if (command) {
          const run = this.runMailboxCommand(file, rcpt, target.user, command);
          mailbox = run.path;
          prepend = run.prepend;
          detail = `delivered to command: ${command}`;
          break;
        }
        const written = this.writeMailbox(file, rcpt, target.user);
        mailbox = written.path;
        prepend = written.prepend;
        detail = written.maildir ? 'delivered to maildir' : 'delivered to mailbox';
        break;
      }
      case 'file':
        detail = `delivered to file: ${target.path}`;
        if (target.path !== '/dev/null') this.deps.host.store.open(target.path).append(file.sender, this.deps.host.epochNow(), this.withDeliveryHeaders(file, rcpt).text);
        break;
      case 'command':
        detail = `delivered to command: ${target.command}`;
        break;
      case 'forward': {
        const id = this.deps.forward({
          sender: file.sender,
          recipients: [{ address: target.to, original: rcpt.original }],
          text: `Delivered-To: ${rcpt.address}\n${file.text}`,
          rewriteLocal: false,
          origin: 'forward',
          parent: file.id,
        });
        detail = `forwarded as ${id}`;
        break;
      }
      case 'unknown':
        status = 'bounced';
        dsn = '5.1.1';
        detail = `unknown user: "${target.user}"`;
        break;
      case 'defer':
        status = 'deferred';
        dsn = '4.3.0';
        detail = target.reason;
        break;
      case 'bounce':
        status = 'bounced';
        dsn = target.dsn;
        detail = target.reason;
        break;
    }
    this.log(file, rcpt, target.address, pid, started, dsn, status, detail);
    this.deps.host.trace.emit({
      kind: 'delivery',
      host: this.deps.host.name,
      queueId: file.id,
      recipient: target.address,
      original: rcpt.original,
      agent: 'local',
      status,
      dsn,
      detail,
      relay: 'local',
      ...(mailbox ? { mailbox, user: (target as { user: string }).user, prepend } : {}),
    });
    return { recipient: rcpt, status, dsn, reason: detail };
  }

  private log(file: QueueFile, rcpt: QueueRecipient, to: string, pid: number, started: number, dsn: string, status: string, detail: string): void {
    const now = this.deps.host.scheduler.now;
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({
      beforeQmgr: (activated - file.arrival) / 1000,
      inQmgr: (started - activated) / 1000,
      setup: 0,
      transmission: (now - started) / 1000,
    });
    const orig = rcpt.original !== '' && rcpt.original.toLowerCase() !== to.toLowerCase() ? `, orig_to=<${rcpt.original}>` : '';
    this.deps.host.log.write('postfix/local', pid, `${file.id}: to=<${to}>${orig}, relay=local, ${delays}, dsn=${dsn}, status=${status} (${detail})`, file.id);
  }

  /** Return-Path, X-Original-To and Delivered-To in front of the queued text, as local writes them. */
  private withDeliveryHeaders(file: QueueFile, rcpt: QueueRecipient): { text: string; prepend: string } {
    const prepend = `Return-Path: <${file.sender}>\nX-Original-To: ${rcpt.original}\nDelivered-To: ${rcpt.address}\n`;
    return { text: prepend + file.text, prepend };
  }

  private writeMailbox(file: QueueFile, rcpt: QueueRecipient, user: string): { path: string; prepend: string; maildir: boolean } {
    const { config, host } = this.deps;
    const { text, prepend } = this.withDeliveryHeaders(file, rcpt);
    const homeMailbox = config.get('home_mailbox');
    const account = host.accounts.get(user);
    if (homeMailbox && account) {
      const maildir = homeMailbox.endsWith('/');
      const path = `${account.home}/${homeMailbox}`;
      host.store.open(path, maildir ? 'maildir' : 'mbox').append(file.sender, host.epochNow(), maildir ? text : quoteFromLines(text));
      return { path, prepend, maildir };
    }
    const path = `${config.get('mail_spool_directory').replace(/\/$/, '')}/${user}`;
    host.store.open(path, 'mbox').append(file.sender, host.epochNow(), quoteFromLines(text));
    return { path, prepend, maildir: false };
  }

  /**
   * mailbox_command: local pipes the message to an MDA. procmail's recipes are followed (see
   * mda/procmail.ts); any other command is taken to deliver to the user's spool mailbox.
   */
  private runMailboxCommand(file: QueueFile, rcpt: QueueRecipient, user: string, command: string): { path?: string; prepend: string } {
    const { config, host } = this.deps;
    const { text, prepend } = this.withDeliveryHeaders(file, rcpt);
    const account = host.accounts.get(user);
    const home = account?.home ?? `/home/${user}`;
    const spool = `${config.get('mail_spool_directory').replace(/\/$/, '')}/${user}`;
    const program = command.trim().split(/\s+/)[0].split('/').pop();
    if (program !== 'procmail') {
      host.store.open(spool, 'mbox').append(file.sender, host.epochNow(), quoteFromLines(text));
      return { path: spool, prepend };
    }
    const result = runProcmail(host.fs.read(`${home}/.procmailrc`), text, { home, user, defaultMailbox: spool });
    let first: string | undefined;
    for (const a of result.actions) {
      if (a.kind === 'mailbox') {
        host.store.open(a.path, a.maildir ? 'maildir' : 'mbox').append(file.sender, host.epochNow(), a.maildir ? text : quoteFromLines(text));
        first ??= a.path;
      } else if (a.kind === 'forward') {
        this.deps.forward({ sender: file.sender, recipients: a.to.map((t) => ({ address: t, original: t })), text, rewriteLocal: false, origin: 'forward', parent: file.id });
      }
    }
    host.trace.emit({ kind: 'note', host: host.name, level: 'info', text: `procmail (${user}): ${result.actions.map(describeAction).join('; ')}` });
    return { path: first, prepend };
  }

  /** A message that already carries our Delivered-To for this recipient is looping. */
  private isLoop(file: QueueFile, rcpt: QueueRecipient): boolean {
    const needle = `\ndelivered-to: ${rcpt.address.toLowerCase()}\n`;
    const head = `\n${file.text.split('\n\n')[0].toLowerCase()}\n`;
    return head.includes(needle);
  }

  private expansionEnv(pid: number) {
    const { config, host, rewrite } = this.deps;
    const aliasTables = openTables(config.get('alias_maps'), this.deps.tables(pid));
    return {
      lookupAlias: (local: string) => {
        for (const t of aliasTables) {
          const r = t.lookup(local);
          if (r.status !== 'notfound') return { ...r, table: t.spec };
        }
        return searchTables([], local);
      },
      userExists: (user: string) => host.accounts.has(user),
      readInclude: (path: string) => host.fs.read(path),
      isLocalDomain: (domain: string) => rewrite.isLocalDomain(domain) === true,
      canonical: (address: string) => rewrite.rewrite(address),
      recipientDelimiter: config.get('recipient_delimiter'),
    };
  }
}

function describeAction(a: ProcmailAction): string {
  if (a.kind === 'mailbox') return `${a.recipe ? `recipe ${a.recipe}` : 'default'} -> ${a.path}`;
  if (a.kind === 'forward') return `recipe ${a.recipe} -> forward to ${a.to.join(', ')}`;
  return `recipe ${a.recipe} -> | ${a.command}`;
}

function dedupe(targets: LocalTarget[]): LocalTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.kind}:${'user' in t ? t.user : ''}:${t.address.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function localPart(address: string): string {
  return splitAddress(address).local;
}
