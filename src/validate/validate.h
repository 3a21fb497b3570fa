/* The validation algorithm of the WebAssembly 2.0 spec (plus the hooks for later proposals). */
#ifndef WISP_VALIDATE_VALIDATE_H
#define WISP_VALIDATE_VALIDATE_H

#include "../decode/module.h"
#include "codegen.h"

/* Validates the whole module: types, imports, tables/memories limits, globals and their
 * constant initialisers, exports (unique names), start function, element and data segments,
 * the data count, and every function body (decoding its instructions: dec_module does not).
 * For each body it drives `cg` (may be NULL for validate-only). Fills m->func_declared.
 * Errors: WISP_ERR_INVALID, always with the byte offset of what is wrong (the instruction, or
 * the declaration: export entry, table/memory/global type, import entry, start section index,
 * segment) in .offset and in the message, inside a body the function index too, in the spec
 * tests' wording ("type mismatch", "unknown local", "alignment must not be larger than natural",
 * "constant expression required", "duplicate export name", "unknown memory 0", ...) plus what
 * and where, e.g. "invalid module at offset 0x1a3: type mismatch in i32.add, expected i32 but got
 * f64 (function 4 "parse_header")" or "... at offset 0xb: unknown function 7 in export "main"";
 * WISP_ERR_MALFORMED for encoding errors in function bodies (illegal opcode, truncated
 * immediates, "END opcode expected", "data count section required"): when the module is
 * rejected, dec_check_code scans the bodies not yet validated, so that an encoding error anywhere
 * wins over a validation error anywhere, as in the spec; or the backend's error.
 * Every result is allocated with m->owner_alloc, so it outlives the module. */
struct wisp_result val_module(struct module *m, const struct cg_backend *cg);

#endif
