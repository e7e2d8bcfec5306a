/**
 * The SASL exchange as the servers (smtpd, Dovecot) drive it: a mechanism object answers each
 * client response with a challenge, a success or a failure. Data on the wire is base64; the
 * exchange takes and gives base64 text exactly as it appears after "334 " or "+ ".
 */

export type SaslStep =
  | { kind: 'challenge'; /** base64 text to send ("" for an empty challenge) */ data: string }
  | { kind: 'success'; user: string }
  | {
      kind: 'failure';
      /** bad-credentials: wrong user or password; malformed: bad base64 or bad message;
       * cancelled: the client sent "*". */
      reason: 'bad-credentials' | 'malformed' | 'cancelled';
      /** The user the client tried, when known (for logs: sasl_username=). */
      user?: string;
    };

export interface SaslExchange {
  readonly mechanism: string;
  /** Starts the exchange; `initial` is the initial response (base64, "=" for empty), if any. */
  start(initial?: string): SaslStep;
  /** The client's next response (base64, or "*" to cancel). */
  next(response: string): SaslStep;
}

export interface SaslServer {
  /** Mechanism names offered, in the order the server lists them. */
  mechanisms(): string[];
  /** Begins an exchange, or undefined when the mechanism is not offered. */
  begin(mechanism: string): SaslExchange | undefined;
  /** Which implementation answers: 'dovecot' or 'cyrus' (their failure texts differ). */
  readonly type: 'dovecot' | 'cyrus';
}
