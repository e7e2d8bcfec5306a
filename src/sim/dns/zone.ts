/**
 * One authoritative zone, built from a ZoneSpec (its records and/or its zone file text) the way
 * named loads a primary zone: owner names absolute and lower-cased, TTLs resolved (record ttl,
 * else $TTL / the zone's ttl, else 3600), and the checks named-checkzone makes. A zone with an
 * error is not loaded — named then answers SERVFAIL for it — and its messages say why.
 */
import type { RecordSpec, ZoneSpec } from '../scenario/schema';
import { canonical, compareCanonical, isSubdomain, nameProblem, parentOf, qualify, withoutFinalDot } from './names';
import { parseRdata } from './rdataParser';
import { rdataText, targetName, ZONE_TYPES, type RData, type ResourceRecord, type RRType } from './records';
import { parseType } from './types';
import { DEFAULT_TTL, parseZoneFile, type ZoneFileRecord, type ZoneMessage } from './zoneFile';
import { lexZoneText } from './zoneLexer';

export type { ZoneMessage } from './zoneFile';

/** Records of one name, by type, in the order the types first appeared. */
type Node = Map<string, ResourceRecord[]>;

export class DnsZone {
  /** Absolute, lower case: "example.com.", "." for the root. */
  readonly origin: string;
  readonly messages: ZoneMessage[];
  /** False when the zone had an error: named refuses to load it and answers SERVFAIL. */
  readonly loaded: boolean;
  private readonly nodes = new Map<string, Node>();
  /** Names that exist because something lies below them (empty non-terminals included). */
  private readonly existing = new Set<string>();

  constructor(origin: string, records: ResourceRecord[], messages: ZoneMessage[] = []) {
    this.origin = canonical(qualify(origin, '.'));
    for (const rr of records) this.add(rr);
    this.messages = messages;
    this.loaded = !messages.some((m) => m.severity === 'error');
  }

  /** Every record, in zone order. */
  get records(): ResourceRecord[] {
    return [...this.nodes.values()].flatMap((node) => [...node.values()].flat());
  }

  get soa(): ResourceRecord | undefined {
    return this.rrset(this.origin, 'SOA')[0];
  }

  /** "example.com/IN", as named names a zone in its log. */
  get label(): string {
    return `${withoutFinalDot(this.origin)}/IN`;
  }

  /**
   * The zone as AXFR sends it: the SOA, every other record by name in canonical order (each
   * name's records in zone order), and the SOA again.
   */
  transfer(): ResourceRecord[] {
    const soa = this.soa;
    if (!soa) return [];
    const names = [...this.nodes.keys()].sort(compareCanonical);
    const body = names.flatMap((n) => [...this.nodes.get(n)!.values()].flat().filter((rr) => rr.data.type !== 'SOA'));
    return [soa, ...body, soa];
  }

  /** The records of one name and type (empty when there are none). */
  rrset(name: string, type: string): ResourceRecord[] {
    return this.nodes.get(canonical(name))?.get(type) ?? [];
  }

  /** All record sets at a name, in zone order; empty when the name holds no records. */
  rrsets(name: string): ResourceRecord[][] {
    return [...(this.nodes.get(canonical(name))?.values() ?? [])];
  }

  hasRecords(name: string): boolean {
    return this.nodes.has(canonical(name));
  }

  /** The name exists in the zone: it has records or names below it (an empty non-terminal). */
  exists(name: string): boolean {
    return this.existing.has(canonical(name));
  }

  /**
   * The delegation point (a name below the apex with NS records) at or above `name`, if any:
   * data there and below belongs to a child zone.
   */
  zoneCut(name: string): string | undefined {
    let cut: string | undefined;
    for (let n: string | undefined = canonical(name); n && n !== this.origin; n = parentOf(n)) {
      if (this.rrset(n, 'NS').length > 0) cut = n;
      if (!isSubdomain(n, this.origin)) break;
    }
    return cut;
  }

  /** The wildcard owner ("*.closest.encloser.") that would answer for a name that does not exist. */
  wildcardFor(name: string): string | undefined {
    let encloser: string | undefined = parentOf(canonical(name));
    while (encloser && !this.exists(encloser)) encloser = parentOf(encloser);
    if (!encloser || !isSubdomain(encloser, this.origin)) return undefined;
    const wildcard = encloser === '.' ? '*.' : `*.${encloser}`;
    return this.hasRecords(wildcard) ? wildcard : undefined;
  }

