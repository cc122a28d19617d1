/* Tests of lib/capacity.c: each inverse question's answer is the edge of
 * its budget (the answer fits, one more does not), on both bases; "no
 * answer" is ROOF_E_DOES_NOT_FIT with nothing written; utilization against
 * its definition. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

static roof_plan *plan_of(const char *model, const char *dev, uint32_t tp)
{
    roof_model m;
    roof_hardware hw;
    roof_workload w;
    assert_int_equal(roof_model_find(model, &m), ROOF_OK);
    assert_int_equal(roof_hardware_find(dev, &hw), ROOF_OK);
    assert_int_equal(roof_workload_prefill(1, 1, &w), ROOF_OK);
    w.attention = ROOF_ATTN_FUSED;
    w.tensor_parallel = tp;
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    return p;
}

static double time_of(const roof_step_result *r, uint32_t basis)
{
    return basis == ROOF_BASIS_BOUND ? r->seconds
                                     : r->expected_seconds
                                           + r->overhead_seconds;
}

static double decode_time(const roof_plan *p, uint32_t b, uint32_t c,
                          uint32_t basis)
{
    roof_step_result r;
    assert_int_equal(roof_plan_step(p, b, 1, c, &r), ROOF_OK);
    return time_of(&r, basis);
}

static void decode_batch(void **state)
{
    (void)state;
    roof_plan *p = plan_of("llama-2-13b", "a6000", 1);
    for (uint32_t basis = 0; basis <= 1; basis++) {
        /* the budget of exactly 37 decodes: the answer is 37 */
        const double budget = decode_time(p, 37, 2048, basis);
        uint32_t b = 0;
        roof_step_result at;
        assert_int_equal(roof_plan_max_decode_batch(p, 2048, budget, basis,
                                                    &b, &at),
                         ROOF_OK);
        assert_int_equal(b, 37);
        assert_true(time_of(&at, basis) == budget);
        /* the budget of exactly one decode: 2 do not fit */
        const double one = decode_time(p, 1, 2048, basis);
        assert_int_equal(roof_plan_max_decode_batch(p, 2048, one, basis, &b,
                                                    &at),
                         ROOF_OK);
        assert_int_equal(b, 1);
        assert_true(time_of(&at, basis) == one);
        /* 60 ms (one decode reads 26 GB of weights at 768 GB/s: 34 ms):
           the answer fits, one more does not */
        assert_int_equal(roof_plan_max_decode_batch(p, 512, 0.060, basis,
                                                    &b, NULL),
                         ROOF_OK);
        assert_true(decode_time(p, b, 512, basis) <= 0.060);
        assert_true(decode_time(p, b + 1, 512, basis) > 0.060);
        assert_true(b > 1);
    }
    /* the bound is below the expected time: it allows at least as many */
    uint32_t bound_b, expected_b;
    assert_int_equal(roof_plan_max_decode_batch(p, 4096, 0.1,
                                                ROOF_BASIS_BOUND, &bound_b,
                                                NULL), ROOF_OK);
    assert_int_equal(roof_plan_max_decode_batch(p, 4096, 0.1,
                                                ROOF_BASIS_EXPECTED,
                                                &expected_b, NULL), ROOF_OK);
    assert_true(bound_b >= expected_b);
    test_free(p);
}

