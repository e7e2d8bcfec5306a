/**
 * Everything that puts a scenario on screen: a lesson from the library, a shared link (at start
 * and when the address's fragment changes), saved work after a reload, a scenario file. Each one
 * loads the scenario into the engine, resets the terminals, sets the lesson whose steps apply,
 * and restores the position, views and language it carries.
 */
import { DEFAULT_LESSON_ID, lessonById } from '../../lessons';
import { diffScenario } from '../../share/scenarioDiff';
import type { LessonSource } from '../../share/urlCodec';
import type { Scenario, ScriptStep } from '../../sim/scenario/schema';
import { i18n, type Lang } from '../i18n/i18n.svelte';
import { compareMode } from '../compare/compareMode.svelte';
import { browserStore, forget, readPlace, readWork } from '../persist/savedWork';
import { isShareFragment } from '../share/shareLink';
import type { AppState, PanelId, ViewId } from './app.svelte';
import { settings } from './settings.svelte';

export const lessonSource: LessonSource = { scenarioOf: (id) => lessonById(id)?.scenario };

const VIEWS: readonly ViewId[] = ['topology', 'sequence', 'statechart', 'webmail', 'editor', 'scenario'];
const PANELS: readonly PanelId[] = ['lesson', 'explain', 'dialogue', 'maillog', 'queue', 'mailbox', 'inspector'];

export interface OpenOptions {
  lessonId?: string;
  /** Virtual ms to go to once computed. */
  time?: number;
  /** View and panel names (a link's or saved work's); unknown names are ignored. */
  panels?: readonly string[];
  /** Live actions taken before (saved work): they replay and stay the session's actions. */
  actions?: ScriptStep[];
}

/** Loads a scenario with everything that goes with it. False when it does not load (the error is shown). */
export async function openScenario(app: AppState, scenario: Scenario, options: OpenOptions = {}): Promise<boolean> {
  const session = app.session;
  const ok = options.actions?.length ? await session.restore(scenario, options.actions, { pace: settings.pace }) : await session.load(scenario, { pace: settings.pace });
  if (!ok) return false;
  app.terminals.reset(scenario.hosts.map((h) => h.name));
  app.select(undefined, false);
  app.lesson.set(options.lessonId);
  const steps = app.lesson.lesson?.steps.length ?? 0;
  app.view = 'topology';
  app.panel = steps > 0 ? 'lesson' : 'explain';
  for (const name of options.panels ?? []) {
    if ((VIEWS as readonly string[]).includes(name)) app.view = name as ViewId;
    else if ((PANELS as readonly string[]).includes(name)) app.panel = name as PanelId;
  }
  if (options.time) app.player.seekTimeWhenReady(options.time);
  return true;
}

export async function openLesson(app: AppState, id: string): Promise<boolean> {
  const lesson = lessonById(id);
  if (!lesson) return false;
  return openScenario(app, structuredClone(lesson.scenario), { lessonId: id });
}

/** Opens a shared link's fragment; a link that cannot be opened says why and opens the default lesson. */
export async function openLink(app: AppState, fragment: string): Promise<boolean> {
  // The codec (with the scenario validation) loads only when there is a link to read.
  const { decodeState } = await import('../../share/urlCodec');
  const decoded = await decodeState(fragment, lessonSource);
  if ('error' in decoded) {
    console.warn(`mailsim: link not opened: ${decoded.error}`);
    await openLesson(app, DEFAULT_LESSON_ID);
    app.notice = { kind: 'linkError', code: decoded.code, args: decoded.args };
    return false;
  }
  const { state } = decoded;
  if (state.lang === 'en' || state.lang === 'zh-CN') i18n.set(state.lang as Lang);
  const ok = await openScenario(app, state.scenario, { lessonId: state.lessonId, time: state.time, panels: state.panels });
  if (!ok) {
    // Valid by the link's checks yet refused by the engine: still never a blank page.
    await openLesson(app, DEFAULT_LESSON_ID);
    app.notice = { kind: 'linkError', code: 'invalid', args: { path: '', message: app.session.error?.issues?.[0]?.message ?? '' } };
    return false;
  }
  // A shared comparison opens compare mode over the classroom, which holds A.
  if (state.compareWith) compareMode.open(state.scenario, state.compareWith);
  const base = state.lessonId ? lessonSource.scenarioOf(state.lessonId) : undefined;
  app.notice = { kind: 'linkOpened', lessonId: state.lessonId, title: state.scenario.title, changes: base ? diffScenario(base, state.scenario).length : 0 };
  return true;
}

/** Reopens the work saved in this browser. False when there is none (or it no longer loads). */
export async function openSavedWork(app: AppState): Promise<boolean> {
  const store = browserStore();
  const work = store && readWork(store);
  if (!store || !work) return false;
  const place = readPlace(store);
  const panels = place ? [place.view, place.panel].filter((x): x is string => !!x) : undefined;
  const ok = await openScenario(app, work.scenario, { lessonId: work.lessonId, actions: work.actions, time: place?.time, panels });
  if (!ok) {
    forget(store);
    app.session.dismissError();
    app.notice = { kind: 'restoreFailed' };
    return false;
  }
  const base = work.lessonId ? lessonSource.scenarioOf(work.lessonId) : undefined;
  const changes = base ? diffScenario(base, work.scenario).length : 0;
  if (changes > 0 || work.actions.length > 0 || !base) {
    app.notice = { kind: 'restored', savedAt: work.savedAt, lessonId: work.lessonId, title: work.scenario.title, changes, actions: work.actions.length };
  }
  return true;
}

/** At start: a link in the address wins, then saved work, then the default lesson. */
export async function openAtStart(app: AppState, hash: string): Promise<void> {
  if (isShareFragment(hash)) {
    await openLink(app, hash);
    clearFragment();
    return;
  }
  if (await openSavedWork(app)) return;
  await openLesson(app, DEFAULT_LESSON_ID);
}

/**
 * Once opened, a link leaves the address: a reload must bring back the work done since (saved
 * work), not the link as it was. replaceState fires no hashchange and adds no history entry.
 */
export function clearFragment(): void {
  const keep = /^#e2e(&|$)/.test(location.hash) ? '#e2e' : '';
  history.replaceState(history.state, '', `${location.pathname}${location.search}${keep}`);
}
