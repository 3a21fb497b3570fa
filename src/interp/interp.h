/* The interpreter backend: compiles validated function bodies into internal code and runs it. */
#ifndef WISP_INTERP_INTERP_H
#define WISP_INTERP_INTERP_H

#include "../runtime/runtime.h"
#include "../validate/codegen.h"

/* Makes a code-generator backend that compiles every function of m into m->compiled[i]
 * (allocating m->compiled). *state is owned by the caller and released with
 * interp_backend_free (the compiled code stays with the module and is released by
 * interp_code_free from mod_free). */
struct interp_backend;
struct interp_backend *interp_backend_new(struct module *m, struct cg_backend *out);
void interp_backend_free(struct interp_backend *b);

/* Frees one function's compiled code. */
void interp_code_free(const struct wisp_allocator *a, struct interp_code *code);

/* Bytes of internal code for a function (for statistics / benchmarks). */
size_t interp_code_size(const struct interp_code *code);

/* Runs func (wasm or host) with its arguments in slots[0..] (slot form); on return the results
 * are in slots[0..]. `slots` must point into s->exec's value stack at or above s->exec.sp, or be
 * a host buffer (then the arguments are copied onto the value stack). Traps come back as a
 * WISP_TRAP result with the backtrace filled in; an exit requested by a host function comes
 * back as WISP_EXIT. Reentrant: host functions may call back into wasm; such a nested call traps
 * ("call stack exhausted") when it would start more than cfg.native_stack_bytes of C stack away
 * from the outermost one (s->exec.native_base). */
struct wisp_result interp_call(struct wisp_store *s, struct wisp_func *func, uint64_t *slots);
/* The same without building a result on success (the host->wasm fast path): returns 0 when func
 * returned normally (*out untouched), else 1 with the trap / exit / error in *out. */
int interp_invoke(struct wisp_store *s, struct wisp_func *func, uint64_t *slots, struct wisp_result *out);

#endif
