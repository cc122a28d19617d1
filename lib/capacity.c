/* Inverse questions on a plan, and utilization.  docs/capacity.md gives
 * each method: a step's time never decreases when a batch or a chunk
 * grows, so the largest size within a budget is found by a monotone
 * search that starts at a guess from the step's slope (most questions
 * end after two or three steps), and the smallest tensor-parallel degree
 * by trying the degrees in order. */
#include "hardware_table-priv.h"
#include "plan-priv.h"
#include "util.h"

#include <math.h>
#include <string.h>

/* The time a question compares with its budget. */
static double time_of(const roof_step_result *r, uint32_t basis)
{
    return basis == ROOF_BASIS_BOUND ? r->seconds
                                     : r->expected_seconds
                                           + r->overhead_seconds;
}

/* One candidate size: ROOF_OK and *r when it was evaluated. */
typedef int (*eval_fn)(const void *ctx, uint32_t x, roof_step_result *r);

typedef struct search {
    eval_fn eval;
    const void *ctx;
    double budget;
    uint32_t basis;
    roof_step_result at; /* the step at the answer */
} search;

static void start(search *s, eval_fn eval, const void *ctx, double budget,
                  uint32_t basis)
{
    memset(s, 0, sizeof *s);
    s->eval = eval;
    s->ctx = ctx;
    s->budget = budget;
    s->basis = basis;
}

/* 1 when x is evaluated and within the budget (at then holds its step);
 * *t gets its time, or +inf when it cannot be evaluated. */
static int fits(search *s, uint32_t x, double *t)
{
    roof_step_result r;
    *t = HUGE_VAL;
    if (s->eval(s->ctx, x, &r) != ROOF_OK)
        return 0;
    *t = time_of(&r, s->basis);
    if (!(*t <= s->budget))
        return 0;
    s->at = r;
    return 1;
}

/* A search's bracket: lo fits (time t_lo), and so did px before it (time
 * pt); up does not (time t_up, +inf when it could not be evaluated), or
 * up = hi + 1 unknown. */
typedef struct bracket {
    uint64_t lo, up, px;
    double t_lo, t_up, pt;
    int have_up, bisect;
} bracket;

/* x from the secant through (x0, t0) and (x1, t1), or lo + 1. */
static uint64_t secant(const search *s, uint64_t x0, double t0, uint64_t x1,
                       double t1, uint64_t lo)
{
    if (!(t1 > t0) || !(t1 < HUGE_VAL) || x1 == x0)
        return 0;
    const double f = (s->budget - t0) / (t1 - t0) * ((double)x1 - (double)x0);
    const double x = (double)x0 + floor(f);
    return x > (double)lo ? (x < 1.8e19 ? (uint64_t)x : UINT64_MAX) : lo + 1;
}

/* The next candidate in (lo, up): while no end above is known, where the
 * secant through the last two sizes that fit reaches the budget (it
 * overshoots a convex time, which brackets the answer), doubling when the
 * time is flat; then interpolated between the ends (regula falsi), or the
 * midpoint after a step that did not halve the bracket. */
static uint64_t next_x(const search *s, const bracket *b)
{
    uint64_t x;
    if (!b->have_up) {
        x = secant(s, b->px, b->pt, b->lo, b->t_lo, b->lo);
        if (x == 0)
            x = 2 * b->lo;
    } else if (b->bisect || !(b->t_up < HUGE_VAL)) {
        x = b->lo + (b->up - b->lo) / 2;
    } else {
        x = secant(s, b->lo, b->t_lo, b->up, b->t_up, b->lo);
    }
    if (x <= b->lo)
        x = b->lo + 1;
    return x >= b->up ? b->up - 1 : x;
}

/* The largest x in [1, hi] that fits, when 1 fits (time t1) and the time
 * at 2 is t2 (+inf when 2 does not fit): secant steps from below, then a
 * safeguarded regula falsi.  With a time affine in x it ends in two
 * evaluations; a convex one takes a few more. */
