/* Tests of lib/collective.c: collective times, the link a group uses, and
 * expert-parallel traffic, with bytes and seconds worked out by hand and
 * the busiest-device load checked against exact enumerations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

static void assert_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, want %.17g", got, want);
}

static double seconds_of(uint32_t c, double bytes, uint32_t t,
                         const roof_link *link)
{
    double s = -1.0;
    assert_int_equal(roof_collective_seconds(c, bytes, t, link, &s), ROOF_OK);
    return s;
}

static void test_collective_times(void **state)
{
    (void)state;
    /* 100 GB/s, 5 us per step; 1 GB among 8 devices. */
    const roof_link link = {100e9, 5e-6, {0, 0}};
    /* Ring all-reduce: 2 x 7/8 x 1e9 / 1e11 = 17.5 ms, + 14 x 5 us. */
    assert_rel(seconds_of(ROOF_ALL_REDUCE, 1e9, 8, &link),
               0.0175 + 14 * 5e-6, 1e-15);
    /* All-gather and reduce-scatter: half of it. */
    assert_rel(seconds_of(ROOF_ALL_GATHER, 1e9, 8, &link),
               0.00875 + 7 * 5e-6, 1e-15);
    assert_rel(seconds_of(ROOF_REDUCE_SCATTER, 1e9, 8, &link),
               0.00875 + 7 * 5e-6, 1e-15);
    /* All-to-all: 7/8 of the buffer leaves. */
    assert_rel(seconds_of(ROOF_ALL_TO_ALL, 1e9, 8, &link),
               0.00875 + 7 * 5e-6, 1e-15);
    /* Point-to-point: the whole message, one latency. */
    assert_rel(seconds_of(ROOF_POINT_TO_POINT, 1e9, 2, &link),
               0.01 + 5e-6, 1e-15);
    /* One device: nothing leaves it. */
    assert_true(seconds_of(ROOF_ALL_REDUCE, 1e9, 1, &link) == 0.0);
    assert_true(seconds_of(ROOF_ALL_TO_ALL, 1e9, 1, &link) == 0.0);
    /* Two devices: all-reduce moves 2 x 1/2 = the whole buffer. */
    const roof_link pure = {1e9, 0, {0, 0}};
    assert_true(seconds_of(ROOF_ALL_REDUCE, 4e9, 2, &pure) == 4.0);
    assert_true(seconds_of(ROOF_ALL_GATHER, 0.0, 8, &pure) == 0.0);
    assert_string_equal(roof_collective_name(ROOF_ALL_TO_ALL), "all-to-all");
    assert_string_equal(roof_collective_name(ROOF_ALL_REDUCE), "all-reduce");
    assert_null(roof_collective_name(ROOF_COLLECTIVE_COUNT));
}

static void test_collective_errors(void **state)
{
    (void)state;
    const roof_link link = {100e9, 5e-6, {0, 0}};
    double s = 7.0;
    assert_int_equal(roof_collective_seconds(0, 1, 2, NULL, &s), ROOF_E_NULL);
    assert_int_equal(roof_collective_seconds(0, 1, 2, &link, NULL), ROOF_E_NULL);
    assert_int_equal(roof_collective_seconds(ROOF_COLLECTIVE_COUNT, 1, 2, &link,
                                             &s), ROOF_E_INVALID);
    assert_int_equal(roof_collective_seconds(0, -1, 2, &link, &s), ROOF_E_RANGE);
    assert_int_equal(roof_collective_seconds(0, DNAN, 2, &link, &s),
                     ROOF_E_RANGE);
    assert_int_equal(roof_collective_seconds(0, 2e30, 2, &link, &s),
                     ROOF_E_RANGE);
    assert_int_equal(roof_collective_seconds(0, 1, 0, &link, &s), ROOF_E_RANGE);
    /* 1e30 bytes over 1e-30 B/s: 1e60 s is no time. */
    const roof_link slow = {1e-30, 0, {0, 0}};
    assert_int_equal(roof_collective_seconds(ROOF_POINT_TO_POINT, 1e30, 2,
                                             &slow, &s), ROOF_E_OVERFLOW);
    assert_true(s == 7.0);
    /* Bad links. */
    const double bad_bw[] = {0.0, -1.0, 1e-31, 1e-300, DNAN, DINF, 2e30};
    for (size_t i = 0; i < sizeof bad_bw / sizeof bad_bw[0]; i++) {
        roof_link l = link;
        l.bytes_per_s = bad_bw[i];
        assert_int_equal(roof_link_validate(&l), ROOF_E_RANGE);
        assert_int_equal(roof_collective_seconds(0, 1, 2, &l, &s), ROOF_E_RANGE);
    }
    roof_link l = link;
    l.latency_seconds = -1e-9;
    assert_int_equal(roof_link_validate(&l), ROOF_E_RANGE);
    l = link;
    l.reserved[1] = 1.0;
    assert_int_equal(roof_link_validate(&l), ROOF_E_INVALID);
    assert_int_equal(roof_collective_seconds(0, 1, 2, &l, &s), ROOF_E_INVALID);
    assert_int_equal(roof_link_validate(NULL), ROOF_E_NULL);
    assert_int_equal(roof_link_validate(&link), ROOF_OK);
    assert_true(s == 7.0);
}

