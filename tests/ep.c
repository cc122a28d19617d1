/* Tests of lib/ep.c: the tensor x expert parallel sweep, with DeepSeek-V3's
 * all-to-all bytes and times worked out by hand on 8 H200s and on a GB200
 * NVL72 (docs/collectives.md, "The EP sweep"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define CAP 64

static void assert_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, want %.17g", got, want);
}

/* DeepSeek-V3 (H = 7168, E = 256, k = 8, 58 MoE layers after 3 dense
 * ones), FP8 weights, BF16 activations, fused attention; a batch of 1024
 * sequences of 1024 + 256 tokens. */
static void deepseek(roof_model *m, roof_request *r)
{
    assert_int_equal(roof_model_find("deepseek-v3", m), ROOF_OK);
    assert_int_equal(m->hidden, 7168);
    assert_int_equal(m->experts, 256);
    assert_int_equal(m->experts_per_token, 8);
    assert_int_equal(roof_request_init(1024, 1024, 256, r), ROOF_OK);
    r->workload.weight_bits = 8;
    r->workload.attention = ROOF_ATTN_FUSED;
    /* The workload's 8 bits a weight, not the preset's FP8 blocks (8 +
     * 32/16384 bits): the figures below are derived at 8. */
    m->formats_set = m->format_layers = m->format_experts = 0;
    m->format_embedding = m->format_lm_head = 0;
}

static uint32_t sweep(const char *hw_name, uint32_t max_devices,
                      roof_ep_point *p)
{
    roof_model m;
    roof_request r;
    roof_hardware hw;
    deepseek(&m, &r);
    assert_int_equal(roof_hardware_find(hw_name, &hw), ROOF_OK);
    uint32_t n = 0;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, max_devices, p, CAP, &n),
                     ROOF_OK);
    return n;
}

static const roof_ep_point *find(const roof_ep_point *p, uint32_t n,
                                 uint32_t t, uint32_t e)
{
    for (uint32_t i = 0; i < n; i++)
        if (p[i].tensor_parallel == t && p[i].expert_parallel == e)
            return &p[i];
    fail_msg("no point t=%u e=%u", t, e);
    return &p[0]; /* not reached */
}

/* The expected busiest buffer: (B k / e + c(e) sqrt(B k (E-k) / (e (E-1))))
 * x H x 2 bytes. */
static double busiest(double e)
{
    double c = 0.0;
    assert_int_equal(roof_expected_max_normal((uint32_t)e, &c), ROOF_OK);
    const double B = 1024, k = 8, E = 256;
    return (B * k / e + c * sqrt(B * k * (E - k) / (e * (E - 1.0)))) * 7168
           * 2.0;
}

/* The calibrated all-to-all of 58 layers, dispatch and combine. */
static double expected_a2a(const char *hw_name, double e, double peak)
{
    roof_hardware hw;
    roof_calibration cal;
    assert_int_equal(roof_hardware_find(hw_name, &hw), ROOF_OK);
    assert_int_equal(roof_calibration_builtin(&hw, &cal), ROOF_OK);
    const roof_kernel_coef *k = &cal.kind[ROOF_KERNEL_COMM];
    return 116.0 * (k->floor_seconds + (e - 1.0) / e * busiest(e)
                                        / (peak * k->memory_fraction));
}

