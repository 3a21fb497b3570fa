/* files: regular files beneath the preopen: create, write, read, seek, tell, pread/pwrite, truncate
 * and extend, allocate, advise, sync, append mode, rights, open errors, rename, link, unlink and
 * renumber, mostly through the raw __wasi_* calls so each errno shows. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "guest.h"

static int32_t wr(__wasi_fd_t fd, const char *s, __wasi_size_t *n) {
    __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
    return __wasi_fd_write(fd, &iov, 1, n);
}

static int32_t rd(__wasi_fd_t fd, char *buf, size_t cap, __wasi_size_t *n) {
    __wasi_iovec_t iov = {(uint8_t *)buf, cap};
    int32_t e = __wasi_fd_read(fd, &iov, 1, n);
    buf[e ? 0 : *n] = '\0';
    return e;
}

static uint64_t size_of(__wasi_fd_t fd) {
    __wasi_filestat_t st;
    return __wasi_fd_filestat_get(fd, &st) ? (uint64_t)-1 : st.size;
}

static void show_seek(const char *label, __wasi_fd_t fd, int64_t off, __wasi_whence_t whence) {
    __wasi_filesize_t pos = 0;
    int32_t e = __wasi_fd_seek(fd, off, whence, &pos);
    if (e) show(label, e);
    else printf("%s: ok, position %llu\n", label, (unsigned long long)pos);
}

static void show_tell(const char *label, __wasi_fd_t fd) {
    __wasi_filesize_t pos = 0;
    int32_t e = __wasi_fd_tell(fd, &pos);
    if (e) show(label, e);
    else printf("%s: %llu\n", label, (unsigned long long)pos);
}

static void show_stat(const char *path) {
    __wasi_filestat_t st;
    int32_t e = __wasi_path_filestat_get(SANDBOX_FD, 0, path, &st);
    if (e) printf("stat %s: %s\n", path, errname(e));
    else if (st.filetype == __WASI_FILETYPE_REGULAR_FILE)
        printf("stat %s: %s, size %llu, nlink %llu\n", path, filetype_name(st.filetype),
               (unsigned long long)st.size, (unsigned long long)st.nlink);
    else printf("stat %s: %s\n", path, filetype_name(st.filetype));
}

static void basics(void) {
    puts("-- create, write, read, seek");
    int fd = open(SANDBOX "/a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    yes("libc open O_CREAT", fd >= 0);
    __wasi_fd_t f = (__wasi_fd_t)fd;
    __wasi_size_t n = 0;
    char buf[256];
    show("write", wr(f, "hello, world\n", &n));
    printf("written: %u\n", (unsigned)n);
    show_tell("tell after write", f);
    show_seek("seek 0 set", f, 0, __WASI_WHENCE_SET);
    __wasi_iovec_t five = {(uint8_t *)buf, 5};
    show("read 5", __wasi_fd_read(f, &five, 1, &n));
    printf("read: [%.*s]\n", (int)n, buf);
    show_seek("seek +2 cur", f, 2, __WASI_WHENCE_CUR);
    show("read rest", rd(f, buf, sizeof buf, &n));
    printf("read: %u [%.5s]\n", (unsigned)n, buf);
    show("read at EOF", rd(f, buf, sizeof buf, &n));
    printf("read at EOF: %u bytes\n", (unsigned)n);
    show_seek("seek -6 end", f, -6, __WASI_WHENCE_END);
    show_seek("seek -100 cur", f, -100, __WASI_WHENCE_CUR);
    show_tell("tell after failed seek", f);
    show_seek("seek whence 3", f, 0, 3);
    show_seek("seek 1000 set (past the end)", f, 1000, __WASI_WHENCE_SET);
    show("write past the end", wr(f, "X", &n));
    printf("size with hole: %llu\n", (unsigned long long)size_of(f));

    puts("-- pread, pwrite");
    __wasi_iovec_t piov = {(uint8_t *)buf, 5};
    show("pread 5 at 7", __wasi_fd_pread(f, &piov, 1, 7, &n));
    printf("pread: [%.*s]\n", (int)n, buf);
    __wasi_iovec_t hole = {(uint8_t *)buf, 4};
    show("pread in the hole", __wasi_fd_pread(f, &hole, 1, 500, &n));
    printf("hole bytes are zero: %s\n", n == 4 && !buf[0] && !buf[1] && !buf[2] && !buf[3] ? "yes" : "no");
    show("pread past the end", __wasi_fd_pread(f, &hole, 1, 5000, &n));
    printf("pread past the end: %u bytes\n", (unsigned)n);
    __wasi_ciovec_t up = {(const uint8_t *)"HELLO", 5};
    show("pwrite 5 at 0", __wasi_fd_pwrite(f, &up, 1, 0, &n));
    show_tell("tell unchanged by pread/pwrite", f);
    __wasi_iovec_t all = {(uint8_t *)buf, 13};
    show("pread 13 at 0", __wasi_fd_pread(f, &all, 1, 0, &n));
    printf("content: [%.12s]\n", buf);

    puts("-- scatter/gather");
    __wasi_ciovec_t g[4] = {{(const uint8_t *)"ab", 2}, {(const uint8_t *)"", 0}, {(const uint8_t *)"cde", 3},
                            {(const uint8_t *)"f", 1}};
    show_seek("seek 0 set", f, 0, __WASI_WHENCE_SET);
    show("gather write", __wasi_fd_write(f, g, 4, &n));
    printf("gathered: %u\n", (unsigned)n);
    show("write zero iovecs", __wasi_fd_write(f, g, 0, &n));
    printf("zero iovecs wrote: %u\n", (unsigned)n);
    char s1[2], s2[3], s3[64];
    __wasi_iovec_t sc[3] = {{(uint8_t *)s1, 2}, {(uint8_t *)s2, 3}, {(uint8_t *)s3, 4}};
    show_seek("seek 0 set", f, 0, __WASI_WHENCE_SET);
    show("scatter read", __wasi_fd_read(f, sc, 3, &n));
    printf("scattered: %u [%.2s|%.3s|%.4s]\n", (unsigned)n, s1, s2, s3);

    puts("-- truncate, extend, allocate, advise, sync");
    show("set_size 5", __wasi_fd_filestat_set_size(f, 5));
    printf("size: %llu\n", (unsigned long long)size_of(f));
    show("set_size 100", __wasi_fd_filestat_set_size(f, 100));
    printf("size: %llu\n", (unsigned long long)size_of(f));
    __wasi_iovec_t tail = {(uint8_t *)buf, 100};
    show("pread extended", __wasi_fd_pread(f, &tail, 1, 0, &n));
    int zero = 1;
    for (int i = 5; i < 100; i++) zero &= buf[i] == 0;
    printf("extended: %u bytes, [%.5s] then zeros: %s\n", (unsigned)n, buf, zero ? "yes" : "no");
    show("allocate 0+8192", __wasi_fd_allocate(f, 0, 8192));
    printf("size after allocate: %llu\n", (unsigned long long)size_of(f));
    show("allocate 10+10 (inside)", __wasi_fd_allocate(f, 10, 10));
    printf("size after allocate inside: %llu\n", (unsigned long long)size_of(f));
    static const char *const advice[] = {"normal", "sequential", "random", "willneed", "dontneed", "noreuse"};
    for (int a = 0; a < 6; a++) {
        char label[64];
        snprintf(label, sizeof label, "advise %s", advice[a]);
        show(label, __wasi_fd_advise(f, 0, 100, (__wasi_advice_t)a));
    }
    show("advise 6 (no such advice)", __wasi_fd_advise(f, 0, 100, 6));
    show("datasync", __wasi_fd_datasync(f));
    show("sync", __wasi_fd_sync(f));
    show("set_size 0", __wasi_fd_filestat_set_size(f, 0));
    show("write after truncate", wr(f, "0123456789", &n));
    show_tell("tell (the position survives truncation)", f);
    printf("size: %llu\n", (unsigned long long)size_of(f));
    close(fd);
}

static void append_and_flags(void) {
    puts("-- fdstat, append, flags");
    __wasi_fd_t f;
    show("open b.txt create", open_at(SANDBOX_FD, "b.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, ALL_RIGHTS,
                                      0, &f));
    __wasi_fdstat_t st;
    show("fdstat_get", __wasi_fd_fdstat_get(f, &st));
    printf("filetype: %s, flags: %u\n", filetype_name(st.fs_filetype), (unsigned)st.fs_flags);
    yes("rights include read, write, seek",
        (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK)) ==
            (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK));
    __wasi_size_t n;
    show("write", wr(f, "head\n", &n));
    show("set_flags append", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND));
    show("fdstat_get", __wasi_fd_fdstat_get(f, &st));
    yes("append flag set", (st.fs_flags & __WASI_FDFLAGS_APPEND) != 0);
    show_seek("seek 0 set", f, 0, __WASI_WHENCE_SET);
    show("append write", wr(f, "tail\n", &n));
    char buf[64];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    show("pread", __wasi_fd_pread(f, &iov, 1, 0, &n));
    printf("content: %u [%.4s|%.4s]\n", (unsigned)n, buf, buf + 5);
    show("set_flags none", __wasi_fd_fdstat_set_flags(f, 0));
    show("fdstat_get", __wasi_fd_fdstat_get(f, &st));
    yes("append flag cleared", (st.fs_flags & __WASI_FDFLAGS_APPEND) == 0);
    show("close", __wasi_fd_close(f));

    __wasi_fd_t g;
    show("open b.txt with append", open_at(SANDBOX_FD, "b.txt", 0, 0, ALL_RIGHTS, __WASI_FDFLAGS_APPEND, &g));
    show("write", wr(g, "more\n", &n));
    printf("size: %llu\n", (unsigned long long)size_of(g));
    show("close", __wasi_fd_close(g));
    int fd = open(SANDBOX "/b.txt", O_WRONLY | O_APPEND);
    yes("libc open O_APPEND", fd >= 0);
    yes("libc write appends", write(fd, "end\n", 4) == 4 && lseek(fd, 0, SEEK_CUR) == 19);
    close(fd);
}

static void rights(void) {
    puts("-- rights");
    __wasi_fd_t f;
    __wasi_rights_t ro = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |
                         __WASI_RIGHTS_FD_FILESTAT_GET;
    show("open b.txt read-only rights", open_at(SANDBOX_FD, "b.txt", 0, 0, ro, 0, &f));
    __wasi_fdstat_t st;
    show("fdstat_get", __wasi_fd_fdstat_get(f, &st));
    yes("no write right", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) == 0);
    __wasi_size_t n;
    show("write without FD_WRITE", wr(f, "x", &n));
    show("set_size without the right", __wasi_fd_filestat_set_size(f, 0));
    show("set_times without the right", __wasi_fd_filestat_set_times(f, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    show("datasync without the right", __wasi_fd_datasync(f));
    show("allocate without the right", __wasi_fd_allocate(f, 0, 1));
    char buf[8];
    show("read with FD_READ", rd(f, buf, 4, &n));
    show("drop seek and tell", __wasi_fd_fdstat_set_rights(f, __WASI_RIGHTS_FD_READ, 0));
    show_seek("seek without FD_SEEK", f, 0, __WASI_WHENCE_SET);
    show_tell("tell without FD_TELL", f);
    show("read still allowed", rd(f, buf, 4, &n));
    show("add write back", __wasi_fd_fdstat_set_rights(f, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0));
    show("drop everything", __wasi_fd_fdstat_set_rights(f, 0, 0));
    show("read without FD_READ", rd(f, buf, 4, &n));
    show("close (needs no right)", __wasi_fd_close(f));

    __wasi_fd_t d;
    show("open sandbox subdir without PATH_CREATE_FILE",
         open_at(SANDBOX_FD, ".", 0, __WASI_OFLAGS_DIRECTORY,
                 __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET, 0, &d));
    __wasi_fd_t x;
    show("create through it", open_at(d, "new.txt", 0, __WASI_OFLAGS_CREAT, ALL_RIGHTS, 0, &x));
    show("mkdir through it", __wasi_path_create_directory(d, "newdir"));
    show("unlink through it", __wasi_path_unlink_file(d, "b.txt"));
    show("close", __wasi_fd_close(d));
    show_stat("new.txt");
}

static void open_errors(void) {
    puts("-- open errors");
    __wasi_fd_t f;
    show("open missing", open_at(SANDBOX_FD, "missing.txt", 0, 0, ALL_RIGHTS, 0, &f));
    show("open missing/child", open_at(SANDBOX_FD, "missing/child.txt", 0, __WASI_OFLAGS_CREAT, ALL_RIGHTS, 0, &f));
    show("create exclusive existing",
         open_at(SANDBOX_FD, "b.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, ALL_RIGHTS, 0, &f));
    show("directory flag on a file", open_at(SANDBOX_FD, "b.txt", 0, __WASI_OFLAGS_DIRECTORY, ALL_RIGHTS, 0, &f));
    show("file with trailing slash", open_at(SANDBOX_FD, "b.txt/", 0, 0, ALL_RIGHTS, 0, &f));
    show("file as a directory", open_at(SANDBOX_FD, "b.txt/x", 0, 0, ALL_RIGHTS, 0, &f));
    show("empty path", open_at(SANDBOX_FD, "", 0, 0, ALL_RIGHTS, 0, &f));
    show("open a file as dirfd", open_at(SANDBOX_FD, "b.txt", 0, 0, ALL_RIGHTS, 0, &f));
    __wasi_fd_t g;
    show("path_open relative to a file fd", open_at(f, "x", 0, 0, ALL_RIGHTS, 0, &g));
    show("close", __wasi_fd_close(f));
    yes("libc open missing sets ENOENT", open(SANDBOX "/missing.txt", O_RDONLY) < 0 && errno == ENOENT);
}

static void rename_link_unlink(void) {
    puts("-- rename, link, unlink");
    show("rename a.txt -> c.txt", __wasi_path_rename(SANDBOX_FD, "a.txt", SANDBOX_FD, "c.txt"));
    show_stat("a.txt");
    show_stat("c.txt");
    show("rename c.txt -> b.txt (replaces)", __wasi_path_rename(SANDBOX_FD, "c.txt", SANDBOX_FD, "b.txt"));
    show_stat("c.txt");
    show_stat("b.txt");
    show("rename missing", __wasi_path_rename(SANDBOX_FD, "nope", SANDBOX_FD, "nope2"));
    show("link b.txt -> l.txt", __wasi_path_link(SANDBOX_FD, 0, "b.txt", SANDBOX_FD, "l.txt"));
    show_stat("b.txt");
    show_stat("l.txt");
    show("link onto existing", __wasi_path_link(SANDBOX_FD, 0, "b.txt", SANDBOX_FD, "l.txt"));
    show("link missing", __wasi_path_link(SANDBOX_FD, 0, "nope", SANDBOX_FD, "nope2"));
    show("unlink l.txt", __wasi_path_unlink_file(SANDBOX_FD, "l.txt"));
    show_stat("l.txt");
    show_stat("b.txt");
    show("unlink missing", __wasi_path_unlink_file(SANDBOX_FD, "l.txt"));
    show("mkdir d", __wasi_path_create_directory(SANDBOX_FD, "d"));
    show("mkdir e", __wasi_path_create_directory(SANDBOX_FD, "e"));
    show("mkdir e/inner", __wasi_path_create_directory(SANDBOX_FD, "e/inner"));
    show("unlink a directory", __wasi_path_unlink_file(SANDBOX_FD, "d"));
    show("link a directory", __wasi_path_link(SANDBOX_FD, 0, "d", SANDBOX_FD, "d-link"));
    show("rename file onto directory", __wasi_path_rename(SANDBOX_FD, "b.txt", SANDBOX_FD, "d"));
    show("rename directory onto file", __wasi_path_rename(SANDBOX_FD, "d", SANDBOX_FD, "b.txt"));
    show("rename directory onto non-empty", __wasi_path_rename(SANDBOX_FD, "d", SANDBOX_FD, "e"));
    show("rename directory into itself", __wasi_path_rename(SANDBOX_FD, "e", SANDBOX_FD, "e/inner/x"));
    show("rename d -> d2", __wasi_path_rename(SANDBOX_FD, "d", SANDBOX_FD, "d2"));
    show("rename b.txt -> d2/moved.txt", __wasi_path_rename(SANDBOX_FD, "b.txt", SANDBOX_FD, "d2/moved.txt"));
    show_stat("d2/moved.txt");
    show("rename through a subdir fd", __wasi_path_rename(SANDBOX_FD, "e/inner", SANDBOX_FD, "d2/inner2"));
    show_stat("d2/inner2");
}

static void renumber(void) {
    puts("-- renumber, close");
    __wasi_fd_t f1, f2;
    __wasi_size_t n;
    show("open r1", open_at(SANDBOX_FD, "r1.txt", 0, __WASI_OFLAGS_CREAT, ALL_RIGHTS, 0, &f1));
    show("write r1", wr(f1, "one", &n));
    show("open r2", open_at(SANDBOX_FD, "r2.txt", 0, __WASI_OFLAGS_CREAT, ALL_RIGHTS, 0, &f2));
    show("write r2", wr(f2, "two", &n));
    show("renumber r1 onto r2", __wasi_fd_renumber(f1, f2));
    char buf[8];
    show("read the old number", rd(f1, buf, sizeof buf, &n));
    show_seek("seek the new number", f2, 0, __WASI_WHENCE_SET);
    show("read the new number", rd(f2, buf, sizeof buf, &n));
    printf("the new number reads: [%s]\n", buf);
    show("renumber onto a never-opened fd", __wasi_fd_renumber(f2, 1000));
    show("renumber a never-opened fd", __wasi_fd_renumber(1000, f2));
    show("close", __wasi_fd_close(f2));
    show("close again", __wasi_fd_close(f2));
    show("close the old number", __wasi_fd_close(f1));
}

int main(void) {
    basics();
    append_and_flags();
    rights();
    open_errors();
    rename_link_unlink();
    renumber();
    return 0;
}
