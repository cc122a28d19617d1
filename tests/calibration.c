/* Tests of lib/calibration.c, lib/calibration_table.c and lib/calfile.c:
 * profiles, the kernel time model, the built-ins and their JSON files, and
 * the expected times roof_ops reports. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

static roof_hardware device(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

static roof_calibration builtin(const char *name)
{
    roof_hardware hw = device(name);
    roof_calibration cal;
    assert_int_equal(roof_calibration_builtin(&hw, &cal), ROOF_OK);
    return cal;
}

static void test_names(void **state)
{
    (void)state;
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        uint32_t back = 99;
        assert_non_null(roof_kernel_kind_name(k));
        assert_int_equal(roof_kernel_kind_from_name(roof_kernel_kind_name(k),
                                                    &back), ROOF_OK);
        assert_int_equal(back, k);
    }
    uint32_t k = 7;
    assert_null(roof_kernel_kind_name(ROOF_KERNEL_KIND_COUNT));
    assert_int_equal(roof_kernel_kind_from_name("ATTN-PREFILL", &k), ROOF_OK);
    assert_int_equal(k, ROOF_KERNEL_ATTN_PREFILL);
    assert_int_equal(roof_kernel_kind_from_name("matmul", &k),
                     ROOF_E_NOT_FOUND);
    assert_int_equal(roof_kernel_kind_from_name(NULL, &k), ROOF_E_NULL);
    assert_string_equal(roof_calibration_origin_name(ROOF_CAL_DERIVED),
                        "derived");
    assert_null(roof_calibration_origin_name(3));
}

/* Fitted, derived and generic profiles go to the devices
 * docs/calibration.md says they do. */
static void test_builtin_profiles(void **state)
{
    (void)state;
    roof_calibration c = builtin("a100-80gb-pcie");
    assert_int_equal(c.origin, ROOF_CAL_FITTED);
    assert_string_equal(c.device, "a100-80gb-pcie");
    assert_int_equal(builtin("h100-sxm").origin, ROOF_CAL_FITTED);
    c = builtin("a6000");
    assert_int_equal(c.origin, ROOF_CAL_DERIVED);
    assert_string_equal(c.device, "a6000");
    c = builtin("l40s");
    assert_int_equal(c.origin, ROOF_CAL_GENERIC);
    assert_string_equal(c.name, "generic-gddr");
    c = builtin("mi300x");
    assert_string_equal(c.name, "generic-hbm");
    assert_string_equal(c.device, "");
    /* A re-clocked device keeps its profile. */
    roof_hardware hw = device("a6000"), at;
    assert_int_equal(roof_hardware_at_clock(&hw, 1.2e9, &at), ROOF_OK);
    assert_int_equal(roof_calibration_builtin(&at, &c), ROOF_OK);
    assert_string_equal(c.device, "a6000");
    assert_int_equal(roof_calibration_check_hardware(&c, &at), ROOF_OK);
    for (uint32_t i = 0; i < roof_hardware_count(); i++) {
        assert_int_equal(roof_hardware_get(i, &hw), ROOF_OK);
        assert_int_equal(roof_calibration_builtin(&hw, &c), ROOF_OK);
        assert_int_equal(roof_calibration_validate(&c), ROOF_OK);
        assert_int_equal(roof_calibration_check_hardware(&c, &hw), ROOF_OK);
    }
}

static void test_check_hardware(void **state)
{
    (void)state;
    roof_calibration c = builtin("h100-sxm");
    roof_hardware a100 = device("a100-80gb-sxm"), h100 = device("h100-sxm");
    assert_int_equal(roof_calibration_check_hardware(&c, &a100),
                     ROOF_E_MISMATCH);
    assert_int_equal(roof_calibration_check_hardware(&c, &h100), ROOF_OK);
    c.device[0] = '\0';
    assert_int_equal(roof_calibration_check_hardware(&c, &a100), ROOF_OK);
    assert_int_equal(roof_calibration_check_hardware(NULL, &a100),
                     ROOF_E_NULL);
}

