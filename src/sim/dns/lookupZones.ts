/**
 * The authoritative part of answering a question, as BIND's query_find() does it over the zones
 * a server is primary for: find the closest zone, follow CNAMEs across those zones, and end in an
 * answer, a NODATA or NXDOMAIN with the zone's SOA, a referral below a zone cut, or "not mine"
 * (the name leaves every zone: recursion or REFUSED is the server's business).
 */
import { canonical, isSubdomain, labelsOf } from './names';
import type { ResourceRecord } from './records';
import type { DnsZone } from './zone';

/** BIND follows at most this many CNAMEs in one answer. */
const MAX_CHAIN = 16;

export type ZoneOutcome =
  /** Records of the asked type (or all, for ANY). */
  | { kind: 'answer' }
  /** The name exists without that type. */
  | { kind: 'nodata' }
  | { kind: 'nxdomain' }
  /** `name` lies below a delegation in the zone: the child's NS records. */
  | { kind: 'referral'; name: string; cut: string; ns: ResourceRecord[] }
  /** A CNAME led out of every zone (or there was no zone to begin with). */
  | { kind: 'outside'; name: string }
  /** A CNAME led into another zone, which only a recursive answer may follow. */
  | { kind: 'partial' }
  /** The zone that holds the name failed to load: named answers SERVFAIL. */
  | { kind: 'broken' };

export interface ZoneLookup {
  outcome: ZoneOutcome;
  /** The CNAMEs followed and the final records, in answer order. */
  answer: ResourceRecord[];
  /** The zone the question first fell in (BIND's "authdb": additional data comes only from it). */
  firstZone?: DnsZone;
  /** The zone the last step was answered from (its SOA or NS go into AUTHORITY). */
  lastZone?: DnsZone;
}

/** The zone with the longest origin that contains `name`. */
export function closestZone(zones: readonly DnsZone[], name: string): DnsZone | undefined {
  let best: DnsZone | undefined;
  for (const zone of zones) {
    if (!isSubdomain(name, zone.origin)) continue;
    if (!best || labelsOf(zone.origin).length > labelsOf(best.origin).length) best = zone;
  }
  return best;
}

/**
 * Looks `name`/`type` up in the zones; `type` "ANY" collects every record set at the name.
 * CNAMEs are followed within the first zone, and into the others only when `crossZones` (BIND
 * follows them out of the zone only for a query it may recurse for).
 */
export function lookupZones(zones: readonly DnsZone[], name: string, type: string, crossZones: boolean): ZoneLookup {
  const answer: ResourceRecord[] = [];
  let qname = canonical(name);
  const firstZone = closestZone(zones, qname);
  let zone = firstZone;
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (!zone) return { outcome: { kind: 'outside', name: qname }, answer, firstZone, lastZone: zone };
    const done = (outcome: ZoneOutcome): ZoneLookup => ({ outcome, answer, firstZone, lastZone: zone });
    if (!zone.loaded) return done({ kind: 'broken' });
    const cut = zone.zoneCut(qname);
    if (cut) return done({ kind: 'referral', name: qname, cut, ns: zone.rrset(cut, 'NS') });
    const sets = recordSetsAt(zone, qname);
    if (sets === undefined) return done(zone.exists(qname) ? { kind: 'nodata' } : { kind: 'nxdomain' });
    if (type === 'ANY') {
      answer.push(...sets.flat());
      return done({ kind: 'answer' });
    }
    const wanted = sets.find((s) => s[0].data.type === type);
    if (wanted) {
      answer.push(...wanted);
      return done({ kind: 'answer' });
    }
    const cname = sets.find((s) => s[0].data.type === 'CNAME')?.[0];
    if (!cname || cname.data.type !== 'CNAME') return done({ kind: 'nodata' });
    answer.push(cname);
    seen.add(qname);
    qname = canonical(cname.data.target);
    // A loop or an over-long chain ends with what was found, as BIND stops following.
    if (seen.has(qname) || hop >= MAX_CHAIN) return done({ kind: 'answer' });
    const next = closestZone(zones, qname);
    if (next !== firstZone && !crossZones) return done({ kind: 'partial' });
    zone = next;
  }
}

/**
 * The record sets at a name, or those of the wildcard that covers it (renamed to the name, as a
 * wildcard answer is synthesized); undefined when neither exists.
 */
function recordSetsAt(zone: DnsZone, name: string): ResourceRecord[][] | undefined {
  if (zone.hasRecords(name)) return zone.rrsets(name);
  if (zone.exists(name)) return undefined;
  const wildcard = zone.wildcardFor(name);
  if (!wildcard) return undefined;
  return zone.rrsets(wildcard).map((set) => set.map((rr) => ({ ...rr, name })));
}
