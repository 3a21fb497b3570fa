/* wasm.h modules: compiling, validating, describing imports and exports, serialising, and sharing
 * across threads. A compiled module is immutable, so every handle, in any store or thread, points
 * at one core whose count is atomic; the core is freed with the last handle, shared token or
 * store that uses it. */
#include <string.h>
#ifndef __STDC_NO_ATOMICS__
#include <stdatomic.h>
#endif

#include "capi.h"

struct wasm_shared_module_t {
    struct capi_module_core *core;
};

/* ---- the shared core ---- */

void capi_core_retain(struct capi_module_core *c) {
#ifndef __STDC_NO_ATOMICS__
    atomic_fetch_add_explicit(&c->refs, 1, memory_order_relaxed);
#else
    c->refs++;
#endif
}

void capi_core_release(struct capi_module_core *c) {
#ifndef __STDC_NO_ATOMICS__
    /* acq_rel: every use by other threads happens before the free. */
    if (atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) != 1) return;
#else
    if (--c->refs != 0) return;
#endif
    struct wisp_engine *we = c->we;
    wisp_module_free(c->wm);
    base_free(&we->alloc, c, sizeof *c);
}

static struct capi_module_core *core_new(struct wisp_engine *we, struct wisp_module *wm) {
    struct capi_module_core *c = base_alloc(&we->alloc, sizeof *c);
    if (!c) return NULL;
#ifndef __STDC_NO_ATOMICS__
    atomic_init(&c->refs, 1);
#else
    c->refs = 1;
#endif
    c->wm = wm;
    c->we = we;
    return c;
}

