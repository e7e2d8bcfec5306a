/**
 * A parser for zone files in the common master-file syntax (RFC 1035 section 5): $ORIGIN, $TTL,
 * "@", relative and absolute owners, a blank owner meaning the previous one, TTL and class in
 * either order, parentheses across lines, comments and quoted TXT strings. It never throws: every
 * problem becomes a message worded and placed as named-checkzone prints it, e.g.
 *   dns_rdata_fromtext: db.example.com:5: near '300.1.2.3': bad dotted quad
 * and the parser goes on with the next line, as BIND's loader does.
 */
import { canonical, isSubdomain, nameProblem, qualify, withoutFinalDot } from './names';
import { parseRdata, parseTtl } from './rdataParser';
import { ZONE_TYPES, type RData, type RRType } from './records';
import { parseClass, parseType } from './types';
import { lexZoneText, type ZoneEntry, type ZoneToken } from './zoneLexer';

export const DEFAULT_TTL = 3600;

export interface ZoneFileRecord {
  /** The line the record starts on. */
  line: number;
  /** Absolute owner name, lower case. */
  owner: string;
  ttl: number;
  /** The TTL was written on the record (not taken from $TTL or the default). */
  explicitTtl: boolean;
  data: RData;
}

export interface ZoneMessage {
  severity: 'error' | 'warning';
  line?: number;
  /** The whole line as named-checkzone prints it. */
  text: string;
  /** The short reason, as in "loading from master file ... failed: REASON". */
  reason: string;
}

export interface ParsedZoneFile {
  records: ZoneFileRecord[];
  messages: ZoneMessage[];
}

export interface ZoneFileOptions {
  /** The zone's name, e.g. "example.com" or "example.com."; "." for the root. */
  origin: string;
  /** Shown in messages; Debian's convention db.ORIGIN when left out. */
  fileName?: string;
  /** The TTL before any $TTL (the zone's ttl, default 3600). */
  defaultTtl?: number;
}

/** Parses zone file text; relative names are completed with the origin. */
export function parseZoneFile(text: string, options: ZoneFileOptions): ParsedZoneFile {
  const zoneOrigin = canonical(qualify(options.origin, '.'));
  const file = options.fileName ?? `db.${withoutFinalDot(zoneOrigin) === '.' ? 'root' : withoutFinalDot(zoneOrigin)}`;
  const state = new ParserState(zoneOrigin, file, options.defaultTtl ?? DEFAULT_TTL);
  const lexed = lexZoneText(text);
  for (const p of lexed.problems) state.error(p.line, p.reason, `dns_rdata_fromtext: ${file}:${p.line}: ${p.reason}`);
  for (const entry of lexed.entries) {
    if (!entry.blankOwner && entry.tokens[0].text.startsWith('$') && !entry.tokens[0].quoted) state.directive(entry);
    else state.record(entry);
  }
  state.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { records: state.records, messages: state.messages };
}

class ParserState {
  readonly records: ZoneFileRecord[] = [];
  readonly messages: ZoneMessage[] = [];
  private origin: string;
  private ttl: number;
  private owner: string | undefined;

  constructor(
    private readonly zoneOrigin: string,
    private readonly file: string,
    defaultTtl: number,
  ) {
    this.origin = zoneOrigin;
    this.ttl = defaultTtl;
  }

  error(line: number, reason: string, text: string): void {
    this.messages.push({ severity: 'error', line, reason, text });
  }

  warning(line: number, reason: string, text: string): void {
    this.messages.push({ severity: 'warning', line, reason, text });
  }

  directive(entry: ZoneEntry): void {
    const [keyword, arg] = entry.tokens;
    const line = entry.line;
    const where = `${this.file}:${line}`;
    switch (keyword.text.toUpperCase()) {
      case '$ORIGIN': {
        if (!arg) return this.error(line, 'unexpected end of input', `dns_master_load: ${where}: unexpected end of input`);
        const origin = canonical(qualify(arg.text, this.origin));
        const problem = nameProblem(origin);
        if (problem) return this.error(line, problem, `dns_master_load: ${where}: ${problem}`);
        this.origin = origin;
        return;
      }
      case '$TTL': {
        const ttl = arg ? parseTtl(arg.text) : undefined;
        if (ttl === undefined) return this.error(line, 'bad ttl', `dns_master_load: ${where}: bad ttl`);
        this.ttl = ttl;
        return;
      }
      case '$INCLUDE':
        return this.error(line, 'file not found', `dns_master_load: ${where}: ${arg?.text ?? ''}: file not found`);
      default:
        return this.error(line, 'syntax error', `dns_master_load: ${where}: unknown $ directive '${keyword.text}'`);
    }
  }

