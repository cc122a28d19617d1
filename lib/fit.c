/* Fitting calibration profiles: the offline robust fit and the online
 * updater.  docs/calibration.md describes both. */
#include "calibration-priv.h"
#include "hardware_table-priv.h"

#include <math.h>
#include <string.h>

#define MIN_SAMPLES 8u
#define MIN_SPAN 4.0        /* bound times must span this factor */
#define HUBER_DELTA 0.1     /* in log(expected / measured) */
#define START_STEP 0.5      /* pattern search step, in log units */
#define END_STEP 1e-4
#define MAX_SWEEPS 4000u
#define RESTARTS 8
#define PARAMS ROOF__COEFS            /* floor, compute, memory, row, masked */

/* A kind's samples as the model sees them, with the hardware's roofs. */
typedef struct fit_set {
    const roof_kernel_sample *samples;
    uint32_t count;
    uint32_t kind;
    double inv_dram, inv_link;
    double inv_peak[ROOF_PRECISION_COUNT];
} fit_set;

static void terms_of(const fit_set *f, const roof_kernel_sample *s,
                     roof_kernel_terms *t)
{
    memset(t, 0, sizeof *t);
    t->kind = s->kind;
    t->compute_seconds = s->flops * f->inv_peak[s->precision];
    t->memory_seconds = s->bytes * (s->kind == ROOF_KERNEL_COMM
                                        ? f->inv_link : f->inv_dram);
    t->row_bytes = s->bytes / s->rows;
    t->masked_extra = s->masked_extra;
    t->launches = s->launches;
}

static double huber(double r)
{
    const double a = fabs(r);
    return a <= HUBER_DELTA ? 0.5 * r * r : HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
}

static double loss(const fit_set *f, const roof_kernel_coef *c)
{
    double sum = 0.0;
    for (uint32_t i = 0; i < f->count; i++) {
        const roof_kernel_sample *s = &f->samples[i];
        if (s->kind != f->kind)
            continue;
        roof_kernel_terms t;
        terms_of(f, s, &t);
        sum += huber(log(roof__kernel_eval(c, &t) / s->measured_seconds));
    }
    return sum;
}


/* The largest value coefficient p may take. */
static double coef_max(int p)
{
    static const double max[PARAMS] = {1.0, 1.0, ROOF__CAL_MAX_FRACTION,
                                       1e15, 1.0};
    return max[p];
}

static double coef_min(int p)
{
    static const double min[PARAMS] = {1e-9, ROOF__CAL_MIN_FRACTION,
                                       ROOF__CAL_MIN_FRACTION, 1e3, 1e-6};
    return min[p];
}

/* Moves coefficient p by a factor exp(step) within its range; 0 when it
 * is already at that edge. */
static int nudge(roof_kernel_coef *c, int p, double step)
{
    double *x = roof__coef_at(c, p);
    double v = *x * exp(step);
    v = v > coef_max(p) ? coef_max(p) : (v < coef_min(p) ? coef_min(p) : v);
    if (v == *x)
        return 0;
    *x = v;
    return 1;
}

/* Tries each active coefficient up and down by step; keeps the first
 * improvement of each.  Returns 1 when anything improved. */
static int sweep(const fit_set *f, roof_kernel_coef *c, const int *active,
                 double step, double *best)
{
    int improved = 0;
    for (int p = 0; p < PARAMS; p++) {
        for (int dir = -1; active[p] && dir <= 1; dir += 2) {
            roof_kernel_coef trial = *c;
            if (!nudge(&trial, p, dir * step))
                continue;
            const double l = loss(f, &trial);
            if (l < *best) {
                *best = l;
                *c = trial;
                improved = 1;
                break;
            }
        }
    }
    return improved;
}

/* The pattern point of Hooke and Jeeves: from `from` through `to` as far
 * again (in log space, each coefficient within its range). */
static roof_kernel_coef pattern(const roof_kernel_coef *from,
                                const roof_kernel_coef *to, const int *active)
{
    roof_kernel_coef p = *to, a = *from;
    for (int i = 0; i < PARAMS; i++) {
        if (active[i])
            (void)nudge(&p, i, log(*roof__coef_at(&p, i) / *roof__coef_at(&a, i)));
    }
    return p;
}

/* Hooke-Jeeves pattern search on the logarithms of the active
 * coefficients: explore each coordinate, then jump along the direction
 * that improved while it keeps improving; halve the step when nothing
 * does. */
