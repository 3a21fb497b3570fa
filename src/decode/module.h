/* The decoded form of a module: everything the binary says, checked for well-formedness only.
 * Produced by dec_module(), checked by val_module(), compiled by the interp backend. Immutable
 * after wisp_module_new() returns, so one module can be instantiated from several threads. */
#ifndef WISP_DECODE_MODULE_H
#define WISP_DECODE_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/alloc.h"
#include "wisp.h"

/* Implementation limits (at least the JS-API limits); exceeding one is WISP_ERR_LIMIT... except
 * where the spec itself demands a malformed/invalid error, which comes first. */
#define MOD_MAX_TYPES 1000000u
#define MOD_MAX_FUNCS 1000000u
#define MOD_MAX_IMPORTS 100000u
#define MOD_MAX_EXPORTS 100000u
#define MOD_MAX_GLOBALS 1000000u
#define MOD_MAX_DATA_SEGMENTS 100000u
#define MOD_MAX_ELEM_SEGMENTS 10000000u
#define MOD_MAX_TABLES 100000u
#define MOD_MAX_PARAMS 1000u
#define MOD_MAX_RESULTS 1000u
#define MOD_MAX_LOCALS 50000u        /* per function, params included */
/* All functions together, params included: validating and compiling a body costs time in
 * proportion to its declared locals, and a function of 50,000 locals takes 8 bytes, so without
 * this an 8 MB module could keep the validator busy for a minute. */
#define MOD_MAX_TOTAL_LOCALS 100000000u
#define MOD_MAX_BODY_SIZE 7654321u   /* bytes per function body */
#define MOD_MAX_MODULE_SIZE (1u << 30)
#define MOD_MAX_PAGES 65536u         /* 4 GiB of 64 KiB pages */
#define MOD_MAX_TABLE_SIZE 10000000u

enum mod_extern { MOD_FUNC = 0, MOD_TABLE = 1, MOD_MEMORY = 2, MOD_GLOBAL = 3 };

/* A function type: params then results in one array. */
struct mod_functype {
    uint32_t nparams;
    uint32_t nresults;
    uint8_t *types; /* nparams + nresults valtype codes (NULL if both 0) */
    uint32_t hash;  /* of the shape, to make structural comparisons cheap */
};

struct mod_limits {
    uint64_t min;
    uint64_t max;
    bool has_max;
};

struct mod_tabletype {
    uint8_t elem; /* 0x70 funcref / 0x6f externref */
    struct mod_limits lim;
};

struct mod_memtype {
    struct mod_limits lim;
};

struct mod_globaltype {
    uint8_t type;
    bool mut;
};

/* A constant expression, kept as the raw bytes [start, start+len) of the module, `end` (0x0B)
 * included. The validator checks it; the runtime evaluates it. */
struct mod_expr {
    uint32_t start;
    uint32_t len;
};

struct mod_import {
    char *module; /* NUL-terminated copy; may contain embedded NULs (use the lengths) */
    char *name;
    uint32_t module_len;
    uint32_t name_len;
    uint8_t kind; /* enum mod_extern */
    union {
        uint32_t func_type; /* type index */
        struct mod_tabletype table;
        struct mod_memtype mem;
        struct mod_globaltype global;
    } of;
    uint32_t offset; /* of the import entry, for error messages */
};

struct mod_export {
    char *name;
    uint32_t name_len;
    uint8_t kind;
    uint32_t index;
    uint32_t offset; /* of the export entry, for error messages */
};

enum mod_seg_mode { MOD_SEG_ACTIVE = 0, MOD_SEG_PASSIVE = 1, MOD_SEG_DECLARATIVE = 2 };

struct mod_elem {
    uint8_t mode;     /* enum mod_seg_mode */
    uint8_t type;     /* element reference type (0x70 / 0x6f) */
    uint32_t table;   /* active only */
    struct mod_expr offset; /* active only */
    uint32_t count;
    /* Exactly one of these is non-NULL when count > 0: the function-index form (flags 0-3)
     * or the expression form (flags 4-7). */
    uint32_t *func_indices;
    struct mod_expr *exprs;
    uint32_t offset_in_module; /* of the segment, for messages */
};

struct mod_data {
    uint8_t mode;     /* MOD_SEG_ACTIVE or MOD_SEG_PASSIVE */
    uint32_t memory;
    struct mod_expr offset;
    uint32_t start;   /* bytes [start, start+len) of the module */
    uint32_t len;
    uint32_t offset_in_module; /* of the segment, for messages */
};

