/* matmul.c: dense double-precision matrix multiply (i-k-j loop order), each product feeding the
 * next. SIZE = number of N x N products. Self-check: the trace identity tr(AB) = sum A.*B^T. */
#include "bench.h"

#define N 96

static uint64_t bench_kernel(uint32_t size, int *ok) {
    double *a = malloc(sizeof(double) * N * N), *b = malloc(sizeof(double) * N * N);
    double *c = malloc(sizeof(double) * N * N);
    if (!a || !b || !c) {
        *ok = 0;
        return 0;
    }
    uint64_t rs = 42;
    for (int i = 0; i < N * N; i++) {
        a[i] = (double)(bench_rand(&rs) >> 11) * 0x1p-53 - 0.5;
        b[i] = (double)(bench_rand(&rs) >> 11) * 0x1p-53 - 0.5;
    }
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        for (int i = 0; i < N * N; i++) c[i] = 0.0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i * N + k];
                const double *bk = &b[k * N];
                double *ci = &c[i * N];
                for (int j = 0; j < N; j++) ci[j] += aik * bk[j];
            }
        /* self-check on the first product: trace(C) against the direct sum */
        if (r == 0) {
            double tr = 0.0, direct = 0.0;
            for (int i = 0; i < N; i++) tr += c[i * N + i];
            for (int i = 0; i < N; i++)
                for (int k = 0; k < N; k++) direct += a[i * N + k] * b[k * N + i];
            double d = tr - direct;
            if (d < -1e-9 || d > 1e-9) *ok = 0;
        }
        /* feed back: A = C scaled to keep magnitudes near 1, keeping it a new input each round */
        double mx = 0.0;
        for (int i = 0; i < N * N; i++) mx = c[i] > mx ? c[i] : (-c[i] > mx ? -c[i] : mx);
        double inv = mx > 0.0 ? 1.0 / mx : 1.0;
        for (int i = 0; i < N * N; i++) a[i] = c[i] * inv;
        uint64_t bits;
        memcpy(&bits, &c[(r * 7919u) % (N * N)], sizeof bits);
        sum = bench_mix(sum, bits);
    }
    free(a), free(b), free(c);
    return sum;
}

BENCH_MAIN("matmul", 2000, {10, 10852924234127642168ull}, {20, 15934936359041231001ull}, {2000, 4112802928612014009ull})
