/* random: random_get of 0, 1, 16 and 1 MiB bytes, that two draws differ, and that a large draw
 * looks uniform (every byte value within a generous band of its expected count). Also libc's
 * arc4random_buf and getentropy, which sit on random_get. */
#include <unistd.h>

#include "guest.h"

int main(void) {
    uint8_t a[32], b[32];
    show("random_get 0 bytes", __wasi_random_get(a, 0));
    show("random_get 1 byte", __wasi_random_get(a, 1));
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    show("random_get 32 bytes", __wasi_random_get(a, 32));
    show("random_get 32 more", __wasi_random_get(b, 32));
    yes("two draws differ", memcmp(a, b, 32) != 0);
    int zeros = 0;
    for (int i = 0; i < 32; i++) zeros += a[i] == 0;
    yes("not all zero", zeros < 32);

    size_t n = 1 << 20;
    uint8_t *big = malloc(n);
    show("random_get 1 MiB", __wasi_random_get(big, n));
    unsigned counts[256] = {0};
    for (size_t i = 0; i < n; i++) counts[big[i]]++;
    /* Expected 4096 per value, standard deviation about 64: 3600..4600 is far outside chance. */
    int bad = 0;
    double chi = 0;
    for (int v = 0; v < 256; v++) {
        bad += counts[v] < 3600 || counts[v] > 4600;
        double d = (double)counts[v] - 4096.0;
        chi += d * d / 4096.0;
    }
    yes("every byte value near 4096 times", bad == 0);
    yes("chi-square plausible (150..380 for 255 degrees of freedom)", chi > 150 && chi < 380);
    free(big);

    memset(a, 0, sizeof a);
    arc4random_buf(a, sizeof a);
    zeros = 0;
    for (int i = 0; i < 32; i++) zeros += a[i] == 0;
    yes("arc4random_buf filled", zeros < 32);
    yes("getentropy", getentropy(b, sizeof b) == 0);
    return 0;
}
