#!/usr/bin/env node
// npm test: every test the project has, in the order a failure is cheapest to see.
// 1. type check (svelte-check covers .ts and .svelte), 2. unit, property and conformance tests
// (Vitest), 3. the production build, 4. end-to-end tests in headless Chromium.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--threshold', 'warning']],
  ['unit, property and conformance tests', 'npx', ['vitest', 'run']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['end-to-end tests in Chromium', 'node', ['scripts/e2e.mjs']],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nnpm test: ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}
console.log('\nnpm test: all steps passed.');
