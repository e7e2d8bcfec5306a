/**
 * Postfix's mysql: (and pgsql:/sqlite:) tables as a course's virtual-user setup uses them: a .cf
 * file with the connection settings and a query; %s in the query is the lookup key, %u its local
 * part, %d its domain. The query runs over the scenario's in-memory SQL tables and is recorded
 * in the trace as the SELECT MySQL would have received.
 */
import type { TraceInput } from '../../core/trace';
import type { VirtualFs } from '../../host/fs';
import type { SqlTable } from '../../scenario/schema';
import { runSelect } from '../../sasl/sqlTable';
import type { LookupResult, LookupTable } from './lookupTable';

export interface SqlMapSettings {
  hosts?: string;
  user?: string;
  password?: string;
  dbname?: string;
  query?: string;
  resultFormat?: string;
  domain?: string;
}

/** Parses a mysql_*.cf file: "name = value" lines, "#" comments. */
export function parseSqlMapCf(text: string): SqlMapSettings {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { hosts: out.hosts, user: out.user, password: out.password, dbname: out.dbname, query: out.query, resultFormat: out.result_format, domain: out.domain };
}

/** Fills Postfix's query expansions: %s key, %u local part, %d domain, %% a percent sign. */
export function expandSqlQuery(template: string, key: string): string {
  const at = key.lastIndexOf('@');
  const vars: Record<string, string> = { s: key, u: at >= 0 ? key.slice(0, at) : key, d: at >= 0 ? key.slice(at + 1) : '' };
  return template.replace(/%([%sud])/g, (_, k: string) => (k === '%' ? '%' : vars[k].replace(/'/g, "''")));
}

export interface SqlMapContext {
  fs: VirtualFs;
  tables: Record<string, SqlTable>;
  emit?: (event: TraceInput) => void;
  hostName: string;
  by: string;
}

export function sqlMap(type: string, path: string, ctx: SqlMapContext): LookupTable {
  const spec = `${type}:${path}`;
  return {
    spec,
    lookup(key): LookupResult {
      const text = ctx.fs.read(path);
      if (text === undefined) return { status: 'error', reason: `${spec}: open ${path}: No such file or directory` };
      const settings = parseSqlMapCf(text);
      if (!settings.query) return { status: 'error', reason: `${spec}: no query in ${path}` };
      if (settings.domain && key.includes('@')) {
        const domain = key.slice(key.lastIndexOf('@') + 1).toLowerCase();
        if (!settings.domain.split(/[\s,]+/).some((d) => d.toLowerCase() === domain)) return { status: 'notfound' };
      }
      const query = expandSqlQuery(settings.query, key);
      const rows = runSelect(query, ctx.tables);
      ctx.emit?.({ kind: 'sql', host: ctx.hostName, by: ctx.by, source: spec, query, rows: rows?.length ?? 0 });
      if (rows === undefined) return { status: 'error', reason: `${spec}: query failed: ${query}` };
      const values = rows.map((r) => Object.values(r)[0]).filter((v) => v !== null && v !== undefined).map(String);
      if (values.length === 0) return { status: 'notfound' };
      const format = settings.resultFormat ?? '%s';
      return { status: 'found', value: values.map((v) => format.replace(/%s/g, v)).join(',') };
    },
  };
}
