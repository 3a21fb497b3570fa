/* The interpreter's compiler: a cg_backend that turns the validator's stream of checked
 * instructions into the register-style code described in code.h, one pass, no wasm re-decoding.
 *
 * The compiler mirrors the operand stack with one entry per slot saying where the value really
 * is: in its own stack slot (canonical), still in a local (a local.get not yet copied), a
 * constant (not yet written) or an i32 address expression `A + B * m + c` over locals and the
 * entry's own slot (an i32.add/sub/shl/mul not yet emitted). Deferred values are used straight from
 * the local or as an immediate, so `local.get a; local.get b; i32.add; local.set c` becomes one
 * instruction `i32.add c <- a, b` (the result is retargeted into the local), and an address
 * expression consumed by a load or store becomes that access's address mode (code.h: _w, _x).
 * Deferred values are made canonical ("materialized") where their slot matters: at block starts,
 * when carried by a branch, as call arguments, and before a local.set overwrites a local that a
 * deferred value still names. Invariant: below the base of the innermost open block everything
 * is canonical, so control-flow joins never disagree on where a value is.
 * Peepholes on the last instructions emitted fuse a comparison into the branch that consumes it
 * (and an induction variable's update into that branch: br_add_*) and two copies into one. */
#include <string.h>

#include "../base/result.h"
#include "code.h"
#include "interp.h"

/* Inlining emit everywhere makes this file a third bigger for no gain in compile speed (the
 * binary has a size budget, README: Benchmarks). */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* Code larger than this is refused (branch offsets stay far inside int32). */
#define MAX_CODE_WORDS (UINT32_C(1) << 28)

enum { VK_STACK = 0, VK_LOCAL = 1, VK_CONST = 2, VK_ADDR = 3, VK_LOAD = 4 };

/* No slot (an absent term of an address expression). */
#define NOSLOT UINT32_MAX

/* An i32 address expression: (u32)(A + B * m + c), where A and B are the values of frame slots
 * a and b, or 0 for NOSLOT (then m is 1). */
struct addr {
    uint32_t a, b;
    uint32_t m;
    uint32_t c;
};

struct vent {
    uint8_t kind;
    uint32_t slot;  /* VK_LOCAL: frame slot of the local; VK_ADDR: a; VK_LOAD: its address slot */
    uint32_t slot2; /* VK_ADDR: b */
    uint32_t mul;   /* VK_ADDR: m */
    uint64_t bits;  /* VK_CONST: the value in slot form; VK_ADDR: c */
};

enum { CF_FUNC, CF_BLOCK, CF_LOOP, CF_IF };

/* Definite assignment of the declared locals (for functions with at most DA_SLOTS local slots):
 * a bit per slot, set where every path from the entry has written it. A local read where its
 * bit is clear must start at zero, so calls zero it (interp_code.zero_lo/hi); the others are
 * left as they are: LLVM's locals are mostly written before they are read, and zeroing them on
 * every call was a few % of a call-heavy program. */
#define DA_WORDS 4
#define DA_SLOTS (64 * DA_WORDS)
/* ... and at most this deep a nesting of blocks (bounded memory on hostile input). */
#define DA_DEPTH 256

struct cframe {
    uint8_t kind;
    bool branched;        /* some forward branch targets the end */
    uint32_t base;        /* stack index of the first param (= first result) */
    uint32_t nparams;     /* slots */
    uint32_t nresults;    /* slots */
    uint32_t start;       /* loop: code position of the header */
    uint32_t patches;     /* forward branches to the end: chain head (index + 1), 0 = none */
    uint32_t else_site;   /* if: the offset word of the jump to else, 0 = none */
    uint32_t else_from;
    uint32_t stub_serial; /* br_table: stubs shared per target */
    uint32_t stub_pos;
    bool has_else;
};

/* A branch offset word to fill once its target is known. */
struct patch {
    uint32_t site, from, next;
};

/* The last instruction emitted, while nothing else (no label, no other instruction) followed:
 * its result may be retargeted into a local, a comparison may be fused into a branch. */
struct last {
    bool valid;
    uint16_t op;
    uint32_t pos;  /* code position */
    uint32_t idx;  /* stack index of its result */
    uint32_t a, b; /* comparisons: operand slot(s) / immediate */
};

/* An instruction emitted: where, what, and if it was fused as the second of a pair, the first's
 * position and opcode (to restore it if this one is taken back). */
struct emitted {
    uint32_t pos;
    uint32_t op;
    uint32_t a_op;
    uint32_t a_pos; /* UINT32_MAX: not fused */
    uint32_t p_op;  /* the fused opcode written at a_pos (A__B or A__B__C), else op */
};
#define HIST 4u

/* A branch condition: a branch-when-true instruction and its operands. */
struct cond {
    uint16_t op;
    uint8_t nops; /* 1 (br_nz...), 2 (br_CMP...) or 3 (br_add_CMP: a += add first) */
    uint32_t a, b;
    uint32_t add;
};

enum { ERR_NONE = 0, ERR_OOM, ERR_LIMIT };

/* A br_table with at least this many targets inside a loop makes its function a dispatch loop (a
 * bytecode interpreter's), where jump threading lays code out again (thread_branches). */
#ifndef DISPATCH_MIN
#define DISPATCH_MIN 16
#endif
/* Testing: -DWISP_INTERP_THREAD_ALL threads every function, every br to a conditional branch. */
#if defined(WISP_INTERP_THREAD_ALL)
#define THREAD_ALL 1
#else
#define THREAD_ALL 0
#endif

/* An unconditional branch: where, and if it is the second of a pair, the first's position and
 * opcode; exp: the words it takes once threaded (0: stays). */
struct brsite {
    uint32_t pos, a_pos;
    uint16_t a_op;
    uint16_t exp;
    uint32_t before; /* growth of the expanded ones before it */
    uint32_t term;   /* the copied code: from the br's target to the end of this instruction */
    uint32_t k_at;   /* not fused: the instruction before it (where its word is), UINT32_MAX if unknown */
    uint32_t k_op;   /* ... and the opcode there */
};

/* Jump threading copies at most this many instructions before the branch or return ending them. */
#define THREAD_COPY 3

/* A branch offset word and the start of its instruction. */
struct bsite {
    uint32_t site, from;
};

struct interp_backend {
    struct module *m;
    const struct wisp_allocator *a;
    const int32_t *hw; /* handler words, NULL for the switch dispatch */
    int err;
    const char *err_what;
    uint32_t err_offset;

    /* the function being compiled */
    uint32_t func_index;
    uint32_t cur_offset;
    uint32_t nl, np, nr; /* slots: locals (params and the zero slot included), params, results */
    uint32_t nlocals;
    uint32_t *lslot;
    uint8_t *ltype;
    size_t lslot_cap, ltype_cap;
    uint32_t *lcount; /* per local slot: deferred stack entries naming it */
    size_t lcount_cap;
    struct vent *vs;
    size_t vs_cap;
    uint32_t md;      /* every live stack entry below md is canonical */
    uint32_t height;  /* stack height after the last reachable instruction */
    struct cframe *cf;
    size_t ncf, cf_cap;
    struct patch *pt;
    size_t npt, pt_cap;
    uint32_t *code;
    size_t ncode, code_cap;
    struct interp_srcpos *map;
    size_t nmap, map_cap;
    struct last last;
    struct last prev; /* the instruction emitted just before `last`'s, if recorded (valid, op, pos) */
    /* The last HIST instructions emitted, a ring (h[hn % HIST] the newest; pos UINT32_MAX: none):
     * for fusing pairs (code.h INTERP_PAIRS), undoing that when an instruction is taken back (at
     * most HIST - 1 at once, two in practice) and fusing again with the one before them. */
    struct emitted h[HIST];
    uint32_t hn;
    uint8_t pair_at[1025];      /* hash (PAIR_HASH) of (A, B) -> index + 1 in pairs[]; 0 = none, as at 1024 */
    uint16_t pair_base[OP_COUNT_]; /* per opcode A: PAIR_HASH's part for A, or 1024 if it starts none */
    uint32_t pv_h;                 /* that of the last instruction (1024 also if it is a pair's second) */
    bool uses_zs;     /* the zero slot is read */
    bool da_on;       /* definite assignment is tracked (few enough local slots) */
    uint64_t da[DA_WORDS];      /* slots definitely assigned here (all ones: unreachable) */
    uint64_t da_need[DA_WORDS]; /* slots read somewhere while maybe unassigned */
    /* per open frame k: at das[2 * DA_WORDS * k], the slots assigned on every path to its end
     * seen so far (block, if); then, for an if, those assigned at the start of its else */
    uint64_t *das;
    size_t das_cap;
    /* The pending load (at most one): a load not emitted yet, kept as the stack entry pl_idx
     * (VK_LOAD) until its consumer, which may take it as a memory operand. Nothing that could trap,
     * write memory or branch is emitted while it is pending (hook_op emits it first), so it
     * still reads what and traps where the wasm load would. */
    bool pl;
    uint32_t pl_idx;
    uint16_t pl_op;     /* a load (ea = a + imm) or its _w form (ea = (u32)(a + imm)) */
    uint32_t pl_imm;
    uint32_t pl_offset; /* its wasm offset */
    /* The last f64_mul_m (fuse_f64_load) and the i32_add_i right before it (UINT32_MAX: none),
     * which a multiply-accumulate on that add's result takes in (fuse_rmw). */
    uint32_t mm_pos, mm_add;
    uint32_t serial;
    /* Jump threading (thread_branches): a dispatch loop's unconditional branches (in order) and its
     * branch offset words (in any order, maybe twice); what finding those needs, built once per
     * backend: the opcode of each handler word, the words of each opcode. */
    struct brsite *brs;
    size_t nbrs, brs_cap;
    struct bsite *bs;
    size_t nbs, bs_cap;
    uint32_t *code2, *newpos;
    size_t code2_cap, newpos_cap;
    bool thr_ready, thr_bad;
    bool dispatch_loop; /* the function has a loop with a br_table of DISPATCH_MIN targets or more:
                           its branches are recorded (brs, bs) from then on */
    uint8_t op_words[OP_COUNT_]; /* words (a br_table's: up to its count) */
    uint8_t op_kind[OP_COUNT_];  /* 1: the last word is a branch offset; 2: a br_table's */
    uint16_t rev[2048];          /* hash of a handler word -> opcode + 1 */
    uint16_t br_pair_a[OP_COUNT_]; /* for a pair A__br: A + 1; for a triple A__B__br: A__B + 1 */
    uint32_t scratch[16]; /* written instead of code after a failure */
    struct vent dummy;
};

/* Each access and its address-mode forms (code.h); size: its width in bytes. */
struct memform {
    uint16_t op, w, x, x0;
    uint8_t size;
};
static const struct memform memforms[] = {
    {OP_ld8s32, OP_ld8s32_w, OP_ld8s32_x, OP_ld8s32_x, 1},
    {OP_ld8s64, OP_ld8s64_w, OP_ld8s64_x, OP_ld8s64_x, 1},
    {OP_ld8u, OP_ld8u_w, OP_ld8u_x, OP_ld8u_x, 1},
    {OP_ld16s32, OP_ld16s32_w, OP_ld16s32_x, OP_ld16s32_x0, 2},
    {OP_ld16s64, OP_ld16s64_w, OP_ld16s64_x, OP_ld16s64_x0, 2},
    {OP_ld16u, OP_ld16u_w, OP_ld16u_x, OP_ld16u_x0, 2},
    {OP_ld32, OP_ld32_w, OP_ld32_x, OP_ld32_x0, 4},
    {OP_ld32s64, OP_ld32s64_w, OP_ld32s64_x, OP_ld32s64_x0, 4},
    {OP_ld64, OP_ld64_w, OP_ld64_x, OP_ld64_x0, 8},
    {OP_st8, OP_st8_w, OP_st8_x, OP_st8_x, 1},
    {OP_st16, OP_st16_w, OP_st16_x, OP_st16_x0, 2},
    {OP_st32, OP_st32_w, OP_st32_x, OP_st32_x0, 4},
    {OP_st64, OP_st64_w, OP_st64_x, OP_st64_x0, 8},
};

_Static_assert(OP_st64 - OP_ld8s32 == 12 && OP_st8 - OP_ld8s32 == 9, "memforms follows the opcode order");

static const struct memform *memform_of(uint16_t op) {
    if (op >= OP_ld8s32 && op <= OP_st64) return &memforms[op - OP_ld8s32];
    return NULL;
}

/* ---- errors and buffers ------------------------------------------------------------------- */

static void fail(struct interp_backend *b, int kind, const char *what) {
    if (b->err) return;
    b->err = kind;
    b->err_what = what;
    b->err_offset = b->cur_offset;
}

static bool grow(struct interp_backend *b, void **items, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return true;
    if (base_grow(b->a, items, cap, need, elem) != 0) {
        fail(b, ERR_OOM, NULL);
        return false;
    }
    return true;
}

/* ---- emitting ----------------------------------------------------------------------------------- */

/* The fused pairs (code.h). */
struct pair {
    uint16_t a, b, p;
};
static const struct pair pairs[] = {
#define PAIR_ENTRY_(A, B) {OP_##A, OP_##B, OP_##A##__##B},
    INTERP_PAIR_PARTS(PAIR_ENTRY_)
#undef PAIR_ENTRY_
/* a triple is the pair (A__B, C) */
#define TRIPLE_ENTRY_(A, B, C) {OP_##A##__##B, OP_##C, OP_##A##__##B##__##C},
    INTERP_TRIPLE_PARTS(TRIPLE_ENTRY_)
#undef TRIPLE_ENTRY_
};
#define PAIR_HASH(a, b) (((uint32_t)(a) * 37u + (uint32_t)(b)) & 1023u)
_Static_assert(sizeof pairs / sizeof pairs[0] < 128, "pair_at stays sparse");

/* Takes back the code from position pos on (at most the last two instructions), undoing pair
 * fusions whose second instruction goes. */
static void truncate_code(struct interp_backend *b, uint32_t pos) {
    b->ncode = pos;
    for (uint32_t k = 0; k < HIST - 1; k++) {
        struct emitted *h = &b->h[b->hn % HIST];
        if (h->pos == UINT32_MAX || h->pos < pos) break;
        if (h->a_pos < pos && !b->err) b->code[h->a_pos] = b->hw ? (uint32_t)b->hw[h->a_op] : h->a_op;
        h->pos = UINT32_MAX;
        b->hn--;
    }
    /* The newest instruction left, if known, may start a pair (or, the second of one, a triple)
     * again. */
    const struct emitted *t = &b->h[b->hn % HIST];
    b->pv_h = t->pos != UINT32_MAX && t->pos < pos ? b->pair_base[t->p_op] : 1024;
}

/* A__B for A, the instruction before the one being emitted (B, its opcode op, the newest in h),
 * starting the search at hash slot h; records it in B's entry. When A is itself the second of a
 * pair P (so the lookup is by P, pv_h), the triple P__B replaces P. */
