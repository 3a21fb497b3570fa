// gen.mjs SEED: prints a random module (text format) built from the instruction sequences wisp's
// compiler rewrites into superinstructions (address arithmetic folded into accesses, loads used
// as memory operands, loads stored straight back, read-modify-write, multiply-accumulate, loop
// counters fused into their branch, bit tests), with addresses near the ends of memory and of
// the 32-bit range so wrapping and traps are exercised. Its exports log through the imports
// fuzz_run.c / fuzz_run.mjs provide; tests/fuzz/diff.sh --patterns runs it in wisp and V8.
let seed = BigInt(process.argv[2] ?? 1) * 2n + 1n;
function rnd(n) { // xorshift64*
    seed ^= seed >> 12n; seed ^= (seed << 25n) & 0xffffffffffffffffn; seed ^= seed >> 27n;
    return Number(((seed * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 33n) % n;
}
const pick = (a) => a[rnd(a.length)];
const NL = 6; // i32 locals $l0..$l5, f64 locals $f0..$f2
const li = () => `(local.get $l${rnd(NL)})`;
const lp = () => `(local.get $p${rnd(2)})`; // pointers kept mostly in bounds
const lf = () => `(local.get $f${rnd(3)})`;
const c32 = () => pick(['0', '1', '4', '8', '-4', '-8', '16', '255', '0x7fffffff', '-1', '65528', '65535', '0xfff0', String(rnd(70000)), String(-rnd(70000))]);
const loads32 = ['i32.load', 'i32.load8_u', 'i32.load8_s', 'i32.load16_u', 'i32.load16_s'];
const off = () => (rnd(16) ? pick(['', '', '', 'offset=1 ', 'offset=8 ', 'offset=16 ']) : pick(['offset=65530 ', 'offset=4294967295 ']));
const off8 = () => (rnd(16) ? pick(['', '', 'offset=8 ', 'offset=16 ']) : pick(['offset=65528 ', 'offset=4294967288 ']));
function addr(d) {
    const base = rnd(20) ? pick(['in', 'in', 'in', 'in', 'in', 'in', 'wrap', 'wrap']) : pick(['raw', 'end']);
    const inner = d > 0 ? i32(d - 1) : li();
    switch (base) {
    case 'in': return `(i32.and ${inner} (i32.const ${pick(['0xfff8', '0x7ff8', '0xfffc', '0x3ff'])}))`;
    case 'end': return `(i32.add (i32.and ${inner} (i32.const 15)) (i32.const ${pick(['65520', '65528', '65532', '65535'])}))`;
    case 'wrap': return `(i32.add (i32.or (i32.and ${inner} (i32.const 0xff)) (i32.const 0x100)) (i32.const ${pick(['-8', '-256', '-1', '0xffffff00'])}))`;
    default: return inner;
    }
}
function scaled(d) { // a + b * m + c shapes
    const b = d > 0 ? i32(d - 1) : li();
    const k = pick(['1', '2', '3']);
    return pick([
        `(i32.add ${li()} (i32.shl (i32.and ${b} (i32.const 0xff)) (i32.const ${k})))`,
        `(i32.add (i32.shl (i32.and ${b} (i32.const 0xff)) (i32.const ${k})) (i32.const ${pick(['0', '4080', '8', '65000'])}))`,
        `(i32.add (i32.mul (i32.and ${b} (i32.const 0xff)) (i32.const ${pick(['40', '12', '8'])})) ${li()})`,
        `(i32.add (i32.add (i32.and ${li()} (i32.const 0x7fff)) (i32.shl (i32.and ${b} (i32.const 0xff)) (i32.const ${k}))) (i32.const ${pick(['4', '-4', '16'])}))`,
    ]);
}
function i32(d) {
    if (d <= 0) return pick([li(), `(i32.const ${c32()})`]);
    return pick([
        li(), `(i32.const ${c32()})`,
        `(${pick(loads32)} ${off()}${pick([addr(d - 1), scaled(d - 1)])})`,
        `(i32.add ${i32(d - 1)} (i32.const ${c32()}))`, `(i32.sub ${i32(d - 1)} (i32.const ${c32()}))`,
        `(i32.shl ${i32(d - 1)} (i32.const ${rnd(34)}))`, `(i32.mul ${i32(d - 1)} (i32.const ${c32()}))`,
        `(i32.add ${i32(d - 1)} ${i32(d - 1)})`, `(i32.add (i32.const ${c32()}) ${i32(d - 1)})`,
        `(i32.add ${i32(d - 1)} (i32.shl ${i32(d - 1)} (i32.const ${rnd(4)})))`,
        `(i32.and ${i32(d - 1)} (i32.const ${c32()}))`, `(i32.xor ${i32(d - 1)} ${i32(d - 1)})`,
        `(i32.wrap_i64 (i64.load ${off()}${addr(d - 1)}))`,
        `(i32.and (i32.shr_u ${i32(d - 1)} (i32.const ${rnd(40)})) (i32.const ${c32()}))`,
        `(i32.add (i32.add ${li()} ${li()}) ${i32(d - 1)})`,
        `(i32.wrap_i64 ${i64(d - 1)})`,
        `(select ${i32(d - 1)} ${i32(d - 1)} ${i32(d - 1)})`,
        `(local.tee $l${rnd(NL)} ${i32(d - 1)})`,
    ]);
}
function i64(d) {
    const x = `(local.get $x${rnd(2)})`;
    const k = pick(['0xff51afd7ed558ccd', '-0x3d4d51c2d82b14b1', '33', '0x100000000', '-1', '7']);
    if (d <= 0) return pick([x, `(i64.const ${k})`]);
    return pick([
        x, `(i64.extend_i32_u ${i32(d - 1)})`, `(i64.load ${off()}${addr(d - 1)})`,
        `(i64.${pick(['add', 'sub', 'mul', 'and', 'or', 'xor'])} ${i64(d - 1)} (i64.const ${k}))`,
        `(i64.${pick(['add', 'mul', 'xor'])} (i64.const ${k}) ${i64(d - 1)})`,
        `(i64.xor ${x} (i64.shr_u ${x} (i64.const ${rnd(70)})))`,
        `(i64.xor (i64.shr_u ${x} (i64.const ${rnd(64)})) ${x})`,
        `(local.tee $x${rnd(2)} ${i64(d - 1)})`,
    ]);
}
function f64(d) {
    // (NaN payloads and signs are not specified: V8 and wisp may differ, as when V8 folds a
    // constant. The memory hash reads NaNs as one value; f64 stores are 8-byte aligned for it.)
    if (d <= 0) return pick([lf(), `(f64.const ${pick(['0', '1.5', '-2', '0.01', '-0', '1e300'])})`]);
    const op = pick(['add', 'sub', 'mul', 'div']);
    return pick([
        lf(), `(f64.const ${pick(['0', '1.5', '-2', '0.01', '-0', '3e-300'])})`,
        `(f64.load ${off()}${pick([addr(d - 1), scaled(d - 1)])})`,
        `(f64.${op} ${f64(d - 1)} (f64.load ${off()}${addr(d - 1)}))`,
        `(f64.${op} (f64.load ${off()}${addr(d - 1)}) ${f64(d - 1)})`,
        `(f64.${op} (f64.load ${addr(d - 1)}) (f64.load ${addr(d - 1)}))`,
        `(f64.${op} ${f64(d - 1)} (f64.const ${pick(['0.5', '-3', '0.01', '0'])}))`,
        `(f64.${op} (f64.const ${pick(['0.5', '-3', '0.01', '0'])}) ${f64(d - 1)})`,
        `(f64.${op} ${f64(d - 1)} ${f64(d - 1)})`, `(f64.sqrt (f64.abs ${f64(d - 1)}))`,
        `(f64.convert_i32_s ${i32(d - 1)})`, `(local.tee $f${rnd(3)} ${f64(d - 1)})`,
    ]);
}
function stmt(d) {
    const w = pick([['i32.store', 'i32.load'], ['i32.store8', 'i32.load8_u'], ['i32.store8', 'i32.load8_s'],
        ['i32.store16', 'i32.load16_u'], ['i64.store', 'i64.load'], ['i64.store32', 'i64.load32_s']]);
    const a = () => pick([addr(1), addr(1), scaled(1), lp()]);
    const a8 = () => pick([`(i32.and ${i32(1)} (i32.const 0xfff8))`, lp(), `(i32.add (i32.shl (i32.and ${li()} (i32.const 0xff)) (i32.const 3)) ${lp()})`]);
    const op = pick(['add', 'sub', 'mul']);
    return pick([
        () => `(local.set $l${rnd(NL)} ${i32(d)})`,
        () => `(local.set $f${rnd(3)} ${f64(d)})`,
        () => `(call $log_i32 ${i32(d)})`,
        () => `(call $log_f64 ${f64(d)})`,
        () => `(local.set $x${rnd(2)} ${i64(d)})`,
        () => `(call $log_i64 ${i64(d)})`,
        () => `(${pick(['i32.store', 'i32.store8', 'i32.store16'])} ${off()}${a()} ${i32(d)})`,
        () => `(f64.store ${off8()}${a8()} ${f64(d)})`,
        () => `(${w[0]} ${off()}${a()} (${w[1]} ${off()}${a()}))`, // load stored straight back
        () => { const p = lp(); const o = off8(); // read-modify-write
            return `(f64.store ${o}${p} (f64.${op} (f64.load ${o}${p}) ${f64(d - 1)}))`; },
        () => { const p = lp(); const o = off8(); // m = x op m
            return `(f64.store ${o}${p} (f64.${op} ${f64(d - 1)} (f64.load ${o}${p})))`; },
        () => { const p = lp(); const o = off8(); // multiply-accumulate
            return `(f64.store ${o}${p} (f64.add (f64.mul ${lf()} (f64.load ${pick([a(), lp()])})) (f64.load ${o}${p})))`; },
        () => { const p = lp(); const o = off8(); // the same through an address expression
            return `(f64.store ${o}(i32.add ${p} (i32.const 8)) (f64.add (f64.mul ${lf()} (f64.load ${a()})) (f64.load ${o}(i32.add ${p} (i32.const 8)))))`; },
        () => { const q = `$p${rnd(2)}`; const o = off8(); // the same on an address just computed into a local
            return `(f64.store ${o}(local.tee ${q} (i32.add ${lp()} (i32.const ${pick(['8', '16', '-8', '0'])}))) (f64.add (f64.mul ${lf()} (f64.load ${off8()}${pick([lp(), `(i32.add ${lp()} (i32.const 8))`])})) (f64.load ${o}(local.get ${q}))))`; },
        () => { const l = rnd(NL); // a dispatch loop: a switch whose cases end in br to the loop's closing test
            return `(local.set $l${l} (i32.and (local.get $l${l}) (i32.const 15))) (block $bo (loop $lo ${budget} (block $n (block $h2 (block $h1 (block $h0 ` +
                `(br_table $h0 $h1 $h2 $h0 $h1 $h2 $h0 $h1 $h2 $h0 $h1 $h2 $h0 $h1 $h2 $h0 $bo (i32.and ${i32(1)} (i32.const ${pick(['15', '16', '31'])})))) ` +
                `${stmt(d - 1)} (br $n)) ${stmt(d - 1)} (br $n)) ${stmt(d - 1)} (br ${pick(['$n', '$lo', '$bo'])})) ` +
                `(br_if $lo (i32.lt_u (local.tee $l${l} (i32.add (local.get $l${l}) (i32.const 1))) (i32.const ${pick(['16', '64'])})))))`; },
        () => `(local.set $p${rnd(2)} ${rnd(30) ? `(i32.and ${i32(d)} (i32.const 0xfff0))` : pick(['(i32.const 65528)', '(i32.const 65536)', '(i32.const -8)'])})`,
        () => `(local.set $p${rnd(2)} (i32.add ${lp()} (i32.const ${pick(['8', '-8', '16'])})))`,
        () => `(drop (${pick(loads32)} ${off()}${a()}))`,
        () => `(if (i32.and ${i32(d)} (i32.const ${pick(['1', '4', '0x80', '-1'])})) (then ${stmt(d - 1)}) (else ${stmt(d - 1)}))`,
        () => `(if (i32.eqz (i32.and ${i32(d)} (i32.const ${pick(['2', '8'])}))) (then ${stmt(d - 1)}))`,
        () => { const l = rnd(NL), k = pick(['1', '4', '8', '-1', '24']), n = pick(['0', '16', '64', '96']);
            const cmp = pick(['i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.le_u', 'i32.ge_s', 'i32.eq']);
            return `(local.set $l${l} (i32.and (local.get $l${l}) (i32.const 63))) (block (loop ${stmt(d - 1)} ${stmt(d - 1)} ` +
                `${budget} ` +
                `(br_if 0 (${cmp} (local.tee $l${l} (i32.add (local.get $l${l}) (i32.const ${k}))) ${rnd(2) ? `(i32.const ${n})` : li()}))))`; },
        () => { const l = rnd(NL); // a counter tested against zero
            return `(local.set $l${l} (i32.and (local.get $l${l}) (i32.const 15))) (block (loop ${stmt(d - 1)} ${budget} ` +
                `(br_if 1 (i32.eqz (local.get $l${l}))) (br_if 0 (local.tee $l${l} (i32.add (local.get $l${l}) (i32.const -1))))))`; },
        () => `(local.set $l${rnd(NL)} (local.get $l${rnd(NL)})) (local.set $l${rnd(NL)} (local.get $l${rnd(NL)}))`,
    ])();
}
// Every loop iteration spends from one budget per call, so everything terminates.
const budget = '(local.set $budget (i32.sub (local.get $budget) (i32.const 1))) (br_if 1 (i32.le_s (local.get $budget) (i32.const 0)))';
const funcs = [];
for (let f = 0; f < 6; f++) {
    const body = [];
    for (let s = 0; s < 8; s++) body.push(stmt(3));
    const res = [];
    for (let k = 0; k < NL; k++) res.push(`(call $log_i32 (local.get $l${k}))`);
    for (let k = 0; k < 3; k++) res.push(`(call $log_f64 (local.get $f${k}))`);
    funcs.push(`  (func (export "f${f}") (param $l0 i32) (param $l1 i32) (param $f0 f64)
    (local $l2 i32) (local $l3 i32) (local $l4 i32) (local $l5 i32) (local $f1 f64) (local $f2 f64) (local $budget i32)
    (local $p0 i32) (local $p1 i32) (local $x0 i64) (local $x1 i64)
    (local.set $budget (i32.const 200))
    (local.set $l0 (i32.const ${rnd(65536)})) (local.set $l1 (i32.const ${rnd(4096) * 8})) (local.set $l2 (i32.const ${pick(['0', '-4', '65532', String(rnd(65536))])}))
    (local.set $l3 (i32.const ${rnd(65536)})) (local.set $f0 (f64.const ${rnd(1000) / 7}))
    (local.set $p0 (i32.const ${rnd(8000) * 8})) (local.set $p1 (i32.const ${rnd(8000) * 8}))
    ${body.join('\n    ')}
    ${res.join(' ')})`);
}
let data = '';
for (let k = 0; k < 256; k++) data += '\\' + rnd(0x70).toString(16).padStart(2, '0');
console.log(`(module
  (import "fuzzing-support" "log-i32" (func $log_i32 (param i32)))
  (import "fuzzing-support" "log-f64" (func $log_f64 (param f64)))
  (import "fuzzing-support" "log-i64" (func $log_i64 (param i64)))
  (memory (export "memory") 1 1)
  (data (i32.const 0) "${data}")
  (data (i32.const 65280) "${data}")
  (func (export "hash") (result i32) (local $i i32) (local $h i64) (local $x i64)
    (loop
      (local.set $x (i64.load (local.get $i)))
      (if (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff)) (i64.const 0x7ff0000000000000))
        (then (local.set $x (i64.const 0x7ff8000000000000))))
      (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31)) (local.get $x)))
      (br_if 0 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 65536))))
    (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32)))))
${funcs.join('\n')}
  (func (export "hash2") (result i32) (call 3))
)`);
