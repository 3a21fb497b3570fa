/* raise: the legacy proc_raise (dropped from wasi-libc's header, imported by hand here). Signals
 * mean nothing inside the sandbox: every call must fail with ENOSYS and the guest keeps running. */
#include "guest.h"

int main(void) {
    show("proc_raise 0 (none)", raw_proc_raise(0));
    show("proc_raise 6 (abrt)", raw_proc_raise(6));
    show("proc_raise 15 (term)", raw_proc_raise(15));
    show("proc_raise 9 (kill)", raw_proc_raise(9));
    show("proc_raise 200 (no such signal)", raw_proc_raise(200));
    yes("still running", 1);
    return 0;
}
