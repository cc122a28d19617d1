/* The shape of a model on one device of a tensor-parallel group: the one
 * place that says how wide each tensor is, how many weights a layer holds,
 * how many K/V elements a token adds to the cache and how tensor
 * parallelism splits them.  lib/ops.c, lib/estimate.c and lib/model.c (and
 * the command line, through roof_model_shardable) read these numbers from
 * here and nowhere else; docs/model.md derives them. */
#ifndef ROOFMODEL_SHAPE_PRIV_H
#define ROOFMODEL_SHAPE_PRIV_H

#include "roofmodel.h"
#include "util.h"

/* Every count is a whole number below 2^53 (roof_model_validate bounds
 * them), so each double below is exact. */
typedef struct roof__shape {
    double tp;             /* devices sharing each layer: t */
    double hidden;         /* h: the residual stream's width */
    double heads;          /* query heads per device: heads / t */
    double kv_heads;       /* K/V heads per device: kv_heads / t, or one
                              replicated head when kv_heads < t */
    double head_dim;
    double q_width;        /* heads x head_dim, per device */
    double kv_width;       /* kv_heads x head_dim, per device */
    double dense;          /* dense MLP width per device, the shared
                              experts' included: ceil(width / t) */
    double expert;         /* one routed expert's width: ceil(width / t) */
    double vocab_rows;     /* embedding and lm_head rows: ceil(vocab / t) */
    double experts, topk;  /* routed experts, and those a token uses */
    double mlp_mats;       /* 3 (gate, up, down) or 2 (up, down) */
    double norm_gains;     /* parameters of one norm: h, or 2h (LayerNorm) */
    double embed_params;   /* vocab_rows x h, + max_context x h positions
                              when learned */
    double lm_head_params; /* vocab_rows x h (whether tied is the
                              caller's business: it depends on where the
                              two ends live) */
    /* Parameters of one layer on one device. */
    double attn_params;    /* q, k, v, o: h (2 q_width + 2 kv_width) */
    double dense_params;   /* mlp_mats x h x dense */
    double expert_params;  /* one routed expert: mlp_mats x h x expert */
    double router_params;  /* h x experts, replicated on every device */
    double layer_norm_params; /* the layer's two norms, replicated, and
                                 attn_extra_norms */
    double attn_extra_norms; /* QK-norm gains (2 head_dim, replicated),
                                sink logits (a head each) */
    /* Per layer, per device. */
    double kv_elems_per_token; /* K and V: 2 x kv_width */
    double state_elems_per_seq; /* recurrent state (0: attention only) */
    /* Multi-head latent attention (ROOF_MIXER_MLA layers): ranks and head
     * parts, the layer's attention parameters on one device (q and kv
     * down-projections replicated, up-projections and o split by heads)
     * and the latent + k_rope a token caches (replicated). */
    double mla_rq, mla_rkv, mla_dr, mla_dn, mla_dv;
    double mla_attn_params;
    double mla_kv_elems;
    /* Mamba-2 (ROOF_MIXER_MAMBA2 layers), split by heads and groups: the
     * heads, head width, state size, B/C groups and conv kernel on one
     * device; the inner width heads x hd; the conv's channels x, B, C;
     * in_proj's outputs z, x, B, C, dt; the layer's weight parameters (in
     * and out projections, conv, A, D and dt bias), its gated norm's
     * gains, and the state a sequence keeps (scan and conv). */
    double ssm_heads, ssm_hd, ssm_n, ssm_g, ssm_k;
    double ssm_inner, ssm_conv_ch, ssm_in_width;
    double ssm_matrices, ssm_norm, ssm_state;
    /* Gated DeltaNet on the same fields (value heads, dv, dk, key heads,
     * kernel): in_proj_qkvz and in_proj_ba's widths together, the layer's
     * weights (A and dt bias: 2 a head), its per-head norm's dv gains. */
    double gdn_in_width, gdn_matrices, gdn_norm;
} roof__shape;

