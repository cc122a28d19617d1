/* Transformer model descriptors: validation, parameter counts and the
 * built-in presets with the published configurations they come from. */
#include "shape-priv.h"
#include "util.h"

#include <stddef.h>
#include <string.h>

/* A preset and the other names it answers to (normalised comparison:
 * case, '-', '_' and ' ' are ignored, so "llama2-13b" needs no alias). */
#define MAX_ALIASES 4
typedef struct preset {
    roof_model m;
    const char *aliases[MAX_ALIASES];
} preset;

/* Shorthands that keep the table readable. */
#define DENSE_LLAMA(nm, src, hid, lay, hd, kvh, inter, voc, ctx)            \
    {.name = nm, .source = src, .hidden = hid, .layers = lay, .heads = hd, \
     .kv_heads = kvh, .head_dim = (hid) / (hd), .intermediate = inter,     \
     .vocab = voc, .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS,           \
     .position = ROOF_POS_ROPE, .max_context = ctx, .native_bits = 16}

/* Qwen3's MoE models: 128 experts, 8 a token, head_dim 128. */
#define QWEN3_MOE(nm, src, hid, lay, hd, kvh, moe)                          \
    {.name = nm, .source = src, .hidden = hid, .layers = lay, .heads = hd, \
     .kv_heads = kvh, .head_dim = 128, .vocab = 151936,                    \
     .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE, \
     .experts = 128, .experts_per_token = 8, .expert_intermediate = moe,  \
     .max_context = 40960, .native_bits = 16,                              \
     .attn_extras = ROOF_EXTRA_QK_NORM}

/* gpt-oss: layers alternate a 128-token window and full attention.  Its
 * config.json's quantization_config (quant_method mxfp4; self_attn,
 * router, embed_tokens and lm_head in modules_to_not_convert) gives the
 * formats: MXFP4 routed experts, BF16 elsewhere. */
#define GPT_OSS(nm, src, lay, ex)                                           \
    {.name = nm, .source = src, .hidden = 2880, .layers = lay, .heads = 64, \
     .kv_heads = 8, .head_dim = 64, .vocab = 201088,                      \
     .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE, \
     .experts = ex, .experts_per_token = 4, .expert_intermediate = 2880,  \
     .max_context = 131072, .native_bits = 16,                             \
     .attn_extras = ROOF_EXTRA_SINKS, .group_count = 2,                     \
     .groups = {{.layers = (lay) / 2, .mixer = ROOF_MIXER_SLIDING,         \
                 .window = 128},                                            \
                {.layers = (lay) / 2, .mixer = ROOF_MIXER_ATTENTION}},      \
     .formats_set = ROOF_MODULE_ALL, .format_layers = ROOF_FORMAT_BF16,    \
     .format_experts = ROOF_FORMAT_MXFP4,                                  \
     .format_embedding = ROOF_FORMAT_BF16, .format_lm_head = ROOF_FORMAT_BF16}

/* The formats of DeepSeek-V3 and Kimi-K2 are their config.json's
 * quantization_config (quant_method fp8, weight_block_size [128, 128]):
 * FP8 with a scale per 128 x 128 block in the layers and experts, the
 * embedding and lm_head in BF16 (torch_dtype).
 * DeepSeek-V3's shape (Kimi-K2 is it under its own model_type): MLA
 * with q LoRA 1536, latent 512, heads of 128 + 64 rotary (q, k) and 128
 * (v); the first k layers dense (18432), the rest 2048-wide routed experts
 * (8 a token) beside one shared expert.  head_dim = 128 + 64. */
#define DEEPSEEK_V3(nm, src, hd, ex, dense, voc, ctx)                       \
    {.name = nm, .source = src, .hidden = 7168, .layers = 61, .heads = hd, \
     .kv_heads = hd, .head_dim = 192, .intermediate = 0, .vocab = voc,     \
     .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE, \
     .experts = ex, .experts_per_token = 8, .expert_intermediate = 2048,  \
     .shared_experts = 1, .shared_intermediate = 2048, .max_context = ctx, \
     .native_bits = 8, .q_lora_rank = 1536, .kv_lora_rank = 512,           \
     .qk_rope_head_dim = 64, .qk_nope_head_dim = 128, .v_head_dim = 128,  \
     .group_count = 2,                                                      \
     .groups = {{.layers = dense, .mixer = ROOF_MIXER_MLA,                 \
                 .mlp = ROOF_GROUP_MLP_DENSE, .dense_intermediate = 18432}, \
                {.layers = 61 - (dense), .mixer = ROOF_MIXER_MLA}},         \
     .formats_set = ROOF_MODULE_ALL,                                        \
     .format_layers = ROOF_FORMAT_FP8_BLOCK128,                             \
     .format_experts = ROOF_FORMAT_FP8_BLOCK128,                            \
     .format_embedding = ROOF_FORMAT_BF16, .format_lm_head = ROOF_FORMAT_BF16}

