/* End-to-end runtime tests: real wasm modules (built with wat2wasm; the sources are beside each
 * array) decoded, validated, compiled, instantiated and called; host imports, re-entry, traps,
 * failed instantiation, out-of-memory at every allocation, and the cost of a tiny instance. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#include "check.h"
#include "wisp.h"

/*
 * (module
 *   (type $bin (func (param i32 i32) (result i32)))
 *   (import "env" "mul" (func $mul (param i32 i32) (result i32)))
 *   (import "env" "back" (func $back (param i32) (result i32)))
 *   (memory (export "memory") 1 4)
 *   (data (i32.const 8) "wisp")
 *   (global $g (export "g") (mut i32) (i32.const 5))
 *   (global $started (export "started") (mut i32) (i32.const 0))
 *   (table $t 4 funcref)
 *   (elem (table $t) (i32.const 0) func $add $mul $sub)
 *   (func $add (export "add") (type $bin) (i32.add (local.get 0) (local.get 1)))
 *   (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
 *   (func (export "call_mul") (param i32 i32) (result i32) (call $mul (local.get 0) (local.get 1)))
 *   (func (export "indirect") (param i32 i32 i32) (result i32)
 *     (call_indirect (type $bin) (local.get 0) (local.get 1) (local.get 2)))
 *   (func $fac (export "fac") (param i64) (result i64)
 *     (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
 *       (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
 *   (func $depth (export "depth") (param i32) (result i32)
 *     (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
 *       (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
 *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
 *   (func (export "size") (result i32) (memory.size))
 *   (func (export "trap") unreachable)
 *   (func (export "inc") (global.set $g (i32.add (global.get $g) (i32.const 1))))
 *   ;; host re-entry: back(n) calls "dec" which calls back(n-1) ... until 0
 *   (func (export "dec") (param i32) (result i32)
 *     (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 100))
 *       (else (i32.add (i32.const 1) (call $back (i32.sub (local.get 0) (i32.const 1)))))))
 *   (func $start (global.set $started (i32.const 1)) (i32.store8 (i32.const 0) (i32.const 33)))
 *   (start $start)
 * )
 */
static const uint8_t main_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x1f, 0x06, 0x60, 0x02, 0x7f, 0x7f, 0x01,
    0x7f, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7e,
    0x01, 0x7e, 0x60, 0x00, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x02, 0x16, 0x02, 0x03, 0x65, 0x6e, 0x76,
    0x03, 0x6d, 0x75, 0x6c, 0x00, 0x00, 0x03, 0x65, 0x6e, 0x76, 0x04, 0x62, 0x61, 0x63, 0x6b, 0x00,
    0x01, 0x03, 0x0e, 0x0d, 0x00, 0x00, 0x00, 0x02, 0x03, 0x01, 0x01, 0x01, 0x04, 0x05, 0x05, 0x01,
    0x05, 0x04, 0x04, 0x01, 0x70, 0x00, 0x04, 0x05, 0x04, 0x01, 0x01, 0x01, 0x04, 0x06, 0x0b, 0x02,
    0x7f, 0x01, 0x41, 0x05, 0x0b, 0x7f, 0x01, 0x41, 0x00, 0x0b, 0x07, 0x6a, 0x0e, 0x06, 0x6d, 0x65,
    0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x01, 0x67, 0x03, 0x00, 0x07, 0x73, 0x74, 0x61, 0x72, 0x74,
    0x65, 0x64, 0x03, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x02, 0x08, 0x63, 0x61, 0x6c, 0x6c, 0x5f,
    0x6d, 0x75, 0x6c, 0x00, 0x04, 0x08, 0x69, 0x6e, 0x64, 0x69, 0x72, 0x65, 0x63, 0x74, 0x00, 0x05,
    0x03, 0x66, 0x61, 0x63, 0x00, 0x06, 0x05, 0x64, 0x65, 0x70, 0x74, 0x68, 0x00, 0x07, 0x04, 0x6c,
    0x6f, 0x61, 0x64, 0x00, 0x08, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00, 0x09, 0x04, 0x73, 0x69, 0x7a,
    0x65, 0x00, 0x0a, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x0b, 0x03, 0x69, 0x6e, 0x63, 0x00, 0x0c,
    0x03, 0x64, 0x65, 0x63, 0x00, 0x0d, 0x08, 0x01, 0x0e, 0x09, 0x09, 0x01, 0x00, 0x41, 0x00, 0x0b,
    0x03, 0x02, 0x00, 0x03, 0x0a, 0x99, 0x01, 0x0d, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
    0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6b, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x20, 0x01, 0x10, 0x00,
    0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0x11, 0x00, 0x00, 0x0b, 0x15, 0x00, 0x20,
    0x00, 0x50, 0x04, 0x7e, 0x42, 0x01, 0x05, 0x20, 0x00, 0x20, 0x00, 0x42, 0x01, 0x7d, 0x10, 0x06,
    0x7e, 0x0b, 0x0b, 0x15, 0x00, 0x20, 0x00, 0x45, 0x04, 0x7f, 0x41, 0x00, 0x05, 0x41, 0x01, 0x20,
    0x00, 0x41, 0x01, 0x6b, 0x10, 0x07, 0x6a, 0x0b, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00,
    0x0b, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b, 0x04, 0x00, 0x3f, 0x00, 0x0b, 0x03, 0x00, 0x00,
    0x0b, 0x09, 0x00, 0x23, 0x00, 0x41, 0x01, 0x6a, 0x24, 0x00, 0x0b, 0x16, 0x00, 0x20, 0x00, 0x45,
    0x04, 0x7f, 0x41, 0xe4, 0x00, 0x05, 0x41, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x01, 0x6a,
    0x0b, 0x0b, 0x0d, 0x00, 0x41, 0x01, 0x24, 0x01, 0x41, 0x00, 0x41, 0x21, 0x3a, 0x00, 0x00, 0x0b,
    0x0b, 0x0a, 0x01, 0x00, 0x41, 0x08, 0x0b, 0x04, 0x77, 0x69, 0x73, 0x70,
};

