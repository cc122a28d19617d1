/* Tests of lib/util.c: number checks, name matching, suggestions and the
 * output sink every text renderer uses. */
#define _POSIX_C_SOURCE 200809L /* fork, waitpid: the death test */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#define DNAN ((double)NAN)
#define DINF ((double)INFINITY)

static void test_number_checks(void **state)
{
    (void)state;
    assert_true(roof__is_num(0.0) && roof__is_num(-1e30) && roof__is_num(1e30));
    assert_false(roof__is_num(DNAN) || roof__is_num(DINF) || roof__is_num(-DINF));
    assert_false(roof__is_num(1.0000001e30) || roof__is_num(-2e30));
    assert_true(roof__is_pos(5e-324) && !roof__is_pos(0.0) && !roof__is_pos(-1.0));
    assert_true(roof__is_nonneg(0.0) && !roof__is_nonneg(-5e-324));
    assert_false(roof__is_pos(DNAN) || roof__is_nonneg(DNAN));
    char s[4] = {'a', 'b', 'c', 'd'};
    assert_false(roof__has_nul(s, sizeof s));
    s[3] = '\0';
    assert_true(roof__has_nul(s, sizeof s));
}

static void test_name_eq(void **state)
{
    (void)state;
    assert_true(roof__name_eq("RTX A6000", "rtx-a6000"));
    assert_true(roof__name_eq("rtx_a6000", "RTX-A6000"));
    assert_true(roof__name_eq("--a6000 ", "a6000"));
    assert_true(roof__name_eq("", ""));
    assert_true(roof__name_eq("- _", ""));
    assert_false(roof__name_eq("a6000", "a600"));
    assert_false(roof__name_eq("a600", "a6000"));
    assert_false(roof__name_eq("a6000", "a6001"));
    assert_false(roof__name_eq("a6000", ""));
    /* Only '-', '_' and ' ' are separators. */
    assert_false(roof__name_eq("a.6000", "a6000"));
}

static void test_suggest(void **state)
{
    (void)state;
    static const char *const names[] = {"h100-sxm", "a6000", "h100-pcie",
                                        "l4", "mi300x"};
    const char *out[5];
    /* Prefix matches (closeness 0) in table order, then substring
     * matches (1), then edit distance <= max(2, len/3). */
    uint32_t n = roof__suggest("H100", names, 5, out, 5);
    assert_int_equal(n, 2);
    assert_string_equal(out[0], "h100-sxm");
    assert_string_equal(out[1], "h100-pcie");
    /* "sxm" is a substring only. */
    n = roof__suggest("sxm", names, 5, out, 5);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "h100-sxm");
    /* "a6001": one edit from "a6000". */
    n = roof__suggest("a6001", names, 5, out, 5);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "a6000");
    /* "mi30x": one insertion from "mi300x". */
    n = roof__suggest("mi30x", names, 5, out, 5);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "mi300x");
    /* Too far: nothing. */
    assert_int_equal(roof__suggest("zzzzzz", names, 5, out, 5), 0);
    /* cap bounds the output; cap 0 writes nothing. */
    assert_int_equal(roof__suggest("h", names, 5, out, 1), 1);
    assert_string_equal(out[0], "h100-sxm");
    assert_int_equal(roof__suggest("h", names, 5, out, 0), 0);
    /* A query too long to normalise suggests nothing rather than
     * overflowing. */
    char longq[200];
    memset(longq, 'a', sizeof longq - 1);
    longq[sizeof longq - 1] = '\0';
    assert_int_equal(roof__suggest(longq, names, 5, out, 5), 0);
}

/* Renders x with roof__out_double into a NUL-terminated buffer. */
static const char *double_text(double x, char *buf, size_t cap)
{
    roof__out o = {0};
    o.buf = buf;
    o.cap = cap - 1;
    roof__out_double(&o, x);
    assert_true(o.len < cap);
    buf[o.len] = '\0';
    return buf;
}

