/* The interpreter's internal code format, shared by its compiler (compile.c) and its dispatch
 * loop (exec.c). Private to src/interp.
 *
 * A function compiles to an array of 32-bit words. An instruction is one handler word followed by
 * its operands, all 32-bit words:
 *   - the handler word: with threaded dispatch the offset of the handler's label from a base label
 *     inside the dispatch function (so code holds no absolute addresses and needs no relocation);
 *     with the switch fallback the internal opcode itself (enum interp_op);
 *   - slots: frame slot indices (locals and operand stack alike, per codegen.h: the operand-stack
 *     slot s is frame slot nlocal_slots + s). Nothing is ever pushed or popped at run time;
 *   - immediates already decoded: 32-bit words, 64-bit values and pointers as two words (low
 *     first, read with memcpy);
 *   - branch targets as signed word offsets from the start of the branching instruction.
 * The operand layout of every instruction is spelled in the INTERP_OPS list below, one letter per
 * word or word group, so a disassembler (and a later optimiser) can walk code generically:
 *   d destination slot, s source slot, i 32-bit immediate, L 64-bit immediate (2 words),
 *   P pointer (2 words), o branch offset, x index (function, global, table, type, segment),
 *   m memory offset, T br_table (a count n, then n+1 offsets, the last being the default).
 * Handlers read every operand before writing their destination, so a destination may alias a
 * source: the compiler relies on this when it retargets a result straight into a local.
 * Specialised forms (an immediate instead of a slot, a comparison fused into a branch) are just
 * more opcodes with their own layouts; adding one touches the list, one handler and the place in
 * the compiler that chooses it.
 * A handler leaves pc on its own first word until it has finished (a trap therefore knows exactly
 * which instruction trapped) and then advances by the instruction's size.
 * The frame slot just after the declared locals, the zero slot, is never written: it reads as 0
 * where an operand slot must be named but no value is wanted (an address without a base
 * register). A function that reads it counts it in nlocal_slots, so every call zeroes it.
 * Superinstructions the compiler makes from common wasm sequences (see compile.c): address
 * arithmetic folded into loads and stores (the _w and _x address modes), i32_lea for the address
 * arithmetic left over, an induction variable's update fused into its loop's closing branch
 * (br_add_*), two moves in one (copy2), a br_table on a value just loaded (br_table_ld8u,
 * br_table_ld32_x), funnel shifts (i32_fsh), the stack pointer's update (global_add_i,
 * global_set_add), fused pairs and triples (INTERP_PAIRS, INTERP_TRIPLES), a multiply-accumulate
 * taking in the add that computes its address (f64_mac_rmw_a). Calls zero only the locals that may
 * be read before written (zero_lo..hi). In dispatch loops, compile.c's jump threading copies short
 * code (a loop's closing test, `pc++; br loop`) to the branches that went to it, so the same
 * instructions may appear several times. */
#ifndef WISP_INTERP_CODE_H
#define WISP_INTERP_CODE_H

#include <stdint.h>
#include <string.h>

#include "../runtime/runtime.h"

/* Byte offset in the module of the instruction starting at a code position: kept for the
 * instructions that can trap or call, sorted by pos. */
struct interp_srcpos {
    uint32_t pos;    /* word index of the instruction */
    uint32_t offset; /* wasm byte offset of its opcode */
};

struct interp_code {
    uint32_t *words;
    uint32_t nwords;
    uint32_t nmap;
    struct interp_srcpos *map;
    uint32_t func_index;    /* in the module's function index space */
    uint32_t nparam_slots;
    uint32_t nlocal_slots;  /* params, declared locals and (if read) the zero slot */
    uint32_t zero_lo, zero_hi; /* the declared local slots a call zeroes (the others are written
                                  before they are read) */
    uint32_t zero_slot;     /* the zero slot (zeroed by every call; an unused scratch slot when
                               no instruction reads it) */
    uint32_t nresult_slots;
    uint32_t frame_slots;   /* locals plus the operand stack's peak: what a call needs above fp */
    bool compiled;          /* false while only allocated (referenced by an earlier call) */
};

