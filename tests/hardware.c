/* Tests of lib/hardware.c and lib/hardware_table.c: the built-in table,
 * lookup, clocks, peaks, validation, and docs/hardware.md kept in step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define SENTINEL 0xA5
/* DNAN and DINF are floats: keep -Wdouble-promotion quiet. */
#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

static roof_hardware get_named(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

static double peak(const roof_hardware *hw, uint32_t precision)
{
    double p = -1.0;
    assert_int_equal(roof_hardware_peak_flops_per_s(hw, precision, &p), ROOF_OK);
    return p;
}

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

static void test_a6000_peaks(void **state)
{
    (void)state;
    roof_hardware hw = get_named("a6000");
    assert_string_equal(hw.name, "a6000");
    assert_int_equal(hw.units, 84);
    /* 84 SM x 1024 FLOP/clk x 1.8e9 Hz = 154 828 800 000 000 (exact in a
     * double: all factors and the product are integers below 2^53). */
    assert_true(peak(&hw, ROOF_FP16) == 154828800000000.0);
    assert_true(peak(&hw, ROOF_BF16) == 154828800000000.0);
    /* 84 x 256 x 1.8e9 = 38.7072e12; 84 x 2048 x 1.8e9 = 309.6576e12. */
    assert_true(peak(&hw, ROOF_FP32) == 38707200000000.0);
    assert_true(peak(&hw, ROOF_INT8) == 309657600000000.0);
    /* 84 x 4 x 1.8e9 = 0.6048e12: GA102's 1:64 FP64. */
    assert_true(peak(&hw, ROOF_FP64) == 604800000000.0);
    assert_true(hw.dram_bytes_per_s == 768e9);
    assert_true(hw.memory_bytes == 48e9);

    /* The seed figure's "181": 84 x 1024 x 2.1e9 = 180 633 600 000 000. */
    roof_hardware max = get_named("a6000-2100");
    assert_true(peak(&max, ROOF_FP16) == 180633600000000.0);
    roof_hardware alias = get_named("a6000-max");
    assert_memory_equal(&alias, &max, sizeof max);
    roof_hardware at = get_named("a6000@2100");
    assert_true(peak(&at, ROOF_FP16) == 180633600000000.0);
    assert_string_equal(at.name, "a6000@2100");
    assert_string_equal(at.label, "NVIDIA RTX A6000 @ 2100 MHz");
}

static void test_h100_peaks(void **state)
{
    (void)state;
    roof_hardware hw = get_named("h100-sxm");
    /* Tensor peaks at 1830 MHz: 132 x 4096 x 1.83e9 = 989.42976e12. */
    assert_true(peak(&hw, ROOF_FP16) == 989429760000000.0);
    assert_true(peak(&hw, ROOF_BF16) == 989429760000000.0);
    /* 132 x 8192 x 1.83e9 = 1978.85952e12; TF32 132 x 2048 x 1.83e9. */
    assert_true(peak(&hw, ROOF_FP8) == 1978859520000000.0);
    assert_true(peak(&hw, ROOF_TF32) == 494714880000000.0);
    /* FP32/FP64 at the 1980 MHz vector clock: 132 x 256 x 1.98e9 =
     * 66.90816e12 (the datasheet's 67). */
    assert_true(peak(&hw, ROOF_FP32) == 66908160000000.0);
    assert_true(peak(&hw, ROOF_FP64) == 66908160000000.0);
    /* Hopper dropped INT4. */
    double p = 7.0;
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, ROOF_INT4, &p),
                     ROOF_E_UNSUPPORTED);
    assert_true(p == 7.0);
    assert_true(hw.interconnect_bytes_per_s == 450e9);
}

/* Datasheet figures from ../shared/reference/hardware.md, typed here by
 * hand: the derived peak must land within 0.5 % of the vendor's rounded
 * figure (L40S and GeForce notes in docs/hardware.md). */
