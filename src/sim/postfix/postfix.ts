/**
 * One host's Postfix: the configuration, the lookup tables, the queues and the daemons wired
 * together — smtpd on port 25, cleanup, qmgr, local, smtp, bounce — plus the start-up checks
 * that make a bad main.cf fail the way the real one fails.
 */
import type { Listener } from '../core/network';
import type { HostContext } from '../host/hostContext';
import type { NameService } from '../host/nameService';
import type { SaslServer } from '../sasl/types';
import type { SqlTable } from '../scenario/schema';
import { BounceDaemon } from './bounce/bounceDaemon';
import { buildFromCcargs, type PostfixBuild } from './build';
import { Cleanup, type CleanupInput } from './cleanup';
import { ConfigError, PostfixConfig } from './config';
import { hostInterfaces, inetInterfacesAreLiteral, listenAddresses, parseInetProtocols } from './interfaces';
import { LocalAgent } from './local/localAgent';
import { parseAliases } from './maps/aliasesFile';
import { openTables, type TableContext } from './maps/lookupTable';
import { sqlMap } from './maps/sqlMap';
import { expandVirtualAlias } from './virtualAlias';
import { PseudoAgent } from './errorAgent';
import { VirtualAgent } from './virtual/virtualAgent';
import { parseTableSource } from './maps/tableSource';
import { Master } from './master';
import { DEBIAN_MASTER_CF, inetEndpoint, parseMasterCf, type MasterService } from './masterCf';
import { Mynetworks } from './mynetworks';
import { QueueManager, type DeliveryAgent } from './queue/qmgr';
import { QueueStore } from './queue/queueStore';
import { recipientStatus } from './recipientCheck';
import { checkRecipient, relayGuardProblem, type CheckEnv, type Decision } from './restrictions';
import { SmtpdListener } from './smtpd/listener';
import { TrivialRewrite } from './trivialRewrite';
import type { DnsAnswer } from './dnsLists';
import { Anvil } from './anvil';

/** The program a master.cf service runs, for the services whose name differs from it. */
const DAEMON_OF: Record<string, string> = { rewrite: 'trivial-rewrite', relay: 'relay/smtp' };

export interface PostfixSetup {
  mainCf: string;
  /** master.cf text (Debian's default when left out). */
  masterCf?: string;
  ccargs?: string;
  names: NameService;
  /** Builds the SASL server smtpd uses under `config` (a master.cf service's), when SASL is on. */
  sasl?: (postfix: PostfixInstance, config: PostfixConfig) => SaslServer | undefined;
  /** DNS check for reject_unknown_*_domain: does the domain have MX or address records? */
  domainExists?: (domain: string) => 'yes' | 'no' | 'nxdomain' | 'tempfail';
  /** A DNS question smtpd's restrictions ask (DNS lists, MX/NS/A access checks). */
  dnsQuery?: (name: string, type: 'A' | 'TXT' | 'MX' | 'NS') => DnsAnswer;
  /** Delivery agents other than local (smtp, relay, virtual), added by their modules. */
  agents?: (postfix: PostfixInstance) => Record<string, DeliveryAgent>;
  /** How mysql:/pgsql:/sqlite: tables are answered (default: over `sql`). */
  sqlTable?: TableContext['sqlTable'];
  /** The scenario's SQL tables: the MySQL server that mysql: maps query. */
  sql?: Record<string, SqlTable>;
}

export class PostfixInstance {
  readonly build: PostfixBuild;
  config: PostfixConfig;
  readonly master: Master;
  /** Client rate counts (smtpd_client_message_rate_limit, smtpd_client_recipient_rate_limit). */
  readonly anvil: Anvil;
  readonly queue: QueueStore;
  tables!: TableContext;
  rewrite!: TrivialRewrite;
  mynetworks!: Mynetworks;
  cleanup!: Cleanup;
  qmgr?: QueueManager;
  local?: LocalAgent;
  bounceDaemon!: BounceDaemon;
  /** Why the mail system is not running, as its fatal log line says. */
  fatal?: string;
  /** A daemon-level fatal error (smtpd dies at start-up with it). */
  smtpdFatal?: string;
  running = false;
  /** The services of master.cf. */
  services: MasterService[] = [];
  private agents: Record<string, DeliveryAgent> = {};
  private listenerCache?: { config: PostfixConfig; services: MasterService[]; listeners: Listener[] };
  /** The SASL server of each smtpd service, made at its first connection (until main.cf changes). */
  private saslServers = new Map<string, SaslServer | undefined>();
  private warned = new Set<string>();

