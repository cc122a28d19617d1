/* HuggingFace config.json <-> roof_model.
 *
 * The top-level keys are collected once into slots; the architecture
 * family (from model_type, else from the keys present) says which key
 * names hold each size and what the defaults are.  A "roofmodel" object,
 * which roof_model_to_json writes, states what HuggingFace keys cannot
 * (MLP/norm/position kinds, weight width, source), so written models read
 * back identical.  docs/inputs.md lists every key. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "quant-priv.h"
#include "shape-priv.h"
#include "util.h"

enum key {
    K_NAME_OR_PATH, K_MODEL_TYPE,
    K_HIDDEN_SIZE, K_N_EMBD,
    K_NUM_ATTENTION_HEADS, K_N_HEAD,
    K_NUM_KEY_VALUE_HEADS, K_NUM_KV_HEADS, K_N_HEAD_KV,
    K_MULTI_QUERY, K_NEW_DECODER_ARCHITECTURE,
    K_HEAD_DIM,
    K_NUM_HIDDEN_LAYERS, K_N_LAYER,
    K_INTERMEDIATE_SIZE, K_N_INNER, K_FFN_DIM, K_FFN_HIDDEN_SIZE,
    K_VOCAB_SIZE,
    K_TIE_WORD_EMBEDDINGS, K_SLIDING_WINDOW, K_USE_SLIDING_WINDOW,
    K_MAX_POSITION_EMBEDDINGS, K_N_POSITIONS, K_N_CTX,
    K_TORCH_DTYPE, K_DTYPE, K_ALIBI,
    K_NUM_LOCAL_EXPERTS, K_NUM_EXPERTS, K_N_ROUTED_EXPERTS,
    K_NUM_EXPERTS_PER_TOK, K_MOE_INTERMEDIATE_SIZE,
    K_SHARED_EXPERT_INTERMEDIATE_SIZE, K_N_SHARED_EXPERTS,
    K_ROOFMODEL,
    /* layer schedules and MLA */
    K_TEXT_CONFIG, K_LAYER_TYPES, K_SLIDING_WINDOW_PATTERN,
    K_FIRST_K_DENSE_REPLACE, K_INTERLEAVE_MOE_LAYER_STEP, K_MLP_ONLY_LAYERS,
    K_ATTENTION_CHUNK_SIZE, K_NO_ROPE_LAYERS, K_INTERMEDIATE_SIZE_MLP,
    K_DECODER_SPARSE_STEP,
    K_Q_LORA_RANK, K_KV_LORA_RANK, K_QK_ROPE_HEAD_DIM, K_QK_NOPE_HEAD_DIM,
    K_V_HEAD_DIM,
    /* recurrent mixers: Mamba-2, Gated DeltaNet */
    K_HYBRID_OVERRIDE_PATTERN, K_LINEAR_NUM_VALUE_HEADS, K_MAMBA_NUM_HEADS,
    K_SSM_STATE_SIZE, K_MAMBA_HEAD_DIM, K_N_GROUPS, K_CONV_KERNEL,
    K_LINEAR_NUM_KEY_HEADS, K_LINEAR_KEY_HEAD_DIM, K_LINEAR_VALUE_HEAD_DIM,
    K_LINEAR_CONV_KERNEL_DIM, K_FULL_ATTENTION_INTERVAL,
    K_QUANTIZATION_CONFIG,
    K_COUNT,
    K_NONE = 0xFF
};

static const char *const key_names[] = {
    [K_NAME_OR_PATH] = "_name_or_path", [K_MODEL_TYPE] = "model_type",
    [K_HIDDEN_SIZE] = "hidden_size", [K_N_EMBD] = "n_embd",
    [K_NUM_ATTENTION_HEADS] = "num_attention_heads", [K_N_HEAD] = "n_head",
    [K_NUM_KEY_VALUE_HEADS] = "num_key_value_heads",
    [K_NUM_KV_HEADS] = "num_kv_heads", [K_N_HEAD_KV] = "n_head_kv",
    [K_MULTI_QUERY] = "multi_query",
    [K_NEW_DECODER_ARCHITECTURE] = "new_decoder_architecture",
    [K_HEAD_DIM] = "head_dim",
    [K_NUM_HIDDEN_LAYERS] = "num_hidden_layers", [K_N_LAYER] = "n_layer",
    [K_INTERMEDIATE_SIZE] = "intermediate_size", [K_N_INNER] = "n_inner",
    [K_FFN_DIM] = "ffn_dim", [K_FFN_HIDDEN_SIZE] = "ffn_hidden_size",
    [K_VOCAB_SIZE] = "vocab_size",
    [K_TIE_WORD_EMBEDDINGS] = "tie_word_embeddings",
    [K_SLIDING_WINDOW] = "sliding_window",
    [K_USE_SLIDING_WINDOW] = "use_sliding_window",
    [K_MAX_POSITION_EMBEDDINGS] = "max_position_embeddings",
    [K_N_POSITIONS] = "n_positions", [K_N_CTX] = "n_ctx",
    [K_TORCH_DTYPE] = "torch_dtype", [K_DTYPE] = "dtype",
    [K_ALIBI] = "alibi",
    [K_NUM_LOCAL_EXPERTS] = "num_local_experts",
    [K_NUM_EXPERTS] = "num_experts", [K_N_ROUTED_EXPERTS] = "n_routed_experts",
    [K_NUM_EXPERTS_PER_TOK] = "num_experts_per_tok",
    [K_MOE_INTERMEDIATE_SIZE] = "moe_intermediate_size",
    [K_SHARED_EXPERT_INTERMEDIATE_SIZE] = "shared_expert_intermediate_size",
    [K_N_SHARED_EXPERTS] = "n_shared_experts",
    [K_ROOFMODEL] = "roofmodel",
    [K_TEXT_CONFIG] = "text_config", [K_LAYER_TYPES] = "layer_types",
    [K_SLIDING_WINDOW_PATTERN] = "sliding_window_pattern",
    [K_FIRST_K_DENSE_REPLACE] = "first_k_dense_replace",
    [K_INTERLEAVE_MOE_LAYER_STEP] = "interleave_moe_layer_step",
    [K_MLP_ONLY_LAYERS] = "mlp_only_layers",
    [K_ATTENTION_CHUNK_SIZE] = "attention_chunk_size",
    [K_NO_ROPE_LAYERS] = "no_rope_layers",
    [K_INTERMEDIATE_SIZE_MLP] = "intermediate_size_mlp",
    [K_DECODER_SPARSE_STEP] = "decoder_sparse_step",
    [K_Q_LORA_RANK] = "q_lora_rank", [K_KV_LORA_RANK] = "kv_lora_rank",
    [K_QK_ROPE_HEAD_DIM] = "qk_rope_head_dim",
    [K_QK_NOPE_HEAD_DIM] = "qk_nope_head_dim",
    [K_V_HEAD_DIM] = "v_head_dim",
    [K_HYBRID_OVERRIDE_PATTERN] = "hybrid_override_pattern",
    [K_LINEAR_NUM_VALUE_HEADS] = "linear_num_value_heads",
    [K_MAMBA_NUM_HEADS] = "mamba_num_heads",
    [K_SSM_STATE_SIZE] = "ssm_state_size",
    [K_MAMBA_HEAD_DIM] = "mamba_head_dim", [K_N_GROUPS] = "n_groups",
    [K_CONV_KERNEL] = "conv_kernel",
    [K_LINEAR_NUM_KEY_HEADS] = "linear_num_key_heads",
    [K_LINEAR_KEY_HEAD_DIM] = "linear_key_head_dim",
    [K_LINEAR_VALUE_HEAD_DIM] = "linear_value_head_dim",
    [K_LINEAR_CONV_KERNEL_DIM] = "linear_conv_kernel_dim",
    [K_FULL_ATTENTION_INTERVAL] = "full_attention_interval",
    [K_QUANTIZATION_CONFIG] = "quantization_config",
};
/* Every key has its name: a missing last entry fails to compile (C99 has
 * no static assert; a negative array size does the same). */
