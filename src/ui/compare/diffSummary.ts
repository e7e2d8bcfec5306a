/**
 * The compact summary at the top of compare mode: "3 replies differ, 1 relay decision differs,
 * 1 message delivered in A but rejected in B, 9 maillog lines differ". Each item keeps where its
 * differences are, so that picking it moves the timeline to the first one.
 */
import type { CompareDiff, Where } from './compareDiff';
import { outcomeKinds, type Journey, type OutcomeKind } from './journeys';
import type { Side } from './side';

export type SummaryPanel = 'dialogue' | 'outcomes' | 'maillog';

export interface SummaryItem {
  /** Stable within one diff: the item's id for the page and the tests. */
  id: string;
  kind: 'replies' | 'decisions' | 'outcome' | 'route' | 'messageOnly' | 'connOnly' | 'logs';
  count: number;
  /** For 'outcome': how the messages ended in A and in B. */
  outcomeA?: OutcomeKind[];
  outcomeB?: OutcomeKind[];
  /** For the "only in" kinds: the run that has them. */
  side?: Side;
  /** Every difference the item counts. */
  wheres: Where[];
  /** The panel that lists these differences. */
  panel: SummaryPanel;
}

/** How final an outcome is, for ordering the words ("delivered" before "deferred"). */
const ORDER: OutcomeKind[] = ['delivered', 'relayed', 'queued', 'deferred', 'bounced', 'rejected'];

function kinds(j: Journey | undefined): OutcomeKind[] {
  return j ? outcomeKinds(j).sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y)) : [];
}

export function summarize(diff: CompareDiff): SummaryItem[] {
  const items: SummaryItem[] = [];
  if (diff.replies.length > 0) items.push({ id: 'replies', kind: 'replies', count: diff.replies.length, wheres: diff.replies.map((r) => r.at), panel: 'dialogue' });
  if (diff.decisions.length > 0) items.push({ id: 'decisions', kind: 'decisions', count: diff.decisions.length, wheres: diff.decisions.map((d) => d.at), panel: 'dialogue' });

  const outcomes = new Map<string, SummaryItem>();
  for (const j of diff.journeys) {
    if (j.kind === 'outcome') {
      const a = kinds(j.a);
      const b = kinds(j.b);
      const id = `outcome:${a.join('+')}>${b.join('+')}`;
      const item = outcomes.get(id) ?? { id, kind: 'outcome', count: 0, outcomeA: a, outcomeB: b, wheres: [], panel: 'outcomes' };
      item.count++;
      item.wheres.push(j.at);
      outcomes.set(id, item);
    } else {
      const side: Side | undefined = j.kind === 'only' ? (j.a ? 'a' : 'b') : undefined;
      const id = j.kind === 'route' ? 'route' : `messageOnly:${side}`;
      const item = outcomes.get(id) ?? { id, kind: j.kind === 'route' ? 'route' : 'messageOnly', count: 0, side, wheres: [], panel: 'outcomes' };
      item.count++;
      item.wheres.push(j.at);
      outcomes.set(id, item);
    }
  }
  items.push(...outcomes.values());

  for (const side of ['a', 'b'] as const) {
    const conns = diff.conns.filter((c) => c.side === side);
    if (conns.length > 0) items.push({ id: `connOnly:${side}`, kind: 'connOnly', count: conns.length, side, wheres: conns.map((c) => c.at), panel: 'dialogue' });
  }
  const logs = diff.logs.a.length + diff.logs.b.length;
  if (logs > 0) {
    items.push({ id: 'logs', kind: 'logs', count: logs, wheres: [...diff.logs.a.map((a) => ({ a })), ...diff.logs.b.map((b) => ({ b }))], panel: 'maillog' });
  }
  return items;
}
