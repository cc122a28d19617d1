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
        return cli_lib_error(cmd.name, "cannot classify this kernel", rc);
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

static int read_kernels(const char *cmd, const char *path, roof_kernel **ks,
                        uint32_t *n)
{
    char *text;
    size_t len;
    uint32_t need = 0;
    roof_parse_error err;
    int rc = cli_read_file(cmd, "kernels", path, &text, &len);
    if (rc != CLI_OK)
        return rc;
    memset(&err, 0, sizeof err);
    *ks = NULL;
    *n = 0;
    rc = roof_kernels_from_csv(text, len, NULL, 0, &need, &err);
    if (rc == ROOF_E_BUFFER_TOO_SMALL) {
        *ks = cli_xrealloc(NULL, (need ? need : 1) * sizeof **ks);
        rc = roof_kernels_from_csv(text, len, *ks, need, n, &err);
    }
    free(text);
    if (rc == ROOF_OK)
        return CLI_OK;
    free(*ks);
    *ks = NULL;
    if (err.line == 0)
        return cli_usage_error(cmd, "%s: %s", path,
                               err.message[0] ? err.message
                                              : roof_status_str(rc));
    return cli_usage_error(cmd, "%s:%u:%u: %s", path, (unsigned)err.line,
                           (unsigned)err.column,
                           err.message[0] ? err.message : roof_status_str(rc));
}

static void label_row(cli_table *t, const roof_kernel *k,
                      const roof_measured *m)
{
    char a[CLI_NUM_MAX], name[ROOF_KERNEL_NAME_MAX];
    /* A quoted CSV field may hold a line break: keep the table's rows. */
    for (size_t i = 0; i < sizeof name; i++) {
        unsigned char c = (unsigned char)k->name[i];
        name[i] = (char)(c != '\0' && c < 0x20 ? ' ' : c);
        if (c == '\0')
            break;
    }
    name[sizeof name - 1] = '\0';
    cli_table_cell(t, "%s", name);
    cli_table_cell(t, "%s", cli_si(a, k->flops, "FLOP"));
    cli_table_cell(t, "%s", cli_si(a, k->bytes, "B"));
    cli_table_cell(t, "%s", cli_time(a, k->seconds));
    cli_table_cell(t, "%s", cli_g3(a, m->roof.flops_per_byte));
    cli_table_cell(t, "%s", roof_bound_name(m->bound));
    cli_table_cell(t, "%s", cli_si(a, m->achieved_flops_per_s, "FLOP/s"));
    cli_table_cell(t, "%s", cli_si(a, m->roof.attainable_flops_per_s,
                                   "FLOP/s"));
    cli_table_cell(t, "%.1f%%", 100.0 * m->efficiency);
}

static void label_csv_row(cli_buf *out, const roof_kernel *k,
                          const roof_measured *m)
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
    cli_buf_str(out, "\n");
}

static void label_write(const device *d, const roof_kernel *ks,
                        const roof_measured *ms, uint32_t n, int json,
                        int csv, cli_buf *out)
{
    static const char *const head[] = {"kernel", "FLOPs", "bytes", "time",
                                       "FLOP/B", "bound", "achieved",
                                       "attainable", "efficiency"};
    static const int left[] = {1, 0, 0, 0, 0, 1, 0, 0, 0};
    uint32_t mem = 0;
    cli_table t;
    int first = 1;
    if (csv)
        cli_buf_str(out, "name,flops,bytes,seconds,flops_per_byte,bound,"
                         "achieved_flops_per_s,attainable_flops_per_s,"
                         "efficiency,compute_fraction,memory_fraction,"
                         "roofline_seconds\n");
    if (json) {
        cli_buf_str(out, "{");
        device_json(d, out, &first);
        cli_buf_str(out, ",\n  \"kernels\": [\n");
    }
    cli_table_init(&t, 9, head, left);
    for (uint32_t i = 0; i < n; i++) {
        mem += ms[i].bound == ROOF_BOUND_MEMORY;
        if (csv) {
            label_csv_row(out, &ks[i], &ms[i]);
        } else if (json) {
            first = 1;
            cli_buf_str(out, "    {");
            cli_json_key(out, "name", &first), cli_json_str(out, ks[i].name);
            roof_json(&ms[i].roof, out, &first);
            measured_json(&ms[i], out, &first);
            cli_buf_str(out, i + 1 < n ? "},\n" : "}\n");
        } else {
            label_row(&t, &ks[i], &ms[i]);
        }
    }
    if (json)
        cli_buf_str(out, "  ]\n}\n");
    if (!json && !csv) {
        device_line(d, out);
        cli_table_print(&t, out, "  ");
        cli_buf_fmt(out, "%u kernel(s): %u memory-bound, %u compute-bound\n",
                    (unsigned)n, (unsigned)mem, (unsigned)(n - mem));
    }
    cli_table_free(&t);
}

/* Evaluates every kernel, keeping in place those with a place on the
 * roofline; a kernel that moved no DRAM bytes (it ran from cache) or took
 * no time is named in *skipped instead.  Returns how many were kept. */
static uint32_t evaluate(const device *d, roof_kernel *ks, roof_measured *ms,
                         uint32_t n, cli_buf *skipped)
{
    uint32_t kept = 0;
    if (ks == NULL)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        if (roof_measured_eval(&d->ceil, ks[i].flops, ks[i].bytes,
                               ks[i].seconds, &ms[kept]) != ROOF_OK) {
            cli_buf_fmt(skipped, " '%s'", ks[i].name);
            continue;
        }
        ks[kept++] = ks[i];
    }
    return kept;
}

int cli_cmd_label(int argc, char **argv, cli_buf *out)
{
    cli_cmd cmd = {
        .name = "label",
        .usage = "roofmodel label --hw H [--precision P] FILE.csv "
                 "[--json|--csv]",
        .about = "Labels measured kernels memory- or compute-bound and gives "
                 "their efficiency\n(achieved / attainable FLOP/s).  FILE.csv "
                 "has a header naming the columns name,\nflops, bytes and "
                 "seconds (others ignored), or is Nsight Compute's "
                 "'--csv --page raw'\nexport.  '-' reads standard input.",
        .pos_min = 1, .pos_max = 1};
    const char *hw = NULL, *prec = NULL;
    int json = 0, csv = 0;
    device d;
    roof_kernel *ks = NULL;
    roof_measured *ms = NULL;
    cli_buf skipped = {0};
    uint32_t n = 0;
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--precision", CLI_STR, &prec, "P",
            "precision of the compute roof (default fp16)");
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK
        || (rc = load_device(cmd.name, hw, prec, &d)) != CLI_OK
        || (rc = read_kernels(cmd.name, cmd.pos[0], &ks, &n)) != CLI_OK)
        return rc;
    ms = cli_xrealloc(NULL, (n + 1) * sizeof *ms);
    n = evaluate(&d, ks, ms, n, &skipped);
    label_write(&d, ks, ms, n, json, csv, out);
    for (size_t i = 0; i < skipped.len; i++)
        if ((unsigned char)skipped.data[i] < 0x20)
            skipped.data[i] = ' ';
    if (skipped.len > 0)
        fprintf(stderr, "roofmodel label: skipped (no DRAM bytes or no time, "
                "no place on a roofline):%s\n", skipped.data);
    cli_buf_free(&skipped);
    free(ks);
    free(ms);
    return rc;
}