/* A suspended caller, saved by a wasm->wasm call (in store->exec.frames). */
struct interp_frame {
    const uint32_t *pc;             /* where to continue in the caller */
    uint64_t *fp;                   /* the caller's frame */
    const struct interp_code *code; /* the caller's code */
    struct wisp_instance *inst;     /* the caller's instance */
};

/* Operand layouts of the numeric instructions. */
#define L_UN "ds"
#define L_BIN "dss"
#define L_IMM "dsi"

/* The numeric instructions 0x45..0xC4 in wasm opcode order (so the compiler maps them by
 * subtraction); then the saturating truncations 0xFC00..0xFC07. */
#define INTERP_NUM_OPS(X)                                                                              \
    X(i32_eqz, L_UN) X(i32_eq, L_BIN) X(i32_ne, L_BIN) X(i32_lt_s, L_BIN) X(i32_lt_u, L_BIN)              \
    X(i32_gt_s, L_BIN) X(i32_gt_u, L_BIN) X(i32_le_s, L_BIN) X(i32_le_u, L_BIN) X(i32_ge_s, L_BIN)        \
    X(i32_ge_u, L_BIN)                                                                                 \
    X(i64_eqz, L_UN) X(i64_eq, L_BIN) X(i64_ne, L_BIN) X(i64_lt_s, L_BIN) X(i64_lt_u, L_BIN)              \
    X(i64_gt_s, L_BIN) X(i64_gt_u, L_BIN) X(i64_le_s, L_BIN) X(i64_le_u, L_BIN) X(i64_ge_s, L_BIN)        \
    X(i64_ge_u, L_BIN)                                                                                 \
    X(f32_eq, L_BIN) X(f32_ne, L_BIN) X(f32_lt, L_BIN) X(f32_gt, L_BIN) X(f32_le, L_BIN) X(f32_ge, L_BIN) \
    X(f64_eq, L_BIN) X(f64_ne, L_BIN) X(f64_lt, L_BIN) X(f64_gt, L_BIN) X(f64_le, L_BIN) X(f64_ge, L_BIN) \
    X(i32_clz, L_UN) X(i32_ctz, L_UN) X(i32_popcnt, L_UN) X(i32_add, L_BIN) X(i32_sub, L_BIN)             \
    X(i32_mul, L_BIN) X(i32_div_s, L_BIN) X(i32_div_u, L_BIN) X(i32_rem_s, L_BIN) X(i32_rem_u, L_BIN)     \
    X(i32_and, L_BIN) X(i32_or, L_BIN) X(i32_xor, L_BIN) X(i32_shl, L_BIN) X(i32_shr_s, L_BIN)            \
    X(i32_shr_u, L_BIN) X(i32_rotl, L_BIN) X(i32_rotr, L_BIN)                                          \
    X(i64_clz, L_UN) X(i64_ctz, L_UN) X(i64_popcnt, L_UN) X(i64_add, L_BIN) X(i64_sub, L_BIN)             \
    X(i64_mul, L_BIN) X(i64_div_s, L_BIN) X(i64_div_u, L_BIN) X(i64_rem_s, L_BIN) X(i64_rem_u, L_BIN)     \
    X(i64_and, L_BIN) X(i64_or, L_BIN) X(i64_xor, L_BIN) X(i64_shl, L_BIN) X(i64_shr_s, L_BIN)            \
    X(i64_shr_u, L_BIN) X(i64_rotl, L_BIN) X(i64_rotr, L_BIN)                                          \
    X(f32_abs, L_UN) X(f32_neg, L_UN) X(f32_ceil, L_UN) X(f32_floor, L_UN) X(f32_trunc, L_UN)             \
    X(f32_nearest, L_UN) X(f32_sqrt, L_UN) X(f32_add, L_BIN) X(f32_sub, L_BIN) X(f32_mul, L_BIN)          \
    X(f32_div, L_BIN) X(f32_min, L_BIN) X(f32_max, L_BIN) X(f32_copysign, L_BIN)                       \
    X(f64_abs, L_UN) X(f64_neg, L_UN) X(f64_ceil, L_UN) X(f64_floor, L_UN) X(f64_trunc, L_UN)             \
    X(f64_nearest, L_UN) X(f64_sqrt, L_UN) X(f64_add, L_BIN) X(f64_sub, L_BIN) X(f64_mul, L_BIN)          \
    X(f64_div, L_BIN) X(f64_min, L_BIN) X(f64_max, L_BIN) X(f64_copysign, L_BIN)                       \
    X(i32_wrap_i64, L_UN) X(i32_trunc_f32_s, L_UN) X(i32_trunc_f32_u, L_UN) X(i32_trunc_f64_s, L_UN)      \
    X(i32_trunc_f64_u, L_UN) X(i64_extend_i32_s, L_UN) X(i64_extend_i32_u, L_UN)                       \
    X(i64_trunc_f32_s, L_UN) X(i64_trunc_f32_u, L_UN) X(i64_trunc_f64_s, L_UN) X(i64_trunc_f64_u, L_UN)   \
    X(f32_convert_i32_s, L_UN) X(f32_convert_i32_u, L_UN) X(f32_convert_i64_s, L_UN)                   \
    X(f32_convert_i64_u, L_UN) X(f32_demote_f64, L_UN) X(f64_convert_i32_s, L_UN)                      \
    X(f64_convert_i32_u, L_UN) X(f64_convert_i64_s, L_UN) X(f64_convert_i64_u, L_UN)                   \
    X(f64_promote_f32, L_UN) X(i32_reinterpret_f32, L_UN) X(i64_reinterpret_f64, L_UN)                 \
    X(f32_reinterpret_i32, L_UN) X(f64_reinterpret_i64, L_UN) X(i32_extend8_s, L_UN)                   \
    X(i32_extend16_s, L_UN) X(i64_extend8_s, L_UN) X(i64_extend16_s, L_UN) X(i64_extend32_s, L_UN)      \
    X(i32_trunc_sat_f32_s, L_UN) X(i32_trunc_sat_f32_u, L_UN) X(i32_trunc_sat_f64_s, L_UN)             \
    X(i32_trunc_sat_f64_u, L_UN) X(i64_trunc_sat_f32_s, L_UN) X(i64_trunc_sat_f32_u, L_UN)             \
    X(i64_trunc_sat_f64_s, L_UN) X(i64_trunc_sat_f64_u, L_UN)

