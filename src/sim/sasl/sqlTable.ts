/**
 * Virtual users in an SQL table, as a Postfix + courier-authlib / Dovecot "mysql" lab keeps them:
 * mailbox(username, password, name, maildir, quota, domain, active). The back end fills the
 * query template in (%u the user, %n its local part, %d its domain, %r the realm), runs it over
 * the in-memory table and reports the query text, so the trace shows what would have run.
 */
import type { SqlTable } from '../scenario/schema';
import type { PasswordLookup, SaslBackend } from './backend';

export type SqlRow = Record<string, string | number | null>;

/** The query a courier-authlib / Postfix-admin style setup runs for a login. */
export const DEFAULT_PASSWORD_QUERY = "SELECT password FROM mailbox WHERE username = '%u' AND active = '1'";

/** Fills %u, %n, %d, %r and %% in, quoting single quotes the SQL way. */
export function expandQuery(template: string, user: string, realm = ''): string {
  const at = user.lastIndexOf('@');
  const vars: Record<string, string> = {
    u: user,
    n: at >= 0 ? user.slice(0, at) : user,
    d: at >= 0 ? user.slice(at + 1) : '',
    r: realm,
  };
  return template.replace(/%([%undr])/g, (_, k: string) => (k === '%' ? '%' : vars[k].replace(/'/g, "''")));
}

interface Select {
  columns: { name: string; as: string }[];
  table: string;
  where: { column: string; value: string }[];
}

/** Parses the small SELECT dialect the lab uses: columns, one table, equality tests joined by AND. */
export function parseSelect(query: string): Select | undefined {
  const m = /^\s*SELECT\s+(.+?)\s+FROM\s+([\w.]+)(?:\s+WHERE\s+(.+?))?\s*;?\s*$/is.exec(query);
  if (!m) return undefined;
  const columns = m[1].split(',').map((c) => {
    const as = /^\s*([\w.*]+)(?:\s+AS\s+(\w+))?\s*$/i.exec(c);
    return as ? { name: as[1], as: as[2] ?? as[1] } : { name: c.trim(), as: c.trim() };
  });
  const where: Select['where'] = [];
  if (m[3]) {
    for (const part of m[3].split(/\s+AND\s+/i)) {
      const t = /^\s*(\w+)\s*=\s*(?:'((?:[^']|'')*)'|(-?\d+))\s*$/.exec(part);
      if (!t) return undefined;
      where.push({ column: t[1], value: t[2] !== undefined ? t[2].replace(/''/g, "'") : t[3] });
    }
  }
  return { columns, table: m[2], where };
}

/** Runs a SELECT over the tables; undefined when the query or the table is not understood. */
export function runSelect(query: string, tables: Record<string, SqlTable>): SqlRow[] | undefined {
  const q = parseSelect(query);
  const table = q && tables[q.table];
  if (!q || !table) return undefined;
  const rows = table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] ?? null])) as SqlRow);
  return rows
    .filter((row) => q.where.every((w) => row[w.column] !== undefined && row[w.column] !== null && String(row[w.column]) === w.value))
    .map((row) => {
      if (q.columns.length === 1 && q.columns[0].name === '*') return row;
      return Object.fromEntries(q.columns.map((c) => [c.as, row[c.name] ?? null]));
    });
}

export interface SqlBackendOptions {
  tables: Record<string, SqlTable>;
  /** The query template; the default reads the `mailbox` table. */
  query?: string;
  /** The column (or AS name) holding the password. */
  passwordColumn?: string;
  /** Cyrus fills %r with its realm. */
  realm?: string;
}

export class SqlPasswordBackend implements SaslBackend {
  readonly name = 'sql';

  constructor(private readonly opts: SqlBackendOptions) {}

  lookup(user: string): PasswordLookup {
    const query = expandQuery(this.template(), user, this.opts.realm);
    const rows = runSelect(query, this.opts.tables) ?? [];
    const column = this.opts.passwordColumn ?? 'password';
    const value = rows[0]?.[column];
    const stored = value === undefined || value === null ? undefined : String(value);
    return { user, found: stored !== undefined, stored, backend: this.name, query };
  }

  /** The configured query, or the default one without the active test when there is no such column. */
  private template(): string {
    if (this.opts.query) return this.opts.query;
    const mailbox = this.opts.tables.mailbox;
    if (mailbox && !mailbox.columns.includes('active')) return DEFAULT_PASSWORD_QUERY.replace(" AND active = '1'", '');
    return DEFAULT_PASSWORD_QUERY;
  }
}
