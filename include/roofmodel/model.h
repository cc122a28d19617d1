/*
 * roofmodel: transformer model descriptors and built-in presets.
 */
#ifndef ROOFMODEL_MODEL_H
#define ROOFMODEL_MODEL_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ROOF_MODEL_NAME_MAX 48
#define ROOF_MODEL_SOURCE_MAX 192

enum roof_mlp_kind {
    ROOF_MLP_GATED = 0, /* SwiGLU/GeGLU: gate_proj, up_proj, act*mul, down */
    ROOF_MLP_PLAIN = 1  /* GELU/ReLU: up_proj, act, down_proj */
};

enum roof_norm_kind {
    ROOF_NORM_RMS = 0,   /* RMSNorm (Llama, Mistral, Qwen) */
    ROOF_NORM_LAYER = 1  /* LayerNorm (GPT-2/3, OPT, Falcon, NeoX) */
};

enum roof_position_kind {
    ROOF_POS_ROPE = 0,    /* rotary embedding applied to q and k */
    ROOF_POS_LEARNED = 1, /* learned absolute positions added at embed */
    ROOF_POS_NONE = 2     /* ALiBi or none: nothing applied to q, k */
};

/* What mixes the tokens of one layer group. */
enum roof_mixer_kind {
    ROOF_MIXER_ATTENTION = 0, /* full causal attention (the model's
                                 sliding_window, if any, applies) */
    ROOF_MIXER_SLIDING = 1,   /* attention over the last `window` keys */
    ROOF_MIXER_CHUNKED = 2,   /* attention inside chunks of `window` tokens
                                 (Llama-4's local layers) */
    ROOF_MIXER_NONE = 3,      /* no mixer: an MLP-only layer */
    ROOF_MIXER_MLA = 4,       /* multi-head latent attention (DeepSeek-V2
                                 and V3): the model's q_lora_rank ..
                                 v_head_dim fields */
    ROOF_MIXER_MAMBA2 = 5,    /* a Mamba-2 mixer: the model's ssm_* fields */
    ROOF_MIXER_GDN = 6        /* Gated DeltaNet (Qwen3-Next): the ssm_*
                                 fields as value heads, value head width,
                                 key head width, key heads, conv kernel */
};
#define ROOF_MIXER_COUNT 7

/* Small terms of full, sliding and chunked attention (a bit mask). */
enum roof_attn_extra {
    ROOF_EXTRA_QK_NORM = 1,    /* RMSNorm of each q and k head (Qwen3,
                                  Gemma-3): head_dim gains each */
    ROOF_EXTRA_SINKS = 2,      /* a learned sink logit per head (gpt-oss) */
    ROOF_EXTRA_OUTPUT_GATE = 4 /* a sigmoid gate on the attention output,
                                  from its own projection (Qwen3-Next) */
};
#define ROOF_EXTRA_ALL 7u

/* The MLP of one layer group. */
enum roof_group_mlp {
    ROOF_GROUP_MLP_MODEL = 0, /* the model's: dense (intermediate) and/or
                                 routed experts, as the fields say */
    ROOF_GROUP_MLP_DENSE = 1, /* dense only, of width dense_intermediate
                                 (DeepSeek's first-k dense layers) */
    ROOF_GROUP_MLP_NONE = 2   /* no MLP: a mixer-only layer */
};
#define ROOF_GROUP_MLP_COUNT 3

/* The most layer groups a model holds. */
#define ROOF_MAX_GROUPS 8

/* The modules of a model whose weight format roof_model can set (bits of
 * roof_model.formats_set). */
enum roof_module {
    ROOF_MODULE_LAYERS = 1,    /* every matrix of the layers except the
                                  routed experts: attention (or MLA, Mamba,
                                  GDN), dense MLP, shared experts, router */
    ROOF_MODULE_EXPERTS = 2,   /* the routed experts */
    ROOF_MODULE_EMBEDDING = 4, /* token (and learned position) embedding */
    ROOF_MODULE_LM_HEAD = 8    /* the output projection, when untied */
};
#define ROOF_MODULE_ALL 15u

