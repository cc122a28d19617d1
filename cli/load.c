/* Models and devices by name or by file, display names, workload flags. */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A path rather than a name: contains '/' or ends with ".json". */
static int is_path(const char *arg)
{
    size_t n = strlen(arg);
    return strchr(arg, '/') != NULL
           || (n >= 5 && strcmp(arg + n - 5, ".json") == 0);
}

/* "did you mean a, b, c?" or "" into buf. */
static void did_you_mean(const char **names, uint32_t n, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < n && used < cap; i++) {
        int w = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "; did you mean ",
                         names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (n > 0 && used + 1 < cap)
        memcpy(buf + used, "?", 2);
}

/* The reader's message, and `hint` after it (may be ""). */
static int parse_failed_hint(const char *cmd, const char *flag,
                             const char *path, int rc,
                             const roof_parse_error *err, const char *hint)
{
    const char *why = err->message[0] ? err->message : roof_status_str(rc);
    if (err->line == 0)
        return cli_usage_error(cmd, "%s: %s: %s%s", flag, path, why, hint);
    return cli_usage_error(cmd, "%s: %s:%u:%u: %s%s", flag, path,
                           (unsigned)err->line, (unsigned)err->column, why,
                           hint);
}

static int parse_failed(const char *cmd, const char *flag, const char *path,
                        int rc, const roof_parse_error *err)
{
    return parse_failed_hint(cmd, flag, path, rc, err, "");
}

/* The name a config.json's file gives its model: "X" for X.json or
 * X.config.json, else the folder holding config.json ("Llama-2-13b-hf"
 * for ~/models/Llama-2-13b-hf/config.json).  "" when there is none. */
static void name_from_path(const char *path, char *buf, size_t cap)
{
    char dir[4096];
    const char *base = strrchr(path, '/');
    size_t n;
    base = base ? base + 1 : path;
    n = strlen(base);
    if (n >= 5 && strcmp(base + n - 5, ".json") == 0)
        n -= 5;
    if (n >= 7 && strncmp(base + n - 7, ".config", 7) == 0)
        n -= 7;
    buf[0] = '\0';
    if (n > 0 && !(n == 6 && strncmp(base, "config", 6) == 0)) {
        snprintf(buf, cap, "%.*s", (int)n, base);
        return;
    }
    /* The folder: the path's, else the working directory's. */
    if (base > path)
        snprintf(dir, sizeof dir, "%.*s", (int)(base - 1 - path), path);
    if ((base == path || strcmp(dir, ".") == 0)
        && getcwd(dir, sizeof dir) == NULL)
        return;
    while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
        dir[strlen(dir) - 1] = '\0';
    const char *last = strrchr(dir, '/');
    last = last ? last + 1 : dir;
    n = strlen(last);
    if (n < cap && strcmp(last, ".") != 0 && strcmp(last, "..") != 0)
        memcpy(buf, last, n + 1);
}

/* A config.json without "_name_or_path" gets from the library the name of
 * its family ("llama"), which says nothing of which model it is: name it
 * after its file or folder instead, so that tables and a chart's title
 * say which model it is.  A model read as another family keeps saying
 * so: the " (as FAMILY)" the library gave its name follows the new one. */
static void name_generic(const char *path, const char *text, roof_model *m)
{
    char name[sizeof m->name];
    roof_model named = *m;
    if (strstr(text, "\"_name_or_path\"") != NULL)
        return;
    name_from_path(path, name, sizeof name);
    if (name[0] == '\0')
        return;
    const char *as = strstr(m->name, " (as ");
    int n = snprintf(named.name, sizeof named.name, "%s%s", name,
                     as != NULL ? as : "");
    if (n > 0 && (size_t)n < sizeof named.name
        && roof_model_validate(&named) == ROOF_OK)
        *m = named;
}

/* A config.json file, read as itself or (as not NULL) as that family. */
static int load_config(const char *cmd, const char *flag, const char *arg,
                       const char *as, roof_model *m)
{
    char *text;
    size_t len;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    int rc = cli_read_file(cmd, flag, arg, &text, &len);
    if (rc != CLI_OK)
        return rc;
    rc = as != NULL ? roof_model_from_json_as(text, len, as, m, &err)
                    : roof_model_from_json(text, len, m, &err);
    if (rc == ROOF_OK)
        name_generic(arg, text, m);
    free(text);
    if (rc == ROOF_E_NOT_FOUND)
        return cli_usage_error(cmd, "--as: '%s' is no model_type the reader "
                               "knows", as);
    if (rc != ROOF_OK)
        return parse_failed_hint(cmd, flag, arg, rc, &err,
                                 rc == ROOF_E_UNSUPPORTED && as == NULL
                                         && strstr(err.message, "model_type")
                                     ? " (--as FAMILY reads it with a known "
                                       "family's keys: llama, qwen3, ...)"
                                     : "");
    if (as != NULL && strstr(m->name, " (as ") != NULL)
        fprintf(stderr, "roofmodel %s: note: %s: unknown model_type read as "
                "%s (--as)\n", cmd, arg, as);
    return CLI_OK;
}

