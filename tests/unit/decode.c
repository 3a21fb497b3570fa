/* Decoder unit tests: hand-written binaries for every section kind, the malformed cases with
 * their spec wording and offsets, implementation limits, and allocation failure at every step. */
#include <stdlib.h>
#include <string.h>

#include "base/result.h"
#include "check.h"
#include "decode/decode.h"

/* ---- an allocator that checks sizes and can fail on demand -------------------------------- */

struct track {
    long long live;   /* bytes allocated minus bytes freed (by the sizes the engine reports) */
    long count;       /* allocations so far */
    long fail_at;     /* fail the allocation with this number (1-based), or 0 */
};

static void *track_alloc(void *ud, void *ptr, size_t old, size_t nsize) {
    struct track *t = ud;
    if (nsize == 0) {
        if (ptr) t->live -= (long long)old;
        free(ptr);
        return NULL;
    }
    t->count++;
    if (t->fail_at && t->count == t->fail_at) return NULL;
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    t->live += (long long)nsize - (long long)(ptr ? old : 0);
    return p;
}

static struct track g_track;
static struct wisp_allocator g_alloc = {track_alloc, &g_track};

/* ---- helpers ------------------------------------------------------------------------------- */

#define HDR 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00

/* The decoder's whole well-formedness check: dec_module, then the scan of the bodies' code that
 * it leaves for later (val_module runs it when it rejects a module). */
static struct wisp_result dec_full(const uint8_t *bytes, size_t n, struct module **m) {
    struct wisp_result r = dec_module(&g_alloc, bytes, n, m);
    if (r.kind == WISP_OK && *m) {
        r = dec_check_code(*m, 0);
        if (r.kind != WISP_OK) {
            mod_free(*m);
            *m = NULL;
        }
    }
    return r;
}

/* Decodes sections (the 8-byte header is added here). */
static struct wisp_result dec(const uint8_t *secs, size_t n, struct module **m) {
    uint8_t *buf = malloc(n + 8);
    const uint8_t hdr[8] = {HDR};
    memcpy(buf, hdr, 8);
    if (n) memcpy(buf + 8, secs, n);
    struct wisp_result r = dec_full(buf, n + 8, m);
    free(buf);
    return r;
}

/* Expects success; returns the module (caller frees). */
static struct module *ok_(const uint8_t *secs, size_t n, int line) {
    struct module *m = NULL;
    struct wisp_result r = dec(secs, n, &m);
    if (r.kind != WISP_OK) {
        fprintf(stderr, "line %d: unexpected error: %s\n", line, r.message ? r.message : "(null)");
        check_failures++;
    }
    wisp_result_free(&r);
    return m;
}
#define OK(...) ok_((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), __LINE__)

/* Expects an error of `code` whose message contains `sub`, at `off` (or any offset if -1). */
static void err_raw(const uint8_t *bytes, size_t n, enum wisp_error_code code, const char *sub, long long off,
                    int line) {
    struct module *m = (struct module *)1;
    struct wisp_result r = dec_full(bytes, n, &m);
    bool good = r.kind == WISP_ERROR && r.error == code && m == NULL && r.message && strstr(r.message, sub) &&
                !strchr(r.message, '\n') && (off < 0 || r.offset == (uint64_t)off);
    if (!good) {
        fprintf(stderr, "line %d: expected error %d \"%s\" at %lld, got kind %d error %d offset %lld: %s\n", line,
                (int)code, sub, off, (int)r.kind, (int)r.error, (long long)r.offset,
                r.message ? r.message : "(null)");
        check_failures++;
    }
    if (r.kind == WISP_OK && m && m != (struct module *)1) mod_free(m);
    wisp_result_free(&r);
}

static void err_(const uint8_t *secs, size_t n, enum wisp_error_code code, const char *sub, long long off,
                 int line) {
    uint8_t *buf = malloc(n + 8);
    const uint8_t hdr[8] = {HDR};
    memcpy(buf, hdr, 8);
    if (n) memcpy(buf + 8, secs, n);
    err_raw(buf, n + 8, code, sub, off, line);
    free(buf);
}
#define BAD(sub, off, ...)                                                                              \
    err_((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), WISP_ERR_MALFORMED, sub, \
         off, __LINE__)
#define LIM(sub, off, ...)                                                                           \
    err_((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), WISP_ERR_LIMIT, sub, off, \
         __LINE__)
#define BADRAW(sub, off, ...)                                                                              \
    err_raw((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), WISP_ERR_MALFORMED, sub, \
            off, __LINE__)

/* A growable byte buffer for generated modules. */
struct buf {
    uint8_t *p;
    size_t n, cap;
};
static void put(struct buf *b, uint8_t v) {
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 256;
        b->p = realloc(b->p, b->cap);
    }
    b->p[b->n++] = v;
}
static void put_u(struct buf *b, uint64_t v) {
    do {
        uint8_t x = v & 0x7f;
        v >>= 7;
        put(b, x | (v ? 0x80 : 0));
    } while (v);
}
/* Appends section `id` whose content is c. */
static void put_sec(struct buf *b, uint8_t id, const struct buf *c) {
    put(b, id);
    put_u(b, c->n);
    for (size_t i = 0; i < c->n; i++) put(b, c->p[i]);
}

/* ---- good modules -------------------------------------------------------------------------- */

