/* The decoder's byte reader: bounded reads, strict LEB128, names, types, limits, and errors
 * worded as the spec tests expect them. */
#include "reader.h"

#include <stdarg.h>
#include <stdio.h>

#include "../base/leb128.h"

static bool dec_verr(struct dec *d, enum wisp_error_code code, size_t off, const char *what, const char *fmt,
                     va_list ap) {
    if (d->failed) return false;
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    d->failed = true;
    if (d->func_index == UINT32_MAX)
        d->err = base_error(d->ea, code, off, d->func_index, "%s at offset 0x%llx: %s", what,
                            (unsigned long long)off, msg);
    else
        d->err = base_error(d->ea, code, off, d->func_index, "%s at offset 0x%llx (function %u): %s", what,
                            (unsigned long long)off, d->func_index, msg);
    return false;
}

bool dec_fail(struct dec *d, size_t off, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    dec_verr(d, WISP_ERR_MALFORMED, off, "malformed module", fmt, ap);
    va_end(ap);
    return false;
}

bool dec_limit(struct dec *d, size_t off, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    dec_verr(d, WISP_ERR_LIMIT, off, "implementation limit exceeded", fmt, ap);
    va_end(ap);
    return false;
}

bool dec_oom(struct dec *d) {
    if (d->failed) return false;
    d->failed = true;
    d->err = base_oom();
    return false;
}

bool dec_overrun(struct dec *d, size_t bound, const char *what) {
    if (bound >= d->len) return dec_fail(d, d->len, "unexpected end of section or function (in %s)", what);
    return dec_fail(d, bound, "section size mismatch (%s do not fit before the end of the section or body)", what);
}

static bool dec_eof(struct dec *d) {
    return dec_fail(d, d->len, "unexpected end of section or function");
}

bool dec_byte(struct dec *d, uint8_t *out) {
    *out = 0; /* defined even on failure: keeps optimisers' maybe-uninitialized checks quiet */
    if (d->pos >= d->len) return dec_eof(d);
    *out = d->b[d->pos++];
    return true;
}

bool dec_skip(struct dec *d, size_t n) {
    if (n > d->len - d->pos) return dec_eof(d);
    d->pos += n;
    return true;
}

/* Reports why the LEB128 of `bits` bits at the current position could not be read. */
static bool dec_leb_fail(struct dec *d, unsigned bits, int is_signed) {
    switch (leb_why(d->b + d->pos, d->b + d->len, bits, is_signed)) {
    case LEB_TRUNCATED: return dec_eof(d);
    case LEB_TOO_LONG: return dec_fail(d, d->pos, "integer representation too long");
    case LEB_TOO_BIG: return dec_fail(d, d->pos, "integer too large");
    case LEB_OK: break;
    }
    return dec_fail(d, d->pos, "integer representation too long");
}

bool dec_u32(struct dec *d, uint32_t *out) {
    size_t n = leb_u32(d->b + d->pos, d->b + d->len, out);
    if (!n) {
        *out = 0;
        return dec_leb_fail(d, 32, 0);
    }
    d->pos += n;
    return true;
}

bool dec_s32(struct dec *d, int32_t *out) {
    size_t n = leb_s32(d->b + d->pos, d->b + d->len, out);
    if (!n) {
        *out = 0;
        return dec_leb_fail(d, 32, 1);
    }
    d->pos += n;
    return true;
}

bool dec_s33(struct dec *d, int64_t *out) {
    size_t n = leb_s33(d->b + d->pos, d->b + d->len, out);
    if (!n) {
        *out = 0;
        return dec_leb_fail(d, 33, 1);
    }
    d->pos += n;
    return true;
}

bool dec_s64(struct dec *d, int64_t *out) {
    size_t n = leb_s64(d->b + d->pos, d->b + d->len, out);
    if (!n) {
        *out = 0;
        return dec_leb_fail(d, 64, 1);
    }
    d->pos += n;
    return true;
}

bool dec_len(struct dec *d, uint32_t *out) {
    size_t p0 = d->pos;
    if (!dec_u32(d, out)) return false;
    if ((size_t)*out > d->len - p0)
        return dec_fail(d, p0, "length out of bounds (%u, only %zu bytes left)", *out, d->len - p0);
    return true;
}

bool dec_count(struct dec *d, size_t bound, uint32_t limit, const char *what, uint32_t *out) {
    size_t p0 = d->pos;
    if (!dec_len(d, out)) return false;
    if (*out && (d->pos > bound || *out > bound - d->pos)) return dec_overrun(d, bound, what);
    if (limit && *out > limit) return dec_limit(d, p0, "too many %s: %u (limit %u)", what, *out, limit);
    return true;
}

bool dec_name(struct dec *d, uint32_t *start, uint32_t *len) {
    size_t p0 = d->pos;
    uint32_t n;
    if (!dec_len(d, &n)) return false;
    if (n > d->len - d->pos) return dec_eof(d);
    if (!dec_utf8_valid(d->b + d->pos, n)) return dec_fail(d, p0, "malformed UTF-8 encoding");
    *start = (uint32_t)d->pos;
    *len = n;
    d->pos += n;
    return true;
}

bool dec_valtype(struct dec *d, uint8_t *out) {
    size_t p0 = d->pos;
    uint8_t b;
    if (!dec_byte(d, &b)) return false;
    switch (b) {
    case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f: *out = b; return true;
    default: break;
    }
    /* Type codes are one-byte signed LEBs; a continuation bit makes an over-long one. */
    if (b & 0x80) return dec_fail(d, p0, "integer representation too long");
    return dec_fail(d, p0, "malformed value type 0x%02x", b);
}

bool dec_reftype(struct dec *d, uint8_t *out) {
    size_t p0 = d->pos;
    uint8_t b;
    if (!dec_byte(d, &b)) return false;
    if (b == 0x70 || b == 0x6f) {
        *out = b;
        return true;
    }
    if (b & 0x80) return dec_fail(d, p0, "integer representation too long");
    return dec_fail(d, p0, "malformed reference type 0x%02x", b);
}

bool dec_limits(struct dec *d, struct mod_limits *out) {
    size_t p0 = d->pos;
    uint8_t flags;
    if (!dec_byte(d, &flags)) return false;
    /* The flag is a 1-bit LEB in the reference interpreter: hence these two messages. */
    if (flags & 0x80) return dec_fail(d, p0, "integer representation too long");
    if (flags > 1) return dec_fail(d, p0, "integer too large (limits flag 0x%02x)", flags);
    uint32_t v;
    if (!dec_u32(d, &v)) return false;
    out->min = v;
    out->has_max = flags == 1;
    out->max = 0;
    if (out->has_max) {
        if (!dec_u32(d, &v)) return false;
        out->max = v;
    }
    return true;
}

bool dec_utf8_valid(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint8_t lo = 0x80, hi = 0xbf; /* allowed range of the first continuation byte */
        if (c >= 0xc2 && c <= 0xdf) need = 1;
        else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            if (c == 0xe0) lo = 0xa0;      /* overlong */
            else if (c == 0xed) hi = 0x9f; /* surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            if (c == 0xf0) lo = 0x90;      /* overlong */
            else if (c == 0xf4) hi = 0x8f; /* past U+10FFFF */
        } else
            return false;
        if (need > n - i - 1) return false;
        if (s[i + 1] < lo || s[i + 1] > hi) return false;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xc0) != 0x80) return false;
        i += need + 1;
    }
    return true;
}
