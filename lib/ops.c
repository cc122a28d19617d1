/* The operators of one transformer step: FLOPs, bytes, roofline.
 *
 * docs/model.md derives every formula used here.  The hot path: a
 * scheduler calls roof_ops() for every question, so every input is
 * validated once, every shared quantity is computed once (struct step),
 * the roofs are built once per call, and no strings are touched. */
#include "hardware_table.h"

#include <math.h>
#include <string.h>

static const char *const op_names[ROOF_OP_COUNT] = {
    "embed",          "attn_norm",        "q_proj",
    "k_proj",         "v_proj",           "rope",
    "qk_matmul",      "softmax",          "pv_matmul",
    "attention",      "o_proj",           "attn_add",
    "mlp_norm",       "router",           "gate_proj",
    "up_proj",        "act",              "down_proj",
    "expert_gate_proj", "expert_up_proj", "expert_act",
    "expert_down_proj", "mlp_add",        "allreduce",
    "final_norm",     "lm_head",
};

static const uint8_t op_classes[ROOF_OP_COUNT] = {
    ROOF_CLASS_EMBED,       ROOF_CLASS_ELEMENTWISE, ROOF_CLASS_ATTN_PROJ,
    ROOF_CLASS_ATTN_PROJ,   ROOF_CLASS_ATTN_PROJ,   ROOF_CLASS_ELEMENTWISE,
    ROOF_CLASS_ATTN_MATMUL, ROOF_CLASS_ELEMENTWISE, ROOF_CLASS_ATTN_MATMUL,
    ROOF_CLASS_ATTN_MATMUL, ROOF_CLASS_ATTN_PROJ,   ROOF_CLASS_ELEMENTWISE,
    ROOF_CLASS_ELEMENTWISE, ROOF_CLASS_MLP_PROJ,    ROOF_CLASS_MLP_PROJ,
    ROOF_CLASS_MLP_PROJ,    ROOF_CLASS_ELEMENTWISE, ROOF_CLASS_MLP_PROJ,
    ROOF_CLASS_MLP_PROJ,    ROOF_CLASS_MLP_PROJ,    ROOF_CLASS_ELEMENTWISE,
    ROOF_CLASS_MLP_PROJ,    ROOF_CLASS_ELEMENTWISE, ROOF_CLASS_COMM,
    ROOF_CLASS_ELEMENTWISE, ROOF_CLASS_EMBED,
};

/* Ops that run at the workload's matmul precision; the rest use FP32. */
static const uint8_t op_matmul[ROOF_OP_COUNT] = {
    [ROOF_OP_Q_PROJ] = 1,           [ROOF_OP_K_PROJ] = 1,
    [ROOF_OP_V_PROJ] = 1,           [ROOF_OP_QK_MATMUL] = 1,
    [ROOF_OP_PV_MATMUL] = 1,        [ROOF_OP_ATTENTION] = 1,
    [ROOF_OP_O_PROJ] = 1,           [ROOF_OP_ROUTER] = 1,
    [ROOF_OP_GATE_PROJ] = 1,        [ROOF_OP_UP_PROJ] = 1,
    [ROOF_OP_DOWN_PROJ] = 1,        [ROOF_OP_EXPERT_GATE_PROJ] = 1,
    [ROOF_OP_EXPERT_UP_PROJ] = 1,   [ROOF_OP_EXPERT_DOWN_PROJ] = 1,
    [ROOF_OP_LM_HEAD] = 1,
};

/* FLOPs per element of the elementwise kernels (docs/model.md, "Elementwise
 * conventions"). */
#define FLOPS_RMSNORM 4.0   /* square-accumulate 2, rsqrt scale 1, gain 1 */
#define FLOPS_LAYERNORM 7.0 /* mean 1, centre 1, square-acc 2, scale,
                               gain, bias 3 */
#define FLOPS_ROPE 3.0      /* per element: (x c - y s, x s + y c) = 6/pair */
#define FLOPS_SOFTMAX 5.0   /* max, subtract, exp, sum, normalise */
#define FLOPS_SILU_MUL 4.0  /* exp, add, divide, times up */
#define FLOPS_GELU 8.0      /* tanh form */

/* The most any op can be relative to the coarse size bound of
 * overflow_ok(): a generous multiple of the ~25 ops x 3 terms x 8 bytes. */
