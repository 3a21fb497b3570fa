/* Unit tests of the runtime: engine and store lifecycle, memories, tables, globals, host
 * functions, instantiation of hand-built modules (imports, segments, start), the linker, and
 * out-of-memory at every allocation. End-to-end tests from wasm bytes are in runtime_e2e.c. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decode/module.h"
#include "runtime/runtime.h"
#include "wisp.h"

/* ---- a counting allocator that can fail the Nth allocation ---- */

struct test_alloc {
    long long live;    /* bytes outstanding, computed from the sizes the engine passes */
    long count;        /* allocations (and growing reallocs) so far */
    long fail_at;      /* fail the allocation with this number; -1: never */
    bool failed;       /* a failure was injected */
    bool size_mismatch;
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

static struct wisp_engine *test_engine(struct test_alloc *ta) {
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.alloc = test_alloc_fn;
    cfg.alloc_ud = ta;
    return wisp_engine_new(&cfg);
}

static struct wisp_value v_i32(int32_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I32;
    v.of.i32 = x;
    return v;
}

static struct wisp_value v_i64(int64_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I64;
    v.of.i64 = x;
    return v;
}

static struct wisp_value v_ref(uint8_t type, void *p) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = type;
    if (type == WISP_FUNCREF)
        v.of.funcref = p;
    else
        v.of.externref = p;
    return v;
}

/* ---- host functions used by the tests ---- */

struct host_env {
    int calls;
    int finalized;
    bool trap;
    bool exit;
};

static struct wisp_result h_add(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                struct wisp_value *results) {
    struct host_env *e = env;
    e->calls++;
    if (e->trap) return wisp_trap_new(wisp_caller_store(caller), "host says no");
    if (e->exit) return wisp_exit_new(7);
    results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
    return wisp_ok();
}

static struct wisp_result h_start(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                  struct wisp_value *results) {
    (void)args;
    (void)results;
    struct host_env *e = env;
    e->calls++;
    /* A start function sees its instance as the caller: check the memory is there. */
    struct wisp_memory *mem = wisp_caller_memory(caller);
    if (mem && wisp_memory_size(mem) > 16) wisp_memory_data(mem)[0] = 'S';
    if (e->trap) return wisp_trap_new(wisp_caller_store(caller), "start failed");
    return wisp_ok();
}

static void h_final(void *env) { ((struct host_env *)env)->finalized++; }

static const uint8_t t_i32i32_i32[] = {WISP_I32, WISP_I32, WISP_I32};
static const struct wisp_functype ft_add = {2, 1, t_i32i32_i32, t_i32i32_i32 + 2};
static const struct wisp_functype ft_void = {0, 0, NULL, NULL};

/* ---- engine, store ---- */

static void test_engine_config(void) {
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    CHECK(cfg.size == sizeof cfg);
    CHECK(cfg.max_call_depth == 10000);
    CHECK(cfg.value_stack_bytes == 8u << 20);
    CHECK(cfg.max_memory_bytes == 4ull << 30);
    CHECK(cfg.max_table_elems == 10000000u);
    CHECK(cfg.alloc == NULL);

    struct wisp_engine *e = wisp_engine_new(NULL);
    CHECK(e != NULL);
    wisp_engine_free(e);

    struct wisp_config bad = cfg;
    bad.size = sizeof cfg + 8;
    CHECK(wisp_engine_new(&bad) == NULL);
    bad.size = 4;
    CHECK(wisp_engine_new(&bad) == NULL);
    bad = cfg;
    bad.max_call_depth = 0;
    CHECK(wisp_engine_new(&bad) == NULL);
    bad = cfg;
    bad.value_stack_bytes = 16;
    CHECK(wisp_engine_new(&bad) == NULL);

    /* An older, shorter config gets defaults for the fields it lacks. */
    struct wisp_config old = cfg;
    old.size = offsetof(struct wisp_config, max_call_depth);
    old.max_call_depth = 0;
    e = wisp_engine_new(&old);
    CHECK(e != NULL);
    if (e) CHECK(e->cfg.max_call_depth == 10000);
    wisp_engine_free(e);

    struct test_alloc ta = {0, 0, -1, false, false};
    e = test_engine(&ta);
    CHECK(e != NULL);
    struct wisp_store *s = wisp_store_new(e);
    CHECK(s != NULL);
    CHECK(ta.live > 0);
    wisp_store_free(s);
    wisp_engine_free(e);
    CHECK(ta.live == 0);
}

/* ---- memories ---- */

