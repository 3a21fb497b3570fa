/* Interpreter tests: modules (built with `wat2wasm --debug-names`; the sources are beside the
 * arrays) compiled and run end to end, checking results, the shape of the compiled code (operand
 * forwarding, retargeting, fused compare-and-branch), traps with backtraces, host calls and
 * re-entry, cross-instance calls, memory bounds, stack exhaustion, and compile time on hostile
 * bodies. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "code_ops.h"
#include "decode/decode.h"
#include "interp/code.h"
#include "interp/interp.h"
#include "runtime/runtime.h"
#include "validate/validate.h"
#include "wisp.h"

/*
 * (module
 *   (memory (export "mem") 1 2)
 *   (func $add3 (export "add3") (param i32 i32 i32) (result i32)
 *     (local i32)
 *     (local.set 3 (i32.add (local.get 0) (local.get 1)))
 *     (i32.add (local.get 3) (local.get 2)))
 *   (func (export "hazard_set") (param i32) (result i32)
 *     local.get 0
 *     i32.const 5
 *     local.set 0
 *     local.get 0
 *     i32.add)
 *   (func (export "hazard_tee") (param i32) (result i32)
 *     local.get 0
 *     local.get 0
 *     i32.const 1
 *     i32.add
 *     local.tee 0
 *     i32.add)
 *   (func (export "hazard_tee2") (param i32) (result i32)
 *     local.get 0
 *     local.get 0
 *     i32.const 10
 *     i32.mul
 *     local.tee 0
 *     drop
 *     local.get 0
 *     i32.sub)
 *   (func (export "hazard_block") (param i32 i32) (result i32)
 *     local.get 0
 *     block
 *       local.get 1
 *       br_if 0
 *       i32.const 100
 *       local.set 0
 *     end
 *     local.get 0
 *     i32.add)
 *   (func (export "hazard_loop") (param i32) (result i32)
 *     (local i32)
 *     local.get 0
 *     loop
 *       local.get 1 i32.const 1 i32.add local.set 1
 *       local.get 0 i32.const 1 i32.add local.set 0
 *       local.get 1 i32.const 3 i32.lt_u br_if 0
 *     end
 *     local.get 0
 *     i32.add)
 *   (func (export "sum") (param i32) (result i64)
 *     (local i64)
 *     block
 *       loop
 *         local.get 0 i32.eqz br_if 1
 *         local.get 1 local.get 0 i64.extend_i32_u i64.add local.set 1
 *         local.get 0 i32.const 1 i32.sub local.set 0
 *         br 0
 *       end
 *     end
 *     local.get 1)
 *   (func $fib (export "fib") (param i32) (result i32)
 *     (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
 *       (then (local.get 0))
 *       (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
 *                      (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
 *   (func (export "multi") (param i32) (result i32 i32)
 *     i32.const 7
 *     block (result i32 i32)
 *       i32.const 1
 *       i32.const 2
 *       local.get 0
 *       i32.const 3
 *       local.get 0
 *       br_if 0
 *       drop
 *       drop
 *     end
 *     i32.add)
 *   (func (export "bt") (param i32) (result i32)
 *     block (result i32)
 *       block (result i32)
 *         block (result i32)
 *           i32.const 99
 *           i32.const 10
 *           local.get 0
 *           br_table 0 1 2 3
 *         end
 *         i32.const 1
 *         i32.add
 *       end
 *       i32.const 2
 *       i32.add
 *     end
 *     i32.const 3
 *     i32.add)
 *   (func (export "loopparam") (param i32) (result i32)
 *     (local i32 i32)
 *     i32.const 0
 *     local.get 0
 *     loop (param i32 i32) (result i32)
 *       local.set 1
 *       local.get 1
 *       i32.add
 *       local.set 2
 *       i32.const 77
 *       local.get 2
 *       local.get 1
 *       i32.const 1
 *       i32.sub
 *       local.get 1
 *       i32.const 1
 *       i32.ne
 *       br_if 0
 *       drop
 *       i32.add
 *     end)
 *   (func (export "sel") (param i32 i32 i32) (result i32)
 *     (select (local.get 0) (local.get 1) (local.get 2)))
 *   (func (export "ifparam") (param i32 i32) (result i32)
 *     local.get 0
 *     local.get 1
 *     if (param i32) (result i32)
 *       i32.const 2
 *       i32.mul
 *     else
 *       i32.const 3
 *       i32.add
 *     end)
 *   (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
 *   (func $mid (param i32) (result i32) (call $inner (local.get 0)))
 *   (func (export "trapdiv") (param i32) (result i32) (call $mid (local.get 0)))
 *   (func $rec (export "rec") (param i32) (result i32) (i32.add (call $rec (local.get 0)) (i32.const 1)))
 *   (func (export "st") (param i32 i64) (i64.store offset=3 (local.get 0) (local.get 1)))
 *   (func (export "ld8s") (param i32) (result i32) (i32.load8_s offset=3 (local.get 0)))
 *   (func (export "ld") (param i32) (result i64) (i64.load offset=3 (local.get 0)))
 *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
 *   (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
 *   (func (export "f64ops") (param f64 f64) (result f64)
 *     (f64.add (f64.mul (local.get 0) (local.get 1)) (f64.sqrt (local.get 1))))
 *   (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
 *   (func (export "rsub32") (param i32) (result i32) (i32.sub (i32.const 5) (local.get 0)))
 *   (func (export "rsub64") (param i64) (result i64) (i64.sub (i64.const -7) (local.get 0)))
 *   (func (export "stc") (param i32) (result i64)
 *     (i64.store (local.get 0) (i64.const -3))
 *     (i32.store8 offset=1 (local.get 0) (i32.const 0x1ab))
 *     (i64.load (local.get 0)))
 * )
 */
