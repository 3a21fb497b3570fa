;; finalize: a module with a few exports, instantiated many times.
(module
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "f"))
  (func (export "h") (result i32) (i32.const 1)))