static void test_memory(void) {
    struct test_alloc ta = {0, 0, -1, false, false};
    struct wisp_engine *e = test_engine(&ta);
    struct wisp_store *s = wisp_store_new(e);

    struct wisp_memtype mt = {{1, 3, true}};
    struct wisp_memory *m = wisp_memory_new(s, &mt);
    CHECK(m != NULL);
    CHECK(wisp_memory_size(m) == 65536);
    CHECK(wisp_memory_pages(m) == 1);
    uint8_t *d = wisp_memory_data(m);
    CHECK(d[0] == 0 && d[65535] == 0);

    uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8}, back[8] = {0};
    struct wisp_result r = wisp_memory_write(m, 65528, buf, 8);
    CHECK(r.kind == WISP_OK);
    r = wisp_memory_read(m, 65528, back, 8);
    CHECK(r.kind == WISP_OK && memcmp(buf, back, 8) == 0);
    r = wisp_memory_write(m, 65529, buf, 8);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT && r.message);
    wisp_result_free(&r);
    r = wisp_memory_read(m, UINT64_MAX - 2, back, 8);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);
    r = wisp_memory_read(m, 65536, back, 0);
    CHECK(r.kind == WISP_OK);

    uint64_t old = 99;
    r = wisp_memory_grow(m, 0, &old);
    CHECK(r.kind == WISP_OK && old == 1);
    r = wisp_memory_grow(m, 1, &old);
    CHECK(r.kind == WISP_OK && old == 1 && wisp_memory_pages(m) == 2);
    CHECK(wisp_memory_data(m) == d); /* never moves */
    CHECK(d[65536] == 0 && d[2 * 65536 - 1] == 0);
    d[2 * 65536 - 1] = 9;
    r = wisp_memory_grow(m, 2, &old);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_LIMIT);
    wisp_result_free(&r);
    CHECK(rt_memory_grow(m, 2) == -1);
    CHECK(rt_memory_grow(m, UINT64_MAX) == -1);
    CHECK(rt_memory_grow(m, 1) == 2);
    CHECK(rt_memory_grow(m, 1) == -1);
    struct wisp_memtype got;
    wisp_memory_type(m, &got);
    CHECK(got.limits.min == 3 && got.limits.has_max && got.limits.max == 3);

    /* Bad types. */
    struct wisp_memtype bad = {{2, 1, true}};
    CHECK(wisp_memory_new(s, &bad) == NULL);
    bad.limits = (struct wisp_limits){65537, 0, false};
    CHECK(wisp_memory_new(s, &bad) == NULL);

    /* Empty memory, no maximum: grows up to the cap; data is never NULL. */
    struct wisp_memtype empty = {{0, 0, false}};
    struct wisp_memory *m0 = wisp_memory_new(s, &empty);
    CHECK(m0 && wisp_memory_data(m0) != NULL && wisp_memory_size(m0) == 0);
    r = wisp_memory_read(m0, 0, back, 1);
    CHECK(r.kind == WISP_ERROR);
    wisp_result_free(&r);
    CHECK(rt_memory_grow(m0, 65537) == -1);
    CHECK(rt_memory_grow(m0, 2) == 0);
    CHECK(wisp_memory_pages(m0) == 2);

    /* A full 4 GiB memory. */
    struct wisp_memtype big = {{65536, 65536, true}};
    struct wisp_memory *mb = wisp_memory_new(s, &big);
    CHECK(mb != NULL);
    if (mb) {
        CHECK(wisp_memory_size(mb) == 4ull << 30);
        uint8_t x = 0x5a;
        r = wisp_memory_write(mb, (4ull << 30) - 1, &x, 1);
        CHECK(r.kind == WISP_OK);
        CHECK(wisp_memory_data(mb)[(4ull << 30) - 1] == 0x5a);
        CHECK(rt_memory_grow(mb, 1) == -1);
        CHECK(rt_memory_grow(mb, 0) == 65536);
    }
    wisp_store_free(s);
    wisp_engine_free(e);
    CHECK(ta.live == 0);

    /* The configured cap. */
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.max_memory_bytes = 1u << 20; /* 16 pages */
    e = wisp_engine_new(&cfg);
    s = wisp_store_new(e);
    struct wisp_memtype t17 = {{17, 0, false}}, t1 = {{1, 0, false}};
    CHECK(wisp_memory_new(s, &t17) == NULL);
    m = wisp_memory_new(s, &t1);
    CHECK(m && rt_memory_grow(m, 15) == 1 && rt_memory_grow(m, 1) == -1 && wisp_memory_pages(m) == 16);
    wisp_store_free(s);
    wisp_engine_free(e);
}

/* ---- tables ---- */

