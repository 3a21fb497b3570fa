/* Unit tests of the validator: hand-made modules through dec_module + val_module with a fake
 * code generator that records what it is told (opcodes, slots, reachability). */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/leb128.h"
#include "check.h"
#include "decode/decode.h"
#include "validate/opcodes.h"
#include "validate/validate.h"

/* ---- a tiny module builder --------------------------------------------------------------- */

struct buf {
    uint8_t *b;
    size_t n, cap;
};

static void put(struct buf *b, const void *p, size_t n) {
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n) cap *= 2;
        b->b = realloc(b->b, cap);
        if (!b->b) abort();
        b->cap = cap;
    }
    if (n) memcpy(b->b + b->n, p, n);
    b->n += n;
}
static void byte(struct buf *b, uint8_t v) { put(b, &v, 1); }
static void uleb(struct buf *b, uint64_t v) {
    uint8_t t[10];
    put(b, t, leb_put_u64(t, v));
}
static void section(struct buf *out, uint8_t id, struct buf *content) {
    byte(out, id);
    uleb(out, content->n);
    put(out, content->b, content->n);
    free(content->b);
    memset(content, 0, sizeof *content);
}
static void header(struct buf *b) { put(b, "\0asm\1\0\0\0", 8); }

#define I32 0x7f
#define I64 0x7e
#define F32 0x7d
#define F64 0x7c
#define V128 0x7b
#define FUNCREF 0x70

/* One function type per function: "params:results" as a string of type letters
 * (i, I=i64, f, F=f64, v=v128, r=funcref, e=externref). */
static uint8_t code_of(char ch) {
    switch (ch) {
    case 'i': return I32;
    case 'I': return I64;
    case 'f': return F32;
    case 'F': return F64;
    case 'v': return V128;
    case 'r': return FUNCREF;
    default: return 0x6f;
    }
}
static void functype(struct buf *b, const char *sig) {
    const char *colon = strchr(sig, ':');
    byte(b, 0x60);
    uleb(b, (uint64_t)(colon - sig));
    for (const char *s = sig; s < colon; s++) byte(b, code_of(*s));
    uleb(b, strlen(colon + 1));
    for (const char *s = colon + 1; *s; s++) byte(b, code_of(*s));
}

/* Module options for the common cases. */
struct spec {
    int nfuncs;
    const char *sigs[4];      /* one type (and function) each */
    const uint8_t *bodies[4]; /* locals declarations + instructions + end */
    size_t lens[4];
    int memory;               /* add (memory 1) */
    int table;                /* add (table 1 funcref) */
    const char *fname0;       /* name-section name of function 0 */
};

static struct buf build(const struct spec *sp) {
    struct buf out = {0}, s = {0};
    header(&out);
    uleb(&s, (uint64_t)sp->nfuncs);
    for (int i = 0; i < sp->nfuncs; i++) functype(&s, sp->sigs[i]);
    section(&out, 1, &s);
    uleb(&s, (uint64_t)sp->nfuncs);
    for (int i = 0; i < sp->nfuncs; i++) uleb(&s, (uint64_t)i);
    section(&out, 3, &s);
    if (sp->table) {
        put(&s, "\x01\x70\x00\x01", 4);
        section(&out, 4, &s);
    }
    if (sp->memory) {
        put(&s, "\x01\x00\x01", 3);
        section(&out, 5, &s);
    }
    uleb(&s, (uint64_t)sp->nfuncs);
    for (int i = 0; i < sp->nfuncs; i++) {
        uleb(&s, sp->lens[i]);
        put(&s, sp->bodies[i], sp->lens[i]);
    }
    section(&out, 10, &s);
    if (sp->fname0) {
        struct buf sub = {0};
        uleb(&s, 4);
        put(&s, "name", 4);
        uleb(&sub, 1);
        uleb(&sub, 0);
        uleb(&sub, strlen(sp->fname0));
        put(&sub, sp->fname0, strlen(sp->fname0));
        byte(&s, 1);
        uleb(&s, sub.n);
        put(&s, sub.b, sub.n);
        free(sub.b);
        section(&out, 0, &s);
    }
    return out;
}

/* ---- a recording code generator ------------------------------------------------------------ */

struct rec_op {
    uint16_t op;
    uint32_t base, aux, offset;
    uint8_t type;
    bool reachable;
    uint32_t index;
    uint32_t count; /* br_table */
};

struct rec {
    struct rec_op ops[64];
    int nops;
    int total_ops;
    uint32_t begins, ends;
    uint32_t nlocals, nlocal_slots, local_slot[8];
    uint32_t max_slots;
    int fail_at; /* op number to fail at (1-based), 0 = never */
};

static int rec_begin(void *self, uint32_t func_index, const struct mod_functype *type, const uint8_t *local_types,
                     const uint32_t *local_slot, uint32_t nlocals, uint32_t nlocal_slots) {
    struct rec *r = self;
    (void)func_index;
    (void)type;
    (void)local_types;
    r->begins++;
    r->nops = 0;
    r->nlocals = nlocals;
    r->nlocal_slots = nlocal_slots;
    for (uint32_t i = 0; i < nlocals && i < 8; i++) r->local_slot[i] = local_slot[i];
    return 0;
}

static int rec_op(void *self, const struct cg_instr *in) {
    struct rec *r = self;
    r->total_ops++;
    if (r->fail_at && r->total_ops == r->fail_at) return -1;
    if (r->nops < 64) {
        struct rec_op *o = &r->ops[r->nops++];
        o->op = in->op;
        o->base = in->base;
        o->aux = in->aux;
        o->offset = in->offset;
        o->type = in->type;
        o->reachable = in->reachable;
        o->index = in->imm.index;
        o->count = in->op == 0x0e ? in->imm.br_table.count : 0;
    }
    return 0;
}

static int rec_end(void *self, uint32_t max_stack_slots) {
    struct rec *r = self;
    r->ends++;
    r->max_slots = max_stack_slots;
    return 0;
}

static void rec_error(void *self, struct wisp_result *err) {
    (void)self;
    wisp_result_free(err);
    memset(err, 0, sizeof *err);
    err->kind = WISP_ERROR;
    err->error = WISP_ERR_LIMIT;
    err->offset = UINT64_MAX;
    err->func_index = UINT32_MAX;
}

static const struct wisp_allocator test_alloc = {base_default_alloc, NULL};

/* After decoding, before validating: overwrite function 0's body (the decoder checks encodings
 * too, so this is how the validator's own malformed-code paths are reached) or drop the data
 * count section. */
struct patch {
    const uint8_t *body; /* replaces the first `len` bytes of the body (locals included) */
    size_t len;
    bool drop_datacount;
};

