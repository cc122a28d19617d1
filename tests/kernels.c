/* Tests of lib/kernels.c: measured kernels from plain CSV and from Nsight
 * Compute's raw CSV export. */
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

#define SENTINEL 0x5A

/* Reads tests/data/<name> (found through ROOF_SOURCE_ROOT) into a
 * malloc'd buffer. */
static char *read_fixture(const char *name, size_t *len)
{
    const char *root = getenv("ROOF_SOURCE_ROOT");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/%s", root ? root : ".", name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s (is ROOF_SOURCE_ROOT set?)", path);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

/* |a - b| within a relative 1e-12: the values pass through decimal text
 * and one scaling multiplication. */
static void assert_near(double a, double b)
{
    if (!(fabs(a - b) <= 1e-12 * fabs(b)))
        fail_msg("%.17g != %.17g", a, b);
}

static int parse(const char *text, roof_kernel *out, uint32_t cap,
                 uint32_t *count, roof_parse_error *err)
{
    return roof_kernels_from_csv(text, strlen(text), out, cap, count, err);
}

static void test_plain_fixture(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_fixture("kernels_plain.csv", &len);
    roof_kernel k[4];
    uint32_t n = 0;
    roof_parse_error err;
    int rc = roof_kernels_from_csv(text, len, k, 4, &n, &err);
    if (rc != ROOF_OK)
        fail_msg("%s at %u:%u", err.message, err.line, err.column);
    assert_int_equal(n, 3);
    /* columns in any order, names in any case, "comment" ignored */
    assert_string_equal(k[0].name, "q_proj");
    assert_true(k[0].flops == 53687091200.0); /* 2*1024*5120*5120 */
    assert_true(k[0].bytes == 52428800.0);    /* 5120*5120*2 */
    assert_true(k[0].seconds == 1.5e-3);
    assert_string_equal(k[1].name, "say \"hi\"");
    assert_true(k[1].flops == 0.0 && k[1].bytes == 0.0);
    assert_true(k[1].seconds == 0.000125);
    assert_string_equal(k[2].name, "two\nlines");
    assert_true(k[2].flops == 0.5 && k[2].bytes == 1e6 && k[2].seconds == 2.0);
    free(text);
}

static void test_ncu_raw_fixture(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_fixture("ncu_raw.csv", &len);
    roof_kernel k[3];
    uint32_t n = 0;
    roof_parse_error err;
    int rc = roof_kernels_from_csv(text, len, k, 3, &n, &err);
    if (rc != ROOF_OK)
        fail_msg("%s at %u:%u", err.message, err.line, err.column);
    assert_int_equal(n, 3);
    assert_string_equal(k[0].name,
                        "void gemm_kernel<float, 128>(const float *, float *, int)");
    /* units row: Mbyte, usecond.  1,048.58 Mbyte = 1.04858e9 bytes;
     * 12.50 us; fadd 1,000 + 2 x ffma 2,000,000 + fmul 500 = 4,001,500. */
    assert_near(k[0].bytes, 1.04858e9);
    assert_near(k[0].seconds, 12.5e-6);
    assert_true(k[0].flops == 4001500.0);
    /* tensor: 1,000 instructions x 512 + 2 x hfma 10 = 512,020 */
    assert_near(k[1].bytes, 512e6);
    assert_near(k[1].seconds, 100e-6);
    assert_true(k[1].flops == 512020.0);
    /* dadd 3 + 2 x dfma 4 + dmul 5 + hadd 6 + hmul 7 = 29 */
    assert_near(k[2].bytes, 0.5e6);
    assert_near(k[2].seconds, 2e-6);
    assert_true(k[2].flops == 29.0);
    free(text);
}

#define NCU_HEAD "\"Kernel Name\",\"gpu__time_duration.sum\",\"dram__bytes.sum\""

