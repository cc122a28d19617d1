/* Fuzz target: HuggingFace config.json -> roof_model (and back). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A model that parsed must write out and read back identical. */
static void check_round_trip(const roof_model *m)
{
    FUZZ_CHECK(roof_model_validate(m) == ROOF_OK);
    size_t need = 0;
    FUZZ_CHECK(roof_model_to_json(m, NULL, 0, &need) == ROOF_E_BUFFER_TOO_SMALL);
    char *buf = malloc(need);
    FUZZ_CHECK(buf != NULL);
    size_t len = 0;
    FUZZ_CHECK(roof_model_to_json(m, buf, need, &len) == ROOF_OK);
    FUZZ_CHECK(len + 1 == need && buf[len] == '\0');
    roof_model back;
    roof_parse_error err;
    FUZZ_CHECK(roof_model_from_json(buf, len, &back, &err) == ROOF_OK);
    FUZZ_CHECK(memcmp(m, &back, sizeof back) == 0);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    roof_model m, before;
    roof_parse_error err;
    memset(&m, 0xA5, sizeof m);
    before = m;
    memset(&err, 0, sizeof err);
    int rc = roof_model_from_json((const char *)data, size, &m, &err);
    FUZZ_CHECK(fuzz_known_status(rc) && rc != ROOF_E_BUFFER_TOO_SMALL);
    if (rc == ROOF_OK) {
        check_round_trip(&m);
    } else {
        FUZZ_CHECK(memcmp(&m, &before, sizeof m) == 0); /* untouched */
        fuzz_check_error(&err, size);
    }
    return 0;
}
