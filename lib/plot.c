/*
 * Roofline charts as SVG 1.1: log-log axes, dashed ceilings, point series
 * and a legend, written through the roof__out sink (buffer or callback).
 *
 * Rendering happens in two steps: plan() validates the chart and works out
 * every size and position once (axis limits, margins, ticks, legend), then
 * draw() only prints.  roof__render_to_buf runs draw() twice (count, then
 * write), so draw() must be cheap: coordinates go through a small staging
 * buffer and a hand-written one-decimal formatter instead of snprintf.
 */
#include "util.h"

#include <math.h>
#include <string.h>

#define DEFAULT_W_PX 960
#define DEFAULT_H_PX 640
#define MIN_W_PX 320 /* below this the axes and labels cannot fit */
#define MIN_H_PX 240
#define MAX_PX 16384
#define MARKER_COUNT 5
#define MAX_TICKS 40
#define MAX_TEXT_CP 200 /* longest text drawn, in code points */
#define CHAR_EM 0.58    /* average glyph width of sans-serif, in em */
#define AXIS_MAX_DECADE 300.0 /* axes stay within 1e-300 .. 1e300 */

#define FONT_TICK 13.0
#define FONT_AXIS 14.0
#define FONT_TITLE 17.0
#define FONT_LEGEND 13.0
#define FONT_LEGEND_MIN 8.0
#define FONT_CEILING 13.0

/* matplotlib's "tab10" colour cycle, which the seed figure uses. */
static const uint32_t palette[10] = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
    0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
};
/* Automatic ceiling colours: bandwidths blue-ish, peaks red-ish, as in the
 * seed figure. */
static const uint32_t memory_colors[3] = {0x1f77b4, 0x17becf, 0x7f7f7f};
static const uint32_t compute_colors[3] = {0xd62728, 0xe377c2, 0xbcbd22};
#define RIDGE_COLOR 0x2ca02c

/* ------------------------------------------------------------------ */
/* SI formatting                                                        */

static const char *const si_prefixes[17] = {
    "y", "z", "a", "f", "p", "n", "\xc2\xb5", "m", "",
    "k", "M", "G", "T", "P", "E", "Z", "Y",
};
#define SI_NONE 8 /* index of the empty prefix */

/* m, with 1 <= |m| < 1000, as "%.3g" writes it, without printf: label
 * prints six of these per kernel.  |m| times 100, 10 or 1 is exact to
 * 1e-13, so its nearest integer is printf's unless the fraction is within
 * 1e-6 of a half (a tie, or close enough that binary rounding decides):
 * then, and when rounding carries to 1000, printf answers. */
static size_t mantissa3(char *num, size_t cap, double m)
{
    double a = fabs(m);
    int dec = a < 10.0 ? 2 : a < 100.0 ? 1 : 0;
    double r = a * (dec == 2 ? 100.0 : dec == 1 ? 10.0 : 1.0);
    double f = floor(r);
    if (!(a >= 1.0 && a < 1000.0) || fabs(r - f - 0.5) < 1e-6 || cap < 8)
        return roof__fmt_double(num, cap, m, 3);
    int q = (int)f + (r - f > 0.5);
    if (q >= 1000)
        return roof__fmt_double(num, cap, m, 3);
    const char d[3] = {(char)('0' + q / 100), (char)('0' + q / 10 % 10),
                 (char)('0' + q % 10)};
    size_t k = 0;
    if (m < 0)
        num[k++] = '-';
    int whole = 3 - dec, last = 3;
    while (last > whole && d[last - 1] == '0')
        last--; /* %g drops trailing zeros, and a bare point */
    for (int i = 0; i < last; i++) {
        if (i == whole)
            num[k++] = '.';
        num[k++] = d[i];
    }
    num[k] = '\0';
    return k;
}

/* value as "<3 significant digits>" into num and its prefix; returns the
 * number's length.  Values beyond the prefixes get exponent notation. */
static size_t si_parts(double value, char *num, size_t cap,
                       const char **prefix)
{
    *prefix = "";
    if (value == 0.0)
        return roof__fmt_double(num, cap, 0.0, 3);
    int e3 = (int)floor(log10(fabs(value)) / 3.0);
    double m = value / pow(10.0, 3.0 * e3);
    /* log10 may be off by an ulp at exact powers of 1000. */
    if (fabs(m) >= 1000.0) {
        e3++;
        m /= 1000.0;
    } else if (fabs(m) < 1.0) {
        e3--;
        m *= 1000.0;
    }
    size_t n = mantissa3(num, cap, m);
    if (memchr(num, 'e', n) != NULL) { /* 999.6 rounded up to "1e+03" */
        e3++;
        n = roof__fmt_double(num, cap, m / 1000.0, 3);
    }
    if (e3 < -SI_NONE || e3 > SI_NONE)
        return roof__fmt_double(num, cap, value, 3);
    *prefix = si_prefixes[e3 + SI_NONE];
    return n;
}