#define OVERFLOW_FACTOR 4096.0

const char *roof_op_name(uint32_t id)
{
    return id < ROOF_OP_COUNT ? op_names[id] : NULL;
}

int roof_workload_prefill(uint32_t batch, uint32_t seq_tokens,
                          roof_workload *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    if (batch == 0 || seq_tokens == 0)
        return ROOF_E_RANGE;
    roof_workload w = {0};
    w.batch = batch;
    w.new_tokens = seq_tokens;
    w.cached_tokens = 0;
    w.weight_bits = w.activation_bits = w.kv_bits = 16;
    w.attention = ROOF_ATTN_UNFUSED;
    w.precision = ROOF_FP16;
    w.tensor_parallel = 1;
    *out = w;
    return ROOF_OK;
}

int roof_workload_decode(uint32_t batch, uint32_t cached_tokens,
                         roof_workload *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    int rc = roof_workload_prefill(batch, 1, out);
    if (rc == ROOF_OK)
        out->cached_tokens = cached_tokens;
    return rc;
}

static int bits_ok(uint32_t bits)
{
    return bits >= 1 && bits <= 64;
}

int roof_workload_validate(const roof_workload *w)
{
    if (w == NULL)
        return ROOF_E_NULL;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(w->reserved); i++) {
        if (w->reserved[i] != 0)
            return ROOF_E_INVALID;
    }
    if (w->attention > ROOF_ATTN_FUSED || w->precision >= ROOF_PRECISION_COUNT)
        return ROOF_E_INVALID;
    if (w->batch == 0 || w->new_tokens == 0 || w->tensor_parallel == 0
        || !bits_ok(w->weight_bits) || !bits_ok(w->activation_bits)
        || !bits_ok(w->kv_bits) || w->scale_bits > 64)
        return ROOF_E_RANGE;
    return ROOF_OK;
}

/* One roof of one call: a precision's peak and the ridge against DRAM. */
typedef struct lane {
    double peak;      /* FLOP/s, efficiency applied */
    double ridge;     /* FLOP/byte */
    uint32_t precision;
} lane;

/* Everything one call computes once. */
typedef struct step {
    lane mm;               /* matmuls: the workload's precision */
    lane ew;               /* elementwise: FP32, else the workload's */
    double bw;             /* DRAM bytes/s, efficiency applied */
    double ic;             /* interconnect bytes/s, efficiency applied */
    double layers;
    double batch, new_tok, tokens;   /* B, n, T = B n */
    double keys;           /* keys one sequence's queries touch (Lk) */
    double cached_keys;    /* of which read from the cache: Lk - n */
    double causal;         /* unmasked scores of one sequence, one head */
    double hidden, qw, kvw;          /* H, h d, kvh d (per device) */
    double heads, kv_heads, head_dim; /* per device */
    double dense, expert;  /* per-device MLP widths */
    double experts, topk, touched;   /* E, k, expected distinct experts */
    double vocab, vocab_shard;
    double wq, ab, kb;     /* bytes per weight (with scales), act, KV */
    double norm_flops, norm_w;        /* per element; gain bytes */
    double tp;
    uint32_t gated, rope, fused, learned, tp_on;
} step;

static double ceil_div(uint32_t a, uint32_t b)
{
    return (double)(((uint64_t)a + b - 1) / b);
}

/* Heads split evenly; K/V heads split, or replicated when fewer than t. */
static int shard_heads(const roof_model *m, uint32_t t, step *s)
{
    if (m->heads % t != 0)
        return ROOF_E_INVALID;
    if (m->kv_heads >= t ? m->kv_heads % t != 0 : t % m->kv_heads != 0)
        return ROOF_E_INVALID;
    s->heads = (double)(m->heads / t);
    s->kv_heads = m->kv_heads >= t ? (double)(m->kv_heads / t) : 1.0;
    return ROOF_OK;
}

/* One lane from a validated device; ROOF_E_UNSUPPORTED or ROOF_E_RANGE. */
static int make_lane(const roof_hardware *hw, uint32_t precision,
                     double eff, double bw, lane *l)
{
    double peak;
    int rc = roof__hardware_peak(hw, precision, &peak);
    if (rc == ROOF_E_INVALID)
        return ROOF_E_RANGE;
    if (rc != ROOF_OK)
        return rc;
    l->peak = peak * eff;
    l->ridge = l->peak / bw;
    l->precision = precision;
    return l->peak >= ROOF__MIN_DIVISOR ? ROOF_OK : ROOF_E_RANGE;
}

