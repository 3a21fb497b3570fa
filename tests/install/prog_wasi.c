/* Install test program for wisp_wasi.h: built against an installed wisp, it defines the WASI
 * imports in a linker and frees everything (running a WASI guest is tests/wasi's job). */
#include <stdio.h>

#include <wisp_wasi.h>

int main(void) {
    struct wisp_engine *engine = wisp_engine_new(NULL);
    struct wisp_store *store = wisp_store_new(engine);
    struct wisp_linker *linker = wisp_linker_new(store);
    struct wisp_wasi *wasi = wisp_wasi_new(engine);
    int status = 1;
    if (wasi) {
        struct wisp_result r = wisp_wasi_define(wasi, linker);
        status = r.kind == WISP_OK ? 0 : 1;
        wisp_result_free(&r);
        wisp_wasi_free(wasi);
    }
    wisp_linker_free(linker);
    wisp_store_free(store);
    wisp_engine_free(engine);
    printf("prog_wasi: %s\n", status ? "FAILED" : "ok");
    return status;
}
