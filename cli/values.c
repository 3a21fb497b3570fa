/* Command-line values of `wisp run --invoke`: parsing arguments by the export's parameter types and
 * printing results (integers as signed decimal, floats in the shortest form that reads back). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_type_name(uint8_t type) {
    switch (type) {
    case WISP_I32: return "i32";
    case WISP_I64: return "i64";
    case WISP_F32: return "f32";
    case WISP_F64: return "f64";
    case WISP_V128: return "v128";
    case WISP_FUNCREF: return "funcref";
    case WISP_EXTERNREF: return "externref";
    default: return "unknown";
    }
}

static bool is_digit_in(char c, int base) {
    if (c >= '0' && c <= '9') return true;
    return base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

/* An integer of `bits` bits: optional sign, decimal or 0x hex; accepts the signed and the unsigned
 * range (so -1 and 4294967295 are the same i32). */
static bool parse_int(const char *s, unsigned bits, uint64_t *out, const char **why) {
    bool neg = false;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!is_digit_in(*s, base) || (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
        *why = "not an integer";
        return false;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    if (*end) {
        *why = "not an integer";
        return false;
    }
    uint64_t umax = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    uint64_t nmax = UINT64_C(1) << (bits - 1); /* magnitude of the most negative value */
    if (errno == ERANGE || (!neg && v > umax) || (neg && v > nmax)) {
        *why = bits == 32 ? "out of range for i32" : "out of range for i64";
        return false;
    }
    *out = (neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v) & umax;
    return true;
}

/* "nan", "nan:0xPAYLOAD", "inf", "infinity" with an optional sign, else decimal or hex-float.
 * bits is 32 or 64; *out receives the bit pattern. */
static bool parse_float(const char *s, unsigned bits, uint64_t *out, const char **why) {
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    uint64_t sign = neg ? (UINT64_C(1) << (bits - 1)) : 0;
    unsigned mant = bits == 32 ? 23 : 52;
    uint64_t exp_all = (bits == 32 ? UINT64_C(0xff) : UINT64_C(0x7ff)) << mant;
    uint64_t mant_mask = (UINT64_C(1) << mant) - 1;
    if (strncmp(p, "nan", 3) == 0 && (p[3] == '\0' || p[3] == ':')) {
        uint64_t payload = UINT64_C(1) << (mant - 1); /* canonical quiet NaN */
        if (p[3] == ':') {
            const char *q = p + 4;
            if (!(q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) || !parse_int(q, 64, &payload, why) || payload == 0 ||
                payload > mant_mask) {
                *why = "bad NaN payload (expected nan:0x1 .. nan:0x7fffff for f32, nan:0xfffffffffffff for f64)";
                return false;
            }
        }
        *out = sign | exp_all | payload;
        return true;
    }
    if (strcmp(p, "inf") == 0 || strcmp(p, "infinity") == 0) {
        *out = sign | exp_all;
        return true;
    }
    /* strtod/strtof accept leading spaces and their own nan/inf spellings: allow only numbers. */
    if (!(is_digit_in(*p, 10) || (*p == '.' && is_digit_in(p[1], 10)))) {
        *why = "not a number";
        return false;
    }
    char *end;
    bool overflow;
    errno = 0;
    if (bits == 32) {
        float f = strtof(s, &end);
        overflow = errno == ERANGE && (f == HUGE_VALF || f == -HUGE_VALF);
        uint32_t b;
        memcpy(&b, &f, sizeof b);
        *out = b;
    } else {
        double d = strtod(s, &end);
        overflow = errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL);
        memcpy(out, &d, sizeof d);
    }
    if (*end) {
        *why = "not a number";
        return false;
    }
    /* As in the text format: a number too large for the type is an error (write inf for
     * infinity); one too small rounds to a subnormal or zero. */
    if (overflow) {
        *why = bits == 32 ? "out of range for f32" : "out of range for f64";
        return false;
    }
    return true;
}

bool cli_parse_value(const char *s, uint8_t type, struct wisp_value *out, const char **why) {
    uint64_t x = 0;
    memset(out, 0, sizeof *out);
    out->type = type;
    switch (type) {
    case WISP_I32:
        if (!parse_int(s, 32, &x, why)) return false;
        out->of.i32 = (int32_t)(uint32_t)x;
        return true;
    case WISP_I64:
        if (!parse_int(s, 64, &x, why)) return false;
        out->of.i64 = (int64_t)x;
        return true;
    case WISP_F32:
        if (!parse_float(s, 32, &x, why)) return false;
        out->of.f32_bits = (uint32_t)x;
        return true;
    case WISP_F64:
        if (!parse_float(s, 64, &x, why)) return false;
        out->of.f64_bits = x;
        return true;
    case WISP_FUNCREF:
    case WISP_EXTERNREF:
        if (strcmp(s, "null") == 0) return true;
        *why = "only null can be passed as a reference";
        return false;
    default: *why = "this parameter type cannot be given on the command line"; return false;
    }
}

static void print_nan_inf(FILE *f, bool neg, uint64_t mant, uint64_t quiet_bit) {
    if (neg) fputc('-', f);
    if (mant == 0) fputs("inf", f);
    else if (mant == quiet_bit) fputs("nan", f);
    else fprintf(f, "nan:0x%" PRIx64, mant);
}

/* The fewest significant digits that read back to the same float/double. */
static void print_f32(FILE *f, uint32_t bits) {
    if ((bits & 0x7f800000u) == 0x7f800000u) {
        print_nan_inf(f, bits >> 31, bits & 0x7fffffu, 0x400000u);
        return;
    }
    float v;
    memcpy(&v, &bits, sizeof v);
    char buf[64];
    for (int prec = 1; prec <= 9; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, (double)v);
        float back = strtof(buf, NULL);
        uint32_t bb;
        memcpy(&bb, &back, sizeof bb);
        if (bb == bits) break;
    }
    fputs(buf, f);
}

static void print_f64(FILE *f, uint64_t bits) {
    if ((bits & UINT64_C(0x7ff0000000000000)) == UINT64_C(0x7ff0000000000000)) {
        print_nan_inf(f, bits >> 63, bits & UINT64_C(0xfffffffffffff), UINT64_C(0x8000000000000));
        return;
    }
    double v;
    memcpy(&v, &bits, sizeof v);
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        double back = strtod(buf, NULL);
        uint64_t bb;
        memcpy(&bb, &back, sizeof bb);
        if (bb == bits) break;
    }
    fputs(buf, f);
}

void cli_print_value(FILE *f, const struct wisp_value *v) {
    switch (v->type) {
    case WISP_I32: fprintf(f, "%" PRId32, v->of.i32); break;
    case WISP_I64: fprintf(f, "%" PRId64, v->of.i64); break;
    case WISP_F32: print_f32(f, v->of.f32_bits); break;
    case WISP_F64: print_f64(f, v->of.f64_bits); break;
    case WISP_V128:
        fputs("0x", f);
        for (int i = 15; i >= 0; i--) fprintf(f, "%02x", v->of.v128[i]);
        break;
    case WISP_FUNCREF: fputs(v->of.funcref ? "<funcref>" : "null", f); break;
    case WISP_EXTERNREF:
        if (v->of.externref) fprintf(f, "<externref %p>", v->of.externref);
        else fputs("null", f);
        break;
    default: fprintf(f, "<value of type 0x%02x>", v->type); break;
    }
    fputc('\n', f);
}
