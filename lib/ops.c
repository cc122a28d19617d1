/* The operators of one transformer step: FLOPs, bytes, roofline.
 *
 * docs/model.md derives every formula used here.  The hot path: a
 * scheduler calls roof_ops() for every question, so every input is
 * validated once, every shared quantity is computed once (struct step),
 * the roofs are built once per call, and no strings are touched. */
#include "hardware_table-priv.h"
#include "names-priv.h"
#include "ops-priv.h"
#include "calibration-priv.h"
#include "shape-priv.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* The operators' names and classes: roof__op_names, roof__op_classes
 * (lib/names.c). */

/* The roof each op runs under (step.lanes): elementwise ops at FP32; the
 * matmuls without weights (attention's, the scan) at the workload's
 * precision; the weight matmuls at their module's, which is the
 * workload's unless the model sets the module's format (docs/model.md,
 * "Weight formats per module"). */
enum { L_EW, L_MM, L_LAYERS, L_EXPERTS, L_HEAD, L_COUNT };
static const uint8_t op_lane[ROOF_OP_COUNT] = {
    [ROOF_OP_Q_PROJ] = L_LAYERS,    [ROOF_OP_K_PROJ] = L_LAYERS,
    [ROOF_OP_V_PROJ] = L_LAYERS,    [ROOF_OP_QK_MATMUL] = L_MM,
    [ROOF_OP_PV_MATMUL] = L_MM,     [ROOF_OP_ATTENTION] = L_MM,
    [ROOF_OP_O_PROJ] = L_LAYERS,    [ROOF_OP_ROUTER] = L_LAYERS,
    [ROOF_OP_GATE_PROJ] = L_LAYERS, [ROOF_OP_UP_PROJ] = L_LAYERS,
    [ROOF_OP_DOWN_PROJ] = L_LAYERS, [ROOF_OP_EXPERT_GATE_PROJ] = L_EXPERTS,
    [ROOF_OP_EXPERT_UP_PROJ] = L_EXPERTS,
    [ROOF_OP_EXPERT_DOWN_PROJ] = L_EXPERTS,
    [ROOF_OP_LM_HEAD] = L_HEAD,     [ROOF_OP_Q_A_PROJ] = L_LAYERS,
    [ROOF_OP_KV_A_PROJ] = L_LAYERS, [ROOF_OP_KV_B_PROJ] = L_LAYERS,
    [ROOF_OP_Q_ABSORB] = L_LAYERS,  [ROOF_OP_O_ABSORB] = L_LAYERS,
    [ROOF_OP_SSM_IN_PROJ] = L_LAYERS, [ROOF_OP_SSM_SCAN] = L_MM,
    [ROOF_OP_SSM_OUT_PROJ] = L_LAYERS, [ROOF_OP_ATTN_GATE] = L_LAYERS,
};

/* The time model's kind of each op (docs/calibration.md); the fused
 * attention is ROOF_KERNEL_ATTN_PREFILL or _DECODE by its new tokens. */
static const uint8_t op_kinds[] = {
    [ROOF_OP_EMBED] = ROOF_KERNEL_EMBED,
    [ROOF_OP_ATTN_NORM] = ROOF_KERNEL_NORM,
    [ROOF_OP_Q_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_K_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_V_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_ROPE] = ROOF_KERNEL_ROPE,
    [ROOF_OP_QK_MATMUL] = ROOF_KERNEL_GEMM,
    [ROOF_OP_SOFTMAX] = ROOF_KERNEL_SOFTMAX,
    [ROOF_OP_PV_MATMUL] = ROOF_KERNEL_GEMM,
    [ROOF_OP_ATTENTION] = ROOF_KERNEL_ATTN_PREFILL,
    [ROOF_OP_O_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_ATTN_ADD] = ROOF_KERNEL_ADD,
    [ROOF_OP_MLP_NORM] = ROOF_KERNEL_NORM,
    [ROOF_OP_ROUTER] = ROOF_KERNEL_GEMM,
    [ROOF_OP_GATE_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_UP_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_ACT] = ROOF_KERNEL_ACT,
    [ROOF_OP_DOWN_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_EXPERT_GATE_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_EXPERT_UP_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_EXPERT_ACT] = ROOF_KERNEL_ACT,
    [ROOF_OP_EXPERT_DOWN_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_MLP_ADD] = ROOF_KERNEL_ADD,
    [ROOF_OP_ALLREDUCE] = ROOF_KERNEL_COMM,
    [ROOF_OP_FINAL_NORM] = ROOF_KERNEL_NORM,
    [ROOF_OP_LM_HEAD] = ROOF_KERNEL_GEMM,
    [ROOF_OP_Q_A_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_KV_A_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_KV_B_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_Q_ABSORB] = ROOF_KERNEL_GEMM,
    [ROOF_OP_O_ABSORB] = ROOF_KERNEL_GEMM,
    [ROOF_OP_SSM_IN_PROJ] = ROOF_KERNEL_GEMM,
    /* No shared measurement times a Mamba kernel: the convolution and the
     * scan stream their bytes as the activation kernels do; the gated
     * norm is a norm (docs/calibration.md). */
    [ROOF_OP_SSM_CONV] = ROOF_KERNEL_ACT,
    [ROOF_OP_SSM_SCAN] = ROOF_KERNEL_ACT,
    [ROOF_OP_SSM_NORM] = ROOF_KERNEL_NORM,
    [ROOF_OP_SSM_OUT_PROJ] = ROOF_KERNEL_GEMM,
    [ROOF_OP_QK_NORM] = ROOF_KERNEL_NORM,
    [ROOF_OP_ATTN_GATE] = ROOF_KERNEL_GEMM,
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(op_kinds) == ROOF_OP_COUNT,
                    op_kinds_cover_every_op);

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

/* 1..64, as one unsigned compare. */
static int bits_ok(uint32_t bits)
{
    return bits - 1u < 64u;
}

/* On every hot-path call: the checks are combined with & and | so that
 * they compile to compares, not a branch each. */
int roof_workload_validate(const roof_workload *w)
{
    if (w == NULL)
        return ROOF_E_NULL;
    uint32_t reserved = 0;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(w->reserved); i++)
        reserved |= w->reserved[i];
    if ((reserved != 0) | (w->attention > ROOF_ATTN_FUSED)
        | (w->precision >= ROOF_PRECISION_COUNT))
        return ROOF_E_INVALID;
    if (!((w->batch != 0) & (w->new_tokens != 0) & (w->tensor_parallel != 0)
          & bits_ok(w->weight_bits) & bits_ok(w->activation_bits)
          & bits_ok(w->kv_bits) & (w->scale_bits <= 64)))
        return ROOF_E_RANGE;
    return ROOF_OK;
}

/* One roof of one call: a precision's peak and the ridge against DRAM. */
typedef struct lane {
    double peak;      /* FLOP/s, efficiency applied */
    double inv_peak;  /* 1 / peak: the hot path multiplies */
    double ridge;     /* FLOP/byte */
    double time_scale; /* the time model's compute time at this lane's
                          (FP32-accumulate) peak over the time at the
                          workload's, which step.kt is folded with: 1
                          unless a module's format runs elsewhere */
    uint32_t precision;
} lane;

