/* A smoke test of wasm.h: hello world, callbacks with and without environment, traps with
 * frames, memories, tables, globals, externref and funcref values, import checking, module
 * reflection, serialisation, sharing across threads, host info and finalizers. */
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "check.h"
#include "wasm.h"
#include "wasm_wisp.h"

/* The modules, compiled with wat2wasm from:
 * --- hello.wat ---
 * (module
 *   (import "" "hello" (func $hello))
 *   (func (export "run") (call $hello)))
 * --- kit.wat ---
 * (module
 *   (import "host" "add" (func $add (param i32 i32) (result i32)))
 *   (import "host" "fail" (func $fail))
 *   (import "host" "g" (global $g (mut i64)))
 *   (memory (export "mem") 1 3)
 *   (table (export "tab") 2 10 funcref)
 *   (global (export "counter") (mut i32) (i32.const 7))
 *   (global (export "pi") f64 (f64.const 3.5))
 *   (elem (i32.const 1) $sq)
 *   (func $sq (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
 *   (func (export "call_add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
 *   (func (export "call_fail") (call $fail))
 *   (func $boom (export "boom") (param i32) (result i32)
 *     (if (local.get 0) (then unreachable))
 *     (i32.const 1))
 *   (func (export "nested") (result i32) (call $boom (i32.const 1)))
 *   (func (export "call_indirect") (param i32 i32) (result i32)
 *     (call_indirect (param i32) (result i32) (local.get 0) (local.get 1)))
 *   (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
 *   (func (export "get_g") (result i64) (global.get $g))
 *   (func (export "multi") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
 *   (data (i32.const 0) "\01\02\03"))
 * --- refs.wat ---
 * (module
 *   (global $r (export "r") (mut externref) (ref.null extern))
 *   (table $t (export "t") 4 externref)
 *   (func (export "id") (param externref) (result externref) (local.get 0))
 *   (func (export "set") (param externref) (global.set $r (local.get 0)))
 *   (func (export "get") (result externref) (global.get $r))
 *   (func (export "tset") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
 *   (func (export "tget") (param i32) (result externref) (table.get $t (local.get 0)))
 *   (func $f (export "f") (result i32) (i32.const 42))
 *   (func (export "fref") (result funcref) (ref.func $f)))
 * --- start.wat ---
 * (module
 *   (func $start unreachable)
 *   (start $start))
 */
static const unsigned char hello_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
  0x00, 0x00, 0x02, 0x0a, 0x01, 0x00, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f,
  0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x72, 0x75,
  0x6e, 0x00, 0x01, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x10, 0x00, 0x0b
};

static const unsigned char kit_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x1e, 0x06, 0x60,
  0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x01,
  0x7f, 0x60, 0x00, 0x01, 0x7f, 0x60, 0x00, 0x01, 0x7e, 0x60, 0x02, 0x7f,
  0x7e, 0x02, 0x7e, 0x7f, 0x02, 0x22, 0x03, 0x04, 0x68, 0x6f, 0x73, 0x74,
  0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x04,
  0x66, 0x61, 0x69, 0x6c, 0x00, 0x01, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x01,
  0x67, 0x03, 0x7e, 0x01, 0x03, 0x0a, 0x09, 0x02, 0x00, 0x01, 0x02, 0x03,
  0x00, 0x02, 0x04, 0x05, 0x04, 0x05, 0x01, 0x70, 0x01, 0x02, 0x0a, 0x05,
  0x04, 0x01, 0x01, 0x01, 0x03, 0x06, 0x12, 0x02, 0x7f, 0x01, 0x41, 0x07,
  0x0b, 0x7c, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x40,
  0x0b, 0x07, 0x6f, 0x0d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x03, 0x74,
  0x61, 0x62, 0x01, 0x00, 0x07, 0x63, 0x6f, 0x75, 0x6e, 0x74, 0x65, 0x72,
  0x03, 0x01, 0x02, 0x70, 0x69, 0x03, 0x02, 0x02, 0x73, 0x71, 0x00, 0x02,
  0x08, 0x63, 0x61, 0x6c, 0x6c, 0x5f, 0x61, 0x64, 0x64, 0x00, 0x03, 0x09,
  0x63, 0x61, 0x6c, 0x6c, 0x5f, 0x66, 0x61, 0x69, 0x6c, 0x00, 0x04, 0x04,
  0x62, 0x6f, 0x6f, 0x6d, 0x00, 0x05, 0x06, 0x6e, 0x65, 0x73, 0x74, 0x65,
  0x64, 0x00, 0x06, 0x0d, 0x63, 0x61, 0x6c, 0x6c, 0x5f, 0x69, 0x6e, 0x64,
  0x69, 0x72, 0x65, 0x63, 0x74, 0x00, 0x07, 0x04, 0x6c, 0x6f, 0x61, 0x64,
  0x00, 0x08, 0x05, 0x67, 0x65, 0x74, 0x5f, 0x67, 0x00, 0x09, 0x05, 0x6d,
  0x75, 0x6c, 0x74, 0x69, 0x00, 0x0a, 0x09, 0x07, 0x01, 0x00, 0x41, 0x01,
  0x0b, 0x01, 0x02, 0x0a, 0x47, 0x09, 0x07, 0x00, 0x20, 0x00, 0x20, 0x00,
  0x6c, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x20, 0x01, 0x10, 0x00, 0x0b, 0x04,
  0x00, 0x10, 0x01, 0x0b, 0x0a, 0x00, 0x20, 0x00, 0x04, 0x40, 0x00, 0x0b,
  0x41, 0x01, 0x0b, 0x06, 0x00, 0x41, 0x01, 0x10, 0x05, 0x0b, 0x09, 0x00,
  0x20, 0x00, 0x20, 0x01, 0x11, 0x02, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00,
  0x2d, 0x00, 0x00, 0x0b, 0x04, 0x00, 0x23, 0x00, 0x0b, 0x06, 0x00, 0x20,
  0x01, 0x20, 0x00, 0x0b, 0x0b, 0x09, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x03,
  0x01, 0x02, 0x03
};