static uint32_t largest(search *s, uint32_t hi, double t1, double t2)
{
    bracket b = {1, (uint64_t)hi + 1, 1, t1, HUGE_VAL, t1, 0, 0};
    roof_step_result at = s->at;
    if (hi > 1 && t2 <= s->budget) {
        b.lo = 2;
        b.t_lo = t2;
        at = s->at;
    } else if (hi > 1) {
        b.up = 2;
        b.t_up = t2;
        b.have_up = 1;
    }
    while (b.up - b.lo > 1) {
        const uint64_t x = next_x(s, &b), width = b.up - b.lo;
        double t;
        if (fits(s, (uint32_t)x, &t)) {
            b.px = b.lo;
            b.pt = b.t_lo;
            b.lo = x;
            b.t_lo = t;
            at = s->at;
        } else {
            b.up = x;
            b.t_up = t;
            b.have_up = 1;
        }
        b.bisect = b.have_up && 2 * (b.up - b.lo) > width;
    }
    s->at = at;
    return (uint32_t)b.lo;
}

/* Runs a search over [1, hi]: ROOF_E_DOES_NOT_FIT when 1 does not fit. */
static int run(search *s, uint32_t hi, uint32_t *answer,
               roof_step_result *at)
{
    double t1, t2;
    if (!fits(s, 1, &t1))
        return ROOF_E_DOES_NOT_FIT;
    const roof_step_result one = s->at;
    t2 = t1;
    if (hi > 1 && !fits(s, 2, &t2))
        s->at = one;
    *answer = largest(s, hi, t1, t2);
    if (at != NULL)
        *at = s->at;
    return ROOF_OK;
}

static int check_question(const roof_plan *p, double budget, uint32_t basis)
{
    if (p->tag != ROOF_PLAN_TAG || basis > ROOF_BASIS_EXPECTED)
        return ROOF_E_INVALID;
    return roof__is_pos(budget) ? ROOF_OK : ROOF_E_RANGE;
}

/* ---- the largest decode batch -------------------------------------- */

typedef struct decode_ctx {
    const roof_plan *p;
    uint32_t cached;
} decode_ctx;

static int eval_decode(const void *ctx, uint32_t batch, roof_step_result *r)
{
    const decode_ctx *d = ctx;
    return roof_plan_step(d->p, batch, 1, d->cached, r);
}

int roof_plan_max_decode_batch(const roof_plan *p, uint32_t cached_tokens,
                               double budget_seconds, uint32_t basis,
                               uint32_t *batch, roof_step_result *at)
{
    if (p == NULL || batch == NULL)
        return ROOF_E_NULL;
    int rc = check_question(p, budget_seconds, basis);
    if (rc != ROOF_OK)
        return rc;
    const decode_ctx d = {p, cached_tokens};
    search s;
    start(&s, eval_decode, &d, budget_seconds, basis);
    return run(&s, UINT32_MAX, batch, at);
}

/* ---- the largest chunk beside a set of sequences -------------------- */

typedef struct chunk_ctx {
    const roof_plan *p;
    const roof_seq *seqs;
    uint32_t count, cached;
} chunk_ctx;

static int eval_chunk(const void *ctx, uint32_t chunk, roof_step_result *r)
{
    const chunk_ctx *c = ctx;
    const roof_seq extra = {chunk, c->cached};
    return roof__plan_step_extra(c->p, c->seqs, c->count, &extra, r);
}