/* One Hooke-Jeeves search from *c; returns the loss it reaches. */
static double search(const fit_set *f, roof_kernel_coef *c, const int *active)
{
    double best = loss(f, c), step = START_STEP;
    for (uint32_t n = 0; n < MAX_SWEEPS && step >= END_STEP; n++) {
        roof_kernel_coef base = *c;
        if (!sweep(f, c, active, step, &best)) {
            step *= 0.5;
            continue;
        }
        for (uint32_t k = 0; k < MAX_SWEEPS; k++) {
            roof_kernel_coef jump = pattern(&base, c, active);
            double l = loss(f, &jump);
            (void)sweep(f, &jump, active, step, &l);
            if (!(l < best))
                break;
            base = *c;
            *c = jump;
            best = l;
        }
    }
    return best;
}

/* Hooke-Jeeves pattern search on the logarithms of the active
 * coefficients: explore each coordinate, then jump along the direction
 * that improved while it keeps improving; halve the step when nothing
 * does.  Restarted from its result with a full step while that still
 * lowers the loss: valleys where a floor trades against a bandwidth stall
 * a single search. */
static void fit_kind(const fit_set *f, roof_kernel_coef *c)
{
    int active[PARAMS];
    for (int p = 0; p < PARAMS; p++)
        active[p] = *roof__coef_at(c, p) > 0.0;
    double best = search(f, c, active);
    for (int r = 0; r < RESTARTS; r++) {
        roof_kernel_coef again = *c;
        const double l = search(f, &again, active);
        if (!(l < best))
            break;
        *c = again;
        best = l;
    }
}

/* Sorts x[0..n) ascending in place (heapsort: no allocation). */
static void sift(double *x, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && x[child + 1] > x[child])
            child++;
        if (x[root] >= x[child])
            return;
        const double t = x[root];
        x[root] = x[child];
        x[child] = t;
    }
}

static void sort_doubles(double *x, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift(x, i, n);
    for (size_t end = n; end-- > 1;) {
        const double t = x[0];
        x[0] = x[end];
        x[end] = t;
        sift(x, 0, end);
    }
}

/* The p-quantile of sorted x[0..n), interpolated; 0 when n == 0. */
static double quantile(const double *x, size_t n, double p)
{
    if (n == 0)
        return 0.0;
    const double at = (double)(n - 1) * p;
    const size_t lo = (size_t)at, hi = lo + 1 < n ? lo + 1 : lo;
    return x[lo] + (x[hi] - x[lo]) * (at - (double)lo);
}

/* Errors of every sample of `kind` (all kinds when kind is COUNT) into
 * ws, and their quality. */
static void quality(const fit_set *f, const roof_calibration *cal,
                    uint32_t kind, double *ws, roof_fit_quality *q)
{
    size_t n = 0;
    uint32_t below = 0;
    for (uint32_t i = 0; i < f->count; i++) {
        const roof_kernel_sample *s = &f->samples[i];
        if (kind != ROOF_KERNEL_KIND_COUNT && s->kind != kind)
            continue;
        roof_kernel_terms t;
        terms_of(f, s, &t);
        const double e = roof__kernel_eval(&cal->kind[s->kind], &t);
        const double bound = fmax(t.compute_seconds, t.memory_seconds);
        below += s->measured_seconds < bound;
        ws[n++] = fabs(e - s->measured_seconds) / s->measured_seconds;
    }
    sort_doubles(ws, n);
    memset(q, 0, sizeof *q);
    q->samples = (uint32_t)n;
    q->median_error = quantile(ws, n, 0.5);
    q->p90_error = quantile(ws, n, 0.9);
    q->below_bound = n > 0 ? (double)below / (double)n : 0.0;
}

static int sample_ok(const roof_kernel_sample *s)
{
    return roof__is_nonneg(s->flops) && roof__is_pos(s->bytes)
           && s->rows >= 1.0 && s->rows <= ROOF_MAX_VALUE
           && roof__is_nonneg(s->masked_extra) && s->launches >= 1.0
           && s->launches <= 1e6 && s->measured_seconds >= 1e-12
           && s->measured_seconds <= 1e6;
}

static int check_sample(const roof_kernel_sample *s, const fit_set *f)
{
    if (s->kind >= ROOF_KERNEL_KIND_COUNT
        || s->precision >= ROOF_PRECISION_COUNT
        || s->reserved[0] != 0.0 || s->reserved[1] != 0.0)
        return ROOF_E_INVALID;
    if (!sample_ok(s))
        return ROOF_E_RANGE;
    if (s->kind == ROOF_KERNEL_COMM ? f->inv_link == 0.0
                                    : (s->flops > 0.0
                                       && f->inv_peak[s->precision] == 0.0))
        return ROOF_E_UNSUPPORTED;
    return ROOF_OK;
}

static void set_roofs(const roof_hardware *hw, fit_set *f)
{
    f->inv_dram = 1.0 / hw->dram_bytes_per_s;
    f->inv_link = hw->interconnect_bytes_per_s > 0.0
                      ? 1.0 / hw->interconnect_bytes_per_s : 0.0;
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        double peak;
        f->inv_peak[p] = roof__hardware_peak_wide(hw, p, &peak) == ROOF_OK
                             ? 1.0 / peak : 0.0;
    }
}

