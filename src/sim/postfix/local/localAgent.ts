/**
 * The local delivery agent: expands aliases and .forward files, then writes into the user's
 * mailbox (mbox under mail_spool_directory, or Maildir when home_mailbox says so), into a file,
 * through a command, or forwards to another address; it logs one line per final recipient, as
 * Postfix's local does. Files and commands run with the rights the walk found (default_privs for
 * aliases), so a file nobody may create bounces and a command's exit status decides the outcome.
 */
import type { Actor } from 'xstate';
import { createSimActor } from '../../core/actors';
import type { HostContext } from '../../host/hostContext';
import { quoteFromLines } from '../../mail/mailStore';
import { rfc2822 } from '../../core/time';
import { splitAddress } from '../address';
import { agentMachine } from '../agentMachine';
import type { CleanupInput } from '../cleanup';
import type { PostfixConfig } from '../config';
import { formatDelays } from '../logFormat';
import { openTables, searchTables, type TableContext } from '../maps/lookupTable';
import type { Master } from '../master';
import type { DeliveryAgent, DeliveryRequest, RecipientResult } from '../queue/qmgr';
import type { BounceReport, QueueFile, QueueRecipient } from '../queue/queueStore';
import { TIMING } from '../timing';
import type { TrivialRewrite } from '../trivialRewrite';
import { resolveLocal, type ExpansionType, type ForwardGroup, type LocalEnv, type LocalOutcome } from './localResolution';
import { runProcmail, type ProcmailAction } from '../../mda/procmail';
import { FileAccess } from '../../host/fileAccess';
import { fromLine } from '../../mail/mailStore';
import { runDeliveryCommand } from './deliveryCommand';
import { appendToMbox } from './mboxAppend';
import { pipeVerdict } from './pipeCommand';
import { sizeLimitFatal, StartupFailure } from './startupFailure';
import { softBounced } from '../softBounce';

export interface LocalDeps {
  host: HostContext;
  config: PostfixConfig;
  /** The tables as a local process with this pid opens them. */
  tables: (pid: number) => TableContext;
  rewrite: TrivialRewrite;
  master: Master;
  /** Resubmits a message (forwarded addresses); the builder gets the new queue id, which is returned. */
  forward(input: CleanupInput | ((queueId: string) => CleanupInput)): string;
  /** A transport local can hand a recipient to at once (error, retry, discard), by master.cf name. */
  passTarget?(transport: string): PassTarget | undefined;
}

/** What local(8) passes a recipient to: it delivers at once and logs its own line. */
export interface PassTarget {
  passNow(file: QueueFile, recipient: QueueRecipient, nexthop: string, started: number): RecipientResult;
}

export class LocalAgent implements DeliveryAgent {
  private actor: Actor<typeof agentMachine>;
  private readonly startup: StartupFailure;

  constructor(private readonly deps: LocalDeps) {
    this.startup = new StartupFailure(deps.host, deps.master, 'local', '/usr/lib/postfix/sbin/local', deps.config.seconds('service_throttle_time') * 1000);
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
    this.startup.stop();
    this.actor.stop();
  }

  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void {
    const { host, master } = this.deps;
    // local dies before it reads the request: qmgr never hears back, the mail stays active.
    const fatal = sizeLimitFatal(this.deps.config, 'mailbox_size_limit');
    if (fatal) return this.startup.attempt(fatal, req.file);
    const pid = master.acquire('local');
    const started = host.scheduler.now;
    this.actor.send({ type: 'START' });
    host.scheduler.after(TIMING.localDeliveryMs, () => {
      const results: RecipientResult[] = [];
      const forwarded: string[] = [];
      for (const r of req.recipients) {
        const { result, forwards } = this.deliverOne(req.file, r, pid, started);
        results.push(result);
        forwarded.push(...this.forward(req.file, r, forwards, pid, started));
      }
      const finish = () => {
        for (const line of forwarded) host.log.write('postfix/local', pid, line, req.file.id);
        master.release('local', pid);
        this.actor.send({ type: 'FINISH' });
        done(results);
      };
      // local waits for cleanup's answer before it logs "forwarded as": qmgr has usually
      // picked the new message up by then.
      if (forwarded.length > 0) host.scheduler.after(TIMING.forwardAckMs, finish);
      else finish();
    });
  }

