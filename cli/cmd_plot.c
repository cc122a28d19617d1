/* roofmodel plot (and roofmodel with no arguments): a roofline chart of
 * operators swept over batch and sequence length, optionally with measured
 * kernels, as SVG.  The defaults reproduce the seed figure. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SERIES 16
#define MAX_SWEEP 64
#define DEFAULT_MODEL "llama-13b"
#define DEFAULT_HW "a6000-2100"
#define DEFAULT_SERIES "attn_proj,mlp_proj,attn_matmul"

typedef struct point {
    double flops, bytes, x, y;
    uint32_t batch, seq, bound;
    const char *name; /* operator or kernel name */
} point;

typedef struct pseries {
    char label[64];
    uint32_t op_class;
    int decode;
    point *pts;
    uint32_t n, cap;
    uint32_t memory, compute; /* points per bound */
    double *xs, *ys;          /* filled for rendering */
} pseries;

typedef struct plot_run {
    roof_model m;
    roof_hardware hw;
    roof_ceiling ceil;
    uint32_t precision;
    uint32_t batch[MAX_SWEEP], nbatch, seq[MAX_SWEEP], nseq;
    pseries s[MAX_SERIES];
    uint32_t ns;
    roof_kernel *kernels;
    uint32_t nk;
    char title[160];
    roof_calibration cal;
    int bound_points; /* --bound: points on the roof, not at expected time */
    char peak_label[CLI_NUM_MAX], bw_label[CLI_NUM_MAX];
    double ridge;
    double x_min, x_max, y_min, y_max;
} plot_run;

/* A series is named by its class's library name (roof_op_class_name:
 * attn_proj, ...; roof_op_class_from_name also reads attn-proj) or by a
 * short alias; the label is the seed figure's own for the first three. */
static const struct {
    const char *alias, *label;
    uint32_t op_class;
} classes[] = {
    {"qkv", "qkv mlp", ROOF_CLASS_ATTN_PROJ},
    {"mlp", "up/gate/down", ROOF_CLASS_MLP_PROJ},
    {"qkpv", "qk/pv", ROOF_CLASS_ATTN_MATMUL},
    {"elem", "elementwise", ROOF_CLASS_ELEMENTWISE},
    {"allreduce", "all-reduce", ROOF_CLASS_COMM},
    {"lm-head", "embed/lm_head", ROOF_CLASS_EMBED},
};

static void push(pseries *s, const point *p)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->pts = cli_xrealloc(s->pts, s->cap * sizeof *s->pts);
    }
    s->pts[s->n++] = *p;
    if (p->bound == ROOF_BOUND_MEMORY)
        s->memory++;
    else
        s->compute++;
}

static int add_series(plot_run *r, size_t cls, int decode)
{
    if (r->ns == MAX_SERIES)
        return cli_usage_error("plot", "--series: more than %d series",
                               MAX_SERIES);
    pseries *s = &r->s[r->ns++];
    memset(s, 0, sizeof *s);
    snprintf(s->label, sizeof s->label, "%s %s", classes[cls].label,
             decode ? "ar" : "init");
    s->op_class = classes[cls].op_class;
    s->decode = decode;
    return CLI_OK;
}

/* One item of --series: CLASS or CLASS:PHASE. */
static int parse_item(plot_run *r, const char *item, size_t len)
{
    char word[32];
    const char *colon = memchr(item, ':', len);
    size_t klen = colon ? (size_t)(colon - item) : len;
    int decode = 0, rc;
    if (len >= sizeof word)
        goto bad;
    memcpy(word, item, len);
    word[len] = '\0';
    word[klen] = '\0';
    if (colon && (rc = cli_phase("plot", "--series", word + klen + 1,
                                 &decode)) != CLI_OK)
        return rc;
    uint32_t cls = UINT32_MAX;
    if (roof_op_class_from_name(word, &cls) != ROOF_OK)
        cls = UINT32_MAX;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (classes[i].op_class != cls
            && strcmp(word, classes[i].alias) != 0)
            continue;
        if (colon)
            return add_series(r, i, decode);
        if ((rc = add_series(r, i, 0)) != CLI_OK)
            return rc;
        return add_series(r, i, 1);
    }
