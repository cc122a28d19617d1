/* Tests of lib/fit.c and lib/samples.c: the offline fit recovers known
 * coefficients from synthetic kernels, refuses what cannot be fitted, and
 * the online updater rescales a profile from a stream of steps. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define MAX_SAMPLES 400

static roof_hardware device(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

/* A start profile: the generic one, so the fit has to move. */
static roof_calibration start_profile(void)
{
    roof_hardware hw = device("mi300x");
    roof_calibration c;
    assert_int_equal(roof_calibration_builtin(&hw, &c), ROOF_OK);
    return c;
}

/* The time a kernel takes under coefficients k on hw (the formula of
 * calibration.h written out again, so the test does not trust the
 * library's own evaluation). */
static double truth(const roof_hardware *hw, const roof_kernel_coef *k,
                    const roof_kernel_sample *s)
{
    double peak;
    assert_int_equal(roof_hardware_peak_flops_per_s(hw, s->precision, &peak),
                     ROOF_OK);
    const double tc = k->compute_fraction > 0
                          ? s->flops / peak / k->compute_fraction : 0.0;
    const double tm = s->bytes / hw->dram_bytes_per_s / k->memory_fraction;
    const double tr = k->row_bytes_per_s > 0
                          ? s->bytes / s->rows / k->row_bytes_per_s : 0.0;
    return s->launches * k->floor_seconds + sqrt(tc * tc + tm * tm + tr * tr);
}

/* GEMMs of m x 2048 x 2048 for m = 1 .. 16384, and norms of m rows of
 * 8192 halves; measured times from the true coefficients. */
static uint32_t synthetic(const roof_hardware *hw, const roof_kernel_coef *gemm,
                          const roof_kernel_coef *norm,
                          roof_kernel_sample *out)
{
    uint32_t n = 0;
    for (double m = 1; m <= 16384; m *= 1.25) {
        roof_kernel_sample s;
        memset(&s, 0, sizeof s);
        s.precision = ROOF_FP16;
        s.launches = 1.0;
        s.kind = ROOF_KERNEL_GEMM;
        s.rows = m;
        s.flops = 2.0 * m * 2048 * 2048;
        s.bytes = 2.0 * (2048.0 * 2048 + 2.0 * m * 2048);
        s.measured_seconds = truth(hw, gemm, &s);
        out[n++] = s;
        s.kind = ROOF_KERNEL_NORM;
        s.flops = 4.0 * m * 8192;
        s.bytes = 4.0 * m * 8192;
        s.measured_seconds = truth(hw, norm, &s);
        out[n++] = s;
    }
    return n;
}

static void assert_close(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.6g, want %.6g (within %.3g)", got, want, rel);
}

static void test_recovers_known_coefficients(void **state)
{
    (void)state;
    roof_hardware hw = device("a100-80gb-sxm");
    const roof_kernel_coef gemm = {5e-6, 0.7, 0.85, 0, 0, {0, 0, 0}};
    const roof_kernel_coef norm = {2e-6, 0, 0.5, 8e9, 0, {0, 0, 0}};
    roof_kernel_sample s[MAX_SAMPLES];
    const uint32_t n = synthetic(&hw, &gemm, &norm, s);
    roof_calibration start = start_profile(), out;
    roof_fit_report rep;
    double ws[ROOF_FIT_WORKSPACE(MAX_SAMPLES)];
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, &rep),
                     ROOF_OK);
    const roof_kernel_coef *g = &out.kind[ROOF_KERNEL_GEMM];
    assert_close(g->floor_seconds, 5e-6, 0.01);
    assert_close(g->compute_fraction, 0.7, 0.01);
    assert_close(g->memory_fraction, 0.85, 0.01);
    assert_true(g->row_bytes_per_s == 0.0); /* off in start, stays off */
    const roof_kernel_coef *r = &out.kind[ROOF_KERNEL_NORM];
    assert_close(r->floor_seconds, 2e-6, 0.01);
    assert_close(r->memory_fraction, 0.5, 0.01);
    assert_close(r->row_bytes_per_s, 8e9, 0.01);
    assert_true(r->compute_fraction == 0.0);
    assert_true(rep.kind[ROOF_KERNEL_GEMM].median_error < 1e-3);
    assert_int_equal(rep.kind[ROOF_KERNEL_GEMM].fitted, 1);
    assert_int_equal(rep.kind[ROOF_KERNEL_ROPE].fitted, 0);
    assert_memory_equal(&out.kind[ROOF_KERNEL_ROPE],
                        &start.kind[ROOF_KERNEL_ROPE], sizeof(roof_kernel_coef));
    assert_int_equal(rep.samples, n);
    /* Scoring the fitted profile on its own samples reports the same
     * errors, and marks nothing fitted. */
    roof_fit_report sc;
    assert_int_equal(roof_calibration_score(s, n, &hw, &out, ws,
                                            ROOF_FIT_WORKSPACE(n), &sc),
                     ROOF_OK);
    assert_true(sc.median_error == rep.median_error);
    assert_int_equal(sc.kind[ROOF_KERNEL_GEMM].fitted, 0);
    assert_int_equal(sc.kind[ROOF_KERNEL_NORM].samples,
                     rep.kind[ROOF_KERNEL_NORM].samples);
    assert_int_equal(roof_calibration_score(s, n, &hw, &out, ws, 3, &sc),
                     ROOF_E_RANGE);
    assert_int_equal(roof_calibration_score(s, n, &hw, &out, ws,
                                            ROOF_FIT_WORKSPACE(n), NULL),
                     ROOF_E_NULL);
    assert_string_equal(out.device, "a100-80gb-sxm");
    assert_int_equal(out.origin, ROOF_CAL_FITTED);
    assert_int_equal(roof_calibration_validate(&out), ROOF_OK);
}

