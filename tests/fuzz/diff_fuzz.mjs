// diff_fuzz.mjs: differential fuzzing of wisp against V8. For each seed it makes a valid module,
// either with binaryen's `wasm-opt -ttf` from seeded random bytes (features limited to what wisp
// supports, optimisation passes varied) or with gen_module.mjs (odd seeds in the default `mix`),
// runs it in wisp (diff_run) and in V8 (diff_run.mjs under this node), and compares the canonical
// outputs. Divergent modules are kept in --out with both outputs.
//
// usage: node diff_fuzz.mjs --runner PATH/diff_run [--seed S] [--count N] [--out DIR]
//          [--gen mix|binaryen|own] [--wasm-opt CMD] [--denan-with CMD] [--timeout SEC]
//          [--rounds N] [--features all|vary] [--opt vary|none] [--stop-after N] [--quiet]
//        node diff_fuzz.mjs --runner PATH/diff_run --check FILE.wasm
// CMD may carry arguments ("node .../binaryen/bin/wasm-opt"). Exit status: 0 when no divergence
// was found, 1 otherwise, 77 when wasm-opt is missing (and needed). See README.md here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './gen_module.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const opts = { seed: 1, count: 20, out: null, wasmOpt: process.env.WASM_OPT || 'wasm-opt', timeout: 20, rounds: 2,
               features: 'vary', opt: 'vary', gen: 'mix', runner: null, stopAfter: Infinity, quiet: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i], v = () => argv[++i];
  if (a === '--seed') opts.seed = Number(v());
  else if (a === '--count') opts.count = Number(v());
  else if (a === '--out') opts.out = v();
  else if (a === '--wasm-opt') opts.wasmOpt = v();
  else if (a === '--timeout') opts.timeout = Number(v());
  else if (a === '--rounds') opts.rounds = Number(v());
  else if (a === '--features') opts.features = v();
  else if (a === '--opt') opts.opt = v();
  else if (a === '--runner') opts.runner = v();
  else if (a === '--stop-after') opts.stopAfter = Number(v());
  else if (a === '--quiet') opts.quiet = true;
  else if (a === '--check') opts.check = v();
  else if (a === '--gen') opts.gen = v();
  else if (a === '--denan-with') opts.denanWith = v();
  else { console.error('unknown option ' + a); process.exit(2); }
}
if (!opts.runner) { console.error('diff_fuzz: --runner PATH/diff_run is required'); process.exit(2); }

// --check FILE: only run FILE in both engines; exit 1 if they diverge, else 0, printing nothing on
// stdout (the interestingness test for wasm-reduce; see README.md).
if (opts.check) {
  const rounds = ['--rounds', String(opts.rounds)];
  const w = run(opts.runner, [...rounds, opts.check], opts.timeout);
  const v = run(process.execPath, [join(here, 'diff_run.mjs'), ...rounds, opts.check], opts.timeout);
  if (w.timeout || v.timeout || w.crash || v.crash) process.exit(v.crash || v.timeout ? 0 : 1);
  if (!w.out.startsWith('compile ok') || !v.out.startsWith('compile ok')) process.exit(0);
  const c = compare(w.out, v.out);
  if (!c.same) console.error(`wisp: ${c.wisp}\nv8:   ${c.v8}`);
  process.exit(c.same ? 0 : 1);
}

// wasm-opt may be a command with arguments ("node .../binaryen/bin/wasm-opt").
function wasmOptWith(cmdline, args, timeoutSec = 120) {
  const cmd = cmdline.split(' ').filter(Boolean);
  return spawnSync(cmd[0], [...cmd.slice(1), ...args], { encoding: 'utf8', timeout: timeoutSec * 1000, maxBuffer: 64 << 20 });
}
const wasmOpt = (args, timeoutSec) => wasmOptWith(opts.wasmOpt, args, timeoutSec);
const ver = wasmOpt(['--version']);
if ((ver.error || ver.status !== 0) && opts.gen !== 'own') {
  console.log(`diff_fuzz: ${opts.wasmOpt} not usable, skipping`);
  process.exit(77);
}
const binaryenVersion = Number((/version[_ ](\d+)/.exec(ver.stdout) || [])[1] || 0);
// Before version 111 or so, binaryen's reference types were the pre-standard ones (anyref with
// funcref as a subtype), which neither wisp nor V8 accept: leave them out there.
const refTypesOk = binaryenVersion >= 111;

