/**
 * The counters an imap process reports when it logs out (imap_logout_format): bytes in and out,
 * messages flagged \Deleted and expunged, header and body fetches.
 */

export interface ImapStats {
  in: number;
  out: number;
  deleted: number;
  expunged: number;
  trashed: number;
  hdrCount: number;
  hdrBytes: number;
  bodyCount: number;
  bodyBytes: number;
}

export function newImapStats(): ImapStats {
  return { in: 0, out: 0, deleted: 0, expunged: 0, trashed: 0, hdrCount: 0, hdrBytes: 0, bodyCount: 0, bodyBytes: 0 };
}

/** "in=%i out=%o deleted=%{deleted} ..." filled in. */
export function logoutStats(format: string, s: ImapStats): string {
  const named: Record<string, number> = {
    deleted: s.deleted,
    expunged: s.expunged,
    trashed: s.trashed,
    fetch_hdr_count: s.hdrCount,
    fetch_hdr_bytes: s.hdrBytes,
    fetch_body_count: s.bodyCount,
    fetch_body_bytes: s.bodyBytes,
    input: s.in,
    output: s.out,
  };
  return format
    .replace(/%\{(\w+)\}/g, (all, k: string) => (k in named ? String(named[k]) : all))
    .replace(/%i/g, String(s.in))
    .replace(/%o/g, String(s.out));
}
