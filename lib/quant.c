/* HuggingFace quantization_config, and roofmodel's "formats" object, to
 * and from a model's per-module weight formats.  docs/inputs.md,
 * "quantization_config", gives every rule and its source. */
#include <string.h>

#include "quant-priv.h"

enum qkey { Q_METHOD, Q_NOT_CONVERT, Q_IGNORE, Q_BLOCK, Q_BITS, Q_GROUP,
            Q_FORMAT, Q_COUNT };
static const char *const qkeys[Q_COUNT] = {
    "quant_method", "modules_to_not_convert", "ignore", "weight_block_size",
    "bits", "group_size", "format",
};

/* The parts of a model an exclusion list can name. */
enum part { P_ATTN = 1, P_DENSE = 2, P_ROUTER = 4, P_EXPERTS = 8,
            P_EMBED = 16, P_HEAD = 32 };
#define P_LAYERS (P_ATTN | P_DENSE | P_ROUTER)

typedef struct qread {
    const roof__json *j;
    size_t slot[Q_COUNT];
    roof_parse_error *err;
} qread;

static int fail(const qread *q, size_t at, int status, const char *msg,
                const char *name)
{
    roof__parse_error_at(q->err, q->j->text, at, msg, name);
    return status;
}

static int has(const qread *q, int k)
{
    return q->slot[k] != ROOF__JSON_NONE
           && roof__json_kind(q->j, q->slot[k]) != ROOF__JSON_NULL;
}

/* The string at `at` into buf[cap] (cut when longer: names are compared
 * whole, and a cut name matches nothing). */
static int get_string(const qread *q, size_t at, const char *key, char *buf,
                      size_t cap)
{
    if (roof__json_kind(q->j, at) != ROOF__JSON_STRING)
        return fail(q, at, ROOF_E_TYPE, "expected a string in", key);
    size_t n = roof__json_string(q->j, at, buf, cap - 1);
    buf[n < cap - 1 ? n : cap - 1] = '\0';
    return ROOF_OK;
}

/* ---- the converted format of each method ---- */

/* fp8: 128 x 128 block scales (weight_block_size [128, 128], DeepSeek-V3),
 * else one scale per tensor (what vLLM reads a serialized checkpoint
 * without weight_block_size as). */
static int fp8_format(const qread *q, uint32_t *format)
{
    *format = ROOF_FORMAT_FP8;
    if (!has(q, Q_BLOCK))
        return ROOF_OK;
    const size_t arr = q->slot[Q_BLOCK];
    size_t it, val, n = 0;
    uint32_t size = 0;
    int ok = roof__json_kind(q->j, arr) == ROOF__JSON_ARRAY;
    it = ok ? roof__json_enter(q->j, arr) : 0;
    while (ok && roof__json_element(q->j, &it, &val)) {
        n++;
        ok = roof__json_get_u32(q->j, val, qkeys[Q_BLOCK], &size, NULL)
                 == ROOF_OK
             && size == 128;
    }
    if (!ok || n != 2)
        return fail(q, arr, ROOF_E_UNSUPPORTED,
                    "roofmodel knows 128 x 128 FP8 blocks only, not this",
                    qkeys[Q_BLOCK]);
    *format = ROOF_FORMAT_FP8_BLOCK128;
    return ROOF_OK;
}

/* awq, gptq: 4-bit integers with a scale and zero point per 128 or 32
 * inputs. */
static int int_format(const qread *q, uint32_t *format)
{
    uint32_t bits = 0, group = 0;
    for (int k = Q_BITS; k <= Q_GROUP; k++) {
        if (!has(q, k))
            return fail(q, q->j->root, ROOF_E_MISSING, "missing key",
                        qkeys[k]);
        uint32_t *out = k == Q_BITS ? &bits : &group;
        if (roof__json_get_u32(q->j, q->slot[k], qkeys[k], out, NULL)
            != ROOF_OK)
            return fail(q, q->slot[k], ROOF_E_UNSUPPORTED,
                        "roofmodel does not know this", qkeys[k]);
    }
    if (bits != 4)
        return fail(q, q->slot[Q_BITS], ROOF_E_UNSUPPORTED,
                    "roofmodel knows 4-bit integer weights only, not this",
                    qkeys[Q_BITS]);
    if (group != 128 && group != 32)
        return fail(q, q->slot[Q_GROUP], ROOF_E_UNSUPPORTED,
                    "roofmodel knows groups of 128 or 32 only, not this",
                    qkeys[Q_GROUP]);
    *format = group == 128 ? ROOF_FORMAT_INT4_G128 : ROOF_FORMAT_INT4_G32;
    return ROOF_OK;
}

