/* Fuzz target: calibration profiles (JSON) -> roof_calibration (and back),
 * and the same bytes as a fit's sample CSV. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const roof_calibration *cal)
{
    FUZZ_CHECK(roof_calibration_validate(cal) == ROOF_OK);
    size_t need = 0;
    FUZZ_CHECK(roof_calibration_to_json(cal, NULL, 0, &need)
               == ROOF_E_BUFFER_TOO_SMALL);
    char *buf = malloc(need);
    FUZZ_CHECK(buf != NULL);
    size_t len = 0;
    FUZZ_CHECK(roof_calibration_to_json(cal, buf, need, &len) == ROOF_OK);
    roof_calibration back;
    roof_parse_error err;
    FUZZ_CHECK(roof_calibration_from_json(buf, len, &back, &err) == ROOF_OK);
    FUZZ_CHECK(memcmp(cal, &back, sizeof back) == 0);
    free(buf);
}

static void profile(const uint8_t *data, size_t size)
{
    roof_calibration cal, before;
    roof_parse_error err;
    memset(&cal, 0x5A, sizeof cal);
    before = cal;
    memset(&err, 0, sizeof err);
    int rc = roof_calibration_from_json((const char *)data, size, &cal, &err);
    FUZZ_CHECK(fuzz_known_status(rc) && rc != ROOF_E_BUFFER_TOO_SMALL);
    if (rc == ROOF_OK) {
        check_round_trip(&cal);
    } else {
        FUZZ_CHECK(memcmp(&cal, &before, sizeof cal) == 0);
        fuzz_check_error(&err, size);
    }
}

static void samples(const uint8_t *data, size_t size)
{
    roof_kernel_sample s[8];
    uint32_t n = 0;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    int rc = roof_kernel_samples_from_csv((const char *)data, size, s, 8, &n,
                                          &err);
    FUZZ_CHECK(fuzz_known_status(rc));
    if (rc == ROOF_OK) {
        FUZZ_CHECK(n <= 8);
        for (uint32_t i = 0; i < n; i++)
            FUZZ_CHECK(s[i].kind < ROOF_KERNEL_KIND_COUNT
                       && s[i].measured_seconds > 0.0);
    } else if (rc != ROOF_E_BUFFER_TOO_SMALL) {
        fuzz_check_error(&err, size);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    profile(data, size);
    samples(data, size);
    return 0;
}
