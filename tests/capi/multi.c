/* capi_multi: the upstream "multi" example's behaviour. A host function with four parameters and
 * four results (its first and last arguments exchanged) is called from wasm, which exchanges the
 * middle two first: g(1, 2, 3, 4) = f(1, 3, 2, 4) = (4, 3, 2, 1). Also a wasm function with two
 * float results. */
#include "capi_test.h"

static int f_calls;

static wasm_trap_t *reverse_callback(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
    CHECK(args->size == 4 && results->size == 4);
    CHECK(args->data[0].kind == WASM_I32 && args->data[1].kind == WASM_I64);
    CHECK(args->data[2].kind == WASM_I64 && args->data[3].kind == WASM_I32);
    f_calls++;
    results->data[0] = (wasm_val_t)WASM_I32_VAL(args->data[3].of.i32);
    results->data[1] = (wasm_val_t)WASM_I64_VAL(args->data[1].of.i64);
    results->data[2] = (wasm_val_t)WASM_I64_VAL(args->data[2].of.i64);
    results->data[3] = (wasm_val_t)WASM_I32_VAL(args->data[0].of.i32);
    return NULL;
}

int main(int argc, char **argv) {
    capi_init(argc, argv);
    wasm_engine_t *engine = wasm_engine_new();
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *module = capi_compile(store, "multi");

    wasm_valtype_t *ps[4] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_i64(),
                             wasm_valtype_new_i32()};
    wasm_valtype_t *rs[4] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_i64(),
                             wasm_valtype_new_i32()};
    wasm_valtype_vec_t params, results;
    wasm_valtype_vec_new(&params, 4, ps);
    wasm_valtype_vec_new(&results, 4, rs);
    wasm_functype_t *f_type = wasm_functype_new(&params, &results);
    wasm_func_t *f = wasm_func_new(store, f_type, reverse_callback);
    CHECK(f != NULL);
    wasm_functype_delete(f_type);
    CHECK(wasm_func_param_arity(f) == 4 && wasm_func_result_arity(f) == 4);

    wasm_extern_t *externs[] = {wasm_func_as_extern(f)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    CHECK(instance != NULL);
    wasm_func_delete(f);

    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_func_t *g = capi_export_func(module, &exports, "g");
    wasm_func_t *swap = capi_export_func(module, &exports, "swap");
    wasm_module_delete(module);
    wasm_instance_delete(instance);
    CHECK(wasm_func_param_arity(g) == 4 && wasm_func_result_arity(g) == 4);

    wasm_val_t as[4] = {WASM_I32_VAL(1), WASM_I64_VAL(2), WASM_I64_VAL(3), WASM_I32_VAL(4)};
    wasm_val_t out[4] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
    wasm_val_vec_t argv_ = WASM_ARRAY_VEC(as), resv = WASM_ARRAY_VEC(out);
    CHECK(wasm_func_call(g, &argv_, &resv) == NULL);
    CHECK(f_calls == 1);
    CHECK(out[0].kind == WASM_I32 && out[0].of.i32 == 4);
    CHECK(out[1].kind == WASM_I64 && out[1].of.i64 == 3);
    CHECK(out[2].kind == WASM_I64 && out[2].of.i64 == 2);
    CHECK(out[3].kind == WASM_I32 && out[3].of.i32 == 1);

    /* Full-width values survive. */
    as[0].of.i32 = INT32_MIN;
    as[1].of.i64 = INT64_MAX;
    as[2].of.i64 = -1;
    as[3].of.i32 = 0x7654321;
    CHECK(wasm_func_call(g, &argv_, &resv) == NULL);
    CHECK(out[0].of.i32 == 0x7654321 && out[1].of.i64 == -1);
    CHECK(out[2].of.i64 == INT64_MAX && out[3].of.i32 == INT32_MIN);

    wasm_val_t fa[2] = {WASM_F32_VAL(1.5f), WASM_F64_VAL(-2.25)};
    wasm_val_t fr[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
    wasm_val_vec_t fav = WASM_ARRAY_VEC(fa), frv = WASM_ARRAY_VEC(fr);
    CHECK(wasm_func_call(swap, &fav, &frv) == NULL);
    CHECK(fr[0].kind == WASM_F64 && fr[0].of.f64 == -2.25);
    CHECK(fr[1].kind == WASM_F32 && fr[1].of.f32 == 1.5f);

    wasm_extern_vec_delete(&exports);
    wasm_store_delete(store);
    wasm_engine_delete(engine);
    printf("capi_multi: ok\n");
    return 0;
}
