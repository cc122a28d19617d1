/* Collectives, the link a group uses, and expert-parallel traffic.
 * docs/collectives.md derives the formulas. */
#include <math.h>

#include "util.h"

static int divisor_ok(double x)
{
    return (x >= ROOF__MIN_DIVISOR) & (x <= ROOF_MAX_VALUE);
}

int roof_link_validate(const roof_link *link)
{
    if (link == NULL)
        return ROOF_E_NULL;
    if (!(link->reserved[0] == 0.0 && link->reserved[1] == 0.0))
        return ROOF_E_INVALID;
    if (!divisor_ok(link->bytes_per_s) || !roof__is_nonneg(link->latency_seconds))
        return ROOF_E_RANGE;
    return ROOF_OK;
}

/* Per collective: the share of `bytes` each of the (t - 1) steps moves,
 * counted in units of bytes / t, and the number of steps, both as
 * multiples of (t - 1). */
typedef struct collective_info {
    const char *name;
    double volume;  /* bytes moved = volume x (t-1)/t x bytes */
    double steps;   /* latency terms = steps x (t-1) */
} collective_info;

static const collective_info collectives[] = {
    [ROOF_ALL_REDUCE] = {"all-reduce", 2.0, 2.0},
    [ROOF_ALL_GATHER] = {"all-gather", 1.0, 1.0},
    [ROOF_REDUCE_SCATTER] = {"reduce-scatter", 1.0, 1.0},
    [ROOF_ALL_TO_ALL] = {"all-to-all", 1.0, 1.0},
    [ROOF_POINT_TO_POINT] = {"point-to-point", 0.0, 0.0},
};

typedef char collective_table_complete[
    ROOF_ARRAY_LEN(collectives) == ROOF_COLLECTIVE_COUNT ? 1 : -1];

const char *roof_collective_name(uint32_t collective)
{
    return collective < ROOF_COLLECTIVE_COUNT ? collectives[collective].name
                                              : NULL;
}

/* The time of a validated call. */
static double collective_time(uint32_t collective, double bytes, double t,
                              const roof_link *link)
{
    if (collective == ROOF_POINT_TO_POINT)
        return bytes / link->bytes_per_s + link->latency_seconds;
    const collective_info *c = &collectives[collective];
    return c->volume * ((t - 1.0) / t) * bytes / link->bytes_per_s
         + c->steps * (t - 1.0) * link->latency_seconds;
}

int roof_collective_seconds(uint32_t collective, double bytes,
                            uint32_t devices, const roof_link *link,
                            double *seconds)
{
    if (link == NULL || seconds == NULL)
        return ROOF_E_NULL;
    if (collective >= ROOF_COLLECTIVE_COUNT)
        return ROOF_E_INVALID;
    int rc = roof_link_validate(link);
    if (rc != ROOF_OK)
        return rc;
    if (!roof__is_nonneg(bytes) || devices == 0)
        return ROOF_E_RANGE;
    double s = collective_time(collective, bytes, (double)devices, link);
    if (!(s <= ROOF_MAX_VALUE))
        return ROOF_E_OVERFLOW;
    *seconds = s;
    return ROOF_OK;
}

int roof_collective_link(const roof_hardware *hw, uint32_t devices,
                         roof_link *link, uint32_t *scope)
{
    if (hw == NULL || link == NULL || scope == NULL)
        return ROOF_E_NULL;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    if (devices == 0)
        return ROOF_E_RANGE;
    roof_link l = {hw->dram_bytes_per_s, 0.0, {0.0, 0.0}};
    uint32_t s = ROOF_SCOPE_DEVICE;
    if (devices > 1) {
        if (hw->scaleup_domain == 0)
            return ROOF_E_UNSUPPORTED;
        int inside = devices <= hw->scaleup_domain;
        l.bytes_per_s = inside ? hw->interconnect_bytes_per_s
                               : hw->scaleout_bytes_per_s;
        s = inside ? ROOF_SCOPE_SCALE_UP : ROOF_SCOPE_SCALE_OUT;
        /* Validation makes a non-zero figure a usable divisor. */
        if (l.bytes_per_s == 0.0)
            return ROOF_E_UNSUPPORTED;
    }
    *link = l;
    *scope = s;
    return ROOF_OK;
}