static void test_validate(void **state)
{
    (void)state;
    const roof_calibration good = builtin("a100-80gb-pcie");
    roof_calibration c = good;
    assert_int_equal(roof_calibration_validate(&c), ROOF_OK);
    c.kind[ROOF_KERNEL_GEMM].floor_seconds = -1e-6;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.kind[ROOF_KERNEL_NORM].memory_fraction = (double)NAN;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.kind[ROOF_KERNEL_NORM].memory_fraction = 0.0;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.kind[ROOF_KERNEL_GEMM].compute_fraction = 1.2; /* beats the peak */
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.kind[ROOF_KERNEL_ADD].row_bytes_per_s = (double)INFINITY;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.step_overhead_seconds = 2.0;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.kind[ROOF_KERNEL_ACT].reserved[1] = 1.0;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_RANGE);
    c = good;
    c.reserved[3] = 1.0;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_INVALID);
    c = good;
    c.origin = 3;
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_INVALID);
    c = good;
    memset(c.name, 'x', sizeof c.name);
    assert_int_equal(roof_calibration_validate(&c), ROOF_E_INVALID);
    assert_int_equal(roof_calibration_validate(NULL), ROOF_E_NULL);
}

/* The formula of calibration.h, worked by hand:
 *   tc = 1e-5 x (1 + 0.5 x 1) / 0.5 = 3e-5, tm = 3e-5 / 0.8 = 3.75e-5,
 *   tr = 1e5 / 1e10 = 1e-5; 2 x 2e-6 + sqrt(9 + 14.0625 + 1) x 1e-5. */
static void test_expected_formula(void **state)
{
    (void)state;
    roof_calibration c = builtin("a100-80gb-pcie");
    roof_kernel_coef k = {2e-6, 0.5, 0.8, 1e10, 0.5, {0, 0, 0}};
    c.kind[ROOF_KERNEL_ATTN_PREFILL] = k;
    roof_kernel_terms t;
    memset(&t, 0, sizeof t);
    t.kind = ROOF_KERNEL_ATTN_PREFILL;
    t.compute_seconds = 1e-5;
    t.memory_seconds = 3e-5;
    t.row_bytes = 1e5;
    t.masked_extra = 1.0;
    t.launches = 2.0;
    double s = 0.0;
    assert_int_equal(roof_kernel_expected_seconds(&c, &t, &s), ROOF_OK);
    assert_true(fabs(s - (4e-6 + sqrt(24.0625) * 1e-5)) < 1e-18);
    /* Terms the kind does not use (compute off) add nothing. */
    c.kind[ROOF_KERNEL_ATTN_PREFILL].compute_fraction = 0.0;
    c.kind[ROOF_KERNEL_ATTN_PREFILL].row_bytes_per_s = 0.0;
    assert_int_equal(roof_kernel_expected_seconds(&c, &t, &s), ROOF_OK);
    assert_true(fabs(s - (4e-6 + 3.75e-5)) < 1e-18);

    const double before = s;
    t.launches = 0.5;
    assert_int_equal(roof_kernel_expected_seconds(&c, &t, &s), ROOF_E_RANGE);
    t.launches = 1.0;
    t.kind = ROOF_KERNEL_KIND_COUNT;
    assert_int_equal(roof_kernel_expected_seconds(&c, &t, &s),
                     ROOF_E_INVALID);
    t.kind = ROOF_KERNEL_GEMM;
    t.memory_seconds = -1.0;
    assert_int_equal(roof_kernel_expected_seconds(&c, &t, &s), ROOF_E_RANGE);
    assert_true(s == before); /* untouched on error */
    assert_int_equal(roof_kernel_expected_seconds(NULL, &t, &s), ROOF_E_NULL);
}