static void test_h200_hgx(void **state)
{
    (void)state;
    roof_ep_point p[CAP];
    const uint32_t n = sweep("h200", 8, p);
    /* t = 1, 2, 4, 8 (128 heads, an 8-GPU NVLink domain), e = 1 .. 8/t. */
    const uint32_t want[][2] = {{1, 1}, {1, 2}, {1, 4}, {1, 8}, {2, 1},
                                {2, 2}, {2, 4}, {4, 1}, {4, 2}, {8, 1}};
    assert_int_equal(n, 10);
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(p[i].tensor_parallel, want[i][0]);
        assert_int_equal(p[i].expert_parallel, want[i][1]);
        assert_int_equal(p[i].devices, want[i][0] * want[i][1]);
        assert_int_equal(p[i].moe_layers, 58);
    }
    /* EP 8 inside NVLink: each of 8 replicas holds 128 sequences, whose
     * 128 x 8 token-expert pairs go out at 7168 x 2 bytes each:
     * 14680064 bytes, 7/8 of them leaving; at 450 GB/s, dispatch and
     * combine of 58 layers: 116 x 7/8 x 14680064 / 450e9 = 3.3111 ms. */
    const roof_ep_point *q = find(p, n, 1, 8);
    assert_int_equal(q->link_scope, ROOF_SCOPE_SCALE_UP);
    assert_true(q->dispatch_bytes == 14680064.0);
    assert_rel(q->a2a_seconds, 116.0 * 7.0 / 8.0 * 14680064.0 / 450e9,
               1e-12);
    assert_rel(q->a2a_seconds, 3.3111e-3, 1e-4);
    /* The busiest replica: 1024 + 1.4236 x sqrt(8192 x 248 / 2040) =
     * 1068.92 pairs, 15324117 bytes. */
    assert_rel(q->busiest_dispatch_bytes, busiest(8.0), 1e-12);
    assert_rel(q->busiest_dispatch_bytes, 15324117.0, 1e-6);
    assert_rel(q->expected_a2a_seconds, expected_a2a("h200", 8.0, 450e9),
               1e-12);
    /* The routed experts, 58 x 256 x 3 x 7168 x 2048 = 653.8e9 bytes at
     * FP8: a quarter of them (163 GB) does not fit 141 GB, an eighth
     * (81.7 GB) with the rest does. */
    assert_int_equal(find(p, n, 1, 4)->fits, 0);
    assert_true(find(p, n, 1, 4)->memory_bytes > 653.8e9 / 4.0);
    assert_int_equal(q->fits, 1);
    assert_int_equal(find(p, n, 1, 1)->fits, 0);
}

static void test_gb200_nvl72(void **state)
{
    (void)state;
    roof_ep_point p[CAP];
    const uint32_t n = sweep("gb200", 128, p);
    /* EP 64 inside the 72-GPU domain: 1024 x 8 / 64 = 128 pairs a replica,
     * 128 x 7168 x 2 = 1835008 bytes; 116 x 63/64 x 1835008 / 900e9 =
     * 232.8 us. */
    const roof_ep_point *in = find(p, n, 1, 64);
    assert_int_equal(in->link_scope, ROOF_SCOPE_SCALE_UP);
    assert_true(in->dispatch_bytes == 1835008.0);
    assert_rel(in->a2a_seconds, 116.0 * 63.0 / 64.0 * 1835008.0 / 900e9,
               1e-12);
    assert_rel(in->a2a_seconds, 232.8e-6, 1e-4);
    assert_rel(in->expected_a2a_seconds, expected_a2a("gb200", 64.0, 900e9),
               1e-12);
    /* EP 128 leaves it: 917504 bytes over 50 GB/s,
     * 116 x 127/128 x 917504 / 50e9 = 2.1120 ms, 9 x the time of EP 64. */
    const roof_ep_point *out = find(p, n, 1, 128);
    assert_int_equal(out->link_scope, ROOF_SCOPE_SCALE_OUT);
    assert_true(out->dispatch_bytes == 917504.0);
    assert_rel(out->a2a_seconds, 116.0 * 127.0 / 128.0 * 917504.0 / 50e9,
               1e-12);
    assert_rel(out->a2a_seconds, 2.1120e-3, 1e-4);
    assert_rel(out->expected_a2a_seconds,
               expected_a2a("gb200", 128.0, 50e9), 1e-12);
    /* Where adding devices stops paying off: EP 128 is slower than EP 64,
     * though each device reads half the expert weights. */
    assert_true(out->speedup < in->speedup);
    assert_true(out->expected_speedup < in->expected_speedup);
    assert_true(out->step_seconds - out->a2a_seconds
                < in->step_seconds - in->a2a_seconds);
    /* Inside the domain, each doubling of e reads fewer expert weights. */
    for (uint32_t e = 2; e <= 64; e *= 2)
        assert_true(find(p, n, 1, e)->step_seconds - find(p, n, 1, e)->a2a_seconds
                    < find(p, n, 1, e / 2)->step_seconds
                          - find(p, n, 1, e / 2)->a2a_seconds);
    /* t x e within 128, t within the domain (64). */
    for (uint32_t i = 0; i < n; i++) {
        assert_true(p[i].devices <= 128);
        assert_true(p[i].tensor_parallel <= 64);
    }
}

