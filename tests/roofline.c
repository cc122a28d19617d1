/* Tests of lib/roofline.c: ceilings, the ridge, one kernel, measured
 * kernels and hierarchical roofs.  Numbers are derived by hand in the
 * comments; the A6000 at 1800 MHz is the running example
 * (peak 84 x 1024 x 1.8e9 = 154.8288e12 FLOP/s, 768e9 B/s). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

/* NAN and INFINITY are floats: keep -Wdouble-promotion quiet. */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)
#define SENTINEL 0xA5
#define A6000_PEAK 154828800000000.0
#define A6000_BW 768e9

static void fill(void *p, size_t n)
{
    memset(p, SENTINEL, n);
}

static int untouched(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        if (b[i] != SENTINEL)
            return 0;
    }
    return 1;
}

static void assert_close(double got, double want)
{
    if (!(fabs(got - want) <= 1e-12 * fabs(want)))
        fail_msg("got %.17g, want %.17g", got, want);
}

static roof_hardware a6000(void)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find("a6000", &hw), ROOF_OK);
    return hw;
}

static roof_ceiling a6000_ceiling(void)
{
    roof_hardware hw = a6000();
    roof_ceiling c;
    assert_int_equal(roof_ceiling_from_hardware(&hw, ROOF_FP16, NULL, &c), ROOF_OK);
    return c;
}

static void test_ceiling_from_hardware(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    assert_true(c.peak_flops_per_s == A6000_PEAK);
    assert_true(c.bytes_per_s == A6000_BW);
    assert_true(c.interconnect_bytes_per_s == 56.25e9);
    /* Efficiency scales each roof: 0.5 x 154.8288e12 = 77.4144e12,
     * 0.25 x 768e9 = 192e9, 0.5 x 56.25e9 = 28.125e9 (all exact). */
    roof_hardware hw = a6000();
    roof_efficiency eff = {.compute = 0.5, .memory = 0.25,
                           .interconnect = 0.5};
    assert_int_equal(roof_ceiling_from_hardware(&hw, ROOF_FP16, &eff, &c), ROOF_OK);
    assert_true(c.peak_flops_per_s == 77414400000000.0);
    assert_true(c.bytes_per_s == 192e9);
    assert_true(c.interconnect_bytes_per_s == 28.125e9);
    /* The vector clock applies to FP32 on Hopper: 132 x 256 x 1.98e9. */
    roof_hardware h100;
    assert_int_equal(roof_hardware_find("h100", &h100), ROOF_OK);
    assert_int_equal(roof_ceiling_from_hardware(&h100, ROOF_FP32, NULL, &c), ROOF_OK);
    assert_true(c.peak_flops_per_s == 66908160000000.0);
}

static void expect_ceiling_error(const roof_hardware *hw, uint32_t precision,
                                 const roof_efficiency *eff, int want)
{
    roof_ceiling c;
    fill(&c, sizeof c);
    assert_int_equal(roof_ceiling_from_hardware(hw, precision, eff, &c), want);
    assert_true(untouched(&c, sizeof c));
}