static const unsigned char refs_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x20, 0x07, 0x60,
  0x01, 0x6f, 0x01, 0x6f, 0x60, 0x01, 0x6f, 0x00, 0x60, 0x00, 0x01, 0x6f,
  0x60, 0x02, 0x7f, 0x6f, 0x00, 0x60, 0x01, 0x7f, 0x01, 0x6f, 0x60, 0x00,
  0x01, 0x7f, 0x60, 0x00, 0x01, 0x70, 0x03, 0x08, 0x07, 0x00, 0x01, 0x02,
  0x03, 0x04, 0x05, 0x06, 0x04, 0x04, 0x01, 0x6f, 0x00, 0x04, 0x06, 0x06,
  0x01, 0x6f, 0x01, 0xd0, 0x6f, 0x0b, 0x07, 0x33, 0x09, 0x01, 0x72, 0x03,
  0x00, 0x01, 0x74, 0x01, 0x00, 0x02, 0x69, 0x64, 0x00, 0x00, 0x03, 0x73,
  0x65, 0x74, 0x00, 0x01, 0x03, 0x67, 0x65, 0x74, 0x00, 0x02, 0x04, 0x74,
  0x73, 0x65, 0x74, 0x00, 0x03, 0x04, 0x74, 0x67, 0x65, 0x74, 0x00, 0x04,
  0x01, 0x66, 0x00, 0x05, 0x04, 0x66, 0x72, 0x65, 0x66, 0x00, 0x06, 0x0a,
  0x2c, 0x07, 0x04, 0x00, 0x20, 0x00, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x24,
  0x00, 0x0b, 0x04, 0x00, 0x23, 0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x20,
  0x01, 0x26, 0x00, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x25, 0x00, 0x0b, 0x04,
  0x00, 0x41, 0x2a, 0x0b, 0x04, 0x00, 0xd2, 0x05, 0x0b
};

static const unsigned char start_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
  0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x08, 0x01, 0x00, 0x0a, 0x05, 0x01,
  0x03, 0x00, 0x00, 0x0b
};

static wasm_module_t *compile(wasm_store_t *store, const unsigned char *bytes, size_t n) {
    wasm_byte_vec_t v;
    wasm_byte_vec_new(&v, n, (const char *)bytes);
    wasm_module_t *m = wasm_module_new(store, &v);
    wasm_byte_vec_delete(&v);
    if (!m) fprintf(stderr, "compile: %s\n", wisp_capi_last_error(store));
    return m;
}

static wasm_module_t *compile_quiet(wasm_store_t *store, const unsigned char *bytes, size_t n) {
    wasm_byte_vec_t v = {n, (char *)(uintptr_t)bytes};
    return wasm_module_new(store, &v);
}

/* ---- hello ---- */

static int hello_calls;

static wasm_trap_t *hello_cb(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    hello_calls++;
    return NULL;
}

