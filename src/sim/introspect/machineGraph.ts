/**
 * An XState machine as plain data — states, their nesting, and transitions with their events and
 * guards — so the statechart view can draw a daemon's own chart. XState objects hold functions and
 * cycles and cannot cross the worker boundary; this can.
 */
import type { AnyStateMachine } from 'xstate';

export interface ChartState {
  /** Dotted path from the root, e.g. "data" or "session.mail". */
  id: string;
  key: string;
  parent?: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** For compound states: the initial child's id. */
  initial?: string;
}

export interface ChartTransition {
  source: string;
  target: string;
  /** The event name; '' for an eventless ("always") transition. */
  event: string;
  guard?: string;
}

export interface MachineGraph {
  id: string;
  initial?: string;
  states: ChartState[];
  transitions: ChartTransition[];
  /** Events a state handles without changing state (actions only), by state id ('' = the machine). */
  internal: Record<string, string[]>;
}

/** The shape of XState's StateNode that is read here (kept narrow on purpose). */
interface NodeLike {
  key: string;
  path: string[];
  type: ChartState['type'];
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  config: { initial?: unknown };
}

interface TransitionLike {
  target?: readonly { path: string[] }[];
  guard?: unknown;
}

function guardName(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'guard';
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}

export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const graph: MachineGraph = { id: machine.id, states: [], transitions: [], internal: {} };
  const root = machine.root as unknown as NodeLike;
  const idOf = (n: { path: string[] }) => n.path.join('.');

  const visit = (node: NodeLike, parent?: string) => {
    const id = idOf(node);
    if (node !== root) {
      const initial = typeof node.config.initial === 'string' ? [...node.path, node.config.initial].join('.') : undefined;
      graph.states.push({ id, key: node.key, type: node.type, ...(parent ? { parent } : {}), ...(initial ? { initial } : {}) });
    }
    const add = (event: string, list: TransitionLike[] | undefined) => {
      for (const t of list ?? []) {
        const guard = guardName(t.guard);
        if (!t.target || t.target.length === 0) {
          (graph.internal[id] ??= []).push(guard ? `${event} [${guard}]` : event);
          continue;
        }
        for (const target of t.target) graph.transitions.push({ source: id, target: idOf(target), event, ...(guard ? { guard } : {}) });
      }
    };
    for (const [event, list] of node.transitions) add(event, list);
    add('', node.always);
    for (const child of Object.values(node.states)) visit(child, node === root ? undefined : id);
  };
  visit(root);
  if (typeof root.config.initial === 'string') graph.initial = root.config.initial;
  for (const list of Object.values(graph.internal)) list.sort();
  return graph;
}
