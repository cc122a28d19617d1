/*
 * No question path allocates: this program defines malloc, calloc,
 * realloc, free and the aligned allocators itself, so that every call to
 * them from the library (linked statically into this executable) and from
 * the libc functions it uses lands here and is counted, then forwarded to
 * glibc's own allocator (__libc_malloc and friends).
 *
 * It calls every public entry point (tests/quality/exercise.c) with the
 * counter armed and requires zero calls.  It first proves the interposer
 * is live: one malloc of its own must move the counter.
 *
 * Plain main() rather than cmocka: cmocka allocates for its own
 * bookkeeping, and nothing may run inside the counted window but the
 * library.  Not built under sanitizers (they bring their own allocator).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise.h"

#if defined(__GLIBC__)

/* glibc's allocator under its exported internal names. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t size);

/* Only this test's single thread touches them; volatile so the compiler
 * keeps every increment and read in program order around the calls. */
static volatile unsigned long alloc_calls;
static volatile int armed;

static void count_call(void)
{
    if (armed)
        alloc_calls++;
}

/* The definitions below interpose glibc's: they must keep its names. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
int posix_memalign(void **out, size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);
void *memalign(size_t align, size_t size);

void *malloc(size_t size)
{
    count_call();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    count_call();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    count_call();
    return __libc_realloc(p, size);
}

void free(void *p)
{
    if (p != NULL)
        count_call();
    __libc_free(p);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    count_call();
    void *p = __libc_memalign(align, size);
    if (p == NULL)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
    count_call();
    return __libc_memalign(align, size);
}

void *memalign(size_t align, size_t size)
{
    count_call();
    return __libc_memalign(align, size);
}

/* Called through a volatile pointer so the compiler cannot pair the
 * malloc with the free and remove both. */
static void *(*volatile probe_malloc)(size_t) = malloc;

static int interposer_works(void)
{
    armed = 1;
    unsigned long before = alloc_calls;
    void *p = probe_malloc(64);
    unsigned long after = alloc_calls;
    armed = 0;
    free(p);
    return p != NULL && after == before + 1;
}

int main(void)
{
    static q_results results;
    static q_seed seed;
    static char svg[1 << 20];
    static char json[1 << 14];
    const q_buffers bufs = {&seed, svg, sizeof svg, json, sizeof json};

    /* stdout's buffer is allocated on first use: do it before arming. */
    printf("noalloc: glibc allocator interposed\n");
    fflush(stdout);

    if (!interposer_works()) {
        printf("FAIL: the interposed malloc was not called; the test "
               "cannot see allocations\n");
        return 1;
    }
    /* Twice: the first pass would show lazy initialisation too. */
    for (int pass = 1; pass <= 2; pass++) {
        memset(&results, 0, sizeof results);
        armed = 1;
        alloc_calls = 0;
        int line = q_exercise(&results, &bufs);
        unsigned long calls = alloc_calls;
        armed = 0;
        if (line != 0) {
            printf("FAIL: exercise.c line %d returned an unexpected status\n",
                   line);
            return 1;
        }
        if (calls != 0) {
            printf("FAIL: pass %d: %lu allocator calls on the question "
                   "paths (expected 0)\n", pass, calls);
            return 1;
        }
        printf("pass %d: every public entry point called, 0 allocator "
               "calls (svg %zu bytes)\n", pass, results.svg_len);
    }
    return 0;
}

#else

int main(void)
{
    puts("noalloc: needs glibc's __libc_malloc to forward to; skipped");
    return 77;
}

#endif
