/**
 * The smtpd service of master.cf: accepts connections on port 25 (or 587/465), starts an smtpd
 * process for each, and gives the session what it needs from this Postfix. When smtpd cannot
 * start (a fatal configuration error) the connection is accepted and then left silent, as the
 * real master leaves it while it throttles the broken service.
 */
import type { Connection, Listener, Peer } from '../../core/network';
import { formatIp, parseIp } from '../../core/ip';
import { clientInList } from '../clientList';
import { syslogStamp } from '../../core/time';
import { withSecurityOptions } from '../../sasl/securityOptions';
import type { SaslServer } from '../../sasl/types';
import type { CleanupInput } from '../cleanup';
import type { PostfixConfig } from '../config';
import type { MasterService } from '../masterCf';
import { Mynetworks } from '../mynetworks';
import type { PostfixInstance } from '../postfix';
import { recipientStatus, type RecipientStatus } from '../recipientCheck';
import { evaluateList, type CheckEnv } from '../restrictions';
import { softenReply } from '../softBounce';
import { milterFailureReply, unreachableMilters } from './milters';
import { receivedHeader } from './received';
import type { SmtpdServices } from './services';
import { SmtpdSession, type SmtpdActor, type SmtpdSessionHost } from './session';
import { logProtocol, protocolName, type SmtpdSessionState } from './sessionState';
import { addReplyFooter } from './replyFooter';
import { smtpdExpand } from './smtpdExpand';

const SILENT: Peer = { onData() {}, onClose() {} };

export class SmtpdListener implements Listener {
  readonly addresses: string[];
  readonly service = 'smtpd';
  /** main.cf plus this master.cf service's -o overrides. */
  private readonly config: PostfixConfig;
  private readonly mynetworks: Mynetworks;
  /** "postfix/smtpd", or "postfix/submission/smtpd" with -o syslog_name=postfix/submission. */
  private readonly program: string;
  /** What every session of this service shares (made at the first connection: it reads the configuration). */
  private shared?: SmtpdSessionHost;
  /** SASL activation for plain and TLS sessions; null until first asked. */
  private readonly saslActivations: ({ server: SaslServer } | { fatal: string } | undefined | null)[] = [null, null];

  constructor(
    private readonly postfix: PostfixInstance,
    private readonly masterService: MasterService,
    readonly port: number,
    bindAddress?: string,
  ) {
    this.config = postfix.config.forService(masterService.name, masterService.overrides);
    this.mynetworks = masterService.overrides.some(([k]) => k === 'mynetworks' || k === 'mynetworks_style') ? new Mynetworks(this.config, postfix.tables) : postfix.mynetworks;
    this.program = `${this.config.get('syslog_name')}/smtpd`;
    this.addresses = bindAddress ? [bindAddress] : postfix.listenAddresses();
  }

  accept(conn: Connection): Peer {
    const pf = this.postfix;
    const host = pf.host;
    const pid = pf.master.acquire('smtpd');
    if (pf.smtpdFatal) {
      host.log.write(this.program, pid, `fatal: ${pf.smtpdFatal}`);
      this.processDied(pid);
      return SILENT;
    }
    // A new smtpd process finds no certificate when it sets up TLS (a reused one said so already).
    if (this.configuredTlsLevel() !== 'none' && !this.hasServerCert() && pf.master.kept('smtpd', pid) === undefined) {
      host.log.write(this.program, pid, "warning: No server certs available. TLS won't be enabled");
    }
    const address = conn.client.address;
    const name = pf.names().verifiedName(address);
    this.shared ??= this.sessionHost();
    const session = new SmtpdSession(conn, pid, { name, address, port: conn.client.port, namaddr: `${name}[${address}]` }, this.shared);
    session.start();
    return session;
  }

  /** An smtpd process exited with status 1: the master notes it and throttles the service. */
  private processDied(pid: number): void {
    const pf = this.postfix;
    pf.host.log.write('postfix/master', pf.master.pid, `warning: process /usr/lib/postfix/sbin/smtpd pid ${pid} exit status 1`);
    pf.host.log.write('postfix/master', pf.master.pid, 'warning: /usr/lib/postfix/sbin/smtpd: bad command startup -- throttling');
    pf.master.exited('smtpd', pid);
  }

