/**
 * Reading mail with Heirloom mailx 12.5 (`mail`): the banner, the mailbox line, the header
 * summary, then the "& " prompt — a number or p/t/type shows a message, n/Enter the next one,
 * d deletes, u undeletes, h lists, q quits keeping what was not deleted ("Held 1 message in
 * /var/spool/mail/ansible"), x leaves everything as it was. Reading marks a message read
 * (Status: R) and quitting marks every message old (Status: O), the flags Dovecot sees too.
 */
import type { Mailbox } from '../../mail/mailStore';
import type { ForegroundProgram, ShellContext } from '../terminal';
import { BANNER, headerLine, HELP, messageLines, SCREEN_LINES, type MailxMessage } from './mailxFormat';

export class MailReader implements ForegroundProgram {
  readonly prompt = '& ';
  private readonly messages: MailxMessage[];
  /** Index (0-based) of the current message, "dot". */
  private dot: number;
  /** Whether a command has run yet: the first "next" shows dot itself. */
  private sawCommand = false;

  constructor(
    private readonly ctx: ShellContext,
    private readonly box: Mailbox,
  ) {
    this.messages = box.messages.map((stored) => ({ stored, read: stored.flags.has('\\Seen'), isNew: stored.recent, deleted: false }));
    const firstNew = this.messages.findIndex((m) => m.isNew);
    const firstUnread = this.messages.findIndex((m) => !m.read);
    this.dot = firstNew >= 0 ? firstNew : firstUnread >= 0 ? firstUnread : 0;
  }

  /** What mailx prints when it opens the mailbox. */
  opening(): string[] {
    const total = this.messages.length;
    const newCount = this.messages.filter((m) => m.isNew).length;
    const unread = this.messages.filter((m) => !m.read).length - newCount;
    let info = `"${this.box.path}": ${total === 1 ? '1 message' : `${total} messages`}`;
    if (newCount > 0) info += ` ${newCount} new`;
    if (unread > 0) info += ` ${unread} unread`;
    return [BANNER, info, ...this.headers()];
  }

  input(line: string): void {
    const out = this.command(line.trim());
    if (out === 'quit') return;
    this.ctx.print(out);
  }

  /** Ctrl-D at the prompt quits, as "quit" does. */
  eof(): void {
    this.quit();
  }

  /** Ctrl-C cancels the line being typed: a fresh prompt. */
  interrupt(): void {
    this.ctx.print([]);
  }

  private live(): number[] {
    return this.messages.map((_, i) => i).filter((i) => !this.messages[i].deleted);
  }

  /** The header summary: one screenful around dot. */
  private headers(): string[] {
    const live = this.live();
    const screen = Math.floor(Math.max(0, live.indexOf(this.dot)) / SCREEN_LINES);
    return live.slice(screen * SCREEN_LINES, (screen + 1) * SCREEN_LINES).map((i) => headerLine(this.messages[i], i + 1, i === this.dot, this.ctx.host.zone));
  }

  private command(line: string): string[] | 'quit' {
    const m = /^([a-zA-Z?=!+-]*)\s*(.*)$/.exec(line)!;
    let [, name, args] = m;
    if (/^\d/.test(line)) {
      name = 'type';
      args = line;
    }
    const first = !this.sawCommand;
    this.sawCommand = true;
    switch (name) {
      case '':
      case 'n':
      case 'next':
      case '+':
        return this.next(first && name === '');
      case '-':
        return this.previous();
      case 't':
      case 'type':
      case 'p':
      case 'print':
        return this.show(args);
      case 'h':
      case 'headers': {
        const lines = this.headers();
        return lines.length > 0 ? lines : ['No more mail.'];
      }
      case 'f':
      case 'from':
        return this.list(args).flatMap((i) => (typeof i === 'number' ? [headerLine(this.messages[i], i + 1, i === this.dot, this.ctx.host.zone)] : [i]));
      case 'd':
      case 'delete':
        return this.remove(args, false);
      case 'dp':
      case 'dt':
        return this.remove(args, true);
      case 'u':
      case 'undelete':
        return this.undelete(args);
      case '=':
        return [String(this.dot + 1)];
      case '?':
      case 'help':
        return HELP;
      case 'q':
      case 'quit':
        this.quit();
        return 'quit';
      case 'x':
      case 'xit':
      case 'ex':
      case 'exit':
        this.ctx.done(0);
        return 'quit';
      case '!':
        return ['mailsim: shell escapes are not simulated in mail'];
      default:
        return [`Unknown command: "${name}"`];
    }
  }

