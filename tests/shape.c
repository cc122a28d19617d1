/* Tests of lib/shape.c: the one shape layer ties the parameter counts, the
 * weights and K/V bytes of roof_ops and the memory of the estimates
 * together, across every preset and every tensor-parallel degree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "shape-priv.h"

static void eq_(double got, double want, const char *what, int line)
{
    if (!(got == want)) {
        print_error("line %d: %s = %.17g, want %.17g\n", line, what, got,
                    want);
        fail();
    }
}
#define EQ(got, want) eq_((got), (want), #got, __LINE__)

#define MAX_TP 64u

static roof_hardware h100(void)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find("h100-sxm", &hw), ROOF_OK);
    assert_true(hw.interconnect_bytes_per_s > 0.0);
    return hw;
}

/* The rule as docs/model.md states it, written out here by hand. */
static int rule(const roof_model *m, uint32_t t)
{
    if (m->heads % t != 0)
        return 0;
    if (m->ssm_heads > 0 && (m->ssm_heads % t != 0 || m->ssm_groups % t != 0))
        return 0; /* Mamba-2's heads and B/C groups split evenly */
    if (m->kv_heads >= t)
        return m->kv_heads % t == 0;
    return t % m->kv_heads == 0;
}

static void test_tp_rule_is_one_rule(void **state)
{
    (void)state;
    const roof_hardware hw = h100();
    for (uint32_t i = 0; i < roof_model_count(); i++) {
        roof_model m;
        assert_int_equal(roof_model_get(i, &m), ROOF_OK);
        for (uint32_t t = 1; t <= MAX_TP; t++) {
            const int ok = rule(&m, t);
            roof__shape sh = {0};
            assert_int_equal(roof__shape_tp_ok(&m, t), ok);
            assert_int_equal(roof__shape_init(&m, t, &sh),
                             ok ? ROOF_OK : ROOF_E_INVALID);
            assert_int_equal(roof_model_shardable(&m, t),
                             ok ? ROOF_OK : ROOF_E_INVALID);
            roof_workload w;
            assert_int_equal(roof_workload_decode(1, 100, &w), ROOF_OK);
            w.tensor_parallel = t;
            roof_totals tot;
            assert_int_equal(roof_step(&m, &w, &hw, NULL, &tot),
                             ok ? ROOF_OK : ROOF_E_INVALID);
            roof_request r;
            assert_int_equal(roof_request_init(1, 100, 10, &r), ROOF_OK);
            r.workload.tensor_parallel = t;
            roof_memory mem;
            assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem),
                             ok ? ROOF_OK : ROOF_E_INVALID);
        }
    }
}

static void test_shardable_errors(void **state)
{
    (void)state;
    roof_model m;
    assert_int_equal(roof_model_find("llama-2-70b", &m), ROOF_OK);
    assert_int_equal(roof_model_shardable(NULL, 1), ROOF_E_NULL);
    assert_int_equal(roof_model_shardable(&m, 0), ROOF_E_RANGE);
    assert_int_equal(roof__shape_tp_ok(&m, 0), 0);
    assert_int_equal(roof_model_shardable(&m, 16), ROOF_OK); /* K/V x2 */
    assert_int_equal(roof_model_shardable(&m, 12), ROOF_E_INVALID);
    m.hidden = 0;
    assert_int_equal(roof_model_shardable(&m, 1), ROOF_E_RANGE);
}

/* Parameters stored on t devices beyond one copy of the model, by hand:
 * the replicated router and norms, the K/V heads replicated up to one per
 * device, and the widths rounded up to a multiple of t. */
static double layer_extra(const roof_model *m, double t)
{
    const double h = m->hidden, mats = m->mlp == ROOF_MLP_GATED ? 3 : 2;
    const double norms = (m->norm == ROOF_NORM_LAYER ? 4.0 : 2.0) * h;
    const double dense = (double)m->intermediate
                         + (double)m->shared_experts * m->shared_intermediate;
    const double tu = t;
    double extra = (tu - 1.0) * (norms + h * m->experts);
    if (m->attn_extras & ROOF_EXTRA_QK_NORM) /* q and k gains: replicated */
        extra += (tu - 1.0) * 2.0 * m->head_dim;
    if (m->kv_heads < t)
        extra += 2.0 * h * m->head_dim * (tu - m->kv_heads);
    const uint32_t ti = (uint32_t)t;
    extra += mats * h * ((double)((uint64_t)(dense + tu - 1) / ti) * tu
                         - dense);
    const double e = m->expert_intermediate;
    extra += m->experts * mats * h
             * ((double)((uint64_t)(e + tu - 1) / ti) * tu - e);
    return extra;
}

