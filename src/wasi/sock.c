/* sock_accept, sock_recv, sock_send, sock_shutdown on sockets the host handed in (and the
 * connections accepted from them). WASI preview1 cannot create sockets itself. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wasi_internal.h"

#define ARG32(i) ((uint32_t)a[i].of.i32)

static struct wasi_fd *sock_lookup(struct wisp_wasi *w, uint32_t fd, uint64_t rights, uint16_t *err) {
    struct wasi_fd *e = wasi_fd_lookup(w, fd, 0, err);
    if (!e) return NULL;
    if (!e->socket) {
        *err = WASI_ENOTSOCK;
        return NULL;
    }
    if ((e->rights_base & rights) != rights) {
        *err = WASI_ENOTCAPABLE;
        return NULL;
    }
    return e;
}

WASI_IMPL(sock_accept) {
    uint16_t err;
    struct wasi_fd *e = sock_lookup(c->w, ARG32(0), WASI_RIGHT_SOCK_ACCEPT, &err);
    if (!e) return err;
    uint32_t flags = ARG32(1);
    if (flags & ~(uint32_t)WASI_FDFLAG_NONBLOCK) return WASI_EINVAL;
    if (!wasi_mem(c, ARG32(2), 4)) return WASI_EFAULT;
    int lfd = e->host;
    uint64_t inh = e->rights_inh;
    e = NULL; /* the table may move below */
    int64_t slot = wasi_fd_alloc(c->w, &err);
    if (slot < 0) return err;
    int fd;
    do {
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | ((flags & WASI_FDFLAG_NONBLOCK) ? SOCK_NONBLOCK : 0));
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return wasi_errno(errno);
    struct wasi_fd *n = &c->w->fds[slot];
    wasi_fd_init_host(n, fd, true);
    n->rights_base &= inh ? inh : WASI_RIGHTS_SOCKET;
    n->rights_inh = 0;
    wasi_put32(c, ARG32(2), (uint32_t)slot);
    return WASI_ESUCCESS;
}

WASI_IMPL(sock_recv) {
    uint16_t err;
    struct wasi_fd *e = sock_lookup(c->w, ARG32(0), WASI_RIGHT_FD_READ, &err);
    if (!e) return err;
    uint32_t riflags = ARG32(3);
    if (riflags & ~3u) return WASI_EINVAL;
    if (!wasi_mem(c, ARG32(4), 4) || !wasi_mem(c, ARG32(5), 2)) return WASI_EFAULT;
    struct wasi_iovs v;
    err = wasi_iovs_get(c, ARG32(1), ARG32(2), &v);
    if (err) return err;
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = v.iov;
    m.msg_iovlen = (size_t)v.n;
    int fl = ((riflags & 1) ? MSG_PEEK : 0) | ((riflags & 2) ? MSG_WAITALL : 0);
    ssize_t r = recvmsg(e->host, &m, fl);
    int he = errno;
    wasi_iovs_free(c->w, &v);
    if (r < 0) return wasi_errno(he);
    wasi_put32(c, ARG32(4), (uint32_t)r);
    uint8_t *ro = wasi_mem(c, ARG32(5), 2);
    wasi_st16(ro, (m.msg_flags & MSG_TRUNC) ? 1 : 0); /* RECV_DATA_TRUNCATED */
    return WASI_ESUCCESS;
}

WASI_IMPL(sock_send) {
    uint16_t err;
    struct wasi_fd *e = sock_lookup(c->w, ARG32(0), WASI_RIGHT_FD_WRITE, &err);
    if (!e) return err;
    if (ARG32(3) != 0) return WASI_EINVAL; /* siflags has no flags defined */
    if (!wasi_mem(c, ARG32(4), 4)) return WASI_EFAULT;
    struct wasi_iovs v;
    err = wasi_iovs_get(c, ARG32(1), ARG32(2), &v);
    if (err) return err;
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = v.iov;
    m.msg_iovlen = (size_t)v.n;
    ssize_t r = sendmsg(e->host, &m, MSG_NOSIGNAL);
    int he = errno;
    wasi_iovs_free(c->w, &v);
    if (r < 0) return wasi_errno(he);
    wasi_put32(c, ARG32(4), (uint32_t)r);
    return WASI_ESUCCESS;
}

WASI_IMPL(sock_shutdown) {
    uint16_t err;
    struct wasi_fd *e = sock_lookup(c->w, ARG32(0), WASI_RIGHT_SOCK_SHUTDOWN, &err);
    if (!e) return err;
    uint32_t how = ARG32(1);
    int h;
    switch (how) {
    case 1: h = SHUT_RD; break;
    case 2: h = SHUT_WR; break;
    case 3: h = SHUT_RDWR; break;
    default: return WASI_EINVAL;
    }
    return shutdown(e->host, h) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}
