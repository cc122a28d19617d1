/* Tests of lib/model.c: presets, lookup, validation, parameter counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

static void eq_(double got, double want, const char *what, int line)
{
    if (!(got == want)) {
        print_error("line %d: %s = %.17g, want %.17g\n", line, what, got,
                    want);
        fail();
    }
}
#define EQ(got, want) eq_((got), (want), #got, __LINE__)

/* got within rel (a fraction) of want. */
static void near_(double got, double want, double rel, const char *what,
                  int line)
{
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("line %d: %s = %.6g, want %.6g within %.2g%%\n", line,
                    what, got, want, rel * 100.0);
        fail();
    }
}
#define NEAR(got, want, rel) near_((got), (want), (rel), #got, __LINE__)

static roof_model preset(const char *name)
{
    roof_model m;
    memset(&m, 0, sizeof m);
    assert_int_equal(roof_model_find(name, &m), ROOF_OK);
    return m;
}

static void test_every_preset_is_valid(void **state)
{
    (void)state;
    uint32_t n = roof_model_count();
    assert_true(n >= 16);
    for (uint32_t i = 0; i < n; i++) {
        roof_model m;
        assert_int_equal(roof_model_get(i, &m), ROOF_OK);
        assert_int_equal(roof_model_validate(&m), ROOF_OK);
        assert_true(strlen(m.name) > 0);
        assert_true(strlen(m.source) > 10); /* every preset says where */
        /* Its own name finds it, and no other preset shares the name. */
        roof_model f;
        assert_int_equal(roof_model_find(m.name, &f), ROOF_OK);
        assert_memory_equal(&f, &m, sizeof m);
        for (uint32_t j = 0; j < i; j++) {
            roof_model o;
            assert_int_equal(roof_model_get(j, &o), ROOF_OK);
            assert_string_not_equal(o.name, m.name);
        }
    }
}

static void test_required_presets_exist(void **state)
{
    (void)state;
    static const char *const names[] = {
        "llama-7b", "llama-13b", "llama-33b", "llama-65b", "llama-2-7b",
        "llama-2-13b", "llama-2-70b", "llama-3.1-8b", "llama-3.1-70b",
        "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "mixtral-8x22b",
        "qwen2.5-7b", "qwen2.5-72b", "gpt-3-175b", "qwen3-8b",
        "qwen3-30b-a3b", "qwen3-235b-a22b", "gpt-oss-20b", "gpt-oss-120b",
        "gemma-3-27b", "llama-4-maverick", "llama-4-scout",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        roof_model m = preset(names[i]);
        assert_string_equal(m.name, names[i]);
    }
}

static void test_published_configs(void **state)
{
    (void)state;
    /* The seed's "Llama 13B" (huggyllama/llama-13b config.json). */
    roof_model m = preset("llama-13b");
    assert_int_equal(m.hidden, 5120);
    assert_int_equal(m.layers, 40);
    assert_int_equal(m.heads, 40);
    assert_int_equal(m.kv_heads, 40);
    assert_int_equal(m.head_dim, 128);
    assert_int_equal(m.intermediate, 13824);
    assert_int_equal(m.vocab, 32000);
    assert_int_equal(m.mlp, ROOF_MLP_GATED);
    assert_int_equal(m.norm, ROOF_NORM_RMS);
    assert_int_equal(m.position, ROOF_POS_ROPE);
    assert_int_equal(m.experts, 0);

    m = preset("llama-2-70b"); /* GQA: 8 KV heads */
    assert_int_equal(m.hidden, 8192);
    assert_int_equal(m.layers, 80);
    assert_int_equal(m.heads, 64);
    assert_int_equal(m.kv_heads, 8);
    assert_int_equal(m.intermediate, 28672);

    m = preset("mistral-7b");
    assert_int_equal(m.sliding_window, 4096);
    assert_int_equal(m.kv_heads, 8);

    m = preset("mixtral-8x7b");
    assert_int_equal(m.experts, 8);
    assert_int_equal(m.experts_per_token, 2);
    assert_int_equal(m.expert_intermediate, 14336);
    assert_int_equal(m.intermediate, 0);

    m = preset("gpt-3-175b");
    assert_int_equal(m.hidden, 12288);
    assert_int_equal(m.layers, 96);
    assert_int_equal(m.heads, 96);
    assert_int_equal(m.intermediate, 4 * 12288);
    assert_int_equal(m.mlp, ROOF_MLP_PLAIN);
    assert_int_equal(m.norm, ROOF_NORM_LAYER);
    assert_int_equal(m.position, ROOF_POS_LEARNED);
    assert_int_equal(m.tied_embeddings, 1);

    m = preset("llama-3.1-405b");
    assert_int_equal(m.hidden, 16384);
    assert_int_equal(m.layers, 126);
    assert_int_equal(m.heads, 128);
    assert_int_equal(m.kv_heads, 8);
    assert_int_equal(m.vocab, 128256);
}

