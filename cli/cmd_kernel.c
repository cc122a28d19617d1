/* roofmodel classify (one kernel) and roofmodel label (a CSV of measured
 * kernels): roofline verdicts for profilers. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct device {
    roof_hardware hw;
    uint32_t precision;
    roof_ceiling ceil;
    double ridge;
} device;

static int load_device(const char *cmd, const char *hw, const char *prec,
                       device *d)
{
    int rc = cli_load_hw(cmd, "--hw", hw, &d->hw);
    if (rc == CLI_OK)
        rc = cli_precision(cmd, "--precision", prec ? prec : "fp16", &d->hw,
                           &d->precision);
    if (rc != CLI_OK)
        return rc;
    rc = roof_ceiling_from_hardware(&d->hw, d->precision, NULL, &d->ceil);
    if (rc == ROOF_OK)
        rc = roof_ridge_flops_per_byte(&d->ceil, &d->ridge);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd, d->hw.name, rc);
    return CLI_OK;
}

static void device_line(const device *d, cli_buf *out)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    cli_buf_fmt(out, "%s (%s): %s %s, %s, ridge %s FLOP/B\n", d->hw.name,
                d->hw.label, cli_si(a, d->ceil.peak_flops_per_s, "FLOP/s"),
                roof_precision_name(d->precision),
                cli_si(b, d->ceil.bytes_per_s, "B/s"), cli_g3(c, d->ridge));
}

static void device_json(const device *d, cli_buf *out, int *first)
{
    cli_json_key(out, "hardware", first), cli_json_str(out, d->hw.name);
    cli_json_key(out, "precision", first);
    cli_json_str(out, roof_precision_name(d->precision));
    cli_json_key(out, "peak_flops_per_s", first);
    cli_json_num(out, d->ceil.peak_flops_per_s);
    cli_json_key(out, "bytes_per_s", first);
    cli_json_num(out, d->ceil.bytes_per_s);
    cli_json_key(out, "ridge_flops_per_byte", first);
    cli_json_num(out, d->ridge);
}

static void roof_json(const roof_roofline *v, cli_buf *out, int *first)
{
    cli_json_key(out, "flops", first), cli_json_num(out, v->flops);
    cli_json_key(out, "bytes", first), cli_json_num(out, v->bytes);
    cli_json_key(out, "flops_per_byte", first);
    cli_json_num(out, v->flops_per_byte);
    cli_json_key(out, "bound", first), cli_json_str(out, roof_bound_name(v->bound));
    cli_json_key(out, "attainable_flops_per_s", first);
    cli_json_num(out, v->attainable_flops_per_s);
    cli_json_key(out, "roofline_seconds", first), cli_json_num(out, v->seconds);
    cli_json_key(out, "compute_seconds", first);
    cli_json_num(out, v->compute_seconds);
    cli_json_key(out, "memory_seconds", first);
    cli_json_num(out, v->memory_seconds);
}

static void measured_json(const roof_measured *m, cli_buf *out, int *first)
{
    cli_json_key(out, "seconds", first), cli_json_num(out, m->seconds);
    cli_json_key(out, "achieved_flops_per_s", first);
    cli_json_num(out, m->achieved_flops_per_s);
    cli_json_key(out, "achieved_bytes_per_s", first);
    cli_json_num(out, m->achieved_bytes_per_s);
    cli_json_key(out, "efficiency", first), cli_json_num(out, m->efficiency);
    cli_json_key(out, "compute_fraction", first);
    cli_json_num(out, m->compute_fraction);
    cli_json_key(out, "memory_fraction", first);
    cli_json_num(out, m->memory_fraction);
}

static void classify_text(const device *d, const roof_roofline *v,
                          const roof_measured *m, cli_buf *out)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    double x = v->flops_per_byte / d->ridge;
    device_line(d, out);
    cli_buf_fmt(out, "  intensity   %s FLOP/B (%s, %s)\n",
                cli_g3(a, v->flops_per_byte), cli_si(b, v->flops, "FLOP"),
                cli_si(c, v->bytes, "B"));
    cli_buf_fmt(out, "  bound       %s (%sx the ridge point)\n",
                roof_bound_name(v->bound), cli_g3(a, x));
    cli_buf_fmt(out, "  attainable  %s\n",
                cli_si(a, v->attainable_flops_per_s, "FLOP/s"));
    cli_buf_fmt(out, "  time        at least %s (compute %s, memory %s)\n",
                cli_time(a, v->seconds), cli_time(b, v->compute_seconds),
                cli_time(c, v->memory_seconds));
    if (m == NULL)
        return;
    cli_buf_fmt(out, "  measured    %s: %s, %s\n", cli_time(a, m->seconds),
                cli_si(b, m->achieved_flops_per_s, "FLOP/s"),
                cli_si(c, m->achieved_bytes_per_s, "B/s"));
    cli_buf_fmt(out, "  efficiency  %.1f%% of the roofline (%.1f%% of peak "
                "FLOP/s, %.1f%% of DRAM bandwidth)\n", 100.0 * m->efficiency,
                100.0 * m->compute_fraction, 100.0 * m->memory_fraction);
}

/* The library refused the kernel: the flag whose value, set to a plain 1,
 * lets it answer is the one at fault. */