  record(entry: ZoneEntry): void {
    const tokens = [...entry.tokens];
    const line = entry.line;
    const where = `${this.file}:${line}`;
    if (!entry.blankOwner) {
      const ownerToken = tokens.shift()!;
      const owner = canonical(qualify(ownerToken.text, this.origin));
      const problem = nameProblem(owner);
      if (problem) {
        this.owner = undefined;
        return this.error(line, problem, `dns_master_load: ${where}: ${problem}`);
      }
      this.owner = owner;
    } else if (this.owner === undefined) {
      return this.error(line, 'no owner', `${where}: no current owner name`);
    }
    const owner = this.owner;
    const head = readTtlClassType(tokens);
    if (head.type === undefined) {
      return this.error(entry.lastLine, 'unexpected end of input', `dns_rdata_fromtext: ${this.file}:${entry.lastLine}: near eol: unexpected end of input`);
    }
    if (head.klass !== undefined && head.klass !== 'IN') {
      return this.error(line, 'bad class', `${where}: class '${head.klassText}' != zone class 'IN'`);
    }
    const type = parseType(head.type.text);
    if (type === undefined) {
      return this.error(line, 'unknown class/type', `${where}: unknown RR type '${head.type.text}'`);
    }
    if (!ZONE_TYPES.includes(type as RRType)) {
      // named would load it; the simulator leaves the record out but keeps the zone.
      return this.warning(line, 'not supported', `${where}: RR type '${type}' is not supported here (use A, AAAA, CNAME, MX, NS, PTR, SOA, SRV or TXT); record ignored`);
    }
    const parsed = parseRdata(type as RRType, head.rest, this.origin);
    if ('problem' in parsed) {
      const p = parsed.problem;
      const at = p.near?.line ?? entry.lastLine;
      const near = p.showNear === false ? '' : p.near ? `near '${p.near.text}': ` : 'near eol: ';
      return this.error(at, p.reason, `dns_rdata_fromtext: ${this.file}:${at}: ${near}${p.reason}`);
    }
    // Not errors by themselves: the zone checks then find the target has no address.
    if (parsed.warning) this.warning(line, 'target is an address', `${where}: ${parsed.warning}`);
    if (!isSubdomain(owner, this.zoneOrigin)) {
      return this.warning(line, 'out of zone', `${where}: ignoring out-of-zone data (${withoutFinalDot(owner)})`);
    }
    this.records.push({ line, owner, ttl: head.ttl ?? this.ttl, explicitTtl: head.ttl !== undefined, data: parsed.data });
  }
}

interface RecordHead {
  ttl?: number;
  klass?: string;
  klassText?: string;
  type?: ZoneToken;
  rest: ZoneToken[];
}

/** TTL and class may come in either order, each at most once, before the type. */
function readTtlClassType(tokens: ZoneToken[]): RecordHead {
  const head: RecordHead = { rest: [] };
  let i = 0;
  for (; i < tokens.length; i++) {
    const text = tokens[i].text;
    const ttl = /^\d/.test(text) ? parseTtl(text) : undefined;
    if (head.ttl === undefined && ttl !== undefined) {
      head.ttl = ttl;
      continue;
    }
    const klass = /^(IN|CH|CHAOS|HS|HESIOD|CLASS\d+)$/i.test(text) ? parseClass(text) : undefined;
    if (head.klass === undefined && klass !== undefined) {
      head.klass = klass;
      head.klassText = text;
      continue;
    }
    break;
  }
  head.type = tokens[i];
  head.rest = tokens.slice(i + 1);
  return head;
}
