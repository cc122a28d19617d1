/* Tests of lib/plot.c: the SVG roofline chart and SI formatting. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "roofmodel.h"

#define SVG_CAP (1u << 20)
static char svg[SVG_CAP];

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static size_t count_str(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + k, needle))
        n++;
    return n;
}

static int have_xmllint(void)
{
    return system("command -v xmllint >/dev/null 2>&1") == 0;
}

/* 1 when xmllint finds text well-formed. */
static int xml_ok_quiet(const char *text, int quiet)
{
    char path[] = "/tmp/roof-plot-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal((size_t)write(fd, text, n), n);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xmllint --noout %s%s", path,
             quiet ? " 2>/dev/null" : "");
    int rc = system(cmd);
    remove(path);
    return rc == 0;
}

static int xml_ok(const char *text)
{
    return xml_ok_quiet(text, 0);
}

static void render(const roof_chart *c)
{
    size_t len = 0;
    assert_int_equal(roof_chart_svg(c, svg, sizeof svg, &len), ROOF_OK);
    assert_int_equal(len, strlen(svg));
}

/* Numbers of attribute name="..." in the element that starts at tag. */
static double attr(const char *tag, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *end = strchr(tag, '>');
    const char *p = strstr(tag, key);
    assert_non_null(p);
    assert_true(end == NULL || p < end);
    return strtod(p + strlen(key), NULL);
}

static const char frame_tag[] = "<rect fill=\"none\" stroke=\"#000000\"";

/* ------------------------------------------------------------------ */
/* A chart like the seed figure, from made-up GEMM shapes               */

#define SWEEP 49
#define NSERIES 6
static double xs[NSERIES][SWEEP], ys[NSERIES][SWEEP];
static const char *const labels[NSERIES] = {
    "qkv mlp init", "qkv mlp ar", "up/gate/down init", "up/gate/down ar",
    "qk/pv init", "qk/pv ar",
};

/* Operational intensity of an M x K by K x N FP16 matmul, batched `count`
 * times: 2MKN FLOPs over 2(MK + KN + MN) bytes. */
static double gemm_oi(double m, double k, double n)
{
    return (2.0 * m * k * n) / (2.0 * (m * k + k * n + m * n));
}

/* y = min(181T, 768G * x) scaled by a made-up efficiency per operator. */
static void make_seed_points(void)
{
    for (int i = 0; i < SWEEP; i++) {
        double b = pow(2.0, i / 7), s = 128.0 * pow(2.0, i % 7);
        double x[NSERIES] = {
            gemm_oi(b * s, 5120, 3 * 5120), gemm_oi(b, 5120, 3 * 5120),
            gemm_oi(b * s, 5120, 13824), gemm_oi(b, 5120, 13824),
            gemm_oi(s, 128, s), gemm_oi(1, 128, s),
        };
        static const double eff[NSERIES] = {0.55, 0.6, 0.7, 0.75, 0.2, 0.35};
        for (int k = 0; k < NSERIES; k++) {
            xs[k][i] = x[k];
            ys[k][i] = eff[k] * fmin(181e12, 768e9 * x[k]);
        }
    }
}

/* Points of series [0, n) inside x 1..10k, y 10G..1P: what the seed
 * chart must draw. */
static size_t seed_in_range(int first, int n)
{
    size_t count = 0;
    for (int k = first; k < n; k++) {
        for (int i = 0; i < SWEEP; i++)
            count += xs[k][i] >= 1.0 && xs[k][i] <= 1e4 && ys[k][i] >= 1e10
                     && ys[k][i] <= 1e15;
    }
    return count;
}

static roof_series seed_series[NSERIES];
static const roof_chart_ceiling seed_ceilings[2] = {
    {NULL, 768e9, ROOF_CEILING_MEMORY, ROOF_COLOR_AUTO},
    {NULL, 181e12, ROOF_CEILING_COMPUTE, ROOF_COLOR_AUTO},
};