/*
 * (module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
 */
static const uint8_t tiny_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00,
    0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b,
};

/*
 * (module
 *   (import "env" "tab" (table 2 funcref))
 *   (import "env" "mem" (memory 1))
 *   (func $f (result i32) (i32.const 42))
 *   (elem (i32.const 1) $f)
 *   (data (i32.const 0) "ok")
 *   (func $s unreachable)
 *   (start $s))
 */
static const uint8_t starttrap_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x60, 0x00, 0x01, 0x7f, 0x60,
    0x00, 0x00, 0x02, 0x18, 0x02, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x74, 0x61, 0x62, 0x01, 0x70, 0x00,
    0x02, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01, 0x03, 0x03, 0x02, 0x00,
    0x01, 0x08, 0x01, 0x01, 0x09, 0x07, 0x01, 0x00, 0x41, 0x01, 0x0b, 0x01, 0x00, 0x0a, 0x0a, 0x02,
    0x04, 0x00, 0x41, 0x2a, 0x0b, 0x03, 0x00, 0x00, 0x0b, 0x0b, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0b,
    0x02, 0x6f, 0x6b,
};
/*
 * (module
 *   (memory (export "memory") 1)
 *   (func (export "dirty") (param $n i32)  ;; stores 0xff every 4093 bytes below n
 *     (local $i i32)
 *     (loop $l
 *       (i32.store8 (local.get $i) (i32.const 255))
 *       (local.set $i (i32.add (local.get $i) (i32.const 4093)))
 *       (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
 *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
 *   (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
 */
static const uint8_t pool_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60,
    0x01, 0x7f, 0x01, 0x7f, 0x03, 0x04, 0x03, 0x00, 0x01, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07,
    0x20, 0x04, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x05, 0x64, 0x69, 0x72, 0x74,
    0x79, 0x00, 0x00, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00, 0x01, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00,
    0x02, 0x0a, 0x2f, 0x03, 0x1e, 0x01, 0x01, 0x7f, 0x03, 0x40, 0x20, 0x01, 0x41, 0xff, 0x01, 0x3a,
    0x00, 0x00, 0x20, 0x01, 0x41, 0xfd, 0x1f, 0x6a, 0x21, 0x01, 0x20, 0x01, 0x20, 0x00, 0x49, 0x0d,
    0x00, 0x0b, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x2d, 0x00,
    0x00, 0x0b,
};
/* ---- helpers ---- */

struct test_alloc {
    long long live;
    long count;
    long fail_at;
    bool failed;
};

