/* Spec-runner helpers: text buffers, wast2json value parsing ("i32" "4294967295", "nan:canonical",
 * v128 lanes, references), comparison of results against expectations by bit pattern, outcomes. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static void spec_oom(void) {
    fputs("spec_runner: out of memory\n", stderr);
    abort();
}

void *spec_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) spec_oom();
    return p;
}

void *spec_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) spec_oom();
    return q;
}

char *spec_xstrdup(const char *s) {
    size_t n = strlen(s);
    char *d = spec_xmalloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static void buf_reserve(struct spec_buf *b, size_t extra) {
    if (extra > SIZE_MAX / 2 - b->len) spec_oom();
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < need) cap *= 2;
    b->p = spec_xrealloc(b->p, cap);
    b->cap = cap;
}

void spec_buf_append(struct spec_buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void spec_buf_printf(struct spec_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

void spec_buf_free(struct spec_buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

bool spec_name_get(const cJSON *obj, const char *key, struct spec_name *out) {
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    out->s = NULL;
    out->len = 0;
    if (!cJSON_IsString(j) || !j->valuestring) return false;
    out->s = spec_xstrdup(j->valuestring);
    out->len = strlen(out->s);
    for (size_t i = 0; i < out->len; i++)
        if ((unsigned char)out->s[i] == SPEC_NUL_MARK) out->s[i] = '\0';
    return true;
}

void spec_name_free(struct spec_name *n) {
    free(n->s);
    n->s = NULL;
    n->len = 0;
}

void *spec_extern_ref(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

/* Parses an integer of `bits` bits written unsigned (as wast2json does) or signed. */
static bool parse_int(const char *s, unsigned bits, uint64_t *out) {
    if (!s || !*s) return false;
    char *end = NULL;
    errno = 0;
    uint64_t mask = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    if (s[0] == '-') {
        long long v = strtoll(s, &end, 10);
        if (errno || *end) return false;
        if (bits < 64 && v < -(long long)(UINT64_C(1) << (bits - 1))) return false;
        *out = (uint64_t)v & mask;
        return true;
    }
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || (uint64_t)v > mask) return false;
    *out = (uint64_t)v;
    return true;
}

static uint8_t type_from_name(const char *t) {
    static const struct {
        const char *name;
        uint8_t type;
    } types[] = {
        {"i32", WISP_I32},         {"i64", WISP_I64},          {"f32", WISP_F32},   {"f64", WISP_F64},
        {"v128", WISP_V128},       {"funcref", WISP_FUNCREF}, {"externref", WISP_EXTERNREF},
    };
    if (!t) return 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(t, types[i].name) == 0) return types[i].type;
    return 0;
}

const char *spec_type_name(uint8_t type) {
    switch (type) {
    case WISP_I32: return "i32";
    case WISP_I64: return "i64";
    case WISP_F32: return "f32";
    case WISP_F64: return "f64";
    case WISP_V128: return "v128";
    case WISP_FUNCREF: return "funcref";
    case WISP_EXTERNREF: return "externref";
    default: return "?";
    }
}

static enum spec_pat nan_pattern(const char *s) {
    if (s && strcmp(s, "nan:canonical") == 0) return SPEC_PAT_NAN_CANONICAL;
    if (s && strcmp(s, "nan:arithmetic") == 0) return SPEC_PAT_NAN_ARITHMETIC;
    return SPEC_PAT_EXACT;
}

/* Parses a v128 ("lane_type" plus one string per lane), little-endian, into out->v; per-lane NaN
 * patterns go to pat when given (expected values only). */
