/* dec_module(): the header, the section loop with its ordering rules, the final consistency
 * checks, and the non-code sections (types, imports, index spaces, exports, start, customs). */
#include "decode.h"

#include <string.h>

#include "reader.h"

/* Sections' positions in the required order (the data count section sits before code). */
static const uint8_t sec_rank[13] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
static const char *const sec_names[13] = {"custom", "type",    "import", "function", "table",
                                          "memory", "global",  "export", "start",    "element",
                                          "code",   "data",    "data count"};

/* Reads a vector of value types, leaving them in place in the module bytes. */
static bool dec_result_types(struct dec *d, size_t end, uint32_t limit, const char *what, uint32_t *n,
                             size_t *at) {
    if (!dec_count(d, end, limit, what, n)) return false;
    *at = d->pos;
    for (uint32_t i = 0; i < *n; i++) {
        uint8_t t;
        if (!dec_valtype(d, &t)) return false;
    }
    return true;
}

static bool dec_type_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    uint32_t n;
    if (!dec_count(d, end, MOD_MAX_TYPES, "types", &n)) return false;
    if (n && !(m->types = base_calloc(&m->alloc, n, sizeof *m->types))) return dec_oom(d);
    m->ntypes = n;
    for (uint32_t i = 0; i < n; i++) {
        size_t off = d->pos;
        uint8_t form;
        if (!dec_byte(d, &form)) return false;
        if (form != 0x60) {
            if (form & 0x80) return dec_fail(d, off, "integer representation too long");
            return dec_fail(d, off, "malformed function type 0x%02x", form);
        }
        uint32_t np, nr;
        size_t pat, rat;
        if (!dec_result_types(d, end, MOD_MAX_PARAMS, "parameters", &np, &pat)) return false;
        if (!dec_result_types(d, end, MOD_MAX_RESULTS, "results", &nr, &rat)) return false;
        struct mod_functype *t = &m->types[i];
        if (np + nr) {
            if (!(t->types = base_alloc(&m->alloc, (size_t)np + nr))) return dec_oom(d);
            memcpy(t->types, d->b + pat, np);
            memcpy(t->types + np, d->b + rat, nr);
        }
        t->nparams = np;
        t->nresults = nr;
        t->hash = mod_functype_hash(t);
    }
    return true;
}

static bool dec_globaltype(struct dec *d, struct mod_globaltype *g) {
    if (!dec_valtype(d, &g->type)) return false;
    size_t off = d->pos;
    uint8_t mut;
    if (!dec_byte(d, &mut)) return false;
    if (mut > 1) return dec_fail(d, off, "malformed mutability 0x%02x", mut);
    g->mut = mut == 1;
    return true;
}

/* Grows an index space from `old` to `old + add` entries: the array of `elem`-byte entries and
 * the array of their declaration offsets, both or neither (mod_free sizes both by one count).
 * New entries are zeroed. */
static bool grow_space(struct dec *d, void **arr, uint32_t **offs, uint32_t old, uint32_t add, size_t elem) {
    if (!add) return true;
    const struct wisp_allocator *a = &d->m->alloc;
    size_t n = (size_t)old + add;
    uint32_t *o = base_calloc(a, n, sizeof *o);
    if (!o) return dec_oom(d);
    void *p = base_realloc(a, *arr, (size_t)old * elem, n * elem);
    if (!p) {
        base_free(a, o, n * sizeof *o);
        return dec_oom(d);
    }
    memset((char *)p + (size_t)old * elem, 0, (size_t)add * elem);
    if (old) memcpy(o, *offs, (size_t)old * sizeof *o);
    base_free(a, *offs, (size_t)old * sizeof *o);
    *arr = p;
    *offs = o;
    return true;
}

