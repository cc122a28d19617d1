/* Measured kernel samples for fitting, from CSV (docs/inputs.md): columns
 * kind, flops, bytes, seconds, and optionally precision, rows,
 * masked_extra and launches, in any order.  Read twice, as the kernel CSV:
 * once to check and count, once to write, so out[] is untouched on error. */
#include "csv.h"
#include "json.h"
#include "util.h"

#include <string.h>

enum col { C_KIND, C_FLOPS, C_BYTES, C_SECONDS, C_PRECISION, C_ROWS,
           C_MASKED, C_LAUNCHES, C_COUNT };

static const char *const col_names[C_COUNT] = {
    [C_KIND] = "kind",         [C_FLOPS] = "flops",
    [C_BYTES] = "bytes",       [C_SECONDS] = "seconds",
    [C_PRECISION] = "precision", [C_ROWS] = "rows",
    [C_MASKED] = "masked_extra", [C_LAUNCHES] = "launches",
};
#define REQUIRED 4 /* the first four columns */
#define NO_COL UINT32_MAX

typedef struct header {
    uint32_t at[C_COUNT]; /* column index of each, or NO_COL */
    uint32_t ncols;
} header;

static int fail(const roof__csv *c, size_t at, const char *msg,
                const char *name, int rc, roof_parse_error *err)
{
    roof__parse_error_at(err, c->text, at, msg, name);
    return rc;
}

static void header_name(header *h, const roof__csv *c,
                        const roof__csv_field *f, uint32_t index)
{
    char name[32];
    size_t n = roof__csv_value(c, f, name, sizeof name - 1);
    if (n >= sizeof name)
        return;
    name[n] = '\0';
    for (uint32_t k = 0; k < C_COUNT; k++) {
        if (roof__name_eq(name, col_names[k]) && h->at[k] == NO_COL)
            h->at[k] = index;
    }
}

static int read_header(roof__csv *c, header *h, roof_parse_error *err)
{
    for (uint32_t k = 0; k < C_COUNT; k++)
        h->at[k] = NO_COL;
    h->ncols = 0;
    if (roof__csv_done(c))
        return fail(c, 0, "no header row", NULL, ROOF_E_MISSING, err);
    roof__csv_field f;
    do {
        int rc = roof__csv_next(c, &f, err);
        if (rc != ROOF_OK)
            return rc;
        header_name(h, c, &f, h->ncols++);
    } while (!f.last);
    for (uint32_t k = 0; k < REQUIRED; k++) {
        if (h->at[k] == NO_COL)
            return fail(c, 0, "missing column", col_names[k], ROOF_E_MISSING,
                        err);
    }
    return ROOF_OK;
}

static int field_text(const roof__csv *c, const roof__csv_field *f,
                      char *buf, size_t cap)
{
    size_t n = roof__csv_value(c, f, buf, cap - 1);
    if (n >= cap)
        return ROOF_E_RANGE;
    buf[n] = '\0';
    return ROOF_OK;
}

static int field_number(const roof__csv *c, const roof__csv_field *f,
                        double *x)
{
    char buf[64];
    if (field_text(c, f, buf, sizeof buf) != ROOF_OK || buf[0] == '\0')
        return ROOF_E_PARSE;
    for (const char *p = buf; *p != '\0'; p++) {
        if (strchr("0123456789+-.eE", *p) == NULL)
            return ROOF_E_PARSE;
    }
    return roof__parse_double(buf, strlen(buf), x);
}

/* One field of a row into *s. */
static int cell(const roof__csv *c, const roof__csv_field *f, uint32_t col,
                roof_kernel_sample *s, roof_parse_error *err)
{
    if (col == C_KIND || col == C_PRECISION) {
        char buf[32];
        int rc = field_text(c, f, buf, sizeof buf);
        if (rc == ROOF_OK)
            rc = col == C_KIND ? roof_kernel_kind_from_name(buf, &s->kind)
                               : roof_precision_from_name(buf, &s->precision);
        return rc == ROOF_OK ? ROOF_OK
                             : fail(c, f->at, "unknown value in column",
                                    col_names[col], ROOF_E_INVALID, err);
    }
    double x;
    int rc = field_number(c, f, &x);
    if (rc != ROOF_OK)
        return fail(c, f->at, "not a number in column", col_names[col], rc,
                    err);
    double *const dst[C_COUNT] = {
        [C_FLOPS] = &s->flops, [C_BYTES] = &s->bytes,
        [C_SECONDS] = &s->measured_seconds, [C_ROWS] = &s->rows,
        [C_MASKED] = &s->masked_extra, [C_LAUNCHES] = &s->launches,
    };
    *dst[col] = x;
    return ROOF_OK;
}

