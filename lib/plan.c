/* Prepared plans: every operator's coefficients folded once, so that a
 * step, uniform or mixed, costs tens of nanoseconds.
 *
 * The plan does not restate the operator formulas of lib/ops.c: it asks
 * roof__ops_trusted for a few probe steps and reads the coefficients off
 * their records (docs/plan.md, "Folding"):
 *  - token operators (norms, projections, rope, MLP, MoE, adds, the
 *    all-reduce): flops, act and comm bytes per token, weight bytes
 *    constant, or per touched expert for the routed experts;
 *  - the embedding: weight bytes per row read; lm_head: per logits row;
 *  - attention: flops, act and kv bytes as linear forms of four
 *    per-sequence features (new tokens n, n x keys, cached keys, causal
 *    scores), solved from four probes of the model without its window.
 * It then checks the folded plan against roof__ops_trusted on two steps
 * that exercise the window, the cache and the batch, and refuses a model
 * it would describe wrongly. */
#include "hardware_table-priv.h"
#include "ops-priv.h"
#include "calibration-priv.h"
#include "plan-priv.h"

#include <math.h>
#include <string.h>

#define NF 4            /* attention features */
#define MAX_ATTN 3      /* qk, softmax, pv; or the fused attention */
#define GROUPS 2        /* attention kernels: decodes, the others */
#define VERIFY_REL 1e-9 /* init's check against roof_ops */

/* A token operator: its figures at x units (tokens, or logits rows) with
 * ws units of weight (1, touched experts, or embedding rows). */
typedef struct tok_op {
    double pos, id;
    double mult;                     /* identical ops folded into this one */
    double flops, weight, act, comm; /* per x; weight per ws */
    double expert;                   /* weight per touched expert; from
                                        here on the fields a merge compares */
    double cs, msw, msa, cm;         /* bound terms: seconds per x or ws */
    double tc, tmw, tma, trw, tra;   /* time model terms, likewise */
    double floor;                    /* launches x floor */
} tok_op;

/* An attention operator: each figure a linear form of the features. */
typedef struct attn_op {
    double pos, id, mult;
    double flops[NF], act[NF], kv[NF];
    double inv_peak;
    double floor[GROUPS], inv_compute[GROUPS], inv_memory[GROUPS];
    double inv_row[GROUPS], mask[GROUPS];
} attn_op;

/* The plan's private part: doubles only, in roof_plan.prepared. */
typedef struct core {
    double layers, inv_bw, inv_ic, overhead;
    double n_layer, n_top, n_attn;    /* token ops of the layer, top */
    double n_plain;                   /* the first n_plain layer ops have
                                         constant weights and no link
                                         traffic (plain_eval) */
    double window, learned, vocab, experts, miss;
    /* the layer's token ops summed: per token, constant, per expert;
     * and their compute and memory seconds */
    double fl, w, we, act, comm, cs, msw, mswe, msa;
    tok_op tok[ROOF_OP_COUNT];        /* layer ops, then the top ones */
    tok_op embed, lm;
    attn_op attn[MAX_ATTN];
} core;

ROOF__STATIC_ASSERT(sizeof(core) <= sizeof(((roof_plan *)0)->prepared),
                    plan_core_fits);


/* ---- the step ----------------------------------------------------------- */

/* One attention kernel's inputs: the features summed over its sequences. */
typedef struct group {
    double f[NF];
    double masked; /* sum of n x keys - causal: scores computed in vain */
    double tokens; /* its new tokens */
} group;

typedef struct step_in {
    double tokens, inv_tokens, touched, lm_rows, embed_rows;
    group g[GROUPS];
    uint32_t sequences;
} step_in;

/* Sums of one scope (the layer, or the top ops). */
typedef struct tally {
    double sec, exp, cs, ms, mem, comp, link;
    double flops, weight, act, kv, comm;
    double slow, slow_pos, dom;
} tally;

static const tally tally_zero = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                 -1.0, 0, 0};

/* mult identical kernels into a scope: the first slowest in op order
 * dominates.  Written with selects: the bound of each kernel costs no
 * branch. */