bad:
    return cli_usage_error("plot", "--series: unknown series '%.*s' (attn_proj, "
                           "mlp_proj, attn_matmul, elementwise, comm, embed, "
                           "each optionally :prefill or :decode; or none)",
                           (int)len, item);
}

static int parse_series(plot_run *r, const char *spec)
{
    if (strcmp(spec, "none") == 0)
        return CLI_OK;
    for (const char *s = spec;; s++) {
        size_t len = strcspn(s, ",");
        int rc = parse_item(r, s, len);
        if (rc != CLI_OK)
            return rc;
        s += len;
        if (*s == '\0')
            return CLI_OK;
    }
}

/* cli_try_fn: the device's roofs and ridge at other efficiencies. */
static int try_ceiling(void *ctx, const roof_efficiency *eff)
{
    plot_run *r = ctx;
    roof_ceiling c;
    double ridge;
    int rc = roof_ceiling_from_hardware(&r->hw, r->precision, eff, &c);
    return rc == ROOF_OK ? roof_ridge_flops_per_byte(&c, &ridge) : rc;
}

typedef struct step_try {
    plot_run *r;
    const roof_workload *w;
} step_try;

/* cli_try_fn: one step's operators at other efficiencies. */
static int try_step(void *ctx, const roof_efficiency *eff)
{
    step_try *t = ctx;
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    return roof_ops(&t->r->m, t->w, &t->r->hw, eff, ops, ROOF_MAX_OPS, &n,
                    NULL);
}

/* Every series of one phase gets the operators of one step. */
static int sweep_step(plot_run *r, const cli_wl *wo, int decode,
                      uint32_t batch, uint32_t seq)
{
    roof_op ops[ROOF_MAX_OPS];
    roof_workload w;
    roof_efficiency eff = cli_efficiency(wo);
    uint32_t n;
    int rc = cli_workload("plot", wo, &r->m, &r->hw, batch,
                          decode ? 1 : seq, decode ? seq : 0, &w);
    if (rc != CLI_OK)
        return rc;
    rc = roof_ops_calibrated(&r->m, &w, &r->hw, &eff, &r->cal, ops,
                             ROOF_MAX_OPS, &n, NULL);
    step_try t = {r, &w};
    if (rc != ROOF_OK && cli_blame_eff("plot", wo, try_step, &t) != 0)
        return CLI_EUSAGE;
    if (rc != ROOF_OK)
        return cli_usage_error("plot", "batch %u, seq %u: %s", (unsigned)batch,
                               (unsigned)seq, roof_status_str(rc));
    for (uint32_t s = 0; s < r->ns; s++) {
        if (r->s[s].decode != decode)
            continue;
        for (uint32_t i = 0; i < n; i++) {
            const roof_op *op = &ops[i];
            if (op->op_class != r->s[s].op_class || op->flops <= 0)
                continue;
            /* The performance the expected time implies (below the
             * roof, as measured kernels are), or the roof itself. */
            const double y = r->bound_points
                                 ? op->roofline.attainable_flops_per_s
                                 : op->flops / op->expected_seconds;
            point p = {op->flops, op->bytes, op->roofline.flops_per_byte, y,
                       batch, seq, op->roofline.bound, roof_op_name(op->id)};
            push(&r->s[s], &p);
        }
    }
    return CLI_OK;
}

static int sweep(plot_run *r, const cli_wl *wo)
{
    for (int decode = 0; decode <= 1; decode++) {
        int wanted = 0;
        for (uint32_t s = 0; s < r->ns; s++)
            wanted |= r->s[s].decode == decode;
        for (uint32_t b = 0; wanted && b < r->nbatch; b++) {
            for (uint32_t q = 0; q < r->nseq; q++) {
                int rc = sweep_step(r, wo, decode, r->batch[b], r->seq[q]);
                if (rc != CLI_OK)
                    return rc;
            }
        }
    }
    return CLI_OK;
}

