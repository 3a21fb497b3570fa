/* The function-body validation algorithm (spec appendix "Validation Algorithm"): decodes each
 * instruction once, type-checks it against an operand stack that remembers every value's slot,
 * and reports reachable instructions to the code generator with their operand slots.
 *
 * What the backend sees, beyond codegen.h:
 *  - "Live" code is code in a frame whose start was reported and that is not yet unreachable
 *    (after unreachable/br/br_table/return). Only live instructions are reported, plus the
 *    else/end of every reported frame (with `reachable`). Code after the `end` of a reported
 *    frame is live again even when nothing branches there (e.g. `block unreachable end`): a
 *    backend that wants to skip such dead code must track branches to the label itself.
 *  - An `if` without `else` gets no `else` report: its params are its results, in place.
 *  - The body's final `end` is op 0x0b with base 0, then func_end(peak slots). The peak counts
 *    values pushed in unreachable code too (conservative).
 *  - `type` is set for drop, select (0x1B and typed 0x1C, both reported as such: the value
 *    type), local.*, global.*, ref.null, ref.is_null (operand type), table.get/set/grow/fill/
 *    init/copy (the table's element type). select's `aux` is the condition slot as well.
 *  - Immediates: loads/stores imm.mem {align log2, mem 0, offset}; a store's value is at base+1.
 *    memory.size/grow/fill imm.index = 0 (memory); memory.init pair {data, 0}; memory.copy pair
 *    {0, 0}; data.drop / elem.drop imm.index; table.* as codegen.h; ref.func imm.index.
 *  - Pointers in an instruction (block types, br_table depths) and the local arrays given to
 *    func_begin: block types point into the module (stable); br_table depths and the local
 *    arrays are scratch buffers valid only during the call. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../base/leb128.h"
#include "validate_internal.h"

enum { FRAME_FUNC = 0x00, FRAME_BLOCK = 0x02, FRAME_LOOP = 0x03, FRAME_IF = 0x04, FRAME_ELSE = 0x05 };

static const uint8_t three_i32[3] = {VAL_I32, VAL_I32, VAL_I32};

/* ---- messages --------------------------------------------------------------------------------- */

/* Name of the instruction at `off`, decoded again from the bytes (only needed on errors). */
static const char *instr_name(const struct val_ctx *c, uint32_t off) {
    const uint8_t *p = c->m->bytes + off;
    if (*p == 0xfc) {
        uint32_t sub;
        if (leb_u32(p + 1, c->m->bytes + c->m->size, &sub) && sub < VAL_FC_COUNT) return val_fc_ops[sub].name;
        return "<0xfc>";
    }
    return val_ops[*p].name[0] ? val_ops[*p].name : "<unknown>";
}

static const char *end_name(uint8_t kind) {
    switch (kind) {
    case FRAME_FUNC: return "end of function";
    case FRAME_BLOCK: return "end of block";
    case FRAME_LOOP: return "end of loop";
    default: return "end of if";
    }
}

/* Writes "[t1 t2 ...]" for a type list (the last 8 at most) into buf. */
static void fmt_types(char *buf, size_t size, const uint8_t *types, size_t stride, uint32_t n) {
    uint32_t first = n > 8 ? n - 8 : 0;
    size_t len = (size_t)snprintf(buf, size, "[%s", first ? "... " : "");
    for (uint32_t i = first; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i > first ? " " : "", val_type_name(types[i * stride]));
    if (len < size) snprintf(buf + len, size - len, "]");
}

/* A "type mismatch" for a sequence: shows the expected types and what the current frame holds. */
static int seq_mismatch(struct val_ctx *c, const uint8_t *types, uint32_t n, uint32_t off, const char *what) {
    const struct val_ctrl *f = &c->ctrls[c->nctrls - 1];
    char want[160], got[160];
    fmt_types(want, sizeof want, types, 1, n);
    uint32_t avail = c->nvals - f->height;
    fmt_types(got, sizeof got, avail ? &c->vals[f->height].type : NULL, sizeof(struct val_entry), avail);
    return val_fail(c, WISP_ERR_INVALID, off, "type mismatch in %s, expected %s but got %s", what, want, got);
}

static int mismatch1(struct val_ctx *c, uint8_t want, uint8_t got, bool nothing, uint32_t off) {
    return val_fail(c, WISP_ERR_INVALID, off, "type mismatch in %s, expected %s but got %s", instr_name(c, off),
                    want ? val_type_name(want) : "a value", nothing ? "nothing" : val_type_name(got));
}

/* Stands for the backend's op hook in code that is not reported (no test per instruction). */
static int skip_op(void *self, const struct cg_instr *in) {
    (void)self;
    (void)in;
    return 0;
}

static int backend_fail(struct val_ctx *c) {
    wisp_result_free(&c->err);
    c->err = base_oom();
    if (c->cg->error) c->cg->error(c->cg->self, &c->err);
    /* A backend may build its error with m->alloc, a copy of *owner_alloc (the same hook and
     * user data): hand it to the original, so that it outlives the module like ours. */
    const struct module *m = c->m;
    const struct wisp_allocator *ra = val_result_alloc(m);
    if (c->err.owner_ == (const void *)&m->alloc && ra->fn == m->alloc.fn && ra->ud == m->alloc.ud)
        c->err.owner_ = (void *)ra;
    return -1;
}

/* ---- the operand stack ---------------------------------------------------------------------- */

/* The operand stack's capacity stays above the peak slot (c->vals_cap > c->max_slot). Every value
 * takes at least one slot, so c->nvals <= c->top_slot <= c->max_slot < c->vals_cap: a push always
 * has room, and the capacity is only looked at when the stack reaches a new peak. */
static int new_peak(struct val_ctx *c, uint32_t off) {
    if (c->top_slot > VAL_MAX_STACK_SLOTS)
        return val_fail(c, WISP_ERR_LIMIT, off, "operand stack exceeds %u slots", VAL_MAX_STACK_SLOTS);
    c->max_slot = c->top_slot;
    if (c->max_slot >= c->vals_cap) {
        void *items = c->vals;
        if (base_grow(&c->m->alloc, &items, &c->vals_cap, (size_t)c->max_slot + 1, sizeof *c->vals))
            return val_oom(c);
        c->vals = items;
    }
    return 0;
}