static const uint8_t core_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x3e, 0x0b, 0x60, 0x03, 0x7f, 0x7f, 0x7f,
    0x01, 0x7f, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7f,
    0x01, 0x7e, 0x60, 0x01, 0x7f, 0x02, 0x7f, 0x7f, 0x60, 0x00, 0x02, 0x7f, 0x7f, 0x60, 0x02, 0x7f,
    0x7e, 0x00, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00, 0x60, 0x02, 0x7c, 0x7c, 0x01, 0x7c, 0x60, 0x01,
    0x7d, 0x01, 0x7f, 0x60, 0x01, 0x7e, 0x01, 0x7e, 0x03, 0x1c, 0x1b, 0x00, 0x01, 0x01, 0x01, 0x02,
    0x01, 0x03, 0x01, 0x04, 0x01, 0x01, 0x00, 0x02, 0x01, 0x01, 0x01, 0x01, 0x06, 0x01, 0x03, 0x01,
    0x07, 0x08, 0x09, 0x01, 0x0a, 0x03, 0x05, 0x04, 0x01, 0x01, 0x01, 0x02, 0x07, 0xe0, 0x01, 0x1a,
    0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x61, 0x64, 0x64, 0x33, 0x00, 0x00, 0x0a, 0x68, 0x61,
    0x7a, 0x61, 0x72, 0x64, 0x5f, 0x73, 0x65, 0x74, 0x00, 0x01, 0x0a, 0x68, 0x61, 0x7a, 0x61, 0x72,
    0x64, 0x5f, 0x74, 0x65, 0x65, 0x00, 0x02, 0x0b, 0x68, 0x61, 0x7a, 0x61, 0x72, 0x64, 0x5f, 0x74,
    0x65, 0x65, 0x32, 0x00, 0x03, 0x0c, 0x68, 0x61, 0x7a, 0x61, 0x72, 0x64, 0x5f, 0x62, 0x6c, 0x6f,
    0x63, 0x6b, 0x00, 0x04, 0x0b, 0x68, 0x61, 0x7a, 0x61, 0x72, 0x64, 0x5f, 0x6c, 0x6f, 0x6f, 0x70,
    0x00, 0x05, 0x03, 0x73, 0x75, 0x6d, 0x00, 0x06, 0x03, 0x66, 0x69, 0x62, 0x00, 0x07, 0x05, 0x6d,
    0x75, 0x6c, 0x74, 0x69, 0x00, 0x08, 0x02, 0x62, 0x74, 0x00, 0x09, 0x09, 0x6c, 0x6f, 0x6f, 0x70,
    0x70, 0x61, 0x72, 0x61, 0x6d, 0x00, 0x0a, 0x03, 0x73, 0x65, 0x6c, 0x00, 0x0b, 0x07, 0x69, 0x66,
    0x70, 0x61, 0x72, 0x61, 0x6d, 0x00, 0x0c, 0x07, 0x74, 0x72, 0x61, 0x70, 0x64, 0x69, 0x76, 0x00,
    0x0f, 0x03, 0x72, 0x65, 0x63, 0x00, 0x10, 0x02, 0x73, 0x74, 0x00, 0x11, 0x04, 0x6c, 0x64, 0x38,
    0x73, 0x00, 0x12, 0x02, 0x6c, 0x64, 0x00, 0x13, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00, 0x14, 0x04,
    0x66, 0x69, 0x6c, 0x6c, 0x00, 0x15, 0x06, 0x66, 0x36, 0x34, 0x6f, 0x70, 0x73, 0x00, 0x16, 0x05,
    0x74, 0x72, 0x75, 0x6e, 0x63, 0x00, 0x17, 0x06, 0x72, 0x73, 0x75, 0x62, 0x33, 0x32, 0x00, 0x18,
    0x06, 0x72, 0x73, 0x75, 0x62, 0x36, 0x34, 0x00, 0x19, 0x03, 0x73, 0x74, 0x63, 0x00, 0x1a, 0x0a,
    0xb1, 0x03, 0x1b, 0x10, 0x01, 0x01, 0x7f, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x21, 0x03, 0x20, 0x03,
    0x20, 0x02, 0x6a, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x41, 0x05, 0x21, 0x00, 0x20, 0x00, 0x6a, 0x0b,
    0x0c, 0x00, 0x20, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x22, 0x00, 0x6a, 0x0b, 0x0f, 0x00, 0x20,
    0x00, 0x20, 0x00, 0x41, 0x0a, 0x6c, 0x22, 0x00, 0x1a, 0x20, 0x00, 0x6b, 0x0b, 0x13, 0x00, 0x20,
    0x00, 0x02, 0x40, 0x20, 0x01, 0x0d, 0x00, 0x41, 0xe4, 0x00, 0x21, 0x00, 0x0b, 0x20, 0x00, 0x6a,
    0x0b, 0x21, 0x01, 0x01, 0x7f, 0x20, 0x00, 0x03, 0x40, 0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01,
    0x20, 0x00, 0x41, 0x01, 0x6a, 0x21, 0x00, 0x20, 0x01, 0x41, 0x03, 0x49, 0x0d, 0x00, 0x0b, 0x20,
    0x00, 0x6a, 0x0b, 0x22, 0x01, 0x01, 0x7e, 0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0d, 0x01,
    0x20, 0x01, 0x20, 0x00, 0xad, 0x7c, 0x21, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x0c,
    0x00, 0x0b, 0x0b, 0x20, 0x01, 0x0b, 0x1c, 0x00, 0x20, 0x00, 0x41, 0x02, 0x49, 0x04, 0x7f, 0x20,
    0x00, 0x05, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x07, 0x20, 0x00, 0x41, 0x02, 0x6b, 0x10, 0x07,
    0x6a, 0x0b, 0x0b, 0x16, 0x00, 0x41, 0x07, 0x02, 0x05, 0x41, 0x01, 0x41, 0x02, 0x20, 0x00, 0x41,
    0x03, 0x20, 0x00, 0x0d, 0x00, 0x1a, 0x1a, 0x0b, 0x6a, 0x0b, 0x21, 0x00, 0x02, 0x7f, 0x02, 0x7f,
    0x02, 0x7f, 0x41, 0xe3, 0x00, 0x41, 0x0a, 0x20, 0x00, 0x0e, 0x03, 0x00, 0x01, 0x02, 0x03, 0x0b,
    0x41, 0x01, 0x6a, 0x0b, 0x41, 0x02, 0x6a, 0x0b, 0x41, 0x03, 0x6a, 0x0b, 0x25, 0x01, 0x02, 0x7f,
    0x41, 0x00, 0x20, 0x00, 0x03, 0x02, 0x21, 0x01, 0x20, 0x01, 0x6a, 0x21, 0x02, 0x41, 0xcd, 0x00,
    0x20, 0x02, 0x20, 0x01, 0x41, 0x01, 0x6b, 0x20, 0x01, 0x41, 0x01, 0x47, 0x0d, 0x00, 0x1a, 0x6a,
    0x0b, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0x1b, 0x0b, 0x10, 0x00, 0x20, 0x00,
    0x20, 0x01, 0x04, 0x01, 0x41, 0x02, 0x6c, 0x05, 0x41, 0x03, 0x6a, 0x0b, 0x0b, 0x07, 0x00, 0x41,
    0x01, 0x20, 0x00, 0x6d, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x0d, 0x0b, 0x06, 0x00, 0x20, 0x00,
    0x10, 0x0e, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x10, 0x10, 0x41, 0x01, 0x6a, 0x0b, 0x09, 0x00, 0x20,
    0x00, 0x20, 0x01, 0x37, 0x03, 0x03, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x2c, 0x00, 0x03, 0x0b, 0x07,
    0x00, 0x20, 0x00, 0x29, 0x03, 0x03, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b, 0x0b, 0x00,
    0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfc, 0x0b, 0x00, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01,
    0xa2, 0x20, 0x01, 0x9f, 0xa0, 0x0b, 0x05, 0x00, 0x20, 0x00, 0xa8, 0x0b, 0x07, 0x00, 0x41, 0x05,
    0x20, 0x00, 0x6b, 0x0b, 0x07, 0x00, 0x42, 0x79, 0x20, 0x00, 0x7d, 0x0b, 0x16, 0x00, 0x20, 0x00,
    0x42, 0x7d, 0x37, 0x03, 0x00, 0x20, 0x00, 0x41, 0xab, 0x03, 0x3a, 0x00, 0x01, 0x20, 0x00, 0x29,
    0x03, 0x00, 0x0b, 0x00, 0x5d, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x1d, 0x05, 0x00, 0x04, 0x61,
    0x64, 0x64, 0x33, 0x07, 0x03, 0x66, 0x69, 0x62, 0x0d, 0x05, 0x69, 0x6e, 0x6e, 0x65, 0x72, 0x0e,
    0x03, 0x6d, 0x69, 0x64, 0x10, 0x03, 0x72, 0x65, 0x63, 0x02, 0x37, 0x1b, 0x00, 0x00, 0x01, 0x00,
    0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x00, 0x08, 0x00, 0x09, 0x00,
    0x0a, 0x00, 0x0b, 0x00, 0x0c, 0x00, 0x0d, 0x00, 0x0e, 0x00, 0x0f, 0x00, 0x10, 0x00, 0x11, 0x00,
    0x12, 0x00, 0x13, 0x00, 0x14, 0x00, 0x15, 0x00, 0x16, 0x00, 0x17, 0x00, 0x18, 0x00, 0x19, 0x00,
    0x1a, 0x00,
};