static void test_ceiling_from_hardware_errors(void **state)
{
    (void)state;
    roof_hardware hw = a6000();
    expect_ceiling_error(NULL, ROOF_FP16, NULL, ROOF_E_NULL);
    assert_int_equal(roof_ceiling_from_hardware(&hw, ROOF_FP16, NULL, NULL),
                     ROOF_E_NULL);
    expect_ceiling_error(&hw, ROOF_PRECISION_COUNT, NULL, ROOF_E_INVALID);
    expect_ceiling_error(&hw, ROOF_FP8, NULL, ROOF_E_UNSUPPORTED);
    const double bad_fraction[] = {0.0, -0.5, 1.5, DNAN, DINF, 1e-300,
                                   5e-324};
    for (size_t i = 0; i < sizeof bad_fraction / sizeof bad_fraction[0]; i++) {
        roof_efficiency eff = {.compute = 1.0, .memory = 1.0,
                               .interconnect = 1.0};
        eff.compute = bad_fraction[i];
        expect_ceiling_error(&hw, ROOF_FP16, &eff, ROOF_E_RANGE);
    }
    roof_hardware bad = hw;
    bad.units = 0;
    expect_ceiling_error(&bad, ROOF_FP16, NULL, ROOF_E_RANGE);
    bad = hw;
    bad.reserved[2] = 1.0;
    expect_ceiling_error(&bad, ROOF_FP16, NULL, ROOF_E_INVALID);
    /* A bandwidth the validator refuses, because its ridge would be
     * 1e23 / 1e-308 = inf, is refused here with the same status. */
    bad = hw;
    bad.dram_bytes_per_s = 1e-308;
    assert_int_equal(roof_hardware_validate(&bad), ROOF_E_RANGE);
    expect_ceiling_error(&bad, ROOF_FP16, NULL, ROOF_E_RANGE);
    /* An efficiency the validator accepts with ops refusing it: 1e-300
     * and denormals are refused by both (ROOF_E_RANGE). */
    roof_efficiency tiny = {1.0, 1e-300, 1.0, {0}};
    assert_int_equal(roof_efficiency_validate(&tiny), ROOF_E_RANGE);
    expect_ceiling_error(&hw, ROOF_FP16, &tiny, ROOF_E_RANGE);
    /* A valid but tiny bandwidth scaled below the 1e-30 floor:
     * 1e-29 x 0.01 = 1e-31 B/s is no roof to divide by. */
    bad = hw;
    bad.dram_bytes_per_s = 1e-29;
    roof_efficiency low = {.compute = 1.0, .memory = 0.01,
                           .interconnect = 1.0};
    expect_ceiling_error(&bad, ROOF_FP16, &low, ROOF_E_RANGE);
}

static void test_ceiling_validate(void **state)
{
    (void)state;
    roof_ceiling good = a6000_ceiling(), c;
    assert_int_equal(roof_ceiling_validate(&good), ROOF_OK);
    assert_int_equal(roof_ceiling_validate(NULL), ROOF_E_NULL);
    const double bad[] = {0.0, -1.0, DNAN, DINF, 2e30, 1e-31};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c = good; c.peak_flops_per_s = bad[i];
        assert_int_equal(roof_ceiling_validate(&c), ROOF_E_RANGE);
        c = good; c.bytes_per_s = bad[i];
        assert_int_equal(roof_ceiling_validate(&c), ROOF_E_RANGE);
        if (bad[i] != 0.0) {
            c = good; c.interconnect_bytes_per_s = bad[i];
            assert_int_equal(roof_ceiling_validate(&c), ROOF_E_RANGE);
        }
    }
    /* No interconnect is fine; the edges of the range are too. */
    c = good;
    c.interconnect_bytes_per_s = 0.0;
    c.peak_flops_per_s = 1e30;
    c.bytes_per_s = 1e-30;
    assert_int_equal(roof_ceiling_validate(&c), ROOF_OK);
}

static void test_ridge(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    double ridge = -1.0;
    /* 154.8288e12 / 768e9 = 201.6 exactly in decimal, so the correctly
     * rounded quotient is the double nearest 201.6. */
    assert_int_equal(roof_ridge_flops_per_byte(&c, &ridge), ROOF_OK);
    assert_true(ridge == 201.6);
    /* At 2100 MHz: 180.6336e12 / 768e9 = 235.2. */
    c.peak_flops_per_s = 180633600000000.0;
    assert_int_equal(roof_ridge_flops_per_byte(&c, &ridge), ROOF_OK);
    assert_true(ridge == 235.2);

    ridge = 7.0;
    assert_int_equal(roof_ridge_flops_per_byte(NULL, &ridge), ROOF_E_NULL);
    assert_int_equal(roof_ridge_flops_per_byte(&c, NULL), ROOF_E_NULL);
    c.bytes_per_s = 0.0;
    assert_int_equal(roof_ridge_flops_per_byte(&c, &ridge), ROOF_E_RANGE);
    assert_true(ridge == 7.0);
}

