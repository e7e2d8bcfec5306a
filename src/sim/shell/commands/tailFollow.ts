/**
 * tail -f: after the last lines, every line appended to the file is printed as it is written —
 * maillog lines as the daemons log them, a mailbox's new messages as local delivers them —
 * until Ctrl-C. It listens to the trace, so it sees exactly what the maillog panel sees.
 */
import type { TraceEvent } from '../../core/trace';
import type { ForegroundProgram, ShellContext } from '../terminal';
import { MAILLOG_PATHS } from './hostFiles';
import { findMailbox, mboxLines } from './mailboxFiles';

export class TailFollower implements ForegroundProgram {
  readonly prompt = '';
  private readonly unsubscribe: () => void;
  private readonly seenMessages = new Set<unknown>();

  constructor(
    private readonly ctx: ShellContext,
    private readonly path: string,
  ) {
    for (const m of findMailbox(ctx.host, path)?.messages ?? []) this.seenMessages.add(m);
    this.unsubscribe = ctx.world.trace.subscribe((e) => this.onEvent(e));
  }

  private onEvent(e: TraceEvent): void {
    if (e.host !== this.ctx.host.name) return;
    if (e.kind === 'log' && MAILLOG_PATHS.includes(this.path)) {
      this.ctx.print([e.line]);
      return;
    }
    if (e.kind === 'delivery') {
      const box = findMailbox(this.ctx.host, this.path);
      for (const m of box?.messages ?? []) {
        if (this.seenMessages.has(m)) continue;
        this.seenMessages.add(m);
        this.ctx.print(mboxLines(m, this.ctx.host.zone));
      }
    }
  }

  input(): void {
    // tail does not read the terminal: what is typed just shows.
  }

  interrupt(): void {
    this.unsubscribe();
    this.ctx.done(130);
  }
}