int roof_format_si(double value, const char *unit, char *buf, size_t cap,
                   size_t *len)
{
    if (buf == NULL)
        return ROOF_E_NULL;
    if (!roof__is_num(value))
        return ROOF_E_RANGE;
    char num[40];
    const char *prefix;
    size_t n = si_parts(value, num, sizeof num, &prefix);
    const char *u = unit != NULL ? unit : "";
    const char *sep = "";
    if (u[0] == ' ') {
        sep = " ";
        u++;
    }
    size_t np = strlen(prefix), ns = strlen(sep), nu = strlen(u);
    size_t need = n + ns + np + nu + 1;
    if (need > cap) {
        if (len != NULL)
            *len = need;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    memcpy(buf, num, n);
    memcpy(buf + n, sep, ns);
    memcpy(buf + n + ns, prefix, np);
    memcpy(buf + n + ns + np, u, nu);
    buf[need - 1] = '\0';
    if (len != NULL)
        *len = need - 1;
    return ROOF_OK;
}

/* ------------------------------------------------------------------ */
/* Validation                                                           */

static int color_ok(uint32_t c)
{
    return c == ROOF_COLOR_AUTO || c <= 0xFFFFFFu;
}

/* 0 (automatic) or a positive number. */
static int limit_ok(double v)
{
    return v == 0.0 || roof__is_pos(v);
}

static int size_ok(uint32_t v, uint32_t min)
{
    return v == 0 || (v >= min && v <= MAX_PX);
}

static int validate_ceilings(const roof_chart *c)
{
    if (c->ceiling_count > 0 && c->ceilings == NULL)
        return ROOF_E_NULL;
    for (uint32_t i = 0; i < c->ceiling_count; i++) {
        const roof_chart_ceiling *k = &c->ceilings[i];
        if (k->kind > ROOF_CEILING_MEMORY || !color_ok(k->color))
            return ROOF_E_INVALID;
        if (!roof__is_pos(k->value))
            return ROOF_E_RANGE;
    }
    return ROOF_OK;
}

static int validate_series(const roof_chart *c)
{
    if (c->series_count > 0 && c->series == NULL)
        return ROOF_E_NULL;
    for (uint32_t i = 0; i < c->series_count; i++) {
        const roof_series *s = &c->series[i];
        if (s->label == NULL)
            return ROOF_E_NULL;
        if (s->count > 0 && (s->flops_per_byte == NULL || s->flops_per_s == NULL))
            return ROOF_E_NULL;
        if (s->marker >= MARKER_COUNT || s->reserved != 0 || !color_ok(s->color))
            return ROOF_E_INVALID;
    }
    return ROOF_OK;
}

static int validate(const roof_chart *c)
{
    if (c->reserved != 0 || c->ridge_line > 1)
        return ROOF_E_INVALID;
    if (!limit_ok(c->x_min) || !limit_ok(c->x_max) || !limit_ok(c->y_min)
        || !limit_ok(c->y_max))
        return ROOF_E_RANGE;
    if ((c->x_min > 0.0 && c->x_max > 0.0 && c->x_min >= c->x_max)
        || (c->y_min > 0.0 && c->y_max > 0.0 && c->y_min >= c->y_max))
        return ROOF_E_RANGE;
    if (!size_ok(c->width_px, MIN_W_PX) || !size_ok(c->height_px, MIN_H_PX))
        return ROOF_E_RANGE;
    int rc = validate_ceilings(c);
    return rc != ROOF_OK ? rc : validate_series(c);
}

/* ------------------------------------------------------------------ */
/* Layout                                                               */

/* A log axis: value v sits at pixel p0 + (log10(v) - lo) * scale. */
typedef struct axis {
    double lo, hi;    /* log10 of the limits */
    double p0, scale; /* pixel of lo, pixels per decade (< 0 for y) */
} axis;

typedef struct ticks {
    double v[MAX_TICKS];
    uint32_t n;
    int minor; /* draw unlabelled ticks at 2..9 x each decade */
} ticks;

typedef struct legend {
    double x, y, w, h;  /* box */
    double font, row_h, col_w, pad, sample_w;
    uint32_t rows, cols;
    uint32_t total, shown; /* shown < total: the last slot says "+N more" */
    uint32_t max_cp;       /* labels cut to this many code points */
    int corner;            /* 0 upper left, 1 lower right, 2 upper right,
                              3 lower left, 4 right of the axes */
} legend;

typedef struct plan {
    const roof_chart *c;
    double w, h;
    double left, right, top, bottom; /* plot area, pixels */
    axis x, y;
    ticks xt, yt;
    double ridge; /* FLOP/byte; 0 = none drawn */
    double title_font;
    uint32_t title_cp;
    legend lg;
} plan;

static double px_at(const axis *a, double log_v)
{
    return a->p0 + (log_v - a->lo) * a->scale;
}

static double px_of(const axis *a, double v)
{
    ROOF__ASSERT(v > 0.0); /* callers place positive values only */
    return px_at(a, log10(v));
}

static int log_in_axis(const axis *a, double l)
{
    return l >= a->lo - 1e-9 && l <= a->hi + 1e-9;
}

/* Pixel position of point j of s; 0 when it is not drawn (non-positive,
 * non-finite or outside the axes). */
static int point_px(const plan *ax, const roof_series *s, uint32_t j,
                    double *px, double *py)
{
    double x = s->flops_per_byte[j], y = s->flops_per_s[j];
    if (!roof__is_pos(x) || !roof__is_pos(y))
        return 0;
    /* log() times 1/ln(10): one libm call instead of log10's two; the
     * last-bit difference is far below a tenth of a pixel. */
    double lx = log(x) * 0.43429448190325182765;
    double ly = log(y) * 0.43429448190325182765;
    if (!log_in_axis(&ax->x, lx) || !log_in_axis(&ax->y, ly))
        return 0;
    *px = px_at(&ax->x, lx);
    *py = px_at(&ax->y, ly);
    /* inside its axes, a point is a finite pixel */
    ROOF__ASSERT(roof__is_num(*px) && roof__is_num(*py));
    return 1;
}

static int point_ok(double v)
{
    return roof__is_pos(v);
}

static int in_axis(const axis *a, double v)
{
    return log_in_axis(a, log10(v));
}

/* The ridge of the first compute and first memory ceiling, or 0. */
static double find_ridge(const roof_chart *c)
{
    double peak = 0.0, bw = 0.0;
    for (uint32_t i = 0; i < c->ceiling_count; i++) {
        const roof_chart_ceiling *k = &c->ceilings[i];
        if (k->kind == ROOF_CEILING_COMPUTE && peak == 0.0)
            peak = k->value;
        if (k->kind == ROOF_CEILING_MEMORY && bw == 0.0)
            bw = k->value;
    }
    return peak > 0.0 && bw > 0.0 ? peak / bw : 0.0;
}

typedef struct span {
    double lo, hi; /* lo > hi: empty */
} span;

static void span_add(span *s, double v)
{
    if (v < s->lo)
        s->lo = v;
    if (v > s->hi)
        s->hi = v;
}

/* Resolves one axis' limits (log10) from the user's (0 = automatic) and
 * the data span, snapped to decades; the top is strictly above the data
 * when strict_top (so that the peak line never sits on the frame). */
static void resolve_limits(double user_lo, double user_hi, span s,
                           double def_lo, double def_hi, int strict_top,
                           double *lo, double *hi)
{
    if (s.lo > s.hi) {
        s.lo = def_lo;
        s.hi = def_hi;
    }
    double a = user_lo > 0.0 ? log10(user_lo) : floor(log10(s.lo) + 1e-9);
    double b;
    if (user_hi > 0.0)
        b = log10(user_hi);
    else if (strict_top)
        b = floor(log10(s.hi) + 1e-9) + 1.0;
    else
        b = ceil(log10(s.hi) - 1e-9);
    if (a >= b) {
        if (user_hi > 0.0)
            a = ceil(b - 1e-9) - 1.0;
        else
            b = floor(a + 1e-9) + 1.0;
    }
    /* Positive doubles reach 1e-324 and a ridge peak / bandwidth may
     * overflow to inf: keep every decade tick a normal, finite double (and
     * the int casts of make_ticks defined); what lies beyond is not drawn. */
    a = fmin(fmax(a, -AXIS_MAX_DECADE), AXIS_MAX_DECADE - 1.0);
    b = fmin(fmax(b, -AXIS_MAX_DECADE), AXIS_MAX_DECADE);
    if (!(b > a))
        b = a + 1.0;
    *lo = a;
    *hi = b;
}

static void plan_limits(plan *p)
{
    const roof_chart *c = p->c;
    span xs = {HUGE_VAL, -HUGE_VAL}, ys = {HUGE_VAL, -HUGE_VAL};
    for (uint32_t i = 0; i < c->series_count; i++) {
        const roof_series *s = &c->series[i];
        for (uint32_t j = 0; j < s->count; j++) {
            if (point_ok(s->flops_per_byte[j]) && point_ok(s->flops_per_s[j])) {
                span_add(&xs, s->flops_per_byte[j]);
                span_add(&ys, s->flops_per_s[j]);
            }
        }
    }
    double ridge = find_ridge(c);
    if (ridge > 0.0) { /* room for both roofs either side of the ridge */
        span_add(&xs, ridge / 10.0);
        span_add(&xs, ridge * 10.0);
    }
    resolve_limits(c->x_min, c->x_max, xs, 1.0, 1e4, 0, &p->x.lo, &p->x.hi);
    int has_peak = 0;
    for (uint32_t i = 0; i < c->ceiling_count; i++) {
        const roof_chart_ceiling *k = &c->ceilings[i];
        if (k->kind == ROOF_CEILING_COMPUTE) {
            span_add(&ys, k->value);
            has_peak = 1;
        } else {
            span_add(&ys, k->value * pow(10.0, p->x.lo));
        }
    }
    for (uint32_t i = 0; i < c->ceiling_count && !has_peak; i++)
        span_add(&ys, c->ceilings[i].value * pow(10.0, p->x.hi));
    resolve_limits(c->y_min, c->y_max, ys, 1e9, 1e15, 1, &p->y.lo, &p->y.hi);
    p->ridge = c->ridge_line && ridge > 0.0 && in_axis(&p->x, ridge) ? ridge : 0.0;
}

static void ticks_add(ticks *t, double v)
{
    if (t->n < MAX_TICKS)
        t->v[t->n++] = v;
}

/* Decades when at least two fit, else 1-2-5 or 1..9 steps, else the ends;
 * at most max_labels of them, so that labels do not collide. */
static void make_ticks(double lo, double hi, uint32_t max_labels, ticks *t)
{
    static const double steps[2][9] = {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    static const int step_n[2] = {3, 9};
    t->n = 0;
    t->minor = 0;
    int d0 = (int)ceil(lo - 1e-9), d1 = (int)floor(hi + 1e-9);
    if (d1 - d0 + 1 >= 2) {
        uint32_t nd = (uint32_t)(d1 - d0 + 1);
        int step = (int)((nd + max_labels - 1) / max_labels);
        for (int d = d0; d <= d1; d += step)
            ticks_add(t, pow(10.0, d));
        t->minor = step == 1 && hi - lo <= 12.0;
        return;
    }
    for (int k = 0; k < 2 && t->n < 2; k++) {
        t->n = 0;
        for (int d = (int)floor(lo); d <= (int)ceil(hi); d++) {
            for (int m = 0; m < step_n[k]; m++) {
                double v = steps[k][m] * pow(10.0, d);
                if (log10(v) >= lo - 1e-9 && log10(v) <= hi + 1e-9)
                    ticks_add(t, v);
            }
        }
        if (t->n > max_labels)
            t->n = 0;
    }
    if (t->n < 2) {
        t->n = 0;
        ticks_add(t, pow(10.0, lo));
        ticks_add(t, pow(10.0, hi));
    }
}

/* x labels: SI ("1k") except plain decimals between 0.001 and 1. */
static size_t tick_label(double v, int is_x, char *buf, size_t cap)
{
    size_t n = 0;
    if (is_x && v < 1.0 && v >= 1e-3)
        return roof__fmt_double(buf, cap, v, 3);
    if (roof_format_si(v, NULL, buf, cap, &n) != ROOF_OK)
        return 0;
    return n;
}

static uint32_t utf8_len(const char *s)
{
    uint32_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static double text_w(uint32_t cp, double font)
{
    return cp * CHAR_EM * font;
}

static double widest_tick(const ticks *t, int is_x)
{
    char b[48];
    size_t w = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        size_t n = tick_label(t->v[i], is_x, b, sizeof b);
        if (n > w)
            w = n;
    }
    return text_w((uint32_t)w, FONT_TICK);
}

/* The x axis between p->left and p->right. */
static void plan_x_axis(plan *p)
{
    uint32_t xmax = (uint32_t)((p->right - p->left) / 60.0);
    make_ticks(p->x.lo, p->x.hi, xmax < 2 ? 2 : xmax, &p->xt);
    p->x.p0 = p->left;
    p->x.scale = (p->right - p->left) / (p->x.hi - p->x.lo);
}

static void plan_axes(plan *p)
{
    p->top = p->c->title != NULL ? 48.0 : 20.0;
    p->bottom = p->h - 62.0;
    uint32_t ymax = (uint32_t)((p->bottom - p->top) / (2.2 * FONT_TICK));
    make_ticks(p->y.lo, p->y.hi, ymax < 2 ? 2 : ymax, &p->yt);
    p->left = 12.0 + FONT_AXIS + 12.0 + widest_tick(&p->yt, 0) + 10.0;
    p->right = p->w - 28.0;
    plan_x_axis(p);
    p->y.p0 = p->bottom;
    p->y.scale = -(p->bottom - p->top) / (p->y.hi - p->y.lo);
}

static void plan_title(plan *p)
{
    p->title_font = FONT_TITLE;
    p->title_cp = 0;
    if (p->c->title == NULL)
        return;
    uint32_t cp = utf8_len(p->c->title);
    double avail = p->w - 20.0;
    while (p->title_font > 10.0 && text_w(cp, p->title_font) > avail)
        p->title_font -= 1.0;
    uint32_t fit = (uint32_t)(avail / (CHAR_EM * p->title_font));
    if (fit > MAX_TEXT_CP)
        fit = MAX_TEXT_CP;
    p->title_cp = cp < fit ? cp : fit;
}

static const char *ceiling_text(const roof_chart_ceiling *k, char *buf,
                                size_t cap)
{
    if (k->label != NULL)
        return k->label;
    const char *unit = k->kind == ROOF_CEILING_COMPUTE ? "FLOP/s" : "B/s";
    if (roof_format_si(k->value, unit, buf, cap, NULL) != ROOF_OK)
        buf[0] = '\0';
    return buf;
}

static uint32_t widest_entry(const roof_chart *c)
{
    char b[64];
    uint32_t w = 0;
    for (uint32_t i = 0; i < c->ceiling_count; i++) {
        uint32_t n = utf8_len(ceiling_text(&c->ceilings[i], b, sizeof b));
        w = n > w ? n : w;
    }
    for (uint32_t i = 0; i < c->series_count; i++) {
        uint32_t n = utf8_len(c->series[i].label);
        w = n > w ? n : w;
    }
    return w > MAX_TEXT_CP ? MAX_TEXT_CP : w;
}

/* Sizes the legend for one font size within aw x ah: 1 when it fits,
 * 2 when it fits only with labels cut or entries left out (smallest font),
 * 0 when it does not fit. */
static int legend_try(legend *g, double font, uint32_t widest, double aw,
                      double ah)
{
    g->font = font;
    g->row_h = font * 1.45;
    g->pad = font * 0.6;
    g->sample_w = font * 2.2;
    double gap = font * 0.6;
    uint32_t rows = (uint32_t)((ah - 2.0 * g->pad) / g->row_h);
    if (rows == 0)
        rows = 1;
    g->cols = (g->total + rows - 1) / rows;
    g->rows = (g->total + g->cols - 1) / g->cols;
    g->max_cp = widest;
    g->col_w = g->sample_w + gap + text_w(widest, font) + font;
    g->shown = g->total;
    if (g->cols * g->col_w + 2.0 * g->pad <= aw)
        return 1;
    /* Smallest font: cut labels to fit the columns, and when even short
     * columns do not fit, show what fits and say how many are left. */
    if (font > FONT_LEGEND_MIN)
        return 0;
    double min_col = g->sample_w + gap + text_w(8, font) + font;
    uint32_t max_cols = (uint32_t)((aw - 2.0 * g->pad) / min_col);
    if (max_cols == 0)
        max_cols = 1;
    if (g->cols > max_cols) {
        g->cols = max_cols;
        g->rows = rows;
        g->shown = rows * max_cols - 1;
    }
    g->col_w = (aw - 2.0 * g->pad) / g->cols;
    double cp = (g->col_w - g->sample_w - gap - font) / (CHAR_EM * font);
    g->max_cp = cp < 1.0 ? 1 : (uint32_t)cp;
    if (g->max_cp > widest)
        g->max_cp = widest;
    return 2;
}

/* The largest font that fits aw x ah; see legend_try. */
static int legend_fit(legend *g, uint32_t widest, double aw, double ah)
{
    int r = 0;
    for (double f = FONT_LEGEND; f >= FONT_LEGEND_MIN && r == 0; f -= 1.0)
        r = legend_try(g, f, widest, aw, ah);
    g->w = g->cols * g->col_w + 2.0 * g->pad;
    g->h = g->rows * g->row_h + 2.0 * g->pad;
    return r;
}

static void legend_place(legend *g, const plan *p, int corner)
{
    double inset = 8.0;
    int right = corner == 1 || corner == 2, low = corner == 1 || corner == 3;
    g->x = right ? p->right - inset - g->w : p->left + inset;
    g->y = low ? p->bottom - inset - g->h : p->top + inset;
    g->corner = corner;
}

/* Points of the chart hidden by the legend at its current place. */
static uint32_t legend_hides(const legend *g, const plan *p)
{
    uint32_t n = 0;
    const roof_chart *c = p->c;
    for (uint32_t i = 0; i < c->series_count; i++) {
        const roof_series *s = &c->series[i];
        for (uint32_t j = 0; j < s->count; j++) {
            double px, py;
            if (!point_px(p, s, j, &px, &py))
                continue;
            n += px >= g->x && px <= g->x + g->w && py >= g->y
                 && py <= g->y + g->h;
        }
    }
    return n;
}

/* A legend too big for a corner goes right of the axes, which shrink. */
static int legend_outside(plan *p, uint32_t widest)
{
    legend *g = &p->lg;
    legend_fit(g, widest, 0.4 * p->w, p->bottom - p->top);
    if (g->shown < g->total)
        return 0;
    p->right = p->w - 12.0 - g->w - 16.0;
    plan_x_axis(p);
    g->x = p->right + 16.0;
    g->y = p->top;
    g->corner = 4;
    return 1;
}

static void plan_legend(plan *p)
{
    legend *g = &p->lg;
    g->total = p->c->ceiling_count + p->c->series_count;
    if (g->total == 0)
        return;
    double aw = p->right - p->left - 16.0, ah = p->bottom - p->top - 16.0;
    uint32_t widest = widest_entry(p->c);
    int r = legend_fit(g, widest, aw, ah);
    if (r != 1 || g->w * g->h > 0.25 * aw * ah) {
        legend inside = *g;
        if (legend_outside(p, widest))
            return;
        *g = inside;
    }
    /* "Best" corner, as matplotlib: the one hiding the fewest points,
     * upper left first (the empty side of a roofline). */
    int best = 0;
    uint32_t best_n = UINT32_MAX;
    for (int corner = 0; corner < 4 && best_n > 0; corner++) {
        legend_place(g, p, corner);
        uint32_t n = legend_hides(g, p);
        if (n < best_n) {
            best_n = n;
            best = corner;
        }
    }
    legend_place(g, p, best);
}

static void make_plan(const roof_chart *c, plan *p)
{
    memset(p, 0, sizeof *p);
    p->c = c;
    p->w = c->width_px != 0 ? c->width_px : DEFAULT_W_PX;
    p->h = c->height_px != 0 ? c->height_px : DEFAULT_H_PX;
    plan_limits(p);
    plan_axes(p);
    plan_title(p);
    plan_legend(p);
}

/* ------------------------------------------------------------------ */
/* Output                                                               */

/* Stages small pieces so that a write callback sees few, larger writes. */
typedef struct pen {
    roof__out *o;
    size_t n;
    char buf[1024];
} pen;

static void pen_flush(pen *w)
{
    roof__out_mem(w->o, w->buf, w->n);
    w->n = 0;
}

static void pen_mem(pen *w, const char *s, size_t k)
{
    if (w->n + k > sizeof w->buf) {
        pen_flush(w);
        if (k > sizeof w->buf) {
            roof__out_mem(w->o, s, k);
            return;
        }
    }
    memcpy(w->buf + w->n, s, k);
    w->n += k;
}

static void pen_str(pen *w, const char *s)
{
    pen_mem(w, s, strlen(s));
}

/* A string literal: its length is known, so the copy is inlined. */
#define PEN_LIT(w, lit) pen_mem((w), (lit), sizeof(lit) - 1)

/* v with at most one decimal: locale-free and far cheaper than printf. */
static void pen_num(pen *w, double v)
{
    char b[16];
    size_t i = sizeof b;
    if (!(v > -1e7))
        v = -1e7;
    if (v > 1e7)
        v = 1e7;
    long r = lround(v * 10.0);
    int neg = r < 0;
    unsigned long u = (unsigned long)(neg ? -r : r);
    if (u % 10 != 0) {
        b[--i] = (char)('0' + u % 10);
        b[--i] = '.';
    }
    u /= 10;
    do {
        b[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (neg)
        b[--i] = '-';
    if (w->n + sizeof b > sizeof w->buf)
        pen_flush(w);
    for (; i < sizeof b; i++) /* a few bytes: cheaper than memcpy's call */
        w->buf[w->n++] = b[i];
}

/* name="v" with a leading space. */
static void pen_attr(pen *w, const char *name, double v)
{
    PEN_LIT(w, " ");
    pen_str(w, name);
    PEN_LIT(w, "=\"");
    pen_num(w, v);
    PEN_LIT(w, "\"");
}

static void pen_color(pen *w, uint32_t rgb)
{
    static const char hex[] = "0123456789abcdef";
    char b[7] = {'#'};
    for (int i = 0; i < 6; i++)
        b[1 + i] = hex[(rgb >> (20 - 4 * i)) & 0xF];
    pen_mem(w, b, sizeof b);
}

/* Length of the valid UTF-8 sequence at s (XML-allowed code points only),
 * or 0. */
static size_t utf8_seq(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || s[0] > 0xF4)
        return 0;
    uint32_t cp = s[0] & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)
        || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

/* Text content: at most max_cp code points of s (cut ones end in "..."),
 * invalid UTF-8 replaced by '?', escaped by roof__out_xml. */
static void pen_text(pen *w, const char *s, uint32_t max_cp)
{
    char t[4 * MAX_TEXT_CP + 8];
    size_t n = 0;
    uint32_t cp = 0;
    const unsigned char *u = (const unsigned char *)s;
    if (max_cp > MAX_TEXT_CP)
        max_cp = MAX_TEXT_CP;
    while (*u != '\0' && cp < max_cp) {
        size_t k = utf8_seq(u);
        if (k == 0) {
            t[n++] = '?';
            u++;
        } else {
            memcpy(t + n, u, k);
            n += k;
            u += k;
        }
        cp++;
    }
    if (*u != '\0' && n >= 3) { /* cut: the ellipsis replaces the last */
        while (n > 0 && ((unsigned char)t[n - 1] & 0xC0) == 0x80)
            n--;
        n = n > 0 ? n - 1 : 0;
        memcpy(t + n, "\xe2\x80\xa6", 3);
        n += 3;
    }
    t[n] = '\0';
    pen_flush(w);
    roof__out_xml(w->o, t);
}

/* <text x y [anchor] [size] [fill]>; the caller writes the content and
 * "</text>". */
static void text_open(pen *w, double x, double y, const char *anchor,
                      double font, uint32_t color)
{
    PEN_LIT(w, "<text");
    pen_attr(w, "x", x);
    pen_attr(w, "y", y);
    if (anchor != NULL) {
        PEN_LIT(w, " text-anchor=\"");
        pen_str(w, anchor);
        PEN_LIT(w, "\"");
    }
    if (font > 0.0)
        pen_attr(w, "font-size", font);
    if (color != 0) {
        PEN_LIT(w, " fill=\"");
        pen_color(w, color);
        PEN_LIT(w, "\"");
    }
    PEN_LIT(w, ">");
}

static void draw_header(pen *w, const plan *p)
{
    pen_str(w, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" "
               "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"");
    pen_attr(w, "width", p->w);
    pen_attr(w, "height", p->h);
    PEN_LIT(w, " viewBox=\"0 0 ");
    pen_num(w, p->w);
    PEN_LIT(w, " ");
    pen_num(w, p->h);
    PEN_LIT(w, "\" font-family=\"DejaVu Sans,Helvetica,Arial,sans-serif\">\n");
    if (p->c->title != NULL) {
        PEN_LIT(w, "<title>");
        pen_text(w, p->c->title, MAX_TEXT_CP);
        PEN_LIT(w, "</title>\n");
    }
    /* Markers drawn around (0, 0); a <use> sets their place and colour. */
    pen_str(w, "<defs>"
               "<path id=\"roof-m0\" d=\"M-4-4l8 8m0-8l-8 8\" fill=\"none\"/>"
               "<circle id=\"roof-m1\" r=\"3.5\"/>"
               "<rect id=\"roof-m2\" x=\"-3.2\" y=\"-3.2\" width=\"6.4\" height=\"6.4\"/>"
               "<path id=\"roof-m3\" d=\"M0-4.5l4.2 7.5h-8.4z\"/>"
               "<path id=\"roof-m4\" d=\"M-5 0h10M0-5v10\" fill=\"none\"/>"
               "</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
}

/* Gridlines at the labelled ticks, minor ticks at 2..9 x each decade. */
static void draw_grid(pen *w, const plan *p)
{
    PEN_LIT(w, "<path stroke=\"#d9d9d9\" stroke-width=\"0.8\" d=\"");
    for (uint32_t i = 0; i < p->xt.n; i++) {
        PEN_LIT(w, "M");
        pen_num(w, px_of(&p->x, p->xt.v[i]));
        PEN_LIT(w, " ");
        pen_num(w, p->top);
        PEN_LIT(w, "V");
        pen_num(w, p->bottom);
    }
    for (uint32_t i = 0; i < p->yt.n; i++) {
        PEN_LIT(w, "M");
        pen_num(w, p->left);
        PEN_LIT(w, " ");
        pen_num(w, px_of(&p->y, p->yt.v[i]));
        PEN_LIT(w, "H");
        pen_num(w, p->right);
    }
    PEN_LIT(w, "\"/>\n");
}

static void minor_ticks(pen *w, const plan *p, const axis *a, int is_x)
{
    for (double d = floor(a->lo); d < a->hi; d += 1.0) {
        for (int m = 2; m <= 9; m++) {
            double v = m * pow(10.0, d);
            if (!in_axis(a, v))
                continue;
            double q = px_of(a, v);
            PEN_LIT(w, "M");
            pen_num(w, is_x ? q : p->left);
            PEN_LIT(w, " ");
            pen_num(w, is_x ? p->bottom : q);
            pen_str(w, is_x ? "v3" : "h-3");
        }
    }
}

static void draw_ticks(pen *w, const plan *p)
{
    PEN_LIT(w, "<path stroke=\"#000000\" stroke-width=\"0.8\" d=\"");
    for (uint32_t i = 0; i < p->xt.n; i++) {
        PEN_LIT(w, "M");
        pen_num(w, px_of(&p->x, p->xt.v[i]));
        PEN_LIT(w, " ");
        pen_num(w, p->bottom);
        PEN_LIT(w, "v5");
    }
    for (uint32_t i = 0; i < p->yt.n; i++) {
        PEN_LIT(w, "M");
        pen_num(w, p->left);
        PEN_LIT(w, " ");
        pen_num(w, px_of(&p->y, p->yt.v[i]));
        PEN_LIT(w, "h-5");
    }
    if (p->xt.minor)
        minor_ticks(w, p, &p->x, 1);
    if (p->yt.minor)
        minor_ticks(w, p, &p->y, 0);
    PEN_LIT(w, "\"/>\n<rect fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"");
    pen_attr(w, "x", p->left);
    pen_attr(w, "y", p->top);
    pen_attr(w, "width", p->right - p->left);
    pen_attr(w, "height", p->bottom - p->top);
    PEN_LIT(w, "/>\n");
}

static void draw_tick_labels(pen *w, const plan *p)
{
    char b[48];
    PEN_LIT(w, "<g font-size=\"13\" fill=\"#262626\">");
    for (uint32_t i = 0; i < p->xt.n; i++) {
        size_t n = tick_label(p->xt.v[i], 1, b, sizeof b);
        text_open(w, px_of(&p->x, p->xt.v[i]), p->bottom + 8.0 + FONT_TICK,
                  "middle", 0.0, 0);
        pen_mem(w, b, n);
        PEN_LIT(w, "</text>");
    }
    for (uint32_t i = 0; i < p->yt.n; i++) {
        size_t n = tick_label(p->yt.v[i], 0, b, sizeof b);
        text_open(w, p->left - 8.0, px_of(&p->y, p->yt.v[i]) + 0.35 * FONT_TICK,
                  "end", 0.0, 0);
        pen_mem(w, b, n);
        PEN_LIT(w, "</text>");
    }
    PEN_LIT(w, "</g>\n");
}

static void draw_titles(pen *w, const plan *p)
{
    double cx = (p->left + p->right) / 2.0, cy = (p->top + p->bottom) / 2.0;
    text_open(w, cx, p->h - 14.0, "middle", FONT_AXIS, 0);
    PEN_LIT(w, "Operational Intensity (FLOP/Byte)</text>\n<text");
    pen_attr(w, "x", 0.0);
    pen_attr(w, "y", 0.0);
    PEN_LIT(w, " text-anchor=\"middle\" font-size=\"14\" transform=\"translate(");
    pen_num(w, 12.0 + FONT_AXIS);
    PEN_LIT(w, " ");
    pen_num(w, cy);
    PEN_LIT(w, ") rotate(-90)\">Performance (FLOP/s)</text>\n");
    if (p->c->title == NULL)
        return;
    double tx = cx;
    double half = text_w(p->title_cp, p->title_font) / 2.0;
    if (tx - half < 10.0 || tx + half > p->w - 10.0)
        tx = p->w / 2.0; /* too wide to centre over the axes */
    text_open(w, tx, p->top - 16.0, "middle", p->title_font, 0);
    pen_text(w, p->c->title, p->title_cp);
    PEN_LIT(w, "</text>\n");
}

/* Automatic colours: series take the palette in turn, ceilings their
 * kind's colours in turn. */
typedef struct colors {
    uint32_t series, memory, compute;
} colors;

static uint32_t ceiling_color(const roof_chart_ceiling *k, colors *cc)
{
    if (k->kind == ROOF_CEILING_COMPUTE) {
        uint32_t c = compute_colors[cc->compute++ % 3];
        return k->color == ROOF_COLOR_AUTO ? c : k->color;
    }
    uint32_t c = memory_colors[cc->memory++ % 3];
    return k->color == ROOF_COLOR_AUTO ? c : k->color;
}

static uint32_t series_color(const roof_series *s, colors *cc)
{
    if (s->color != ROOF_COLOR_AUTO)
        return s->color;
    return palette[cc->series++ % ROOF_ARRAY_LEN(palette)];
}

static void stroke_open(pen *w, uint32_t color, const char *dash)
{
    PEN_LIT(w, "<path fill=\"none\" stroke-width=\"1.6\" stroke=\"");
    pen_color(w, color);
    if (dash != NULL) {
        PEN_LIT(w, "\" stroke-dasharray=\"");
        pen_str(w, dash);
    }
    PEN_LIT(w, "\" d=\"M");
}

static void segment(pen *w, double x0, double y0, double x1, double y1)
{
    pen_num(w, x0);
    PEN_LIT(w, " ");
    pen_num(w, y0);
    PEN_LIT(w, "L");
    pen_num(w, x1);
    PEN_LIT(w, " ");
    pen_num(w, y1);
    PEN_LIT(w, "\"/>\n");
}

/* Label above a line through (x, y) at angle deg, starting at x. */
static void line_label(pen *w, const char *s, double x, double y, double deg,
                       const char *anchor, uint32_t color)
{
    PEN_LIT(w, "<text transform=\"translate(");
    pen_num(w, x);
    PEN_LIT(w, " ");
    pen_num(w, y);
    if (deg != 0.0) {
        PEN_LIT(w, ") rotate(");
        pen_num(w, deg);
    }
    PEN_LIT(w, ")\" y=\"-5\" font-size=\"13\" text-anchor=\"");
    pen_str(w, anchor);
    PEN_LIT(w, "\" fill=\"");
    pen_color(w, color);
    PEN_LIT(w, "\">");
    pen_text(w, s, MAX_TEXT_CP);
    PEN_LIT(w, "</text>\n");
}

static void draw_compute(pen *w, const plan *p, const roof_chart_ceiling *k,
                         uint32_t color, const char *label)
{
    if (!in_axis(&p->y, k->value))
        return;
    double y = px_of(&p->y, k->value);
    stroke_open(w, color, "6 3");
    segment(w, p->left, y, p->right, y);
    /* Right end, unless the legend sits there: then just past the ridge. */
    if (p->lg.total > 0 && p->lg.corner == 2 && y < p->lg.y + p->lg.h + 20.0) {
        double x = p->ridge > 0.0 ? px_of(&p->x, p->ridge) + 8.0 : p->left + 8.0;
        line_label(w, label, x, y, 0.0, "start", color);
    } else {
        line_label(w, label, p->right - 8.0, y, 0.0, "end", color);
    }
}

static int in_legend(const legend *g, double x, double y)
{
    return g->total > 0 && x >= g->x - 4.0 && x <= g->x + g->w + 4.0
           && y >= g->y - 16.0 && y <= g->y + g->h + 4.0;
}

/* Where along (x0, y0)-(x1, y1), as a fraction, a label of len pixels
 * starts: near the low end (the upper part meets the peak), or further up
 * when the legend would hide it there. */
static double label_spot(const plan *p, double x0, double y0, double x1,
                         double y1, double len)
{
    static const double spots[] = {0.08, 0.25, 0.45, 0.65};
    double d = hypot(x1 - x0, y1 - y0);
    for (size_t i = 0; i < ROOF_ARRAY_LEN(spots); i++) {
        double t0 = spots[i], t1 = t0 + len / d, tm = (t0 + t1) / 2.0;
        if (t1 > 1.0)
            break;
        if (!in_legend(&p->lg, x0 + t0 * (x1 - x0), y0 + t0 * (y1 - y0))
            && !in_legend(&p->lg, x0 + tm * (x1 - x0), y0 + tm * (y1 - y0))
            && !in_legend(&p->lg, x0 + t1 * (x1 - x0), y0 + t1 * (y1 - y0)))
            return t0;
    }
    return spots[0];
}

/* y = value * x is a line of slope 1 in log space: clip it to the box. */
static void draw_memory(pen *w, const plan *p, const roof_chart_ceiling *k,
                        uint32_t color, const char *label)
{
    double b = log10(k->value);
    double a0 = fmax(p->x.lo, p->y.lo - b), a1 = fmin(p->x.hi, p->y.hi - b);
    if (!(a0 < a1))
        return;
    double x0 = p->x.p0 + (a0 - p->x.lo) * p->x.scale;
    double x1 = p->x.p0 + (a1 - p->x.lo) * p->x.scale;
    double y0 = p->y.p0 + (a0 + b - p->y.lo) * p->y.scale;
    double y1 = p->y.p0 + (a1 + b - p->y.lo) * p->y.scale;
    stroke_open(w, color, "6 3");
    segment(w, x0, y0, x1, y1);
    /* A label longer than the visible part would leave the axes (and
     * maybe the canvas); the legend names the line anyway. */
    if (hypot(x1 - x0, y1 - y0) < text_w(utf8_len(label), FONT_CEILING) + 20.0)
        return;
    double deg = atan2(y1 - y0, x1 - x0) * 180.0 / 3.14159265358979;
    double t = label_spot(p, x0, y0, x1, y1, text_w(utf8_len(label), FONT_CEILING));
    line_label(w, label, x0 + t * (x1 - x0), y0 + t * (y1 - y0), deg,
               "start", color);
}

static void draw_ceilings(pen *w, const plan *p)
{
    const roof_chart *c = p->c;
    colors cc = {0, 0, 0};
    char b[64];
    for (uint32_t i = 0; i < c->ceiling_count; i++) {
        const roof_chart_ceiling *k = &c->ceilings[i];
        uint32_t color = ceiling_color(k, &cc);
        const char *label = ceiling_text(k, b, sizeof b);
        if (k->kind == ROOF_CEILING_COMPUTE)
            draw_compute(w, p, k, color, label);
        else
            draw_memory(w, p, k, color, label);
    }
    if (p->ridge > 0.0) {
        double x = px_of(&p->x, p->ridge);
        stroke_open(w, RIDGE_COLOR, "6 3");
        segment(w, x, p->top, x, p->bottom);
    }
}

static void draw_use(pen *w, uint32_t marker, double x, double y)
{
    static const char *const ref[MARKER_COUNT] = {
        "<use xlink:href=\"#roof-m0\"", "<use xlink:href=\"#roof-m1\"",
        "<use xlink:href=\"#roof-m2\"", "<use xlink:href=\"#roof-m3\"",
        "<use xlink:href=\"#roof-m4\"",
    };
    pen_mem(w, ref[marker], sizeof "<use xlink:href=\"#roof-m0\"" - 1);
    PEN_LIT(w, " x=\"");
    pen_num(w, x);
    PEN_LIT(w, "\" y=\"");
    pen_num(w, y);
    PEN_LIT(w, "\"/>\n");
}

static void draw_series(pen *w, const plan *p)
{
    const roof_chart *c = p->c;
    colors cc = {0, 0, 0};
    for (uint32_t i = 0; i < c->series_count; i++) {
        const roof_series *s = &c->series[i];
        uint32_t color = series_color(s, &cc);
        PEN_LIT(w, "<g stroke-width=\"1.4\" stroke=\"");
        pen_color(w, color);
        PEN_LIT(w, "\" fill=\"");
        pen_color(w, color);
        PEN_LIT(w, "\">\n");
        for (uint32_t j = 0; j < s->count; j++) {
            double px, py;
            if (point_px(p, s, j, &px, &py))
                draw_use(w, s->marker, px, py);
        }
        PEN_LIT(w, "</g>\n");
    }
}

/* Top-left corner of legend slot i. */
static void legend_slot(const legend *g, uint32_t i, double *x, double *y)
{
    *x = g->x + g->pad + (i / g->rows) * g->col_w;
    *y = g->y + g->pad + (i % g->rows) * g->row_h;
}

static void legend_entry_text(pen *w, const legend *g, double x, double y,
                              const char *s)
{
    text_open(w, x + g->sample_w + g->font * 0.6,
              y + g->row_h / 2.0 + 0.35 * g->font, NULL, 0.0, 0);
    pen_text(w, s, g->max_cp);
    PEN_LIT(w, "</text>\n");
}

static void legend_more(pen *w, const legend *g)
{
    char b[24];
    double x, y;
    legend_slot(g, g->shown, &x, &y);
    size_t n = roof__fmt_double(b, sizeof b, g->total - g->shown, 10);
    text_open(w, x, y + g->row_h / 2.0 + 0.35 * g->font, NULL, 0.0, 0);
    PEN_LIT(w, "+");
    pen_mem(w, b, n);
    PEN_LIT(w, " more</text>\n");
}

static void draw_legend(pen *w, const plan *p)
{
    const legend *g = &p->lg;
    const roof_chart *c = p->c;
    if (g->total == 0)
        return;
    PEN_LIT(w, "<g id=\"roof-legend\" font-size=\"");
    pen_num(w, g->font);
    PEN_LIT(w, "\" fill=\"#262626\">\n<rect");
    pen_attr(w, "x", g->x);
    pen_attr(w, "y", g->y);
    pen_attr(w, "width", g->w);
    pen_attr(w, "height", g->h);
    pen_str(w, " rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\" "
               "stroke=\"#cccccc\"/>\n");
    colors cc = {0, 0, 0};
    char b[64];
    uint32_t slot = 0;
    for (uint32_t i = 0; i < c->ceiling_count && slot < g->shown; i++, slot++) {
        const roof_chart_ceiling *k = &c->ceilings[i];
        double x, y;
        legend_slot(g, slot, &x, &y);
        stroke_open(w, ceiling_color(k, &cc), "6 3");
        segment(w, x, y + g->row_h / 2.0, x + g->sample_w, y + g->row_h / 2.0);
        legend_entry_text(w, g, x, y, ceiling_text(k, b, sizeof b));
    }
    for (uint32_t i = 0; i < c->series_count && slot < g->shown; i++, slot++) {
        const roof_series *s = &c->series[i];
        double x, y;
        legend_slot(g, slot, &x, &y);
        uint32_t color = series_color(s, &cc);
        PEN_LIT(w, "<g stroke-width=\"1.4\" stroke=\"");
        pen_color(w, color);
        PEN_LIT(w, "\" fill=\"");
        pen_color(w, color);
        PEN_LIT(w, "\">");
        draw_use(w, s->marker, x + g->sample_w / 2.0, y + g->row_h / 2.0);
        PEN_LIT(w, "</g>");
        legend_entry_text(w, g, x, y, s->label);
    }
    if (g->shown < g->total)
        legend_more(w, g);
    PEN_LIT(w, "</g>\n");
}

static int draw(roof__out *o, const void *arg)
{
    const plan *p = arg;
    pen w;
    w.o = o;
    w.n = 0;
    draw_header(&w, p);
    draw_grid(&w, p);
    draw_ceilings(&w, p);
    draw_series(&w, p);
    draw_ticks(&w, p);
    draw_tick_labels(&w, p);
    draw_titles(&w, p);
    draw_legend(&w, p);
    pen_str(&w, "</svg>\n");
    pen_flush(&w);
    return o->failed ? ROOF_E_WRITE : ROOF_OK;
}

int roof_chart_svg(const roof_chart *c, char *buf, size_t cap, size_t *len)
{
    if (c == NULL || buf == NULL)
        return ROOF_E_NULL;
    int rc = validate(c);
    if (rc != ROOF_OK)
        return rc;
    plan p;
    make_plan(c, &p);
    return roof__render_to_buf(draw, &p, buf, cap, len);
}

int roof_chart_svg_write(const roof_chart *c, roof_write_fn fn, void *ctx)
{
    if (c == NULL || fn == NULL)
        return ROOF_E_NULL;
    int rc = validate(c);
    if (rc != ROOF_OK)
        return rc;
    plan p;
    make_plan(c, &p);
    roof__out o = {0};
    o.fn = fn;
    o.ctx = ctx;
    return draw(&o, &p);
}