static void test_ncu_units(void **state)
{
    (void)state;
    roof_kernel k[1];
    uint32_t n = 0;
    roof_parse_error err;
    /* No units row: ncu's base units, nanoseconds and bytes. */
    const char *base = NCU_HEAD ",\"smsp__sass_thread_inst_executed_op_ffma_pred_on.sum\"\n"
                       "k,\"1,500\",\"2,048\",\"3\"\n";
    assert_int_equal(parse(base, k, 1, &n, &err), ROOF_OK);
    assert_near(k[0].seconds, 1500e-9);
    assert_true(k[0].bytes == 2048.0);
    assert_true(k[0].flops == 6.0); /* smsp__ spelling, FMA = 2 */
    /* msecond, Gbyte, a prefixed count unit */
    const char *scaled = NCU_HEAD ",\"sm__sass_thread_inst_executed_op_fadd_pred_on.sum\"\n"
                         ",msecond,Gbyte,Kinst\n"
                         "k,2,1.5,3\n";
    assert_int_equal(parse(scaled, k, 1, &n, &err), ROOF_OK);
    assert_near(k[0].seconds, 2e-3);
    assert_near(k[0].bytes, 1.5e9);
    assert_true(k[0].flops == 3000.0);
    const char *ns = NCU_HEAD ",\"sm__sass_thread_inst_executed_op_fadd_pred_on.sum\"\n"
                     ",nsecond,Kibyte,\n"
                     "k,250,2,7\n";
    assert_int_equal(parse(ns, k, 1, &n, &err), ROOF_OK);
    assert_near(k[0].seconds, 250e-9);
    assert_true(k[0].bytes == 2048.0);
    assert_true(k[0].flops == 7.0);
}

static void test_ncu_tensor_columns(void **state)
{
    (void)state;
    roof_kernel k[1];
    uint32_t n = 0;
    roof_parse_error err;
    /* ops-path counters count FLOPs; with them present the instruction
     * count is not used (it would count the same work twice), and the
     * sparsity-split columns are ignored next to the unsplit ones. */
    const char *t = NCU_HEAD ",\"sm__ops_path_tensor_src_fp16_dst_fp32.sum\""
                    ",\"sm__ops_path_tensor_src_bf16_dst_fp32.sum\""
                    ",\"sm__ops_path_tensor_src_fp16_dst_fp32_sparsity_off.sum\""
                    ",\"sm__inst_executed_pipe_tensor.sum\"\n"
                    "k,1,1,100,20,100,9\n";
    assert_int_equal(parse(t, k, 1, &n, &err), ROOF_OK);
    assert_true(k[0].flops == 120.0);
    /* only the sparsity-split columns: their sum */
    const char *s = NCU_HEAD ",\"sm__ops_path_tensor_src_fp16_dst_fp32_sparsity_off.sum\""
                    ",\"sm__ops_path_tensor_src_fp16_dst_fp32_sparsity_on.sum\"\n"
                    "k,1,1,100,20\n";
    assert_int_equal(parse(s, k, 1, &n, &err), ROOF_OK);
    assert_true(k[0].flops == 120.0);
}

/* text must fail with want at line:column with what in the message, and
 * leave out[] and *count untouched. */
static void expect_fail(const char *text, int want, uint32_t line,
                        uint32_t column, const char *what)
{
    roof_kernel out[4], before[4];
    memset(out, SENTINEL, sizeof out);
    memcpy(before, out, sizeof out);
    uint32_t n = 77;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    int rc = parse(text, out, 4, &n, &err);
    if (rc != want)
        fail_msg("status %d, expected %d: %s", rc, want, err.message);
    assert_memory_equal(out, before, sizeof out);
    assert_int_equal(n, 77);
    if (err.line != line || err.column != column)
        fail_msg("at %u:%u, expected %u:%u (%s)", err.line, err.column, line,
                 column, err.message);
    if (strstr(err.message, what) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err.message, what);
}

