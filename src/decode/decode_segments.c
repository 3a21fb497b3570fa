/* The element, code and data sections: segments in all their flag forms, and function bodies
 * with their local declarations. Body instructions are not looked at while decoding: the
 * validator decodes them once, and only when it rejects a module does dec_check_code scan them
 * for encoding errors, which take precedence (see decode.h). */
#include <string.h>

#include "decode.h"
#include "reader.h"

static bool dec_elem(struct dec *d, size_t end, struct mod_elem *e) {
    size_t off = d->pos;
    e->offset_in_module = (uint32_t)off;
    uint32_t flags;
    if (!dec_u32(d, &flags)) return false;
    if (flags > 7) return dec_fail(d, off, "malformed elements segment kind %u", flags);
    /* bit 0: passive or declarative; bit 1: explicit table (active) or declarative; bit 2:
     * expressions instead of function indices. */
    if (flags & 1) e->mode = (flags & 2) ? MOD_SEG_DECLARATIVE : MOD_SEG_PASSIVE;
    else e->mode = MOD_SEG_ACTIVE;
    if (e->mode == MOD_SEG_ACTIVE) {
        if ((flags & 2) && !dec_u32(d, &e->table)) return false;
        if (!dec_const_expr(d, &e->offset)) return false;
    }
    e->type = 0x70;
    if (flags & 3) {
        if (flags & 4) {
            if (!dec_reftype(d, &e->type)) return false;
        } else {
            size_t koff = d->pos;
            uint8_t kind;
            if (!dec_byte(d, &kind)) return false;
            if (kind != 0x00) return dec_fail(d, koff, "malformed element kind 0x%02x", kind);
        }
    }
    uint32_t n;
    if (!dec_count(d, end, 0, "element segment items", &n)) return false;
    if (!n) return true;
    const struct wisp_allocator *a = &d->m->alloc;
    if (flags & 4) {
        if (!(e->exprs = base_calloc(a, n, sizeof *e->exprs))) return dec_oom(d);
        e->count = n;
        for (uint32_t i = 0; i < n; i++)
            if (!dec_const_expr(d, &e->exprs[i])) return false;
    } else {
        if (!(e->func_indices = base_calloc(a, n, sizeof *e->func_indices))) return dec_oom(d);
        e->count = n;
        for (uint32_t i = 0; i < n; i++)
            if (!dec_u32(d, &e->func_indices[i])) return false;
    }
    return true;
}

bool dec_elem_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    uint32_t n;
    if (!dec_count(d, end, MOD_MAX_ELEM_SEGMENTS, "element segments", &n)) return false;
    if (n && !(m->elems = base_calloc(&m->alloc, n, sizeof *m->elems))) return dec_oom(d);
    m->nelems = n;
    for (uint32_t i = 0; i < n; i++)
        if (!dec_elem(d, end, &m->elems[i])) return false;
    return true;
}

bool dec_data_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    uint32_t n;
    if (!dec_count(d, end, MOD_MAX_DATA_SEGMENTS, "data segments", &n)) return false;
    if (n && !(m->datas = base_calloc(&m->alloc, n, sizeof *m->datas))) return dec_oom(d);
    m->ndatas = n;
    for (uint32_t i = 0; i < n; i++) {
        struct mod_data *s = &m->datas[i];
        size_t off = d->pos;
        uint32_t flags;
        if (!dec_u32(d, &flags)) return false;
        if (flags > 2) return dec_fail(d, off, "malformed data segment kind %u", flags);
        s->offset_in_module = (uint32_t)off;
        s->mode = flags == 1 ? MOD_SEG_PASSIVE : MOD_SEG_ACTIVE;
        if (flags == 2 && !dec_u32(d, &s->memory)) return false;
        if (flags != 1 && !dec_const_expr(d, &s->offset)) return false;
        uint32_t len;
        if (!dec_len(d, &len) || !dec_skip(d, len)) return false;
        s->start = (uint32_t)(d->pos - len);
        s->len = len;
    }
    return true;
}

/* One function body: its size, local declarations (kept as runs) and where the code starts.
 * The instructions are skipped (see dec_check_code). */
