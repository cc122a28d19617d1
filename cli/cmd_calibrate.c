/* roofmodel calibrate: fit a calibration profile to measured kernels; and
 * the --calibration FILE option of the commands that report times. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_load_calibration(const char *cmd, const cli_wl *o,
                         const roof_hardware *hw, roof_calibration *out)
{
    if (o->calibration == NULL) {
        int rc = roof_calibration_builtin(hw, out);
        return rc == ROOF_OK ? CLI_OK : cli_lib_error(cmd, hw->name, rc);
    }
    char *text;
    size_t len;
    int rc = cli_read_file(cmd, "--calibration", o->calibration, &text, &len);
    if (rc != CLI_OK)
        return rc;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    rc = roof_calibration_from_json(text, len, out, &err);
    free(text);
    if (rc != ROOF_OK)
        return cli_usage_error(cmd, "--calibration: %s:%u:%u: %s",
                               o->calibration, (unsigned)err.line,
                               (unsigned)err.column,
                               err.message[0] ? err.message
                                              : roof_status_str(rc));
    if (roof_calibration_check_hardware(out, hw) != ROOF_OK)
        return cli_usage_error(cmd, "--calibration: %s describes device "
                               "'%s', not '%s'", o->calibration, out->device,
                               hw->name);
    return CLI_OK;
}

void cli_calibration_json(const roof_calibration *cal, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "{");
    cli_json_key(out, "name", &first), cli_json_str(out, cal->name);
    cli_json_key(out, "device", &first), cli_json_str(out, cal->device);
    cli_json_key(out, "origin", &first);
    cli_json_str(out, roof_calibration_origin_name(cal->origin));
    cli_json_key(out, "source", &first), cli_json_str(out, cal->source);
    cli_json_key(out, "engine", &first), cli_json_str(out, cal->engine);
    cli_json_key(out, "date", &first), cli_json_str(out, cal->date);
    cli_buf_str(out, "}");
}

/* Samples from the kernel CSV reader's files (name, flops, bytes,
 * seconds, or Nsight Compute's export): kinds guessed from the names. */
static int kernels_as_samples(const char *text, size_t len,
                              roof_kernel_sample **samples, uint32_t *n,
                              roof_parse_error *err)
{
    uint32_t count = 0, kept = 0;
    int rc = roof_kernels_from_csv(text, len, NULL, 0, &count, err);
    if (rc != ROOF_E_BUFFER_TOO_SMALL)
        return rc;
    roof_kernel *k = calloc(count, sizeof *k);
    *samples = calloc(count, sizeof **samples);
    rc = k == NULL || *samples == NULL
             ? ROOF_E_RANGE
             : roof_kernels_from_csv(text, len, k, count, &count, err);
    for (uint32_t i = 0; rc == ROOF_OK && i < count; i++) {
        /* a kernel with no DRAM bytes has no place in the fit: skipped */
        if (roof_kernel_sample_from_kernel(&k[i], ROOF_FP16,
                                           &(*samples)[kept]) == ROOF_OK)
            kept++;
    }
    free(k);
    *n = kept;
    return rc;
}

static int read_samples(const char *cmd, const char *path,
                        roof_kernel_sample **samples, uint32_t *n)
{
    char *text;
    size_t len;
    int rc = cli_read_file(cmd, "FILE", path, &text, &len);
    if (rc != CLI_OK)
        return rc;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    rc = roof_kernel_samples_from_csv(text, len, NULL, 0, n, &err);
    if (rc == ROOF_E_MISSING) { /* no kind column: a kernel CSV? */
        roof_parse_error err2;
        memset(&err2, 0, sizeof err2);
        const int rc2 = kernels_as_samples(text, len, samples, n, &err2);
        if (rc2 == ROOF_OK)
            rc = ROOF_OK; /* else the samples reader's error says most */
        free(text);
        text = NULL;
    }
    if (rc == ROOF_E_BUFFER_TOO_SMALL && text != NULL) {
        *samples = calloc(*n, sizeof **samples);
        rc = *samples == NULL ? ROOF_E_RANGE
                              : roof_kernel_samples_from_csv(
                                    text, len, *samples, *n, n, &err);
    }
    free(text);
    if (rc == ROOF_OK && *n == 0)
        return cli_usage_error(cmd, "%s: no samples", path);
    if (rc != ROOF_OK)
        return cli_usage_error(cmd, "%s:%u:%u: %s", path, (unsigned)err.line,
                               (unsigned)err.column,
                               err.message[0] ? err.message
                                              : roof_status_str(rc));
    return CLI_OK;
}