/* Gross outliers (one sample in 11 three times too slow) move the
 * robust fit little, and the fit is the same bits every time. */
static void test_robust_and_deterministic(void **state)
{
    (void)state;
    roof_hardware hw = device("h100-sxm");
    const roof_kernel_coef gemm = {4e-6, 0.75, 0.9, 0, 0, {0, 0, 0}};
    const roof_kernel_coef norm = {3e-6, 0, 0.4, 1e10, 0, {0, 0, 0}};
    roof_kernel_sample s[MAX_SAMPLES];
    const uint32_t n = synthetic(&hw, &gemm, &norm, s);
    for (uint32_t i = 0; i < n; i += 11)
        s[i].measured_seconds *= 3.0;
    roof_calibration start = start_profile(), a, b;
    double ws[ROOF_FIT_WORKSPACE(MAX_SAMPLES)];
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &a, NULL),
                     ROOF_OK);
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &b, NULL),
                     ROOF_OK);
    assert_memory_equal(&a, &b, sizeof a);
    assert_close(a.kind[ROOF_KERNEL_GEMM].compute_fraction, 0.75, 0.05);
    assert_close(a.kind[ROOF_KERNEL_GEMM].memory_fraction, 0.9, 0.05);
}

static void test_refuses_what_it_cannot_fit(void **state)
{
    (void)state;
    roof_hardware hw = device("a100-80gb-sxm");
    const roof_kernel_coef gemm = {5e-6, 0.7, 0.85, 0, 0, {0, 0, 0}};
    const roof_kernel_coef norm = {2e-6, 0, 0.5, 8e9, 0, {0, 0, 0}};
    roof_kernel_sample s[MAX_SAMPLES];
    uint32_t n = synthetic(&hw, &gemm, &norm, s);
    roof_calibration start = start_profile(), out, untouched;
    memset(&untouched, 0x5A, sizeof untouched);
    out = untouched;
    roof_fit_report rep;
    double ws[ROOF_FIT_WORKSPACE(MAX_SAMPLES)];
    /* Every GEMM the same size: floor and bandwidth cannot be told apart. */
    for (uint32_t i = 0; i < n; i++) {
        if (s[i].kind == ROOF_KERNEL_GEMM)
            s[i] = s[0];
    }
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, &rep),
                     ROOF_E_DEGENERATE);
    assert_int_equal(rep.bad_kind, ROOF_KERNEL_GEMM);
    assert_memory_equal(&out, &untouched, sizeof out);
    /* Too few samples. */
    n = synthetic(&hw, &gemm, &norm, s);
    assert_int_equal(roof_calibration_fit(s, 5, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(5), &out, &rep),
                     ROOF_E_DEGENERATE);
    /* Bad inputs, each refused with nothing written. */
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws, 3, &out, NULL),
                     ROOF_E_RANGE);
    assert_int_equal(roof_calibration_fit(s, 0, &hw, &start, ws, 3, &out, NULL),
                     ROOF_E_RANGE);
    s[3].kind = 99;
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, NULL),
                     ROOF_E_INVALID);
    s[3].kind = ROOF_KERNEL_NORM;
    s[3].flops = -1.0;
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, NULL),
                     ROOF_E_RANGE);
    s[3].flops = 1.0;
    s[3].measured_seconds = (double)NAN;
    assert_int_equal(roof_calibration_fit(s, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, NULL),
                     ROOF_E_RANGE);
    s[3].measured_seconds = 1e-5;
    roof_hardware t4 = device("t4");
    s[3].kind = ROOF_KERNEL_COMM; /* the T4 has no interconnect */
    assert_int_equal(roof_calibration_fit(s, n, &t4, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, NULL),
                     ROOF_E_UNSUPPORTED);
    roof_calibration bad = start;
    bad.kind[0].memory_fraction = 0.0;
    assert_int_equal(roof_calibration_fit(s, n, &hw, &bad, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, NULL),
                     ROOF_E_INVALID);
    assert_memory_equal(&out, &untouched, sizeof out);
    assert_int_equal(roof_calibration_fit(NULL, n, &hw, &start, ws,
                                          ROOF_FIT_WORKSPACE(n), &out, NULL),
                     ROOF_E_NULL);
}