static void test_empty(void) {
    struct module *m = OK(0x00, 0x04, 0x03, 'a', 'b', 'c'); /* one custom section "abc", empty */
    if (!m) return;
    CHECK(m->ncustoms == 1 && m->customs[0].name_len == 3 && !memcmp(m->customs[0].name, "abc", 4));
    CHECK(m->customs[0].len == 0 && m->customs[0].start == 14);
    CHECK(m->size == 14 && m->bytes[0] == 0x00 && m->bytes[1] == 'a');
    mod_free(m);
    struct wisp_result r = dec(NULL, 0, &m);
    CHECK(r.kind == WISP_OK && m && m->ntypes == 0 && m->nfuncs == 0 && m->ncustoms == 0);
    mod_free(m);
}

static void test_types(void) {
    struct module *m = OK(0x01, 0x16, 0x04,                         /* type section, 4 types */
                          0x60, 0x00, 0x00,                         /* [] -> [] */
                          0x60, 0x02, 0x7f, 0x7e, 0x01, 0x7d,       /* [i32 i64] -> [f32] */
                          0x60, 0x01, 0x7b, 0x02, 0x70, 0x6f,       /* [v128] -> [funcref externref] */
                          0x60, 0x02, 0x7f, 0x7e, 0x01, 0x7d);      /* same as type 1 */
    if (!m) return;
    CHECK(m->ntypes == 4);
    CHECK(m->types[0].nparams == 0 && m->types[0].nresults == 0 && m->types[0].types == NULL);
    CHECK(m->types[1].nparams == 2 && m->types[1].nresults == 1);
    CHECK(m->types[1].types[0] == 0x7f && m->types[1].types[1] == 0x7e && m->types[1].types[2] == 0x7d);
    CHECK(m->types[2].types[0] == 0x7b && m->types[2].types[1] == 0x70 && m->types[2].types[2] == 0x6f);
    CHECK(mod_functype_eq(&m->types[1], &m->types[3]));
    CHECK(m->types[1].hash == m->types[3].hash);
    CHECK(!mod_functype_eq(&m->types[1], &m->types[2]));
    CHECK(!mod_functype_eq(&m->types[0], &m->types[1]));
    CHECK(m->types[0].hash != m->types[1].hash);
    mod_free(m);
}

static void test_imports(void) {
    struct module *m = OK(0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                          0x02, 0x25, 0x05,
                          0x01, 'm', 0x01, 'f', 0x00, 0x00,                   /* func type 0 */
                          0x01, 'm', 0x01, 't', 0x01, 0x70, 0x01, 0x02, 0x0a, /* table funcref 2..10 */
                          0x01, 'm', 0x01, 'M', 0x02, 0x00, 0x01,             /* memory 1 */
                          0x01, 'm', 0x01, 'g', 0x03, 0x7e, 0x01,             /* global mut i64 */
                          0x02, 'x', 0x00, 0x00, 0x03, 0x6f, 0x00);           /* "x\0" "" : global externref */
    if (!m) return;
    CHECK(m->nimports == 5);
    CHECK(m->nfuncs == 1 && m->nfuncs_imported == 1 && m->func_types[0] == 0);
    CHECK(m->ntables == 1 && m->ntables_imported == 1 && m->tables[0].elem == 0x70);
    CHECK(m->tables[0].lim.min == 2 && m->tables[0].lim.has_max && m->tables[0].lim.max == 10);
    CHECK(m->nmems == 1 && m->mems[0].lim.min == 1 && !m->mems[0].lim.has_max);
    CHECK(m->nglobals == 2 && m->nglobals_imported == 2);
    CHECK(m->globals[0].type == 0x7e && m->globals[0].mut && m->globals[1].type == 0x6f && !m->globals[1].mut);
    CHECK(m->imports[0].kind == MOD_FUNC && !strcmp(m->imports[0].module, "m") && !strcmp(m->imports[0].name, "f"));
    CHECK(m->imports[0].offset == 0x11);
    CHECK(m->imports[4].module_len == 2 && !memcmp(m->imports[4].module, "x\0", 3) && m->imports[4].name_len == 0);
    CHECK(m->imports[4].name && m->imports[4].name[0] == 0);
    mod_free(m);
}