/* The coefficients and their errors; a scored profile (nothing fitted)
 * lists only the kinds that have samples. */
static void report_text(const roof_calibration *cal, const roof_fit_report *r,
                        int scored, cli_buf *out)
{
    cli_buf_fmt(out, "%s: %u samples, median |error| %.1f%%, p90 %.1f%%\n",
                cal->device, (unsigned)r->samples, 100.0 * r->median_error,
                100.0 * r->p90_error);
    cli_buf_str(out, "kind          n  floor_us  compute  memory  row_GB/s "
                     " masked  med|err|  p90|err|  below_bound\n");
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        const roof_kernel_coef *c = &cal->kind[k];
        const roof_fit_quality *q = &r->kind[k];
        if (scored && q->samples == 0)
            continue;
        cli_buf_fmt(out, "%-12s %5u %8.3f %8.3f %7.3f %9.2f %7.3f %8.1f%% "
                    "%8.1f%% %8.1f%%%s\n", roof_kernel_kind_name(k),
                    (unsigned)q->samples, c->floor_seconds * 1e6,
                    c->compute_fraction, c->memory_fraction,
                    c->row_bytes_per_s * 1e-9, c->masked_fraction,
                    100.0 * q->median_error, 100.0 * q->p90_error,
                    100.0 * q->below_bound,
                    q->fitted || scored ? "" : "  (not fitted)");
    }
}

static int write_profile(const char *cmd, const char *path,
                         const roof_calibration *cal)
{
    char buf[8192];
    size_t len;
    int rc = roof_calibration_to_json(cal, buf, sizeof buf, &len);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd, "cannot write the profile", rc);
    return cli_write_file(cmd, path, buf, len);
}

static int fit(const char *cmd, const roof_hardware *hw,
               const roof_kernel_sample *s, uint32_t n, roof_calibration *cal,
               roof_fit_report *rep)
{
    roof_calibration start;
    memset(rep, 0, sizeof *rep);
    int rc = roof_calibration_builtin(hw, &start);
    double *ws = calloc(ROOF_FIT_WORKSPACE(n), sizeof *ws);
    if (rc == ROOF_OK)
        rc = ws == NULL ? ROOF_E_RANGE
                        : roof_calibration_fit(s, n, hw, &start, ws,
                                               ROOF_FIT_WORKSPACE(n), cal, rep);
    free(ws);
    if (rc == ROOF_E_DEGENERATE)
        return cli_usage_error(cmd, "the samples of kind '%s' cannot "
                               "determine its coefficients (fewer than 8, "
                               "or their bound times span less than 4x)",
                               roof_kernel_kind_name(rep->bad_kind));
    if (rc != ROOF_OK)
        return cli_lib_error(cmd, "cannot fit these samples", rc);
    memcpy(cal->name, cal->device, sizeof cal->name);
    size_t at = strlen(cal->name);
    if (at + sizeof "-fitted" <= sizeof cal->name)
        memcpy(cal->name + at, "-fitted", sizeof "-fitted");
    return CLI_OK;
}

