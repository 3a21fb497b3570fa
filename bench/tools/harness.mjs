// harness.mjs: runs wisp's benchmark suite. Every workload on every engine, interleaved per round
// (so machine noise hits all engines alike), medians, ratios against native, geomeans; then the
// startup and embedding micro-benchmarks. Prints a table; writes JSON and CSV. Started by
// bench/run.sh after the build:  node harness.mjs --out BUILD/bench --wisp BUILD/wisp [options]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, '..');

const USAGE = `usage: bench/run.sh [options]
  --runs N          timed runs per workload and engine (default 5); the median is reported
  --engines LIST    comma-separated subset of: native,wisp,interp,liftoff,turbofan (default: all)
  --only LIST       comma-separated workloads (default: all in bench/suite.mk)
  --metric M        cpu (default: user+sys CPU time of the run, robust on a shared machine) or wall
  --timeout SEC     kill a run after SEC seconds (default 600)
  --startup-runs N  runs of each hello-world process (default 200)
  --no-micro        skip the startup and embedding micro-benchmarks
  --micro-only      run only the micro-benchmarks
  --compare FILE    also show wisp's change against an earlier results JSON (e.g. bench/results/baseline.json)
  --json FILE       JSON results (default BUILD/bench/results.json)
  --csv FILE        CSV results (default BUILD/bench/results.csv)
  --quick           --runs 1 --startup-runs 20 (a smoke run of the whole pipeline)
environment: BUILD (build directory, default build-bench), JOBS (build parallelism, default 2),
  SQLITE_TARBALL / SQLITE_SRC (build the sqlite workload offline), BENCH_CACHE (tarball cache)`;

// ---- options ----
const opt = { runs: 5, metric: 'cpu', engines: null, only: null, timeout: 600, startupRuns: 200, micro: true, suite: true };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const v = () => {
      if (i + 1 >= a.length) fail(`${a[i]} needs a value`);
      return a[++i];
    };
    switch (a[i]) {
      case '--out': opt.out = resolve(v()); break;
      case '--wisp': opt.wisp = resolve(v()); break;
      case '--runs': opt.runs = +v(); break;
      case '--metric': opt.metric = v(); break;
      case '--engines': opt.engines = v().split(','); break;
      case '--only': opt.only = v().split(','); break;
      case '--timeout': opt.timeout = +v(); break;
      case '--startup-runs': opt.startupRuns = +v(); break;
      case '--no-micro': opt.micro = false; break;
      case '--micro-only': opt.suite = false; break;
      case '--json': opt.json = resolve(v()); break;
      case '--compare': opt.compare = resolve(v()); break;
      case '--csv': opt.csv = resolve(v()); break;
      case '--quick': opt.runs = 1; opt.startupRuns = 20; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0);
      default: fail(`unknown option ${a[i]}\n${USAGE}`);
    }
  }
  if (!opt.out || !opt.wisp) fail('--out and --wisp are required (bench/run.sh passes them)');
  if (!(opt.runs >= 1)) fail('--runs must be >= 1');
  if (!['cpu', 'wall'].includes(opt.metric)) fail('--metric is cpu or wall');
  opt.json ??= join(opt.out, 'results.json');
  opt.csv ??= join(opt.out, 'results.csv');
}

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}
const log = (s) => process.stderr.write(s + '\n');

// ---- the suite: names and sizes from suite.mk ----
const mk = readFileSync(join(BENCH, 'suite.mk'), 'utf8');
const mkvar = (name) => {
  const m = mk.match(new RegExp(`^${name}\\s*:=\\s*(.*)$`, 'm'));
  return m ? m[1].trim() : null;
};
let kernels = mkvar('KERNELS').split(/\s+/).map((name) => ({
  name, size: +mkvar(`SIZE_${name}`), isize: +mkvar(`ISIZE_${name}`),
}));
if (opt.only) {
  for (const n of opt.only) if (!kernels.some((k) => k.name === n)) fail(`unknown workload ${n}`);
  kernels = kernels.filter((k) => opt.only.includes(k.name));
}
const O = opt.out;
const benchrun = join(O, 'benchrun');
if (!existsSync(benchrun)) fail(`${benchrun} missing: run bench/run.sh (it builds everything)`);
const tmpOut = join(O, '.run.out'), tmpErr = join(O, '.run.err');

