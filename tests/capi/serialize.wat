;; serialize: a module with a bit of everything, compiled, serialized and brought back.
(module
  (func $hello (import "" "hello") (param i32))
  (memory (export "memory") 1)
  (global $counter (mut i32) (i32.const 100))
  (func (export "run") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (call $hello (global.get $counter))
    (i32.load (i32.const 8)))
  (data (i32.const 8) "\2a\00\00\00"))