/* Pushes a value of type t; `off` is the instruction's (for the limit error). */
static inline int push(struct val_ctx *c, uint8_t t, uint32_t off) {
    struct val_entry *e = &c->vals[c->nvals++];
    e->slot = c->top_slot;
    e->type = t;
    c->top_slot += mod_type_slots(t);
    if (c->top_slot > c->max_slot) return new_peak(c, off);
    return 0;
}

static int push_seq(struct val_ctx *c, const uint8_t *types, uint32_t n, uint32_t off) {
    for (uint32_t i = 0; i < n; i++)
        if (push(c, types[i], off)) return -1;
    return 0;
}

/* Pops one operand of type `want` (0: any); *got receives its type (VAL_UNKNOWN when popped from
 * the polymorphic bottom of an unreachable frame). */
static int pop_slow(struct val_ctx *c, uint8_t want, uint32_t off, uint8_t *got) {
    const struct val_ctrl *f = &c->ctrls[c->nctrls - 1];
    if (c->nvals == f->height) {
        if (f->unreachable) {
            *got = VAL_UNKNOWN;
            return 0;
        }
        return mismatch1(c, want, 0, true, off);
    }
    const struct val_entry *e = &c->vals[c->nvals - 1];
    if (want && e->type && e->type != want) return mismatch1(c, want, e->type, false, off);
    *got = e->type;
    c->nvals--;
    c->top_slot = e->slot;
    return 0;
}

/* Pops one operand of type `want`; f is the innermost frame. */
static inline int pop_expect(struct val_ctx *c, const struct val_ctrl *f, uint8_t want, uint32_t off) {
    if (c->nvals > f->height) {
        const struct val_entry *e = &c->vals[c->nvals - 1];
        if (e->type == want) {
            c->nvals--;
            c->top_slot = e->slot;
            return 0;
        }
    }
    uint8_t got;
    return pop_slow(c, want, off, &got);
}

static inline int pop_any(struct val_ctx *c, uint32_t off, uint8_t *got) { return pop_slow(c, 0, off, got); }

/* Checks that the current frame's operands end with types[0..n) (types[n-1] on top), without
 * popping; with `exact`, that nothing else lies above the frame's height. */
static int check_top(struct val_ctx *c, const uint8_t *types, uint32_t n, bool exact, uint32_t off, const char *what) {
    const struct val_ctrl *f = &c->ctrls[c->nctrls - 1];
    uint32_t avail = c->nvals - f->height;
    if ((avail < n && !f->unreachable) || (exact && avail > n)) return seq_mismatch(c, types, n, off, what);
    uint32_t k = avail < n ? avail : n;
    for (uint32_t i = 1; i <= k; i++) {
        uint8_t t = c->vals[c->nvals - i].type;
        if (t != types[n - i] && t != VAL_UNKNOWN) return seq_mismatch(c, types, n, off, what);
    }
    return 0;
}

/* Removes the top n operands (fewer if the frame's polymorphic bottom is reached). */
static void drop_top(struct val_ctx *c, uint32_t n) {
    const struct val_ctrl *f = &c->ctrls[c->nctrls - 1];
    uint32_t avail = c->nvals - f->height;
    uint32_t nn = avail >= n ? c->nvals - n : f->height;
    if (nn < c->nvals) c->top_slot = c->vals[nn].slot;
    c->nvals = nn;
}

/* The common case of check_top, inline: the operands are all there with exactly these types. */
static inline bool top_matches(const struct val_ctx *c, const uint8_t *types, uint32_t n, bool exact) {
    uint32_t avail = c->nvals - c->ctrls[c->nctrls - 1].height;
    if (exact ? avail != n : avail < n) return false;
    for (uint32_t i = 1; i <= n; i++)
        if (c->vals[c->nvals - i].type != types[n - i]) return false;
    return true;
}

static inline int pop_seq(struct val_ctx *c, const uint8_t *types, uint32_t n, uint32_t off, const char *what) {
    if (top_matches(c, types, n, false)) {
        if (n) {
            c->nvals -= n;
            c->top_slot = c->vals[c->nvals].slot;
        }
        return 0;
    }
    if (check_top(c, types, n, false, off, what)) return -1;
    drop_top(c, n);
    return 0;
}

static void set_unreachable(struct val_ctx *c) {
    struct val_ctrl *f = &c->ctrls[c->nctrls - 1];
    c->nvals = f->height;
    c->top_slot = f->slot;
    f->unreachable = true;
}

/* ---- the control stack ---------------------------------------------------------------------- */

static int grow_ctrls(struct val_ctx *c, uint32_t off) {
    if (c->nctrls >= VAL_MAX_NESTING)
        return val_fail(c, WISP_ERR_LIMIT, off, "blocks nested deeper than %u", VAL_MAX_NESTING);
    void *items = c->ctrls;
    if (base_grow(&c->m->alloc, &items, &c->ctrls_cap, (size_t)c->nctrls + 1, sizeof *c->ctrls)) return val_oom(c);
    c->ctrls = items;
    return 0;
}

/* Opens a frame whose params have just been popped (they are pushed back on top of it). */
static int push_ctrl(struct val_ctx *c, uint8_t kind, const struct cg_blocktype *bt, uint32_t off, bool reported) {
    if (c->nctrls == c->ctrls_cap && grow_ctrls(c, off)) return -1;
    struct val_ctrl *f = &c->ctrls[c->nctrls++];
    f->params = bt->params;
    f->results = bt->results;
    f->nparams = bt->nparams;
    f->nresults = bt->nresults;
    f->height = c->nvals;
    f->slot = c->top_slot;
    f->offset = off;
    f->kind = kind;
    f->unreachable = false;
    f->reported = reported;
    return push_seq(c, bt->params, bt->nparams, off);
}

static inline void label_types(const struct val_ctrl *f, const uint8_t **types, uint32_t *n) {
    if (f->kind == FRAME_LOOP) {
        *types = f->params;
        *n = f->nparams;
    } else {
        *types = f->results;
        *n = f->nresults;
    }
}

