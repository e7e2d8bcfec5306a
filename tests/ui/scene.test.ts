import { describe, expect, it } from 'vitest';
import { emptyFold } from '../../src/sim/projection/foldState';
import { Projector } from '../../src/sim/projection/projector';
import { computeLayout, pointAlong, routeBetween } from '../../src/ui/topology/layout';
import { buildScene } from '../../src/ui/topology/scene';
import { PaceMap } from '../../src/ui/model/pacing';
import { runLesson } from './helpers';

const HOST = 'mail.example.com';

describe('the topology scene', () => {
  const { service, events, index } = runLesson();
  const loaded = service.load((service.recording() ?? undefined) as unknown);
  const info = loaded.info!;
  const layout = computeLayout(info, 1200, 600, new Map([[HOST, ['ansible', 'alice']]]));
  const hostAt = (a: string, from: string) => (a.startsWith('127.') ? from : info.addresses[a]);

  it('lays out every daemon, queue and mailbox inside its host, and routes between hosts over the network', () => {
    for (const node of ['smtpd', 'cleanup', 'incoming', 'active', 'deferred', 'qmgr', 'local', 'named', 'mailbox:ansible', 'mailbox:alice']) {
      const box = layout.nodes.get(`${HOST}\t${node}`);
      expect(box, node).toBeDefined();
      const host = layout.hosts.find((h) => h.host.name === HOST)!;
      expect(box!.x).toBeGreaterThan(host.x);
      expect(box!.x).toBeLessThan(host.x + host.w);
    }
    const route = routeBetween(layout, { host: 'ws.example.com', node: 'client' }, { host: HOST, node: 'smtpd' })!;
    expect(route.length).toBeGreaterThan(2);
    expect(pointAlong(route, 0)).toEqual(route[0]);
    expect(pointAlong(route, 1)).toEqual(route[route.length - 1]);
  });

  it('ends an animation exactly when its event happens', () => {
    const pace = new PaceMap('story');
    pace.append(events);
    const projector = new Projector(index);
    const active = events.find((e) => e.kind === 'queue' && e.to === 'active')!;
    const p = pace.pOf(active.seq);
    const travel = pace.travelOf(active.seq);
    const mid = p - travel / 2;
    const n = pace.countAt(mid);
    const scene = buildScene({ p: mid, n, state: projector.at(n), index, pace, layout, hostAt });
    const moving = scene.moving.find((m) => m.motion.seq === active.seq)!;
    expect(moving.progress).toBeCloseTo(0.5, 5);
    // While it moves it is not also drawn resting in incoming.
    expect(scene.resting.some((r) => r.keys.includes(`${HOST}\t${active.kind === 'queue' ? active.queueId : ''}`))).toBe(false);
    const atEvent = buildScene({ p, n: pace.countAt(p), state: projector.at(pace.countAt(p)), index, pace, layout, hostAt });
    expect(atEvent.resting.find((r) => r.place.node === 'active')?.count).toBe(1);
  });

  it('lights the relay gate on smtpd with the reason', () => {
    const pace = new PaceMap('story');
    pace.append(events);
    const projector = new Projector(index);
    const gate = events.find((e) => e.kind === 'decision' && e.verdict === 'permit')!;
    const p = pace.pOf(gate.seq) + 100;
    const n = pace.countAt(p);
    const scene = buildScene({ p, n, state: projector.at(n), index, pace, layout, hostAt });
    expect(scene.lit.map((l) => [l.motion.kind, l.motion.ok, l.motion.label])).toContainEqual(['gate', true, 'permit_mynetworks: 192.168.1.23 is in 192.168.1.0/24']);
  });

  it('aggregates many resting envelopes into one count', () => {
    const state = emptyFold();
    for (let i = 0; i < 250; i++) {
      state.messages.set(`${HOST}\tQ${i}`, { host: HOST, queueId: `Q${i}`, node: 'deferred', from: { host: HOST, node: 'active' }, seq: 0, sender: 'a@b', recipients: 1, origin: 'smtp' });
    }
    const scene = buildScene({ p: 0, n: 0, state, index, pace: new PaceMap('story'), layout, hostAt });
    expect(scene.resting).toHaveLength(1);
    expect(scene.resting[0]).toMatchObject({ count: 250, place: { host: HOST, node: 'deferred' } });
  });
});