static roof_roofline eval(const roof_ceiling *c, double flops, double bytes)
{
    roof_roofline r;
    assert_int_equal(roof_roofline_eval(c, flops, bytes, &r), ROOF_OK);
    /* Invariants of every verdict. */
    assert_true(r.flops == flops && r.bytes == bytes);
    assert_true(r.seconds == fmax(r.compute_seconds, r.memory_seconds));
    assert_true(r.attainable_flops_per_s <= c->peak_flops_per_s);
    assert_int_equal(r.reserved, 0);
    return r;
}

static void test_below_the_ridge(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    /* 1e12 FLOP over 1e10 B: I = 100 FLOP/B < 201.6, memory-bound.
     * attainable = 768e9 x 100 = 76.8e12; memory time 1e10 / 768e9 =
     * 13.0208333 ms; compute time 1e12 / 154.8288e12 = 6.4587 ms. */
    roof_roofline r = eval(&c, 1e12, 1e10);
    assert_true(r.flops_per_byte == 100.0);
    assert_true(r.ridge_flops_per_byte == 201.6);
    assert_int_equal(r.bound, ROOF_BOUND_MEMORY);
    assert_close(r.attainable_flops_per_s, 76.8e12);
    assert_close(r.memory_seconds, 1e10 / 768e9);
    assert_close(r.compute_seconds, 1e12 / A6000_PEAK);
    assert_true(r.seconds == r.memory_seconds);
    /* flops = 0 (a pure copy): intensity 0, still bounded by memory. */
    r = eval(&c, 0.0, 4096.0);
    assert_true(r.flops_per_byte == 0.0 && r.attainable_flops_per_s == 0.0);
    assert_int_equal(r.bound, ROOF_BOUND_MEMORY);
    assert_close(r.seconds, 4096.0 / 768e9);
}

static void test_at_the_ridge(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    double ridge;
    assert_int_equal(roof_ridge_flops_per_byte(&c, &ridge), ROOF_OK);
    /* bytes a power of two, so flops / bytes gives the ridge back
     * exactly: the kernel sits on the ridge and counts as compute-bound. */
    double bytes = 1073741824.0;
    roof_roofline r = eval(&c, ridge * bytes, bytes);
    assert_true(r.flops_per_byte == r.ridge_flops_per_byte);
    assert_int_equal(r.bound, ROOF_BOUND_COMPUTE);
    /* Both roofs meet here: the two times agree, attainable = peak. */
    assert_close(r.compute_seconds, r.memory_seconds);
    assert_close(r.attainable_flops_per_s, A6000_PEAK);
    /* One step below the ridge is memory-bound. */
    r = eval(&c, nextafter(ridge, 0.0) * bytes, bytes);
    assert_int_equal(r.bound, ROOF_BOUND_MEMORY);
}

static void test_above_the_ridge(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    /* 1e15 FLOP over 1e9 B: I = 1e6 FLOP/B, compute-bound.
     * time = 1e15 / 154.8288e12 = 6.4587 s; attainable = peak. */
    roof_roofline r = eval(&c, 1e15, 1e9);
    assert_int_equal(r.bound, ROOF_BOUND_COMPUTE);
    assert_true(r.attainable_flops_per_s == A6000_PEAK);
    assert_close(r.seconds, 1e15 / A6000_PEAK);
    assert_true(r.seconds == r.compute_seconds);
    /* Halving the compute roof doubles the time of a compute-bound kernel. */
    roof_ceiling half = c;
    half.peak_flops_per_s /= 2.0;
    roof_roofline slow = eval(&half, 1e15, 1e9);
    assert_close(slow.seconds, 2.0 * r.seconds);
}

