/**
 * Commands on the selected mailbox besides FETCH, STORE and SEARCH: CHECK, EXPUNGE,
 * UID EXPUNGE, CLOSE (expunges silently, then leaves) and UNSELECT (just leaves).
 */
import { resolveMessageSet } from './imapMessageSet';
import { commandError, ok, type CommandContext, type CommandResult } from './imapProcess';

export function check(): CommandResult {
  return ok('Check completed');
}

export function expunge(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  let only: Set<number> | undefined;
  if (ctx.uid) {
    const set = resolveMessageSet(view, ctx.args[0]?.type === 'atom' ? ctx.args[0].value : undefined, true);
    if (!set.ok) return commandError(ctx, set.error);
    only = new Set(set.seqs.map((seq) => view.uids[seq - 1]));
  }
  if (view.readOnly) return ok('Expunge completed');
  const seqs = view.expungeDeleted(only);
  record(ctx, seqs.length, view.box.path);
  return ok('Expunge completed', seqs.map((seq) => `* ${seq} EXPUNGE`));
}

export function close(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  if (!view.readOnly) record(ctx, view.expungeDeleted().length, view.box.path);
  leave(ctx);
  return ok('Close completed');
}

export function unselect(ctx: CommandContext): CommandResult {
  leave(ctx);
  return ok('Unselect completed');
}

function leave(ctx: CommandContext): void {
  ctx.s.selected = undefined;
  ctx.s.phase = 'authenticated';
}

function record(ctx: CommandContext, count: number, path: string): void {
  if (count === 0) return;
  ctx.s.stats.expunged += count;
  ctx.svc.mailboxChanged(ctx.s.user ?? '', path, 'expunge', count);
}