static NOINLINE void fuse_pair(struct interp_backend *b, uint32_t op, uint32_t h) {
    const struct emitted *a = &b->h[(b->hn - 1) % HIST];
    struct emitted *e = &b->h[b->hn % HIST];
    uint32_t first = a->p_op, at = a->a_pos != UINT32_MAX ? a->a_pos : a->pos;
    for (uint32_t k; (k = b->pair_at[h]) != 0; h = (h + 1) & 1023u) {
        const struct pair *q = &pairs[k - 1];
        if (q->a != first || q->b != op) continue;
        b->code[at] = b->hw ? (uint32_t)b->hw[q->p] : q->p;
        e->a_pos = at;
        e->a_op = first;
        e->p_op = q->p;
        return;
    }
}

/* Appends an instruction of n words (handler word included) and returns its words to fill in;
 * after a failure, a scratch area. */
static NOINLINE uint32_t *emit(struct interp_backend *b, enum interp_op op, uint32_t n) {
    /* (field by field: a copy of the whole struct right after set_last wrote it piecewise would
     * stall on store forwarding) */
    b->prev.valid = b->last.valid;
    b->prev.op = b->last.op;
    b->prev.pos = b->last.pos;
    b->last.valid = false;
    if (b->err) return b->scratch;
    if (b->ncode + n > MAX_CODE_WORDS) {
        fail(b, ERR_LIMIT, "function too large");
        return b->scratch;
    }
    if (!grow(b, (void **)&b->code, &b->code_cap, b->ncode + n, sizeof *b->code)) return b->scratch;
    uint32_t *w = b->code + b->ncode;
    w[0] = b->hw ? (uint32_t)b->hw[op] : (uint32_t)op;
    struct emitted *e = &b->h[++b->hn % HIST];
    e->pos = (uint32_t)b->ncode;
    e->op = op;
    e->a_pos = UINT32_MAX;
    e->p_op = op;
    /* Right after an instruction A (which ends here: instructions are appended, and taken back
     * only from the end) that may start a pair and is not itself the second of one: the pair
     * A__B, if there is one; after a pair P, the triple P__B. Most (A, B) have none and meet an
     * empty slot at once. */
    uint32_t h = b->pv_h == 1024 ? 1024 : (b->pv_h + op) & 1023u;
    b->pv_h = b->pair_base[op];
    if (b->pair_at[h]) {
        fuse_pair(b, op, h);
        if (e->a_pos != UINT32_MAX) b->pv_h = b->pair_base[e->p_op];
    }
    b->ncode += n;
    return w;
}

/* Code position of the next instruction. */
static uint32_t here(const struct interp_backend *b) { return (uint32_t)b->ncode; }

/* Records the current wasm offset for the instruction at pos (it may trap or call). */
static inline void add_map(struct interp_backend *b, uint32_t pos) {
    if (b->err) return;
    if (!grow(b, (void **)&b->map, &b->map_cap, b->nmap + 1, sizeof *b->map)) return;
    b->map[b->nmap].pos = pos;
    b->map[b->nmap].offset = b->cur_offset;
    b->nmap++;
}

static void set_word(struct interp_backend *b, uint32_t site, uint32_t v) {
    if (!b->err && site < b->ncode) b->code[site] = v;
}

static void set_last(struct interp_backend *b, uint32_t pos, uint32_t idx, uint16_t op, uint32_t a, uint32_t bb);

static void emit_copy(struct interp_backend *b, uint32_t dst, uint32_t src) {
    if (dst == src) return;
    if (b->last.valid && b->last.op == OP_copy && b->last.pos + 3 == here(b)) {
        /* Right after another copy: both in one instruction (executed in order). */
        uint32_t pos = b->last.pos, d1 = b->code[pos + 1], s1 = b->code[pos + 2];
        truncate_code(b, pos);
        uint32_t *w = emit(b, OP_copy2, 5);
        w[1] = d1;
        w[2] = s1;
        w[3] = dst;
        w[4] = src;
        return;
    }
    uint32_t pos = here(b);
    uint32_t *w = emit(b, OP_copy, 3);
    w[1] = dst;
    w[2] = src;
    set_last(b, pos, UINT32_MAX, OP_copy, dst, src);
}

static void emit_const(struct interp_backend *b, uint32_t dst, uint64_t bits) {
    if (bits <= UINT32_MAX) {
        uint32_t *w = emit(b, OP_const32, 3);
        w[1] = dst;
        w[2] = (uint32_t)bits;
    } else {
        uint32_t *w = emit(b, OP_const64, 4);
        w[1] = dst;
        memcpy(w + 2, &bits, 8);
    }
}

/* The last instruction writes its result to stack index idx (UINT32_MAX: to no stack entry that
 * may be retargeted) and nothing is between it and what comes next. */
static void set_last(struct interp_backend *b, uint32_t pos, uint32_t idx, uint16_t op, uint32_t a, uint32_t bb) {
    if (b->err) return;
    b->last.valid = true;
    b->last.pos = pos;
    b->last.idx = idx;
    b->last.op = op;
    b->last.a = a;
    b->last.b = bb;
}

/* ---- the mirrored operand stack ------------------------------------------------------------- */

static uint32_t SL(const struct interp_backend *b, uint32_t i) { return b->nl + i; }

/* The zero slot (code.h): the last of the locals, never written (and zeroed by calls only when
 * some instruction reads it). */
static uint32_t ZS(struct interp_backend *b) {
    b->uses_zs = true;
    return b->nl - 1;
}

static struct vent *ent_grow(struct interp_backend *b, uint32_t i) {
    size_t old = b->vs_cap;
    if (!grow(b, (void **)&b->vs, &b->vs_cap, (size_t)i + 1, sizeof *b->vs)) {
        /* Failure: hand out a harmless entry (compilation is abandoned anyway). */
        memset(&b->dummy, 0, sizeof b->dummy);
        return &b->dummy;
    }
    memset(b->vs + old, 0, (b->vs_cap - old) * sizeof *b->vs);
    return &b->vs[i];
}

static inline struct vent *ent(struct interp_backend *b, uint32_t i) {
    return i < b->vs_cap ? &b->vs[i] : ent_grow(b, i);
}

static inline void push_stack(struct interp_backend *b, uint32_t i) { ent(b, i)->kind = VK_STACK; }

static inline void set_local(struct interp_backend *b, struct vent *e, uint32_t i, uint32_t slot) {
    e->kind = VK_LOCAL;
    e->slot = slot;
    b->lcount[slot]++;
    if (i < b->md) b->md = i;
}

static inline void push_local(struct interp_backend *b, uint32_t i, uint32_t slot) { set_local(b, ent(b, i), i, slot); }

static inline void set_const(struct interp_backend *b, struct vent *e, uint32_t i, uint64_t bits) {
    e->kind = VK_CONST;
    e->bits = bits;
    if (i < b->md) b->md = i;
}

static inline void push_const(struct interp_backend *b, uint32_t i, uint64_t bits) { set_const(b, ent(b, i), i, bits); }

/* Locals named by deferred entries are counted (lcount); stack slots are not (an entry only ever
 * names its own). */
static void ref_slot(struct interp_backend *b, uint32_t s) {
    if (s < b->nl) b->lcount[s]++;
}
static void unref_slot(struct interp_backend *b, uint32_t s) {
    if (s < b->nl) b->lcount[s]--;
}

/* How many times entry e names slot s. */
static uint32_t refs_to(const struct vent *e, uint32_t s) {
    if (e->kind == VK_LOCAL || e->kind == VK_LOAD) return e->slot == s;
    if (e->kind == VK_ADDR) return (uint32_t)(e->slot == s) + (uint32_t)(e->slot2 == s);
    return 0;
}

/* Forgets what entry e refers to; it becomes canonical (its slot is about to be written, or it
 * is popped). */
static inline void release(struct interp_backend *b, struct vent *e) {
    if (e->kind == VK_LOCAL) {
        b->lcount[e->slot]--;
    } else if (e->kind == VK_ADDR) {
        unref_slot(b, e->slot);
        unref_slot(b, e->slot2);
    } else if (e->kind == VK_LOAD) {
        unref_slot(b, e->slot);
        b->pl = false;
    }
    e->kind = VK_STACK;
}

/* Pushes address expression x at stack index i, in its simplest form. Its slots must be locals
 * or SL(i). */
static void push_addr(struct interp_backend *b, uint32_t i, struct addr x) {
    if (x.b != NOSLOT && x.m == 0) x.b = NOSLOT;
    if (x.b != NOSLOT && x.m == 1 && x.a == NOSLOT) {
        x.a = x.b;
        x.b = NOSLOT;
    }
    if (x.b == NOSLOT) x.m = 1;
    if (x.b == NOSLOT && x.c == 0) {
        if (x.a == NOSLOT) push_const(b, i, 0);
        else if (x.a == SL(b, i)) push_stack(b, i);
        else push_local(b, i, x.a);
        return;
    }
    if (x.a == NOSLOT && x.b == NOSLOT) {
        push_const(b, i, x.c);
        return;
    }
    struct vent *e = ent(b, i);
    e->kind = VK_ADDR;
    e->slot = x.a;
    e->slot2 = x.b;
    e->mul = x.m;
    e->bits = x.c;
    if (x.a != NOSLOT) ref_slot(b, x.a);
    if (x.b != NOSLOT) ref_slot(b, x.b);
    if (i < b->md) b->md = i;
}

/* An i32.add d <- a + c; right after another one, both become one instruction (i32_add2). Sets
 * `last` (idx: the result's stack index, or UINT32_MAX). */
static void emit_i32_add(struct interp_backend *b, uint32_t d, uint32_t a, uint32_t c, uint32_t idx) {
    const struct last *l = &b->last;
    if (l->valid && l->op == OP_i32_add && l->pos + 4 == here(b) && !b->err) {
        uint32_t pos = l->pos, d1 = b->code[pos + 1], a1 = b->code[pos + 2], c1 = b->code[pos + 3];
        truncate_code(b, pos);
        uint32_t *w = emit(b, OP_i32_add2, 7);
        w[1] = d1;
        w[2] = a1;
        w[3] = c1;
        w[4] = d;
        w[5] = a;
        w[6] = c;
        /* As if the second add started at pos + 3 (its result word is pos + 4, for retargeting);
         * a different op so that nothing takes it for a whole add. */
        set_last(b, pos + 3, idx, OP_i32_add2, a, c);
        return;
    }
    uint32_t pos = here(b);
    uint32_t *w = emit(b, OP_i32_add, 4);
    w[1] = d;
    w[2] = a;
    w[3] = c;
    set_last(b, pos, idx, OP_i32_add, a, c);
}

/* Emits the computation of address expression x into slot dst (one instruction at most). */
static void emit_addr(struct interp_backend *b, uint32_t dst, const struct addr *x) {
    uint32_t pos = here(b), *w;
    uint16_t op;
    if (x->b == NOSLOT) {
        if (x->a == NOSLOT) {
            emit_const(b, dst, x->c);
            return;
        }
        if (x->c == 0) {
            emit_copy(b, dst, x->a);
            return;
        }
        w = emit(b, op = OP_i32_add_i, 4);
        w[1] = dst;
        w[2] = x->a;
        w[3] = x->c;
    } else if (x->a == NOSLOT && x->c == 0) {
        bool pow2 = (x->m & (x->m - 1)) == 0;
        uint32_t k = 0;
        while (pow2 && k < 31 && (UINT32_C(1) << k) != x->m) k++;
        w = emit(b, op = pow2 ? OP_i32_shl_i : OP_i32_mul_i, 4);
        w[1] = dst;
        w[2] = x->b;
        w[3] = pow2 ? k : x->m;
    } else if (x->m == 1 && x->c == 0) {
        emit_i32_add(b, dst, x->a, x->b, UINT32_MAX);
        return;
    } else {
        w = emit(b, op = OP_i32_lea, 6);
        w[1] = dst;
        w[2] = x->a == NOSLOT ? ZS(b) : x->a;
        w[3] = x->b;
        w[4] = x->m;
        w[5] = x->c;
    }
    set_last(b, pos, UINT32_MAX, op, 0, 0);
}

/* Entry e at index i as an address expression (not for VK_LOAD: load it first). */
static struct addr addr_of(const struct interp_backend *b, const struct vent *e, uint32_t i) {
    struct addr x = {NOSLOT, NOSLOT, 1, 0};
    switch (e->kind) {
    case VK_CONST: x.c = (uint32_t)e->bits; break;
    case VK_LOCAL: x.a = e->slot; break;
    case VK_ADDR:
        x.a = e->slot;
        x.b = e->slot2;
        x.m = e->mul;
        x.c = (uint32_t)e->bits;
        break;
    default: x.a = SL(b, i); break;
    }
    return x;
}

static inline void add_map(struct interp_backend *b, uint32_t pos);

/* Writes entry i's value into slot dst, leaving the entry as it is. */
static NOINLINE void emit_value_to(struct interp_backend *b, uint32_t i, uint32_t dst) {
    const struct vent *e = ent(b, i);
    switch (e->kind) {
    case VK_LOAD: {
        uint32_t pos = here(b), saved = b->cur_offset;
        uint32_t *w = emit(b, (enum interp_op)b->pl_op, 4);
        w[1] = dst;
        w[2] = e->slot;
        w[3] = b->pl_imm;
        b->cur_offset = b->pl_offset;
        add_map(b, pos);
        b->cur_offset = saved;
        set_last(b, pos, dst == SL(b, i) ? i : UINT32_MAX, b->pl_op, 0, 0);
        break;
    }
    case VK_LOCAL: emit_copy(b, dst, e->slot); break;
    case VK_CONST: emit_const(b, dst, e->bits); break;
    case VK_ADDR: {
        struct addr x = addr_of(b, e, i);
        emit_addr(b, dst, &x);
        break;
    }
    default: emit_copy(b, dst, SL(b, i)); break;
    }
}

/* Makes entry i canonical. */
static NOINLINE void materialize(struct interp_backend *b, uint32_t i) {
    struct vent *e = ent(b, i);
    if (e->kind == VK_STACK) return;
    emit_value_to(b, i, SL(b, i));
    release(b, e);
}

static void materialize_range(struct interp_backend *b, uint32_t lo, uint32_t hi) {
    for (uint32_t i = lo; i < hi; i++) materialize(b, i);
}

/* Makes every live entry below h canonical. Amortised O(1) per push: only entries pushed since
 * the last flush lie in [md, h). */
static void flush_below(struct interp_backend *b, uint32_t h) {
    if (b->md < h) {
        materialize_range(b, b->md, h);
        b->md = h;
    }
}

/* Pops entry i for an instruction about to be emitted: the slot to read it from. */
static NOINLINE uint32_t take(struct interp_backend *b, uint32_t i) {
    struct vent *e = ent(b, i);
    if (e->kind == VK_LOCAL) {
        uint32_t s = e->slot;
        release(b, e);
        return s;
    }
    materialize(b, i);
    return SL(b, i);
}

/* Forgets entries [lo, hi) (popped without being read). */
static void drop_range(struct interp_backend *b, uint32_t lo, uint32_t hi) {
    for (uint32_t i = lo; i < hi && i < b->vs_cap; i++) release(b, &b->vs[i]);
}

/* ---- types ---------------------------------------------------------------------------------------- */

static uint32_t slots_of(const uint8_t *types, uint32_t n) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) k += mod_type_slots(types[i]);
    return k;
}

