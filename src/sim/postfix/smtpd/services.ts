/**
 * What an smtpd session may ask of its Postfix: configuration, replies on the connection, the
 * maillog, the access checks, and the cleanup service that turns an accepted message into a
 * queue file. The command handlers see only this.
 */
import type { SaslServer } from '../../sasl/types';
import type { PostfixConfig } from '../config';
import type { CheckEnv, Decision } from '../restrictions';
import type { TrivialRewrite } from '../trivialRewrite';
import type { SmtpdSessionState } from './sessionState';

export type RecipientStatus = { status: 'known' } | { status: 'unknown'; reply: string } | { status: 'tempfail'; reply: string };

export interface SmtpdServices {
  readonly config: PostfixConfig;
  readonly rewrite: TrivialRewrite;
  readonly checkEnv: CheckEnv;
  /** SASL, when smtpd_sasl_auth_enable = yes and the build has it. */
  readonly sasl?: SaslServer;
  /** STARTTLS can be offered: a TLS build, a security level of may or encrypt, a certificate. */
  readonly tlsAvailable: boolean;
  /** STARTTLS is offered (a TLS level is configured), even when no certificate makes it work. */
  readonly tlsOffered: boolean;
  /** smtpd_tls_security_level = encrypt: nothing but HELO/EHLO/STARTTLS/NOOP/QUIT before TLS. */
  readonly tlsRequired: boolean;
  /** Sends one reply (one or more lines) to the client, after `delayMs` of waiting (e.g. for the auth server). */
  reply(state: SmtpdSessionState, lines: string | string[], delayMs?: number): void;
  /** Writes "postfix/smtpd[pid]: text" to the maillog. */
  log(text: string, queueId?: string): void;
  /** reject_unlisted_recipient: is the (canonical) address a known recipient? */
  recipientStatus(state: SmtpdSessionState, original: string, canonical: string): RecipientStatus;
  /** Records a restriction decision in the trace. */
  decision(state: SmtpdSessionState, d: Decision, stage: string, subject: string): void;
  /** anvil's answer for one MAIL or RCPT: the refusal when the client is over its rate, else undefined. */
  rateLimited(state: SmtpdSessionState, event: 'mail' | 'rcpt'): string | undefined;
  /** Opens a queue file in incoming at the first accepted recipient; returns its id. */
  openQueueFile(state: SmtpdSessionState): string;
  /** Hands the message to cleanup; returns an error reply when cleanup refuses it. */
  finishMessage(state: SmtpdSessionState): { ok: true } | { ok: false; reply: string };
  /**
   * Removes the queue file of an abandoned transaction (RSET, QUIT, lost connection, too big);
   * cleanup notes what it already read of a message, with its warning if it has one.
   */
  abortQueueFile(state: SmtpdSessionState, cleanupWarning?: string): void;
  /** The session ends after this reply. */
  hangup(state: SmtpdSessionState): void;
}
