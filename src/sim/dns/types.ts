/**
 * Record types, classes and response codes by name and number, as BIND's
 * dns_rdatatype_fromtext() knows them: a user may ask for any type BIND accepts (HINFO, CAA...)
 * even though the zones here only hold the common ones.
 */

const TYPE_CODES: Record<string, number> = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12,
  HINFO: 13, MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22,
  'NSAP-PTR': 23, SIG: 24, KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, EID: 31,
  NIMLOC: 32, SRV: 33, ATMA: 34, NAPTR: 35, KX: 36, CERT: 37, A6: 38, DNAME: 39, SINK: 40, OPT: 41,
  APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49, NSEC3: 50,
  NSEC3PARAM: 51, TLSA: 52, SMIMEA: 53, HIP: 55, NINFO: 56, RKEY: 57, TALINK: 58, CDS: 59,
  CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63, SVCB: 64, HTTPS: 65, SPF: 99, UINFO: 100,
  UID: 101, GID: 102, UNSPEC: 103, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109,
  TKEY: 249, TSIG: 250, IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255, URI: 256, CAA: 257,
  AVC: 258, DOA: 259, AMTRELAY: 260, RESINFO: 261, TA: 32768, DLV: 32769,
};

const TYPE_NAMES = new Map(Object.entries(TYPE_CODES).map(([name, code]) => [code, name]));

/**
 * The canonical mnemonic for a type text ("mx" -> "MX", "TYPE15" -> "MX", "TYPE999" ->
 * "TYPE999"), or undefined when BIND would not accept it.
 */
export function parseType(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper in TYPE_CODES) return upper;
  const m = /^TYPE(\d{1,5})$/.exec(upper);
  if (!m) return undefined;
  const code = Number(m[1]);
  if (code > 65535) return undefined;
  return TYPE_NAMES.get(code) ?? `TYPE${code}`;
}

export function typeCode(type: string): number {
  const known = TYPE_CODES[type];
  if (known !== undefined) return known;
  const m = /^TYPE(\d+)$/.exec(type);
  return m ? Number(m[1]) : 0;
}

/** Classes BIND accepts; the simulator only serves IN. */
export function parseClass(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper === 'CHAOS') return 'CH';
  if (upper === 'HESIOD') return 'HS';
  if (['IN', 'CH', 'HS', 'NONE', 'ANY'].includes(upper)) return upper;
  const m = /^CLASS(\d{1,5})$/.exec(upper);
  if (m && Number(m[1]) <= 65535) return ({ 1: 'IN', 3: 'CH', 4: 'HS' } as Record<number, string>)[Number(m[1])] ?? upper;
  return undefined;
}

export type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED' | 'NOTAUTH';

export const RCODE_NUMBERS: Record<Rcode, number> = {
  NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9,
};
