/* The `name` custom section: module name and function names, for messages and backtraces.
 * Debug information must never make a module fail to load, so anything malformed here is
 * dropped silently. */
#include <stdlib.h>
#include <string.h>

#include "../base/leb128.h"
#include "reader.h"

/* A copy of a name, cut at its first NUL so that strlen() gives back the allocated size. */
static char *name_dup(const struct wisp_allocator *a, const uint8_t *s, uint32_t len) {
    const uint8_t *nul = memchr(s, 0, len);
    return base_strndup(a, (const char *)s, nul ? (size_t)(nul - s) : len);
}

/* Reads a length-prefixed UTF-8 name ending no later than `end`. */
static bool name_read(const uint8_t *b, size_t *p, size_t end, const uint8_t **s, uint32_t *len) {
    size_t n = leb_u32(b + *p, b + end, len);
    if (!n) return false;
    *p += n;
    if (*len > end - *p || !dec_utf8_valid(b + *p, *len)) return false;
    *s = b + *p;
    *p += *len;
    return true;
}

static int name_cmp(const void *x, const void *y) {
    uint32_t a = ((const struct mod_name *)x)->index, b = ((const struct mod_name *)y)->index;
    return a < b ? -1 : a > b;
}

static void names_free(const struct wisp_allocator *a, struct mod_name *names, uint32_t n) {
    if (!names) return;
    for (uint32_t i = 0; i < n; i++)
        if (names[i].name) base_free(a, names[i].name, strlen(names[i].name) + 1);
    base_free(a, names, (size_t)n * sizeof *names);
}

bool dec_name_section(struct dec *d, size_t start, size_t end) {
    const struct wisp_allocator *a = &d->m->alloc;
    const uint8_t *b = d->b;
    size_t p = start;
    int last_id = -1;
    char *modname = NULL;
    struct mod_name *names = NULL;
    uint32_t nnames = 0; /* allocated entries */
    bool oom = false;

    while (p < end) {
        uint8_t id = b[p++];
        uint32_t size;
        size_t n = leb_u32(b + p, b + end, &size);
        if (!n) goto bad;
        p += n;
        if (size > end - p || (int)id <= last_id) goto bad; /* subsections: in order, once each */
        last_id = id;
        size_t sub_end = p + size;
        if (id == 0) {
            const uint8_t *s;
            uint32_t len;
            if (!name_read(b, &p, sub_end, &s, &len) || p != sub_end) goto bad;
            if (!(modname = name_dup(a, s, len))) goto nomem;
        } else if (id == 1) {
            uint32_t count;
            n = leb_u32(b + p, b + sub_end, &count);
            if (!n) goto bad;
            p += n;
            if ((uint64_t)count * 2 > sub_end - p) goto bad; /* an entry takes at least 2 bytes */
            if (count) {
                names = base_calloc(a, count, sizeof *names);
                if (!names) goto nomem;
                nnames = count;
            }
            bool sorted = true;
            for (uint32_t i = 0; i < count; i++) {
                const uint8_t *s;
                uint32_t len;
                n = leb_u32(b + p, b + sub_end, &names[i].index);
                if (!n) goto bad;
                p += n;
                if (!name_read(b, &p, sub_end, &s, &len)) goto bad;
                if (!(names[i].name = name_dup(a, s, len))) goto nomem;
                if (i && names[i].index <= names[i - 1].index) sorted = false;
            }
            if (p != sub_end) goto bad;
            if (!sorted) {
                qsort(names, count, sizeof *names, name_cmp);
                for (uint32_t i = 1; i < count; i++)
                    if (names[i].index == names[i - 1].index) goto bad;
            }
        }
        p = sub_end; /* other subsections (locals, labels, types...) are not used */
    }
    d->m->module_name = modname;
    d->m->func_names = names;
    d->m->nfunc_names = nnames;
    return true;

nomem:
    oom = true;
bad:
    if (modname) base_free(a, modname, strlen(modname) + 1);
    names_free(a, names, nnames);
    return oom ? dec_oom(d) : true;
}
