/* Tests of lib/plan.c: uniform steps against roof_step_calibrated over
 * every preset x device x phase x tensor parallelism, mixed steps against
 * a brute-force reference built from roof_ops per sequence, the logits
 * choice, and every error path (nothing written). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define REL 1e-12

static void near_(double got, double want, double rel, const char *what,
                  int line)
{
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("line %d: %s = %.17g, want %.17g (rel %.3g)\n", line,
                    what, got, want, rel);
        fail();
    }
}
#define NEAR(got, want) near_((got), (want), REL, #got, __LINE__)

static roof_model model(const char *name)
{
    roof_model m;
    assert_int_equal(roof_model_find(name, &m), ROOF_OK);
    return m;
}

static roof_hardware device(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

static roof_workload widths(uint32_t tp, uint32_t attention)
{
    roof_workload w;
    assert_int_equal(roof_workload_prefill(1, 1, &w), ROOF_OK);
    w.tensor_parallel = tp;
    w.attention = attention;
    return w;
}

/* The plan's answer equals roof_step_calibrated's model totals. */
static void same_as_sum(const roof_step_result *r, const roof_sum *s)
{
    NEAR(r->seconds, s->seconds);
    NEAR(r->expected_seconds, s->expected_seconds);
    NEAR(r->flops, s->flops);
    NEAR(r->bytes, s->bytes);
    NEAR(r->weight_bytes, s->weight_bytes);
    NEAR(r->act_bytes, s->act_bytes);
    NEAR(r->kv_bytes, s->kv_bytes);
    NEAR(r->comm_bytes, s->comm_bytes);
    NEAR(r->compute_seconds, s->compute_seconds);
    NEAR(r->memory_seconds, s->memory_seconds);
    NEAR(r->comm_seconds, s->comm_seconds);
    for (int b = 0; b < 4; b++)
        NEAR(r->bound_seconds[b], s->bound_seconds[b]);
    assert_int_equal(r->bound, s->bound);
    assert_int_equal(r->dominant_op, s->dominant_op);
}

static const uint32_t steps[][3] = {
    /* batch, new, cached */
    {1, 1024, 0}, {4, 512, 0},  {1, 1, 1024}, {32, 1, 4096},
    {2, 128, 300}, {8, 4, 9000}, {1, 7, 5000}, {64, 1, 100},
};

/* One configuration: a plan, and every step against roof_step. */
static int check_config(const roof_model *m, const roof_hardware *hw,
                        uint32_t tp, uint32_t attention)
{
    roof_workload w = widths(tp, attention);
    roof_plan *p = test_malloc(sizeof *p);
    int rc = roof_plan_init(m, &w, hw, NULL, p);
    roof_totals t;
    /* every preset folds, layer groups of every mixer included */
    int want = roof_step_calibrated(m, &w, hw, NULL, NULL, &t);
    assert_int_equal(rc, want);
    for (size_t k = 0; rc == ROOF_OK && k < sizeof steps / sizeof steps[0];
         k++) {
        w.batch = steps[k][0];
        w.new_tokens = steps[k][1];
        w.cached_tokens = steps[k][2];
        assert_int_equal(roof_step_calibrated(m, &w, hw, NULL, NULL, &t),
                         ROOF_OK);
        roof_step_result r;
        assert_int_equal(roof_plan_step(p, w.batch, w.new_tokens,
                                        w.cached_tokens, &r),
                         ROOF_OK);
        same_as_sum(&r, &t.model);
        NEAR(r.overhead_seconds, t.overhead_seconds);
        NEAR(r.tokens, (double)w.batch * w.new_tokens);
        assert_int_equal(r.sequences, w.batch);
    }
    test_free(p);
    return rc == ROOF_OK;
}

/* Every preset x every built-in device x TP 1, 2, 8 x both attention
 * kinds x the steps above (prefill, decode, chunked, speculative). */