static void *test_alloc_fn(void *ud, void *ptr, size_t old_size, size_t new_size) {
    struct test_alloc *t = ud;
    if (new_size == 0) {
        if (ptr) t->live -= (long long)old_size;
        free(ptr);
        return NULL;
    }
    if (t->fail_at >= 0 && t->count++ == t->fail_at) {
        t->failed = true;
        return NULL;
    }
    void *p = realloc(ptr, new_size);
    if (!p) return NULL;
    t->live += (long long)new_size - (long long)(ptr ? old_size : 0);
    return p;
}

static struct wisp_value i32v(int32_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I32;
    v.of.i32 = x;
    return v;
}

static struct wisp_value i64v(int64_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I64;
    v.of.i64 = x;
    return v;
}

struct env {
    int mul_calls;
    bool saw_memory;
};

static struct wisp_result h_mul(void *ud, struct wisp_caller *caller, const struct wisp_value *args,
                                struct wisp_value *results) {
    struct env *e = ud;
    e->mul_calls++;
    struct wisp_memory *mem = wisp_caller_memory(caller);
    if (mem && wisp_memory_size(mem) >= 12 && memcmp(wisp_memory_data(mem) + 8, "wisp", 4) == 0) e->saw_memory = true;
    results[0] = i32v(args[0].of.i32 * args[1].of.i32);
    return wisp_ok();
}

/* back(n) = dec(n): calls into wasm again from inside a host function. */
static struct wisp_result h_back(void *ud, struct wisp_caller *caller, const struct wisp_value *args,
                                 struct wisp_value *results) {
    (void)ud;
    struct wisp_extern dec;
    if (!wisp_caller_export(caller, "dec", &dec) || dec.kind != WISP_EXTERN_FUNC)
        return wisp_trap_new(wisp_caller_store(caller), "no dec export");
    return wisp_func_call(wisp_caller_store(caller), dec.of.func, args, 1, results, 1);
}

static const uint8_t ty_ii_i[] = {WISP_I32, WISP_I32, WISP_I32};
static const uint8_t ty_i_i[] = {WISP_I32, WISP_I32};

static bool define_env(struct wisp_linker *l, struct env *e) {
    struct wisp_functype mul = {2, 1, ty_ii_i, ty_ii_i + 2}, back = {1, 1, ty_i_i, ty_i_i + 1};
    struct wisp_result r1 = wisp_linker_define_func(l, "env", "mul", &mul, h_mul, e, NULL);
    struct wisp_result r2 = wisp_linker_define_func(l, "env", "back", &back, h_back, e, NULL);
    bool ok = r1.kind == WISP_OK && r2.kind == WISP_OK;
    wisp_result_free(&r1);
    wisp_result_free(&r2);
    return ok;
}

static int32_t call_i32(struct wisp_instance *inst, const char *name, const struct wisp_value *args, size_t nargs,
                        struct wisp_result *r) {
    struct wisp_value res[1];
    memset(res, 0, sizeof res);
    *r = wisp_instance_call(inst, name, args, nargs, res, 1);
    return res[0].of.i32;
}

/* ---- tests ---- */

