/**
 * The one canvas draw function: everything that moves or lights up, drawn over the static SVG
 * topology. Thousands of moving envelopes stay smooth here where SVG elements would not. Returns
 * hit boxes so a click on an envelope can select its message.
 */
import type { Moving, Lit, Resting, Scene } from './scene';

export interface Palette {
  fg: string;
  bg: string;
  panel: string;
  muted: string;
  accent: string;
  ok: string;
  bad: string;
  warn: string;
  envelope: string;
  envelopeStroke: string;
  dns: string;
  packetC2s: string;
  packetS2c: string;
}

export interface Hit {
  x: number;
  y: number;
  w: number;
  h: number;
  /** host\tqueueId or conn:N */
  key: string;
}

export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', '#111'),
    bg: v('--bg', '#fff'),
    panel: v('--panel', '#f4f4f4'),
    muted: v('--muted', '#666'),
    accent: v('--accent', '#0b5fff'),
    ok: v('--ok', '#107c10'),
    bad: v('--bad', '#c50f1f'),
    warn: v('--warn', '#b35c00'),
    envelope: v('--envelope', '#ffd43b'),
    envelopeStroke: v('--envelope-stroke', '#5c4400'),
    dns: v('--dns', '#8a3ffc'),
    packetC2s: v('--packet-c2s', '#0b5fff'),
    packetS2c: v('--packet-s2c', '#107c10'),
  };
}

export interface DrawOptions {
  /** Base font size in CSS px (large on a projector). */
  font: number;
  palette: Palette;
  /** Turns an engine label into the interface language (reasons of relay decisions). */
  translate: (label: string) => string;
}

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, o: DrawOptions): Hit[] {
  const hits: Hit[] = [];
  for (const r of scene.resting) drawResting(ctx, r, o, hits);
  for (const l of scene.lit) drawLit(ctx, l, o);
  for (const m of scene.moving) drawMoving(ctx, m, o, hits);
  return hits;
}

function envelope(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, fill: string, stroke: string, alpha = 1): void {
  const h = w * 0.66;
  ctx.globalAlpha = alpha;
  ctx.fillStyle = fill;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = Math.max(1.5, w / 14);
  ctx.beginPath();
  ctx.rect(x - w / 2, y - h / 2, w, h);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x - w / 2, y - h / 2);
  ctx.lineTo(x, y + h * 0.08);
  ctx.lineTo(x + w / 2, y - h / 2);
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, o: DrawOptions, color: string, size = o.font * 0.85, align: 'center' | 'left' = 'center'): void {
  ctx.font = `600 ${size}px system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif`;
  const w = ctx.measureText(text).width + size * 0.8;
  const h = size * 1.5;
  const left = align === 'center' ? x - w / 2 : x;
  ctx.fillStyle = o.palette.panel;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(left, y - h / 2, w, h, h / 3);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = o.palette.fg;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + size * 0.4, y + 1);
}

function drawResting(ctx: CanvasRenderingContext2D, r: Resting, o: DrawOptions, hits: Hit[]): void {
  const w = o.font * 2.2;
  const fill = r.kind === 'bounce' ? o.palette.bad : o.palette.envelope;
  const y = r.y + o.font * 0.55;
  if (r.count <= 3) {
    for (let i = 0; i < r.count; i++) {
      const x = r.x + (i - (r.count - 1) / 2) * w * 0.75;
      envelope(ctx, x, y, w, fill, o.palette.envelopeStroke, r.kind === 'pending' ? 0.9 : 1);
      hits.push({ x: x - w / 2, y: y - w / 3, w, h: w * 0.66, key: r.keys[i] ?? r.keys[0] });
    }
    return;
  }
  envelope(ctx, r.x - w * 0.3, y, w, fill, o.palette.envelopeStroke);
  label(ctx, `×${r.count}`, r.x + w * 0.55, y, o, o.palette.accent, o.font * 0.8, 'left');
  hits.push({ x: r.x - w, y: y - w / 3, w: w * 2, h: w * 0.66, key: r.keys[r.keys.length - 1] });
}

