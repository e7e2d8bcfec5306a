/**
 * dig's command line (BIND's dig.c parse_args): "@server", "+[no]keyword[=value]", "-x addr",
 * "-t type", bare words that are a type or class, and names. Options before the first name are
 * global (they shape every lookup), those after a name change that lookup only. With no name
 * at all dig asks for the root's NS records.
 */
import { parseClass, parseType } from '../types';
import { reverseText } from './common';
import { DIG_HELP } from './digHelp';
import { BIND_VERSION } from './env';

export interface DigLookupSpec {
  name: string;
  type: string;
  /** A type was given (a later -x keeps it instead of PTR). */
  typeSet: boolean;
  /** Server texts from "@server" (each adds its addresses), for this lookup or all of them. */
  servers?: string[];
  recurse: boolean;
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
  stats: boolean;
  edns: boolean;
  cookie: boolean;
  tcp: boolean;
  tcpSet: boolean;
  identify: boolean;
  /** -c CLASS or a class word: CH asks BIND's version.bind and friends. */
  qclass?: string;
  /** +trace: follow the delegations from the root (digTrace.ts). */
  trace: boolean;
  showTtl: boolean;
  showClass: boolean;
  ttlUnits: boolean;
  multiline: boolean;
  search?: boolean;
  ndots?: number;
  tries?: number;
  timeout?: number;
  port?: number;
  servfailStops: boolean;
}

export interface DigCommand {
  lookups: DigLookupSpec[];
  short: boolean;
  printCmd: boolean;
  /** -4 or -6: only servers of that address family are used. */
  family?: 4 | 6;
  /** The last "@server" before the first name: dig's greeting says how many addresses it has. */
  greetingServer?: string;
  /** +question / +comments given before the first name (dig's plusquest, pluscomm). */
  plusQuestion: boolean;
  plusComments: boolean;
  /** Lines dig writes to stderr while parsing (";; Warning, ignoring invalid type bogus"). */
  warnings: string[];
  /** The run ends before any query: help, version or a usage error. */
  exit?: { lines: string[]; status: number };
}

const USAGE = DIG_HELP.slice(0, 3);

export const DIG_USAGE_ERROR = [...USAGE, '', 'Use "dig -h" (or "dig -h | more") for complete list of options'];

function defaults(): DigLookupSpec {
  return {
    name: '', type: 'A', typeSet: false, recurse: true, comments: true, question: true, answer: true,
    authority: true, additional: true, stats: true, edns: true, cookie: true, tcp: false, tcpSet: false,
    identify: false, trace: false, showTtl: true, showClass: true, ttlUnits: false, multiline: false, servfailStops: true,
  };
}

/** +keyword names with the shortest prefix dig accepts for each. */
const PLUS_OPTIONS: [string, number][] = [
  ['aaflag', 2], ['aaonly', 2], ['additional', 3], ['adflag', 2], ['all', 2], ['answer', 2], ['authority', 2],
  ['badcookie', 2], ['besteffort', 2], ['bufsize', 2], ['cdflag', 2], ['class', 2], ['cmd', 2], ['comments', 3],
  ['cookie', 3], ['crypto', 2], ['defname', 3], ['dnssec', 3], ['domain', 3], ['edns', 2], ['expire', 2],
  ['fail', 2], ['identify', 2], ['ignore', 2], ['keepalive', 5], ['keepopen', 5], ['multiline', 2], ['ndots', 2],
  ['nsid', 3], ['nssearch', 3], ['qr', 2], ['question', 2], ['raflag', 2], ['rdflag', 2], ['recurse', 3],
  ['retry', 3], ['rrcomments', 2], ['search', 3], ['short', 3], ['showsearch', 5], ['split', 3], ['stats', 3],
  ['tcflag', 3], ['tcp', 3], ['timeout', 3], ['trace', 3], ['tries', 3], ['ttlid', 3], ['ttlunits', 4], ['vc', 1], ['zflag', 1],
];

function plusOption(cmd: string): string | undefined {
  const lower = cmd.toLowerCase();
  return PLUS_OPTIONS.find(([name, min]) => lower.length >= min && name.startsWith(lower))?.[0];
}