int roof_plan_max_chunk(const roof_plan *p, const roof_seq *seqs,
                        uint32_t count, uint32_t chunk_cached,
                        double budget_seconds, uint32_t basis,
                        uint32_t *chunk, roof_step_result *at)
{
    if (p == NULL || chunk == NULL || (seqs == NULL && count > 0))
        return ROOF_E_NULL;
    int rc = check_question(p, budget_seconds, basis);
    if (rc != ROOF_OK)
        return rc;
    uint64_t tokens = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (seqs[i].new_tokens == 0)
            return ROOF_E_RANGE;
        tokens += seqs[i].new_tokens;
    }
    if (tokens >= UINT32_MAX)
        return ROOF_E_OVERFLOW;
    const chunk_ctx c = {p, seqs, count, chunk_cached};
    search s;
    start(&s, eval_chunk, &c, budget_seconds, basis);
    return run(&s, (uint32_t)(UINT32_MAX - tokens), chunk, at);
}

/* ---- the smallest tensor-parallel degree ----------------------------- */

/* The memory of batch sequences of `context` tokens on one device. */
static int memory_of(const roof_model *m, const roof_workload *w,
                     const roof_hardware *hw, uint32_t batch,
                     uint32_t context, roof_memory *out)
{
    roof_request q;
    int rc = roof_request_init(batch, context, 1, &q);
    if (rc != ROOF_OK)
        return rc;
    q.workload = *w;
    q.workload.batch = batch;
    return roof_memory_footprint(m, hw, &q, out);
}

/* A step's model totals as a roof_step_result. */
static void result_of(const roof_totals *t, const roof_workload *w,
                      roof_step_result *r)
{
    const roof_sum *s = &t->model;
    memset(r, 0, sizeof *r);
    r->seconds = s->seconds;
    r->expected_seconds = s->expected_seconds;
    r->overhead_seconds = t->overhead_seconds;
    r->flops = s->flops;
    r->bytes = s->bytes;
    r->weight_bytes = s->weight_bytes;
    r->act_bytes = s->act_bytes;
    r->kv_bytes = s->kv_bytes;
    r->comm_bytes = s->comm_bytes;
    r->compute_seconds = s->compute_seconds;
    r->memory_seconds = s->memory_seconds;
    r->comm_seconds = s->comm_seconds;
    memcpy(r->bound_seconds, s->bound_seconds, sizeof r->bound_seconds);
    r->tokens = (double)w->batch * w->new_tokens;
    r->bound = s->bound;
    r->dominant_op = s->dominant_op;
    r->sequences = w->batch;
}

/* The prefill at degree t (roof_step_calibrated: one step, no plan to
 * prepare): ROOF_OK with *r when it exists and fits. */
static int try_degree(const roof_model *m, const roof_workload *w0,
                      const roof_hardware *hw, const roof_calibration *cal,
                      uint32_t t, roof_step_result *r)
{
    roof_workload w = *w0;
    w.tensor_parallel = t;
    roof_totals tot;
    int rc = roof_step_calibrated(m, &w, hw, NULL, cal, &tot);
    if (rc == ROOF_OK)
        result_of(&tot, &w, r);
    roof_memory mem;
    if (rc == ROOF_OK)
        rc = memory_of(m, &w, hw, w0->batch, w0->new_tokens, &mem);
    if (rc == ROOF_OK && !mem.fits)
        rc = ROOF_E_DOES_NOT_FIT;
    return rc;
}

int roof_min_tensor_parallel(const roof_model *m, const roof_workload *w,
                             const roof_hardware *hw,
                             const roof_calibration *cal, uint32_t batch,
                             uint32_t prompt_tokens, double ttft_seconds,
                             uint32_t basis, uint32_t max_tp, uint32_t *tp,
                             roof_step_result *at)
{
    if (m == NULL || w == NULL || hw == NULL || tp == NULL)
        return ROOF_E_NULL;
    if (basis > ROOF_BASIS_EXPECTED)
        return ROOF_E_INVALID;
    if (!roof__is_pos(ttft_seconds) || batch == 0 || prompt_tokens == 0
        || max_tp == 0)
        return ROOF_E_RANGE;
    roof_workload q = *w;
    q.batch = batch;
    q.new_tokens = prompt_tokens;
    for (uint32_t t = 1; t <= max_tp; t++) {
        roof_step_result r;
        const int rc = try_degree(m, &q, hw, cal, t, &r);
        /* the inputs' own errors show at t = 1; later degrees that the
           heads or the device do not allow are skipped */
        if (t == 1 && rc != ROOF_OK && rc != ROOF_E_DOES_NOT_FIT)
            return rc;
        if (rc == ROOF_OK && time_of(&r, basis) <= ttft_seconds) {
            *tp = t;
            if (at != NULL)
                *at = r;
            return ROOF_OK;
        }
    }
    return ROOF_E_DOES_NOT_FIT;
}