static ROOF__INLINE void take(tally *t, double pos, double id, double mult,
                              double cs, double ms, double cm, double exp)
{
    const double m = cs > ms ? cs : ms;
    const int link = cm > m, mem = ms > cs;
    const double sec = link ? cm : m, all = mult * sec;
    t->sec += all;
    t->exp += mult * exp;
    t->link += link ? all : 0.0;
    t->mem += !link && mem ? all : 0.0;
    t->comp += !link && !mem ? all : 0.0;
    if (sec > t->slow || (sec == t->slow && pos < t->slow_pos)) {
        t->slow = sec;
        t->slow_pos = pos;
        t->dom = id;
    }
}

static ROOF__INLINE void tok_eval(const tok_op *o, double x, double ws,
                                  double inv_t, tally *t)
{
    const double tc = o->tc * x, tm = o->tmw * ws + o->tma * x;
    const double tr = (o->trw * ws + o->tra * x) * inv_t;
    take(t, o->pos, o->id, o->mult, o->cs * x, o->msw * ws + o->msa * x,
         o->cm * x, o->floor + sqrt(tc * tc + tm * tm + tr * tr));
}

/* A top op's counts, added one by one (there are three). */
static void tok_counts(const tok_op *o, double x, double ws, tally *t)
{
    t->cs += o->cs * x;
    t->ms += o->msw * ws + o->msa * x;
    t->flops += o->flops * x;
    t->weight += o->weight * ws;
    t->act += o->act * x;
    t->comm += o->comm * x;
}

static ROOF__INLINE double dot(const double *a, const double *f)
{
    return a[0] * f[0] + a[1] * f[1] + a[2] * f[2] + a[3] * f[3];
}

static ROOF__INLINE void attn_eval(const attn_op *a, uint32_t k,
                                   const group *g, double inv_bw, tally *t)
{
    const double fl = dot(a->flops, g->f), act = dot(a->act, g->f);
    const double kv = dot(a->kv, g->f), bytes = act + kv;
    const double tc = (fl + a->mask[k] * g->masked) * a->inv_compute[k];
    const double tm = bytes * a->inv_memory[k];
    const double tr = bytes / g->tokens * a->inv_row[k];
    const double cs = fl * a->inv_peak, ms = bytes * inv_bw;
    t->flops += a->mult * fl;
    t->act += a->mult * act;
    t->kv += a->mult * kv;
    t->cs += a->mult * cs;
    t->ms += a->mult * ms;
    take(t, a->pos, a->id, a->mult, cs, ms, 0.0,
         a->floor[k] + sqrt(tc * tc + tm * tm + tr * tr));
}

/* The plain token ops (constant weights, no link traffic: most of a
 * layer) in one tight loop: with x = T the row term bytes / T is
 * weight / T + act per token.  They are evaluated first and in op order,
 * so a strict compare finds the first slowest among them; the kernels
 * evaluated after them break ties by position (take). */
static void plain_eval(const tok_op *o, uint32_t n, double x, double inv_t,
                       tally *t)
{
    double sec = 0.0, exp = 0.0, mem = 0.0, comp = 0.0;
    double slow = t->slow, pos = t->slow_pos, dom = t->dom;
    for (const tok_op *end = o + n; o < end; o++) {
        const double cs = o->cs * x, ms = o->msw + o->msa * x;
        const double tc = o->tc * x, tm = o->tmw + o->tma * x;
        const double tr = o->trw * inv_t + o->tra;
        const double m = cs > ms ? cs : ms, all = o->mult * m;
        sec += all;
        exp += o->mult * (o->floor + sqrt(tc * tc + tm * tm + tr * tr));
        mem += ms > cs ? all : 0.0;
        comp += ms > cs ? 0.0 : all;
        if (m > slow) {
            slow = m;
            pos = o->pos;
            dom = o->id;
        }
    }
    t->sec += sec;
    t->exp += exp;
    t->mem += mem;
    t->comp += comp;
    t->slow = slow;
    t->slow_pos = pos;
    t->dom = dom;
}

