/* `wisp run [--invoke NAME] MODULE [ARGS...]`: instantiates a module and calls _start, or an export
 * with arguments parsed by its parameter types, printing the results one per line. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct run_opts {
    const char *invoke; /* NULL: _start */
    const char *path;
    char **args;
    int nargs;
};

/* Options come before MODULE; everything after it is an argument of the call. */
static int parse_opts(int argc, char **argv, struct run_opts *o, bool *help) {
    int i = 1;
    *help = false;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == '\0') break; /* MODULE (or - for stdin) */
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            *help = true;
            return CLI_EXIT_OK;
        }
        if (strcmp(a, "--invoke") == 0) {
            if (i + 1 >= argc) return cli_usage_error("wisp run --help", "--invoke needs a function name");
            o->invoke = argv[++i];
        } else if (strncmp(a, "--invoke=", 9) == 0) {
            o->invoke = a + 9;
        } else {
            return cli_usage_error("wisp run --help", "unknown option '%s' for 'wisp run'", a);
        }
    }
    if (i >= argc) return cli_usage_error("wisp run --help", "missing module path");
    o->path = argv[i];
    o->args = argv + i + 1;
    o->nargs = argc - i - 1;
    return CLI_EXIT_OK;
}

/* Formats a function type's parameters, e.g. "(i32, f64)", into a malloc'd string. */
static char *params_text(const struct wisp_functype *ft) {
    size_t cap = 3 + (size_t)ft->param_count * 11;
    char *s = malloc(cap);
    if (!s) return NULL;
    size_t n = 0;
    s[n++] = '(';
    for (uint32_t i = 0; i < ft->param_count; i++) {
        const char *t = cli_type_name(ft->params[i]);
        size_t tl = strlen(t);
        if (i) {
            s[n++] = ',';
            s[n++] = ' ';
        }
        memcpy(s + n, t, tl); /* type names are at most 9 characters */
        n += tl;
    }
    s[n++] = ')';
    s[n] = '\0';
    return s;
}

int cli_run(int argc, char **argv) {
    struct run_opts o = {0};
    bool help;
    int st = parse_opts(argc, argv, &o, &help);
    if (st != CLI_EXIT_OK) return st;
    if (help) {
        cli_run_usage(stdout);
        return CLI_EXIT_OK;
    }
    const char *where = strcmp(o.path, "-") == 0 ? "<stdin>" : o.path;
    uint8_t *bytes = NULL;
    size_t len = 0;
    if (!cli_read_module(o.path, &bytes, &len)) return CLI_EXIT_ERROR;

    struct wisp_engine *engine = wisp_engine_new(NULL);
    struct wisp_module *mod = NULL;
    struct wisp_store *store = NULL;
    struct wisp_linker *linker = NULL;
    struct wisp_instance *inst = NULL;
    struct wisp_value *args = NULL, *results = NULL;
    struct wisp_result r = wisp_ok();
    if (!engine) {
        free(bytes);
        cli_error("out of memory creating the engine");
        return CLI_EXIT_ERROR;
    }
    r = wisp_module_new(engine, bytes, len, &mod);
    free(bytes);
    if (r.kind != WISP_OK) goto report;
    store = wisp_store_new(engine);
    linker = store ? wisp_linker_new(store) : NULL;
    if (!linker) {
        cli_error("out of memory creating the store (%s)", where);
        st = CLI_EXIT_ERROR;
        goto out;
    }
    /* Imports resolve against the linker; host modules (WASI) will be defined here. */
    r = wisp_linker_instantiate(linker, mod, &inst);
    if (r.kind != WISP_OK) goto report;

    const char *name = o.invoke ? o.invoke : "_start";
    struct wisp_extern ext;
    if (!wisp_instance_export(inst, name, &ext) || ext.kind != WISP_EXTERN_FUNC) {
        bool exists = wisp_instance_export(inst, name, &ext);
        if (o.invoke)
            cli_error("%s '%s' (%s)", exists ? "export is not a function:" : "no exported function", name, where);
        else
            cli_error("module has no _start function to run; use --invoke NAME to call an export (%s)", where);
        st = CLI_EXIT_ERROR;
        goto out;
    }
    const struct wisp_functype *ft = wisp_func_type(ext.of.func);
    uint32_t want = o.invoke ? ft->param_count : 0;
    if (!o.invoke && ft->param_count != 0) {
        cli_error("_start takes parameters; use --invoke _start ARGS... (%s)", where);
        st = CLI_EXIT_ERROR;
        goto out;
    }
    if (o.invoke && (uint64_t)o.nargs != want) {
        char *pt = params_text(ft);
        cli_error("'%s' takes %u argument%s %s but %d %s given (%s)", name, (unsigned)want, want == 1 ? "" : "s",
                  pt ? pt : "", o.nargs, o.nargs == 1 ? "was" : "were", where);
        free(pt);
        st = CLI_EXIT_USAGE;
        goto out;
    }
    args = calloc(want ? want : 1, sizeof *args);
    results = calloc(ft->result_count ? ft->result_count : 1, sizeof *results);
    if (!args || !results) {
        cli_error("out of memory (%s)", where);
        st = CLI_EXIT_ERROR;
        goto out;
    }
    for (uint32_t i = 0; i < want; i++) {
        const char *why = "bad value";
        if (!cli_parse_value(o.args[i], ft->params[i], &args[i], &why)) {
            cli_error("argument %u of '%s': '%s' is not a valid %s: %s", (unsigned)i + 1, name, o.args[i],
                      cli_type_name(ft->params[i]), why);
            st = CLI_EXIT_USAGE;
            goto out;
        }
    }
    r = wisp_func_call(store, ext.of.func, args, want, results, ft->result_count);
    if (r.kind == WISP_OK) {
        for (uint32_t i = 0; i < ft->result_count; i++) cli_print_value(stdout, &results[i]);
        if (fflush(stdout) != 0) {
            cli_error("cannot write the results");
            st = CLI_EXIT_ERROR;
        }
        goto out;
    }
report:
    st = cli_report_result(&r, where, mod);
out:
    wisp_result_free(&r);
    free(args);
    free(results);
    if (linker) wisp_linker_free(linker);
    if (store) wisp_store_free(store);
    if (mod) wisp_module_free(mod);
    wisp_engine_free(engine);
    return st;
}
