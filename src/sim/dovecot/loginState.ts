/**
 * The bookkeeping a login process (pop3-login, imap-login) keeps about one client before it
 * logs in: the attempts, the last user and mechanism tried, the start time, the bad-command
 * counter. It also writes the process's log lines through one function.
 */
import { loginLogText } from './loginLog';

export interface LoginClient {
  /** The client's and the server's addresses (rip, lip). */
  rip: string;
  lip: string;
  secured: boolean;
  session: string;
}

export class LoginState {
  attempts = 0;
  failedAttempts = 0;
  /** The user of the last attempt ('' when none was named). */
  user = '';
  method = '';
  badCommands = 0;
  /** The time of the first attempt: the "in N secs" of a failed login counts from it. */
  firstAttemptAt?: number;
  /** Why the last attempt failed, when Dovecot names it in the disconnect line. */
  lastFail?: 'invalid-base64' | 'mech-invalid' | 'plaintext';
  /** The client cancelled an exchange with "*". */
  aborted = false;
  /** The client owes an answer to a SASL challenge / an auth verdict is pending. */
  waitingForClient = false;
  authenticating = false;

  constructor(
    readonly client: LoginClient,
    readonly startedAt: number,
  ) {}

  /** An authentication begins (it counts as an attempt whatever comes of it). */
  attempt(method: string | undefined, user: string | undefined, now: number): void {
    this.attempts++;
    if (method !== undefined) this.method = method;
    this.lastFail = undefined;
    this.firstAttemptAt ??= now;
    if (user !== undefined) this.user = user;
  }

  /** A plaintext login refused on a connection that is not secured counts as an attempt. */
  plaintextRefused(method: string | undefined, user: string | undefined, now: number): void {
    this.attempt(method, user, now);
    this.lastFail = 'plaintext';
  }

  /** "Login: user=<alice>, method=PLAIN, ..., mpid=N, secured, session=<...>" */
  loginLine(user: string, mpid: number): string {
    return loginLogText('Login', { ...this.fields(), user, method: this.method, mpid });
  }

  /** "Disconnected: REASON (no auth attempts in 0 secs): user=<>, ..." */
  disconnectLine(reason: string, now: number): string {
    const why = this.extraReason(now);
    return loginLogText(`Disconnected: ${reason} (${why})`, { ...this.fields(), user: this.user, method: this.attempts > 0 && this.method ? this.method : undefined });
  }

  /** client_get_extra_disconnect_reason(): what the parentheses say, in Dovecot's order of checks. */
  private extraReason(now: number): string {
    const secs = (since: number) => Math.floor((now - since) / 1000);
    if (this.attempts === 0) return `no auth attempts in ${secs(this.startedAt)} secs`;
    const authSecs = secs(this.firstAttemptAt ?? now);
    if (this.waitingForClient && this.attempts === 1) return `client didn't finish SASL auth, waited ${authSecs} secs`;
    if (this.authenticating && this.attempts === 1) return `disconnected while authenticating, waited ${authSecs} secs`;
    if (this.aborted && this.attempts === 1) return 'aborted authentication';
    if (this.lastFail === 'invalid-base64') return 'sent invalid base64 in response';
    if (this.lastFail === 'mech-invalid') return 'tried to use unsupported auth mechanism';
    if (this.lastFail === 'plaintext') return 'tried to use disallowed plaintext auth';
    return `auth failed, ${this.attempts} attempts in ${authSecs} secs`;
  }

  private fields() {
    const { rip, lip, secured, session } = this.client;
    return { rip, lip, secured, session };
  }
}
