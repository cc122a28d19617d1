/* The command's buffers, number formats, tables and file helpers. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        fputs("roofmodel: out of memory\n", stderr);
        exit(CLI_EFAIL);
    }
    return q;
}

void cli_buf_mem(cli_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap)
            cap *= 2;
        b->data = cli_xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cli_buf_str(cli_buf *b, const char *s)
{
    cli_buf_mem(b, s, strlen(s));
}

static void buf_vfmt(cli_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

static void buf_vfmt(cli_buf *b, const char *fmt, va_list ap)
{
    char small[256];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return;
    }
    if ((size_t)n < sizeof small) {
        cli_buf_mem(b, small, (size_t)n);
    } else {
        char *big = cli_xrealloc(NULL, (size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, again);
        cli_buf_mem(b, big, (size_t)n);
        free(big);
    }
    va_end(again);
}

void cli_buf_fmt(cli_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vfmt(b, fmt, ap);
    va_end(ap);
}

void cli_buf_free(cli_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

#define CLI_DRAIN_AT ((size_t)1 << 20)

int cli_buf_drain(cli_buf *b, int all)
{
    if (b->len == 0 || (!all && b->len < CLI_DRAIN_AT))
        return CLI_OK;
    if (fwrite(b->data, 1, b->len, stdout) != b->len)
        return CLI_EFAIL;
    b->len = 0;
    b->data[0] = '\0';
    return CLI_OK;
}

int cli_buf_write(void *ctx, const char *data, size_t len)
{
    cli_buf_mem(ctx, data, len);
    return 0;
}

static void vmessage(const char *cmd, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

static void vmessage(const char *cmd, const char *fmt, va_list ap)
{
    cli_buf line = {0};
    cli_buf_fmt(&line, "roofmodel%s%s: ", cmd && *cmd ? " " : "",
                cmd ? cmd : "");
    buf_vfmt(&line, fmt, ap);
    /* One line, whatever a file name or a library message contains. */
    for (size_t i = 0; i < line.len; i++) {
        if (line.data[i] == '\n' || line.data[i] == '\r')
            line.data[i] = ' ';
    }
    cli_buf_str(&line, "\n");
    fputs(line.data, stderr);
    cli_buf_free(&line);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    return CLI_EUSAGE;
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    return CLI_EFAIL;
}

int cli_write_all(const char *cmd, const char *what, cli_writer w,
                  const void *obj, cli_buf *out)
{
    char one[1];
    size_t need = 0;
    int rc = w(obj, one, sizeof one, &need);
    if (rc == ROOF_E_BUFFER_TOO_SMALL) {
        char *buf = cli_xrealloc(NULL, need);
        rc = w(obj, buf, need, &need);
        if (rc == ROOF_OK) {
            cli_buf_mem(out, buf, need);
            if (need == 0 || buf[need - 1] != '\n')
                cli_buf_str(out, "\n");
        }
        free(buf);
    }
    if (rc != ROOF_OK)
        return cli_fail(cmd, "cannot write %s: %s", what, roof_status_str(rc));
    return CLI_OK;
}

/* ---- numbers ---- */

/* The program never calls setlocale(), so printf uses the "C" locale and
 * '.' as the decimal point; JSON and CSV depend on it. */

/* Whole numbers below 1e15 (counts of FLOPs and bytes, mostly) written as
 * %.15g would write them, without printf: label --json/--csv on a large
 * file spends most of its time in printf and strtod. */
static int whole_number(char buf[CLI_NUM_MAX], double x)
{
    char tmp[24];
    size_t n = 0, k = 0;
    if (!(fabs(x) < 1e15 && x == (double)(int64_t)x))
        return 0;
    uint64_t v = (uint64_t)(x < 0 ? -x : x);
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (signbit(x))
        buf[k++] = '-';
    while (n > 0)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return 1;
}

/* Shortest round trip without a printf per candidate length: x is printed
 * once with 17 significant digits (which always read back), the 15- and
 * 16-digit candidates are that text rounded (printf again only when the
 * cut falls exactly on a tie, where rounding twice could differ from
 * rounding once), and a candidate is checked by one exact IEEE operation
 * (an integer below 2^53 times or over a power of ten up to 1e22, which is
 * exactly rounded) or else by strtod.  The text is written as %.Pg writes
 * it, P the digits that read back, so the output is printf's own. */