/* Decodes and validates; returns the result (caller frees) and fills *rec. */
static struct wisp_result run_p(const struct buf *mod, struct rec *rec, const struct patch *pt) {
    struct module *m = NULL;
    struct wisp_result r = dec_module(&test_alloc, mod->b, mod->n, &m);
    if (r.kind != WISP_OK) {
        fprintf(stderr, "decode failed: %s\n", r.message ? r.message : "?");
        return r;
    }
    if (pt && pt->body && m->ncodes && pt->len <= m->codes[0].body_len)
        memcpy(m->bytes + m->codes[0].body_start, pt->body, pt->len);
    if (pt && pt->drop_datacount) m->has_datacount = false;
    struct cg_backend cg = {rec, rec_begin, rec_op, rec_end, rec_error};
    r = val_module(m, rec ? &cg : NULL);
    /* The result is owned by the allocator the module was decoded with: it outlives the module. */
    CHECK(r.kind == WISP_OK || !r.message || r.owner_ == (void *)&test_alloc);
    mod_free(m);
    return r;
}

static struct wisp_result run(const struct buf *mod, struct rec *rec) { return run_p(mod, rec, NULL); }

/* Runs a one-function module; expects success and returns the recording. */
static struct wisp_result run1(const char *sig, const uint8_t *body, size_t len, int memory, struct rec *rec) {
    struct spec sp = {1, {sig}, {body}, {len}, memory, 0, NULL};
    struct buf mod = build(&sp);
    struct wisp_result r = run(&mod, rec);
    free(mod.b);
    return r;
}

/* A one-function module decoded with `good` and validated with `bad` (same length) in its place. */
static struct wisp_result run_bad(const char *sig, const uint8_t *good, const uint8_t *bad, size_t len, int memory) {
    struct spec sp = {1, {sig}, {good}, {len}, memory, 0, NULL};
    struct buf mod = build(&sp);
    struct patch pt = {bad, len, false};
    struct wisp_result r = run_p(&mod, NULL, &pt);
    free(mod.b);
    return r;
}

#define BAD(good, bad)                                                                                               \
    ((const uint8_t[])good), ((const uint8_t[])bad), sizeof((const uint8_t[])good) +                                 \
        0 * sizeof(char[sizeof((const uint8_t[])good) == sizeof((const uint8_t[])bad) ? 1 : -1])
#define B(...) {__VA_ARGS__}

#define BODY(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})

static int expect_ok(struct wisp_result r) {
    int ok = r.kind == WISP_OK;
    if (!ok) fprintf(stderr, "unexpected error: %s\n", r.message ? r.message : "(no message)");
    wisp_result_free(&r);
    return ok;
}

/* Expects an error of `code` whose message contains each of the given strings. Every invalid
 * module error must say where (a byte offset, also in the message). */
static int expect_err(struct wisp_result r, enum wisp_error_code code, const char *s1, const char *s2) {
    int ok = r.kind == WISP_ERROR && r.error == code && r.message && strstr(r.message, s1) &&
             (!s2 || strstr(r.message, s2)) &&
             (code != WISP_ERR_INVALID || (r.offset != UINT64_MAX && strstr(r.message, " at offset 0x")));
    if (!ok)
        fprintf(stderr, "expected error %d with \"%s\"%s%s, got kind %d error %d: %s\n", code, s1, s2 ? " and " : "",
                s2 ? s2 : "", r.kind, r.error, r.message ? r.message : "(no message)");
    wisp_result_free(&r);
    return ok;
}

/* ---- slot reporting ------------------------------------------------------------------------ */

static void test_add_slots(void) {
    struct rec rec = {0};
    /* i32.const 1; i32.const 2; i32.add; end */
    CHECK(expect_ok(run1(":i", BODY(0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b), 0, &rec)));
    CHECK(rec.begins == 1 && rec.ends == 1);
    CHECK(rec.nops == 4);
    CHECK(rec.ops[0].op == 0x41 && rec.ops[0].base == 0);
    CHECK(rec.ops[1].op == 0x41 && rec.ops[1].base == 1);
    CHECK(rec.ops[2].op == 0x6a && rec.ops[2].base == 0);
    CHECK(rec.ops[3].op == 0x0b && rec.ops[3].base == 0 && rec.ops[3].reachable);
    CHECK(rec.max_slots == 2);
    /* offsets are absolute byte offsets of the opcodes, increasing */
    CHECK(rec.ops[1].offset == rec.ops[0].offset + 2 && rec.ops[2].offset == rec.ops[1].offset + 2);
}

static void test_br_carrying_value(void) {
    struct rec rec = {0};
    /* i32.const 9; block (result i32) i32.const 1; i32.const 2; br 0; end; i32.add; end */
    CHECK(expect_ok(run1(":i",
                         BODY(0x00, 0x41, 0x09, 0x02, 0x7f, 0x41, 0x01, 0x41, 0x02, 0x0c, 0x00, 0x0b, 0x6a, 0x0b), 0,
                         &rec)));
    CHECK(rec.nops == 8);
    CHECK(rec.ops[0].op == 0x41 && rec.ops[0].base == 0);
    CHECK(rec.ops[1].op == 0x02 && rec.ops[1].base == 1);
    CHECK(rec.ops[2].op == 0x41 && rec.ops[2].base == 1);
    CHECK(rec.ops[3].op == 0x41 && rec.ops[3].base == 2);
    CHECK(rec.ops[4].op == 0x0c && rec.ops[4].base == 2 && rec.ops[4].index == 0);
    CHECK(rec.ops[5].op == 0x0b && rec.ops[5].base == 1 && !rec.ops[5].reachable);
    CHECK(rec.ops[6].op == 0x6a && rec.ops[6].base == 0);
    CHECK(rec.ops[7].op == 0x0b && rec.ops[7].base == 0 && rec.ops[7].reachable);
    CHECK(rec.max_slots == 3);
}

static void test_br_if_and_loop(void) {
    struct rec rec = {0};
    /* (param i32) (result i32): loop (param i32)(result i32) -- via type 0? use block type index:
     * local.get 0; loop (result i32) i32.const 5; local.get 0; br_if 1; drop; i32.const 6; end; end
     * br_if 1 targets the function label (arity 1): carried value at slot 2 (after local.get 0
     * at slot 1 and i32.const 5 at slot 1?) -- see the expected slots below. */
    CHECK(expect_ok(run1("i:i",
                         BODY(0x00, 0x03, 0x7f, 0x41, 0x05, 0x20, 0x00, 0x0d, 0x01, 0x1a, 0x41, 0x06, 0x0b, 0x0b),
                         0, &rec)));
    CHECK(rec.nops == 8);
    CHECK(rec.ops[0].op == 0x03 && rec.ops[0].base == 0);
    CHECK(rec.ops[1].op == 0x41 && rec.ops[1].base == 0);
    CHECK(rec.ops[2].op == 0x20 && rec.ops[2].base == 1 && rec.ops[2].type == I32 && rec.ops[2].index == 0);
    CHECK(rec.ops[3].op == 0x0d && rec.ops[3].base == 0 && rec.ops[3].aux == 1 && rec.ops[3].index == 1);
    CHECK(rec.ops[4].op == 0x1a && rec.ops[4].base == 0 && rec.ops[4].type == I32);
    CHECK(rec.ops[5].op == 0x41 && rec.ops[5].base == 0);
    CHECK(rec.ops[6].op == 0x0b && rec.ops[6].base == 0 && rec.ops[6].reachable);
    CHECK(rec.ops[7].op == 0x0b && rec.ops[7].base == 0);
    CHECK(rec.nlocals == 1 && rec.nlocal_slots == 1);
}