static void test_table_matches_reference(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t precision;
        double tflops, dram_gbps, memory_gb;
    } ref[] = {
        {"a100-40gb-sxm", ROOF_FP16, 312, 1555, 40},
        {"a100-80gb-sxm", ROOF_FP64, 19.5, 2039, 80},
        {"a100-80gb-pcie", ROOF_INT8, 624, 1935, 80},
        {"h100-pcie", ROOF_FP16, 756.5, 2000, 80},
        {"h100-pcie", ROOF_FP64, 51, 2000, 80},
        {"h100-nvl", ROOF_FP16, 835.5, 3900, 94},
        {"h100-nvl", ROOF_FP32, 60, 3900, 94},
        {"h200", ROOF_FP16, 989.4, 4800, 141},
        {"l40s", ROOF_FP16, 366.5, 864, 48}, /* 733 sparse / 2 */
        {"l40s", ROOF_TF32, 183, 864, 48},
        {"l4", ROOF_FP16, 121, 300, 24},
        {"l4", ROOF_FP32, 30.3, 300, 24},
        /* GeForce roofs are FP16-accumulate (test_fp16_accumulate). */
        {"rtx-4090", ROOF_FP16, 330.3, 1008, 24},
        {"rtx-4090", ROOF_BF16, 165.2, 1008, 24},
        {"rtx-4090", ROOF_FP8, 660.6, 1008, 24},
        {"rtx-6000-ada", ROOF_FP8, 728.5, 960, 48},
        {"rtx-3090", ROOF_FP16, 142, 936, 24},
        {"rtx-3090", ROOF_BF16, 71, 936, 24},
        {"v100", ROOF_FP16, 125, 900, 32},
        {"t4", ROOF_FP16, 65, 320, 16},
        {"mi250x", ROOF_FP16, 383, 3277, 128},
        {"mi250x", ROOF_FP64, 95.7, 3277, 128},
        {"mi300x", ROOF_FP16, 1307.4, 5300, 192},
        {"mi300x", ROOF_FP8, 2614.9, 5300, 192},
        {"mi325x", ROOF_BF16, 1307.4, 6000, 256},
        {"b200", ROOF_FP16, 2250, 7700, 180},
        /* HGX B200: FP4 144 PF and FP8/FP6 72 PF sparse for 8 GPUs. */
        {"b200", ROOF_FP4, 9000, 7700, 180},
        {"b200", ROOF_FP6, 4500, 7700, 180},
        {"b200", ROOF_FP8, 4500, 7700, 180},
        /* A40 datasheet: 149.7 TF FP16 dense (299.4 sparse). */
        {"a40", ROOF_FP16, 149.7, 696, 48},
        {"a40", ROOF_FP32, 37.4, 696, 48},
        /* HGX B300 / 8: FP4 108 PF dense, FP8 72, FP16 36, TF32 18 PF
         * sparse, FP32 600 TF. */
        {"b300", ROOF_FP4, 13500, 8000, 288},
        {"b300", ROOF_FP8, 4500, 8000, 288},
        {"b300", ROOF_FP16, 2250, 8000, 288},
        {"b300", ROOF_TF32, 1125, 8000, 288},
        {"b300", ROOF_FP32, 75, 8000, 288},
        /* GB200 NVL72 / 72: FP4 1440, FP8/FP6 720, FP16 360, TF32 180 PF
         * sparse, INT8 720 POPS sparse. */
        {"gb200", ROOF_FP4, 10000, 8000, 186},
        {"gb200", ROOF_FP6, 5000, 8000, 186},
        {"gb200", ROOF_FP8, 5000, 8000, 186},
        {"gb200", ROOF_BF16, 2500, 8000, 186},
        {"gb200", ROOF_TF32, 1250, 8000, 186},
        {"gb200", ROOF_INT8, 5000, 8000, 186},
        /* GB300 NVL72 / 72: FP4 1080 PF dense, FP8 720, FP16 360 sparse. */
        {"gb300", ROOF_FP4, 15000, 8000, 288},
        {"gb300", ROOF_FP8, 5000, 8000, 288},
        {"gb300", ROOF_FP16, 2500, 8000, 288},
        /* RTX 5090: FP16 838.4, FP8 1676.8, FP4 3352 sparse (the FP16
         * and FP8 ones FP16-accumulate), FP32 104.8. */
        {"rtx-5090", ROOF_FP16, 419.2, 1792, 32},
        {"rtx-5090", ROOF_FP8, 838.4, 1792, 32},
        {"rtx-5090", ROOF_FP4, 1676, 1792, 32},
        {"rtx-5090", ROOF_FP32, 104.8, 1792, 32},
        /* RTX PRO 6000 Blackwell: FP32 125 TF, FP4 4000 TOPS sparse. */
        {"rtx-pro-6000", ROOF_FP32, 125, 1792, 96},
        {"rtx-pro-6000", ROOF_FP4, 2000, 1792, 96},
        /* MI355X: FP16 2.5, FP8 5.0, MXFP6/MXFP4 10.1 PF, FP64 78.6 TF. */
        {"mi355x", ROOF_FP16, 2516.6, 8000, 288},
        {"mi355x", ROOF_FP8, 5033.2, 8000, 288},
        {"mi355x", ROOF_FP4, 10066.3, 8000, 288},
        {"mi355x", ROOF_FP6, 10066.3, 8000, 288},
        {"mi355x", ROOF_FP64, 78.6, 8000, 288},
        {"tpu-v4", ROOF_BF16, 275, 1200, 32},
        {"tpu-v5e", ROOF_BF16, 197, 819, 16},
        {"tpu-v5e", ROOF_INT8, 394, 819, 16},
        {"tpu-v5p", ROOF_BF16, 459, 2765, 95},
        /* GCP v6e page: 918 TFLOP/s BF16, 1836 TOPS INT8. */
        {"tpu-v6e", ROOF_BF16, 918, 1638, 32},
        {"tpu-v6e", ROOF_INT8, 1836, 1638, 32},
        {"gaudi2", ROOF_BF16, 432, 2460, 96},
        {"gaudi3", ROOF_BF16, 1835, 3670, 128},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        roof_hardware hw = get_named(ref[i].name);
        double p = peak(&hw, ref[i].precision) / 1e12;
        if (fabs(p / ref[i].tflops - 1.0) > 0.005)
            fail_msg("%s %s: %.2f TFLOP/s, reference %.2f", ref[i].name,
                     roof_precision_name(ref[i].precision), p, ref[i].tflops);
        assert_true(hw.dram_bytes_per_s == ref[i].dram_gbps * 1e9);
        assert_true(hw.memory_bytes == ref[i].memory_gb * 1e9);
    }
}

static void test_every_builtin_is_valid(void **state)
{
    (void)state;
    uint32_t n = roof_hardware_count();
    assert_true(n >= 20);
    for (uint32_t i = 0; i < n; i++) {
        roof_hardware hw;
        assert_int_equal(roof_hardware_get(i, &hw), ROOF_OK);
        if (roof_hardware_validate(&hw) != ROOF_OK)
            fail_msg("%s does not validate", hw.name);
        assert_true(strlen(hw.name) > 0 && strlen(hw.label) > 0);
        assert_true(strlen(hw.vendor) > 0 && strlen(hw.arch) > 0);
        assert_true(strlen(hw.source) > 10);
        /* Every device runs FP16 or BF16: the precision LLMs use. */
        double p;
        assert_true(roof_hardware_peak_flops_per_s(&hw, ROOF_FP16, &p) == ROOF_OK
                    || roof_hardware_peak_flops_per_s(&hw, ROOF_BF16, &p) == ROOF_OK);
        /* Its own name finds it, and so does every alias. */
        roof_hardware found;
        assert_int_equal(roof_hardware_find(hw.name, &found), ROOF_OK);
        assert_memory_equal(&found, &hw, sizeof hw);
        for (uint32_t k = 0; roof_hardware_alias(i, k) != NULL; k++) {
            assert_int_equal(roof_hardware_find(roof_hardware_alias(i, k), &found),
                             ROOF_OK);
            assert_string_equal(found.name, hw.name);
        }
        /* Names are unique (under lookup's own comparison). */
        for (uint32_t j = 0; j < i; j++) {
            roof_hardware other;
            assert_int_equal(roof_hardware_get(j, &other), ROOF_OK);
            assert_string_not_equal(other.name, hw.name);
        }
    }
}

