/*
 * roofmodel: how fast can this transformer run on this accelerator, and
 * what limits it?  The one header to include.
 *
 * See README.md for a tour and docs/ for the formulas.
 */
#ifndef ROOFMODEL_H
#define ROOFMODEL_H

#include "roofmodel/version.h"
#include "roofmodel/common.h"
#include "roofmodel/hardware.h"
#include "roofmodel/format.h"
#include "roofmodel/collective.h"
#include "roofmodel/roofline.h"
#include "roofmodel/model.h"
#include "roofmodel/ops.h"
#include "roofmodel/estimate.h"
#include "roofmodel/ep.h"
#include "roofmodel/plot.h"
#include "roofmodel/parse.h"
#include "roofmodel/calibration.h"
#include "roofmodel/fit.h"
#include "roofmodel/names.h"
#include "roofmodel/plan.h"
#include "roofmodel/capacity.h"

#endif
