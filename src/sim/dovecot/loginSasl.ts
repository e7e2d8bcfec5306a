/**
 * A login process's side of SASL (login-common/client-common-auth.c): it counts the attempt,
 * refuses a mechanism the auth service does not offer, passes "*" as an abort, and tells the
 * protocol code what to answer. The verdicts themselves come from the auth service.
 */
import { decodeBase64Dovecot } from '../sasl/base64';
import type { SaslServer, SaslStep } from '../sasl/types';
import type { LoginState } from './loginState';

export type LoginAuthOutcome =
  | { kind: 'challenge'; data: string; delayMs: number }
  | { kind: 'success'; user: string; delayMs: number; step: SaslStep }
  | {
      kind: 'failure';
      reason: 'bad-credentials' | 'malformed' | 'cancelled' | 'unsupported';
      /** The auth service's reason, shown to the client ("Invalid base64 data in initial response"). */
      message?: string;
      /** The login process refused the response itself, before the auth service saw it. */
      byLogin?: boolean;
      delayMs: number;
      step?: SaslStep;
    };

export class LoginAuthentication {
  private exchange?: ReturnType<SaslServer['begin']>;

  constructor(
    private readonly sasl: SaslServer,
    private readonly login: LoginState,
    private readonly service: string,
    private readonly now: () => number,
  ) {}

  /** True while the client owes an answer to a challenge. */
  get waitingForClient(): boolean {
    return this.exchange !== undefined;
  }

  begin(mechanism: string, initial: string | undefined, user?: string): LoginAuthOutcome {
    const name = mechanism.toUpperCase();
    this.login.attempt(name, user, this.now());
    const exchange = this.sasl.begin(name, { address: this.login.client.rip, service: this.service });
    if (!exchange) {
      this.login.lastFail = 'mech-invalid';
      return { kind: 'failure', reason: 'unsupported', delayMs: 0 };
    }
    this.exchange = exchange;
    return this.outcome(exchange.start(initial));
  }

  respond(line: string): LoginAuthOutcome {
    const exchange = this.exchange;
    if (!exchange) return { kind: 'failure', reason: 'malformed', delayMs: 0 };
    // Neither an abort nor a response the login process cannot decode reaches the auth
    // service, so Dovecot still counts the client as "didn't finish SASL auth".
    if (line === '*') {
      this.exchange = undefined;
      this.login.aborted = true;
      return { kind: 'failure', reason: 'cancelled', delayMs: 0 };
    }
    if (!decodeBase64Dovecot(line).ok) {
      this.exchange = undefined;
      this.login.lastFail = 'invalid-base64';
      return { kind: 'failure', reason: 'malformed', message: 'Invalid base64 in response', byLogin: true, delayMs: 0 };
    }
    this.login.waitingForClient = false;
    return this.outcome(exchange.next(line));
  }

  private outcome(step: SaslStep): LoginAuthOutcome {
    const delayMs = step.delayMs ?? 0;
    if (step.kind === 'challenge') {
      this.login.waitingForClient = true;
      return { kind: 'challenge', data: step.data, delayMs };
    }
    this.exchange = undefined;
    if (step.kind === 'success') return { kind: 'success', user: step.user, delayMs, step };
    if (step.user !== undefined) this.login.user = step.user;
    if (step.reason === 'malformed') this.login.lastFail = 'invalid-base64';
    else if (step.reason === 'bad-credentials') this.login.failedAttempts++;
    return { kind: 'failure', reason: step.reason, ...(step.message ? { message: step.message } : {}), delayMs, step };
  }
}
