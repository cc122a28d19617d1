/* Calibration profiles: validation, the kernel time model, built-ins.
 * docs/calibration.md derives the model and lists every coefficient's
 * source; lib/calibration_table.c holds the built-in profiles. */
#include "calibration-priv.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[] = {
    [ROOF_KERNEL_GEMM] = "gemm",
    [ROOF_KERNEL_ATTN_PREFILL] = "attn_prefill",
    [ROOF_KERNEL_ATTN_DECODE] = "attn_decode",
    [ROOF_KERNEL_NORM] = "norm",
    [ROOF_KERNEL_ROPE] = "rope",
    [ROOF_KERNEL_ACT] = "act",
    [ROOF_KERNEL_ADD] = "add",
    [ROOF_KERNEL_EMBED] = "embed",
    [ROOF_KERNEL_SOFTMAX] = "softmax",
    [ROOF_KERNEL_COMM] = "comm",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(kind_names) == ROOF_KERNEL_KIND_COUNT,
                    kind_names_cover_every_kind);

static const char *const origin_names[] = {
    [ROOF_CAL_FITTED] = "fitted",
    [ROOF_CAL_DERIVED] = "derived",
    [ROOF_CAL_GENERIC] = "generic",
};

const char *roof_kernel_kind_name(uint32_t kind)
{
    return kind < ROOF_KERNEL_KIND_COUNT ? kind_names[kind] : NULL;
}

int roof_kernel_kind_from_name(const char *name, uint32_t *kind)
{
    if (name == NULL || kind == NULL)
        return ROOF_E_NULL;
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        if (roof__name_eq(name, kind_names[k])) {
            *kind = k;
            return ROOF_OK;
        }
    }
    return ROOF_E_NOT_FOUND;
}

/* s in lower case (ASCII) into buf[cap], cut to fit: the keywords are
 * looked for in it with strstr, one pass each. */
static void lower(const char *s, char *buf, size_t cap)
{
    size_t i = 0;
    for (; i + 1 < cap && s[i] != '\0'; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A')
                                                   : s[i]);
    buf[i] = '\0';
}

/* Keywords in the order they are tried: the first that occurs wins. */
static const struct {
    const char *word;
    uint32_t kind;
} kind_words[] = {
    {"allreduce", ROOF_KERNEL_COMM},     {"all_reduce", ROOF_KERNEL_COMM},
    {"nccl", ROOF_KERNEL_COMM},          {"softmax", ROOF_KERNEL_SOFTMAX},
    {"norm", ROOF_KERNEL_NORM},          {"rope", ROOF_KERNEL_ROPE},
    {"rotary", ROOF_KERNEL_ROPE},        {"silu", ROOF_KERNEL_ACT},
    {"gelu", ROOF_KERNEL_ACT},           {"act", ROOF_KERNEL_ACT},
    {"residual", ROOF_KERNEL_ADD},       {"add", ROOF_KERNEL_ADD},
    {"emb", ROOF_KERNEL_EMBED},          {"gather", ROOF_KERNEL_EMBED},
};

int roof_kernel_kind_guess(const char *name, uint32_t *kind)
{
    if (name == NULL || kind == NULL)
        return ROOF_E_NULL;
    char low[256];
    lower(name, low, sizeof low);
    if (strstr(low, "attn") != NULL || strstr(low, "flash") != NULL
        || strstr(low, "attention") != NULL) {
        *kind = strstr(low, "decode") != NULL ? ROOF_KERNEL_ATTN_DECODE
                                               : ROOF_KERNEL_ATTN_PREFILL;
        return ROOF_OK;
    }
    *kind = ROOF_KERNEL_GEMM;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(kind_words); i++) {
        if (strstr(low, kind_words[i].word) != NULL) {
            *kind = kind_words[i].kind;
            break;
        }
    }
    return ROOF_OK;
}

const char *roof_calibration_origin_name(uint32_t origin)
{
    return origin < ROOF_ARRAY_LEN(origin_names) ? origin_names[origin]
                                                 : NULL;
}

/* 0 or a fraction in [ROOF__CAL_MIN_FRACTION, ROOF__CAL_MAX_FRACTION]. */
static int compute_fraction_ok(double f)
{
    return f == 0.0 || (f >= ROOF__CAL_MIN_FRACTION && f <= 1.0);
}

static int coef_ok(const roof_kernel_coef *c)
{
    int ok = c->reserved[0] == 0.0 && c->reserved[1] == 0.0
             && c->reserved[2] == 0.0;
    ok &= c->floor_seconds >= 0.0 && c->floor_seconds <= 1.0;
    ok &= compute_fraction_ok(c->compute_fraction);
    ok &= c->memory_fraction >= ROOF__CAL_MIN_FRACTION
          && c->memory_fraction <= ROOF__CAL_MAX_FRACTION;
    ok &= c->row_bytes_per_s == 0.0
          || (c->row_bytes_per_s >= 1e3 && c->row_bytes_per_s <= 1e15);
    ok &= c->masked_fraction >= 0.0 && c->masked_fraction <= 1.0;
    return ok; /* NaN fails every compare above */
}