static void test_call_args(void) {
    struct rec rec = {0};
    /* f0: (i32 i64) -> f32 ; f1: f64.const 0; i32.const 1; i64.const 2; call 0; drop; drop; end */
    static const uint8_t f0[] = {0x00, 0x43, 0, 0, 0, 0, 0x0b};
    static const uint8_t f1[] = {0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0x01, 0x42, 0x02, 0x10, 0x00, 0x1a, 0x1a, 0x0b};
    struct spec sp = {2, {"iI:f", ":"}, {f0, f1}, {sizeof f0, sizeof f1}, 0, 0, NULL};
    struct buf mod = build(&sp);
    CHECK(expect_ok(run(&mod, &rec)));
    free(mod.b);
    CHECK(rec.begins == 2 && rec.ends == 2);
    CHECK(rec.nops == 7);
    CHECK(rec.ops[3].op == 0x10 && rec.ops[3].base == 1 && rec.ops[3].index == 0);
    CHECK(rec.ops[4].op == 0x1a && rec.ops[4].base == 1 && rec.ops[4].type == F32);
    CHECK(rec.ops[5].op == 0x1a && rec.ops[5].base == 0 && rec.ops[5].type == F64);
    CHECK(rec.max_slots == 3);
}

static void test_unreachable_not_reported(void) {
    struct rec rec = {0};
    /* unreachable; i32.add; block; i32.const 1; drop; end; drop; end */
    CHECK(expect_ok(run1(":", BODY(0x00, 0x00, 0x6a, 0x02, 0x40, 0x41, 0x01, 0x1a, 0x0b, 0x1a, 0x0b), 0, &rec)));
    CHECK(rec.nops == 2);
    CHECK(rec.ops[0].op == 0x00);
    CHECK(rec.ops[1].op == 0x0b && !rec.ops[1].reachable && rec.ops[1].base == 0);
}

static void test_if_else(void) {
    struct rec rec = {0};
    /* i32.const 1; if (result i32) i32.const 2 else i32.const 3 end; drop; end */
    CHECK(expect_ok(
        run1(":", BODY(0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0b, 0x1a, 0x0b), 0, &rec)));
    CHECK(rec.nops == 8);
    CHECK(rec.ops[1].op == 0x04 && rec.ops[1].base == 0 && rec.ops[1].aux == 0);
    CHECK(rec.ops[2].op == 0x41 && rec.ops[2].base == 0);
    CHECK(rec.ops[3].op == 0x05 && rec.ops[3].base == 0 && rec.ops[3].reachable);
    CHECK(rec.ops[4].op == 0x41 && rec.ops[4].base == 0);
    CHECK(rec.ops[5].op == 0x0b && rec.ops[5].base == 0 && rec.ops[5].reachable);
    CHECK(rec.ops[6].op == 0x1a && rec.ops[6].base == 0);
}

static void test_v128_slots(void) {
    struct rec rec = {0};
    /* (param v128 i32): local.get 0; drop; local.get 1; local.get 0; drop; drop; end */
    CHECK(expect_ok(run1("vi:", BODY(0x00, 0x20, 0x00, 0x1a, 0x20, 0x01, 0x20, 0x00, 0x1a, 0x1a, 0x0b), 0, &rec)));
    CHECK(rec.nlocals == 2 && rec.nlocal_slots == 3 && rec.local_slot[0] == 0 && rec.local_slot[1] == 2);
    CHECK(rec.nops == 7);
    CHECK(rec.ops[0].base == 0 && rec.ops[0].type == V128);
    CHECK(rec.ops[1].op == 0x1a && rec.ops[1].base == 0 && rec.ops[1].type == V128);
    CHECK(rec.ops[2].base == 0 && rec.ops[2].type == I32);
    CHECK(rec.ops[3].base == 1 && rec.ops[3].type == V128);
    CHECK(rec.ops[4].op == 0x1a && rec.ops[4].base == 1);
    CHECK(rec.ops[5].op == 0x1a && rec.ops[5].base == 0);
    CHECK(rec.max_slots == 3);
}

static void test_memory_and_select(void) {
    struct rec rec = {0};
    /* i32.const 0; i32.const 4; f64.load align=3 off=8 ... store: i32.const 0; i64.const 1; i64.store 3 0;
     * select: f32.const; f32.const; i32.const; select; drop */
    CHECK(expect_ok(run1(":",
                         BODY(0x00, 0x41, 0x00, 0x42, 0x01, 0x37, 0x03, 0x08, 0x43, 0, 0, 0, 0, 0x43, 0, 0, 0, 0,
                              0x41, 0x01, 0x1b, 0x1a, 0x0b),
                         1, &rec)));
    CHECK(rec.nops == 9);
    CHECK(rec.ops[2].op == 0x37 && rec.ops[2].base == 0);
    CHECK(rec.ops[6].op == 0x1b && rec.ops[6].base == 0 && rec.ops[6].type == F32 && rec.ops[6].aux == 2);
}

static void test_br_table_slots(void) {
    struct rec rec = {0};
    /* block (result i32) i64.const 0; i32.const 7; i32.const 0; br_table 0 1 0; end; drop (the i64 is
     * below: the carried i32 is at slot 1) ... */
    CHECK(expect_ok(run1(":i",
                         BODY(0x00, 0x02, 0x7f, 0x42, 0x00, 0x41, 0x07, 0x41, 0x00, 0x0e, 0x02, 0x00, 0x01, 0x00, 0x0b,
                              0x0b),
                         0, &rec)));
    CHECK(rec.nops == 7);
    CHECK(rec.ops[4].op == 0x0e && rec.ops[4].base == 1 && rec.ops[4].aux == 2 && rec.ops[4].count == 2);
}

/* ---- rejections ------------------------------------------------------------------------------ */

/* Immediates of i32.const in one, two and more bytes; aux and type are 0 for instructions that do
 * not use them, also right after ones that do (local.get, select). */
static void test_const_imm_and_clearing(void) {
    struct rec rec = {0};
    CHECK(expect_ok(run1("i:i",
                         BODY(0x00, 0x20, 0x00,         /* local.get 0 */
                              0x41, 0x80, 0x40,          /* i32.const -8192 (two bytes) */
                              0x41, 0xff, 0x3f,          /* i32.const 8191 */
                              0x41, 0xff, 0x7f,          /* i32.const -1 (two bytes) */
                              0x41, 0xc0, 0x00,          /* i32.const 64 (two bytes) */
                              0x41, 0x80, 0x80, 0x01,    /* i32.const 16384 (three bytes) */
                              0x1b,                      /* select */
                              0x6a, 0x6a, 0x6a, 0x0b),   /* i32.add x3; end */
                         0, &rec)));
    CHECK(rec.nops == 11);
    CHECK(rec.ops[0].op == 0x20 && rec.ops[0].type == I32);
    CHECK(rec.ops[1].op == 0x41 && (int32_t)rec.ops[1].index == -8192 && rec.ops[1].type == 0 && rec.ops[1].aux == 0);
    CHECK((int32_t)rec.ops[2].index == 8191 && (int32_t)rec.ops[3].index == -1);
    CHECK((int32_t)rec.ops[4].index == 64 && (int32_t)rec.ops[5].index == 16384);
    CHECK(rec.ops[6].op == 0x1b && rec.ops[6].type == I32 && rec.ops[6].aux == 5 && rec.ops[6].base == 3);
    CHECK(rec.ops[7].op == 0x6a && rec.ops[7].type == 0 && rec.ops[7].aux == 0 && rec.ops[7].base == 2);
    CHECK(rec.ops[10].op == 0x0b && rec.ops[10].reachable && rec.ops[10].type == 0);
}

