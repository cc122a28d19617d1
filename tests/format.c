/* Tests of lib/format.c: bits and bytes of each weight format, derived by
 * hand from the format's definition, and the precision a matmul in it
 * runs at on real devices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

static double bits_of(uint32_t format)
{
    double b = -1.0;
    assert_int_equal(roof_format_bits_per_weight(format, &b), ROOF_OK);
    return b;
}

static double bytes_of(uint32_t format, uint32_t rows, uint32_t cols)
{
    double b = -1.0;
    assert_int_equal(roof_format_weight_bytes(format, rows, cols, &b), ROOF_OK);
    return b;
}

static roof_hardware device(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

static void test_bits_per_weight(void **state)
{
    (void)state;
    assert_true(bits_of(ROOF_FORMAT_FP32) == 32.0);
    assert_true(bits_of(ROOF_FORMAT_BF16) == 16.0);
    assert_true(bits_of(ROOF_FORMAT_FP16) == 16.0);
    /* Per-tensor and per-row scales: no per-weight share. */
    assert_true(bits_of(ROOF_FORMAT_FP8) == 8.0);
    assert_true(bits_of(ROOF_FORMAT_FP8_CHANNEL) == 8.0);
    assert_true(bits_of(ROOF_FORMAT_INT8_CHANNEL) == 8.0);
    /* One FP32 scale per 128 x 128 = 16384 weights. */
    assert_true(bits_of(ROOF_FORMAT_FP8_BLOCK128) == 8.0 + 32.0 / 16384.0);
    /* OCP MX: one 8-bit E8M0 scale per 32 elements. */
    assert_true(bits_of(ROOF_FORMAT_MXFP8) == 8.25);
    assert_true(bits_of(ROOF_FORMAT_MXFP6) == 6.25);
    assert_true(bits_of(ROOF_FORMAT_MXFP4) == 4.25);
    /* NVFP4: one 8-bit E4M3 scale per 16 (the per-tensor FP32 scale is
     * counted in bytes). */
    assert_true(bits_of(ROOF_FORMAT_NVFP4) == 4.5);
    /* AWQ/GPTQ: FP16 scale + 4-bit zero = 20 bits per group. */
    assert_true(bits_of(ROOF_FORMAT_INT4_G128) == 4.0 + 20.0 / 128.0);
    assert_true(bits_of(ROOF_FORMAT_INT4_G32) == 4.625);
}

static void test_weight_bytes(void **state)
{
    (void)state;
    /* gpt-oss-120b's expert down projection: 2880 x 2880 in MXFP4:
     * 8294400 weights x 4 bits = 4147200 B, plus 2880 rows x 90 blocks
     * of 1 byte = 259200 B: 4406400 B. */
    assert_true(bytes_of(ROOF_FORMAT_MXFP4, 2880, 2880) == 4406400.0);
    /* DeepSeek-V3 q_b_proj-like 24576 x 1536 in FP8 with 128 x 128
     * blocks: 37748736 B + 192 x 12 scales x 4 B = 9216 B. */
    assert_true(bytes_of(ROOF_FORMAT_FP8_BLOCK128, 24576, 1536)
                == 37748736.0 + 9216.0);
    /* Edges count whole: 129 x 129 has 2 x 2 blocks: 16641 + 16 B. */
    assert_true(bytes_of(ROOF_FORMAT_FP8_BLOCK128, 129, 129) == 16657.0);
    /* NVFP4 4096 x 4096: 8388608 B + 4096 x 256 scales (1 B) + 4 B. */
    assert_true(bytes_of(ROOF_FORMAT_NVFP4, 4096, 4096)
                == 8388608.0 + 1048576.0 + 4.0);
    /* Per-row FP32 scales: 4096 x 4096 FP8 + 4096 x 4 B. */
    assert_true(bytes_of(ROOF_FORMAT_FP8_CHANNEL, 4096, 4096)
                == 16777216.0 + 16384.0);
    assert_true(bytes_of(ROOF_FORMAT_FP8, 1, 1) == 1.0 + 4.0);
    /* AWQ 4096 x 4096, groups of 128: 8388608 B + 4096 x 32 x 2.5 B. */
    assert_true(bytes_of(ROOF_FORMAT_INT4_G128, 4096, 4096)
                == 8388608.0 + 327680.0);
    assert_true(bytes_of(ROOF_FORMAT_BF16, 3, 5) == 30.0);
    /* The largest matrix stays exact enough and finite. */
    double b = bytes_of(ROOF_FORMAT_FP32, UINT32_MAX, UINT32_MAX);
    assert_true(isfinite(b) && b > 7e19);
}

static void test_names(void **state)
{
    (void)state;
    for (uint32_t f = 0; f < ROOF_FORMAT_COUNT; f++) {
        const char *name = roof_format_name(f);
        assert_non_null(name);
        uint32_t back = 99;
        assert_int_equal(roof_format_from_name(name, &back), ROOF_OK);
        assert_int_equal(back, f);
    }
    assert_null(roof_format_name(ROOF_FORMAT_COUNT));
    uint32_t f = 99;
    assert_int_equal(roof_format_from_name("MXFP4", &f), ROOF_OK);
    assert_int_equal(f, ROOF_FORMAT_MXFP4);
    assert_int_equal(roof_format_from_name("fp8_block128", &f), ROOF_OK);
    assert_int_equal(f, ROOF_FORMAT_FP8_BLOCK128);
    f = 99;
    assert_int_equal(roof_format_from_name("fp5", &f), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_format_from_name(NULL, &f), ROOF_E_NULL);
    assert_int_equal(roof_format_from_name("fp8", NULL), ROOF_E_NULL);
    assert_int_equal(f, 99);
}