static int make_roofs(const roof_hardware *hw, const roof_workload *w,
                      const roof_efficiency *eff, step *s)
{
    static const roof_efficiency ideal = {1.0, 1.0, 1.0};
    if (eff == NULL)
        eff = &ideal;
    else if (roof_efficiency_validate(eff) != ROOF_OK)
        return ROOF_E_RANGE;
    s->bw = hw->dram_bytes_per_s * eff->memory;
    s->ic = hw->interconnect_bytes_per_s * eff->interconnect;
    if (!(s->bw >= ROOF__MIN_DIVISOR))
        return ROOF_E_RANGE;
    if (w->tensor_parallel > 1 && hw->interconnect_bytes_per_s == 0.0)
        return ROOF_E_UNSUPPORTED;
    if (w->tensor_parallel > 1 && !(s->ic >= ROOF__MIN_DIVISOR))
        return ROOF_E_RANGE;
    int rc = make_lane(hw, w->precision, eff->compute, s->bw, &s->mm);
    if (rc != ROOF_OK)
        return rc;
    if (hw->flops_per_clock_per_unit[ROOF_FP32] > 0.0)
        return make_lane(hw, ROOF_FP32, eff->compute, s->bw, &s->ew);
    s->ew = s->mm;
    return ROOF_OK;
}

/* Sum over the n new queries of min(c + i + 1, window): the unmasked
 * scores of one sequence and head. */
static double causal_scores(double c, double n, double window)
{
    double k = n; /* queries whose whole causal prefix fits the window */
    if (window > 0.0)
        k = window - c < 0.0 ? 0.0 : (window - c < n ? window - c : n);
    return k * c + 0.5 * k * (k + 1.0) + (n - k) * window;
}

static void attention_sizes(const roof_model *m, const roof_workload *w,
                            step *s)
{
    const double c = w->cached_tokens, n = w->new_tokens;
    const double window = m->sliding_window;
    s->keys = c + n;
    if (window > 0.0 && n + window - 1.0 < s->keys)
        s->keys = n + window - 1.0;
    s->cached_keys = s->keys - n;
    s->causal = causal_scores(c, n, window);
}

static void mlp_sizes(const roof_model *m, uint32_t t, step *s)
{
    const uint64_t dense = (uint64_t)m->intermediate
                           + (uint64_t)m->shared_experts
                             * m->shared_intermediate;
    s->dense = (double)((dense + t - 1) / t);
    s->expert = ceil_div(m->expert_intermediate, t);
    s->experts = m->experts;
    s->topk = m->experts_per_token;
    s->touched = 0.0;
    if (m->experts > 0) {
        /* Uniform routing: an expert is missed by one token with
         * probability 1 - k/E, by all T tokens with (1 - k/E)^T. */
        const double miss = 1.0 - s->topk / s->experts;
        s->touched = s->experts * (1.0 - pow(miss, s->tokens));
    }
}

static void byte_widths(const roof_model *m, const roof_workload *w, step *s)
{
    s->wq = w->weight_bits / 8.0;
    if (w->quant_group > 0)
        s->wq += w->scale_bits / 8.0 / w->quant_group;
    s->ab = w->activation_bits / 8.0;
    s->kb = w->kv_bits / 8.0;
    const int layer = m->norm == ROOF_NORM_LAYER;
    s->norm_flops = layer ? FLOPS_LAYERNORM : FLOPS_RMSNORM;
    s->norm_w = (layer ? 2.0 : 1.0) * m->hidden * s->ab;
}