static roof_chart seed_chart(void)
{
    make_seed_points();
    for (int k = 0; k < NSERIES; k++) {
        roof_series s = {labels[k], xs[k], ys[k], SWEEP, ROOF_COLOR_AUTO,
                         ROOF_MARKER_CROSS, 0};
        seed_series[k] = s;
    }
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.title = "Roofline Model (Llama 13B, A6000)";
    c.ceilings = seed_ceilings;
    c.ceiling_count = 2;
    c.series = seed_series;
    c.series_count = NSERIES;
    c.x_min = 1.0;
    c.x_max = 1e4;
    c.y_min = 1e10;
    c.y_max = 1e15;
    c.ridge_line = 1;
    return c;
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */

static void test_seed_chart(void **state)
{
    (void)state;
    roof_chart c = seed_chart();
    render(&c);
    const char *root = getenv("ROOF_BUILD_ROOT");
    char path[1024];
    snprintf(path, sizeof path, "%s/plot-test.svg", root != NULL ? root : ".");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(svg, f);
    fclose(f);
    assert_true(strncmp(svg, "<?xml version=\"1.0\"", 19) == 0);
    assert_non_null(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
    assert_non_null(strstr(svg, "version=\"1.1\""));
    assert_non_null(strstr(svg, "viewBox=\"0 0 960 640\""));
    assert_non_null(strstr(svg, "width=\"960\" height=\"640\""));
    assert_int_equal(count_str(svg, ">Roofline Model (Llama 13B, A6000)<"), 2);
    assert_non_null(strstr(svg, ">Operational Intensity (FLOP/Byte)<"));
    assert_non_null(strstr(svg, ">Performance (FLOP/s)<"));
    /* Each ceiling label on its line and in the legend. */
    assert_int_equal(count_str(svg, ">768GB/s<"), 2);
    assert_int_equal(count_str(svg, ">181TFLOP/s<"), 2);
    for (int k = 0; k < NSERIES; k++) {
        char want[64];
        snprintf(want, sizeof want, ">%s<", labels[k]);
        assert_int_equal(count_str(svg, want), 1);
    }
    /* Tick labels: decades 1..10k on x, 10G..1P on y. */
    static const char *const ticks[] = {">1<", ">10<", ">100<", ">1k<", ">10k<",
                                        ">10G<", ">100G<", ">1T<", ">10T<",
                                        ">100T<", ">1P<"};
    for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++)
        assert_int_equal(count_str(svg, ticks[i]), 1);
    /* One marker per point in range, plus one legend sample per series.
     * Decoding at batch 1 has x = 5120 N / (5120 + 5120 N + N) just below
     * 1: those are off the chart, so not all 294 points are drawn. */
    size_t in_range = seed_in_range(0, NSERIES);
    assert_true(in_range > 200 && in_range < NSERIES * SWEEP);
    assert_int_equal(count_str(svg, "<use "), in_range + NSERIES);
    /* tab10 in order for the series; the ridge green is the third too. */
    assert_non_null(strstr(svg, "stroke=\"#ff7f0e\""));
    assert_non_null(strstr(svg, "stroke=\"#8c564b\""));
    assert_null(strstr(svg, "nan"));
    assert_null(strstr(svg, "inf"));

}

static void test_xml_well_formed(void **state)
{
    (void)state;
    if (!have_xmllint())
        skip();
    roof_chart c = seed_chart();
    render(&c);
    assert_true(xml_ok(svg));
    c.title = "a <b> & \"c\" 'd'\x01 caf\xc3\xa9 \xff\xfe bad";
    render(&c);
    assert_true(xml_ok(svg));
    memset(&c, 0, sizeof c);
    render(&c);
    assert_true(xml_ok(svg));
    /* A plain file that is not XML must fail: the check can fail. */
    assert_false(xml_ok_quiet("<svg><g></svg>", 1));
}

static void test_title_escaped(void **state)
{
    (void)state;
    roof_chart c = seed_chart();
    c.title = "A<B & \"C\"";
    render(&c);
    assert_int_equal(count_str(svg, "A&lt;B &amp; &quot;C&quot;"), 2);
    assert_null(strstr(svg, "A<B"));
    /* Invalid UTF-8 never reaches the output: 0xFF becomes '?'. */
    c.title = "x\xffy";
    render(&c);
    assert_int_equal(count_str(svg, ">x?y<"), 2);
    /* A series label is escaped too. */
    roof_series s = seed_series[0];
    s.label = "<i>";
    c.series = &s;
    c.series_count = 1;
    render(&c);
    assert_int_equal(count_str(svg, ">&lt;i&gt;<"), 1);
}

/* Markers drawn = points inside the axes with positive finite values. */
static void test_points_skipped(void **state)
{
    (void)state;
    const double x[] = {10, 100, (double)NAN, -1, 0, HUGE_VAL, 1e5, 0.5, 50, 2e30};
    const double y[] = {1e12, 1e13, 1e12, 1e12, 1e12, 1e12, 1e12, 1e12, -3, 1e12};
    /* Kept: (10, 1e12), (100, 1e13).  NaN, -1, 0, inf, 2e30 (> MAX) and
     * y = -3 are skipped; 1e5 and 0.5 fall outside x in [1, 1e4]. */
    roof_series s = {"pts", x, y, 10, 0x123456, ROOF_MARKER_SQUARE, 0};
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.series = &s;
    c.series_count = 1;
    c.x_min = 1;
    c.x_max = 1e4;
    c.y_min = 1e10;
    c.y_max = 1e15;
    render(&c);
    assert_int_equal(count_str(svg, "<use xlink:href=\"#roof-m2\""), 2 + 1);
    assert_int_equal(count_str(svg, "stroke=\"#123456\""), 2);
    assert_null(strstr(svg, "nan"));
    /* Each marker kind has its definition. */
    for (uint32_t m = ROOF_MARKER_CROSS; m <= ROOF_MARKER_PLUS; m++) {
        char id[32];
        snprintf(id, sizeof id, "id=\"roof-m%u\"", (unsigned)m);
        assert_non_null(strstr(svg, id));
    }
}

/* Positions: the frame is the plot area; a 1..10k x 10G..1P chart of
 * 960 x 640 puts 10 at one quarter of its width. */
static void test_positions(void **state)
{
    (void)state;
    const double x[] = {10};
    const double y[] = {1e12};
    roof_series s = {"one", x, y, 1, ROOF_COLOR_AUTO, ROOF_MARKER_CIRCLE, 0};
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.series = &s;
    c.series_count = 1;
    c.x_min = 1;
    c.x_max = 1e4;
    c.y_min = 1e10;
    c.y_max = 1e15;
    render(&c);
    const char *frame = strstr(svg, frame_tag);
    assert_non_null(frame);
    double fx = attr(frame, "x"), fy = attr(frame, "y");
    double fw = attr(frame, "width"), fh = attr(frame, "height");
    const char *use = strstr(svg, "<use xlink:href=\"#roof-m1\"");
    assert_non_null(use);
    /* log10(10) is 1 of 4 decades; log10(1e12) is 2 of 5 decades up. */
    assert_true(fabs(attr(use, "x") - (fx + fw / 4.0)) <= 0.1);
    assert_true(fabs(attr(use, "y") - (fy + fh - fh * 2.0 / 5.0)) <= 0.1);
    assert_true(fx > 0 && fy > 0 && fx + fw < 960 && fy + fh < 640);
}

/* The bandwidth line y = 768G x is clipped to the frame; the ridge is at
 * 181T / 768G = 235.7 FLOP/byte. */
static void test_ceiling_geometry(void **state)
{
    (void)state;
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.ceilings = seed_ceilings;
    c.ceiling_count = 2;
    c.x_min = 1;
    c.x_max = 1e4;
    c.y_min = 1e10;
    c.y_max = 1e15;
    render(&c);
    assert_null(strstr(svg, "#2ca02c")); /* no ridge unless asked */
    c.ridge_line = 1;
    render(&c);
    const char *frame = strstr(svg, frame_tag);
    double fx = attr(frame, "x"), fy = attr(frame, "y");
    double fw = attr(frame, "width"), fh = attr(frame, "height");
    const char *mem = strstr(svg, "stroke=\"#1f77b4\" stroke-dasharray");
    assert_non_null(mem);
    double x0, y0, x1, y1;
    assert_int_equal(sscanf(strstr(mem, "d=\"M"), "d=\"M%lf %lfL%lf %lf",
                            &x0, &y0, &x1, &y1), 4);
    /* At x = 1 the line is at 768G: log 11.885, (11.885 - 10) / 5 up. */
    assert_true(fabs(x0 - fx) <= 0.1);
    assert_true(fabs(y0 - (fy + fh - fh * (log10(768e9) - 10.0) / 5.0)) <= 0.2);
    /* It leaves through the top (1P) at x = 1e15 / 768e9 = 1302. */
    assert_true(fabs(y1 - fy) <= 0.1);
    assert_true(fabs(x1 - (fx + fw * log10(1e15 / 768e9) / 4.0)) <= 0.2);
    const char *ridge = strstr(svg, "stroke=\"#2ca02c\"");
    assert_non_null(ridge);
    double rx, ry0, rx1, ry1;
    assert_int_equal(sscanf(strstr(ridge, "d=\"M"), "d=\"M%lf %lfL%lf %lf",
                            &rx, &ry0, &rx1, &ry1), 4);
    assert_true(fabs(rx - (fx + fw * log10(181e12 / 768e9) / 4.0)) <= 0.2);
    assert_true(fabs(ry0 - fy) <= 0.1 && fabs(ry1 - (fy + fh)) <= 0.1);
}

static void test_auto_limits(void **state)
{
    (void)state;
    roof_chart c = seed_chart();
    c.x_min = c.x_max = c.y_min = c.y_max = 0;
    render(&c);
    /* Data x from gemm_oi(1, 128, 128) = 16384 / 16640 ~ 0.98 to ~3600;
     * y from 0.2 * 768G * 0.98 ~ 150G (and 768G at x = 0.1) up to the
     * peak 181T: x 0.1..10k, y 10G..1P (strictly above the peak). */
    assert_int_equal(count_str(svg, ">0.1<"), 1);
    assert_int_equal(count_str(svg, ">10k<"), 1);
    assert_null(strstr(svg, ">100k<"));
    assert_int_equal(count_str(svg, ">10G<"), 1);
    assert_int_equal(count_str(svg, ">1P<"), 1);
    assert_null(strstr(svg, ">1G<"));
    assert_null(strstr(svg, ">10P<"));
    /* No data at all: 1..10k and 1G..1P, still a valid chart. */
    memset(&c, 0, sizeof c);
    render(&c);
    assert_int_equal(count_str(svg, ">10k<"), 1);
    assert_int_equal(count_str(svg, ">1G<"), 1);
    assert_null(strstr(svg, "<use "));
    assert_null(strstr(svg, "roof-legend"));
    /* One end given, the other automatic and forced past it. */
    c.x_min = 1e5;
    render(&c);
    assert_int_equal(count_str(svg, ">1M<"), 1);
}

static void test_narrow_range_ticks(void **state)
{
    (void)state;
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.x_min = 3;
    c.x_max = 30;
    c.y_min = 2e12;
    c.y_max = 3e12;
    render(&c);
    /* x: 10 is the only decade, so 1-2-5 steps: 5, 10, 20. */
    assert_int_equal(count_str(svg, ">5<"), 1);
    assert_int_equal(count_str(svg, ">10<"), 1);
    assert_int_equal(count_str(svg, ">20<"), 1);
    /* y: no 1-2-5 step inside; 1..9 steps give 2T and 3T. */
    assert_int_equal(count_str(svg, ">2T<"), 1);
    assert_int_equal(count_str(svg, ">3T<"), 1);
}

static void test_buffer_too_small(void **state)
{
    (void)state;
    roof_chart c = seed_chart();
    size_t len = 0;
    assert_int_equal(roof_chart_svg(&c, svg, sizeof svg, &len), ROOF_OK);
    static char small[SVG_CAP];
    memset(small, 0x5A, sizeof small);
    size_t need = 7;
    assert_int_equal(roof_chart_svg(&c, small, len, &need), ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(need, len + 1); /* the NUL */
    for (size_t i = 0; i < sizeof small; i++)
        assert_int_equal((unsigned char)small[i], 0x5A);
    assert_int_equal(roof_chart_svg(&c, small, 0, NULL), ROOF_E_BUFFER_TOO_SMALL);
    size_t got = 0;
    assert_int_equal(roof_chart_svg(&c, small, need, &got), ROOF_OK);
    assert_int_equal(got, len);
    assert_string_equal(small, svg);
}

typedef struct sink {
    char *buf;
    size_t len, cap;
    int calls, fail_at;
} sink;

static int sink_write(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    if (++s->calls == s->fail_at)
        return -1;
    assert_true(s->len + len <= s->cap);
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    return 0;
}

static void test_write_callback(void **state)
{
    (void)state;
    roof_chart c = seed_chart();
    size_t len = 0;
    assert_int_equal(roof_chart_svg(&c, svg, sizeof svg, &len), ROOF_OK);
    static char out[SVG_CAP];
    sink s = {out, 0, sizeof out, 0, 0};
    assert_int_equal(roof_chart_svg_write(&c, sink_write, &s), ROOF_OK);
    assert_int_equal(s.len, len);
    assert_memory_equal(out, svg, len);
    /* Staged: far fewer writes than elements. */
    assert_true(s.calls < 200);
    /* A failure at the first and at a later write. */
    sink f1 = {out, 0, sizeof out, 0, 1};
    assert_int_equal(roof_chart_svg_write(&c, sink_write, &f1), ROOF_E_WRITE);
    sink f2 = {out, 0, sizeof out, 0, 5};
    assert_int_equal(roof_chart_svg_write(&c, sink_write, &f2), ROOF_E_WRITE);
    /* Invalid charts write nothing. */
    sink f3 = {out, 0, sizeof out, 0, 0};
    c.x_min = (double)NAN;
    assert_int_equal(roof_chart_svg_write(&c, sink_write, &f3), ROOF_E_RANGE);
    assert_int_equal(f3.calls, 0);
    assert_int_equal(roof_chart_svg_write(NULL, sink_write, &f3), ROOF_E_NULL);
    assert_int_equal(roof_chart_svg_write(&c, NULL, &f3), ROOF_E_NULL);
}

/* Returns the status of rendering c into a sentinel buffer, checking that
 * an error leaves buffer and length untouched. */
static int bad_status(const roof_chart *c)
{
    static char b[4096];
    memset(b, 0x33, sizeof b);
    size_t len = 12345;
    int rc = roof_chart_svg(c, b, sizeof b, &len);
    assert_int_not_equal(rc, ROOF_OK);
    assert_int_equal(len, 12345);
    for (size_t i = 0; i < sizeof b; i++)
        assert_int_equal((unsigned char)b[i], 0x33);
    return rc;
}

static void test_bad_inputs(void **state)
{
    (void)state;
    roof_chart good = seed_chart();
    size_t len = 0;
    assert_int_equal(roof_chart_svg(NULL, svg, sizeof svg, &len), ROOF_E_NULL);
    assert_int_equal(roof_chart_svg(&good, NULL, 100, &len), ROOF_E_NULL);

    roof_chart c = good;
    c.x_min = (double)NAN;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.y_max = HUGE_VAL;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.x_min = -1;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.x_min = 1e4; /* == x_max */
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.y_min = 1e16; /* > y_max */
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.x_max = 2e30; /* > ROOF_MAX_VALUE */
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.width_px = 100;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.height_px = 20000;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    c = good;
    c.ridge_line = 2;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);
    c = good;
    c.reserved = 1;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);
    c = good;
    c.ceilings = NULL;
    assert_int_equal(bad_status(&c), ROOF_E_NULL);
    c = good;
    c.series = NULL;
    assert_int_equal(bad_status(&c), ROOF_E_NULL);

    roof_chart_ceiling k[2] = {seed_ceilings[0], seed_ceilings[1]};
    c = good;
    c.ceilings = k;
    k[1].kind = 2;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);
    k[1] = seed_ceilings[1];
    k[0].value = 0;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    k[0].value = (double)NAN;
    assert_int_equal(bad_status(&c), ROOF_E_RANGE);
    k[0] = seed_ceilings[0];
    k[0].color = 0x1000000;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);

    roof_series s[NSERIES];
    memcpy(s, seed_series, sizeof s);
    c = good;
    c.series = s;
    s[5].marker = 5;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);
    s[5] = seed_series[5];
    s[2].label = NULL;
    assert_int_equal(bad_status(&c), ROOF_E_NULL);
    s[2] = seed_series[2];
    s[3].flops_per_s = NULL;
    assert_int_equal(bad_status(&c), ROOF_E_NULL);
    s[3] = seed_series[3];
    s[4].reserved = 9;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);
    s[4] = seed_series[4];
    s[0].color = 0xFF000000u;
    assert_int_equal(bad_status(&c), ROOF_E_INVALID);
    /* Empty arrays may be NULL. */
    s[0] = seed_series[0];
    s[0].flops_per_byte = s[0].flops_per_s = NULL;
    s[0].count = 0;
    render(&c);
    assert_int_equal(count_str(svg, "<use "), seed_in_range(1, NSERIES) + NSERIES);
}

