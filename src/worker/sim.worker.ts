/**
 * The engine's worker: a few lines, as in the Svelte playground — everything is in SimService,
 * with the engine's optional parts loaded on demand (workerApi.ts).
 */
import { expose } from 'comlink';
import { workerApi } from './workerApi';

expose(workerApi());