/*
 * (module
 *   (import "a" "fib" (func $fib (param i32) (result i32)))
 *   (import "a" "ld" (func $ld (param i32) (result i64)))
 *   (import "env" "h" (func $h (param i32) (result i32)))
 *   (type $t1 (func (param i32) (result i32)))
 *   (memory 1)
 *   (table 3 funcref)
 *   (elem (i32.const 0) $fib $h $self)
 *   (func $self (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
 *   (func (export "viaA") (param i32) (result i32) (call $fib (local.get 0)))
 *   (func (export "ldA") (param i32) (result i64)
 *     (i64.store (i32.const 3) (i64.const 123))
 *     (call $ld (local.get 0)))
 *   (func (export "viaHost") (param i32) (result i32) (i32.add (call $h (local.get 0)) (i32.const 1)))
 *   (func (export "ind") (param i32 i32) (result i32)
 *     (call_indirect (type $t1) (local.get 0) (local.get 1)))
 *   (func (export "indbad") (param i32) (result i32)
 *     (call_indirect (param i32 i32) (result i32) (local.get 0) (local.get 0) (local.get 0)))
 * )
 */
static const uint8_t other_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x11, 0x03, 0x60, 0x01, 0x7f, 0x01, 0x7f,
    0x60, 0x01, 0x7f, 0x01, 0x7e, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x02, 0x18, 0x03, 0x01, 0x61,
    0x03, 0x66, 0x69, 0x62, 0x00, 0x00, 0x01, 0x61, 0x02, 0x6c, 0x64, 0x00, 0x01, 0x03, 0x65, 0x6e,
    0x76, 0x01, 0x68, 0x00, 0x00, 0x03, 0x07, 0x06, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x04, 0x04,
    0x01, 0x70, 0x00, 0x03, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x27, 0x05, 0x04, 0x76, 0x69, 0x61,
    0x41, 0x00, 0x04, 0x03, 0x6c, 0x64, 0x41, 0x00, 0x05, 0x07, 0x76, 0x69, 0x61, 0x48, 0x6f, 0x73,
    0x74, 0x00, 0x06, 0x03, 0x69, 0x6e, 0x64, 0x00, 0x07, 0x06, 0x69, 0x6e, 0x64, 0x62, 0x61, 0x64,
    0x00, 0x08, 0x09, 0x09, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x03, 0x00, 0x02, 0x03, 0x0a, 0x3f, 0x06,
    0x07, 0x00, 0x20, 0x00, 0x41, 0x03, 0x6c, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x00, 0x0b, 0x0e,
    0x00, 0x41, 0x03, 0x42, 0xfb, 0x00, 0x37, 0x03, 0x00, 0x20, 0x00, 0x10, 0x01, 0x0b, 0x09, 0x00,
    0x20, 0x00, 0x10, 0x02, 0x41, 0x01, 0x6a, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0x11, 0x00,
    0x00, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00, 0x11, 0x02, 0x00, 0x0b, 0x00, 0x36,
    0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x13, 0x04, 0x00, 0x03, 0x66, 0x69, 0x62, 0x01, 0x02, 0x6c,
    0x64, 0x02, 0x01, 0x68, 0x03, 0x04, 0x73, 0x65, 0x6c, 0x66, 0x02, 0x13, 0x09, 0x00, 0x00, 0x01,
    0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x00, 0x08, 0x00, 0x04,
    0x05, 0x01, 0x00, 0x02, 0x74, 0x31,
};

