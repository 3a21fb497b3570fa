/* Virtual memory for linear memories: reserve address space, commit and release it. The only
 * part of wisp that asks the operating system for memory pages. */
#ifndef WISP_OS_VMEM_H
#define WISP_OS_VMEM_H

#include <stdbool.h>
#include <stdint.h>

/* The OS page size in bytes (a power of two). */
uint64_t os_page_size(void);

/* Reserves `size` bytes (a multiple of the page size) of inaccessible address space.
 * Returns NULL if the reservation fails. Nothing is committed. */
void *os_vmem_reserve(uint64_t size);

/* Makes [p, p+size) readable and writable (zero-filled on first touch). p and size are page
 * aligned and inside a reservation. Returns false if the system refuses. */
bool os_vmem_commit(void *p, uint64_t size);

/* Returns [p, p+size) to the inaccessible, zero state (pages are given back to the system). */
bool os_vmem_decommit(void *p, uint64_t size);

/* Gives the pages of [p, p+size) back to the system while keeping them readable and writable:
 * they read as zero afterwards (for reusing a reservation). Returns false if the system refuses
 * (the contents are then unspecified). */
bool os_vmem_zero(void *p, uint64_t size);

/* Releases a whole reservation made by os_vmem_reserve. */
void os_vmem_release(void *p, uint64_t size);

#endif
