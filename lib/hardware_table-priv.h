/* The built-in hardware table and the peak helper shared by the modules
 * that compute with a validated device (hardware.c, hardware_table.c,
 * roofline.c, ops.c, estimate.c).  Not installed. */
#ifndef ROOFMODEL_HARDWARE_TABLE_PRIV_H
#define ROOFMODEL_HARDWARE_TABLE_PRIV_H

#include "util.h"

/* Enough for every entry; unused slots are NULL. */
#define ROOF__HW_ALIASES_MAX 4

typedef struct roof__hw_entry {
    roof_hardware hw;
    const char *aliases[ROOF__HW_ALIASES_MAX]; /* extra lookup names */
} roof__hw_entry;

extern const roof__hw_entry roof__hw_table[];
extern const uint32_t roof__hw_table_count;

/* roof_hardware_peak_flops_per_s for a descriptor already validated and a
 * precision already checked. */
int roof__hardware_peak(const roof_hardware *hw, uint32_t precision,
                        double *flops_per_s);

/* The peak with FP32 (wide) accumulation, whatever faster FP16-accumulate
 * rate the device has: what frameworks' half-precision GEMMs run at, so
 * what the calibrated time model prices (the bound uses the faster).
 * ROOF_OK or ROOF_E_UNSUPPORTED, for a validated hw. */
int roof__hardware_peak_wide(const roof_hardware *hw, uint32_t precision,
                             double *flops_per_s);

#endif
