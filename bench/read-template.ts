// Child of bench/large-template.ts: reads one template as `--from` does and prints time and peak memory.
import { performance } from 'node:perf_hooks';
import { silentProgress } from '../src/cli/progress.js';
import { loadTemplateInventory } from '../src/sources/template/index.js';
import { tuneEngineAsTheCliDoes } from './engine.js';

tuneEngineAsTheCliDoes();

const file = process.argv[2];
if (file === undefined) throw new Error('usage: read-template.ts FILE');
const start = performance.now();
const cpuStart = process.cpuUsage();
const inventory = await loadTemplateInventory(file, silentProgress);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, queues: inventory.queues.length }));