/* Slots of a function type's params / results (types may be NULL when both counts are 0). */
static uint32_t param_slots(const struct mod_functype *t) { return t->nparams ? slots_of(t->types, t->nparams) : 0; }
static uint32_t result_slots(const struct mod_functype *t) {
    return t->nresults ? slots_of(t->types + t->nparams, t->nresults) : 0;
}

static const struct mod_functype *func_type(const struct module *m, uint32_t f) {
    return &m->types[m->func_types[f]];
}

/* The code object of defined function k, allocated (empty) on first reference so calls can
 * point at it before it is compiled. */
static struct interp_code *get_code(struct interp_backend *b, uint32_t k) {
    struct module *m = b->m;
    if (!m->compiled || k >= m->ncodes) {
        fail(b, ERR_LIMIT, "function index out of range");
        return NULL;
    }
    if (!m->compiled[k]) {
        struct interp_code *c = base_calloc(b->a, 1, sizeof *c);
        if (!c) {
            fail(b, ERR_OOM, NULL);
            return NULL;
        }
        c->func_index = m->nfuncs_imported + k;
        m->compiled[k] = c;
    }
    return m->compiled[k];
}

/* ---- branches ------------------------------------------------------------------------------------- */

static struct cframe *frame_at(struct interp_backend *b, uint32_t depth) {
    if (depth >= b->ncf) {
        fail(b, ERR_LIMIT, "branch depth out of range");
        return &b->cf[0];
    }
    return &b->cf[b->ncf - 1 - depth];
}

static uint32_t label_arity(const struct cframe *f) { return f->kind == CF_LOOP ? f->nparams : f->nresults; }

/* In a dispatch loop (thread_branches): records a branch offset word (site, of the instruction
 * at from) once written, and a br emitted. */
static NOINLINE void thr_site(struct interp_backend *b, uint32_t site, uint32_t from) {
    if (b->err || !grow(b, (void **)&b->bs, &b->bs_cap, b->nbs + 1, sizeof *b->bs)) return;
    b->bs[b->nbs].site = site;
    b->bs[b->nbs].from = from;
    b->nbs++;
}

static NOINLINE void thr_br(struct interp_backend *b, uint32_t pos) {
    if (b->err || !grow(b, (void **)&b->brs, &b->brs_cap, b->nbrs + 1, sizeof *b->brs)) return;
    const struct emitted *e = &b->h[b->hn % HIST];
    const struct emitted *pv = &b->h[(b->hn - 1) % HIST];
    struct brsite *r = &b->brs[b->nbrs++];
    r->pos = pos;
    r->a_pos = e->a_pos;
    r->a_op = (uint16_t)e->a_op;
    r->k_at = e->a_pos == UINT32_MAX && pv->pos < pos ? (pv->a_pos != UINT32_MAX ? pv->a_pos : pv->pos) : UINT32_MAX;
    r->k_op = pv->p_op;
}

/* Points the offset word at site (of the instruction at from) to f's label. */
static void add_target(struct interp_backend *b, struct cframe *f, uint32_t site, uint32_t from) {
    if (f->kind == CF_LOOP) {
        set_word(b, site, (uint32_t)((int32_t)f->start - (int32_t)from));
        if (b->dispatch_loop) thr_site(b, site, from);
        return;
    }
    f->branched = true;
    if (b->err) return;
    if (!grow(b, (void **)&b->pt, &b->pt_cap, b->npt + 1, sizeof *b->pt)) return;
    b->pt[b->npt].site = site;
    b->pt[b->npt].from = from;
    b->pt[b->npt].next = f->patches;
    b->npt++;
    f->patches = (uint32_t)b->npt;
}

/* Resolves a forward offset word to the current position. */
static void patch_here(struct interp_backend *b, uint32_t site, uint32_t from) {
    set_word(b, site, (uint32_t)((int32_t)here(b) - (int32_t)from));
    if (b->dispatch_loop) thr_site(b, site, from);
}

static void resolve_patches(struct interp_backend *b, struct cframe *f) {
    for (uint32_t p = f->patches; p;) {
        const struct patch *q = &b->pt[p - 1];
        patch_here(b, q->site, q->from);
        p = q->next;
    }
    f->patches = 0;
    /* Patch records are only ever appended; forget them all when the frame closing is the last
     * open one besides the function's (which never has any). */
    if (b->ncf <= 2) b->npt = 0;
}

static void emit_br(struct interp_backend *b, struct cframe *f) {
    uint32_t pos = here(b);
    emit(b, OP_br, 2);
    if (b->dispatch_loop) thr_br(b, pos);
    add_target(b, f, pos + 1, pos);
}

/* Returns the n result slots at stack index bb, leaving the entries as they are (br_if's
 * fallthrough still has them). */
static void emit_return(struct interp_backend *b, uint32_t bb, uint32_t n) {
    if (n == 0) {
        emit(b, OP_ret0, 1);
        return;
    }
    if (n == 1) {
        const struct vent *e = ent(b, bb);
        uint32_t src = SL(b, bb);
        if (e->kind == VK_LOCAL) {
            src = e->slot;
        } else if (e->kind != VK_STACK) {
            emit_value_to(b, bb, 0);
            src = 0;
        }
        if (src == 0) {
            emit(b, OP_ret0, 1);
        } else {
            uint32_t *w = emit(b, OP_ret1, 2);
            w[1] = src;
        }
        return;
    }
    materialize_range(b, bb, bb + n);
    if (SL(b, bb) == 0) {
        emit(b, OP_ret0, 1);
    } else {
        uint32_t *w = emit(b, OP_retn, 3);
        w[1] = SL(b, bb);
        w[2] = n;
    }
}

/* Moves the n values at stack index bb down to tb (tb < bb), leaving the entries valid. */
static void emit_moves(struct interp_backend *b, uint32_t tb, uint32_t bb, uint32_t n) {
    if (n == 1) {
        emit_value_to(b, bb, SL(b, tb));
        return;
    }
    materialize_range(b, bb, bb + n);
    uint32_t *w = emit(b, OP_copy_n, 4);
    w[1] = SL(b, tb);
    w[2] = SL(b, bb);
    w[3] = n;
}

/* An unconditional branch to f carrying the values at bb. */
static void branch(struct interp_backend *b, struct cframe *f, uint32_t bb) {
    if (f->kind == CF_FUNC) {
        emit_return(b, bb, b->nr);
        return;
    }
    uint32_t n = label_arity(f);
    if (n && f->base != bb) emit_moves(b, f->base, bb, n);
    else materialize_range(b, bb, bb + n);
    emit_br(b, f);
}

/* ---- conditions ---------------------------------------------------------------------------------- */

static bool is_cmp(uint16_t op) {
    return op == OP_i32_eqz || op == OP_i64_eqz || (op >= OP_i32_eq && op <= OP_i32_ge_u) ||
           (op >= OP_i64_eq && op <= OP_i64_ge_u) || (op >= OP_i32_eq_i && op <= OP_i32_ge_u_i) ||
           (op >= OP_i64_eq_i && op <= OP_i64_ge_u_i);
}

/* The condition at stack index i (an i32), consumed. A comparison just emitted for it is taken
 * back and fused into the branch. */
static struct cond get_cond(struct interp_backend *b, uint32_t i) {
    struct cond c = {OP_br_nz, 1, 0, 0, 0};
    const struct last *l = &b->last;
    if (l->valid && l->idx == i && is_cmp(l->op) && ent(b, i)->kind == VK_STACK) {
        uint16_t op = l->op;
        c.a = l->a;
        c.b = l->b;
        c.nops = 2;
        if (op == OP_i32_eqz) c.op = OP_br_z, c.nops = 1;
        else if (op == OP_i64_eqz) c.op = OP_br_z64, c.nops = 1;
        else if (op >= OP_i32_eq && op <= OP_i32_ge_u) c.op = (uint16_t)(OP_br_i32_eq + (op - OP_i32_eq));
        else if (op >= OP_i64_eq && op <= OP_i64_ge_u) c.op = (uint16_t)(OP_br_i64_eq + (op - OP_i64_eq));
        else if (op >= OP_i32_eq_i && op <= OP_i32_ge_u_i) c.op = (uint16_t)(OP_br_i32_eq_i + (op - OP_i32_eq_i));
        else c.op = (uint16_t)(OP_br_i64_eq_i + (op - OP_i64_eq_i));
        truncate_code(b, l->pos); /* the comparison is not needed any more */
        b->last.valid = false;
        /* `x += k` just before, on the compared variable itself (a loop's induction variable). */
        const struct last *p = &b->prev;
        bool imm = c.op >= OP_br_i32_eq_i && c.op <= OP_br_i32_ge_u_i;
        if ((imm || (c.op >= OP_br_i32_eq && c.op <= OP_br_i32_ge_u)) && p->valid && p->op == OP_i32_add_i &&
            p->pos + 4 == l->pos && !b->err && b->code[p->pos + 1] == c.a && b->code[p->pos + 2] == c.a) {
            c.op = imm ? (uint16_t)(OP_br_add_eq + (c.op - OP_br_i32_eq_i))
                       : (uint16_t)(OP_br_add_eq_r + (c.op - OP_br_i32_eq));
            c.nops = 3;
            c.add = b->code[p->pos + 3];
            truncate_code(b, p->pos);
        }
        b->prev.valid = false;
        return c;
    }
    /* A bit test: (x & mask) != 0. */
    if (l->valid && l->idx == i && l->op == OP_i32_and_i && ent(b, i)->kind == VK_STACK) {
        c.op = OP_br_and_nz;
        c.nops = 2;
        c.a = l->a;
        c.b = l->b;
        truncate_code(b, l->pos);
        b->last.valid = false;
        b->prev.valid = false;
        ent(b, i)->kind = VK_STACK;
        return c;
    }
    /* A variable just updated with `x += k` and tested against zero. */
    const struct vent *e = ent(b, i);
    if (l->valid && l->op == OP_i32_add_i && l->pos + 4 == here(b) && e->kind == VK_LOCAL && !b->err &&
        b->code[l->pos + 1] == e->slot && b->code[l->pos + 2] == e->slot) {
        c.a = take(b, i);
        c.op = OP_br_add_ne;
        c.nops = 3;
        c.add = b->code[l->pos + 3];
        c.b = 0;
        truncate_code(b, l->pos);
        b->last.valid = false;
        b->prev.valid = false;
        return c;
    }
    c.a = take(b, i);
    return c;
}

/* eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u: the negation of each. */
static const uint8_t cmp_negate[10] = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};
/* ... and each with its operands swapped. */
static const uint8_t cmp_mirror[10] = {0, 1, 4, 5, 2, 3, 8, 9, 6, 7};

static struct cond negate(struct cond c) {
    static const uint16_t groups[6] = {OP_br_i32_eq,   OP_br_i64_eq, OP_br_i32_eq_i,
                                       OP_br_i64_eq_i, OP_br_add_eq, OP_br_add_eq_r};
    switch (c.op) {
    case OP_br_nz: c.op = OP_br_z; return c;
    case OP_br_z: c.op = OP_br_nz; return c;
    case OP_br_nz64: c.op = OP_br_z64; return c;
    case OP_br_z64: c.op = OP_br_nz64; return c;
    case OP_br_and_nz: c.op = OP_br_and_z; return c;
    case OP_br_and_z: c.op = OP_br_and_nz; return c;
    default: break;
    }
    for (int g = 0; g < 6; g++)
        if (c.op >= groups[g] && c.op < groups[g] + 10) {
            c.op = (uint16_t)(groups[g] + cmp_negate[c.op - groups[g]]);
            break;
        }
    return c;
}

/* Emits "branch when c" and returns the position of its offset word (the instruction is at
 * *from). */
static uint32_t emit_cond_branch(struct interp_backend *b, struct cond c, uint32_t *from) {
    *from = here(b);
    if (c.nops == 1) {
        uint32_t *w = emit(b, (enum interp_op)c.op, 3);
        w[1] = c.a;
        return *from + 2;
    }
    if (c.nops == 3) {
        uint32_t *w = emit(b, (enum interp_op)c.op, 5);
        w[1] = c.a;
        w[2] = c.add;
        w[3] = c.b;
        return *from + 4;
    }
    uint32_t *w = emit(b, (enum interp_op)c.op, 4);
    w[1] = c.a;
    w[2] = c.b;
    return *from + 3;
}

/* ---- numeric instructions ------------------------------------------------------------------------ */

/* The immediate form of a binary integer op, if any; *commute: the form to use with the
 * constant on the left (0 if none). */
static uint16_t imm_form(uint16_t op, uint16_t *commute) {
    *commute = 0;
    uint16_t r = 0;
    if (op >= OP_i32_eq && op <= OP_i32_ge_u) {
        r = (uint16_t)(OP_i32_eq_i + (op - OP_i32_eq));
        *commute = (uint16_t)(OP_i32_eq_i + cmp_mirror[op - OP_i32_eq]);
        return r;
    }
    if (op >= OP_i64_eq && op <= OP_i64_ge_u) {
        r = (uint16_t)(OP_i64_eq_i + (op - OP_i64_eq));
        *commute = (uint16_t)(OP_i64_eq_i + cmp_mirror[op - OP_i64_eq]);
        return r;
    }
    switch (op) {
    case OP_i32_add: *commute = OP_i32_add_i; return OP_i32_add_i;
    case OP_i32_sub: *commute = OP_i32_rsub_i; return OP_i32_add_i; /* with the constant negated */
    case OP_i32_mul: *commute = OP_i32_mul_i; return OP_i32_mul_i;
    case OP_i32_and: *commute = OP_i32_and_i; return OP_i32_and_i;
    case OP_i32_or: *commute = OP_i32_or_i; return OP_i32_or_i;
    case OP_i32_xor: *commute = OP_i32_xor_i; return OP_i32_xor_i;
    case OP_i32_shl: return OP_i32_shl_i;
    case OP_i32_shr_s: return OP_i32_shr_s_i;
    case OP_i32_shr_u: return OP_i32_shr_u_i;
    case OP_i32_rotl: return OP_i32_rotl_i;
    case OP_i32_rotr: return OP_i32_rotr_i;
    case OP_i64_add: *commute = OP_i64_add_i; return OP_i64_add_i;
    case OP_i64_sub: *commute = OP_i64_rsub_i; return OP_i64_add_i;
    case OP_i64_mul: *commute = OP_i64_mul_i; return OP_i64_mul_i;
    case OP_i64_and: *commute = OP_i64_and_i; return OP_i64_and_i;
    case OP_i64_or: *commute = OP_i64_or_i; return OP_i64_or_i;
    case OP_i64_xor: *commute = OP_i64_xor_i; return OP_i64_xor_i;
    case OP_i64_shl: return OP_i64_shl_i;
    case OP_i64_shr_s: return OP_i64_shr_s_i;
    case OP_i64_shr_u: return OP_i64_shr_u_i;
    case OP_i64_rotl: return OP_i64_rotl_i;
    case OP_i64_rotr: return OP_i64_rotr_i;
    default: return 0;
    }
}

/* Whether constant bits c fit the 32-bit immediate of op (i64 ops sign-extend it); *imm gets
 * the word. sub is add of the negation. */