static void test_errors(void **state)
{
    (void)state;
    expect_fail("", ROOF_E_PARSE, 1, 1, "empty");
    expect_fail("name,flops,bytes\nk,1,2\n", ROOF_E_MISSING, 1, 1,
                "missing column \"seconds\"");
    expect_fail("name,bytes,seconds\n", ROOF_E_MISSING, 1, 1, "\"flops\"");
    expect_fail(NCU_HEAD "\nk,1,2\n", ROOF_E_MISSING, 1, 1,
                "sm__sass_thread_inst_executed_op_*_pred_on.sum");
    expect_fail("\"Kernel Name\",\"dram__bytes.sum\"\n", ROOF_E_MISSING, 1, 1,
                "gpu__time_duration.sum");
    expect_fail("name,flops,bytes,seconds\nk,1,2\n", ROOF_E_PARSE, 2, 1,
                "different numbers of fields");
    expect_fail("name,flops,bytes,seconds\nk,1,2,3,4\n", ROOF_E_PARSE, 2, 1,
                "different numbers of fields");
    expect_fail("name,flops,bytes,seconds\nk,1,x,3\n", ROOF_E_PARSE, 2, 5,
                "not a number in column \"bytes\"");
    expect_fail("name,flops,bytes,seconds\nk,1,2,nan\n", ROOF_E_PARSE, 2, 7,
                "\"seconds\"");
    expect_fail("name,flops,bytes,seconds\nk,1,\"1,5\",3\n", ROOF_E_PARSE, 2, 5,
                "not a number"); /* no grouping in the plain format */
    expect_fail("name,flops,bytes,seconds\nk,-1,2,3\n", ROOF_E_RANGE, 2, 3,
                "\"flops\"");
    expect_fail("name,flops,bytes,seconds\nk,1,2e31,3\n", ROOF_E_RANGE, 2, 5,
                "\"bytes\"");
    expect_fail("name,flops,bytes,seconds\nk,1,2,0\n", ROOF_E_RANGE, 2, 1,
                "time must be positive");
    expect_fail("name,flops,bytes,seconds\n,1,2,3\n", ROOF_E_PARSE, 2, 1,
                "empty kernel name");
    expect_fail("name,flops,bytes,seconds\n\"k,1,2,3\n", ROOF_E_PARSE, 2, 1,
                "unterminated");
    expect_fail("name,flops,name,bytes,seconds\n", ROOF_E_PARSE, 1, 12,
                "duplicate column \"name\"");
    expect_fail("name,flops,bytes,seconds\nk\xc3,1,2,3\n", ROOF_E_PARSE, 2, 2,
                "invalid UTF-8");
    expect_fail(NCU_HEAD ",\"sm__inst_executed_pipe_tensor.sum\"\n"
                ",hour,byte,inst\nk,1,1,1\n", ROOF_E_PARSE, 2, 2,
                "unknown unit in column \"gpu__time_duration.sum\"");
    expect_fail(NCU_HEAD ",\"sm__inst_executed_pipe_tensor.sum\"\n"
                ",usecond,furlong,inst\nk,1,1,1\n", ROOF_E_PARSE, 2, 10,
                "dram__bytes.sum");
    expect_fail(NCU_HEAD ",\"sm__inst_executed_pipe_tensor.sum\"\n"
                "k,1,1,n/a\n", ROOF_E_PARSE, 2, 7,
                "sm__inst_executed_pipe_tensor.sum");
    expect_fail("\"ID\",\"Kernel Name\",\"Metric Name\",\"Metric Value\"\n",
                ROOF_E_PARSE, 1, 20, "--page raw");
    /* the FLOP sum can exceed 1e30 even when each counter does not */
    expect_fail(NCU_HEAD ",\"sm__sass_thread_inst_executed_op_ffma_pred_on.sum\"\n"
                "k,1,1,9e29\n", ROOF_E_RANGE, 2, 1, "FLOP count");
}