// Runs cmd once (or n times with a summary) under benchrun; returns its JSON plus the output.
function measure(cmd, { n = 1, timeout = opt.timeout } = {}) {
  const args = ['-n', String(n), '-o', tmpOut, '-e', tmpErr, '-t', String(timeout), '--', ...cmd];
  const p = spawnSync(benchrun, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (p.status !== 0) throw new Error(`benchrun failed: ${p.stderr}`);
  const m = JSON.parse(p.stdout.trim().split('\n').pop());
  m.stdout = existsSync(tmpOut) ? readFileSync(tmpOut, 'utf8') : '';
  m.stderr = existsSync(tmpErr) ? readFileSync(tmpErr, 'utf8') : '';
  return m;
}

const tool = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
const firstLine = (cmd, args) => {
  const p = spawnSync(cmd, args, { encoding: 'utf8' });
  return ((p.stdout || '') + (p.stderr || '')).split('\n')[0].trim();
};

// ---- engines ----
// wisp runs the WASI command build when `wisp run` can run WASI programs; until then it runs the
// WASI-free build of the same size through `wisp run --invoke bench_run` (same kernel code).
const helloWasm = join(O, 'wasm', 'hello.wasm');
const wispProbe = existsSync(opt.wisp) ? measure([opt.wisp, 'run', helloWasm], { timeout: 30 }) : null;
const wispWasi = !!wispProbe && wispProbe.status === 0 && wispProbe.stdout.includes('hello, world');
const wasmInterp = tool('wasm-interp');
const node = process.execPath;
const wasiRun = join(HERE, 'wasi-run.mjs');
const U64 = (s) => BigInt.asUintN(64, BigInt(s)).toString();
const checksumLine = (out) => (out.match(/checksum=(\d+) ok/) || [])[1];

const ENGINES = [
  { id: 'native', label: 'native', available: true,
    cmd: (k) => [join(O, 'native', k.name), String(k.size)], checksum: checksumLine },
  { id: 'wisp', label: wispWasi ? 'wisp' : 'wisp (invoke)', available: existsSync(opt.wisp),
    note: wispWasi ? null : 'wisp: `wisp run` cannot run WASI commands yet; measured the WASI-free build of the same size with `wisp run --invoke bench_run`',
    cmd: (k) => wispWasi ? [opt.wisp, 'run', join(O, 'wasm', `${k.name}.wasm`), String(k.size)]
      : [opt.wisp, 'run', '--invoke', 'bench_run', join(O, 'wasm-full', `${k.name}.wasm`)],
    checksum: wispWasi ? checksumLine : (out) => (/^-?\d+$/.test(out.trim()) ? U64(out.trim()) : undefined) },
  { id: 'interp', label: 'wasm-interp*', available: !!wasmInterp, reduced: true,
    note: 'wasm-interp*: wabt\'s wasm-interp has no WASI here; it runs the WASI-free build at the reduced size ISIZE (about 1/100, bench/suite.mk) and its time is scaled by SIZE/ISIZE',
    cmd: (k) => [wasmInterp, '--run-all-exports', join(O, 'wasm-nowasi', `${k.name}.wasm`)],
    // its call stack holds about 1,000 frames whatever -C says; the recursion workload goes 5,000 deep
    unsupported: (m) => (/call stack exhausted/.test(m.stdout) ? 'n/a: wasm-interp\'s call stack is limited to ~1,000 frames' : null),
    checksum: (out) => { const m = out.match(/bench_run\(\) => i64:(-?\d+)/); return m ? U64(m[1]) : undefined; } },
  { id: 'liftoff', label: 'V8 liftoff', available: true, inproc: true,
    cmd: (k) => [node, '--liftoff', '--no-wasm-tier-up', '--no-warnings', wasiRun, join(O, 'wasm', `${k.name}.wasm`), String(k.size)],
    checksum: checksumLine },
  { id: 'turbofan', label: 'V8 turbofan', available: true, inproc: true,
    cmd: (k) => [node, '--no-liftoff', '--no-warnings', wasiRun, join(O, 'wasm', `${k.name}.wasm`), String(k.size)],
    checksum: checksumLine },
];
let engines = ENGINES.filter((e) => e.available && (!opt.engines || opt.engines.includes(e.id)));
if (opt.engines) for (const id of opt.engines) if (!ENGINES.some((e) => e.id === id)) fail(`unknown engine ${id}`);
if (!engines.some((e) => e.id === 'native') && opt.suite) engines.unshift(ENGINES[0]); // ratios need it

// ---- the suite ----
const results = {}; // results[kernel][engine] = { times: [], wall: [], cpu: [], rss: [], failures, error }
function runSuite() {
  // untimed pre-pass: expected checksums (native at SIZE and at ISIZE), and warm file caches
  for (const k of kernels) {
    results[k.name] = {};
    for (const e of engines) results[k.name][e.id] = { times: [], wall: [], cpu: [], rss: [], compile: [], failures: 0, error: null };
    const native = join(O, 'native', k.name);
    if (!existsSync(native)) {
      k.missing = true;
      log(`bench: ${k.name}: not built (skipped)`);
      continue;
    }
    for (const [key, size] of [['expect', k.size], ['iexpect', k.isize]]) {
      const m = measure([native, String(size)]);
      k[key] = checksumLine(m.stdout);
      if (m.status !== 0 || !k[key]) {
        k.missing = true;
        log(`bench: ${k.name}: native self-check failed at size ${size}: ${m.stdout.trim()} (skipped)`);
      }
    }
  }
  kernels = kernels.filter((k) => !k.missing);
  for (let round = 0; round < opt.runs; round++) {
    for (const k of kernels) {
      const line = [];
      for (let j = 0; j < engines.length; j++) {
        const e = engines[(j + round) % engines.length]; // rotate the order every round
        const r = results[k.name][e.id];
        if (r.error) continue; // failed once: do not spend time on it again
        const m = measure(e.cmd(k));
        const sum = e.checksum(m.stdout);
        const want = e.reduced ? k.iexpect : k.expect;
        let t = opt.metric === 'cpu' ? m.user + m.sys : m.wall;
        if (e.inproc) {
          const b = m.stderr.match(/@bench compile_ms=([\d.]+) run_ms=([\d.]+) run_cpu_ms=([\d.]+)/);
          t = b ? +(opt.metric === 'cpu' ? b[3] : b[2]) / 1000 : NaN;
          if (b) r.compile.push(+b[1] / 1000);
        }
        if (e.reduced) t *= k.size / k.isize;
        const unsup = e.unsupported && e.unsupported(m);
        if (unsup) {
          r.error = r.unsupported = unsup;
          line.push(`${e.id} n/a`);
          continue;
        }
        if (m.timeout) r.error = `timed out after ${opt.timeout}s`;
        else if (m.status !== 0) r.error = `exit status ${m.status}: ${(m.stderr + m.stdout).trim().split('\n').slice(-3).join(' | ')}`;
        else if (sum !== want) r.error = `checksum ${sum} != expected ${want}`;
        else if (!Number.isFinite(t)) r.error = 'no timing reported';
        if (r.error) {
          r.failures++;
          line.push(`${e.id} FAILED`);
          log(`bench: ${k.name} on ${e.id}: ${r.error}`);
          continue;
        }
        r.times.push(t), r.wall.push(m.wall), r.cpu.push(m.user + m.sys), r.rss.push(m.maxrss_kb);
        line.push(`${e.id} ${fmtTime(t)}`);
      }
      log(`[${round + 1}/${opt.runs}] ${k.name.padEnd(10)} ${line.join('  ')}`);
    }
  }
}

const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const geomean = (xs) => (xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : NaN);
function fmtTime(t) {
  if (!Number.isFinite(t)) return '-';
  if (t >= 100) return `${t.toFixed(0)}s`;
  if (t >= 10) return `${t.toFixed(1)}s`;
  if (t >= 1) return `${t.toFixed(2)}s`;
  return `${(t * 1000).toFixed(t >= 0.1 ? 0 : 1)}ms`;
}
const fmtRatio = (r) => (Number.isFinite(r) ? `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}x` : '-');

// ---- micro-benchmarks ----
function runMicro() {
  const micro = {};
  const hello = join(O, 'native', 'hello');
  const n = opt.startupRuns;
  log(`bench: startup: ${n} runs of each hello world`);
  const startup = {};
  const sample = (label, cmd, runs) => {
    const m = measure(cmd, { n: runs, timeout: 60 });
    startup[label] = { runs, wall_median_s: m.wall_median, wall_min_s: m.wall_min, cpu_median_s: m.cpu_median,
      maxrss_kb_median: m.maxrss_kb_median, maxrss_kb_max: m.maxrss_kb_max, failures: m.failures };
  };
  // interleave in blocks so load changes hit both
  const blocks = 4, per = Math.max(1, Math.round(n / blocks));
  const acc = { native: [], wisp: [] };
  for (let b = 0; b < blocks; b++) {
    sample('native', [hello], per);
    acc.native.push(startup.native);
    if (wispWasi) {
      sample('wisp', [opt.wisp, 'run', helloWasm], per);
      acc.wisp.push(startup.wisp);
    }
  }
  for (const key of Object.keys(acc)) {
    if (!acc[key].length) continue;
    const xs = acc[key];
    startup[key] = { runs: per * blocks, wall_median_s: median(xs.map((x) => x.wall_median_s)),
      wall_min_s: Math.min(...xs.map((x) => x.wall_min_s)), cpu_median_s: median(xs.map((x) => x.cpu_median_s)),
      maxrss_kb_median: median(xs.map((x) => x.maxrss_kb_median)), maxrss_kb_max: Math.max(...xs.map((x) => x.maxrss_kb_max)),
      failures: xs.reduce((a, x) => a + x.failures, 0) };
  }
  if (!wispWasi) startup.wisp = { error: '`wisp run` cannot run a WASI hello world yet' };
  sample('node', [node, '--no-warnings', wasiRun, helloWasm], Math.max(5, Math.round(n / 20)));
  micro.startup = startup;

  // embedding: on the largest module of the suite
  const wasms = readdirSync(join(O, 'wasm')).filter((f) => f.endsWith('.wasm')).map((f) => join(O, 'wasm', f));
  const largest = wasms.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const emb = join(O, 'micro_embed');
  if (existsSync(emb) && largest) {
    log(`bench: embedding micro-benchmarks (compile on ${largest})`);
    const p = spawnSync(emb, [...(opt.metric === 'wall' ? ['--wall'] : []), join(O, 'tiny.wasm'), largest], { encoding: 'utf8' });
    if (p.status === 0) micro.embed = JSON.parse(p.stdout.trim());
    else micro.embed = { error: (p.stderr || '').trim() || `exit ${p.status}` };
  }

  // binary size
  const strip = tool('strip');
  if (existsSync(opt.wisp) && strip) {
    const tmp = join(O, '.wisp.stripped');
    copyFileSync(opt.wisp, tmp);
    spawnSync(strip, [tmp]);
    micro.binary = { wisp_bytes: statSync(opt.wisp).size, wisp_stripped_bytes: statSync(tmp).size,
      includes_wasi: wispWasi };
    unlinkSync(tmp);
  }
  return micro;
}

// ---- report ----
function report(micro) {
  const out = [];
  const ratios = {}; // ratios[engine] = [per kernel]
  const rows = [];
  const shown = engines.filter((e) => e.id !== 'native');
  if (opt.suite && kernels.length) {
    const w = 10;
    out.push(`wisp benchmark suite: median of ${opt.runs} run(s), ${opt.metric === 'cpu' ? 'CPU time (user+sys)' : 'wall time'}; ratio = time / native time (lower is better)`);
    let head = `${'workload'.padEnd(11)}${'size'.padStart(6)}  ${'native'.padStart(8)}`;
    for (const e of shown) head += `  ${e.label.padStart(w + 8)}`;
    out.push(head);
    for (const k of kernels) {
      const rn = results[k.name].native;
      const tn = median(rn.times);
      let line = `${k.name.padEnd(11)}${String(k.size).padStart(6)}  ${fmtTime(tn).padStart(8)}`;
      const row = { workload: k.name, size: k.size, isize: k.isize, engines: {} };
      row.engines.native = engineJson(rn, tn);
      for (const e of shown) {
        const r = results[k.name][e.id];
        const t = median(r.times);
        const ratio = t / tn;
        row.engines[e.id] = engineJson(r, tn);
        if (r.error) line += `  ${(r.unsupported ? 'n/a' : 'FAILED').padStart(w + 8)}`;
        else {
          (ratios[e.id] ??= []).push(ratio);
          line += `  ${fmtTime(t).padStart(w)}${fmtRatio(ratio).padStart(8)}`;
        }
      }
      rows.push(row);
      out.push(line);
    }
    let g = `${'geomean'.padEnd(11)}${''.padStart(6)}  ${''.padStart(8)}`;
    const geo = {};
    for (const e of shown) {
      const xs = ratios[e.id] || [];
      geo[e.id] = { geomean: geomean(xs), max: xs.length ? Math.max(...xs) : NaN, workloads: xs.length };
      const partial = xs.length < kernels.length ? `(${xs.length})` : '';
      g += `  ${(partial + fmtRatio(geo[e.id].geomean)).padStart(w + 8)}`;
    }
    out.push(g);
    let mx = `${'worst'.padEnd(11)}${''.padStart(6)}  ${''.padStart(8)}`;
    for (const e of shown) mx += `  ${fmtRatio(geo[e.id].max).padStart(w + 8)}`;
    out.push(mx);
    for (const e of engines) if (e.note) out.push(`  ${e.note}`);
    for (const k of kernels)
      for (const e of shown) if (results[k.name][e.id].unsupported) out.push(`  ${k.name} on ${e.id}: ${results[k.name][e.id].unsupported}; its geomean is over the others`);
    if (shown.some((e) => e.inproc)) out.push('  V8 (Node ' + process.versions.node + ', V8 ' + process.versions.v8 + '): instantiate + _start measured inside Node (excludes Node\'s own start and the module compilation, which the JSON has)');
    results.__geo = geo;
    results.__rows = rows;
    if (opt.compare) out.push('', ...compare(rows));
  }
  if (micro) {
    out.push('');
    out.push('startup and embedding micro-benchmarks');
    const s = micro.startup || {};
    const kb = (x) => `${(x / 1024).toFixed(2)} MiB`;
    const st = (x) => `${fmtTime(startTime(x))} ${opt.metric === 'cpu' ? 'CPU' : 'wall'} median (wall median ${fmtTime(x.wall_median_s)}, min ${fmtTime(x.wall_min_s)}), peak RSS ${kb(x.maxrss_kb_median)}`;
    if (s.native) out.push(`  hello world, native process:      ${st(s.native)}`);
    if (s.wisp && !s.wisp.error) out.push(`  hello world, wisp run:            ${st(s.wisp)}  = ${(startTime(s.wisp) / startTime(s.native)).toFixed(2)}x native`);
    else out.push(`  hello world, wisp run:            not measured (${s.wisp && s.wisp.error})`);
    if (s.node) out.push(`  hello world, node (V8 + WASI):    ${st(s.node)} (reference)`);
    const m = micro.embed;
    if (m && !m.error) {
      out.push(`  decode+validate+compile:          ${m.compile_mb_s_code.toFixed(1)} MB/s of function bodies (${(m.large_code_bytes / 1e6).toFixed(2)} MB in ${m.large_funcs} functions, ${(m.compile_s * 1000).toFixed(1)} ms; ${m.compile_mb_s_module.toFixed(1)} MB/s of the whole module)`);
      out.push(`  internal code size:               ${m.internal_code_per_wasm_byte.toFixed(2)} bytes per byte of wasm code`);
      out.push(`  instantiate + call + free (tiny): ${m.instantiate_call_free_us.toFixed(2)} us`);
      out.push(`  host->wasm call, empty export:    ${m.host_to_wasm_call_ns.toFixed(1)} ns (${m.host_to_wasm_call_by_name_ns.toFixed(1)} ns through wisp_instance_call by name)`);
      out.push(`  wasm->host call, empty import:    ${m.wasm_to_host_call_ns.toFixed(1)} ns per loop iteration (${m.wasm_to_host_call_net_ns.toFixed(1)} ns net of the ${m.wasm_loop_iteration_ns.toFixed(1)} ns loop)`);
    } else if (m) out.push(`  embedding micro-benchmarks failed: ${m.error}`);
    if (micro.binary) out.push(`  wisp binary, stripped:            ${(micro.binary.wisp_stripped_bytes / 1024).toFixed(1)} KiB${micro.binary.includes_wasi ? '' : ' (WASI not yet in `wisp run`)'}`);
    out.push('');
    out.push(...targets(micro));
  }
  return out.join('\n');
}

// wisp now against an earlier results file: the ratio to native then and now, and the speed-up.
function compare(rows) {
  let old;
  try {
    old = JSON.parse(readFileSync(opt.compare, 'utf8'));
  } catch (err) {
    return [`compare: cannot read ${opt.compare}: ${err.message}`];
  }
  const lines = [`wisp against ${opt.compare} (${old.meta && old.meta.date}):`,
    `${'workload'.padEnd(11)}${'then'.padStart(9)}${'now'.padStart(9)}${'speed-up'.padStart(10)}`];
  const ups = [];
  for (const row of rows) {
    const o = (old.workloads || []).find((w) => w.workload === row.workload && w.size === row.size);
    const a = o && o.engines.wisp, b = row.engines.wisp;
    if (!a || !b || a.error || b.error || !Number.isFinite(a.ratio) || !Number.isFinite(b.ratio)) continue;
    const up = a.ratio / b.ratio; // by ratios, so a change in the machine's speed cancels out
    ups.push(up);
    lines.push(`${row.workload.padEnd(11)}${fmtRatio(a.ratio).padStart(9)}${fmtRatio(b.ratio).padStart(9)}${(up.toFixed(2) + 'x').padStart(10)}`);
  }
  lines.push(`${'geomean'.padEnd(11)}${''.padStart(18)}${(geomean(ups).toFixed(2) + 'x').padStart(10)}`);
  return lines;
}

function engineJson(r, tn) {
  const t = median(r.times);
  return { median_s: t, ratio: t / tn, times_s: r.times, wall_median_s: median(r.wall), cpu_median_s: median(r.cpu),
    maxrss_kb_median: median(r.rss), compile_median_s: r.compile.length ? median(r.compile) : undefined,
    runs: r.times.length, error: r.unsupported ? undefined : r.error, unsupported: r.unsupported };
}

// The options as the user gave them to run.sh (without the --out/--wisp that run.sh adds).
function userArgs() {
  const a = process.argv.slice(2), out = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--out' || a[i] === '--wisp') i++;
    else out.push(a[i]);
  }
  return out;
}

