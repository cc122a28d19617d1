/* Hardware descriptors: validation, the built-in table, lookup, clocks. */
#include "hardware_table-priv.h"

#include <stdio.h>
#include <string.h>

/* Validation runs on every hot-path call (roof_ops, roof_step): the checks
 * are combined with & so that they compile to compares, not branches. */
static int strings_ok(const roof_hardware *hw)
{
    return roof__has_nul(hw->name, sizeof hw->name)
         & roof__has_nul(hw->label, sizeof hw->label)
         & roof__has_nul(hw->vendor, sizeof hw->vendor)
         & roof__has_nul(hw->arch, sizeof hw->arch)
         & roof__has_nul(hw->source, sizeof hw->source);
}

static int reserved_zero(const roof_hardware *hw)
{
    int zero = 1;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(hw->reserved); i++)
        zero &= hw->reserved[i] == 0.0; /* NaN fails too */
    return zero;
}

/* A number the library divides by: in [1e-30, 1e30] (NaN fails). */
static int divisor_ok(double x)
{
    return (x >= ROOF__MIN_DIVISOR) & (x <= ROOF_MAX_VALUE);
}

/* An optional divisor: 0 (absent, unknown) or a usable one. */
static int optional_ok(double x)
{
    return (x == 0.0) | divisor_ok(x);
}

/* The clock a precision's peak runs at. */
static double clock_of(const roof_hardware *hw, size_t precision)
{
    int vector = precision == ROOF_FP64 || precision == ROOF_FP32;
    return vector && hw->vector_clock_hz > 0.0 ? hw->vector_clock_hz
                                               : hw->clock_hz;
}

/* A per-clock rate: 0, or one whose peak the library can divide by, so
 * that every peak, ceiling and time of a valid device is a number. */
static int rate_ok(const roof_hardware *hw, double rate, size_t precision)
{
    double peak = (double)hw->units * rate * clock_of(hw, precision);
    return roof__is_nonneg(rate) & ((rate == 0.0) | divisor_ok(peak));
}

/* An FP16-accumulate rate: 0, or at least the FP32-accumulate rate of
 * the same precision (which must exist) with a usable peak.  ROOF_OK,
 * ROOF_E_RANGE or ROOF_E_INVALID. */
static int acc16_status(const roof_hardware *hw, double acc16,
                        uint32_t precision)
{
    if (!rate_ok(hw, acc16, precision))
        return ROOF_E_RANGE;
    double wide = hw->flops_per_clock_per_unit[precision];
    return acc16 == 0.0 || (wide > 0.0 && acc16 >= wide) ? ROOF_OK
                                                         : ROOF_E_INVALID;
}

/* ROOF_OK, ROOF_E_RANGE for a bad rate or peak, ROOF_E_INVALID when no
 * rate or a bad FP16-accumulate rate.  Runs after numbers_ok: units and
 * clocks are valid. */
static int rates_status(const roof_hardware *hw)
{
    int ok = 1, any = 0;
    for (size_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        double r = hw->flops_per_clock_per_unit[p];
        ok &= rate_ok(hw, r, p);
        any |= r > 0.0;
    }
    if (!ok)
        return ROOF_E_RANGE;
    if (!any)
        return ROOF_E_INVALID;
    int rc = acc16_status(hw, hw->fp16_acc16_flops_per_clock_per_unit,
                          ROOF_FP16);
    if (rc != ROOF_OK)
        return rc;
    return acc16_status(hw, hw->fp8_acc16_flops_per_clock_per_unit, ROOF_FP8);
}

static int numbers_ok(const roof_hardware *hw)
{
    return (hw->units > 0) & roof__is_pos(hw->clock_hz)
         & roof__is_nonneg(hw->vector_clock_hz)
         & roof__is_pos(hw->memory_bytes)
         & divisor_ok(hw->dram_bytes_per_s)
         & roof__is_nonneg(hw->l2_bytes)
         & optional_ok(hw->interconnect_bytes_per_s)
         & optional_ok(hw->scaleout_bytes_per_s);
}

int roof_hardware_validate(const roof_hardware *hw)
{
    if (hw == NULL)
        return ROOF_E_NULL;
    if (!(strings_ok(hw) & reserved_zero(hw)))
        return ROOF_E_INVALID;
    if (!numbers_ok(hw))
        return ROOF_E_RANGE;
    return rates_status(hw);
}