static void test_hello(wasm_engine_t *engine) {
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = compile(store, hello_wasm, sizeof hello_wasm);
    CHECK(module != NULL);
    wasm_functype_t *t = wasm_functype_new_0_0();
    wasm_func_t *f = wasm_func_new(store, t, hello_cb);
    wasm_functype_delete(t);
    wasm_extern_t *externs[] = {wasm_func_as_extern(f)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_trap_t *trap = NULL;
    wasm_instance_t *inst = wasm_instance_new(store, module, &imports, &trap);
    CHECK(inst != NULL && trap == NULL);
    wasm_extern_vec_t exports;
    wasm_instance_exports(inst, &exports);
    CHECK(exports.size == 1);
    const wasm_func_t *run = wasm_extern_as_func(exports.data[0]);
    CHECK(run != NULL);
    /* The module handle may go before its instances. */
    wasm_module_delete(module);
    wasm_instance_delete(inst);
    wasm_val_vec_t args = WASM_EMPTY_VEC, results = WASM_EMPTY_VEC;
    CHECK(wasm_func_call(run, &args, &results) == NULL);
    CHECK(hello_calls == 1);
    wasm_extern_vec_delete(&exports);
    wasm_func_delete(f);
    wasm_store_delete(store);
}

/* ---- the kit module: callbacks, traps, memory, table, globals ---- */

struct env {
    int calls;
    int finalized;
};

static wasm_trap_t *add_cb(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    struct env *e = env;
    e->calls++;
    results->data[0].kind = WASM_I32;
    results->data[0].of.i32 = args->data[0].of.i32 + args->data[1].of.i32;
    return NULL;
}

static void env_finalize(void *env) { ((struct env *)env)->finalized++; }

static void env_finalize_int(void *p) { (*(int *)p)++; }

static wasm_trap_t *fail_cb(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    wasm_message_t msg;
    wasm_name_new_from_string_nt(&msg, "callback abort");
    wasm_trap_t *trap = wasm_trap_new((wasm_store_t *)env, &msg);
    wasm_name_delete(&msg);
    return trap;
}

static wasm_func_t *export_func(const wasm_extern_vec_t *ex, size_t i) {
    return i < ex->size ? wasm_extern_as_func(ex->data[i]) : NULL;
}

static int32_t call_i32(const wasm_func_t *f, int32_t a, int32_t b, bool *trapped) {
    wasm_val_t as[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
    wasm_val_t rs[1] = {WASM_INIT_VAL};
    wasm_val_vec_t args = {wasm_func_param_arity(f), as};
    wasm_val_vec_t results = WASM_ARRAY_VEC(rs);
    wasm_trap_t *trap = wasm_func_call(f, &args, &results);
    *trapped = trap != NULL;
    if (trap) wasm_trap_delete(trap);
    return rs[0].of.i32;
}

static void check_message(const wasm_trap_t *trap, const char *want) {
    wasm_message_t m;
    wasm_trap_message(trap, &m);
    CHECK(m.size == strlen(want) + 1 && m.data[m.size - 1] == 0 && strcmp(m.data, want) == 0);
    if (!(m.size && strcmp(m.data, want) == 0)) fprintf(stderr, "message: %s, want %s\n", m.data, want);
    wasm_byte_vec_delete(&m);
}

static void test_kit(wasm_engine_t *engine) {
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = compile(store, kit_wasm, sizeof kit_wasm);
    CHECK(module != NULL);
    struct env env = {0, 0};

    wasm_functype_t *add_t =
        wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32());
    wasm_func_t *add = wasm_func_new_with_env(store, add_t, add_cb, &env, env_finalize);
    wasm_functype_t *fail_t = wasm_functype_new_0_0();
    wasm_func_t *fail = wasm_func_new_with_env(store, fail_t, fail_cb, store, NULL);
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
    wasm_val_t g0 = WASM_I64_VAL(-5);
    wasm_global_t *g = wasm_global_new(store, gt, &g0);
    CHECK(add && fail && g);

    /* Mistyped imports fail cleanly. */
    {
        wasm_extern_t *bad[] = {wasm_func_as_extern(fail), wasm_func_as_extern(fail), wasm_global_as_extern(g)};
        wasm_extern_vec_t imports = WASM_ARRAY_VEC(bad);
        wasm_trap_t *trap = NULL;
        CHECK(wasm_instance_new(store, module, &imports, &trap) == NULL);
        CHECK(trap != NULL);
        CHECK(wisp_capi_last_error_code(store) == WISP_ERR_UNLINKABLE);
        if (trap) wasm_trap_delete(trap);
        wasm_extern_t *wrong_kind[] = {wasm_func_as_extern(add), wasm_global_as_extern(g), wasm_global_as_extern(g)};
        wasm_extern_vec_t imports2 = WASM_ARRAY_VEC(wrong_kind);
        CHECK(wasm_instance_new(store, module, &imports2, NULL) == NULL);
        wasm_extern_t *missing[] = {wasm_func_as_extern(add), NULL, wasm_global_as_extern(g)};
        wasm_extern_vec_t imports3 = WASM_ARRAY_VEC(missing);
        CHECK(wasm_instance_new(store, module, &imports3, NULL) == NULL);
        wasm_extern_vec_t few = {1, bad};
        CHECK(wasm_instance_new(store, module, &few, NULL) == NULL);
        CHECK(wasm_instance_new(store, module, NULL, NULL) == NULL);
        CHECK(wisp_capi_last_error(store) != NULL);
    }

    wasm_extern_t *externs[] = {wasm_func_as_extern(add), wasm_func_as_extern(fail), wasm_global_as_extern(g)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *inst = wasm_instance_new(store, module, &imports, NULL);
    CHECK(inst != NULL);
    CHECK(wisp_capi_last_error(store) == NULL);
    wasm_extern_vec_t ex;
    wasm_instance_exports(inst, &ex);
    CHECK(ex.size == 13);
    wasm_memory_t *mem = wasm_extern_as_memory(ex.data[0]);
    wasm_table_t *tab = wasm_extern_as_table(ex.data[1]);
    wasm_global_t *counter = wasm_extern_as_global(ex.data[2]);
    wasm_global_t *pi = wasm_extern_as_global(ex.data[3]);
    wasm_func_t *sq = export_func(&ex, 4), *call_add = export_func(&ex, 5), *call_fail = export_func(&ex, 6);
    wasm_func_t *boom = export_func(&ex, 7), *nested = export_func(&ex, 8), *ci = export_func(&ex, 9);
    wasm_func_t *load = export_func(&ex, 10), *get_g = export_func(&ex, 11), *multi = export_func(&ex, 12);
    CHECK(mem && tab && counter && pi && sq && call_add && call_fail && boom && nested && ci && load && get_g && multi);
    CHECK(wasm_extern_as_func(ex.data[0]) == NULL);
    CHECK(wasm_extern_kind(ex.data[1]) == WASM_EXTERN_TABLE);

    bool trapped;
    CHECK(call_i32(sq, 9, 0, &trapped) == 81 && !trapped);
    CHECK(call_i32(call_add, 40, 2, &trapped) == 42 && !trapped && env.calls == 1);

    /* A host trap comes back with its message. */
    {
        wasm_val_vec_t none = WASM_EMPTY_VEC;
        wasm_trap_t *trap = wasm_func_call(call_fail, &none, &none);
        CHECK(trap != NULL);
        if (trap) {
            check_message(trap, "callback abort");
            CHECK(wisp_capi_trap_code(trap) == WISP_TRAP_HOST);
            wasm_trap_delete(trap);
        }
    }
    /* A wasm trap, with origin and trace. */
    {
        wasm_val_t rs[1] = {WASM_INIT_VAL};
        wasm_val_vec_t none = WASM_EMPTY_VEC, results = WASM_ARRAY_VEC(rs);
        wasm_trap_t *trap = wasm_func_call(nested, &none, &results);
        CHECK(trap != NULL);
        if (trap) {
            check_message(trap, "unreachable");
            wasm_frame_t *origin = wasm_trap_origin(trap);
            CHECK(origin != NULL);
            if (origin) {
                CHECK(wasm_frame_func_index(origin) == 5); /* $boom: 2 imports + sq, call_add, call_fail */
                CHECK(wasm_frame_instance(origin) == inst);
                CHECK(wasm_frame_module_offset(origin) > wasm_frame_func_offset(origin));
                CHECK(wasm_frame_func_offset(origin) > 0);
                wasm_frame_t *copy = wasm_frame_copy(origin);
                CHECK(copy && wasm_frame_func_index(copy) == 5);
                wasm_frame_delete(copy);
                wasm_frame_delete(origin);
            }
            wasm_frame_vec_t trace;
            wasm_trap_trace(trap, &trace);
            CHECK(trace.size == 2);
            if (trace.size == 2) CHECK(wasm_frame_func_index(trace.data[1]) == 6);
            wasm_frame_vec_delete(&trace);
            wasm_trap_t *copy = wasm_trap_copy(trap);
            CHECK(wasm_trap_same(copy, trap));
            wasm_trap_delete(copy);
            wasm_trap_delete(trap);
        }
    }
    /* Wrong argument types and counts are traps, not crashes. */
    {
        wasm_val_t as[1] = {WASM_F32_VAL(1.0f)};
        wasm_val_t rs[1] = {WASM_INIT_VAL};
        wasm_val_vec_t args = WASM_ARRAY_VEC(as), results = WASM_ARRAY_VEC(rs), none = WASM_EMPTY_VEC;
        wasm_trap_t *trap = wasm_func_call(sq, &args, &results);
        CHECK(trap != NULL);
        wasm_trap_delete(trap);
        trap = wasm_func_call(sq, &none, &results);
        CHECK(trap != NULL);
        wasm_trap_delete(trap);
    }
    /* Multiple results. */
    {
        wasm_val_t as[2] = {WASM_I32_VAL(3), WASM_I64_VAL(INT64_C(1) << 40)};
        wasm_val_t rs[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
        wasm_val_vec_t args = WASM_ARRAY_VEC(as), results = WASM_ARRAY_VEC(rs);
        CHECK(wasm_func_call(multi, &args, &results) == NULL);
        CHECK(rs[0].kind == WASM_I64 && rs[0].of.i64 == INT64_C(1) << 40 && rs[1].kind == WASM_I32 && rs[1].of.i32 == 3);
    }

    /* Memory. */
    CHECK(wasm_memory_size(mem) == 1 && wasm_memory_data_size(mem) == 65536);
    CHECK(wasm_memory_data(mem)[1] == 2);
    wasm_memory_data(mem)[5] = 99;
    CHECK(call_i32(load, 5, 0, &trapped) == 99 && !trapped);
    call_i32(load, 65536, 0, &trapped);
    CHECK(trapped);
    CHECK(wasm_memory_grow(mem, 2) && wasm_memory_size(mem) == 3);
    CHECK(!wasm_memory_grow(mem, 1) && wasm_memory_size(mem) == 3);
    CHECK(wasm_memory_grow(mem, 0));
    CHECK(call_i32(load, 3 * 65536 - 1, 0, &trapped) == 0 && !trapped);
    {
        wasm_memorytype_t *mt = wasm_memory_type(mem);
        CHECK(wasm_memorytype_limits(mt)->min == 3 && wasm_memorytype_limits(mt)->max == 3);
        wasm_memorytype_delete(mt);
        wasm_limits_t lim = {1, wasm_limits_max_default};
        mt = wasm_memorytype_new(&lim);
        wasm_memory_t *m2 = wasm_memory_new(store, mt);
        CHECK(m2 && wasm_memory_size(m2) == 1 && wasm_memory_grow(m2, 1));
        wasm_memorytype_delete(mt);
        wasm_memory_delete(m2);
    }

    /* Table. */
    CHECK(wasm_table_size(tab) == 2);
    {
        wasm_ref_t *r0 = wasm_table_get(tab, 0);
        wasm_ref_t *r1 = wasm_table_get(tab, 1);
        CHECK(r0 == NULL && r1 != NULL);
        CHECK(r1 && wasm_ref_same(r1, wasm_func_as_ref(sq)));
        wasm_ref_delete(r1);
        CHECK(wasm_table_get(tab, 2) == NULL);
        CHECK(call_i32(ci, 6, 1, &trapped) == 36 && !trapped);
        call_i32(ci, 6, 0, &trapped);
        CHECK(trapped);
        CHECK(wasm_table_set(tab, 0, wasm_func_as_ref(sq)));
        CHECK(call_i32(ci, 5, 0, &trapped) == 25 && !trapped);
        CHECK(!wasm_table_set(tab, 2, NULL));
        CHECK(wasm_table_grow(tab, 3, wasm_func_as_ref(sq)) && wasm_table_size(tab) == 5);
        CHECK(call_i32(ci, 4, 4, &trapped) == 16 && !trapped);
        CHECK(!wasm_table_grow(tab, 6, NULL) && wasm_table_size(tab) == 5);
        /* A function of the wrong type in the table traps; a foreign is not a funcref. */
        CHECK(wasm_table_set(tab, 2, wasm_func_as_ref(add)));
        call_i32(ci, 4, 2, &trapped);
        CHECK(trapped);
        wasm_foreign_t *fo = wasm_foreign_new(store);
        CHECK(!wasm_table_set(tab, 2, wasm_foreign_as_ref(fo)));
        wasm_foreign_delete(fo);
        wasm_tabletype_t *tt = wasm_table_type(tab);
        CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_FUNCREF);
        CHECK(wasm_tabletype_limits(tt)->min == 5 && wasm_tabletype_limits(tt)->max == 10);
        wasm_tabletype_delete(tt);
    }

    /* Globals. */
    {
        wasm_val_t v;
        wasm_global_get(counter, &v);
        CHECK(v.kind == WASM_I32 && v.of.i32 == 7);
        wasm_val_t nv = WASM_I32_VAL(8);
        wasm_global_set(counter, &nv);
        wasm_global_get(counter, &v);
        CHECK(v.of.i32 == 8);
        wasm_global_get(pi, &v);
        CHECK(v.kind == WASM_F64 && v.of.f64 == 3.5);
        wasm_val_t f = WASM_F64_VAL(1.0);
        wasm_global_set(pi, &f); /* immutable: ignored, error recorded */
        wasm_global_get(pi, &v);
        CHECK(v.of.f64 == 3.5 && wisp_capi_last_error(store) != NULL);
        wasm_val_t nv64 = WASM_I64_VAL(77);
        wasm_global_set(g, &nv64);
        wasm_val_t rs[1] = {WASM_INIT_VAL};
        wasm_val_vec_t none = WASM_EMPTY_VEC, results = WASM_ARRAY_VEC(rs);
        CHECK(wasm_func_call(get_g, &none, &results) == NULL && rs[0].of.i64 == 77);
        wasm_globaltype_t *t = wasm_global_type(pi);
        CHECK(wasm_globaltype_mutability(t) == WASM_CONST && wasm_valtype_kind(wasm_globaltype_content(t)) == WASM_F64);
        wasm_globaltype_delete(t);
    }

    /* Types of externs. */
    {
        wasm_externtype_t *et = wasm_extern_type(wasm_func_as_extern(call_add));
        const wasm_functype_t *ft = wasm_externtype_as_functype_const(et);
        CHECK(ft && wasm_functype_params(ft)->size == 2 && wasm_functype_results(ft)->size == 1);
        wasm_externtype_delete(et);
        wasm_functype_t *ft2 = wasm_func_type(multi);
        CHECK(wasm_valtype_kind(wasm_functype_results(ft2)->data[0]) == WASM_I64);
        wasm_functype_delete(ft2);
    }

    /* Host info on an instance: finalized with the store. */
    static int inst_finalized;
    inst_finalized = 0;
    wasm_instance_set_host_info_with_finalizer(inst, &inst_finalized, env_finalize_int);
    CHECK(wasm_instance_get_host_info(inst) == &inst_finalized);

    wasm_extern_vec_delete(&ex);
    wasm_instance_delete(inst);
    wasm_module_delete(module);
    wasm_functype_delete(add_t);
    wasm_functype_delete(fail_t);
    wasm_globaltype_delete(gt);
    wasm_func_delete(add);
    wasm_func_delete(fail);
    wasm_global_delete(g);
    CHECK(env.finalized == 0);
    wasm_store_delete(store);
    CHECK(env.finalized == 1);
    CHECK(inst_finalized == 1);
}

/* ---- references: externref round trips keep identity and host info ---- */

static wasm_ref_t *call_r(const wasm_func_t *f, const wasm_val_t *args, size_t nargs) {
    wasm_val_t rs[1] = {WASM_INIT_VAL};
    wasm_val_vec_t a = {nargs, (wasm_val_t *)(uintptr_t)args}, results = WASM_ARRAY_VEC(rs);
    wasm_trap_t *trap = wasm_func_call(f, &a, &results);
    CHECK(trap == NULL);
    if (trap) wasm_trap_delete(trap);
    return rs[0].of.ref;
}

static void test_refs(wasm_engine_t *engine) {
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = compile(store, refs_wasm, sizeof refs_wasm);
    wasm_instance_t *inst = wasm_instance_new(store, module, NULL, NULL);
    CHECK(inst != NULL);
    wasm_extern_vec_t ex;
    wasm_instance_exports(inst, &ex);
    CHECK(ex.size == 9);
    wasm_global_t *r = wasm_extern_as_global(ex.data[0]);
    wasm_table_t *t = wasm_extern_as_table(ex.data[1]);
    wasm_func_t *id = wasm_extern_as_func(ex.data[2]), *set = wasm_extern_as_func(ex.data[3]);
    wasm_func_t *get = wasm_extern_as_func(ex.data[4]), *tset = wasm_extern_as_func(ex.data[5]);
    wasm_func_t *tget = wasm_extern_as_func(ex.data[6]), *f = wasm_extern_as_func(ex.data[7]);
    wasm_func_t *fref = wasm_extern_as_func(ex.data[8]);

    static int fin1, fin2;
    fin1 = fin2 = 0;
    wasm_foreign_t *fo1 = wasm_foreign_new(store), *fo2 = wasm_foreign_new(store);
    wasm_ref_t *h1 = wasm_foreign_as_ref(fo1), *h2 = wasm_foreign_as_ref(fo2);
    wasm_ref_set_host_info_with_finalizer(h1, &fin1, env_finalize_int);
    wasm_foreign_set_host_info_with_finalizer(fo2, &fin2, env_finalize_int);
    CHECK(!wasm_ref_same(h1, h2));
    wasm_ref_t *c1 = wasm_ref_copy(h1);
    CHECK(wasm_ref_same(c1, h1) && wasm_ref_get_host_info(c1) == &fin1);
    wasm_ref_delete(c1);

    wasm_val_t a1 = WASM_REF_VAL(h1);
    wasm_ref_t *back = call_r(id, &a1, 1);
    CHECK(back && wasm_ref_same(back, h1) && wasm_ref_get_host_info(back) == &fin1);
    wasm_ref_delete(back);
    CHECK(call_r(id, (wasm_val_t[]){WASM_REF_VAL(NULL)}, 1) == NULL);

    wasm_val_t a2 = WASM_REF_VAL(h2);
    call_r(set, &a2, 1);
    back = call_r(get, NULL, 0);
    CHECK(back && wasm_ref_same(back, h2));
    wasm_ref_delete(back);
    wasm_val_t gv;
    wasm_global_get(r, &gv);
    CHECK(gv.kind == WASM_EXTERNREF && gv.of.ref && wasm_ref_same(gv.of.ref, h2));
    wasm_val_delete(&gv);
    wasm_val_t gset = WASM_REF_VAL(h1);
    wasm_global_set(r, &gset);
    back = call_r(get, NULL, 0);
    CHECK(back && wasm_ref_same(back, h1));
    wasm_ref_delete(back);

    /* Tables of externref, from both sides. */
    CHECK(wasm_table_set(t, 3, h2));
    wasm_val_t targs[2] = {WASM_I32_VAL(3), WASM_REF_VAL(NULL)};
    back = call_r(tget, targs, 1);
    CHECK(back && wasm_ref_same(back, h2));
    wasm_ref_delete(back);
    targs[0].of.i32 = 1;
    targs[1].of.ref = h1;
    call_r(tset, targs, 2);
    back = wasm_table_get(t, 1);
    CHECK(back && wasm_ref_same(back, h1));
    wasm_ref_delete(back);
    /* Any reference can be an externref: a function, and even a trap (kept alive by the store). */
    CHECK(wasm_table_set(t, 0, wasm_func_as_ref(f)));
    back = wasm_table_get(t, 0);
    CHECK(back && wasm_ref_as_func(back) == f);
    wasm_ref_delete(back);
    wasm_message_t msg;
    wasm_name_new_from_string_nt(&msg, "kept");
    wasm_trap_t *trap = wasm_trap_new(store, &msg);
    wasm_name_delete(&msg);
    CHECK(wasm_table_set(t, 2, wasm_trap_as_ref(trap)));
    wasm_trap_delete(trap);
    back = wasm_table_get(t, 2);
    CHECK(back && wasm_ref_as_trap(back) != NULL);
    if (back) check_message(wasm_ref_as_trap(back), "kept");
    wasm_ref_delete(back);

    /* funcref results are the store's function references. */
    back = call_r(fref, NULL, 0);
    CHECK(back && wasm_ref_as_func(back) == f);
    wasm_val_t fr[1] = {WASM_INIT_VAL};
    wasm_val_vec_t none = WASM_EMPTY_VEC, frv = WASM_ARRAY_VEC(fr);
    CHECK(back && wasm_func_call(wasm_ref_as_func(back), &none, &frv) == NULL && fr[0].of.i32 == 42);
    wasm_ref_delete(back);

    /* The same function seen twice is the same object with the same host info. */
    wasm_func_set_host_info(f, &fin2);
    wasm_extern_vec_t ex2;
    wasm_instance_exports(inst, &ex2);
    CHECK(wasm_func_get_host_info(wasm_extern_as_func(ex2.data[7])) == &fin2);
    CHECK(wasm_extern_same(ex2.data[7], ex.data[7]));
    wasm_extern_vec_delete(&ex2);

    wasm_extern_vec_delete(&ex);
    wasm_foreign_delete(fo1);
    wasm_foreign_delete(fo2);
    wasm_instance_delete(inst);
    wasm_module_delete(module);
    CHECK(fin1 == 0 && fin2 == 0);
    wasm_store_delete(store);
    CHECK(fin1 == 1 && fin2 == 1);
}

/* ---- start traps, bad modules, reflection, serialisation ---- */

static void test_module(wasm_engine_t *engine) {
    wasm_store_t *store = wasm_store_new(engine);

    wasm_module_t *sm = compile(store, start_wasm, sizeof start_wasm);
    wasm_trap_t *trap = NULL;
    CHECK(wasm_instance_new(store, sm, NULL, &trap) == NULL);
    CHECK(trap != NULL);
    if (trap) {
        check_message(trap, "unreachable");
        wasm_frame_t *fr = wasm_trap_origin(trap);
        CHECK(fr && wasm_frame_func_index(fr) == 0 && wasm_frame_instance(fr) != NULL);
        wasm_frame_delete(fr);
        wasm_trap_delete(trap);
    }
    wasm_module_delete(sm);

    /* Invalid and malformed bytes: NULL with a reason. */
    static const unsigned char bad[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x0a};
    wasm_byte_vec_t v = {sizeof bad, (char *)(uintptr_t)bad};
    CHECK(wasm_module_new(store, &v) == NULL);
    CHECK(wisp_capi_last_error(store) != NULL && wisp_capi_last_error_code(store) == WISP_ERR_MALFORMED);
    CHECK(!wasm_module_validate(store, &v));
    wasm_byte_vec_t good = {sizeof kit_wasm, (char *)(uintptr_t)kit_wasm};
    CHECK(wasm_module_validate(store, &good));
    CHECK(wisp_capi_last_error(store) == NULL);

    wasm_module_t *m = compile(store, kit_wasm, sizeof kit_wasm);
    wasm_importtype_vec_t imps;
    wasm_module_imports(m, &imps);
    CHECK(imps.size == 3);
    if (imps.size == 3) {
        const wasm_name_t *mn = wasm_importtype_module(imps.data[0]), *nn = wasm_importtype_name(imps.data[0]);
        CHECK(mn->size == 4 && memcmp(mn->data, "host", 4) == 0 && nn->size == 3 && memcmp(nn->data, "add", 3) == 0);
        CHECK(wasm_externtype_kind(wasm_importtype_type(imps.data[0])) == WASM_EXTERN_FUNC);
        const wasm_globaltype_t *gt = wasm_externtype_as_globaltype_const(wasm_importtype_type(imps.data[2]));
        CHECK(gt && wasm_globaltype_mutability(gt) == WASM_VAR);
        wasm_importtype_t *copy = wasm_importtype_copy(imps.data[1]);
        CHECK(copy && wasm_importtype_name(copy)->size == 4);
        wasm_importtype_delete(copy);
    }
    wasm_importtype_vec_delete(&imps);
    wasm_exporttype_vec_t exps;
    wasm_module_exports(m, &exps);
    CHECK(exps.size == 13);
    if (exps.size == 13) {
        const wasm_memorytype_t *mt = wasm_externtype_as_memorytype_const(wasm_exporttype_type(exps.data[0]));
        CHECK(mt && wasm_memorytype_limits(mt)->min == 1 && wasm_memorytype_limits(mt)->max == 3);
        const wasm_tabletype_t *tt = wasm_externtype_as_tabletype_const(wasm_exporttype_type(exps.data[1]));
        CHECK(tt && wasm_tabletype_limits(tt)->min == 2);
    }
    wasm_exporttype_vec_t exps2;
    wasm_exporttype_vec_copy(&exps2, &exps);
    CHECK(exps2.size == 13);
    wasm_exporttype_vec_delete(&exps2);
    wasm_exporttype_vec_delete(&exps);

    /* Serialise, damage, deserialise. */
    wasm_byte_vec_t ser;
    wasm_module_serialize(m, &ser);
    CHECK(ser.size == sizeof kit_wasm + 32);
    wasm_module_t *m2 = wasm_module_deserialize(store, &ser);
    CHECK(m2 != NULL);
    wasm_exporttype_vec_t e2;
    wasm_module_exports(m2, &e2);
    CHECK(e2.size == 13);
    wasm_exporttype_vec_delete(&e2);
    ser.data[40] ^= 1;
    CHECK(wasm_module_deserialize(store, &ser) == NULL && wisp_capi_last_error(store) != NULL);
    ser.data[40] ^= 1;
    ser.size -= 1;
    CHECK(wasm_module_deserialize(store, &ser) == NULL);
    ser.size += 1;
    CHECK(wasm_module_deserialize(store, &good) == NULL);
    wasm_byte_vec_delete(&ser);
    CHECK(!wasm_module_same(m, m2));
    wasm_module_t *m3 = wasm_module_copy(m);
    CHECK(wasm_module_same(m, m3));
    wasm_module_delete(m3);
    wasm_module_delete(m2);
    wasm_module_delete(m);
    wasm_store_delete(store);
}

/* ---- sharing a module across threads ---- */

struct thread_arg {
    wasm_engine_t *engine;
    const wasm_shared_module_t *shared;
    int result;
};

static wasm_trap_t *thread_hello(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    return NULL;
}

static int thread_main(void *p) {
    struct thread_arg *a = p;
    for (int round = 0; round < 20; round++) {
        wasm_store_t *store = wasm_store_new(a->engine);
        wasm_module_t *m = wasm_module_obtain(store, a->shared);
        wasm_functype_t *t = wasm_functype_new_0_0();
        wasm_func_t *f = wasm_func_new(store, t, thread_hello);
        wasm_functype_delete(t);
        wasm_extern_t *externs[] = {wasm_func_as_extern(f)};
        wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
        wasm_instance_t *inst = m ? wasm_instance_new(store, m, &imports, NULL) : NULL;
        wasm_module_delete(m);
        if (inst) {
            wasm_extern_vec_t ex;
            wasm_instance_exports(inst, &ex);
            wasm_val_vec_t none = WASM_EMPTY_VEC;
            wasm_trap_t *trap = wasm_func_call(wasm_extern_as_func(ex.data[0]), &none, &none);
            if (!trap) a->result++;
            else wasm_trap_delete(trap);
            wasm_extern_vec_delete(&ex);
        }
        wasm_store_delete(store);
    }
    return 0;
}

static void test_threads(wasm_engine_t *engine) {
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *m = compile(store, hello_wasm, sizeof hello_wasm);
    wasm_shared_module_t *shared = wasm_module_share(m);
    wasm_module_delete(m);
    wasm_store_delete(store);
    CHECK(shared != NULL);
    enum { N = 4 };
    thrd_t th[N];
    struct thread_arg args[N];
    for (int i = 0; i < N; i++) {
        args[i] = (struct thread_arg){engine, shared, 0};
        CHECK(thrd_create(&th[i], thread_main, &args[i]) == thrd_success);
    }
    for (int i = 0; i < N; i++) {
        thrd_join(th[i], NULL);
        CHECK(args[i].result == 20);
    }
    /* Another engine gets the module compiled again for it. */
    wasm_engine_t *other = wasm_engine_new_with_config(wasm_config_new());
    wasm_store_t *s2 = wasm_store_new(other);
    wasm_module_t *m2 = wasm_module_obtain(s2, shared);
    CHECK(m2 != NULL);
    wasm_module_delete(m2);
    wasm_store_delete(s2);
    wasm_engine_delete(other);
    wasm_shared_module_delete(shared);
}

/* ---- every allocation failing in turn: no crash, no leak, sizes kept right ---- */

struct counting {
    size_t count, fail_at;
    long long live;
};

static void *counting_alloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
    struct counting *c = ud;
    if (new_size == 0) {
        if (ptr) c->live -= (long long)old_size;
        free(ptr);
        return NULL;
    }
    if (++c->count == c->fail_at) return NULL;
    void *p = realloc(ptr, new_size);
    if (p) c->live += (long long)new_size - (long long)(ptr ? old_size : 0);
    return p;
}

/* One embedding session in which any call may fail; returns whether it ran to the end. */
static bool oom_session(struct counting *c) {
    wasm_config_t *cfg = wasm_config_new();
    if (!cfg) return false;
    wisp_capi_config(cfg)->alloc = counting_alloc;
    wisp_capi_config(cfg)->alloc_ud = c;
    wisp_capi_config(cfg)->value_stack_bytes = 64 * 1024;
    wasm_engine_t *engine = wasm_engine_new_with_config(cfg);
    if (!engine) return false;
    bool done = false;
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = store ? compile_quiet(store, kit_wasm, sizeof kit_wasm) : NULL;
    struct env env = {0, 0};
    wasm_functype_t *add_t =
        wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32());
    wasm_functype_t *fail_t = wasm_functype_new_0_0();
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
    wasm_val_t g0 = WASM_I64_VAL(1);
    wasm_func_t *add = module ? wasm_func_new_with_env(store, add_t, add_cb, &env, env_finalize) : NULL;
    wasm_func_t *fail = add ? wasm_func_new_with_env(store, fail_t, fail_cb, store, NULL) : NULL;
    wasm_global_t *g = fail ? wasm_global_new(store, gt, &g0) : NULL;
    wasm_instance_t *inst = NULL;
    if (g) {
        wasm_extern_t *externs[] = {wasm_func_as_extern(add), wasm_func_as_extern(fail), wasm_global_as_extern(g)};
        wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
        wasm_trap_t *trap = NULL;
        inst = wasm_instance_new(store, module, &imports, &trap);
        if (trap) wasm_trap_delete(trap);
    }
    if (inst) {
        wasm_extern_vec_t ex;
        wasm_instance_exports(inst, &ex);
        if (ex.size == 13) {
            wasm_val_vec_t none = WASM_EMPTY_VEC;
            wasm_val_t rs[1] = {WASM_INIT_VAL};
            wasm_val_vec_t results = WASM_ARRAY_VEC(rs);
            wasm_trap_t *t1 = wasm_func_call(wasm_extern_as_func(ex.data[8]), &none, &results);
            wasm_trap_t *t2 = wasm_func_call(wasm_extern_as_func(ex.data[6]), &none, &none);
            bool trapped;
            int32_t sum = call_i32(wasm_extern_as_func(ex.data[5]), 2, 3, &trapped);
            if (t1) {
                wasm_frame_vec_t trace;
                wasm_trap_trace(t1, &trace);
                wasm_frame_t *origin = wasm_trap_origin(t1);
                if (origin) (void)wasm_frame_instance(origin);
                wasm_frame_delete(origin);
                wasm_frame_vec_delete(&trace);
            }
            wasm_ref_t *r1 = wasm_table_get(wasm_extern_as_table(ex.data[1]), 1);
            wasm_ref_delete(r1);
            wasm_shared_module_t *sh = wasm_module_share(module);
            wasm_module_t *m2 = sh ? wasm_module_obtain(store, sh) : NULL;
            wasm_module_delete(m2);
            wasm_shared_module_delete(sh);
            wasm_byte_vec_t ser;
            wasm_module_serialize(module, &ser);
            wasm_module_t *m3 = wasm_module_deserialize(store, &ser);
            wasm_byte_vec_delete(&ser);
            wasm_module_delete(m3);
            wasm_foreign_t *fo = wasm_foreign_new(store);
            wasm_message_t msg;
            wasm_name_new_from_string_nt(&msg, "x");
            wasm_trap_t *t3 = wasm_trap_new(store, &msg);
            wasm_name_delete(&msg);
            /* A trap as an externref is pinned in the store. */
            wasm_global_t *eg = NULL;
            if (t3) {
                wasm_globaltype_t *egt = wasm_globaltype_new(wasm_valtype_new_externref(), WASM_VAR);
                wasm_val_t ev = WASM_REF_VAL(wasm_trap_as_ref(t3));
                eg = wasm_global_new(store, egt, &ev);
                wasm_globaltype_delete(egt);
            }
            done = t1 && t2 && !trapped && sum == 5 && fo && t3 && eg && m2 && m3;
            wasm_trap_delete(t3);
            wasm_foreign_delete(fo);
            wasm_trap_delete(t1);
            wasm_trap_delete(t2);
        }
        wasm_extern_vec_delete(&ex);
    }
    wasm_instance_delete(inst);
    wasm_func_delete(add);
    wasm_func_delete(fail);
    wasm_global_delete(g);
    wasm_functype_delete(add_t);
    wasm_functype_delete(fail_t);
    wasm_globaltype_delete(gt);
    wasm_module_delete(module);
    wasm_store_delete(store);
    CHECK(!add || env.finalized == 1);
    wasm_engine_delete(engine);
    return done;
}

