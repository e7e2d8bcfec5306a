/**
 * reject_unlisted_recipient: smtpd's question "does this address exist here?", answered from
 * local_recipient_maps for local domains and from the virtual and relay recipient tables for
 * the others, with Postfix's reply texts.
 */
import { splitAddress } from './address';
import type { PostfixConfig } from './config';
import { openTables, type LookupTable, type TableContext } from './maps/lookupTable';
import type { TrivialRewrite } from './trivialRewrite';

export type RecipientStatus = { status: 'known' } | { status: 'unknown'; reply: string } | { status: 'tempfail'; reply: string };

const KNOWN: RecipientStatus = { status: 'known' };

/** Keys Postfix tries for an address: user@domain, then user (for local domains), then @domain. */
export function keysFor(address: string, delimiter: string, localDomain: boolean): string[] {
  const lower = address.toLowerCase();
  const { local, domain } = splitAddress(lower);
  const keys = [lower];
  const bases = [local];
  if (delimiter) {
    const cut = [...delimiter].map((d) => local.indexOf(d)).filter((i) => i > 0);
    if (cut.length > 0) bases.push(local.slice(0, Math.min(...cut)));
  }
  for (const b of bases.slice(1)) keys.push(domain ? `${b}@${domain}` : b);
  if (localDomain) keys.push(...bases);
  if (domain) keys.push(`@${domain}`);
  return keys;
}

function find(tables: LookupTable[], keys: string[]): 'found' | 'notfound' | 'error' {
  for (const t of tables) {
    for (const k of keys) {
      // unix:passwd.byname knows bare user names only.
      if (t.spec.includes('passwd.byname') && k.includes('@')) continue;
      const r = t.lookup(k);
      if (r.status === 'error') return 'error';
      if (r.status === 'found') return 'found';
    }
  }
  return 'notfound';
}

export function recipientStatus(original: string, canonical: string, config: PostfixConfig, rewrite: TrivialRewrite, tables: TableContext): RecipientStatus {
  const { domain } = splitAddress(canonical);
  if (domain === undefined) return KNOWN;
  const cls = rewrite.classify(domain);
  const temp = { status: 'tempfail' as const, reply: `451 4.3.0 <${original}>: Temporary lookup failure` };
  if (typeof cls === 'object') return temp;
  const delimiter = config.get('recipient_delimiter');
  const check = (mapsParam: string, what: string, codeParam: string, localDomain: boolean): RecipientStatus => {
    const value = config.get(mapsParam);
    if (!value.trim()) return KNOWN;
    const found = find(openTables(value, tables), keysFor(canonical, delimiter, localDomain));
    if (found === 'error') return temp;
    if (found === 'found') return KNOWN;
    const code = config.int(codeParam);
    // show_user_unknown_table_name = no keeps the table's name out of the reply.
    const table = config.bool('show_user_unknown_table_name') ? ` in ${what}` : '';
    return { status: 'unknown', reply: `${code} ${code >= 500 ? '5' : '4'}.1.1 <${original}>: Recipient address rejected: User unknown${table}` };
  };
  const moved = relocated(original, canonical, config, tables, cls === 'local');
  if (moved) return moved;
  // An address canonical or virtual alias mapping will rewrite is not looked up as it is.
  if (cls !== 'virtual-alias' && listedInRewriteMaps(canonical, config, rewrite, tables)) return KNOWN;
  if (cls === 'local' && alwaysAccepted(canonical, config)) return KNOWN;
  const listed = classCheck(cls, check, config.get('virtual_alias_maps').trim() !== '');
  if (listed.status !== 'known') return listed;
  const resolved = rewrite.resolve(canonical);
  if (resolved.tempFail) return temp;
  return errorTransport(original, resolved) ?? KNOWN;
}

/**
 * In local domains smtpd never refuses postmaster, MAILER-DAEMON or the double-bounce address,
 * whatever local_recipient_maps says: qmgr and bounce need them (smtpd_check.c).
 */
