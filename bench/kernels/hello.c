/* hello.c: the startup benchmark's program: prints one line and exits. */
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
