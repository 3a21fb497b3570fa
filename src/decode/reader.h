/* Private to the decoder: the byte reader shared by the section decoders, with error reporting
 * in the spec tests' wording. Not used outside src/decode/. */
#ifndef WISP_DECODE_READER_H
#define WISP_DECODE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/result.h"
#include "module.h"

/* Memories are not limited by module.h (2.0 validation allows one); bound them all the same. */
#define DEC_MAX_MEMORIES 100000u

/* The decoder state. Reads are bounded by the end of the module, as the reference interpreter
 * does: a section's content may run past its declared size, which is then caught as "section
 * size mismatch" when the section ends (so errors match the spec tests byte for byte). */
struct dec {
    const struct wisp_allocator *ea; /* the caller's allocator: error messages outlive the module */
    struct module *m;
    const uint8_t *b; /* m->bytes */
    size_t len;
    size_t pos;
    bool failed;
    struct wisp_result err;
    size_t customs_cap; /* capacity of m->customs (grown by doubling) */
    bool seen_name_section;
    uint32_t func_index; /* function being decoded (code section), for messages; else UINT32_MAX */
    size_t data_index_use; /* offset of the first memory.init / data.drop in a scanned body, or 0 */
    uint32_t ncodes_delimited; /* function bodies delimited so far (their code not yet scanned) */
    uint64_t total_locals; /* locals of the bodies delimited so far, params included */
    uint8_t *if_bits;     /* instruction scan: one bit per open block, set for an `if` before `else` */
    size_t if_bits_cap;   /* bytes */
};

/* Records a WISP_ERR_MALFORMED error at `off` ("malformed module at offset 0x..: <msg>") and
 * returns false. Only the first error is kept. */
bool dec_fail(struct dec *d, size_t off, const char *fmt, ...) BASE_PRINTF(3, 4);
/* Records a WISP_ERR_LIMIT error at `off`. */
bool dec_limit(struct dec *d, size_t off, const char *fmt, ...) BASE_PRINTF(3, 4);
/* Records an out-of-memory error. */
bool dec_oom(struct dec *d);
/* Content that should have ended at `bound` needs more bytes: "unexpected end of section or
 * function" if `bound` is the end of the module, else "section size mismatch". */
bool dec_overrun(struct dec *d, size_t bound, const char *what);

bool dec_byte(struct dec *d, uint8_t *out);
bool dec_u32(struct dec *d, uint32_t *out);
bool dec_s32(struct dec *d, int32_t *out);
bool dec_s33(struct dec *d, int64_t *out);
bool dec_s64(struct dec *d, int64_t *out);
/* Skips n raw bytes ("unexpected end ..." if they are not there). */
bool dec_skip(struct dec *d, size_t n);
/* A u32 length or count that must not exceed the bytes left in the module, counted from the
 * length's own first byte (the reference interpreter's rule): else "length out of bounds". */
bool dec_len(struct dec *d, uint32_t *out);
/* A vector count. Every entry takes at least one byte, so a count larger than the bytes left
 * before `bound` (the end of the enclosing section or body) is rejected before anything is
 * allocated in proportion to it; `limit`/`what` give the implementation limit (0 = none). */
bool dec_count(struct dec *d, size_t bound, uint32_t limit, const char *what, uint32_t *out);
/* A UTF-8 name: sets *start and *len to its bytes in the module. */
bool dec_name(struct dec *d, uint32_t *start, uint32_t *len);
/* A value type (numeric, v128 or reference). */
bool dec_valtype(struct dec *d, uint8_t *out);
/* A reference type (funcref / externref). */
bool dec_reftype(struct dec *d, uint8_t *out);
bool dec_limits(struct dec *d, struct mod_limits *out);
/* Scans an instruction sequence up to and including its final `end`, checking the encoding of
 * every opcode and immediate and the block structure (reading past the enclosing body or section
 * if need be, as the reference interpreter does, so errors come out in the same order and
 * wording). Types and indices are left to the validator. `in_body`: note uses of data indices. */
bool dec_instrs(struct dec *d, bool in_body);
/* A constant expression: its instructions scanned as above, kept as a byte range. Which
 * instructions are allowed is the validator's business. */
bool dec_const_expr(struct dec *d, struct mod_expr *out);

/* True if s[0..n) is well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF). */
bool dec_utf8_valid(const uint8_t *s, size_t n);

/* Parses a `name` custom section's content [start, end): module and function names. Malformed
 * content is ignored (the names found are discarded); only out-of-memory fails. */
bool dec_name_section(struct dec *d, size_t start, size_t end);

/* Scans the instructions of bodies m->codes[from..to) in order (dec_instrs, then the body must
 * end where its size says), setting d->func_index for messages. */
bool dec_scan_bodies(struct dec *d, uint32_t from, uint32_t to);

/* Sections decoded in decode_segments.c; `end` is the section's declared end. */
bool dec_elem_section(struct dec *d, size_t end);
bool dec_code_section(struct dec *d, size_t end);
bool dec_data_section(struct dec *d, size_t end);

#endif
