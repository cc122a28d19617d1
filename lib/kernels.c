/* Measured kernels from CSV: a plain file (name, flops, bytes, seconds) or
 * Nsight Compute's raw export.  docs/inputs.md lists the columns used, their
 * units and what a missing one does.
 *
 * The header is read into a `found` map of column indices, which resolves
 * into the short list of columns actually used (`layout`).  The rows are
 * then read twice: once to check them all and count them, once (only when
 * everything is valid and fits) to write out[], so out[] is untouched on
 * any error. */
#include <string.h>

#include "csv.h"
#include "json.h"
#include "util.h"

#define NONE UINT32_MAX
#define OPS 9          /* FP add/mul/fma counters for h, f, d */
#define TENSOR_MAX 16  /* tensor ops-path columns kept per class */
#define USE_MAX (4 + OPS + TENSOR_MAX + 1)

/* Nsight Compute's own Tensor Core roofline section
 * (SpeedOfLight_HierarchicalTensorRooflineChart) counts 512 FLOP per
 * sm__inst_executed_pipe_tensor instruction. */
#define FLOP_PER_TENSOR_INST 512.0

/* The two spellings of each counter (per SM or per SM sub-partition: the
 * .sum totals are equal, so the first present is used). */
static const char *const sass_names[OPS][2] = {
    {"sm__sass_thread_inst_executed_op_fadd_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_fadd_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_fmul_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_fmul_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_ffma_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_ffma_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_hadd_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_hadd_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_hmul_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_hmul_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_hfma_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_hfma_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_dadd_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_dadd_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_dmul_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_dmul_pred_on.sum"},
    {"sm__sass_thread_inst_executed_op_dfma_pred_on.sum",
     "smsp__sass_thread_inst_executed_op_dfma_pred_on.sum"},
};
static const double op_flops[OPS] = {1, 1, 2, 1, 1, 2, 1, 1, 2};

enum role { ROLE_NAME, ROLE_SECONDS, ROLE_BYTES, ROLE_FLOPS, ROLE_COUNTER };

/* The fixed column names: plain format (any case), then ncu. */
static const char *const plain_names[4] = {"name", "seconds", "bytes", "flops"};
static const char *const ncu_names[3] = {
    "Kernel Name", "gpu__time_duration.sum", "dram__bytes.sum",
};
#define TENSOR_INST_NAME "sm__inst_executed_pipe_tensor.sum"
#define TENSOR_LABEL "sm__ops_path_tensor_* counter"

typedef struct found {
    size_t header_at;
    uint32_t ncols;
    uint32_t plain[4];       /* by role */
    uint32_t ncu[3];         /* by role */
    uint32_t op[OPS][2];
    uint32_t tensor_inst;
    uint32_t tensor[3][TENSOR_MAX]; /* by class, see tensor_class_of */
    uint32_t ntensor[3];
} found;

typedef struct use {
    uint32_t index;    /* column */
    uint32_t role;
    double weight;     /* FLOP per counted event, for ROLE_COUNTER */
    double scale;      /* unit of the column into base units */
    const char *label; /* column name for messages */
} use;

typedef struct layout {
    int ncu;
    uint32_t ncols;
    uint32_t nused;
    use used[USE_MAX];
} layout;

/* ---- numbers ---------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)? */
static int decimal_ok(const char *s, size_t n)
{
    size_t p = 0, digits = 0;
    if (p < n && (s[p] == '+' || s[p] == '-'))
        p++;
    for (; p < n && is_digit(s[p]); p++)
        digits++;
    if (p < n && s[p] == '.') {
        for (p++; p < n && is_digit(s[p]); p++)
            digits++;
    }
    if (digits == 0)
        return 0;
    if (p < n && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        if (p < n && (s[p] == '+' || s[p] == '-'))
            p++;
        if (p >= n || !is_digit(s[p]))
            return 0;
        while (p < n && is_digit(s[p]))
            p++;
    }
    return p == n;
}

