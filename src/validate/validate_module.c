/* Module-level validation: limits, indices, exports, start, globals and segments with their
 * constant expressions, the declared-function set (C.refs), then every function body. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/leb128.h"
#include "../decode/decode.h"
#include "validate.h"
#include "validate_internal.h"

/* ---- errors -------------------------------------------------------------------------------- */

int val_fail(struct val_ctx *c, enum wisp_error_code code, uint64_t offset, const char *fmt, ...) {
    char what[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);

    const char *kind = code == WISP_ERR_MALFORMED ? "malformed module"
                       : code == WISP_ERR_LIMIT   ? "unsupported module"
                                                  : "invalid module";
    char where[40] = "";
    if (offset != UINT64_MAX) snprintf(where, sizeof where, " at offset 0x%" PRIx64, offset);

    const struct wisp_allocator *a = val_result_alloc(c->m);
    wisp_result_free(&c->err);
    if (c->func_index == UINT32_MAX) {
        c->err = base_error(a, code, offset, UINT32_MAX, "%s%s: %s", kind, where, what);
    } else {
        const char *name = mod_func_name(c->m, c->func_index);
        if (name)
            c->err = base_error(a, code, offset, c->func_index, "%s%s: %s (function %" PRIu32 " \"%s\")", kind, where,
                                what, c->func_index, name);
        else
            c->err = base_error(a, code, offset, c->func_index, "%s%s: %s (function %" PRIu32 ")", kind, where, what,
                                c->func_index);
    }
    return -1;
}

int val_oom(struct val_ctx *c) {
    wisp_result_free(&c->err);
    c->err = base_oom();
    return -1;
}

int val_leb_fail(struct val_ctx *c, const uint8_t *p, const uint8_t *end, unsigned bits, int is_signed) {
    uint64_t off = (uint64_t)(p - c->m->bytes);
    switch (leb_why(p, end, bits, is_signed)) {
    case LEB_TOO_LONG: return val_fail(c, WISP_ERR_MALFORMED, off, "integer representation too long");
    case LEB_TOO_BIG: return val_fail(c, WISP_ERR_MALFORMED, off, "integer too large");
    default: return val_fail(c, WISP_ERR_MALFORMED, off, "unexpected end of section or function");
    }
}

void val_ctx_release(struct val_ctx *c) {
    const struct wisp_allocator *a = &c->m->alloc;
    base_free(a, c->vals, c->vals_cap * sizeof *c->vals);
    base_free(a, c->ctrls, c->ctrls_cap * sizeof *c->ctrls);
    base_free(a, c->local_types, c->local_types_cap * sizeof *c->local_types);
    base_free(a, c->local_slot, c->local_slot_cap * sizeof *c->local_slot);
    base_free(a, c->depths, c->depths_cap * sizeof *c->depths);
    c->vals = NULL;
    c->ctrls = NULL;
    c->local_types = NULL;
    c->local_slot = NULL;
    c->depths = NULL;
    c->vals_cap = c->ctrls_cap = c->local_types_cap = c->local_slot_cap = c->depths_cap = 0;
}

/* A printable, bounded rendering of a name for messages. */
static void printable_name(char *out, size_t size, const char *s, uint32_t len) {
    size_t n = 0;
    for (uint32_t i = 0; i < len && n + 4 < size; i++) {
        unsigned char ch = (unsigned char)s[i];
        out[n++] = (ch >= 0x20 && ch < 0x7f && ch != '"') ? (char)ch : '?';
    }
    if (n + 4 >= size && len > n) {
        out[n++] = '.';
        out[n++] = '.';
        out[n++] = '.';
    }
    out[n] = 0;
}

/* ---- limits ---------------------------------------------------------------------------------- */

