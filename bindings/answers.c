/*
 * The cross-language check's C side: Llama 2 13B on the RTX A6000, the
 * per-operator table of a prefill of 1024 tokens and of a decode step after
 * 1024 cached tokens, and the time-per-token estimate of a request of 1024
 * prompt and 128 generated tokens.  Every number is printed with %.17g, so
 * two outputs agree as text exactly when the doubles agree bit for bit.
 * bindings/python/tests/answers.py and the Rust example `answers` print the
 * same lines; bindings/compare_answers.py diffs them.
 */
#include <roofmodel.h>

#include <stdio.h>

static int step(const char *phase, const roof_model *m,
                const roof_hardware *hw, const roof_workload *w)
{
    roof_op ops[ROOF_MAX_OPS];
    roof_totals t;
    uint32_t n = 0;
    int rc = roof_ops(m, w, hw, NULL, ops, ROOF_MAX_OPS, &n, &t);
    if (rc != ROOF_OK) {
        fprintf(stderr, "roof_ops: %s\n", roof_status_str(rc));
        return rc;
    }
    for (uint32_t i = 0; i < n; i++) {
        const roof_op *o = &ops[i];
        printf("op %s %s %.17g %.17g %.17g %.17g %s\n", phase,
               roof_op_name(o->id), o->flops, o->bytes,
               o->roofline.flops_per_byte, o->roofline.seconds,
               roof_bound_name(o->roofline.bound));
    }
    printf("total %s layer %.17g %.17g %.17g\n", phase, t.layer.flops,
           t.layer.bytes, t.layer.seconds);
    printf("total %s model %.17g %.17g %.17g\n", phase, t.model.flops,
           t.model.bytes, t.model.seconds);
    return ROOF_OK;
}

static int estimate(const roof_model *m, const roof_hardware *hw)
{
    roof_request r;
    roof_estimate e;
    int rc = roof_request_init(1, 1024, 128, &r);
    if (rc == ROOF_OK)
        rc = roof_estimate_run(m, hw, &r, &e);
    if (rc != ROOF_OK) {
        fprintf(stderr, "roof_estimate_run: %s\n", roof_status_str(rc));
        return rc;
    }
    printf("estimate ttft_seconds %.17g\n", e.ttft_seconds);
    printf("estimate tpot_seconds %.17g\n", e.tpot_seconds);
    printf("estimate e2e_seconds %.17g\n", e.e2e_seconds);
    printf("estimate tokens_per_s %.17g\n", e.tokens_per_s);
    printf("estimate memory_total_bytes %.17g\n", e.memory.total_bytes);
    return ROOF_OK;
}

/* A mixed step through a prepared plan: a chunk, two decodes and a
 * speculative verification. */
static int mixed(const roof_model *m, const roof_hardware *hw,
                 const roof_workload *w)
{
    static roof_plan p;
    const roof_seq seqs[4] = {{512, 0}, {1, 2048}, {1, 8000}, {4, 300}};
    roof_step_result r;
    int rc = roof_plan_init(m, w, hw, NULL, &p);
    if (rc == ROOF_OK)
        rc = roof_plan_step_mixed(&p, seqs, 4, &r);
    if (rc != ROOF_OK) {
        fprintf(stderr, "roof_plan: %s\n", roof_status_str(rc));
        return rc;
    }
    printf("mixed seconds %.17g\n", r.seconds);
    printf("mixed expected_seconds %.17g\n", r.expected_seconds);
    printf("mixed flops %.17g\n", r.flops);
    printf("mixed bytes %.17g\n", r.bytes);
    printf("mixed kv_bytes %.17g\n", r.kv_bytes);
    printf("mixed tokens %.17g\n", r.tokens);
    printf("mixed dominant_op %u\n", (unsigned)r.dominant_op);
    return ROOF_OK;
}

int main(void)
{
    roof_model m;
    roof_hardware hw;
    roof_workload prefill, decode;
    if (roof_model_find("llama-2-13b", &m) != ROOF_OK
        || roof_hardware_find("a6000", &hw) != ROOF_OK
        || roof_workload_prefill(1, 1024, &prefill) != ROOF_OK
        || roof_workload_decode(1, 1024, &decode) != ROOF_OK) {
        fprintf(stderr, "answers: lookup failed\n");
        return 1;
    }
    if (step("prefill", &m, &hw, &prefill) != ROOF_OK
        || step("decode", &m, &hw, &decode) != ROOF_OK
        || estimate(&m, &hw) != ROOF_OK
        || mixed(&m, &hw, &prefill) != ROOF_OK)
        return 1;
    return 0;
}