static void test_find_names_and_aliases(void **state)
{
    (void)state;
    /* Case, '-', '_' and ' ' do not matter; aliases are listed names. */
    assert_string_equal(preset("Llama-2-13B").name, "llama-2-13b");
    assert_string_equal(preset("llama2-13b").name, "llama-2-13b");
    assert_string_equal(preset("LLAMA 2 70B").name, "llama-2-70b");
    assert_string_equal(preset("llama-2-13b-hf").name, "llama-2-13b");
    assert_string_equal(preset("llama-30b").name, "llama-33b");
    assert_string_equal(preset("Meta-Llama-3.1-8B").name, "llama-3.1-8b");
    assert_string_equal(preset("Mixtral-8x7B-v0.1").name, "mixtral-8x7b");
    assert_string_equal(preset("gpt3").name, "gpt-3-175b");

    roof_model m, sentinel;
    memset(&m, 0xAB, sizeof m);
    sentinel = m;
    assert_int_equal(roof_model_find("llama-14b", &m), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_model_find("", &m), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_model_find(NULL, &m), ROOF_E_NULL);
    assert_memory_equal(&m, &sentinel, sizeof m);
    assert_int_equal(roof_model_find("llama-13b", NULL), ROOF_E_NULL);
}

static void test_get_bounds(void **state)
{
    (void)state;
    roof_model m, sentinel;
    memset(&m, 0xCD, sizeof m);
    sentinel = m;
    assert_int_equal(roof_model_get(roof_model_count(), &m), ROOF_E_RANGE);
    assert_int_equal(roof_model_get(UINT32_MAX, &m), ROOF_E_RANGE);
    assert_memory_equal(&m, &sentinel, sizeof m);
    assert_int_equal(roof_model_get(0, NULL), ROOF_E_NULL);
}

static void test_suggest(void **state)
{
    (void)state;
    const char *names[4] = {NULL, NULL, NULL, NULL};
    uint32_t n = 99;
    assert_int_equal(roof_model_suggest("llama-2-13", names, 4, &n), ROOF_OK);
    assert_true(n >= 1);
    assert_string_equal(names[0], "llama-2-13b"); /* prefix match first */

    assert_int_equal(roof_model_suggest("mixtral", names, 4, &n), ROOF_OK);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "mixtral-8x7b");
    assert_string_equal(names[1], "mixtral-8x22b");

    assert_int_equal(roof_model_suggest("lama-13b", names, 1, &n), ROOF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "llama-13b"); /* one edit away */

    assert_int_equal(roof_model_suggest("zzzzzzzzzzzz", names, 4, &n),
                     ROOF_OK);
    assert_int_equal(n, 0);
    assert_int_equal(roof_model_suggest("llama", NULL, 0, &n), ROOF_OK);
    assert_int_equal(n, 0);

    n = 7;
    assert_int_equal(roof_model_suggest(NULL, names, 4, &n), ROOF_E_NULL);
    assert_int_equal(roof_model_suggest("llama", NULL, 4, &n), ROOF_E_NULL);
    assert_int_equal(n, 7);
    assert_int_equal(roof_model_suggest("llama", names, 4, NULL), ROOF_E_NULL);
}

/* A valid small model to break one field at a time. */
static roof_model base_model(void)
{
    return preset("llama-2-7b");
}

static void expect_invalid(roof_model m, int status)
{
    assert_int_equal(roof_model_validate(&m), status);
    roof_model_params p, sentinel;
    memset(&p, 0x5A, sizeof p);
    sentinel = p;
    assert_int_equal(roof_model_param_count(&m, &p), status);
    assert_memory_equal(&p, &sentinel, sizeof p);
}

/* The per-module formats: a format only where its bit is set, known bits
 * and formats, experts only for MoE, no lm_head format when tied. */
