/* Shared declarations of the spec-test runner (tests/spec): growable text buffers, JSON value
 * parsing and comparison, and the `spectest` host module. Only include/wisp.h is used. */
#ifndef WISP_TESTS_SPEC_H
#define WISP_TESTS_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "wisp.h"

/* A growable NUL-terminated text buffer; the runner aborts if memory runs out. */
struct spec_buf {
    char *p;
    size_t len;
    size_t cap;
};

#if defined(__GNUC__) || defined(__clang__)
#define SPEC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SPEC_PRINTF(f, a)
#endif

void spec_buf_printf(struct spec_buf *b, const char *fmt, ...) SPEC_PRINTF(2, 3);
void spec_buf_append(struct spec_buf *b, const char *s, size_t n);
void spec_buf_free(struct spec_buf *b);
void *spec_xmalloc(size_t n);
void *spec_xrealloc(void *p, size_t n);
char *spec_xstrdup(const char *s);

/* The JSON text is loaded with every "\u0000" escape replaced by the byte 0xFF (cJSON's strings are
 * NUL-terminated; 0xFF never occurs in valid UTF-8). spec_name() undoes it: a copy with its length. */
#define SPEC_NUL_MARK 0xFF
struct spec_name {
    char *s; /* malloc'd, NUL-terminated; may contain NULs before len */
    size_t len;
};
bool spec_name_get(const cJSON *obj, const char *key, struct spec_name *out);
void spec_name_free(struct spec_name *n);

/* What an expected result may be besides one exact value. */
enum spec_pat {
    SPEC_PAT_EXACT = 0,
    SPEC_PAT_NAN_CANONICAL,
    SPEC_PAT_NAN_ARITHMETIC,
    SPEC_PAT_REF_NONNULL, /* "(ref.func)" / "(ref.extern)" without a value: any non-null reference */
};

struct spec_expect {
    struct wisp_value v;
    uint8_t lane_bits;   /* v128: 8, 16, 32 or 64 */
    bool lane_float;     /* v128: lanes are f32/f64 */
    uint8_t pat[16];     /* enum spec_pat; per lane for v128, pat[0] for scalars */
};

/* The host pointer that stands for "ref.extern N". */
void *spec_extern_ref(uint64_t n);

/* Parses an argument ({"type":..., "value":...}); on failure writes why into err. */
bool spec_value_parse(const cJSON *j, struct wisp_value *out, struct spec_buf *err);
/* Parses an expected result. */
bool spec_expect_parse(const cJSON *j, struct spec_expect *out, struct spec_buf *err);
/* Does got match the expectation (type, bits, NaN patterns, reference identity)? */
bool spec_expect_match(const struct spec_expect *e, const struct wisp_value *got);

void spec_value_format(struct spec_buf *b, const struct wisp_value *v);
void spec_expect_format(struct spec_buf *b, const struct spec_expect *e);
const char *spec_type_name(uint8_t type);

/* Defines the `spectest` module (print*, global_*, table, memory) in the linker; on failure
 * writes why into err. */
bool spec_define_spectest(struct wisp_linker *linker, struct wisp_store *store, struct spec_buf *err);

#endif
