/* numeric.h: the WebAssembly 2.0 numeric operators whose exact semantics C does not give for free
 * (bit counts, rotates, float min/max/rounding, NaN-exact sign ops, trapping/saturating truncation,
 * correctly rounded conversions). Header-only; everything is static inline and free of UB. */
#ifndef WISP_INTERP_NUMERIC_H
#define WISP_INTERP_NUMERIC_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "wisp.h"

/* Why things are done the way they are:
 * - NaN tests and sign operations work on bit patterns, so they stay exact whatever the compiler's
 *   float flags and never lose a NaN payload.
 * - A NaN result is the (quieted) NaN input: quieting a canonical NaN keeps it canonical, and a
 *   quieted NaN is always an arithmetic NaN, which is what the spec's nans{...} demands.
 * - Rounding to integral and every inexact conversion is done with integer arithmetic
 *   (round-to-nearest-even), so results do not depend on the FP environment or on how a
 *   compiler/libc converts 64-bit integers; only sqrt uses libm (correctly rounded by IEEE 754).
 * - C float->int conversion is UB when the truncated value does not fit, so every truncation
 *   checks exact bounds first. */

/* ---- bit casts -------------------------------------------------------------------------- */

static inline uint32_t num_f32_bits(float x) {
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline float num_f32_from_bits(uint32_t b) {
    float x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static inline uint64_t num_f64_bits(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline double num_f64_from_bits(uint64_t b) {
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

#define NUM_F32_SIGN UINT32_C(0x80000000)
#define NUM_F32_INF UINT32_C(0x7f800000)
#define NUM_F32_QUIET UINT32_C(0x00400000)
#define NUM_F32_CANON_NAN UINT32_C(0x7fc00000)
#define NUM_F64_SIGN UINT64_C(0x8000000000000000)
#define NUM_F64_INF UINT64_C(0x7ff0000000000000)
#define NUM_F64_QUIET UINT64_C(0x0008000000000000)
#define NUM_F64_CANON_NAN UINT64_C(0x7ff8000000000000)

static inline int num_f32_isnan(float x) { return (num_f32_bits(x) & ~NUM_F32_SIGN) > NUM_F32_INF; }
static inline int num_f64_isnan(double x) { return (num_f64_bits(x) & ~NUM_F64_SIGN) > NUM_F64_INF; }

/* The NaN x with its quiet bit set: canonical stays canonical, anything else becomes arithmetic. */
static inline float num_f32_quiet(float x) { return num_f32_from_bits(num_f32_bits(x) | NUM_F32_QUIET); }
static inline double num_f64_quiet(double x) { return num_f64_from_bits(num_f64_bits(x) | NUM_F64_QUIET); }

/* ---- integer bit operations ------------------------------------------------------------- */

#if defined(__GNUC__) && defined(__SIZEOF_INT__) && __SIZEOF_INT__ == 4 && \
    defined(__SIZEOF_LONG_LONG__) && __SIZEOF_LONG_LONG__ == 8
#define NUM_HAVE_BUILTIN_BITS 1
#endif

static inline uint32_t num_i32_clz(uint32_t x) {
    if (x == 0) return 32;
#ifdef NUM_HAVE_BUILTIN_BITS
    return (uint32_t)__builtin_clz((unsigned)x);
#else
    uint32_t n = 0;
    if (!(x & 0xffff0000u)) { n += 16; x <<= 16; }
    if (!(x & 0xff000000u)) { n += 8; x <<= 8; }
    if (!(x & 0xf0000000u)) { n += 4; x <<= 4; }
    if (!(x & 0xc0000000u)) { n += 2; x <<= 2; }
    if (!(x & UINT32_C(0x80000000))) { n += 1; }
    return n;
#endif
}

static inline uint32_t num_i32_ctz(uint32_t x) {
    if (x == 0) return 32;
#ifdef NUM_HAVE_BUILTIN_BITS
    return (uint32_t)__builtin_ctz((unsigned)x);
#else
    uint32_t n = 0;
    if (!(x & 0x0000ffffu)) { n += 16; x >>= 16; }
    if (!(x & 0x000000ffu)) { n += 8; x >>= 8; }
    if (!(x & 0x0000000fu)) { n += 4; x >>= 4; }
    if (!(x & 0x00000003u)) { n += 2; x >>= 2; }
    if (!(x & 0x00000001u)) { n += 1; }
    return n;
#endif
}

static inline uint32_t num_i32_popcnt(uint32_t x) {
#ifdef NUM_HAVE_BUILTIN_BITS
    return (uint32_t)__builtin_popcount((unsigned)x);
#else
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return (uint32_t)((x * 0x01010101u) >> 24);
#endif
}

static inline uint64_t num_i64_clz(uint64_t x) {
    if (x == 0) return 64;
#ifdef NUM_HAVE_BUILTIN_BITS
    return (uint64_t)__builtin_clzll((unsigned long long)x);
#else
    uint32_t hi = (uint32_t)(x >> 32);
    return hi ? num_i32_clz(hi) : 32 + num_i32_clz((uint32_t)x);
#endif
}

static inline uint64_t num_i64_ctz(uint64_t x) {
    if (x == 0) return 64;
#ifdef NUM_HAVE_BUILTIN_BITS
    return (uint64_t)__builtin_ctzll((unsigned long long)x);
#else
    uint32_t lo = (uint32_t)x;
    return lo ? num_i32_ctz(lo) : 32 + num_i32_ctz((uint32_t)(x >> 32));
#endif
}

static inline uint64_t num_i64_popcnt(uint64_t x) {
#ifdef NUM_HAVE_BUILTIN_BITS
    return (uint64_t)__builtin_popcountll((unsigned long long)x);
#else
    return (uint64_t)num_i32_popcnt((uint32_t)x) + num_i32_popcnt((uint32_t)(x >> 32));
#endif
}

/* The count is taken modulo the width; the masks keep every shift below the width. */
static inline uint32_t num_i32_rotl(uint32_t x, uint32_t n) {
    return (x << (n & 31)) | (x >> ((32 - (n & 31)) & 31));
}

static inline uint32_t num_i32_rotr(uint32_t x, uint32_t n) {
    return (x >> (n & 31)) | (x << ((32 - (n & 31)) & 31));
}

static inline uint64_t num_i64_rotl(uint64_t x, uint64_t n) {
    return (x << (n & 63)) | (x >> ((64 - (n & 63)) & 63));
}

static inline uint64_t num_i64_rotr(uint64_t x, uint64_t n) {
    return (x >> (n & 63)) | (x << ((64 - (n & 63)) & 63));
}

/* ---- sign operations (pure bit operations; NaN payloads are kept as they are) ----------- */

static inline float num_f32_abs(float x) { return num_f32_from_bits(num_f32_bits(x) & ~NUM_F32_SIGN); }
static inline float num_f32_neg(float x) { return num_f32_from_bits(num_f32_bits(x) ^ NUM_F32_SIGN); }
static inline float num_f32_copysign(float x, float y) {
    return num_f32_from_bits((num_f32_bits(x) & ~NUM_F32_SIGN) | (num_f32_bits(y) & NUM_F32_SIGN));
}

static inline double num_f64_abs(double x) { return num_f64_from_bits(num_f64_bits(x) & ~NUM_F64_SIGN); }
static inline double num_f64_neg(double x) { return num_f64_from_bits(num_f64_bits(x) ^ NUM_F64_SIGN); }
static inline double num_f64_copysign(double x, double y) {
    return num_f64_from_bits((num_f64_bits(x) & ~NUM_F64_SIGN) | (num_f64_bits(y) & NUM_F64_SIGN));
}

/* ---- min / max -------------------------------------------------------------------------- */

/* NaN if either operand is NaN; -0 orders below +0. Equal operands differ at most in the sign
 * of zero, so OR-ing the bits picks -0 for min and AND-ing picks +0 for max. */
static inline float num_f32_min(float a, float b) {
    if (num_f32_isnan(a)) return num_f32_quiet(a);
    if (num_f32_isnan(b)) return num_f32_quiet(b);
    if (a == b) return num_f32_from_bits(num_f32_bits(a) | num_f32_bits(b));
    return a < b ? a : b;
}

static inline float num_f32_max(float a, float b) {
    if (num_f32_isnan(a)) return num_f32_quiet(a);
    if (num_f32_isnan(b)) return num_f32_quiet(b);
    if (a == b) return num_f32_from_bits(num_f32_bits(a) & num_f32_bits(b));
    return a > b ? a : b;
}

static inline double num_f64_min(double a, double b) {
    if (num_f64_isnan(a)) return num_f64_quiet(a);
    if (num_f64_isnan(b)) return num_f64_quiet(b);
    if (a == b) return num_f64_from_bits(num_f64_bits(a) | num_f64_bits(b));
    return a < b ? a : b;
}

static inline double num_f64_max(double a, double b) {
    if (num_f64_isnan(a)) return num_f64_quiet(a);
    if (num_f64_isnan(b)) return num_f64_quiet(b);
    if (a == b) return num_f64_from_bits(num_f64_bits(a) & num_f64_bits(b));
    return a > b ? a : b;
}

/* ---- rounding to integral --------------------------------------------------------------- */

/* Values with |x| >= 2^23 (f32) / 2^52 (f64), infinities and zeros are already integral. Below
 * that, truncation through an integer of matching width is exact and defined; the result's sign
 * is always x's sign (ceil(-0.5) = -0, nearest(-0.3) = -0), so it is restored with copysign.
 * x - trunc(x) is exact (it is x's fraction bits), which makes the comparisons with 0.5 exact. */
enum num_round_mode { NUM_ROUND_TRUNC, NUM_ROUND_FLOOR, NUM_ROUND_CEIL, NUM_ROUND_NEAREST };

static inline float num_f32_round_(float x, enum num_round_mode mode) {
    uint32_t mag = num_f32_bits(x) & ~NUM_F32_SIGN;
    if (mag > NUM_F32_INF) return num_f32_quiet(x);
    if (mag >= 0x4b000000u || mag == 0) return x; /* >= 2^23, inf, or zero */
    float a = num_f32_from_bits(mag);
    int32_t ti = (int32_t)a;
    float t = (float)ti; /* trunc(|x|), exact */
    float r = t;
    switch (mode) {
    case NUM_ROUND_TRUNC: break;
    case NUM_ROUND_FLOOR:
        if (num_f32_bits(x) & NUM_F32_SIGN) { if (a != t) r = (float)(ti + 1); }
        break;
    case NUM_ROUND_CEIL:
        if (!(num_f32_bits(x) & NUM_F32_SIGN)) { if (a != t) r = (float)(ti + 1); }
        break;
    case NUM_ROUND_NEAREST: {
        float frac = a - t;
        if (frac > 0.5f || (frac == 0.5f && (ti & 1))) r = (float)(ti + 1);
        break;
    }
    }
    return num_f32_copysign(r, x);
}

static inline double num_f64_round_(double x, enum num_round_mode mode) {
    uint64_t mag = num_f64_bits(x) & ~NUM_F64_SIGN;
    if (mag > NUM_F64_INF) return num_f64_quiet(x);
    if (mag >= UINT64_C(0x4330000000000000) || mag == 0) return x; /* >= 2^52, inf, or zero */
    double a = num_f64_from_bits(mag);
    int64_t ti = (int64_t)a;
    double t = (double)ti; /* trunc(|x|), exact */
    double r = t;
    switch (mode) {
    case NUM_ROUND_TRUNC: break;
    case NUM_ROUND_FLOOR:
        if (num_f64_bits(x) & NUM_F64_SIGN) { if (a != t) r = (double)(ti + 1); }
        break;
    case NUM_ROUND_CEIL:
        if (!(num_f64_bits(x) & NUM_F64_SIGN)) { if (a != t) r = (double)(ti + 1); }
        break;
    case NUM_ROUND_NEAREST: {
        double frac = a - t;
        if (frac > 0.5 || (frac == 0.5 && (ti & 1))) r = (double)(ti + 1);
        break;
    }
    }
    return num_f64_copysign(r, x);
}

static inline float num_f32_trunc(float x) { return num_f32_round_(x, NUM_ROUND_TRUNC); }
static inline float num_f32_floor(float x) { return num_f32_round_(x, NUM_ROUND_FLOOR); }
static inline float num_f32_ceil(float x) { return num_f32_round_(x, NUM_ROUND_CEIL); }
static inline float num_f32_nearest(float x) { return num_f32_round_(x, NUM_ROUND_NEAREST); }
static inline double num_f64_trunc(double x) { return num_f64_round_(x, NUM_ROUND_TRUNC); }
static inline double num_f64_floor(double x) { return num_f64_round_(x, NUM_ROUND_FLOOR); }
static inline double num_f64_ceil(double x) { return num_f64_round_(x, NUM_ROUND_CEIL); }
static inline double num_f64_nearest(double x) { return num_f64_round_(x, NUM_ROUND_NEAREST); }

/* ---- square root ------------------------------------------------------------------------ */

/* libm's sqrt is correctly rounded (IEEE 754 requires it); NaNs and negatives are handled here so
 * the result NaN is the spec's and not whatever the libm happens to return. sqrt(-0) = -0. */
static inline float num_f32_sqrt(float x) {
    uint32_t b = num_f32_bits(x);
    if ((b & ~NUM_F32_SIGN) > NUM_F32_INF) return num_f32_quiet(x);
    if ((b & NUM_F32_SIGN) && b != NUM_F32_SIGN) return num_f32_from_bits(NUM_F32_CANON_NAN);
    return sqrtf(x);
}

static inline double num_f64_sqrt(double x) {
    uint64_t b = num_f64_bits(x);
    if ((b & ~NUM_F64_SIGN) > NUM_F64_INF) return num_f64_quiet(x);
    if ((b & NUM_F64_SIGN) && b != NUM_F64_SIGN) return num_f64_from_bits(NUM_F64_CANON_NAN);
    return sqrt(x);
}

/* ---- trapping truncation ---------------------------------------------------------------- */

/* Each accepts x exactly when trunc(x) fits the target: the bounds are exact in the source type
 * (for f32 sources the open lower bound -2^31-1 / -2^63-1 is not representable, so the nearest
 * representable bound, -2^31 / -2^63 inclusive, is used; unsigned targets accept (-1, 2^N)). */
static inline int num_i32_trunc_f32_s(float x, int32_t *out) {
    if (num_f32_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x >= -2147483648.0f && x < 2147483648.0f)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (int32_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i32_trunc_f32_u(float x, uint32_t *out) {
    if (num_f32_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0f && x < 4294967296.0f)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (uint32_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i32_trunc_f64_s(double x, int32_t *out) {
    if (num_f64_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x > -2147483649.0 && x < 2147483648.0)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (int32_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i32_trunc_f64_u(double x, uint32_t *out) {
    if (num_f64_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0 && x < 4294967296.0)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (uint32_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i64_trunc_f32_s(float x, int64_t *out) {
    if (num_f32_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x >= -9223372036854775808.0f && x < 9223372036854775808.0f)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (int64_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i64_trunc_f32_u(float x, uint64_t *out) {
    if (num_f32_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0f && x < 18446744073709551616.0f)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (uint64_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i64_trunc_f64_s(double x, int64_t *out) {
    if (num_f64_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (int64_t)x;
    return WISP_TRAP_NONE;
}

static inline int num_i64_trunc_f64_u(double x, uint64_t *out) {
    if (num_f64_isnan(x)) return WISP_TRAP_INVALID_CONVERSION;
    if (!(x > -1.0 && x < 18446744073709551616.0)) return WISP_TRAP_INTEGER_OVERFLOW;
    *out = (uint64_t)x;
    return WISP_TRAP_NONE;
}

/* ---- saturating truncation: NaN -> 0, out of range -> the nearest bound ------------------ */

static inline int32_t num_i32_trunc_sat_f32_s(float x) {
    if (num_f32_isnan(x)) return 0;
    if (x < -2147483648.0f) return INT32_MIN;
    if (x >= 2147483648.0f) return INT32_MAX;
    return (int32_t)x;
}

static inline uint32_t num_i32_trunc_sat_f32_u(float x) {
    if (num_f32_isnan(x) || x <= -1.0f) return 0;
    if (x >= 4294967296.0f) return UINT32_MAX;
    return (uint32_t)x;
}

static inline int32_t num_i32_trunc_sat_f64_s(double x) {
    if (num_f64_isnan(x)) return 0;
    if (x <= -2147483649.0) return INT32_MIN;
    if (x >= 2147483648.0) return INT32_MAX;
    return (int32_t)x;
}

static inline uint32_t num_i32_trunc_sat_f64_u(double x) {
    if (num_f64_isnan(x) || x <= -1.0) return 0;
    if (x >= 4294967296.0) return UINT32_MAX;
    return (uint32_t)x;
}

static inline int64_t num_i64_trunc_sat_f32_s(float x) {
    if (num_f32_isnan(x)) return 0;
    if (x < -9223372036854775808.0f) return INT64_MIN;
    if (x >= 9223372036854775808.0f) return INT64_MAX;
    return (int64_t)x;
}

static inline uint64_t num_i64_trunc_sat_f32_u(float x) {
    if (num_f32_isnan(x) || x <= -1.0f) return 0;
    if (x >= 18446744073709551616.0f) return UINT64_MAX;
    return (uint64_t)x;
}

static inline int64_t num_i64_trunc_sat_f64_s(double x) {
    if (num_f64_isnan(x)) return 0;
    if (x < -9223372036854775808.0) return INT64_MIN;
    if (x >= 9223372036854775808.0) return INT64_MAX;
    return (int64_t)x;
}

static inline uint64_t num_i64_trunc_sat_f64_u(double x) {
    if (num_f64_isnan(x) || x <= -1.0) return 0;
    if (x >= 18446744073709551616.0) return UINT64_MAX;
    return (uint64_t)x;
}

/* ---- integer -> float conversion (round to nearest, ties to even) ----------------------- */

/* v >> s rounded to nearest-even, 1 <= s <= 63. A carry into the next power of two is left for
 * the caller: the bit-building below absorbs it into the exponent. */
static inline uint64_t num_rne_shift_(uint64_t v, unsigned s) {
    uint64_t q = v >> s;
    uint64_t rem = v & ((UINT64_C(1) << s) - 1);
    uint64_t half = UINT64_C(1) << (s - 1);
    if (rem > half || (rem == half && (q & 1))) q++;
    return q;
}

/* Bits of the f32 nearest to m (no sign). With the significand m' in [2^23, 2^24] (implicit bit
 * included), (biased_exp - 1) << 23 plus m' is the encoding, a rounding carry included. */
static inline uint32_t num_u64_to_f32_bits_(uint64_t m) {
    if (m == 0) return 0;
    unsigned e = 63 - (unsigned)num_i64_clz(m); /* m in [2^e, 2^(e+1)) */
    uint64_t sig = e <= 23 ? m << (23 - e) : num_rne_shift_(m, e - 23);
    return ((uint32_t)(e + 126) << 23) + (uint32_t)sig;
}

static inline uint64_t num_u64_to_f64_bits_(uint64_t m) {
    if (m == 0) return 0;
    unsigned e = 63 - (unsigned)num_i64_clz(m);
    uint64_t sig = e <= 52 ? m << (52 - e) : num_rne_shift_(m, e - 52);
    return ((uint64_t)(e + 1022) << 52) + sig;
}

static inline float num_f32_convert_i32_s(int32_t v) {
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v;
    return num_f32_from_bits(num_u64_to_f32_bits_(mag) | (v < 0 ? NUM_F32_SIGN : 0));
}

static inline float num_f32_convert_i32_u(uint32_t v) { return num_f32_from_bits(num_u64_to_f32_bits_(v)); }

static inline float num_f32_convert_i64_s(int64_t v) {
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return num_f32_from_bits(num_u64_to_f32_bits_(mag) | (v < 0 ? NUM_F32_SIGN : 0));
}

static inline float num_f32_convert_i64_u(uint64_t v) { return num_f32_from_bits(num_u64_to_f32_bits_(v)); }

/* Every 32-bit integer is exact in f64. */
static inline double num_f64_convert_i32_s(int32_t v) { return (double)v; }
static inline double num_f64_convert_i32_u(uint32_t v) { return (double)v; }

static inline double num_f64_convert_i64_s(int64_t v) {
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return num_f64_from_bits(num_u64_to_f64_bits_(mag) | (v < 0 ? NUM_F64_SIGN : 0));
}

static inline double num_f64_convert_i64_u(uint64_t v) { return num_f64_from_bits(num_u64_to_f64_bits_(v)); }

/* ---- f32 <-> f64 ------------------------------------------------------------------------ */

/* Done on bits: a C double->float cast of a value beyond FLT_MAX is UB, and this also keeps
 * subnormal results exact. NaN: the top 23 payload bits are kept and the quiet bit set, so a
 * canonical NaN stays canonical. */
static inline float num_f32_demote_f64(double x) {
    uint64_t b = num_f64_bits(x);
    uint32_t sign = (uint32_t)(b >> 32) & NUM_F32_SIGN;
    unsigned exp = (unsigned)(b >> 52) & 0x7ff;
    uint64_t frac = b & (NUM_F64_QUIET * 2 - 1);
    if (exp == 0x7ff) {
        if (frac == 0) return num_f32_from_bits(sign | NUM_F32_INF);
        return num_f32_from_bits(sign | NUM_F32_CANON_NAN | (uint32_t)(frac >> 29));
    }
    if (exp == 0) return num_f32_from_bits(sign); /* f64 subnormals are far below 2^-150 */
    int e = (int)exp - 1023; /* x = sig * 2^(e-52), sig in [2^52, 2^53) */
    uint64_t sig = frac | (NUM_F64_QUIET * 2);
    if (e > 127) return num_f32_from_bits(sign | NUM_F32_INF);
    if (e >= -126) /* normal; a carry may round up into the next binade or to infinity */
        return num_f32_from_bits(sign | (((uint32_t)(e + 126) << 23) + (uint32_t)num_rne_shift_(sig, 29)));
    /* subnormal: the f32 significand is x / 2^-149 = sig >> (-e - 97); a carry gives the least
     * normal. Anything below 2^-150 rounds to zero (2^-150 itself ties to even zero). */
    if (e < -150) return num_f32_from_bits(sign);
    return num_f32_from_bits(sign | (uint32_t)num_rne_shift_(sig, (unsigned)(-e - 97)));
}

/* Exact for every non-NaN value; NaN payload bits move up and the quiet bit is set. */
static inline double num_f64_promote_f32(float x) {
    uint32_t b = num_f32_bits(x);
    if ((b & ~NUM_F32_SIGN) > NUM_F32_INF) {
        uint64_t sign = (uint64_t)(b & NUM_F32_SIGN) << 32;
        uint64_t payload = (uint64_t)(b & (NUM_F32_QUIET * 2 - 1)) << 29;
        return num_f64_from_bits(sign | NUM_F64_CANON_NAN | payload);
    }
    return (double)x;
}

#endif
