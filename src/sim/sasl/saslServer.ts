/**
 * createSaslServer: the mechanisms a server offers over one password back end, as Dovecot's
 * auth service or Cyrus SASL (inside Postfix's smtpd) runs them. Dovecot adds its failure delay
 * and per-address penalty to the steps; Cyrus answers at once.
 */
import type { Rng } from '../core/rng';
import { AUTH_FAILURE_DELAY_MS, AuthPenalty } from './authPenalty';
import { passwordMatches, plainSecret, type SaslBackend } from './backend';
import { decodeBase64Cyrus, decodeBase64Dovecot } from './base64';
import { CramMd5Exchange } from './cramMd5Mechanism';
import { LoginExchange } from './loginMechanism';
import type { MechanismEnv, SaslFlavor } from './mechanism';
import { PlainExchange } from './plainMechanism';
import type { SaslClientInfo, SaslExchange, SaslServer, SaslStep } from './types';

/** The mechanisms this simulator implements. */
export const KNOWN_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const;

export interface SaslServerOptions {
  type: SaslFlavor;
  /** Dovecot's auth_mechanisms or Cyrus' mech_list, in the order they are advertised. */
  mechanisms: readonly string[];
  backend: SaslBackend;
  rng: Rng;
  /** The host name in CRAM-MD5 challenges. */
  hostname: string;
  /** Epoch ms now, for the time in CRAM-MD5 challenges. */
  epochNow: () => number;
  /** Virtual ms now, for Dovecot's penalty bookkeeping. */
  now?: () => number;
  /** Dovecot's auth_username_format (default %Lu: user names are lower-cased). */
  usernameFormat?: string;
  /** Dovecot's per-address penalty, shared by every service using the same auth process. */
  penalty?: AuthPenalty;
}

export function createSaslServer(opts: SaslServerOptions): SaslServer {
  const offered = uniqueKnown(opts.mechanisms);
  const env = mechanismEnv(opts);
  const penalty = opts.penalty ?? new AuthPenalty();
  return {
    type: opts.type,
    mechanisms: () => [...offered],
    begin(mechanism: string, client?: SaslClientInfo): SaslExchange | undefined {
      const name = mechanism.toUpperCase();
      if (!offered.includes(name)) return undefined;
      const exchange = newExchange(name, env);
      if (opts.type !== 'dovecot') return exchange;
      return new DovecotTimedExchange(exchange, penalty, client?.address, opts.now ?? (() => 0));
    },
  };
}

/** Known mechanism names, upper-cased, first occurrence kept, in the configured order. */
function uniqueKnown(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const name = n.toUpperCase();
    if ((KNOWN_MECHANISMS as readonly string[]).includes(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

function newExchange(name: string, env: MechanismEnv): SaslExchange {
  if (name === 'PLAIN') return new PlainExchange(env);
  if (name === 'LOGIN') return new LoginExchange(env);
  return new CramMd5Exchange(env);
}

function mechanismEnv(opts: SaslServerOptions): MechanismEnv {
  const format = opts.usernameFormat ?? (opts.type === 'dovecot' ? '%Lu' : '%u');
  return {
    flavor: opts.type,
    decode: opts.type === 'dovecot' ? decodeBase64Dovecot : decodeBase64Cyrus,
    lookup: (user) => opts.backend.lookup(formatUsername(format, user)),
    matches: (lookup, password) => passwordMatches(lookup.stored, password),
    secret: (lookup) => (lookup.noSecret ? undefined : plainSecret(lookup.stored)),
    cramChallenge: () => cramChallenge(opts),
  };
}

/** Dovecot: "<16 random digits.unixtime@host>"; Cyrus: "<random u32.(unixtime mod 0xFFFFFF)@host>". */
function cramChallenge(opts: SaslServerOptions): string {
  const time = Math.floor(opts.epochNow() / 1000);
  if (opts.type === 'dovecot') {
    let digits = '';
    for (let i = 0; i < 16; i++) digits += String(opts.rng.next() % 10);
    return `<${digits}.${time}@${opts.hostname}>`;
  }
  return `<${opts.rng.next()}.${time % 0xffffff}@${opts.hostname}>`;
}

/** %u, %Lu (lower-cased), %n / %Ln (local part), %d / %Ld (domain), as Dovecot's variables. */
export function formatUsername(format: string, user: string): string {
  const at = user.lastIndexOf('@');
  const parts: Record<string, string> = { u: user, n: at >= 0 ? user.slice(0, at) : user, d: at >= 0 ? user.slice(at + 1) : '' };
  return format.replace(/%(L?)([und%])/g, (_, lower: string, k: string) => {
    if (k === '%') return '%';
    return lower ? parts[k].toLowerCase() : parts[k];
  });
}

/**
 * A Dovecot exchange with the auth server's timing: the penalty wait before the first answer,
 * auth_failure_delay before a failed verdict (not before a malformed request, which the auth
 * server refuses at once), and the penalty bookkeeping.
 */
class DovecotTimedExchange implements SaslExchange {
  private started = false;

  constructor(
    private readonly inner: SaslExchange,
    private readonly penalty: AuthPenalty,
    private readonly address: string | undefined,
    private readonly now: () => number,
  ) {}

  get mechanism(): string {
    return this.inner.mechanism;
  }

  start(initial?: string): SaslStep {
    this.started = true;
    const wait = this.penalty.delayMs(this.address, this.now());
    return this.time(this.inner.start(initial), wait);
  }

  next(response: string): SaslStep {
    if (!this.started) return this.start(response);
    return this.time(this.inner.next(response), 0);
  }

  private time(step: SaslStep, wait: number): SaslStep {
    if (step.kind === 'failure' && step.reason === 'bad-credentials') {
      const at = this.now() + wait;
      this.penalty.failed(this.address, at);
      return { ...step, delayMs: wait + AUTH_FAILURE_DELAY_MS };
    }
    if (step.kind === 'success') this.penalty.succeeded(this.address);
    return wait > 0 ? { ...step, delayMs: wait } : step;
  }
}
