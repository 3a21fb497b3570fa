/* Install test program for wasm.h (and wasm_wisp.h): built against an installed wisp, it runs a
 * module through the standard C API and reads a compile error through the extension. */
#include <stdio.h>

#include <wasm.h>
#include <wasm_wisp.h>

#include "add_module.h"

int main(void) {
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_byte_vec_t binary;
    wasm_byte_vec_new(&binary, sizeof add_module, (const wasm_byte_t *)add_module);
    wasm_module_t *module = wasm_module_new(store, &binary);
    int status = 1;
    if (module) {
        wasm_extern_vec_t imports = WASM_EMPTY_VEC, exports;
        wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
        if (instance) {
            wasm_instance_exports(instance, &exports);
            wasm_val_t as[2] = {WASM_I32_VAL(40), WASM_I32_VAL(2)}, rs[1] = {WASM_INIT_VAL};
            wasm_val_vec_t args = WASM_ARRAY_VEC(as), results = WASM_ARRAY_VEC(rs);
            const wasm_func_t *add = exports.size == 1 ? wasm_extern_as_func(exports.data[0]) : NULL;
            wasm_trap_t *trap = add ? wasm_func_call(add, &args, &results) : NULL;
            if (add && !trap && rs[0].of.i32 == 42) status = 0;
            if (trap) wasm_trap_delete(trap);
            wasm_extern_vec_delete(&exports);
            wasm_instance_delete(instance);
        }
        wasm_module_delete(module);
    }
    /* A broken module: NULL, and the extension says why. */
    binary.data[0] = 'x';
    wasm_module_t *bad = wasm_module_new(store, &binary);
    if (bad || wisp_capi_last_error_code(store) != WISP_ERR_MALFORMED || !wisp_capi_last_error(store)) status = 1;
    if (bad) wasm_module_delete(bad);
    wasm_byte_vec_delete(&binary);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("prog_capi: %s\n", status ? "FAILED" : "ok");
    return status;
}