static void test_table(void) {
    struct test_alloc ta = {0, 0, -1, false, false};
    struct wisp_engine *e = test_engine(&ta);
    struct wisp_store *s = wisp_store_new(e);
    struct host_env env = {0};
    struct wisp_func *f = wisp_func_new(s, &ft_add, h_add, &env, NULL);

    struct wisp_tabletype tt = {WISP_FUNCREF, {2, 10, true}};
    struct wisp_table *t = wisp_table_new(s, &tt, v_ref(WISP_FUNCREF, f));
    CHECK(t && wisp_table_size(t) == 2);
    struct wisp_value v;
    struct wisp_result r = wisp_table_get(t, 1, &v);
    CHECK(r.kind == WISP_OK && v.type == WISP_FUNCREF && v.of.funcref == f);
    r = wisp_table_get(t, 2, &v);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);
    r = wisp_table_set(t, 0, v_ref(WISP_FUNCREF, NULL));
    CHECK(r.kind == WISP_OK);
    r = wisp_table_set(t, 0, v_ref(WISP_EXTERNREF, &env));
    CHECK(r.kind == WISP_ERROR);
    wisp_result_free(&r);
    r = wisp_table_set(t, 0, v_i32(1));
    CHECK(r.kind == WISP_ERROR);
    wisp_result_free(&r);
    uint64_t old = 0;
    r = wisp_table_grow(t, 3, v_ref(WISP_FUNCREF, f), &old);
    CHECK(r.kind == WISP_OK && old == 2 && wisp_table_size(t) == 5);
    r = wisp_table_get(t, 4, &v);
    CHECK(r.kind == WISP_OK && v.of.funcref == f);
    r = wisp_table_get(t, 0, &v);
    CHECK(r.kind == WISP_OK && v.of.funcref == NULL);
    for (int i = 0; i < 5; i++) CHECK(rt_table_grow(t, 1, 0) == 5 + i);
    CHECK(rt_table_grow(t, 1, 0) == -1);
    CHECK(rt_table_grow(t, 0, 0) == 10);
    r = wisp_table_grow(t, 1, v_ref(WISP_FUNCREF, NULL), &old);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_LIMIT);
    wisp_result_free(&r);
    struct wisp_tabletype got;
    wisp_table_type(t, &got);
    CHECK(got.elem_type == WISP_FUNCREF && got.limits.min == 10 && got.limits.max == 10);

    struct wisp_tabletype et = {WISP_EXTERNREF, {0, 0, false}};
    struct wisp_table *x = wisp_table_new(s, &et, v_ref(WISP_EXTERNREF, NULL));
    CHECK(x && wisp_table_size(x) == 0);
    CHECK(rt_table_grow(x, 1000, (uintptr_t)&env) == 0);
    r = wisp_table_get(x, 999, &v);
    CHECK(r.kind == WISP_OK && v.type == WISP_EXTERNREF && v.of.externref == &env);
    CHECK(wisp_table_new(s, &et, v_ref(WISP_FUNCREF, NULL)) == NULL);
    struct wisp_tabletype bt = {WISP_I32, {0, 0, false}};
    CHECK(wisp_table_new(s, &bt, v_i32(0)) == NULL);
    wisp_store_free(s);
    wisp_engine_free(e);
    CHECK(ta.live == 0);

    /* The configured cap. */
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.max_table_elems = 100;
    e = wisp_engine_new(&cfg);
    s = wisp_store_new(e);
    struct wisp_tabletype t101 = {WISP_FUNCREF, {101, 0, false}}, t0 = {WISP_FUNCREF, {0, 0, false}};
    CHECK(wisp_table_new(s, &t101, v_ref(WISP_FUNCREF, NULL)) == NULL);
    t = wisp_table_new(s, &t0, v_ref(WISP_FUNCREF, NULL));
    CHECK(t && rt_table_grow(t, 101, 0) == -1 && rt_table_grow(t, 100, 0) == 0);
    wisp_store_free(s);
    wisp_engine_free(e);
}

/* ---- globals ---- */

static void test_global(void) {
    struct wisp_engine *e = wisp_engine_new(NULL);
    struct wisp_store *s = wisp_store_new(e);
    struct wisp_globaltype gt = {WISP_I64, true};
    struct wisp_global *g = wisp_global_new(s, &gt, v_i64(-5));
    CHECK(g != NULL);
    struct wisp_value v = wisp_global_get(g);
    CHECK(v.type == WISP_I64 && v.of.i64 == -5);
    struct wisp_result r = wisp_global_set(g, v_i64(1ll << 40));
    CHECK(r.kind == WISP_OK && wisp_global_get(g).of.i64 == 1ll << 40);
    r = wisp_global_set(g, v_i32(1));
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT && r.message);
    wisp_result_free(&r);
    CHECK(wisp_global_new(s, &gt, v_i32(1)) == NULL);

    struct wisp_globaltype ct = {WISP_I32, false};
    struct wisp_global *c = wisp_global_new(s, &ct, v_i32(-1));
    CHECK(c && wisp_global_get(c).of.i32 == -1 && c->val[0] == 0xffffffffu);
    r = wisp_global_set(c, v_i32(2));
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);
    struct wisp_globaltype got;
    wisp_global_type(c, &got);
    CHECK(got.type == WISP_I32 && !got.mutable_);

    struct wisp_globaltype vt = {WISP_V128, false};
    struct wisp_value vv;
    memset(&vv, 0, sizeof vv);
    vv.type = WISP_V128;
    for (int i = 0; i < 16; i++) vv.of.v128[i] = (uint8_t)(i * 17);
    struct wisp_global *gv = wisp_global_new(s, &vt, vv);
    CHECK(gv && memcmp(wisp_global_get(gv).of.v128, vv.of.v128, 16) == 0);
    wisp_store_free(s);
    wisp_engine_free(e);
}

/* ---- host functions ---- */