static void test_many_series(void **state)
{
    (void)state;
    enum { N = 100 };
    static roof_series s[N];
    static char names[N][40];
    static double x[N], y[N];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "series number %d of many", i);
        x[i] = 1.0 + i;
        y[i] = 1e11 * (1.0 + i);
        roof_series one = {names[i], &x[i], &y[i], 1, ROOF_COLOR_AUTO,
                           (uint32_t)(i % 5), 0};
        s[i] = one;
    }
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.title = "many";
    c.series = s;
    c.series_count = N;
    c.ceilings = seed_ceilings;
    c.ceiling_count = 2;
    for (int pass = 0; pass < 2; pass++) {
        render(&c);
        if (have_xmllint())
            assert_true(xml_ok(svg));
        double W = c.width_px ? c.width_px : 960, H = c.height_px ? c.height_px : 640;
        const char *lg = strstr(svg, "id=\"roof-legend\"");
        assert_non_null(lg);
        const char *box = strstr(lg, "<rect");
        double bx = attr(box, "x"), by = attr(box, "y");
        assert_true(bx >= 0 && by >= 0);
        assert_true(bx + attr(box, "width") <= W);
        assert_true(by + attr(box, "height") <= H);
        /* Every text anchor inside the canvas. */
        for (const char *t = strstr(svg, "<text x=\""); t != NULL;
             t = strstr(t + 1, "<text x=\"")) {
            double tx = attr(t, "x"), ty = attr(t, "y");
            assert_true(tx >= 0 && tx <= W && ty >= 0 && ty <= H);
        }
        /* Each point plotted once. */
        assert_true(count_str(svg, "<use ") >= N);
        /* Smallest canvas: the legend cannot list them all, and says so. */
        c.width_px = 320;
        c.height_px = 240;
    }
    assert_non_null(strstr(svg, " more</text>"));
}

