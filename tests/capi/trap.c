/* capi_trap: the upstream "trap" example's behaviour. A host function returns a trap made with
 * wasm_trap_new; calling it through wasm hands the same message back to the host, and a trap in
 * wasm itself carries the engine's message, an origin frame at the trapping instruction and a
 * trace of the wasm frames, innermost first. The store stays usable after traps. */
#include <string.h>

#include "capi_test.h"

static wasm_store_t *the_store;
static int callback_calls;

static wasm_trap_t *fail_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    (void)args;
    (void)results;
    callback_calls++;
    wasm_message_t msg;
    wasm_name_new_from_string_nt(&msg, "callback abort");
    wasm_trap_t *trap = wasm_trap_new(the_store, &msg);
    wasm_name_delete(&msg);
    return trap;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    the_store = store;

    wasm_byte_vec_t binary;
    capi_read_wasm("trap", &binary);
    wasm_module_t *module = wasm_module_new(store, &binary);
    CHECK(module != NULL);

    wasm_functype_t *ft = wasm_functype_new_0_1(wasm_valtype_new_i32());
    wasm_func_t *fail_func = wasm_func_new(store, ft, fail_callback);
    wasm_functype_delete(ft);
    wasm_extern_t *externs[] = {wasm_func_as_extern(fail_func)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);
    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_func_t *callback = capi_export_func(module, &exports, "callback");
    wasm_func_t *unreachable = capi_export_func(module, &exports, "unreachable");
    wasm_func_t *deep = capi_export_func(module, &exports, "deep");

    /* A trap made by the host: the message comes back as given (NUL included). */
    int32_t r;
    wasm_trap_t *trap = capi_try_i32(callback, 0, NULL, &r);
    CHECK(trap != NULL);
    CHECK(callback_calls == 1);
    wasm_message_t msg;
    wasm_trap_message(trap, &msg);
    CHECK(msg.size == sizeof "callback abort");
    CHECK(memcmp(msg.data, "callback abort", sizeof "callback abort") == 0);
    wasm_byte_vec_delete(&msg);
    wasm_frame_vec_t trace;
    wasm_trap_trace(trap, &trace);
    /* The host frame is not a wasm frame; the wasm caller (function 1) may be listed. */
    if (trace.size > 0) CHECK(wasm_frame_func_index(trace.data[0]) == 1);
    wasm_frame_vec_delete(&trace);
    wasm_trap_t *trap_copy = wasm_trap_copy(trap);
    CHECK(trap_copy != NULL);
    wasm_trap_delete(trap);
    CHECK(capi_trap_says(trap_copy, "callback abort", true));

    /* A host trap made and deleted without ever being returned. */
    wasm_name_new_from_string_nt(&msg, "unused");
    wasm_trap_delete(wasm_trap_new(store, &msg));
    wasm_name_delete(&msg);

    /* A trap in wasm. */
    trap = capi_try_i32(unreachable, 0, NULL, &r);
    CHECK(trap != NULL);
    CHECK(capi_trap_says(trap, "unreachable", false));
    wasm_frame_t *origin = wasm_trap_origin(trap);
    CHECK(origin != NULL);
    CHECK(wasm_frame_func_index(origin) == 2);
    size_t at = wasm_frame_module_offset(origin);
    CHECK(at < binary.size && binary.data[at] == 0x00); /* unreachable */
    CHECK(wasm_frame_func_offset(origin) > 0 && wasm_frame_func_offset(origin) <= at);
    wasm_frame_delete(origin);
    wasm_trap_trace(trap, &trace);
    CHECK(trace.size == 1);
    CHECK(wasm_frame_func_index(trace.data[0]) == 2);
    wasm_frame_vec_delete(&trace);
    wasm_trap_delete(trap);

    /* A trap under several frames: the trace lists them innermost first. */
    int32_t three = 3;
    trap = capi_try_i32(deep, 1, &three, &r);
    CHECK(trap != NULL);
    CHECK(capi_trap_says(trap, "integer divide by zero", false));
    origin = wasm_trap_origin(trap);
    CHECK(origin != NULL && wasm_frame_func_index(origin) == 3);
    at = wasm_frame_module_offset(origin);
    CHECK(at < binary.size && (unsigned char)binary.data[at] == 0x6e); /* i32.div_u */
    wasm_frame_delete(origin);
    wasm_trap_trace(trap, &trace);
    CHECK(trace.size == 5); /* deep(0) deep(1) deep(2) deep(3) and the export */
    for (size_t i = 0; i < 4; i++) CHECK(wasm_frame_func_index(trace.data[i]) == 3);
    CHECK(wasm_frame_func_index(trace.data[4]) == 4);
    wasm_frame_vec_delete(&trace);
    wasm_trap_delete(trap);

    /* The store still works after traps. */
    CHECK(capi_call_i32(capi_export_func(module, &exports, "ok"), 0, NULL) == 7);

    wasm_func_delete(fail_func);
    wasm_extern_vec_delete(&exports);
    wasm_instance_delete(instance);
    wasm_module_delete(module);
    wasm_byte_vec_delete(&binary);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_trap: ok\n");
    return 0;
}
