/**
 * The commands the imap process knows after login, and in which state: `selected` ones answer
 * "BAD No mailbox selected" in the authenticated state.
 */
import { capability, enable, id, logout, namespace, noop } from './imapBasicCommands';
import { fetchCommand } from './imapFetch';
import { list, select, status } from './imapMailboxCommands';
import { idle, type CommandContext, type CommandResult } from './imapProcess';
import { searchCommand } from './imapSearch';
import { check, close, expunge, unselect } from './imapSelectedCommands';
import { storeCommand } from './imapStore';
import { append } from './imapAppend';
import { sortCommand, threadCommand } from './imapSortThread';
import { copy } from './imapCopyCommands';
import { create, remove, rename, subscribe } from './imapFolderCommands';

export interface ImapCommandSpec {
  selected?: boolean;
  anyState?: boolean;
  run(ctx: CommandContext): CommandResult;
}

export const IMAP_COMMANDS: Record<string, ImapCommandSpec> = {
  CAPABILITY: { run: capability },
  NOOP: { run: noop },
  ID: { run: id },
  ENABLE: { run: enable },
  LOGOUT: { run: logout },
  NAMESPACE: { run: namespace },
  IDLE: { run: idle },
  SELECT: { run: (ctx) => select(ctx, false) },
  EXAMINE: { run: (ctx) => select(ctx, true) },
  LIST: { run: (ctx) => list(ctx, false) },
  LSUB: { run: (ctx) => list(ctx, true) },
  STATUS: { run: status },
  CREATE: { run: create },
  DELETE: { run: remove },
  RENAME: { run: rename },
  SUBSCRIBE: { run: (ctx) => subscribe(ctx, true) },
  UNSUBSCRIBE: { run: (ctx) => subscribe(ctx, false) },
  APPEND: { run: append },
  COPY: { selected: true, run: (ctx) => copy(ctx, false) },
  MOVE: { selected: true, run: (ctx) => copy(ctx, true) },
  'UID COPY': { selected: true, run: (ctx) => copy(ctx, false) },
  'UID MOVE': { selected: true, run: (ctx) => copy(ctx, true) },
  CHECK: { selected: true, run: check },
  CLOSE: { selected: true, run: close },
  UNSELECT: { selected: true, run: unselect },
  EXPUNGE: { selected: true, run: expunge },
  FETCH: { selected: true, run: fetchCommand },
  STORE: { selected: true, run: storeCommand },
  SEARCH: { selected: true, run: searchCommand },
  'UID FETCH': { selected: true, run: fetchCommand },
  'UID STORE': { selected: true, run: storeCommand },
  'UID SEARCH': { selected: true, run: searchCommand },
  'UID EXPUNGE': { selected: true, run: expunge },
  SORT: { selected: true, run: sortCommand },
  'UID SORT': { selected: true, run: sortCommand },
  THREAD: { selected: true, run: threadCommand },
  'UID THREAD': { selected: true, run: threadCommand },
};
