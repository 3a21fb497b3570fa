/* Stack limits of the interpreter: wasm->wasm recursion against max_call_depth (default and raised
 * to a million), host->wasm re-entry against the native stack budget (also on threads with small
 * stacks), and how the backtraces of deep stacks are folded and counted. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "runtime/runtime.h"
#include "wisp.h"

/*
 * (module
 *   (import "env" "h" (func $h (param i32) (result i32)))
 *   (func $rec (export "rec") (param i32) (result i32)
 *     (if (result i32) (i32.eqz (local.get 0))
 *       (then (i32.const 0))
 *       (else (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
 *   (func $run (export "run") (param i32) (result i32) (call $rec (local.get 0)))
 *   (func $f (param i32) (result i32)
 *     (if (i32.eqz (local.get 0)) (then unreachable))
 *     (call $f (i32.sub (local.get 0) (i32.const 1))))
 *   (func $runf (export "runf") (param i32) (result i32) (call $f (local.get 0)))
 *   (func $g (export "g") (param i32) (result i32) (call $k (local.get 0)))
 *   (func $k (param i32) (result i32) (call $g (local.get 0)))
 *   (func $viaHost (export "viaHost") (param i32) (result i32) (call $h (local.get 0)))
 * )
 * Byte offsets (wat2wasm --debug-names): the call in rec 0x5b, in run 0x66, f's unreachable 0x70
 * and call 0x77, runf's call 0x7e, g's 0x85, k's 0x8c, viaHost's 0x93.
 */
static const uint8_t stack_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x02, 0x09,
    0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x68, 0x00, 0x00, 0x03, 0x08, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x07, 0x22, 0x05, 0x03, 0x72, 0x65, 0x63, 0x00, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x02, 0x04, 0x72,
    0x75, 0x6e, 0x66, 0x00, 0x04, 0x01, 0x67, 0x00, 0x05, 0x07, 0x76, 0x69, 0x61, 0x48, 0x6f, 0x73, 0x74, 0x00,
    0x07, 0x0a, 0x4b, 0x07, 0x15, 0x00, 0x20, 0x00, 0x45, 0x04, 0x7f, 0x41, 0x00, 0x05, 0x20, 0x00, 0x41, 0x01,
    0x6b, 0x10, 0x01, 0x41, 0x01, 0x6a, 0x0b, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x01, 0x0b, 0x10, 0x00, 0x20,
    0x00, 0x45, 0x04, 0x40, 0x00, 0x0b, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x03, 0x0b, 0x06, 0x00, 0x20, 0x00,
    0x10, 0x03, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x06, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x05, 0x0b, 0x06,
    0x00, 0x20, 0x00, 0x10, 0x00, 0x0b, 0x00, 0x40, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x26, 0x08, 0x00, 0x01,
    0x68, 0x01, 0x03, 0x72, 0x65, 0x63, 0x02, 0x03, 0x72, 0x75, 0x6e, 0x03, 0x01, 0x66, 0x04, 0x04, 0x72, 0x75,
    0x6e, 0x66, 0x05, 0x01, 0x67, 0x06, 0x01, 0x6b, 0x07, 0x07, 0x76, 0x69, 0x61, 0x48, 0x6f, 0x73, 0x74, 0x02,
    0x11, 0x08, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x00,
};

/* (module (func $a (export "a") (call $b)) (func $b unreachable)) without its name section: the
 * test appends one with awkward names. The call in a is at 0x1f, b's unreachable at 0x24. */
static const uint8_t names_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03,
    0x02, 0x00, 0x00, 0x07, 0x05, 0x01, 0x01, 0x61, 0x00, 0x00, 0x0a, 0x0a, 0x02, 0x04, 0x00, 0x10,
    0x01, 0x0b, 0x03, 0x00, 0x00, 0x0b,
};

/* ---- helpers -------------------------------------------------------------------------------- */

static struct wisp_value vi32(int32_t x) {
    struct wisp_value v;
    memset(&v, 0, sizeof v);
    v.type = WISP_I32;
    v.of.i32 = x;
    return v;
}

