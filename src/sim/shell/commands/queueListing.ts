/**
 * The mail queue as mailq / postqueue -p show it (Postfix 3.7's showq and postqueue), checked
 * against the real output:
 *
 *   -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
 *   64A4C20CBF3     271 Tue Nov 24 18:20:40  root@mail.example.com
 *                         (connect to 127.0.0.2[127.0.0.2]:25: Connection refused)
 *                                            root@[127.0.0.2]
 *
 *   -- 0 Kbytes in 1 Request.
 *
 * "*" marks a message in the active queue, "!" one on hold; a deferral reason is printed
 * right-aligned in its parentheses (from column 0 when it is too long), once for each run of
 * recipients that share it. Also postqueue -j's JSON lines.
 */
import { asctime, type Zone } from '../../core/time';
import type { QueueName } from '../../core/trace';
import type { QueueFile } from '../../postfix/queue/queueStore';

/** The order showq walks the queue directories in. */
export const SHOWQ_ORDER: readonly QueueName[] = ['maildrop', 'incoming', 'active', 'deferred', 'hold'];

const RECIPIENT_INDENT = ' '.repeat(41);

export interface ListingClock {
  startEpoch: number;
  zone: Zone;
}

/** The files showq reports, queue by queue, oldest first within a queue. */
export function filesToShow(files: readonly QueueFile[]): QueueFile[] {
  return SHOWQ_ORDER.flatMap((q) => files.filter((f) => f.queue === q).sort((a, b) => a.arrival - b.arrival || (a.id < b.id ? -1 : 1)));
}

/** Recipients still to deliver, with the reason of their last deferral. */
function pending(file: QueueFile): { address: string; reason?: string }[] {
  return file.recipients.filter((r) => r.status === 'todo' || r.status === 'deferred').map((r) => ({ address: r.address, reason: r.status === 'deferred' ? r.reason : undefined }));
}

function entry(file: QueueFile, clock: ListingClock): string[] {
  const mark = file.queue === 'active' ? '*' : file.queue === 'hold' ? '!' : '';
  const when = asctime(clock.startEpoch + file.arrival, clock.zone).slice(0, 20);
  const sender = file.sender === '' ? 'MAILER-DAEMON' : file.sender;
  const lines = [`${`${file.id}${mark}`.padEnd(11)} ${String(file.size).padStart(7)} ${when} ${sender}`];
  let lastReason: string | undefined;
  for (const r of pending(file)) {
    if (r.reason !== undefined && r.reason !== lastReason) lines.push(`${' '.repeat(Math.max(0, 76 - r.reason.length))}(${r.reason})`);
    lastReason = r.reason;
    lines.push(`${RECIPIENT_INDENT}${r.address}`);
  }
  return lines;
}

/** postqueue -p. */
export function queueListing(files: readonly QueueFile[], clock: ListingClock): string[] {
  const shown = filesToShow(files);
  if (shown.length === 0) return ['Mail queue is empty'];
  const out = ['-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------'];
  shown.forEach((f, i) => {
    if (i > 0) out.push('');
    out.push(...entry(f, clock));
  });
  const kbytes = Math.floor(shown.reduce((sum, f) => sum + f.size, 0) / 1024);
  out.push('', `-- ${kbytes} Kbytes in ${shown.length} Request${shown.length === 1 ? '' : 's'}.`);
  return out;
}

/** postqueue -j: one JSON object per message, keys in Postfix's order. */
export function queueJson(files: readonly QueueFile[], clock: ListingClock): string[] {
  return filesToShow(files).map((f) => {
    const recipients = pending(f).map((r) => (r.reason !== undefined ? { address: r.address, delay_reason: r.reason } : { address: r.address }));
    const object = {
      queue_name: f.queue,
      queue_id: f.id,
      arrival_time: Math.floor((clock.startEpoch + f.arrival) / 1000),
      message_size: f.size,
      forced_expire: false,
      sender: f.sender,
      recipients,
    };
    return spacedJson(object);
  });
}

/** JSON with a space after each colon and comma, as postqueue writes it. */
function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${spacedJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}
