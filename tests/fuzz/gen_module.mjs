// gen_module.mjs: a type-directed random generator of valid WebAssembly 2.0 modules (no SIMD), in
// the spirit of wasm-smith. It reaches what binaryen's -ttf cannot express: blocks, loops and ifs
// with parameters, multi-value branches and br_table, stack-polymorphic dead code after br/return/
// unreachable, typed and untyped select, every bulk-memory and table instruction with edge-case
// operands, element and data segments of every encoding, memory.grow/table.grow, reentrant calls
// through the harness (call-export-catch) and a start function. Every function and loop spends one
// unit of a global fuel counter, so every run ends (with `unreachable` when the fuel runs out).
//
// usage: node gen_module.mjs SEED OUT.wasm      (or import { generateModule } from here)

const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, FUNCREF = 0x70, EXTERNREF = 0x6f;
const NUM = [I32, I64, F32, F64];
const FUEL_LIMIT = 400;

class Rng {
  constructor(seed) { this.s = (seed >>> 0) ^ 0x5bd1e995; this.t = Math.imul(seed | 0, 0x27d4eb2d) >>> 0 || 1; }
  u32() { // xorshift64-ish on two words
    let a = this.s, b = this.t;
    a ^= a << 23; a ^= a >>> 17; a ^= b; a ^= b >>> 26;
    this.s = b; this.t = a >>> 0;
    return (this.s + this.t) >>> 0;
  }
  int(n) { return n <= 1 ? 0 : this.u32() % n; }
  chance(p) { return this.u32() / 4294967296 < p; }
  pick(a) { return a[this.int(a.length)]; }
  range(lo, hi) { return lo + this.int(hi - lo + 1); }
  weighted(opts) { // [[weight, value], ...]
    let total = 0;
    for (const [w] of opts) total += w;
    let x = this.u32() / 4294967296 * total;
    for (const [w, v] of opts) { if ((x -= w) < 0) return v; }
    return opts[opts.length - 1][1];
  }
}

// ---- encoding -------------------------------------------------------------------------------------
function uleb(out, n) {
  n = BigInt(n);
  do { let b = Number(n & 0x7fn); n >>= 7n; if (n) b |= 0x80; out.push(b); } while (n);
}
function sleb(out, n) {
  n = BigInt(n);
  for (;;) {
    const b = Number(n & 0x7fn); n >>= 7n;
    if ((n === 0n && !(b & 0x40)) || (n === -1n && (b & 0x40))) { out.push(b); return; }
    out.push(b | 0x80);
  }
}
function u32le(out, v) { out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff); }
function u64le(out, v) { for (let i = 0n; i < 64n; i += 8n) out.push(Number((v >> i) & 0xffn)); }
function str(out, s) { const b = Buffer.from(s, 'utf8'); uleb(out, b.length); out.push(...b); }
function section(out, id, body) { if (body === null) return; out.push(id); uleb(out, body.length); out.push(...body); }

// ---- instruction tables ---------------------------------------------------------------------------
const UN = { [I32]: [0x67, 0x68, 0x69, 0xc0, 0xc1], [I64]: [0x79, 0x7a, 0x7b, 0xc2, 0xc3, 0xc4],
             [F32]: [0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91], [F64]: [0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f] };
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const BIN = { [I32]: range(0x6a, 0x78), [I64]: range(0x7c, 0x8a), [F32]: range(0x92, 0x98), [F64]: range(0xa0, 0xa6) };
// comparisons, by operand type (all give i32)
const CMP = { [I32]: range(0x46, 0x4f), [I64]: range(0x51, 0x5a), [F32]: range(0x5b, 0x60), [F64]: range(0x61, 0x66) };
const EQZ = { [I32]: 0x45, [I64]: 0x50 };
// conversions: [opcode bytes, from, to]
const CONV = [
  [[0xa7], I64, I32], [[0xa8], F32, I32], [[0xa9], F32, I32], [[0xaa], F64, I32], [[0xab], F64, I32],
  [[0xac], I32, I64], [[0xad], I32, I64], [[0xae], F32, I64], [[0xaf], F32, I64], [[0xb0], F64, I64], [[0xb1], F64, I64],
  [[0xb2], I32, F32], [[0xb3], I32, F32], [[0xb4], I64, F32], [[0xb5], I64, F32], [[0xb6], F64, F32],
  [[0xb7], I32, F64], [[0xb8], I32, F64], [[0xb9], I64, F64], [[0xba], I64, F64], [[0xbb], F32, F64],
  [[0xbc], F32, I32], [[0xbd], F64, I64], [[0xbe], I32, F32], [[0xbf], I64, F64],
  [[0xfc, 0], F32, I32], [[0xfc, 1], F32, I32], [[0xfc, 2], F64, I32], [[0xfc, 3], F64, I32],
  [[0xfc, 4], F32, I64], [[0xfc, 5], F32, I64], [[0xfc, 6], F64, I64], [[0xfc, 7], F64, I64],
];
// loads: [opcode, result type, natural alignment log2]
const LOADS = [[0x28, I32, 2], [0x29, I64, 3], [0x2a, F32, 2], [0x2b, F64, 3], [0x2c, I32, 0], [0x2d, I32, 0],
               [0x2e, I32, 1], [0x2f, I32, 1], [0x30, I64, 0], [0x31, I64, 0], [0x32, I64, 1], [0x33, I64, 1],
               [0x34, I64, 2], [0x35, I64, 2]];