function drawMoving(ctx: CanvasRenderingContext2D, m: Moving, o: DrawOptions, hits: Hit[]): void {
  const p = o.palette;
  const k = m.motion.kind;
  const s = o.font;
  if (k === 'envelope' || k === 'bounce' || k === 'vanish') {
    const w = s * 2.2 * (k === 'vanish' ? 1 - m.progress * 0.6 : 1);
    envelope(ctx, m.x, m.y, w, k === 'bounce' ? p.bad : p.envelope, p.envelopeStroke, k === 'vanish' ? 1 - m.progress : 1);
    if (m.motion.key) hits.push({ x: m.x - w / 2, y: m.y - w / 3, w, h: w * 0.66, key: m.motion.key });
    if (m.showLabel) label(ctx, m.motion.label, m.x, m.y - s * 1.7, o, k === 'bounce' ? p.bad : p.accent, s * 0.75);
    return;
  }
  let color = p.accent;
  if (k === 'packet') color = m.motion.dir === 's2c' ? p.packetS2c : p.packetC2s;
  if (k === 'dns-query' || k === 'dns-answer') color = p.dns;
  if (k === 'fail') color = p.bad;
  const r = s * 0.45;
  ctx.fillStyle = color;
  ctx.strokeStyle = p.bg;
  ctx.lineWidth = 2;
  ctx.beginPath();
  if (k === 'dns-query' || k === 'dns-answer') {
    ctx.moveTo(m.x, m.y - r * 1.3);
    ctx.lineTo(m.x + r * 1.3, m.y);
    ctx.lineTo(m.x, m.y + r * 1.3);
    ctx.lineTo(m.x - r * 1.3, m.y);
    ctx.closePath();
  } else {
    ctx.arc(m.x, m.y, k === 'connect' ? r * 1.2 : r, 0, Math.PI * 2);
  }
  if (k === 'connect') {
    ctx.lineWidth = 3;
    ctx.strokeStyle = color;
    ctx.stroke();
  } else {
    ctx.fill();
    ctx.stroke();
  }
  if (k === 'fail' && m.progress >= 0.55) {
    ctx.strokeStyle = p.bad;
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.moveTo(m.x - r * 1.5, m.y - r * 1.5);
    ctx.lineTo(m.x + r * 1.5, m.y + r * 1.5);
    ctx.moveTo(m.x + r * 1.5, m.y - r * 1.5);
    ctx.lineTo(m.x - r * 1.5, m.y + r * 1.5);
    ctx.stroke();
  }
  if (m.showLabel) label(ctx, m.motion.label, m.x, m.y - s * 1.3, o, color, s * 0.75);
}

function drawLit(ctx: CanvasRenderingContext2D, l: Lit, o: DrawOptions): void {
  const p = o.palette;
  const s = o.font;
  // Fades, but stays readable until it is gone.
  ctx.globalAlpha = Math.max(0.55, l.strength);
  if (l.motion.kind === 'gate') {
    const color = l.motion.ok ? p.ok : p.bad;
    // The gate: two posts and a bar in front of smtpd, open (raised) for permit, closed for reject.
    const gx = l.x - l.w / 2 + s * 1.3;
    const gy = l.y + l.h / 2 - s * 1.1;
    ctx.strokeStyle = color;
    ctx.lineWidth = 5;
    ctx.beginPath();
    ctx.moveTo(gx - s, gy + s);
    ctx.lineTo(gx - s, gy - s);
    ctx.moveTo(gx + s, gy + s);
    ctx.lineTo(gx + s, gy - s);
    if (l.motion.ok) {
      ctx.moveTo(gx - s, gy - s);
      ctx.lineTo(gx - s * 0.2, gy - s * 2.2);
    } else {
      ctx.moveTo(gx - s, gy - s * 0.2);
      ctx.lineTo(gx + s, gy - s * 0.2);
    }
    ctx.stroke();
    label(ctx, `${l.motion.ok ? '✓' : '✗'} ${o.translate(l.motion.label)}`, l.x - l.w / 2, l.y - l.h / 2 - s * 0.95, o, color, s * 0.9, 'left');
  } else if (l.motion.kind === 'alias') {
    ctx.strokeStyle = p.accent;
    ctx.lineWidth = 3;
    ctx.setLineDash([8, 6]);
    for (const [tx, ty] of l.targets) {
      ctx.beginPath();
      ctx.moveTo(l.x, l.y);
      ctx.lineTo(tx, ty);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    label(ctx, l.motion.label, l.x, l.y - l.h / 2 - s * 0.95, o, p.accent, s * 0.85);
  } else if (l.motion.kind === 'sasl') {
    label(ctx, `AUTH ${l.motion.label} ${l.motion.ok ? '✓' : '✗'}`, l.x, l.y + l.h / 2 + s * 0.9, o, l.motion.ok ? p.ok : p.bad, s * 0.8);
  }
  ctx.globalAlpha = 1;
}