static void test_extremes_no_nan(void **state)
{
    (void)state;
    const double x[] = {1e-30, 1, 1e30};
    const double y[] = {1e-30, 1, 1e30};
    roof_series s = {"", x, y, 3, ROOF_COLOR_AUTO, ROOF_MARKER_PLUS, 0};
    const roof_chart_ceiling k[2] = {
        {"", 1e30, ROOF_CEILING_COMPUTE, 0x000000},
        {NULL, 1e-30, ROOF_CEILING_MEMORY, ROOF_COLOR_AUTO},
    };
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.series = &s;
    c.series_count = 1;
    c.ceilings = k;
    c.ceiling_count = 2;
    c.ridge_line = 1;
    render(&c);
    assert_null(strstr(svg, "nan"));
    assert_null(strstr(svg, "inf"));
    assert_int_equal(count_str(svg, "<use xlink:href=\"#roof-m4\""), 3 + 1);
    if (have_xmllint())
        assert_true(xml_ok(svg));
    c.x_min = 1e-30;
    c.x_max = 1e30;
    c.y_min = 1e-30;
    c.y_max = 1e30;
    render(&c);
    assert_null(strstr(svg, "nan"));
}

/* Positive but extreme values: a ridge 1e30 / 1e-300 that overflows to
 * inf, and points at the smallest denormal, whose decade 1e-324 is 0.
 * Before the axes were kept within 1e-300 .. 1e300 these drew gridlines at
 * the pen's clamp (-10000000) and cast inf to int (undefined behaviour). */