uint32_t roof_hardware_count(void)
{
    return roof__hw_table_count;
}

int roof_hardware_get(uint32_t index, roof_hardware *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    if (index >= roof__hw_table_count)
        return ROOF_E_RANGE;
    *out = roof__hw_table[index].hw;
    return ROOF_OK;
}

const char *roof_hardware_alias(uint32_t index, uint32_t k)
{
    if (index >= roof__hw_table_count || k >= ROOF__HW_ALIASES_MAX)
        return NULL;
    return roof__hw_table[index].aliases[k];
}

static int entry_matches(const roof__hw_entry *e, const char *name)
{
    if (roof__name_eq(e->hw.name, name))
        return 1;
    for (size_t k = 0; k < ROOF__HW_ALIASES_MAX && e->aliases[k]; k++) {
        if (roof__name_eq(e->aliases[k], name))
            return 1;
    }
    return 0;
}

static const roof__hw_entry *lookup(const char *name)
{
    for (uint32_t i = 0; i < roof__hw_table_count; i++) {
        if (entry_matches(&roof__hw_table[i], name))
            return &roof__hw_table[i];
    }
    return NULL;
}

/* "2100" or "1410.5" (MHz) -> Hz; 0 when malformed.  Parsed by hand: strtod
 * would follow the locale's decimal point.  Below 1e9 MHz, with up to 15
 * significant digits as roof_hardware_at_clock writes them: the digits are
 * an exact integer, and the divisor and 1e6 are powers of ten whose ratio
 * is exact, so the one multiplication or division rounds once. */
static double parse_mhz(const char *s)
{
    double digits_value = 0.0, divisor = 1.0;
    int digits = 0, point = 0;
    for (; *s; s++) {
        if (*s == '.' && !point) {
            point = 1;
        } else if (*s >= '0' && *s <= '9') {
            if (++digits > 15 || (!point && digits > 9))
                return 0.0;
            if (point)
                divisor *= 10.0;
            digits_value = digits_value * 10.0 + (*s - '0');
        } else {
            return 0.0;
        }
    }
    return divisor > 1e6 ? digits_value / (divisor / 1e6)
                         : digits_value * (1e6 / divisor);
}

int roof_hardware_find(const char *name, roof_hardware *out)
{
    if (name == NULL || out == NULL)
        return ROOF_E_NULL;
    const char *at = strchr(name, '@');
    if (at == NULL) {
        const roof__hw_entry *e = lookup(name);
        if (e == NULL)
            return ROOF_E_NOT_FOUND;
        *out = e->hw;
        return ROOF_OK;
    }
    char base[2 * ROOF_HW_NAME_MAX];
    size_t n = (size_t)(at - name);
    if (n >= sizeof base)
        return ROOF_E_NOT_FOUND;
    memcpy(base, name, n);
    base[n] = '\0';
    const roof__hw_entry *e = lookup(base);
    if (e == NULL)
        return ROOF_E_NOT_FOUND;
    double hz = parse_mhz(at + 1);
    if (!(hz > 0.0))
        return ROOF_E_RANGE;
    return roof_hardware_at_clock(&e->hw, hz, out);
}

int roof_hardware_suggest(const char *name, const char **names, uint32_t cap,
                          uint32_t *count)
{
    if (name == NULL || count == NULL || (names == NULL && cap > 0))
        return ROOF_E_NULL;
    const char *all[64];
    uint32_t n = 0;
    for (uint32_t i = 0; i < roof__hw_table_count && n < 64; i++)
        all[n++] = roof__hw_table[i].hw.name;
    *count = cap > 0 ? roof__suggest(name, all, n, names, cap) : 0;
    return ROOF_OK;
}

/* Appends "@<MHz>" to name and " @ <MHz> MHz" to label (replacing an
 * earlier suffix) where they fit, so the result says its clock and
 * roof_hardware_find(name) gives it back. */
