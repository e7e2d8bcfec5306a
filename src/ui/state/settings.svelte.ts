/**
 * Display settings a teacher sets once per projector: theme and pace, remembered locally.
 */
import type { PaceMode } from '../model/pacing';

export type Theme = 'light' | 'dark';

function load<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = globalThis.localStorage?.getItem(key);
    if (v && (allowed as readonly string[]).includes(v)) return v as T;
  } catch {
    // Blocked storage: use the default.
  }
  return fallback;
}

function save(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not remembered; the setting still applies now.
  }
}

const prefersDark = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

class Settings {
  theme = $state<Theme>(load('mailsim.theme', ['light', 'dark'] as const, prefersDark() ? 'dark' : 'light'));
  pace = $state<PaceMode>(load('mailsim.pace', ['story', 'real'] as const, 'story'));

  setTheme(theme: Theme): void {
    this.theme = theme;
    save('mailsim.theme', theme);
  }

  setPace(pace: PaceMode): void {
    this.pace = pace;
    save('mailsim.pace', pace);
  }
}

export const settings = new Settings();
