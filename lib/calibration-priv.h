/* Private: the time model's prepared form and the built-in profiles. */
#ifndef ROOFMODEL_CALIBRATION_PRIV_H
#define ROOFMODEL_CALIBRATION_PRIV_H

#include "util.h"

#ifndef ROOF__STATIC_ASSERT
/* C99 compile-time check: a negative array size when cond is false. */
#define ROOF__STATIC_ASSERT(cond, name) \
    typedef char roof__static_assert_##name[(cond) ? 1 : -1]
#endif

/* The range a fitted fraction may take: above 1 where caches serve part of
 * the traffic (residual adds on the shared data reach 1.08 of DRAM
 * bandwidth), never so small that a time would be absurd. */
#define ROOF__CAL_MIN_FRACTION 0.01
#define ROOF__CAL_MAX_FRACTION 1.5

/* One kind's coefficients folded with a device's roofs, for the hot path:
 * expected = launches floor + sqrt((flops ic (1 + masked x))^2
 *                                  + (bytes im)^2 + (row_bytes ir)^2). */
typedef struct roof__kernel_time {
    double floor;
    double inv_compute; /* 1 / (peak x compute_fraction); 0 = off */
    double inv_memory;  /* 1 / (bandwidth x memory_fraction) */
    double inv_row;     /* 1 / row_bytes_per_s; 0 = off */
    double masked;
} roof__kernel_time;

void roof__kernel_prepare(const roof_kernel_coef *c, double peak_flops_per_s,
                          double bytes_per_s, roof__kernel_time *out);

/* The model's formula for terms already checked. */
double roof__kernel_eval(const roof_kernel_coef *c,
                         const roof_kernel_terms *t);

/* The coefficients of a kind in a fixed order, for the readers, writers
 * and the fit: 0 floor_seconds, 1 compute_fraction, 2 memory_fraction,
 * 3 row_bytes_per_s, 4 masked_fraction. */
#define ROOF__COEFS 5
double *roof__coef_at(roof_kernel_coef *c, int i);

/* The built-in profile of a validated device (never NULL). */
const roof_calibration *roof__calibration_for(const roof_hardware *hw);

#endif
