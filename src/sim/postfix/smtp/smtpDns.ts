/**
 * The DNS questions the smtp client asks, in the shape it needs them answered. The host's
 * resolver implements this; the client's routing logic (routing.ts) stays independent of it.
 */

export type DnsStatus = 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'timeout' | 'refused' | 'noserver';

export interface MxRecord {
  preference: number;
  host: string;
}

export interface SmtpDns {
  mx(domain: string): { status: DnsStatus; records: MxRecord[] };
  /** A (type 'A') or AAAA (type 'AAAA') records of a host. */
  addresses(host: string, type: 'A' | 'AAAA'): { status: DnsStatus; addresses: string[] };
}