/* The tensor-parallel rule: t > 0 devices split the query heads evenly and
 * the K/V heads evenly, or, with fewer K/V heads than devices and t a
 * multiple of them, replicate one K/V head per device.  1 when t is
 * allowed.  *m must hold positive head counts. */
static ROOF__INLINE int roof__shape_tp_ok(const roof_model *m, uint32_t t);

/* *out for model *m (sizes already checked by roof_model_validate) on one
 * of t devices.  ROOF_E_INVALID when roof__shape_tp_ok refuses t (t == 0
 * included); *out is written only on ROOF_OK. */
static ROOF__INLINE int roof__shape_init(const roof_model *m, uint32_t t,
                                   roof__shape *out);

/* Weight-matrix parameters of one layer on one device (what a weight
 * format quantizes: attention, MLP, router) with `experts` routed experts
 * counted: s->experts for all of them, s->topk for one token's. */
static ROOF__INLINE double roof__shape_layer_matrices(const roof__shape *s,
                                               double experts);

/* Every parameter of one layer on one device (matrices and norm gains),
 * with every routed expert (total) or with one token's (active). */
static ROOF__INLINE double roof__shape_layer_params(const roof__shape *s);
static ROOF__INLINE double roof__shape_layer_active_params(const roof__shape *s);

/* Bytes one weight of each module costs, scales included: the model's
 * format where roof_model.formats_set names one (its
 * roof_format_bits_per_weight / 8), else the workload's (model.h gives the
 * rule).  The one place weight widths are decided. */
typedef struct roof__wbytes {
    double layers;  /* mixer, dense MLP, shared experts, router */
    double experts; /* routed experts */
    double embed;   /* embedding (and a tied lm_head) */
    double head;    /* an untied lm_head */
} roof__wbytes;

/* For a valid model and workload. */
void roof__shape_wbytes(const roof_model *m, const roof_workload *w,
                        roof__wbytes *out);

/* Bytes of one layer's weights on one device: the matrices at the widths
 * of *wb (scales included), the norm gains at ab bytes (activation
 * width). */
double roof__shape_layer_bytes(const roof__shape *s, const roof__wbytes *wb,
                               double ab);

/* A whole model's weights on one device, by module, at its own formats
 * (unset modules at native_bits, 16 when 0, without scales); norm gains
 * at 16 bits.  For a valid model. */
typedef struct roof__model_bytes {
    double layers, experts, embedding, lm_head, norms, total;
} roof__model_bytes;

void roof__shape_model_bytes(const roof_model *m, roof__model_bytes *out);

/* Bytes one token adds to one sequence's cache over `layers` layers of one
 * device, at kb bytes per element. */
double roof__shape_kv_bytes_per_token(const roof__shape *s, double layers,
                                      double kb);

/* ---- layer groups ----
 * A model without groups (group_count 0) is one group: every layer, full
 * attention (with the model's sliding_window, if any) and the model's
 * MLP. */

/* Groups of *m: group_count, or 1. */
uint32_t roof__shape_group_count(const roof_model *m);

/* Group g (< roof__shape_group_count) of *m, the implicit one included. */
roof_layer_group roof__shape_group(const roof_model *m, uint32_t g);

/* One group on one device. */
typedef struct roof__group_shape {
    double layers;
    int attn;              /* the mixer is attention (reads a K/V cache) */
    int mlp;               /* the layer has an MLP */
    int chunked;           /* attention within chunks of `window` tokens */
    int mla;               /* multi-head latent attention */
    int ssm;               /* a recurrent mixer: Mamba-2 or GDN */
    int gdn;               /* Gated DeltaNet */
    int mixer;             /* the layer has a mixer block */
    double window;         /* K/V tokens one sequence keeps per layer at
                              most: W (sliding), C (chunked); 0 = all */
    double dense;          /* dense MLP width per device (0: none) */
    double experts;        /* routed experts (0: none) */
    double matrices;       /* weight-matrix parameters of one layer, all
                              experts */
    double expert_matrices; /* the routed experts' share of matrices */
    double active_matrices; /* the same with one token's experts */
    double norm_params;    /* norm gains of one layer */
    double kv_elems_per_token; /* per layer (0 without attention) */
    double state_elems_per_seq; /* per layer (Mamba-2; else 0) */
} roof__group_shape;