/* ---- locals ----------------------------------------------------------------------------------- */

static int setup_locals(struct val_ctx *c, const struct mod_functype *ft, const struct mod_code *code,
                        uint32_t *nslots) {
    uint64_t total = (uint64_t)ft->nparams + code->nlocals;
    if (total > (uint64_t)MOD_MAX_LOCALS + MOD_MAX_PARAMS)
        return val_fail(c, WISP_ERR_LIMIT, code->body_start, "too many locals");
    if (total > c->local_types_cap) {
        void *items = c->local_types;
        if (base_grow(&c->m->alloc, &items, &c->local_types_cap, (size_t)total, 1)) return val_oom(c);
        c->local_types = items;
    }
    if (total > c->local_slot_cap) {
        void *items = c->local_slot;
        if (base_grow(&c->m->alloc, &items, &c->local_slot_cap, (size_t)total, sizeof(uint32_t))) return val_oom(c);
        c->local_slot = items;
    }
    uint32_t i = 0;
    for (; i < ft->nparams; i++) c->local_types[i] = ft->types[i];
    for (uint32_t r = 0; r < code->nruns; r++) {
        const struct mod_localrun *run = &code->runs[r];
        if (run->count > total - i)
            return val_fail(c, WISP_ERR_MALFORMED, code->body_start, "too many locals");
        if (run->count) memset(c->local_types + i, run->type, run->count);
        i += run->count;
    }
    if (i != total) return val_fail(c, WISP_ERR_MALFORMED, code->body_start, "inconsistent local declarations");
    uint32_t s = 0;
    for (i = 0; i < total; i++) {
        c->local_slot[i] = s;
        s += mod_type_slots(c->local_types[i]);
    }
    c->nlocals = (uint32_t)total;
    *nslots = s;
    return 0;
}

/* ---- decoding helpers ---------------------------------------------------------------------- */

#if defined(__GNUC__)
#define VAL_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define VAL_LIKELY(x) (x)
#endif

/* These expect locals `c`, `p` and `end` in scope; they return from the caller on error. LEB128
 * immediates of one or two bytes (nearly all of them) are read without branching on their length,
 * which varies too irregularly to be predicted. */
#define RD_U32(var)                                                                                                  \
    do {                                                                                                             \
        if (VAL_LIKELY(end - p >= 2 && (p[0] & p[1]) < 0x80)) {                                                      \
            uint32_t more_ = (uint32_t)p[0] >> 7; /* one or two bytes, without a branch on which */                  \
            (var) = (uint32_t)(p[0] & 0x7f) | ((uint32_t)p[1] << 7 & (0u - more_));                                  \
            p += 1 + more_;                                                                                          \
        } else if (p < end && *p < 0x80) {                                                                           \
            (var) = *p++;                                                                                            \
        } else {                                                                                                     \
            uint32_t v_; /* not &(var): that would keep var in memory on the fast paths */                           \
            size_t n_ = leb_u32(p, end, &v_);                                                                        \
            if (!n_) return val_leb_fail(c, p, end, 32, 0);                                                          \
            (var) = v_;                                                                                              \
            p += n_;                                                                                                 \
        }                                                                                                            \
    } while (0)

/* RD_U32 for immediates that are nearly always one byte (local and global indices, label depths,
 * alignments): a predictable branch is cheaper there than reading two bytes unconditionally. */
#define RD_U32_SMALL(var)                                                                                            \
    do {                                                                                                             \
        if (VAL_LIKELY(p < end && *p < 0x80))                                                                        \
            (var) = *p++;                                                                                            \
        else                                                                                                         \
            RD_U32(var);                                                                                             \
    } while (0)

/* A load's or store's memarg (oi: the instruction), checked and put in in.imm.mem. */
#define RD_MEMARG()                                                                                                  \
    do {                                                                                                             \
        uint32_t align_, offset_;                                                                                    \
        RD_U32_SMALL(align_);                                                                                        \
        RD_U32(offset_);                                                                                             \
        if (m->nmems == 0) return no_memory(c, off);                                                                 \
        if (align_ > oi->align)                                                                                      \
            return val_fail(c, WISP_ERR_INVALID, off,                                                                \
                            "alignment must not be larger than natural (%s: 2**%" PRIu32 " > %u bytes)", oi->name,   \
                            align_, 1u << oi->align);                                                                \
        in.imm.mem.align = align_;                                                                                   \
        in.imm.mem.mem = 0;                                                                                          \
        in.imm.mem.offset = offset_;                                                                                 \
        in.imm.mem.lane = 0;                                                                                         \
    } while (0)

#define RD_ZERO()                                                                                                    \
    do {                                                                                                             \
        if (p >= end) return truncated(c, p);                                                                        \
        if (*p != 0) return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p - c->m->bytes), "zero byte expected");     \
        p++;                                                                                                         \
    } while (0)

/* Case labels for the opcode ranges that the table describes (opcodes.c; tests/unit/validate.c
 * checks that they agree): loads 0x28-0x35, stores 0x36-0x3e, numeric instructions 0x45-0xc4. */
#define CASE2(x) case (x): case (x) + 1
#define CASE4(x) CASE2(x): CASE2((x) + 2)
#define CASE8(x) CASE4(x): CASE4((x) + 4)
#define CASE16(x) CASE8(x): CASE8((x) + 8)
#define CASES_LOAD CASE8(0x28): CASE4(0x30): CASE2(0x34)
#define CASES_STORE CASE8(0x36): case 0x3e
#define CASES_NUM CASE16(0x45): CASE16(0x55): CASE16(0x65): CASE16(0x75): CASE16(0x85): CASE16(0x95): \
    CASE16(0xa5): CASE16(0xb5)
/* The one-byte opcodes that are not instructions: with them listed, the switch covers all 256 bytes
 * and its jump needs no range check. */
#define CASES_ILLEGAL CASE4(0x06): case 0x0a: CASE8(0x12): CASE2(0x1d): case 0x1f: case 0x27: CASE8(0xc5): \
    CASE2(0xcd): case 0xcf: CASE16(0xd3): CASE16(0xe3): CASE8(0xf3): case 0xfb: CASE2(0xfe)