static void test_host_func(void) {
    struct test_alloc ta = {0, 0, -1, false, false};
    struct wisp_engine *e = test_engine(&ta);
    struct wisp_store *s = wisp_store_new(e);
    struct host_env env = {0};
    struct wisp_func *f = wisp_func_new(s, &ft_add, h_add, &env, h_final);
    CHECK(f != NULL);
    const struct wisp_functype *ft = wisp_func_type(f);
    CHECK(ft->param_count == 2 && ft->result_count == 1 && ft->params[1] == WISP_I32 && ft->results[0] == WISP_I32);
    CHECK(ft->params != ft_add.params); /* copied */

    struct wisp_value args[2] = {v_i32(40), v_i32(2)}, res[1];
    struct wisp_result r = wisp_func_call(s, f, args, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].type == WISP_I32 && res[0].of.i32 == 42 && env.calls == 1);
    r = wisp_func_call(s, f, args, 1, res, 1);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT && r.message);
    wisp_result_free(&r);
    args[1] = v_i64(2);
    r = wisp_func_call(s, f, args, 2, res, 1);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT && r.message && strstr(r.message, "i64"));
    wisp_result_free(&r);
    args[1] = v_i32(2);
    env.trap = true;
    r = wisp_func_call(s, f, args, 2, res, 1);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_HOST && r.message && strcmp(r.message, "host says no") == 0);
    wisp_result_free(&r);
    env.trap = false;
    env.exit = true;
    r = wisp_func_call(s, f, args, 2, res, 1);
    CHECK(r.kind == WISP_EXIT && r.exit_code == 7);
    env.exit = false;

    /* Many parameters go through the allocating path. */
    uint8_t many[20];
    for (int i = 0; i < 20; i++) many[i] = WISP_I32;
    struct wisp_functype ft20 = {19, 1, many, many + 19};
    struct wisp_func *f20 = wisp_func_new(s, &ft20, h_add, &env, NULL);
    struct wisp_value a20[19];
    for (int i = 0; i < 19; i++) a20[i] = v_i32(i + 1);
    r = wisp_func_call(s, f20, a20, 19, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 3);

    /* Bad types. */
    uint8_t badt[1] = {0x40};
    struct wisp_functype fbad = {1, 0, badt, NULL};
    CHECK(wisp_func_new(s, &fbad, h_add, NULL, NULL) == NULL);

    /* Slot conversions. */
    uint64_t slots[2];
    struct wisp_value fv;
    memset(&fv, 0, sizeof fv);
    fv.type = WISP_F32;
    fv.of.f32_bits = 0x7fc00001u;
    rt_value_to_slots(&fv, slots);
    CHECK(slots[0] == 0x7fc00001u);
    CHECK(rt_slots_to_value(WISP_F32, slots).of.f32_bits == 0x7fc00001u);
    rt_value_to_slots(&args[0], slots);
    CHECK(slots[0] == 40);
    struct wisp_value neg = v_i32(-1);
    rt_value_to_slots(&neg, slots);
    CHECK(slots[0] == 0xffffffffu);
    CHECK(rt_slots_to_value(WISP_I32, slots).of.i32 == -1);

    wisp_store_free(s);
    CHECK(env.finalized == 1);
    wisp_engine_free(e);
    CHECK(ta.live == 0);
}

/* ---- hand-built modules ---- */

/* A module built by hand (no decoder needed). Its constant expressions live in `bytes`. */
struct hand {
    struct module m;
    struct wisp_module wm;
    uint8_t bytes[256];
    struct mod_functype types[2];
    struct mod_import imports[5];
    uint32_t func_types[2];
    struct mod_tabletype tables[2];
    struct mod_memtype mems[1];
    struct mod_globaltype globals[5];
    struct mod_expr global_inits[4];
    struct mod_export exports[6];
    struct mod_elem elems[4];
    uint32_t e0_funcs[2], e2_funcs[1];
    struct mod_expr e1_exprs[2], e3_exprs[1];
    struct mod_data datas[2];
};

static struct mod_expr put(struct hand *h, uint32_t *at, const uint8_t *code, uint32_t len) {
    struct mod_expr e = {*at, len};
    memcpy(h->bytes + *at, code, len);
    *at += len;
    return e;
}

static uint8_t type_i32x3[3] = {0x7f, 0x7f, 0x7f};

/* Imports env.start (func), env.add (func), env.tab (table funcref >= 2), env.mem (memory >= 1),
 * env.g (global i32); defines table 1 (funcref 4..8), globals 1-4, element segments
 * e0 active table 0 @0 [add, start], e1 passive [ref.func add, ref.null], e2 declarative,
 * e3 active table 1 @g [ref.func start]; data d0 active @data_offset "hello", d1 passive;
 * start = env.start. */
