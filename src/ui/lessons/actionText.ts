/**
 * A solution's action as the steps panel shows it: where it happens and what is done there, as a
 * message key and its values. A typed line is shown as typed; the rest in words.
 */
import type { LiveAction } from '../../sim/scenario/schema';
import type { MessageKey } from '../i18n/en';

export interface ActionText {
  host: string;
  key: MessageKey;
  args: Record<string, string | number>;
  /** Text shown as code (a command line, a file path). */
  code?: string;
}

const printable = (line: string): string => line.replace(/[\x00-\x1f]/g, (c) => (c === '\x03' ? '^C' : c === '\x04' ? '^D' : c === '\x1d' ? '^]' : '?'));

export function actionText(action: LiveAction): ActionText {
  const host = action.host;
  switch (action.action) {
    case 'shell':
      return { host, key: 'act.shell', args: {}, code: printable(action.command) };
    case 'send':
      return { host, key: 'act.send', args: { from: action.from, to: action.to.join(', '), subject: action.subject ?? '', server: action.server ?? host } };
    case 'write':
      return { host, key: 'act.write', args: {}, code: action.path };
    case 'fetch':
      return { host, key: action.protocol === 'imap' ? 'act.fetchImap' : 'act.fetchPop3', args: { user: action.user, server: action.server } };
    case 'dialogue':
      return { host, key: 'act.dialogue', args: { to: action.to, port: action.port ?? 25, n: action.lines.length } };
    case 'up':
      return { host, key: 'act.up', args: {} };
    case 'down':
      return { host, key: 'act.down', args: {} };
  }
}