  private deliverOne(file: QueueFile, rcpt: QueueRecipient, pid: number, started: number): { result: RecipientResult; forwards: ForwardGroup[] } {
    const { host } = this.deps;
    const resolution = resolveLocal(rcpt, file.sender, this.localEnv(file, pid));
    for (const s of resolution.steps) {
      host.trace.emit({ kind: 'alias', host: host.name, queueId: file.id, address: s.alias, targets: s.targets, source: s.source });
    }
    for (const w of resolution.warnings) host.log.write('postfix/local', pid, `warning: ${w}`);
    const outcomes = resolution.outcomes.map((o) => this.deliverOutcome(file, o, pid, started));
    const failures: BounceReport[] = outcomes.filter((o) => o.status === 'bounced').map((o) => o.report);
    const deferred = outcomes.find((o) => o.status === 'deferred');
    // The recipient stays in the queue while any address behind it was deferred; it bounced
    // only when nothing at all got through.
    const status: RecipientResult['status'] = deferred
      ? 'deferred'
      : failures.length > 0 && failures.length === outcomes.length && resolution.forwards.length === 0
        ? 'bounced'
        : 'sent';
    const first = deferred?.report ?? failures[0];
    const delivered = outcomes.find((o) => o.status === 'sent');
    const result: RecipientResult = {
      recipient: rcpt,
      status,
      dsn: status === 'sent' ? '2.0.0' : first.dsn,
      reason: status === 'sent' ? 'delivered' : first.reason,
      ...(failures.length > 0 ? { failures } : {}),
      // What a NOTIFY=SUCCESS notice says: an alias reports its expansion, not each member.
      ...(resolution.steps.length > 0
        ? { success: { action: 'expanded' as const, text: 'delivery via local: alias expanded' } }
        : delivered
          ? { success: { action: 'delivered' as const, text: `delivery via local: ${delivered.report.reason}` } }
          : {}),
    };
    return { result, forwards: resolution.forwards };
  }

  private deliverOutcome(file: QueueFile, outcome: LocalOutcome, pid: number, started: number): { status: RecipientResult['status']; report: BounceReport } {
    let status: RecipientResult['status'] = 'sent';
    let dsn = '2.0.0';
    let detail: string;
    let mailbox: string | undefined;
    let prepend: string | undefined;
    let diagnostic: string | undefined;
    const target = { address: outcome.address, original: outcome.original || outcome.address, delivered: 'delivered' in outcome ? outcome.delivered : outcome.address };
    switch (outcome.kind) {
      case 'mailbox': {
        const mailboxTransport = this.deps.config.get('mailbox_transport').trim();
        if (mailboxTransport) return this.pass(file, outcome.address, outcome.original, mailboxTransport, pid, started);
        // Postfix reads mailbox_command raw: $EXTENSION and friends are filled in per delivery.
        const command = this.deps.config.raw('mailbox_command') ?? '';
        if (command) {
          const run = this.runMailboxCommand(file, target, outcome.user, command);
          mailbox = run.path;
          prepend = run.prepend;
          detail = `delivered to command: ${command}`;
          break;
        }
        const written = this.writeMailbox(file, target, outcome.user, pid);
        if (!written.ok) {
          status = written.dsn.startsWith('4') ? 'deferred' : 'bounced';
          dsn = written.dsn;
          detail = `cannot update mailbox ${written.path} for user ${outcome.user}. ${written.why}`;
          break;
        }
        mailbox = written.path;
        prepend = written.prepend;
        detail = written.maildir ? 'delivered to maildir' : 'delivered to mailbox';
        break;
      }
      case 'file': {
        const written = appendToMbox(
          this.deps.host,
          this.fileAccess(),
          { path: outcome.path, uid: outcome.uid || this.defaultUid(), sender: file.sender, text: this.withDeliveryHeaders(file, target).text, sizeLimit: this.sizeLimit(), lockMayFail: true, defaultDsn: '5.2.0' },
          (w) => this.deps.host.log.write('postfix/local', pid, `warning: ${w}`),
        );
        if (written.ok) {
          detail = `delivered to file: ${outcome.path}`;
        } else {
          status = 'bounced';
          dsn = written.dsn;
          detail = `cannot append message to file ${outcome.path}: ${written.why}`;
        }
        break;
      }
      case 'command': {
        const verdict = this.runCommand(file, target, outcome.command, outcome.uid || this.defaultUid());
        if (verdict.kind === 'ok') {
          detail = `delivered to command: ${outcome.command}`;
        } else {
          status = verdict.kind === 'defer' ? 'deferred' : 'bounced';
          dsn = verdict.dsn;
          detail = verdict.reason;
          diagnostic = verdict.diagnostic;
        }
        break;
      }
      case 'bounce':
        status = 'bounced';
        dsn = outcome.dsn;
        detail = outcome.reason;
        break;
      case 'defer':
        status = 'deferred';
        dsn = outcome.dsn;
        detail = outcome.reason;
        break;
      case 'pass':
        return this.pass(file, outcome.address, outcome.original, outcome.transport, pid, started);
    }
    const soft = softBounced(status, dsn, this.deps.config);
    status = soft.status;
    dsn = soft.dsn;
    this.log(file, outcome.address, outcome.original, pid, started, dsn, soft.logStatus, detail);
    this.deps.host.trace.emit({
      kind: 'delivery',
      host: this.deps.host.name,
      queueId: file.id,
      recipient: outcome.address,
      original: outcome.original,
      agent: 'local',
      status,
      dsn,
      detail,
      relay: 'local',
      ...(mailbox && outcome.kind === 'mailbox' ? { mailbox, user: outcome.user, prepend } : {}),
    });
    return { status, report: { address: outcome.address, original: outcome.original, dsn, reason: detail, ...(diagnostic ? { diagnostic } : {}) } };
  }