static void test_defs(void) {
    /* Types, funcs, table, memory, globals, exports, start, code. */
    struct module *m = OK(
        0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f,
        0x03, 0x03, 0x02, 0x00, 0x01,
        0x04, 0x08, 0x02, 0x70, 0x00, 0x01, 0x6f, 0x01, 0x00, 0x05,
        0x05, 0x06, 0x01, 0x01, 0x01, 0x80, 0x80, 0x04,          /* memory 1..65536 (padded-free LEB) */
        0x06, 0x32, 0x06,
        0x7f, 0x00, 0x41, 0x2a, 0x0b,                               /* i32 = 42 */
        0x7e, 0x01, 0x42, 0x7f, 0x0b,                               /* mut i64 = -1 */
        0x70, 0x00, 0xd2, 0x01, 0x0b,                               /* funcref = ref.func 1 */
        0x6f, 0x00, 0xd0, 0x6f, 0x0b,                               /* externref = null */
        0x7f, 0x00, 0x23, 0x00, 0x41, 0x01, 0x6a, 0x0b,             /* extended const: global.get 0 + 1 */
        0x7b, 0x00, 0xfd, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x0b, /* v128 */
        0x07, 0x0d, 0x02, 0x03, 'r', 'u', 'n', 0x00, 0x01, 0x03, 'm', 'e', 'm', 0x02, 0x00,
        0x08, 0x01, 0x00,
        0x0a, 0x0d, 0x02,
        0x02, 0x00, 0x0b,                                           /* func 0: no locals */
        0x08, 0x02, 0x03, 0x7f, 0x00, 0x7e, 0x41, 0x07, 0x0b);      /* func 1: 3 i32, 0 i64 */
    if (!m) return;
    CHECK(m->ntypes == 2 && m->nfuncs == 2 && m->func_types[1] == 1);
    CHECK(m->ntables == 2 && m->tables[1].elem == 0x6f && m->tables[1].lim.has_max && m->tables[1].lim.max == 5);
    CHECK(m->tables[0].lim.min == 1 && !m->tables[0].lim.has_max);
    CHECK(m->nmems == 1 && m->mems[0].lim.min == 1 && m->mems[0].lim.max == 65536);
    CHECK(m->nglobals == 6 && m->nglobals_imported == 0);
    CHECK(m->globals[1].mut && m->globals[1].type == 0x7e && m->globals[5].type == 0x7b);
    CHECK(m->global_inits[0].len == 3 && m->bytes[m->global_inits[0].start] == 0x41);
    CHECK(m->bytes[m->global_inits[0].start + m->global_inits[0].len - 1] == 0x0b);
    CHECK(m->global_inits[4].len == 6 && m->global_inits[5].len == 19);
    CHECK(m->nexports == 2 && !strcmp(m->exports[0].name, "run") && m->exports[0].kind == MOD_FUNC &&
          m->exports[0].index == 1 && m->exports[1].kind == MOD_MEMORY);
    CHECK(m->has_start && m->start == 0);
    CHECK(m->ncodes == 2);
    CHECK(m->codes[0].nruns == 0 && m->codes[0].nlocals == 0 && m->codes[0].body_len == 2);
    CHECK(m->bytes[m->codes[0].expr_start] == 0x0b && m->codes[0].expr_start == m->codes[0].body_start + 1);
    CHECK(m->codes[1].nruns == 2 && m->codes[1].nlocals == 3 && m->codes[1].runs[0].count == 3 &&
          m->codes[1].runs[0].type == 0x7f && m->codes[1].runs[1].type == 0x7e);
    CHECK(m->bytes[m->codes[1].expr_start] == 0x41 && m->codes[1].body_len == 8);
    mod_free(m);
}

static void test_elems(void) {
    struct module *m = OK(
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
        0x09, 0x36, 0x08,
        0x00, 0x41, 0x00, 0x0b, 0x01, 0x00,                 /* 0: active table 0, funcs */
        0x01, 0x00, 0x02, 0x00, 0x00,                       /* 1: passive, elemkind, funcs */
        0x02, 0x00, 0x41, 0x01, 0x0b, 0x00, 0x01, 0x00,     /* 2: active table 0 explicit */
        0x03, 0x00, 0x01, 0x00,                             /* 3: declarative */
        0x04, 0x41, 0x00, 0x0b, 0x01, 0xd2, 0x00, 0x0b,     /* 4: active, exprs */
        0x05, 0x6f, 0x01, 0xd0, 0x6f, 0x0b,                 /* 5: passive externref exprs */
        0x06, 0x00, 0x41, 0x00, 0x0b, 0x70, 0x00,           /* 6: active explicit, funcref, empty */
        0x07, 0x70, 0x02, 0xd0, 0x70, 0x0b, 0xd2, 0x00, 0x0b, /* 7: declarative exprs */
        0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b);
    if (!m) return;
    CHECK(m->nelems == 8);
    const struct mod_elem *e = m->elems;
    CHECK(e[0].mode == MOD_SEG_ACTIVE && e[0].table == 0 && e[0].type == 0x70 && e[0].count == 1 &&
          e[0].func_indices && !e[0].exprs && e[0].offset.len == 3);
    CHECK(e[1].mode == MOD_SEG_PASSIVE && e[1].count == 2 && e[1].func_indices);
    CHECK(e[2].mode == MOD_SEG_ACTIVE && e[2].count == 1);
    CHECK(e[3].mode == MOD_SEG_DECLARATIVE && e[3].count == 1);
    CHECK(e[4].mode == MOD_SEG_ACTIVE && e[4].exprs && !e[4].func_indices && e[4].exprs[0].len == 3);
    CHECK(e[5].mode == MOD_SEG_PASSIVE && e[5].type == 0x6f && e[5].count == 1);
    CHECK(e[6].mode == MOD_SEG_ACTIVE && e[6].count == 0 && !e[6].exprs && !e[6].func_indices);
    CHECK(e[7].mode == MOD_SEG_DECLARATIVE && e[7].count == 2 && e[7].exprs[1].len == 3);
    CHECK(e[0].offset_in_module == 0x1b);
    mod_free(m);
}