/* The routed experts of one device, by hand.  On a GB200 at e = 64 a
 * replica holds 16 sequences; the whole model's step reads the experts
 * those 16 x 8 pairs touch, 256 (1 - (31/32)^16) = 101.97 of them, the
 * device's copy its 4 (all touched).  Both are memory-bound (128 pairs x
 * 2 x 7168 x 2048 FLOP = 3.8 GFLOP a projection, 1.5 us at 2.5 PFLOP/s,
 * against 7.3 us for the copy's 4 x 14.7 MB at 8 TB/s) and move the same
 * activations, so the steps differ by 58 layers x 3 projections x
 * (101.97 - 4) experts x 7168 x 2048 bytes / 8e12 B/s = 31.28 ms.  And the
 * copy's memory holds 1/64 of the routed experts, 58 x 256 x 3 x 7168 x
 * 2048 = 653.8e9 bytes at FP8. */
static void test_device_experts(void **state)
{
    (void)state;
    roof_model m;
    roof_request r;
    roof_hardware hw;
    deepseek(&m, &r);
    assert_int_equal(roof_hardware_find("gb200", &hw), ROOF_OK);
    roof_ep_point p[CAP];
    uint32_t n = 0;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 64, p, CAP, &n), ROOF_OK);
    const roof_ep_point *q = find(p, n, 1, 64);
    roof_estimate whole;
    r.workload.batch = 16;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &whole), ROOF_OK);
    const double touched = 256.0 * (1.0 - pow(31.0 / 32.0, 16.0));
    const double expert = 7168.0 * 2048.0;
    assert_rel(whole.tpot_seconds - (q->step_seconds - q->a2a_seconds),
               58.0 * 3.0 * (touched - 4.0) * expert / 8e12, 1e-9);
    assert_rel(whole.tpot_seconds - (q->step_seconds - q->a2a_seconds),
               31.28e-3, 1e-3);
    const double routed = 58.0 * 256.0 * 3.0 * expert;
    assert_true(routed == 653908770816.0);
    assert_rel(whole.memory.total_bytes - q->memory_bytes,
               routed * 63.0 / 64.0, 1e-12);
    /* At t = 2 the experts split 2 x 32 ways: 1/64 again. */
    q = find(p, n, 2, 32);
    r.workload.batch = 32;
    r.workload.tensor_parallel = 2;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &whole), ROOF_OK);
    assert_rel(whole.memory.total_bytes - q->memory_bytes,
               routed / 2.0 * 31.0 / 32.0, 1e-12);
    /* 4-bit weights with a 16-bit scale per 128: 4.125 bits a weight. */
    r.workload.weight_bits = 4;
    r.workload.quant_group = 128;
    r.workload.scale_bits = 16;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &whole), ROOF_OK);
    r.workload.batch = 1024;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 64, p, CAP, &n), ROOF_OK);
    q = find(p, n, 2, 32);
    assert_rel(whole.memory.total_bytes - q->memory_bytes,
               routed * 4.125 / 8.0 / 2.0 * 31.0 / 32.0, 1e-12);
    /* The preset's own FP8 blocks win over the workload's 4 bits: 8 +
     * 32 / (128 x 128) bits a weight (the router columns a device adds
     * back cancel, as above). */
    roof_model own;
    assert_int_equal(roof_model_find("deepseek-v3", &own), ROOF_OK);
    assert_int_equal(roof_ep_sweep(&own, &hw, &r, 64, p, CAP, &n), ROOF_OK);
    q = find(p, n, 2, 32);
    r.workload.batch = 32;
    assert_int_equal(roof_estimate_run(&own, &hw, &r, &whole), ROOF_OK);
    assert_rel(whole.memory.total_bytes - q->memory_bytes,
               routed / 2.0 * 31.0 / 32.0 * (8.0 + 32.0 / 16384.0) / 8.0,
               1e-12);
}