  /**
   * deliver_pass: "transport:nexthop" takes the recipient (mailbox_transport, fallback_transport);
   * local logs only that it passed it on. A transport the simulation has no process for (lmtp
   * to a Dovecot that is not modelled) leaves the mail deferred.
   */
  private pass(file: QueueFile, address: string, original: string, spec: string, pid: number, started: number): { status: RecipientResult['status']; report: BounceReport } {
    const colon = spec.indexOf(':');
    const transport = colon < 0 ? spec : spec.slice(0, colon);
    const nexthop = colon < 0 ? '' : spec.slice(colon + 1);
    this.deps.host.log.write('postfix/local', pid, `${file.id}: passing <${address}> to transport=${transport}`, file.id);
    const target = this.deps.passTarget?.(transport);
    if (!target) {
      const reason = `mail transport unavailable`;
      this.log(file, address, original, pid, started, '4.3.0', 'deferred', reason);
      return { status: 'deferred', report: { address, original, dsn: '4.3.0', reason } };
    }
    const r = target.passNow(file, { address, original, status: 'todo' }, nexthop, started);
    return { status: r.status, report: { address, original, dsn: r.dsn, reason: r.reason } };
  }

  /**
   * forward_finish: each group of forwarded addresses becomes one new message, with local's
   * Received: and Delivered-To: on top; the queue recipient is logged "forwarded as NEWID".
   */
  private forward(file: QueueFile, rcpt: QueueRecipient, groups: ForwardGroup[], pid: number, started: number): string[] {
    const { host, config } = this.deps;
    const lines: string[] = [];
    for (const g of groups) {
      const id = this.deps.forward((newId) => ({
        sender: g.sender,
        // An address sent without its original (a list with an owner- alias) is its own
        // original recipient to cleanup, as a recipient record without ORCP is in Postfix.
        recipients: g.recipients.map((r) => ({ address: r.address, original: r.original || r.address })),
        text: `Received: by ${config.get('myhostname')} (Postfix)\n\tid ${newId}; ${rfc2822(host.epochNow(), host.zone)}\nDelivered-To: ${g.delivered.toLowerCase()}\n${file.text}`,
        rewriteLocal: false,
        origin: 'forward',
        parent: file.id,
      }));
      host.trace.emit({ kind: 'delivery', host: host.name, queueId: file.id, recipient: rcpt.address, original: rcpt.original, agent: 'local', status: 'sent', dsn: '2.0.0', detail: `forwarded as ${id}`, relay: 'local' });
      lines.push(this.logLine(file, rcpt.address, rcpt.original, started, '2.0.0', 'sent', `forwarded as ${id}`));
    }
    return lines;
  }

