/* wisp.h: the native embedding API of wisp, a small sandboxed WebAssembly runtime.
 *
 * Object model (all types are opaque; no pointer-hiding typedefs):
 *   engine  - configuration and allocator; shared by modules and stores.
 *   module  - a decoded, validated and compiled module; immutable; keeps its own copy of the bytes.
 *   store   - owns instances and every runtime object (funcs, memories, tables, globals) created
 *             in it; all of them live until the store is freed. A store is used by one thread at a time.
 *   linker  - a name -> extern map used to resolve a module's imports at instantiation.
 *
 * Lifetimes: an engine outlives its modules and stores; a module outlives every store holding one
 * of its instances; a linker may be freed before or after its store. A result's strings belong to
 * the engine's allocator, so free results before the engine.
 *
 * Every call that can fail returns a `struct wisp_result`; release it with wisp_result_free(). */
#ifndef WISP_H
#define WISP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define WISP_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define WISP_API __attribute__((visibility("default")))
#else
#define WISP_API
#endif

#define WISP_VERSION "0.1.0"

/* ---- values and types ---------------------------------------------------------------- */

/* Value types; the numbers are the binary-format type codes. */
enum wisp_valtype {
    WISP_I32 = 0x7f,
    WISP_I64 = 0x7e,
    WISP_F32 = 0x7d,
    WISP_F64 = 0x7c,
    WISP_V128 = 0x7b,
    WISP_FUNCREF = 0x70,
    WISP_EXTERNREF = 0x6f,
};

/* Opaque objects. */
struct wisp_engine;
struct wisp_module;
struct wisp_store;
struct wisp_instance;
struct wisp_func;
struct wisp_memory;
struct wisp_table;
struct wisp_global;
struct wisp_linker;
struct wisp_caller;

/* A typed value. Floats are carried by bit pattern so NaN payloads survive.
 * funcref: a `struct wisp_func *` or NULL; externref: any host pointer, NULL is ref.null. */
struct wisp_value {
    uint8_t type; /* enum wisp_valtype */
    union {
        int32_t i32;
        int64_t i64;
        uint32_t f32_bits;
        uint64_t f64_bits;
        uint8_t v128[16];
        struct wisp_func *funcref;
        void *externref;
    } of;
};

/* A function type. The arrays hold enum wisp_valtype codes. */
struct wisp_functype {
    uint32_t param_count;
    uint32_t result_count;
    const uint8_t *params;
    const uint8_t *results;
};

struct wisp_limits {
    uint64_t min;
    uint64_t max; /* meaningful only if has_max */
    bool has_max;
};

struct wisp_tabletype {
    uint8_t elem_type; /* WISP_FUNCREF or WISP_EXTERNREF */
    struct wisp_limits limits;
};

struct wisp_memtype {
    struct wisp_limits limits; /* in 64 KiB pages */
};

struct wisp_globaltype {
    uint8_t type; /* enum wisp_valtype */
    bool mutable_;
};

enum wisp_extern_kind {
    WISP_EXTERN_FUNC = 0,
    WISP_EXTERN_TABLE = 1,
    WISP_EXTERN_MEMORY = 2,
    WISP_EXTERN_GLOBAL = 3,
};

struct wisp_externtype {
    enum wisp_extern_kind kind;
    union {
        struct wisp_functype func;
        struct wisp_tabletype table;
        struct wisp_memtype memory;
        struct wisp_globaltype global;
    } of;
};

/* ---- results ------------------------------------------------------------------------- */

enum wisp_result_kind {
    WISP_OK = 0,
    WISP_TRAP = 1,  /* the guest trapped; `trap` says why */
    WISP_EXIT = 2,  /* the guest asked to exit (e.g. WASI proc_exit); `exit_code` holds the status */
    WISP_ERROR = 3, /* the request failed before or outside execution; `error` says why */
};