static void layer_eval(const core *c, const step_in *in, tally *t)
{
    const uint32_t n = (uint32_t)c->n_layer, na = (uint32_t)c->n_attn;
    const uint32_t np = (uint32_t)c->n_plain;
    plain_eval(c->tok, np, in->tokens, in->inv_tokens, t);
    for (uint32_t k = np; k < n; k++) {
        const tok_op *o = &c->tok[k];
        tok_eval(o, in->tokens, o->expert > 0.0 ? in->touched : 1.0,
                 in->inv_tokens, t);
    }
    for (uint32_t k = 0; k < GROUPS; k++) {
        if (in->g[k].tokens > 0.0) {
            for (uint32_t a = 0; a < na; a++)
                attn_eval(&c->attn[a], k, &in->g[k], c->inv_bw, t);
        }
    }
    t->flops += c->fl * in->tokens;
    t->cs += c->cs * in->tokens;
    t->ms += c->msw + c->mswe * in->touched + c->msa * in->tokens;
    t->weight += c->w + c->we * in->touched;
    t->act += c->act * in->tokens;
    t->comm += c->comm * in->tokens;
}

static void top_eval(const core *c, const step_in *in, tally *t)
{
    const uint32_t end = (uint32_t)(c->n_layer + c->n_top);
    for (uint32_t k = (uint32_t)c->n_layer; k < end; k++) {
        tok_eval(&c->tok[k], in->tokens, 1.0, in->inv_tokens, t);
        tok_counts(&c->tok[k], in->tokens, 1.0, t);
    }
    tok_eval(&c->embed, in->tokens, in->embed_rows, in->inv_tokens, t);
    tok_counts(&c->embed, in->tokens, in->embed_rows, t);
    tok_eval(&c->lm, in->lm_rows, 1.0, in->inv_tokens, t);
    tok_counts(&c->lm, in->lm_rows, 1.0, t);
}

static uint32_t bound_of(const double *by)
{
    uint32_t bound = ROOF_BOUND_NONE;
    double most = 0.0;
    for (uint32_t b = ROOF_BOUND_MEMORY; b <= ROOF_BOUND_INTERCONNECT; b++) {
        if (by[b] > most) {
            most = by[b];
            bound = b;
        }
    }
    return bound;
}

/* model = layers x layer + top, as roof_step's model totals. */
static void compose(const core *c, const tally *l, const tally *t,
                    const step_in *in, roof_step_result *r)
{
    const double L = c->layers;
    r->seconds = L * l->sec + t->sec;
    r->expected_seconds = L * l->exp + t->exp;
    r->overhead_seconds = c->overhead;
    r->flops = L * l->flops + t->flops;
    r->weight_bytes = L * l->weight + t->weight;
    r->act_bytes = L * l->act + t->act;
    r->kv_bytes = L * l->kv + t->kv;
    r->bytes = r->weight_bytes + r->act_bytes + r->kv_bytes;
    r->comm_bytes = L * l->comm + t->comm;
    r->compute_seconds = L * l->cs + t->cs;
    r->memory_seconds = L * l->ms + t->ms;
    r->comm_seconds = r->comm_bytes * c->inv_ic;
    r->bound_seconds[ROOF_BOUND_NONE] = 0.0;
    r->bound_seconds[ROOF_BOUND_MEMORY] = L * l->mem + t->mem;
    r->bound_seconds[ROOF_BOUND_COMPUTE] = L * l->comp + t->comp;
    r->bound_seconds[ROOF_BOUND_INTERCONNECT] = L * l->link + t->link;
    r->tokens = in->tokens;
    r->bound = bound_of(r->bound_seconds);
    r->dominant_op = (uint32_t)(L * l->slow >= t->slow ? l->dom : t->dom);
    r->sequences = in->sequences;
    r->reserved0 = 0;
    memset(r->reserved, 0, sizeof r->reserved);
}

/* Evaluates a step; ROOF_E_OVERFLOW when a count passes ROOF_MAX_VALUE. */
static int evaluate(const core *c, step_in *in, roof_step_result *out)
{
    in->inv_tokens = 1.0 / in->tokens;
    in->touched = c->experts > 0.0
                      ? c->experts * (1.0 - pow(c->miss, in->tokens))
                      : 0.0;
    in->embed_rows = (in->tokens < c->vocab ? in->tokens : c->vocab)
                     + in->embed_rows * c->learned;
    tally l = tally_zero, t = tally_zero;
    layer_eval(c, in, &l);
    top_eval(c, in, &t);
    roof_step_result r;
    compose(c, &l, &t, in, &r);
    if (!(r.flops <= ROOF_MAX_VALUE && r.bytes <= ROOF_MAX_VALUE
          && r.expected_seconds <= ROOF_MAX_VALUE))
        return ROOF_E_OVERFLOW;
    *out = r;
    return ROOF_OK;
}

