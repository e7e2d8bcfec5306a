/**
 * The engine's worker: a few lines, as in the Svelte playground — everything is in SimService.
 */
import { expose } from 'comlink';
import { SimService } from './simService';

expose(new SimService());