static void test_devices_the_issue_names(void **state)
{
    (void)state;
    static const char *const names[] = {
        "a6000", "a6000-2100", "a100-40gb-sxm", "a100-80gb-sxm",
        "a100-80gb-pcie", "h100-sxm", "h100-pcie", "h100-nvl", "h200",
        "l40s", "l4", "rtx-4090", "rtx-6000-ada", "rtx-3090", "v100", "t4",
        "mi250x", "mi300x", "tpu-v5e", "tpu-v5p",
        /* issue 15 */
        "a40", "b300", "gb200", "gb300", "rtx-pro-6000", "rtx-5090",
        "mi355x", "tpu-v6e",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        roof_hardware hw = get_named(names[i]);
        assert_string_equal(hw.name, names[i]);
    }
}

static void test_lookup_aliases_and_case(void **state)
{
    (void)state;
    static const char *const a6000[] = {
        "a6000", "A6000", "rtx-a6000", "RTX A6000", "rtx_a6000",
        "NVIDIA-RTX-A6000", "nvidia rtx a6000",
    };
    for (size_t i = 0; i < sizeof a6000 / sizeof a6000[0]; i++)
        assert_string_equal(get_named(a6000[i]).name, "a6000");
    assert_string_equal(get_named("H100").name, "h100-sxm");
    assert_string_equal(get_named("A100").name, "a100-40gb-sxm");
    assert_string_equal(get_named("MI300X").name, "mi300x");
    assert_string_equal(get_named("TPU v5e").name, "tpu-v5e");
    assert_string_equal(roof_hardware_alias(0, 0), "rtx-a6000");
    assert_null(roof_hardware_alias(0, 3));
    assert_null(roof_hardware_alias(0, 1000));
    assert_null(roof_hardware_alias(roof_hardware_count(), 0));
}

static void test_lookup_clock_suffix(void **state)
{
    (void)state;
    roof_hardware hw = get_named("RTX-A6000@1410.5");
    assert_true(hw.clock_hz == 1410.5e6);
    assert_string_equal(hw.name, "a6000@1410.5");
    /* The name of a clocked device finds it again. */
    roof_hardware again = get_named(hw.name);
    assert_memory_equal(&again, &hw, sizeof hw);
    /* A locked clock drives every pipe: H100 FP32 at 1500 MHz is
     * 132 x 256 x 1.5e9 = 50.688e12, not at the 1980 MHz vector clock. */
    hw = get_named("h100@1500");
    assert_true(hw.vector_clock_hz == 0.0);
    assert_true(peak(&hw, ROOF_FP32) == 50688000000000.0);

    static const char *const bad[] = {
        "a6000@", "a6000@abc", "a6000@0", "a6000@1.5.5", "a6000@-100",
        "a6000@ 2100", "a6000@2100MHz", "a6000@9999999999", "a6000@2100@1800",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fill(&hw, sizeof hw);
        if (roof_hardware_find(bad[i], &hw) != ROOF_E_RANGE)
            fail_msg("\"%s\" was accepted", bad[i]);
        assert_true(untouched(&hw, sizeof hw));
    }
    fill(&hw, sizeof hw);
    assert_int_equal(roof_hardware_find("a7000@2100", &hw), ROOF_E_NOT_FOUND);
    assert_true(untouched(&hw, sizeof hw));
}

static void test_lookup_errors(void **state)
{
    (void)state;
    roof_hardware hw;
    static const char *const missing[] = {"a7000", "", "a6000x", "a600", "@2100"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        fill(&hw, sizeof hw);
        assert_int_equal(roof_hardware_find(missing[i], &hw), ROOF_E_NOT_FOUND);
        assert_true(untouched(&hw, sizeof hw));
    }
    /* A name longer than any buffer inside lookup is simply not found. */
    char longname[300];
    memset(longname, 'a', sizeof longname - 6);
    strcpy(longname + sizeof longname - 6, "@2100");
    assert_int_equal(roof_hardware_find(longname, &hw), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_hardware_find(NULL, &hw), ROOF_E_NULL);
    assert_int_equal(roof_hardware_find("a6000", NULL), ROOF_E_NULL);

    fill(&hw, sizeof hw);
    assert_int_equal(roof_hardware_get(roof_hardware_count(), &hw), ROOF_E_RANGE);
    assert_int_equal(roof_hardware_get(UINT32_MAX, &hw), ROOF_E_RANGE);
    assert_true(untouched(&hw, sizeof hw));
    assert_int_equal(roof_hardware_get(0, NULL), ROOF_E_NULL);
}

static void test_suggest(void **state)
{
    (void)state;
    const char *names[8];
    uint32_t count = 99;
    /* "a600" is a prefix of both A6000 entries: they come first, in table
     * order. */
    assert_int_equal(roof_hardware_suggest("a600", names, 8, &count), ROOF_OK);
    assert_true(count >= 2);
    assert_string_equal(names[0], "a6000");
    assert_string_equal(names[1], "a6000-2100");
    /* "h10" prefixes the three H100s; the H200 (edit distance 2) follows. */
    assert_int_equal(roof_hardware_suggest("h10", names, 8, &count), ROOF_OK);
    assert_true(count >= 4);
    assert_string_equal(names[0], "h100-sxm");
    assert_string_equal(names[1], "h100-pcie");
    assert_string_equal(names[2], "h100-nvl");
    int h200 = 0;
    for (uint32_t i = 3; i < count; i++)
        h200 |= strcmp(names[i], "h200") == 0;
    assert_true(h200);
    /* cap limits the count. */
    assert_int_equal(roof_hardware_suggest("h10", names, 2, &count), ROOF_OK);
    assert_int_equal(count, 2);
    /* Nothing near: zero suggestions, still OK. */
    assert_int_equal(roof_hardware_suggest("zzzzzzzzzzzz", names, 8, &count), ROOF_OK);
    assert_int_equal(count, 0);
    /* cap 0 allows names == NULL. */
    count = 99;
    assert_int_equal(roof_hardware_suggest("h10", NULL, 0, &count), ROOF_OK);
    assert_int_equal(count, 0);

    count = 99;
    assert_int_equal(roof_hardware_suggest(NULL, names, 8, &count), ROOF_E_NULL);
    assert_int_equal(roof_hardware_suggest("h10", NULL, 1, &count), ROOF_E_NULL);
    assert_int_equal(count, 99);
    assert_int_equal(roof_hardware_suggest("h10", names, 8, NULL), ROOF_E_NULL);
}