/* Sum over the n new queries of min(c + i + 1, window): lib/ops.c's
 * unmasked scores of one sequence and head. */
static ROOF__INLINE double causal_scores(double c, double n, double window)
{
    double k = n;
    if (window > 0.0)
        k = window - c < 0.0 ? 0.0 : (window - c < n ? window - c : n);
    return k * c + 0.5 * k * (k + 1.0) + (n - k) * window;
}

/* b sequences of n new tokens on c cached, added to a group. */
static ROOF__INLINE void add_seqs(group *g, double b, double n, double c,
                                  double window)
{
    double keys = c + n;
    if (window > 0.0 && n + window - 1.0 < keys)
        keys = n + window - 1.0;
    const double causal = causal_scores(c, n, window);
    const double masked = n * keys - causal;
    g->f[0] += b * n;
    g->f[1] += b * n * keys;
    g->f[2] += b * (keys - n);
    g->f[3] += b * causal;
    g->masked += masked > 0.0 ? b * masked : 0.0;
    g->tokens += b * n;
}

static int plan_ok(const roof_plan *p)
{
    return p->tag == ROOF_PLAN_TAG && p->logits <= ROOF_LOGITS_ALL;
}

static const core *core_of(const roof_plan *p)
{
    return (const core *)(const void *)p->prepared;
}

static const step_in step_zero;

int roof_plan_step(const roof_plan *p, uint32_t batch, uint32_t new_tokens,
                   uint32_t cached_tokens, roof_step_result *out)
{
    if (p == NULL || out == NULL)
        return ROOF_E_NULL;
    if (!plan_ok(p))
        return ROOF_E_INVALID;
    if (batch == 0 || new_tokens == 0)
        return ROOF_E_RANGE;
    const uint64_t tokens = (uint64_t)batch * new_tokens;
    if (tokens > UINT32_MAX)
        return ROOF_E_OVERFLOW;
    const core *c = core_of(p);
    step_in in = step_zero;
    in.tokens = (double)tokens;
    in.sequences = batch;
    in.lm_rows = p->logits == ROOF_LOGITS_ALL ? in.tokens : (double)batch;
    in.embed_rows = new_tokens;
    add_seqs(&in.g[new_tokens > 1], batch, new_tokens, cached_tokens,
             c->window);
    return evaluate(c, &in, out);
}

/* The running sums of a mixed step's sequences. */
typedef struct seq_sums {
    uint64_t tokens, decodes, keys, cap;
    uint32_t zero, longest;
} seq_sums;

/* One sequence; the decodes (most of a serving step) on a fast path of
 * integer sums: for one new token, keys = causal scores =
 * min(c + 1, window) and nothing is masked (add_seqs with n = 1). */
static ROOF__INLINE void take_seq(const core *c, seq_sums *s, group *prefill,
                                  uint32_t n, uint32_t cached)
{
    s->tokens += n;
    if (n == 1) {
        const uint64_t k = (uint64_t)cached + 1u;
        s->keys += k < s->cap ? k : s->cap;
        s->decodes++;
        return;
    }
    s->zero |= (uint32_t)(n == 0);
    s->longest = n > s->longest ? n : s->longest;
    add_seqs(prefill, 1.0, n, cached, c->window);
}

/* The mixed step's features: one pass over the sequences (and *extra). */
static int gather(const core *c, const roof_seq *seqs, uint32_t count,
                  const roof_seq *extra, step_in *in)
{
    seq_sums s = {0, 0, 0, UINT64_MAX, 0, 1};
    if (c->window > 0.0)
        s.cap = (uint64_t)c->window;
    for (uint32_t i = 0; i < count; i++)
        take_seq(c, &s, &in->g[1], seqs[i].new_tokens,
                 seqs[i].cached_tokens);
    if (extra != NULL)
        take_seq(c, &s, &in->g[1], extra->new_tokens, extra->cached_tokens);
    if (s.zero)
        return ROOF_E_RANGE;
    if (s.tokens > UINT32_MAX)
        return ROOF_E_OVERFLOW;
    const double k = (double)s.keys, n = (double)s.decodes;
    group *g = &in->g[0];
    g->f[0] = n;
    g->f[1] = k;
    g->f[2] = k - n;
    g->f[3] = k;
    g->tokens = n;
    in->tokens = (double)s.tokens;
    in->embed_rows = s.longest;
    return ROOF_OK;
}