typedef struct digits {
    char d[24]; /* significant digits */
    int n;      /* how many */
    int exp;    /* decimal exponent of d[0] */
    int neg;
} digits;

static digits digits_of(double x, int n)
{
    char s[CLI_NUM_MAX];
    digits r;
    const char *p = s;
    memset(&r, 0, sizeof r);
    snprintf(s, sizeof s, "%.*e", n - 1, x); /* [-]d.ddde[+-]X */
    r.neg = *p == '-';
    p += r.neg;
    r.d[r.n++] = *p++;
    if (*p == '.')
        p++;
    while (*p >= '0' && *p <= '9' && r.n < (int)sizeof r.d)
        r.d[r.n++] = *p++;
    r.exp = (int)strtol(p + 1, NULL, 10);
    return r;
}

/* all (17 digits) rounded to n; *tie when the dropped digits are exactly
 * a 5 and zeros. */
static digits round_to(const digits *all, int n, int *tie)
{
    digits r = *all;
    int up = all->d[n] > '5', rest = 0;
    for (int i = n + 1; i < all->n; i++)
        rest |= all->d[i] != '0';
    *tie = all->d[n] == '5' && !rest;
    up |= all->d[n] == '5' && rest;
    r.n = n;
    if (!up)
        return r;
    int i = n - 1;
    while (i >= 0 && r.d[i] == '9')
        r.d[i--] = '0';
    if (i >= 0) {
        r.d[i]++;
    } else {
        r.d[0] = '1';
        r.exp++;
    }
    return r;
}

static size_t put_exp(char *p, int e)
{
    char tmp[8];
    size_t n = 0, k = 0;
    unsigned v = (unsigned)(e < 0 ? -e : e);
    p[k++] = 'e';
    p[k++] = e < 0 ? '-' : '+';
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (n < 2)
        tmp[n++] = '0';
    while (n > 0)
        p[k++] = tmp[--n];
    p[k] = '\0';
    return k;
}

static int reads_back(const digits *c, double x)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                   1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                   1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    for (int i = 0; i < c->n; i++)
        m = m * 10 + (uint64_t)(c->d[i] - '0');
    int k = c->exp - (c->n - 1);
    double ax = fabs(x);
    if (m < ((uint64_t)1 << 53) && k >= -22 && k <= 22) {
        volatile double y = k >= 0 ? (double)m * pow10[k]
                                   : (double)m / pow10[-k];
        return y == ax;
    }
    char s[40];
    size_t j = 0;
    s[j++] = c->d[0];
    s[j++] = '.';
    for (int i = 1; i < c->n; i++)
        s[j++] = c->d[i];
    put_exp(s + j, c->exp);
    return strtod(s, NULL) == ax;
}

/* c as %.Pg writes it: trailing zeros dropped, exponent form when the
 * exponent is below -4 or at least P. */
static void g_style(char *buf, const digits *c, int P)
{
    int n = c->n, e = c->exp;
    size_t k = 0;
    while (n > 1 && c->d[n - 1] == '0')
        n--;
    if (c->neg)
        buf[k++] = '-';
    if (e < -4 || e >= P) {
        buf[k++] = c->d[0];
        if (n > 1)
            buf[k++] = '.';
        for (int i = 1; i < n; i++)
            buf[k++] = c->d[i];
        put_exp(buf + k, e);
        return;
    }
    if (e < 0) {
        buf[k++] = '0';
        buf[k++] = '.';
        for (int i = -1; i > e; i--)
            buf[k++] = '0';
    }
    for (int i = 0; i < n || i <= e; i++) {
        if (i == e + 1 && i > 0)
            buf[k++] = '.';
        if (i < n)
            buf[k++] = c->d[i];
        else
            buf[k++] = '0';
    }
    buf[k] = '\0';
}

const char *cli_exact(char buf[CLI_NUM_MAX], double x)
{
    if (!isfinite(x)) {
        snprintf(buf, CLI_NUM_MAX, "null");
        return buf;
    }
    if (whole_number(buf, x))
        return buf;
    digits all = digits_of(x, 17);
    for (int P = 15; P <= 16; P++) {
        int tie = 0;
        digits c = round_to(&all, P, &tie);
        if (tie)
            c = digits_of(x, P);
        if (reads_back(&c, x)) {
            g_style(buf, &c, P);
            return buf;
        }
    }
    g_style(buf, &all, 17);
    return buf;
}

