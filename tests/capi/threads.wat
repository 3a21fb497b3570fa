;; threads: each thread instantiates this with its own host function and id global.
(module
  (func $hello (import "" "hello") (param i32))
  (global $id (import "" "id") i32)
  (func (export "run") (call $hello (global.get $id))))