/* The field as a number: surrounding spaces ignored, and for Nsight
 * Compute's export the thousands separators it prints ("1,048,576").
 * ROOF_E_PARSE when it is no number, ROOF_E_RANGE when too large. */
static int field_number(const roof__csv *c, const roof__csv_field *f,
                        int grouping, double *x)
{
    char raw[128], buf[128];
    size_t n = roof__csv_value(c, f, raw, sizeof raw), k = 0;
    if (n > sizeof raw)
        return ROOF_E_RANGE;
    size_t a = 0, b = n;
    while (a < b && raw[a] == ' ')
        a++;
    while (b > a && raw[b - 1] == ' ')
        b--;
    for (size_t i = a; i < b; i++) {
        if (!(grouping && raw[i] == ','))
            buf[k++] = raw[i];
    }
    if (!decimal_ok(buf, k))
        return ROOF_E_PARSE;
    return roof__parse_double(buf, k, x);
}

/* ---- units (the second row of an Nsight Compute raw export) ----------- */

typedef struct unit {
    const char *text;
    double scale;
} unit;

static const unit time_units[] = {
    {"nsecond", 1e-9}, {"usecond", 1e-6}, {"msecond", 1e-3}, {"second", 1.0},
};
static const unit byte_units[] = {
    {"byte", 1.0}, {"Kbyte", 1e3}, {"Mbyte", 1e6}, {"Gbyte", 1e9},
    {"Tbyte", 1e12}, {"Kibyte", 1024.0}, {"Mibyte", 1048576.0},
    {"Gibyte", 1073741824.0}, {"Tibyte", 1099511627776.0},
};

static int unit_lookup(const unit *u, size_t n, const char *s, double *scale)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(u[i].text, s) == 0) {
            *scale = u[i].scale;
            return 1;
        }
    }
    return 0;
}

/* Counters: empty, a lower-case word ("inst"), or one with a decimal
 * prefix ("Kinst", "Minst", ...). */
static int count_unit(const char *s, double *scale)
{
    static const unit prefixes[] = {{"K", 1e3}, {"M", 1e6}, {"G", 1e9},
                                    {"T", 1e12}};
    *scale = 1.0;
    if (s[0] == '\0' || (s[0] >= 'a' && s[0] <= 'z'))
        return 1;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(prefixes); i++) {
        if (s[0] == prefixes[i].text[0] && s[1] >= 'a' && s[1] <= 'z') {
            *scale = prefixes[i].scale;
            return 1;
        }
    }
    return 0;
}

static int unit_scale(const use *u, const char *s, double *scale)
{
    switch (u->role) {
    case ROLE_SECONDS:
        return unit_lookup(time_units, ROOF_ARRAY_LEN(time_units), s, scale);
    case ROLE_BYTES:
        return unit_lookup(byte_units, ROOF_ARRAY_LEN(byte_units), s, scale);
    case ROLE_COUNTER:
        return count_unit(s, scale);
    default:
        *scale = 1.0;
        return 1;
    }
}

/* ---- the header ------------------------------------------------------- */

/* sm__ops_path_tensor_src_<s>[_dst_<d>][_sparsity_<on|off>].sum: 0 with a
 * destination, 1 with destination and sparsity, 2 source only; -1 other. */
static int tensor_class_of(const char *h)
{
    static const char head[] = "sm__ops_path_tensor_src_";
    size_t n = strlen(h);
    if (strncmp(h, head, sizeof head - 1) != 0 || n < 4
        || strcmp(h + n - 4, ".sum") != 0)
        return -1;
    int dst = strstr(h, "_dst_") != NULL;
    int sparsity = strstr(h, "_sparsity_") != NULL;
    if (dst)
        return sparsity ? 1 : 0;
    return sparsity ? -1 : 2;
}