int roof_plan_step_mixed(const roof_plan *p, const roof_seq *seqs,
                         uint32_t count, roof_step_result *out)
{
    if (p == NULL || seqs == NULL || out == NULL)
        return ROOF_E_NULL;
    if (!plan_ok(p))
        return ROOF_E_INVALID;
    if (count == 0)
        return ROOF_E_RANGE;
    const core *c = core_of(p);
    step_in in = step_zero;
    int rc = gather(c, seqs, count, NULL, &in);
    if (rc != ROOF_OK)
        return rc;
    in.sequences = count;
    in.lm_rows = p->logits == ROOF_LOGITS_ALL ? in.tokens : (double)count;
    return evaluate(c, &in, out);
}

int roof__plan_step_extra(const roof_plan *p, const roof_seq *seqs,
                          uint32_t count, const roof_seq *extra,
                          roof_step_result *out)
{
    const core *c = core_of(p);
    step_in in = step_zero;
    int rc = gather(c, seqs, count, extra, &in);
    if (rc != ROOF_OK)
        return rc;
    in.sequences = count + 1;
    in.lm_rows = p->logits == ROOF_LOGITS_ALL ? in.tokens : count + 1.0;
    return evaluate(c, &in, out);
}

/* ---- folding ------------------------------------------------------------ */

/* What init needs besides the plan: the roofs and the time model. */
typedef struct fold {
    const roof_hardware *hw;
    roof__kernel_time kt[ROOF_KERNEL_KIND_COUNT];
    double inv_bw, inv_ic;
} fold;

static void fold_times(const roof_hardware *hw, const roof_workload *w,
                       const roof_calibration *cal, fold *f)
{
    roof__kernel_times(hw, w->precision, cal, f->kt);
    f->hw = hw;
    f->inv_bw = 1.0 / hw->dram_bytes_per_s;
    f->inv_ic = w->tensor_parallel > 1 ? 1.0 / hw->interconnect_bytes_per_s
                                       : 0.0;
}

static double inv_peak_of(const fold *f, uint32_t precision)
{
    double peak = 1.0;
    (void)roof__hardware_peak(f->hw, precision, &peak);
    return 1.0 / peak;
}

/* A token op from its record at x = 1 unit and ws units of weight. */
static void fold_tok(const fold *f, const roof_op *r, double pos, double ws,
                     tok_op *o)
{
    const uint32_t kind = roof__op_kind(r->id);
    const roof__kernel_time *k = &f->kt[kind];
    const int comm = kind == ROOF_KERNEL_COMM;
    o->pos = pos;
    o->id = r->id;
    o->expert = 0.0;
    o->mult = 1.0;
    o->flops = r->flops;
    o->weight = r->weight_bytes / ws;
    o->act = r->act_read_bytes + r->act_write_bytes;
    o->comm = r->comm_bytes;
    o->cs = o->flops * inv_peak_of(f, r->precision);
    o->msw = o->weight * f->inv_bw;
    o->msa = o->act * f->inv_bw;
    o->cm = o->comm * f->inv_ic;
    o->tc = o->flops * k->inv_compute;
    o->tmw = comm ? 0.0 : o->weight * k->inv_memory;
    o->tma = (comm ? o->comm : o->act) * k->inv_memory;
    o->trw = o->weight * k->inv_row;
    o->tra = o->act * k->inv_row;
    o->floor = (comm ? 2.0 : 1.0) * k->floor;
}

static int is_attention(uint32_t id)
{
    return id == ROOF_OP_QK_MATMUL || id == ROOF_OP_SOFTMAX
           || id == ROOF_OP_PV_MATMUL || id == ROOF_OP_ATTENTION;
}

static int is_expert(uint32_t id)
{
    return id == ROOF_OP_EXPERT_GATE_PROJ || id == ROOF_OP_EXPERT_UP_PROJ
           || id == ROOF_OP_EXPERT_DOWN_PROJ;
}