/* ---- helpers -------------------------------------------------------------------------------- */

static struct wisp_value vi32(int32_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I32;
    v.of.i32 = x;
    return v;
}

static struct wisp_value vi64(int64_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I64;
    v.of.i64 = x;
    return v;
}

static struct wisp_value vf64(double x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_F64;
    memcpy(&v.of.f64_bits, &x, 8);
    return v;
}

static struct wisp_value vf32(float x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_F32;
    memcpy(&v.of.f32_bits, &x, 4);
    return v;
}

/* Calls export `name` with one i32 argument and one i32 result; returns the result kind. */
static enum wisp_result_kind call_i32(struct wisp_instance *inst, const char *name, int32_t arg, int32_t *out) {
    struct wisp_value a = vi32(arg), r;
    memset(&r, 0, sizeof r);
    struct wisp_result res = wisp_instance_call(inst, name, &a, 1, &r, 1);
    enum wisp_result_kind k = res.kind;
    if (k == WISP_OK && out) *out = r.of.i32;
    wisp_result_free(&res);
    return k;
}

static int32_t ret_i32(struct wisp_instance *inst, const char *name, int32_t arg) {
    int32_t out = 0x7eadbeef;
    CHECK(call_i32(inst, name, arg, &out) == WISP_OK);
    return out;
}