static int setup(const roof_model *m, const roof_workload *w, step *s)
{
    const uint32_t t = w->tensor_parallel;
    int rc = shard_heads(m, t, s);
    if (rc != ROOF_OK)
        return rc;
    s->layers = m->layers;
    s->batch = w->batch;
    s->new_tok = w->new_tokens;
    s->tokens = s->batch * s->new_tok;
    s->hidden = m->hidden;
    s->head_dim = m->head_dim;
    s->qw = s->heads * s->head_dim;
    s->kvw = s->kv_heads * s->head_dim;
    s->vocab = m->vocab;
    s->vocab_shard = ceil_div(m->vocab, t);
    s->tp = t;
    s->tp_on = t > 1;
    s->gated = m->mlp == ROOF_MLP_GATED;
    s->rope = m->position == ROOF_POS_ROPE;
    s->learned = m->position == ROOF_POS_LEARNED;
    s->fused = w->attention == ROOF_ATTN_FUSED;
    attention_sizes(m, w, s);
    mlp_sizes(m, t, s);
    byte_widths(m, w, s);
    return ROOF_OK;
}

static uint32_t layer_op_count(const step *s)
{
    uint32_t n = 4 + (s->fused ? 1u : 3u) + 4; /* norm, qkv, attn, o, add,
                                                   norm, mlp_add */
    n += s->rope;
    if (s->dense > 0.0)
        n += s->gated ? 4u : 3u;
    if (s->experts > 0.0)
        n += 1u + (s->gated ? 4u : 3u);
    return n + s->tp_on;
}

/* A coarse upper bound of every count the call produces (each op, and the
 * model totals): weights x tokens and score elements, times a generous
 * factor.  Checked before anything is written. */
static int overflow_ok(const roof_model *m, const step *s)
{
    const double h = m->hidden;
    const double attn_w = h * ((double)m->heads + 2.0 * m->kv_heads)
                          * m->head_dim * 2.0;
    const double mlp_w = 3.0 * h * ((double)m->intermediate
                                    + (double)m->shared_experts
                                      * m->shared_intermediate
                                    + (double)m->experts
                                      * m->expert_intermediate);
    const double params = s->layers * (attn_w + mlp_w + h * (m->experts + 8.0))
                          + h * (2.0 * m->vocab + s->new_tok);
    const double scores = s->layers * m->heads * (m->head_dim + 8.0)
                          * s->tokens * (s->keys + 1.0);
    const double bound = OVERFLOW_FACTOR * ((s->tokens + 1.0) * params
                                            + scores);
    return bound <= ROOF_MAX_VALUE;
}

/* ---- op builders: each fills one roof_op's counts (not its roofline) -- */

static roof_op *put(roof_op *op, uint32_t id, double flops, double w,
                    double ar, double aw)
{
    op->id = id;
    op->op_class = op_classes[id];
    op->scope = ROOF_SCOPE_LAYER;
    op->precision = 0;
    op->flops = flops;
    op->weight_bytes = w;
    op->act_read_bytes = ar;
    op->act_write_bytes = aw;
    op->kv_read_bytes = 0.0;
    op->kv_write_bytes = 0.0;
    op->comm_bytes = 0.0;
    op->gemm_m = op->gemm_n = op->gemm_k = op->gemm_batch = 0.0;
    return op;
}

static void gemm(roof_op *op, double m, double n, double k, double batch)
{
    op->gemm_m = m;
    op->gemm_n = n;
    op->gemm_k = k;
    op->gemm_batch = batch;
}

/* A dense projection of T tokens: [T x k] x [k x n]. */
static roof_op *proj(roof_op *op, uint32_t id, const step *s, double k,
                     double n)
{
    put(op, id, 2.0 * s->tokens * k * n, k * n * s->wq,
        s->tokens * k * s->ab, s->tokens * n * s->ab);
    gemm(op, s->tokens, n, k, 1.0);
    return op + 1;
}

static roof_op *norm(roof_op *op, uint32_t id, const step *s)
{
    const double e = s->tokens * s->hidden;
    put(op, id, s->norm_flops * e, s->norm_w, e * s->ab, e * s->ab);
    return op + 1;
}

static roof_op *rope(roof_op *op, const step *s)
{
    const double e = s->tokens * (s->qw + s->kvw);
    put(op, ROOF_OP_ROPE, FLOPS_ROPE * e, 0.0, e * s->ab, e * s->ab);
    return op + 1;
}

