/* roofmodel hw list | hw show NAME|FILE.json */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int peak_of(const roof_hardware *hw, uint32_t p, double *peak)
{
    return roof_hardware_peak_flops_per_s(hw, p, peak) == ROOF_OK;
}

/* The ridge point as the library computes it (never here: a division of
 * our own printed inf for a tiny bandwidth); 0 when it has none. */
static int ridge_of(const roof_hardware *hw, uint32_t p, double *ridge)
{
    roof_ceiling c;
    return roof_ceiling_from_hardware(hw, p, NULL, &c) == ROOF_OK
           && roof_ridge_flops_per_byte(&c, ridge) == ROOF_OK;
}

static void list_json(const roof_hardware *hw, cli_buf *out)
{
    int first = 1, pfirst = 1;
    double peak;
    cli_buf_str(out, "  {");
    cli_json_key(out, "name", &first), cli_json_str(out, hw->name);
    cli_json_key(out, "label", &first), cli_json_str(out, hw->label);
    cli_json_key(out, "vendor", &first), cli_json_str(out, hw->vendor);
    cli_json_key(out, "arch", &first), cli_json_str(out, hw->arch);
    cli_json_key(out, "units", &first), cli_json_num(out, hw->units);
    cli_json_key(out, "clock_hz", &first), cli_json_num(out, hw->clock_hz);
    cli_json_key(out, "memory_bytes", &first);
    cli_json_num(out, hw->memory_bytes);
    cli_json_key(out, "dram_bytes_per_s", &first);
    cli_json_num(out, hw->dram_bytes_per_s);
    cli_json_key(out, "interconnect_bytes_per_s", &first);
    cli_json_num(out, hw->interconnect_bytes_per_s);
    cli_json_key(out, "scaleup_domain", &first);
    cli_json_num(out, hw->scaleup_domain);
    cli_json_key(out, "scaleout_bytes_per_s", &first);
    cli_json_num(out, hw->scaleout_bytes_per_s);
    cli_json_key(out, "peak_flops_per_s", &first);
    cli_buf_str(out, "{");
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        if (peak_of(hw, p, &peak)) {
            cli_json_key(out, roof_precision_name(p), &pfirst);
            cli_json_num(out, peak);
        }
    }
    cli_buf_str(out, "}}");
}

static void list_csv(const roof_hardware *hw, cli_buf *out)
{
    double peak;
    cli_csv_str(out, hw->name), cli_buf_str(out, ",");
    cli_csv_str(out, hw->label), cli_buf_str(out, ",");
    cli_csv_str(out, hw->vendor), cli_buf_str(out, ",");
    cli_csv_str(out, hw->arch), cli_buf_str(out, ",");
    cli_csv_num(out, hw->units), cli_buf_str(out, ",");
    cli_csv_num(out, hw->clock_hz), cli_buf_str(out, ",");
    cli_csv_num(out, hw->memory_bytes), cli_buf_str(out, ",");
    cli_csv_num(out, hw->dram_bytes_per_s), cli_buf_str(out, ",");
    cli_csv_num(out, hw->interconnect_bytes_per_s);
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        cli_buf_str(out, ",");
        cli_csv_num(out, peak_of(hw, p, &peak) ? peak : 0.0);
    }
    cli_buf_str(out, "\n");
}

static void list_row(const roof_hardware *hw, cli_table *t)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    double peak, ridge;
    /* TPUs have bf16 and no fp16: show the 16-bit matmul rate they have. */
    uint32_t p16 = peak_of(hw, ROOF_FP16, &peak) ? ROOF_FP16 : ROOF_BF16;
    int has = peak_of(hw, p16, &peak) && ridge_of(hw, p16, &ridge);
    cli_table_cell(t, "%s", hw->name);
    cli_table_cell(t, "%s", hw->label);
    cli_table_cell(t, "%s", hw->arch);
    cli_table_cell(t, "%s", cli_si(a, hw->clock_hz, "Hz"));
    cli_table_cell(t, "%s", has ? cli_si(b, peak, "FLOP/s") : "-");
    cli_table_cell(t, "%s", cli_si(c, hw->dram_bytes_per_s, "B/s"));
    cli_table_cell(t, "%s", cli_si(a, hw->memory_bytes, "B"));
    cli_table_cell(t, "%s", has ? cli_g3(b, ridge) : "-");
}