static void test_formats_validate(void **state)
{
    (void)state;
    roof_model m = base_model();
    m.formats_set = ROOF_MODULE_LAYERS | ROOF_MODULE_EMBEDDING
                    | ROOF_MODULE_LM_HEAD;
    m.format_layers = ROOF_FORMAT_NVFP4;
    m.format_embedding = ROOF_FORMAT_FP32; /* 0, but set: FP32 */
    m.format_lm_head = ROOF_FORMAT_INT4_G32;
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    roof_model bad = m;
    bad.format_lm_head = ROOF_FORMAT_COUNT; /* unknown format */
    expect_invalid(bad, ROOF_E_INVALID);
    bad = m;
    bad.formats_set = 16; /* unknown module */
    expect_invalid(bad, ROOF_E_INVALID);
    bad = base_model();
    bad.format_layers = ROOF_FORMAT_MXFP4; /* a format without its bit */
    expect_invalid(bad, ROOF_E_INVALID);
    bad = base_model();
    bad.formats_set = ROOF_MODULE_EXPERTS; /* a dense model */
    expect_invalid(bad, ROOF_E_INVALID);
    bad = preset("gemma-3-27b"); /* tied: lm_head is the embedding */
    assert_int_equal(bad.tied_embeddings, 1);
    bad.formats_set = ROOF_MODULE_LM_HEAD;
    expect_invalid(bad, ROOF_E_INVALID);
    bad.formats_set = ROOF_MODULE_EMBEDDING;
    assert_int_equal(roof_model_validate(&bad), ROOF_OK);
    bad = preset("mixtral-8x7b");
    bad.formats_set = ROOF_MODULE_EXPERTS;
    bad.format_experts = ROOF_FORMAT_MXFP4;
    assert_int_equal(roof_model_validate(&bad), ROOF_OK);
}

static void test_validate_rejects(void **state)
{
    (void)state;
    assert_int_equal(roof_model_validate(NULL), ROOF_E_NULL);
    roof_model m;

    uint32_t *zero_range[] = {&m.hidden, &m.layers, &m.heads, &m.kv_heads,
                              &m.head_dim, &m.vocab};
    for (size_t i = 0; i < sizeof zero_range / sizeof zero_range[0]; i++) {
        m = base_model();
        *zero_range[i] = 0;
        expect_invalid(m, ROOF_E_RANGE);
    }
    m = base_model();
    m.kv_heads = 5; /* 32 % 5 != 0 */
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.mlp = 2;
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.norm = 2;
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.position = 3;
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.tied_embeddings = 2;
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.native_bits = 65;
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.reserved[4] = 1;
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.reserved[15] = 1; /* the last word of the tail is checked too */
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.groups[7].reserved[2] = 1; /* an unused group holds something */
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    memset(m.name, 'x', sizeof m.name); /* no NUL */
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    memset(m.source, 'x', sizeof m.source);
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.intermediate = 0; /* no MLP at all */
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.shared_experts = 1; /* shared expert without a width */
    expect_invalid(m, ROOF_E_INVALID);
    m = base_model();
    m.experts_per_token = 2; /* top-k on a dense model */
    expect_invalid(m, ROOF_E_INVALID);
    /* Far too large: products beyond 2^50 parameters. */
    m = base_model();
    m.hidden = m.intermediate = UINT32_MAX;
    expect_invalid(m, ROOF_E_RANGE);
    m = base_model();
    m.layers = UINT32_MAX;
    m.heads = m.kv_heads = 1u << 20;
    expect_invalid(m, ROOF_E_RANGE);

    roof_model moe = preset("mixtral-8x7b");
    m = moe;
    m.experts_per_token = 0;
    expect_invalid(m, ROOF_E_INVALID);
    m = moe;
    m.experts_per_token = 9; /* more than the 8 experts */
    expect_invalid(m, ROOF_E_INVALID);
    m = moe;
    m.expert_intermediate = 0;
    expect_invalid(m, ROOF_E_INVALID);
    /* A pure-MoE model with a shared expert is fine. */
    m = moe;
    m.shared_experts = 1;
    m.shared_intermediate = 1024;
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    assert_int_equal(roof_model_param_count(NULL, NULL), ROOF_E_NULL);
    m = base_model();
    assert_int_equal(roof_model_param_count(&m, NULL), ROOF_E_NULL);
}