  /**
   * A message list: numbers, ranges ("1-3"), "*" for all, "$" for the last, "." for dot;
   * dot when empty. Bad numbers come back as the text mailx prints for them.
   */
  private list(args: string): (number | string)[] {
    const live = this.live();
    if (args.trim() === '') return live.includes(this.dot) ? [this.dot] : [];
    const out: (number | string)[] = [];
    for (const word of args.trim().split(/\s+/)) {
      if (word === '*') out.push(...live);
      else if (word === '$') out.push(live[live.length - 1]);
      else if (word === '.') out.push(this.dot);
      else {
        const r = /^(\d+)(?:-(\d+))?$/.exec(word);
        if (!r) return [`Unknown message list: ${word}`];
        const from = Number(r[1]);
        const to = r[2] ? Number(r[2]) : from;
        for (let n = from; n <= to; n++) {
          if (n < 1 || n > this.messages.length) return [`${n}: Invalid message number`];
          if (this.messages[n - 1].deleted) return [`${n}: Inappropriate message`];
          out.push(n - 1);
        }
      }
    }
    return out;
  }

  private show(args: string): string[] {
    const out: string[] = [];
    for (const i of this.list(args)) {
      if (typeof i === 'string') return [i];
      this.dot = i;
      this.messages[i].read = true;
      out.push(...messageLines(this.messages[i], i + 1, this.ctx.host.zone));
    }
    return out.length > 0 ? out : ['No applicable messages'];
  }

  private next(showDot: boolean): string[] {
    const live = this.live();
    const after = showDot && live.includes(this.dot) ? this.dot : live.find((i) => i > this.dot);
    if (after === undefined) return ['At EOF'];
    return this.show(String(after + 1));
  }

  private previous(): string[] {
    const before = [...this.live()].reverse().find((i) => i < this.dot);
    if (before === undefined) return ['Referencing before 1'];
    return this.show(String(before + 1));
  }

  /** d: no output; dot moves to the next message left (dp shows it). */
  private remove(args: string, thenPrint: boolean): string[] {
    const picked = this.list(args);
    const bad = picked.find((i) => typeof i === 'string');
    if (bad !== undefined) return [bad as string];
    for (const i of picked as number[]) this.messages[i].deleted = true;
    const last = Math.max(...(picked as number[]), this.dot);
    const live = this.live();
    const next = live.find((i) => i > last) ?? live[live.length - 1];
    if (next !== undefined) this.dot = next;
    if (!thenPrint) return [];
    return next === undefined || next < last ? ['At EOF'] : this.show(String(next + 1));
  }

  private undelete(args: string): string[] {
    const words = args.trim() === '' ? [String(this.dot + 1)] : args.trim().split(/\s+/);
    for (const w of words) {
      const n = Number(w);
      if (!Number.isInteger(n) || n < 1 || n > this.messages.length) return [`${w}: Invalid message number`];
      this.messages[n - 1].deleted = false;
      this.dot = n - 1;
    }
    return [];
  }

  /** quit with "hold" set: deleted messages go, the rest stay in the mailbox, now old. */
  private quit(): void {
    const deleted = new Set(this.messages.filter((m) => m.deleted).map((m) => m.stored));
    for (const m of this.messages) {
      if (m.deleted) continue;
      m.stored.recent = false;
      if (m.read) m.stored.flags.add('\\Seen');
    }
    if (deleted.size > 0) this.box.expunge((s) => deleted.has(s));
    // The UI's mailbox views follow the trace, as they do for POP3 and IMAP.
    const emit = (change: 'expunge' | 'flags', count: number) =>
      this.ctx.world.trace.emit({ kind: 'mailbox', host: this.ctx.host.name, user: this.ctx.user, mailbox: this.box.path, change, count });
    if (deleted.size > 0) emit('expunge', deleted.size);
    if (this.messages.length > deleted.size) emit('flags', this.messages.length - deleted.size);
    const held = this.messages.length - deleted.size;
    const out = held > 0 ? [`Held ${held} message${held === 1 ? '' : 's'} in ${this.box.path}`] : [];
    if (out.length > 0) this.ctx.print(out);
    this.ctx.done(0);
  }
}
