/*
 * A program built against an installed roofmodel with nothing but
 * `pkg-config --cflags --libs roofmodel`: the README's example, plus checks
 * that the headers and the library loaded at run time agree.
 */
#include <roofmodel.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    roof_model m;
    roof_hardware hw;
    roof_workload w;
    roof_op ops[ROOF_MAX_OPS];
    roof_totals totals;
    uint32_t n = 0;

    if (roof_version_number() != ROOF_VERSION_NUMBER
        || strcmp(roof_version_string(), ROOF_VERSION_STRING) != 0) {
        fprintf(stderr, "headers %s, library %s\n", ROOF_VERSION_STRING,
                roof_version_string());
        return 1;
    }
    if (roof_model_find("llama-2-13b", &m) != ROOF_OK
        || roof_hardware_find("a6000", &hw) != ROOF_OK
        || roof_workload_decode(1, 1024, &w) != ROOF_OK)
        return 1;
    int rc = roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &totals);
    if (rc != ROOF_OK) {
        fprintf(stderr, "roof_ops: %s\n", roof_status_str(rc));
        return 1;
    }
    /* q_proj of one decode token: 2 x 5120 x 5120 = 52,428,800 FLOP */
    for (uint32_t i = 0; i < n; i++)
        if (ops[i].id == ROOF_OP_Q_PROJ && ops[i].flops != 52428800.0)
            return 1;
    printf("roofmodel %s: %u operators, time per token >= %.3f ms\n",
           roof_version_string(), n, totals.model.seconds * 1e3);
    return totals.model.seconds > 0.0 ? 0 : 1;
}
