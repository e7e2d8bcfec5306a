/**
 * mail / mailx (Heirloom mailx 12.5, as on the course's CentOS): without recipients it reads the
 * user's mailbox (see mailxRead.ts); with them it composes a message — "Subject: " asked when
 * -s is not given, the body read until "." or Ctrl-D, "EOT" — and hands it to sendmail, which
 * puts it through Postfix's maildrop queue and pickup like any local submission.
 */
import { rfc2822 } from '../../core/time';
import type { SimHost } from '../../host/simHost';
import { postfixOf } from '../../services';
import { registerCommand } from '../registry';
import type { CommandResult, ForegroundProgram, ShellContext } from '../terminal';
import { getopt } from './getopt';
import { findMailbox, mailboxPath } from './mailboxFiles';
import { headerLine, USER_AGENT } from './mailxFormat';
import { MailReader } from './mailxRead';
import { passwdFullName, submitLocally } from './sendmail';

interface Draft {
  to: string[];
  cc: string[];
  bcc: string[];
  from?: string;
  subject?: string;
}

/** mailx's Date: header, "Sun, 17 Jul 2022 22:35:01 -0400" (no zone name). */
function mailxDate(host: SimHost): string {
  const postfixStyle = rfc2822(host.epochNow(), host.zone);
  const m = /^(\w{3}), (\d+) (.*) \(.*\)$/.exec(postfixStyle)!;
  return `${m[1]}, ${m[2].padStart(2, '0')} ${m[3]}`;
}

/** A header value with non-ASCII text as an RFC 2047 encoded word. */
function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const bytes = new TextEncoder().encode(text);
  const q = [...bytes].map((b) => (b === 0x20 ? '_' : b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x3f && b !== 0x5f ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `=?utf-8?Q?${q}?=`;
}

/** The message mailx writes, headers in its order, then the body. */
function compose(host: SimHost, draft: Draft, body: string[]): string[] {
  const ascii = body.every((l) => /^[\x00-\x7f]*$/.test(l));
  const headers = [`Date: ${mailxDate(host)}`, `To: ${draft.to.join(', ')}`];
  if (draft.cc.length > 0) headers.push(`Cc: ${draft.cc.join(', ')}`);
  if (draft.subject !== undefined && draft.subject !== '') headers.push(`Subject: ${encodeWord(draft.subject)}`);
  headers.push(
    `User-Agent: ${USER_AGENT}`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${ascii ? 'us-ascii' : 'utf-8'}`,
    `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`,
  );
  return [...headers, '', ...body];
}

/** Hands the finished message to sendmail; the lines mailx prints at the end. */
function send(ctx: ShellContext, draft: Draft, body: string[], interactive: boolean): string[] {
  const out: string[] = interactive ? ['EOT'] : [];
  if (body.length === 0 && interactive) out.push(draft.subject ? "Null message body; hope that's ok" : "No message, no subject; hope that's ok");
  const postfix = postfixOf(ctx.host);
  if (!postfix) return [...out, '/usr/sbin/sendmail: No such file or directory', '"/root/dead.letter" 1/1', '. . . message not sent.'];
  submitLocally(ctx, postfix, {
    sender: draft.from ?? ctx.user,
    recipients: [...draft.to, ...draft.cc, ...draft.bcc],
    lines: compose(ctx.host, draft, body),
    fullName: passwdFullName(ctx.user),
  });
  return out;
}

/** Interactive composing: "Subject: " when it was not given, then the body. */
class Composer implements ForegroundProgram {
  prompt: string;
  private readonly body: string[] = [];
  private asking: boolean;
  private interrupted = false;

  constructor(
    private readonly ctx: ShellContext,
    private readonly draft: Draft,
  ) {
    this.asking = draft.subject === undefined;
    this.prompt = this.asking ? 'Subject: ' : '';
  }

  input(line: string): void {
    this.interrupted = false;
    if (this.asking) {
      this.draft.subject = line;
      this.asking = false;
      this.prompt = '';
      return;
    }
    // "set dot" in /etc/mail.rc: a lone dot ends the message.
    if (line === '.') return this.finish();
    this.body.push(line);
  }

  eof(): void {
    this.finish();
  }

  /** The first Ctrl-C warns, the second drops the letter. */
  interrupt(): void {
    if (this.interrupted) {
      this.ctx.done(1);
      return;
    }
    this.interrupted = true;
    this.ctx.print(['(Interrupt -- one more to kill letter)']);
  }

  private finish(): void {
    const out = send(this.ctx, this.draft, this.body, true);
    this.prompt = '';
    this.ctx.print(out);
    this.ctx.done(0);
  }
}

const USAGE = [
  'Usage: mail -eiIUdEFntBDNHRV~ -T FILE -u USER -h hops -r address -s SUBJECT -a FILE -q FILE -f FILE -A ACCOUNT -b USERS -c USERS -S OPTION users',
];

function read(ctx: ShellContext, user: string, summaryOnly: boolean): CommandResult {
  const path = mailboxPath(ctx.host, user);
  const box = findMailbox(ctx.host, path);
  if (!box || box.messages.length === 0) return { output: [`No mail for ${user}`], exitStatus: 1 };
  if (summaryOnly) {
    const lines = box.messages.map((stored, i) => headerLine({ stored, read: stored.flags.has('\\Seen'), isNew: stored.recent, deleted: false }, i + 1, false, ctx.host.zone));
    return { output: lines, exitStatus: 0 };
  }
  const reader = new MailReader(ctx, box);
  ctx.foreground(reader);
  ctx.print(reader.opening());
  return 'foreground';
}

registerCommand(['mail', 'mailx', 'Mail'], (ctx, argv) => {
  const parsed = getopt(argv.slice(1), 'A:BDdEeFHiINnRtUVv~a:b:c:f:h:q:r:S:s:T:u:');
  if (parsed.error) return { output: [`${argv[0]}: ${parsed.error}`, ...USAGE], exitStatus: 1 };
  const opt = (flag: string) => parsed.options.filter((o) => o.flag === flag).map((o) => o.arg ?? '');
  if (parsed.operands.length === 0) {
    const user = opt('u').pop() ?? ctx.user;
    return read(ctx, user, parsed.options.some((o) => o.flag === 'H'));
  }
  const draft: Draft = {
    to: parsed.operands,
    cc: opt('c').flatMap((c) => c.split(/[\s,]+/).filter(Boolean)),
    bcc: opt('b').flatMap((c) => c.split(/[\s,]+/).filter(Boolean)),
    from: opt('r').pop(),
    subject: opt('s').pop(),
  };
  if (ctx.stdin) {
    const out = send(ctx, draft, ctx.stdin, false);
    return { output: out, exitStatus: 0 };
  }
  ctx.foreground(new Composer(ctx, draft));
  return 'foreground';
});