  /**
   * smtpd_sasl_activate() for a plain or an encrypted session of this service: the service's SASL
   * server, offering what smtpd_sasl_security_options (smtpd_sasl_tls_security_options under
   * TLS) allow — or the fatal error when they allow nothing.
   */
  private saslActivation(tls: boolean): { server: SaslServer } | { fatal: string } | undefined {
    const cached = this.saslActivations[tls ? 1 : 0];
    if (cached !== null) return cached;
    const cfg = this.config;
    let activation: { server: SaslServer } | { fatal: string } | undefined;
    // smtpd_tls_auth_only (which an enforced TLS level implies) leaves SASL off until the handshake.
    const waitsForTls = !tls && (cfg.bool('smtpd_tls_auth_only') || this.tlsLevel() === 'encrypt');
    const server = waitsForTls ? undefined : this.postfix.saslServerFor(this.masterService.name, cfg);
    if (server) {
      const offered = withSecurityOptions(server, cfg.get(tls ? 'smtpd_sasl_tls_security_options' : 'smtpd_sasl_security_options'));
      activation = offered ? { server: offered } : { fatal: 'no SASL authentication mechanisms' };
    }
    this.saslActivations[tls ? 1 : 0] = activation;
    return activation;
  }

  /** smtpd_reject_footer under a 4xx/5xx reply, with the session's $names expanded. */
  private rejectFooter(lines: string[], state: SmtpdSessionState, warn: (text: string) => void): string[] {
    const cfg = this.config;
    const template = cfg.raw('smtpd_reject_footer') ?? '';
    if (template === '' || !/^[45]/.test(lines[0] ?? '')) return lines;
    const host = this.postfix.host;
    const ctx = {
      state,
      serverName: cfg.get('myhostname'),
      filter: cfg.raw('smtpd_expansion_filter') ?? '',
      // "%b %d %H:%M:%S": the syslog stamp with the day of the month zero-padded.
      localtime: () => syslogStamp(host.epochNow(), host.zone).replace(/^(\w{3}) {2}(\d) /, '$1 0$2 '),
      warn,
    };
    return addReplyFooter(lines, template, (part) => smtpdExpand(part, ctx));
  }

