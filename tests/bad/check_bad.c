/* Loads every hostile binary listed in expected.txt (argv[1]) from the directory argv[2] as the
 * engine does (dec_module, then val_module, which decodes the bodies' code) and checks the
 * outcome: an error (never OK), the expected substring, a one-line message, and the error code
 * that matches it (implementation limits are WISP_ERR_LIMIT, the rest malformed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/result.h"
#include "decode/decode.h"
#include "validate/validate.h"

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
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
    if (argc != 3) {
        fprintf(stderr, "usage: check_bad expected.txt DIR\n");
        return 2;
    }
    FILE *ex = fopen(argv[1], "r");
    if (!ex) {
        perror(argv[1]);
        return 2;
    }
    struct wisp_allocator a = {base_default_alloc, NULL};
    char line[1024];
    int total = 0, failed = 0;
    while (fgets(line, sizeof line, ex)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "bad line in %s: %s\n", argv[1], line);
            failed++;
            continue;
        }
        *tab = 0;
        const char *file = line, *want = tab + 1;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[2], file);
        size_t len = 0;
        unsigned char *bytes = slurp(path, &len);
        total++;
        if (!bytes) {
            fprintf(stderr, "FAIL %s: cannot read %s\n", file, path);
            failed++;
            continue;
        }
        struct module *m = NULL;
        struct wisp_result r = dec_module(&a, bytes, len, &m);
        bool decoded = r.kind == WISP_OK;
        if (decoded) { /* body code is the validator's to decode */
            r = val_module(m, NULL);
            mod_free(m);
            m = NULL;
        }
        const char *msg = r.message ? r.message : "";
        bool limit = strstr(want, "implementation limit") != NULL;
        if (r.kind == WISP_OK) {
            fprintf(stderr, "FAIL %s: loaded without error\n", file);
            failed++;
        } else if (r.kind != WISP_ERROR || !strstr(msg, want) || strchr(msg, '\n') || m != NULL ||
                   r.error != (limit ? WISP_ERR_LIMIT : WISP_ERR_MALFORMED)) {
            fprintf(stderr, "FAIL %s: expected \"%s\", got kind %d error %d: %s\n", file, want, (int)r.kind,
                    (int)r.error, msg);
            failed++;
        } else {
            printf("ok   %-32s %s%s\n", file, decoded ? "(validator) " : "", msg);
        }
        wisp_result_free(&r);
        free(bytes);
    }
    fclose(ex);
    printf("%d files, %d failed\n", total, failed);
    return failed || total < 25 ? 1 : 0;
}