static void rename_at_clock(roof_hardware *hw, double clock_hz)
{
    char mhz[32], tmp[ROOF_HW_NAME_MAX + 32];
    roof__fmt_double(mhz, sizeof mhz, clock_hz / 1e6, 15);
    char *at = strchr(hw->name, '@');
    size_t keep = at != NULL ? (size_t)(at - hw->name) : strlen(hw->name);
    int n = snprintf(tmp, sizeof tmp, "%.*s@%s", (int)keep, hw->name, mhz);
    /* Where the new suffix does not fit, an old one would name the wrong
     * clock: drop it. */
    if (n > 0 && (size_t)n < sizeof hw->name)
        memcpy(hw->name, tmp, (size_t)n + 1);
    else if (at != NULL)
        *at = '\0';
    char *sfx = strstr(hw->label, " @ ");
    keep = sfx != NULL ? (size_t)(sfx - hw->label) : strlen(hw->label);
    n = snprintf(tmp, sizeof tmp, "%.*s @ %s MHz", (int)keep, hw->label, mhz);
    if (n > 0 && (size_t)n < sizeof hw->label)
        memcpy(hw->label, tmp, (size_t)n + 1);
    else if (sfx != NULL)
        *sfx = '\0';
}

int roof_hardware_at_clock(const roof_hardware *hw, double clock_hz,
                           roof_hardware *out)
{
    if (hw == NULL || out == NULL)
        return ROOF_E_NULL;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    if (!roof__is_pos(clock_hz))
        return ROOF_E_RANGE;
    roof_hardware r = *hw;
    r.clock_hz = clock_hz;
    r.vector_clock_hz = 0.0; /* locked: every pipe at clock_hz */
    rename_at_clock(&r, clock_hz);
    /* A clock at which some peak is no usable number (1e30 Hz) is
     * refused, as roof_hardware_validate would refuse the result. */
    rc = roof_hardware_validate(&r);
    if (rc != ROOF_OK)
        return rc;
    *out = r;
    return ROOF_OK;
}

/* The rate a precision's roof uses: the FP16-accumulate one where it is
 * set (validation made it the faster), else the FP32-accumulate one. */
static double roof_rate(const roof_hardware *hw, uint32_t precision,
                        uint32_t *accumulate)
{
    double acc16 = precision == ROOF_FP16
                       ? hw->fp16_acc16_flops_per_clock_per_unit
                       : precision == ROOF_FP8
                             ? hw->fp8_acc16_flops_per_clock_per_unit
                             : 0.0;
    *accumulate = acc16 > 0.0 ? ROOF_ACC_FP16 : ROOF_ACC_WIDE;
    return acc16 > 0.0 ? acc16 : hw->flops_per_clock_per_unit[precision];
}

/* Peak without validation, for callers that validated hw already (which
 * guarantees a peak in [1e-30, 1e30]): ROOF_OK or ROOF_E_UNSUPPORTED. */
int roof__hardware_peak(const roof_hardware *hw, uint32_t precision,
                        double *flops_per_s)
{
    uint32_t acc;
    double rate = roof_rate(hw, precision, &acc);
    if (rate == 0.0)
        return ROOF_E_UNSUPPORTED;
    *flops_per_s = (double)hw->units * rate * clock_of(hw, precision);
    return ROOF_OK;
}

int roof__hardware_peak_wide(const roof_hardware *hw, uint32_t precision,
                             double *flops_per_s)
{
    const double rate = hw->flops_per_clock_per_unit[precision];
    if (rate == 0.0)
        return ROOF_E_UNSUPPORTED;
    *flops_per_s = (double)hw->units * rate * clock_of(hw, precision);
    return ROOF_OK;
}

int roof_hardware_roof_rate(const roof_hardware *hw, uint32_t precision,
                            double *flops_per_clock_per_unit,
                            uint32_t *accumulate)
{
    if (hw == NULL || flops_per_clock_per_unit == NULL || accumulate == NULL)
        return ROOF_E_NULL;
    if (precision >= ROOF_PRECISION_COUNT)
        return ROOF_E_INVALID;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    uint32_t acc;
    double rate = roof_rate(hw, precision, &acc);
    if (rate == 0.0)
        return ROOF_E_UNSUPPORTED;
    *flops_per_clock_per_unit = rate;
    *accumulate = acc;
    return ROOF_OK;
}

int roof_hardware_peak_flops_per_s(const roof_hardware *hw,
                                   uint32_t precision, double *flops_per_s)
{
    if (hw == NULL || flops_per_s == NULL)
        return ROOF_E_NULL;
    if (precision >= ROOF_PRECISION_COUNT)
        return ROOF_E_INVALID;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    return roof__hardware_peak(hw, precision, flops_per_s);
}