static void test_data(void) {
    struct module *m = OK(
        0x05, 0x03, 0x01, 0x00, 0x01,
        0x0c, 0x01, 0x03,
        0x0b, 0x13, 0x03,
        0x00, 0x41, 0x00, 0x0b, 0x02, 'h', 'i',
        0x01, 0x03, 'a', 'b', 'c',
        0x02, 0x00, 0x41, 0x08, 0x0b, 0x00);
    if (!m) return;
    CHECK(m->has_datacount && m->datacount == 3 && m->ndatas == 3);
    CHECK(m->datas[0].mode == MOD_SEG_ACTIVE && m->datas[0].len == 2 && m->bytes[m->datas[0].start] == 'h');
    CHECK(m->datas[1].mode == MOD_SEG_PASSIVE && m->datas[1].len == 3 && m->bytes[m->datas[1].start + 2] == 'c');
    CHECK(m->datas[2].mode == MOD_SEG_ACTIVE && m->datas[2].memory == 0 && m->datas[2].len == 0);
    CHECK(m->datas[0].offset.len == 3 && m->datas[2].offset.len == 3);
    mod_free(m);
    /* memory.init with a data count section */
    m = OK(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
           0x0c, 0x01, 0x01,
           0x0a, 0x0e, 0x01, 0x0c, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b,
           0x0b, 0x03, 0x01, 0x01, 0x00);
    mod_free(m);
}

static void test_customs_and_names(void) {
    /* Customs before, between and after sections; a name section with a module name and
     * function names out of order. */
    struct module *m = OK(
        0x00, 0x02, 0x01, 'a',
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x00, 0x03, 0x01, 'b', 0xff,
        0x03, 0x04, 0x03, 0x00, 0x00, 0x00,
        0x0a, 0x0a, 0x03, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b,
        0x00, 0x18, 0x04, 'n', 'a', 'm', 'e',
        0x00, 0x04, 0x03, 'm', 'o', 'd',
        0x01, 0x0b, 0x02, 0x02, 0x03, 't', 'w', 'o', 0x00, 0x03, 'z', 'e', 'r',
        0x00, 0x02, 0x01, 'c');
    if (!m) return;
    CHECK(m->ncustoms == 4);
    CHECK(!strcmp(m->customs[0].name, "a") && !strcmp(m->customs[1].name, "b") && m->customs[1].len == 1);
    CHECK(m->bytes[m->customs[1].start] == 0xff && !strcmp(m->customs[2].name, "name"));
    CHECK(!strcmp(m->customs[3].name, "c"));
    CHECK(m->module_name && !strcmp(m->module_name, "mod"));
    CHECK(m->nfunc_names == 2 && m->func_names[0].index == 0 && m->func_names[1].index == 2);
    CHECK(mod_func_name(m, 0) && !strcmp(mod_func_name(m, 0), "zer"));
    CHECK(mod_func_name(m, 2) && !strcmp(mod_func_name(m, 2), "two"));
    CHECK(mod_func_name(m, 1) == NULL && mod_func_name(m, 99) == NULL);
    mod_free(m);

    /* Malformed name sections are ignored: bad UTF-8, truncated, duplicate index, bad order. */
    m = OK(0x00, 0x0b, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x04, 0x01, 0x00, 0x01, 0xff);
    CHECK(m && m->func_names == NULL && m->nfunc_names == 0 && m->ncustoms == 1);
    mod_free(m);
    m = OK(0x00, 0x0b, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x09, 0x05, 0x00, 0x01, 'a');
    CHECK(m && m->func_names == NULL);
    mod_free(m);
    m = OK(0x00, 0x0e, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x07, 0x02, 0x01, 0x01, 'a', 0x01, 0x01, 'b');
    CHECK(m && m->func_names == NULL);
    mod_free(m);
    m = OK(0x00, 0x10, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x04, 0x01, 0x00, 0x01, 'a', 0x00, 0x03, 0x02, 'm',
           'n');
    CHECK(m && m->func_names == NULL && m->module_name == NULL);
    mod_free(m);
    /* Unknown subsections are skipped; names with a NUL are cut there. */
    m = OK(0x00, 0x11, 0x04, 'n', 'a', 'm', 'e', 0x00, 0x03, 0x02, 'x', 0x00, 0x02, 0x03, 0x00, 0x00, 0x00,
           0x07, 0x00);
    CHECK(m && m->module_name && !strcmp(m->module_name, "x"));
    mod_free(m);
    /* Only the first name section counts. */
    m = OK(0x00, 0x09, 0x04, 'n', 'a', 'm', 'e', 0x00, 0x02, 0x01, 'p',
           0x00, 0x09, 0x04, 'n', 'a', 'm', 'e', 0x00, 0x02, 0x01, 'q');
    CHECK(m && m->module_name && !strcmp(m->module_name, "p") && m->ncustoms == 2);
    mod_free(m);
}

/* Padded (over-long but within the size bound) LEBs are fine everywhere. */
static void test_padded(void) {
    struct module *m = OK(0x01, 0x84, 0x80, 0x80, 0x80, 0x00, 0x01, 0x60, 0x00, 0x00,
                          0x05, 0x0b, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00, 0x82, 0x80, 0x80, 0x80, 0x00);
    CHECK(m && m->nmems == 1 && m->mems[0].lim.min == 2 && m->ntypes == 1);
    mod_free(m);
}

/* ---- malformed modules ------------------------------------------------------------------- */

