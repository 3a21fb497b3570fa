;; trap: a host function that traps, called through wasm, and a wasm function that traps itself.
(module
  (func $callback (import "" "callback") (result i32))
  (func (export "callback") (result i32) (call $callback))
  (func (export "unreachable") (result i32) (unreachable) (i32.const 1))
  (func $deep (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.div_u (i32.const 1) (local.get 0)))
      (else (call $deep (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "deep") (param i32) (result i32) (call $deep (local.get 0)))
  (func (export "ok") (result i32) (i32.const 7)))
