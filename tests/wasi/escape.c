/* escape: every way out of the preopen we know of must fail with the right errno and touch nothing
 * outside: `..` chains, absolute paths, symlinks inside the sandbox pointing outside (relative,
 * absolute, to directories, dangling, chained), symlink loops, NUL bytes in paths, 64 KiB paths,
 * and fds never opened. The case's setup makes the links (cases/escape.sh); the driver checks that
 * nothing outside changed and the sentinel's contents never show up in the output.
 * `escape race` instead opens sandbox/race/file.txt in a loop for two seconds while the host swaps sandbox/race
 * between a real directory and a symlink to outside (cases/escape_race.sh). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "guest.h"

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define LIT(s) s, sizeof(s) - 1 /* a literal path and its length (which may include NULs) */
#define R_READ (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET)

/* Tries to open and read a path; a success prints what was read, which the driver will catch if
 * it came from outside. */
static void try_read(const char *label, __wasi_lookupflags_t flags, const char *path, size_t len) {
    __wasi_fd_t f = (__wasi_fd_t)-1;
    __wasi_fdstat_t dst;
    __wasi_rights_t inh = __wasi_fd_fdstat_get(SANDBOX_FD, &dst) == 0 ? dst.fs_rights_inheriting : ALL_RIGHTS;
    int32_t e = raw_path_open(SANDBOX_FD, (int32_t)flags, path, len, 0, (int64_t)(R_READ & inh), 0, 0, &f);
    if (e) {
        printf("%s: %s\n", label, errname(e));
        fflush(stdout);
        return;
    }
    char buf[64];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n = 0;
    e = __wasi_fd_read(f, &iov, 1, &n);
    buf[e ? 0 : n] = '\0';
    for (char *p = buf; *p; p++)
        if (*p == '\n') *p = ' ';
    printf("%s: ok, read [%s]\n", label, buf);
    fflush(stdout);
    (void)__wasi_fd_close(f);
}

static void try_open_dir(const char *label, const char *path) {
    __wasi_fd_t d;
    int32_t e = open_at(SANDBOX_FD, path, FOLLOW, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, &d);
    if (e == 0) {
        char buf[512];
        __wasi_size_t used = 0;
        int32_t r = __wasi_fd_readdir(d, (uint8_t *)buf, sizeof buf, 0, &used);
        printf("%s: ok, readdir %s\n", label, errname(r));
        (void)__wasi_fd_close(d);
    } else {
        printf("%s: %s\n", label, errname(e));
    }
    fflush(stdout);
}

static void try_create(const char *label, const char *path, __wasi_oflags_t oflags) {
    __wasi_fd_t f;
    int32_t e = open_at(SANDBOX_FD, path, FOLLOW, oflags, __WASI_RIGHTS_FD_WRITE, 0, &f);
    if (e == 0) {
        __wasi_ciovec_t iov = {(const uint8_t *)"escaped\n", 8};
        __wasi_size_t n;
        (void)__wasi_fd_write(f, &iov, 1, &n);
        (void)__wasi_fd_close(f);
    }
    show(label, e);
}

static void stat_line(const char *label, __wasi_lookupflags_t flags, const char *path) {
    __wasi_filestat_t st;
    int32_t e = __wasi_path_filestat_get(SANDBOX_FD, flags, path, &st);
    if (e) printf("%s: %s\n", label, errname(e));
    else printf("%s: ok, %s\n", label, filetype_name(st.filetype));
    fflush(stdout);
}

static void dotdot(void) {
    puts("-- .. chains");
    try_read("../outside/sentinel.txt", 0, LIT("../outside/sentinel.txt"));
    try_read("sub/../../outside/sentinel.txt", 0, LIT("sub/../../outside/sentinel.txt"));
    try_read("sub/deeper/../../../outside/sentinel.txt", 0, LIT("sub/deeper/../../../outside/sentinel.txt"));
    try_read("./../outside/sentinel.txt", 0, LIT("./../outside/sentinel.txt"));
    try_read("sub/./.././../outside/sentinel.txt", 0, LIT("sub/./.././../outside/sentinel.txt"));
    try_read("sub/../sub/../../sandbox/sub/file.txt (out and back in)", 0, LIT("sub/../sub/../../sandbox/sub/file.txt"));
    try_read("sub/deeper/../../sub/file.txt (stays inside)", 0, LIT("sub/deeper/../../sub/file.txt"));
    try_open_dir("open ..", "..");
    try_open_dir("open sub/../..", "sub/../..");
    try_open_dir("open . (the preopen itself)", ".");
    stat_line("stat ../outside/sentinel.txt", 0, "../outside/sentinel.txt");
    stat_line("stat ..", 0, "..");
}