static void test_header(void) {
    BADRAW("unexpected end", -1, 0x00);
    err_raw((const uint8_t *)"", 0, WISP_ERR_MALFORMED, "unexpected end", 0, __LINE__);
    BADRAW("unexpected end", 3, 0x00, 0x61, 0x73);
    BADRAW("magic header not detected", 0, 'a', 's', 'm', 0x00);
    BADRAW("magic header not detected", 0, 0xef, 0xbb, 0xbf, 0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00);
    BADRAW("unexpected end", -1, 0x00, 'a', 's', 'm', 0x01, 0x00, 0x00);
    BADRAW("unknown binary version", 4, 0x00, 'a', 's', 'm', 0x0d, 0x00, 0x00, 0x00);
    BADRAW("unknown binary version", 4, 0x00, 'a', 's', 'm', 0x00, 0x00, 0x00, 0x01);
}

static void test_sections(void) {
    BAD("malformed section id", 8, 0x0d, 0x01, 0x00);
    BAD("malformed section id", 8, 0x80, 0x01, 0x00, 0x01, 0x01, 0x00);
    BAD("malformed section id", 11, 0x01, 0x01, 0x00, 0xff);
    BAD("length out of bounds", 9, 0x01, 0x07, 0x02, 0x60, 0x00, 0x00);
    BAD("section size mismatch", 10, 0x01, 0x07, 0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00);
    BAD("unexpected end", -1, 0x01);
    BAD("unexpected end", -1, 0x00);
    BAD("unexpected end", -1, 0x00, 0x00);
    BAD("unexpected end", -1, 0x00, 0x00, 0x00, 0x05, 0x01, 0x00, 0x07, 0x00, 0x00);
    /* order and duplicates */
    BAD("unexpected content after last section", 11, 0x08, 0x01, 0x00, 0x08, 0x01, 0x00);
    BAD("unexpected content after last section", 11, 0x03, 0x01, 0x00, 0x01, 0x01, 0x00);
    BAD("unexpected content after last section", 11, 0x0a, 0x01, 0x00, 0x0c, 0x01, 0x00);
    BAD("unexpected content after last section", 11, 0x0b, 0x01, 0x00, 0x0a, 0x01, 0x00);
    /* data count sits between element and code */
    struct module *m = OK(0x09, 0x01, 0x00, 0x0c, 0x01, 0x00, 0x0a, 0x01, 0x00, 0x0b, 0x01, 0x00);
    CHECK(m && m->has_datacount && m->datacount == 0);
    mod_free(m);
    /* customs anywhere, even between the same-rank checks */
    m = OK(0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x03, 0x01, 0x00, 0x00, 0x01, 0x00);
    CHECK(m && m->ncustoms == 2);
    mod_free(m);
    /* a custom section that swallows the next section's id */
    BAD("malformed section id", -1, 0x00, 0x03, 0x01, 'a', 0x01, 0x24, 0x00);
    BAD("function and code section have inconsistent lengths", -1, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03,
        0x03, 0x02, 0x00, 0x00);
    BAD("function and code section have inconsistent lengths", -1, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b);
    BAD("data count and data section have inconsistent lengths", -1, 0x0c, 0x01, 0x01);
    BAD("data count and data section have inconsistent lengths", -1, 0x0c, 0x01, 0x01, 0x0b, 0x05, 0x02, 0x01,
        0x00, 0x01, 0x00);
    BAD("data count section required", -1, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05,
        0x03, 0x01, 0x00, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0xfc, 0x09, 0x00, 0x0b, 0x0b, 0x03, 0x01, 0x01,
        0x00);
}

static void test_leb(void) {
    BAD("integer representation too long", -1, 0x05, 0x08, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00);
    BAD("integer too large", 12, 0x05, 0x07, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x70);
    BAD("integer representation too long", 9, 0x00, 0x83, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01, 0x31, 0x32);
    BAD("integer too large", 9, 0x00, 0x83, 0x80, 0x80, 0x80, 0x10, 0x01, 0x31, 0x32);
    BAD("integer representation too long", -1, 0x01, 0x05, 0x01, 0xe0, 0x7f, 0x00, 0x00);
    BAD("integer too large", -1, 0x06, 0x0a, 0x01, 0x7f, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x0b);
    BAD("integer representation too long", -1, 0x06, 0x0b, 0x01, 0x7f, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x00, 0x0b);
    BAD("integer too large", -1, 0x06, 0x0f, 0x01, 0x7e, 0x00, 0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0x01, 0x0b);
    /* limits flags: a one-bit LEB */
    BAD("integer too large", 11, 0x05, 0x02, 0x01, 0x02);
    BAD("integer representation too long", 11, 0x05, 0x05, 0x01, 0x81, 0x00, 0x00, 0x00);
    BAD("integer too large", 12, 0x04, 0x03, 0x01, 0x70, 0x02);
}