static void test_embedded_nul(void **state)
{
    (void)state;
    const char text[] = "name,flops,bytes,seconds\nk\0,1,2,3\n";
    roof_kernel out[1];
    uint32_t n = 0;
    roof_parse_error err;
    assert_int_equal(roof_kernels_from_csv(text, sizeof text - 1, out, 1, &n, &err),
                     ROOF_E_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_non_null(strstr(err.message, "NUL"));
}

static void test_counting_and_buffer(void **state)
{
    (void)state;
    const char *text = "name,flops,bytes,seconds\na,1,2,3\n\nb,4,5,6\n";
    uint32_t n = 0;
    roof_parse_error err;
    /* count only */
    assert_int_equal(parse(text, NULL, 0, &n, &err), ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 2); /* the blank line is skipped */
    /* too small: count set, out untouched */
    roof_kernel out[2], before[2];
    memset(out, SENTINEL, sizeof out);
    memcpy(before, out, sizeof out);
    n = 0;
    assert_int_equal(parse(text, out, 1, &n, &err), ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 2);
    assert_memory_equal(out, before, sizeof out);
    assert_int_equal(parse(text, out, 2, &n, &err), ROOF_OK);
    assert_int_equal(n, 2);
    assert_string_equal(out[1].name, "b");
    assert_true(out[1].seconds == 6.0);
    /* header only: no rows, success */
    assert_int_equal(parse("name,flops,bytes,seconds\r\n", NULL, 0, &n, &err), ROOF_OK);
    assert_int_equal(n, 0);
    /* NULLs */
    assert_int_equal(parse(text, NULL, 2, &n, &err), ROOF_E_NULL);
    assert_int_equal(parse(text, out, 2, NULL, &err), ROOF_E_NULL);
    assert_int_equal(roof_kernels_from_csv(NULL, 0, out, 2, &n, &err), ROOF_E_NULL);
    assert_int_equal(roof_kernels_from_csv("x", 1, out, 2, &n, NULL), ROOF_E_MISSING);
}

static void test_long_names_truncate_on_a_character(void **state)
{
    (void)state;
    /* 94 'a' then a 2-byte e-acute: 96 bytes do not fit in 95 + NUL, and
     * cutting after byte 95 would split the e-acute, so it goes. */
    char text[512];
    int n = snprintf(text, sizeof text, "name,flops,bytes,seconds\n\"%.*s\xc3\xa9tail\",1,2,3\n",
                     94, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_true(n > 0 && (size_t)n < sizeof text);
    roof_kernel k[1];
    uint32_t count = 0;
    roof_parse_error err;
    assert_int_equal(parse(text, k, 1, &count, &err), ROOF_OK);
    assert_int_equal(strlen(k[0].name), 94);
}

/* roof_kernels_visit_csv: each kernel handed over in order, the file
 * checked first, a stop from the visitor reported as ROOF_E_WRITE. */
typedef struct visit_log {
    uint32_t calls;
    uint32_t stop_at; /* stop on this call (1-based); 0 = never */
    double flops_sum;
    char last[ROOF_KERNEL_NAME_MAX];
} visit_log;

static int visit(void *ctx, const roof_kernel *k)
{
    visit_log *v = ctx;
    v->calls++;
    v->flops_sum += k->flops;
    memcpy(v->last, k->name, sizeof v->last);
    return v->calls == v->stop_at;
}

static void test_visit(void **state)
{
    (void)state;
    static const char text[] = "name,flops,bytes,seconds\n"
                               "a,1,2,3\n\nb,10,20,30\nc,100,200,300\n";
    size_t len = sizeof text - 1;
    visit_log v = {0};
    uint32_t n = 7;
    roof_parse_error err;
    assert_int_equal(roof_kernels_visit_csv(text, len, visit, &v, &n, &err),
                     ROOF_OK);
    /* three kernels (the blank line is none), flops 1 + 10 + 100 */
    assert_int_equal(n, 3);
    assert_int_equal(v.calls, 3);
    assert_true(v.flops_sum == 111.0);
    assert_string_equal(v.last, "c");
    /* the visitor stops on the second: ROOF_E_WRITE, count untouched */
    memset(&v, 0, sizeof v);
    v.stop_at = 2;
    n = 7;
    assert_int_equal(roof_kernels_visit_csv(text, len, visit, &v, &n, &err),
                     ROOF_E_WRITE);
    assert_int_equal(v.calls, 2);
    assert_int_equal(n, 7);
}

static void test_visit_checks_first(void **state)
{
    (void)state;
    /* the last row is bad: the visitor is never called */
    static const char text[] = "name,flops,bytes,seconds\n"
                               "a,1,2,3\nb,1,2,0\n";
    visit_log v = {0};
    uint32_t n = 7;
    roof_parse_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(roof_kernels_visit_csv(text, sizeof text - 1, visit, &v,
                                            &n, &err), ROOF_E_RANGE);
    assert_int_equal(v.calls, 0);
    assert_int_equal(n, 7);
    assert_int_equal(err.line, 3);
    assert_int_equal(roof_kernels_visit_csv("x", 1, visit, &v, &n, NULL),
                     ROOF_E_MISSING);
    assert_int_equal(roof_kernels_visit_csv(NULL, 0, visit, &v, &n, &err),
                     ROOF_E_NULL);
    assert_int_equal(roof_kernels_visit_csv(text, 1, NULL, &v, &n, &err),
                     ROOF_E_NULL);
    assert_int_equal(roof_kernels_visit_csv(text, 1, visit, &v, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(v.calls, 0);
}

/* A number read from a kernel CSV is the double strtod reads from it, in
 * every spelling: 1 to 18 digits, a point anywhere or nowhere, leading
 * zeros, exponents of either case and sign (below the 1e30 the reader
 * takes), many of them ties. */
static void test_numbers_as_strtod(void **state)
{
    (void)state;
    uint64_t seed = 0x2545f4914f6cdd1du;
    for (int i = 0; i < 20000; i++) {
        char num[64], text[128];
        size_t k = 0;
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int digits = 1 + (int)(seed >> 59) % 18, dot = (int)(seed >> 40) % 20;
        int zeros = (int)(seed >> 33) % 3, e = (int)(seed >> 20) % 36 - 25;
        for (int z = 0; z < zeros; z++)
            num[k++] = '0';
        for (int d = 0; d < digits; d++) {
            if (d == dot)
                num[k++] = '.';
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            num[k++] = (char)('0' + (d == 0 ? 1 + (seed >> 33) % 9 : (seed >> 33) % 10));
        }
        if (i % 4 == 0)
            num[k++] = '5'; /* a last 5: ties in short spellings */
        num[k] = '\0';
        if (i % 3 != 0)
            snprintf(num + k, sizeof num - k, "%s%+d", i % 2 ? "e" : "E", e);
        snprintf(text, sizeof text, "name,flops,bytes,seconds\nk,1,1,%s\n", num);
        roof_kernel out[1];
        uint32_t n = 0;
        roof_parse_error err;
        int rc = roof_kernels_from_csv(text, strlen(text), out, 1, &n, &err);
        if (rc != ROOF_OK)
            fail_msg("%s: status %d", num, rc);
        double want = strtod(num, NULL);
        if (memcmp(&out[0].seconds, &want, sizeof want) != 0)
            fail_msg("%s: read %.17g, strtod %.17g", num, out[0].seconds, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_fixture),
        cmocka_unit_test(test_numbers_as_strtod),
        cmocka_unit_test(test_ncu_raw_fixture),
        cmocka_unit_test(test_ncu_units),
        cmocka_unit_test(test_ncu_tensor_columns),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_counting_and_buffer),
        cmocka_unit_test(test_long_names_truncate_on_a_character),
        cmocka_unit_test(test_visit),
        cmocka_unit_test(test_visit_checks_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
