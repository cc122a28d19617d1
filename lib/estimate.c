/* Model-level answers built on roof_ops(): time to first token, decode time
 * in closed form, memory footprint, what fits, tensor and pipeline
 * parallelism.  docs/estimate.md derives every formula used here. */
#include "hardware_table-priv.h"
#include "ops-priv.h"
#include "calibration-priv.h"
#include "shape-priv.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

int roof_request_init(uint32_t batch, uint32_t prompt_tokens,
                      uint32_t gen_tokens, roof_request *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    if (batch == 0 || prompt_tokens == 0 || gen_tokens == 0
        || (uint64_t)prompt_tokens + gen_tokens > UINT32_MAX)
        return ROOF_E_RANGE;
    roof_request r;
    memset(&r, 0, sizeof r);
    int rc = roof_workload_prefill(batch, prompt_tokens, &r.workload);
    if (rc != ROOF_OK)
        return rc;
    r.prompt_tokens = prompt_tokens;
    r.gen_tokens = gen_tokens;
    r.pipeline_parallel = 1;
    r.microbatches = 1;
    r.efficiency.compute = 1.0;
    r.efficiency.memory = 1.0;
    r.efficiency.interconnect = 1.0;
    *out = r;
    return ROOF_OK;
}

int roof_request_validate(const roof_request *r)
{
    if (r == NULL)
        return ROOF_E_NULL;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(r->reserved); i++) {
        if (r->reserved[i] != 0)
            return ROOF_E_INVALID;
    }
    if (r->prompt_tokens == 0 || r->gen_tokens == 0
        || r->pipeline_parallel == 0 || r->microbatches == 0
        || (uint64_t)r->prompt_tokens + r->gen_tokens > UINT32_MAX)
        return ROOF_E_RANGE;
    if (!roof__is_nonneg(r->activation_reserve)
        || !(r->activation_reserve < 1.0))
        return ROOF_E_RANGE;
    int rc = roof_efficiency_validate(&r->efficiency);
    if (rc != ROOF_OK)
        return rc;
    /* The step fields are ignored: validate the rest with legal ones. */
    roof_workload w = r->workload;
    w.new_tokens = 1;
    w.cached_tokens = 0;
    rc = roof_workload_validate(&w);
    if (rc != ROOF_OK)
        return rc;
    if (r->microbatches > w.batch)
        return ROOF_E_INVALID;
    return ROOF_OK;
}

/* The checks that need the model as well as the request. */
static int check_against_model(const roof_model *m, const roof_request *r)
{
    if (r->pipeline_parallel > m->layers
        || !roof__shape_tp_ok(m, r->workload.tensor_parallel))
        return ROOF_E_INVALID;
    if (m->group_count > 0 && r->pipeline_parallel > 1)
        return ROOF_E_UNSUPPORTED; /* which layers a stage holds: unknown */
    return ROOF_OK;
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

/* The K/V cache of one sequence over some of a stage's layers: `rate`
 * bytes per cached token, for at most `cap` tokens (a window or a chunk;
 * 0 = every token).  A recurrent state (Mamba-2) is `rate` bytes capped
 * at one token: the same whatever the context. */
typedef struct kv_piece {
    double rate;
    double cap;
} kv_piece;

/* One pipeline stage as a function of the batch b and the context c:
 *   bytes(b, c) = weight + b * sum(rate * min(c, cap))
 *                 + ceil(b / m) * act_per_seq. */
typedef struct mem_stage {
    double weight_bytes;
    kv_piece kv[ROOF_MAX_GROUPS]; /* one per layer group */
    uint32_t kv_pieces;
    double act_bytes_per_seq;  /* one sequence of a micro-batch */
} mem_stage;

/* The stages that can be the largest: the first (embedding), a middle one
 * with the most layers, the last (final norm and lm_head). */
typedef struct mem_plan {
    mem_stage stage[3];
    uint32_t stages;
    uint32_t microbatches;
    double capacity_bytes;
} mem_plan;


/* Peak transient activations of one sequence's prefill, in elements per
 * device: the residual stream, plus the largest of the attention
 * projections' live tensors, the unfused score matrix, the MLP's live
 * tensors and (last stage) the logits of the last position. */
/* The widest MLP a token passes through on one device: the model's dense
 * width plus its experts, or a layer group's own dense width. */
static double widest_mlp(const roof__shape *sh, const roof_model *m)
{
    double widest = sh->dense + sh->topk * sh->expert;
    for (uint32_t g = 0; g < m->group_count; g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, sh, g, &gs);
        widest = gs.dense > widest ? gs.dense : widest;
    }
    return widest;
}

static double act_elems_per_seq(const roof__shape *sh, const roof_model *m,
                                const roof_request *r, int last_stage)
{
    const double s = r->prompt_tokens;
    const double h = m->hidden;
    const double qkv = s * (h + sh->q_width + 2.0 * sh->kv_width);
    double peak = qkv;
    if (r->workload.attention == ROOF_ATTN_UNFUSED) {
        const double scores = 2.0 * sh->heads * s * s; /* scores + softmax */
        peak = scores > peak ? scores : peak;
    }
    const double lanes = sh->mlp_mats;
    const double mlp = s * (h + lanes * widest_mlp(sh, m));
    peak = mlp > peak ? mlp : peak;
    if (last_stage)
        peak = sh->vocab_rows > peak ? sh->vocab_rows : peak;
    return s * h + peak;
}

/* Layers of stage j when L layers are split as evenly as possible over p
 * stages, the first L % p stages taking one more. */
static uint32_t stage_layers(uint32_t L, uint32_t p, uint32_t j)
{
    return L / p + (j < L % p ? 1u : 0u);
}

/* Every layer of a model with groups (one stage: pipeline parallelism
 * with groups is refused): each group's weights, and its cache capped by
 * its window or chunk. */