/* Everything one call computes once. */
typedef struct step {
    lane lanes[L_COUNT];   /* by op_lane: elementwise (FP32, else the
                              workload's), matmuls at the workload's,
                              at the layers', experts' and lm_head's */
    double bw, inv_bw;     /* DRAM bytes/s, efficiency applied */
    double inv_ic;         /* 1 / interconnect bytes/s (0 without TP) */
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
    double wq, ab, kb;     /* bytes per weight (with scales) of the
                              layers' matrices, act, KV */
    double wq_expert, wq_embed, wq_head; /* routed experts, embedding,
                                            lm_head (roof__shape_wbytes) */
    double norm_flops, norm_w;        /* per element; gain bytes */
    double tp;
    double inv_tokens;     /* 1 / T: the row bytes of the time model */
    double mask_extra;     /* masked / unmasked scores of the fused
                              attention: what it computes in vain */
    roof__kernel_time kt[ROOF_KERNEL_KIND_COUNT]; /* the time model */
    double overhead;       /* the profile's per-step engine time */
    uint32_t attn_kind;    /* ROOF_KERNEL_ATTN_PREFILL or _DECODE */
    double blocks;         /* all-reduces per layer: attention, MLP */
    uint32_t gated, rope, fused, learned, tp_on;
    uint32_t qk_norm, gate; /* ROOF_EXTRA_QK_NORM, _OUTPUT_GATE */
    uint32_t extras;       /* any of them (sinks too) */
    double sinks;          /* 1 with ROOF_EXTRA_SINKS, else 0 */
    uint32_t attn, mlp_on; /* the layer has attention, an MLP */
    uint32_t mla;          /* its attention is latent (MLA) */
    double rq, rkv, dr, dn, dv; /* MLA: ranks and head parts */
    uint32_t ssm;          /* its mixer is recurrent: Mamba-2 or GDN */
    uint32_t gdn;          /* Gated DeltaNet */
    double cached;         /* cached tokens a sequence (c) */
    const roof__shape *sh; /* the shape, for Mamba-2's widths (groups) */
} step;

/* One lane from a validated device; ROOF_E_UNSUPPORTED or ROOF_E_RANGE. */
static int make_lane(const roof_hardware *hw, uint32_t precision,
                     double eff, const step *s, lane *l)
{
    double peak;
    int rc = roof__hardware_peak(hw, precision, &peak);
    if (rc == ROOF_E_INVALID)
        return ROOF_E_RANGE;
    if (rc != ROOF_OK)
        return rc;
    l->peak = peak * eff;
    l->inv_peak = 1.0 / l->peak;
    l->ridge = l->peak / s->bw;
    l->precision = precision;
    return l->peak >= ROOF__MIN_DIVISOR ? ROOF_OK : ROOF_E_RANGE;
}

/* The time model's coefficients folded with the device's roofs at their
 * peaks (efficiency scales the bound only). */
void roof__kernel_times(const roof_hardware *hw, uint32_t precision,
                        const roof_calibration *cal,
                        roof__kernel_time kt[ROOF_KERNEL_KIND_COUNT])
{
    double peak = 0.0; /* the caller has checked the precision exists */
    (void)roof__hardware_peak_wide(hw, precision, &peak);
    const double link = hw->interconnect_bytes_per_s > 0.0
                            ? hw->interconnect_bytes_per_s : 1.0;
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++)
        roof__kernel_prepare(&cal->kind[k], peak,
                             k == ROOF_KERNEL_COMM ? link
                                                   : hw->dram_bytes_per_s,
                             &kt[k]);
}

uint32_t roof__op_kind(uint32_t id)
{
    return op_kinds[id];
}

static void make_times(const roof_hardware *hw, const roof_workload *w,
                       const roof_calibration *cal, step *s)
{
    roof__kernel_times(hw, w->precision, cal, s->kt);
}

/* The precision of a module's weight matmuls: its format's on this
 * device (roof_format_math_precision: native, or widened) when the model
 * sets one, else the workload's. */
static int module_precision(const roof_model *m, const roof_workload *w,
                            const roof_hardware *hw, uint32_t bit,
                            uint32_t format, uint32_t *p)
{
    uint32_t dequantized = 0;
    if ((m->formats_set & bit) == 0) {
        *p = w->precision;
        return ROOF_OK;
    }
    return roof_format_math_precision(hw, format, p, &dequantized);
}

static int lane_precisions(const roof_model *m, const roof_workload *w,
                           const roof_hardware *hw, uint32_t p[L_COUNT])
{
    const int tied = m->tied_embeddings != 0;
    p[L_EW] = p[L_MM] = w->precision;
    int rc = module_precision(m, w, hw, ROOF_MODULE_LAYERS, m->format_layers,
                              &p[L_LAYERS]);
    if (rc == ROOF_OK)
        rc = module_precision(m, w, hw, ROOF_MODULE_EXPERTS,
                              m->format_experts, &p[L_EXPERTS]);
    if (rc == ROOF_OK)
        rc = module_precision(m, w, hw, tied ? ROOF_MODULE_EMBEDDING
                                             : ROOF_MODULE_LM_HEAD,
                              tied ? m->format_embedding : m->format_lm_head,
                              &p[L_HEAD]);
    return rc;
}

double roof__time_scale(const roof_hardware *hw, uint32_t ref_precision,
                        uint32_t precision)
{
    double ref = 1.0, peak = 1.0;
    if (roof__hardware_peak_wide(hw, ref_precision, &ref) != ROOF_OK
        || roof__hardware_peak_wide(hw, precision, &peak) != ROOF_OK)
        return 1.0;
    return ref / peak;
}

/* Each lane's time_scale, against the workload's matmul lane. */
static void time_scales(const roof_hardware *hw, step *s)
{
    for (uint32_t i = 0; i < L_COUNT; i++)
        s->lanes[i].time_scale = roof__time_scale(
            hw, s->lanes[L_MM].precision, s->lanes[i].precision);
}

