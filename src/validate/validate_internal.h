/* State shared by the module-level checks (validate_module.c) and the function-body algorithm
 * (validate_func.c). Private to src/validate. */
#ifndef WISP_VALIDATE_INTERNAL_H
#define WISP_VALIDATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/result.h"
#include "codegen.h"
#include "opcodes.h"

/* Implementation limits of the body validator (WISP_ERR_LIMIT beyond them). A value stack or a
 * nesting this deep could not run with any sane configuration, and without a cap a call to a
 * function with 1,000 results repeated would let a small body take gigabytes here. */
#define VAL_MAX_STACK_SLOTS (1u << 22)
#define VAL_MAX_NESTING 1000000u

/* One operand-stack entry: where it lives and what it is (VAL_UNKNOWN for a polymorphic one). */
struct val_entry {
    uint32_t slot;
    uint8_t type;
};

/* One control frame. */
struct val_ctrl {
    const uint8_t *params;  /* start types (a loop's label types) */
    const uint8_t *results; /* end types (every other label's types) */
    uint32_t nparams, nresults;
    uint32_t height;        /* operand-stack height below the frame's parameters */
    uint32_t slot;          /* operand-stack slot at that height: the first param / result slot */
    uint32_t offset;        /* of the opcode that opened the frame */
    uint8_t kind;           /* 0x02 block, 0x03 loop, 0x04 if, 0x05 else (if after else), 0x00 function */
    bool unreachable;       /* the rest of the current branch is dead (stack is polymorphic) */
    bool reported;          /* the frame's start was reported to the code generator */
};

struct val_ctx {
    struct module *m;
    const struct cg_backend *cg;
    struct wisp_result err;
    uint32_t func_index; /* function being validated (absolute), or UINT32_MAX at module level */

    /* Operand stack. */
    struct val_entry *vals;
    size_t vals_cap;     /* kept above max_slot: pushes need no capacity check */
    uint32_t nvals;
    uint32_t top_slot; /* slot of the next value pushed */
    uint32_t max_slot; /* peak of top_slot in the current function */

    /* Control stack. */
    struct val_ctrl *ctrls;
    size_t ctrls_cap;
    uint32_t nctrls;

    /* Locals of the current function (params first). */
    uint8_t *local_types;
    size_t local_types_cap;
    uint32_t *local_slot;
    size_t local_slot_cap;
    uint32_t nlocals;

    /* br_table targets of the current instruction. */
    uint32_t *depths;
    size_t depths_cap;
};

/* The allocator of the results val_module returns: the one the module was decoded with, which
 * outlives the module (m->alloc is only a copy of it, gone with the module). */
static inline const struct wisp_allocator *val_result_alloc(const struct module *m) {
    return m->owner_alloc ? m->owner_alloc : &m->alloc;
}

/* Records an error in c->err (the message gets the "invalid module at offset 0x..: " prefix
 * and, inside a function, the " (function N \"name\")" suffix) and returns -1. */
int val_fail(struct val_ctx *c, enum wisp_error_code code, uint64_t offset, const char *fmt, ...)
    BASE_PRINTF(4, 5);
/* Records an out-of-memory error; returns -1. */
int val_oom(struct val_ctx *c);
/* Reports why a LEB128 of `bits` bits at p failed to decode; returns -1. */
int val_leb_fail(struct val_ctx *c, const uint8_t *p, const uint8_t *end, unsigned bits, int is_signed);

/* Validates defined function `code_index` (m->codes[code_index]) and drives c->cg. */
int val_function(struct val_ctx *c, uint32_t code_index);

/* Frees the scratch buffers. */
void val_ctx_release(struct val_ctx *c);

#endif