/* One group of layers that share a shape.  A model's totals do not depend
 * on the order of its layers, so a repeating pattern (Gemma-3's 5 local :
 * 1 global) is one group per kind of layer, each with its count. */
typedef struct roof_layer_group {
    uint32_t layers;             /* layers in the group; > 0 */
    uint32_t mixer;              /* enum roof_mixer_kind */
    uint32_t window;             /* W (SLIDING) or C (CHUNKED) tokens, > 0;
                                    0 for the other mixers */
    uint32_t mlp;                /* enum roof_group_mlp */
    uint32_t dense_intermediate; /* width for ROOF_GROUP_MLP_DENSE, > 0;
                                    0 otherwise */
    uint32_t reserved[3];        /* must be 0 */
} roof_layer_group;

typedef struct roof_model {
    char name[ROOF_MODEL_NAME_MAX];     /* "llama-13b" */
    char source[ROOF_MODEL_SOURCE_MAX]; /* where the configuration is from */
    uint32_t hidden;              /* d_model; > 0 */
    uint32_t layers;              /* > 0 */
    uint32_t heads;               /* query heads; > 0 */
    uint32_t kv_heads;            /* K/V heads (GQA/MQA); divides heads */
    uint32_t head_dim;            /* > 0; not always hidden / heads */
    uint32_t intermediate;        /* dense MLP width (or 0 for pure MoE) */
    uint32_t vocab;               /* > 0 */
    uint32_t mlp;                 /* enum roof_mlp_kind */
    uint32_t norm;                /* enum roof_norm_kind */
    uint32_t position;            /* enum roof_position_kind */
    uint32_t experts;             /* routed experts; 0 = dense model */
    uint32_t experts_per_token;   /* top-k; 1..experts when experts > 0 */
    uint32_t expert_intermediate; /* width of one routed expert */
    uint32_t shared_experts;      /* always-active experts (0 = none) */
    uint32_t shared_intermediate; /* width of one shared expert */
    uint32_t tied_embeddings;     /* 1 = lm_head shares embed's weights */
    uint32_t sliding_window;      /* attention window; 0 = full context */
    uint32_t max_context;         /* trained context length; 0 = unknown */
    uint32_t native_bits;         /* released weight width (16 for bf16) */
    uint32_t group_count;         /* 0: every layer as the fields above
                                     say; else 1..ROOF_MAX_GROUPS groups
                                     whose layers sum to `layers` */
    uint32_t attn_extras;         /* enum roof_attn_extra bits */
    /* Multi-head latent attention, for ROOF_MIXER_MLA groups (all 0 when
     * no group uses it; docs/model.md, "MLA"). */
    uint32_t q_lora_rank;         /* q down-projection rank; 0 = none */
    uint32_t kv_lora_rank;        /* the latent K/V a token caches; > 0 */
    uint32_t qk_rope_head_dim;    /* rotary part of q and k (one shared
                                     k_rope per token); > 0 */
    uint32_t qk_nope_head_dim;    /* the rest of a head's q and k; > 0 */
    uint32_t v_head_dim;          /* a head's value width; > 0 */
    /* Mamba-2 and Gated DeltaNet, for ROOF_MIXER_MAMBA2 or ROOF_MIXER_GDN
     * groups (all 0 when no group uses them, and not both in one model;
     * docs/model.md, "Mamba-2", "Gated DeltaNet"). */
    uint32_t ssm_heads;           /* mamba_num_heads; > 0 */
    uint32_t ssm_head_dim;        /* mamba_head_dim; > 0 */
    uint32_t ssm_state;           /* ssm_state_size (N); > 0 */
    uint32_t ssm_groups;          /* n_groups of B and C; divides heads */
    uint32_t ssm_conv;            /* conv_kernel; > 0 */
    roof_layer_group groups[ROOF_MAX_GROUPS]; /* [group_count ..] all 0 */
    /* The released checkpoint's weight formats, per module (docs/model.md,
     * "Weight formats").  A module whose bit is set in formats_set stores
     * its weights in its format_* field (enum roof_format, format.h), which
     * wins over the workload's weight_bits, quant_group and scale_bits; a
     * module whose bit is clear follows the workload (its format_* field
     * must be 0):
     *   layers (attention or other mixer, dense MLP, shared experts,
     *   router) and routed experts: weight_bits with quant_group scales;
     *   embedding and lm_head: weight_bits when it is 16 or more, else 16
     *   bits without scales (quantizers such as AWQ and GPTQ leave both
     *   in 16 bits).
     * A tied lm_head is the embedding: ROOF_MODULE_LM_HEAD must be clear,
     * and the embedding's width applies to both. */
    uint32_t formats_set;         /* enum roof_module bits */
    uint32_t format_layers;       /* ROOF_MODULE_LAYERS */
    uint32_t format_experts;      /* ROOF_MODULE_EXPERTS; needs experts */
    uint32_t format_embedding;    /* ROOF_MODULE_EMBEDDING */
    uint32_t format_lm_head;      /* ROOF_MODULE_LM_HEAD; untied only */
    uint32_t reserved[16];        /* must be 0: room for the linear-
                                     attention mixers */
} roof_model;

