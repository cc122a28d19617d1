/* Tests of lib/json.c: the strict RFC 8259 reader behind every JSON input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "json.h"

/* Checks text (of length len, so embedded NULs count) and returns the
 * status; *err is filled on failure. */
static int check_n(const char *text, size_t len, roof_parse_error *err)
{
    roof__json j;
    memset(err, 0, sizeof *err);
    return roof__json_check(text, len, &j, err);
}

static int check(const char *text, roof_parse_error *err)
{
    return check_n(text, strlen(text), err);
}

static void test_accepts_valid_documents(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "{}", "[]", "0", "-0", "1.5e-3", "-12.25E+2", "\"\"", "true",
        "false", "null", " \t\r\n{ \"a\" : [ 1 , 2 , { } ] } \n",
        "{\"a\":{\"b\":{\"c\":[[[]]]}}}",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"",
        "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
        "{\"a\":1,\"a\":2}", /* duplicates are accepted: last wins */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        roof_parse_error err;
        int rc = check(ok[i], &err);
        if (rc != ROOF_OK)
            fail_msg("rejected %s: %s", ok[i], err.message);
    }
}

/* text must fail at (line, column) with a message containing want. */
static void expect_error_n(const char *text, size_t len, uint32_t line,
                           uint32_t column, const char *want)
{
    roof_parse_error err;
    int rc = check_n(text, len, &err);
    if (rc != ROOF_E_PARSE)
        fail_msg("accepted or wrong status %d for input of %zu bytes", rc, len);
    if (err.line != line || err.column != column)
        fail_msg("error at %u:%u, expected %u:%u (%s)", err.line,
                 err.column, line, column, err.message);
    if (strstr(err.message, want) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err.message, want);
    /* offset agrees with line/column on a single-line input */
    if (line == 1)
        assert_int_equal(err.offset, column - 1);
}

static void expect_error(const char *text, uint32_t line, uint32_t column,
                         const char *want)
{
    expect_error_n(text, strlen(text), line, column, want);
}

static void test_rejects_malformed(void **state)
{
    (void)state;
    expect_error("", 1, 1, "empty input");
    expect_error("  \n ", 2, 2, "empty input");
    expect_error("\xef\xbb\xbf{}", 1, 1, "byte-order mark");
    expect_error("{\"a\":1", 1, 7, "truncated");
    expect_error("{\"a\":", 1, 6, "truncated");
    expect_error("{\"a\"", 1, 5, "truncated");
    expect_error("[1,2", 1, 5, "truncated");
    expect_error("\"abc", 1, 1, "unterminated string");
    expect_error("{\"a\":1,}", 1, 8, "trailing comma");
    expect_error("[1,]", 1, 4, "trailing comma");
    expect_error("[01]", 1, 2, "leading zeros");
    expect_error("-01", 1, 1, "leading zeros");
    expect_error("[NaN]", 1, 2, "NaN");
    expect_error("[Infinity]", 1, 2, "Infinity");
    expect_error("[-Infinity]", 1, 2, "Infinity");
    expect_error("[1.]", 1, 3, "decimal point");
    expect_error("[.5]", 1, 2, "unexpected character");
    expect_error("[1e]", 1, 4, "exponent");
    expect_error("[+1]", 1, 2, "unexpected character");
    expect_error("[tru]", 1, 2, "invalid literal");
    expect_error("[True]", 1, 2, "unexpected character");
    expect_error("{} {}", 1, 4, "after the JSON value");
    expect_error("{a:1}", 1, 2, "key string");
    expect_error("{\"a\" 1}", 1, 6, "':'");
    expect_error("{\"a\":1 \"b\":2}", 1, 8, "',' or '}'");
    expect_error("[1 2]", 1, 4, "',' or ']'");
    expect_error("[\"a\tb\"]", 1, 4, "control character");
    expect_error("[\"\\x\"]", 1, 3, "invalid escape");
    expect_error("[\"\\u12g4\"]", 1, 3, "\\u escape");
    expect_error("[\"\\ud800\"]", 1, 3, "lone high surrogate");
    expect_error("[\"\\ud800\\u0041\"]", 1, 3, "lone high surrogate");
    expect_error("[\"\\udc00\"]", 1, 3, "lone low surrogate");
    expect_error("{\n  \"a\": [1,\n   2,,]\n}", 3, 6, "expected a value");
    /* invalid UTF-8: a lone continuation byte, an overlong '/', an encoded
     * surrogate, a code point above U+10FFFF, a truncated sequence */
    expect_error("[\"\x80\"]", 1, 3, "invalid UTF-8");
    expect_error("[\"\xc0\xaf\"]", 1, 3, "invalid UTF-8");
    expect_error("[\"\xed\xa0\x80\"]", 1, 3, "invalid UTF-8");
    expect_error("[\"\xf4\x90\x80\x80\"]", 1, 3, "invalid UTF-8");
    expect_error("[\"\xe2\x82\"]", 1, 3, "invalid UTF-8");
    expect_error("[\xc3\xa9]", 1, 2, "unexpected character");
    /* embedded NUL bytes, inside and outside strings */
    expect_error_n("{\"a\":1}\0", 8, 1, 8, "after the JSON value");
    expect_error_n("[\"a\0b\"]", 7, 1, 4, "NUL byte");
    expect_error_n("[\0]", 3, 1, 2, "NUL byte");
}

