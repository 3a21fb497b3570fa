/* Evaluation of validated constant expressions (global initialisers, segment offsets and
 * element items), including the extended-const arithmetic. */
#include <string.h>

#include "../base/leb128.h"
#include "rt_internal.h"

#define SMALL_DEPTH 16u

static uint64_t read_le(const uint8_t *p, unsigned n) {
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

int rt_const_eval(const struct wisp_instance *inst, struct mod_expr e, uint64_t out[2]) {
    const struct module *m = inst->mod;
    if ((uint64_t)e.start + e.len > m->size) return -1;
    const uint8_t *p = m->bytes + e.start, *end = p + e.len;

    /* Every instruction that pushes takes at least two bytes, so the depth is at most len/2+1. */
    uint64_t small[SMALL_DEPTH][2];
    uint64_t(*st)[2] = small;
    size_t depth = (size_t)e.len / 2 + 1, sp = 0;
    if (depth > SMALL_DEPTH) {
        st = base_alloc(&m->alloc, depth * sizeof *st);
        if (!st) return -1;
    }
    int rc = -1;
    while (p < end) {
        uint8_t op = *p++;
        size_t n = 0;
        uint64_t a = 0, b = 0;
        if (op == 0x0B) {
            if (sp == 1) {
                out[0] = st[0][0];
                out[1] = st[0][1];
                rc = 0;
            }
            break;
        }
        if (op >= 0x6A && op <= 0x7E) { /* binary arithmetic: pop two */
            if (sp < 2) break;
            a = st[sp - 2][0];
            b = st[sp - 1][0];
            sp--;
            uint64_t r;
            switch (op) {
            case 0x6A: r = (uint32_t)((uint32_t)a + (uint32_t)b); break;
            case 0x6B: r = (uint32_t)((uint32_t)a - (uint32_t)b); break;
            case 0x6C: r = (uint32_t)((uint32_t)a * (uint32_t)b); break;
            case 0x7C: r = a + b; break;
            case 0x7D: r = a - b; break;
            case 0x7E: r = a * b; break;
            default: goto done;
            }
            st[sp - 1][0] = r;
            st[sp - 1][1] = 0;
            continue;
        }
        if (sp >= depth) break;
        uint64_t v0 = 0, v1 = 0;
        switch (op) {
        case 0x41: { /* i32.const */
            int32_t v;
            if (!(n = leb_s32(p, end, &v))) goto done;
            v0 = (uint32_t)v;
            break;
        }
        case 0x42: { /* i64.const */
            int64_t v;
            if (!(n = leb_s64(p, end, &v))) goto done;
            v0 = (uint64_t)v;
            break;
        }
        case 0x43: /* f32.const */
            if (end - p < 4) goto done;
            v0 = read_le(p, 4);
            n = 4;
            break;
        case 0x44: /* f64.const */
            if (end - p < 8) goto done;
            v0 = read_le(p, 8);
            n = 8;
            break;
        case 0xD0: { /* ref.null ht */
            int64_t ht;
            if (!(n = leb_s33(p, end, &ht))) goto done;
            break;
        }
        case 0xD2: { /* ref.func x */
            uint32_t x;
            if (!(n = leb_u32(p, end, &x)) || x >= m->nfuncs || !inst->funcs[x]) goto done;
            v0 = (uintptr_t)inst->funcs[x];
            break;
        }
        case 0x23: { /* global.get x */
            uint32_t x;
            if (!(n = leb_u32(p, end, &x)) || x >= m->nglobals || !inst->globals[x]) goto done;
            v0 = inst->globals[x]->val[0];
            v1 = inst->globals[x]->val[1];
            break;
        }
        case 0xFD: { /* v128.const */
            uint32_t sub;
            if (!(n = leb_u32(p, end, &sub)) || sub != 12 || end - p < (ptrdiff_t)(n + 16)) goto done;
            uint8_t bytes[16];
            memcpy(bytes, p + n, 16);
            uint64_t slots[2];
            memcpy(slots, bytes, 16);
            v0 = slots[0];
            v1 = slots[1];
            n += 16;
            break;
        }
        default: goto done;
        }
        p += n;
        st[sp][0] = v0;
        st[sp][1] = v1;
        sp++;
    }
done:
    if (st != small) base_free(&m->alloc, st, depth * sizeof *st);
    return rc;
}