void roof__shape_group_init(const roof_model *m, const roof__shape *s,
                            uint32_t g, roof__group_shape *out);

/* Bytes of one layer of the group on one device: matrices at the widths
 * of *wb, norm gains at ab. */
double roof__shape_group_bytes(const roof__group_shape *g,
                               const roof__wbytes *wb, double ab);

/* Sums over the groups of layers x parameters of one layer on one
 * device: every expert (*all) or one token's (*active); for a model whose
 * sizes are checked. */
void roof__shape_grouped_params(const roof_model *m, double *all,
                                double *active);

/* ---- definitions: inline, as every roof_ops and roof_step call runs
 * them (twice: validation bounds the parameter count) ---- */

/* ceil(n / t) in integers: exact, and no libm call on the hot path. */
static ROOF__INLINE double roof__ceil_share(uint64_t n, uint32_t t)
{
    return t == 1 ? (double)n : (double)((n + t - 1) / t);
}

static ROOF__INLINE int roof__shape_tp_ok(const roof_model *m, uint32_t t)
{
    if (t == 1)
        return 1;
    if (t == 0 || m->heads % t != 0)
        return 0;
    /* Mamba-2: its heads and B/C groups split evenly too. */
    if (m->ssm_heads > 0 && (m->ssm_heads % t != 0 || m->ssm_groups % t != 0))
        return 0;
    return m->kv_heads >= t ? m->kv_heads % t == 0 : t % m->kv_heads == 0;
}

static ROOF__INLINE void roof__shape_widths(const roof_model *m, uint32_t t, roof__shape *s)
{
    const uint64_t dense = (uint64_t)m->intermediate
                           + (uint64_t)m->shared_experts
                             * m->shared_intermediate;
    s->tp = t;
    s->hidden = m->hidden;
    s->heads = (double)(m->heads / t);
    s->kv_heads = m->kv_heads >= t ? (double)(m->kv_heads / t) : 1.0;
    s->head_dim = m->head_dim;
    s->q_width = s->heads * s->head_dim;
    s->kv_width = s->kv_heads * s->head_dim;
    s->dense = roof__ceil_share(dense, t);
    s->expert = roof__ceil_share(m->expert_intermediate, t);
    s->vocab_rows = roof__ceil_share(m->vocab, t);
    s->experts = m->experts;
    s->topk = m->experts_per_token;
}

static ROOF__INLINE void roof__shape_params(const roof_model *m, roof__shape *s)
{
    const double h = m->hidden;
    s->mlp_mats = m->mlp == ROOF_MLP_GATED ? 3.0 : 2.0;
    s->norm_gains = (m->norm == ROOF_NORM_LAYER ? 2.0 : 1.0) * h;
    s->embed_params = s->vocab_rows * h;
    if (m->position == ROOF_POS_LEARNED)
        s->embed_params += (double)m->max_context * h;
    s->lm_head_params = s->vocab_rows * h;
    s->attn_params = h * (2.0 * s->q_width + 2.0 * s->kv_width);
    if (m->attn_extras & ROOF_EXTRA_OUTPUT_GATE) /* the gate's projection */
        s->attn_params += h * s->q_width;
    s->attn_extra_norms =
        ((m->attn_extras & ROOF_EXTRA_QK_NORM) ? 2.0 * s->head_dim : 0.0)
        + ((m->attn_extras & ROOF_EXTRA_SINKS) ? s->heads : 0.0);
    s->dense_params = s->mlp_mats * h * s->dense;
    s->expert_params = s->mlp_mats * h * s->expert;
    s->router_params = h * s->experts;
    s->layer_norm_params = 2.0 * s->norm_gains + s->attn_extra_norms;
    s->kv_elems_per_token = 2.0 * s->kv_width;
    s->state_elems_per_seq = 0.0;
}