const startTime = (x) => (opt.metric === 'cpu' ? x.cpu_median_s : x.wall_median_s);

// The goals of issue 5, each with its measured value.
function targets(micro) {
  const lines = ['targets (issue 5)                         measured     goal      met'];
  const t = (name, v, goal, ok, unit = '') => lines.push(`  ${name.padEnd(40)}${(Number.isFinite(v) ? v.toFixed(2) + unit : 'n/a').padStart(10)}  ${goal.padEnd(9)} ${Number.isFinite(v) ? (ok ? 'yes' : 'NO') : '-'}`);
  const geo = results.__geo && results.__geo.wisp;
  if (geo) {
    t('geomean slowdown vs native', geo.geomean, '<= 10x', geo.geomean <= 10, 'x');
    t('worst workload vs native', geo.max, '<= 14x', geo.max <= 14, 'x');
  }
  const s = micro.startup || {};
  if (s.wisp && !s.wisp.error) {
    const r = startTime(s.wisp) / startTime(s.native);
    t('hello world time vs native process', r, '<= 1.5x', r <= 1.5, 'x');
    t('hello world peak RSS', s.wisp.maxrss_kb_median / 1024, '<= 2.5MiB', s.wisp.maxrss_kb_median / 1024 <= 2.5, 'MiB');
  } else lines.push(`  ${'hello world (time, RSS)'.padEnd(40)}${'n/a'.padStart(10)}  <= 1.5x, <= 2.5 MiB (needs WASI in wisp run)`);
  const m = micro.embed;
  if (m && !m.error) {
    t('instantiate + call + free', m.instantiate_call_free_us, '<= 2us', m.instantiate_call_free_us <= 2, 'us');
    t('empty host->wasm call', m.host_to_wasm_call_ns, '<= 10ns', m.host_to_wasm_call_ns <= 10, 'ns');
    t('compile throughput (function bodies)', m.compile_mb_s_code, '>= 100MB/s', m.compile_mb_s_code >= 100, 'MB/s');
    t('internal code per wasm code byte', m.internal_code_per_wasm_byte, '<= 4', m.internal_code_per_wasm_byte <= 4);
  }
  if (micro.binary) t('stripped wisp binary (with WASI)', micro.binary.wisp_stripped_bytes / 1024, '<= 250KiB', micro.binary.wisp_stripped_bytes / 1024 <= 250, 'KiB');
  return lines;
}