static uint32_t col_of(const header *h, uint32_t index)
{
    for (uint32_t k = 0; k < C_COUNT; k++) {
        if (h->at[k] == index)
            return k;
    }
    return NO_COL;
}

static int row_ok(const roof_kernel_sample *s)
{
    return roof__is_nonneg(s->flops) && roof__is_pos(s->bytes)
           && s->measured_seconds > 0.0 && s->measured_seconds <= 1e6
           && s->rows >= 1.0 && s->rows <= ROOF_MAX_VALUE
           && roof__is_nonneg(s->masked_extra) && s->launches >= 1.0
           && s->launches <= 1e6;
}

static int read_row(roof__csv *c, const header *h, roof_kernel_sample *s,
                    roof_parse_error *err)
{
    const size_t at = c->pos;
    memset(s, 0, sizeof *s);
    s->precision = ROOF_FP16;
    s->rows = s->launches = 1.0;
    roof__csv_field f;
    uint32_t i = 0;
    do {
        int rc = roof__csv_next(c, &f, err);
        const uint32_t col = col_of(h, i++);
        if (rc == ROOF_OK && col != NO_COL)
            rc = cell(c, &f, col, s, err);
        if (rc != ROOF_OK)
            return rc;
    } while (!f.last);
    if (i != h->ncols)
        return fail(c, at, "row and header have different numbers of fields",
                    NULL, ROOF_E_PARSE, err);
    return row_ok(s) ? ROOF_OK
                     : fail(c, at, "a number out of range in this row", NULL,
                            ROOF_E_RANGE, err);
}

static int read_rows(roof__csv *c, const header *h, roof_kernel_sample *out,
                     uint32_t *n, roof_parse_error *err)
{
    uint32_t k = 0;
    while (!roof__csv_done(c)) {
        roof_kernel_sample s;
        int rc = read_row(c, h, &s, err);
        if (rc != ROOF_OK)
            return rc;
        if (k == UINT32_MAX)
            return fail(c, c->pos, "too many rows", NULL, ROOF_E_RANGE, err);
        if (out != NULL)
            out[k] = s;
        k++;
    }
    *n = k;
    return ROOF_OK;
}

int roof_kernel_samples_from_csv(const char *text, size_t len,
                                 roof_kernel_sample *out, uint32_t cap,
                                 uint32_t *count, roof_parse_error *err)
{
    if (text == NULL || count == NULL || (out == NULL && cap > 0)) {
        roof__parse_error_at(err, NULL, 0, "a required argument is NULL", NULL);
        return ROOF_E_NULL;
    }
    int rc = roof__csv_check_text(text, len, err);
    roof__csv c;
    header h;
    roof__csv_init(&c, text, len);
    if (rc == ROOF_OK)
        rc = read_header(&c, &h, err);
    roof__csv body = c;
    uint32_t n = 0;
    if (rc == ROOF_OK)
        rc = read_rows(&c, &h, NULL, &n, err);
    if (rc != ROOF_OK)
        return rc;
    if (n > cap) {
        *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    if (n > 0)
        rc = read_rows(&body, &h, out, &n, err);
    *count = n;
    return rc;
}

int roof_kernel_sample_from_kernel(const roof_kernel *k, uint32_t precision,
                                   roof_kernel_sample *out)
{
    if (k == NULL || out == NULL)
        return ROOF_E_NULL;
    if (precision >= ROOF_PRECISION_COUNT)
        return ROOF_E_INVALID;
    roof_kernel_sample s;
    memset(&s, 0, sizeof s);
    char name[ROOF_KERNEL_NAME_MAX];
    memcpy(name, k->name, sizeof name);
    name[sizeof name - 1] = '\0';
    (void)roof_kernel_kind_guess(name, &s.kind);
    s.precision = precision;
    s.flops = k->flops;
    s.bytes = k->bytes;
    s.measured_seconds = k->seconds;
    s.rows = s.launches = 1.0;
    if (!row_ok(&s))
        return ROOF_E_RANGE;
    *out = s;
    return ROOF_OK;
}