static void test_at_clock(void **state)
{
    (void)state;
    roof_hardware a6000 = get_named("a6000"), out;
    assert_int_equal(roof_hardware_at_clock(&a6000, 2.1e9, &out), ROOF_OK);
    assert_true(peak(&out, ROOF_FP16) == 180633600000000.0);
    assert_string_equal(out.name, "a6000@2100");
    /* Re-clocking replaces the suffix rather than stacking a second one. */
    roof_hardware back;
    assert_int_equal(roof_hardware_at_clock(&out, 1.8e9, &back), ROOF_OK);
    assert_string_equal(back.name, "a6000@1800");
    assert_string_equal(back.label, "NVIDIA RTX A6000 @ 1800 MHz");
    assert_true(peak(&back, ROOF_FP16) == peak(&a6000, ROOF_FP16));
    /* In place works: out may alias hw. */
    roof_hardware self = a6000;
    assert_int_equal(roof_hardware_at_clock(&self, 2.1e9, &self), ROOF_OK);
    assert_string_equal(self.name, "a6000@2100");
    /* A name with no room for the suffix is kept as it is. */
    roof_hardware full = a6000;
    memset(full.name, 'n', sizeof full.name - 1);
    full.name[sizeof full.name - 1] = '\0';
    assert_int_equal(roof_hardware_at_clock(&full, 2.1e9, &out), ROOF_OK);
    assert_memory_equal(out.name, full.name, sizeof full.name);

    const double bad[] = {0.0, -1.8e9, DNAN, DINF, 2e30};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fill(&out, sizeof out);
        assert_int_equal(roof_hardware_at_clock(&a6000, bad[i], &out), ROOF_E_RANGE);
        assert_true(untouched(&out, sizeof out));
    }
    roof_hardware broken = a6000;
    broken.reserved[3] = 1;
    fill(&out, sizeof out);
    assert_int_equal(roof_hardware_at_clock(&broken, 2.1e9, &out), ROOF_E_INVALID);
    assert_true(untouched(&out, sizeof out));
    assert_int_equal(roof_hardware_at_clock(NULL, 2.1e9, &out), ROOF_E_NULL);
    assert_int_equal(roof_hardware_at_clock(&a6000, 2.1e9, NULL), ROOF_E_NULL);
}

/* A clock with 10 significant digits (1234.567891 MHz) is written in full
 * and read back: the name finds the same device (it was ROOF_E_RANGE when
 * the suffix allowed 9 digits).  A suffix that no longer fits drops the old
 * one instead of naming a clock the device no longer has: the label
 * "NVIDIA RTX 6000 Ada Generation @ 2000 MHz" kept "@ 2000 MHz". */
static void test_at_clock_round_trip(void **state)
{
    (void)state;
    roof_hardware at2000 = get_named("rtx-6000-ada@2000"), out;
    assert_string_equal(at2000.label,
                        "NVIDIA RTX 6000 Ada Generation @ 2000 MHz");
    assert_int_equal(roof_hardware_at_clock(&at2000, 1234567891.0, &out),
                     ROOF_OK);
    assert_string_equal(out.name, "rtx-6000-ada@1234.567891");
    /* 30 + " @ 1234.567891 MHz" (18) = 48 characters: no room with NUL. */
    assert_string_equal(out.label, "NVIDIA RTX 6000 Ada Generation");
    roof_hardware again;
    fill(&again, sizeof again);
    assert_int_equal(roof_hardware_find(out.name, &again), ROOF_OK);
    assert_true(again.clock_hz == 1234567891.0);
    assert_string_equal(again.name, out.name);
    /* The same for the name: 40 letters + "@1" re-clocked to 1234.56789
     * MHz (40 + 11 = 51 characters) drops "@1". */
    roof_hardware longer = at2000;
    memset(longer.name, 'n', 40);
    strcpy(longer.name + 40, "@1");
    assert_int_equal(roof_hardware_at_clock(&longer, 1234.56789e6, &out),
                     ROOF_OK);
    assert_int_equal(strlen(out.name), 40);
    assert_null(strchr(out.name, '@'));
}

static void test_peak_errors(void **state)
{
    (void)state;
    roof_hardware hw = get_named("a6000");
    double p = 7.0;
    assert_int_equal(roof_hardware_peak_flops_per_s(NULL, ROOF_FP16, &p), ROOF_E_NULL);
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, ROOF_FP16, NULL), ROOF_E_NULL);
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, ROOF_PRECISION_COUNT, &p),
                     ROOF_E_INVALID);
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, UINT32_MAX, &p),
                     ROOF_E_INVALID);
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, ROOF_FP8, &p),
                     ROOF_E_UNSUPPORTED);
    /* A bad descriptor gets the status its validator gives. */
    roof_hardware bad = hw;
    bad.dram_bytes_per_s = DNAN;
    assert_int_equal(roof_hardware_peak_flops_per_s(&bad, ROOF_FP16, &p),
                     ROOF_E_RANGE);
    bad = hw;
    bad.reserved[3] = 1;
    assert_int_equal(roof_hardware_peak_flops_per_s(&bad, ROOF_FP16, &p),
                     ROOF_E_INVALID);
    /* Fields each in range whose product is no usable peak: 4e9 x 1e30 x
     * 1e30 overflows; 1 x 1e-300 x 1 is below the 1e-30 floor. */
    bad = hw;
    bad.units = 4000000000u;
    bad.flops_per_clock_per_unit[ROOF_FP16] = 1e30;
    bad.clock_hz = 1e30;
    assert_int_equal(roof_hardware_peak_flops_per_s(&bad, ROOF_FP16, &p),
                     ROOF_E_RANGE);
    bad = hw;
    bad.units = 1;
    bad.clock_hz = 1.0;
    bad.flops_per_clock_per_unit[ROOF_FP16] = 1e-300;
    assert_int_equal(roof_hardware_peak_flops_per_s(&bad, ROOF_FP16, &p),
                     ROOF_E_RANGE);
    assert_true(p == 7.0);
}