static roof_model_params params(const char *name)
{
    roof_model m = preset(name);
    roof_model_params p;
    assert_int_equal(roof_model_param_count(&m, &p), ROOF_OK);
    return p;
}

static void test_param_counts_exact(void **state)
{
    (void)state;
    /* Llama-2 13B: embedding 32000 x 5120 = 163,840,000.  A layer:
     * q,k,v,o 4 x 5120^2 = 104,857,600; MLP 3 x 5120 x 13824 = 212,336,640;
     * two RMSNorm gains 10,240: 317,204,480.  Total: embedding + 40 layers
     * (12,688,179,200) + final norm 5120 + lm_head 163,840,000
     * = 13,015,864,320. */
    roof_model_params p = params("llama-2-13b");
    EQ(p.embedding, 163840000.0);
    EQ(p.per_layer, 317204480.0);
    EQ(p.active_per_layer, 317204480.0);
    EQ(p.lm_head, 163840000.0);
    EQ(p.total, 13015864320.0);
    EQ(p.active, p.total);

    /* Llama-2 70B: q,o 2 x 8192^2 = 134,217,728; k,v 2 x 8192 x 1024
     * = 16,777,216; MLP 3 x 8192 x 28672 = 704,643,072; norms 16,384: a
     * layer is 855,654,400; 80 layers 68,452,352,000; embedding and
     * lm_head 2 x 262,144,000; final norm 8192: 68,976,648,192. */
    p = params("llama-2-70b");
    EQ(p.per_layer, 855654400.0);
    EQ(p.total, 68976648192.0);

    /* Mixtral 8x7B: attention 2 x 4096^2 + 2 x 4096 x 1024 = 41,943,040;
     * norms 8192; router 4096 x 8 = 32,768; one expert 3 x 4096 x 14336
     * = 176,160,768, eight 1,409,286,144.  Layer 1,451,270,144; active
     * layer (2 experts) 394,305,536.  Total 32 x layer + 2 x 131,072,000
     * + 4096 = 46,702,792,704; active 12,879,925,248. */
    p = params("mixtral-8x7b");
    EQ(p.per_layer, 1451270144.0);
    EQ(p.active_per_layer, 394305536.0);
    EQ(p.total, 46702792704.0);
    EQ(p.active, 12879925248.0);

    /* GPT-3 175B: a layer 12 x 12288^2 = 1,811,939,328 plus two LayerNorms
     * (gain and bias) 49,152; embedding 50257 x 12288 + 2048 learned
     * positions x 12288 = 642,723,840; tied lm_head; final LayerNorm
     * 24,576: 174,593,642,496 (biases, about 0.1%, are not modelled). */
    p = params("gpt-3-175b");
    EQ(p.embedding, 642723840.0);
    EQ(p.lm_head, 0.0);
    EQ(p.total, 174593642496.0);
}

static void test_param_counts_vs_published(void **state)
{
    (void)state;
    /* Published sizes: model cards and papers (sources in the presets). */
    static const struct {
        const char *name;
        double total, active, rel;
    } cases[] = {
        {"llama-7b", 6.74e9, 0, 0.01},      {"llama-13b", 13.0e9, 0, 0.01},
        {"llama-33b", 32.5e9, 0, 0.01},     {"llama-65b", 65.2e9, 0, 0.01},
        {"llama-2-7b", 6.74e9, 0, 0.01},    {"llama-2-13b", 13.0e9, 0, 0.01},
        {"llama-2-70b", 69.0e9, 0, 0.01},   {"llama-3.1-8b", 8.03e9, 0, 0.01},
        {"llama-3.1-70b", 70.6e9, 0, 0.01}, {"llama-3.1-405b", 405.9e9, 0, 0.01},
        {"mistral-7b", 7.24e9, 0, 0.01},
        {"mixtral-8x7b", 46.7e9, 12.9e9, 0.01},
        {"mixtral-8x22b", 141e9, 39e9, 0.02},
        {"qwen2.5-7b", 7.61e9, 0, 0.01},    {"qwen2.5-72b", 72.7e9, 0, 0.01},
        {"gpt-3-175b", 175e9, 0, 0.01},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        roof_model_params p = params(cases[i].name);
        NEAR(p.total, cases[i].total, cases[i].rel);
        if (cases[i].active > 0)
            NEAR(p.active, cases[i].active, cases[i].rel);
        else
            EQ(p.active, p.total);
        assert_true(p.active <= p.total);
    }
}

