/**
 * Everything one POP3 session remembers: the login bookkeeping before authentication, the
 * maildrop after it, and which phase of RFC 1939 it is in.
 */
import type { LoginAuthentication, LoginAuthOutcome } from '../loginSasl';
import type { LoginState } from '../loginState';
import type { Pop3Maildrop } from './pop3Maildrop';

export type Pop3Phase = 'authorization' | 'transaction' | 'update' | 'closed';

export interface Pop3SessionState {
  phase: Pop3Phase;
  login: LoginState;
  auth: LoginAuthentication;
  /** The name from USER, until PASS uses it. */
  lastUser?: string;
  /** An auth verdict the auth service has not delivered yet (failure delay, penalty). */
  pendingVerdict?: LoginAuthOutcome;
  /** Logged-in user and the pop3 process serving them. */
  user?: string;
  mpid?: number;
  drop?: Pop3Maildrop;
  /** Consecutive refused commands after login (20 are tolerated). */
  badCommands: number;
}