/* calibrate --score: the quality of a given profile on the samples. */
static int score_profile(const char *cmd, const roof_hardware *hw,
                         const char *path, const roof_kernel_sample *s,
                         uint32_t n, roof_calibration *cal,
                         roof_fit_report *rep)
{
    cli_wl wo;
    memset(&wo, 0, sizeof wo);
    memset(rep, 0, sizeof *rep);
    wo.calibration = path;
    int rc = cli_load_calibration(cmd, &wo, hw, cal);
    if (rc != CLI_OK)
        return rc;
    double *ws = calloc(ROOF_FIT_WORKSPACE(n), sizeof *ws);
    rc = ws == NULL ? ROOF_E_RANGE
                    : roof_calibration_score(s, n, hw, cal, ws,
                                             ROOF_FIT_WORKSPACE(n), rep);
    free(ws);
    return rc == ROOF_OK ? CLI_OK : cli_lib_error(cmd, "cannot score", rc);
}

/* calibrate --builtin: the built-in profile as JSON, to stdout or -o. */
static int builtin(const char *cmd, const char *hw_name, const char *output,
                   uint32_t npos, cli_buf *out)
{
    roof_hardware hw;
    roof_calibration cal;
    char buf[8192];
    size_t len;
    if (npos != 0)
        return cli_usage_error(cmd, "--builtin takes no samples file");
    int rc = cli_load_hw(cmd, "--hw", hw_name, &hw);
    if (rc != CLI_OK)
        return rc;
    if ((rc = roof_calibration_builtin(&hw, &cal)) != ROOF_OK
        || (rc = roof_calibration_to_json(&cal, buf, sizeof buf, &len))
               != ROOF_OK)
        return cli_lib_error(cmd, hw.name, rc);
    if (output != NULL)
        return cli_write_file(cmd, output, buf, len);
    cli_buf_mem(out, buf, len);
    return CLI_OK;
}

int cli_cmd_calibrate(int argc, char **argv, cli_buf *out)
{
    cli_cmd cmd = {
        .name = "calibrate",
        .usage = "roofmodel calibrate --hw H FILE.csv [-o PROFILE.json]\n"
                 "       roofmodel calibrate --hw H --builtin [-o PROFILE.json]",
        .about = "Fits the time model's coefficients (docs/calibration.md) "
                 "to measured kernels:\na CSV with columns kind, flops, "
                 "bytes, seconds (and optionally precision, rows,\n"
                 "masked_extra, launches), or a file label reads (name, "
                 "flops, bytes, seconds, or\nNsight Compute's export), each "
                 "kernel's kind then guessed from its name.  Prints each coefficient with its "
                 "fit quality;\n-o writes the profile, for --calibration.  "
                 "--builtin prints (or writes) the device's\nbuilt-in profile "
                 "instead, a starting point to edit.",
        .pos_min = 0, .pos_max = 1};
    const char *hw_name = NULL, *output = NULL, *score = NULL;
    int show_builtin = 0;
    cli_add(&cmd, "--hw", CLI_STR, &hw_name, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "-o", CLI_STR, &output, "FILE", "write the profile here");
    cli_add(&cmd, "--builtin", CLI_FLAG, &show_builtin, NULL,
            "the device's built-in profile, no fit");
    cli_add(&cmd, "--score", CLI_STR, &score, "PROFILE.json",
            "no fit: how well this profile predicts the samples");
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    roof_hardware hw;
    if (show_builtin)
        return builtin(cmd.name, hw_name, output, cmd.npos, out);
    if (cmd.npos != 1)
        return cli_usage_error(cmd.name, "give one samples file, or --builtin");
    const char *path = cmd.pos[0];
    roof_kernel_sample *samples = NULL;
    uint32_t n = 0;
    roof_calibration cal;
    roof_fit_report rep;
    if ((rc = cli_load_hw(cmd.name, "--hw", hw_name, &hw)) == CLI_OK
        && (rc = read_samples(cmd.name, path, &samples, &n)) == CLI_OK
        && (rc = score != NULL
                     ? score_profile(cmd.name, &hw, score, samples, n, &cal,
                                     &rep)
                     : fit(cmd.name, &hw, samples, n, &cal, &rep))
               == CLI_OK) {
        report_text(&cal, &rep, score != NULL, out);
        if (output != NULL)
            rc = write_profile(cmd.name, output, &cal);
    }
    free(samples);
    return rc;
}