// Deterministic random numbers (splitmix32): the same seed gives the same module everywhere.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const ALL_FEATURES = ['sign-ext', 'nontrapping-float-to-int', 'multivalue', 'bulk-memory', 'reference-types',
                      'mutable-globals'];
const OPT_CHOICES = [[], [], [], ['-O1'], ['-O2'], ['-O3'], ['-Os'], ['-O4'], ['--fuzz-passes'], ['--fuzz-passes']];

function plan(seed) {
  const r = rng(seed * 2654435761);
  const size = 512 + (r() % 48000);
  const words = Buffer.alloc((size + 3) & ~3);
  for (let i = 0; i < words.length; i += 4) words.writeUInt32LE(r(), i);
  const bytes = words.subarray(0, size);
  let feats = ALL_FEATURES.filter((f) => f !== 'reference-types' || refTypesOk);
  if (opts.features === 'vary' && r() % 4 === 0) feats = feats.filter(() => r() % 2);
  const flags = ['--mvp-features', ...feats.map((f) => '--enable-' + f)];
  const passes = opts.opt === 'vary' ? OPT_CHOICES[r() % OPT_CHOICES.length] : [];
  if (r() % 8 === 0) flags.push('--no-fuzz-oob');
  return { bytes, flags, passes };
}

// Outputs agree if equal; a stack overflow on either side ends the comparison at that call, since
// the engines' stack depths legitimately differ.
function compare(a, b) {
  const la = a.split('\n'), lb = b.split('\n');
  const n = Math.max(la.length, lb.length);
  let lastCall = 0;
  for (let i = 0; i < n; i++) {
    if (la[i] === lb[i]) { if (la[i]?.startsWith('call ')) lastCall = i; continue; }
    // V8 reports a float->int truncation out of range and of NaN alike ("float unrepresentable in
    // integer range"); the spec calls the first "integer overflow", as wisp does.
    if (la[i]?.endsWith('trap int-overflow') && lb[i] === la[i].replace(/int-overflow$/, 'conversion')) continue;
    if (la[i] === 'trap stack' || lb[i] === 'trap stack') return { same: true, inconclusive: true };
    // A stack overflow further down (a nested call deep inside) may show up first as different
    // logs: look for it in what remains of this call on both sides.
    const restA = la.slice(i), restB = lb.slice(i);
    const endOf = (rest) => { const k = rest.findIndex((l) => l.startsWith('call ')); return k < 0 ? rest.length : k; };
    if (restA.slice(0, endOf(restA)).includes('trap stack') || restB.slice(0, endOf(restB)).includes('trap stack'))
      return { same: true, inconclusive: true };
    return { same: false, line: i, call: la[lastCall], wisp: la[i], v8: lb[i] };
  }
  return { same: true };
}

function run(cmd, args, timeoutSec) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutSec * 1000, maxBuffer: 256 << 20 });
  if (r.error && r.error.code === 'ETIMEDOUT') return { out: r.stdout || '', timeout: true, err: r.stderr };
  if (r.error) return { out: '', crash: String(r.error), err: '' };
  if (r.signal) return { out: r.stdout || '', crash: 'signal ' + r.signal, err: r.stderr };
  if (r.status !== 0) return { out: r.stdout || '', crash: 'exit ' + r.status, err: r.stderr };
  return { out: r.stdout, err: r.stderr };
}