/* Each bad value for a field that must be positive. */
static const double not_positive[] = {0.0, -1.0, DNAN, DINF, -DINF, 2e30};
/* ... and for one that may be 0. */
static const double not_nonneg[] = {-1.0, -1e-300, DNAN, DINF, 2e30};

static void expect_status(const roof_hardware *hw, int want, const char *what)
{
    int got = roof_hardware_validate(hw);
    if (got != want)
        fail_msg("%s: status %d, expected %d", what, got, want);
}

static void test_validate_numbers(void **state)
{
    (void)state;
    const roof_hardware good = get_named("a6000");
    expect_status(&good, ROOF_OK, "a6000");
    expect_status(NULL, ROOF_E_NULL, "NULL");
    roof_hardware hw = good;
    hw.units = 0;
    expect_status(&hw, ROOF_E_RANGE, "units 0");
    for (size_t i = 0; i < sizeof not_positive / sizeof not_positive[0]; i++) {
        double v = not_positive[i];
        hw = good; hw.clock_hz = v;
        expect_status(&hw, ROOF_E_RANGE, "clock_hz");
        hw = good; hw.memory_bytes = v;
        expect_status(&hw, ROOF_E_RANGE, "memory_bytes");
        hw = good; hw.dram_bytes_per_s = v;
        expect_status(&hw, ROOF_E_RANGE, "dram_bytes_per_s");
    }
    for (size_t i = 0; i < sizeof not_nonneg / sizeof not_nonneg[0]; i++) {
        double v = not_nonneg[i];
        hw = good; hw.vector_clock_hz = v;
        expect_status(&hw, ROOF_E_RANGE, "vector_clock_hz");
        hw = good; hw.l2_bytes = v;
        expect_status(&hw, ROOF_E_RANGE, "l2_bytes");
        hw = good; hw.interconnect_bytes_per_s = v;
        expect_status(&hw, ROOF_E_RANGE, "interconnect_bytes_per_s");
        for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
            hw = good;
            hw.flops_per_clock_per_unit[p] = v;
            expect_status(&hw, ROOF_E_RANGE, roof_precision_name(p));
        }
    }
    /* Zero is fine where it means "unknown", "none" or "unsupported". */
    hw = good;
    hw.vector_clock_hz = 0.0;
    hw.l2_bytes = 0.0;
    hw.interconnect_bytes_per_s = 0.0;
    hw.flops_per_clock_per_unit[ROOF_FP64] = 0.0;
    expect_status(&hw, ROOF_OK, "zeros allowed");
    /* But a device with no rate at all computes nothing. */
    memset(hw.flops_per_clock_per_unit, 0, sizeof hw.flops_per_clock_per_unit);
    expect_status(&hw, ROOF_E_INVALID, "no rates");
}

static void test_validate_strings_and_reserved(void **state)
{
    (void)state;
    const roof_hardware good = get_named("a6000");
    roof_hardware hw;
    /* Each string filled to the end of its array, no NUL. */
    hw = good; memset(hw.name, 'x', sizeof hw.name);
    expect_status(&hw, ROOF_E_INVALID, "name");
    hw = good; memset(hw.label, 'x', sizeof hw.label);
    expect_status(&hw, ROOF_E_INVALID, "label");
    hw = good; memset(hw.vendor, 'x', sizeof hw.vendor);
    expect_status(&hw, ROOF_E_INVALID, "vendor");
    hw = good; memset(hw.arch, 'x', sizeof hw.arch);
    expect_status(&hw, ROOF_E_INVALID, "arch");
    hw = good; memset(hw.source, 'x', sizeof hw.source);
    expect_status(&hw, ROOF_E_INVALID, "source");
    /* The last byte as NUL is enough. */
    hw = good; memset(hw.source, 'x', sizeof hw.source - 1);
    hw.source[sizeof hw.source - 1] = '\0';
    expect_status(&hw, ROOF_OK, "source at full length");

    /* scaleup_domain took the place of reserved0: any count is valid. */
    hw = good; hw.scaleup_domain = UINT32_MAX;
    expect_status(&hw, ROOF_OK, "scaleup_domain");
    for (size_t i = 0; i < 4; i++) {
        hw = good; hw.reserved[i] = 1.0;
        expect_status(&hw, ROOF_E_INVALID, "reserved");
        hw = good; hw.reserved[i] = DNAN;
        expect_status(&hw, ROOF_E_INVALID, "reserved NaN");
    }
}

/* GeForce parts run FP16 (and FP8) tensor math at twice the rate with
 * FP16 accumulation.  The RTX 4090's FP32-accumulate figure, 165.2
 * TFLOP/s, is no bound: a kernel with FP16 accumulation reaches 330.3.
 * The roof uses the faster rate and says so. */
