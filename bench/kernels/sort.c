/* sort.c: sorting 32-bit integers four ways: quicksort (median of three, recursing into the smaller
 * half, insertion sort for short ranges), heapsort, bottom-up merge sort, and the C library's qsort with
 * a comparator (indirect calls). SIZE = rounds. Self-check: all four results sorted and identical. */
#include "bench.h"

static void insertion(uint32_t *a, long lo, long hi) {
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) a[j + 1] = a[j], j--;
        a[j + 1] = v;
    }
}

static void quick(uint32_t *a, long lo, long hi) {
    while (hi - lo > 16) {
        long mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) { uint32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo]) { uint32_t t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (a[hi] < a[mid]) { uint32_t t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
        uint32_t p = a[mid];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j], a[j] = t;
                i++, j--;
            }
        }
        /* recurse into the smaller half, loop on the larger */
        if (j - lo < hi - i) quick(a, lo, j), lo = i;
        else quick(a, i, hi), hi = j;
    }
    insertion(a, lo, hi);
}

static void sift(uint32_t *a, long start, long end) {
    long root = start;
    while (2 * root + 1 <= end) {
        long child = 2 * root + 1;
        if (child + 1 <= end && a[child] < a[child + 1]) child++;
        if (a[root] >= a[child]) return;
        uint32_t t = a[root];
        a[root] = a[child], a[child] = t;
        root = child;
    }
}

static void heapsort_(uint32_t *a, long n) {
    for (long s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
    for (long e = n - 1; e > 0; e--) {
        uint32_t t = a[e];
        a[e] = a[0], a[0] = t;
        sift(a, 0, e - 1);
    }
}

static void mergesort_(uint32_t *a, uint32_t *tmp, long n) {
    for (long w = 1; w < n; w *= 2) {
        for (long lo = 0; lo < n; lo += 2 * w) {
            long mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, sizeof *a * (size_t)n);
    }
}

static int cmp_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

#define N 12500

static uint64_t bench_kernel(uint32_t size, int *ok) {
    uint32_t *src = malloc(sizeof *src * N), *a = malloc(sizeof *a * N), *b = malloc(sizeof *b * N);
    uint32_t *c = malloc(sizeof *c * N), *d = malloc(sizeof *d * N), *tmp = malloc(sizeof *tmp * N);
    if (!src || !a || !b || !c || !d || !tmp) {
        *ok = 0;
        return 0;
    }
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        uint64_t rs = r;
        for (long i = 0; i < N; i++) {
            /* mix of random values, short runs and duplicates, like real data */
            uint64_t x = bench_rand(&rs);
            src[i] = (x & 3) == 0 ? (uint32_t)i * 3 : (x & 3) == 1 ? (uint32_t)(x >> 40) & 1023 : (uint32_t)(x >> 32);
        }
        memcpy(a, src, sizeof *a * N), memcpy(b, src, sizeof *b * N);
        memcpy(c, src, sizeof *c * N), memcpy(d, src, sizeof *d * N);
        quick(a, 0, N - 1);
        heapsort_(b, N);
        mergesort_(c, tmp, N);
        qsort(d, N / 4, sizeof *d, cmp_u32); /* qsort is costly per element: a quarter */
        for (long i = 1; i < N; i++)
            if (a[i - 1] > a[i]) *ok = 0;
        if (memcmp(a, b, sizeof *a * N) || memcmp(a, c, sizeof *a * N)) *ok = 0;
        for (long i = 1; i < N / 4; i++)
            if (d[i - 1] > d[i]) *ok = 0;
        for (long i = 0; i < N; i += 97) sum = bench_mix(sum, a[i]);
        sum = bench_mix(sum, d[N / 8]);
    }
    free(src), free(a), free(b), free(c), free(d), free(tmp);
    return sum;
}

BENCH_MAIN("sort", 120, {1, 957642397140136464ull}, {120, 5403844456988733249ull})
