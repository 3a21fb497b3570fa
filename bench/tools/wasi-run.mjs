// wasi-run.mjs: runs a wasm32-wasi command module under Node's WASI (V8), timing compile and
// instantiate+_start separately:  node [V8 flags] wasi-run.mjs MODULE.wasm [ARGS...]
// Reports "@bench compile_ms=X run_ms=Y run_cpu_ms=Z" on stderr (run: instantiate + _start, wall
// and this process's CPU time); exits with the guest's exit code.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WASI } from 'node:wasi';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node wasi-run.mjs MODULE.wasm [ARGS...]\n');
  process.exit(2);
}
const bytes = readFileSync(file);
const wasi = new WASI({ version: 'preview1', args: [basename(file), ...args], env: {}, returnOnExit: true });
const t0 = performance.now();
const mod = await WebAssembly.compile(bytes);
const t1 = performance.now();
const c1 = process.cpuUsage();
const inst = await WebAssembly.instantiate(mod, wasi.getImportObject());
const code = wasi.start(inst);
const c2 = process.cpuUsage(c1);
const t2 = performance.now();
const cpu = (c2.user + c2.system) / 1000;
process.stderr.write(`@bench compile_ms=${(t1 - t0).toFixed(3)} run_ms=${(t2 - t1).toFixed(3)} run_cpu_ms=${cpu.toFixed(3)}\n`);
process.exitCode = code;