static bool dec_import_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    uint32_t n;
    if (!dec_count(d, end, MOD_MAX_IMPORTS, "imports", &n)) return false;
    if (n && !(m->imports = base_calloc(&m->alloc, n, sizeof *m->imports))) return dec_oom(d);
    m->nimports = n;
    uint32_t counts[4] = {0, 0, 0, 0};
    for (uint32_t i = 0; i < n; i++) {
        struct mod_import *imp = &m->imports[i];
        imp->offset = (uint32_t)d->pos;
        uint32_t ms, ml, ns, nl;
        if (!dec_name(d, &ms, &ml) || !dec_name(d, &ns, &nl)) return false;
        if (!(imp->module = base_strndup(&m->alloc, (const char *)d->b + ms, ml))) return dec_oom(d);
        imp->module_len = ml;
        if (!(imp->name = base_strndup(&m->alloc, (const char *)d->b + ns, nl))) return dec_oom(d);
        imp->name_len = nl;
        size_t koff = d->pos;
        uint8_t kind;
        if (!dec_byte(d, &kind)) return false;
        switch (kind) {
        case MOD_FUNC:
            if (!dec_u32(d, &imp->of.func_type)) return false;
            break;
        case MOD_TABLE:
            if (!dec_reftype(d, &imp->of.table.elem) || !dec_limits(d, &imp->of.table.lim)) return false;
            break;
        case MOD_MEMORY:
            if (!dec_limits(d, &imp->of.mem.lim)) return false;
            break;
        case MOD_GLOBAL:
            if (!dec_globaltype(d, &imp->of.global)) return false;
            break;
        default: return dec_fail(d, koff, "malformed import kind 0x%02x", kind);
        }
        imp->kind = kind;
        counts[kind]++;
    }
    if (counts[MOD_TABLE] > MOD_MAX_TABLES)
        return dec_limit(d, d->pos, "too many tables: %u (limit %u)", counts[MOD_TABLE], MOD_MAX_TABLES);

    /* The imported entries open each index space. */
    if (!grow_space(d, (void **)&m->func_types, &m->func_offsets, 0, counts[MOD_FUNC], sizeof *m->func_types))
        return false;
    m->nfuncs = m->nfuncs_imported = counts[MOD_FUNC];
    if (!grow_space(d, (void **)&m->tables, &m->table_offsets, 0, counts[MOD_TABLE], sizeof *m->tables)) return false;
    m->ntables = m->ntables_imported = counts[MOD_TABLE];
    if (!grow_space(d, (void **)&m->mems, &m->mem_offsets, 0, counts[MOD_MEMORY], sizeof *m->mems)) return false;
    m->nmems = m->nmems_imported = counts[MOD_MEMORY];
    if (!grow_space(d, (void **)&m->globals, &m->global_offsets, 0, counts[MOD_GLOBAL], sizeof *m->globals))
        return false;
    m->nglobals = m->nglobals_imported = counts[MOD_GLOBAL];
    uint32_t k[4] = {0, 0, 0, 0};
    for (uint32_t i = 0; i < n; i++) {
        const struct mod_import *imp = &m->imports[i];
        switch (imp->kind) {
        case MOD_FUNC:
            m->func_offsets[k[0]] = imp->offset;
            m->func_types[k[0]++] = imp->of.func_type;
            break;
        case MOD_TABLE:
            m->table_offsets[k[1]] = imp->offset;
            m->tables[k[1]++] = imp->of.table;
            break;
        case MOD_MEMORY:
            m->mem_offsets[k[2]] = imp->offset;
            m->mems[k[2]++] = imp->of.mem;
            break;
        default:
            m->global_offsets[k[3]] = imp->offset;
            m->globals[k[3]++] = imp->of.global;
            break;
        }
    }
    return true;
}

static bool dec_function_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    size_t off = d->pos;
    uint32_t n;
    if (!dec_count(d, end, 0, "functions", &n)) return false;
    if ((uint64_t)m->nfuncs + n > MOD_MAX_FUNCS)
        return dec_limit(d, off, "too many functions: %llu (limit %u)", (unsigned long long)m->nfuncs + n,
                         MOD_MAX_FUNCS);
    if (!grow_space(d, (void **)&m->func_types, &m->func_offsets, m->nfuncs, n, sizeof *m->func_types))
        return false;
    uint32_t base = m->nfuncs;
    m->nfuncs += n;
    for (uint32_t i = 0; i < n; i++) {
        m->func_offsets[base + i] = (uint32_t)d->pos;
        if (!dec_u32(d, &m->func_types[base + i])) return false;
    }
    return true;
}

