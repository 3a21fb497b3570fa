/* times: file timestamps: fd_filestat_set_times and path_filestat_set_times with explicit times (to
 * the nanosecond), with the _NOW flags (compared against clock_time_get), invalid flag mixes,
 * symlinks with and without following, and writes moving mtime. */
#include "guest.h"

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define T_ATIM 1600000000123456789ULL /* 2020-09-13 */
#define T_MTIM 1700000000987654321ULL /* 2023-11-14 */
#define SEC 1000000000ULL

static __wasi_timestamp_t now(void) {
    __wasi_timestamp_t t = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t);
    return t;
}

/* Prints how a timestamp relates to a wanted value or a [lo, hi] window. */
static void exact(const char *label, __wasi_timestamp_t got, __wasi_timestamp_t want) {
    if (got == want) printf("%s: exact\n", label);
    else if (got / SEC == want / SEC) printf("%s: same second, %llu ns off\n", label,
                                             (unsigned long long)(got > want ? got - want : want - got));
    else printf("%s: wrong (%llu, wanted %llu)\n", label, (unsigned long long)got, (unsigned long long)want);
}

/* File systems stamp with a coarse clock: allow a second of slack below. */
static void recent(const char *label, __wasi_timestamp_t got, __wasi_timestamp_t lo, __wasi_timestamp_t hi) {
    printf("%s: %s\n", label, got + SEC >= lo && got <= hi + SEC ? "now" : "not now");
}

/* `times flags`: the invalid flag mixes of path_filestat_set_times, each followed by a call on the
 * same directory fd, which must still work (a separate case: Node deadlocks here). */
static int path_flag_mixes(void) {
    __wasi_fd_t f;
    show("create t.txt", open_at(SANDBOX_FD, "t.txt", 0, __WASI_OFLAGS_CREAT, ALL_RIGHTS, 0, &f));
    show("close", __wasi_fd_close(f));
    show("path ATIM with ATIM_NOW", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "t.txt", 0, 0,
                                                                   __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    show("mkdir d1 after it", __wasi_path_create_directory(SANDBOX_FD, "d1"));
    show("path MTIM with MTIM_NOW", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "t.txt", 0, 0,
                                                                   __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    show("mkdir d2 after it", __wasi_path_create_directory(SANDBOX_FD, "d2"));
    show("path unknown flag bits", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "t.txt", 0, 0, 0x40));
    show("mkdir d3 after it", __wasi_path_create_directory(SANDBOX_FD, "d3"));
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "flags") == 0) return path_flag_mixes();
    __wasi_fd_t f;
    show("create t.txt",
         open_at(SANDBOX_FD, "t.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, ALL_RIGHTS, 0, &f));
    __wasi_filestat_t st;

    puts("-- fd_filestat_set_times");
    show("set atim and mtim", __wasi_fd_filestat_set_times(f, T_ATIM, T_MTIM,
                                                           __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    show("fd_filestat_get", __wasi_fd_filestat_get(f, &st));
    exact("atim", st.atim, T_ATIM);
    exact("mtim", st.mtim, T_MTIM);
    recent("ctim (changed by setting times)", st.ctim, now() - 60 * SEC, now());
    show("set mtim only", __wasi_fd_filestat_set_times(f, 0, T_ATIM, __WASI_FSTFLAGS_MTIM));
    show("fd_filestat_get", __wasi_fd_filestat_get(f, &st));
    exact("atim kept", st.atim, T_ATIM);
    exact("mtim now the old atim", st.mtim, T_ATIM);
    __wasi_timestamp_t before = now();
    show("set both to now", __wasi_fd_filestat_set_times(f, 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW));
    __wasi_timestamp_t after = now();
    show("fd_filestat_get", __wasi_fd_filestat_get(f, &st));
    recent("atim", st.atim, before, after);
    recent("mtim", st.mtim, before, after);
    show("ATIM with ATIM_NOW", __wasi_fd_filestat_set_times(f, T_ATIM, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    show("MTIM with MTIM_NOW", __wasi_fd_filestat_set_times(f, 0, T_MTIM, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    show("unknown flag bits", __wasi_fd_filestat_set_times(f, 0, 0, 0x10));
    show("no flags (changes nothing)", __wasi_fd_filestat_set_times(f, 0, 0, 0));
    show("set times on a never-opened fd", __wasi_fd_filestat_set_times(99, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));

    puts("-- a write moves mtim");
    show("set old times", __wasi_fd_filestat_set_times(f, T_ATIM, T_MTIM, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    __wasi_ciovec_t iov = {(const uint8_t *)"data", 4};
    __wasi_size_t n;
    before = now();
    show("write", __wasi_fd_write(f, &iov, 1, &n));
    after = now();
    show("fd_filestat_get", __wasi_fd_filestat_get(f, &st));
    recent("mtim after the write", st.mtim, before, after);
    exact("atim untouched by the write", st.atim, T_ATIM);
    show("close", __wasi_fd_close(f));

    puts("-- path_filestat_set_times");
    show("set times by path", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "t.txt", T_ATIM, T_MTIM,
                                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    show("path_filestat_get", __wasi_path_filestat_get(SANDBOX_FD, 0, "t.txt", &st));
    exact("atim", st.atim, T_ATIM);
    exact("mtim", st.mtim, T_MTIM);
    show("set times on a missing path", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "missing", 0, 0,
                                                                       __WASI_FSTFLAGS_MTIM_NOW));
    show("mkdir dir", __wasi_path_create_directory(SANDBOX_FD, "dir"));
    show("set a directory's times", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "dir", T_ATIM, T_MTIM,
                                                                   __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    show("path_filestat_get dir", __wasi_path_filestat_get(SANDBOX_FD, 0, "dir", &st));
    exact("dir mtim", st.mtim, T_MTIM);

    puts("-- symlinks");
    show("symlink ln -> t.txt", __wasi_path_symlink("t.txt", SANDBOX_FD, "ln"));
    show("set times through ln (follow)", __wasi_path_filestat_set_times(SANDBOX_FD, FOLLOW, "ln", 0, T_ATIM,
                                                                         __WASI_FSTFLAGS_MTIM));
    show("path_filestat_get t.txt", __wasi_path_filestat_get(SANDBOX_FD, 0, "t.txt", &st));
    exact("t.txt mtim set through the link", st.mtim, T_ATIM);
    show("set times of ln itself (nofollow)", __wasi_path_filestat_set_times(SANDBOX_FD, 0, "ln", 0, T_MTIM,
                                                                             __WASI_FSTFLAGS_MTIM));
    show("path_filestat_get ln (nofollow)", __wasi_path_filestat_get(SANDBOX_FD, 0, "ln", &st));
    exact("ln mtim", st.mtim, T_MTIM);
    show("path_filestat_get t.txt", __wasi_path_filestat_get(SANDBOX_FD, 0, "t.txt", &st));
    exact("t.txt mtim untouched", st.mtim, T_ATIM);
    return 0;
}
