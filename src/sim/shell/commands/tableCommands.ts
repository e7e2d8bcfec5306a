/**
 * Building and querying lookup tables: newaliases (= sendmail -bi), postalias and postmap.
 * Building turns the text file into the indexed .db the daemons read (editing the text alone
 * changes nothing until it is rebuilt, as on a real host); -q looks one key up. Warnings and
 * fatal errors read as Postfix 3.7's, on the terminal and in the maillog.
 */
import { splitList } from '../../postfix/config';
import { parseAliases } from '../../postfix/maps/aliasesFile';
import { openTable, type TableContext } from '../../postfix/maps/lookupTable';
import { parseTableSource } from '../../postfix/maps/tableSource';
import type { PostfixInstance } from '../../postfix/postfix';
import { registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';
import { getopt } from './getopt';
import { configOnDisk, fatal, isResult, requirePostfix, warnAll } from './postfixTools';

/** Table types postmap and postalias can build (their file gets an index next to it). */
const INDEXED = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'sdbm']);

const USAGE = {
  postmap: 'usage: postmap [-bfFhimnNoprsuUvw] [-c config_dir] [-d key] [-q key] [map_type:]file...',
  postalias: 'usage: postalias [-Nfinoprsuvw] [-c config_dir] [-d key] [-q key] [map_type:]file...',
};

type Tool = 'postmap' | 'postalias';

/** "hash:/etc/aliases" or "/etc/aliases" (default_database_type) into type and path. */
function splitSpec(spec: string): { type: string; path: string } {
  const m = /^([a-z0-9]+):(.*)$/i.exec(spec);
  return m ? { type: m[1].toLowerCase(), path: m[2] } : { type: 'hash', path: spec };
}

/**
 * Postfix reports a duplicate key against the database it is building ("/etc/aliases.db:
 * duplicate entry"), where the text parsers say which line it was on.
 */
function asBuildWarning(warning: string, path: string, suffix: string): string {
  const m = /^(.*), line \d+: (duplicate entry: .*)$/.exec(warning);
  return m && m[1] === path ? `${path}.${suffix}: ${m[2]}` : warning;
}

/** Builds one table; returns the warnings, or the fatal text. */
function build(ctx: ShellContext, postfix: PostfixInstance, tool: Tool, spec: string): { warnings: string[] } | { fatal: string } {
  const { type, path } = splitSpec(spec);
  if (!postfix.build.mapTypes.includes(type) && INDEXED.has(type)) return { fatal: `unsupported dictionary type: ${type}` };
  if (!INDEXED.has(type)) return { fatal: `unsupported dictionary type: ${type} does not support bulk-mode creation.` };
  const text = ctx.host.fs.read(path);
  if (text === undefined) return { fatal: `open ${path}: No such file or directory` };
  const parsed = tool === 'postalias' ? parseAliases(text, path) : parseTableSource(text, path);
  ctx.host.fs.setDb(path, parsed.entries);
  const suffix = type === 'lmdb' ? 'lmdb' : type === 'cdb' ? 'cdb' : 'db';
  return { warnings: parsed.warnings.map((w) => asBuildWarning(w, path, suffix)) };
}

/** Builds every table named; the first fatal error stops the run. */
export function buildTables(ctx: ShellContext, postfix: PostfixInstance, tool: Tool, specs: readonly string[]): CommandResult {
  const pid = ctx.host.newPid();
  const output: string[] = [];
  for (const spec of specs) {
    const r = build(ctx, postfix, tool, spec);
    if ('fatal' in r) return fatal(ctx, tool, r.fatal, output);
    output.push(...warnAll(ctx, tool, r.warnings, pid));
  }
  return { output, exitStatus: 0 };
}

/** newaliases / sendmail -bi: postalias on every table of alias_database, as main.cf now says. */
export function newaliases(ctx: ShellContext, postfix: PostfixInstance): CommandResult {
  const config = configOnDisk(ctx.host, postfix);
  return buildTables(ctx, postfix, 'postalias', splitList(config.get('alias_database')));
}

/** postmap -q KEY TABLE: prints the value; exit status 1 when the key is not there. */
function query(ctx: ShellContext, postfix: PostfixInstance, tool: Tool, key: string, specs: readonly string[]): CommandResult {
  const warnings: string[] = [];
  const tables: TableContext = { ...postfix.tables, warn: (t) => warnings.push(t) };
  for (const spec of specs) {
    const { type, path } = splitSpec(spec);
    if (!postfix.build.mapTypes.includes(type)) return fatal(ctx, tool, `unsupported dictionary type: ${type}`);
    if (INDEXED.has(type) && !ctx.host.fs.db(path)) {
      const suffix = type === 'lmdb' ? 'lmdb' : type === 'cdb' ? 'cdb' : 'db';
      return fatal(ctx, tool, `open database ${path}.${suffix}: No such file or directory`);
    }
    const result = openTable(`${type}:${path}`, tables).lookup(key);
    const shown = warnAll(ctx, tool, warnings.splice(0));
    if (result.status === 'found') return { output: [...shown, result.value], exitStatus: 0 };
    if (result.status === 'error') return fatal(ctx, tool, result.reason, shown);
  }
  return { output: [], exitStatus: 1 };
}

function tableTool(tool: Tool) {
  return (ctx: ShellContext, argv: string[]): CommandResult => {
    const postfix = requirePostfix(ctx, argv[0]);
    if (isResult(postfix)) return postfix;
    const parsed = getopt(argv.slice(1), tool === 'postmap' ? 'bc:d:fFhimnNopq:rsuUvw' : 'c:d:finNopq:rsuvw');
    if (parsed.error) return { output: [`${tool}: ${parsed.error}`, `${tool}: fatal: ${USAGE[tool]}`], exitStatus: 1 };
    if (parsed.operands.length === 0) return fatal(ctx, tool, USAGE[tool]);
    const key = parsed.options.find((o) => o.flag === 'q')?.arg;
    if (key !== undefined) return query(ctx, postfix, tool, key, parsed.operands);
    return buildTables(ctx, postfix, tool, parsed.operands);
  };
}

registerCommand('postmap', tableTool('postmap'));
registerCommand('postalias', tableTool('postalias'));

registerCommand('newaliases', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  return newaliases(ctx, postfix);
});