static bool parse_v128(const cJSON *j, struct wisp_value *v, uint8_t *lane_bits, bool *lane_float, uint8_t *pat,
                       struct spec_buf *err) {
    const char *lt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "lane_type"));
    const cJSON *lanes = cJSON_GetObjectItemCaseSensitive(j, "value");
    unsigned bits = 0;
    bool isf = false;
    if (lt && strcmp(lt, "i8") == 0) bits = 8;
    else if (lt && strcmp(lt, "i16") == 0) bits = 16;
    else if (lt && strcmp(lt, "i32") == 0) bits = 32;
    else if (lt && strcmp(lt, "i64") == 0) bits = 64;
    else if (lt && strcmp(lt, "f32") == 0) bits = 32, isf = true;
    else if (lt && strcmp(lt, "f64") == 0) bits = 64, isf = true;
    if (!bits || !cJSON_IsArray(lanes) || cJSON_GetArraySize(lanes) != (int)(128 / bits)) {
        spec_buf_printf(err, "bad v128 value");
        return false;
    }
    v->type = WISP_V128;
    memset(v->of.v128, 0, sizeof v->of.v128);
    unsigned n = 128 / bits;
    for (unsigned i = 0; i < n; i++) {
        const char *s = cJSON_GetStringValue(cJSON_GetArrayItem(lanes, (int)i));
        enum spec_pat p = isf ? nan_pattern(s) : SPEC_PAT_EXACT;
        uint64_t x = 0;
        if (p != SPEC_PAT_EXACT) {
            if (!pat) {
                spec_buf_printf(err, "NaN pattern in an argument");
                return false;
            }
        } else if (!parse_int(s, bits, &x)) {
            spec_buf_printf(err, "bad v128 lane \"%s\"", s ? s : "(none)");
            return false;
        }
        if (pat) pat[i] = (uint8_t)p;
        for (unsigned k = 0; k < bits / 8; k++) v->of.v128[i * (bits / 8) + k] = (uint8_t)(x >> (8 * k));
    }
    if (lane_bits) *lane_bits = (uint8_t)bits;
    if (lane_float) *lane_float = isf;
    return true;
}

/* Parses the scalar or reference part shared by arguments and expectations. pat may be NULL. */
static bool parse_common(const cJSON *j, struct wisp_value *out, uint8_t *pat, struct spec_buf *err) {
    const char *tname = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "type"));
    uint8_t type = type_from_name(tname);
    memset(out, 0, sizeof *out);
    out->type = type;
    if (!type) {
        spec_buf_printf(err, "unknown value type \"%s\"", tname ? tname : "(none)");
        return false;
    }
    if (type == WISP_V128) return true; /* the caller parses the lanes */
    const cJSON *jv = cJSON_GetObjectItemCaseSensitive(j, "value");
    const char *s = cJSON_GetStringValue(jv);
    if (type == WISP_FUNCREF || type == WISP_EXTERNREF) {
        if (!s) {
            if (pat) {
                *pat = SPEC_PAT_REF_NONNULL;
                return true;
            }
            spec_buf_printf(err, "%s argument without a value", tname);
            return false;
        }
        if (strcmp(s, "null") == 0) return true; /* NULL pointer */
        uint64_t n;
        if (type == WISP_EXTERNREF && parse_int(s, 64, &n)) {
            out->of.externref = spec_extern_ref(n);
            return true;
        }
        if (type == WISP_FUNCREF && pat) { /* a function reference cannot be named: any non-null */
            *pat = SPEC_PAT_REF_NONNULL;
            return true;
        }
        spec_buf_printf(err, "unsupported %s value \"%s\"", tname, s);
        return false;
    }
    if ((type == WISP_F32 || type == WISP_F64) && nan_pattern(s) != SPEC_PAT_EXACT) {
        if (!pat) {
            spec_buf_printf(err, "NaN pattern in an argument");
            return false;
        }
        *pat = (uint8_t)nan_pattern(s);
        return true;
    }
    uint64_t x;
    unsigned bits = (type == WISP_I32 || type == WISP_F32) ? 32 : 64;
    if (!parse_int(s, bits, &x)) {
        spec_buf_printf(err, "bad %s value \"%s\"", tname, s ? s : "(none)");
        return false;
    }
    switch (type) {
    case WISP_I32: out->of.i32 = (int32_t)(uint32_t)x; break;
    case WISP_I64: out->of.i64 = (int64_t)x; break;
    case WISP_F32: out->of.f32_bits = (uint32_t)x; break;
    default: out->of.f64_bits = x; break;
    }
    return true;
}

