/* LEB128 decoding and encoding. */
#include "leb128.h"

/* Generic reader: bits in {32, 33, 64}; returns consumed bytes or 0. */
static size_t leb_read(const uint8_t *p, const uint8_t *end, unsigned bits, int is_signed, uint64_t *out,
                       enum leb_error *why) {
    uint64_t result = 0;
    unsigned shift = 0;
    size_t maxbytes = (bits + 6) / 7;
    for (size_t i = 0;; i++) {
        if (p + i >= end) {
            *why = LEB_TRUNCATED;
            return 0;
        }
        if (i >= maxbytes) {
            *why = LEB_TOO_LONG;
            return 0;
        }
        uint8_t b = p[i];
        if (i == maxbytes - 1) {
            /* Last permitted byte: no continuation, and the unused high bits must be a proper
             * zero or sign extension. */
            if (b & 0x80) {
                *why = LEB_TOO_LONG;
                return 0;
            }
            unsigned used = bits - shift; /* payload bits that fit in this byte */
            if (used < 7) {
                uint8_t extra = (uint8_t)(b >> used) & (uint8_t)((1u << (7 - used)) - 1);
                if (!is_signed) {
                    if (extra != 0) {
                        *why = LEB_TOO_BIG;
                        return 0;
                    }
                } else {
                    /* The sign bit is bit (used-1); the extra bits must all equal it. */
                    unsigned sign = (b >> (used - 1)) & 1;
                    uint8_t want = sign ? (uint8_t)((1u << (7 - used)) - 1) : 0;
                    if (extra != want) {
                        *why = LEB_TOO_BIG;
                        return 0;
                    }
                }
            }
        }
        if (shift < 64) result |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            if (is_signed && shift < 64 && (b & 0x40)) result |= ~(uint64_t)0 << shift;
            *out = result;
            *why = LEB_OK;
            return i + 1;
        }
    }
}

/* The readers the decoder and validator use most are written out for their width: the same
 * rules as leb_read, with less work per byte. */
size_t leb_u32(const uint8_t *p, const uint8_t *end, uint32_t *out) {
    uint32_t r = 0;
    for (size_t i = 0; i < 4; i++) {
        if (p + i >= end) return 0;
        uint8_t b = p[i];
        r |= (uint32_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            *out = r;
            return i + 1;
        }
    }
    /* Fifth byte: no continuation, and only the low 4 bits may be set. */
    if (p + 4 >= end || (p[4] & 0xf0)) return 0;
    *out = r | (uint32_t)p[4] << 28;
    return 5;
}

size_t leb_u64(const uint8_t *p, const uint8_t *end, uint64_t *out) {
    enum leb_error e;
    return leb_read(p, end, 64, 0, out, &e);
}

size_t leb_s32(const uint8_t *p, const uint8_t *end, int32_t *out) {
    uint32_t r = 0;
    for (size_t i = 0; i < 4; i++) {
        if (p + i >= end) return 0;
        uint8_t b = p[i];
        r |= (uint32_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            if (b & 0x40) r |= ~(uint32_t)0 << (7 * (i + 1)); /* sign extension */
            *out = (int32_t)r;
            return i + 1;
        }
    }
    /* Fifth byte: no continuation; bits 4-6 must repeat the sign bit, bit 3. */
    if (p + 4 >= end) return 0;
    uint8_t b = p[4];
    if ((b & 0x80) || ((b & 0x70) != ((b & 0x08) ? 0x70 : 0))) return 0;
    *out = (int32_t)(r | (uint32_t)(b & 0x0f) << 28);
    return 5;
}

size_t leb_s33(const uint8_t *p, const uint8_t *end, int64_t *out) {
    uint64_t v;
    enum leb_error e;
    size_t n = leb_read(p, end, 33, 1, &v, &e);
    if (n) *out = (int64_t)v;
    return n;
}

size_t leb_s64(const uint8_t *p, const uint8_t *end, int64_t *out) {
    uint64_t r = 0;
    for (size_t i = 0; i < 9; i++) {
        if (p + i >= end) return 0;
        uint8_t b = p[i];
        r |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            if (b & 0x40) r |= ~(uint64_t)0 << (7 * (i + 1)); /* sign extension */
            *out = (int64_t)r;
            return i + 1;
        }
    }
    /* Tenth byte: no continuation; bits 1-6 must repeat the sign bit, bit 0. */
    if (p + 9 >= end) return 0;
    uint8_t b = p[9];
    if (b != 0x00 && b != 0x7f) return 0;
    *out = (int64_t)(r | (uint64_t)(b & 1) << 63);
    return 10;
}

enum leb_error leb_why(const uint8_t *p, const uint8_t *end, unsigned bits, int is_signed) {
    uint64_t v;
    enum leb_error e;
    leb_read(p, end, bits, is_signed, &v, &e);
    return e;
}

size_t leb_put_u64(uint8_t *out, uint64_t v) {
    size_t n = 0;
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        if (v) b |= 0x80;
        out[n++] = b;
    } while (v);
    return n;
}

size_t leb_put_s64(uint8_t *out, int64_t v) {
    size_t n = 0;
    for (;;) {
        uint8_t b = (uint8_t)(v & 0x7f);
        v = (int64_t)((uint64_t)v >> 7) | (v < 0 ? (int64_t)(~(uint64_t)0 << 57) : 0);
        int done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
        if (!done) b |= 0x80;
        out[n++] = b;
        if (done) return n;
    }
}
