/* Tests of lib/csv.c: the RFC 4180 field reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

/* Reads all of text (len bytes) and renders it as "a|b;c|d;" (fields
 * separated by '|', records ended by ';') into out.  Returns the status. */
static int render(const char *text, size_t len, char *out, size_t cap,
                  roof_parse_error *err)
{
    roof__csv c;
    roof__csv_init(&c, text, len);
    size_t n = 0;
    out[0] = '\0';
    while (!roof__csv_done(&c)) {
        roof__csv_field f;
        int rc = roof__csv_next(&c, &f, err);
        if (rc != ROOF_OK)
            return rc;
        char buf[64];
        size_t k = roof__csv_value(&c, &f, buf, sizeof buf);
        assert_true(k < sizeof buf && n + k + 2 < cap);
        memcpy(out + n, buf, k);
        n += k;
        out[n++] = f.last ? ';' : '|';
        out[n] = '\0';
    }
    return ROOF_OK;
}

static void expect_fields(const char *text, const char *want)
{
    char out[256];
    roof_parse_error err;
    int rc = render(text, strlen(text), out, sizeof out, &err);
    if (rc != ROOF_OK)
        fail_msg("rejected: %s", err.message);
    assert_string_equal(out, want);
}

static void test_fields_and_records(void **state)
{
    (void)state;
    expect_fields("a,b\nc,d\n", "a|b;c|d;");
    expect_fields("a,b\r\nc,d", "a|b;c|d;");         /* CRLF, no final EOL */
    expect_fields("a,,b\n", "a||b;");                 /* empty field */
    expect_fields("a,b,", "a|b|;");                   /* empty last field */
    expect_fields(",", "|;");
    expect_fields("\"x,y\",z\n", "x,y|z;");           /* comma in quotes */
    expect_fields("\"say \"\"hi\"\"\"\n", "say \"hi\";"); /* doubled quotes */
    expect_fields("\"two\nlines\",\"cr\r\nlf\"\n", "two\nlines|cr\r\nlf;");
    expect_fields("\"\",\"\"\"\"\n", "|\";");         /* "" and """" */
    expect_fields("\xef\xbb\xbf" "a,b\n", "a|b;");    /* BOM skipped */
    expect_fields("a\n\nb\n", "a;;b;");               /* blank line = empty field */
    expect_fields(" a , b \n", " a | b ;");           /* spaces kept */
}

static void expect_error(const char *text, uint32_t line, uint32_t column,
                         const char *want)
{
    char out[256];
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    int rc = render(text, strlen(text), out, sizeof out, &err);
    assert_int_equal(rc, ROOF_E_PARSE);
    if (err.line != line || err.column != column)
        fail_msg("at %u:%u, expected %u:%u (%s)", err.line, err.column, line,
                 column, err.message);
    if (strstr(err.message, want) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err.message, want);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_error("a,\"bc\n", 1, 3, "unterminated quoted field");
    expect_error("a,b\"c\n", 1, 4, "quote inside an unquoted field");
    expect_error("\"ab\"c,d\n", 1, 5, "text after a closing quote");
    expect_error("a,b\rc\n", 1, 4, "carriage return");
    expect_error("x\n\"a\nb\"x\n", 3, 3, "text after a closing quote");
}

static void test_never_reads_past_len(void **state)
{
    (void)state;
    /* The quote that would close the field lies past len. */
    char out[64];
    roof_parse_error err;
    assert_int_equal(render("\"abc\"", 4, out, sizeof out, &err), ROOF_E_PARSE);
    assert_int_equal(render("ab,cd", 4, out, sizeof out, &err), ROOF_OK);
    assert_string_equal(out, "ab|c;");
    assert_int_equal(render("", 0, out, sizeof out, &err), ROOF_OK);
    assert_string_equal(out, "");
}

static void test_skip_line_and_short_buffer(void **state)
{
    (void)state;
    roof__csv c;
    const char *text = "==PROF== banner\n\"long value\",x";
    roof__csv_init(&c, text, strlen(text));
    roof__csv_skip_line(&c);
    roof__csv_field f;
    assert_int_equal(roof__csv_next(&c, &f, NULL), ROOF_OK);
    char buf[4];
    /* a short buffer gets a prefix and the full length */
    assert_int_equal(roof__csv_value(&c, &f, buf, sizeof buf), 10);
    assert_memory_equal(buf, "long", 4);
    assert_int_equal(f.at, 16);
    assert_false(f.last);
    roof__csv_skip_line(&c); /* no newline left: to the end */
    assert_true(roof__csv_done(&c));
}

static void test_check_text(void **state)
{
    (void)state;
    roof_parse_error err;
    assert_int_equal(roof__csv_check_text("caf\xc3\xa9,1\n", 7, &err), ROOF_OK);
    assert_int_equal(roof__csv_check_text("ab\ncd\0", 6, &err), ROOF_E_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_non_null(strstr(err.message, "NUL"));
    assert_int_equal(roof__csv_check_text("a\xff", 2, &err), ROOF_E_PARSE);
    assert_int_equal(err.column, 2);
    assert_non_null(strstr(err.message, "UTF-8"));
    /* a sequence cut by len is invalid too */
    assert_int_equal(roof__csv_check_text("\xc3\xa9", 1, &err), ROOF_E_PARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_records),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_never_reads_past_len),
        cmocka_unit_test(test_skip_line_and_short_buffer),
        cmocka_unit_test(test_check_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