static int classify_blame(const cli_cmd *cmd, const device *d, double flops,
                          double bytes, double seconds, int rc)
{
    static const char *const flag[3] = {"--flops", "--bytes", "--seconds"};
    char num[CLI_NUM_MAX];
    for (int i = 0; i < 3; i++) {
        double x[3] = {flops, bytes, seconds};
        roof_roofline v;
        roof_measured m;
        if (x[i] == 1.0 || (i == 2 && seconds == 0.0))
            continue;
        x[i] = 1.0;
        int again = roof_roofline_eval(&d->ceil, x[0], x[1], &v);
        if (again == ROOF_OK && seconds > 0)
            again = roof_measured_eval(&d->ceil, x[0], x[1], x[2], &m);
        if (again == ROOF_OK)
            return cli_usage_error(cmd->name, "%s: %s gives an intensity "
                                   "or a rate beyond what the library "
                                   "represents (%s)", flag[i],
                                   cli_exact(num, i == 0   ? flops
                                                  : i == 1 ? bytes
                                                           : seconds),
                                   roof_status_str(rc));
    }
    return cli_lib_error(cmd->name, "cannot classify this kernel", rc);
}

int cli_cmd_classify(int argc, char **argv, cli_buf *out)
{
    cli_cmd cmd = {
        .name = "classify",
        .usage = "roofmodel classify --hw H --flops F --bytes B [--seconds T] "
                 "[--precision P] [--json]",
        .about = "One kernel's roofline verdict: its operational intensity, "
                 "whether memory or compute\nbounds it, the performance and "
                 "time the roofline allows.  With --seconds (measured),\n"
                 "also its achieved FLOP/s and efficiency.  --flops may be 0 "
                 "(a copy kernel)."};
    const char *hw = NULL, *prec = NULL;
    double flops = 0, bytes = 0, seconds = 0;
    int json = 0;
    device d;
    roof_roofline v;
    roof_measured m;
    memset(&v, 0, sizeof v);
    memset(&m, 0, sizeof m);
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--flops", CLI_NONNEG, &flops, "F",
            "floating-point operations (FMA = 2)")->required = 1;
    cli_add(&cmd, "--bytes", CLI_POS, &bytes, "B",
            "bytes moved to and from DRAM")->required = 1;
    cli_add(&cmd, "--seconds", CLI_POS, &seconds, "T", "measured time");
    cli_add(&cmd, "--precision", CLI_STR, &prec, "P",
            "precision of the compute roof (default fp16)");
    cli_add_formats(&cmd, &json, NULL);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = load_device(cmd.name, hw, prec, &d)) != CLI_OK)
        return rc;
    rc = roof_roofline_eval(&d.ceil, flops, bytes, &v);
    if (rc == ROOF_OK && seconds > 0)
        rc = roof_measured_eval(&d.ceil, flops, bytes, seconds, &m);
    if (rc != ROOF_OK)
        return classify_blame(&cmd, &d, flops, bytes, seconds, rc);
    if (!json) {
        classify_text(&d, &v, seconds > 0 ? &m : NULL, out);
        return CLI_OK;
    }
    int first = 1;
    cli_buf_str(out, "{");
    device_json(&d, out, &first);
    roof_json(&v, out, &first);
    if (seconds > 0)
        measured_json(&m, out, &first);
    cli_buf_str(out, "}\n");
    return CLI_OK;
}

/* ---- label ---- */

/* label streams: the library checks the whole file, then hands over the
 * kernels one at a time; each is written as it comes (the text table
 * takes one pass more, to measure its columns), so memory holds the file
 * and a bounded output buffer whatever the number of kernels. */