/* What the host function h does, and what it saw. */
struct henv {
    struct wisp_instance *inst;
    bool end_trap;    /* at n == 0: trap in wasm (runf(0)) instead of returning 0 */
    int calls;        /* how many times h ran */
    uintptr_t first;  /* a local's address in the first h */
    size_t deepest;   /* farthest from it a later h ran */
};

/* h(n): n > 0 calls wasm viaHost(n - 1) and adds 1; n == 0 ends (0, or a trap in wasm); n < 0
 * calls viaHost(n) again: host <-> wasm recursion without end. */
static struct wisp_result host_h(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                 struct wisp_value *results) {
    (void)caller;
    struct henv *e = env;
#if defined(__GNUC__)
    uintptr_t at = (uintptr_t)__builtin_frame_address(0); /* the real stack, even with ASan's fake one */
#else
    char here = 0;
    uintptr_t at = (uintptr_t)(void *)&here;
#endif
    if (e->calls++ == 0) e->first = at;
    size_t dist = at < e->first ? e->first - at : at - e->first;
    if (dist > e->deepest) e->deepest = dist;
    int32_t n = args[0].of.i32;
    if (n == 0 && !e->end_trap) {
        results[0] = vi32(0);
        return wisp_ok();
    }
    struct wisp_value a = vi32(n > 0 ? n - 1 : n), r;
    memset(&r, 0, sizeof r);
    struct wisp_result rr = wisp_instance_call(e->inst, n == 0 ? "runf" : "viaHost", &a, 1, &r, 1);
    if (rr.kind != WISP_OK) return rr;
    results[0] = vi32(r.of.i32 + 1);
    return wisp_ok();
}

/* A store with the stack module instantiated, h bound to env. */
static struct wisp_store *setup(struct wisp_engine *eng, struct wisp_module **mod, struct henv *env) {
    struct wisp_result r = wisp_module_new(eng, stack_wasm, sizeof stack_wasm, mod);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    if (!*mod) return NULL;
    struct wisp_store *s = wisp_store_new(eng);
    CHECK(s != NULL);
    if (!s) return NULL;
    static const uint8_t i32t[1] = {WISP_I32};
    struct wisp_functype ht = {1, 1, i32t, i32t};
    struct wisp_extern imp;
    imp.kind = WISP_EXTERN_FUNC;
    imp.of.func = wisp_func_new(s, &ht, host_h, env, NULL);
    CHECK(imp.of.func != NULL);
    r = wisp_instance_new(s, *mod, &imp, 1, &env->inst);
    CHECK(r.kind == WISP_OK && env->inst);
    wisp_result_free(&r);
    return s;
}

static void teardown(struct wisp_store *s, struct wisp_module *m) {
    wisp_store_free(s);
    wisp_module_free(m);
}

static struct wisp_result call1(struct wisp_instance *inst, const char *name, int32_t arg, int32_t *out) {
    struct wisp_value a = vi32(arg), res;
    memset(&res, 0, sizeof res);
    struct wisp_result r = wisp_instance_call(inst, name, &a, 1, &res, 1);
    if (r.kind == WISP_OK && out) *out = res.of.i32;
    return r;
}

/* The text "func[i] \"name\" @0xoff" of a frame, as a backtrace line shows it after "#k ". */
static const char *frame_str(char *buf, size_t cap, uint32_t func, const char *name, uint32_t off) {
    snprintf(buf, cap, "func[%u] \"%s\" @0x%x", (unsigned)func, name, (unsigned)off);
    return buf;
}

/* ---- wasm->wasm recursion -------------------------------------------------------------------- */

