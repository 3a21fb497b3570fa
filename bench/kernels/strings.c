/* strings.c: string and memory-block work: building text with memcpy, overlapping memmove,
 * strlen/strchr/memchr/strstr/memcmp scans, tokenizing, case mapping and in-place reversal,
 * integer formatting. SIZE = rounds over a 64 KiB text. Self-check: search counts and
 * round-trips (reverse twice, format then parse). */
#include <ctype.h>

#include "bench.h"

#define TEXT 65536

static const char *const words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                                    "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa",
                                    "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
                                    "xray", "yankee", "zulu", "wasm", "interpreter", "benchmark", "memory"};
#define NW (sizeof words / sizeof words[0])

static uint64_t fnv64(const void *p, size_t n, uint64_t h) {
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static size_t count_naive(const char *text, size_t n, const char *pat) {
    size_t m = strlen(pat), count = 0;
    const char *p = text, *end = text + n;
    while ((size_t)(end - p) >= m) {
        const char *q = memchr(p, pat[0], (size_t)(end - p) - m + 1);
        if (!q) break;
        if (memcmp(q, pat, m) == 0) count++;
        p = q + 1;
    }
    return count;
}

static size_t count_strstr(const char *text, const char *pat) {
    size_t count = 0;
    for (const char *p = strstr(text, pat); p; p = strstr(p + 1, pat)) count++;
    return count;
}

static void reverse(char *s, size_t n) {
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j], s[j] = t;
    }
}

static size_t utoa(uint32_t v, char *out) {
    char tmp[12];
    size_t n = 0;
    do tmp[n++] = (char)('0' + v % 10), v /= 10;
    while (v);
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static uint64_t bench_kernel(uint32_t size, int *ok) {
    char *text = malloc(TEXT + 64), *work = malloc(TEXT + 64), *copy = malloc(TEXT + 64);
    char **tok = malloc(sizeof *tok * TEXT / 2);
    if (!text || !work || !copy || !tok) {
        *ok = 0;
        return 0;
    }
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        uint64_t rs = r;
        /* build: words, numbers and newlines */
        size_t n = 0;
        while (n < TEXT - 32) {
            uint64_t x = bench_rand(&rs);
            if ((x & 15) == 0) n += utoa((uint32_t)(x >> 32), text + n);
            else {
                const char *w = words[(x >> 8) % NW];
                size_t l = strlen(w);
                memcpy(text + n, w, l);
                n += l;
            }
            text[n++] = (x & 0x70) == 0 ? '\n' : ' ';
        }
        text[n] = 0;
        /* searches must agree */
        const char *pats[] = {"echo", "lima oscar", "wasm", "er", "zulu\n"};
        for (int i = 0; i < 5; i++) {
            size_t c1 = count_naive(text, n, pats[i]), c2 = count_strstr(text, pats[i]);
            if (c1 != c2) *ok = 0;
            sum = bench_mix(sum, c1);
        }
        /* line lengths via strchr + strlen */
        memcpy(work, text, n + 1);
        size_t lines = 0, total = 0;
        for (char *p = work; *p;) {
            char *nl = strchr(p, '\n');
            if (nl) *nl = 0;
            total += strlen(p);
            lines++;
            if (!nl) break;
            p = nl + 1;
        }
        sum = bench_mix(bench_mix(sum, lines), total);
        /* tokenize in place, reverse each token twice, upper-case the copy */
        memcpy(work, text, n + 1);
        size_t ntok = 0;
        for (char *p = work; *p;) {
            while (*p == ' ' || *p == '\n') p++;
            if (!*p) break;
            tok[ntok++] = p;
            while (*p && *p != ' ' && *p != '\n') p++;
            if (*p) *p++ = 0;
        }
        uint64_t h = 0xcbf29ce484222325ull;
        for (size_t i = 0; i < ntok; i++) {
            size_t l = strlen(tok[i]);
            reverse(tok[i], l);
            h = fnv64(tok[i], l, h);
            reverse(tok[i], l);
            for (size_t k = 0; k < l; k++) tok[i][k] = (char)toupper((unsigned char)tok[i][k]);
        }
        sum = bench_mix(bench_mix(sum, ntok), h);
        /* block moves: assorted sizes, overlapping both ways */
        memcpy(copy, text, n + 1);
        for (int i = 0; i < 2000; i++) {
            uint64_t x = bench_rand(&rs);
            size_t len = 1 + (x & 4095), from = (x >> 12) % (n - len), to = (x >> 32) % (n - len);
            if (i & 1) memmove(copy + to, copy + from, len);
            else memcpy(work + to, copy + from, len);
        }
        sum = bench_mix(sum, fnv64(copy, n, 0) ^ fnv64(work, 256, 0));
        /* numbers: format then parse back */
        char num[16];
        uint32_t acc = 0;
        for (int i = 0; i < 4000; i++) {
            uint32_t v = (uint32_t)bench_rand(&rs);
            utoa(v, num);
            uint32_t back = (uint32_t)strtoul(num, NULL, 10);
            if (back != v) *ok = 0;
            acc += back ^ (uint32_t)strlen(num);
        }
        sum = bench_mix(sum, acc);
    }
    free(text), free(work), free(copy), free(tok);
    return sum;
}

BENCH_MAIN("strings", 360, {2, 1994334355136089794ull}, {4, 2744539280531351303ull}, {360, 3531783021027328384ull})