static roof_hardware device(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

static void expect_link(const char *dev, uint32_t devices, double bw,
                        uint32_t scope)
{
    roof_hardware hw = device(dev);
    roof_link l;
    uint32_t s = 99;
    assert_int_equal(roof_collective_link(&hw, devices, &l, &s), ROOF_OK);
    if (l.bytes_per_s != bw || s != scope)
        fail_msg("%s x %u: %g B/s scope %u", dev, (unsigned)devices,
                 l.bytes_per_s, (unsigned)s);
    assert_true(l.latency_seconds == 0.0 && l.reserved[0] == 0.0);
}

static void test_topology(void **state)
{
    (void)state;
    expect_link("h200", 1, 4800e9, ROOF_SCOPE_DEVICE);
    expect_link("h200", 8, 450e9, ROOF_SCOPE_SCALE_UP);
    expect_link("h200", 16, 50e9, ROOF_SCOPE_SCALE_OUT);
    expect_link("gb200", 72, 900e9, ROOF_SCOPE_SCALE_UP);
    expect_link("gb200", 73, 50e9, ROOF_SCOPE_SCALE_OUT);
    expect_link("a6000", 2, 56.25e9, ROOF_SCOPE_SCALE_UP);
    roof_link l, keep;
    uint32_t s = 99;
    memset(&l, 0x5A, sizeof l);
    keep = l;
    /* An A6000 pair's bridge joins two; four need a network it lacks. */
    roof_hardware a6000 = device("a6000");
    assert_int_equal(roof_collective_link(&a6000, 4, &l, &s),
                     ROOF_E_UNSUPPORTED);
    /* An RTX 4090 has no link at all; the MI250X's domain is unknown. */
    roof_hardware g = device("rtx-4090");
    assert_int_equal(roof_collective_link(&g, 2, &l, &s), ROOF_E_UNSUPPORTED);
    roof_hardware mi250x = device("mi250x");
    assert_int_equal(roof_collective_link(&mi250x, 2, &l, &s),
                     ROOF_E_UNSUPPORTED);
    assert_int_equal(roof_collective_link(&a6000, 0, &l, &s), ROOF_E_RANGE);
    roof_hardware bad = a6000;
    bad.reserved[0] = 1.0;
    assert_int_equal(roof_collective_link(&bad, 2, &l, &s), ROOF_E_INVALID);
    assert_int_equal(roof_collective_link(NULL, 2, &l, &s), ROOF_E_NULL);
    assert_int_equal(roof_collective_link(&a6000, 2, NULL, &s), ROOF_E_NULL);
    assert_int_equal(roof_collective_link(&a6000, 2, &l, NULL), ROOF_E_NULL);
    assert_memory_equal(&l, &keep, sizeof l);
    assert_int_equal(s, 99);
}

static void test_expected_max_normal(void **state)
{
    (void)state;
    double c = -1.0;
    assert_int_equal(roof_expected_max_normal(1, &c), ROOF_OK);
    assert_true(c == 0.0);
    /* E max(Z1, Z2) = 1/sqrt(pi); for 3, 3/(2 sqrt(pi)). */
    assert_int_equal(roof_expected_max_normal(2, &c), ROOF_OK);
    assert_rel(c, 1.0 / sqrt(3.14159265358979323846), 1e-9);
    assert_int_equal(roof_expected_max_normal(3, &c), ROOF_OK);
    assert_rel(c, 1.5 / sqrt(3.14159265358979323846), 1e-9);
    /* Tabulated: 1.42360 for 8, 1.53875 for 10. */
    assert_int_equal(roof_expected_max_normal(8, &c), ROOF_OK);
    assert_rel(c, 1.42360, 1e-5);
    assert_int_equal(roof_expected_max_normal(10, &c), ROOF_OK);
    assert_rel(c, 1.53875, 1e-5);
    /* Grows like sqrt(2 ln e) and stays finite at the largest e. */
    assert_int_equal(roof_expected_max_normal(UINT32_MAX, &c), ROOF_OK);
    assert_true(c > 5.5 && c < sqrt(2.0 * log(4294967295.0)));
    assert_int_equal(roof_expected_max_normal(0, &c), ROOF_E_RANGE);
    assert_int_equal(roof_expected_max_normal(2, NULL), ROOF_E_NULL);
}

static roof_ep_layer dsv3(uint32_t ep, double tokens)
{
    /* DeepSeek-V3: hidden 7168, 256 routed experts, top-8; FP8 dispatch,
     * BF16 combine. */
    roof_ep_layer l = {256, 8, 7168, ep, tokens, 1.0, 2.0, {0, 0}};
    return l;
}

static roof_ep_traffic traffic(const roof_ep_layer *l)
{
    roof_ep_traffic t;
    assert_int_equal(roof_ep_traffic_eval(l, &t), ROOF_OK);
    return t;
}

/* DeepSeek-V3 under EP with 512 tokens on each device, bytes by hand. */
static void test_deepseek_v3(void **state)
{
    (void)state;
    /* 8 H200s, T = 4096: each device sends 512 x 8 x 7168 x 1 B =
     * 29360128 B of dispatch, 7/8 of it (25690112 B) to the others; the
     * BF16 combine is twice that: 58720256 B, 51380224 B leaving. */
    roof_ep_layer l = dsv3(8, 4096);
    roof_ep_traffic t = traffic(&l);
    assert_true(t.tokens_per_device == 512.0);
    assert_true(t.mean_load == 4096.0);
    assert_true(t.dispatch_bytes == 29360128.0);
    assert_true(t.dispatch_bytes_out == 25690112.0);
    assert_true(t.combine_bytes == 58720256.0);
    assert_true(t.combine_bytes_out == 51380224.0);
    /* Busiest of 8: 4096 + 1.4236 x sqrt(4096 x 8 x 248 / (8 x 255)) =
     * 4096 + 1.4236 x 63.115 = 4185.85 (2.2 % above the mean). */
    assert_rel(t.max_load, 4185.8512, 1e-6);
    assert_rel(t.busiest_dispatch_bytes, 4185.8512 * 7168.0, 1e-6);
    assert_rel(t.busiest_combine_bytes, 2.0 * 4185.8512 * 7168.0, 1e-6);
    /* Over the HGX NVLink (450 GB/s per direction): 25690112 / 450e9 =
     * 57.09 us of dispatch. */
    roof_hardware h200 = device("h200");
    roof_link link;
    uint32_t scope;
    assert_int_equal(roof_collective_link(&h200, 8, &link, &scope), ROOF_OK);
    assert_rel(seconds_of(ROOF_ALL_TO_ALL, t.dispatch_bytes, 8, &link),
               25690112.0 / 450e9, 1e-15);
    /* 16 H200s cross nodes: 400 Gb/s = 50 GB/s per GPU.  T = 8192;
     * 29360128 x 15/16 = 27525120 B leave: 550.5 us, 9.6 x the 8-GPU
     * time for the same tokens per device. */
    l = dsv3(16, 8192);
    t = traffic(&l);
    assert_true(t.dispatch_bytes_out == 27525120.0);
    assert_int_equal(roof_collective_link(&h200, 16, &link, &scope), ROOF_OK);
    assert_int_equal(scope, ROOF_SCOPE_SCALE_OUT);
    assert_rel(seconds_of(ROOF_ALL_TO_ALL, t.dispatch_bytes, 16, &link),
               27525120.0 / 50e9, 1e-15);

    /* GB200 NVL72, EP 64 (4 experts per GPU), T = 32768: 29360128 x
     * 63/64 = 28901376 B leave over 900 GB/s: 32.11 us. */
    roof_hardware gb200 = device("gb200");
    l = dsv3(64, 32768);
    t = traffic(&l);
    assert_true(t.dispatch_bytes == 29360128.0);
    assert_true(t.dispatch_bytes_out == 28901376.0);
    assert_int_equal(roof_collective_link(&gb200, 64, &link, &scope), ROOF_OK);
    assert_int_equal(scope, ROOF_SCOPE_SCALE_UP);
    assert_rel(seconds_of(ROOF_ALL_TO_ALL, t.dispatch_bytes, 64, &link),
               28901376.0 / 900e9, 1e-15);
    /* Busiest of 64: 4096 + 2.34373 x sqrt(32768 x 8 x 248 / (64 x 255))
     * = 4243.93. */
    assert_rel(t.max_load, 4243.9258, 1e-6);
    /* EP 128 leaves the 72-GPU domain: 29360128 x 127/128 = 29130752 B at
     * 50 GB/s, 582.6 us: 18 times the EP-64 all-to-all. */
    l = dsv3(128, 65536);
    t = traffic(&l);
    assert_true(t.dispatch_bytes_out == 29130752.0);
    assert_int_equal(roof_collective_link(&gb200, 128, &link, &scope), ROOF_OK);
    assert_int_equal(scope, ROOF_SCOPE_SCALE_OUT);
    assert_rel(seconds_of(ROOF_ALL_TO_ALL, t.dispatch_bytes, 128, &link),
               29130752.0 / 50e9, 1e-15);
}

/* Exact E[max load] by dynamic programming over the device-load vectors:
 * each token picks k of E experts uniformly (every k-subset alike). */
static double exact_max_load(uint32_t E, uint32_t k, uint32_t e, uint32_t T)
{
    const uint32_t per = E / e, cap = T * k + 1;
    size_t states = 1;
    for (uint32_t d = 0; d < e; d++)
        states *= cap;
    double *p = calloc(states, sizeof *p), *q = calloc(states, sizeof *q);
    double *step = calloc((size_t)1 << (2 * e), sizeof *step);
    assert_non_null(p);
    assert_non_null(q);
    assert_non_null(step);
    /* Distribution of one token's per-device counts (each <= k <= 3 here,
     * packed 2 bits per device). */
    double subsets = 0.0;
    for (uint32_t m = 0; m < (1u << E); m++) {
        uint32_t bits = 0;
        for (uint32_t x = 0; x < E; x++)
            bits += m >> x & 1u;
        if (bits != k)
            continue;
        uint32_t code = 0;
        for (uint32_t x = 0; x < E; x++)
            if (m >> x & 1u)
                code += 1u << (2 * (x / per));
        step[code] += 1.0;
        subsets += 1.0;
    }
    p[0] = 1.0;
    for (uint32_t t = 0; t < T; t++) {
        memset(q, 0, states * sizeof *q);
        for (size_t s = 0; s < states; s++) {
            if (p[s] == 0.0)
                continue;
            for (uint32_t code = 0; code < (1u << (2 * e)); code++) {
                if (step[code] == 0.0)
                    continue;
                size_t to = s, mul = 1;
                for (uint32_t d = 0; d < e; d++, mul *= cap)
                    to += (size_t)(code >> (2 * d) & 3u) * mul;
                q[to] += p[s] * step[code] / subsets;
            }
        }
        double *tmp = p;
        p = q;
        q = tmp;
    }
    double expect = 0.0;
    for (size_t s = 0; s < states; s++) {
        size_t rest = s, best = 0;
        for (uint32_t d = 0; d < e; d++, rest /= cap)
            best = rest % cap > best ? rest % cap : best;
        expect += p[s] * (double)best;
    }
    free(p);
    free(q);
    free(step);
    return expect;
}

static void test_busiest_device_against_exact(void **state)
{
    (void)state;
    static const struct { uint32_t E, k, e, T; } cases[] = {
        {4, 1, 2, 8}, {8, 2, 4, 8}, {12, 3, 4, 6}, {16, 2, 2, 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        roof_ep_layer l = {cases[i].E, cases[i].k, 64, cases[i].e,
                           cases[i].T, 1.0, 1.0, {0, 0}};
        roof_ep_traffic t = traffic(&l);
        double exact = exact_max_load(cases[i].E, cases[i].k, cases[i].e,
                                      cases[i].T);
        /* The normal approximation is within 1.5 % of the exact
         * expectation even for these few dozen assignments. */
        if (fabs(t.max_load / exact - 1.0) > 0.015)
            fail_msg("E %u k %u e %u T %u: %.6f vs exact %.6f",
                     (unsigned)cases[i].E, (unsigned)cases[i].k,
                     (unsigned)cases[i].e, (unsigned)cases[i].T, t.max_load,
                     exact);
        assert_true(t.max_load > t.mean_load);
    }
    /* Hand check of the first: 2 devices, 8 tokens to 1 of 4 experts: the
     * load of device 0 is Binomial(8, 1/2), and E max = 4 + E|X - 4| =
     * 4 + 2 x (4 x 1 + 3 x 8 + 2 x 28 + 1 x 56) / 256 = 5.09375. */
    assert_rel(exact_max_load(4, 1, 2, 8), 5.09375, 1e-12);
    /* Every token on every expert: no imbalance. */
    roof_ep_layer all = {8, 8, 64, 4, 100, 1.0, 1.0, {0, 0}};
    roof_ep_traffic t = traffic(&all);
    assert_true(t.max_load == t.mean_load && t.mean_load == 200.0);
    /* One device: all of it stays. */
    roof_ep_layer one = dsv3(1, 512);
    t = traffic(&one);
    assert_true(t.max_load == t.mean_load);
    assert_true(t.dispatch_bytes_out == 0.0 && t.combine_bytes_out == 0.0);
}

static void test_ep_errors(void **state)
{
    (void)state;
    roof_ep_traffic t, keep;
    memset(&t, 0x3C, sizeof t);
    keep = t;
    const roof_ep_layer good = dsv3(8, 4096);
    assert_int_equal(roof_ep_layer_validate(&good), ROOF_OK);
    assert_int_equal(roof_ep_layer_validate(NULL), ROOF_E_NULL);
    assert_int_equal(roof_ep_traffic_eval(NULL, &t), ROOF_E_NULL);
    assert_int_equal(roof_ep_traffic_eval(&good, NULL), ROOF_E_NULL);
    roof_ep_layer l = good;
    l.ep = 7; /* 256 experts do not split over 7 */
    assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_INVALID);
    l = good;
    l.reserved[0] = 1.0;
    assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_INVALID);
    const size_t u32[] = {offsetof(roof_ep_layer, experts),
                          offsetof(roof_ep_layer, top_k),
                          offsetof(roof_ep_layer, hidden),
                          offsetof(roof_ep_layer, ep)};
    for (size_t i = 0; i < 4; i++) {
        l = good;
        memset((char *)&l + u32[i], 0, sizeof(uint32_t));
        assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_RANGE);
    }
    l = good;
    l.top_k = 257;
    assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_RANGE);
    const double bad[] = {-1.0, DNAN, DINF, 2e30};
    for (size_t i = 0; i < 4; i++) {
        l = good;
        l.tokens = bad[i];
        assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_RANGE);
    }
    const double bad_bpe[] = {0.0, -1.0, 65.0, DNAN};
    for (size_t i = 0; i < 4; i++) {
        l = good;
        l.dispatch_bytes_per_element = bad_bpe[i];
        assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_RANGE);
        l = good;
        l.combine_bytes_per_element = bad_bpe[i];
        assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_RANGE);
    }
    /* 1e30 tokens x 8 x 7168 B: no byte count. */
    l = good;
    l.tokens = 1e30;
    assert_int_equal(roof_ep_traffic_eval(&l, &t), ROOF_E_OVERFLOW);
    assert_memory_equal(&t, &keep, sizeof t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collective_times),
        cmocka_unit_test(test_collective_errors),
        cmocka_unit_test(test_topology),
        cmocka_unit_test(test_expected_max_normal),
        cmocka_unit_test(test_deepseek_v3),
        cmocka_unit_test(test_busiest_device_against_exact),
        cmocka_unit_test(test_ep_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
