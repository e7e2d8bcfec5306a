/**
 * Local submission: sendmail (and mail, which runs sendmail) hands a message to postdrop, which
 * writes it into the maildrop queue; the pickup daemon takes it from there, logs
 * "QUEUEID: uid=0 from=<root>" and passes it to cleanup with a Received header of its own,
 *
 *   Received: by mail.example.com (Postfix, from userid 0)
 *           id QUEUEID; Tue, 24 Nov 2026 18:20:07 +0000 (UTC)
 *
 * While the mail system is down the file waits in maildrop; "postfix start" picks it up.
 */
import { rfc2822 } from '../core/time';
import { messageSize } from './cleanup';
import type { PostfixInstance } from './postfix';
import type { QueueFile } from './queue/queueStore';
import { TIMING } from './timing';

export interface LocalSubmission {
  /** Unix user id of the submitting process (0 for root). */
  uid: number;
  /** Envelope sender as given: the login name, or sendmail -f; cleanup qualifies it. */
  sender: string;
  /** Recipients as given on the command line (or taken from the headers with -t). */
  recipients: string[];
  /** Headers and body, LF line ends. */
  text: string;
  /** sendmail -F or the passwd entry's full name, for the From: header cleanup adds. */
  fullName?: string;
}

export class Pickup {
  /** What postdrop recorded besides the envelope, by maildrop file name. */
  private readonly details = new Map<string, { uid: number; fullName?: string }>();

  constructor(private readonly postfix: PostfixInstance) {}

  /** postdrop: the message becomes a file in the maildrop queue; returns it. */
  drop(sub: LocalSubmission): QueueFile {
    const { postfix } = this;
    const file: QueueFile = {
      id: postfix.cleanup.newQueueId(),
      queue: 'maildrop',
      sender: sub.sender,
      arrival: postfix.host.scheduler.now,
      text: sub.text,
      size: messageSize(sub.text),
      recipients: sub.recipients.map((r) => ({ address: r, original: r, status: 'todo' })),
      attempts: 0,
      notBefore: 0,
      origin: 'pickup',
    };
    this.details.set(file.id, { uid: sub.uid, fullName: sub.fullName });
    postfix.queue.add(file);
    if (postfix.running) postfix.host.scheduler.after(TIMING.pickupMs, () => this.take(file));
    return file;
  }

  /** pickup's scan of the maildrop directory (when the mail system starts). */
  scan(): void {
    for (const file of this.postfix.queue.inQueue('maildrop')) this.postfix.host.scheduler.after(TIMING.pickupMs, () => this.take(file));
  }

  private take(file: QueueFile): void {
    const { postfix } = this;
    // postsuper -d may have removed it, or an earlier scan already took it.
    if (!postfix.running || postfix.queue.get(file.id) !== file || file.queue !== 'maildrop') return;
    const details = this.details.get(file.id) ?? { uid: 0 };
    this.details.delete(file.id);
    const pid = postfix.master.singleton('pickup');
    // The message's delays count from the moment it was dropped, as Postfix's do.
    const handle = { ...postfix.cleanup.open(), arrival: file.arrival };
    postfix.host.log.write('postfix/pickup', pid, `${handle.queueId}: uid=${details.uid} from=<${file.sender}>`, handle.queueId);
    const received = `Received: by ${postfix.config.get('myhostname')} (Postfix, from userid ${details.uid})\n\tid ${handle.queueId}; ${rfc2822(postfix.host.epochNow(), postfix.host.zone)}\n`;
    postfix.queue.remove(file);
    postfix.cleanup.finish(handle, {
      sender: file.sender,
      recipients: file.recipients.map((r) => ({ address: r.original, original: r.original })),
      text: received + file.text,
      rewriteLocal: true,
      origin: 'pickup',
      fullName: details.fullName,
    });
  }
}

const pickups = new WeakMap<PostfixInstance, Pickup>();

/** The pickup service of a Postfix instance. */
export function pickupOf(postfix: PostfixInstance): Pickup {
  let p = pickups.get(postfix);
  if (!p) {
    p = new Pickup(postfix);
    pickups.set(postfix, p);
  }
  return p;
}