/* The four probes of the attention fit (B = 1, no window): their features
 * (n, n keys, cached keys, causal) are the rows of a matrix of
 * determinant 1, whose inverse is the integer matrix below.  The fit is
 * then exact: the counts are dyadic numbers far below 2^53, so the
 * integer combinations add no rounding, and a coefficient that is 0 comes
 * out exactly 0 (docs/plan.md). */
static const uint32_t probe_n[NF] = {1, 2, 1, 2};
static const uint32_t probe_c[NF] = {0, 0, 1, 1};
static const double probe_inverse[NF][NF] = {
    {0, 1, 1, -1},
    {-3, 2, 1, -1},
    {-2, 1, 2, -1},
    {4, -3, -2, 2},
};

/* coef[j] = sum over probes p of inverse[j][p] x values[p]. */
static void solve(const double values[NF], double coef[NF])
{
    for (uint32_t j = 0; j < NF; j++)
        coef[j] = dot(probe_inverse[j], values);
}

/* One probe step's records into ops[]. */
static int probe(const roof_model *m, const roof_workload *w,
                 const roof_hardware *hw, const roof_calibration *cal,
                 uint32_t batch, uint32_t n, uint32_t c, roof_op *ops,
                 uint32_t *count, roof_totals *t)
{
    roof_workload pw = *w;
    pw.batch = batch;
    pw.new_tokens = n;
    pw.cached_tokens = c;
    return roof__ops_trusted(m, &pw, hw, NULL, cal, ops, ROOF_MAX_OPS,
                             count, t);
}

/* The attention ops' time model per kernel group. */
static void attn_times(const fold *f, uint32_t id, attn_op *a)
{
    for (uint32_t g = 0; g < GROUPS; g++) {
        uint32_t kind = roof__op_kind(id);
        if (id == ROOF_OP_ATTENTION && g == 0)
            kind = ROOF_KERNEL_ATTN_DECODE;
        const roof__kernel_time *k = &f->kt[kind];
        a->floor[g] = k->floor;
        a->inv_compute[g] = k->inv_compute;
        a->inv_memory[g] = k->inv_memory;
        a->inv_row[g] = k->inv_row;
        a->mask[g] = kind == ROOF_KERNEL_ATTN_PREFILL
                         ? k->masked * a->flops[3] : 0.0;
    }
}

/* Folds identical ops (k_proj and v_proj, gate_proj and up_proj, the two
 * norms, q_proj and o_proj where heads x head_dim = hidden, qk and pv):
 * one evaluation times mult gives the same bits, since the sums add
 * mult x seconds with mult a small integer.  The first op keeps its
 * place, so the first slowest still dominates. */
static uint32_t merge_tok(tok_op *ops, uint32_t n)
{
    const size_t off = offsetof(tok_op, expert);
    uint32_t kept = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t j = 0;
        while (j < kept && memcmp((const char *)&ops[j] + off,
                                  (const char *)&ops[k] + off,
                                  sizeof(tok_op) - off) != 0)
            j++;
        if (j < kept)
            ops[j].mult += 1.0;
        else
            ops[kept++] = ops[k];
    }
    return kept;
}

static uint32_t merge_attn(attn_op *ops, uint32_t n)
{
    const size_t off = offsetof(attn_op, flops);
    uint32_t kept = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t j = 0;
        while (j < kept && memcmp((const char *)&ops[j] + off,
                                  (const char *)&ops[k] + off,
                                  sizeof(attn_op) - off) != 0)
            j++;
        if (j < kept)
            ops[j].mult += 1.0;
        else
            ops[kept++] = ops[k];
    }
    return kept;
}

/* Records one probe's attention ops: flops, act and kv bytes. */
static uint32_t attn_values(const roof_op *ops, uint32_t n, const fold *f,
                            uint32_t p, core *c, double v[][3][NF])
{
    uint32_t na = 0;
    for (uint32_t k = 0; k < n; k++) {
        const roof_op *r = &ops[k];
        if (!is_attention(r->id) || na == MAX_ATTN)
            continue;
        c->attn[na].pos = k;
        c->attn[na].id = r->id;
        c->attn[na].mult = 1.0;
        c->attn[na].inv_peak = inv_peak_of(f, r->precision);
        v[na][0][p] = r->flops;
        v[na][1][p] = r->act_read_bytes + r->act_write_bytes;
        v[na][2][p] = r->kv_read_bytes + r->kv_write_bytes;
        na++;
    }
    return na;
}

