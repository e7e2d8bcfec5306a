/**
 * Rdata from the tokens after the type in a zone file line (or a RecordSpec value), with BIND's
 * reasons when it is wrong ("bad dotted quad", "not a valid number", "unexpected end of input"...),
 * so that zoneFile.ts can report them the way named-checkzone does.
 */
import { canonicalAddress, type RData, type RRType } from './records';
import { looksLikeAddress, nameProblem, qualify } from './names';
import { unescapeString, type ZoneToken } from './zoneLexer';

export interface RdataProblem {
  /** The token BIND names in "near 'X'"; undefined means "near eol" (or no "near" at all). */
  near?: ZoneToken;
  /** False for problems BIND reports without a "near" part (unbalanced quotes, TXT too long). */
  showNear?: boolean;
  reason: string;
}

export type RdataResult = { data: RData; warning?: string } | { problem: RdataProblem };

const U16 = 65535;
const U32 = 4294967295;

/** Parses a TTL or SOA timer: "3600", "1h", "1w2d", "15M". */
export function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n <= U32 ? n : undefined;
  }
  if (!/^(\d+[wdhms])+$/i.test(text)) return undefined;
  const unit: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const m of text.toLowerCase().matchAll(/(\d+)([wdhms])/g)) total += Number(m[1]) * unit[m[2]];
  return total <= U32 ? total : undefined;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: ZoneToken[]) {}

  next(): ZoneToken | undefined {
    return this.tokens[this.i++];
  }

  rest(): ZoneToken[] {
    return this.tokens.slice(this.i);
  }
}

class Stop extends Error {
  constructor(readonly problem: RdataProblem) {
    super(problem.reason);
  }
}

function need(reader: Reader): ZoneToken {
  const t = reader.next();
  if (!t) throw new Stop({ reason: 'unexpected end of input' });
  return t;
}

function number(reader: Reader, max: number): number {
  const t = need(reader);
  if (!/^\d+$/.test(t.text)) throw new Stop({ near: t, reason: 'not a valid number' });
  const n = Number(t.text);
  if (n > max) throw new Stop({ near: t, reason: 'out of range' });
  return n;
}

function timer(reader: Reader): number {
  const t = need(reader);
  const n = parseTtl(t.text);
  if (n === undefined) throw new Stop({ near: t, reason: 'syntax error' });
  return n;
}

function domainName(reader: Reader, origin: string): string {
  const t = need(reader);
  const name = qualify(unescapeName(t.text), origin);
  const problem = nameProblem(name);
  if (problem) throw new Stop({ near: t, reason: problem });
  return name;
}

/** Names keep their escapes' meaning only for the dot; other escapes are rare in lessons. */
function unescapeName(text: string): string {
  return text.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/\\([^.])/g, '$1');
}

function address(reader: Reader, type: 'A' | 'AAAA'): string {
  const t = need(reader);
  const text = canonicalAddress(type, t.text);
  if (text === undefined || t.text.startsWith('[')) {
    throw new Stop({ near: t, reason: type === 'A' ? 'bad dotted quad' : 'bad IPv6 address' });
  }
  return text;
}

function txtStrings(reader: Reader): string[] {
  const tokens = reader.rest();
  if (tokens.length === 0) throw new Stop({ reason: 'unexpected end of input' });
  return tokens.map((t) => {
    reader.next();
    const bytes = unescapeString(t.text);
    if (bytes.length > 255) throw new Stop({ reason: 'syntax error', showNear: false });
    return bytes;
  });
}

function parseByType(type: RRType, reader: Reader, origin: string): RData {
  switch (type) {
    case 'A':
    case 'AAAA':
      return { type, address: address(reader, type) };
    case 'NS':
      return { type, host: domainName(reader, origin) };
    case 'CNAME':
    case 'PTR':
      return { type, target: domainName(reader, origin) };
    case 'MX':
      return { type, preference: number(reader, U16), exchange: domainName(reader, origin) };
    case 'TXT':
      return { type, strings: txtStrings(reader) };
    case 'SRV':
      return {
        type,
        priority: number(reader, U16),
        weight: number(reader, U16),
        port: number(reader, U16),
        target: domainName(reader, origin),
      };
    case 'SOA':
      return {
        type,
        mname: domainName(reader, origin),
        rname: domainName(reader, origin),
        serial: number(reader, U32),
        refresh: timer(reader),
        retry: timer(reader),
        expire: timer(reader),
        minimum: timer(reader),
      };
  }
}

/** Parses the rdata of `type` from `tokens`; relative names are completed with `origin`. */
export function parseRdata(type: RRType, tokens: ZoneToken[], origin: string): RdataResult {
  const reader = new Reader(tokens);
  try {
    const data = parseByType(type, reader, origin);
    const extra = reader.next();
    if (extra) return { problem: { near: extra, reason: 'extra input text' } };
    return { data, warning: addressAsNameWarning(data, tokens) };
  } catch (e) {
    if (e instanceof Stop) return { problem: e.problem };
    throw e;
  }
}

/** BIND's "'1.2.3.4': MX is an address": a host name that is written as an IPv4 address. */
function addressAsNameWarning(data: RData, tokens: ZoneToken[]): string | undefined {
  const last = tokens[tokens.length - 1]?.text ?? '';
  if (data.type === 'MX' && looksLikeAddress(last)) return `warning: '${last}': MX is an address`;
  if (data.type === 'NS' && looksLikeAddress(last)) return `NS record '${last}' appears to be an address`;
  // named accepts this silently; a student almost always meant an A record instead.
  if (data.type === 'CNAME' && looksLikeAddress(last)) return `warning: '${last}': CNAME is an address`;
  return undefined;
}