static double model_extra(const roof_model *m, double t)
{
    const double h = m->hidden;
    const double rows = (double)(((uint64_t)m->vocab + (uint64_t)t - 1)
                                 / (uint64_t)t);
    const double ends = m->tied_embeddings ? 1.0 : 2.0;
    double extra = ends * h * (rows * t - m->vocab);
    extra += (t - 1.0) * (m->norm == ROOF_NORM_LAYER ? 2.0 : 1.0) * h;
    if (m->position == ROOF_POS_LEARNED)
        extra += (t - 1.0) * (double)m->max_context * h;
    return extra;
}

/* One device's weights x t == the parameter count at 16 bits plus what
 * the replication rule stores again. */
static void weights_agree(const roof_model *m, const roof_hardware *hw,
                          uint32_t t)
{
    roof_model_params p;
    assert_int_equal(roof_model_param_count(m, &p), ROOF_OK);
    roof__shape one = {0}, sh = {0};
    assert_int_equal(roof__shape_init(m, 1, &one), ROOF_OK);
    assert_int_equal(roof__shape_init(m, t, &sh), ROOF_OK);
    roof_request r;
    assert_int_equal(roof_request_init(1, 64, 1, &r), ROOF_OK);
    r.workload.tensor_parallel = t;
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(m, hw, &r, &mem), ROOF_OK);
    if (m->group_count > 0) {
        /* Layer groups: on one device the 16-bit weights are exactly the
         * parameters twice; sharding only adds copies. */
        if (t == 1)
            EQ(mem.weight_bytes, 2.0 * p.total);
        assert_true(t * mem.weight_bytes >= 2.0 * p.total);
        return;
    }
    EQ(roof__shape_layer_params(&one), p.per_layer);
    EQ(roof__shape_layer_active_params(&one), p.active_per_layer);
    EQ(t * roof__shape_layer_params(&sh),
       p.per_layer + layer_extra(m, t));
    EQ(t * mem.weight_bytes,
       2.0 * (p.total + m->layers * layer_extra(m, t) + model_extra(m, t)));
}

/* One layer of each group, as roof_step's `layer` sums them. */
static double group_layer_bytes(const roof_model *m, const roof__shape *sh,
                                const roof__wbytes *wq, double ab)
{
    double sum = 0.0;
    for (uint32_t g = 0; g < roof__shape_group_count(m); g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, sh, g, &gs);
        sum += roof__shape_group_bytes(&gs, wq, ab);
    }
    return sum;
}

/* The cache of `batch` sequences of `tokens`: each group keeps at most its
 * window (or chunk) of tokens. */
static double group_kv(const roof_model *m, const roof__shape *sh,
                       double batch, double tokens, double kb)
{
    double sum = 0.0;
    for (uint32_t g = 0; g < roof__shape_group_count(m); g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, sh, g, &gs);
        const double held = gs.window > 0 && gs.window < tokens ? gs.window
                                                                : tokens;
        sum += batch * held * gs.layers * gs.kv_elems_per_token * kb;
        sum += batch * gs.layers * gs.state_elems_per_seq * kb;
    }
    return sum;
}

/* roof_ops' layer weight bytes are the shape's, when the step touches
 * every expert (65,536 tokens: (1 - k/E)^T is 0 in doubles). */
static void ops_agree(const roof_model *m, const roof_hardware *hw,
                      uint32_t t)
{
    roof__shape sh = {0};
    assert_int_equal(roof__shape_init(m, t, &sh), ROOF_OK);
    roof_workload w;
    assert_int_equal(roof_workload_prefill(1, 65536, &w), ROOF_OK);
    w.tensor_parallel = t;
    w.weight_bits = 4;
    roof_totals tot;
    assert_int_equal(roof_step(m, &w, hw, NULL, &tot), ROOF_OK);
    /* 4-bit layers and experts where the model sets no format. */
    roof__wbytes wb;
    roof__shape_wbytes(m, &w, &wb);
    if ((m->formats_set & ROOF_MODULE_LAYERS) == 0)
        EQ(wb.layers, 0.5);
    if ((m->formats_set & ROOF_MODULE_EXPERTS) == 0)
        EQ(wb.experts, 0.5);
    EQ(tot.layer.weight_bytes, group_layer_bytes(m, &sh, &wb, 2.0));
    if (m->group_count == 0)
        EQ(tot.layer.weight_bytes, roof__shape_layer_bytes(&sh, &wb, 2.0));
    /* A fused decode reads the cache and appends one token: per layer
     * B (c + 1) x the shape's K/V elements per token. */
    assert_int_equal(roof_workload_decode(3, 1000, &w), ROOF_OK);
    w.tensor_parallel = t;
    w.attention = ROOF_ATTN_FUSED;
    w.kv_bits = 8;
    assert_int_equal(roof_step(m, &w, hw, NULL, &tot), ROOF_OK);
    const double per_token = roof__shape_kv_bytes_per_token(&sh, 1.0, 1.0);
    EQ(per_token, 2.0 * sh.kv_heads * m->head_dim);
    if (m->sliding_window == 0 && m->group_count == 0)
        EQ(tot.layer.kv_bytes, 3.0 * 1001.0 * per_token);
}

