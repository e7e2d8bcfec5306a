/**
 * anvil(8), the client rate counter smtpd asks before it lets a client send mail or name
 * recipients (smtpd_client_message_rate_limit, smtpd_client_recipient_rate_limit). It counts
 * per service and client address over anvil_rate_time_unit: a window starts with the first
 * event and the count begins again once it has passed. Clients in
 * smtpd_client_event_limit_exceptions ($mynetworks by default) are never limited.
 */
export type AnvilEvent = 'mail' | 'rcpt';

interface Window {
  start: number;
  count: number;
}

export class Anvil {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number) {}

  /** Counts one event and returns how many there were in the current window, this one included. */
  count(event: AnvilEvent, service: string, client: string, unitMs: number): number {
    const key = `${event}\t${service}\t${client}`;
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= unitMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count;
  }

  /** A new Postfix start forgets every count (anvil is restarted with the mail system). */
  reset(): void {
    this.windows.clear();
  }
}
