/**
 * The type size of the topology. It grows with the picture and stays at projector-readable
 * sizes (15 px and up) where the boxes have room; where they do not — compare mode's half-width
 * pictures, several servers stacked — it shrinks so a box's caption and its count still fit
 * one above the other and side by side, down to 10 px.
 */
import type { Layout } from './layout';

const READABLE = 15;
const LARGEST = 22;
const SMALLEST = 10;

/** The longest caption ("named (DNS)") is about this many ems wide, with a little margin. */
const CAPTION_EMS = 6.2;
/** Caption and count, one above the other, need about this many ems of height. */
const STACK_EMS = 2.3;

export function topologyFont(width: number, height: number, layout: Layout | undefined): number {
  const wanted = Math.max(READABLE, Math.min(LARGEST, width / 60, height / 28));
  const room = layout ? tightestRoom(layout) : Infinity;
  return Math.max(SMALLEST, Math.min(wanted, room));
}

/** The largest font the smallest daemon or queue box of any server can hold. */
function tightestRoom(layout: Layout): number {
  let room = Infinity;
  for (const host of layout.hosts) {
    for (const b of host.nodes) {
      if (b.shape !== 'daemon' && b.shape !== 'queue') continue;
      room = Math.min(room, b.h / STACK_EMS, b.w / CAPTION_EMS);
    }
  }
  return room;
}