/* Integer binary operations with a constant right operand (i64: a sign-extended 32-bit one).
 * sub is compiled as add of the negated constant; rsub is constant minus operand. */
#define INTERP_IMM_OPS(X)                                                                              \
    X(i32_add_i, L_IMM) X(i32_mul_i, L_IMM) X(i32_and_i, L_IMM) X(i32_or_i, L_IMM) X(i32_xor_i, L_IMM)    \
    X(i32_shl_i, L_IMM) X(i32_shr_s_i, L_IMM) X(i32_shr_u_i, L_IMM) X(i32_rotl_i, L_IMM)                \
    X(i32_rotr_i, L_IMM) X(i32_eq_i, L_IMM) X(i32_ne_i, L_IMM) X(i32_lt_s_i, L_IMM)                     \
    X(i32_lt_u_i, L_IMM) X(i32_gt_s_i, L_IMM) X(i32_gt_u_i, L_IMM) X(i32_le_s_i, L_IMM)                 \
    X(i32_le_u_i, L_IMM) X(i32_ge_s_i, L_IMM) X(i32_ge_u_i, L_IMM) X(i32_rsub_i, L_IMM)                \
    X(i64_add_i, L_IMM) X(i64_mul_i, L_IMM) X(i64_and_i, L_IMM) X(i64_or_i, L_IMM) X(i64_xor_i, L_IMM)    \
    X(i64_shl_i, L_IMM) X(i64_shr_s_i, L_IMM) X(i64_shr_u_i, L_IMM) X(i64_rotl_i, L_IMM)                \
    X(i64_rotr_i, L_IMM) X(i64_eq_i, L_IMM) X(i64_ne_i, L_IMM) X(i64_lt_s_i, L_IMM)                     \
    X(i64_lt_u_i, L_IMM) X(i64_gt_s_i, L_IMM) X(i64_gt_u_i, L_IMM) X(i64_le_s_i, L_IMM)                 \
    X(i64_le_u_i, L_IMM) X(i64_ge_s_i, L_IMM) X(i64_ge_u_i, L_IMM) X(i64_rsub_i, L_IMM)

