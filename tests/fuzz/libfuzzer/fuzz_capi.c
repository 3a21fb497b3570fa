/* libFuzzer target "capi": the standard C API (wasm.h) on arbitrary bytes. wasm_module_validate
 * and wasm_module_new must agree; a module's imports and exports are read back as wasm.h types;
 * wasm_module_serialize -> wasm_module_deserialize must give a module that serializes to the same
 * bytes, with the same imports and exports; sharing into a second store must work. The input is
 * also given to wasm_module_deserialize as is, and, when it starts with the serialized form's
 * magic, with its checksum made right, so that the header checks are reached. Loop-free modules
 * (see fuzz_run.c for why) are then instantiated through wasm.h with stub imports and their
 * exported functions called with zero arguments. The engine's allocator is the capped one of
 * fuzz_common.c (hard cap while loading, soft past it); wasm.h's vectors and types use malloc
 * and are left to LeakSanitizer. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "wasm.h"
#include "wasm_wisp.h"

#define CAPI_MAX_MEMORY (4u << 20)
#define CAPI_MAX_TABLE 65536u
#define CAPI_SOFT_CAP ((size_t)64 << 20)

static void check_types(const wasm_importtype_vec_t *imps, const wasm_exporttype_vec_t *exps) {
    for (size_t i = 0; i < imps->size; i++) {
        const wasm_importtype_t *it = imps->data[i];
        if (!it) fuzz_fail("import %zu is NULL", i);
        (void)wasm_importtype_module(it)->size;
        (void)wasm_importtype_name(it)->size;
        const wasm_externtype_t *t = wasm_importtype_type(it);
        if (!t) fuzz_fail("import %zu has no type", i);
        wasm_externtype_t *copy = wasm_externtype_copy(t);
        if (!copy || wasm_externtype_kind(copy) != wasm_externtype_kind(t)) fuzz_fail("externtype copy differs");
        wasm_externtype_delete(copy);
    }
    for (size_t i = 0; i < exps->size; i++) {
        const wasm_exporttype_t *et = exps->data[i];
        if (!et || !wasm_exporttype_type(et)) fuzz_fail("export %zu is NULL or untyped", i);
        (void)wasm_exporttype_name(et)->size;
    }
}

static bool same_names(const wasm_name_t *a, const wasm_name_t *b) {
    return a->size == b->size && (a->size == 0 || memcmp(a->data, b->data, a->size) == 0);
}

/* The imports and exports of two modules (a round trip) must be the same. */
static void compare_modules(const wasm_module_t *a, const wasm_module_t *b) {
    wasm_importtype_vec_t ia, ib;
    wasm_exporttype_vec_t ea, eb;
    wasm_module_imports(a, &ia);
    wasm_module_imports(b, &ib);
    wasm_module_exports(a, &ea);
    wasm_module_exports(b, &eb);
    check_types(&ia, &ea);
    check_types(&ib, &eb);
    if (ia.size != ib.size || ea.size != eb.size) fuzz_fail("round trip changed the import/export counts");
    for (size_t i = 0; i < ia.size; i++)
        if (!same_names(wasm_importtype_name(ia.data[i]), wasm_importtype_name(ib.data[i])) ||
            wasm_externtype_kind(wasm_importtype_type(ia.data[i])) != wasm_externtype_kind(wasm_importtype_type(ib.data[i])))
            fuzz_fail("round trip changed import %zu", i);
    for (size_t i = 0; i < ea.size; i++)
        if (!same_names(wasm_exporttype_name(ea.data[i]), wasm_exporttype_name(eb.data[i])))
            fuzz_fail("round trip changed export %zu", i);
    wasm_importtype_vec_delete(&ia);
    wasm_importtype_vec_delete(&ib);
    wasm_exporttype_vec_delete(&ea);
    wasm_exporttype_vec_delete(&eb);
}

static wasm_val_t zero_val(wasm_valkind_t kind) {
    wasm_val_t v;
    memset(&v, 0, sizeof v);
    v.kind = kind;
    return v;
}

/* Stub for imported functions: env is the function's type; results are zeros of those types. */
static wasm_trap_t *stub(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    const wasm_valtype_vec_t *rt = wasm_functype_results(env);
    for (size_t i = 0; i < results->size && i < rt->size; i++) results->data[i] = zero_val(wasm_valtype_kind(rt->data[i]));
    return NULL;
}

