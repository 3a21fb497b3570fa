/* dirs: directories: create and remove (with their errors), prestat of the preopen, and readdir of
 * a 1000-entry directory, through libc's opendir/readdir and through raw fd_readdir with a small
 * buffer, resuming from cookies (including from the middle and from a truncated entry). */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

#define NFILES 1000

static void prestat(void) {
    puts("-- prestat");
    __wasi_prestat_t ps;
    show("prestat_get 3", __wasi_fd_prestat_get(SANDBOX_FD, &ps));
    printf("preopen type: %u, name length: %u\n", (unsigned)ps.tag, (unsigned)ps.u.dir.pr_name_len);
    char name[64] = {0};
    show("prestat_dir_name 3", __wasi_fd_prestat_dir_name(SANDBOX_FD, (uint8_t *)name, ps.u.dir.pr_name_len));
    printf("preopen name: [%.*s]\n", (int)ps.u.dir.pr_name_len, name);
    show("prestat_get 0 (stdin, not a preopen)", __wasi_fd_prestat_get(0, &ps));
    show("prestat_get 4 (never opened)", __wasi_fd_prestat_get(4, &ps));
    show("prestat_dir_name 4 (never opened)", __wasi_fd_prestat_dir_name(4, (uint8_t *)name, sizeof name));
    __wasi_fdstat_t st;
    show("fdstat_get 3", __wasi_fd_fdstat_get(SANDBOX_FD, &st));
    printf("preopen filetype: %s\n", filetype_name(st.fs_filetype));
    yes("preopen can open, create, readdir",
        (st.fs_rights_base & (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_FD_READDIR)) ==
            (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_FD_READDIR));
    __wasi_filestat_t fs;
    show("fd_filestat_get 3", __wasi_fd_filestat_get(SANDBOX_FD, &fs));
    printf("preopen stat filetype: %s\n", filetype_name(fs.filetype));
}

static void mkdir_rmdir(void) {
    puts("-- create and remove directories");
    show("mkdir a", __wasi_path_create_directory(SANDBOX_FD, "a"));
    show("mkdir a again", __wasi_path_create_directory(SANDBOX_FD, "a"));
    show("mkdir a/b/c (missing parent)", __wasi_path_create_directory(SANDBOX_FD, "a/b/c"));
    show("mkdir a/b", __wasi_path_create_directory(SANDBOX_FD, "a/b"));
    show("mkdir a/b/c", __wasi_path_create_directory(SANDBOX_FD, "a/b/c"));
    show("mkdir with trailing slash", __wasi_path_create_directory(SANDBOX_FD, "a/t/"));
    yes("libc mkdir", mkdir(SANDBOX "/a/libc", 0755) == 0);
    __wasi_filestat_t fs;
    show("stat a/b/c", __wasi_path_filestat_get(SANDBOX_FD, 0, "a/b/c", &fs));
    printf("a/b/c is: %s\n", filetype_name(fs.filetype));
    int fd = open(SANDBOX "/a/file", O_CREAT | O_WRONLY, 0644);
    close(fd);
    show("mkdir over a file", __wasi_path_create_directory(SANDBOX_FD, "a/file"));
    show("mkdir beneath a file", __wasi_path_create_directory(SANDBOX_FD, "a/file/x"));
    show("rmdir non-empty", __wasi_path_remove_directory(SANDBOX_FD, "a/b"));
    show("rmdir a file", __wasi_path_remove_directory(SANDBOX_FD, "a/file"));
    show("rmdir missing", __wasi_path_remove_directory(SANDBOX_FD, "a/missing"));
    show("rmdir a/b/c", __wasi_path_remove_directory(SANDBOX_FD, "a/b/c"));
    show("rmdir a/t/ (trailing slash)", __wasi_path_remove_directory(SANDBOX_FD, "a/t/"));
    show("stat a/b/c again", __wasi_path_filestat_get(SANDBOX_FD, 0, "a/b/c", &fs));
    yes("libc rmdir", rmdir(SANDBOX "/a/libc") == 0);
    __wasi_fd_t d;
    show("open a as a directory", open_at(SANDBOX_FD, "a", 0, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, &d));
    show("mkdir relative to a", __wasi_path_create_directory(d, "rel"));
    show("stat a/rel", __wasi_path_filestat_get(SANDBOX_FD, 0, "a/rel", &fs));
    show("rmdir relative to a", __wasi_path_remove_directory(d, "rel"));
    show("close a", __wasi_fd_close(d));
    /* The rights that do not apply to a directory are dropped, not refused. */
    show("open a directory asking for file rights", open_at(SANDBOX_FD, "a", 0, __WASI_OFLAGS_DIRECTORY, ALL_RIGHTS,
                                                            0, &d));
    show("close the directory opened with file rights", __wasi_fd_close(d));
    /* "." names the directory itself: removing it through its own fd is refused. */
    show("mkdir gone", __wasi_path_create_directory(SANDBOX_FD, "gone"));
    show("open gone", open_at(SANDBOX_FD, "gone", 0, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, &d));
    show("rmdir . relative to it", __wasi_path_remove_directory(d, "."));
    show("close gone", __wasi_fd_close(d));
    show("stat gone", __wasi_path_filestat_get(SANDBOX_FD, 0, "gone", &fs));
}

