/**
 * Work in progress kept in the browser (localStorage), so that a reload or a crashed tab loses
 * nothing: the scenario as edited, the lesson it started from, every live action taken (lines
 * typed, files saved, mail sent — they replay), and where the class was (time, view, panel).
 *
 * Two records: the work, written when it changes (a scenario can be large), and the place,
 * small, written often. What is read back is checked field by field — storage is shared with
 * whatever else ran on this origin — and the scenario is validated again when it is loaded.
 */
import type { Scenario, ScriptStep } from '../../sim/scenario/schema';

export const WORK_KEY = 'mailsim.work';
export const PLACE_KEY = 'mailsim.place';
/** Larger scenarios are not kept (localStorage holds about 5 MB per origin, in UTF-16). */
export const MAX_SAVED_CHARS = 2_000_000;

export interface SavedWork {
  v: 1;
  /** Date.now() when it was written. */
  savedAt: number;
  lessonId?: string;
  scenario: Scenario;
  /** Live actions, with the virtual time each ran at. */
  actions: ScriptStep[];
}

export interface SavedPlace {
  /** Virtual ms at the playhead. */
  time: number;
  view?: string;
  panel?: string;
}

/** The part of the Storage interface used here (tests pass a Map-backed one). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SaveOutcome = 'saved' | 'tooLarge' | 'failed';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(store: KeyValueStore, key: string): unknown {
  try {
    const text = store.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readWork(store: KeyValueStore): SavedWork | undefined {
  const w = readJson(store, WORK_KEY);
  if (!isObject(w) || w.v !== 1 || !isObject(w.scenario) || !Array.isArray(w.actions)) return undefined;
  if (!w.actions.every((a) => isObject(a) && typeof a.action === 'string' && typeof a.at === 'number')) return undefined;
  return {
    v: 1,
    savedAt: typeof w.savedAt === 'number' ? w.savedAt : 0,
    lessonId: typeof w.lessonId === 'string' ? w.lessonId : undefined,
    scenario: w.scenario as unknown as Scenario,
    actions: w.actions as ScriptStep[],
  };
}

export function readPlace(store: KeyValueStore): SavedPlace | undefined {
  const p = readJson(store, PLACE_KEY);
  if (!isObject(p) || typeof p.time !== 'number' || !Number.isFinite(p.time) || p.time < 0) return undefined;
  return {
    time: p.time,
    view: typeof p.view === 'string' ? p.view : undefined,
    panel: typeof p.panel === 'string' ? p.panel : undefined,
  };
}

export function writeWork(store: KeyValueStore, work: SavedWork): SaveOutcome {
  const text = JSON.stringify(work);
  if (text.length > MAX_SAVED_CHARS) {
    // An older, smaller work must not come back in place of this one after a reload.
    forget(store);
    return 'tooLarge';
  }
  try {
    store.setItem(WORK_KEY, text);
    return 'saved';
  } catch {
    return 'failed';
  }
}

export function writePlace(store: KeyValueStore, place: SavedPlace): void {
  try {
    store.setItem(PLACE_KEY, JSON.stringify(place));
  } catch {
    // The place is a convenience; the work record is what matters.
  }
}

export function forget(store: KeyValueStore): void {
  try {
    store.removeItem(WORK_KEY);
    store.removeItem(PLACE_KEY);
  } catch {
    // Blocked storage: nothing was kept either.
  }
}

/** The browser's localStorage, or undefined where it is blocked (private mode, file://, sandbox). */
export function browserStore(): KeyValueStore | undefined {
  try {
    const s = globalThis.localStorage;
    return s ?? undefined;
  } catch {
    return undefined;
  }
}
