/**
 * The DNS questions programs on a host can ask through its stub resolver (resolv.conf), as
 * plain results. The DNS module implements it; Postfix, the shell and the name service use it.
 */

export type DnsOutcome = 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'timeout' | 'refused' | 'noserver';

export interface DnsRecordData {
  /** Owner name, absolute, without the final dot. */
  name: string;
  type: string;
  ttl: number;
  /** Presentation form as dig prints it, e.g. "10 mx.example.net." or "127.0.0.1". */
  data: string;
}

export interface HostResolver {
  /**
   * Asks the host's name servers; `by` names the program asking (for the trace). latencyMs is
   * the time the lookup took, retries and timeouts included, for the caller's own timing.
   */
  query(name: string, type: string, by: string): { status: DnsOutcome; records: DnsRecordData[]; latencyMs?: number };
}