static void test_oom(void) {
    struct counting c = {0, 0, 0};
    CHECK(oom_session(&c)); /* counts the allocations of a full session */
    CHECK(c.live == 0);
    size_t total = c.count;
    CHECK(total > 20);
    for (size_t n = 1; n <= total; n++) {
        struct counting f = {0, n, 0};
        /* Some failures are absorbed by design (a trap made when out of memory is the store's
         * out-of-memory trap; a lost frame list). What must hold: no crash, nothing leaked. */
        (void)oom_session(&f);
        CHECK(f.live == 0);
        if (f.live != 0) fprintf(stderr, "failing allocation %zu of %zu: %lld bytes left\n", n, total, f.live);
    }
}

/* ---- vectors and types ---- */

static void test_types(void) {
    wasm_valtype_t *ps[2] = {wasm_valtype_new_i32(), wasm_valtype_new_externref()};
    wasm_valtype_vec_t params, results;
    wasm_valtype_vec_new(&params, 2, ps);
    wasm_valtype_vec_new_empty(&results);
    wasm_functype_t *ft = wasm_functype_new(&params, &results);
    wasm_functype_t *copy = wasm_functype_copy(ft);
    CHECK(wasm_functype_params(copy)->size == 2 && wasm_valtype_kind(wasm_functype_params(copy)->data[1]) == WASM_ANYREF);
    CHECK(wasm_valtype_is_ref(wasm_functype_params(copy)->data[1]) && wasm_valtype_is_num(wasm_functype_params(copy)->data[0]));
    wasm_externtype_t *et = wasm_functype_as_externtype(copy);
    CHECK(wasm_externtype_kind(et) == WASM_EXTERN_FUNC && wasm_externtype_as_functype(et) == copy);
    CHECK(wasm_externtype_as_globaltype(et) == NULL);
    wasm_externtype_t *ec = wasm_externtype_copy(et);
    wasm_externtype_vec_t ev;
    wasm_externtype_vec_new(&ev, 1, &ec);
    wasm_externtype_vec_t ev2;
    wasm_externtype_vec_copy(&ev2, &ev);
    wasm_externtype_vec_delete(&ev);
    wasm_externtype_vec_delete(&ev2);
    wasm_functype_delete(ft);
    wasm_externtype_delete(et);
    CHECK(wasm_valtype_new(77) == NULL);

    wasm_name_t n;
    wasm_name_new_from_string(&n, "abc");
    CHECK(n.size == 3);
    wasm_name_t n2;
    wasm_name_copy(&n2, &n);
    CHECK(n2.size == 3 && memcmp(n2.data, "abc", 3) == 0);
    wasm_name_delete(&n);
    wasm_name_delete(&n2);

    wasm_val_t vals[2] = {WASM_I64_VAL(5), WASM_F32_VAL(2.5f)};
    wasm_val_vec_t vv, vv2;
    wasm_val_vec_new(&vv, 2, vals);
    wasm_val_vec_copy(&vv2, &vv);
    CHECK(vv2.size == 2 && vv2.data[1].of.f32 == 2.5f);
    wasm_val_vec_delete(&vv);
    wasm_val_vec_delete(&vv2);
    wasm_val_t pv;
    wasm_val_init_ptr(&pv, &n);
    CHECK(wasm_val_ptr(&pv) == &n);
}

int main(void) {
    wasm_engine_t *engine = wasm_engine_new();
    CHECK(engine != NULL);
    test_hello(engine);
    test_kit(engine);
    test_refs(engine);
    test_module(engine);
    test_threads(engine);
    test_types();
    test_oom();
    wasm_engine_delete(engine);
    CHECK_DONE();
}
