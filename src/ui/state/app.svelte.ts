/**
 * The page's state in one place, handed to components through Svelte context: the session (worker
 * and trace), the player (playhead), what is selected, which view and panel are shown, and the
 * open terminals.
 */
import { getContext, setContext } from 'svelte';
import { Player } from './player.svelte';
import type { Selection } from './selection';
import { Session } from './session.svelte';
import { Terminals } from './terminals.svelte';

export type ViewId = 'topology' | 'sequence' | 'statechart' | 'webmail' | 'editor' | 'scenario';
export type PanelId = 'explain' | 'dialogue' | 'maillog' | 'queue' | 'mailbox' | 'inspector';

export class AppState {
  readonly session = new Session();
  readonly player = new Player(this.session);
  readonly terminals = new Terminals();
  selection = $state.raw<Selection | undefined>(undefined);
  view = $state<ViewId>('topology');
  panel = $state<PanelId>('explain');
  shortcutsOpen = $state(false);
  /** A host the mailbox / queue panels show when nothing more specific is selected. */
  focusHost = $state<string | undefined>(undefined);

  select(selection: Selection | undefined, show = true): void {
    this.selection = selection;
    if (selection && 'host' in selection) this.focusHost = selection.host;
    if (selection && show) this.panel = 'inspector';
  }

  /** The host to show by default: the selected one, else the first server. */
  get currentHost(): string | undefined {
    const info = this.session.info;
    if (!info) return undefined;
    if (this.focusHost && info.hosts.some((h) => h.name === this.focusHost)) return this.focusHost;
    return (info.hosts.find((h) => h.postfix) ?? info.hosts[0])?.name;
  }
}

const KEY = Symbol('mailsim.app');

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('mailsim: component used outside the app');
  return app;
}