static bool dec_table_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    size_t off = d->pos;
    uint32_t n;
    if (!dec_count(d, end, 0, "tables", &n)) return false;
    if ((uint64_t)m->ntables + n > MOD_MAX_TABLES)
        return dec_limit(d, off, "too many tables: %llu (limit %u)", (unsigned long long)m->ntables + n,
                         MOD_MAX_TABLES);
    if (!grow_space(d, (void **)&m->tables, &m->table_offsets, m->ntables, n, sizeof *m->tables)) return false;
    uint32_t base = m->ntables;
    m->ntables += n;
    for (uint32_t i = 0; i < n; i++) {
        struct mod_tabletype *t = &m->tables[base + i];
        m->table_offsets[base + i] = (uint32_t)d->pos;
        if (!dec_reftype(d, &t->elem) || !dec_limits(d, &t->lim)) return false;
    }
    return true;
}

static bool dec_memory_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    size_t off = d->pos;
    uint32_t n;
    if (!dec_count(d, end, 0, "memories", &n)) return false;
    if ((uint64_t)m->nmems + n > DEC_MAX_MEMORIES)
        return dec_limit(d, off, "too many memories: %llu (limit %u)", (unsigned long long)m->nmems + n,
                         DEC_MAX_MEMORIES);
    if (!grow_space(d, (void **)&m->mems, &m->mem_offsets, m->nmems, n, sizeof *m->mems)) return false;
    uint32_t base = m->nmems;
    m->nmems += n;
    for (uint32_t i = 0; i < n; i++) {
        m->mem_offsets[base + i] = (uint32_t)d->pos;
        if (!dec_limits(d, &m->mems[base + i].lim)) return false;
    }
    return true;
}

static bool dec_global_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    size_t off = d->pos;
    uint32_t n;
    if (!dec_count(d, end, 0, "globals", &n)) return false;
    if ((uint64_t)m->nglobals + n > MOD_MAX_GLOBALS)
        return dec_limit(d, off, "too many globals: %llu (limit %u)", (unsigned long long)m->nglobals + n,
                         MOD_MAX_GLOBALS);
    if (!n) return true;
    /* Both arrays first, then the count, so that mod_free() sees consistent sizes. */
    struct mod_expr *inits = base_calloc(&m->alloc, n, sizeof *inits);
    if (!inits) return dec_oom(d);
    if (!grow_space(d, (void **)&m->globals, &m->global_offsets, m->nglobals, n, sizeof *m->globals)) {
        base_free(&m->alloc, inits, (size_t)n * sizeof *inits);
        return false;
    }
    m->global_inits = inits;
    uint32_t base = m->nglobals;
    m->nglobals += n;
    for (uint32_t i = 0; i < n; i++) {
        m->global_offsets[base + i] = (uint32_t)d->pos;
        if (!dec_globaltype(d, &m->globals[base + i])) return false;
        if (!dec_const_expr(d, &inits[i])) return false;
    }
    return true;
}

static bool dec_export_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    uint32_t n;
    if (!dec_count(d, end, MOD_MAX_EXPORTS, "exports", &n)) return false;
    if (n && !(m->exports = base_calloc(&m->alloc, n, sizeof *m->exports))) return dec_oom(d);
    m->nexports = n;
    for (uint32_t i = 0; i < n; i++) {
        struct mod_export *e = &m->exports[i];
        e->offset = (uint32_t)d->pos;
        uint32_t s, l;
        if (!dec_name(d, &s, &l)) return false;
        if (!(e->name = base_strndup(&m->alloc, (const char *)d->b + s, l))) return dec_oom(d);
        e->name_len = l;
        size_t koff = d->pos;
        if (!dec_byte(d, &e->kind)) return false;
        if (e->kind > MOD_GLOBAL) return dec_fail(d, koff, "malformed export kind 0x%02x", e->kind);
        if (!dec_u32(d, &e->index)) return false;
    }
    return true;
}

