/* wasm.h functions: host functions (a trampoline from wisp.h's host-function convention to the
 * wasm.h callbacks) and calls from the host (wasm_func_call). */
#include <string.h>

#include "capi.h"

/* What a wasm.h host function needs; the wisp function's env. Freed by its finalizer when the
 * store is deleted. */
struct closure {
    wasm_store_t *store;
    wasm_func_callback_t cb;
    wasm_func_callback_with_env_t cb_env;
    void *env;
    void (*finalizer)(void *);
    struct wisp_func *func;
    struct wisp_allocator alloc;
};

static void closure_finalize(void *p) {
    struct closure *c = p;
    if (c->finalizer) c->finalizer(c->env);
    struct wisp_allocator a = c->alloc;
    base_free(&a, c, sizeof *c);
}

/* Values passed to and from host callbacks: on the C stack when few. */
#define SMALL_VALS 8u

static struct wisp_result host_error(wasm_store_t *s, const char *msg) { return wisp_trap_new(s->ws, msg); }

/* Calls the callback with converted arguments and converts its results (or trap) back. */
static struct wisp_result call_callback(struct closure *c, const struct wisp_functype *t, wasm_val_t *in,
                                        wasm_val_t *out, struct wisp_value *results) {
    wasm_store_t *s = c->store;
    size_t np = t->param_count, nr = t->result_count;
    for (size_t i = 0; i < nr; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].kind = capi_kind_from_wisp(t->results[i]);
    }
    wasm_val_vec_t argv = {np, np ? in : NULL};
    wasm_val_vec_t resv = {nr, nr ? out : NULL};
    wasm_trap_t *trap = c->cb_env ? c->cb_env(c->env, &argv, &resv) : c->cb(&argv, &resv);

    struct wisp_result res = wisp_ok();
    if (trap) {
        const struct capi_ref *tr = CAPI_CREF(trap);
        res = wisp_trap_new(s->ws, tr->kind == CAPI_TRAP ? ((const struct capi_trap *)(const void *)tr)->msg
                                                         : "host function returned a non-trap reference");
        wasm_trap_delete(trap);
    } else if (resv.size < nr || (nr && !resv.data)) {
        res = host_error(s, "host function returned too few results");
    } else {
        for (size_t i = 0; i < nr && res.kind == WISP_OK; i++) {
            const char *err = capi_val_to_wisp(s, &resv.data[i], t->results[i], &results[i]);
            if (err) res = host_error(s, err);
        }
    }
    /* The results' references are ours now. A callback may also have replaced the vector by one
     * it made: then that one is ours too. */
    if (resv.data != (nr ? out : NULL)) wasm_val_vec_delete(&resv);
    for (size_t i = 0; i < nr; i++) wasm_val_delete(&out[i]);
    return res;
}

static struct wisp_result trampoline(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                     struct wisp_value *results) {
    (void)caller;
    struct closure *c = env;
    wasm_store_t *s = c->store;
    const struct wisp_functype *t = wisp_func_type(c->func);
    size_t np = t->param_count, nr = t->result_count;

    wasm_val_t small[2 * SMALL_VALS];
    wasm_val_t *vals = small;
    if (np > SMALL_VALS || nr > SMALL_VALS) {
        vals = base_calloc(&s->alloc, np + nr, sizeof *vals);
        if (!vals) return host_error(s, "out of memory");
    }
    wasm_val_t *in = vals, *out = vals + (vals == small ? SMALL_VALS : np);
    size_t converted = 0;
    const char *err = NULL;
    for (; converted < np && !err; converted++) err = capi_val_from_wisp(s, &args[converted], &in[converted]);
    struct wisp_result res = err ? host_error(s, err) : call_callback(c, t, in, out, results);
    for (size_t i = 0; i < converted; i++) wasm_val_delete(&in[i]);
    if (vals != small) base_free(&s->alloc, vals, (np + nr) * sizeof *vals);
    return res;
}