static bool dec_body(struct dec *d, uint32_t defined_index, struct mod_code *c) {
    struct module *m = d->m;
    size_t off = d->pos;
    uint32_t size;
    if (!dec_len(d, &size)) return false;
    if (size > MOD_MAX_BODY_SIZE)
        return dec_limit(d, off, "function body of %u bytes (limit %u)", size, MOD_MAX_BODY_SIZE);
    size_t body_end = d->pos + size;
    c->body_start = (uint32_t)d->pos;
    c->body_len = size;

    size_t locals_off = d->pos;
    uint32_t n;
    if (!dec_count(d, body_end, 0, "local declarations", &n)) return false;
    if (n && !(c->runs = base_calloc(&m->alloc, n, sizeof *c->runs))) return dec_oom(d);
    c->nruns = n;
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!dec_u32(d, &c->runs[i].count) || !dec_valtype(d, &c->runs[i].type)) return false;
        total += c->runs[i].count;
    }
    if (total > UINT32_MAX) return dec_fail(d, locals_off, "too many locals (%llu)", (unsigned long long)total);
    if (d->pos > body_end) return dec_overrun(d, body_end, "local declarations");
    c->nlocals = (uint32_t)total;
    c->expr_start = (uint32_t)d->pos;
    d->pos = body_end;
    /* Delimited: an error from here on comes after this body's code in module order. */
    d->ncodes_delimited = defined_index + 1;
    /* Parameters count against the limit too, when the function's type is known here. */
    uint64_t params = 0;
    uint32_t fidx = m->nfuncs_imported + defined_index;
    if (fidx < m->nfuncs && m->func_types[fidx] < m->ntypes) params = m->types[m->func_types[fidx]].nparams;
    if (total + params > MOD_MAX_LOCALS)
        return dec_limit(d, locals_off, "too many locals: %llu, parameters included (limit %u)",
                         (unsigned long long)(total + params), MOD_MAX_LOCALS);
    d->total_locals += total + params;
    if (d->total_locals > MOD_MAX_TOTAL_LOCALS)
        return dec_limit(d, locals_off, "too many locals in the module: more than %u in all, parameters included",
                         MOD_MAX_TOTAL_LOCALS);
    return true;
}

bool dec_code_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    size_t off = d->pos;
    uint32_t n;
    if (!dec_count(d, end, 0, "function bodies", &n)) return false;
    if ((uint64_t)m->nfuncs_imported + n > MOD_MAX_FUNCS)
        return dec_limit(d, off, "too many functions: %llu (limit %u)", (unsigned long long)m->nfuncs_imported + n,
                         MOD_MAX_FUNCS);
    if (n && !(m->codes = base_calloc(&m->alloc, n, sizeof *m->codes))) return dec_oom(d);
    m->ncodes = n;
    for (uint32_t i = 0; i < n; i++) {
        d->func_index = m->nfuncs_imported + i;
        if (!dec_body(d, i, &m->codes[i])) return false;
    }
    d->func_index = UINT32_MAX;
    return true;
}

/* The code of one delimited body: well-formed instructions ending exactly at the body's end. */
static bool dec_body_code(struct dec *d, const struct mod_code *c) {
    d->pos = c->expr_start;
    if (!dec_instrs(d, true)) return false;
    if (d->pos != (size_t)c->body_start + c->body_len)
        return dec_fail(d, c->body_start, "section size mismatch (function body declares %u bytes, code takes %zu)",
                        c->body_len, d->pos - c->body_start);
    return true;
}

bool dec_scan_bodies(struct dec *d, uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; i++) {
        d->func_index = d->m->nfuncs_imported + i;
        if (!dec_body_code(d, &d->m->codes[i])) return false;
    }
    d->func_index = UINT32_MAX;
    return true;
}

struct wisp_result dec_check_code(struct module *m, uint32_t from) {
    struct dec d;
    memset(&d, 0, sizeof d);
    d.ea = m->owner_alloc ? m->owner_alloc : &m->alloc;
    d.m = m;
    d.b = m->bytes;
    d.len = m->size;
    d.func_index = UINT32_MAX;
    bool ok = dec_scan_bodies(&d, from < m->ncodes ? from : m->ncodes, m->ncodes);
    /* A decode-time error in the reference interpreter, checked once the whole module is read.
     * Bodies before `from` passed the validator, which rejects such a use itself. */
    if (ok && d.data_index_use && !m->has_datacount && m->ndatas > 0)
        ok = dec_fail(&d, d.data_index_use, "data count section required (by memory.init or data.drop)");
    base_free(d.ea, d.if_bits, d.if_bits_cap);
    return ok ? base_ok() : d.err;
}
