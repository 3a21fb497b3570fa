/* Static description of the WebAssembly instruction set (minus SIMD): names, and for the simple
 * instructions (numeric, loads, stores) the operand and result types, so that the validator
 * handles them with one table lookup instead of one switch case each. */
#ifndef WISP_VALIDATE_OPCODES_H
#define WISP_VALIDATE_OPCODES_H

#include <stdint.h>

/* Value type codes (the binary format's), plus 0 for "unknown" (polymorphic stack bottom). */
enum {
    VAL_UNKNOWN = 0,
    VAL_I32 = 0x7f,
    VAL_I64 = 0x7e,
    VAL_F32 = 0x7d,
    VAL_F64 = 0x7c,
    VAL_V128 = 0x7b,
    VAL_FUNCREF = 0x70,
    VAL_EXTERNREF = 0x6f,
};

/* How the validator treats an opcode. */
enum val_kind {
    VAL_K_ILLEGAL = 0, /* not an instruction: malformed */
    VAL_K_NUM,         /* pops pop[0..npop), pushes `push` (if non-zero), no immediates */
    VAL_K_LOAD,        /* memarg; pops an i32 address, pushes `push` */
    VAL_K_STORE,       /* memarg; pops an i32 address and a `pop[1]` value */
    VAL_K_SPECIAL,     /* handled by its own case (control, variables, references, ...) */
};

/* 32 bytes, the validator's fields first: an entry is one shift away and one cache line. */
struct val_opinfo {
    uint8_t kind;   /* enum val_kind */
    uint8_t npop;   /* VAL_K_NUM / LOAD / STORE: number of operands (at most 2) */
    uint8_t pop[2]; /* operand types, deepest first */
    uint8_t push;   /* result type, 0 if none */
    uint8_t align;  /* loads/stores: natural alignment, log2 of the access width */
    char name[26];
};

/* One-byte opcodes 0x00-0xff. */
extern const struct val_opinfo val_ops[256];
/* 0xFC-prefixed opcodes 0-17 (saturating truncations and bulk memory / table instructions). */
#define VAL_FC_COUNT 18u
extern const struct val_opinfo val_fc_ops[VAL_FC_COUNT];

/* The text-format name of an opcode as the code generator sees it (one-byte opcodes as
 * themselves, 0xFCnn for prefixed ones), or "<unknown>"; for logs and messages. */
const char *val_op_name(uint16_t op);

/* "i32", "funcref", ...; "unknown" for 0 and anything else. */
const char *val_type_name(uint8_t type);

/* True for the value types of WebAssembly 2.0 (v128 included). */
static inline int val_is_valtype(uint8_t t) {
    return (t >= VAL_V128 && t <= VAL_I32) || t == VAL_FUNCREF || t == VAL_EXTERNREF;
}
static inline int val_is_reftype(uint8_t t) { return t == VAL_FUNCREF || t == VAL_EXTERNREF; }

#endif
