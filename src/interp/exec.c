/* The interpreter's dispatch loop (interp_call): runs the code made by compile.c, wasm->wasm calls
 * included, without C recursion; host calls go through rt_call_host. Traps come back as results
 * with a wasm backtrace. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/result.h"
#include "code.h"
#include "interp.h"
#include "numeric.h"

/* Threaded dispatch (labels as values) where the compiler has it; a portable switch otherwise.
 * WISP_INTERP_SWITCH forces the switch (it is built and tested too). WISP_INTERP_STATS (off by
 * default, a tool for tuning: -DCMAKE_C_FLAGS=-DWISP_INTERP_STATS) uses the switch and prints on
 * stderr, when each outermost run ends, how often each instruction and each adjacent pair ran. */
#if defined(WISP_INTERP_STATS) && !defined(WISP_INTERP_SWITCH)
#define WISP_INTERP_SWITCH 1
#endif
#if defined(__GNUC__) && !defined(WISP_INTERP_SWITCH)
#define INTERP_THREADED 1
#else
#define INTERP_THREADED 0
#endif

#if defined(__GNUC__)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define COLD __attribute__((cold, noinline))
#else
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#define COLD
#endif

/* Wasm memory is little-endian. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LE16(x) __builtin_bswap16(x)
#define LE32(x) __builtin_bswap32(x)
#define LE64(x) __builtin_bswap64(x)
#else
#define LE16(x) (x)
#define LE32(x) (x)
#define LE64(x) (x)
#endif

/* ---- backtraces ------------------------------------------------------------------------------ */

/* The text (wisp.h documents it for embedders), one line per frame, innermost first:
 *   "  #<k> func[<index>] \"<name>\" @0x<offset>\n"  (no name part when unnamed; "@?" without offset)
 * A run of INTERP_FOLD_MIN or more identical consecutive frames (same function, same instruction,
 * same name: a deep recursion) shows its first frame only, then
 *   "  ... the frame above repeated <n> more times\n"
 * so that the next line's #k still counts every frame. After INTERP_MAX_LINES frame lines the
 * remaining frames are only counted: "  ... <n> more frames not shown\n". Whenever something is
 * folded or not shown, the last line gives the total: "  (<n> frames in all)\n".
 * A trap that unwinds through host functions (host -> wasm -> host -> wasm ...) gets the frames of
 * each activation it leaves appended in turn, continuing the text: the writer's state (the run of
 * frames still open, the counts) is read back from the tail of the text it wrote before, since a
 * result has no room for private state and may pass through host code in between. */

/* At most this many frames are kept in wisp_result.frames (the innermost ones), and at most this
 * many frame lines are written to the text. */
#define INTERP_MAX_TRACE 256u
#define INTERP_MAX_LINES 256u
/* Runs of identical frames at least this long are folded (two stay as two lines). */
#define INTERP_FOLD_MIN 3u
/* Bytes of a function name shown; a longer one is cut and marked with "...". */
#define BT_NAME_MAX 200u
/* Room for a frame's text after "#k ": func[...], the name escaped (4 bytes a byte at worst). */
#define BT_TEXT_MAX (4u * BT_NAME_MAX + 64u)

/* The wasm byte offset of the instruction containing code position pos, or UINT32_MAX. */
static uint32_t src_offset(const struct interp_code *c, uint32_t pos) {
    uint32_t lo = 0, hi = c->nmap;
    while (lo < hi) { /* first entry with map.pos > pos */
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->map[mid].pos <= pos) lo = mid + 1;
        else hi = mid;
    }
    return lo ? c->map[lo - 1].offset : UINT32_MAX;
}

static void frame_fill(struct wisp_frame *f, const struct interp_code *c, const struct wisp_instance *inst,
                       uint32_t pos) {
    f->func_index = c->func_index;
    f->func_name = mod_func_name(inst->mod, c->func_index);
    f->offset = src_offset(c, pos);
    f->instance = inst;
}

static bool frame_eq(const struct wisp_frame *x, const struct wisp_frame *y) {
    return x->func_index == y->func_index && x->offset == y->offset && x->func_name == y->func_name;
}

/* Writes a frame's text (what follows "#k "), without newline, into out[BT_TEXT_MAX]; returns
 * its length. Control characters of the name become \xNN so that a frame is always one line. */
static size_t frame_text(const struct wisp_frame *f, char *out) {
    static const char hex[] = "0123456789abcdef";
    int k = snprintf(out, BT_TEXT_MAX, "func[%u] ", (unsigned)f->func_index);
    size_t n = k > 0 ? (size_t)k : 0;
    const char *name = f->func_name;
    if (name) {
        size_t len = strlen(name), show = len;
        if (show > BT_NAME_MAX) {
            show = BT_NAME_MAX;
            while (show > 0 && ((unsigned char)name[show] & 0xc0) == 0x80) show--; /* whole UTF-8 characters */
        }
        out[n++] = '"';
        for (size_t i = 0; i < show; i++) {
            unsigned char ch = (unsigned char)name[i];
            if (ch < 0x20 || ch == 0x7f) {
                out[n++] = '\\';
                out[n++] = 'x';
                out[n++] = hex[ch >> 4];
                out[n++] = hex[ch & 15];
            } else {
                out[n++] = (char)ch;
            }
        }
        if (show < len) {
            memcpy(out + n, "...", 3);
            n += 3;
        }
        out[n++] = '"';
        out[n++] = ' ';
    }
    if (f->offset == UINT32_MAX) k = snprintf(out + n, BT_TEXT_MAX - n, "@?");
    else k = snprintf(out + n, BT_TEXT_MAX - n, "@0x%x", (unsigned)f->offset);
    return n + (k > 0 ? (size_t)k : 0);
}

/* The backtrace writer. */
struct bt {
    const struct wisp_allocator *a;
    char *buf; /* the text so far (not NUL-terminated until bt_finish) */
    size_t len, cap;
    bool oom;
    size_t total;  /* frames so far */
    size_t shown;  /* frame lines written */
    size_t hidden; /* frames counted but not shown */
    bool folded;
    /* The run of identical frames not written yet: run_len frames from frame #run_first. */
    size_t run_len, run_first;
    bool run_known; /* run_frame holds the run's frame (else compare by text: read back) */
    struct wisp_frame run_frame;
    size_t run_text_len;
    char run_text[BT_TEXT_MAX];
};

static void bt_put(struct bt *w, const char *s, size_t n) {
    if (w->oom) return;
    if (w->cap - w->len < n + 1) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap - w->len < n + 1) cap *= 2;
        char *p = base_realloc(w->a, w->buf, w->cap, cap);
        if (!p) {
            w->oom = true;
            return;
        }
        w->buf = p;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

/* Writes before, v, word (plural unless v is 1), after. */
static void bt_count(struct bt *w, const char *before, size_t v, const char *word, const char *after) {
    char num[24];
    int k = snprintf(num, sizeof num, "%zu", v);
    bt_put(w, before, strlen(before));
    bt_put(w, num, (size_t)k);
    bt_put(w, word, strlen(word));
    if (v != 1) bt_put(w, "s", 1);
    bt_put(w, after, strlen(after));
}

static void bt_frame_line(struct bt *w, size_t k) {
    char head[32];
    int n = snprintf(head, sizeof head, "  #%zu ", k);
    bt_put(w, head, (size_t)n);
    bt_put(w, w->run_text, w->run_text_len);
    bt_put(w, "\n", 1);
}

/* Writes the open run. */
static void bt_flush(struct bt *w) {
    size_t n = w->run_len;
    w->run_len = 0;
    if (n == 0) return;
    if (w->shown >= INTERP_MAX_LINES) {
        w->hidden += n;
        return;
    }
    bt_frame_line(w, w->run_first);
    w->shown++;
    if (n >= INTERP_FOLD_MIN) {
        bt_count(w, "  ... the frame above repeated ", n - 1, " more time", "\n");
        w->folded = true;
    } else if (n == 2) {
        if (w->shown < INTERP_MAX_LINES) {
            bt_frame_line(w, w->run_first + 1);
            w->shown++;
        } else {
            w->hidden++;
        }
    }
}

/* Adds the next frame (outward). */
static void bt_add(struct bt *w, const struct wisp_frame *f) {
    w->total++;
    if (w->run_len) {
        if (w->run_known && frame_eq(f, &w->run_frame)) {
            w->run_len++;
            return;
        }
        if (!w->run_known && w->shown < INTERP_MAX_LINES) {
            char text[BT_TEXT_MAX];
            size_t n = frame_text(f, text);
            if (n == w->run_text_len && memcmp(text, w->run_text, n) == 0) {
                w->run_len++;
                w->run_known = true;
                w->run_frame = *f;
                return;
            }
        }
        bt_flush(w);
    }
    if (w->shown >= INTERP_MAX_LINES) {
        w->hidden++;
        return;
    }
    w->run_first = w->total - 1;
    w->run_len = 1;
    w->run_known = true;
    w->run_frame = *f;
    w->run_text_len = frame_text(f, w->run_text);
}

/* Closes the text: returns it (exactly strlen + 1 bytes, as wisp_result_free frees it), or NULL
 * if out of memory. */
static char *bt_finish(struct bt *w) {
    bt_flush(w);
    if (w->hidden) bt_count(w, "  ... ", w->hidden, " more frame", " not shown\n");
    if (w->hidden || w->folded) bt_count(w, "  (", w->total, " frame", " in all)\n");
    bt_put(w, "", 0);
    if (w->oom || !w->buf) {
        if (w->buf) base_free(w->a, w->buf, w->cap);
        return NULL;
    }
    w->buf[w->len] = 0;
    char *out = w->buf;
    if (w->len + 1 < w->cap) {
        out = base_realloc(w->a, w->buf, w->cap, w->len + 1);
        if (!out) {
            /* Cannot shrink in place: copy into an exact block. */
            out = base_alloc(w->a, w->len + 1);
            if (out) memcpy(out, w->buf, w->len + 1);
            base_free(w->a, w->buf, w->cap);
        }
    }
    return out;
}

/* Reading back a text written before: its lines from the end. */
struct bt_line {
    const char *s, *e; /* [s, e) without the newline */
};

/* The line ending just before `end` (at a newline or the text's end); false at the start. */
static bool bt_prev_line(const char *text, const char *end, struct bt_line *l) {
    if (end == text) return false;
    const char *e = end[-1] == '\n' ? end - 1 : end;
    const char *s = e;
    while (s > text && s[-1] != '\n') s--;
    l->s = s;
    l->e = e;
    return true;
}

/* If [*p, e) starts with lit, skips it. */
static bool bt_lit(const char **p, const char *e, const char *lit) {
    size_t n = strlen(lit);
    if ((size_t)(e - *p) < n || memcmp(*p, lit, n) != 0) return false;
    *p += n;
    return true;
}

