/* wasm.h traps (a message and the wasm frames active when it happened) and frames. A trap is one
 * allocation from the engine allocator, counted, and may outlive its store. */
#include <stdio.h>
#include <string.h>

#include "capi.h"

struct wasm_frame_t {
    struct wisp_allocator alloc;
    wasm_store_t *store; /* to find the instance's wasm.h reference */
    const struct wisp_instance *inst;
    uint32_t func_index;
    size_t func_offset;
    size_t module_offset;
};

static size_t align16(size_t n) { return (n + 15u) & ~(size_t)15u; }

/* A new trap, or the store's out-of-memory trap (another count of it) if allocation fails. */
static wasm_trap_t *trap_make(wasm_store_t *s, enum wisp_trap_code code, const char *msg, size_t len,
                              const struct wisp_frame *frames, size_t nframes) {
    size_t head = align16(sizeof(struct capi_trap));
    struct capi_trap *t = NULL;
    if (nframes <= (SIZE_MAX - head) / sizeof(struct capi_frame_rec) - 1 && len < SIZE_MAX / 2) {
        size_t fbytes = align16(nframes * sizeof(struct capi_frame_rec));
        if (fbytes <= SIZE_MAX - head - len - 1)
            t = (struct capi_trap *)capi_ref_new_counted(s, &s->alloc, CAPI_TRAP, head + fbytes + len + 1);
        if (t) {
            t->frames = nframes ? (struct capi_frame_rec *)((char *)t + head) : NULL;
            t->msg = (char *)t + head + fbytes;
        }
    }
    if (!t) return s->oom_trap ? (wasm_trap_t *)(void *)capi_ref_retain(s->oom_trap) : NULL;
    t->code = code;
    if (len) memcpy(t->msg, msg, len);
    t->msg[len] = 0;
    t->msg_len = len;
    t->nframes = nframes;
    for (size_t i = 0; i < nframes; i++) {
        t->frames[i].inst = frames[i].instance;
        t->frames[i].func_index = frames[i].func_index;
        t->frames[i].module_offset = frames[i].offset;
        t->frames[i].func_offset = 0;
        /* Offsets within a function count from its body (the local declarations). */
        const struct wisp_instance *inst = frames[i].instance;
        const struct module *m = inst ? inst->mod : NULL;
        uint32_t fi = frames[i].func_index, off = frames[i].offset;
        if (m && off != UINT32_MAX && fi >= m->nfuncs_imported && fi - m->nfuncs_imported < m->ncodes) {
            uint32_t start = m->codes[fi - m->nfuncs_imported].body_start;
            if (off >= start) t->frames[i].func_offset = off - start;
        }
    }
    return (wasm_trap_t *)(void *)t;
}

wasm_trap_t *capi_trap_from_message(wasm_store_t *s, enum wisp_trap_code code, const char *msg) {
    return trap_make(s, code, msg, strlen(msg), NULL, 0);
}

wasm_trap_t *capi_trap_from_result(wasm_store_t *s, const struct wisp_result *r) {
    char buf[64];
    const char *msg = r->message;
    if (!msg) {
        if (r->kind == WISP_TRAP) {
            msg = wisp_trap_name(r->trap);
        } else if (r->kind == WISP_EXIT) {
            snprintf(buf, sizeof buf, "exit with code %d", (int)r->exit_code);
            msg = buf;
        } else if (r->error == WISP_ERR_OUT_OF_MEMORY) {
            msg = "out of memory";
        } else {
            msg = "call failed";
        }
    }
    enum wisp_trap_code code = r->kind == WISP_TRAP ? r->trap : WISP_TRAP_NONE;
    return trap_make(s, code, msg, strlen(msg), r->frames, r->frames ? r->frame_count : 0);
}

void capi_trap_free(struct capi_ref *r) { base_free(&r->alloc, r, r->size); }

wasm_trap_t *wasm_trap_new(wasm_store_t *store, const wasm_message_t *message) {
    if (!store) return NULL;
    const char *msg = message && message->data ? message->data : "";
    size_t len = message && message->data ? message->size : 0;
    /* The message is usually NUL-terminated; keep the text before the first NUL. */
    const char *nul = len ? memchr(msg, 0, len) : NULL;
    if (nul) len = (size_t)(nul - msg);
    return trap_make(store, WISP_TRAP_HOST, msg, len, NULL, 0);
}

static const struct capi_trap *trap_of(const wasm_trap_t *t) {
    const struct capi_ref *r = CAPI_CREF(t);
    return r && r->kind == CAPI_TRAP ? (const struct capi_trap *)(const void *)r : NULL;
}

void wasm_trap_message(const wasm_trap_t *trap, wasm_message_t *out) {
    if (!out) return;
    const struct capi_trap *t = trap_of(trap);
    if (!t) {
        wasm_byte_vec_new_empty(out);
        return;
    }
    wasm_byte_vec_new(out, t->msg_len + 1, t->msg);
}

enum wisp_trap_code wisp_capi_trap_code(const wasm_trap_t *trap) {
    const struct capi_trap *t = trap_of(trap);
    return t ? t->code : WISP_TRAP_NONE;
}

/* ---- frames ---- */

static wasm_frame_t *frame_new(const struct capi_trap *t, size_t i) {
    wasm_frame_t *f = base_calloc(&t->ref.alloc, 1, sizeof *f);
    if (!f) return NULL;
    const struct capi_frame_rec *rec = &t->frames[i];
    f->alloc = t->ref.alloc;
    f->store = t->ref.store;
    f->inst = rec->inst;
    f->func_index = rec->func_index;
    f->module_offset = rec->module_offset == UINT32_MAX ? 0 : rec->module_offset;
    f->func_offset = rec->func_offset;
    return f;
}

wasm_frame_t *wasm_trap_origin(const wasm_trap_t *trap) {
    const struct capi_trap *t = trap_of(trap);
    return t && t->nframes ? frame_new(t, 0) : NULL;
}

void wasm_trap_trace(const wasm_trap_t *trap, wasm_frame_vec_t *out) {
    if (!out) return;
    const struct capi_trap *t = trap_of(trap);
    wasm_frame_vec_new_uninitialized(out, t ? t->nframes : 0);
    for (size_t i = 0; i < out->size; i++) {
        out->data[i] = frame_new(t, i);
        if (!out->data[i]) {
            wasm_frame_vec_delete(out);
            return;
        }
    }
}

void wasm_frame_delete(wasm_frame_t *f) {
    if (!f) return;
    struct wisp_allocator a = f->alloc;
    base_free(&a, f, sizeof *f);
}

wasm_frame_t *wasm_frame_copy(const wasm_frame_t *f) {
    if (!f) return NULL;
    wasm_frame_t *c = base_alloc(&f->alloc, sizeof *c);
    if (c) *c = *f;
    return c;
}

struct wasm_instance_t *wasm_frame_instance(const wasm_frame_t *f) {
    if (!f || !f->store || !f->inst) return NULL;
    return (wasm_instance_t *)(void *)capi_ref_of(f->store, CAPI_INSTANCE, (void *)(uintptr_t)f->inst);
}

uint32_t wasm_frame_func_index(const wasm_frame_t *f) { return f ? f->func_index : 0; }
size_t wasm_frame_func_offset(const wasm_frame_t *f) { return f ? f->func_offset : 0; }
size_t wasm_frame_module_offset(const wasm_frame_t *f) { return f ? f->module_offset : 0; }