/* x rounded to three significant digits. */
static double round3(double x)
{
    char tmp[CLI_NUM_MAX];
    snprintf(tmp, sizeof tmp, "%.3g", x);
    return strtod(tmp, NULL);
}

const char *cli_g3(char buf[CLI_NUM_MAX], double x)
{
    /* 2550 rather than 2.55e+03 for the intensities people read. */
    if (fabs(x) >= 1000.0 && fabs(x) < 1e9)
        snprintf(buf, CLI_NUM_MAX, "%.0f", round3(x));
    else
        snprintf(buf, CLI_NUM_MAX, "%.3g", x);
    return buf;
}

/* The library's formatter, so the chart's labels and the tables agree. */
const char *cli_si(char buf[CLI_NUM_MAX], double x, const char *unit)
{
    char spaced[32];
    snprintf(spaced, sizeof spaced, " %s", unit);
    if (roof_format_si(x, spaced, buf, CLI_NUM_MAX, NULL) != ROOF_OK)
        snprintf(buf, CLI_NUM_MAX, "n/a");
    /* No trailing space when there is neither prefix nor unit. */
    size_t n = strlen(buf);
    if (n > 0 && buf[n - 1] == ' ')
        buf[n - 1] = '\0';
    return buf;
}

const char *cli_time(char buf[CLI_NUM_MAX], double seconds)
{
    /* Below 59.9 s three digits cannot round up to a minute: no need to
     * round (a printf and a strtod per cell of label's large tables). */
    if (!(seconds >= 59.9))
        return cli_si(buf, seconds, "s");
    double r = round3(seconds);
    if (r >= 3600.0)
        snprintf(buf, CLI_NUM_MAX, "%.3g h", seconds / 3600.0);
    else if (r >= 60.0)
        snprintf(buf, CLI_NUM_MAX, "%.3g min", seconds / 60.0);
    else
        cli_si(buf, seconds, "s");
    return buf;
}

/* ---- JSON, CSV ---- */

void cli_json_str(cli_buf *b, const char *s)
{
    cli_buf_str(b, "\"");
    while (*s) {
        size_t run = 0;
        while (s[run] != '\0' && s[run] != '"' && s[run] != '\\'
               && (unsigned char)s[run] >= 0x20)
            run++;
        cli_buf_mem(b, s, run);
        s += run;
        if (*s == '\0')
            break;
        if (*s == '"' || *s == '\\')
            cli_buf_fmt(b, "\\%c", *s);
        else
            cli_buf_fmt(b, "\\u%04x", (unsigned)(unsigned char)*s);
        s++;
    }
    cli_buf_str(b, "\"");
}

void cli_json_num(cli_buf *b, double x)
{
    char tmp[CLI_NUM_MAX];
    cli_buf_str(b, cli_exact(tmp, x));
}

void cli_json_key(cli_buf *b, const char *key, int *first)
{
    if (!*first)
        cli_buf_str(b, ", ");
    *first = 0;
    cli_json_str(b, key);
    cli_buf_str(b, ": ");
}

void cli_csv_str(cli_buf *b, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        cli_buf_str(b, s);
        return;
    }
    cli_buf_str(b, "\"");
    for (; *s; s++) {
        if (*s == '"')
            cli_buf_str(b, "\"");
        cli_buf_mem(b, s, 1);
    }
    cli_buf_str(b, "\"");
}

void cli_csv_num(cli_buf *b, double x)
{
    char tmp[CLI_NUM_MAX];
    cli_buf_str(b, cli_exact(tmp, x));
}

/* ---- tables ---- */

void cli_table_init(cli_table *t, uint32_t cols, const char *const *head,
                    const int *left)
{
    memset(t, 0, sizeof *t);
    t->cols = cols < CLI_TABLE_COLS ? cols : CLI_TABLE_COLS;
    for (uint32_t c = 0; c < t->cols; c++) {
        t->head[c] = head[c];
        t->left[c] = left ? left[c] : c == 0;
    }
}