static bool bt_num(const char **p, const char *e, size_t *out) {
    size_t v = 0;
    const char *q = *p;
    if (q == e || *q < '0' || *q > '9') return false;
    for (; q < e && *q >= '0' && *q <= '9'; q++) {
        if (v > (SIZE_MAX - 9) / 10) return false;
        v = v * 10 + (size_t)(*q - '0');
    }
    *p = q;
    *out = v;
    return true;
}

/* "  #<k> <text>": its number and text. */
static bool bt_frame_of(const struct bt_line *l, size_t *k, const char **text) {
    const char *p = l->s;
    if (!bt_lit(&p, l->e, "  #") || !bt_num(&p, l->e, k) || !bt_lit(&p, l->e, " ")) return false;
    *text = p;
    return (size_t)(l->e - p) <= BT_TEXT_MAX;
}

/* Starts the writer from an earlier text (NULL or unreadable: from scratch, numbering frames from
 * `count`): keeps it up to its open run, and takes the run and the counts back. */
static void bt_resume(struct bt *w, const char *text, size_t count) {
    w->total = count;
    if (!text || !*text) return;
    const char *end = text + strlen(text);
    struct bt_line l;
    const char *p;
    size_t total = 0, v = 0, k = 0;
    bool have_total = false;
    if (bt_prev_line(text, end, &l) && (p = l.s, bt_lit(&p, l.e, "  (")) && bt_num(&p, l.e, &v) &&
        bt_lit(&p, l.e, " frame")) {
        total = v;
        have_total = true;
        end = l.s;
    }
    if (bt_prev_line(text, end, &l) && (p = l.s, bt_lit(&p, l.e, "  ... ")) && bt_num(&p, l.e, &v) &&
        bt_lit(&p, l.e, " more frame")) {
        /* Past the line limit: only the counts go on. */
        if (!have_total) goto unreadable;
        w->hidden = v;
        w->shown = INTERP_MAX_LINES;
        w->total = total;
        w->folded = true;
        bt_put(w, text, (size_t)(l.s - text));
        return;
    }
    size_t rep = 0;
    if (bt_prev_line(text, end, &l) && (p = l.s, bt_lit(&p, l.e, "  ... the frame above repeated ")) &&
        bt_num(&p, l.e, &rep)) {
        end = l.s;
        w->folded = true;
    }
    const char *ftext;
    if (!bt_prev_line(text, end, &l) || !bt_frame_of(&l, &k, &ftext)) goto unreadable;
    w->run_first = k;
    w->run_len = rep + 1;
    w->run_text_len = (size_t)(l.e - ftext);
    memcpy(w->run_text, ftext, w->run_text_len);
    end = l.s;
    /* Unfolded repeats (a run of two) belong to the same run. */
    struct bt_line pl;
    const char *ptext;
    while (rep == 0 && bt_prev_line(text, end, &pl) && bt_frame_of(&pl, &k, &ptext) &&
           (size_t)(pl.e - ptext) == w->run_text_len && memcmp(ptext, w->run_text, w->run_text_len) == 0 &&
           k + 1 == w->run_first) {
        w->run_first = k;
        w->run_len++;
        end = pl.s;
    }
    w->total = w->run_first + w->run_len;
    if (have_total && total != w->total) goto unreadable;
    for (const char *q = text; q < end; q++)
        if ((q == text || q[-1] == '\n') && end - q >= 3 && memcmp(q, "  #", 3) == 0) w->shown++;
    bt_put(w, text, (size_t)(end - text));
    return;
unreadable:
    /* Not a text of ours: keep it whole and go on after it. */
    w->hidden = 0;
    w->shown = 0;
    w->folded = false;
    w->run_len = 0;
    w->total = have_total ? total : count;
    bt_put(w, text, strlen(text));
}

/* The state of a stopped execution, to walk its frames. */
struct stopped {
    const uint32_t *pc;             /* the current instruction */
    const struct interp_code *code;
    struct wisp_instance *inst;
    const struct interp_frame *frames;
    uint32_t depth, entry_depth;
};

/* Adds the wasm frames of st (innermost first) to r, which is a trap result: to r->frames up to
 * INTERP_MAX_TRACE frames in all, and every one of them to the text. On allocation failure the
 * trap is kept without (part of) its backtrace. */
static COLD void add_backtrace(struct wisp_store *s, struct wisp_result *r, const struct stopped *st) {
    if (!r->owner_) {
        /* A hand-made result: own a copy of its message so frames can be attached. */
        if (r->message) {
            r->message = base_strndup(s->alloc, r->message, strlen(r->message));
            if (!r->message) return;
        }
        r->owner_ = (void *)s->alloc;
    }
    const struct wisp_allocator *a = r->owner_;
    size_t have = r->frame_count;
    size_t n = (size_t)(st->depth - st->entry_depth) + 1;
    size_t add = have < INTERP_MAX_TRACE ? INTERP_MAX_TRACE - have : 0;
    if (add > n) add = n;
    if (add) {
        struct wisp_frame *fr = base_realloc(a, r->frames, have * sizeof *fr, (have + add) * sizeof *fr);
        if (!fr) return;
        r->frames = fr;
        r->frame_count = have + add;
    }
    struct bt w;
    memset(&w, 0, sizeof w);
    w.a = a;
    bt_resume(&w, r->backtrace, have);

    struct wisp_frame f;
    frame_fill(&f, st->code, st->inst, (uint32_t)(st->pc - st->code->words));
    if (add) r->frames[have] = f;
    bt_add(&w, &f);
    /* The callers; a deep recursion repeats one place, so its lookups are made once. */
    const struct interp_frame *prev = NULL;
    size_t i = 1;
    for (uint32_t d = st->depth; d-- > st->entry_depth; i++) {
        const struct interp_frame *k = &st->frames[d];
        if (!prev || k->pc != prev->pc || k->code != prev->code || k->inst != prev->inst)
            frame_fill(&f, k->code, k->inst, (uint32_t)(k->pc - k->code->words) - 1);
        prev = k;
        if (i < add) r->frames[have + i] = f;
        bt_add(&w, &f);
    }
    if (have == 0 && r->frame_count) {
        r->offset = r->frames[0].offset == UINT32_MAX ? UINT64_MAX : r->frames[0].offset;
        r->func_index = r->frames[0].func_index;
    }
    if (r->backtrace) {
        base_free(a, r->backtrace, strlen(r->backtrace) + 1);
        r->backtrace = NULL;
    }
    r->backtrace = bt_finish(&w);
}

static COLD struct wisp_result make_trap(struct wisp_store *s, int code, const struct stopped *st) {
    struct wisp_result r = base_trap(s->alloc, (enum wisp_trap_code)code);
    add_backtrace(s, &r, st);
    return r;
}

/* ---- table helpers (out of the hot loop) ------------------------------------------------------ */

static int tab_fill(struct wisp_table *t, uint32_t i, uint64_t val, uint32_t n) {
    if ((uint64_t)i + n > t->size) return WISP_TRAP_TABLE_OUT_OF_BOUNDS;
    for (uint32_t k = 0; k < n; k++) t->elems[i + k] = (uintptr_t)val;
    return 0;
}

static int tab_copy(struct wisp_table *dt, struct wisp_table *st, uint32_t d, uint32_t sidx, uint32_t n) {
    if ((uint64_t)d + n > dt->size || (uint64_t)sidx + n > st->size) return WISP_TRAP_TABLE_OUT_OF_BOUNDS;
    if (n) memmove(dt->elems + d, st->elems + sidx, (size_t)n * sizeof *dt->elems);
    return 0;
}

static int tab_init(struct wisp_table *t, const struct rt_elem *e, uint32_t d, uint32_t sidx, uint32_t n) {
    if ((uint64_t)sidx + n > e->count || (uint64_t)d + n > t->size) return WISP_TRAP_TABLE_OUT_OF_BOUNDS;
    if (n) memcpy(t->elems + d, e->refs + sidx, (size_t)n * sizeof *t->elems);
    return 0;
}

#if defined(WISP_INTERP_STATS)
/* Execution counts (the off-by-default statistics build). */
struct interp_stats {
    uint64_t op[OP_COUNT_];
    uint64_t pair[OP_COUNT_][OP_COUNT_]; /* (previous dispatched, this one) */
    uint64_t func[4096];                  /* per function index (the first 4096) */
    uint64_t pos[1u << 18];               /* per code position of function `watch` */
    uint32_t watch;                       /* env WISP_STATS_FUNC */
    uint32_t prev;
};

static const char *const interp_op_names[OP_COUNT_] = {
#define OP_NAME_(name, layout) #name,
    INTERP_OPS(OP_NAME_)
#undef OP_NAME_
};

static struct interp_stats *stats_new(struct wisp_store *s) {
    struct interp_stats *t = base_calloc(s->alloc, 1, sizeof *t);
    const char *w = getenv("WISP_STATS_FUNC");
    if (t) t->prev = OP_nop;
    if (t) t->watch = w ? (uint32_t)strtoul(w, NULL, 10) : UINT32_MAX;
    return t;
}

static void stats_count(struct interp_stats *t, uint32_t op, uint32_t func, uint32_t pos) {
    if (!t || op >= OP_COUNT_) return;
    if (func == t->watch) t->pos[pos & ((1u << 18) - 1)]++;
    t->op[op]++;
    t->func[func & 4095]++;
    t->pair[t->prev][op]++;
    t->prev = op;
}

/* Prints the most frequent instructions and pairs; a pair A__B's second half is counted as the
 * instruction B that it runs next (not a dispatch), so (A__B, B) is left out of the pairs. */
static void stats_dump(struct wisp_store *s, struct interp_stats *t) {
    if (!t) return;
    uint64_t total = 0, fused = 0;
    for (uint32_t k = 0; k < OP_COUNT_; k++) {
        total += t->op[k];
        if (strstr(interp_op_names[k], "__")) fused += t->op[k];
    }
    fprintf(stderr, "interp stats: %llu instructions, %llu dispatches (%llu fused pairs)\n",
            (unsigned long long)total, (unsigned long long)(total - fused), (unsigned long long)fused);
    for (uint32_t i = 0; t->watch != UINT32_MAX && i < (1u << 18); i++)
        if (t->pos[i]) fprintf(stderr, "  pos %u %llu\n", i, (unsigned long long)t->pos[i]);
    for (int n = 0; n < 40; n++) {
        uint64_t best = 0;
        uint32_t bi = 0;
        for (uint32_t i = 0; i < 4096; i++)
            if (t->func[i] > best) best = t->func[i], bi = i;
        if (!best) break;
        fprintf(stderr, "  func %12llu %5.2f%%  %u\n", (unsigned long long)best, 100.0 * (double)best / (double)total, bi);
        t->func[bi] = 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int n = 0; n < (pass ? 80 : 60); n++) {
            uint64_t best = 0;
            uint32_t bi = 0, bj = 0;
            for (uint32_t i = 0; i < OP_COUNT_; i++) {
                if (!pass) {
                    if (t->op[i] > best) best = t->op[i], bi = i;
                    continue;
                }
                for (uint32_t j = 0; j < OP_COUNT_; j++) {
                    if (t->pair[i][j] <= best) continue;
                    const char *a = interp_op_names[i], *u = strstr(a, "__");
                    if (u && strcmp(u + 2, interp_op_names[j]) == 0) continue;
                    best = t->pair[i][j], bi = i, bj = j;
                }
            }
            if (!best) break;
            if (!pass) {
                fprintf(stderr, "  op   %12llu %5.2f%%  %s\n", (unsigned long long)best, 100.0 * (double)best / (double)total,
                        interp_op_names[bi]);
                t->op[bi] = 0;
            } else {
                fprintf(stderr, "  pair %12llu %5.2f%%  %s %s\n", (unsigned long long)best,
                        100.0 * (double)best / (double)total, interp_op_names[bi], interp_op_names[bj]);
                t->pair[bi][bj] = 0;
            }
        }
    }
    base_free(s->alloc, t, sizeof *t);
}
#define STATS_END() (ex->nest == 1 ? stats_dump(s, stats_) : base_free(s->alloc, stats_, sizeof *stats_))
#else
#define STATS_END() ((void)0)
#endif

