/**
 * COPY and MOVE (and their UID forms): the messages go to another mailbox with their flags
 * (\Recent there for the next session that opens it); the reply says which UIDs they got
 * ([COPYUID uidvalidity source-uids destination-uids]). MOVE then expunges them here.
 */
import { argText } from './imapArgs';
import { resolveMessageSet } from './imapMessageSet';
import { folders, NOT_SELECTABLE } from './imapMailboxCommands';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';
import { uidSetText } from './imapSequence';
import { bumpModseq } from './modseq';
import { settleMaildirNew } from './imapAppend';

export function copy(ctx: CommandContext, move: boolean): CommandResult {
  const view = ctx.s.selected!;
  const setText = ctx.args[0]?.type === 'atom' ? ctx.args[0].value : undefined;
  const target = argText(ctx.args[1]);
  if (setText === undefined || target === undefined) return commandError(ctx, 'Invalid arguments');
  const set = resolveMessageSet(view, setText, ctx.uid);
  if (!set.ok) return commandError(ctx, set.error);
  const box = folders(ctx).box(target);
  if (!box) return no(`[TRYCREATE] ${folders(ctx).isDirectory(target) ? NOT_SELECTABLE : `Mailbox doesn't exist: ${target}`}`);
  if (ctx.s.selected?.box !== box) settleMaildirNew(box);
  const sources: number[] = [];
  const copies: number[] = [];
  for (const seq of set.seqs) {
    const msg = view.message(seq);
    if (!msg) continue;
    const flags = [...msg.flags];
    const copied = box.append(msg.sender, msg.arrived, msg.text, flags);
    sources.push(msg.uid);
    copies.push(copied.uid);
  }
  if (sources.length === 0) return ok(move ? 'Move completed' : 'Copy completed');
  folders(ctx).mark(target);
  bumpModseq(box, copies);
  const code = `[COPYUID ${box.uidValidity} ${uidSetText(sources)} ${uidSetText(copies)}]`;
  if (!move) return ok(`${code} Copy completed`);
  const moved = new Set(sources);
  for (const m of view.box.messages) if (moved.has(m.uid)) m.flags.add('\\Deleted');
  const expunged = view.expungeDeleted(moved);
  ctx.svc.mailboxChanged(ctx.s.user ?? '', view.box.path, 'expunge', expunged.length);
  return ok('Move completed', [`* OK ${code} Moved UIDs.`, ...expunged.map((seq) => `* ${seq} EXPUNGE`)]);
}
