#include <stdio.h>
#include <roofmodel.h>

int main(void)
{
    roof_model m;
    roof_hardware hw;
    roof_workload w;
    roof_request r;
    roof_op ops[ROOF_MAX_OPS];
    roof_totals t;
    roof_estimate e;
    uint32_t n = 0;
    int rc;

    /* Every call returns a status: ROOF_OK or a ROOF_E_* code. */
    if ((rc = roof_model_find("llama-2-13b", &m)) != ROOF_OK
        || (rc = roof_hardware_find("a6000", &hw)) != ROOF_OK
        || (rc = roof_workload_decode(1, 1024, &w)) != ROOF_OK
        || (rc = roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t)) != ROOF_OK
        || (rc = roof_request_init(1, 1024, 128, &r)) != ROOF_OK
        || (rc = roof_estimate_run(&m, &hw, &r, &e)) != ROOF_OK) {
        fprintf(stderr, "roofmodel: %s\n", roof_status_str(rc));
        return 1;
    }
    printf("%-12s %12s %12s %8s %10s %s\n", "op", "FLOP", "bytes", "FLOP/B", "us", "bound");
    for (uint32_t i = 0; i < n; i++)
        printf("%-12s %12.0f %12.0f %8.2f %10.2f %s\n", roof_op_name(ops[i].id),
               ops[i].flops, ops[i].bytes, ops[i].roofline.flops_per_byte,
               ops[i].roofline.seconds * 1e6, roof_bound_name(ops[i].roofline.bound));
    printf("decode step (40 layers): %.3f ms\n", t.model.seconds * 1e3);
    printf("time to first token: %.3f ms, time per output token: %.3f ms\n",
           e.ttft_seconds * 1e3, e.tpot_seconds * 1e3);
    return 0;
}