/* e = 1 is the estimate itself; every point's ratios follow its step. */
static void test_ep1_is_the_estimate(void **state)
{
    (void)state;
    roof_model m;
    roof_request r;
    roof_hardware hw;
    deepseek(&m, &r);
    assert_int_equal(roof_hardware_find("h200", &hw), ROOF_OK);
    roof_ep_point p[CAP];
    uint32_t n = 0;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 8, p, CAP, &n), ROOF_OK);
    for (uint32_t t = 1; t <= 8; t *= 2) {
        const roof_ep_point *q = find(p, n, t, 1);
        roof_estimate est;
        r.workload.tensor_parallel = t;
        assert_int_equal(roof_estimate_run(&m, &hw, &r, &est), ROOF_OK);
        assert_true(q->step_seconds == est.tpot_seconds);
        assert_true(q->expected_step_seconds == est.expected_tpot_seconds);
        assert_true(q->memory_bytes == est.memory.total_bytes);
        assert_true(q->a2a_seconds == 0.0 && q->dispatch_bytes == 0.0);
        assert_int_equal(q->link_scope, ROOF_SCOPE_DEVICE);
    }
    assert_true(p[0].speedup == 1.0 && p[0].expected_speedup == 1.0);
    for (uint32_t i = 0; i < n; i++) {
        assert_rel(p[i].tokens_per_s_per_device,
                   1024.0 / (p[i].step_seconds * p[i].devices), 1e-15);
        assert_rel(p[i].expected_tokens_per_s_per_device,
                   1024.0 / (p[i].expected_step_seconds * p[i].devices),
                   1e-15);
        assert_rel(p[i].speedup, p[0].step_seconds / p[i].step_seconds,
                   1e-15);
        assert_rel(p[i].expected_speedup,
                   p[0].expected_step_seconds / p[i].expected_step_seconds,
                   1e-15);
        assert_true(p[i].expected_a2a_seconds >= p[i].a2a_seconds);
    }
}

/* Links the device lacks leave points out. */
static void test_missing_links(void **state)
{
    (void)state;
    roof_model m;
    roof_request r;
    roof_hardware hw;
    deepseek(&m, &r);
    assert_int_equal(roof_hardware_find("h200", &hw), ROOF_OK);
    roof_ep_point p[CAP];
    uint32_t n = 0;
    /* No scale-out figure: nothing beyond the 8-GPU domain. */
    hw.scaleout_bytes_per_s = 0.0;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 64, p, CAP, &n), ROOF_OK);
    assert_int_equal(n, 10);
    for (uint32_t i = 0; i < n; i++)
        assert_true(p[i].devices <= 8);
    /* No interconnect at all: one device. */
    hw.interconnect_bytes_per_s = 0.0;
    hw.scaleup_domain = 0;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 64, p, CAP, &n), ROOF_OK);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].devices, 1);
    /* e must divide the batch: 12 sequences allow e = 1, 2, 4. */
    assert_int_equal(roof_hardware_find("h200", &hw), ROOF_OK);
    r.workload.batch = 12;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 8, p, CAP, &n), ROOF_OK);
    for (uint32_t i = 0; i < n; i++)
        assert_true(p[i].expert_parallel <= 4);
}