/* One entry as read back from fd_readdir. */
struct entry {
    char name[32];
    __wasi_dircookie_t next;
    __wasi_filetype_t type;
};

/* Reads the whole directory with a buffer of bufsize bytes, starting at cookie, following
 * d_next; an entry cut off at the end of a full buffer is read again from its cookie. */
static int read_all(__wasi_fd_t d, size_t bufsize, __wasi_dircookie_t cookie, struct entry *out, int max,
                    int *calls) {
    uint8_t *buf = malloc(bufsize);
    int n = 0;
    *calls = 0;
    for (;;) {
        __wasi_size_t used = 0;
        int32_t e = __wasi_fd_readdir(d, buf, bufsize, cookie, &used);
        (*calls)++;
        if (e) {
            show("fd_readdir", e);
            break;
        }
        size_t pos = 0;
        int whole = 0;
        while (pos + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t de;
            memcpy(&de, buf + pos, sizeof de);
            if (pos + sizeof de + de.d_namlen > used) break; /* name cut off: read it again */
            if (n < max) {
                size_t len = de.d_namlen < 31 ? de.d_namlen : 31;
                memcpy(out[n].name, buf + pos + sizeof de, len);
                out[n].name[len] = '\0';
                out[n].next = de.d_next;
                out[n].type = de.d_type;
            }
            n++;
            whole++;
            cookie = de.d_next;
            pos += sizeof de + de.d_namlen;
        }
        if (used < bufsize) break; /* a short buffer: the end of the directory */
        if (whole == 0 && bufsize < sizeof(__wasi_dirent_t) + 32) break;
    }
    free(buf);
    return n;
}