static wasm_func_t *func_new(wasm_store_t *s, const wasm_functype_t *type, wasm_func_callback_t cb,
                             wasm_func_callback_with_env_t cb_env, void *env, void (*finalizer)(void *)) {
    if (!s) return NULL;
    if (!type || (!cb && !cb_env)) {
        capi_set_error(s, WISP_ERR_ARGUMENT, "wasm_func_new: no type or callback");
        return NULL;
    }
    uint8_t buf[64], *heap;
    size_t heap_size;
    struct wisp_functype wt;
    if (!capi_functype_to_wisp(type, &wt, buf, sizeof buf, &s->alloc, &heap, &heap_size)) {
        capi_set_error(s, WISP_ERR_ARGUMENT, "wasm_func_new: invalid function type or out of memory");
        return NULL;
    }
    struct closure *c = base_calloc(&s->alloc, 1, sizeof *c);
    struct wisp_func *f = NULL;
    if (c) {
        c->store = s;
        c->cb = cb;
        c->cb_env = cb_env;
        c->env = env;
        c->finalizer = finalizer;
        c->alloc = s->alloc;
        f = wisp_func_new(s->ws, &wt, trampoline, c, closure_finalize);
    }
    if (heap) base_free(&s->alloc, heap, heap_size);
    if (!f) {
        base_free(&s->alloc, c, sizeof *c);
        capi_set_error(s, WISP_ERR_OUT_OF_MEMORY, "wasm_func_new: out of memory or too many parameters");
        return NULL;
    }
    c->func = f;
    /* On failure here the function stays in the store (freed with it); we just cannot name it. */
    struct capi_ref *r = capi_ref_of(s, CAPI_FUNC, f);
    if (!r) capi_set_error(s, WISP_ERR_OUT_OF_MEMORY, "out of memory");
    return (wasm_func_t *)(void *)r;
}

wasm_func_t *wasm_func_new(wasm_store_t *store, const wasm_functype_t *type, wasm_func_callback_t cb) {
    return func_new(store, type, cb, NULL, NULL, NULL);
}

wasm_func_t *wasm_func_new_with_env(wasm_store_t *store, const wasm_functype_t *type,
                                    wasm_func_callback_with_env_t cb, void *env, void (*finalizer)(void *)) {
    return func_new(store, type, NULL, cb, env, finalizer);
}

static const struct wisp_func *wisp_func_of(const wasm_func_t *func) {
    const struct capi_ref *r = CAPI_CREF(func);
    return r && r->kind == CAPI_FUNC ? r->rt : NULL;
}

wasm_functype_t *wasm_func_type(const wasm_func_t *func) {
    const struct wisp_func *f = wisp_func_of(func);
    return f ? capi_functype_from_wisp(wisp_func_type(f)) : NULL;
}

size_t wasm_func_param_arity(const wasm_func_t *func) {
    const struct wisp_func *f = wisp_func_of(func);
    return f ? wisp_func_type(f)->param_count : 0;
}

size_t wasm_func_result_arity(const wasm_func_t *func) {
    const struct wisp_func *f = wisp_func_of(func);
    return f ? wisp_func_type(f)->result_count : 0;
}

wasm_trap_t *wasm_func_call(const wasm_func_t *func, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    const struct capi_ref *r = CAPI_CREF(func);
    if (!r || r->kind != CAPI_FUNC) return NULL; /* no store to make a trap in */
    wasm_store_t *s = r->store;
    struct wisp_func *f = r->rt;
    const struct wisp_functype *t = wisp_func_type(f);
    size_t np = t->param_count, nr = t->result_count;
    if (np && (!args || args->size < np || !args->data))
        return capi_trap_from_message(s, WISP_TRAP_NONE, "too few arguments");
    /* Too small a results vector is only an error if the call returns: a trap is reported as
     * such (callers expecting one often pass an empty vector). */
    bool room = !nr || (results && results->size >= nr && results->data);

    struct wisp_value small[2 * SMALL_VALS];
    struct wisp_value *vals = small;
    if (np > SMALL_VALS || nr > SMALL_VALS) {
        vals = base_calloc(&s->alloc, np + nr, sizeof *vals);
        if (!vals) return capi_trap_from_message(s, WISP_TRAP_NONE, "out of memory");
    }
    struct wisp_value *in = vals, *out = vals + (vals == small ? SMALL_VALS : np);
    wasm_trap_t *trap = NULL;
    for (size_t i = 0; i < np && !trap; i++) {
        const char *err = capi_val_to_wisp(s, &args->data[i], t->params[i], &in[i]);
        if (err) trap = capi_trap_from_message(s, WISP_TRAP_NONE, err);
    }
    if (!trap) {
        struct wisp_result res = wisp_func_call(s->ws, f, in, np, out, nr);
        if (res.kind != WISP_OK) {
            trap = capi_trap_from_result(s, &res);
        } else if (!room) {
            trap = capi_trap_from_message(s, WISP_TRAP_NONE, "the results vector is too small");
        } else {
            for (size_t i = 0; i < nr && !trap; i++) {
                const char *err = capi_val_from_wisp(s, &out[i], &results->data[i]);
                if (err) {
                    for (size_t k = 0; k < i; k++) wasm_val_delete(&results->data[k]);
                    trap = capi_trap_from_message(s, WISP_TRAP_NONE, err);
                }
            }
        }
        wisp_result_free(&res);
    }
    if (vals != small) base_free(&s->alloc, vals, (np + nr) * sizeof *vals);
    return trap;
}