int cli_load_model_as(const char *cmd, const char *flag, const char *arg,
                      const char *as, roof_model *m)
{
    if (as != NULL && !is_path(arg))
        return cli_usage_error(cmd, "--as applies to a config.json path, "
                               "not the preset '%s'", arg);
    return is_path(arg) ? load_config(cmd, flag, arg, as, m)
                        : cli_load_model(cmd, flag, arg, m);
}

int cli_load_model(const char *cmd, const char *flag, const char *arg,
                   roof_model *m)
{
    if (is_path(arg))
        return load_config(cmd, flag, arg, NULL, m);
    if (roof_model_find(arg, m) == ROOF_OK)
        return CLI_OK;
    const char *names[4];
    uint32_t n = 0;
    char hint[256];
    if (roof_model_suggest(arg, names, 4, &n) != ROOF_OK)
        n = 0;
    did_you_mean(names, n, hint, sizeof hint);
    return cli_usage_error(cmd, "%s: unknown model '%s'%s (list: 'roofmodel "
                           "model list'; or give a config.json path)", flag,
                           arg, hint);
}

int cli_load_hw(const char *cmd, const char *flag, const char *arg,
                roof_hardware *hw)
{
    if (is_path(arg)) {
        char *text;
        size_t len;
        roof_parse_error err;
        memset(&err, 0, sizeof err);
        int rc = cli_read_file(cmd, flag, arg, &text, &len);
        if (rc != CLI_OK)
            return rc;
        rc = roof_hardware_from_json(text, len, hw, &err);
        free(text);
        return rc == ROOF_OK ? CLI_OK : parse_failed(cmd, flag, arg, rc, &err);
    }
    int rc = roof_hardware_find(arg, hw);
    if (rc == ROOF_OK)
        return CLI_OK;
    if (rc == ROOF_E_RANGE)
        return cli_usage_error(cmd, "%s: bad clock in '%s' (NAME@MHZ, e.g. "
                               "a6000@2100)", flag, arg);
    const char *names[4];
    uint32_t n = 0;
    char hint[256];
    if (roof_hardware_suggest(arg, names, 4, &n) != ROOF_OK)
        n = 0;
    did_you_mean(names, n, hint, sizeof hint);
    return cli_usage_error(cmd, "%s: unknown device '%s'%s (list: 'roofmodel "
                           "hw list'; or give a hardware .json path)", flag,
                           arg, hint);
}

int cli_precision(const char *cmd, const char *flag, const char *arg,
                  const roof_hardware *hw, uint32_t *precision)
{
    uint32_t p;
    double peak;
    if (roof_precision_from_name(arg, &p) != ROOF_OK)
        return cli_usage_error(cmd, "%s: unknown precision '%s' (fp64, fp32, "
                               "tf32, fp16, bf16, fp8, int8, int4, fp6, fp4)", flag, arg);
    if (hw && roof_hardware_peak_flops_per_s(hw, p, &peak) != ROOF_OK)
        return cli_usage_error(cmd, "%s: %s has no %s rate", flag, hw->name,
                               roof_precision_name(p));
    *precision = p;
    return CLI_OK;
}

/* A size-like word ("13b", "8x7b", "70m") gets its unit letter upper-cased. */
static int size_word(const char *w, size_t n)
{
    return n >= 2 && isdigit((unsigned char)w[0])
           && strchr("bmkt", tolower((unsigned char)w[n - 1])) != NULL
           && isdigit((unsigned char)w[n - 2]);
}

void cli_model_display(const roof_model *m, char *buf, size_t cap)
{
    size_t used = 0;
    const char *s = m->name;
    buf[0] = '\0';
    while (*s && used + 1 < cap) {
        size_t n = strcspn(s, "-_ ");
        for (size_t i = 0; i < n && used + 2 < cap; i++) {
            char c = s[i];
            if (i == 0)
                c = (char)toupper((unsigned char)c);
            else if (i == n - 1 && size_word(s, n))
                c = (char)toupper((unsigned char)c);
            buf[used++] = c;
        }
        s += n;
        while (*s == '-' || *s == '_' || *s == ' ')
            s++;
        if (*s && used + 2 < cap)
            buf[used++] = ' ';
        buf[used] = '\0';
    }
}