/* The estimate's cache is the shape's K/V per token x tokens. */
static void estimate_agrees(const roof_model *m, const roof_hardware *hw,
                            uint32_t t)
{
    roof__shape sh = {0};
    assert_int_equal(roof__shape_init(m, t, &sh), ROOF_OK);
    roof_request r;
    assert_int_equal(roof_request_init(2, 1000, 24, &r), ROOF_OK);
    r.workload.tensor_parallel = t;
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(m, hw, &r, &mem), ROOF_OK);
    EQ(mem.kv_bytes, group_kv(m, &sh, 2.0, 1024.0, 2.0));
    if (m->sliding_window == 0 && m->group_count == 0)
        EQ(mem.kv_bytes, 2.0 * 1024.0
                         * roof__shape_kv_bytes_per_token(&sh, m->layers,
                                                          2.0));
}

/* A preset with its own formats: one device holds the module bytes
 * roof__shape_model_bytes sums (every module set, so the workload's 16
 * bits play no part), and the by-module figures add up. */
static void own_formats_agree(const roof_model *m, const roof_hardware *hw,
                              uint32_t t)
{
    if (m->formats_set == 0 || t > 1)
        return;
    assert_int_equal(m->formats_set,
                     m->tied_embeddings ? ROOF_MODULE_ALL - ROOF_MODULE_LM_HEAD
                                        : ROOF_MODULE_ALL);
    roof__model_bytes b;
    roof__shape_model_bytes(m, &b);
    roof_request r;
    assert_int_equal(roof_request_init(1, 64, 1, &r), ROOF_OK);
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(m, hw, &r, &mem), ROOF_OK);
    const double diff = mem.weight_bytes - b.total;
    assert_true(diff <= 1e-12 * b.total && -diff <= 1e-12 * b.total);
    EQ(b.total, b.layers + b.experts + b.embedding + b.lm_head + b.norms);
}

static void test_every_preset_and_degree(void **state)
{
    (void)state;
    const roof_hardware hw = h100();
    for (uint32_t i = 0; i < roof_model_count(); i++) {
        roof_model m;
        assert_int_equal(roof_model_get(i, &m), ROOF_OK);
        for (uint32_t t = 1; t <= MAX_TP; t++) {
            if (!rule(&m, t))
                continue;
            own_formats_agree(&m, &hw, t);
            roof_model plain = m; /* at the workload's 16 bits */
            plain.formats_set = plain.format_layers = 0;
            plain.format_experts = plain.format_embedding = 0;
            plain.format_lm_head = 0;
            weights_agree(&plain, &hw, t);
            ops_agree(&m, &hw, t);
            estimate_agrees(&m, &hw, t);
        }
    }
}

/* Llama-2-70B on 16 devices, by hand: 64 heads -> 4, 8 K/V heads -> one
 * replicated each, 28672 -> 1792, 32000 vocab rows -> 2000. */
static void test_llama_2_70b_on_16(void **state)
{
    (void)state;
    roof_model m;
    assert_int_equal(roof_model_find("llama-2-70b", &m), ROOF_OK);
    roof__shape sh = {0};
    assert_int_equal(roof__shape_init(&m, 16, &sh), ROOF_OK);
    EQ(sh.heads, 4.0);
    EQ(sh.kv_heads, 1.0);
    EQ(sh.q_width, 512.0);
    EQ(sh.kv_width, 128.0);
    EQ(sh.dense, 1792.0);
    EQ(sh.vocab_rows, 2000.0);
    EQ(sh.attn_params, 8192.0 * (2.0 * 512.0 + 2.0 * 128.0));
    EQ(sh.dense_params, 3.0 * 8192.0 * 1792.0);
    EQ(sh.kv_elems_per_token, 256.0);
    EQ(sh.state_elems_per_seq, 0.0);
    EQ(roof__shape_layer_params(&sh),
       8192.0 * 1280.0 + 3.0 * 8192.0 * 1792.0 + 2.0 * 8192.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tp_rule_is_one_rule),
        cmocka_unit_test(test_shardable_errors),
        cmocka_unit_test(test_every_preset_and_degree),
        cmocka_unit_test(test_llama_2_70b_on_16),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