static int count_op(const struct interp_code *c, int op) { return code_count_op(c, op); }

/* ---- the host side of `other` ---------------------------------------------------------------- */

struct hostenv {
    struct wisp_instance *a, *b;
    int calls;
};

static struct wisp_result host_h(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                 struct wisp_value *results) {
    struct hostenv *e = env;
    e->calls++;
    int32_t x = args[0].of.i32;
    switch (x) {
    case 0: return wisp_trap_new(wisp_caller_store(caller), "host says no");
    case 1: { /* re-enter the calling instance */
        struct wisp_value a = vi32(10), r;
        struct wisp_result rr = wisp_instance_call(e->b, "viaA", &a, 1, &r, 1);
        if (rr.kind != WISP_OK) return rr;
        results[0] = r;
        return wisp_ok();
    }
    case 2: { /* re-enter into a trap: its frames and ours make one backtrace */
        struct wisp_value a = vi32(0), r;
        return wisp_instance_call(e->a, "trapdiv", &a, 1, &r, 1);
    }
    case 3: return wisp_exit_new(42);
    case 4: { /* endless host <-> wasm recursion */
        struct wisp_value a = vi32(4), r;
        return wisp_instance_call(e->b, "viaHost", &a, 1, &r, 1);
    }
    default: results[0] = vi32(x * 2); return wisp_ok();
    }
}

/* ---- tests ----------------------------------------------------------------------------------- */