/* The presets of layer groups against their published sizes.  Convention
 * (docs/model.md): total counts every weight, the embedding and an untied
 * lm_head each once; active counts one token's path, both ends included.
 * OpenAI's gpt-oss card leaves the embedding (a lookup) out of "active",
 * so it is compared without it.  Two active figures are published
 * truncated to two digits: Qwen3-30B-A3B's "3.3B" (3.353B by this count,
 * 1.6% above: 48 layers x 56.9M + both 311M ends; the card's 29.9B
 * non-embedding total matches to 0.1%) and Maverick's "17B" (17.18B);
 * each is checked to lie in [figure, figure + one unit of its last
 * digit). */
static void test_group_presets_vs_published(void **state)
{
    (void)state;
    roof_model_params p = params("qwen3-8b");
    NEAR(p.total, 8.2e9, 0.01);
    NEAR(p.total - p.embedding - p.lm_head, 6.95e9, 0.01);
    p = params("qwen3-30b-a3b");
    NEAR(p.total, 30.5e9, 0.01);
    assert_true(p.active >= 3.3e9 && p.active < 3.4e9);
    NEAR(p.total - p.embedding - p.lm_head, 29.9e9, 0.01);
    p = params("qwen3-235b-a22b");
    NEAR(p.total, 235e9, 0.01);
    NEAR(p.active, 22e9, 0.01);
    p = params("gpt-oss-20b");
    NEAR(p.total, 20.91e9, 0.01);
    NEAR(p.active - p.embedding, 3.61e9, 0.01);
    p = params("gpt-oss-120b");
    NEAR(p.total, 116.83e9, 0.01);
    NEAR(p.active - p.embedding, 5.13e9, 0.01);
    /* Gemma 3 report, Table 1: 1,416M embedding, 25,600M non-embedding. */
    p = params("gemma-3-27b");
    NEAR(p.embedding, 1416e6, 0.01);
    NEAR(p.total - p.embedding, 25600e6, 0.01);
    p = params("llama-4-maverick");
    NEAR(p.total, 400e9, 0.01);
    assert_true(p.active >= 17e9 && p.active < 18e9);
}

/* gpt-oss-20b by hand: attention 2880 x (4096 + 512 + 512 + 4096) =
 * 26,542,080; one expert 3 x 2880^2 = 24,883,200; router 2880 x 32 =
 * 92,160; norms 5,760; 64 sink logits.  A layer 26,542,080 + 32 experts
 * 796,262,400 + 92,160 + 5,760 + 64 = 822,902,464; 24 of them
 * 19,749,659,136; embedding and lm_head 201,088 x 2880 = 579,133,440
 * each, final norm 2880: 20,907,928,896.  Active: 26,542,080 + 4 experts
 * 99,532,800 + 92,160 + 5,760 + 64 = 126,172,864 a layer. */
static void test_gpt_oss_by_hand(void **state)
{
    (void)state;
    const roof_model_params p = params("gpt-oss-20b");
    EQ(p.per_layer, 822902464.0);
    EQ(p.active_per_layer, 126172864.0);
    EQ(p.embedding, 579133440.0);
    EQ(p.total, 20907928896.0);
    EQ(p.active, 24.0 * 126172864.0 + 2.0 * 579133440.0 + 2880.0);
}

/* Maverick's dense-first schedule by hand: attention 5120 x 12288 =
 * 62,914,560; the 24 dense layers 3 x 5120 x 16384 = 251,658,240; the 24
 * MoE layers 128 + 1 shared experts of 3 x 5120 x 8192 = 125,829,120 and
 * a router 655,360; norms 10,240 everywhere. */
static void test_dense_and_moe_groups_by_hand(void **state)
{
    (void)state;
    const roof_model_params p = params("llama-4-maverick");
    const double attn = 62914560.0, norms = 10240.0;
    const double dense = attn + 251658240.0 + norms;
    const double moe = attn + 129.0 * 125829120.0 + 655360.0 + norms;
    const double moe_active = attn + 2.0 * 125829120.0 + 655360.0 + norms;
    const double ends = 2.0 * 202048.0 * 5120.0 + 5120.0;
    EQ(p.total, 24.0 * dense + 24.0 * moe + ends);
    EQ(p.active, 24.0 * dense + 24.0 * moe_active + ends);
    EQ(p.per_layer, (24.0 * dense + 24.0 * moe) / 48.0);
}