static void hand_build(struct hand *h, struct wisp_engine *e, uint8_t data_offset) {
    memset(h, 0, sizeof *h);
    struct module *m = &h->m;
    uint32_t at = 0;
    m->alloc = e->alloc;
    m->bytes = h->bytes;
    m->size = sizeof h->bytes;

    h->types[0] = (struct mod_functype){0, 0, NULL, 0};
    h->types[1] = (struct mod_functype){2, 1, type_i32x3, 0};
    m->types = h->types;
    m->ntypes = 2;

    static char env_s[] = "env", start_s[] = "start", add_s[] = "add", tab_s[] = "tab", mem_s[] = "mem", g_s[] = "g";
    h->imports[0] = (struct mod_import){env_s, start_s, 3, 5, MOD_FUNC, {.func_type = 0}, 10};
    h->imports[1] = (struct mod_import){env_s, add_s, 3, 3, MOD_FUNC, {.func_type = 1}, 11};
    h->imports[2] = (struct mod_import){env_s, tab_s, 3, 3, MOD_TABLE, {.table = {0x70, {2, 0, false}}}, 12};
    h->imports[3] = (struct mod_import){env_s, mem_s, 3, 3, MOD_MEMORY, {.mem = {{1, 0, false}}}, 13};
    h->imports[4] = (struct mod_import){env_s, g_s, 3, 1, MOD_GLOBAL, {.global = {0x7f, false}}, 14};
    m->imports = h->imports;
    m->nimports = 5;

    h->func_types[0] = 0;
    h->func_types[1] = 1;
    m->func_types = h->func_types;
    m->nfuncs = m->nfuncs_imported = 2;
    h->tables[0] = h->imports[2].of.table;
    h->tables[1] = (struct mod_tabletype){0x70, {4, 8, true}};
    m->tables = h->tables;
    m->ntables = 2;
    m->ntables_imported = 1;
    h->mems[0] = h->imports[3].of.mem;
    m->mems = h->mems;
    m->nmems = m->nmems_imported = 1;

    h->globals[0] = (struct mod_globaltype){0x7f, false};
    h->globals[1] = (struct mod_globaltype){0x7f, true};
    h->globals[2] = (struct mod_globaltype){0x7e, false};
    h->globals[3] = (struct mod_globaltype){0x70, false};
    h->globals[4] = (struct mod_globaltype){0x7c, false};
    m->globals = h->globals;
    m->nglobals = 5;
    m->nglobals_imported = 1;
    /* g1 = global.get 0 + 10 (extended const); g2 = i64.const -2; g3 = ref.func 1; g4 = f64 bits */
    h->global_inits[0] = put(h, &at, (const uint8_t[]){0x23, 0x00, 0x41, 0x0a, 0x6a, 0x0b}, 6);
    h->global_inits[1] = put(h, &at, (const uint8_t[]){0x42, 0x7e, 0x0b}, 3);
    h->global_inits[2] = put(h, &at, (const uint8_t[]){0xd2, 0x01, 0x0b}, 3);
    h->global_inits[3] = put(h, &at, (const uint8_t[]){0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x0b}, 10);
    m->global_inits = h->global_inits;

    static char ex_g1[] = "g1", ex_tab[] = "tab1", ex_add[] = "add", ex_mem[] = "memory", ex_g3[] = "g3",
                ex_g4[] = "g4";
    h->exports[0] = (struct mod_export){ex_g1, 2, MOD_GLOBAL, 1, 0};
    h->exports[1] = (struct mod_export){ex_tab, 4, MOD_TABLE, 1, 0};
    h->exports[2] = (struct mod_export){ex_add, 3, MOD_FUNC, 1, 0};
    h->exports[3] = (struct mod_export){ex_mem, 6, MOD_MEMORY, 0, 0};
    h->exports[4] = (struct mod_export){ex_g3, 2, MOD_GLOBAL, 3, 0};
    h->exports[5] = (struct mod_export){ex_g4, 2, MOD_GLOBAL, 4, 0};
    m->exports = h->exports;
    m->nexports = 6;

    h->e0_funcs[0] = 1;
    h->e0_funcs[1] = 0;
    h->elems[0] = (struct mod_elem){MOD_SEG_ACTIVE, 0x70, 0, put(h, &at, (const uint8_t[]){0x41, 0x00, 0x0b}, 3), 2,
                                    h->e0_funcs, NULL, 20};
    h->e1_exprs[0] = put(h, &at, (const uint8_t[]){0xd2, 0x01, 0x0b}, 3);
    h->e1_exprs[1] = put(h, &at, (const uint8_t[]){0xd0, 0x70, 0x0b}, 3);
    h->elems[1] = (struct mod_elem){MOD_SEG_PASSIVE, 0x70, 0, {0, 0}, 2, NULL, h->e1_exprs, 21};
    h->e2_funcs[0] = 1;
    h->elems[2] = (struct mod_elem){MOD_SEG_DECLARATIVE, 0x70, 0, {0, 0}, 1, h->e2_funcs, NULL, 22};
    h->e3_exprs[0] = put(h, &at, (const uint8_t[]){0xd2, 0x00, 0x0b}, 3);
    h->elems[3] = (struct mod_elem){MOD_SEG_ACTIVE, 0x70, 1, put(h, &at, (const uint8_t[]){0x23, 0x00, 0x0b}, 3), 1,
                                    NULL, h->e3_exprs, 23};
    m->elems = h->elems;
    m->nelems = 4;

    struct mod_expr doff = put(h, &at, (const uint8_t[]){0x41, data_offset, 0x0b}, 3);
    struct mod_expr hello = put(h, &at, (const uint8_t *)"hello", 5);
    struct mod_expr xyz = put(h, &at, (const uint8_t *)"xyz", 3);
    h->datas[0] = (struct mod_data){MOD_SEG_ACTIVE, 0, doff, hello.start, hello.len, 0};
    h->datas[1] = (struct mod_data){MOD_SEG_PASSIVE, 0, {0, 0}, xyz.start, xyz.len, 0};
    m->datas = h->datas;
    m->ndatas = 2;

    m->has_start = true;
    m->start = 0;
    h->wm.engine = e;
    h->wm.mod = m;
}

/* The externs a hand-built module imports. */
struct hand_imports {
    struct host_env start_env, add_env;
    struct wisp_func *start, *add;
    struct wisp_table *tab;
    struct wisp_memory *mem;
    struct wisp_global *g;
    struct wisp_extern ext[5];
};

