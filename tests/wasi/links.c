/* links: symbolic and hard links that stay inside the sandbox: path_symlink, path_readlink,
 * following or not (lookup flags, O_NOFOLLOW), chains, links to directories, dangling links,
 * path_link with and without SYMLINK_FOLLOW, and removal. Escapes are tests/wasi/escape.c. */
#include <fcntl.h>
#include <unistd.h>

#include "guest.h"

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

static void stat_line(const char *label, __wasi_lookupflags_t flags, const char *path) {
    __wasi_filestat_t st;
    int32_t e = __wasi_path_filestat_get(SANDBOX_FD, flags, path, &st);
    if (e) printf("%s: %s\n", label, errname(e));
    else if (st.filetype == __WASI_FILETYPE_DIRECTORY) printf("%s: directory\n", label);
    else printf("%s: %s, size %llu, nlink %llu\n", label, filetype_name(st.filetype), (unsigned long long)st.size,
                (unsigned long long)st.nlink);
}

static void readlink_line(const char *label, const char *path, size_t bufsize) {
    char buf[256];
    __wasi_size_t n = 0;
    int32_t e = __wasi_path_readlink(SANDBOX_FD, path, (uint8_t *)buf, bufsize, &n);
    if (e) printf("%s: %s\n", label, errname(e));
    else printf("%s: ok, %u bytes [%.*s]\n", label, (unsigned)n, (int)n, buf);
}

static void read_line(const char *label, __wasi_lookupflags_t flags, const char *path) {
    __wasi_fd_t f;
    int32_t e = open_at(SANDBOX_FD, path, flags, 0, __WASI_RIGHTS_FD_READ, 0, &f);
    if (e) {
        printf("%s: %s\n", label, errname(e));
        return;
    }
    char buf[64];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n = 0;
    e = __wasi_fd_read(f, &iov, 1, &n);
    buf[e ? 0 : n] = '\0';
    if (n && buf[n - 1] == '\n') buf[n - 1] = '\0';
    printf("%s: %s [%s]\n", label, errname(e), buf);
    (void)__wasi_fd_close(f);
}

int main(void) {
    int fd = open(SANDBOX "/target.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, "the target\n", 11);
    close(fd);
    show("mkdir d", __wasi_path_create_directory(SANDBOX_FD, "d"));
    fd = open(SANDBOX "/d/inner.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, "inner file\n", 11);
    close(fd);

    puts("-- symlink, readlink");
    show("symlink ln -> target.txt", __wasi_path_symlink("target.txt", SANDBOX_FD, "ln"));
    readlink_line("readlink ln", "ln", 256);
    readlink_line("readlink ln into 6 bytes", "ln", 6);
    readlink_line("readlink a regular file", "target.txt", 256);
    readlink_line("readlink missing", "missing", 256);
    show("symlink onto existing", __wasi_path_symlink("whatever", SANDBOX_FD, "ln"));
    show("symlink in a missing directory", __wasi_path_symlink("x", SANDBOX_FD, "missing/ln"));
    stat_line("stat ln (nofollow)", 0, "ln");
    stat_line("stat ln (follow)", FOLLOW, "ln");
    read_line("read through ln", FOLLOW, "ln");
    read_line("open ln with nofollow", 0, "ln");

    puts("-- chains and directories");
    show("symlink c1 -> c2", __wasi_path_symlink("c2", SANDBOX_FD, "c1"));
    show("symlink c2 -> d/../target.txt", __wasi_path_symlink("d/../target.txt", SANDBOX_FD, "c2"));
    read_line("read through c1", FOLLOW, "c1");
    show("symlink dl -> d", __wasi_path_symlink("d", SANDBOX_FD, "dl"));
    stat_line("stat dl (follow)", FOLLOW, "dl");
    stat_line("stat dl (nofollow)", 0, "dl");
    read_line("read dl/inner.txt", 0, "dl/inner.txt");
    show("symlink d/up -> ../target.txt", __wasi_path_symlink("../target.txt", SANDBOX_FD, "d/up"));
    read_line("read d/up", FOLLOW, "d/up");
    show("symlink d/sib -> ../dl/inner.txt", __wasi_path_symlink("../dl/inner.txt", SANDBOX_FD, "d/sib"));
    read_line("read d/sib", FOLLOW, "d/sib");
    __wasi_fd_t dd;
    show("open dl as a directory", open_at(SANDBOX_FD, "dl", FOLLOW, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, &dd));
    __wasi_filestat_t st;
    show("stat inner.txt relative to it", __wasi_path_filestat_get(dd, 0, "inner.txt", &st));
    show("close it", __wasi_fd_close(dd));
    show("rmdir dl (a symlink)", __wasi_path_remove_directory(SANDBOX_FD, "dl"));

    puts("-- dangling");
    show("symlink dangle -> nothing.txt", __wasi_path_symlink("nothing.txt", SANDBOX_FD, "dangle"));
    stat_line("stat dangle (follow)", FOLLOW, "dangle");
    stat_line("stat dangle (nofollow)", 0, "dangle");
    read_line("read through dangle", FOLLOW, "dangle");

    puts("-- hard links");
    show("link target.txt -> hard", __wasi_path_link(SANDBOX_FD, 0, "target.txt", SANDBOX_FD, "hard"));
    stat_line("stat hard", 0, "hard");
    show("link ln -> lnlink (nofollow: links the symlink)", __wasi_path_link(SANDBOX_FD, 0, "ln", SANDBOX_FD, "lnlink"));
    stat_line("stat lnlink (nofollow)", 0, "lnlink");
    show("link ln -> lnfollow (follow: links the target)",
         __wasi_path_link(SANDBOX_FD, FOLLOW, "ln", SANDBOX_FD, "lnfollow"));
    stat_line("stat lnfollow (nofollow)", 0, "lnfollow");
    stat_line("stat target.txt", 0, "target.txt");

    puts("-- rename and unlink links");
    show("rename ln -> ln2", __wasi_path_rename(SANDBOX_FD, "ln", SANDBOX_FD, "ln2"));
    readlink_line("readlink ln2", "ln2", 256);
    show("unlink ln2", __wasi_path_unlink_file(SANDBOX_FD, "ln2"));
    stat_line("stat ln2 (nofollow)", 0, "ln2");
    stat_line("stat target.txt after unlinking a link to it", 0, "target.txt");
    show("unlink dl (a symlink to a directory)", __wasi_path_unlink_file(SANDBOX_FD, "dl"));
    stat_line("stat d", 0, "d");
    show("unlink dangle", __wasi_path_unlink_file(SANDBOX_FD, "dangle"));

    puts("-- libc");
    yes("libc symlink", symlink("target.txt", SANDBOX "/libc-ln") == 0);
    char buf[64];
    ssize_t n = readlink(SANDBOX "/libc-ln", buf, sizeof buf);
    printf("libc readlink: %d [%.*s]\n", (int)n, n > 0 ? (int)n : 0, buf);
    yes("libc link", link(SANDBOX "/target.txt", SANDBOX "/libc-hard") == 0);
    yes("libc unlink", unlink(SANDBOX "/libc-ln") == 0);
    return 0;
}