enum wisp_trap_code {
    WISP_TRAP_NONE = 0,
    WISP_TRAP_UNREACHABLE,            /* "unreachable" */
    WISP_TRAP_MEMORY_OUT_OF_BOUNDS,   /* "out of bounds memory access" */
    WISP_TRAP_TABLE_OUT_OF_BOUNDS,    /* "out of bounds table access" */
    WISP_TRAP_UNDEFINED_ELEMENT,      /* "undefined element" (call_indirect index >= table size) */
    WISP_TRAP_UNINITIALIZED_ELEMENT,  /* "uninitialized element" (call_indirect on null) */
    WISP_TRAP_INDIRECT_CALL_MISMATCH, /* "indirect call type mismatch" */
    WISP_TRAP_INTEGER_DIVIDE_BY_ZERO, /* "integer divide by zero" */
    WISP_TRAP_INTEGER_OVERFLOW,       /* "integer overflow" */
    WISP_TRAP_INVALID_CONVERSION,     /* "invalid conversion to integer" */
    WISP_TRAP_CALL_STACK_EXHAUSTED,   /* "call stack exhausted" */
    WISP_TRAP_NULL_REFERENCE,         /* "null reference" (reserved for typed references) */
    WISP_TRAP_HOST,                   /* a host function reported a trap; see message */
    WISP_TRAP_OUT_OF_FUEL,            /* reserved for fuel metering */
    WISP_TRAP_INTERRUPTED,            /* reserved for asynchronous interruption */
    WISP_TRAP_COUNT_
};

enum wisp_error_code {
    WISP_ERR_NONE = 0,
    WISP_ERR_MALFORMED,     /* the bytes are not a well-formed binary module */
    WISP_ERR_INVALID,       /* the module is well formed but fails validation */
    WISP_ERR_UNLINKABLE,    /* an import is missing or has the wrong kind or type */
    WISP_ERR_LIMIT,         /* an implementation or configured limit was exceeded */
    WISP_ERR_OUT_OF_MEMORY, /* an allocation failed */
    WISP_ERR_ARGUMENT,      /* bad argument from the host (wrong value type, unknown export...) */
    WISP_ERR_NOT_FOUND,     /* a named export or import does not exist */
};

/* One wasm frame of a backtrace, innermost first. */
struct wisp_frame {
    uint32_t func_index;  /* in the module's function index space */
    const char *func_name; /* from the name section, or NULL; owned by the module */
    uint32_t offset;       /* byte offset of the instruction in the module, or UINT32_MAX */
    const struct wisp_instance *instance; /* the instance the function belongs to (added for wasm.h frames) */
};

/* The one result type. Release with wisp_result_free(); a WISP_OK result owns nothing. */
struct wisp_result {
    enum wisp_result_kind kind;
    enum wisp_trap_code trap;   /* when kind == WISP_TRAP */
    enum wisp_error_code error; /* when kind == WISP_ERROR */
    int32_t exit_code;          /* when kind == WISP_EXIT */
    char *message;              /* one line, NUL-terminated, or NULL */
    uint64_t offset;            /* byte offset in the module the failure relates to, or UINT64_MAX */
    uint32_t func_index;        /* function index the failure relates to, or UINT32_MAX */
    struct wisp_frame *frames;  /* wasm backtrace for traps, innermost first: frames[k] is frame #k of
                                   `backtrace`; at most the 256 innermost frames are kept */
    size_t frame_count;
    /* The whole wasm stack formatted one line per frame ("  #0 func[3] \"name\" @0x1a3\n"), or NULL.
     * Runs of three or more identical frames (deep recursion) are folded into their first line and
     * "  ... the frame above repeated 9998 more times\n"; past 256 frame lines the rest is counted
     * ("  ... 40 more frames not shown\n"); when anything is folded or not shown the last line
     * gives the total ("  (10000 frames in all)\n"). In names, control characters are shown as
     * \xNN and more than 200 bytes are cut to "...". */
    char *backtrace;
    void *owner_;               /* private: allocator that owns the strings */
};