/* A million deep with the default max_call_depth (10,000): a clean trap, a folded backtrace. */
static void test_deep_default(void) {
    struct wisp_engine *eng = wisp_engine_new(NULL);
    CHECK(eng != NULL);
    if (!eng) return;
    struct wisp_module *m = NULL;
    struct henv env;
    memset(&env, 0, sizeof env);
    struct wisp_store *s = setup(eng, &m, &env);
    if (!s || !env.inst) {
        teardown(s, m);
        wisp_engine_free(eng);
        return;
    }
    int32_t out = -1;
    struct wisp_result r = call1(env.inst, "run", 9998, &out); /* 9,999 rec frames + run: fits */
    CHECK(r.kind == WISP_OK && out == 9998);
    wisp_result_free(&r);
    r = call1(env.inst, "run", 9999, &out);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    wisp_result_free(&r);

    r = call1(env.inst, "run", 1000000, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    CHECK(r.message && strcmp(r.message, "call stack exhausted") == 0);
    /* The frames array keeps the innermost 256 frames, each a real one. */
    CHECK(r.frame_count == 256);
    if (r.frame_count == 256) {
        CHECK(r.frames[0].func_index == 1 && r.frames[0].offset == 0x5b);
        CHECK(r.frames[255].func_index == 1 && r.frames[255].offset == 0x5b);
        CHECK(r.frames[0].func_name && strcmp(r.frames[0].func_name, "rec") == 0);
    }
    CHECK(r.func_index == 1 && r.offset == 0x5b);
    /* 9,999 frames of rec at its call, then run: two lines, the fold and the total. */
    const char *want = "  #0 func[1] \"rec\" @0x5b\n"
                       "  ... the frame above repeated 9998 more times\n"
                       "  #9999 func[2] \"run\" @0x66\n"
                       "  (10000 frames in all)\n";
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);
    CHECK(s->exec.depth == 0 && s->exec.nest == 0);
    r = call1(env.inst, "run", 10, &out);
    CHECK(r.kind == WISP_OK && out == 10);
    wisp_result_free(&r);
    teardown(s, m);
    wisp_engine_free(eng);
}

/* max_call_depth raised through the API: a million-deep recursion returns, one more frame traps. */
static void test_deep_configured(void) {
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.max_call_depth = 1000002;        /* run + rec(1,000,000) .. rec(0) */
    cfg.value_stack_bytes = 64u << 20;   /* rec's frame is a few slots */
    struct wisp_engine *eng = wisp_engine_new(&cfg);
    CHECK(eng != NULL);
    if (!eng) return;
    struct wisp_module *m = NULL;
    struct henv env;
    memset(&env, 0, sizeof env);
    struct wisp_store *s = setup(eng, &m, &env);
    if (!s || !env.inst) {
        teardown(s, m);
        wisp_engine_free(eng);
        return;
    }
    int32_t out = -1;
    struct wisp_result r = call1(env.inst, "run", 1000000, &out);
    CHECK(r.kind == WISP_OK && out == 1000000);
    if (r.kind != WISP_OK) fprintf(stderr, "rec(1000000): %s\n", r.message ? r.message : "?");
    wisp_result_free(&r);
    r = call1(env.inst, "run", 1000001, &out);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    CHECK(r.frame_count == 256);
    const char *want = "  #0 func[1] \"rec\" @0x5b\n"
                       "  ... the frame above repeated 1000000 more times\n"
                       "  #1000001 func[2] \"run\" @0x66\n"
                       "  (1000002 frames in all)\n";
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);
    CHECK(s->exec.depth == 0);
    r = call1(env.inst, "run", 5, &out);
    CHECK(r.kind == WISP_OK && out == 5);
    wisp_result_free(&r);
    teardown(s, m);
    wisp_engine_free(eng);
}

/* ---- backtrace text ------------------------------------------------------------------------ */