  private log(file: QueueFile, to: string, original: string, pid: number, started: number, dsn: string, status: string, detail: string): void {
    this.deps.host.log.write('postfix/local', pid, this.logLine(file, to, original, started, dsn, status, detail), file.id);
  }

  private logLine(file: QueueFile, to: string, original: string, started: number, dsn: string, status: string, detail: string): string {
    const now = this.deps.host.scheduler.now;
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({
      beforeQmgr: (activated - file.arrival) / 1000,
      inQmgr: (started - activated) / 1000,
      setup: 0,
      transmission: (now - started) / 1000,
    });
    const orig = original !== '' && original.toLowerCase() !== to.toLowerCase() ? `, orig_to=<${original}>` : '';
    return `${file.id}: to=<${to}>${orig}, relay=local, ${delays}, dsn=${dsn}, status=${status} (${detail})`;
  }

  /** Return-Path, X-Original-To and Delivered-To in front of the queued text, as local writes them. */
  private withDeliveryHeaders(file: QueueFile, rcpt: DeliveryTarget): { text: string; prepend: string } {
    const prepend = `Return-Path: <${file.sender}>\nX-Original-To: ${rcpt.original}\nDelivered-To: ${rcpt.delivered}\n`;
    return { text: prepend + file.text, prepend };
  }

  private writeMailbox(
    file: QueueFile,
    rcpt: DeliveryTarget,
    user: string,
    pid: number,
  ): { ok: true; path: string; prepend: string; maildir: boolean } | { ok: false; path: string; dsn: string; why: string } {
    const { config, host } = this.deps;
    const { text, prepend } = this.withDeliveryHeaders(file, rcpt);
    const homeMailbox = config.get('home_mailbox');
    const account = host.accounts.get(user);
    if (homeMailbox && account && homeMailbox.endsWith('/')) {
      const path = `${account.home}/${homeMailbox}`;
      host.store.open(path, 'maildir').append(file.sender, host.epochNow(), text);
      return { ok: true, path, prepend, maildir: true };
    }
    // ~/Mailbox is written as the user; the spool directory (root:mail 2775) with the mail group,
    // which the file model leaves to root.
    const path = homeMailbox && account ? `${account.home}/${homeMailbox}` : `${config.get('mail_spool_directory').replace(/\/$/, '')}/${user}`;
    const uid = homeMailbox && account ? account.uid : 0;
    const warn = (w: string) => host.log.write('postfix/local', pid, `warning: ${w}`);
    const written = appendToMbox(host, this.fileAccess(), { path, uid, sender: file.sender, text, sizeLimit: this.sizeLimit(), lockMayFail: false, defaultDsn: '5.2.0' }, warn);
    if (!written.ok) return { ok: false, path, dsn: written.dsn, why: written.why };
    return { ok: true, path, prepend, maildir: false };
  }

  /**
   * A |command from an alias or .forward: run as `uid` with the message on stdin (the From line,
   * Return-Path, X-Original-To and Delivered-To first); its exit status is the verdict.
   */
  private runCommand(file: QueueFile, rcpt: DeliveryTarget, command: string, uid: number): ReturnType<typeof pipeVerdict> {
    const { host } = this.deps;
    const { text } = this.withDeliveryHeaders(file, rcpt);
    const access = this.fileAccess();
    const run = runDeliveryCommand(command, {
      stdin: `${fromLine({ sender: file.sender, arrived: host.epochNow() }, host.zone)}\n${text}`,
      readFile: (path) => host.fs.read(path),
      writeFile: (path, out, append, message) => {
        if (path === '/dev/null') return undefined;
        const problem = access.openExisting(uid, path) === undefined ? undefined : access.create(uid, path);
        if (problem) return problem;
        if (!append) {
          host.store.get(path)?.expunge(() => true);
          if (host.fs.read(path) !== undefined) host.fs.write(path, '');
        }
        // The piped message goes in as an mbox entry (what `cat > file` makes of it); other output as text.
        if (message) host.store.open(path, 'mbox').append(file.sender, host.epochNow(), text);
        else if (out) host.fs.append(path, out);
        return undefined;
      },
    });
    return pipeVerdict(command, run);
  }

