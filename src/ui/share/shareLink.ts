/**
 * What a shared link carries from the page: the scenario as the class has it now (the live
 * actions included, so the receiver sees the same configuration and terminals), the lesson it
 * started from, the clock at the playhead, the language, and the view and panel when they are
 * not the ones a lesson opens with.
 */
import type { SharedState } from '../../share/urlCodec';
import type { AppState } from '../state/app.svelte';

/** The view and panel worth carrying: only those that differ from what opening the link shows anyway. */
export function panelsToShare(view: string, panel: string, hasSteps: boolean): string[] {
  const out: string[] = [];
  if (view !== 'topology') out.push(view);
  if (panel !== (hasSteps ? 'lesson' : 'explain')) out.push(panel);
  return out;
}

export function sharedStateOf(app: AppState, lang: string): SharedState | undefined {
  const scenario = app.session.recording();
  if (!scenario) return undefined;
  const hasSteps = (app.lesson.lesson?.steps.length ?? 0) > 0;
  return {
    scenario,
    lessonId: app.lesson.id,
    time: app.player.t,
    lang,
    panels: panelsToShare(app.view, app.panel, hasSteps),
  };
}

/** Does this fragment carry a scenario? (#e2e and an empty fragment do not.) */
export function isShareFragment(hash: string): boolean {
  return /^#?(S=|L=|.*&L=)/.test(hash);
}

/** The page's address with `fragment` in place of its own. */
export function linkFor(pageUrl: string, fragment: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  return `${url.href.replace(/#$/, '')}${fragment}`;
}
