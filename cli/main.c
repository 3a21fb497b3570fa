/* The `wisp` command: dispatches to the subcommands in cli/ (run.c, validate.c, help.c). Like any
 * embedder it uses only the public API, include/wisp.h. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* `wisp MODULE ...` and `wisp --dir ... MODULE ...` mean `wisp run ...`, as with wasmtime: true
 * for run's own options, for an argument that names a file that can be opened, and for one that
 * reads as a path (a '/' or a .wasm ending), so that a missing module is reported as a missing
 * file rather than as an unknown command. */
static bool implicit_run(const char *arg) {
    static const char *const opts[] = {"--dir", "--env", "--invoke"};
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
        size_t n = strlen(opts[i]);
        if (strncmp(arg, opts[i], n) == 0 && (arg[n] == '\0' || arg[n] == '=')) return true;
    }
    if (arg[0] == '-') return false;
    size_t len = strlen(arg);
    if (strchr(arg, '/') || (len > 5 && strcmp(arg + len - 5, ".wasm") == 0)) return true;
    FILE *f = fopen(arg, "rb");
    if (!f) return false;
    fclose(f);
    return true;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        cli_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0) return cli_run(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0) return cli_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        if (cmd[0] == '-' && argc > 2) return cli_usage_error("wisp --help", "unexpected argument '%s'", argv[2]);
        return cli_help(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        if (argc > 2) return cli_usage_error("wisp --help", "unexpected argument '%s'", argv[2]);
        cli_version(stdout);
        return CLI_EXIT_OK;
    }
    if (implicit_run(cmd)) return cli_run(argc, argv); /* argv[0] stands where "run" would */
    if (cmd[0] == '-') return cli_usage_error("wisp --help", "unknown option '%s'", cmd);
    return cli_usage_error("wisp --help", "unknown command '%s'", cmd);
}