function alwaysAccepted(canonical: string, config: PostfixConfig): boolean {
  const local = splitAddress(canonical.toLowerCase()).local;
  return local === 'postmaster' || local === 'mailer-daemon' || local === config.get('double_bounce_sender').toLowerCase();
}

/** relocated_maps: "User has moved to new@address" (550 5.1.6), before any unknown-user check. */
function relocated(original: string, canonical: string, config: PostfixConfig, tables: TableContext, localDomain: boolean): RecipientStatus | undefined {
  const value = config.get('relocated_maps');
  if (!value.trim()) return undefined;
  for (const table of openTables(value, tables)) {
    for (const key of keysFor(canonical, config.get('recipient_delimiter'), localDomain)) {
      const r = table.lookup(key);
      if (r.status === 'error') return { status: 'tempfail', reply: `451 4.3.0 <${original}>: Temporary lookup failure` };
      if (r.status === 'found') return { status: 'unknown', reply: `550 5.1.6 <${original}>: Recipient address rejected: User has moved to ${r.value.trim()}` };
    }
  }
  return undefined;
}

/** recipient_canonical_maps, canonical_maps or virtual_alias_maps has this address (as cleanup will look it up). */
function listedInRewriteMaps(canonical: string, config: PostfixConfig, rewrite: TrivialRewrite, tables: TableContext): boolean {
  const { local, domain } = splitAddress(canonical.toLowerCase());
  if (domain === undefined) return false;
  const own = domain === config.get('myorigin').toLowerCase() || rewrite.isLocalDomain(domain) === true;
  const keys = [canonical.toLowerCase(), ...(own ? [local] : []), `@${domain}`];
  for (const param of ['recipient_canonical_maps', 'canonical_maps', 'virtual_alias_maps']) {
    const value = config.get(param);
    if (value.trim() && find(openTables(value, tables), keys) === 'found') return true;
  }
  return false;
}

/**
 * An address transport_maps sends to the error (or retry) transport is refused at RCPT, with
 * the next hop as the reason: "550 5.1.1 <x@blocked.example>: Recipient address rejected: this domain is closed".
 */
function errorTransport(original: string, resolved: { transport: string; nexthop: string; addressClass: string }): RecipientStatus | undefined {
  if (resolved.transport !== 'error' && resolved.transport !== 'retry') return undefined;
  // The virtual alias class's own error transport is answered by the table check above.
  if (resolved.addressClass === 'virtual-alias') return undefined;
  const m = /^([245]\.\d{1,3}\.\d{1,3})\s+(.*)$/s.exec(resolved.nexthop);
  const dsn = m?.[1] ?? (resolved.transport === 'retry' ? '4.3.0' : '5.1.1');
  const text = m?.[2] ?? resolved.nexthop;
  const temporary = resolved.transport === 'retry' || dsn.startsWith('4');
  const reply = `${temporary ? 450 : 550} ${temporary ? `4${dsn.slice(1)}` : dsn} <${original}>: Recipient address rejected: ${text}`;
  return temporary ? { status: 'tempfail', reply } : { status: 'unknown', reply };
}

function classCheck(cls: string, check: (mapsParam: string, what: string, codeParam: string, localDomain: boolean) => RecipientStatus, hasVirtualAliases: boolean): RecipientStatus {
  switch (cls) {
    case 'local':
      return check('local_recipient_maps', 'local recipient table', 'unknown_local_recipient_reject_code', true);
    case 'virtual-alias':
      return check('virtual_alias_maps', 'virtual alias table', 'unknown_virtual_alias_reject_code', false);
    case 'virtual-mailbox': {
      const alias = check('virtual_alias_maps', 'virtual mailbox table', 'unknown_virtual_mailbox_reject_code', false);
      if (alias.status === 'known' && hasVirtualAliases) return alias;
      return check('virtual_mailbox_maps', 'virtual mailbox table', 'unknown_virtual_mailbox_reject_code', false);
    }
    case 'relay':
      return check('relay_recipient_maps', 'relay recipient table', 'unknown_relay_recipient_reject_code', false);
    default:
      return KNOWN;
  }
}
