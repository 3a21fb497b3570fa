/* Private helpers shared by the files of src/runtime (not used by the interpreter). */
#ifndef WISP_RUNTIME_RT_INTERNAL_H
#define WISP_RUNTIME_RT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../base/alloc.h"
#include "../base/result.h"
#include "../decode/module.h"
#include "runtime.h"

#define RT_PAGE_SIZE 65536u
#define RT_MAX_PAGES 65536u
#define RT_MAX_MEMORY_BYTES ((uint64_t)RT_MAX_PAGES * RT_PAGE_SIZE)

/* A WISP_ERR_ARGUMENT result that needs no allocation (for NULL handles and objects without a
 * store pointer): msg must be a string literal; the result does not own it (owner_ is NULL). */
static inline struct wisp_result rt_bad_arg(const char *msg) {
    struct wisp_result r = base_ok();
    r.kind = WISP_ERROR;
    r.error = WISP_ERR_ARGUMENT;
    r.message = (char *)(uintptr_t)msg;
    return r;
}

/* rt_object.kind: the four extern kinds, plus instances. */
#define RT_OBJ_INSTANCE 4u

/* Every store object is one allocation: the header, padded to 16 bytes, then the payload. */
#define RT_OBJ_HDR_SIZE ((sizeof(struct rt_object) + 15u) & ~(size_t)15u)

/* Allocates a zeroed object of `payload` bytes and puts it on the store's list; returns the
 * payload or NULL if out of memory. */
void *rt_obj_new(struct wisp_store *s, uint8_t kind, size_t payload);
/* Frees every object created after `mark` (a previous value of s->objects): the undo of a
 * failed instantiation that had no outside effects yet. */
void rt_store_unwind(struct wisp_store *s, struct rt_object *mark);

/* Sets up a zeroed memory of the given type (reserving its maximum, committing its minimum).
 * Errors: WISP_ERR_LIMIT past the configured cap, WISP_ERR_OUT_OF_MEMORY. */
struct wisp_result rt_memory_setup(struct wisp_store *s, struct wisp_memory *mem, const struct mod_memtype *type);
void rt_memory_release(struct wisp_memory *mem);

/* Sets up a table of the given type, every element `init`. Errors as for memories. */
struct wisp_result rt_table_setup(struct wisp_store *s, struct wisp_table *t, const struct mod_tabletype *type,
                                  uintptr_t init);
void rt_table_release(struct wisp_table *t);

/* ---- engine pools (pool.c): value stacks and memory reservations given back by freed stores,
 * reused by new ones. Safe to use from any thread. ---- */
struct rt_pools *rt_pools_new(const struct wisp_allocator *a);
/* Releases the pools and what they hold; only once no store of the engine is left. */
void rt_pools_free(const struct wisp_allocator *a, struct rt_pools *p);
/* Takes a value stack of the engine's size (with the call records given back with it, if any)
 * into x's stack, stack_end, frames and frames_bytes; false if the pool has none. */
bool rt_pool_take_exec(struct wisp_engine *e, struct rt_exec *x);
/* Gives x's stack and call records to the pool; false if it is full (the caller frees them). */
bool rt_pool_give_exec(struct wisp_engine *e, struct rt_exec *x);
/* Takes a reservation of exactly `reserved` bytes whose first *committed bytes are readable,
 * writable and zero, the rest inaccessible; NULL if the pool has none. */
uint8_t *rt_pool_take_memory(struct wisp_engine *e, uint64_t reserved, uint64_t *committed);
/* Whether the memory pool has a free slot now (a hint: saves cleaning what would not fit). */
bool rt_pool_memory_room(const struct wisp_engine *e);
/* Gives a reservation in that state to the pool; false if it is full (the caller releases it). */
bool rt_pool_give_memory(struct wisp_engine *e, uint8_t *data, uint64_t reserved, uint64_t committed);

/* Frees what an instance owns beyond its own block (memories, table elements, segments). */
void rt_instance_release(struct wisp_instance *inst);

/* The public form of a module type (arrays point into *t). */
void rt_functype_pub(const struct mod_functype *t, struct wisp_functype *out);
/* Structural equality (does not trust hashes). */
bool rt_functype_same(const struct mod_functype *a, const struct mod_functype *b);
/* Whether a host-given function type is usable (known value types, counts within limits). */
bool rt_functype_valid(const struct wisp_functype *type);

/* The type of entry `index` of kind `kind` (enum mod_extern) of the module's index spaces. */
void rt_module_externtype(const struct module *m, uint8_t kind, uint32_t index, struct wisp_externtype *out);

/* Checks that ext satisfies import imp of m. Returns 0 if it does, 1 on a kind or type mismatch,
 * 2 if ext names no object. */
int rt_import_check(const struct module *m, const struct mod_import *imp, const struct wisp_extern *ext);

/* Evaluates a validated constant expression of inst into out[0..1] (slot form). Returns 0, or -1
 * on an allocation failure or an expression the evaluator does not know. */
int rt_const_eval(const struct wisp_instance *inst, struct mod_expr e, uint64_t out[2]);


#endif