static void test_core(struct wisp_engine *eng) {
    struct wisp_module *m;
    struct wisp_store *s;
    struct wisp_instance *inst = code_instantiate(eng, core_wasm, sizeof core_wasm, &m, &s);
    struct wisp_result r;
    if (!inst) {
        wisp_store_free(s);
        wisp_module_free(m);
        return;
    }

    /* add3: local.set of an add becomes one add into the local; the final add reads locals. */
    struct wisp_value args[3] = {vi32(1), vi32(20), vi32(300)}, res[2];
    r = wisp_instance_call(inst, "add3", args, 3, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 321);
    wisp_result_free(&r);
    const struct interp_code *c = code_of(m, 0);
    int ops[16];
    int n = code_ops(c, ops, 16);
    /* (the two adds may be fused into one i32_add2) */
    CHECK((n == 3 && ops[0] == OP_i32_add && ops[1] == OP_i32_add) || (n == 2 && ops[0] == OP_i32_add2));
    CHECK(n >= 2 && (ops[n - 1] == OP_ret1 || ops[n - 1] == OP_ret0));
    CHECK(c->words[1] == 3); /* the first add writes local 3 directly */
    CHECK(interp_code_size(c) > 0);

    /* Deferred local.get values survive later writes to the local. */
    CHECK(ret_i32(inst, "hazard_set", 10) == 15);
    CHECK(ret_i32(inst, "hazard_tee", 10) == 21);
    CHECK(ret_i32(inst, "hazard_tee2", 3) == 3 - 30);
    struct wisp_value hb[2] = {vi32(7), vi32(1)};
    r = wisp_instance_call(inst, "hazard_block", hb, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 14);
    wisp_result_free(&r);
    hb[1] = vi32(0);
    r = wisp_instance_call(inst, "hazard_block", hb, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 107);
    wisp_result_free(&r);
    CHECK(ret_i32(inst, "hazard_loop", 5) == 5 + 8);

    /* Loops with fused compare-and-branch. */
    struct wisp_value a1 = vi32(100000);
    r = wisp_instance_call(inst, "sum", &a1, 1, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i64 == (int64_t)100000 * 100001 / 2);
    wisp_result_free(&r);
    c = code_of(m, 6);
    CHECK(count_op(c, OP_i32_eqz) == 0 && count_op(c, OP_br_z) == 1);
    CHECK(ret_i32(inst, "fib", 20) == 6765);
    c = code_of(m, 7);
    CHECK(count_op(c, OP_i32_lt_u_i) == 0 && count_op(c, OP_br_i32_ge_u_i) == 1);

    /* Multi-value branches that move values down. */
    a1 = vi32(0);
    r = wisp_instance_call(inst, "multi", &a1, 1, res, 2);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 7 && res[1].of.i32 == 3);
    wisp_result_free(&r);
    a1 = vi32(5);
    r = wisp_instance_call(inst, "multi", &a1, 1, res, 2);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 7 && res[1].of.i32 == 8);
    wisp_result_free(&r);
    CHECK(ret_i32(inst, "bt", 0) == 16);
    CHECK(ret_i32(inst, "bt", 1) == 15);
    CHECK(ret_i32(inst, "bt", 2) == 13);
    CHECK(ret_i32(inst, "bt", 3) == 10);
    CHECK(ret_i32(inst, "bt", 1000) == 10);
    CHECK(ret_i32(inst, "bt", -1) == 10);
    CHECK(ret_i32(inst, "loopparam", 4) == 87);
    CHECK(ret_i32(inst, "loopparam", 1) == 78);

    struct wisp_value sa[3] = {vi32(11), vi32(22), vi32(1)};
    r = wisp_instance_call(inst, "sel", sa, 3, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 11);
    wisp_result_free(&r);
    sa[2] = vi32(0);
    r = wisp_instance_call(inst, "sel", sa, 3, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 22);
    wisp_result_free(&r);
    struct wisp_value ia[2] = {vi32(5), vi32(1)};
    r = wisp_instance_call(inst, "ifparam", ia, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 10);
    wisp_result_free(&r);
    ia[1] = vi32(0);
    r = wisp_instance_call(inst, "ifparam", ia, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 8);
    wisp_result_free(&r);

    struct wisp_value fa[2] = {vf64(1.5), vf64(4.0)};
    r = wisp_instance_call(inst, "f64ops", fa, 2, res, 1);
    double d;
    memcpy(&d, &res[0].of.f64_bits, 8);
    CHECK(r.kind == WISP_OK && d == 8.0);
    wisp_result_free(&r);
    struct wisp_value ta = vf32(-7.9f);
    r = wisp_instance_call(inst, "trunc", &ta, 1, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == -7);
    wisp_result_free(&r);
    ta = vf32(3e9f);
    r = wisp_instance_call(inst, "trunc", &ta, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_INTEGER_OVERFLOW);
    wisp_result_free(&r);

    /* A trap three calls deep: message, codes, frames innermost first with names and offsets. */
    a1 = vi32(0);
    r = wisp_instance_call(inst, "trapdiv", &a1, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
    CHECK(r.message && strcmp(r.message, "integer divide by zero") == 0);
    CHECK(r.frame_count == 3);
    if (r.frame_count == 3) {
        CHECK(r.frames[0].func_index == 13 && r.frames[1].func_index == 14 && r.frames[2].func_index == 15);
        CHECK(r.frames[0].func_name && strcmp(r.frames[0].func_name, "inner") == 0);
        CHECK(r.frames[0].offset < sizeof core_wasm && core_wasm[r.frames[0].offset] == 0x6d); /* i32.div_s */
        CHECK(r.frames[1].offset < sizeof core_wasm && core_wasm[r.frames[1].offset] == 0x10); /* call */
        CHECK(r.frames[2].offset < sizeof core_wasm && core_wasm[r.frames[2].offset] == 0x10);
        CHECK(r.offset == r.frames[0].offset && r.func_index == 13);
    }
    CHECK(r.backtrace && strstr(r.backtrace, "#0 func[13] \"inner\" @0x") && strstr(r.backtrace, "#2 func[15]"));
    wisp_result_free(&r);
    a1 = vi32(2);
    r = wisp_instance_call(inst, "trapdiv", &a1, 1, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 0);
    wisp_result_free(&r);

    /* Unbounded recursion: a trap, not a crash, and the store stays usable. */
    a1 = vi32(1);
    r = wisp_instance_call(inst, "rec", &a1, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    CHECK(r.frame_count > 0 && r.frames[0].func_index == 16);
    wisp_result_free(&r);
    CHECK(s->exec.depth == 0);
    CHECK(ret_i32(inst, "fib", 10) == 55);

    /* Memory: bounds at the last byte, growth, bulk ops trap before writing anything. */
    struct wisp_value st[2] = {vi32(65536 - 11), vi64(-2)};
    r = wisp_instance_call(inst, "st", st, 2, NULL, 0);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    CHECK(ret_i32(inst, "ld8s", 65536 - 4) == -1);
    st[0] = vi32(65536 - 10);
    r = wisp_instance_call(inst, "st", st, 2, NULL, 0);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_MEMORY_OUT_OF_BOUNDS);
    wisp_result_free(&r);
    st[0] = vi32(-1);
    r = wisp_instance_call(inst, "st", st, 2, NULL, 0);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_MEMORY_OUT_OF_BOUNDS);
    wisp_result_free(&r);
    CHECK(ret_i32(inst, "grow", 1) == 1);
    CHECK(ret_i32(inst, "grow", 1) == -1);
    st[0] = vi32(65536 - 10);
    r = wisp_instance_call(inst, "st", st, 2, NULL, 0);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    struct wisp_value fl[3] = {vi32(131072 - 6), vi32(0x55), vi32(7)};
    r = wisp_instance_call(inst, "fill", fl, 3, NULL, 0);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_MEMORY_OUT_OF_BOUNDS);
    wisp_result_free(&r);
    CHECK(ret_i32(inst, "ld8s", 131072 - 6 - 3) == 0); /* nothing written */
    fl[2] = vi32(6);
    r = wisp_instance_call(inst, "fill", fl, 3, NULL, 0);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    CHECK(ret_i32(inst, "ld8s", 131072 - 1 - 3) == 0x55);

    /* Constants as immediates: reversed subtraction, stores of constants. */
    CHECK(ret_i32(inst, "rsub32", 8) == -3);
    c = code_of(m, 24);
    CHECK(count_op(c, OP_i32_rsub_i) == 1 && count_op(c, OP_const32) == 0);
    a1 = vi64(100);
    r = wisp_instance_call(inst, "rsub64", &a1, 1, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i64 == -107);
    wisp_result_free(&r);
    a1 = vi32(64);
    r = wisp_instance_call(inst, "stc", &a1, 1, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i64 == (int64_t)0xffffffffffffabfdull);
    wisp_result_free(&r);
    c = code_of(m, 26);
    CHECK(count_op(c, OP_st64_i) == 1 && count_op(c, OP_st8_i) == 1);

    wisp_store_free(s);
    wisp_module_free(m);
}

