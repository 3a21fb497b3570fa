/* LEB128 readers with the binary format's strictness: no over-long or over-wide encodings. */
#ifndef WISP_BASE_LEB128_H
#define WISP_BASE_LEB128_H

#include <stddef.h>
#include <stdint.h>

/* Each reader decodes from p[0..end) and returns the number of bytes consumed, or 0 on error:
 * truncated input, more bytes than ceil(bits/7), or unused bits in the last byte that are not
 * zero (unsigned) or not a sign extension (signed). */
size_t leb_u32(const uint8_t *p, const uint8_t *end, uint32_t *out);
size_t leb_u64(const uint8_t *p, const uint8_t *end, uint64_t *out);
size_t leb_s32(const uint8_t *p, const uint8_t *end, int32_t *out);
size_t leb_s33(const uint8_t *p, const uint8_t *end, int64_t *out);
size_t leb_s64(const uint8_t *p, const uint8_t *end, int64_t *out);

/* Why the last read failed: distinguishes truncation from a bad encoding. */
enum leb_error { LEB_OK = 0, LEB_TRUNCATED, LEB_TOO_LONG, LEB_TOO_BIG };
/* Classifies a failure of the reader for `bits` bits (32/33/64), signed or not, at p. */
enum leb_error leb_why(const uint8_t *p, const uint8_t *end, unsigned bits, int is_signed);

/* Writers (used by tests and tools); return bytes written (at most 10). */
size_t leb_put_u64(uint8_t *out, uint64_t v);
size_t leb_put_s64(uint8_t *out, int64_t v);

#endif