/* A handle in store s taking over one count of core c (released on failure). */
static wasm_module_t *handle_new(wasm_store_t *s, struct capi_module_core *c) {
    struct capi_ref *r = capi_ref_new_counted(s, &s->alloc, CAPI_MODULE, sizeof *r);
    if (!r) {
        capi_core_release(c);
        capi_set_error(s, WISP_ERR_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    r->rt = c;
    return (wasm_module_t *)(void *)r;
}

void capi_module_handle_free(struct capi_ref *r) {
    capi_core_release(r->rt);
    base_free(&r->alloc, r, r->size);
}

static struct capi_module_core *core_of(const wasm_module_t *m) {
    const struct capi_ref *r = CAPI_CREF(m);
    return r && r->kind == CAPI_MODULE ? r->rt : NULL;
}

/* Compiles bytes with the store's engine into a new handle, recording why on failure. */
static wasm_module_t *compile(wasm_store_t *s, const uint8_t *bytes, size_t len) {
    struct wisp_engine *we = s->engine->we;
    struct wisp_module *wm = NULL;
    struct wisp_result r = wisp_module_new(we, bytes, len, &wm);
    if (r.kind != WISP_OK) {
        capi_set_error_result(s, &r);
        wisp_result_free(&r);
        return NULL;
    }
    struct capi_module_core *c = core_new(we, wm);
    if (!c) {
        wisp_module_free(wm);
        capi_set_error(s, WISP_ERR_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    capi_clear_error(s);
    return handle_new(s, c);
}

wasm_module_t *wasm_module_new(wasm_store_t *store, const wasm_byte_vec_t *binary) {
    if (!store) return NULL;
    if (!binary || (binary->size && !binary->data)) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "no module bytes");
        return NULL;
    }
    return compile(store, (const uint8_t *)binary->data, binary->size);
}

bool wasm_module_validate(wasm_store_t *store, const wasm_byte_vec_t *binary) {
    if (!store) return false;
    if (!binary || (binary->size && !binary->data)) {
        capi_set_error(store, WISP_ERR_ARGUMENT, "no module bytes");
        return false;
    }
    struct wisp_result r = wisp_module_validate(store->engine->we, (const uint8_t *)binary->data, binary->size);
    bool ok = r.kind == WISP_OK;
    if (ok) capi_clear_error(store);
    else capi_set_error_result(store, &r);
    wisp_result_free(&r);
    return ok;
}

/* ---- imports and exports ---- */

void wasm_module_imports(const wasm_module_t *module, wasm_importtype_vec_t *out) {
    if (!out) return;
    struct capi_module_core *c = core_of(module);
    size_t n = c ? wisp_module_import_count(c->wm) : 0;
    wasm_importtype_vec_new_uninitialized(out, n);
    if (out->size != n) return;
    for (size_t i = 0; i < n; i++) {
        struct wisp_import_desc d;
        wisp_module_import(c->wm, i, &d);
        wasm_name_t mn, nn;
        wasm_name_new(&mn, d.module_len, d.module);
        wasm_name_new(&nn, d.name_len, d.name);
        wasm_externtype_t *t = capi_externtype_from_wisp(&d.type);
        bool ok = mn.size == d.module_len && nn.size == d.name_len && t;
        out->data[i] = ok ? wasm_importtype_new(&mn, &nn, t) : NULL;
        if (!ok) {
            wasm_name_delete(&mn);
            wasm_name_delete(&nn);
            wasm_externtype_delete(t);
        }
        if (!out->data[i]) {
            wasm_importtype_vec_delete(out);
            return;
        }
    }
}

void wasm_module_exports(const wasm_module_t *module, wasm_exporttype_vec_t *out) {
    if (!out) return;
    struct capi_module_core *c = core_of(module);
    size_t n = c ? wisp_module_export_count(c->wm) : 0;
    wasm_exporttype_vec_new_uninitialized(out, n);
    if (out->size != n) return;
    for (size_t i = 0; i < n; i++) {
        struct wisp_export_desc d;
        wisp_module_export(c->wm, i, &d);
        wasm_name_t nn;
        wasm_name_new(&nn, d.name_len, d.name);
        wasm_externtype_t *t = capi_externtype_from_wisp(&d.type);
        bool ok = nn.size == d.name_len && t;
        out->data[i] = ok ? wasm_exporttype_new(&nn, t) : NULL;
        if (!ok) {
            wasm_name_delete(&nn);
            wasm_externtype_delete(t);
        }
        if (!out->data[i]) {
            wasm_exporttype_vec_delete(out);
            return;
        }
    }
}

/* ---- serialisation ----
 * The serialised form is a 32-byte header and the module's original binary, which
 * deserialisation validates and compiles again (compiling is fast; the compiled code is not a
 * stable format). Header, little-endian:
 *   0  magic "\0wispmod"   8  format version (u32) = 1   12 flags (u32) = 0
 *   16 binary length (u64)  24 FNV-1a 64 hash of the binary (u64)                            */

#define SER_HEADER 32u
#define SER_VERSION 1u
static const char ser_magic[8] = {'\0', 'w', 'i', 's', 'p', 'm', 'o', 'd'};

static void put_u32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static void put_u64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get_u32(const uint8_t *p) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v |= (uint32_t)p[i] << (8 * i);
    return v;
}
static uint64_t get_u64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint64_t fnv1a64(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

void wasm_module_serialize(const wasm_module_t *module, wasm_byte_vec_t *out) {
    if (!out) return;
    struct capi_module_core *c = core_of(module);
    if (!c) {
        wasm_byte_vec_new_empty(out);
        return;
    }
    const struct module *m = c->wm->mod;
    size_t n = m->size;
    wasm_byte_vec_new_uninitialized(out, SER_HEADER + n);
    if (out->size != SER_HEADER + n) return;
    uint8_t *p = (uint8_t *)out->data;
    memcpy(p, ser_magic, 8);
    put_u32(p + 8, SER_VERSION);
    put_u32(p + 12, 0);
    put_u64(p + 16, n);
    put_u64(p + 24, fnv1a64(m->bytes, n));
    if (n) memcpy(p + SER_HEADER, m->bytes, n);
}

wasm_module_t *wasm_module_deserialize(wasm_store_t *store, const wasm_byte_vec_t *bytes) {
    if (!store) return NULL;
    if (!bytes || (bytes->size && !bytes->data) || bytes->size < SER_HEADER ||
        memcmp(bytes->data, ser_magic, 8) != 0) {
        capi_set_error(store, WISP_ERR_MALFORMED, "not a serialized wisp module");
        return NULL;
    }
    const uint8_t *p = (const uint8_t *)bytes->data;
    uint32_t version = get_u32(p + 8), flags = get_u32(p + 12);
    if (version != SER_VERSION || flags != 0) {
        capi_set_error(store, WISP_ERR_MALFORMED, "unsupported serialized module format (version %u, flags %#x)",
                       (unsigned)version, (unsigned)flags);
        return NULL;
    }
    uint64_t n = get_u64(p + 16);
    if (n != bytes->size - SER_HEADER) {
        capi_set_error(store, WISP_ERR_MALFORMED,
                       "serialized module is damaged: header says %llu bytes, %llu follow",
                       (unsigned long long)n, (unsigned long long)(bytes->size - SER_HEADER));
        return NULL;
    }
    if (fnv1a64(p + SER_HEADER, (size_t)n) != get_u64(p + 24)) {
        capi_set_error(store, WISP_ERR_MALFORMED, "serialized module is damaged: checksum mismatch");
        return NULL;
    }
    return compile(store, p + SER_HEADER, (size_t)n);
}

/* ---- sharing between threads ---- */

wasm_shared_module_t *wasm_module_share(const wasm_module_t *module) {
    struct capi_module_core *c = core_of(module);
    if (!c) return NULL;
    wasm_shared_module_t *sh = base_alloc(&c->we->alloc, sizeof *sh);
    if (!sh) return NULL;
    capi_core_retain(c);
    sh->core = c;
    return sh;
}

void wasm_shared_module_delete(wasm_shared_module_t *sh) {
    if (!sh) return;
    struct capi_module_core *c = sh->core;
    struct wisp_engine *we = c->we;
    base_free(&we->alloc, sh, sizeof *sh);
    capi_core_release(c);
}

wasm_module_t *wasm_module_obtain(wasm_store_t *store, const wasm_shared_module_t *sh) {
    if (!store || !sh) return NULL;
    struct capi_module_core *c = sh->core;
    if (c->we != store->engine->we) {
        /* Another engine (other allocator and limits): compile the same bytes for it. */
        const struct module *m = c->wm->mod;
        return compile(store, m->bytes, m->size);
    }
    capi_core_retain(c);
    return handle_new(store, c);
}