/* The device's label without its vendor and product-line words: "NVIDIA
 * RTX A6000" reads "A6000", as in the seed figure's title. */
void cli_hw_display(const roof_hardware *hw, char *buf, size_t cap)
{
    static const char *const drop[] = {"NVIDIA ", "AMD ", "Google ", "Intel ",
                                       "Apple ", "RTX ", "GeForce ",
                                       "Instinct ", "Tesla "};
    const char *s = hw->label[0] ? hw->label : hw->name;
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
            size_t n = strlen(drop[i]);
            if (strncmp(s, drop[i], n) == 0 && s[n] != '\0') {
                s += n;
                again = 1;
            }
        }
    }
    /* "A6000 @ 2100 MHz (max SM clock)": the clock note is not a name. */
    size_t n = strlen(s);
    const char *at = strstr(s, " @");
    const char *paren = strstr(s, " (");
    if (at && (size_t)(at - s) < n)
        n = (size_t)(at - s);
    if (paren && (size_t)(paren - s) < n)
        n = (size_t)(paren - s);
    snprintf(buf, cap, "%.*s", (int)n, s);
}

void cli_add_workload_opts(cli_cmd *cmd, cli_wl *w)
{
    cli_opt *o;
    w->weight_bits = w->act_bits = w->kv_bits = 16;
    w->group = 0;
    w->scale_bits = 16;
    w->tp = 1;
    w->fused = 0;
    w->precision = NULL;
    w->as = NULL;
    o = cli_add(cmd, "--weight-bits", CLI_U32, &w->weight_bits, "N",
                "bits per weight (default 16)");
    o->min = 1, o->max = 64;
    o = cli_add(cmd, "--act-bits", CLI_U32, &w->act_bits, "N",
                "bits per activation (default 16)");
    o->min = 1, o->max = 64;
    o = cli_add(cmd, "--kv-bits", CLI_U32, &w->kv_bits, "N",
                "bits per KV-cache entry (default 16)");
    o->min = 1, o->max = 64;
    cli_add(cmd, "--group", CLI_U32, &w->group, "N",
            "weights per quantisation scale (default: no scales)");
    o = cli_add(cmd, "--scale-bits", CLI_U32, &w->scale_bits, "N",
                "bits per group: scale + zero point (default 16)");
    o->min = 1, o->max = 64;
    cli_add(cmd, "--fused", CLI_FLAG, &w->fused, NULL,
            "fused attention (FlashAttention) instead of separate kernels");
    cli_add(cmd, "--tp", CLI_U32, &w->tp, "T",
            "tensor-parallel devices per layer (default 1)");
    cli_add(cmd, "--precision", CLI_STR, &w->precision, "P",
            "matmul precision: fp16 (default), bf16, fp8, int8, ...");
    cli_add(cmd, "--as", CLI_STR, &w->as, "FAMILY",
            "read a config.json of an unknown model_type as this family's "
            "(llama, qwen3, ...)");
    w->eff_compute = w->eff_memory = w->eff_comm = 1.0;
    cli_add(cmd, "--compute-eff", CLI_FRACTION, &w->eff_compute, "F",
            "achievable fraction of peak FLOP/s (default 1)");
    cli_add(cmd, "--memory-eff", CLI_FRACTION, &w->eff_memory, "F",
            "achievable fraction of DRAM bandwidth (default 1)");
    cli_add(cmd, "--comm-eff", CLI_FRACTION, &w->eff_comm, "F",
            "achievable fraction of interconnect bandwidth (default 1)");
    w->calibration = NULL;
    cli_add(cmd, "--calibration", CLI_STR, &w->calibration, "FILE",
            "calibration profile (.json) for the expected times (default: "
            "the device's built-in one)");
}

roof_efficiency cli_efficiency(const cli_wl *o)
{
    roof_efficiency e = {.compute = 1.0};
    e.compute = o->eff_compute;
    e.memory = o->eff_memory;
    e.interconnect = o->eff_comm;
    return e;
}

const char *cli_class_name(uint32_t op_class)
{
    const char *s = roof_op_class_name(op_class);
    return s ? s : "?";
}

int cli_phase(const char *cmd, const char *flag, const char *arg, int *decode)
{
    if (strcmp(arg, "prefill") == 0 || strcmp(arg, "init") == 0)
        *decode = 0;
    else if (strcmp(arg, "decode") == 0 || strcmp(arg, "ar") == 0)
        *decode = 1;
    else
        return cli_usage_error(cmd, "%s: expected prefill (init) or decode "
                               "(ar), got '%s'", flag, arg);
    return CLI_OK;
}