static void decode_batch_errors(void **state)
{
    (void)state;
    roof_plan *p = plan_of("llama-2-13b", "a6000", 1);
    uint32_t b = 777;
    roof_step_result at, before;
    memset(&at, 0x5a, sizeof at);
    before = at;
    /* one decode reads 26 GB of weights: 1 ms is not enough */
    assert_int_equal(roof_plan_max_decode_batch(p, 100, 1e-3,
                                                ROOF_BASIS_BOUND, &b, &at),
                     ROOF_E_DOES_NOT_FIT);
    assert_int_equal(roof_plan_max_decode_batch(p, 100, 0.0, 0, &b, &at),
                     ROOF_E_RANGE);
    assert_int_equal(roof_plan_max_decode_batch(p, 100, (double)NAN, 0, &b, &at),
                     ROOF_E_RANGE);
    assert_int_equal(roof_plan_max_decode_batch(p, 100, (double)INFINITY, 0, &b,
                                                &at),
                     ROOF_E_RANGE);
    assert_int_equal(roof_plan_max_decode_batch(p, 100, 1.0, 2, &b, &at),
                     ROOF_E_INVALID);
    assert_int_equal(roof_plan_max_decode_batch(NULL, 100, 1.0, 0, &b, &at),
                     ROOF_E_NULL);
    assert_int_equal(roof_plan_max_decode_batch(p, 100, 1.0, 0, NULL, &at),
                     ROOF_E_NULL);
    p->tag = 0;
    assert_int_equal(roof_plan_max_decode_batch(p, 100, 1.0, 0, &b, &at),
                     ROOF_E_INVALID);
    assert_int_equal(b, 777);
    assert_memory_equal(&at, &before, sizeof at);
    test_free(p);
}

static double mixed_time(const roof_plan *p, const roof_seq *seqs,
                         uint32_t count, uint32_t chunk, uint32_t basis)
{
    roof_seq all[16];
    memcpy(all, seqs, count * sizeof *seqs);
    all[count] = (roof_seq){chunk, 300};
    roof_step_result r;
    assert_int_equal(roof_plan_step_mixed(p, all, count + 1, &r), ROOF_OK);
    return time_of(&r, basis);
}

static void chunk_beside_decodes(void **state)
{
    (void)state;
    roof_plan *p = plan_of("llama-3.1-8b", "h100-sxm", 1);
    roof_seq decodes[8];
    for (uint32_t i = 0; i < 8; i++)
        decodes[i] = (roof_seq){1, 1000 + 500 * i};
    for (uint32_t basis = 0; basis <= 1; basis++) {
        uint32_t chunk = 0;
        roof_step_result at;
        assert_int_equal(roof_plan_max_chunk(p, decodes, 8, 300, 0.030,
                                             basis, &chunk, &at),
                         ROOF_OK);
        assert_true(chunk > 1);
        assert_true(mixed_time(p, decodes, 8, chunk, basis) <= 0.030);
        assert_true(mixed_time(p, decodes, 8, chunk + 1, basis) > 0.030);
        assert_true(time_of(&at, basis)
                    == mixed_time(p, decodes, 8, chunk, basis));
        assert_int_equal(at.sequences, 9);
        /* the chunk alone: no sequences beside it */
        uint32_t alone = 0;
        assert_int_equal(roof_plan_max_chunk(p, NULL, 0, 300, 0.030, basis,
                                             &alone, NULL),
                         ROOF_OK);
        assert_true(alone >= chunk);
        assert_true(mixed_time(p, decodes, 0, alone + 1, basis) > 0.030);
    }
    /* a budget the decodes alone exceed */
    uint32_t chunk = 5;
    assert_int_equal(roof_plan_max_chunk(p, decodes, 8, 0, 1e-4, 0, &chunk,
                                         NULL),
                     ROOF_E_DOES_NOT_FIT);
    assert_int_equal(roof_plan_max_chunk(p, NULL, 8, 0, 1.0, 0, &chunk,
                                         NULL),
                     ROOF_E_NULL);
    decodes[3].new_tokens = 0;
    assert_int_equal(roof_plan_max_chunk(p, decodes, 8, 0, 1.0, 0, &chunk,
                                         NULL),
                     ROOF_E_RANGE);
    decodes[3].new_tokens = UINT32_MAX;
    assert_int_equal(roof_plan_max_chunk(p, decodes, 8, 0, 1.0, 0, &chunk,
                                         NULL),
                     ROOF_E_OVERFLOW);
    assert_int_equal(roof_plan_max_chunk(p, decodes, 8, 0, -1.0, 0, &chunk,
                                         NULL),
                     ROOF_E_RANGE);
    assert_int_equal(chunk, 5);
    test_free(p);
}

