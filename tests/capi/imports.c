/* capi_imports: imports of every kind made by the host (function, mutable global, table, memory)
 * are shared with wasm: growth and writes on either side are seen on the other, including
 * wasm_memory_grow and wasm_table_grow from the host. Every kind of mistyped import (wrong kind,
 * wrong function type, wrong global type or mutability, too small or unbounded table or memory,
 * wrong table element type, too few imports, a NULL entry) makes wasm_instance_new fail cleanly,
 * returning NULL and a trap that says why, with the store still usable afterwards. The wisp
 * extension (wasm_wisp.h) classifies the failure as unlinkable; it also tells a malformed module
 * from an invalid one, which wasm_module_new and wasm_module_validate cannot. */
#include <string.h>

#include "capi_test.h"
#include "wasm_wisp.h"

static wasm_trap_t *plus_one(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    results->data[0] = (wasm_val_t)WASM_I32_VAL(args->data[0].of.i32 + 1);
    return NULL;
}

static wasm_trap_t *never_called(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    CHECK(!"a mistyped import must never be called");
    return NULL;
}

struct objects {
    wasm_func_t *f;
    wasm_global_t *g;
    wasm_table_t *t;
    wasm_memory_t *m;
};

static wasm_func_t *make_func(wasm_store_t *store, wasm_functype_t *type, wasm_func_callback_t cb) {
    wasm_func_t *f = wasm_func_new(store, type, cb);
    wasm_functype_delete(type);
    CHECK(f != NULL);
    return f;
}

static wasm_global_t *make_global(wasm_store_t *store, wasm_valkind_t kind, wasm_mutability_t mut) {
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new(kind), mut);
    wasm_val_t v;
    memset(&v, 0, sizeof v);
    v.kind = kind;
    wasm_global_t *g = wasm_global_new(store, gt, &v);
    wasm_globaltype_delete(gt);
    CHECK(g != NULL);
    return g;
}

static wasm_table_t *make_table(wasm_store_t *store, wasm_valkind_t elem, uint32_t min, uint32_t max) {
    wasm_limits_t lim = {min, max};
    wasm_tabletype_t *tt = wasm_tabletype_new(wasm_valtype_new(elem), &lim);
    wasm_table_t *t = wasm_table_new(store, tt, NULL);
    wasm_tabletype_delete(tt);
    CHECK(t != NULL);
    return t;
}

static wasm_memory_t *make_memory(wasm_store_t *store, uint32_t min, uint32_t max) {
    wasm_limits_t lim = {min, max};
    wasm_memorytype_t *mt = wasm_memorytype_new(&lim);
    wasm_memory_t *m = wasm_memory_new(store, mt);
    wasm_memorytype_delete(mt);
    CHECK(m != NULL);
    return m;
}

static void make_good(wasm_store_t *store, struct objects *o) {
    o->f = make_func(store, wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32()), plus_one);
    o->g = make_global(store, WASM_I32, WASM_VAR);
    o->t = make_table(store, WASM_FUNCREF, 2, 10);
    o->m = make_memory(store, 1, 4);
}

/* Instantiation with these four externs (n of them) must fail without a crash. */
static void expect_failure(wasm_store_t *store, const wasm_module_t *module, wasm_extern_t *a, wasm_extern_t *b,
                           wasm_extern_t *c, wasm_extern_t *d, size_t n, const char *what) {
    wasm_extern_t *externs[4] = {a, b, c, d};
    wasm_extern_vec_t imports = {n, externs};
    wasm_trap_t *trap = NULL;
    wasm_instance_t *inst = wasm_instance_new(store, module, &imports, &trap);
    if (inst) {
        fprintf(stderr, "instantiation with %s succeeded\n", what);
        wasm_instance_delete(inst);
    }
    CHECK(inst == NULL);
    CHECK(trap != NULL);
    char *s = capi_trap_text(trap);
    enum wisp_error_code code = wisp_capi_last_error_code(store);
    printf("  %s: %s (error code %d)\n", what, s, (int)code);
    CHECK(s[0] != '\0');
    free(s);
    wasm_trap_delete(trap);
    CHECK(code == WISP_ERR_UNLINKABLE || code == WISP_ERR_ARGUMENT);
    CHECK(wisp_capi_last_error(store) != NULL);
}