/* Scout: MoE on all 48 layers, 16 + 1 shared experts of 125,829,120 and
 * a router 5120 x 16 = 81,920; attention and norms as Maverick's.  A
 * layer 62,914,560 + 2,139,095,040 + 81,920 + 10,240 = 2,202,101,760;
 * total 48 layers 105,700,884,480 + ends 2,068,976,640 =
 * 107,769,861,120.  Meta's 109B counts the vision encoder and projector
 * too, which the preset (the text model) leaves out: 1.1% below.  Active
 * 62,914,560 + 2 experts + 81,920 + 10,240 = 314,664,960 a layer:
 * 17,172,894,720 with both ends, the published "17B". */
static void test_scout_by_hand(void **state)
{
    (void)state;
    const roof_model_params p = params("llama-4-scout");
    EQ(p.per_layer, 2202101760.0);
    EQ(p.total, 107769861120.0);
    EQ(p.active, 17172894720.0);
    assert_true(p.total < 109e9 && p.total > 0.985 * 109e9);
    assert_true(p.active >= 17e9 && p.active < 18e9);
}

static roof_model group_model(void)
{
    roof_model m;
    assert_int_equal(roof_model_find("gpt-oss-20b", &m), ROOF_OK);
    return m;
}

static void test_group_validation(void **state)
{
    (void)state;
    roof_model m = group_model();
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    m.groups[0].layers = 11; /* 11 + 12 != 24 */
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.group_count = ROOF_MAX_GROUPS + 1;
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[0].window = 0; /* a sliding window needs one */
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[1].window = 5; /* full attention takes none */
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[0].mixer = ROOF_MIXER_COUNT;
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[0].mlp = ROOF_GROUP_MLP_COUNT;
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[0].mlp = ROOF_GROUP_MLP_DENSE; /* without its width */
    expect_invalid(m, ROOF_E_INVALID);
    m.groups[0].dense_intermediate = 100;
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    m.groups[1].dense_intermediate = 100; /* a width it does not use */
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[1].mixer = ROOF_MIXER_NONE;
    m.groups[1].mlp = ROOF_GROUP_MLP_NONE; /* an empty layer */
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[1].reserved[2] = 1;
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.groups[2].layers = 1; /* past group_count: must stay 0 */
    expect_invalid(m, ROOF_E_INVALID);
    m = group_model();
    m.kv_lora_rank = 512; /* MLA sizes without an MLA group */
    expect_invalid(m, ROOF_E_INVALID);
    assert_int_equal(roof_model_find("deepseek-v3", &m), ROOF_OK);
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    m.v_head_dim = 0; /* an MLA group needs every size but q's rank */
    expect_invalid(m, ROOF_E_INVALID);
    assert_int_equal(roof_model_find("deepseek-v3", &m), ROOF_OK);
    m.q_lora_rank = 0;
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
}

/* Qwen3-Next-80B-A3B by hand: a Gated DeltaNet layer 2048 x 12,352 +
 * conv 8192 x 4 + 64 + out 4096 x 2048 + norm 128 = 33,718,464; a gated
 * attention layer 2048 x (4096 + 4096 + 512 + 512) + 4096 x 2048 + QK-norm
 * 512 = 27,263,488; every layer 512 experts and one shared of 3 x 2048 x
 * 512 and a router 2048 x 512, norms 4096; ends 151,936 x 2048 each.
 * 80B published (79.67B here: within 1%); "A3B" (3.87B with both ends). */
static void test_gated_deltanet_params_by_hand(void **state)
{
    (void)state;
    const roof_model_params p = params("qwen3-next-80b-a3b");
    const double moe = 513.0 * 3145728.0 + 1048576.0 + 4096.0;
    const double moe_active = 11.0 * 3145728.0 + 1048576.0 + 4096.0;
    const double ends = 2.0 * 151936.0 * 2048.0 + 2048.0;
    EQ(p.total, 36.0 * (33718464.0 + moe) + 12.0 * (27263488.0 + moe)
                    + ends);
    EQ(p.active, 36.0 * (33718464.0 + moe_active)
                     + 12.0 * (27263488.0 + moe_active) + ends);
    NEAR(p.total, 80e9, 0.01);
    assert_true(p.active >= 3e9 && p.active < 4e9);
    roof_model m;
    assert_int_equal(roof_model_find("qwen3-next-80b-a3b", &m), ROOF_OK);
    m.groups[1].mixer = ROOF_MIXER_MAMBA2; /* both kinds on one set */
    expect_invalid(m, ROOF_E_INVALID);
}

