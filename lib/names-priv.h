/* The enum-indexed name and class tables of lib/names.c, for the library's
 * own hot paths (ops.c reads an operator's class by id). */
#ifndef ROOFMODEL_NAMES_PRIV_H
#define ROOFMODEL_NAMES_PRIV_H

#include <stdint.h>

#include "roofmodel.h"

/* [ROOF_OP_COUNT]: each operator's name and enum roof_op_class. */
extern const char *const roof__op_names[];
extern const uint8_t roof__op_classes[];

#endif
