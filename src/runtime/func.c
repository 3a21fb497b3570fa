/* Functions: host functions, calls from the host (wisp_func_call) and calls into the host
 * (rt_call_host), and what a host function sees of its caller. */
#include <string.h>

#include "../interp/interp.h"
#include "rt_internal.h"

static bool valtype_ok(uint8_t t) {
    return t == WISP_I32 || t == WISP_I64 || t == WISP_F32 || t == WISP_F64 || t == WISP_V128 ||
           t == WISP_FUNCREF || t == WISP_EXTERNREF;
}

static const char *valtype_name(uint8_t t) {
    switch (t) {
    case WISP_I32: return "i32";
    case WISP_I64: return "i64";
    case WISP_F32: return "f32";
    case WISP_F64: return "f64";
    case WISP_V128: return "v128";
    case WISP_FUNCREF: return "funcref";
    case WISP_EXTERNREF: return "externref";
    default: return "unknown type";
    }
}

bool rt_functype_valid(const struct wisp_functype *type) {
    if (type->param_count > MOD_MAX_PARAMS || type->result_count > MOD_MAX_RESULTS) return false;
    if ((type->param_count && !type->params) || (type->result_count && !type->results)) return false;
    for (uint32_t i = 0; i < type->param_count; i++)
        if (!valtype_ok(type->params[i])) return false;
    for (uint32_t i = 0; i < type->result_count; i++)
        if (!valtype_ok(type->results[i])) return false;
    return true;
}

struct wisp_func *wisp_func_new(struct wisp_store *store, const struct wisp_functype *type, wisp_host_fn fn,
                                void *env, void (*finalizer)(void *env)) {
    if (!store || !type || !fn || !rt_functype_valid(type)) return NULL;

    size_t n = (size_t)type->param_count + type->result_count;
    struct wisp_func *f = rt_obj_new(store, WISP_EXTERN_FUNC, sizeof *f + n);
    if (!f) return NULL;
    uint8_t *types = n ? (uint8_t *)(f + 1) : NULL;
    if (type->param_count) memcpy(types, type->params, type->param_count);
    if (type->result_count) memcpy(types + type->param_count, type->results, type->result_count);
    f->kind = RT_FUNC_HOST;
    f->host_type.nparams = type->param_count;
    f->host_type.nresults = type->result_count;
    f->host_type.types = types;
    f->host_type.hash = mod_functype_hash(&f->host_type);
    f->type = &f->host_type;
    rt_functype_pub(&f->host_type, &f->pub_type);
    f->index = UINT32_MAX;
    f->host = fn;
    f->env = env;
    f->finalizer = finalizer;
    return f;
}

const struct wisp_functype *wisp_func_type(const struct wisp_func *func) { return func ? &func->pub_type : NULL; }

struct wisp_result wisp_trap_new(struct wisp_store *store, const char *message) {
    struct wisp_result r = base_ok();
    r.kind = WISP_TRAP;
    r.trap = WISP_TRAP_HOST;
    if (store && message) {
        r.message = base_strndup(store->alloc, message, strlen(message));
        r.owner_ = (void *)store->alloc;
    }
    return r;
}

/* Small calls convert through buffers on the C stack; big ones allocate. */
#define RT_SMALL_VALUES 8u
#define RT_SMALL_SLOTS 16u

#if defined(__GNUC__)
#define RT_LIKELY(x) __builtin_expect(!!(x), 1)
#define RT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define RT_COLD __attribute__((cold, noinline))
#else
#define RT_LIKELY(x) (x)
#define RT_UNLIKELY(x) (x)
#define RT_COLD
#endif

int rt_host_invoke(struct wisp_store *s, struct wisp_func *f, struct wisp_instance *caller, uint64_t *slots,
                   struct wisp_result *out) {
    const struct mod_functype *t = f->type;
    uint32_t np = t->nparams, nr = t->nresults;
    struct wisp_value small[2 * RT_SMALL_VALUES];
    struct wisp_value *vals = small;
    size_t nvals = (size_t)np + nr;
    if (RT_UNLIKELY(np > RT_SMALL_VALUES || nr > RT_SMALL_VALUES)) {
        vals = base_calloc(s->alloc, nvals, sizeof *vals);
        if (!vals) {
            *out = base_oom();
            return 1;
        }
    }
    struct wisp_value *args = vals;
    struct wisp_value *results = vals + (vals == small ? RT_SMALL_VALUES : np);

    size_t k = 0;
    for (uint32_t i = 0; i < np; i++) {
        args[i] = rt_slots_to_value(t->types[i], slots + k);
        k += mod_type_slots(t->types[i]);
    }
    for (uint32_t i = 0; i < nr; i++) {
        memset(&results[i], 0, sizeof results[i]);
        results[i].type = t->types[np + i];
    }

    struct wisp_caller c = {s, caller};
    struct wisp_result r = f->host(f->env, &c, args, results);
    int stopped = r.kind != WISP_OK;
    if (RT_LIKELY(!stopped)) {
        /* Results are taken as the declared types say; a host that sets another tag gets its
         * bits reinterpreted, never a crash on our side. */
        k = 0;
        for (uint32_t i = 0; i < nr; i++) {
            uint8_t ty = t->types[np + i];
            struct wisp_value v = results[i];
            v.type = ty;
            rt_value_to_slots(&v, slots + k);
            k += mod_type_slots(ty);
        }
        if (RT_UNLIKELY(r.owner_ != NULL)) wisp_result_free(&r); /* an OK result should own nothing */
    } else {
        *out = r;
    }
    if (RT_UNLIKELY(vals != small)) base_free(s->alloc, vals, nvals * sizeof *vals);
    return stopped;
}

