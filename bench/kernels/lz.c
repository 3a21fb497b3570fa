/* lz.c: an LZ77-style compressor (hash chains, lazy matching, byte-oriented token format) and
 * its decompressor, on 32 KiB of synthetic text. SIZE = compress+decompress rounds.
 * Self-check: the round trip reproduces the input exactly. */
#include "bench.h"

#define WIN_BITS 16
#define WIN (1u << WIN_BITS)
#define HASH_BITS 14
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_CHAIN 32

static inline uint32_t hash4(const uint8_t *p) {
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Token format: a control byte LLLLMMMM. L = literal count (15: more in following bytes, each
 * adding up to 255), then the literals; M = match length - MIN_MATCH (15: extended likewise),
 * then a 2-byte offset; M and the offset are absent at the end of input. */
static uint8_t *put_len(uint8_t *o, size_t extra) {
    while (extra >= 255) *o++ = 255, extra -= 255;
    *o++ = (uint8_t)extra;
    return o;
}

static size_t match_len(const uint8_t *a, const uint8_t *b, size_t max) {
    size_t n = 0;
    while (n < max && a[n] == b[n]) n++;
    return n;
}

static size_t find(const uint8_t *in, size_t pos, size_t n, const int32_t *head, const int32_t *prev, size_t *off) {
    size_t best = 0, max = n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
    int32_t cand = head[hash4(in + pos)];
    for (int chain = 0; cand >= 0 && chain < MAX_CHAIN; chain++) {
        size_t dist = pos - (size_t)cand;
        if (dist >= WIN) break;
        if (in[cand + (int32_t)best] == in[pos + best]) {
            size_t l = match_len(in + cand, in + pos, max);
            if (l > best) {
                best = l, *off = dist;
                if (l == max) break;
            }
        }
        cand = prev[cand & (WIN - 1)];
    }
    return best;
}

static size_t compress(const uint8_t *in, size_t n, uint8_t *out, int32_t *head, int32_t *prev) {
    for (size_t i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
    uint8_t *o = out;
    size_t pos = 0, lit_start = 0;
    while (pos + MIN_MATCH <= n) {
        size_t off = 0, len = find(in, pos, n, head, prev, &off);
        /* lazy matching: prefer a longer match starting one byte later */
        if (len >= MIN_MATCH && pos + 1 + MIN_MATCH <= n) {
            uint32_t h = hash4(in + pos);
            prev[pos & (WIN - 1)] = head[h], head[h] = (int32_t)pos;
            size_t off2 = 0, len2 = find(in, pos + 1, n, head, prev, &off2);
            if (len2 > len + 1) {
                pos++;
                len = len2, off = off2;
            } else {
                /* undo nothing: the insertion above is the one the loop below would do */
                goto emit;
            }
        }
        if (len < MIN_MATCH) {
            uint32_t h = hash4(in + pos);
            prev[pos & (WIN - 1)] = head[h], head[h] = (int32_t)pos;
            pos++;
            continue;
        }
        {
            uint32_t h = hash4(in + pos);
            prev[pos & (WIN - 1)] = head[h], head[h] = (int32_t)pos;
        }
    emit : {
        size_t lits = pos - lit_start, ml = len - MIN_MATCH;
        *o++ = (uint8_t)((lits < 15 ? lits : 15) << 4 | (ml < 15 ? ml : 15));
        if (lits >= 15) o = put_len(o, lits - 15);
        memcpy(o, in + lit_start, lits);
        o += lits;
        if (ml >= 15) o = put_len(o, ml - 15);
        *o++ = (uint8_t)off, *o++ = (uint8_t)(off >> 8);
        for (size_t k = 1; k < len && pos + k + MIN_MATCH <= n; k++) {
            uint32_t h = hash4(in + pos + k);
            prev[(pos + k) & (WIN - 1)] = head[h], head[h] = (int32_t)(pos + k);
        }
        pos += len;
        lit_start = pos;
    }
    }
    size_t lits = n - lit_start;
    *o++ = (uint8_t)((lits < 15 ? lits : 15) << 4);
    if (lits >= 15) o = put_len(o, lits - 15);
    memcpy(o, in + lit_start, lits);
    o += lits;
    return (size_t)(o - out);
}

static size_t get_len(const uint8_t **pp, size_t base) {
    const uint8_t *p = *pp;
    uint8_t b;
    do base += (b = *p++);
    while (b == 255);
    *pp = p;
    return base;
}

/* Returns the decompressed size, or (size_t)-1 on malformed input. */
static size_t decompress(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
    const uint8_t *p = in, *end = in + n;
    uint8_t *o = out;
    while (p < end) {
        uint8_t ctl = *p++;
        size_t lits = ctl >> 4;
        if (lits == 15) lits = get_len(&p, 15);
        if ((size_t)(end - p) < lits || (size_t)(out + cap - o) < lits) return (size_t)-1;
        memcpy(o, p, lits);
        o += lits, p += lits;
        if (p >= end) break;
        size_t ml = ctl & 15;
        if (ml == 15) ml = get_len(&p, 15);
        ml += MIN_MATCH;
        size_t off = (size_t)p[0] | (size_t)p[1] << 8;
        p += 2;
        if (off == 0 || off > (size_t)(o - out) || (size_t)(out + cap - o) < ml) return (size_t)-1;
        const uint8_t *m = o - off;
        for (size_t k = 0; k < ml; k++) o[k] = m[k]; /* byte-wise: matches may overlap */
        o += ml;
    }
    return (size_t)(o - out);
}

#define INPUT (32 * 1024)

static uint64_t bench_kernel(uint32_t size, int *ok) {
    uint8_t *in = malloc(INPUT), *cmp = malloc(INPUT + INPUT / 8 + 64), *out = malloc(INPUT);
    int32_t *head = malloc(sizeof *head << HASH_BITS), *prev = malloc(sizeof *prev * WIN);
    if (!in || !cmp || !out || !head || !prev) {
        *ok = 0;
        return 0;
    }
    static const char *const syll[] = {"ka", "to", "ri", "mu", "sen", "da", "lo", "pe", "qua", "zi", "ber", "on"};
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        uint64_t rs = r % 4; /* four distinct inputs, cycled */
        size_t n = 0;
        while (n < INPUT - 16) {
            uint64_t x = bench_rand(&rs);
            int nsyl = 1 + (int)(x & 3);
            for (int s = 0; s < nsyl; s++) {
                const char *sy = syll[((x >> (4 + 4 * s)) & 0xff) % 12];
                while (*sy) in[n++] = (uint8_t)*sy++;
            }
            in[n++] = (x >> 30 & 7) == 0 ? '\n' : ' ';
            if ((x >> 40 & 63) == 0) /* occasional noise */
                for (int k = 0; k < 8; k++) in[n++] = (uint8_t)(x >> (k * 3));
        }
        size_t clen = compress(in, n, cmp, head, prev);
        size_t dlen = decompress(cmp, clen, out, INPUT);
        if (dlen != n || memcmp(in, out, n) != 0) *ok = 0;
        sum = bench_mix(bench_mix(sum, clen), n);
    }
    free(in), free(cmp), free(out), free(head), free(prev);
    return sum;
}

BENCH_MAIN("lz", 280, {2, 2466510273848363941ull}, {3, 2328022735374735276ull}, {280, 12771397431947498571ull})
