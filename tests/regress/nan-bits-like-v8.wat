;; NaN bit patterns as V8 produces them on x86-64 (pending; NOT a spec bug: the spec lets an
;; engine return any of several NaNs here, and wisp's choices are all allowed). Differential checks
;; against V8 see NaN bits through reinterpret and stores, so wisp would agree with V8 if
;; src/interp/numeric.h did what the x86 instructions do:
;;  - sqrt of a negative number: the x86 "default NaN", sign set (0xfff8000000000000,
;;    0xffc00000); wisp returns the positive canonical NaN.
;;  - min/max with any NaN operand: V8 returns the default NaN (sign set, no payload); wisp
;;    returns the quieted NaN operand.
;;  - add/sub/mul/div of two NaNs: x86 returns the first operand quieted; wisp's C code lets the
;;    compiler swap the operands of commutative operators (f32.mul below gives the second).
(module
  (import "fuzzing-support" "log-i64" (func $log64 (param i64)))
  (import "fuzzing-support" "log-i32" (func $log32 (param i32)))
  (func (export "sqrt") (param f64 f32)
    (call $log64 (i64.reinterpret_f64 (f64.sqrt (f64.const -1))))
    (call $log32 (i32.reinterpret_f32 (f32.sqrt (f32.const -1))))
    (call $log64 (i64.reinterpret_f64 (f64.sqrt (f64.neg (local.get 0)))))
    (call $log32 (i32.reinterpret_f32 (f32.sqrt (f32.const -inf)))))
  (func (export "minmax")
    (call $log64 (i64.reinterpret_f64 (f64.min (f64.const nan:0x4000000000001) (f64.const 1))))
    (call $log64 (i64.reinterpret_f64 (f64.max (f64.const 1) (f64.const -nan:0x4000000000001))))
    (call $log64 (i64.reinterpret_f64 (f64.min (f64.const nan:0x1) (f64.const 1))))
    (call $log32 (i32.reinterpret_f32 (f32.min (f32.const nan:0x200001) (f32.const 1))))
    (call $log32 (i32.reinterpret_f32 (f32.max (f32.const 1) (f32.const nan:0x200001))))
    (call $log32 (i32.reinterpret_f32 (f32.max (f32.const nan:0x400002) (f32.const -nan:0x400003)))))
  (func (export "two-nans") (param f32 f32 f64 f64)
    (call $log32 (i32.reinterpret_f32 (f32.add (f32.const nan:0x400002) (f32.const -nan:0x400003))))
    (call $log32 (i32.reinterpret_f32 (f32.mul (f32.const nan:0x400002) (f32.const -nan:0x400003))))
    (call $log64 (i64.reinterpret_f64 (f64.add (f64.const nan:0x8000000000002) (f64.const -nan:0x8000000000003))))
    (call $log64 (i64.reinterpret_f64 (f64.mul (f64.const nan:0x8000000000002) (f64.const -nan:0x8000000000003))))))