static void test_eval_extremes_stay_finite(void **state)
{
    (void)state;
    /* The widest quotients the range allows: 1e30 / 1e-30 = 1e60. */
    roof_ceiling c = {1e-30, 1e-30, 0.0};
    roof_roofline r = eval(&c, 1e30, 1e-30);
    assert_true(isfinite(r.flops_per_byte) && isfinite(r.seconds));
    assert_close(r.seconds, 1e60);
    c.peak_flops_per_s = 1e30;
    c.bytes_per_s = 1e30;
    r = eval(&c, 0.0, 1e-30);
    assert_true(r.seconds > 0.0 && isfinite(r.ridge_flops_per_byte));
}

static void test_eval_errors(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    roof_roofline r;
    fill(&r, sizeof r);
    assert_int_equal(roof_roofline_eval(NULL, 1.0, 1.0, &r), ROOF_E_NULL);
    assert_int_equal(roof_roofline_eval(&c, 1.0, 1.0, NULL), ROOF_E_NULL);
    const double bad_flops[] = {-1.0, DNAN, DINF, -DINF, 2e30};
    for (size_t i = 0; i < sizeof bad_flops / sizeof bad_flops[0]; i++)
        assert_int_equal(roof_roofline_eval(&c, bad_flops[i], 1.0, &r), ROOF_E_RANGE);
    const double bad_bytes[] = {0.0, -1.0, DNAN, DINF, 2e30, 1e-31};
    for (size_t i = 0; i < sizeof bad_bytes / sizeof bad_bytes[0]; i++)
        assert_int_equal(roof_roofline_eval(&c, 1.0, bad_bytes[i], &r), ROOF_E_RANGE);
    roof_ceiling bad = c;
    bad.bytes_per_s = 0.0;
    assert_int_equal(roof_roofline_eval(&bad, 1.0, 1.0, &r), ROOF_E_RANGE);
    bad = c;
    bad.peak_flops_per_s = DNAN;
    assert_int_equal(roof_roofline_eval(&bad, 1.0, 1.0, &r), ROOF_E_RANGE);
    bad = c;
    bad.interconnect_bytes_per_s = -1.0;
    assert_int_equal(roof_roofline_eval(&bad, 1.0, 1.0, &r), ROOF_E_RANGE);
    assert_true(untouched(&r, sizeof r));
}

static void test_measured(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    /* The memory-bound kernel above (model: 1e10 / 768e9 s) measured at
     * twice the model's time: efficiency 0.5; achieved bandwidth
     * 1e10 / (2 x 1e10 / 768e9) = 384e9 = half of 768e9. */
    double model = 1e10 / 768e9;
    roof_measured m;
    assert_int_equal(roof_measured_eval(&c, 1e12, 1e10, 2.0 * model, &m), ROOF_OK);
    assert_int_equal(m.bound, ROOF_BOUND_MEMORY);
    assert_int_equal(m.roof.bound, ROOF_BOUND_MEMORY);
    assert_true(m.seconds == 2.0 * model);
    assert_close(m.efficiency, 0.5);
    assert_close(m.achieved_bytes_per_s, 384e9);
    assert_close(m.memory_fraction, 0.5);
    /* achieved 1e12 / (2 x model) = 38.4e12 FLOP/s; / 154.8288e12. */
    assert_close(m.achieved_flops_per_s, 38.4e12);
    assert_close(m.compute_fraction, 38.4e12 / A6000_PEAK);
    /* efficiency = achieved / attainable: 38.4e12 / 76.8e12. */
    assert_close(m.efficiency, m.achieved_flops_per_s / m.roof.attainable_flops_per_s);
    assert_int_equal(m.reserved, 0);

    /* Faster than the model (caches served part of the traffic): the
     * efficiency is reported as 2, not clamped. */
    assert_int_equal(roof_measured_eval(&c, 1e12, 1e10, model / 2.0, &m), ROOF_OK);
    assert_close(m.efficiency, 2.0);

    /* A compute-bound kernel at 80 % of peak: time = model / 0.8. */
    double t = 1e15 / A6000_PEAK / 0.8;
    assert_int_equal(roof_measured_eval(&c, 1e15, 1e9, t, &m), ROOF_OK);
    assert_int_equal(m.bound, ROOF_BOUND_COMPUTE);
    assert_close(m.efficiency, 0.8);
    assert_close(m.compute_fraction, 0.8);

    /* flops = 0: attainable is 0, the efficiency still is a time ratio. */
    assert_int_equal(roof_measured_eval(&c, 0.0, 768e9, 4.0, &m), ROOF_OK);
    assert_close(m.efficiency, 0.25);
    assert_true(m.achieved_flops_per_s == 0.0);
}

