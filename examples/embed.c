/* embed.c: embedding wisp in a C program (built and run as the CTest test "example_embed").
 * Loads a module that imports a host function, instantiates it through a linker and calls an export. */
#include <stdio.h>

#include "wisp.h"

/* The guest, compiled with wat2wasm from:
 *   (module
 *     (import "host" "log" (func $log (param i32)))
 *     (func (export "sum_to") (param $n i32) (result i32)
 *       (local $acc i32)
 *       (block $done
 *         (loop $next
 *           (br_if $done (i32.eqz (local.get $n)))
 *           (local.set $acc (i32.add (local.get $acc) (local.get $n)))
 *           (call $log (local.get $acc))
 *           (local.set $n (i32.sub (local.get $n) (i32.const 1)))
 *           (br $next)))
 *       (local.get $acc)))                                                                   */
static const uint8_t guest[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x01,
    0x7f, 0x01, 0x7f, 0x02, 0x0c, 0x01, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x03, 0x6c, 0x6f, 0x67, 0x00, 0x00,
    0x03, 0x02, 0x01, 0x01, 0x07, 0x0a, 0x01, 0x06, 0x73, 0x75, 0x6d, 0x5f, 0x74, 0x6f, 0x00, 0x01, 0x0a,
    0x27, 0x01, 0x25, 0x01, 0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0d, 0x01, 0x20, 0x01,
    0x20, 0x00, 0x6a, 0x21, 0x01, 0x20, 0x01, 0x10, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x0c,
    0x00, 0x0b, 0x0b, 0x20, 0x01, 0x0b,
};

/* host.log: called by the guest with each partial sum; env counts the calls. */
static struct wisp_result host_log(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                   struct wisp_value *results) {
    (void)caller;
    (void)results;
    int *calls = env;
    ++*calls;
    printf("guest says %d\n", (int)args[0].of.i32);
    return wisp_ok();
}

/* Prints a failed result and releases it. */
static int failed(const char *what, struct wisp_result *r) {
    fprintf(stderr, "%s: %s\n", what, r->message ? r->message : "failed");
    if (r->kind == WISP_TRAP && r->backtrace) fputs(r->backtrace, stderr);
    wisp_result_free(r);
    return 1;
}

int main(void) {
    int status = 1, calls = 0;
    struct wisp_module *module = NULL;
    struct wisp_instance *instance = NULL;
    struct wisp_engine *engine = wisp_engine_new(NULL); /* NULL: default configuration */
    if (!engine) return 1;

    /* Decode, validate and compile once; the module can be instantiated many times. */
    struct wisp_result r = wisp_module_new(engine, guest, sizeof guest, &module);
    if (r.kind != WISP_OK) {
        failed("load", &r);
        wisp_engine_free(engine);
        return 1;
    }

    /* A store owns the instances and everything they create; a linker resolves imports by name. */
    struct wisp_store *store = wisp_store_new(engine);
    struct wisp_linker *linker = store ? wisp_linker_new(store) : NULL;
    if (!linker) goto out;
    static const uint8_t log_params[] = {WISP_I32};
    struct wisp_functype log_type = {.param_count = 1, .result_count = 0, .params = log_params, .results = NULL};
    r = wisp_linker_define_func(linker, "host", "log", &log_type, host_log, &calls, NULL);
    if (r.kind != WISP_OK) {
        failed("define host.log", &r);
        goto out;
    }
    r = wisp_linker_instantiate(linker, module, &instance);
    if (r.kind != WISP_OK) {
        failed("instantiate", &r);
        goto out;
    }

    /* Call an export: argument and result counts must match its type. */
    struct wisp_value arg = {.type = WISP_I32, .of.i32 = 4}, result;
    r = wisp_instance_call(instance, "sum_to", &arg, 1, &result, 1);
    if (r.kind != WISP_OK) {
        failed("sum_to", &r);
        goto out;
    }
    printf("sum_to(4) = %d after %d host calls\n", (int)result.of.i32, calls);
    status = result.of.i32 == 10 && calls == 4 ? 0 : 1;
out:
    if (linker) wisp_linker_free(linker);
    if (store) wisp_store_free(store); /* frees the instance too */
    wisp_module_free(module);
    wisp_engine_free(engine);
    return status;
}