static void test_main_module(void) {
    struct test_alloc ta = {0, 0, -1, false};
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.alloc = test_alloc_fn;
    cfg.alloc_ud = &ta;
    struct wisp_engine *e = wisp_engine_new(&cfg);
    struct wisp_module *mod = NULL;
    struct wisp_result r = wisp_module_new(e, main_wasm, sizeof main_wasm, &mod);
    CHECK(r.kind == WISP_OK && mod);
    if (!mod) {
        if (r.message) fprintf(stderr, "module: %s\n", r.message);
        wisp_result_free(&r);
        wisp_engine_free(e);
        return;
    }
    CHECK(wisp_module_import_count(mod) == 2);
    struct wisp_import_desc id;
    CHECK(wisp_module_import(mod, 1, &id) && strcmp(id.name, "back") == 0 && id.type.of.func.param_count == 1);
    struct wisp_export_desc ed;
    CHECK(wisp_module_export(mod, 0, &ed) && strcmp(ed.name, "memory") == 0 && ed.type.kind == WISP_EXTERN_MEMORY &&
          ed.type.of.memory.limits.max == 4);

    struct wisp_store *s = wisp_store_new(e);
    struct wisp_linker *l = wisp_linker_new(s);
    struct env env = {0, false};
    struct wisp_instance *inst = NULL;
    r = wisp_linker_instantiate(l, mod, &inst);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && r.message &&
          strcmp(r.message, "unknown import: \"env\".\"mul\"") == 0);
    wisp_result_free(&r);
    CHECK(define_env(l, &env));
    r = wisp_linker_instantiate(l, mod, &inst);
    CHECK(r.kind == WISP_OK && inst);
    if (!inst) {
        if (r.message) fprintf(stderr, "instantiate: %s\n", r.message);
        wisp_result_free(&r);
        goto out;
    }

    struct wisp_extern x;
    CHECK(wisp_instance_export(inst, "started", &x) && wisp_global_get(x.of.global).of.i32 == 1);
    CHECK(wisp_instance_export(inst, "memory", &x) && x.kind == WISP_EXTERN_MEMORY);
    struct wisp_memory *mem = x.of.memory;
    CHECK(wisp_memory_data(mem)[0] == 33 && memcmp(wisp_memory_data(mem) + 8, "wisp", 4) == 0);

    struct wisp_value a[3] = {i32v(2), i32v(3), i32v(0)};
    CHECK(call_i32(inst, "add", a, 2, &r) == 5 && r.kind == WISP_OK);
    a[0] = i32v(6);
    a[1] = i32v(7);
    CHECK(call_i32(inst, "call_mul", a, 2, &r) == 42 && r.kind == WISP_OK);
    CHECK(env.mul_calls == 1 && env.saw_memory);

    /* call_indirect through a table holding wasm functions and a host function. */
    a[0] = i32v(10);
    a[1] = i32v(3);
    a[2] = i32v(0);
    CHECK(call_i32(inst, "indirect", a, 3, &r) == 13 && r.kind == WISP_OK);
    a[2] = i32v(1);
    CHECK(call_i32(inst, "indirect", a, 3, &r) == 30 && r.kind == WISP_OK);
    a[2] = i32v(2);
    CHECK(call_i32(inst, "indirect", a, 3, &r) == 7 && r.kind == WISP_OK);
    a[2] = i32v(3);
    call_i32(inst, "indirect", a, 3, &r);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNINITIALIZED_ELEMENT);
    wisp_result_free(&r);
    a[2] = i32v(4);
    call_i32(inst, "indirect", a, 3, &r);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNDEFINED_ELEMENT);
    wisp_result_free(&r);

    struct wisp_value fa = i64v(20), fr;
    r = wisp_instance_call(inst, "fac", &fa, 1, &fr, 1);
    CHECK(r.kind == WISP_OK && fr.type == WISP_I64 && fr.of.i64 == 2432902008176640000ll);

    /* Depth: well inside the limit works; past it traps and the store stays usable. */
    a[0] = i32v(9000);
    CHECK(call_i32(inst, "depth", a, 1, &r) == 9000 && r.kind == WISP_OK);
    a[0] = i32v(100000);
    call_i32(inst, "depth", a, 1, &r);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    wisp_result_free(&r);
    a[0] = i32v(1);
    a[1] = i32v(1);
    CHECK(call_i32(inst, "add", a, 2, &r) == 2 && r.kind == WISP_OK);

    /* Memory: bounds, growth seen by both sides. */
    a[0] = i32v(65533);
    call_i32(inst, "load", a, 1, &r);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_MEMORY_OUT_OF_BOUNDS && r.message &&
          strcmp(r.message, "out of bounds memory access") == 0);
    wisp_result_free(&r);
    a[0] = i32v(1);
    CHECK(call_i32(inst, "grow", a, 1, &r) == 1 && r.kind == WISP_OK);
    CHECK(wisp_memory_pages(mem) == 2);
    CHECK(call_i32(inst, "size", NULL, 0, &r) == 2);
    uint64_t oldp = 0;
    r = wisp_memory_grow(mem, 1, &oldp);
    CHECK(r.kind == WISP_OK && oldp == 2);
    CHECK(call_i32(inst, "size", NULL, 0, &r) == 3);
    a[0] = i32v(10);
    CHECK(call_i32(inst, "grow", a, 1, &r) == -1 && r.kind == WISP_OK);
    uint32_t word = 0xdeadbeef;
    r = wisp_memory_write(mem, 3 * 65536 - 4, &word, 4);
    CHECK(r.kind == WISP_OK);
    a[0] = i32v(3 * 65536 - 4);
    CHECK((uint32_t)call_i32(inst, "load", a, 1, &r) == 0xdeadbeef && r.kind == WISP_OK);

    r = wisp_instance_call(inst, "trap", NULL, 0, NULL, 0);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNREACHABLE && r.message && strcmp(r.message, "unreachable") == 0);
    CHECK(r.frame_count >= 1);
    wisp_result_free(&r);

    r = wisp_instance_call(inst, "inc", NULL, 0, NULL, 0);
    CHECK(r.kind == WISP_OK);
    CHECK(wisp_instance_export(inst, "g", &x) && wisp_global_get(x.of.global).of.i32 == 6);
    r = wisp_global_set(x.of.global, i32v(41));
    CHECK(r.kind == WISP_OK);
    r = wisp_instance_call(inst, "inc", NULL, 0, NULL, 0);
    CHECK(wisp_global_get(x.of.global).of.i32 == 42);

    /* Host re-entry: dec -> back (host) -> dec -> ... */
    a[0] = i32v(50);
    CHECK(call_i32(inst, "dec", a, 1, &r) == 150 && r.kind == WISP_OK);
    /* Deep re-entry is cut off cleanly before the native stack runs out (the budget is
     * cfg.native_stack_bytes: some 120 levels by default, fewer in unoptimised builds). */
    a[0] = i32v(40);
    CHECK(call_i32(inst, "dec", a, 1, &r) == 140 && r.kind == WISP_OK);
    wisp_result_free(&r);
    a[0] = i32v(100000);
    call_i32(inst, "dec", a, 1, &r);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    wisp_result_free(&r);

    /* Bad calls from the host. */
    a[0] = i32v(1);
    a[1] = i64v(1);
    call_i32(inst, "add", a, 2, &r);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);
    call_i32(inst, "add", a, 1, &r);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);

    /* A second instance in the same store is independent. */
    struct wisp_instance *inst2 = NULL;
    r = wisp_linker_instantiate(l, mod, &inst2);
    CHECK(r.kind == WISP_OK && inst2 && inst2 != inst);
    if (inst2) {
        CHECK(call_i32(inst2, "size", NULL, 0, &r) == 1);
        CHECK(wisp_instance_export(inst2, "g", &x) && wisp_global_get(x.of.global).of.i32 == 5);
    }
