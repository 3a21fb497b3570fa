/* Writes extreme-but-valid modules (and a few just over wisp's implementation limits) into
 * argv[1], with a manifest.txt: "file<TAB>ok<TAB>N" means the module must load and its export
 * `run` must return the i32 N; "file<TAB>trap<TAB>text" means it must load and `run` must trap
 * with that message; "file<TAB>limit<TAB>text" means loading must fail with WISP_ERR_LIMIT and a
 * message containing text. Generated at test time: some are megabytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
    uint8_t *p;
    size_t n, cap;
};

/* Makes room for `extra` more bytes. */
static void reserve(struct buf *b, size_t extra) {
    if (b->cap - b->n >= extra) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->n < extra) cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
        perror("realloc");
        exit(2);
    }
    b->p = p;
    b->cap = cap;
}

static void put_bytes(struct buf *b, const uint8_t *s, size_t n) {
    reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void put(struct buf *b, uint8_t v) { put_bytes(b, &v, 1); }
#define PUT(b, ...) put_bytes(b, (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

static void put_u(struct buf *b, uint64_t v) {
    do {
        uint8_t x = v & 0x7f;
        v >>= 7;
        put(b, (uint8_t)(x | (v ? 0x80 : 0)));
    } while (v);
}

static void put_s(struct buf *b, int64_t v) {
    for (;;) {
        uint8_t x = (uint8_t)(v & 0x7f);
        v = v < 0 ? ~(~v >> 7) : v >> 7; /* arithmetic shift, portably */
        int done = (v == 0 && !(x & 0x40)) || (v == -1 && (x & 0x40));
        put(b, (uint8_t)(x | (done ? 0 : 0x80)));
        if (done) return;
    }
}

static void put_name(struct buf *b, const char *s) {
    put_u(b, strlen(s));
    put_bytes(b, (const uint8_t *)s, strlen(s));
}

/* Appends section `id` with content c, and empties c. */
static void section(struct buf *b, uint8_t id, struct buf *c) {
    put(b, id);
    put_u(b, c->n);
    put_bytes(b, c->p, c->n);
    c->n = 0;
}

static void header(struct buf *b) {
    b->n = 0;
    PUT(b, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
}

/* Header, type 0 = [] -> [i32], `nfuncs` functions of type 0, optional memory of `pages`,
 * export "run" = function `run_index`. */
static void prologue(struct buf *b, struct buf *c, uint32_t nfuncs, int64_t pages, uint32_t run_index) {
    header(b);
    PUT(c, 0x01, 0x60, 0x00, 0x01, 0x7f);
    section(b, 1, c);
    put_u(c, nfuncs);
    for (uint32_t i = 0; i < nfuncs; i++) put(c, 0x00);
    section(b, 3, c);
    if (pages >= 0) {
        PUT(c, 0x01, 0x00);
        put_u(c, (uint64_t)pages);
        section(b, 5, c);
    }
    put(c, pages >= 0 ? 0x02 : 0x01);
    put_name(c, "run");
    put(c, 0x00);
    put_u(c, run_index);
    if (pages >= 0) {
        put_name(c, "mem");
        PUT(c, 0x02, 0x00);
    }
    section(b, 7, c);
}

/* A code section of one body (locals and instructions already in `body`). */
static void one_body(struct buf *b, struct buf *c, const struct buf *body) {
    put(c, 0x01);
    put_u(c, body->n);
    put_bytes(c, body->p, body->n);
    section(b, 10, c);
}

static const char *g_dir;
static FILE *g_manifest;

static void emit(const char *name, const struct buf *b, const char *kind, const char *expect) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->p, 1, b->n, f) != b->n || fclose(f)) {
        perror(path);
        exit(2);
    }
    fprintf(g_manifest, "%s\t%s\t%s\n", name, kind, expect);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: gen OUTDIR\n");
        return 2;
    }
    g_dir = argv[1];
    char mpath[4096];
    snprintf(mpath, sizeof mpath, "%s/manifest.txt", g_dir);
    g_manifest = fopen(mpath, "w");
    if (!g_manifest) {
        perror(mpath);
        return 2;
    }
    struct buf b = {0}, c = {0}, body = {0};

    /* 10,000 nested blocks, each passing an i32 out: returns 42. */
    prologue(&b, &c, 1, -1, 0);
    put(&body, 0x00);
    for (int i = 0; i < 10000; i++) PUT(&body, 0x02, 0x7f);
    PUT(&body, 0x41, 0x2a);
    for (int i = 0; i < 10000; i++) put(&body, 0x0b);
    put(&body, 0x0b);
    one_body(&b, &c, &body);
    emit("nested-blocks-10000.wasm", &b, "ok", "42");

    /* br_table with 1,000,000 targets; index 999,999 is the only one leaving the outer block:
     * returns 7 (3 if it took any other target). */
    prologue(&b, &c, 1, -1, 0);
    body.n = 0;
    PUT(&body, 0x00, 0x02, 0x40, 0x02, 0x40, 0x41);
    put_s(&body, 999999);
    put(&body, 0x0e);
    put_u(&body, 1000000);
    for (int i = 0; i < 1000000; i++) put(&body, i == 999999 ? 0x01 : 0x00);
    put(&body, 0x00);                            /* default: inner block */
    PUT(&body, 0x0b, 0x41, 0x03, 0x0f, 0x0b);    /* end inner; return 3; end outer */
    PUT(&body, 0x41, 0x07, 0x0b);
    one_body(&b, &c, &body);
    emit("br-table-1000000.wasm", &b, "ok", "7");

    /* 10,000 nested blocks left in one branch from the innermost: returns 42. */
    prologue(&b, &c, 1, -1, 0);
    body.n = 0;
    put(&body, 0x00);
    for (int i = 0; i < 10000; i++) PUT(&body, 0x02, 0x7f);
    PUT(&body, 0x41, 0x2a, 0x0c);
    put_u(&body, 9999);
    for (int i = 0; i < 10000; i++) put(&body, 0x0b);
    put(&body, 0x0b);
    one_body(&b, &c, &body);
    emit("nested-blocks-br-10000.wasm", &b, "ok", "42");

    /* A loop around 9,999 nested blocks, re-entered 1,000 times by a br_if from the innermost:
     * returns the count, 1000. */
    prologue(&b, &c, 1, -1, 0);
    body.n = 0;
    PUT(&body, 0x01, 0x01, 0x7f, 0x03, 0x40);
    for (int i = 0; i < 9999; i++) PUT(&body, 0x02, 0x40);
    PUT(&body, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x22, 0x00, 0x41); /* local 0 += 1 */
    put_s(&body, 1000);
    PUT(&body, 0x49, 0x0d); /* i32.lt_u; br_if to the loop */
    put_u(&body, 9999);
    for (int i = 0; i < 9999; i++) put(&body, 0x0b);
    PUT(&body, 0x0b, 0x20, 0x00, 0x0b);
    one_body(&b, &c, &body);
    emit("nested-loop-10000.wasm", &b, "ok", "1000");

    /* The same br_table with an index past its end: the default target leaves only the inner
     * block, so run returns 3. */
    prologue(&b, &c, 1, -1, 0);
    body.n = 0;
    PUT(&body, 0x00, 0x02, 0x40, 0x02, 0x40, 0x41);
    put_s(&body, 5000000);
    put(&body, 0x0e);
    put_u(&body, 1000000);
    for (int i = 0; i < 1000000; i++) put(&body, i == 999999 ? 0x01 : 0x00);
    put(&body, 0x00);
    PUT(&body, 0x0b, 0x41, 0x03, 0x0f, 0x0b);
    PUT(&body, 0x41, 0x07, 0x0b);
    one_body(&b, &c, &body);
    emit("br-table-1000000-default.wasm", &b, "ok", "3");

    /* A 4 GiB memory (65,536 pages): stores 42 in its last word, loads it back, and adds
     * memory.size - 65536: returns 42. */
    prologue(&b, &c, 1, 65536, 0);
    body.n = 0;
    PUT(&body, 0x00, 0x41, 0x7c, 0x41, 0x2a, 0x36, 0x02, 0x00, /* i32.store [-4] = 42 */
        0x41, 0x7c, 0x28, 0x02, 0x00,                          /* i32.load [-4] */
        0x3f, 0x00, 0x41, 0x80, 0x80, 0x04, 0x6b, 0x6a, 0x0b);
    one_body(&b, &c, &body);
    emit("memory-4gib.wasm", &b, "ok", "42");

    /* A memory grown from 0 to 4 GiB by the guest: grow returns 0, a store and load at the last
     * word, one page more fails (-1), memory.size is 65536: 0 + 42 - 1 + (65536 - 65535) = 42. */
    prologue(&b, &c, 1, 0, 0);
    body.n = 0;
    PUT(&body, 0x00, 0x41);
    put_s(&body, 65536);
    PUT(&body, 0x40, 0x00,                                 /* memory.grow 65536 */
        0x41, 0x7c, 0x41, 0x2a, 0x36, 0x02, 0x00,         /* i32.store [-4] = 42 */
        0x41, 0x7c, 0x28, 0x02, 0x00, 0x6a,               /* + i32.load [-4] */
        0x41, 0x01, 0x40, 0x00, 0x6a,                     /* + memory.grow 1 */
        0x3f, 0x00, 0x41);
    put_s(&body, 65535);
    PUT(&body, 0x6b, 0x6a, 0x0b); /* + memory.size - 65535 */
    one_body(&b, &c, &body);
    emit("memory-grow-4gib.wasm", &b, "ok", "42");

    /* run calls rec(1,000,000), which recurses to 0: past the default call depth (10,000), so a
     * clean "call stack exhausted" trap. Named, for the backtrace. */
    header(&b);
    PUT(&c, 0x02, 0x60, 0x00, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x01, 0x7f);
    section(&b, 1, &c);
    PUT(&c, 0x02, 0x00, 0x01);
    section(&b, 3, &c);
    put(&c, 0x01);
    put_name(&c, "run");
    PUT(&c, 0x00, 0x00);
    section(&b, 7, &c);
    body.n = 0;
    put(&body, 0x02);
    PUT(&body, 0x08, 0x00, 0x41); /* run: rec(1000000) */
    put_s(&body, 1000000);
    PUT(&body, 0x10, 0x01, 0x0b);
    PUT(&body, 0x15, 0x00, 0x20, 0x00, 0x45, 0x04, 0x7f, 0x41, 0x00, 0x05, /* rec: n == 0 ? 0 : */
        0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x01, 0x41, 0x01, 0x6a, 0x0b, 0x0b); /* rec(n - 1) + 1 */
    section(&b, 10, &body);
    put_name(&c, "name");
    PUT(&c, 0x01, 0x0b, 0x02, 0x00, 0x03, 'r', 'u', 'n', 0x01, 0x03, 'r', 'e', 'c');
    section(&b, 0, &c);
    emit("recursion-1000000.wasm", &b, "trap", "call stack exhausted");

    /* A function with 50,000 locals (the limit, parameters included): sets the last to 42 and
     * returns it plus the (zero) first. */
    for (int over = 0; over < 2; over++) {
        uint32_t n = 50000 + (uint32_t)over;
        prologue(&b, &c, 1, -1, 0);
        body.n = 0;
        put(&body, 0x01);
        put_u(&body, n);
        put(&body, 0x7f);
        PUT(&body, 0x41, 0x2a, 0x21);
        put_u(&body, n - 1);
        put(&body, 0x20);
        put_u(&body, n - 1);
        PUT(&body, 0x20, 0x00, 0x6a, 0x0b);
        one_body(&b, &c, &body);
        if (!over) emit("locals-50000.wasm", &b, "ok", "42");
        else emit("locals-50001.wasm", &b, "limit", "(function 0): too many locals: 50001, parameters included (limit 50000)");
    }

    /* 100,000 functions, each returning its index; `run` (function 0) returns
     * f(99999) + f(50000) = 149999. Every function is named in a name section. */
    prologue(&b, &c, 100000, -1, 0);
    put_u(&c, 100000);
    for (int32_t i = 0; i < 100000; i++) {
        body.n = 0;
        if (i == 0) {
            PUT(&body, 0x00, 0x10);
            put_u(&body, 99999);
            put(&body, 0x10);
            put_u(&body, 50000);
            PUT(&body, 0x6a, 0x0b);
        } else {
            PUT(&body, 0x00, 0x41);
            put_s(&body, i);
            put(&body, 0x0b);
        }
        put_u(&c, body.n);
        put_bytes(&c, body.p, body.n);
    }
    section(&b, 10, &c);
    {
        struct buf names = {0};
        put_u(&names, 100000);
        for (uint32_t i = 0; i < 100000; i++) {
            char nm[16];
            snprintf(nm, sizeof nm, "f%u", (unsigned)i);
            put_u(&names, i);
            put_name(&names, nm);
        }
        put_name(&c, "name");
        put(&c, 0x01);
        put_u(&c, names.n);
        put_bytes(&c, names.p, names.n);
        section(&b, 0, &c);
        free(names.p);
    }
    emit("funcs-100000.wasm", &b, "ok", "149999");

    /* A body of exactly 7,654,321 bytes (the limit): nops, then 42. One byte more is over. */
    for (int over = 0; over < 2; over++) {
        uint32_t size = 7654321 + (uint32_t)over;
        prologue(&b, &c, 1, -1, 0);
        body.n = 0;
        put(&body, 0x00);
        while (body.n < size - 3) put(&body, 0x01);
        PUT(&body, 0x41, 0x2a, 0x0b);
        one_body(&b, &c, &body);
        if (!over) emit("body-7654321.wasm", &b, "ok", "42");
        else emit("body-7654322.wasm", &b, "limit", "function body of 7654322 bytes (limit 7654321)");
    }

    /* 1,000,000 types (the limit); `run` uses the last one: returns 1. One more is over. */
    for (int over = 0; over < 2; over++) {
        uint32_t n = 1000000 + (uint32_t)over;
        header(&b);
        put_u(&c, n);
        for (uint32_t i = 0; i < n; i++) PUT(&c, 0x60, 0x00, 0x01, 0x7f);
        section(&b, 1, &c);
        put(&c, 0x01);
        put_u(&c, n - 1);
        section(&b, 3, &c);
        put(&c, 0x01);
        put_name(&c, "run");
        PUT(&c, 0x00, 0x00);
        section(&b, 7, &c);
        body.n = 0;
        PUT(&body, 0x00, 0x41, 0x01, 0x0b);
        one_body(&b, &c, &body);
        if (!over) emit("types-1000000.wasm", &b, "ok", "1");
        else emit("types-1000001.wasm", &b, "limit", "too many types: 1000001 (limit 1000000)");
    }

    free(b.p);
    free(c.p);
    free(body.p);
    if (fclose(g_manifest)) {
        perror(mpath);
        return 2;
    }
    return 0;
}
