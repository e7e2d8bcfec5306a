/**
 * What local makes of a recipient: /etc/aliases expansion (several targets, :include: files,
 * nested aliases, an alias naming itself), then the final destinations: a user's mailbox, a
 * file, a command, or an address elsewhere that the message is forwarded to.
 */
import { splitAddress } from '../address';
import { aliasTargets } from '../maps/aliasesFile';
import type { LookupResult } from '../maps/lookupTable';

export type LocalTarget =
  | { kind: 'mailbox'; user: string; address: string }
  | { kind: 'file'; path: string; address: string }
  | { kind: 'command'; command: string; address: string }
  | { kind: 'forward'; to: string; address: string }
  | { kind: 'unknown'; user: string; address: string }
  | { kind: 'defer'; reason: string; address: string }
  | { kind: 'bounce'; reason: string; dsn: string; address: string };

export interface AliasStep {
  /** The alias that was looked up. */
  alias: string;
  targets: string[];
  /** Where the expansion came from: the table, or an :include: file. */
  source: string;
}

export interface ExpansionEnv {
  /** alias_maps lookup of a (lower-case) local part. */
  lookupAlias(localPart: string): LookupResult & { table?: string };
  /** Whether the local part names a Unix account. */
  userExists(user: string): boolean;
  /** Text of an :include: file, or undefined when it cannot be read. */
  readInclude(path: string): string | undefined;
  /** Is the domain one local delivers for (mydestination)? */
  isLocalDomain(domain: string): boolean;
  /** The canonical form of a target address (myorigin appended). */
  canonical(address: string): string;
  recipientDelimiter: string;
}

const MAX_DEPTH = 100;

export function expandLocal(address: string, env: ExpansionEnv, steps: AliasStep[] = []): LocalTarget[] {
  return expand(address, env, steps, new Set(), 0);
}

function localPartOf(address: string, delimiter: string): { user: string; base: string } {
  const local = splitAddress(address).local.toLowerCase();
  if (!delimiter) return { user: local, base: local };
  const cut = [...delimiter].map((d) => local.indexOf(d)).filter((i) => i > 0);
  const base = cut.length > 0 ? local.slice(0, Math.min(...cut)) : local;
  return { user: local, base };
}

function expand(address: string, env: ExpansionEnv, steps: AliasStep[], seen: Set<string>, depth: number): LocalTarget[] {
  const { user, base } = localPartOf(address, env.recipientDelimiter);
  if (depth > MAX_DEPTH) return [{ kind: 'bounce', reason: `mail forwarding loop for ${address}`, dsn: '5.4.6', address }];
  let found = env.lookupAlias(user);
  if (found.status === 'notfound' && base !== user) found = env.lookupAlias(base);
  if (found.status === 'error') return [{ kind: 'defer', reason: 'alias database unavailable', address }];
  if (found.status === 'notfound' || seen.has(user)) return [finalTarget(base, address, env)];
  const targets = aliasTargets(found.value);
  steps.push({ alias: user, targets, source: found.table ?? 'alias_maps' });
  seen.add(user);
  const out: LocalTarget[] = [];
  for (const t of targets) out.push(...expandTarget(t, address, user, env, steps, seen, depth));
  seen.delete(user);
  return out;
}

function expandTarget(target: string, from: string, aliasUser: string, env: ExpansionEnv, steps: AliasStep[], seen: Set<string>, depth: number): LocalTarget[] {
  if (target.startsWith(':include:')) {
    const path = target.slice(':include:'.length).trim();
    const text = env.readInclude(path);
    if (text === undefined) return [{ kind: 'defer', reason: `cannot open include file ${path}: No such file or directory`, address: from }];
    const inner = text
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
      .flatMap((l) => aliasTargets(l));
    steps.push({ alias: aliasUser, targets: inner, source: path });
    return inner.flatMap((t) => expandTarget(t, from, aliasUser, env, steps, seen, depth + 1));
  }
  if (target.startsWith('|')) return [{ kind: 'command', command: target.slice(1).trim(), address: env.canonical(aliasUser) }];
  if (target.startsWith('/')) return [{ kind: 'file', path: target, address: env.canonical(aliasUser) }];
  const canonical = env.canonical(target);
  const { local, domain } = splitAddress(canonical);
  if (domain !== undefined && !env.isLocalDomain(domain)) return [{ kind: 'forward', to: canonical, address: canonical }];
  const name = local.toLowerCase();
  if (name === aliasUser) return [finalTarget(name, canonical, env)];
  return expand(canonical, env, steps, seen, depth + 1);
}

function finalTarget(user: string, address: string, env: ExpansionEnv): LocalTarget {
  if (env.userExists(user)) return { kind: 'mailbox', user, address };
  return { kind: 'unknown', user, address };
}
