/* Writes the hostile binaries of tests/bad/expected.txt into a directory (argv[1]): truncated and
 * oversized sections, absurd counts and lengths, bad encodings, garbage. Each must be rejected
 * with the message listed in expected.txt, without crashing, hanging or allocating wildly. */
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

static void header(struct buf *b) {
    b->n = 0;
    PUT(b, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
}

/* Appends section `id` with content c (and empties c for the next one). */
static void section(struct buf *b, uint8_t id, struct buf *c) {
    put(b, id);
    put_u(b, c->n);
    put_bytes(b, c->p, c->n);
    c->n = 0;
}

/* type 0 = [] -> [], one function of that type */
static void one_func_prefix(struct buf *b, struct buf *c) {
    header(b);
    PUT(c, 0x01, 0x60, 0x00, 0x00);
    section(b, 1, c);
    PUT(c, 0x01, 0x00);
    section(b, 3, c);
}

static const char *g_dir;
static int g_written;

static void emit(const char *name, const struct buf *b) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (b->n && fwrite(b->p, 1, b->n, f) != b->n) || fclose(f)) {
        perror(path);
        exit(2);
    }
    g_written++;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: gen OUTDIR\n");
        return 2;
    }
    g_dir = argv[1];
    struct buf b = {0}, c = {0}, body = {0};

    b.n = 0;
    emit("empty.wasm", &b);

    PUT(&b, 0x00, 0x61, 0x73);
    emit("truncated-magic.wasm", &b);

    b.n = 0;
    PUT(&b, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00);
    emit("truncated-version.wasm", &b);

    b.n = 0;
    PUT(&b, 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00); /* an ELF header */
    emit("wrong-magic.wasm", &b);

    b.n = 0;
    PUT(&b, 0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00);
    emit("wrong-version.wasm", &b);

    header(&b);
    PUT(&b, 0x0d, 0x00);
    emit("unknown-section-id.wasm", &b);

    header(&b); /* a type section claiming 1000 bytes, 4 present */
    PUT(&b, 0x01, 0xe8, 0x07, 0x01, 0x60, 0x00, 0x00);
    emit("truncated-section.wasm", &b);

    header(&b); /* a section size of 2^32 - 1 */
    PUT(&b, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00);
    emit("section-size-4g.wasm", &b);

    header(&b); /* 2^32 - 1 types in a 5-byte section */
    PUT(&b, 0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f);
    emit("types-2pow32.wasm", &b);

    header(&b); /* 1,000,000 functions declared in a 4-byte section, followed by plenty of bytes */
    PUT(&b, 0x03, 0x04, 0xc0, 0x84, 0x3d, 0x00);
    for (int i = 0; i < 2000000; i++) put(&b, 0x00);
    emit("funcs-count-past-section.wasm", &b);

    header(&b); /* a section size LEB of 6 bytes */
    PUT(&b, 0x01, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00);
    emit("leb-too-long.wasm", &b);

    header(&b); /* a section size LEB with bits beyond 32 */
    PUT(&b, 0x01, 0x80, 0x80, 0x80, 0x80, 0x70);
    emit("leb-too-big.wasm", &b);

    header(&b); /* a type section with a byte left over */
    PUT(&b, 0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00);
    emit("section-size-mismatch.wasm", &b);

    one_func_prefix(&b, &c); /* locals 2^32-1 + 2 */
    PUT(&c, 0x01, 0x0a, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x02, 0x7e, 0x0b);
    section(&b, 10, &c);
    emit("locals-2pow32.wasm", &b);

    one_func_prefix(&b, &c); /* 2^31 locals: well formed, far over the implementation limit */
    PUT(&c, 0x01, 0x08, 0x01, 0x80, 0x80, 0x80, 0x80, 0x08, 0x7f, 0x0b);
    section(&b, 10, &c);
    emit("locals-2pow31.wasm", &b);

    one_func_prefix(&b, &c); /* 50,001 locals */
    PUT(&c, 0x01, 0x06, 0x01, 0xd1, 0x86, 0x03, 0x7f, 0x0b);
    section(&b, 10, &c);
    emit("locals-50001.wasm", &b);

    one_func_prefix(&b, &c); /* 2^28 local declarations in a 4-byte body */
    PUT(&c, 0x01, 0x05, 0x80, 0x80, 0x80, 0x80, 0x01);
    section(&b, 10, &c);
    emit("local-decls-huge.wasm", &b);

    header(&b); /* memory limits that do not fit in 32 bits */
    PUT(&b, 0x05, 0x0b, 0x01, 0x01, 0xff, 0xff, 0xff, 0xff, 0x1f, 0xff, 0xff, 0xff, 0xff, 0x1f);
    emit("absurd-limits.wasm", &b);

    header(&b); /* limits flags 0x07 (shared, 64-bit...: not in 2.0) */
    PUT(&b, 0x05, 0x03, 0x01, 0x07, 0x00);
    emit("limits-flags.wasm", &b);

    one_func_prefix(&b, &c); /* a body claiming more bytes than the module has */
    PUT(&c, 0x01, 0x80, 0x80, 0x04, 0x00, 0x0b);
    section(&b, 10, &c);
    emit("body-past-end.wasm", &b);

    one_func_prefix(&b, &c); /* a body of 2^32 - 1 bytes */
    PUT(&c, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x0b);
    section(&b, 10, &c);
    emit("body-size-4g.wasm", &b);

    one_func_prefix(&b, &c); /* a body with no final end, followed by another section */
    PUT(&c, 0x01, 0x03, 0x00, 0x41, 0x00);
    section(&b, 10, &c);
    PUT(&c, 0x00);
    section(&b, 11, &c);
    emit("body-without-end.wasm", &b);

    header(&b); /* an import module name of 4 GiB - 16 bytes */
    PUT(&b, 0x02, 0x09, 0x01, 0xf0, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x00);
    emit("name-length-huge.wasm", &b);

    header(&b);
    PUT(&b, 0x02, 0x0a, 0x01, 0x03, 'a', 0xc0, 0xaf, 0x01, 'b', 0x02, 0x00, 0x00); /* overlong '/' */
    emit("utf8-import-overlong.wasm", &b);

    header(&b);
    PUT(&b, 0x07, 0x07, 0x01, 0x03, 0xed, 0xbf, 0xbf, 0x00, 0x00); /* surrogate U+DFFF */
    emit("utf8-export-surrogate.wasm", &b);

    header(&b);
    PUT(&b, 0x00, 0x06, 0x05, 0xf8, 0x88, 0x80, 0x80, 0x80); /* 5-byte sequence */
    emit("utf8-custom-5byte.wasm", &b);

    header(&b); /* a custom section whose name runs past its end */
    PUT(&b, 0x00, 0x02, 0x05, 'a', 'b', 'c', 'd', 'e');
    emit("custom-name-past-end.wasm", &b);

    header(&b); /* function section before type section */
    PUT(&b, 0x03, 0x01, 0x00, 0x01, 0x01, 0x00);
    emit("section-order.wasm", &b);

    header(&b);
    PUT(&b, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00);
    emit("duplicate-section.wasm", &b);

    header(&b); /* two functions, one body */
    PUT(&b, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b);
    emit("func-code-mismatch.wasm", &b);

    header(&b);
    PUT(&b, 0x0c, 0x01, 0x05, 0x0b, 0x01, 0x00);
    emit("datacount-mismatch.wasm", &b);

    header(&b);
    PUT(&b, 0x02, 0x04, 0x01, 0x00, 0x00, 0x05);
    emit("import-kind.wasm", &b);

    header(&b);
    PUT(&b, 0x06, 0x06, 0x01, 0x7f, 0x02, 0x41, 0x00, 0x0b);
    emit("global-mutability.wasm", &b);

    header(&b); /* a global initialiser that never ends */
    PUT(&b, 0x06, 0x05, 0x01, 0x7f, 0x00, 0x41, 0x00);
    emit("const-expr-unterminated.wasm", &b);

    header(&b);
    PUT(&b, 0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0xff, 0x0b);
    emit("const-expr-illegal.wasm", &b);

    header(&b);
    PUT(&b, 0x09, 0x03, 0x01, 0x08, 0x00);
    emit("elem-flags.wasm", &b);

    header(&b); /* an element segment of 2^32 - 1 function indices */
    PUT(&b, 0x09, 0x0a, 0x01, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00);
    emit("elem-count-4g.wasm", &b);

    header(&b);
    PUT(&b, 0x0b, 0x03, 0x01, 0x03, 0x00);
    emit("data-flags.wasm", &b);

    header(&b); /* a passive data segment claiming 1 MiB */
    PUT(&b, 0x0b, 0x06, 0x01, 0x01, 0x80, 0x80, 0x40, 0x00);
    emit("data-length-huge.wasm", &b);

    header(&b);
    PUT(&b, 0x01, 0x04, 0x01, 0x5f, 0x00, 0x00);
    emit("type-form.wasm", &b);

    header(&b); /* a function type with 1001 parameters */
    PUT(&c, 0x01, 0x60, 0xe9, 0x07);
    for (int i = 0; i < 1001; i++) put(&c, 0x7f);
    put(&c, 0x00);
    section(&b, 1, &c);
    emit("params-1001.wasm", &b);

    header(&b); /* 1,000,001 types, all present */
    put_u(&c, 1000001);
    for (int i = 0; i < 1000001; i++) PUT(&c, 0x60, 0x00, 0x00);
    section(&b, 1, &c);
    emit("types-1000001.wasm", &b);

    /* A body of one million open blocks that never close. */
    one_func_prefix(&b, &c);
    body.n = 0;
    put(&body, 0x00);
    for (int i = 0; i < 1000000; i++) PUT(&body, 0x02, 0x40);
    put(&c, 0x01);
    put_u(&c, body.n);
    put_bytes(&c, body.p, body.n);
    section(&b, 10, &c);
    emit("deep-blocks-unterminated.wasm", &b);

    one_func_prefix(&b, &c); /* a br_table claiming 2^32 - 1 targets */
    PUT(&c, 0x01, 0x0a, 0x00, 0x41, 0x00, 0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b);
    section(&b, 10, &c);
    emit("br-table-4g.wasm", &b);

    one_func_prefix(&b, &c);
    PUT(&c, 0x01, 0x06, 0x00, 0x41, 0x00, 0x40, 0x01, 0x0b);
    section(&b, 10, &c);
    emit("zero-byte-expected.wasm", &b);

    one_func_prefix(&b, &c); /* a body of 0xff bytes */
    PUT(&c, 0x01, 0x82, 0x01, 0x00);
    for (int i = 0; i < 129; i++) put(&c, 0xff);
    section(&b, 10, &c);
    emit("garbage-body.wasm", &b);

    /* Pseudo-random garbage after a valid header (fixed seed, so the file never changes). */
    header(&b);
    uint32_t x = 0x2545f491u;
    for (int i = 0; i < 65536; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        put(&b, (uint8_t)(x >> 24));
    }
    b.p[8] = 0x0a; /* a code section, whose size the noise gives */
    emit("random-garbage.wasm", &b);

    free(b.p);
    free(c.p);
    free(body.p);
    printf("wrote %d files to %s\n", g_written, g_dir);
    return 0;
}
