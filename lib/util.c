/* Private helpers: number checks, name matching and the output sink. */
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_separator(char c)
{
    return c == '-' || c == '_' || c == ' ';
}

/* Copies the normalised form of s (lower case, separators dropped) into
 * out[cap]; returns its length, or cap when it does not fit. */
static size_t normalise(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s; s++) {
        if (is_separator(*s))
            continue;
        if (n + 1 >= cap)
            return cap;
        out[n++] = (char)tolower((unsigned char)*s);
    }
    out[n] = '\0';
    return n;
}

int roof__name_eq(const char *a, const char *b)
{
    for (;;) {
        while (is_separator(*a))
            a++;
        while (is_separator(*b))
            b++;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        if (*a == '\0')
            return 1;
        a++;
        b++;
    }
}

#define NAME_CAP 64

static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t row[NAME_CAP + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* Lower is closer; SIZE_MAX = no match. */
static size_t closeness(const char *q, size_t nq, const char *name)
{
    char n[NAME_CAP];
    size_t nn = normalise(name, n, sizeof n);
    if (nn >= sizeof n)
        return (size_t)-1;
    if (nq > 0 && strstr(n, q) != NULL)
        return strncmp(n, q, nq) == 0 ? 0 : 1;
    size_t limit = nq / 3 < 2 ? 2 : nq / 3;
    size_t d = edit_distance(q, nq, n, nn);
    return d <= limit ? 2 + d : (size_t)-1;
}

uint32_t roof__suggest(const char *query, const char *const *names,
                       uint32_t n, const char **out, uint32_t cap)
{
    char q[NAME_CAP];
    size_t nq = normalise(query, q, sizeof q);
    uint32_t found = 0;
    if (nq >= sizeof q || cap == 0)
        return 0;
    /* Rank by closeness, keeping table order among equals: a few passes
     * over a small table, no sorting storage needed. */
    for (size_t level = 0; level < 2 + NAME_CAP && found < cap; level++) {
        for (uint32_t i = 0; i < n && found < cap; i++) {
            if (closeness(q, nq, names[i]) == level)
                out[found++] = names[i];
        }
    }
    return found;
}

void roof__out_mem(roof__out *o, const char *data, size_t n)
{
    if (o->failed || n == 0)
        return;
    if (o->fn != NULL) {
        if (o->fn(o->ctx, data, n) != 0)
            o->failed = 1;
    } else if (o->buf != NULL && o->len + n <= o->cap) {
        memcpy(o->buf + o->len, data, n);
    }
    ROOF__ASSERT(o->len + n >= o->len); /* lengths never wrap */
    o->len += n;
}

void roof__out_str(roof__out *o, const char *s)
{
    roof__out_mem(o, s, strlen(s));
}

void roof__out_fmt(roof__out *o, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    roof__out_mem(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

size_t roof__fmt_double(char *buf, size_t cap, double x, int digits)
{
    int n = snprintf(buf, cap, "%.*g", digits, x);
    if (n < 0 || cap == 0)
        return 0;
    size_t len = (size_t)n < cap ? (size_t)n : cap - 1;
    ROOF__ASSERT(len < cap && buf[len] == '\0');
    /* A locale may print a decimal comma: JSON and SVG need '.'. */
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (!isdigit((unsigned char)c) && c != '-' && c != '+' && c != 'e'
            && c != 'E' && c != 'n' && c != 'a' && c != 'i' && c != 'f')
            buf[i] = '.';
    }
    return len;
}

void roof__out_double(roof__out *o, double x)
{
    char tmp[40];
    /* The shortest of 15..17 digits that reads back exactly. */
    for (int digits = 15; digits <= 17; digits++) {
        size_t n = roof__fmt_double(tmp, sizeof tmp, x, digits);
        if (digits == 17 || strtod(tmp, NULL) == x) {
            roof__out_mem(o, tmp, n);
            return;
        }
    }
}

void roof__out_xml(roof__out *o, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        default:
            /* Control characters are not allowed in XML 1.0. */
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
                rep = " ";
            break;
        }
        if (rep != NULL) {
            roof__out_mem(o, run, (size_t)(s - run));
            roof__out_str(o, rep);
            run = s + 1;
        }
    }
    roof__out_mem(o, run, (size_t)(s - run));
}

void roof__out_json_str(roof__out *o, const char *s)
{
    roof__out_mem(o, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        roof__out_mem(o, run, (size_t)(s - run));
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            roof__out_mem(o, esc, 2);
        } else {
            roof__out_fmt(o, "\\u%04x", c);
        }
        run = s + 1;
    }
    roof__out_mem(o, run, (size_t)(s - run));
    roof__out_mem(o, "\"", 1);
}

int roof__render_to_buf(int (*render)(roof__out *o, const void *arg),
                        const void *arg, char *buf, size_t cap, size_t *len)
{
    roof__out count = {0};
    int rc = render(&count, arg);
    if (rc != ROOF_OK)
        return rc;
    /* No buffer is a size query, whatever cap says. */
    if (buf == NULL || count.len + 1 > cap) {
        if (len != NULL)
            *len = count.len + 1;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    roof__out o = {0};
    o.buf = buf;
    o.cap = cap;
    rc = render(&o, arg);
    if (rc != ROOF_OK)
        return rc;
    buf[o.len] = '\0';
    if (len != NULL)
        *len = o.len;
    return ROOF_OK;
}

int roof__asserts_on(void)
{
#if defined(ROOF_TEST_ASSERTS)
    return 1;
#else
    return 0;
#endif
}

/* Reached only when an invariant of the library is false: a bug, which the
 * tests' death test provokes in a child process (no coverage is written
 * from an abort). */
void roof__assert_fail(const char *file, int line, const char *cond)
{                                                     /* LCOV_EXCL_START */
    fprintf(stderr, "roofmodel: %s:%d: invariant failed: %s\n", file, line,
            cond);
    abort();
}                                                     /* LCOV_EXCL_STOP */
