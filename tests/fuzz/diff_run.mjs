// diff_run.mjs: runs one module in V8 (Node) exactly as tests/fuzz/diff_run.c runs it in wisp and
// prints the same canonical lines (the format is described at the top of diff_run.c).
//
// usage: node diff_run.mjs [--rounds N] MODULE.wasm
import { readFileSync } from 'node:fs';

let rounds = 2, path = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--rounds' && i + 1 < argv.length) rounds = Number(argv[++i]);
  else path = argv[i];
}
if (!path) {
  console.error('usage: node diff_run.mjs [--rounds N] MODULE.wasm');
  process.exit(2);
}

const out = [];
const emit = (s) => { out.push(s); if (out.length >= 256) flush(); };
function flush() { if (out.length) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; } }

// ---- deterministic arguments (the same tables as diff_run.c) ------------------------------------
const ARG_I32 = [0, 1, -1, 0x7fffffff, -0x80000000, 42, 65535, -65536, 0x10000, 7];
const ARG_I64 = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 42n, 0xffffffffn, 0x100000000n,
                 -4294967296n, 7n];
const ARG_F32 = [0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x7f800000, 0xff800000, 0x7f7fffff,
                 0x00000001, 0x4f000000, 0xcf000000];
const ARG_F64 = [0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff8000000000000n,
                 0x7ff0000000000000n, 0xfff0000000000000n, 0x7fefffffffffffffn, 0x0000000000000001n,
                 0x41e0000000000000n, 0xc1e0000000000000n];

const f32buf = new Float32Array(1), u32buf = new Uint32Array(f32buf.buffer);
const f64buf = new Float64Array(1), u64buf = new BigUint64Array(f64buf.buffer);
const f32FromBits = (b) => { u32buf[0] = b; return f32buf[0]; };
const f64FromBits = (b) => { u64buf[0] = b; return f64buf[0]; };

const EXT_OBJECT = { fuzz: 'ext' }; // the one host object handed out as a non-null externref

function makeArg(type, k, salt) {
  const i = (k * 3 + salt) % 10;
  switch (type) {
    case 'i32': return ARG_I32[i];
    case 'i64': return ARG_I64[i];
    case 'f32': return f32FromBits(ARG_F32[i]);
    case 'f64': return f64FromBits(ARG_F64[i]);
    case 'funcref': return null;
    case 'externref': return (i & 1) ? EXT_OBJECT : null;
    default: throw new Error('unsupported type ' + type);
  }
}

// ---- printing -------------------------------------------------------------------------------------
function fmt(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, v).toString();
    case 'f32':
      if (Number.isNaN(v)) return 'f32:nan';
      f32buf[0] = v; return 'f32:' + u32buf[0].toString(16).padStart(8, '0');
    case 'f64':
      if (Number.isNaN(v)) return 'f64:nan';
      f64buf[0] = v; return 'f64:' + u64buf[0].toString(16).padStart(16, '0');
    case 'funcref': return 'funcref:' + (v === null ? 'null' : 'func');
    case 'externref': return 'externref:' + (v === null || v === undefined ? 'null' : 'ext');
    default: return type + ':?';
  }
}

// A thrown JS value -> "trap CAT" or "exception" (the harness's own errors, which *-catch catches).
function failure(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    const m = e.message;
    if (/unreachable/.test(m)) return 'trap unreachable';
    if (/memory access out of bounds|data segment|out of bounds memory/.test(m)) return 'trap mem-oob';
    if (/divide by zero|remainder by zero/.test(m)) return 'trap div0';
    if (/divide result unrepresentable|remainder result unrepresentable/.test(m)) return 'trap int-overflow';
    if (/float unrepresentable|unrepresentable in integer/.test(m)) return 'trap conversion';
    if (/null function|signature mismatch/.test(m)) return 'trap indirect-call';
    if (/table index is out of bounds|table access|element segment|table/.test(m)) return 'trap table-oob';
    if (/null/.test(m)) return 'trap null-ref';
    return 'trap ?' + m.replace(/\s+/g, '_');
  }
  if (e instanceof RangeError && /call stack/.test(e.message)) return 'trap stack';
  return 'exception';
}
const isTrap = (e) => e instanceof WebAssembly.RuntimeError ||
                      (e instanceof RangeError && /call stack/.test(e.message));

// FNV-1a 64 in two 32-bit halves (a BigInt per byte would be too slow for megabytes).
function fnv1a(bytes) {
  let hi = 0xcbf29ce4, lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo ^= bytes[i];
    // (hi:lo) *= 0x100000001b3 = 2^40 + 0x1b3
    const plo = (lo & 0xffff) * 0x1b3, phi = (lo >>> 16) * 0x1b3 + (plo >>> 16);
    const newLo = ((phi & 0xffff) << 16) | (plo & 0xffff);
    const carry = Math.floor(phi / 0x10000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = newLo >>> 0;
  }
  return [hi >>> 0, lo >>> 0];
}
const hex64 = ([hi, lo]) => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

