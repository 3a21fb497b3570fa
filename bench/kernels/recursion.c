/* recursion.c: call-heavy code: naive Fibonacci, Takeuchi, Ackermann(2, n), building and
 * checking binary trees recursively (with malloc/free), and a 5,000-deep recursive walk of a
 * linked list. SIZE = rounds. Self-check: closed forms and node counts. */
#include "bench.h"

__attribute__((noinline)) static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static int tak(int x, int y, int z) {
    return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

struct tree {
    struct tree *l, *r;
    uint32_t v;
};

static struct tree *build(int depth, uint32_t v) {
    struct tree *t = malloc(sizeof *t);
    if (!t) return NULL;
    t->v = v;
    t->l = depth > 0 ? build(depth - 1, 2 * v) : NULL;
    t->r = depth > 0 ? build(depth - 1, 2 * v + 1) : NULL;
    return t;
}

static uint32_t check(const struct tree *t, uint32_t *nodes) {
    if (!t) return 0;
    ++*nodes;
    return t->v ^ check(t->l, nodes) ^ (check(t->r, nodes) * 3u);
}

static void destroy(struct tree *t) {
    if (!t) return;
    destroy(t->l), destroy(t->r);
    free(t);
}

struct link {
    struct link *next;
    uint32_t v;
};

/* Not a tail call: the sum is formed on the way back up, so the depth is real. */
__attribute__((noinline)) static uint64_t walk(const struct link *l, uint32_t depth, uint32_t *maxdepth) {
    if (!l) {
        *maxdepth = depth;
        return 0;
    }
    uint64_t rest = walk(l->next, depth + 1, maxdepth);
    return rest * 31 + l->v;
}

#define CHAIN 5000

static uint64_t bench_kernel(uint32_t size, int *ok) {
    struct link *chain = malloc(sizeof *chain * CHAIN);
    if (!chain) {
        *ok = 0;
        return 0;
    }
    for (uint32_t i = 0; i < CHAIN; i++) chain[i].next = i + 1 < CHAIN ? &chain[i + 1] : NULL, chain[i].v = i;
    uint64_t sum = 0;
    static const uint32_t fibs[] = {6765, 10946, 17711, 28657};
    for (uint32_t r = 0; r < size; r++) {
        uint32_t n = 20 + r % 4;
        uint32_t f = fib(n);
        if (f != fibs[r % 4]) *ok = 0;
        int t = tak(18 - (int)(r % 3), 12, 6);
        uint32_t a = ack(2, 500 + r % 8);
        if (a != 2 * (500 + r % 8) + 3) *ok = 0;
        uint32_t nodes = 0;
        struct tree *tr = build(12, 1);
        uint32_t c = check(tr, &nodes);
        destroy(tr);
        if (nodes != (1u << 13) - 1) *ok = 0;
        uint32_t depth = 0;
        uint64_t w = 0;
        for (int k = 0; k < 8; k++) w += walk(chain + k, 0, &depth);
        if (depth != CHAIN - 7) *ok = 0;
        sum = bench_mix(bench_mix(bench_mix(bench_mix(sum, f), (uint32_t)t), c), w);
    }
    free(chain);
    return sum;
}

BENCH_MAIN("recursion", 320, {2, 14369100470768589804ull}, {3, 14534046612460800873ull}, {320, 8821301330657731765ull})
