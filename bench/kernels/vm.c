/* vm.c: a switch-dispatched stack-machine bytecode interpreter (the kind of loop scripting
 * engines run) executing three guest programs: a prime sieve, recursive Fibonacci, and a mixing
 * loop. SIZE = rounds of the three. Self-check: each result against the same computed in C. */
#include "bench.h"

enum op {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
    OP_LLOAD, OP_LSTORE, OP_LINC, OP_MLOAD, OP_MSTORE,
    OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_MOD,
    OP_LT, OP_LE, OP_EQ, OP_NOT,
    OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET,
};

struct vm {
    int32_t *stack, *locals, *mem;
    struct frame {
        int32_t ret, fp;
    } *frames;
};

#define STACK_MAX 4096
#define LOCALS_MAX 65536
#define FRAMES_MAX 4096
#define MEM_MAX 65536

/* Runs code from pc with `nargs` arguments already on the stack, the entry function having
 * `nlocals` locals. Returns the value on top of the stack at HALT (or -1 on a VM fault). */
static int32_t vm_run(struct vm *vm, const int32_t *code, int32_t pc, int32_t nlocals) {
    int32_t *st = vm->stack, *loc = vm->locals, *mem = vm->mem;
    int sp = 0, fp = 0, csp = 0, lsp = nlocals;
    for (int i = 0; i < nlocals; i++) loc[i] = 0;
    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case OP_HALT: return sp > 0 ? st[sp - 1] : 0;
        case OP_PUSH: st[sp++] = code[pc++]; break;
        case OP_POP: sp--; break;
        case OP_DUP: st[sp] = st[sp - 1], sp++; break;
        case OP_SWAP: { int32_t t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; break; }
        case OP_OVER: st[sp] = st[sp - 2], sp++; break;
        case OP_LLOAD: st[sp++] = loc[fp + code[pc++]]; break;
        case OP_LSTORE: loc[fp + code[pc++]] = st[--sp]; break;
        case OP_LINC: loc[fp + code[pc]] += code[pc + 1], pc += 2; break;
        case OP_MLOAD: st[sp - 1] = mem[(uint32_t)st[sp - 1] & (MEM_MAX - 1)]; break;
        case OP_MSTORE: mem[(uint32_t)st[sp - 2] & (MEM_MAX - 1)] = st[sp - 1], sp -= 2; break;
        case OP_ADD: sp--, st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] + (uint32_t)st[sp]); break;
        case OP_SUB: sp--, st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] - (uint32_t)st[sp]); break;
        case OP_MUL: sp--, st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] * (uint32_t)st[sp]); break;
        case OP_AND: sp--, st[sp - 1] &= st[sp]; break;
        case OP_OR: sp--, st[sp - 1] |= st[sp]; break;
        case OP_XOR: sp--, st[sp - 1] ^= st[sp]; break;
        case OP_SHL: sp--, st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] << (st[sp] & 31)); break;
        case OP_SHR: sp--, st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] >> (st[sp] & 31)); break;
        case OP_MOD: sp--, st[sp - 1] = st[sp] ? (int32_t)((uint32_t)st[sp - 1] % (uint32_t)st[sp]) : 0; break;
        case OP_LT: sp--, st[sp - 1] = st[sp - 1] < st[sp]; break;
        case OP_LE: sp--, st[sp - 1] = st[sp - 1] <= st[sp]; break;
        case OP_EQ: sp--, st[sp - 1] = st[sp - 1] == st[sp]; break;
        case OP_NOT: st[sp - 1] = !st[sp - 1]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = st[--sp] ? pc + 1 : code[pc]; break;
        case OP_JNZ: pc = st[--sp] ? code[pc] : pc + 1; break;
        case OP_CALL: { /* CALL target nargs nlocals: args move from the stack into the new frame */
            int32_t target = code[pc], nargs = code[pc + 1], nl = code[pc + 2];
            if (csp >= FRAMES_MAX || lsp + nl > LOCALS_MAX) return -1;
            vm->frames[csp].ret = pc + 3, vm->frames[csp].fp = fp, csp++;
            fp = lsp, lsp += nl;
            for (int i = nargs - 1; i >= 0; i--) loc[fp + i] = st[--sp];
            for (int i = nargs; i < nl; i++) loc[fp + i] = 0;
            pc = target;
            break;
        }
        case OP_RET:
            if (csp == 0) return st[sp - 1];
            csp--, lsp = fp, pc = vm->frames[csp].ret, fp = vm->frames[csp].fp;
            break;
        default: return -1;
        }
        if (sp < 0 || sp >= STACK_MAX - 2) return -1;
    }
}