WISP_API void wisp_result_free(struct wisp_result *r);

/* The spec-test wording of a trap code, e.g. "out of bounds memory access". */
WISP_API const char *wisp_trap_name(enum wisp_trap_code code);

/* ---- engine ---------------------------------------------------------------------------- */

/* Lua-style allocator: alloc(ud, ptr, old_size, new_size). new_size == 0 frees and returns NULL;
 * otherwise behaves like realloc (ptr may be NULL) and returns NULL on failure. */
typedef void *(*wisp_alloc_fn)(void *ud, void *ptr, size_t old_size, size_t new_size);

struct wisp_config {
    size_t size;                /* sizeof(struct wisp_config), set by wisp_config_init */
    wisp_alloc_fn alloc;        /* NULL: the C library's malloc/realloc/free */
    void *alloc_ud;
    uint32_t max_call_depth;    /* wasm call depth before "call stack exhausted"; default 10000 */
    uint64_t value_stack_bytes; /* wasm value stack per store; default 8 MiB */
    uint64_t max_memory_bytes;  /* cap on any one linear memory; default 4 GiB */
    uint64_t max_table_elems;   /* cap on any one table; default 10,000,000 */
    /* Native (C) stack that nested calls into wasm may use. A host function called by wasm may
     * call back into wasm (directly or through other host functions); such a nested call traps
     * with "call stack exhausted" when it would start more than this many bytes of stack away
     * from the outermost call into wasm on that thread. wasm->wasm calls take no native stack
     * (max_call_depth alone bounds them). Keep it well below the stack size of every thread that
     * calls into wasm: the innermost activation and the host functions it calls need room
     * beyond it. Default 256 KiB: about 120 nested levels in an optimised build, safe on threads
     * with 512 KiB of stack or more (1 MiB included). Builds with WISP_SANITIZE default to 4 MiB,
     * their frames being up to 35 times larger. 0 refuses every nested call into wasm. */
    uint64_t native_stack_bytes;
};

/* Fills *cfg with the defaults. */
WISP_API void wisp_config_init(struct wisp_config *cfg);

/* Creates an engine; cfg may be NULL for the defaults. Returns NULL if out of memory.
 * An engine may be shared by threads. It keeps up to 4 value stacks and 4 linear-memory
 * reservations of freed stores for reuse (zeroed before reuse); wisp_engine_free releases them. */
WISP_API struct wisp_engine *wisp_engine_new(const struct wisp_config *cfg);
/* Frees the engine. Every module and store made from it must be freed first. */
WISP_API void wisp_engine_free(struct wisp_engine *engine);

/* ---- modules --------------------------------------------------------------------------- */

/* Decodes, validates and compiles `len` bytes. The module keeps its own copy of the bytes.
 * On success *out is the module; on failure *out is NULL and the result says what and where
 * (WISP_ERR_MALFORMED / WISP_ERR_INVALID / WISP_ERR_LIMIT / WISP_ERR_OUT_OF_MEMORY). */
WISP_API struct wisp_result wisp_module_new(struct wisp_engine *engine, const uint8_t *bytes, size_t len,
                                            struct wisp_module **out);
/* Decodes and validates only (nothing is kept). */
WISP_API struct wisp_result wisp_module_validate(struct wisp_engine *engine, const uint8_t *bytes, size_t len);
WISP_API void wisp_module_free(struct wisp_module *module);

/* An import or export as described by the module. Strings are owned by the module and are
 * NUL-terminated; the lengths allow names that contain NUL. */
struct wisp_import_desc {
    const char *module;
    size_t module_len;
    const char *name;
    size_t name_len;
    struct wisp_externtype type;
};

struct wisp_export_desc {
    const char *name;
    size_t name_len;
    struct wisp_externtype type;
};

