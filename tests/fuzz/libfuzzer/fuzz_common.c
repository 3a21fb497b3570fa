/* Shared pieces of the libFuzzer targets: the accounting allocator, the code scan that decides
 * whether (and how deep) a module may run, and failure reporting. See fuzz_common.h. */
#include "fuzz_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* ---- the accounting allocator ---- */

#define HDR 16u /* keeps the 16-byte alignment malloc gives */
#define HDR_MAGIC 0x77697370u

struct hdr {
    size_t size;
    uint32_t magic;
};

size_t fuzz_load_cap(size_t n) {
    if (n > (SIZE_MAX - (1u << 20)) / 64) return SIZE_MAX;
    return 64 * n + (1u << 20);
}

void fuzz_alloc_init(struct fuzz_alloc *fa, size_t n) {
    memset(fa, 0, sizeof *fa);
    fa->cap = fuzz_load_cap(n);
    fa->hard = true;
    fa->input_size = n;
    fa->phase = "loading";
}

static struct hdr *hdr_of(void *ptr, size_t old_size, const struct fuzz_alloc *fa) {
    struct hdr *h = (struct hdr *)(void *)((char *)ptr - HDR);
    if (h->magic != HDR_MAGIC) fuzz_fail("allocator: block %p was not allocated by the engine's hook (%s)", ptr, fa->phase);
    if (h->size != old_size)
        fuzz_fail("allocator: old_size %zu given for a block of %zu bytes (%s)", old_size, h->size, fa->phase);
    return h;
}

void *fuzz_alloc_fn(void *ud, void *ptr, size_t old_size, size_t new_size) {
    struct fuzz_alloc *fa = ud;
    struct hdr *h = ptr ? hdr_of(ptr, old_size, fa) : NULL;
    size_t old = ptr ? old_size : 0;
    if (new_size == 0) {
        if (h) {
            h->magic = 0;
            fa->live -= old;
            free(h);
        }
        return NULL;
    }
    fa->count++;
    if (fa->fail_at && fa->count == fa->fail_at) return NULL;
    size_t live = fa->live - old;
    if (new_size > fa->cap || live > fa->cap - new_size) {
        if (fa->hard)
            fuzz_fail("allocation of %zu bytes while %zu are live passes the cap of %zu bytes (64 x %zu input "
                      "bytes + 1 MiB) while %s",
                      new_size, live, fa->cap, fa->input_size, fa->phase);
        return NULL;
    }
    if (new_size > SIZE_MAX - HDR) return NULL;
    struct hdr *nh = realloc(h, new_size + HDR);
    if (!nh) return NULL;
    nh->size = new_size;
    nh->magic = HDR_MAGIC;
    fa->live = live + new_size;
    if (fa->live > fa->peak) fa->peak = fa->live;
    return (char *)nh + HDR;
}

void fuzz_alloc_check_empty(const struct fuzz_alloc *fa) {
    if (fa->live != 0) fuzz_fail("leak: %zu bytes still allocated after everything was freed (%s)", fa->live, fa->phase);
}

