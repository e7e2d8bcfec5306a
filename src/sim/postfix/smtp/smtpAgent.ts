/**
 * Postfix's smtp delivery agent (also serving as "relay"): finds the destination's mail servers,
 * connects to them in order of preference, speaks SMTP through the client statechart, and logs
 * one status line per recipient: sent, deferred (try again later) or bounced.
 */
import { TIMING } from '../timing';
import { createSimActor } from '../../core/actors';
import type { HostContext } from '../../host/hostContext';
import { agentMachine } from '../agentMachine';
import type { BounceDaemon } from '../bounce/bounceDaemon';
import type { PostfixConfig } from '../config';
import { formatDelays } from '../logFormat';
import type { Master } from '../master';
import type { DeliveryAgent, DeliveryRequest, RecipientResult } from '../queue/qmgr';
import { smtpClientMachine } from './clientMachine';
import { parseNexthop } from './nexthop';
import { route, type Candidate, type RoutingEnv } from './routing';
import { SmtpTransaction } from './transaction';
import { softBounceResult } from '../softBounce';

export interface SmtpAgentDeps {
  host: HostContext;
  config: PostfixConfig;
  master: Master;
  bounces: BounceDaemon;
  routing: () => RoutingEnv;
  /** The master.cf service name: smtp or relay. */
  service: string;
  /** The name it logs under: $syslog_name/smtp, e.g. postfix/smtp, or postfix/relay/smtp with Debian's master.cf. */
  program: string;
}

export class SmtpAgent implements DeliveryAgent {
  private monitor = createSimActor(agentMachine);

  constructor(private readonly deps: SmtpAgentDeps) {
    let last = '';
    this.monitor.subscribe((snap) => {
      const state = String(snap.value);
      if (state === last) return;
      last = state;
      deps.host.trace.emit({ kind: 'daemon', host: deps.host.name, daemon: deps.service, instance: deps.service, state });
    });
    this.monitor.start();
  }

  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void {
    const { host, master, service } = this.deps;
    const pid = master.acquire(service);
    const started = host.scheduler.now;
    this.monitor.send({ type: 'START' });
    const program = this.deps.program;
    const finish = (results: RecipientResult[], relay: string, setupDone: number) => {
      const softened = results.map((r) => softBounceResult(r, this.deps.config));
      for (const { result, logStatus } of softened) this.logResult(req, result, relay, pid, program, started, setupDone, logStatus);
      master.release(service, pid);
      this.monitor.send({ type: 'FINISH' });
      done(softened.map((s) => s.result));
    };
    // The smtp process looks the next hop up before anything else (DNS round trips, host tables):
    // that is why a local delivery of the same message usually logs first.
    host.scheduler.after(TIMING.smtpLookupMs, () => {
      const routed = route(parseNexthop(req.nexthop), this.deps.routing());
      if (!routed.ok) {
        finish(req.recipients.map((recipient) => ({ recipient, status: routed.status, dsn: routed.dsn, reason: routed.reason })), 'none', host.scheduler.now);
        return;
      }
      this.tryCandidates(req, routed.candidates, 0, pid, program, finish, undefined);
    });
  }

  private tryCandidates(
    req: DeliveryRequest,
    candidates: Candidate[],
    index: number,
    pid: number,
    program: string,
    finish: (results: RecipientResult[], relay: string, setupDone: number) => void,
    lastError: string | undefined,
  ): void {
    const { host, config } = this.deps;
    if (index >= candidates.length || index >= config.int('smtp_mx_address_limit')) {
      const reason = lastError ?? 'connection failed';
      finish(req.recipients.map((recipient) => ({ recipient, status: 'deferred', dsn: '4.4.1', reason })), 'none', host.scheduler.now);
      return;
    }
    const c = candidates[index];
    const where = `${c.name}[${c.address}]:${c.port}`;
    host.network.connect({
      from: { host: host.name },
      to: { address: c.address, port: c.port },
      timeoutMs: config.seconds('smtp_connect_timeout') * 1000,
      onFail: (failure) => {
        const text = failure === 'refused' ? 'Connection refused' : failure === 'timeout' ? 'Connection timed out' : 'No route to host';
        const message = `connect to ${where}: ${text}`;
        host.log.write(program, pid, message);
        this.tryCandidates(req, candidates, index + 1, pid, program, finish, message);
      },
      onOpen: (conn) => {
        const tx = new SmtpTransaction(req, c, conn, config, this.deps.bounces, host, program, pid);
        const actor = createSimActor(smtpClientMachine, { input: { tx } });
        tx.onFinished = (outcome) => {
          actor.stop();
          if (outcome.kind === 'retry') {
            host.log.write(program, pid, outcome.message);
            this.tryCandidates(req, candidates, index + 1, pid, program, finish, outcome.message);
            return;
          }
          finish(outcome.results, where, tx.setupDone ?? host.scheduler.now);
        };
        actor.subscribe((snap) => {
          host.trace.emit({ kind: 'daemon', host: host.name, daemon: 'smtp', instance: String(pid), state: String(snap.value) });
        });
        actor.start();
        // The server's close after our QUIT arrives once the transaction has ended the actor.
        const live = () => actor.getSnapshot().status === 'active';
        return {
          onData: (lines) => live() && actor.send({ type: 'REPLY', lines }),
          onClose: () => live() && actor.send({ type: 'CLOSED' }),
        };
      },
    });
  }

  private logResult(req: DeliveryRequest, r: RecipientResult, relay: string, pid: number, program: string, started: number, setupDone: number, logStatus: string = r.status): void {
    const { host } = this.deps;
    const file = req.file;
    const now = host.scheduler.now;
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({
      beforeQmgr: (activated - file.arrival) / 1000,
      inQmgr: (started - activated) / 1000,
      setup: (setupDone - started) / 1000,
      transmission: (now - setupDone) / 1000,
    });
    const rcpt = r.recipient;
    const orig = rcpt.original && rcpt.original.toLowerCase() !== rcpt.address.toLowerCase() ? `, orig_to=<${rcpt.original}>` : '';
    host.log.write(program, pid, `${file.id}: to=<${rcpt.address}>${orig}, relay=${relay}, ${delays}, dsn=${r.dsn}, status=${logStatus} (${r.reason})`, file.id);
    host.trace.emit({
      kind: 'delivery',
      host: host.name,
      queueId: file.id,
      recipient: rcpt.address,
      original: rcpt.original,
      agent: this.deps.service,
      status: r.status,
      dsn: r.dsn,
      detail: r.reason,
      relay,
    });
  }
}
