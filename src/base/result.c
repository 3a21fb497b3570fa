/* Result construction and release. */
#include "result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wisp_result wisp_ok(void) { return base_ok(); }

struct wisp_result wisp_exit_new(int32_t code) {
    struct wisp_result r = base_ok();
    r.kind = WISP_EXIT;
    r.exit_code = code;
    return r;
}

char *base_vformat(const struct wisp_allocator *a, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *s = base_alloc(a, (size_t)n + 1);
    if (!s) return NULL;
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *base_format(const struct wisp_allocator *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = base_vformat(a, fmt, ap);
    va_end(ap);
    return s;
}

struct wisp_result base_verror(const struct wisp_allocator *a, enum wisp_error_code code, uint64_t offset,
                               uint32_t func_index, const char *fmt, va_list ap) {
    struct wisp_result r = base_ok();
    r.kind = WISP_ERROR;
    r.error = code;
    r.offset = offset;
    r.func_index = func_index;
    r.message = base_vformat(a, fmt, ap);
    r.owner_ = (void *)a;
    return r;
}

struct wisp_result base_error(const struct wisp_allocator *a, enum wisp_error_code code, uint64_t offset,
                              uint32_t func_index, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    struct wisp_result r = base_verror(a, code, offset, func_index, fmt, ap);
    va_end(ap);
    return r;
}

struct wisp_result base_oom(void) {
    struct wisp_result r = base_ok();
    r.kind = WISP_ERROR;
    r.error = WISP_ERR_OUT_OF_MEMORY;
    return r;
}

static const char *const trap_names[WISP_TRAP_COUNT_] = {
    [WISP_TRAP_NONE] = "no trap",
    [WISP_TRAP_UNREACHABLE] = "unreachable",
    [WISP_TRAP_MEMORY_OUT_OF_BOUNDS] = "out of bounds memory access",
    [WISP_TRAP_TABLE_OUT_OF_BOUNDS] = "out of bounds table access",
    [WISP_TRAP_UNDEFINED_ELEMENT] = "undefined element",
    [WISP_TRAP_UNINITIALIZED_ELEMENT] = "uninitialized element",
    [WISP_TRAP_INDIRECT_CALL_MISMATCH] = "indirect call type mismatch",
    [WISP_TRAP_INTEGER_DIVIDE_BY_ZERO] = "integer divide by zero",
    [WISP_TRAP_INTEGER_OVERFLOW] = "integer overflow",
    [WISP_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [WISP_TRAP_CALL_STACK_EXHAUSTED] = "call stack exhausted",
    [WISP_TRAP_NULL_REFERENCE] = "null reference",
    [WISP_TRAP_HOST] = "host trap",
    [WISP_TRAP_OUT_OF_FUEL] = "all fuel consumed",
    [WISP_TRAP_INTERRUPTED] = "interrupted",
};

const char *wisp_trap_name(enum wisp_trap_code code) {
    if ((unsigned)code >= WISP_TRAP_COUNT_) return "unknown trap";
    return trap_names[code];
}

struct wisp_result base_trap(const struct wisp_allocator *a, enum wisp_trap_code code) {
    struct wisp_result r = base_ok();
    r.kind = WISP_TRAP;
    r.trap = code;
    r.message = base_strndup(a, wisp_trap_name(code), strlen(wisp_trap_name(code)));
    r.owner_ = (void *)a;
    return r;
}

void wisp_result_free(struct wisp_result *r) {
    if (!r) return;
    const struct wisp_allocator *a = r->owner_;
    if (a) {
        if (r->message) base_free(a, r->message, strlen(r->message) + 1);
        if (r->backtrace) base_free(a, r->backtrace, strlen(r->backtrace) + 1);
        if (r->frames) base_free(a, r->frames, r->frame_count * sizeof *r->frames);
    }
    r->message = NULL;
    r->backtrace = NULL;
    r->frames = NULL;
    r->frame_count = 0;
    r->owner_ = NULL;
}