export function parseDigArgs(args: string[]): DigCommand {
  const command: DigCommand = { lookups: [], short: false, printCmd: true, plusQuestion: false, plusComments: false, warnings: [] };
  const globals = defaults();
  let current = globals;
  let openTypeClass = true;
  const usageError = (text: string): DigCommand => ({ ...command, exit: { lines: [text, ...DIG_USAGE_ERROR], status: 1 } });
  const newLookup = (name: string): DigLookupSpec => {
    const lookup = { ...globals, name };
    command.lookups.push(lookup);
    current = lookup;
    return lookup;
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('@')) {
      current.servers = [...(current.servers ?? []), arg.slice(1)];
      if (command.lookups.length === 0) command.greetingServer = arg.slice(1);
    } else if (arg.startsWith('+')) {
      const error = applyPlus(arg.slice(1), current, command);
      if (error) return usageError(error);
    } else if (arg.startsWith('-') && arg.length > 1) {
      let opt = arg.slice(1);
      // -4, -6, -h, -v, -r, -u, -m may be bundled in front of another option.
      while (opt.length > 0 && '46hvrumdF'.includes(opt[0])) {
        if (opt[0] === 'h') return { ...command, exit: { lines: [...DIG_HELP], status: 0 } };
        if (opt[0] === 'v') return { ...command, exit: { lines: [`DiG ${BIND_VERSION}`], status: 0 } };
        if (opt[0] === '4' || opt[0] === '6') command.family = opt[0] === '4' ? 4 : 6;
        opt = opt.slice(1);
      }
      if (opt === '') continue;
      const letter = opt[0];
      if (!'bcfkpqtxy'.includes(letter)) return usageError(`Invalid option: -${opt}`);
      let value = opt.slice(1);
      if (value === '') {
        if (i + 1 >= args.length) return usageError(`Invalid option: -${opt}`);
        value = args[++i];
      }
      if (letter === 't') {
        openTypeClass = false;
        const type = parseType(value);
        if (type && type !== 'IXFR') setType(current, type, command);
        else command.warnings.push(`;; Warning, ignoring invalid type ${value}`);
      } else if (letter === 'c') {
        openTypeClass = false;
        const qclass = parseClass(value);
        if (qclass) current.qclass = qclass;
        else command.warnings.push(`;; Warning, ignoring invalid class ${value}`);
      } else if (letter === 'p') {
        if (!/^\d+$/.test(value) || Number(value) > 65535) return { ...command, exit: { lines: ['dig: Couldn\'t parse port number'], status: 1 } };
        globals.port = Number(value);
        current.port = Number(value);
      } else if (letter === 'q') {
        newLookup(value);
      } else if (letter === 'x') {
        const lookup = newLookup(reverseText(value, false)!);
        if (!lookup.typeSet) lookup.type = 'PTR';
      }
      // -b, -f, -k, -y: source address, batch file, keys: nothing to simulate.
    } else {
      if (openTypeClass) {
        const type = parseType(arg);
        if (type && type !== 'IXFR') {
          setType(current, type, command);
          continue;
        }
        const qclass = parseClass(arg);
        if (qclass) {
          current.qclass = qclass;
          continue;
        }
      }
      newLookup(arg);
    }
  }
  if (command.lookups.length === 0) newLookup('.').type = 'NS';
  return command;
}

function setType(lookup: DigLookupSpec, type: string, command: DigCommand): void {
  if (lookup.typeSet) command.warnings.push(';; Warning, extra type option');
  lookup.type = type;
  lookup.typeSet = true;
  if (type === 'ANY' && !lookup.tcpSet) lookup.tcp = true;
  // A transfer prints bare records unless +question or +comments were asked for.
  if (type === 'AXFR') {
    lookup.question = command.plusQuestion;
    lookup.comments = command.plusComments;
  }
}

/** Applies one +option; returns the usage error text when dig would reject it. */
function applyPlus(option: string, lookup: DigLookupSpec, command: DigCommand): string | undefined {
  const [rawCmd, value] = option.split(/=(.*)/s);
  const state = !/^no/i.test(rawCmd);
  const name = plusOption(state ? rawCmd : rawCmd.slice(2));
  const invalid = `Invalid option: +${option}`;
  if (!name) return invalid;
  const needsNumber = ['ndots', 'retry', 'tries', 'timeout'].includes(name);
  if (needsNumber && (value === undefined || !/^\d+$/.test(value) || !state)) return invalid;
  switch (name) {
    case 'all':
      Object.assign(lookup, { question: state, answer: state, authority: state, additional: state, comments: state, stats: state });
      command.printCmd = state;
      break;
    case 'short':
      command.short = state;
      if (state) {
        command.printCmd = false;
        Object.assign(lookup, { additional: false, answer: true, authority: false, question: false, comments: false, stats: false });
      }
      break;
    case 'cmd': command.printCmd = state; break;
    case 'question':
      lookup.question = state;
      command.plusQuestion = state;
      break;
    case 'answer': lookup.answer = state; break;
    case 'authority': lookup.authority = state; break;
    case 'additional': lookup.additional = state; break;
    case 'comments':
      lookup.comments = state;
      command.plusComments = state;
      break;
    case 'stats': lookup.stats = state; break;
    case 'recurse':
    case 'rdflag': lookup.recurse = state; break;
    case 'edns': lookup.edns = state; break;
    case 'cookie':
      lookup.cookie = state;
      if (state) lookup.edns = true;
      break;
    case 'tcp':
    case 'vc':
      lookup.tcp = state;
      lookup.tcpSet = true;
      break;
    case 'identify': lookup.identify = state; break;
    case 'multiline': lookup.multiline = state; break;
    case 'trace':
      lookup.trace = state;
      if (state) Object.assign(lookup, { comments: false, stats: false, additional: false, authority: true, question: false, identify: true, search: false });
      break;
    case 'ttlid': lookup.showTtl = state; break;
    case 'class': lookup.showClass = state; break;
    case 'ttlunits':
      lookup.showTtl = true;
      lookup.ttlUnits = state;
      break;
    case 'search':
    case 'defname': lookup.search = state; break;
    case 'fail': lookup.servfailStops = state; break;
    case 'ndots': lookup.ndots = Number(value); break;
    case 'tries': lookup.tries = Math.max(1, Number(value)); break;
    case 'retry': lookup.tries = Number(value) + 1; break;
    case 'timeout': lookup.timeout = Math.max(1, Number(value)); break;
    // The rest (+dnssec, +nsid, +bufsize...) change nothing the simulator shows.
  }
  return undefined;
}