static double ttft(const char *model, const char *dev, uint32_t tp)
{
    roof_plan *p = plan_of(model, dev, tp);
    roof_step_result r;
    assert_int_equal(roof_plan_step(p, 1, 8192, 0, &r), ROOF_OK);
    test_free(p);
    return r.seconds;
}

static void smallest_tensor_parallel(void **state)
{
    (void)state;
    roof_model m;
    roof_hardware hw;
    roof_workload w;
    assert_int_equal(roof_model_find("llama-3.1-70b", &m), ROOF_OK);
    assert_int_equal(roof_hardware_find("h100-sxm", &hw), ROOF_OK);
    assert_int_equal(roof_workload_prefill(1, 1, &w), ROOF_OK);
    w.attention = ROOF_ATTN_FUSED;
    const double t2 = ttft("llama-3.1-70b", "h100-sxm", 2);
    const double t4 = ttft("llama-3.1-70b", "h100-sxm", 4);
    assert_true(t4 < t2);
    uint32_t tp = 0;
    roof_step_result at;
    /* between the TTFT of 4 and 2 devices: 4 (3 does not divide 64 heads) */
    assert_int_equal(roof_min_tensor_parallel(&m, &w, &hw, NULL, 1, 8192,
                                              0.5 * (t2 + t4),
                                              ROOF_BASIS_BOUND, 8, &tp, &at),
                     ROOF_OK);
    assert_int_equal(tp, 4);
    assert_true(fabs(at.seconds - t4) <= 1e-12 * t4);
    /* any time: 140 GB of weights need 2 devices of 80 GB */
    assert_int_equal(roof_min_tensor_parallel(&m, &w, &hw, NULL, 1, 8192,
                                              100.0, ROOF_BASIS_EXPECTED, 8,
                                              &tp, NULL),
                     ROOF_OK);
    assert_int_equal(tp, 2);
    tp = 99;
    assert_int_equal(roof_min_tensor_parallel(&m, &w, &hw, NULL, 1, 8192,
                                              1e-4, ROOF_BASIS_BOUND, 8, &tp,
                                              NULL),
                     ROOF_E_DOES_NOT_FIT);
    assert_int_equal(roof_min_tensor_parallel(&m, &w, &hw, NULL, 1, 8192,
                                              1.0, ROOF_BASIS_BOUND, 0, &tp,
                                              NULL),
                     ROOF_E_RANGE);
    assert_int_equal(roof_min_tensor_parallel(&m, &w, &hw, NULL, 1, 8192,
                                              1.0, 7, 8, &tp, NULL),
                     ROOF_E_INVALID);
    assert_int_equal(roof_min_tensor_parallel(NULL, &w, &hw, NULL, 1, 8192,
                                              1.0, 0, 8, &tp, NULL),
                     ROOF_E_NULL);
    m.heads = 0;
    assert_int_not_equal(roof_min_tensor_parallel(&m, &w, &hw, NULL, 1, 8192,
                                                  1.0, 0, 8, &tp, NULL),
                         ROOF_OK);
    assert_int_equal(tp, 99);
}

static double memory_at(const roof_plan *p, uint32_t batch, uint32_t c,
                        uint32_t *fits)
{
    roof_request q;
    roof_memory mem;
    assert_int_equal(roof_request_init(batch, c, 1, &q), ROOF_OK);
    q.workload = p->workload;
    q.workload.batch = batch;
    assert_int_equal(roof_memory_footprint(&p->model, &p->hardware, &q,
                                           &mem),
                     ROOF_OK);
    *fits = mem.fits;
    return mem.total_bytes;
}