static int make_roofs(const roof_model *m, const roof_hardware *hw,
                      const roof_workload *w, const roof_efficiency *eff,
                      step *s)
{
    static const roof_efficiency ideal = {.compute = 1.0, .memory = 1.0,
                                          .interconnect = 1.0};
    if (eff == NULL)
        eff = &ideal;
    else if (roof_efficiency_validate(eff) != ROOF_OK)
        return ROOF_E_RANGE;
    s->bw = hw->dram_bytes_per_s * eff->memory;
    if (!(s->bw >= ROOF__MIN_DIVISOR))
        return ROOF_E_RANGE;
    s->inv_bw = 1.0 / s->bw;
    s->inv_ic = 0.0;
    if (w->tensor_parallel > 1) {
        const double ic = hw->interconnect_bytes_per_s * eff->interconnect;
        if (hw->interconnect_bytes_per_s == 0.0)
            return ROOF_E_UNSUPPORTED;
        if (!(ic >= ROOF__MIN_DIVISOR))
            return ROOF_E_RANGE;
        s->inv_ic = 1.0 / ic;
    }
    uint32_t p[L_COUNT];
    int rc = lane_precisions(m, w, hw, p);
    for (uint32_t i = L_MM; i < L_COUNT && rc == ROOF_OK; i++)
        rc = make_lane(hw, p[i], eff->compute, s, &s->lanes[i]);
    if (rc != ROOF_OK)
        return rc;
    if (hw->flops_per_clock_per_unit[ROOF_FP32] > 0.0)
        rc = make_lane(hw, ROOF_FP32, eff->compute, s, &s->lanes[L_EW]);
    else
        s->lanes[L_EW] = s->lanes[L_MM];
    if (rc == ROOF_OK)
        time_scales(hw, s);
    return rc;
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

static void attention_sizes(const roof_workload *w, double window,
                            step *s)
{
    const double c = w->cached_tokens, n = w->new_tokens;
    s->keys = c + n;
    if (window > 0.0 && n + window - 1.0 < s->keys)
        s->keys = n + window - 1.0;
    s->cached_keys = s->keys - n;
    s->causal = causal_scores(c, n, window);
    s->mask_extra = s->causal > 0.0 ? n * s->keys / s->causal - 1.0 : 0.0;
    if (s->mask_extra < 0.0)
        s->mask_extra = 0.0;
}

/* Sum over p = 0 .. x-1 of (p mod C). */
static double chunk_offsets(uint64_t x, uint64_t chunk)
{
    const double q = (double)(x / chunk), r = (double)(x % chunk);
    const double C = (double)chunk;
    return q * (C * (C - 1.0) * 0.5) + r * (r - 1.0) * 0.5;
}

/* The fused kernel's scores computed in vain: the n x keys rectangle
 * over the unmasked ones. */
static void mask_of(step *s)
{
    s->mask_extra = s->causal > 0.0 ? s->new_tok * s->keys / s->causal - 1.0
                                    : 0.0;
    if (s->mask_extra < 0.0)
        s->mask_extra = 0.0;
}

/* Chunked attention (docs/model.md): the query at position p sees the
 * keys of its own chunk up to p, (p mod C) + 1 of them; the cache holds
 * the c mod C keys of the current chunk.  Its wasted scores are those of
 * its own rectangle (not the full context's). */
static void chunked_sizes(const roof_workload *w, uint32_t chunk, step *s)
{
    const uint64_t c = w->cached_tokens, n = w->new_tokens;
    s->cached_keys = (double)(c % chunk);
    s->keys = s->cached_keys + (double)n;
    s->causal = chunk_offsets(c + n, chunk) - chunk_offsets(c, chunk)
                + (double)n;
    mask_of(s);
}

/* The widths one device works with, from the shape layer. */
static void widths(const roof__shape *sh, step *s)
{
    s->heads = sh->heads;
    s->kv_heads = sh->kv_heads;
    s->head_dim = sh->head_dim;
    s->qw = sh->q_width;
    s->kvw = sh->kv_width;
    s->vocab_shard = sh->vocab_rows;
    s->dense = sh->dense;
    s->expert = sh->expert;
    s->experts = sh->experts;
    s->topk = sh->topk;
    s->touched = 0.0;
    if (s->experts > 0.0) {
        /* Uniform routing: an expert is missed by one token with
         * probability 1 - k/E, by all T tokens with (1 - k/E)^T. */
        const double miss = 1.0 - s->topk / s->experts;
        s->touched = s->experts * (1.0 - pow(miss, s->tokens));
    }
}

static void byte_widths(const roof_model *m, const roof_workload *w,
                        const roof__shape *sh, step *s)
{
    roof__wbytes wb;
    roof__shape_wbytes(m, w, &wb);
    s->wq = wb.layers;
    s->wq_expert = wb.experts;
    s->wq_embed = wb.embed;
    s->wq_head = wb.head;
    s->ab = w->activation_bits * 0.125;
    s->kb = w->kv_bits * 0.125;
    const int layer = m->norm == ROOF_NORM_LAYER;
    s->norm_flops = layer ? FLOPS_LAYERNORM : FLOPS_RMSNORM;
    s->norm_w = sh->norm_gains * s->ab;
}

static int setup(const roof_model *m, const roof_workload *w, step *s)
{
    const uint32_t t = w->tensor_parallel;
    roof__shape sh;
    int rc = roof__shape_init(m, t, &sh);
    if (rc != ROOF_OK)
        return rc;
    s->layers = m->layers;
    s->batch = w->batch;
    s->new_tok = w->new_tokens;
    s->tokens = s->batch * s->new_tok;
    s->inv_tokens = 1.0 / s->tokens;
    s->attn_kind = w->new_tokens > 1 ? ROOF_KERNEL_ATTN_PREFILL
                                     : ROOF_KERNEL_ATTN_DECODE;
    s->hidden = m->hidden;
    s->vocab = m->vocab;
    s->tp = t;
    s->tp_on = t > 1;
    s->gated = m->mlp == ROOF_MLP_GATED;
    s->rope = m->position == ROOF_POS_ROPE;
    s->learned = m->position == ROOF_POS_LEARNED;
    s->fused = w->attention == ROOF_ATTN_FUSED;
    s->qk_norm = (m->attn_extras & ROOF_EXTRA_QK_NORM) != 0;
    s->gate = (m->attn_extras & ROOF_EXTRA_OUTPUT_GATE) != 0;
    s->sinks = (m->attn_extras & ROOF_EXTRA_SINKS) ? 1.0 : 0.0;
    s->extras = m->attn_extras != 0;
    widths(&sh, s);
    s->attn = s->mlp_on = 1;
    s->mla = s->ssm = s->gdn = 0;
    s->cached = w->cached_tokens;
    s->blocks = 2.0;
    attention_sizes(w, m->sliding_window, s);
    byte_widths(m, w, &sh, s);
    return ROOF_OK;
}

static uint32_t layer_op_count(const step *s)
{
    uint32_t n = 0;
    if (s->ssm) /* norm, in, conv, scan, gated norm, out, add */
        n += 7;
    else if (s->mla) /* norm, q (a, b), kv_a, rope, q_absorb + o_absorb (decode)
                   or kv_b, attention, o, add */
        n += 1 + (s->rq > 0.0 ? 2u : 1u) + 1 + s->rope
             + (s->new_tok == 1.0 ? 2u : 1u) + (s->fused ? 1u : 3u) + 2;
    else if (s->attn) /* norm, qkv, attention, o, add */
        n += 4 + (s->fused ? 1u : 3u) + 2 + s->rope + s->qk_norm + s->gate;
    if (s->mlp_on) /* norm, add */
        n += 2;
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
    double group_dense = 0.0; /* the dense layers' own widths */
    for (uint32_t g = 0; g < m->group_count; g++)
        group_dense += m->groups[g].dense_intermediate;
    const double mlp_w = 3.0 * h * ((double)m->intermediate + group_dense
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

/* ---- op builders --------------------------------------------------------
 * Each builder computes its ops in execution order, counts and roofline in
 * one pass, and either fills them in place (roof_ops) or adds them to the
 * running sums (roof_step).  They are forced inline (ROOF__INLINE): each
 * call site then knows its op id, its lane and which traffic is 0, and the
 * two callers, build and build_totals, each get a straight-line copy; this
 * took a question from 7.9k to 6.1k instructions (bench/callgrind.sh). */

/* Running sums of one scope, in the order the ops are built.  roof_ops
 * sums its records with the same additions in the same order as roof_step
 * adds the ops it does not store, so their totals are the same bits. */
typedef struct acc {
    double flops, bytes, weight, act, kv, comm;
    double cs, ms, seconds, expected;
    double by_bound[4];
    double slowest;   /* seconds of the slowest op so far; -1 before any */
    uint32_t dominant;
} acc;

static const acc acc_zero = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {0, 0, 0, 0},
                             -1.0, 0};

/* The output cursor. */
typedef struct emit {
    roof_op *op;      /* next op to fill; NULL: totals only (roof_step) */
    const step *s;
    uint32_t scope;
    uint32_t group;   /* layer group of the ops being built */
    acc sum;          /* sums of the current scope, when op is NULL: in
                         the cursor, so the compiler can keep them in
                         registers */
} emit;

/* One op's share of the sums of a step computed without records. */
static void add_op(acc *a, uint32_t id, double flops, double bytes,
                   double w, double act, double kv, double cb, double cs,
                   double ms, double seconds, double expected,
                   uint32_t bound)
{
    a->flops += flops;
    a->bytes += bytes;
    a->weight += w;
    a->act += act;
    a->kv += kv;
    a->comm += cb;
    a->cs += cs;
    a->ms += ms;
    a->seconds += seconds;
    a->expected += expected;
    a->by_bound[bound] += seconds;
    if (seconds > a->slowest) {
        a->slowest = seconds;
        a->dominant = id;
    }
}

/* The time model of docs/calibration.md for one op: the floor of its
 * kernels plus the smooth (Euclidean) combination of its compute, memory
 * and per-row times.  Comm ops stream their bytes over the link, two
 * all-reduces per layer. */
static ROOF__INLINE double expected_time(const step *s, uint32_t id,
                                         double flops, double bytes,
                                         double cb)
{
    const uint32_t kind = id == ROOF_OP_ATTENTION ? s->attn_kind
                                                  : op_kinds[id];
    const roof__kernel_time *k = &s->kt[kind];
    const int comm = kind == ROOF_KERNEL_COMM;
    const double extra = kind == ROOF_KERNEL_ATTN_PREFILL ? s->mask_extra
                                                          : 0.0;
    const double tc = flops * k->inv_compute * (1.0 + k->masked * extra);
    const double tm = (comm ? cb : bytes) * k->inv_memory;
    const double tr = bytes * s->inv_tokens * k->inv_row;
    return (comm ? 2.0 : 1.0) * k->floor + sqrt(tc * tc + tm * tm + tr * tr);
}

/* Computes one op's roofline (the arithmetic of roof_roofline_eval,
 * multiplying by inverses, plus the interconnect time of comm ops), then
 * fills the next op and returns it, so that matmuls can set their GEMM
 * shape; or, for totals only, adds it to the running sums and returns
 * NULL.  The traffic comes in registers: weight, activations read and
 * written, KV read and written, interconnect bytes. */
static ROOF__INLINE roof_op *put(emit *e, uint32_t id, double flops,
                                 double w, double ar, double aw, double kr,
                                 double kw, double cb)
{
    const step *s = e->s;
    const lane *l = &s->lanes[op_lane[id]];
    const double bytes = w + ar + aw + kr + kw;
    const double intensity = flops / bytes;
    const double cs = flops * l->inv_peak, ms = bytes * s->inv_bw;
    const double comm = cb * s->inv_ic;
    double seconds = cs > ms ? cs : ms;
    uint32_t bound = intensity < l->ridge ? ROOF_BOUND_MEMORY
                                          : ROOF_BOUND_COMPUTE;
    if (comm > seconds) {
        seconds = comm;
        bound = ROOF_BOUND_INTERCONNECT;
    }
    const double expected = expected_time(s, id, flops * l->time_scale, bytes,
                                          cb);
    if (e->op == NULL) {
        add_op(&e->sum, id, flops, bytes, w, ar + aw, kr + kw, cb, cs, ms,
               seconds, expected, bound);
        return NULL;
    }
    const double peak = l->peak, bw_roof = s->bw * intensity;
    roof_op *op = e->op++;
    op->id = id;
    op->op_class = roof__op_classes[id];
    op->scope = e->scope;
    op->precision = l->precision;
    op->flops = flops;
    op->bytes = bytes;
    op->weight_bytes = w;
    op->act_read_bytes = ar;
    op->act_write_bytes = aw;
    op->kv_read_bytes = kr;
    op->kv_write_bytes = kw;
    op->comm_bytes = cb;
    op->gemm_m = op->gemm_n = op->gemm_k = op->gemm_batch = 0.0;
    op->roofline.flops = flops;
    op->roofline.bytes = bytes;
    op->roofline.flops_per_byte = intensity;
    op->roofline.ridge_flops_per_byte = l->ridge;
    op->roofline.attainable_flops_per_s = bw_roof < peak ? bw_roof : peak;
    op->roofline.compute_seconds = cs;
    op->roofline.memory_seconds = ms;
    op->roofline.seconds = seconds;
    op->roofline.bound = bound;
    op->roofline.reserved = 0;
    /* the expected time, and the reserved tail: 0 */
    memset(&op->expected_seconds, 0,
           sizeof *op - offsetof(roof_op, expected_seconds));
    op->expected_seconds = expected;
    op->group = e->group;
    return op;
}

/* An op that moves only activations (and weights). */
static ROOF__INLINE roof_op *put_act(emit *e, uint32_t id, double flops,
                                     double w, double ar, double aw)
{
    return put(e, id, flops, w, ar, aw, 0.0, 0.0, 0.0);
}

static ROOF__INLINE void gemm(roof_op *op, double m, double n, double k,
                              double batch)
{
    if (op == NULL) /* totals only */
        return;
    op->gemm_m = m;
    op->gemm_n = n;
    op->gemm_k = k;
    op->gemm_batch = batch;
}

/* A dense projection of T tokens: [T x k] x [k x n]. */
static ROOF__INLINE void proj(emit *e, uint32_t id, double k, double n)
{
    const step *s = e->s;
    gemm(put_act(e, id, 2.0 * s->tokens * k * n, k * n * s->wq,
                 s->tokens * k * s->ab, s->tokens * n * s->ab),
         s->tokens, n, k, 1.0);
}

static ROOF__INLINE void norm(emit *e, uint32_t id)
{
    const step *s = e->s;
    const double x = s->tokens * s->hidden * s->ab;
    put_act(e, id, s->norm_flops * s->tokens * s->hidden, s->norm_w, x, x);
}

static ROOF__INLINE void rope(emit *e)
{
    const step *s = e->s;
    const double n = s->tokens * (s->qw + s->kvw);
    put_act(e, ROOF_OP_ROPE, FLOPS_ROPE * n, 0.0, n * s->ab, n * s->ab);
}

/* qk, softmax, pv as separate kernels over the full n x Lk rectangle; the
 * new K (V) is read from k_proj (v_proj) and appended to the cache. */
static ROOF__INLINE void attention_unfused(emit *e, const int x)
{
    const step *s = e->s;
    const double bh = s->batch * s->heads;
    const double scores = bh * s->new_tok * s->keys;
    const double sb = scores * s->ab;
    const double q = s->tokens * s->qw * s->ab;
    const double new_kv = s->tokens * s->kvw; /* elements of new K (or V) */
    const double cached = s->batch * s->cached_keys * s->kvw * s->kb;
    const double mm = 2.0 * scores * s->head_dim;
    const double kv_write = new_kv * s->kb;
    gemm(put(e, ROOF_OP_QK_MATMUL, mm, 0.0, q + new_kv * s->ab, sb, cached,
             kv_write, 0.0),
         s->new_tok, s->keys, s->head_dim, bh);
    put_act(e, ROOF_OP_SOFTMAX,
            FLOPS_SOFTMAX * (x ? scores + s->sinks * bh * s->new_tok : scores),
            x ? s->sinks * s->heads * s->ab : 0.0, sb, sb);
    gemm(put(e, ROOF_OP_PV_MATMUL, mm, 0.0, sb + new_kv * s->ab, q, cached,
             kv_write, 0.0),
         s->new_tok, s->head_dim, s->keys, bh);
}

/* One fused kernel: scores stay on chip; only unmasked scores count. */
static ROOF__INLINE void attention_fused(emit *e, const int x)
{
    const step *s = e->s;
    const double bh = s->batch * s->heads;
    const double q = s->tokens * s->qw * s->ab;
    const double new_kv = 2.0 * s->tokens * s->kvw;
    gemm(put(e, ROOF_OP_ATTENTION,
             (4.0 * s->head_dim + FLOPS_SOFTMAX) * bh * s->causal
                 + (x ? s->sinks * FLOPS_SOFTMAX * bh * s->new_tok : 0.0),
             x ? s->sinks * s->heads * s->ab : 0.0, q + new_kv * s->ab, q,
             2.0 * s->batch * s->cached_keys * s->kvw * s->kb,
             new_kv * s->kb, 0.0),
         s->new_tok, s->keys, s->head_dim, bh);
}

static ROOF__INLINE void residual_add(emit *e, uint32_t id, double inputs,
                         double extra_flops)
{
    const step *s = e->s;
    const double n = s->tokens * s->hidden;
    put_act(e, id, (inputs - 1.0) * n + extra_flops, 0.0,
            inputs * n * s->ab, n * s->ab);
}

static ROOF__INLINE void activation(emit *e, uint32_t id, double n)
{
    const double x = n * e->s->ab;
    if (e->s->gated)
        put_act(e, id, FLOPS_SILU_MUL * n, 0.0, 2.0 * x, x);
    else
        put_act(e, id, FLOPS_GELU * n, 0.0, x, x);
}

static ROOF__INLINE void dense_mlp(emit *e)
{
    const step *s = e->s;
    const double h = s->hidden, f = s->dense;
    if (s->gated)
        proj(e, ROOF_OP_GATE_PROJ, h, f);
    proj(e, ROOF_OP_UP_PROJ, h, f);
    activation(e, ROOF_OP_ACT, s->tokens * f);
    proj(e, ROOF_OP_DOWN_PROJ, f, h);
}

/* A grouped GEMM over the touched experts: T k token-expert pairs. */
static ROOF__INLINE void expert_proj(emit *e, uint32_t id, double k, double n)
{
    const step *s = e->s;
    const double pairs = s->tokens * s->topk;
    gemm(put_act(e, id, 2.0 * pairs * k * n,
                 s->touched * k * n * s->wq_expert,
                 pairs * k * s->ab, pairs * n * s->ab),
         pairs / s->touched, n, k, s->touched);
}

static ROOF__INLINE void expert_mlp(emit *e)
{
    const step *s = e->s;
    const double h = s->hidden, f = s->expert;
    if (s->gated)
        expert_proj(e, ROOF_OP_EXPERT_GATE_PROJ, h, f);
    expert_proj(e, ROOF_OP_EXPERT_UP_PROJ, h, f);
    activation(e, ROOF_OP_EXPERT_ACT, s->tokens * s->topk * f);
    expert_proj(e, ROOF_OP_EXPERT_DOWN_PROJ, f, h);
}

/* One ring all-reduce of the T x H activations per block (attention,
 * MLP) of the layer. */
static ROOF__INLINE void allreduce(emit *e, double blocks)
{
    const step *s = e->s;
    const double n = s->tokens * s->hidden;
    const double share = (s->tp - 1.0) / s->tp;
    const double x = blocks * n * s->ab;
    put(e, ROOF_OP_ALLREDUCE, blocks * share * n, 0.0, x, x, 0.0, 0.0,
        2.0 * share * x);
}

/* RMSNorm of each q and k head: head_dim gains for q, head_dim for k. */
static ROOF__INLINE void qk_norm(emit *e)
{
    const step *s = e->s;
    const double n = s->tokens * (s->qw + s->kvw);
    put_act(e, ROOF_OP_QK_NORM, FLOPS_RMSNORM * n, 2.0 * s->head_dim * s->ab,
            n * s->ab, n * s->ab);
}

/* The output gate: its projection of the layer's input, and sigmoid(g)
 * times the attention output (5 FLOPs an element). */
static ROOF__INLINE void attn_gate(emit *e)
{
    const step *s = e->s;
    const double T = s->tokens;
    gemm(put_act(e, ROOF_OP_ATTN_GATE,
                 2.0 * T * s->hidden * s->qw + 5.0 * T * s->qw,
                 s->hidden * s->qw * s->wq,
                 (T * s->hidden + T * s->qw) * s->ab, T * s->qw * s->ab),
         T, s->qw, s->hidden, 1.0);
}

/* x: the model may have small terms (ROOF_EXTRA_*); 0 where it has none,
 * so that the plain path compiles without them. */
static ROOF__INLINE void attention_block(emit *e, const int x)
{
    const step *s = e->s;
    norm(e, ROOF_OP_ATTN_NORM);
    proj(e, ROOF_OP_Q_PROJ, s->hidden, s->qw);
    proj(e, ROOF_OP_K_PROJ, s->hidden, s->kvw);
    proj(e, ROOF_OP_V_PROJ, s->hidden, s->kvw);
    if (x && s->qk_norm)
        qk_norm(e);
    if (s->rope)
        rope(e);
    if (s->fused)
        attention_fused(e, x);
    else
        attention_unfused(e, x);
    if (x && s->gate)
        attn_gate(e);
    proj(e, ROOF_OP_O_PROJ, s->qw, s->hidden);
    residual_add(e, ROOF_OP_ATTN_ADD, 2.0, 0.0);
}

static ROOF__INLINE void mlp_block(emit *e)
{
    const step *s = e->s;
    norm(e, ROOF_OP_MLP_NORM);
    double inputs = 1.0, weighting = 0.0;
    if (s->experts > 0.0) /* the router is replicated, not split */
        proj(e, ROOF_OP_ROUTER, s->hidden, s->experts);
    if (s->dense > 0.0) {
        dense_mlp(e);
        inputs += 1.0;
    }
    if (s->experts > 0.0) {
        expert_mlp(e);
        inputs += s->topk;
        weighting = s->tokens * s->hidden * s->topk;
    }
    residual_add(e, ROOF_OP_MLP_ADD, inputs, weighting);
}

/* ---- multi-head latent attention (docs/model.md, "MLA") -------------
 * a' heads per device; a token's cache entry is the latent (rkv) and the
 * shared k_rope (dr), read once per layer whatever the heads. */

/* Decode (one new token a sequence): q_nope is absorbed into the latent
 * space (W_UK), attention runs over the cached latents as one K/V head
 * of width rkv + dr (values: the latent), and the result leaves through
 * W_UV; no K or V is ever decompressed. */
static ROOF__INLINE void mla_absorbed(emit *e)
{
    const step *s = e->s;
    const double a = s->heads, T = s->tokens, lat = s->rkv + s->dr;
    gemm(put_act(e, ROOF_OP_Q_ABSORB, 2.0 * T * a * s->dn * s->rkv,
                 a * s->dn * s->rkv * s->wq, T * a * s->dn * s->ab,
                 T * a * s->rkv * s->ab),
         T, s->rkv, s->dn, a);
    const double bh = s->batch * a;
    const double q = T * a * lat * s->ab, out = T * a * s->rkv * s->ab;
    const double cached = s->batch * s->cached_keys * lat * s->kb;
    const double fresh = T * lat;
    if (s->fused) {
        gemm(put(e, ROOF_OP_ATTENTION,
                 (2.0 * lat + 2.0 * s->rkv + FLOPS_SOFTMAX) * bh * s->causal,
                 0.0, q + fresh * s->ab, out, cached, fresh * s->kb, 0.0),
             s->new_tok, s->keys, lat, bh);
    } else {
        const double scores = bh * s->new_tok * s->keys, sb = scores * s->ab;
        gemm(put(e, ROOF_OP_QK_MATMUL, 2.0 * scores * lat, 0.0,
                 q + fresh * s->ab, sb, cached, fresh * s->kb, 0.0),
             s->new_tok, s->keys, lat, bh);
        put_act(e, ROOF_OP_SOFTMAX, FLOPS_SOFTMAX * scores, 0.0, sb, sb);
        gemm(put(e, ROOF_OP_PV_MATMUL, 2.0 * scores * s->rkv, 0.0,
                 sb + T * s->rkv * s->ab, out,
                 s->batch * s->cached_keys * s->rkv * s->kb, 0.0, 0.0),
             s->new_tok, s->rkv, s->keys, bh);
    }
    gemm(put_act(e, ROOF_OP_O_ABSORB, 2.0 * T * a * s->rkv * s->dv,
                 a * s->rkv * s->dv * s->wq, out, T * a * s->dv * s->ab),
         T, s->dv, s->rkv, a);
}

/* Prefill: kv_b decompresses every key's latent (the cached ones read
 * from the cache) into K_nope and V for each head; attention then runs as
 * multi-head attention of q/k width dn + dr and value width dv. */
static ROOF__INLINE void mla_decompressed(emit *e)
{
    const step *s = e->s;
    const double a = s->heads, T = s->tokens, lat = s->rkv + s->dr;
    const double rows = s->batch * s->keys; /* every key of every sequence */
    const double kv = rows * a * (s->dn + s->dv);
    gemm(put(e, ROOF_OP_KV_B_PROJ, 2.0 * rows * s->rkv * a * (s->dn + s->dv),
             s->rkv * a * (s->dn + s->dv) * s->wq, T * s->rkv * s->ab,
             kv * s->ab, s->batch * s->cached_keys * lat * s->kb, 0.0, 0.0),
         rows, a * (s->dn + s->dv), s->rkv, 1.0);
    const double bh = s->batch * a, qk = s->dn + s->dr;
    const double q = T * a * qk * s->ab, out = T * a * s->dv * s->ab;
    const double k = (rows * a * s->dn + rows * s->dr) * s->ab;
    const double v = rows * a * s->dv * s->ab;
    const double fresh = T * lat * s->kb; /* the new latents, cached */
    if (s->fused) {
        gemm(put(e, ROOF_OP_ATTENTION,
                 (2.0 * qk + 2.0 * s->dv + FLOPS_SOFTMAX) * bh * s->causal,
                 0.0, q + k + v, out, 0.0, fresh, 0.0),
             s->new_tok, s->keys, qk, bh);
        return;
    }
    const double scores = bh * s->new_tok * s->keys, sb = scores * s->ab;
    gemm(put(e, ROOF_OP_QK_MATMUL, 2.0 * scores * qk, 0.0, q + k, sb, 0.0,
             fresh, 0.0),
         s->new_tok, s->keys, qk, bh);
    put_act(e, ROOF_OP_SOFTMAX, FLOPS_SOFTMAX * scores, 0.0, sb, sb);
    gemm(put_act(e, ROOF_OP_PV_MATMUL, 2.0 * scores * s->dv, 0.0, sb + v,
                 out),
         s->new_tok, s->dv, s->keys, bh);
}

static ROOF__INLINE void mla_block(emit *e)
{
    const step *s = e->s;
    const double a = s->heads, T = s->tokens;
    norm(e, ROOF_OP_ATTN_NORM);
    if (s->rq > 0.0) {
        proj(e, ROOF_OP_Q_A_PROJ, s->hidden, s->rq);
        proj(e, ROOF_OP_Q_PROJ, s->rq, a * (s->dn + s->dr));
    } else {
        proj(e, ROOF_OP_Q_PROJ, s->hidden, a * (s->dn + s->dr));
    }
    proj(e, ROOF_OP_KV_A_PROJ, s->hidden, s->rkv + s->dr);
    if (s->rope) {
        const double n = T * (a * s->dr + s->dr);
        put_act(e, ROOF_OP_ROPE, FLOPS_ROPE * n, 0.0, n * s->ab, n * s->ab);
    }
    if (s->new_tok == 1.0)
        mla_absorbed(e);
    else
        mla_decompressed(e);
    proj(e, ROOF_OP_O_PROJ, a * s->dv, s->hidden);
    residual_add(e, ROOF_OP_ATTN_ADD, 2.0, 0.0);
}

/* ---- Mamba-2 and Gated DeltaNet (docs/model.md) -----------------------
 * The scan's state (heads x hd x N a sequence) and the conv's last K - 1
 * inputs are each sequence's recurrent state: read when it has cached
 * tokens, written every step.  The scan is counted as its chunked
 * algorithm: a token attends within the (causal half of the) chunk over
 * N + hd, and meets the state over 4 hd N (Mamba-2's SSD, chunks of 256)
 * or 7 hd N (the gated delta rule: decay, S k, the rank-one update and
 * S q; chunks of 64).  Gated DeltaNet maps onto the same fields: heads =
 * value heads, hd = dv, N = dk, groups = key heads. */
#define SSM_CHUNK 256.0
#define GDN_CHUNK 64.0

static ROOF__INLINE void mamba_block(emit *e)
{
    const step *s = e->s;
    const roof__shape *sh = s->sh;
    const double T = s->tokens, inner = sh->ssm_inner, ch = sh->ssm_conv_ch;
    const double had = s->cached > 0.0 ? 1.0 : 0.0;
    const double chunk = s->gdn ? GDN_CHUNK : SSM_CHUNK;
    const double per_state = s->gdn ? 7.0 : 4.0;
    norm(e, ROOF_OP_ATTN_NORM);
    proj(e, ROOF_OP_SSM_IN_PROJ, s->hidden,
         s->gdn ? sh->gdn_in_width : sh->ssm_in_width);
    const double conv = s->batch * (sh->ssm_k - 1.0) * ch * s->kb;
    put(e, ROOF_OP_SSM_CONV, 2.0 * sh->ssm_k * ch * T, ch * sh->ssm_k * s->wq,
        T * ch * s->ab, T * ch * s->ab, had * conv, conv, 0.0);
    const double state = s->batch * inner * sh->ssm_n * s->kb;
    const double n = s->new_tok < chunk ? s->new_tok : chunk;
    const double reach = (n + 1.0) * 0.5; /* mean causal prefix */
    const double gates = s->gdn ? 2.0 : 1.0; /* dt (and b) a head */
    put(e, ROOF_OP_SSM_SCAN,
        T * sh->ssm_heads * (per_state * sh->ssm_hd * sh->ssm_n
                             + 2.0 * reach * (sh->ssm_n + sh->ssm_hd)),
        (s->gdn ? 2.0 : 3.0) * sh->ssm_heads * s->wq, /* A, dt (, D) */
        T * (ch + gates * sh->ssm_heads) * s->ab, T * inner * s->ab,
        had * state, state, 0.0);
    put_act(e, ROOF_OP_SSM_NORM, (FLOPS_SILU_MUL + FLOPS_RMSNORM) * T * inner,
            (s->gdn ? sh->gdn_norm : inner) * s->ab, 2.0 * T * inner * s->ab,
            T * inner * s->ab);
    proj(e, ROOF_OP_SSM_OUT_PROJ, inner, s->hidden);
    residual_add(e, ROOF_OP_ATTN_ADD, 2.0, 0.0);
}

/* One layer of a model without groups: attention and MLP, always. */
static ROOF__INLINE void layer_ops(emit *e, const int x)
{
    attention_block(e, x);
    mlp_block(e);
    if (e->s->tp_on)
        allreduce(e, 2.0);
}

/* One layer of a group: attention, an MLP, or both. */
static ROOF__INLINE void group_layer_ops(emit *e)
{
    const step *s = e->s;
    if (s->mla)
        mla_block(e);
    else if (s->ssm)
        mamba_block(e);
    else if (s->attn)
        attention_block(e, 1);
    if (s->mlp_on)
        mlp_block(e);
    if (s->tp_on)
        allreduce(e, s->blocks);
}

static ROOF__INLINE void model_ops(emit *e)
{
    const step *s = e->s;
    const double n = s->tokens * s->hidden;
    const double rows = (s->tokens < s->vocab ? s->tokens : s->vocab)
                        + (s->learned ? s->new_tok : 0.0);
    put_act(e, ROOF_OP_EMBED, s->learned ? n : 0.0,
            rows * s->hidden * s->wq_embed,
            0.0, n * s->ab);
    norm(e, ROOF_OP_FINAL_NORM);
    /* Logits of each sequence's last new token only (what sampling needs). */
    gemm(put_act(e, ROOF_OP_LM_HEAD,
                 2.0 * s->batch * s->hidden * s->vocab_shard,
                 s->hidden * s->vocab_shard * s->wq_head,
                 s->batch * s->hidden * s->ab,
                 s->batch * s->vocab_shard * s->ab),
         s->batch, s->vocab_shard, s->hidden, 1.0);
}

/* ---- totals ------------------------------------------------------------ */

/* Sums the records ops[0..n) into *a, as add_op would have.  Local
 * accumulators: no aliasing with the ops written. */
static void sum_ops(const roof_op *o, uint32_t n, acc *a)
{
    double flops = 0, bytes = 0, w = 0, act = 0, kv = 0, comm = 0;
    double cs = 0, ms = 0, sec = 0, expected = 0, slowest = -1.0;
    double by_bound[4] = {0, 0, 0, 0};
    uint32_t dominant = 0;
    for (const roof_op *end = o + n; o < end; o++) {
        const roof_roofline *r = &o->roofline;
        flops += o->flops;
        bytes += o->bytes;
        w += o->weight_bytes;
        act += o->act_read_bytes + o->act_write_bytes;
        kv += o->kv_read_bytes + o->kv_write_bytes;
        comm += o->comm_bytes;
        cs += r->compute_seconds;
        ms += r->memory_seconds;
        sec += r->seconds;
        expected += o->expected_seconds;
        by_bound[r->bound] += r->seconds;
        if (r->seconds > slowest) {
            slowest = r->seconds;
            dominant = o->id;
        }
    }
    a->flops = flops;
    a->bytes = bytes;
    a->weight = w;
    a->act = act;
    a->kv = kv;
    a->comm = comm;
    a->cs = cs;
    a->ms = ms;
    a->seconds = sec;
    a->expected = expected;
    memcpy(a->by_bound, by_bound, sizeof by_bound);
    a->slowest = slowest;
    a->dominant = dominant;
}

/* The sums of one scope as a roof_sum (bound not set). */
static void sum_of(const acc *a, double inv_ic, roof_sum *t)
{
    t->flops = a->flops;
    t->bytes = a->bytes;
    t->weight_bytes = a->weight;
    t->act_bytes = a->act;
    t->kv_bytes = a->kv;
    t->comm_bytes = a->comm;
    t->compute_seconds = a->cs;
    t->memory_seconds = a->ms;
    t->comm_seconds = a->comm * inv_ic;
    t->seconds = a->seconds;
    t->expected_seconds = a->expected;
    memset(t->reserved, 0, sizeof t->reserved);
    memcpy(t->bound_seconds, a->by_bound, sizeof a->by_bound);
    t->dominant_op = a->dominant;
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

/* model = layers x layer + the model-scope ops. */
static void totals_of(const acc *a_layer, const acc *a_top, const step *s,
                      roof_totals *out)
{
    roof_sum layer, top, model;
    const double L = s->layers;
    sum_of(a_layer, s->inv_ic, &layer);
    sum_of(a_top, s->inv_ic, &top);
    model.flops = L * layer.flops + top.flops;
    model.bytes = L * layer.bytes + top.bytes;
    model.weight_bytes = L * layer.weight_bytes + top.weight_bytes;
    model.act_bytes = L * layer.act_bytes + top.act_bytes;
    model.kv_bytes = L * layer.kv_bytes + top.kv_bytes;
    model.comm_bytes = L * layer.comm_bytes + top.comm_bytes;
    model.compute_seconds = L * layer.compute_seconds + top.compute_seconds;
    model.memory_seconds = L * layer.memory_seconds + top.memory_seconds;
    model.comm_seconds = L * layer.comm_seconds + top.comm_seconds;
    model.seconds = L * layer.seconds + top.seconds;
    model.expected_seconds = L * layer.expected_seconds
                             + top.expected_seconds;
    memset(model.reserved, 0, sizeof model.reserved);
    for (size_t b = 0; b < ROOF_ARRAY_LEN(model.bound_seconds); b++)
        model.bound_seconds[b] = L * layer.bound_seconds[b]
                                 + top.bound_seconds[b];
    model.dominant_op = L * a_layer->slowest >= a_top->slowest
                            ? layer.dominant_op : top.dominant_op;
    sum_bound(&layer);
    sum_bound(&model);
    out->layer = layer;
    out->model = model;
    out->overhead_seconds = s->overhead;
    memset(out->reserved, 0, sizeof out->reserved);
}

/* Sets the call up (checking the efficiency, the sharding and the roofs)
 * for a model, device and workload already validated. */
static int prepare(const roof_model *m, const roof_workload *w,
                   const roof_hardware *hw, const roof_efficiency *eff,
                   const roof_calibration *cal, step *s)
{
    int rc = setup(m, w, s);
    if (rc == ROOF_OK)
        rc = make_roofs(m, hw, w, eff, s);
    if (rc == ROOF_OK) {
        make_times(hw, w, cal, s);
        s->overhead = cal->step_overhead_seconds;
    }
    return rc;
}

/* Builds every op of the step into ops[] and, when totals is not NULL,
 * sums them; n_layer of them are layer ops. */
static void build(const step *s, roof_op *ops, uint32_t n_layer, uint32_t n,
                  roof_totals *totals)
{
    emit e = {ops, s, ROOF_SCOPE_LAYER, 0, acc_zero};
    layer_ops(&e, 1);
    e.scope = ROOF_SCOPE_MODEL;
    model_ops(&e);
    if (totals != NULL) {
        acc layer, top;
        sum_ops(ops, n_layer, &layer);
        sum_ops(ops + n_layer, n - n_layer, &top);
        totals_of(&layer, &top, s, totals);
    }
}

/* The totals of every op of the step, without records. */
static void build_totals(const step *s, roof_totals *totals)
{
    emit e = {NULL, s, ROOF_SCOPE_LAYER, 0, acc_zero};
    if (s->extras)
        layer_ops(&e, 1);
    else
        layer_ops(&e, 0);
    const acc layer = e.sum;
    e.scope = ROOF_SCOPE_MODEL;
    e.sum = acc_zero;
    model_ops(&e);
    totals_of(&layer, &e.sum, s, totals);
}

/* ---- layer groups -------------------------------------------------------
 * A model with layer groups builds each group's layer operators in turn,
 * each tagged with its group, then the model-scope ones; its totals sum
 * layers x layer over the groups.  Models without groups keep the path
 * above untouched. */

typedef struct groups {
    step s[ROOF_MAX_GROUPS]; /* the model's step with each group's shape */
    uint32_t count;
    uint32_t n_layer;        /* layer operators over all groups */
    step bound;              /* the model's step with the most keys of any
                                group: what overflow_ok checks */
    roof__shape sh;          /* the model on one device (the steps point
                                to it) */
} groups;

static void group_step(const roof_model *m, const roof_workload *w,
                       const roof__shape *sh, uint32_t g, step *gs)
{
    roof__group_shape G;
    roof__shape_group_init(m, sh, g, &G);
    gs->layers = G.layers;
    gs->attn = (uint32_t)G.attn;
    gs->ssm = (uint32_t)G.ssm;
    gs->gdn = (uint32_t)G.gdn;
    gs->sh = sh;
    gs->mlp_on = (uint32_t)G.mlp;
    gs->blocks = (double)(G.mixer + G.mlp);
    gs->dense = G.dense;
    gs->experts = G.experts;
    gs->mla = (uint32_t)G.mla;
    gs->rq = sh->mla_rq;
    gs->rkv = sh->mla_rkv;
    gs->dr = sh->mla_dr;
    gs->dn = sh->mla_dn;
    gs->dv = sh->mla_dv;
    if (G.chunked)
        chunked_sizes(w, (uint32_t)G.window, gs);
    else
        attention_sizes(w, G.window, gs);
}

static void prepare_groups(const roof_model *m, const roof_workload *w,
                           const step *base, groups *gr)
{
    (void)roof__shape_init(m, w->tensor_parallel, &gr->sh); /* setup checked */
    gr->count = m->group_count;
    gr->n_layer = 0;
    gr->bound = *base;
    for (uint32_t g = 0; g < gr->count; g++) {
        gr->s[g] = *base;
        group_step(m, w, &gr->sh, g, &gr->s[g]);
        gr->n_layer += layer_op_count(&gr->s[g]);
        if (gr->s[g].keys > gr->bound.keys)
            gr->bound.keys = gr->s[g].keys;
    }
}

/* a += k b: b's sums counted k times (k layers of a group). */
static void acc_add(acc *a, const acc *b, double k)
{
    a->flops += k * b->flops;
    a->bytes += k * b->bytes;
    a->weight += k * b->weight;
    a->act += k * b->act;
    a->kv += k * b->kv;
    a->comm += k * b->comm;
    a->cs += k * b->cs;
    a->ms += k * b->ms;
    a->seconds += k * b->seconds;
    a->expected += k * b->expected;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(a->by_bound); i++)
        a->by_bound[i] += k * b->by_bound[i];
    if (k * b->slowest > a->slowest) {
        a->slowest = k * b->slowest;
        a->dominant = b->dominant;
    }
}

/* layer = one layer of each group; model = sum of layers x layer + top. */
static void group_totals(const acc *ga, const groups *gr, const acc *top,
                         const step *s, roof_totals *out)
{
    acc layer = acc_zero, model = acc_zero;
    for (uint32_t g = 0; g < gr->count; g++) {
        acc_add(&layer, &ga[g], 1.0);
        acc_add(&model, &ga[g], gr->s[g].layers);
    }
    acc_add(&model, top, 1.0);
    roof_sum ls = {0}, ms = {0};
    sum_of(&layer, s->inv_ic, &ls);
    sum_of(&model, s->inv_ic, &ms);
    sum_bound(&ls);
    sum_bound(&ms);
    out->layer = ls;
    out->model = ms;
    out->overhead_seconds = s->overhead;
    memset(out->reserved, 0, sizeof out->reserved);
}

static void build_grouped(const step *s, const groups *gr, roof_op *ops,
                          roof_totals *totals)
{
    emit e = {ops, s, ROOF_SCOPE_LAYER, 0, acc_zero};
    acc ga[ROOF_MAX_GROUPS], top;
    for (uint32_t g = 0; g < gr->count; g++) {
        roof_op *first = e.op;
        e.s = &gr->s[g];
        e.group = g;
        group_layer_ops(&e);
        sum_ops(first, (uint32_t)(e.op - first), &ga[g]);
    }
    roof_op *first = e.op;
    e.s = s;
    e.group = 0;
    e.scope = ROOF_SCOPE_MODEL;
    model_ops(&e);
    if (totals != NULL) {
        sum_ops(first, (uint32_t)(e.op - first), &top);
        group_totals(ga, gr, &top, s, totals);
    }
}

static void build_grouped_totals(const step *s, const groups *gr,
                                 roof_totals *totals)
{
    emit e = {NULL, s, ROOF_SCOPE_LAYER, 0, acc_zero};
    acc ga[ROOF_MAX_GROUPS];
    for (uint32_t g = 0; g < gr->count; g++) {
        e.s = &gr->s[g];
        e.sum = acc_zero;
        group_layer_ops(&e);
        ga[g] = e.sum;
    }
    e.s = s;
    e.scope = ROOF_SCOPE_MODEL;
    e.sum = acc_zero;
    model_ops(&e);
    group_totals(ga, gr, &e.sum, s, totals);
}

/* roof_step for a model with groups, once the step is prepared: out of
 * the uniform models' way (its stack and code). */
static ROOF__COLD int step_grouped(const roof_model *m,
                                   const roof_workload *w, const step *s,
                                   roof_totals *out)
{
    groups gr;
    prepare_groups(m, w, s, &gr);
    if (!overflow_ok(m, &gr.bound))
        return ROOF_E_OVERFLOW;
    build_grouped_totals(s, &gr, out); /* nothing fails past here */
    return ROOF_OK;
}

/* roof__ops_trusted for a model with groups, once the step is prepared. */
static ROOF__COLD int ops_grouped(const roof_model *m, const roof_workload *w,
                       const step *s, roof_op *ops, uint32_t cap,
                       uint32_t *count, roof_totals *totals)
{
    groups gr;
    prepare_groups(m, w, s, &gr);
    const uint32_t n = gr.n_layer + 3;
    if (cap < n) {
        if (count != NULL)
            *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    if (!overflow_ok(m, &gr.bound))
        return ROOF_E_OVERFLOW;
    build_grouped(s, &gr, ops, totals);
    if (count != NULL)
        *count = n;
    return ROOF_OK;
}

int roof__ops_trusted(const roof_model *m, const roof_workload *w,
                      const roof_hardware *hw, const roof_efficiency *eff,
                      const roof_calibration *cal, roof_op *ops,
                      uint32_t cap, uint32_t *count, roof_totals *totals)
{
    if (w == NULL)
        return ROOF_E_NULL;
    int rc = roof_workload_validate(w);
    if (rc != ROOF_OK)
        return rc;
    if (ops == NULL && cap > 0)
        return ROOF_E_NULL;
    step s;
    rc = prepare(m, w, hw, eff, cal, &s);
    if (rc != ROOF_OK)
        return rc;
    if (m->group_count > 0)
        return ops_grouped(m, w, &s, ops, cap, count, totals);
    const uint32_t n_layer = layer_op_count(&s);
    const uint32_t n = n_layer + 3;
    if (cap < n) {
        if (count != NULL)
            *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    if (!overflow_ok(m, &s))
        return ROOF_E_OVERFLOW;
    build(&s, ops, n_layer, n, totals);
    if (count != NULL)
        *count = n;
    return ROOF_OK;
}

int roof__calibration_resolve(const roof_hardware *hw,
                              const roof_calibration *cal,
                              const roof_calibration **out)
{
    if (cal == NULL) {
        *out = roof__calibration_for(hw);
        return ROOF_OK;
    }
    int rc = roof_calibration_validate(cal);
    if (rc == ROOF_OK)
        rc = roof_calibration_check_hardware(cal, hw);
    *out = cal;
    return rc;
}

/* Validates the descriptors and resolves the profile. */
static int check_call(const roof_model *m, const roof_hardware *hw,
                      const roof_calibration *cal,
                      const roof_calibration **use)
{
    int rc = roof_model_validate(m);
    if (rc == ROOF_OK)
        rc = roof_hardware_validate(hw);
    if (rc == ROOF_OK)
        rc = roof__calibration_resolve(hw, cal, use);
    return rc;
}

int roof_ops_calibrated(const roof_model *m, const roof_workload *w,
                        const roof_hardware *hw, const roof_efficiency *eff,
                        const roof_calibration *cal, roof_op *ops,
                        uint32_t cap, uint32_t *count, roof_totals *totals)
{
    if (m == NULL || w == NULL || hw == NULL)
        return ROOF_E_NULL;
    const roof_calibration *use;
    int rc = check_call(m, hw, cal, &use);
    if (rc != ROOF_OK)
        return rc;
    return roof__ops_trusted(m, w, hw, eff, use, ops, cap, count, totals);
}

int roof_ops(const roof_model *m, const roof_workload *w,
             const roof_hardware *hw, const roof_efficiency *eff,
             roof_op *ops, uint32_t cap, uint32_t *count,
             roof_totals *totals)
{
    return roof_ops_calibrated(m, w, hw, eff, NULL, ops, cap, count, totals);
}

int roof_step_calibrated(const roof_model *m, const roof_workload *w,
                         const roof_hardware *hw, const roof_efficiency *eff,
                         const roof_calibration *cal, roof_totals *out)
{
    if (m == NULL || w == NULL || hw == NULL || out == NULL)
        return ROOF_E_NULL;
    const roof_calibration *use;
    int rc = check_call(m, hw, cal, &use);
    if (rc == ROOF_OK)
        rc = roof_workload_validate(w);
    step s;
    if (rc == ROOF_OK)
        rc = prepare(m, w, hw, eff, use, &s);
    if (rc != ROOF_OK)
        return rc;
    if (m->group_count > 0)
        return step_grouped(m, w, &s, out);
    if (!overflow_ok(m, &s))
        return ROOF_E_OVERFLOW;
    /* Nothing fails past this point: the totals go straight to *out. */
    build_totals(&s, out);
    return ROOF_OK;
}

int roof_step(const roof_model *m, const roof_workload *w,
              const roof_hardware *hw, const roof_efficiency *eff,
              roof_totals *out)
{
    return roof_step_calibrated(m, w, hw, eff, NULL, out);
}
