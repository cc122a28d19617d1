/* Private entry points of lib/plan.c for lib/capacity.c. */
#ifndef ROOFMODEL_PLAN_PRIV_H
#define ROOFMODEL_PLAN_PRIV_H

#include "roofmodel.h"

/* roof_plan_step_mixed of seqs[0..count) and one more sequence *extra,
 * without copying the array; the plan and seqs != NULL (when count > 0)
 * already checked.  count may be 0.  The statuses of
 * roof_plan_step_mixed. */
int roof__plan_step_extra(const roof_plan *p, const roof_seq *seqs,
                          uint32_t count, const roof_seq *extra,
                          roof_step_result *out);

#endif