#define CHECK(expr)                                                                                                  \
    do {                                                                                                             \
        if (expr) return -1;                                                                                         \
    } while (0)

static int truncated(struct val_ctx *c, const uint8_t *p) {
    return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p - c->m->bytes), "unexpected end of section or function");
}

static int read_blocktype(struct val_ctx *c, const uint8_t **pp, const uint8_t *end, struct cg_blocktype *bt) {
    const uint8_t *p = *pp;
    if (p >= end) return truncated(c, p);
    uint8_t b = *p;
    bt->nparams = 0;
    bt->params = NULL;
    if (b == 0x40) {
        bt->nresults = 0;
        bt->results = NULL;
        *pp = p + 1;
        return 0;
    }
    if (val_is_valtype(b)) {
        /* The type byte in the module is itself the one-element result list. */
        bt->nresults = 1;
        bt->results = p;
        *pp = p + 1;
        return 0;
    }
    int64_t idx;
    size_t n = leb_s33(p, end, &idx);
    if (!n) return val_leb_fail(c, p, end, 33, 1);
    if (idx < 0) return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p - c->m->bytes), "malformed block type");
    if ((uint64_t)idx >= c->m->ntypes)
        return val_fail(c, WISP_ERR_INVALID, (uint64_t)(p - 1 - c->m->bytes), "unknown type %" PRId64, idx);
    const struct mod_functype *ft = &c->m->types[idx];
    bt->nparams = ft->nparams;
    bt->nresults = ft->nresults;
    bt->params = ft->types;
    bt->results = ft->types ? ft->types + ft->nparams : NULL;
    *pp = p + n;
    return 0;
}

/* The body's bytes ran out before its final `end`. Reproduces the reference interpreter, which
 * reads on past the body: at the end of the module that is "unexpected end", a following 0x0b
 * is taken as the `end` (then the size is wrong), anything else is not an `end`. */
static int missing_end(struct val_ctx *c, const uint8_t *end) {
    const struct module *m = c->m;
    uint64_t off = (uint64_t)(end - m->bytes);
    if (off >= m->size) return val_fail(c, WISP_ERR_MALFORMED, off, "unexpected end of section or function");
    if (c->nctrls == 1 && *end == 0x0b) return val_fail(c, WISP_ERR_MALFORMED, off, "section size mismatch");
    return val_fail(c, WISP_ERR_MALFORMED, off, "END opcode expected");
}

static int no_memory(struct val_ctx *c, uint32_t off) {
    return val_fail(c, WISP_ERR_INVALID, off, "unknown memory 0 in %s", instr_name(c, off));
}

static int unknown_table(struct val_ctx *c, uint32_t off, uint32_t x) {
    return val_fail(c, WISP_ERR_INVALID, off, "unknown table %" PRIu32 " in %s", x, instr_name(c, off));
}

/* memory.init / data.drop need the data count section. wabt leaves it out when a module has no
 * data segments at all, so then the index is simply unknown (invalid) rather than malformed. */
static int check_data_index(struct val_ctx *c, uint32_t off, uint32_t x, bool need_count_first) {
    const struct module *m = c->m;
    if (need_count_first && !m->has_datacount && m->ndatas > 0)
        return val_fail(c, WISP_ERR_MALFORMED, off, "data count section required");
    uint32_t n = m->has_datacount ? m->datacount : m->ndatas;
    if (x >= n) return val_fail(c, WISP_ERR_INVALID, off, "unknown data segment %" PRIu32, x);
    return 0;
}

/* ---- the algorithm ------------------------------------------------------------------------- */