static void absolute(void) {
    puts("-- absolute paths");
    try_read("/etc/passwd", 0, LIT("/etc/passwd"));
    try_read("/sandbox/sub/file.txt (the guest name, absolute)", 0, LIT("/sandbox/sub/file.txt"));
    try_open_dir("open /", "/");
    stat_line("stat /etc", FOLLOW, "/etc");
    stat_line("stat //etc", FOLLOW, "//etc");
}

static void symlinks(void) {
    puts("-- symlinks pointing outside");
    try_read("up -> ../outside/sentinel.txt", FOLLOW, LIT("up"));
    try_read("abs -> /ABSOLUTE/outside/sentinel.txt", FOLLOW, LIT("abs"));
    try_read("updir/outside/sentinel.txt (updir -> ..)", 0, LIT("updir/outside/sentinel.txt"));
    try_read("updir/outside/sentinel.txt, following", FOLLOW, LIT("updir/outside/sentinel.txt"));
    try_read("root/etc/passwd (root -> /)", FOLLOW, LIT("root/etc/passwd"));
    try_read("etc/passwd (etc -> /etc)", FOLLOW, LIT("etc/passwd"));
    try_read("sub/deep/sentinel.txt (sub/deep -> ../../outside)", FOLLOW, LIT("sub/deep/sentinel.txt"));
    try_read("indirect -> sub/../up", FOLLOW, LIT("indirect"));
    try_read("sub/ok -> file.txt (inside)", FOLLOW, LIT("sub/ok"));
    try_read("up without following", 0, LIT("up"));
    try_open_dir("open outdir (outdir -> /ABSOLUTE/outside/dir)", "outdir");
    try_open_dir("open updir", "updir");
    stat_line("stat up (follow)", FOLLOW, "up");
    stat_line("stat up (nofollow)", 0, "up");
    stat_line("stat abs (follow)", FOLLOW, "abs");
    stat_line("stat outdir/keep.txt", 0, "outdir/keep.txt");
    char buf[128];
    __wasi_size_t n = 0;
    int32_t e = __wasi_path_readlink(SANDBOX_FD, "up", (uint8_t *)buf, sizeof buf, &n);
    printf("readlink up: %s [%.*s]\n", errname(e), e ? 0 : (int)n, buf);
    e = __wasi_path_readlink(SANDBOX_FD, "updir/outside/dir", (uint8_t *)buf, sizeof buf, &n);
    printf("readlink updir/outside/dir: %s\n", errname(e));
    e = __wasi_path_readlink(SANDBOX_FD, "../outside/dir", (uint8_t *)buf, sizeof buf, &n);
    printf("readlink ../outside/dir: %s\n", errname(e));

    puts("-- symlink loops");
    try_read("loop1 -> loop2 -> loop1", FOLLOW, LIT("loop1"));
    try_read("self -> self", FOLLOW, LIT("self"));
    try_read("loop1/x", FOLLOW, LIT("loop1/x"));
    stat_line("stat loop1 (follow)", FOLLOW, "loop1");
    stat_line("stat loop1 (nofollow)", 0, "loop1");
}