static void test_nesting_limit(void **state)
{
    (void)state;
    char deep[2 * 100 + 1];
    /* ROOF_JSON_MAX_DEPTH (64) levels are fine ... */
    for (size_t i = 0; i < 64; i++) {
        deep[i] = '[';
        deep[64 + i] = ']';
    }
    roof_parse_error err;
    assert_int_equal(check_n(deep, 128, &err), ROOF_OK);
    /* ... 100 are not: the 65th bracket (column 65) is refused. */
    for (size_t i = 0; i < 100; i++) {
        deep[i] = '[';
        deep[100 + i] = ']';
    }
    expect_error_n(deep, 200, 1, 65, "nesting deeper than 64");
}

static void test_never_reads_past_len(void **state)
{
    (void)state;
    /* A valid prefix followed by text that would complete it: the parser
     * must see only len bytes. */
    const char *text = "{\"a\":1}";
    roof_parse_error err;
    for (size_t n = 0; n < strlen(text); n++)
        assert_int_equal(check_n(text, n, &err), ROOF_E_PARSE);
    assert_int_equal(check_n("123456", 3, &err), ROOF_OK);
    roof__json j;
    assert_int_equal(roof__json_check("123456", 3, &j, &err), ROOF_OK);
    double x = 0;
    assert_int_equal(roof__json_number(&j, j.root, &x), ROOF_OK);
    assert_true(x == 123.0);
}

static void test_null_arguments(void **state)
{
    (void)state;
    roof__json j;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(roof__json_check(NULL, 0, &j, &err), ROOF_E_NULL);
    assert_int_equal(err.line, 1);
    assert_int_equal(roof__json_check("{}", 2, NULL, NULL), ROOF_E_NULL);
    /* err may be NULL */
    assert_int_equal(roof__json_check("{", 1, &j, NULL), ROOF_E_PARSE);
}

static void test_walk_and_decode(void **state)
{
    (void)state;
    const char *text = "{ \"k\\u0065y\": \"v\\u00e9\\ud83d\\ude00\\n\","
                       " \"arr\": [1, {\"x\": [2]}, 3], \"b\": false,"
                       " \"n\": null, \"t\": true }";
    roof__json j;
    roof_parse_error err;
    assert_int_equal(roof__json_check(text, strlen(text), &j, &err), ROOF_OK);
    assert_int_equal(roof__json_kind(&j, j.root), ROOF__JSON_OBJECT);
    size_t it = roof__json_enter(&j, j.root), key, val;
    static const char *const keys[] = {"key", "arr", "b", "n", "t"};
    static const int kinds[] = {ROOF__JSON_STRING, ROOF__JSON_ARRAY,
                                ROOF__JSON_BOOL, ROOF__JSON_NULL,
                                ROOF__JSON_BOOL};
    size_t count = 0, arr = 0;
    while (roof__json_member(&j, &it, &key, &val)) {
        assert_true(count < 5);
        assert_true(roof__json_string_is(&j, key, keys[count]));
        assert_int_equal(roof__json_kind(&j, val), kinds[count]);
        if (count == 0) {
            char buf[16];
            /* v, e-acute (2 bytes), U+1F600 (4 bytes), newline = 8 */
            size_t n = roof__json_string(&j, val, buf, sizeof buf);
            assert_int_equal(n, 8);
            assert_memory_equal(buf, "v\xc3\xa9\xf0\x9f\x98\x80\n", 8);
            /* a short buffer gets a prefix and the full length */
            assert_int_equal(roof__json_string(&j, val, buf, 2), 8);
        }
        if (count == 1)
            arr = val;
        if (count == 2)
            assert_false(roof__json_bool(&j, val));
        if (count == 4)
            assert_true(roof__json_bool(&j, val));
        count++;
    }
    assert_int_equal(count, 5);
    /* the array: 1, an object, 3 */
    double want[] = {1, -1, 3};
    size_t ait = roof__json_enter(&j, arr), v;
    count = 0;
    while (roof__json_element(&j, &ait, &v)) {
        double x = 0;
        if (want[count] < 0) {
            assert_int_equal(roof__json_kind(&j, v), ROOF__JSON_OBJECT);
        } else {
            assert_int_equal(roof__json_number(&j, v, &x), ROOF_OK);
            assert_true(x == want[count]);
        }
        count++;
    }
    assert_int_equal(count, 3);
}