/* Limits of memory or table `idx` declared at `off`. */
static int check_mem_limits(struct val_ctx *c, const struct mod_limits *lim, uint64_t off, uint32_t idx) {
    if (lim->min > MOD_MAX_PAGES || (lim->has_max && lim->max > MOD_MAX_PAGES))
        return val_fail(c, WISP_ERR_INVALID, off,
                        "memory size must be at most 65536 pages (4GiB) (memory %" PRIu32 ": %s %" PRIu64 " pages)",
                        idx, lim->min > MOD_MAX_PAGES ? "minimum" : "maximum",
                        lim->min > MOD_MAX_PAGES ? lim->min : lim->max);
    if (lim->has_max && lim->min > lim->max)
        return val_fail(c, WISP_ERR_INVALID, off,
                        "size minimum must not be greater than maximum (memory %" PRIu32 ": %" PRIu64 " > %" PRIu64
                        " pages)",
                        idx, lim->min, lim->max);
    return 0;
}

static int check_table_limits(struct val_ctx *c, const struct mod_limits *lim, uint64_t off, uint32_t idx) {
    if (lim->min > UINT32_MAX || (lim->has_max && lim->max > UINT32_MAX))
        return val_fail(c, WISP_ERR_INVALID, off, "table size must be at most 2^32-1 (table %" PRIu32 ")", idx);
    if (lim->has_max && lim->min > lim->max)
        return val_fail(c, WISP_ERR_INVALID, off,
                        "size minimum must not be greater than maximum (table %" PRIu32 ": %" PRIu64 " > %" PRIu64
                        " elements)",
                        idx, lim->min, lim->max);
    return 0;
}

/* ---- constant expressions -------------------------------------------------------------------- */

/* Validates a constant expression producing one value of type `want` (2.0 rules: t.const,
 * ref.null, ref.func, and global.get of an immutable imported global). Marks the functions it
 * references as declared. `what` and `idx` name the expression for messages ("initializer of
 * global" 3). */