out:
    wisp_linker_free(l);
    wisp_store_free(s);
    wisp_module_free(mod);
    wisp_engine_free(e);
    CHECK(ta.live == 0);
}

/* A start function traps after the segments wrote into imported objects: those writes stay,
 * and the function the failed instance put in the table still works. */
static void test_start_trap(void) {
    struct wisp_engine *e = wisp_engine_new(NULL);
    struct wisp_module *mod = NULL;
    struct wisp_result r = wisp_module_new(e, starttrap_wasm, sizeof starttrap_wasm, &mod);
    CHECK(r.kind == WISP_OK);
    struct wisp_store *s = wisp_store_new(e);
    struct wisp_tabletype tt = {WISP_FUNCREF, {2, 0, false}};
    struct wisp_value null;
    memset(&null, 0, sizeof null);
    null.type = WISP_FUNCREF;
    struct wisp_memtype mt = {{1, 0, false}};
    struct wisp_extern imp[2] = {{WISP_EXTERN_TABLE, {.table = wisp_table_new(s, &tt, null)}},
                                 {WISP_EXTERN_MEMORY, {.memory = wisp_memory_new(s, &mt)}}};
    struct wisp_instance *inst = NULL;
    if (mod) r = wisp_instance_new(s, mod, imp, 2, &inst);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNREACHABLE && inst == NULL);
    wisp_result_free(&r);
    CHECK(memcmp(wisp_memory_data(imp[1].of.memory), "ok", 2) == 0);
    struct wisp_value f;
    r = wisp_table_get(imp[0].of.table, 1, &f);
    CHECK(r.kind == WISP_OK && f.of.funcref != NULL);
    if (f.of.funcref) {
        struct wisp_value res;
        r = wisp_func_call(s, f.of.funcref, NULL, 0, &res, 1);
        CHECK(r.kind == WISP_OK && res.of.i32 == 42);
    }
    wisp_store_free(s);
    wisp_module_free(mod);
    wisp_engine_free(e);
}

