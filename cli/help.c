/* `wisp help [COMMAND]`, `wisp --help` and `wisp --version`: usage texts. */
#include <string.h>

#include "cli.h"

void cli_version(FILE *f) { fprintf(f, "wisp %s\n", WISP_VERSION); }

void cli_usage(FILE *f) {
    fputs("wisp: a small, sandboxed WebAssembly 2.0 runtime\n"
          "\n"
          "usage: wisp <command> [options] [arguments]\n"
          "\n"
          "commands:\n"
          "  run [OPTIONS] MODULE [ARGS...]        run a WASI program (--dir, --env), or call an export\n"
          "                                        with --invoke NAME (see 'wisp help run')\n"
          "  validate MODULE...                    check that modules are well formed and valid\n"
          "  help [COMMAND]                        show this help, or the help of COMMAND\n"
          "  version                               print the version\n"
          "\n"
          "options:\n"
          "  -h, --help      show this help\n"
          "  -V, --version   print the version\n"
          "\n"
          "MODULE is the path of a binary .wasm module, or - for standard input. 'wisp MODULE ...' and\n"
          "'wisp --dir ... MODULE ...' are short for 'wisp run ...'.\n"
          "Exit status: 0 success, 1 error (the message names the file and the byte offset),\n"
          "2 bad command line, 134 the guest trapped, or the guest's own exit status.\n",
          f);
}

void cli_run_usage(FILE *f) {
    fputs("usage: wisp run [OPTIONS] MODULE [ARGS...]\n"
          "\n"
          "Loads, validates and instantiates MODULE (- reads standard input) with WASI preview1\n"
          "(wasi_snapshot_preview1), then runs its _start export with ARGS as the guest's argv (argv[0]\n"
          "is MODULE as given). The guest's stdin, stdout and stderr are wisp's own. Modules that\n"
          "import nothing run the same way.\n"
          "\n"
          "options:\n"
          "  --dir HOST[::GUEST]  give the guest the host directory HOST, under the name GUEST\n"
          "                       (default: HOST as written); repeatable. The guest cannot reach\n"
          "                       anything outside it: no .., no absolute paths, no symlinks out\n"
          "  --env NAME=VALUE     set a variable in the guest's environment; repeatable\n"
          "  --env NAME           pass the host's value of NAME (nothing if it is unset)\n"
          "  --invoke NAME        call the exported function NAME instead of _start (after the\n"
          "                       module's _initialize, if it has one), with ARGS converted to its\n"
          "                       parameter types, and print each result on its own line\n"
          "  -h, --help           show this help\n"
          "\n"
          "Argument syntax for --invoke:\n"
          "  i32, i64  decimal or 0x hex, signed or unsigned range (-1 and 4294967295 are the same i32)\n"
          "  f32, f64  decimal, hex float (0x1.8p3), inf, -inf, nan, nan:0xPAYLOAD\n"
          "  funcref, externref  null\n"
          "Integer results print as signed decimal, floats in the shortest form that reads back exactly.\n"
          "Options end at MODULE: everything after it is an argument (so -5 is a number).\n"
          "\n"
          "Exit status: the guest's own (proc_exit, or main's return value), its low 8 bits as for a\n"
          "native exit() (-1 gives 255); 0 when _start returns;\n"
          "134 on a trap (\"trap: <reason>\" and the wasm backtrace go to stderr); 1 when the module\n"
          "cannot be read, validated or linked, or a --dir cannot be opened; 2 for a bad command line.\n",
          f);
}

void cli_validate_usage(FILE *f) {
    fputs("usage: wisp validate MODULE...\n"
          "\n"
          "Decodes and validates each MODULE (- reads standard input) without running anything.\n"
          "Prints nothing and exits 0 if all are valid (like wasm-validate); otherwise prints one line\n"
          "per bad module, \"wisp: error: <what> (<file>, offset 0x...)\", and exits 1.\n",
          f);
}

int cli_help(int argc, char **argv) {
    if (argc < 2) {
        cli_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (argc > 2) return cli_usage_error("wisp help", "too many arguments to 'help'");
    if (strcmp(argv[1], "run") == 0) cli_run_usage(stdout);
    else if (strcmp(argv[1], "validate") == 0) cli_validate_usage(stdout);
    else if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "version") == 0) cli_usage(stdout);
    else return cli_usage_error("wisp help", "unknown command '%s'", argv[1]);
    return CLI_EXIT_OK;
}
