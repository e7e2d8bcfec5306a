/**
 * STORE and UID STORE: FLAGS, +FLAGS, -FLAGS (.SILENT). Dovecot answers with the new FLAGS of
 * each message whose flags really changed; a keyword nobody used before is first announced with
 * new FLAGS and PERMANENTFLAGS lines. In a read-only (EXAMINEd) mailbox nothing is stored.
 */
import type { ImapArg } from './imapArgs';
import { flagsAnnouncement, formatFlags, parseFlag } from './imapFlags';
import { resolveMessageSet } from './imapMessageSet';
import { commandError, ok, type CommandContext, type CommandResult } from './imapProcess';
import { addMailboxKeywords } from './mailboxKeywords';
import { bumpModseq, messageModseq } from './modseq';
import { uidSetText } from './imapSequence';

type StoreMode = 'replace' | 'add' | 'remove';

export function storeCommand(ctx: CommandContext): CommandResult {
  const view = ctx.s.selected!;
  const args = [...ctx.args];
  // CONDSTORE: STORE set (UNCHANGEDSINCE modseq) ... changes only messages not modified since
  let unchangedSince: number | undefined;
  if (args[1]?.type === 'list') {
    const [key, value] = args[1].items;
    if (key?.type !== 'atom' || key.value.toUpperCase() !== 'UNCHANGEDSINCE' || value?.type !== 'atom' || !/^\d+$/.test(value.value) || args[1].items.length !== 2) {
      return commandError(ctx, 'Invalid arguments');
    }
    unchangedSince = Number(value.value);
    ctx.s.enabled.add('CONDSTORE');
    args.splice(1, 1);
  }
  const [setArg, itemArg, ...flagArgs] = args;
  const item = itemArg?.type === 'atom' ? /^([+-]?)FLAGS(\.SILENT)?$/i.exec(itemArg.value) : null;
  if (!setArg || setArg.type !== 'atom' || !item || flagArgs.length === 0) return commandError(ctx, 'Invalid arguments');
  const flags = parseFlagArgs(flagArgs);
  if (!flags.ok) return commandError(ctx, flags.error);
  const set = resolveMessageSet(view, setArg.value, ctx.uid);
  if (!set.ok) return commandError(ctx, set.error);
  if (view.readOnly) return ok('Store ignored with read-only mailbox');
  const mode: StoreMode = item[1] === '+' ? 'add' : item[1] === '-' ? 'remove' : 'replace';
  const silent = item[2] !== undefined;
  const untagged: string[] = [];
  const keywords = flags.flags.filter((f) => !f.startsWith('\\'));
  if (mode !== 'remove' && addMailboxKeywords(view.box, keywords)) untagged.push(...flagsAnnouncement(view.keywords, false));
  const changed: { seq: number; uid: number }[] = [];
  const modified: number[] = [];
  for (const seq of set.seqs) {
    const msg = view.message(seq);
    if (!msg) continue;
    if (unchangedSince !== undefined && messageModseq(view.box, msg.uid) > unchangedSince) {
      modified.push(ctx.uid ? msg.uid : seq);
      continue;
    }
    const before = [...msg.flags].sort().join(' ');
    const hadDeleted = msg.flags.has('\\Deleted');
    applyFlags(msg.flags, flags.flags, mode);
    if ([...msg.flags].sort().join(' ') === before) continue;
    changed.push({ seq, uid: msg.uid });
    if (!hadDeleted && msg.flags.has('\\Deleted')) ctx.s.stats.deleted++;
  }
  const modseq = changed.length > 0 ? bumpModseq(view.box, changed.map((c) => c.uid)) : 0;
  if (!silent) {
    for (const { seq, uid } of changed) {
      const msg = view.message(seq)!;
      const uidPart = ctx.uid ? `UID ${uid} ` : '';
      const modseqPart = ctx.s.enabled.has('CONDSTORE') ? `MODSEQ (${modseq}) ` : '';
      untagged.push(`* ${seq} FETCH (${uidPart}${modseqPart}FLAGS ${formatFlags(msg.flags, view.isRecent(msg), view.keywords)})`);
    }
  }
  ctx.svc.mailboxChanged(ctx.s.user ?? '', view.box.path, 'flags', changed.length);
  if (modified.length > 0) return ok(`[MODIFIED ${uidSetText(modified)}] Conditional store failed`, untagged);
  return ok('Store completed', untagged);
}

function parseFlagArgs(args: ImapArg[]): { ok: true; flags: string[] } | { ok: false; error: string } {
  const atoms = args.length === 1 && args[0].type === 'list' ? args[0].items : args;
  const flags: string[] = [];
  for (const a of atoms) {
    if (a.type !== 'atom') return { ok: false, error: 'Invalid arguments' };
    const f = parseFlag(a.value);
    if (!f.ok) return f;
    if (f.flag.toLowerCase() === '\\recent') return { ok: false, error: 'Invalid system flag \\RECENT' };
    flags.push(f.flag);
  }
  return { ok: true, flags };
}

function applyFlags(target: Set<string>, flags: string[], mode: StoreMode): void {
  if (mode === 'replace') {
    target.clear();
    for (const f of flags) target.add(f);
  } else if (mode === 'add') {
    for (const f of flags) target.add(f);
  } else {
    for (const f of flags) {
      target.delete(f);
      for (const existing of target) if (existing.toLowerCase() === f.toLowerCase()) target.delete(existing);
    }
  }
}