static void test_json_round_trip(void **state)
{
    (void)state;
    roof_calibration c = builtin("h100-sxm"), back;
    c.step_overhead_seconds = 1.25e-3;
    char buf[8192];
    size_t len = 0;
    assert_int_equal(roof_calibration_to_json(&c, buf, sizeof buf, &len),
                     ROOF_OK);
    memset(&back, 0x5A, sizeof back);
    assert_int_equal(roof_calibration_from_json(buf, len, &back, NULL),
                     ROOF_OK);
    assert_memory_equal(&c, &back, sizeof c);
    /* Too small a buffer: the size needed, the buffer untouched. */
    char small[16] = "untouched";
    size_t need = 0;
    assert_int_equal(roof_calibration_to_json(&c, small, sizeof small, &need),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_true(need >= len);
    assert_string_equal(small, "untouched");
}

/* A profile text with one edit: `from` replaced by `to`. */
static int parse_edited(const char *from, const char *to,
                        roof_parse_error *err)
{
    roof_calibration c = builtin("a100-80gb-pcie"), out;
    char buf[8192], edited[8192];
    size_t len = 0;
    assert_int_equal(roof_calibration_to_json(&c, buf, sizeof buf, &len),
                     ROOF_OK);
    buf[len] = '\0';
    const char *at = strstr(buf, from);
    assert_non_null(at);
    size_t head = (size_t)(at - buf);
    memcpy(edited, buf, head);
    strcpy(edited + head, to);
    strcat(edited, at + strlen(from));
    memset(&out, 0x5A, sizeof out);
    roof_calibration before = out;
    memset(err, 0, sizeof *err);
    int rc = roof_calibration_from_json(edited, strlen(edited), &out, err);
    if (rc != ROOF_OK)
        assert_memory_equal(&out, &before, sizeof out);
    return rc;
}

static void test_json_errors(void **state)
{
    (void)state;
    roof_parse_error err;
    assert_int_equal(parse_edited("\"masked_fraction\"", "\"masked\"", &err),
                     ROOF_E_INVALID);
    assert_non_null(strstr(err.message, "masked"));
    assert_int_equal(parse_edited("\"softmax\"", "\"_softmax\"", &err),
                     ROOF_E_MISSING);
    assert_non_null(strstr(err.message, "softmax"));
    assert_int_equal(parse_edited("\"fitted\"", "\"measured\"", &err),
                     ROOF_E_INVALID);
    assert_non_null(strstr(err.message, "origin"));
    assert_int_equal(parse_edited("\"memory_fraction\": 0.828",
                                  "\"memory_fraction\": -0.828", &err),
                     ROOF_E_RANGE);
    assert_int_equal(parse_edited("\"floor_seconds\": 4.924e-06",
                                  "\"floor_seconds\": \"fast\"", &err),
                     ROOF_E_TYPE);
    assert_non_null(strstr(err.message, "floor_seconds"));
    assert_int_equal(parse_edited("\"kinds\": {", "\"kinds\": [{", &err),
                     ROOF_E_PARSE);
    roof_calibration out;
    assert_int_equal(roof_calibration_from_json(NULL, 0, &out, NULL),
                     ROOF_E_NULL);
}

/* Expected times in roof_ops: the model's formula per operator, summed
 * into the totals, at or above the bound where no fraction exceeds 1. */
static void test_ops_expected_times(void **state)
{
    (void)state;
    roof_model m;
    roof_workload w;
    roof_hardware hw = device("a100-80gb-pcie");
    roof_calibration cal = builtin("a100-80gb-pcie");
    roof_op ops[ROOF_MAX_OPS];
    roof_totals t, t2;
    uint32_t n = 0;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    assert_int_equal(roof_workload_prefill(2, 300, &w), ROOF_OK);
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t),
                     ROOF_OK);
    double layer = 0.0, top = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        const roof_op *o = &ops[i];
        assert_true(o->expected_seconds >= o->roofline.seconds);
        if (o->id == ROOF_OP_Q_PROJ) {
            roof_kernel_terms k;
            memset(&k, 0, sizeof k);
            k.kind = ROOF_KERNEL_GEMM;
            k.compute_seconds = o->roofline.compute_seconds;
            k.memory_seconds = o->roofline.memory_seconds;
            k.row_bytes = o->bytes / 600.0;
            k.launches = 1.0;
            double e;
            assert_int_equal(roof_kernel_expected_seconds(&cal, &k, &e),
                             ROOF_OK);
            assert_true(fabs(e - o->expected_seconds) <= 1e-12 * e);
        }
        *(o->scope == ROOF_SCOPE_LAYER ? &layer : &top) += o->expected_seconds;
    }
    assert_true(fabs(t.layer.expected_seconds - layer) <= 1e-12 * layer);
    assert_true(fabs(t.model.expected_seconds - (m.layers * layer + top))
                <= 1e-12 * t.model.expected_seconds);
    assert_true(t.overhead_seconds == 0.0);
    /* roof_step gives the same totals, bit for bit. */
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &t2), ROOF_OK);
    assert_memory_equal(&t, &t2, sizeof t);
}

/* Another profile moves the expected times, never the bound; a profile
 * of another device is refused and nothing is written. */
