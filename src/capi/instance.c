/* wasm.h instances: instantiation with imports checked for kind and type (a mismatch is a
 * failure with a message, never a crash) and the list of exports. */
#include <stdio.h>
#include <string.h>

#include "capi.h"

/* Imports converted on the C stack when few. */
#define SMALL_IMPORTS 16u

/* Records why instantiation failed and, if asked, makes the trap that says so. */
static wasm_instance_t *fail(wasm_store_t *s, wasm_trap_t **trap, enum wisp_error_code code, const char *msg) {
    capi_set_error(s, code, "%s", msg);
    if (trap) *trap = capi_trap_from_message(s, WISP_TRAP_NONE, msg);
    return NULL;
}

/* The store keeps one count of each module its instances come from (wisp.h wants the module to
 * outlive them). */
static bool hold_core(wasm_store_t *s, struct capi_module_core *c) {
    for (size_t i = s->ncores; i-- > 0;)
        if (s->cores[i] == c) return true;
    if (!capi_push(s, (void ***)&s->cores, &s->ncores, &s->cores_cap, c)) return false;
    capi_core_retain(c);
    return true;
}

wasm_instance_t *wasm_instance_new(wasm_store_t *store, const wasm_module_t *module, const wasm_extern_vec_t *imports,
                                   wasm_trap_t **trap) {
    if (trap) *trap = NULL;
    if (!store) return NULL;
    const struct capi_ref *mr = CAPI_CREF(module);
    if (!mr || mr->kind != CAPI_MODULE) return fail(store, trap, WISP_ERR_ARGUMENT, "not a module");
    struct capi_module_core *c = mr->rt;
    if (c->we != store->engine->we)
        return fail(store, trap, WISP_ERR_ARGUMENT, "the module belongs to another engine");

    size_t n = wisp_module_import_count(c->wm);
    size_t given = imports && imports->data ? imports->size : 0;
    if (given < n) {
        char msg[96];
        snprintf(msg, sizeof msg, "the module has %zu imports but %zu were given", n, given);
        return fail(store, trap, WISP_ERR_UNLINKABLE, msg);
    }
    struct wisp_extern small[SMALL_IMPORTS];
    struct wisp_extern *exts = small;
    if (n > SMALL_IMPORTS) {
        exts = base_calloc(&store->alloc, n, sizeof *exts);
        if (!exts) return fail(store, trap, WISP_ERR_OUT_OF_MEMORY, "out of memory");
    }
    wasm_instance_t *result = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct capi_ref *r = CAPI_CREF(imports->data[i]);
        if (!capi_is_extern(r) || r->store != store) {
            struct wisp_import_desc d;
            wisp_module_import(c->wm, i, &d);
            char *msg = base_format(&store->alloc, "import %zu (\"%.*s\".\"%.*s\") is %s", i, (int)d.module_len,
                                    d.module, (int)d.name_len, d.name,
                                    !r ? "missing" : !capi_is_extern(r) ? "not an external" : "from another store");
            fail(store, trap, WISP_ERR_UNLINKABLE, msg ? msg : "bad import");
            if (msg) base_free(&store->alloc, msg, strlen(msg) + 1);
            goto out;
        }
        capi_extern_to_wisp(r, &exts[i]);
    }
    if (!hold_core(store, c)) {
        fail(store, trap, WISP_ERR_OUT_OF_MEMORY, "out of memory");
        goto out;
    }
    struct wisp_instance *wi = NULL;
    struct wisp_result res = wisp_instance_new(store->ws, c->wm, exts, n, &wi);
    if (res.kind != WISP_OK) {
        capi_set_error_result(store, &res);
        if (trap) *trap = capi_trap_from_result(store, &res);
        wisp_result_free(&res);
        goto out;
    }
    result = (wasm_instance_t *)(void *)capi_ref_of(store, CAPI_INSTANCE, wi);
    if (result) capi_clear_error(store);
    else fail(store, trap, WISP_ERR_OUT_OF_MEMORY, "out of memory");
out:
    if (exts != small) base_free(&store->alloc, exts, n * sizeof *exts);
    return result;
}

void wasm_instance_exports(const wasm_instance_t *instance, wasm_extern_vec_t *out) {
    if (!out) return;
    const struct capi_ref *ir = CAPI_CREF(instance);
    if (!ir || ir->kind != CAPI_INSTANCE) {
        wasm_extern_vec_new_empty(out);
        return;
    }
    const struct wisp_instance *wi = ir->rt;
    size_t n = wisp_instance_export_count(wi);
    wasm_extern_vec_new_uninitialized(out, n);
    if (out->size != n) return;
    for (size_t i = 0; i < n; i++) {
        struct wisp_extern e;
        wisp_instance_export_at(wi, i, NULL, &e);
        void *rt = e.kind == WISP_EXTERN_FUNC     ? (void *)e.of.func
                   : e.kind == WISP_EXTERN_TABLE  ? (void *)e.of.table
                   : e.kind == WISP_EXTERN_MEMORY ? (void *)e.of.memory
                                                  : (void *)e.of.global;
        out->data[i] = (wasm_extern_t *)(void *)capi_ref_of(ir->store, capi_kind_from_wisp_extern(e.kind), rt);
        if (!out->data[i]) {
            wasm_extern_vec_delete(out);
            return;
        }
    }
}
