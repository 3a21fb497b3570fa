/* Runtime objects shared by the public API (src/runtime) and the interpreter (src/interp).
 * The public opaque types of wisp.h are defined here. Values are kept in "slot" form: 8 bytes,
 * i32/f32 in the low 32 bits (upper bits zero), i64/f64 as is, references as a pointer cast to
 * uintptr_t (0 = null; funcref points at a struct wisp_func); a v128 takes two slots. */
#ifndef WISP_RUNTIME_RUNTIME_H
#define WISP_RUNTIME_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../base/alloc.h"
#include "../base/result.h"
#include "../decode/module.h"
#include "wisp.h"

struct rt_pools; /* private to src/runtime (pool.c) */

struct wisp_engine {
    struct wisp_allocator alloc;
    struct wisp_config cfg;
    struct rt_pools *pools; /* value stacks and memory reservations for reuse by stores */
};

struct wisp_module {
    struct wisp_engine *engine;
    struct module *mod; /* decoded, validated, compiled */
};

enum rt_func_kind { RT_FUNC_WASM = 0, RT_FUNC_HOST = 1 };

struct wisp_func {
    uint8_t kind;                      /* enum rt_func_kind */
    const struct mod_functype *type;   /* into the module, or host_type below */
    struct wisp_functype pub_type;     /* the same type, public form */
    struct wisp_instance *inst;        /* wasm: the defining instance */
    uint32_t index;                    /* wasm: index in the module's function space */
    const struct interp_code *code;    /* wasm: compiled body */
    wisp_host_fn host;                 /* host */
    void *env;
    void (*finalizer)(void *env);
    struct mod_functype host_type;     /* host: owned copy of the type */
};

struct wisp_memory {
    uint8_t *data;          /* base of the reservation; [0, size) is accessible */
    uint64_t size;          /* bytes */
    uint64_t reserved;      /* bytes of address space reserved (data never moves below this) */
    struct mod_memtype type; /* current limits: min follows the size */
    uint64_t max_pages;     /* effective maximum (type max, config cap, 65536) */
    struct wisp_store *store;
};

struct wisp_table {
    uintptr_t *elems;
    uint64_t size;
    uint64_t cap;
    struct mod_tabletype type; /* current limits: min follows the size */
    uint64_t max_size;         /* effective maximum */
    struct wisp_store *store;
};

struct wisp_global {
    uint64_t val[2];           /* slot form; v128 uses both */
    struct mod_globaltype type;
};

/* An element segment's runtime copy: evaluated references; count 0 once dropped. Only passive
 * segments have refs (active and declarative ones are dropped by instantiation). To drop, set
 * count = 0 and leave refs: the instance frees it (its size is the module's segment count). */
struct rt_elem {
    uintptr_t *refs;
    uint32_t count;
};

struct wisp_instance {
    struct wisp_store *store;
    const struct wisp_module *module;
    const struct module *mod;
    struct wisp_func **funcs;     /* full function index space */
    struct wisp_table **tables;
    struct wisp_memory **mems;
    struct wisp_global **globals;
    struct rt_elem *elems;        /* one per element segment */
    bool *data_dropped;           /* one per data segment */
    struct wisp_func *own_funcs;  /* storage for defined functions */
    struct wisp_memory *mem0;     /* mems[0] or NULL: the interpreter's fast path */
    struct wisp_memory *caller_mem; /* what wisp_caller_memory returns: export "memory", else mem0 */
};

/* The execution state of a store: one value stack and call-depth counter, reused by nested
 * host->wasm->host->wasm calls. The stack (cfg value_stack_bytes) is allocated on first use by
 * rt_exec_ensure(); the runtime calls it before every interp_call it makes, and frees the
 * stack with the store. */