static bool imm_fits(uint16_t op, uint16_t orig, uint64_t c, uint32_t *imm) {
    bool is64 = op >= OP_i64_add_i && op <= OP_i64_rsub_i;
    bool neg = (orig == OP_i32_sub || orig == OP_i64_sub) && op != OP_i32_rsub_i && op != OP_i64_rsub_i;
    if (!is64) {
        uint32_t v = (uint32_t)c;
        if (neg) v = 0u - v;
        *imm = v;
        return true;
    }
    int64_t v = (int64_t)c;
    if (neg) {
        if (v == INT64_MIN) return false;
        v = -v;
    }
    if (v < INT32_MIN || v > INT32_MAX) return false;
    *imm = (uint32_t)(int32_t)v;
    return true;
}

static const uint8_t num_arity[] = {
#define NUM_ARITY_(name, layout) (sizeof(layout) == 4 ? 2 : 1),
    INTERP_NUM_OPS(NUM_ARITY_)
#undef NUM_ARITY_
};

/* x + y as one address expression, if it has at most one unscaled and one scaled term. */
static bool addr_add(const struct addr *x, const struct addr *y, struct addr *r) {
    uint32_t slot[4], m[4], n = 0;
    if (x->a != NOSLOT) slot[n] = x->a, m[n++] = 1;
    if (x->b != NOSLOT) slot[n] = x->b, m[n++] = x->m;
    if (y->a != NOSLOT) slot[n] = y->a, m[n++] = 1;
    if (y->b != NOSLOT) slot[n] = y->b, m[n++] = y->m;
    r->a = r->b = NOSLOT;
    r->m = 1;
    r->c = x->c + y->c;
    if (n > 2) return false;
    if (n == 1) {
        if (m[0] == 1) r->a = slot[0];
        else r->b = slot[0], r->m = m[0];
    } else if (n == 2) {
        uint32_t u = m[0] == 1 ? 0 : 1; /* the unscaled term */
        if (m[u] != 1) return false;
        r->a = slot[u];
        r->b = slot[1 - u];
        r->m = m[1 - u];
    }
    return true;
}

/* x * k as one address expression, if x has at most one term. */
static bool addr_mul(const struct addr *x, uint32_t k, struct addr *r) {
    if (x->a != NOSLOT && x->b != NOSLOT) return false;
    r->a = NOSLOT;
    r->b = x->a != NOSLOT ? x->a : x->b;
    r->m = (x->a != NOSLOT ? 1 : x->m) * k;
    r->c = x->c * k;
    if (r->b == NOSLOT) r->m = 1;
    return true;
}

/* i32.add / sub / shl / mul on the entries at bb, bb+1 kept as an address expression (code is
 * emitted only when it needs a slot it cannot keep): returns false for the ordinary path. */
static bool defer_addr(struct interp_backend *b, uint16_t op, uint32_t bb) {
    const struct vent *ex = ent(b, bb), *ey = ent(b, bb + 1);
    if (op != OP_i32_add && ey->kind != VK_CONST) return false;
    /* A pending load is loaded first (in order: it is below or is the only one). */
    if (ex->kind == VK_LOAD) materialize(b, bb);
    if (ey->kind == VK_LOAD) materialize(b, bb + 1);
    struct addr x = addr_of(b, ex, bb), y = addr_of(b, ey, bb + 1), r;
    /* An operand with too many terms is computed first (into its own slot). */
    if (op == OP_i32_add) {
        if (!addr_add(&x, &y, &r)) {
            if (ex->kind == VK_ADDR && x.b != NOSLOT && x.a != NOSLOT) {
                materialize(b, bb);
                x = addr_of(b, ent(b, bb), bb);
            } else {
                materialize(b, bb + 1);
                y = addr_of(b, ent(b, bb + 1), bb + 1);
            }
            if (!addr_add(&x, &y, &r)) return false;
        }
    } else if (op == OP_i32_sub) {
        y.c = 0u - y.c;
        if (!addr_add(&x, &y, &r)) return false;
    } else {
        uint32_t k = op == OP_i32_shl ? UINT32_C(1) << (y.c & 31) : y.c;
        if (!addr_mul(&x, k, &r)) {
            materialize(b, bb);
            x = addr_of(b, ent(b, bb), bb);
            if (!addr_mul(&x, k, &r)) return false;
        }
    }
    drop_range(b, bb, bb + 2);
    b->height = bb + 1;
    if ((r.a == NOSLOT || r.a < b->nl || r.a == SL(b, bb)) && (r.b == NOSLOT || r.b < b->nl || r.b == SL(b, bb))) {
        push_addr(b, bb, r);
        return true;
    }
    /* It names the popped slot above: computed now, in one instruction. */
    emit_addr(b, SL(b, bb), &r);
    push_stack(b, bb);
    if (b->last.valid) b->last.idx = bb;
    return true;
}

/* An f64 add/sub/mul/div with the pending load as an operand: it becomes a memory operand. */
static bool fuse_f64_load(struct interp_backend *b, uint16_t op, uint32_t bb) {
    static const uint16_t right[4] = {OP_f64_add_m, OP_f64_sub_m, OP_f64_mul_m, OP_f64_div_m};
    static const uint16_t left[4] = {OP_f64_add_m, OP_f64_rsub_m, OP_f64_mul_m, OP_f64_rdiv_m};
    uint32_t k = (uint32_t)(op - OP_f64_add), x, li;
    uint16_t use;
    if (!b->pl || (b->pl_op != OP_ld64 && b->pl_op != OP_ld64_w)) return false;
    if (b->pl_idx == bb + 1) {
        use = right[k];
        li = bb + 1;
        x = take(b, bb);
    } else if (b->pl_idx == bb) {
        use = left[k];
        li = bb;
        x = take(b, bb + 1);
    } else {
        return false;
    }
    struct vent *e = ent(b, li);
    uint32_t a = e->slot, imm = b->pl_imm, offset = b->pl_offset;
    bool wrap = b->pl_op == OP_ld64_w;
    release(b, e);
    drop_range(b, bb, bb + 2);
    uint32_t pos = here(b);
    const struct last *l = &b->last;
    if (use == OP_f64_mul_m) {
        b->mm_pos = pos;
        b->mm_add = l->valid && l->op == OP_i32_add_i && l->pos + 4 == pos ? l->pos : UINT32_MAX;
    }
    uint32_t *w = emit(b, (enum interp_op)use, 6);
    w[1] = SL(b, bb);
    w[2] = x;
    w[3] = a;
    w[4] = wrap ? imm : 0;
    w[5] = wrap ? 0 : imm;
    uint32_t saved = b->cur_offset;
    b->cur_offset = offset; /* only the memory access can trap */
    add_map(b, pos);
    b->cur_offset = saved;
    push_stack(b, bb);
    set_last(b, pos, bb, use, 0, 0);
    b->height = bb + 1;
    return true;
}

/* An f64 add/sub/mul/div with a constant operand: the constant goes into the instruction. */
static bool fuse_f64_const(struct interp_backend *b, uint16_t op, uint32_t bb) {
    static const uint16_t right[4] = {OP_f64_add_k, OP_f64_sub_k, OP_f64_mul_k, OP_f64_div_k};
    static const uint16_t left[4] = {OP_f64_add_k, OP_f64_rsub_k, OP_f64_mul_k, OP_f64_rdiv_k};
    uint32_t k = (uint32_t)(op - OP_f64_add), x;
    uint64_t bits;
    uint16_t use;
    if (ent(b, bb + 1)->kind == VK_CONST) {
        use = right[k];
        bits = ent(b, bb + 1)->bits;
        drop_range(b, bb + 1, bb + 2);
        x = take(b, bb);
    } else if (ent(b, bb)->kind == VK_CONST) {
        use = left[k];
        bits = ent(b, bb)->bits;
        drop_range(b, bb, bb + 1);
        x = take(b, bb + 1);
    } else {
        return false;
    }
    uint32_t pos = here(b);
    uint32_t *w = emit(b, (enum interp_op)use, 5);
    w[1] = SL(b, bb);
    w[2] = x;
    memcpy(w + 3, &bits, 8);
    push_stack(b, bb);
    set_last(b, pos, bb, use, 0, 0);
    b->height = bb + 1;
    return true;
}

/* Makes the pending load an ordinary one. */
static void flush_load(struct interp_backend *b) {
    if (b->pl) materialize(b, b->pl_idx);
}

/* A load whose address fits a memory operand is left pending (see pl). */
static bool defer_load(struct interp_backend *b, uint16_t lo, uint32_t bb, uint32_t off) {
    struct vent *e = ent(b, bb);
    uint32_t a, imm = off;
    uint16_t op = lo;
    if (e->kind == VK_LOCAL) a = e->slot;
    else if (e->kind == VK_STACK) a = SL(b, bb);
    else if (e->kind == VK_ADDR && e->slot2 == NOSLOT && off == 0) a = e->slot, imm = (uint32_t)e->bits, op = memform_of(lo)->w;
    else return false;
    flush_load(b);
    release(b, e);
    e->kind = VK_LOAD;
    e->slot = a;
    ref_slot(b, a);
    b->pl = true;
    b->pl_idx = bb;
    b->pl_op = op;
    b->pl_imm = imm;
    b->pl_offset = b->cur_offset;
    if (bb < b->md) b->md = bb;
    b->height = bb + 1;
    return true;
}

/* The i64 op with a 64-bit constant operand for op (0: none). */
static uint16_t k64_form(uint16_t op) {
    switch (op) {
    case OP_i64_add: case OP_i64_sub: return OP_i64_add_k;
    case OP_i64_mul: return OP_i64_mul_k;
    case OP_i64_and: return OP_i64_and_k;
    case OP_i64_or: return OP_i64_or_k;
    case OP_i64_xor: return OP_i64_xor_k;
    default: return 0;
    }
}

/* `x & m` of the value just computed by `y >> k` (unsigned), or `(y & m) >> k` (the and just
 * computed): one bit-field extraction. s: the and's operand slot. */
static bool fuse_bfx(struct interp_backend *b, uint32_t bb, uint32_t s, uint32_t m) {
    const struct last *l = &b->last;
    if (!l->valid || l->idx != bb || l->op != OP_i32_shr_u_i || l->pos + 4 != here(b) || b->err ||
        s != SL(b, bb) || b->code[l->pos + 1] != s)
        return false;
    uint32_t a = b->code[l->pos + 2], k = b->code[l->pos + 3] & 31;
    truncate_code(b, l->pos);
    uint32_t pos = here(b);
    uint32_t *w = emit(b, OP_i32_bfx, 5);
    w[1] = SL(b, bb);
    w[2] = a;
    w[3] = k;
    w[4] = m;
    set_last(b, pos, bb, OP_i32_bfx, a, m);
    return true;
}

/* i32 `(a >> k) | (b << (32 - k))` (unsigned shifts, 0 < k < 32) of the entries at bb, bb+1: one
 * funnel shift (memcpy's unaligned loop, bit streams). The shift right was just emitted into its
 * temporary; the shift left was too, just before it, or is still a deferred `b * 2^(32-k)`. */
static bool fuse_fsh(struct interp_backend *b, uint32_t bb) {
    const struct last *l = &b->last, *p = &b->prev;
    if (!l->valid || b->err || l->pos + 4 != here(b) || l->op != OP_i32_shr_u_i || (l->idx != bb && l->idx != bb + 1) ||
        ent(b, l->idx)->kind != VK_STACK || b->code[l->pos + 1] != SL(b, l->idx))
        return false;
    uint32_t o = l->idx == bb ? bb + 1 : bb, k = b->code[l->pos + 3] & 31, a = b->code[l->pos + 2], c, from = l->pos;
    const struct vent *e = ent(b, o);
    if (k == 0) return false;
    if (e->kind == VK_ADDR && e->slot == NOSLOT && e->bits == 0 && e->mul == (UINT32_C(1) << (32 - k)) && e->slot2 != SL(b, l->idx)) {
        c = e->slot2;
    } else if (e->kind == VK_STACK && p->valid && p->op == OP_i32_shl_i && p->pos + 4 == l->pos &&
               b->code[p->pos + 1] == SL(b, o) && (b->code[p->pos + 3] & 31) == 32 - k && a != SL(b, o)) {
        c = b->code[p->pos + 2];
        from = p->pos;
    } else {
        return false;
    }
    truncate_code(b, from);
    drop_range(b, bb, bb + 2);
    uint32_t pos = here(b);
    uint32_t *w = emit(b, OP_i32_fsh, 5);
    w[1] = SL(b, bb);
    w[2] = a;
    w[3] = c;
    w[4] = k;
    set_last(b, pos, bb, OP_i32_fsh, 0, 0);
    return true;
}

/* i64 `x ^ t` where t = x >> k (unsigned) was just computed from the same x. */
static bool fuse_xorshr(struct interp_backend *b, uint32_t bb) {
    const struct last *l = &b->last;
    const struct vent *ex = ent(b, bb), *ey = ent(b, bb + 1);
    if (!l->valid || l->op != OP_i64_shr_u_i || l->pos + 4 != here(b) || b->err) return false;
    uint32_t t = l->idx, o = t == bb + 1 ? bb : bb + 1;
    if ((t != bb && t != bb + 1) || ent(b, t)->kind != VK_STACK || b->code[l->pos + 1] != SL(b, t)) return false;
    const struct vent *eo = t == bb + 1 ? ex : ey;
    uint32_t xs = eo->kind == VK_LOCAL ? eo->slot : eo->kind == VK_STACK ? SL(b, o) : NOSLOT;
    if (xs == NOSLOT || b->code[l->pos + 2] != xs) return false;
    uint32_t k = b->code[l->pos + 3];
    truncate_code(b, l->pos);
    drop_range(b, bb, bb + 2);
    uint32_t pos = here(b);
    uint32_t *w = emit(b, OP_i64_xorshr, 4);
    w[1] = SL(b, bb);
    w[2] = xs;
    w[3] = k;
    set_last(b, pos, bb, OP_i64_xorshr, xs, k);
    return true;
}