/* Names of the plain format match case-insensitively. */
static int plain_eq(const char *h, const char *want)
{
    for (; *h && *want; h++, want++) {
        const unsigned char u = (unsigned char)*h;
        const unsigned char a = u >= 'A' && u <= 'Z' ? (unsigned char)(u + 32) : u;
        if (a != (unsigned char)*want)
            return 0;
    }
    return *h == *want;
}

/* The slot of found that header name h fills, or NULL. */
static uint32_t *slot_for(found *F, const char *h)
{
    for (int r = 0; r < 4; r++) {
        if (plain_eq(h, plain_names[r]))
            return &F->plain[r];
    }
    for (int r = 0; r < 3; r++) {
        if (strcmp(h, ncu_names[r]) == 0)
            return &F->ncu[r];
    }
    for (int k = 0; k < OPS; k++) {
        for (int s = 0; s < 2; s++) {
            if (strcmp(h, sass_names[k][s]) == 0)
                return &F->op[k][s];
        }
    }
    if (strcmp(h, TENSOR_INST_NAME) == 0)
        return &F->tensor_inst;
    int cls = tensor_class_of(h);
    if (cls >= 0 && F->ntensor[cls] < TENSOR_MAX)
        return &F->tensor[cls][F->ntensor[cls]++];
    return NULL;
}

static int header_field(found *F, const roof__csv *c,
                        const roof__csv_field *f, roof_parse_error *err)
{
    char h[128];
    size_t n = roof__csv_value(c, f, h, sizeof h - 1);
    h[n < sizeof h - 1 ? n : 0] = '\0'; /* too long: matches nothing */
    if (strcmp(h, "Metric Name") == 0) {
        roof__parse_error_at(err, c->text, f->at, "one metric per row is ncu's "
                             "details page; export with", "--page raw");
        return ROOF_E_PARSE;
    }
    uint32_t *slot = slot_for(F, h);
    if (slot != NULL && *slot != NONE) {
        roof__parse_error_at(err, c->text, f->at, "duplicate column", h);
        return ROOF_E_PARSE;
    }
    if (slot != NULL)
        *slot = F->ncols;
    F->ncols++;
    return ROOF_OK;
}

/* Tool banners ("==PROF== ...") may precede the header. */
static void skip_banners(roof__csv *c)
{
    while (c->pos + 1 < c->len && c->text[c->pos] == '='
           && c->text[c->pos + 1] == '=')
        roof__csv_skip_line(c);
}

static int read_header(roof__csv *c, found *F, roof_parse_error *err)
{
    /* every slot NONE: all bytes 0xFF */
    memset(F, 0xFF, sizeof *F);
    F->ncols = 0;
    memset(F->ntensor, 0, sizeof F->ntensor);
    skip_banners(c);
    F->header_at = c->pos;
    if (roof__csv_done(c)) {
        roof__parse_error_at(err, c->text, c->pos, "empty input: no header", NULL);
        return ROOF_E_PARSE;
    }
    roof__csv_field f;
    do {
        int rc = roof__csv_next(c, &f, err);
        if (rc == ROOF_OK && F->ncols == NONE - 1) {
            roof__parse_error_at(err, c->text, f.at, "too many columns", NULL);
            rc = ROOF_E_PARSE;
        }
        if (rc == ROOF_OK)
            rc = header_field(F, c, &f, err);
        if (rc != ROOF_OK)
            return rc;
    } while (!f.last);
    return ROOF_OK;
}

/* ---- the layout: which format, which columns -------------------------- */

static void add_use(layout *L, uint32_t index, uint32_t role, double weight,
                    const char *label)
{
    use u = {index, role, weight, 1.0, label};
    if (index != NONE)
        L->used[L->nused++] = u;
}