  private sessionHost(): SmtpdSessionHost {
    const pf = this.postfix;
    const cfg = this.config;
    const host = pf.host;
    return {
      services: (session) => this.services(session),
      log: (pid, text, queueId) => host.log.write(this.program, pid, text, queueId),
      stateChanged: (pid, _conn, state, event) => host.trace.emit({ kind: 'daemon', host: host.name, daemon: 'smtpd', instance: String(pid), state, event }),
      released: (pid) => pf.master.release('smtpd', pid),
      // A process serves up to max_use connections; its statechart goes with it.
      keptActor: (pid) => pf.master.kept('smtpd', pid) as SmtpdActor | undefined,
      keepActor: (pid, actor) => pf.master.keep('smtpd', pid, actor),
      schedule: (delay, task) => host.scheduler.after(delay, task, true),
      banner: cfg.get('smtpd_banner'),
      lineLimit: cfg.int('line_length_limit'),
      timeoutMs: cfg.seconds('smtpd_timeout') * 1000,
      softErrorLimit: cfg.int('smtpd_soft_error_limit'),
      hardErrorLimit: cfg.int('smtpd_hard_error_limit'),
      junkCommandLimit: cfg.int('smtpd_junk_command_limit'),
      errorSleepMs: cfg.seconds('smtpd_error_sleep_time') * 1000,
      myhostname: cfg.get('myhostname'),
      sasl: (tls) => this.saslActivation(tls),
      died: (pid) => this.processDied(pid),
      rejectFooter: (lines, state, warn) => this.rejectFooter(lines, state, warn),
      wrapperMode: this.tlsLevel() !== 'none' && cfg.bool('smtpd_tls_wrappermode'),
      // The anvil exception list (smtpd_client_event_limit_exceptions, $mynetworks by default) is
      // matched at connect time, and with it the legacy mynetworks notice.
      connectRefusal: (client) => {
        if (cfg.bool('smtpd_delay_reject')) return undefined;
        const d = evaluateList('client', { client }, this.checkEnv());
        return d.verdict === 'reject' || d.verdict === 'defer' ? d.reply : undefined;
      },
      connectNotices: (client) => {
        const milters = unreachableMilters(cfg);
        if (!/\$\{?mynetworks|smtpd_client_connection_limit_exceptions/.test(cfg.raw('smtpd_client_event_limit_exceptions') ?? '')) return milters;
        const m = this.mynetworks.matches(client.address, client.namaddr);
        return m.legacyNotice ? [m.legacyNotice, ...milters] : milters;
      },
      milterReply: milterFailureReply(cfg),
    };
  }

  private checkEnv(): CheckEnv {
    const pf = this.postfix;
    return {
      config: this.config,
      rewrite: pf.rewrite,
      mynetworks: this.mynetworks,
      tables: pf.tables,
      info: () => undefined,
      domainExists: pf.domainExists ? (d) => pf.domainExists!(d) : undefined,
      interfaceAddresses: () => pf.listenAddresses(),
      dns: pf.dnsQuery ? (name, type) => pf.dnsQuery!(name, type) : undefined,
    };
  }

  private services(session: SmtpdSession): SmtpdServices {
    const pf = this.postfix;
    const host = pf.host;
    const log = (text: string, queueId?: string) => host.log.write(this.program, session.pid, text, queueId);
    const tables = pf.tablesFor(this.program, session.pid);
    const checkEnv: CheckEnv = { ...this.checkEnv(), tables, info: (text) => log(text) };
    let cleanup: ReturnType<typeof pf.cleanup.open> | undefined;
    const tlsLevel = this.tlsLevel();
    return {
      config: this.config,
      rewrite: pf.rewrite,
      checkEnv,
      tlsAvailable: tlsLevel !== 'none',
      tlsOffered: this.configuredTlsLevel() !== 'none',
      tlsRequired: this.configuredTlsLevel() === 'encrypt',
      get sasl() {
        return session.saslServer;
      },
      reply: (_state, lines, delayMs) => session.reply(lines, delayMs),
      log,
      recipientStatus: (_state, original, canonical) => softenStatus(recipientStatus(original, canonical, this.config, pf.rewrite, tables), this.config),
      decision: (state, d, stage, subject) =>
        host.trace.emit({
          kind: 'decision',
          host: host.name,
          stage,
          list: d.list,
          restriction: d.restriction,
          verdict: d.verdict,
          ...(d.reply ? { reply: d.reply } : {}),
          client: state.client.namaddr,
          subject,
          conn: session.conn.id,
          ...(d.reason ? { explain: { key: `restriction.${d.restriction.split(' ')[0]}`, args: { reason: d.reason } } } : {}),
        }),
      openQueueFile: (state) => {
        cleanup = pf.cleanup.open();
        const sasl = state.saslUser !== undefined ? `, sasl_method=${state.saslMethod}, sasl_username=${state.saslUser}` : '';
        log(`${cleanup.queueId}: client=${state.client.namaddr}${sasl}`, cleanup.queueId);
        return cleanup.queueId;
      },
      finishMessage: (state) => {
        if (!cleanup || !state.data || state.queueId === undefined) return { ok: false, reply: '451 4.3.0 Error: queue file write error' };
        const handle = cleanup;
        cleanup = undefined;
        const outcome = pf.cleanup.finish(handle, this.cleanupInput(state, handle.queueId, state.data.lines));
        if (outcome.kind === 'rejected') return { ok: false, reply: outcome.reply };
        return { ok: true };
      },
      abortQueueFile: (state, warning) => {
        if (cleanup) {
          const lines = state.data?.lines ?? (state.bdat ? state.bdat.text.split('\n') : undefined);
          if (lines) pf.cleanup.abandon(cleanup, this.cleanupInput(state, cleanup.queueId, lines), warning);
          else pf.cleanup.abort(cleanup);
        }
        cleanup = undefined;
      },
      hangup: () => session.hangup(),
      rateLimited: (state, event) => this.rateLimited(state, event, (text) => log(text)),
    };
  }

  /** smtpd_client_message_rate_limit / smtpd_client_recipient_rate_limit, counted by anvil. */
  private rateLimited(state: SmtpdSessionState, event: 'mail' | 'rcpt', log: (text: string) => void): string | undefined {
    const cfg = this.config;
    const limit = cfg.int(event === 'mail' ? 'smtpd_client_message_rate_limit' : 'smtpd_client_recipient_rate_limit');
    // smtpd_client_event_limit_exceptions ($mynetworks by default): clients no rate limit applies to.
    if (limit <= 0 || clientInList(cfg.list('smtpd_client_event_limit_exceptions'), state.client)) return undefined;
    const service = this.masterService.name;
    const n = this.postfix.anvil.count(event, service, state.client.address, cfg.seconds('anvil_rate_time_unit') * 1000);
    if (n <= limit) return undefined;
    const what = event === 'mail' ? 'Message delivery request' : 'Recipient address';
    log(`warning: ${what} rate limit exceeded: ${n} from ${state.client.namaddr} for service ${service}`);
    return event === 'mail' ? `450 4.7.1 Error: too much mail from ${state.client.address}` : `450 4.7.1 Error: too many recipients from ${state.client.address}`;
  }

  /** What smtpd hands cleanup: its Received: header on top of the message lines. */
  private cleanupInput(state: SmtpdSessionState, queueId: string, lines: string[]): CleanupInput {
    const host = this.postfix.host;
    const received = receivedHeader({
      helo: state.heloName,
      clientName: state.client.name,
      clientAddress: state.client.address,
      myhostname: this.config.get('myhostname'),
      protocol: protocolName(state),
      queueId,
      recipients: state.recipients.map((r) => r.original),
      date: host.epochNow(),
      zone: host.zone,
      authenticatedSender: state.saslUser !== undefined && this.config.bool('smtpd_sasl_authenticated_header') ? state.saslUser : undefined,
    });
    return {
      sender: state.sender ?? '',
      recipients: state.recipients.map((r) => ({ address: r.address, original: r.original, notify: r.notify })),
      // PREPEND headers from access tables go above smtpd's own Received:.
      text: `${state.messageActions.prepend.map((h) => `${h}\n`).join('')}${received}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`,
      actions: { hold: state.messageActions.hold, discard: state.messageActions.discard, redirect: state.messageActions.redirect },
      rewriteLocal: this.rewritesHeaders(state),
      origin: 'smtp',
      client: { name: state.client.name, address: state.client.address, helo: state.heloName, protocol: logProtocol(state), saslUser: state.saslUser, saslMethod: state.saslMethod },
      ret: state.mailParams.some((p) => p.toUpperCase() === 'RET=HDRS') ? 'HDRS' : state.mailParams.some((p) => p.toUpperCase() === 'RET=FULL') ? 'FULL' : undefined,
      envid: state.envid,
    };
  }

  /**
   * smtpd_tls_security_level (or the older smtpd_use_tls / smtpd_enforce_tls), in effect only
   * in a TLS build with a certificate configured.
   */
  private tlsLevel(): 'none' | 'may' | 'encrypt' {
    const level = this.configuredTlsLevel();
    return this.hasServerCert() ? level : 'none';
  }

  /**
   * The level as configured. Without a certificate TLS is not offered, but "encrypt" is still
   * enforced: every mail command gets "530 Must issue a STARTTLS command first".
   */
  private configuredTlsLevel(): 'none' | 'may' | 'encrypt' {
    const cfg = this.config;
    if (!this.postfix.build.tls) return 'none';
    let level = cfg.get('smtpd_tls_security_level');
    if (!level) level = cfg.get('smtpd_enforce_tls') === 'yes' ? 'encrypt' : cfg.get('smtpd_use_tls') === 'yes' ? 'may' : 'none';
    return level === 'may' || level === 'encrypt' ? level : 'none';
  }

  private hasServerCert(): boolean {
    const cfg = this.config;
    return Boolean(cfg.get('smtpd_tls_cert_file') || cfg.get('smtpd_tls_chain_files') || cfg.get('smtpd_tls_eccert_file'));
  }

  /** local_header_rewrite_clients: by default only clients on this host's own addresses. */
  private rewritesHeaders(state: SmtpdSessionState): boolean {
    const pf = this.postfix;
    const client = parseIp(state.client.address);
    if (!client) return false;
    for (const item of this.config.list('local_header_rewrite_clients')) {
      if (item === 'permit_inet_interfaces' && this.addresses.some((a) => formatIp(parseIp(a)!) === formatIp(client))) return true;
      if (item === 'permit_mynetworks' && this.mynetworks.matches(state.client.address, state.client.namaddr).match) return true;
      if (item === 'permit_sasl_authenticated' && state.saslUser !== undefined) return true;
      if (item === 'static:all') return true;
    }
    return false;
  }
}

/** soft_bounce turns an unknown-user refusal into a temporary one, like any other. */
function softenStatus(status: RecipientStatus, config: PostfixConfig): RecipientStatus {
  return status.status === 'known' ? status : { ...status, reply: softenReply(status.reply, config) };
}