/* The validator's dispatch lists the table's opcode ranges as case labels (validate_func.c):
 * loads 0x28-0x35, stores 0x36-0x3e, numeric 0x45-0xc4 and nothing else of those kinds. Numeric
 * instructions take two operands in the ranges below, one otherwise, and give one scalar result. */
static void test_table_ranges(void) {
    static const int binary[][2] = {{0x46, 0x4f}, {0x51, 0x66}, {0x6a, 0x78}, {0x7c, 0x8a}, {0x92, 0x98}, {0xa0, 0xa6}};
    for (int op = 0; op < 256; op++) {
        int want = op >= 0x28 && op <= 0x35   ? VAL_K_LOAD
                   : op >= 0x36 && op <= 0x3e ? VAL_K_STORE
                   : op >= 0x45 && op <= 0xc4 ? VAL_K_NUM
                                              : -1;
        if (want >= 0) CHECK(val_ops[op].kind == want);
        else CHECK(val_ops[op].kind == VAL_K_ILLEGAL || val_ops[op].kind == VAL_K_SPECIAL);
        if (want != VAL_K_NUM) continue;
        int np = 1;
        for (size_t i = 0; i < sizeof binary / sizeof binary[0]; i++)
            if (op >= binary[i][0] && op <= binary[i][1]) np = 2;
        CHECK(val_ops[op].npop == np && val_ops[op].push != 0 && val_ops[op].push != V128);
    }
}

static void test_errors(void) {
    /* type mismatch: i32.const; f64.const; i32.add */
    CHECK(expect_err(run1(":", BODY(0x00, 0x41, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x6a, 0x1a, 0x0b), 0, NULL),
                     WISP_ERR_INVALID, "type mismatch in i32.add, expected i32 but got f64", "(function 0)"));
    /* the offset of the failing opcode is reported */
    {
        static const uint8_t body[] = {0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x45, 0x0b};
        struct spec sp = {1, {":"}, {body}, {sizeof body}, 0, 0, "parse_header"};
        struct buf mod = build(&sp);
        struct wisp_result r = run(&mod, NULL);
        size_t at = 0;
        for (size_t i = 0; i + 1 < mod.n; i++)
            if (mod.b[i] == 0x45 && mod.b[i + 1] == 0x0b) at = i;
        CHECK(r.kind == WISP_ERROR && r.offset == at && r.func_index == 0);
        char want[96];
        snprintf(want, sizeof want, "invalid module at offset 0x%zx: type mismatch in i32.eqz", at);
        CHECK(expect_err(r, WISP_ERR_INVALID, want, "(function 0 \"parse_header\")"));
        free(mod.b);
    }
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x01, 0x0b), B(0x00, 0x0b, 0x0b)), 0), WISP_ERR_MALFORMED,
                     "section size mismatch", NULL));
    CHECK(expect_err(run1(":i", BODY(0x00, 0x0b), 0, NULL), WISP_ERR_INVALID, "type mismatch", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x41, 0x00, 0x0b), 0, NULL), WISP_ERR_INVALID, "type mismatch", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x20, 0x03, 0x1a, 0x0b), 0, NULL), WISP_ERR_INVALID, "unknown local 3",
                     NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x23, 0x00, 0x1a, 0x0b), 0, NULL), WISP_ERR_INVALID, "unknown global 0",
                     NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x0c, 0x01, 0x0b), 0, NULL), WISP_ERR_INVALID, "unknown label", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x10, 0x05, 0x0b), 0, NULL), WISP_ERR_INVALID, "unknown function 5", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b), 0, NULL), WISP_ERR_INVALID,
                     "unknown memory 0", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x41, 0x00, 0x28, 0x03, 0x00, 0x1a, 0x0b), 1, NULL), WISP_ERR_INVALID,
                     "alignment must not be larger than natural", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x3f, 0x00, 0x1a, 0x0b), B(0x00, 0x3f, 0x01, 0x1a, 0x0b)), 1),
                     WISP_ERR_MALFORMED, "zero byte expected", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x01, 0x0b), B(0x00, 0x06, 0x0b)), 0), WISP_ERR_MALFORMED,
                     "illegal opcode 0x06", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x01, 0x01, 0x0b), B(0x00, 0xfc, 0x12, 0x0b)), 0), WISP_ERR_MALFORMED,
                     "illegal opcode", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x01, 0x01, 0x0b), B(0x00, 0xfd, 0x0f, 0x0b)), 0), WISP_ERR_LIMIT,
                     "SIMD instructions are not supported yet", NULL));
    /* the body runs out: no final end / a truncated immediate */
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x41, 0x00, 0x1a, 0x0b), B(0x00, 0x41, 0x00, 0x1a, 0x01)), 0),
                     WISP_ERR_MALFORMED, "unexpected end", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x01, 0x0b), B(0x00, 0x01, 0x41)), 0), WISP_ERR_MALFORMED,
                     "unexpected end", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01, 0x1a, 0x0b),
                                      B(0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b)),
                             0),
                     WISP_ERR_MALFORMED, "integer representation too long", NULL));
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x01, 0x0b), B(0x00, 0x05, 0x0b)), 0), WISP_ERR_MALFORMED,
                     "END opcode expected", NULL));
    /* a br_table count larger than the bytes that follow is rejected before anything is allocated */
    CHECK(expect_err(run_bad(":", BAD(B(0x00, 0x41, 0x00, 0x0e, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x0b),
                                      B(0x00, 0x41, 0x00, 0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x0b)),
                             0),
                     WISP_ERR_MALFORMED, "length out of bounds", NULL));
    /* select */
    CHECK(expect_err(run1(":", BODY(0x00, 0x1c, 0x00, 0x0b), 0, NULL), WISP_ERR_INVALID, "invalid result arity", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x1c, 0x02,
                                    0x7f, 0x7f, 0x1a, 0x0b),
                          0, NULL),
                     WISP_ERR_INVALID, "invalid result arity", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0xd0, 0x70, 0xd0, 0x70, 0x41, 0x01, 0x1b, 0x1a, 0x0b), 0, NULL),
                     WISP_ERR_INVALID, "type mismatch", NULL));
    CHECK(expect_err(run1(":", BODY(0x00, 0x41, 0x01, 0x42, 0x01, 0x41, 0x01, 0x1b, 0x1a, 0x0b), 0, NULL),
                     WISP_ERR_INVALID, "type mismatch", NULL));
    CHECK(expect_ok(run1(":", BODY(0x00, 0xd0, 0x70, 0xd0, 0x70, 0x41, 0x01, 0x1c, 0x01, 0x70, 0x1a, 0x0b), 0, NULL)));
    /* if without else must not change the types */
    CHECK(expect_err(run1(":i", BODY(0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x0b, 0x0b), 0, NULL),
                     WISP_ERR_INVALID, "type mismatch", NULL));
    /* undeclared function reference */
    CHECK(expect_err(run1(":", BODY(0x00, 0xd2, 0x00, 0x1a, 0x0b), 0, NULL), WISP_ERR_INVALID,
                     "undeclared function reference", NULL));
    /* a backend failure comes back as the backend's error */
    {
        struct rec rec = {0};
        rec.fail_at = 2;
        struct wisp_result r = run1(":i", BODY(0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b), 0, &rec);
        CHECK(r.kind == WISP_ERROR && r.error == WISP_ERR_LIMIT);
        wisp_result_free(&r);
    }
}