// --gen mutate: a few random byte-level mutations of a generated module, to compare what the
// decoders and validators accept (and, when both accept, what runs).
function mutateBytes(buf, seed) {
  const r = rng(seed * 40503 + 7);
  let b = Array.from(buf);
  const n = 1 + (r() % 3);
  const INTERESTING = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0e, 0x1a, 0x1b, 0x1c, 0x20, 0x40, 0x41,
                       0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x80, 0xd0, 0xd1, 0xd2, 0xfc, 0xfd, 0xff];
  for (let i = 0; i < n && b.length > 9; i++) {
    const at = 8 + (r() % (b.length - 8));
    switch (r() % 6) {
      case 0: b[at] = r() & 0xff; break;
      case 1: b[at] = (b[at] + (r() % 2 ? 1 : 255)) & 0xff; break;
      case 2: b[at] = INTERESTING[r() % INTERESTING.length]; break;
      case 3: b.splice(at, 1 + (r() % 4)); break;
      case 4: b.splice(at, 0, ...b.slice(at, at + 1 + (r() % 4))); break;
      default: b.splice(at, 0, INTERESTING[r() % INTERESTING.length]); break;
    }
  }
  return Uint8Array.from(b);
}

const tmp = mkdtempSync(join(tmpdir(), 'wisp-diff-fuzz-'));
const stats = { modules: 0, same: 0, inconclusive: 0, nan: 0, feature: 0, divergent: 0, genFailed: 0, bothTimeout: 0, compileError: 0 };
const divergences = [];
const t0 = Date.now();
try {
  for (let k = 0; k < opts.count && divergences.length < opts.stopAfter; k++) {
    const seed = opts.seed + k;
    const mutate = opts.gen === 'mutate';
    const own = opts.gen === 'own' || ((opts.gen === 'mix' || mutate) && seed % 2 === 1);
    const p = own ? { flags: ['--all-features'], passes: [], gen: 'gen_module' } : plan(seed);
    const rnd = join(tmp, 'input.bin'), wasm = join(tmp, `m.wasm`);
    rmSync(wasm, { force: true });
    if (own) {
      writeFileSync(wasm, generateModule(seed));
    } else {
      writeFileSync(rnd, p.bytes);
      const g = wasmOpt([rnd, '-ttf', ...p.flags, ...p.passes, '-o', wasm]);
      if (g.status !== 0 || !existsSync(wasm)) { stats.genFailed++; continue; }
    }
    if (mutate) writeFileSync(wasm, mutateBytes(readFileSync(wasm), seed));
    stats.modules++;
    const rounds = ['--rounds', String(opts.rounds)];
    const w = run(opts.runner, [...rounds, wasm], opts.timeout);
    const v = run(process.execPath, [join(here, 'diff_run.mjs'), ...rounds, wasm], opts.timeout);
    let verdict;
    if (w.timeout && v.timeout) { stats.bothTimeout++; verdict = { same: true, inconclusive: true }; }
    else if (w.crash || v.crash || w.timeout || v.timeout) {
      verdict = { same: false, line: -1, call: '',
                  wisp: w.crash ? 'CRASH ' + w.crash : w.timeout ? 'TIMEOUT' : 'ok',
                  v8: v.crash ? 'CRASH ' + v.crash : v.timeout ? 'TIMEOUT' : 'ok' };
      if (v.crash && !w.crash && !w.timeout) verdict.harness = true; // our JS harness broke
    } else {
      verdict = compare(w.out, v.out);
      if (w.out.startsWith('compile error') && v.out.startsWith('compile error')) stats.compileError++;
      // Rejected by wisp, accepted by V8: V8 also has SIMD, threads and exception handling. If
      // wabt's validator (without those) rejects the module too, count it as a feature difference.
      if (!verdict.same && w.out.startsWith('compile error') && v.out.startsWith('compile ok')) {
        const wv = spawnSync('wasm-validate', ['--disable-simd', wasm], { encoding: 'utf8' });
        if (wv.status === 1) { verdict.featureOnly = true; verdict.wabt = (wv.stderr || '').split('\n')[0]; }
      }
    }
    if (verdict.featureOnly) {
      stats.feature++;
      if (opts.out) {
        const d = join(opts.out, 'feature', `seed-${seed}`);
        mkdirSync(d, { recursive: true });
        copyFileSync(wasm, join(d, 'module.wasm'));
        writeFileSync(join(d, 'info.json'), JSON.stringify({ seed, wispError: w.err, ...verdict }, null, 1) + '\n');
      }
      continue;
    }
    if (!verdict.same && verdict.line >= 0) {
      // NaN bit patterns may legitimately differ (the spec lets an engine pick among several), and
      // they show through stores, reinterpretations and copysign. If the same module with every
      // NaN turned into 0 at run time (binaryen's --denan) agrees, count it as a NaN difference.
      const dn = join(tmp, 'denan.wasm');
      const g2 = wasmOptWith(opts.denanWith || opts.wasmOpt, [wasm, ...p.flags, '--denan', '-o', dn]);
      if (g2.status === 0) {
        const w2 = run(opts.runner, [...rounds, dn], opts.timeout);
        const v2 = run(process.execPath, [join(here, 'diff_run.mjs'), ...rounds, dn], opts.timeout);
        if (!w2.timeout && !v2.timeout && !w2.crash && !v2.crash && compare(w2.out, v2.out).same) {
          stats.nan++;
          verdict.nanOnly = true;
        }
      }
    }
    if (verdict.same) { stats.same++; if (verdict.inconclusive) stats.inconclusive++; }
    else if (verdict.nanOnly) {
      if (!opts.quiet) console.log(`nan-only difference, seed ${seed}`);
      if (opts.out) {
        const d = join(opts.out, 'nan', `seed-${seed}`);
        mkdirSync(d, { recursive: true });
        copyFileSync(wasm, join(d, 'module.wasm'));
        writeFileSync(join(d, 'info.json'), JSON.stringify({ seed, flags: p.flags.join(' '),
                                                             passes: p.passes.join(' '), ...verdict }, null, 1) + '\n');
      }
    } else {
      stats.divergent++;
      const rec = { seed, generator: own ? 'gen_module' : 'binaryen', flags: p.flags.join(' '), passes: p.passes.join(' '), ...verdict };
      divergences.push(rec);
      console.log(`DIVERGENCE seed ${seed} (${rec.flags} ${rec.passes}): ${rec.call}\n  wisp: ${rec.wisp}\n  v8:   ${rec.v8}`);
      if (opts.out) {
        const d = join(opts.out, `seed-${seed}`);
        mkdirSync(d, { recursive: true });
        copyFileSync(wasm, join(d, 'module.wasm'));
        writeFileSync(join(d, 'wisp.txt'), w.out + (w.err ? '\n--- stderr\n' + w.err : ''));
        writeFileSync(join(d, 'v8.txt'), v.out + (v.err ? '\n--- stderr\n' + v.err : ''));
        writeFileSync(join(d, 'info.json'), JSON.stringify(rec, null, 1) + '\n');
      }
    }
    if (!opts.quiet && (k + 1) % 50 === 0)
      console.log(`[${k + 1}/${opts.count}] ${JSON.stringify(stats)} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`diff_fuzz: binaryen ${binaryenVersion}, seeds ${opts.seed}..${opts.seed + opts.count - 1}: ` +
            `${stats.modules} modules, ${stats.same} agree (${stats.compileError} rejected by both, ${stats.inconclusive} cut at a stack overflow or both ` +
            `timed out), ${stats.nan} differ only in NaN bits, ${stats.feature} only in V8's extra features, ${stats.divergent} diverge, ${stats.genFailed} not generated, ` +
            `${((Date.now() - t0) / 1000).toFixed(1)}s`);
process.exit(stats.divergent ? 1 : 0);
