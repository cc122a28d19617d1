/* The roofline model: ceilings, one kernel, measured kernels, hierarchies. */
#include "hardware_table-priv.h"

/* A number the library may divide by: in [1e-30, 1e30].  Written with &
 * so that the hot path compiles to compares without branches; NaN fails
 * both compares. */
static int divisor_ok(double x)
{
    return (x >= ROOF__MIN_DIVISOR) & (x <= ROOF_MAX_VALUE);
}

static int nonneg_ok(double x)
{
    return (x >= 0.0) & (x <= ROOF_MAX_VALUE);
}

/* An optional roof: 0 (absent) or a usable divisor. */
static int optional_ok(double x)
{
    return (x == 0.0) | divisor_ok(x);
}

static int ceiling_ok(const roof_ceiling *c)
{
    return divisor_ok(c->peak_flops_per_s) & divisor_ok(c->bytes_per_s)
        & optional_ok(c->interconnect_bytes_per_s);
}

int roof_ceiling_validate(const roof_ceiling *c)
{
    if (c == NULL)
        return ROOF_E_NULL;
    return ceiling_ok(c) ? ROOF_OK : ROOF_E_RANGE;
}

int roof_ceiling_from_hardware(const roof_hardware *hw, uint32_t precision,
                               const roof_efficiency *eff, roof_ceiling *out)
{
    if (hw == NULL || out == NULL)
        return ROOF_E_NULL;
    if (precision >= ROOF_PRECISION_COUNT)
        return ROOF_E_INVALID;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    static const roof_efficiency ideal = {.compute = 1.0, .memory = 1.0,
                                          .interconnect = 1.0};
    if (eff == NULL)
        eff = &ideal;
    else if (roof_efficiency_validate(eff) != ROOF_OK)
        return ROOF_E_RANGE;
    double peak;
    rc = roof__hardware_peak(hw, precision, &peak);
    if (rc != ROOF_OK)
        return rc;
    roof_ceiling c;
    c.peak_flops_per_s = peak * eff->compute;
    c.bytes_per_s = hw->dram_bytes_per_s * eff->memory;
    c.interconnect_bytes_per_s = hw->interconnect_bytes_per_s
                                 * eff->interconnect;
    /* Tiny but valid fields can still make a roof no one can divide by. */
    if (!ceiling_ok(&c))
        return ROOF_E_RANGE;
    *out = c;
    return ROOF_OK;
}

int roof_ridge_flops_per_byte(const roof_ceiling *c, double *flops_per_byte)
{
    if (c == NULL || flops_per_byte == NULL)
        return ROOF_E_NULL;
    if (!ceiling_ok(c))
        return ROOF_E_RANGE;
    *flops_per_byte = c->peak_flops_per_s / c->bytes_per_s;
    return ROOF_OK;
}

/* The hot path: a scheduler asks this many times per decision.  One
 * combined range check, four divisions, selects instead of branches. */
int roof_roofline_eval(const roof_ceiling *c, double flops, double bytes,
                       roof_roofline *out)
{
    if (c == NULL || out == NULL)
        return ROOF_E_NULL;
    double peak = c->peak_flops_per_s, bw = c->bytes_per_s;
    if (!(ceiling_ok(c) & nonneg_ok(flops) & divisor_ok(bytes)))
        return ROOF_E_RANGE;
    roof_roofline r;
    r.flops = flops;
    r.bytes = bytes;
    r.flops_per_byte = flops / bytes;
    r.ridge_flops_per_byte = peak / bw;
    r.compute_seconds = flops / peak;
    r.memory_seconds = bytes / bw;
    double bw_roof = bw * r.flops_per_byte;
    r.attainable_flops_per_s = bw_roof < peak ? bw_roof : peak;
    r.seconds = r.compute_seconds > r.memory_seconds ? r.compute_seconds
                                                     : r.memory_seconds;
    /* At the ridge counts as compute-bound (the header's rule). */
    r.bound = r.flops_per_byte < r.ridge_flops_per_byte ? ROOF_BOUND_MEMORY
                                                        : ROOF_BOUND_COMPUTE;
    r.reserved = 0;
    *out = r;
    return ROOF_OK;
}

int roof_measured_eval(const roof_ceiling *c, double flops, double bytes,
                       double seconds, roof_measured *out)
{
    if (c == NULL || out == NULL)
        return ROOF_E_NULL;
    if (!divisor_ok(seconds))
        return ROOF_E_RANGE;
    roof_measured m;
    int rc = roof_roofline_eval(c, flops, bytes, &m.roof);
    if (rc != ROOF_OK)
        return rc;
    m.seconds = seconds;
    m.achieved_flops_per_s = flops / seconds;
    m.achieved_bytes_per_s = bytes / seconds;
    /* roof.seconds / seconds equals achieved / attainable FLOP/s, and is
     * defined for flops == 0, where attainable is 0. */
    m.efficiency = m.roof.seconds / seconds;
    m.compute_fraction = m.achieved_flops_per_s / c->peak_flops_per_s;
    m.memory_fraction = m.achieved_bytes_per_s / c->bytes_per_s;
    m.bound = m.roof.bound;
    m.reserved = 0;
    *out = m;
    return ROOF_OK;
}

/* ROOF_OK when every level is usable and at least one moves bytes. */
static int levels_status(const roof_level *levels, uint32_t count)
{
    int moves = 0;
    for (uint32_t i = 0; i < count; i++) {
        double b = levels[i].bytes;
        if (!optional_ok(b) || !divisor_ok(levels[i].bytes_per_s))
            return ROOF_E_RANGE;
        moves |= b > 0.0;
    }
    return moves ? ROOF_OK : ROOF_E_RANGE;
}

int roof_hierarchy_eval(double peak_flops_per_s, double flops,
                        const roof_level *levels, uint32_t level_count,
                        roof_hierarchy *out)
{
    if (levels == NULL || out == NULL)
        return ROOF_E_NULL;
    if (level_count == 0 || level_count > ROOF_MAX_LEVELS
        || !divisor_ok(peak_flops_per_s) || !nonneg_ok(flops))
        return ROOF_E_RANGE;
    int rc = levels_status(levels, level_count);
    if (rc != ROOF_OK)
        return rc;
    roof_hierarchy h = {0};
    h.flops = flops;
    h.compute_seconds = flops / peak_flops_per_s;
    h.level_count = level_count;
    h.seconds = h.compute_seconds;
    h.binding_level = ROOF_LEVEL_COMPUTE;
    for (uint32_t i = 0; i < level_count; i++) {
        double b = levels[i].bytes;
        h.level_seconds[i] = b / levels[i].bytes_per_s;
        h.level_flops_per_byte[i] = b > 0.0 ? flops / b : 0.0;
        /* Strictly slower to bind: compute wins ties, then the level
         * listed first. */
        if (h.level_seconds[i] > h.seconds) {
            h.seconds = h.level_seconds[i];
            h.binding_level = i;
        }
    }
    h.attainable_flops_per_s = flops / h.seconds;
    *out = h;
    return ROOF_OK;
}