/* Nemotron-H's 52 layers, "M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-
 * M-M-M-": 24 Mamba-2 mixers, 24 MLPs (relu^2), 4 attention layers. */
#define NEMOTRON_H_GROUPS                                                   \
    .group_count = 3,                                                       \
    .groups = {{.layers = 24, .mixer = ROOF_MIXER_MAMBA2,                  \
                .mlp = ROOF_GROUP_MLP_NONE},                                \
               {.layers = 24, .mixer = ROOF_MIXER_NONE},                    \
               {.layers = 4, .mlp = ROOF_GROUP_MLP_NONE}}

static const preset presets[] = {
    {DENSE_LLAMA("llama-7b",
                 "huggyllama/llama-7b config.json; Touvron et al. 2023, "
                 "LLaMA, arXiv:2302.13971 Table 2",
                 4096, 32, 32, 32, 11008, 32000, 2048),
     {"llama-1-7b", "llama1-7b", NULL, NULL}},
    {DENSE_LLAMA("llama-13b",
                 "huggyllama/llama-13b config.json; Touvron et al. 2023, "
                 "LLaMA, arXiv:2302.13971 Table 2",
                 5120, 40, 40, 40, 13824, 32000, 2048),
     {"llama-1-13b", "llama1-13b", NULL, NULL}},
    {DENSE_LLAMA("llama-33b",
                 "huggyllama/llama-30b config.json; Touvron et al. 2023, "
                 "LLaMA, arXiv:2302.13971 Table 2 (32.5B)",
                 6656, 60, 52, 52, 17920, 32000, 2048),
     {"llama-30b", "llama-1-33b", "llama-1-30b", NULL}},
    {DENSE_LLAMA("llama-65b",
                 "huggyllama/llama-65b config.json; Touvron et al. 2023, "
                 "LLaMA, arXiv:2302.13971 Table 2",
                 8192, 80, 64, 64, 22016, 32000, 2048),
     {"llama-1-65b", "llama1-65b", NULL, NULL}},
    {DENSE_LLAMA("llama-2-7b", "meta-llama/Llama-2-7b-hf config.json",
                 4096, 32, 32, 32, 11008, 32000, 4096),
     {"llama-2-7b-hf", NULL, NULL, NULL}},
    {DENSE_LLAMA("llama-2-13b", "meta-llama/Llama-2-13b-hf config.json",
                 5120, 40, 40, 40, 13824, 32000, 4096),
     {"llama-2-13b-hf", NULL, NULL, NULL}},
    {DENSE_LLAMA("llama-2-70b", "meta-llama/Llama-2-70b-hf config.json",
                 8192, 80, 64, 8, 28672, 32000, 4096),
     {"llama-2-70b-hf", NULL, NULL, NULL}},
    {DENSE_LLAMA("llama-3.1-8b", "meta-llama/Llama-3.1-8B config.json",
                 4096, 32, 32, 8, 14336, 128256, 131072),
     {"meta-llama-3.1-8b", NULL, NULL, NULL}},
    {DENSE_LLAMA("llama-3.1-70b", "meta-llama/Llama-3.1-70B config.json",
                 8192, 80, 64, 8, 28672, 128256, 131072),
     {"meta-llama-3.1-70b", NULL, NULL, NULL}},
    {DENSE_LLAMA("llama-3.1-405b", "meta-llama/Llama-3.1-405B config.json",
                 16384, 126, 128, 8, 53248, 128256, 131072),
     {"meta-llama-3.1-405b", NULL, NULL, NULL}},
    {{.name = "mistral-7b",
      .source = "mistralai/Mistral-7B-v0.1 config.json (sliding_window "
                "4096); Jiang et al. 2023, arXiv:2310.06825 Table 1",
      .hidden = 4096, .layers = 32, .heads = 32, .kv_heads = 8,
      .head_dim = 128, .intermediate = 14336, .vocab = 32000,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .sliding_window = 4096, .max_context = 32768, .native_bits = 16},
     {"mistral-7b-v0.1", NULL, NULL, NULL}},
    {{.name = "mixtral-8x7b",
      .source = "mistralai/Mixtral-8x7B-v0.1 config.json; Jiang et al. "
                "2024, arXiv:2401.04088 Table 1",
      .hidden = 4096, .layers = 32, .heads = 32, .kv_heads = 8,
      .head_dim = 128, .intermediate = 0, .vocab = 32000,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .experts = 8, .experts_per_token = 2, .expert_intermediate = 14336,
      .max_context = 32768, .native_bits = 16},
     {"mixtral-8x7b-v0.1", NULL, NULL, NULL}},
    {{.name = "mixtral-8x22b",
      .source = "mistralai/Mixtral-8x22B-v0.1 config.json (vocab 32768; "
                "the mistral-community conversion has 32000)",
      .hidden = 6144, .layers = 56, .heads = 48, .kv_heads = 8,
      .head_dim = 128, .intermediate = 0, .vocab = 32768,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .experts = 8, .experts_per_token = 2, .expert_intermediate = 16384,
      .max_context = 65536, .native_bits = 16},
     {"mixtral-8x22b-v0.1", NULL, NULL, NULL}},
    {DENSE_LLAMA("qwen2.5-7b",
                 "Qwen/Qwen2.5-7B config.json (q/k/v biases not modelled)",
                 3584, 28, 28, 4, 18944, 152064, 131072),
     {"qwen-2.5-7b", NULL, NULL, NULL}},
    {DENSE_LLAMA("qwen2.5-72b",
                 "Qwen/Qwen2.5-72B config.json (q/k/v biases not modelled)",
                 8192, 80, 64, 8, 29568, 152064, 131072),
     {"qwen-2.5-72b", NULL, NULL, NULL}},
    {{.name = "gpt-3-175b",
      .source = "Brown et al. 2020, Language Models are Few-Shot Learners, "
                "arXiv:2005.14165 Table 2.1 (GPT-2 architecture; biases and "
                "sparse attention layers not modelled)",
      .hidden = 12288, .layers = 96, .heads = 96, .kv_heads = 96,
      .head_dim = 128, .intermediate = 49152, .vocab = 50257,
      .mlp = ROOF_MLP_PLAIN, .norm = ROOF_NORM_LAYER,
      .position = ROOF_POS_LEARNED, .tied_embeddings = 1,
      .max_context = 2048, .native_bits = 16},
     {"gpt-3", "gpt3-175b", "davinci", NULL}},
    {{.name = "qwen3-8b",
      .source = "Qwen/Qwen3-8B config.json (head_dim 128, QK-norm); 8.2B "
                "total, 6.95B non-embedding (model card)",
      .hidden = 4096, .layers = 36, .heads = 32, .kv_heads = 8,
      .head_dim = 128, .intermediate = 12288, .vocab = 151936,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .max_context = 40960, .native_bits = 16,
      .attn_extras = ROOF_EXTRA_QK_NORM},
     {"qwen-3-8b", NULL, NULL, NULL}},
    {QWEN3_MOE("qwen3-30b-a3b", "Qwen/Qwen3-30B-A3B config.json (QK-norm); "
               "30.5B total, 3.3B active (model card)",
               2048, 48, 32, 4, 768),
     {"qwen-3-30b-a3b", NULL, NULL, NULL}},
    {QWEN3_MOE("qwen3-235b-a22b", "Qwen/Qwen3-235B-A22B config.json "
               "(QK-norm); 235B total, 22B active (model card)",
               4096, 94, 64, 4, 1536),
     {"qwen-3-235b-a22b", NULL, NULL, NULL}},
    {GPT_OSS("gpt-oss-20b", "openai/gpt-oss-20b config.json (layer_types "
             "alternate sliding 128 / full; attention sinks; biases not "
             "modelled); 20.91B total, 3.61B active (model card, Table 1)",
             24, 32),
     {"gpt-oss-20B", NULL, NULL, NULL}},
    {GPT_OSS("gpt-oss-120b", "openai/gpt-oss-120b config.json (layer_types "
             "alternate sliding 128 / full; attention sinks; biases not "
             "modelled); 116.83B total, 5.13B active (model card, Table 1)",
             36, 128),
     {"gpt-oss-120B", NULL, NULL, NULL}},
    {{.name = "gemma-3-27b",
      .source = "google/gemma-3-27b-it config.json text_config (5 local "
                "layers of window 1024 to 1 global: 52 + 10; QK-norm; the "
                "post-norms not modelled); text weights only",
      .hidden = 5376, .layers = 62, .heads = 32, .kv_heads = 16,
      .head_dim = 128, .intermediate = 21504, .vocab = 262208,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .tied_embeddings = 1, .max_context = 131072, .native_bits = 16,
      .attn_extras = ROOF_EXTRA_QK_NORM, .group_count = 2,
      .groups = {{.layers = 52, .mixer = ROOF_MIXER_SLIDING, .window = 1024},
                 {.layers = 10, .mixer = ROOF_MIXER_ATTENTION}}},
     {"gemma3-27b", "gemma-3-27b-it", NULL, NULL}},
    {{.name = "llama-4-maverick",
      .source = "meta-llama/Llama-4-Maverick-17B-128E config.json "
                "text_config: MoE on every other layer (interleave 2), "
                "chunked attention (8192) on 3 layers of 4; 400B total, 17B "
                "active (Meta)",
      .hidden = 5120, .layers = 48, .heads = 40, .kv_heads = 8,
      .head_dim = 128, .intermediate = 0, .vocab = 202048,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .experts = 128, .experts_per_token = 1, .expert_intermediate = 8192,
      .shared_experts = 1, .shared_intermediate = 8192,
      .max_context = 1048576, .native_bits = 16, .group_count = 3,
      .groups = {{.layers = 24, .mixer = ROOF_MIXER_CHUNKED, .window = 8192,
                  .mlp = ROOF_GROUP_MLP_DENSE, .dense_intermediate = 16384},
                 {.layers = 12, .mixer = ROOF_MIXER_CHUNKED, .window = 8192},
                 {.layers = 12, .mixer = ROOF_MIXER_ATTENTION}}},
     {"llama-4-maverick-17b-128e", NULL, NULL, NULL}},
    {{.name = "llama-4-scout",
      .source = "meta-llama/Llama-4-Scout-17B-16E config.json "
                "text_config: MoE every layer, chunked attention (8192) on "
                "3 of 4; 109B total with the vision encoder (text 107.8B), "
                "17B active (Meta)",
      .hidden = 5120, .layers = 48, .heads = 40, .kv_heads = 8,
      .head_dim = 128, .intermediate = 0, .vocab = 202048,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .experts = 16, .experts_per_token = 1, .expert_intermediate = 8192,
      .shared_experts = 1, .shared_intermediate = 8192,
      .max_context = 10485760, .native_bits = 16, .group_count = 2,
      .groups = {{.layers = 36, .mixer = ROOF_MIXER_CHUNKED, .window = 8192},
                 {.layers = 12, .mixer = ROOF_MIXER_ATTENTION}}},
     {"llama-4-scout-17b-16e", NULL, NULL, NULL}},
    {DEEPSEEK_V3("deepseek-v3", "deepseek-ai/DeepSeek-V3 config.json "
                 "(first_k_dense_replace 3; FP8 weights; the MTP module not "
                 "modelled); 671B total, 37B active (arXiv:2412.19437)",
                 128, 256, 3, 129280, 163840),
     {"deepseek-v3-0324", "deepseek-r1", NULL, NULL}},
    {DEEPSEEK_V3("kimi-k2", "moonshotai/Kimi-K2-Instruct config.json "
                 "(model_type kimi_k2: DeepSeek-V3's shape with 64 heads, "
                 "384 experts, first_k_dense_replace 1; FP8 weights); 1T "
                 "total, 32B active (model card)",
                 64, 384, 1, 163840, 131072),
     {"kimi-k2-instruct", NULL, NULL, NULL}},
    {{.name = "nemotron-h-8b",
      .source = "nvidia/Nemotron-H-8B-Base-8K config.json "
                "(hybrid_override_pattern: 24 Mamba-2, 24 MLP, 4 attention "
                "layers; conv and norm biases not modelled); 8B (model card)",
      .hidden = 4096, .layers = 52, .heads = 32, .kv_heads = 8,
      .head_dim = 128, .intermediate = 21504, .vocab = 131072,
      .mlp = ROOF_MLP_PLAIN, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .max_context = 8192, .native_bits = 16, .ssm_heads = 128,
      .ssm_head_dim = 64, .ssm_state = 128, .ssm_groups = 8, .ssm_conv = 4,
      NEMOTRON_H_GROUPS},
     {"nemotron-h-8b-base", NULL, NULL, NULL}},
    {{.name = "qwen3-next-80b-a3b",
      .source = "Qwen/Qwen3-Next-80B-A3B-Instruct config.json (36 Gated "
                "DeltaNet + 12 gated attention layers, full_attention_"
                "interval 4; partial rotary not modelled); 80B total, 3B "
                "active (model card)",
      .hidden = 2048, .layers = 48, .heads = 16, .kv_heads = 2,
      .head_dim = 256, .intermediate = 0, .vocab = 151936,
      .mlp = ROOF_MLP_GATED, .norm = ROOF_NORM_RMS, .position = ROOF_POS_ROPE,
      .experts = 512, .experts_per_token = 10, .expert_intermediate = 512,
      .shared_experts = 1, .shared_intermediate = 512,
      .max_context = 262144, .native_bits = 16,
      .attn_extras = ROOF_EXTRA_QK_NORM | ROOF_EXTRA_OUTPUT_GATE,
      .ssm_heads = 32, .ssm_head_dim = 128, .ssm_state = 128,
      .ssm_groups = 16, .ssm_conv = 4, .group_count = 2,
      .groups = {{.layers = 36, .mixer = ROOF_MIXER_GDN},
                 {.layers = 12, .mixer = ROOF_MIXER_ATTENTION}}},
     {"qwen3-next-80b-a3b-instruct", "qwen3-next-80b", NULL, NULL}},
};