static int hw_list(int argc, char **argv, cli_buf *out)
{
    static const char *const head[] = {"name", "label", "arch", "clock",
                                       "16-bit peak", "DRAM", "memory",
                                       "ridge FLOP/B"};
    static const int left[] = {1, 1, 1, 0, 0, 0, 0, 0};
    cli_cmd cmd = {.name = "hw list", .usage = "roofmodel hw list [--json|--csv]",
                   .about = "Lists the built-in devices.  Peaks are dense; "
                            "16-bit is the fp16 tensor-core roof (FP32 "
                            "accumulation, FP16 where a GeForce part runs it "
                            "faster;\nbf16 where there is no fp16).\nNAME@MHZ asks for a device at "
                            "another clock (a6000@2100)."};
    int json = 0, csv = 0;
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK)
        return rc;
    uint32_t n = roof_hardware_count();
    cli_table t;
    cli_table_init(&t, 8, head, left);
    if (json)
        cli_buf_str(out, "[\n");
    if (csv) {
        cli_buf_str(out, "name,label,vendor,arch,units,clock_hz,memory_bytes,"
                         "dram_bytes_per_s,interconnect_bytes_per_s");
        for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++)
            cli_buf_fmt(out, ",peak_%s_flops_per_s", roof_precision_name(p));
        cli_buf_str(out, "\n");
    }
    for (uint32_t i = 0; i < n; i++) {
        roof_hardware hw;
        if (roof_hardware_get(i, &hw) != ROOF_OK)
            continue;
        if (json) {
            list_json(&hw, out);
            cli_buf_str(out, i + 1 < n ? ",\n" : "\n");
        } else if (csv) {
            list_csv(&hw, out);
        } else {
            list_row(&hw, &t);
        }
    }
    if (json)
        cli_buf_str(out, "]\n");
    if (!json && !csv)
        cli_table_print(&t, out, "");
    cli_table_free(&t);
    return CLI_OK;
}

static void show_text(const roof_hardware *hw, cli_buf *out)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    static const char *const head[] = {"precision", "FLOP/clock/unit", "peak",
                                       "ridge FLOP/B"};
    cli_table t;
    cli_table_init(&t, 4, head, NULL);
    cli_buf_fmt(out, "%s: %s (%s %s)\n", hw->name, hw->label, hw->vendor,
                hw->arch);
    cli_buf_fmt(out, "  %u units at %s", (unsigned)hw->units,
                cli_si(a, hw->clock_hz, "Hz"));
    if (hw->vector_clock_hz > 0 && hw->vector_clock_hz != hw->clock_hz)
        cli_buf_fmt(out, " (FP32/FP64 at %s)",
                    cli_si(a, hw->vector_clock_hz, "Hz"));
    cli_buf_fmt(out, "\n  memory %s, DRAM %s", cli_si(a, hw->memory_bytes, "B"),
                cli_si(b, hw->dram_bytes_per_s, "B/s"));
    if (hw->l2_bytes > 0)
        cli_buf_fmt(out, ", L2 %s", cli_si(c, hw->l2_bytes, "B"));
    if (hw->interconnect_bytes_per_s > 0)
        cli_buf_fmt(out, ", interconnect %s per direction",
                    cli_si(c, hw->interconnect_bytes_per_s, "B/s"));
    if (hw->scaleup_domain > 0)
        cli_buf_fmt(out, "\n  scale-up domain %u devices",
                    (unsigned)hw->scaleup_domain);
    if (hw->scaleout_bytes_per_s > 0)
        cli_buf_fmt(out, "%s scale-out %s per direction",
                    hw->scaleup_domain > 0 ? "," : "\n ",
                    cli_si(c, hw->scaleout_bytes_per_s, "B/s"));
    cli_buf_fmt(out, "\n  source: %s\n\n", hw->source[0] ? hw->source : "-");
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        double peak, ridge;
        if (!peak_of(hw, p, &peak) || !ridge_of(hw, p, &ridge))
            continue;
        double rate;
        uint32_t acc;
        if (roof_hardware_roof_rate(hw, p, &rate, &acc) != ROOF_OK)
            continue;
        cli_table_cell(&t, "%s", roof_precision_name(p));
        cli_table_cell(&t, acc == ROOF_ACC_FP16 ? "%.10g (FP16 accumulate)"
                                                : "%.10g", rate);
        cli_table_cell(&t, "%s", cli_si(b, peak, "FLOP/s"));
        cli_table_cell(&t, "%s", cli_g3(c, ridge));
    }
    cli_table_print(&t, out, "  ");
    cli_table_free(&t);
}