static const char samples_csv[] =
    "device,kind,flops,bytes,rows,seconds,launches\n"
    "a100,gemm,1e12,1e8,64,0.005,1\n"
    "a100,ADD,0,3e6,1024,\"4e-6\",2\n";

static void test_samples_from_csv(void **state)
{
    (void)state;
    roof_kernel_sample s[4];
    uint32_t n = 0;
    roof_parse_error err;
    assert_int_equal(roof_kernel_samples_from_csv(samples_csv,
                                                  strlen(samples_csv), NULL, 0,
                                                  &n, &err),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 2);
    assert_int_equal(roof_kernel_samples_from_csv(samples_csv,
                                                  strlen(samples_csv), s, 4,
                                                  &n, &err),
                     ROOF_OK);
    assert_int_equal(s[0].kind, ROOF_KERNEL_GEMM);
    assert_int_equal(s[0].precision, ROOF_FP16); /* the default */
    assert_true(s[0].flops == 1e12 && s[0].rows == 64.0);
    assert_int_equal(s[1].kind, ROOF_KERNEL_ADD);
    assert_true(s[1].measured_seconds == 4e-6 && s[1].launches == 2.0);
    assert_true(s[1].masked_extra == 0.0);

    static const char no_bytes[] = "kind,flops,seconds\ngemm,1,1\n";
    assert_int_equal(roof_kernel_samples_from_csv(no_bytes, strlen(no_bytes),
                                                  s, 4, &n, &err),
                     ROOF_E_MISSING);
    assert_non_null(strstr(err.message, "bytes"));
    static const char bad_kind[] = "kind,flops,bytes,seconds\nmatmul,1,1,1\n";
    assert_int_equal(roof_kernel_samples_from_csv(bad_kind, strlen(bad_kind),
                                                  s, 4, &n, &err),
                     ROOF_E_INVALID);
    assert_non_null(strstr(err.message, "kind"));
    static const char zero[] = "kind,flops,bytes,seconds\ngemm,1,1,0\n";
    assert_int_equal(roof_kernel_samples_from_csv(zero, strlen(zero), s, 4,
                                                  &n, &err),
                     ROOF_E_RANGE);
    static const char word[] = "kind,flops,bytes,seconds\ngemm,x,1,1\n";
    assert_int_equal(roof_kernel_samples_from_csv(word, strlen(word), s, 4,
                                                  &n, &err),
                     ROOF_E_PARSE);
    assert_non_null(strstr(err.message, "flops"));
    static const char ragged[] = "kind,flops,bytes,seconds\ngemm,1,1\n";
    assert_int_equal(roof_kernel_samples_from_csv(ragged, strlen(ragged), s,
                                                  4, &n, &err),
                     ROOF_E_PARSE);
    assert_int_equal(roof_kernel_samples_from_csv("", 0, s, 4, &n, &err),
                     ROOF_E_MISSING);
    assert_int_equal(roof_kernel_samples_from_csv(NULL, 0, s, 4, &n, &err),
                     ROOF_E_NULL);
}