static void test_fp16_accumulate(void **state)
{
    (void)state;
    roof_hardware hw = get_named("rtx-4090");
    /* 128 SM x 512 x 2.52e9 = 165.15e12 with FP32 accumulation; x 1024
     * = 330.30e12 with FP16 accumulation. */
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP16] == 512.0);
    assert_true(hw.fp16_acc16_flops_per_clock_per_unit == 1024.0);
    assert_true(peak(&hw, ROOF_FP16) == 330301440000000.0);
    assert_true(peak(&hw, ROOF_FP8) == 660602880000000.0);
    assert_true(peak(&hw, ROOF_BF16) == 165150720000000.0);
    double rate = 0.0;
    uint32_t acc = 99;
    assert_int_equal(roof_hardware_roof_rate(&hw, ROOF_FP16, &rate, &acc),
                     ROOF_OK);
    assert_true(rate == 1024.0);
    assert_int_equal(acc, ROOF_ACC_FP16);
    assert_int_equal(roof_hardware_roof_rate(&hw, ROOF_BF16, &rate, &acc),
                     ROOF_OK);
    assert_true(rate == 512.0);
    assert_int_equal(acc, ROOF_ACC_WIDE);
    /* A pro part has one rate: the A6000's FP16 roof is FP32-accumulate. */
    roof_hardware a6000 = get_named("a6000");
    assert_int_equal(roof_hardware_roof_rate(&a6000, ROOF_FP16, &rate, &acc),
                     ROOF_OK);
    assert_true(rate == 1024.0);
    assert_int_equal(acc, ROOF_ACC_WIDE);
    /* Errors: nothing written. */
    rate = 7.0;
    acc = 7;
    assert_int_equal(roof_hardware_roof_rate(&a6000, ROOF_FP8, &rate, &acc),
                     ROOF_E_UNSUPPORTED);
    assert_int_equal(roof_hardware_roof_rate(&a6000, ROOF_PRECISION_COUNT,
                                             &rate, &acc), ROOF_E_INVALID);
    assert_int_equal(roof_hardware_roof_rate(NULL, ROOF_FP16, &rate, &acc),
                     ROOF_E_NULL);
    assert_int_equal(roof_hardware_roof_rate(&a6000, ROOF_FP16, NULL, &acc),
                     ROOF_E_NULL);
    assert_int_equal(roof_hardware_roof_rate(&a6000, ROOF_FP16, &rate, NULL),
                     ROOF_E_NULL);
    roof_hardware bad = hw;
    bad.dram_bytes_per_s = 0.0;
    assert_int_equal(roof_hardware_roof_rate(&bad, ROOF_FP16, &rate, &acc),
                     ROOF_E_RANGE);
    assert_true(rate == 7.0 && acc == 7);

    /* Validation: an FP16-accumulate rate below the FP32-accumulate one,
     * or without one, is a contradiction; a bad number is a range error. */
    bad = hw;
    bad.fp16_acc16_flops_per_clock_per_unit = 256.0;
    expect_status(&bad, ROOF_E_INVALID, "acc16 below fp16");
    bad = hw;
    bad.flops_per_clock_per_unit[ROOF_FP8] = 0.0;
    expect_status(&bad, ROOF_E_INVALID, "fp8 acc16 without fp8");
    bad = hw;
    bad.fp8_acc16_flops_per_clock_per_unit = 1023.0;
    expect_status(&bad, ROOF_E_INVALID, "fp8 acc16 below fp8");
    for (size_t i = 0; i < sizeof not_nonneg / sizeof not_nonneg[0]; i++) {
        bad = hw;
        bad.fp16_acc16_flops_per_clock_per_unit = not_nonneg[i];
        expect_status(&bad, ROOF_E_RANGE, "fp16 acc16");
        bad = hw;
        bad.fp8_acc16_flops_per_clock_per_unit = not_nonneg[i];
        expect_status(&bad, ROOF_E_RANGE, "fp8 acc16");
    }
    /* Equal to the FP32-accumulate rate is allowed, and changes nothing. */
    roof_hardware same = a6000;
    same.fp16_acc16_flops_per_clock_per_unit = 1024.0;
    expect_status(&same, ROOF_OK, "acc16 equal");
    assert_true(peak(&same, ROOF_FP16) == peak(&a6000, ROOF_FP16));
}

/* FP6 and FP4 are precisions like the others: named, and zero where the
 * device has no rate for them. */
static void test_fp6_fp4(void **state)
{
    (void)state;
    assert_string_equal(roof_precision_name(ROOF_FP6), "fp6");
    assert_string_equal(roof_precision_name(ROOF_FP4), "fp4");
    uint32_t p = 0;
    assert_int_equal(roof_precision_from_name("FP4", &p), ROOF_OK);
    assert_int_equal(p, ROOF_FP4);
    /* The B200's FP4 roof, 9 PFLOP/s dense per GPU (HGX B200: 144 PF
     * sparse for 8): 148 SM x 32768 x 1.856e9 = 9.0006e15. */
    roof_hardware b200 = get_named("b200");
    assert_true(peak(&b200, ROOF_FP4) == 148.0 * 32768.0 * 1.856e9);
    /* Hopper has neither. */
    roof_hardware h100 = get_named("h100");
    double x = 7.0;
    assert_int_equal(roof_hardware_peak_flops_per_s(&h100, ROOF_FP4, &x),
                     ROOF_E_UNSUPPORTED);
    assert_int_equal(roof_hardware_peak_flops_per_s(&h100, ROOF_FP6, &x),
                     ROOF_E_UNSUPPORTED);
    assert_true(x == 7.0);
}

/* Scale-up domains and scale-out bandwidths of the table, from the
 * sources in docs/hardware.md. */