/* Fits the attention ops' linear forms from the four probes, run on m0
 * (the model without its window: the coefficients do not depend on it,
 * the features do, and the step computes those). */
static int fold_attention(const roof_model *m0, const roof_workload *w,
                          const fold *f, const roof_calibration *cal,
                          core *c)
{
    double v[MAX_ATTN][3][NF];
    uint32_t na = 0;
    for (uint32_t p = 0; p < NF; p++) {
        roof_op ops[ROOF_MAX_OPS];
        uint32_t n;
        int rc = probe(m0, w, f->hw, cal, 1, probe_n[p], probe_c[p], ops,
                       &n, NULL);
        if (rc != ROOF_OK)
            return rc;
        na = attn_values(ops, n, f, p, c, v);
    }
    for (uint32_t k = 0; k < na; k++) {
        attn_op *o = &c->attn[k];
        solve(v[k][0], o->flops);
        solve(v[k][1], o->act);
        solve(v[k][2], o->kv);
        attn_times(f, (uint32_t)o->id, o);
    }
    c->n_attn = merge_attn(c->attn, na);
    return ROOF_OK;
}

/* Routed experts touched by T tokens (lib/ops.c's uniform routing). */
static double touched_at(const core *c, double tokens)
{
    return c->experts > 0.0 ? c->experts * (1.0 - pow(c->miss, tokens))
                            : 1.0;
}

static void sum_layer(core *c, const tok_op *o)
{
    c->cs += o->cs;
    c->msa += o->msa;
    if (o->expert > 0.0)
        c->mswe += o->msw;
    else
        c->msw += o->msw;
    c->fl += o->flops;
    c->act += o->act;
    c->comm += o->comm;
    if (o->expert > 0.0)
        c->we += o->weight;
    else
        c->w += o->weight;
}

/* Moves the plain ops (no expert weights, no link traffic) to the front,
 * each part keeping op order; returns how many are plain. */
static uint32_t partition(tok_op *ops, uint32_t n)
{
    tok_op rest[ROOF_OP_COUNT];
    uint32_t np = 0, nr = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (ops[k].expert > 0.0 || ops[k].cm > 0.0 || ops[k].comm > 0.0)
            rest[nr++] = ops[k];
        else
            ops[np++] = ops[k];
    }
    if (nr > 0)
        memcpy(ops + np, rest, nr * sizeof *rest);
    return np;
}

/* The token ops, the embedding and lm_head from the probe at 1 token. */
static int fold_tokens(const roof_op *ops, uint32_t n, const fold *f,
                       core *c)
{
    const double touched = touched_at(c, 1.0);
    uint32_t nl = 0, nt = 0;
    for (uint32_t k = 0; k < n; k++) {
        const roof_op *r = &ops[k];
        if (r->group != 0)
            return ROOF_E_UNSUPPORTED;
        if (is_attention(r->id))
            continue;
        if (r->id == ROOF_OP_EMBED) {
            fold_tok(f, r, k, 1.0 + c->learned, &c->embed);
        } else if (r->id == ROOF_OP_LM_HEAD) {
            fold_tok(f, r, k, 1.0, &c->lm);
        } else if (r->scope == ROOF_SCOPE_LAYER) {
            const int ex = is_expert(r->id);
            fold_tok(f, r, k, ex ? touched : 1.0, &c->tok[nl]);
            c->tok[nl].expert = ex;
            sum_layer(c, &c->tok[nl++]);
        } else {
            fold_tok(f, r, k, 1.0, &c->tok[ROOF_OP_COUNT - 1 - nt++]);
        }
    }
    nl = merge_tok(c->tok, nl);
    c->n_plain = partition(c->tok, nl);
    /* the top token ops follow the layer's */
    for (uint32_t k = 0; k < nt; k++)
        c->tok[nl + k] = c->tok[ROOF_OP_COUNT - 1 - k];
    c->n_layer = nl;
    c->n_top = nt;
    return ROOF_OK;
}

static int close_to(double got, double want)
{
    return fabs(got - want) <= VERIFY_REL * fabs(want);
}

