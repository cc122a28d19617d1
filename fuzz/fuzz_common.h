/* Checks shared by the fuzz targets: a failure aborts, which libFuzzer and
 * the replay test both report. */
#ifndef ROOF_FUZZ_COMMON_H
#define ROOF_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roofmodel.h"

#define FUZZ_CHECK(cond) \
    do { \
        if (!(cond)) \
            abort(); \
    } while (0)

/* An error report is well formed: position within the input, message
 * NUL-terminated and not empty. */
static inline void fuzz_check_error(const roof_parse_error *err, size_t size)
{
    FUZZ_CHECK(err->line >= 1 && err->column >= 1);
    FUZZ_CHECK(err->offset <= size);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL);
    FUZZ_CHECK(err->message[0] != '\0');
}

/* Every status a parser may return is one of the documented codes. */
static inline int fuzz_known_status(int rc)
{
    return rc == ROOF_OK || rc == ROOF_E_PARSE || rc == ROOF_E_MISSING
           || rc == ROOF_E_TYPE || rc == ROOF_E_RANGE || rc == ROOF_E_INVALID
           || rc == ROOF_E_BUFFER_TOO_SMALL
           || rc == ROOF_E_UNSUPPORTED; /* a config family not modelled */
}

#endif
