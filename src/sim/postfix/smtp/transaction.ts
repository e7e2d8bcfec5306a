/**
 * One mail transaction of the smtp client with one server: the commands it sends and what each
 * reply means for each recipient ("host X said: 550 ... (in reply to RCPT TO command)").
 */
import type { Connection } from '../../core/network';
import type { HostContext } from '../../host/hostContext';
import type { BounceDaemon } from '../bounce/bounceDaemon';
import type { PostfixConfig } from '../config';
import type { DeliveryRequest, RecipientResult } from '../queue/qmgr';
import type { ClientTransaction } from './clientMachine';
import type { Candidate } from './routing';
import { TLS_SESSION } from '../tls';

export type TransactionOutcome = { kind: 'done'; results: RecipientResult[] } | { kind: 'retry'; message: string };

const codeOf = (reply: string[]) => Number((reply[reply.length - 1] ?? '').slice(0, 3)) || 0;
const dsnOf = (reply: string[], fallback: string) => /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(reply[reply.length - 1] ?? '')?.[1] ?? fallback;
const joined = (reply: string[]) => reply.map((l, i) => (i === 0 ? l : l.slice(4))).join(' ');

export class SmtpTransaction implements ClientTransaction {
  setupDone?: number;
  onFinished?: (outcome: TransactionOutcome) => void;
  private offers = new Set<string>();
  private results = new Map<number, RecipientResult>();
  private mailFailure?: string[];
  private final?: string[];
  private sessionError?: { stage: string; reply?: string[] };
  private completed = false;

  constructor(
    private readonly req: DeliveryRequest,
    private readonly server: Candidate,
    private readonly conn: Connection,
    private readonly config: PostfixConfig,
    private readonly bounces: BounceDaemon,
    private readonly host: HostContext,
    private readonly program: string,
    private readonly pid: number,
  ) {}

  private get where(): string {
    return `${this.server.name}[${this.server.address}]`;
  }

  send(lines: string[]): void {
    this.conn.clientWrite(lines);
  }

  heloName(): string {
    return this.config.get('smtp_helo_name');
  }

  ehloOk(reply: string[]): void {
    this.setupDone = this.host.scheduler.now;
    this.offers.clear();
    for (const line of reply.slice(1)) this.offers.add(line.slice(4).split(/[ =]/)[0].toUpperCase());
  }

  /** smtp_tls_security_level may/encrypt: go encrypted when the server offers STARTTLS. */
  wantsTls(): boolean {
    if (this.conn.tls) return false;
    const level = this.config.get('smtp_tls_security_level') || (this.config.get('smtp_use_tls') === 'yes' ? 'may' : 'none');
    return (level === 'may' || level === 'encrypt') && this.offers.has('STARTTLS');
  }

  tlsStarted(): void {
    this.conn.startTls();
    this.host.log.write(this.program, this.pid, `Untrusted TLS connection established to ${this.where}:${this.server.port}: ${TLS_SESSION}`);
  }

  pipelining(): boolean {
    return this.offers.has('PIPELINING');
  }

  mailCommands(): string[] {
    this.setupDone ??= this.host.scheduler.now;
    const file = this.req.file;
    let mail = `MAIL FROM:<${file.sender}>`;
    if (this.offers.has('SIZE')) mail += ` SIZE=${file.size}`;
    if (this.offers.has('DSN') && file.ret) mail += ` RET=${file.ret}`;
    if (this.offers.has('DSN') && file.envid) mail += ` ENVID=${file.envid}`;
    if (!this.pipelining()) return [mail];
    return [mail, ...this.req.recipients.map((_, i) => this.rcptCommand(i)), 'DATA'];
  }

  rcptCommand(index: number): string {
    const r = this.req.recipients[index];
    let cmd = `RCPT TO:<${r.address}>`;
    if (this.offers.has('DSN') && r.notify) cmd += ` NOTIFY=${r.notify.toUpperCase()}`;
    if (this.offers.has('DSN') && r.original) cmd += ` ORCPT=rfc822;${r.original}`;
    return cmd;
  }

  recipientCount(): number {
    return this.req.recipients.length;
  }

