/* wasm_wisp.h: wisp extensions to the standard C API of wasm.h (kept out of wasm.h so that header
 * stays the standard one). Include it after, or instead of, wasm.h; it also includes wisp.h.
 *
 * Errors wasm.h cannot express. wasm_module_new, wasm_module_validate, wasm_module_deserialize
 * and wasm_instance_new only say "it failed" (NULL/false); the store remembers why:
 *
 *     wasm_module_t *m = wasm_module_new(store, &bytes);
 *     if (!m) fprintf(stderr, "compile failed: %s\n", wisp_capi_last_error(store));
 *
 * Each of those calls clears the store's last error when it succeeds. Other calls that fail
 * without a way to say why (wasm_*_new of runtime objects, wasm_global_set, wasm_table_set/grow,
 * wasm_memory_grow) also record a message there on failure.
 *
 * References and externref: a funcref value is a wasm_func_t of the store (as a wasm_ref_t). An
 * externref value can be any reference (usually a wasm_foreign_t): wasm code receives it as an
 * opaque value and gives the same object back, with its host info. A non-null externref that was
 * put into the store through wisp.h (a raw host pointer) appears in wasm.h as a wasm_foreign_t
 * wrapping that pointer, and turns back into the same pointer on the way in.
 *
 * v128 values cannot be carried by wasm_val_t: wasm_func_type reports them with the kind
 * WISP_CAPI_V128 (4, the number other engines use), and calling such a function through wasm.h
 * returns a trap saying so. */
#ifndef WASM_WISP_H
#define WASM_WISP_H

#include "wasm.h"
#include "wisp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The valkind wasm_valtype_kind reports for v128 (not accepted by wasm_valtype_new). */
#define WISP_CAPI_V128 ((wasm_valkind_t)4)

/* Why the last failing call on this store failed, or NULL if the last such call succeeded.
 * The string belongs to the store and stays valid until the next call that records an error. */
WASM_API_EXTERN const char *wisp_capi_last_error(const wasm_store_t *store);
/* The kind of that error: WISP_ERR_MALFORMED (not a module), WISP_ERR_INVALID (fails validation),
 * WISP_ERR_UNLINKABLE (imports do not match), WISP_ERR_LIMIT, WISP_ERR_OUT_OF_MEMORY,
 * WISP_ERR_ARGUMENT; WISP_ERR_NONE if there is none. A trap in a start function records
 * WISP_ERR_NONE with the trap's message. */
WASM_API_EXTERN enum wisp_error_code wisp_capi_last_error_code(const wasm_store_t *store);

/* Why a trap happened (WISP_TRAP_HOST for traps made by wasm_trap_new or a host callback). */
WASM_API_EXTERN enum wisp_trap_code wisp_capi_trap_code(const wasm_trap_t *trap);

/* The native configuration inside a wasm_config_t: set the allocator and the limits here before
 * wasm_engine_new_with_config. Every store-bound object then uses that allocator; vectors and
 * type objects (which have no engine) use the C library's malloc. */
WASM_API_EXTERN struct wisp_config *wisp_capi_config(wasm_config_t *config);

/* The native objects behind wasm.h ones, for mixing the two APIs on the same engine and store. */
WASM_API_EXTERN struct wisp_engine *wisp_capi_engine(wasm_engine_t *engine);
WASM_API_EXTERN struct wisp_store *wisp_capi_store(wasm_store_t *store);

#ifdef __cplusplus
}
#endif
#endif