/* ---- expert parallelism ------------------------------------------------ */

int roof_ep_layer_validate(const roof_ep_layer *layer)
{
    if (layer == NULL)
        return ROOF_E_NULL;
    if (!(layer->reserved[0] == 0.0 && layer->reserved[1] == 0.0))
        return ROOF_E_INVALID;
    const roof_ep_layer *l = layer;
    if (l->experts == 0 || l->ep == 0 || l->hidden == 0 || l->top_k == 0
        || l->top_k > l->experts || !roof__is_nonneg(l->tokens))
        return ROOF_E_RANGE;
    if (!(l->dispatch_bytes_per_element > 0.0
          && l->dispatch_bytes_per_element <= 64.0
          && l->combine_bytes_per_element > 0.0
          && l->combine_bytes_per_element <= 64.0))
        return ROOF_E_RANGE;
    return l->experts % l->ep == 0 ? ROOF_OK : ROOF_E_INVALID;
}

/* x e phi(x) Phi(x)^(e-1): the density of the maximum of e standard
 * normals, times x.  Phi^(e-1) goes through logs: e may be 2^32. */
static double max_density_x(double x, double e)
{
    const double inv_sqrt_2pi = 0.39894228040143267794;
    double phi = inv_sqrt_2pi * exp(-0.5 * x * x);
    double cdf = 0.5 * erfc(-x / sqrt(2.0));
    return x * e * phi * exp((e - 1.0) * log(cdf));
}

int roof_expected_max_normal(uint32_t e, double *value)
{
    if (value == NULL)
        return ROOF_E_NULL;
    if (e == 0)
        return ROOF_E_RANGE;
    if (e == 1) {
        *value = 0.0;
        return ROOF_OK;
    }
    /* Simpson's rule on [-12, 12] in steps of 0.01: the density is
     * smooth, and below 1e-30 outside the range for every e < 2^32. */
    const int n = 2400;
    const double lo = -12.0, h = 24.0 / n;
    double sum = max_density_x(lo, e) + max_density_x(-lo, e);
    for (int i = 1; i < n; i++)
        sum += (i % 2 ? 4.0 : 2.0) * max_density_x(lo + i * h, e);
    *value = sum * h / 3.0;
    return ROOF_OK;
}

int roof_ep_traffic_eval(const roof_ep_layer *layer, roof_ep_traffic *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    int rc = roof_ep_layer_validate(layer);
    if (rc != ROOF_OK)
        return rc;
    const double E = layer->experts, k = layer->top_k, H = layer->hidden;
    const double e = layer->ep, T = layer->tokens;
    double c = 0.0;
    (void)roof_expected_max_normal(layer->ep, &c); /* ep >= 1: OK */
    roof_ep_traffic r = {0};
    r.tokens_per_device = T / e;
    r.mean_load = T * k / e;
    double spread = E > 1.0 ? sqrt(T * k * (E - k) / (e * (E - 1.0))) : 0.0;
    r.max_load = r.mean_load + c * spread;
    r.dispatch_bytes = r.mean_load * H * layer->dispatch_bytes_per_element;
    r.combine_bytes = r.mean_load * H * layer->combine_bytes_per_element;
    r.dispatch_bytes_out = r.dispatch_bytes * ((e - 1.0) / e);
    r.combine_bytes_out = r.combine_bytes * ((e - 1.0) / e);
    r.busiest_dispatch_bytes = r.max_load * H
                               * layer->dispatch_bytes_per_element;
    r.busiest_combine_bytes = r.max_load * H * layer->combine_bytes_per_element;
    double largest = r.busiest_dispatch_bytes > r.busiest_combine_bytes
                         ? r.busiest_dispatch_bytes
                         : r.busiest_combine_bytes;
    if (!(largest <= ROOF_MAX_VALUE))
        return ROOF_E_OVERFLOW;
    *out = r;
    return ROOF_OK;
}
