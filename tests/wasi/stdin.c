/* stdin: reads standard input to the end with scattered raw fd_read calls (three iovecs of odd
 * sizes), and prints its size, line count, first and last line and a hash, so a piped or redirected
 * input must arrive complete and in order. */
#include "guest.h"

int main(void) {
    __wasi_fdstat_t st;
    show("fd_fdstat_get stdin", __wasi_fd_fdstat_get(0, &st));
    yes("stdin has FD_READ", (st.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0);

    size_t cap = 1 << 16, len = 0;
    char *data = malloc(cap);
    uint64_t calls = 0;
    for (;;) {
        if (cap - len < 4096) data = realloc(data, cap *= 2);
        size_t room = cap - len;
        __wasi_iovec_t iov[3] = {
            {(uint8_t *)data + len, 7},
            {(uint8_t *)data + len + 7, 1000},
            {(uint8_t *)data + len + 1007, room - 1007},
        };
        __wasi_size_t got = 0;
        int32_t e = __wasi_fd_read(0, iov, 3, &got);
        if (e) {
            show("fd_read stdin", e);
            return 1;
        }
        calls++;
        if (got == 0) break;
        len += got;
    }
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) lines += data[i] == '\n';
    printf("bytes: %zu\nlines: %zu\n", len, lines);
    printf("hash: %016llx\n", (unsigned long long)fnv1a(data, len, FNV_INIT));
    if (len) {
        char *nl = memchr(data, '\n', len);
        printf("first line: [%.*s]\n", (int)((nl ? nl : data + len) - data), data);
        size_t end = data[len - 1] == '\n' ? len - 1 : len, start = end;
        while (start > 0 && data[start - 1] != '\n') start--;
        printf("last line: [%.*s]\n", (int)(end - start), data + start);
    }
    /* After EOF, reading again still says EOF. */
    char c;
    __wasi_iovec_t one = {(uint8_t *)&c, 1};
    __wasi_size_t got = 99;
    show("fd_read after EOF", __wasi_fd_read(0, &one, 1, &got));
    printf("bytes after EOF: %u\n", (unsigned)got);
    free(data);
    return 0;
}
