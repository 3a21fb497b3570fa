/* Test-side disassembly of the interpreter's internal code: the opcode of each instruction of a
 * compiled function, so tests can check which (fused) instructions the compiler chose. */
#ifndef WISP_TEST_CODE_OPS_H
#define WISP_TEST_CODE_OPS_H

#include "interp/code.h"
#include "runtime/runtime.h"

/* The internal opcode a code word stands for (threaded code stores handler offsets). */
static inline int code_op_of_word(uint32_t w) {
    const int32_t *hw = interp_handler_words();
    if (!hw) return w < OP_COUNT_ ? (int)w : -1;
    for (int i = 0; i < OP_COUNT_; i++)
        if (hw[i] == (int32_t)w) return i;
    return -1;
}

/* The opcode of the instruction at *pos, moving *pos past it; -1 on a bad word. */
static inline int code_next(const struct interp_code *c, uint32_t *pos) {
    static const char *const layouts[] = {
#define LAYOUT_(name, layout) layout,
        INTERP_OPS(LAYOUT_)
#undef LAYOUT_
    };
    int op = code_op_of_word(c->words[*pos]);
    if (op < 0) return -1;
    uint32_t len = 1;
    for (const char *l = layouts[op]; *l; l++) {
        if (*l == 'L' || *l == 'P') len += 2;
        else if (*l == 'T') len += 1 + c->words[*pos + len] + 1;
        else len += 1;
    }
    *pos += len;
    return op;
}

/* Fills ops[] with the opcodes of c (at most max); returns how many, or -1 on a bad word. */
static inline int code_ops(const struct interp_code *c, int *ops, int max) {
    int n = 0;
    for (uint32_t pos = 0; pos < c->nwords; n++) {
        int op = code_next(c, &pos);
        if (op < 0) return -1;
        if (n < max) ops[n] = op;
    }
    return n;
}

/* How many instructions of opcode op c has (-1 on a bad word). */
static inline int code_count_op(const struct interp_code *c, int op) {
    int k = 0;
    for (uint32_t pos = 0; pos < c->nwords;) {
        int o = code_next(c, &pos);
        if (o < 0) return -1;
        k += o == op;
    }
    return k;
}

/* The compiled code of a module's function (by function index, imports counted). */
static inline const struct interp_code *code_of(const struct wisp_module *m, uint32_t func_index) {
    return m->mod->compiled[func_index - m->mod->nfuncs_imported];
}

/* Compiles a module without imports and instantiates it in a new store. On failure (CHECKed)
 * returns NULL, with *m and *s NULL or still to be freed by the caller (both free NULL). */
static inline struct wisp_instance *code_instantiate(struct wisp_engine *eng, const uint8_t *bytes, size_t len,
                                                     struct wisp_module **m, struct wisp_store **s) {
    struct wisp_instance *inst = NULL;
    *s = NULL;
    struct wisp_result r = wisp_module_new(eng, bytes, len, m);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    if (r.kind != WISP_OK) *m = NULL;
    if (!*m) return NULL;
    *s = wisp_store_new(eng);
    r = wisp_instance_new(*s, *m, NULL, 0, &inst);
    CHECK(r.kind == WISP_OK);
    wisp_result_free(&r);
    return inst;
}

#endif