static void test_measured_errors(void **state)
{
    (void)state;
    roof_ceiling c = a6000_ceiling();
    roof_measured m;
    fill(&m, sizeof m);
    const double bad_seconds[] = {0.0, -1.0, DNAN, DINF, 2e30, 1e-31};
    for (size_t i = 0; i < sizeof bad_seconds / sizeof bad_seconds[0]; i++)
        assert_int_equal(roof_measured_eval(&c, 1.0, 1.0, bad_seconds[i], &m),
                         ROOF_E_RANGE);
    assert_int_equal(roof_measured_eval(&c, -1.0, 1.0, 1.0, &m), ROOF_E_RANGE);
    assert_int_equal(roof_measured_eval(&c, 1.0, 0.0, 1.0, &m), ROOF_E_RANGE);
    assert_int_equal(roof_measured_eval(NULL, 1.0, 1.0, 1.0, &m), ROOF_E_NULL);
    assert_true(untouched(&m, sizeof m));
    assert_int_equal(roof_measured_eval(&c, 1.0, 1.0, 1.0, NULL), ROOF_E_NULL);
}

static void test_hierarchy_binding_level(void **state)
{
    (void)state;
    /* Peak 100e12 FLOP/s; DRAM 1e9 B at 1e12 B/s = 1 ms; L2 4e9 B at
     * 5e12 B/s = 0.8 ms; 5e10 FLOP / 100e12 = 0.5 ms: DRAM binds. */
    roof_level levels[2] = {{1e9, 1e12}, {4e9, 5e12}};
    roof_hierarchy h;
    assert_int_equal(roof_hierarchy_eval(100e12, 5e10, levels, 2, &h), ROOF_OK);
    assert_int_equal(h.level_count, 2);
    assert_int_equal(h.binding_level, 0);
    assert_close(h.compute_seconds, 0.5e-3);
    assert_close(h.level_seconds[0], 1e-3);
    assert_close(h.level_seconds[1], 0.8e-3);
    assert_close(h.seconds, 1e-3);
    /* attainable = 5e10 / 1e-3 = 5e13; intensities 50 and 12.5 FLOP/B. */
    assert_close(h.attainable_flops_per_s, 5e13);
    assert_close(h.level_flops_per_byte[0], 50.0);
    assert_close(h.level_flops_per_byte[1], 12.5);
    for (uint32_t i = 2; i < ROOF_MAX_LEVELS; i++)
        assert_true(h.level_seconds[i] == 0.0 && h.level_flops_per_byte[i] == 0.0);

    /* 1e10 B through L2 = 2 ms: L2 binds. */
    levels[1].bytes = 1e10;
    assert_int_equal(roof_hierarchy_eval(100e12, 5e10, levels, 2, &h), ROOF_OK);
    assert_int_equal(h.binding_level, 1);
    assert_close(h.seconds, 2e-3);

    /* 5e11 FLOP = 5 ms: compute binds. */
    assert_int_equal(roof_hierarchy_eval(100e12, 5e11, levels, 2, &h), ROOF_OK);
    assert_int_equal(h.binding_level, ROOF_LEVEL_COMPUTE);
    assert_close(h.attainable_flops_per_s, 100e12);

    /* Ties go to compute, then to the level listed first: 1e11 FLOP =
     * 1 ms = DRAM's 1 ms. */
    levels[1].bytes = 1e9; /* 0.2 ms */
    assert_int_equal(roof_hierarchy_eval(100e12, 1e11, levels, 2, &h), ROOF_OK);
    assert_int_equal(h.binding_level, ROOF_LEVEL_COMPUTE);
    roof_level same[2] = {{1e9, 1e12}, {1e9, 1e12}};
    assert_int_equal(roof_hierarchy_eval(100e12, 0.0, same, 2, &h), ROOF_OK);
    assert_int_equal(h.binding_level, 0);
    /* flops = 0 with a level that moves nothing: intensity 0, no NaN. */
    roof_level idle[2] = {{1e9, 1e12}, {0.0, 1e12}};
    assert_int_equal(roof_hierarchy_eval(100e12, 0.0, idle, 2, &h), ROOF_OK);
    assert_true(h.level_flops_per_byte[0] == 0.0 && h.level_flops_per_byte[1] == 0.0);
    assert_true(h.attainable_flops_per_s == 0.0);
}