/* Compare-and-branch: branch when `a CMP b` (or `a CMP imm`) holds. The ten integer comparisons
 * in wasm order (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u), for i32 and i64. */
#define INTERP_BRCMP_OPS(X)                                                                            \
    X(br_i32_eq, "sso") X(br_i32_ne, "sso") X(br_i32_lt_s, "sso") X(br_i32_lt_u, "sso")                  \
    X(br_i32_gt_s, "sso") X(br_i32_gt_u, "sso") X(br_i32_le_s, "sso") X(br_i32_le_u, "sso")              \
    X(br_i32_ge_s, "sso") X(br_i32_ge_u, "sso")                                                        \
    X(br_i64_eq, "sso") X(br_i64_ne, "sso") X(br_i64_lt_s, "sso") X(br_i64_lt_u, "sso")                  \
    X(br_i64_gt_s, "sso") X(br_i64_gt_u, "sso") X(br_i64_le_s, "sso") X(br_i64_le_u, "sso")              \
    X(br_i64_ge_s, "sso") X(br_i64_ge_u, "sso")                                                        \
    X(br_i32_eq_i, "sio") X(br_i32_ne_i, "sio") X(br_i32_lt_s_i, "sio") X(br_i32_lt_u_i, "sio")          \
    X(br_i32_gt_s_i, "sio") X(br_i32_gt_u_i, "sio") X(br_i32_le_s_i, "sio") X(br_i32_le_u_i, "sio")      \
    X(br_i32_ge_s_i, "sio") X(br_i32_ge_u_i, "sio")                                                    \
    X(br_i64_eq_i, "sio") X(br_i64_ne_i, "sio") X(br_i64_lt_s_i, "sio") X(br_i64_lt_u_i, "sio")          \
    X(br_i64_gt_s_i, "sio") X(br_i64_gt_u_i, "sio") X(br_i64_le_s_i, "sio") X(br_i64_le_u_i, "sio")      \
    X(br_i64_ge_s_i, "sio") X(br_i64_ge_u_i, "sio")

/* Loads and stores with folded address arithmetic (size is the access's width in bytes):
 *   _w:  ea = (u32)(a + c)                              loads "dsi" (dst, a, c); stores "ssi" (a, value, c)
 *   _x:  ea = (u32)(a + (b << log2 size) + c) + off     loads "dssim" (dst, a, b, c, off); stores "sssim"
 *   _x0: ea = (u32)(a + b + c) + off                    (accesses wider than a byte) same layouts as _x
 * The 32-bit sums wrap as the wasm i32.add/i32.shl they replace would. */
#define INTERP_MEMX_OPS(X)                                                                             \
    X(ld8s32_w, "dsi") X(ld8s64_w, "dsi") X(ld8u_w, "dsi") X(ld16s32_w, "dsi") X(ld16s64_w, "dsi")       \
    X(ld16u_w, "dsi") X(ld32_w, "dsi") X(ld32s64_w, "dsi") X(ld64_w, "dsi")                              \
    X(st8_w, "ssi") X(st16_w, "ssi") X(st32_w, "ssi") X(st64_w, "ssi")                                 \
    X(ld8s32_x, "dssim") X(ld8s64_x, "dssim") X(ld8u_x, "dssim") X(ld16s32_x, "dssim")                  \
    X(ld16s64_x, "dssim") X(ld16u_x, "dssim") X(ld32_x, "dssim") X(ld32s64_x, "dssim") X(ld64_x, "dssim") \
    X(st8_x, "sssim") X(st16_x, "sssim") X(st32_x, "sssim") X(st64_x, "sssim")                         \
    X(ld16s32_x0, "dssim") X(ld16s64_x0, "dssim") X(ld16u_x0, "dssim") X(ld32_x0, "dssim")              \
    X(ld32s64_x0, "dssim") X(ld64_x0, "dssim") X(st16_x0, "sssim") X(st32_x0, "sssim") X(st64_x0, "sssim")