/* ---- a tiny assembler with forward labels ---- */
struct asm_ {
    int32_t code[1024];
    int n;
    int32_t label[32];
    int fix_at[64], fix_label[64], nfix;
};
static void emit(struct asm_ *a, int32_t v) { a->code[a->n++] = v; }
static void emit2(struct asm_ *a, int32_t op, int32_t v) { emit(a, op), emit(a, v); }
static void jump(struct asm_ *a, int32_t op, int lbl) {
    emit(a, op);
    a->fix_at[a->nfix] = a->n, a->fix_label[a->nfix++] = lbl;
    emit(a, 0);
}
static void call(struct asm_ *a, int lbl, int32_t nargs, int32_t nlocals) {
    jump(a, OP_CALL, lbl);
    emit(a, nargs), emit(a, nlocals);
}
static void here(struct asm_ *a, int lbl) { a->label[lbl] = a->n; }
static void link_(struct asm_ *a) {
    for (int i = 0; i < a->nfix; i++) a->code[a->fix_at[i]] = a->label[a->fix_label[i]];
}

enum { L_SIEVE, L_S_OUTER, L_S_INNER, L_S_NEXT, L_S_COUNT, L_S_CNEXT, L_S_DONE, L_S_OUTER_END, L_S_ISPRIME,
       L_FIB, L_FIB_REC, L_MIX, L_MIX_LOOP, L_MIX_END, L_MAIN_FIB, L_MAIN_MIX };