static double number_of(const char *text)
{
    roof__json j;
    roof_parse_error err;
    assert_int_equal(roof__json_check(text, strlen(text), &j, &err), ROOF_OK);
    double x = -1;
    assert_int_equal(roof__json_number(&j, j.root, &x), ROOF_OK);
    return x;
}

static void test_numbers(void **state)
{
    (void)state;
    assert_true(number_of("0") == 0.0);
    assert_true(number_of("-2.5") == -2.5);
    assert_true(number_of("1e30") == 1e30);
    assert_true(number_of("100000000e22") == 1e30);
    assert_true(number_of("-0.000125e-3") == -1.25e-7);
    assert_true(number_of("5120") == 5120.0);
    /* 17 significant digits read back to the nearest double */
    assert_true(number_of("0.10000000000000001") == 0.1);
    assert_true(number_of("1.7976931348623157e-300") == 1.7976931348623157e-300);
    /* Out of range: above ROOF_MAX_VALUE, overflow to inf, too long. */
    static const char *const bad[] = {
        "1.0000001e30", "-1e31", "1e400",
        /* short enough for the one-operation path, still above 1e30 */
        "200000000e22", "-123456789012345e22", "1.5e30",
        ("1000000000000000000000000000000000000000000000000000000000000"
         "000000000000000000000000000000000000000000000000000000000000"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        roof__json j;
        roof_parse_error err;
        assert_int_equal(roof__json_check(bad[i], strlen(bad[i]), &j, &err),
                         ROOF_OK);
        double x = 42;
        assert_int_equal(roof__json_number(&j, j.root, &x), ROOF_E_RANGE);
        assert_true(x == 42); /* untouched */
    }
}

static void test_numbers_ignore_locale(void **state)
{
    (void)state;
    /* Under a locale with a decimal comma, "2.5" must still be 2.5. */
    const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "fr_FR"};
    int found = 0;
    for (size_t i = 0; i < 4 && !found; i++)
        found = setlocale(LC_NUMERIC, names[i]) != NULL;
    if (!found)
        skip();
    double x = number_of("2.5");
    double y = 0;
    int rc = roof__parse_double("0.125", 5, &y);
    setlocale(LC_NUMERIC, "C");
    assert_true(x == 2.5);
    assert_int_equal(rc, ROOF_OK);
    assert_true(y == 0.125);
}

static void test_parse_double_rejects_non_decimal(void **state)
{
    (void)state;
    double x = 7;
    static const char *const bad[] = {"inf", "nan", "0x10", "1,5", " 1", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(roof__parse_double(bad[i], strlen(bad[i]), &x),
                         ROOF_E_RANGE);
    assert_true(x == 7);
}

static void test_copy_utf8(void **state)
{
    (void)state;
    char dst[5];
    /* "ab" + e-acute (2 bytes) + "c": 5 bytes do not fit in 4 + NUL; the
     * cut falls after the e-acute, never inside it. */
    assert_int_equal(roof__copy_utf8(dst, sizeof dst, "ab\xc3\xa9" "c", 5), 4);
    assert_string_equal(dst, "ab\xc3\xa9");
    assert_int_equal(roof__copy_utf8(dst, 4, "ab\xc3\xa9", 4), 2);
    assert_string_equal(dst, "ab");
    assert_int_equal(roof__copy_utf8(dst, sizeof dst, "xy", 2), 2);
    assert_string_equal(dst, "xy");
}

static void test_error_message_names(void **state)
{
    (void)state;
    roof_parse_error err;
    roof__parse_error_at(&err, "ab\ncd", 4, "missing key", "hidden_size");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_int_equal(err.offset, 4);
    assert_string_equal(err.message, "missing key \"hidden_size\"");
    roof__parse_error_at(NULL, "x", 0, "ignored", NULL); /* no crash */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts_valid_documents),
        cmocka_unit_test(test_rejects_malformed),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_never_reads_past_len),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_walk_and_decode),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_numbers_ignore_locale),
        cmocka_unit_test(test_parse_double_rejects_non_decimal),
        cmocka_unit_test(test_copy_utf8),
        cmocka_unit_test(test_error_message_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