/* f64 arithmetic with a memory operand m = the f64 at ea = (u32)(a + c) + off (a load fused into
 * its consumer): "dssii" (dst, x, a, c, off): d = x OP m, or m OP x for the r forms. And
 * read-modify-write (a load, the operation, a store back to the same place): "ssii" (a, x, c, off):
 * m = m OP x. */
#define INTERP_FMEM_OPS(X)                                                                             \
    X(f64_add_m, "dssii") X(f64_sub_m, "dssii") X(f64_rsub_m, "dssii") X(f64_mul_m, "dssii")             \
    X(f64_div_m, "dssii") X(f64_rdiv_m, "dssii")                                                       \
    X(f64_add_rmw, "ssii") X(f64_sub_rmw, "ssii") X(f64_mul_rmw, "ssii")                               \
    /* m += x * n, n the f64 at (u32)(b + c2) + off2 (two roundings, not a fused multiply-add): */     \
    /* (a, c, off, x, b, c2, off2); n is read first */                                                \
    X(f64_mac_rmw, "siissii")                                                                          \
    /* the same on an address just computed: d = (u32)(s + k), then m at (u32)d + off: */            \
    /* (d, s, k, off, x, b, c2, off2) (an i32.add's result stored to a local and used once) */        \
    X(f64_mac_rmw_a, "dsiissii")                                                                       \
    /* with a constant operand K: d = x OP K, or K OP x for the r forms ("dsL") */                    \
    X(f64_add_k, "dsL") X(f64_sub_k, "dsL") X(f64_rsub_k, "dsL") X(f64_mul_k, "dsL") X(f64_div_k, "dsL") \
    X(f64_rdiv_k, "dsL")

/* A load and a store of the same width, fused: copies n bytes from ea2 = (u32)(b + c2) + off2 to
 * ea = (u32)(a + c) + off ("siisii": a, c, off, b, c2, off2). The load's bounds are checked
 * first; a failing store check traps with pc one word into the instruction, where the code map
 * has the store's own wasm offset. */
#define INTERP_MOV_OPS(X) X(mov8, "siisii") X(mov16, "siisii") X(mov32, "siisii") X(mov64, "siisii")

/* Pairs of instructions that often follow each other (chosen from the benchmark suite's
 * profiles, bench/NOTES.md): when B is emitted right after A, A's handler word becomes that of
 * A__B, which runs A, steps to B and jumps straight to B's handler: one indirect dispatch less.
 * B keeps its own handler word (so a branch to B still works), so A__B has A's layout. */