/* A run of `count` locals of one type, as declared. Kept compressed: a body of a few bytes may
 * declare thousands of locals and we never expand before validation asks. */
struct mod_localrun {
    uint32_t count;
    uint8_t type;
};

/* A defined function's body. */
struct mod_code {
    uint32_t body_start;   /* offset of the body's size-prefixed content (first local-decl byte) */
    uint32_t body_len;
    uint32_t expr_start;   /* offset of the first instruction */
    uint32_t nruns;
    struct mod_localrun *runs;
    uint32_t nlocals;      /* declared locals, params excluded (checked against MOD_MAX_LOCALS) */
};

/* name section: function names (sparse, sorted by index) */
struct mod_name {
    uint32_t index;
    char *name;
};

struct mod_custom {
    char *name;
    uint32_t name_len;
    uint32_t start; /* content bytes after the name */
    uint32_t len;
};

struct module {
    struct wisp_allocator alloc;
    /* The allocator given to dec_module (which must outlive the module, as the engine's does):
     * the results built from the module by later passes (validation errors) are allocated with
     * it, so they stay valid after the module is freed. m->alloc is a copy of *owner_alloc. */
    const struct wisp_allocator *owner_alloc;
    uint8_t *bytes; /* owned copy of the binary */
    uint32_t size;

    struct mod_functype *types;
    uint32_t ntypes;

    struct mod_import *imports;
    uint32_t nimports;

    /* Index spaces: imported entries first, then defined ones. */
    uint32_t *func_types; /* type index per function */
    uint32_t nfuncs, nfuncs_imported;
    struct mod_tabletype *tables;
    uint32_t ntables, ntables_imported;
    struct mod_memtype *mems;
    uint32_t nmems, nmems_imported;
    struct mod_globaltype *globals;
    uint32_t nglobals, nglobals_imported;
    struct mod_expr *global_inits; /* per defined global: globals[nglobals_imported + i] */
    /* Where each entry of the index spaces above is declared (byte offset), for messages: the
     * import entry for imported ones; else the function section's type index, the table or
     * memory type, the global type. Same lengths as the arrays they describe. */
    uint32_t *func_offsets;
    uint32_t *table_offsets;
    uint32_t *mem_offsets;
    uint32_t *global_offsets;

    struct mod_export *exports;
    uint32_t nexports;

    bool has_start;
    uint32_t start;
    uint32_t start_offset; /* of the start section's function index */

    struct mod_elem *elems;
    uint32_t nelems;

    struct mod_data *datas;
    uint32_t ndatas;
    bool has_datacount;
    uint32_t datacount;

    struct mod_code *codes; /* per defined function: funcs[nfuncs_imported + i] */
    uint32_t ncodes;

    struct mod_custom *customs;
    uint32_t ncustoms;

    char *module_name; /* from the name section, or NULL */
    struct mod_name *func_names;
    uint32_t nfunc_names;

    /* Filled by validation: functions that may be referenced by ref.func (declared in an element
     * segment, export or global initializer); one byte per function, 1 = declared. */
    uint8_t *func_declared;

    /* Filled by compilation: one entry per defined function (ncodes entries). Owned by the
     * runtime: wisp_module_free releases them with interp_code_free before calling mod_free,
     * which ignores this field. */
    struct interp_code **compiled;
};

/* Frees everything the module owns, including the module struct itself (which must have been
 * allocated with m->alloc). Safe on partially built modules. */
void mod_free(struct module *m);

/* Name of function idx from the name section, or NULL (binary search). */
const char *mod_func_name(const struct module *m, uint32_t idx);

/* Structural equality of two function types. */
bool mod_functype_eq(const struct mod_functype *a, const struct mod_functype *b);

/* The shape hash of a function type (mod_functype.hash): FNV-1a over the two counts (4 bytes
 * each, little end first) and the type codes. One definition for the decoder and the runtime
 * (host functions), so that equal shapes always hash alike. */
static inline uint32_t mod_functype_hash(const struct mod_functype *t) {
    uint32_t h = 2166136261u;
    const uint32_t words[2] = {t->nparams, t->nresults};
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < 4; i++) h = (h ^ ((words[w] >> (8 * i)) & 0xffu)) * 16777619u;
    size_t n = (size_t)t->nparams + t->nresults;
    for (size_t i = 0; i < n; i++) h = (h ^ t->types[i]) * 16777619u;
    return h;
}

/* Number of 8-byte value slots a value of this type takes (v128: 2, others 1). */
static inline uint32_t mod_type_slots(uint8_t t) { return t == 0x7b ? 2u : 1u; }

#endif
