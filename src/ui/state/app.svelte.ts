/**
 * The page's state in one place, handed to components through Svelte context: the session (worker
 * and trace), the player (playhead), what is selected, which view and panel are shown, and the
 * open terminals.
 */
import { getContext, setContext } from 'svelte';
import { Autosave } from './autosave.svelte';
import { LessonProgress } from './lessonProgress.svelte';
import type { Notice } from './notice';
import { Player } from './player.svelte';
import type { Selection } from './selection';
import { Session } from './session.svelte';
import { Terminals } from './terminals.svelte';

export type ViewId = 'topology' | 'sequence' | 'statechart' | 'webmail' | 'editor' | 'scenario';
export type PanelId = 'lesson' | 'explain' | 'dialogue' | 'maillog' | 'queue' | 'mailbox' | 'inspector';

export class AppState {
  readonly session = new Session();
  readonly player = new Player(this.session);
  readonly terminals = new Terminals();
  /** The lesson whose steps are checked, and their results. */
  readonly lesson = new LessonProgress(this.session);
  readonly autosave = new Autosave(this);
  /** How the page opened (a link, saved work), until dismissed. */
  notice = $state.raw<Notice | undefined>(undefined);
  /** The lesson library and share dialogs (loaded on first use). */
  libraryOpen = $state(false);
  shareOpen = $state(false);
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