typedef char key_names_complete[ROOF_ARRAY_LEN(key_names) == K_COUNT ? 1
                                                                     : -1];

enum family_id { FAM_LLAMA, FAM_GEMMA, FAM_GPT2, FAM_NEOX, FAM_OPT, FAM_FALCON,
                 FAM_DEEPSEEK, FAM_GPT_OSS, FAM_LLAMA4, FAM_GEMMA2,
                 FAM_NEMOTRON_H, FAM_QWEN3_NEXT };

/* Where a family keeps each size (first key present wins) and its
 * defaults, as the transformers configuration classes define them. */
#define MAX_TYPES 10
typedef struct family {
    uint8_t id;
    const char *types[MAX_TYPES]; /* model_type values */
    uint8_t hidden[2], heads[2], layers[2], inter[2], positions[2];
    uint8_t inter_is_4x;   /* absent MLP width = 4 x hidden */
    uint8_t mlp, norm, position, tied;
} family;

#define ALT(a, b) {a, b}
static const family families[] = {
    /* mistral3 and the Qwen MoE models read as Llama (mistral3 from its
     * text_config); "deepseek" is DeepSeek-MoE (multi-head attention);
     * "roofmodel" is what roof_model_to_json writes. */
    {FAM_LLAMA, {"llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3",
                 "qwen3_moe", "deepseek", "roofmodel", "mistral3"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 0},
    {FAM_DEEPSEEK, {"deepseek_v2", "deepseek_v3", "kimi_k2"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 0},
    {FAM_GPT_OSS, {"gpt_oss"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 0},
    {FAM_LLAMA4, {"llama4", "llama4_text"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 0},
    /* Nemotron-H: Mamba-2, attention and MLP layers (relu^2, not gated)
     * as hybrid_override_pattern lists them. */
    {FAM_NEMOTRON_H, {"nemotron_h"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_PLAIN, ROOF_NORM_RMS, ROOF_POS_ROPE, 0},
    /* Qwen3-Next: Gated DeltaNet layers, every full_attention_interval-th
     * (or as layer_types says) a gated attention layer. */
    {FAM_QWEN3_NEXT, {"qwen3_next"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 0},
    {FAM_GEMMA2, {"gemma2"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 1},
    {FAM_GEMMA, {"gemma", "gemma3", "gemma3_text"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_GATED, ROOF_NORM_RMS, ROOF_POS_ROPE, 1},
    {FAM_GPT2, {"gpt2"},
     ALT(K_N_EMBD, K_HIDDEN_SIZE), ALT(K_N_HEAD, K_NUM_ATTENTION_HEADS),
     ALT(K_N_LAYER, K_NUM_HIDDEN_LAYERS), ALT(K_N_INNER, K_NONE),
     ALT(K_N_POSITIONS, K_N_CTX), 1,
     ROOF_MLP_PLAIN, ROOF_NORM_LAYER, ROOF_POS_LEARNED, 1},
    {FAM_NEOX, {"gpt_neox"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_INTERMEDIATE_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_PLAIN, ROOF_NORM_LAYER, ROOF_POS_ROPE, 0},
    {FAM_OPT, {"opt"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_NONE),
     ALT(K_NUM_HIDDEN_LAYERS, K_NONE), ALT(K_FFN_DIM, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 0,
     ROOF_MLP_PLAIN, ROOF_NORM_LAYER, ROOF_POS_LEARNED, 1},
    {FAM_FALCON, {"falcon", "RefinedWeb", "RefinedWebModel"},
     ALT(K_HIDDEN_SIZE, K_NONE), ALT(K_NUM_ATTENTION_HEADS, K_N_HEAD),
     ALT(K_NUM_HIDDEN_LAYERS, K_N_LAYER), ALT(K_FFN_HIDDEN_SIZE, K_NONE),
     ALT(K_MAX_POSITION_EMBEDDINGS, K_NONE), 1,
     ROOF_MLP_PLAIN, ROOF_NORM_LAYER, ROOF_POS_ROPE, 1},
};

typedef struct cfg {
    roof__json j;
    size_t slot[K_COUNT];
    roof_parse_error *err;
    const family *as;      /* roof_model_from_json_as: for an unknown type */
    const char *as_type;
    int read_as;           /* the model_type was unknown: read as `as` */
} cfg;

/* ---- typed reads; JSON null counts as absent (HuggingFace's None) ---- */

static int has(const cfg *c, int k)
{
    return k != K_NONE && c->slot[k] != ROOF__JSON_NONE
           && roof__json_kind(&c->j, c->slot[k]) != ROOF__JSON_NULL;
}

/* *out = key k when present; untouched when absent. */
static int opt_u32(cfg *c, int k, uint32_t *out)
{
    if (!has(c, k))
        return ROOF_OK;
    return roof__json_get_u32(&c->j, c->slot[k], key_names[k], out, c->err);
}

static int opt_bool(cfg *c, int k, uint32_t *out)
{
    if (!has(c, k))
        return ROOF_OK;
    return roof__json_get_bool(&c->j, c->slot[k], key_names[k], out, c->err);
}

static int missing(cfg *c, const char *name)
{
    roof__parse_error_at(c->err, c->j.text, c->j.root, "missing key", name);
    return ROOF_E_MISSING;
}

/* The first of alts[] present, or ROOF_E_MISSING naming alts[0]. */
static int req_u32(cfg *c, const uint8_t alts[2], uint32_t *out)
{
    for (int i = 0; i < 2; i++) {
        if (has(c, alts[i]))
            return opt_u32(c, alts[i], out);
    }
    /* Every table entry names a real key first; K_NONE would be a bug. */
    return missing(c, alts[0] < K_COUNT ? key_names[alts[0]] : "?");
}

static int first_u32(cfg *c, const uint8_t alts[2], uint32_t *out)
{
    for (int i = 0; i < 2; i++) {
        if (has(c, alts[i]))
            return opt_u32(c, alts[i], out);
    }
    return ROOF_OK;
}

static int invalid(cfg *c, int k, const char *msg)
{
    size_t at = k == K_NONE || c->slot[k] == ROOF__JSON_NONE ? c->j.root : c->slot[k];
    roof__parse_error_at(c->err, c->j.text, at, msg,
                         k == K_NONE ? NULL : key_names[k]);
    return ROOF_E_INVALID;
}

/* ---- family, name ---------------------------------------------------- */

/* String key k decoded into buf (NUL-terminated), *n its length; *n = 0
 * when absent.  ROOF_E_TYPE, ROOF_E_RANGE (too long), ROOF_E_INVALID
 * (holds \u0000). */
static int string_key(cfg *c, int k, char *buf, size_t cap, size_t *n)
{
    *n = 0;
    buf[0] = '\0';
    if (!has(c, k))
        return ROOF_OK;
    size_t at = c->slot[k];
    if (roof__json_kind(&c->j, at) != ROOF__JSON_STRING) {
        roof__parse_error_at(c->err, c->j.text, at, "expected a string for",
                             key_names[k]);
        return ROOF_E_TYPE;
    }
    size_t len = roof__json_string(&c->j, at, buf, cap - 1);
    if (len >= cap - 1) {
        roof__parse_error_at(c->err, c->j.text, at, "string too long for",
                             key_names[k]);
        return ROOF_E_RANGE;
    }
    if (memchr(buf, '\0', len) != NULL)
        return invalid(c, k, "\\u0000 not allowed in");
    buf[len] = '\0';
    *n = len;
    return ROOF_OK;
}

static const family *family_named(const family *list, size_t n,
                                   const cfg *c, size_t at)
{
    for (size_t f = 0; f < n; f++) {
        for (size_t t = 0; t < MAX_TYPES && list[f].types[t]; t++) {
            if (roof__json_string_is(&c->j, at, list[f].types[t]))
                return &list[f];
        }
    }
    return NULL;
}

/* Families whose layers this library does not model yet: refused by
 * name rather than read as something they are not. */
static const struct refused {
    const char *type, *why;
} refused_types[] = {
    {"mamba", "Mamba layers are not modelled:"},
    {"mamba2", "Mamba-2 layers are not modelled:"},
    {"jamba", "its Mamba layers are not modelled:"},
    {"falcon_h1", "its Mamba-2 layers are not modelled:"},
};

/* The family of model_type; absent, GPT-2's names, else Llama's.  An
 * unknown or refused model_type is an error that names it. */
static int find_family(cfg *c, const family **out)
{
    const size_t at = c->slot[K_MODEL_TYPE];
    if (!has(c, K_MODEL_TYPE)
        || roof__json_kind(&c->j, at) != ROOF__JSON_STRING) {
        *out = has(c, K_N_EMBD) ? &families[2] : &families[0];
        return ROOF_OK;
    }
    *out = family_named(families, ROOF_ARRAY_LEN(families), c, at);
    if (*out != NULL)
        return ROOF_OK;
    if (c->as != NULL) { /* the caller's explicit choice */
        *out = c->as;
        c->read_as = 1;
        return ROOF_OK;
    }
    for (size_t i = 0; i < ROOF_ARRAY_LEN(refused_types); i++) {
        if (roof__json_string_is(&c->j, at, refused_types[i].type)) {
            roof__parse_error_at(c->err, c->j.text, at, refused_types[i].why,
                                 refused_types[i].type);
            return ROOF_E_UNSUPPORTED;
        }
    }
    char type[64];
    size_t n = 0;
    if (string_key(c, K_MODEL_TYPE, type, sizeof type, &n) != ROOF_OK)
        snprintf(type, sizeof type, "?");
    roof__parse_error_at(c->err, c->j.text, at, "unknown model_type", type);
    return ROOF_E_UNSUPPORTED;
}

/* name: _name_or_path (its last path component when too long), else
 * model_type, else "model"; source names the file it came from. */
static int read_name(cfg *c, roof_model *m)
{
    char path[1024], type[64], source[sizeof path + 16];
    size_t n = 0, nt = 0;
    int rc = string_key(c, K_NAME_OR_PATH, path, sizeof path, &n);
    if (rc != ROOF_OK || (rc = string_key(c, K_MODEL_TYPE, type, sizeof type, &nt)) != ROOF_OK)
        return rc;
    const char *name = n > 0 ? path : nt > 0 ? type : "model";
    const char *slash = strrchr(name, '/');
    if (strlen(name) >= sizeof m->name && slash != NULL && slash[1] != '\0')
        name = slash + 1;
    roof__copy_utf8(m->name, sizeof m->name, name, strlen(name));
    if (n > 0)
        snprintf(source, sizeof source, "config.json of %s", path);
    else
        snprintf(source, sizeof source, "config.json");
    roof__copy_utf8(m->source, sizeof m->source, source, strlen(source));
    return ROOF_OK;
}

/* ---- sizes -------------------------------------------------------------- */

static int read_kv_heads(cfg *c, const family *f, roof_model *m)
{
    uint32_t multi_query = 1, new_arch = 0;
    int rc = ROOF_OK;
    m->kv_heads = m->heads;
    if (f->id != FAM_FALCON)
        return opt_u32(c, K_NUM_KEY_VALUE_HEADS, &m->kv_heads);
    /* Falcon: new_decoder_architecture uses num_kv_heads (n_head_kv in
     * older files); otherwise multi_query (default true) means one. */
    if ((rc = opt_bool(c, K_NEW_DECODER_ARCHITECTURE, &new_arch)) != ROOF_OK
        || (rc = opt_bool(c, K_MULTI_QUERY, &multi_query)) != ROOF_OK)
        return rc;
    if (new_arch) {
        static const uint8_t alts[2] = {K_NUM_KV_HEADS, K_N_HEAD_KV};
        return first_u32(c, alts, &m->kv_heads);
    }
    if (multi_query)
        m->kv_heads = 1;
    return ROOF_OK;
}

static int read_attention(cfg *c, const family *f, roof_model *m)
{
    int rc;
    if ((rc = req_u32(c, f->hidden, &m->hidden)) != ROOF_OK
        || (rc = req_u32(c, f->heads, &m->heads)) != ROOF_OK
        || (rc = req_u32(c, f->layers, &m->layers)) != ROOF_OK)
        return rc;
    if ((rc = read_kv_heads(c, f, m)) != ROOF_OK)
        return rc;
    /* head_dim defaults to hidden / heads (0 heads: validation says so). */
    if (m->heads > 0 && m->hidden % m->heads == 0)
        m->head_dim = m->hidden / m->heads;
    else if (m->heads > 0 && !has(c, K_HEAD_DIM))
        return invalid(c, f->heads[0], "hidden size is not a multiple of");
    return opt_u32(c, K_HEAD_DIM, &m->head_dim);
}

/* Shared experts: Qwen2-MoE names one expert's width, DeepSeek a count of
 * experts as wide as a routed one. */
static int read_shared(cfg *c, roof_model *m)
{
    uint32_t width = 0, count = 0;
    int rc;
    if ((rc = opt_u32(c, K_SHARED_EXPERT_INTERMEDIATE_SIZE, &width)) != ROOF_OK
        || (rc = opt_u32(c, K_N_SHARED_EXPERTS, &count)) != ROOF_OK)
        return rc;
    if (width > 0) {
        m->shared_intermediate = width;
        m->shared_experts = count > 0 ? count : 1;
    } else if (count > 0) {
        m->shared_experts = count;
        m->shared_intermediate = m->expert_intermediate;
    }
    return ROOF_OK;
}

static int read_mlp(cfg *c, const family *f, roof_model *m)
{
    static const uint8_t expert_keys[3] = {K_NUM_LOCAL_EXPERTS, K_NUM_EXPERTS,
                                           K_N_ROUTED_EXPERTS};
    int rc = ROOF_OK;
    for (int i = 0; i < 3 && rc == ROOF_OK && m->experts == 0; i++)
        rc = opt_u32(c, expert_keys[i], &m->experts);
    if (rc != ROOF_OK)
        return rc;
    if (m->experts == 0) {
        /* GPT-2 and Falcon default their MLP width to 4 x hidden. */
        if (!f->inter_is_4x || has(c, f->inter[0]))
            rc = req_u32(c, f->inter, &m->intermediate);
        else if (m->hidden > UINT32_MAX / 4)
            return invalid(c, f->hidden[0], "4 x hidden size overflows for");
        else
            m->intermediate = 4 * m->hidden;
        return rc == ROOF_OK ? read_shared(c, m) : rc;
    }
    /* MoE: every layer's MLP is the routed experts (Mixtral's
     * intermediate_size is one expert's width). */
    static const uint8_t per_tok[2] = {K_NUM_EXPERTS_PER_TOK, K_NONE};
    static const uint8_t width[2] = {K_MOE_INTERMEDIATE_SIZE, K_INTERMEDIATE_SIZE};
    if ((rc = req_u32(c, per_tok, &m->experts_per_token)) != ROOF_OK
        || (rc = req_u32(c, width, &m->expert_intermediate)) != ROOF_OK)
        return rc;
    return read_shared(c, m);
}

/* ---- the rest ------------------------------------------------------------ */

static int read_window(cfg *c, roof_model *m)
{
    uint32_t use = 1;
    int rc = opt_bool(c, K_USE_SLIDING_WINDOW, &use);
    if (rc != ROOF_OK || !use)
        return rc; /* Qwen2: use_sliding_window false = full attention */
    return opt_u32(c, K_SLIDING_WINDOW, &m->sliding_window);
}

static const struct dtype_bits {
    const char *name;
    uint32_t bits;
} dtypes[] = {
    {"float16", 16}, {"half", 16}, {"bfloat16", 16}, {"float32", 32},
    {"float", 32}, {"float64", 64}, {"double", 64}, {"float8_e4m3fn", 8},
    {"float8_e5m2", 8}, {"float8_e4m3fnuz", 8}, {"float8_e5m2fnuz", 8},
    {"int8", 8}, {"uint8", 8},
};

/* torch_dtype (or its newer name dtype): absent means float32, what
 * transformers assumes. */
static int read_dtype(cfg *c, roof_model *m)
{
    int k = has(c, K_TORCH_DTYPE) ? K_TORCH_DTYPE : K_DTYPE;
    char buf[32];
    size_t n = 0;
    m->native_bits = 32;
    int rc = string_key(c, k, buf, sizeof buf, &n);
    if (rc == ROOF_E_RANGE)
        return invalid(c, k, "unknown dtype in");
    if (rc != ROOF_OK || n == 0)
        return rc;
    const char *s = strncmp(buf, "torch.", 6) == 0 ? buf + 6 : buf;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(dtypes); i++) {
        if (strcmp(s, dtypes[i].name) == 0) {
            m->native_bits = dtypes[i].bits;
            return ROOF_OK;
        }
    }
    return invalid(c, k, "unknown dtype in");
}

/* The small terms of attention each family has (docs/model.md). */
static const struct type_extras {
    const char *type;
    uint32_t extras;
} type_extras[] = {
    {"qwen3", ROOF_EXTRA_QK_NORM},       {"qwen3_moe", ROOF_EXTRA_QK_NORM},
    {"gemma3", ROOF_EXTRA_QK_NORM},      {"gemma3_text", ROOF_EXTRA_QK_NORM},
    {"gpt_oss", ROOF_EXTRA_SINKS},
    {"qwen3_next", ROOF_EXTRA_QK_NORM | ROOF_EXTRA_OUTPUT_GATE},
};

static void read_extras(const cfg *c, roof_model *m)
{
    if (!has(c, K_MODEL_TYPE))
        return;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(type_extras); i++) {
        if (roof__json_string_is(&c->j, c->slot[K_MODEL_TYPE],
                                 type_extras[i].type))
            m->attn_extras = type_extras[i].extras;
    }
}

static int read_kinds(cfg *c, const family *f, roof_model *m)
{
    uint32_t alibi = 0;
    read_extras(c, m);
    m->mlp = f->mlp;
    m->norm = f->norm;
    m->position = f->position;
    m->tied_embeddings = f->tied;
    int rc = opt_bool(c, K_TIE_WORD_EMBEDDINGS, &m->tied_embeddings);
    if (rc == ROOF_OK && f->id == FAM_FALCON)
        rc = opt_bool(c, K_ALIBI, &alibi);
    if (alibi)
        m->position = ROOF_POS_NONE;
    return rc;
}

/* ---- MLA and layer schedules ------------------------------------------- */

/* Mamba-2's sizes (Nemotron-H). */
static int read_ssm(cfg *c, roof_model *m)
{
    static const uint8_t keys[5] = {K_MAMBA_NUM_HEADS, K_MAMBA_HEAD_DIM,
                                    K_SSM_STATE_SIZE, K_N_GROUPS,
                                    K_CONV_KERNEL};
    uint32_t *const out[5] = {&m->ssm_heads, &m->ssm_head_dim, &m->ssm_state,
                              &m->ssm_groups, &m->ssm_conv};
    /* Gated DeltaNet's keys on the same fields (docs/model.md). */
    static const uint8_t linear[5] = {K_LINEAR_NUM_VALUE_HEADS,
                                      K_LINEAR_VALUE_HEAD_DIM,
                                      K_LINEAR_KEY_HEAD_DIM,
                                      K_LINEAR_NUM_KEY_HEADS,
                                      K_LINEAR_CONV_KERNEL_DIM};
    int rc = ROOF_OK;
    for (int i = 0; i < 5 && rc == ROOF_OK; i++)
        rc = opt_u32(c, keys[i], out[i]);
    for (int i = 0; i < 5 && rc == ROOF_OK; i++)
        rc = opt_u32(c, linear[i], out[i]);
    return rc;
}

/* Multi-head latent attention (DeepSeek-V2/V3, Kimi-K2): its sizes; a
 * head is qk_nope + qk_rope wide unless head_dim says otherwise. */
static int read_mla(cfg *c, roof_model *m)
{
    static const uint8_t keys[5] = {K_Q_LORA_RANK, K_KV_LORA_RANK,
                                    K_QK_ROPE_HEAD_DIM, K_QK_NOPE_HEAD_DIM,
                                    K_V_HEAD_DIM};
    uint32_t *const out[5] = {&m->q_lora_rank, &m->kv_lora_rank,
                              &m->qk_rope_head_dim, &m->qk_nope_head_dim,
                              &m->v_head_dim};
    for (int i = 0; i < 5; i++) {
        int rc = opt_u32(c, keys[i], out[i]);
        if (rc != ROOF_OK)
            return rc;
    }
    if (m->kv_lora_rank > 0 && !has(c, K_HEAD_DIM))
        m->head_dim = m->qk_nope_head_dim + m->qk_rope_head_dim;
    return read_ssm(c, m);
}

/* What decides each layer's mixer and MLP. */
typedef struct schedule {
    size_t types;          /* layer_types array (ROOF__JSON_NONE: absent) */
    size_t no_rope;        /* no_rope_layers array (Llama-4) */
    size_t mlp_only;       /* mlp_only_layers array (Qwen MoE) */
    char hybrid[1024];     /* hybrid_override_pattern (Nemotron-H) */
    size_t hybrid_len;
    uint32_t pattern;      /* sliding_window_pattern: every P-th global */
    uint32_t window, chunk;
    uint32_t first_dense, interleave, sparse_step;
    uint32_t dense_width;  /* width of a dense layer among MoE ones */
    int alternate;         /* Gemma-2: even layers local */
    int gdn;               /* Qwen3-Next: linear layers are Gated DeltaNet */
    uint32_t full_every;   /* full_attention_interval */
    int mla;
    int active;            /* any rule applies */
} schedule;

static size_t array_slot(cfg *c, int k, int *rc)
{
    if (!has(c, k))
        return ROOF__JSON_NONE;
    if (roof__json_kind(&c->j, c->slot[k]) != ROOF__JSON_ARRAY) {
        roof__parse_error_at(c->err, c->j.text, c->slot[k],
                             "expected an array for", key_names[k]);
        *rc = ROOF_E_TYPE;
    }
    return c->slot[k];
}

static int read_schedule_keys(cfg *c, const family *f, const roof_model *m,
                              schedule *s)
{
    int rc = ROOF_OK;
    memset(s, 0, sizeof *s);
    s->types = array_slot(c, K_LAYER_TYPES, &rc);
    s->no_rope = array_slot(c, K_NO_ROPE_LAYERS, &rc);
    s->mlp_only = array_slot(c, K_MLP_ONLY_LAYERS, &rc);
    s->window = m->sliding_window;
    s->dense_width = m->intermediate;
    if (rc == ROOF_OK)
        rc = string_key(c, K_HYBRID_OVERRIDE_PATTERN, s->hybrid,
                        sizeof s->hybrid, &s->hybrid_len);
    if (rc != ROOF_OK
        || (rc = opt_u32(c, K_SLIDING_WINDOW_PATTERN, &s->pattern)) != ROOF_OK
        || (rc = opt_u32(c, K_ATTENTION_CHUNK_SIZE, &s->chunk)) != ROOF_OK
        || (rc = opt_u32(c, K_FIRST_K_DENSE_REPLACE, &s->first_dense))
               != ROOF_OK
        || (rc = opt_u32(c, K_INTERLEAVE_MOE_LAYER_STEP, &s->interleave))
               != ROOF_OK
        || (rc = opt_u32(c, K_DECODER_SPARSE_STEP, &s->sparse_step)) != ROOF_OK
        || (rc = opt_u32(c, m->experts > 0 ? K_INTERMEDIATE_SIZE : K_NONE,
                         &s->dense_width)) != ROOF_OK)
        return rc;
    if (f->id == FAM_LLAMA4)
        rc = opt_u32(c, K_INTERMEDIATE_SIZE_MLP, &s->dense_width);
    s->gdn = f->id == FAM_QWEN3_NEXT;
    if (rc == ROOF_OK && s->gdn) {
        s->full_every = 4; /* transformers' default */
        rc = opt_u32(c, K_FULL_ATTENTION_INTERVAL, &s->full_every);
    }
    s->alternate = f->id == FAM_GEMMA2 && s->window > 0;
    s->mla = m->kv_lora_rank > 0;
    if (f->id != FAM_LLAMA4)
        s->chunk = 0; /* attention_chunk_size elsewhere: not Llama-4's */
    s->active = s->gdn || s->hybrid_len > 0 || s->types != ROOF__JSON_NONE
                || s->pattern > 0 || s->alternate
                || s->chunk > 0 || s->mla || s->first_dense > 0
                || s->interleave > 1 || s->sparse_step > 1
                || s->mlp_only != ROOF__JSON_NONE;
    return rc;
}

/* The next element of an array walk; ROOF_E_INVALID naming the key when
 * the array is shorter than the layers. */
static int next_element(cfg *c, int k, size_t *it, size_t *val)
{
    if (roof__json_element(&c->j, it, val))
        return ROOF_OK;
    return invalid(c, k, "fewer entries than num_hidden_layers in");
}

/* Layer i's mixer from layer_types (advancing *it). */
static int typed_mixer(cfg *c, const schedule *s, size_t *it,
                       roof_layer_group *g)
{
    size_t v;
    int rc = next_element(c, K_LAYER_TYPES, it, &v);
    if (rc != ROOF_OK)
        return rc;
    if (roof__json_string_is(&c->j, v, "full_attention"))
        return ROOF_OK;
    if (roof__json_string_is(&c->j, v, "sliding_attention")
        && s->window > 0) {
        g->mixer = ROOF_MIXER_SLIDING;
        g->window = s->window;
        return ROOF_OK;
    }
    if (roof__json_string_is(&c->j, v, "linear_attention") && s->gdn) {
        g->mixer = ROOF_MIXER_GDN;
        return ROOF_OK;
    }
    if (roof__json_string_is(&c->j, v, "chunked_attention") && s->chunk > 0) {
        g->mixer = ROOF_MIXER_CHUNKED;
        g->window = s->chunk;
        return ROOF_OK;
    }
    roof__parse_error_at(c->err, c->j.text, v,
                         "a layer type not modelled in", "layer_types");
    return ROOF_E_UNSUPPORTED;
}

static int layer_mixer(cfg *c, const schedule *s, uint32_t i, size_t *types,
                       size_t *no_rope, roof_layer_group *g)
{
    g->mixer = ROOF_MIXER_ATTENTION;
    g->window = 0;
    if (s->mla) {
        g->mixer = ROOF_MIXER_MLA;
    } else if (s->types != ROOF__JSON_NONE) {
        return typed_mixer(c, s, types, g);
    } else if (s->gdn) {
        if (s->full_every == 0 || (i + 1) % s->full_every != 0)
            g->mixer = ROOF_MIXER_GDN;
    } else if ((s->pattern > 0 && (i + 1) % s->pattern != 0)
               || (s->alternate && i % 2 == 0)) {
        g->mixer = ROOF_MIXER_SLIDING;
        g->window = s->window;
    } else if (s->chunk > 0) {
        /* NoPE layers (no_rope_layers 0; by default every 4th) are
         * global, the others chunked. */
        int global = (i + 1) % 4 == 0;
        if (s->no_rope != ROOF__JSON_NONE) {
            size_t v;
            uint32_t flag = 1;
            int rc = next_element(c, K_NO_ROPE_LAYERS, no_rope, &v);
            if (rc == ROOF_OK)
                rc = roof__json_get_u32(&c->j, v, "no_rope_layers", &flag,
                                        c->err);
            if (rc != ROOF_OK)
                return rc;
            global = flag == 0;
        }
        if (!global) {
            g->mixer = ROOF_MIXER_CHUNKED;
            g->window = s->chunk;
        }
    }
    return ROOF_OK;
}

static int listed(cfg *c, size_t arr, uint32_t i, int *yes)
{
    size_t it = roof__json_enter(&c->j, arr), v;
    *yes = 0;
    while (roof__json_element(&c->j, &it, &v)) {
        uint32_t x;
        int rc = roof__json_get_u32(&c->j, v, "mlp_only_layers", &x, c->err);
        if (rc != ROOF_OK)
            return rc;
        *yes |= x == i;
    }
    return ROOF_OK;
}

/* Layer i's MLP: dense first k (DeepSeek), MoE every S-th (Llama-4's
 * interleave, Qwen's decoder_sparse_step), dense where listed. */
static int layer_mlp(cfg *c, const schedule *s, const roof_model *m,
                     uint32_t i, roof_layer_group *g)
{
    int dense = 0;
    if (m->experts > 0) {
        dense = i < s->first_dense
                || (s->interleave > 1 && (i + 1) % s->interleave != 0)
                || (s->sparse_step > 1 && (i + 1) % s->sparse_step != 0);
        if (!dense && s->mlp_only != ROOF__JSON_NONE) {
            int rc = listed(c, s->mlp_only, i, &dense);
            if (rc != ROOF_OK)
                return rc;
        }
    }
    g->mlp = dense ? ROOF_GROUP_MLP_DENSE : ROOF_GROUP_MLP_MODEL;
    g->dense_intermediate = dense ? s->dense_width : 0;
    return ROOF_OK;
}

/* Layer i of a hybrid_override_pattern: 'M' a Mamba-2 mixer, '*'
 * attention, '-' an MLP, 'E' the experts; each layer one block. */
static int hybrid_layer(cfg *c, const schedule *s, uint32_t i,
                        roof_layer_group *g)
{
    switch (s->hybrid[i]) {
    case 'M':
        g->mixer = ROOF_MIXER_MAMBA2;
        g->mlp = ROOF_GROUP_MLP_NONE;
        return ROOF_OK;
    case '*':
        g->mlp = ROOF_GROUP_MLP_NONE;
        return ROOF_OK;
    case '-':
    case 'E':
        g->mixer = ROOF_MIXER_NONE;
        return ROOF_OK;
    default:
        return invalid(c, K_HYBRID_OVERRIDE_PATTERN,
                       "a layer kind not modelled in");
    }
}

/* Counts layer g into the group of its kind (a new one when none). */
static int add_layer(cfg *c, roof_model *m, const roof_layer_group *g)
{
    for (uint32_t k = 0; k < m->group_count; k++) {
        roof_layer_group *h = &m->groups[k];
        if (h->mixer == g->mixer && h->window == g->window
            && h->mlp == g->mlp && h->dense_intermediate == g->dense_intermediate) {
            h->layers++;
            return ROOF_OK;
        }
    }
    if (m->group_count == ROOF_MAX_GROUPS)
        return invalid(c, K_NUM_HIDDEN_LAYERS,
                       "more than 8 kinds of layer for");
    m->groups[m->group_count] = *g;
    m->groups[m->group_count++].layers = 1;
    return ROOF_OK;
}

/* The largest num_hidden_layers a schedule is built for, layer by layer. */
#define MAX_SCHEDULED_LAYERS 65536u

/* Each layer's kind from the schedule keys, counted into groups.  A model
 * whose layers are all alike stays without groups. */
static int read_schedule(cfg *c, const family *f, roof_model *m)
{
    schedule s;
    int rc = read_schedule_keys(c, f, m, &s);
    if (rc != ROOF_OK || !s.active)
        return rc;
    if (m->layers > MAX_SCHEDULED_LAYERS)
        return invalid(c, K_NUM_HIDDEN_LAYERS, "too many layers to schedule:");
    if (s.hybrid_len > 0 && s.hybrid_len != m->layers)
        return invalid(c, K_HYBRID_OVERRIDE_PATTERN,
                       "not one entry a layer in");
    size_t types = s.types == ROOF__JSON_NONE
                       ? 0 : roof__json_enter(&c->j, s.types);
    size_t no_rope = s.no_rope == ROOF__JSON_NONE
                         ? 0 : roof__json_enter(&c->j, s.no_rope);
    for (uint32_t i = 0; i < m->layers && rc == ROOF_OK; i++) {
        roof_layer_group g = {0};
        rc = layer_mixer(c, &s, i, &types, &no_rope, &g);
        if (rc == ROOF_OK)
            rc = layer_mlp(c, &s, m, i, &g);
        if (rc == ROOF_OK && s.hybrid_len > 0)
            rc = hybrid_layer(c, &s, i, &g);
        if (rc == ROOF_OK)
            rc = add_layer(c, m, &g);
    }
    m->sliding_window = 0; /* each group carries its own window */
    if (f->id == FAM_LLAMA4 && m->experts > 0) { /* one shared expert */
        m->shared_experts = 1;
        m->shared_intermediate = m->expert_intermediate;
    }
    const roof_layer_group *g = &m->groups[0];
    if (rc == ROOF_OK && m->group_count == 1 && g->mixer == ROOF_MIXER_ATTENTION
        && g->mlp == ROOF_GROUP_MLP_MODEL) { /* all alike: no groups */
        m->group_count = 0;
        memset(m->groups, 0, sizeof m->groups);
    }
    return rc;
}

/* ---- the "roofmodel" object ----------------------------------------------- */

static const char *const mlp_names[] = {"gated", "plain"};
static const char *const norm_names[] = {"rms", "layer"};
static const char *const position_names[] = {"rope", "learned", "none"};

static const char *const mixer_names[ROOF_MIXER_COUNT] = {
    [ROOF_MIXER_ATTENTION] = "attention", [ROOF_MIXER_SLIDING] = "sliding",
    [ROOF_MIXER_CHUNKED] = "chunked", [ROOF_MIXER_NONE] = "none",
    [ROOF_MIXER_MLA] = "mla", [ROOF_MIXER_MAMBA2] = "mamba2",
    [ROOF_MIXER_GDN] = "gdn",
};
static const char *const group_mlp_names[ROOF_GROUP_MLP_COUNT] = {
    [ROOF_GROUP_MLP_MODEL] = "model", [ROOF_GROUP_MLP_DENSE] = "dense",
    [ROOF_GROUP_MLP_NONE] = "none",
};

enum { R_NAME, R_SOURCE, R_MLP, R_NORM, R_POSITION, R_NATIVE_BITS,
       R_INTERMEDIATE, R_GROUPS, R_ATTN_EXTRAS, R_FORMATS, R_COUNT };
static const char *const roof_keys[R_COUNT] = {
    "name", "source", "mlp", "norm", "position", "native_bits", "intermediate",
    "groups", "attn_extras", "formats",
};

/* One layer group: {"layers", "mixer", "window", "mlp",
 * "dense_intermediate"}; absent numbers are 0, absent kinds the first. */
enum { G_LAYERS, G_MIXER, G_WINDOW, G_MLP, G_DENSE, G_COUNT };
static const char *const group_keys[G_COUNT] = {
    "layers", "mixer", "window", "mlp", "dense_intermediate",
};

static int read_enum(cfg *c, size_t val, const char *key,
                     const char *const *names, uint32_t n, uint32_t *out);

static int read_group(cfg *c, size_t obj, roof_layer_group *g)
{
    size_t slots[G_COUNT];
    if (roof__json_kind(&c->j, obj) != ROOF__JSON_OBJECT) {
        roof__parse_error_at(c->err, c->j.text, obj, "expected an object in",
                             "groups");
        return ROOF_E_TYPE;
    }
    size_t unknown = roof__json_collect(&c->j, obj, group_keys, G_COUNT, slots);
    if (unknown != ROOF__JSON_NONE) {
        roof__parse_error_at(c->err, c->j.text, unknown,
                             "unknown key in a group of", "groups");
        return ROOF_E_INVALID;
    }
    uint32_t *const nums[G_COUNT] = {[G_LAYERS] = &g->layers,
                                     [G_WINDOW] = &g->window,
                                     [G_DENSE] = &g->dense_intermediate};
    int rc = ROOF_OK;
    for (int k = 0; k < G_COUNT && rc == ROOF_OK; k++) {
        if (slots[k] == ROOF__JSON_NONE)
            continue;
        if (k == G_MIXER)
            rc = read_enum(c, slots[k], group_keys[k], mixer_names,
                           ROOF_MIXER_COUNT, &g->mixer);
        else if (k == G_MLP)
            rc = read_enum(c, slots[k], group_keys[k], group_mlp_names,
                           ROOF_GROUP_MLP_COUNT, &g->mlp);
        else
            rc = roof__json_get_u32(&c->j, slots[k], group_keys[k], nums[k],
                                    c->err);
    }
    return rc;
}

static int read_groups(cfg *c, size_t arr, roof_model *m)
{
    if (roof__json_kind(&c->j, arr) != ROOF__JSON_ARRAY) {
        roof__parse_error_at(c->err, c->j.text, arr, "expected an array for",
                             "groups");
        return ROOF_E_TYPE;
    }
    size_t it = roof__json_enter(&c->j, arr), val;
    uint32_t n = 0;
    memset(m->groups, 0, sizeof m->groups); /* these replace any schedule */
    while (roof__json_element(&c->j, &it, &val)) {
        if (n == ROOF_MAX_GROUPS) {
            roof__parse_error_at(c->err, c->j.text, val,
                                 "more than 8 layer groups in", "groups");
            return ROOF_E_RANGE;
        }
        int rc = read_group(c, val, &m->groups[n++]);
        if (rc != ROOF_OK)
            return rc;
    }
    m->group_count = n;
    return ROOF_OK;
}

static int read_enum(cfg *c, size_t val, const char *key,
                     const char *const *names, uint32_t n, uint32_t *out)
{
    for (uint32_t i = 0; i < n; i++) {
        if (roof__json_kind(&c->j, val) == ROOF__JSON_STRING
            && roof__json_string_is(&c->j, val, names[i])) {
            *out = i;
            return ROOF_OK;
        }
    }
    roof__parse_error_at(c->err, c->j.text, val, "unknown value for", key);
    return roof__json_kind(&c->j, val) == ROOF__JSON_STRING ? ROOF_E_INVALID
                                                            : ROOF_E_TYPE;
}

static int read_override(cfg *c, int r, size_t val, roof_model *m)
{
    const roof__json *j = &c->j;
    const char *key = roof_keys[r];
    switch (r) {
    case R_NAME:
        return roof__json_get_str(j, val, key, m->name, sizeof m->name, c->err);
    case R_SOURCE:
        return roof__json_get_str(j, val, key, m->source, sizeof m->source, c->err);
    case R_MLP:
        return read_enum(c, val, key, mlp_names, 2, &m->mlp);
    case R_NORM:
        return read_enum(c, val, key, norm_names, 2, &m->norm);
    case R_POSITION:
        return read_enum(c, val, key, position_names, 3, &m->position);
    case R_NATIVE_BITS:
        return roof__json_get_u32(j, val, key, &m->native_bits, c->err);
    case R_GROUPS:
        return read_groups(c, val, m);
    case R_ATTN_EXTRAS:
        return roof__json_get_u32(j, val, key, &m->attn_extras, c->err);
    case R_FORMATS:
        return roof__formats_read(j, val, m, c->err);
    default:
        return roof__json_get_u32(j, val, key, &m->intermediate, c->err);
    }
}

static int read_roofmodel(cfg *c, roof_model *m)
{
    if (!has(c, K_ROOFMODEL))
        return ROOF_OK;
    size_t obj = c->slot[K_ROOFMODEL], slots[R_COUNT];
    if (roof__json_kind(&c->j, obj) != ROOF__JSON_OBJECT) {
        roof__parse_error_at(c->err, c->j.text, obj, "expected an object for",
                             "roofmodel");
        return ROOF_E_TYPE;
    }
    size_t unknown = roof__json_collect(&c->j, obj, roof_keys, R_COUNT, slots);
    if (unknown != ROOF__JSON_NONE) {
        roof__parse_error_at(c->err, c->j.text, unknown,
                             "unknown key in \"roofmodel\"", NULL);
        return ROOF_E_INVALID;
    }
    for (int r = 0; r < R_COUNT; r++) {
        int rc = slots[r] == ROOF__JSON_NONE ? ROOF_OK
                                             : read_override(c, r, slots[r], m);
        if (rc != ROOF_OK)
            return rc;
    }
    return ROOF_OK;
}

/* quantization_config: the per-module weight formats (lib/quant.c). */
static int read_quant(cfg *c, roof_model *m)
{
    if (!has(c, K_QUANTIZATION_CONFIG))
        return ROOF_OK;
    return roof__quant_read(&c->j, c->slot[K_QUANTIZATION_CONFIG],
                            has(c, K_TORCH_DTYPE) || has(c, K_DTYPE), m,
                            c->err);
}

/* ---- the API -------------------------------------------------------------- */

static int read_model(cfg *c, roof_model *m)
{
    const family *f = NULL;
    int rc = find_family(c, &f);
    if (rc != ROOF_OK)
        return rc;
    if ((rc = read_name(c, m)) != ROOF_OK
        || (rc = read_attention(c, f, m)) != ROOF_OK
        || (rc = req_u32(c, (const uint8_t[2]){K_VOCAB_SIZE, K_NONE}, &m->vocab)) != ROOF_OK
        || (rc = read_mlp(c, f, m)) != ROOF_OK
        || (rc = read_window(c, m)) != ROOF_OK
        || (rc = first_u32(c, f->positions, &m->max_context)) != ROOF_OK
        || (rc = read_dtype(c, m)) != ROOF_OK
        || (rc = read_kinds(c, f, m)) != ROOF_OK
        || (rc = read_mla(c, m)) != ROOF_OK
        || (rc = read_schedule(c, f, m)) != ROOF_OK
        || (rc = read_quant(c, m)) != ROOF_OK)
        return rc;
    return read_roofmodel(c, m);
}

/* A multimodal config (Gemma-3, Llama-4, Mistral-3) keeps the language
 * model's keys in text_config: they take the place of the top level's. */
static int read_text_config(cfg *c)
{
    if (!has(c, K_TEXT_CONFIG))
        return ROOF_OK;
    const size_t obj = c->slot[K_TEXT_CONFIG];
    if (roof__json_kind(&c->j, obj) != ROOF__JSON_OBJECT) {
        roof__parse_error_at(c->err, c->j.text, obj, "expected an object for",
                             "text_config");
        return ROOF_E_TYPE;
    }
    size_t inner[K_COUNT];
    roof__json_collect(&c->j, obj, key_names, K_COUNT, inner);
    for (int k = 0; k < K_COUNT; k++) {
        if (inner[k] != ROOF__JSON_NONE && k != K_ROOFMODEL
            && k != K_TEXT_CONFIG && k != K_NAME_OR_PATH)
            c->slot[k] = inner[k];
    }
    return ROOF_OK;
}

/* A model read as another family says so in its name and its source. */
static void mark_read_as(const cfg *c, roof_model *m)
{
    /* The family types are short: the suffix always fits a name. */
    char suffix[32], base[sizeof m->name];
    char full[sizeof base + sizeof suffix], source[sizeof m->source + 64];
    int n = snprintf(suffix, sizeof suffix, " (as %s)", c->as_type);
    size_t room = sizeof m->name - 1
                  - (n > 0 && (size_t)n < sizeof suffix ? (size_t)n : 0);
    roof__copy_utf8(base, room + 1, m->name, strlen(m->name));
    snprintf(full, sizeof full, "%s%s", base, suffix);
    roof__copy_utf8(m->name, sizeof m->name, full, strlen(full));
    snprintf(source, sizeof source, "read as %s (unknown model_type): %s",
             c->as_type, m->source);
    roof__copy_utf8(m->source, sizeof m->source, source, strlen(source));
}

static int from_json(const char *text, size_t len, roof_model *out,
                     roof_parse_error *err, const family *as,
                     const char *as_type)
{
    cfg c;
    c.as = as;
    c.as_type = as_type;
    c.read_as = 0;
    if (out == NULL) {
        roof__parse_error_at(err, NULL, 0, "output is NULL", NULL);
        return ROOF_E_NULL;
    }
    int rc = roof__json_check_python(text, len, &c.j, err);
    if (rc != ROOF_OK)
        return rc;
    c.err = err;
    if (roof__json_kind(&c.j, c.j.root) != ROOF__JSON_OBJECT) {
        roof__parse_error_at(err, text, c.j.root,
                             "a config.json must be a JSON object", NULL);
        return ROOF_E_TYPE;
    }
    roof__json_collect(&c.j, c.j.root, key_names, K_COUNT, c.slot);
    if ((rc = read_text_config(&c)) != ROOF_OK)
        return rc;
    roof_model m;
    memset(&m, 0, sizeof m);
    if ((rc = read_model(&c, &m)) != ROOF_OK)
        return rc;
    if (c.read_as)
        mark_read_as(&c, &m);
    if ((rc = roof_model_validate(&m)) != ROOF_OK) {
        roof__parse_error_at(err, text, c.j.root, "not a valid model:",
                             roof_status_str(rc));
        return rc;
    }
    *out = m;
    return ROOF_OK;
}

int roof_model_from_json(const char *text, size_t len, roof_model *out,
                         roof_parse_error *err)
{
    return from_json(text, len, out, err, NULL, NULL);
}

int roof_model_from_json_as(const char *text, size_t len, const char *as,
                            roof_model *out, roof_parse_error *err)
{
    if (as == NULL || out == NULL) {
        roof__parse_error_at(err, NULL, 0, "family or output is NULL", NULL);
        return ROOF_E_NULL;
    }
    for (size_t f = 0; f < ROOF_ARRAY_LEN(families); f++) {
        for (size_t t = 0; t < MAX_TYPES && families[f].types[t]; t++) {
            if (strcmp(as, families[f].types[t]) == 0)
                return from_json(text, len, out, err, &families[f], as);
        }
    }
    roof__parse_error_at(err, NULL, 0, "no such family to read as:", as);
    return ROOF_E_NOT_FOUND;
}

static void put_u32(roof__out *o, const char *key, uint32_t v)
{
    roof__out_fmt(o, ",\n  \"%s\": %lu", key, (unsigned long)v);
}

static void put_str(roof__out *o, const char *key, const char *v, int first)
{
    roof__out_str(o, first ? "\n  " : ",\n  ");
    roof__out_json_str(o, key);
    roof__out_str(o, ": ");
    roof__out_json_str(o, v);
}

static const char *dtype_name(uint32_t bits)
{
    switch (bits) {
    case 8: return "float8_e4m3fn";
    case 16: return "bfloat16";
    case 32: return "float32";
    case 64: return "float64";
    default: return NULL;
    }
}

static void write_moe(roof__out *o, const roof_model *m)
{
    if (m->experts > 0) {
        put_u32(o, "num_local_experts", m->experts);
        put_u32(o, "num_experts_per_tok", m->experts_per_token);
        put_u32(o, "moe_intermediate_size", m->expert_intermediate);
    }
    if (m->shared_experts > 0) {
        put_u32(o, "n_shared_experts", m->shared_experts);
        put_u32(o, "shared_expert_intermediate_size", m->shared_intermediate);
    }
}

/* The "roofmodel" object's members, one level deeper than the top's. */
static void put_inner_str(roof__out *o, const char *key, const char *v,
                          int first)
{
    roof__out_str(o, first ? "\n    " : ",\n    ");
    roof__out_json_str(o, key);
    roof__out_str(o, ": ");
    roof__out_json_str(o, v);
}

static void write_groups(roof__out *o, const roof_model *m)
{
    if (m->group_count == 0)
        return;
    roof__out_str(o, ",\n    \"groups\": [");
    for (uint32_t i = 0; i < m->group_count; i++) {
        const roof_layer_group *g = &m->groups[i];
        roof__out_fmt(o, "%s\n      {\"layers\": %lu, \"mixer\": \"%s\", "
                      "\"window\": %lu, \"mlp\": \"%s\", "
                      "\"dense_intermediate\": %lu}", i > 0 ? "," : "",
                      (unsigned long)g->layers, mixer_names[g->mixer],
                      (unsigned long)g->window, group_mlp_names[g->mlp],
                      (unsigned long)g->dense_intermediate);
    }
    roof__out_str(o, "\n    ]");
}

static void write_roofmodel(roof__out *o, const roof_model *m)
{
    roof__out_str(o, ",\n  \"roofmodel\": {");
    put_inner_str(o, "name", m->name, 1);
    put_inner_str(o, "source", m->source, 0);
    put_inner_str(o, "mlp", mlp_names[m->mlp], 0);
    put_inner_str(o, "norm", norm_names[m->norm], 0);
    put_inner_str(o, "position", position_names[m->position], 0);
    roof__out_fmt(o, ",\n    \"native_bits\": %lu,\n    \"intermediate\": %lu",
                  (unsigned long)m->native_bits, (unsigned long)m->intermediate);
    if (m->attn_extras != 0)
        roof__out_fmt(o, ",\n    \"attn_extras\": %lu",
                      (unsigned long)m->attn_extras);
    write_groups(o, m);
    roof__formats_write(o, m);
    roof__out_str(o, "\n  }");
}

/* The weights at the model's own formats (lib/shape.c), and by module. */
static void write_weight_bytes(roof__out *o, const roof_model *m)
{
    roof__model_bytes b;
    roof__shape_model_bytes(m, &b);
    const double v[6] = {b.layers, b.experts, b.embedding, b.lm_head,
                         b.norms, b.total};
    static const char *const k[6] = {"layers", "experts", "embedding",
                                     "lm_head", "norms", "total"};
    roof__out_str(o, ",\n    \"weight_bytes\": ");
    roof__out_double(o, b.total);
    roof__out_str(o, ",\n    \"weight_bytes_by_module\": {");
    for (int i = 0; i < 6; i++) {
        roof__out_fmt(o, "%s\"%s\": ", i > 0 ? ", " : "", k[i]);
        roof__out_double(o, v[i]);
    }
    roof__out_str(o, "}");
}

/* What the descriptor implies, for people and tools; keys starting with
 * '_' are skipped on reading.  K/V bytes at 16 bits on one device. */
static void write_derived(roof__out *o, const roof_model *m)
{
    roof_model_params p;
    roof__shape sh;
    (void)roof_model_param_count(m, &p); /* validated by the caller */
    (void)roof__shape_init(m, 1, &sh);
    roof__out_str(o, ",\n  \"_derived\": {\n    \"params\": ");
    roof__out_double(o, p.total);
    roof__out_str(o, ",\n    \"active_params\": ");
    roof__out_double(o, p.active);
    write_weight_bytes(o, m);
    roof__out_str(o, ",\n    \"kv_bytes_per_token_16bit\": [");
    for (uint32_t g = 0; g < roof__shape_group_count(m); g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, &sh, g, &gs);
        roof__out_fmt(o, "%s\n      {\"group\": %lu, \"layers\": %lu, "
                      "\"bytes\": ", g > 0 ? "," : "", (unsigned long)g,
                      (unsigned long)gs.layers);
        roof__out_double(o, gs.layers * gs.kv_elems_per_token * 2.0);
        roof__out_fmt(o, ", \"up_to_tokens\": %lu, \"state_bytes_per_"
                      "sequence\": ", (unsigned long)gs.window);
        roof__out_double(o, gs.layers * gs.state_elems_per_seq * 2.0);
        roof__out_str(o, "}");
    }
    roof__out_str(o, "\n    ]\n  }");
}

static int render_model(roof__out *o, const void *arg)
{
    const roof_model *m = arg;
    roof__out_str(o, "{");
    put_str(o, "_name_or_path", m->name, 1);
    put_str(o, "model_type", "roofmodel", 0);
    put_u32(o, "hidden_size", m->hidden);
    put_u32(o, "num_hidden_layers", m->layers);
    put_u32(o, "num_attention_heads", m->heads);
    put_u32(o, "num_key_value_heads", m->kv_heads);
    put_u32(o, "head_dim", m->head_dim);
    put_u32(o, "intermediate_size", m->experts > 0 ? m->expert_intermediate
                                                   : m->intermediate);
    put_u32(o, "vocab_size", m->vocab);
    put_str(o, "hidden_act", m->mlp == ROOF_MLP_GATED ? "silu" : "gelu", 0);
    roof__out_str(o, m->tied_embeddings ? ",\n  \"tie_word_embeddings\": true"
                                        : ",\n  \"tie_word_embeddings\": false");
    if (m->sliding_window > 0)
        put_u32(o, "sliding_window", m->sliding_window);
    else
        roof__out_str(o, ",\n  \"sliding_window\": null");
    put_u32(o, "max_position_embeddings", m->max_context);
    if (dtype_name(m->native_bits) != NULL)
        put_str(o, "torch_dtype", dtype_name(m->native_bits), 0);
    write_moe(o, m);
    if (m->kv_lora_rank > 0) {
        if (m->q_lora_rank > 0)
            put_u32(o, "q_lora_rank", m->q_lora_rank);
        put_u32(o, "kv_lora_rank", m->kv_lora_rank);
        put_u32(o, "qk_rope_head_dim", m->qk_rope_head_dim);
        put_u32(o, "qk_nope_head_dim", m->qk_nope_head_dim);
        put_u32(o, "v_head_dim", m->v_head_dim);
    }
    if (m->ssm_heads > 0) {
        put_u32(o, "mamba_num_heads", m->ssm_heads);
        put_u32(o, "mamba_head_dim", m->ssm_head_dim);
        put_u32(o, "ssm_state_size", m->ssm_state);
        put_u32(o, "n_groups", m->ssm_groups);
        put_u32(o, "conv_kernel", m->ssm_conv);
    }
    write_roofmodel(o, m);
    write_derived(o, m);
    roof__out_str(o, "\n}\n");
    return ROOF_OK;
}

int roof_model_to_json(const roof_model *m, char *buf, size_t cap, size_t *len)
{
    if (m == NULL || (buf == NULL && cap > 0))
        return ROOF_E_NULL;
    int rc = roof_model_validate(m);
    if (rc != ROOF_OK)
        return rc;
    /* Text the reader would reject must not be written. */
    if (!roof__utf8_valid(m->name) || !roof__utf8_valid(m->source))
        return ROOF_E_INVALID;
    return roof__render_to_buf(render_model, m, buf, cap, len);
}
