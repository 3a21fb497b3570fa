/* Private declarations of the wasm.h implementation (src/capi): the objects behind the opaque
 * wasm.h types and the helpers the files share. wasm.h is a thin layer over wisp.h. */
#ifndef WISP_CAPI_CAPI_H
#define WISP_CAPI_CAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/alloc.h"
#include "../base/result.h"
#include "../runtime/runtime.h"
#include "wasm.h"
#include "wasm_wisp.h"

/* Objects without an engine (vectors, type objects, configs) use the C library allocator: a
 * vector made by us is freed by the caller through wasm_*_vec_delete, which has no context. */
extern const struct wisp_allocator capi_libc;

/* ---- engine, store ---- */

struct wasm_config_t {
    struct wisp_config cfg;
};

struct wasm_engine_t {
    struct wisp_engine *we;
};

struct capi_ref;
struct capi_module_core;

/* Pointer -> reference map with open addressing (keys are never removed). */
struct capi_map {
    void **keys;
    struct capi_ref **vals;
    size_t cap; /* 0 or a power of two */
    size_t count;
};

struct wasm_store_t {
    wasm_engine_t *engine;
    struct wisp_store *ws;
    struct wisp_allocator alloc;      /* the engine's */
    struct capi_ref *objects;         /* store-owned references, newest first */
    struct capi_map map;              /* runtime object (or self, for externref) -> reference */
    struct capi_module_core **cores;  /* modules this store's instances use (one reference each) */
    size_t ncores, cores_cap;
    struct capi_ref **pinned;         /* counted references held because wasm may see them */
    size_t npinned, pinned_cap;
    struct capi_ref *oom_trap;        /* returned when a trap cannot be allocated */
    char *last_error;
    enum wisp_error_code last_code;
};

/* Records an error message (formatted) on the store, replacing the previous one. */
void capi_set_error(wasm_store_t *s, enum wisp_error_code code, const char *fmt, ...) BASE_PRINTF(3, 4);
/* Records the error of a failed wisp result (its message, or a generic one). */
void capi_set_error_result(wasm_store_t *s, const struct wisp_result *r);
void capi_clear_error(wasm_store_t *s);

/* Grows a pointer array held by the store. Returns false if out of memory. */
bool capi_push(wasm_store_t *s, void ***items, size_t *n, size_t *cap, void *item);

/* ---- references ---- */

/* What a reference is; the four extern kinds use wasm.h's numbers. */
enum capi_kind {
    CAPI_FUNC = WASM_EXTERN_FUNC,
    CAPI_GLOBAL = WASM_EXTERN_GLOBAL,
    CAPI_TABLE = WASM_EXTERN_TABLE,
    CAPI_MEMORY = WASM_EXTERN_MEMORY,
    CAPI_INSTANCE = 4,
    CAPI_FOREIGN = 5,
    CAPI_TRAP = 6,
    CAPI_MODULE = 7,
};

/* The object behind every wasm_ref_t, wasm_func_t, wasm_extern_t, ... (the wasm.h handle types
 * stay incomplete; a handle pointer is a struct capi_ref pointer). A runtime object of a store
 * has exactly one reference (found through the store's map), so identity and host info are
 * per object; such references live until the store is deleted and *_delete does nothing.
 * Traps and module handles are counted: copy adds a count, delete drops one. */
struct capi_ref {
    uint8_t kind;      /* enum capi_kind */
    bool counted;
    size_t refs;       /* counted references only */
    wasm_store_t *store;
    void *rt;          /* wisp_func/global/table/memory/instance, module core, raw host pointer
                        * (a foreign wrapping a wisp.h externref), or NULL */
    void *host_info;
    void (*finalizer)(void *);
    struct capi_ref *next; /* store-owned list */
    struct wisp_allocator alloc;
    size_t size;       /* bytes of the allocation */
};

#define CAPI_REF(p) ((struct capi_ref *)(void *)(p))
#define CAPI_CREF(p) ((const struct capi_ref *)(const void *)(p))

/* The reference of runtime object rt (kind CAPI_FUNC..CAPI_INSTANCE) in store s, made on first
 * use. NULL if out of memory. */
struct capi_ref *capi_ref_of(wasm_store_t *s, uint8_t kind, void *rt);
/* A new store-owned reference (not in the map). NULL if out of memory. */
struct capi_ref *capi_ref_new_owned(wasm_store_t *s, uint8_t kind, void *rt);
/* A new counted reference with one count, of `size` bytes (>= sizeof(struct capi_ref)). */
struct capi_ref *capi_ref_new_counted(wasm_store_t *s, const struct wisp_allocator *a, uint8_t kind, size_t size);
/* Drops a count of a counted reference (frees it at zero); nothing for store-owned ones. */
void capi_ref_release(struct capi_ref *r);
/* Adds a count (counted references) and returns r. */
struct capi_ref *capi_ref_retain(struct capi_ref *r);
/* Runs and clears the host-info finalizer. */
void capi_ref_finalize(struct capi_ref *r);

/* Whether a reference names a runtime object of the extern kinds. */
static inline bool capi_is_extern(const struct capi_ref *r) { return r && r->kind <= CAPI_MEMORY; }

/* ---- values ---- */