// ---- the module ------------------------------------------------------------------------------------
const bytes = readFileSync(path);
let module;
try {
  module = new WebAssembly.Module(bytes);
} catch (e) {
  emit('compile error');
  console.error('diff_run.mjs: ' + e);
  flush();
  process.exit(0);
}
emit('compile ok');

// Function types: Node 20 has no type reflection, so read them from the binary.
const types = readTypes(bytes);
const typeOfExport = (name) => types.exportTypes.get(name);
const exportList = [];  // [{name, kind, value}] in module order, filled after instantiation

function callNested(f, ty) {
  if (typeof f !== 'function') throw new TypeError('not a function');
  const args = ty ? ty.params.map((t, k) => makeArg(t, k, 0)) : [];
  f(...args);
}

function tableOf() {
  const e = exportList.find((x) => x.name === 'table');
  return e && e.value instanceof WebAssembly.Table ? e.value : null;
}

function tryCatch(fn) {
  try { fn(); return 0; } catch (e) { if (isTrap(e)) throw e; return 1; }
}

function callExport(i) {
  const e = exportList[i];
  if (!e) throw new TypeError('no export');
  callNested(e.value, e.kind === 'function' ? typeOfExport(e.name) : null);
}
function callRef(f) {
  if (f === null) throw new TypeError('null function');
  // V8 names a wasm function object by its index in the module's function index space
  callNested(f, types.funcs[Number(f.name)]);
}

function makeImport(n, ty) {
  if (n.startsWith('log-') && n !== 'log-branch')
    return (v) => { emit('log ' + fmt(ty.params[0], v)); };
  switch (n) {
    case 'log-branch': return (a, b, c) => { emit(`log-branch ${a | 0} ${b | 0} ${c | 0}`); };
    case 'throw': return () => { throw new Error('fuzz: exception'); };
    case 'sleep': return (ms, id) => id;
    case 'table-get': return (i) => {
      const t = tableOf();
      if (!t) throw new TypeError('no table');
      return t.get(i >>> 0);
    };
    case 'table-set': return (i, v) => {
      const t = tableOf();
      if (!t) throw new TypeError('no table');
      t.set(i >>> 0, v);
    };
    case 'call-export': return (i) => { callExport(i); };
    case 'call-export-catch': return (i) => tryCatch(() => callExport(i));
    case 'call-ref': return (f) => { callRef(f); };
    case 'call-ref-catch': return (f) => tryCatch(() => callRef(f));
    default:
      return () => { emit('import ' + n); return ty.results.length === 1 ? zero(ty.results[0]) : undefined; };
  }
}
const zero = (t) => t === 'i64' ? 0n : (t === 'funcref' || t === 'externref') ? null : 0;
const jsType = (t) => t === 'funcref' ? 'anyfunc' : t;

const imports = {};
let importedMemory = null; // the last imported memory, shown if instantiation fails
const importDescs = WebAssembly.Module.imports(module);
for (let j = 0; j < importDescs.length; j++) {
  const imp = importDescs[j], ity = types.importTypes[j];
  const ns = (imports[imp.module] ??= {});
  if (imp.kind === 'function') {
    ns[imp.name] = makeImport(imp.module === 'fuzzing-support' ? imp.name : imp.module + '.' + imp.name, ity);
  } else if (imp.kind === 'global') {
    const init = ity.type === 'externref' ? EXT_OBJECT : zero(ity.type);
    ns[imp.name] = new WebAssembly.Global({ value: jsType(ity.type), mutable: ity.mutable }, init);
  } else if (imp.kind === 'memory') {
    const d = { initial: ity.min };
    if (ity.max !== undefined) d.maximum = ity.max;
    ns[imp.name] = importedMemory = new WebAssembly.Memory(d);
  } else if (imp.kind === 'table') {
    const d = { element: jsType(ity.elem), initial: ity.min };
    if (ity.max !== undefined) d.maximum = ity.max;
    ns[imp.name] = new WebAssembly.Table(d, null);
  }
}

let instance;
try {
  instance = new WebAssembly.Instance(module, imports);
} catch (e) {
  if (e instanceof WebAssembly.LinkError) emit('instantiate link-error');
  else if (e instanceof RangeError && !/call stack/.test(e.message)) emit('instantiate limit');
  else emit('instantiate ' + failure(e));
  console.error('diff_run.mjs: ' + e);
  if (importedMemory) { // what the segments before the failing one wrote stays
    const buf = new Uint8Array(importedMemory.buffer);
    emit(`imported memory ${buf.length / 65536} ` + hex64(fnv1a(buf)));
  }
  flush();
  process.exit(0);
}
emit('instantiate ok');
for (const d of WebAssembly.Module.exports(module))
  exportList.push({ name: d.name, kind: d.kind, value: instance.exports[d.name] });

