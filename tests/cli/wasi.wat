;; wasi.wat: a small WASI command for the CLI tests (no C toolchain needed): _start prints a line;
;; exit_counts exits with 10 * argc + envc through proc_exit; exit_with exits with its argument;
;; flood writes its line up to 10 million times and exits with 100 + the errno of the first failed
;; fd_write (0 if none failed); answer returns 42 for --invoke.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wat\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16)) ;; one iovec at 0: the 15 bytes at 16
    (i32.store (i32.const 4) (i32.const 15))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "exit_counts")
    (drop (call $args_sizes (i32.const 100) (i32.const 104)))
    (drop (call $env_sizes (i32.const 108) (i32.const 112)))
    (call $proc_exit (i32.add (i32.mul (i32.load (i32.const 100)) (i32.const 10)) (i32.load (i32.const 108)))))
  (func (export "exit_with") (param i32) (call $proc_exit (local.get 0)))
  (func (export "flood") (local $i i32) (local $e i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 15))
    (block $done
      (loop $again
        (local.set $e (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br_if $done (local.get $e))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000)))))
    (call $proc_exit (select (i32.add (local.get $e) (i32.const 100)) (i32.const 0) (local.get $e))))
  (func (export "answer") (result i32) (i32.const 42)))
