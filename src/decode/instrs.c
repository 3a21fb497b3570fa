/* The instruction-stream scan: finds where a constant expression ends, and checks the encoding
 * of function bodies (opcodes, immediates, block nesting) when dec_check_code asks, so that
 * malformed code is reported in module order, as the spec requires. Meaning is checked by the
 * validator. */
#include "reader.h"

/* Block type: 0x40 (empty), a one-byte value type, or a non-negative s33 type index. */
static bool scan_blocktype(struct dec *d) {
    if (d->pos >= d->len) return dec_fail(d, d->len, "unexpected end of section or function");
    size_t off = d->pos;
    uint8_t b = d->b[off];
    if (b == 0x40) {
        d->pos++;
        return true;
    }
    if ((b & 0xc0) == 0x40) {
        uint8_t t;
        return dec_valtype(d, &t);
    }
    int64_t idx;
    if (!dec_s33(d, &idx)) return false;
    /* A negative multi-byte index could only have been an over-long value type. */
    if (idx < 0) return dec_fail(d, off, "integer representation too long");
    return true;
}

static bool scan_memarg(struct dec *d) {
    uint32_t align, offset;
    return dec_u32(d, &align) && dec_u32(d, &offset);
}

static bool scan_zero(struct dec *d) {
    size_t off = d->pos;
    uint8_t b;
    if (!dec_byte(d, &b)) return false;
    if (b != 0) return dec_fail(d, off, "zero byte expected");
    return true;
}

/* Immediates of the 0xFD (SIMD) instructions. Sub-opcodes not listed take none; whether they
 * exist is the validator's question. */
static bool scan_simd(struct dec *d, uint32_t sub) {
    if (sub <= 0x0b || sub == 0x5c || sub == 0x5d) return scan_memarg(d);
    if (sub == 0x0c || sub == 0x0d) return dec_skip(d, 16);
    if (sub >= 0x15 && sub <= 0x22) return dec_skip(d, 1);
    if (sub >= 0x54 && sub <= 0x5b) return scan_memarg(d) && dec_skip(d, 1);
    return true;
}

static bool scan_fc(struct dec *d, size_t op_off, bool in_body) {
    uint32_t sub, x;
    if (!dec_u32(d, &sub)) return false;
    switch (sub) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: return true; /* trunc_sat */
    case 8: /* memory.init */
        if (in_body && !d->data_index_use) d->data_index_use = op_off;
        return dec_u32(d, &x) && scan_zero(d);
    case 9: /* data.drop */
        if (in_body && !d->data_index_use) d->data_index_use = op_off;
        return dec_u32(d, &x);
    case 10: return scan_zero(d) && scan_zero(d); /* memory.copy */
    case 11: return scan_zero(d);                 /* memory.fill */
    case 12: case 14: return dec_u32(d, &x) && dec_u32(d, &x); /* table.init, table.copy */
    case 13: case 15: case 16: case 17: return dec_u32(d, &x); /* elem.drop, table.grow/size/fill */
    default: return dec_fail(d, op_off, "illegal opcode 0xfc 0x%x", sub);
    }
}

/* Marks block level `depth` as an `if` still open for an `else` (or not). */
static bool set_if_bit(struct dec *d, size_t depth, bool on) {
    size_t byte = depth / 8;
    if (byte >= d->if_bits_cap) {
        size_t old = d->if_bits_cap;
        if (base_grow(d->ea, (void **)&d->if_bits, &d->if_bits_cap, byte + 1, 1)) return dec_oom(d);
        for (size_t i = old; i < d->if_bits_cap; i++) d->if_bits[i] = 0;
    }
    uint8_t mask = (uint8_t)(1u << (depth % 8));
    if (on) d->if_bits[byte] |= mask;
    else d->if_bits[byte] &= (uint8_t)~mask;
    return true;
}

static bool get_if_bit(const struct dec *d, size_t depth) {
    size_t byte = depth / 8;
    return byte < d->if_bits_cap && (d->if_bits[byte] >> (depth % 8)) & 1;
}

bool dec_instrs(struct dec *d, bool in_body) {
    size_t depth = 0; /* open blocks inside the sequence */
    for (;;) {
        size_t op_off = d->pos;
        uint8_t op, t;
        uint32_t x, n;
        int32_t i32;
        int64_t i64;
        if (!dec_byte(d, &op)) return false;
        switch (op) {
        case 0x0b: /* end */
            if (depth == 0) return true;
            depth--;
            break;
        case 0x05: /* else: only once, directly inside an `if` */
            if (depth == 0 || !get_if_bit(d, depth)) return dec_fail(d, op_off, "END opcode expected");
            if (!set_if_bit(d, depth, false)) return false;
            break;
        case 0x02: case 0x03: case 0x04: /* block, loop, if */
            if (!scan_blocktype(d)) return false;
            depth++;
            if ((op == 0x04 || get_if_bit(d, depth)) && !set_if_bit(d, depth, op == 0x04)) return false;
            break;
        case 0x0c: case 0x0d: case 0x10:                               /* br, br_if, call */
        case 0x20: case 0x21: case 0x22: case 0x23: case 0x24:         /* local.*, global.* */
        case 0x25: case 0x26: case 0xd2:                               /* table.get/set, ref.func */
            if (!dec_u32(d, &x)) return false;
            break;
        case 0x11: /* call_indirect: type, table */
            if (!dec_u32(d, &x) || !dec_u32(d, &x)) return false;
            break;
        case 0x0e: /* br_table */
            if (!dec_len(d, &n)) return false;
            for (uint64_t i = 0; i <= n; i++)
                if (!dec_u32(d, &x)) return false;
            break;
        case 0x1c: /* select t* */
            if (!dec_len(d, &n)) return false;
            for (uint32_t i = 0; i < n; i++)
                if (!dec_valtype(d, &t)) return false;
            break;
        case 0x3f: case 0x40: /* memory.size, memory.grow */
            if (!scan_zero(d)) return false;
            break;
        case 0x41:
            if (!dec_s32(d, &i32)) return false;
            break;
        case 0x42:
            if (!dec_s64(d, &i64)) return false;
            break;
        case 0x43:
            if (!dec_skip(d, 4)) return false;
            break;
        case 0x44:
            if (!dec_skip(d, 8)) return false;
            break;
        case 0xd0: /* ref.null */
            if (!dec_reftype(d, &t)) return false;
            break;
        case 0xfc:
            if (!scan_fc(d, op_off, in_body)) return false;
            break;
        case 0xfd:
            if (!dec_u32(d, &x) || !scan_simd(d, x)) return false;
            break;
        default:
            if (op >= 0x28 && op <= 0x3e) { /* loads and stores */
                if (!scan_memarg(d)) return false;
                break;
            }
            /* No immediates: unreachable, nop, return, drop, select, numeric operators,
             * ref.is_null. */
            if (op <= 0x01 || op == 0x0f || op == 0x1a || op == 0x1b || (op >= 0x45 && op <= 0xc4) || op == 0xd1)
                break;
            return dec_fail(d, op_off, "illegal opcode 0x%02x", op);
        }
    }
}

bool dec_const_expr(struct dec *d, struct mod_expr *out) {
    size_t start = d->pos;
    if (!dec_instrs(d, false)) return false;
    out->start = (uint32_t)start;
    out->len = (uint32_t)(d->pos - start);
    return true;
}