static void test_errors(void **state)
{
    (void)state;
    double x = 7.0;
    uint32_t p = 7, d = 7;
    assert_int_equal(roof_format_bits_per_weight(ROOF_FORMAT_COUNT, &x),
                     ROOF_E_INVALID);
    assert_int_equal(roof_format_bits_per_weight(0, NULL), ROOF_E_NULL);
    assert_int_equal(roof_format_weight_bytes(ROOF_FORMAT_COUNT, 1, 1, &x),
                     ROOF_E_INVALID);
    assert_int_equal(roof_format_weight_bytes(0, 0, 1, &x), ROOF_E_RANGE);
    assert_int_equal(roof_format_weight_bytes(0, 1, 0, &x), ROOF_E_RANGE);
    assert_int_equal(roof_format_weight_bytes(0, 1, 1, NULL), ROOF_E_NULL);
    assert_true(x == 7.0);
    assert_int_equal(roof_format_native_precision(99, &p), ROOF_E_INVALID);
    assert_int_equal(roof_format_native_precision(0, NULL), ROOF_E_NULL);
    roof_hardware hw = device("h100");
    assert_int_equal(roof_format_math_precision(NULL, 0, &p, &d), ROOF_E_NULL);
    assert_int_equal(roof_format_math_precision(&hw, 0, NULL, &d), ROOF_E_NULL);
    assert_int_equal(roof_format_math_precision(&hw, 0, &p, NULL), ROOF_E_NULL);
    assert_int_equal(roof_format_math_precision(&hw, 99, &p, &d),
                     ROOF_E_INVALID);
    hw.dram_bytes_per_s = 1e-308;
    assert_int_equal(roof_format_math_precision(&hw, 0, &p, &d), ROOF_E_RANGE);
    assert_true(p == 7 && d == 7);
}

static void expect_math(const char *dev, uint32_t format, uint32_t want,
                        uint32_t want_deq)
{
    roof_hardware hw = device(dev);
    uint32_t p = 99, d = 99;
    assert_int_equal(roof_format_math_precision(&hw, format, &p, &d), ROOF_OK);
    if (p != want || d != want_deq)
        fail_msg("%s on %s: %s dequantized %u, want %s %u",
                 roof_format_name(format), dev, roof_precision_name(p),
                 (unsigned)d, roof_precision_name(want), (unsigned)want_deq);
}

static void test_math_precision(void **state)
{
    (void)state;
    /* The format's own where the device has it. */
    expect_math("b200", ROOF_FORMAT_NVFP4, ROOF_FP4, 0);
    expect_math("b200", ROOF_FORMAT_MXFP4, ROOF_FP4, 0);
    expect_math("b200", ROOF_FORMAT_MXFP6, ROOF_FP6, 0);
    expect_math("mi355x", ROOF_FORMAT_MXFP4, ROOF_FP4, 0);
    expect_math("h100", ROOF_FORMAT_FP8_BLOCK128, ROOF_FP8, 0);
    expect_math("h100", ROOF_FORMAT_INT8_CHANNEL, ROOF_INT8, 0);
    expect_math("a6000", ROOF_FORMAT_FP16, ROOF_FP16, 0);
    /* MXFP4 on an H100 (no FP4): widened to BF16. */
    expect_math("h100", ROOF_FORMAT_MXFP4, ROOF_BF16, 1);
    expect_math("h100", ROOF_FORMAT_MXFP6, ROOF_BF16, 1);
    /* FP8 checkpoints on an A100 (no FP8): BF16. */
    expect_math("a100", ROOF_FORMAT_FP8_BLOCK128, ROOF_BF16, 1);
    /* V100: no BF16, so FP16; TPU v5e: no FP16, so BF16. */
    expect_math("v100", ROOF_FORMAT_MXFP4, ROOF_FP16, 1);
    expect_math("v100", ROOF_FORMAT_BF16, ROOF_FP16, 1);
    expect_math("tpu-v5e", ROOF_FORMAT_FP16, ROOF_BF16, 1);
    /* Weight-only INT4 is always widened, to FP16 where there is one. */
    expect_math("a100", ROOF_FORMAT_INT4_G128, ROOF_FP16, 1);
    expect_math("tpu-v5e", ROOF_FORMAT_INT4_G32, ROOF_BF16, 1);
    /* FP32 has no wider type: a device without FP32 refuses it. */
    expect_math("a6000", ROOF_FORMAT_FP32, ROOF_FP32, 0);
    roof_hardware tpu = device("tpu-v5e");
    uint32_t p = 7, d = 7;
    assert_int_equal(roof_format_math_precision(&tpu, ROOF_FORMAT_FP32, &p, &d),
                     ROOF_E_UNSUPPORTED);
    /* A device with only INT8 has no rate for an MXFP4 matmul. */
    roof_hardware int8_only = device("a6000");
    memset(int8_only.flops_per_clock_per_unit, 0,
           sizeof int8_only.flops_per_clock_per_unit);
    int8_only.flops_per_clock_per_unit[ROOF_INT8] = 2048.0;
    assert_int_equal(roof_format_math_precision(&int8_only, ROOF_FORMAT_MXFP4,
                                                &p, &d), ROOF_E_UNSUPPORTED);
    assert_true(p == 7 && d == 7);
    /* Native precisions. */
    assert_int_equal(roof_format_native_precision(ROOF_FORMAT_NVFP4, &p),
                     ROOF_OK);
    assert_int_equal(p, ROOF_FP4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bits_per_weight),
        cmocka_unit_test(test_weight_bytes),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_math_precision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
