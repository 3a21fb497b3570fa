/* `wisp run [--dir HOST[::GUEST]]... [--env NAME=VAL | --env NAME]... [--invoke NAME] MODULE [ARGS...]`:
 * instantiates a module with a WASI context (argv, environment, preopened directories, the host's
 * stdio) and runs its _start, or calls an export with arguments parsed by its parameter types. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wisp_wasi.h"

/* wasm frames before "call stack exhausted" under `wisp run` (see cli_run). */
#define CLI_RUN_MAX_CALL_DEPTH 100000u

struct run_opts {
    const char *invoke; /* NULL: _start */
    const char *path;
    char **args;
    int nargs;
    const char **dirs; /* --dir values, in order (each HOST or HOST::GUEST) */
    int ndirs;
    const char **envs; /* --env values, in order (each NAME=VALUE or NAME) */
    int nenvs;
};

/* Takes the value of an option given as "--opt VALUE" or "--opt=VALUE"; NULL if a is not opt.
 * *missing is set when the value is absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *opt, bool *missing) {
    size_t n = strlen(opt);
    const char *a = argv[*i];
    if (strncmp(a, opt, n) != 0) return NULL;
    if (a[n] == '=') return a + n + 1;
    if (a[n] != '\0') return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

/* Options come before MODULE; everything after it belongs to the guest (or to --invoke's call). */
static int parse_opts(int argc, char **argv, struct run_opts *o, bool *help) {
    int i = 1;
    *help = false;
    /* Every --dir/--env takes at least two argv slots, so argc bounds the lists. */
    o->dirs = calloc((size_t)argc, sizeof *o->dirs);
    o->envs = calloc((size_t)argc, sizeof *o->envs);
    if (!o->dirs || !o->envs) {
        cli_error("out of memory parsing the command line");
        return CLI_EXIT_ERROR;
    }
    for (; i < argc; i++) {
        const char *a = argv[i], *v;
        bool missing = false;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == '\0') break; /* MODULE (or - for stdin) */
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            *help = true;
            return CLI_EXIT_OK;
        }
        if ((v = opt_value(argc, argv, &i, "--invoke", &missing))) {
            o->invoke = v;
        } else if ((v = opt_value(argc, argv, &i, "--dir", &missing))) {
            if (!*v || strncmp(v, "::", 2) == 0)
                return cli_usage_error("wisp run --help", "--dir needs a host directory: --dir HOST[::GUEST]");
            o->dirs[o->ndirs++] = v;
        } else if ((v = opt_value(argc, argv, &i, "--env", &missing))) {
            if (!*v || *v == '=')
                return cli_usage_error("wisp run --help", "--env needs a variable name: --env NAME=VALUE or --env NAME");
            o->envs[o->nenvs++] = v;
        } else if (missing) {
            return cli_usage_error("wisp run --help", "%s needs %s", a,
                                   strcmp(a, "--invoke") == 0 ? "a function name"
                                   : strcmp(a, "--dir") == 0  ? "a directory: --dir HOST[::GUEST]"
                                                              : "a variable: --env NAME=VALUE or --env NAME");
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

/* Fills the WASI context from the options: argv is MODULE ARGS..., then the environment and the
 * preopens. Prints the error and returns false on failure. */
static bool setup_wasi(struct wisp_wasi *wasi, const struct run_opts *o) {
    const char **argv = malloc(((size_t)o->nargs + 1) * sizeof *argv);
    if (!argv) {
        cli_error("out of memory");
        return false;
    }
    argv[0] = o->path;
    for (int i = 0; i < o->nargs; i++) argv[i + 1] = o->args[i];
    struct wisp_result r = wisp_wasi_set_args(wasi, (size_t)o->nargs + 1, argv);
    free(argv);
    if (r.kind != WISP_OK) {
        cli_error("cannot set the guest's arguments: %s", r.message ? r.message : "error");
        wisp_result_free(&r);
        return false;
    }
    for (int i = 0; i < o->nenvs; i++) {
        const char *e = o->envs[i], *eq = strchr(e, '=');
        char *name = eq ? malloc((size_t)(eq - e) + 1) : NULL;
        const char *value;
        if (eq) {
            if (!name) {
                cli_error("out of memory");
                return false;
            }
            memcpy(name, e, (size_t)(eq - e));
            name[eq - e] = '\0';
            value = eq + 1;
        } else {
            value = getenv(e); /* --env NAME: the host's value; nothing if the host has none */
            if (!value) continue;
        }
        r = wisp_wasi_add_env(wasi, name ? name : e, value);
        free(name);
        if (r.kind != WISP_OK) {
            cli_error("%s (--env %s)", r.message ? r.message : "bad environment variable", e);
            wisp_result_free(&r);
            return false;
        }
    }
    for (int i = 0; i < o->ndirs; i++) {
        const char *d = o->dirs[i], *sep = strstr(d, "::");
        char *host = NULL;
        if (sep) {
            host = malloc((size_t)(sep - d) + 1);
            if (!host) {
                cli_error("out of memory");
                return false;
            }
            memcpy(host, d, (size_t)(sep - d));
            host[sep - d] = '\0';
        }
        const char *guest = sep ? sep + 2 : d;
        if (!*guest) {
            cli_error("empty guest path (--dir %s); use --dir HOST::GUEST", d);
            free(host);
            return false;
        }
        r = wisp_wasi_preopen_dir(wasi, host ? host : d, guest, 0);
        free(host);
        if (r.kind != WISP_OK) {
            cli_error("%s (--dir %s)", r.message ? r.message : "cannot open the directory", d);
            wisp_result_free(&r);
            return false;
        }
    }
    return true;
}

int cli_run(int argc, char **argv) {
    struct run_opts o = {0};
    bool help;
    int st = parse_opts(argc, argv, &o, &help);
    if (st != CLI_EXIT_OK || help) {
        if (st == CLI_EXIT_OK) cli_run_usage(stdout);
        free(o.dirs);
        free(o.envs);
        return st;
    }
    const char *where = strcmp(o.path, "-") == 0 ? "<stdin>" : o.path;
    struct wisp_engine *engine = NULL;
    struct wisp_module *mod = NULL;
    struct wisp_store *store = NULL;
    struct wisp_linker *linker = NULL;
    struct wisp_wasi *wasi = NULL;
    struct wisp_instance *inst = NULL;
    struct wisp_value *args = NULL, *results = NULL;
    struct wisp_result r = wisp_ok();
    uint8_t *bytes = NULL;
    size_t len = 0;

    /* The WASI context first: a bad --dir is reported before the module is even read. */
    /* A deeper wasm call stack than the library's default of 10,000 frames: V8 (Node) lets small
     * wasm frames recurse about 20,000 deep in its 1 MiB of stack, and real programs (recursive
     * parsers, tree walks, interpreters) that run there must not trap here. Frames cost 32 bytes
     * of bookkeeping each, and the 8 MiB value stack still bounds frames with many locals. */
    struct wisp_config cfg;
    wisp_config_init(&cfg);
    cfg.max_call_depth = CLI_RUN_MAX_CALL_DEPTH;
    engine = wisp_engine_new(&cfg);
    wasi = engine ? wisp_wasi_new(engine) : NULL;
    if (!wasi) {
        cli_error("out of memory creating the engine");
        st = CLI_EXIT_ERROR;
        goto out;
    }
    if (!setup_wasi(wasi, &o)) {
        st = CLI_EXIT_ERROR;
        goto out;
    }
    if (!cli_read_module(o.path, &bytes, &len)) {
        st = CLI_EXIT_ERROR;
        goto out;
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
    /* WASI is always there; a module that imports none of it simply does not see it. */
    r = wisp_wasi_define(wasi, linker);
    if (r.kind != WISP_OK) goto report;
#ifdef SIGPIPE
    /* A guest writing to a closed pipe (`wisp run prog.wasm | head -1`) gets EPIPE from fd_write
     * and decides for itself, as under wasmtime and Node, instead of wisp being killed by SIGPIPE
     * in the middle of the guest's run. */
    signal(SIGPIPE, SIG_IGN);
#endif
    r = wisp_linker_instantiate(linker, mod, &inst); /* runs the start function, which may exit */
    if (r.kind != WISP_OK) goto report;

    struct wisp_extern ext;
    if (o.invoke) {
        /* A reactor gets its _initialize before any export is called (as wasmtime does). */
        if (wisp_instance_export(inst, "_initialize", &ext) && ext.kind == WISP_EXTERN_FUNC &&
            wisp_func_type(ext.of.func)->param_count == 0 && wisp_func_type(ext.of.func)->result_count == 0) {
            r = wisp_func_call(store, ext.of.func, NULL, 0, NULL, 0);
            if (r.kind != WISP_OK) goto report;
        }
    }
    const char *name = o.invoke ? o.invoke : "_start";
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
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error("cannot write the results to standard output: %s (%s)", strerror(errno), where);
            st = CLI_EXIT_ERROR;
        }
        goto out;
    }
report:
    /* Whatever the guest wrote through stdio went straight to the host fds; flush ours before
     * reporting so the order on a shared terminal stays right. */
    fflush(stdout);
    st = cli_report_result(&r, where, mod);
out:
    wisp_result_free(&r);
    free(args);
    free(results);
    free(o.dirs);
    free(o.envs);
    if (linker) wisp_linker_free(linker);
    if (store) wisp_store_free(store);
    if (wasi) wisp_wasi_free(wasi);
    if (mod) wisp_module_free(mod);
    if (engine) wisp_engine_free(engine);
    return st;
}
