/* capi_memory: the upstream "memory" example's behaviour. An exported memory is read and written
 * through wasm_memory_data and through wasm loads/stores, out-of-bounds accesses trap, the host
 * grows it up to its maximum (wasm_memory_grow) and wasm sees the new size; a host-made memory
 * with min = max cannot grow. */
#include "capi_test.h"

static void check_trap(wasm_trap_t *trap) {
    CHECK(trap != NULL);
    CHECK(capi_trap_says(trap, "out of bounds", true));
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "memory");
    wasm_extern_vec_t imports = WASM_EMPTY_VEC;
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_memory_t *memory = wasm_extern_as_memory(capi_export(module, &exports, "memory"));
    CHECK(memory != NULL);
    wasm_func_t *size_func = capi_export_func(module, &exports, "size");
    wasm_func_t *load_func = capi_export_func(module, &exports, "load");
    wasm_func_t *store_func = capi_export_func(module, &exports, "store");
    wasm_module_delete(module);

    /* The memory as exported: its type, bytes and size. */
    wasm_memorytype_t *mt = wasm_memory_type(memory);
    CHECK(wasm_memorytype_limits(mt)->min == 2);
    CHECK(wasm_memorytype_limits(mt)->max == 3);
    wasm_memorytype_delete(mt);
    CHECK(wasm_memory_size(memory) == 2);
    CHECK(wasm_memory_data_size(memory) == 0x20000);
    byte_t *data = wasm_memory_data(memory);
    CHECK(data != NULL);
    CHECK(data[0] == 0 && data[0x1000] == 1 && data[0x1003] == 4);
    CHECK(capi_call_i32(size_func, 0, NULL) == 2);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0}) == 0);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x1000}) == 1);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x1003}) == 4);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x1ffff}) == 0);
    int32_t r;
    check_trap(capi_try_i32(load_func, 1, (int32_t[]){0x20000}, &r));

    /* Writes from either side are seen by the other. */
    data[0x1003] = 5;
    CHECK(capi_call_i32_v(store_func, 2, (int32_t[]){0x1002, 6}) == NULL);
    check_trap(capi_call_i32_v(store_func, 2, (int32_t[]){0x20000, 0}));
    CHECK(data[0x1002] == 6 && data[0x1003] == 5);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x1002}) == 6);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x1003}) == 5);
    data[0x1ffff] = (byte_t)0x80;
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x1ffff}) == -128);

    /* Host-side growth: visible to wasm, bounded by the maximum, grow by 0 always succeeds. */
    CHECK(wasm_memory_grow(memory, 1));
    CHECK(wasm_memory_size(memory) == 3);
    CHECK(wasm_memory_data_size(memory) == 0x30000);
    CHECK(capi_call_i32(size_func, 0, NULL) == 3);
    data = wasm_memory_data(memory); /* may have moved */
    CHECK(data[0x1002] == 6 && data[0x1003] == 5 && data[0x20000] == 0);
    CHECK(capi_call_i32(load_func, 1, (int32_t[]){0x20000}) == 0);
    CHECK(capi_call_i32_v(store_func, 2, (int32_t[]){0x20000, 9}) == NULL);
    CHECK(data[0x20000] == 9);
    check_trap(capi_try_i32(load_func, 1, (int32_t[]){0x30000}, &r));
    check_trap(capi_call_i32_v(store_func, 2, (int32_t[]){0x30000, 0}));
    CHECK(!wasm_memory_grow(memory, 1));
    CHECK(wasm_memory_size(memory) == 3);
    CHECK(!wasm_memory_grow(memory, 0x10000)); /* 4 GiB more: must fail cleanly */
    CHECK(wasm_memory_grow(memory, 0));
    CHECK(wasm_memory_size(memory) == 3);

    /* A host-made memory of exactly 5 pages. */
    wasm_limits_t limits = {5, 5};
    wasm_memorytype_t *type = wasm_memorytype_new(&limits);
    wasm_memory_t *memory2 = wasm_memory_new(store, type);
    CHECK(memory2 != NULL);
    wasm_memorytype_delete(type);
    CHECK(wasm_memory_size(memory2) == 5);
    CHECK(wasm_memory_data_size(memory2) == 5 * MEMORY_PAGE_SIZE);
    CHECK(wasm_memory_data(memory2)[5 * MEMORY_PAGE_SIZE - 1] == 0);
    CHECK(!wasm_memory_grow(memory2, 1));
    CHECK(wasm_memory_grow(memory2, 0));
    wasm_memory_delete(memory2);

    /* One without a maximum grows freely (a little). */
    limits.min = 0;
    limits.max = wasm_limits_max_default;
    type = wasm_memorytype_new(&limits);
    wasm_memory_t *memory3 = wasm_memory_new(store, type);
    wasm_memorytype_delete(type);
    CHECK(memory3 != NULL);
    CHECK(wasm_memory_size(memory3) == 0 && wasm_memory_data_size(memory3) == 0);
    CHECK(wasm_memory_grow(memory3, 2));
    CHECK(wasm_memory_size(memory3) == 2);
    wasm_memory_data(memory3)[2 * MEMORY_PAGE_SIZE - 1] = 1;
    wasm_memory_delete(memory3);

    wasm_instance_delete(instance);
    wasm_extern_vec_delete(&exports);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_memory: ok\n");
    return 0;
}
