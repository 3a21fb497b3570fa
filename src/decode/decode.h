/* The binary-format decoder. */
#ifndef WISP_DECODE_DECODE_H
#define WISP_DECODE_DECODE_H

#include "module.h"

/* Decodes `len` bytes into a new module (copying the bytes). On success returns an OK result
 * and sets *out. On failure returns a WISP_ERROR (WISP_ERR_MALFORMED with the byte offset and a
 * message in the spec tests' wording where one exists, e.g. "unexpected end", "integer too
 * large", "magic header not detected", "section size mismatch"; WISP_ERR_LIMIT for
 * implementation limits; WISP_ERR_OUT_OF_MEMORY) and sets *out to NULL, having freed everything.
 * Function bodies are only delimited here (size, local declarations); their instructions are
 * decoded by the validator. */
struct wisp_result dec_module(const struct wisp_allocator *alloc, const uint8_t *bytes, size_t len,
                              struct module **out);

#endif
