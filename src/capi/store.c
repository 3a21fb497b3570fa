/* wasm.h configs, engines and stores, the store's reference map and error message, and the
 * life cycle of references (store-owned and counted). */
#include <stdarg.h>
#include <string.h>

#include "capi.h"

const struct wisp_allocator capi_libc = {base_default_alloc, NULL};

/* ---- config and engine ---- */

wasm_config_t *wasm_config_new(void) {
    wasm_config_t *c = base_alloc(&capi_libc, sizeof *c);
    if (c) wisp_config_init(&c->cfg);
    return c;
}

void wasm_config_delete(wasm_config_t *c) { base_free(&capi_libc, c, sizeof *c); }

struct wisp_config *wisp_capi_config(wasm_config_t *config) { return config ? &config->cfg : NULL; }

wasm_engine_t *wasm_engine_new_with_config(wasm_config_t *config) {
    struct wisp_engine *we = wisp_engine_new(config ? &config->cfg : NULL);
    wasm_config_delete(config);
    if (!we) return NULL;
    wasm_engine_t *e = base_alloc(&we->alloc, sizeof *e);
    if (!e) {
        wisp_engine_free(we);
        return NULL;
    }
    e->we = we;
    return e;
}

wasm_engine_t *wasm_engine_new(void) { return wasm_engine_new_with_config(NULL); }

void wasm_engine_delete(wasm_engine_t *e) {
    if (!e) return;
    struct wisp_engine *we = e->we;
    base_free(&we->alloc, e, sizeof *e);
    wisp_engine_free(we);
}

struct wisp_engine *wisp_capi_engine(wasm_engine_t *engine) { return engine ? engine->we : NULL; }

/* ---- store ---- */

wasm_store_t *wasm_store_new(wasm_engine_t *engine) {
    if (!engine) return NULL;
    const struct wisp_allocator *a = &engine->we->alloc;
    wasm_store_t *s = base_calloc(a, 1, sizeof *s);
    if (!s) return NULL;
    s->engine = engine;
    s->alloc = *a;
    s->ws = wisp_store_new(engine->we);
    if (s->ws) s->oom_trap = CAPI_REF(capi_trap_from_message(s, WISP_TRAP_NONE, "out of memory"));
    /* The out-of-memory trap must really exist: capi_trap_from_message falls back on it. */
    if (!s->ws || !s->oom_trap) {
        if (s->ws) wisp_store_free(s->ws);
        base_free(a, s, sizeof *s);
        return NULL;
    }
    return s;
}

void wasm_store_delete(wasm_store_t *s) {
    if (!s) return;
    /* Host-info finalizers first, while every object still exists. */
    for (struct capi_ref *r = s->objects; r; r = r->next) capi_ref_finalize(r);
    for (size_t i = 0; i < s->npinned; i++) capi_ref_release(s->pinned[i]);
    /* Frees instances and runtime objects, running host-function finalizers. */
    wisp_store_free(s->ws);
    for (size_t i = 0; i < s->ncores; i++) capi_core_release(s->cores[i]);
    struct capi_ref *r = s->objects;
    while (r) {
        struct capi_ref *next = r->next;
        base_free(&s->alloc, r, r->size);
        r = next;
    }
    struct capi_ref *oom = s->oom_trap;
    oom->store = NULL; /* it may outlive the store if the embedder still holds it */
    capi_ref_release(oom);
    base_free(&s->alloc, s->map.keys, s->map.cap * sizeof *s->map.keys);
    base_free(&s->alloc, s->map.vals, s->map.cap * sizeof *s->map.vals);
    base_free(&s->alloc, s->cores, s->cores_cap * sizeof *s->cores);
    base_free(&s->alloc, s->pinned, s->pinned_cap * sizeof *s->pinned);
    capi_clear_error(s);
    struct wisp_allocator a = s->alloc;
    base_free(&a, s, sizeof *s);
}

struct wisp_store *wisp_capi_store(wasm_store_t *store) { return store ? store->ws : NULL; }

bool capi_push(wasm_store_t *s, void ***items, size_t *n, size_t *cap, void *item) {
    if (base_grow(&s->alloc, (void **)items, cap, *n + 1, sizeof **items) != 0) return false;
    (*items)[(*n)++] = item;
    return true;
}

/* ---- errors ---- */

void capi_clear_error(wasm_store_t *s) {
    if (s->last_error) base_free(&s->alloc, s->last_error, strlen(s->last_error) + 1);
    s->last_error = NULL;
    s->last_code = WISP_ERR_NONE;
}

void capi_set_error(wasm_store_t *s, enum wisp_error_code code, const char *fmt, ...) {
    capi_clear_error(s);
    va_list ap;
    va_start(ap, fmt);
    s->last_error = base_vformat(&s->alloc, fmt, ap);
    va_end(ap);
    s->last_code = code;
}

