/**
 * The interface in both languages: every text that is English prose (not a program name, a
 * command or protocol text, which stay as the programs print them) has a Chinese translation.
 */
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import { zhCN } from '../../src/ui/i18n/zh-CN';

/** Two or more plain English words outside placeholders, quotes and code: prose to translate. */
function isProse(text: string): boolean {
  const words = text
    .replace(/\{\w+\}/g, ' ')
    .replace(/\/\S*/g, ' ')
    .replace(/“[^”]*”|"[^"]*"|'[^']*'/g, ' ')
    .match(/\b[a-z]{3,}\b/g);
  return (words?.length ?? 0) >= 2;
}

describe('the Chinese interface', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('has every key of the English one', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
  });

  it('translates every English sentence', () => {
    const untranslated = keys.filter((k) => isProse(en[k]) && !/[\u4e00-\u9fff]/.test(zhCN[k]));
    expect(untranslated).toEqual([]);
  });

  it('keeps every placeholder of the English text', () => {
    for (const k of keys) {
      const names = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(names(zhCN[k]), k).toEqual(names(en[k]));
    }
  });
});
