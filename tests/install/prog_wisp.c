/* Install test program for wisp.h: built against an installed wisp (pkg-config or find_package),
 * it compiles, instantiates and calls a module, then frees everything. */
#include <stdio.h>

#include <wisp.h>

#include "add_module.h"

int main(void) {
    struct wisp_engine *engine = wisp_engine_new(NULL);
    struct wisp_module *module = NULL;
    struct wisp_result r = wisp_module_new(engine, add_module, sizeof add_module, &module);
    if (r.kind != WISP_OK) {
        fprintf(stderr, "prog_wisp: %s\n", r.message ? r.message : "cannot compile");
        return 1;
    }
    struct wisp_store *store = wisp_store_new(engine);
    struct wisp_instance *inst = NULL;
    r = wisp_instance_new(store, module, NULL, 0, &inst);
    struct wisp_value args[2] = {{.type = WISP_I32, .of.i32 = 40}, {.type = WISP_I32, .of.i32 = 2}}, result;
    if (r.kind == WISP_OK) r = wisp_instance_call(inst, "add", args, 2, &result, 1);
    int status = r.kind == WISP_OK && result.of.i32 == 42 ? 0 : 1;
    wisp_result_free(&r);
    wisp_store_free(store);
    wisp_module_free(module);
    wisp_engine_free(engine);
    printf("prog_wisp (wisp %s): %s\n", WISP_VERSION, status ? "FAILED" : "ok");
    return status;
}