/* Checks a descriptor: positive sizes, heads % kv_heads == 0, known enum
 * values, MoE fields consistent (experts_per_token <= experts, a routed
 * expert width when experts > 0, some MLP when experts == 0), products that
 * stay far below 2^53, NUL-terminated strings, zero reserved fields; and
 * the layer groups: group_count <= ROOF_MAX_GROUPS, each group with
 * layers > 0, known mixer and MLP kinds, a window exactly for SLIDING and
 * CHUNKED, a dense_intermediate exactly for ROOF_GROUP_MLP_DENSE, not
 * both mixer and MLP NONE, zero reserved fields; their layers summing to
 * `layers`; the unused groups all zero.
 * ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID. */
ROOF_API int roof_model_validate(const roof_model *m);

/* Whether tensor_parallel devices can share each layer of *m: the query
 * heads split evenly over them, and the K/V heads split evenly or, when
 * fewer than the devices and the degree a multiple of them, one K/V head
 * is replicated per device.  The one rule roof_ops, roof_step and the
 * estimates apply.  ROOF_OK when they can; ROOF_E_INVALID when they
 * cannot; ROOF_E_RANGE for 0 devices; ROOF_E_NULL, and the statuses of
 * roof_model_validate for a bad descriptor. */
ROOF_API int roof_model_shardable(const roof_model *m,
                                  uint32_t tensor_parallel);

/* Built-in presets, indexed 0 .. count-1; each carries its source. */
ROOF_API uint32_t roof_model_count(void);
ROOF_API int roof_model_get(uint32_t index, roof_model *out);

/* Case-insensitive lookup by name or alias ("llama-2-13b", "Llama-2-13B",
 * "llama2-13b").  ROOF_E_NULL, ROOF_E_NOT_FOUND. */
ROOF_API int roof_model_find(const char *name, roof_model *out);

/* Closest preset names, as roof_hardware_suggest. */
ROOF_API int roof_model_suggest(const char *name, const char **names,
                                uint32_t cap, uint32_t *count);

/* Parameter counts (exact, as doubles: they can exceed 2^32). */
typedef struct roof_model_params {
    double embedding;      /* vocab x hidden (+ positions when learned) */
    double per_layer;      /* attention + MLP (all experts) + norms; with
                              layer groups, the mean layer */
    double active_per_layer; /* per token: top-k + shared experts only */
    double lm_head;        /* 0 when tied */
    double total;          /* embedding + layers x per_layer + final norm
                              + lm_head */
    double active;         /* parameters one token touches */
    double reserved[4];    /* 0 */
} roof_model_params;

ROOF_API int roof_model_param_count(const roof_model *m,
                                    roof_model_params *out);

#ifdef __cplusplus
}
#endif
#endif
