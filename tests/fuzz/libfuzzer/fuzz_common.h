/* Shared pieces of the libFuzzer targets (tests/fuzz/libfuzzer): an accounting allocator that caps
 * what the engine may allocate for an input and checks every size it is given back, a scan of a
 * module's code for `loop` and call instructions (to bound execution without fuel), and the
 * libFuzzer entry point's prototype. */
#ifndef WISP_FUZZ_COMMON_H
#define WISP_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wisp.h"

/* The libFuzzer entry point each target defines (and replay_main.c calls). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Per-input state of the accounting allocator (the wisp_alloc_fn below, ud = this struct).
 * Every block carries a hidden header with its size, so a wrong old_size from the engine (which
 * would break any arena or accounting allocator an embedder plugs in) is caught at once. */
struct fuzz_alloc {
    size_t live;       /* bytes currently allocated */
    size_t peak;
    size_t cap;        /* limit on live bytes */
    bool hard;         /* past the cap: abort (a finding); else the allocation fails (OOM path) */
    uint64_t count;    /* allocations and reallocations so far */
    uint64_t fail_at;  /* fail allocation number fail_at (1-based); 0: never */
    size_t input_size; /* for the report */
    const char *phase; /* what the engine was doing, for the report */
};

/* The hard cap for an input of n bytes: 64 n + 1 MiB. A module the engine needs more than this
 * for, just to load, is allocating out of proportion to what it has read. */
size_t fuzz_load_cap(size_t n);

/* Starts accounting for an input of n bytes with the hard load cap. */
void fuzz_alloc_init(struct fuzz_alloc *fa, size_t n);

/* The allocator hook (wisp_alloc_fn). */
void *fuzz_alloc_fn(void *ud, void *ptr, size_t old_size, size_t new_size);

/* Aborts, naming the phase, unless every byte has been given back (call after the engine is
 * freed). */
void fuzz_alloc_check_empty(const struct fuzz_alloc *fa);

/* Prints "fuzz: <message>" to stderr and aborts: libFuzzer records the input as a crash. */
void fuzz_fail(const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

/* What the type and code sections of a module hold, for bounding its execution. */
struct fuzz_code_info {
    bool ok;             /* the code section could be walked (else: do not run the module) */
    bool has_loop;       /* some body contains a `loop` */
    uint32_t max_calls;  /* the most call / call_indirect instructions in one body */
    uint32_t max_arity;  /* the most parameters or results of one function type */
    uint64_t code_bytes; /* size of the code section */
};

/* What validating and compiling may legitimately take beyond the load cap: an instruction of a
 * few bytes (a call, a block's end) pushes as many operands as a type has results, so a body can
 * fill the validator's operand stack (up to its limit of 4 Mi slots) far faster than 64 bytes
 * per input byte. Allowed: 16 bytes per slot for max_arity slots per code byte, at most
 * 2 x 4 Mi slots x 16 bytes. */
size_t fuzz_stack_allowance(const struct fuzz_code_info *info);

/* Walks the function bodies of a (valid) module. Any bytes are safe to pass. */
struct fuzz_code_info fuzz_scan_code(const uint8_t *b, size_t n);

/* A max_call_depth that keeps the call tree small: without loops every instruction of a body runs
 * at most once per call, so a run makes at most about max_calls^depth calls. */
uint32_t fuzz_call_depth(uint32_t max_calls);

/* A 64-bit hash of the input, to derive choices (which allocation to fail) from it. */
uint64_t fuzz_hash(const uint8_t *b, size_t n);

#endif
