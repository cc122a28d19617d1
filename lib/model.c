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
    return memcmp((const unsigned char *)m + from, zero,
                  sizeof(roof_model) - from) == 0;
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
    const int some = (m->experts > 0) | (m->intermediate > 0)
                     | (m->shared_experts > 0);
    return moe & shared & some;
}

static int enums_valid(const roof_model *m)
{
    return (m->mlp <= ROOF_MLP_PLAIN) & (m->norm <= ROOF_NORM_LAYER)
         & (m->position <= ROOF_POS_NONE) & (m->tied_embeddings <= 1)
         & (m->group_count == 0)
         & (m->native_bits <= 64);
}

/* Fills every count from the shape on one device (lib/shape.c); the
 * descriptor's sizes must already be checked. */
static void count_params(const roof_model *m, roof_model_params *p)
{
    roof__shape s;
    (void)roof__shape_init(m, 1, &s); /* one device: always allowed */
    const double layers = m->layers;
    memset(p, 0, sizeof *p);
    p->embedding = s.embed_params;
    p->per_layer = roof__shape_layer_params(&s);
    p->active_per_layer = roof__shape_layer_active_params(&s);
    p->lm_head = m->tied_embeddings ? 0.0 : s.lm_head_params;
    p->total = p->embedding + layers * p->per_layer + s.norm_gains
               + p->lm_head;
    p->active = p->embedding + layers * p->active_per_layer + s.norm_gains
                + p->lm_head;
}

int roof_model_validate(const roof_model *m)
{
    if (m == NULL)
        return ROOF_E_NULL;
    if (!(roof__has_nul(m->name, sizeof m->name)
          & roof__has_nul(m->source, sizeof m->source)
          & tail_zero(m, offsetof(roof_model, groups))))
        return ROOF_E_INVALID;
    if (!sizes_positive(m))
        return ROOF_E_RANGE;
    if (!(enums_valid(m) & (m->heads % m->kv_heads == 0) & mlp_consistent(m)))
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
