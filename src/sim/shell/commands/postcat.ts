/**
 * postcat -q QUEUEID: a queue file's envelope records and message as Postfix 3.7 prints them.
 * The records are the ones a reader cares about (sizes, times, sender, recipients); the data
 * offset in message_size is computed from those records, so it can differ from a real file's.
 */
import { asctime } from '../../core/time';
import type { QueueFile } from '../../postfix/queue/queueStore';
import { registerCommand } from '../registry';
import type { ShellContext } from '../terminal';
import { getopt } from './getopt';
import { fatal, isResult, requirePostfix } from './postfixTools';

/** Where a queue file lives: deferred/5/52B7C20C317 (Debian hashes the deferred queue by the first character). */
function queuePath(file: QueueFile): string {
  const hashed = file.queue === 'deferred' ? `${file.id[0]}/` : '';
  return `${file.queue}/${hashed}${file.id}`;
}

/** A record's size in the file: type byte, length byte(s), data. */
function recordBytes(data: string): number {
  return 1 + (data.length < 128 ? 1 : 2) + data.length;
}

function envelope(ctx: ShellContext, file: QueueFile): string[] {
  const when = asctime(ctx.host.startEpoch + file.arrival, ctx.host.zone);
  const records: string[] = [`message_arrival_time: ${when}`, `create_time: ${when}`];
  records.push(`named_attribute: rewrite_context=${file.origin === 'smtp' ? 'remote' : 'local'}`);
  records.push(`sender: ${file.sender}`);
  for (const r of file.recipients) {
    records.push(`named_attribute: dsn_orig_rcpt=rfc822;${r.original}`, `original_recipient: ${r.original}`, `recipient: ${r.address}`);
  }
  const sizeRecord = 6 * 15 + 5;
  const offset = recordBytes('x'.repeat(sizeRecord)) + records.reduce((n, r) => n + recordBytes(r.slice(r.indexOf(': ') + 2)), 0) + 2;
  const fields = [file.size, offset, file.recipients.length, 0, file.size, 0];
  return [`message_size: ${fields.map((v) => String(v).padStart(15)).join(' ')}`, ...records];
}

registerCommand('postcat', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  const parsed = getopt(argv.slice(1), 'bc:dehmoqrsv');
  if (parsed.error) return { output: [`postcat: ${parsed.error}`, 'postcat: fatal: usage: postcat [-bdehoqv] [-c config_dir] [files...]'], exitStatus: 1 };
  if (!parsed.options.some((o) => o.flag === 'q')) return { output: ['mailsim: postcat reads queue files by id here: postcat -q QUEUEID'], exitStatus: 1 };
  const output: string[] = [];
  for (const id of parsed.operands) {
    const file = postfix.queue.get(id);
    if (!file) return fatal(ctx, 'postcat', `open queue file ${id}: No such file or directory`, output);
    const where = queuePath(file);
    output.push(`*** ENVELOPE RECORDS ${where} ***`, ...envelope(ctx, file), `*** MESSAGE CONTENTS ${where} ***`);
    output.push(...file.text.replace(/\n$/, '').split('\n'));
    output.push(`*** HEADER EXTRACTED ${where} ***`, `*** MESSAGE FILE END ${where} ***`);
  }
  return { output, exitStatus: 0 };
});
