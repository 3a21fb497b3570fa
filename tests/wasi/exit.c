/* exit: the ways a guest ends. `exit MODE [CODE]`:
 *   proc_exit CODE  raw proc_exit, deep inside a recursion (the guest stack must unwind to the host)
 *   exit CODE       libc exit(): flushes stdio first
 *   return CODE     main returns CODE (crt1 turns it into proc_exit)
 *   trap            unreachable: wisp run exits 134
 *   abort           libc abort(), which is a trap too */
#include "guest.h"

static volatile int depth_reached;

/* Recurses n levels, then proc_exits from the bottom. */
static int dive(int n, int code) {
    if (n == 0) {
        printf("exiting at depth %d with %d\n", depth_reached, code);
        fflush(stdout);
        __wasi_proc_exit((__wasi_exitcode_t)code);
    }
    depth_reached++;
    return dive(n - 1, code) + 1;
}

int main(int argc, char **argv) {
    if (argc < 2) return 99;
    const char *mode = argv[1];
    int code = argc > 2 ? atoi(argv[2]) : 0;
    printf("mode %s\n", mode);
    if (strcmp(mode, "proc_exit") == 0) {
        fflush(stdout);
        dive(200, code);
    } else if (strcmp(mode, "exit") == 0) {
        printf("buffered, flushed by exit()\n"); /* no fflush: exit() must flush it */
        exit(code);
    } else if (strcmp(mode, "return") == 0) {
        return code;
    } else if (strcmp(mode, "trap") == 0) {
        fflush(stdout);
        __builtin_trap();
    } else if (strcmp(mode, "abort") == 0) {
        fflush(stdout);
        abort();
    }
    printf("not reached\n");
    return 98;
}