#define INTERP_PAIRS(X) \
    X(const32__br_table_ld32_x, "di") X(const32__const32, "di") X(const32__ld32_x, "di") X(copy__br, "ds") X(copy__br_add_ne, "ds")  \
    X(copy__br_nz, "ds") X(copy__call, "ds") X(copy__i32_add_i, "ds") X(copy2__call, "dsds") X(copy2__copy2, "dsds")                          \
    X(f64_mac_rmw__br_add_ne, "siissii") X(f64_mac_rmw__i32_add_i, "siissii")                      \
    X(f64_mac_rmw_a__br_add_ne, "dsiissii") X(i32_add2__f64_mac_rmw, "dssdss") X(copy__i64_add_i, "ds") \
    X(i32_add_i__br_i32_le_u_i, "dsi") X(copy__br_i32_le_u_i, "ds") X(copy2__br_i32_le_u_i, "dsds")     \
    X(f64_mul__f64_add_rmw, "dss") X(f64_mul__f64_mul, "dss") X(f64_mul__f64_sub_m, "dss")         \
    X(f64_mul__f64_sub_rmw, "dss") X(f64_sub_m__f64_mul, "dssii") X(i32_add__i32_add_i, "dss")     \
    X(i32_add__i32_lea, "dss") X(i32_add2__i32_add_i, "dssdss") X(i32_add2__ld8u, "dssdss")        \
    X(i32_add_i__br, "dsi") X(i32_add_i__br_add_ne, "dsi") X(i32_add_i__br_i32_ne, "dsi")          \
    X(i32_add_i__br_nz, "dsi") X(i32_add_i__call, "dsi") X(i32_add_i__const32, "dsi")              \
    X(i32_add_i__copy2, "dsi") X(i32_add_i__f64_mac_rmw, "dsi") X(i32_add_i__f64_mul, "dsi")       \
    X(i32_add_i__i32_add_i, "dsi") X(i32_add_i__i32_and_i, "dsi") X(i32_add_i__ld32, "dsi")        \
    X(i32_add_i__ld8u, "dsi") X(i32_add_i__ret0, "dsi") X(i32_and_i__i32_lea, "dsi")               \
    X(i32_and_i__br_z, "dsi") X(i32_and_i__ld64_x, "dsi") X(mov8__mov8, "siisii") X(i32_lea__i32_add_i, "dssii") X(i32_lea__ld32, "dssii")           \
    X(i32_lt_u_i__i32_add_i, "dsi") X(i32_or__st32_w, "dss") X(i32_rotl_i__i32_rotl_i, "dsi")      \
    X(i32_rotl_i__i32_xor, "dsi") X(i32_shl_i__i32_or, "dsi") X(i32_shr_u_i__i32_shl_i, "dsi")     \
    X(i32_shr_u_i__i32_xor, "dsi") X(i32_sub__br_i32_gt_u_i, "dss") X(i32_xor__i32_add, "dss")     \
    X(i32_xor__i32_rotl_i, "dss") X(i64_mul_k__i64_xorshr, "dsL") X(i64_xorshr__i64_mul_k, "dsi")  \
    X(ld32__br_i32_lt_s_i, "dsm") X(ld32__br_nz, "dsm") X(ld32__br_z, "dsm")                       \
    X(ld32__i32_add_i, "dsm") X(ld32__ld32, "dsm") X(ld32_w__i32_fsh, "dsi")                   \
    X(ld32_x__i32_add, "dssim") X(ld64__ld64, "dsm")                  \
    X(ld8u__br_i32_ne, "dsm") X(ld8u__br_nz, "dsm") X(ld8u__br_z, "dsm")  \
    X(ld8u__ld8u, "dsm") X(st32__copy, "ssm") X(st32__i32_add_i, "ssm")                           

/* The same pairs as (A, B). */
#define INTERP_PAIR_PARTS(P) \
    P(const32, br_table_ld32_x) P(const32, const32) P(const32, ld32_x) P(copy, br) P(copy, br_add_ne) P(copy, br_nz) P(copy, call) P(copy, i32_add_i)           \
    P(copy2, call) P(copy2, copy2) P(f64_mac_rmw, br_add_ne) P(f64_mac_rmw, i32_add_i)         \
    P(f64_mac_rmw_a, br_add_ne) P(i32_add2, f64_mac_rmw) P(copy, i64_add_i)                        \
    P(i32_add_i, br_i32_le_u_i) P(copy, br_i32_le_u_i) P(copy2, br_i32_le_u_i)                     \
    P(f64_mul, f64_add_rmw) P(f64_mul, f64_mul) P(f64_mul, f64_sub_m) P(f64_mul, f64_sub_rmw)      \
    P(f64_sub_m, f64_mul) P(i32_add, i32_add_i) P(i32_add, i32_lea) P(i32_add2, i32_add_i)         \
    P(i32_add2, ld8u) P(i32_add_i, br) P(i32_add_i, br_add_ne) P(i32_add_i, br_i32_ne)             \
    P(i32_add_i, br_nz) P(i32_add_i, call) P(i32_add_i, const32) P(i32_add_i, copy2)               \
    P(i32_add_i, f64_mac_rmw) P(i32_add_i, f64_mul) P(i32_add_i, i32_add_i)                        \
    P(i32_add_i, i32_and_i) P(i32_add_i, ld32) P(i32_add_i, ld8u) P(i32_add_i, ret0)               \
    P(i32_and_i, i32_lea) P(i32_and_i, br_z) P(i32_and_i, ld64_x) P(mov8, mov8) P(i32_lea, i32_add_i) P(i32_lea, ld32)              \
    P(i32_lt_u_i, i32_add_i) P(i32_or, st32_w) P(i32_rotl_i, i32_rotl_i) P(i32_rotl_i, i32_xor)    \
    P(i32_shl_i, i32_or) P(i32_shr_u_i, i32_shl_i) P(i32_shr_u_i, i32_xor)                         \
    P(i32_sub, br_i32_gt_u_i) P(i32_xor, i32_add) P(i32_xor, i32_rotl_i) P(i64_mul_k, i64_xorshr)  \
    P(i64_xorshr, i64_mul_k) P(ld32, br_i32_lt_s_i) P(ld32, br_nz) P(ld32, br_z)                   \
    P(ld32, i32_add_i) P(ld32, ld32) P(ld32_w, i32_fsh) P(ld32_x, i32_add) \
    P(ld64, ld64) P(ld8u, br_i32_ne) P(ld8u, br_nz) P(ld8u, br_z) P(ld8u, ld8u)  \
    P(st32, copy) P(st32, i32_add_i)                                                              