static void test_out_double_round_trips(void **state)
{
    (void)state;
    const double values[] = {
        0.1, 1e30, -1e30, 5e-324, DBL_MIN, 2.2250738585072009e-308,
        -1.5, 0.0, 1.0 / 3.0, 2.0 / 3.0, 154828800000000.0, 201.6,
        DBL_MAX, -DBL_MAX, 123456789012345678.0, 1e-30, 0.30000000000000004,
    };
    char buf[64];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        const char *s = double_text(values[i], buf, sizeof buf);
        if (strtod(s, NULL) != values[i])
            fail_msg("%.17g printed as %s", values[i], s);
    }
    /* The shortest form that reads back, not always 17 digits. */
    assert_string_equal(double_text(0.1, buf, sizeof buf), "0.1");
    assert_string_equal(double_text(1e30, buf, sizeof buf), "1e+30");
    assert_string_equal(double_text(201.6, buf, sizeof buf), "201.6");
    assert_string_equal(double_text(-1.5, buf, sizeof buf), "-1.5");
    assert_string_equal(double_text(0.30000000000000004, buf, sizeof buf),
                        "0.30000000000000004");
}

static void test_fmt_double(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(roof__fmt_double(buf, sizeof buf, 154.8288, 4), 5);
    assert_string_equal(buf, "154.8");
    /* Truncation returns what fits and stays terminated. */
    assert_int_equal(roof__fmt_double(buf, 4, 154.8288, 6), 3);
    assert_string_equal(buf, "154");
}

static void render_str(char *buf, size_t cap, void (*fn)(roof__out *, const char *),
                       const char *s)
{
    roof__out o = {0};
    o.buf = buf;
    o.cap = cap - 1;
    fn(&o, s);
    assert_true(o.len < cap);
    buf[o.len] = '\0';
}

static void test_out_xml(void **state)
{
    (void)state;
    char buf[128];
    render_str(buf, sizeof buf, roof__out_xml, "<a & 'b'>\"c\"");
    assert_string_equal(buf, "&lt;a &amp; &apos;b&apos;&gt;&quot;c&quot;");
    /* Control characters are not allowed in XML 1.0; tab and newline are. */
    render_str(buf, sizeof buf, roof__out_xml, "x\x01y\tz\n");
    assert_string_equal(buf, "x y\tz\n");
    render_str(buf, sizeof buf, roof__out_xml, "");
    assert_string_equal(buf, "");
    /* Non-ASCII UTF-8 passes through. */
    render_str(buf, sizeof buf, roof__out_xml, "\xe2\x80\x94");
    assert_string_equal(buf, "\xe2\x80\x94");
}

static void test_out_json_str(void **state)
{
    (void)state;
    char buf[128];
    render_str(buf, sizeof buf, roof__out_json_str, "a\"b\\c");
    assert_string_equal(buf, "\"a\\\"b\\\\c\"");
    render_str(buf, sizeof buf, roof__out_json_str, "l1\nl2\t\x1f");
    assert_string_equal(buf, "\"l1\\u000al2\\u0009\\u001f\"");
    render_str(buf, sizeof buf, roof__out_json_str, "");
    assert_string_equal(buf, "\"\"");
    render_str(buf, sizeof buf, roof__out_json_str, "\xc3\xa9/");
    assert_string_equal(buf, "\"\xc3\xa9/\"");
}

static int render_hello(roof__out *o, const void *arg)
{
    (void)arg;
    roof__out_str(o, "hello");
    return ROOF_OK;
}

static int render_fails(roof__out *o, const void *arg)
{
    (void)arg;
    roof__out_str(o, "partial");
    return ROOF_E_INVALID;
}