void capi_set_error_result(wasm_store_t *s, const struct wisp_result *r) {
    enum wisp_error_code code = r->kind == WISP_ERROR ? r->error : WISP_ERR_NONE;
    const char *msg = r->message;
    if (!msg) {
        if (r->kind == WISP_TRAP) msg = wisp_trap_name(r->trap);
        else if (r->kind == WISP_ERROR && r->error == WISP_ERR_OUT_OF_MEMORY) msg = "out of memory";
        else if (r->kind == WISP_EXIT) msg = "exit";
        else msg = "failed";
    }
    capi_set_error(s, code, "%s", msg);
}

const char *wisp_capi_last_error(const wasm_store_t *store) { return store ? store->last_error : NULL; }

enum wisp_error_code wisp_capi_last_error_code(const wasm_store_t *store) {
    return store ? store->last_code : WISP_ERR_NONE;
}

/* ---- the reference map ---- */

static size_t map_slot(const void *key, size_t cap) {
    uint64_t h = (uint64_t)(uintptr_t)key;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return (size_t)h & (cap - 1);
}

static struct capi_ref *map_get(const struct capi_map *m, const void *key) {
    if (!m->cap) return NULL;
    for (size_t i = map_slot(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return NULL;
        if (m->keys[i] == key) return m->vals[i];
    }
}

static bool map_put(wasm_store_t *s, void *key, struct capi_ref *val) {
    struct capi_map *m = &s->map;
    if ((m->count + 1) * 4 > m->cap * 3) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        if (ncap > SIZE_MAX / sizeof(void *)) return false;
        void **keys = base_calloc(&s->alloc, ncap, sizeof *keys);
        struct capi_ref **vals = base_calloc(&s->alloc, ncap, sizeof *vals);
        if (!keys || !vals) {
            base_free(&s->alloc, keys, ncap * sizeof *keys);
            base_free(&s->alloc, vals, ncap * sizeof *vals);
            return false;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i]) continue;
            size_t j = map_slot(m->keys[i], ncap);
            while (keys[j]) j = (j + 1) & (ncap - 1);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        base_free(&s->alloc, m->keys, m->cap * sizeof *m->keys);
        base_free(&s->alloc, m->vals, m->cap * sizeof *m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = ncap;
    }
    size_t i = map_slot(key, m->cap);
    while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) m->count++;
    m->keys[i] = key;
    m->vals[i] = val;
    return true;
}

/* ---- references ---- */

struct capi_ref *capi_ref_new_owned(wasm_store_t *s, uint8_t kind, void *rt) {
    struct capi_ref *r = base_calloc(&s->alloc, 1, sizeof *r);
    if (!r) return NULL;
    r->kind = kind;
    r->store = s;
    r->rt = rt;
    r->alloc = s->alloc;
    r->size = sizeof *r;
    r->next = s->objects;
    s->objects = r;
    return r;
}

struct capi_ref *capi_ref_of(wasm_store_t *s, uint8_t kind, void *rt) {
    if (!s || !rt) return NULL;
    struct capi_ref *r = map_get(&s->map, rt);
    if (r) return r;
    r = capi_ref_new_owned(s, kind, rt);
    if (!r) return NULL;
    if (!map_put(s, rt, r)) {
        s->objects = r->next;
        base_free(&s->alloc, r, r->size);
        return NULL;
    }
    return r;
}

struct capi_ref *capi_ref_new_counted(wasm_store_t *s, const struct wisp_allocator *a, uint8_t kind, size_t size) {
    struct capi_ref *r = base_calloc(a, 1, size);
    if (!r) return NULL;
    r->kind = kind;
    r->counted = true;
    r->refs = 1;
    r->store = s;
    r->alloc = *a;
    r->size = size;
    return r;
}

void capi_ref_finalize(struct capi_ref *r) {
    void (*fin)(void *) = r->finalizer;
    void *info = r->host_info;
    r->finalizer = NULL;
    if (fin) fin(info);
}

struct capi_ref *capi_ref_retain(struct capi_ref *r) {
    if (r && r->counted) r->refs++;
    return r;
}

void capi_ref_release(struct capi_ref *r) {
    if (!r || !r->counted) return;
    if (--r->refs > 0) return;
    capi_ref_finalize(r);
    if (r->kind == CAPI_TRAP) capi_trap_free(r);
    else if (r->kind == CAPI_MODULE) capi_module_handle_free(r);
    else base_free(&r->alloc, r, r->size);
}

/* ---- externref mapping ---- */

/* The externref value that stands for reference r: a wrapped host pointer is itself; any other
 * reference is its own address, registered so the value can be mapped back. Counted references
 * are pinned (the store keeps a count) because wasm code may hold the value indefinitely. */
static void *externref_of(wasm_store_t *s, struct capi_ref *r) {
    if (r->kind == CAPI_FOREIGN && r->rt) return r->rt;
    if (map_get(&s->map, r) == r) return r;
    if (r->counted && !capi_push(s, (void ***)&s->pinned, &s->npinned, &s->pinned_cap, r)) return NULL;
    if (!map_put(s, r, r)) {
        if (r->counted) s->npinned--;
        return NULL;
    }
    if (r->counted) r->refs++;
    return r;
}

/* The reference for a non-null externref value: a registered reference, or a new foreign object
 * wrapping a host pointer that came from wisp.h. Returned owned (counted ones get a count). */
