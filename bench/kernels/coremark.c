/* coremark.c: CoreMark-style mixed integer work (our own code): linked-list search, reversal and
 * merge sort, small integer matrix algebra, a number-scanning state machine, all folded by CRC-16.
 * SIZE = iterations; each iteration varies its inputs with the iteration number. */
#include "bench.h"

/* ---- CRC-16 (the reflected 0x8005 polynomial, bit by bit like the classic embedded code) ---- */
static uint16_t crc8(uint8_t data, uint16_t crc) {
    for (int i = 0; i < 8; i++) {
        uint16_t mix = (uint16_t)((crc ^ data) & 1);
        crc >>= 1;
        if (mix) crc ^= 0xa001;
        data >>= 1;
    }
    return crc;
}
static uint16_t crc16(uint16_t v, uint16_t crc) {
    crc = crc8((uint8_t)v, crc);
    return crc8((uint8_t)(v >> 8), crc);
}
static uint16_t crc32w(uint32_t v, uint16_t crc) {
    crc = crc16((uint16_t)v, crc);
    return crc16((uint16_t)(v >> 16), crc);
}

/* ---- linked list ---- */
#define LIST_N 256
struct node {
    struct node *next;
    int16_t data;
    int16_t idx;
};

static struct node *list_reverse(struct node *l) {
    struct node *prev = NULL;
    while (l) {
        struct node *n = l->next;
        l->next = prev;
        prev = l;
        l = n;
    }
    return prev;
}

static struct node *list_find(struct node *l, int16_t data) {
    while (l && l->data != data) l = l->next;
    return l;
}

static int cmp_data(const struct node *a, const struct node *b) { return a->data - b->data; }
static int cmp_idx(const struct node *a, const struct node *b) { return a->idx - b->idx; }

/* Bottom-up merge sort of a singly linked list (stable). */
static struct node *list_sort(struct node *list, int (*cmp)(const struct node *, const struct node *)) {
    if (!list) return NULL;
    for (size_t insize = 1;; insize *= 2) {
        struct node *p = list, *tail = NULL;
        list = NULL;
        size_t merges = 0;
        while (p) {
            merges++;
            struct node *q = p;
            size_t psize = 0;
            for (size_t i = 0; i < insize && q; i++) psize++, q = q->next;
            size_t qsize = insize;
            while (psize > 0 || (qsize > 0 && q)) {
                struct node *e;
                if (psize == 0) e = q, q = q->next, qsize--;
                else if (qsize == 0 || !q) e = p, p = p->next, psize--;
                else if (cmp(p, q) <= 0) e = p, p = p->next, psize--;
                else e = q, q = q->next, qsize--;
                if (tail) tail->next = e;
                else list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1) return list;
    }
}

static uint16_t bench_list(struct node *pool, uint32_t iter, uint16_t crc, int *ok) {
    struct node *head = NULL;
    for (int i = LIST_N - 1; i >= 0; i--) {
        pool[i].idx = (int16_t)i;
        pool[i].data = (int16_t)(((uint32_t)i * 2654435761u + iter * 40503u) >> 20 & 0x3ff);
        pool[i].next = head;
        head = &pool[i];
    }
    int found = 0, missed = 0;
    for (int i = 0; i < 32; i++) {
        int16_t want = (int16_t)((i * 37 + (int)iter) & 0x3ff);
        struct node *n = list_find(head, want);
        if (n) found += n->idx;
        else missed++;
        head = list_reverse(head);
    }
    head = list_sort(head, cmp_data);
    int16_t prev = -1;
    for (struct node *n = head; n; n = n->next) {
        if (n->data < prev) *ok = 0;
        prev = n->data;
        crc = crc16((uint16_t)n->data, crc);
    }
    head = list_sort(head, cmp_idx);
    int expect = 0;
    for (struct node *n = head; n; n = n->next) {
        if (n->idx != expect++) *ok = 0;
    }
    crc = crc16((uint16_t)found, crc);
    return crc16((uint16_t)missed, crc);
}

/* ---- matrix ---- */
#define MAT_N 24
static uint16_t bench_matrix(int16_t *a, int16_t *b, int32_t *c, uint32_t iter, uint16_t crc) {
    int16_t v = (int16_t)(iter & 0xff);
    for (int i = 0; i < MAT_N * MAT_N; i++) {
        a[i] = (int16_t)((i * 7 + (int)iter) % 61 - 30);
        b[i] = (int16_t)((i * 13 + (int)iter * 3) % 53 - 26);
    }
    /* add constant, multiply by constant */
    for (int i = 0; i < MAT_N * MAT_N; i++) a[i] = (int16_t)(a[i] + v);
    for (int i = 0; i < MAT_N * MAT_N; i++) c[i] = (int32_t)a[i] * v;
    uint32_t s = 0;
    for (int i = 0; i < MAT_N * MAT_N; i++) s += (uint32_t)c[i];
    crc = crc32w((uint32_t)s, crc);
    /* matrix times vector */
    for (int i = 0; i < MAT_N; i++) {
        int32_t acc = 0;
        for (int j = 0; j < MAT_N; j++) acc += (int32_t)a[i * MAT_N + j] * b[j];
        c[i] = acc;
    }
    for (int i = 0; i < MAT_N; i++) crc = crc32w((uint32_t)c[i], crc);
    /* matrix times matrix, then with a bit-field extraction */
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; k++) acc += (int32_t)a[i * MAT_N + k] * b[k * MAT_N + j];
            c[i * MAT_N + j] = acc;
        }
    s = 0;
    for (int i = 0; i < MAT_N * MAT_N; i++) s += (uint32_t)c[i] ^ (s >> 3);
    crc = crc32w((uint32_t)s, crc);
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; k++) {
                int32_t t = (int32_t)a[i * MAT_N + k] * b[k * MAT_N + j];
                acc += (t >> 2) & 0xf;
                acc += (t >> 5) & 0x7f;
            }
            c[i * MAT_N + j] = acc;
        }
    s = 0;
    for (int i = 0; i < MAT_N * MAT_N; i++) s += (uint32_t)c[i];
    return crc32w((uint32_t)s, crc);
}

