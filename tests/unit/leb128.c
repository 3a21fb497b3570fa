/* LEB128 reader strictness: lengths, over-long encodings, unused bits, truncation. */
#include "base/leb128.h"
#include "check.h"

static size_t rd_u32(const uint8_t *b, size_t n, uint32_t *v) { return leb_u32(b, b + n, v); }
static size_t rd_s32(const uint8_t *b, size_t n, int32_t *v) { return leb_s32(b, b + n, v); }

int main(void) {
    uint32_t u;
    int32_t s;
    int64_t s64;
    uint64_t u64;
    CHECK(rd_u32((const uint8_t[]){0x00}, 1, &u) == 1 && u == 0);
    CHECK(rd_u32((const uint8_t[]){0xe5, 0x8e, 0x26}, 3, &u) == 3 && u == 624485);
    CHECK(rd_u32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x0f}, 5, &u) == 5 && u == UINT32_MAX);
    CHECK(rd_u32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x1f}, 5, &u) == 0); /* unused bits set */
    CHECK(rd_u32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 6, &u) == 0); /* too long */
    CHECK(rd_u32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x00}, 5, &u) == 5 && u == 0); /* padded ok */
    CHECK(rd_u32((const uint8_t[]){0x80, 0x80}, 2, &u) == 0); /* truncated */
    {
        const uint8_t t[] = {0x80, 0x80};
        CHECK(leb_why(t, t + 2, 32, 0) == LEB_TRUNCATED);
        const uint8_t l[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
        CHECK(leb_why(l, l + 6, 32, 0) == LEB_TOO_LONG);
        const uint8_t b[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
        CHECK(leb_why(b, b + 5, 32, 0) == LEB_TOO_BIG);
    }
    CHECK(rd_s32((const uint8_t[]){0x7f}, 1, &s) == 1 && s == -1);
    CHECK(rd_s32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x78}, 5, &s) == 5 && s == INT32_MIN);
    CHECK(rd_s32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x07}, 5, &s) == 5 && s == INT32_MAX);
    CHECK(rd_s32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x0f}, 5, &s) == 0); /* bad sign ext */
    CHECK(rd_s32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x70}, 5, &s) == 0);
    {
        const uint8_t b[] = {0x40};
        CHECK(leb_s33(b, b + 1, &s64) == 1 && s64 == -64);
    }
    {
        const uint8_t b[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
        CHECK(leb_s33(b, b + 5, &s64) == 5 && s64 == 0xffffffffLL);
    }
    {
        const uint8_t b[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
        CHECK(leb_s64(b, b + 10, &s64) == 10 && s64 == INT64_MIN);
        const uint8_t c[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
        CHECK(leb_u64(c, c + 10, &u64) == 10 && u64 == 0x8000000000000000ull);
        const uint8_t d[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02};
        CHECK(leb_u64(d, d + 10, &u64) == 0);
        CHECK(leb_s64(c, c + 10, &s64) == 0); /* sign bit 0 but payload bit set beyond */
    }
    /* The width-specific readers at every length, and their last-byte rules. */
    for (int k = 0; k < 64; k++) {
        for (int d = -1; d <= 1; d++) {
            uint8_t buf[10];
            uint64_t v = ((uint64_t)1 << k) + (uint64_t)(int64_t)d; /* wraps at k = 63 */
            int64_t vals[2] = {(int64_t)v, (int64_t)(0 - v)};
            for (int j = 0; j < 2; j++) {
                size_t n = leb_put_s64(buf, vals[j]);
                CHECK(leb_s64(buf, buf + n, &s64) == n && s64 == vals[j]);
                CHECK(leb_s64(buf, buf + n - 1, &s64) == 0); /* truncated */
                int32_t want32 = (int32_t)vals[j];
                if ((int64_t)want32 == vals[j]) CHECK(rd_s32(buf, n, &s) == n && s == want32);
                else CHECK(rd_s32(buf, n, &s) == 0); /* out of range or too long */
                if (vals[j] >= 0 && vals[j] <= (int64_t)UINT32_MAX) {
                    n = leb_put_u64(buf, (uint64_t)vals[j]);
                    CHECK(rd_u32(buf, n, &u) == n && u == (uint32_t)vals[j]);
                    CHECK(rd_u32(buf, n - 1, &u) == 0);
                }
            }
        }
    }
    {
        const uint8_t z[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
        CHECK(leb_s64(z, z + 10, &s64) == 10 && s64 == 0);
        const uint8_t m[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
        CHECK(leb_s64(m, m + 10, &s64) == 10 && s64 == -1);
        const uint8_t bad[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40};
        CHECK(leb_s64(bad, bad + 10, &s64) == 0);
        const uint8_t cont[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
        CHECK(leb_s64(cont, cont + 11, &s64) == 0);
        CHECK(rd_s32((const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0x7f}, 5, &s) == 5 && s == -1);
        CHECK(rd_s32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x08}, 5, &s) == 0); /* sign 1, extension 0 */
        CHECK(rd_s32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x87}, 5, &s) == 0); /* continuation */
        CHECK(rd_u32((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x8f}, 5, &u) == 0);
        CHECK(rd_s32((const uint8_t[]){0xc0, 0x00}, 2, &s) == 2 && s == 64);
        CHECK(rd_s32((const uint8_t[]){0x80, 0x40}, 2, &s) == 2 && s == -8192);
    }
    /* round trips */
    for (int64_t v = -100000; v <= 100000; v += 37) {
        uint8_t buf[10];
        size_t n = leb_put_s64(buf, v);
        CHECK(leb_s64(buf, buf + n, &s64) == n && s64 == v);
        n = leb_put_u64(buf, (uint64_t)v);
        CHECK(leb_u64(buf, buf + n, &u64) == n && u64 == (uint64_t)v);
    }
    CHECK_DONE();
}