/* qk, softmax, pv as separate kernels over the full n x Lk rectangle. */
static roof_op *attention_unfused(roof_op *op, const step *s)
{
    const double bh = s->batch * s->heads;
    const double scores = bh * s->new_tok * s->keys;
    const double q = s->tokens * s->qw * s->ab;
    const double new_kv = s->tokens * s->kvw; /* elements of new K (or V) */
    const double cached = s->batch * s->cached_keys * s->kvw * s->kb;
    roof_op *o = put(op, ROOF_OP_QK_MATMUL, 2.0 * scores * s->head_dim, 0.0,
                     q + new_kv * s->ab, scores * s->ab);
    o->kv_read_bytes = cached;
    o->kv_write_bytes = new_kv * s->kb;
    gemm(o, s->new_tok, s->keys, s->head_dim, bh);
    put(op + 1, ROOF_OP_SOFTMAX, FLOPS_SOFTMAX * scores, 0.0,
        scores * s->ab, scores * s->ab);
    o = put(op + 2, ROOF_OP_PV_MATMUL, 2.0 * scores * s->head_dim, 0.0,
            scores * s->ab + new_kv * s->ab, q);
    o->kv_read_bytes = cached;
    o->kv_write_bytes = new_kv * s->kb;
    gemm(o, s->new_tok, s->head_dim, s->keys, bh);
    return op + 3;
}

/* One fused kernel: scores stay on chip; only unmasked scores count. */
static roof_op *attention_fused(roof_op *op, const step *s)
{
    const double bh = s->batch * s->heads;
    const double scores = bh * s->causal;
    const double q = s->tokens * s->qw * s->ab;
    const double new_kv = 2.0 * s->tokens * s->kvw;
    put(op, ROOF_OP_ATTENTION,
        (4.0 * s->head_dim + FLOPS_SOFTMAX) * scores, 0.0,
        q + new_kv * s->ab, q);
    op->kv_read_bytes = 2.0 * s->batch * s->cached_keys * s->kvw * s->kb;
    op->kv_write_bytes = new_kv * s->kb;
    gemm(op, s->new_tok, s->keys, s->head_dim, bh);
    return op + 1;
}

static roof_op *residual_add(roof_op *op, uint32_t id, const step *s,
                             double inputs, double extra_flops)
{
    const double e = s->tokens * s->hidden;
    put(op, id, (inputs - 1.0) * e + extra_flops, 0.0, inputs * e * s->ab,
        e * s->ab);
    return op + 1;
}

static roof_op *activation(roof_op *op, uint32_t id, const step *s,
                           double e)
{
    if (s->gated)
        put(op, id, FLOPS_SILU_MUL * e, 0.0, 2.0 * e * s->ab, e * s->ab);
    else
        put(op, id, FLOPS_GELU * e, 0.0, e * s->ab, e * s->ab);
    return op + 1;
}

static roof_op *dense_mlp(roof_op *op, const step *s)
{
    const double h = s->hidden, f = s->dense;
    if (s->gated)
        op = proj(op, ROOF_OP_GATE_PROJ, s, h, f);
    op = proj(op, ROOF_OP_UP_PROJ, s, h, f);
    op = activation(op, ROOF_OP_ACT, s, s->tokens * f);
    return proj(op, ROOF_OP_DOWN_PROJ, s, f, h);
}

/* A grouped GEMM over the touched experts: T k token-expert pairs. */
static roof_op *expert_proj(roof_op *op, uint32_t id, const step *s,
                            double k, double n)
{
    const double pairs = s->tokens * s->topk;
    put(op, id, 2.0 * pairs * k * n, s->touched * k * n * s->wq,
        pairs * k * s->ab, pairs * n * s->ab);
    gemm(op, pairs / s->touched, n, k, s->touched);
    return op + 1;
}

static roof_op *expert_mlp(roof_op *op, const step *s)
{
    const double h = s->hidden, f = s->expert;
    if (s->gated)
        op = expert_proj(op, ROOF_OP_EXPERT_GATE_PROJ, s, h, f);
    op = expert_proj(op, ROOF_OP_EXPERT_UP_PROJ, s, h, f);
    op = activation(op, ROOF_OP_EXPERT_ACT, s, s->tokens * s->topk * f);
    return expert_proj(op, ROOF_OP_EXPERT_DOWN_PROJ, s, f, h);
}

/* Two ring all-reduces of the T x H activations per layer. */
static roof_op *allreduce(roof_op *op, const step *s)
{
    const double e = s->tokens * s->hidden;
    const double share = (s->tp - 1.0) / s->tp;
    put(op, ROOF_OP_ALLREDUCE, 2.0 * share * e, 0.0, 2.0 * e * s->ab,
        2.0 * e * s->ab);
    op->comm_bytes = 2.0 * 2.0 * share * e * s->ab;
    return op + 1;
}