/* MLA on one device (all 0 for a model without it). */
static ROOF__INLINE void roof__shape_mla(const roof_model *m, roof__shape *s)
{
    const double h = m->hidden, a = s->heads;
    s->mla_rq = m->q_lora_rank;
    s->mla_rkv = m->kv_lora_rank;
    s->mla_dr = m->qk_rope_head_dim;
    s->mla_dn = m->qk_nope_head_dim;
    s->mla_dv = m->v_head_dim;
    const double qk = s->mla_dn + s->mla_dr;
    const double q = s->mla_rq > 0.0 ? h * s->mla_rq + s->mla_rq * a * qk
                                     : h * a * qk;
    s->mla_attn_params = q + h * (s->mla_rkv + s->mla_dr)
                         + s->mla_rkv * a * (s->mla_dn + s->mla_dv)
                         + a * s->mla_dv * h;
    s->mla_kv_elems = s->mla_rkv + s->mla_dr;
}

/* Mamba-2 on one device of t (all 0 for a model without it). */
static ROOF__INLINE void roof__shape_ssm(const roof_model *m, uint32_t t,
                                        roof__shape *s)
{
    const double h = m->hidden;
    s->ssm_heads = (double)(m->ssm_heads / t);
    s->ssm_hd = m->ssm_head_dim;
    s->ssm_n = m->ssm_state;
    s->ssm_g = (double)(m->ssm_groups / t);
    s->ssm_k = m->ssm_conv;
    s->ssm_inner = s->ssm_heads * s->ssm_hd;
    s->ssm_conv_ch = s->ssm_inner + 2.0 * s->ssm_g * s->ssm_n;
    s->ssm_in_width = s->ssm_inner + s->ssm_conv_ch + s->ssm_heads;
    s->ssm_matrices = h * s->ssm_in_width + s->ssm_conv_ch * s->ssm_k
                      + 3.0 * s->ssm_heads + s->ssm_inner * h;
    s->ssm_norm = s->ssm_inner;
    s->ssm_state = s->ssm_inner * s->ssm_n
                   + (s->ssm_k > 0.0 ? s->ssm_k - 1.0 : 0.0) * s->ssm_conv_ch;
    s->gdn_in_width = s->ssm_inner + s->ssm_conv_ch + 2.0 * s->ssm_heads;
    s->gdn_matrices = h * s->gdn_in_width + s->ssm_conv_ch * s->ssm_k
                      + 2.0 * s->ssm_heads + s->ssm_inner * h;
    s->gdn_norm = s->ssm_hd;
}

static ROOF__INLINE int roof__shape_init(const roof_model *m, uint32_t t,
                                   roof__shape *out)
{
    if (!roof__shape_tp_ok(m, t))
        return ROOF_E_INVALID;
    roof__shape s;
    roof__shape_widths(m, t, &s);
    roof__shape_params(m, &s);
    roof__shape_mla(m, &s);
    roof__shape_ssm(m, t, &s);
    *out = s;
    return ROOF_OK;
}

static ROOF__INLINE double roof__shape_layer_matrices(const roof__shape *s, double experts)
{
    return s->attn_params + s->dense_params + experts * s->expert_params
           + s->router_params;
}

static ROOF__INLINE double roof__shape_layer_params(const roof__shape *s)
{
    return roof__shape_layer_matrices(s, s->experts) + s->layer_norm_params;
}

static ROOF__INLINE double roof__shape_layer_active_params(const roof__shape *s)
{
    return roof__shape_layer_matrices(s, s->topk) + s->layer_norm_params;
}

#endif