static void show_csv(const roof_hardware *hw, cli_buf *out)
{
    cli_buf_str(out, "precision,flops_per_clock_per_unit,peak_flops_per_s,"
                     "ridge_flops_per_byte\n");
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        double peak, ridge;
        if (!peak_of(hw, p, &peak) || !ridge_of(hw, p, &ridge))
            continue;
        cli_buf_fmt(out, "%s,", roof_precision_name(p));
        cli_csv_num(out, hw->flops_per_clock_per_unit[p]);
        cli_buf_str(out, ",");
        cli_csv_num(out, peak);
        cli_buf_str(out, ",");
        cli_csv_num(out, ridge);
        cli_buf_str(out, "\n");
    }
}

static int hw_json(const void *hw, char *buf, size_t cap, size_t *len)
{
    return roof_hardware_to_json(hw, buf, cap, len);
}

static int show_json(const roof_hardware *hw, cli_buf *out)
{
    return cli_write_all("hw show", "the device as JSON", hw_json, hw, out);
}

static int hw_show(int argc, char **argv, cli_buf *out)
{
    cli_cmd cmd = {.name = "hw show",
                   .usage = "roofmodel hw show NAME|FILE.json [--json|--csv]",
                   .about = "Shows one device: its figures, their source, "
                            "and the peak and ridge point of every precision "
                            "it supports.\n--json writes a hardware file that "
                            "reads back to the identical descriptor; edit it "
                            "to describe\nyour own device and give its path "
                            "wherever a device name is taken.",
                   .pos_min = 1, .pos_max = 1};
    int json = 0, csv = 0;
    roof_hardware hw;
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK
        || (rc = cli_load_hw(cmd.name, "device", cmd.pos[0], &hw)) != CLI_OK)
        return rc;
    if (json)
        return show_json(&hw, out);
    if (csv)
        show_csv(&hw, out);
    else
        show_text(&hw, out);
    return CLI_OK;
}

int cli_cmd_hw(int argc, char **argv, cli_buf *out)
{
    static const char usage[] =
        "usage: roofmodel hw list [--json|--csv]\n"
        "       roofmodel hw show NAME|FILE.json [--json|--csv]\n";
    if (argc >= 1 && strcmp(argv[0], "list") == 0)
        return hw_list(argc - 1, argv + 1, out);
    if (argc >= 1 && strcmp(argv[0], "show") == 0)
        return hw_show(argc - 1, argv + 1, out);
    if (argc >= 1 && (strcmp(argv[0], "--help") == 0
                      || strcmp(argv[0], "-h") == 0)) {
        cli_buf_str(out, usage);
        return CLI_OK;
    }
    return cli_usage_error("hw", "expected 'list' or 'show' (see 'roofmodel "
                           "hw --help')");
}
