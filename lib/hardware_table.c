/* hardware_table.c: not yet written. */
#include "util.h"