#define LABEL_COLS 11
#define LABEL_SKIP_NAMES 8 /* skipped kernels named on stderr; then counted */

static const char *const label_head[LABEL_COLS] = {
    "kernel", "FLOPs", "bytes", "time", "FLOP/B", "bound", "achieved",
    "attainable", "efficiency", "expected", "of expected"};
static const int label_left[LABEL_COLS] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};

/* A kernel's expected time: its kind (given, or guessed from its name)
 * priced by the calibration profile. */
typedef struct expect {
    uint32_t kind;
    double seconds;
    double efficiency; /* expected / measured: 1 = as the model expects */
} expect;

typedef struct label_run {
    const device *d;
    const roof_calibration *cal;
    int kind;                   /* --kind, or -1: guess from the name */
    int json, csv;
    int measuring;              /* text: the pass that sizes the columns */
    size_t w[LABEL_COLS];
    uint32_t kept, mem, skipped;
    cli_buf skipped_names;
    cli_buf *out;
    int failed;                 /* standard output could not be written */
} label_run;

/* The text cells of one kernel, in cells[LABEL_COLS][CLI_NUM_MAX]; the
 * name with control characters (a quoted CSV field's line break) blanked,
 * so the table keeps its rows. */
static void label_cells(const roof_kernel *k, const roof_measured *m,
                        const expect *x,
                        char cells[LABEL_COLS][ROOF_KERNEL_NAME_MAX])
{
    for (size_t i = 0; i < ROOF_KERNEL_NAME_MAX; i++) {
        unsigned char c = (unsigned char)k->name[i];
        cells[0][i] = (char)(c != '\0' && c < 0x20 ? ' ' : c);
        if (c == '\0')
            break;
    }
    cells[0][ROOF_KERNEL_NAME_MAX - 1] = '\0';
    cli_si(cells[1], k->flops, "FLOP");
    cli_si(cells[2], k->bytes, "B");
    cli_time(cells[3], k->seconds);
    cli_g3(cells[4], m->roof.flops_per_byte);
    snprintf(cells[5], CLI_NUM_MAX, "%s", roof_bound_name(m->bound));
    cli_si(cells[6], m->achieved_flops_per_s, "FLOP/s");
    cli_si(cells[7], m->roof.attainable_flops_per_s, "FLOP/s");
    snprintf(cells[8], CLI_NUM_MAX, "%.1f%%", 100.0 * m->efficiency);
    cli_time(cells[9], x->seconds);
    snprintf(cells[10], CLI_NUM_MAX, "%.1f%%", 100.0 * x->efficiency);
}

static void label_text_row(label_run *r, const roof_kernel *k,
                           const roof_measured *m, const expect *x)
{
    char cells[LABEL_COLS][ROOF_KERNEL_NAME_MAX];
    const char *row[LABEL_COLS];
    label_cells(k, m, x, cells);
    for (size_t c = 0; c < LABEL_COLS; c++)
        row[c] = cells[c];
    if (r->measuring)
        cli_row_measure(LABEL_COLS, row, r->w);
    else
        cli_row_print(r->out, "  ", LABEL_COLS, label_left, row, r->w);
}

static void label_csv_row(cli_buf *out, const roof_kernel *k,
                          const roof_measured *m, const expect *x)
{
    const double v[] = {k->flops, k->bytes, k->seconds,
                        m->roof.flops_per_byte};
    const double w[] = {m->achieved_flops_per_s,
                        m->roof.attainable_flops_per_s, m->efficiency,
                        m->compute_fraction, m->memory_fraction,
                        m->roof.seconds};
    cli_csv_str(out, k->name);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        cli_buf_str(out, ","), cli_csv_num(out, v[i]);
    cli_buf_fmt(out, ",%s", roof_bound_name(m->bound));
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        cli_buf_str(out, ","), cli_csv_num(out, w[i]);
    cli_buf_fmt(out, ",%s,", roof_kernel_kind_name(x->kind));
    cli_csv_num(out, x->seconds);
    cli_buf_str(out, ",");
    cli_csv_num(out, x->efficiency);
    cli_buf_str(out, "\n");
}

