;; reflect: imports and one export of each kind, for type reflection.
(module
  (import "env" "fn" (func (param i64) (result f32 f64)))
  (import "env" "glob" (global (mut i32)))
  (import "env" "tab" (table 1 externref))
  (func (export "func") (param i32 f64 f32) (result i32) (unreachable))
  (global (export "global") f64 (f64.const 0))
  (table (export "table") 0 50 funcref)
  (memory (export "memory") 1))