  constructor(
    readonly host: HostContext,
    private readonly setupInfo: PostfixSetup,
  ) {
    this.build = buildFromCcargs(setupInfo.ccargs);
    this.services = parseMasterCf(setupInfo.masterCf ?? DEBIAN_MASTER_CF).services;
    this.config = this.makeConfig(setupInfo.mainCf);
    this.master = new Master(() => host.newPid(), () => host.scheduler.now);
    this.anvil = new Anvil(() => host.scheduler.now);
    // Each daemon process parses main.cf when it starts and logs what it finds wrong.
    this.master.onSpawn = (service, pid) => {
      for (const p of this.config.problems) if (p.level === 'warning') host.log.write(`postfix/${DAEMON_OF[service] ?? service}`, pid, `warning: ${p.text}`);
    };
    this.queue = new QueueStore(host.name, host.trace);
    this.wire();
  }

  private makeConfig(text: string): PostfixConfig {
    const names = [...new Set(this.services.map((s) => s.name))];
    return new PostfixConfig(text, { hostname: this.host.name, interfaces: hostInterfaces(this.host.interfaces.map((i) => `${i.address}/${i.prefix}`)) }, names);
  }

  /** The configuration a master.cf service of this type runs with (main.cf plus its -o overrides). */
  serviceConfig(name: string, type = 'unix'): PostfixConfig {
    const service = this.services.find((s) => s.name === name && s.type === type);
    return this.config.forService(name, service?.overrides ?? []);
  }

  /** (Re)builds everything that depends on main.cf. */
  private wire(): void {
    const host = this.host;
    this.tables = {
      fs: host.fs,
      accounts: host.accounts,
      supportedTypes: new Set(this.build.mapTypes),
      warn: (text) => this.warnOnce(text),
      sqlTable: this.setupInfo.sqlTable ?? ((type, name) => sqlMap(type, name, { fs: host.fs, tables: this.setupInfo.sql ?? {}, emit: (e) => host.trace.emit(e), hostName: host.name, by: 'postfix' })),
    };
    this.rewrite = new TrivialRewrite(this.config, this.tables, this.listenAddresses(), (text) => host.log.write('postfix/trivial-rewrite', this.master.singleton('trivial-rewrite'), `warning: ${text}`));
    this.mynetworks = new Mynetworks(this.config, this.tables);
    this.cleanup = new Cleanup(host, this.config, this.rewrite, this.queue, this.master, () => this.qmgr?.notify(), (a) => this.virtualAliases(a), this.tables);
    this.bounceDaemon = new BounceDaemon(host, this.config, this.cleanup, this.master);
    this.saslServers.clear();
  }

  /** cleanup's virtual_alias_maps expansion of one canonical recipient. */
  private virtualAliases(address: string): string[] {
    const value = this.config.get('virtual_alias_maps');
    if (!value.trim()) return [address];
    const tables = openTables(value, this.tablesFor('postfix/cleanup', this.master.singleton('cleanup')));
    const own = new Set([this.config.get('myorigin'), ...this.listenAddresses().map((a) => `[${a}]`)].map((d) => d.toLowerCase()));
    const r = expandVirtualAlias(address, {
      tables,
      isOwnDomain: (d) => own.has(d.toLowerCase()) || this.rewrite.isLocalDomain(d) === true,
      canonical: (a) => this.rewrite.rewrite(a),
      recursionLimit: Number(this.config.get('virtual_alias_recursion_limit')) || 1000,
      expansionLimit: Number(this.config.get('virtual_alias_expansion_limit')) || 1000,
    });
    return 'addresses' in r ? r.addresses : [address];
  }

  names(): NameService {
    return this.setupInfo.names;
  }

  get domainExists(): PostfixSetup['domainExists'] {
    return this.setupInfo.domainExists;
  }

  get dnsQuery(): PostfixSetup['dnsQuery'] {
    return this.setupInfo.dnsQuery;
  }

