/* plot.c: not yet written. */
#include "util.h"