static struct capi_ref *externref_to_ref(wasm_store_t *s, void *p) {
    struct capi_ref *r = map_get(&s->map, p);
    if (r) return capi_ref_retain(r);
    return capi_ref_of(s, CAPI_FOREIGN, p);
}

/* ---- values ---- */

uint8_t capi_kind_to_wisp(wasm_valkind_t k) {
    switch (k) {
    case WASM_I32: return WISP_I32;
    case WASM_I64: return WISP_I64;
    case WASM_F32: return WISP_F32;
    case WASM_F64: return WISP_F64;
    case WASM_EXTERNREF: return WISP_EXTERNREF;
    case WASM_FUNCREF: return WISP_FUNCREF;
    default: return 0;
    }
}

wasm_valkind_t capi_kind_from_wisp(uint8_t t) {
    switch (t) {
    case WISP_I32: return WASM_I32;
    case WISP_I64: return WASM_I64;
    case WISP_F32: return WASM_F32;
    case WISP_F64: return WASM_F64;
    case WISP_V128: return WISP_CAPI_V128;
    case WISP_EXTERNREF: return WASM_EXTERNREF;
    case WISP_FUNCREF: return WASM_FUNCREF;
    default: return 255;
    }
}

const char *capi_ref_to_wisp(wasm_store_t *s, const wasm_ref_t *ref, uint8_t type, struct wisp_value *out) {
    memset(out, 0, sizeof *out);
    out->type = type;
    struct capi_ref *r = CAPI_REF(ref);
    if (type == WISP_FUNCREF) {
        if (!r) return NULL;
        if (r->kind != CAPI_FUNC) return "a funcref value must be a function reference";
        if (r->store != s) return "function reference from another store";
        out->of.funcref = r->rt;
        return NULL;
    }
    if (type == WISP_EXTERNREF) {
        if (!r) return NULL;
        if (r->store != s && !(r->kind == CAPI_MODULE || r->kind == CAPI_TRAP))
            return "reference from another store";
        void *p = externref_of(s, r);
        if (!p) return "out of memory";
        out->of.externref = p;
        return NULL;
    }
    return "not a reference type";
}

const char *capi_val_to_wisp(wasm_store_t *s, const wasm_val_t *v, uint8_t type, struct wisp_value *out) {
    memset(out, 0, sizeof *out);
    out->type = type;
    if (!v || capi_kind_to_wisp(v->kind) != type) {
        if (type == WISP_V128) return "v128 values cannot be passed through wasm.h";
        return "value of the wrong type";
    }
    switch (type) {
    case WISP_I32: out->of.i32 = v->of.i32; return NULL;
    case WISP_I64: out->of.i64 = v->of.i64; return NULL;
    case WISP_F32: memcpy(&out->of.f32_bits, &v->of.f32, 4); return NULL;
    case WISP_F64: memcpy(&out->of.f64_bits, &v->of.f64, 8); return NULL;
    default: return capi_ref_to_wisp(s, v->of.ref, type, out);
    }
}

const char *capi_val_from_wisp(wasm_store_t *s, const struct wisp_value *v, wasm_val_t *out) {
    memset(out, 0, sizeof *out);
    switch (v->type) {
    case WISP_I32: out->kind = WASM_I32; out->of.i32 = v->of.i32; return NULL;
    case WISP_I64: out->kind = WASM_I64; out->of.i64 = v->of.i64; return NULL;
    case WISP_F32: out->kind = WASM_F32; memcpy(&out->of.f32, &v->of.f32_bits, 4); return NULL;
    case WISP_F64: out->kind = WASM_F64; memcpy(&out->of.f64, &v->of.f64_bits, 8); return NULL;
    case WISP_FUNCREF:
        out->kind = WASM_FUNCREF;
        if (v->of.funcref) {
            struct capi_ref *r = capi_ref_of(s, CAPI_FUNC, v->of.funcref);
            if (!r) return "out of memory";
            out->of.ref = (wasm_ref_t *)(void *)r;
        }
        return NULL;
    case WISP_EXTERNREF:
        out->kind = WASM_EXTERNREF;
        if (v->of.externref) {
            struct capi_ref *r = externref_to_ref(s, v->of.externref);
            if (!r) return "out of memory";
            out->of.ref = (wasm_ref_t *)(void *)r;
        }
        return NULL;
    case WISP_V128: out->kind = WISP_CAPI_V128; return "v128 values cannot be passed through wasm.h";
    default: return "unknown value type";
    }
}

void wasm_val_delete(wasm_val_t *v) {
    if (!v) return;
    if (wasm_valkind_is_ref(v->kind) && v->of.ref) capi_ref_release(CAPI_REF(v->of.ref));
    v->of.ref = NULL;
}

void wasm_val_copy(wasm_val_t *out, const wasm_val_t *v) {
    if (!out) return;
    if (!v) {
        memset(out, 0, sizeof *out);
        return;
    }
    *out = *v;
    if (wasm_valkind_is_ref(v->kind) && v->of.ref) capi_ref_retain(CAPI_REF(v->of.ref));
}