/* A kernel of the kernel CSV reader as a fit sample: kind from its name. */
static void test_sample_from_kernel(void **state)
{
    (void)state;
    roof_kernel k = {"fused_add_rms_norm_kernel", 1e6, 3e6, 4e-6};
    roof_kernel_sample s, untouched;
    memset(&untouched, 0x5A, sizeof untouched);
    s = untouched;
    assert_int_equal(roof_kernel_sample_from_kernel(&k, ROOF_BF16, &s),
                     ROOF_OK);
    assert_int_equal(s.kind, ROOF_KERNEL_NORM);
    assert_int_equal(s.precision, ROOF_BF16);
    assert_true(s.flops == 1e6 && s.bytes == 3e6
                && s.measured_seconds == 4e-6);
    assert_true(s.rows == 1.0 && s.launches == 1.0);
    k.bytes = 0.0; /* ran from cache: no place in a fit */
    s = untouched;
    assert_int_equal(roof_kernel_sample_from_kernel(&k, ROOF_BF16, &s),
                     ROOF_E_RANGE);
    assert_memory_equal(&s, &untouched, sizeof s);
    assert_int_equal(roof_kernel_sample_from_kernel(&k, 99, &s),
                     ROOF_E_INVALID);
    assert_int_equal(roof_kernel_sample_from_kernel(NULL, 0, &s),
                     ROOF_E_NULL);
}

/* Steps measured at 1.2 x the prediction + 1 ms: the profile it reads out
 * scales every kernel time by 1.2 and carries the 1 ms as overhead; the
 * first samples and a wild one are left out. */
static void test_online(void **state)
{
    (void)state;
    roof_online o;
    uint32_t used = 9;
    assert_int_equal(roof_online_init(3, 1.0, &o), ROOF_OK);
    roof_calibration base = start_profile(), out;
    assert_int_equal(roof_online_profile(&o, &base, &out), ROOF_E_DEGENERATE);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(roof_online_add(&o, 1e-2, 1.0, &used), ROOF_OK);
        assert_int_equal(used, 0);
    }
    for (int i = 0; i < 40; i++) {
        const double p = 1e-3 * (1 + i % 7);
        assert_int_equal(roof_online_add(&o, p, 1.2 * p + 1e-3, &used),
                         ROOF_OK);
        assert_int_equal(used, 1);
    }
    assert_int_equal(roof_online_add(&o, 2e-3, 0.5, &used), ROOF_OK);
    assert_int_equal(used, 0);
    assert_int_equal(o.rejected, 1);
    assert_int_equal(o.used, 40);
    assert_int_equal(roof_online_profile(&o, &base, &out), ROOF_OK);
    assert_close(out.kind[ROOF_KERNEL_GEMM].floor_seconds,
                 1.2 * base.kind[ROOF_KERNEL_GEMM].floor_seconds, 1e-9);
    assert_close(out.kind[ROOF_KERNEL_GEMM].memory_fraction,
                 base.kind[ROOF_KERNEL_GEMM].memory_fraction / 1.2, 1e-9);
    assert_close(out.step_overhead_seconds, 1e-3, 1e-9);

    assert_int_equal(roof_online_add(&o, -1.0, 1.0, &used), ROOF_E_RANGE);
    assert_int_equal(roof_online_add(&o, 1.0, (double)INFINITY, NULL), ROOF_E_RANGE);
    assert_int_equal(roof_online_init(0, 0.2, &o), ROOF_E_RANGE);
    o.forget = 7.0;
    assert_int_equal(roof_online_add(&o, 1.0, 1.0, NULL), ROOF_E_INVALID);
    assert_int_equal(roof_online_add(NULL, 1.0, 1.0, NULL), ROOF_E_NULL);
    /* A slope that would push fractions out of range is refused. */
    roof_online tiny;
    assert_int_equal(roof_online_init(0, 1.0, &tiny), ROOF_OK);
    for (int i = 0; i < 10; i++)
        assert_int_equal(roof_online_add(&tiny, 1e-3 * (1 + i), 1e-5 * (1 + i),
                                         NULL), ROOF_OK);
    assert_int_equal(roof_online_profile(&tiny, &base, &out), ROOF_E_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovers_known_coefficients),
        cmocka_unit_test(test_robust_and_deterministic),
        cmocka_unit_test(test_refuses_what_it_cannot_fit),
        cmocka_unit_test(test_samples_from_csv),
        cmocka_unit_test(test_sample_from_kernel),
        cmocka_unit_test(test_online),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
