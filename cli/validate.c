/* `wisp validate MODULE...`: decodes and validates modules without running them; silent on
 * success (like wasm-validate and wasm-tools validate), one error line per bad module. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_validate(int argc, char **argv) {
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_validate_usage(stdout);
            return CLI_EXIT_OK;
        }
        return cli_usage_error("wisp validate --help", "unknown option '%s' for 'wisp validate'", argv[i]);
    }
    if (i >= argc) return cli_usage_error("wisp validate --help", "missing module path");

    struct wisp_engine *engine = wisp_engine_new(NULL);
    if (!engine) {
        cli_error("out of memory creating the engine");
        return CLI_EXIT_ERROR;
    }
    int status = CLI_EXIT_OK;
    for (; i < argc; i++) {
        const char *path = argv[i];
        uint8_t *bytes = NULL;
        size_t len = 0;
        if (!cli_read_module(path, &bytes, &len)) {
            status = CLI_EXIT_ERROR;
            continue;
        }
        struct wisp_result r = wisp_module_validate(engine, bytes, len);
        free(bytes);
        if (r.kind != WISP_OK) {
            cli_report_error(&r, strcmp(path, "-") == 0 ? "<stdin>" : path, NULL);
            status = CLI_EXIT_ERROR;
        }
        wisp_result_free(&r);
    }
    wisp_engine_free(engine);
    return status;
}