static void test_render_to_buf(void **state)
{
    (void)state;
    char buf[16];
    size_t len = 0;
    /* Fits: 5 bytes + NUL in 6. */
    assert_int_equal(roof__render_to_buf(render_hello, NULL, buf, 6, &len), ROOF_OK);
    assert_string_equal(buf, "hello");
    assert_int_equal(len, 5);
    /* One byte short: the buffer is untouched, len says what is needed
     * (the NUL included). */
    memset(buf, 'x', sizeof buf);
    len = 0;
    assert_int_equal(roof__render_to_buf(render_hello, NULL, buf, 5, &len),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(len, 6);
    for (size_t i = 0; i < sizeof buf; i++)
        assert_int_equal(buf[i], 'x');
    /* Asking for the size: no buffer at all. */
    len = 0;
    assert_int_equal(roof__render_to_buf(render_hello, NULL, NULL, 0, &len),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(len, 6);
    /* No buffer but a capacity: still only a size query, never a write
     * through NULL. */
    len = 0;
    assert_int_equal(roof__render_to_buf(render_hello, NULL, NULL, 100, &len),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(len, 6);
    /* len may be NULL. */
    assert_int_equal(roof__render_to_buf(render_hello, NULL, buf, sizeof buf, NULL),
                     ROOF_OK);
    /* A renderer's error comes back, the buffer untouched. */
    memset(buf, 'x', sizeof buf);
    len = 99;
    assert_int_equal(roof__render_to_buf(render_fails, NULL, buf, sizeof buf, &len),
                     ROOF_E_INVALID);
    assert_int_equal(len, 99);
    assert_int_equal(buf[0], 'x');
}

typedef struct sink {
    char data[64];
    size_t len;
    int fail_after;
} sink;

static int sink_write(void *ctx, const char *data, size_t n)
{
    sink *s = ctx;
    if (s->fail_after-- <= 0)
        return -1;
    assert_true(s->len + n < sizeof s->data);
    memcpy(s->data + s->len, data, n);
    s->len += n;
    return 0;
}

static void test_out_callback(void **state)
{
    (void)state;
    sink s = {{0}, 0, 100};
    roof__out o = {0};
    o.fn = sink_write;
    o.ctx = &s;
    roof__out_str(&o, "ab");
    roof__out_fmt(&o, "%d-%s", 42, "x");
    assert_int_equal(o.failed, 0);
    assert_int_equal(o.len, 6);
    assert_memory_equal(s.data, "ab42-x", 6);
    /* After the callback fails once, nothing more is sent. */
    sink f = {{0}, 0, 1};
    roof__out o2 = {0};
    o2.fn = sink_write;
    o2.ctx = &f;
    roof__out_str(&o2, "ok");
    roof__out_str(&o2, "fails");
    roof__out_str(&o2, "never");
    assert_int_equal(o2.failed, 1);
    assert_int_equal(f.len, 2);
    /* A buffer too small keeps counting but writes nothing past cap. */
    char small[4] = {'x', 'x', 'x', 'x'};
    roof__out o3 = {0};
    o3.buf = small;
    o3.cap = 3;
    roof__out_str(&o3, "ab");
    roof__out_str(&o3, "cd");
    assert_int_equal(o3.len, 4);
    assert_memory_equal(small, "abxx", 4);
}

/* ROOF__ASSERT is on in the builds that run the tests (debug and
 * debugoptimized, the default; tests/meson.build says which in
 * ROOF_EXPECT_ASSERTS): the library says it was compiled with it, and a
 * false invariant aborts (in a child).  In a release build it is compiled
 * out: the condition is not even evaluated. */
static void test_asserts(void **state)
{
    (void)state;
    const char *expect = getenv("ROOF_EXPECT_ASSERTS");
    assert_non_null(expect);
    assert_int_equal(roof__asserts_on(), strcmp(expect, "1") == 0);
#if defined(ROOF_TEST_ASSERTS)
    assert_int_equal(roof__asserts_on(), 1);
    ROOF__ASSERT(1 + 1 == 2); /* a true invariant: nothing happens */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* quiet: the expected message would read as a failure in logs */
        if (freopen("/dev/null", "w", stderr) == NULL)
            _exit(3);
        volatile int broken = 0;
        ROOF__ASSERT(broken == 1);
        _exit(0); /* not reached when the assert is on */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
#else
    int evaluated = 0;
    ROOF__ASSERT(++evaluated == 5);
    assert_int_equal(evaluated, 0);
    assert_int_equal(roof__asserts_on(), 0);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_asserts),
        cmocka_unit_test(test_number_checks),
        cmocka_unit_test(test_name_eq),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_out_double_round_trips),
        cmocka_unit_test(test_fmt_double),
        cmocka_unit_test(test_out_xml),
        cmocka_unit_test(test_out_json_str),
        cmocka_unit_test(test_render_to_buf),
        cmocka_unit_test(test_out_callback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