  private warnOnce(text: string, program = 'postfix/trivial-rewrite', pid = this.master.singleton('trivial-rewrite')): void {
    const key = `${program}[${pid}] ${text}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.host.log.write(program, pid, `warning: ${text}`);
  }

  /** The lookup tables as one daemon process opens them: its warnings carry its name and pid. */
  tablesFor(program: string, pid: number): TableContext {
    return { ...this.tables, warn: (text) => this.warnOnce(text, program, pid) };
  }

  /**
   * The SASL server an smtpd service talks to, with the service's configuration (main.cf plus
   * its master.cf -o overrides: smtpd_sasl_auth_enable=yes on submission only), when SASL is on.
   */
  saslServerFor(service: string, config: PostfixConfig): SaslServer | undefined {
    if (this.saslServers.has(service)) return this.saslServers.get(service);
    let server: SaslServer | undefined;
    if (safeBool(config, 'smtpd_sasl_auth_enable') && this.build.saslServerTypes.length > 0) server = this.setupInfo.sasl?.(this, config);
    this.saslServers.set(service, server);
    return server;
  }

  /** The addresses smtpd listens on (inet_interfaces), or [] when that setting is broken. */
  listenAddresses(): string[] {
    const protocols = parseInetProtocols(this.config.get('inet_protocols'));
    if ('fatal' in protocols) return [];
    const r = listenAddresses(this.config.get('inet_interfaces'), this.host.interfaces, protocols, (n) => this.setupInfo.names.addresses(n));
    return Array.isArray(r) ? r : [];
  }

  /** "postfix start": checks main.cf as the postfix command does, then starts the daemons. */
  start(): boolean {
    this.fatal = this.startupProblem();
    if (this.fatal) {
      this.host.log.write('postfix', this.host.newPid(), `fatal: ${this.fatal}`);
      this.running = false;
      return false;
    }
    this.smtpdFatal = this.smtpdProblem();
    this.qmgr = new QueueManager(this.host, this.config, this.queue, this.rewrite, (t) => this.agentFor(t), this.bounceDaemon, this.master.singleton('qmgr'));
    this.local = new LocalAgent({
      host: this.host,
      config: this.config,
      tables: (pid) => this.tablesFor('postfix/local', pid),
      rewrite: this.rewrite,
      master: this.master,
      forward: (input) => this.submit(input),
      passTarget: (transport) => {
        const agent = this.agents[transport];
        return agent instanceof PseudoAgent ? agent : undefined;
      },
    });
    this.agents = {
      ...this.pseudoAgents(),
      virtual: new VirtualAgent({ host: this.host, config: this.config, master: this.master, tables: (pid) => this.tablesFor('postfix/virtual', pid) }),
      ...(this.setupInfo.agents?.(this) ?? {}),
    };
    this.running = true;
    // Files left in the queue (a restart) are picked up again.
    if (this.queue.size > 0) {
      for (const f of this.queue.inQueue('active')) this.queue.move(f, 'incoming');
      this.qmgr.notify();
    }
    return true;
  }

  stop(): void {
    this.qmgr?.stop();
    this.local?.stop();
    this.qmgr = undefined;
    this.local = undefined;
    this.running = false;
  }

  /** postfix reload / restart with a new main.cf. */
  reconfigure(mainCf: string): boolean {
    const wasRunning = this.running;
    this.stop();
    this.config = this.makeConfig(mainCf);
    this.wire();
    return wasRunning ? this.start() : true;
  }

  /** master.cf services run by the error and discard programs (error, retry, discard in Debian's file). */
  private pseudoAgents(): Record<string, DeliveryAgent> {
    const out: Record<string, DeliveryAgent> = {};
    for (const s of this.services) {
      if (s.type !== 'unix' || (s.command !== 'error' && s.command !== 'discard')) continue;
      const kind = s.command === 'discard' ? 'discard' : s.name === 'retry' ? 'retry' : 'error';
      out[s.name] = new PseudoAgent(this.host, this.master, kind, s.name);
    }
    return out;
  }

  private agentFor(transport: string): DeliveryAgent | undefined {
    if (transport === 'local') return this.local;
    return this.agents[transport];
  }

  /** Problems the postfix command itself refuses to start with. */
  private startupProblem(): string | undefined {
    const parseFatal = this.config.fatalProblem;
    if (parseFatal) return parseFatal.text;
    const protocols = parseInetProtocols(this.config.get('inet_protocols'));
    if ('fatal' in protocols) return protocols.fatal;
    const listen = listenAddresses(this.config.get('inet_interfaces'), this.host.interfaces, protocols, (n) => this.setupInfo.names.addresses(n));
    if (!Array.isArray(listen)) return listen.fatal;
    return undefined;
  }

  /** Problems smtpd dies of when it starts for a client. */
  private smtpdProblem(): string | undefined {
    try {
      for (const name of ['message_size_limit', 'smtpd_recipient_limit', 'smtpd_soft_error_limit', 'smtpd_hard_error_limit', 'unknown_local_recipient_reject_code']) this.config.int(name);
      for (const name of ['disable_vrfy_command', 'smtpd_helo_required', 'smtpd_delay_reject', 'smtpd_sasl_auth_enable', 'broken_sasl_auth_clients', 'strict_rfc821_envelopes', 'smtputf8_enable', 'append_dot_mydomain', 'append_at_myorigin', 'smtpd_reject_unlisted_recipient', 'smtpd_relay_before_recipient_restrictions']) this.config.bool(name);
      this.config.seconds('smtpd_timeout');
      this.config.seconds('smtpd_error_sleep_time');
    } catch (e) {
      if (e instanceof ConfigError) return e.postfixText;
      throw e;
    }
    if (this.mynetworks.problems.length > 0) return this.mynetworks.problems[0];
    return relayGuardProblem(this.config);
  }

  /** The TCP services this Postfix offers: master.cf's inet services run by smtpd. */
  listeners(): Listener[] {
    if (!this.running) return [];
    // The network asks on every connection: keep the listeners (and the per-service
    // configurations they build) until main.cf or master.cf changes. Names in inet_interfaces
    // are looked up anew each time, as before.
    const cached = this.listenerCache;
    if (cached && cached.config === this.config && cached.services === this.services) return cached.listeners;
    const out: Listener[] = [];
    for (const s of this.services) {
      if (s.type !== 'inet' || s.command !== 'smtpd') continue;
      const endpoint = inetEndpoint(s.name);
      if (!endpoint) continue;
      out.push(new SmtpdListener(this, s, endpoint.port, endpoint.address));
    }
    this.listenerCache = inetInterfacesAreLiteral(this.config.get('inet_interfaces')) ? { config: this.config, services: this.services, listeners: out } : undefined;
    return out;
  }

  /** Re-reads master.cf (postfix reload after editing it). */
  setMasterCf(text: string): void {
    this.services = parseMasterCf(text).services;
    this.saslServers.clear();
  }

  /**
   * What smtpd (port 25) would decide, right now, for a client at `address` sending to
   * `recipient` — without a connection and without a trace (lesson checks ask this).
   */
  probeRecipient(address: string, recipient: string): Decision[] {
    const smtp = this.services.find((s) => s.name === 'smtp' && s.type === 'inet');
    const config = smtp ? this.config.forService('smtp', smtp.overrides) : this.config;
    const env: CheckEnv = { config, rewrite: this.rewrite, mynetworks: new Mynetworks(config, this.tables), tables: this.tables, info: () => undefined };
    const client = { name: 'unknown', address, namaddr: `unknown[${address}]` };
    const decisions = checkRecipient({ client, helo: 'probe', sender: 'probe@example.org', recipient }, env);
    if (decisions.some((d) => d.verdict === 'reject' || d.verdict === 'defer') || !config.bool('smtpd_reject_unlisted_recipient')) return decisions;
    const known = recipientStatus(recipient, this.rewrite.rewrite(recipient), config, this.rewrite, this.tables);
    if (known.status === 'known') return decisions;
    return [...decisions, { verdict: known.status === 'unknown' ? 'reject' : 'defer', list: 'smtpd_reject_unlisted_recipient', restriction: 'reject_unlisted_recipient', reply: known.reply }];
  }

  /**
   * Queues a message from inside the host (local forward, sendmail); returns its queue id.
   * A builder gets the new queue id first, for text that names it (local's Received: header).
   */
  submit(input: CleanupInput | ((queueId: string) => CleanupInput)): string {
    const handle = this.cleanup.open();
    return this.cleanup.finish(handle, typeof input === 'function' ? input(handle.queueId) : input).queueId;
  }

  /** newaliases: rebuilds /etc/aliases.db from /etc/aliases; returns postalias's warnings. */
  newaliases(): string[] {
    const path = this.config.get('alias_database').replace(/^\w+:/, '') || '/etc/aliases';
    const text = this.host.fs.read(path) ?? '';
    const parsed = parseAliases(text, path);
    this.host.fs.setDb(path, parsed.entries);
    return parsed.warnings;
  }

  /** postmap FILE: builds FILE.db from FILE; returns postmap's warnings, or an error. */
  postmap(path: string): { warnings: string[]; error?: string } {
    const text = this.host.fs.read(path);
    if (text === undefined) return { warnings: [], error: `open ${path}: No such file or directory` };
    const parsed = parseTableSource(text, path);
    this.host.fs.setDb(path, parsed.entries);
    return { warnings: parsed.warnings };
  }
}

function safeBool(config: PostfixConfig, name: string): boolean {
  try {
    return config.bool(name);
  } catch {
    return false;
  }
}
