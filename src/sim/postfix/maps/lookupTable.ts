/**
 * Postfix lookup tables ("type:name"): hash/btree/lmdb read the snapshot postmap built, texthash,
 * cidr, regexp/pcre and inline read their text, unix:passwd.byname reads the accounts, nis:
 * never answers (no NIS domain), and a type the build lacks fails as Postfix fails.
 */
import { networkContains, parseIp, parseNetwork } from '../../core/ip';
import type { Accounts } from '../../host/accounts';
import type { VirtualFs } from '../../host/fs';
import { parseTableSource } from './tableSource';
import { splitList } from '../config';

export type LookupResult = { status: 'found'; value: string } | { status: 'notfound' } | { status: 'error'; reason: string };

export interface LookupTable {
  readonly spec: string;
  lookup(key: string): LookupResult;
}

export interface TableContext {
  fs: VirtualFs;
  accounts: Accounts;
  /** Map types this Postfix build supports (postconf -m). */
  supportedTypes: ReadonlySet<string>;
  /** Logs a warning the way the daemon that opened the table would. */
  warn(text: string): void;
  /** SQL-backed maps (mysql:/pgsql:/sqlite:) are provided by the host when it has tables. */
  sqlTable?(type: string, name: string): LookupTable | undefined;
}

const INDEXED = new Set(['hash', 'btree', 'lmdb', 'dbm', 'sdbm', 'cdb']);
const NOT_FOUND: LookupResult = { status: 'notfound' };

export function openTable(spec: string, ctx: TableContext): LookupTable {
  const colon = spec.indexOf(':');
  if (colon <= 0) return failing(spec, `${spec}: table lookup problem`);
  const type = spec.slice(0, colon).toLowerCase();
  const name = spec.slice(colon + 1);
  if (type === 'proxy') return { ...openTable(name, ctx), spec };
  if (!ctx.supportedTypes.has(type)) {
    ctx.warn(`unsupported dictionary type: ${type}`);
    return failing(spec, `unsupported dictionary type: ${type}`);
  }
  if (INDEXED.has(type)) return indexedTable(spec, name, type, ctx);
  switch (type) {
    case 'texthash':
      return keyValueTable(spec, () => {
        const text = ctx.fs.read(name);
        return text === undefined ? undefined : parseTableSource(text, name).entries;
      }, name, ctx);
    case 'inline':
      return inlineTable(spec, name);
    case 'static':
      return { spec, lookup: () => ({ status: 'found', value: name.replace(/^\{(.*)\}$/, '$1') }) };
    case 'unix':
      return passwdTable(spec, ctx.accounts);
    case 'nis':
      return nisTable(spec, ctx);
    case 'cidr':
      return cidrTable(spec, name, ctx);
    case 'regexp':
    case 'pcre':
      return regexpTable(spec, name, ctx);
    case 'fail':
      return failing(spec, `${spec}: table lookup problem`);
    case 'mysql':
    case 'pgsql':
    case 'sqlite':
      return ctx.sqlTable?.(type, name) ?? failing(spec, `open ${name}: No such file or directory`);
    default:
      return failing(spec, `unsupported dictionary type: ${type}`);
  }
}

function failing(spec: string, reason: string): LookupTable {
  return { spec, lookup: () => ({ status: 'error', reason }) };
}

function indexedTable(spec: string, name: string, type: string, ctx: TableContext): LookupTable {
  const suffix = type === 'lmdb' ? 'lmdb' : type === 'cdb' ? 'cdb' : 'db';
  return {
    spec,
    lookup(key) {
      const db = ctx.fs.db(name);
      if (!db) {
        ctx.warn(`${spec} is unavailable. open database ${name}.${suffix}: No such file or directory`);
        return { status: 'error', reason: `${spec} is unavailable` };
      }
      const v = db.get(key.toLowerCase());
      return v === undefined ? NOT_FOUND : { status: 'found', value: v };
    },
  };
}

function keyValueTable(spec: string, load: () => Map<string, string> | undefined, name: string, ctx: TableContext): LookupTable {
  return {
    spec,
    lookup(key) {
      const entries = load();
      if (!entries) {
        ctx.warn(`${spec} is unavailable. open ${name}: No such file or directory`);
        return { status: 'error', reason: `${spec} is unavailable` };
      }
      const v = entries.get(key.toLowerCase());
      return v === undefined ? NOT_FOUND : { status: 'found', value: v };
    },
  };
}