/* sieve(limit): locals 0=limit 1=i 2=j 3=count 4=sum; returns count*65536 + (sum & 0xffff) */
static void asm_sieve(struct asm_ *a) {
    here(a, L_SIEVE);
    emit2(a, OP_PUSH, 0), emit2(a, OP_LSTORE, 1); /* i = 0: clear */
    here(a, L_S_OUTER);                            /* for i < limit: mem[i] = 1 */
    emit2(a, OP_LLOAD, 1), emit2(a, OP_LLOAD, 0), emit(a, OP_LT), jump(a, OP_JZ, L_S_OUTER_END);
    emit2(a, OP_LLOAD, 1), emit2(a, OP_PUSH, 1), emit(a, OP_MSTORE);
    emit(a, OP_LINC), emit(a, 1), emit(a, 1), jump(a, OP_JMP, L_S_OUTER);
    here(a, L_S_OUTER_END);
    emit2(a, OP_PUSH, 2), emit2(a, OP_LSTORE, 1);
    here(a, L_S_NEXT); /* while i*i < limit */
    emit2(a, OP_LLOAD, 1), emit(a, OP_DUP), emit(a, OP_MUL), emit2(a, OP_LLOAD, 0), emit(a, OP_LT);
    jump(a, OP_JZ, L_S_COUNT);
    emit2(a, OP_LLOAD, 1), emit(a, OP_MLOAD), jump(a, OP_JZ, L_S_ISPRIME);
    emit2(a, OP_LLOAD, 1), emit(a, OP_DUP), emit(a, OP_MUL), emit2(a, OP_LSTORE, 2);
    here(a, L_S_INNER); /* for j = i*i; j < limit; j += i: mem[j] = 0 */
    emit2(a, OP_LLOAD, 2), emit2(a, OP_LLOAD, 0), emit(a, OP_LT), jump(a, OP_JZ, L_S_ISPRIME);
    emit2(a, OP_LLOAD, 2), emit2(a, OP_PUSH, 0), emit(a, OP_MSTORE);
    emit2(a, OP_LLOAD, 2), emit2(a, OP_LLOAD, 1), emit(a, OP_ADD), emit2(a, OP_LSTORE, 2);
    jump(a, OP_JMP, L_S_INNER);
    here(a, L_S_ISPRIME);
    emit(a, OP_LINC), emit(a, 1), emit(a, 1), jump(a, OP_JMP, L_S_NEXT);
    here(a, L_S_COUNT); /* count and sum the primes */
    emit2(a, OP_PUSH, 2), emit2(a, OP_LSTORE, 1);
    here(a, L_S_CNEXT);
    emit2(a, OP_LLOAD, 1), emit2(a, OP_LLOAD, 0), emit(a, OP_LT), jump(a, OP_JZ, L_S_DONE);
    emit2(a, OP_LLOAD, 3), emit2(a, OP_LLOAD, 1), emit(a, OP_MLOAD), emit(a, OP_ADD), emit2(a, OP_LSTORE, 3);
    emit2(a, OP_LLOAD, 4), emit2(a, OP_LLOAD, 1), emit2(a, OP_LLOAD, 1), emit(a, OP_MLOAD), emit(a, OP_MUL);
    emit(a, OP_XOR), emit2(a, OP_LSTORE, 4);
    emit(a, OP_LINC), emit(a, 1), emit(a, 1), jump(a, OP_JMP, L_S_CNEXT);
    here(a, L_S_DONE);
    emit2(a, OP_LLOAD, 3), emit2(a, OP_PUSH, 16), emit(a, OP_SHL);
    emit2(a, OP_LLOAD, 4), emit2(a, OP_PUSH, 0xffff), emit(a, OP_AND), emit(a, OP_OR), emit(a, OP_RET);
}

/* fib(n): local 0 = n */
static void asm_fib(struct asm_ *a) {
    here(a, L_FIB);
    emit2(a, OP_LLOAD, 0), emit2(a, OP_PUSH, 2), emit(a, OP_LT), jump(a, OP_JZ, L_FIB_REC);
    emit2(a, OP_LLOAD, 0), emit(a, OP_RET);
    here(a, L_FIB_REC);
    emit2(a, OP_LLOAD, 0), emit2(a, OP_PUSH, 1), emit(a, OP_SUB), call(a, L_FIB, 1, 1);
    emit2(a, OP_LLOAD, 0), emit2(a, OP_PUSH, 2), emit(a, OP_SUB), call(a, L_FIB, 1, 1);
    emit(a, OP_ADD), emit(a, OP_RET);
}

/* mix(n, seed): locals 0=n 1=x 2=i; x = x*1103515245+12345 ^ (x >> 7) ^ (i % 13), n times */
static void asm_mix(struct asm_ *a) {
    here(a, L_MIX);
    here(a, L_MIX_LOOP);
    emit2(a, OP_LLOAD, 2), emit2(a, OP_LLOAD, 0), emit(a, OP_LT), jump(a, OP_JZ, L_MIX_END);
    emit2(a, OP_LLOAD, 1), emit2(a, OP_PUSH, 1103515245), emit(a, OP_MUL), emit2(a, OP_PUSH, 12345), emit(a, OP_ADD);
    emit2(a, OP_LLOAD, 1), emit2(a, OP_PUSH, 7), emit(a, OP_SHR), emit(a, OP_XOR);
    emit2(a, OP_LLOAD, 2), emit2(a, OP_PUSH, 13), emit(a, OP_MOD), emit(a, OP_XOR);
    emit2(a, OP_LSTORE, 1);
    emit(a, OP_LINC), emit(a, 2), emit(a, 1), jump(a, OP_JMP, L_MIX_LOOP);
    here(a, L_MIX_END);
    emit2(a, OP_LLOAD, 1), emit(a, OP_RET);
}