#define PRESET_COUNT ((uint32_t)ROOF_ARRAY_LEN(presets))

/* Parameter counts stay far below 2^53 so that every count derived from
 * them is an exact double; 2^50 is over a thousand times any real model. */
#define MAX_PARAMS 1125899906842624.0

/* The checks below run on every hot-path call (roof_ops, roof_step): they
 * are combined with & and | so that they compile to compares, not a
 * branch each. */
/* The tail of *m from byte `from` on (unused groups, reserved words) is
 * all zero: one memcmp against a zero block, a few dozen instructions for
 * the 384 bytes where a loop over words took hundreds. */
static int tail_zero(const roof_model *m, size_t from)
{
    static const unsigned char zero[sizeof(roof_model)];
    const unsigned char *b = (const unsigned char *)m;
    const size_t formats = offsetof(roof_model, formats_set);
    const size_t rest = offsetof(roof_model, reserved);
    return (memcmp(b + from, zero, formats - from) == 0)
           & (memcmp(b + rest, zero, sizeof(roof_model) - rest) == 0);
}

/* The per-module weight formats: known bits and formats, a format only
 * where its bit is set, experts only for a model with routed experts, no
 * lm_head format for a tied lm_head. */
static int formats_ok(const roof_model *m)
{
    const uint32_t set = m->formats_set;
    const uint32_t f[4] = {m->format_layers, m->format_experts,
                           m->format_embedding, m->format_lm_head};
    int ok = (set & ~ROOF_MODULE_ALL) == 0;
    for (uint32_t i = 0; i < 4; i++)
        ok &= (set >> i) & 1u ? f[i] < ROOF_FORMAT_COUNT : f[i] == 0;
    ok &= ((set & ROOF_MODULE_EXPERTS) == 0) | (m->experts > 0);
    ok &= ((set & ROOF_MODULE_LM_HEAD) == 0) | (m->tied_embeddings == 0);
    return ok;
}

