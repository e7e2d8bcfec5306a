#!/usr/bin/env node
// End-to-end tests in a real headless Chromium: Debian's /usr/bin/chromium driven by
// playwright-core (a browser is never downloaded). When Chromium is missing, install Debian's
// package where we run as root with apt-get; otherwise stop with a one-line instruction.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function haveApt() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && haveApt()) {
    console.log('e2e: Chromium is missing; installing Debian\'s chromium package (apt-get install -y chromium)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }) : update;
    if (install.status !== 0 || !existsSync(CHROMIUM)) {
      console.error('e2e: could not install Chromium; run: sudo apt-get install -y chromium');
      process.exit(1);
    }
  } else {
    console.error('e2e: Chromium not found at /usr/bin/chromium; install it with: sudo apt-get install -y chromium');
    process.exit(1);
  }
}

if (!existsSync('dist/index.html')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