static void op_numeric(struct interp_backend *b, const struct cg_instr *in, uint16_t op) {
    uint32_t bb = in->base;
    /* Conversions that keep the slot's bits cost nothing. */
    if (op == OP_i64_extend_i32_u || (op >= OP_i32_reinterpret_f32 && op <= OP_f64_reinterpret_i64)) {
        b->height = bb + 1;
        return;
    }
    bool trapping = (op >= OP_i32_div_s && op <= OP_i32_rem_u) || (op >= OP_i64_div_s && op <= OP_i64_rem_u) ||
                    (op >= OP_i32_trunc_f32_s && op <= OP_i32_trunc_f64_u) ||
                    (op >= OP_i64_trunc_f32_s && op <= OP_i64_trunc_f64_u);
    if (num_arity[op - OP_i32_eqz] == 1) {
        uint32_t s = take(b, bb);
        uint32_t pos = here(b);
        uint32_t *w = emit(b, (enum interp_op)op, 3);
        w[1] = SL(b, bb);
        w[2] = s;
        if (trapping) add_map(b, pos);
        push_stack(b, bb);
        set_last(b, pos, bb, op, s, 0);
        b->height = bb + 1;
        return;
    }
    if ((op == OP_i32_add || op == OP_i32_sub || op == OP_i32_shl || op == OP_i32_mul) && defer_addr(b, op, bb))
        return;
    if (op >= OP_f64_add && op <= OP_f64_div && (fuse_f64_load(b, op, bb) || fuse_f64_const(b, op, bb))) return;
    uint16_t commute;
    uint16_t iop = imm_form(op, &commute);
    const struct vent *x = ent(b, bb), *y = ent(b, bb + 1);
    uint32_t imm;
    uint16_t use = 0;
    uint32_t sa = 0;
    if (iop && y->kind == VK_CONST && imm_fits(iop, op, y->bits, &imm)) {
        use = iop;
        drop_range(b, bb + 1, bb + 2);
        sa = take(b, bb);
    } else if (commute && x->kind == VK_CONST && imm_fits(commute, op, x->bits, &imm)) {
        use = commute;
        drop_range(b, bb, bb + 1);
        sa = take(b, bb + 1);
    }
    uint32_t pos;
    if (use == OP_i32_and_i && fuse_bfx(b, bb, sa, imm)) {
        /* (x >> k) & m in one */
    } else if (use) {
        pos = here(b);
        uint32_t *w = emit(b, (enum interp_op)use, 4);
        w[1] = SL(b, bb);
        w[2] = sa;
        w[3] = imm;
        set_last(b, pos, bb, use, sa, imm);
    } else if (op == OP_i64_xor && fuse_xorshr(b, bb)) {
        /* x ^ (x >> k) in one */
    } else if (op == OP_i32_or && fuse_fsh(b, bb)) {
        /* a funnel shift */
    } else if (k64_form(op) && (y->kind == VK_CONST || (x->kind == VK_CONST && op != OP_i64_sub))) {
        /* an i64 constant that needs all its bits (x - k is x + -k) */
        uint64_t k = y->kind == VK_CONST ? y->bits : x->bits;
        if (y->kind == VK_CONST) drop_range(b, bb + 1, bb + 2), sa = take(b, bb);
        else drop_range(b, bb, bb + 1), sa = take(b, bb + 1);
        if (op == OP_i64_sub) k = 0 - k;
        pos = here(b);
        uint32_t *w = emit(b, (enum interp_op)k64_form(op), 5);
        w[1] = SL(b, bb);
        w[2] = sa;
        memcpy(w + 3, &k, 8);
        set_last(b, pos, bb, k64_form(op), sa, 0);
    } else {
        sa = take(b, bb);
        uint32_t sb = take(b, bb + 1);
        if (op == OP_i32_add) {
            emit_i32_add(b, SL(b, bb), sa, sb, bb);
            push_stack(b, bb);
            b->height = bb + 1;
            return;
        }
        pos = here(b);
        uint32_t *w = emit(b, (enum interp_op)op, 4);
        w[1] = SL(b, bb);
        w[2] = sa;
        w[3] = sb;
        if (trapping) add_map(b, pos);
        set_last(b, pos, bb, op, sa, sb);
    }
    push_stack(b, bb);
    b->height = bb + 1;
}

/* ---- definite assignment (DA_WORDS) -------------------------------------------------------------- */

static uint64_t *da_end(struct interp_backend *b, const struct cframe *f) {
    return b->das + (size_t)(f - b->cf) * 2 * DA_WORDS;
}
static uint64_t *da_else(struct interp_backend *b, const struct cframe *f) { return da_end(b, f) + DA_WORDS; }

static void da_all(uint64_t *set) {
    for (int k = 0; k < DA_WORDS; k++) set[k] = ~UINT64_C(0);
}
static void da_and(uint64_t *set, const uint64_t *with) {
    for (int k = 0; k < DA_WORDS; k++) set[k] &= with[k];
}

/* Code after here is unreachable (until a label). */
static void da_kill(struct interp_backend *b) {
    if (b->da_on) da_all(b->da);
}

/* A branch to f from here. (A loop's header gets no more than its entry had: a back-edge
 * comes from inside the loop, where everything assigned at the entry still is.) */
static void da_branch(struct interp_backend *b, struct cframe *f) {
    if (b->da_on && (f->kind == CF_BLOCK || f->kind == CF_IF)) da_and(da_end(b, f), b->da);
}

/* Reads (write = false) or writes the n slots of a local from slot L. */
static void da_local(struct interp_backend *b, uint32_t L, uint32_t n, bool write) {
    if (!b->da_on) return;
    for (uint32_t k = L; k < L + n && k < DA_SLOTS; k++) {
        uint64_t bit = UINT64_C(1) << (k & 63);
        if (write) b->da[k >> 6] |= bit;
        else if (!(b->da[k >> 6] & bit)) b->da_need[k >> 6] |= bit;
    }
}

/* ---- locals --------------------------------------------------------------------------------------- */

static bool retargetable(const struct interp_backend *b, uint32_t idx) {
    return b->last.valid && b->last.idx == idx && b->vs[idx].kind == VK_STACK;
}

static void op_local_set(struct interp_backend *b, const struct cg_instr *in, bool tee) {
    uint32_t bb = in->base, x = in->imm.index;
    if (x >= b->nlocals) {
        fail(b, ERR_LIMIT, "local index out of range");
        return;
    }
    uint32_t L = b->lslot[x], n = mod_type_slots(b->ltype[x]);
    da_local(b, L, n, true);
    /* Would writing the local change a deferred value still on the stack (other than the
     * operand itself)? Then those are materialized first. */
    bool preserve = false;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t own = 0;
        for (uint32_t j = 0; j < n; j++) own += refs_to(ent(b, bb + j), L + k);
        if (b->lcount[L + k] > own) preserve = true;
    }
    if (preserve) {
        flush_below(b, bb);
        if (b->md > bb) b->md = bb;
    }
    if (n == 1 && retargetable(b, bb)) {
        /* The value was just computed: compute it into the local instead. */
        set_word(b, b->last.pos + 1, L);
        b->last.idx = UINT32_MAX; /* (still known as the last instruction, not retargetable) */
        if (tee) push_local(b, bb, L);
        b->height = tee ? bb + 1 : bb;
        return;
    }
    for (uint32_t k = 0; k < n; k++) {
        struct vent *e = ent(b, bb + k);
        emit_value_to(b, bb + k, L + k);
        if (!tee) {
            release(b, e);
        } else if (e->kind == VK_ADDR || e->kind == VK_LOAD) {
            /* It may name the local just written: the local holds the value now. */
            release(b, e);
            push_local(b, bb + k, L + k);
        }
    }
    b->height = tee ? bb + n : bb;
}

/* ---- control --------------------------------------------------------------------------------------- */

