/**
 * The interface language: English or Simplified Chinese, switchable at any time and remembered
 * in localStorage. `t(key, args)` reads the current language, so every text in a template updates
 * when it changes. The dictionaries are typed: zh-CN must have every key en has.
 */
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { fill } from './format';

export type Lang = 'en' | 'zh-CN';
export const LANGS: { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '中文' },
];

const STORAGE_KEY = 'mailsim.lang';
const DICTS: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage can be blocked (private mode, file://); the default language is fine then.
  }
  const nav = globalThis.navigator?.language ?? 'en';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

class I18n {
  lang = $state<Lang>(initialLang());

  set(lang: Lang): void {
    this.lang = lang;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered, still switched.
    }
    if (globalThis.document) document.documentElement.lang = lang;
  }

  t(key: MessageKey, args?: Record<string, string | number>): string {
    return fill(DICTS[this.lang][key] ?? en[key] ?? key, args);
  }

  /** For keys built at run time (explanations): falls back to `fallback` when unknown. */
  tDynamic(key: string, args?: Record<string, string | number>, fallback?: string): string {
    const dict = DICTS[this.lang] as Record<string, string>;
    const text = dict[key] ?? (en as Record<string, string>)[key];
    return text === undefined ? (fallback ?? key) : fill(text, args);
  }

  has(key: string): boolean {
    return key in en;
  }
}

export const i18n = new I18n();
export const t = (key: MessageKey, args?: Record<string, string | number>) => i18n.t(key, args);
export type { MessageKey };