const STORES = [[0x36, I32, 2], [0x37, I64, 3], [0x38, F32, 2], [0x39, F64, 3], [0x3a, I32, 0], [0x3b, I32, 1],
                [0x3c, I64, 0], [0x3d, I64, 1], [0x3e, I64, 2]];

const I32_CONSTS = [0, 1, -1, 2, 3, 7, 8, 16, 31, 32, 33, 63, 64, 0xff, 0x100, 0xffff, 0x10000, 0x7fff, -0x8000,
                    0x7fffffff, -0x80000000, 65535, 65536, 65532, 65528, 131072];
const I64_CONSTS = [0n, 1n, -1n, 2n, 63n, 64n, 0xffn, 0xffffffffn, 0x100000000n, 0x7fffffffn, -0x80000000n,
                    0x7fffffffffffffffn, -0x8000000000000000n, 0x8000000000000001n - (1n << 64n)];
const F32_BITS = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x7f800000, 0xff800000, 0x7fc00000,
                  0x7f7fffff, 0x00000001, 0x00800000, 0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000, 0xdf000000,
                  0x4effffff, 0xcf000001, 0x40490fdb, 0x3effffff, 0x3f000001, 0x4b000000, 0x4b800001];
const F64_BITS = [0x0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
                  0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x7fefffffffffffffn, 0x1n,
                  0x0010000000000000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0x41f0000000000000n,
                  0x43e0000000000000n, 0xc3e0000000000000n, 0x41dfffffffc00000n, 0xc1e0000000200000n,
                  0x400921fb54442d18n, 0x3fdfffffffffffffn, 0x4330000000000000n, 0x4330000000000001n];