  private fileAccess(): FileAccess {
    return new FileAccess(this.deps.host);
  }

  /** default_privs: the rights of files and commands named in root-owned aliases. */
  private defaultUid(): number {
    return this.deps.host.accounts.get(this.deps.config.get('default_privs'))?.uid ?? 65534;
  }

  /** mailbox_size_limit: local's file size limit (0: none). */
  private sizeLimit(): number {
    return Number(this.deps.config.get('mailbox_size_limit')) || 0;
  }

  /**
   * mailbox_command: local pipes the message to an MDA. procmail's recipes are followed (see
   * mda/procmail.ts); any other command is taken to deliver to the user's spool mailbox.
   */
  private runMailboxCommand(file: QueueFile, rcpt: DeliveryTarget, user: string, command: string): { path?: string; prepend: string } {
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

  /** Delivered-To: headers already in the message: an address among them would loop. */
  private deliveredTo(file: QueueFile): Set<string> {
    const head = file.text.split('\n\n')[0].replace(/\n[ \t]+/g, ' ');
    const found = new Set<string>();
    for (const m of head.matchAll(/^delivered-to:[ \t]*(.*)$/gim)) found.add(m[1].trim().toLowerCase());
    return found;
  }

  private localEnv(file: QueueFile, pid: number): LocalEnv {
    const { config, host, rewrite } = this.deps;
    const aliasTables = openTables(config.get('alias_maps'), this.deps.tables(pid));
    const localTransport = config.get('local_transport').split(':')[0];
    const access = this.fileAccess();
    return {
      lookupAlias: (key: string) => {
        for (const t of aliasTables) {
          const r = t.lookup(key);
          if (r.status !== 'notfound') return { ...r, table: t.spec };
        }
        return searchTables([], key);
      },
      userExists: (user: string) => host.accounts.has(user),
      account: (user: string) => {
        const a = host.accounts.get(user);
        return a ? { uid: a.uid, home: a.home } : undefined;
      },
      accountByUid: (uid: number) => {
        const a = host.accounts.list().find((x) => x.uid === uid);
        return a ? { uid: a.uid, home: a.home } : undefined;
      },
      forwardPath: config.raw('forward_path') ?? '',
      fallbackTransport: config.get('fallback_transport').trim() || undefined,
      readOwnedFile: (path: string) => {
        const text = host.fs.read(path);
        return text === undefined ? undefined : { text, owner: access.ownerOf(path) };
      },
      readInclude: (path: string) => host.fs.read(path),
      resolve: (address: string) => {
        const r = rewrite.resolve(address);
        return { address: r.address, local: r.transport === localTransport, ...(r.tempFail ? { tempFail: true } : {}) };
      },
      deliveredTo: this.deliveredTo(file),
      recipientDelimiter: config.get('recipient_delimiter'),
      luserRelay: config.raw('luser_relay') ?? '',
      commandsAllowed: expansionTypes(config.list('allow_mail_to_commands')),
      filesAllowed: expansionTypes(config.list('allow_mail_to_files')),
    };
  }
}

/**
 * The address a delivery is for, the one it was first sent to (X-Original-To), and the one
 * Delivered-To: names: with frozen_delivered_to, the recipient local was given, not the alias member.
 */
interface DeliveryTarget {
  address: string;
  original: string;
  delivered: string;
}

function expansionTypes(names: string[]): Set<ExpansionType> {
  return new Set(names.map((n) => n.toLowerCase()).filter((n): n is ExpansionType => n === 'alias' || n === 'forward' || n === 'include'));
}

function describeAction(a: ProcmailAction): string {
  if (a.kind === 'mailbox') return `${a.recipe ? `recipe ${a.recipe}` : 'default'} -> ${a.path}`;
  if (a.kind === 'forward') return `recipe ${a.recipe} -> forward to ${a.to.join(', ')}`;
  return `recipe ${a.recipe} -> | ${a.command}`;
}

export function localPart(address: string): string {
  return splitAddress(address).local;
}
