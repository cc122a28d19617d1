/* Fuzz target: hardware description files -> roof_hardware (and back). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const roof_hardware *hw)
{
    FUZZ_CHECK(roof_hardware_validate(hw) == ROOF_OK);
    size_t need = 0;
    FUZZ_CHECK(roof_hardware_to_json(hw, NULL, 0, &need) == ROOF_E_BUFFER_TOO_SMALL);
    char *buf = malloc(need);
    FUZZ_CHECK(buf != NULL);
    size_t len = 0;
    FUZZ_CHECK(roof_hardware_to_json(hw, buf, need, &len) == ROOF_OK);
    roof_hardware back;
    roof_parse_error err;
    FUZZ_CHECK(roof_hardware_from_json(buf, len, &back, &err) == ROOF_OK);
    FUZZ_CHECK(memcmp(hw, &back, sizeof back) == 0);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    roof_hardware hw, before;
    roof_parse_error err;
    memset(&hw, 0x5A, sizeof hw);
    before = hw;
    memset(&err, 0, sizeof err);
    int rc = roof_hardware_from_json((const char *)data, size, &hw, &err);
    FUZZ_CHECK(fuzz_known_status(rc) && rc != ROOF_E_BUFFER_TOO_SMALL);
    if (rc == ROOF_OK) {
        check_round_trip(&hw);
    } else {
        FUZZ_CHECK(memcmp(&hw, &before, sizeof hw) == 0);
        fuzz_check_error(&err, size);
    }
    return 0;
}
