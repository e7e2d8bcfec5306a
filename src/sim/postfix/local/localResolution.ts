/**
 * What Postfix's local(8) makes of one queue recipient, before anything is written: the walk
 * through deliver_recipient → deliver_switch → deliver_alias → deliver_token → resolve, with the
 * same nesting levels, duplicate filter and attributes (delivered, owner, expansion type).
 *
 * The rules that decide what a student sees in the maillog:
 * - an alias naming local users is expanded in the same process (one line per user, orig_to=);
 * - addresses from an :include: file, addresses elsewhere, and members of a list that has an
 *   owner- alias are *forwarded*: collected into a new message ("forwarded as NEWID");
 * - an alias naming itself delivers to the user of that name; other loops are stopped when the
 *   nesting passes 100 levels ("alias database loop for NAME");
 * - a message that already carries our Delivered-To: for an address is a forwarding loop.
 */
import { splitAddress } from '../address';
import { aliasTargets } from '../maps/aliasesFile';
import type { LookupResult } from '../maps/lookupTable';

/** What became of one address the recipient led to, in the order local found out. */
export type LocalOutcome =
  | { kind: 'mailbox'; user: string; address: string; original: string; delivered: string; extension?: string }
  | { kind: 'file'; path: string; address: string; original: string; delivered: string }
  | { kind: 'command'; command: string; address: string; original: string; delivered: string }
  | { kind: 'bounce'; address: string; original: string; dsn: string; reason: string }
  | { kind: 'defer'; address: string; original: string; dsn: string; reason: string };

/** Addresses collected for one new message, as forward_append groups them. */
export interface ForwardGroup {
  /** The Delivered-To: the new message gets. */
  delivered: string;
  sender: string;
  recipients: { address: string; original: string }[];
}

export interface AliasStep {
  alias: string;
  targets: string[];
  /** The table, or the :include: file, the targets came from. */
  source: string;
}

export interface LocalResolution {
  outcomes: LocalOutcome[];
  forwards: ForwardGroup[];
  steps: AliasStep[];
  /** Lines local logs as "warning: ...". */
  warnings: string[];
}

export interface LocalEnv {
  /** alias_maps, first table that has the key wins. */
  lookupAlias(key: string): LookupResult & { table?: string };
  userExists(user: string): boolean;
  /** Text of an :include: file, or undefined when there is none. */
  readInclude(path: string): string | undefined;
  /** Canonical form (myorigin appended) and whether the local transport takes the address. */
  resolve(address: string): { address: string; local: boolean; tempFail?: boolean };
  /** Delivered-To: addresses already in the message, lower case. */
  deliveredTo: ReadonlySet<string>;
  recipientDelimiter: string;
  /** luser_relay, unexpanded ($user, $domain... are filled in per recipient). */
  luserRelay?: string;
  /** allow_mail_to_commands / allow_mail_to_files: which expansion types may use them. */
  commandsAllowed: ReadonlySet<ExpansionType>;
  filesAllowed: ReadonlySet<ExpansionType>;
}

export type ExpansionType = 'alias' | 'forward' | 'include';

interface State {
  level: number;
  address: string;
  original: string;
  sender: string;
  delivered?: string;
  expFrom?: string;
  expType?: ExpansionType;
  owner?: string;
}

/** Beyond this many addresses one recipient is treated as an alias loop (a safety net for the browser). */
const MAX_ADDRESSES = 2000;

export function resolveLocal(rcpt: { address: string; original: string }, sender: string, env: LocalEnv): LocalResolution {
  return new Walk(env).run(rcpt, sender);
}

class Walk {
  private readonly out: LocalResolution = { outcomes: [], forwards: [], steps: [], warnings: [] };
  private readonly seen = new Set<string>();
  private visits = 0;
  /** luser_relay is followed once per recipient: a relay address that is unknown too bounces. */
  private luserRelayed = false;

  constructor(private readonly env: LocalEnv) {}

  run(rcpt: { address: string; original: string }, sender: string): LocalResolution {
    this.recipient({ level: 0, address: rcpt.address, original: rcpt.original, sender });
    return this.out;
  }

