/* Stores: the list of objects they own, their execution state, and freeing it all. */
#include <string.h>

#include "rt_internal.h"

struct wisp_store *wisp_store_new(struct wisp_engine *engine) {
    if (!engine) return NULL;
    struct wisp_store *s = base_alloc(&engine->alloc, sizeof *s);
    if (!s) return NULL;
    memset(s, 0, sizeof *s);
    s->engine = engine;
    s->alloc = &engine->alloc;
    s->exec.max_depth = engine->cfg.max_call_depth;
    return s;
}

int rt_exec_ensure(struct wisp_store *s) {
    struct rt_exec *x = &s->exec;
    if (x->stack) return 0;
    /* Taken on first call rather than with the store (many stores only instantiate), from the
     * engine's pool when a freed store left one there. Not cleared: wasm reads no slot it has
     * not written, and the interpreter zeroes locals on entry. */
    if (!x->frames && rt_pool_take_exec(s->engine, x)) {
        x->sp = x->stack;
        x->depth = 0;
        return 0;
    }
    size_t bytes = (size_t)s->engine->cfg.value_stack_bytes;
    uint64_t *st = base_alloc(s->alloc, bytes);
    if (!st) return -1;
    x->stack = st;
    x->stack_end = st + bytes / sizeof *st;
    x->sp = st;
    x->depth = 0;
    return 0;
}

void *rt_obj_new(struct wisp_store *s, uint8_t kind, size_t payload) {
    if (payload > SIZE_MAX - RT_OBJ_HDR_SIZE) return NULL;
    size_t size = RT_OBJ_HDR_SIZE + payload;
    struct rt_object *o = base_alloc(s->alloc, size);
    if (!o) return NULL;
    memset(o, 0, size);
    o->kind = kind;
    o->size = size;
    o->next = s->objects;
    s->objects = o;
    return (char *)o + RT_OBJ_HDR_SIZE;
}

static void obj_free(struct wisp_store *s, struct rt_object *o) {
    void *p = (char *)o + RT_OBJ_HDR_SIZE;
    switch (o->kind) {
    case WISP_EXTERN_FUNC: {
        struct wisp_func *f = p;
        if (f->finalizer) f->finalizer(f->env);
        break;
    }
    case WISP_EXTERN_TABLE: rt_table_release(p); break;
    case WISP_EXTERN_MEMORY: rt_memory_release(p); break;
    case WISP_EXTERN_GLOBAL: break;
    case RT_OBJ_INSTANCE: rt_instance_release(p); break;
    default: break;
    }
    base_free(s->alloc, o, o->size);
}

void rt_store_unwind(struct wisp_store *s, struct rt_object *mark) {
    while (s->objects && s->objects != mark) {
        struct rt_object *o = s->objects;
        s->objects = o->next;
        obj_free(s, o);
    }
}

void wisp_store_free(struct wisp_store *s) {
    if (!s) return;
    rt_store_unwind(s, NULL);
    if (!s->exec.stack || !rt_pool_give_exec(s->engine, &s->exec)) {
        if (s->exec.stack)
            base_free(s->alloc, s->exec.stack, (size_t)((char *)s->exec.stack_end - (char *)s->exec.stack));
        if (s->exec.frames) base_free(s->alloc, s->exec.frames, s->exec.frames_bytes);
    }
    base_free(s->alloc, s, sizeof *s);
}

struct wisp_store *wisp_caller_store(struct wisp_caller *caller) { return caller ? caller->store : NULL; }