struct rt_exec {
    uint64_t *stack;       /* value stack (slots) */
    uint64_t *stack_end;
    uint64_t *sp;          /* first free slot for the next outermost/nested entry */
    uint32_t depth;        /* current wasm call depth */
    uint32_t max_depth;
    /* The interpreter's call records (private to src/interp), allocated by interp_call on first
     * use; the store frees them with base_free(alloc, frames, frames_bytes). */
    void *frames;
    size_t frames_bytes;
    uint32_t nest;         /* interp_call activations in progress (host->wasm re-entries) */
    /* Native stack position (an address in the outermost interp_call's frame) recorded when nest
     * goes from 0 to 1: nested activations measure their distance from it against
     * cfg.native_stack_bytes. Meaningless while nest == 0. */
    uintptr_t native_base;
};

/* Every object a store owns is on one list so the store can free them all. */
struct rt_object {
    struct rt_object *next;
    uint8_t kind;          /* enum wisp_extern_kind, or 4 for an instance */
    size_t size;
};

struct wisp_store {
    struct wisp_engine *engine;
    const struct wisp_allocator *alloc;
    struct rt_exec exec;
    struct rt_object *objects;
};

/* What a host function receives as its caller. */
struct wisp_caller {
    struct wisp_store *store;
    struct wisp_instance *inst; /* NULL when called directly from the host */
};

/* Grows a memory by delta pages; returns the old size in pages or -1 (no change) if the
 * maximum or the configured cap would be exceeded or memory is exhausted. */
int64_t rt_memory_grow(struct wisp_memory *mem, uint64_t delta);
/* Grows a table by delta elements set to init; returns old size or -1. */
int64_t rt_table_grow(struct wisp_table *t, uint64_t delta, uintptr_t init);

/* Calls a host function with args/results in slot form (results overwrite args from slot 0).
 * Returns 0 if it returned normally (*out untouched), else 1 with the trap, exit or error in *out. */
int rt_host_invoke(struct wisp_store *s, struct wisp_func *f, struct wisp_instance *caller, uint64_t *slots,
                   struct wisp_result *out);

/* The same as a result (inline, so that callers testing r.kind pay nothing for the OK result). */
static inline struct wisp_result rt_call_host(struct wisp_store *s, struct wisp_func *f, struct wisp_instance *caller,
                                              uint64_t *slots) {
    struct wisp_result r;
    if (rt_host_invoke(s, f, caller, slots, &r) == 0) return base_ok();
    return r;
}

/* Allocates the store's value stack if it does not exist yet (cheap when it does). Returns 0,
 * or -1 if out of memory. */
int rt_exec_ensure(struct wisp_store *s);

/* Converts between slot form and public values (inline: every host<->wasm call does it). */
static inline void rt_value_to_slots(const struct wisp_value *v, uint64_t *slots) {
    switch (v->type) {
    case WISP_I32: slots[0] = (uint32_t)v->of.i32; break;
    case WISP_I64: slots[0] = (uint64_t)v->of.i64; break;
    case WISP_F32: slots[0] = v->of.f32_bits; break;
    case WISP_F64: slots[0] = v->of.f64_bits; break;
    case WISP_V128: memcpy(slots, v->of.v128, 16); break;
    case WISP_FUNCREF: slots[0] = (uintptr_t)v->of.funcref; break;
    case WISP_EXTERNREF: slots[0] = (uintptr_t)v->of.externref; break;
    default: slots[0] = 0; break;
    }
}

static inline struct wisp_value rt_slots_to_value(uint8_t type, const uint64_t *slots) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = type;
    switch (type) {
    case WISP_I32: v.of.i32 = (int32_t)(uint32_t)slots[0]; break;
    case WISP_I64: v.of.i64 = (int64_t)slots[0]; break;
    case WISP_F32: v.of.f32_bits = (uint32_t)slots[0]; break;
    case WISP_F64: v.of.f64_bits = slots[0]; break;
    case WISP_V128: memcpy(v.of.v128, slots, 16); break;
    case WISP_FUNCREF: v.of.funcref = (struct wisp_func *)(uintptr_t)slots[0]; break;
    case WISP_EXTERNREF: v.of.externref = (void *)(uintptr_t)slots[0]; break;
    default: break;
    }
    return v;
}

#endif