static struct cframe *push_frame(struct interp_backend *b, uint8_t kind, uint32_t base, uint32_t np, uint32_t nr) {
    if (!grow(b, (void **)&b->cf, &b->cf_cap, b->ncf + 1, sizeof *b->cf)) return NULL;
    struct cframe *f = &b->cf[b->ncf++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->base = base;
    f->nparams = np;
    f->nresults = nr;
    return f;
}

static void op_block(struct interp_backend *b, const struct cg_instr *in) {
    uint32_t np = slots_of(in->imm.block.params, in->imm.block.nparams);
    uint32_t nr = slots_of(in->imm.block.results, in->imm.block.nresults);
    uint32_t bb = in->base;
    uint8_t kind = in->op == 0x02 ? CF_BLOCK : in->op == 0x03 ? CF_LOOP : CF_IF;
    struct cond c = {0, 0, 0, 0, 0};
    if (kind == CF_IF) c = get_cond(b, in->aux);
    flush_below(b, bb + np);
    b->last.valid = false;
    struct cframe *f = push_frame(b, kind, bb, np, nr);
    if (!f) return;
    if (b->da_on && (b->ncf > DA_DEPTH || !grow(b, (void **)&b->das, &b->das_cap, b->ncf * 2 * DA_WORDS, sizeof *b->das)))
        b->da_on = false;
    if (b->da_on) {
        da_all(da_end(b, f));
        memcpy(da_else(b, f), b->da, sizeof b->da);
    }
    if (kind == CF_LOOP) f->start = here(b);
    if (kind == CF_IF) {
        uint32_t from;
        uint32_t site = emit_cond_branch(b, negate(c), &from);
        f = &b->cf[b->ncf - 1];
        f->else_site = site;
        f->else_from = from;
    }
    b->height = bb + np;
}

static void op_else(struct interp_backend *b, const struct cg_instr *in) {
    if (b->ncf == 0 || b->cf[b->ncf - 1].kind != CF_IF) {
        fail(b, ERR_LIMIT, "else without if");
        return;
    }
    struct cframe *f = &b->cf[b->ncf - 1];
    if (b->da_on) {
        da_and(da_end(b, f), b->da);
        memcpy(b->da, da_else(b, f), sizeof b->da);
    }
    f->has_else = true;
    if (in->reachable) {
        materialize_range(b, f->base, f->base + f->nresults);
        emit_br(b, f);
    }
    if (f->else_site) patch_here(b, f->else_site, f->else_from);
    f->else_site = 0;
    drop_range(b, f->base, b->height);
    for (uint32_t i = 0; i < f->nparams; i++) push_stack(b, f->base + i);
    b->height = f->base + f->nparams;
    b->md = b->height;
    b->last.valid = false;
}

static void op_end(struct interp_backend *b, const struct cg_instr *in) {
    if (b->ncf == 0) {
        fail(b, ERR_LIMIT, "end without block");
        return;
    }
    struct cframe *f = &b->cf[b->ncf - 1];
    if (f->kind == CF_FUNC) {
        if (in->reachable) emit_return(b, f->base, f->nresults);
        drop_range(b, 0, b->height);
        b->ncf--;
        return;
    }
    if (b->da_on && f->kind != CF_LOOP) {
        /* (a loop's end is reached by falling through only) */
        da_and(b->da, da_end(b, f));
        if (f->kind == CF_IF && !f->has_else) da_and(b->da, da_else(b, f));
    }
    if (in->reachable) materialize_range(b, f->base, f->base + f->nresults);
    bool label = f->branched || f->kind == CF_IF || !in->reachable;
    if (f->else_site) patch_here(b, f->else_site, f->else_from);
    resolve_patches(b, f);
    drop_range(b, f->base, b->height);
    for (uint32_t i = 0; i < f->nresults; i++) push_stack(b, f->base + i);
    b->height = f->base + f->nresults;
    b->md = b->height;
    if (label) b->last.valid = false;
    b->ncf--;
}

static void op_br_if(struct interp_backend *b, const struct cg_instr *in) {
    struct cond c = get_cond(b, in->aux);
    struct cframe *f = frame_at(b, in->imm.index);
    da_branch(b, f);
    uint32_t bb = in->base, from, site;
    uint32_t n = f->kind == CF_FUNC ? b->nr : label_arity(f);
    /* Several carried values are made canonical before branching, on both paths (the code
     * after the br_if must not believe they were materialized when they were not). */
    if (n >= 2) materialize_range(b, bb, bb + n);
    if (f->kind != CF_FUNC && (n == 0 || f->base == bb)) {
        materialize_range(b, bb, bb + n);
        site = emit_cond_branch(b, c, &from);
        add_target(b, frame_at(b, in->imm.index), site, from);
    } else {
        site = emit_cond_branch(b, negate(c), &from);
        branch(b, frame_at(b, in->imm.index), bb);
        patch_here(b, site, from);
    }
    b->height = bb + n;
    b->last.valid = false;
}

static void thr_start(struct interp_backend *b, uint32_t n);

static void op_br_table(struct interp_backend *b, const struct cg_instr *in) {
    uint32_t count = in->imm.br_table.count;
    const uint32_t *depths = in->imm.br_table.depths;
    uint32_t bb = in->base;
    const struct cframe *df = frame_at(b, depths[count]);
    uint32_t n = df->kind == CF_FUNC ? b->nr : label_arity(df);
    /* A table indexed by a value just loaded (an interpreter's `switch (*ip)`), into a temporary
     * or (tee) a local: the load goes into the branch (br_table_ld8u, br_table_ld32_x), which
     * still writes the value; it keeps the load's code map entry. */
    const struct last *l = &b->last;
    const struct vent *ie = ent(b, in->aux);
    uint32_t hdr = 3, lw[6] = {0, 0, 0, 0, 0, 0};
    uint16_t use = OP_br_table;
    if (n == 0 && l->valid && !b->err && ((l->op == OP_ld8u && l->pos + 4 == here(b)) || (l->op == OP_ld32_x && l->pos + 6 == here(b))) &&
        ((l->idx == in->aux && ie->kind == VK_STACK) || (ie->kind == VK_LOCAL && ie->slot == b->code[l->pos + 1]))) {
        use = l->op == OP_ld8u ? OP_br_table_ld8u : OP_br_table_ld32_x;
        hdr = use == OP_br_table_ld8u ? 5 : 7;
        for (uint32_t k = 0; k < hdr - 2; k++) lw[k] = b->code[l->pos + 1 + k];
        truncate_code(b, l->pos);
        b->last.valid = false;
        drop_range(b, in->aux, in->aux + 1);
    } else {
        lw[0] = take(b, in->aux);
    }
    materialize_range(b, bb, bb + n);
    if ((uint64_t)count + hdr + 1 > MAX_CODE_WORDS) {
        fail(b, ERR_LIMIT, "br_table too large");
        return;
    }
    uint32_t pos = here(b);
    if (count >= DISPATCH_MIN && !b->dispatch_loop)
        for (size_t k = 1; k < b->ncf; k++)
            if (b->cf[k].kind == CF_LOOP) {
                thr_start(b, pos);
                break;
            }
    uint32_t *w = emit(b, (enum interp_op)use, count + hdr + 1);
    for (uint32_t k = 0; k < hdr - 2; k++) w[1 + k] = lw[k];
    w[hdr - 1] = count;
    if (b->err) return;
    uint32_t serial = ++b->serial;
    bool stubs = false;
    for (uint32_t k = 0; k <= count; k++) {
        struct cframe *f = frame_at(b, depths[k]);
        da_branch(b, f);
        if (f->kind != CF_FUNC && (n == 0 || f->base == bb)) {
            add_target(b, f, pos + hdr + k, pos);
        } else {
            f->stub_serial = serial;
            f->stub_pos = UINT32_MAX;
            stubs = true;
        }
    }
    if (!stubs) return;
    /* Targets that need moves (or a return) get one shared stub each after the table. */
    for (uint32_t k = 0; k <= count && !b->err; k++) {
        struct cframe *f = frame_at(b, depths[k]);
        if (f->stub_serial != serial) continue;
        if (f->stub_pos == UINT32_MAX) {
            f->stub_pos = here(b);
            branch(b, f, bb);
        }
        set_word(b, pos + hdr + k, f->stub_pos - pos);
        if (b->dispatch_loop) thr_site(b, pos + hdr + k, pos);
    }
}

static void op_call(struct interp_backend *b, const struct cg_instr *in) {
    const struct module *m = b->m;
    bool indirect = in->op == 0x11;
    const struct mod_functype *t;
    if (indirect) {
        if (in->imm.pair.a >= m->ntypes) {
            fail(b, ERR_LIMIT, "type index out of range");
            return;
        }
        t = &m->types[in->imm.pair.a];
    } else {
        if (in->imm.index >= m->nfuncs) {
            fail(b, ERR_LIMIT, "function index out of range");
            return;
        }
        t = func_type(m, in->imm.index);
    }
    uint32_t np = param_slots(t), nr = result_slots(t);
    uint32_t bb = in->base;
    uint32_t si = indirect ? take(b, in->aux) : 0;
    materialize_range(b, bb, bb + np);
    uint32_t pos = here(b);
    if (indirect) {
        uint32_t *w = emit(b, OP_call_ind, 5);
        w[1] = SL(b, bb);
        w[2] = si;
        w[3] = in->imm.pair.a;
        w[4] = in->imm.pair.b;
    } else if (in->imm.index >= m->nfuncs_imported) {
        const struct interp_code *c = get_code(b, in->imm.index - m->nfuncs_imported);
        uint32_t *w = emit(b, OP_call, 4);
        w[1] = SL(b, bb);
        w[2] = w[3] = 0;
        memcpy(w + 2, &c, sizeof c);
    } else {
        uint32_t *w = emit(b, OP_call_imp, 3);
        w[1] = SL(b, bb);
        w[2] = in->imm.index;
    }
    add_map(b, pos);
    for (uint32_t i = 0; i < nr; i++) push_stack(b, bb + i);
    b->height = bb + nr;
}

/* ---- memory and tables ------------------------------------------------------------------------------ */

static uint16_t load_op(uint16_t op) {
    switch (op) {
    case 0x28: case 0x2A: case 0x35: return OP_ld32;
    case 0x29: case 0x2B: return OP_ld64;
    case 0x2C: return OP_ld8s32;
    case 0x2D: case 0x31: return OP_ld8u;
    case 0x2E: return OP_ld16s32;
    case 0x2F: case 0x33: return OP_ld16u;
    case 0x30: return OP_ld8s64;
    case 0x32: return OP_ld16s64;
    case 0x34: return OP_ld32s64;
    default: return 0;
    }
}

static uint16_t store_op(uint16_t op) {
    switch (op) {
    case 0x36: case 0x38: case 0x3E: return OP_st32;
    case 0x37: case 0x39: return OP_st64;
    case 0x3A: case 0x3C: return OP_st8;
    case 0x3B: case 0x3D: return OP_st16;
    default: return 0;
    }
}

static uint32_t mem_offset(struct interp_backend *b, const struct cg_instr *in) {
    if (in->imm.mem.offset > UINT32_MAX) fail(b, ERR_LIMIT, "memory offset too large");
    return (uint32_t)in->imm.mem.offset;
}


/* A store of the value just computed by an f64 op with a memory operand, back to that operand's
 * place: one read-modify-write instruction. */
static bool fuse_rmw(struct interp_backend *b, uint32_t bb, uint32_t off) {
    const struct last *l = &b->last;
    const struct vent *e = ent(b, bb);
    uint16_t use;
    if (!l->valid || l->idx != bb + 1 || ent(b, bb + 1)->kind != VK_STACK || b->err || l->pos + 6 != here(b))
        return false;
    if (l->op == OP_f64_add_m) use = OP_f64_add_rmw;
    else if (l->op == OP_f64_rsub_m) use = OP_f64_sub_rmw;
    else if (l->op == OP_f64_mul_m) use = OP_f64_mul_rmw;
    else return false;
    uint32_t a, c = 0;
    if (e->kind == VK_LOCAL) a = e->slot;
    else if (e->kind == VK_STACK) a = SL(b, bb);
    else if (e->kind == VK_ADDR && e->slot2 == NOSLOT) a = e->slot, c = (uint32_t)e->bits;
    else return false;
    const uint32_t *w = b->code + l->pos;
    if (w[3] != a || w[4] != c || w[5] != off) return false;
    /* Same place, same width: the load traps exactly when the store would; its map entry stays. */
    uint32_t x = w[2];
    const struct last *p = &b->prev;
    if (use == OP_f64_add_rmw && p->valid && p->op == OP_f64_mul_m && p->pos + 6 == l->pos &&
        b->code[p->pos + 1] == x && x >= SL(b, 0) && b->nmap >= 2 && b->map[b->nmap - 1].pos == l->pos &&
        b->map[b->nmap - 2].pos == p->pos) {
        /* m += x * n: the product was a temporary made just for this. */
        uint32_t ppos = p->pos; /* (emit overwrites *p) */
        const uint32_t *q = b->code + ppos;
        uint32_t px = q[2], pb = q[3], pc2 = q[4], poff = q[5], ap = b->mm_add;
        if (b->mm_pos == ppos && ap != UINT32_MAX && ap + 4 == ppos && c == 0 && b->code[ap + 1] == a) {
            /* The address was computed just before (`a = s + k`, no label between): that too. */
            uint32_t s = b->code[ap + 2], k = b->code[ap + 3];
            truncate_code(b, ap);
            b->last.valid = false;
            uint32_t *o = emit(b, OP_f64_mac_rmw_a, 9);
            o[1] = a;
            o[2] = s;
            o[3] = k;
            o[4] = off;
            o[5] = px;
            o[6] = pb;
            o[7] = pc2;
            o[8] = poff;
            b->map[b->nmap - 2].pos = ap;
            b->map[b->nmap - 1].pos = ap + 1;
            drop_range(b, bb, bb + 2);
            b->height = bb;
            return true;
        }
        truncate_code(b, ppos);
        b->last.valid = false;
        uint32_t *o = emit(b, OP_f64_mac_rmw, 8);
        o[1] = a;
        o[2] = c;
        o[3] = off;
        o[4] = px;
        o[5] = pb;
        o[6] = pc2;
        o[7] = poff;
        b->map[b->nmap - 1].pos = ppos + 1; /* the second access (exec.c) */
        drop_range(b, bb, bb + 2);
        b->height = bb;
        return true;
    }
    truncate_code(b, l->pos);
    b->last.valid = false;
    uint32_t *o = emit(b, (enum interp_op)use, 5);
    o[1] = a;
    o[2] = x;
    o[3] = c;
    o[4] = off;
    drop_range(b, bb, bb + 2);
    b->height = bb;
    return true;
}

/* The address at stack index bb with offset off as a memory operand (a, c, off): ea =
 * (u32)(a + c) + off, if it is one without code. */
static bool mem_operand(struct interp_backend *b, uint32_t bb, uint32_t off, uint32_t mo[3]) {
    const struct vent *e = ent(b, bb);
    mo[1] = 0;
    mo[2] = off;
    if (e->kind == VK_LOCAL) mo[0] = e->slot;
    else if (e->kind == VK_STACK) mo[0] = SL(b, bb);
    else if (e->kind == VK_ADDR && e->slot2 == NOSLOT) mo[0] = e->slot, mo[1] = (uint32_t)e->bits;
    else if (e->kind == VK_CONST) mo[0] = ZS(b), mo[1] = (uint32_t)e->bits;
    else return false;
    return true;
}

/* A store of the pending load, of the same width: one move. */
static bool fuse_mov(struct interp_backend *b, const struct memform *f, uint32_t bb, uint32_t off) {
    static const uint16_t movs[9] = {0, OP_mov8, OP_mov16, 0, OP_mov32, 0, 0, 0, OP_mov64};
    uint32_t mo[3];
    if (!b->pl || b->pl_idx != bb + 1 || !f) return false;
    const struct memform *lf = NULL;
    for (size_t i = 0; i < sizeof memforms / sizeof memforms[0]; i++)
        if (memforms[i].op == b->pl_op || memforms[i].w == b->pl_op) lf = &memforms[i];
    if (!lf || lf->size != f->size || !mem_operand(b, bb, off, mo)) return false;
    struct vent *e = ent(b, bb + 1);
    uint32_t src = e->slot, imm = b->pl_imm, loff = b->pl_offset;
    bool wrap = b->pl_op == lf->w;
    release(b, e);
    drop_range(b, bb, bb + 2);
    uint32_t pos = here(b);
    uint32_t *w = emit(b, (enum interp_op)movs[f->size], 7);
    w[1] = mo[0];
    w[2] = mo[1];
    w[3] = mo[2];
    w[4] = src;
    w[5] = wrap ? imm : 0;
    w[6] = wrap ? 0 : imm;
    /* The load's offset at the instruction, the store's one word in (exec.c's MOV). */
    uint32_t saved = b->cur_offset;
    b->cur_offset = loff;
    add_map(b, pos);
    b->cur_offset = saved;
    add_map(b, pos + 1);
    b->height = bb;
    return true;
}

/* A load, or a store of the value at stack index bb+1, with the address at stack index bb: its
 * address expression is folded into the access when an address mode has room for it. */
static void emit_access(struct interp_backend *b, uint16_t op, uint32_t bb, uint32_t off, bool load) {
    const struct memform *f = memform_of(op);
    if (op == OP_st64 && fuse_rmw(b, bb, off)) return;
    if (!load && fuse_mov(b, f, bb, off)) return;
    uint32_t v = load ? 0 : take(b, bb + 1);
    struct vent *e = ent(b, bb);
    uint32_t pos = here(b), *w;
    uint16_t use = op;
    struct addr x = addr_of(b, e, bb);
    bool folded = f && (e->kind == VK_ADDR || e->kind == VK_CONST);
    if (folded && x.b == NOSLOT && (off == 0 || (x.a == NOSLOT && (uint64_t)x.c + off <= UINT32_MAX))) {
        /* ea = (u32)(a + c); a constant address has no wrap to care about */
        use = f->w;
        w = emit(b, (enum interp_op)use, 4);
        w[1] = load ? SL(b, bb) : (x.a == NOSLOT ? ZS(b) : x.a);
        w[2] = load ? (x.a == NOSLOT ? ZS(b) : x.a) : v;
        w[3] = x.c + off;
    } else if (folded && (x.b == NOSLOT || x.m == f->size || x.m == 1)) {
        use = x.b == NOSLOT || x.m == f->size ? f->x : f->x0;
        w = emit(b, (enum interp_op)use, 6);
        uint32_t j = 1;
        if (load) w[j++] = SL(b, bb);
        w[j++] = x.a == NOSLOT ? ZS(b) : x.a;
        w[j++] = x.b == NOSLOT ? ZS(b) : x.b;
        if (!load) w[j++] = v;
        w[j++] = x.c;
        w[j] = off;
    } else {
        uint32_t a = take(b, bb);
        pos = here(b);
        w = emit(b, (enum interp_op)op, 4);
        w[1] = load ? SL(b, bb) : a;
        w[2] = load ? a : v;
        w[3] = off;
        folded = false;
    }
    if (folded) release(b, e);
    add_map(b, pos);
    if (load) {
        push_stack(b, bb);
        set_last(b, pos, bb, use, 0, 0);
        b->height = bb + 1;
    } else {
        b->height = bb;
    }
}

/* An instruction with operands taken from nops consecutive stack entries at bb, then nimm
 * immediates; with a result at bb if `result`. */
static NOINLINE void emit_simple(struct interp_backend *b, enum interp_op op, uint32_t bb, uint32_t nops, const uint32_t *imms,
                        uint32_t nimm, bool result, bool traps) {
    uint32_t s[3] = {0, 0, 0};
    for (uint32_t k = 0; k < nops; k++) s[k] = take(b, bb + k);
    uint32_t pos = here(b);
    uint32_t *w = emit(b, op, 1 + (result ? 1 : 0) + nops + nimm);
    uint32_t j = 1;
    if (result) w[j++] = SL(b, bb);
    for (uint32_t k = 0; k < nops; k++) w[j++] = s[k];
    for (uint32_t k = 0; k < nimm; k++) w[j++] = imms[k];
    if (traps) add_map(b, pos);
    if (result) {
        push_stack(b, bb);
        set_last(b, pos, bb, (uint16_t)op, s[0], s[1]);
        b->height = bb + 1;
    } else {
        b->height = bb;
    }
}

static void op_fc(struct interp_backend *b, const struct cg_instr *in) {
    uint32_t sub = in->op & 0xff, bb = in->base;
    uint32_t imm[2] = {in->imm.pair.a, in->imm.pair.b};
    uint32_t one[1] = {in->imm.index};
    if (sub <= 7) {
        op_numeric(b, in, (uint16_t)(OP_i32_trunc_sat_f32_s + sub));
        return;
    }
    switch (sub) {
    case 8: emit_simple(b, OP_memory_init, bb, 3, imm, 1, false, true); break;    /* data a */
    case 9: emit_simple(b, OP_data_drop, bb, 0, one, 1, false, false); break;
    case 10: emit_simple(b, OP_memory_copy, bb, 3, NULL, 0, false, true); break;
    case 11: emit_simple(b, OP_memory_fill, bb, 3, NULL, 0, false, true); break;
    case 12: emit_simple(b, OP_table_init, bb, 3, imm, 2, false, true); break;    /* elem a, table b */
    case 13: emit_simple(b, OP_elem_drop, bb, 0, one, 1, false, false); break;
    case 14: emit_simple(b, OP_table_copy, bb, 3, imm, 2, false, true); break;    /* dst a, src b */
    case 15: emit_simple(b, OP_table_grow, bb, 2, one, 1, true, false); break;
    case 16: emit_simple(b, OP_table_size, bb, 0, one, 1, true, false); break;
    case 17: emit_simple(b, OP_table_fill, bb, 3, one, 1, false, true); break;
    default: fail(b, ERR_LIMIT, "unsupported instruction"); break;
    }
}

/* global.set x of `v + k`: the stack pointer's update in LLVM's prologues and epilogues.
 * Either the value is still the deferred `a + k` (global_set_add), or it is the local that
 * `global.get x; i32.const; i32.sub; local.tee` just computed (global_add_i). */
static bool fuse_global_add(struct interp_backend *b, uint32_t bb, uint32_t x) {
    struct vent *e = ent(b, bb);
    const struct last *l = &b->last, *p = &b->prev;
    if (b->err) return false;
    if (e->kind == VK_ADDR && e->slot2 == NOSLOT && e->slot != NOSLOT) {
        uint32_t a = e->slot, c = (uint32_t)e->bits;
        drop_range(b, bb, bb + 1);
        uint32_t *w = emit(b, OP_global_set_add, 4);
        w[1] = a;
        w[2] = x;
        w[3] = c;
        b->height = bb;
        return true;
    }
    if (e->kind != VK_LOCAL || !l->valid || l->op != OP_i32_add_i || l->pos + 4 != here(b) || !p->valid ||
        p->op != OP_global_get || p->pos + 3 != l->pos)
        return false;
    const uint32_t *g = b->code + p->pos, *w0 = b->code + l->pos;
    /* (the global's value went to a temporary, read by the add only) */
    if (w0[1] != e->slot || w0[2] != g[1] || g[1] < b->nl || g[2] != x) return false;
    uint32_t d = w0[1], k = w0[3];
    truncate_code(b, p->pos);
    drop_range(b, bb, bb + 1);
    uint32_t *w = emit(b, OP_global_add_i, 4);
    w[1] = d;
    w[2] = x;
    w[3] = k;
    b->height = bb;
    return true;
}

/* ---- jump threading ------------------------------------------------------------------------------ */

/* The words of each opcode (code.h): sizeof its layout counts its letters and, in place of the
 * handler word, the terminating NUL; the letters L and P (two words each) are counted by op_wide.
 * (A table of the layouts themselves would cost the binary 2 KiB: builds without NDEBUG check
 * these against it, thr_init.) */
static const uint8_t op_size0[OP_COUNT_] = {
#define OP_SIZE0_(name, layout) (uint8_t)sizeof(layout),
    INTERP_OPS(OP_SIZE0_)
#undef OP_SIZE0_
};

/* How many L or P letters op's layout has (a 64-bit immediate or a pointer). */
static uint32_t op_wide(uint32_t op) {
    return op == OP_const64 || op == OP_call || (op >= OP_i64_add_k && op <= OP_i64_xor_k) ||
           (op >= OP_f64_add_k && op <= OP_f64_rdiv_k) || op == OP_i64_mul_k__i64_xorshr;
}

/* 1: op's last word is a branch offset ('o'); 2: op ends in a br_table ('T'). */
static uint32_t op_branch(uint32_t op) {
    if ((op >= OP_br && op <= OP_br_z64) || (op >= OP_br_i32_eq && op <= OP_br_i64_ge_u_i) ||
        (op >= OP_br_add_eq && op <= OP_br_and_z))
        return 1;
    return op == OP_br_table || op == OP_br_table_ld8u || op == OP_br_table_ld32_x ? 2 : 0;
}

#if !defined(NDEBUG)
/* Every opcode's layout, in order, each ended by '|' (the check in thr_init). */
static const char op_layouts[] =
#define LAYOUT_STR_(name, layout) layout "|"
    INTERP_OPS(LAYOUT_STR_)
#undef LAYOUT_STR_
    ;
#endif

#define REV_HASH(w) (((uint32_t)(w) * 0x9E3779B1u) >> 21)

static void thr_init(struct interp_backend *b) {
    if (b->thr_bad) return;
    b->thr_bad = true; /* (until done) */
    for (uint32_t op = 0; op < OP_COUNT_; op++) {
        b->op_words[op] = (uint8_t)(op_size0[op] + op_wide(op));
        b->op_kind[op] = (uint8_t)op_branch(op);
        if (b->hw) {
            uint32_t h = REV_HASH(b->hw[op]);
            while (b->rev[h]) h = (h + 1) & 2047u;
            b->rev[h] = (uint16_t)(op + 1);
        }
    }
#if !defined(NDEBUG)
    /* The layouts say the same (else no threading: tests that expect it fail). */
    const char *l = op_layouts;
    for (uint32_t op = 0; op < OP_COUNT_; op++, l++) {
        uint32_t n = 1, k = 0;
        for (; *l != '|'; l++) {
            n += *l == 'L' || *l == 'P' ? 2 : 1;
            k = *l == 'o' ? 1 : *l == 'T' ? 2 : 0;
        }
        if (n != b->op_words[op] || k != b->op_kind[op]) return;
    }
#endif
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        if (pairs[k].b == OP_br) b->br_pair_a[pairs[k].p] = (uint16_t)(pairs[k].a + 1);
    b->thr_ready = true;
    b->thr_bad = false;
}

/* The opcode of a handler word (OP_COUNT_ if none). */
static uint32_t op_of(const struct interp_backend *b, uint32_t w) {
    if (!b->hw) return w < OP_COUNT_ ? w : OP_COUNT_;
    for (uint32_t h = REV_HASH(w), k; (k = b->rev[h]) != 0; h = (h + 1) & 2047u)
        if ((uint32_t)b->hw[k - 1] == w) return k - 1;
    return OP_COUNT_;
}

/* A function turned out a dispatch loop (DISPATCH_MIN) at code position n: its branches are
 * recorded from now on (thr_br, thr_site); those before are found by walking its code. */
static void thr_start(struct interp_backend *b, uint32_t n) {
    const uint32_t *code = b->code;
    if (b->err) return;
    if (!b->thr_ready) thr_init(b);
    if (!b->thr_ready) return;
    b->dispatch_loop = true;
    b->nbrs = b->nbs = 0;
    for (uint32_t p = 0, prev = OP_COUNT_, prev_pos = 0, prev2 = OP_COUNT_, prev2_pos = 0; p < n;) {
        uint32_t op = op_of(b, code[p]), w = op < OP_COUNT_ ? b->op_words[op] : UINT32_MAX, sz = w;
        if (w > n - p || (b->op_kind[op] == 2 && (sz = w + 1 + code[p + w - 1]) > n - p)) {
            b->dispatch_loop = false; /* (cannot happen) */
            return;
        }
        if (b->op_kind[op] &&
            !grow(b, (void **)&b->bs, &b->bs_cap, b->nbs + (sz - w) + 1, sizeof *b->bs))
            return;
        if (b->op_kind[op] == 1) b->bs[b->nbs++] = (struct bsite){p + w - 1, p};
        else if (b->op_kind[op] == 2)
            for (uint32_t k = w; k < sz; k++) b->bs[b->nbs++] = (struct bsite){p + k, p};
        if (op == OP_br) {
            if (!grow(b, (void **)&b->brs, &b->brs_cap, b->nbrs + 1, sizeof *b->brs)) return;
            struct brsite *r = &b->brs[b->nbrs++];
            r->pos = p;
            r->a_pos = UINT32_MAX;
            r->k_at = UINT32_MAX;
            if (prev < OP_COUNT_ && b->br_pair_a[prev]) { /* a pair A__br */
                r->a_pos = prev_pos;
                r->a_op = (uint16_t)(b->br_pair_a[prev] - 1u);
            } else if (prev2 < OP_COUNT_ && b->br_pair_a[prev2]) { /* a triple A__B__br */
                r->a_pos = prev2_pos;
                r->a_op = (uint16_t)(b->br_pair_a[prev2] - 1u);
            }
        }
        prev2 = prev;
        prev2_pos = prev_pos;
        prev = op;
        prev_pos = p;
        p += sz;
    }
}

/* Whether an instruction in [lo, hi) has a code map entry (may trap or call). */
static bool thr_mapped(const struct interp_backend *b, uint32_t lo, uint32_t hi) {
    size_t l = 0, h = b->nmap; /* first entry with pos >= lo */
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (b->map[mid].pos < lo) l = mid + 1;
        else h = mid;
    }
    return l < b->nmap && b->map[l].pos < hi;
}