static void add_counters(layout *L, const found *F)
{
    for (int k = 0; k < OPS; k++) {
        int s = F->op[k][0] != NONE ? 0 : 1;
        add_use(L, F->op[k][s], ROLE_COUNTER, op_flops[k], sass_names[k][s]);
    }
    /* The tensor ops-path classes overlap: use the first one present. */
    for (int cls = 0; cls < 3; cls++) {
        if (F->ntensor[cls] == 0)
            continue;
        for (uint32_t t = 0; t < F->ntensor[cls]; t++)
            add_use(L, F->tensor[cls][t], ROLE_COUNTER, 1.0, TENSOR_LABEL);
        return;
    }
    add_use(L, F->tensor_inst, ROLE_COUNTER, FLOP_PER_TENSOR_INST,
            TENSOR_INST_NAME);
}

static int missing(const roof__csv *c, const found *F, const char *name,
                   roof_parse_error *err)
{
    roof__parse_error_at(err, c->text, F->header_at, "missing column", name);
    return ROOF_E_MISSING;
}

static int resolve(const roof__csv *c, const found *F, layout *L,
                   roof_parse_error *err)
{
    memset(L, 0, sizeof *L);
    L->ncols = F->ncols;
    for (int r = 0; r < 3; r++)
        L->ncu |= F->ncu[r] != NONE;
    const uint32_t *want = L->ncu ? F->ncu : F->plain;
    const char *const *names = L->ncu ? ncu_names : plain_names;
    for (uint32_t r = 0; r < (L->ncu ? 3u : 4u); r++) {
        if (want[r] == NONE)
            return missing(c, F, names[r], err);
        add_use(L, want[r], r, 0.0, names[r]);
    }
    if (!L->ncu)
        return ROOF_OK;
    L->used[ROLE_SECONDS].scale = 1e-9; /* ncu's base unit, no units row */
    add_counters(L, F);
    if (L->nused == 3)
        return missing(c, F, "sm__sass_thread_inst_executed_op_*_pred_on.sum", err);
    return ROOF_OK;
}

static use *use_of(layout *L, uint32_t index)
{
    for (uint32_t k = 0; k < L->nused; k++) {
        if (L->used[k].index == index)
            return &L->used[k];
    }
    return NULL;
}

/* ---- rows --------------------------------------------------------------- */

typedef struct row {
    roof_kernel k;
    double counted; /* FLOPs from counters (ncu) */
    uint32_t fields;
    int has_name;
} row;

static int cell_error(const roof__csv *c, size_t at, const char *msg,
                      const char *col, int rc, roof_parse_error *err)
{
    roof__parse_error_at(err, c->text, at, msg, col);
    return rc;
}

/* Column u's number, scaled into base units; empty counter cells are 0
 * (ncu leaves a counter empty where it was not collected). */
static int cell_value(const roof__csv *c, const roof__csv_field *f,
                      const layout *L, const use *u, double *x,
                      roof_parse_error *err)
{
    double v = 0.0;
    if (u->role == ROLE_COUNTER && f->end == f->start) {
        *x = 0.0;
        return ROOF_OK;
    }
    int rc = field_number(c, f, L->ncu, &v);
    if (rc == ROOF_E_PARSE)
        return cell_error(c, f->at, "not a number in column", u->label, rc, err);
    if (rc != ROOF_OK || v < 0.0 || !roof__is_num(v * u->scale))
        return cell_error(c, f->at, "negative or too large value in column",
                          u->label, ROOF_E_RANGE, err);
    *x = v * u->scale;
    return ROOF_OK;
}

static int row_field(const roof__csv *c, const roof__csv_field *f,
                     layout *L, row *r, roof_parse_error *err)
{
    const use *u = use_of(L, r->fields);
    double x = 0.0;
    if (u == NULL)
        return ROOF_OK;
    if (u->role == ROLE_NAME) {
        char buf[ROOF_KERNEL_NAME_MAX * 2];
        size_t n = roof__csv_value(c, f, buf, sizeof buf);
        roof__copy_utf8(r->k.name, sizeof r->k.name, buf,
                        n < sizeof buf ? n : sizeof buf);
        r->has_name = n > 0;
        return ROOF_OK;
    }
    int rc = cell_value(c, f, L, u, &x, err);
    if (u->role == ROLE_SECONDS)
        r->k.seconds = x;
    else if (u->role == ROLE_BYTES)
        r->k.bytes = x;
    else if (u->role == ROLE_FLOPS)
        r->k.flops = x;
    else
        r->counted += u->weight * x;
    return rc;
}

