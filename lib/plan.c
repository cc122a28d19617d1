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
 *    scores), solved from four probes of the model without its windows.
 * A model with layer groups has one layer shape per group: its own token
 * ops (shared with an earlier group that has the same ones), and the
 * model's attention ops on its own features: keys capped by its window,
 * or counted within its chunk (docs/plan.md, "Layer groups").  MLA's
 * decode and prefill run different per-sequence ops, each fitted from its
 * own probes; a recurrent mixer's conv and scan are per-sequence ops of
 * their own features (sequences, those with a cache, the scan's work
 * within a chunk).
 * It then checks the folded plan against roof__ops_trusted on two steps
 * that exercise the windows, the chunks, the cache and the batch, and
 * refuses a model it would describe wrongly. */
#include "hardware_table-priv.h"
#include "ops-priv.h"
#include "calibration-priv.h"
#include "plan-priv.h"

#include <math.h>
#include <string.h>

#define NF 4            /* attention features */
#define MAX_ATTN 5      /* per-sequence ops of a kernel: qk, softmax,
                           pv, or the fused attention; MLA's decode adds
                           q_absorb and o_absorb, its prefill kv_b_proj */
#define GROUPS 2        /* attention kernels: decodes, the others */
#define ATTN_POOL 10    /* per-sequence ops of both kernel groups */
#define SSM_SCAN_CHUNK 256.0 /* lib/ops.c's scan chunks: Mamba-2's SSD */
#define GDN_SCAN_CHUNK 64.0  /* and the gated delta rule's */
#define POOL 33         /* token ops of all shapes: what fits */
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

/* A per-sequence operator of one kernel group (decodes, or the others):
 * attention, and MLA's q_absorb, o_absorb and kv_b_proj; each figure a
 * linear form of the features. */
typedef struct attn_op {
    double pos, id, mult;
    double weight; /* bytes a kernel reads once: attention sinks, MLA's
                      absorbed and kv_b matrices */
    double flops[NF], act[NF], kv[NF];
    double inv_peak;
    double floor, inv_compute, inv_memory, inv_row, mask, mask0;
} attn_op;

/* One layer shape: the model's layer, or one layer group's.  Shapes with
 * the same token ops share them (gpt-oss's windowed and full layers);
 * every shape with attention runs the model's attention ops, on its own
 * features. */
typedef struct shape {
    double layers;                    /* layers of this shape */
    double first, n_layer, n_plain;   /* its token ops: tok[first ..
                                         first + n_layer), the first
                                         n_plain of them with constant
                                         weights and no link traffic
                                         (plain_eval) */
    double attn;                      /* 1: it runs the attention ops */
    double window, chunk;             /* its attention reads at most the
                                         last `window` keys (0: all), or
                                         the keys of its own `chunk` */
    double scan;                      /* a recurrent mixer's scan chunk
                                         (Mamba-2 256, Gated DeltaNet
                                         64); 0 for attention */
    double geo;                       /* the first shape of the same
                                         window, chunk and scan: whose
                                         features it uses */
    /* its token ops summed: per token, constant, per expert; and their
     * compute and memory seconds */
    double fl, w, we, act, comm, cs, msw, mswe, msa;
} shape;

/* The plan's private part: doubles only, in roof_plan.prepared.  Op
 * positions count from the first op of their layer (or of the model
 * scope): they break ties of the slowest op within one layer. */
typedef struct core {
    double shapes;                    /* 1 without layer groups */
    double grouped;                   /* 1: the model has layer groups
                                         (the shapes' own features) */
    double inv_bw, inv_ic, overhead;
    double n_top, top_first;          /* the top token ops in tok[] */
    double a_first[2][GROUPS], a_count[2][GROUPS]; /* the ops in
                                         attn[] of attention (0) and of
                                         recurrent mixers (1), per kernel
                                         group */
    double learned, vocab, experts, miss;
    shape sh[ROOF_MAX_GROUPS];
    attn_op attn[ATTN_POOL];
    tok_op embed, lm;
    tok_op tok[POOL];                 /* the shapes' layer ops, then the
                                         top ones */
} core;

ROOF__STATIC_ASSERT(sizeof(core) <= sizeof(((roof_plan *)0)->prepared),
                    plan_core_fits);


/* ---- the step ----------------------------------------------------------- */