static bool oom_run(long n) {
    struct test_alloc ta = {0, 0, n, false};
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.alloc = test_alloc_fn;
    cfg.alloc_ud = &ta;
    struct wisp_engine *e = wisp_engine_new(&cfg);
    if (!e) return ta.failed;
    struct wisp_module *mod = NULL;
    struct wisp_result r = wisp_module_new(e, main_wasm, sizeof main_wasm, &mod);
    CHECK(r.kind == WISP_OK || (r.kind == WISP_ERROR && r.error == WISP_ERR_OUT_OF_MEMORY));
    wisp_result_free(&r);
    struct wisp_store *s = mod ? wisp_store_new(e) : NULL;
    struct wisp_linker *l = s ? wisp_linker_new(s) : NULL;
    struct env env = {0, false};
    if (l && define_env(l, &env)) {
        struct wisp_instance *inst = NULL;
        r = wisp_linker_instantiate(l, mod, &inst);
        CHECK(r.kind == WISP_OK || (r.kind == WISP_ERROR && r.error == WISP_ERR_OUT_OF_MEMORY));
        wisp_result_free(&r);
        if (inst) {
            struct wisp_value a[2] = {i32v(6), i32v(7)};
            int32_t v = call_i32(inst, "call_mul", a, 2, &r);
            CHECK((r.kind == WISP_OK && v == 42) || (r.kind == WISP_ERROR && r.error == WISP_ERR_OUT_OF_MEMORY));
            wisp_result_free(&r);
            a[0] = i32v(3);
            v = call_i32(inst, "dec", a, 1, &r);
            CHECK((r.kind == WISP_OK && v == 103) || r.kind == WISP_ERROR);
            wisp_result_free(&r);
        }
    }
    wisp_linker_free(l);
    wisp_store_free(s);
    wisp_module_free(mod);
    wisp_engine_free(e);
    CHECK(ta.live == 0);
    return ta.failed;
}

static void test_oom(void) {
    long n = 0;
    while (oom_run(n) && n < 100000) n++;
    CHECK(n > 10 && n < 100000);
    printf("out of memory at each of %ld allocations: clean\n", n);
}

/* ---- the engine's pools: memories and value stacks of freed stores are reused ---- */

/* One store's life: the memory must come zeroed, exactly min pages, whatever an earlier store
 * did to the reservation (written, grown, written by the host). Returns false on any surprise. */
static bool pool_round(struct wisp_engine *e, const struct wisp_module *mod, int round) {
    struct wisp_store *s = wisp_store_new(e);
    struct wisp_instance *inst = NULL;
    struct wisp_result r = wisp_instance_new(s, mod, NULL, 0, &inst);
    bool ok = r.kind == WISP_OK && inst;
    wisp_result_free(&r);
    struct wisp_extern x;
    if (ok) ok = wisp_instance_export(inst, "memory", &x) && x.kind == WISP_EXTERN_MEMORY;
    struct wisp_memory *mem = ok ? x.of.memory : NULL;
    if (ok) ok = wisp_memory_size(mem) == 65536;
    for (uint64_t i = 0; ok && i < 65536; i++) ok = wisp_memory_data(mem)[i] == 0;
    struct wisp_value a = i32v(65536);
    if (ok) { /* beyond the size: a trap, whatever the reservation held before */
        call_i32(inst, "load", &a, 1, &r);
        ok = r.kind == WISP_TRAP && r.trap == WISP_TRAP_MEMORY_OUT_OF_BOUNDS;
        wisp_result_free(&r);
    }
    if (ok && round % 3 != 0) { /* grow (a later store gets a reservation committed further) */
        a = i32v(round % 3);
        ok = call_i32(inst, "grow", &a, 1, &r) == 1 && r.kind == WISP_OK;
        wisp_result_free(&r);
        uint64_t size = wisp_memory_size(mem);
        for (uint64_t i = 65536; ok && i < size; i++) ok = wisp_memory_data(mem)[i] == 0;
    }
    if (ok) {
        a = i32v((int32_t)wisp_memory_size(mem));
        r = wisp_instance_call(inst, "dirty", &a, 1, NULL, 0);
        ok = r.kind == WISP_OK;
        wisp_result_free(&r);
        a = i32v(4093);
        ok = ok && call_i32(inst, "load", &a, 1, &r) == 255 && r.kind == WISP_OK;
        wisp_result_free(&r);
        memset(wisp_memory_data(mem) + 100, 0x5a, 1000); /* the host writes too */
    }
    wisp_store_free(s);
    return ok;
}