WISP_API size_t wisp_module_import_count(const struct wisp_module *module);
/* Describes import i; returns false if i is out of range. */
WISP_API bool wisp_module_import(const struct wisp_module *module, size_t i, struct wisp_import_desc *out);
WISP_API size_t wisp_module_export_count(const struct wisp_module *module);
WISP_API bool wisp_module_export(const struct wisp_module *module, size_t i, struct wisp_export_desc *out);
/* The function's name from the name section, or NULL. */
WISP_API const char *wisp_module_func_name(const struct wisp_module *module, uint32_t func_index);

/* ---- stores and runtime objects --------------------------------------------------------- */

WISP_API struct wisp_store *wisp_store_new(struct wisp_engine *engine);
/* Frees the store and every instance and object in it (running host finalizers). */
WISP_API void wisp_store_free(struct wisp_store *store);

/* An extern: a reference to a runtime object of the given kind. */
struct wisp_extern {
    enum wisp_extern_kind kind;
    union {
        struct wisp_func *func;
        struct wisp_table *table;
        struct wisp_memory *memory;
        struct wisp_global *global;
    } of;
};

/* What a host function sees of its caller. */
struct wisp_caller;

/* The calling instance's exported memory named "memory", else its memory 0, or NULL. */
WISP_API struct wisp_memory *wisp_caller_memory(struct wisp_caller *caller);
/* An export of the calling instance; false if absent. */
WISP_API bool wisp_caller_export(struct wisp_caller *caller, const char *name, struct wisp_extern *out);
WISP_API struct wisp_store *wisp_caller_store(struct wisp_caller *caller);

/* A host function. args/results are sized by its type. Return wisp_ok() to continue; a
 * WISP_TRAP or WISP_EXIT result unwinds the guest and is returned by the outer call. */
typedef struct wisp_result (*wisp_host_fn)(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                           struct wisp_value *results);

WISP_API struct wisp_result wisp_ok(void);
/* A trap result with a host message (copied), for host functions to return. */
WISP_API struct wisp_result wisp_trap_new(struct wisp_store *store, const char *message);
/* An exit result, for host functions that end the guest (WASI proc_exit). */
WISP_API struct wisp_result wisp_exit_new(int32_t code);

/* Creates a host function in the store. The type is copied. finalizer(env), if given, runs when the
 * store is freed. Returns NULL if out of memory. */
WISP_API struct wisp_func *wisp_func_new(struct wisp_store *store, const struct wisp_functype *type, wisp_host_fn fn,
                                         void *env, void (*finalizer)(void *env));
WISP_API const struct wisp_functype *wisp_func_type(const struct wisp_func *func);
/* Calls a function. nargs/nresults must match its type exactly (else WISP_ERR_ARGUMENT). */
WISP_API struct wisp_result wisp_func_call(struct wisp_store *store, struct wisp_func *func,
                                           const struct wisp_value *args, size_t nargs, struct wisp_value *results,
                                           size_t nresults);

/* Host-created memories, tables and globals. Return NULL on bad type or out of memory. */
WISP_API struct wisp_memory *wisp_memory_new(struct wisp_store *store, const struct wisp_memtype *type);
WISP_API struct wisp_table *wisp_table_new(struct wisp_store *store, const struct wisp_tabletype *type,
                                           struct wisp_value init);
WISP_API struct wisp_global *wisp_global_new(struct wisp_store *store, const struct wisp_globaltype *type,
                                             struct wisp_value value);

/* Linear memory. data stays valid until the memory grows. */
WISP_API uint8_t *wisp_memory_data(struct wisp_memory *mem);
WISP_API uint64_t wisp_memory_size(const struct wisp_memory *mem); /* bytes */
WISP_API uint64_t wisp_memory_pages(const struct wisp_memory *mem);
WISP_API void wisp_memory_type(const struct wisp_memory *mem, struct wisp_memtype *out);
/* Grows by delta pages; *old_pages receives the previous size. Fails if past the maximum. */
WISP_API struct wisp_result wisp_memory_grow(struct wisp_memory *mem, uint64_t delta, uint64_t *old_pages);
/* Bounds-checked copies between host buffers and linear memory. */
WISP_API struct wisp_result wisp_memory_read(struct wisp_memory *mem, uint64_t offset, void *buf, size_t len);
WISP_API struct wisp_result wisp_memory_write(struct wisp_memory *mem, uint64_t offset, const void *buf, size_t len);