static int load_measured(plot_run *r, const char *path)
{
    char *text;
    size_t len;
    roof_parse_error err;
    uint32_t need = 0;
    int rc = cli_read_file("plot", "--measured", path, &text, &len);
    if (rc != CLI_OK)
        return rc;
    memset(&err, 0, sizeof err);
    rc = roof_kernels_from_csv(text, len, NULL, 0, &need, &err);
    if (rc == ROOF_E_BUFFER_TOO_SMALL) {
        r->kernels = cli_xrealloc(NULL, (need ? need : 1) * sizeof *r->kernels);
        rc = roof_kernels_from_csv(text, len, r->kernels, need, &r->nk, &err);
    }
    free(text);
    if (rc != ROOF_OK)
        return cli_usage_error("plot", "--measured: %s:%u:%u: %s", path,
                               (unsigned)err.line, (unsigned)err.column,
                               err.message[0] ? err.message
                                              : roof_status_str(rc));
    if (r->ns == MAX_SERIES)
        return cli_usage_error("plot", "--measured: too many series");
    pseries *s = &r->s[r->ns++];
    memset(s, 0, sizeof *s);
    snprintf(s->label, sizeof s->label, "measured");
    s->op_class = UINT32_MAX;
    for (uint32_t i = 0; i < r->nk; i++) {
        const roof_kernel *k = &r->kernels[i];
        roof_measured m;
        /* No DRAM bytes (ran from cache) or no time: no place on the
         * chart; 'roofmodel label' names such kernels. */
        if (roof_measured_eval(&r->ceil, k->flops, k->bytes, k->seconds, &m)
            != ROOF_OK || k->flops <= 0)
            continue;
        point p = {k->flops, k->bytes, m.roof.flops_per_byte,
                   m.achieved_flops_per_s, 0, 0, m.bound, k->name};
        push(s, &p);
    }
    return CLI_OK;
}

static double decade_below(double v)
{
    return pow(10.0, floor(log10(v)));
}

static double decade_above(double v)
{
    return pow(10.0, ceil(log10(v)));
}

/* The seed's frame (1 .. 10k FLOP/B, 10G up to twice the peak), widened
 * by whole decades where points fall outside it. */
static void axes(plot_run *r)
{
    double xlo = HUGE_VAL, xhi = 0, ylo = HUGE_VAL, yhi = 0;
    for (uint32_t s = 0; s < r->ns; s++) {
        for (uint32_t i = 0; i < r->s[s].n; i++) {
            const point *p = &r->s[s].pts[i];
            if (p->x > 0 && p->y > 0) {
                xlo = fmin(xlo, p->x), xhi = fmax(xhi, p->x);
                ylo = fmin(ylo, p->y), yhi = fmax(yhi, p->y);
            }
        }
    }
    r->x_min = 1.0, r->x_max = 1e4;
    r->y_min = 1e10, r->y_max = 2.0 * r->ceil.peak_flops_per_s;
    if (xhi == 0)
        return;
    /* A point just under 1 FLOP/B (decode attention sits at ~0.99) stays
     * on the chart without a whole extra decade. */
    if (xlo < r->x_min)
        r->x_min = xlo >= 0.5 ? 0.5 : decade_below(xlo);
    if (xhi > r->x_max)
        r->x_max = decade_above(xhi);
    if (ylo < r->y_min)
        r->y_min = decade_below(ylo);
    if (yhi > r->y_max)
        r->y_max = 2.0 * yhi;
}