static wasm_extern_t *make_import(wasm_store_t *store, const wasm_importtype_t *it) {
    const wasm_externtype_t *t = wasm_importtype_type(it);
    switch (wasm_externtype_kind(t)) {
    case WASM_EXTERN_FUNC: {
        const wasm_functype_t *ft = wasm_externtype_as_functype_const(t);
        wasm_func_t *f = wasm_func_new_with_env(store, ft, stub, (void *)ft, NULL);
        return f ? wasm_func_as_extern(f) : NULL;
    }
    case WASM_EXTERN_GLOBAL: {
        const wasm_globaltype_t *gt = wasm_externtype_as_globaltype_const(t);
        wasm_val_t v = zero_val(wasm_valtype_kind(wasm_globaltype_content(gt)));
        wasm_global_t *g = wasm_global_new(store, gt, &v);
        return g ? wasm_global_as_extern(g) : NULL;
    }
    case WASM_EXTERN_TABLE: {
        wasm_table_t *tb = wasm_table_new(store, wasm_externtype_as_tabletype_const(t), NULL);
        return tb ? wasm_table_as_extern(tb) : NULL;
    }
    case WASM_EXTERN_MEMORY: {
        wasm_memory_t *m = wasm_memory_new(store, wasm_externtype_as_memorytype_const(t));
        return m ? wasm_memory_as_extern(m) : NULL;
    }
    default: fuzz_fail("import of unknown kind %d", (int)wasm_externtype_kind(t));
    }
}

static void check_trap(wasm_trap_t *trap, const char *what) {
    if (!trap) return;
    wasm_message_t msg;
    wasm_trap_message(trap, &msg);
    if (msg.size && msg.data[msg.size - 1] != 0) fuzz_fail("%s: trap message not NUL-terminated", what);
    wasm_byte_vec_delete(&msg);
    wasm_frame_vec_t trace;
    wasm_trap_trace(trap, &trace);
    wasm_frame_vec_delete(&trace);
    wasm_frame_t *origin = wasm_trap_origin(trap);
    if (origin) wasm_frame_delete(origin);
    wasm_trap_delete(trap);
}

