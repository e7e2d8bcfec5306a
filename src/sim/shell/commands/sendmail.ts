/**
 * sendmail [-f sender] [-F name] [-t] [-i|-oi] recipient...: Postfix's sendmail(1). The message
 * is read from the terminal (or a pipe) until a line with a single "." (unless -i) or Ctrl-D,
 * then handed to postdrop: it waits in the maildrop queue until pickup takes it, as on a real
 * host ("postfix/pickup[PID]: QUEUEID: uid=0 from=<root>"). Also -bi (newaliases), -bp (mailq)
 * and -q (flush).
 */
import { findHeader, headerValue, splitMessage } from '../../mail/headers';
import { pickupOf } from '../../postfix/pickup';
import type { PostfixInstance } from '../../postfix/postfix';
import { findCommand, registerCommand } from '../registry';
import type { CommandResult, ForegroundProgram, ShellContext } from '../terminal';
import { getopt } from './getopt';
import { flushQueue } from './postfixLifecycle';
import { fatal, isResult, requirePostfix } from './postfixTools';
import { newaliases } from './tableCommands';

export interface LocalMessage {
  sender: string;
  recipients: string[];
  /** Headers and body lines as typed. */
  lines: string[];
  fullName?: string;
}

/** The full name Postfix takes from the passwd entry when sendmail has no -F: root's is "root". */
export function passwdFullName(user: string): string {
  return user === 'root' ? 'root' : '';
}

/** postdrop: the message goes into the maildrop queue of the host's Postfix. */
export function submitLocally(ctx: ShellContext, postfix: PostfixInstance, msg: LocalMessage): void {
  const uid = ctx.host.accounts.get(ctx.user)?.uid ?? 0;
  const text = msg.lines.length === 0 ? '' : `${msg.lines.join('\n')}\n`;
  pickupOf(postfix).drop({ uid, sender: msg.sender, recipients: msg.recipients, text, fullName: msg.fullName });
}

/** Reads message lines from the terminal until "." (when dots end input) or Ctrl-D. */
export class BodyReader implements ForegroundProgram {
  readonly lines: string[] = [];
  prompt = '';

  constructor(
    private readonly dotEnds: boolean,
    private readonly finish: (lines: string[]) => void,
    private readonly abort: () => void,
  ) {}

  input(line: string): void {
    if (this.dotEnds && line === '.') {
      this.finish(this.lines);
      return;
    }
    this.lines.push(line);
  }

  eof(): void {
    this.finish(this.lines);
  }

  interrupt(): void {
    this.abort();
  }
}

/** -t: the addresses of To:, Cc: and Bcc:, and the message without its Bcc: header. */
function extractRecipients(lines: string[]): { recipients: string[]; lines: string[] } {
  const split = splitMessage(`${lines.join('\n')}\n`);
  const recipients: string[] = [];
  for (const name of ['To', 'Cc', 'Bcc']) {
    const field = findHeader(split.headers, name);
    if (!field) continue;
    for (const part of headerValue(field).split(',')) {
      const m = /<([^>]*)>/.exec(part);
      const address = (m ? m[1] : part.replace(/\([^)]*\)/g, '')).trim();
      if (address) recipients.push(address);
    }
  }
  const headerCount = split.headers.reduce((n, h) => n + h.raw.split('\n').length, 0);
  const kept = split.headers.filter((h) => h.name.toLowerCase() !== 'bcc').flatMap((h) => h.raw.split('\n'));
  return { recipients, lines: [...kept, ...lines.slice(headerCount)] };
}

function deliver(ctx: ShellContext, postfix: PostfixInstance, base: LocalMessage, extract: boolean, lines: string[]): CommandResult {
  let msg: LocalMessage = { ...base, lines };
  if (extract) {
    const found = extractRecipients(lines);
    msg = { ...msg, recipients: [...base.recipients, ...found.recipients], lines: found.lines };
  }
  if (msg.recipients.length === 0) {
    const uid = ctx.host.accounts.get(ctx.user)?.uid ?? 0;
    return fatal(ctx, 'sendmail', `${ctx.user}(${uid}): No recipient addresses found in message header`, [], 75);
  }
  submitLocally(ctx, postfix, msg);
  return { output: [], exitStatus: 0 };
}

registerCommand('sendmail', (ctx, argv) => {
  const postfix = requirePostfix(ctx, argv[0]);
  if (isResult(postfix)) return postfix;
  const args = argv.slice(1).map((a) => (a === '-q' ? '-q0' : a));
  const parsed = getopt(args, 'B:C:F:GIL:N:O:R:UV:X:b:ce:f:h:imno:p:r:q:tvx');
  if (parsed.error) return { output: [`sendmail: ${parsed.error}`, `sendmail: ${parsed.error}`, 'sendmail: fatal: usage: sendmail [options]'], exitStatus: 75 };
  const mode = parsed.options.filter((o) => o.flag === 'b').pop()?.arg;
  if (mode === 'i') return newaliases(ctx, postfix);
  if (mode === 'p') return ctxRun(ctx, ['mailq']);
  if (parsed.options.some((o) => o.flag === 'q')) {
    const r = flushQueue(ctx.host, postfix);
    return { output: r.lines, exitStatus: r.exitStatus };
  }
  const sender = parsed.options.filter((o) => o.flag === 'f' || o.flag === 'r').pop()?.arg ?? ctx.user;
  const fullName = parsed.options.filter((o) => o.flag === 'F').pop()?.arg ?? passwdFullName(ctx.user);
  const ignoreDots = parsed.options.some((o) => o.flag === 'i' || (o.flag === 'o' && o.arg === 'i'));
  const extract = parsed.options.some((o) => o.flag === 't');
  const recipients = parsed.operands;
  if (recipients.length === 0 && !extract) {
    const uid = ctx.host.accounts.get(ctx.user)?.uid ?? 0;
    return fatal(ctx, 'sendmail', `${ctx.user}(${uid}): Recipient addresses must be specified on the command line or via the -t option`, [], 75);
  }
  const base: LocalMessage = { sender, recipients, lines: [], fullName };
  if (ctx.stdin) {
    const end = ignoreDots ? -1 : ctx.stdin.indexOf('.');
    return deliver(ctx, postfix, base, extract, end < 0 ? ctx.stdin : ctx.stdin.slice(0, end));
  }
  ctx.foreground(
    new BodyReader(
      !ignoreDots,
      (lines) => {
        const r = deliver(ctx, postfix, base, extract, lines);
        if (r !== 'foreground' && r.output.length > 0) ctx.print(r.output);
        ctx.done(r === 'foreground' ? 0 : r.exitStatus);
      },
      () => ctx.done(130),
    ),
  );
  return 'foreground';
});

/** Runs another registered command in the same context (sendmail -bp is mailq). */
function ctxRun(ctx: ShellContext, argv: string[]): CommandResult {
  const run = findCommand(argv[0]);
  return run ? run(ctx, argv) : { output: [], exitStatus: 0 };
}