uint64_t fuzz_hash(const uint8_t *b, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

/* ---- the code scan ---- */

struct rd {
    const uint8_t *p, *end;
};

static bool rd_byte(struct rd *r, uint8_t *out) {
    if (r->p >= r->end) return false;
    *out = *r->p++;
    return true;
}

/* Reads a LEB128 of at most 10 bytes (u32, s33 and s64 alike), keeping the low 64 bits. */
static bool rd_leb(struct rd *r, uint64_t *out) {
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        uint8_t b;
        if (!rd_byte(r, &b)) return false;
        if (shift < 64) v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

static bool rd_skip(struct rd *r, uint64_t n) {
    if (n > (uint64_t)(r->end - r->p)) return false;
    r->p += n;
    return true;
}

static bool skip_lebs(struct rd *r, unsigned k) {
    uint64_t x;
    while (k--)
        if (!rd_leb(r, &x)) return false;
    return true;
}

/* Walks one body's instructions [r->p, r->end), counting loops and calls. false: an encoding
 * this walk does not know (the module is then not run). */
static bool scan_body(struct rd *r, bool *has_loop, uint32_t *calls) {
    uint64_t x, n;
    while (r->p < r->end) {
        uint8_t op, b;
        if (!rd_byte(r, &op)) return false;
        switch (op) {
        case 0x03: *has_loop = true; /* fall through */
        case 0x02: case 0x04: /* block type: 0x40, a value type byte, or an s33 type index */
            if (r->p >= r->end) return false;
            b = *r->p;
            if (b == 0x40 || (b >= 0x7b && b <= 0x7f) || b == 0x70 || b == 0x6f) r->p++;
            else if (!rd_leb(r, &x)) return false;
            break;
        case 0x10: (*calls)++; if (!skip_lebs(r, 1)) return false; break;
        case 0x11: (*calls)++; if (!skip_lebs(r, 2)) return false; break;
        case 0x0c: case 0x0d: case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
        case 0xd2: case 0x41: case 0x42:
            if (!skip_lebs(r, 1)) return false;
            break;
        case 0x0e: /* br_table */
            if (!rd_leb(r, &n) || n >= (uint64_t)(r->end - r->p)) return false;
            if (!skip_lebs(r, (unsigned)n + 1)) return false;
            break;
        case 0x1c: /* select t* */
            if (!rd_leb(r, &n) || !rd_skip(r, n)) return false;
            break;
        case 0x3f: case 0x40: case 0xd0:
            if (!rd_skip(r, 1)) return false;
            break;
        case 0x43: if (!rd_skip(r, 4)) return false; break;
        case 0x44: if (!rd_skip(r, 8)) return false; break;
        case 0xfc:
            if (!rd_leb(r, &x)) return false;
            if (x <= 7) break;
            if (x == 8) { if (!skip_lebs(r, 1) || !rd_skip(r, 1)) return false; break; }
            if (x == 10) { if (!rd_skip(r, 2)) return false; break; }
            if (x == 11) { if (!rd_skip(r, 1)) return false; break; }
            if (x == 12 || x == 14) { if (!skip_lebs(r, 2)) return false; break; }
            if (x == 9 || x == 13 || (x >= 15 && x <= 17)) { if (!skip_lebs(r, 1)) return false; break; }
            return false;
        default:
            if (op >= 0x28 && op <= 0x3e) {
                if (!skip_lebs(r, 2)) return false;
                break;
            }
            if (op <= 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b ||
                (op >= 0x45 && op <= 0xc4) || op == 0xd1)
                break;
            return false; /* SIMD and anything unknown */
        }
    }
    return true;
}

/* The largest parameter or result count of the function types in a type section. */
static bool scan_types(struct rd *r, uint32_t *max_arity) {
    uint64_t count, n, x;
    uint8_t form;
    if (!rd_leb(r, &count)) return false;
    for (uint64_t i = 0; i < count; i++) {
        if (!rd_byte(r, &form) || form != 0x60) return false;
        for (int k = 0; k < 2; k++) {
            if (!rd_leb(r, &n) || !rd_skip(r, n)) return false;
            x = n > UINT32_MAX ? UINT32_MAX : n;
            if (x > *max_arity) *max_arity = (uint32_t)x;
        }
    }
    return true;
}

size_t fuzz_stack_allowance(const struct fuzz_code_info *info) {
    const uint64_t limit = (uint64_t)2 << 22;
    uint64_t slots = info->code_bytes > limit ? limit : info->code_bytes;
    slots *= info->max_arity > limit ? limit : info->max_arity;
    if (slots > limit) slots = limit;
    return (size_t)(slots * 16);
}

struct fuzz_code_info fuzz_scan_code(const uint8_t *b, size_t n) {
    struct fuzz_code_info info = {false, false, 0, 0, 0};
    if (n < 8 || memcmp(b, "\0asm\1\0\0\0", 8) != 0) return info;
    struct rd r = {b + 8, b + n};
    while (r.p < r.end) {
        uint8_t id;
        uint64_t size;
        if (!rd_byte(&r, &id) || !rd_leb(&r, &size) || size > (uint64_t)(r.end - r.p)) return info;
        struct rd sec = {r.p, r.p + size};
        r.p += size;
        if (id == 1) {
            scan_types(&sec, &info.max_arity); /* a bad type section leaves the module invalid anyway */
            continue;
        }
        if (id != 10) continue;
        info.code_bytes += size;
        uint64_t count;
        if (!rd_leb(&sec, &count)) return info;
        for (uint64_t i = 0; i < count; i++) {
            uint64_t len, runs, x;
            if (!rd_leb(&sec, &len) || len > (uint64_t)(sec.end - sec.p)) return info;
            struct rd body = {sec.p, sec.p + len};
            sec.p += len;
            if (!rd_leb(&body, &runs)) return info;
            for (uint64_t k = 0; k < runs; k++)
                if (!rd_leb(&body, &x) || !rd_skip(&body, 1)) return info;
            uint32_t calls = 0;
            if (!scan_body(&body, &info.has_loop, &calls)) return info;
            if (calls > info.max_calls) info.max_calls = calls;
        }
    }
    info.ok = true;
    return info;
}

/* About this many calls at most per run of one export. */
#define FUZZ_CALL_BUDGET 4096u

uint32_t fuzz_call_depth(uint32_t max_calls) {
    if (max_calls <= 1) return FUZZ_CALL_BUDGET; /* a chain: depth is the count */
    uint32_t depth = 1;
    uint64_t calls = 1;
    while (calls * max_calls <= FUZZ_CALL_BUDGET) {
        calls *= max_calls;
        depth++;
    }
    return depth;
}