/* Jump threading, once the code of a dispatch loop (DISPATCH_MIN) is complete: a bytecode
 * interpreter's handlers end in `br` to the loop's closing test, then the switch. A br to a br
 * goes straight to the final target; a br to a return becomes that return; a br to a loop's
 * closing test (a conditional branch backwards) becomes a copy of it followed by a br to where it
 * fell through: one dispatch less per interpreted instruction. The copies need room, so then the
 * code is laid out again (branch offsets and the code map follow), which needs the branches:
 * they are recorded while a dispatch loop compiles (thr_start), a cost only such functions pay.
 * (Branch instructions are never taken back, so no record goes stale.) */
static void thread_branches(struct interp_backend *b) {
    const uint32_t n = (uint32_t)b->ncode, wbr = b->hw ? (uint32_t)b->hw[OP_br] : OP_br;
    uint32_t *code = b->code;
    bool any = false;
    for (size_t i = 0; i < b->nbrs; i++) {
        struct brsite *r = &b->brs[i];
        uint32_t p = r->pos, x;
        r->exp = 0;
        if (p + 1 >= n || code[p] != wbr) continue;
        x = p + code[p + 1];
        for (int k = 0; k < 8 && x + 1 < n && code[x] == wbr; k++) x += code[x + 1];
        if (x >= n) continue;
        code[p + 1] = x - p;
        uint32_t op = op_of(b, code[x]);
        if (op == OP_COUNT_) continue;
        if (op == OP_ret0 || op == OP_ret1) {
            /* In place (ret0 as `ret1 0`, which copies slot 0 onto itself). */
            code[p] = b->hw ? (uint32_t)b->hw[OP_ret1] : OP_ret1;
            code[p + 1] = op == OP_ret1 ? code[x + 1] : 0;
        } else {
            /* A few instructions that cannot trap, call or branch, then a br, a return or a loop's
             * closing test: a copy of them all (a conditional one followed by a br to where it
             * fell through). */
            uint32_t y = x, k = 0;
            for (;; k++) {
                op = y < n ? op_of(b, code[y]) : OP_COUNT_;
                if (op == OP_COUNT_ || b->op_kind[op] == 2 || b->op_words[op] > n - y) break;
                if (b->op_kind[op] == 1 || op == OP_ret0 || op == OP_ret1 || op == OP_retn) break;
                if (k == THREAD_COPY || thr_mapped(b, y, y + b->op_words[op])) break;
                y += b->op_words[op];
            }
            if (op == OP_COUNT_ || b->op_kind[op] == 2 || b->op_words[op] > n - y) continue;
            bool cond = b->op_kind[op] == 1 && op != OP_br;
            if (b->op_kind[op] == 0 && op != OP_ret0 && op != OP_ret1 && op != OP_retn) continue;
            /* (a loop's closing test or back edge) */
            if (b->op_kind[op] == 1 && !THREAD_ALL && (int32_t)code[y + b->op_words[op] - 1] >= 0) continue;
            if (k == 0 && op == OP_br) continue;
            r->term = y + b->op_words[op];
            r->exp = (uint16_t)(r->term - x + (cond ? 2 : 0));
            any = true;
        }
        /* A pair A__br would run a br here: A dispatches on its own again, or pairs with what
         * is copied here, as an instruction just before an unfused br may. */
        uint32_t at = r->a_pos != UINT32_MAX ? r->a_pos : r->k_at, a = r->a_pos != UINT32_MAX ? r->a_op : OP_COUNT_;
        if (r->exp && at != UINT32_MAX) {
            uint32_t first = r->a_pos != UINT32_MAX ? r->a_op : r->k_op, c = op_of(b, code[x]), h = PAIR_HASH(first, c);
            for (uint32_t k; c < OP_COUNT_ && first < OP_COUNT_ && (k = b->pair_at[h]) != 0; h = (h + 1) & 1023u)
                if (pairs[k - 1].a == first && pairs[k - 1].b == c) {
                    a = pairs[k - 1].p;
                    break;
                }
        }
        if (a != OP_COUNT_) code[at] = b->hw ? (uint32_t)b->hw[a] : a;
    }
    if (!any) return;
    /* The expanded branches, in order (brs is), compacted; q: the new size. */
    size_t ne = 0;
    uint64_t q = n;
    for (size_t i = 0; i < b->nbrs; i++)
        if (b->brs[i].exp) {
            b->brs[i].before = (uint32_t)(q - n);
            q += b->brs[i].exp - 2u;
            b->brs[ne++] = b->brs[i];
        }
    /* (From here on the code must be laid out again: pairs above expect the copies.) */
    if (q > MAX_CODE_WORDS) {
        fail(b, ERR_LIMIT, "function too large");
        return;
    }
    if (!grow(b, (void **)&b->code2, &b->code2_cap, (size_t)q, sizeof *b->code2) ||
        !grow(b, (void **)&b->newpos, &b->newpos_cap, (size_t)n + 1, sizeof *b->newpos))
        return;
    const struct brsite *e = b->brs;
    uint32_t *out = b->code2, *np = b->newpos;
    /* Code moves by the growth of the expanded branches before it: copied in runs between them. */
    uint32_t from = 0, shift = 0;
    for (size_t i = 0; i <= ne; i++) {
        uint32_t to = i < ne ? e[i].pos : n;
        memcpy(out + from + shift, code + from, (size_t)(to - from) * sizeof *out);
        for (uint32_t w = from; w < to; w++) np[w] = w + shift;
        if (i == ne) break;
        np[to] = to + shift;
        np[to + 1] = UINT32_MAX; /* (an expanded br's offset word: no target) */
        shift += e[i].exp - 2u;
        from = to + 2;
    }
    np[n] = n + shift;
    /* The offsets, now from and to the new places (not the brs made returns above). */
    const uint32_t wret1 = b->hw ? (uint32_t)b->hw[OP_ret1] : OP_ret1;
    for (size_t k = 0; k < b->nbs; k++) {
        uint32_t site = b->bs[k].site, at = b->bs[k].from, t;
        if (site >= n || code[at] == wret1 || np[site] == UINT32_MAX) continue; /* (expanded: below) */
        if ((t = at + code[site]) > n) { /* (cannot happen) */
            fail(b, ERR_LIMIT, "bad branch");
            return;
        }
        out[np[site]] = np[t] - np[at];
    }
    for (size_t i = 0; i < ne; i++) {
        uint32_t p = e[i].pos, x = p + code[p + 1], len = e[i].term - x, at = p + e[i].before;
        memcpy(out + at, code + x, len * sizeof *out);
        /* the last instruction copied: its offset from its new place */
        uint32_t y = x, op = op_of(b, code[y]);
        while (y + b->op_words[op] < e[i].term) y += b->op_words[op], op = op_of(b, code[y]);
        if (b->op_kind[op] != 1) continue;
        uint32_t w = b->op_words[op], ay = at + (y - x);
        out[ay + w - 1] = np[y + code[y + w - 1]] - ay;
        if (op == OP_br) continue;
        out[at + len] = wbr;
        out[at + len + 1] = np[e[i].term] - (at + len);
    }
    for (size_t k = 0; k < b->nmap; k++) b->map[k].pos = np[b->map[k].pos];
    b->code2 = b->code;
    b->code = out;
    size_t cap = b->code2_cap;
    b->code2_cap = b->code_cap;
    b->code_cap = cap;
    b->ncode = q;
}

/* ---- the hooks --------------------------------------------------------------------------------------- */

static int hook_func_begin(void *self, uint32_t func_index, const struct mod_functype *type, const uint8_t *local_types,
                           const uint32_t *local_slot, uint32_t nlocals, uint32_t nlocal_slots) {
    struct interp_backend *b = self;
    if (b->err) return -1;
    b->func_index = func_index;
    b->cur_offset = UINT32_MAX;
    if (func_index < b->m->nfuncs_imported || !get_code(b, func_index - b->m->nfuncs_imported)) {
        fail(b, ERR_LIMIT, "not a defined function");
        return -1;
    }
    if (nlocal_slots > UINT32_MAX / 4) {
        fail(b, ERR_LIMIT, "too many locals");
        return -1;
    }
    b->nl = nlocal_slots + 1; /* and the zero slot */
    b->np = param_slots(type);
    b->nr = result_slots(type);
    b->nlocals = nlocals;
    if (!grow(b, (void **)&b->lslot, &b->lslot_cap, (size_t)nlocals + 1, sizeof *b->lslot) ||
        !grow(b, (void **)&b->ltype, &b->ltype_cap, (size_t)nlocals + 1, 1) ||
        !grow(b, (void **)&b->lcount, &b->lcount_cap, (size_t)b->nl + 1, sizeof *b->lcount))
        return -1;
    if (nlocals) {
        memcpy(b->lslot, local_slot, (size_t)nlocals * sizeof *b->lslot);
        memcpy(b->ltype, local_types, nlocals);
    }
    memset(b->lcount, 0, ((size_t)b->nl + 1) * sizeof *b->lcount);
    b->md = UINT32_MAX;
    b->height = 0;
    b->ncf = 0;
    b->npt = 0;
    b->ncode = 0;
    b->dispatch_loop = false;
    for (uint32_t k = 0; k < HIST; k++) b->h[k].pos = UINT32_MAX;
    b->hn = 0;
    b->pv_h = 1024;
    b->nmap = 0;
    b->last.valid = false;
    b->prev.valid = false;
    b->uses_zs = false;
    b->pl = false;
    b->mm_pos = UINT32_MAX;
    b->da_on = nlocal_slots <= DA_SLOTS;
    memset(b->da, 0, sizeof b->da);
    memset(b->da_need, 0, sizeof b->da_need);
    for (uint32_t k = 0; k < b->np && k < DA_SLOTS; k++) b->da[k >> 6] |= UINT64_C(1) << (k & 63);
    if (!push_frame(b, CF_FUNC, 0, 0, b->nr)) return -1;
    if (THREAD_ALL) thr_start(b, 0);
    return 0;
}

