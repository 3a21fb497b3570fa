/* Helpers shared by the subcommands of `wisp`: one-line error messages, trap reports with the wasm
 * backtrace, and reading a module file (or standard input) with a size check. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* Formats into a malloc'd string; NULL if out of memory. */
static char *vformat(const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *s = malloc((size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

/* Length of the well-formed UTF-8 sequence at s (2-4 bytes; no overlongs, surrogates or code
 * points past U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *s) {
    unsigned c = s[0];
    size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!n) return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80) return 0;
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) || (c == 0xf0 && s[1] < 0x90) ||
        (c == 0xf4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* Writes s so that a message stays one harmless line whatever a path, name or argument holds:
 * control characters (C0, DEL and the C1 range, which terminals obey) and bytes that are not
 * UTF-8 are shown as \xNN; other UTF-8 passes through. */
static void put_one_line(FILE *f, const char *str) {
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        size_t n = *s < 0x80 ? 1 : utf8_len(s);
        bool c1 = n == 2 && s[0] == 0xc2 && s[1] < 0xa0;
        if (n == 0 || c1 || *s < 0x20 || *s == 0x7f) {
            fprintf(f, "\\x%02x", *s);
            s++;
            continue;
        }
        fwrite(s, 1, n, f);
        s += n;
    }
}

static void verror(const char *fmt, va_list ap) {
    char *msg = vformat(fmt, ap);
    fputs("wisp: error: ", stderr);
    put_one_line(stderr, msg ? msg : "(out of memory formatting an error message)");
    fputc('\n', stderr);
    free(msg);
}

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *hint, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    cli_error("%s (try '%s')", msg ? msg : "bad command line", hint);
    free(msg);
    return CLI_EXIT_USAGE;
}

static const char *error_kind(enum wisp_error_code code) {
    switch (code) {
    case WISP_ERR_MALFORMED: return "malformed module";
    case WISP_ERR_INVALID: return "invalid module";
    case WISP_ERR_UNLINKABLE: return "cannot link module";
    case WISP_ERR_LIMIT: return "limit exceeded";
    case WISP_ERR_OUT_OF_MEMORY: return "out of memory";
    case WISP_ERR_ARGUMENT: return "bad argument";
    case WISP_ERR_NOT_FOUND: return "not found";
    default: return "error";
    }
}

int cli_report_error(const struct wisp_result *r, const char *path, const struct wisp_module *mod) {
    const char *msg = r->message ? r->message : error_kind(r->error);
    /* The engine's messages usually say what kind of failure it is; add it only if not. */
    const char *kind = error_kind(r->error);
    bool says_kind = strstr(msg, kind) != NULL || (r->error == WISP_ERR_OUT_OF_MEMORY && strstr(msg, "memory"));
    char offset[32] = "";
    if (r->offset != UINT64_MAX) {
        snprintf(offset, sizeof offset, "0x%" PRIx64, r->offset);
        if (strstr(msg, offset)) offset[0] = '\0'; /* already in the message */
    }
    const char *fname = mod && r->func_index != UINT32_MAX ? wisp_module_func_name(mod, r->func_index) : NULL;
    char func[32] = "";
    if (r->func_index != UINT32_MAX) {
        snprintf(func, sizeof func, "%" PRIu32, r->func_index);
        char said[48];
        snprintf(said, sizeof said, "(function %s", func);
        if (strstr(msg, said)) func[0] = '\0'; /* already in the message */
    }

    fputs("wisp: error: ", stderr);
    if (!says_kind) {
        fputs(kind, stderr);
        fputs(": ", stderr);
    }
    put_one_line(stderr, msg);
    fputs(" (", stderr);
    put_one_line(stderr, path);
    if (offset[0]) fprintf(stderr, ", offset %s", offset);
    if (func[0]) {
        fprintf(stderr, ", function %s", func);
        if (fname) {
            fputs(" \"", stderr);
            put_one_line(stderr, fname);
            fputc('"', stderr);
        }
    }
    fputs(")\n", stderr);
    return CLI_EXIT_ERROR;
}

int cli_report_trap(const struct wisp_result *r) {
    fputs("trap: ", stderr);
    put_one_line(stderr, r->message && *r->message ? r->message : wisp_trap_name(r->trap));
    fputc('\n', stderr);
    if (r->backtrace && *r->backtrace) {
        fputs("wasm backtrace:\n", stderr);
        fputs(r->backtrace, stderr);
        if (r->backtrace[strlen(r->backtrace) - 1] != '\n') fputc('\n', stderr);
    } else if (r->frame_count) {
        fputs("wasm backtrace:\n", stderr);
        for (size_t i = 0; i < r->frame_count; i++) {
            const struct wisp_frame *fr = &r->frames[i];
            fprintf(stderr, "  #%zu func[%" PRIu32 "]", i, fr->func_index);
            if (fr->func_name) {
                fputs(" \"", stderr);
                put_one_line(stderr, fr->func_name);
                fputc('"', stderr);
            }
            if (fr->offset != UINT32_MAX) fprintf(stderr, " @0x%" PRIx32, fr->offset);
            fputc('\n', stderr);
        }
    }
    return CLI_EXIT_TRAP;
}

int cli_report_result(const struct wisp_result *r, const char *path, const struct wisp_module *mod) {
    switch (r->kind) {
    case WISP_OK: return CLI_EXIT_OK;
    case WISP_TRAP: return cli_report_trap(r);
    case WISP_EXIT:
        /* Like a native process's exit(): the parent sees the low 8 bits, so main's "return -1"
         * exits 255 (as natively and under Node's WASI) instead of being turned into an error. */
        return (int)((uint32_t)r->exit_code & 0xffu);
    default: return cli_report_error(r, path, mod);
    }
}

/* Every module starts with these bytes. Input that does not is read no further: the engine then
 * reports "magic header not detected" on the few bytes read, so /dev/zero, /dev/urandom or a
 * large file of something else cost neither time nor memory. */
static const uint8_t wasm_magic[4] = {0, 'a', 's', 'm'};

/* Reads up to 4 bytes; the count read. */
static size_t read_prefix(FILE *f, uint8_t *buf) {
    size_t n = 0, got;
    while (n < sizeof wasm_magic && (got = fread(buf + n, 1, sizeof wasm_magic - n, f)) > 0) n += got;
    return n;
}

/* Reads a stream of unknown size (a pipe, a terminal, a FIFO, a device) in growing chunks, up to
 * the limit; `prefix` holds the n bytes already read. */
static bool read_stream(FILE *f, const char *path, const uint8_t *prefix, size_t n, uint8_t **bytes, size_t *len) {
    size_t cap = 65536;
    uint8_t *buf = malloc(cap);
    if (!buf) {
        cli_error("out of memory reading module (%s)", path);
        return false;
    }
    memcpy(buf, prefix, n);
    for (;;) {
        if (n == cap) {
            if (cap >= CLI_MAX_MODULE_BYTES) {
                cli_error("module is larger than the %" PRIu64 " MiB limit (%s)", CLI_MAX_MODULE_BYTES >> 20,
                          path);
                free(buf);
                return false;
            }
            size_t ncap = cap * 2;
            uint8_t *nb = realloc(buf, ncap);
            if (!nb) {
                cli_error("out of memory reading module (%s)", path);
                free(buf);
                return false;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        free(buf);
        return false;
    }
    *bytes = buf;
    *len = n;
    return true;
}

/* Reads a regular file of the size fstat reported; `prefix` holds the n bytes already read. A file
 * that changes meanwhile is an error. */
static bool read_file(FILE *f, const char *path, size_t size, const uint8_t *prefix, size_t n, uint8_t **bytes,
                      size_t *len) {
    uint8_t *buf = malloc(size > n ? size : n ? n : 1);
    if (!buf) {
        cli_error("out of memory reading %s (%zu bytes)", path, size);
        return false;
    }
    memcpy(buf, prefix, n);
    size_t got = n < size ? fread(buf + n, 1, size - n, f) : 0;
    if (n + got != size || fgetc(f) != EOF) {
        cli_error("cannot read %s: %s", path, ferror(f) ? strerror(errno) : "file changed while reading");
        free(buf);
        return false;
    }
    *bytes = buf;
    *len = size;
    return true;
}

bool cli_read_module(const char *path, uint8_t **bytes, size_t *len) {
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    /* Opening a FIFO blocks until a writer opens it, as it does for any program that reads one. */
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    uint8_t prefix[sizeof wasm_magic];
    size_t n = 0;
    bool ok = false;
    if (fstat(fileno(f), &st) != 0) {
        cli_error("cannot stat %s: %s", name, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        cli_error("cannot read %s: %s", name, strerror(EISDIR));
    } else if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > CLI_MAX_MODULE_BYTES) {
        cli_error("module file is too large: %" PRIu64 " bytes, the limit is %" PRIu64 " MiB (%s)",
                  (uint64_t)st.st_size, CLI_MAX_MODULE_BYTES >> 20, name);
    } else if ((n = read_prefix(f, prefix)) < sizeof wasm_magic || memcmp(prefix, wasm_magic, n) != 0) {
        if (ferror(f)) {
            cli_error("cannot read %s: %s", name, strerror(errno));
        } else {
            *bytes = malloc(n ? n : 1);
            if (*bytes) {
                memcpy(*bytes, prefix, n);
                *len = n;
                ok = true;
            } else {
                cli_error("out of memory reading %s", name);
            }
        }
    } else if (S_ISREG(st.st_mode)) {
        ok = read_file(f, name, (size_t)st.st_size, prefix, n, bytes, len);
    } else {
        ok = read_stream(f, name, prefix, n, bytes, len);
    }
    if (!is_stdin) fclose(f);
    return ok;
}