static int sizes_positive(const roof_model *m)
{
    return (m->hidden > 0) & (m->layers > 0) & (m->heads > 0)
         & (m->kv_heads > 0) & (m->head_dim > 0) & (m->vocab > 0);
}

/* MoE fields agree with each other, and some MLP exists. */
static int mlp_consistent(const roof_model *m)
{
    const uint32_t k = m->experts_per_token;
    const int moe = m->experts > 0
                        ? (k != 0) & (k <= m->experts)
                              & (m->expert_intermediate != 0)
                        : (k == 0) & (m->expert_intermediate == 0);
    const int shared = (m->shared_experts == 0)
                       == (m->shared_intermediate == 0);
    const int some = ((m->experts > 0) | (m->intermediate > 0))
                     | (m->shared_experts > 0);
    return (moe & shared) & some;
}

static int enums_valid(const roof_model *m)
{
    return (m->mlp <= ROOF_MLP_PLAIN) & (m->norm <= ROOF_NORM_LAYER)
         & (m->position <= ROOF_POS_NONE) & (m->tied_embeddings <= 1)
         & (m->native_bits <= 64) & ((m->attn_extras & ~ROOF_EXTRA_ALL) == 0);
}

/* One layer group: known kinds, a window exactly for the windowed
 * mixers, a width exactly for the dense MLP, something in the layer. */
