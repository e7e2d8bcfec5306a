/**
 * CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE, with Dovecot's response codes:
 * [ALREADYEXISTS], [NONEXISTENT], [CANNOT] (no folders below an mbox file).
 */
import { argText } from './imapArgs';
import { folders } from './imapMailboxCommands';
import { commandError, no, ok, type CommandContext, type CommandResult } from './imapProcess';

export function create(ctx: CommandContext): CommandResult {
  const raw = argText(ctx.args[0]);
  const sep = folders(ctx).separator;
  const name = raw !== undefined && raw.endsWith(sep) ? raw.slice(0, -1) : raw;
  if (!name) return commandError(ctx, 'Invalid arguments');
  // a name ending in the hierarchy separator asks for a directory (mbox storage)
  switch (folders(ctx).create(name, raw !== name)) {
    case 'badname':
      return no(`[CANNOT] Invalid mailbox name: Name must not have '/' characters`);
    case 'exists':
      return no('[ALREADYEXISTS] Mailbox already exists');
    case 'cannot':
      return no("[CANNOT] Mailbox doesn't allow inferior mailboxes");
    default:
      return ok('Create completed');
  }
}

export function remove(ctx: CommandContext): CommandResult {
  const name = argText(ctx.args[0]);
  if (name === undefined) return commandError(ctx, 'Invalid arguments');
  if (ctx.s.selected && ctx.s.selected.name === name) {
    ctx.s.selected = undefined;
    ctx.s.phase = 'authenticated';
  }
  switch (folders(ctx).delete(name)) {
    case 'inbox':
      return no("INBOX can't be deleted");
    case 'nonexistent':
      return no(`[NONEXISTENT] Mailbox doesn't exist: ${name}`);
    case 'haschildren':
      return no('Mailbox has children, delete them first');
    default:
      return ok('Delete completed');
  }
}

export function rename(ctx: CommandContext): CommandResult {
  const from = argText(ctx.args[0]);
  const to = argText(ctx.args[1]);
  if (from === undefined || to === undefined) return commandError(ctx, 'Invalid arguments');
  switch (folders(ctx).rename(from, to)) {
    case 'nonexistent':
      return no(`[NONEXISTENT] Mailbox doesn't exist: ${from}`);
    case 'exists':
      return no('[ALREADYEXISTS] Target mailbox already exists');
    default:
      return ok('Rename completed');
  }
}

export function subscribe(ctx: CommandContext, on: boolean): CommandResult {
  const name = argText(ctx.args[0]);
  if (name === undefined) return commandError(ctx, 'Invalid arguments');
  const canonical = name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
  if (on) folders(ctx).subscribed.add(canonical);
  else folders(ctx).subscribed.delete(canonical);
  return ok(on ? 'Subscribe completed' : 'Unsubscribe completed');
}