/* A module with the given sections appended after header + one type "[]->[]" + nothing else. */
static struct wisp_result run_raw(const uint8_t *bytes, size_t n) {
    struct buf mod = {0};
    header(&mod);
    put(&mod, bytes, n);
    struct wisp_result r = run(&mod, NULL);
    free(mod.b);
    return r;
}

/* Expects an error of `code` at byte offset `off`, with the message "... at offset 0x<off>: <s1>...". */
static int expect_err_at(struct wisp_result r, enum wisp_error_code code, uint64_t off, const char *s1) {
    char at[48];
    snprintf(at, sizeof at, " at offset 0x%llx: ", (unsigned long long)off);
    bool where = r.kind == WISP_ERROR && r.offset == off;
    if (!where)
        fprintf(stderr, "expected offset 0x%llx, got 0x%llx: %s\n", (unsigned long long)off,
                (unsigned long long)r.offset, r.message ? r.message : "(no message)");
    return expect_err(r, code, at, s1) && where;
}

/* Module-level errors name the entity's declaration: the offsets below count the 8-byte header. */
static void test_module_offsets(void) {
    /* export entry */
    CHECK(expect_err_at(run_raw(BODY(0x07, 0x08, 0x01, 0x04, 'm', 'a', 'i', 'n', 0x00, 0x07)), WISP_ERR_INVALID, 11,
                        "unknown function 7 in export \"main\""));
    {
        struct wisp_result r = run_raw(BODY(0x07, 0x08, 0x01, 0x04, 'm', 'a', 'i', 'n', 0x00, 0x07));
        CHECK(r.message && !strcmp(r.message, "invalid module at offset 0xb: unknown function 7 in export \"main\""));
        wisp_result_free(&r);
    }
    CHECK(expect_err_at(run_raw(BODY(0x07, 0x05, 0x01, 0x01, 'a', 0x02, 0x00)), WISP_ERR_INVALID, 11,
                        "unknown memory 0 in export \"a\""));
    CHECK(expect_err_at(run_raw(BODY(0x07, 0x05, 0x01, 0x01, 'g', 0x03, 0x02)), WISP_ERR_INVALID, 11,
                        "unknown global 2 in export \"g\""));
    CHECK(expect_err_at(run_raw(BODY(0x07, 0x05, 0x01, 0x01, 't', 0x01, 0x00)), WISP_ERR_INVALID, 11,
                        "unknown table 0 in export \"t\""));
    /* the second of two equal export names */
    CHECK(expect_err_at(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x09, 0x02, 0x01,
                                     'a', 0x00, 0x00, 0x01, 'a', 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b)),
                        WISP_ERR_INVALID, 25, "duplicate export name \"a\" (export 1, first at offset 0x15)"));
    /* memories and tables: defined and imported */
    CHECK(expect_err_at(run_raw(BODY(0x05, 0x05, 0x02, 0x00, 0x01, 0x00, 0x01)), WISP_ERR_INVALID, 13,
                        "multiple memories"));
    CHECK(expect_err_at(run_raw(BODY(0x02, 0x08, 0x01, 0x01, 'm', 0x01, 'm', 0x02, 0x00, 0x01, 0x05, 0x03, 0x01, 0x00,
                                     0x01)),
                        WISP_ERR_INVALID, 21, "multiple memories"));
    CHECK(expect_err_at(run_raw(BODY(0x05, 0x05, 0x01, 0x00, 0x81, 0x80, 0x04)), WISP_ERR_INVALID, 11,
                        "memory size must be at most 65536 pages (4GiB) (memory 0: minimum 65537 pages)"));
    CHECK(expect_err_at(run_raw(BODY(0x05, 0x06, 0x02, 0x00, 0x01, 0x01, 0x02, 0x01)), WISP_ERR_INVALID, 13,
                        "size minimum must not be greater than maximum (memory 1: 2 > 1 pages)"));
    CHECK(expect_err_at(run_raw(BODY(0x04, 0x05, 0x01, 0x70, 0x01, 0x02, 0x01)), WISP_ERR_INVALID, 11,
                        "size minimum must not be greater than maximum (table 0: 2 > 1 elements)"));
    CHECK(expect_err_at(run_raw(BODY(0x02, 0x0a, 0x01, 0x01, 'm', 0x01, 't', 0x01, 0x70, 0x01, 0x02, 0x01)),
                        WISP_ERR_INVALID, 11, "size minimum must not be greater than maximum (table 0"));
    /* function types: the function section's entry, the import entry */
    CHECK(expect_err_at(run_raw(BODY(0x03, 0x02, 0x01, 0x05, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b)), WISP_ERR_INVALID,
                        11, "unknown type 5 for function 0"));
    CHECK(expect_err_at(run_raw(BODY(0x02, 0x07, 0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x03)), WISP_ERR_INVALID, 11,
                        "unknown type 3 in import \"m\" \"f\""));
    /* start function: the start section's index */
    CHECK(expect_err_at(run_raw(BODY(0x08, 0x01, 0x00)), WISP_ERR_INVALID, 10, "unknown function 0 (start function)"));
    CHECK(expect_err_at(run_raw(BODY(0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x08, 0x01, 0x00,
                                     0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0b)),
                        WISP_ERR_INVALID, 21, "start function 0 must have type [] -> []"));
    /* segments */
    CHECK(expect_err_at(run_raw(BODY(0x0b, 0x06, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x00)), WISP_ERR_INVALID, 11,
                        "unknown memory 0 in data segment 0"));
    CHECK(expect_err_at(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x09, 0x07, 0x01, 0x00,
                                     0x41, 0x00, 0x0b, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b)),
                        WISP_ERR_INVALID, 21, "unknown table 0 in element segment 0"));
    CHECK(expect_err_at(run_raw(BODY(0x04, 0x04, 0x01, 0x70, 0x00, 0x01, 0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01,
                                     0x03)),
                        WISP_ERR_INVALID, 17, "unknown function 3 in element segment 0 (item 0)"));
    /* constant expressions: the offending instruction */
    CHECK(expect_err_at(run_raw(BODY(0x06, 0x06, 0x01, 0x7f, 0x00, 0x42, 0x05, 0x0b)), WISP_ERR_INVALID, 15,
                        "type mismatch in initializer of global 0, expected i32 but got i64"));
    CHECK(expect_err_at(run_raw(BODY(0x06, 0x07, 0x01, 0x7f, 0x00, 0x41, 0x05, 0x45, 0x0b)), WISP_ERR_INVALID, 15,
                        "constant expression required: i32.eqz is not constant (in initializer of global 0)"));
    CHECK(expect_err_at(run_raw(BODY(0x05, 0x03, 0x01, 0x00, 0x01, 0x0b, 0x07, 0x01, 0x00, 0x42, 0x00, 0x0b, 0x01,
                                     'x')),
                        WISP_ERR_INVALID, 19, "type mismatch in offset of data segment 0, expected i32 but got i64"));
}