/* Nemotron-H-8B by hand: a Mamba-2 layer in_proj 4096 x 18,560 + conv
 * 10,240 x 4 + A, D, dt 3 x 128 + out 8192 x 4096 = 109,617,536, norms
 * 4096 + 8192; an MLP layer 2 x 4096 x 21,504 + 4096; an attention layer
 * 4096 x 10,240 + 4096; embedding and lm_head 131,072 x 4096 each:
 * 8,100,606,976 ("8B", truncated: in [8B, 9B)). */
static void test_mamba2_params_by_hand(void **state)
{
    (void)state;
    const roof_model_params p = params("nemotron-h-8b");
    EQ(p.total, 24.0 * (109617536.0 + 12288.0) + 24.0 * 176164864.0
                    + 4.0 * 41947136.0 + 2.0 * 131072.0 * 4096.0 + 4096.0);
    EQ(p.total, 8100606976.0);
    EQ(p.active, p.total);
    roof_model m;
    assert_int_equal(roof_model_find("nemotron-h-8b", &m), ROOF_OK);
    m.ssm_groups = 3; /* does not divide the 128 heads */
    expect_invalid(m, ROOF_E_INVALID);
    assert_int_equal(roof_model_find("gpt-oss-20b", &m), ROOF_OK);
    m.ssm_heads = 8; /* Mamba sizes without a Mamba-2 group */
    expect_invalid(m, ROOF_E_INVALID);
}

/* DeepSeek-V3 by hand: attention q_a 7168 x 1536 + q_b 1536 x 128 x 192
 * + kv_a 7168 x 576 + kv_b 512 x 128 x 256 + o 128 x 128 x 7168 =
 * 187,105,280; norms 14,336.  3 dense layers of 3 x 7168 x 18432; 58 MoE
 * layers of 257 experts of 3 x 7168 x 2048 and a router 7168 x 256;
 * embedding and lm_head 129,280 x 7168 each. */
static void test_mla_params_by_hand(void **state)
{
    (void)state;
    const roof_model_params p = params("deepseek-v3");
    const double attn = 187105280.0 + 14336.0, expert = 44040192.0;
    const double dense = attn + 396361728.0;
    const double moe = attn + 257.0 * expert + 1835008.0;
    const double ends = 2.0 * 129280.0 * 7168.0 + 7168.0;
    EQ(p.total, 3.0 * dense + 58.0 * moe + ends);
    EQ(p.active, 3.0 * dense + 58.0 * (attn + 9.0 * expert + 1835008.0)
                     + ends);
    NEAR(p.total, 671e9, 0.01);
    assert_true(p.active >= 37e9 && p.active < 38e9); /* "37B" */
    const roof_model_params k = params("kimi-k2");
    /* Kimi's card: 1T total (its report: 1.04T), 32B active (32.6B). */
    assert_true(k.total >= 1.0e12 && k.total < 1.1e12);
    NEAR(k.active, 32.6e9, 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_preset_is_valid),
        cmocka_unit_test(test_required_presets_exist),
        cmocka_unit_test(test_published_configs),
        cmocka_unit_test(test_group_presets_vs_published),
        cmocka_unit_test(test_gpt_oss_by_hand),
        cmocka_unit_test(test_dense_and_moe_groups_by_hand),
        cmocka_unit_test(test_scout_by_hand),
        cmocka_unit_test(test_group_validation),
        cmocka_unit_test(test_mla_params_by_hand),
        cmocka_unit_test(test_mamba2_params_by_hand),
        cmocka_unit_test(test_gated_deltanet_params_by_hand),
        cmocka_unit_test(test_find_names_and_aliases),
        cmocka_unit_test(test_get_bounds),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_validate_rejects),
        cmocka_unit_test(test_formats_validate),
        cmocka_unit_test(test_param_counts_exact),
        cmocka_unit_test(test_param_counts_vs_published),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
