/* The validation algorithm of the WebAssembly 2.0 spec (plus the hooks for later proposals). */
#ifndef WISP_VALIDATE_VALIDATE_H
#define WISP_VALIDATE_VALIDATE_H

#include "../decode/module.h"
#include "codegen.h"

/* Validates the whole module: types, imports, tables/memories limits, globals and their
 * constant initialisers, exports (unique names), start function, element and data segments,
 * the data count, and every function body (decoding its instructions). For each body it drives
 * `cg` (may be NULL for validate-only). Fills m->func_declared.
 * Errors: WISP_ERR_INVALID with the byte offset, the function index and a message in the spec
 * tests' wording ("type mismatch", "unknown local", "alignment must not be larger than natural",
 * "constant expression required", "duplicate export name", "unknown memory 0", ...), naming
 * the instruction and the function, e.g. "type mismatch in i32.add, expected i32 but got f64";
 * WISP_ERR_MALFORMED for the encoding errors found while decoding instructions (unknown opcode,
 * truncated immediates, "data count section required", "illegal opcode", "END opcode expected");
 * or the backend's error. */
struct wisp_result val_module(struct module *m, const struct cg_backend *cg);

#endif
