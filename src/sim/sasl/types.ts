/**
 * The SASL exchange as the servers (smtpd, Dovecot) drive it: a mechanism object answers each
 * client response with a challenge, a success or a failure. Data on the wire is base64; the
 * exchange takes and gives base64 text exactly as it appears after "334 " or "+ ".
 */

/** Fields every step may carry besides its outcome. */
interface StepTiming {
  /**
   * How long the auth server takes before this answer reaches the daemon, in virtual ms:
   * Dovecot's auth_failure_delay (2 s) on a failed login, plus its per-address penalty when
   * the same address failed just before. A daemon sends its reply after this delay.
   */
  delayMs?: number;
}

/** Where a verdict came from, for the trace ("sasl" events). */
export interface SaslAudit {
  /** The back end that was asked: passwd-file, sasldb, saslauthd, sql. */
  backend?: string;
  /** The lookup that ran, e.g. an SQL SELECT with the user filled in. */
  query?: string;
}

export type SaslStep =
  | ({ kind: 'challenge'; /** base64 text to send ("" for an empty challenge) */ data: string } & StepTiming)
  | ({ kind: 'success'; user: string } & StepTiming & SaslAudit)
  | ({
      kind: 'failure';
      /** bad-credentials: wrong user or password; malformed: bad base64 or bad message;
       * cancelled: the client sent "*". */
      reason: 'bad-credentials' | 'malformed' | 'cancelled';
      /** The user the client tried, when known (for logs: sasl_username=). */
      user?: string;
      /**
       * The text the SASL implementation gives with the failure, when it gives one: Dovecot's
       * "Invalid base64 data in initial response", Cyrus' sasl_errstring ("authentication
       * failure", "bad protocol / cancel", "user not found"...). Dovecot gives none for a wrong
       * password, which is why Postfix then says "(reason unavailable)".
       */
      message?: string;
    } & StepTiming &
      SaslAudit);

export interface SaslExchange {
  readonly mechanism: string;
  /** Starts the exchange; `initial` is the initial response (base64, "=" for empty), if any. */
  start(initial?: string): SaslStep;
  /** The client's next response (base64, or "*" to cancel). */
  next(response: string): SaslStep;
}

/** Who is authenticating, as the daemon tells its SASL server. */
export interface SaslClientInfo {
  /** The client's address: Dovecot's failure penalty is kept per address. */
  address?: string;
  /** The service asking: smtp, imap, pop3. */
  service?: string;
}

export interface SaslServer {
  /** Mechanism names offered, in the order the server lists them. */
  mechanisms(): string[];
  /** Begins an exchange, or undefined when the mechanism is not offered. */
  begin(mechanism: string, client?: SaslClientInfo): SaslExchange | undefined;
  /** Which implementation answers: 'dovecot' or 'cyrus' (their failure texts differ). */
  readonly type: 'dovecot' | 'cyrus';
}