static int val_const_expr(struct val_ctx *c, const struct mod_expr *e, uint8_t want, const char *what, uint32_t idx) {
    struct module *m = c->m;
    if (e->len == 0 || (uint64_t)e->start + e->len > m->size)
        return val_fail(c, WISP_ERR_MALFORMED, e->start, "unexpected end");
    const uint8_t *p = m->bytes + e->start;
    const uint8_t *end = p + e->len;
    uint32_t count = 0; /* values on the stack */
    uint8_t top = 0;    /* type of the top one */
    for (;;) {
        if (p >= end) return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(end - m->bytes), "END opcode expected");
        uint64_t off = (uint64_t)(p - m->bytes);
        uint8_t op = *p++;
        size_t n = 1;
        switch (op) {
        case 0x0b: /* end */
            if (p != end) return val_fail(c, WISP_ERR_MALFORMED, off, "section size mismatch");
            if (count != 1 || top != want) {
                if (count == 0)
                    return val_fail(c, WISP_ERR_INVALID, off, "type mismatch in %s %" PRIu32 ", expected %s but got nothing", what, idx,
                                    val_type_name(want));
                if (count > 1)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "type mismatch in %s %" PRIu32 ", expected one %s value but got %" PRIu32 " values",
                                    what, idx, val_type_name(want), count);
                return val_fail(c, WISP_ERR_INVALID, off, "type mismatch in %s %" PRIu32 ", expected %s but got %s", what, idx,
                                val_type_name(want), val_type_name(top));
            }
            return 0;
        case 0x41: {
            int32_t v;
            n = leb_s32(p, end, &v);
            if (!n) return val_leb_fail(c, p, end, 32, 1);
            top = VAL_I32;
            break;
        }
        case 0x42: {
            int64_t v;
            n = leb_s64(p, end, &v);
            if (!n) return val_leb_fail(c, p, end, 64, 1);
            top = VAL_I64;
            break;
        }
        case 0x43:
        case 0x44:
            n = op == 0x43 ? 4 : 8;
            if ((size_t)(end - p) < n)
                return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(end - m->bytes), "unexpected end");
            top = op == 0x43 ? VAL_F32 : VAL_F64;
            break;
        case 0xd0:
            if (p >= end) return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p - m->bytes), "unexpected end");
            if (!val_is_reftype(*p))
                return val_fail(c, WISP_ERR_MALFORMED, (uint64_t)(p - m->bytes), "malformed reference type");
            top = *p;
            break;
        case 0xd2: {
            uint32_t x;
            n = leb_u32(p, end, &x);
            if (!n) return val_leb_fail(c, p, end, 32, 0);
            if (x >= m->nfuncs) return val_fail(c, WISP_ERR_INVALID, off, "unknown function %" PRIu32, x);
            m->func_declared[x] = 1;
            top = VAL_FUNCREF;
            break;
        }
        case 0x23: {
            uint32_t x;
            n = leb_u32(p, end, &x);
            if (!n) return val_leb_fail(c, p, end, 32, 0);
            /* 2.0: only imported globals are visible to constant expressions. */
            if (x >= m->nglobals_imported)
                return val_fail(c, WISP_ERR_INVALID, off, "unknown global %" PRIu32, x);
            if (m->globals[x].mut)
                return val_fail(c, WISP_ERR_INVALID, off,
                                "constant expression required: global.get of mutable global %" PRIu32 " in %s %" PRIu32,
                                x, what, idx);
            top = m->globals[x].type;
            break;
        }
        case 0xfd:
            return val_fail(c, WISP_ERR_LIMIT, off, "SIMD instructions are not supported yet");
        default:
            if (val_ops[op].kind == VAL_K_ILLEGAL)
                return val_fail(c, WISP_ERR_MALFORMED, off, "illegal opcode 0x%02x", op);
            if (op == 0xfc) {
                uint32_t sub;
                n = leb_u32(p, end, &sub);
                if (!n) return val_leb_fail(c, p, end, 32, 0);
                if (sub >= VAL_FC_COUNT)
                    return val_fail(c, WISP_ERR_MALFORMED, off, "illegal opcode 0xfc %" PRIu32, sub);
                return val_fail(c, WISP_ERR_INVALID, off, "constant expression required: %s is not constant (in %s %" PRIu32 ")",
                                val_fc_ops[sub].name, what, idx);
            }
            return val_fail(c, WISP_ERR_INVALID, off, "constant expression required: %s is not constant (in %s %" PRIu32 ")",
                            val_ops[op].name, what, idx);
        }
        p += n;
        count++;
    }
}

/* ---- exports ---------------------------------------------------------------------------------- */

static uint32_t name_hash(const char *s, uint32_t len) {
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static const char *const extern_names[4] = {"function", "table", "memory", "global"};

static int check_exports(struct val_ctx *c) {
    struct module *m = c->m;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const struct mod_export *x = &m->exports[i];
        uint32_t limit = 0;
        switch (x->kind) {
        case MOD_FUNC: limit = m->nfuncs; break;
        case MOD_TABLE: limit = m->ntables; break;
        case MOD_MEMORY: limit = m->nmems; break;
        case MOD_GLOBAL: limit = m->nglobals; break;
        default: return val_fail(c, WISP_ERR_MALFORMED, x->offset, "malformed export kind %u", x->kind);
        }
        if (x->index >= limit) {
            char shown[80];
            printable_name(shown, sizeof shown, x->name, x->name_len);
            return val_fail(c, WISP_ERR_INVALID, x->offset, "unknown %s %" PRIu32 " in export \"%s\"",
                            extern_names[x->kind], x->index, shown);
        }
        if (x->kind == MOD_FUNC) m->func_declared[x->index] = 1;
    }
    if (m->nexports < 2) return 0;

    /* Duplicate names: open-addressing hash set of export indices (+1; 0 = empty). */
    size_t cap = 4;
    while (cap < (size_t)m->nexports * 2) cap *= 2;
    uint32_t *set = base_calloc(&m->alloc, cap, sizeof *set);
    if (!set) return val_oom(c);
    int rc = 0;
    for (uint32_t i = 0; i < m->nexports && !rc; i++) {
        const struct mod_export *x = &m->exports[i];
        size_t h = name_hash(x->name, x->name_len) & (cap - 1);
        for (;;) {
            uint32_t slot = set[h];
            if (!slot) {
                set[h] = i + 1;
                break;
            }
            const struct mod_export *y = &m->exports[slot - 1];
            if (y->name_len == x->name_len && (x->name_len == 0 || memcmp(y->name, x->name, x->name_len) == 0)) {
                char shown[80];
                printable_name(shown, sizeof shown, x->name, x->name_len);
                rc = val_fail(c, WISP_ERR_INVALID, x->offset,
                              "duplicate export name \"%s\" (export %" PRIu32 ", first at offset 0x%" PRIx32 ")", shown,
                              i, y->offset);
                break;
            }
            h = (h + 1) & (cap - 1);
        }
    }
    base_free(&m->alloc, set, cap * sizeof *set);
    return rc;
}