static roof_op *layer_ops(roof_op *op, const step *s)
{
    op = norm(op, ROOF_OP_ATTN_NORM, s);
    op = proj(op, ROOF_OP_Q_PROJ, s, s->hidden, s->qw);
    op = proj(op, ROOF_OP_K_PROJ, s, s->hidden, s->kvw);
    op = proj(op, ROOF_OP_V_PROJ, s, s->hidden, s->kvw);
    if (s->rope)
        op = rope(op, s);
    op = s->fused ? attention_fused(op, s) : attention_unfused(op, s);
    op = proj(op, ROOF_OP_O_PROJ, s, s->qw, s->hidden);
    op = residual_add(op, ROOF_OP_ATTN_ADD, s, 2.0, 0.0);
    op = norm(op, ROOF_OP_MLP_NORM, s);
    double inputs = 1.0, weighting = 0.0;
    if (s->experts > 0.0) /* routed experts are replicated, not split */
        op = proj(op, ROOF_OP_ROUTER, s, s->hidden, s->experts);
    if (s->dense > 0.0) {
        op = dense_mlp(op, s);
        inputs += 1.0;
    }
    if (s->experts > 0.0) {
        op = expert_mlp(op, s);
        inputs += s->topk;
        weighting = s->tokens * s->hidden * s->topk;
    }
    op = residual_add(op, ROOF_OP_MLP_ADD, s, inputs, weighting);
    if (s->tp_on)
        op = allreduce(op, s);
    return op;
}

static roof_op *model_ops(roof_op *op, const step *s)
{
    const double e = s->tokens * s->hidden;
    const double rows = (s->tokens < s->vocab ? s->tokens : s->vocab)
                        + (s->learned ? s->new_tok : 0.0);
    put(op, ROOF_OP_EMBED, s->learned ? e : 0.0, rows * s->hidden * s->wq,
        0.0, e * s->ab);
    op = norm(op + 1, ROOF_OP_FINAL_NORM, s);
    /* Logits of each sequence's last new token only (what sampling needs). */
    put(op, ROOF_OP_LM_HEAD, 2.0 * s->batch * s->hidden * s->vocab_shard,
        s->hidden * s->vocab_shard * s->wq, s->batch * s->hidden * s->ab,
        s->batch * s->vocab_shard * s->ab);
    gemm(op, s->batch, s->vocab_shard, s->hidden, 1.0);
    return op + 1;
}

/* ---- roofline and totals ---------------------------------------------- */

/* The same arithmetic as roof_roofline_eval, inline; comm ops add the
 * interconnect time.  Returns the op's interconnect seconds. */
static double place(roof_op *op, const step *s)
{
    const lane *l = op_matmul[op->id] ? &s->mm : &s->ew;
    roof_roofline *r = &op->roofline;
    op->precision = l->precision;
    op->bytes = op->weight_bytes + op->act_read_bytes + op->act_write_bytes
                + op->kv_read_bytes + op->kv_write_bytes;
    r->flops = op->flops;
    r->bytes = op->bytes;
    r->flops_per_byte = op->flops / op->bytes;
    r->ridge_flops_per_byte = l->ridge;
    r->compute_seconds = op->flops / l->peak;
    r->memory_seconds = op->bytes / s->bw;
    const double bw_roof = s->bw * r->flops_per_byte;
    r->attainable_flops_per_s = bw_roof < l->peak ? bw_roof : l->peak;
    r->seconds = r->compute_seconds > r->memory_seconds ? r->compute_seconds
                                                        : r->memory_seconds;
    r->bound = r->flops_per_byte < l->ridge ? ROOF_BOUND_MEMORY
                                            : ROOF_BOUND_COMPUTE;
    r->reserved = 0;
    double comm = 0.0;
    if (op->comm_bytes > 0.0) {
        comm = op->comm_bytes / s->ic;
        if (comm > r->seconds) {
            r->seconds = comm;
            r->bound = ROOF_BOUND_INTERCONNECT;
        }
    }
    return comm;
}

