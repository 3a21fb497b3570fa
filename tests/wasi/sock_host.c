/* sock_host: an embedder that hands real sockets to a WASI guest (tests/wasi/sock.c in "host"
 * mode): a connected AF_UNIX stream pair and a listening TCP socket on 127.0.0.1 with one client
 * already connected. It captures the guest's stdout through the API, prints it, then prints what
 * the guest sent on each socket.  Usage: sock_host GUEST.wasm  (exit status: the guest's) */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "wisp.h"
#include "wisp_wasi.h"

static int fail(const char *what, struct wisp_result *r) {
    fprintf(stderr, "sock_host: %s: %s\n", what, r && r->message ? r->message : "failed");
    if (r) wisp_result_free(r);
    return 1;
}

/* Reads until end of stream (or 4 KiB, or 5 s of silence) and prints it on one line, newlines
 * as \n. */
static void drain(const char *label, int fd) {
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    size_t n = 0;
    ssize_t got;
    while (n < sizeof buf && (got = read(fd, buf + n, sizeof buf - n)) > 0) n += (size_t)got;
    printf("%s: [", label);
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n') fputs("\\n", stdout);
        else putchar(buf[i]);
    }
    printf("]\n");
}

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0;
    unsigned char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb) free(b);
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: sock_host GUEST.wasm\n");
        return 2;
    }
    size_t len = 0;
    unsigned char *bytes = read_file(argv[1], &len);
    if (!bytes) return fail("cannot read the guest", NULL);

    /* The stream: the host end says "ping" and closes its writing side. */
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return fail("socketpair", NULL);
    if (write(sv[0], "ping", 4) != 4 || shutdown(sv[0], SHUT_WR) != 0) return fail("write ping", NULL);

    /* The listener, on a loopback port the kernel picks, with one client in its backlog. */
    int lst = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof addr;
    if (lst < 0 || bind(lst, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lst, 4) != 0 ||
        getsockname(lst, (struct sockaddr *)&addr, &alen) != 0)
        return fail("listen on 127.0.0.1", NULL);
    int client = socket(AF_INET, SOCK_STREAM, 0);
    if (client < 0 || connect(client, (struct sockaddr *)&addr, sizeof addr) != 0) return fail("connect", NULL);

    struct wisp_engine *engine = wisp_engine_new(NULL);
    struct wisp_wasi *wasi = engine ? wisp_wasi_new(engine) : NULL;
    if (!wasi) return fail("out of memory", NULL);
    uint32_t gs = 0, gl = 0;
    struct wisp_result r = wisp_wasi_add_socket(wasi, sv[1], &gs);
    if (r.kind != WISP_OK) return fail("wisp_wasi_add_socket (stream)", &r);
    r = wisp_wasi_add_socket(wasi, lst, &gl);
    if (r.kind != WISP_OK) return fail("wisp_wasi_add_socket (listener)", &r);
    char s1[16], s2[16];
    snprintf(s1, sizeof s1, "%u", (unsigned)gs);
    snprintf(s2, sizeof s2, "%u", (unsigned)gl);
    const char *gargv[] = {"sock.wasm", "host", s1, s2};
    r = wisp_wasi_set_args(wasi, 4, gargv);
    if (r.kind != WISP_OK) return fail("wisp_wasi_set_args", &r);
    r = wisp_wasi_capture_output(wasi, 1);
    if (r.kind != WISP_OK) return fail("wisp_wasi_capture_output", &r);
    /* Bad handovers are refused: a closed fd, and guest stdio beyond 2. */
    uint32_t dummy;
    r = wisp_wasi_add_socket(wasi, 987654, &dummy);
    printf("add_socket of a closed fd: %s\n", r.kind == WISP_OK ? "accepted (wrong)" : "refused");
    wisp_result_free(&r);
    r = wisp_wasi_set_stdio_fd(wasi, 3, 1);
    printf("set_stdio_fd 3: %s\n", r.kind == WISP_OK ? "accepted (wrong)" : "refused");
    wisp_result_free(&r);

    struct wisp_module *mod = NULL;
    r = wisp_module_new(engine, bytes, len, &mod);
    free(bytes);
    if (r.kind != WISP_OK) return fail("wisp_module_new", &r);
    struct wisp_store *store = wisp_store_new(engine);
    struct wisp_linker *linker = store ? wisp_linker_new(store) : NULL;
    if (!linker) return fail("out of memory", NULL);
    r = wisp_wasi_define(wasi, linker);
    if (r.kind != WISP_OK) return fail("wisp_wasi_define", &r);
    struct wisp_instance *inst = NULL;
    r = wisp_linker_instantiate(linker, mod, &inst);
    if (r.kind != WISP_OK) return fail("instantiate", &r);
    r = wisp_instance_call(inst, "_start", NULL, 0, NULL, 0);
    int status = 0;
    if (r.kind == WISP_EXIT) status = r.exit_code;
    else if (r.kind != WISP_OK) return fail("_start", &r);
    wisp_result_free(&r);

    size_t outlen = 0;
    const uint8_t *out = wisp_wasi_output(wasi, 1, &outlen);
    printf("-- guest stdout (captured, %s)\n", out || outlen == 0 ? "ok" : "missing");
    if (out) fwrite(out, 1, outlen, stdout);
    printf("-- host side\n");
    drain("host received on the stream", sv[0]);
    drain("host received on the accepted connection", client);
    fflush(stdout);

    wisp_linker_free(linker);
    wisp_store_free(store);
    wisp_wasi_free(wasi);
    wisp_module_free(mod);
    wisp_engine_free(engine);
    close(sv[0]);
    close(sv[1]);
    close(lst);
    close(client);
    return status;
}