/* ROOF_E_DEGENERATE when kind's samples cannot determine its terms. */
static int determined(const fit_set *f, uint32_t kind, uint32_t *n)
{
    double lo = HUGE_VAL, hi = 0.0;
    *n = 0;
    for (uint32_t i = 0; i < f->count; i++) {
        const roof_kernel_sample *s = &f->samples[i];
        if (s->kind != kind)
            continue;
        roof_kernel_terms t;
        terms_of(f, s, &t);
        const double b = fmax(t.compute_seconds, t.memory_seconds);
        lo = fmin(lo, b);
        hi = fmax(hi, b);
        (*n)++;
    }
    if (*n == 0)
        return ROOF_OK;
    return *n >= MIN_SAMPLES && hi >= MIN_SPAN * lo ? ROOF_OK
                                                   : ROOF_E_DEGENERATE;
}

static int check_all(const roof_kernel_sample *samples, uint32_t count,
                     fit_set *f)
{
    for (uint32_t i = 0; i < count; i++) {
        int rc = check_sample(&samples[i], f);
        if (rc != ROOF_OK)
            return rc;
    }
    return ROOF_OK;
}

static int check_inputs(uint32_t count,
                        const roof_hardware *hw, const roof_calibration *start,
                        size_t workspace_len)
{
    int rc = roof_hardware_validate(hw);
    if (rc == ROOF_OK)
        rc = roof_calibration_validate(start) == ROOF_OK ? ROOF_OK
                                                         : ROOF_E_INVALID;
    if (rc == ROOF_OK && (count == 0 || workspace_len < ROOF_FIT_WORKSPACE(count)))
        rc = ROOF_E_RANGE;
    return rc;
}

/* Checks the inputs and sets the samples' roofs up: both entry points. */
static int open_set(const roof_kernel_sample *samples, uint32_t count,
                    const roof_hardware *hw, const roof_calibration *cal,
                    size_t workspace_len, fit_set *f)
{
    int rc = check_inputs(count, hw, cal, workspace_len);
    memset(f, 0, sizeof *f);
    f->samples = samples;
    f->count = count;
    if (rc == ROOF_OK) {
        set_roofs(hw, f);
        rc = check_all(samples, count, f);
    }
    return rc;
}

/* Every kind's errors under cal, and all samples' together. */
static void report_of(const fit_set *f, const roof_calibration *cal,
                      double *workspace, roof_fit_report *rep)
{
    roof_fit_quality all;
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++)
        quality(f, cal, k, workspace, &rep->kind[k]);
    quality(f, cal, ROOF_KERNEL_KIND_COUNT, workspace, &all);
    rep->samples = f->count;
    rep->median_error = all.median_error;
    rep->p90_error = all.p90_error;
}

/* Fits every kind that has samples; ROOF_E_DEGENERATE names the first
 * kind whose samples cannot determine its terms in *bad. */
static int fit_all(fit_set *f, roof_calibration *cal, uint32_t *bad,
                   uint32_t fitted[ROOF_KERNEL_KIND_COUNT])
{
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        uint32_t n;
        if (determined(f, k, &n) != ROOF_OK) {
            *bad = k;
            return ROOF_E_DEGENERATE;
        }
        f->kind = k;
        if (n > 0)
            fit_kind(f, &cal->kind[k]);
        fitted[k] = n > 0;
    }
    return ROOF_OK;
}

int roof_calibration_fit(const roof_kernel_sample *samples, uint32_t count,
                         const roof_hardware *hw,
                         const roof_calibration *start, double *workspace,
                         size_t workspace_len, roof_calibration *out,
                         roof_fit_report *report)
{
    if (samples == NULL || hw == NULL || start == NULL || workspace == NULL
        || out == NULL)
        return ROOF_E_NULL;
    fit_set f;
    int rc = open_set(samples, count, hw, start, workspace_len, &f);
    if (rc != ROOF_OK)
        return rc;
    roof_fit_report rep;
    memset(&rep, 0, sizeof rep);
    roof_calibration cal = *start;
    uint32_t fitted[ROOF_KERNEL_KIND_COUNT];
    if (fit_all(&f, &cal, &rep.bad_kind, fitted) != ROOF_OK) {
        if (report != NULL) {
            memset(report, 0, sizeof *report);
            report->bad_kind = rep.bad_kind;
        }
        return ROOF_E_DEGENERATE;
    }
    report_of(&f, &cal, workspace, &rep);
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++)
        rep.kind[k].fitted = fitted[k];
    memset(cal.device, 0, sizeof cal.device);
    memcpy(cal.device, hw->name, strlen(hw->name) < sizeof cal.device
                                     ? strlen(hw->name) : sizeof cal.device - 1);
    cal.origin = ROOF_CAL_FITTED;
    *out = cal;
    if (report != NULL)
        *report = rep;
    return ROOF_OK;
}

