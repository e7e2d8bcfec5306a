/**
 * The topology's type size: projector-readable where the boxes have room, smaller where they do
 * not (compare mode's half-width pictures), so that a queue's name and its count never overlap.
 */
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../src/ui/topology/layout';
import { topologyFont } from '../../src/ui/topology/topologyFont';
import { runLesson } from './helpers';

const HOST = 'mail.example.com';

describe('topology font', () => {
  const { service } = runLesson();
  const info = service.load((service.recording() ?? undefined) as unknown).info!;
  const users = new Map([[HOST, ['ansible', 'alice']]]);
  const sized = (w: number, h: number) => {
    const layout = computeLayout(info, w, h, users);
    return { layout, font: topologyFont(w, h, layout) };
  };

  it('keeps at least 15 px in the classroom and grows with a large picture', () => {
    expect(sized(956, 376).font).toBe(15);
    expect(sized(1900, 900).font).toBeGreaterThan(20);
  });

  it('shrinks in a half-width picture so that every box holds its caption above its count', () => {
    const { layout, font } = sized(680, 290);
    expect(font).toBeLessThan(15);
    expect(font).toBeGreaterThanOrEqual(10);
    for (const host of layout.hosts) {
      for (const b of host.nodes.filter((n) => n.shape === 'queue' || n.shape === 'daemon')) {
        expect(b.h, b.node).toBeGreaterThanOrEqual(font * 2.3 - 0.01);
        expect(b.w, b.node).toBeGreaterThanOrEqual(font * 6.2 - 0.01);
      }
    }
  });
});