static int render(plot_run *r, cli_buf *svg, uint32_t width, uint32_t height)
{
    roof_series series[MAX_SERIES];
    /* The seed's legend order and colours: bandwidth (blue), then peak
     * (red). */
    roof_chart_ceiling ceil[2] = {
        {r->bw_label, r->ceil.bytes_per_s, ROOF_CEILING_MEMORY, 0x1f77b4},
        {r->peak_label, r->ceil.peak_flops_per_s, ROOF_CEILING_COMPUTE,
         0xd62728},
    };
    roof_chart c;
    memset(&c, 0, sizeof c);
    for (uint32_t s = 0; s < r->ns; s++) {
        pseries *ps = &r->s[s];
        ps->xs = cli_xrealloc(NULL, (ps->n + 1) * sizeof(double));
        ps->ys = cli_xrealloc(NULL, (ps->n + 1) * sizeof(double));
        for (uint32_t i = 0; i < ps->n; i++)
            ps->xs[i] = ps->pts[i].x, ps->ys[i] = ps->pts[i].y;
        memset(&series[s], 0, sizeof series[s]);
        series[s].label = ps->label;
        series[s].flops_per_byte = ps->xs;
        series[s].flops_per_s = ps->ys;
        series[s].count = ps->n;
        series[s].color = ROOF_COLOR_AUTO;
        series[s].marker = ps->op_class == UINT32_MAX ? ROOF_MARKER_CIRCLE
                                                      : ROOF_MARKER_CROSS;
    }
    c.title = r->title;
    c.ceilings = ceil;
    c.ceiling_count = 2;
    c.series = series;
    c.series_count = r->ns;
    c.x_min = r->x_min, c.x_max = r->x_max;
    c.y_min = r->y_min, c.y_max = r->y_max;
    c.width_px = width, c.height_px = height;
    c.ridge_line = 1;
    int rc = roof_chart_svg_write(&c, cli_buf_write, svg);
    if (rc != ROOF_OK)
        return cli_lib_error("plot", "cannot draw the chart", rc);
    return CLI_OK;
}

static void series_range(const pseries *s, double *lo, double *hi,
                         double *ylo, double *yhi)
{
    *lo = *ylo = HUGE_VAL;
    *hi = *yhi = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        *lo = fmin(*lo, s->pts[i].x), *hi = fmax(*hi, s->pts[i].x);
        *ylo = fmin(*ylo, s->pts[i].y), *yhi = fmax(*yhi, s->pts[i].y);
    }
    if (s->n == 0)
        *lo = *ylo = 0;
}

/* "1..64" for a doubling range, else "1,3,5". */
static void list_text(cli_buf *out, const uint32_t *v, uint32_t n)
{
    int doubling = n > 2;
    for (uint32_t i = 1; i < n; i++)
        doubling = doubling && (uint64_t)v[i] == 2 * (uint64_t)v[i - 1];
    if (doubling) {
        cli_buf_fmt(out, "%u..%u", (unsigned)v[0], (unsigned)v[n - 1]);
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        cli_buf_fmt(out, "%s%u", i ? "," : "", (unsigned)v[i]);
}

static void write_text(const plot_run *r, const char *path, cli_buf *out)
{
    static const char *const head[] = {"series", "points", "FLOP/B", "FLOP/s",
                                       "memory-bound", "compute-bound"};
    static const int left[] = {1, 0, 0, 0, 0, 0};
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX];
    uint32_t total = 0;
    cli_table t;
    cli_table_init(&t, 6, head, left);
    for (uint32_t s = 0; s < r->ns; s++) {
        const pseries *ps = &r->s[s];
        double lo, hi, ylo, yhi;
        series_range(ps, &lo, &hi, &ylo, &yhi);
        total += ps->n;
        cli_table_cell(&t, "%s", ps->label);
        cli_table_cell(&t, "%u", (unsigned)ps->n);
        cli_table_cell(&t, "%s .. %s", cli_g3(a, lo), cli_g3(b, hi));
        cli_table_cell(&t, "%s .. %s", cli_si(a, ylo, ""), cli_si(b, yhi, ""));
        cli_table_cell(&t, "%u", (unsigned)ps->memory);
        cli_table_cell(&t, "%u", (unsigned)ps->compute);
    }
    cli_buf_fmt(out, "wrote %s: \"%s\"\n", path, r->title);
    cli_buf_fmt(out, "  %s on %s: %s (%s) and %s; ridge at %s FLOP/B\n",
                r->m.name, r->hw.name, r->peak_label,
                roof_precision_name(r->precision), r->bw_label,
                cli_g3(a, r->ridge));
    if (r->nbatch && r->nseq) {
        cli_buf_str(out, "  sweep: batch ");
        list_text(out, r->batch, r->nbatch);
        cli_buf_str(out, " x seq ");
        list_text(out, r->seq, r->nseq);
        cli_buf_fmt(out, " = %u settings per operator; %u points\n",
                    (unsigned)(r->nbatch * r->nseq), (unsigned)total);
    }
    cli_table_print(&t, out, "  ");
    cli_table_free(&t);
}