void cli_table_cell(cli_table *t, const char *fmt, ...)
{
    cli_buf cell = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vfmt(&cell, fmt, ap);
    va_end(ap);
    if (cell.data == NULL)
        cli_buf_str(&cell, "");
    if (t->filled == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->cells = cli_xrealloc(t->cells, t->cap * sizeof *t->cells);
    }
    t->cells[t->filled++] = cell.data;
    t->rows = (t->filled + t->cols - 1) / t->cols;
}

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(cli_buf *out, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        cli_buf_mem(out, spaces, k);
        n -= k;
    }
}

void cli_row_measure(uint32_t cols, const char *const *cells, size_t *w)
{
    for (uint32_t c = 0; c < cols; c++) {
        size_t cw = width(cells[c] ? cells[c] : "");
        if (cw > w[c])
            w[c] = cw;
    }
}

void cli_row_print(cli_buf *out, const char *indent, uint32_t cols,
                   const int *left, const char *const *cells, const size_t *w)
{
    cli_buf_str(out, indent);
    for (uint32_t c = 0; c < cols; c++) {
        const char *s = cells[c] ? cells[c] : "";
        size_t sw = width(s);
        size_t gap = w[c] > sw ? w[c] - sw : 0;
        if (c > 0)
            cli_buf_str(out, "  ");
        if (!left[c])
            pad(out, gap);
        cli_buf_str(out, s);
        if (left[c] && c + 1 < cols)
            pad(out, gap);
    }
    cli_buf_str(out, "\n");
}

void cli_table_print(const cli_table *t, cli_buf *out, const char *indent)
{
    size_t w[CLI_TABLE_COLS] = {0};
    const char *row[CLI_TABLE_COLS];
    if (t->cols == 0)
        return;
    cli_row_measure(t->cols, t->head, w);
    for (size_t i = 0; i < t->filled; i++) {
        size_t cw = width(t->cells[i]);
        if (cw > w[i % t->cols])
            w[i % t->cols] = cw;
    }
    cli_row_print(out, indent, t->cols, t->left, t->head, w);
    for (size_t r = 0; r < t->rows; r++) {
        for (uint32_t c = 0; c < t->cols; c++) {
            size_t i = r * t->cols + c;
            row[c] = i < t->filled ? t->cells[i] : "";
        }
        cli_row_print(out, indent, t->cols, t->left, row, w);
    }
}

void cli_table_free(cli_table *t)
{
    for (size_t i = 0; i < t->filled; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->filled = t->rows = t->cap = 0;
}

/* ---- files ---- */

#define CLI_FILE_MAX ((size_t)256 << 20)

/* A regular file's buffer is allocated at its size at once, so reading a
 * large file takes its size in memory, not the next power of two. */
static void presize(FILE *f, int is_stdin, cli_buf *b)
{
    long size;
    if (is_stdin || fseek(f, 0, SEEK_END) != 0)
        return;
    size = ftell(f);
    rewind(f);
    if (size > 0 && (size_t)size <= CLI_FILE_MAX) {
        b->cap = (size_t)size + 1;
        b->data = cli_xrealloc(NULL, b->cap);
        b->data[0] = '\0';
    }
}

int cli_read_file(const char *cmd, const char *what, const char *path,
                  char **data, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    cli_buf b = {0};
    char chunk[65536];
    size_t n;
    if (f == NULL)
        return cli_usage_error(cmd, "%s: cannot open '%s': %s", what, path,
                               strerror(errno));
    presize(f, is_stdin, &b);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        cli_buf_mem(&b, chunk, n);
        if (b.len > CLI_FILE_MAX)
            break;
    }
    int bad = ferror(f);
    int err = errno;
    if (!is_stdin)
        fclose(f);
    if (bad || b.len > CLI_FILE_MAX) {
        cli_buf_free(&b);
        return cli_usage_error(cmd, "%s: cannot read '%s': %s", what, path,
                               bad ? strerror(err) : "larger than 256 MiB");
    }
    if (b.data == NULL)
        cli_buf_str(&b, "");
    *data = b.data;
    *len = b.len;
    return CLI_OK;
}

int cli_write_file(const char *cmd, const char *path, const char *data,
                   size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return cli_fail(cmd, "cannot write '%s': %s", path, strerror(errno));
    size_t n = fwrite(data, 1, len, f);
    int err = errno;
    int closed = fclose(f);
    if (n != len || closed != 0) {
        remove(path);
        return cli_fail(cmd, "cannot write '%s': %s", path, strerror(err));
    }
    return CLI_OK;
}
