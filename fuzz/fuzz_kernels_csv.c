/* Fuzz target: measured-kernel CSV (plain and Nsight Compute raw). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP 8

static void check_kernel(const roof_kernel *k)
{
    FUZZ_CHECK(memchr(k->name, '\0', sizeof k->name) != NULL && k->name[0]);
    FUZZ_CHECK(isfinite(k->flops) && k->flops >= 0 && k->flops <= ROOF_MAX_VALUE);
    FUZZ_CHECK(isfinite(k->bytes) && k->bytes >= 0 && k->bytes <= ROOF_MAX_VALUE);
    FUZZ_CHECK(isfinite(k->seconds) && k->seconds > 0
               && k->seconds <= ROOF_MAX_VALUE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    roof_kernel out[CAP], before[CAP];
    roof_parse_error err;
    uint32_t counted = 0, n = 0;
    memset(out, 0x3C, sizeof out);
    memcpy(before, out, sizeof out);
    memset(&err, 0, sizeof err);
    /* Counting first, then reading into a small array: the two agree. */
    int rc0 = roof_kernels_from_csv(text, size, NULL, 0, &counted, &err);
    int rc = roof_kernels_from_csv(text, size, out, CAP, &n, &err);
    FUZZ_CHECK(fuzz_known_status(rc0) && fuzz_known_status(rc));
    if (rc0 == ROOF_OK || rc0 == ROOF_E_BUFFER_TOO_SMALL) {
        FUZZ_CHECK(rc0 == ROOF_OK ? counted == 0 : counted > 0);
        FUZZ_CHECK(rc == (counted <= CAP ? ROOF_OK : ROOF_E_BUFFER_TOO_SMALL));
        FUZZ_CHECK(n == counted);
    } else {
        FUZZ_CHECK(rc == rc0);
        fuzz_check_error(&err, size);
    }
    if (rc != ROOF_OK) {
        FUZZ_CHECK(memcmp(out, before, sizeof out) == 0);
        return 0;
    }
    for (uint32_t i = 0; i < n; i++)
        check_kernel(&out[i]);
    return 0;
}