static void test_scale_up_and_out(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t domain;
        double link_gbps, scaleout_gbps;
    } ref[] = {
        {"h100-sxm", 8, 450, 50},     /* HGX; 400 Gb/s ConnectX-7 */
        {"h200", 8, 450, 50},
        {"a100-80gb-sxm", 8, 300, 25}, /* 200 Gb/s HDR */
        {"b200", 8, 900, 50},
        {"b300", 8, 900, 100},        /* 800 Gb/s ConnectX-8 */
        {"gb200", 72, 900, 50},       /* NVL72: 130 TB/s / 72 / 2 */
        {"gb300", 72, 900, 100},
        {"a6000", 2, 56.25, 0},       /* NVLink bridge */
        {"a40", 2, 56.25, 0},
        {"rtx-4090", 1, 0, 0},        /* no NVLink */
        {"mi300x", 8, 448, 0},
        {"mi355x", 8, 537.6, 0},      /* 7 x 153.6 / 2 */
        {"tpu-v5e", 256, 200, 3.125}, /* 2 x 100 Gb/s per 8 chips */
        {"tpu-v5p", 8960, 600, 6.25}, /* 50 Gb/s DCN per chip */
        {"tpu-v6e", 256, 400, 0},     /* 800 GB/s both ways */
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        roof_hardware hw = get_named(ref[i].name);
        if (hw.scaleup_domain != ref[i].domain)
            fail_msg("%s: domain %u", ref[i].name, (unsigned)hw.scaleup_domain);
        assert_true(fabs(hw.interconnect_bytes_per_s - ref[i].link_gbps * 1e9)
                    <= 1e-6 * ref[i].link_gbps * 1e9);
        assert_true(hw.scaleout_bytes_per_s == ref[i].scaleout_gbps * 1e9);
    }
    /* Validation: 0 (unknown) or a usable divisor. */
    roof_hardware hw = get_named("h100");
    for (size_t i = 0; i < sizeof not_nonneg / sizeof not_nonneg[0]; i++) {
        roof_hardware bad = hw;
        bad.scaleout_bytes_per_s = not_nonneg[i];
        expect_status(&bad, ROOF_E_RANGE, "scaleout");
    }
    hw.scaleout_bytes_per_s = 1e-300;
    expect_status(&hw, ROOF_E_RANGE, "scaleout 1e-300");
    hw.scaleout_bytes_per_s = 0.0;
    expect_status(&hw, ROOF_OK, "scaleout 0");
}

/* One descriptor, one verdict: a device whose fields are each in range
 * but whose peaks overflow (4294967295 units at 1e30 Hz), or whose
 * bandwidth is so small that a ridge would be inf (1e-308 B/s), or whose
 * rate makes a peak below 1e-30 FLOP/s, is refused by its validator with
 * ROOF_E_RANGE, and peak, ceiling and ops give that same status. */
static void expect_agreement(const roof_hardware *hw, const char *what)
{
    int v = roof_hardware_validate(hw);
    if (v != ROOF_E_RANGE)
        fail_msg("%s: validate gave %d, want ROOF_E_RANGE", what, v);
    double p = 7.0;
    assert_int_equal(roof_hardware_peak_flops_per_s(hw, ROOF_FP16, &p), v);
    assert_true(p == 7.0);
    roof_ceiling c;
    assert_int_equal(roof_ceiling_from_hardware(hw, ROOF_FP16, NULL, &c), v);
    roof_model m;
    roof_workload w;
    roof_totals t;
    assert_int_equal(roof_model_find("llama-2-7b", &m), ROOF_OK);
    assert_int_equal(roof_workload_decode(1, 16, &w), ROOF_OK);
    assert_int_equal(roof_step(&m, &w, hw, NULL, &t), v);
}

static void test_validate_agrees_with_use(void **state)
{
    (void)state;
    const roof_hardware good = get_named("a6000");
    roof_hardware hw = good;
    hw.units = 4294967295u;
    hw.clock_hz = 1e30;
    expect_agreement(&hw, "peaks overflow");
    hw = good;
    hw.dram_bytes_per_s = 1e-308;
    expect_agreement(&hw, "dram 1e-308");
    hw = good;
    hw.dram_bytes_per_s = 5e-324; /* the smallest denormal */
    expect_agreement(&hw, "dram denormal");
    hw = good;
    hw.dram_bytes_per_s = 0.99e-30;
    expect_agreement(&hw, "dram just below 1e-30");
    hw = good;
    hw.interconnect_bytes_per_s = 1e-300;
    expect_agreement(&hw, "interconnect 1e-300");
    /* A tiny vector clock makes only the FP32/FP64 peaks unusable:
     * 84 x 256 x 1e-40 Hz = 2.2e-36 FLOP/s. */
    hw = good;
    hw.vector_clock_hz = 1e-40;
    expect_agreement(&hw, "vector clock 1e-40");
    hw = good;
    hw.flops_per_clock_per_unit[ROOF_INT4] = 1e-300;
    expect_agreement(&hw, "int4 rate 1e-300");
    /* The edges themselves are usable: 1 unit x 1 x 1e-30 Hz = 1e-30
     * FLOP/s, DRAM 1e-30 B/s, 1 x 1e30 x 1 = 1e30 FLOP/s. */
    hw = good;
    hw.units = 1;
    memset(hw.flops_per_clock_per_unit, 0, sizeof hw.flops_per_clock_per_unit);
    hw.flops_per_clock_per_unit[ROOF_FP16] = 1.0;
    hw.clock_hz = 1e-30;
    hw.dram_bytes_per_s = 1e-30;
    expect_status(&hw, ROOF_OK, "peak 1e-30");
    roof_ceiling c;
    double ridge = 0.0;
    assert_int_equal(roof_ceiling_from_hardware(&hw, ROOF_FP16, NULL, &c), ROOF_OK);
    assert_int_equal(roof_ridge_flops_per_byte(&c, &ridge), ROOF_OK);
    assert_true(ridge == 1.0);
    hw.clock_hz = 1.0;
    hw.flops_per_clock_per_unit[ROOF_FP16] = 1e30;
    expect_status(&hw, ROOF_OK, "peak 1e30");
    /* At a clock where a peak leaves the range, at_clock refuses. */
    roof_hardware out;
    fill(&out, sizeof out);
    assert_int_equal(roof_hardware_at_clock(&good, 1e29, &out), ROOF_E_RANGE);
    assert_true(untouched(&out, sizeof out));
}

/* ---- docs/hardware.md must show exactly the built-in table ---------- */

typedef struct text {
    char buf[65536];
    size_t len;
} text;

static void put(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof t->buf - t->len);
    t->len += (size_t)n;
}