int roof_calibration_score(const roof_kernel_sample *samples, uint32_t count,
                           const roof_hardware *hw, const roof_calibration *cal,
                           double *workspace, size_t workspace_len,
                           roof_fit_report *report)
{
    if (samples == NULL || hw == NULL || cal == NULL || workspace == NULL
        || report == NULL)
        return ROOF_E_NULL;
    fit_set f;
    int rc = open_set(samples, count, hw, cal, workspace_len, &f);
    if (rc != ROOF_OK)
        return rc;
    roof_fit_report rep;
    memset(&rep, 0, sizeof rep);
    report_of(&f, cal, workspace, &rep);
    *report = rep;
    return ROOF_OK;
}

/* ---- online ----------------------------------------------------------- */

#define OUTLIER_FACTOR 6.0
#define OUTLIER_AFTER 8u

int roof_online_init(uint32_t warmup, double forget, roof_online *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    if (!(forget >= 0.5 && forget <= 1.0))
        return ROOF_E_RANGE;
    memset(out, 0, sizeof *out);
    out->warmup = warmup;
    out->forget = forget;
    return ROOF_OK;
}

/* a and b of the weighted least-squares line; 0 when undetermined. */
static int online_line(const roof_online *o, double *a, double *b)
{
    const double det = o->sw * o->sxx - o->sx * o->sx;
    if (o->used < 2 || !(det > 1e-12 * o->sw * o->sxx))
        return 0;
    *a = (o->sw * o->sxy - o->sx * o->sy) / det;
    *b = (o->sy - *a * o->sx) / o->sw;
    return 1;
}

static int online_state_ok(const roof_online *o)
{
    return o->forget >= 0.5 && o->forget <= 1.0 && o->sw >= 0.0
           && roof__is_nonneg(o->mean_abs_residual) && o->used <= o->seen;
}

static int is_outlier(const roof_online *o, double x, double y)
{
    double a, b;
    if (o->used < OUTLIER_AFTER || !online_line(o, &a, &b))
        return 0;
    return fabs(y - (a * x + b)) > OUTLIER_FACTOR * o->mean_abs_residual;
}

static void online_take(roof_online *o, double x, double y)
{
    double a, b;
    if (online_line(o, &a, &b)) {
        const double r = fabs(y - (a * x + b));
        o->mean_abs_residual = 0.9 * o->mean_abs_residual + 0.1 * r;
    } else {
        o->mean_abs_residual = 0.1 * y;
    }
    const double k = o->forget;
    o->sw = k * o->sw + 1.0;
    o->sx = k * o->sx + x;
    o->sy = k * o->sy + y;
    o->sxx = k * o->sxx + x * x;
    o->sxy = k * o->sxy + x * y;
    o->used++;
}

int roof_online_add(roof_online *o, double predicted_seconds,
                    double measured_seconds, uint32_t *used)
{
    if (o == NULL)
        return ROOF_E_NULL;
    if (!online_state_ok(o))
        return ROOF_E_INVALID;
    if (!(predicted_seconds >= 1e-12 && predicted_seconds <= 1e6)
        || !(measured_seconds >= 1e-12 && measured_seconds <= 1e6))
        return ROOF_E_RANGE;
    uint32_t took = 0;
    o->seen += o->seen < UINT32_MAX;
    if (o->seen > o->warmup) {
        if (is_outlier(o, predicted_seconds, measured_seconds))
            o->rejected++;
        else {
            online_take(o, predicted_seconds, measured_seconds);
            took = 1;
        }
    }
    if (used != NULL)
        *used = took;
    return ROOF_OK;
}

/* base with every kernel time scaled by a. */
static void scale_profile(roof_calibration *c, double a)
{
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        roof_kernel_coef *e = &c->kind[k];
        e->floor_seconds *= a;
        e->compute_fraction /= a;
        e->memory_fraction /= a;
        e->row_bytes_per_s /= a;
    }
}

int roof_online_profile(const roof_online *o, const roof_calibration *base,
                        roof_calibration *out)
{
    if (o == NULL || base == NULL || out == NULL)
        return ROOF_E_NULL;
    int rc = roof_calibration_validate(base);
    if (rc != ROOF_OK)
        return rc;
    double a, b;
    if (!online_state_ok(o) || !online_line(o, &a, &b))
        return ROOF_E_DEGENERATE;
    if (!(a > 0.0))
        return ROOF_E_RANGE;
    roof_calibration c = *base;
    scale_profile(&c, a);
    c.step_overhead_seconds = b > 0.0 ? b : 0.0;
    if (roof_calibration_validate(&c) != ROOF_OK)
        return ROOF_E_RANGE;
    *out = c;
    return ROOF_OK;
}
