/**
 * ls [-l] [-a] [-1] [-d] [PATH...] over the host's files: names in columns as GNU ls lays them
 * out on an 80-column terminal, or the long listing with modes, owners, sizes and times.
 */
import { registerCommand } from '../registry';
import type { CommandResult, ShellContext } from '../terminal';
import { getopt } from './getopt';
import { exists, fileInfo, listDir, lsTime, mayRead, normalize } from './hostFiles';

const WIDTH = 80;

/** GNU ls -C: as many columns as fit, filled top to bottom. */
export function columns(names: string[]): string[] {
  if (names.length === 0) return [];
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const used = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < used; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
    const total = widths.reduce((sum, w, c) => sum + w + (c < used - 1 ? 2 : 0), 0);
    if (total > WIDTH && cols > 1) continue;
    const out: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < used; c++) {
        const name = names[c * rows + r];
        if (name === undefined) continue;
        line += c < used - 1 && names[(c + 1) * rows + r] !== undefined ? name.padEnd(widths[c] + 2) : name;
      }
      out.push(line);
    }
    return out;
  }
  return names;
}

function longLines(ctx: ShellContext, entries: { name: string; path: string }[], withTotal: boolean): string[] {
  const infos = entries.map((e) => ({ e, info: fileInfo(ctx.host, e.path)! })).filter((x) => x.info);
  const links = infos.map(({ info, e }) => (info.kind === 'dir' ? 2 + listDir(ctx.host, e.path).filter((n) => exists(ctx.host, `${e.path}/${n}`) === 'dir').length : 1));
  const w = (values: (string | number)[]) => Math.max(...values.map((v) => String(v).length));
  const lw = w(links);
  const ow = w(infos.map((x) => x.info.owner));
  const gw = w(infos.map((x) => x.info.group));
  const sw = w(infos.map((x) => x.info.size));
  const lines = infos.map(({ e, info }, i) =>
    [info.mode, String(links[i]).padStart(lw), info.owner.padEnd(ow), info.group.padEnd(gw), String(info.size).padStart(sw), lsTime(ctx.host, info.mtime), e.name].join(' '),
  );
  const blocks = infos.reduce((n, { info }) => n + (info.kind === 'dir' ? 4 : Math.ceil(info.size / 4096) * 4), 0);
  return withTotal ? [`total ${blocks}`, ...lines] : lines;
}

registerCommand(['ls', 'll', 'dir'], (ctx, argv): CommandResult => {
  const parsed = getopt(argv.slice(1), 'lahAd1tr');
  if (parsed.error) return { output: [`ls: ${parsed.error}`, "Try 'ls --help' for more information."], exitStatus: 2 };
  const on = (f: string) => parsed.options.some((o) => o.flag === f) || (f === 'l' && argv[0] === 'll');
  const home = ctx.host.accounts.get(ctx.user)?.home ?? '/root';
  const targets = parsed.operands.length > 0 ? parsed.operands : ['.'];
  const output: string[] = [];
  let status = 0;
  const files: { name: string; path: string }[] = [];
  const dirs: { name: string; path: string }[] = [];
  for (const t of targets) {
    const path = t === '.' ? home : normalize(ctx.terminal.resolvePath(t));
    const kind = exists(ctx.host, path);
    if (!kind) {
      output.push(`ls: cannot access '${t}': No such file or directory`);
      status = 2;
    } else if (kind === 'dir' && !on('d')) dirs.push({ name: t, path });
    else files.push({ name: t, path });
  }
  const show = (entries: { name: string; path: string }[], total: boolean) => (on('l') ? longLines(ctx, entries, total) : on('1') ? entries.map((e) => e.name) : columns(entries.map((e) => e.name)));
  if (files.length > 0) output.push(...show(files, false));
  dirs.forEach((d, i) => {
    if (targets.length > 1) output.push(...(files.length > 0 || i > 0 ? [''] : []), `${d.name}:`);
    if (!mayRead(ctx.host, ctx.user, d.path)) {
      output.push(`ls: cannot open directory '${d.name}': Permission denied`);
      status = 2;
      return;
    }
    const names = listDir(ctx.host, d.path).filter((n) => on('a') || on('A') || !n.startsWith('.'));
    const parent = d.path.slice(0, d.path.lastIndexOf('/')) || '/';
    const pathOf = (n: string) => (n === '.' ? d.path : n === '..' ? parent : `${d.path === '/' ? '' : d.path}/${n}`);
    const entries = [...(on('a') ? ['.', '..'] : []), ...names].map((n) => ({ name: n, path: pathOf(n) }));
    output.push(...show(entries, true));
  });
  return { output, exitStatus: status };
});