/* ---- the loop ----------------------------------------------------------------------------------- */

/* Slots and operands: S(k) is the frame slot named by operand word k of the instruction. */
#define S(k) fp[pc[k]]
#define I32(k) ((uint32_t)S(k))
#define I64(k) (S(k))
#define F32(k) num_f32_from_bits((uint32_t)S(k))
#define F64(k) num_f64_from_bits(S(k))
#define SET32(k, v) (S(k) = (uint32_t)(v))
#define SET64(k, v) (S(k) = (uint64_t)(v))
#define SETF32(k, v) (S(k) = num_f32_bits(v))
#define SETF64(k, v) (S(k) = num_f64_bits(v))

#if INTERP_THREADED
#define CASE(name) L_##name:
#define DISPATCH() goto *(const void *)((const char *)&&L_base_ + (int32_t)*pc)
#else
#define CASE(name) case OP_##name:
#define DISPATCH() goto dispatch
#endif
#define NEXT(n)       \
    do {              \
        pc += (n);    \
        DISPATCH();   \
    } while (0)
#define TRAP(c)               \
    do {                      \
        trap = (c);           \
        goto trap_;           \
    } while (0)
/* Memory state after anything that may have grown or switched it. */
#define RELOAD_MEM()                      \
    do {                                  \
        struct wisp_memory *m0_ = inst->mem0; \
        if (m0_) {                        \
            mem = m0_->data;              \
            memsize = m0_->size;          \
        }                                 \
    } while (0)
/* The bounds check of an access of n bytes at effective address ea (a guard-page mode would
 * make this a no-op for 32-bit memories). */
#define MEM_CHECK(ea, n)                                          \
    do {                                                          \
        if (UNLIKELY((ea) + (n) > memsize)) TRAP(WISP_TRAP_MEMORY_OUT_OF_BOUNDS); \
    } while (0)
/* The check of a fused instruction's second access: its trap is reported one word in, where the
 * code map holds that access's offset (code.h). */
#define MEM_CHECK2(ea, n)                          \
    do {                                           \
        if (UNLIKELY((ea) + (n) > memsize)) {      \
            pc += 1;                               \
            TRAP(WISP_TRAP_MEMORY_OUT_OF_BOUNDS);  \
        }                                          \
    } while (0)
#define EA() ((uint64_t)I32(2) + pc[3])

/* Handler bodies: an instruction is its body, then NEXT. The bodies of the instructions that
 * start fused pairs (code.h INTERP_PAIRS) are also named, BODY_<name> with LEN_<name> words. */
#define BIN_B(TIN, GET, SET, expr)  \
    {                               \
        TIN a = GET(2), b = GET(3); \
        SET(1, expr);               \
    }
#define BIN_I32_IMM_B(expr)             \
    {                                   \
        uint32_t a = I32(2), b = pc[3]; \
        SET32(1, expr);                 \
    }
