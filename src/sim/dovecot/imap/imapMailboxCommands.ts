/**
 * Commands on mailboxes by name: SELECT and EXAMINE (open one read-write or read-only), LIST,
 * LSUB and STATUS. INBOX is the spool local delivery writes; other folders live under the
 * mail root (mailFolders.ts).
 */
import { argText } from './imapArgs';
import { flagsAnnouncement } from './imapFlags';
import { modseqOf } from './modseq';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';
import { imapAString } from './imapQuote';
import { SelectedMailbox } from './selectedMailbox';
import { wireSize } from '../wireText';

const STATUS_ORDER = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE'];

export function folders(ctx: CommandContext) {
  return ctx.svc.folders(ctx.s.user ?? '');
}

/** INBOX is written INBOX whatever case the client used; folders as they were created. */
export function canonicalName(name: string): string {
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

export function select(ctx: CommandContext, readOnly: boolean): CommandResult {
  const name = argText(ctx.args[0]);
  if (name === undefined || ctx.args.length > 2) return commandError(ctx, 'Invalid arguments');
  const untagged: string[] = [];
  if (ctx.s.selected) {
    untagged.push('* OK [CLOSED] Previous mailbox closed.');
    ctx.s.selected = undefined;
    ctx.s.phase = 'authenticated';
  }
  const box = folders(ctx).box(name);
  if (!box) return no(`Mailbox doesn't exist: ${name}`, untagged);
  const view = new SelectedMailbox(box, canonicalName(name), readOnly);
  if (!readOnly) folders(ctx).unmark(name);
  ctx.s.selected = view;
  ctx.s.phase = 'selected';
  untagged.push(...flagsAnnouncement(view.keywords, readOnly), `* ${view.count} EXISTS`, `* ${view.recent.size} RECENT`);
  const unseen = view.firstUnseen();
  if (unseen !== undefined) untagged.push(`* OK [UNSEEN ${unseen}] First unseen.`);
  untagged.push(`* OK [UIDVALIDITY ${box.uidValidity}] UIDs valid`, `* OK [UIDNEXT ${box.uidNext}] Predicted next UID`);
  if (ctx.s.enabled.has('CONDSTORE') || ctx.s.enabled.has('QRESYNC')) untagged.push(`* OK [HIGHESTMODSEQ ${modseqOf(box).highest}] Highest`);
  return ok(readOnly ? '[READ-ONLY] Examine completed' : '[READ-WRITE] Select completed', untagged);
}

export function list(ctx: CommandContext, subscribed: boolean): CommandResult {
  const reference = argText(ctx.args[0]);
  const pattern = argText(ctx.args[1]);
  if (reference === undefined) return commandError(ctx, 'Invalid reference');
  if (pattern === undefined) return commandError(ctx, 'Invalid arguments');
  const verb = subscribed ? 'LSUB' : 'LIST';
  const done = subscribed ? 'Lsub completed' : 'List completed';
  if (pattern === '' && !subscribed) return ok(done, ['* LIST (\\Noselect) "/" ""']);
  const f = folders(ctx);
  const lines: string[] = [];
  for (const name of f.list()) {
    if (!matchesPattern(name, reference + pattern)) continue;
    if (subscribed) {
      if (f.subscribed.has(name)) lines.push(`* LSUB () "/" ${imapAString(name)}`);
      continue;
    }
    const marked = f.isMarked(name) ? ' \\Marked' : '';
    lines.push(`* LIST (\\NoInferiors${marked}) "/" ${imapAString(name)}`);
  }
  if (matchesPattern('INBOX', reference + pattern)) {
    if (!subscribed) lines.push('* LIST (\\HasNoChildren) "/" INBOX');
    else if (f.subscribed.has('INBOX')) lines.push('* LSUB () "/" INBOX');
  }
  return ok(done, lines);
}

/** LIST wildcards: "*" matches anything, "%" anything but the hierarchy separator; INBOX in any case. */
function matchesPattern(name: string, pattern: string): boolean {
  const re = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/%/g, '[^/]*');
  return new RegExp(`^${re}$`, name === 'INBOX' ? 'i' : '').test(name);
}

export function status(ctx: CommandContext): CommandResult {
  const name = argText(ctx.args[0]);
  const items = ctx.args[1];
  if (name === undefined || !items || items.type !== 'list') return commandError(ctx, 'Invalid arguments');
  const wanted: string[] = [];
  for (const i of items.items) {
    const item = argText(i)?.toUpperCase();
    if (!item || !STATUS_ORDER.includes(item)) return commandError(ctx, `Invalid status item ${item ?? ''}`.trim());
    wanted.push(item);
  }
  const box = folders(ctx).box(name);
  if (!box) return no(`Mailbox doesn't exist: ${name}`);
  const selected = ctx.s.selected?.box === box ? ctx.s.selected : undefined;
  folders(ctx).unmark(name);
  const values: Record<string, number> = {
    MESSAGES: box.messages.length,
    RECENT: selected ? selected.recent.size : box.messages.filter((m) => m.recent).length,
    UIDNEXT: box.uidNext,
    UIDVALIDITY: box.uidValidity,
    UNSEEN: box.messages.filter((m) => !m.flags.has('\\Seen')).length,
    HIGHESTMODSEQ: modseqOf(box).highest,
    SIZE: box.messages.reduce((n, m) => n + wireSize(m.text), 0),
  };
  const parts = STATUS_ORDER.filter((k) => wanted.includes(k)).map((k) => `${k} ${values[k]}`);
  const line = `* STATUS ${imapAString(canonicalName(name))} (${parts.join(' ')})`;
  return ok(selected ? '[CLIENTBUG] Status on selected mailbox completed' : 'Status completed', [line]);
}
