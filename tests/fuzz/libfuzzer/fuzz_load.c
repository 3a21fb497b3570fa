/* libFuzzer target "load": wisp_module_validate and wisp_module_new (decode, validate, compile) on
 * arbitrary bytes. The engine's allocator is capped at 64 x the input + 1 MiB (going past it is a
 * finding: an allocation out of proportion to the bytes read); validate and new must agree; error
 * results must be well formed; everything must be given back. Then the same load runs again with
 * one allocation (chosen from the input's hash) failing: it must end in a clean error, no leak. */
#include <string.h>

#include "fuzz_common.h"

static struct wisp_engine *engine_new(struct fuzz_alloc *fa) {
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.alloc = fuzz_alloc_fn;
    cfg.alloc_ud = fa;
    struct wisp_engine *e = wisp_engine_new(&cfg);
    if (!e) fuzz_fail("wisp_engine_new failed");
    return e;
}

/* An error result must say what (one line) and where (an offset inside the input, if any). */
/* (With an allocation failing, the message itself may be what could not be allocated.) */
static void check_error(const struct wisp_result *r, size_t size, const char *what, bool oom_injected) {
    if (r->kind != WISP_ERROR) fuzz_fail("%s: result kind %d, expected an error", what, (int)r->kind);
    if (r->error != WISP_ERR_MALFORMED && r->error != WISP_ERR_INVALID && r->error != WISP_ERR_LIMIT &&
        r->error != WISP_ERR_OUT_OF_MEMORY)
        fuzz_fail("%s: unexpected error code %d (%s)", what, (int)r->error, r->message ? r->message : "");
    if (r->message) {
        if (strchr(r->message, '\n')) fuzz_fail("%s: message of more than one line: %s", what, r->message);
        if (strlen(r->message) > 4096) fuzz_fail("%s: message of %zu bytes", what, strlen(r->message));
    } else if (r->error != WISP_ERR_OUT_OF_MEMORY && !oom_injected) {
        fuzz_fail("%s: error %d without a message", what, (int)r->error);
    }
    if (r->offset != UINT64_MAX && r->offset > size)
        fuzz_fail("%s: offset %llu past the end of the %zu input bytes (%s)", what, (unsigned long long)r->offset,
                  size, r->message ? r->message : "");
}

/* Reads back what the module says about itself. */
static void describe(const struct wisp_module *m) {
    size_t ni = wisp_module_import_count(m), ne = wisp_module_export_count(m);
    for (size_t i = 0; i < ni; i++) {
        struct wisp_import_desc d;
        if (!wisp_module_import(m, i, &d)) fuzz_fail("import %zu of %zu not described", i, ni);
        if (d.module[d.module_len] != 0 || d.name[d.name_len] != 0) fuzz_fail("import name not terminated");
    }
    for (size_t i = 0; i < ne; i++) {
        struct wisp_export_desc d;
        if (!wisp_module_export(m, i, &d)) fuzz_fail("export %zu of %zu not described", i, ne);
        if (d.name[d.name_len] != 0) fuzz_fail("export name not terminated");
    }
    struct wisp_import_desc d;
    struct wisp_export_desc e;
    if (wisp_module_import(m, ni, &d) || wisp_module_export(m, ne, &e)) fuzz_fail("import/export past the count");
    for (uint32_t f = 0; f < 64; f++) {
        const char *name = wisp_module_func_name(m, f);
        if (name) (void)strlen(name);
    }
    (void)wisp_module_func_name(m, UINT32_MAX);
}

/* The load cap, plus what the validator's operand stack may take (see fuzz_stack_allowance). */
static void init_cap(struct fuzz_alloc *fa, const uint8_t *data, size_t size) {
    fuzz_alloc_init(fa, size);
    struct fuzz_code_info info = fuzz_scan_code(data, size);
    size_t extra = fuzz_stack_allowance(&info);
    fa->cap = fa->cap > SIZE_MAX - extra ? SIZE_MAX : fa->cap + extra;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_alloc fa;
    init_cap(&fa, data, size);
    struct wisp_engine *e = engine_new(&fa);

    fa.phase = "validating";
    struct wisp_result rv = wisp_module_validate(e, data, size);
    fa.phase = "loading";
    uint64_t before = fa.count;
    struct wisp_module *m = NULL;
    struct wisp_result rn = wisp_module_new(e, data, size, &m);
    uint64_t load_allocs = fa.count - before;
    if ((rv.kind == WISP_OK) != (rn.kind == WISP_OK))
        fuzz_fail("wisp_module_validate says %s but wisp_module_new says %s", rv.message ? rv.message : "ok",
                  rn.message ? rn.message : "ok");
    if ((rn.kind == WISP_OK) != (m != NULL)) fuzz_fail("wisp_module_new: result and module disagree");
    if (rn.kind != WISP_OK) {
        check_error(&rv, size, "wisp_module_validate", false);
        check_error(&rn, size, "wisp_module_new", false);
        if (rv.error != rn.error || rv.offset != rn.offset)
            fuzz_fail("validate and new report different errors: '%s' / '%s'", rv.message ? rv.message : "",
                      rn.message ? rn.message : "");
    }
    enum wisp_error_code first_error = rn.error;
    wisp_result_free(&rv);
    wisp_result_free(&rn);
    fa.phase = "describing the module";
    if (m) describe(m);
    fa.phase = "freeing";
    wisp_module_free(m);
    wisp_engine_free(e);
    fuzz_alloc_check_empty(&fa);

    /* Again, with one allocation failing. */
    if (load_allocs == 0) return 0;
    init_cap(&fa, data, size);
    e = engine_new(&fa);
    fa.fail_at = fa.count + 1 + fuzz_hash(data, size) % load_allocs;
    fa.phase = "loading with a failing allocation";
    m = NULL;
    rn = wisp_module_new(e, data, size, &m);
    if ((rn.kind == WISP_OK) != (m != NULL)) fuzz_fail("wisp_module_new (failing allocation): result and module disagree");
    if (rn.kind != WISP_OK) {
        check_error(&rn, size, "wisp_module_new (failing allocation)", true);
        if (rn.error != WISP_ERR_OUT_OF_MEMORY && rn.error != first_error)
            fuzz_fail("a failed allocation reported as error %d: %s", (int)rn.error, rn.message ? rn.message : "");
    }
    wisp_result_free(&rn);
    if (m) describe(m);
    wisp_module_free(m);
    wisp_engine_free(e);
    fa.phase = "freeing after a failed allocation";
    fuzz_alloc_check_empty(&fa);
    return 0;
}