static int group_ok(const roof_layer_group *g)
{
    const int windowed = (g->mixer == ROOF_MIXER_SLIDING)
                         | (g->mixer == ROOF_MIXER_CHUNKED);
    const int empty = (g->mixer == ROOF_MIXER_NONE)
                      & (g->mlp == ROOF_GROUP_MLP_NONE);
    const int window_ok = windowed ? g->window > 0 : g->window == 0;
    const int dense_ok = (g->mlp == ROOF_GROUP_MLP_DENSE)
                         == (g->dense_intermediate > 0);
    return (g->layers > 0) & (g->mixer < ROOF_MIXER_COUNT)
           & (g->mlp < ROOF_GROUP_MLP_COUNT) & window_ok & dense_ok
           & (empty == 0)
           & ((g->reserved[0] | g->reserved[1] | g->reserved[2]) == 0);
}

/* MLA's sizes: each part of a head and the latent for a model with an
 * MLA group, all 0 (q_lora_rank included) for one without. */
static int mla_ok(const roof_model *m, int used)
{
    if (!used)
        return (m->q_lora_rank | m->kv_lora_rank | m->qk_rope_head_dim
                | m->qk_nope_head_dim | m->v_head_dim) == 0;
    return (m->kv_lora_rank > 0) & (m->qk_rope_head_dim > 0)
           & (m->qk_nope_head_dim > 0) & (m->v_head_dim > 0);
}

