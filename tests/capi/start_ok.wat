;; start_ok: a start function that calls the host and writes an imported global.
(module
  (import "" "started" (func $started (param i32)))
  (global $g (import "" "g") (mut i32))
  (func $start
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (call $started (global.get $g)))
  (start $start))