/* The instructions that start pairs (each A above, once). */
#define INTERP_PAIR_FIRSTS(F) \
    F(const32) F(copy) F(copy2) F(f64_mac_rmw) F(f64_mac_rmw_a) F(f64_mul) F(f64_sub_m) F(i32_add) F(i32_add2) F(i64_add_i)      \
    F(i32_add_i) F(i32_and_i) F(i32_lea) F(i32_lt_u_i) F(i32_or) F(i32_rotl_i) F(i32_shl_i)        \
    F(i32_shr_u_i) F(i32_sub) F(i32_xor) F(i64_mul_k) F(i64_xorshr) F(ld32) F(ld32_w) F(ld32_x)    \
    F(ld64) F(ld8u) F(mov8) F(st32)                                                                       

/* Triples: when C is emitted right after a fused pair A__B, A's handler word becomes that of
 * A__B__C, which runs A and B and jumps straight to C's handler: two dispatches less than three.
 * B and C keep their handler words; A__B__C has A's layout. (matmul's inner loop: a
 * multiply-accumulate per element with the address of the next one between them.) */
#define INTERP_TRIPLES(X)                                                                              \
    X(i32_add2__f64_mac_rmw__f64_mac_rmw_a, "dssdss") X(copy__i64_add_i__br_table_ld8u, "ds")          \
    X(i32_add_i__i32_add_i__br_i32_le_u_i, "dsi")
#define INTERP_TRIPLE_PARTS(T)                                                                         \
    T(i32_add2, f64_mac_rmw, f64_mac_rmw_a) T(copy, i64_add_i, br_table_ld8u) T(i32_add_i, i32_add_i, br_i32_le_u_i)

/* A loop's closing branch with its induction variable's update: s += i (i32, wrapping), then
 * branch when `s CMP imm` holds, for the ten i32 comparisons in wasm order ("siio": slot, addend,
 * comparand, offset). */
#define INTERP_BRADD_OPS(X)                                                                            \
    X(br_add_eq, "siio") X(br_add_ne, "siio") X(br_add_lt_s, "siio") X(br_add_lt_u, "siio")              \
    X(br_add_gt_s, "siio") X(br_add_gt_u, "siio") X(br_add_le_s, "siio") X(br_add_le_u, "siio")          \
    X(br_add_ge_s, "siio") X(br_add_ge_u, "siio")                                                      \
    /* the same against a slot, read after the update ("siso") */                                    \
    X(br_add_eq_r, "siso") X(br_add_ne_r, "siso") X(br_add_lt_s_r, "siso") X(br_add_lt_u_r, "siso")      \
    X(br_add_gt_s_r, "siso") X(br_add_gt_u_r, "siso") X(br_add_le_s_r, "siso") X(br_add_le_u_r, "siso")  \
    X(br_add_ge_s_r, "siso") X(br_add_ge_u_r, "siso")                                                  \
    /* branch when (s & imm) != 0 / == 0 */                                                           \
    X(br_and_nz, "sio") X(br_and_z, "sio")