/* Mamba-2's sizes: all set, the groups dividing the heads, for a model
 * with a Mamba-2 group; all 0 for one without. */
static int ssm_ok(const roof_model *m, int used)
{
    if (!used)
        return (m->ssm_heads | m->ssm_head_dim | m->ssm_state | m->ssm_groups
                | m->ssm_conv) == 0;
    return (m->ssm_heads > 0) & (m->ssm_head_dim > 0) & (m->ssm_state > 0)
           & (m->ssm_groups > 0) & (m->ssm_conv > 0)
           & (m->ssm_groups > 0 && m->ssm_heads % m->ssm_groups == 0);
}

/* The groups, when there are any, are valid and hold every layer. */
static int groups_ok(const roof_model *m)
{
    if (m->group_count == 0) /* the sizes below: zero, with the tail */
        return 1;
    uint64_t layers = 0;
    int mla = 0, ssm = 0;
    for (uint32_t i = 0; i < m->group_count; i++) {
        if (!group_ok(&m->groups[i]))
            return 0;
        layers += m->groups[i].layers;
        mla |= m->groups[i].mixer == ROOF_MIXER_MLA;
        ssm |= (m->groups[i].mixer == ROOF_MIXER_MAMBA2) ? 1 : 0;
        ssm |= (m->groups[i].mixer == ROOF_MIXER_GDN) ? 2 : 0;
    }
    if (ssm == 3) /* one set of sizes: not both kinds */
        return 0;
    return (layers == m->layers) & mla_ok(m, mla) & ssm_ok(m, ssm);
}

/* Fills every count from the shape on one device (lib/shape.c); the
 * descriptor's sizes must already be checked. */
