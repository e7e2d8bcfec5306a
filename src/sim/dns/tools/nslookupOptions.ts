/**
 * nslookup's settings: the -options on its command line and "set ..." in interactive mode
 * (nslookup.c's setoption), and what "set all" shows.
 */
import { parseClass, parseType } from '../types';
import type { ToolServer } from './dighost';

export interface Settings {
  /** The query type, and the text it was set with (what "set all" shows). */
  type: string;
  typeText: string;
  /** No type was set: a name is asked as A, then AAAA. */
  defaultLookups: boolean;
  recurse: boolean;
  port: number;
  tries?: number;
  timeout?: number;
  search?: string[];
  ndots?: number;
  useSearch: boolean;
  debug: boolean;
  tcp: boolean;
  qclass?: string;
}

export function newSettings(): Settings {
  return { type: 'A', typeText: 'A', defaultLookups: true, recurse: true, port: 53, useSearch: true, debug: false, tcp: false };
}

/** nslookup's setoption(): "type=", "q=", "querytype=" and friends; anything else is invalid. */
export function setOption(opt: string, s: Settings, print: (line: string) => void, showAll: () => void): void {
  const lower = opt.toLowerCase();
  const checkopt = (full: string, min: number) => lower.length >= min && lower.length <= full.length && full.startsWith(lower);
  const value = (prefixes: string[]) => {
    const p = prefixes.find((x) => lower.startsWith(x));
    return p === undefined ? undefined : opt.slice(p.length);
  };
  const typeValue = value(['type=', 'ty=', 'querytype=', 'query=', 'qu=', 'q=']);
  if (checkopt('all', 3)) return showAll();
  const classValue = value(['class=', 'cl=']);
  if (classValue !== undefined) {
    const qclass = parseClass(classValue);
    if (qclass) s.qclass = qclass;
    else print(`unknown query class: ${classValue}`);
    return;
  }
  if (typeValue !== undefined) {
    const type = parseType(typeValue);
    if (!type) return print(`unknown query type: ${typeValue}`);
    s.type = type;
    s.typeText = typeValue;
    s.defaultLookups = false;
    return;
  }
  const number = (text: string | undefined, apply: (n: number) => void) => {
    if (text !== undefined && /^\d+$/.test(text)) apply(Number(text));
  };
  const domain = value(['domain=', 'do=']);
  if (domain !== undefined) {
    s.search = [domain.replace(/\.$/, '')];
    s.useSearch = true;
  } else if (value(['port=', 'po=']) !== undefined) number(value(['port=', 'po=']), (n) => (s.port = n));
  else if (value(['timeout=', 't=']) !== undefined) number(value(['timeout=', 't=']), (n) => (s.timeout = n));
  else if (checkopt('recurse', 3)) s.recurse = true;
  else if (checkopt('norecurse', 5)) s.recurse = false;
  else if (value(['retry=', 'ret=']) !== undefined) number(value(['retry=', 'ret=']), (n) => (s.tries = n));
  else if (checkopt('defname', 3) || checkopt('search', 3)) s.useSearch = true;
  else if (checkopt('nodefname', 5) || checkopt('nosearch', 5)) s.useSearch = false;
  else if (checkopt('vc', 2)) s.tcp = true;
  else if (checkopt('novc', 4)) s.tcp = false;
  else if (checkopt('debug', 3)) s.debug = true;
  else if (checkopt('nodebug', 5)) s.debug = false;
  else if (checkopt('d2', 2) || checkopt('nod2', 4) || checkopt('sil', 3) || checkopt('fail', 3) || checkopt('nofail', 5)) return;
  else if (value(['ndots=']) !== undefined) number(value(['ndots=']), (n) => (s.ndots = n));
  else print(`*** Invalid option: ${opt}`);
}

/** show_settings(): the servers, then (unless only those are wanted) the options. */
export function settingsLines(servers: ToolServer[], s: Settings, effective: { tries: number; ndots: number; search: string[] }, serversOnly: boolean): string[] {
  const lines = servers.flatMap((srv) => [`Default server: ${srv.label}`, `Address: ${srv.address}#${s.port}`]);
  if (serversOnly) return lines;
  return [
    ...lines,
    '',
    'Set options:',
    `  ${s.tcp ? 'vc' : 'novc'}\t\t\t${s.debug ? 'debug' : 'nodebug'}\t\tnod2`,
    `  ${s.useSearch ? 'search' : 'nosearch'}\t\t${s.recurse ? 'recurse' : 'norecurse'}`,
    // nslookup shows 0 for a timeout nobody set.
    `  timeout = ${s.timeout ?? 0}\t\tretry = ${effective.tries}\tport = ${s.port}\tndots = ${effective.ndots}`,
    `  querytype = ${s.typeText.padEnd(8)}\tclass = ${s.qclass ?? 'IN'}`,
    `  srchlist = ${effective.search.join('/')}`,
  ];
}
