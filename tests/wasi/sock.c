/* sock: the sock_* calls. `sock` alone has no socket: on stdio, the preopen, a file and fds never
 * opened they must fail with ENOTSOCK or EBADF. `sock host STREAM LISTENER` is run by
 * tests/wasi/sock_host.c, which hands in a connected stream socket (the host already wrote "ping"
 * and shut down its writing side) and a listening TCP socket with one client waiting. */
#include "guest.h"

static void no_sockets(void) {
    static const struct {
        const char *name;
        __wasi_fd_t fd;
    } fds[] = {{"stdin", 0}, {"stdout", 1}, {"the preopen", SANDBOX_FD}, {"a file", 0}, {"fd 4242", 4242}};
    __wasi_fd_t file;
    show("create a file", open_at(SANDBOX_FD, "f.txt", 0, __WASI_OFLAGS_CREAT, ALL_RIGHTS, 0, &file));
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
        __wasi_fd_t fd = strcmp(fds[i].name, "a file") == 0 ? file : fds[i].fd;
        char label[64], buf[8];
        __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
        __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
        __wasi_size_t n;
        __wasi_roflags_t ro;
        __wasi_fd_t acc;
        snprintf(label, sizeof label, "sock_recv on %s", fds[i].name);
        show(label, __wasi_sock_recv(fd, &iov, 1, 0, &n, &ro));
        snprintf(label, sizeof label, "sock_send on %s", fds[i].name);
        show(label, __wasi_sock_send(fd, &ciov, 1, 0, &n));
        snprintf(label, sizeof label, "sock_shutdown on %s", fds[i].name);
        show(label, __wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR));
        snprintf(label, sizeof label, "sock_accept on %s", fds[i].name);
        show(label, __wasi_sock_accept(fd, 0, &acc));
    }
    show("close the file", __wasi_fd_close(file));
}

static void with_sockets(__wasi_fd_t s, __wasi_fd_t l) {
    __wasi_fdstat_t st;
    show("fdstat stream", __wasi_fd_fdstat_get(s, &st));
    printf("stream filetype: %s\n", filetype_name(st.fs_filetype));
    show("fdstat listener", __wasi_fd_fdstat_get(l, &st));
    printf("listener filetype: %s\n", filetype_name(st.fs_filetype));

    puts("-- the connected stream");
    char buf[64];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 0;
    __wasi_roflags_t ro = 0;
    show("sock_recv peek", __wasi_sock_recv(s, &iov, 1, __WASI_RIFLAGS_RECV_PEEK, &n, &ro));
    printf("peeked: [%.*s]\n", (int)n, buf);
    /* Two iovecs of two bytes each, all the data (waitall). */
    char a[2], b[2];
    __wasi_iovec_t two[2] = {{(uint8_t *)a, 2}, {(uint8_t *)b, 2}};
    show("sock_recv waitall", __wasi_sock_recv(s, two, 2, __WASI_RIFLAGS_RECV_WAITALL, &n, &ro));
    printf("received: %u [%.2s%.2s]\n", (unsigned)n, a, b);
    show("sock_recv at end of stream", __wasi_sock_recv(s, &iov, 1, 0, &n, &ro));
    printf("received at the end: %u\n", (unsigned)n);
    show("sock_recv bad flags", __wasi_sock_recv(s, &iov, 1, 0x100, &n, &ro));
    __wasi_ciovec_t out[2] = {{(const uint8_t *)"po", 2}, {(const uint8_t *)"ng\n", 3}};
    show("sock_send", __wasi_sock_send(s, out, 2, 0, &n));
    printf("sent: %u\n", (unsigned)n);
    __wasi_ciovec_t more = {(const uint8_t *)"via fd_write\n", 13};
    show("fd_write on the socket", __wasi_fd_write(s, &more, 1, &n));
    show("sock_send bad flags", __wasi_sock_send(s, out, 2, 7, &n));
    show("sock_shutdown bad flags", __wasi_sock_shutdown(s, 0x10));
    show("sock_shutdown write", __wasi_sock_shutdown(s, __WASI_SDFLAGS_WR));
    show("sock_send after shutdown", __wasi_sock_send(s, out, 1, 0, &n));
    __wasi_fd_t none;
    show("sock_accept on a stream", __wasi_sock_accept(s, 0, &none));
    show("fd_seek on a socket", __wasi_fd_seek(s, 0, __WASI_WHENCE_CUR, &(__wasi_filesize_t){0}));

    puts("-- the listener");
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 1;
    sub.u.tag = __WASI_EVENTTYPE_FD_READ;
    sub.u.u.fd_read.file_descriptor = l;
    __wasi_event_t ev;
    show("poll the listener", __wasi_poll_oneoff(&sub, &ev, 1, &n));
    printf("listener event: %u, type %u, error %s\n", (unsigned)n, (unsigned)ev.type, errname(ev.error));
    __wasi_fd_t c;
    show("sock_accept", __wasi_sock_accept(l, 0, &c));
    show("fdstat accepted", __wasi_fd_fdstat_get(c, &st));
    printf("accepted filetype: %s\n", filetype_name(st.fs_filetype));
    __wasi_ciovec_t hello = {(const uint8_t *)"hello from the guest\n", 21};
    show("sock_send on the accepted socket", __wasi_sock_send(c, &hello, 1, 0, &n));
    show("close the accepted socket", __wasi_fd_close(c));
    /* sock_accept's flags are the new socket's; a listener made nonblocking does not wait. */
    show("make the listener nonblocking", __wasi_fd_fdstat_set_flags(l, __WASI_FDFLAGS_NONBLOCK));
    show("sock_accept, nobody waiting", __wasi_sock_accept(l, __WASI_FDFLAGS_NONBLOCK, &c));
    show("sock_accept bad flags", __wasi_sock_accept(l, __WASI_FDFLAGS_APPEND, &c));
    sub.u.tag = __WASI_EVENTTYPE_FD_READ;
    __wasi_subscription_t subs[2] = {sub, sub};
    subs[1].userdata = 2;
    subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[1].u.u.clock.timeout = 50000000;
    __wasi_event_t evs[2];
    show("poll the idle listener with a 50 ms clock", __wasi_poll_oneoff(subs, evs, 2, &n));
    printf("events: %u, first userdata %llu\n", (unsigned)n, (unsigned long long)evs[0].userdata);
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "host") == 0) with_sockets((__wasi_fd_t)atoi(argv[2]), (__wasi_fd_t)atoi(argv[3]));
    else no_sockets();
    return 0;
}
