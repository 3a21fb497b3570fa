;; import.wat: imports something no host defines, so it cannot be linked.
(module
  (import "env" "missing" (func (param i32)))
  (func (export "_start")))
