/* The engine: configuration defaults and validation, and the allocator every other object uses. */
#include <stddef.h>
#include <string.h>

#include "rt_internal.h"

/* Smallest value stack we accept: room for a few frames of a small function. */
#define RT_MIN_VALUE_STACK 4096u

/* Native stack nested host->wasm calls may use (see wisp.h): fits threads of 512 KiB and more.
 * Sanitizer builds take up to 35 times more stack a level (clang -O0 with AddressSanitizer: about
 * 70 KiB against 2 KiB optimised), so they get more, still well within a main thread's 8 MiB. */
#ifdef WISP_SANITIZE
#define RT_NATIVE_STACK_DEFAULT (4u << 20)
#else
#define RT_NATIVE_STACK_DEFAULT (256u << 10)
#endif

void wisp_config_init(struct wisp_config *cfg) {
    if (!cfg) return;
    memset(cfg, 0, sizeof *cfg);
    cfg->size = sizeof *cfg;
    cfg->alloc = NULL;
    cfg->alloc_ud = NULL;
    cfg->max_call_depth = 10000;
    cfg->value_stack_bytes = 8u << 20;
    cfg->max_memory_bytes = RT_MAX_MEMORY_BYTES;
    cfg->max_table_elems = 10000000u;
    cfg->native_stack_bytes = RT_NATIVE_STACK_DEFAULT;
}

struct wisp_engine *wisp_engine_new(const struct wisp_config *user) {
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    if (user) {
        /* An older caller may pass a shorter struct: take what it has, default the rest. A newer
         * caller asks for settings we do not know, so refuse rather than ignore them. */
        size_t need = offsetof(struct wisp_config, alloc_ud) + sizeof user->alloc_ud;
        if (user->size < need || user->size > sizeof cfg) return NULL;
        memcpy(&cfg, user, user->size);
        cfg.size = sizeof cfg;
    }
    if (cfg.max_call_depth == 0) return NULL;
    if (cfg.value_stack_bytes < RT_MIN_VALUE_STACK || cfg.value_stack_bytes > (uint64_t)SIZE_MAX / 2) return NULL;
    cfg.value_stack_bytes &= ~(uint64_t)15;
    if (cfg.max_memory_bytes > RT_MAX_MEMORY_BYTES) cfg.max_memory_bytes = RT_MAX_MEMORY_BYTES;
    if (cfg.max_table_elems > UINT32_MAX) cfg.max_table_elems = UINT32_MAX;

    struct wisp_allocator a = {cfg.alloc ? cfg.alloc : base_default_alloc, cfg.alloc_ud};
    struct wisp_engine *e = base_alloc(&a, sizeof *e);
    if (!e) return NULL;
    memset(e, 0, sizeof *e);
    e->alloc = a;
    e->cfg = cfg;
    e->cfg.alloc = a.fn;
    e->pools = rt_pools_new(&e->alloc);
    if (!e->pools) {
        base_free(&a, e, sizeof *e);
        return NULL;
    }
    return e;
}

void wisp_engine_free(struct wisp_engine *engine) {
    if (!engine) return;
    struct wisp_allocator a = engine->alloc;
    rt_pools_free(&a, engine->pools);
    base_free(&a, engine, sizeof *engine);
}
