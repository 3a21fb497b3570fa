/* interp-dump: prints the interpreter's internal code (src/interp/code.h) of functions of a module,
 * for tuning the compiler. Not part of the build; build it against a built libwisp.a:
 *   cc -O1 -std=c11 -Iinclude -Isrc bench/tools/interp-dump.c BUILD/libwisp.a -lm -o /tmp/interp-dump
 * Usage: interp-dump FILE.wasm [FUNC-INDEX | NAME-SUBSTRING]...  (no function: a size summary per
 * function, largest first). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wisp.h"
#include "decode/module.h"
#include "interp/code.h"
#include "runtime/runtime.h"

static const char *const names[OP_COUNT_] = {
#define N_(name, layout) #name,
    INTERP_OPS(N_)
#undef N_
};
static const char *const layouts[OP_COUNT_] = {
#define L_(name, layout) layout,
    INTERP_OPS(L_)
#undef L_
};

/* The opcode whose handler word is w. */
static int op_of(uint32_t w) {
    const int32_t *hw = interp_handler_words();
    for (int k = 0; k < OP_COUNT_; k++)
        if ((hw ? (uint32_t)hw[k] : (uint32_t)k) == w) return k;
    return -1;
}

static uint32_t offset_at(const struct interp_code *c, uint32_t pos) {
    for (uint32_t k = 0; k < c->nmap; k++)
        if (c->map[k].pos == pos) return c->map[k].offset;
    return UINT32_MAX;
}

static void dump(const struct module *m, uint32_t fi) {
    const struct interp_code *c = m->compiled[fi - m->nfuncs_imported];
    const char *name = mod_func_name(m, fi);
    printf("func[%u] %s: %u words, locals %u (params %u, zeroed %u..%u), frame %u\n", fi, name ? name : "",
           c->nwords, c->nlocal_slots, c->nparam_slots, c->zero_lo, c->zero_hi, c->frame_slots);
    for (uint32_t pos = 0; pos < c->nwords;) {
        int op = op_of(c->words[pos]);
        if (op < 0) {
            printf("  %5u  ??? %08x\n", pos, c->words[pos]);
            pos++;
            continue;
        }
        printf("  %5u  %-22s", pos, names[op]);
        uint32_t j = pos + 1;
        for (const char *l = layouts[op]; *l && j < c->nwords; l++) {
            uint32_t w = c->words[j];
            switch (*l) {
            case 'd': printf(" d%u", w); j++; break;
            case 's': printf(" s%u", w); j++; break;
            case 'o': printf(" ->%d", (int)(pos + (int32_t)w)); j++; break;
            case 'L': printf(" #0x%llx", (unsigned long long)interp_u64(c->words + j)); j += 2; break;
            case 'P': printf(" ptr"); j += 2; break;
            case 'T': {
                uint32_t n = w;
                printf(" [%u]", n);
                for (uint32_t k = 0; k <= n && j + 1 + k < c->nwords; k++)
                    printf(" ->%d", (int)(pos + (int32_t)c->words[j + 1 + k]));
                j += n + 2;
                break;
            }
            default: printf(" %d", (int)w); j++; break;
            }
        }
        uint32_t off = offset_at(c, pos);
        if (off != UINT32_MAX) printf("   @0x%x", off);
        printf("\n");
        pos = j;
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: interp-dump FILE.wasm [FUNC-INDEX | NAME]...\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) return perror(argv[1]), 1;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *bytes = malloc((size_t)len);
    if (!bytes || fread(bytes, 1, (size_t)len, f) != (size_t)len) return 1;
    fclose(f);
    struct wisp_engine *e = wisp_engine_new(NULL);
    struct wisp_module *wm;
    struct wisp_result r = wisp_module_new(e, bytes, (size_t)len, &wm);
    if (r.kind != WISP_OK) {
        fprintf(stderr, "%s\n", r.message ? r.message : "error");
        return 1;
    }
    const struct module *m = wm->mod;
    if (argc == 2) {
        for (uint32_t k = 0; k < m->ncodes; k++)
            printf("%8u words  func[%u] %s\n", m->compiled[k]->nwords, m->nfuncs_imported + k,
                   mod_func_name(m, m->nfuncs_imported + k) ? mod_func_name(m, m->nfuncs_imported + k) : "");
    }
    for (int i = 2; i < argc; i++) {
        char *end;
        unsigned long fi = strtoul(argv[i], &end, 10);
        if (*end == 0 && fi >= m->nfuncs_imported && fi < m->nfuncs) {
            dump(m, (uint32_t)fi);
            continue;
        }
        for (uint32_t k = m->nfuncs_imported; k < m->nfuncs; k++) {
            const char *n = mod_func_name(m, k);
            if (n && strstr(n, argv[i])) dump(m, k);
        }
    }
    wisp_module_free(wm);
    wisp_engine_free(e);
    free(bytes);
    return 0;
}