static void writes(void) {
    puts("-- creating, changing and removing outside");
    try_create("create ../evil.txt", "../evil.txt", __WASI_OFLAGS_CREAT);
    try_create("create through dangle -> ../outside/new.txt", "dangle", __WASI_OFLAGS_CREAT);
    try_create("create through dangle_abs -> /ABSOLUTE/outside/new-abs.txt", "dangle_abs", __WASI_OFLAGS_CREAT);
    try_create("truncate through up", "up", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC);
    try_create("create updir/evil.txt", "updir/evil.txt", __WASI_OFLAGS_CREAT);
    try_create("create outdir/evil.txt", "outdir/evil.txt", __WASI_OFLAGS_CREAT);
    try_create("create /tmp/evil.txt", "/tmp/evil.txt", __WASI_OFLAGS_CREAT);
    show("mkdir ../evil", __wasi_path_create_directory(SANDBOX_FD, "../evil"));
    show("mkdir updir/evil", __wasi_path_create_directory(SANDBOX_FD, "updir/evil"));
    show("mkdir outdir/evil", __wasi_path_create_directory(SANDBOX_FD, "outdir/evil"));
    show("mkdir /tmp/evil", __wasi_path_create_directory(SANDBOX_FD, "/tmp/evil"));
    show("symlink at ../evil-link", __wasi_path_symlink("x", SANDBOX_FD, "../evil-link"));
    show("symlink at updir/evil-link", __wasi_path_symlink("x", SANDBOX_FD, "updir/evil-link"));
    show("rename sub/file.txt -> ../stolen.txt", __wasi_path_rename(SANDBOX_FD, "sub/file.txt", SANDBOX_FD,
                                                                    "../stolen.txt"));
    show("rename ../outside/sentinel.txt -> stolen.txt",
         __wasi_path_rename(SANDBOX_FD, "../outside/sentinel.txt", SANDBOX_FD, "stolen.txt"));
    show("rename outdir/keep.txt -> stolen.txt", __wasi_path_rename(SANDBOX_FD, "outdir/keep.txt", SANDBOX_FD,
                                                                    "stolen.txt"));
    show("rename sub/file.txt -> outdir/stolen.txt",
         __wasi_path_rename(SANDBOX_FD, "sub/file.txt", SANDBOX_FD, "outdir/stolen.txt"));
    show("link ../outside/sentinel.txt -> hard", __wasi_path_link(SANDBOX_FD, 0, "../outside/sentinel.txt",
                                                                  SANDBOX_FD, "hard"));
    show("link up (follow) -> hard", __wasi_path_link(SANDBOX_FD, FOLLOW, "up", SANDBOX_FD, "hard"));
    show("link outdir/keep.txt -> hard", __wasi_path_link(SANDBOX_FD, 0, "outdir/keep.txt", SANDBOX_FD, "hard"));
    show("link sub/file.txt -> ../evil-hard", __wasi_path_link(SANDBOX_FD, 0, "sub/file.txt", SANDBOX_FD,
                                                               "../evil-hard"));
    show("link sub/file.txt -> outdir/evil-hard", __wasi_path_link(SANDBOX_FD, 0, "sub/file.txt", SANDBOX_FD,
                                                                   "outdir/evil-hard"));
    show("unlink ../outside/sentinel.txt", __wasi_path_unlink_file(SANDBOX_FD, "../outside/sentinel.txt"));
    show("unlink outdir/keep.txt", __wasi_path_unlink_file(SANDBOX_FD, "outdir/keep.txt"));
    show("unlink sub/deep/sentinel.txt", __wasi_path_unlink_file(SANDBOX_FD, "sub/deep/sentinel.txt"));
    show("rmdir ../outside/dir", __wasi_path_remove_directory(SANDBOX_FD, "../outside/dir"));
    show("rmdir updir/outside/dir", __wasi_path_remove_directory(SANDBOX_FD, "updir/outside/dir"));
    show("rmdir outdir (a symlink)", __wasi_path_remove_directory(SANDBOX_FD, "outdir"));
    show("set times of ../outside/sentinel.txt", __wasi_path_filestat_set_times(
                                                     SANDBOX_FD, 0, "../outside/sentinel.txt", 0, 0,
                                                     __WASI_FSTFLAGS_MTIM_NOW | __WASI_FSTFLAGS_ATIM_NOW));
    show("set times through up (follow)",
         __wasi_path_filestat_set_times(SANDBOX_FD, FOLLOW, "up", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    show("set times through outdir/keep.txt",
         __wasi_path_filestat_set_times(SANDBOX_FD, FOLLOW, "outdir/keep.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    /* Removing the link itself is fine: it is inside. The file it points to stays. */
    show("unlink the link up itself", __wasi_path_unlink_file(SANDBOX_FD, "up"));
}

static void bad_paths(void) {
    puts("-- NUL bytes and huge paths");
    try_read("sub/file.txt NUL ../../outside/sentinel.txt", 0, LIT("sub/file.txt\0../../outside/sentinel.txt"));
    try_read("sub/file.txt NUL (trailing)", 0, LIT("sub/file.txt\0"));
    try_read("NUL sub/file.txt (leading)", 0, LIT("\0sub/file.txt"));
    __wasi_fd_t f;
    show("create a NUL b", raw_path_open(SANDBOX_FD, 0, LIT("a\0b"), __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0,
                                         0, &f));
    show("mkdir x NUL y", raw_path_create_directory(SANDBOX_FD, LIT("x\0y")));
    show("unlink sub/file.txt NUL x", raw_path_unlink_file(SANDBOX_FD, LIT("sub/file.txt\0x")));
    __wasi_filestat_t st;
    show("stat sub NUL /file.txt", raw_path_filestat_get(SANDBOX_FD, 0, LIT("sub\0/file.txt"), &st));

    size_t big = 64 * 1024;
    char *p = malloc(big + 1);
    memset(p, 'a', big);
    try_read("one 64 KiB component", 0, p, big);
    for (size_t i = 0; i + 4 <= big; i += 4) memcpy(p + i, "sub/", 4);
    try_read("sub/sub/... 64 KiB", 0, p, big);
    for (size_t i = 0; i + 3 <= big; i += 3) memcpy(p + i, "../", 3);
    try_read("../../... 64 KiB", 0, p, big - big % 3);
    for (size_t i = 0; i + 2 <= big; i += 2) memcpy(p + i, "./", 2);
    memcpy(p + big - 12, "sub/file.txt", 12);
    try_read("./././... 64 KiB then sub/file.txt", 0, p, big);
    show("mkdir 64 KiB", raw_path_create_directory(SANDBOX_FD, p, big));
    /* One byte past 64 KiB is past wisp's limit on a guest path, even for a path that would be
     * fine: ./././...sub//file.txt. */
    char *q = malloc(big + 1);
    memcpy(q, p, big - 12);
    memcpy(q + big - 12, "sub//file.txt", 13);
    try_read("64 KiB + 1 byte (./././...sub//file.txt)", 0, q, big + 1);
    free(q);
    free(p);
    /* 4 GiB - 1 bytes: far past the end of linear memory. */
    show("path length 0xffffffff", raw_path_open(SANDBOX_FD, 0, "sub", 0xffffffffu, 0, R_READ, 0, 0, &f));
}

static void bad_fds(void) {
    puts("-- fds never opened");
    char buf[16];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    __wasi_filesize_t pos;
    __wasi_fd_t f;
    __wasi_filestat_t st;
    __wasi_fdstat_t fst;
    show("fd_read 99", __wasi_fd_read(99, &iov, 1, &n));
    show("fd_write 12345", __wasi_fd_write(12345, &ciov, 1, &n));
    show("fd_pread 4", __wasi_fd_pread(4, &iov, 1, 0, &n));
    show("fd_seek 0xffffffff", __wasi_fd_seek(0xffffffffu, 0, __WASI_WHENCE_SET, &pos));
    show("fd_close 0x7fffffff", __wasi_fd_close(0x7fffffff));
    show("fd_fdstat_get 5", __wasi_fd_fdstat_get(5, &fst));
    show("fd_filestat_get 6", __wasi_fd_filestat_get(6, &st));
    show("path_open at fd 4", open_at(4, "sub/file.txt", 0, 0, R_READ, 0, &f));
    show("path_filestat_get at fd 1000", __wasi_path_filestat_get(1000, 0, "sub", &st));
    show("path_create_directory at fd 8", __wasi_path_create_directory(8, "x"));
    show("path_rename from fd 9", __wasi_path_rename(9, "a", SANDBOX_FD, "b"));
    show("path_rename to fd 9", __wasi_path_rename(SANDBOX_FD, "sub/file.txt", 9, "b"));
    show("path_link to fd 10", __wasi_path_link(SANDBOX_FD, 0, "sub/file.txt", 10, "b"));
    show("path_symlink at fd 11", __wasi_path_symlink("x", 11, "b"));
    show("fd_renumber 3 -> 77 (never opened)", __wasi_fd_renumber(SANDBOX_FD, 77));
    yes("libc read(99) sets EBADF", read(99, buf, 1) < 0 && errno == EBADF);

    puts("-- closing the preopen");
    show("close 3", __wasi_fd_close(SANDBOX_FD));
    show("path_open at the closed preopen", open_at(SANDBOX_FD, "sub/file.txt", 0, 0, R_READ, 0, &f));
    __wasi_prestat_t ps;
    show("prestat_get 3 after close", __wasi_fd_prestat_get(SANDBOX_FD, &ps));
}

/* Opens race/file.txt over and over for two seconds while the host swaps race between a directory inside and a
 * symlink to a directory outside. Anything read that is not "inside" is printed (and the driver
 * then finds the sentinel in the output). */
static int race(void) {
    int ok = 0, refused = 0, escaped = 0, created = 0;
    __wasi_timestamp_t start = 0, now = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &start);
    now = start;
    /* Two seconds of attempts, at most 100000. */
    for (int i = 0; i < 100000 && now - start < 2000000000ULL; i++) {
        (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now);
        __wasi_fd_t f;
        int32_t e = open_at(SANDBOX_FD, "race/file.txt", FOLLOW, 0, R_READ, 0, &f);
        if (e == 0) {
            char buf[64];
            __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
            __wasi_size_t n = 0;
            e = __wasi_fd_read(f, &iov, 1, &n);
            buf[e ? 0 : n] = '\0';
            (void)__wasi_fd_close(f);
            if (strcmp(buf, "inside\n") == 0) ok++;
            else if (escaped++ < 3) printf("ESCAPED: read [%s]\n", buf);
        } else {
            refused++;
        }
        /* Creating beneath it must never land outside either. */
        if (i % 8 == 0) {
            e = open_at(SANDBOX_FD, "race/created.txt", FOLLOW, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, &f);
            if (e == 0) {
                created++;
                (void)__wasi_fd_close(f);
                (void)__wasi_path_unlink_file(SANDBOX_FD, "race/created.txt");
            }
        }
    }
    printf("race: escaped %d times\n", escaped);
    printf("race: some opens succeeded: %s\n", ok > 0 ? "yes" : "no");
    (void)refused;
    (void)created;
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "race") == 0) return race();
    dotdot();
    absolute();
    symlinks();
    writes();
    bad_paths();
    bad_fds();
    return 0;
}
