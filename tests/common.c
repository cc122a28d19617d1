/* Tests of lib/common.c: status texts, enum names, version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

static void test_status_str(void **state)
{
    (void)state;
    assert_string_equal(roof_status_str(ROOF_OK), "success");
    /* Every defined code has its own text; unknown codes get one text. */
    for (int s = ROOF_E_NULL; s <= ROOF_E_DEGENERATE; s++) {
        assert_non_null(roof_status_str(s));
        assert_string_not_equal(roof_status_str(s), "unknown status");
        assert_string_not_equal(roof_status_str(s), roof_status_str(s - 1));
    }
    assert_string_equal(roof_status_str(-1), "unknown status");
    assert_string_equal(roof_status_str(ROOF_E_DEGENERATE + 1), "unknown status");
}

static void test_status_values_are_stable(void **state)
{
    (void)state;
    /* These values are ABI: changing one breaks every FFI wrapper. */
    assert_int_equal(ROOF_OK, 0);
    assert_int_equal(ROOF_E_NULL, 1);
    assert_int_equal(ROOF_E_RANGE, 2);
    assert_int_equal(ROOF_E_INVALID, 3);
    assert_int_equal(ROOF_E_UNSUPPORTED, 4);
    assert_int_equal(ROOF_E_NOT_FOUND, 5);
    assert_int_equal(ROOF_E_BUFFER_TOO_SMALL, 6);
    assert_int_equal(ROOF_E_PARSE, 7);
    assert_int_equal(ROOF_E_MISSING, 8);
    assert_int_equal(ROOF_E_TYPE, 9);
    assert_int_equal(ROOF_E_WRITE, 10);
    assert_int_equal(ROOF_E_OVERFLOW, 11);
    assert_int_equal(ROOF_E_DOES_NOT_FIT, 12);
    assert_int_equal(ROOF_E_MISMATCH, 13);
    assert_int_equal(ROOF_E_DEGENERATE, 14);
}

static void test_precision_names(void **state)
{
    (void)state;
    uint32_t p = 99;
    for (uint32_t i = 0; i < ROOF_PRECISION_COUNT; i++) {
        assert_non_null(roof_precision_name(i));
        assert_int_equal(roof_precision_from_name(roof_precision_name(i), &p), ROOF_OK);
        assert_int_equal(p, i);
    }
    assert_int_equal(roof_precision_from_name("BF16", &p), ROOF_OK);
    assert_int_equal(p, ROOF_BF16);
    assert_null(roof_precision_name(ROOF_PRECISION_COUNT));
    p = 77;
    assert_int_equal(roof_precision_from_name("fp12", &p), ROOF_E_NOT_FOUND);
    assert_int_equal(p, 77);
    assert_int_equal(roof_precision_from_name(NULL, &p), ROOF_E_NULL);
    assert_int_equal(roof_precision_from_name("fp16", NULL), ROOF_E_NULL);
}

static void test_bound_names(void **state)
{
    (void)state;
    assert_string_equal(roof_bound_name(ROOF_BOUND_MEMORY), "memory");
    assert_string_equal(roof_bound_name(ROOF_BOUND_COMPUTE), "compute");
    assert_string_equal(roof_bound_name(ROOF_BOUND_INTERCONNECT), "interconnect");
    assert_null(roof_bound_name(4));
}

static void test_efficiency_validate(void **state)
{
    (void)state;
    roof_efficiency e = {.compute = 1.0, .memory = 0.5, .interconnect = 0.25};
    assert_int_equal(roof_efficiency_validate(&e), ROOF_OK);
    assert_int_equal(roof_efficiency_validate(NULL), ROOF_E_NULL);
    /* Below 1e-30, the smallest divisor, a fraction scales a roof to
     * nothing usable: 1e-300 and denormals are refused like 0. */
    const double bad[] = {0.0, -0.1, 1.0000001, (double)NAN, (double)INFINITY,
                          1e-300, 5e-324, 2.2250738585072009e-308, 0.99e-30};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        roof_efficiency b = e;
        b.memory = bad[i];
        assert_int_equal(roof_efficiency_validate(&b), ROOF_E_RANGE);
        b = e;
        b.compute = bad[i];
        assert_int_equal(roof_efficiency_validate(&b), ROOF_E_RANGE);
        b = e;
        b.interconnect = bad[i];
        assert_int_equal(roof_efficiency_validate(&b), ROOF_E_RANGE);
    }
    e.compute = 1e-30;
    assert_int_equal(roof_efficiency_validate(&e), ROOF_OK);
    for (size_t i = 0; i < 5; i++) { /* every reserved field is checked */
        roof_efficiency b = e;
        b.reserved[i] = 1.0;
        assert_int_equal(roof_efficiency_validate(&b), ROOF_E_INVALID);
    }
}

static void test_version(void **state)
{
    (void)state;
    assert_int_equal(roof_version_number(), ROOF_VERSION_NUMBER);
    assert_string_equal(roof_version_string(), ROOF_VERSION_STRING);
    assert_int_equal(ROOF_VERSION_NUMBER, ROOF_VERSION_MAJOR * 10000
                     + ROOF_VERSION_MINOR * 100 + ROOF_VERSION_PATCH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_str),
        cmocka_unit_test(test_status_values_are_stable),
        cmocka_unit_test(test_precision_names),
        cmocka_unit_test(test_bound_names),
        cmocka_unit_test(test_efficiency_validate),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