function inlineTable(spec: string, body: string): LookupTable {
  const entries = new Map<string, string>();
  const inner = body.replace(/^\{\s*/, '').replace(/\s*\}$/, '');
  for (const item of inner.split(/,\s*/)) {
    const eq = item.indexOf('=');
    if (eq > 0) entries.set(item.slice(0, eq).trim().toLowerCase(), item.slice(eq + 1).trim().replace(/^\{(.*)\}$/, '$1'));
  }
  return {
    spec,
    lookup: (key) => {
      const v = entries.get(key.toLowerCase());
      return v === undefined ? NOT_FOUND : { status: 'found', value: v };
    },
  };
}

function passwdTable(spec: string, accounts: Accounts): LookupTable {
  return {
    spec,
    lookup(key) {
      const a = accounts.get(key);
      if (!a) return NOT_FOUND;
      return { status: 'found', value: `${a.name}:x:${a.uid}:${a.uid}::${a.home}:/bin/bash` };
    },
  };
}

function nisTable(spec: string, ctx: TableContext): LookupTable {
  let warned = false;
  return {
    spec,
    lookup() {
      if (!warned) ctx.warn('dict_nis_init: NIS domain name not set - NIS lookups disabled');
      warned = true;
      return NOT_FOUND;
    },
  };
}

function cidrTable(spec: string, path: string, ctx: TableContext): LookupTable {
  return {
    spec,
    lookup(key) {
      const text = ctx.fs.read(path);
      if (text === undefined) return { status: 'error', reason: `open ${path}: No such file or directory` };
      const ip = parseIp(key);
      if (!ip) return NOT_FOUND;
      for (const line of text.split('\n')) {
        const m = /^\s*(?:if\s+)?(\S+)\s+(.*)$/.exec(line);
        if (!m || m[1].startsWith('#')) continue;
        const net = parseNetwork(m[1].replace(/^\[|\](?=\/|$)/g, ''));
        if (net && networkContains(net, ip)) return { status: 'found', value: m[2].trim() };
      }
      return NOT_FOUND;
    },
  };
}

function regexpTable(spec: string, path: string, ctx: TableContext): LookupTable {
  return {
    spec,
    lookup(key) {
      const text = ctx.fs.read(path);
      if (text === undefined) return { status: 'error', reason: `open ${path}: No such file or directory` };
      for (const line of text.split('\n')) {
        const m = /^\s*(!?)\/((?:\\.|[^/])*)\/([a-zA-Z]*)\s+(.*)$/.exec(line);
        if (!m) continue;
        let re: RegExp;
        try {
          re = new RegExp(m[2], jsFlags(spec.startsWith('pcre:') ? 'pcre' : 'regexp', m[3]));
        } catch {
          continue;
        }
        const match = re.exec(key);
        if (m[1] === '!' ? !match : !!match) {
          const value = m[4].trim().replace(/\$(\d)|\$\{(\d)\}/g, (_, a, b) => (match?.[Number(a ?? b)] ?? ''));
          return { status: 'found', value };
        }
      }
      return NOT_FOUND;
    },
  };
}

/**
 * Postfix patterns ignore case unless the "i" flag toggles that off. In a regexp: table "."
 * also matches the newline of a folded header (POSIX, unless "m" asks for REG_NEWLINE); in a
 * pcre: table only with the "s" flag.
 */
function jsFlags(type: 'regexp' | 'pcre', flags: string): string {
  let out = flags.includes('i') ? '' : 'i';
  if (flags.includes('m')) out += 'm';
  if (type === 'regexp' ? !flags.includes('m') : flags.includes('s')) out += 's';
  return out;
}

/** A list of tables searched in order, as alias_maps or local_recipient_maps are. */
export function openTables(value: string, ctx: TableContext): LookupTable[] {
  // Split as Postfix splits lists: "inline:{ a=b, c=d }" stays one table.
  return splitList(value)
    .filter((s) => s.includes(':'))
    .map((s) => openTable(s, ctx));
}

/** Searches tables in order; the first found value wins, an error stops the search. */
export function searchTables(tables: readonly LookupTable[], key: string): LookupResult {
  for (const t of tables) {
    const r = t.lookup(key);
    if (r.status !== 'notfound') return r;
  }
  return NOT_FOUND;
}