/* Whether op may be compiled while a load is pending: it cannot trap, write memory or branch. */
static bool pl_safe(uint16_t op) {
    if (op >= 0x45 && op <= 0xC4) return !((op >= 0x6D && op <= 0x70) || (op >= 0x7F && op <= 0x82) ||
                                           (op >= 0xA8 && op <= 0xAB) || (op >= 0xAE && op <= 0xB1));
    if ((op & 0xff00) == CG_OP_PREFIX_FC) return (op & 0xff) <= 7;
    return op == 0x01 || op == 0x1B || op == 0x1C || (op >= 0x20 && op <= 0x24) || (op >= 0x41 && op <= 0x44);
}

static NOINLINE int hook_op_any(struct interp_backend *b, const struct cg_instr *in);

/* The backend's op hook. local.get of a one-slot local and i32.const, about half of all
 * instructions, emit nothing and only record a deferred entry: they take this short path, clear
 * of the general one's setup. */
static int hook_op(void *self, const struct cg_instr *in) {
    struct interp_backend *b = self;
    uint32_t x = in->imm.index, i = in->base;
    if (in->op == 0x20 && !b->err && x < b->nlocals && mod_type_slots(b->ltype[x]) == 1 && i + 1 < b->vs_cap) {
        uint32_t L = b->lslot[x];
        b->cur_offset = in->offset;
        if (b->da_on && L < DA_SLOTS) /* (da_local's read of one slot, inline: no call here) */
            b->da_need[L >> 6] |= ~b->da[L >> 6] & (UINT64_C(1) << (L & 63));
        set_local(b, &b->vs[i], i, L);
        b->height = i + 1;
        return 0;
    }
    if (in->op == 0x41 && !b->err && i + 1 < b->vs_cap) {
        b->cur_offset = in->offset;
        set_const(b, &b->vs[i], i, (uint32_t)in->imm.i32);
        b->height = i + 1;
        return 0;
    }
    return hook_op_any(b, in);
}

static NOINLINE int hook_op_any(struct interp_backend *b, const struct cg_instr *in) {
    if (b->err) return -1;
    b->cur_offset = in->offset;
    uint16_t op = in->op;
    uint32_t bb = in->base;
    /* (A store of the pending load may become one move.) */
    if (b->pl && !pl_safe(op) && !(store_op(op) && b->pl_idx == bb + 1)) flush_load(b);
    if (op >= 0x45 && op <= 0xC4) {
        op_numeric(b, in, (uint16_t)(OP_i32_eqz + (op - 0x45)));
        return b->err ? -1 : 0;
    }
    if ((op & 0xff00) == CG_OP_PREFIX_FC) {
        op_fc(b, in);
        return b->err ? -1 : 0;
    }
    uint16_t lo;
    switch (op) {
    case 0x00: { /* unreachable */
        uint32_t pos = here(b);
        emit(b, OP_unreachable, 1);
        add_map(b, pos);
        da_kill(b);
        break;
    }
    case 0x01: break; /* nop */
    case 0x02: case 0x03: case 0x04: op_block(b, in); break;
    case 0x05: op_else(b, in); break;
    case 0x0B: op_end(b, in); break;
    case 0x0C:
        da_branch(b, frame_at(b, in->imm.index));
        branch(b, frame_at(b, in->imm.index), bb);
        da_kill(b);
        break;
    case 0x0D: op_br_if(b, in); break;
    case 0x0E: op_br_table(b, in); da_kill(b); break;
    case 0x0F: emit_return(b, bb, b->nr); da_kill(b); break;
    case 0x10: case 0x11: op_call(b, in); break;
    case 0x1A: { /* drop */
        uint32_t n = mod_type_slots(in->type);
        drop_range(b, bb, bb + n);
        b->height = bb;
        b->last.valid = false;
        break;
    }
    case 0x1B: case 0x1C: { /* select */
        uint32_t n = mod_type_slots(in->type);
        uint32_t sc = take(b, bb + 2 * n);
        for (uint32_t k = 0; k < n; k++) {
            uint32_t sa = take(b, bb + k), sb = take(b, bb + n + k);
            uint32_t pos = here(b);
            uint32_t *w = emit(b, OP_select, 5);
            w[1] = SL(b, bb + k);
            w[2] = sa;
            w[3] = sb;
            w[4] = sc;
            push_stack(b, bb + k);
            if (n == 1) set_last(b, pos, bb, OP_select, 0, 0);
        }
        b->height = bb + n;
        break;
    }
    case 0x20: { /* local.get */
        uint32_t x = in->imm.index;
        if (x >= b->nlocals) {
            fail(b, ERR_LIMIT, "local index out of range");
            break;
        }
        uint32_t n = mod_type_slots(b->ltype[x]);
        da_local(b, b->lslot[x], n, false);
        ent(b, bb + n); /* room first: pushing must not fail half-way */
        for (uint32_t k = 0; k < n; k++) push_local(b, bb + k, b->lslot[x] + k);
        b->height = bb + n;
        break;
    }
    case 0x21: op_local_set(b, in, false); break;
    case 0x22: op_local_set(b, in, true); break;
    case 0x23: { /* global.get */
        uint32_t x = in->imm.index;
        if (x < b->m->nglobals && mod_type_slots(b->m->globals[x].type) == 2) {
            uint32_t *w = emit(b, OP_global_get2, 3);
            w[1] = SL(b, bb);
            w[2] = x;
            push_stack(b, bb);
            push_stack(b, bb + 1);
            b->height = bb + 2;
        } else {
            emit_simple(b, OP_global_get, bb, 0, &x, 1, true, false);
        }
        break;
    }
    case 0x24: {
        uint32_t x = in->imm.index;
        if (x < b->m->nglobals && mod_type_slots(b->m->globals[x].type) == 2) {
            materialize_range(b, bb, bb + 2);
            uint32_t *w = emit(b, OP_global_set2, 3);
            w[1] = SL(b, bb);
            w[2] = x;
            b->height = bb;
        } else if (!fuse_global_add(b, bb, x)) {
            emit_simple(b, OP_global_set, bb, 1, &x, 1, false, false);
        }
        break;
    }
    case 0x25: {
        uint32_t x = in->imm.index;
        emit_simple(b, OP_table_get, bb, 1, &x, 1, true, true);
        break;
    }
    case 0x26: {
        uint32_t x = in->imm.index;
        emit_simple(b, OP_table_set, bb, 2, &x, 1, false, true);
        break;
    }
    case 0x3F: emit_simple(b, OP_memory_size, bb, 0, NULL, 0, true, false); break;
    case 0x40: emit_simple(b, OP_memory_grow, bb, 1, NULL, 0, true, false); break;
    case 0x41: push_const(b, bb, (uint32_t)in->imm.i32); b->height = bb + 1; break;
    case 0x42: push_const(b, bb, (uint64_t)in->imm.i64); b->height = bb + 1; break;
    case 0x43: push_const(b, bb, in->imm.f32); b->height = bb + 1; break;
    case 0x44: push_const(b, bb, in->imm.f64); b->height = bb + 1; break;
    case 0xD0: push_const(b, bb, 0); b->height = bb + 1; break; /* ref.null */
    case 0xD1: emit_simple(b, OP_i64_eqz, bb, 1, NULL, 0, true, false); break; /* ref.is_null */
    case 0xD2: {
        uint32_t x = in->imm.index;
        emit_simple(b, OP_ref_func, bb, 0, &x, 1, true, false);
        break;
    }
    default:
        if ((lo = load_op(op)) != 0) {
            uint32_t off = mem_offset(b, in);
            if (!defer_load(b, lo, bb, off)) emit_access(b, lo, bb, off, true);
        } else if ((lo = store_op(op)) != 0) {
            uint32_t off = mem_offset(b, in);
            const struct vent *v = ent(b, bb + 1);
            int64_t c = (int64_t)v->bits;
            if (v->kind == VK_CONST && (lo != OP_st64 || (c >= INT32_MIN && c <= INT32_MAX))) {
                /* A constant value goes into the instruction. */
                uint32_t imm[2] = {(uint32_t)v->bits, off};
                drop_range(b, bb + 1, bb + 2);
                emit_simple(b, (enum interp_op)(OP_st8_i + (lo - OP_st8)), bb, 1, imm, 2, false, true);
            } else {
                emit_access(b, lo, bb, off, false);
            }
        } else {
            fail(b, ERR_LIMIT, "instruction not supported by the interpreter");
        }
        break;
    }
    return b->err ? -1 : 0;
}

static int hook_func_end(void *self, uint32_t max_stack_slots) {
    struct interp_backend *b = self;
    if (b->err) return -1;
    b->cur_offset = UINT32_MAX;
    struct interp_code *c = get_code(b, b->func_index - b->m->nfuncs_imported);
    if (!c) return -1;
    if (b->ncode == 0) emit(b, OP_ret0, 1);
    if (b->dispatch_loop && !b->err) thread_branches(b);
    if (b->err) return -1;
    uint64_t frame = (uint64_t)b->nl + max_stack_slots;
    if (frame < b->nr) frame = b->nr;
    if (frame > UINT32_MAX / 2) {
        fail(b, ERR_LIMIT, "function frame too large");
        return -1;
    }
    uint32_t *words = base_alloc(b->a, b->ncode * sizeof *words);
    struct interp_srcpos *map = b->nmap ? base_alloc(b->a, b->nmap * sizeof *map) : NULL;
    if (!words || (b->nmap && !map)) {
        base_free(b->a, words, b->ncode * sizeof *words);
        base_free(b->a, map, b->nmap * sizeof *map);
        fail(b, ERR_OOM, NULL);
        return -1;
    }
    memcpy(words, b->code, b->ncode * sizeof *words);
    if (b->nmap) memcpy(map, b->map, b->nmap * sizeof *map);
    if (c->words) base_free(b->a, c->words, (size_t)c->nwords * sizeof *c->words);
    if (c->map) base_free(b->a, c->map, (size_t)c->nmap * sizeof *c->map);
    c->words = words;
    c->nwords = (uint32_t)b->ncode;
    c->map = map;
    c->nmap = (uint32_t)b->nmap;
    c->func_index = b->func_index;
    c->nparam_slots = b->np;
    c->nlocal_slots = b->uses_zs ? b->nl : b->nl - 1;
    /* The declared locals to zero on entry: those read while maybe unassigned (all of them
     * when not tracked); the zero slot is zeroed on its own. */
    c->zero_lo = c->zero_hi = b->np;
    if (!b->da_on) {
        c->zero_hi = b->nl - 1;
    } else {
        for (uint32_t k = b->np; k < b->nl - 1; k++)
            if (b->da_need[k >> 6] & (UINT64_C(1) << (k & 63))) {
                if (c->zero_lo == c->zero_hi) c->zero_lo = k;
                c->zero_hi = k + 1;
            }
    }
    c->zero_slot = b->nl - 1;
    c->nresult_slots = b->nr;
    c->frame_slots = (uint32_t)frame;
    c->compiled = true;
    return 0;
}

static void hook_error(void *self, struct wisp_result *err) {
    struct interp_backend *b = self;
    if (b->err == ERR_LIMIT)
        *err = base_error(b->a, WISP_ERR_LIMIT, b->err_offset == UINT32_MAX ? UINT64_MAX : b->err_offset,
                          b->func_index, "cannot compile function %u: %s", b->func_index,
                          b->err_what ? b->err_what : "implementation limit");
    else
        *err = base_oom();
}

struct interp_backend *interp_backend_new(struct module *m, struct cg_backend *out) {
    struct interp_backend *b = base_calloc(&m->alloc, 1, sizeof *b);
    if (!b) return NULL;
    b->m = m;
    b->a = &m->alloc;
    b->hw = interp_handler_words();
    for (size_t k = 0; k < OP_COUNT_; k++) b->pair_base[k] = 1024;
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        b->pair_base[pairs[k].a] = (uint16_t)(((uint32_t)pairs[k].a * 37u) & 1023u);
        uint32_t h = PAIR_HASH(pairs[k].a, pairs[k].b);
        while (b->pair_at[h]) h = (h + 1) & 1023u;
        b->pair_at[h] = (uint8_t)(k + 1);
    }
    if (m->ncodes && !m->compiled) {
        m->compiled = base_calloc(&m->alloc, m->ncodes, sizeof *m->compiled);
        if (!m->compiled) {
            base_free(&m->alloc, b, sizeof *b);
            return NULL;
        }
    }
    out->self = b;
    out->func_begin = hook_func_begin;
    out->op = hook_op;
    out->func_end = hook_func_end;
    out->error = hook_error;
    return b;
}

void interp_backend_free(struct interp_backend *b) {
    if (!b) return;
    const struct wisp_allocator *a = b->a;
    base_free(a, b->lslot, b->lslot_cap * sizeof *b->lslot);
    base_free(a, b->ltype, b->ltype_cap);
    base_free(a, b->lcount, b->lcount_cap * sizeof *b->lcount);
    base_free(a, b->vs, b->vs_cap * sizeof *b->vs);
    base_free(a, b->cf, b->cf_cap * sizeof *b->cf);
    base_free(a, b->pt, b->pt_cap * sizeof *b->pt);
    base_free(a, b->das, b->das_cap * sizeof *b->das);
    base_free(a, b->code, b->code_cap * sizeof *b->code);
    base_free(a, b->map, b->map_cap * sizeof *b->map);
    base_free(a, b->brs, b->brs_cap * sizeof *b->brs);
    base_free(a, b->code2, b->code2_cap * sizeof *b->code2);
    base_free(a, b->bs, b->bs_cap * sizeof *b->bs);
    base_free(a, b->newpos, b->newpos_cap * sizeof *b->newpos);
    base_free(a, b, sizeof *b);
}

void interp_code_free(const struct wisp_allocator *a, struct interp_code *code) {
    if (!code) return;
    base_free(a, code->words, (size_t)code->nwords * sizeof *code->words);
    base_free(a, code->map, (size_t)code->nmap * sizeof *code->map);
    base_free(a, code, sizeof *code);
}

size_t interp_code_size(const struct interp_code *code) {
    if (!code) return 0;
    return sizeof *code + (size_t)code->nwords * sizeof *code->words + (size_t)code->nmap * sizeof *code->map;
}
