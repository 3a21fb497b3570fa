;; fib.wat: the demo module. `wisp run --invoke fib examples/fib.wasm 20` prints 6765.
;; fib.wasm beside it is this file compiled with `wat2wasm fib.wat -o fib.wasm` (checked by a test).
(module
  ;; Recursive Fibonacci: a call-heavy benchmark in miniature.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  ;; Iterative Fibonacci on i64, for larger n: fib_iter 90 = 2880067194370816120.
  (func (export "fib_iter") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a)))
