/**
 * An event's explanation in the current language (see explain.ts for the keys).
 */
import type { TraceEvent } from '../../sim/core/trace';
import type { TraceIndex } from '../../sim/projection/traceIndex';
import { i18n } from '../i18n/i18n.svelte';
import { explainEvent, reasonZh } from './explain';

export function describeEvent(e: TraceEvent, index: TraceIndex): { text: string; more?: string } {
  const x = explainEvent(e, index);
  const args = { ...x.args };
  if (i18n.lang === 'zh-CN' && typeof args.reason === 'string') args.reason = reasonZh(args.reason);
  const text = i18n.tDynamic(x.key, args, `${e.kind} ${e.host}`);
  const more = x.more ? i18n.tDynamic(x.more.key, { ...x.more.args, ...args }, '') : undefined;
  return { text, ...(more ? { more } : {}) };
}
