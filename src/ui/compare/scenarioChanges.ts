/**
 * What B changes in A, as rows a teacher reads at a glance: "mail.example.com · main.cf
 * mynetworks: 127.0.0.0/8, 192.168.1.0/24, 10.0.0.0/8 → 127.0.0.0/8, 192.168.1.0/24". Built on
 * the share code's scenario diff (the same changes a link would carry).
 */
import { diffScenario } from '../../share/scenarioDiff';
import type { Scenario, ScriptStep } from '../../sim/scenario/schema';

export interface ChangeRow {
  /** The dotted path the change is at (hosts.0.main_cf.mynetworks). */
  path: string;
  /** The host it is on, when it is on one. */
  host?: string;
  /** What changed, in the host's terms: "main.cf mynetworks", "up", "script step 3". */
  field: string;
  /** The value in A and in B; undefined where it is absent. */
  before?: string;
  after?: string;
}

const MAX = 160;

function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

function valueAt(root: unknown, keys: readonly string[]): unknown {
  let node = root;
  for (const k of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

function fieldName(keys: readonly string[]): string {
  if (keys[0] === 'main_cf') return keys.length > 1 ? `main.cf ${keys.slice(1).join('.')}` : 'main.cf';
  if (keys[0] === 'master_cf') return 'master.cf';
  if (keys[0] === 'aliases') return '/etc/aliases';
  if (keys[0] === 'resolv_conf') return '/etc/resolv.conf';
  if (keys[0] === 'hosts_file') return '/etc/hosts';
  return keys.join('.');
}

export function describeChanges(a: Scenario, b: Scenario): ChangeRow[] {
  return diffScenario(a, b).map((change) => {
    const path = change[0];
    const keys = path.split('.');
    const before = show(valueAt(a, keys));
    const after = change.length === 2 ? show(change[1]) : undefined;
    if (keys[0] === 'hosts' && keys.length >= 2) {
      const i = Number(keys[1]);
      const host = a.hosts[i]?.name ?? b.hosts[i]?.name;
      // A whole host added or removed: its name says enough.
      if (keys.length === 2) return { path, host, field: 'host', before: a.hosts[i]?.name, after: change.length === 2 ? b.hosts[i]?.name : undefined };
      return { path, host, field: fieldName(keys.slice(2)), before, after };
    }
    if (keys[0] === 'script' && keys.length === 2) {
      const i = Number(keys[1]);
      return { path, field: `script ${i + 1}`, before: stepText(a.script?.[i]), after: change.length === 2 ? stepText(b.script?.[i]) : undefined };
    }
    if (keys[0] === 'script' && keys.length > 2) return { path, field: `script ${Number(keys[1]) + 1} ${keys.slice(2).join('.')}`, before, after };
    return { path, field: keys.join('.'), before, after };
  });
}

/** A scripted action in one line: "at 3 s on ws.example.com: send student@example.com → bob@example.net via mail.example.com". */
function stepText(step: ScriptStep | undefined): string | undefined {
  if (!step) return undefined;
  const head = `${step.at / 1000} s, ${step.host}: ${step.action}`;
  switch (step.action) {
    case 'send':
      return show(`${head} ${step.from} → ${step.to.join(', ')}${step.server ? ` via ${step.server}` : ''}`);
    case 'dialogue':
      return show(`${head} ${step.to}:${step.port ?? 25}`);
    case 'shell':
      return show(`${head} ${step.command}`);
    case 'write':
      return show(`${head} ${step.path}`);
    case 'fetch':
      return show(`${head} ${step.protocol} ${step.user}@${step.server}`);
    default:
      return head;
  }
}