static bool hand_imports_make(struct hand_imports *hi, struct wisp_store *s) {
    memset(hi, 0, sizeof *hi);
    struct wisp_tabletype tt = {WISP_FUNCREF, {3, 0, false}};
    struct wisp_memtype mt = {{1, 2, true}};
    struct wisp_globaltype gt = {WISP_I32, false};
    hi->start = wisp_func_new(s, &ft_void, h_start, &hi->start_env, NULL);
    hi->add = wisp_func_new(s, &ft_add, h_add, &hi->add_env, NULL);
    hi->tab = wisp_table_new(s, &tt, v_ref(WISP_FUNCREF, NULL));
    hi->mem = wisp_memory_new(s, &mt);
    hi->g = wisp_global_new(s, &gt, v_i32(2));
    if (!hi->start || !hi->add || !hi->tab || !hi->mem || !hi->g) return false;
    hi->ext[0] = (struct wisp_extern){WISP_EXTERN_FUNC, {.func = hi->start}};
    hi->ext[1] = (struct wisp_extern){WISP_EXTERN_FUNC, {.func = hi->add}};
    hi->ext[2] = (struct wisp_extern){WISP_EXTERN_TABLE, {.table = hi->tab}};
    hi->ext[3] = (struct wisp_extern){WISP_EXTERN_MEMORY, {.memory = hi->mem}};
    hi->ext[4] = (struct wisp_extern){WISP_EXTERN_GLOBAL, {.global = hi->g}};
    return true;
}

static void test_instantiate(void) {
    struct test_alloc ta = {0, 0, -1, false, false};
    struct wisp_engine *e = test_engine(&ta);
    struct wisp_store *s = wisp_store_new(e);
    static struct hand h;
    hand_build(&h, e, 16);
    struct hand_imports hi;
    CHECK(hand_imports_make(&hi, s));

    struct wisp_instance *inst = NULL;
    struct wisp_result r = wisp_instance_new(s, &h.wm, hi.ext, 5, &inst);
    CHECK(r.kind == WISP_OK && inst != NULL);
    wisp_result_free(&r);
    if (!inst) goto out;
    CHECK(wisp_instance_module(inst) == &h.wm);
    CHECK(hi.start_env.calls == 1);
    uint8_t *mem = wisp_memory_data(hi.mem);
    CHECK(memcmp(mem + 16, "hello", 5) == 0 && mem[0] == 'S');
    CHECK(inst->data_dropped[0] && !inst->data_dropped[1]);
    CHECK(hi.tab->elems[0] == (uintptr_t)hi.add && hi.tab->elems[1] == (uintptr_t)hi.start && hi.tab->elems[2] == 0);
    CHECK(inst->elems[0].count == 0 && inst->elems[2].count == 0 && inst->elems[3].count == 0);
    CHECK(inst->elems[1].count == 2 && inst->elems[1].refs[0] == (uintptr_t)hi.add && inst->elems[1].refs[1] == 0);

    struct wisp_extern x;
    CHECK(wisp_instance_export(inst, "g1", &x) && x.kind == WISP_EXTERN_GLOBAL);
    CHECK(wisp_global_get(x.of.global).of.i32 == 12);
    CHECK(wisp_instance_export(inst, "g3", &x) && wisp_global_get(x.of.global).of.funcref == hi.add);
    CHECK(wisp_instance_export(inst, "g4", &x) && wisp_global_get(x.of.global).of.f64_bits == 0x0807060504030201ull);
    CHECK(inst->globals[2]->val[0] == (uint64_t)-2);
    CHECK(wisp_instance_export(inst, "tab1", &x) && x.kind == WISP_EXTERN_TABLE && wisp_table_size(x.of.table) == 4);
    CHECK(x.of.table->elems[2] == (uintptr_t)hi.start && x.of.table->elems[0] == 0);
    CHECK(!wisp_instance_export(inst, "nope", &x));
    CHECK(wisp_instance_export_count(inst) == 6);
    const char *name = NULL;
    CHECK(wisp_instance_export_at(inst, 3, &name, &x) && strcmp(name, "memory") == 0 && x.of.memory == hi.mem);
    CHECK(!wisp_instance_export_at(inst, 6, &name, &x));

    struct wisp_value args[2] = {v_i32(1), v_i32(2)}, res[1];
    r = wisp_instance_call(inst, "add", args, 2, res, 1);
    CHECK(r.kind == WISP_OK && res[0].of.i32 == 3);
    r = wisp_instance_call(inst, "nope", args, 2, res, 1);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_NOT_FOUND);
    wisp_result_free(&r);
    r = wisp_instance_call(inst, "g1", args, 2, res, 1);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);

    /* Module descriptions. */
    CHECK(wisp_module_import_count(&h.wm) == 5 && wisp_module_export_count(&h.wm) == 6);
    struct wisp_import_desc id;
    CHECK(wisp_module_import(&h.wm, 1, &id) && strcmp(id.module, "env") == 0 && strcmp(id.name, "add") == 0 &&
          id.type.kind == WISP_EXTERN_FUNC && id.type.of.func.param_count == 2 && id.type.of.func.results[0] == 0x7f);
    CHECK(wisp_module_import(&h.wm, 2, &id) && id.type.kind == WISP_EXTERN_TABLE && id.type.of.table.limits.min == 2);
    CHECK(!wisp_module_import(&h.wm, 5, &id));
    struct wisp_export_desc ed;
    CHECK(wisp_module_export(&h.wm, 1, &ed) && ed.type.kind == WISP_EXTERN_TABLE && ed.type.of.table.limits.max == 8);
    CHECK(wisp_module_export(&h.wm, 0, &ed) && ed.type.of.global.mutable_ && ed.type.of.global.type == WISP_I32);

    /* A second instance whose data segment traps: the element segments before it already
     * wrote into the imported table, and those writes stay. */
    static struct hand h2;
    hand_build(&h2, e, 0);
    h2.datas[0].len = 65536; /* 65536 bytes from the module... */
    h2.m.size = 256 + 65536;
    uint8_t *bigbytes = calloc(1, 256 + 65536);
    memcpy(bigbytes, h2.bytes, 256);
    h2.m.bytes = bigbytes;
    h2.datas[0].start = 256;
    /* ...at offset 1 of a one-page memory: out of bounds. */
    h2.bytes[h2.datas[0].offset.start + 1] = 1;
    bigbytes[h2.datas[0].offset.start + 1] = 1;
    hi.tab->elems[0] = hi.tab->elems[1] = 0;
    struct wisp_instance *inst2 = (struct wisp_instance *)1;
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_MEMORY_OUT_OF_BOUNDS && inst2 == NULL);
    CHECK(r.message && strcmp(r.message, "out of bounds memory access") == 0);
    wisp_result_free(&r);
    CHECK(hi.tab->elems[0] == (uintptr_t)hi.add && hi.tab->elems[1] == (uintptr_t)hi.start);
    CHECK(hi.start_env.calls == 1);

    /* An element segment out of bounds traps before the data segments. */
    hand_build(&h2, e, 16);
    h2.bytes[h2.elems[0].offset.start + 1] = 2; /* 2 + 2 > 3 */
    memset(mem + 16, 0, 5);
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_TABLE_OUT_OF_BOUNDS);
    wisp_result_free(&r);
    CHECK(mem[16] == 0);

    /* A trapping start function. */
    hand_build(&h2, e, 16);
    hi.start_env.trap = true;
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_HOST && r.message && strcmp(r.message, "start failed") == 0);
    wisp_result_free(&r);
    hi.start_env.trap = false;
    free(bigbytes);

    /* Import matching. */
    hand_build(&h2, e, 16);
    struct wisp_extern bad[5];
    memcpy(bad, hi.ext, sizeof bad);
    bad[0] = hi.ext[1]; /* wrong function type */
    r = wisp_instance_new(s, &h2.wm, bad, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && r.message &&
          strcmp(r.message, "incompatible import type for \"env\".\"start\"") == 0);
    wisp_result_free(&r);
    memcpy(bad, hi.ext, sizeof bad);
    bad[2] = hi.ext[3]; /* wrong kind */
    r = wisp_instance_new(s, &h2.wm, bad, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && strstr(r.message, "\"tab\""));
    wisp_result_free(&r);
    memcpy(bad, hi.ext, sizeof bad);
    bad[4].of.global = NULL;
    r = wisp_instance_new(s, &h2.wm, bad, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && strncmp(r.message, "unknown import", 14) == 0);
    wisp_result_free(&r);
    r = wisp_instance_new(s, &h2.wm, hi.ext, 4, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);
    /* Objects from another store are refused. */
    struct wisp_store *s2 = wisp_store_new(e);
    struct wisp_memtype mt2 = {{1, 2, true}};
    memcpy(bad, hi.ext, sizeof bad);
    bad[3].of.memory = wisp_memory_new(s2, &mt2);
    r = wisp_instance_new(s, &h2.wm, bad, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT && strstr(r.message, "another store"));
    wisp_result_free(&r);
    wisp_store_free(s2);
    /* Limits: the import wants a maximum the memory lacks, or a larger minimum. */
    h2.imports[3].of.mem.lim = (struct mod_limits){1, 2, true};
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_OK); /* memory 1..2 fits 1..2 */
    h2.imports[3].of.mem.lim = (struct mod_limits){1, 1, true};
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE);
    wisp_result_free(&r);
    h2.imports[3].of.mem.lim = (struct mod_limits){2, 0, false};
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE);
    wisp_result_free(&r);
    CHECK(rt_memory_grow(hi.mem, 1) == 1); /* now 2 pages: the current size counts */
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_OK);
    h2.imports[3].of.mem.lim = (struct mod_limits){1, 0, false};
    h2.imports[2].of.table.elem = 0x6f;
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE);
    wisp_result_free(&r);
    h2.imports[2].of.table.elem = 0x70;
    h2.imports[4].of.global.mut = true;
    r = wisp_instance_new(s, &h2.wm, hi.ext, 5, &inst2);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE);
    wisp_result_free(&r);
