/* The built-in hardware table (private to lib/hardware.c). */
#ifndef ROOFMODEL_HARDWARE_TABLE_H
#define ROOFMODEL_HARDWARE_TABLE_H

#include "util.h"

/* Enough for every entry; unused slots are NULL. */
#define ROOF__HW_ALIASES_MAX 4

typedef struct roof__hw_entry {
    roof_hardware hw;
    const char *aliases[ROOF__HW_ALIASES_MAX]; /* extra lookup names */
} roof__hw_entry;

extern const roof__hw_entry roof__hw_table[];
extern const uint32_t roof__hw_table_count;

/* The smallest positive roof, byte count or time the library divides by:
 * with every such number in [1e-30, 1e30] and every numerator at most
 * 1e30, no quotient can overflow or underflow to 0. */
#define ROOF__MIN_DIVISOR (1.0 / ROOF_MAX_VALUE)

/* roof_hardware_peak_flops_per_s for a descriptor already validated and a
 * precision already checked. */
int roof__hardware_peak(const roof_hardware *hw, uint32_t precision,
                        double *flops_per_s);

#endif
