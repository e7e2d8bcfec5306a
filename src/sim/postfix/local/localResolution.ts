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
 * - a message that already carries our Delivered-To: for an address is a forwarding loop;
 * - a user's ~/.forward (forward_path) replaces the mailbox: its addresses are forwarded like an
 *   owner's list, "\user" (and the user's own name) still means the user's mailbox;
 * - each mailbox, file, command and :include: file is used once per queue recipient (been_here:
 *   "mailbox LOCAL", "file UID PATH", "command USER:UID CMD", "include UID PATH").
 * Files and commands carry the uid they run as: 0 means local's default_privs (aliases in a
 * root-owned alias database), else the .forward's user or a non-root :include: file's owner.
 */
import { splitAddress } from '../address';
import { aliasTargets } from '../maps/aliasesFile';
import { forwardFileCandidates } from './forwardPath';
import type { LookupResult } from '../maps/lookupTable';

/** What became of one address the recipient led to, in the order local found out. */
export type LocalOutcome =
  | { kind: 'mailbox'; user: string; address: string; original: string; delivered: string; extension?: string }
  | { kind: 'file'; path: string; address: string; original: string; delivered: string; uid: number }
  | { kind: 'command'; command: string; address: string; original: string; delivered: string; uid: number; user: string }
  | { kind: 'bounce'; address: string; original: string; dsn: string; reason: string }
  | { kind: 'defer'; address: string; original: string; dsn: string; reason: string }
  /** Handed to another transport (fallback_transport = error:text, ...). */
  | { kind: 'pass'; address: string; original: string; transport: string };

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
  /** fallback_transport: where names not in aliases or passwd go before luser_relay. */
  fallbackTransport?: string;
  /** allow_mail_to_commands / allow_mail_to_files: which expansion types may use them. */
  commandsAllowed: ReadonlySet<ExpansionType>;
  filesAllowed: ReadonlySet<ExpansionType>;
  /** A user's uid and home directory (getpwnam); undefined for no such user. */
  account?(user: string): { uid: number; home: string } | undefined;
  /** The same by uid (getpwuid), for the owner of an :include: file. */
  accountByUid?(uid: number): { uid: number; home: string } | undefined;
  /** forward_path, unexpanded; empty turns .forward files off. */
  forwardPath?: string;
  /** A .forward (or :include:) file's text and owner uid, as `uid` may read it; undefined when there is none. */
  readOwnedFile?(path: string, uid: number): { text: string; owner: number } | undefined;
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
  /** The delivery rights for files and commands: 0 until a .forward or :include: owner sets them. */
  uid: number;
  home?: string;
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
    this.recipient({ level: 0, address: rcpt.address, original: rcpt.original, sender, uid: 0 });
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
    // "\user": this user's mailbox, no alias or .forward expansion.
    if (local.startsWith('\\')) {
      const bare = { ...state, address: state.address.slice(1) };
      if (!this.mailbox(bare, local.slice(1), user.slice(1), extension)) this.unknown(bare, local.slice(1), user.slice(1), extension);
      return;
    }
    if (this.alias(state, local)) return;
    if (extension !== undefined && this.alias(state, user)) return;
    if (state.owner !== undefined && state.owner.toLowerCase() !== user) return this.indirect(state);
    if (state.expType === 'include') return this.indirect(state);
    if (this.dotForward(state, local, user, extension)) return;
    if (this.mailbox(state, local, user, extension)) return;
    this.unknown(state, local, user, extension);
  }

  /** deliver_mailbox: true when it was dealt with (delivered, or already delivered for this recipient). */
  private mailbox(state: State, local: string, user: string, extension: string | undefined): boolean {
    const key = `mailbox ${local}`;
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    if (!this.env.userExists(user)) return false;
    this.out.outcomes.push({ kind: 'mailbox', user, address: state.address, original: state.original, delivered: state.delivered ?? state.address, extension });
    return true;
  }

  /**
   * deliver_dotforward: the first file of forward_path that exists, read as the user. Its
   * addresses are forwarded (the owner is the user), files and commands run with the user's
   * rights. False when there is no usable .forward, or when the user names herself in it.
   */
  private dotForward(parent: State, local: string, user: string, extension: string | undefined): boolean {
    const forwardPath = this.env.forwardPath ?? '';
    const account = this.env.account?.(user);
    if (!forwardPath || !account || !this.env.readOwnedFile) return false;
    const state: State = { ...parent, level: parent.level + 1, uid: account.uid, home: account.home, expType: 'forward', owner: user };
    const domain = splitAddress(state.address).domain ?? '';
    for (const path of forwardFileCandidates(forwardPath, { user, home: account.home, local, domain, recipient: state.address, extension, delimiter: extension !== undefined ? local.charAt(user.length) : undefined })) {
      const file = this.env.readOwnedFile(path, account.uid);
      if (!file) continue;
      if (this.seen.has(`forward ${path}`)) return this.seen.has(`forward-done ${path}`);
      this.seen.add(`forward ${path}`);
      state.expFrom = local;
      if (file.owner !== 0 && file.owner !== account.uid) {
        this.out.warnings.push(`file ${path} has bad owner uid ${file.owner}`);
        return false;
      }
      const targets = file.text
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .flatMap((l) => aliasTargets(l));
      this.out.steps.push({ alias: local, targets, source: path });
      for (const t of targets) this.token(state, t);
      if (targets.length === 0) return false;
      this.seen.add(`forward-done ${path}`);
      return true;
    }
    return false;
  }

  private unknown(state: State, local: string, user: string, extension: string | undefined): void {
    if (this.env.fallbackTransport) {
      this.out.outcomes.push({ kind: 'pass', address: state.address, original: state.original, transport: this.env.fallbackTransport });
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
      return this.command(state, token.slice(1).trim());
    }
    if (token.startsWith('/')) return this.file(state, token);
    if (token.startsWith('~')) {
      if (token[1] !== '/') return this.bounce(state, '5.3.5', `bad home directory syntax for: ${token}`);
      if (state.home === undefined) return this.bounce(state, '5.3.5', `unknown home directory for: ${token}`);
      return this.file(state, state.home === '/' ? token.slice(1) : state.home + token.slice(1));
    }
    this.resolveTree(state, token);
  }

  private command(state: State, command: string): void {
    const user = splitExtension(splitAddress(state.address).local.toLowerCase(), this.env.recipientDelimiter).user;
    const key = `command ${user}:${state.uid} ${command}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.outcomes.push({ kind: 'command', command, address: state.address, original: state.original, delivered: state.delivered ?? state.address, uid: state.uid, user });
  }

  private file(state: State, path: string): void {
    const key = `file ${state.uid} ${path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (!this.allowed(this.env.filesAllowed, state)) return this.bounce(state, '5.7.1', 'mail to file is restricted');
    this.out.outcomes.push({ kind: 'file', path, address: state.address, original: state.original, delivered: state.delivered ?? state.address, uid: state.uid });
  }


  private allowed(mask: ReadonlySet<ExpansionType>, state: State): boolean {
    return state.expType === undefined || mask.has(state.expType);
  }

  private include(parent: State, path: string): void {
    const state = { ...parent, level: parent.level + 1 };
    const key = `include ${state.uid} ${path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const owned = this.env.readOwnedFile?.(path, state.uid);
    const text = owned?.text ?? this.env.readInclude(path);
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
    // A non-root include file in a root-owned alias runs files and commands as its owner.
    if (state.uid === 0 && owned && owned.owner !== 0) {
      const account = this.env.accountByUid?.(owned.owner);
      if (account) Object.assign(state, account);
    }
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
