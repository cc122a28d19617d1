/* Private helpers shared by the library's modules (not installed). */
#ifndef ROOFMODEL_UTIL_H
#define ROOFMODEL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "roofmodel.h"

#define ROOF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ROOF__ASSERT(cond): an invariant of the code itself, never a check of the
 * caller's input (that is validation, with a status).  Compiled in when
 * ROOF_TEST_ASSERTS is defined: meson's `asserts` option, on by default in
 * the debug and debugoptimized builds that run the tests, off in release
 * builds.  A false invariant prints file, line and condition on stderr and
 * aborts; compiled out, the condition is not evaluated. */
#if defined(ROOF_TEST_ASSERTS)
#define ROOF__ASSERT(cond)                                                  \
    do {                                                                    \
        if (!(cond))                                                        \
            roof__assert_fail(__FILE__, __LINE__, #cond);                   \
    } while (0)
#else
#define ROOF__ASSERT(cond)                                                  \
    do {                                                                    \
        (void)sizeof(cond);                                                 \
    } while (0)
#endif

/* ROOF__STATIC_ASSERT(cond, name): a compile-time check in C99: a false
 * cond gives an array of negative size.  name makes the typedef unique. */
#define ROOF__STATIC_ASSERT(cond, name)                                     \
    typedef char roof__static_assert_##name[(cond) ? 1 : -1]

/* Called by ROOF__ASSERT on a false invariant: never returns. */
void roof__assert_fail(const char *file, int line, const char *cond);
/* 1 when the library was compiled with ROOF__ASSERT on. */
int roof__asserts_on(void);

/* The smallest positive roof, byte count, time or fraction the library
 * divides or scales by: with every such number in [1e-30, 1e30] and every
 * numerator at most 1e30, no quotient can overflow or underflow to 0. */
#define ROOF__MIN_DIVISOR (1.0 / ROOF_MAX_VALUE)

/* For the few hot-path helpers whose inlining the measurements show to
 * matter (bench/callgrind.sh): a plain inline hint elsewhere. */
#if defined(__GNUC__)
#define ROOF__INLINE inline __attribute__((always_inline))
#define ROOF__COLD __attribute__((noinline, cold))
#else
#define ROOF__INLINE inline
#define ROOF__COLD
#endif

/* Number checks against the library-wide rules (finite, |x| <= MAX).
 * Inline and written with & of two compares: validation runs on every
 * hot-path call, and these compile to a few branch-free instructions.
 * NaN fails every compare; an infinity fails the bound. */
static inline int roof__is_num(double x) /* finite, |x| <= ROOF_MAX_VALUE */
{
    return (x >= -ROOF_MAX_VALUE) & (x <= ROOF_MAX_VALUE);
}

static inline int roof__is_pos(double x) /* roof__is_num and x > 0 */
{
    return (x > 0.0) & (x <= ROOF_MAX_VALUE);
}

static inline int roof__is_nonneg(double x) /* roof__is_num and x >= 0 */
{
    return (x >= 0.0) & (x <= ROOF_MAX_VALUE);
}

/* 1 when s has a NUL within its first cap bytes.  Validation checks five
 * to seven fixed arrays per hot-path call, most of them short: those are
 * read 8 bytes at a time ((v - 0x01..01) & ~v & 0x80..80 is non-zero
 * exactly when a byte of v is 0), long ones go to memchr. */
static inline int roof__has_nul(const char *s, size_t cap)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    if (cap > 64)
        return memchr(s, '\0', cap) != NULL;
    for (; i + 8 <= cap; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, sizeof v);
        if (((v - ones) & ~v & highs) != 0)
            return 1;
    }
    for (; i < cap; i++) {
        if (s[i] == '\0')
            return 1;
    }
    return 0;
}

/* Name comparison for lookups: case-insensitive, and '-', '_' and ' ' are
 * ignored, so "RTX A6000", "rtx-a6000" and "rtx_a6000" are one name. */
int roof__name_eq(const char *a, const char *b);

/* Fills out[] with up to cap of names[0..n) closest to query: exact
 * normalised prefix or substring matches first, then edit distance no more
 * than a third of the query's length (at least 2). */
uint32_t roof__suggest(const char *query, const char *const *names,
                       uint32_t n, const char **out, uint32_t cap);

/* Output sink for text renderers: a caller's buffer or write callback.
 * With buf == NULL and fn == NULL it only counts (len). */
typedef struct roof__out {
    char *buf;
    size_t cap;
    size_t len;           /* bytes produced so far */
    roof_write_fn fn;
    void *ctx;
    int failed;           /* fn returned non-zero */
} roof__out;

void roof__out_mem(roof__out *o, const char *data, size_t n);
void roof__out_str(roof__out *o, const char *s);
void roof__out_fmt(roof__out *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Shortest "%.17g"-style text that reads back to the same double, written
 * with '.' whatever the locale. */
void roof__out_double(roof__out *o, double x);
/* s escaped for XML text and attribute values. */
void roof__out_xml(roof__out *o, const char *s);
/* s as a JSON string literal, quotes included. */
void roof__out_json_str(roof__out *o, const char *s);

/* Formats x with a significant-digit count into buf (always '.' as the
 * decimal point); returns the length. */
size_t roof__fmt_double(char *buf, size_t cap, double x, int digits);

/* Runs render(o, arg) once to count, then into buf when it fits, so that
 * buf is untouched on ROOF_E_BUFFER_TOO_SMALL.  Implements the buffer
 * semantics of roof_chart_svg and the *_to_json writers. */
int roof__render_to_buf(int (*render)(roof__out *o, const void *arg),
                        const void *arg, char *buf, size_t cap, size_t *len);

#endif