/* Bytes that are not a module, or not a valid one: NULL / false, and the extension says which. */
static void bad_modules(wasm_store_t *store) {
    static const char not_wasm[] = "\0asn\1\0\0\0";
    /* (module (func (result i32))): the body leaves nothing on the stack. */
    static const char invalid[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60,
                                   0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
    wasm_byte_vec_t b;
    wasm_byte_vec_new(&b, sizeof not_wasm - 1, not_wasm);
    CHECK(!wasm_module_validate(store, &b));
    CHECK(wisp_capi_last_error_code(store) == WISP_ERR_MALFORMED);
    CHECK(wasm_module_new(store, &b) == NULL);
    CHECK(wisp_capi_last_error_code(store) == WISP_ERR_MALFORMED);
    printf("  malformed: %s\n", wisp_capi_last_error(store));
    wasm_byte_vec_delete(&b);
    wasm_byte_vec_new(&b, sizeof invalid, invalid);
    CHECK(!wasm_module_validate(store, &b));
    CHECK(wisp_capi_last_error_code(store) == WISP_ERR_INVALID);
    CHECK(wasm_module_new(store, &b) == NULL);
    CHECK(wisp_capi_last_error_code(store) == WISP_ERR_INVALID);
    printf("  invalid: %s\n", wisp_capi_last_error(store));
    wasm_byte_vec_delete(&b);
    wasm_byte_vec_new_empty(&b);
    CHECK(!wasm_module_validate(store, &b));
    CHECK(wasm_module_new(store, &b) == NULL);
    wasm_byte_vec_delete(&b);
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "imports");

    printf("bad modules:\n");
    bad_modules(store);

    struct objects good;
    make_good(store, &good);
#define F(x) wasm_func_as_extern(x)
#define G(x) wasm_global_as_extern(x)
#define T(x) wasm_table_as_extern(x)
#define M(x) wasm_memory_as_extern(x)

    /* Mistyped imports, each in one position with the others right. */
    printf("mistyped imports:\n");
    const uint32_t nomax = wasm_limits_max_default;
    struct objects bad;
    bad.f = make_func(store, wasm_functype_new_1_1(wasm_valtype_new_i64(), wasm_valtype_new_i32()), never_called);
    expect_failure(store, module, F(bad.f), G(good.g), T(good.t), M(good.m), 4, "func (i64)->i32 for (i32)->i32");
    wasm_func_delete(bad.f);
    bad.f = make_func(store, wasm_functype_new_1_0(wasm_valtype_new_i32()), never_called);
    expect_failure(store, module, F(bad.f), G(good.g), T(good.t), M(good.m), 4, "func (i32)->() for (i32)->i32");
    wasm_func_delete(bad.f);
    bad.f = make_func(store, wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(),
                                                   wasm_valtype_new_i32()),
                      never_called);
    expect_failure(store, module, F(bad.f), G(good.g), T(good.t), M(good.m), 4, "func (i32,i32)->i32");
    wasm_func_delete(bad.f);

    bad.g = make_global(store, WASM_I32, WASM_CONST);
    expect_failure(store, module, F(good.f), G(bad.g), T(good.t), M(good.m), 4, "const i32 global for mut i32");
    wasm_global_delete(bad.g);
    bad.g = make_global(store, WASM_I64, WASM_VAR);
    expect_failure(store, module, F(good.f), G(bad.g), T(good.t), M(good.m), 4, "mut i64 global for mut i32");
    wasm_global_delete(bad.g);
    bad.g = make_global(store, WASM_F32, WASM_VAR);
    expect_failure(store, module, F(good.f), G(bad.g), T(good.t), M(good.m), 4, "mut f32 global for mut i32");
    wasm_global_delete(bad.g);

    bad.t = make_table(store, WASM_FUNCREF, 1, 10);
    expect_failure(store, module, F(good.f), G(good.g), T(bad.t), M(good.m), 4, "table min 1 for min 2");
    wasm_table_delete(bad.t);
    bad.t = make_table(store, WASM_FUNCREF, 2, nomax);
    expect_failure(store, module, F(good.f), G(good.g), T(bad.t), M(good.m), 4, "unbounded table for max 10");
    wasm_table_delete(bad.t);
    bad.t = make_table(store, WASM_FUNCREF, 2, 11);
    expect_failure(store, module, F(good.f), G(good.g), T(bad.t), M(good.m), 4, "table max 11 for max 10");
    wasm_table_delete(bad.t);
    bad.t = make_table(store, WASM_ANYREF, 2, 10);
    expect_failure(store, module, F(good.f), G(good.g), T(bad.t), M(good.m), 4, "externref table for funcref");
    wasm_table_delete(bad.t);

    bad.m = make_memory(store, 0, 4);
    expect_failure(store, module, F(good.f), G(good.g), T(good.t), M(bad.m), 4, "memory min 0 for min 1");
    wasm_memory_delete(bad.m);
    bad.m = make_memory(store, 1, nomax);
    expect_failure(store, module, F(good.f), G(good.g), T(good.t), M(bad.m), 4, "unbounded memory for max 4");
    wasm_memory_delete(bad.m);
    bad.m = make_memory(store, 1, 5);
    expect_failure(store, module, F(good.f), G(good.g), T(good.t), M(bad.m), 4, "memory max 5 for max 4");
    wasm_memory_delete(bad.m);

    /* Wrong kinds. */
    expect_failure(store, module, G(good.g), G(good.g), T(good.t), M(good.m), 4, "global for func");
    expect_failure(store, module, F(good.f), F(good.f), T(good.t), M(good.m), 4, "func for global");
    expect_failure(store, module, F(good.f), G(good.g), M(good.m), M(good.m), 4, "memory for table");
    expect_failure(store, module, F(good.f), G(good.g), T(good.t), T(good.t), 4, "table for memory");
    expect_failure(store, module, M(good.m), T(good.t), G(good.g), F(good.f), 4, "all reversed");

    /* Wrong counts and missing entries. */
    expect_failure(store, module, F(good.f), G(good.g), T(good.t), M(good.m), 3, "3 of 4 imports");
    expect_failure(store, module, NULL, NULL, NULL, NULL, 0, "no imports");
    expect_failure(store, module, F(good.f), NULL, T(good.t), M(good.m), 4, "a NULL import");

    /* After all that, the right imports work, and the objects are shared with wasm. */
    wasm_extern_t *externs[] = {F(good.f), G(good.g), T(good.t), M(good.m)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);
    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