int val_function(struct val_ctx *c, uint32_t code_index) {
    struct module *m = c->m;
    const struct cg_backend *cg = c->cg;
    const struct mod_code *code = &m->codes[code_index];
    uint32_t fidx = m->nfuncs_imported + code_index;
    c->func_index = fidx;
    const struct mod_functype *ft = &m->types[m->func_types[fidx]];

    uint64_t body_end = (uint64_t)code->body_start + code->body_len;
    if (body_end > m->size || code->expr_start < code->body_start || code->expr_start > body_end)
        return val_fail(c, WISP_ERR_MALFORMED, code->body_start, "unexpected end of section or function");

    uint32_t nlocal_slots = 0;
    CHECK(setup_locals(c, ft, code, &nlocal_slots));
    if (cg && cg->func_begin(cg->self, fidx, ft, c->local_types, c->local_slot, c->nlocals, nlocal_slots))
        return backend_fail(c);

    c->nvals = 0;
    c->top_slot = 0;
    c->max_slot = 0;
    c->nctrls = 0;
    if (c->vals_cap == 0) { /* keep vals_cap > max_slot (see new_peak) */
        void *items = c->vals;
        if (base_grow(&m->alloc, &items, &c->vals_cap, 1, sizeof *c->vals)) return val_oom(c);
        c->vals = items;
    }
    struct cg_blocktype fbt = {0, ft->nresults, NULL, ft->types ? ft->types + ft->nparams : NULL};
    CHECK(push_ctrl(c, FRAME_FUNC, &fbt, code->expr_start, true));

    const uint8_t *const bytes = m->bytes;
    const uint8_t *p = bytes + code->expr_start;
    const uint8_t *const end = bytes + body_end;
    struct cg_instr in;
    memset(&in, 0, sizeof in);

    /* `in` is all zeros but for the fields every instruction sets (op, offset, base, imm):
     * instructions that set aux, type or reachable put them back to 0 / true after reporting. */
    in.reachable = true;
    void *const cg_self = cg ? cg->self : NULL;

    /* The innermost frame and whether its code goes to the backend (emit_op is the backend's
     * hook, or skip_op in dead code): recomputed only after the control instructions, the only
     * ones that push, pop or change frames. */
    struct val_ctrl *f;
    bool live;
    int (*emit_op)(void *self, const struct cg_instr *in);
refresh:
    f = &c->ctrls[c->nctrls - 1];
    live = cg && f->reported && !f->unreachable;
    emit_op = live ? cg->op : skip_op;
    for (;;) {
        if (p >= end) return missing_end(c, end);
        uint32_t off = (uint32_t)(p - bytes);
        uint8_t op = *p++;
        const struct val_opinfo *oi;
        in.op = op;
        in.offset = off;

        /* One dispatch on the opcode; numeric instructions, loads and stores go by the table. */
        switch (op) {
        CASES_NUM: {
            oi = &val_ops[op];
        numeric:;
            /* Fast path: all operands present with the right types. */
            uint32_t np = oi->npop;
            if (c->nvals - f->height >= np && (np == 0 || c->vals[c->nvals - np].type == oi->pop[0]) &&
                (np < 2 || c->vals[c->nvals - 1].type == oi->pop[1])) {
                if (np) {
                    c->nvals -= np;
                    c->top_slot = c->vals[c->nvals].slot;
                }
            } else {
                for (uint32_t i = np; i-- > 0;) CHECK(pop_expect(c, f, oi->pop[i], off));
            }
            in.base = c->top_slot;
            if (oi->push) CHECK(push(c, oi->push, off));
            break;
        }
        /* Loads and stores have separate cases: no branch on which one it is. */
        CASES_LOAD: {
            oi = &val_ops[op];
            RD_MEMARG();
            if (c->nvals > f->height && c->vals[c->nvals - 1].type == VAL_I32) {
                /* The common load: the result replaces the address in its slot. */
                struct val_entry *e = &c->vals[c->nvals - 1];
                in.base = e->slot;
                e->type = oi->push;
                c->top_slot = e->slot + mod_type_slots(oi->push);
                if (c->top_slot > c->max_slot) CHECK(new_peak(c, off));
            } else {
                CHECK(pop_expect(c, f, VAL_I32, off));
                in.base = c->top_slot;
                CHECK(push(c, oi->push, off));
            }
            break;
        }
        CASES_STORE: {
            oi = &val_ops[op];
            RD_MEMARG();
            CHECK(pop_expect(c, f, oi->pop[1], off));
            CHECK(pop_expect(c, f, VAL_I32, off));
            in.base = c->top_slot;
            break;
        }
        case 0x00: /* unreachable */
            in.base = c->top_slot;
            if (emit_op(cg_self, &in)) return backend_fail(c);
            set_unreachable(c);
            goto refresh; /* the top frame changed */
        case 0x01: /* nop */
            in.base = c->top_slot;
            break;

        case 0x02: /* block */
        case 0x03: /* loop */
        case 0x04: { /* if */
            struct cg_blocktype bt;
            if (VAL_LIKELY(p < end && *p == 0x40)) { /* the empty block type */
                bt.nparams = bt.nresults = 0;
                bt.params = bt.results = NULL;
                p++;
            } else {
                CHECK(read_blocktype(c, &p, end, &bt));
            }
            if (op == 0x04) {
                CHECK(pop_expect(c, f, VAL_I32, off));
                in.aux = c->top_slot;
            }
            CHECK(pop_seq(c, bt.params, bt.nparams, off, val_ops[op].name));
            in.base = c->top_slot;
            in.imm.block = bt;
            if (emit_op(cg_self, &in)) return backend_fail(c);
            in.aux = 0;
            CHECK(push_ctrl(c, op, &bt, off, live));
            goto refresh; /* the top frame changed */
        }

        case 0x05: { /* else */
            if (f->kind != FRAME_IF)
                return val_fail(c, WISP_ERR_MALFORMED, off, "END opcode expected (else without if)");
            if (!top_matches(c, f->results, f->nresults, true))
                CHECK(check_top(c, f->results, f->nresults, true, off, "if (at else)"));
            if (cg && f->reported) {
                in.base = f->slot;
                in.reachable = !f->unreachable;
                if (cg->op(cg_self, &in)) return backend_fail(c);
                in.reachable = true;
            }
            c->nvals = f->height;
            c->top_slot = f->slot;
            f->kind = FRAME_ELSE;
            f->unreachable = false;
            CHECK(push_seq(c, f->params, f->nparams, off));
            goto refresh; /* the top frame changed */
        }

        case 0x0b: { /* end */
            if (!top_matches(c, f->results, f->nresults, true))
                CHECK(check_top(c, f->results, f->nresults, true, off, end_name(f->kind)));
            if (f->kind == FRAME_IF &&
                (f->nparams != f->nresults ||
                 (f->nparams && memcmp(f->params, f->results, f->nparams) != 0))) {
                char want[160], got[160];
                fmt_types(want, sizeof want, f->results, 1, f->nresults);
                fmt_types(got, sizeof got, f->params, 1, f->nparams);
                return val_fail(c, WISP_ERR_INVALID, off,
                                "type mismatch in if without else, expected %s but the missing else branch "
                                "gives %s",
                                want, got);
            }
            bool reached = !f->unreachable, reported = f->reported;
            uint32_t slot = f->slot;
            const uint8_t *results = f->results;
            uint32_t nresults = f->nresults;
            c->nvals = f->height;
            c->top_slot = slot;
            c->nctrls--;
            if (c->nctrls == 0) {
                if (p != end)
                    return val_fail(c, WISP_ERR_MALFORMED, off,
                                    "section size mismatch (function body continues after its final end)");
                if (cg) {
                    in.base = 0;
                    in.reachable = reached;
                    if (cg->op(cg_self, &in)) return backend_fail(c);
                    if (cg->func_end(cg->self, c->max_slot)) return backend_fail(c);
                }
                c->func_index = UINT32_MAX;
                return 0;
            }
            if (cg && reported) {
                in.base = slot;
                in.reachable = reached;
                if (cg->op(cg_self, &in)) return backend_fail(c);
                in.reachable = true;
            }
            CHECK(push_seq(c, results, nresults, off));
            goto refresh; /* the top frame changed */
        }

        case 0x0c:   /* br */
        case 0x0d: { /* br_if */
            uint32_t d;
            RD_U32_SMALL(d);
            if (d >= c->nctrls) return val_fail(c, WISP_ERR_INVALID, off, "unknown label %" PRIu32, d);
            if (op == 0x0d) {
                CHECK(pop_expect(c, f, VAL_I32, off));
                in.aux = c->top_slot;
            }
            const uint8_t *lt;
            uint32_t ln;
            label_types(&c->ctrls[c->nctrls - 1 - d], &lt, &ln);
            CHECK(pop_seq(c, lt, ln, off, op == 0x0c ? "br" : "br_if"));
            in.base = c->top_slot;
            in.imm.index = d;
            if (op == 0x0c) {
                if (emit_op(cg_self, &in)) return backend_fail(c);
                set_unreachable(c);
                goto refresh; /* the top frame changed */
            }
            if (ln) CHECK(push_seq(c, lt, ln, off));
            goto emit_clear;
        }

        case 0x0e: { /* br_table */
            uint32_t count;
            RD_U32(count);
            if (count >= (size_t)(end - p)) return truncated(c, end);
            if ((size_t)count + 1 > c->depths_cap) {
                void *items = c->depths;
                if (base_grow(&m->alloc, &items, &c->depths_cap, (size_t)count + 1, sizeof *c->depths))
                    return val_oom(c);
                c->depths = items;
            }
            uint32_t *depths = c->depths;
            for (uint32_t i = 0; i <= count; i++) RD_U32(depths[i]);
            CHECK(pop_expect(c, f, VAL_I32, off));
            in.aux = c->top_slot;
            uint32_t dflt = depths[count];
            if (dflt >= c->nctrls) return val_fail(c, WISP_ERR_INVALID, off, "unknown label %" PRIu32, dflt);
            const uint8_t *dt;
            uint32_t arity;
            label_types(&c->ctrls[c->nctrls - 1 - dflt], &dt, &arity);
            for (uint32_t i = 0; i < count; i++) {
                uint32_t d = depths[i];
                if (d >= c->nctrls) return val_fail(c, WISP_ERR_INVALID, off, "unknown label %" PRIu32, d);
                const uint8_t *lt;
                uint32_t ln;
                label_types(&c->ctrls[c->nctrls - 1 - d], &lt, &ln);
                if (ln != arity)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "type mismatch in br_table, label %" PRIu32 " carries %" PRIu32
                                    " values but the default label %" PRIu32 " carries %" PRIu32,
                                    d, ln, dflt, arity);
                if (lt != dt) CHECK(check_top(c, lt, ln, false, off, "br_table"));
            }
            CHECK(pop_seq(c, dt, arity, off, "br_table"));
            in.base = c->top_slot;
            in.imm.br_table.count = count;
            in.imm.br_table.depths = depths;
            if (emit_op(cg_self, &in)) return backend_fail(c);
            in.aux = 0;
            set_unreachable(c);
            goto refresh; /* the top frame changed */
        }

        case 0x0f: { /* return */
            const struct val_ctrl *fn = &c->ctrls[0];
            CHECK(pop_seq(c, fn->results, fn->nresults, off, "return"));
            in.base = c->top_slot;
            if (emit_op(cg_self, &in)) return backend_fail(c);
            set_unreachable(c);
            goto refresh; /* the top frame changed */
        }

        case 0x10: { /* call */
            uint32_t x;
            RD_U32(x);
            if (x >= m->nfuncs) return val_fail(c, WISP_ERR_INVALID, off, "unknown function %" PRIu32, x);
            const struct mod_functype *t = &m->types[m->func_types[x]];
            CHECK(pop_seq(c, t->types, t->nparams, off, "call"));
            in.base = c->top_slot;
            in.imm.index = x;
            CHECK(push_seq(c, t->types ? t->types + t->nparams : NULL, t->nresults, off));
            break;
        }

        case 0x11: { /* call_indirect */
            uint32_t ti, tab;
            RD_U32(ti);
            RD_U32(tab);
            if (tab >= m->ntables) return unknown_table(c, off, tab);
            if (ti >= m->ntypes) return val_fail(c, WISP_ERR_INVALID, off, "unknown type %" PRIu32, ti);
            if (m->tables[tab].elem != VAL_FUNCREF)
                return val_fail(c, WISP_ERR_INVALID, off,
                                "type mismatch in call_indirect, table %" PRIu32 " holds %s, not funcref", tab,
                                val_type_name(m->tables[tab].elem));
            const struct mod_functype *t = &m->types[ti];
            CHECK(pop_expect(c, f, VAL_I32, off));
            in.aux = c->top_slot;
            CHECK(pop_seq(c, t->types, t->nparams, off, "call_indirect"));
            in.base = c->top_slot;
            in.imm.pair.a = ti;
            in.imm.pair.b = tab;
            CHECK(push_seq(c, t->types ? t->types + t->nparams : NULL, t->nresults, off));
            goto emit_clear;
        }

        case 0x1a: { /* drop */
            uint8_t t;
            CHECK(pop_any(c, off, &t));
            in.base = c->top_slot;
            in.type = t;
            goto emit_clear;
        }

        case 0x1b:   /* select */
        case 0x1c: { /* select t* */
            uint8_t want = 0;
            if (op == 0x1c) {
                uint32_t n;
                RD_U32(n);
                if (n > (size_t)(end - p)) return truncated(c, end);
                for (uint32_t i = 0; i < n; i++) {
                    if (!val_is_valtype(p[i]))
                        return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p + i - bytes), "malformed value type");
                }
                if (n != 1)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "invalid result arity: select must have exactly one type, not %" PRIu32, n);
                want = *p++;
            }
            CHECK(pop_expect(c, f, VAL_I32, off));
            in.aux = c->top_slot;
            uint8_t t1, t2;
            if (want) {
                CHECK(pop_expect(c, f, want, off));
                CHECK(pop_expect(c, f, want, off));
                t1 = want;
            } else {
                CHECK(pop_any(c, off, &t1));
                CHECK(pop_any(c, off, &t2));
                bool num1 = t1 == VAL_UNKNOWN || (t1 >= VAL_F64 && t1 <= VAL_I32);
                bool num2 = t2 == VAL_UNKNOWN || (t2 >= VAL_F64 && t2 <= VAL_I32);
                bool vec1 = t1 == VAL_UNKNOWN || t1 == VAL_V128;
                bool vec2 = t2 == VAL_UNKNOWN || t2 == VAL_V128;
                if (!((num1 && num2) || (vec1 && vec2)))
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "type mismatch in select, operands %s and %s: select without a type needs "
                                    "numeric or vector operands",
                                    val_type_name(t2), val_type_name(t1));
                if (t1 != t2 && t1 != VAL_UNKNOWN && t2 != VAL_UNKNOWN)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "type mismatch in select, operands have different types %s and %s",
                                    val_type_name(t2), val_type_name(t1));
                if (t1 == VAL_UNKNOWN) t1 = t2;
            }
            in.base = c->top_slot;
            in.type = t1;
            CHECK(push(c, t1, off));
            goto emit_clear;
        }

        case 0x20: { /* local.get (a quarter of all instructions: its own case) */
            uint32_t x;
            RD_U32_SMALL(x);
            if (x >= c->nlocals) return val_fail(c, WISP_ERR_INVALID, off, "unknown local %" PRIu32, x);
            uint8_t t = c->local_types[x];
            in.base = c->top_slot;
            in.type = t;
            in.imm.index = x;
            CHECK(push(c, t, off));
            goto emit_clear;
        }
        case 0x21: { /* local.set */
            uint32_t x;
            RD_U32_SMALL(x);
            if (x >= c->nlocals) return val_fail(c, WISP_ERR_INVALID, off, "unknown local %" PRIu32, x);
            uint8_t t = c->local_types[x];
            CHECK(pop_expect(c, f, t, off));
            in.base = c->top_slot;
            in.type = t;
            in.imm.index = x;
            goto emit_clear;
        }
        case 0x22: { /* local.tee */
            uint32_t x;
            RD_U32_SMALL(x);
            if (x >= c->nlocals) return val_fail(c, WISP_ERR_INVALID, off, "unknown local %" PRIu32, x);
            uint8_t t = c->local_types[x];
            if (c->nvals > f->height && c->vals[c->nvals - 1].type == t) {
                in.base = c->vals[c->nvals - 1].slot; /* the value stays where it is */
            } else {
                CHECK(pop_expect(c, f, t, off));
                in.base = c->top_slot;
                CHECK(push(c, t, off));
            }
            in.type = t;
            in.imm.index = x;
            goto emit_clear;
        }

        case 0x23:   /* global.get */
        case 0x24: { /* global.set */
            uint32_t x;
            RD_U32_SMALL(x);
            if (x >= m->nglobals) return val_fail(c, WISP_ERR_INVALID, off, "unknown global %" PRIu32, x);
            uint8_t t = m->globals[x].type;
            if (op == 0x24) {
                if (!m->globals[x].mut)
                    return val_fail(c, WISP_ERR_INVALID, off, "global is immutable: global.set of global %" PRIu32,
                                    x);
                CHECK(pop_expect(c, f, t, off));
                in.base = c->top_slot;
            } else {
                in.base = c->top_slot;
                CHECK(push(c, t, off));
            }
            in.type = t;
            in.imm.index = x;
            goto emit_clear;
        }

        case 0x25:   /* table.get */
        case 0x26: { /* table.set */
            uint32_t x;
            RD_U32(x);
            if (x >= m->ntables) return unknown_table(c, off, x);
            uint8_t t = m->tables[x].elem;
            if (op == 0x26) CHECK(pop_expect(c, f, t, off));
            CHECK(pop_expect(c, f, VAL_I32, off));
            in.base = c->top_slot;
            if (op == 0x25) CHECK(push(c, t, off));
            in.type = t;
            in.imm.index = x;
            goto emit_clear;
        }

        case 0x3f:   /* memory.size */
        case 0x40: { /* memory.grow */
            RD_ZERO();
            if (m->nmems == 0) return no_memory(c, off);
            if (op == 0x40) CHECK(pop_expect(c, f, VAL_I32, off));
            in.base = c->top_slot;
            CHECK(push(c, VAL_I32, off));
            in.imm.index = 0;
            break;
        }

        case 0x41: { /* i32.const */
            int32_t v;
            if (VAL_LIKELY(end - p >= 2 && (p[0] & p[1]) < 0x80)) {
                /* One or two bytes (7 or 14 bits, sign-extended from the top one), as in RD_U32. */
                uint32_t more = (uint32_t)p[0] >> 7;
                uint32_t u = (uint32_t)(p[0] & 0x7f) | ((uint32_t)p[1] << 7 & (0u - more));
                uint32_t sign = 0x40u << (7 * more);
                v = (int32_t)(u ^ sign) - (int32_t)sign;
                p += 1 + more;
            } else if (p < end && *p < 0x80) { /* the body's last byte */
                v = *p < 0x40 ? (int32_t)*p : (int32_t)*p - 128;
                p++;
            } else {
                int32_t w; /* not &v: that would keep v in memory on the fast paths */
                size_t n = leb_s32(p, end, &w);
                if (!n) return val_leb_fail(c, p, end, 32, 1);
                v = w;
                p += n;
            }
            in.base = c->top_slot;
            in.imm.i32 = v;
            CHECK(push(c, VAL_I32, off));
            break;
        }
        case 0x42: { /* i64.const */
            int64_t v;
            size_t n = leb_s64(p, end, &v);
            if (!n) return val_leb_fail(c, p, end, 64, 1);
            p += n;
            in.base = c->top_slot;
            in.imm.i64 = v;
            CHECK(push(c, VAL_I64, off));
            break;
        }
        case 0x43: { /* f32.const */
            if (end - p < 4) return truncated(c, end);
            in.imm.f32 = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
            p += 4;
            in.base = c->top_slot;
            CHECK(push(c, VAL_F32, off));
            break;
        }
        case 0x44: { /* f64.const */
            if (end - p < 8) return truncated(c, end);
            uint64_t v = 0;
            for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
            p += 8;
            in.imm.f64 = v;
            in.base = c->top_slot;
            CHECK(push(c, VAL_F64, off));
            break;
        }

        case 0xd0: { /* ref.null */
            if (p >= end) return truncated(c, p);
            uint8_t t = *p;
            if (!val_is_reftype(t))
                return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p - bytes), "malformed reference type");
            p++;
            in.base = c->top_slot;
            in.imm.reftype = t;
            in.type = t;
            CHECK(push(c, t, off));
            goto emit_clear;
        }
        case 0xd1: { /* ref.is_null */
            uint8_t t;
            CHECK(pop_any(c, off, &t));
            if (t != VAL_UNKNOWN && !val_is_reftype(t))
                return val_fail(c, WISP_ERR_INVALID, off,
                                "type mismatch in ref.is_null, expected a reference but got %s", val_type_name(t));
            in.base = c->top_slot;
            in.type = t;
            CHECK(push(c, VAL_I32, off));
            goto emit_clear;
        }
        case 0xd2: { /* ref.func */
            uint32_t x;
            RD_U32(x);
            if (x >= m->nfuncs) return val_fail(c, WISP_ERR_INVALID, off, "unknown function %" PRIu32, x);
            if (!m->func_declared[x])
                return val_fail(c, WISP_ERR_INVALID, off,
                                "undeclared function reference: function %" PRIu32
                                " must appear in an element segment, export or global initializer",
                                x);
            in.base = c->top_slot;
            in.imm.index = x;
            CHECK(push(c, VAL_FUNCREF, off));
            break;
        }

        case 0xfc: {
            uint32_t sub;
            RD_U32(sub);
            if (sub >= VAL_FC_COUNT)
                return val_fail(c, WISP_ERR_MALFORMED, off, "illegal opcode 0xfc %" PRIu32, sub);
            in.op = (uint16_t)(CG_OP_PREFIX_FC | sub);
            oi = &val_fc_ops[sub];
            if (oi->kind == VAL_K_NUM) goto numeric;
            switch (sub) {
            case 8: { /* memory.init */
                uint32_t x;
                RD_U32(x);
                RD_ZERO();
                if (!m->has_datacount && m->ndatas > 0)
                    return val_fail(c, WISP_ERR_MALFORMED, off, "data count section required");
                if (m->nmems == 0) return no_memory(c, off);
                CHECK(check_data_index(c, off, x, false));
                CHECK(pop_seq(c, three_i32, 3, off, "memory.init"));
                in.imm.pair.a = x;
                in.imm.pair.b = 0;
                break;
            }
            case 9: { /* data.drop */
                uint32_t x;
                RD_U32(x);
                CHECK(check_data_index(c, off, x, true));
                in.imm.index = x;
                break;
            }
            case 10: /* memory.copy */
                RD_ZERO();
                RD_ZERO();
                if (m->nmems == 0) return no_memory(c, off);
                CHECK(pop_seq(c, three_i32, 3, off, "memory.copy"));
                in.imm.pair.a = 0;
                in.imm.pair.b = 0;
                break;
            case 11: /* memory.fill */
                RD_ZERO();
                if (m->nmems == 0) return no_memory(c, off);
                CHECK(pop_seq(c, three_i32, 3, off, "memory.fill"));
                in.imm.index = 0;
                break;
            case 12: { /* table.init */
                uint32_t e, t;
                RD_U32(e);
                RD_U32(t);
                if (t >= m->ntables) return unknown_table(c, off, t);
                if (e >= m->nelems)
                    return val_fail(c, WISP_ERR_INVALID, off, "unknown elem segment %" PRIu32, e);
                if (m->elems[e].type != m->tables[t].elem)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "type mismatch in table.init, element segment %" PRIu32
                                    " of %s into table %" PRIu32 " of %s",
                                    e, val_type_name(m->elems[e].type), t, val_type_name(m->tables[t].elem));
                CHECK(pop_seq(c, three_i32, 3, off, "table.init"));
                in.imm.pair.a = e;
                in.imm.pair.b = t;
                in.type = m->tables[t].elem;
                break;
            }
            case 13: { /* elem.drop */
                uint32_t e;
                RD_U32(e);
                if (e >= m->nelems)
                    return val_fail(c, WISP_ERR_INVALID, off, "unknown elem segment %" PRIu32, e);
                in.imm.index = e;
                break;
            }
            case 14: { /* table.copy */
                uint32_t dst, src;
                RD_U32(dst);
                RD_U32(src);
                if (dst >= m->ntables) return unknown_table(c, off, dst);
                if (src >= m->ntables) return unknown_table(c, off, src);
                if (m->tables[dst].elem != m->tables[src].elem)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "type mismatch in table.copy, table %" PRIu32 " of %s into table %" PRIu32
                                    " of %s",
                                    src, val_type_name(m->tables[src].elem), dst,
                                    val_type_name(m->tables[dst].elem));
                CHECK(pop_seq(c, three_i32, 3, off, "table.copy"));
                in.imm.pair.a = dst;
                in.imm.pair.b = src;
                in.type = m->tables[dst].elem;
                break;
            }
            case 15:   /* table.grow */
            case 16:   /* table.size */
            case 17: { /* table.fill */
                uint32_t x;
                RD_U32(x);
                if (x >= m->ntables) return unknown_table(c, off, x);
                uint8_t t = m->tables[x].elem;
                uint8_t sig[3] = {VAL_I32, t, VAL_I32};
                if (sub == 15) CHECK(pop_seq(c, sig + 1, 2, off, "table.grow"));
                if (sub == 17) CHECK(pop_seq(c, sig, 3, off, "table.fill"));
                in.base = c->top_slot;
                if (sub != 17) CHECK(push(c, VAL_I32, off));
                in.imm.index = x;
                in.type = t;
                goto emit_clear;
            }
            default: break;
            }
            /* memory/table bulk operations (no results): operands start at the popped base. */
            in.base = c->top_slot;
            goto emit_clear; /* table.init, table.copy set type */
        }

        case 0xfd:
            return val_fail(c, WISP_ERR_LIMIT, off, "SIMD instructions are not supported yet");

        CASES_ILLEGAL:
            return val_fail(c, WISP_ERR_MALFORMED, off, "illegal opcode 0x%02x", op);
        }
        /* reached by `break` */
        if (emit_op(cg_self, &in)) return backend_fail(c);
        continue;
    emit_clear: /* for the instructions that set aux or type */
        if (emit_op(cg_self, &in)) return backend_fail(c);
        in.aux = 0;
        in.type = 0;
    }
}
