/**
 * Everything one IMAP session remembers: the login bookkeeping before authentication, the
 * selected mailbox after it, and the counters the logout line reports.
 */
import type { LoginAuthentication, LoginAuthOutcome } from '../loginSasl';
import type { LoginState } from '../loginState';
import type { ImapStats } from './imapStats';
import type { SelectedMailbox } from './selectedMailbox';

export type ImapPhase = 'notAuthenticated' | 'authenticated' | 'selected' | 'logout';

export interface ImapSessionState {
  phase: ImapPhase;
  login: LoginState;
  auth: LoginAuthentication;
  /** The tag of the LOGIN or AUTHENTICATE in progress. */
  authTag?: string;
  /** An auth verdict the auth service has not delivered yet. */
  pendingVerdict?: LoginAuthOutcome;
  /** The client asked CAPABILITY before logging in: it gets them untagged at login. */
  capabilityAsked: boolean;
  user?: string;
  mpid?: number;
  selected?: SelectedMailbox;
  /** Consecutive BAD replies (3 before login, 20 after, end the connection). */
  badCommands: number;
  stats: ImapStats;
  /** The last command and when it finished (for "Connection closed (X finished N secs ago)"). */
  lastCommand?: { name: string; at: number };
  enabled: Set<string>;
  /** The tag of an IDLE waiting for DONE. */
  idleTag?: string;
}