static int strings_ok(const roof_calibration *cal)
{
    return roof__has_nul(cal->name, sizeof cal->name)
           && roof__has_nul(cal->device, sizeof cal->device)
           && roof__has_nul(cal->source, sizeof cal->source)
           && roof__has_nul(cal->engine, sizeof cal->engine)
           && roof__has_nul(cal->date, sizeof cal->date);
}

int roof_calibration_validate(const roof_calibration *cal)
{
    if (cal == NULL)
        return ROOF_E_NULL;
    double reserved = 0.0;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(cal->reserved); i++)
        reserved += fabs(cal->reserved[i]);
    if (!strings_ok(cal) || cal->origin > ROOF_CAL_GENERIC
        || cal->reserved0 != 0 || reserved != 0.0)
        return ROOF_E_INVALID;
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        if (!coef_ok(&cal->kind[k]))
            return ROOF_E_RANGE;
    }
    if (!(cal->step_overhead_seconds >= 0.0
          && cal->step_overhead_seconds <= 1.0))
        return ROOF_E_RANGE;
    return ROOF_OK;
}

/* Length of a device name without its "@MHz" clock suffix. */
static size_t base_len(const char *name, size_t cap)
{
    size_t n = 0;
    while (n < cap && name[n] != '\0' && name[n] != '@')
        n++;
    return n;
}

static int same_device(const char *a, size_t cap_a, const char *b,
                       size_t cap_b)
{
    const size_t na = base_len(a, cap_a), nb = base_len(b, cap_b);
    return na == nb && memcmp(a, b, na) == 0;
}

int roof_calibration_check_hardware(const roof_calibration *cal,
                                    const roof_hardware *hw)
{
    if (cal == NULL || hw == NULL)
        return ROOF_E_NULL;
    if (cal->device[0] == '\0'
        || same_device(cal->device, sizeof cal->device, hw->name,
                       sizeof hw->name))
        return ROOF_OK;
    return ROOF_E_MISMATCH;
}

int roof_calibration_builtin(const roof_hardware *hw, roof_calibration *out)
{
    if (hw == NULL || out == NULL)
        return ROOF_E_NULL;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    *out = *roof__calibration_for(hw);
    return ROOF_OK;
}

double *roof__coef_at(roof_kernel_coef *c, int i)
{
    switch (i) {
    case 0: return &c->floor_seconds;
    case 1: return &c->compute_fraction;
    case 2: return &c->memory_fraction;
    case 3: return &c->row_bytes_per_s;
    default: return &c->masked_fraction;
    }
}

void roof__kernel_prepare(const roof_kernel_coef *c, double peak_flops_per_s,
                          double bytes_per_s, roof__kernel_time *out)
{
    out->floor = c->floor_seconds;
    out->inv_compute = c->compute_fraction > 0.0
                           ? 1.0 / (peak_flops_per_s * c->compute_fraction)
                           : 0.0;
    out->inv_memory = 1.0 / (bytes_per_s * c->memory_fraction);
    out->inv_row = c->row_bytes_per_s > 0.0 ? 1.0 / c->row_bytes_per_s
                                            : 0.0;
    out->masked = c->masked_fraction;
}

static int terms_ok(const roof_kernel_terms *t)
{
    return t->reserved0 == 0 && t->reserved[0] == 0.0
           && t->reserved[1] == 0.0 && roof__is_nonneg(t->compute_seconds)
           && roof__is_nonneg(t->memory_seconds)
           && roof__is_nonneg(t->row_bytes)
           && roof__is_nonneg(t->masked_extra) && t->launches >= 1.0
           && t->launches <= ROOF_MAX_VALUE;
}

double roof__kernel_eval(const roof_kernel_coef *c,
                         const roof_kernel_terms *t)
{
    const double tc = c->compute_fraction > 0.0
                          ? t->compute_seconds
                                * (1.0 + c->masked_fraction * t->masked_extra)
                                / c->compute_fraction
                          : 0.0;
    const double tm = t->memory_seconds / c->memory_fraction;
    const double tr = c->row_bytes_per_s > 0.0
                          ? t->row_bytes / c->row_bytes_per_s
                          : 0.0;
    return t->launches * c->floor_seconds + sqrt(tc * tc + tm * tm + tr * tr);
}

int roof_kernel_expected_seconds(const roof_calibration *cal,
                                 const roof_kernel_terms *terms,
                                 double *seconds)
{
    if (cal == NULL || terms == NULL || seconds == NULL)
        return ROOF_E_NULL;
    int rc = roof_calibration_validate(cal);
    if (rc != ROOF_OK)
        return rc;
    if (terms->kind >= ROOF_KERNEL_KIND_COUNT || terms->reserved0 != 0
        || terms->reserved[0] != 0.0 || terms->reserved[1] != 0.0)
        return ROOF_E_INVALID;
    if (!terms_ok(terms))
        return ROOF_E_RANGE;
    const double t = roof__kernel_eval(&cal->kind[terms->kind], terms);
    if (!roof__is_nonneg(t))
        return ROOF_E_RANGE;
    *seconds = t;
    return ROOF_OK;
}