static int finish_row(const roof__csv *c, size_t at, const layout *L, row *r,
                      roof_parse_error *err)
{
    if (r->fields != L->ncols)
        return cell_error(c, at, "row and header have different numbers of "
                          "fields", NULL, ROOF_E_PARSE, err);
    if (!r->has_name)
        return cell_error(c, at, "empty kernel name", NULL, ROOF_E_PARSE, err);
    if (L->ncu)
        r->k.flops = r->counted;
    if (!roof__is_num(r->k.flops))
        return cell_error(c, at, "FLOP count above 1e30", NULL, ROOF_E_RANGE, err);
    if (!(r->k.seconds > 0.0))
        return cell_error(c, at, "time must be positive in column",
                          L->used[ROLE_SECONDS].label, ROOF_E_RANGE, err);
    return ROOF_OK;
}

/* One record into *r.  *blank is set for an empty line (skipped). */
static int read_row(roof__csv *c, layout *L, row *r, int *blank,
                    roof_parse_error *err)
{
    size_t at = c->pos;
    roof__csv_field f;
    memset(r, 0, sizeof *r);
    *blank = 0;
    do {
        int rc = roof__csv_next(c, &f, err);
        if (rc != ROOF_OK)
            return rc;
        if (r->fields == 0 && f.last && !f.quoted && f.end == f.start) {
            *blank = 1;
            return ROOF_OK;
        }
        if (r->fields < L->ncols && (rc = row_field(c, &f, L, r, err)) != ROOF_OK)
            return rc;
        if (r->fields < NONE)
            r->fields++;
    } while (!f.last);
    return finish_row(c, at, L, r, err);
}

/* Where read_rows puts each kernel: nowhere (counting), into an array, or
 * to a caller's function. */
typedef struct sink {
    roof_kernel *out;
    roof_kernel_fn fn;
    void *ctx;
} sink;

/* Reads every row, handing each kernel to s (NULL: count only). */
static int read_rows(roof__csv *c, layout *L, const sink *s,
                     uint32_t *count, roof_parse_error *err)
{
    uint32_t n = 0;
    while (!roof__csv_done(c)) {
        row r;
        int blank = 0;
        int rc = read_row(c, L, &r, &blank, err);
        if (rc != ROOF_OK)
            return rc;
        if (blank)
            continue;
        if (n == UINT32_MAX)
            return cell_error(c, c->pos, "too many rows", NULL, ROOF_E_RANGE, err);
        if (s != NULL && s->out != NULL)
            s->out[n] = r.k;
        if (s != NULL && s->fn != NULL && s->fn(s->ctx, &r.k) != 0)
            return ROOF_E_WRITE;
        n++;
    }
    *count = n;
    return ROOF_OK;
}

/* ---- the units row ------------------------------------------------------ */

/* 1 when the record at c is ncu's units row: its time cell is no number. */
static int is_units_row(roof__csv c, const layout *L)
{
    roof__csv_field f;
    uint32_t i = 0;
    uint32_t t = L->used[ROLE_SECONDS].index;
    do {
        if (roof__csv_next(&c, &f, NULL) != ROOF_OK)
            return 0; /* the row reader will report it */
        if (i++ == t) {
            double x = 0.0;
            return f.end != f.start && field_number(&c, &f, 1, &x) == ROOF_E_PARSE;
        }
    } while (!f.last);
    return 0;
}