// ---- the module -----------------------------------------------------------------------------------
export function generateModule(seed) {
  const r = new Rng(seed);
  const types = [];            // [{params, results}]
  const typeKeys = new Map();
  const typeIndex = (params, results) => {
    const k = params.join(',') + '>' + results.join(',');
    if (!typeKeys.has(k)) { typeKeys.set(k, types.length); types.push({ params, results }); }
    return typeKeys.get(k);
  };

  // Imports: functions first (their indices come first), then globals.
  const fimports = [
    ['log-i32', [I32], []], ['log-i64', [I64], []], ['log-f32', [F32], []], ['log-f64', [F64], []],
    ['call-export-catch', [I32], [I32]], ['throw', [], []],
  ];
  const LOG = { [I32]: 0, [I64]: 1, [F32]: 2, [F64]: 3 }, CALL_EXPORT_CATCH = 4, THROW = 5;
  const nImported = fimports.length;

  const randType = (refs = 0.06) => r.chance(refs) ? r.pick([FUNCREF, EXTERNREF]) : r.pick(NUM);
  const randTypes = (max, refs) => Array.from({ length: r.int(max + 1) }, () => randType(refs));

  const nFuncs = r.range(2, 9);
  const sigs = [];
  for (let i = 0; i < nFuncs; i++) {
    const big = r.chance(0.04); // now and then a signature of dozens of values
    sigs.push({ params: randTypes(big ? 40 : r.chance(0.2) ? 6 : 3), results: randTypes(big ? 40 : r.chance(0.3) ? 4 : 2) });
  }
  const funcSig = (f) => f < nImported ? { params: fimports[f][1], results: fimports[f][2] } : sigs[f - nImported];
  const nAllFuncs = nImported + nFuncs;

  // Globals: imported (index 0: i32, 1: externref), then fuel, then random ones.
  const globals = [{ type: I32, mut: false, imported: ['env', 'g_i32'] },
                   { type: EXTERNREF, mut: false, imported: ['__fuzz_import', 'ext'] },
                   { type: I32, mut: true, init: [0x41, ...(() => { const o = []; sleb(o, FUEL_LIMIT); return o; })(), 0x0b] }];
  const FUEL = 2;
  const nGlobals = r.range(2, 10);
  for (let i = 0; i < nGlobals; i++) {
    const type = randType(0.15), init = [];
    const ch = r.int(4);
    if (type === I32) { if (ch === 0) init.push(0x23, 0); else { init.push(0x41); sleb(init, r.pick(I32_CONSTS)); } }
    else if (type === I64) { init.push(0x42); sleb(init, r.pick(I64_CONSTS)); }
    else if (type === F32) { init.push(0x43); u32le(init, r.pick(F32_BITS)); }
    else if (type === F64) { init.push(0x44); u64le(init, r.pick(F64_BITS)); }
    else if (type === FUNCREF) { if (ch) { init.push(0xd2); uleb(init, r.int(nAllFuncs)); } else init.push(0xd0, FUNCREF); }
    else { if (ch) init.push(0x23, 1); else init.push(0xd0, EXTERNREF); }
    init.push(0x0b);
    globals.push({ type, mut: r.chance(0.8), init });
  }

  // Tables: 0 funcref (exported "table"), 1 externref.
  const t0min = nFuncs + r.range(0, 6);
  const tables = [{ type: FUNCREF, min: t0min, max: r.chance(0.7) ? t0min + r.range(0, 10) : undefined },
                  { type: EXTERNREF, min: r.range(0, 6), max: r.chance(0.5) ? 12 : undefined }];
  tables.push({ type: FUNCREF, min: r.range(0, 8), max: r.chance(0.5) ? 16 : undefined });
  const memMin = r.range(1, 2), memMax = r.chance(0.8) ? memMin + r.range(0, 3) : undefined;
  const memImported = r.chance(0.2); // else defined; exported as "memory" either way

  // Segments.
  const elems = [];
  const t0init = Array.from({ length: Math.min(t0min, r.range(0, nFuncs + 2)) }, () => nImported + r.int(nFuncs));
  const t0off = r.int(Math.max(1, t0min - t0init.length + 1));
  elems.push({ kind: 'active0', offset: t0off, funcs: t0init });
  elems.push({ kind: 'passive', funcs: Array.from({ length: r.range(0, 5) }, () => r.int(nAllFuncs)) });
  elems.push({ kind: 'passive-expr', n: r.range(0, 4) });
  if (tables[1].min > 0) elems.push({ kind: 'active-ext', offset: r.int(tables[1].min), n: r.range(0, 1) });
  // rarely out of bounds: instantiation traps
  const t2init = Array.from({ length: r.chance(0.5) || !tables[2].min ? 0 : 1 }, () => nImported + r.int(nFuncs));
  elems.push({ kind: 'active2', funcs: t2init,
               offset: r.chance(0.03) ? tables[2].min : r.int(tables[2].min - t2init.length + 1) });
  // Last, and not named by table.init or elem.drop: binaryen (whose --denan the fuzzer uses to tell
  // NaN-only differences apart) drops declarative segments when it reads a module.
  elems.push({ kind: 'declare', funcs: range(0, nAllFuncs - 1) });
  const datas = [];
  const randBytes = (n) => Array.from({ length: n }, () => r.chance(0.3) ? r.pick([0, 0xff, 0x7f, 0x80]) : r.int(256));
  datas.push({ active: true, offset: r.chance(0.2) ? 65536 * memMin - r.range(0, 16) : r.int(4096), bytes: randBytes(r.range(0, 16)) });
  for (let i = r.range(1, 3); i > 0; i--) datas.push({ active: false, bytes: randBytes(r.range(0, 40)) });
  if (datas[0].offset + datas[0].bytes.length > 65536 * memMin) datas[0].offset = 65536 * memMin - datas[0].bytes.length;
  if (r.chance(0.03)) datas.push({ active: true, offset: 65536 * memMin - r.range(0, 2), bytes: randBytes(r.range(1, 4)) });

  // Exports: functions (f0...), memory, tables, globals. call-export-catch indexes this list.
  const exports = [];
  for (let i = 0; i < nFuncs; i++) exports.push({ name: 'f' + i, kind: 0, index: nImported + i });
  exports.push({ name: 'memory', kind: 2, index: 0 });
  exports.push({ name: 'table', kind: 1, index: 0 });
  exports.push({ name: 'table1', kind: 1, index: 1 });
  exports.push({ name: 'table2', kind: 1, index: 2 });
  for (let g = 3; g < globals.length; g++) exports.push({ name: 'g' + g, kind: 3, index: g });
  const emptySigFuncs = range(0, nFuncs - 1).filter((i) => !sigs[i].params.length && !sigs[i].results.length);
  const start = emptySigFuncs.length && r.chance(0.15) ? nImported + r.pick(emptySigFuncs) : -1;

  // ---- function bodies ----------------------------------------------------------------------------
  function genFunction(fi) {
    const sig = sigs[fi];
    const locals = [...sig.params];
    if (r.chance(0.05)) for (let n = r.range(50, 400); n > 0; n--) locals.push(randType(0.05)); // many locals
    const nParams = sig.params.length;
    const code = [];
    const labels = [{ br: sig.results }]; // innermost last
    let budget = r.range(20, r.chance(0.2) ? 900 : 300);
    const MAXD = r.range(3, 8);
    const emit = (...b) => { code.push(...b); budget--; };
    const newLocal = (t) => { locals.push(t); return locals.length - 1; };
    const localsOf = (t) => locals.map((lt, i) => lt === t ? i : -1).filter((i) => i >= 0);
    const blockType = (params, results) => {
      if (!params.length && !results.length) return [0x40];
      if (!params.length && results.length === 1) return [results[0]];
      const o = []; sleb(o, typeIndex(params, results)); return o;
    };
    const fuelCheck = () => {
      code.push(0x23, FUEL, 0x45, 0x04, 0x40, 0x41); sleb(code, FUEL_LIMIT);
      code.push(0x24, FUEL, 0x00, 0x0b, 0x23, FUEL, 0x41, 0x01, 0x6b, 0x24, FUEL);
    };

    function constOf(t) {
      if (t === I32) { code.push(0x41); sleb(code, r.chance(0.7) ? r.pick(I32_CONSTS) : (r.u32() | 0)); }
      else if (t === I64) { code.push(0x42); sleb(code, r.chance(0.7) ? r.pick(I64_CONSTS) : BigInt.asIntN(64, (BigInt(r.u32()) << 32n) | BigInt(r.u32()))); }
      else if (t === F32) { code.push(0x43); u32le(code, r.chance(0.7) ? r.pick(F32_BITS) : r.u32()); }
      else if (t === F64) { code.push(0x44); u64le(code, r.chance(0.7) ? r.pick(F64_BITS) : (BigInt(r.u32()) << 32n) | BigInt(r.u32())); }
      else if (t === FUNCREF) { if (r.chance(0.5)) code.push(0xd0, FUNCREF); else { code.push(0xd2); uleb(code, r.int(nAllFuncs)); } }
      else code.push(0xd0, EXTERNREF);
      budget--;
    }
    function leaf(t) {
      const ls = localsOf(t), gs = globals.map((g, i) => g.type === t ? i : -1).filter((i) => i >= 0);
      const c = r.int(10);
      if (c < 4 && ls.length) { code.push(0x20); uleb(code, r.pick(ls)); budget--; return; }
      if (c < 6 && gs.length) { code.push(0x23); uleb(code, r.pick(gs)); budget--; return; }
      constOf(t);
    }
    // i32 locals holding addresses (set at entry to edge values), for address expressions
    const addrLocals = r.chance(0.7) ? Array.from({ length: r.range(1, 3) }, () => newLocal(I32)) : [];
    const ADDR_VALUES = [0, 4, 8, 100, 65532, 65535, 65536, 65536 * memMin - 8, -1, -4, -8, 0x7ffffffc,
                         -0x80000000, 0x10000000, 3, 1];
    // An address as the compiler may fold it into the access: local, local+c, local-c, c+local,
    // local+(local<<k), local*m+c (with shifts past 31, which wasm takes modulo 32).
    function addrExpr(d) {
      const a = r.pick(addrLocals), b = r.pick(addrLocals);
      const k = r.int(7);
      const cst = () => { code.push(0x41); sleb(code, r.pick([0, 1, 4, 8, -4, -8, 16, 65535, 65536, 0x7fffffff, -0x80000000, r.int(1 << 16)])); };
      if (k === 3) { cst(); code.push(0x20); uleb(code, a); code.push(0x6a); budget--; return; }
      code.push(0x20); uleb(code, a);
      if (k === 1) { cst(); code.push(0x6a); }
      else if (k === 2) { cst(); code.push(0x6b); }
      else if (k === 4) { code.push(0x20); uleb(code, b); code.push(0x41, r.pick([0, 1, 2, 3, 31, 32, 33, 35])); code.push(0x74, 0x6a); }
      else if (k === 5) { code.push(0x41); sleb(code, r.pick([1, 2, 4, 8, 12, 3, -1, 0x10001])); code.push(0x6c); cst(); code.push(0x6a); }
      else if (k === 6) { code.push(0x20); uleb(code, b); code.push(0x6a); cst(); code.push(0x6a); }
      budget--;
    }
    function addr(d, width) {
      if (addrLocals.length && r.chance(0.35)) return addrExpr(d);
      const c = r.int(10);
      const memBytes = 65536 * memMin;
      if (c < 5) { code.push(0x41); sleb(code, r.int(memBytes - 16)); }
      else if (c < 6) { code.push(0x41); sleb(code, memBytes - r.range(0, width + 2)); }
      else if (c < 9) { value(I32, d + 1); code.push(0x41); sleb(code, r.pick([0xffff, 0x7fff, 0xff, 0xfff8])); code.push(0x71); }
      else value(I32, d + 1);
      budget--;
    }
    function memarg(natural) {
      uleb(code, r.int(natural + 1));
      const c = r.int(12);
      uleb(code, c < 8 ? 0 : c < 10 ? r.int(64) : r.pick([65535, 65536, 0x7fffffff, 0xffffffff, 65536 * memMin - 4]));
    }
    // A label of the given branch types, as a relative depth, or -1.
    function labelWith(types) {
      const key = types.join(',');
      const c = labels.map((l, i) => l.br.join(',') === key ? labels.length - 1 - i : -1).filter((i) => i >= 0);
      return c.length ? r.pick(c) : -1;
    }

    function values(ts, d) {
      if (!ts.length) return;
      if (d < MAXD && budget > 0 && (ts.length > 1 ? r.chance(0.35) : r.chance(0.05))) {
        const c = r.int(4);
        if (c === 0) return structured(0x02, d, ts);
        if (c === 1) return structured(0x04, d, ts);
        if (c === 2) return structured(0x03, d, ts);
        // a call to a function with exactly these results
        const fs = range(0, nAllFuncs - 1).filter((f) => funcSig(f).results.join(',') === ts.join(','));
        if (fs.length) { const f = r.pick(fs); values(funcSig(f).params, d + 1); emit(0x10); uleb(code, f); return; }
      }
      for (const t of ts) value(t, d);
    }

    function value(t, d) {
      if (d >= MAXD || budget <= 0) return leaf(t);
      const num = NUM.includes(t);
      const opts = [[4, 'leaf']];
      if (num) opts.push([2, 'un'], [5, 'bin'], [2, 'conv'], [2, 'load']);
      if (t === I32) opts.push([2, 'cmp'], [1, 'eqz'], [0.3, 'memsize'], [0.3, 'memgrow'], [0.4, 'isnull'], [0.3, 'tablesize'], [0.3, 'tablegrow'], [0.2, 'callexport']);
      if (t === FUNCREF || t === EXTERNREF) opts.push([1, 'tableget']);
      opts.push([1, 'select'], [1, 'block'], [1, 'if'], [0.4, 'loop'], [1, 'call'], [0.6, 'callind'], [1, 'tee'], [0.5, 'brif']);
      if (num && localsOf(t).length) opts.push([1.5, 'alias']);
      if (num) opts.push([1, 'loadthen']);
      switch (r.weighted(opts)) {
        case 'leaf': return leaf(t);
        case 'un': value(t, d + 1); return emit(r.pick(UN[t]));
        case 'bin': value(t, d + 1); value(t, d + 1); return emit(r.pick(BIN[t]));
        case 'cmp': { const ot = r.pick(NUM); value(ot, d + 1); value(ot, d + 1); return emit(r.pick(CMP[ot])); }
        case 'eqz': { const ot = r.pick([I32, I64]); value(ot, d + 1); return emit(EQZ[ot]); }
        case 'conv': {
          const cs = CONV.filter((c) => c[2] === t); const [op, from] = r.pick(cs);
          value(from, d + 1); return emit(...op);
        }
        case 'load': {
          const [op, , nat] = r.pick(LOADS.filter((l) => l[1] === t));
          addr(d, 1 << nat); emit(op); return memarg(nat);
        }
        case 'memsize': return emit(0x3f, 0x00);
        case 'memgrow': { code.push(0x41); sleb(code, r.pick([0, 1, 1, 2, 0x10000, -1])); return emit(0x40, 0x00); }
        case 'isnull': { value(r.pick([FUNCREF, EXTERNREF]), d + 1); return emit(0xd1); }
        case 'tablesize': { emit(0xfc, 16); return uleb(code, r.int(3)); }
        case 'tablegrow': {
          const ti = r.int(3); value(tables[ti].type, d + 1);
          code.push(0x41); sleb(code, r.pick([0, 1, 2, 5, -1, 100]));
          emit(0xfc, 15); return uleb(code, ti);
        }
        case 'tableget': {
          const ti = t === FUNCREF ? r.pick([0, 2]) : 1;
          tableIndex(ti, d); emit(0x25); return uleb(code, ti);
        }
        case 'callexport': { code.push(0x41); sleb(code, r.int(exports.length + 2)); emit(0x10); return uleb(code, CALL_EXPORT_CATCH); }
        case 'select': {
          value(t, d + 1); value(t, d + 1); value(I32, d + 1);
          if (!num || r.chance(0.3)) { emit(0x1c, 1, t); } else emit(0x1b);
          return;
        }
        case 'block': return structured(0x02, d, [t]);
        case 'if': return structured(0x04, d, [t]);
        case 'loop': return structured(0x03, d, [t]);
        case 'call': {
          const fs = range(0, nAllFuncs - 1).filter((f) => funcSig(f).results.includes(t));
          if (!fs.length) return leaf(t);
          const f = r.pick(fs), s = funcSig(f);
          values(s.params, d + 1); emit(0x10); uleb(code, f);
          return keepOne(s.results, t);
        }
        case 'callind': {
          const fs = range(nImported, nAllFuncs - 1).filter((f) => funcSig(f).results.includes(t));
          if (!fs.length) return leaf(t);
          const f = r.pick(fs), s = funcSig(f);
          values(s.params, d + 1);
          // usually the slot that holds f, else anything (null, other type, out of range)
          const slot = t0init.indexOf(f), ti = r.chance(0.15) ? 2 : 0;
          if (ti === 0 && slot >= 0 && r.chance(0.8)) { code.push(0x41); sleb(code, t0off + slot); } else tableIndex(ti, d);
          emit(0x11); uleb(code, typeIndex(s.params, s.results)); uleb(code, ti);
          return keepOne(s.results, t);
        }
        case 'tee': { value(t, d + 1); emit(0x22); return uleb(code, newOrExisting(t)); }
        case 'loadthen': {
          // a load whose value waits on the stack while a store, a log call, a memory.fill or a
          // memory.grow runs: the load must read (or trap) before them
          const [op, , nat] = r.pick(LOADS.filter((l) => l[1] === t));
          // the address: branch-free code, since it is emitted twice (at two nesting depths)
          const mark = code.length;
          if (addrLocals.length && r.chance(0.7)) addrExpr(d);
          else { code.push(0x41); sleb(code, r.chance(0.8) ? r.int(65536 * memMin - 16) : 65536 * memMin - r.range(0, 9)); }
          const addrCode = code.slice(mark);
          emit(op); memarg(nat);
          emit(0x02, t); labels.push({ br: [t] });
          const k = r.int(4);
          if (k === 0) { // store to the same address
            const [sop, st, snat] = r.pick(STORES);
            code.push(...addrCode); value(st, d + 1); emit(sop); memarg(snat);
          } else if (k === 1) { value(r.pick(NUM), d + 1); code.push(0x1a, 0x41, 7, 0x10); uleb(code, LOG[I32]); }
          else if (k === 2) { code.push(...addrCode); code.push(0x41); sleb(code, r.int(256)); code.push(0x41, 8, 0xfc, 11, 0); }
          else { code.push(0x41, 1, 0x40, 0x00, 0x1a); }
          value(t, d + 1);
          labels.pop(); code.push(0x0b);
          return emit(r.pick(BIN[t]));
        }
        case 'alias': {
          // the old value of a local stays on the stack while the local changes under it: a
          // compiler that reads locals lazily (register machines do) must copy it first
          const x = r.pick(localsOf(t));
          code.push(0x20); uleb(code, x);
          const how = r.int(3);
          if (how === 0) { value(t, d + 1); emit(0x22); uleb(code, x); }           // local.tee x
          else if (how === 1) { // block (result t) (local.set x ...) (local.get x)
            emit(0x02, t); labels.push({ br: [t] });
            value(t, d + 1); code.push(0x21); uleb(code, x); code.push(0x20); uleb(code, x);
            labels.pop(); code.push(0x0b);
          } else { // v (if (result t) c (then (local.tee x ...)) (else (local.get x))) drop
            value(t, d + 1); value(I32, d + 1); emit(0x04, t); labels.push({ br: [t] });
            value(t, d + 1); code.push(0x22); uleb(code, x); code.push(0x05); code.push(0x20); uleb(code, x);
            labels.pop(); code.push(0x0b, 0x1a);
          }
          return emit(r.pick(BIN[t]));
        }
        case 'brif': {
          const l = labelWith([t]);
          if (l < 0) return leaf(t);
          value(t, d + 1); value(I32, d + 1); emit(0x0d); return uleb(code, l);
        }
      }
    }
    function newOrExisting(t) { const ls = localsOf(t); return ls.length && r.chance(0.7) ? r.pick(ls) : newLocal(t); }
    // The stack has `ts` on top; keep only one value of type t (saving the others in locals or dropping).
    function keepOne(ts, t) {
      const k = ts.lastIndexOf(t);
      for (let i = ts.length - 1; i > k; i--) dropOrSave(ts[i]);
      if (k === 0) return;
      const tmp = newLocal(t); code.push(0x21); uleb(code, tmp);
      for (let i = k - 1; i >= 0; i--) dropOrSave(ts[i]);
      code.push(0x20); uleb(code, tmp);
    }
    function dropOrSave(t) {
      if (r.chance(0.5)) code.push(0x1a);
      else { code.push(0x21); uleb(code, newOrExisting(t)); }
    }
    function tableIndex(ti, d) {
      const c = r.int(6);
      if (c < 4) { code.push(0x41); sleb(code, r.int(tables[ti].min + 2)); }
      else value(I32, d + 1);
    }

    // block/loop/if with random params, producing `results`.
    function structured(op, d, results) {
      const params = r.chance(0.4) ? randTypes(2, 0.05) : [];
      const loopCtr = op === 0x03 ? newLocal(I32) : -1;
      if (op === 0x03) { code.push(0x41); sleb(code, r.range(0, 3)); code.push(0x21); uleb(code, loopCtr); }
      values(params, d + 1);
      if (op === 0x04) value(I32, d + 1);
      emit(op, ...blockType(params, results));
      labels.push({ br: op === 0x03 ? params : results });
      body(op, params, results, d + 1, loopCtr);
      if (op === 0x04 && !(params.join() === results.join() && r.chance(0.3))) {
        code.push(0x05);
        body(op, params, results, d + 1, -1);
      }
      labels.pop();
      code.push(0x0b);
    }
    // The inside of a block whose stack starts with `params` and must end with `results`.
    function body(op, params, results, d, loopCtr) {
      if (op === 0x03) fuelCheck();
      const passThrough = params.join() === results.join() && r.chance(0.4);
      if (!passThrough) for (let i = params.length - 1; i >= 0; i--) dropOrSave(params[i]);
      const n = r.int(budget > 0 ? 4 : 1);
      for (let i = 0; i < n; i++) stmt(d);
      if (op === 0x03 && loopCtr >= 0 && r.chance(0.8)) {
        // a back edge, taken while the counter lasts
        if (passThrough) { /* the params are already on the stack */ } else values(params, d);
        code.push(0x20); uleb(code, loopCtr); code.push(0x41, 1, 0x6b, 0x22); uleb(code, loopCtr);
        code.push(0x41, 0, 0x4a, 0x0d, 0); // br_if 0 while counter > 0
        if (passThrough) { finish(op, results, d, true); return; }
        for (let i = params.length - 1; i >= 0; i--) dropOrSave(params[i]);
      }
      if (passThrough) { finish(op, results, d, true); return; }
      finish(op, results, d, false);
    }
    // End a block body: the results are produced normally, or by a branch out (then dead code).
    function finish(op, results, d, onStack) {
      const c = budget > 0 ? r.int(14) : 0;
      if (c < 8) { if (!onStack) values(results, d); return; }
      if (onStack) { for (let i = results.length - 1; i >= 0; i--) code.push(0x1a); }
      if (c < 10 && op !== 0x03) { values(results, d); code.push(0x0c, 0); deadCode(d); return; }
      if (c < 11) { values(sig.results, d); code.push(0x0f); deadCode(d); return; }
      if (c < 12) { // br_table over labels with the same branch types
        const lt = labels[labels.length - 1 - r.int(labels.length)].br;
        const key = lt.join(','), cands = labels.map((l, i) => l.br.join(',') === key ? labels.length - 1 - i : -1).filter((i) => i >= 0);
        values(lt, d); value(I32, d);
        const n = r.int(5); code.push(0x0e); uleb(code, n);
        for (let i = 0; i <= n; i++) uleb(code, r.pick(cands));
        deadCode(d); return;
      }
      if (c < 13) { const l = r.int(labels.length); values(labels[labels.length - 1 - l].br, d); code.push(0x0c); uleb(code, l); deadCode(d); return; }
      code.push(0x00); deadCode(d);
    }
    // Valid code after an unconditional branch: the stack is polymorphic, so instructions may pop
    // values that are not there; whatever they push is dropped again.
    function deadCode(d) {
      for (let n = r.int(4); n > 0; n--) {
        switch (r.int(9)) {
          case 0: code.push(0x6a, 0x1a); break;                  // i32.add drop
          case 1: code.push(0x1b, 0x1a); break;                  // select drop
          case 2: code.push(0xd1, 0x1a); break;                  // ref.is_null drop
          case 3: if (locals.length) { code.push(0x21); uleb(code, r.int(locals.length)); } break;
          case 4: code.push(0x7c, 0x50, 0x1a); break;             // i64.add i64.eqz drop
          case 5: value(randType(), d + 1); code.push(0x1a); break;
          case 6: code.push(0x0c); uleb(code, r.int(labels.length)); break;
          case 7: code.push(0x1a, 0x1a); break;
          default: code.push(0x00);
        }
      }
    }

    function stmt(d) {
      if (budget <= 0 || d >= MAXD) { if (r.chance(0.5)) { value(I32, MAXD); code.push(0x1a); } return; }
      const c = r.weighted([[3, 'set'], [2, 'gset'], [3, 'store'], [2, 'log'], [1, 'drop'], [1, 'call'], [1.5, 'bulk'],
                            [1.5, 'table'], [1, 'brif'], [2, 'block'], [0.1, 'throw'], [0.5, 'nop'], [0.8, 'brtable']]);
      switch (c) {
        case 'set': { const t = randType(); value(t, d + 1); emit(0x21); return uleb(code, newOrExisting(t)); }
        case 'gset': {
          const gs = globals.map((g, i) => g.mut && i !== FUEL ? i : -1).filter((i) => i >= 0);
          if (!gs.length) return;
          const g = r.pick(gs); value(globals[g].type, d + 1); emit(0x24); return uleb(code, g);
        }
        case 'store': {
          const [op, t, nat] = r.pick(STORES);
          addr(d, 1 << nat); value(t, d + 1); emit(op); return memarg(nat);
        }
        case 'log': { const t = r.pick(NUM); value(t, d + 1); emit(0x10); return uleb(code, LOG[t]); }
        case 'drop': { value(randType(), d + 1); return emit(0x1a); }
        case 'call': {
          const f = nImported + r.int(nFuncs), s = funcSig(f);
          values(s.params, d + 1); emit(0x10); uleb(code, f);
          for (let i = s.results.length - 1; i >= 0; i--) dropOrSave(s.results[i]);
          return;
        }
        case 'bulk': {
          const k = r.int(5);
          const len = () => { if (r.chance(0.7)) { code.push(0x41); sleb(code, r.pick([0, 1, 2, 4, 7, 16, 100, 65536])); } else value(I32, d + 1); };
          if (k === 0) { addr(d, 8); value(I32, d + 1); len(); return emit(0xfc, 11, 0); }          // memory.fill
          if (k === 1) { // memory.copy, often between overlapping ranges
            if (r.chance(0.5)) { const a = r.int(65536 * memMin - 64); code.push(0x41); sleb(code, a); code.push(0x41); sleb(code, a + r.range(-8, 8)); }
            else { addr(d, 8); addr(d, 8); }
            len(); return emit(0xfc, 10, 0, 0);
          }
          const seg = r.int(datas.length + (r.chance(0.05) ? 1 : 0)) % datas.length;
          if (k <= 3) { addr(d, 8); code.push(0x41); sleb(code, r.int(20)); len(); emit(0xfc, 8); uleb(code, seg); return code.push(0); }
          emit(0xfc, 9); return uleb(code, seg);                                                     // data.drop
        }
        case 'table': {
          const k = r.int(7), ti = r.int(3), tt = tables[ti].type;
          const idx = () => tableIndex(ti, d);
          const n = () => { code.push(0x41); sleb(code, r.pick([0, 1, 2, 3, 8])); };
          if (k === 0) { idx(); value(tt, d + 1); emit(0x26); return uleb(code, ti); }                // table.set
          if (k === 1) { idx(); value(tt, d + 1); n(); emit(0xfc, 17); return uleb(code, ti); }      // table.fill
          if (k === 2) { // table.copy, between the two funcref tables too
            const tj = tt === FUNCREF ? r.pick([0, 2]) : ti;
            idx(); tableIndex(tj, d); n(); emit(0xfc, 14); uleb(code, ti); return uleb(code, tj);
          }
          if (k <= 4) { // table.init of a funcref segment into table 0
            const segs = elems.map((e, i) => e.kind.startsWith('passive') || e.kind === 'active0' || e.kind === 'active2' ? i : -1).filter((i) => i >= 0);
            const s = r.pick(segs);
            const tf = r.pick([0, 2]);
            tableIndex(tf, d); code.push(0x41); sleb(code, r.int(4)); n();
            emit(0xfc, 12); uleb(code, s); return uleb(code, tf);
          }
          if (k === 5) { emit(0xfc, 13); return uleb(code, r.int(elems.length - 1)); }              // elem.drop
          value(I32, d + 1); return emit(0x1a);
        }
        case 'brif': {
          const l = r.int(labels.length), lt = labels[labels.length - 1 - l].br;
          values(lt, d + 1); value(I32, d + 1); emit(0x0d); uleb(code, l);
          for (let i = lt.length - 1; i >= 0; i--) dropOrSave(lt[i]);
          return;
        }
        case 'brtable': {
          // inside a fresh empty block, so that the branch has somewhere harmless to go
          emit(0x02, 0x40); labels.push({ br: [] });
          const cands = labels.map((l, i) => l.br.length === 0 ? labels.length - 1 - i : -1).filter((i) => i >= 0);
          value(I32, d + 1);
          const n = r.int(6); code.push(0x0e); uleb(code, n);
          for (let i = 0; i <= n; i++) uleb(code, r.chance(0.6) ? 0 : r.pick(cands));
          deadCode(d);
          labels.pop(); return code.push(0x0b);
        }
        case 'block': {
          const res = r.chance(0.8) ? [] : randTypes(2, 0.05);
          structured(r.pick([0x02, 0x03, 0x04]), d, res);
          for (let i = res.length - 1; i >= 0; i--) dropOrSave(res[i]);
          return;
        }
        case 'throw': emit(0x10); return uleb(code, THROW);
        case 'nop': return emit(0x01);
      }
    }

    fuelCheck();
    for (const l of addrLocals) { code.push(0x41); sleb(code, r.pick(ADDR_VALUES)); code.push(0x21); uleb(code, l); }
    for (let n = r.int(8); n > 0; n--) stmt(1);
    finish(0x02, sig.results, 1, false);
    code.push(0x0b);

    // locals beyond the params, run-length encoded
    const out = [], groups = [];
    for (let i = nParams; i < locals.length; i++) {
      if (groups.length && groups[groups.length - 1][1] === locals[i]) groups[groups.length - 1][0]++;
      else groups.push([1, locals[i]]);
    }
    uleb(out, groups.length);
    for (const [n, t] of groups) { uleb(out, n); out.push(t); }
    out.push(...code);
    return out;
  }

  const bodies = sigs.map((_, i) => genFunction(i));

  // ---- assemble -----------------------------------------------------------------------------------
  const funcTypeIdx = sigs.map((s) => typeIndex(s.params, s.results));
  const importTypeIdx = fimports.map(([, p, res]) => typeIndex(p, res));
  const m = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  let b = [];
  uleb(b, types.length);
  for (const t of types) { b.push(0x60); uleb(b, t.params.length); b.push(...t.params); uleb(b, t.results.length); b.push(...t.results); }
  section(m, 1, b);
  b = [];
  uleb(b, fimports.length + 2 + (memImported ? 1 : 0));
  fimports.forEach(([name], i) => { str(b, 'fuzzing-support'); str(b, name); b.push(0x00); uleb(b, importTypeIdx[i]); });
  for (const g of globals.slice(0, 2)) { str(b, g.imported[0]); str(b, g.imported[1]); b.push(0x03, g.type, 0x00); }
  const memLimits = [];
  if (memMax === undefined) { memLimits.push(0); uleb(memLimits, memMin); } else { memLimits.push(1); uleb(memLimits, memMin); uleb(memLimits, memMax); }
  if (memImported) { str(b, 'env'); str(b, 'memory'); b.push(0x02, ...memLimits); }
  section(m, 2, b);
  b = []; uleb(b, nFuncs); for (const t of funcTypeIdx) uleb(b, t); section(m, 3, b);
  b = []; uleb(b, tables.length);
  for (const t of tables) { b.push(t.type); if (t.max === undefined) { b.push(0); uleb(b, t.min); } else { b.push(1); uleb(b, t.min); uleb(b, t.max); } }
  section(m, 4, b);
  if (!memImported) section(m, 5, [1, ...memLimits]);
  b = []; uleb(b, globals.length - 2);
  for (const g of globals.slice(2)) { b.push(g.type, g.mut ? 1 : 0, ...g.init); }
  section(m, 6, b);
  b = []; uleb(b, exports.length);
  for (const e of exports) { str(b, e.name); b.push(e.kind); uleb(b, e.index); }
  section(m, 7, b);
  if (start >= 0) { b = []; uleb(b, start); section(m, 8, b); }
  b = []; uleb(b, elems.length);
  for (const e of elems) {
    const i32c = (v) => { b.push(0x41); sleb(b, v); b.push(0x0b); };
    if (e.kind === 'active0') { b.push(0x00); i32c(e.offset); uleb(b, e.funcs.length); for (const f of e.funcs) uleb(b, f); }
    else if (e.kind === 'passive') { b.push(0x01, 0x00); uleb(b, e.funcs.length); for (const f of e.funcs) uleb(b, f); }
    else if (e.kind === 'passive-expr') {
      b.push(0x05, FUNCREF); uleb(b, e.n);
      for (let i = 0; i < e.n; i++) { if (r.chance(0.5)) b.push(0xd0, FUNCREF, 0x0b); else { b.push(0xd2); uleb(b, r.int(nAllFuncs)); b.push(0x0b); } }
    } else if (e.kind === 'declare') { b.push(0x03, 0x00); uleb(b, e.funcs.length); for (const f of e.funcs) uleb(b, f); }
    else if (e.kind === 'active2') { b.push(0x02, 0x02); i32c(e.offset); b.push(0x00); uleb(b, e.funcs.length); for (const f of e.funcs) uleb(b, f); }
    else { b.push(0x06, 0x01); i32c(e.offset); b.push(EXTERNREF); uleb(b, e.n); for (let i = 0; i < e.n; i++) b.push(0x23, 1, 0x0b); }
  }
  section(m, 9, b);
  b = []; uleb(b, datas.length); section(m, 12, b);
  b = []; uleb(b, bodies.length);
  for (const body of bodies) { uleb(b, body.length); b.push(...body); }
  section(m, 10, b);
  b = []; uleb(b, datas.length);
  for (const dseg of datas) {
    if (dseg.active) { b.push(0x00, 0x41); sleb(b, dseg.offset); b.push(0x0b); } else b.push(0x01);
    uleb(b, dseg.bytes.length); b.push(...dseg.bytes);
  }
  section(m, 11, b);
  return Uint8Array.from(m);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seed, out] = process.argv.slice(2);
  if (seed === undefined || !out) { console.error('usage: node gen_module.mjs SEED OUT.wasm'); process.exit(2); }
  (await import('node:fs')).writeFileSync(out, generateModule(Number(seed)));
}
