;; tiny.wat: the module of the embedding micro-benchmarks (bench/micro/embed.c).
(module
  (import "host" "nop" (func $host_nop))
  (memory 1)
  ;; host->wasm: an empty export
  (func (export "nop"))
  ;; instantiate+call+free: the call
  (func (export "answer") (result i32) i32.const 42)
  ;; wasm->host: n calls of an empty import, and the same loop without the call
  (func (export "call_host") (param $n i32)
    (loop $l
      call $host_nop
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $l))
  (func (export "loop_only") (param $n i32)
    (loop $l
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $l)))