static void test_entries(void) {
    /* imports */
    BAD("malformed import kind", 13, 0x02, 0x04, 0x01, 0x00, 0x00, 0x04);
    BAD("malformed import kind", 13, 0x02, 0x05, 0x01, 0x00, 0x00, 0x80, 0x00);
    BAD("malformed mutability", 15, 0x02, 0x06, 0x01, 0x00, 0x00, 0x03, 0x7f, 0x02);
    BAD("malformed mutability", 12, 0x06, 0x06, 0x01, 0x7f, 0xff, 0x41, 0x00, 0x0b);
    BAD("unexpected end of section or function", -1, 0x02, 0x06, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00);
    /* exports */
    BAD("malformed export kind", -1, 0x07, 0x04, 0x01, 0x00, 0x04, 0x00);
    BAD("length out of bounds", -1, 0x07, 0x05, 0x01, 0x0a, 'a', 0x00, 0x00);
    /* types */
    BAD("malformed function type", 11, 0x01, 0x04, 0x01, 0x61, 0x00, 0x00);
    BAD("malformed value type", 13, 0x01, 0x05, 0x01, 0x60, 0x01, 0x40, 0x00);
    BAD("malformed value type", -1, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7a);
    /* tables */
    BAD("malformed reference type", 11, 0x04, 0x04, 0x01, 0x7f, 0x00, 0x00);
    BAD("unexpected end of section or function", -1, 0x04, 0x01, 0x01);
    /* globals and constant expressions */
    BAD("illegal opcode", -1, 0x06, 0x05, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b);
    BAD("END opcode expected", 15, 0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x05);
    BAD("unexpected end", -1, 0x06, 0x05, 0x01, 0x7f, 0x00, 0x41, 0x00);
    BAD("malformed reference type", -1, 0x06, 0x05, 0x01, 0x70, 0x00, 0xd0, 0x7f, 0x0b);
    /* element segments */
    BAD("malformed elements segment kind", 11, 0x09, 0x03, 0x01, 0x08, 0x00);
    BAD("malformed element kind", 12, 0x09, 0x04, 0x01, 0x01, 0x01, 0x00);
    BAD("malformed reference type", 12, 0x09, 0x04, 0x01, 0x05, 0x7f, 0x00);
    BAD("illegal opcode", -1, 0x09, 0x05, 0x01, 0x05, 0x70, 0x01, 0xf3, 0x00, 0x0b);
    /* data segments */
    BAD("malformed data segment kind", 11, 0x0b, 0x03, 0x01, 0x03, 0x00);
    BAD("unexpected end of section or function", -1, 0x0b, 0x07, 0x01, 0x00, 0x41, 0x03, 0x0b, 0x02, 'a');
    BAD("section size mismatch", -1, 0x0b, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 'a', 'b');
    /* UTF-8 in names */
    BAD("malformed UTF-8 encoding", 10, 0x00, 0x03, 0x02, 0xc0, 0x80);         /* overlong NUL */
    BAD("malformed UTF-8 encoding", 10, 0x00, 0x04, 0x03, 0xed, 0xa0, 0x80);   /* surrogate */
    BAD("malformed UTF-8 encoding", 10, 0x00, 0x05, 0x04, 0xf4, 0x90, 0x80, 0x80); /* > U+10FFFF */
    BAD("malformed UTF-8 encoding", 10, 0x00, 0x02, 0x01, 0x80);               /* lone continuation */
    BAD("malformed UTF-8 encoding", 10, 0x00, 0x03, 0x02, 0xe2, 0x82);         /* truncated */
    BAD("malformed UTF-8 encoding", -1, 0x02, 0x07, 0x01, 0x01, 0xff, 0x00, 0x02, 0x00, 0x00);
    BAD("malformed UTF-8 encoding", -1, 0x07, 0x05, 0x01, 0x01, 0xfe, 0x00, 0x00);
    struct module *m = OK(0x00, 0x0b, 0x0a, 0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82, 0xac, 0xc3, 0xa9, 'x');
    CHECK(m && m->ncustoms == 1 && m->customs[0].name_len == 10);
    mod_free(m);
}

static void test_code(void) {
#define TF 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00
    /* missing end at end of module; body size mismatch; else misplaced */
    BAD("unexpected end of section or function", -1, TF, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x1a);
    BAD("section size mismatch", 0x16, TF, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x1a, 0x0b, 0x03, 0x01, 0x01,
        0x00);
    BAD("END opcode expected", -1, TF, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x05, 0x0b);
    BAD("END opcode expected", -1, TF, 0x0a, 0x0c, 0x01, 0x0a, 0x00, 0x02, 0x40, 0x05, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
        0x0b);
    BAD("END opcode expected", -1, TF, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0b,
        0x0b);
    struct module *m = OK(TF, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x41, 0x00, 0x04, 0x40, 0x02, 0x40, 0x0b, 0x05, 0x0b,
                          0x0b);
    CHECK(m != NULL);
    mod_free(m);
    BAD("illegal opcode", 0x17, TF, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x06, 0x0b);
    BAD("illegal opcode", -1, TF, 0x0a, 0x07, 0x01, 0x05, 0x00, 0xfc, 0x12, 0x00, 0x0b);
    BAD("zero byte expected", -1, TF, 0x05, 0x03, 0x01, 0x00, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x3f, 0x01, 0x1a,
        0x0b);
    BAD("integer representation too long", -1, TF, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x0c, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x00, 0x0b);
    /* locals */
    BAD("too many locals", -1, TF, 0x0a, 0x0c, 0x01, 0x0a, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x02, 0x7e,
        0x0b);
    BAD("integer too large", -1, TF, 0x0a, 0x0c, 0x01, 0x0a, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7f, 0x02, 0x7e,
        0x0b);
    BAD("malformed value type", -1, TF, 0x0a, 0x06, 0x01, 0x04, 0x01, 0x01, 0x40, 0x0b);
    LIM("(function 0): too many locals: 50001, parameters included (limit 50000)", 0x16, TF, 0x0a, 0x08, 0x01, 0x06, 0x01, 0xd1, 0x86,
        0x03, 0x7f, 0x0b);
    m = OK(TF, 0x0a, 0x08, 0x01, 0x06, 0x01, 0xd0, 0x86, 0x03, 0x7f, 0x0b);
    CHECK(m && m->codes[0].nlocals == 50000);
    mod_free(m);
    /* parameters count too: (i32) -> () with 50000 locals */
    LIM("too many locals", -1, 0x01, 0x05, 0x01, 0x60, 0x01, 0x7f, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x08, 0x01,
        0x06, 0x01, 0xd0, 0x86, 0x03, 0x7f, 0x0b);
    /* locals beyond 2^32 in total but each run valid */
    BAD("too many locals", -1, 0x01, 0x06, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x1c,
        0x01, 0x1a, 0x04, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7f, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7e, 0x80, 0x80, 0x80,
        0x80, 0x04, 0x7d, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7c, 0x0b);
    /* body size over the limit, before looking at the bytes */
    BAD("length out of bounds", -1, TF, 0x0a, 0x06, 0x01, 0xb2, 0x97, 0xd3, 0x03, 0x00);
    /* section count that cannot fit */
    BAD("length out of bounds", -1, 0x03, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f);
    BAD("section size mismatch", -1, 0x03, 0x02, 0x05, 0x00, 0x0a, 0x01, 0x00);
#undef TF
}