// ---- main ----
const started = new Date();
const loadStart = loadavg();
log(`bench: engines: ${engines.map((e) => e.label).join(', ')}; ${opt.runs} run(s); workloads: ${kernels.map((k) => k.name).join(' ')}`);
if (!wispWasi && engines.some((e) => e.id === 'wisp')) log('bench: `wisp run` cannot run WASI commands yet: measuring wisp with --invoke bench_run on the WASI-free build');
if (opt.suite) runSuite();
const micro = opt.micro ? runMicro() : null;
const text = report(micro);
console.log(text);

const meta = {
  date: started.toISOString(), seconds: (Date.now() - started.getTime()) / 1000, host: hostname(),
  cpu: cpus()[0] ? cpus()[0].model : '?', ncpu: cpus().length, loadavg_start: loadStart, loadavg_end: loadavg(),
  runs: opt.runs, metric_kind: opt.metric,
  command: ['bench/run.sh', ...userArgs()].join(' '),
  wisp: opt.wisp, wisp_mode: wispWasi ? 'wasi' : 'invoke', node: process.versions.node, v8: process.versions.v8,
  wabt: wasmInterp ? firstLine(wasmInterp, ['--version']) : null, clang: firstLine('clang', ['--version']),
  metric: `median ${opt.metric} time; V8: instantiate+_start inside Node; wasm-interp: scaled from ISIZE to SIZE`,
};
const json = { meta, workloads: results.__rows || [], geomean: results.__geo || {}, micro };
writeFileSync(opt.json, JSON.stringify(json, null, 2) + '\n');
const csv = ['workload,size,engine,median_s,ratio_vs_native,wall_median_s,cpu_median_s,maxrss_kb,runs,error'];
for (const row of json.workloads)
  for (const [id, e] of Object.entries(row.engines))
    csv.push([row.workload, id === 'interp' ? `${row.isize}*${row.size / row.isize}` : row.size, id,
      e.median_s, e.ratio, e.wall_median_s, e.cpu_median_s, e.maxrss_kb_median, e.runs,
      e.error || e.unsupported ? JSON.stringify(e.error || e.unsupported) : ''].join(','));
writeFileSync(opt.csv, csv.join('\n') + '\n');
log(`bench: wrote ${opt.json} and ${opt.csv}`);
const failed = (results.__rows || []).some((r) => Object.values(r.engines).some((e) => e.error));
process.exitCode = failed ? 1 : 0;