/* ---- the module ------------------------------------------------------------------------------- */

static int check_elems(struct val_ctx *c) {
    struct module *m = c->m;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const struct mod_elem *e = &m->elems[i];
        uint64_t off = e->offset_in_module;
        if (!val_is_reftype(e->type))
            return val_fail(c, WISP_ERR_MALFORMED, off, "malformed reference type in element segment %" PRIu32, i);
        if (e->mode == MOD_SEG_ACTIVE) {
            if (e->table >= m->ntables)
                return val_fail(c, WISP_ERR_INVALID, off, "unknown table %" PRIu32 " in element segment %" PRIu32,
                                e->table, i);
            if (val_const_expr(c, &e->offset, VAL_I32, "offset of element segment", i)) return -1;
            if (m->tables[e->table].elem != e->type)
                return val_fail(c, WISP_ERR_INVALID, off,
                                "type mismatch: element segment %" PRIu32 " of %s cannot initialize table %" PRIu32
                                " of %s",
                                i, val_type_name(e->type), e->table, val_type_name(m->tables[e->table].elem));
        }
        if (e->func_indices) {
            if (e->type != VAL_FUNCREF)
                return val_fail(c, WISP_ERR_INVALID, off, "type mismatch: function indices in a %s segment",
                                val_type_name(e->type));
            for (uint32_t k = 0; k < e->count; k++) {
                uint32_t f = e->func_indices[k];
                if (f >= m->nfuncs)
                    return val_fail(c, WISP_ERR_INVALID, off,
                                    "unknown function %" PRIu32 " in element segment %" PRIu32 " (item %" PRIu32 ")",
                                    f, i, k);
                m->func_declared[f] = 1;
            }
        } else if (e->exprs) {
            for (uint32_t k = 0; k < e->count; k++)
                if (val_const_expr(c, &e->exprs[k], e->type, "expression in element segment", i)) return -1;
        } else if (e->count) {
            return val_fail(c, WISP_ERR_MALFORMED, off, "element segment %" PRIu32 " without items", i);
        }
    }
    return 0;
}

