/**
 * Conservation across whole worlds (the single-server case is in tests/sim/postfix): random
 * mail between the lessons' hosts — local users, aliases, unknown users, the other domain across
 * an MX hop, domains that do not exist — while hosts go down and come back and the admin
 * flushes, reloads, stops and starts Postfix. After the run every message a host accepted is in
 * exactly one place: still in one queue (and the queue directory agrees), or gone from the
 * queues with every recipient delivered, handed on, or bounced (with a notice to a non-null
 * sender). The mailboxes hold exactly what local delivery wrote into them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../src/lessons';
import type { TraceEvent } from '../../src/sim/core/trace';
import { Engine } from '../../src/sim/engine';
import type { Scenario, ScriptStep } from '../../src/sim/scenario/schema';
import { postfixOf } from '../../src/sim/services';
import { runs, timeoutFor } from './mutate';

const WORLDS = ['mxhop', 'deferred', 'relay', 'sasl', 'maillog'];

const recipient = fc.constantFrom('alice@example.com', 'ansible@example.com', 'staff@example.com', 'postmaster@example.com', 'nosuch@example.com', 'bob@example.net', 'zz-unknown@example.net', 'someone@nonexistent.invalid', 'root', 'alice@mail.example.com');
const sender = fc.constantFrom('student@ws.example.com', 'alice@example.com', '', 'bob@example.net');

function stepArb(clients: string[], servers: string[]): fc.Arbitrary<Omit<ScriptStep, 'at'>> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ host: fc.constantFrom(...clients), from: sender, to: fc.array(recipient, { minLength: 1, maxLength: 3 }), server: fc.constantFrom(...servers) }).map((s) => ({ ...s, action: 'send' as const, subject: 'conservation', body: 'hello' })) },
    { weight: 2, arbitrary: fc.record({ host: fc.constantFrom(...servers), action: fc.constantFrom('down' as const, 'up' as const) }) },
    { weight: 2, arbitrary: fc.record({ host: fc.constantFrom(...servers), command: fc.constantFrom('postqueue -f', 'postfix reload', 'postfix stop', 'postfix start', 'mailq', 'sendmail -t') }).map((s) => ({ ...s, action: 'shell' as const })) },
  );
}

const run = fc.nat({ max: WORLDS.length - 1 }).chain((w) => {
  const base = lessonById(WORLDS[w])!.scenario;
  const clients = base.hosts.filter((h) => !h.main_cf).map((h) => h.name);
  const servers = base.hosts.filter((h) => h.main_cf).map((h) => h.name);
  return fc.record({
    world: fc.constant(w),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 600_000 }), stepArb(clients.length > 0 ? clients : servers, servers)), { minLength: 1, maxLength: 12 }),
  });
});

function scenarioOf(r: { world: number; steps: [number, Omit<ScriptStep, 'at'>][] }): Scenario {
  const s = structuredClone(lessonById(WORLDS[r.world])!.scenario);
  s.script = r.steps.map(([at, step]) => ({ ...step, at: 1000 + at }) as ScriptStep).sort((a, b) => a.at - b.at);
  // Everything comes back up in the end, so that deferred mail has its chance.
  s.script.push(...s.hosts.map((h) => ({ at: 700_000, host: h.name, action: 'up' as const })));
  s.script.push(...s.hosts.filter((h) => h.main_cf).map((h) => ({ at: 700_100, host: h.name, action: 'shell' as const, command: 'postfix start' })));
  return s;
}

describe('conservation in whole worlds', () => {
  const n = runs(60, 4);
  it(`every accepted message is in one queue, delivered, handed on or bounced (${n} runs)`, { timeout: timeoutFor(n, 300) }, () => {
    const fates = { queued: 0, delivered: 0, bounced: 0, relayed: 0 };
    fc.assert(
      fc.property(run, (r) => {
        const engine = new Engine(scenarioOf(r));
        engine.runUntilQuiet(2_000_000);
        // Six simulated days: deferred mail is retried, and expires after maximal_queue_lifetime (5d).
        engine.advanceTo(engine.now + 6 * 86_400_000, 2_000_000);
        const world = engine.world;
        const events = world.trace.events;
        const byHost = new Map<string, TraceEvent[]>();
        for (const e of events) {
          if (!('queueId' in e) || !e.queueId) continue;
          const key = `${e.host}\t${e.queueId}`;
          const list = byHost.get(key) ?? [];
          list.push(e);
          byHost.set(key, list);
        }
        let written = 0;
        for (const [key, list] of byHost) {
          const [hostName, id] = key.split('\t');
          const message = list.find((e) => e.kind === 'message');
          if (!message || message.kind !== 'message') continue;
          const moves = list.filter((e): e is Extract<TraceEvent, { kind: 'queue' }> => e.kind === 'queue');
          const last = moves.at(-1);
          const store = postfixOf(world.host(hostName)!)!.queue;
          expect(last, `${key}: a message without a queue file`).toBeDefined();
          if (last!.to !== null) {
            // Still queued: exactly where the trace says, and nowhere else.
            expect(store.get(id)?.queue, key).toBe(last!.to);
            fates.queued++;
            continue;
          }
          expect(store.has(id), `${key} left the queues but its file is still there`).toBe(false);
          const outcomes = list.filter((e): e is Extract<TraceEvent, { kind: 'delivery' }> => e.kind === 'delivery');
          // Every recipient has a final outcome (the last one for that recipient).
          const finalByRecipient = new Map<string, string>();
          for (const o of outcomes) finalByRecipient.set(`${o.original}\t${o.recipient}`, o.status);
          expect(outcomes.length, `${key} left the queues without an outcome`).toBeGreaterThan(0);
          // An outcome names the recipient, or (after alias expansion) keeps it as the original.
          const named = new Set(outcomes.flatMap((o) => [o.recipient.toLowerCase(), o.original.toLowerCase()]));
          for (const r of message.envelope.recipients) {
            expect(named.has(r.address.toLowerCase()) || named.has(r.original.toLowerCase()), `${key}: recipient ${r.address} has no outcome`).toBe(true);
          }
          // A file past its queue lifetime is returned to its sender (qmgr: "status=expired"); its
          // last attempts stay "deferred" (a notice that expires is dropped, as Postfix drops it).
          const expired = list.some((e) => e.kind === 'log' && /status=expired/.test(e.text));
          if (expired) for (const [k, status] of finalByRecipient) if (status === 'deferred') finalByRecipient.set(k, 'expired');
          for (const status of finalByRecipient.values()) expect(['sent', 'bounced', 'expired']).toContain(status);
          const bounced = [...finalByRecipient.values()].some((s) => s === 'bounced' || s === 'expired');
          if (bounced) {
            fates.bounced++;
            if (message.envelope.sender !== '') expect(list.some((e) => e.kind === 'bounce'), `${key} bounced without a notice`).toBe(true);
          }
          if (outcomes.some((o) => o.status === 'sent' && o.mailbox)) fates.delivered++;
          if (outcomes.some((o) => o.status === 'sent' && (o.agent === 'smtp' || o.agent === 'relay'))) fates.relayed++;
        }
        // The mailboxes hold what local delivery wrote (no one reads mail in these runs).
        for (const e of events) if (e.kind === 'delivery' && e.status === 'sent' && e.mailbox) written++;
        let stored = 0;
        let seeded = 0;
        for (const h of scenarioOf(r).hosts) for (const list of Object.values(h.mailboxes ?? {})) seeded += list.length;
        for (const host of world.hosts.values()) for (const path of host.store.paths()) stored += host.store.get(path)!.size;
        expect(stored - seeded).toBe(written);
      }),
      { numRuns: n, seed: 77 },
    );
    // The generators must reach every fate, or the property proves little.
    expect(fates.delivered).toBeGreaterThan(0);
    expect(fates.bounced).toBeGreaterThan(0);
    expect(fates.relayed).toBeGreaterThan(0);
  });
});
