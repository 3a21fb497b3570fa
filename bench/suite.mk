# suite.mk: the benchmark workloads and their sizes (read by bench/Makefile and tools/harness.mjs).
# SIZE_x: the measured run (native ~0.25 s on the reference machine); ISIZE_x: about 1/100 of it
# for slow engines (wabt's wasm-interp), compiled into their WASI-free build, the time scaled by
# SIZE/ISIZE; SMOKE_x: the CTest smoke run. Work is linear in the size (it counts rounds).
# After changing a size: tools/update-expected.sh refreshes the checksums in the kernels.
KERNELS := coremark matmul sha256 nbody vm hashtable sort strings recursion lz sqlite

SIZE_coremark := 5000
ISIZE_coremark := 50
SMOKE_coremark := 20
SIZE_matmul := 2000
ISIZE_matmul := 20
SMOKE_matmul := 10
SIZE_sha256 := 4000
ISIZE_sha256 := 40
SMOKE_sha256 := 20
SIZE_nbody := 6000
ISIZE_nbody := 60
SMOKE_nbody := 20
SIZE_vm := 200
ISIZE_vm := 2
SMOKE_vm := 1
SIZE_hashtable := 440
ISIZE_hashtable := 4
SMOKE_hashtable := 2
SIZE_sort := 120
ISIZE_sort := 1
SMOKE_sort := 1
SIZE_strings := 360
ISIZE_strings := 4
SMOKE_strings := 2
SIZE_recursion := 320
ISIZE_recursion := 3
SMOKE_recursion := 2
SIZE_lz := 280
ISIZE_lz := 3
SMOKE_lz := 2
SIZE_sqlite := 160
ISIZE_sqlite := 2
SMOKE_sqlite := 1
