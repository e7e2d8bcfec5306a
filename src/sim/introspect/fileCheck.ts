/**
 * The editor's checks: what the real tool would print about a configuration file before it is
 * saved — postconf for main.cf, postalias (newaliases) for /etc/aliases, postmap for lookup
 * tables, named-checkzone for a zone. The texts are the tools' own; the editor shows them at
 * the line they name.
 */
import { buildZone, checkzoneReport } from '../dns/zone';
import { ConfigError, PostfixConfig } from '../postfix/config';
import { MAIN_CF_PATH } from '../postfix/mainCf';
import { parseAliases } from '../postfix/maps/aliasesFile';
import { paramKind } from '../postfix/paramCheck';
import { checkParameterValue } from '../postfix/paramCheck';

export interface FileProblem {
  level: 'warning' | 'fatal' | 'error';
  /** 1-based line the problem is on, when the tool names one. */
  line?: number;
  /** The whole line as the tool prints it, e.g. "postconf: warning: /etc/postfix/main.cf, line 3: ...". */
  text: string;
}

export interface FileCheck {
  /** The command whose checks these are. */
  tool: string;
  problems: FileProblem[];
  /** Extra report lines (named-checkzone's verdict). */
  report?: string[];
}

const SPECIAL = new Set(['mynetworks', 'inet_protocols', 'mynetworks_style', 'compatibility_level']);

function lineOf(text: string): number | undefined {
  const m = /line (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function checkMainCf(text: string, hostname: string): FileCheck {
  const config = new PostfixConfig(text, { hostname, interfaces: [] });
  const problems: FileProblem[] = [];
  for (const p of config.problems) {
    if (p.level === 'fatal') problems.push({ level: 'fatal', line: p.line, text: `postconf: fatal: ${p.text}` });
  }
  for (const w of config.postconfWarnings()) problems.push({ level: 'warning', line: lineOf(w) ?? lineOfParam(text, w), text: `postconf: warning: ${w}` });
  // Values the daemons would refuse when they read them: their own fatal messages.
  for (const [name, value] of config.explicit) {
    const line = lineOfParam(text, name);
    try {
      // Parameters with their own syntax (compatibility_level = 3.6, mynetworks lists) are checked by it alone.
      const kind = SPECIAL.has(name) ? 'text' : paramKind(name);
      if (kind === 'boolean') config.bool(name);
      else if (kind === 'integer') config.int(name);
      else if (kind === 'time') config.seconds(name);
      const problem = kind === 'text' ? checkParameterValue(name, value) : undefined;
      if (problem) problems.push({ level: 'warning', line, text: `postfix: warning: ${MAIN_CF_PATH}: ${name} = ${value}: ${problem}` });
    } catch (e) {
      if (e instanceof ConfigError) problems.push({ level: 'fatal', line, text: `postfix: fatal: ${e.postfixText}` });
      else throw e;
    }
  }
  return { tool: 'postconf', problems };
}

/** The line where a parameter is set (from "unused parameter: name=value" or a name). */
function lineOfParam(text: string, nameOrWarning: string): number | undefined {
  const m = /unused parameter: ([A-Za-z0-9_]+)=/.exec(nameOrWarning);
  const name = m ? m[1] : nameOrWarning;
  const lines = text.split('\n');
  let found: number | undefined;
  lines.forEach((l, i) => {
    // A parameter name is whatever stands before "=" ("[x", "a.b"): compared as text, not as a pattern.
    if (l.startsWith(name) && /^\s*=/.test(l.slice(name.length))) found = i + 1;
  });
  return found;
}

export function checkAliases(text: string, path = '/etc/aliases'): FileCheck {
  const { warnings } = parseAliases(text, path);
  return { tool: 'newaliases', problems: warnings.map((w) => ({ level: 'warning' as const, line: lineOf(w), text: `postalias: warning: ${w}` })) };
}

export function checkZone(text: string, origin: string): FileCheck {
  const fileName = `db.${origin.replace(/\.$/, '')}`;
  const zone = buildZone({ origin, file: text }, fileName);
  const problems = zone.messages.map((m) => ({ level: m.severity === 'error' ? ('error' as const) : ('warning' as const), line: m.line, text: m.text }));
  return { tool: 'named-checkzone', problems, report: checkzoneReport(zone, fileName) };
}

/** Picks the check by the file's path. */
export function checkConfigFile(path: string, text: string, context: { hostname: string; zoneOrigin?: string }): FileCheck {
  if (path.endsWith('/main.cf')) return checkMainCf(text, context.hostname);
  if (path === '/etc/aliases' || path.endsWith('/aliases')) return checkAliases(text, path);
  if (context.zoneOrigin !== undefined) return checkZone(text, context.zoneOrigin);
  return { tool: '', problems: [] };
}