static void label_json_row(label_run *r, const roof_kernel *k,
                           const roof_measured *m, const expect *x)
{
    int first = 1;
    cli_buf_str(r->out, r->kept > 0 ? ",\n    {" : "    {");
    cli_json_key(r->out, "name", &first), cli_json_str(r->out, k->name);
    roof_json(&m->roof, r->out, &first);
    measured_json(m, r->out, &first);
    cli_json_key(r->out, "kind", &first);
    cli_json_str(r->out, roof_kernel_kind_name(x->kind));
    cli_json_key(r->out, "expected_seconds", &first);
    cli_json_num(r->out, x->seconds);
    cli_json_key(r->out, "expected_efficiency", &first);
    cli_json_num(r->out, x->efficiency);
    cli_buf_str(r->out, "}");
}

/* A kernel that moved no DRAM bytes (it ran from cache) has no place on a
 * roofline: counted, and the first few named, on the first pass only. */
static void label_skip(label_run *r, const roof_kernel *k)
{
    if (r->skipped < LABEL_SKIP_NAMES)
        cli_buf_fmt(&r->skipped_names, " '%s'", k->name);
    if (r->skipped < UINT32_MAX)
        r->skipped++;
}

/* The expected time of a kernel already placed on its roofline (its
 * terms at the device's unscaled roofs; comm kernels over the link). */
static int label_expect(const label_run *r, const roof_kernel *k,
                        const roof_measured *m, expect *x)
{
    roof_kernel_terms t;
    memset(&t, 0, sizeof t);
    if (r->kind >= 0)
        x->kind = (uint32_t)r->kind;
    else
        (void)roof_kernel_kind_guess(k->name, &x->kind);
    const double link = r->d->hw.interconnect_bytes_per_s;
    t.kind = x->kind;
    t.compute_seconds = m->roof.compute_seconds;
    t.memory_seconds = x->kind == ROOF_KERNEL_COMM && link > 0.0
                           ? k->bytes / link : m->roof.memory_seconds;
    t.launches = 1.0;
    int rc = roof_kernel_expected_seconds(r->cal, &t, &x->seconds);
    x->efficiency = rc == ROOF_OK ? x->seconds / k->seconds : 0.0;
    return rc == ROOF_OK && x->seconds > 0.0;
}

/* roof_kernel_fn: one kernel, evaluated and written (or measured). */
static int label_one(void *ctx, const roof_kernel *k)
{
    label_run *r = ctx;
    roof_measured m;
    expect x;
    if (roof_measured_eval(&r->d->ceil, k->flops, k->bytes, k->seconds, &m)
            != ROOF_OK
        || !label_expect(r, k, &m, &x)) {
        if (r->measuring || r->json || r->csv)
            label_skip(r, k);
        return 0;
    }
    if (r->csv)
        label_csv_row(r->out, k, &m, &x);
    else if (r->json)
        label_json_row(r, k, &m, &x);
    else
        label_text_row(r, k, &m, &x);
    r->kept++;
    r->mem += m.bound == ROOF_BOUND_MEMORY;
    if (!r->measuring && cli_buf_drain(r->out, 0) != CLI_OK) {
        r->failed = 1;
        return 1;
    }
    return 0;
}

/* One visit of the file's kernels; the library has checked the whole
 * file before the first call, so a parse error leaves stdout empty. */
static int label_visit(const char *cmd, const char *path, const char *text,
                       size_t len, label_run *r)
{
    uint32_t n = 0;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    r->kept = r->mem = 0;
    int rc = roof_kernels_visit_csv(text, len, label_one, r, &n, &err);
    if (rc == ROOF_OK)
        return CLI_OK;
    if (r->failed)
        return cli_fail(cmd, "cannot write to standard output");
    if (err.line == 0)
        return cli_usage_error(cmd, "%s: %s", path,
                               err.message[0] ? err.message
                                              : roof_status_str(rc));
    return cli_usage_error(cmd, "%s:%u:%u: %s", path, (unsigned)err.line,
                           (unsigned)err.column,
                           err.message[0] ? err.message : roof_status_str(rc));
}