out:
    wisp_store_free(s);
    wisp_engine_free(e);
    CHECK(ta.live == 0);
}

static void test_linker(void) {
    struct test_alloc ta = {0, 0, -1, false, false};
    struct wisp_engine *e = test_engine(&ta);
    struct wisp_store *s = wisp_store_new(e);
    static struct hand h;
    hand_build(&h, e, 16);
    struct hand_imports hi;
    CHECK(hand_imports_make(&hi, s));
    struct wisp_linker *l = wisp_linker_new(s);
    struct wisp_instance *inst = NULL;

    struct wisp_result r = wisp_linker_instantiate(l, &h.wm, &inst);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && r.message &&
          strcmp(r.message, "unknown import: \"env\".\"start\"") == 0 && inst == NULL);
    wisp_result_free(&r);

    r = wisp_linker_define(l, "env", "start", hi.ext[0]);
    CHECK(r.kind == WISP_OK);
    r = wisp_linker_define_func(l, "env", "add", &ft_add, h_add, &hi.add_env, h_final);
    CHECK(r.kind == WISP_OK);
    r = wisp_linker_define(l, "env", "tab", hi.ext[2]);
    r = wisp_linker_define(l, "env", "mem", hi.ext[2]); /* wrong kind, replaced below */
    r = wisp_linker_define(l, "env", "g", hi.ext[4]);
    r = wisp_linker_instantiate(l, &h.wm, &inst);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && r.message &&
          strcmp(r.message, "incompatible import type for \"env\".\"mem\"") == 0);
    wisp_result_free(&r);
    r = wisp_linker_define(l, "env", "mem", hi.ext[3]);
    CHECK(r.kind == WISP_OK);
    struct wisp_extern none = {WISP_EXTERN_FUNC, {.func = NULL}};
    r = wisp_linker_define(l, "env", "x", none);
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_ARGUMENT);
    wisp_result_free(&r);
    r = wisp_linker_instantiate(l, &h.wm, &inst);
    CHECK(r.kind == WISP_OK && inst);

    /* Re-export an instance and link a second module against it. */
    r = wisp_linker_define_instance(l, "first", inst);
    CHECK(r.kind == WISP_OK);
    static struct hand h2;
    hand_build(&h2, e, 16);
    static char first_s[] = "first", tab1_s[] = "tab1", memory_s[] = "memory", g1_s[] = "g1";
    h2.imports[1].module = first_s;
    h2.imports[1].module_len = 5;
    h2.imports[2].module = first_s;
    h2.imports[2].module_len = 5;
    h2.imports[2].name = tab1_s;
    h2.imports[2].name_len = 4;
    h2.imports[3].module = first_s;
    h2.imports[3].module_len = 5;
    h2.imports[3].name = memory_s;
    h2.imports[3].name_len = 6;
    h2.imports[4].module = first_s;
    h2.imports[4].module_len = 5;
    h2.imports[4].name = g1_s;
    h2.imports[4].name_len = 2;
    struct wisp_instance *inst2 = NULL;
    r = wisp_linker_instantiate(l, &h2.wm, &inst2);
    /* first.g1 is mutable but the import is immutable. */
    CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_UNLINKABLE && strstr(r.message, "\"first\".\"g1\""));
    wisp_result_free(&r);
    h2.imports[4].of.global.mut = true;
    h2.globals[0].mut = true;
    /* g1 is 12: as e3's offset it is past the end of table 1 (4 elements). */
    r = wisp_linker_instantiate(l, &h2.wm, &inst2);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_TABLE_OUT_OF_BOUNDS && !inst2);
    wisp_result_free(&r);
    memcpy(h2.bytes + h2.elems[3].offset.start, (const uint8_t[]){0x41, 0x03, 0x0b}, 3);
    r = wisp_linker_instantiate(l, &h2.wm, &inst2);
    CHECK(r.kind == WISP_OK && inst2);
    struct wisp_extern x;
    CHECK(wisp_instance_export(inst2, "g1", &x) && wisp_global_get(x.of.global).of.i32 == 22);
    wisp_store_free(s);
    CHECK(hi.add_env.finalized == 1);
    wisp_linker_free(l); /* after its store: allowed */
    wisp_engine_free(e);
    CHECK(ta.live == 0);
}