bool spec_value_parse(const cJSON *j, struct wisp_value *out, struct spec_buf *err) {
    if (!parse_common(j, out, NULL, err)) return false;
    if (out->type == WISP_V128) return parse_v128(j, out, NULL, NULL, NULL, err);
    return true;
}

bool spec_expect_parse(const cJSON *j, struct spec_expect *out, struct spec_buf *err) {
    memset(out, 0, sizeof *out);
    if (!parse_common(j, &out->v, &out->pat[0], err)) return false;
    if (out->v.type == WISP_V128) return parse_v128(j, &out->v, &out->lane_bits, &out->lane_float, out->pat, err);
    return true;
}

static bool f32_match(uint32_t bits, uint32_t want, uint8_t pat) {
    switch (pat) {
    case SPEC_PAT_NAN_CANONICAL: return (bits & 0x7fffffffu) == 0x7fc00000u;
    case SPEC_PAT_NAN_ARITHMETIC: return (bits & 0x7fc00000u) == 0x7fc00000u;
    default: return bits == want;
    }
}

static bool f64_match(uint64_t bits, uint64_t want, uint8_t pat) {
    const uint64_t quiet = UINT64_C(0x7ff8000000000000);
    switch (pat) {
    case SPEC_PAT_NAN_CANONICAL: return (bits & UINT64_C(0x7fffffffffffffff)) == quiet;
    case SPEC_PAT_NAN_ARITHMETIC: return (bits & quiet) == quiet;
    default: return bits == want;
    }
}

static uint64_t lane_get(const uint8_t *v, unsigned bits, unsigned i) {
    uint64_t x = 0;
    for (unsigned k = 0; k < bits / 8; k++) x |= (uint64_t)v[i * (bits / 8) + k] << (8 * k);
    return x;
}

bool spec_expect_match(const struct spec_expect *e, const struct wisp_value *got) {
    if (got->type != e->v.type) return false;
    switch (e->v.type) {
    case WISP_I32: return got->of.i32 == e->v.of.i32;
    case WISP_I64: return got->of.i64 == e->v.of.i64;
    case WISP_F32: return f32_match(got->of.f32_bits, e->v.of.f32_bits, e->pat[0]);
    case WISP_F64: return f64_match(got->of.f64_bits, e->v.of.f64_bits, e->pat[0]);
    case WISP_FUNCREF:
        if (e->pat[0] == SPEC_PAT_REF_NONNULL) return got->of.funcref != NULL;
        return got->of.funcref == e->v.of.funcref;
    case WISP_EXTERNREF:
        if (e->pat[0] == SPEC_PAT_REF_NONNULL) return got->of.externref != NULL;
        return got->of.externref == e->v.of.externref;
    case WISP_V128: {
        unsigned bits = e->lane_bits;
        for (unsigned i = 0; i < 128 / bits; i++) {
            uint64_t g = lane_get(got->of.v128, bits, i), w = lane_get(e->v.of.v128, bits, i);
            bool ok = !e->lane_float ? g == w
                      : bits == 32   ? f32_match((uint32_t)g, (uint32_t)w, e->pat[i])
                                     : f64_match(g, w, e->pat[i]);
            if (!ok) return false;
        }
        return true;
    }
    default: return false;
    }
}

static void format_f32(struct spec_buf *b, uint32_t bits) {
    float f;
    memcpy(&f, &bits, sizeof f);
    spec_buf_printf(b, "f32:0x%08" PRIx32 " (%.9g)", bits, (double)f);
}