/* Body code is scanned by dec_check_code, not dec_module; errors dec_module finds after some
 * bodies were delimited still give way to an encoding error in those bodies. */
static void test_lazy_code(void) {
#define TF 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00
#define TF2 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00
    static const uint8_t illegal[] = {HDR, TF, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x06, 0x0b};
    struct module *m = NULL;
    struct wisp_result r = dec_module(&g_alloc, illegal, sizeof illegal, &m);
    CHECK(r.kind == WISP_OK && m);
    if (m) {
        r = dec_check_code(m, 0);
        CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_MALFORMED && r.offset == 0x17 && r.message &&
              strstr(r.message, "(function 0): illegal opcode 0x06"));
        wisp_result_free(&r);
        r = dec_check_code(m, 1); /* past the last body: nothing to scan */
        CHECK(r.kind == WISP_OK);
        mod_free(m);
    }
    /* a malformed data segment after a malformed body */
    BAD("(function 0): illegal opcode 0x06", 0x17, TF, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x06, 0x0b, 0x0b, 0x02, 0x01,
        0x07);
    /* the code and function sections disagree, after a malformed body */
    BAD("illegal opcode 0x06", 0x18, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00, 0x0a, 0x05, 0x01,
        0x03, 0x00, 0x06, 0x0b);
    /* a later body's locals over the limit, or malformed, after a malformed body */
    BAD("(function 0): illegal opcode 0x06", -1, TF2, 0x0a, 0x0c, 0x02, 0x03, 0x00, 0x06, 0x0b, 0x06, 0x01, 0xd1, 0x86,
        0x03, 0x7f, 0x0b);
    BAD("(function 0): illegal opcode 0x06", -1, TF2, 0x0a, 0x09, 0x02, 0x03, 0x00, 0x06, 0x0b, 0x03, 0x01, 0x01, 0x40);
    /* the same body's locals over the limit: its code is read first */
    BAD("(function 0): illegal opcode 0x06", -1, TF, 0x0a, 0x09, 0x01, 0x07, 0x01, 0xd1, 0x86, 0x03, 0x7f, 0x06, 0x0b);
    LIM("(function 0): too many locals", -1, TF, 0x0a, 0x09, 0x01, 0x07, 0x01, 0xd1, 0x86, 0x03, 0x7f, 0x01, 0x0b);
    /* memory.init with data segments but no data count section: at the instruction */
    BAD("data count section required", 0x22, TF, 0x05, 0x03, 0x01, 0x00, 0x01, 0x0a, 0x0e, 0x01, 0x0c, 0x00, 0x41,
        0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b, 0x0b, 0x04, 0x01, 0x01, 0x01, 'x');
#undef TF
#undef TF2
}

/* Where every entity is declared, imported or defined, and the shared type hash. */
static void test_offsets(void) {
    struct module *m = OK(0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                                         /* @8 */
                          0x02, 0x0e, 0x02, 0x01, 'm', 0x01, 'f', 0x00, 0x00,                         /* @14, f @17 */
                          0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x00,                                     /* g @23 */
                          0x03, 0x03, 0x02, 0x00, 0x00,                                               /* @30 */
                          0x04, 0x04, 0x01, 0x70, 0x00, 0x01,                                         /* @35 */
                          0x05, 0x03, 0x01, 0x00, 0x01,                                               /* @41 */
                          0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x0b,                             /* @46 */
                          0x07, 0x05, 0x01, 0x01, 'e', 0x00, 0x01,                                    /* @54 */
                          0x08, 0x01, 0x01,                                                           /* @61 */
                          0x0a, 0x07, 0x02, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b,                       /* @64 */
                          0x0b, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 'x');                       /* @73 */
    CHECK(m != NULL);
    if (!m) return;
    CHECK(m->nfuncs == 3 && m->func_offsets[0] == 17 && m->func_offsets[1] == 33 && m->func_offsets[2] == 34);
    CHECK(m->nglobals == 2 && m->global_offsets[0] == 23 && m->global_offsets[1] == 49);
    CHECK(m->ntables == 1 && m->table_offsets[0] == 38);
    CHECK(m->nmems == 1 && m->mem_offsets[0] == 44);
    CHECK(m->nexports == 1 && m->exports[0].offset == 57);
    CHECK(m->has_start && m->start == 1 && m->start_offset == 63);
    CHECK(m->ndatas == 1 && m->datas[0].offset_in_module == 76);
    CHECK(m->owner_alloc == &g_alloc);
    /* the hash is a function of the shape only */
    uint8_t types[3] = {0x7f, 0x7e, 0x7f};
    struct mod_functype a = {2, 1, types, 0}, b = {2, 1, types, 0}, c = {1, 2, types, 0};
    CHECK(mod_functype_hash(&a) == mod_functype_hash(&b) && mod_functype_hash(&a) != mod_functype_hash(&c));
    CHECK(m->types[0].hash == mod_functype_hash(&m->types[0]));
    mod_free(m);
}

