/* The decoded module's helpers: release (also of half-built modules), name lookup, type equality. */
#include <string.h>

#include "module.h"

static void str_free(const struct wisp_allocator *a, char *s, uint32_t len) {
    if (s) base_free(a, s, (size_t)len + 1);
}

void mod_free(struct module *m) {
    if (!m) return;
    /* Copy the allocator: it lives inside the struct we free last. */
    struct wisp_allocator al = m->alloc;
    const struct wisp_allocator *a = &al;

    if (m->types) {
        for (uint32_t i = 0; i < m->ntypes; i++)
            base_free(a, m->types[i].types, (size_t)m->types[i].nparams + m->types[i].nresults);
        base_free(a, m->types, (size_t)m->ntypes * sizeof *m->types);
    }
    if (m->imports) {
        for (uint32_t i = 0; i < m->nimports; i++) {
            str_free(a, m->imports[i].module, m->imports[i].module_len);
            str_free(a, m->imports[i].name, m->imports[i].name_len);
        }
        base_free(a, m->imports, (size_t)m->nimports * sizeof *m->imports);
    }
    base_free(a, m->func_types, (size_t)m->nfuncs * sizeof *m->func_types);
    base_free(a, m->tables, (size_t)m->ntables * sizeof *m->tables);
    base_free(a, m->mems, (size_t)m->nmems * sizeof *m->mems);
    base_free(a, m->globals, (size_t)m->nglobals * sizeof *m->globals);
    base_free(a, m->global_inits, (size_t)(m->nglobals - m->nglobals_imported) * sizeof *m->global_inits);
    base_free(a, m->func_offsets, (size_t)m->nfuncs * sizeof *m->func_offsets);
    base_free(a, m->table_offsets, (size_t)m->ntables * sizeof *m->table_offsets);
    base_free(a, m->mem_offsets, (size_t)m->nmems * sizeof *m->mem_offsets);
    base_free(a, m->global_offsets, (size_t)m->nglobals * sizeof *m->global_offsets);
    if (m->exports) {
        for (uint32_t i = 0; i < m->nexports; i++) str_free(a, m->exports[i].name, m->exports[i].name_len);
        base_free(a, m->exports, (size_t)m->nexports * sizeof *m->exports);
    }
    if (m->elems) {
        for (uint32_t i = 0; i < m->nelems; i++) {
            base_free(a, m->elems[i].func_indices, (size_t)m->elems[i].count * sizeof(uint32_t));
            base_free(a, m->elems[i].exprs, (size_t)m->elems[i].count * sizeof(struct mod_expr));
        }
        base_free(a, m->elems, (size_t)m->nelems * sizeof *m->elems);
    }
    base_free(a, m->datas, (size_t)m->ndatas * sizeof *m->datas);
    if (m->codes) {
        for (uint32_t i = 0; i < m->ncodes; i++)
            base_free(a, m->codes[i].runs, (size_t)m->codes[i].nruns * sizeof *m->codes[i].runs);
        base_free(a, m->codes, (size_t)m->ncodes * sizeof *m->codes);
    }
    if (m->customs) {
        for (uint32_t i = 0; i < m->ncustoms; i++) str_free(a, m->customs[i].name, m->customs[i].name_len);
        base_free(a, m->customs, (size_t)m->ncustoms * sizeof *m->customs);
    }
    if (m->module_name) base_free(a, m->module_name, strlen(m->module_name) + 1);
    if (m->func_names) {
        for (uint32_t i = 0; i < m->nfunc_names; i++)
            if (m->func_names[i].name) base_free(a, m->func_names[i].name, strlen(m->func_names[i].name) + 1);
        base_free(a, m->func_names, (size_t)m->nfunc_names * sizeof *m->func_names);
    }
    base_free(a, m->func_declared, m->nfuncs);
    base_free(a, m->bytes, m->size);
    base_free(a, m, sizeof *m);
}

const char *mod_func_name(const struct module *m, uint32_t idx) {
    if (!m) return NULL;
    uint32_t lo = 0, hi = m->nfunc_names;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t k = m->func_names[mid].index;
        if (k == idx) return m->func_names[mid].name;
        if (k < idx) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

bool mod_functype_eq(const struct mod_functype *a, const struct mod_functype *b) {
    if (a == b) return true;
    /* The hash is not compared: types built outside the decoder may not carry one. */
    if (a->nparams != b->nparams || a->nresults != b->nresults) return false;
    size_t n = (size_t)a->nparams + a->nresults;
    return n == 0 || memcmp(a->types, b->types, n) == 0;
}
