/**
 * The words of the compare summary and of message outcomes, in the current language: counts
 * get the singular or plural sentence, outcome kinds their verb.
 */
import { t, type MessageKey } from '../i18n/i18n.svelte';
import type { SummaryItem } from './diffSummary';
import type { Outcome, OutcomeKind } from './journeys';
import type { Side } from './side';

export const sideName = (side: Side) => side.toUpperCase();

export function outcomeWords(kinds: readonly OutcomeKind[]): string {
  return kinds.map((k) => t(`cmp.outcome.${k}` as MessageKey)).join(' / ');
}

export function summaryText(item: SummaryItem): string {
  const key = `cmp.sum.${item.kind}${item.count === 1 ? '.one' : ''}` as MessageKey;
  return t(key, {
    n: item.count,
    a: outcomeWords(item.outcomeA ?? []),
    b: outcomeWords(item.outcomeB ?? []),
    side: item.side ? sideName(item.side) : '',
  });
}

export function outcomeText(o: Outcome): string {
  return t(`cmp.out.${o.kind}` as MessageKey, { host: o.host, detail: o.detail });
}
