/* Shared pieces of the `wisp` command (cli/): subcommand entry points, error reporting in the
 * one-line "wisp: error: <what> (<where>)" form, module file reading, and value parsing/printing. */
#ifndef WISP_CLI_H
#define WISP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wisp.h"

#if defined(__GNUC__) || defined(__clang__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* Exit statuses. A guest's own exit status (WASI proc_exit) is passed through as is. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_ERROR = 1, /* could not load, validate, link or call */
    CLI_EXIT_USAGE = 2, /* bad command line */
    CLI_EXIT_TRAP = 134 /* the guest trapped (as wasmtime: 128 + SIGABRT) */
};

/* The largest module file the CLI reads (the engine may impose its own limits below this). */
#define CLI_MAX_MODULE_BYTES ((uint64_t)1 << 30)

/* Subcommands: argv[0] is the subcommand's name; the return value is the exit status. */
int cli_run(int argc, char **argv);
int cli_validate(int argc, char **argv);
int cli_help(int argc, char **argv);

/* Help texts (cli/help.c). */
void cli_usage(FILE *f);
void cli_run_usage(FILE *f);
void cli_validate_usage(FILE *f);
void cli_version(FILE *f);

/* Prints "wisp: error: <formatted>" as exactly one line on stderr: control characters and bytes
 * that are not UTF-8 (from paths, names, arguments) are shown as \xNN. */
void cli_error(const char *fmt, ...) CLI_PRINTF(1, 2);
/* A command-line error: the message plus a hint to `hint` (e.g. "wisp run --help"); returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const char *hint, const char *fmt, ...) CLI_PRINTF(2, 3);
/* Prints an error result from the engine as one line naming path and, when known, the byte
 * offset and function. Returns CLI_EXIT_ERROR. */
int cli_report_error(const struct wisp_result *r, const char *path, const struct wisp_module *mod);
/* Prints "trap: <reason>" and the wasm backtrace on stderr. Returns CLI_EXIT_TRAP. */
int cli_report_trap(const struct wisp_result *r);
/* Reports any non-OK result: error, trap or exit; returns the exit status to use. */
int cli_report_result(const struct wisp_result *r, const char *path, const struct wisp_module *mod);

/* Reads a whole module file ("-" is standard input) into a malloc'd buffer. On failure prints the
 * error naming the path (and strerror) and returns false. */
bool cli_read_module(const char *path, uint8_t **bytes, size_t *len);

/* Parses a command-line argument as a value of the given type: integers in decimal or 0x hex,
 * signed or unsigned range; floats in decimal, hex-float, inf, nan or nan:0xPAYLOAD; "null" for
 * references. On failure returns false and sets *why. */
bool cli_parse_value(const char *s, uint8_t type, struct wisp_value *out, const char **why);
/* Prints a value the way `wisp run --invoke` shows results (integers signed, floats in a form
 * cli_parse_value reads back to the same bits). */
void cli_print_value(FILE *f, const struct wisp_value *v);
const char *cli_type_name(uint8_t type);

#endif