/* ---- the best decode throughput -------------------------------------- */

typedef struct memory_ctx {
    const roof_plan *p;
    uint32_t context;
    double bytes; /* at the last batch that fitted */
} memory_ctx;

/* 1 when `batch` sequences fit the device's memory. */
static int memory_fits(memory_ctx *c, uint32_t batch)
{
    roof_memory mem;
    const roof_plan *p = c->p;
    if (memory_of(&p->model, &p->workload, &p->hardware, batch, c->context,
                  &mem) != ROOF_OK || !mem.fits)
        return 0;
    c->bytes = mem.total_bytes;
    return 1;
}

/* The largest batch that fits in memory (at most hi), by bisection. */
static uint32_t memory_batch(memory_ctx *c, uint32_t hi)
{
    uint64_t lo = 1, up = (uint64_t)hi + 1;
    while (up - lo > 1) {
        const uint64_t mid = lo + (up - lo) / 2;
        if (memory_fits(c, (uint32_t)mid))
            lo = mid;
        else
            up = mid;
    }
    (void)memory_fits(c, (uint32_t)lo);
    return (uint32_t)lo;
}

int roof_plan_max_decode_throughput(const roof_plan *p,
                                    uint32_t cached_tokens,
                                    double tpot_seconds, uint32_t basis,
                                    roof_throughput *out)
{
    if (p == NULL || out == NULL)
        return ROOF_E_NULL;
    int rc = check_question(p, tpot_seconds, basis);
    if (rc != ROOF_OK)
        return rc;
    uint32_t by_time;
    roof_step_result at;
    rc = roof_plan_max_decode_batch(p, cached_tokens, tpot_seconds, basis,
                                    &by_time, &at);
    memory_ctx mc = {p, cached_tokens > 0 ? cached_tokens : 1u, 0.0};
    if (rc != ROOF_OK)
        return rc;
    if (!memory_fits(&mc, 1))
        return ROOF_E_DOES_NOT_FIT;
    roof_throughput t;
    memset(&t, 0, sizeof t);
    t.limit = 1;
    t.batch = by_time;
    if (!memory_fits(&mc, by_time)) {
        t.batch = memory_batch(&mc, by_time);
        t.limit = 2;
        (void)roof_plan_step(p, t.batch, 1, cached_tokens, &at);
    }
    t.step = at;
    t.step_seconds = time_of(&at, basis);
    t.tokens_per_s = t.batch / t.step_seconds;
    t.memory_bytes = mc.bytes;
    *out = t;
    return ROOF_OK;
}

/* ---- utilization ------------------------------------------------------ */

int roof_plan_utilization(const roof_plan *p, const roof_step_result *r,
                          double measured_seconds, double *mfu, double *mbu)
{
    if (p == NULL || r == NULL || mfu == NULL || mbu == NULL)
        return ROOF_E_NULL;
    if (p->tag != ROOF_PLAN_TAG)
        return ROOF_E_INVALID;
    if (!roof__is_pos(measured_seconds) || !roof__is_nonneg(r->flops)
        || !roof__is_nonneg(r->bytes))
        return ROOF_E_RANGE;
    double peak;
    (void)roof__hardware_peak(&p->hardware, p->workload.precision, &peak);
    *mfu = r->flops / (measured_seconds * peak);
    *mbu = r->bytes / (measured_seconds * p->hardware.dram_bytes_per_s);
    return ROOF_OK;
}