static void test_backtrace_shapes(void) {
    struct wisp_engine *eng = wisp_engine_new(NULL);
    CHECK(eng != NULL);
    if (!eng) return;
    struct wisp_module *m = NULL;
    struct henv env;
    memset(&env, 0, sizeof env);
    struct wisp_store *s = setup(eng, &m, &env);
    if (!s || !env.inst) {
        teardown(s, m);
        wisp_engine_free(eng);
        return;
    }
    char b1[64], b2[64], b3[64], want[512];

    /* Short stacks print every frame, as always, with no total line; so does a run of two. */
    struct wisp_result r = call1(env.inst, "runf", 2, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNREACHABLE && r.frame_count == 4);
    snprintf(want, sizeof want, "  #0 %s\n  #1 %s\n  #2 %s\n  #3 %s\n", frame_str(b1, 64, 3, "f", 0x70),
             frame_str(b2, 64, 3, "f", 0x77), frame_str(b3, 64, 3, "f", 0x77), "func[4] \"runf\" @0x7e");
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);

    /* Three identical frames fold. */
    r = call1(env.inst, "runf", 3, NULL);
    CHECK(r.kind == WISP_TRAP && r.frame_count == 5);
    snprintf(want, sizeof want,
             "  #0 %s\n  #1 %s\n  ... the frame above repeated 2 more times\n  #4 func[4] \"runf\" @0x7e\n"
             "  (5 frames in all)\n",
             frame_str(b1, 64, 3, "f", 0x70), frame_str(b2, 64, 3, "f", 0x77));
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    CHECK(r.frame_count == 5 && r.frames[1].offset == 0x77 && r.frames[3].offset == 0x77 &&
          r.frames[4].func_index == 4);
    wisp_result_free(&r);

    /* Alternating frames do not fold: 256 lines, then the rest counted. */
    r = call1(env.inst, "g", 0, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED && r.frame_count == 256);
    if (r.backtrace) {
        size_t lines = 0;
        for (const char *p = r.backtrace; (p = strstr(p, "  #")) != NULL; p += 3) lines++;
        CHECK(lines == 256);
        CHECK(strstr(r.backtrace, "  #255 func[5] \"g\" @0x85\n  ... 9744 more frames not shown\n"
                                  "  (10000 frames in all)\n") != NULL);
        CHECK(strncmp(r.backtrace, "  #0 func[6] \"k\" @0x8c\n  #1 func[5] \"g\" @0x85\n", 46) == 0);
    } else {
        CHECK(r.backtrace != NULL);
    }
    wisp_result_free(&r);

    /* Across host re-entries: each activation's frames continue the text, runs included.
     * viaHost(n) -> h -> viaHost(n-1) ... -> h(0) -> runf(0) -> f(0): unreachable. */
    env.end_trap = true;
    r = call1(env.inst, "viaHost", 1, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNREACHABLE && r.frame_count == 4);
    snprintf(want, sizeof want, "  #0 %s\n  #1 func[4] \"runf\" @0x7e\n  #2 %s\n  #3 %s\n",
             frame_str(b1, 64, 3, "f", 0x70), frame_str(b2, 64, 7, "viaHost", 0x93),
             frame_str(b3, 64, 7, "viaHost", 0x93));
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);
    r = call1(env.inst, "viaHost", 2, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNREACHABLE && r.frame_count == 5);
    snprintf(want, sizeof want,
             "  #0 %s\n  #1 func[4] \"runf\" @0x7e\n  #2 %s\n  ... the frame above repeated 2 more times\n"
             "  (5 frames in all)\n",
             frame_str(b1, 64, 3, "f", 0x70), frame_str(b2, 64, 7, "viaHost", 0x93));
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);
    r = call1(env.inst, "viaHost", 20, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_UNREACHABLE && r.frame_count == 23);
    snprintf(want, sizeof want,
             "  #0 %s\n  #1 func[4] \"runf\" @0x7e\n  #2 %s\n  ... the frame above repeated 20 more times\n"
             "  (23 frames in all)\n",
             frame_str(b1, 64, 3, "f", 0x70), frame_str(b2, 64, 7, "viaHost", 0x93));
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);
    /* Host re-entry without end: stopped by the native stack budget, one folded run. */
    env.end_trap = false;
    env.calls = 0;
    r = call1(env.inst, "viaHost", -1, NULL);
    CHECK(r.kind == WISP_TRAP && r.trap == WISP_TRAP_CALL_STACK_EXHAUSTED);
    size_t levels = (size_t)env.calls;
    CHECK(levels >= 3);
    CHECK(r.frame_count == (levels < 256 ? levels : 256));
    snprintf(want, sizeof want, "  #0 %s\n  ... the frame above repeated %zu more times\n  (%zu frames in all)\n",
             frame_str(b1, 64, 7, "viaHost", 0x93), levels - 1, levels);
    CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
    if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
    wisp_result_free(&r);
    CHECK(s->exec.depth == 0 && s->exec.nest == 0);
    int32_t out = -1;
    r = call1(env.inst, "viaHost", 2, &out);
    CHECK(r.kind == WISP_OK && out == 2);
    wisp_result_free(&r);
    teardown(s, m);

    /* Names: control characters escaped (a frame is one line), very long names cut. */
    uint8_t mod[1024];
    size_t n = sizeof names_wasm;
    memcpy(mod, names_wasm, n);
    uint8_t sub[600];
    size_t k = 0;
    sub[k++] = 2; /* two names */
    sub[k++] = 0;
    static const char evil[] = "a\n  #1 fake\x1b[0m";
    sub[k++] = (uint8_t)(sizeof evil - 1);
    memcpy(sub + k, evil, sizeof evil - 1);
    k += sizeof evil - 1;
    sub[k++] = 1;
    sub[k++] = 0xac; /* 300 as LEB128 */
    sub[k++] = 0x02;
    memset(sub + k, 'x', 300);
    k += 300;
    size_t payload = 1 + 4 + 1 + 2 + k; /* "name", subsection id, its size (2 bytes), names */
    mod[n++] = 0;
    mod[n++] = (uint8_t)(0x80 | (payload & 0x7f));
    mod[n++] = (uint8_t)(payload >> 7);
    mod[n++] = 4;
    memcpy(mod + n, "name", 4);
    n += 4;
    mod[n++] = 1;
    mod[n++] = (uint8_t)(0x80 | (k & 0x7f));
    mod[n++] = (uint8_t)(k >> 7);
    memcpy(mod + n, sub, k);
    n += k;
    struct wisp_module *nm = NULL;
    r = wisp_module_new(eng, mod, n, &nm);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    if (nm) {
        struct wisp_store *ns = wisp_store_new(eng);
        struct wisp_instance *inst = NULL;
        r = wisp_instance_new(ns, nm, NULL, 0, &inst);
        CHECK(r.kind == WISP_OK);
        wisp_result_free(&r);
        r = wisp_instance_call(inst, "a", NULL, 0, NULL, 0);
        CHECK(r.kind == WISP_TRAP && r.frame_count == 2);
        char x200[201];
        memset(x200, 'x', 200);
        x200[200] = 0;
        snprintf(want, sizeof want, "  #0 func[1] \"%s...\" @0x24\n  #1 func[0] \"a\\x0a  #1 fake\\x1b[0m\" @0x1f\n",
                 x200);
        CHECK(r.backtrace && strcmp(r.backtrace, want) == 0);
        if (r.backtrace && strcmp(r.backtrace, want) != 0) fprintf(stderr, "got:\n%s", r.backtrace);
        /* The frames keep the names as they are. */
        CHECK(r.frame_count == 2 && r.frames[1].func_name && strcmp(r.frames[1].func_name, evil) == 0);
        wisp_result_free(&r);
        wisp_store_free(ns);
        wisp_module_free(nm);
    }
    wisp_engine_free(eng);
}

