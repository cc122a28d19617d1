/* Tests of lib/hwfile.c: hardware description files in JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define SENTINEL 0xA5

/* A small device written by hand: 2 units x 100 FLOP/clk x 1 GHz. */
static const char *const tiny =
    "{\n"
    "  \"_comment\": \"keys starting with _ are ignored\",\n"
    "  \"name\": \"tiny\",\n"
    "  \"vendor\": \"Acme\",\n"
    "  \"units\": 2,\n"
    "  \"clock_hz\": 1e9,\n"
    "  \"flops_per_clock_per_unit\": {\"FP16\": 100, \"fp32\": 50.5},\n"
    "  \"memory_bytes\": 8e9,\n"
    "  \"dram_bytes_per_s\": 1.5e11\n"
    "}\n";

static void test_reads_a_hand_written_file(void **state)
{
    (void)state;
    roof_hardware hw;
    roof_parse_error err;
    assert_int_equal(roof_hardware_from_json(tiny, strlen(tiny), &hw, &err), ROOF_OK);
    assert_string_equal(hw.name, "tiny");
    assert_string_equal(hw.label, "tiny"); /* defaults to the name */
    assert_string_equal(hw.vendor, "Acme");
    assert_string_equal(hw.arch, "");
    assert_int_equal(hw.units, 2);
    assert_true(hw.clock_hz == 1e9);
    assert_true(hw.vector_clock_hz == 0.0);
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP16] == 100.0);
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP32] == 50.5);
    assert_true(hw.flops_per_clock_per_unit[ROOF_BF16] == 0.0);
    assert_true(hw.memory_bytes == 8e9);
    assert_true(hw.dram_bytes_per_s == 1.5e11);
    assert_true(hw.l2_bytes == 0.0);
    /* peak = 2 x 100 x 1e9 = 2e11 FLOP/s */
    double peak = 0;
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, ROOF_FP16, &peak), ROOF_OK);
    assert_true(peak == 2e11);
    /* Keys added after the first files were written default to 0. */
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP4] == 0.0);
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP6] == 0.0);
    assert_int_equal(hw.scaleup_domain, 0);
    assert_true(hw.scaleout_bytes_per_s == 0.0);
    assert_true(hw.fp16_acc16_flops_per_clock_per_unit == 0.0);
}

/* The keys of issue 15: FP6/FP4 rates, the FP16-accumulate rates, the
 * scale-up domain and the scale-out network. */
static void test_reads_the_new_keys(void **state)
{
    (void)state;
    static const char *const text =
        "{\"name\": \"fast\", \"units\": 2, \"clock_hz\": 1e9,\n"
        " \"flops_per_clock_per_unit\": {\"fp16\": 100, \"fp8\": 200,\n"
        "   \"fp6\": 400, \"fp4\": 800},\n"
        " \"fp16_acc16_flops_per_clock_per_unit\": 200,\n"
        " \"fp8_acc16_flops_per_clock_per_unit\": 400,\n"
        " \"scaleup_domain\": 72, \"scaleout_bytes_per_s\": 5e10,\n"
        " \"interconnect_bytes_per_s\": 9e11,\n"
        " \"memory_bytes\": 8e9, \"dram_bytes_per_s\": 1e12}";
    roof_hardware hw;
    roof_parse_error err;
    assert_int_equal(roof_hardware_from_json(text, strlen(text), &hw, &err),
                     ROOF_OK);
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP4] == 800.0);
    assert_true(hw.flops_per_clock_per_unit[ROOF_FP6] == 400.0);
    assert_int_equal(hw.scaleup_domain, 72);
    assert_true(hw.scaleout_bytes_per_s == 5e10);
    /* The FP16 roof is the FP16-accumulate one: 2 x 200 x 1e9. */
    double peak = 0;
    assert_int_equal(roof_hardware_peak_flops_per_s(&hw, ROOF_FP16, &peak),
                     ROOF_OK);
    assert_true(peak == 4e11);
    /* It writes back and reads to the same descriptor. */
    char buf[4096];
    size_t len = 0;
    assert_int_equal(roof_hardware_to_json(&hw, buf, sizeof buf, &len),
                     ROOF_OK);
    roof_hardware again;
    assert_int_equal(roof_hardware_from_json(buf, len, &again, &err), ROOF_OK);
    assert_memory_equal(&again, &hw, sizeof hw);
    /* An FP16-accumulate rate below the FP32-accumulate one is refused. */
    static const char *const slow =
        "{\"name\": \"x\", \"units\": 1, \"clock_hz\": 1e9,\n"
        " \"flops_per_clock_per_unit\": {\"fp16\": 100},\n"
        " \"fp16_acc16_flops_per_clock_per_unit\": 50,\n"
        " \"memory_bytes\": 1e9, \"dram_bytes_per_s\": 1e9}";
    assert_int_equal(roof_hardware_from_json(slow, strlen(slow), &hw, &err),
                     ROOF_E_INVALID);
}

