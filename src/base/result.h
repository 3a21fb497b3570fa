/* Building `struct wisp_result` values inside the engine. */
#ifndef WISP_BASE_RESULT_H
#define WISP_BASE_RESULT_H

#include <stdarg.h>

#include "alloc.h"
#include "wisp.h"

#if defined(__GNUC__) || defined(__clang__)
#define BASE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BASE_PRINTF(f, a)
#endif

/* A WISP_OK result. Inline and written field by field into the caller's result: building it in
 * a local and copying it out stalled on store forwarding and took a third of an empty call. */
static inline struct wisp_result base_ok(void) {
    return (struct wisp_result){.kind = WISP_OK, .offset = UINT64_MAX, .func_index = UINT32_MAX};
}

/* A WISP_ERROR result with a formatted one-line message. The message is allocated with `a`
 * (which must outlive the result); if that allocation fails the result still carries the code
 * and a static-free NULL message. offset/func_index may be UINT64_MAX / UINT32_MAX. */
struct wisp_result base_error(const struct wisp_allocator *a, enum wisp_error_code code, uint64_t offset,
                              uint32_t func_index, const char *fmt, ...) BASE_PRINTF(5, 6);
struct wisp_result base_verror(const struct wisp_allocator *a, enum wisp_error_code code, uint64_t offset,
                               uint32_t func_index, const char *fmt, va_list ap);

/* A WISP_TRAP result with the trap's standard name as message (frames added by the caller). */
struct wisp_result base_trap(const struct wisp_allocator *a, enum wisp_trap_code code);

/* An out-of-memory error that needs no allocation. */
struct wisp_result base_oom(void);

/* Formats into a newly allocated string; NULL on failure. */
char *base_vformat(const struct wisp_allocator *a, const char *fmt, va_list ap);
char *base_format(const struct wisp_allocator *a, const char *fmt, ...) BASE_PRINTF(2, 3);

#endif