static void test_ops_with_a_profile(void **state)
{
    (void)state;
    roof_model m;
    roof_workload w;
    roof_hardware hw = device("a100-80gb-pcie");
    roof_calibration cal = builtin("a100-80gb-pcie");
    roof_totals a, b;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    assert_int_equal(roof_workload_decode(8, 1000, &w), ROOF_OK);
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &a), ROOF_OK);
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++)
        cal.kind[k].floor_seconds *= 2.0;
    cal.step_overhead_seconds = 1e-3;
    assert_int_equal(roof_step_calibrated(&m, &w, &hw, NULL, &cal, &b),
                     ROOF_OK);
    assert_true(a.model.seconds == b.model.seconds);
    assert_true(b.model.expected_seconds > a.model.expected_seconds);
    assert_true(b.overhead_seconds == 1e-3);

    roof_calibration other = builtin("h100-sxm");
    roof_totals untouched;
    memset(&untouched, 0x5A, sizeof untouched);
    b = untouched;
    assert_int_equal(roof_step_calibrated(&m, &w, &hw, NULL, &other, &b),
                     ROOF_E_MISMATCH);
    assert_memory_equal(&b, &untouched, sizeof b);
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    cal.kind[ROOF_KERNEL_GEMM].memory_fraction = -1.0;
    assert_int_equal(roof_ops_calibrated(&m, &w, &hw, NULL, &cal, ops,
                                         ROOF_MAX_OPS, &n, NULL),
                     ROOF_E_RANGE);
    assert_int_equal(n, 0);
}

/* The estimate's expected times: at or above the bounds on a profile
 * whose fractions are all <= 1, consistent with each other, and the mean
 * decode step (Simpson's rule over three contexts) within 0.1% of the
 * mean of every step's expected time computed one by one. */
static void test_estimate_expected_times(void **state)
{
    (void)state;
    roof_model m;
    roof_hardware hw = device("a100-80gb-pcie");
    roof_request r;
    roof_estimate e;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    assert_int_equal(roof_request_init(4, 700, 300, &r), ROOF_OK);
    r.workload.attention = ROOF_ATTN_FUSED;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_true(e.expected_ttft_seconds >= e.ttft_seconds);
    assert_true(e.expected_tpot_seconds >= e.tpot_seconds);
    assert_true(fabs(e.expected_e2e_seconds
                     - (e.expected_ttft_seconds
                        + 299.0 * e.expected_tpot_seconds))
                <= 1e-12 * e.expected_e2e_seconds);
    assert_true(fabs(e.expected_tokens_per_s
                     - 4.0 * 300.0 / e.expected_e2e_seconds)
                <= 1e-12 * e.expected_tokens_per_s);
    double sum = 0.0;
    for (uint32_t c = 700; c <= 998; c++) {
        roof_workload w = r.workload;
        roof_totals t;
        w.new_tokens = 1;
        w.cached_tokens = c;
        assert_int_equal(roof_step(&m, &w, &hw, NULL, &t), ROOF_OK);
        sum += t.model.expected_seconds;
    }
    assert_true(fabs(e.expected_tpot_seconds - sum / 299.0)
                <= 1e-3 * e.expected_tpot_seconds);
    roof_workload w = r.workload;
    roof_totals t;
    w.new_tokens = 700;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &t), ROOF_OK);
    assert_true(fabs(e.expected_ttft_seconds - t.model.expected_seconds)
                <= 1e-12 * e.expected_ttft_seconds);
}

/* A profile's step overhead enters every expected step of an estimate
 * and of the scaling sweep; a profile of another device is refused. */
static void test_estimate_with_a_profile(void **state)
{
    (void)state;
    roof_model m;
    roof_hardware hw = device("a100-80gb-sxm");
    roof_calibration cal = builtin("a100-80gb-sxm");
    roof_request r;
    roof_estimate a, b;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    assert_int_equal(roof_request_init(2, 256, 65, &r), ROOF_OK);
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &a), ROOF_OK);
    cal.step_overhead_seconds = 2e-3;
    assert_int_equal(roof_estimate_run_calibrated(&m, &hw, &r, &cal, &b),
                     ROOF_OK);
    assert_true(b.overhead_seconds == 2e-3);
    assert_true(fabs(b.expected_ttft_seconds - a.expected_ttft_seconds - 2e-3)
                < 1e-12);
    assert_true(fabs(b.expected_tpot_seconds - a.expected_tpot_seconds - 2e-3)
                < 1e-12);
    assert_true(b.ttft_seconds == a.ttft_seconds);
    roof_scaling_point pts[8];
    uint32_t n = 0;
    assert_int_equal(roof_scaling_calibrated(&m, &hw, &r, &cal, 8, pts, 8, &n),
                     ROOF_OK);
    assert_true(n >= 2);
    assert_true(fabs(pts[0].expected_tpot_seconds - b.expected_tpot_seconds)
                <= 1e-12 * b.expected_tpot_seconds);
    assert_true(pts[0].expected_speedup == 1.0);
    roof_calibration other = builtin("h100-sxm");
    roof_estimate untouched;
    memset(&untouched, 0x5A, sizeof untouched);
    b = untouched;
    assert_int_equal(roof_estimate_run_calibrated(&m, &hw, &r, &other, &b),
                     ROOF_E_MISMATCH);
    assert_memory_equal(&b, &untouched, sizeof b);
    assert_int_equal(roof_scaling_calibrated(&m, &hw, &r, &other, 8, pts, 8,
                                             &n),
                     ROOF_E_MISMATCH);
}

