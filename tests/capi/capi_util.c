/* Implementation of the tests/capi helpers (capi_test.h). Only the standard wasm.h API is used,
 * so the tests double as a check that programs written for the upstream header build unchanged. */
#include "capi_test.h"

#include <string.h>

static const char *capi_dir = ".";

void capi_fail(const char *file, int line, const char *what) {
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    fflush(stdout);
    exit(1);
}

void capi_init(int argc, char **argv) {
    if (argc > 1) capi_dir = argv[1];
    setvbuf(stdout, NULL, _IOLBF, 0);
}

void capi_read_wasm(const char *name, wasm_byte_vec_t *out) {
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s.wasm", capi_dir, name);
    CHECK(n > 0 && (size_t)n < sizeof path);
    FILE *f = fopen(path, "rb");
    if (!f) fprintf(stderr, "cannot open %s\n", path);
    CHECK(f != NULL);
    CHECK(fseek(f, 0L, SEEK_END) == 0);
    long size = ftell(f);
    CHECK(size > 0);
    CHECK(fseek(f, 0L, SEEK_SET) == 0);
    wasm_byte_vec_new_uninitialized(out, (size_t)size);
    CHECK(out->data != NULL && out->size == (size_t)size);
    CHECK(fread(out->data, (size_t)size, 1, f) == 1);
    fclose(f);
}

wasm_module_t *capi_compile(wasm_store_t *store, const char *name) {
    wasm_byte_vec_t binary;
    capi_read_wasm(name, &binary);
    CHECK(wasm_module_validate(store, &binary));
    wasm_module_t *module = wasm_module_new(store, &binary);
    wasm_byte_vec_delete(&binary);
    if (!module) fprintf(stderr, "cannot compile %s.wasm\n", name);
    CHECK(module != NULL);
    return module;
}

size_t capi_export_index(const wasm_module_t *module, const char *name) {
    wasm_exporttype_vec_t types;
    wasm_module_exports(module, &types);
    size_t found = SIZE_MAX, len = strlen(name);
    for (size_t i = 0; i < types.size; i++) {
        const wasm_name_t *n = wasm_exporttype_name(types.data[i]);
        if (n->size == len && memcmp(n->data, name, len) == 0) {
            found = i;
            break;
        }
    }
    wasm_exporttype_vec_delete(&types);
    return found;
}

wasm_extern_t *capi_export(const wasm_module_t *module, const wasm_extern_vec_t *exports, const char *name) {
    size_t i = capi_export_index(module, name);
    if (i == SIZE_MAX) fprintf(stderr, "no export \"%s\"\n", name);
    CHECK(i < exports->size);
    CHECK(exports->data[i] != NULL);
    return exports->data[i];
}

wasm_func_t *capi_export_func(const wasm_module_t *module, const wasm_extern_vec_t *exports, const char *name) {
    wasm_func_t *f = wasm_extern_as_func(capi_export(module, exports, name));
    CHECK(f != NULL);
    return f;
}

char *capi_trap_text(const wasm_trap_t *trap) {
    wasm_message_t msg;
    wasm_trap_message(trap, &msg);
    char *s = malloc(msg.size + 1);
    CHECK(s != NULL);
    if (msg.size) memcpy(s, msg.data, msg.size);
    s[msg.size] = '\0';
    wasm_byte_vec_delete(&msg);
    return s;
}

bool capi_trap_says(wasm_trap_t *trap, const char *text, bool consume) {
    char *s = capi_trap_text(trap);
    bool ok = strstr(s, text) != NULL;
    if (!ok) fprintf(stderr, "trap message \"%s\" does not contain \"%s\"\n", s, text);
    free(s);
    if (consume) wasm_trap_delete(trap);
    return ok;
}

static void make_args(size_t nargs, const int32_t *args, wasm_val_t *vals) {
    CHECK(nargs <= 4);
    for (size_t i = 0; i < nargs; i++) {
        vals[i].kind = WASM_I32;
        vals[i].of.i32 = args[i];
    }
}

wasm_trap_t *capi_try_i32(const wasm_func_t *func, size_t nargs, const int32_t *args, int32_t *result) {
    wasm_val_t in[4], out[1] = {WASM_INIT_VAL};
    make_args(nargs, args, in);
    wasm_val_vec_t argv = {nargs, in}, resv = WASM_ARRAY_VEC(out);
    wasm_trap_t *trap = wasm_func_call(func, &argv, &resv);
    if (!trap) {
        CHECK(out[0].kind == WASM_I32);
        *result = out[0].of.i32;
    }
    return trap;
}

int32_t capi_call_i32(const wasm_func_t *func, size_t nargs, const int32_t *args) {
    int32_t r = 0;
    wasm_trap_t *trap = capi_try_i32(func, nargs, args, &r);
    if (trap) {
        char *s = capi_trap_text(trap);
        fprintf(stderr, "unexpected trap: %s\n", s);
        free(s);
        wasm_trap_delete(trap);
    }
    CHECK(trap == NULL);
    return r;
}

wasm_trap_t *capi_call_i32_v(const wasm_func_t *func, size_t nargs, const int32_t *args) {
    wasm_val_t in[4];
    make_args(nargs, args, in);
    wasm_val_vec_t argv = {nargs, in}, resv = WASM_EMPTY_VEC;
    return wasm_func_call(func, &argv, &resv);
}
