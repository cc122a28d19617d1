/* Private entry points of lib/ops.c for the library's own callers. */
#ifndef ROOFMODEL_OPS_PRIV_H
#define ROOFMODEL_OPS_PRIV_H

#include "roofmodel.h"

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

#endif