WISP_API void wisp_global_type(const struct wisp_global *g, struct wisp_globaltype *out);
WISP_API struct wisp_value wisp_global_get(const struct wisp_global *g);
/* Fails if the global is immutable or the value has the wrong type. */
WISP_API struct wisp_result wisp_global_set(struct wisp_global *g, struct wisp_value value);

WISP_API void wisp_table_type(const struct wisp_table *t, struct wisp_tabletype *out);
WISP_API uint64_t wisp_table_size(const struct wisp_table *t);
WISP_API struct wisp_result wisp_table_get(const struct wisp_table *t, uint64_t index, struct wisp_value *out);
WISP_API struct wisp_result wisp_table_set(struct wisp_table *t, uint64_t index, struct wisp_value value);
WISP_API struct wisp_result wisp_table_grow(struct wisp_table *t, uint64_t delta, struct wisp_value init,
                                            uint64_t *old_size);

/* ---- instances ---------------------------------------------------------------------------- */

/* Instantiates with imports given in the module's import order (count must match). Runs the
 * segment initialisation and the start function. On a trap during start, the instance is not
 * returned but the effects on imported objects remain (2.0 semantics). */
WISP_API struct wisp_result wisp_instance_new(struct wisp_store *store, const struct wisp_module *module,
                                              const struct wisp_extern *imports, size_t nimports,
                                              struct wisp_instance **out);
WISP_API const struct wisp_module *wisp_instance_module(const struct wisp_instance *inst);
/* Looks up an export by name; false if absent. */
WISP_API bool wisp_instance_export(const struct wisp_instance *inst, const char *name, struct wisp_extern *out);
WISP_API size_t wisp_instance_export_count(const struct wisp_instance *inst);
/* The i-th export: its name (owned by the module) and extern. */
WISP_API bool wisp_instance_export_at(const struct wisp_instance *inst, size_t i, const char **name,
                                      struct wisp_extern *out);
/* Convenience: calls the exported function `name`. */
WISP_API struct wisp_result wisp_instance_call(struct wisp_instance *inst, const char *name,
                                               const struct wisp_value *args, size_t nargs, struct wisp_value *results,
                                               size_t nresults);

/* ---- linker ---------------------------------------------------------------------------- */

WISP_API struct wisp_linker *wisp_linker_new(struct wisp_store *store);
WISP_API void wisp_linker_free(struct wisp_linker *linker);
/* Defines module.name as ext (names are copied). A later definition of the same name replaces it. */
WISP_API struct wisp_result wisp_linker_define(struct wisp_linker *linker, const char *module, const char *name,
                                               struct wisp_extern ext);
/* Defines a host function module.name. */
WISP_API struct wisp_result wisp_linker_define_func(struct wisp_linker *linker, const char *module, const char *name,
                                                    const struct wisp_functype *type, wisp_host_fn fn, void *env,
                                                    void (*finalizer)(void *env));
/* Defines every export of inst under the module name. */
WISP_API struct wisp_result wisp_linker_define_instance(struct wisp_linker *linker, const char *module,
                                                        const struct wisp_instance *inst);
/* Resolves the module's imports by name, checks kinds and types (WISP_ERR_UNLINKABLE naming the
 * import otherwise) and instantiates. */
WISP_API struct wisp_result wisp_linker_instantiate(struct wisp_linker *linker, const struct wisp_module *module,
                                                    struct wisp_instance **out);

#ifdef __cplusplus
}
#endif
#endif
