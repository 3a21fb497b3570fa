/* hashtable.c: two hash tables: open addressing with linear probing on 64-bit keys (insert,
 * lookup hits and misses, delete with backward shift) and separate chaining on string keys
 * (word counting). SIZE = rounds. Self-check: counts against what was inserted. */
#include "bench.h"

/* ---- open addressing, power-of-two capacity, key 0 = empty ---- */
struct oa {
    uint64_t *keys;
    uint32_t *vals;
    uint32_t mask, count;
};

static inline uint32_t hash64(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (uint32_t)k;
}

static void oa_put(struct oa *t, uint64_t k, uint32_t v) {
    uint32_t i = hash64(k) & t->mask;
    while (t->keys[i] && t->keys[i] != k) i = (i + 1) & t->mask;
    if (!t->keys[i]) t->count++;
    t->keys[i] = k, t->vals[i] = v;
}

static int oa_get(const struct oa *t, uint64_t k, uint32_t *v) {
    uint32_t i = hash64(k) & t->mask;
    while (t->keys[i]) {
        if (t->keys[i] == k) {
            *v = t->vals[i];
            return 1;
        }
        i = (i + 1) & t->mask;
    }
    return 0;
}

static int oa_del(struct oa *t, uint64_t k) {
    uint32_t i = hash64(k) & t->mask;
    while (t->keys[i] && t->keys[i] != k) i = (i + 1) & t->mask;
    if (!t->keys[i]) return 0;
    /* backward-shift deletion keeps probe sequences intact without tombstones */
    uint32_t j = i;
    for (;;) {
        j = (j + 1) & t->mask;
        if (!t->keys[j]) break;
        uint32_t home = hash64(t->keys[j]) & t->mask;
        if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
            t->keys[i] = t->keys[j], t->vals[i] = t->vals[j];
            i = j;
        }
    }
    t->keys[i] = 0;
    t->count--;
    return 1;
}

/* ---- chained string table ---- */
struct entry {
    struct entry *next;
    uint32_t hash, count;
    char key[24];
};
struct chain {
    struct entry **buckets;
    uint32_t nbuckets, count;
    struct entry *pool;
    uint32_t used;
};

static uint32_t fnv1a(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static struct entry *chain_add(struct chain *c, const char *key) {
    uint32_t h = fnv1a(key);
    struct entry **b = &c->buckets[h & (c->nbuckets - 1)];
    for (struct entry *e = *b; e; e = e->next)
        if (e->hash == h && strcmp(e->key, key) == 0) {
            e->count++;
            return e;
        }
    struct entry *e = &c->pool[c->used++];
    e->hash = h, e->count = 1;
    strcpy(e->key, key);
    e->next = *b, *b = e;
    c->count++;
    return e;
}

#define NKEYS 10000
#define CAP (1u << 14)
#define NWORDS 5000

static uint64_t bench_kernel(uint32_t size, int *ok) {
    struct oa t;
    t.keys = calloc(CAP, sizeof *t.keys);
    t.vals = calloc(CAP, sizeof *t.vals);
    t.mask = CAP - 1;
    struct chain c;
    c.nbuckets = 2048;
    c.buckets = calloc(c.nbuckets, sizeof *c.buckets);
    c.pool = malloc(sizeof *c.pool * NWORDS);
    uint64_t *keys = malloc(sizeof *keys * NKEYS);
    if (!t.keys || !t.vals || !c.buckets || !c.pool || !keys) {
        *ok = 0;
        return 0;
    }
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        uint64_t rs = r;
        memset(t.keys, 0, CAP * sizeof *t.keys);
        t.count = 0;
        for (uint32_t i = 0; i < NKEYS; i++) {
            keys[i] = bench_rand(&rs) | 1;
            oa_put(&t, keys[i], i);
        }
        if (t.count != NKEYS) *ok = 0;
        uint32_t hits = 0, misses = 0, acc = 0, v;
        for (uint32_t i = 0; i < NKEYS; i++) {
            if (oa_get(&t, keys[(i * 7919u) % NKEYS], &v)) hits++, acc += v;
            if (oa_get(&t, keys[i] + 2, &v)) misses++; /* random 64-bit neighbours: absent */
        }
        if (hits != NKEYS || misses != 0) *ok = 0;
        for (uint32_t i = 0; i < NKEYS; i += 2) oa_del(&t, keys[i]);
        uint32_t left = 0;
        for (uint32_t i = 0; i < NKEYS; i++) left += (uint32_t)oa_get(&t, keys[i], &v);
        if (left != NKEYS / 2 || t.count != NKEYS / 2) *ok = 0;
        sum = bench_mix(sum, acc);

        /* word counting over a Zipf-like stream of synthetic words */
        memset(c.buckets, 0, c.nbuckets * sizeof *c.buckets);
        c.count = 0, c.used = 0;
        char word[24];
        uint32_t total = 0;
        for (uint32_t i = 0; i < NWORDS; i++) {
            uint64_t x = bench_rand(&rs);
            uint32_t id = (uint32_t)((x & 0xffff) * ((x >> 16) & 0xffff) >> 20); /* skewed toward 0 */
            int n = 0;
            word[n++] = 'w';
            do word[n++] = (char)('a' + id % 26), id /= 26;
            while (id);
            word[n] = 0;
            chain_add(&c, word);
            total++;
        }
        uint32_t counted = 0;
        uint64_t wsum = 0;
        for (uint32_t b = 0; b < c.nbuckets; b++)
            for (struct entry *e = c.buckets[b]; e; e = e->next) counted += e->count, wsum += (uint64_t)e->count * e->hash;
        if (counted != total) *ok = 0;
        sum = bench_mix(bench_mix(sum, c.count), wsum);
    }
    free(t.keys), free(t.vals), free(c.buckets), free(c.pool), free(keys);
    return sum;
}

BENCH_MAIN("hashtable", 440, {2, 12169522408188806669ull}, {4, 4584605632580355614ull}, {440, 9216114171878179910ull})