static void test_module_level(void) {
    /* two memories */
    CHECK(expect_err(run_raw(BODY(0x05, 0x05, 0x02, 0x00, 0x01, 0x00, 0x01)), WISP_ERR_INVALID, "multiple memories",
                     NULL));
    /* memory too large / min > max */
    CHECK(expect_err(run_raw(BODY(0x05, 0x05, 0x01, 0x00, 0x81, 0x80, 0x04)), WISP_ERR_INVALID,
                     "memory size must be at most 65536 pages (4GiB)", NULL));
    CHECK(expect_err(run_raw(BODY(0x05, 0x04, 0x01, 0x01, 0x02, 0x01)), WISP_ERR_INVALID,
                     "size minimum must not be greater than maximum", NULL));
    CHECK(expect_err(run_raw(BODY(0x04, 0x05, 0x01, 0x70, 0x01, 0x02, 0x01)), WISP_ERR_INVALID,
                     "size minimum must not be greater than maximum", NULL));
    /* global initialisers */
    CHECK(expect_ok(run_raw(BODY(0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x05, 0x0b))));
    CHECK(expect_err(run_raw(BODY(0x06, 0x07, 0x01, 0x7f, 0x00, 0x41, 0x05, 0x45, 0x0b)), WISP_ERR_INVALID,
                     "constant expression required", NULL));
    CHECK(expect_err(run_raw(BODY(0x06, 0x06, 0x01, 0x7f, 0x00, 0x42, 0x05, 0x0b)), WISP_ERR_INVALID,
                     "type mismatch", NULL));
    CHECK(expect_err(run_raw(BODY(0x06, 0x08, 0x01, 0x7f, 0x00, 0x41, 0x05, 0x41, 0x05, 0x0b)), WISP_ERR_INVALID,
                     "type mismatch", NULL));
    /* global.get of a defined global is not allowed in 2.0 */
    CHECK(expect_err(run_raw(BODY(0x06, 0x0b, 0x02, 0x7f, 0x00, 0x41, 0x05, 0x0b, 0x7f, 0x00, 0x23, 0x00, 0x0b)),
                     WISP_ERR_INVALID, "unknown global 0", NULL));
    /* global.get of an imported mutable global */
    CHECK(expect_err(run_raw(BODY(0x02, 0x08, 0x01, 0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x01, /* import */
                                  0x06, 0x06, 0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b)),
                     WISP_ERR_INVALID, "constant expression required", NULL));
    CHECK(expect_ok(run_raw(BODY(0x02, 0x08, 0x01, 0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x00, /* import */
                                 0x06, 0x06, 0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b))));
    /* start function must be [] -> [] */
    CHECK(expect_err(run_raw(BODY(0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x08, 0x01, 0x00,
                                  0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0b)),
                     WISP_ERR_INVALID, "start function", NULL));
    CHECK(expect_err(run_raw(BODY(0x08, 0x01, 0x00)), WISP_ERR_INVALID, "unknown function 0", NULL));
    /* exports */
    CHECK(expect_err(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x09, 0x02, 0x01,
                                  'a', 0x00, 0x00, 0x01, 'a', 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b)),
                     WISP_ERR_INVALID, "duplicate export name \"a\"", NULL));
    CHECK(expect_err(run_raw(BODY(0x07, 0x05, 0x01, 0x01, 'a', 0x02, 0x00)), WISP_ERR_INVALID, "unknown memory 0",
                     NULL));
    /* an exported function may be used by ref.func */
    CHECK(expect_ok(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01,
                                 'a', 0x00, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0xd2, 0x00, 0x1a, 0x0b))));
    /* so may one in a declarative element segment */
    CHECK(expect_ok(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x09, 0x05, 0x01, 0x03,
                                 0x00, 0x01, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0xd2, 0x00, 0x1a, 0x0b))));
    /* element segment into a missing table */
    CHECK(expect_err(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x09, 0x07, 0x01, 0x00,
                                  0x41, 0x00, 0x0b, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b)),
                     WISP_ERR_INVALID, "unknown table", NULL));
    /* data segment without memory */
    CHECK(expect_err(run_raw(BODY(0x0b, 0x06, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x00)), WISP_ERR_INVALID,
                     "unknown memory 0", NULL));
    /* memory.init without a data count section while data segments exist */
    {
        static const uint8_t sections[] = {0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03,
                                           0x01, 0x00, 0x00, 0x0c, 0x01, 0x01, 0x0a, 0x0e, 0x01, 0x0c, 0x00, 0x41,
                                           0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b, 0x0b, 0x03,
                                           0x01, 0x01, 0x00};
        struct buf mod = {0};
        header(&mod);
        put(&mod, sections, sizeof sections);
        CHECK(expect_ok(run(&mod, NULL)));
        struct patch pt = {NULL, 0, true};
        CHECK(expect_err(run_p(&mod, NULL, &pt), WISP_ERR_MALFORMED, "data count section required", NULL));
        free(mod.b);
    }
    /* global.set of an immutable global */
    CHECK(expect_err(run_raw(BODY(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x06, 0x06, 0x01, 0x7f,
                                  0x00, 0x41, 0x00, 0x0b, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x01, 0x24, 0x00, 0x0b)),
                     WISP_ERR_INVALID, "global is immutable", NULL));
}

/* ---- malformed before invalid --------------------------------------------------------------- */

/* The decoder leaves body encodings to the validator's own decoding, plus a scan when the module
 * is rejected: an encoding error anywhere must still beat a validation error anywhere. */