static void format_f64(struct spec_buf *b, uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    spec_buf_printf(b, "f64:0x%016" PRIx64 " (%.17g)", bits, d);
}

static void format_ref(struct spec_buf *b, uint8_t type, const void *p) {
    if (!p) spec_buf_printf(b, "%s:null", spec_type_name(type));
    else if (type == WISP_EXTERNREF && (uintptr_t)p <= UINT32_MAX)
        spec_buf_printf(b, "externref:%" PRIuPTR, (uintptr_t)p - 1);
    else
        spec_buf_printf(b, "%s:%p", spec_type_name(type), p);
}

void spec_value_format(struct spec_buf *b, const struct wisp_value *v) {
    switch (v->type) {
    case WISP_I32: spec_buf_printf(b, "i32:%" PRId32 " (0x%" PRIx32 ")", v->of.i32, (uint32_t)v->of.i32); break;
    case WISP_I64: spec_buf_printf(b, "i64:%" PRId64 " (0x%" PRIx64 ")", v->of.i64, (uint64_t)v->of.i64); break;
    case WISP_F32: format_f32(b, v->of.f32_bits); break;
    case WISP_F64: format_f64(b, v->of.f64_bits); break;
    case WISP_FUNCREF: format_ref(b, v->type, (const void *)v->of.funcref); break;
    case WISP_EXTERNREF: format_ref(b, v->type, v->of.externref); break;
    case WISP_V128:
        spec_buf_printf(b, "v128:");
        for (int i = 15; i >= 0; i--) spec_buf_printf(b, "%02x", v->of.v128[i]);
        break;
    default: spec_buf_printf(b, "<type 0x%02x>", v->type); break;
    }
}

static const char *pat_name(uint8_t pat) {
    return pat == SPEC_PAT_NAN_CANONICAL ? "nan:canonical" : pat == SPEC_PAT_NAN_ARITHMETIC ? "nan:arithmetic" : "?";
}

void spec_expect_format(struct spec_buf *b, const struct spec_expect *e) {
    uint8_t t = e->v.type;
    if (t == WISP_V128) {
        spec_buf_printf(b, "v128:%s%u[", e->lane_float ? "f" : "i", (unsigned)e->lane_bits);
        unsigned bits = e->lane_bits;
        for (unsigned i = 0; i < 128 / bits; i++) {
            if (i) spec_buf_printf(b, " ");
            if (e->pat[i] != SPEC_PAT_EXACT) spec_buf_printf(b, "%s", pat_name(e->pat[i]));
            else spec_buf_printf(b, "0x%" PRIx64, lane_get(e->v.of.v128, bits, i));
        }
        spec_buf_printf(b, "]");
    } else if (e->pat[0] == SPEC_PAT_REF_NONNULL) {
        spec_buf_printf(b, "%s:non-null", spec_type_name(t));
    } else if (e->pat[0] != SPEC_PAT_EXACT) {
        spec_buf_printf(b, "%s:%s", spec_type_name(t), pat_name(e->pat[0]));
    } else {
        spec_value_format(b, &e->v);
    }
}

/* ---- outcomes (engine.h) ------------------------------------------------------------------- */

struct spec_outcome spec_outcome_ok(void) {
    struct spec_outcome o;
    memset(&o, 0, sizeof o);
    o.kind = WISP_OK;
    o.offset = UINT64_MAX;
    o.func_index = UINT32_MAX;
    return o;
}

struct spec_outcome spec_outcome_error(enum wisp_error_code code, const char *fmt, ...) {
    struct spec_outcome o = spec_outcome_ok();
    o.kind = WISP_ERROR;
    o.error = code;
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n >= 0) {
        o.message = spec_xmalloc((size_t)n + 1);
        vsnprintf(o.message, (size_t)n + 1, fmt, ap);
    }
    va_end(ap);
    return o;
}

void spec_outcome_free(struct spec_outcome *o) {
    free(o->message);
    o->message = NULL;
}