static int val_module_level(struct val_ctx *c) {
    struct module *m = c->m;

    /* Imports. */
    for (uint32_t i = 0; i < m->nimports; i++) {
        const struct mod_import *im = &m->imports[i];
        switch (im->kind) {
        case MOD_FUNC:
            if (im->of.func_type >= m->ntypes) {
                char mod[40], name[40];
                printable_name(mod, sizeof mod, im->module, im->module_len);
                printable_name(name, sizeof name, im->name, im->name_len);
                return val_fail(c, WISP_ERR_INVALID, im->offset, "unknown type %" PRIu32 " in import \"%s\" \"%s\"",
                                im->of.func_type, mod, name);
            }
            break;
        default: break;
        }
    }

    /* Function types of every function (imported ones again: cheap, and the index space is what
     * the rest of validation reads). */
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        if (m->func_types[i] >= m->ntypes)
            return val_fail(c, WISP_ERR_INVALID, m->func_offsets[i], "unknown type %" PRIu32 " for function %" PRIu32,
                            m->func_types[i], i);
    }
    /* The decoder has checked this; a module built otherwise must not send us past m->codes. */
    if (m->ncodes != m->nfuncs - m->nfuncs_imported)
        return val_fail(c, WISP_ERR_MALFORMED, m->size, "function and code section have inconsistent lengths");

    /* Tables and memories, imported ones included (in index order). */
    for (uint32_t i = 0; i < m->ntables; i++)
        if (check_table_limits(c, &m->tables[i].lim, m->table_offsets[i], i)) return -1;
    for (uint32_t i = 0; i < m->nmems; i++)
        if (check_mem_limits(c, &m->mems[i].lim, m->mem_offsets[i], i)) return -1;
    if (m->nmems > 1)
        return val_fail(c, WISP_ERR_INVALID, m->mem_offsets[1],
                        "multiple memories (memory 1 of %" PRIu32 "; WebAssembly 2.0 allows one)", m->nmems);

    /* The declared-function set C.refs, filled while checking globals, exports and elements. */
    if (m->func_declared) {
        memset(m->func_declared, 0, m->nfuncs);
    } else if (m->nfuncs) {
        m->func_declared = base_calloc(&m->alloc, m->nfuncs, 1);
        if (!m->func_declared) return val_oom(c);
    }

    for (uint32_t i = m->nglobals_imported; i < m->nglobals; i++) {
        if (val_const_expr(c, &m->global_inits[i - m->nglobals_imported], m->globals[i].type, "initializer of global",
                           i))
            return -1;
    }

    if (check_exports(c)) return -1;

    if (m->has_start) {
        if (m->start >= m->nfuncs)
            return val_fail(c, WISP_ERR_INVALID, m->start_offset, "unknown function %" PRIu32 " (start function)",
                            m->start);
        const struct mod_functype *ft = &m->types[m->func_types[m->start]];
        if (ft->nparams || ft->nresults)
            return val_fail(c, WISP_ERR_INVALID, m->start_offset,
                            "start function %" PRIu32 " must have type [] -> [], not %" PRIu32 " params and %" PRIu32
                            " results",
                            m->start, ft->nparams, ft->nresults);
    }

    if (check_elems(c)) return -1;

    if (m->has_datacount && m->datacount != m->ndatas)
        return val_fail(c, WISP_ERR_MALFORMED, m->size, "data count and data section have inconsistent lengths");
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const struct mod_data *d = &m->datas[i];
        if (d->mode != MOD_SEG_ACTIVE) continue;
        if (d->memory >= m->nmems)
            return val_fail(c, WISP_ERR_INVALID, d->offset_in_module,
                            "unknown memory %" PRIu32 " in data segment %" PRIu32, d->memory, i);
        if (val_const_expr(c, &d->offset, VAL_I32, "offset of data segment", i)) return -1;
    }
    return 0;
}

struct wisp_result val_module(struct module *m, const struct cg_backend *cg) {
    struct val_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.cg = cg;
    c.err = base_ok();
    c.func_index = UINT32_MAX;
    uint32_t failed_at = 0; /* the body being validated when we failed (0 at module level) */
    int rc = val_module_level(&c);
    for (uint32_t i = 0; !rc && i < m->ncodes; i++) {
        failed_at = i;
        rc = val_function(&c, i);
    }
    val_ctx_release(&c);
    if (!rc) return base_ok();
    /* The decoder left body encodings to us, but a malformed module is malformed before it is
     * invalid: the bodies we did not get through may hold an encoding error that must win (the
     * ones before `failed_at` passed, and whatever the scan finds in them we found too). */
    if (c.err.kind == WISP_ERROR && c.err.error != WISP_ERR_OUT_OF_MEMORY) {
        struct wisp_result s = dec_check_code(m, failed_at);
        if (s.kind != WISP_OK) {
            wisp_result_free(&c.err);
            return s;
        }
    }
    return c.err;
}