static int label_stream(const char *cmd, const char *path, const char *text,
                        size_t len, label_run *r)
{
    int first = 1, rc;
    if (!r->json && !r->csv) {
        r->measuring = 1;
        for (size_t c = 0; c < LABEL_COLS; c++)
            r->w[c] = 0;
        cli_row_measure(LABEL_COLS, label_head, r->w);
        if ((rc = label_visit(cmd, path, text, len, r)) != CLI_OK)
            return rc;
        r->measuring = 0;
        device_line(r->d, r->out);
        cli_row_print(r->out, "  ", LABEL_COLS, label_left, label_head, r->w);
    } else if (r->csv) {
        cli_buf_str(r->out, "name,flops,bytes,seconds,flops_per_byte,bound,"
                            "achieved_flops_per_s,attainable_flops_per_s,"
                            "efficiency,compute_fraction,memory_fraction,"
                            "roofline_seconds,kind,expected_seconds,"
                            "expected_efficiency\n");
    } else {
        cli_buf_str(r->out, "{");
        device_json(r->d, r->out, &first);
        cli_buf_str(r->out, ",\n  \"kernels\": [\n");
    }
    if ((rc = label_visit(cmd, path, text, len, r)) != CLI_OK)
        return rc;
    if (r->json)
        cli_buf_str(r->out, r->kept > 0 ? "\n  ]\n}\n" : "  ]\n}\n");
    if (!r->json && !r->csv)
        cli_buf_fmt(r->out, "%u kernel(s): %u memory-bound, %u compute-bound\n",
                    (unsigned)r->kept, (unsigned)r->mem,
                    (unsigned)(r->kept - r->mem));
    return CLI_OK;
}

static void label_skipped_line(label_run *r)
{
    cli_buf *b = &r->skipped_names;
    if (r->skipped == 0)
        return;
    for (size_t i = 0; i < b->len; i++)
        if ((unsigned char)b->data[i] < 0x20)
            b->data[i] = ' ';
    fprintf(stderr, "roofmodel label: skipped %u kernel(s) with no DRAM "
            "bytes (no place on a roofline):%s", (unsigned)r->skipped,
            b->data);
    if (r->skipped > LABEL_SKIP_NAMES)
        fprintf(stderr, " and %u more",
                (unsigned)(r->skipped - LABEL_SKIP_NAMES));
    fputs("\n", stderr);
}

int cli_cmd_label(int argc, char **argv, cli_buf *out)
{
    cli_cmd cmd = {
        .name = "label",
        .usage = "roofmodel label --hw H [--precision P] [--kind K] "
                 "[--calibration P.json] FILE.csv [--json|--csv]",
        .about = "Labels measured kernels memory- or compute-bound and gives "
                 "their efficiency\n(achieved / attainable FLOP/s).  FILE.csv "
                 "has a header naming the columns name,\nflops, bytes and "
                 "seconds (others ignored), or is Nsight Compute's "
                 "'--csv --page raw'\nexport.  '-' reads standard input.  "
                 "Each kernel also gets its expected time (the\ncalibrated "
                 "model of its kind: --kind, else guessed from its name) and "
                 "expected / measured.",
        .pos_min = 1, .pos_max = 1};
    const char *hw = NULL, *prec = NULL, *kind = NULL;
    int json = 0, csv = 0;
    device d;
    roof_calibration cal;
    cli_wl wo;
    memset(&wo, 0, sizeof wo);
    label_run r;
    char *text = NULL;
    size_t len = 0;
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--precision", CLI_STR, &prec, "P",
            "precision of the compute roof (default fp16)");
    cli_add(&cmd, "--kind", CLI_STR, &kind, "K",
            "kernel kind of every row for the expected time: gemm, "
            "attn_prefill, norm, ... (default: guessed from each name)");
    cli_add(&cmd, "--calibration", CLI_STR, &wo.calibration, "FILE",
            "calibration profile (.json) for the expected times (default: "
            "the device's built-in one)");
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK
        || (rc = load_device(cmd.name, hw, prec, &d)) != CLI_OK
        || (rc = cli_load_calibration(cmd.name, &wo, &d.hw, &cal)) != CLI_OK)
        return rc;
    uint32_t k = 0;
    if (kind != NULL && roof_kernel_kind_from_name(kind, &k) != ROOF_OK)
        return cli_usage_error(cmd.name, "--kind: unknown kernel kind '%s' "
                               "(gemm, attn_prefill, attn_decode, norm, rope, "
                               "act, add, embed, softmax, comm)", kind);
    if ((rc = cli_read_file(cmd.name, "kernels", cmd.pos[0], &text, &len))
        != CLI_OK)
        return rc;
    memset(&r, 0, sizeof r);
    r.d = &d, r.json = json, r.csv = csv, r.out = out;
    r.cal = &cal, r.kind = kind != NULL ? (int)k : -1;
    rc = label_stream(cmd.name, cmd.pos[0], text, len, &r);
    free(text);
    if (rc == CLI_OK)
        label_skipped_line(&r);
    cli_buf_free(&r.skipped_names);
    return rc;
}
