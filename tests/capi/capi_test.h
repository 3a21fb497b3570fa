/* Helpers shared by the wasm.h tests (tests/capi): checks that abort the test with a location,
 * loading a compiled .wasm from the test's output directory, finding exports by name. */
#ifndef WISP_TESTS_CAPI_TEST_H
#define WISP_TESTS_CAPI_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "wasm.h"

/* Fails the test (exit status 1) with the file, line and condition. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) capi_fail(__FILE__, __LINE__, #cond);                                         \
    } while (0)

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noreturn))
#endif
void capi_fail(const char *file, int line, const char *what);

/* Sets the directory holding the test's compiled .wasm files (argv[1]; "." if absent). */
void capi_init(int argc, char **argv);

/* Reads <dir>/<name>.wasm into *out (owned by the caller); fails the test if it cannot. */
void capi_read_wasm(const char *name, wasm_byte_vec_t *out);

/* Reads and compiles <dir>/<name>.wasm in the store; fails the test if either step fails. */
wasm_module_t *capi_compile(wasm_store_t *store, const char *name);

/* The index of the export called `name` in the module's export list, or SIZE_MAX. */
size_t capi_export_index(const wasm_module_t *module, const char *name);

/* The export called `name` among an instance's exports (exports come in module order). */
wasm_extern_t *capi_export(const wasm_module_t *module, const wasm_extern_vec_t *exports, const char *name);
wasm_func_t *capi_export_func(const wasm_module_t *module, const wasm_extern_vec_t *exports, const char *name);

/* A trap's message as a NUL-terminated string (copied; free() it). */
char *capi_trap_text(const wasm_trap_t *trap);

/* Does the trap's message contain `text`? Deletes the trap if `consume`. */
bool capi_trap_says(wasm_trap_t *trap, const char *text, bool consume);

/* Calls func with up to 4 i32 arguments and one i32 result; fails the test on a trap. */
int32_t capi_call_i32(const wasm_func_t *func, size_t nargs, const int32_t *args);

/* Calls func with i32 arguments and no result; returns the trap (NULL if it returned). */
wasm_trap_t *capi_call_i32_v(const wasm_func_t *func, size_t nargs, const int32_t *args);

/* Calls func with i32 arguments and one i32 result; returns the trap or NULL with *result set. */
wasm_trap_t *capi_try_i32(const wasm_func_t *func, size_t nargs, const int32_t *args, int32_t *result);

#endif