  mailReply(reply: string[]): boolean {
    if (codeOf(reply) >= 200 && codeOf(reply) < 300) return true;
    this.mailFailure = reply;
    return false;
  }

  rcptReply(index: number, reply: string[]): void {
    if (this.mailFailure) return;
    const code = codeOf(reply);
    if (code >= 200 && code < 300) return;
    const recipient = this.req.recipients[index];
    const status = code >= 500 ? 'bounced' : 'deferred';
    const reason = `host ${this.where} said: ${joined(reply)} (in reply to RCPT TO command)`;
    this.results.set(index, { recipient, status, dsn: dsnOf(reply, code >= 500 ? '5.0.0' : '4.0.0'), reason });
    this.noteRemote(recipient.address, reply);
  }

  anyAccepted(): boolean {
    return !this.mailFailure && this.results.size < this.req.recipients.length;
  }

  dataReply(reply: string[]): boolean {
    if (codeOf(reply) === 354) return true;
    if (!this.mailFailure && this.anyAccepted()) this.final = reply;
    return false;
  }

  messageLines(): string[] {
    const text = this.req.file.text.endsWith('\n') ? this.req.file.text.slice(0, -1) : this.req.file.text;
    return text.split('\n').map((l) => (l.startsWith('.') ? `.${l}` : l));
  }

  finalReply(reply: string[]): void {
    this.final = reply;
  }

  sessionFailed(stage: string, reply: string[] | undefined): void {
    if (this.completed || this.final) return;
    this.sessionError = { stage, reply };
  }

  finished(): void {
    if (this.completed) return;
    this.completed = true;
    this.conn.close('client');
    this.onFinished?.(this.outcome());
  }

  private outcome(): TransactionOutcome {
    if (this.sessionError) {
      const { stage, reply } = this.sessionError;
      if (stage === 'lost' || !reply) return { kind: 'retry', message: `lost connection with ${this.where} while performing the ${stage === 'lost' ? 'transaction' : stage}` };
      return { kind: 'retry', message: `host ${this.where} refused to talk to me: ${joined(reply)}` };
    }
    const results: RecipientResult[] = [];
    this.req.recipients.forEach((recipient, i) => {
      const failed = this.results.get(i);
      if (failed) return results.push(failed);
      if (this.mailFailure) {
        const code = codeOf(this.mailFailure);
        this.noteRemote(recipient.address, this.mailFailure);
        return results.push({
          recipient,
          status: code >= 500 ? 'bounced' : 'deferred',
          dsn: dsnOf(this.mailFailure, code >= 500 ? '5.0.0' : '4.0.0'),
          reason: `host ${this.where} said: ${joined(this.mailFailure)} (in reply to MAIL FROM command)`,
        });
      }
      const final = this.final ?? ['451 4.4.2 lost connection'];
      const code = codeOf(final);
      if (code >= 200 && code < 300) {
        // A server that speaks DSN takes NOTIFY= over; one that does not gets the mail "relayed".
        const success = this.offers.has('DSN')
          ? undefined
          : { action: 'relayed' as const, text: `delivery via ${this.where}:${this.server.port}: ${joined(final)}`, remoteMta: this.server.name, diagnostic: `smtp; ${joined(final)}` };
        return results.push({ recipient, status: 'sent', dsn: dsnOf(final, '2.0.0'), reason: joined(final), ...(success ? { success } : {}) });
      }
      this.noteRemote(recipient.address, final);
      return results.push({
        recipient,
        status: code >= 500 ? 'bounced' : 'deferred',
        dsn: dsnOf(final, code >= 500 ? '5.0.0' : '4.0.0'),
        reason: `host ${this.where} said: ${joined(final)} (in reply to end of DATA command)`,
      });
    });
    return { kind: 'done', results };
  }

  /** Remembers what the remote server said, for the Diagnostic-Code of a bounce. */
  private noteRemote(address: string, reply: string[]): void {
    this.bounces.remote.set(`${this.req.file.id}\0${address}`, { remoteMta: this.server.name, diagnostic: `smtp; ${joined(reply)}` });
  }
}