  private add(rr: ResourceRecord): void {
    const owner = canonical(rr.name);
    let node = this.nodes.get(owner);
    if (!node) {
      node = new Map();
      this.nodes.set(owner, node);
    }
    const set = node.get(rr.data.type) ?? [];
    set.push(rr);
    node.set(rr.data.type, set);
    for (let n: string | undefined = owner; n && isSubdomain(n, this.origin); n = parentOf(n)) {
      this.existing.add(n);
      if (n === this.origin) break;
    }
  }
}

/** A record before the checks: where it came from, for messages in the right style. */
interface Candidate {
  rr: ResourceRecord;
  explicitTtl: boolean;
  /** "db.example.com:5" for a file line, undefined for a RecordSpec. */
  where?: string;
}

/** Builds a zone from its spec: records first, then the zone file, then the named-checkzone checks. */
export function buildZone(spec: ZoneSpec, fileName?: string): DnsZone {
  const origin = canonical(qualify(spec.origin, '.'));
  const label = `${withoutFinalDot(origin)}/IN`;
  const defaultTtl = spec.ttl ?? DEFAULT_TTL;
  const messages: ZoneMessage[] = [];
  const candidates: Candidate[] = [];
  for (const record of spec.records ?? []) {
    const c = fromRecordSpec(record, origin, defaultTtl, label, messages);
    if (c) candidates.push(c);
  }
  if (spec.file !== undefined) {
    const file = fileName ?? `db.${origin === '.' ? 'root' : withoutFinalDot(origin)}`;
    const parsed = parseZoneFile(spec.file, { origin, fileName: file, defaultTtl });
    messages.push(...parsed.messages);
    candidates.push(...parsed.records.map((r: ZoneFileRecord) => fileCandidate(r, file)));
  }
  const accepted = checkRecordSets(candidates, label, messages);
  // Like named, the zone-wide checks only run on a zone whose records all loaded.
  if (!messages.some((m) => m.severity === 'error')) checkZone(origin, accepted, label, messages);
  return new DnsZone(origin, accepted, messages);
}

function fileCandidate(r: ZoneFileRecord, file: string): Candidate {
  return { rr: { name: r.owner, ttl: r.ttl, data: r.data }, explicitTtl: r.explicitTtl, where: `${file}:${r.line}` };
}

function fromRecordSpec(spec: RecordSpec, origin: string, defaultTtl: number, label: string, messages: ZoneMessage[]): Candidate | undefined {
  const fail = (reason: string, text: string) => {
    messages.push({ severity: 'error', reason, text: `zone ${label}: ${text}` });
    return undefined;
  };
  const owner = canonical(qualify(spec.name.trim(), origin));
  const problem = nameProblem(owner);
  if (problem) return fail(problem, `'${spec.name}': ${problem}`);
  const shown = withoutFinalDot(owner);
  const type = parseType(spec.type.trim());
  if (type === undefined) return fail('unknown class/type', `${shown}: unknown RR type '${spec.type}'`);
  if (!ZONE_TYPES.includes(type as RRType)) {
    // named would load it; the simulator leaves the record out but keeps the zone.
    messages.push({ severity: 'warning', reason: 'not supported', text: `zone ${label}: ${shown}: RR type '${type}' is not supported here (use A, AAAA, CNAME, MX, NS, PTR, SOA, SRV or TXT); record ignored` });
    return undefined;
  }
  if (!isSubdomain(owner, origin)) {
    messages.push({ severity: 'warning', reason: 'out of zone', text: `zone ${label}: ignoring out-of-zone data (${shown})` });
    return undefined;
  }
  const value = `${shown}/${type} '${spec.value}'`;
  const lexed = lexZoneText(spec.value);
  if (lexed.problems.length > 0) return fail(lexed.problems[0].reason, `${value}: ${lexed.problems[0].reason}`);
  const parsed = parseRdata(type as RRType, lexed.entries.flatMap((e) => e.tokens), origin);
  if ('problem' in parsed) {
    const near = parsed.problem.near && parsed.problem.near.text !== spec.value.trim() ? ` near '${parsed.problem.near.text}'` : '';
    return fail(parsed.problem.reason, `${value}${near}: ${parsed.problem.reason}`);
  }
  if (parsed.warning) {
    messages.push({ severity: 'warning', reason: parsed.warning, text: `zone ${label}: ${shown}: ${parsed.warning}` });
  }
  const ttl = spec.ttl ?? defaultTtl;
  return { rr: { name: owner, ttl, data: parsed.data }, explicitTtl: spec.ttl !== undefined };
}

/**
 * The checks BIND's loader makes per name: CNAME beside other data, a second CNAME or SOA, one
 * TTL per record set. The offending later record is dropped, as named reports it.
 */
