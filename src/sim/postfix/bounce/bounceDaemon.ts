/**
 * The bounce daemon: when qmgr is done with a message that has failed recipients, it writes a
 * non-delivery notification to the sender through cleanup and logs
 * "QUEUEID: sender non-delivery notification: NEWID".
 */
import { compactUtc } from '../../core/time';
import type { HostContext } from '../../host/hostContext';
import type { Cleanup } from '../cleanup';
import type { PostfixConfig } from '../config';
import type { Master } from '../master';
import { wantsNotice, type BounceService } from '../queue/qmgr';
import type { BounceReport, QueueFile, QueueRecipient } from '../queue/queueStore';
import { TIMING } from '../timing';
import { dsnMessage, type DsnRecipient } from './dsnMessage';

/** Extra detail a delivery agent keeps about a failure reported by a remote server. */
export interface RemoteFailure {
  remoteMta: string;
  diagnostic: string;
}

export class BounceDaemon implements BounceService {
  /** Remote failures by queue id and recipient, noted by the smtp client. */
  readonly remote = new Map<string, RemoteFailure>();

  constructor(
    private readonly host: HostContext,
    private readonly config: PostfixConfig,
    private readonly cleanup: Cleanup,
    private readonly master: Master,
  ) {}

  /** What one queue recipient contributes to the notice: the addresses behind it that failed. */
  private failuresOf(r: QueueRecipient): BounceReport[] {
    const own: BounceReport[] =
      r.status === 'bounced' && !r.failures?.length
        ? [{ address: r.address, original: r.original, dsn: r.dsn ?? '5.0.0', reason: r.reason ?? 'unknown error' }]
        : [];
    return [...own, ...(r.failures ?? [])];
  }

  bounce(file: QueueFile, expired: boolean, done: (sent: boolean) => void): void {
    const failures = file.recipients.filter((r) => wantsNotice(r.notify, 'FAILURE')).flatMap((r) => this.failuresOf(r));
    const recipients: DsnRecipient[] = failures.map((f) => {
      const remote = this.remote.get(`${file.id}\0${f.address}`);
      return {
        address: f.address,
        original: f.original,
        ...(f.original && f.original.toLowerCase() !== f.address.toLowerCase() ? { expandedFrom: f.original } : {}),
        // A message that expired in the queue fails for good: its 4.x.x status becomes 5.x.x.
        status: expired && f.dsn.startsWith('4') ? `5${f.dsn.slice(1)}` : f.dsn,
        reason: f.reason,
        action: 'failed' as const,
        ...(f.diagnostic ? { diagnostic: f.diagnostic } : {}),
        ...(remote ? { remoteMta: remote.remoteMta, diagnostic: remote.diagnostic } : {}),
      };
    });
    // NOTIFY=NEVER (or SUCCESS alone): the sender asked not to hear about failures.
    if (recipients.length === 0) return done(true);
    this.notify(file, 'failure', recipients, 'sender non-delivery notification', done);
  }

  trace(file: QueueFile, done: (sent: boolean) => void): void {
    const recipients: DsnRecipient[] = file.recipients.flatMap((r) =>
      r.success
        ? [
            {
              address: r.address,
              original: r.original,
              status: '2.0.0',
              reason: r.success.text,
              action: r.success.action,
              ...(r.success.remoteMta ? { remoteMta: r.success.remoteMta } : {}),
              diagnostic: r.success.diagnostic ?? `X-Postfix; ${r.success.text}`,
            },
          ]
        : [],
    );
    if (recipients.length === 0) return done(true);
    this.notify(file, 'success', recipients, 'sender delivery status notification', done);
  }

  /** Writes a notice to the sender through cleanup and logs it, as the bounce daemon does. */
  private notify(file: QueueFile, kind: 'failure' | 'success', recipients: DsnRecipient[], what: string, done: (sent: boolean) => void): void {
    const pid = this.master.acquire('bounce');
    this.host.scheduler.after(TIMING.bounceMs, () => {
      const handle = this.cleanup.open();
      const myhostname = this.config.get('myhostname');
      const now = this.host.epochNow();
      const text = dsnMessage({
        queueId: file.id,
        newQueueId: handle.queueId,
        messageId: `<${compactUtc(now)}.${handle.queueId}@${myhostname}>`,
        myhostname,
        sender: file.sender,
        arrivalEpoch: this.host.startEpoch + file.arrival,
        nowEpoch: now,
        zone: this.host.zone,
        recipients,
        original: file.text,
        envid: file.envid,
        // A success notice carries only the headers, whatever RET= said.
        headersOnly: kind === 'success' || file.ret === 'HDRS',
        success: kind === 'success',
      });
      const outcome = this.cleanup.finish(handle, {
        sender: '',
        recipients: [{ address: file.sender, original: file.sender }],
        text,
        rewriteLocal: false,
        origin: 'bounce',
        parent: file.id,
      });
      if (outcome.kind !== 'queued') {
        // cleanup refused the notice (too big for message_size_limit): qmgr keeps the message.
        this.master.release('bounce', pid);
        this.host.scheduler.after(TIMING.agentReportMs, () => done(false));
        return;
      }
      const notice = outcome.file;
      this.host.log.write('postfix/bounce', pid, `${file.id}: ${what}: ${notice.id}`, file.id);
      this.host.trace.emit({ kind: 'bounce', host: this.host.name, queueId: file.id, bounceId: notice.id, to: file.sender });
      this.master.release('bounce', pid);
      this.host.scheduler.after(TIMING.agentReportMs * 3, () => done(true));
    });
  }
}
