/* A main() for the fuzz targets in builds without libFuzzer (any compiler): runs
 * LLVMFuzzerTestOneInput once on each file named, or on each file of each directory named, so
 * that the regression inputs run through every target in the ordinary test suite. A finding
 * aborts, as under libFuzzer. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", path);
            fclose(f);
            return 1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        uint8_t *nb = realloc(buf, cap * 2);
        if (!nb) free(buf);
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    /* An exact-size copy, so that AddressSanitizer sees reads past the input. */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    if (n) memcpy(exact, buf, n);
    free(buf);
    fprintf(stderr, "replay %s (%zu bytes)\n", path, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

int main(int argc, char **argv) {
    int failures = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            failures++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            failures += run_file(argv[i]);
            files++;
            continue;
        }
        struct dirent **list;
        int n = scandir(argv[i], &list, NULL, alphasort);
        if (n < 0) {
            perror(argv[i]);
            failures++;
            continue;
        }
        for (int k = 0; k < n; k++) {
            if (list[k]->d_name[0] != '.') {
                size_t len = strlen(argv[i]) + strlen(list[k]->d_name) + 2;
                char *p = malloc(len);
                if (p) {
                    snprintf(p, len, "%s/%s", argv[i], list[k]->d_name);
                    failures += run_file(p);
                    files++;
                    free(p);
                }
            }
            free(list[k]);
        }
        free(list);
    }
    fprintf(stderr, "%d inputs replayed, %d could not be read\n", files, failures);
    return failures ? 1 : 0;
}