static void best_throughput(void **state)
{
    (void)state;
    roof_plan *p = plan_of("llama-2-13b", "a6000", 1);
    roof_throughput t;
    uint32_t fits;
    /* a loose target: the 48 GB memory limits the batch */
    assert_int_equal(roof_plan_max_decode_throughput(p, 4096, 10.0,
                                                     ROOF_BASIS_EXPECTED,
                                                     &t),
                     ROOF_OK);
    assert_int_equal(t.limit, 2);
    assert_true(t.memory_bytes == memory_at(p, t.batch, 4096, &fits));
    assert_true(fits);
    (void)memory_at(p, t.batch + 1, 4096, &fits);
    assert_false(fits);
    assert_true(t.step_seconds == decode_time(p, t.batch, 4096, 1));
    assert_true(t.tokens_per_s == t.batch / t.step_seconds);
    /* a tight target: the time limits it, and it is max_decode_batch's */
    uint32_t b;
    const double tpot = decode_time(p, 3, 512, ROOF_BASIS_BOUND);
    assert_int_equal(roof_plan_max_decode_throughput(p, 512, tpot,
                                                     ROOF_BASIS_BOUND, &t),
                     ROOF_OK);
    assert_int_equal(roof_plan_max_decode_batch(p, 512, tpot,
                                                ROOF_BASIS_BOUND, &b, NULL),
                     ROOF_OK);
    assert_int_equal(t.limit, 1);
    assert_int_equal(t.batch, b);
    assert_true(fabs(t.tokens_per_s * t.step_seconds - b) <= 1e-12 * b);
    /* no answers */
    memset(&t, 0x5a, sizeof t);
    const roof_throughput before = t;
    assert_int_equal(roof_plan_max_decode_throughput(p, 512, 1e-4, 0, &t),
                     ROOF_E_DOES_NOT_FIT);
    assert_int_equal(roof_plan_max_decode_throughput(p, 3000000, 1e3, 0,
                                                     &t),
                     ROOF_E_DOES_NOT_FIT); /* one sequence's cache > 48 GB */
    assert_int_equal(roof_plan_max_decode_throughput(p, 512, 0.0, 0, &t),
                     ROOF_E_RANGE);
    assert_int_equal(roof_plan_max_decode_throughput(p, 512, 1.0, 0, NULL),
                     ROOF_E_NULL);
    assert_memory_equal(&t, &before, sizeof t);
    test_free(p);
}

static void utilization(void **state)
{
    (void)state;
    roof_plan *p = plan_of("llama-2-13b", "a6000", 1);
    roof_step_result r;
    assert_int_equal(roof_plan_step(p, 1, 1, 1024, &r), ROOF_OK);
    double mfu = -1, mbu = -1;
    /* measured at twice the bound: a memory-bound decode at half of DRAM */
    assert_int_equal(roof_plan_utilization(p, &r, 2.0 * r.seconds, &mfu,
                                           &mbu),
                     ROOF_OK);
    double fp16;
    assert_int_equal(roof_hardware_peak_flops_per_s(&p->hardware, ROOF_FP16,
                                                    &fp16),
                     ROOF_OK);
    assert_true(fabs(mfu - r.flops / (2.0 * r.seconds * fp16)) <= 1e-15);
    assert_true(fabs(mbu - r.bytes / (2.0 * r.seconds * 768e9)) <= 1e-15);
    assert_true(mbu > 0.45 && mbu <= 0.5 + 1e-12); /* memory-bound ops */
    mfu = mbu = -1;
    assert_int_equal(roof_plan_utilization(p, &r, 0.0, &mfu, &mbu),
                     ROOF_E_RANGE);
    r.flops = (double)NAN;
    assert_int_equal(roof_plan_utilization(p, &r, 1.0, &mfu, &mbu),
                     ROOF_E_RANGE);
    assert_int_equal(roof_plan_utilization(p, NULL, 1.0, &mfu, &mbu),
                     ROOF_E_NULL);
    p->tag ^= 1;
    assert_int_equal(roof_plan_utilization(p, &r, 1.0, &mfu, &mbu),
                     ROOF_E_INVALID);
    assert_true(mfu == -1 && mbu == -1);
    test_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_batch),
        cmocka_unit_test(decode_batch_errors),
        cmocka_unit_test(chunk_beside_decodes),
        cmocka_unit_test(smallest_tensor_parallel),
        cmocka_unit_test(best_throughput),
        cmocka_unit_test(utilization),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
