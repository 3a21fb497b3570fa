/* Unit tests for src/interp/numeric.h: the official spec-test expectations for its operators (as a
 * table of bit patterns) plus hand-picked edge cases and randomized cross-checks. */
#include "check.h"
#include "interp/numeric.h"

enum spec_kind {
    K_VAL, /* exact result bits */
    K_CAN, /* nan:canonical */
    K_ARI, /* nan:arithmetic */
    K_OVF, /* trap "integer overflow" */
    K_INV  /* trap "invalid conversion to integer" */
};

struct spec_case {
    int op;
    uint64_t a, b, r;
    int kind;
};

/* ---- spec expectations: conversions.wast, f32.wast, f64.wast, float_misc.wast,
 * f32_bitwise.wast, f64_bitwise.wast, i32.wast, i64.wast (operands and results as bit patterns;
 * min/max/copysign, which the .wast files test as 20x20 / 18x18 products, are checked below) */
enum spec_op {
    OP_F32_ABS,
    OP_F32_CEIL,
    OP_F32_CONVERT_I32_S,
    OP_F32_CONVERT_I32_U,
    OP_F32_CONVERT_I64_S,
    OP_F32_CONVERT_I64_U,
    OP_F32_COPYSIGN,
    OP_F32_DEMOTE_F64,
    OP_F32_FLOOR,
    OP_F32_MAX,
    OP_F32_MIN,
    OP_F32_NEAREST,
    OP_F32_NEG,
    OP_F32_REINTERPRET_I32,
    OP_F32_SQRT,
    OP_F32_TRUNC,
    OP_F64_ABS,
    OP_F64_CEIL,
    OP_F64_CONVERT_I32_S,
    OP_F64_CONVERT_I32_U,
    OP_F64_CONVERT_I64_S,
    OP_F64_CONVERT_I64_U,
    OP_F64_COPYSIGN,
    OP_F64_FLOOR,
    OP_F64_MAX,
    OP_F64_MIN,
    OP_F64_NEAREST,
    OP_F64_NEG,
    OP_F64_PROMOTE_F32,
    OP_F64_REINTERPRET_I64,
    OP_F64_SQRT,
    OP_F64_TRUNC,
    OP_I32_CLZ,
    OP_I32_CTZ,
    OP_I32_POPCNT,
    OP_I32_REINTERPRET_F32,
    OP_I32_ROTL,
    OP_I32_ROTR,
    OP_I32_TRUNC_F32_S,
    OP_I32_TRUNC_F32_U,
    OP_I32_TRUNC_F64_S,
    OP_I32_TRUNC_F64_U,
    OP_I32_TRUNC_SAT_F32_S,
    OP_I32_TRUNC_SAT_F32_U,
    OP_I32_TRUNC_SAT_F64_S,
    OP_I32_TRUNC_SAT_F64_U,
    OP_I64_CLZ,
    OP_I64_CTZ,
    OP_I64_POPCNT,
    OP_I64_REINTERPRET_F64,
    OP_I64_ROTL,
    OP_I64_ROTR,
    OP_I64_TRUNC_F32_S,
    OP_I64_TRUNC_F32_U,
    OP_I64_TRUNC_F64_S,
    OP_I64_TRUNC_F64_U,
    OP_I64_TRUNC_SAT_F32_S,
    OP_I64_TRUNC_SAT_F32_U,
    OP_I64_TRUNC_SAT_F64_S,
    OP_I64_TRUNC_SAT_F64_U,
};
static const struct spec_case spec_cases[] = {
    {OP_I32_TRUNC_F32_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:64 */
    {OP_I32_TRUNC_F32_S, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:65 */
    {OP_I32_TRUNC_F32_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:66 */
    {OP_I32_TRUNC_F32_S, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:67 */
    {OP_I32_TRUNC_F32_S, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:68 */
    {OP_I32_TRUNC_F32_S, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:69 */
    {OP_I32_TRUNC_F32_S, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:70 */
    {OP_I32_TRUNC_F32_S, 0xbf800000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:71 */
    {OP_I32_TRUNC_F32_S, 0xbf8ccccd, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:72 */
    {OP_I32_TRUNC_F32_S, 0xbfc00000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:73 */
    {OP_I32_TRUNC_F32_S, 0xbff33333, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:74 */
    {OP_I32_TRUNC_F32_S, 0xc0000000, 0x0, 0xfffffffe, K_VAL}, /* conversions.wast:75 */
    {OP_I32_TRUNC_F32_S, 0x4effffff, 0x0, 0x7fffff80, K_VAL}, /* conversions.wast:76 */
    {OP_I32_TRUNC_F32_S, 0xcf000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:77 */
    {OP_I32_TRUNC_F32_S, 0x4f000000, 0x0, 0x0, K_OVF}, /* conversions.wast:78 */
    {OP_I32_TRUNC_F32_S, 0xcf000001, 0x0, 0x0, K_OVF}, /* conversions.wast:79 */
    {OP_I32_TRUNC_F32_S, 0x7f800000, 0x0, 0x0, K_OVF}, /* conversions.wast:80 */
    {OP_I32_TRUNC_F32_S, 0xff800000, 0x0, 0x0, K_OVF}, /* conversions.wast:81 */
    {OP_I32_TRUNC_F32_S, 0x7fc00000, 0x0, 0x0, K_INV}, /* conversions.wast:82 */
    {OP_I32_TRUNC_F32_S, 0x7fa00000, 0x0, 0x0, K_INV}, /* conversions.wast:83 */
    {OP_I32_TRUNC_F32_S, 0xffc00000, 0x0, 0x0, K_INV}, /* conversions.wast:84 */
    {OP_I32_TRUNC_F32_S, 0xffa00000, 0x0, 0x0, K_INV}, /* conversions.wast:85 */
    {OP_I32_TRUNC_F32_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:87 */
    {OP_I32_TRUNC_F32_U, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:88 */
    {OP_I32_TRUNC_F32_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:89 */
    {OP_I32_TRUNC_F32_U, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:90 */
    {OP_I32_TRUNC_F32_U, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:91 */
    {OP_I32_TRUNC_F32_U, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:92 */
    {OP_I32_TRUNC_F32_U, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:93 */
    {OP_I32_TRUNC_F32_U, 0x3ff33333, 0x0, 0x1, K_VAL}, /* conversions.wast:94 */
    {OP_I32_TRUNC_F32_U, 0x40000000, 0x0, 0x2, K_VAL}, /* conversions.wast:95 */
    {OP_I32_TRUNC_F32_U, 0x4f000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:96 */
    {OP_I32_TRUNC_F32_U, 0x4f7fffff, 0x0, 0xffffff00, K_VAL}, /* conversions.wast:97 */
    {OP_I32_TRUNC_F32_U, 0xbf666666, 0x0, 0x0, K_VAL}, /* conversions.wast:98 */
    {OP_I32_TRUNC_F32_U, 0xbf7fffff, 0x0, 0x0, K_VAL}, /* conversions.wast:99 */
    {OP_I32_TRUNC_F32_U, 0x4f800000, 0x0, 0x0, K_OVF}, /* conversions.wast:100 */
    {OP_I32_TRUNC_F32_U, 0xbf800000, 0x0, 0x0, K_OVF}, /* conversions.wast:101 */
    {OP_I32_TRUNC_F32_U, 0x7f800000, 0x0, 0x0, K_OVF}, /* conversions.wast:102 */
    {OP_I32_TRUNC_F32_U, 0xff800000, 0x0, 0x0, K_OVF}, /* conversions.wast:103 */
    {OP_I32_TRUNC_F32_U, 0x7fc00000, 0x0, 0x0, K_INV}, /* conversions.wast:104 */
    {OP_I32_TRUNC_F32_U, 0x7fa00000, 0x0, 0x0, K_INV}, /* conversions.wast:105 */
    {OP_I32_TRUNC_F32_U, 0xffc00000, 0x0, 0x0, K_INV}, /* conversions.wast:106 */
    {OP_I32_TRUNC_F32_U, 0xffa00000, 0x0, 0x0, K_INV}, /* conversions.wast:107 */
    {OP_I32_TRUNC_F64_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:109 */
    {OP_I32_TRUNC_F64_S, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:110 */
    {OP_I32_TRUNC_F64_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:111 */
    {OP_I32_TRUNC_F64_S, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:112 */
    {OP_I32_TRUNC_F64_S, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:113 */
    {OP_I32_TRUNC_F64_S, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:114 */
    {OP_I32_TRUNC_F64_S, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:115 */
    {OP_I32_TRUNC_F64_S, 0xbff0000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:116 */
    {OP_I32_TRUNC_F64_S, 0xbff199999999999a, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:117 */
    {OP_I32_TRUNC_F64_S, 0xbff8000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:118 */
    {OP_I32_TRUNC_F64_S, 0xbffe666666666666, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:119 */
    {OP_I32_TRUNC_F64_S, 0xc000000000000000, 0x0, 0xfffffffe, K_VAL}, /* conversions.wast:120 */
    {OP_I32_TRUNC_F64_S, 0x41dfffffffc00000, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:121 */
    {OP_I32_TRUNC_F64_S, 0xc1e0000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:122 */
    {OP_I32_TRUNC_F64_S, 0xc1e00000001ccccd, 0x0, 0x80000000, K_VAL}, /* conversions.wast:123 */
    {OP_I32_TRUNC_F64_S, 0x41dffffffff9999a, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:124 */
    {OP_I32_TRUNC_F64_S, 0x41e0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:125 */
    {OP_I32_TRUNC_F64_S, 0xc1e0000000200000, 0x0, 0x0, K_OVF}, /* conversions.wast:126 */
    {OP_I32_TRUNC_F64_S, 0x7ff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:127 */
    {OP_I32_TRUNC_F64_S, 0xfff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:128 */
    {OP_I32_TRUNC_F64_S, 0x7ff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:129 */
    {OP_I32_TRUNC_F64_S, 0x7ff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:130 */
    {OP_I32_TRUNC_F64_S, 0xfff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:131 */
    {OP_I32_TRUNC_F64_S, 0xfff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:132 */
    {OP_I32_TRUNC_F64_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:134 */
    {OP_I32_TRUNC_F64_U, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:135 */
    {OP_I32_TRUNC_F64_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:136 */
    {OP_I32_TRUNC_F64_U, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:137 */
    {OP_I32_TRUNC_F64_U, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:138 */
    {OP_I32_TRUNC_F64_U, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:139 */
    {OP_I32_TRUNC_F64_U, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:140 */
    {OP_I32_TRUNC_F64_U, 0x3ffe666666666666, 0x0, 0x1, K_VAL}, /* conversions.wast:141 */
    {OP_I32_TRUNC_F64_U, 0x4000000000000000, 0x0, 0x2, K_VAL}, /* conversions.wast:142 */
    {OP_I32_TRUNC_F64_U, 0x41e0000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:143 */
    {OP_I32_TRUNC_F64_U, 0x41efffffffe00000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:144 */
    {OP_I32_TRUNC_F64_U, 0xbfeccccccccccccd, 0x0, 0x0, K_VAL}, /* conversions.wast:145 */
    {OP_I32_TRUNC_F64_U, 0xbfefffffffffffff, 0x0, 0x0, K_VAL}, /* conversions.wast:146 */
    {OP_I32_TRUNC_F64_U, 0x4197d78400000000, 0x0, 0x5f5e100, K_VAL}, /* conversions.wast:147 */
    {OP_I32_TRUNC_F64_U, 0x41effffffffccccd, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:149 */
    {OP_I32_TRUNC_F64_U, 0x41f0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:150 */
    {OP_I32_TRUNC_F64_U, 0xbff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:151 */
    {OP_I32_TRUNC_F64_U, 0x4341c37937e08000, 0x0, 0x0, K_OVF}, /* conversions.wast:152 */
    {OP_I32_TRUNC_F64_U, 0x46293e5939a08cea, 0x0, 0x0, K_OVF}, /* conversions.wast:153 */
    {OP_I32_TRUNC_F64_U, 0x43e0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:154 */
    {OP_I32_TRUNC_F64_U, 0x7ff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:155 */
    {OP_I32_TRUNC_F64_U, 0xfff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:156 */
    {OP_I32_TRUNC_F64_U, 0x7ff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:157 */
    {OP_I32_TRUNC_F64_U, 0x7ff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:158 */
    {OP_I32_TRUNC_F64_U, 0xfff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:159 */
    {OP_I32_TRUNC_F64_U, 0xfff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:160 */
    {OP_I64_TRUNC_F32_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:162 */
    {OP_I64_TRUNC_F32_S, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:163 */
    {OP_I64_TRUNC_F32_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:164 */
    {OP_I64_TRUNC_F32_S, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:165 */
    {OP_I64_TRUNC_F32_S, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:166 */
    {OP_I64_TRUNC_F32_S, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:167 */
    {OP_I64_TRUNC_F32_S, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:168 */
    {OP_I64_TRUNC_F32_S, 0xbf800000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:169 */
    {OP_I64_TRUNC_F32_S, 0xbf8ccccd, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:170 */
    {OP_I64_TRUNC_F32_S, 0xbfc00000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:171 */
    {OP_I64_TRUNC_F32_S, 0xbff33333, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:172 */
    {OP_I64_TRUNC_F32_S, 0xc0000000, 0x0, 0xfffffffffffffffe, K_VAL}, /* conversions.wast:173 */
    {OP_I64_TRUNC_F32_S, 0x4f800000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:174 */
    {OP_I64_TRUNC_F32_S, 0xcf800000, 0x0, 0xffffffff00000000, K_VAL}, /* conversions.wast:175 */
    {OP_I64_TRUNC_F32_S, 0x5effffff, 0x0, 0x7fffff8000000000, K_VAL}, /* conversions.wast:176 */
    {OP_I64_TRUNC_F32_S, 0xdf000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:177 */
    {OP_I64_TRUNC_F32_S, 0x5f000000, 0x0, 0x0, K_OVF}, /* conversions.wast:178 */
    {OP_I64_TRUNC_F32_S, 0xdf000001, 0x0, 0x0, K_OVF}, /* conversions.wast:179 */
    {OP_I64_TRUNC_F32_S, 0x7f800000, 0x0, 0x0, K_OVF}, /* conversions.wast:180 */
    {OP_I64_TRUNC_F32_S, 0xff800000, 0x0, 0x0, K_OVF}, /* conversions.wast:181 */
    {OP_I64_TRUNC_F32_S, 0x7fc00000, 0x0, 0x0, K_INV}, /* conversions.wast:182 */
    {OP_I64_TRUNC_F32_S, 0x7fa00000, 0x0, 0x0, K_INV}, /* conversions.wast:183 */
    {OP_I64_TRUNC_F32_S, 0xffc00000, 0x0, 0x0, K_INV}, /* conversions.wast:184 */
    {OP_I64_TRUNC_F32_S, 0xffa00000, 0x0, 0x0, K_INV}, /* conversions.wast:185 */
    {OP_I64_TRUNC_F32_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:187 */
    {OP_I64_TRUNC_F32_U, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:188 */
    {OP_I64_TRUNC_F32_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:189 */
    {OP_I64_TRUNC_F32_U, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:190 */
    {OP_I64_TRUNC_F32_U, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:191 */
    {OP_I64_TRUNC_F32_U, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:192 */
    {OP_I64_TRUNC_F32_U, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:193 */
    {OP_I64_TRUNC_F32_U, 0x4f800000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:194 */
    {OP_I64_TRUNC_F32_U, 0x5f7fffff, 0x0, 0xffffff0000000000, K_VAL}, /* conversions.wast:195 */
    {OP_I64_TRUNC_F32_U, 0xbf666666, 0x0, 0x0, K_VAL}, /* conversions.wast:196 */
    {OP_I64_TRUNC_F32_U, 0xbf7fffff, 0x0, 0x0, K_VAL}, /* conversions.wast:197 */
    {OP_I64_TRUNC_F32_U, 0x5f800000, 0x0, 0x0, K_OVF}, /* conversions.wast:198 */
    {OP_I64_TRUNC_F32_U, 0xbf800000, 0x0, 0x0, K_OVF}, /* conversions.wast:199 */
    {OP_I64_TRUNC_F32_U, 0x7f800000, 0x0, 0x0, K_OVF}, /* conversions.wast:200 */
    {OP_I64_TRUNC_F32_U, 0xff800000, 0x0, 0x0, K_OVF}, /* conversions.wast:201 */
    {OP_I64_TRUNC_F32_U, 0x7fc00000, 0x0, 0x0, K_INV}, /* conversions.wast:202 */
    {OP_I64_TRUNC_F32_U, 0x7fa00000, 0x0, 0x0, K_INV}, /* conversions.wast:203 */
    {OP_I64_TRUNC_F32_U, 0xffc00000, 0x0, 0x0, K_INV}, /* conversions.wast:204 */
    {OP_I64_TRUNC_F32_U, 0xffa00000, 0x0, 0x0, K_INV}, /* conversions.wast:205 */
    {OP_I64_TRUNC_F64_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:207 */
    {OP_I64_TRUNC_F64_S, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:208 */
    {OP_I64_TRUNC_F64_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:209 */
    {OP_I64_TRUNC_F64_S, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:210 */
    {OP_I64_TRUNC_F64_S, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:211 */
    {OP_I64_TRUNC_F64_S, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:212 */
    {OP_I64_TRUNC_F64_S, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:213 */
    {OP_I64_TRUNC_F64_S, 0xbff0000000000000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:214 */
    {OP_I64_TRUNC_F64_S, 0xbff199999999999a, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:215 */
    {OP_I64_TRUNC_F64_S, 0xbff8000000000000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:216 */
    {OP_I64_TRUNC_F64_S, 0xbffe666666666666, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:217 */
    {OP_I64_TRUNC_F64_S, 0xc000000000000000, 0x0, 0xfffffffffffffffe, K_VAL}, /* conversions.wast:218 */
    {OP_I64_TRUNC_F64_S, 0x41f0000000000000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:219 */
    {OP_I64_TRUNC_F64_S, 0xc1f0000000000000, 0x0, 0xffffffff00000000, K_VAL}, /* conversions.wast:220 */
    {OP_I64_TRUNC_F64_S, 0x43dfffffffffffff, 0x0, 0x7ffffffffffffc00, K_VAL}, /* conversions.wast:221 */
    {OP_I64_TRUNC_F64_S, 0xc3e0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:222 */
    {OP_I64_TRUNC_F64_S, 0x43e0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:223 */
    {OP_I64_TRUNC_F64_S, 0xc3e0000000000001, 0x0, 0x0, K_OVF}, /* conversions.wast:224 */
    {OP_I64_TRUNC_F64_S, 0x7ff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:225 */
    {OP_I64_TRUNC_F64_S, 0xfff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:226 */
    {OP_I64_TRUNC_F64_S, 0x7ff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:227 */
    {OP_I64_TRUNC_F64_S, 0x7ff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:228 */
    {OP_I64_TRUNC_F64_S, 0xfff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:229 */
    {OP_I64_TRUNC_F64_S, 0xfff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:230 */
    {OP_I64_TRUNC_F64_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:232 */
    {OP_I64_TRUNC_F64_U, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:233 */
    {OP_I64_TRUNC_F64_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:234 */
    {OP_I64_TRUNC_F64_U, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:235 */
    {OP_I64_TRUNC_F64_U, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:236 */
    {OP_I64_TRUNC_F64_U, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:237 */
    {OP_I64_TRUNC_F64_U, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:238 */
    {OP_I64_TRUNC_F64_U, 0x41efffffffe00000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:239 */
    {OP_I64_TRUNC_F64_U, 0x41f0000000000000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:240 */
    {OP_I64_TRUNC_F64_U, 0x43efffffffffffff, 0x0, 0xfffffffffffff800, K_VAL}, /* conversions.wast:241 */
    {OP_I64_TRUNC_F64_U, 0xbfeccccccccccccd, 0x0, 0x0, K_VAL}, /* conversions.wast:242 */
    {OP_I64_TRUNC_F64_U, 0xbfefffffffffffff, 0x0, 0x0, K_VAL}, /* conversions.wast:243 */
    {OP_I64_TRUNC_F64_U, 0x4197d78400000000, 0x0, 0x5f5e100, K_VAL}, /* conversions.wast:244 */
    {OP_I64_TRUNC_F64_U, 0x4341c37937e08000, 0x0, 0x2386f26fc10000, K_VAL}, /* conversions.wast:245 */
    {OP_I64_TRUNC_F64_U, 0x43e0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:246 */
    {OP_I64_TRUNC_F64_U, 0x43f0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:247 */
    {OP_I64_TRUNC_F64_U, 0xbff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:248 */
    {OP_I64_TRUNC_F64_U, 0x7ff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:249 */
    {OP_I64_TRUNC_F64_U, 0xfff0000000000000, 0x0, 0x0, K_OVF}, /* conversions.wast:250 */
    {OP_I64_TRUNC_F64_U, 0x7ff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:251 */
    {OP_I64_TRUNC_F64_U, 0x7ff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:252 */
    {OP_I64_TRUNC_F64_U, 0xfff8000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:253 */
    {OP_I64_TRUNC_F64_U, 0xfff4000000000000, 0x0, 0x0, K_INV}, /* conversions.wast:254 */
    {OP_F32_CONVERT_I32_S, 0x1, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:256 */
    {OP_F32_CONVERT_I32_S, 0xffffffff, 0x0, 0xbf800000, K_VAL}, /* conversions.wast:257 */
    {OP_F32_CONVERT_I32_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:258 */
    {OP_F32_CONVERT_I32_S, 0x7fffffff, 0x0, 0x4f000000, K_VAL}, /* conversions.wast:259 */
    {OP_F32_CONVERT_I32_S, 0x80000000, 0x0, 0xcf000000, K_VAL}, /* conversions.wast:260 */
    {OP_F32_CONVERT_I32_S, 0x499602d2, 0x0, 0x4e932c06, K_VAL}, /* conversions.wast:261 */
    {OP_I32_TRUNC_SAT_F32_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:265 */
    {OP_I32_TRUNC_SAT_F32_S, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:266 */
    {OP_I32_TRUNC_SAT_F32_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:267 */
    {OP_I32_TRUNC_SAT_F32_S, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:268 */
    {OP_I32_TRUNC_SAT_F32_S, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:269 */
    {OP_I32_TRUNC_SAT_F32_S, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:270 */
    {OP_I32_TRUNC_SAT_F32_S, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:271 */
    {OP_I32_TRUNC_SAT_F32_S, 0xbf800000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:272 */
    {OP_I32_TRUNC_SAT_F32_S, 0xbf8ccccd, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:273 */
    {OP_I32_TRUNC_SAT_F32_S, 0xbfc00000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:274 */
    {OP_I32_TRUNC_SAT_F32_S, 0xbff33333, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:275 */
    {OP_I32_TRUNC_SAT_F32_S, 0xc0000000, 0x0, 0xfffffffe, K_VAL}, /* conversions.wast:276 */
    {OP_I32_TRUNC_SAT_F32_S, 0x4effffff, 0x0, 0x7fffff80, K_VAL}, /* conversions.wast:277 */
    {OP_I32_TRUNC_SAT_F32_S, 0xcf000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:278 */
    {OP_I32_TRUNC_SAT_F32_S, 0x4f000000, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:279 */
    {OP_I32_TRUNC_SAT_F32_S, 0xcf000001, 0x0, 0x80000000, K_VAL}, /* conversions.wast:280 */
    {OP_I32_TRUNC_SAT_F32_S, 0x7f800000, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:281 */
    {OP_I32_TRUNC_SAT_F32_S, 0xff800000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:282 */
    {OP_I32_TRUNC_SAT_F32_S, 0x7fc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:283 */
    {OP_I32_TRUNC_SAT_F32_S, 0x7fa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:284 */
    {OP_I32_TRUNC_SAT_F32_S, 0xffc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:285 */
    {OP_I32_TRUNC_SAT_F32_S, 0xffa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:286 */
    {OP_I32_TRUNC_SAT_F32_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:288 */
    {OP_I32_TRUNC_SAT_F32_U, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:289 */
    {OP_I32_TRUNC_SAT_F32_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:290 */
    {OP_I32_TRUNC_SAT_F32_U, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:291 */
    {OP_I32_TRUNC_SAT_F32_U, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:292 */
    {OP_I32_TRUNC_SAT_F32_U, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:293 */
    {OP_I32_TRUNC_SAT_F32_U, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:294 */
    {OP_I32_TRUNC_SAT_F32_U, 0x3ff33333, 0x0, 0x1, K_VAL}, /* conversions.wast:295 */
    {OP_I32_TRUNC_SAT_F32_U, 0x40000000, 0x0, 0x2, K_VAL}, /* conversions.wast:296 */
    {OP_I32_TRUNC_SAT_F32_U, 0x4f000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:297 */
    {OP_I32_TRUNC_SAT_F32_U, 0x4f7fffff, 0x0, 0xffffff00, K_VAL}, /* conversions.wast:298 */
    {OP_I32_TRUNC_SAT_F32_U, 0xbf666666, 0x0, 0x0, K_VAL}, /* conversions.wast:299 */
    {OP_I32_TRUNC_SAT_F32_U, 0xbf7fffff, 0x0, 0x0, K_VAL}, /* conversions.wast:300 */
    {OP_I32_TRUNC_SAT_F32_U, 0x4f800000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:301 */
    {OP_I32_TRUNC_SAT_F32_U, 0xbf800000, 0x0, 0x0, K_VAL}, /* conversions.wast:302 */
    {OP_I32_TRUNC_SAT_F32_U, 0x7f800000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:303 */
    {OP_I32_TRUNC_SAT_F32_U, 0xff800000, 0x0, 0x0, K_VAL}, /* conversions.wast:304 */
    {OP_I32_TRUNC_SAT_F32_U, 0x7fc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:305 */
    {OP_I32_TRUNC_SAT_F32_U, 0x7fa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:306 */
    {OP_I32_TRUNC_SAT_F32_U, 0xffc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:307 */
    {OP_I32_TRUNC_SAT_F32_U, 0xffa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:308 */
    {OP_I32_TRUNC_SAT_F64_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:310 */
    {OP_I32_TRUNC_SAT_F64_S, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:311 */
    {OP_I32_TRUNC_SAT_F64_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:312 */
    {OP_I32_TRUNC_SAT_F64_S, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:313 */
    {OP_I32_TRUNC_SAT_F64_S, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:314 */
    {OP_I32_TRUNC_SAT_F64_S, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:315 */
    {OP_I32_TRUNC_SAT_F64_S, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:316 */
    {OP_I32_TRUNC_SAT_F64_S, 0xbff0000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:317 */
    {OP_I32_TRUNC_SAT_F64_S, 0xbff199999999999a, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:318 */
    {OP_I32_TRUNC_SAT_F64_S, 0xbff8000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:319 */
    {OP_I32_TRUNC_SAT_F64_S, 0xbffe666666666666, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:320 */
    {OP_I32_TRUNC_SAT_F64_S, 0xc000000000000000, 0x0, 0xfffffffe, K_VAL}, /* conversions.wast:321 */
    {OP_I32_TRUNC_SAT_F64_S, 0x41dfffffffc00000, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:322 */
    {OP_I32_TRUNC_SAT_F64_S, 0xc1e0000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:323 */
    {OP_I32_TRUNC_SAT_F64_S, 0x41e0000000000000, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:324 */
    {OP_I32_TRUNC_SAT_F64_S, 0xc1e0000000200000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:325 */
    {OP_I32_TRUNC_SAT_F64_S, 0x7ff0000000000000, 0x0, 0x7fffffff, K_VAL}, /* conversions.wast:326 */
    {OP_I32_TRUNC_SAT_F64_S, 0xfff0000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:327 */
    {OP_I32_TRUNC_SAT_F64_S, 0x7ff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:328 */
    {OP_I32_TRUNC_SAT_F64_S, 0x7ff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:329 */
    {OP_I32_TRUNC_SAT_F64_S, 0xfff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:330 */
    {OP_I32_TRUNC_SAT_F64_S, 0xfff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:331 */
    {OP_I32_TRUNC_SAT_F64_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:333 */
    {OP_I32_TRUNC_SAT_F64_U, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:334 */
    {OP_I32_TRUNC_SAT_F64_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:335 */
    {OP_I32_TRUNC_SAT_F64_U, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:336 */
    {OP_I32_TRUNC_SAT_F64_U, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:337 */
    {OP_I32_TRUNC_SAT_F64_U, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:338 */
    {OP_I32_TRUNC_SAT_F64_U, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:339 */
    {OP_I32_TRUNC_SAT_F64_U, 0x3ffe666666666666, 0x0, 0x1, K_VAL}, /* conversions.wast:340 */
    {OP_I32_TRUNC_SAT_F64_U, 0x4000000000000000, 0x0, 0x2, K_VAL}, /* conversions.wast:341 */
    {OP_I32_TRUNC_SAT_F64_U, 0x41e0000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:342 */
    {OP_I32_TRUNC_SAT_F64_U, 0x41efffffffe00000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:343 */
    {OP_I32_TRUNC_SAT_F64_U, 0xbfeccccccccccccd, 0x0, 0x0, K_VAL}, /* conversions.wast:344 */
    {OP_I32_TRUNC_SAT_F64_U, 0xbfefffffffffffff, 0x0, 0x0, K_VAL}, /* conversions.wast:345 */
    {OP_I32_TRUNC_SAT_F64_U, 0x4197d78400000000, 0x0, 0x5f5e100, K_VAL}, /* conversions.wast:346 */
    {OP_I32_TRUNC_SAT_F64_U, 0x41f0000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:347 */
    {OP_I32_TRUNC_SAT_F64_U, 0xbff0000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:348 */
    {OP_I32_TRUNC_SAT_F64_U, 0x4341c37937e08000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:349 */
    {OP_I32_TRUNC_SAT_F64_U, 0x46293e5939a08cea, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:350 */
    {OP_I32_TRUNC_SAT_F64_U, 0x43e0000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:351 */
    {OP_I32_TRUNC_SAT_F64_U, 0x7ff0000000000000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:352 */
    {OP_I32_TRUNC_SAT_F64_U, 0xfff0000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:353 */
    {OP_I32_TRUNC_SAT_F64_U, 0x7ff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:354 */
    {OP_I32_TRUNC_SAT_F64_U, 0x7ff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:355 */
    {OP_I32_TRUNC_SAT_F64_U, 0xfff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:356 */
    {OP_I32_TRUNC_SAT_F64_U, 0xfff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:357 */
    {OP_I64_TRUNC_SAT_F32_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:359 */
    {OP_I64_TRUNC_SAT_F32_S, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:360 */
    {OP_I64_TRUNC_SAT_F32_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:361 */
    {OP_I64_TRUNC_SAT_F32_S, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:362 */
    {OP_I64_TRUNC_SAT_F32_S, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:363 */
    {OP_I64_TRUNC_SAT_F32_S, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:364 */
    {OP_I64_TRUNC_SAT_F32_S, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:365 */
    {OP_I64_TRUNC_SAT_F32_S, 0xbf800000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:366 */
    {OP_I64_TRUNC_SAT_F32_S, 0xbf8ccccd, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:367 */
    {OP_I64_TRUNC_SAT_F32_S, 0xbfc00000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:368 */
    {OP_I64_TRUNC_SAT_F32_S, 0xbff33333, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:369 */
    {OP_I64_TRUNC_SAT_F32_S, 0xc0000000, 0x0, 0xfffffffffffffffe, K_VAL}, /* conversions.wast:370 */
    {OP_I64_TRUNC_SAT_F32_S, 0x4f800000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:371 */
    {OP_I64_TRUNC_SAT_F32_S, 0xcf800000, 0x0, 0xffffffff00000000, K_VAL}, /* conversions.wast:372 */
    {OP_I64_TRUNC_SAT_F32_S, 0x5effffff, 0x0, 0x7fffff8000000000, K_VAL}, /* conversions.wast:373 */
    {OP_I64_TRUNC_SAT_F32_S, 0xdf000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:374 */
    {OP_I64_TRUNC_SAT_F32_S, 0x5f000000, 0x0, 0x7fffffffffffffff, K_VAL}, /* conversions.wast:375 */
    {OP_I64_TRUNC_SAT_F32_S, 0xdf000001, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:376 */
    {OP_I64_TRUNC_SAT_F32_S, 0x7f800000, 0x0, 0x7fffffffffffffff, K_VAL}, /* conversions.wast:377 */
    {OP_I64_TRUNC_SAT_F32_S, 0xff800000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:378 */
    {OP_I64_TRUNC_SAT_F32_S, 0x7fc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:379 */
    {OP_I64_TRUNC_SAT_F32_S, 0x7fa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:380 */
    {OP_I64_TRUNC_SAT_F32_S, 0xffc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:381 */
    {OP_I64_TRUNC_SAT_F32_S, 0xffa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:382 */
    {OP_I64_TRUNC_SAT_F32_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:384 */
    {OP_I64_TRUNC_SAT_F32_U, 0x80000000, 0x0, 0x0, K_VAL}, /* conversions.wast:385 */
    {OP_I64_TRUNC_SAT_F32_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:386 */
    {OP_I64_TRUNC_SAT_F32_U, 0x80000001, 0x0, 0x0, K_VAL}, /* conversions.wast:387 */
    {OP_I64_TRUNC_SAT_F32_U, 0x3f800000, 0x0, 0x1, K_VAL}, /* conversions.wast:388 */
    {OP_I64_TRUNC_SAT_F32_U, 0x3f8ccccd, 0x0, 0x1, K_VAL}, /* conversions.wast:389 */
    {OP_I64_TRUNC_SAT_F32_U, 0x3fc00000, 0x0, 0x1, K_VAL}, /* conversions.wast:390 */
    {OP_I64_TRUNC_SAT_F32_U, 0x4f800000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:391 */
    {OP_I64_TRUNC_SAT_F32_U, 0x5f7fffff, 0x0, 0xffffff0000000000, K_VAL}, /* conversions.wast:392 */
    {OP_I64_TRUNC_SAT_F32_U, 0xbf666666, 0x0, 0x0, K_VAL}, /* conversions.wast:393 */
    {OP_I64_TRUNC_SAT_F32_U, 0xbf7fffff, 0x0, 0x0, K_VAL}, /* conversions.wast:394 */
    {OP_I64_TRUNC_SAT_F32_U, 0x5f800000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:395 */
    {OP_I64_TRUNC_SAT_F32_U, 0xbf800000, 0x0, 0x0, K_VAL}, /* conversions.wast:396 */
    {OP_I64_TRUNC_SAT_F32_U, 0x7f800000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:397 */
    {OP_I64_TRUNC_SAT_F32_U, 0xff800000, 0x0, 0x0, K_VAL}, /* conversions.wast:398 */
    {OP_I64_TRUNC_SAT_F32_U, 0x7fc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:399 */
    {OP_I64_TRUNC_SAT_F32_U, 0x7fa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:400 */
    {OP_I64_TRUNC_SAT_F32_U, 0xffc00000, 0x0, 0x0, K_VAL}, /* conversions.wast:401 */
    {OP_I64_TRUNC_SAT_F32_U, 0xffa00000, 0x0, 0x0, K_VAL}, /* conversions.wast:402 */
    {OP_I64_TRUNC_SAT_F64_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:404 */
    {OP_I64_TRUNC_SAT_F64_S, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:405 */
    {OP_I64_TRUNC_SAT_F64_S, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:406 */
    {OP_I64_TRUNC_SAT_F64_S, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:407 */
    {OP_I64_TRUNC_SAT_F64_S, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:408 */
    {OP_I64_TRUNC_SAT_F64_S, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:409 */
    {OP_I64_TRUNC_SAT_F64_S, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:410 */
    {OP_I64_TRUNC_SAT_F64_S, 0xbff0000000000000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:411 */
    {OP_I64_TRUNC_SAT_F64_S, 0xbff199999999999a, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:412 */
    {OP_I64_TRUNC_SAT_F64_S, 0xbff8000000000000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:413 */
    {OP_I64_TRUNC_SAT_F64_S, 0xbffe666666666666, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:414 */
    {OP_I64_TRUNC_SAT_F64_S, 0xc000000000000000, 0x0, 0xfffffffffffffffe, K_VAL}, /* conversions.wast:415 */
    {OP_I64_TRUNC_SAT_F64_S, 0x41f0000000000000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:416 */
    {OP_I64_TRUNC_SAT_F64_S, 0xc1f0000000000000, 0x0, 0xffffffff00000000, K_VAL}, /* conversions.wast:417 */
    {OP_I64_TRUNC_SAT_F64_S, 0x43dfffffffffffff, 0x0, 0x7ffffffffffffc00, K_VAL}, /* conversions.wast:418 */
    {OP_I64_TRUNC_SAT_F64_S, 0xc3e0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:419 */
    {OP_I64_TRUNC_SAT_F64_S, 0x43e0000000000000, 0x0, 0x7fffffffffffffff, K_VAL}, /* conversions.wast:420 */
    {OP_I64_TRUNC_SAT_F64_S, 0xc3e0000000000001, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:421 */
    {OP_I64_TRUNC_SAT_F64_S, 0x7ff0000000000000, 0x0, 0x7fffffffffffffff, K_VAL}, /* conversions.wast:422 */
    {OP_I64_TRUNC_SAT_F64_S, 0xfff0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:423 */
    {OP_I64_TRUNC_SAT_F64_S, 0x7ff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:424 */
    {OP_I64_TRUNC_SAT_F64_S, 0x7ff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:425 */
    {OP_I64_TRUNC_SAT_F64_S, 0xfff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:426 */
    {OP_I64_TRUNC_SAT_F64_S, 0xfff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:427 */
    {OP_I64_TRUNC_SAT_F64_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:429 */
    {OP_I64_TRUNC_SAT_F64_U, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:430 */
    {OP_I64_TRUNC_SAT_F64_U, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:431 */
    {OP_I64_TRUNC_SAT_F64_U, 0x8000000000000001, 0x0, 0x0, K_VAL}, /* conversions.wast:432 */
    {OP_I64_TRUNC_SAT_F64_U, 0x3ff0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:433 */
    {OP_I64_TRUNC_SAT_F64_U, 0x3ff199999999999a, 0x0, 0x1, K_VAL}, /* conversions.wast:434 */
    {OP_I64_TRUNC_SAT_F64_U, 0x3ff8000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:435 */
    {OP_I64_TRUNC_SAT_F64_U, 0x41efffffffe00000, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:436 */
    {OP_I64_TRUNC_SAT_F64_U, 0x41f0000000000000, 0x0, 0x100000000, K_VAL}, /* conversions.wast:437 */
    {OP_I64_TRUNC_SAT_F64_U, 0x43efffffffffffff, 0x0, 0xfffffffffffff800, K_VAL}, /* conversions.wast:438 */
    {OP_I64_TRUNC_SAT_F64_U, 0xbfeccccccccccccd, 0x0, 0x0, K_VAL}, /* conversions.wast:439 */
    {OP_I64_TRUNC_SAT_F64_U, 0xbfefffffffffffff, 0x0, 0x0, K_VAL}, /* conversions.wast:440 */
    {OP_I64_TRUNC_SAT_F64_U, 0x4197d78400000000, 0x0, 0x5f5e100, K_VAL}, /* conversions.wast:441 */
    {OP_I64_TRUNC_SAT_F64_U, 0x4341c37937e08000, 0x0, 0x2386f26fc10000, K_VAL}, /* conversions.wast:442 */
    {OP_I64_TRUNC_SAT_F64_U, 0x43e0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:443 */
    {OP_I64_TRUNC_SAT_F64_U, 0x43f0000000000000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:444 */
    {OP_I64_TRUNC_SAT_F64_U, 0xbff0000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:445 */
    {OP_I64_TRUNC_SAT_F64_U, 0x7ff0000000000000, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:446 */
    {OP_I64_TRUNC_SAT_F64_U, 0xfff0000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:447 */
    {OP_I64_TRUNC_SAT_F64_U, 0x7ff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:448 */
    {OP_I64_TRUNC_SAT_F64_U, 0x7ff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:449 */
    {OP_I64_TRUNC_SAT_F64_U, 0xfff8000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:450 */
    {OP_I64_TRUNC_SAT_F64_U, 0xfff4000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:451 */
    {OP_F32_CONVERT_I32_S, 0x1000001, 0x0, 0x4b800000, K_VAL}, /* conversions.wast:454 */
    {OP_F32_CONVERT_I32_S, 0xfeffffff, 0x0, 0xcb800000, K_VAL}, /* conversions.wast:455 */
    {OP_F32_CONVERT_I32_S, 0x1000003, 0x0, 0x4b800002, K_VAL}, /* conversions.wast:456 */
    {OP_F32_CONVERT_I32_S, 0xfefffffd, 0x0, 0xcb800002, K_VAL}, /* conversions.wast:457 */
    {OP_F32_CONVERT_I64_S, 0x1, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:459 */
    {OP_F32_CONVERT_I64_S, 0xffffffffffffffff, 0x0, 0xbf800000, K_VAL}, /* conversions.wast:460 */
    {OP_F32_CONVERT_I64_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:461 */
    {OP_F32_CONVERT_I64_S, 0x7fffffffffffffff, 0x0, 0x5f000000, K_VAL}, /* conversions.wast:462 */
    {OP_F32_CONVERT_I64_S, 0x8000000000000000, 0x0, 0xdf000000, K_VAL}, /* conversions.wast:463 */
    {OP_F32_CONVERT_I64_S, 0x11db9e76a2483, 0x0, 0x578edcf4, K_VAL}, /* conversions.wast:464 */
    {OP_F32_CONVERT_I64_S, 0x1000001, 0x0, 0x4b800000, K_VAL}, /* conversions.wast:466 */
    {OP_F32_CONVERT_I64_S, 0xfffffffffeffffff, 0x0, 0xcb800000, K_VAL}, /* conversions.wast:467 */
    {OP_F32_CONVERT_I64_S, 0x1000003, 0x0, 0x4b800002, K_VAL}, /* conversions.wast:468 */
    {OP_F32_CONVERT_I64_S, 0xfffffffffefffffd, 0x0, 0xcb800002, K_VAL}, /* conversions.wast:469 */
    {OP_F32_CONVERT_I64_S, 0x7fffff4000000001, 0x0, 0x5effffff, K_VAL}, /* conversions.wast:471 */
    {OP_F32_CONVERT_I64_S, 0x8000004000000001, 0x0, 0xdeffffff, K_VAL}, /* conversions.wast:472 */
    {OP_F32_CONVERT_I64_S, 0x20000020000001, 0x0, 0x5a000001, K_VAL}, /* conversions.wast:473 */
    {OP_F32_CONVERT_I64_S, 0xffdfffffdfffffff, 0x0, 0xda000001, K_VAL}, /* conversions.wast:474 */
    {OP_F64_CONVERT_I32_S, 0x1, 0x0, 0x3ff0000000000000, K_VAL}, /* conversions.wast:476 */
    {OP_F64_CONVERT_I32_S, 0xffffffff, 0x0, 0xbff0000000000000, K_VAL}, /* conversions.wast:477 */
    {OP_F64_CONVERT_I32_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:478 */
    {OP_F64_CONVERT_I32_S, 0x7fffffff, 0x0, 0x41dfffffffc00000, K_VAL}, /* conversions.wast:479 */
    {OP_F64_CONVERT_I32_S, 0x80000000, 0x0, 0xc1e0000000000000, K_VAL}, /* conversions.wast:480 */
    {OP_F64_CONVERT_I32_S, 0x3ade68b1, 0x0, 0x41cd6f3458800000, K_VAL}, /* conversions.wast:481 */
    {OP_F64_CONVERT_I64_S, 0x1, 0x0, 0x3ff0000000000000, K_VAL}, /* conversions.wast:483 */
    {OP_F64_CONVERT_I64_S, 0xffffffffffffffff, 0x0, 0xbff0000000000000, K_VAL}, /* conversions.wast:484 */
    {OP_F64_CONVERT_I64_S, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:485 */
    {OP_F64_CONVERT_I64_S, 0x7fffffffffffffff, 0x0, 0x43e0000000000000, K_VAL}, /* conversions.wast:486 */
    {OP_F64_CONVERT_I64_S, 0x8000000000000000, 0x0, 0xc3e0000000000000, K_VAL}, /* conversions.wast:487 */
    {OP_F64_CONVERT_I64_S, 0x10969d374b968e, 0x0, 0x4330969d374b968e, K_VAL}, /* conversions.wast:488 */
    {OP_F64_CONVERT_I64_S, 0x20000000000001, 0x0, 0x4340000000000000, K_VAL}, /* conversions.wast:490 */
    {OP_F64_CONVERT_I64_S, 0xffdfffffffffffff, 0x0, 0xc340000000000000, K_VAL}, /* conversions.wast:491 */
    {OP_F64_CONVERT_I64_S, 0x20000000000003, 0x0, 0x4340000000000002, K_VAL}, /* conversions.wast:492 */
    {OP_F64_CONVERT_I64_S, 0xffdffffffffffffd, 0x0, 0xc340000000000002, K_VAL}, /* conversions.wast:493 */
    {OP_F32_CONVERT_I32_U, 0x1, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:495 */
    {OP_F32_CONVERT_I32_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:496 */
    {OP_F32_CONVERT_I32_U, 0x7fffffff, 0x0, 0x4f000000, K_VAL}, /* conversions.wast:497 */
    {OP_F32_CONVERT_I32_U, 0x80000000, 0x0, 0x4f000000, K_VAL}, /* conversions.wast:498 */
    {OP_F32_CONVERT_I32_U, 0x12345678, 0x0, 0x4d91a2b4, K_VAL}, /* conversions.wast:499 */
    {OP_F32_CONVERT_I32_U, 0xffffffff, 0x0, 0x4f800000, K_VAL}, /* conversions.wast:500 */
    {OP_F32_CONVERT_I32_U, 0x80000080, 0x0, 0x4f000000, K_VAL}, /* conversions.wast:501 */
    {OP_F32_CONVERT_I32_U, 0x80000081, 0x0, 0x4f000001, K_VAL}, /* conversions.wast:502 */
    {OP_F32_CONVERT_I32_U, 0x80000082, 0x0, 0x4f000001, K_VAL}, /* conversions.wast:503 */
    {OP_F32_CONVERT_I32_U, 0xfffffe80, 0x0, 0x4f7ffffe, K_VAL}, /* conversions.wast:504 */
    {OP_F32_CONVERT_I32_U, 0xfffffe81, 0x0, 0x4f7fffff, K_VAL}, /* conversions.wast:505 */
    {OP_F32_CONVERT_I32_U, 0xfffffe82, 0x0, 0x4f7fffff, K_VAL}, /* conversions.wast:506 */
    {OP_F32_CONVERT_I32_U, 0x1000001, 0x0, 0x4b800000, K_VAL}, /* conversions.wast:508 */
    {OP_F32_CONVERT_I32_U, 0x1000003, 0x0, 0x4b800002, K_VAL}, /* conversions.wast:509 */
    {OP_F32_CONVERT_I64_U, 0x1, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:511 */
    {OP_F32_CONVERT_I64_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:512 */
    {OP_F32_CONVERT_I64_U, 0x7fffffffffffffff, 0x0, 0x5f000000, K_VAL}, /* conversions.wast:513 */
    {OP_F32_CONVERT_I64_U, 0x8000000000000000, 0x0, 0x5f000000, K_VAL}, /* conversions.wast:514 */
    {OP_F32_CONVERT_I64_U, 0xffffffffffffffff, 0x0, 0x5f800000, K_VAL}, /* conversions.wast:515 */
    {OP_F32_CONVERT_I64_U, 0x1000001, 0x0, 0x4b800000, K_VAL}, /* conversions.wast:517 */
    {OP_F32_CONVERT_I64_U, 0x1000003, 0x0, 0x4b800002, K_VAL}, /* conversions.wast:518 */
    {OP_F32_CONVERT_I64_U, 0x20000020000001, 0x0, 0x5a000001, K_VAL}, /* conversions.wast:520 */
    {OP_F32_CONVERT_I64_U, 0x7fffffbfffffffff, 0x0, 0x5effffff, K_VAL}, /* conversions.wast:521 */
    {OP_F32_CONVERT_I64_U, 0x8000008000000001, 0x0, 0x5f000001, K_VAL}, /* conversions.wast:522 */
    {OP_F32_CONVERT_I64_U, 0xfffffe8000000001, 0x0, 0x5f7fffff, K_VAL}, /* conversions.wast:523 */
    {OP_F64_CONVERT_I32_U, 0x1, 0x0, 0x3ff0000000000000, K_VAL}, /* conversions.wast:525 */
    {OP_F64_CONVERT_I32_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:526 */
    {OP_F64_CONVERT_I32_U, 0x7fffffff, 0x0, 0x41dfffffffc00000, K_VAL}, /* conversions.wast:527 */
    {OP_F64_CONVERT_I32_U, 0x80000000, 0x0, 0x41e0000000000000, K_VAL}, /* conversions.wast:528 */
    {OP_F64_CONVERT_I32_U, 0xffffffff, 0x0, 0x41efffffffe00000, K_VAL}, /* conversions.wast:529 */
    {OP_F64_CONVERT_I64_U, 0x1, 0x0, 0x3ff0000000000000, K_VAL}, /* conversions.wast:531 */
    {OP_F64_CONVERT_I64_U, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:532 */
    {OP_F64_CONVERT_I64_U, 0x7fffffffffffffff, 0x0, 0x43e0000000000000, K_VAL}, /* conversions.wast:533 */
    {OP_F64_CONVERT_I64_U, 0x8000000000000000, 0x0, 0x43e0000000000000, K_VAL}, /* conversions.wast:534 */
    {OP_F64_CONVERT_I64_U, 0xffffffffffffffff, 0x0, 0x43f0000000000000, K_VAL}, /* conversions.wast:535 */
    {OP_F64_CONVERT_I64_U, 0x8000000000000400, 0x0, 0x43e0000000000000, K_VAL}, /* conversions.wast:536 */
    {OP_F64_CONVERT_I64_U, 0x8000000000000401, 0x0, 0x43e0000000000001, K_VAL}, /* conversions.wast:537 */
    {OP_F64_CONVERT_I64_U, 0x8000000000000402, 0x0, 0x43e0000000000001, K_VAL}, /* conversions.wast:538 */
    {OP_F64_CONVERT_I64_U, 0xfffffffffffff400, 0x0, 0x43effffffffffffe, K_VAL}, /* conversions.wast:539 */
    {OP_F64_CONVERT_I64_U, 0xfffffffffffff401, 0x0, 0x43efffffffffffff, K_VAL}, /* conversions.wast:540 */
    {OP_F64_CONVERT_I64_U, 0xfffffffffffff402, 0x0, 0x43efffffffffffff, K_VAL}, /* conversions.wast:541 */
    {OP_F64_CONVERT_I64_U, 0x20000000000001, 0x0, 0x4340000000000000, K_VAL}, /* conversions.wast:543 */
    {OP_F64_CONVERT_I64_U, 0x20000000000003, 0x0, 0x4340000000000002, K_VAL}, /* conversions.wast:544 */
    {OP_F64_PROMOTE_F32, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:546 */
    {OP_F64_PROMOTE_F32, 0x80000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:547 */
    {OP_F64_PROMOTE_F32, 0x1, 0x0, 0x36a0000000000000, K_VAL}, /* conversions.wast:548 */
    {OP_F64_PROMOTE_F32, 0x80000001, 0x0, 0xb6a0000000000000, K_VAL}, /* conversions.wast:549 */
    {OP_F64_PROMOTE_F32, 0x3f800000, 0x0, 0x3ff0000000000000, K_VAL}, /* conversions.wast:550 */
    {OP_F64_PROMOTE_F32, 0xbf800000, 0x0, 0xbff0000000000000, K_VAL}, /* conversions.wast:551 */
    {OP_F64_PROMOTE_F32, 0xff7fffff, 0x0, 0xc7efffffe0000000, K_VAL}, /* conversions.wast:552 */
    {OP_F64_PROMOTE_F32, 0x7f7fffff, 0x0, 0x47efffffe0000000, K_VAL}, /* conversions.wast:553 */
    {OP_F64_PROMOTE_F32, 0x4000000, 0x0, 0x3880000000000000, K_VAL}, /* conversions.wast:555 */
    {OP_F64_PROMOTE_F32, 0x7e47c33f, 0x0, 0x47c8f867e0000000, K_VAL}, /* conversions.wast:557 */
    {OP_F64_PROMOTE_F32, 0x7f800000, 0x0, 0x7ff0000000000000, K_VAL}, /* conversions.wast:558 */
    {OP_F64_PROMOTE_F32, 0xff800000, 0x0, 0xfff0000000000000, K_VAL}, /* conversions.wast:559 */
    {OP_F64_PROMOTE_F32, 0x7fc00000, 0x0, 0x0, K_CAN}, /* conversions.wast:560 */
    {OP_F64_PROMOTE_F32, 0x7fa00000, 0x0, 0x0, K_ARI}, /* conversions.wast:561 */
    {OP_F64_PROMOTE_F32, 0xffc00000, 0x0, 0x0, K_CAN}, /* conversions.wast:562 */
    {OP_F64_PROMOTE_F32, 0xffa00000, 0x0, 0x0, K_ARI}, /* conversions.wast:563 */
    {OP_F32_DEMOTE_F64, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:565 */
    {OP_F32_DEMOTE_F64, 0x8000000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:566 */
    {OP_F32_DEMOTE_F64, 0x1, 0x0, 0x0, K_VAL}, /* conversions.wast:567 */
    {OP_F32_DEMOTE_F64, 0x8000000000000001, 0x0, 0x80000000, K_VAL}, /* conversions.wast:568 */
    {OP_F32_DEMOTE_F64, 0x3ff0000000000000, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:569 */
    {OP_F32_DEMOTE_F64, 0xbff0000000000000, 0x0, 0xbf800000, K_VAL}, /* conversions.wast:570 */
    {OP_F32_DEMOTE_F64, 0x380fffffe0000000, 0x0, 0x800000, K_VAL}, /* conversions.wast:571 */
    {OP_F32_DEMOTE_F64, 0xb80fffffe0000000, 0x0, 0x80800000, K_VAL}, /* conversions.wast:572 */
    {OP_F32_DEMOTE_F64, 0x380fffffdfffffff, 0x0, 0x7fffff, K_VAL}, /* conversions.wast:573 */
    {OP_F32_DEMOTE_F64, 0xb80fffffdfffffff, 0x0, 0x807fffff, K_VAL}, /* conversions.wast:574 */
    {OP_F32_DEMOTE_F64, 0x36a0000000000000, 0x0, 0x1, K_VAL}, /* conversions.wast:575 */
    {OP_F32_DEMOTE_F64, 0xb6a0000000000000, 0x0, 0x80000001, K_VAL}, /* conversions.wast:576 */
    {OP_F32_DEMOTE_F64, 0x47efffffd0000000, 0x0, 0x7f7ffffe, K_VAL}, /* conversions.wast:577 */
    {OP_F32_DEMOTE_F64, 0xc7efffffd0000000, 0x0, 0xff7ffffe, K_VAL}, /* conversions.wast:578 */
    {OP_F32_DEMOTE_F64, 0x47efffffd0000001, 0x0, 0x7f7fffff, K_VAL}, /* conversions.wast:579 */
    {OP_F32_DEMOTE_F64, 0xc7efffffd0000001, 0x0, 0xff7fffff, K_VAL}, /* conversions.wast:580 */
    {OP_F32_DEMOTE_F64, 0x47efffffe0000000, 0x0, 0x7f7fffff, K_VAL}, /* conversions.wast:581 */
    {OP_F32_DEMOTE_F64, 0xc7efffffe0000000, 0x0, 0xff7fffff, K_VAL}, /* conversions.wast:582 */
    {OP_F32_DEMOTE_F64, 0x47efffffefffffff, 0x0, 0x7f7fffff, K_VAL}, /* conversions.wast:583 */
    {OP_F32_DEMOTE_F64, 0xc7efffffefffffff, 0x0, 0xff7fffff, K_VAL}, /* conversions.wast:584 */
    {OP_F32_DEMOTE_F64, 0x47effffff0000000, 0x0, 0x7f800000, K_VAL}, /* conversions.wast:585 */
    {OP_F32_DEMOTE_F64, 0xc7effffff0000000, 0x0, 0xff800000, K_VAL}, /* conversions.wast:586 */
    {OP_F32_DEMOTE_F64, 0x3880000000000000, 0x0, 0x4000000, K_VAL}, /* conversions.wast:587 */
    {OP_F32_DEMOTE_F64, 0x47c8f867e0000000, 0x0, 0x7e47c33f, K_VAL}, /* conversions.wast:588 */
    {OP_F32_DEMOTE_F64, 0x7ff0000000000000, 0x0, 0x7f800000, K_VAL}, /* conversions.wast:589 */
    {OP_F32_DEMOTE_F64, 0xfff0000000000000, 0x0, 0xff800000, K_VAL}, /* conversions.wast:590 */
    {OP_F32_DEMOTE_F64, 0x3ff0000000000001, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:591 */
    {OP_F32_DEMOTE_F64, 0x3fefffffffffffff, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:592 */
    {OP_F32_DEMOTE_F64, 0x3ff0000010000000, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:593 */
    {OP_F32_DEMOTE_F64, 0x3ff0000010000001, 0x0, 0x3f800001, K_VAL}, /* conversions.wast:594 */
    {OP_F32_DEMOTE_F64, 0x3ff000002fffffff, 0x0, 0x3f800001, K_VAL}, /* conversions.wast:595 */
    {OP_F32_DEMOTE_F64, 0x3ff0000030000000, 0x0, 0x3f800002, K_VAL}, /* conversions.wast:596 */
    {OP_F32_DEMOTE_F64, 0x3ff0000050000000, 0x0, 0x3f800002, K_VAL}, /* conversions.wast:597 */
    {OP_F32_DEMOTE_F64, 0x4170000010000000, 0x0, 0x4b800000, K_VAL}, /* conversions.wast:598 */
    {OP_F32_DEMOTE_F64, 0x4170000010000001, 0x0, 0x4b800001, K_VAL}, /* conversions.wast:599 */
    {OP_F32_DEMOTE_F64, 0x417000002fffffff, 0x0, 0x4b800001, K_VAL}, /* conversions.wast:600 */
    {OP_F32_DEMOTE_F64, 0x4170000030000000, 0x0, 0x4b800002, K_VAL}, /* conversions.wast:601 */
    {OP_F32_DEMOTE_F64, 0x46b4eae4f7024c70, 0x0, 0x75a75728, K_VAL}, /* conversions.wast:602 */
    {OP_F32_DEMOTE_F64, 0x38ea12e71e358685, 0x0, 0x7509739, K_VAL}, /* conversions.wast:603 */
    {OP_F32_DEMOTE_F64, 0x380cb98354d521ff, 0x0, 0x72e60d, K_VAL}, /* conversions.wast:604 */
    {OP_F32_DEMOTE_F64, 0xc006972b30cfb562, 0x0, 0xc034b95a, K_VAL}, /* conversions.wast:605 */
    {OP_F32_DEMOTE_F64, 0xc6fbedbe4819d4c4, 0x0, 0xf7df6df2, K_VAL}, /* conversions.wast:606 */
    {OP_F32_DEMOTE_F64, 0x7ff8000000000000, 0x0, 0x0, K_CAN}, /* conversions.wast:607 */
    {OP_F32_DEMOTE_F64, 0x7ff4000000000000, 0x0, 0x0, K_ARI}, /* conversions.wast:608 */
    {OP_F32_DEMOTE_F64, 0xfff8000000000000, 0x0, 0x0, K_CAN}, /* conversions.wast:609 */
    {OP_F32_DEMOTE_F64, 0xfff4000000000000, 0x0, 0x0, K_ARI}, /* conversions.wast:610 */
    {OP_F32_DEMOTE_F64, 0x10000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:611 */
    {OP_F32_DEMOTE_F64, 0x8010000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:612 */
    {OP_F32_DEMOTE_F64, 0x3690000000000000, 0x0, 0x0, K_VAL}, /* conversions.wast:613 */
    {OP_F32_DEMOTE_F64, 0xb690000000000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:614 */
    {OP_F32_DEMOTE_F64, 0x3690000000000001, 0x0, 0x1, K_VAL}, /* conversions.wast:615 */
    {OP_F32_DEMOTE_F64, 0xb690000000000001, 0x0, 0x80000001, K_VAL}, /* conversions.wast:616 */
    {OP_F32_REINTERPRET_I32, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:618 */
    {OP_F32_REINTERPRET_I32, 0x80000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:619 */
    {OP_F32_REINTERPRET_I32, 0x1, 0x0, 0x1, K_VAL}, /* conversions.wast:620 */
    {OP_F32_REINTERPRET_I32, 0xffffffff, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:621 */
    {OP_F32_REINTERPRET_I32, 0x75bcd15, 0x0, 0x75bcd15, K_VAL}, /* conversions.wast:622 */
    {OP_F32_REINTERPRET_I32, 0x80000001, 0x0, 0x80000001, K_VAL}, /* conversions.wast:623 */
    {OP_F32_REINTERPRET_I32, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* conversions.wast:624 */
    {OP_F32_REINTERPRET_I32, 0xff800000, 0x0, 0xff800000, K_VAL}, /* conversions.wast:625 */
    {OP_F32_REINTERPRET_I32, 0x7fc00000, 0x0, 0x7fc00000, K_VAL}, /* conversions.wast:626 */
    {OP_F32_REINTERPRET_I32, 0xffc00000, 0x0, 0xffc00000, K_VAL}, /* conversions.wast:627 */
    {OP_F32_REINTERPRET_I32, 0x7fa00000, 0x0, 0x7fa00000, K_VAL}, /* conversions.wast:628 */
    {OP_F32_REINTERPRET_I32, 0xffa00000, 0x0, 0xffa00000, K_VAL}, /* conversions.wast:629 */
    {OP_F64_REINTERPRET_I64, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:631 */
    {OP_F64_REINTERPRET_I64, 0x1, 0x0, 0x1, K_VAL}, /* conversions.wast:632 */
    {OP_F64_REINTERPRET_I64, 0xffffffffffffffff, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:633 */
    {OP_F64_REINTERPRET_I64, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:634 */
    {OP_F64_REINTERPRET_I64, 0x499602d2, 0x0, 0x499602d2, K_VAL}, /* conversions.wast:635 */
    {OP_F64_REINTERPRET_I64, 0x8000000000000001, 0x0, 0x8000000000000001, K_VAL}, /* conversions.wast:636 */
    {OP_F64_REINTERPRET_I64, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* conversions.wast:637 */
    {OP_F64_REINTERPRET_I64, 0xfff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* conversions.wast:638 */
    {OP_F64_REINTERPRET_I64, 0x7ff8000000000000, 0x0, 0x7ff8000000000000, K_VAL}, /* conversions.wast:639 */
    {OP_F64_REINTERPRET_I64, 0xfff8000000000000, 0x0, 0xfff8000000000000, K_VAL}, /* conversions.wast:640 */
    {OP_F64_REINTERPRET_I64, 0x7ff4000000000000, 0x0, 0x7ff4000000000000, K_VAL}, /* conversions.wast:641 */
    {OP_F64_REINTERPRET_I64, 0xfff4000000000000, 0x0, 0xfff4000000000000, K_VAL}, /* conversions.wast:642 */
    {OP_I32_REINTERPRET_F32, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:644 */
    {OP_I32_REINTERPRET_F32, 0x80000000, 0x0, 0x80000000, K_VAL}, /* conversions.wast:645 */
    {OP_I32_REINTERPRET_F32, 0x1, 0x0, 0x1, K_VAL}, /* conversions.wast:646 */
    {OP_I32_REINTERPRET_F32, 0xffffffff, 0x0, 0xffffffff, K_VAL}, /* conversions.wast:647 */
    {OP_I32_REINTERPRET_F32, 0x80000001, 0x0, 0x80000001, K_VAL}, /* conversions.wast:648 */
    {OP_I32_REINTERPRET_F32, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* conversions.wast:649 */
    {OP_I32_REINTERPRET_F32, 0x40490fda, 0x0, 0x40490fda, K_VAL}, /* conversions.wast:650 */
    {OP_I32_REINTERPRET_F32, 0x7f7fffff, 0x0, 0x7f7fffff, K_VAL}, /* conversions.wast:651 */
    {OP_I32_REINTERPRET_F32, 0xff7fffff, 0x0, 0xff7fffff, K_VAL}, /* conversions.wast:652 */
    {OP_I32_REINTERPRET_F32, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* conversions.wast:653 */
    {OP_I32_REINTERPRET_F32, 0xff800000, 0x0, 0xff800000, K_VAL}, /* conversions.wast:654 */
    {OP_I32_REINTERPRET_F32, 0x7fc00000, 0x0, 0x7fc00000, K_VAL}, /* conversions.wast:655 */
    {OP_I32_REINTERPRET_F32, 0xffc00000, 0x0, 0xffc00000, K_VAL}, /* conversions.wast:656 */
    {OP_I32_REINTERPRET_F32, 0x7fa00000, 0x0, 0x7fa00000, K_VAL}, /* conversions.wast:657 */
    {OP_I32_REINTERPRET_F32, 0xffa00000, 0x0, 0xffa00000, K_VAL}, /* conversions.wast:658 */
    {OP_I64_REINTERPRET_F64, 0x0, 0x0, 0x0, K_VAL}, /* conversions.wast:660 */
    {OP_I64_REINTERPRET_F64, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* conversions.wast:661 */
    {OP_I64_REINTERPRET_F64, 0x1, 0x0, 0x1, K_VAL}, /* conversions.wast:662 */
    {OP_I64_REINTERPRET_F64, 0xffffffffffffffff, 0x0, 0xffffffffffffffff, K_VAL}, /* conversions.wast:663 */
    {OP_I64_REINTERPRET_F64, 0x8000000000000001, 0x0, 0x8000000000000001, K_VAL}, /* conversions.wast:664 */
    {OP_I64_REINTERPRET_F64, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* conversions.wast:665 */
    {OP_I64_REINTERPRET_F64, 0x400921fb54442d11, 0x0, 0x400921fb54442d11, K_VAL}, /* conversions.wast:666 */
    {OP_I64_REINTERPRET_F64, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* conversions.wast:667 */
    {OP_I64_REINTERPRET_F64, 0xffefffffffffffff, 0x0, 0xffefffffffffffff, K_VAL}, /* conversions.wast:668 */
    {OP_I64_REINTERPRET_F64, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* conversions.wast:669 */
    {OP_I64_REINTERPRET_F64, 0xfff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* conversions.wast:670 */
    {OP_I64_REINTERPRET_F64, 0x7ff8000000000000, 0x0, 0x7ff8000000000000, K_VAL}, /* conversions.wast:671 */
    {OP_I64_REINTERPRET_F64, 0xfff8000000000000, 0x0, 0xfff8000000000000, K_VAL}, /* conversions.wast:672 */
    {OP_I64_REINTERPRET_F64, 0x7ff4000000000000, 0x0, 0x7ff4000000000000, K_VAL}, /* conversions.wast:673 */
    {OP_I64_REINTERPRET_F64, 0xfff4000000000000, 0x0, 0xfff4000000000000, K_VAL}, /* conversions.wast:674 */
    {OP_F32_SQRT, 0x80000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2419 */
    {OP_F32_SQRT, 0x0, 0x0, 0x0, K_VAL}, /* f32.wast:2420 */
    {OP_F32_SQRT, 0x80000001, 0x0, 0x0, K_CAN}, /* f32.wast:2421 */
    {OP_F32_SQRT, 0x1, 0x0, 0x1a3504f3, K_VAL}, /* f32.wast:2422 */
    {OP_F32_SQRT, 0x80800000, 0x0, 0x0, K_CAN}, /* f32.wast:2423 */
    {OP_F32_SQRT, 0x800000, 0x0, 0x20000000, K_VAL}, /* f32.wast:2424 */
    {OP_F32_SQRT, 0xbf000000, 0x0, 0x0, K_CAN}, /* f32.wast:2425 */
    {OP_F32_SQRT, 0x3f000000, 0x0, 0x3f3504f3, K_VAL}, /* f32.wast:2426 */
    {OP_F32_SQRT, 0xbf800000, 0x0, 0x0, K_CAN}, /* f32.wast:2427 */
    {OP_F32_SQRT, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2428 */
    {OP_F32_SQRT, 0xc0c90fdb, 0x0, 0x0, K_CAN}, /* f32.wast:2429 */
    {OP_F32_SQRT, 0x40c90fdb, 0x0, 0x40206c99, K_VAL}, /* f32.wast:2430 */
    {OP_F32_SQRT, 0xff7fffff, 0x0, 0x0, K_CAN}, /* f32.wast:2431 */
    {OP_F32_SQRT, 0x7f7fffff, 0x0, 0x5f7fffff, K_VAL}, /* f32.wast:2432 */
    {OP_F32_SQRT, 0xff800000, 0x0, 0x0, K_CAN}, /* f32.wast:2433 */
    {OP_F32_SQRT, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* f32.wast:2434 */
    {OP_F32_SQRT, 0xffc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2435 */
    {OP_F32_SQRT, 0xffa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2436 */
    {OP_F32_SQRT, 0x7fc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2437 */
    {OP_F32_SQRT, 0x7fa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2438 */
    {OP_F32_FLOOR, 0x80000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2439 */
    {OP_F32_FLOOR, 0x0, 0x0, 0x0, K_VAL}, /* f32.wast:2440 */
    {OP_F32_FLOOR, 0x80000001, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2441 */
    {OP_F32_FLOOR, 0x1, 0x0, 0x0, K_VAL}, /* f32.wast:2442 */
    {OP_F32_FLOOR, 0x80800000, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2443 */
    {OP_F32_FLOOR, 0x800000, 0x0, 0x0, K_VAL}, /* f32.wast:2444 */
    {OP_F32_FLOOR, 0xbf000000, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2445 */
    {OP_F32_FLOOR, 0x3f000000, 0x0, 0x0, K_VAL}, /* f32.wast:2446 */
    {OP_F32_FLOOR, 0xbf800000, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2447 */
    {OP_F32_FLOOR, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2448 */
    {OP_F32_FLOOR, 0xc0c90fdb, 0x0, 0xc0e00000, K_VAL}, /* f32.wast:2449 */
    {OP_F32_FLOOR, 0x40c90fdb, 0x0, 0x40c00000, K_VAL}, /* f32.wast:2450 */
    {OP_F32_FLOOR, 0xff7fffff, 0x0, 0xff7fffff, K_VAL}, /* f32.wast:2451 */
    {OP_F32_FLOOR, 0x7f7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32.wast:2452 */
    {OP_F32_FLOOR, 0xff800000, 0x0, 0xff800000, K_VAL}, /* f32.wast:2453 */
    {OP_F32_FLOOR, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* f32.wast:2454 */
    {OP_F32_FLOOR, 0xffc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2455 */
    {OP_F32_FLOOR, 0xffa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2456 */
    {OP_F32_FLOOR, 0x7fc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2457 */
    {OP_F32_FLOOR, 0x7fa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2458 */
    {OP_F32_CEIL, 0x80000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2459 */
    {OP_F32_CEIL, 0x0, 0x0, 0x0, K_VAL}, /* f32.wast:2460 */
    {OP_F32_CEIL, 0x80000001, 0x0, 0x80000000, K_VAL}, /* f32.wast:2461 */
    {OP_F32_CEIL, 0x1, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2462 */
    {OP_F32_CEIL, 0x80800000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2463 */
    {OP_F32_CEIL, 0x800000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2464 */
    {OP_F32_CEIL, 0xbf000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2465 */
    {OP_F32_CEIL, 0x3f000000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2466 */
    {OP_F32_CEIL, 0xbf800000, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2467 */
    {OP_F32_CEIL, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2468 */
    {OP_F32_CEIL, 0xc0c90fdb, 0x0, 0xc0c00000, K_VAL}, /* f32.wast:2469 */
    {OP_F32_CEIL, 0x40c90fdb, 0x0, 0x40e00000, K_VAL}, /* f32.wast:2470 */
    {OP_F32_CEIL, 0xff7fffff, 0x0, 0xff7fffff, K_VAL}, /* f32.wast:2471 */
    {OP_F32_CEIL, 0x7f7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32.wast:2472 */
    {OP_F32_CEIL, 0xff800000, 0x0, 0xff800000, K_VAL}, /* f32.wast:2473 */
    {OP_F32_CEIL, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* f32.wast:2474 */
    {OP_F32_CEIL, 0xffc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2475 */
    {OP_F32_CEIL, 0xffa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2476 */
    {OP_F32_CEIL, 0x7fc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2477 */
    {OP_F32_CEIL, 0x7fa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2478 */
    {OP_F32_TRUNC, 0x80000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2479 */
    {OP_F32_TRUNC, 0x0, 0x0, 0x0, K_VAL}, /* f32.wast:2480 */
    {OP_F32_TRUNC, 0x80000001, 0x0, 0x80000000, K_VAL}, /* f32.wast:2481 */
    {OP_F32_TRUNC, 0x1, 0x0, 0x0, K_VAL}, /* f32.wast:2482 */
    {OP_F32_TRUNC, 0x80800000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2483 */
    {OP_F32_TRUNC, 0x800000, 0x0, 0x0, K_VAL}, /* f32.wast:2484 */
    {OP_F32_TRUNC, 0xbf000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2485 */
    {OP_F32_TRUNC, 0x3f000000, 0x0, 0x0, K_VAL}, /* f32.wast:2486 */
    {OP_F32_TRUNC, 0xbf800000, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2487 */
    {OP_F32_TRUNC, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2488 */
    {OP_F32_TRUNC, 0xc0c90fdb, 0x0, 0xc0c00000, K_VAL}, /* f32.wast:2489 */
    {OP_F32_TRUNC, 0x40c90fdb, 0x0, 0x40c00000, K_VAL}, /* f32.wast:2490 */
    {OP_F32_TRUNC, 0xff7fffff, 0x0, 0xff7fffff, K_VAL}, /* f32.wast:2491 */
    {OP_F32_TRUNC, 0x7f7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32.wast:2492 */
    {OP_F32_TRUNC, 0xff800000, 0x0, 0xff800000, K_VAL}, /* f32.wast:2493 */
    {OP_F32_TRUNC, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* f32.wast:2494 */
    {OP_F32_TRUNC, 0xffc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2495 */
    {OP_F32_TRUNC, 0xffa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2496 */
    {OP_F32_TRUNC, 0x7fc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2497 */
    {OP_F32_TRUNC, 0x7fa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2498 */
    {OP_F32_NEAREST, 0x80000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2499 */
    {OP_F32_NEAREST, 0x0, 0x0, 0x0, K_VAL}, /* f32.wast:2500 */
    {OP_F32_NEAREST, 0x80000001, 0x0, 0x80000000, K_VAL}, /* f32.wast:2501 */
    {OP_F32_NEAREST, 0x1, 0x0, 0x0, K_VAL}, /* f32.wast:2502 */
    {OP_F32_NEAREST, 0x80800000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2503 */
    {OP_F32_NEAREST, 0x800000, 0x0, 0x0, K_VAL}, /* f32.wast:2504 */
    {OP_F32_NEAREST, 0xbf000000, 0x0, 0x80000000, K_VAL}, /* f32.wast:2505 */
    {OP_F32_NEAREST, 0x3f000000, 0x0, 0x0, K_VAL}, /* f32.wast:2506 */
    {OP_F32_NEAREST, 0xbf800000, 0x0, 0xbf800000, K_VAL}, /* f32.wast:2507 */
    {OP_F32_NEAREST, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* f32.wast:2508 */
    {OP_F32_NEAREST, 0xc0c90fdb, 0x0, 0xc0c00000, K_VAL}, /* f32.wast:2509 */
    {OP_F32_NEAREST, 0x40c90fdb, 0x0, 0x40c00000, K_VAL}, /* f32.wast:2510 */
    {OP_F32_NEAREST, 0xff7fffff, 0x0, 0xff7fffff, K_VAL}, /* f32.wast:2511 */
    {OP_F32_NEAREST, 0x7f7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32.wast:2512 */
    {OP_F32_NEAREST, 0xff800000, 0x0, 0xff800000, K_VAL}, /* f32.wast:2513 */
    {OP_F32_NEAREST, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* f32.wast:2514 */
    {OP_F32_NEAREST, 0xffc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2515 */
    {OP_F32_NEAREST, 0xffa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2516 */
    {OP_F32_NEAREST, 0x7fc00000, 0x0, 0x0, K_CAN}, /* f32.wast:2517 */
    {OP_F32_NEAREST, 0x7fa00000, 0x0, 0x0, K_ARI}, /* f32.wast:2518 */
    {OP_F64_SQRT, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2419 */
    {OP_F64_SQRT, 0x0, 0x0, 0x0, K_VAL}, /* f64.wast:2420 */
    {OP_F64_SQRT, 0x8000000000000001, 0x0, 0x0, K_CAN}, /* f64.wast:2421 */
    {OP_F64_SQRT, 0x1, 0x0, 0x1e60000000000000, K_VAL}, /* f64.wast:2422 */
    {OP_F64_SQRT, 0x8010000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2423 */
    {OP_F64_SQRT, 0x10000000000000, 0x0, 0x2000000000000000, K_VAL}, /* f64.wast:2424 */
    {OP_F64_SQRT, 0xbfe0000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2425 */
    {OP_F64_SQRT, 0x3fe0000000000000, 0x0, 0x3fe6a09e667f3bcd, K_VAL}, /* f64.wast:2426 */
    {OP_F64_SQRT, 0xbff0000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2427 */
    {OP_F64_SQRT, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2428 */
    {OP_F64_SQRT, 0xc01921fb54442d18, 0x0, 0x0, K_CAN}, /* f64.wast:2429 */
    {OP_F64_SQRT, 0x401921fb54442d18, 0x0, 0x40040d931ff62705, K_VAL}, /* f64.wast:2430 */
    {OP_F64_SQRT, 0xffefffffffffffff, 0x0, 0x0, K_CAN}, /* f64.wast:2431 */
    {OP_F64_SQRT, 0x7fefffffffffffff, 0x0, 0x5fefffffffffffff, K_VAL}, /* f64.wast:2432 */
    {OP_F64_SQRT, 0xfff0000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2433 */
    {OP_F64_SQRT, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64.wast:2434 */
    {OP_F64_SQRT, 0xfff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2435 */
    {OP_F64_SQRT, 0xfff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2436 */
    {OP_F64_SQRT, 0x7ff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2437 */
    {OP_F64_SQRT, 0x7ff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2438 */
    {OP_F64_FLOOR, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2439 */
    {OP_F64_FLOOR, 0x0, 0x0, 0x0, K_VAL}, /* f64.wast:2440 */
    {OP_F64_FLOOR, 0x8000000000000001, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2441 */
    {OP_F64_FLOOR, 0x1, 0x0, 0x0, K_VAL}, /* f64.wast:2442 */
    {OP_F64_FLOOR, 0x8010000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2443 */
    {OP_F64_FLOOR, 0x10000000000000, 0x0, 0x0, K_VAL}, /* f64.wast:2444 */
    {OP_F64_FLOOR, 0xbfe0000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2445 */
    {OP_F64_FLOOR, 0x3fe0000000000000, 0x0, 0x0, K_VAL}, /* f64.wast:2446 */
    {OP_F64_FLOOR, 0xbff0000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2447 */
    {OP_F64_FLOOR, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2448 */
    {OP_F64_FLOOR, 0xc01921fb54442d18, 0x0, 0xc01c000000000000, K_VAL}, /* f64.wast:2449 */
    {OP_F64_FLOOR, 0x401921fb54442d18, 0x0, 0x4018000000000000, K_VAL}, /* f64.wast:2450 */
    {OP_F64_FLOOR, 0xffefffffffffffff, 0x0, 0xffefffffffffffff, K_VAL}, /* f64.wast:2451 */
    {OP_F64_FLOOR, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64.wast:2452 */
    {OP_F64_FLOOR, 0xfff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* f64.wast:2453 */
    {OP_F64_FLOOR, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64.wast:2454 */
    {OP_F64_FLOOR, 0xfff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2455 */
    {OP_F64_FLOOR, 0xfff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2456 */
    {OP_F64_FLOOR, 0x7ff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2457 */
    {OP_F64_FLOOR, 0x7ff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2458 */
    {OP_F64_CEIL, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2459 */
    {OP_F64_CEIL, 0x0, 0x0, 0x0, K_VAL}, /* f64.wast:2460 */
    {OP_F64_CEIL, 0x8000000000000001, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2461 */
    {OP_F64_CEIL, 0x1, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2462 */
    {OP_F64_CEIL, 0x8010000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2463 */
    {OP_F64_CEIL, 0x10000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2464 */
    {OP_F64_CEIL, 0xbfe0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2465 */
    {OP_F64_CEIL, 0x3fe0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2466 */
    {OP_F64_CEIL, 0xbff0000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2467 */
    {OP_F64_CEIL, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2468 */
    {OP_F64_CEIL, 0xc01921fb54442d18, 0x0, 0xc018000000000000, K_VAL}, /* f64.wast:2469 */
    {OP_F64_CEIL, 0x401921fb54442d18, 0x0, 0x401c000000000000, K_VAL}, /* f64.wast:2470 */
    {OP_F64_CEIL, 0xffefffffffffffff, 0x0, 0xffefffffffffffff, K_VAL}, /* f64.wast:2471 */
    {OP_F64_CEIL, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64.wast:2472 */
    {OP_F64_CEIL, 0xfff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* f64.wast:2473 */
    {OP_F64_CEIL, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64.wast:2474 */
    {OP_F64_CEIL, 0xfff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2475 */
    {OP_F64_CEIL, 0xfff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2476 */
    {OP_F64_CEIL, 0x7ff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2477 */
    {OP_F64_CEIL, 0x7ff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2478 */
    {OP_F64_TRUNC, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2479 */
    {OP_F64_TRUNC, 0x0, 0x0, 0x0, K_VAL}, /* f64.wast:2480 */
    {OP_F64_TRUNC, 0x8000000000000001, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2481 */
    {OP_F64_TRUNC, 0x1, 0x0, 0x0, K_VAL}, /* f64.wast:2482 */
    {OP_F64_TRUNC, 0x8010000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2483 */
    {OP_F64_TRUNC, 0x10000000000000, 0x0, 0x0, K_VAL}, /* f64.wast:2484 */
    {OP_F64_TRUNC, 0xbfe0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2485 */
    {OP_F64_TRUNC, 0x3fe0000000000000, 0x0, 0x0, K_VAL}, /* f64.wast:2486 */
    {OP_F64_TRUNC, 0xbff0000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2487 */
    {OP_F64_TRUNC, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2488 */
    {OP_F64_TRUNC, 0xc01921fb54442d18, 0x0, 0xc018000000000000, K_VAL}, /* f64.wast:2489 */
    {OP_F64_TRUNC, 0x401921fb54442d18, 0x0, 0x4018000000000000, K_VAL}, /* f64.wast:2490 */
    {OP_F64_TRUNC, 0xffefffffffffffff, 0x0, 0xffefffffffffffff, K_VAL}, /* f64.wast:2491 */
    {OP_F64_TRUNC, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64.wast:2492 */
    {OP_F64_TRUNC, 0xfff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* f64.wast:2493 */
    {OP_F64_TRUNC, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64.wast:2494 */
    {OP_F64_TRUNC, 0xfff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2495 */
    {OP_F64_TRUNC, 0xfff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2496 */
    {OP_F64_TRUNC, 0x7ff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2497 */
    {OP_F64_TRUNC, 0x7ff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2498 */
    {OP_F64_NEAREST, 0x8000000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2499 */
    {OP_F64_NEAREST, 0x0, 0x0, 0x0, K_VAL}, /* f64.wast:2500 */
    {OP_F64_NEAREST, 0x8000000000000001, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2501 */
    {OP_F64_NEAREST, 0x1, 0x0, 0x0, K_VAL}, /* f64.wast:2502 */
    {OP_F64_NEAREST, 0x8010000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2503 */
    {OP_F64_NEAREST, 0x10000000000000, 0x0, 0x0, K_VAL}, /* f64.wast:2504 */
    {OP_F64_NEAREST, 0xbfe0000000000000, 0x0, 0x8000000000000000, K_VAL}, /* f64.wast:2505 */
    {OP_F64_NEAREST, 0x3fe0000000000000, 0x0, 0x0, K_VAL}, /* f64.wast:2506 */
    {OP_F64_NEAREST, 0xbff0000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64.wast:2507 */
    {OP_F64_NEAREST, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64.wast:2508 */
    {OP_F64_NEAREST, 0xc01921fb54442d18, 0x0, 0xc018000000000000, K_VAL}, /* f64.wast:2509 */
    {OP_F64_NEAREST, 0x401921fb54442d18, 0x0, 0x4018000000000000, K_VAL}, /* f64.wast:2510 */
    {OP_F64_NEAREST, 0xffefffffffffffff, 0x0, 0xffefffffffffffff, K_VAL}, /* f64.wast:2511 */
    {OP_F64_NEAREST, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64.wast:2512 */
    {OP_F64_NEAREST, 0xfff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* f64.wast:2513 */
    {OP_F64_NEAREST, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64.wast:2514 */
    {OP_F64_NEAREST, 0xfff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2515 */
    {OP_F64_NEAREST, 0xfff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2516 */
    {OP_F64_NEAREST, 0x7ff8000000000000, 0x0, 0x0, K_CAN}, /* f64.wast:2517 */
    {OP_F64_NEAREST, 0x7ff4000000000000, 0x0, 0x0, K_ARI}, /* f64.wast:2518 */
    {OP_F32_SQRT, 0x432b0000, 0x0, 0x41513a26, K_VAL}, /* float_misc.wast:519 */
    {OP_F32_SQRT, 0x342ca6fe, 0x0, 0x39d23c4e, K_VAL}, /* float_misc.wast:520 */
    {OP_F64_SQRT, 0x4065600000000000, 0x0, 0x402a2744ce9674f5, K_VAL}, /* float_misc.wast:521 */
    {OP_F64_SQRT, 0x3e8594dfc70aa105, 0x0, 0x3f3a4789c0e37f99, K_VAL}, /* float_misc.wast:522 */
    {OP_F64_SQRT, 0x35b0263fcc94f259, 0x0, 0x3ad0131485de579f, K_VAL}, /* float_misc.wast:525 */
    {OP_F64_SQRT, 0x551352dfa278c43d, 0x0, 0x4a8195607dac5417, K_VAL}, /* float_misc.wast:526 */
    {OP_F64_SQRT, 0x591b15daa23924fa, 0x0, 0x4c84d143db561493, K_VAL}, /* float_misc.wast:527 */
    {OP_F64_SQRT, 0x3da518c8e68cb753, 0x0, 0x3ec9fb8ef1ad5bfd, K_VAL}, /* float_misc.wast:528 */
    {OP_F64_SQRT, 0x28d86d8b6518078e, 0x0, 0x3463c5142a48fcad, K_VAL}, /* float_misc.wast:529 */
    {OP_F64_SQRT, 0x3fefffffffffffff, 0x0, 0x3fefffffffffffff, K_VAL}, /* float_misc.wast:533 */
    {OP_F32_SQRT, 0x3e04c032, 0x0, 0x3eb85918, K_VAL}, /* float_misc.wast:536 */
    {OP_F32_SQRT, 0x71ecdf78, 0x0, 0x58ae2029, K_VAL}, /* float_misc.wast:537 */
    {OP_F32_SQRT, 0x3da15adb, 0x0, 0x3e8fb687, K_VAL}, /* float_misc.wast:538 */
    {OP_F32_SQRT, 0x1c1b4268, 0x0, 0x2dc75d71, K_VAL}, /* float_misc.wast:539 */
    {OP_F32_SQRT, 0x3a6c5e27, 0x0, 0x3cf5fcf5, K_VAL}, /* float_misc.wast:540 */
    {OP_F64_SQRT, 0x635c39f220d5704, 0x0, 0x2312a92bc24ceae9, K_VAL}, /* float_misc.wast:541 */
    {OP_F64_SQRT, 0x6d653521a635745c, 0x0, 0x56aa0cfdc4ef8ff1, K_VAL}, /* float_misc.wast:542 */
    {OP_F64_SQRT, 0x580dfd5bbc9f4678, 0x0, 0x4bfefa817117c94c, K_VAL}, /* float_misc.wast:543 */
    {OP_F64_SQRT, 0x46833f9640811cd4, 0x0, 0x4338d17c9243baa3, K_VAL}, /* float_misc.wast:544 */
    {OP_F64_SQRT, 0x7e66c0ef0267ff45, 0x0, 0x5f2afbcfae3f2b40, K_VAL}, /* float_misc.wast:545 */
    {OP_F32_SQRT, 0x4d135317, 0x0, 0x46423428, K_VAL}, /* float_misc.wast:548 */
    {OP_F32_SQRT, 0x70b3001, 0x0, 0x233cc3b1, K_VAL}, /* float_misc.wast:549 */
    {OP_F32_SQRT, 0x381efda8, 0x0, 0x3bc9bf1c, K_VAL}, /* float_misc.wast:550 */
    {OP_F32_SQRT, 0x3987596, 0x0, 0x218bb203, K_VAL}, /* float_misc.wast:551 */
    {OP_F32_SQRT, 0x265b82e, 0x0, 0x20f28105, K_VAL}, /* float_misc.wast:552 */
    {OP_F64_SQRT, 0x6b6edae8aea05430, 0x0, 0x55af6c1ea4fc8dd2, K_VAL}, /* float_misc.wast:553 */
    {OP_F64_SQRT, 0x104f7ee4bda5c9c3, 0x0, 0x281fbf30bdaf11c5, K_VAL}, /* float_misc.wast:554 */
    {OP_F64_SQRT, 0x3e1a48f348266ad1, 0x0, 0x3f0481ee7540baf7, K_VAL}, /* float_misc.wast:555 */
    {OP_F64_SQRT, 0x30dfeb5a1ce3ed9c, 0x0, 0x3866995060c20d46, K_VAL}, /* float_misc.wast:556 */
    {OP_F64_SQRT, 0x7a1957d9796e3834, 0x0, 0x5d042305213157ba, K_VAL}, /* float_misc.wast:557 */
    {OP_F32_SQRT, 0x7ab2bc3e, 0x0, 0x5d174152, K_VAL}, /* float_misc.wast:560 */
    {OP_F32_SQRT, 0x4739b022, 0x0, 0x435a0720, K_VAL}, /* float_misc.wast:561 */
    {OP_F32_SQRT, 0x3f500768, 0x0, 0x3f66c576, K_VAL}, /* float_misc.wast:562 */
    {OP_F32_SQRT, 0x143d2640, 0x0, 0x29dc0cf2, K_VAL}, /* float_misc.wast:563 */
    {OP_F32_SQRT, 0x10ae926a, 0x0, 0x28157baf, K_VAL}, /* float_misc.wast:564 */
    {OP_F64_SQRT, 0x6e1a008948ead274, 0x0, 0x5704659b37c39b19, K_VAL}, /* float_misc.wast:565 */
    {OP_F64_SQRT, 0x28270f6199ed21f5, 0x0, 0x340b2a2bddf3300d, K_VAL}, /* float_misc.wast:566 */
    {OP_F64_SQRT, 0x7c435c1d49f2a352, 0x0, 0x5e18e3d9f01a9716, K_VAL}, /* float_misc.wast:567 */
    {OP_F64_SQRT, 0x3d23fbdcfb2b2a15, 0x0, 0x3e8949ba4feca42a, K_VAL}, /* float_misc.wast:568 */
    {OP_F64_SQRT, 0x213c201b94757145, 0x0, 0x3095369ee6bf2967, K_VAL}, /* float_misc.wast:569 */
    {OP_F64_SQRT, 0x83c360e8d0032ad0, 0x0, 0x0, K_CAN}, /* float_misc.wast:572 */
    {OP_F64_SQRT, 0x466d9a6f5eef0503, 0x0, 0x432ec73f56c166f6, K_VAL}, /* float_misc.wast:573 */
    {OP_F64_SQRT, 0x107aa051a5c4ec27, 0x0, 0x2834a3e771ff5149, K_VAL}, /* float_misc.wast:574 */
    {OP_F64_SQRT, 0x2ebe5522a741babe, 0x0, 0x375607ae2b6feb7d, K_VAL}, /* float_misc.wast:575 */
    {OP_F64_SQRT, 0x6364832badc0c061, 0x0, 0x51a99ec7934139b2, K_VAL}, /* float_misc.wast:576 */
    {OP_F32_SQRT, 0x3f800001, 0x0, 0x3f800000, K_VAL}, /* float_misc.wast:579 */
    {OP_F32_SQRT, 0x3f800002, 0x0, 0x3f800001, K_VAL}, /* float_misc.wast:580 */
    {OP_F64_SQRT, 0x3ff0000000000001, 0x0, 0x3ff0000000000000, K_VAL}, /* float_misc.wast:581 */
    {OP_F64_SQRT, 0x3ff0000000000002, 0x0, 0x3ff0000000000001, K_VAL}, /* float_misc.wast:582 */
    {OP_F32_SQRT, 0x3f7ffffe, 0x0, 0x3f7fffff, K_VAL}, /* float_misc.wast:585 */
    {OP_F32_SQRT, 0x3f7ffffd, 0x0, 0x3f7ffffe, K_VAL}, /* float_misc.wast:586 */
    {OP_F64_SQRT, 0x3feffffffffffffe, 0x0, 0x3fefffffffffffff, K_VAL}, /* float_misc.wast:587 */
    {OP_F64_SQRT, 0x3feffffffffffffd, 0x0, 0x3feffffffffffffe, K_VAL}, /* float_misc.wast:588 */
    {OP_F32_ABS, 0x7f80f1e2, 0x0, 0x7f80f1e2, K_VAL}, /* float_misc.wast:592 */
    {OP_F32_ABS, 0xff80f1e2, 0x0, 0x7f80f1e2, K_VAL}, /* float_misc.wast:593 */
    {OP_F64_ABS, 0x7ff00000f1e27a6b, 0x0, 0x7ff00000f1e27a6b, K_VAL}, /* float_misc.wast:594 */
    {OP_F64_ABS, 0xfff00000f1e27a6b, 0x0, 0x7ff00000f1e27a6b, K_VAL}, /* float_misc.wast:595 */
    {OP_F32_NEG, 0x7f80f1e2, 0x0, 0xff80f1e2, K_VAL}, /* float_misc.wast:597 */
    {OP_F32_NEG, 0xff80f1e2, 0x0, 0x7f80f1e2, K_VAL}, /* float_misc.wast:598 */
    {OP_F64_NEG, 0x7ff00000f1e27a6b, 0x0, 0xfff00000f1e27a6b, K_VAL}, /* float_misc.wast:599 */
    {OP_F64_NEG, 0xfff00000f1e27a6b, 0x0, 0x7ff00000f1e27a6b, K_VAL}, /* float_misc.wast:600 */
    {OP_F32_COPYSIGN, 0x7f80f1e2, 0x7fc00000, 0x7f80f1e2, K_VAL}, /* float_misc.wast:602 */
    {OP_F32_COPYSIGN, 0x7f80f1e2, 0xffc00000, 0xff80f1e2, K_VAL}, /* float_misc.wast:603 */
    {OP_F32_COPYSIGN, 0xff80f1e2, 0x7fc00000, 0x7f80f1e2, K_VAL}, /* float_misc.wast:604 */
    {OP_F32_COPYSIGN, 0xff80f1e2, 0xffc00000, 0xff80f1e2, K_VAL}, /* float_misc.wast:605 */
    {OP_F64_COPYSIGN, 0x7ff00000f1e27a6b, 0x7ff8000000000000, 0x7ff00000f1e27a6b, K_VAL}, /* float_misc.wast:606 */
    {OP_F64_COPYSIGN, 0x7ff00000f1e27a6b, 0xfff8000000000000, 0xfff00000f1e27a6b, K_VAL}, /* float_misc.wast:607 */
    {OP_F64_COPYSIGN, 0xfff00000f1e27a6b, 0x7ff8000000000000, 0x7ff00000f1e27a6b, K_VAL}, /* float_misc.wast:608 */
    {OP_F64_COPYSIGN, 0xfff00000f1e27a6b, 0xfff8000000000000, 0xfff00000f1e27a6b, K_VAL}, /* float_misc.wast:609 */
    {OP_F32_CEIL, 0x3f7fffff, 0x0, 0x3f800000, K_VAL}, /* float_misc.wast:612 */
    {OP_F32_CEIL, 0x3f800001, 0x0, 0x40000000, K_VAL}, /* float_misc.wast:613 */
    {OP_F64_CEIL, 0x3fefffffffffffff, 0x0, 0x3ff0000000000000, K_VAL}, /* float_misc.wast:614 */
    {OP_F64_CEIL, 0x3ff0000000000001, 0x0, 0x4000000000000000, K_VAL}, /* float_misc.wast:615 */
    {OP_F32_CEIL, 0x4affffff, 0x0, 0x4b000000, K_VAL}, /* float_misc.wast:618 */
    {OP_F32_CEIL, 0xcaffffff, 0x0, 0xcafffffe, K_VAL}, /* float_misc.wast:619 */
    {OP_F64_CEIL, 0x432fffffffffffff, 0x0, 0x4330000000000000, K_VAL}, /* float_misc.wast:620 */
    {OP_F64_CEIL, 0xc32fffffffffffff, 0x0, 0xc32ffffffffffffe, K_VAL}, /* float_misc.wast:621 */
    {OP_F32_CEIL, 0x4b7fffff, 0x0, 0x4b7fffff, K_VAL}, /* float_misc.wast:625 */
    {OP_F32_CEIL, 0xcb7fffff, 0x0, 0xcb7fffff, K_VAL}, /* float_misc.wast:626 */
    {OP_F64_CEIL, 0x433fffffffffffff, 0x0, 0x433fffffffffffff, K_VAL}, /* float_misc.wast:627 */
    {OP_F64_CEIL, 0xc33fffffffffffff, 0x0, 0xc33fffffffffffff, K_VAL}, /* float_misc.wast:628 */
    {OP_F32_FLOOR, 0xbf7fffff, 0x0, 0xbf800000, K_VAL}, /* float_misc.wast:631 */
    {OP_F32_FLOOR, 0xbf800001, 0x0, 0xc0000000, K_VAL}, /* float_misc.wast:632 */
    {OP_F64_FLOOR, 0xbfefffffffffffff, 0x0, 0xbff0000000000000, K_VAL}, /* float_misc.wast:633 */
    {OP_F64_FLOOR, 0xbff0000000000001, 0x0, 0xc000000000000000, K_VAL}, /* float_misc.wast:634 */
    {OP_F32_FLOOR, 0xcaffffff, 0x0, 0xcb000000, K_VAL}, /* float_misc.wast:637 */
    {OP_F32_FLOOR, 0x4affffff, 0x0, 0x4afffffe, K_VAL}, /* float_misc.wast:638 */
    {OP_F64_FLOOR, 0xc32fffffffffffff, 0x0, 0xc330000000000000, K_VAL}, /* float_misc.wast:639 */
    {OP_F64_FLOOR, 0x432fffffffffffff, 0x0, 0x432ffffffffffffe, K_VAL}, /* float_misc.wast:640 */
    {OP_F32_FLOOR, 0x47ad0f80, 0x0, 0x47ad0f80, K_VAL}, /* float_misc.wast:644 */
    {OP_F64_FLOOR, 0x40f5a1f000000000, 0x0, 0x40f5a1f000000000, K_VAL}, /* float_misc.wast:645 */
    {OP_F32_TRUNC, 0xcaffffff, 0x0, 0xcafffffe, K_VAL}, /* float_misc.wast:648 */
    {OP_F32_TRUNC, 0x4affffff, 0x0, 0x4afffffe, K_VAL}, /* float_misc.wast:649 */
    {OP_F64_TRUNC, 0xc32fffffffffffff, 0x0, 0xc32ffffffffffffe, K_VAL}, /* float_misc.wast:650 */
    {OP_F64_TRUNC, 0x432fffffffffffff, 0x0, 0x432ffffffffffffe, K_VAL}, /* float_misc.wast:651 */
    {OP_F32_NEAREST, 0x4b000001, 0x0, 0x4b000001, K_VAL}, /* float_misc.wast:656 */
    {OP_F32_NEAREST, 0x4b000002, 0x0, 0x4b000002, K_VAL}, /* float_misc.wast:657 */
    {OP_F32_NEAREST, 0x3effffff, 0x0, 0x0, K_VAL}, /* float_misc.wast:658 */
    {OP_F32_NEAREST, 0x577fffff, 0x0, 0x577fffff, K_VAL}, /* float_misc.wast:659 */
    {OP_F64_NEAREST, 0x4330000000000001, 0x0, 0x4330000000000001, K_VAL}, /* float_misc.wast:660 */
    {OP_F64_NEAREST, 0x4330000000000002, 0x0, 0x4330000000000002, K_VAL}, /* float_misc.wast:661 */
    {OP_F64_NEAREST, 0x3fdfffffffffffff, 0x0, 0x0, K_VAL}, /* float_misc.wast:662 */
    {OP_F64_NEAREST, 0x468fffffffffffff, 0x0, 0x468fffffffffffff, K_VAL}, /* float_misc.wast:663 */
    {OP_F32_NEAREST, 0x40900000, 0x0, 0x40800000, K_VAL}, /* float_misc.wast:667 */
    {OP_F32_NEAREST, 0xc0900000, 0x0, 0xc0800000, K_VAL}, /* float_misc.wast:668 */
    {OP_F32_NEAREST, 0xc0600000, 0x0, 0xc0800000, K_VAL}, /* float_misc.wast:669 */
    {OP_F64_NEAREST, 0x4012000000000000, 0x0, 0x4010000000000000, K_VAL}, /* float_misc.wast:670 */
    {OP_F64_NEAREST, 0xc012000000000000, 0x0, 0xc010000000000000, K_VAL}, /* float_misc.wast:671 */
    {OP_F64_NEAREST, 0xc00c000000000000, 0x0, 0xc010000000000000, K_VAL}, /* float_misc.wast:672 */
    {OP_F32_NEAREST, 0xcaffffff, 0x0, 0xcb000000, K_VAL}, /* float_misc.wast:675 */
    {OP_F32_NEAREST, 0x4affffff, 0x0, 0x4b000000, K_VAL}, /* float_misc.wast:676 */
    {OP_F64_NEAREST, 0xc32fffffffffffff, 0x0, 0xc330000000000000, K_VAL}, /* float_misc.wast:677 */
    {OP_F64_NEAREST, 0x432fffffffffffff, 0x0, 0x4330000000000000, K_VAL}, /* float_misc.wast:678 */
    {OP_F32_ABS, 0x80000000, 0x0, 0x0, K_VAL}, /* f32_bitwise.wast:334 */
    {OP_F32_ABS, 0x0, 0x0, 0x0, K_VAL}, /* f32_bitwise.wast:335 */
    {OP_F32_ABS, 0x80000001, 0x0, 0x1, K_VAL}, /* f32_bitwise.wast:336 */
    {OP_F32_ABS, 0x1, 0x0, 0x1, K_VAL}, /* f32_bitwise.wast:337 */
    {OP_F32_ABS, 0x80800000, 0x0, 0x800000, K_VAL}, /* f32_bitwise.wast:338 */
    {OP_F32_ABS, 0x800000, 0x0, 0x800000, K_VAL}, /* f32_bitwise.wast:339 */
    {OP_F32_ABS, 0xbf000000, 0x0, 0x3f000000, K_VAL}, /* f32_bitwise.wast:340 */
    {OP_F32_ABS, 0x3f000000, 0x0, 0x3f000000, K_VAL}, /* f32_bitwise.wast:341 */
    {OP_F32_ABS, 0xbf800000, 0x0, 0x3f800000, K_VAL}, /* f32_bitwise.wast:342 */
    {OP_F32_ABS, 0x3f800000, 0x0, 0x3f800000, K_VAL}, /* f32_bitwise.wast:343 */
    {OP_F32_ABS, 0xc0c90fdb, 0x0, 0x40c90fdb, K_VAL}, /* f32_bitwise.wast:344 */
    {OP_F32_ABS, 0x40c90fdb, 0x0, 0x40c90fdb, K_VAL}, /* f32_bitwise.wast:345 */
    {OP_F32_ABS, 0xff7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32_bitwise.wast:346 */
    {OP_F32_ABS, 0x7f7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32_bitwise.wast:347 */
    {OP_F32_ABS, 0xff800000, 0x0, 0x7f800000, K_VAL}, /* f32_bitwise.wast:348 */
    {OP_F32_ABS, 0x7f800000, 0x0, 0x7f800000, K_VAL}, /* f32_bitwise.wast:349 */
    {OP_F32_ABS, 0xffc00000, 0x0, 0x7fc00000, K_VAL}, /* f32_bitwise.wast:350 */
    {OP_F32_ABS, 0x7fc00000, 0x0, 0x7fc00000, K_VAL}, /* f32_bitwise.wast:351 */
    {OP_F32_NEG, 0x80000000, 0x0, 0x0, K_VAL}, /* f32_bitwise.wast:352 */
    {OP_F32_NEG, 0x0, 0x0, 0x80000000, K_VAL}, /* f32_bitwise.wast:353 */
    {OP_F32_NEG, 0x80000001, 0x0, 0x1, K_VAL}, /* f32_bitwise.wast:354 */
    {OP_F32_NEG, 0x1, 0x0, 0x80000001, K_VAL}, /* f32_bitwise.wast:355 */
    {OP_F32_NEG, 0x80800000, 0x0, 0x800000, K_VAL}, /* f32_bitwise.wast:356 */
    {OP_F32_NEG, 0x800000, 0x0, 0x80800000, K_VAL}, /* f32_bitwise.wast:357 */
    {OP_F32_NEG, 0xbf000000, 0x0, 0x3f000000, K_VAL}, /* f32_bitwise.wast:358 */
    {OP_F32_NEG, 0x3f000000, 0x0, 0xbf000000, K_VAL}, /* f32_bitwise.wast:359 */
    {OP_F32_NEG, 0xbf800000, 0x0, 0x3f800000, K_VAL}, /* f32_bitwise.wast:360 */
    {OP_F32_NEG, 0x3f800000, 0x0, 0xbf800000, K_VAL}, /* f32_bitwise.wast:361 */
    {OP_F32_NEG, 0xc0c90fdb, 0x0, 0x40c90fdb, K_VAL}, /* f32_bitwise.wast:362 */
    {OP_F32_NEG, 0x40c90fdb, 0x0, 0xc0c90fdb, K_VAL}, /* f32_bitwise.wast:363 */
    {OP_F32_NEG, 0xff7fffff, 0x0, 0x7f7fffff, K_VAL}, /* f32_bitwise.wast:364 */
    {OP_F32_NEG, 0x7f7fffff, 0x0, 0xff7fffff, K_VAL}, /* f32_bitwise.wast:365 */
    {OP_F32_NEG, 0xff800000, 0x0, 0x7f800000, K_VAL}, /* f32_bitwise.wast:366 */
    {OP_F32_NEG, 0x7f800000, 0x0, 0xff800000, K_VAL}, /* f32_bitwise.wast:367 */
    {OP_F32_NEG, 0xffc00000, 0x0, 0x7fc00000, K_VAL}, /* f32_bitwise.wast:368 */
    {OP_F32_NEG, 0x7fc00000, 0x0, 0xffc00000, K_VAL}, /* f32_bitwise.wast:369 */
    {OP_F64_ABS, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* f64_bitwise.wast:334 */
    {OP_F64_ABS, 0x0, 0x0, 0x0, K_VAL}, /* f64_bitwise.wast:335 */
    {OP_F64_ABS, 0x8000000000000001, 0x0, 0x1, K_VAL}, /* f64_bitwise.wast:336 */
    {OP_F64_ABS, 0x1, 0x0, 0x1, K_VAL}, /* f64_bitwise.wast:337 */
    {OP_F64_ABS, 0x8010000000000000, 0x0, 0x10000000000000, K_VAL}, /* f64_bitwise.wast:338 */
    {OP_F64_ABS, 0x10000000000000, 0x0, 0x10000000000000, K_VAL}, /* f64_bitwise.wast:339 */
    {OP_F64_ABS, 0xbfe0000000000000, 0x0, 0x3fe0000000000000, K_VAL}, /* f64_bitwise.wast:340 */
    {OP_F64_ABS, 0x3fe0000000000000, 0x0, 0x3fe0000000000000, K_VAL}, /* f64_bitwise.wast:341 */
    {OP_F64_ABS, 0xbff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64_bitwise.wast:342 */
    {OP_F64_ABS, 0x3ff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64_bitwise.wast:343 */
    {OP_F64_ABS, 0xc01921fb54442d18, 0x0, 0x401921fb54442d18, K_VAL}, /* f64_bitwise.wast:344 */
    {OP_F64_ABS, 0x401921fb54442d18, 0x0, 0x401921fb54442d18, K_VAL}, /* f64_bitwise.wast:345 */
    {OP_F64_ABS, 0xffefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64_bitwise.wast:346 */
    {OP_F64_ABS, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64_bitwise.wast:347 */
    {OP_F64_ABS, 0xfff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64_bitwise.wast:348 */
    {OP_F64_ABS, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64_bitwise.wast:349 */
    {OP_F64_ABS, 0xfff8000000000000, 0x0, 0x7ff8000000000000, K_VAL}, /* f64_bitwise.wast:350 */
    {OP_F64_ABS, 0x7ff8000000000000, 0x0, 0x7ff8000000000000, K_VAL}, /* f64_bitwise.wast:351 */
    {OP_F64_NEG, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* f64_bitwise.wast:352 */
    {OP_F64_NEG, 0x0, 0x0, 0x8000000000000000, K_VAL}, /* f64_bitwise.wast:353 */
    {OP_F64_NEG, 0x8000000000000001, 0x0, 0x1, K_VAL}, /* f64_bitwise.wast:354 */
    {OP_F64_NEG, 0x1, 0x0, 0x8000000000000001, K_VAL}, /* f64_bitwise.wast:355 */
    {OP_F64_NEG, 0x8010000000000000, 0x0, 0x10000000000000, K_VAL}, /* f64_bitwise.wast:356 */
    {OP_F64_NEG, 0x10000000000000, 0x0, 0x8010000000000000, K_VAL}, /* f64_bitwise.wast:357 */
    {OP_F64_NEG, 0xbfe0000000000000, 0x0, 0x3fe0000000000000, K_VAL}, /* f64_bitwise.wast:358 */
    {OP_F64_NEG, 0x3fe0000000000000, 0x0, 0xbfe0000000000000, K_VAL}, /* f64_bitwise.wast:359 */
    {OP_F64_NEG, 0xbff0000000000000, 0x0, 0x3ff0000000000000, K_VAL}, /* f64_bitwise.wast:360 */
    {OP_F64_NEG, 0x3ff0000000000000, 0x0, 0xbff0000000000000, K_VAL}, /* f64_bitwise.wast:361 */
    {OP_F64_NEG, 0xc01921fb54442d18, 0x0, 0x401921fb54442d18, K_VAL}, /* f64_bitwise.wast:362 */
    {OP_F64_NEG, 0x401921fb54442d18, 0x0, 0xc01921fb54442d18, K_VAL}, /* f64_bitwise.wast:363 */
    {OP_F64_NEG, 0xffefffffffffffff, 0x0, 0x7fefffffffffffff, K_VAL}, /* f64_bitwise.wast:364 */
    {OP_F64_NEG, 0x7fefffffffffffff, 0x0, 0xffefffffffffffff, K_VAL}, /* f64_bitwise.wast:365 */
    {OP_F64_NEG, 0xfff0000000000000, 0x0, 0x7ff0000000000000, K_VAL}, /* f64_bitwise.wast:366 */
    {OP_F64_NEG, 0x7ff0000000000000, 0x0, 0xfff0000000000000, K_VAL}, /* f64_bitwise.wast:367 */
    {OP_F64_NEG, 0xfff8000000000000, 0x0, 0x7ff8000000000000, K_VAL}, /* f64_bitwise.wast:368 */
    {OP_F64_NEG, 0x7ff8000000000000, 0x0, 0xfff8000000000000, K_VAL}, /* f64_bitwise.wast:369 */
    {OP_I32_ROTL, 0x1, 0x1, 0x2, K_VAL}, /* i32.wast:217 */
    {OP_I32_ROTL, 0x1, 0x0, 0x1, K_VAL}, /* i32.wast:218 */
    {OP_I32_ROTL, 0xffffffff, 0x1, 0xffffffff, K_VAL}, /* i32.wast:219 */
    {OP_I32_ROTL, 0x1, 0x20, 0x1, K_VAL}, /* i32.wast:220 */
    {OP_I32_ROTL, 0xabcd9876, 0x1, 0x579b30ed, K_VAL}, /* i32.wast:221 */
    {OP_I32_ROTL, 0xfe00dc00, 0x4, 0xe00dc00f, K_VAL}, /* i32.wast:222 */
    {OP_I32_ROTL, 0xb0c1d2e3, 0x5, 0x183a5c76, K_VAL}, /* i32.wast:223 */
    {OP_I32_ROTL, 0x8000, 0x25, 0x100000, K_VAL}, /* i32.wast:224 */
    {OP_I32_ROTL, 0xb0c1d2e3, 0xff05, 0x183a5c76, K_VAL}, /* i32.wast:225 */
    {OP_I32_ROTL, 0x769abcdf, 0xffffffed, 0x579beed3, K_VAL}, /* i32.wast:226 */
    {OP_I32_ROTL, 0x769abcdf, 0x8000000d, 0x579beed3, K_VAL}, /* i32.wast:227 */
    {OP_I32_ROTL, 0x1, 0x1f, 0x80000000, K_VAL}, /* i32.wast:228 */
    {OP_I32_ROTL, 0x80000000, 0x1, 0x1, K_VAL}, /* i32.wast:229 */
    {OP_I32_ROTR, 0x1, 0x1, 0x80000000, K_VAL}, /* i32.wast:231 */
    {OP_I32_ROTR, 0x1, 0x0, 0x1, K_VAL}, /* i32.wast:232 */
    {OP_I32_ROTR, 0xffffffff, 0x1, 0xffffffff, K_VAL}, /* i32.wast:233 */
    {OP_I32_ROTR, 0x1, 0x20, 0x1, K_VAL}, /* i32.wast:234 */
    {OP_I32_ROTR, 0xff00cc00, 0x1, 0x7f806600, K_VAL}, /* i32.wast:235 */
    {OP_I32_ROTR, 0x80000, 0x4, 0x8000, K_VAL}, /* i32.wast:236 */
    {OP_I32_ROTR, 0xb0c1d2e3, 0x5, 0x1d860e97, K_VAL}, /* i32.wast:237 */
    {OP_I32_ROTR, 0x8000, 0x25, 0x400, K_VAL}, /* i32.wast:238 */
    {OP_I32_ROTR, 0xb0c1d2e3, 0xff05, 0x1d860e97, K_VAL}, /* i32.wast:239 */
    {OP_I32_ROTR, 0x769abcdf, 0xffffffed, 0xe6fbb4d5, K_VAL}, /* i32.wast:240 */
    {OP_I32_ROTR, 0x769abcdf, 0x8000000d, 0xe6fbb4d5, K_VAL}, /* i32.wast:241 */
    {OP_I32_ROTR, 0x1, 0x1f, 0x2, K_VAL}, /* i32.wast:242 */
    {OP_I32_ROTR, 0x80000000, 0x1f, 0x1, K_VAL}, /* i32.wast:243 */
    {OP_I32_CLZ, 0xffffffff, 0x0, 0x0, K_VAL}, /* i32.wast:245 */
    {OP_I32_CLZ, 0x0, 0x0, 0x20, K_VAL}, /* i32.wast:246 */
    {OP_I32_CLZ, 0x8000, 0x0, 0x10, K_VAL}, /* i32.wast:247 */
    {OP_I32_CLZ, 0xff, 0x0, 0x18, K_VAL}, /* i32.wast:248 */
    {OP_I32_CLZ, 0x80000000, 0x0, 0x0, K_VAL}, /* i32.wast:249 */
    {OP_I32_CLZ, 0x1, 0x0, 0x1f, K_VAL}, /* i32.wast:250 */
    {OP_I32_CLZ, 0x2, 0x0, 0x1e, K_VAL}, /* i32.wast:251 */
    {OP_I32_CLZ, 0x7fffffff, 0x0, 0x1, K_VAL}, /* i32.wast:252 */
    {OP_I32_CTZ, 0xffffffff, 0x0, 0x0, K_VAL}, /* i32.wast:254 */
    {OP_I32_CTZ, 0x0, 0x0, 0x20, K_VAL}, /* i32.wast:255 */
    {OP_I32_CTZ, 0x8000, 0x0, 0xf, K_VAL}, /* i32.wast:256 */
    {OP_I32_CTZ, 0x10000, 0x0, 0x10, K_VAL}, /* i32.wast:257 */
    {OP_I32_CTZ, 0x80000000, 0x0, 0x1f, K_VAL}, /* i32.wast:258 */
    {OP_I32_CTZ, 0x7fffffff, 0x0, 0x0, K_VAL}, /* i32.wast:259 */
    {OP_I32_POPCNT, 0xffffffff, 0x0, 0x20, K_VAL}, /* i32.wast:261 */
    {OP_I32_POPCNT, 0x0, 0x0, 0x0, K_VAL}, /* i32.wast:262 */
    {OP_I32_POPCNT, 0x8000, 0x0, 0x1, K_VAL}, /* i32.wast:263 */
    {OP_I32_POPCNT, 0x80008000, 0x0, 0x2, K_VAL}, /* i32.wast:264 */
    {OP_I32_POPCNT, 0x7fffffff, 0x0, 0x1f, K_VAL}, /* i32.wast:265 */
    {OP_I32_POPCNT, 0xaaaaaaaa, 0x0, 0x10, K_VAL}, /* i32.wast:266 */
    {OP_I32_POPCNT, 0x55555555, 0x0, 0x10, K_VAL}, /* i32.wast:267 */
    {OP_I32_POPCNT, 0xdeadbeef, 0x0, 0x18, K_VAL}, /* i32.wast:268 */
    {OP_I64_ROTL, 0x1, 0x1, 0x2, K_VAL}, /* i64.wast:218 */
    {OP_I64_ROTL, 0x1, 0x0, 0x1, K_VAL}, /* i64.wast:219 */
    {OP_I64_ROTL, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, K_VAL}, /* i64.wast:220 */
    {OP_I64_ROTL, 0x1, 0x40, 0x1, K_VAL}, /* i64.wast:221 */
    {OP_I64_ROTL, 0xabcd987602468ace, 0x1, 0x579b30ec048d159d, K_VAL}, /* i64.wast:222 */
    {OP_I64_ROTL, 0xfe000000dc000000, 0x4, 0xe000000dc000000f, K_VAL}, /* i64.wast:223 */
    {OP_I64_ROTL, 0xabcd1234ef567809, 0x35, 0x13579a2469deacf, K_VAL}, /* i64.wast:224 */
    {OP_I64_ROTL, 0xabd1234ef567809c, 0x3f, 0x55e891a77ab3c04e, K_VAL}, /* i64.wast:225 */
    {OP_I64_ROTL, 0xabcd1234ef567809, 0xf5, 0x13579a2469deacf, K_VAL}, /* i64.wast:226 */
    {OP_I64_ROTL, 0xabcd7294ef567809, 0xffffffffffffffed, 0xcf013579ae529dea, K_VAL}, /* i64.wast:227 */
    {OP_I64_ROTL, 0xabd1234ef567809c, 0x800000000000003f, 0x55e891a77ab3c04e, K_VAL}, /* i64.wast:228 */
    {OP_I64_ROTL, 0x1, 0x3f, 0x8000000000000000, K_VAL}, /* i64.wast:229 */
    {OP_I64_ROTL, 0x8000000000000000, 0x1, 0x1, K_VAL}, /* i64.wast:230 */
    {OP_I64_ROTR, 0x1, 0x1, 0x8000000000000000, K_VAL}, /* i64.wast:232 */
    {OP_I64_ROTR, 0x1, 0x0, 0x1, K_VAL}, /* i64.wast:233 */
    {OP_I64_ROTR, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, K_VAL}, /* i64.wast:234 */
    {OP_I64_ROTR, 0x1, 0x40, 0x1, K_VAL}, /* i64.wast:235 */
    {OP_I64_ROTR, 0xabcd987602468ace, 0x1, 0x55e6cc3b01234567, K_VAL}, /* i64.wast:236 */
    {OP_I64_ROTR, 0xfe000000dc000000, 0x4, 0xfe000000dc00000, K_VAL}, /* i64.wast:237 */
    {OP_I64_ROTR, 0xabcd1234ef567809, 0x35, 0x6891a77ab3c04d5e, K_VAL}, /* i64.wast:238 */
    {OP_I64_ROTR, 0xabd1234ef567809c, 0x3f, 0x57a2469deacf0139, K_VAL}, /* i64.wast:239 */
    {OP_I64_ROTR, 0xabcd1234ef567809, 0xf5, 0x6891a77ab3c04d5e, K_VAL}, /* i64.wast:240 */
    {OP_I64_ROTR, 0xabcd7294ef567809, 0xffffffffffffffed, 0x94a77ab3c04d5e6b, K_VAL}, /* i64.wast:241 */
    {OP_I64_ROTR, 0xabd1234ef567809c, 0x800000000000003f, 0x57a2469deacf0139, K_VAL}, /* i64.wast:242 */
    {OP_I64_ROTR, 0x1, 0x3f, 0x2, K_VAL}, /* i64.wast:243 */
    {OP_I64_ROTR, 0x8000000000000000, 0x3f, 0x1, K_VAL}, /* i64.wast:244 */
    {OP_I64_CLZ, 0xffffffffffffffff, 0x0, 0x0, K_VAL}, /* i64.wast:246 */
    {OP_I64_CLZ, 0x0, 0x0, 0x40, K_VAL}, /* i64.wast:247 */
    {OP_I64_CLZ, 0x8000, 0x0, 0x30, K_VAL}, /* i64.wast:248 */
    {OP_I64_CLZ, 0xff, 0x0, 0x38, K_VAL}, /* i64.wast:249 */
    {OP_I64_CLZ, 0x8000000000000000, 0x0, 0x0, K_VAL}, /* i64.wast:250 */
    {OP_I64_CLZ, 0x1, 0x0, 0x3f, K_VAL}, /* i64.wast:251 */
    {OP_I64_CLZ, 0x2, 0x0, 0x3e, K_VAL}, /* i64.wast:252 */
    {OP_I64_CLZ, 0x7fffffffffffffff, 0x0, 0x1, K_VAL}, /* i64.wast:253 */
    {OP_I64_CTZ, 0xffffffffffffffff, 0x0, 0x0, K_VAL}, /* i64.wast:255 */
    {OP_I64_CTZ, 0x0, 0x0, 0x40, K_VAL}, /* i64.wast:256 */
    {OP_I64_CTZ, 0x8000, 0x0, 0xf, K_VAL}, /* i64.wast:257 */
    {OP_I64_CTZ, 0x10000, 0x0, 0x10, K_VAL}, /* i64.wast:258 */
    {OP_I64_CTZ, 0x8000000000000000, 0x0, 0x3f, K_VAL}, /* i64.wast:259 */
    {OP_I64_CTZ, 0x7fffffffffffffff, 0x0, 0x0, K_VAL}, /* i64.wast:260 */
    {OP_I64_POPCNT, 0xffffffffffffffff, 0x0, 0x40, K_VAL}, /* i64.wast:262 */
    {OP_I64_POPCNT, 0x0, 0x0, 0x0, K_VAL}, /* i64.wast:263 */
    {OP_I64_POPCNT, 0x8000, 0x0, 0x1, K_VAL}, /* i64.wast:264 */
    {OP_I64_POPCNT, 0x8000800080008000, 0x0, 0x4, K_VAL}, /* i64.wast:265 */
    {OP_I64_POPCNT, 0x7fffffffffffffff, 0x0, 0x3f, K_VAL}, /* i64.wast:266 */
    {OP_I64_POPCNT, 0xaaaaaaaa55555555, 0x0, 0x20, K_VAL}, /* i64.wast:267 */
    {OP_I64_POPCNT, 0x99999999aaaaaaaa, 0x0, 0x20, K_VAL}, /* i64.wast:268 */
    {OP_I64_POPCNT, 0xdeadbeefdeadbeef, 0x0, 0x30, K_VAL}, /* i64.wast:269 */
};

/* ---- helpers ----------------------------------------------------------------------------- */

static float F(uint32_t b) { return num_f32_from_bits(b); }
static double D(uint64_t b) { return num_f64_from_bits(b); }
static uint32_t FB(float x) { return num_f32_bits(x); }
static uint64_t DB(double x) { return num_f64_bits(x); }

static int is_canon32(uint32_t b) { return (b & 0x7fffffffu) == 0x7fc00000u; }
static int is_arith32(uint32_t b) { return (b & 0x7fc00000u) == 0x7fc00000u; }
static int is_canon64(uint64_t b) { return (b & 0x7fffffffffffffffu) == 0x7ff8000000000000u; }
static int is_arith64(uint64_t b) { return (b & 0x7ff8000000000000u) == 0x7ff8000000000000u; }

enum { R_INT, R_F32, R_F64 };

/* Runs one operator on bit-pattern operands. Returns the trap code; *r gets the result bits and
 * *rt says how to read them. */
static int run_op(int op, uint64_t a, uint64_t b, uint64_t *r, int *rt) {
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    int trap = WISP_TRAP_NONE;
    int32_t s32 = 0;
    uint32_t u32 = 0;
    int64_t s64 = 0;
    uint64_t u64 = 0;
    *rt = R_INT;
    *r = 0;
    switch (op) {
    case OP_I32_CLZ: *r = num_i32_clz(a32); break;
    case OP_I32_CTZ: *r = num_i32_ctz(a32); break;
    case OP_I32_POPCNT: *r = num_i32_popcnt(a32); break;
    case OP_I32_ROTL: *r = num_i32_rotl(a32, b32); break;
    case OP_I32_ROTR: *r = num_i32_rotr(a32, b32); break;
    case OP_I64_CLZ: *r = num_i64_clz(a); break;
    case OP_I64_CTZ: *r = num_i64_ctz(a); break;
    case OP_I64_POPCNT: *r = num_i64_popcnt(a); break;
    case OP_I64_ROTL: *r = num_i64_rotl(a, b); break;
    case OP_I64_ROTR: *r = num_i64_rotr(a, b); break;
    case OP_I32_REINTERPRET_F32: *r = FB(F(a32)); break;
    case OP_I64_REINTERPRET_F64: *r = DB(D(a)); break;
    case OP_I32_TRUNC_F32_S: trap = num_i32_trunc_f32_s(F(a32), &s32); *r = (uint32_t)s32; break;
    case OP_I32_TRUNC_F32_U: trap = num_i32_trunc_f32_u(F(a32), &u32); *r = u32; break;
    case OP_I32_TRUNC_F64_S: trap = num_i32_trunc_f64_s(D(a), &s32); *r = (uint32_t)s32; break;
    case OP_I32_TRUNC_F64_U: trap = num_i32_trunc_f64_u(D(a), &u32); *r = u32; break;
    case OP_I64_TRUNC_F32_S: trap = num_i64_trunc_f32_s(F(a32), &s64); *r = (uint64_t)s64; break;
    case OP_I64_TRUNC_F32_U: trap = num_i64_trunc_f32_u(F(a32), &u64); *r = u64; break;
    case OP_I64_TRUNC_F64_S: trap = num_i64_trunc_f64_s(D(a), &s64); *r = (uint64_t)s64; break;
    case OP_I64_TRUNC_F64_U: trap = num_i64_trunc_f64_u(D(a), &u64); *r = u64; break;
    case OP_I32_TRUNC_SAT_F32_S: *r = (uint32_t)num_i32_trunc_sat_f32_s(F(a32)); break;
    case OP_I32_TRUNC_SAT_F32_U: *r = num_i32_trunc_sat_f32_u(F(a32)); break;
    case OP_I32_TRUNC_SAT_F64_S: *r = (uint32_t)num_i32_trunc_sat_f64_s(D(a)); break;
    case OP_I32_TRUNC_SAT_F64_U: *r = num_i32_trunc_sat_f64_u(D(a)); break;
    case OP_I64_TRUNC_SAT_F32_S: *r = (uint64_t)num_i64_trunc_sat_f32_s(F(a32)); break;
    case OP_I64_TRUNC_SAT_F32_U: *r = num_i64_trunc_sat_f32_u(F(a32)); break;
    case OP_I64_TRUNC_SAT_F64_S: *r = (uint64_t)num_i64_trunc_sat_f64_s(D(a)); break;
    case OP_I64_TRUNC_SAT_F64_U: *r = num_i64_trunc_sat_f64_u(D(a)); break;
    default: break;
    }
    if (*rt == R_INT && (op == OP_I32_CLZ || op == OP_I32_CTZ || op == OP_I32_POPCNT || op == OP_I32_ROTL ||
                         op == OP_I32_ROTR || op == OP_I64_CLZ || op == OP_I64_CTZ || op == OP_I64_POPCNT ||
                         op == OP_I64_ROTL || op == OP_I64_ROTR || op == OP_I32_REINTERPRET_F32 ||
                         op == OP_I64_REINTERPRET_F64 || op == OP_I32_TRUNC_F32_S || op == OP_I32_TRUNC_F32_U ||
                         op == OP_I32_TRUNC_F64_S || op == OP_I32_TRUNC_F64_U || op == OP_I64_TRUNC_F32_S ||
                         op == OP_I64_TRUNC_F32_U || op == OP_I64_TRUNC_F64_S || op == OP_I64_TRUNC_F64_U ||
                         op == OP_I32_TRUNC_SAT_F32_S || op == OP_I32_TRUNC_SAT_F32_U ||
                         op == OP_I32_TRUNC_SAT_F64_S || op == OP_I32_TRUNC_SAT_F64_U ||
                         op == OP_I64_TRUNC_SAT_F32_S || op == OP_I64_TRUNC_SAT_F32_U ||
                         op == OP_I64_TRUNC_SAT_F64_S || op == OP_I64_TRUNC_SAT_F64_U))
        return trap;
    *rt = R_F32;
    switch (op) {
    case OP_F32_ABS: *r = FB(num_f32_abs(F(a32))); break;
    case OP_F32_NEG: *r = FB(num_f32_neg(F(a32))); break;
    case OP_F32_COPYSIGN: *r = FB(num_f32_copysign(F(a32), F(b32))); break;
    case OP_F32_MIN: *r = FB(num_f32_min(F(a32), F(b32))); break;
    case OP_F32_MAX: *r = FB(num_f32_max(F(a32), F(b32))); break;
    case OP_F32_CEIL: *r = FB(num_f32_ceil(F(a32))); break;
    case OP_F32_FLOOR: *r = FB(num_f32_floor(F(a32))); break;
    case OP_F32_TRUNC: *r = FB(num_f32_trunc(F(a32))); break;
    case OP_F32_NEAREST: *r = FB(num_f32_nearest(F(a32))); break;
    case OP_F32_SQRT: *r = FB(num_f32_sqrt(F(a32))); break;
    case OP_F32_REINTERPRET_I32: *r = FB(F(a32)); break;
    case OP_F32_CONVERT_I32_S: *r = FB(num_f32_convert_i32_s((int32_t)a32)); break;
    case OP_F32_CONVERT_I32_U: *r = FB(num_f32_convert_i32_u(a32)); break;
    case OP_F32_CONVERT_I64_S: *r = FB(num_f32_convert_i64_s((int64_t)a)); break;
    case OP_F32_CONVERT_I64_U: *r = FB(num_f32_convert_i64_u(a)); break;
    case OP_F32_DEMOTE_F64: *r = FB(num_f32_demote_f64(D(a))); break;
    default: *rt = R_F64; break;
    }
    if (*rt == R_F32) return trap;
    switch (op) {
    case OP_F64_ABS: *r = DB(num_f64_abs(D(a))); break;
    case OP_F64_NEG: *r = DB(num_f64_neg(D(a))); break;
    case OP_F64_COPYSIGN: *r = DB(num_f64_copysign(D(a), D(b))); break;
    case OP_F64_MIN: *r = DB(num_f64_min(D(a), D(b))); break;
    case OP_F64_MAX: *r = DB(num_f64_max(D(a), D(b))); break;
    case OP_F64_CEIL: *r = DB(num_f64_ceil(D(a))); break;
    case OP_F64_FLOOR: *r = DB(num_f64_floor(D(a))); break;
    case OP_F64_TRUNC: *r = DB(num_f64_trunc(D(a))); break;
    case OP_F64_NEAREST: *r = DB(num_f64_nearest(D(a))); break;
    case OP_F64_SQRT: *r = DB(num_f64_sqrt(D(a))); break;
    case OP_F64_REINTERPRET_I64: *r = DB(D(a)); break;
    case OP_F64_CONVERT_I32_S: *r = DB(num_f64_convert_i32_s((int32_t)a32)); break;
    case OP_F64_CONVERT_I32_U: *r = DB(num_f64_convert_i32_u(a32)); break;
    case OP_F64_CONVERT_I64_S: *r = DB(num_f64_convert_i64_s((int64_t)a)); break;
    case OP_F64_CONVERT_I64_U: *r = DB(num_f64_convert_i64_u(a)); break;
    case OP_F64_PROMOTE_F32: *r = DB(num_f64_promote_f32(F(a32))); break;
    default: *rt = -1; break;
    }
    return trap;
}

static int case_ok(const struct spec_case *c) {
    uint64_t r;
    int rt;
    int trap = run_op(c->op, c->a, c->b, &r, &rt);
    if (rt < 0) return 0;
    switch (c->kind) {
    case K_OVF: return trap == WISP_TRAP_INTEGER_OVERFLOW;
    case K_INV: return trap == WISP_TRAP_INVALID_CONVERSION;
    case K_CAN: return trap == WISP_TRAP_NONE && (rt == R_F32 ? is_canon32((uint32_t)r) : is_canon64(r));
    case K_ARI: return trap == WISP_TRAP_NONE && (rt == R_F32 ? is_arith32((uint32_t)r) : is_arith64(r));
    default: return trap == WISP_TRAP_NONE && r == c->r;
    }
}

static void test_spec_table(void) {
    size_t n = sizeof spec_cases / sizeof spec_cases[0];
    for (size_t i = 0; i < n; i++) {
        const struct spec_case *c = &spec_cases[i];
        if (!case_ok(c)) {
            uint64_t r;
            int rt;
            int trap = run_op(c->op, c->a, c->b, &r, &rt);
            fprintf(stderr, "spec case %zu (op %d, a=%#llx b=%#llx): want %#llx kind %d, got %#llx trap %d\n", i,
                    c->op, (unsigned long long)c->a, (unsigned long long)c->b, (unsigned long long)c->r, c->kind,
                    (unsigned long long)r, trap);
        }
        CHECK(case_ok(c));
    }
}

/* ---- integer bit operations -------------------------------------------------------------- */

static void test_bits(void) {
    CHECK(num_i32_clz(0) == 32 && num_i32_ctz(0) == 32 && num_i32_popcnt(0) == 0);
    CHECK(num_i64_clz(0) == 64 && num_i64_ctz(0) == 64 && num_i64_popcnt(0) == 0);
    CHECK(num_i32_clz(1) == 31 && num_i32_ctz(1) == 0 && num_i32_popcnt(1) == 1);
    CHECK(num_i32_clz(0x80000000u) == 0 && num_i32_ctz(0x80000000u) == 31);
    CHECK(num_i32_clz(0xffffffffu) == 0 && num_i32_ctz(0xffffffffu) == 0 && num_i32_popcnt(0xffffffffu) == 32);
    CHECK(num_i32_clz(0x00008000u) == 16 && num_i32_ctz(0x00008000u) == 15);
    CHECK(num_i32_popcnt(0xaaaaaaaau) == 16 && num_i32_popcnt(0x80008000u) == 2);
    CHECK(num_i64_clz(1) == 63 && num_i64_ctz(1) == 0 && num_i64_popcnt(1) == 1);
    CHECK(num_i64_clz(0x8000000000000000u) == 0 && num_i64_ctz(0x8000000000000000u) == 63);
    CHECK(num_i64_clz(0x00000000ffffffffu) == 32 && num_i64_ctz(0xffffffff00000000u) == 32);
    CHECK(num_i64_clz(0xffffffffffffffffu) == 0 && num_i64_popcnt(0xffffffffffffffffu) == 64);
    CHECK(num_i64_popcnt(0x5555555555555555u) == 32 && num_i64_popcnt(0x8000800080008000u) == 4);
    /* counts are taken modulo the width, in both directions */
    CHECK(num_i32_rotl(0x12345678u, 0) == 0x12345678u && num_i32_rotr(0x12345678u, 0) == 0x12345678u);
    CHECK(num_i32_rotl(0x12345678u, 32) == 0x12345678u && num_i32_rotr(0x12345678u, 64) == 0x12345678u);
    CHECK(num_i32_rotl(0x12345678u, 4) == 0x23456781u && num_i32_rotr(0x12345678u, 4) == 0x81234567u);
    CHECK(num_i32_rotl(0x80000001u, 33) == 0x00000003u && num_i32_rotr(0x80000001u, 0xffffffffu) == 0x00000003u);
    CHECK(num_i32_rotl(1, 31) == 0x80000000u && num_i32_rotr(1, 1) == 0x80000000u);
    CHECK(num_i64_rotl(0x0123456789abcdefu, 0) == 0x0123456789abcdefu);
    CHECK(num_i64_rotl(0x0123456789abcdefu, 64) == 0x0123456789abcdefu);
    CHECK(num_i64_rotr(0x0123456789abcdefu, 128) == 0x0123456789abcdefu);
    CHECK(num_i64_rotl(0x0123456789abcdefu, 4) == 0x123456789abcdef0u);
    CHECK(num_i64_rotr(0x0123456789abcdefu, 4) == 0xf0123456789abcdeu);
    CHECK(num_i64_rotl(0x8000000000000001u, 65) == 3 && num_i64_rotr(1, 0xffffffffffffffffu) == 2);
    /* the portable fallbacks agree with a naive count */
    for (uint32_t i = 0; i < 64; i++) {
        uint64_t x = (0x9e3779b97f4a7c15u * (i + 1)) >> (i % 61);
        uint64_t pc = 0, lz = 64, tz = 64;
        for (int k = 0; k < 64; k++)
            if (x >> k & 1) { pc++; if (tz == 64) tz = (uint64_t)k; lz = 63 - (uint64_t)k; }
        CHECK(num_i64_popcnt(x) == pc && num_i64_clz(x) == lz && num_i64_ctz(x) == tz);
    }
}

/* ---- sign operations ----------------------------------------------------------------------- */

static void test_sign(void) {
    /* payloads and even signalling NaNs go through untouched; only the sign bit changes */
    CHECK(FB(num_f32_abs(F(0xffa00001u))) == 0x7fa00001u);
    CHECK(FB(num_f32_neg(F(0x7fa00001u))) == 0xffa00001u);
    CHECK(FB(num_f32_neg(F(0x00000000u))) == 0x80000000u && FB(num_f32_neg(F(0x80000000u))) == 0);
    CHECK(FB(num_f32_copysign(F(0x7fa00001u), -1.0f)) == 0xffa00001u);
    CHECK(FB(num_f32_copysign(1.0f, F(0xffc00000u))) == 0xbf800000u);
    CHECK(FB(num_f32_copysign(1.0f, F(0x7fc00000u))) == 0x3f800000u);
    CHECK(FB(num_f32_copysign(-0.0f, 0.0f)) == 0 && FB(num_f32_copysign(0.0f, -0.0f)) == 0x80000000u);
    CHECK(DB(num_f64_abs(D(0xfff4000000000001u))) == 0x7ff4000000000001u);
    CHECK(DB(num_f64_neg(D(0x7ff4000000000001u))) == 0xfff4000000000001u);
    CHECK(DB(num_f64_copysign(D(0x7ff4000000000001u), -0.0)) == 0xfff4000000000001u);
    CHECK(DB(num_f64_copysign(2.0, D(0xfff8000000000000u))) == 0xc000000000000000u);
    CHECK(DB(num_f64_copysign(-2.0, D(0x7ff0000000000001u))) == 0x4000000000000000u);
}

/* the special values f32.wast/f64.wast cross with each other for min/max/copysign */
static const uint32_t specials32[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x00800000, 0x80800000, 0x3f000000, 0xbf000000,
    0x3f800000, 0xbf800000, 0x40c90fdb, 0xc0c90fdb, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00000, 0x7fa00000, 0xffa00000, 0x7fffffff, 0x7f800001,
};
static const uint64_t specials64[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001,
    0x0010000000000000, 0x8010000000000000, 0x3fe0000000000000, 0xbfe0000000000000,
    0x3ff0000000000000, 0xbff0000000000000, 0x401921fb54442d18, 0xc01921fb54442d18,
    0x7fefffffffffffff, 0xffefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff4000000000000, 0xfff4000000000000,
    0x7fffffffffffffff, 0x7ff0000000000001,
};
#define NSPEC32 (sizeof specials32 / sizeof specials32[0])
#define NSPEC64 (sizeof specials64 / sizeof specials64[0])

/* A key that orders non-NaN floats numerically with -0 < +0. */
static int64_t order32(uint32_t b) { return b >> 31 ? -(int64_t)(b & 0x7fffffffu) - 1 : (int64_t)b; }
static int64_t order64(uint64_t b) {
    return b >> 63 ? -(int64_t)(b & 0x7fffffffffffffffu) - 1 : (int64_t)b;
}
static int nan32(uint32_t b) { return (b & 0x7fffffffu) > 0x7f800000u; }
static int nan64(uint64_t b) { return (b & 0x7fffffffffffffffu) > 0x7ff0000000000000u; }

static void test_min_max(void) {
    for (size_t i = 0; i < NSPEC32; i++) {
        for (size_t j = 0; j < NSPEC32; j++) {
            uint32_t a = specials32[i], b = specials32[j];
            uint32_t mn = FB(num_f32_min(F(a), F(b))), mx = FB(num_f32_max(F(a), F(b)));
            if (nan32(a) || nan32(b)) {
                int all_canon = (!nan32(a) || is_canon32(a)) && (!nan32(b) || is_canon32(b));
                CHECK(all_canon ? is_canon32(mn) && is_canon32(mx) : is_arith32(mn) && is_arith32(mx));
            } else {
                CHECK(mn == (order32(a) <= order32(b) ? a : b));
                CHECK(mx == (order32(a) >= order32(b) ? a : b));
            }
        }
    }
    for (size_t i = 0; i < NSPEC64; i++) {
        for (size_t j = 0; j < NSPEC64; j++) {
            uint64_t a = specials64[i], b = specials64[j];
            uint64_t mn = DB(num_f64_min(D(a), D(b))), mx = DB(num_f64_max(D(a), D(b)));
            if (nan64(a) || nan64(b)) {
                int all_canon = (!nan64(a) || is_canon64(a)) && (!nan64(b) || is_canon64(b));
                CHECK(all_canon ? is_canon64(mn) && is_canon64(mx) : is_arith64(mn) && is_arith64(mx));
            } else {
                CHECK(mn == (order64(a) <= order64(b) ? a : b));
                CHECK(mx == (order64(a) >= order64(b) ? a : b));
            }
        }
    }
    CHECK(FB(num_f32_min(0.0f, -0.0f)) == 0x80000000u && FB(num_f32_min(-0.0f, 0.0f)) == 0x80000000u);
    CHECK(FB(num_f32_max(0.0f, -0.0f)) == 0 && FB(num_f32_max(-0.0f, 0.0f)) == 0);
    CHECK(DB(num_f64_min(0.0, -0.0)) == 0x8000000000000000u && DB(num_f64_max(-0.0, 0.0)) == 0);
    CHECK(is_canon32(FB(num_f32_min(F(0x7fc00000u), 1.0f))) && is_canon32(FB(num_f32_max(1.0f, F(0xffc00000u)))));
    CHECK(is_arith32(FB(num_f32_min(F(0x7f800001u), 1.0f))) && is_arith64(DB(num_f64_max(1.0, D(0x7ff0000000000001u)))));
    CHECK(num_f32_min(F(0xff800000u), -3.0f) == F(0xff800000u) && num_f64_max(D(0x7ff0000000000000u), 1e308) > 1e308);
}

static void test_copysign_products(void) {
    for (size_t i = 0; i < NSPEC32; i++)
        for (size_t j = 0; j < NSPEC32; j++) {
            uint32_t a = specials32[i], b = specials32[j];
            CHECK(FB(num_f32_copysign(F(a), F(b))) == ((a & 0x7fffffffu) | (b & 0x80000000u)));
        }
    for (size_t i = 0; i < NSPEC64; i++)
        for (size_t j = 0; j < NSPEC64; j++) {
            uint64_t a = specials64[i], b = specials64[j];
            CHECK(DB(num_f64_copysign(D(a), D(b))) == ((a & 0x7fffffffffffffffu) | (b & 0x8000000000000000u)));
        }
}

/* ---- rounding to integral and sqrt ----------------------------------------------------------- */

static void test_rounding(void) {
    /* nearest: ties to even, sign kept on zero results */
    CHECK(FB(num_f32_nearest(0.5f)) == 0 && FB(num_f32_nearest(-0.5f)) == 0x80000000u);
    CHECK(num_f32_nearest(1.5f) == 2.0f && num_f32_nearest(2.5f) == 2.0f && num_f32_nearest(-2.5f) == -2.0f);
    CHECK(num_f32_nearest(3.5f) == 4.0f && num_f32_nearest(-3.5f) == -4.0f && num_f32_nearest(-4.5f) == -4.0f);
    CHECK(num_f32_nearest(0x1.fffffep-2f) == 0.0f);   /* 0.49999997: no x+0.5 double rounding */
    CHECK(num_f32_nearest(0x1.000002p+0f) == 1.0f);
    CHECK(num_f32_nearest(8388607.5f) == 8388608.0f); /* 2^23-0.5: odd integer part rounds up */
    CHECK(num_f32_nearest(-8388607.5f) == -8388608.0f);
    CHECK(num_f32_nearest(4194302.5f) == 4194302.0f && num_f32_nearest(4194303.5f) == 4194304.0f);
    CHECK(num_f32_nearest(8388609.0f) == 8388609.0f && num_f32_nearest(16777215.0f) == 16777215.0f);
    CHECK(FB(num_f32_nearest(F(0x7149f2cau))) == 0x7149f2cau && FB(num_f32_nearest(F(0x80000001u))) == 0x80000000u);
    CHECK(FB(num_f32_nearest(-0.0f)) == 0x80000000u && FB(num_f32_nearest(F(0xff800000u))) == 0xff800000u);
    CHECK(FB(num_f64_nearest(0.5)) == 0 && DB(num_f64_nearest(-0.5)) == 0x8000000000000000u);
    CHECK(num_f64_nearest(2.5) == 2.0 && num_f64_nearest(-3.5) == -4.0 && num_f64_nearest(0x1.fffffffffffffp-2) == 0.0);
    CHECK(num_f64_nearest(4503599627370495.5) == 4503599627370496.0); /* 2^52-0.5 */
    CHECK(num_f64_nearest(-4503599627370495.5) == -4503599627370496.0);
    CHECK(num_f64_nearest(4503599627370497.0) == 4503599627370497.0);
    CHECK(DB(num_f64_nearest(D(0x7e37e43c8800759cu))) == 0x7e37e43c8800759cu); /* 1e300 */
    CHECK(num_f64_nearest(2251799813685248.5) == 2251799813685248.0); /* 2^51+0.5, even */
    CHECK(num_f64_nearest(2251799813685249.5) == 2251799813685250.0);
    /* ceil/floor/trunc, zeros keep x's sign */
    CHECK(DB(num_f64_ceil(-0.5)) == 0x8000000000000000u && num_f64_floor(-0.5) == -1.0);
    CHECK(FB(num_f32_ceil(-0.5f)) == 0x80000000u && num_f32_floor(-0.5f) == -1.0f);
    CHECK(FB(num_f32_floor(0.5f)) == 0 && num_f32_ceil(0.5f) == 1.0f);
    CHECK(FB(num_f32_trunc(-0.7f)) == 0x80000000u && num_f32_trunc(-1.7f) == -1.0f && num_f32_trunc(1.7f) == 1.0f);
    CHECK(num_f32_ceil(F(0x00000001u)) == 1.0f && FB(num_f32_ceil(F(0x80000001u))) == 0x80000000u);
    CHECK(num_f32_floor(F(0x80000001u)) == -1.0f && FB(num_f32_floor(F(0x00000001u))) == 0);
    CHECK(num_f32_ceil(-1.5f) == -1.0f && num_f32_floor(1.5f) == 1.0f && num_f32_ceil(1.0f) == 1.0f);
    CHECK(num_f32_floor(-8388607.5f) == -8388608.0f && num_f32_ceil(8388607.5f) == 8388608.0f);
    CHECK(num_f32_floor(-0x1p23f) == -0x1p23f && num_f32_ceil(0x1.fffffep127f) == 0x1.fffffep127f);
    CHECK(num_f64_ceil(D(0x0000000000000001u)) == 1.0 && num_f64_floor(D(0x8000000000000001u)) == -1.0);
    CHECK(DB(num_f64_trunc(-0.99)) == 0x8000000000000000u && num_f64_trunc(-4503599627370495.5) == -4503599627370495.0);
    CHECK(num_f64_floor(-4503599627370495.5) == -4503599627370496.0 && num_f64_ceil(4503599627370495.5) == 4503599627370496.0);
    CHECK(DB(num_f64_floor(-0.0)) == 0x8000000000000000u && DB(num_f64_ceil(D(0xfff0000000000000u))) == 0xfff0000000000000u);
    /* NaN in: same payload, quieted */
    CHECK(FB(num_f32_ceil(F(0x7fa00000u))) == 0x7fe00000u && FB(num_f32_floor(F(0xffc00000u))) == 0xffc00000u);
    CHECK(FB(num_f32_trunc(F(0x7f800001u))) == 0x7fc00001u && FB(num_f32_nearest(F(0x7fc00000u))) == 0x7fc00000u);
    CHECK(DB(num_f64_nearest(D(0x7ff4000000000000u))) == 0x7ffc000000000000u);
    CHECK(DB(num_f64_trunc(D(0xfff8000000000000u))) == 0xfff8000000000000u);
    /* sqrt */
    CHECK(FB(num_f32_sqrt(-0.0f)) == 0x80000000u && DB(num_f64_sqrt(-0.0)) == 0x8000000000000000u);
    CHECK(is_canon32(FB(num_f32_sqrt(-1.0f))) && is_canon32(FB(num_f32_sqrt(F(0xff800000u)))));
    CHECK(is_canon32(FB(num_f32_sqrt(F(0x80000001u)))) && is_canon64(DB(num_f64_sqrt(-1e-300))));
    CHECK(FB(num_f32_sqrt(F(0x7f800000u))) == 0x7f800000u && num_f32_sqrt(4.0f) == 2.0f);
    CHECK(FB(num_f32_sqrt(2.0f)) == 0x3fb504f3u && DB(num_f64_sqrt(2.0)) == 0x3ff6a09e667f3bcdu);
    CHECK(FB(num_f32_sqrt(F(0xffa00000u))) == 0xffe00000u && is_arith64(DB(num_f64_sqrt(D(0x7ff0000000000001u)))));
    CHECK(FB(num_f32_sqrt(F(0x00000001u))) == 0x1a3504f3u); /* sqrt(2^-149) = 2^-74.5 */
}

/* ---- trapping and saturating truncation ------------------------------------------------------ */

#define TRAP_NAN WISP_TRAP_INVALID_CONVERSION
#define TRAP_OVF WISP_TRAP_INTEGER_OVERFLOW
#define OK WISP_TRAP_NONE

static void test_trunc(void) {
    int32_t s32;
    uint32_t u32;
    int64_t s64;
    uint64_t u64;
    const float fnan[] = {F(0x7fc00000u), F(0xffc00000u), F(0x7fa00000u), F(0x7f800001u), F(0xffffffffu)};
    const double dnan[] = {D(0x7ff8000000000000u), D(0xfff8000000000000u), D(0x7ff0000000000001u)};

    /* NaN -> invalid conversion (trapping) / 0 (saturating) */
    for (size_t i = 0; i < sizeof fnan / sizeof fnan[0]; i++) {
        CHECK(num_i32_trunc_f32_s(fnan[i], &s32) == TRAP_NAN && num_i32_trunc_f32_u(fnan[i], &u32) == TRAP_NAN);
        CHECK(num_i64_trunc_f32_s(fnan[i], &s64) == TRAP_NAN && num_i64_trunc_f32_u(fnan[i], &u64) == TRAP_NAN);
        CHECK(num_i32_trunc_sat_f32_s(fnan[i]) == 0 && num_i32_trunc_sat_f32_u(fnan[i]) == 0);
        CHECK(num_i64_trunc_sat_f32_s(fnan[i]) == 0 && num_i64_trunc_sat_f32_u(fnan[i]) == 0);
    }
    for (size_t i = 0; i < sizeof dnan / sizeof dnan[0]; i++) {
        CHECK(num_i32_trunc_f64_s(dnan[i], &s32) == TRAP_NAN && num_i32_trunc_f64_u(dnan[i], &u32) == TRAP_NAN);
        CHECK(num_i64_trunc_f64_s(dnan[i], &s64) == TRAP_NAN && num_i64_trunc_f64_u(dnan[i], &u64) == TRAP_NAN);
        CHECK(num_i32_trunc_sat_f64_s(dnan[i]) == 0 && num_i32_trunc_sat_f64_u(dnan[i]) == 0);
        CHECK(num_i64_trunc_sat_f64_s(dnan[i]) == 0 && num_i64_trunc_sat_f64_u(dnan[i]) == 0);
    }
    /* infinities -> overflow / the bound */
    CHECK(num_i32_trunc_f32_s(F(0x7f800000u), &s32) == TRAP_OVF && num_i32_trunc_f32_s(F(0xff800000u), &s32) == TRAP_OVF);
    CHECK(num_i32_trunc_f32_u(F(0x7f800000u), &u32) == TRAP_OVF && num_i32_trunc_f32_u(F(0xff800000u), &u32) == TRAP_OVF);
    CHECK(num_i64_trunc_f64_s(D(0x7ff0000000000000u), &s64) == TRAP_OVF);
    CHECK(num_i64_trunc_f64_u(D(0xfff0000000000000u), &u64) == TRAP_OVF);
    CHECK(num_i32_trunc_sat_f32_s(F(0xff800000u)) == INT32_MIN && num_i32_trunc_sat_f64_u(D(0x7ff0000000000000u)) == UINT32_MAX);
    CHECK(num_i64_trunc_sat_f64_s(D(0x7ff0000000000000u)) == INT64_MAX && num_i64_trunc_sat_f32_u(F(0xff800000u)) == 0);

    /* i32 <- f32, signed: [-2^31, 2^31) exactly; the f32 neighbours are -2^31-256 and 2^31-128 */
    CHECK(num_i32_trunc_f32_s(-0x1p31f, &s32) == OK && s32 == INT32_MIN);
    CHECK(num_i32_trunc_f32_s(-0x1.000002p31f, &s32) == TRAP_OVF);
    CHECK(num_i32_trunc_f32_s(0x1.fffffep30f, &s32) == OK && s32 == 2147483520);
    CHECK(num_i32_trunc_f32_s(0x1p31f, &s32) == TRAP_OVF);
    CHECK(num_i32_trunc_f32_s(-0.0f, &s32) == OK && s32 == 0);
    CHECK(num_i32_trunc_f32_s(0.99f, &s32) == OK && s32 == 0 && num_i32_trunc_f32_s(-0.99f, &s32) == OK && s32 == 0);
    CHECK(num_i32_trunc_f32_s(-1.5f, &s32) == OK && s32 == -1 && num_i32_trunc_f32_s(F(0x00000001u), &s32) == OK && s32 == 0);
    CHECK(num_i32_trunc_sat_f32_s(-0x1p31f) == INT32_MIN && num_i32_trunc_sat_f32_s(-0x1.000002p31f) == INT32_MIN);
    CHECK(num_i32_trunc_sat_f32_s(0x1.fffffep30f) == 2147483520 && num_i32_trunc_sat_f32_s(0x1p31f) == INT32_MAX);
    CHECK(num_i32_trunc_sat_f32_s(-0.99f) == 0 && num_i32_trunc_sat_f32_s(1e38f) == INT32_MAX);

    /* i32 <- f32, unsigned: (-1, 2^32) */
    CHECK(num_i32_trunc_f32_u(-0.0f, &u32) == OK && u32 == 0);
    CHECK(num_i32_trunc_f32_u(-0.99f, &u32) == OK && u32 == 0);
    CHECK(num_i32_trunc_f32_u(-0x1.fffffep-1f, &u32) == OK && u32 == 0);
    CHECK(num_i32_trunc_f32_u(-1.0f, &u32) == TRAP_OVF);
    CHECK(num_i32_trunc_f32_u(0.99f, &u32) == OK && u32 == 0);
    CHECK(num_i32_trunc_f32_u(0x1p31f, &u32) == OK && u32 == 0x80000000u);
    CHECK(num_i32_trunc_f32_u(0x1.fffffep31f, &u32) == OK && u32 == 0xffffff00u);
    CHECK(num_i32_trunc_f32_u(0x1p32f, &u32) == TRAP_OVF);
    CHECK(num_i32_trunc_sat_f32_u(-0.99f) == 0 && num_i32_trunc_sat_f32_u(-1.0f) == 0 && num_i32_trunc_sat_f32_u(-1e30f) == 0);
    CHECK(num_i32_trunc_sat_f32_u(0x1.fffffep31f) == 0xffffff00u && num_i32_trunc_sat_f32_u(0x1p32f) == UINT32_MAX);

    /* i32 <- f64, signed: (-2^31-1, 2^31) */
    CHECK(num_i32_trunc_f64_s(-2147483648.0, &s32) == OK && s32 == INT32_MIN);
    CHECK(num_i32_trunc_f64_s(-2147483648.9, &s32) == OK && s32 == INT32_MIN);
    CHECK(num_i32_trunc_f64_s(-0x1.00000001fffffp31, &s32) == OK && s32 == INT32_MIN); /* just above -2^31-1 */
    CHECK(num_i32_trunc_f64_s(-2147483649.0, &s32) == TRAP_OVF);
    CHECK(num_i32_trunc_f64_s(2147483647.0, &s32) == OK && s32 == INT32_MAX);
    CHECK(num_i32_trunc_f64_s(0x1.fffffffffffffp30, &s32) == OK && s32 == INT32_MAX); /* just below 2^31 */
    CHECK(num_i32_trunc_f64_s(2147483648.0, &s32) == TRAP_OVF);
    CHECK(num_i32_trunc_f64_s(-0.0, &s32) == OK && s32 == 0 && num_i32_trunc_f64_s(-0.99, &s32) == OK && s32 == 0);
    CHECK(num_i32_trunc_f64_s(1e300, &s32) == TRAP_OVF && num_i32_trunc_f64_s(-1e300, &s32) == TRAP_OVF);
    CHECK(num_i32_trunc_sat_f64_s(-2147483648.9) == INT32_MIN && num_i32_trunc_sat_f64_s(-2147483649.0) == INT32_MIN);
    CHECK(num_i32_trunc_sat_f64_s(2147483647.9) == INT32_MAX && num_i32_trunc_sat_f64_s(2147483648.0) == INT32_MAX);
    CHECK(num_i32_trunc_sat_f64_s(-1.9) == -1 && num_i32_trunc_sat_f64_s(1e300) == INT32_MAX);

    /* i32 <- f64, unsigned */
    CHECK(num_i32_trunc_f64_u(-0.0, &u32) == OK && u32 == 0 && num_i32_trunc_f64_u(-0.99, &u32) == OK && u32 == 0);
    CHECK(num_i32_trunc_f64_u(-0x1.fffffffffffffp-1, &u32) == OK && u32 == 0);
    CHECK(num_i32_trunc_f64_u(-1.0, &u32) == TRAP_OVF);
    CHECK(num_i32_trunc_f64_u(4294967295.0, &u32) == OK && u32 == UINT32_MAX);
    CHECK(num_i32_trunc_f64_u(4294967295.9, &u32) == OK && u32 == UINT32_MAX);
    CHECK(num_i32_trunc_f64_u(4294967296.0, &u32) == TRAP_OVF);
    CHECK(num_i32_trunc_f64_u(2147483648.0, &u32) == OK && u32 == 0x80000000u);
    CHECK(num_i32_trunc_sat_f64_u(-0.99) == 0 && num_i32_trunc_sat_f64_u(-1.0) == 0);
    CHECK(num_i32_trunc_sat_f64_u(4294967295.9) == UINT32_MAX && num_i32_trunc_sat_f64_u(4294967296.0) == UINT32_MAX);
    CHECK(num_i32_trunc_sat_f64_u(1e300) == UINT32_MAX && num_i32_trunc_sat_f64_u(0.5) == 0);

    /* i64 <- f32, signed: [-2^63, 2^63) */
    CHECK(num_i64_trunc_f32_s(-0x1p63f, &s64) == OK && s64 == INT64_MIN);
    CHECK(num_i64_trunc_f32_s(-0x1.000002p63f, &s64) == TRAP_OVF);
    CHECK(num_i64_trunc_f32_s(0x1.fffffep62f, &s64) == OK && s64 == INT64_C(9223371487098961920));
    CHECK(num_i64_trunc_f32_s(0x1p63f, &s64) == TRAP_OVF);
    CHECK(num_i64_trunc_f32_s(-0.99f, &s64) == OK && s64 == 0 && num_i64_trunc_f32_s(-1.0f, &s64) == OK && s64 == -1);
    CHECK(num_i64_trunc_f32_s(0x1p31f, &s64) == OK && s64 == INT64_C(2147483648));
    CHECK(num_i64_trunc_sat_f32_s(-0x1.000002p63f) == INT64_MIN && num_i64_trunc_sat_f32_s(0x1p63f) == INT64_MAX);
    CHECK(num_i64_trunc_sat_f32_s(0x1.fffffep62f) == INT64_C(9223371487098961920));
    CHECK(num_i64_trunc_sat_f32_s(-0x1p63f) == INT64_MIN);

    /* i64 <- f32, unsigned */
    CHECK(num_i64_trunc_f32_u(-0.99f, &u64) == OK && u64 == 0 && num_i64_trunc_f32_u(-0.0f, &u64) == OK && u64 == 0);
    CHECK(num_i64_trunc_f32_u(-1.0f, &u64) == TRAP_OVF);
    CHECK(num_i64_trunc_f32_u(0x1.fffffep63f, &u64) == OK && u64 == UINT64_C(18446742974197923840));
    CHECK(num_i64_trunc_f32_u(0x1p64f, &u64) == TRAP_OVF);
    CHECK(num_i64_trunc_f32_u(0x1p63f, &u64) == OK && u64 == UINT64_C(0x8000000000000000));
    CHECK(num_i64_trunc_sat_f32_u(-0.99f) == 0 && num_i64_trunc_sat_f32_u(-1.0f) == 0);
    CHECK(num_i64_trunc_sat_f32_u(0x1.fffffep63f) == UINT64_C(18446742974197923840));
    CHECK(num_i64_trunc_sat_f32_u(0x1p64f) == UINT64_MAX && num_i64_trunc_sat_f32_u(F(0x7f800000u)) == UINT64_MAX);

    /* i64 <- f64, signed */
    CHECK(num_i64_trunc_f64_s(-0x1p63, &s64) == OK && s64 == INT64_MIN);
    CHECK(num_i64_trunc_f64_s(-0x1.0000000000001p63, &s64) == TRAP_OVF);
    CHECK(num_i64_trunc_f64_s(0x1.fffffffffffffp62, &s64) == OK && s64 == INT64_C(9223372036854774784));
    CHECK(num_i64_trunc_f64_s(0x1p63, &s64) == TRAP_OVF);
    CHECK(num_i64_trunc_f64_s(-0.99, &s64) == OK && s64 == 0 && num_i64_trunc_f64_s(-0.0, &s64) == OK && s64 == 0);
    CHECK(num_i64_trunc_f64_s(-4503599627370497.0, &s64) == OK && s64 == INT64_C(-4503599627370497));
    CHECK(num_i64_trunc_sat_f64_s(-0x1.0000000000001p63) == INT64_MIN && num_i64_trunc_sat_f64_s(0x1p63) == INT64_MAX);
    CHECK(num_i64_trunc_sat_f64_s(0x1.fffffffffffffp62) == INT64_C(9223372036854774784));
    CHECK(num_i64_trunc_sat_f64_s(-0x1p63) == INT64_MIN);

    /* i64 <- f64, unsigned */
    CHECK(num_i64_trunc_f64_u(-0.99, &u64) == OK && u64 == 0 && num_i64_trunc_f64_u(-1.0, &u64) == TRAP_OVF);
    CHECK(num_i64_trunc_f64_u(0x1.fffffffffffffp63, &u64) == OK && u64 == UINT64_C(18446744073709549568));
    CHECK(num_i64_trunc_f64_u(0x1p64, &u64) == TRAP_OVF);
    CHECK(num_i64_trunc_f64_u(0x1p63, &u64) == OK && u64 == UINT64_C(0x8000000000000000));
    CHECK(num_i64_trunc_f64_u(4294967296.5, &u64) == OK && u64 == UINT64_C(4294967296));
    CHECK(num_i64_trunc_sat_f64_u(-0.99) == 0 && num_i64_trunc_sat_f64_u(-1.0) == 0);
    CHECK(num_i64_trunc_sat_f64_u(0x1.fffffffffffffp63) == UINT64_C(18446744073709549568));
    CHECK(num_i64_trunc_sat_f64_u(0x1p64) == UINT64_MAX && num_i64_trunc_sat_f64_u(1e300) == UINT64_MAX);
}

/* ---- integer -> float ----------------------------------------------------------------------- */

/* Reference u64 -> f32: fold the bits below the 53rd into a sticky bit so the double is exact,
 * then a single double -> float rounding (in range, default rounding mode) is correct. */
static float ref_u64_to_f32(uint64_t v) {
    int s = 0;
    while ((v >> s) >= (UINT64_C(1) << 53)) s++;
    uint64_t w = (v >> s) | (s && (v & ((UINT64_C(1) << s) - 1)) ? 1 : 0);
    return (float)ldexp((double)w, s);
}

static uint64_t rng_next(uint64_t *st) {
    *st ^= *st << 13;
    *st ^= *st >> 7;
    *st ^= *st << 17;
    return *st;
}

static void test_convert(void) {
    /* u64 -> f32: the cases where going through f64 rounds twice */
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0x7fffffffffffffff))) == 0x5f000000u);
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0x8000008000000001))) == 0x5f000001u);
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0x8000008000000000))) == 0x5f000000u); /* tie -> even */
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0x8000018000000000))) == 0x5f000002u); /* tie -> even */
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0xffffffffffffffff))) == 0x5f800000u); /* 2^64 */
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0xfffffe8000000000))) == 0x5f7ffffeu); /* tie -> even below */
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0xffffff8000000000))) == 0x5f800000u); /* tie -> even above */
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0xffffff7fffffffff))) == 0x5f7fffffu);
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(0x0020000020000001))) == 0x5a000001u);
    CHECK(FB(num_f32_convert_i64_u(0)) == 0 && FB(num_f32_convert_i64_u(1)) == 0x3f800000u);
    CHECK(FB(num_f32_convert_i64_u(UINT64_C(16777217))) == 0x4b800000u);
    /* i64 -> f32 */
    CHECK(FB(num_f32_convert_i64_s(INT64_MIN)) == 0xdf000000u && FB(num_f32_convert_i64_s(INT64_MAX)) == 0x5f000000u);
    CHECK(FB(num_f32_convert_i64_s(INT64_C(0x0020000020000001))) == 0x5a000001u);
    CHECK(FB(num_f32_convert_i64_s(-INT64_C(0x0020000020000001))) == 0xda000001u);
    CHECK(FB(num_f32_convert_i64_s(-1)) == 0xbf800000u && FB(num_f32_convert_i64_s(0)) == 0);
    CHECK(FB(num_f32_convert_i64_s(INT64_C(-16777217))) == 0xcb800000u);
    CHECK(FB(num_f32_convert_i64_s(INT64_C(-16777219))) == 0xcb800002u);
    /* i32/u32 -> f32 */
    CHECK(FB(num_f32_convert_i32_s(INT32_MIN)) == 0xcf000000u && FB(num_f32_convert_i32_s(INT32_MAX)) == 0x4f000000u);
    CHECK(FB(num_f32_convert_i32_s(16777217)) == 0x4b800000u && FB(num_f32_convert_i32_s(16777219)) == 0x4b800002u);
    CHECK(FB(num_f32_convert_i32_s(-1)) == 0xbf800000u && FB(num_f32_convert_i32_s(0)) == 0);
    CHECK(FB(num_f32_convert_i32_u(0xffffffffu)) == 0x4f800000u && FB(num_f32_convert_i32_u(0x80000080u)) == 0x4f000000u);
    CHECK(FB(num_f32_convert_i32_u(0x80000081u)) == 0x4f000001u && FB(num_f32_convert_i32_u(0x80000180u)) == 0x4f000002u);
    CHECK(FB(num_f32_convert_i32_u(0xffffff7fu)) == 0x4f7fffffu && FB(num_f32_convert_i32_u(0xffffff80u)) == 0x4f800000u);
    /* -> f64 */
    CHECK(DB(num_f64_convert_i64_u(UINT64_C(0xffffffffffffffff))) == 0x43f0000000000000u);
    CHECK(DB(num_f64_convert_i64_u(UINT64_C(0x8000000000000401))) == 0x43e0000000000001u);
    CHECK(DB(num_f64_convert_i64_u(UINT64_C(0x8000000000000400))) == 0x43e0000000000000u);
    CHECK(DB(num_f64_convert_i64_u(UINT64_C(0x8000000000000c00))) == 0x43e0000000000002u);
    CHECK(DB(num_f64_convert_i64_u(UINT64_C(9007199254740993))) == 0x4340000000000000u);
    CHECK(DB(num_f64_convert_i64_s(INT64_C(9007199254740995))) == 0x4340000000000002u);
    CHECK(DB(num_f64_convert_i64_s(INT64_C(-9007199254740993))) == 0xc340000000000000u);
    CHECK(DB(num_f64_convert_i64_s(INT64_MIN)) == 0xc3e0000000000000u && DB(num_f64_convert_i64_s(INT64_MAX)) == 0x43e0000000000000u);
    CHECK(DB(num_f64_convert_i64_s(0)) == 0 && DB(num_f64_convert_i64_u(0)) == 0 && num_f64_convert_i64_s(-1) == -1.0);
    CHECK(num_f64_convert_i32_s(INT32_MIN) == -2147483648.0 && num_f64_convert_i32_u(UINT32_MAX) == 4294967295.0);
    CHECK(DB(num_f64_convert_i32_s(0)) == 0 && DB(num_f64_convert_i32_u(0)) == 0);

    /* randomized: against the sticky-bit reference (f32) and against the exact value (f64: the
     * result's distance to v is at most half an ulp, ties even, checked in integer arithmetic) */
    uint64_t st = 0x243f6a8885a308d3u;
    for (int i = 0; i < 20000; i++) {
        uint64_t v = rng_next(&st) >> (rng_next(&st) % 64);
        CHECK(FB(num_f32_convert_i64_u(v)) == FB(ref_u64_to_f32(v)));
        int64_t sv = (int64_t)v;
        float ref = sv < 0 ? -ref_u64_to_f32((uint64_t)0 - v) : ref_u64_to_f32(v);
        CHECK(FB(num_f32_convert_i64_s(sv)) == FB(ref));
        CHECK(FB(num_f32_convert_i32_u((uint32_t)v)) == FB(ref_u64_to_f32((uint32_t)v)));
        double d = num_f64_convert_i64_u(v);
        if (d < 18446744073709551616.0) {
            uint64_t back = (uint64_t)d;
            uint64_t diff = back > v ? back - v : v - back;
            unsigned e = 63 - (unsigned)num_i64_clz(v ? v : 1);
            uint64_t half_ulp = e > 52 ? UINT64_C(1) << (e - 53) : 0;
            CHECK(diff <= half_ulp);
            if (half_ulp && diff == half_ulp) CHECK(((back >> (e - 52)) & 1) == 0);
        } else {
            CHECK(v >= UINT64_C(0xfffffffffffffc00));
        }
    }
}

/* ---- f32 <-> f64 ---------------------------------------------------------------------------- */

static void test_demote_promote(void) {
    CHECK(FB(num_f32_demote_f64(0x1.fffffefffffffp127)) == 0x7f7fffffu); /* just below the midpoint */
    CHECK(FB(num_f32_demote_f64(0x1.ffffffp127)) == 0x7f800000u);        /* midpoint, odd -> up to inf */
    CHECK(FB(num_f32_demote_f64(-0x1.ffffffp127)) == 0xff800000u);
    CHECK(FB(num_f32_demote_f64(0x1p128)) == 0x7f800000u && FB(num_f32_demote_f64(1e300)) == 0x7f800000u);
    CHECK(FB(num_f32_demote_f64(-1e300)) == 0xff800000u);
    CHECK(FB(num_f32_demote_f64(D(0x7fefffffffffffffu))) == 0x7f800000u);
    CHECK(FB(num_f32_demote_f64(D(0x7ff0000000000000u))) == 0x7f800000u);
    CHECK(FB(num_f32_demote_f64(D(0xfff0000000000000u))) == 0xff800000u);
    CHECK(FB(num_f32_demote_f64(0x1.fffffep127)) == 0x7f7fffffu);
    CHECK(FB(num_f32_demote_f64(1.0 / 3.0)) == 0x3eaaaaabu && FB(num_f32_demote_f64(0.1)) == 0x3dcccccdu);
    CHECK(FB(num_f32_demote_f64(0x1.000001p0)) == 0x3f800000u);  /* tie, even below */
    CHECK(FB(num_f32_demote_f64(0x1.000003p0)) == 0x3f800002u);  /* tie, even above */
    CHECK(FB(num_f32_demote_f64(0x1.0000010000001p0)) == 0x3f800001u);
    /* subnormal results */
    CHECK(FB(num_f32_demote_f64(0x1p-149)) == 0x00000001u && FB(num_f32_demote_f64(-0x1p-149)) == 0x80000001u);
    CHECK(FB(num_f32_demote_f64(0x1p-150)) == 0 && FB(num_f32_demote_f64(-0x1p-150)) == 0x80000000u);
    CHECK(FB(num_f32_demote_f64(0x1.0000000000001p-150)) == 0x00000001u);
    CHECK(FB(num_f32_demote_f64(0x1.8p-149)) == 0x00000002u); /* tie 1.5 -> 2 */
    CHECK(FB(num_f32_demote_f64(0x1.4p-148)) == 0x00000002u); /* tie 2.5 -> 2 */
    CHECK(FB(num_f32_demote_f64(0x1p-151)) == 0 && FB(num_f32_demote_f64(0x1.fffffffffffffp-151)) == 0);
    CHECK(FB(num_f32_demote_f64(0x1.fffffcp-127)) == 0x007fffffu); /* largest subnormal */
    CHECK(FB(num_f32_demote_f64(0x1.fffffep-127)) == 0x00800000u); /* midpoint -> least normal */
    CHECK(FB(num_f32_demote_f64(0x1.fffffdp-127)) == 0x007fffffu);
    CHECK(FB(num_f32_demote_f64(0x1p-126)) == 0x00800000u);
    CHECK(FB(num_f32_demote_f64(D(0x0000000000000001u))) == 0 && FB(num_f32_demote_f64(D(0x8000000000000001u))) == 0x80000000u);
    CHECK(FB(num_f32_demote_f64(D(0x000fffffffffffffu))) == 0 && FB(num_f32_demote_f64(-0.0)) == 0x80000000u);
    /* NaN: canonical stays canonical (either sign), others become arithmetic */
    CHECK(FB(num_f32_demote_f64(D(0x7ff8000000000000u))) == 0x7fc00000u);
    CHECK(FB(num_f32_demote_f64(D(0xfff8000000000000u))) == 0xffc00000u);
    CHECK(FB(num_f32_demote_f64(D(0x7ff4000000000000u))) == 0x7fe00000u);
    CHECK(is_arith32(FB(num_f32_demote_f64(D(0x7ff0000000000001u)))));
    CHECK(is_arith32(FB(num_f32_demote_f64(D(0xfff000000000f001u)))));
    /* randomized against the C conversion where it is defined (|x| below the overflow midpoint) */
    uint64_t st = 0x13198a2e03707344u;
    for (int i = 0; i < 20000; i++) {
        uint64_t b = rng_next(&st);
        /* bias exponents towards the f32 range, including its subnormals */
        b = (b & UINT64_C(0x800fffffffffffff)) | ((uint64_t)(1023 - 160 + (int)(rng_next(&st) % 300)) << 52);
        double d = D(b);
        if (num_f64_abs(d) < 0x1.ffffffp127) CHECK(FB(num_f32_demote_f64(d)) == FB((float)d));
        else CHECK((FB(num_f32_demote_f64(d)) & 0x7fffffffu) == 0x7f800000u);
        float f = F((uint32_t)rng_next(&st));
        if (!num_f32_isnan(f)) CHECK(DB(num_f64_promote_f32(f)) == DB((double)f));
        if (!num_f32_isnan(f)) CHECK(FB(num_f32_demote_f64(num_f64_promote_f32(f))) == FB(f));
    }
    /* promote */
    CHECK(DB(num_f64_promote_f32(F(0x00000001u))) == 0x36a0000000000000u);
    CHECK(DB(num_f64_promote_f32(F(0x80000000u))) == 0x8000000000000000u);
    CHECK(DB(num_f64_promote_f32(F(0x7f7fffffu))) == 0x47efffffe0000000u);
    CHECK(DB(num_f64_promote_f32(F(0xff800000u))) == 0xfff0000000000000u);
    CHECK(DB(num_f64_promote_f32(F(0x7fc00000u))) == 0x7ff8000000000000u);
    CHECK(DB(num_f64_promote_f32(F(0xffc00000u))) == 0xfff8000000000000u);
    CHECK(DB(num_f64_promote_f32(F(0x7fa00000u))) == 0x7ffc000000000000u);
    CHECK(is_arith64(DB(num_f64_promote_f32(F(0x7f800001u)))));
    CHECK(DB(num_f64_promote_f32(F(0x7fffffffu))) == 0x7fffffffe0000000u);
}

static void test_bitcast(void) {
    CHECK(num_f32_bits(1.0f) == 0x3f800000u && num_f32_bits(-0.0f) == 0x80000000u);
    CHECK(num_f64_bits(1.0) == 0x3ff0000000000000u && num_f64_bits(-0.0) == 0x8000000000000000u);
    CHECK(num_f32_bits(num_f32_from_bits(0x7fa00001u)) == 0x7fa00001u);
    CHECK(num_f64_bits(num_f64_from_bits(0xfff4000000000001u)) == 0xfff4000000000001u);
    CHECK(num_f32_isnan(F(0x7f800001u)) && !num_f32_isnan(F(0x7f800000u)) && num_f32_isnan(F(0xffffffffu)));
    CHECK(num_f64_isnan(D(0xfff0000000000001u)) && !num_f64_isnan(D(0xfff0000000000000u)));
}

int main(void) {
    test_spec_table();
    test_bits();
    test_sign();
    test_min_max();
    test_copysign_products();
    test_rounding();
    test_trunc();
    test_convert();
    test_demote_promote();
    test_bitcast();
    CHECK_DONE();
}