function checkRecordSets(candidates: Candidate[], label: string, messages: ZoneMessage[]): ResourceRecord[] {
  const accepted: ResourceRecord[] = [];
  const byName = new Map<string, ResourceRecord[]>();
  const reportedAt = runEnds(candidates);
  candidates.forEach((c, index) => {
    const at = byName.get(c.rr.name) ?? [];
    const file = c.where?.slice(0, c.where.lastIndexOf(':'));
    const line = reportedAt[index];
    const prefix = c.where ? `dns_master_load: ${file}:${line}: ` : `zone ${label}: `;
    const error = (reason: string) => messages.push({ severity: 'error', line, reason, text: `${prefix}${withoutFinalDot(c.rr.name)}: ${reason}` });
    const isCname = c.rr.data.type === 'CNAME';
    if (at.some((r) => r.data.type === 'CNAME') !== isCname && at.length > 0) return error('CNAME and other data');
    const same = at.filter((r) => r.data.type === c.rr.data.type);
    if (same.some((r) => rdataText(r.data) === rdataText(c.rr.data))) return;
    if ((isCname || c.rr.data.type === 'SOA') && same.length > 0) return error('multiple RRs of singleton type');
    let rr = c.rr;
    if (same.length > 0 && same[0].ttl !== rr.ttl) {
      if (c.explicitTtl) {
        const where = c.where ? `${c.where}: ` : `zone ${label}: ${withoutFinalDot(rr.name)}: `;
        messages.push({ severity: 'warning', line, reason: 'TTL set to prior TTL', text: `${where}TTL set to prior TTL (${same[0].ttl})` });
      }
      rr = { ...rr, ttl: same[0].ttl };
    }
    at.push(rr);
    byName.set(rr.name, at);
    accepted.push(rr);
  });
  return accepted;
}

/**
 * named checks a name's records when the next owner starts, so it reports such errors at the
 * last line of the run of lines with that owner.
 */
function runEnds(candidates: Candidate[]): (number | undefined)[] {
  const lineOf = (c: Candidate) => (c.where ? Number(c.where.slice(c.where.lastIndexOf(':') + 1)) : undefined);
  const ends = candidates.map(lineOf);
  for (let i = candidates.length - 2; i >= 0; i--) {
    if (candidates[i].where && candidates[i + 1].where && candidates[i].rr.name === candidates[i + 1].rr.name) ends[i] = ends[i + 1];
  }
  return ends;
}

/** The zone-wide checks: one SOA at the apex, NS records, addresses for in-zone targets. */
function checkZone(origin: string, records: ResourceRecord[], label: string, messages: ZoneMessage[]): void {
  const at = (name: string, type: string) => records.filter((r) => r.name === canonical(name) && r.data.type === type);
  const error = (reason: string) => messages.push({ severity: 'error', reason, text: `zone ${label}: ${reason}` });
  const warning = (reason: string) => messages.push({ severity: 'warning', reason, text: `zone ${label}: ${reason}` });
  for (const r of records) {
    if (r.data.type === 'SOA' && r.name !== origin) error(`${withoutFinalDot(r.name)}: SOA record not at top of zone`);
  }
  if (at(origin, 'SOA').length === 0) error('has 0 SOA records');
  if (at(origin, 'NS').length === 0) error('has no NS records');
  const hasAddress = (name: string) => at(name, 'A').length + at(name, 'AAAA').length > 0;
  for (const ns of at(origin, 'NS')) {
    const host = targetName(ns.data)!;
    if (isSubdomain(host, origin) && !hasAddress(host)) error(`NS '${withoutFinalDot(host)}' has no address records (A or AAAA)`);
  }
  for (const r of records) {
    if (r.data.type !== 'MX' && r.data.type !== 'SRV') continue;
    const host = targetName(r.data)!;
    if (host === '.' || !isSubdomain(host, origin) || hasAddress(host)) continue;
    warning(`${withoutFinalDot(r.name)}/${r.data.type} '${withoutFinalDot(host)}' has no address records (A or AAAA)`);
  }
}

/** What named-checkzone prints for the zone: its messages, then the verdict. */
export function checkzoneReport(zone: DnsZone, fileName?: string): string[] {
  const lines = zone.messages.map((m) => m.text);
  if (zone.loaded) {
    const soa = zone.soa?.data as Extract<RData, { type: 'SOA' }> | undefined;
    lines.push(`zone ${zone.label}: loaded serial ${soa?.serial ?? 0}`, 'OK');
  } else {
    const first = zone.messages.find((m) => m.severity === 'error')!;
    const file = fileName ?? `db.${zone.origin === '.' ? 'root' : withoutFinalDot(zone.origin)}`;
    if (first.line !== undefined) lines.push(`zone ${zone.label}: loading from master file ${file} failed: ${first.reason}`);
    lines.push(`zone ${zone.label}: not loaded due to errors.`);
  }
  return lines;
}