static ROOF__INLINE void count_params(const roof_model *m,
                                      roof_model_params *p)
{
    roof__shape s;
    (void)roof__shape_init(m, 1, &s); /* one device: always allowed */
    const double layers = m->layers;
    memset(p, 0, sizeof *p);
    p->embedding = s.embed_params;
    double all, active;
    if (m->group_count == 0) {
        p->per_layer = roof__shape_layer_params(&s);
        p->active_per_layer = roof__shape_layer_active_params(&s);
        all = layers * p->per_layer;
        active = layers * p->active_per_layer;
    } else { /* the mean layer */
        roof__shape_grouped_params(m, &all, &active);
        p->per_layer = all / layers;
        p->active_per_layer = active / layers;
    }
    p->lm_head = m->tied_embeddings ? 0.0 : s.lm_head_params;
    p->total = p->embedding + all + s.norm_gains + p->lm_head;
    p->active = p->embedding + active + s.norm_gains + p->lm_head;
}

int roof_model_validate(const roof_model *m)
{
    if (m == NULL)
        return ROOF_E_NULL;
    if (!(roof__has_nul(m->name, sizeof m->name)
          & roof__has_nul(m->source, sizeof m->source)
          & (m->group_count <= ROOF_MAX_GROUPS)))
        return ROOF_E_INVALID;
    /* Without groups, the MLA and Mamba-2 sizes are part of the zero tail
     * (one memcmp); with them, the unused groups and the reserved words. */
    if (!tail_zero(m, m->group_count == 0
                          ? offsetof(roof_model, q_lora_rank)
                          : offsetof(roof_model, groups)
                                + m->group_count * sizeof(roof_layer_group)))
        return ROOF_E_INVALID;
    if (!sizes_positive(m))
        return ROOF_E_RANGE;
    if (!(enums_valid(m) & (m->heads % m->kv_heads == 0) & mlp_consistent(m)
          & groups_ok(m) & formats_ok(m)))
        return ROOF_E_INVALID;
    roof_model_params p;
    count_params(m, &p);
    /* Attention width per layer also bounds the score and KV counts. */
    const double attn = (double)m->layers * m->heads * m->head_dim;
    if (!((p.total <= MAX_PARAMS) & (attn <= MAX_PARAMS)))
        return ROOF_E_RANGE;
    return ROOF_OK;
}

uint32_t roof_model_count(void)
{
    return PRESET_COUNT;
}

int roof_model_get(uint32_t index, roof_model *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    if (index >= PRESET_COUNT)
        return ROOF_E_RANGE;
    *out = presets[index].m;
    return ROOF_OK;
}

static int preset_matches(const preset *p, const char *name)
{
    if (roof__name_eq(name, p->m.name))
        return 1;
    for (size_t i = 0; i < MAX_ALIASES && p->aliases[i] != NULL; i++) {
        if (roof__name_eq(name, p->aliases[i]))
            return 1;
    }
    return 0;
}

int roof_model_find(const char *name, roof_model *out)
{
    if (name == NULL || out == NULL)
        return ROOF_E_NULL;
    for (uint32_t i = 0; i < PRESET_COUNT; i++) {
        if (preset_matches(&presets[i], name)) {
            *out = presets[i].m;
            return ROOF_OK;
        }
    }
    return ROOF_E_NOT_FOUND;
}

int roof_model_suggest(const char *name, const char **names, uint32_t cap,
                       uint32_t *count)
{
    if (name == NULL || count == NULL || (names == NULL && cap > 0))
        return ROOF_E_NULL;
    const char *all[ROOF_ARRAY_LEN(presets)];
    for (uint32_t i = 0; i < PRESET_COUNT; i++)
        all[i] = presets[i].m.name;
    *count = roof__suggest(name, all, PRESET_COUNT, names, cap);
    return ROOF_OK;
}

int roof_model_shardable(const roof_model *m, uint32_t tensor_parallel)
{
    int rc = roof_model_validate(m);
    if (rc != ROOF_OK)
        return rc;
    if (tensor_parallel == 0)
        return ROOF_E_RANGE;
    return roof__shape_tp_ok(m, tensor_parallel) ? ROOF_OK : ROOF_E_INVALID;
}

int roof_model_param_count(const roof_model *m, roof_model_params *out)
{
    if (out == NULL)
        return ROOF_E_NULL;
    int rc = roof_model_validate(m);
    if (rc != ROOF_OK)
        return rc;
    roof_model_params p;
    count_params(m, &p);
    *out = p;
    return ROOF_OK;
}