/* One attention kernel's inputs: the features summed over its sequences. */
typedef struct group {
    double f[NF];
    double masked;   /* sum of n x keys - causal: scores computed in
                        vain */
    double masked_n; /* sum of n x (n x keys / causal - 1): the same
                        ratio applied to the per-token FLOPs (sinks) */
    double tokens;   /* its new tokens */
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

static ROOF__INLINE void attn_eval(const attn_op *a, const group *g,
                                   double inv_bw, tally *t)
{
    const double fl = dot(a->flops, g->f), act = dot(a->act, g->f);
    const double kv = dot(a->kv, g->f), bytes = a->weight + act + kv;
    const double tc = (fl + a->mask * g->masked + a->mask0 * g->masked_n)
                      * a->inv_compute;
    const double tm = bytes * a->inv_memory;
    const double tr = bytes / g->tokens * a->inv_row;
    const double cs = fl * a->inv_peak, ms = bytes * inv_bw;
    t->flops += a->mult * fl;
    t->weight += a->mult * a->weight;
    t->act += a->mult * act;
    t->kv += a->mult * kv;
    t->cs += a->mult * cs;
    t->ms += a->mult * ms;
    take(t, a->pos, a->id, a->mult, cs, ms, 0.0,
         a->floor + sqrt(tc * tc + tm * tm + tr * tr));
}

/* The plain token ops (constant weights, no link traffic: most of a
 * layer) in one tight loop: with x = T the row term bytes / T is
 * weight / T + act per token.  They are evaluated first and in op order,
 * so a strict compare finds the first slowest among them; the kernels
 * evaluated after them break ties by position (take). */
static ROOF__INLINE void plain_eval(const tok_op *o, uint32_t n, double x,
                                    double inv_t, tally *t)
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

/* A shape's token ops, but for their sums (shape_sums). */
static ROOF__INLINE void tokens_eval(const core *c, const shape *sh,
                                     const step_in *in, tally *t)
{
    const tok_op *tok = c->tok + (uint32_t)sh->first;
    const uint32_t n = (uint32_t)sh->n_layer, np = (uint32_t)sh->n_plain;
    plain_eval(tok, np, in->tokens, in->inv_tokens, t);
    for (uint32_t k = np; k < n; k++) {
        const tok_op *o = &tok[k];
        tok_eval(o, in->tokens, o->expert > 0.0 ? in->touched : 1.0,
                 in->inv_tokens, t);
    }
}

/* The per-sequence ops of class cls (0: attention, 1: a recurrent
 * mixer) of one layer on features g (decodes, the others). */
static ROOF__INLINE void attention_eval(const core *c, uint32_t cls,
                                        const group *g, tally *t)
{
    for (uint32_t k = 0; k < GROUPS; k++) {
        if (g[k].tokens > 0.0) {
            const attn_op *a = c->attn + (uint32_t)c->a_first[cls][k];
            for (const attn_op *end = a + (uint32_t)c->a_count[cls][k];
                 a < end; a++)
                attn_eval(a, &g[k], c->inv_bw, t);
        }
    }
}

/* The token ops' sums of one layer of a shape. */
static ROOF__INLINE void shape_sums(const shape *sh, const step_in *in,
                                    tally *t)
{
    t->flops += sh->fl * in->tokens;
    t->cs += sh->cs * in->tokens;
    t->ms += sh->msw + sh->mswe * in->touched + sh->msa * in->tokens;
    t->weight += sh->w + sh->we * in->touched;
    t->act += sh->act * in->tokens;
    t->comm += sh->comm * in->tokens;
}

static ROOF__INLINE void top_eval(const core *c, const step_in *in,
                                  tally *t)
{
    const uint32_t first = (uint32_t)c->top_first;
    const uint32_t end = first + (uint32_t)c->n_top;
    for (uint32_t k = first; k < end; k++) {
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

/* a += k b, as lib/ops.c adds a layer group's sums k times. */
static void tally_add(tally *a, const tally *b, double k)
{
    a->sec += k * b->sec;
    a->exp += k * b->exp;
    a->cs += k * b->cs;
    a->ms += k * b->ms;
    a->mem += k * b->mem;
    a->comp += k * b->comp;
    a->link += k * b->link;
    a->flops += k * b->flops;
    a->weight += k * b->weight;
    a->act += k * b->act;
    a->kv += k * b->kv;
    a->comm += k * b->comm;
    if (k * b->slow > a->slow) {
        a->slow = k * b->slow;
        a->dom = b->dom;
    }
}

/* The step's answer from the model's sums m. */
static void compose(const core *c, const tally *m, const step_in *in,
                    roof_step_result *r)
{
    r->seconds = m->sec;
    r->expected_seconds = m->exp;
    r->overhead_seconds = c->overhead;
    r->flops = m->flops;
    r->weight_bytes = m->weight;
    r->act_bytes = m->act;
    r->kv_bytes = m->kv;
    r->bytes = r->weight_bytes + r->act_bytes + r->kv_bytes;
    r->comm_bytes = m->comm;
    r->compute_seconds = m->cs;
    r->memory_seconds = m->ms;
    r->comm_seconds = r->comm_bytes * c->inv_ic;
    r->bound_seconds[ROOF_BOUND_NONE] = 0.0;
    r->bound_seconds[ROOF_BOUND_MEMORY] = m->mem;
    r->bound_seconds[ROOF_BOUND_COMPUTE] = m->comp;
    r->bound_seconds[ROOF_BOUND_INTERCONNECT] = m->link;
    r->tokens = in->tokens;
    r->bound = bound_of(r->bound_seconds);
    r->dominant_op = (uint32_t)m->dom;
    r->sequences = in->sequences;
    r->reserved0 = 0;
    memset(r->reserved, 0, sizeof r->reserved);
}

/* The step's counts, T, the touched experts and the embedding's rows. */
static ROOF__INLINE void step_counts(const core *c, step_in *in)
{
    in->inv_tokens = 1.0 / in->tokens;
    in->touched = c->experts > 0.0
                      ? c->experts * (1.0 - pow(c->miss, in->tokens))
                      : 0.0;
    in->embed_rows = (in->tokens < c->vocab ? in->tokens : c->vocab)
                     + in->embed_rows * c->learned;
}

/* ROOF_E_OVERFLOW when a count passes ROOF_MAX_VALUE; else *out = *r. */
static ROOF__INLINE int finish(const roof_step_result *r,
                               roof_step_result *out)
{
    if (!(r->flops <= ROOF_MAX_VALUE && r->bytes <= ROOF_MAX_VALUE
          && r->expected_seconds <= ROOF_MAX_VALUE))
        return ROOF_E_OVERFLOW;
    *out = *r;
    return ROOF_OK;
}

/* model = layers x layer + top, as roof_step's model totals. */
static ROOF__INLINE void compose_layers(const core *c, const tally *l,
                                       const tally *t,
                                       const step_in *in,
                                       roof_step_result *r)
{
    const double L = c->sh[0].layers;
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

/* A step of a model without groups. */
static int evaluate(const core *c, step_in *in, roof_step_result *out)
{
    step_counts(c, in);
    tally l = tally_zero, t = tally_zero;
    tokens_eval(c, &c->sh[0], in, &l);
    attention_eval(c, 0, in->g, &l);
    shape_sums(&c->sh[0], in, &l);
    top_eval(c, in, &t);
    roof_step_result r;
    compose_layers(c, &l, &t, in, &r);
    return finish(&r, out);
}

/* A step of a model with layer groups, shape g[k] the features of shape
 * k: the sum over shapes of layers x layer, then top (lib/ops.c's
 * order). */
static ROOF__COLD int evaluate_shapes(const core *c, step_in *in,
                                      const group (*g)[GROUPS],
                                      roof_step_result *out)
{
    step_counts(c, in);
    tally m = tally_zero, t = tally_zero, tok = tally_zero;
    for (uint32_t k = 0; k < (uint32_t)c->shapes; k++) {
        const shape *sh = &c->sh[k];
        if (k == 0 || sh->first != c->sh[k - 1].first) {
            tok = tally_zero;
            tokens_eval(c, sh, in, &tok);
        }
        tally l = tok;
        if (sh->attn > 0.0)
            attention_eval(c, sh->scan > 0.0, g[(uint32_t)sh->geo], &l);
        shape_sums(sh, in, &l);
        tally_add(&m, &l, sh->layers);
    }
    top_eval(c, in, &t);
    tally_add(&m, &t, 1.0);
    roof_step_result r;
    compose(c, &m, in, &r);
    return finish(&r, out);
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

/* The features of b sequences of n new tokens over `keys` keys with
 * `causal` unmasked scores each, added to a kernel group. */
static ROOF__INLINE void add_features(group *g, double b, double n,
                                      double keys, double causal)
{
    const double masked = n * keys - causal;
    g->f[0] += b * n;
    g->f[1] += b * n * keys;
    g->f[2] += b * (keys - n);
    g->f[3] += b * causal;
    if (masked > 0.0) {
        g->masked += b * masked;
        g->masked_n += b * n * (n * keys / causal - 1.0);
    }
    g->tokens += b * n;
}

/* b sequences of n new tokens on c cached, added to a group. */
static ROOF__INLINE void add_seqs(group *g, double b, double n, double c,
                                  double window)
{
    double keys = c + n;
    if (window > 0.0 && n + window - 1.0 < keys)
        keys = n + window - 1.0;
    add_features(g, b, n, keys, causal_scores(c, n, window));
}

/* Sum over p = 0 .. x-1 of (p mod C) (lib/ops.c). */
static double chunk_offsets(uint64_t x, uint64_t chunk)
{
    const double q = (double)(x / chunk), r = (double)(x % chunk);
    const double C = (double)chunk;
    return q * (C * (C - 1.0) * 0.5) + r * (r - 1.0) * 0.5;
}

/* The same for chunked attention: each query sees its own chunk's keys up
 * to itself; the kernel reads the c mod C cached keys of the chunk. */
static void add_chunked(group *g, double b, uint32_t n, uint32_t c,
                        uint32_t chunk)
{
    const double cached = (double)(c % chunk);
    const double causal = chunk_offsets((uint64_t)c + n, chunk)
                          - chunk_offsets(c, chunk) + (double)n;
    add_features(g, b, n, cached + n, causal);
}

/* The features of a recurrent mixer (Mamba-2, Gated DeltaNet): new
 * tokens, sequences, sequences with a cache (they read their state), and
 * n x min(n, scan chunk) (the scan's work within a chunk, lib/ops.c). */
static void add_recurrent(group *g, double b, uint32_t n, uint32_t c,
                          double scan)
{
    const double x = n, within = x < scan ? x : scan;
    g->f[0] += b * x;
    g->f[1] += b;
    g->f[2] += c > 0 ? b : 0.0;
    g->f[3] += b * x * within;
    g->tokens += b * x;
}

/* b sequences added to the kernel group of one layer shape. */
static void add_shape(const shape *sh, group *g, double b, uint32_t n,
                      uint32_t c)
{
    if (sh->scan > 0.0)
        add_recurrent(g, b, n, c, sh->scan);
    else if (sh->chunk > 0.0)
        add_chunked(g, b, n, c, (uint32_t)sh->chunk);
    else
        add_seqs(g, b, n, c, sh->window);
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

/* A uniform step of a model with layer groups: each shape's features. */
static ROOF__COLD int step_shapes(const core *c, step_in *in, uint32_t batch,
                                  uint32_t n, uint32_t cached,
                                  roof_step_result *out)
{
    group g[ROOF_MAX_GROUPS][GROUPS];
    memset(g, 0, sizeof g);
    for (uint32_t k = 0; k < (uint32_t)c->shapes; k++) {
        if (c->sh[k].geo == k)
            add_shape(&c->sh[k], &g[k][n > 1], batch, n, cached);
    }
    return evaluate_shapes(c, in, (const group(*)[GROUPS])g, out);
}

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
    if (c->grouped > 0.0)
        return step_shapes(c, &in, batch, new_tokens, cached_tokens, out);
    add_seqs(&in.g[new_tokens > 1], batch, new_tokens, cached_tokens,
             c->sh[0].window);
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
    add_seqs(prefill, 1.0, n, cached, c->sh[0].window);
}

/* The decodes' features from their count n and their summed keys k. */
static void decode_features(group *g, double n, double k)
{
    g->f[0] = n;
    g->f[1] = k;
    g->f[2] = k - n;
    g->f[3] = k;
    g->tokens = n;
}

/* A recurrent mixer's decodes from their count n and those with a
 * cache h: each one token, one sequence. */
static void recurrent_decodes(group *g, double n, double h)
{
    g->f[0] = n;
    g->f[1] = n;
    g->f[2] = h;
    g->f[3] = n;
    g->tokens = n;
}

/* The mixed step's features: one pass over the sequences (and *extra). */
static int gather(const core *c, const roof_seq *seqs, uint32_t count,
                  const roof_seq *extra, step_in *in)
{
    seq_sums s = {0, 0, 0, UINT64_MAX, 0, 1};
    if (c->sh[0].window > 0.0)
        s.cap = (uint64_t)c->sh[0].window;
    for (uint32_t i = 0; i < count; i++)
        take_seq(c, &s, &in->g[1], seqs[i].new_tokens,
                 seqs[i].cached_tokens);
    if (extra != NULL)
        take_seq(c, &s, &in->g[1], extra->new_tokens, extra->cached_tokens);
    if (s.zero)
        return ROOF_E_RANGE;
    if (s.tokens > UINT32_MAX)
        return ROOF_E_OVERFLOW;
    decode_features(&in->g[0], (double)s.decodes, (double)s.keys);
    in->tokens = (double)s.tokens;
    in->embed_rows = s.longest;
    return ROOF_OK;
}

/* The distinct attention geometries of a plan's shapes, as integers:
 * decodes read min(c + 1, cap) keys, or (c mod chunk) + 1. */
typedef struct geoms {
    uint64_t cap[ROOF_MAX_GROUPS];
    uint32_t chunk[ROOF_MAX_GROUPS];
    uint32_t recurrent[ROOF_MAX_GROUPS]; /* counts the decodes with a
                                            cache instead of keys */
    uint32_t shape[ROOF_MAX_GROUPS]; /* the shape whose features */
    uint32_t n;
} geoms;

static void geoms_of(const core *c, geoms *gm)
{
    gm->n = 0;
    for (uint32_t k = 0; k < (uint32_t)c->shapes; k++) {
        const shape *sh = &c->sh[k];
        if (sh->geo != k || sh->attn == 0.0)
            continue;
        gm->cap[gm->n] = sh->window > 0.0 ? (uint64_t)sh->window
                                          : UINT64_MAX;
        gm->chunk[gm->n] = (uint32_t)sh->chunk;
        gm->recurrent[gm->n] = sh->scan > 0.0;
        gm->shape[gm->n++] = k;
    }
}

/* A sequence of n != 1 new tokens into every geometry's features. */
static void take_chunk_shapes(const core *c, const geoms *gm, seq_sums *s,
                              group (*g)[GROUPS], uint32_t n,
                              uint32_t cached)
{
    s->zero |= (uint32_t)(n == 0);
    s->longest = n > s->longest ? n : s->longest;
    for (uint32_t j = 0; j < gm->n && n > 0; j++)
        add_shape(&c->sh[gm->shape[j]], &g[gm->shape[j]][1], 1.0, n, cached);
}

/* One sequence of a mixed step into every geometry's features; the
 * decodes on a fast path of integer sums. */
static ROOF__INLINE void take_seq_shapes(const core *c, const geoms *gm,
                                         seq_sums *s, uint64_t *keys,
                                         group (*g)[GROUPS],
                                         const roof_seq *q)
{
    const uint32_t n = q->new_tokens, cached = q->cached_tokens;
    s->tokens += n;
    if (n != 1) {
        take_chunk_shapes(c, gm, s, g, n, cached);
        return;
    }
    const uint64_t k = (uint64_t)cached + 1u;
    s->decodes++;
    for (uint32_t j = 0; j < gm->n; j++)
        keys[j] += gm->recurrent[j] ? (uint64_t)(cached > 0)
                   : gm->chunk[j] > 0 ? cached % gm->chunk[j] + 1u
                   : k < gm->cap[j] ? k : gm->cap[j];
}

/* The mixed step of a model with layer groups. */
static ROOF__COLD int mixed_shapes(const core *c, const roof_seq *seqs,
                                   uint32_t count, const roof_seq *extra,
                                   uint32_t logits, step_in *in,
                                   roof_step_result *out)
{
    group g[ROOF_MAX_GROUPS][GROUPS];
    uint64_t keys[ROOF_MAX_GROUPS] = {0, 0, 0, 0, 0, 0, 0, 0};
    seq_sums s = {0, 0, 0, 0, 0, 1};
    geoms gm;
    geoms_of(c, &gm);
    memset(g, 0, sizeof g);
    for (uint32_t i = 0; i < count; i++)
        take_seq_shapes(c, &gm, &s, keys, g, &seqs[i]);
    if (extra != NULL)
        take_seq_shapes(c, &gm, &s, keys, g, extra);
    if (s.zero)
        return ROOF_E_RANGE;
    if (s.tokens > UINT32_MAX)
        return ROOF_E_OVERFLOW;
    for (uint32_t j = 0; j < gm.n; j++) {
        group *d = &g[gm.shape[j]][0];
        if (gm.recurrent[j])
            recurrent_decodes(d, (double)s.decodes, (double)keys[j]);
        else
            decode_features(d, (double)s.decodes, (double)keys[j]);
    }
    in->tokens = (double)s.tokens;
    in->embed_rows = s.longest;
    if (logits == ROOF_LOGITS_ALL)
        in->lm_rows = in->tokens;
    return evaluate_shapes(c, in, (const group(*)[GROUPS])g, out);
}

/* A mixed step (of seqs and *extra when not NULL) on a checked plan. */
static int mixed(const roof_plan *p, const roof_seq *seqs, uint32_t count,
                 const roof_seq *extra, roof_step_result *out)
{
    const core *c = core_of(p);
    const uint32_t all = count + (extra != NULL);
    step_in in = step_zero;
    in.sequences = all;
    in.lm_rows = (double)all;
    if (c->grouped > 0.0)
        return mixed_shapes(c, seqs, count, extra, p->logits, &in, out);
    int rc = gather(c, seqs, count, extra, &in);
    if (rc != ROOF_OK)
        return rc;
    if (p->logits == ROOF_LOGITS_ALL)
        in.lm_rows = in.tokens;
    return evaluate(c, &in, out);
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
    return mixed(p, seqs, count, NULL, out);
}

int roof__plan_step_extra(const roof_plan *p, const roof_seq *seqs,
                          uint32_t count, const roof_seq *extra,
                          roof_step_result *out)
{
    return mixed(p, seqs, count, extra, out);
}

/* ---- folding ------------------------------------------------------------ */

/* What init needs besides the plan: the roofs and the time model. */
typedef struct fold {
    const roof_hardware *hw;
    uint32_t precision;   /* the workload's: kt is folded at its peak */
    roof__kernel_time kt[ROOF_KERNEL_KIND_COUNT];
    double inv_bw, inv_ic;
} fold;

static void fold_times(const roof_hardware *hw, const roof_workload *w,
                       const roof_calibration *cal, fold *f)
{
    roof__kernel_times(hw, w->precision, cal, f->kt);
    f->hw = hw;
    f->precision = w->precision;
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
    o->tc = o->flops * k->inv_compute
            * roof__time_scale(f->hw, f->precision, r->precision);
    o->tmw = comm ? 0.0 : o->weight * k->inv_memory;
    o->tma = (comm ? o->comm : o->act) * k->inv_memory;
    o->trw = o->weight * k->inv_row;
    o->tra = o->act * k->inv_row;
    o->floor = (comm ? 2.0 : 1.0) * k->floor;
}

/* An op that runs per sequence (attention, MLA's absorbed and
 * decompressing matmuls): folded as a linear form of the features. */
static int is_attention(uint32_t id)
{
    return id == ROOF_OP_QK_MATMUL || id == ROOF_OP_SOFTMAX
           || id == ROOF_OP_PV_MATMUL || id == ROOF_OP_ATTENTION
           || id == ROOF_OP_Q_ABSORB || id == ROOF_OP_O_ABSORB
           || id == ROOF_OP_KV_B_PROJ || id == ROOF_OP_SSM_CONV
           || id == ROOF_OP_SSM_SCAN;
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
 * out exactly 0 (docs/plan.md).  MLA runs other ops for one new token
 * than for several, so its prefill ops are fitted from four probes of
 * n >= 2, (n, c) = (2, 0), (3, 2), (4, 1), (5, 1), also of determinant 1,
 * and its decode ops from (1, 0) and (1, 1): a + b keys. */
typedef struct probes {
    uint32_t n[NF], c[NF], count;
    double inverse[NF][NF];
} probes;

static const probes probes_any = {
    {1, 2, 1, 2}, {0, 0, 1, 1}, NF,
    {{0, 1, 1, -1}, {-3, 2, 1, -1}, {-2, 1, 2, -1}, {4, -3, -2, 2}}};
static const probes probes_prefill = {
    {2, 3, 4, 5}, {0, 2, 1, 1}, NF,
    {{10, 6, -23, 11}, {14, 9, -35, 17}, {30, 20, -75, 36},
     {-25, -16, 62, -30}}};
/* A recurrent mixer's: features (n, sequences, sequences with a cache,
 * n x min(n, chunk)) of (1, 0), (2, 0), (1, 1), (3, 0); its inverse has
 * halves, still exact. */
static const probes probes_recurrent = {
    {1, 2, 1, 3}, {0, 0, 1, 0}, NF,
    {{-2.5, 4, 0, -1.5}, {3, -3, 0, 1}, {-1, 0, 1, 0}, {0.5, -1, 0, 0.5}}};
static const probes probes_decode = {
    {1, 1, 0, 0}, {0, 1, 0, 0}, 2,
    {{2, -1, 0, 0}, {-1, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}};

/* coef[j] = sum over probes p of inverse[j][p] x values[p]. */
static void solve(const probes *pr, const double values[NF], double coef[NF])
{
    for (uint32_t j = 0; j < NF; j++) {
        double sum = 0.0;
        for (uint32_t p = 0; p < pr->count; p++)
            sum += pr->inverse[j][p] * values[p];
        coef[j] = sum;
    }
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

/* An op's time model in kernel group g (0: the decodes). */
static void attn_times(const fold *f, uint32_t g, attn_op *a)
{
    const uint32_t id = (uint32_t)a->id;
    uint32_t kind = roof__op_kind(id);
    if (id == ROOF_OP_ATTENTION && g == 0)
        kind = ROOF_KERNEL_ATTN_DECODE;
    const roof__kernel_time *k = &f->kt[kind];
    a->floor = k->floor;
    a->inv_compute = k->inv_compute * a->inv_compute; /* x its factor */
    a->inv_memory = k->inv_memory;
    a->inv_row = k->inv_row;
    a->mask = kind == ROOF_KERNEL_ATTN_PREFILL ? k->masked * a->flops[3]
                                               : 0.0;
    a->mask0 = kind == ROOF_KERNEL_ATTN_PREFILL ? k->masked * a->flops[0]
                                                : 0.0;
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
    const size_t off = offsetof(attn_op, weight);
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

/* Where op k's layer (or the model scope) begins: op positions count
 * from there. */
static uint32_t scope_start(const roof_op *ops, uint32_t k, uint32_t start)
{
    if (k == 0 || ops[k].group != ops[k - 1].group
        || ops[k].scope != ops[k - 1].scope)
        return k;
    return start;
}

/* Each shape's attention ops, fitted, before they are merged. */
typedef struct attn_fit {
    attn_op op[ROOF_MAX_GROUPS][MAX_ATTN];
    double v[ROOF_MAX_GROUPS][MAX_ATTN][3][NF]; /* flops, act, kv of each
                                                   probe */
    uint32_t n[ROOF_MAX_GROUPS];
} attn_fit;

/* Records one probe's attention ops, per layer shape: flops, act and kv
 * bytes. */
static void attn_values(const roof_op *ops, uint32_t n, const fold *f,
                        uint32_t p, attn_fit *x)
{
    uint32_t start = 0;
    memset(x->n, 0, sizeof x->n);
    for (uint32_t k = 0; k < n; k++) {
        const roof_op *r = &ops[k];
        const uint32_t g = r->group, i = x->n[g];
        start = scope_start(ops, k, start);
        if (!is_attention(r->id) || i == MAX_ATTN)
            continue;
        attn_op *a = &x->op[g][i];
        a->pos = k - start;
        a->id = r->id;
        a->mult = 1.0;
        a->inv_peak = inv_peak_of(f, r->precision);
        a->weight = r->weight_bytes;
        a->floor = a->inv_memory = a->inv_row = 0.0;
        a->mask = a->mask0 = 0.0; /* timed once shared: merges compare */
        /* Until attn_times: the factor on its compute time (an absorbed
         * MLA matmul runs at its weights' roof, attention at the
         * workload's), the same for identical ops, so merges compare. */
        a->inv_compute = roof__time_scale(f->hw, f->precision, r->precision);
        x->v[g][i][0][p] = r->flops;
        x->v[g][i][1][p] = r->act_read_bytes + r->act_write_bytes;
        x->v[g][i][2][p] = r->kv_read_bytes + r->kv_write_bytes;
        x->n[g]++;
    }
}

/* The model's per-sequence ops of class cls from one fit: every shape of
 * that class must run the same ones (on its own features); they go to
 * the pool (from *used) as kernel group g's, timed for it.
 * ROOF_E_UNSUPPORTED when the shapes differ or the pool is full. */
static int share_attention(const attn_fit *x, const fold *f, uint32_t cls,
                           uint32_t g, core *c, uint32_t *used)
{
    int first = -1;
    for (uint32_t k = 0; k < (uint32_t)c->shapes; k++) {
        if ((c->sh[k].scan > 0.0) != cls || x->n[k] == 0)
            continue;
        c->sh[k].attn = 1.0;
        if (first < 0)
            first = (int)k;
        else if (x->n[k] != x->n[first]
                 || memcmp(x->op[k], x->op[first],
                           x->n[k] * sizeof x->op[k][0]) != 0)
            return ROOF_E_UNSUPPORTED;
    }
    const uint32_t n = first >= 0 ? x->n[first] : 0;
    if (*used + n > ATTN_POOL)
        return ROOF_E_UNSUPPORTED;
    attn_op *o = c->attn + *used;
    if (n > 0)
        memcpy(o, x->op[first], n * sizeof *o);
    for (uint32_t k = 0; k < n; k++)
        attn_times(f, g, &o[k]);
    c->a_first[cls][g] = *used;
    c->a_count[cls][g] = merge_attn(o, n);
    *used += (uint32_t)c->a_count[cls][g];
    return ROOF_OK;
}

/* Fits the per-sequence ops' linear forms from the probes pr, run on m0
 * (the model without its windows: the coefficients do not depend on
 * them, the features do, and the step computes those). */
static int fit(const roof_model *m0, const roof_workload *w, const fold *f,
               const roof_calibration *cal, const probes *pr, attn_fit *x,
               uint32_t shapes)
{
    for (uint32_t p = 0; p < pr->count; p++) {
        roof_op ops[ROOF_MAX_OPS];
        uint32_t n;
        int rc = probe(m0, w, f->hw, cal, 1, pr->n[p], pr->c[p], ops, &n,
                       NULL);
        if (rc != ROOF_OK)
            return rc;
        attn_values(ops, n, f, p, x);
    }
    for (uint32_t g = 0; g < shapes; g++) {
        for (uint32_t k = 0; k < x->n[g]; k++) {
            attn_op *o = &x->op[g][k];
            solve(pr, x->v[g][k][0], o->flops);
            solve(pr, x->v[g][k][1], o->act);
            solve(pr, x->v[g][k][2], o->kv);
        }
    }
    return ROOF_OK;
}

/* Whether a group of m runs a mixer of this kind. */
static int has_mixer(const roof_model *m, uint32_t mixer)
{
    int any = 0;
    for (uint32_t g = 0; g < m->group_count; g++)
        any |= m->groups[g].mixer == mixer;
    return any;
}

/* The attention ops of both kernel groups: one fit for both, or, for
 * MLA, the decodes' and the others' each from their own probes. */
static int fold_attention_ops(const roof_model *m0, const roof_workload *w,
                              const fold *f, const roof_calibration *cal,
                              core *c, uint32_t *used)
{
    attn_fit x;
    const uint32_t shapes = (uint32_t)c->shapes;
    const int mla = has_mixer(m0, ROOF_MIXER_MLA);
    int rc = fit(m0, w, f, cal, mla ? &probes_decode : &probes_any, &x,
                 shapes);
    if (rc == ROOF_OK)
        rc = share_attention(&x, f, 0, 0, c, used);
    if (rc == ROOF_OK && mla)
        rc = fit(m0, w, f, cal, &probes_prefill, &x, shapes);
    if (rc == ROOF_OK)
        rc = share_attention(&x, f, 0, 1, c, used);
    return rc;
}

/* The per-sequence ops: attention's, and a recurrent mixer's conv and
 * scan (the same ops for one new token as for several). */
static int fold_attention(const roof_model *m0, const roof_workload *w,
                          const fold *f, const roof_calibration *cal,
                          core *c)
{
    uint32_t used = 0;
    int rc = fold_attention_ops(m0, w, f, cal, c, &used);
    if (rc != ROOF_OK || !(has_mixer(m0, ROOF_MIXER_MAMBA2)
                           || has_mixer(m0, ROOF_MIXER_GDN)))
        return rc;
    attn_fit x;
    rc = fit(m0, w, f, cal, &probes_recurrent, &x, (uint32_t)c->shapes);
    if (rc == ROOF_OK)
        rc = share_attention(&x, f, 1, 0, c, &used);
    if (rc == ROOF_OK)
        rc = share_attention(&x, f, 1, 1, c, &used);
    return rc;
}

/* Routed experts touched by T tokens (lib/ops.c's uniform routing). */
static double touched_at(const core *c, double tokens)
{
    return c->experts > 0.0 ? c->experts * (1.0 - pow(c->miss, tokens))
                            : 1.0;
}

static void sum_layer(shape *c, const tok_op *o)
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

/* The token ops of one probe, sorted by scope and layer shape. */
typedef struct tok_ops {
    tok_op layer[ROOF_MAX_GROUPS][ROOF_OP_COUNT];
    uint32_t n[ROOF_MAX_GROUPS];
    tok_op top[ROOF_OP_COUNT];
    uint32_t n_top;
} tok_ops;

static void collect_tokens(const roof_op *ops, uint32_t n, const fold *f,
                           core *c, tok_ops *t)
{
    const double touched = touched_at(c, 1.0);
    uint32_t start = 0;
    for (uint32_t k = 0; k < n; k++) {
        const roof_op *r = &ops[k];
        const uint32_t g = r->group;
        start = scope_start(ops, k, start);
        const double pos = k - start;
        if (is_attention(r->id))
            continue;
        if (r->id == ROOF_OP_EMBED) {
            fold_tok(f, r, pos, 1.0 + c->learned, &c->embed);
        } else if (r->id == ROOF_OP_LM_HEAD) {
            fold_tok(f, r, pos, 1.0, &c->lm);
        } else if (r->scope == ROOF_SCOPE_LAYER) {
            const int ex = is_expert(r->id);
            tok_op *o = &t->layer[g][t->n[g]++];
            fold_tok(f, r, pos, ex ? touched : 1.0, o);
            o->expert = ex;
        } else {
            fold_tok(f, r, pos, 1.0, &t->top[t->n_top++]);
        }
    }
}

/* Whether an earlier shape has the token ops ops[] of shape g: then g
 * shares them. */
static int share_tokens(core *c, uint32_t g, const tok_op *ops)
{
    shape *sh = &c->sh[g];
    for (uint32_t k = 0; k < g; k++) {
        const shape *o = &c->sh[k];
        if (o->n_layer == sh->n_layer && o->n_plain == sh->n_plain
            && memcmp(c->tok + (uint32_t)o->first, ops,
                      (uint32_t)sh->n_layer * sizeof *ops) == 0) {
            sh->first = o->first;
            return 1;
        }
    }
    return 0;
}

/* The token ops, the embedding and lm_head from the probe at 1 token:
 * each shape's layer ops merged into the pool, then the top ones.
 * ROOF_E_UNSUPPORTED when they pass the pool. */
static int fold_tokens(const roof_op *ops, uint32_t n, const fold *f,
                       core *c)
{
    tok_ops t;
    memset(&t, 0, sizeof t); /* once per plan: every op slot defined */
    collect_tokens(ops, n, f, c, &t);
    uint32_t used = 0;
    for (uint32_t g = 0; g < (uint32_t)c->shapes; g++) {
        shape *sh = &c->sh[g];
        for (uint32_t k = 0; k < t.n[g]; k++) /* in op order */
            sum_layer(sh, &t.layer[g][k]);
        const uint32_t nl = merge_tok(t.layer[g], t.n[g]);
        sh->n_plain = partition(t.layer[g], nl);
        sh->n_layer = nl;
        if (share_tokens(c, g, t.layer[g]))
            continue;
        if (used + nl + t.n_top > POOL)
            return ROOF_E_UNSUPPORTED;
        memcpy(c->tok + used, t.layer[g], nl * sizeof *c->tok);
        sh->first = used;
        used += nl;
    }
    memcpy(c->tok + used, t.top, t.n_top * sizeof *c->tok);
    c->top_first = used;
    c->n_top = t.n_top;
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

/* The layer shapes: the model's one layer, or one per layer group. */
static void fold_shapes(const roof_model *m, core *c)
{
    c->grouped = m->group_count > 0;
    c->shapes = m->group_count > 0 ? m->group_count : 1;
    c->sh[0].layers = m->layers;
    c->sh[0].window = m->sliding_window;
    for (uint32_t g = 0; g < m->group_count; g++) {
        const roof_layer_group *x = &m->groups[g];
        shape *sh = &c->sh[g];
        sh->layers = x->layers;
        sh->window = x->mixer == ROOF_MIXER_SLIDING ? x->window
                     : x->mixer == ROOF_MIXER_ATTENTION ? m->sliding_window
                                                         : 0.0;
        sh->chunk = x->mixer == ROOF_MIXER_CHUNKED ? x->window : 0.0;
        sh->scan = x->mixer == ROOF_MIXER_MAMBA2 ? SSM_SCAN_CHUNK
                   : x->mixer == ROOF_MIXER_GDN ? GDN_SCAN_CHUNK : 0.0;
        sh->geo = g;
    }
}

static void fold_scalars(const roof_model *m, const roof_calibration *cal,
                         const fold *f, core *c)
{
    fold_shapes(m, c);
    c->inv_bw = f->inv_bw;
    c->inv_ic = f->inv_ic;
    c->overhead = cal->step_overhead_seconds;
    c->learned = m->position == ROOF_POS_LEARNED;
    c->vocab = m->vocab;
    c->experts = m->experts;
    c->miss = m->experts > 0
                  ? 1.0 - (double)m->experts_per_token / m->experts
                  : 1.0;
}

/* Shapes with per-sequence ops of the same window, chunk and scan share
 * the first one's features (once the ops are folded). */
static void share_geometries(core *c)
{
    for (uint32_t g = 0; g < (uint32_t)c->shapes; g++) {
        shape *sh = &c->sh[g];
        for (uint32_t k = g; sh->attn > 0.0 && k-- > 0;) {
            const shape *o = &c->sh[k];
            if (o->attn > 0.0 && o->window == sh->window
                && o->chunk == sh->chunk && o->scan == sh->scan)
                sh->geo = k;
        }
    }
}

/* The model without its windows (and with chunks longer than any probe):
 * what the folding probes run on. */
static void unwindowed(const roof_model *m, roof_model *m0)
{
    *m0 = *m;
    m0->sliding_window = 0;
    for (uint32_t g = 0; g < m->group_count; g++) {
        if (m0->groups[g].window > 0)
            m0->groups[g].window = 1u << 30;
    }
}

/* The verification's cached length: past the longest window or chunk. */
static uint32_t verify_cached(const roof_model *m)
{
    uint32_t w = m->sliding_window;
    for (uint32_t g = 0; g < m->group_count; g++)
        w = m->groups[g].window > w ? m->groups[g].window : w;
    return w > 0 ? (w < (1u << 30) ? w : (1u << 30)) + 9u : 17u;
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
    roof_model m0;
    unwindowed(m, &m0);
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n;
    int rc = probe(&m0, w, hw, cal, 1, 1, 0, ops, &n, NULL);
    if (rc == ROOF_OK)
        rc = fold_tokens(ops, n, &f, c);
    if (rc == ROOF_OK)
        rc = fold_attention(&m0, w, &f, cal, c);
    share_geometries(c);
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
    const uint32_t c = rc == ROOF_OK ? verify_cached(m) : 0;
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
