/* args: argv and the environment as the guest sees them, through libc and the raw
 * args_sizes_get/args_get/environ_sizes_get/environ_get calls (sizes must match the contents). */
#include "guest.h"

extern char **environ;

int main(int argc, char **argv) {
    printf("argc: %d\n", argc);
    /* argv[0] is the module as named on the command line; print only its last component. */
    const char *base = strrchr(argv[0], '/');
    printf("argv[0] ends with: %s\n", base ? base + 1 : argv[0]);
    for (int i = 1; i < argc; i++) printf("argv[%d] (%zu bytes): [%s]\n", i, strlen(argv[i]), argv[i]);

    __wasi_size_t n = 0, bytes = 0;
    show("args_sizes_get", __wasi_args_sizes_get(&n, &bytes));
    size_t want = 0;
    for (int i = 0; i < argc; i++) want += strlen(argv[i]) + 1;
    yes("args_sizes_get count matches", n == (__wasi_size_t)argc);
    yes("args_sizes_get bytes match", bytes == want);
    uint8_t **ptrs = calloc(n + 1, sizeof *ptrs);
    uint8_t *buf = malloc(bytes + 1);
    show("args_get", __wasi_args_get(ptrs, buf));
    int same = 1;
    for (__wasi_size_t i = 0; i < n; i++) same &= strcmp((char *)ptrs[i], argv[i]) == 0;
    yes("args_get matches argv", same);
    free(ptrs);
    free(buf);

    size_t envc = 0;
    for (char **e = environ; *e; e++) printf("env[%zu]: [%s]\n", envc++, *e);
    show("environ_sizes_get", __wasi_environ_sizes_get(&n, &bytes));
    want = 0;
    for (size_t i = 0; i < envc; i++) want += strlen(environ[i]) + 1;
    yes("environ_sizes_get count matches", n == envc);
    yes("environ_sizes_get bytes match", bytes == want);
    ptrs = calloc(n + 1, sizeof *ptrs);
    buf = malloc(bytes + 1);
    show("environ_get", __wasi_environ_get(ptrs, buf));
    same = 1;
    for (__wasi_size_t i = 0; i < n; i++) same &= strcmp((char *)ptrs[i], environ[i]) == 0;
    yes("environ_get matches environ", same);
    free(ptrs);
    free(buf);

    const char *h = getenv("FROM_HOST");
    printf("getenv FROM_HOST: %s\n", h ? h : "(unset)");
    const char *u = getenv("NOT_PASSED");
    printf("getenv NOT_PASSED: %s\n", u ? u : "(unset)");
    return 0;
}