/* ---- host->wasm re-entry and the native stack -------------------------------------------- */

/* One run of host <-> wasm recursion on a thread: `depth` levels (or without end if < 0). */
struct job {
    uint64_t budget;   /* native_stack_bytes, 0: the default */
    int32_t depth;
    /* out */
    bool ran;
    enum wisp_result_kind kind;
    enum wisp_trap_code trap;
    int32_t value;
    int levels;
    size_t deepest;
    bool clean;        /* depth and nesting back to 0, and the store usable afterwards */
};

static void *job_main(void *arg) {
    struct job *j = arg;
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    if (j->budget) cfg.native_stack_bytes = j->budget;
    struct wisp_engine *eng = wisp_engine_new(&cfg);
    if (!eng) return NULL;
    struct wisp_module *m = NULL;
    struct henv env;
    memset(&env, 0, sizeof env);
    struct wisp_store *s = setup(eng, &m, &env);
    if (s && env.inst) {
        j->ran = true;
        struct wisp_result r = call1(env.inst, "viaHost", j->depth, &j->value);
        j->kind = r.kind;
        j->trap = r.trap;
        j->levels = env.calls;
        j->deepest = env.deepest;
        wisp_result_free(&r);
        int32_t out = -1;
        r = call1(env.inst, "run", 5, &out);
        j->clean = s->exec.depth == 0 && s->exec.nest == 0 && r.kind == WISP_OK && out == 5;
        wisp_result_free(&r);
    }
    teardown(s, m);
    wisp_engine_free(eng);
    return NULL;
}