static int32_t c_sieve(int32_t limit, uint8_t *flags) {
    for (int32_t i = 0; i < limit; i++) flags[i] = 1;
    for (int32_t i = 2; i * i < limit; i++)
        if (flags[i])
            for (int32_t j = i * i; j < limit; j += i) flags[j] = 0;
    uint32_t count = 0, sum = 0;
    for (int32_t i = 2; i < limit; i++) count += flags[i], sum ^= (uint32_t)i * flags[i];
    return (int32_t)(count << 16 | (sum & 0xffff));
}
static int32_t c_fib(int32_t n) { return n < 2 ? n : c_fib(n - 1) + c_fib(n - 2); }
static int32_t c_mix(int32_t n, int32_t seed) {
    uint32_t x = (uint32_t)seed;
    for (int32_t i = 0; i < n; i++) x = (x * 1103515245u + 12345u) ^ (x >> 7) ^ (uint32_t)(i % 13);
    return (int32_t)x;
}

static uint64_t bench_kernel(uint32_t size, int *ok) {
    static struct asm_ a;
    memset(&a, 0, sizeof a);
    /* entry stubs: push the argument(s), call, halt */
    int32_t e_sieve = a.n;
    emit2(&a, OP_PUSH, 0); /* patched per round: limit */
    call(&a, L_SIEVE, 1, 5);
    emit(&a, OP_HALT);
    int32_t e_fib = a.n;
    emit2(&a, OP_PUSH, 0);
    call(&a, L_FIB, 1, 1);
    emit(&a, OP_HALT);
    int32_t e_mix = a.n;
    emit2(&a, OP_PUSH, 0), emit2(&a, OP_PUSH, 0);
    call(&a, L_MIX, 2, 3);
    emit(&a, OP_HALT);
    asm_sieve(&a), asm_fib(&a), asm_mix(&a);
    link_(&a);

    struct vm vm;
    vm.stack = malloc(sizeof(int32_t) * STACK_MAX);
    vm.locals = malloc(sizeof(int32_t) * LOCALS_MAX);
    vm.mem = malloc(sizeof(int32_t) * MEM_MAX);
    vm.frames = malloc(sizeof(struct frame) * FRAMES_MAX);
    uint8_t *flags = malloc(MEM_MAX);
    if (!vm.stack || !vm.locals || !vm.mem || !vm.frames || !flags) {
        *ok = 0;
        return 0;
    }
    uint64_t sum = 0;
    for (uint32_t r = 0; r < size; r++) {
        int32_t limit = 20000 + (int32_t)(r % 16) * 100;
        int32_t n = 17 + (int32_t)(r % 3);
        int32_t seed = (int32_t)(r * 2654435761u);
        a.code[e_sieve + 1] = limit;
        a.code[e_fib + 1] = n;
        a.code[e_mix + 1] = 15000, a.code[e_mix + 3] = seed;
        int32_t s = vm_run(&vm, a.code, e_sieve, 0);
        int32_t f = vm_run(&vm, a.code, e_fib, 0);
        int32_t m = vm_run(&vm, a.code, e_mix, 0);
        if (r < 16 && (s != c_sieve(limit, flags) || f != c_fib(n) || m != c_mix(15000, seed))) *ok = 0;
        sum = bench_mix(bench_mix(bench_mix(sum, (uint32_t)s), (uint32_t)f), (uint32_t)m);
    }
    free(vm.stack), free(vm.locals), free(vm.mem), free(vm.frames), free(flags);
    return sum;
}

BENCH_MAIN("vm", 200, {1, 8373152004569459151ull}, {2, 17536695811071159774ull}, {200, 5257211714182082589ull})