static void group_weights_and_cache(const roof_model *m,
                                    const roof__shape *sh,
                                    const roof_workload *w, mem_stage *st)
{
    const double ab = w->activation_bits / 8.0;
    roof__wbytes wb;
    roof__shape_wbytes(m, w, &wb);
    st->kv_pieces = m->group_count;
    for (uint32_t g = 0; g < m->group_count; g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, sh, g, &gs);
        st->weight_bytes += gs.layers * roof__shape_group_bytes(&gs, &wb, ab);
        st->kv[g].rate = gs.layers * gs.kv_elems_per_token
                         * (w->kv_bits / 8.0);
        st->kv[g].cap = gs.window;
        if (gs.state_elems_per_seq > 0.0) { /* a state per sequence: one
                                                token's worth, capped at 1 */
            st->kv[g].rate = gs.layers * gs.state_elems_per_seq
                             * (w->kv_bits / 8.0);
            st->kv[g].cap = 1.0;
        }
    }
}

static void fill_stage(const roof_model *m, const roof_request *r,
                       uint32_t j, mem_stage *st)
{
    const roof_workload *w = &r->workload;
    const uint32_t p = r->pipeline_parallel;
    const double layers = stage_layers(m->layers, p, j);
    roof__shape sh;
    /* The request was checked against the model: t is allowed. */
    (void)roof__shape_init(m, w->tensor_parallel, &sh);
    roof__wbytes wb;
    roof__shape_wbytes(m, w, &wb);
    double ends = 0.0;
    if (j == 0)
        ends += sh.embed_params * wb.embed;
    /* Tied weights are shared only when one stage holds both ends. */
    if (j == p - 1 && (!m->tied_embeddings || p > 1))
        ends += sh.lm_head_params * wb.head;
    const double ab = w->activation_bits / 8.0;
    st->weight_bytes = ends;
    if (m->group_count > 0) {
        group_weights_and_cache(m, &sh, w, st);
    } else {
        st->weight_bytes = layers * roof__shape_layer_bytes(&sh, &wb, ab)
                           + st->weight_bytes;
        st->kv[0].rate = roof__shape_kv_bytes_per_token(&sh, layers,
                                                        w->kv_bits / 8.0);
        st->kv[0].cap = m->sliding_window;
        st->kv_pieces = 1;
    }
    if (j == p - 1)
        st->weight_bytes += sh.norm_gains * ab;
    st->act_bytes_per_seq = act_elems_per_seq(&sh, m, r, j == p - 1)
                            * (w->activation_bits / 8.0);
}

static void plan_memory(const roof_model *m, const roof_hardware *hw,
                        const roof_request *r, mem_plan *plan)
{
    const uint32_t p = r->pipeline_parallel;
    uint32_t n = 0;
    fill_stage(m, r, 0, &plan->stage[n++]);
    if (p > 2)
        fill_stage(m, r, 1, &plan->stage[n++]);
    if (p > 1)
        fill_stage(m, r, p - 1, &plan->stage[n++]);
    plan->stages = n;
    plan->microbatches = r->microbatches;
    plan->capacity_bytes = hw->memory_bytes * (1.0 - r->activation_reserve);
}

/* Sequences in one micro-batch: ceil(batch / m), batch a whole number
 * below 2^53. */
static double micro_batch(double batch, uint32_t microbatches)
{
    return (double)(((uint64_t)batch + microbatches - 1) / microbatches);
}

/* The stage's K/V cache for `batch` sequences of `context` tokens. */
static double stage_kv(const mem_stage *st, double batch, double context)
{
    double kv = 0.0;
    for (uint32_t i = 0; i < st->kv_pieces; i++) {
        const double cap = st->kv[i].cap;
        const double held = cap > 0.0 && cap < context ? cap : context;
        kv += batch * held * st->kv[i].rate;
    }
    return kv;
}

/* The largest whole context c <= 2^32 - 1 whose cache for `batch`
 * sequences fits in `room` bytes (-1 when not even c = 0 does): the cache
 * grows with c, so a bisection of 32 steps finds it. */