static void uniform_equals_step(void **state)
{
    (void)state;
    static const uint32_t tps[] = {1, 2, 8};
    uint32_t valid = 0;
    for (uint32_t i = 0; i < roof_model_count(); i++) {
        roof_model m;
        assert_int_equal(roof_model_get(i, &m), ROOF_OK);
        for (uint32_t d = 0; d < roof_hardware_count(); d++) {
            roof_hardware hw;
            assert_int_equal(roof_hardware_get(d, &hw), ROOF_OK);
            for (size_t t = 0; t < 3; t++)
                for (uint32_t a = 0; a <= ROOF_ATTN_FUSED; a++)
                    valid += (uint32_t)check_config(&m, &hw, tps[t], a);
        }
    }
    /* every preset x 39 devices x 3 x 2; a device without an interconnect
       or without FP16 refuses some, and a plan refuses models of several
       layer groups (1632 valid with the 16 uniform presets) */
    assert_true(valid > 1500);
}

/* A sliding window and a learned-position model, fused and not. */
static void uniform_window_and_positions(void **state)
{
    (void)state;
    roof_model m = model("mistral-7b");
    const roof_hardware hw = device("h100-sxm");
    m.sliding_window = 64; /* the window binds at every cached length */
    assert_true(check_config(&m, &hw, 1, ROOF_ATTN_FUSED));
    assert_true(check_config(&m, &hw, 2, ROOF_ATTN_UNFUSED));
    m.sliding_window = 1; /* no cached key is ever read */
    assert_true(check_config(&m, &hw, 1, ROOF_ATTN_FUSED));
    m = model("gpt-3-175b");
    assert_true(check_config(&m, &hw, 8, ROOF_ATTN_FUSED));
}