/* Runs a whole scenario with allocation number n failing; returns whether a failure was hit. */
static bool oom_scenario(long n) {
    struct test_alloc ta = {0, 0, n, false, false};
    struct wisp_engine *e = test_engine(&ta);
    if (!e) return ta.failed;
    struct wisp_store *s = wisp_store_new(e);
    if (s) {
        static struct hand h;
        hand_build(&h, e, 16);
        struct hand_imports hi;
        struct wisp_linker *l = wisp_linker_new(s);
        if (hand_imports_make(&hi, s) && l) {
            struct wisp_instance *inst = NULL;
            struct wisp_result r = wisp_instance_new(s, &h.wm, hi.ext, 5, &inst);
            CHECK(r.kind == WISP_OK || (r.kind == WISP_ERROR && r.error == WISP_ERR_OUT_OF_MEMORY));
            CHECK((r.kind == WISP_OK) == (inst != NULL));
            wisp_result_free(&r);
            if (inst) {
                struct wisp_value args[2] = {v_i32(1), v_i32(2)}, res[1];
                r = wisp_instance_call(inst, "add", args, 2, res, 1);
                CHECK(r.kind == WISP_OK || r.kind == WISP_ERROR);
                wisp_result_free(&r);
                r = wisp_linker_define_instance(l, "env", inst);
                wisp_result_free(&r);
            }
            for (int i = 0; i < 5; i++) {
                static const char *const names[5] = {"start", "add", "tab", "mem", "g"};
                r = wisp_linker_define(l, "env", names[i], hi.ext[i]);
                wisp_result_free(&r);
            }
            r = wisp_linker_instantiate(l, &h.wm, &inst);
            wisp_result_free(&r);
            uint64_t old;
            r = wisp_table_grow(hi.tab, 100, v_ref(WISP_FUNCREF, NULL), &old);
            wisp_result_free(&r);
        }
        wisp_linker_free(l);
        wisp_store_free(s);
    }
    wisp_engine_free(e);
    CHECK(ta.live == 0);
    return ta.failed;
}

static void test_oom(void) {
    long n = 0;
    while (oom_scenario(n) && n < 10000) n++;
    CHECK(n > 10 && n < 10000);
}

int main(void) {
    test_engine_config();
    test_memory();
    test_table();
    test_global();
    test_host_func();
    test_instantiate();
    test_linker();
    test_oom();
    CHECK_DONE();
}
