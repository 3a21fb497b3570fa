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
          "  run [--invoke NAME] MODULE [ARGS...]  run MODULE's _start, or call its export NAME with ARGS\n"
          "  validate MODULE...                    check that modules are well formed and valid\n"
          "  help [COMMAND]                        show this help, or the help of COMMAND\n"
          "  version                               print the version\n"
          "\n"
          "options:\n"
          "  -h, --help      show this help\n"
          "  -V, --version   print the version\n"
          "\n"
          "MODULE is the path of a binary .wasm module, or - for standard input.\n"
          "Exit status: 0 success, 1 error (the message names the file and the byte offset),\n"
          "2 bad command line, 134 the guest trapped, or the guest's own exit status.\n",
          f);
}

void cli_run_usage(FILE *f) {
    fputs("usage: wisp run [--invoke NAME] MODULE [ARGS...]\n"
          "\n"
          "Loads, validates and instantiates MODULE (- reads standard input), then calls its _start\n"
          "export, or with --invoke the exported function NAME with ARGS converted to its parameter\n"
          "types, and prints each result on its own line.\n"
          "\n"
          "  i32, i64  decimal or 0x hex, signed or unsigned range (-1 and 4294967295 are the same i32)\n"
          "  f32, f64  decimal, hex float (0x1.8p3), inf, -inf, nan, nan:0xPAYLOAD\n"
          "  funcref, externref  null\n"
          "Integer results print as signed decimal, floats in the shortest form that reads back exactly.\n"
          "Options end at MODULE: everything after it is an argument (so -5 is a number).\n"
          "Without --invoke, ARGS are meant for the guest's own argv (WASI); they are ignored for now.\n"
          "\n"
          "options:\n"
          "  --invoke NAME   call the exported function NAME instead of _start\n"
          "  -h, --help      show this help\n"
          "\n"
          "On a trap, prints \"trap: <reason>\" and the wasm backtrace on stderr and exits with 134.\n",
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