/* compressed-tensors: its "format" names the packing; NVFP4 only. */
static int ct_format(const qread *q, uint32_t *format)
{
    char buf[48];
    if (!has(q, Q_FORMAT))
        return fail(q, q->j->root, ROOF_E_MISSING, "missing key",
                    qkeys[Q_FORMAT]);
    int rc = get_string(q, q->slot[Q_FORMAT], qkeys[Q_FORMAT], buf,
                        sizeof buf);
    if (rc != ROOF_OK)
        return rc;
    if (strcmp(buf, "nvfp4-pack-quantized") != 0)
        return fail(q, q->slot[Q_FORMAT], ROOF_E_UNSUPPORTED,
                    "unknown compressed-tensors format:", buf);
    *format = ROOF_FORMAT_NVFP4;
    return ROOF_OK;
}

/* The method's format and the parts it converts. */
static int method(const qread *q, uint32_t *format, uint32_t *converts)
{
    char name[32];
    if (!has(q, Q_METHOD))
        return fail(q, q->j->root, ROOF_E_MISSING, "missing key",
                    qkeys[Q_METHOD]);
    int rc = get_string(q, q->slot[Q_METHOD], qkeys[Q_METHOD], name,
                        sizeof name);
    if (rc != ROOF_OK)
        return rc;
    *converts = P_LAYERS | P_EXPERTS;
    if (strcmp(name, "mxfp4") == 0) { /* the MoE experts only */
        *converts = P_EXPERTS;
        *format = ROOF_FORMAT_MXFP4;
        return ROOF_OK;
    }
    if (strcmp(name, "fp8") == 0)
        return fp8_format(q, format);
    if (strcmp(name, "awq") == 0 || strcmp(name, "gptq") == 0)
        return int_format(q, format);
    if (strcmp(name, "compressed-tensors") == 0)
        return ct_format(q, format);
    return fail(q, q->slot[Q_METHOD], ROOF_E_UNSUPPORTED,
                "unknown quant_method:", name);
}

/* ---- excluded modules ---- */

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The part a module name (or pattern) names; 0 for none roofmodel knows. */
static uint32_t classify(const char *s)
{
    if (strstr(s, "lm_head") != NULL)
        return P_HEAD;
    if (strstr(s, "embed") != NULL)
        return P_EMBED;
    if (strstr(s, "shared_expert") != NULL)
        return P_DENSE;
    if (strstr(s, "experts") != NULL)
        return P_EXPERTS;
    if (strstr(s, "router") != NULL || ends_with(s, ".gate")
        || strcmp(s, "gate") == 0)
        return P_ROUTER;
    if (strstr(s, "attn") != NULL || strstr(s, "attention") != NULL)
        return P_ATTN;
    return 0;
}

/* The parts named by the list at key k (an array of strings or null). */
static int excluded(const qread *q, int k, uint32_t *parts)
{
    if (!has(q, k))
        return ROOF_OK;
    const size_t arr = q->slot[k];
    if (roof__json_kind(q->j, arr) != ROOF__JSON_ARRAY)
        return fail(q, arr, ROOF_E_TYPE, "expected an array for", qkeys[k]);
    size_t it = roof__json_enter(q->j, arr), val;
    while (roof__json_element(q->j, &it, &val)) {
        char name[96];
        int rc = get_string(q, val, qkeys[k], name, sizeof name);
        if (rc != ROOF_OK)
            return rc;
        uint32_t p = classify(name);
        if (p == 0)
            return fail(q, val, ROOF_E_UNSUPPORTED,
                        "a module roofmodel cannot place is left out:", name);
        *parts |= p;
    }
    return ROOF_OK;
}

/* ---- the formats ---- */

/* What the method leaves alone is stored at the config's dtype: BF16 for
 * 16 bits (and when no dtype is given), FP32 for 32. */
static int base_format(const qread *q, const roof_model *m, int dtype_given,
                       uint32_t *base)
{
    if (!dtype_given || m->native_bits == 16) {
        *base = ROOF_FORMAT_BF16;
        return ROOF_OK;
    }
    if (m->native_bits == 32) {
        *base = ROOF_FORMAT_FP32;
        return ROOF_OK;
    }
    return fail(q, q->j->root, ROOF_E_UNSUPPORTED,
                "a quantized checkpoint's other weights must be 16 or 32 "
                "bits, not its", "torch_dtype");
}

/* The parts of the layers this model has: attention (or another mixer)
 * always, a dense MLP (dense width, shared experts or a dense group), a
 * router with routed experts. */
static uint32_t layer_parts(const roof_model *m)
{
    uint32_t p = P_ATTN | (m->experts > 0 ? P_ROUTER : 0u);
    int dense = m->intermediate > 0 || m->shared_experts > 0;
    for (uint32_t g = 0; g < m->group_count; g++)
        dense |= m->groups[g].mlp == ROOF_GROUP_MLP_DENSE;
    return p | (dense ? (uint32_t)P_DENSE : 0u);
}