static void test_errors(void **state)
{
    (void)state;
    roof_model m, dense;
    roof_request r;
    roof_hardware hw;
    deepseek(&m, &r);
    assert_int_equal(roof_hardware_find("h200", &hw), ROOF_OK);
    roof_ep_point p[CAP], sentinel;
    memset(&sentinel, 0xA5, sizeof sentinel);
    for (uint32_t i = 0; i < CAP; i++)
        p[i] = sentinel;
    uint32_t n = 77;
    assert_int_equal(roof_ep_sweep(NULL, &hw, &r, 8, p, CAP, &n), ROOF_E_NULL);
    assert_int_equal(roof_ep_sweep(&m, NULL, &r, 8, p, CAP, &n), ROOF_E_NULL);
    assert_int_equal(roof_ep_sweep(&m, &hw, NULL, 8, p, CAP, &n), ROOF_E_NULL);
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 8, p, CAP, NULL), ROOF_E_NULL);
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 8, NULL, 1, &n), ROOF_E_NULL);
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 0, p, CAP, &n), ROOF_E_RANGE);
    /* Too small a buffer: the count needed, nothing else. */
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 8, p, 9, &n),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 10);
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 8, NULL, 0, &n),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 10);
    n = 77;
    /* No decode step, pipeline stages, a dense model. */
    roof_request r1 = r;
    r1.gen_tokens = 1;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r1, 8, p, CAP, &n), ROOF_E_RANGE);
    r1 = r;
    r1.pipeline_parallel = 2;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r1, 8, p, CAP, &n),
                     ROOF_E_UNSUPPORTED);
    assert_int_equal(roof_model_find("llama-2-7b", &dense), ROOF_OK);
    assert_int_equal(roof_ep_sweep(&dense, &hw, &r, 8, p, CAP, &n),
                     ROOF_E_UNSUPPORTED);
    /* Bad descriptors: the validators' statuses. */
    roof_model bad = m;
    bad.hidden = 0;
    assert_int_equal(roof_ep_sweep(&bad, &hw, &r, 8, p, CAP, &n),
                     ROOF_E_RANGE);
    roof_hardware badhw = hw;
    badhw.dram_bytes_per_s = -1.0;
    assert_int_equal(roof_ep_sweep(&m, &badhw, &r, 8, p, CAP, &n),
                     ROOF_E_RANGE);
    r1 = r;
    r1.reserved[0] = 1;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r1, 8, p, CAP, &n),
                     ROOF_E_INVALID);
    /* A precision the device lacks: the estimate's status. */
    r1 = r;
    r1.workload.precision = ROOF_FP4;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r1, 8, p, CAP, &n),
                     ROOF_E_UNSUPPORTED);
    assert_int_equal(n, 77);
    for (uint32_t i = 0; i < CAP; i++)
        assert_memory_equal(&p[i], &sentinel, sizeof sentinel);
}

/* k = 5 of E = 8 on e = 2: the copy keeps 4 experts, top-1, and 5 x the
 * tokens of a replica, which for 2^31 sequences passes 2^32. */
static void test_token_overflow(void **state)
{
    (void)state;
    roof_model m;
    roof_request r;
    roof_hardware hw;
    deepseek(&m, &r);
    m.experts = 8;
    m.experts_per_token = 5;
    assert_int_equal(roof_hardware_find("h200", &hw), ROOF_OK);
    r.workload.batch = 1u << 31;
    r.prompt_tokens = 1;
    r.gen_tokens = 2;
    roof_ep_point p[CAP];
    uint32_t n = 77;
    assert_int_equal(roof_ep_sweep(&m, &hw, &r, 2, p, CAP, &n),
                     ROOF_E_OVERFLOW);
    assert_int_equal(n, 77);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_h200_hgx),
        cmocka_unit_test(test_gb200_nvl72),
        cmocka_unit_test(test_device_experts),
        cmocka_unit_test(test_ep1_is_the_estimate),
        cmocka_unit_test(test_missing_links),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_token_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