/* Implementation limits on counts need real bytes behind them. */
static void test_limits(void) {
    struct buf b = {0}, c = {0};
    uint8_t hdr[8] = {HDR};
    for (int i = 0; i < 8; i++) put(&b, hdr[i]);
    put_u(&c, MOD_MAX_TYPES + 1);
    for (uint32_t i = 0; i <= MOD_MAX_TYPES; i++) {
        put(&c, 0x60);
        put(&c, 0x00);
        put(&c, 0x00);
    }
    put_sec(&b, 1, &c);
    err_raw(b.p, b.n, WISP_ERR_LIMIT, "too many types: 1000001 (limit 1000000)", 13, __LINE__);

    /* a body of MOD_MAX_BODY_SIZE + 1 bytes, present in full */
    b.n = 8;
    c.n = 0;
    struct buf t = {0};
    put(&t, 0x01);
    put(&t, 0x60);
    put(&t, 0x00);
    put(&t, 0x00);
    put_sec(&b, 1, &t);
    t.n = 0;
    put(&t, 0x01);
    put(&t, 0x00);
    put_sec(&b, 3, &t);
    put(&c, 0x01);
    put_u(&c, MOD_MAX_BODY_SIZE + 1);
    put(&c, 0x00);
    for (uint32_t i = 0; i < MOD_MAX_BODY_SIZE - 1; i++) put(&c, 0x01);
    put(&c, 0x0b);
    put_sec(&b, 10, &c);
    err_raw(b.p, b.n, WISP_ERR_LIMIT, "function body of 7654322 bytes (limit 7654321)", -1, __LINE__);
    free(b.p);
    free(c.p);
    free(t.p);
}

/* Every allocation failure during a rich decode gives a clean out-of-memory error. */
static void test_oom(void) {
    static const uint8_t mod[] = {
        HDR,
        0x00, 0x02, 0x01, 'a',
        0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x00,
        0x02, 0x0e, 0x02, 0x01, 'm', 0x01, 'f', 0x00, 0x00, 0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x00,
        0x03, 0x02, 0x01, 0x01,
        0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
        0x05, 0x03, 0x01, 0x00, 0x01,
        0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b,
        0x07, 0x05, 0x01, 0x01, 'r', 0x00, 0x01,
        0x09, 0x0d, 0x02, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x01, 0x05, 0x70, 0x01, 0xd0, 0x70, 0x0b,
        0x0c, 0x01, 0x01,
        0x0a, 0x0b, 0x01, 0x09, 0x01, 0x02, 0x7f, 0x41, 0x00, 0x04, 0x40, 0x0b, 0x0b,
        0x0b, 0x04, 0x01, 0x01, 0x01, 'x',
        0x00, 0x0f, 0x04, 'n', 'a', 'm', 'e', 0x00, 0x02, 0x01, 'M', 0x01, 0x04, 0x01, 0x01, 0x01, 'F',
        0x00, 0x02, 0x01, 'b',
    };
    /* the error itself may need memory: use a separate, reliable allocator for messages by
     * checking kind and code only */
    long n = 1;
    for (;; n++) {
        g_track.count = 0;
        g_track.fail_at = n;
        struct module *m = (struct module *)1;
        struct wisp_result r = dec_full(mod, sizeof mod, &m);
        if (r.kind == WISP_OK) {
            CHECK(m && m->module_name && !strcmp(m->module_name, "M") && mod_func_name(m, 1));
            CHECK(m->ncustoms == 3 && m->nelems == 2 && m->ndatas == 1);
            mod_free(m);
            break;
        }
        if (r.kind != WISP_ERROR || r.error != WISP_ERR_OUT_OF_MEMORY || m != NULL) {
            fprintf(stderr, "allocation %ld failed: got kind %d error %d: %s\n", n, (int)r.kind, (int)r.error,
                    r.message ? r.message : "(no message)");
            check_failures++;
            wisp_result_free(&r);
            break;
        }
        wisp_result_free(&r);
        CHECK(g_track.live == 0);
        if (n > 1000) break;
    }
    CHECK(n > 20 && n < 1000);
    g_track.fail_at = 0;
}

int main(void) {
    test_empty();
    test_types();
    test_imports();
    test_defs();
    test_elems();
    test_data();
    test_customs_and_names();
    test_padded();
    test_header();
    test_sections();
    test_leb();
    test_entries();
    test_code();
    test_lazy_code();
    test_offsets();
    test_limits();
    test_oom();
    CHECK(g_track.live == 0); /* nothing leaked, and every free gave back the size allocated */
    CHECK_DONE();
}