/* The folded plan against roof_ops on one step. */
static int verify(const roof_model *m, const roof_workload *w,
                  const roof_hardware *hw, const roof_calibration *cal,
                  const roof_plan *p, uint32_t batch, uint32_t n, uint32_t c)
{
    roof_op ops[ROOF_MAX_OPS];
    uint32_t count;
    roof_totals t;
    roof_step_result r;
    int rc = probe(m, w, hw, cal, batch, n, c, ops, &count, &t);
    if (rc == ROOF_OK)
        rc = roof_plan_step(p, batch, n, c, &r);
    if (rc != ROOF_OK)
        return rc;
    const roof_sum *s = &t.model;
    const int ok = close_to(r.flops, s->flops) & close_to(r.bytes, s->bytes)
                   & close_to(r.kv_bytes, s->kv_bytes)
                   & close_to(r.comm_bytes, s->comm_bytes)
                   & close_to(r.seconds, s->seconds)
                   & close_to(r.expected_seconds, s->expected_seconds);
    return ok ? ROOF_OK : ROOF_E_UNSUPPORTED;
}

static void fold_scalars(const roof_model *m, const roof_calibration *cal,
                         const fold *f, core *c)
{
    c->layers = m->layers;
    c->inv_bw = f->inv_bw;
    c->inv_ic = f->inv_ic;
    c->overhead = cal->step_overhead_seconds;
    c->window = m->sliding_window;
    c->learned = m->position == ROOF_POS_LEARNED;
    c->vocab = m->vocab;
    c->experts = m->experts;
    c->miss = m->experts > 0
                  ? 1.0 - (double)m->experts_per_token / m->experts
                  : 1.0;
}

/* The checks of every input, as roof_step_calibrated makes them. */
static int check_inputs(const roof_model *m, const roof_workload *w,
                        const roof_hardware *hw, const roof_calibration *cal,
                        const roof_calibration **use, roof_workload *pw)
{
    int rc = roof_model_validate(m);
    if (rc == ROOF_OK)
        rc = roof_hardware_validate(hw);
    if (rc == ROOF_OK)
        rc = roof__calibration_resolve(hw, cal, use);
    *pw = *w;
    pw->batch = pw->new_tokens = 1;
    pw->cached_tokens = 0;
    if (rc == ROOF_OK)
        rc = roof_workload_validate(pw);
    return rc;
}

static int build(const roof_model *m, const roof_workload *w,
                 const roof_hardware *hw, const roof_calibration *cal,
                 roof_plan *p)
{
    core *c = (core *)(void *)p->prepared;
    fold f;
    fold_times(hw, w, cal, &f);
    fold_scalars(m, cal, &f, c);
    roof_model m0 = *m;
    m0.sliding_window = 0;
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n;
    int rc = probe(&m0, w, hw, cal, 1, 1, 0, ops, &n, NULL);
    if (rc == ROOF_OK)
        rc = fold_tokens(ops, n, &f, c);
    if (rc == ROOF_OK)
        rc = fold_attention(&m0, w, &f, cal, c);
    return rc;
}

int roof_plan_init(const roof_model *m, const roof_workload *w,
                   const roof_hardware *hw, const roof_calibration *cal,
                   roof_plan *out)
{
    if (m == NULL || w == NULL || hw == NULL || out == NULL)
        return ROOF_E_NULL;
    const roof_calibration *use;
    roof_plan p;
    memset(&p, 0, sizeof p);
    int rc = check_inputs(m, w, hw, cal, &use, &p.workload);
    if (rc == ROOF_OK)
        rc = build(m, &p.workload, hw, use, &p);
    p.tag = ROOF_PLAN_TAG;
    const uint32_t c = m->sliding_window > 0
                           ? (m->sliding_window < (1u << 30)
                                  ? m->sliding_window : (1u << 30)) + 9u
                           : 17u;
    if (rc == ROOF_OK)
        rc = verify(m, &p.workload, hw, use, &p, 3, 5, c);
    if (rc == ROOF_OK)
        rc = verify(m, &p.workload, hw, use, &p, 4, 1, 2u * c);
    if (rc != ROOF_OK)
        return rc;
    p.model = *m;
    p.hardware = *hw;
    p.calibration = *use;
    *out = p;
    return ROOF_OK;
}