/* The errors of wisp_func_call, out of its way. */
static RT_COLD struct wisp_result call_error(struct wisp_store *store, struct wisp_func *func,
                                             const struct wisp_value *args, size_t nargs, size_t nresults) {
    const struct mod_functype *t = func->type;
    const struct wisp_allocator *a = store->alloc;
    if (nargs != t->nparams || nresults != t->nresults)
        return base_error(a, WISP_ERR_ARGUMENT, UINT64_MAX, func->index,
                          "function takes %u arguments and returns %u results, called with %zu and %zu", t->nparams,
                          t->nresults, nargs, nresults);
    if (func->kind == RT_FUNC_WASM && func->inst->store != store)
        return base_error(a, WISP_ERR_ARGUMENT, UINT64_MAX, func->index, "function belongs to another store");
    for (uint32_t i = 0; i < t->nparams; i++)
        if (args[i].type != t->types[i])
            return base_error(a, WISP_ERR_ARGUMENT, UINT64_MAX, func->index, "argument %u: expected %s but got %s",
                              i, valtype_name(t->types[i]), valtype_name(args[i].type));
    return base_oom();
}

struct wisp_result wisp_func_call(struct wisp_store *store, struct wisp_func *func, const struct wisp_value *args,
                                  size_t nargs, struct wisp_value *results, size_t nresults) {
    if (RT_UNLIKELY(!store || !func)) return rt_bad_arg("NULL store or function");
    const struct mod_functype *t = func->type;
    if (RT_UNLIKELY(nargs != t->nparams || nresults != t->nresults)) return call_error(store, func, args, nargs, nresults);
    if (RT_UNLIKELY((nargs && !args) || (nresults && !results))) return rt_bad_arg("NULL argument or result array");
    if (RT_UNLIKELY(func->kind == RT_FUNC_WASM && func->inst->store != store))
        return call_error(store, func, args, nargs, nresults);

    size_t in_slots = 0, out_slots = 0;
    for (uint32_t i = 0; i < t->nparams; i++) {
        if (RT_UNLIKELY(args[i].type != t->types[i])) return call_error(store, func, args, nargs, nresults);
        in_slots += mod_type_slots(t->types[i]);
    }
    for (uint32_t i = 0; i < t->nresults; i++) out_slots += mod_type_slots(t->types[t->nparams + i]);
    size_t nslots = in_slots > out_slots ? in_slots : out_slots;

    uint64_t small[RT_SMALL_SLOTS];
    uint64_t *slots = small;
    if (RT_UNLIKELY(nslots > RT_SMALL_SLOTS)) {
        slots = base_alloc(store->alloc, nslots * sizeof *slots);
        if (!slots) return base_oom();
    }
    size_t k = 0;
    for (uint32_t i = 0; i < t->nparams; i++) {
        rt_value_to_slots(&args[i], slots + k);
        k += mod_type_slots(t->types[i]);
    }

    struct wisp_result r;
    int stopped = func->kind == RT_FUNC_WASM ? interp_invoke(store, func, slots, &r)
                                             : rt_host_invoke(store, func, NULL, slots, &r);
    if (RT_LIKELY(!stopped)) {
        k = 0;
        for (uint32_t i = 0; i < t->nresults; i++) {
            uint8_t ty = t->types[t->nparams + i];
            results[i] = rt_slots_to_value(ty, slots + k);
            k += mod_type_slots(ty);
        }
    }
    if (RT_UNLIKELY(slots != small)) base_free(store->alloc, slots, nslots * sizeof *slots);
    if (RT_LIKELY(!stopped)) return base_ok();
    return r;
}

/* ---- the caller ---- */

struct wisp_memory *wisp_caller_memory(struct wisp_caller *caller) {
    return caller && caller->inst ? caller->inst->caller_mem : NULL;
}

bool wisp_caller_export(struct wisp_caller *caller, const char *name, struct wisp_extern *out) {
    if (!caller || !caller->inst) return false;
    return wisp_instance_export(caller->inst, name, out);
}