static void test_extremes_beyond_doubles(void **state)
{
    (void)state;
    const double x[] = {4.9e-324, 1.0};
    const double y[] = {4.9e-324, 1.0};
    roof_series s = {"p", x, y, 2, ROOF_COLOR_AUTO, ROOF_MARKER_CROSS, 0};
    const roof_chart_ceiling k[2] = {
        {NULL, 1e30, ROOF_CEILING_COMPUTE, ROOF_COLOR_AUTO},
        {NULL, 1e-300, ROOF_CEILING_MEMORY, ROOF_COLOR_AUTO},
    };
    roof_chart c;
    memset(&c, 0, sizeof c);
    c.ceilings = k;
    c.ceiling_count = 2;
    c.ridge_line = 1;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) { /* the points alone */
            c.ceiling_count = 0;
            c.series = &s;
            c.series_count = 1;
        }
        render(&c);
        assert_null(strstr(svg, "nan"));
        assert_null(strstr(svg, "inf"));
        /* Nothing on a 960 x 640 canvas is 1e7 pixels away. */
        assert_null(strstr(svg, "10000000"));
        if (have_xmllint())
            assert_true(xml_ok(svg));
    }
}

static void test_format_si(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *unit, *want;
    } cases[] = {
        {768e9, "B/s", "768GB/s"},
        {181e12, "FLOP/s", "181TFLOP/s"},
        {1e10, NULL, "10G"},
        {1.0, NULL, "1"},
        {1000.0, NULL, "1k"},
        {0.0015, "s", "1.5ms"},
        {2e-6, "s", "2\xc2\xb5s"},
        {53.7e9, " FLOP", "53.7 GFLOP"},
        {768e9, " B/s", "768 GB/s"},
        {999.7, NULL, "1k"},     /* rounds up into the next prefix */
        {1234567.0, NULL, "1.23M"},
        {-4.5e3, "B", "-4.5kB"},
        {0.0, "B", "0B"},
        {1e30, NULL, "1e+30"},   /* beyond yotta */
        {1e-27, NULL, "1e-27"},  /* below yocto */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char b[64];
        size_t len = 0;
        assert_int_equal(roof_format_si(cases[i].v, cases[i].unit, b, sizeof b, &len),
                         ROOF_OK);
        assert_string_equal(b, cases[i].want);
        assert_int_equal(len, strlen(cases[i].want));
    }
    char b[8];
    memset(b, 'Z', sizeof b);
    size_t len = 0;
    /* "181TFLOP/s" needs 11 bytes with its NUL. */
    assert_int_equal(roof_format_si(181e12, "FLOP/s", b, sizeof b, &len),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(len, 11);
    for (size_t i = 0; i < sizeof b; i++)
        assert_int_equal(b[i], 'Z');
    len = 99;
    assert_int_equal(roof_format_si((double)NAN, NULL, b, sizeof b, &len), ROOF_E_RANGE);
    assert_int_equal(roof_format_si(HUGE_VAL, NULL, b, sizeof b, &len), ROOF_E_RANGE);
    assert_int_equal(roof_format_si(2e30, NULL, b, sizeof b, &len), ROOF_E_RANGE);
    assert_int_equal(roof_format_si(1.0, NULL, NULL, 8, &len), ROOF_E_NULL);
    assert_int_equal(len, 99);
    assert_int_equal(b[0], 'Z');
    assert_int_equal(roof_format_si(768e9, "B/s", b, sizeof b, NULL),
                     ROOF_OK); /* "768GB/s" is 7 + NUL: just fits */
    assert_string_equal(b, "768GB/s");
}