static void write_json(const plot_run *r, const char *path, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "{\n  ");
    cli_json_key(out, "output", &first), cli_json_str(out, path);
    cli_json_key(out, "title", &first), cli_json_str(out, r->title);
    cli_json_key(out, "model", &first), cli_json_str(out, r->m.name);
    cli_json_key(out, "hardware", &first), cli_json_str(out, r->hw.name);
    cli_json_key(out, "precision", &first);
    cli_json_str(out, roof_precision_name(r->precision));
    cli_json_key(out, "peak_flops_per_s", &first);
    cli_json_num(out, r->ceil.peak_flops_per_s);
    cli_json_key(out, "bytes_per_s", &first), cli_json_num(out, r->ceil.bytes_per_s);
    cli_json_key(out, "ridge_flops_per_byte", &first), cli_json_num(out, r->ridge);
    cli_buf_str(out, ",\n  \"batch\": [");
    for (uint32_t i = 0; i < r->nbatch; i++)
        cli_buf_fmt(out, "%s%u", i ? ", " : "", (unsigned)r->batch[i]);
    cli_buf_str(out, "],\n  \"seq\": [");
    for (uint32_t i = 0; i < r->nseq; i++)
        cli_buf_fmt(out, "%s%u", i ? ", " : "", (unsigned)r->seq[i]);
    cli_buf_str(out, "],\n  \"series\": [\n");
    for (uint32_t s = 0; s < r->ns; s++) {
        const pseries *ps = &r->s[s];
        double lo, hi, ylo, yhi;
        series_range(ps, &lo, &hi, &ylo, &yhi);
        first = 1;
        cli_buf_str(out, "    {");
        cli_json_key(out, "label", &first), cli_json_str(out, ps->label);
        cli_json_key(out, "points", &first), cli_json_num(out, ps->n);
        cli_json_key(out, "min_flops_per_byte", &first), cli_json_num(out, lo);
        cli_json_key(out, "max_flops_per_byte", &first), cli_json_num(out, hi);
        cli_json_key(out, "min_flops_per_s", &first), cli_json_num(out, ylo);
        cli_json_key(out, "max_flops_per_s", &first), cli_json_num(out, yhi);
        cli_json_key(out, "memory_bound", &first), cli_json_num(out, ps->memory);
        cli_json_key(out, "compute_bound", &first);
        cli_json_num(out, ps->compute);
        cli_buf_str(out, s + 1 < r->ns ? "},\n" : "}\n");
    }
    cli_buf_str(out, "  ]\n}\n");
}

static void write_csv(const plot_run *r, cli_buf *out)
{
    cli_buf_str(out, "series,name,batch,seq,flops,bytes,flops_per_byte,"
                     "flops_per_s,bound\n");
    for (uint32_t s = 0; s < r->ns; s++) {
        const pseries *ps = &r->s[s];
        for (uint32_t i = 0; i < ps->n; i++) {
            const point *p = &ps->pts[i];
            cli_csv_str(out, ps->label);
            cli_buf_str(out, ",");
            cli_csv_str(out, p->name ? p->name : "");
            if (p->batch)
                cli_buf_fmt(out, ",%u,%u,", (unsigned)p->batch,
                            (unsigned)p->seq);
            else
                cli_buf_str(out, ",,,");
            cli_csv_num(out, p->flops), cli_buf_str(out, ",");
            cli_csv_num(out, p->bytes), cli_buf_str(out, ",");
            cli_csv_num(out, p->x), cli_buf_str(out, ",");
            cli_csv_num(out, p->y);
            cli_buf_fmt(out, ",%s\n", roof_bound_name(p->bound));
        }
    }
}

static void free_run(plot_run *r)
{
    for (uint32_t s = 0; s < r->ns; s++) {
        free(r->s[s].pts);
        free(r->s[s].xs);
        free(r->s[s].ys);
    }
    free(r->kernels);
}

