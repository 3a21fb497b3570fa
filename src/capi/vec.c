/* The vector functions of every wasm.h vector type. Vectors have no engine, so their arrays come
 * from the C library allocator; an allocation failure leaves an empty vector. */
#include <string.h>

#include "capi.h"

static void *vec_alloc(size_t n, size_t elem) { return base_calloc(&capi_libc, n, elem); }

static void vec_free(void *data, size_t n, size_t elem) { base_free(&capi_libc, data, n * elem); }

/* The functions every vector type has; elements are copied shallowly by _new (taking ownership). */
#define CAPI_VEC_BASE(name, elem_t)                                                                  \
    void wasm_##name##_vec_new_empty(wasm_##name##_vec_t *out) {                                     \
        if (!out) return;                                                                            \
        out->size = 0;                                                                               \
        out->data = NULL;                                                                            \
    }                                                                                                \
    void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t *out, size_t n) {                   \
        if (!out) return;                                                                            \
        out->data = vec_alloc(n, sizeof(elem_t));                                                    \
        out->size = out->data ? n : 0;                                                               \
    }                                                                                                \
    void wasm_##name##_vec_new(wasm_##name##_vec_t *out, size_t n, elem_t const src[]) {            \
        if (!out) return;                                                                            \
        wasm_##name##_vec_new_uninitialized(out, n);                                                 \
        if (out->size && src) memcpy(out->data, src, n * sizeof(elem_t));                            \
    }

/* Vectors of owned pointers: deep copy through wasm_NAME_copy, delete through wasm_NAME_delete. */
#define CAPI_VEC_PTR(name)                                                                           \
    CAPI_VEC_BASE(name, wasm_##name##_t *)                                                           \
    void wasm_##name##_vec_copy(wasm_##name##_vec_t *out, const wasm_##name##_vec_t *v) {            \
        if (!out) return;                                                                            \
        wasm_##name##_vec_new_uninitialized(out, v ? v->size : 0);                                   \
        for (size_t i = 0; i < out->size; i++)                                                       \
            out->data[i] = v->data[i] ? wasm_##name##_copy(v->data[i]) : NULL;                       \
    }                                                                                                \
    void wasm_##name##_vec_delete(wasm_##name##_vec_t *v) {                                          \
        if (!v) return;                                                                              \
        for (size_t i = 0; i < v->size; i++)                                                         \
            if (v->data[i]) wasm_##name##_delete(v->data[i]);                                        \
        vec_free(v->data, v->size, sizeof *v->data);                                                 \
        v->size = 0;                                                                                 \
        v->data = NULL;                                                                              \
    }

CAPI_VEC_PTR(valtype)
CAPI_VEC_PTR(functype)
CAPI_VEC_PTR(globaltype)
CAPI_VEC_PTR(tabletype)
CAPI_VEC_PTR(memorytype)
CAPI_VEC_PTR(externtype)
CAPI_VEC_PTR(importtype)
CAPI_VEC_PTR(exporttype)
CAPI_VEC_PTR(frame)
CAPI_VEC_PTR(extern)

/* Bytes: plain data. */
CAPI_VEC_BASE(byte, wasm_byte_t)

void wasm_byte_vec_copy(wasm_byte_vec_t *out, const wasm_byte_vec_t *v) {
    if (!out) return;
    wasm_byte_vec_new(out, v ? v->size : 0, v ? v->data : NULL);
}

void wasm_byte_vec_delete(wasm_byte_vec_t *v) {
    if (!v) return;
    vec_free(v->data, v->size, 1);
    v->size = 0;
    v->data = NULL;
}

/* Values: references inside are owned. */
CAPI_VEC_BASE(val, wasm_val_t)

void wasm_val_vec_copy(wasm_val_vec_t *out, const wasm_val_vec_t *v) {
    if (!out) return;
    wasm_val_vec_new_uninitialized(out, v ? v->size : 0);
    for (size_t i = 0; i < out->size; i++) wasm_val_copy(&out->data[i], &v->data[i]);
}

void wasm_val_vec_delete(wasm_val_vec_t *v) {
    if (!v) return;
    for (size_t i = 0; i < v->size; i++) wasm_val_delete(&v->data[i]);
    vec_free(v->data, v->size, sizeof *v->data);
    v->size = 0;
    v->data = NULL;
}