/* v as roof_format_si writes it with no unit is printf's "%.3g" when
 * 1 <= |v| < 999.5 (no prefix applies; from 999.5 printf says "1e+03"
 * where roof_format_si says "1k"). */
static void assert_si_is_printf(double v)
{
    char got[64], want[64];
    assert_int_equal(roof_format_si(v, NULL, got, sizeof got, NULL), ROOF_OK);
    snprintf(want, sizeof want, "%.3g", v);
    if (strchr(want, 'e') == NULL && strcmp(got, want) != 0)
        fail_msg("%.17g: got %s, printf %s", v, got, want);
}

/* Every decimal tie of three significant digits between 1 and 1000
 * (1.005, 2.675, 99.95, 999.5), the doubles either side of each, and
 * scattered values, of both signs. */
static void test_format_si_matches_printf(void **state)
{
    (void)state;
    static const double scale[] = {1000.0, 100.0, 10.0};
    for (int s = 0; s < 3; s++) {
        for (int j = 1000; j < 10000; j += 5) {
            double v = j / scale[s];
            double near[3] = {v, nextafter(v, 0.0), nextafter(v, 2000.0)};
            for (int k = 0; k < 3; k++) {
                assert_si_is_printf(near[k]);
                assert_si_is_printf(-near[k]);
            }
        }
    }
    uint64_t seed = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        double v = 1.0 + (double)(seed >> 11) / 9007199254740992.0 * 999.0;
        assert_si_is_printf(i % 2 ? -v : v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_chart),
        cmocka_unit_test(test_xml_well_formed),
        cmocka_unit_test(test_title_escaped),
        cmocka_unit_test(test_points_skipped),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_ceiling_geometry),
        cmocka_unit_test(test_auto_limits),
        cmocka_unit_test(test_narrow_range_ticks),
        cmocka_unit_test(test_buffer_too_small),
        cmocka_unit_test(test_write_callback),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_many_series),
        cmocka_unit_test(test_extremes_no_nan),
        cmocka_unit_test(test_extremes_beyond_doubles),
        cmocka_unit_test(test_format_si),
        cmocka_unit_test(test_format_si_matches_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
