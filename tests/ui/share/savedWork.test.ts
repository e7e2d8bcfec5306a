/**
 * Saved work as read back from storage: what was written comes back; anything else on the
 * origin under the same key (another version, a hand-edited value, junk) is ignored, never
 * thrown; a scenario too large for localStorage is not kept, and an older one does not survive it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LESSON } from '../../../src/lessons/defaultLesson';
import { forget, MAX_SAVED_CHARS, PLACE_KEY, readPlace, readWork, WORK_KEY, writePlace, writeWork, type KeyValueStore, type SavedWork } from '../../../src/ui/persist/savedWork';

function memoryStore(quota = Infinity): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

const work: SavedWork = {
  v: 1,
  savedAt: 1_700_000_000_000,
  lessonId: 'telnet',
  scenario: DEFAULT_LESSON,
  actions: [{ at: 2500, host: 'mail.example.com', action: 'shell', command: 'postconf -n' }],
};

describe('saved work', () => {
  it('reads back what it wrote, with the place', () => {
    const store = memoryStore();
    expect(writeWork(store, work)).toBe('saved');
    writePlace(store, { time: 1234.5, view: 'sequence', panel: 'maillog' });
    expect(readWork(store)).toEqual(work);
    expect(readPlace(store)).toEqual({ time: 1234.5, view: 'sequence', panel: 'maillog' });
    forget(store);
    expect(readWork(store)).toBeUndefined();
    expect(readPlace(store)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...work, v: 2 })],
    ['no scenario', JSON.stringify({ ...work, scenario: 'x' })],
    ['actions that are not actions', JSON.stringify({ ...work, actions: [{ at: 'soon' }] })],
    ['a list', '[]'],
  ])('ignores a record that is %s', (_what, text) => {
    const store = memoryStore();
    store.setItem(WORK_KEY, text);
    expect(readWork(store)).toBeUndefined();
  });

  it('drops a place with a time that is not a time, and fields of the wrong type', () => {
    const store = memoryStore();
    store.setItem(PLACE_KEY, JSON.stringify({ time: -1 }));
    expect(readPlace(store)).toBeUndefined();
    store.setItem(PLACE_KEY, JSON.stringify({ time: 5, view: 3, panel: 'queue' }));
    expect(readPlace(store)).toEqual({ time: 5, view: undefined, panel: 'queue' });
  });

  it('does not keep a scenario too large for the browser, nor the older work it replaces', () => {
    const store = memoryStore();
    writeWork(store, work);
    const huge = { ...work, scenario: { ...DEFAULT_LESSON, title: 'x'.repeat(MAX_SAVED_CHARS) } };
    expect(writeWork(store, huge)).toBe('tooLarge');
    expect(readWork(store)).toBeUndefined();
  });

  it('says so when the browser refuses to store it', () => {
    expect(writeWork(memoryStore(100), work)).toBe('failed');
  });
});
