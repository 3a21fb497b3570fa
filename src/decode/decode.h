/* The binary-format decoder. */
#ifndef WISP_DECODE_DECODE_H
#define WISP_DECODE_DECODE_H

#include "module.h"

/* Decodes `len` bytes into a new module (copying the bytes). On success returns an OK result
 * and sets *out. On failure returns a WISP_ERROR (WISP_ERR_MALFORMED with the byte offset and a
 * message in the spec tests' wording where one exists, e.g. "unexpected end", "integer too
 * large", "magic header not detected", "section size mismatch"; WISP_ERR_LIMIT for
 * implementation limits; WISP_ERR_OUT_OF_MEMORY) and sets *out to NULL, having freed everything.
 * Errors are allocated with `alloc`, which must outlive the module (the module keeps a pointer
 * to it, m->owner_alloc, for the results of later passes).
 *
 * Function bodies are delimited here (size, local declarations) but their instructions are not
 * read: the validator decodes them, once, and when it rejects the module calls dec_check_code,
 * so that encoding errors in bodies (illegal opcodes, bad immediates, else without if, a body
 * ending before or after its final `end`, "data count section required") are still reported as
 * malformed, in module order and before any validation error, as the spec requires. Errors that
 * dec_module itself reports after some bodies were delimited also give way to an encoding error
 * in those bodies. So dec_module + val_module together check everything; dec_module alone does
 * not check body encodings (use dec_check_code(m, 0) for that). */
struct wisp_result dec_module(const struct wisp_allocator *alloc, const uint8_t *bytes, size_t len,
                              struct module **out);

/* Scans the instructions of the bodies m->codes[from..] for encoding errors, in order, exactly
 * as the reference interpreter's decoder reads them; then, if one of them uses a data index
 * (memory.init, data.drop) while the module has data segments but no data count section, that
 * is "data count section required". Returns OK, the first WISP_ERR_MALFORMED (allocated with
 * m->owner_alloc), or WISP_ERR_OUT_OF_MEMORY. Does not modify the module. */
struct wisp_result dec_check_code(struct module *m, uint32_t from);

#endif
