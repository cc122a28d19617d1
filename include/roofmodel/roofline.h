/*
 * roofmodel: the roofline model of one kernel on one device.
 *
 *   intensity  I = flops / bytes                      [FLOP/byte]
 *   attainable P = min(peak, bandwidth * I)           [FLOP/s]
 *   ridge      I* = peak / bandwidth                  [FLOP/byte]
 *   time      >= max(flops / peak, bytes / bandwidth) [s]
 *
 * A kernel with I < I* is memory-bound, otherwise compute-bound (a kernel
 * exactly at the ridge counts as compute-bound).  docs/roofline.md derives
 * all of it.
 */
#ifndef ROOFMODEL_ROOFLINE_H
#define ROOFMODEL_ROOFLINE_H

#include "common.h"
#include "hardware.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The two roofs of one device at one precision, efficiency applied. */
typedef struct roof_ceiling {
    double peak_flops_per_s;         /* > 0 */
    double bytes_per_s;              /* > 0 */
    double interconnect_bytes_per_s; /* >= 0; 0 = no interconnect */
} roof_ceiling;

/* Ceiling of `hw` at `precision`, each roof scaled by *eff (NULL = 1).
 * ROOF_E_NULL, ROOF_E_INVALID, ROOF_E_RANGE, ROOF_E_UNSUPPORTED. */
ROOF_API int roof_ceiling_from_hardware(const roof_hardware *hw,
                                        uint32_t precision,
                                        const roof_efficiency *eff,
                                        roof_ceiling *out);

/* Checks a caller-filled ceiling (positive finite roofs).
 * ROOF_E_NULL or ROOF_E_RANGE. */
ROOF_API int roof_ceiling_validate(const roof_ceiling *c);

/* Ridge point I* = peak / bandwidth.  ROOF_E_NULL, ROOF_E_RANGE. */
ROOF_API int roof_ridge_flops_per_byte(const roof_ceiling *c,
                                       double *flops_per_byte);

/* The roofline verdict for one kernel. */
typedef struct roof_roofline {
    double flops;                  /* as given */
    double bytes;                  /* as given */
    double flops_per_byte;         /* operational intensity */
    double ridge_flops_per_byte;   /* of the ceiling used */
    double attainable_flops_per_s; /* min(peak, bandwidth * intensity) */
    double compute_seconds;        /* flops / peak */
    double memory_seconds;         /* bytes / bandwidth */
    double seconds;                /* max of the two: the lower bound */
    uint32_t bound;                /* ROOF_BOUND_MEMORY or _COMPUTE */
    uint32_t reserved;
} roof_roofline;

/* Evaluates a kernel of `flops` (>= 0) moving `bytes` (> 0).
 * ROOF_E_NULL, ROOF_E_RANGE (negative, NaN, infinite or > ROOF_MAX_VALUE
 * numbers, or bytes == 0: every kernel moves at least its inputs). */
ROOF_API int roof_roofline_eval(const roof_ceiling *c, double flops,
                                double bytes, roof_roofline *out);

/* A measured kernel put against its roof, for profilers. */
typedef struct roof_measured {
    roof_roofline roof;            /* the model's verdict */
    double seconds;                /* as measured */
    double achieved_flops_per_s;   /* flops / seconds */
    double achieved_bytes_per_s;   /* bytes / seconds */
    double efficiency;             /* achieved / attainable FLOP/s; or
                                      roof.seconds / seconds, the same */
    double compute_fraction;       /* achieved / peak FLOP/s */
    double memory_fraction;        /* achieved / peak bandwidth */
    uint32_t bound;                /* the label: roof.bound */
    uint32_t reserved;
} roof_measured;

/* ROOF_E_NULL, ROOF_E_RANGE (as roof_roofline_eval, and seconds > 0).
 * efficiency may exceed 1 when a measurement beats the model (caches
 * serving part of the traffic, miscounted bytes): it is reported, not
 * clamped. */
ROOF_API int roof_measured_eval(const roof_ceiling *c, double flops,
                                double bytes, double seconds,
                                roof_measured *out);

/* Hierarchical roofline: one compute roof and several memory levels (DRAM,
 * L2, shared memory, ...), each with the bytes the kernel moves through it
 * and its bandwidth.  The kernel's time is bounded by the slowest of them. */
#define ROOF_MAX_LEVELS 8
#define ROOF_LEVEL_COMPUTE 0xFFFFFFFFu /* binding_level when compute binds */

typedef struct roof_level {
    double bytes;       /* >= 0 */
    double bytes_per_s; /* > 0 */
} roof_level;

typedef struct roof_hierarchy {
    double flops;
    double compute_seconds;                 /* flops / peak */
    double level_seconds[ROOF_MAX_LEVELS];  /* bytes / bandwidth per level;
                                               0 past level_count */
    double level_flops_per_byte[ROOF_MAX_LEVELS]; /* intensity per level;
                                               0 where a level moves 0 B */
    double seconds;                         /* max of all the above */
    double attainable_flops_per_s;          /* flops / seconds */
    uint32_t level_count;
    uint32_t binding_level;                 /* index, or ROOF_LEVEL_COMPUTE */
} roof_hierarchy;

/* level_count in 1 .. ROOF_MAX_LEVELS; at least one level moves bytes > 0.
 * ROOF_E_NULL, ROOF_E_RANGE. */
ROOF_API int roof_hierarchy_eval(double peak_flops_per_s, double flops,
                                 const roof_level *levels,
                                 uint32_t level_count, roof_hierarchy *out);

#ifdef __cplusplus
}
#endif
#endif
