/**
 * Places a daemon's states for drawing: columns by distance from the initial state (so a session
 * reads left to right: ready → mail → rcpt → data), rows within a column, and a curved path per
 * transition. d3 computes the bands; the view draws.
 */
import { scalePoint } from 'd3-scale';
import type { MachineGraph } from '../../sim/introspect/machineGraph';

export interface PlacedState {
  id: string;
  label: string;
  x: number;
  y: number;
  final: boolean;
}

export interface PlacedEdge {
  key: string;
  source: string;
  target: string;
  label: string;
  path: string;
  labelX: number;
  labelY: number;
}

export interface ChartLayout {
  states: PlacedState[];
  edges: PlacedEdge[];
  /** Transitions taken from any state (declared on the machine itself). */
  anyState: { event: string; target: string }[];
  width: number;
  height: number;
  nodeW: number;
  nodeH: number;
}

export function layoutChart(graph: MachineGraph, width: number, height: number): ChartLayout {
  const ids = graph.states.map((s) => s.id);
  const level = new Map<string, number>();
  const start = graph.initial ?? ids[0];
  if (start !== undefined) {
    level.set(start, 0);
    const queue = [start];
    // Entering a compound state enters its initial child: that counts as a step to the right.
    const entries = graph.states.filter((s) => s.initial).map((s) => ({ source: s.id, target: s.initial! }));
    while (queue.length > 0) {
      const s = queue.shift()!;
      for (const t of [...graph.transitions, ...entries]) {
        if (t.source !== s || level.has(t.target)) continue;
        level.set(t.target, level.get(s)! + 1);
        queue.push(t.target);
      }
    }
  }
  let maxLevel = Math.max(0, ...level.values());
  for (const id of ids) if (!level.has(id)) level.set(id, ++maxLevel);
  // Final states go to a row of their own at the bottom, so the main path reads left to right.
  const finals = graph.states.filter((s) => s.type === 'final').map((s) => s.id);
  const columns = new Map<number, string[]>();
  for (const id of ids) {
    if (finals.includes(id)) continue;
    const l = level.get(id)!;
    columns.set(l, [...(columns.get(l) ?? []), id]);
  }
  const levels = [...columns.keys()].sort((a, b) => a - b);
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length)) + (finals.length > 0 ? 1 : 0);
  const nodeW = Math.min(170, width / (levels.length + 1.2));
  const nodeH = Math.min(56, height / (rows * 2.2));
  const xs = scalePoint<number>().domain(levels).range([nodeW / 2 + 30, width - nodeW / 2 - 20]).padding(0.3);
  const bottom = finals.length > 0 ? height - nodeH : height;
  const states: PlacedState[] = [];
  for (const [l, list] of columns) {
    const ys = scalePoint<string>().domain(list).range([nodeH * 0.9, bottom - nodeH * 1.1]).padding(0.15);
    for (const id of list) {
      const s = graph.states.find((x) => x.id === id)!;
      states.push({ id, label: s.key, x: xs(l) ?? width / 2, y: list.length === 1 ? (nodeH * 1.6 + bottom - nodeH * 1.6) / 2 : (ys(id) ?? height / 2), final: false });
    }
  }
  const fx = scalePoint<string>().domain(finals).range([nodeW, width - nodeW]).padding(0.5);
  for (const id of finals) {
    const s = graph.states.find((x) => x.id === id)!;
    states.push({ id, label: s.key, x: finals.length === 1 ? width / 2 : (fx(id) ?? width / 2), y: height - nodeH * 0.8, final: true });
  }
  const at = new Map(states.map((s) => [s.id, s]));
  const edges: PlacedEdge[] = [];
  const pairCount = new Map<string, number>();
  for (const t of graph.transitions) {
    if (t.source === '') continue;
    const a = at.get(t.source);
    const b = at.get(t.target);
    if (!a || !b) continue;
    const pair = `${t.source}>${t.target}`;
    const k = pairCount.get(pair) ?? 0;
    pairCount.set(pair, k + 1);
    const label = t.event ? (t.guard ? `${t.event} [${t.guard}]` : t.event) : `[${t.guard ?? 'always'}]`;
    if (a === b) {
      const path = `M${a.x - 12} ${a.y - nodeH / 2} C ${a.x - 40} ${a.y - nodeH * 1.6}, ${a.x + 40} ${a.y - nodeH * 1.6}, ${a.x + 12} ${a.y - nodeH / 2}`;
      edges.push({ key: `${pair}#${k}`, source: t.source, target: t.target, label, path, labelX: a.x, labelY: a.y - nodeH * 1.35 - k * 16 });
      continue;
    }
    // Forward edges bow upwards, backward ones downwards, parallel ones further out.
    const forward = b.x > a.x || (b.x === a.x && b.y > a.y);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const bend = (forward ? -1 : 1) * (28 + k * 26 + (forward ? 0 : 30));
    const mx = (a.x + b.x) / 2 + (-dy / len) * bend;
    const my = (a.y + b.y) / 2 + (dx / len) * bend;
    const [sx, sy] = edgePoint(a, mx, my, nodeW, nodeH);
    const [ex, ey] = edgePoint(b, mx, my, nodeW, nodeH);
    edges.push({ key: `${pair}#${k}`, source: t.source, target: t.target, label, path: `M${sx} ${sy} Q ${mx} ${my} ${ex} ${ey}`, labelX: (sx + 2 * mx + ex) / 4, labelY: (sy + 2 * my + ey) / 4 - 4 });
  }
  for (const s of graph.states) {
    if (!s.initial) continue;
    const a = at.get(s.id);
    const b = at.get(s.initial);
    if (!a || !b) continue;
    const [sx, sy] = edgePoint(a, b.x, b.y, nodeW, nodeH);
    const [ex, ey] = edgePoint(b, a.x, a.y, nodeW, nodeH);
    edges.push({ key: `${s.id}>initial`, source: s.id, target: s.initial, label: 'initial', path: `M${sx} ${sy} L ${ex} ${ey}`, labelX: (sx + ex) / 2, labelY: (sy + ey) / 2 - 4 });
  }
  const anyState = graph.transitions.filter((t) => t.source === '').map((t) => ({ event: t.event || `[${t.guard ?? 'always'}]`, target: t.target }));
  return { states, edges, anyState, width, height, nodeW, nodeH };
}

/** Where the line from a node's centre towards (tx, ty) leaves the node's box. */
function edgePoint(s: { x: number; y: number }, tx: number, ty: number, w: number, h: number): [number, number] {
  const dx = tx - s.x;
  const dy = ty - s.y;
  if (dx === 0 && dy === 0) return [s.x, s.y];
  const scale = Math.min(Math.abs((w / 2) / (dx || 1e-9)), Math.abs((h / 2) / (dy || 1e-9)));
  return [s.x + dx * scale, s.y + dy * scale];
}