static double stage_kv_context(const mem_stage *st, double batch,
                               double room)
{
    if (st->kv_pieces == 1 && st->kv[0].cap == 0.0) /* linear: in closed form */
        return floor(room / (batch * st->kv[0].rate));
    if (!(stage_kv(st, batch, 0.0) <= room))
        return -1.0;
    double lo = 0.0, hi = (double)UINT32_MAX;
    if (stage_kv(st, batch, hi) <= room)
        return hi;
    while (hi - lo > 1.0) { /* kv(lo) fits, kv(hi) does not */
        const double mid = floor((lo + hi) * 0.5);
        if (stage_kv(st, batch, mid) <= room)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static double stage_total(const mem_stage *st, double batch, double context,
                          uint32_t microbatches)
{
    return st->weight_bytes + stage_kv(st, batch, context)
           + micro_batch(batch, microbatches) * st->act_bytes_per_seq;
}

static int plan_fits(const mem_plan *plan, double batch, double context)
{
    for (uint32_t j = 0; j < plan->stages; j++) {
        if (!(stage_total(&plan->stage[j], batch, context,
                          plan->microbatches) <= plan->capacity_bytes))
            return 0;
    }
    return 1;
}

/* The device of the largest stage, at this batch and context. */
static void plan_memory_at(const mem_plan *plan, double batch,
                           double context, roof_memory *out)
{
    uint32_t worst = 0;
    double worst_total = -1.0;
    for (uint32_t j = 0; j < plan->stages; j++) {
        const double tot = stage_total(&plan->stage[j], batch, context,
                                       plan->microbatches);
        if (tot > worst_total) {
            worst_total = tot;
            worst = j;
        }
    }
    const mem_stage *st = &plan->stage[worst];
    memset(out, 0, sizeof *out);
    out->weight_bytes = st->weight_bytes;
    out->kv_bytes = stage_kv(st, batch, context);
    out->activation_bytes = micro_batch(batch, plan->microbatches)
                            * st->act_bytes_per_seq;
    out->total_bytes = worst_total;
    out->capacity_bytes = plan->capacity_bytes;
    out->fits = plan_fits(plan, batch, context) ? 1u : 0u;
}

/* Largest b with W + b K + ceil(b/m) A <= cap for one stage.  The batch
 * that fills k micro-batches is at most m k; k itself is bounded by the
 * smallest batch needing k micro-batches, m (k - 1) + 1, fitting. */
static double stage_max_batch(const mem_stage *st, double context,
                              uint32_t mb, double cap)
{
    const double W = st->weight_bytes;
    const double K = stage_kv(st, 1.0, context);
    const double A = st->act_bytes_per_seq;
    if (!(W + K + A <= cap))
        return 0.0;
    const double k = floor((cap - W + (mb - 1.0) * K) / (mb * K + A));
    const double by_k = floor((cap - W - k * A) / K);
    const double b = mb * k < by_k ? mb * k : by_k;
    return b > 1.0 ? b : 1.0;
}

static uint32_t clamp_u32(double x)
{
    if (!(x > 0.0))
        return 0;
    return x >= (double)UINT32_MAX ? UINT32_MAX : (uint32_t)x;
}

/* Rounding in the closed forms may be off by one: step to the exact
 * boundary with the fits test itself (a few steps at most). */
static uint32_t settle_batch(const mem_plan *plan, double guess,
                             double context)
{
    double b = guess > (double)UINT32_MAX ? (double)UINT32_MAX : guess;
    for (int i = 0; i < 64 && b >= 1.0 && !plan_fits(plan, b, context); i++)
        b -= 1.0;
    for (int i = 0; i < 64 && b < (double)UINT32_MAX
                    && plan_fits(plan, b + 1.0, context); i++)
        b += 1.0;
    return plan_fits(plan, b, context) ? clamp_u32(b) : 0;
}

static uint32_t plan_max_batch(const mem_plan *plan, double context)
{
    double best = -1.0;
    for (uint32_t j = 0; j < plan->stages; j++) {
        const double b = stage_max_batch(&plan->stage[j], context,
                                         plan->microbatches,
                                         plan->capacity_bytes);
        if (best < 0.0 || b < best)
            best = b;
    }
    if (!(best >= 1.0))
        return 0;
    return settle_batch(plan, best, context);
}

/* Longest context at this batch; the prefill activations stay those of
 * the request's prompt. */
static uint32_t plan_max_context(const mem_plan *plan, double batch)
{
    double best = -1.0;
    const double mb = micro_batch(batch, plan->microbatches);
    for (uint32_t j = 0; j < plan->stages; j++) {
        const mem_stage *st = &plan->stage[j];
        const double room = plan->capacity_bytes - st->weight_bytes
                            - mb * st->act_bytes_per_seq;
        const double c = stage_kv_context(st, batch, room);
        if (best < 0.0 || c < best)
            best = c;
    }
    double c = best > (double)UINT32_MAX ? (double)UINT32_MAX : best;
    for (int i = 0; i < 64 && c >= 1.0 && !plan_fits(plan, batch, c); i++)
        c -= 1.0;
    for (int i = 0; i < 64 && c < (double)UINT32_MAX
                    && plan_fits(plan, batch, c + 1.0); i++)
        c += 1.0;
    return c >= 1.0 && plan_fits(plan, batch, c) ? clamp_u32(c) : 0;
}

static int memory_inputs_ok(const roof_model *m, const roof_hardware *hw,
                            const roof_request *r)
{
    int rc = roof_request_validate(r);
    if (rc == ROOF_OK)
        rc = roof_model_validate(m);
    if (rc == ROOF_OK)
        rc = roof_hardware_validate(hw);
    if (rc == ROOF_OK)
        rc = check_against_model(m, r);
    return rc;
}

/* 0 <= x <= ROOF_MAX_VALUE; false for NaN and infinities. */
static int out_ok(double x)
{
    return x >= 0.0 && x <= ROOF_MAX_VALUE;
}

static int memory_finite(const roof_memory *mem)
{
    return out_ok(mem->weight_bytes) && out_ok(mem->kv_bytes)
           && out_ok(mem->activation_bytes) && out_ok(mem->total_bytes);
}

static double request_context(const roof_request *r)
{
    return (double)r->prompt_tokens + r->gen_tokens;
}

int roof_memory_footprint(const roof_model *m, const roof_hardware *hw,
                          const roof_request *r, roof_memory *out)
{
    if (m == NULL || hw == NULL || r == NULL || out == NULL)
        return ROOF_E_NULL;
    int rc = memory_inputs_ok(m, hw, r);
    if (rc != ROOF_OK)
        return rc;
    mem_plan plan;
    plan_memory(m, hw, r, &plan);
    roof_memory mem;
    plan_memory_at(&plan, r->workload.batch, request_context(r), &mem);
    if (!memory_finite(&mem))
        return ROOF_E_OVERFLOW;
    *out = mem;
    return ROOF_OK;
}

/* ------------------------------------------------------------------ */
/* Sums of max(affine, affine) over integer contexts, in closed form   */
/* ------------------------------------------------------------------ */

/* v(c) = v0 + slope (c - x0): written around a sample point so that a
 * large intercept never cancels against a large slope term. */
typedef struct line {
    double x0;
    double v0;
    double slope;
} line;

/* A line up to an integer kink, constant after it (a sliding window caps
 * the attended context); has_kink = 0 for a plain line. */
typedef struct qty {
    line l;
    double kink; /* last context on the line */
    double cap;  /* value after the kink */
    int has_kink;
} qty;

static double line_at(const line *l, double c)
{
    return l->v0 + l->slope * (c - l->x0);
}

/* sum over c = lo..hi of v(c) = n v0 + slope sum(c - x0), exactly the
 * arithmetic series. */
static double line_sum(const line *l, double lo, double hi)
{
    const double n = hi - lo + 1.0;
    return n * l->v0 + l->slope * (n * (((lo - l->x0) + (hi - l->x0)) * 0.5));
}

/* sum of max(a(c), b(c)): a - b is affine, so it changes sign at most once;
 * split at the last integer before the crossing. */
static double max_sum(const line *a, const line *b, double lo, double hi)
{
    const double dlo = line_at(a, lo) - line_at(b, lo);
    const double dhi = line_at(a, hi) - line_at(b, hi);
    if (dlo >= 0.0 && dhi >= 0.0)
        return line_sum(a, lo, hi);
    if (dlo <= 0.0 && dhi <= 0.0)
        return line_sum(b, lo, hi);
    double mid = floor(lo + (hi - lo) * (dlo / (dlo - dhi)));
    mid = mid < lo ? lo : (mid >= hi ? hi - 1.0 : mid);
    const line *first = dlo > 0.0 ? a : b;
    const line *second = dlo > 0.0 ? b : a;
    return line_sum(first, lo, mid) + line_sum(second, mid + 1.0, hi);
}

/* The piece of q in force at context c. */
static line qty_piece(const qty *q, double c)
{
    if (q->has_kink && c > q->kink) {
        const line flat = {0.0, q->cap, 0.0};
        return flat;
    }
    return q->l;
}

static double qty_at(const qty *q, double c)
{
    const line l = qty_piece(q, c);
    return line_at(&l, c);
}

/* sum over c = lo..hi of max(a(c), b(c)) for two piecewise quantities:
 * cut at each kink, then each piece is a max of two lines. */
static double pair_sum(const qty *a, const qty *b, double lo, double hi)
{
    double cut[2];
    int n = 0;
    if (a->has_kink && a->kink >= lo && a->kink < hi)
        cut[n++] = a->kink;
    if (b->has_kink && b->kink >= lo && b->kink < hi
        && !(n == 1 && cut[0] == b->kink))
        cut[n++] = b->kink;
    if (n == 2 && cut[1] < cut[0]) {
        const double tmp = cut[0];
        cut[0] = cut[1];
        cut[1] = tmp;
    }
    double sum = 0.0;
    double start = lo;
    for (int i = 0; i <= n; i++) {
        const double end = i < n ? cut[i] : hi;
        const line la = qty_piece(a, start);
        const line lb = qty_piece(b, start);
        sum += max_sum(&la, &lb, start, end);
        start = end + 1.0;
    }
    return sum;
}

/* ------------------------------------------------------------------ */
/* Steps                                                               */
/* ------------------------------------------------------------------ */

/* One step's operators. */
typedef struct step {
    roof_op ops[ROOF_MAX_OPS];
    uint32_t count;
} step;

/* How a step's operator times combine under pipeline parallelism (see
 * docs/estimate.md): step = kL * layer ops + kM * model ops + kX * p2p. */
typedef struct weights {
    double layer;    /* kL = L + (m - 1) * ceil(L / p) */
    double model;    /* kM = m */
    double transfer; /* kX = m + p - 2 when p > 1, else 0 */
    double group[ROOF_MAX_GROUPS]; /* kL of each layer group's operators
                                      (one stage: m L_g); [0] = kL
                                      without groups */
} weights;

/* The attention reach of one layer group's decode operators: a window W
 * (0: none), or chunks of C tokens. */
typedef struct reach {
    double window;
    int chunked;
} reach;

typedef struct ctx {
    const roof_model *m;
    const roof_hardware *hw;
    const roof_request *r;
    uint32_t micro_batch;
    weights k;
    reach group_reach[ROOF_MAX_GROUPS];
    double p2p_bytes_per_s; /* 0 without pipeline parallelism */
    const roof_calibration *cal; /* the device's built-in profile */
    double overhead;        /* its per-step engine time */
} ctx;

static int run_step(const ctx *c, uint32_t new_tokens, uint32_t cached,
                    step *out)
{
    roof_workload w = c->r->workload;
    w.batch = c->micro_batch;
    w.new_tokens = new_tokens;
    w.cached_tokens = cached;
    return roof__ops_trusted(c->m, &w, c->hw, &c->r->efficiency, c->cal,
                             out->ops, ROOF_MAX_OPS, &out->count, NULL);
}

static double op_weight(const ctx *c, const roof_op *op)
{
    return op->scope == ROOF_SCOPE_LAYER ? c->k.group[op->group]
                                         : c->k.model;
}

/* Seconds of moving one micro-batch's activations between two stages. */
static double p2p_seconds(const ctx *c, double new_tokens)
{
    if (c->p2p_bytes_per_s <= 0.0)
        return 0.0;
    const double bytes = (double)c->micro_batch * new_tokens
                         * c->m->hidden
                         * (c->r->workload.activation_bits / 8.0);
    return bytes / c->p2p_bytes_per_s;
}

/* Where a step's time goes. */
typedef struct profile {
    double seconds;
    double bound_seconds[4];
    uint32_t bound;
    uint32_t dominant_op;
    double dominant_seconds;
} profile;

static void profile_add(profile *pr, uint32_t id, uint32_t bound, double s)
{
    pr->seconds += s;
    pr->bound_seconds[bound & 3u] += s;
    if (s > pr->dominant_seconds) {
        pr->dominant_seconds = s;
        pr->dominant_op = id;
    }
}

static void profile_finish(profile *pr)
{
    pr->bound = ROOF_BOUND_NONE;
    double best = 0.0;
    for (uint32_t b = 0; b < 4; b++) {
        if (pr->bound_seconds[b] > best) {
            best = pr->bound_seconds[b];
            pr->bound = b;
        }
    }
}

/* A step's time and profile.  roof_ops() computes lm_head for the last
 * position only, as serving engines do, so prefill needs no correction. */
static void profile_step(const ctx *c, const step *s, double new_tokens,
                         profile *pr)
{
    memset(pr, 0, sizeof *pr);
    for (uint32_t i = 0; i < s->count; i++) {
        const roof_op *op = &s->ops[i];
        profile_add(pr, op->id, op->roofline.bound,
                    op_weight(c, op) * op->roofline.seconds);
    }
    const double tx = c->k.transfer * p2p_seconds(c, new_tokens);
    if (tx > 0.0) {
        pr->seconds += tx;
        pr->bound_seconds[ROOF_BOUND_INTERCONNECT] += tx;
    }
    profile_finish(pr);
}

static const roof_op *find_op(const step *s, uint32_t id)
{
    for (uint32_t i = 0; i < s->count; i++) {
        if (s->ops[i].id == id)
            return &s->ops[i];
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Decode in closed form                                               */
/* ------------------------------------------------------------------ */

/* An operator's time as a function of the context: constant, or the max
 * of its compute and memory bounds, each piecewise affine. */
typedef struct op_fit {
    int constant;
    double seconds;
    qty compute;
    qty memory;
} op_fit;

/* Samples for the fits: a, b on the line (a < b); h, when used, past the
 * window's kink. */
typedef struct samples {
    const step *a;
    const step *b;
    const step *h;
    double xa, xb, xh;
} samples;

static void fit_qty(double va, double vb, double vh, const samples *sm,
                    qty *q)
{
    memset(q, 0, sizeof *q);
    q->l.x0 = sm->xa;
    q->l.v0 = va;
    q->l.slope = (vb - va) / (sm->xb - sm->xa);
    if (sm->h == NULL || !(q->l.slope > 0.0))
        return;
    const double on_line = line_at(&q->l, sm->xh);
    /* Below the line by more than rounding: the window caps it. */
    if (vh < on_line * (1.0 - 1e-9)) {
        q->has_kink = 1;
        q->cap = vh;
        q->kink = floor(sm->xa + (vh - va) / q->l.slope);
    }
}

static int same_op(const roof_op *x, const roof_op *y)
{
    return x->roofline.seconds == y->roofline.seconds
           && x->flops == y->flops && x->bytes == y->bytes;
}

/* The fit of a context-dependent operator. */
static void fit_op(const samples *sm, uint32_t i, op_fit *f)
{
    const roof_op *a = &sm->a->ops[i];
    const roof_op *b = &sm->b->ops[i];
    const roof_op *h = sm->h != NULL ? &sm->h->ops[i] : b;
    f->constant = 0;
    f->seconds = a->roofline.seconds;
    fit_qty(a->roofline.compute_seconds, b->roofline.compute_seconds,
            h->roofline.compute_seconds, sm, &f->compute);
    fit_qty(a->roofline.memory_seconds, b->roofline.memory_seconds,
            h->roofline.memory_seconds, sm, &f->memory);
}

static double fit_sum(const op_fit *f, double lo, double hi)
{
    if (f->constant)
        return (hi - lo + 1.0) * f->seconds;
    return pair_sum(&f->compute, &f->memory, lo, hi);
}

static double fit_at(const op_fit *f, double c)
{
    if (f->constant)
        return f->seconds;
    const double x = qty_at(&f->compute, c);
    const double y = qty_at(&f->memory, c);
    return x > y ? x : y;
}

/* Decode totals over contexts c0..c1 and the step time at c1. */
typedef struct decode_sum {
    double seconds;
    double last_seconds;
} decode_sum;

/* Operators whose counts do not move with the context (all but the
 * attention kernels) are summed once and multiplied by the step count. */
/* The reach of an operator: its group's, or none for model scope. */
static reach op_reach(const ctx *c, const roof_op *op)
{
    const reach none = {0.0, 0};
    return op->scope == ROOF_SCOPE_LAYER ? c->group_reach[op->group] : none;
}

static int covers_reach(const reach *a, const reach *b)
{
    return a->window == b->window && a->chunked == b->chunked;
}

/* Whether a decode sum for `only` (NULL: every operator) covers op. */
static int covers(const ctx *c, const reach *only, const roof_op *op)
{
    if (only == NULL)
        return 1;
    const reach r = op_reach(c, op);
    return covers_reach(&r, only);
}

static int sum_fitted(const ctx *c, const samples *sm, double c0, double c1,
                      const reach *only, decode_sum *out)
{
    const uint32_t n = sm->a->count;
    if (sm->b->count != n || (sm->h != NULL && sm->h->count != n))
        return ROOF_E_INVALID;
    double flat = 0.0, total = 0.0, last = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        const roof_op *a = &sm->a->ops[i];
        const roof_op *b = &sm->b->ops[i];
        const roof_op *h = sm->h != NULL ? &sm->h->ops[i] : b;
        if (b->id != a->id || h->id != a->id)
            return ROOF_E_INVALID;
        if (!covers(c, only, a))
            continue;
        const double k = op_weight(c, a);
        if (same_op(a, b) && same_op(a, h)) {
            flat += k * a->roofline.seconds;
            continue;
        }
        op_fit f;
        fit_op(sm, i, &f);
        total += k * fit_sum(&f, c0, c1);
        last += k * fit_at(&f, c1);
    }
    const double tx = c->k.transfer * p2p_seconds(c, 1.0);
    out->seconds = total + (c1 - c0 + 1.0) * (flat + tx);
    out->last_seconds = last + flat + tx;
    return ROOF_OK;
}

/* Where the decode contexts sit against the sliding window's kink (near
 * W, within 2 either side whatever the window's off-by-one convention). */
enum { RANGE_LINE, RANGE_FLAT, RANGE_CROSS };

static int window_range(uint32_t window, uint32_t c0, uint32_t c1)
{
    const uint64_t w = window;
    if (w == 0 || w + 3 > UINT32_MAX || (uint64_t)c1 + 3 <= w)
        return RANGE_LINE;
    if ((uint64_t)c0 >= w + 3)
        return RANGE_FLAT;
    return RANGE_CROSS;
}

/* The decode steps over c0..c1 (c1 > c0) of the operators `only` covers,
 * whose window is `window`; `first` is the step at c0. */
static int decode_window(const ctx *c, const step *first, uint32_t c0,
                         uint32_t c1, uint32_t window, const reach *only,
                         decode_sum *out)
{
    step s1, s2, s3;
    samples sm = {first, &s1, NULL, c0, c1, 0.0};
    int rc = ROOF_OK;
    switch (window_range(window, c0, c1)) {
    case RANGE_FLAT:
        sm.b = first;
        sm.xb = c0 + 1.0; /* any point: every operator is constant */
        break;
    case RANGE_LINE:
        rc = run_step(c, 1, c1, &s1);
        break;
    default: {
        const uint32_t w = window;
        const uint32_t q = w >= 4 ? w - 3 : 1;
        const uint32_t h = c1 >= w + 3 ? c1 : w + 3;
        if (c0 >= q) {
            rc = run_step(c, 1, 0, &s2);
            sm.a = &s2;
            sm.xa = 0.0;
        }
        if (rc == ROOF_OK)
            rc = run_step(c, 1, q, &s1);
        if (rc == ROOF_OK)
            rc = run_step(c, 1, h, &s3);
        sm.xb = q;
        sm.h = &s3;
        sm.xh = h;
        break;
    }
    }
    if (rc != ROOF_OK)
        return rc;
    return sum_fitted(c, &sm, c0, c1, only, out);
}

/* Decode steps lo..hi over which the operators `only` covers are affine
 * in the context: fitted through the two ends. */
static int decode_line(const ctx *c, uint32_t lo, uint32_t hi,
                       const reach *only, decode_sum *out)
{
    step a, b;
    int rc = run_step(c, 1, lo, &a);
    if (rc == ROOF_OK && hi > lo)
        rc = run_step(c, 1, hi, &b);
    if (rc != ROOF_OK)
        return rc;
    samples sm = {&a, hi > lo ? &b : &a, NULL, lo, hi, 0.0};
    return sum_fitted(c, &sm, lo, hi, only, out);
}

static void add_sum(decode_sum *to, const decode_sum *part, double times)
{
    to->seconds += times * part->seconds;
    to->last_seconds = part->last_seconds;
}

/* Chunked attention over c0..c1: affine inside each chunk of C contexts,
 * and the same in every whole chunk, so the first (partial) chunk, one
 * whole chunk times their number and the last partial one. */
static int decode_chunked(const ctx *c, uint32_t c0, uint32_t c1,
                          const reach *only, decode_sum *out)
{
    const uint64_t C = (uint64_t)only->window;
    const uint64_t next = (c0 / C + 1) * C; /* first chunk start > c0 */
    decode_sum part = {0.0, 0.0};
    out->seconds = out->last_seconds = 0.0;
    int rc = decode_line(c, c0, (uint32_t)(next - 1 < c1 ? next - 1 : c1),
                         only, &part);
    add_sum(out, &part, 1.0);
    if (rc != ROOF_OK || next > c1)
        return rc;
    const uint64_t whole = ((uint64_t)c1 + 1 - next) / C;
    const uint64_t rest = next + whole * C;
    if (whole > 0) {
        rc = decode_line(c, (uint32_t)next, (uint32_t)(next + C - 1), only,
                         &part);
        add_sum(out, &part, (double)whole);
    }
    if (rc == ROOF_OK && rest <= c1) {
        rc = decode_line(c, (uint32_t)rest, c1, only, &part);
        add_sum(out, &part, 1.0);
    }
    return rc;
}

/* A model with layer groups: each reach of the groups on its own (the
 * model-scope operators with the groups of no window). */
static int decode_grouped(const ctx *c, const step *first, uint32_t c0,
                          uint32_t c1, decode_sum *out)
{
    reach seen[ROOF_MAX_GROUPS + 1] = {{0.0, 0}};
    uint32_t n = 1; /* seen[0]: no window, the model-scope operators' */
    for (uint32_t g = 0; g < c->m->group_count; g++) {
        uint32_t i = 0;
        while (i < n && !covers_reach(&seen[i], &c->group_reach[g]))
            i++;
        if (i == n)
            seen[n++] = c->group_reach[g];
    }
    out->seconds = out->last_seconds = 0.0;
    double last = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        decode_sum part;
        const int rc = seen[i].chunked
                           ? decode_chunked(c, c0, c1, &seen[i], &part)
                           : decode_window(c, first, c0, c1,
                                           (uint32_t)seen[i].window,
                                           &seen[i], &part);
        if (rc != ROOF_OK)
            return rc;
        out->seconds += part.seconds;
        last += part.last_seconds;
    }
    out->last_seconds = last;
    return ROOF_OK;
}

/* All decode steps over c0..c1 (c1 > c0); `first` is the step at c0. */
static int decode_closed_form(const ctx *c, const step *first, uint32_t c0,
                              uint32_t c1, decode_sum *out)
{
    if (c->m->group_count > 0)
        return decode_grouped(c, first, c0, c1, out);
    return decode_window(c, first, c0, c1, c->m->sliding_window, NULL, out);
}

/* ------------------------------------------------------------------ */
/* The estimate                                                        */
/* ------------------------------------------------------------------ */

/* Validates the descriptors once: the steps run unchecked on them. */
static int descriptors_ok(const roof_model *m, const roof_hardware *hw,
                          const roof_request *r)
{
    int rc = roof_request_validate(r);
    if (rc == ROOF_OK)
        rc = roof_model_validate(m);
    if (rc == ROOF_OK)
        rc = roof_hardware_validate(hw);
    return rc;
}

/* Each layer group's operators count m L_g times (one stage), and reach
 * as far as the group's window or chunk. */
static void group_weights(const roof_model *m, const roof_request *r,
                          ctx *c)
{
    roof__shape sh;
    if (m->group_count == 0
        || roof__shape_init(m, r->workload.tensor_parallel, &sh) != ROOF_OK)
        return; /* an unshardable degree fails in the first step */
    for (uint32_t g = 0; g < m->group_count; g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, &sh, g, &gs);
        c->k.group[g] = r->microbatches * gs.layers;
        c->group_reach[g].window = gs.attn ? gs.window : 0.0;
        c->group_reach[g].chunked = gs.attn && gs.chunked;
    }
}

static int setup_ctx(const roof_model *m, const roof_hardware *hw,
                     const roof_request *r, const roof_calibration *cal,
                     ctx *c)
{
    const uint32_t p = r->pipeline_parallel;
    const uint32_t mb = r->microbatches;
    c->m = m;
    c->hw = hw;
    c->r = r;
    /* In 64 bits: batch + mb - 1 passes UINT32_MAX for large batches. */
    c->micro_batch = (uint32_t)(((uint64_t)r->workload.batch + mb - 1) / mb);
    const double ceil_layers = stage_layers(m->layers, p, 0);
    c->k.layer = m->layers + (mb - 1.0) * ceil_layers;
    c->k.group[0] = c->k.layer;
    if (m->group_count > 0 && p > 1)
        return ROOF_E_UNSUPPORTED; /* stages of groups: not modelled */
    group_weights(m, r, c);
    c->k.model = mb;
    c->k.transfer = p > 1 ? mb + p - 2.0 : 0.0;
    c->cal = cal;
    c->overhead = c->cal->step_overhead_seconds;
    c->p2p_bytes_per_s = 0.0;
    if (p > 1) {
        if (!(hw->interconnect_bytes_per_s > 0.0))
            return ROOF_E_UNSUPPORTED;
        c->p2p_bytes_per_s = hw->interconnect_bytes_per_s
                             * r->efficiency.interconnect;
        /* As roof_ops() for tensor parallelism: a link too slow to divide
         * by (or whose product underflowed to 0, which p2p_seconds would
         * take for "no transfer") is out of range. */
        if (!(c->p2p_bytes_per_s >= ROOF__MIN_DIVISOR))
            return ROOF_E_RANGE;
    }
    return ROOF_OK;
}

static int estimate_finite(const roof_estimate *e)
{
    const double v[] = {
        e->ttft_seconds, e->tpot_seconds, e->first_tpot_seconds,
        e->last_tpot_seconds, e->decode_seconds, e->e2e_seconds,
        e->tokens_per_s_per_seq, e->tokens_per_s, e->decode_tokens_per_s,
        e->allreduce_seconds_per_layer, e->pipeline_bubble_fraction,
        e->expected_ttft_seconds, e->expected_tpot_seconds,
        e->expected_e2e_seconds, e->expected_tokens_per_s,
        e->expected_decode_tokens_per_s,
    };
    for (size_t i = 0; i < ROOF_ARRAY_LEN(v); i++) {
        if (!out_ok(v[i]))
            return 0;
    }
    return memory_finite(&e->memory);
}

static void fill_memory(const roof_model *m, const roof_hardware *hw,
                        const roof_request *r, roof_estimate *e)
{
    mem_plan plan;
    plan_memory(m, hw, r, &plan);
    const double context = request_context(r);
    plan_memory_at(&plan, r->workload.batch, context, &e->memory);
    e->max_batch = plan_max_batch(&plan, context);
    e->max_context = plan_max_context(&plan, r->workload.batch);
}

/* Rates and the pipeline's bubble, from the times. */
static void fill_rates(const roof_request *r, roof_estimate *e)
{
    const double batch = r->workload.batch;
    const double gen = r->gen_tokens;
    const double p = r->pipeline_parallel;
    e->e2e_seconds = e->ttft_seconds + e->decode_seconds;
    e->tokens_per_s_per_seq = gen / e->e2e_seconds;
    e->tokens_per_s = batch * gen / e->e2e_seconds;
    e->tpot_seconds = r->gen_tokens > 1 ? e->decode_seconds / (gen - 1.0)
                                        : 0.0;
    e->decode_tokens_per_s = e->tpot_seconds > 0.0
                                 ? batch / e->tpot_seconds : 0.0;
    e->pipeline_bubble_fraction = (p - 1.0) / (r->microbatches + p - 1.0);
    e->expected_e2e_seconds = e->expected_ttft_seconds
                              + (gen - 1.0) * e->expected_tpot_seconds;
    e->expected_tokens_per_s = batch * gen / e->expected_e2e_seconds;
    e->expected_decode_tokens_per_s = e->expected_tpot_seconds > 0.0
                                          ? batch / e->expected_tpot_seconds
                                          : 0.0;
}

/* A step's expected seconds (the calibrated time model), weighted for
 * the pipeline as profile_step weights the bounds, plus the engine's
 * overhead. */
static double expected_step(const ctx *c, const step *s, double new_tokens)
{
    double t = c->k.transfer * p2p_seconds(c, new_tokens) + c->overhead;
    for (uint32_t i = 0; i < s->count; i++)
        t += op_weight(c, &s->ops[i]) * s->ops[i].expected_seconds;
    return t;
}

/* The expected decode steps from context c0 to c1 (> c0): their mean by
 * Simpson's rule.  An expected step time is a smooth function of the
 * context (a square root of a quadratic, per operator), so three points
 * hold it to well under the model's own error. */
static int expected_decode(const ctx *c, const step *first, uint32_t c0,
                           uint32_t c1, double *mean)
{
    step mid, last;
    const uint32_t cm = c0 + (c1 - c0) / 2;
    int rc = run_step(c, 1, cm, &mid);
    if (rc == ROOF_OK)
        rc = run_step(c, 1, c1, &last);
    if (rc != ROOF_OK)
        return rc;
    *mean = (expected_step(c, first, 1.0) + 4.0 * expected_step(c, &mid, 1.0)
             + expected_step(c, &last, 1.0)) / 6.0;
    return ROOF_OK;
}

static int expected_times(const ctx *c, const step *pre, const step *dec,
                          roof_estimate *e)
{
    const roof_request *r = c->r;
    e->overhead_seconds = c->overhead;
    e->expected_ttft_seconds = expected_step(c, pre, r->prompt_tokens);
    if (r->gen_tokens == 1)
        return ROOF_OK;
    const uint32_t c0 = r->prompt_tokens;
    const uint32_t c1 = r->prompt_tokens + r->gen_tokens - 2;
    if (c1 == c0) {
        e->expected_tpot_seconds = expected_step(c, dec, 1.0);
        return ROOF_OK;
    }
    return expected_decode(c, dec, c0, c1, &e->expected_tpot_seconds);
}

static int estimate_times(const ctx *c, roof_estimate *e)
{
    const roof_request *r = c->r;
    step pre, dec;
    int rc = run_step(c, r->prompt_tokens, 0, &pre);
    if (rc == ROOF_OK)
        rc = run_step(c, 1, r->prompt_tokens, &dec);
    if (rc != ROOF_OK)
        return rc;
    profile pp, dp;
    profile_step(c, &pre, r->prompt_tokens, &pp);
    profile_step(c, &dec, 1.0, &dp);
    e->ttft_seconds = pp.seconds;
    e->prefill_bound = pp.bound;
    e->prefill_dominant_op = pp.dominant_op;
    e->decode_bound = dp.bound;
    e->decode_dominant_op = dp.dominant_op;
    const roof_op *ar = find_op(&dec, ROOF_OP_ALLREDUCE);
    e->allreduce_seconds_per_layer = ar != NULL ? ar->roofline.seconds : 0.0;
    rc = expected_times(c, &pre, &dec, e);
    if (rc != ROOF_OK || r->gen_tokens == 1)
        return rc;
    e->first_tpot_seconds = dp.seconds;
    const uint32_t c0 = r->prompt_tokens;
    const uint32_t c1 = r->prompt_tokens + r->gen_tokens - 2;
    if (c1 == c0) {
        e->decode_seconds = dp.seconds;
        e->last_tpot_seconds = dp.seconds;
        return ROOF_OK;
    }
    decode_sum ds;
    rc = decode_closed_form(c, &dec, c0, c1, &ds);
    if (rc != ROOF_OK)
        return rc;
    e->decode_seconds = ds.seconds;
    e->last_tpot_seconds = ds.last_seconds;
    return ROOF_OK;
}

int roof_estimate_run(const roof_model *m, const roof_hardware *hw,
                      const roof_request *r, roof_estimate *out)
{
    return roof_estimate_run_calibrated(m, hw, r, NULL, out);
}

int roof_estimate_run_calibrated(const roof_model *m, const roof_hardware *hw,
                                 const roof_request *r,
                                 const roof_calibration *cal,
                                 roof_estimate *out)
{
    if (m == NULL || hw == NULL || r == NULL || out == NULL)
        return ROOF_E_NULL;
    int rc = descriptors_ok(m, hw, r);
    const roof_calibration *use = NULL;
    if (rc == ROOF_OK)
        rc = roof__calibration_resolve(hw, cal, &use);
    if (rc != ROOF_OK)
        return rc;
    ctx c;
    rc = setup_ctx(m, hw, r, use, &c);
    if (rc != ROOF_OK)
        return rc;
    roof_estimate e;
    memset(&e, 0, sizeof e);
    rc = estimate_times(&c, &e);
    if (rc == ROOF_OK)
        rc = check_against_model(m, r);
    if (rc != ROOF_OK)
        return rc;
    fill_memory(m, hw, r, &e);
    fill_rates(r, &e);
    if (!estimate_finite(&e))
        return ROOF_E_OVERFLOW;
    *out = e;
    return ROOF_OK;
}

/* ------------------------------------------------------------------ */
/* Tensor-parallel sweep                                               */
/* ------------------------------------------------------------------ */

#define MAX_POINTS 33

static double step_time_for_speedup(const roof_estimate *e)
{
    return e->tpot_seconds > 0.0 ? e->tpot_seconds : e->ttft_seconds;
}

static double expected_for_speedup(const roof_estimate *e)
{
    return e->expected_tpot_seconds > 0.0 ? e->expected_tpot_seconds
                                          : e->expected_ttft_seconds;
}

static int scaling_points(const roof_model *m, const roof_hardware *hw,
                          const roof_request *r, const roof_calibration *cal,
                          uint32_t max_devices, roof_scaling_point *pts,
                          uint32_t *n)
{
    const uint64_t p = r->pipeline_parallel;
    double base = 0.0, base_expected = 0.0;
    *n = 0;
    /* Without a link between devices there is no tensor parallelism. */
    const uint64_t t_max = hw->interconnect_bytes_per_s > 0.0 ? UINT32_MAX : 1;
    for (uint64_t t = 1; t * p <= max_devices && t <= t_max; t *= 2) {
        if (!roof__shape_tp_ok(m, (uint32_t)t))
            continue;
        roof_request rt = *r;
        rt.workload.tensor_parallel = (uint32_t)t;
        roof_estimate e;
        const int rc = roof_estimate_run_calibrated(m, hw, &rt, cal, &e);
        if (rc != ROOF_OK)
            return rc;
        roof_scaling_point *pt = &pts[(*n)++];
        memset(pt, 0, sizeof *pt);
        pt->tensor_parallel = (uint32_t)t;
        pt->pipeline_parallel = (uint32_t)p;
        pt->devices = (uint32_t)(t * p);
        pt->fits = e.memory.fits;
        pt->ttft_seconds = e.ttft_seconds;
        pt->tpot_seconds = e.tpot_seconds;
        pt->tokens_per_s = e.tokens_per_s;
        if (t == 1)
            base = e.memory.fits ? step_time_for_speedup(&e) : 0.0;
        pt->speedup = base / step_time_for_speedup(&e);
        pt->efficiency = pt->speedup / (double)t;
        pt->expected_ttft_seconds = e.expected_ttft_seconds;
        pt->expected_tpot_seconds = e.expected_tpot_seconds;
        pt->expected_tokens_per_s = e.expected_tokens_per_s;
        if (t == 1)
            base_expected = e.memory.fits ? expected_for_speedup(&e) : 0.0;
        pt->expected_speedup = base_expected / expected_for_speedup(&e);
    }
    return ROOF_OK;
}

int roof_scaling(const roof_model *m, const roof_hardware *hw,
                 const roof_request *r, uint32_t max_devices,
                 roof_scaling_point *out, uint32_t cap, uint32_t *count)
{
    return roof_scaling_calibrated(m, hw, r, NULL, max_devices, out, cap,
                                   count);
}

int roof_scaling_calibrated(const roof_model *m, const roof_hardware *hw,
                            const roof_request *r,
                            const roof_calibration *cal, uint32_t max_devices,
                            roof_scaling_point *out, uint32_t cap,
                            uint32_t *count)
{
    if (m == NULL || hw == NULL || r == NULL || count == NULL
        || (out == NULL && cap > 0))
        return ROOF_E_NULL;
    int rc = descriptors_ok(m, hw, r);
    if (rc != ROOF_OK)
        return rc;
    if (max_devices < r->pipeline_parallel)
        return ROOF_E_RANGE;
    roof_scaling_point pts[MAX_POINTS];
    uint32_t n = 0;
    const roof_calibration *use = NULL;
    rc = roof__calibration_resolve(hw, cal, &use);
    if (rc == ROOF_OK)
        rc = scaling_points(m, hw, r, use, max_devices, pts, &n);
    if (rc != ROOF_OK)
        return rc;
    if (n > cap) {
        *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    memcpy(out, pts, n * sizeof pts[0]);
    *count = n;
    return ROOF_OK;
}