  private recipient(parent: State): void {
    const state = { ...parent, level: parent.level + 1 };
    const key = `recipient ${state.level} ${state.address.toLowerCase()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.env.deliveredTo.has(state.address.toLowerCase())) {
      this.bounce(state, '5.4.6', `mail forwarding loop for ${state.address}`);
      return;
    }
    state.delivered ??= state.address;
    const local = splitAddress(state.address).local.toLowerCase();
    const { user, extension } = splitExtension(local, this.env.recipientDelimiter);
    if (user === '') {
      this.bounce(state, '5.1.3', `null username in "${state.address}"`);
      return;
    }
    this.deliverSwitch(state, local, user, extension);
  }

  private deliverSwitch(parent: State, local: string, user: string, extension: string | undefined): void {
    const state = { ...parent, level: parent.level + 1 };
    if (this.alias(state, local)) return;
    if (extension !== undefined && this.alias(state, user)) return;
    if (state.owner !== undefined && state.owner.toLowerCase() !== user) return this.indirect(state);
    if (state.expType === 'include') return this.indirect(state);
    if (this.env.userExists(user)) {
      this.out.outcomes.push({ kind: 'mailbox', user, address: state.address, original: state.original, delivered: state.delivered ?? state.address, extension });
      return;
    }
    // luser_relay: mail for users that do not exist goes to this address instead.
    if (this.env.luserRelay && !this.luserRelayed) {
      this.luserRelayed = true;
      const domain = splitAddress(state.address).domain ?? '';
      const vars: Record<string, string> = { user, local, domain, extension: extension ?? '', recipient: state.address, recipient_delimiter: extension !== undefined ? local.charAt(user.length) : '' };
      const target = this.env.luserRelay.replace(/\$\{?(\w+)\}?/g, (all, name: string) => vars[name] ?? all);
      return this.resolveTree(state, target);
    }
    this.bounce(state, '5.1.1', `unknown user: "${user}"`);
  }

  /** deliver_alias: true when the name was an alias (whatever came of it). */
  private alias(parent: State, name: string): boolean {
    const state = { ...parent, level: parent.level + 1 };
    if (state.expFrom !== undefined && state.expFrom === name) return false;
    if (state.level > 100 || this.visits > MAX_ADDRESSES) {
      this.out.warnings.push(`alias database loop for ${name}`);
      this.bounce(state, '5.4.6', `alias database loop for ${name}`);
      return true;
    }
    state.expFrom = name;
    const found = this.env.lookupAlias(name);
    if (found.status === 'error') {
      this.out.warnings.push(`${found.table ?? 'alias_maps'}: lookup of '${name}' failed`);
      this.defer(state, '4.3.0', 'alias database unavailable');
      return true;
    }
    if (found.status !== 'found') return false;
    state.expType = 'alias';
    const owner = this.env.lookupAlias(`owner-${name}`);
    if (owner.status === 'found') {
      state.owner = this.env.resolve(`owner-${name}`).address;
      state.sender = state.owner;
      // A list with an owner starts afresh: its members do not inherit the original recipient.
      state.original = '';
    }
    // frozen_delivered_to = yes: Delivered-To keeps naming the recipient local was given.
    const targets = aliasTargets(found.value);
    this.out.steps.push({ alias: name, targets, source: found.table ?? 'alias_maps' });
    if (targets.length === 0) {
      this.out.warnings.push(`no recipient in alias lookup result for ${name}`);
      this.defer(state, '4.3.0', 'alias database unavailable');
      return true;
    }
    for (const t of targets) this.token(state, t);
    return true;
  }

  private token(state: State, token: string): void {
    this.visits++;
    if (/^:include:/i.test(token)) return this.include(state, token.slice(':include:'.length).trim());
    if (token.startsWith('|')) {
      if (!this.allowed(this.env.commandsAllowed, state)) return this.bounce(state, '5.7.1', 'mail to command is restricted');
      this.out.outcomes.push({ kind: 'command', command: token.slice(1).trim(), address: state.address, original: state.original, delivered: state.delivered ?? state.address });
      return;
    }
    if (token.startsWith('/')) {
      if (!this.allowed(this.env.filesAllowed, state)) return this.bounce(state, '5.7.1', 'mail to file is restricted');
      this.out.outcomes.push({ kind: 'file', path: token, address: state.address, original: state.original, delivered: state.delivered ?? state.address });
      return;
    }
    this.resolveTree(state, token);
  }

  private allowed(mask: ReadonlySet<ExpansionType>, state: State): boolean {
    return state.expType === undefined || mask.has(state.expType);
  }

  private include(parent: State, path: string): void {
    const state = { ...parent, level: parent.level + 1 };
    const text = this.env.readInclude(path);
    if (text === undefined) {
      this.out.warnings.push(`unable to lookup :include: file ${path}: No such file or directory`);
      this.bounce(state, '5.3.5', 'mail system configuration error');
      return;
    }
    const targets = text
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
      .flatMap((l) => aliasTargets(l));
    this.out.steps.push({ alias: state.expFrom ?? splitAddress(state.address).local, targets, source: path });
    state.expType = 'include';
    for (const t of targets) this.token(state, t);
  }

  private resolveTree(parent: State, target: string): void {
    const state = { ...parent, level: parent.level + 1 };
    const resolved = this.env.resolve(target);
    if (resolved.tempFail) return this.defer(state, '4.3.0', 'address resolver failure');
    state.address = resolved.address;
    if (resolved.local) this.recipient(state);
    else this.indirect(state);
  }

  private indirect(state: State): void {
    const key = `indirect ${state.address.toLowerCase()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const delivered = state.delivered ?? state.address;
    let group = this.out.forwards.find((g) => g.delivered === delivered && g.sender === state.sender);
    if (!group) {
      group = { delivered, sender: state.sender, recipients: [] };
      this.out.forwards.push(group);
    }
    group.recipients.push({ address: state.address, original: state.original });
  }

  private bounce(state: State, dsn: string, reason: string): void {
    this.out.outcomes.push({ kind: 'bounce', address: state.address, original: state.original, dsn, reason });
  }

  private defer(state: State, dsn: string, reason: string): void {
    this.out.outcomes.push({ kind: 'defer', address: state.address, original: state.original, dsn, reason });
  }
}

/** "alice+news" with delimiter "+" is user "alice", extension "news". */
export function splitExtension(local: string, delimiters: string): { user: string; extension?: string } {
  if (!delimiters) return { user: local };
  const cuts = [...delimiters].map((d) => local.indexOf(d)).filter((i) => i > 0);
  if (cuts.length === 0) return { user: local };
  const at = Math.min(...cuts);
  return { user: local.slice(0, at), extension: local.slice(at + 1) };
}