static int unit_field(const roof__csv *c, const roof__csv_field *f,
                      use *u, roof_parse_error *err)
{
    char s[16];
    size_t n = roof__csv_value(c, f, s, sizeof s - 1);
    s[n < sizeof s - 1 ? n : 0] = '\0';
    if (n >= sizeof s - 1 || !unit_scale(u, s, &u->scale))
        return cell_error(c, f->at, "unknown unit in column", u->label,
                          ROOF_E_PARSE, err);
    return ROOF_OK;
}

/* ncu's second row holds units.  Without one, ncu's base units apply
 * (nanoseconds, bytes, counts). */
static int read_units(roof__csv *c, layout *L, roof_parse_error *err)
{
    if (roof__csv_done(c) || !is_units_row(*c, L))
        return ROOF_OK;
    size_t at = c->pos;
    roof__csv_field f;
    uint32_t i = 0;
    do {
        int rc = roof__csv_next(c, &f, err);
        use *u = use_of(L, i);
        if (rc == ROOF_OK && u != NULL)
            rc = unit_field(c, &f, u, err);
        if (rc != ROOF_OK)
            return rc;
        if (i < NONE)
            i++;
    } while (!f.last);
    if (i != L->ncols)
        return cell_error(c, at, "units row and header have different numbers "
                          "of fields", NULL, ROOF_E_PARSE, err);
    return ROOF_OK;
}

/* ---- the API -------------------------------------------------------------- */

static int read_layout(roof__csv *c, layout *L, roof_parse_error *err)
{
    found F;
    int rc = read_header(c, &F, err);
    if (rc == ROOF_OK)
        rc = resolve(c, &F, L, err);
    if (rc == ROOF_OK && L->ncu)
        rc = read_units(c, L, err);
    return rc;
}

/* The header, units row and every row checked; *body is where rows begin
 * and *n how many there are. */
static int check_all(const char *text, size_t len, roof__csv *body,
                     layout *L, uint32_t *n, roof_parse_error *err)
{
    int rc = roof__csv_check_text(text, len, err);
    if (rc != ROOF_OK)
        return rc;
    roof__csv c;
    roof__csv_init(&c, text, len);
    if ((rc = read_layout(&c, L, err)) != ROOF_OK)
        return rc;
    *body = c;
    return read_rows(&c, L, NULL, n, err);
}

int roof_kernels_from_csv(const char *text, size_t len, roof_kernel *out,
                          uint32_t cap, uint32_t *count,
                          roof_parse_error *err)
{
    if (text == NULL || count == NULL || (out == NULL && cap > 0)) {
        roof__parse_error_at(err, NULL, 0, "a required argument is NULL", NULL);
        return ROOF_E_NULL;
    }
    roof__csv body;
    layout L;
    uint32_t n = 0;
    int rc = check_all(text, len, &body, &L, &n, err);
    if (rc != ROOF_OK)
        return rc;
    if (n > cap) {
        *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    sink s = {out, NULL, NULL};
    if (n > 0)
        rc = read_rows(&body, &L, &s, &n, err);
    ROOF__ASSERT(rc == ROOF_OK); /* the same rows passed check_all */
    *count = n;
    return rc;
}

int roof_kernels_visit_csv(const char *text, size_t len, roof_kernel_fn fn,
                           void *ctx, uint32_t *count,
                           roof_parse_error *err)
{
    if (text == NULL || fn == NULL || count == NULL) {
        roof__parse_error_at(err, NULL, 0, "a required argument is NULL", NULL);
        return ROOF_E_NULL;
    }
    roof__csv body;
    layout L;
    uint32_t n = 0;
    int rc = check_all(text, len, &body, &L, &n, err);
    if (rc != ROOF_OK)
        return rc;
    sink s = {NULL, fn, ctx};
    if ((rc = read_rows(&body, &L, &s, &n, err)) == ROOF_OK)
        *count = n;
    return rc;
}