/* The layers' format: converted when none of their parts is, the base
 * when all are; a mix is one module roofmodel cannot split. */
static int layers_format(const qread *q, const roof_model *m,
                         uint32_t converts, uint32_t fmt, uint32_t base,
                         uint32_t *out)
{
    const uint32_t have = layer_parts(m), conv = converts & have;
    if (conv != 0 && conv != have)
        return fail(q, q->j->root, ROOF_E_UNSUPPORTED,
                    "roofmodel gives attention, MLP and router one format; "
                    "split by",
                    "modules_to_not_convert");
    *out = conv != 0 ? fmt : base;
    return ROOF_OK;
}

int roof__quant_read(const roof__json *j, size_t obj, int dtype_given,
                     roof_model *m, roof_parse_error *err)
{
    qread q = {j, {0}, err};
    if (roof__json_kind(j, obj) != ROOF__JSON_OBJECT)
        return fail(&q, obj, ROOF_E_TYPE, "expected an object for",
                    "quantization_config");
    roof__json_collect(j, obj, qkeys, Q_COUNT, q.slot);
    uint32_t fmt = 0, converts = 0, skip = 0, base = 0, layers = 0;
    int rc = method(&q, &fmt, &converts);
    if (rc == ROOF_OK && converts == P_EXPERTS && m->experts == 0)
        rc = fail(&q, q.slot[Q_METHOD], ROOF_E_UNSUPPORTED,
                  "this model has no experts, and this method converts "
                  "routed experts only:", "mxfp4");
    if (rc == ROOF_OK)
        rc = excluded(&q, Q_NOT_CONVERT, &skip);
    if (rc == ROOF_OK)
        rc = excluded(&q, Q_IGNORE, &skip);
    if (rc == ROOF_OK)
        rc = base_format(&q, m, dtype_given, &base);
    converts &= ~skip;
    if (rc == ROOF_OK)
        rc = layers_format(&q, m, converts, fmt, base, &layers);
    if (rc != ROOF_OK)
        return rc;
    if (!dtype_given)
        m->native_bits = 16;
    m->formats_set = ROOF_MODULE_LAYERS | ROOF_MODULE_EMBEDDING;
    m->format_layers = layers;
    m->format_embedding = base; /* quantizers keep both ends */
    if (m->experts > 0) {
        m->formats_set |= ROOF_MODULE_EXPERTS;
        m->format_experts = (converts & P_EXPERTS) ? fmt : base;
    }
    if (!m->tied_embeddings) {
        m->formats_set |= ROOF_MODULE_LM_HEAD;
        m->format_lm_head = base;
    }
    return ROOF_OK;
}

/* ---- roofmodel's "formats" object ---- */

static const char *const module_keys[4] = {"layers", "experts", "embedding",
                                           "lm_head"};

static uint32_t *module_field(roof_model *m, uint32_t i)
{
    switch (i) {
    case 0: return &m->format_layers;
    case 1: return &m->format_experts;
    case 2: return &m->format_embedding;
    default: return &m->format_lm_head;
    }
}

int roof__formats_read(const roof__json *j, size_t obj, roof_model *m,
                       roof_parse_error *err)
{
    qread q = {j, {0}, err};
    size_t slot[4];
    if (roof__json_kind(j, obj) != ROOF__JSON_OBJECT)
        return fail(&q, obj, ROOF_E_TYPE, "expected an object for",
                    "formats");
    size_t unknown = roof__json_collect(j, obj, module_keys, 4, slot);
    if (unknown != ROOF__JSON_NONE)
        return fail(&q, unknown, ROOF_E_INVALID, "unknown module in",
                    "formats");
    roof_model r = *m;
    r.formats_set = 0;
    for (uint32_t i = 0; i < 4; i++) {
        char name[32];
        *module_field(&r, i) = 0;
        if (slot[i] == ROOF__JSON_NONE)
            continue;
        int rc = get_string(&q, slot[i], module_keys[i], name, sizeof name);
        if (rc != ROOF_OK)
            return rc;
        if (roof_format_from_name(name, module_field(&r, i)) != ROOF_OK)
            return fail(&q, slot[i], ROOF_E_INVALID, "unknown format:",
                        name);
        r.formats_set |= 1u << i;
    }
    *m = r;
    return ROOF_OK;
}

void roof__formats_write(roof__out *o, const roof_model *m)
{
    roof_model c = *m;
    int first = 1;
    if (m->formats_set == 0)
        return;
    roof__out_str(o, ",\n    \"formats\": {");
    for (uint32_t i = 0; i < 4; i++) {
        if (((m->formats_set >> i) & 1u) == 0)
            continue;
        roof__out_fmt(o, "%s\"%s\": \"%s\"", first ? "" : ", ",
                      module_keys[i],
                      roof_format_name(*module_field(&c, i)));
        first = 0;
    }
    roof__out_str(o, "}");
}