/* The device and its roofs; the seed's A6000 at 2100 MHz by default. */
static int setup(plot_run *r, const char *model, const char *hw,
                 const cli_wl *wo)
{
    roof_efficiency eff = cli_efficiency(wo);
    char md[64], hd[64];
    int rc = cli_load_model_as("plot", "--model", model, wo->as, &r->m);
    if (rc == CLI_OK)
        rc = cli_load_hw("plot", "--hw", hw, &r->hw);
    if (rc == CLI_OK)
        rc = cli_precision("plot", "--precision",
                           wo->precision ? wo->precision : "fp16", &r->hw,
                           &r->precision);
    if (rc == CLI_OK)
        rc = cli_load_calibration("plot", wo, &r->hw, &r->cal);
    if (rc != CLI_OK)
        return rc;
    rc = roof_ceiling_from_hardware(&r->hw, r->precision, &eff, &r->ceil);
    if (rc == ROOF_OK)
        rc = roof_ridge_flops_per_byte(&r->ceil, &r->ridge);
    if (rc != ROOF_OK && cli_blame_eff("plot", wo, try_ceiling, r) != 0)
        return CLI_EUSAGE;
    if (rc != ROOF_OK)
        return cli_lib_error("plot", r->hw.name, rc);
    cli_si(r->peak_label, r->ceil.peak_flops_per_s, "FLOP/s");
    cli_si(r->bw_label, r->ceil.bytes_per_s, "B/s");
    cli_model_display(&r->m, md, sizeof md);
    cli_hw_display(&r->hw, hd, sizeof hd);
    snprintf(r->title, sizeof r->title, "Roofline Model (%s, %s)", md, hd);
    return CLI_OK;
}

typedef struct plot_args {
    const char *model, *hw, *batch, *seq, *series, *measured, *title, *output;
    uint32_t width, height;
    int json, csv;
    cli_wl wo;
    int bound;
} plot_args;

static void declare(cli_cmd *cmd, plot_args *a)
{
    cli_opt *o;
    cli_add(cmd, "--model", CLI_STR, &a->model, "M",
            "model name or config.json (default " DEFAULT_MODEL ")");
    cli_add(cmd, "--hw", CLI_STR, &a->hw, "H",
            "device name or hardware .json (default " DEFAULT_HW ")");
    cli_add(cmd, "--batch", CLI_STR, &a->batch, "LIST",
            "batch sizes: 1,2,8 or a doubling range 1..64 (default 1..64)");
    cli_add(cmd, "--batch-list", CLI_STR, &a->batch, "LIST", "same as --batch");
    cli_add(cmd, "--seq", CLI_STR, &a->seq, "LIST",
            "sequence lengths, as --batch (default 128..8192)");
    cli_add(cmd, "--seq-list", CLI_STR, &a->seq, "LIST", "same as --seq");
    cli_add(cmd, "--series", CLI_STR, &a->series, "LIST",
            "operator classes, each CLASS or CLASS:prefill|decode (default "
            DEFAULT_SERIES "; 'none')");
    cli_add(cmd, "--measured", CLI_STR, &a->measured, "FILE.csv",
            "also draw measured kernels (name,flops,bytes,seconds)");
    cli_add(cmd, "--title", CLI_STR, &a->title, "TEXT", "chart title");
    cli_add(cmd, "--output", CLI_STR, &a->output, "FILE.svg",
            "where to write the SVG (default roofline.svg; - = stdout)")
        ->alias = "-o";
    /* The sizes roof_chart_svg draws (include/roofmodel/plot.h). */
    o = cli_add(cmd, "--width", CLI_U32, &a->width, "PX",
                "width, 320..16384 (default 960)");
    o->min = 320, o->max = 16384;
    o = cli_add(cmd, "--height", CLI_U32, &a->height, "PX",
                "height, 240..16384 (default 640)");
    o->min = 240, o->max = 16384;
    cli_add_workload_opts(cmd, &a->wo);
    cli_add(cmd, "--bound", CLI_FLAG, &a->bound, NULL,
            "place operators on the roof (their bound) instead of at the "
            "performance their expected time implies");
    cli_add(cmd, "--json", CLI_FLAG, &a->json, NULL,
            "print the summary as JSON");
    cli_add(cmd, "--csv", CLI_FLAG, &a->csv, NULL,
            "print every plotted point as CSV");
}

