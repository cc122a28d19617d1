/* Private entry points of lib/ops.c for the library's own callers. */
#ifndef ROOFMODEL_OPS_PRIV_H
#define ROOFMODEL_OPS_PRIV_H

#include "roofmodel.h"
#include "calibration-priv.h"

/* roof_ops() for a caller that has already validated *m and *hw (with
 * roof_model_validate and roof_hardware_validate) and will call this many
 * times with them: an estimate runs three to five steps, and checking the
 * same descriptors each time was a quarter of its cost.  Everything else
 * (workload, efficiency, buffer) is still checked. */
int roof__ops_trusted(const roof_model *m, const roof_workload *w,
                      const roof_hardware *hw, const roof_efficiency *eff,
                      const roof_calibration *cal, roof_op *ops,
                      uint32_t cap, uint32_t *count, roof_totals *totals);

/* The profile a call uses: *cal checked and matched to hw, or the
 * device's built-in one when cal is NULL.  The statuses of
 * roof_calibration_validate and roof_calibration_check_hardware. */
int roof__calibration_resolve(const roof_hardware *hw,
                              const roof_calibration *cal,
                              const roof_calibration **out);

/* The time model's coefficients of every kernel kind folded with hw's
 * roofs at a precision the device has (what roof_ops prices each
 * operator with). */
void roof__kernel_times(const roof_hardware *hw, uint32_t precision,
                        const roof_calibration *cal,
                        roof__kernel_time kt[ROOF_KERNEL_KIND_COUNT]);

/* The factor on the time model's compute time of an op whose roof is at
 * `precision` when the kernel times were folded at `ref_precision`: the
 * ratio of their FP32-accumulate peaks (1 where either has none). */
double roof__time_scale(const roof_hardware *hw, uint32_t ref_precision,
                        uint32_t precision);

/* The time model's kind of an operator (the fused attention's is
 * ROOF_KERNEL_ATTN_PREFILL here; roof_ops prices one new token per
 * sequence as ROOF_KERNEL_ATTN_DECODE). */
uint32_t roof__op_kind(uint32_t id);

#endif