/* The bound of an FP16 GEMM on a GeForce card uses its FP16-accumulate
 * rate (twice the FP32-accumulate one); the expected time prices the
 * FP32-accumulate rate frameworks run at, so a compute-bound GEMM is
 * expected at more than twice its bound. */
static void test_expected_uses_the_wide_rate(void **state)
{
    (void)state;
    roof_model m;
    roof_workload w;
    roof_hardware hw = device("rtx-4090");
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    assert_int_equal(roof_workload_prefill(1, 4096, &w), ROOF_OK);
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, NULL),
                     ROOF_OK);
    assert_int_equal(ops[1].id, ROOF_OP_Q_PROJ);
    assert_int_equal(ops[1].roofline.bound, ROOF_BOUND_COMPUTE);
    assert_true(ops[1].expected_seconds > 2.0 * ops[1].roofline.seconds);
}

/* A module whose format runs at another precision than the workload's
 * (MXFP4 weights on an H100 run dequantized at BF16 while the workload
 * asks FP8) is priced at its own roof: its expected time stays above its
 * bound. */
static void test_expected_follows_the_module_roof(void **state)
{
    (void)state;
    roof_model m;
    roof_workload w;
    roof_hardware hw = device("h100-sxm");
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    m.formats_set = ROOF_MODULE_LAYERS;
    m.format_layers = ROOF_FORMAT_MXFP4;
    assert_int_equal(roof_workload_prefill(1, 8192, &w), ROOF_OK);
    w.precision = ROOF_FP8;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, NULL),
                     ROOF_OK);
    assert_int_equal(ops[1].id, ROOF_OP_Q_PROJ);
    assert_int_equal(ops[1].precision, ROOF_BF16);
    assert_int_equal(ops[1].roofline.bound, ROOF_BOUND_COMPUTE);
    assert_true(ops[1].expected_seconds > ops[1].roofline.seconds);
}

static void test_kind_guess(void **state)
{
    (void)state;
    static const struct { const char *name; uint32_t kind; } cases[] = {
        {"ampere_fp16_s16816gemm_fp16_128x128_ldg8_f2f_tn", ROOF_KERNEL_GEMM},
        {"flash_fwd_splitkv_kernel", ROOF_KERNEL_ATTN_PREFILL},
        {"paged_attention_v2_decode", ROOF_KERNEL_ATTN_DECODE},
        {"fused_add_rms_norm_kernel", ROOF_KERNEL_NORM},
        {"rotary_embedding_kernel", ROOF_KERNEL_ROPE},
        {"act_and_mul_kernel<silu>", ROOF_KERNEL_ACT},
        {"vectorized_elementwise_kernel<Add>", ROOF_KERNEL_ADD},
        {"indexSelectLargeIndex (embedding)", ROOF_KERNEL_EMBED},
        {"ncclDevKernel_AllReduce_Sum_f16_RING_LL", ROOF_KERNEL_COMM},
        {"cunn_SoftMaxForward", ROOF_KERNEL_SOFTMAX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t k = 99;
        assert_int_equal(roof_kernel_kind_guess(cases[i].name, &k), ROOF_OK);
        if (k != cases[i].kind)
            fail_msg("%s: kind %u, want %u", cases[i].name, (unsigned)k,
                     (unsigned)cases[i].kind);
    }
    uint32_t k;
    assert_int_equal(roof_kernel_kind_guess(NULL, &k), ROOF_E_NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_builtin_profiles),
        cmocka_unit_test(test_check_hardware),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_expected_formula),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_ops_expected_times),
        cmocka_unit_test(test_ops_with_a_profile),
        cmocka_unit_test(test_estimate_expected_times),
        cmocka_unit_test(test_estimate_with_a_profile),
        cmocka_unit_test(test_kind_guess),
        cmocka_unit_test(test_expected_follows_the_module_roof),
        cmocka_unit_test(test_expected_uses_the_wide_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