static int prepare(plot_run *r, const cli_cmd *cmd, plot_args *a)
{
    int rc = cli_check_formats(cmd, a->json, a->csv);
    if (rc != CLI_OK)
        return rc;
    if (strcmp(a->output, "-") == 0 && (a->json || a->csv))
        return cli_usage_error("plot", "-o - writes the SVG to stdout: it "
                               "cannot share it with --json or --csv");
    if ((rc = cli_parse_u32_list("plot", "--batch", a->batch, r->batch,
                                 MAX_SWEEP, &r->nbatch)) != CLI_OK
        || (rc = cli_parse_u32_list("plot", "--seq", a->seq, r->seq,
                                    MAX_SWEEP, &r->nseq)) != CLI_OK
        || (rc = parse_series(r, a->series)) != CLI_OK)
        return rc;
    r->bound_points = a->bound;
    if ((rc = setup(r, a->model, a->hw, &a->wo)) != CLI_OK
        || (rc = sweep(r, &a->wo)) != CLI_OK)
        return rc;
    if (a->measured && (rc = load_measured(r, a->measured)) != CLI_OK)
        return rc;
    if (r->ns == 0)
        return cli_usage_error("plot", "nothing to draw: --series none "
                               "without --measured");
    if (a->title)
        snprintf(r->title, sizeof r->title, "%s", a->title);
    axes(r);
    return CLI_OK;
}

int cli_plot_has_opt(const char *word)
{
    plot_args a;
    cli_cmd cmd = {.name = "plot"};
    memset(&a, 0, sizeof a);
    declare(&cmd, &a);
    return cli_has_opt(&cmd, word);
}

int cli_cmd_plot(int argc, char **argv, cli_buf *out)
{
    static plot_run r;
    plot_args a = {DEFAULT_MODEL, DEFAULT_HW, "1..64", "128..8192",
                   DEFAULT_SERIES, NULL, NULL, "roofline.svg", 0, 0, 0, 0,
                   {0}, 0};
    cli_cmd cmd = {
        .name = "plot",
        .usage = "roofmodel plot [--model M] [--hw H] [--batch LIST] "
                 "[--seq LIST] [--series LIST]\n"
                 "                      [--measured FILE.csv] [-o FILE.svg]",
        .about = "Draws a roofline chart: every operator of the chosen "
                 "classes at every batch x sequence\nsetting, placed at its "
                 "operational intensity and the performance the roofline\n"
                 "allows it (init = prefill of seq tokens; ar = one decode "
                 "step with seq tokens cached), at the performance its "
                 "expected (calibrated)\ntime implies; --bound puts them on "
                 "the roof.\nWithout options it draws the "
                 "seed figure: Llama 13B on the A6000 at its 2100 MHz\nmax "
                 "clock (181 TFLOP/s, 768 GB/s), batch 1..64 x seq "
                 "128..8192.  Prints what it drew."};
    cli_buf svg = {0};
    declare(&cmd, &a);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    memset(&r, 0, sizeof r);
    rc = prepare(&r, &cmd, &a);
    if (rc == CLI_OK)
        rc = render(&r, &svg, a.width, a.height);
    if (rc == CLI_OK && strcmp(a.output, "-") == 0)
        cli_buf_mem(out, svg.data, svg.len);
    else if (rc == CLI_OK)
        rc = cli_write_file("plot", a.output, svg.data, svg.len);
    if (rc == CLI_OK && strcmp(a.output, "-") != 0) {
        if (a.json)
            write_json(&r, a.output, out);
        else if (a.csv)
            write_csv(&r, out);
        else
            write_text(&r, a.output, out);
    }
    cli_buf_free(&svg);
    free_run(&r);
    return rc;
}
