/* capi_serialize: the upstream "serialize" example's behaviour. A compiled module is serialized,
 * deleted, deserialized (also in a second store), instantiated and run; the result is the same as
 * from the original. Then the serialized form is damaged (truncated at every length, each byte
 * flipped, garbage, empty, the raw .wasm) and wasm_module_deserialize must reject it or, where a
 * change happens to leave a valid module, give one that works; it must never crash. */
#include <string.h>

#include "capi_test.h"

static int32_t last_hello = -1;

static wasm_trap_t *hello_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 1 && results->size == 0 && args->data[0].kind == WASM_I32);
    last_hello = args->data[0].of.i32;
    return NULL;
}

/* Instantiates the module with the hello import and calls run once; returns run's result and
 * sets *hello to what the host function saw. Returns false (no crash) if anything fails. */
static bool run_module(wasm_store_t *store, const wasm_module_t *module, int32_t *result, int32_t *hello) {
    wasm_functype_t *ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
    wasm_func_t *hf = wasm_func_new(store, ft, hello_callback);
    wasm_functype_delete(ft);
    wasm_extern_t *externs[] = {wasm_func_as_extern(hf)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_trap_t *trap = NULL;
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
    wasm_func_delete(hf);
    if (!instance) {
        if (trap) wasm_trap_delete(trap);
        return false;
    }
    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    bool ok = false;
    size_t i = capi_export_index(module, "run");
    if (i < exports.size && wasm_extern_as_func(exports.data[i])) {
        last_hello = -1;
        trap = capi_try_i32(wasm_extern_as_func(exports.data[i]), 0, NULL, result);
        if (trap) wasm_trap_delete(trap);
        else ok = true;
        *hello = last_hello;
    }
    wasm_extern_vec_delete(&exports);
    wasm_instance_delete(instance);
    return ok;
}

/* Deserializes damaged bytes: rejected, or a module that behaves (checked under the sanitizers). */
static size_t try_damaged(wasm_store_t *store, const wasm_byte_vec_t *bytes) {
    wasm_module_t *m = wasm_module_deserialize(store, bytes);
    if (!m) return 1;
    int32_t r, h;
    (void)run_module(store, m, &r, &h);
    wasm_module_delete(m);
    return 0;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "serialize");

    int32_t result = 0, hello = 0;
    CHECK(run_module(store, module, &result, &hello));
    CHECK(result == 42 && hello == 101);

    wasm_byte_vec_t serialized;
    wasm_module_serialize(module, &serialized);
    CHECK(serialized.size > 0 && serialized.data != NULL);
    wasm_module_delete(module);

    /* Round trip, in the same store and in another one. */
    wasm_module_t *back = wasm_module_deserialize(store, &serialized);
    CHECK(back != NULL);
    CHECK(run_module(store, back, &result, &hello));
    CHECK(result == 42 && hello == 101); /* a fresh instance: the global starts at 100 again */
    wasm_exporttype_vec_t ex;
    wasm_module_exports(back, &ex);
    CHECK(ex.size == 2);
    wasm_exporttype_vec_delete(&ex);
    wasm_importtype_vec_t im;
    wasm_module_imports(back, &im);
    CHECK(im.size == 1 && wasm_externtype_kind(wasm_importtype_type(im.data[0])) == WASM_EXTERN_FUNC);
    wasm_importtype_vec_delete(&im);

    /* Serializing the deserialized module gives a form that loads as well. */
    wasm_byte_vec_t again;
    wasm_module_serialize(back, &again);
    wasm_module_delete(back);
    wasm_store_t *store2 = wasm_store_new(engine);
    wasm_module_t *back2 = wasm_module_deserialize(store2, &again);
    CHECK(back2 != NULL);
    CHECK(run_module(store2, back2, &result, &hello));
    CHECK(result == 42 && hello == 101);
    wasm_module_delete(back2);
    wasm_byte_vec_delete(&again);

    /* Damage. Every truncation is rejected. */
    wasm_byte_vec_t bad;
    for (size_t len = 0; len < serialized.size; len++) {
        wasm_byte_vec_new(&bad, len, serialized.data);
        wasm_module_t *m = wasm_module_deserialize(store2, &bad);
        if (m) fprintf(stderr, "truncation to %zu of %zu bytes was accepted\n", len, serialized.size);
        CHECK(m == NULL);
        wasm_byte_vec_delete(&bad);
    }
    /* Trailing garbage is rejected. */
    wasm_byte_vec_new_uninitialized(&bad, serialized.size + 3);
    memcpy(bad.data, serialized.data, serialized.size);
    memcpy(bad.data + serialized.size, "xyz", 3);
    CHECK(wasm_module_deserialize(store2, &bad) == NULL);
    wasm_byte_vec_delete(&bad);
    /* Each byte flipped: never a crash; the header and checksum catch nearly all of them. */
    size_t rejected = 0;
    wasm_byte_vec_copy(&bad, &serialized);
    for (size_t i = 0; i < serialized.size; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            bad.data[i] = (byte_t)(serialized.data[i] ^ (1 << bit));
            rejected += try_damaged(store2, &bad);
            bad.data[i] = serialized.data[i];
        }
    }
    wasm_byte_vec_delete(&bad);
    printf("capi_serialize: %zu of %zu single-bit corruptions rejected\n", rejected, serialized.size * 3);
    CHECK(rejected == serialized.size * 3);
    /* Not a serialized module at all. */
    wasm_byte_vec_t raw;
    capi_read_wasm("serialize", &raw);
    try_damaged(store2, &raw);
    wasm_byte_vec_delete(&raw);
    wasm_byte_vec_new(&bad, 16, "0123456789abcdef");
    CHECK(wasm_module_deserialize(store2, &bad) == NULL);
    wasm_byte_vec_delete(&bad);

    wasm_byte_vec_delete(&serialized);
    wasm_store_delete(store2);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_serialize: ok\n");
    return 0;
}