#define INTERP_OPS(X)                                                                                  \
    /* control and moves */                                                                            \
    X(unreachable, "") X(nop, "") X(copy, "ds") X(copy_n, "dsi") X(const32, "di") X(const64, "dL")      \
    X(copy2, "dsds") /* two copies, in order */                                                        \
    X(i32_lea, "dssii") /* d = a + b * m + c: (dst, a, b, m, c) */                                     \
    X(i32_add2, "dssdss") /* two adds, in order */                                                     \
    X(i32_bfx, "dsii")  /* d = (a >> k) & m, unsigned: (dst, a, k, m) */                               \
    X(i64_xorshr, "dsi") /* d = a ^ (a >> k), unsigned */                                              \
    X(i32_fsh, "dssi")  /* d = (a >> k) | (b << (32 - k)), unsigned, 0 < k < 32: (dst, a, b, k) */     \
    /* i64 with a constant that needs 64 bits ("dsL") */                                               \
    X(i64_add_k, "dsL") X(i64_mul_k, "dsL") X(i64_and_k, "dsL") X(i64_or_k, "dsL") X(i64_xor_k, "dsL")  \
    X(br, "o") X(br_nz, "so") X(br_z, "so") X(br_nz64, "so") X(br_z64, "so") X(br_table, "sT")          \
    /* br_table on d = the byte at a + off / the i32 at (u32)(a + (b << 2) + c) + off (the load */   \
    /* fused: the loads' layouts, then the table) */                                               \
    X(br_table_ld8u, "dsmT") X(br_table_ld32_x, "dssimT")                                              \
    X(ret0, "") X(ret1, "s") X(retn, "si")                                                             \
    X(call, "sP")      /* arg slot, callee code (same instance) */                                     \
    X(call_imp, "sx")  /* arg slot, function index (through inst->funcs) */                            \
    X(call_ind, "ssxx") /* arg slot, element index slot, type index, table index */                    \
    X(select, "dsss") X(global_get, "dx") X(global_set, "sx")                                          \
    X(global_get2, "dx") X(global_set2, "sx") /* two-slot (v128) globals */                            \
    /* i32 global updates: d = G + k, G = d ("dxi"); G = a + k ("sxi") */                           \
    X(global_add_i, "dxi") X(global_set_add, "sxi")                                                   \
    /* memory: loads "dsm" (dst, address, offset), stores "ssm" (address, value, offset) */           \
    X(ld8s32, "dsm") X(ld8s64, "dsm") X(ld8u, "dsm") X(ld16s32, "dsm") X(ld16s64, "dsm")                 \
    X(ld16u, "dsm") X(ld32, "dsm") X(ld32s64, "dsm") X(ld64, "dsm")                                    \
    X(st8, "ssm") X(st16, "ssm") X(st32, "ssm") X(st64, "ssm")                                         \
    /* stores of a constant: (address, value, offset); st64_i sign-extends its value */              \
    X(st8_i, "sim") X(st16_i, "sim") X(st32_i, "sim") X(st64_i, "sim")                                 \
    INTERP_MEMX_OPS(X)                                                                                 \
    X(memory_size, "d") X(memory_grow, "ds") X(memory_fill, "sss") X(memory_copy, "sss")                \
    X(memory_init, "sssx") X(data_drop, "x")                                                          \
    /* tables and references */                                                                        \
    X(table_get, "dsx") X(table_set, "ssx") X(table_size, "dx") X(table_grow, "dssx")                    \
    X(table_fill, "sssx") X(table_copy, "sssxx") X(table_init, "sssxx") X(elem_drop, "x")               \
    X(ref_func, "dx")                                                                                  \
    INTERP_NUM_OPS(X) INTERP_IMM_OPS(X) INTERP_BRCMP_OPS(X) INTERP_BRADD_OPS(X) INTERP_FMEM_OPS(X)       \
    INTERP_MOV_OPS(X) INTERP_PAIRS(X) INTERP_TRIPLES(X)

enum interp_op {
#define INTERP_ENUM_(name, layout) OP_##name,
    INTERP_OPS(INTERP_ENUM_)
#undef INTERP_ENUM_
    OP_COUNT_
};

/* Returns the word each opcode is encoded as (NULL: the opcode itself, switch dispatch). */
const int32_t *interp_handler_words(void);

/* Reads a two-word immediate. */
static inline uint64_t interp_u64(const uint32_t *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 32);
}
static inline const void *interp_ptr(const uint32_t *p) {
    uintptr_t v = (uintptr_t)interp_u64(p);
    return (const void *)v;
}

#endif
