// fuzz_run.mjs: runs a module made by binaryen's `wasm-opt -ttf` under V8 and prints what it does
// in the format of fuzz_run.c (see there), for tests/fuzz/diff.sh to compare.
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const out = [];
const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
function fmt(what, type, v) {
    switch (type) {
    case 'i32': return `${what} i32 ${v | 0}`;
    case 'i64': return `${what} i64 ${BigInt.asIntN(64, BigInt(v))}`;
    case 'f32':
        if (Number.isNaN(v)) return `${what} f32 nan`;
        f32[0] = v;
        return `${what} f32 0x${u32[0].toString(16).padStart(8, '0')}`;
    case 'f64':
        if (Number.isNaN(v)) return `${what} f64 nan`;
        f64[0] = v;
        return `${what} f64 0x${u64[0].toString(16).padStart(16, '0')}`;
    default: return `${what} ref ${v === null ? 'null' : 'nonnull'}`;
    }
}
let mod;
try {
    mod = new WebAssembly.Module(bytes);
} catch (e) {
    console.log('compile error');
    process.exit(0);
}
const imports = {};
for (const imp of WebAssembly.Module.imports(mod)) {
    if (imp.kind !== 'function') { console.log(`unsupported import ${imp.module}.${imp.name}`); process.exit(1); }
    imports[imp.module] ??= {};
    const m = /^log-(i32|i64|f32|f64)$/.exec(imp.name);
    imports[imp.module][imp.name] = m ? (v) => { out.push(fmt('log', m[1], v)); } : () => {};
}
let inst;
try {
    inst = new WebAssembly.Instance(mod, imports);
} catch (e) {
    console.log(e instanceof WebAssembly.RuntimeError ? 'instantiate: trap' : 'instantiate: error');
    process.exit(0);
}
// The exports' signatures, which JS cannot see: read from the module's type, import, function
// and export sections.
function signatures(b) {
    let p = 8;
    const u = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
    const name = () => { const n = u(); p += n; return b.subarray(p - n, p).toString(); };
    const vt = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref', 0x7b: 'v128' };
    const types = [], funcs = [], sigs = {};
    while (p < b.length) {
        const id = b[p++], size = u(), end = p + size;
        if (id === 1) {
            for (let n = u(); n--;) {
                p++; // 0x60
                const params = []; for (let k = u(); k--;) params.push(vt[b[p++]]);
                const results = []; for (let k = u(); k--;) results.push(vt[b[p++]]);
                types.push({ params, results });
            }
        } else if (id === 2) {
            for (let n = u(); n--;) {
                name(); name();
                const kind = b[p++];
                if (kind === 0) funcs.push(types[u()]);
                else if (kind === 1) { p++; const fl = u(); u(); if (fl & 1) u(); }
                else if (kind === 2) { const fl = u(); u(); if (fl & 1) u(); }
                else { p += 2; }
            }
        } else if (id === 3) {
            for (let n = u(); n--;) funcs.push(types[u()]);
        } else if (id === 7) {
            for (let n = u(); n--;) { const nm = name(), kind = b[p++], idx = u(); if (kind === 0) sigs[nm] = funcs[idx]; }
        }
        p = end;
    }
    return sigs;
}
const sigs = signatures(bytes);
const hang = inst.exports.hangLimitInitializer;
for (const exp of WebAssembly.Module.exports(mod)) {
    if (exp.kind !== 'function' || exp.name === 'hangLimitInitializer') continue;
    if (hang) hang();
    const sig = sigs[exp.name] ?? { params: [], results: [] };
    const args = sig.params.map((t) => (t === 'i64' ? 0n : t === 'i32' || t === 'f32' || t === 'f64' ? 0 : null));
    out.push(`call ${exp.name}`);
    try {
        let r = inst.exports[exp.name](...args);
        const rs = sig.results.length > 1 ? r : sig.results.length === 1 ? [r] : [];
        sig.results.forEach((t, i) => out.push(fmt('result', t, rs[i])));
    } catch (e) {
        if (!(e instanceof WebAssembly.RuntimeError || e instanceof RangeError)) throw e;
        // where: the innermost wasm frame, "wasm-function[index]:0xoffset" (offset in the module)
        const m = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/.exec(e.stack ?? '');
        out.push(m && e instanceof WebAssembly.RuntimeError ? `trap func ${m[1]} @0x${m[2]}` : 'trap');
    }
}
console.log(out.join('\n'));