#define SIMPLE(name)      \
    CASE(name) {          \
        BODY_##name       \
        NEXT(LEN_##name); \
    }

#define UN(name, TIN, GET, SET, expr) \
    CASE(name) {                      \
        TIN a = GET(2);               \
        SET(1, expr);                 \
        NEXT(3);                      \
    }
#define BIN(name, TIN, GET, SET, expr) \
    CASE(name) {                       \
        BIN_B(TIN, GET, SET, expr)     \
        NEXT(4);                       \
    }
#define BIN_I32_IMM(name, expr) \
    CASE(name) {                \
        BIN_I32_IMM_B(expr)     \
        NEXT(4);                \
    }
#define BIN_I64_IMM(name, expr)                                  \
    CASE(name) {                                                 \
        uint64_t a = I64(2), b = (uint64_t)(int64_t)(int32_t)pc[3]; \
        SET64(1, expr);                                          \
        NEXT(4);                                                 \
    }
#define BR_CMP(name, TIN, GETA, GETB, cond) \
    CASE(name) {                            \
        TIN a = GETA, b = GETB;             \
        if (cond) pc += (int32_t)pc[3];     \
        else pc += 4;                       \
        DISPATCH();                         \
    }
#define TRUNC(name, TIN, GET, TOUT, fn, SET) \
    CASE(name) {                             \
        TOUT r_;                             \
        int t_ = fn(GET(2), &r_);            \
        if (UNLIKELY(t_)) TRAP(t_);          \
        SET(1, r_);                          \
        NEXT(3);                             \
    }
#define LOAD_B(T, n, conv, ea_expr) \
    {                               \
        uint64_t ea = ea_expr;      \
        MEM_CHECK(ea, n);           \
        T v;                        \
        memcpy(&v, mem + ea, n);    \
        S(1) = (conv);              \
    }
#define LOAD(name, T, n, conv)        \
    CASE(name) {                      \
        LOAD_B(T, n, conv, EA())      \
        NEXT(4);                      \
    }
#define STORE(name, T, n, conv)                \
    CASE(name) {                               \
        uint64_t ea = (uint64_t)I32(1) + pc[3]; \
        MEM_CHECK(ea, n);                      \
        T v = (T)(conv);                       \
        memcpy(mem + ea, &v, n);               \
        NEXT(4);                               \
    }

/* Address modes (code.h): _w adds c in 32 bits; _x/_x0 add a scaled index and c in 32 bits, then
 * the offset in 64. */
#define EA_W(ka, kc) ((uint64_t)(uint32_t)(I32(ka) + pc[kc]))
#define EA_X(ka, sh) ((uint64_t)(uint32_t)(I32(ka) + (I32((ka) + 1) << (sh)) + pc[4]) + pc[5])
#define LOAD_M(name, T, n, conv, ea_expr, size) \
    CASE(name) {                                \
        LOAD_B(T, n, conv, ea_expr)             \
        NEXT(size);                             \
    }
#define STORE_M(name, T, n, conv, ea_expr, size) \
    CASE(name) {                                 \
        uint64_t ea = ea_expr;                   \
        MEM_CHECK(ea, n);                        \
        T v = (T)(conv);                         \
        memcpy(mem + ea, &v, n);                 \
        NEXT(size);                              \
    }
#define LOAD_W(name, T, n, conv) LOAD_M(name, T, n, conv, EA_W(2, 3), 4)
#define LOAD_X(name, T, n, sh, conv) LOAD_M(name, T, n, conv, EA_X(2, sh), 6)
#define STORE_W(name, T, n, conv) STORE_M(name, T, n, conv, EA_W(1, 3), 4)
#define STORE_X(name, T, n, sh, conv) STORE_M(name, T, n, conv, EA_X(1, sh), 6)
/* f64 arithmetic with a memory operand: ea = (u32)(a + c) + off. */
#define EA_M(ka, kc) ((uint64_t)(uint32_t)(I32(ka) + pc[kc]) + pc[(kc) + 1])
#define F64_M(name, expr)                  \
    CASE(name) {                           \
        uint64_t ea = EA_M(3, 4), v;       \
        MEM_CHECK(ea, 8);                  \
        memcpy(&v, mem + ea, 8);           \
        double m = num_f64_from_bits(LE64(v)), x = F64(2); \
        SETF64(1, expr);                   \
        NEXT(6);                           \
    }
#define F64_RMW(name, expr)                \
    CASE(name) {                           \
        uint64_t ea = EA_M(1, 3), v;       \
        MEM_CHECK(ea, 8);                  \
        memcpy(&v, mem + ea, 8);           \
        double m = num_f64_from_bits(LE64(v)), x = F64(2); \
        v = LE64(num_f64_bits(expr));      \
        memcpy(mem + ea, &v, 8);           \
        NEXT(5);                           \
    }
#define I64_K(name, expr)                                   \
    CASE(name) {                                            \
        uint64_t a = I64(2), k = interp_u64(pc + 3);        \
        SET64(1, expr);                                     \
        NEXT(5);                                            \
    }
#define F64_K(name, expr)                  \
    CASE(name) {                           \
        double x = F64(2), k = num_f64_from_bits(interp_u64(pc + 3)); \
        SETF64(1, expr);                   \
        NEXT(5);                           \
    }
/* A load and a store of n bytes fused (code.h). */
#define MOV_B(n)                                                                       \
    {                                                                                  \
        uint64_t ea2 = (uint64_t)(uint32_t)(I32(4) + pc[5]) + pc[6], ea = EA_M(1, 2); \
        MEM_CHECK(ea2, n);                                                             \
        MEM_CHECK2(ea, n);                                                             \
        memmove(mem + ea, mem + ea2, n);                                               \
    }
#define MOV(name, n)  \
    CASE(name) {      \
        MOV_B(n)      \
        NEXT(7);      \
    }
/* The same against a slot, read after the update (it may be the variable itself). */
#define BR_ADD_R(name, cond)              \
    CASE(name) {                          \
        uint32_t a = I32(1) + pc[2], b;   \
        SET32(1, a);                      \
        b = I32(3);                       \
        if (cond) pc += (int32_t)pc[4];   \
        else pc += 5;                     \
        DISPATCH();                       \
    }
#define BR_AND(name, cond)                \
    CASE(name) {                          \
        uint32_t a = I32(1), b = pc[2];   \
        if (cond) pc += (int32_t)pc[3];   \
        else pc += 4;                     \
        DISPATCH();                       \
    }
/* A loop's closing branch with the update of its induction variable. */
#define BR_ADD(name, cond)                \
    CASE(name) {                          \
        uint32_t a = I32(1) + pc[2], b = pc[3]; \
        SET32(1, a);                      \
        if (cond) pc += (int32_t)pc[4];   \
        else pc += 5;                     \
        DISPATCH();                       \
    }

#define SX32(x) ((uint32_t)(int32_t)(x))
#define SX64(x) ((uint64_t)(int64_t)(x))

/* The SSE2 and AArch64 square roots are IEEE 754's and already what wasm asks: a NaN operand
 * comes back quieted (an arithmetic NaN), a negative one gives the default NaN (canonical, of
 * either sign, which wasm allows). Elsewhere numeric.h spells it out. */
#if defined(__GNUC__) && (defined(__SSE2_MATH__) || defined(__aarch64__))
#define SQRT64(a) __builtin_sqrt(a)
#define SQRT32(a) __builtin_sqrtf(a)
#else
#define SQRT64(a) num_f64_sqrt(a)
#define SQRT32(a) num_f32_sqrt(a)
#endif

/* The instructions that start fused pairs: their bodies and sizes. */
#define BODY_mov8 MOV_B(1)
#define LEN_mov8 7
#define BODY_copy { S(1) = S(2); }
#define LEN_copy 3
#define BODY_copy2 { S(1) = S(2); S(3) = S(4); }
#define LEN_copy2 5
#define BODY_const32 { S(1) = pc[2]; }
#define LEN_const32 3
#define BODY_i32_lea { SET32(1, I32(2) + I32(3) * pc[4] + pc[5]); }
#define LEN_i32_lea 6
#define BODY_i32_add2 { SET32(1, I32(2) + I32(3)); SET32(4, I32(5) + I32(6)); }
#define LEN_i32_add2 7
#define BODY_i64_xorshr { uint64_t a = I64(2); SET64(1, a ^ (a >> (pc[3] & 63))); }
#define LEN_i64_xorshr 4
#define BODY_i64_mul_k { uint64_t a = I64(2), k = interp_u64(pc + 3); SET64(1, a * k); }
#define LEN_i64_mul_k 5
#define BODY_i32_add BIN_B(uint32_t, I32, SET32, a + b)
#define LEN_i32_add 4
#define BODY_i32_sub BIN_B(uint32_t, I32, SET32, a - b)
#define LEN_i32_sub 4
#define BODY_i32_or BIN_B(uint32_t, I32, SET32, a | b)
#define LEN_i32_or 4
#define BODY_i32_xor BIN_B(uint32_t, I32, SET32, a ^ b)
#define LEN_i32_xor 4
#define BODY_f64_mul BIN_B(double, F64, SETF64, a * b)
#define LEN_f64_mul 4
#define BODY_i64_add_i { SET64(1, I64(2) + (uint64_t)(int64_t)(int32_t)pc[3]); }
#define LEN_i64_add_i 4
#define BODY_i32_add_i BIN_I32_IMM_B(a + b)
#define LEN_i32_add_i 4
#define BODY_i32_and_i BIN_I32_IMM_B(a & b)
#define LEN_i32_and_i 4
#define BODY_i32_shl_i BIN_I32_IMM_B(a << (b & 31))
#define LEN_i32_shl_i 4
#define BODY_i32_shr_u_i BIN_I32_IMM_B(a >> (b & 31))
#define LEN_i32_shr_u_i 4
#define BODY_i32_rotl_i BIN_I32_IMM_B(num_i32_rotl(a, b))
#define LEN_i32_rotl_i 4
#define BODY_i32_lt_u_i BIN_I32_IMM_B(a < b)
#define LEN_i32_lt_u_i 4
#define BODY_ld8u LOAD_B(uint8_t, 1, v, EA())
#define LEN_ld8u 4
#define BODY_ld32 LOAD_B(uint32_t, 4, LE32(v), EA())
#define LEN_ld32 4
#define BODY_ld64 LOAD_B(uint64_t, 8, LE64(v), EA())
#define LEN_ld64 4
#define BODY_ld32_w LOAD_B(uint32_t, 4, LE32(v), EA_W(2, 3))
#define LEN_ld32_w 4
#define BODY_ld32_x LOAD_B(uint32_t, 4, LE32(v), EA_X(2, 2))
#define LEN_ld32_x 6
#define BODY_st32                                  \
    {                                              \
        uint64_t ea = (uint64_t)I32(1) + pc[3];    \
        MEM_CHECK(ea, 4);                          \
        uint32_t v = LE32((uint32_t)S(2));         \
        memcpy(mem + ea, &v, 4);                   \
    }
#define LEN_st32 4
#define BODY_f64_sub_m                                     \
    {                                                      \
        uint64_t ea = EA_M(3, 4), v;                       \
        MEM_CHECK(ea, 8);                                  \
        memcpy(&v, mem + ea, 8);                           \
        double m = num_f64_from_bits(LE64(v)), x = F64(2); \
        SETF64(1, x - m);                                  \
    }
#define LEN_f64_sub_m 6
#define BODY_f64_mac_rmw                                                               \
    {                                                                                  \
        uint64_t ea2 = (uint64_t)(uint32_t)(I32(5) + pc[6]) + pc[7], v;                \
        MEM_CHECK(ea2, 8);                                                             \
        memcpy(&v, mem + ea2, 8);                                                      \
        double t = F64(4) * num_f64_from_bits(LE64(v)); /* rounded: no contraction */ \
        uint64_t ea = EA_M(1, 2);                                                      \
        MEM_CHECK2(ea, 8);                                                             \
        memcpy(&v, mem + ea, 8);                                                       \
        v = LE64(num_f64_bits(num_f64_from_bits(LE64(v)) + t));                        \
        memcpy(mem + ea, &v, 8);                                                       \
    }
#define LEN_f64_mac_rmw 8
#define BODY_f64_mac_rmw_a                                                             \
    {                                                                                  \
        uint32_t d = I32(2) + pc[3];                                                   \
        SET32(1, d);                                                                   \
        uint64_t ea2 = (uint64_t)(uint32_t)(I32(6) + pc[7]) + pc[8], v;                \
        MEM_CHECK(ea2, 8);                                                             \
        memcpy(&v, mem + ea2, 8);                                                      \
        double t = F64(5) * num_f64_from_bits(LE64(v)); /* rounded: no contraction */ \
        uint64_t ea = (uint64_t)d + pc[4];                                             \
        MEM_CHECK2(ea, 8);                                                             \
        memcpy(&v, mem + ea, 8);                                                       \
        v = LE64(num_f64_bits(num_f64_from_bits(LE64(v)) + t));                        \
        memcpy(mem + ea, &v, 8);                                                       \
    }
#define LEN_f64_mac_rmw_a 9

/* A fused pair A__B (code.h): A's body, then on to B, whose handler is jumped to directly. */
#if INTERP_THREADED
#define PAIR_(A, B)           \
    CASE(A##__##B) {          \
        BODY_##A              \
        pc += LEN_##A;        \
        goto L_##B;           \
    }
#else
#define PAIR_(A, B)           \
    CASE(A##__##B) {          \
        BODY_##A              \
        pc += LEN_##A;        \
        goto dispatch;        \
    }
#endif

/* A triple A__B__C: A's and B's bodies (pc on each while it runs: a trap in B is B's), then C. */
#if INTERP_THREADED
#define TRIPLE_(A, B, C)              \
    CASE(A##__##B##__##C) {           \
        BODY_##A                      \
        pc += LEN_##A;                \
        BODY_##B                      \
        pc += LEN_##B;                \
        goto L_##C;                   \
    }
#else
#define TRIPLE_(A, B, C)              \
    CASE(A##__##B##__##C) {           \
        BODY_##A                      \
        pc += LEN_##A;                \
        BODY_##B                      \
        pc += LEN_##B;                \
        goto dispatch;                \
    }
#endif

/* GCC may split a function's blocks into hot and cold sections, and a label difference across
 * sections cannot be assembled: keep the dispatch function in one piece. Also for GCC: no
 * contraction of a multiply and an add into one FMA, whatever the flags (f64_mac_rmw must round
 * twice), and no call to memset for zeroing a callee's few locals. */
#if INTERP_THREADED && defined(__GNUC__) && !defined(__clang__)
#define RUN_ATTR                                                                                     \
    __attribute__((optimize("no-reorder-blocks-and-partition", "fp-contract=off",                    \
                            "no-tree-loop-distribute-patterns")))
#elif defined(__GNUC__) && !defined(__clang__)
#define RUN_ATTR __attribute__((optimize("fp-contract=off", "no-tree-loop-distribute-patterns")))
#else
#define RUN_ATTR
#endif

/* A branch on one slot ("so"): taken when cond holds. */
#define BR_IF(name, cond)                 \
    CASE(name) {                          \
        if (cond) pc += (int32_t)pc[2];   \
        else pc += 3;                     \
        DISPATCH();                       \
    }

/* A wasm call's entry, once callee, cfp (its frame) and cret (where the caller continues) are
 * set: checks the limits, records the caller, zeroes the locals read before written, and moves pc,
 * fp and code to the callee. */
#define ENTER_CALLEE()                                                                     \
    do {                                                                                   \
        if (UNLIKELY(depth >= max_depth || (size_t)(stack_end - cfp) < callee->frame_slots)) \
            TRAP(WISP_TRAP_CALL_STACK_EXHAUSTED);                                          \
        struct interp_frame *f_ = &frames[depth++];                                        \
        f_->pc = cret;                                                                     \
        f_->fp = fp;                                                                       \
        f_->code = code;                                                                   \
        f_->inst = inst;                                                                   \
        for (uint32_t k_ = callee->zero_lo; k_ < callee->zero_hi; k_++) cfp[k_] = 0;        \
        cfp[callee->zero_slot] = 0;                                                        \
        fp = cfp;                                                                          \
        code = callee;                                                                     \
        pc = callee->words;                                                                \
    } while (0)

/* Runs entry (a wasm function) with its frame at fp0 (arguments in place, locals zeroed).
 * Returns 0 when it returned normally, else 1 with *out set to the trap / exit / error.
 * Called with s == NULL, stores the handler words into *words instead. */
static RUN_ATTR int run(struct wisp_store *s, struct wisp_func *entry, uint64_t *fp0, struct wisp_result *out,
               const int32_t **words) {
#if INTERP_THREADED
    static const int32_t handler_words[OP_COUNT_] = {
#define HANDLER_WORD_(name, layout) (int32_t)((const char *)&&L_##name - (const char *)&&L_base_),
        INTERP_OPS(HANDLER_WORD_)
#undef HANDLER_WORD_
    };
    if (!s) {
        *words = handler_words;
        return 0;
    }
#else
    if (!s) {
        *words = NULL;
        return 0;
    }
#endif
    (void)words;
    struct rt_exec *ex = &s->exec;
    struct interp_frame *frames = ex->frames;
    uint64_t *const stack_end = ex->stack_end;
    const uint32_t max_depth = ex->max_depth;
    const uint32_t entry_depth = ex->depth + 1;
    uint32_t depth = entry_depth;

    struct wisp_instance *inst = entry->inst;
    const struct interp_code *code = entry->code;
    const uint32_t *pc = code->words;
    uint64_t *fp = fp0;
    uint8_t *mem = NULL;
    uint64_t memsize = 0;
    int trap = 0;

    /* Set up by the call instructions for the common call path. */
    struct wisp_func *cf;
    uint64_t *cfp;
    const uint32_t *cret;
    const struct interp_code *callee;

    RELOAD_MEM();
#if defined(WISP_INTERP_STATS)
    struct interp_stats *stats_ = stats_new(s);
#endif

#if INTERP_THREADED
    DISPATCH();
L_base_:
#else
dispatch:
#if defined(WISP_INTERP_STATS)
    stats_count(stats_, *pc, code->func_index, (uint32_t)(pc - code->words));
#endif
    switch ((enum interp_op)*pc) {
#endif

    /* ---- control and moves ---- */
    CASE(unreachable) TRAP(WISP_TRAP_UNREACHABLE);
    CASE(nop) NEXT(1);
    SIMPLE(copy)
    SIMPLE(copy2)
    SIMPLE(i32_lea)
    SIMPLE(i32_add2)
    CASE(i32_bfx) {
        SET32(1, (I32(2) >> (pc[3] & 31)) & pc[4]);
        NEXT(5);
    }
    SIMPLE(i64_xorshr)
    CASE(i32_fsh) {
        uint32_t k = pc[4];
        SET32(1, (I32(2) >> k) | (I32(3) << (32 - k)));
        NEXT(5);
    }
    I64_K(i64_add_k, a + k)
    SIMPLE(i64_mul_k)
    I64_K(i64_and_k, a & k)
    I64_K(i64_or_k, a | k)
    I64_K(i64_xor_k, a ^ k)
    CASE(copy_n) {
        memmove(&S(1), &S(2), (size_t)pc[3] * sizeof *fp);
        NEXT(4);
    }
    SIMPLE(const32)
    CASE(const64) {
        uint64_t v;
        memcpy(&v, pc + 2, 8);
        S(1) = v;
        NEXT(4);
    }
    /* Every backward jump is a br*, br_table or compare-and-branch with a negative offset: the
     * place for fuel or interruption checks at loop back-edges. */
    CASE(br) {
        pc += (int32_t)pc[1];
        DISPATCH();
    }
    BR_IF(br_nz, I32(1))
    BR_IF(br_z, !I32(1))
    BR_IF(br_nz64, I64(1))
    BR_IF(br_z64, !I64(1))
    CASE(br_table) {
        uint32_t i = I32(1), n = pc[2];
        if (i > n) i = n;
        pc += (int32_t)pc[3 + i];
        DISPATCH();
    }
    CASE(br_table_ld8u) {
        uint64_t ea = EA();
        MEM_CHECK(ea, 1);
        uint32_t i = mem[ea], n = pc[4];
        S(1) = i;
        if (i > n) i = n;
        pc += (int32_t)pc[5 + i];
        DISPATCH();
    }
    CASE(br_table_ld32_x) {
        uint64_t ea = EA_X(2, 2);
        MEM_CHECK(ea, 4);
        uint32_t i, n = pc[6];
        memcpy(&i, mem + ea, 4);
        i = LE32(i);
        S(1) = i;
        if (i > n) i = n;
        pc += (int32_t)pc[7 + i];
        DISPATCH();
    }
    CASE(ret1) {
        fp[0] = S(1);
        goto return_;
    }
    CASE(retn) {
        memmove(fp, &S(1), (size_t)pc[2] * sizeof *fp);
        goto return_;
    }
    CASE(ret0) {
    return_:
        if (UNLIKELY(depth == entry_depth)) goto done_;
        {
            const struct interp_frame *f = &frames[--depth];
            pc = f->pc;
            fp = f->fp;
            code = f->code;
            /* Within an instance mem and memsize are current (memory.grow and host calls reload
             * them); a return into another instance switches memory. */
            if (UNLIKELY(f->inst != inst)) {
                inst = f->inst;
                RELOAD_MEM();
            }
        }
        DISPATCH();
    }
    CASE(call) {
        memcpy(&callee, pc + 2, sizeof callee);
        cfp = fp + pc[1];
        cret = pc + 4;
    call_code_:
        /* Calls are the other place for fuel or interruption checks. */
        ENTER_CALLEE();
        DISPATCH();
    }
    CASE(call_imp) {
        cf = inst->funcs[pc[2]];
        cfp = fp + pc[1];
        cret = pc + 3;
        goto call_func_;
    }
    CASE(call_ind) {
        const struct wisp_table *t = inst->tables[pc[4]];
        uint32_t i = I32(2);
        if (UNLIKELY(i >= t->size)) TRAP(WISP_TRAP_UNDEFINED_ELEMENT);
        cf = (struct wisp_func *)t->elems[i];
        if (UNLIKELY(!cf)) TRAP(WISP_TRAP_UNINITIALIZED_ELEMENT);
        const struct mod_functype *want = &inst->mod->types[pc[3]];
        if (UNLIKELY(cf->type != want) &&
            (cf->type->hash != want->hash || !mod_functype_eq(cf->type, want)))
            TRAP(WISP_TRAP_INDIRECT_CALL_MISMATCH);
        cfp = fp + pc[1];
        cret = pc + 5;
    call_func_:
        if (LIKELY(cf->kind == RT_FUNC_WASM)) {
            if (cf->inst == inst) {
                callee = cf->code;
                goto call_code_;
            }
            /* Another instance: push the frame (it keeps the caller's instance), then switch the
             * instance and its memory. */
            callee = cf->code;
            ENTER_CALLEE();
            inst = cf->inst;
            RELOAD_MEM();
            DISPATCH();
        }
        {
            /* A host function: nested wasm calls it makes start above this frame. */
            uint64_t *saved_sp = ex->sp;
            ex->sp = fp + code->frame_slots;
            ex->depth = depth;
            struct wisp_result r = rt_call_host(s, cf, inst, cfp);
            ex->sp = saved_sp;
            ex->depth = entry_depth - 1;
            if (UNLIKELY(r.kind != WISP_OK)) {
                if (r.kind == WISP_TRAP) {
                    struct stopped st = {pc, code, inst, frames, depth, entry_depth};
                    add_backtrace(s, &r, &st);
                }
                *out = r;
                STATS_END();
                return 1;
            }
            RELOAD_MEM();
            pc = cret;
            DISPATCH();
        }
    }
    CASE(select) {
        S(1) = I32(4) ? S(2) : S(3);
        NEXT(5);
    }
    CASE(global_get) {
        S(1) = inst->globals[pc[2]]->val[0];
        NEXT(3);
    }
    CASE(global_set) {
        inst->globals[pc[2]]->val[0] = S(1);
        NEXT(3);
    }
    CASE(global_add_i) {
        uint64_t *g = inst->globals[pc[2]]->val;
        uint32_t v = (uint32_t)*g + pc[3];
        *g = v;
        SET32(1, v);
        NEXT(4);
    }
    CASE(global_set_add) {
        inst->globals[pc[2]]->val[0] = (uint32_t)(I32(1) + pc[3]);
        NEXT(4);
    }
    CASE(global_get2) {
        const struct wisp_global *g = inst->globals[pc[2]];
        fp[pc[1]] = g->val[0];
        fp[pc[1] + 1] = g->val[1];
        NEXT(3);
    }
    CASE(global_set2) {
        struct wisp_global *g = inst->globals[pc[2]];
        g->val[0] = fp[pc[1]];
        g->val[1] = fp[pc[1] + 1];
        NEXT(3);
    }

    /* ---- memory ---- */
    LOAD(ld8s32, uint8_t, 1, SX32((int8_t)v))
    LOAD(ld8s64, uint8_t, 1, SX64((int8_t)v))
    SIMPLE(ld8u)
    LOAD(ld16s32, uint16_t, 2, SX32((int16_t)LE16(v)))
    LOAD(ld16s64, uint16_t, 2, SX64((int16_t)LE16(v)))
    LOAD(ld16u, uint16_t, 2, LE16(v))
    SIMPLE(ld32)
    LOAD(ld32s64, uint32_t, 4, SX64((int32_t)LE32(v)))
    SIMPLE(ld64)
    STORE(st8, uint8_t, 1, S(2))
    STORE(st16, uint16_t, 2, LE16((uint16_t)S(2)))
    SIMPLE(st32)
    STORE(st64, uint64_t, 8, LE64(S(2)))
    STORE(st8_i, uint8_t, 1, pc[2])
    STORE(st16_i, uint16_t, 2, LE16((uint16_t)pc[2]))
    STORE(st32_i, uint32_t, 4, LE32(pc[2]))
    STORE(st64_i, uint64_t, 8, LE64(SX64((int32_t)pc[2])))
    LOAD_W(ld8s32_w, uint8_t, 1, SX32((int8_t)v))
    LOAD_W(ld8s64_w, uint8_t, 1, SX64((int8_t)v))
    LOAD_W(ld8u_w, uint8_t, 1, v)
    LOAD_W(ld16s32_w, uint16_t, 2, SX32((int16_t)LE16(v)))
    LOAD_W(ld16s64_w, uint16_t, 2, SX64((int16_t)LE16(v)))
    LOAD_W(ld16u_w, uint16_t, 2, LE16(v))
    SIMPLE(ld32_w)
    LOAD_W(ld32s64_w, uint32_t, 4, SX64((int32_t)LE32(v)))
    LOAD_W(ld64_w, uint64_t, 8, LE64(v))
    STORE_W(st8_w, uint8_t, 1, S(2))
    STORE_W(st16_w, uint16_t, 2, LE16((uint16_t)S(2)))
    STORE_W(st32_w, uint32_t, 4, LE32((uint32_t)S(2)))
    STORE_W(st64_w, uint64_t, 8, LE64(S(2)))
    LOAD_X(ld8s32_x, uint8_t, 1, 0, SX32((int8_t)v))
    LOAD_X(ld8s64_x, uint8_t, 1, 0, SX64((int8_t)v))
    LOAD_X(ld8u_x, uint8_t, 1, 0, v)
    LOAD_X(ld16s32_x, uint16_t, 2, 1, SX32((int16_t)LE16(v)))
    LOAD_X(ld16s64_x, uint16_t, 2, 1, SX64((int16_t)LE16(v)))
    LOAD_X(ld16u_x, uint16_t, 2, 1, LE16(v))
    SIMPLE(ld32_x)
    LOAD_X(ld32s64_x, uint32_t, 4, 2, SX64((int32_t)LE32(v)))
    LOAD_X(ld64_x, uint64_t, 8, 3, LE64(v))
    STORE_X(st8_x, uint8_t, 1, 0, S(3))
    STORE_X(st16_x, uint16_t, 2, 1, LE16((uint16_t)S(3)))
    STORE_X(st32_x, uint32_t, 4, 2, LE32((uint32_t)S(3)))
    STORE_X(st64_x, uint64_t, 8, 3, LE64(S(3)))
    LOAD_X(ld16s32_x0, uint16_t, 2, 0, SX32((int16_t)LE16(v)))
    LOAD_X(ld16s64_x0, uint16_t, 2, 0, SX64((int16_t)LE16(v)))
    LOAD_X(ld16u_x0, uint16_t, 2, 0, LE16(v))
    LOAD_X(ld32_x0, uint32_t, 4, 0, LE32(v))
    LOAD_X(ld32s64_x0, uint32_t, 4, 0, SX64((int32_t)LE32(v)))
    LOAD_X(ld64_x0, uint64_t, 8, 0, LE64(v))
    STORE_X(st16_x0, uint16_t, 2, 0, LE16((uint16_t)S(3)))
    STORE_X(st32_x0, uint32_t, 4, 0, LE32((uint32_t)S(3)))
    STORE_X(st64_x0, uint64_t, 8, 0, LE64(S(3)))
    CASE(memory_size) {
        SET32(1, memsize / 65536u);
        NEXT(2);
    }
    CASE(memory_grow) {
        int64_t r = rt_memory_grow(inst->mem0, I32(2));
        SET32(1, (int32_t)r);
        RELOAD_MEM();
        NEXT(3);
    }
    CASE(memory_fill) {
        uint32_t d = I32(1), n = I32(3);
        uint8_t v = (uint8_t)S(2);
        MEM_CHECK((uint64_t)d, n);
        memset(mem + d, v, n);
        NEXT(4);
    }
    CASE(memory_copy) {
        uint32_t d = I32(1), src = I32(2), n = I32(3);
        MEM_CHECK((uint64_t)d, n);
        MEM_CHECK((uint64_t)src, n);
        memmove(mem + d, mem + src, n);
        NEXT(4);
    }
    CASE(memory_init) {
        uint32_t d = I32(1), src = I32(2), n = I32(3), x = pc[4];
        const struct mod_data *seg = &inst->mod->datas[x];
        uint32_t len = inst->data_dropped[x] ? 0 : seg->len;
        if (UNLIKELY((uint64_t)src + n > len)) TRAP(WISP_TRAP_MEMORY_OUT_OF_BOUNDS);
        MEM_CHECK((uint64_t)d, n);
        if (n) memcpy(mem + d, inst->mod->bytes + seg->start + src, n);
        NEXT(5);
    }
    CASE(data_drop) {
        inst->data_dropped[pc[1]] = true;
        NEXT(2);
    }

    /* ---- tables and references ---- */
    CASE(table_get) {
        const struct wisp_table *t = inst->tables[pc[3]];
        uint32_t i = I32(2);
        if (UNLIKELY(i >= t->size)) TRAP(WISP_TRAP_TABLE_OUT_OF_BOUNDS);
        S(1) = t->elems[i];
        NEXT(4);
    }
    CASE(table_set) {
        struct wisp_table *t = inst->tables[pc[3]];
        uint32_t i = I32(1);
        if (UNLIKELY(i >= t->size)) TRAP(WISP_TRAP_TABLE_OUT_OF_BOUNDS);
        t->elems[i] = (uintptr_t)S(2);
        NEXT(4);
    }
    CASE(table_size) {
        SET32(1, inst->tables[pc[2]]->size);
        NEXT(3);
    }
    CASE(table_grow) {
        int64_t r = rt_table_grow(inst->tables[pc[4]], I32(3), (uintptr_t)S(2));
        SET32(1, (int32_t)r);
        NEXT(5);
    }
    CASE(table_fill) {
        int t = tab_fill(inst->tables[pc[4]], I32(1), S(2), I32(3));
        if (UNLIKELY(t)) TRAP(t);
        NEXT(5);
    }
    CASE(table_copy) {
        int t = tab_copy(inst->tables[pc[4]], inst->tables[pc[5]], I32(1), I32(2), I32(3));
        if (UNLIKELY(t)) TRAP(t);
        NEXT(6);
    }
    CASE(table_init) {
        int t = tab_init(inst->tables[pc[5]], &inst->elems[pc[4]], I32(1), I32(2), I32(3));
        if (UNLIKELY(t)) TRAP(t);
        NEXT(6);
    }
    CASE(elem_drop) {
        inst->elems[pc[1]].count = 0;
        NEXT(2);
    }
    CASE(ref_func) {
        S(1) = (uintptr_t)inst->funcs[pc[2]];
        NEXT(3);
    }

    /* ---- numerics ---- */
    UN(i32_eqz, uint32_t, I32, SET32, a == 0)
    BIN(i32_eq, uint32_t, I32, SET32, a == b)
    BIN(i32_ne, uint32_t, I32, SET32, a != b)
    BIN(i32_lt_s, uint32_t, I32, SET32, (int32_t)a < (int32_t)b)
    BIN(i32_lt_u, uint32_t, I32, SET32, a < b)
    BIN(i32_gt_s, uint32_t, I32, SET32, (int32_t)a > (int32_t)b)
    BIN(i32_gt_u, uint32_t, I32, SET32, a > b)
    BIN(i32_le_s, uint32_t, I32, SET32, (int32_t)a <= (int32_t)b)
    BIN(i32_le_u, uint32_t, I32, SET32, a <= b)
    BIN(i32_ge_s, uint32_t, I32, SET32, (int32_t)a >= (int32_t)b)
    BIN(i32_ge_u, uint32_t, I32, SET32, a >= b)
    UN(i64_eqz, uint64_t, I64, SET32, a == 0)
    BIN(i64_eq, uint64_t, I64, SET32, a == b)
    BIN(i64_ne, uint64_t, I64, SET32, a != b)
    BIN(i64_lt_s, uint64_t, I64, SET32, (int64_t)a < (int64_t)b)
    BIN(i64_lt_u, uint64_t, I64, SET32, a < b)
    BIN(i64_gt_s, uint64_t, I64, SET32, (int64_t)a > (int64_t)b)
    BIN(i64_gt_u, uint64_t, I64, SET32, a > b)
    BIN(i64_le_s, uint64_t, I64, SET32, (int64_t)a <= (int64_t)b)
    BIN(i64_le_u, uint64_t, I64, SET32, a <= b)
    BIN(i64_ge_s, uint64_t, I64, SET32, (int64_t)a >= (int64_t)b)
    BIN(i64_ge_u, uint64_t, I64, SET32, a >= b)
    BIN(f32_eq, float, F32, SET32, a == b)
    BIN(f32_ne, float, F32, SET32, a != b)
    BIN(f32_lt, float, F32, SET32, a < b)
    BIN(f32_gt, float, F32, SET32, a > b)
    BIN(f32_le, float, F32, SET32, a <= b)
    BIN(f32_ge, float, F32, SET32, a >= b)
    BIN(f64_eq, double, F64, SET32, a == b)
    BIN(f64_ne, double, F64, SET32, a != b)
    BIN(f64_lt, double, F64, SET32, a < b)
    BIN(f64_gt, double, F64, SET32, a > b)
    BIN(f64_le, double, F64, SET32, a <= b)
    BIN(f64_ge, double, F64, SET32, a >= b)

    UN(i32_clz, uint32_t, I32, SET32, num_i32_clz(a))
    UN(i32_ctz, uint32_t, I32, SET32, num_i32_ctz(a))
    UN(i32_popcnt, uint32_t, I32, SET32, num_i32_popcnt(a))
    SIMPLE(i32_add)
    SIMPLE(i32_sub)
    BIN(i32_mul, uint32_t, I32, SET32, a * b)
    CASE(i32_div_s) {
        uint32_t a = I32(2), b = I32(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        if (UNLIKELY(a == 0x80000000u && b == 0xffffffffu)) TRAP(WISP_TRAP_INTEGER_OVERFLOW);
        SET32(1, (int32_t)a / (int32_t)b);
        NEXT(4);
    }
    CASE(i32_div_u) {
        uint32_t a = I32(2), b = I32(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        SET32(1, a / b);
        NEXT(4);
    }
    CASE(i32_rem_s) {
        uint32_t a = I32(2), b = I32(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        SET32(1, b == 0xffffffffu ? 0 : (int32_t)a % (int32_t)b);
        NEXT(4);
    }
    CASE(i32_rem_u) {
        uint32_t a = I32(2), b = I32(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        SET32(1, a % b);
        NEXT(4);
    }
    BIN(i32_and, uint32_t, I32, SET32, a & b)
    SIMPLE(i32_or)
    SIMPLE(i32_xor)
    BIN(i32_shl, uint32_t, I32, SET32, a << (b & 31))
    BIN(i32_shr_s, uint32_t, I32, SET32, (int32_t)a >> (b & 31))
    BIN(i32_shr_u, uint32_t, I32, SET32, a >> (b & 31))
    BIN(i32_rotl, uint32_t, I32, SET32, num_i32_rotl(a, b))
    BIN(i32_rotr, uint32_t, I32, SET32, num_i32_rotr(a, b))

    UN(i64_clz, uint64_t, I64, SET64, num_i64_clz(a))
    UN(i64_ctz, uint64_t, I64, SET64, num_i64_ctz(a))
    UN(i64_popcnt, uint64_t, I64, SET64, num_i64_popcnt(a))
    BIN(i64_add, uint64_t, I64, SET64, a + b)
    BIN(i64_sub, uint64_t, I64, SET64, a - b)
    BIN(i64_mul, uint64_t, I64, SET64, a * b)
    CASE(i64_div_s) {
        uint64_t a = I64(2), b = I64(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        if (UNLIKELY(a == UINT64_C(0x8000000000000000) && b == UINT64_MAX)) TRAP(WISP_TRAP_INTEGER_OVERFLOW);
        SET64(1, (int64_t)a / (int64_t)b);
        NEXT(4);
    }
    CASE(i64_div_u) {
        uint64_t a = I64(2), b = I64(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        SET64(1, a / b);
        NEXT(4);
    }
    CASE(i64_rem_s) {
        uint64_t a = I64(2), b = I64(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        SET64(1, b == UINT64_MAX ? 0 : (int64_t)a % (int64_t)b);
        NEXT(4);
    }
    CASE(i64_rem_u) {
        uint64_t a = I64(2), b = I64(3);
        if (UNLIKELY(b == 0)) TRAP(WISP_TRAP_INTEGER_DIVIDE_BY_ZERO);
        SET64(1, a % b);
        NEXT(4);
    }
    BIN(i64_and, uint64_t, I64, SET64, a & b)
    BIN(i64_or, uint64_t, I64, SET64, a | b)
    BIN(i64_xor, uint64_t, I64, SET64, a ^ b)
    BIN(i64_shl, uint64_t, I64, SET64, a << (b & 63))
    BIN(i64_shr_s, uint64_t, I64, SET64, (int64_t)a >> (b & 63))
    BIN(i64_shr_u, uint64_t, I64, SET64, a >> (b & 63))
    BIN(i64_rotl, uint64_t, I64, SET64, num_i64_rotl(a, b))
    BIN(i64_rotr, uint64_t, I64, SET64, num_i64_rotr(a, b))

    UN(f32_abs, float, F32, SETF32, num_f32_abs(a))
    UN(f32_neg, float, F32, SETF32, num_f32_neg(a))
    UN(f32_ceil, float, F32, SETF32, num_f32_ceil(a))
    UN(f32_floor, float, F32, SETF32, num_f32_floor(a))
    UN(f32_trunc, float, F32, SETF32, num_f32_trunc(a))
    UN(f32_nearest, float, F32, SETF32, num_f32_nearest(a))
    UN(f32_sqrt, float, F32, SETF32, SQRT32(a))
    BIN(f32_add, float, F32, SETF32, a + b)
    BIN(f32_sub, float, F32, SETF32, a - b)
    BIN(f32_mul, float, F32, SETF32, a * b)
    BIN(f32_div, float, F32, SETF32, a / b)
    BIN(f32_min, float, F32, SETF32, num_f32_min(a, b))
    BIN(f32_max, float, F32, SETF32, num_f32_max(a, b))
    BIN(f32_copysign, float, F32, SETF32, num_f32_copysign(a, b))
    UN(f64_abs, double, F64, SETF64, num_f64_abs(a))
    UN(f64_neg, double, F64, SETF64, num_f64_neg(a))
    UN(f64_ceil, double, F64, SETF64, num_f64_ceil(a))
    UN(f64_floor, double, F64, SETF64, num_f64_floor(a))
    UN(f64_trunc, double, F64, SETF64, num_f64_trunc(a))
    UN(f64_nearest, double, F64, SETF64, num_f64_nearest(a))
    UN(f64_sqrt, double, F64, SETF64, SQRT64(a))
    BIN(f64_add, double, F64, SETF64, a + b)
    BIN(f64_sub, double, F64, SETF64, a - b)
    SIMPLE(f64_mul)
    BIN(f64_div, double, F64, SETF64, a / b)
    BIN(f64_min, double, F64, SETF64, num_f64_min(a, b))
    BIN(f64_max, double, F64, SETF64, num_f64_max(a, b))
    BIN(f64_copysign, double, F64, SETF64, num_f64_copysign(a, b))

    UN(i32_wrap_i64, uint64_t, I64, SET32, (uint32_t)a)
    TRUNC(i32_trunc_f32_s, float, F32, int32_t, num_i32_trunc_f32_s, SET32)
    TRUNC(i32_trunc_f32_u, float, F32, uint32_t, num_i32_trunc_f32_u, SET32)
    TRUNC(i32_trunc_f64_s, double, F64, int32_t, num_i32_trunc_f64_s, SET32)
    TRUNC(i32_trunc_f64_u, double, F64, uint32_t, num_i32_trunc_f64_u, SET32)
    UN(i64_extend_i32_s, uint32_t, I32, SET64, SX64((int32_t)a))
    UN(i64_extend_i32_u, uint32_t, I32, SET64, a)
    TRUNC(i64_trunc_f32_s, float, F32, int64_t, num_i64_trunc_f32_s, SET64)
    TRUNC(i64_trunc_f32_u, float, F32, uint64_t, num_i64_trunc_f32_u, SET64)
    TRUNC(i64_trunc_f64_s, double, F64, int64_t, num_i64_trunc_f64_s, SET64)
    TRUNC(i64_trunc_f64_u, double, F64, uint64_t, num_i64_trunc_f64_u, SET64)
    UN(f32_convert_i32_s, uint32_t, I32, SETF32, num_f32_convert_i32_s((int32_t)a))
    UN(f32_convert_i32_u, uint32_t, I32, SETF32, num_f32_convert_i32_u(a))
    UN(f32_convert_i64_s, uint64_t, I64, SETF32, num_f32_convert_i64_s((int64_t)a))
    UN(f32_convert_i64_u, uint64_t, I64, SETF32, num_f32_convert_i64_u(a))
    UN(f32_demote_f64, double, F64, SETF32, num_f32_demote_f64(a))
    UN(f64_convert_i32_s, uint32_t, I32, SETF64, num_f64_convert_i32_s((int32_t)a))
    UN(f64_convert_i32_u, uint32_t, I32, SETF64, num_f64_convert_i32_u(a))
    UN(f64_convert_i64_s, uint64_t, I64, SETF64, num_f64_convert_i64_s((int64_t)a))
    UN(f64_convert_i64_u, uint64_t, I64, SETF64, num_f64_convert_i64_u(a))
    UN(f64_promote_f32, float, F32, SETF64, num_f64_promote_f32(a))
    /* Reinterpretations keep the slot's bits (the compiler emits none of these). */
    UN(i32_reinterpret_f32, uint64_t, I64, SET64, a)
    UN(i64_reinterpret_f64, uint64_t, I64, SET64, a)
    UN(f32_reinterpret_i32, uint64_t, I64, SET64, a)
    UN(f64_reinterpret_i64, uint64_t, I64, SET64, a)
    UN(i32_extend8_s, uint32_t, I32, SET32, SX32((int8_t)(uint8_t)a))
    UN(i32_extend16_s, uint32_t, I32, SET32, SX32((int16_t)(uint16_t)a))
    UN(i64_extend8_s, uint64_t, I64, SET64, SX64((int8_t)(uint8_t)a))
    UN(i64_extend16_s, uint64_t, I64, SET64, SX64((int16_t)(uint16_t)a))
    UN(i64_extend32_s, uint64_t, I64, SET64, SX64((int32_t)(uint32_t)a))
    UN(i32_trunc_sat_f32_s, float, F32, SET32, num_i32_trunc_sat_f32_s(a))
    UN(i32_trunc_sat_f32_u, float, F32, SET32, num_i32_trunc_sat_f32_u(a))
    UN(i32_trunc_sat_f64_s, double, F64, SET32, num_i32_trunc_sat_f64_s(a))
    UN(i32_trunc_sat_f64_u, double, F64, SET32, num_i32_trunc_sat_f64_u(a))
    UN(i64_trunc_sat_f32_s, float, F32, SET64, num_i64_trunc_sat_f32_s(a))
    UN(i64_trunc_sat_f32_u, float, F32, SET64, num_i64_trunc_sat_f32_u(a))
    UN(i64_trunc_sat_f64_s, double, F64, SET64, num_i64_trunc_sat_f64_s(a))
    UN(i64_trunc_sat_f64_u, double, F64, SET64, num_i64_trunc_sat_f64_u(a))

    /* ---- with a constant operand ---- */
    SIMPLE(i32_add_i)
    BIN_I32_IMM(i32_mul_i, a * b)
    SIMPLE(i32_and_i)
    BIN_I32_IMM(i32_or_i, a | b)
    BIN_I32_IMM(i32_xor_i, a ^ b)
    SIMPLE(i32_shl_i)
    BIN_I32_IMM(i32_shr_s_i, (int32_t)a >> (b & 31))
    SIMPLE(i32_shr_u_i)
    SIMPLE(i32_rotl_i)
    BIN_I32_IMM(i32_rotr_i, num_i32_rotr(a, b))
    BIN_I32_IMM(i32_eq_i, a == b)
    BIN_I32_IMM(i32_ne_i, a != b)
    BIN_I32_IMM(i32_lt_s_i, (int32_t)a < (int32_t)b)
    SIMPLE(i32_lt_u_i)
    BIN_I32_IMM(i32_gt_s_i, (int32_t)a > (int32_t)b)
    BIN_I32_IMM(i32_gt_u_i, a > b)
    BIN_I32_IMM(i32_le_s_i, (int32_t)a <= (int32_t)b)
    BIN_I32_IMM(i32_le_u_i, a <= b)
    BIN_I32_IMM(i32_ge_s_i, (int32_t)a >= (int32_t)b)
    BIN_I32_IMM(i32_ge_u_i, a >= b)
    BIN_I32_IMM(i32_rsub_i, b - a)
    BIN_I64_IMM(i64_add_i, a + b)
    BIN_I64_IMM(i64_mul_i, a * b)
    BIN_I64_IMM(i64_and_i, a & b)
    BIN_I64_IMM(i64_or_i, a | b)
    BIN_I64_IMM(i64_xor_i, a ^ b)
    BIN_I64_IMM(i64_shl_i, a << (b & 63))
    BIN_I64_IMM(i64_shr_s_i, (int64_t)a >> (b & 63))
    BIN_I64_IMM(i64_shr_u_i, a >> (b & 63))
    BIN_I64_IMM(i64_rotl_i, num_i64_rotl(a, b))
    BIN_I64_IMM(i64_rotr_i, num_i64_rotr(a, b))
    BIN_I64_IMM(i64_eq_i, (uint32_t)(a == b))
    BIN_I64_IMM(i64_ne_i, (uint32_t)(a != b))
    BIN_I64_IMM(i64_lt_s_i, (uint32_t)((int64_t)a < (int64_t)b))
    BIN_I64_IMM(i64_lt_u_i, (uint32_t)(a < b))
    BIN_I64_IMM(i64_gt_s_i, (uint32_t)((int64_t)a > (int64_t)b))
    BIN_I64_IMM(i64_gt_u_i, (uint32_t)(a > b))
    BIN_I64_IMM(i64_le_s_i, (uint32_t)((int64_t)a <= (int64_t)b))
    BIN_I64_IMM(i64_le_u_i, (uint32_t)(a <= b))
    BIN_I64_IMM(i64_ge_s_i, (uint32_t)((int64_t)a >= (int64_t)b))
    BIN_I64_IMM(i64_ge_u_i, (uint32_t)(a >= b))
    BIN_I64_IMM(i64_rsub_i, b - a)

    /* ---- compare and branch ---- */
    BR_CMP(br_i32_eq, uint32_t, I32(1), I32(2), a == b)
    BR_CMP(br_i32_ne, uint32_t, I32(1), I32(2), a != b)
    BR_CMP(br_i32_lt_s, uint32_t, I32(1), I32(2), (int32_t)a < (int32_t)b)
    BR_CMP(br_i32_lt_u, uint32_t, I32(1), I32(2), a < b)
    BR_CMP(br_i32_gt_s, uint32_t, I32(1), I32(2), (int32_t)a > (int32_t)b)
    BR_CMP(br_i32_gt_u, uint32_t, I32(1), I32(2), a > b)
    BR_CMP(br_i32_le_s, uint32_t, I32(1), I32(2), (int32_t)a <= (int32_t)b)
    BR_CMP(br_i32_le_u, uint32_t, I32(1), I32(2), a <= b)
    BR_CMP(br_i32_ge_s, uint32_t, I32(1), I32(2), (int32_t)a >= (int32_t)b)
    BR_CMP(br_i32_ge_u, uint32_t, I32(1), I32(2), a >= b)
    BR_CMP(br_i64_eq, uint64_t, I64(1), I64(2), a == b)
    BR_CMP(br_i64_ne, uint64_t, I64(1), I64(2), a != b)
    BR_CMP(br_i64_lt_s, uint64_t, I64(1), I64(2), (int64_t)a < (int64_t)b)
    BR_CMP(br_i64_lt_u, uint64_t, I64(1), I64(2), a < b)
    BR_CMP(br_i64_gt_s, uint64_t, I64(1), I64(2), (int64_t)a > (int64_t)b)
    BR_CMP(br_i64_gt_u, uint64_t, I64(1), I64(2), a > b)
    BR_CMP(br_i64_le_s, uint64_t, I64(1), I64(2), (int64_t)a <= (int64_t)b)
    BR_CMP(br_i64_le_u, uint64_t, I64(1), I64(2), a <= b)
    BR_CMP(br_i64_ge_s, uint64_t, I64(1), I64(2), (int64_t)a >= (int64_t)b)
    BR_CMP(br_i64_ge_u, uint64_t, I64(1), I64(2), a >= b)
    BR_CMP(br_i32_eq_i, uint32_t, I32(1), pc[2], a == b)
    BR_CMP(br_i32_ne_i, uint32_t, I32(1), pc[2], a != b)
    BR_CMP(br_i32_lt_s_i, uint32_t, I32(1), pc[2], (int32_t)a < (int32_t)b)
    BR_CMP(br_i32_lt_u_i, uint32_t, I32(1), pc[2], a < b)
    BR_CMP(br_i32_gt_s_i, uint32_t, I32(1), pc[2], (int32_t)a > (int32_t)b)
    BR_CMP(br_i32_gt_u_i, uint32_t, I32(1), pc[2], a > b)
    BR_CMP(br_i32_le_s_i, uint32_t, I32(1), pc[2], (int32_t)a <= (int32_t)b)
    BR_CMP(br_i32_le_u_i, uint32_t, I32(1), pc[2], a <= b)
    BR_CMP(br_i32_ge_s_i, uint32_t, I32(1), pc[2], (int32_t)a >= (int32_t)b)
    BR_CMP(br_i32_ge_u_i, uint32_t, I32(1), pc[2], a >= b)
    BR_CMP(br_i64_eq_i, uint64_t, I64(1), SX64((int32_t)pc[2]), a == b)
    BR_CMP(br_i64_ne_i, uint64_t, I64(1), SX64((int32_t)pc[2]), a != b)
    BR_CMP(br_i64_lt_s_i, uint64_t, I64(1), SX64((int32_t)pc[2]), (int64_t)a < (int64_t)b)
    BR_CMP(br_i64_lt_u_i, uint64_t, I64(1), SX64((int32_t)pc[2]), a < b)
    BR_CMP(br_i64_gt_s_i, uint64_t, I64(1), SX64((int32_t)pc[2]), (int64_t)a > (int64_t)b)
    BR_CMP(br_i64_gt_u_i, uint64_t, I64(1), SX64((int32_t)pc[2]), a > b)
    BR_CMP(br_i64_le_s_i, uint64_t, I64(1), SX64((int32_t)pc[2]), (int64_t)a <= (int64_t)b)
    BR_CMP(br_i64_le_u_i, uint64_t, I64(1), SX64((int32_t)pc[2]), a <= b)
    BR_CMP(br_i64_ge_s_i, uint64_t, I64(1), SX64((int32_t)pc[2]), (int64_t)a >= (int64_t)b)
    BR_CMP(br_i64_ge_u_i, uint64_t, I64(1), SX64((int32_t)pc[2]), a >= b)

    /* ---- a loop's closing branch with its induction variable's update ---- */
    BR_ADD(br_add_eq, a == b)
    BR_ADD(br_add_ne, a != b)
    BR_ADD(br_add_lt_s, (int32_t)a < (int32_t)b)
    BR_ADD(br_add_lt_u, a < b)
    BR_ADD(br_add_gt_s, (int32_t)a > (int32_t)b)
    BR_ADD(br_add_gt_u, a > b)
    BR_ADD(br_add_le_s, (int32_t)a <= (int32_t)b)
    BR_ADD(br_add_le_u, a <= b)
    BR_ADD(br_add_ge_s, (int32_t)a >= (int32_t)b)
    BR_ADD(br_add_ge_u, a >= b)
    BR_ADD_R(br_add_eq_r, a == b)
    BR_ADD_R(br_add_ne_r, a != b)
    BR_ADD_R(br_add_lt_s_r, (int32_t)a < (int32_t)b)
    BR_ADD_R(br_add_lt_u_r, a < b)
    BR_ADD_R(br_add_gt_s_r, (int32_t)a > (int32_t)b)
    BR_ADD_R(br_add_gt_u_r, a > b)
    BR_ADD_R(br_add_le_s_r, (int32_t)a <= (int32_t)b)
    BR_ADD_R(br_add_le_u_r, a <= b)
    BR_ADD_R(br_add_ge_s_r, (int32_t)a >= (int32_t)b)
    BR_ADD_R(br_add_ge_u_r, a >= b)

    /* ---- f64 arithmetic on memory ---- */
    F64_M(f64_add_m, x + m)
    SIMPLE(f64_sub_m)
    F64_M(f64_rsub_m, m - x)
    F64_M(f64_mul_m, x * m)
    F64_M(f64_div_m, x / m)
    F64_M(f64_rdiv_m, m / x)
    F64_RMW(f64_add_rmw, m + x)
    F64_RMW(f64_sub_rmw, m - x)
    F64_RMW(f64_mul_rmw, m * x)
    SIMPLE(f64_mac_rmw)
    SIMPLE(f64_mac_rmw_a)
    F64_K(f64_add_k, x + k)
    F64_K(f64_sub_k, x - k)
    F64_K(f64_rsub_k, k - x)
    F64_K(f64_mul_k, x * k)
    F64_K(f64_div_k, x / k)
    F64_K(f64_rdiv_k, k / x)
    SIMPLE(mov8)
    MOV(mov16, 2)
    MOV(mov32, 4)
    MOV(mov64, 8)
    BR_AND(br_and_nz, (a & b) != 0)
    BR_AND(br_and_z, (a & b) == 0)

    /* ---- fused pairs and triples ---- */
    INTERP_PAIR_PARTS(PAIR_)
    INTERP_TRIPLE_PARTS(TRIPLE_)

#if !INTERP_THREADED
    case OP_COUNT_: break;
    }
    /* Not reached for code made by compile.c. */
    TRAP(WISP_TRAP_UNREACHABLE);
#endif

trap_: {
    struct stopped st = {pc, code, inst, frames, depth, entry_depth};
    *out = make_trap(s, trap, &st);
    STATS_END();
    return 1;
}
done_:
    STATS_END();
    return 0;
}

const int32_t *interp_handler_words(void) {
    const int32_t *w = NULL;
    run(NULL, NULL, NULL, NULL, &w);
    return w;
}

/* Makes sure the call records exist (max_depth of them). */
static int ensure_frames(struct wisp_store *s) {
    struct rt_exec *ex = &s->exec;
    if (ex->max_depth == 0) ex->max_depth = s->engine->cfg.max_call_depth ? s->engine->cfg.max_call_depth : 10000;
    size_t need = (size_t)ex->max_depth * sizeof(struct interp_frame);
    if (ex->frames && ex->frames_bytes >= need) return 0;
    if (ex->frames) {
        /* max_depth was raised between calls: only while nothing runs. */
        if (ex->depth) {
            ex->max_depth = (uint32_t)(ex->frames_bytes / sizeof(struct interp_frame));
            return 0;
        }
        base_free(s->alloc, ex->frames, ex->frames_bytes);
        ex->frames = NULL;
        ex->frames_bytes = 0;
    }
    void *f = base_alloc(s->alloc, need);
    if (!f) return -1;
    ex->frames = f;
    ex->frames_bytes = need;
    return 0;
}

/* Where this activation is on the native stack: the frame address where the compiler gives it (a
 * local's address may be in a sanitizer's heap-allocated "fake stack"), else a local's address. */
#if defined(__GNUC__)
#define NATIVE_POSITION(local) ((void)(local), (uintptr_t)__builtin_frame_address(0))
#else
#define NATIVE_POSITION(local) ((uintptr_t)(const void *)&(local))
#endif

/* True if a nested activation starting here would take the native stack past the configured
 * budget. Measured as a distance from the outermost activation, so the direction the stack
 * grows in does not matter. */
static bool native_stack_exhausted(const struct wisp_store *s, uintptr_t here) {
    uintptr_t base = s->exec.native_base;
    uintptr_t used = here < base ? base - here : here - base;
    return (uint64_t)used > s->engine->cfg.native_stack_bytes;
}

int interp_invoke(struct wisp_store *s, struct wisp_func *func, uint64_t *slots, struct wisp_result *out) {
    if (UNLIKELY(func->kind != RT_FUNC_WASM)) return rt_host_invoke(s, func, NULL, slots, out);
    struct rt_exec *ex = &s->exec;
    /* The stack and call records are set up once per store (ensure_frames also follows a raised
     * max_depth): one test on the way in. */
    if (UNLIKELY(!ex->stack || ex->frames_bytes < (size_t)ex->max_depth * sizeof(struct interp_frame) ||
                 !ex->frames) &&
        (rt_exec_ensure(s) != 0 || ensure_frames(s) != 0)) {
        *out = base_oom();
        return 1;
    }
    const struct interp_code *code = func->code;
    char marker = 0;
    uintptr_t here = NATIVE_POSITION(marker);

    /* Frame: in place when the arguments are already on the value stack, else copied there. */
    bool in_stack = (uintptr_t)slots >= (uintptr_t)ex->sp && (uintptr_t)slots < (uintptr_t)ex->stack_end;
    uint64_t *fp = in_stack ? slots : ex->sp;
    if (UNLIKELY(ex->depth >= ex->max_depth || (size_t)(ex->stack_end - fp) < code->frame_slots ||
                 (ex->nest > 0 && native_stack_exhausted(s, here)))) {
        *out = base_trap(s->alloc, WISP_TRAP_CALL_STACK_EXHAUSTED);
        out->func_index = code->func_index;
        return 1;
    }
    if (!in_stack && code->nparam_slots) memcpy(fp, slots, (size_t)code->nparam_slots * sizeof *fp);
    {
        /* Zero the locals; most functions have one or two, where a memset call costs more. */
        uint64_t *l = fp + code->zero_lo;
        uint32_t nz = code->zero_hi - code->zero_lo;
        fp[code->zero_slot] = 0;
        if (nz > 2) {
            memset(l, 0, (size_t)nz * sizeof *l);
        } else if (nz) {
            l[0] = 0;
            l[nz - 1] = 0;
        }
    }

    uint64_t *saved_sp = ex->sp;
    uint32_t saved_depth = ex->depth;
    if (ex->nest == 0) ex->native_base = here;
    ex->nest++;
    int stopped = run(s, func, fp, out, NULL);
    ex->nest--;
    if (stopped == 0 && !in_stack && code->nresult_slots)
        memcpy(slots, fp, (size_t)code->nresult_slots * sizeof *fp);
    ex->sp = saved_sp;
    ex->depth = saved_depth;
    return stopped;
}

struct wisp_result interp_call(struct wisp_store *s, struct wisp_func *func, uint64_t *slots) {
    struct wisp_result r;
    if (interp_invoke(s, func, slots, &r) == 0) return base_ok();
    return r;
}