#define FN(name) capi_export_func(module, &exports, name)
    int32_t x = 41;
    CHECK(capi_call_i32(FN("call_f"), 1, &x) == 42);

    /* Global. */
    wasm_val_t v = WASM_I32_VAL(7);
    wasm_global_set(good.g, &v);
    CHECK(capi_call_i32(FN("get_g"), 0, NULL) == 7);
    x = -3;
    CHECK(capi_call_i32_v(FN("set_g"), 1, &x) == NULL);
    wasm_global_get(good.g, &v);
    CHECK(v.kind == WASM_I32 && v.of.i32 == -3);

    /* Table: the element segment wrote into the host's table; growth from both sides. */
    wasm_ref_t *r0 = wasm_table_get(good.t, 0);
    CHECK(r0 != NULL && wasm_ref_as_func(r0) != NULL);
    CHECK(capi_call_i32(wasm_ref_as_func(r0), 1, (int32_t[]){21}) == 42);
    wasm_ref_delete(r0);
    CHECK(capi_call_i32(FN("call_t"), 2, (int32_t[]){5, 0}) == 10);
    CHECK(wasm_table_set(good.t, 1, wasm_func_as_ref(good.f)));
    CHECK(capi_call_i32(FN("call_t"), 2, (int32_t[]){5, 1}) == 6);
    CHECK(capi_call_i32(FN("table_size"), 0, NULL) == 2);
    CHECK(wasm_table_grow(good.t, 3, wasm_func_as_ref(good.f)));
    CHECK(capi_call_i32(FN("table_size"), 0, NULL) == 5);
    CHECK(capi_call_i32(FN("call_t"), 2, (int32_t[]){1, 4}) == 2);
    CHECK(capi_call_i32(FN("table_grow"), 1, (int32_t[]){5}) == 5);
    CHECK(wasm_table_size(good.t) == 10);
    CHECK(wasm_table_get(good.t, 9) == NULL);
    CHECK(capi_call_i32(FN("table_grow"), 1, (int32_t[]){1}) == -1);
    CHECK(!wasm_table_grow(good.t, 1, NULL));

    /* Memory: host writes, wasm reads; growth from both sides up to the maximum of 4 pages. */
    CHECK(wasm_memory_size(good.m) == 1 && capi_call_i32(FN("mem_size"), 0, NULL) == 1);
    memcpy(wasm_memory_data(good.m) + 100, "\x78\x56\x34\x12", 4);
    CHECK(capi_call_i32(FN("load"), 1, (int32_t[]){100}) == 0x12345678);
    CHECK(wasm_memory_grow(good.m, 1));
    CHECK(capi_call_i32(FN("mem_size"), 0, NULL) == 2);
    CHECK(capi_call_i32_v(FN("store"), 2, (int32_t[]){0x1fffc, 99}) == NULL);
    CHECK(wasm_memory_data(good.m)[0x1fffc] == 99);
    CHECK(capi_call_i32(FN("mem_grow"), 1, (int32_t[]){2}) == 2);
    CHECK(wasm_memory_size(good.m) == 4 && wasm_memory_data_size(good.m) == 4 * MEMORY_PAGE_SIZE);
    CHECK(wasm_memory_data(good.m)[100] == 0x78);
    CHECK(!wasm_memory_grow(good.m, 1));
    CHECK(capi_call_i32(FN("mem_grow"), 1, (int32_t[]){1}) == -1);
    CHECK(capi_call_i32(FN("load"), 1, (int32_t[]){4 * 65536 - 4}) == 0);

    /* A second instance over the same objects sees the same state. */
    wasm_instance_t *instance2 = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance2 != NULL);
    wasm_extern_vec_t exports2;
    wasm_instance_exports(instance2, &exports2);
    CHECK(capi_call_i32(capi_export_func(module, &exports2, "get_g"), 0, NULL) == -3);
    CHECK(capi_call_i32(capi_export_func(module, &exports2, "mem_size"), 0, NULL) == 4);
    wasm_extern_vec_delete(&exports2);
    wasm_instance_delete(instance2);

    wasm_extern_vec_delete(&exports);
    wasm_instance_delete(instance);
    wasm_func_delete(good.f);
    wasm_global_delete(good.g);
    wasm_table_delete(good.t);
    wasm_memory_delete(good.m);
    wasm_module_delete(module);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_imports: ok\n");
    return 0;
}