static void test_link(struct wisp_engine *eng) {
    struct wisp_module *ma = NULL, *mb = NULL;
    struct wisp_result r = wisp_module_new(eng, core_wasm, sizeof core_wasm, &ma);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    r = wisp_module_new(eng, other_wasm, sizeof other_wasm, &mb);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    if (!ma || !mb) {
        wisp_module_free(ma);
        wisp_module_free(mb);
        return;
    }
    struct wisp_store *s = wisp_store_new(eng);
    struct hostenv env = {NULL, NULL, 0};
    r = wisp_instance_new(s, ma, NULL, 0, &env.a);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    struct wisp_extern imp[3];
    CHECK(env.a && wisp_instance_export(env.a, "fib", &imp[0]) && wisp_instance_export(env.a, "ld", &imp[1]));
    static const uint8_t i32t[1] = {WISP_I32};
    struct wisp_functype ht = {1, 1, i32t, i32t};
    imp[2].kind = WISP_EXTERN_FUNC;
    imp[2].of.func = wisp_func_new(s, &ht, host_h, &env, NULL);
    r = wisp_instance_new(s, mb, imp, 3, &env.b);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    if (!env.b) {
        wisp_store_free(s);
        wisp_module_free(ma);
        wisp_module_free(mb);
        return;
    }
    struct wisp_extern mem;
    CHECK(wisp_instance_export(env.a, "mem", &mem) && mem.kind == WISP_EXTERN_MEMORY);
    uint8_t eight[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    r = wisp_memory_write(mem.of.memory, 100 + 3, eight, 8);
    wisp_result_free(&r);

    CHECK(ret_i32(env.b, "viaA", 12) == 144);
    /* B writes its own memory, then reads A's through A's function: the memory switches. */
    struct wisp_value a1 = vi32(100), res[1];
    r = wisp_instance_call(env.b, "ldA", &a1, 1, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i64 == 0x0807060504030201);
    wisp_result_free(&r);

    /* Host calls: plain, re-entrant, trapping, trapping inside a nested wasm call, exiting. */
    CHECK(ret_i32(env.b, "viaHost", 21) == 43);
    CHECK(ret_i32(env.b, "viaHost", 1) == 56);
    a1 = vi32(0);
    r = wisp_instance_call(env.b, "viaHost", &a1, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_HOST && r.message && strcmp(r.message, "host says no") == 0);
    CHECK(r.frame_count == 1 && r.frames && r.frames[0].func_index == 6);
    CHECK(r.frame_count == 1 && other_wasm[r.frames[0].offset] == 0x10);
    wisp_result_free(&r);
    a1 = vi32(2);
    r = wisp_instance_call(env.b, "viaHost", &a1, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
    CHECK(r.frame_count == 4);
    if (r.frame_count == 4) CHECK(r.frames[0].func_index == 13 && r.frames[2].func_index == 15 && r.frames[3].func_index == 6);
    CHECK(r.backtrace && strstr(r.backtrace, "#3 func[6] @0x"));
    wisp_result_free(&r);
    a1 = vi32(3);
    r = wisp_instance_call(env.b, "viaHost", &a1, 1, res, 1);
    CHECK(r.kind == WISP_EXIT && r.exit_code == 42);
    wisp_result_free(&r);
    CHECK(s->exec.depth == 0);
    /* Nesting through the host is bounded too (native stack). */
    a1 = vi32(4);
    r = wisp_instance_call(env.b, "viaHost", &a1, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    CHECK(r.frame_count >= 20 && r.frame_count <= 256);
    /* A frame per level, all alike: one line, the count of repeats and the total. */
    CHECK(r.backtrace && strncmp(r.backtrace, "  #0 func[6] @0x", 16) == 0 &&
          strstr(r.backtrace, "\n  ... the frame above repeated ") && strstr(r.backtrace, " frames in all)\n") &&
          !strstr(r.backtrace, "  #1 "));
    wisp_result_free(&r);
    CHECK(s->exec.depth == 0 && s->exec.nest == 0);
    CHECK(ret_i32(env.b, "viaHost", 21) == 43);

    /* call_indirect across instances and into the host; type mismatch; bounds; null. */
    struct wisp_value ind[2] = {vi32(9), vi32(0)};
    r = wisp_instance_call(env.b, "ind", ind, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 34);
    wisp_result_free(&r);
    ind[1] = vi32(1);
    r = wisp_instance_call(env.b, "ind", ind, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 18);
    wisp_result_free(&r);
    ind[1] = vi32(2);
    r = wisp_instance_call(env.b, "ind", ind, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 27);
    wisp_result_free(&r);
    ind[1] = vi32(3);
    r = wisp_instance_call(env.b, "ind", ind, 2, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNDEFINED_ELEMENT);
    CHECK(r.message && strcmp(r.message, "undefined element") == 0);
    wisp_result_free(&r);
    a1 = vi32(0);
    r = wisp_instance_call(env.b, "indbad", &a1, 1, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_INDIRECT_CALL_MISMATCH);
    wisp_result_free(&r);

    wisp_store_free(s);
    wisp_module_free(ma);
    wisp_module_free(mb);
}

/* ---- hostile bodies: compile time must stay linear ------------------------------------------- */

struct bytes {
    uint8_t *p;
    size_t n, cap;
};

static void put(struct bytes *b, uint8_t x) {
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 256;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    b->p[b->n++] = x;
}

static void put_u32(struct bytes *b, uint32_t v) {
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        put(b, (uint8_t)(byte | (v ? 0x80 : 0)));
    } while (v);
}

static void put_all(struct bytes *b, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) put(b, p[i]);
}

/* A module with one function (param i32) (local i32) whose body is prefix x n, middle x k,
 * suffix x n, end. */
static struct bytes hostile(const uint8_t *prefix, size_t np, uint32_t n, const uint8_t *mid, size_t nm, uint32_t k,
                            const uint8_t *suffix, size_t ns) {
    struct bytes body = {0}, m = {0};
    put_all(&body, (const uint8_t[]){1, 1, 0x7f}, 3); /* one local i32 */
    for (uint32_t i = 0; i < n; i++) put_all(&body, prefix, np);
    for (uint32_t i = 0; i < k; i++) put_all(&body, mid, nm);
    for (uint32_t i = 0; i < n; i++) put_all(&body, suffix, ns);
    put(&body, 0x0b);
    static const uint8_t head[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                                   0x01, 0x05, 0x01, 0x60, 0x01, 0x7f, 0x00, /* type (i32) -> () */
                                   0x03, 0x02, 0x01, 0x00};                  /* one function */
    put_all(&m, head, sizeof head);
    struct bytes code = {0};
    put(&code, 1);
    put_u32(&code, (uint32_t)body.n);
    put_all(&code, body.p, body.n);
    put(&m, 0x0a);
    put_u32(&m, (uint32_t)code.n);
    put_all(&m, code.p, code.n);
    free(body.p);
    free(code.p);
    return m;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_hostile(struct wisp_engine *eng) {
    static const uint8_t get0[] = {0x20, 0x00}, drop[] = {0x1a};
    static const uint8_t set1[] = {0x41, 0x00, 0x21, 0x01};       /* i32.const 0; local.set 1 */
    static const uint8_t blk[] = {0x02, 0x40, 0x0b};              /* block end */
    static const uint8_t tee0[] = {0x20, 0x00, 0x22, 0x00, 0x1a}; /* local.get 0; local.tee 0; drop */
    static const uint8_t setget[] = {0x20, 0x01, 0x21, 0x00};     /* local.get 1; local.set 0 */
    struct {
        const uint8_t *mid;
        size_t nm;
    } cases[] = {{set1, sizeof set1}, {blk, sizeof blk}, {tee0, sizeof tee0}, {setget, sizeof setget}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct bytes w = hostile(get0, sizeof get0, 100000, cases[i].mid, cases[i].nm, 100000, drop, sizeof drop);
        double t0 = now();
        struct wisp_module *m = NULL;
        struct wisp_result r = wisp_module_new(eng, w.p, w.n, &m);
        double t = now() - t0;
        CHECK(r.kind == WISP_OK);
        CHECK(t < 2.0);
        if (t >= 2.0) fprintf(stderr, "hostile case %zu took %.2fs\n", i, t);
        wisp_result_free(&r);
        if (m) {
            struct wisp_store *s = wisp_store_new(eng);
            struct wisp_instance *inst = NULL;
            r = wisp_instance_new(s, m, NULL, 0, &inst);
            CHECK(r.kind == WISP_OK);
            wisp_result_free(&r);
            struct wisp_func *f = inst ? inst->funcs[0] : NULL;
            struct wisp_value a = vi32(5);
            if (f) {
                r = wisp_func_call(s, f, &a, 1, NULL, 0);
                CHECK(r.kind == WISP_OK);
                wisp_result_free(&r);
            }
            wisp_store_free(s);
        }
        wisp_module_free(m);
        free(w.p);
    }
}

int main(void) {
    struct wisp_engine *eng = wisp_engine_new(NULL);
    CHECK(eng != NULL);
    if (!eng) CHECK_DONE();
    test_core(eng);
    test_link(eng);
    test_hostile(eng);
    wisp_engine_free(eng);
    CHECK_DONE();
}