/* ---- the brute-force reference ----------------------------------------- */

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* The ops that run per sequence: attention, MLA's absorbed (decode)
 * and decompressing (prefill) matmuls, a recurrent mixer's conv and scan
 * (each sequence's state). */
static int attention_op(uint32_t id)
{
    return id == ROOF_OP_QK_MATMUL || id == ROOF_OP_SOFTMAX
           || id == ROOF_OP_PV_MATMUL || id == ROOF_OP_ATTENTION
           || id == ROOF_OP_Q_ABSORB || id == ROOF_OP_O_ABSORB
           || id == ROOF_OP_KV_B_PROJ || id == ROOF_OP_SSM_CONV
           || id == ROOF_OP_SSM_SCAN;
}

/* The fused attention's FLOPs per unmasked score and head (docs/
 * model.md): 4 head_dim + 5; MLA's decode over the latents 2 (rkv + dr)
 * + 2 rkv + 5, its prefill 2 (dn + dr) + 2 dv + 5. */
static double flops_per_score(const roof_model *m, const roof_op *o)
{
    if (m->kv_lora_rank == 0)
        return 4.0 * m->head_dim + 5.0;
    const double rkv = m->kv_lora_rank, dr = m->qk_rope_head_dim;
    if (o->gemm_m == 1.0)
        return 2.0 * (rkv + dr) + 2.0 * rkv + 5.0;
    return 2.0 * (m->qk_nope_head_dim + dr) + 2.0 * m->v_head_dim + 5.0;
}

typedef struct ref_kernel {
    double flops, bytes, act, kv, wasted, tokens;
    double weight; /* read once by the kernel (attention sinks) */
    uint32_t id, precision, on;
} ref_kernel;

typedef struct ref {
    double seconds, expected, flops, bytes, weight, act, kv, comm;
} ref;

static void ops_of(const roof_model *m, const roof_workload *w0,
                   const roof_hardware *hw, uint32_t batch, uint32_t n,
                   uint32_t c, roof_op *ops, uint32_t *count)
{
    roof_workload w = *w0;
    w.batch = batch;
    w.new_tokens = n;
    w.cached_tokens = c;
    assert_int_equal(roof_ops(m, &w, hw, NULL, ops, ROOF_MAX_OPS, count,
                              NULL),
                     ROOF_OK);
}

static void add_record(ref *r, const roof_op *o, double times)
{
    r->seconds += times * o->roofline.seconds;
    r->expected += times * o->expected_seconds;
    r->flops += times * o->flops;
    r->bytes += times * o->bytes;
    r->weight += times * o->weight_bytes;
    r->act += times * (o->act_read_bytes + o->act_write_bytes);
    r->kv += times * (o->kv_read_bytes + o->kv_write_bytes);
    r->comm += times * o->comm_bytes;
}

/* The expected time of a kernel of these totals, by the public formula. */
static double kernel_time(const roof_hardware *hw, uint32_t precision,
                          uint32_t kind, double flops, double bytes,
                          double row_bytes, double extra)
{
    roof_calibration cal;
    assert_int_equal(roof_calibration_builtin(hw, &cal), ROOF_OK);
    double peak, s;
    assert_int_equal(roof_hardware_peak_flops_per_s(hw, precision, &peak),
                     ROOF_OK);
    roof_kernel_terms t = {kind, 0, flops / peak, bytes / hw->dram_bytes_per_s,
                           row_bytes, extra, 1.0, {0, 0}};
    assert_int_equal(roof_kernel_expected_seconds(&cal, &t, &s), ROOF_OK);
    return s;
}

/* One attention kernel's bound and expected time, from its sums. */
static void add_kernel(ref *r, const roof_hardware *hw, const ref_kernel *k,
                       double layers, uint32_t prefill)
{
    double peak;
    assert_int_equal(roof_hardware_peak_flops_per_s(hw, k->precision, &peak),
                     ROOF_OK);
    const double bytes = k->bytes + k->weight;
    const double cs = k->flops / peak, ms = bytes / hw->dram_bytes_per_s;
    uint32_t kind = k->id == ROOF_OP_SOFTMAX ? ROOF_KERNEL_SOFTMAX
                                             : ROOF_KERNEL_GEMM;
    if (k->id == ROOF_OP_SSM_CONV || k->id == ROOF_OP_SSM_SCAN)
        kind = ROOF_KERNEL_ACT; /* lib/ops.c's kind of the conv and scan */
    if (k->id == ROOF_OP_ATTENTION)
        kind = prefill ? ROOF_KERNEL_ATTN_PREFILL : ROOF_KERNEL_ATTN_DECODE;
    r->seconds += layers * (cs > ms ? cs : ms);
    /* priced at its own roof: an absorbed MLA matmul at its weights' */
    r->expected += layers * kernel_time(hw, k->precision, kind, k->flops,
                                        bytes, bytes / k->tokens,
                                        k->wasted / k->flops);
    r->flops += layers * k->flops;
    r->bytes += layers * bytes;
    r->weight += layers * k->weight;
    r->act += layers * k->act;
    r->kv += layers * k->kv;
}

/* Layers of an op's layer group (or of the model). */
static double layers_of(const roof_model *m, const roof_op *o)
{
    if (o->scope != ROOF_SCOPE_LAYER)
        return 1.0;
    return m->group_count > 0 ? m->groups[o->group].layers : m->layers;
}

/* The mixed step by hand: token operators from roof_ops at T tokens,
 * attention from roof_ops per sequence summed into two kernels per layer
 * group (the sinks' weights read once by each), lm_head from roof_ops at
 * one row per sequence. */
static ref reference(const roof_model *m, const roof_workload *w,
                     const roof_hardware *hw, const roof_seq *seqs,
                     uint32_t count)
{
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n, tokens = 0, longest = 0;
    ref r = {0, 0, 0, 0, 0, 0, 0, 0};
    ref_kernel k[ROOF_MAX_GROUPS][2][5];
    memset(k, 0, sizeof k);
    const double sinks = (m->attn_extras & ROOF_EXTRA_SINKS) ? 5.0 : 0.0;
    for (uint32_t i = 0; i < count; i++) {
        const uint32_t g = seqs[i].new_tokens > 1;
        uint32_t a[ROOF_MAX_GROUPS] = {0, 0, 0, 0, 0, 0, 0, 0};
        tokens += seqs[i].new_tokens;
        if (seqs[i].new_tokens > longest)
            longest = seqs[i].new_tokens;
        ops_of(m, w, hw, 1, seqs[i].new_tokens, seqs[i].cached_tokens, ops,
               &n);
        for (uint32_t j = 0; j < n; j++) {
            const roof_op *o = &ops[j];
            if (!attention_op(o->id))
                continue;
            ref_kernel *x = &k[o->group][g][a[o->group]++];
            x->id = o->id;
            x->precision = o->precision;
            x->flops += o->flops;
            x->bytes += o->bytes - o->weight_bytes;
            x->weight = o->weight_bytes;
            x->act += o->act_read_bytes + o->act_write_bytes;
            x->kv += o->kv_read_bytes + o->kv_write_bytes;
            x->tokens += seqs[i].new_tokens;
            if (o->id == ROOF_OP_ATTENTION) { /* flops x (n keys/causal-1) */
                const double causal = (o->flops - sinks * o->gemm_batch
                                                       * o->gemm_m)
                                      / (flops_per_score(m, o)
                                         * o->gemm_batch);
                x->wasted += o->flops
                             * (o->gemm_m * o->gemm_n / causal - 1.0);
            }
            x->on = 1;
        }
    }
    for (uint32_t x = 0; x < ROOF_MAX_GROUPS; x++)
        for (uint32_t g = 0; g < 2; g++)
            for (uint32_t a = 0; a < 5; a++)
                if (k[x][g][a].on)
                    add_kernel(&r, hw, &k[x][g][a],
                               m->group_count > 0 ? m->groups[x].layers
                                                  : m->layers,
                               g);
    ops_of(m, w, hw, 1, tokens, 0, ops, &n);
    for (uint32_t j = 0; j < n; j++) {
        roof_op o = ops[j];
        if (attention_op(o.id) || o.id == ROOF_OP_LM_HEAD)
            continue;
        if (o.id == ROOF_OP_EMBED && m->position == ROOF_POS_LEARNED) {
            /* position rows: the longest sequence's, not T */
            const double less = (double)(tokens - longest) * m->hidden * 2.0;
            o.weight_bytes -= less;
            o.bytes -= less;
            o.roofline.seconds = o.bytes / hw->dram_bytes_per_s;
            o.expected_seconds = kernel_time(hw, ROOF_FP16, ROOF_KERNEL_EMBED,
                                             o.flops, o.bytes,
                                             o.bytes / tokens, 0.0);
        }
        add_record(&r, &o, layers_of(m, &o));
    }
    ops_of(m, w, hw, count, 1, 0, ops, &n);
    const roof_op *lm = &ops[n - 1];
    assert_int_equal(lm->id, ROOF_OP_LM_HEAD);
    roof_op o = *lm;
    o.expected_seconds = kernel_time(hw, ROOF_FP16, ROOF_KERNEL_GEMM, o.flops,
                                     o.bytes, o.bytes / tokens, 0.0);
    add_record(&r, &o, 1.0);
    return r;
}

static void same_as_ref(const roof_step_result *s, const ref *r)
{
    NEAR(s->seconds, r->seconds);
    NEAR(s->expected_seconds, r->expected);
    NEAR(s->flops, r->flops);
    NEAR(s->bytes, r->bytes);
    NEAR(s->weight_bytes, r->weight);
    NEAR(s->act_bytes, r->act);
    NEAR(s->kv_bytes, r->kv);
    NEAR(s->comm_bytes, r->comm);
}

static void mixed_case(const char *name, const char *dev, uint32_t tp,
                       uint32_t attention, uint32_t seed)
{
    const roof_model m = model(name);
    const roof_hardware hw = device(dev);
    const roof_workload w = widths(tp, attention);
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    for (uint32_t round = 0; round < 12; round++) {
        roof_seq seqs[40];
        const uint32_t count = 1 + lcg(&seed) % 40;
        for (uint32_t i = 0; i < count; i++) {
            const uint32_t kind = lcg(&seed) % 4;
            seqs[i].new_tokens = kind == 0 ? 1 + lcg(&seed) % 700
                                 : kind == 1 ? 2 + lcg(&seed) % 6 : 1;
            seqs[i].cached_tokens = kind == 0 && lcg(&seed) % 2
                                        ? 0 : lcg(&seed) % 9000;
        }
        roof_step_result s;
        assert_int_equal(roof_plan_step_mixed(p, seqs, count, &s), ROOF_OK);
        const ref r = reference(&m, &w, &hw, seqs, count);
        same_as_ref(&s, &r);
        assert_int_equal(s.sequences, count);
    }
    test_free(p);
}

/* Edges by hand-picked steps: decodes with no cache and one cached token
 * (a recurrent state is read only with a cache), chunks of 2 and 3, at a
 * window's edge, and past a scan chunk. */
static void mixed_edges(const char *name, const char *dev, uint32_t tp)
{
    const roof_model m = model(name);
    const roof_hardware hw = device(dev);
    const roof_workload w = widths(tp, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    const roof_seq seqs[8] = {{1, 0},   {1, 1},   {1, 127}, {2, 0},
                              {3, 1},   {300, 0}, {2, 127}, {1, 8192}};
    for (uint32_t count = 1; count <= 8; count++) {
        roof_step_result s;
        assert_int_equal(roof_plan_step_mixed(p, seqs, count, &s), ROOF_OK);
        const ref r = reference(&m, &w, &hw, seqs, count);
        same_as_ref(&s, &r);
    }
    test_free(p);
}

static void mixed_matches_reference(void **state)
{
    (void)state;
    mixed_edges("nemotron-h-8b", "h100-sxm", 1);
    mixed_edges("qwen3-next-80b-a3b", "h200", 2);
    mixed_edges("gpt-oss-20b", "h100-sxm", 1);
    mixed_edges("llama-4-scout", "h200", 1);
    mixed_case("llama-2-13b", "a6000", 1, ROOF_ATTN_FUSED, 1);
    mixed_case("llama-2-13b", "a6000", 1, ROOF_ATTN_UNFUSED, 2);
    mixed_case("llama-3.1-70b", "h100-sxm", 8, ROOF_ATTN_FUSED, 3);
    mixed_case("mistral-7b", "a100-80gb-sxm", 2, ROOF_ATTN_FUSED, 4);
    mixed_case("mixtral-8x7b", "h100-sxm", 2, ROOF_ATTN_UNFUSED, 5);
    mixed_case("gpt-3-175b", "h100-sxm", 8, ROOF_ATTN_FUSED, 6);
    /* layer groups: windows per group with sinks, local:global windows
     * with QK-norm, chunked attention beside full (the chunk is crossed:
     * cached lengths reach 9000 of 8192) */
    mixed_case("gpt-oss-120b", "h100-sxm", 1, ROOF_ATTN_FUSED, 7);
    mixed_case("gpt-oss-20b", "h200", 2, ROOF_ATTN_UNFUSED, 8);
    mixed_case("gemma-3-27b", "h100-sxm", 2, ROOF_ATTN_FUSED, 9);
    mixed_case("llama-4-maverick", "h200", 8, ROOF_ATTN_FUSED, 10);
    mixed_case("llama-4-maverick", "h100-sxm", 8, ROOF_ATTN_UNFUSED, 11);
    /* MLA: absorbed decodes and decompressed prefills in one step */
    mixed_case("deepseek-v3", "h200", 8, ROOF_ATTN_FUSED, 12);
    mixed_case("deepseek-v3", "h100-sxm", 8, ROOF_ATTN_UNFUSED, 13);
    mixed_case("kimi-k2", "h200", 8, ROOF_ATTN_FUSED, 14);
    /* recurrent mixers beside attention and MLP-only layers */
    mixed_case("nemotron-h-8b", "h100-sxm", 1, ROOF_ATTN_FUSED, 15);
    mixed_case("nemotron-h-8b", "h200", 2, ROOF_ATTN_UNFUSED, 16);
    mixed_case("qwen3-next-80b-a3b", "h200", 8, ROOF_ATTN_FUSED, 17);
    mixed_case("qwen3-next-80b-a3b", "h100-sxm", 2, ROOF_ATTN_UNFUSED, 18);
}

/* B identical sequences are the uniform step. */
static void mixed_of_identical_is_uniform(void **state)
{
    (void)state;
    const roof_model m = model("gpt-3-175b");
    const roof_hardware hw = device("h100-sxm");
    const roof_workload w = widths(8, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    roof_seq seqs[5];
    for (int i = 0; i < 5; i++)
        seqs[i] = (roof_seq){16, 300};
    roof_step_result a, b;
    assert_int_equal(roof_plan_step_mixed(p, seqs, 5, &a), ROOF_OK);
    assert_int_equal(roof_plan_step(p, 5, 16, 300, &b), ROOF_OK);
    NEAR(a.seconds, b.seconds);
    NEAR(a.expected_seconds, b.expected_seconds);
    NEAR(a.flops, b.flops);
    NEAR(a.bytes, b.bytes);
    assert_int_equal(a.dominant_op, b.dominant_op);
    test_free(p);
}

/* The same with layer groups: windows per group, and chunks crossed. */
static void mixed_of_identical_is_uniform_grouped(void **state)
{
    (void)state;
    static const char *const names[] = {"gpt-oss-20b", "llama-4-maverick"};
    const roof_hardware hw = device("h200");
    const roof_workload w = widths(1, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p);
    for (size_t i = 0; i < 2; i++) {
        const roof_model m = model(names[i]);
        assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
        roof_seq seqs[3] = {{9, 8190}, {9, 8190}, {9, 8190}};
        roof_step_result a, b;
        assert_int_equal(roof_plan_step_mixed(p, seqs, 3, &a), ROOF_OK);
        assert_int_equal(roof_plan_step(p, 3, 9, 8190, &b), ROOF_OK);
        NEAR(a.seconds, b.seconds);
        NEAR(a.expected_seconds, b.expected_seconds);
        NEAR(a.flops, b.flops);
        NEAR(a.kv_bytes, b.kv_bytes);
        assert_int_equal(a.dominant_op, b.dominant_op);
        for (int k = 0; k < 3; k++)
            seqs[k] = (roof_seq){1, 9000};
        assert_int_equal(roof_plan_step_mixed(p, seqs, 3, &a), ROOF_OK);
        assert_int_equal(roof_plan_step(p, 3, 1, 9000, &b), ROOF_OK);
        NEAR(a.expected_seconds, b.expected_seconds);
        NEAR(a.kv_bytes, b.kv_bytes);
    }
    test_free(p);
}

/* ROOF_LOGITS_ALL: lm_head on every new token, 2 H V FLOPs each. */
static void logits_of_every_token(void **state)
{
    (void)state;
    const roof_model m = model("llama-2-13b");
    const roof_hardware hw = device("a6000");
    const roof_workload w = widths(1, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    roof_step_result last, all;
    assert_int_equal(roof_plan_step(p, 3, 5, 100, &last), ROOF_OK);
    p->logits = ROOF_LOGITS_ALL;
    assert_int_equal(roof_plan_step(p, 3, 5, 100, &all), ROOF_OK);
    /* 15 rows instead of 3: 12 x 2 x 5120 x 32000 more FLOPs */
    NEAR(all.flops - last.flops, 12.0 * 2.0 * 5120.0 * 32000.0);
    const roof_seq seqs[2] = {{4, 10}, {1, 50}};
    roof_step_result mixed;
    assert_int_equal(roof_plan_step_mixed(p, seqs, 2, &mixed), ROOF_OK);
    p->logits = ROOF_LOGITS_LAST;
    assert_int_equal(roof_plan_step_mixed(p, seqs, 2, &last), ROOF_OK);
    NEAR(mixed.flops - last.flops, 3.0 * 2.0 * 5120.0 * 32000.0);
    /* gpt-oss-20b: hidden 2880, vocab 201088 */
    const roof_model oss = model("gpt-oss-20b");
    assert_int_equal(roof_plan_init(&oss, &w, &hw, NULL, p), ROOF_OK);
    assert_int_equal(roof_plan_step_mixed(p, seqs, 2, &last), ROOF_OK);
    p->logits = ROOF_LOGITS_ALL;
    assert_int_equal(roof_plan_step_mixed(p, seqs, 2, &all), ROOF_OK);
    NEAR(all.flops - last.flops, 3.0 * 2.0 * 2880.0 * 201088.0);
    test_free(p);
}

/* A NULL profile is the built-in one; another profile's overhead shows. */
static void calibration_choice(void **state)
{
    (void)state;
    const roof_model m = model("llama-2-7b");
    const roof_hardware hw = device("a100-80gb-sxm");
    const roof_workload w = widths(1, ROOF_ATTN_FUSED);
    roof_calibration cal;
    assert_int_equal(roof_calibration_builtin(&hw, &cal), ROOF_OK);
    roof_plan *a = test_malloc(sizeof *a), *b = test_malloc(sizeof *b);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, a), ROOF_OK);
    assert_int_equal(roof_plan_init(&m, &w, &hw, &cal, b), ROOF_OK);
    assert_memory_equal(&a->calibration, &cal, sizeof cal);
    roof_step_result ra, rb;
    assert_int_equal(roof_plan_step(a, 8, 1, 2000, &ra), ROOF_OK);
    assert_int_equal(roof_plan_step(b, 8, 1, 2000, &rb), ROOF_OK);
    assert_memory_equal(&ra, &rb, sizeof ra);
    cal.step_overhead_seconds = 0.004;
    assert_int_equal(roof_plan_init(&m, &w, &hw, &cal, b), ROOF_OK);
    assert_int_equal(roof_plan_step(b, 8, 1, 2000, &rb), ROOF_OK);
    assert_true(rb.overhead_seconds == 0.004);
    assert_true(rb.expected_seconds == ra.expected_seconds);
    test_free(a);
    test_free(b);
}

/* A chunk sized beside decodes on a grouped plan (the plan's extra
 * sequence): the chunk found fits the budget, one more token does not. */
static void grouped_chunk_sizing(void **state)
{
    (void)state;
    const roof_model m = model("gpt-oss-120b");
    const roof_hardware hw = device("h100-sxm");
    const roof_workload w = widths(1, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    roof_seq seqs[9];
    for (int i = 0; i < 8; i++)
        seqs[i] = (roof_seq){1, 1000u + 900u * (uint32_t)i};
    uint32_t chunk;
    roof_step_result at, r;
    assert_int_equal(roof_plan_max_chunk(p, seqs, 8, 300, 0.030,
                                         ROOF_BASIS_BOUND, &chunk, &at),
                     ROOF_OK);
    seqs[8] = (roof_seq){chunk, 300};
    assert_int_equal(roof_plan_step_mixed(p, seqs, 9, &r), ROOF_OK);
    assert_true(r.seconds <= 0.030);
    NEAR(r.seconds, at.seconds);
    seqs[8].new_tokens = chunk + 1;
    assert_int_equal(roof_plan_step_mixed(p, seqs, 9, &r), ROOF_OK);
    assert_true(r.seconds > 0.030);
    test_free(p);
}

/* ---- bad input: a status, and nothing written -------------------------- */

static void init_errors(void **state)
{
    (void)state;
    roof_model m = model("llama-2-13b");
    roof_hardware hw = device("a6000");
    roof_workload w = widths(1, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p), *q = test_malloc(sizeof *q);
    memset(p, 0x5a, sizeof *p);
    memcpy(q, p, sizeof *p);
    assert_int_equal(roof_plan_init(NULL, &w, &hw, NULL, p), ROOF_E_NULL);
    assert_int_equal(roof_plan_init(&m, NULL, &hw, NULL, p), ROOF_E_NULL);
    assert_int_equal(roof_plan_init(&m, &w, NULL, NULL, p), ROOF_E_NULL);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, NULL), ROOF_E_NULL);
    w.batch = 0; /* ignored */
    w.tensor_parallel = 3; /* 40 heads do not split over 3 */
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_E_INVALID);
    w.tensor_parallel = 0;
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_E_RANGE);
    w.tensor_parallel = 2;
    const roof_hardware l4 = device("l4"); /* no interconnect */
    assert_int_equal(roof_plan_init(&m, &w, &l4, NULL, p),
                     ROOF_E_UNSUPPORTED);
    w.tensor_parallel = 1;
    roof_calibration cal;
    const roof_hardware h100 = device("h100-sxm"); /* a fitted profile */
    assert_int_equal(roof_calibration_builtin(&h100, &cal), ROOF_OK);
    assert_int_equal(roof_plan_init(&m, &w, &hw, &cal, p), ROOF_E_MISMATCH);
    cal.kind[0].memory_fraction = -1.0;
    assert_int_not_equal(roof_plan_init(&m, &w, &hw, &cal, p), ROOF_OK);
    m.heads = 0;
    assert_int_not_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    /* eight groups of eight dense widths: more distinct operators than a
     * plan holds */
    m = model("llama-2-13b");
    m.group_count = 8;
    for (uint32_t g = 0; g < 8; g++)
        m.groups[g] = (roof_layer_group){5, ROOF_MIXER_ATTENTION, 0,
                                         ROOF_GROUP_MLP_DENSE,
                                         1000u + 64u * g, {0, 0, 0}};
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p),
                     ROOF_E_UNSUPPORTED);
    /* MLA layers beside plain attention ones: two attention operator sets
     * the plan does not hold at once */
    m = model("deepseek-v3");
    m.groups[1].mixer = ROOF_MIXER_ATTENTION;
    assert_int_equal(roof_model_validate(&m), ROOF_OK);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p),
                     ROOF_E_UNSUPPORTED);
    m = model("llama-2-13b");
    hw.dram_bytes_per_s = -1.0;
    assert_int_not_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    assert_memory_equal(p, q, sizeof *p);
    test_free(p);
    test_free(q);
}