/* TFLOP/s (or TOPS) as the docs print them; "—" when unsupported. */
static void put_tflops(text *t, const roof_hardware *hw, uint32_t precision)
{
    double p;
    if (roof_hardware_peak_flops_per_s(hw, precision, &p) != ROOF_OK)
        put(t, " — |");
    else if (p < 10e12)
        put(t, " %.2f |", p / 1e12);
    else
        put(t, " %.1f |", p / 1e12);
}

static const char *unit_word(const char *vendor)
{
    if (strcmp(vendor, "AMD") == 0)
        return "CU";
    if (strcmp(vendor, "Google") == 0)
        return "MXU";
    if (strcmp(vendor, "Intel") == 0)
        return "MME";
    return "SM";
}

static void put_row(text *t, const roof_hardware *hw)
{
    put(t, "| `%s` | %s | %u %s | %.0f", hw->name, hw->label, (unsigned)hw->units,
        unit_word(hw->vendor), hw->clock_hz / 1e6);
    if (hw->vector_clock_hz > 0.0)
        put(t, " / %.0f", hw->vector_clock_hz / 1e6);
    put(t, " |");
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++)
        put_tflops(t, hw, p);
    put(t, " %g | %g |", hw->dram_bytes_per_s / 1e9, hw->memory_bytes / 1e9);
    if (hw->l2_bytes > 0.0)
        put(t, " %g |", hw->l2_bytes / 1048576.0);
    else
        put(t, " n/p |");
    if (hw->interconnect_bytes_per_s > 0.0)
        put(t, " %g |", hw->interconnect_bytes_per_s / 1e9);
    else
        put(t, " — |");
    if (hw->scaleup_domain > 0)
        put(t, " %u |", (unsigned)hw->scaleup_domain);
    else
        put(t, " n/p |");
    if (hw->scaleout_bytes_per_s > 0.0)
        put(t, " %g |", hw->scaleout_bytes_per_s / 1e9);
    else
        put(t, " n/p |");
    /* Ridge at FP16, or BF16 on devices without FP16 (TPUs, Gaudi2). */
    double p;
    if (roof_hardware_peak_flops_per_s(hw, ROOF_FP16, &p) == ROOF_OK)
        put(t, " %.1f |\n", p / hw->dram_bytes_per_s);
    else if (roof_hardware_peak_flops_per_s(hw, ROOF_BF16, &p) == ROOF_OK)
        put(t, " %.1f (BF16) |\n", p / hw->dram_bytes_per_s);
    else
        put(t, " — |\n");
}

static void render_docs_table(text *t)
{
    t->len = 0;
    put(t, "| Name | Device | Units | Clock MHz (tensor / vector) "
           "| FP64 | FP32 | TF32 | FP16 | BF16 | FP8 | INT8 | INT4 | FP6 | FP4 "
           "| DRAM GB/s | Memory GB | L2 MiB | Link GB/s per dir "
           "| Scale-up domain | Scale-out GB/s per dir "
           "| Ridge FP16 FLOP/B |\n");
    put(t, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---"
           "|---|---|---|---|\n");
    for (uint32_t i = 0; i < roof_hardware_count(); i++) {
        roof_hardware hw;
        assert_int_equal(roof_hardware_get(i, &hw), ROOF_OK);
        put_row(t, &hw);
    }
    put(t, "\nLookup names and sources (keys as in the reference, section "
           "\"Sources\" below):\n\n");
    for (uint32_t i = 0; i < roof_hardware_count(); i++) {
        roof_hardware hw;
        assert_int_equal(roof_hardware_get(i, &hw), ROOF_OK);
        put(t, "- `%s`", hw.name);
        for (uint32_t k = 0; roof_hardware_alias(i, k) != NULL; k++)
            put(t, "%s`%s`", k == 0 ? " (also " : ", ", roof_hardware_alias(i, k));
        put(t, "%s: %s\n", roof_hardware_alias(i, 0) != NULL ? ")" : "", hw.source);
    }
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    static char data[1 << 20];
    *len = fread(data, 1, sizeof data - 1, f);
    data[*len] = '\0';
    fclose(f);
    return data;
}

static void test_docs_table_matches(void **state)
{
    (void)state;
    const char *root = getenv("ROOF_SOURCE_ROOT");
    if (root == NULL)
        skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/hardware.md", root);
    size_t len = 0;
    char *doc = read_file(path, &len);
    if (doc == NULL)
        fail_msg("cannot read %s", path);
    const char *begin_mark = "<!-- BEGIN TABLE -->\n";
    char *begin = strstr(doc, begin_mark);
    char *end = begin != NULL ? strstr(begin, "<!-- END TABLE -->") : NULL;
    static text want;
    render_docs_table(&want);
    int same = 0;
    if (begin != NULL && end != NULL) {
        begin += strlen(begin_mark);
        same = (size_t)(end - begin) == want.len
               && memcmp(begin, want.buf, want.len) == 0;
    }
    if (!same) {
        /* Not print_message: cmocka cuts long messages short. */
        printf("docs/hardware.md is out of step with the built-in table. "
               "Paste this between the markers:\n%s", want.buf);
        fflush(stdout);
        fail();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a6000_peaks),
        cmocka_unit_test(test_h100_peaks),
        cmocka_unit_test(test_table_matches_reference),
        cmocka_unit_test(test_every_builtin_is_valid),
        cmocka_unit_test(test_devices_the_issue_names),
        cmocka_unit_test(test_lookup_aliases_and_case),
        cmocka_unit_test(test_lookup_clock_suffix),
        cmocka_unit_test(test_lookup_errors),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_at_clock),
        cmocka_unit_test(test_at_clock_round_trip),
        cmocka_unit_test(test_peak_errors),
        cmocka_unit_test(test_validate_numbers),
        cmocka_unit_test(test_validate_strings_and_reserved),
        cmocka_unit_test(test_validate_agrees_with_use),
        cmocka_unit_test(test_fp16_accumulate),
        cmocka_unit_test(test_fp6_fp4),
        cmocka_unit_test(test_scale_up_and_out),
        cmocka_unit_test(test_docs_table_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