static void test_every_builtin_round_trips(void **state)
{
    (void)state;
    uint32_t n = roof_hardware_count();
    assert_true(n > 0);
    for (uint32_t i = 0; i < n; i++) {
        roof_hardware hw, back;
        assert_int_equal(roof_hardware_get(i, &hw), ROOF_OK);
        size_t need = 0;
        assert_int_equal(roof_hardware_to_json(&hw, NULL, 0, &need),
                         ROOF_E_BUFFER_TOO_SMALL);
        char *buf = malloc(need);
        assert_non_null(buf);
        size_t len = 0;
        assert_int_equal(roof_hardware_to_json(&hw, buf, need, &len), ROOF_OK);
        assert_int_equal(len + 1, need);
        assert_int_equal(strlen(buf), len);
        memset(&back, SENTINEL, sizeof back);
        roof_parse_error err;
        int rc = roof_hardware_from_json(buf, len, &back, &err);
        if (rc != ROOF_OK)
            fail_msg("%s: %s at %u:%u", hw.name, err.message, err.line, err.column);
        /* byte-identical, strings' zero tails included */
        assert_memory_equal(&hw, &back, sizeof hw);
        free(buf);
    }
}

static void test_to_json_buffer_rules(void **state)
{
    (void)state;
    roof_hardware hw;
    assert_int_equal(roof_hardware_get(0, &hw), ROOF_OK);
    char small[16];
    memset(small, 'x', sizeof small);
    size_t need = 0;
    assert_int_equal(roof_hardware_to_json(&hw, small, sizeof small, &need),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_true(need > sizeof small);
    for (size_t i = 0; i < sizeof small; i++)
        assert_int_equal(small[i], 'x'); /* untouched */
    assert_int_equal(roof_hardware_to_json(NULL, small, sizeof small, &need), ROOF_E_NULL);
    assert_int_equal(roof_hardware_to_json(&hw, NULL, 10, &need), ROOF_E_NULL);
    hw.units = 0;
    assert_int_equal(roof_hardware_to_json(&hw, small, sizeof small, &need), ROOF_E_RANGE);

    /* A label that is not UTF-8 would make JSON the reader rejects. */
    char big[8192];
    assert_int_equal(roof_hardware_get(0, &hw), ROOF_OK);
    strcpy(hw.label, "bad \xff label");
    need = 0;
    assert_int_equal(roof_hardware_to_json(&hw, big, sizeof big, &need), ROOF_E_INVALID);
    assert_int_equal(need, 0);
}

/* text must fail with status want, at line:column, message containing
 * what, and leave the output untouched. */
static void expect_fail(const char *text, int want, uint32_t line,
                        uint32_t column, const char *what)
{
    roof_hardware out, before;
    memset(&out, SENTINEL, sizeof out);
    before = out;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    int rc = roof_hardware_from_json(text, strlen(text), &out, &err);
    if (rc != want)
        fail_msg("status %d, expected %d for %s (%s)", rc, want, text, err.message);
    assert_memory_equal(&out, &before, sizeof out);
    if (err.line != line || err.column != column)
        fail_msg("at %u:%u, expected %u:%u (%s)", err.line, err.column, line,
                 column, err.message);
    if (strstr(err.message, what) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err.message, what);
}

#define RATES "\"flops_per_clock_per_unit\": {\"fp16\": 1}"
/* BASE is 127 bytes, so "{" BASE ", " puts the next key at column 131. */
#define BASE "\"name\": \"x\", \"units\": 1, \"clock_hz\": 1e9, " RATES \
    ", \"memory_bytes\": 1e9, \"dram_bytes_per_s\": 1e9"

static void test_errors(void **state)
{
    (void)state;
    expect_fail("", ROOF_E_PARSE, 1, 1, "empty");
    expect_fail("[1]", ROOF_E_TYPE, 1, 1, "JSON object");
    expect_fail("{" BASE ", \"dram_bytes_per_sec\": 1}", ROOF_E_INVALID, 1, 131,
                "unknown key \"dram_bytes_per_sec\"");
    expect_fail("{\"units\": 1}", ROOF_E_MISSING, 1, 1, "missing key \"name\"");
    expect_fail("{" BASE ", \"units\": 1.5}", ROOF_E_RANGE, 1, 140, "units");
    expect_fail("{" BASE ", \"units\": -1}", ROOF_E_RANGE, 1, 140, "units");
    expect_fail("{" BASE ", \"units\": \"2\"}", ROOF_E_TYPE, 1, 140, "integer for \"units\"");
    expect_fail("{" BASE ", \"clock_hz\": 2e30}", ROOF_E_RANGE, 1, 143, "clock_hz");
    expect_fail("{" BASE ", \"clock_hz\": -1}", ROOF_E_RANGE, 1, 143, "negative");
    /* a required number that is 0: its key named, at its value (docs/inputs.md) */
    expect_fail("{" BASE ", \"clock_hz\": 0}", ROOF_E_RANGE, 1, 143,
                "must be positive: \"clock_hz\"");
    expect_fail("{" BASE ", \"units\": 0}", ROOF_E_RANGE, 1, 140,
                "must be positive: \"units\"");
    expect_fail("{" BASE ", \"memory_bytes\": 0}", ROOF_E_RANGE, 1, 147,
                "must be positive: \"memory_bytes\"");
    expect_fail("{" BASE ", \"dram_bytes_per_s\": 0.0}", ROOF_E_RANGE, 1, 151,
                "must be positive: \"dram_bytes_per_s\"");
    expect_fail("{" BASE ", \"flops_per_clock_per_unit\": {\"fp12\": 1}}",
                ROOF_E_INVALID, 1, 160, "unknown precision");
    expect_fail("{" BASE ", \"flops_per_clock_per_unit\": {}}",
                ROOF_E_INVALID, 1, 1, "not a valid");
    expect_fail("{" BASE ", \"flops_per_clock_per_unit\": [1]}",
                ROOF_E_TYPE, 1, 159, "expected an object");
    expect_fail("{" BASE ", \"name\": \"0123456789012345678901234567890123456789"
                "01234567\"}", ROOF_E_RANGE, 1, 139, "too long");
    expect_fail("{" BASE ", \"name\": \"a\\u0000b\"}", ROOF_E_INVALID, 1, 139,
                "\\u0000");
    expect_fail("{" BASE ", \"vendor\": NaN}", ROOF_E_PARSE, 1, 141, "NaN");
    expect_fail("\xef\xbb\xbf{" BASE "}", ROOF_E_PARSE, 1, 1, "byte-order mark");
    expect_fail("{" BASE, ROOF_E_PARSE, 1, 129, "truncated");
}

static void test_null_arguments(void **state)
{
    (void)state;
    roof_hardware hw;
    roof_parse_error err;
    assert_int_equal(roof_hardware_from_json(NULL, 0, &hw, &err), ROOF_E_NULL);
    assert_int_equal(roof_hardware_from_json("{}", 2, NULL, &err), ROOF_E_NULL);
    /* err may be NULL */
    assert_int_equal(roof_hardware_from_json("{", 1, &hw, NULL), ROOF_E_PARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_a_hand_written_file),
        cmocka_unit_test(test_reads_the_new_keys),
        cmocka_unit_test(test_every_builtin_round_trips),
        cmocka_unit_test(test_to_json_buffer_rules),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
