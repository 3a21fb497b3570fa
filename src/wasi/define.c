/* Registers the 46 wasi_snapshot_preview1 functions in a linker, each with its exact wasm
 * signature, and the one trampoline that turns a host call into an implementation call: it takes
 * the caller's memory, runs the function and stores its errno (or unwinds on proc_exit). */
#include <string.h>

#include "wasi_internal.h"

/* Parameter signatures: 'i' = i32, 'I' = i64. Every function returns an i32 errno except
 * proc_exit, which returns nothing. */
struct wasi_func_desc {
    const char *name;
    const char *params;
    wasi_impl_fn fn;
    bool no_result;
};

#define F(name, params) {#name, params, wasi_##name, false}
static const struct wasi_func_desc wasi_funcs[WASI_NFUNCS] = {
    F(args_get, "ii"),
    F(args_sizes_get, "ii"),
    F(environ_get, "ii"),
    F(environ_sizes_get, "ii"),
    F(clock_res_get, "ii"),
    F(clock_time_get, "iIi"),
    F(fd_advise, "iIIi"),
    F(fd_allocate, "iII"),
    F(fd_close, "i"),
    F(fd_datasync, "i"),
    F(fd_fdstat_get, "ii"),
    F(fd_fdstat_set_flags, "ii"),
    F(fd_fdstat_set_rights, "iII"),
    F(fd_filestat_get, "ii"),
    F(fd_filestat_set_size, "iI"),
    F(fd_filestat_set_times, "iIIi"),
    F(fd_pread, "iiiIi"),
    F(fd_prestat_get, "ii"),
    F(fd_prestat_dir_name, "iii"),
    F(fd_pwrite, "iiiIi"),
    F(fd_read, "iiii"),
    F(fd_readdir, "iiiIi"),
    F(fd_renumber, "ii"),
    F(fd_seek, "iIii"),
    F(fd_sync, "i"),
    F(fd_tell, "ii"),
    F(fd_write, "iiii"),
    F(path_create_directory, "iii"),
    F(path_filestat_get, "iiiii"),
    F(path_filestat_set_times, "iiiiIIi"),
    F(path_link, "iiiiiii"),
    F(path_open, "iiiiiIIii"),
    F(path_readlink, "iiiiii"),
    F(path_remove_directory, "iii"),
    F(path_rename, "iiiiii"),
    F(path_symlink, "iiiii"),
    F(path_unlink_file, "iii"),
    F(poll_oneoff, "iiii"),
    {"proc_exit", "i", wasi_proc_exit, true},
    F(proc_raise, "i"),
    F(sched_yield, ""),
    F(random_get, "ii"),
    F(sock_accept, "iii"),
    F(sock_recv, "iiiiii"),
    F(sock_send, "iiiii"),
    F(sock_shutdown, "ii"),
};
#undef F

static struct wisp_result wasi_trampoline(void *env, struct wisp_caller *caller, const struct wisp_value *args,
                                          struct wisp_value *results) {
    const struct wasi_binding *b = env;
    struct wasi_call c;
    memset(&c, 0, sizeof c);
    c.w = b->wasi;
    struct wisp_memory *m = wisp_caller_memory(caller);
    if (m) {
        c.mem = wisp_memory_data(m);
        c.mem_size = wisp_memory_size(m);
    }
    uint16_t err = b->desc->fn(&c, args);
    if (c.exiting) return wisp_exit_new(c.exit_code);
    if (!b->desc->no_result) {
        results[0].type = WISP_I32;
        results[0].of.i32 = err;
    }
    return wisp_ok();
}

struct wisp_result wisp_wasi_define(struct wisp_wasi *wasi, struct wisp_linker *linker) {
    if (!wasi || !linker) {
        struct wisp_result r = wisp_ok();
        r.kind = WISP_ERROR;
        r.error = WISP_ERR_ARGUMENT;
        r.message = (char *)(uintptr_t)"NULL context or linker"; /* static: owner_ stays NULL */
        return r;
    }
    static const uint8_t result_i32[1] = {WISP_I32};
    for (size_t i = 0; i < WASI_NFUNCS; i++) {
        const struct wasi_func_desc *d = &wasi_funcs[i];
        uint8_t params[16];
        size_t np = strlen(d->params);
        for (size_t k = 0; k < np; k++) params[k] = d->params[k] == 'I' ? WISP_I64 : WISP_I32;
        struct wisp_functype ft = {(uint32_t)np, d->no_result ? 0u : 1u, params, result_i32};
        wasi->bindings[i].wasi = wasi;
        wasi->bindings[i].desc = d;
        struct wisp_result r = wisp_linker_define_func(linker, "wasi_snapshot_preview1", d->name, &ft,
                                                       wasi_trampoline, &wasi->bindings[i], NULL);
        if (r.kind != WISP_OK) return r;
    }
    return wisp_ok();
}