static void test_malformed_first(void) {
    static const uint8_t invalid[] = {0x00, 0x41, 0x00, 0x0b};    /* i32.const 0 left over: type mismatch */
    static const uint8_t illegal[] = {0x00, 0x06, 0x0b};          /* illegal opcode 0x06 */
    static const uint8_t fine[] = {0x00, 0x0b};
    static const uint8_t no_end[] = {0x00, 0x01, 0x01};           /* nop nop, no end */
    static const uint8_t mem_init[] = {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b};
    /* invalid function 0, malformed function 1 */
    {
        struct spec sp = {2, {":", ":"}, {invalid, illegal}, {sizeof invalid, sizeof illegal}, 0, 0, NULL};
        struct buf mod = build(&sp);
        CHECK(expect_err(run(&mod, NULL), WISP_ERR_MALFORMED, "illegal opcode 0x06", "(function 1)"));
        free(mod.b);
    }
    {
        struct spec sp = {2, {":", ":"}, {invalid, no_end}, {sizeof invalid, sizeof no_end}, 0, 0, NULL};
        struct buf mod = build(&sp);
        CHECK(expect_err(run(&mod, NULL), WISP_ERR_MALFORMED, "", NULL));
        free(mod.b);
    }
    /* both fine but for the invalid one: invalid */
    {
        struct spec sp = {2, {":", ":"}, {fine, invalid}, {sizeof fine, sizeof invalid}, 0, 0, NULL};
        struct buf mod = build(&sp);
        CHECK(expect_err(run(&mod, NULL), WISP_ERR_INVALID, "type mismatch", "(function 1)"));
        free(mod.b);
    }
    /* a module-level error (a data segment for a memory that is not there) and a malformed body */
    {
        struct spec sp = {1, {":"}, {illegal}, {sizeof illegal}, 0, 0, NULL};
        struct buf mod = build(&sp);
        put(&mod, "\x0b\x06\x01\x00\x41\x00\x0b\x00", 8);
        CHECK(expect_err(run(&mod, NULL), WISP_ERR_MALFORMED, "illegal opcode 0x06", "(function 0)"));
        free(mod.b);
    }
    /* an invalid function before one that needs the missing data count section */
    {
        struct spec sp = {2, {":", ":"}, {invalid, mem_init}, {sizeof invalid, sizeof mem_init}, 1, 0, NULL};
        struct buf mod = build(&sp);
        put(&mod, "\x0b\x04\x01\x01\x01x", 6); /* one passive data segment */
        struct wisp_result r = run(&mod, NULL);
        CHECK(r.kind == WISP_ERROR && r.offset != UINT64_MAX);
        CHECK(expect_err(r, WISP_ERR_MALFORMED, "data count section required", NULL));
        free(mod.b);
    }
}

/* ---- the validator's decoding against the decoder's scan ------------------------------------ */

struct rng {
    uint64_t s;
};
static uint32_t rnd(struct rng *r, uint32_t n) {
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)((r->s >> 11) % n);
}

/* Appends a stack-neutral, mostly valid instruction sequence for a function with one i32 local,
 * one memory, one funcref table, a mutable i32 global, element and data segment 0. */
static void gen_code(struct rng *r, struct buf *b, int depth) {
    int n = (int)rnd(r, 6);
    for (int i = 0; i < n; i++) {
        switch (rnd(r, 22)) {
        case 0: put(b, "\x41\x80\x00\x1a", 4); break;                           /* i32.const 0 (2 bytes); drop */
        case 1: put(b, "\x42\xff\x7f\x1a", 4); break;                           /* i64.const; drop */
        case 2: put(b, "\x43\x00\x00\x80\x3f\x1a", 6); break;                   /* f32.const; drop */
        case 3: put(b, "\x41\x07\x41\x09", 4); byte(b, (uint8_t)(0x6a + rnd(r, 15))); byte(b, 0x1a); break;
        case 4: put(b, "\x20\x00\x21\x00\x23\x00\x24\x00", 8); break;           /* local/global get/set */
        case 5: put(b, "\x41\x00\x28\x02\x10\x1a", 6); break;                   /* i32.load; drop */
        case 6: put(b, "\x41\x00\x42\x00\x37\x03\x00", 7); break;               /* i64.store */
        case 7: put(b, "\x3f\x00\x40\x00\x1a", 5); break;                       /* memory.size; grow; drop */
        case 8:
            if (depth < 4) {
                byte(b, (uint8_t)(0x02 + rnd(r, 2)));
                byte(b, 0x40);
                gen_code(r, b, depth + 1);
                byte(b, 0x0b);
            }
            break;
        case 9:
            if (depth < 4) {
                put(b, "\x41\x01\x04\x40", 4);
                gen_code(r, b, depth + 1);
                if (rnd(r, 2)) {
                    byte(b, 0x05);
                    gen_code(r, b, depth + 1);
                }
                byte(b, 0x0b);
            }
            break;
        case 10: put(b, "\x02\x40\x41\x00\x0e\x02\x00\x00\x00\x0b", 10); break; /* br_table in a block */
        case 11: put(b, "\x02\x40\x00\x45\x1a\x6a\x0b", 7); break;              /* unreachable; dead code */
        case 12: put(b, "\x10\x00\x41\x00\x11\x00\x00", 7); break;              /* call 0; call_indirect */
        case 13: put(b, "\xd0\x70\xd1\x1a\xd2\x00\x1a", 7); break;              /* ref.null/is_null/func */
        case 14: put(b, "\x41\x01\x41\x02\x41\x03\x1b\x1a", 8); break;          /* select */
        case 15: put(b, "\x41\x01\x41\x02\x41\x03\x1c\x01\x7f\x1a", 10); break; /* select i32 */
        case 16: put(b, "\x41\x00\x41\x00\x41\x00\xfc\x0b\x00", 9); break;      /* memory.fill */
        case 17: put(b, "\x41\x00\x41\x00\x41\x00\xfc\x08\x00\x00\xfc\x09\x00", 13); break; /* memory.init; data.drop */
        case 18: put(b, "\x41\x00\x41\x00\x41\x00\xfc\x0c\x00\x00\xfc\x0d\x00", 13); break; /* table.init; elem.drop */
        case 19: put(b, "\xfc\x10\x00\x1a\xd0\x70\x41\x01\xfc\x0f\x00\x1a", 12); break;   /* table.size, grow */
        case 20: put(b, "\x43\x00\x00\x00\x00\xfc\x00\x1a", 8); break;          /* i32.trunc_sat_f32_s */
        default: put(b, "\x02\x40\x0c\x00\x0b", 5); break;                      /* br 0 */
        }
    }
}

static void fuzz_module(struct buf *mod, const uint8_t *body, size_t n) {
    header(mod);
    put(mod, "\x01\x09\x02\x60\x00\x00\x60\x01\x7f\x01\x7f", 11); /* types [] -> [], [i32] -> [i32] */
    put(mod, "\x03\x02\x01\x00", 4);                             /* function 0: type 0 */
    put(mod, "\x04\x04\x01\x70\x00\x01", 6);                     /* table 1 funcref */
    put(mod, "\x05\x03\x01\x00\x01", 5);                         /* memory 1 */
    put(mod, "\x06\x06\x01\x7f\x01\x41\x00\x0b", 8);             /* global (mut i32) */
    put(mod, "\x09\x05\x01\x01\x00\x01\x00", 7);                 /* passive elem: func 0 */
    put(mod, "\x0c\x01\x01", 3);                                 /* data count 1 */
    struct buf code = {0};
    uleb(&code, 1);
    uleb(&code, n + 3);
    put(&code, "\x01\x01\x7f", 3); /* one i32 local */
    put(&code, body, n);
    section(mod, 10, &code);
    put(mod, "\x0b\x04\x01\x01\x01x", 6); /* passive data */
}

/* Whatever the validator accepts, the decoder's scan accepts (so skipping the scan on success
 * loses nothing), and whatever the scan rejects comes out as the scan's error. */
