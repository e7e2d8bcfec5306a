/**
 * Envelopes resting at their places, grouped per place and kind. Grouping walks every message in
 * the mail system; with 5,000 of them that was ~3 ms of each animation frame, although the
 * projected state only changes when the playhead passes an event. So the walk is kept per
 * (state, event count, layout), and each frame only takes out the few envelopes in motion.
 */
import type { FoldState } from '../../sim/projection/foldState';
import type { Place } from '../../sim/projection/places';
import type { Layout } from './layout';

export type RestingKind = 'envelope' | 'bounce' | 'pending';

export interface Resting {
  place: Place;
  x: number;
  y: number;
  count: number;
  /** Keys of the envelopes here (host\tqueueId or conn:N), for clicks. */
  keys: string[];
  kind: RestingKind;
}

/** Clicks need a few keys per group, not thousands. */
const KEYS_PER_GROUP = 64;

interface Group {
  place: Place;
  x: number;
  y: number;
  kind: RestingKind;
  /** Every envelope here, in the state's order. */
  members: string[];
  /** Each member's position in the walk over the whole state (messages, then pending). */
  ordinals: number[];
}

interface Grouping {
  n: number;
  layout: Layout;
  groups: Group[];
  /** host -> node -> kind -> index of the group. */
  byPlace: Map<string, Map<string, Partial<Record<RestingKind, number>>>>;
}

/** The projector keeps one working state object and moves it forward, so its event count is part of the key. */
const cache = new WeakMap<FoldState, Grouping>();

const placeKey = (p: Place) => `${p.host}\t${p.node}`;

/** The resting groups at `state`, without the envelopes in `inMotion` (drawn on their way instead). */
export function restingEnvelopes(state: FoldState, layout: Layout, inMotion: ReadonlySet<string>): Resting[] {
  const grouping = groupingOf(state, layout);
  if (inMotion.size === 0) return grouping.groups.map((g) => restingOf(g, g.members.length, g.members.slice(0, KEYS_PER_GROUP)));
  const moving = new Array<number>(grouping.groups.length).fill(0);
  for (const key of inMotion) {
    const i = groupOfKey(grouping, state, key);
    if (i !== undefined) moving[i]++;
  }
  // A group is listed where its first envelope not in motion is (the draw order of a full walk).
  const out: { first: number; resting: Resting }[] = [];
  grouping.groups.forEach((g, i) => {
    const count = g.members.length - moving[i];
    if (count === 0) return;
    const keys: string[] = [];
    let first = -1;
    for (let k = 0; k < g.members.length && keys.length < KEYS_PER_GROUP; k++) {
      if (inMotion.has(g.members[k])) continue;
      if (first < 0) first = g.ordinals[k];
      keys.push(g.members[k]);
    }
    out.push({ first, resting: restingOf(g, count, keys) });
  });
  return out.sort((a, b) => a.first - b.first).map((o) => o.resting);
}

function restingOf(g: Group, count: number, keys: string[]): Resting {
  return { place: g.place, x: g.x, y: g.y, count, keys, kind: g.kind };
}

/** The group an envelope rests in, found from the state rather than a map of every key (cheaper to walk). */
function groupOfKey(grouping: Grouping, state: FoldState, key: string): number | undefined {
  if (key.startsWith('conn:')) {
    const pending = state.pending.get(Number(key.slice(5)));
    return pending && grouping.byPlace.get(pending.server.host)?.get(pending.server.node)?.pending;
  }
  const m = state.messages.get(key);
  return m && grouping.byPlace.get(m.host)?.get(m.node)?.[kindOf(m.origin)];
}

const kindOf = (origin: string): RestingKind => (origin === 'bounce' ? 'bounce' : 'envelope');

function groupingOf(state: FoldState, layout: Layout): Grouping {
  const known = cache.get(state);
  if (known && known.n === state.n && known.layout === layout) return known;
  const grouping = walk(state, layout);
  cache.set(state, grouping);
  return grouping;
}

function walk(state: FoldState, layout: Layout): Grouping {
  const groups: Group[] = [];
  const byPlace: Grouping['byPlace'] = new Map();
  let ordinal = 0;
  const put = (host: string, node: Place['node'], key: string, kind: RestingKind) => {
    let nodes = byPlace.get(host);
    if (!nodes) byPlace.set(host, (nodes = new Map()));
    let kinds = nodes.get(node);
    if (!kinds) nodes.set(node, (kinds = {}));
    let i = kinds[kind];
    if (i === undefined) {
      const place = { host, node };
      const box = layout.nodes.get(placeKey(place));
      if (!box) return;
      i = kinds[kind] = groups.length;
      groups.push({ place, x: box.x, y: box.y, kind, members: [], ordinals: [] });
    }
    groups[i].members.push(key);
    groups[i].ordinals.push(ordinal++);
  };
  for (const [key, m] of state.messages) put(m.host, m.node, key, kindOf(m.origin));
  for (const [conn, pending] of state.pending) put(pending.server.host, pending.server.node, `conn:${conn}`, 'pending');
  return { n: state.n, layout, groups, byPlace };
}
