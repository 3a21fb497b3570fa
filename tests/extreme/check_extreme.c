/* Decodes every module listed in DIR/manifest.txt (written by gen.c): the "ok" and "trap" ones
 * must decode, the "limit" ones must fail with WISP_ERR_LIMIT and the listed text. (run_extreme.sh
 * runs them all through the `wisp` command and checks what `run` returns.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/result.h"
#include "decode/decode.h"

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0;
    unsigned char *b = malloc(cap);
    for (;;) {
        if (n == cap) b = realloc(b, cap *= 2);
        size_t k = fread(b + n, 1, cap - n, f);
        if (!k) break;
        n += k;
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: check_extreme DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.txt", argv[1]);
    FILE *mf = fopen(path, "r");
    if (!mf) {
        perror(path);
        return 2;
    }
    struct wisp_allocator a = {base_default_alloc, NULL};
    char line[1024];
    int total = 0, failed = 0;
    while (fgets(line, sizeof line, mf)) {
        line[strcspn(line, "\r\n")] = 0;
        char *kind = strchr(line, '\t');
        char *expect = kind ? strchr(kind + 1, '\t') : NULL;
        if (!expect) continue;
        *kind++ = 0;
        *expect++ = 0;
        snprintf(path, sizeof path, "%s/%s", argv[1], line);
        size_t len = 0;
        unsigned char *bytes = slurp(path, &len);
        total++;
        if (!bytes) {
            fprintf(stderr, "FAIL %s: cannot read\n", line);
            failed++;
            continue;
        }
        struct module *m = NULL;
        struct wisp_result r = dec_module(&a, bytes, len, &m);
        const char *msg = r.message ? r.message : "";
        if (!strcmp(kind, "ok") || !strcmp(kind, "trap")) {
            if (r.kind != WISP_OK) {
                fprintf(stderr, "FAIL %s: %s\n", line, msg);
                failed++;
            } else {
                printf("ok   %-28s %zu bytes, %u functions\n", line, len, m->nfuncs);
            }
        } else if (r.kind != WISP_ERROR || r.error != WISP_ERR_LIMIT || !strstr(msg, expect)) {
            fprintf(stderr, "FAIL %s: expected limit \"%s\", got kind %d error %d: %s\n", line, expect, (int)r.kind,
                    (int)r.error, msg);
            failed++;
        } else {
            printf("ok   %-28s %s\n", line, msg);
        }
        if (m) mod_free(m);
        wisp_result_free(&r);
        free(bytes);
    }
    fclose(mf);
    printf("%d modules, %d failed\n", total, failed);
    return failed || total == 0 ? 1 : 0;
}