int cli_blame_eff(const char *cmd, const cli_wl *o, cli_try_fn try_fn,
                  void *ctx)
{
    static const char *const flag[3] = {"--compute-eff", "--memory-eff",
                                        "--comm-eff"};
    static const char *const roof[3] = {"peak FLOP/s", "DRAM bandwidth",
                                        "interconnect bandwidth"};
    const double v[3] = {o->eff_compute, o->eff_memory, o->eff_comm};
    char num[CLI_NUM_MAX];
    for (int i = 0; i < 3; i++) {
        roof_efficiency e = cli_efficiency(o);
        double *f = i == 0 ? &e.compute : i == 1 ? &e.memory : &e.interconnect;
        if (v[i] == 1.0)
            continue;
        *f = 1.0;
        if (try_fn(ctx, &e) == ROOF_OK)
            return cli_usage_error(cmd, "%s: %s of the device's %s is too "
                                   "small: the times it gives are beyond "
                                   "what the library represents", flag[i],
                                   cli_exact(num, v[i]), roof[i]);
    }
    return 0;
}

int cli_lib_error(const char *cmd, const char *what, int status)
{
    return cli_usage_error(cmd, "%s: %s", what, roof_status_str(status));
}

static int check_tp(const char *cmd, const roof_model *m, uint32_t tp)
{
    if (roof_model_shardable(m, tp) != ROOF_OK)
        return cli_usage_error(cmd, "--tp: %u does not split %s's %u heads "
                               "(%u K/V heads) evenly", (unsigned)tp, m->name,
                               (unsigned)m->heads, (unsigned)m->kv_heads);
    return CLI_OK;
}

/* Every weight format the model sets must run on the device, natively or
 * widened (roof_format_math_precision); else the error names it. */
static int check_formats(const char *cmd, const roof_model *m,
                         const roof_hardware *hw)
{
    static const char *const mod[4] = {"layers'", "experts'", "embedding",
                                       "lm_head"};
    const uint32_t f[4] = {m->format_layers, m->format_experts,
                           m->format_embedding, m->format_lm_head};
    for (uint32_t i = 0; i < 4; i++) {
        uint32_t p = 0, d = 0;
        const char *name = roof_format_name(f[i]);
        if (((m->formats_set >> i) & 1u) == 0 || name == NULL
            || roof_format_math_precision(hw, f[i], &p, &d)
                   != ROOF_E_UNSUPPORTED)
            continue;
        return cli_usage_error(cmd, "%s's %s weights are %s, which %s has "
                               "no rate for, nor for a wider type",
                               m->name, mod[i], name, hw->name);
    }
    return CLI_OK;
}

int cli_workload(const char *cmd, const cli_wl *o,
                 const roof_model *m, const roof_hardware *hw,
                 uint32_t batch, uint32_t new_tokens, uint32_t cached,
                 roof_workload *w)
{
    roof_workload x;
    uint32_t precision = ROOF_FP16;
    int rc;
    if (roof_workload_prefill(batch, new_tokens, &x) != ROOF_OK)
        return cli_usage_error(cmd, "bad batch or sequence length");
    x.cached_tokens = cached;
    x.weight_bits = o->weight_bits;
    x.activation_bits = o->act_bits;
    x.kv_bits = o->kv_bits;
    x.quant_group = o->group;
    x.scale_bits = o->group ? o->scale_bits : 0;
    x.attention = o->fused ? ROOF_ATTN_FUSED : ROOF_ATTN_UNFUSED;
    x.tensor_parallel = o->tp;
    if (o->precision
        && (rc = cli_precision(cmd, "--precision", o->precision, hw,
                               &precision)) != CLI_OK)
        return rc;
    if (!o->precision && (rc = cli_precision(cmd, "--precision", "fp16", hw,
                                             &precision)) != CLI_OK)
        return rc;
    x.precision = precision;
    if ((rc = check_tp(cmd, m, o->tp)) != CLI_OK
        || (rc = check_formats(cmd, m, hw)) != CLI_OK)
        return rc;
    if (o->tp > 1 && !(hw->interconnect_bytes_per_s > 0.0))
        return cli_usage_error(cmd, "--tp: %s has no interconnect between "
                               "devices (interconnect_bytes_per_s is 0), so "
                               "it cannot split a layer over %u devices",
                               hw->name, (unsigned)o->tp);
    rc = roof_workload_validate(&x);
    if (rc != ROOF_OK)
        return cli_usage_error(cmd, "the workload is not valid: %s",
                               roof_status_str(rc));
    *w = x;
    return CLI_OK;
}