static void test_hierarchy_errors(void **state)
{
    (void)state;
    roof_level good[1] = {{1e9, 1e12}};
    roof_hierarchy h;
    fill(&h, sizeof h);
    assert_int_equal(roof_hierarchy_eval(1e12, 1.0, NULL, 1, &h), ROOF_E_NULL);
    assert_int_equal(roof_hierarchy_eval(1e12, 1.0, good, 0, &h), ROOF_E_RANGE);
    roof_level nine[ROOF_MAX_LEVELS + 1];
    for (size_t i = 0; i < ROOF_MAX_LEVELS + 1; i++)
        nine[i] = good[0];
    assert_int_equal(roof_hierarchy_eval(1e12, 1.0, nine, ROOF_MAX_LEVELS + 1, &h),
                     ROOF_E_RANGE);
    const double bad[] = {0.0, -1.0, DNAN, DINF, 2e30};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(roof_hierarchy_eval(bad[i], 1.0, good, 1, &h), ROOF_E_RANGE);
        roof_level l = {1e9, bad[i]};
        assert_int_equal(roof_hierarchy_eval(1e12, 1.0, &l, 1, &h), ROOF_E_RANGE);
        if (bad[i] != 0.0) {
            assert_int_equal(roof_hierarchy_eval(1e12, bad[i], good, 1, &h),
                             ROOF_E_RANGE);
            l.bytes = bad[i];
            l.bytes_per_s = 1e12;
            assert_int_equal(roof_hierarchy_eval(1e12, 1.0, &l, 1, &h), ROOF_E_RANGE);
        }
    }
    /* No level moves a byte: nothing bounds memory time, no verdict. */
    roof_level none[2] = {{0.0, 1e12}, {0.0, 1e12}};
    assert_int_equal(roof_hierarchy_eval(1e12, 1.0, none, 2, &h), ROOF_E_RANGE);
    assert_true(untouched(&h, sizeof h));
    assert_int_equal(roof_hierarchy_eval(1e12, 1.0, good, 1, NULL), ROOF_E_NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ceiling_from_hardware),
        cmocka_unit_test(test_ceiling_from_hardware_errors),
        cmocka_unit_test(test_ceiling_validate),
        cmocka_unit_test(test_ridge),
        cmocka_unit_test(test_below_the_ridge),
        cmocka_unit_test(test_at_the_ridge),
        cmocka_unit_test(test_above_the_ridge),
        cmocka_unit_test(test_eval_extremes_stay_finite),
        cmocka_unit_test(test_eval_errors),
        cmocka_unit_test(test_measured),
        cmocka_unit_test(test_measured_errors),
        cmocka_unit_test(test_hierarchy_binding_level),
        cmocka_unit_test(test_hierarchy_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
