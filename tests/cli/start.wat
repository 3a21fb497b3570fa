;; start.wat: a command module whose _start returns normally.
(module
  (global $g (mut i32) (i32.const 0))
  (func (export "_start") (global.set $g (i32.const 1))))