static void sum_add(roof_sum *t, const roof_op *op, double comm,
                    double times, double *slowest)
{
    const roof_roofline *r = &op->roofline;
    t->flops += times * op->flops;
    t->bytes += times * op->bytes;
    t->weight_bytes += times * op->weight_bytes;
    t->act_bytes += times * (op->act_read_bytes + op->act_write_bytes);
    t->kv_bytes += times * (op->kv_read_bytes + op->kv_write_bytes);
    t->comm_bytes += times * op->comm_bytes;
    t->compute_seconds += times * r->compute_seconds;
    t->memory_seconds += times * r->memory_seconds;
    t->comm_seconds += times * comm;
    t->seconds += times * r->seconds;
    t->bound_seconds[r->bound] += times * r->seconds;
    if (times * r->seconds > *slowest) {
        *slowest = times * r->seconds;
        t->dominant_op = op->id;
    }
}

static void sum_scale(roof_sum *t, double k)
{
    t->flops *= k;
    t->bytes *= k;
    t->weight_bytes *= k;
    t->act_bytes *= k;
    t->kv_bytes *= k;
    t->comm_bytes *= k;
    t->compute_seconds *= k;
    t->memory_seconds *= k;
    t->comm_seconds *= k;
    t->seconds *= k;
    for (size_t b = 0; b < ROOF_ARRAY_LEN(t->bound_seconds); b++)
        t->bound_seconds[b] *= k;
}

static void sum_bound(roof_sum *t)
{
    t->bound = ROOF_BOUND_NONE;
    double most = 0.0;
    for (uint32_t b = ROOF_BOUND_MEMORY; b <= ROOF_BOUND_INTERCONNECT; b++) {
        if (t->bound_seconds[b] > most) {
            most = t->bound_seconds[b];
            t->bound = b;
        }
    }
}

/* Places every op; fills the totals when asked (layer ops come first). */
static void finish(roof_op *ops, uint32_t n, uint32_t n_layer,
                   const step *s, roof_totals *totals)
{
    roof_sum layer, model;
    memset(&layer, 0, sizeof layer);
    double slow_layer = -1.0, slow_model = -1.0;
    for (uint32_t i = 0; i < n_layer; i++) {
        double comm = place(&ops[i], s);
        sum_add(&layer, &ops[i], comm, 1.0, &slow_layer);
    }
    /* model = layers x layer + the model-scope ops. */
    model = layer;
    sum_scale(&model, s->layers);
    slow_model = slow_layer * s->layers;
    for (uint32_t i = n_layer; i < n; i++) {
        ops[i].scope = ROOF_SCOPE_MODEL;
        double comm = place(&ops[i], s);
        sum_add(&model, &ops[i], comm, 1.0, &slow_model);
    }
    if (totals != NULL) {
        sum_bound(&layer);
        sum_bound(&model);
        totals->layer = layer;
        totals->model = model;
    }
}

static int check_inputs(const roof_model *m, const roof_workload *w,
                        const roof_hardware *hw)
{
    if (m == NULL || w == NULL || hw == NULL)
        return ROOF_E_NULL;
    int rc = roof_model_validate(m);
    if (rc == ROOF_OK)
        rc = roof_workload_validate(w);
    if (rc == ROOF_OK)
        rc = roof_hardware_validate(hw);
    return rc;
}

int roof_ops(const roof_model *m, const roof_workload *w,
             const roof_hardware *hw, const roof_efficiency *eff,
             roof_op *ops, uint32_t cap, uint32_t *count,
             roof_totals *totals)
{
    int rc = check_inputs(m, w, hw);
    if (rc != ROOF_OK)
        return rc;
    if (ops == NULL && cap > 0)
        return ROOF_E_NULL;
    step s;
    rc = setup(m, w, &s);
    if (rc == ROOF_OK)
        rc = make_roofs(hw, w, eff, &s);
    if (rc != ROOF_OK)
        return rc;
    const uint32_t n_layer = layer_op_count(&s);
    const uint32_t n = n_layer + 3;
    if (cap < n) {
        if (count != NULL)
            *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    if (!overflow_ok(m, &s))
        return ROOF_E_OVERFLOW;
    model_ops(layer_ops(ops, &s), &s);
    finish(ops, n, n_layer, &s, totals);
    if (count != NULL)
        *count = n;
    return ROOF_OK;
}