/* A custom section: its name must be well-formed UTF-8 and lie inside the section. */
static bool dec_custom_section(struct dec *d, size_t end) {
    struct module *m = d->m;
    if (end > d->len) return dec_fail(d, d->len, "unexpected end of section or function (custom section)");
    uint32_t s, l;
    if (!dec_name(d, &s, &l)) return false;
    if (d->pos > end) return dec_fail(d, end, "unexpected end of section or function (custom section name)");
    if (m->ncustoms == d->customs_cap &&
        base_grow(&m->alloc, (void **)&m->customs, &d->customs_cap, (size_t)m->ncustoms + 1, sizeof *m->customs))
        return dec_oom(d);
    struct mod_custom *c = &m->customs[m->ncustoms];
    if (!(c->name = base_strndup(&m->alloc, (const char *)d->b + s, l))) return dec_oom(d);
    c->name_len = l;
    c->start = (uint32_t)d->pos;
    c->len = (uint32_t)(end - d->pos);
    m->ncustoms++;
    if (l == 4 && memcmp(d->b + s, "name", 4) == 0 && !d->seen_name_section) {
        d->seen_name_section = true;
        if (!dec_name_section(d, d->pos, end)) return false;
    }
    d->pos = end;
    return true;
}

static bool dec_section(struct dec *d, uint8_t id, size_t end) {
    switch (id) {
    case 0: return dec_custom_section(d, end);
    case 1: return dec_type_section(d, end);
    case 2: return dec_import_section(d, end);
    case 3: return dec_function_section(d, end);
    case 4: return dec_table_section(d, end);
    case 5: return dec_memory_section(d, end);
    case 6: return dec_global_section(d, end);
    case 7: return dec_export_section(d, end);
    case 8:
        d->m->has_start = true;
        d->m->start_offset = (uint32_t)d->pos;
        return dec_u32(d, &d->m->start);
    case 9: return dec_elem_section(d, end);
    case 10: return dec_code_section(d, end);
    case 11: return dec_data_section(d, end);
    default:
        d->m->has_datacount = true;
        return dec_u32(d, &d->m->datacount);
    }
}

static bool dec_sections(struct dec *d) {
    struct module *m = d->m;
    unsigned last_rank = 0;
    while (d->pos < d->len) {
        size_t off = d->pos;
        uint8_t id = d->b[d->pos++];
        if (id > 12) return dec_fail(d, off, "malformed section id %u", id);
        /* Out of order or repeated: the reference interpreter has stopped expecting sections. */
        if (id != 0) {
            if (sec_rank[id] <= last_rank)
                return dec_fail(d, off, "unexpected content after last section (%s section out of order or repeated)",
                                sec_names[id]);
            last_rank = sec_rank[id];
        }
        uint32_t size;
        if (!dec_len(d, &size)) return false;
        size_t start = d->pos, end = start + size;
        if (!dec_section(d, id, end)) return false;
        if (d->pos != end)
            return dec_fail(d, start, "section size mismatch (%s section declares %u bytes, content takes %zu)",
                            sec_names[id], size, d->pos - start);
    }
    uint32_t ndefined = m->nfuncs - m->nfuncs_imported;
    if (ndefined != m->ncodes)
        return dec_fail(d, d->len, "function and code section have inconsistent lengths (%u functions, %u bodies)",
                        ndefined, m->ncodes);
    if (m->has_datacount && m->datacount != m->ndatas)
        return dec_fail(d, d->len,
                        "data count and data section have inconsistent lengths (data count %u, %u segments)",
                        m->datacount, m->ndatas);
    /* "data count section required" needs the bodies' code: dec_check_code says it. */
    return true;
}