static void big_directory(void) {
    puts("-- a directory of 1000 files");
    show("mkdir big", __wasi_path_create_directory(SANDBOX_FD, "big"));
    int made = 0;
    for (int i = 0; i < NFILES; i++) {
        char path[64];
        snprintf(path, sizeof path, SANDBOX "/big/f%04d", i);
        int fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0644);
        if (fd >= 0) made++;
        close(fd);
    }
    show("mkdir big/subdir", __wasi_path_create_directory(SANDBOX_FD, "big/subdir"));
    printf("created: %d\n", made);

    /* libc: opendir/readdir (fd_readdir with libc's own buffer and cookies). */
    DIR *dir = opendir(SANDBOX "/big");
    yes("opendir", dir != NULL);
    static unsigned char seen[NFILES];
    int files = 0, dots = 0, others = 0, dups = 0, subdir_is_dir = 0;
    struct dirent *de;
    while (dir && (de = readdir(dir))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) dots++;
        else if (strcmp(de->d_name, "subdir") == 0) subdir_is_dir = de->d_type == DT_DIR;
        else if (de->d_name[0] == 'f' && strlen(de->d_name) == 5) {
            int k = atoi(de->d_name + 1);
            if (seen[k]++) dups++;
            if (de->d_type != DT_REG) others++;
            files++;
        } else others++;
    }
    printf("libc readdir: %d files, %d duplicates, %d unexpected, subdir is a directory: %s\n", files, dups, others,
           subdir_is_dir ? "yes" : "no");
    printf("libc readdir: . and .. listed: %s\n", dots == 2 ? "yes" : "no");
    int missing = 0;
    for (int i = 0; i < NFILES; i++) missing += !seen[i];
    printf("libc readdir: missing: %d\n", missing);
    /* rewinddir goes back to cookie 0. */
    if (dir) {
        rewinddir(dir);
        int again = 0;
        while (readdir(dir)) again++;
        printf("after rewinddir: %d entries\n", again - dots);
        closedir(dir);
    }

    /* Raw fd_readdir with small buffers, following the cookies. */
    __wasi_fd_t d;
    show("open big", open_at(SANDBOX_FD, "big", 0, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, &d));
    static struct entry a[NFILES + 8], b[NFILES + 8];
    int calls;
    int na = read_all(d, 4096, 0, a, NFILES + 8, &calls);
    int total_without_dots = 0;
    for (int i = 0; i < na && i < NFILES + 8; i++)
        total_without_dots += strcmp(a[i].name, ".") != 0 && strcmp(a[i].name, "..") != 0;
    printf("fd_readdir 4096-byte buffer: %d entries besides . and ..\n", total_without_dots);
    /* 100 bytes hold at most three entries and usually cut one: many calls, same listing. */
    int nb = read_all(d, 100, 0, b, NFILES + 8, &calls);
    int same = na == nb;
    for (int i = 0; same && i < na; i++) same = strcmp(a[i].name, b[i].name) == 0 && a[i].next == b[i].next;
    printf("fd_readdir 100-byte buffer: same listing: %s, more than 300 calls: %s\n", same ? "yes" : "no",
           calls > 300 ? "yes" : "no");
    /* A buffer smaller than one entry header: returns a full, truncated buffer. */
    uint8_t tiny[10];
    __wasi_size_t used = 0;
    show("fd_readdir 10-byte buffer", __wasi_fd_readdir(d, tiny, sizeof tiny, 0, &used));
    printf("10-byte buffer filled: %u\n", (unsigned)used);
    /* Resuming from the cookie of entry 500 gives the rest of the same listing. */
    if (na > 600) {
        int nc = read_all(d, 4096, a[499].next, b, NFILES + 8, &calls);
        same = nc == na - 500;
        for (int i = 0; same && i < nc; i++) same = strcmp(a[500 + i].name, b[i].name) == 0;
        printf("resume from the cookie of entry 500: same as the rest: %s\n", same ? "yes" : "no");
        /* The last entry's cookie is the end: nothing more. */
        int ne = read_all(d, 4096, a[na - 1].next, b, NFILES + 8, &calls);
        printf("resume from the last cookie: %d entries\n", ne);
    }
    int types_ok = 1;
    for (int i = 0; i < na && i < NFILES + 8; i++) {
        if (strcmp(a[i].name, "subdir") == 0 || strcmp(a[i].name, ".") == 0 || strcmp(a[i].name, "..") == 0)
            types_ok &= a[i].type == __WASI_FILETYPE_DIRECTORY;
        else types_ok &= a[i].type == __WASI_FILETYPE_REGULAR_FILE;
    }
    yes("fd_readdir entry types right", types_ok);
    /* Delete some files: a new listing from cookie 0 no longer has them. */
    for (int i = 0; i < NFILES; i += 10) {
        char path[32];
        snprintf(path, sizeof path, "big/f%04d", i);
        if (__wasi_path_unlink_file(SANDBOX_FD, path)) printf("unlink %s failed\n", path);
    }
    na = read_all(d, 4096, 0, a, NFILES + 8, &calls);
    total_without_dots = 0;
    for (int i = 0; i < na && i < NFILES + 8; i++)
        total_without_dots += strcmp(a[i].name, ".") != 0 && strcmp(a[i].name, "..") != 0;
    printf("after deleting 100: %d entries besides . and ..\n", total_without_dots);
    show("close big", __wasi_fd_close(d));

    __wasi_fd_t f;
    show("open a file", open_at(SANDBOX_FD, "big/f0001", 0, 0, ALL_RIGHTS, 0, &f));
    show("fd_readdir on a file", __wasi_fd_readdir(f, tiny, sizeof tiny, 0, &used));
    show("close", __wasi_fd_close(f));
    show("fd_readdir on a never-opened fd", __wasi_fd_readdir(77, tiny, sizeof tiny, 0, &used));
    /* An empty directory lists only . and .. */
    show("mkdir empty", __wasi_path_create_directory(SANDBOX_FD, "empty"));
    show("open empty", open_at(SANDBOX_FD, "empty", 0, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, &d));
    na = read_all(d, 4096, 0, a, NFILES + 8, &calls);
    int only_dots = 1;
    for (int i = 0; i < na; i++) only_dots &= strcmp(a[i].name, ".") == 0 || strcmp(a[i].name, "..") == 0;
    printf("empty directory: only . and ..: %s\n", only_dots ? "yes" : "no");
    show("close", __wasi_fd_close(d));
}

int main(void) {
    prestat();
    mkdir_rmdir();
    big_directory();
    return 0;
}