static void step_errors(void **state)
{
    (void)state;
    const roof_model m = model("llama-2-13b");
    const roof_hardware hw = device("a6000");
    const roof_workload w = widths(1, ROOF_ATTN_FUSED);
    roof_plan *p = test_malloc(sizeof *p);
    assert_int_equal(roof_plan_init(&m, &w, &hw, NULL, p), ROOF_OK);
    roof_step_result r, before;
    memset(&r, 0x5a, sizeof r);
    before = r;
    const roof_seq ok[2] = {{1, 10}, {5, 0}};
    assert_int_equal(roof_plan_step(NULL, 1, 1, 0, &r), ROOF_E_NULL);
    assert_int_equal(roof_plan_step(p, 1, 1, 0, NULL), ROOF_E_NULL);
    assert_int_equal(roof_plan_step(p, 0, 1, 0, &r), ROOF_E_RANGE);
    assert_int_equal(roof_plan_step(p, 1, 0, 0, &r), ROOF_E_RANGE);
    assert_int_equal(roof_plan_step(p, 65536, 65536, 0, &r),
                     ROOF_E_OVERFLOW);
    assert_int_equal(roof_plan_step_mixed(NULL, ok, 2, &r), ROOF_E_NULL);
    assert_int_equal(roof_plan_step_mixed(p, NULL, 2, &r), ROOF_E_NULL);
    assert_int_equal(roof_plan_step_mixed(p, ok, 2, NULL), ROOF_E_NULL);
    assert_int_equal(roof_plan_step_mixed(p, ok, 0, &r), ROOF_E_RANGE);
    const roof_seq zero[2] = {{1, 10}, {0, 5}};
    assert_int_equal(roof_plan_step_mixed(p, zero, 2, &r), ROOF_E_RANGE);
    const roof_seq big[2] = {{UINT32_MAX, 0}, {1, 0}};
    assert_int_equal(roof_plan_step_mixed(p, big, 2, &r), ROOF_E_OVERFLOW);
    p->logits = 2;
    assert_int_equal(roof_plan_step(p, 1, 1, 0, &r), ROOF_E_INVALID);
    assert_int_equal(roof_plan_step_mixed(p, ok, 2, &r), ROOF_E_INVALID);
    p->logits = ROOF_LOGITS_LAST;
    p->tag ^= 1u; /* another build's plan */
    assert_int_equal(roof_plan_step(p, 1, 1, 0, &r), ROOF_E_INVALID);
    assert_int_equal(roof_plan_step_mixed(p, ok, 2, &r), ROOF_E_INVALID);
    assert_memory_equal(&r, &before, sizeof r);
    p->tag ^= 1u;
    assert_int_equal(roof_plan_step_mixed(p, ok, 2, &r), ROOF_OK);
    assert_true(r.tokens == 6.0);
    /* the same checks on a plan with layer groups */
    const roof_model oss = model("gpt-oss-20b");
    assert_int_equal(roof_plan_init(&oss, &w, &hw, NULL, p), ROOF_OK);
    before = r;
    assert_int_equal(roof_plan_step_mixed(p, zero, 2, &r), ROOF_E_RANGE);
    assert_int_equal(roof_plan_step_mixed(p, big, 2, &r), ROOF_E_OVERFLOW);
    assert_int_equal(roof_plan_step(p, 65536, 65536, 0, &r),
                     ROOF_E_OVERFLOW);
    assert_memory_equal(&r, &before, sizeof r);
    test_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uniform_equals_step),
        cmocka_unit_test(uniform_window_and_positions),
        cmocka_unit_test(mixed_matches_reference),
        cmocka_unit_test(mixed_of_identical_is_uniform),
        cmocka_unit_test(mixed_of_identical_is_uniform_grouped),
        cmocka_unit_test(grouped_chunk_sizing),
        cmocka_unit_test(logits_of_every_token),
        cmocka_unit_test(calibration_choice),
        cmocka_unit_test(init_errors),
        cmocka_unit_test(step_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
