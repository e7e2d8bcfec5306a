/**
 * What the canvas shows at playhead p, as plain data: envelopes resting at their places
 * (aggregated when many), envelopes and packets on their way (an event's animation ends exactly
 * when the event happens), and things that light up for a while (a relay gate, an alias
 * fan-out). A function of (p, trace) only — pause, speed and seek stay exact.
 */
import type { FoldState } from '../../sim/projection/foldState';
import { lingers, motionOf, type Motion, type MotionKind } from '../../sim/projection/motions';
import type { Place } from '../../sim/projection/places';
import type { TraceIndex } from '../../sim/projection/traceIndex';
import type { PaceMap } from '../model/pacing';
import { pointAlong, routeBetween, type Layout, type Point } from './layout';
import { restingEnvelopes, type Resting } from './restingGroups';

export type { Resting };

/** How long a gate or an alias fan-out stays lit after it happened (presentation ms). */
export const LINGER = 3200;
/** The longest animation (see dwellOf). */
const MAX_TRAVEL = 1000;
/** Above this many moving things, labels would only be noise. */
const LABEL_LIMIT = 24;
const MOTION_LIMIT = 3000;

export interface Moving {
  motion: Motion;
  x: number;
  y: number;
  /** 0 at the start, 1 on arrival. */
  progress: number;
  route: Point[];
  showLabel: boolean;
}

export interface Lit {
  motion: Motion;
  x: number;
  y: number;
  /** 1 when fresh, fading to 0. */
  strength: number;
  /** For alias fan-outs: where the targets' mailboxes are. */
  targets: Point[];
  /** Size of the node it lights up. */
  w: number;
  h: number;
}

export interface Scene {
  resting: Resting[];
  moving: Moving[];
  lit: Lit[];
}

export interface SceneInput {
  p: number;
  n: number;
  state: FoldState;
  index: TraceIndex;
  pace: PaceMap;
  layout: Layout;
  hostAt: (address: string, from: string) => string | undefined;
}

const placeKey = (p: Place) => `${p.host}\t${p.node}`;

export function buildScene({ p, n, state, index, pace, layout, hostAt }: SceneInput): Scene {
  const moving: Moving[] = [];
  const lit: Lit[] = [];
  const inMotion = new Set<string>();

  // Upcoming events whose animation is under way.
  const upto = Math.min(pace.countAt(p + MAX_TRAVEL), index.size);
  for (let seq = n; seq < upto && moving.length < MOTION_LIMIT; seq++) {
    const travel = pace.travelOf(seq);
    if (travel <= 0) continue;
    const ps = pace.pOf(seq);
    if (ps - travel > p) continue;
    const motion = motionOf(index.events[seq], index, hostAt);
    if (!motion) continue;
    const progress = Math.max(0, Math.min(1, 1 - (ps - p) / travel));
    if (motion.key) inMotion.add(motion.key);
    if (lingers(motion.kind)) {
      lit.push(litOf(motion, layout, 0.35 + 0.65 * progress));
      continue;
    }
    const route = motion.path.length === 1 ? placePoint(layout, motion.path[0]) : routeThrough(layout, motion.path);
    if (!route) continue;
    const [x, y] = pointAlong(route, motion.kind === 'fail' ? Math.min(progress, 0.55) : progress);
    moving.push({ motion, x, y, progress, route, showLabel: false });
  }
  const labelled = moving.length <= LABEL_LIMIT;
  for (const m of moving) m.showLabel = labelled && m.motion.kind !== 'vanish';

  // Recent events that stay lit.
  for (let seq = pace.countAt(p - LINGER); seq < n; seq++) {
    const e = index.events[seq];
    if (e.kind !== 'decision' && e.kind !== 'alias' && e.kind !== 'sasl') continue;
    const motion = motionOf(e, index, hostAt);
    if (!motion || !lingers(motion.kind)) continue;
    lit.push(litOf(motion, layout, 1 - (p - pace.pOf(seq)) / LINGER));
  }

  return { resting: restingEnvelopes(state, layout, inMotion), moving, lit: latestPerPlace(lit) };
}

/** One lit thing per node and kind — the latest: a busy server makes a decision every few ms. */
function latestPerPlace(lit: Lit[]): Lit[] {
  const best = new Map<string, Lit>();
  for (const l of lit) {
    const key = `${l.motion.kind}\t${placeKey(l.motion.path[0])}`;
    const prev = best.get(key);
    if (!prev || prev.motion.seq < l.motion.seq) best.set(key, l);
  }
  return [...best.values()];
}

function routeThrough(layout: Layout, path: Place[]): Point[] | undefined {
  const points: Point[] = [];
  for (let i = 1; i < path.length; i++) {
    const leg = routeBetween(layout, path[i - 1], path[i]);
    if (!leg) return undefined;
    points.push(...(i === 1 ? leg : leg.slice(1)));
  }
  return points;
}

function placePoint(layout: Layout, place: Place): Point[] | undefined {
  const box = layout.nodes.get(placeKey(place));
  return box ? [[box.x, box.y]] : undefined;
}

function litOf(motion: Motion, layout: Layout, strength: number): Lit {
  const box = layout.nodes.get(placeKey(motion.path[0]));
  const targets: Point[] = [];
  if (motion.kind === 'alias') {
    const list = motion.label.split('→')[1] ?? '';
    for (const target of list.split(',').map((s) => s.trim().replace(/@.*/, ''))) {
      const b = layout.nodes.get(`${motion.path[0].host}\tmailbox:${target}`);
      if (b) targets.push([b.x, b.y]);
    }
  }
  return { motion, x: box?.x ?? 0, y: box?.y ?? 0, w: box?.w ?? 0, h: box?.h ?? 0, strength: Math.max(0, Math.min(1, strength)), targets };
}

export type { MotionKind };