/* Runs the job on a new thread with `stack` bytes of stack. */
static void run_on_thread(struct job *j, size_t stack) {
    pthread_attr_t at;
    pthread_t t;
    CHECK(pthread_attr_init(&at) == 0);
    CHECK(pthread_attr_setstacksize(&at, stack) == 0);
    int rc = pthread_create(&t, &at, job_main, j);
    CHECK(rc == 0);
    if (rc == 0) CHECK(pthread_join(t, NULL) == 0);
    pthread_attr_destroy(&at);
    CHECK(j->ran);
}

/* The default budget and a thread stack it is safe on. */
#ifdef WISP_SANITIZE
#define DEFAULT_BUDGET (4u << 20)
#define SAFE_STACK (8u << 20)
#else
#define DEFAULT_BUDGET (256u << 10)
#define SAFE_STACK (1u << 20)
#endif

static void test_native_stack(void) {
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    CHECK(cfg.native_stack_bytes == DEFAULT_BUDGET);

    /* Endless re-entry on a thread with the default budget (a 1 MiB thread in normal builds):
     * a trap, not a crash. */
    struct job j;
    memset(&j, 0, sizeof j);
    j.depth = -1;
    run_on_thread(&j, SAFE_STACK);
    CHECK(j.kind == WISP_TRAP && j.trap == WISP_TRAP_CALL_STACK_EXHAUSTED && j.clean);
    CHECK(j.deepest <= DEFAULT_BUDGET);
    printf("%zu KiB thread, default budget: %d levels, %zu bytes apart (%zu a level)\n", (size_t)SAFE_STACK >> 10,
           j.levels, j.deepest, j.levels > 1 ? j.deepest / (size_t)(j.levels - 1) : 0);
    /* The budget is not overly cautious: optimised frames take about 2 KiB a level, clang -O0
     * sanitizer ones about 70 KiB. */
    CHECK(j.levels >= 40);
    int levels_default = j.levels;

    /* What fits is not refused. */
    memset(&j, 0, sizeof j);
    j.depth = levels_default - 2;
    run_on_thread(&j, SAFE_STACK);
    CHECK(j.kind == WISP_OK && j.value == j.depth && j.clean);

    /* A 256 KiB thread with a budget to suit it (even sanitizer frames fit once beyond it). */
    memset(&j, 0, sizeof j);
    j.depth = -1;
    j.budget = 96u << 10;
    run_on_thread(&j, 256u << 10);
    CHECK(j.kind == WISP_TRAP && j.trap == WISP_TRAP_CALL_STACK_EXHAUSTED && j.clean);
    CHECK(j.levels >= 2 && j.levels < levels_default);
    printf("256 KiB thread, 96 KiB budget: %d levels\n", j.levels);

    /* A budget too small for any nesting: the outermost call runs, the first re-entry traps. */
    memset(&j, 0, sizeof j);
    j.depth = 1;
    j.budget = 1;
    run_on_thread(&j, 256u << 10);
    CHECK(j.kind == WISP_TRAP && j.trap == WISP_TRAP_CALL_STACK_EXHAUSTED && j.levels == 1 && j.clean);
    memset(&j, 0, sizeof j);
    j.depth = 0;
    j.budget = 1;
    run_on_thread(&j, 256u << 10);
    CHECK(j.kind == WISP_OK && j.value == 0 && j.levels == 1 && j.clean);
}

int main(void) {
    test_deep_default();
    test_deep_configured();
    test_backtrace_shapes();
    test_native_stack();
    CHECK_DONE();
}