static void test_scan_agrees(void) {
    struct rng r = {0x9e3779b97f4a7c15ull};
    static const uint8_t special[] = {0x0b, 0x05, 0x80, 0x00, 0xff, 0x40, 0x7f, 0x0e, 0xfc, 0x11, 0x1c, 0x02, 0x04};
    int accepted_mutants = 0, rejected = 0;
    for (int iter = 0; iter < 20000; iter++) {
        struct buf body = {0};
        gen_code(&r, &body, 0);
        byte(&body, 0x0b);
        int mutations = iter % 4 == 0 ? 0 : (int)rnd(&r, 3) + 1;
        for (int k = 0; k < mutations && body.n; k++) {
            size_t at = rnd(&r, (uint32_t)body.n);
            uint8_t v = rnd(&r, 2) ? special[rnd(&r, sizeof special)] : (uint8_t)rnd(&r, 256);
            switch (rnd(&r, 3)) {
            case 0: body.b[at] = v; break;
            case 1: /* insert */
                byte(&body, 0);
                memmove(body.b + at + 1, body.b + at, body.n - at - 1);
                body.b[at] = v;
                break;
            default: /* delete */
                memmove(body.b + at, body.b + at + 1, body.n - at - 1);
                body.n--;
                break;
            }
        }
        struct buf mod = {0};
        fuzz_module(&mod, body.b, body.n);
        free(body.b);
        struct module *m = NULL;
        struct wisp_result d = dec_module(&test_alloc, mod.b, mod.n, &m);
        free(mod.b);
        if (d.kind != WISP_OK) { /* the mutation hit the code section's framing */
            wisp_result_free(&d);
            continue;
        }
        struct wisp_result scan = dec_check_code(m, 0);
        struct wisp_result v = val_module(m, NULL);
        if (v.kind == WISP_OK) {
            if (scan.kind != WISP_OK) {
                fprintf(stderr, "iteration %d: validated, but the scan says: %s\n", iter, scan.message);
                check_failures++;
            }
            if (mutations) accepted_mutants++;
        } else {
            rejected++;
            if (scan.kind != WISP_OK && (v.error != WISP_ERR_MALFORMED || v.offset != scan.offset ||
                                         !v.message || !scan.message || strcmp(v.message, scan.message) != 0)) {
                fprintf(stderr, "iteration %d: scan says %s, validation %s\n", iter, scan.message, v.message);
                check_failures++;
            }
            if (v.error == WISP_ERR_INVALID && v.offset == UINT64_MAX) {
                fprintf(stderr, "iteration %d: no offset: %s\n", iter, v.message);
                check_failures++;
            }
        }
        wisp_result_free(&scan);
        wisp_result_free(&v);
        mod_free(m);
    }
    /* the test means something only if mutants get through both, and some do not */
    CHECK(accepted_mutants > 200 && rejected > 2000);
}

/* ---- extremes ------------------------------------------------------------------------------- */

static void test_deep_nesting(void) {
    enum { N = 10000 };
    struct buf body = {0};
    byte(&body, 0x00);
    for (int i = 0; i < N; i++) put(&body, "\x02\x40", 2);
    put(&body, "\x0c\x00", 2); /* br 0 */
    for (int i = 0; i < N; i++) byte(&body, 0x0b);
    byte(&body, 0x0b);
    struct rec rec = {0};
    CHECK(expect_ok(run1(":", body.b, body.n, 0, &rec)));
    CHECK(rec.total_ops == 2 * N + 2);
    free(body.b);
}

static void test_big_br_table(void) {
    enum { N = 1000000 };
    struct buf body = {0};
    put(&body, "\x00\x02\x40\x41\x00\x0e", 6);
    uleb(&body, N);
    for (int i = 0; i < N; i++) byte(&body, (uint8_t)(i & 1));
    byte(&body, 0x00);
    put(&body, "\x0b\x0b", 2);
    struct rec rec = {0};
    CHECK(expect_ok(run1(":", body.b, body.n, 0, &rec)));
    CHECK(rec.nops == 5 && rec.ops[2].op == 0x0e && rec.ops[2].count == N && !rec.ops[3].reachable);
    free(body.b);
}

static void test_many_locals(void) {
    struct buf body = {0};
    put(&body, "\x02\xc0\x86\x03\x7f\x10\x7b", 7); /* 49984 i32, 16 v128 */
    put(&body, "\x20\xbf\x86\x03\x20\xc0\x86\x03\x1a\x1a", 10); /* local.get 49983; local.get 49984 */
    put(&body, "\x20\xd0\x86\x03\x1a\x0b", 6);                      /* local.get 50000: unknown */
    CHECK(expect_err(run1(":", body.b, body.n, 0, NULL), WISP_ERR_INVALID, "unknown local 50000", NULL));
    body.n -= 6;
    put(&body, "\x0b", 1);
    struct rec rec = {0};
    CHECK(expect_ok(run1(":", body.b, body.n, 0, &rec)));
    CHECK(rec.nlocals == 50000 && rec.nlocal_slots == 50016);
    free(body.b);
}

/* The validator must fail cleanly on every allocation failure. */
struct failing {
    long countdown;
};
static void *failing_alloc(void *ud, void *ptr, size_t old, size_t n) {
    struct failing *f = ud;
    if (n && f->countdown-- == 0) return NULL;
    return base_default_alloc(NULL, ptr, old, n);
}

static void test_oom(void) {
    static const uint8_t f0[] = {0x00, 0x02, 0x40, 0x41, 0x01, 0x0d, 0x00, 0x0b, 0x0b};
    static const uint8_t f1[] = {0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x1a, 0x0b};
    struct spec sp = {2, {":", "i:"}, {f0, f1}, {sizeof f0, sizeof f1}, 1, 1, NULL};
    struct buf mod = build(&sp);
    int saw_ok = 0;
    for (long n = 0; n < 200 && !saw_ok; n++) {
        struct failing fl = {1000000};
        struct wisp_allocator a = {failing_alloc, &fl};
        struct module *m = NULL;
        struct wisp_result r = dec_module(&a, mod.b, mod.n, &m);
        if (r.kind != WISP_OK) {
            wisp_result_free(&r);
            continue;
        }
        fl.countdown = n; /* fail the n-th allocation of the validator */
        r = val_module(m, NULL);
        CHECK(r.kind == WISP_OK || r.error == WISP_ERR_OUT_OF_MEMORY);
        saw_ok = r.kind == WISP_OK;
        fl.countdown = 1000000;
        wisp_result_free(&r);
        mod_free(m);
    }
    CHECK(saw_ok);
    free(mod.b);
}

int main(void) {
    test_add_slots();
    test_br_carrying_value();
    test_br_if_and_loop();
    test_call_args();
    test_unreachable_not_reported();
    test_if_else();
    test_v128_slots();
    test_memory_and_select();
    test_br_table_slots();
    test_const_imm_and_clearing();
    test_table_ranges();
    test_errors();
    test_module_level();
    test_module_offsets();
    test_malformed_first();
    test_scan_agrees();
    test_deep_nesting();
    test_big_br_table();
    test_many_locals();
    test_oom();
    CHECK_DONE();
}