/* wasm.h value kind <-> wisp value type code; 0 / 255 when there is no counterpart. */
uint8_t capi_kind_to_wisp(wasm_valkind_t k);
wasm_valkind_t capi_kind_from_wisp(uint8_t t);

/* Converts a wasm.h value to wisp form for a slot of wisp type `type`. Returns NULL on success or
 * a static message saying why not (kind mismatch, foreign store, out of memory). */
const char *capi_val_to_wisp(wasm_store_t *s, const wasm_val_t *v, uint8_t type, struct wisp_value *out);
/* Converts a wisp value to a wasm.h one (references become owned handles). Returns NULL on success
 * or a static message (v128, out of memory). */
const char *capi_val_from_wisp(wasm_store_t *s, const struct wisp_value *v, wasm_val_t *out);
/* A reference as a wisp reference of type `type` (funcref/externref); message as above. */
const char *capi_ref_to_wisp(wasm_store_t *s, const wasm_ref_t *ref, uint8_t type, struct wisp_value *out);

/* ---- types ---- */

/* Extern type objects share this header, so a functype* is also an externtype*. */
struct wasm_externtype_t {
    uint8_t kind; /* wasm_externkind_t */
};

struct wasm_valtype_t {
    wasm_valkind_t kind;
};

struct wasm_functype_t {
    struct wasm_externtype_t ext;
    wasm_valtype_vec_t params;
    wasm_valtype_vec_t results;
};

struct wasm_globaltype_t {
    struct wasm_externtype_t ext;
    wasm_valtype_t *content;
    wasm_mutability_t mutability;
};

struct wasm_tabletype_t {
    struct wasm_externtype_t ext;
    wasm_valtype_t *element;
    wasm_limits_t limits;
};

struct wasm_memorytype_t {
    struct wasm_externtype_t ext;
    wasm_limits_t limits;
};

struct wasm_importtype_t {
    wasm_name_t module;
    wasm_name_t name;
    wasm_externtype_t *type;
};

struct wasm_exporttype_t {
    wasm_name_t name;
    wasm_externtype_t *type;
};

/* The valtype object for a kind (valtypes are immutable singletons); NULL if unknown. */
wasm_valtype_t *capi_valtype(wasm_valkind_t kind);

/* Builds wasm.h types from wisp ones (owned results; NULL if out of memory). */
wasm_functype_t *capi_functype_from_wisp(const struct wisp_functype *t);
wasm_externtype_t *capi_externtype_from_wisp(const struct wisp_externtype *t);
void capi_limits_from_wisp(const struct wisp_limits *in, wasm_limits_t *out);
void capi_limits_to_wisp(const wasm_limits_t *in, struct wisp_limits *out);

/* Converts a wasm.h function type to wisp form; the codes go to buf (cap bytes) or, if that is
 * too small, to a block from `a` returned in *heap (free with base_free(a, *heap, *heap_size)).
 * Returns false if a kind is unknown or out of memory. */
bool capi_functype_to_wisp(const wasm_functype_t *ft, struct wisp_functype *out, uint8_t *buf, size_t cap,
                           const struct wisp_allocator *a, uint8_t **heap, size_t *heap_size);

/* ---- modules ---- */

/* The compiled module, shared by every handle in every store and thread. */
struct capi_module_core {
#ifndef __STDC_NO_ATOMICS__
    _Atomic size_t refs;
#else
    size_t refs; /* no C11 atomics: sharing across threads is then unsafe */
#endif
    struct wisp_module *wm;
    struct wisp_engine *we;
};

void capi_core_retain(struct capi_module_core *c);
void capi_core_release(struct capi_module_core *c);

/* ---- traps ---- */

/* One frame as kept in a trap. */
struct capi_frame_rec {
    const struct wisp_instance *inst;
    uint32_t func_index;
    uint32_t module_offset; /* UINT32_MAX if unknown */
    uint32_t func_offset;   /* from the function's body; computed while the instance exists */
};

struct capi_trap {
    struct capi_ref ref;
    enum wisp_trap_code code;
    size_t msg_len;  /* without the NUL */
    char *msg;       /* NUL-terminated, inside this block */
    struct capi_frame_rec *frames; /* inside this block */
    size_t nframes;
};

/* A trap made from a failed wisp result (trap, exit or error). Never NULL: when out of memory it
 * is the store's preallocated out-of-memory trap. */
wasm_trap_t *capi_trap_from_result(wasm_store_t *s, const struct wisp_result *r);
/* A trap with a message (C string). Never NULL, as above. */
wasm_trap_t *capi_trap_from_message(wasm_store_t *s, enum wisp_trap_code code, const char *msg);
/* Frees a trap whose count dropped to zero (called by capi_ref_release). */
void capi_trap_free(struct capi_ref *r);
/* Frees a module handle whose count dropped to zero. */
void capi_module_handle_free(struct capi_ref *r);

/* ---- externs ---- */

/* The wisp extern of a reference of an extern kind. */
void capi_extern_to_wisp(const struct capi_ref *r, struct wisp_extern *out);
/* wisp extern kind -> capi kind and back. */
uint8_t capi_kind_from_wisp_extern(enum wisp_extern_kind k);

#endif