function dumpState() {
  for (const e of exportList) {
    if (e.kind === 'global') {
      emit(`global ${e.name} ` + fmt(types.exportGlobalTypes.get(e.name), e.value.value));
    } else if (e.kind === 'memory') {
      const buf = new Uint8Array(e.value.buffer);
      emit(`memory ${e.name} ${buf.length / 65536} ` + hex64(fnv1a(buf)));
      if (process.env.DIFF_RUN_MEMDUMP) { // debugging: the non-zero 16-byte rows
        for (let o = 0; o < buf.length; o += 16) {
          const row = buf.subarray(o, o + 16);
          if (row.some((x) => x)) emit('  ' + o.toString(16).padStart(8, '0') + ' ' +
                                       [...row].map((x) => x.toString(16).padStart(2, '0')).join(' '));
        }
      }
    } else if (e.kind === 'table') {
      const n = e.value.length;
      const marks = new Uint8Array(n);
      for (let k = 0; k < n; k++) marks[k] = e.value.get(k) === null ? 0x6e : 0x78;
      emit(`table ${e.name} ${n} ` + hex64(fnv1a(marks)));
    }
  }
}

for (let i = 0; i < exportList.length; i++) {
  const e = exportList[i];
  if (e.kind !== 'function') continue;
  const ty = typeOfExport(e.name);
  for (let round = 0; round < rounds; round++) {
    const args = ty.params.map((t, k) => makeArg(t, k, i + 5 * round));
    emit(`call ${e.name}` + args.map((a, k) => ' ' + fmt(ty.params[k], a)).join(''));
    try {
      const r = e.value(...args);
      if (ty.results.length === 0) emit('result');
      else if (ty.results.length === 1) emit('result ' + fmt(ty.results[0], r));
      else emit('result' + ty.results.map((t, k) => ' ' + fmt(t, r[k])).join(''));
    } catch (err) {
      emit(failure(err));
      if (process.env.FUZZ_VERBOSE) console.error(err);
    }
    dumpState();
  }
}
flush();

// ---- a minimal reader of the type, import, function, global and export sections ---------------
function readTypes(buf) {
  let p = 8;
  const u = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const skipLeb = () => { while (buf[p++] & 0x80); };
  const VT = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
  const vt = () => VT[buf[p++]] ?? 'ref?';
  const name = () => { const n = u(); const s = Buffer.from(buf.subarray(p, p + n)).toString('utf8'); p += n; return s; };
  const limits = () => { const f = buf[p++]; const min = u(); const max = f & 1 ? u() : undefined; return { min, max }; };
  const sigs = [], funcs = [], globals = [], importTypes = [];
  const exportTypes = new Map(), exportGlobalTypes = new Map();
  while (p < buf.length) {
    const id = buf[p++], size = u(), end = p + size;
    if (id === 1) {
      for (let n = u(); n > 0; n--) {
        p++; // 0x60
        const params = []; for (let k = u(); k > 0; k--) params.push(vt());
        const results = []; for (let k = u(); k > 0; k--) results.push(vt());
        sigs.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u(); n > 0; n--) {
        name(); name();
        const kind = buf[p++];
        if (kind === 0) { const t = sigs[u()]; funcs.push(t); importTypes.push(t); }
        else if (kind === 1) { const elem = vt(); importTypes.push({ elem, ...limits() }); }
        else if (kind === 2) importTypes.push(limits());
        else { const type = vt(); const mutable = buf[p++] === 1; globals.push(type); importTypes.push({ type, mutable }); }
      }
    } else if (id === 3) {
      for (let n = u(); n > 0; n--) funcs.push(sigs[u()]);
    } else if (id === 6) {
      for (let n = u(); n > 0; n--) {
        globals.push(vt()); p++;
        for (;;) { // skip the constant expression up to its `end`
          const op = buf[p++];
          if (op === 0x0b) break;
          if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) skipLeb();
          else if (op === 0x43) p += 4;
          else if (op === 0x44) p += 8;
          else if (op === 0xd0) p++;
        }
      }
    } else if (id === 7) {
      for (let n = u(); n > 0; n--) {
        const nm = name(), kind = buf[p++], idx = u();
        if (kind === 0) exportTypes.set(nm, funcs[idx]);
        else if (kind === 3) exportGlobalTypes.set(nm, globals[idx]);
      }
    }
    p = end;
  }
  return { importTypes, exportTypes, exportGlobalTypes, funcs };
}