struct pool_thread {
    struct wisp_engine *e;
    const struct wisp_module *mod;
    int bad;
};

static int pool_thread_main(void *p) {
    struct pool_thread *t = p;
    for (int i = 0; i < 40; i++)
        if (!pool_round(t->e, t->mod, i)) t->bad++;
    return 0;
}

static void test_pools(void) {
    struct test_alloc ta = {0, 0, -1, false};
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.alloc = test_alloc_fn;
    cfg.alloc_ud = &ta;
    struct wisp_engine *e = wisp_engine_new(&cfg);
    struct wisp_module *mod = NULL;
    struct wisp_result r = wisp_module_new(e, pool_wasm, sizeof pool_wasm, &mod);
    CHECK(r.kind == WISP_OK);
    if (!mod) {
        wisp_engine_free(e);
        return;
    }
    for (int i = 0; i < 12; i++) CHECK(pool_round(e, mod, i));

    /* More stores alive at once than the pools hold: some go back to the system. */
    enum { MANY = 9 };
    struct wisp_store *ss[MANY];
    for (int i = 0; i < MANY; i++) {
        ss[i] = wisp_store_new(e);
        struct wisp_instance *inst = NULL;
        r = wisp_instance_new(ss[i], mod, NULL, 0, &inst);
        CHECK(r.kind == WISP_OK);
        struct wisp_value a = i32v(65536);
        if (inst) r = wisp_instance_call(inst, "dirty", &a, 1, NULL, 0);
        CHECK(r.kind == WISP_OK);
    }
    for (int i = 0; i < MANY; i++) wisp_store_free(ss[i]);
    for (int i = 0; i < 6; i++) CHECK(pool_round(e, mod, i));

    wisp_module_free(mod);
    wisp_engine_free(e);
    CHECK(ta.live == 0);

    /* Several threads share an engine and its pools (the default allocator: the counting one
     * is not thread-safe). */
    e = wisp_engine_new(NULL);
    r = wisp_module_new(e, pool_wasm, sizeof pool_wasm, &mod);
    CHECK(r.kind == WISP_OK);
    if (!mod) {
        wisp_engine_free(e);
        return;
    }
    enum { T = 4 };
    thrd_t th[T];
    struct pool_thread pt[T];
    for (int i = 0; i < T; i++) {
        pt[i] = (struct pool_thread){e, mod, 0};
        CHECK(thrd_create(&th[i], pool_thread_main, &pt[i]) == thrd_success);
    }
    for (int i = 0; i < T; i++) {
        thrd_join(th[i], NULL);
        CHECK(pt[i].bad == 0);
    }
    wisp_module_free(mod);
    wisp_engine_free(e);
}

/* Instantiate + call + free of a tiny module, the common plugin pattern. Reports the time. */
static void test_tiny_cost(void) {
    struct wisp_engine *e = wisp_engine_new(NULL);
    struct wisp_module *mod = NULL;
    struct wisp_result r = wisp_module_new(e, tiny_wasm, sizeof tiny_wasm, &mod);
    CHECK(r.kind == WISP_OK);
    if (!mod) {
        wisp_engine_free(e);
        return;
    }
#ifdef WISP_SANITIZE
    enum { N = 200 }; /* sanitizer allocators make the 8 MiB value stack slow to allocate */
#else
    enum { N = 20000 };
#endif
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int ok = 0;
    for (int i = 0; i < N; i++) {
        struct wisp_store *s = wisp_store_new(e);
        struct wisp_instance *inst = NULL;
        r = wisp_instance_new(s, mod, NULL, 0, &inst);
        struct wisp_value a = i32v(i), res;
        if (inst) r = wisp_instance_call(inst, "f", &a, 1, &res, 1);
        if (inst && r.kind == WISP_OK && res.of.i32 == i + 1) ok++;
        wisp_store_free(s);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(ok == N);
    double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / N;
    printf("store + instantiate + call + free of a tiny module: %.0f ns\n", ns);
    wisp_module_free(mod);
    wisp_engine_free(e);
}

int main(void) {
    test_main_module();
    test_start_trap();
    test_oom();
    test_pools();
    test_tiny_cost();
    CHECK_DONE();
}
