/* The interface through which the validator drives a code generator (the interpreter's compiler
 * today, a JIT later). The validator walks each function body once; for every instruction in
 * reachable code it calls `op` after checking it, describing the operands by their value-stack
 * slots. Backends never re-decode wasm or re-derive types.
 *
 * Slot model. Every function frame is an array of 8-byte slots: the parameters and declared
 * locals first (local i at slot local_slot[i]; a v128 takes 2 slots), then the operand stack.
 * Operand-stack slots are given relative to the start of the operand stack (0 = first slot after
 * the locals). The value at stack height h lives at the sum of the slot sizes of the values below
 * it, so a value never moves while it is on the stack, and the results of a block that falls
 * through are already where its label expects them. */
#ifndef WISP_VALIDATE_CODEGEN_H
#define WISP_VALIDATE_CODEGEN_H

#include <stdbool.h>
#include <stdint.h>

#include "../decode/module.h"

/* Opcodes as seen by the backend: one-byte opcodes as themselves; prefixed ones as
 * (prefix << 8) | sub-opcode, e.g. 0xFC0A memory.copy, 0xFD0C v128.const. */
enum {
    CG_OP_PREFIX_FC = 0xFC00,
    CG_OP_PREFIX_FD = 0xFD00,
};

struct cg_blocktype {
    uint32_t nparams;
    uint32_t nresults;
    const uint8_t *params;  /* valtype codes */
    const uint8_t *results;
};

struct cg_instr {
    uint16_t op;
    uint32_t offset;  /* byte offset of the opcode in the module: for traps and backtraces */
    /* The slot (operand-stack relative) of the first operand this instruction pops; the operands
     * follow contiguously in stack order. Results are pushed starting at the same slot. For an
     * instruction popping nothing, the slot where its first result goes.
     * Control instructions, precisely:
     *   block/loop: slot of the first block parameter.
     *   if:         slot of the first block parameter; `aux` = slot of the i32 condition.
     *   else/end:   slot of the first result of the frame being continued/closed.
     *   br/br_if/br_table/return: slot of the first value carried to the target (the target's
     *               arity values on top of the stack, below the condition or index);
     *               `aux` = slot of the i32 condition / index for br_if / br_table.
     *   call/call_indirect: slot of the first argument (results land there);
     *               `aux` = slot of the i32 table index for call_indirect.
     *   select: base = first operand; the condition is at base + 2*slots(type). */
    uint32_t base;
    uint32_t aux;
    uint8_t type;     /* for drop/select/local.*: the operand's valtype (0 if not applicable) */
    bool reachable;   /* for else/end: whether the end of the code before it is reachable */
    union {
        uint32_t index;         /* local/global/func/table/elem/data/type/label index */
        struct {
            uint32_t a, b;      /* two indices: call_indirect (type a, table b), table.copy (dst a,
                                   src b), table.init (elem a, table b), memory.init (data a, mem b),
                                   memory.copy (dst a, src b) */
        } pair;
        struct {
            uint32_t align;     /* log2 */
            uint32_t mem;
            uint64_t offset;
            uint8_t lane;       /* SIMD lane ops */
        } mem;
        int32_t i32;
        int64_t i64;
        uint32_t f32;           /* bits */
        uint64_t f64;           /* bits */
        uint8_t v128[16];
        struct cg_blocktype block; /* block/loop/if */
        struct {
            uint32_t count;     /* number of targets excluding the default */
            const uint32_t *depths; /* count+1 label depths; the last is the default */
        } br_table;
        uint8_t reftype;        /* ref.null */
        uint8_t lanes[16];      /* i8x16.shuffle */
    } imm;
};

/* A backend. All hooks return 0 on success or -1 on failure (out of memory, implementation
 * limit), after which the validator stops and returns the backend's error via `error`. */
struct cg_backend {
    void *self;
    /* Starts function `func_index` (absolute index) of type `type`. local_types holds the types of
     * all nlocals locals (params first); local_slot[i] their frame slots; nlocal_slots the total. */
    int (*func_begin)(void *self, uint32_t func_index, const struct mod_functype *type, const uint8_t *local_types,
                      const uint32_t *local_slot, uint32_t nlocals, uint32_t nlocal_slots);
    /* One reachable instruction, after validation. `else`/`end` are reported for every frame whose
     * start was reported, even when the code before them is unreachable (see cg_instr.reachable).
     * The final `end` of the body is reported with the label of the function itself. */
    int (*op)(void *self, const struct cg_instr *in);
    /* Ends the function; max_stack_slots is the operand stack's peak in slots. */
    int (*func_end)(void *self, uint32_t max_stack_slots);
    /* Fills *err after a -1 (the backend owns no reference to it afterwards). */
    void (*error)(void *self, struct wisp_result *err);
};

#endif