static void run(wasm_store_t *store, const wasm_module_t *m) {
    wasm_importtype_vec_t imps;
    wasm_module_imports(m, &imps);
    wasm_extern_vec_t ext;
    wasm_extern_vec_new_uninitialized(&ext, imps.size);
    bool ok = ext.size == imps.size;
    for (size_t i = 0; i < ext.size; i++) ext.data[i] = NULL;
    for (size_t i = 0; ok && i < imps.size; i++) ok = (ext.data[i] = make_import(store, imps.data[i])) != NULL;
    if (ok) {
        wasm_trap_t *trap = NULL;
        wasm_instance_t *inst = wasm_instance_new(store, m, &ext, &trap);
        if (inst && trap) fuzz_fail("wasm_instance_new returned an instance and a trap");
        check_trap(trap, "instantiating");
        if (inst) {
            wasm_extern_vec_t exps;
            wasm_instance_exports(inst, &exps);
            unsigned calls = 0;
            for (size_t i = 0; i < exps.size; i++) {
                wasm_func_t *f = wasm_extern_as_func(exps.data[i]);
                if (!f || calls++ >= 64) continue;
                wasm_functype_t *ft = wasm_func_type(f);
                const wasm_valtype_vec_t *pt = wasm_functype_params(ft);
                wasm_val_vec_t args, results;
                wasm_val_vec_new_uninitialized(&args, pt->size);
                wasm_val_vec_new_uninitialized(&results, wasm_functype_results(ft)->size);
                for (size_t k = 0; k < args.size; k++) args.data[k] = zero_val(wasm_valtype_kind(pt->data[k]));
                for (size_t k = 0; k < results.size; k++) results.data[k] = zero_val(WASM_I32);
                wasm_trap_t *t = wasm_func_call(f, &args, &results);
                if (!t)
                    for (size_t k = 0; k < results.size; k++)
                        if (results.data[k].kind != wasm_valtype_kind(wasm_functype_results(ft)->data[k]))
                            fuzz_fail("result %zu of the wrong kind", k);
                check_trap(t, "calling an export");
                wasm_val_vec_delete(&args);
                wasm_val_vec_delete(&results);
                wasm_functype_delete(ft);
            }
            wasm_extern_vec_delete(&exps);
            wasm_instance_delete(inst);
        }
    }
    wasm_extern_vec_delete(&ext);
    wasm_importtype_vec_delete(&imps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_alloc fa;
    fuzz_alloc_init(&fa, size);
    struct fuzz_code_info info = fuzz_scan_code(data, size);
    fa.cap += fuzz_stack_allowance(&info);
    wasm_config_t *config = wasm_config_new();
    if (!config) fuzz_fail("wasm_config_new failed");
    struct wisp_config *wc = wisp_capi_config(config);
    wc->alloc = fuzz_alloc_fn;
    wc->alloc_ud = &fa;
    wc->max_call_depth = fuzz_call_depth(info.max_calls);
    wc->value_stack_bytes = 1u << 20;
    wc->max_memory_bytes = CAPI_MAX_MEMORY;
    wc->max_table_elems = CAPI_MAX_TABLE;
    wasm_engine_t *engine = wasm_engine_new_with_config(config);
    if (!engine) fuzz_fail("wasm_engine_new_with_config failed");
    wasm_store_t *store = wasm_store_new(engine), *store2 = wasm_store_new(engine);
    if (!store || !store2) fuzz_fail("wasm_store_new failed");

    wasm_byte_vec_t bin = {size, (wasm_byte_t *)(uintptr_t)data};
    bool valid = wasm_module_validate(store, &bin);
    wasm_module_t *m = wasm_module_new(store, &bin);
    if (valid != (m != NULL))
        fuzz_fail("wasm_module_validate says %s but wasm_module_new %s", valid ? "valid" : "invalid",
                  m ? "compiled it" : "failed");
    if (!m && !wisp_capi_last_error(store)) fuzz_fail("wasm_module_new failed without a reason");
    if (m) {
        wasm_byte_vec_t ser, ser2;
        wasm_module_serialize(m, &ser);
        if (ser.size != size + 32) fuzz_fail("serialized %zu bytes into %zu", size, ser.size);
        wasm_module_t *m2 = wasm_module_deserialize(store, &ser);
        if (!m2) fuzz_fail("cannot deserialize a serialized module: %s", wisp_capi_last_error(store));
        wasm_module_serialize(m2, &ser2);
        if (ser2.size != ser.size || memcmp(ser.data, ser2.data, ser.size) != 0) fuzz_fail("round trip changed the bytes");
        compare_modules(m, m2);
        wasm_shared_module_t *sh = wasm_module_share(m2);
        if (!sh) fuzz_fail("wasm_module_share failed");
        wasm_module_t *m3 = wasm_module_obtain(store2, sh);
        if (!m3) fuzz_fail("wasm_module_obtain failed");
        wasm_shared_module_delete(sh);
        compare_modules(m, m3);
        wasm_module_delete(m2);
        wasm_byte_vec_delete(&ser);
        wasm_byte_vec_delete(&ser2);
        if (info.ok && !info.has_loop) {
            fa.hard = false;
            fa.cap = CAPI_SOFT_CAP;
            fa.phase = "instantiating through wasm.h";
            run(store2, m3);
        }
        wasm_module_delete(m3);
        wasm_module_delete(m);
    }

    /* The input as a serialized module, as is and with its checksum put right. The stores may
     * still hold what the run took (a value stack): the cap counts from what is live now. */
    fa.hard = true;
    size_t base = fa.live;
    fa.cap = base + fuzz_load_cap(size) + fuzz_stack_allowance(&info);
    fa.phase = "deserializing";
    wasm_module_t *d = wasm_module_deserialize(store, &bin);
    if (d) wasm_module_delete(d);
    if (size >= 32 && memcmp(data, "\0wispmod", 8) == 0) {
        struct fuzz_code_info inner = fuzz_scan_code(data + 32, size - 32);
        fa.cap = base + fuzz_load_cap(size) + fuzz_stack_allowance(&inner);
        wasm_byte_vec_t fixed;
        wasm_byte_vec_new(&fixed, size, (const wasm_byte_t *)data);
        uint64_t h = 0xcbf29ce484222325ull;
        for (size_t i = 32; i < size; i++) h = (h ^ data[i]) * 0x100000001b3ull;
        for (int i = 0; i < 8; i++) fixed.data[24 + i] = (wasm_byte_t)(h >> (8 * i));
        d = wasm_module_deserialize(store, &fixed);
        if (d) wasm_module_delete(d);
        wasm_byte_vec_delete(&fixed);
    }

    fa.phase = "freeing";
    wasm_store_delete(store2);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    fuzz_alloc_check_empty(&fa);
    return 0;
}
