/**
 * Keeps the work in progress in the browser as it changes: the work record shortly after a new
 * scenario or a live action (a scenario can be large, so not on every frame), the place every
 * few seconds and when the page is hidden or closed. Off until the page has opened what it
 * starts with, so that the saved work is read before anything overwrites it.
 */
import { browserStore, forget, writePlace, writeWork, type KeyValueStore, type SaveOutcome } from '../persist/savedWork';
import type { AppState } from './app.svelte';

const WORK_DELAY = 800;
const PLACE_INTERVAL = 2000;

export class Autosave {
  /** What happened to the last write ('off' before the first one, or where storage is blocked). */
  status = $state<SaveOutcome | 'off'>('off');
  savedAt = $state(0);
  private store?: KeyValueStore;
  private workTimer?: ReturnType<typeof setTimeout>;
  private placeTimer?: ReturnType<typeof setInterval>;
  private lastPlace = '';

  constructor(private readonly app: AppState) {}

  get enabled(): boolean {
    return this.store !== undefined;
  }

  start(): void {
    if (this.store) return;
    this.store = browserStore();
    if (!this.store) return;
    this.placeTimer = setInterval(() => this.savePlace(), PLACE_INTERVAL);
    addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.workChanged();
  }

  stop(): void {
    clearTimeout(this.workTimer);
    clearInterval(this.placeTimer);
    removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.store = undefined;
  }

  /** The scenario, the lesson or the live actions changed. */
  workChanged(): void {
    if (!this.store) return;
    clearTimeout(this.workTimer);
    this.workTimer = setTimeout(() => this.saveWork(), WORK_DELAY);
  }

  /** Forgets the saved work (the page keeps what it shows). */
  discard(): void {
    clearTimeout(this.workTimer);
    if (this.store) forget(this.store);
    this.lastPlace = '';
    this.status = 'off';
  }

  private saveWork(): void {
    const session = this.app.session;
    if (!this.store || !session.scenario) return;
    const savedAt = Date.now();
    this.status = writeWork(this.store, { v: 1, savedAt, lessonId: this.app.lesson.id, scenario: session.scenario, actions: [...session.actions] });
    if (this.status === 'saved') this.savedAt = savedAt;
    this.savePlace();
  }

  private savePlace(): void {
    if (!this.store || this.status !== 'saved') return;
    const place = { time: Math.round(this.app.player.t), view: this.app.view, panel: this.app.panel };
    const text = JSON.stringify(place);
    if (text === this.lastPlace) return;
    this.lastPlace = text;
    writePlace(this.store, place);
  }

  private flush = (): void => {
    if (this.workTimer) {
      clearTimeout(this.workTimer);
      this.workTimer = undefined;
      this.saveWork();
    } else this.savePlace();
  };

  private onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.flush();
  };
}