/* Body code is scanned lazily (dec_check_code), but the reference interpreter reads it while
 * decoding: an encoding error in a body delimited before the point of failure comes first. */
static void earlier_code_error(struct dec *d) {
    if (d->err.kind != WISP_ERROR || d->err.error == WISP_ERR_OUT_OF_MEMORY || d->ncodes_delimited == 0) return;
    struct dec s;
    memset(&s, 0, sizeof s);
    s.ea = d->ea;
    s.m = d->m;
    s.b = d->b;
    s.len = d->len;
    s.func_index = UINT32_MAX;
    if (!dec_scan_bodies(&s, 0, d->ncodes_delimited)) {
        wisp_result_free(&d->err);
        d->err = s.err;
    }
    base_free(s.ea, s.if_bits, s.if_bits_cap);
}

/* m->customs grows by doubling; give it its exact size (or release it on failure). */
static bool customs_settle(struct dec *d, bool ok) {
    struct module *m = d->m;
    if (!m->customs || d->customs_cap == m->ncustoms) return ok;
    size_t el = sizeof *m->customs;
    if (ok) {
        void *p = base_realloc(&m->alloc, m->customs, d->customs_cap * el, (size_t)m->ncustoms * el);
        if (p || m->ncustoms == 0) {
            m->customs = p;
            d->customs_cap = m->ncustoms;
            return true;
        }
        dec_oom(d);
    }
    for (uint32_t i = 0; i < m->ncustoms; i++)
        if (m->customs[i].name) base_free(&m->alloc, m->customs[i].name, (size_t)m->customs[i].name_len + 1);
    base_free(&m->alloc, m->customs, d->customs_cap * el);
    m->customs = NULL;
    m->ncustoms = 0;
    d->customs_cap = 0;
    return false;
}

static struct wisp_result dec_header_error(const struct wisp_allocator *a, size_t off, const char *msg) {
    return base_error(a, WISP_ERR_MALFORMED, off, UINT32_MAX, "malformed module at offset 0x%llx: %s",
                      (unsigned long long)off, msg);
}

struct wisp_result dec_module(const struct wisp_allocator *alloc, const uint8_t *bytes, size_t len,
                              struct module **out) {
    static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6d};
    static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
    if (out) *out = NULL;
    if (len && !bytes) len = 0;
    if (len < 4) return dec_header_error(alloc, len, "unexpected end (no magic header)");
    if (memcmp(bytes, magic, 4) != 0) return dec_header_error(alloc, 0, "magic header not detected");
    if (len < 8) return dec_header_error(alloc, len, "unexpected end (no binary version)");
    if (memcmp(bytes + 4, version, 4) != 0) return dec_header_error(alloc, 4, "unknown binary version");
    if (len > MOD_MAX_MODULE_SIZE)
        return base_error(alloc, WISP_ERR_LIMIT, 0, UINT32_MAX,
                          "implementation limit exceeded at offset 0x0: module of %zu bytes (limit %u)", len,
                          MOD_MAX_MODULE_SIZE);

    struct module *m = base_calloc(alloc, 1, sizeof *m);
    if (!m) return base_oom();
    m->alloc = *alloc;
    m->owner_alloc = alloc;
    if (!(m->bytes = base_alloc(alloc, len))) {
        base_free(alloc, m, sizeof *m);
        return base_oom();
    }
    memcpy(m->bytes, bytes, len);
    m->size = (uint32_t)len;

    struct dec d;
    memset(&d, 0, sizeof d);
    d.ea = alloc;
    d.m = m;
    d.b = m->bytes;
    d.len = len;
    d.pos = 8;
    d.func_index = UINT32_MAX;
    bool ok = dec_sections(&d);
    if (!ok) earlier_code_error(&d);
    ok = customs_settle(&d, ok);
    base_free(alloc, d.if_bits, d.if_bits_cap);
    if (!ok) {
        mod_free(m);
        return d.err;
    }
    if (out) *out = m;
    else mod_free(m);
    return base_ok();
}