/* ---- state machine: classifies comma-separated tokens as int / float / exponent / invalid ---- */
enum state { S_START, S_INVALID, S_S1, S_INT, S_FLOAT, S_EXP, S_S2, S_SCI, S_NSTATES };

static enum state next_token(const char **pp, uint32_t *transitions) {
    const char *p = *pp;
    enum state st = S_START;
    for (; *p && st != S_INVALID; p++) {
        char ch = *p;
        if (ch == ',') {
            p++;
            break;
        }
        enum state old = st;
        switch (st) {
        case S_START:
            if (ch >= '0' && ch <= '9') st = S_INT;
            else if (ch == '+' || ch == '-') st = S_S1;
            else if (ch == '.') st = S_FLOAT;
            else st = S_INVALID;
            break;
        case S_S1:
            if (ch >= '0' && ch <= '9') st = S_INT;
            else if (ch == '.') st = S_FLOAT;
            else st = S_INVALID;
            break;
        case S_INT:
            if (ch == '.') st = S_FLOAT;
            else if (!(ch >= '0' && ch <= '9')) st = S_INVALID;
            break;
        case S_FLOAT:
            if (ch == 'e' || ch == 'E') st = S_S2;
            else if (!(ch >= '0' && ch <= '9')) st = S_INVALID;
            break;
        case S_S2:
            if (ch == '+' || ch == '-') st = S_EXP;
            else st = S_INVALID;
            break;
        case S_EXP:
            if (ch >= '0' && ch <= '9') st = S_SCI;
            else st = S_INVALID;
            break;
        case S_SCI:
            if (!(ch >= '0' && ch <= '9')) st = S_INVALID;
            break;
        default:
            break;
        }
        if (st != old) transitions[st]++;
    }
    /* skip the rest of an invalid token */
    if (st == S_INVALID) {
        while (*p && *p != ',') p++;
        if (*p) p++;
    }
    *pp = p;
    return st;
}

static const char *const tokens[] = {"5012", "1234", "-874", "+122", "35.54400", ".1234500", "-110.700", "+0.64400",
                                     "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq",
                                     "1T3.4e4z", "34.0e-T^"};

static uint16_t bench_state(char *buf, size_t len, uint32_t iter, uint16_t crc) {
    /* fill with tokens chosen by the iteration, then corrupt a few bytes */
    size_t n = 0;
    uint64_t rs = iter;
    while (n + 10 < len) {
        const char *t = tokens[bench_rand(&rs) & 15];
        size_t tl = strlen(t);
        memcpy(buf + n, t, tl);
        n += tl;
        buf[n++] = ',';
    }
    buf[n] = 0;
    uint32_t final[S_NSTATES] = {0}, trans[S_NSTATES] = {0};
    for (int pass = 0; pass < 2; pass++) {
        const char *p = buf;
        while (*p) final[next_token(&p, trans)]++;
        for (size_t i = (iter & 7); i < n; i += 23) buf[i] ^= (char)(pass ? 0x10 : 0x01);
    }
    for (int i = 0; i < S_NSTATES; i++) {
        crc = crc32w(final[i], crc);
        crc = crc32w(trans[i], crc);
    }
    return crc;
}

static uint64_t bench_kernel(uint32_t size, int *ok) {
    struct node *pool = malloc(sizeof *pool * LIST_N);
    int16_t *a = malloc(sizeof *a * MAT_N * MAT_N), *b = malloc(sizeof *b * MAT_N * MAT_N);
    int32_t *c = malloc(sizeof *c * MAT_N * MAT_N);
    size_t slen = 1024;
    char *sbuf = malloc(slen + 1);
    if (!pool || !a || !b || !c || !sbuf) {
        *ok = 0;
        return 0;
    }
    uint16_t crc_list = 0, crc_mat = 0, crc_state = 0;
    for (uint32_t it = 0; it < size; it++) {
        crc_list = bench_list(pool, it, crc_list, ok);
        crc_mat = bench_matrix(a, b, c, it, crc_mat);
        crc_state = bench_state(sbuf, slen, it, crc_state);
    }
    free(pool), free(a), free(b), free(c), free(sbuf);
    return (uint64_t)crc_list << 32 | (uint64_t)crc_mat << 16 | crc_state;
}

BENCH_MAIN("coremark", 5000, {20, 38478769088914ull}, {50, 212965299590255ull}, {5000, 189276423827799ull})
