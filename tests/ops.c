/* Tests of lib/ops.c: every operator's FLOPs and bytes against values
 * derived by hand (the arithmetic is in the comments), the roofline of
 * each operator, totals, invariants over sweeps, and every error path. */
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

static void near_(double got, double want, double rel, const char *what,
                  int line)
{
    if (!(fabs(got - want) <= rel * fabs(want))) {
        print_error("line %d: %s = %.17g, want %.17g (rel %.3g)\n", line,
                    what, got, want, rel);
        fail();
    }
}
#define NEAR(got, want, rel) near_((got), (want), (rel), #got, __LINE__)

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

static roof_workload prefill(uint32_t batch, uint32_t seq)
{
    roof_workload w;
    assert_int_equal(roof_workload_prefill(batch, seq, &w), ROOF_OK);
    return w;
}

static roof_workload decode(uint32_t batch, uint32_t cached)
{
    roof_workload w;
    assert_int_equal(roof_workload_decode(batch, cached, &w), ROOF_OK);
    return w;
}

/* A run of roof_ops with its outputs. */
typedef struct run {
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n;
    roof_totals t;
} run;

static void ops_on(const roof_model *m, const roof_workload *w,
                   const roof_hardware *hw, run *r)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(roof_ops(m, w, hw, NULL, r->ops, ROOF_MAX_OPS, &r->n,
                              &r->t),
                     ROOF_OK);
}

static void ops_a6000(const char *name, const roof_workload *w, run *r)
{
    roof_model m = model(name);
    roof_hardware hw = device("a6000");
    ops_on(&m, w, &hw, r);
}

static int has(const run *r, uint32_t id)
{
    for (uint32_t i = 0; i < r->n; i++) {
        if (r->ops[i].id == id)
            return 1;
    }
    return 0;
}

/* The op `id` of a run; fails the test when it is absent. */
static const roof_op *find(const run *r, uint32_t id)
{
    static const roof_op none;
    for (uint32_t i = 0; i < r->n; i++) {
        if (r->ops[i].id == id)
            return &r->ops[i];
    }
    print_error("no op %s\n", roof_op_name(id));
    fail();
    return &none;
}

/* Expected counts of one operator, in the order roof_ops lists them. */
typedef struct want {
    uint32_t id;
    double flops, weight, act_read, act_write, kv_read, kv_write;
} want;

static void check_ops(const run *r, const want *w, uint32_t n)
{
    assert_int_equal(r->n, n);
    for (uint32_t i = 0; i < n; i++) {
        const roof_op *o = &r->ops[i];
        if (o->id != w[i].id) {
            print_error("op %u is %s, want %s\n", i, roof_op_name(o->id),
                        roof_op_name(w[i].id));
            fail();
        }
        const double got[7] = {o->flops, o->weight_bytes, o->act_read_bytes,
                               o->act_write_bytes, o->kv_read_bytes,
                               o->kv_write_bytes, o->bytes};
        const double exp[7] = {w[i].flops, w[i].weight, w[i].act_read,
                               w[i].act_write, w[i].kv_read, w[i].kv_write,
                               w[i].weight + w[i].act_read + w[i].act_write
                                   + w[i].kv_read + w[i].kv_write};
        static const char *const what[7] = {"flops", "weight", "act_read",
                                            "act_write", "kv_read",
                                            "kv_write", "bytes"};
        for (int f = 0; f < 7; f++) {
            if (!(got[f] == exp[f])) {
                print_error("%s %s = %.17g, want %.17g\n",
                            roof_op_name(o->id), what[f], got[f], exp[f]);
                fail();
            }
        }
    }
}

static void check_gemm(const roof_op *o, double m, double n, double k,
                       double batch)
{
    assert_non_null(o);
    EQ(o->gemm_m, m);
    EQ(o->gemm_n, n);
    EQ(o->gemm_k, k);
    EQ(o->gemm_batch, batch);
    /* A GEMM's FLOPs are 2 m n k per product (pv: likewise). */
    if (o->id != ROOF_OP_ATTENTION)
        NEAR(o->flops, 2.0 * m * n * k * batch, 1e-12);
}

/* ---- names, workloads ------------------------------------------------- */

static void test_op_names(void **state)
{
    (void)state;
    assert_string_equal(roof_op_name(ROOF_OP_Q_PROJ), "q_proj");
    assert_string_equal(roof_op_name(ROOF_OP_QK_MATMUL), "qk_matmul");
    assert_string_equal(roof_op_name(ROOF_OP_ATTENTION), "attention");
    assert_string_equal(roof_op_name(ROOF_OP_EXPERT_DOWN_PROJ),
                        "expert_down_proj");
    assert_string_equal(roof_op_name(ROOF_OP_ALLREDUCE), "allreduce");
    assert_string_equal(roof_op_name(ROOF_OP_LM_HEAD), "lm_head");
    for (uint32_t i = 0; i < ROOF_OP_COUNT; i++) {
        assert_non_null(roof_op_name(i));
        for (uint32_t j = 0; j < i; j++)
            assert_string_not_equal(roof_op_name(i), roof_op_name(j));
    }
    assert_null(roof_op_name(ROOF_OP_COUNT));
    assert_null(roof_op_name(UINT32_MAX));
}

static void test_workload_helpers(void **state)
{
    (void)state;
    roof_workload w = prefill(4, 2048);
    assert_int_equal(w.batch, 4);
    assert_int_equal(w.new_tokens, 2048);
    assert_int_equal(w.cached_tokens, 0);
    assert_int_equal(w.weight_bits, 16);
    assert_int_equal(w.activation_bits, 16);
    assert_int_equal(w.kv_bits, 16);
    assert_int_equal(w.quant_group, 0);
    assert_int_equal(w.attention, ROOF_ATTN_UNFUSED);
    assert_int_equal(w.precision, ROOF_FP16);
    assert_int_equal(w.tensor_parallel, 1);
    assert_int_equal(roof_workload_validate(&w), ROOF_OK);
    w = decode(8, 4096);
    assert_int_equal(w.batch, 8);
    assert_int_equal(w.new_tokens, 1);
    assert_int_equal(w.cached_tokens, 4096);
    assert_int_equal(roof_workload_validate(&w), ROOF_OK);
    w = decode(1, 0); /* the very first decode step after an empty cache */
    assert_int_equal(w.cached_tokens, 0);

    roof_workload s;
    memset(&s, 0x77, sizeof s);
    w = s;
    assert_int_equal(roof_workload_prefill(0, 16, &w), ROOF_E_RANGE);
    assert_int_equal(roof_workload_prefill(1, 0, &w), ROOF_E_RANGE);
    assert_int_equal(roof_workload_decode(0, 16, &w), ROOF_E_RANGE);
    assert_memory_equal(&w, &s, sizeof w);
    assert_int_equal(roof_workload_prefill(1, 1, NULL), ROOF_E_NULL);
    assert_int_equal(roof_workload_decode(1, 1, NULL), ROOF_E_NULL);
}

static void test_workload_validate_rejects(void **state)
{
    (void)state;
    assert_int_equal(roof_workload_validate(NULL), ROOF_E_NULL);
    const roof_workload ok = prefill(1, 128);
    static const struct {
        size_t offset;
        uint32_t value;
        int status;
    } bad[] = {
        {offsetof(roof_workload, batch), 0, ROOF_E_RANGE},
        {offsetof(roof_workload, new_tokens), 0, ROOF_E_RANGE},
        {offsetof(roof_workload, weight_bits), 0, ROOF_E_RANGE},
        {offsetof(roof_workload, weight_bits), 65, ROOF_E_RANGE},
        {offsetof(roof_workload, activation_bits), 0, ROOF_E_RANGE},
        {offsetof(roof_workload, kv_bits), 65, ROOF_E_RANGE},
        {offsetof(roof_workload, scale_bits), 65, ROOF_E_RANGE},
        {offsetof(roof_workload, tensor_parallel), 0, ROOF_E_RANGE},
        {offsetof(roof_workload, attention), 2, ROOF_E_INVALID},
        {offsetof(roof_workload, precision), ROOF_PRECISION_COUNT,
         ROOF_E_INVALID},
        {offsetof(roof_workload, reserved) + 8, 1, ROOF_E_INVALID},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        roof_workload w = ok;
        memcpy((char *)&w + bad[i].offset, &bad[i].value, sizeof(uint32_t));
        assert_int_equal(roof_workload_validate(&w), bad[i].status);
    }
}

/* ---- Llama 13B, the seed's model: dense, 16-bit, batch 1 ------------- */

/* T = 1024 tokens, H = 5120, 40 heads of 128, intermediate 13824, 2 bytes
 * per element.  A T x H activation is 1024 x 5120 x 2 = 10,485,760 B. */
#define A13 10485760.0
static void test_llama13b_prefill_1024(void **state)
{
    (void)state;
    roof_workload w = prefill(1, 1024);
    run r;
    ops_a6000("llama-13b", &w, &r);
    /* projections q,k,v,o: 2 x 1024 x 5120 x 5120 = 53,687,091,200 FLOPs,
     *   weights 5120 x 5120 x 2 = 52,428,800 B.
     * norms (RMS, 4 FLOPs/element): 4 x 1024 x 5120 = 20,971,520; the gain
     *   is 5120 x 2 = 10,240 B.
     * rope on q and k: 1024 x (5120 + 5120) = 10,485,760 elements x 3.
     * scores: 40 heads x 1024 x 1024 = 41,943,040 (full rectangle), written
     *   by qk at 2 B: 83,886,080 B; qk/pv: 2 x scores x 128
     *   = 10,737,418,240 FLOPs; softmax 5 x scores = 209,715,200.
     * new K (and V) go to the cache: 1024 x 5120 x 2 = A13 each.
     * MLP: 2 x 1024 x 5120 x 13824 = 144,955,146,240 FLOPs, weights
     *   5120 x 13824 x 2 = 141,557,760 B, T x 13824 x 2 = 28,311,552 B.
     * act (SiLU x up, 4 FLOPs): 4 x 14,155,776 = 56,623,104, reads two
     *   T x 13824 tensors = 56,623,104 B.
     * adds: 1024 x 5120 = 5,242,880 FLOPs, read 2 x A13.
     * lm_head: last token only: 2 x 5120 x 32000 = 327,680,000 FLOPs,
     *   weights 327,680,000 B, reads 10,240 B, writes 32000 x 2. */
    const double proj = 53687091200.0, pw = 52428800.0;
    const double mlp = 144955146240.0, mw = 141557760.0, mi = 28311552.0;
    const want expect[] = {
        {ROOF_OP_ATTN_NORM, 20971520.0, 10240.0, A13, A13, 0, 0},
        {ROOF_OP_Q_PROJ, proj, pw, A13, A13, 0, 0},
        {ROOF_OP_K_PROJ, proj, pw, A13, A13, 0, 0},
        {ROOF_OP_V_PROJ, proj, pw, A13, A13, 0, 0},
        {ROOF_OP_ROPE, 31457280.0, 0, 2 * A13, 2 * A13, 0, 0},
        {ROOF_OP_QK_MATMUL, 10737418240.0, 0, 2 * A13, 83886080.0, 0, A13},
        {ROOF_OP_SOFTMAX, 209715200.0, 0, 83886080.0, 83886080.0, 0, 0},
        {ROOF_OP_PV_MATMUL, 10737418240.0, 0, 83886080.0 + A13, A13, 0, A13},
        {ROOF_OP_O_PROJ, proj, pw, A13, A13, 0, 0},
        {ROOF_OP_ATTN_ADD, 5242880.0, 0, 2 * A13, A13, 0, 0},
        {ROOF_OP_MLP_NORM, 20971520.0, 10240.0, A13, A13, 0, 0},
        {ROOF_OP_GATE_PROJ, mlp, mw, A13, mi, 0, 0},
        {ROOF_OP_UP_PROJ, mlp, mw, A13, mi, 0, 0},
        {ROOF_OP_ACT, 56623104.0, 0, 2 * mi, mi, 0, 0},
        {ROOF_OP_DOWN_PROJ, mlp, mw, mi, A13, 0, 0},
        {ROOF_OP_MLP_ADD, 5242880.0, 0, 2 * A13, A13, 0, 0},
        {ROOF_OP_EMBED, 0, A13, 0, A13, 0, 0}, /* 1024 rows of 5120 x 2 */
        {ROOF_OP_FINAL_NORM, 20971520.0, 10240.0, A13, A13, 0, 0},
        {ROOF_OP_LM_HEAD, 327680000.0, 327680000.0, 10240.0, 64000.0, 0, 0},
    };
    check_ops(&r, expect, sizeof expect / sizeof expect[0]);
    check_gemm(find(&r, ROOF_OP_Q_PROJ), 1024, 5120, 5120, 1);
    check_gemm(find(&r, ROOF_OP_DOWN_PROJ), 1024, 5120, 13824, 1);
    check_gemm(find(&r, ROOF_OP_QK_MATMUL), 1024, 1024, 128, 40);
    check_gemm(find(&r, ROOF_OP_PV_MATMUL), 1024, 128, 1024, 40);
    check_gemm(find(&r, ROOF_OP_LM_HEAD), 1, 32000, 5120, 1);
    EQ(find(&r, ROOF_OP_SOFTMAX)->gemm_m, 0.0);
    for (uint32_t i = 0; i < r.n; i++) {
        assert_int_equal(r.ops[i].scope, i < 16 ? ROOF_SCOPE_LAYER
                                                : ROOF_SCOPE_MODEL);
        EQ(r.ops[i].comm_bytes, 0.0);
    }
    /* q_proj on the A6000 (154.8 TFLOP/s FP16, 768 GB/s): intensity
     * 53,687,091,200 / 73,400,320 = 731.4 FLOP/B, above the ridge of
     * 201.6: compute-bound, 53,687,091,200 / 154.8e12 = 346.8 us. */
    const roof_op *q = find(&r, ROOF_OP_Q_PROJ);
    assert_int_equal(q->roofline.bound, ROOF_BOUND_COMPUTE);
    NEAR(q->roofline.flops_per_byte, 53687091200.0 / 73400320.0, 1e-12);
    NEAR(q->roofline.seconds, 53687091200.0 / (84 * 1024 * 1.8e9), 1e-12);
    assert_int_equal(q->precision, ROOF_FP16);
    /* Elementwise work runs at the FP32 rate: 84 x 256 x 1.8 GHz. */
    const roof_op *sm = find(&r, ROOF_OP_SOFTMAX);
    assert_int_equal(sm->precision, ROOF_FP32);
    NEAR(sm->roofline.compute_seconds, 209715200.0 / (84 * 256 * 1.8e9),
         1e-12);
    assert_int_equal(sm->roofline.bound, ROOF_BOUND_MEMORY);
}

static void test_llama13b_decode_1024(void **state)
{
    (void)state;
    roof_workload w = decode(1, 1024);
    run r;
    ops_a6000("llama-13b", &w, &r);
    /* One new token (T = 1) on 1024 cached: a token's activation is
     * 5120 x 2 = 10,240 B.  Each sequence's query sees 1025 keys: 40 x 1025
     * = 41,000 scores (82,000 B).  K of the 1024 cached tokens:
     * 1024 x 5120 x 2 = 10,485,760 B, the same for V: the issue's
     * 2 x 1024 x 5120 x 2 per layer.  The new token's K comes from k_proj
     * (10,240 B read) and goes to the cache (10,240 B written). */
    const double a = 10240.0, kv = 10485760.0;
    const double proj = 2.0 * 5120 * 5120, pw = 52428800.0;
    const double mlp = 2.0 * 5120 * 13824, mw = 141557760.0, mi = 27648.0;
    const want expect[] = {
        {ROOF_OP_ATTN_NORM, 20480.0, 10240.0, a, a, 0, 0},
        {ROOF_OP_Q_PROJ, proj, pw, a, a, 0, 0},
        {ROOF_OP_K_PROJ, proj, pw, a, a, 0, 0},
        {ROOF_OP_V_PROJ, proj, pw, a, a, 0, 0},
        {ROOF_OP_ROPE, 30720.0, 0, 2 * a, 2 * a, 0, 0},
        {ROOF_OP_QK_MATMUL, 2.0 * 41000 * 128, 0, 2 * a, 82000.0, kv, a},
        {ROOF_OP_SOFTMAX, 5.0 * 41000, 0, 82000.0, 82000.0, 0, 0},
        {ROOF_OP_PV_MATMUL, 2.0 * 41000 * 128, 0, 82000.0 + a, a, kv, a},
        {ROOF_OP_O_PROJ, proj, pw, a, a, 0, 0},
        {ROOF_OP_ATTN_ADD, 5120.0, 0, 2 * a, a, 0, 0},
        {ROOF_OP_MLP_NORM, 20480.0, 10240.0, a, a, 0, 0},
        {ROOF_OP_GATE_PROJ, mlp, mw, a, mi, 0, 0},
        {ROOF_OP_UP_PROJ, mlp, mw, a, mi, 0, 0},
        {ROOF_OP_ACT, 4.0 * 13824, 0, 2 * mi, mi, 0, 0},
        {ROOF_OP_DOWN_PROJ, mlp, mw, mi, a, 0, 0},
        {ROOF_OP_MLP_ADD, 5120.0, 0, 2 * a, a, 0, 0},
        {ROOF_OP_EMBED, 0, a, 0, a, 0, 0},
        {ROOF_OP_FINAL_NORM, 20480.0, 10240.0, a, a, 0, 0},
        {ROOF_OP_LM_HEAD, 327680000.0, 327680000.0, a, 64000.0, 0, 0},
    };
    check_ops(&r, expect, sizeof expect / sizeof expect[0]);
    EQ(r.t.layer.kv_bytes, 2.0 * 1024 * 5120 * 2 + 2 * a);
    check_gemm(find(&r, ROOF_OP_QK_MATMUL), 1, 1025, 128, 40);
    check_gemm(find(&r, ROOF_OP_Q_PROJ), 1, 5120, 5120, 1);
    /* q_proj intensity 52,428,800 / 52,449,280 = 0.9996: memory-bound,
     * 52,449,280 B / 768 GB/s = 68.29 us. */
    const roof_op *q = find(&r, ROOF_OP_Q_PROJ);
    assert_int_equal(q->roofline.bound, ROOF_BOUND_MEMORY);
    NEAR(q->roofline.seconds, 52449280.0 / 768e9, 1e-12);
}

/* ---- GQA: Llama-2 70B ------------------------------------------------- */

static void test_llama2_70b_gqa_decode(void **state)
{
    (void)state;
    roof_workload w = decode(1, 4096);
    run r;
    ops_a6000("llama-2-70b", &w, &r);
    /* H = 8192, 64 query heads, 8 KV heads of 128: K/V width 1024.
     * k_proj: 2 x 8192 x 1024 = 16,777,216 FLOPs, same bytes of weights,
     *   reads 16,384 B, writes 2,048 B.
     * qk: 64 heads x 4097 keys = 262,208 scores: 67,125,248 FLOPs; K of
     *   the 4096 cached tokens read once per KV head:
     *   4096 x 8 x 128 x 2 = 8,388,608 B (not 64 heads' worth); reads q
     *   (16,384) and the new K (2,048); writes the scores 524,416 B and the
     *   new K to the cache 2,048 B. */
    const roof_op *k = find(&r, ROOF_OP_K_PROJ);
    EQ(k->flops, 16777216.0);
    EQ(k->weight_bytes, 16777216.0);
    EQ(k->act_read_bytes, 16384.0);
    EQ(k->act_write_bytes, 2048.0);
    check_gemm(k, 1, 1024, 8192, 1);
    const roof_op *qk = find(&r, ROOF_OP_QK_MATMUL);
    EQ(qk->flops, 67125248.0);
    EQ(qk->kv_read_bytes, 8388608.0);
    EQ(qk->kv_write_bytes, 2048.0);
    EQ(qk->act_read_bytes, 16384.0 + 2048.0);
    EQ(qk->act_write_bytes, 524416.0);
    check_gemm(qk, 1, 4097, 128, 64);
    EQ(find(&r, ROOF_OP_PV_MATMUL)->kv_read_bytes, 8388608.0);
    /* rope: q and k of one token: (8192 + 1024) x 3 FLOPs. */
    EQ(find(&r, ROOF_OP_ROPE)->flops, 3.0 * (8192 + 1024));
    /* GQA attention intensity ~ 64/8 = 8 query heads per K/V: 67,125,248 /
     * (8,388,608 + 18,432 + 524,416 + 2,048) = 7.50 FLOP/B. */
    NEAR(qk->roofline.flops_per_byte, 67125248.0 / 8933504.0, 1e-12);
}

/* ---- MoE: Mixtral 8x7B ------------------------------------------------ */

static void test_mixtral_experts_touched(void **state)
{
    (void)state;
    run r;
    roof_workload w = decode(1, 512);
    ops_a6000("mixtral-8x7b", &w, &r);
    /* 19 ops: no dense MLP; router + 4 expert ops instead. */
    assert_false(has(&r, ROOF_OP_GATE_PROJ));
    assert_false(has(&r, ROOF_OP_DOWN_PROJ));
    assert_int_equal(r.n, 16 + 1 + 3);
    /* One token, top-2 of 8: 8 x (1 - (6/8)^1) = 2 experts touched.
     * expert_gate_proj: 2 x (1 x 2) x 4096 x 14336 = 234,881,024 FLOPs;
     * weights 2 experts x 4096 x 14336 x 2 B = 234,881,024 B; reads the
     * token twice (2 x 8192 B), writes 2 x 14336 x 2 = 57,344 B. */
    const roof_op *g = find(&r, ROOF_OP_EXPERT_GATE_PROJ);
    EQ(g->flops, 234881024.0);
    EQ(g->weight_bytes, 234881024.0);
    EQ(g->act_read_bytes, 16384.0);
    EQ(g->act_write_bytes, 57344.0);
    check_gemm(g, 1, 14336, 4096, 2);
    const roof_op *d = find(&r, ROOF_OP_EXPERT_DOWN_PROJ);
    EQ(d->weight_bytes, 234881024.0);
    EQ(d->act_write_bytes, 2.0 * 8192);
    check_gemm(d, 1, 4096, 14336, 2);
    /* expert_act: 2 x 14336 elements x 4 FLOPs. */
    EQ(find(&r, ROOF_OP_EXPERT_ACT)->flops, 4.0 * 2 * 14336);
    /* router: 2 x 4096 x 8 FLOPs; weights 4096 x 8 x 2 B. */
    const roof_op *rt = find(&r, ROOF_OP_ROUTER);
    EQ(rt->flops, 65536.0);
    EQ(rt->weight_bytes, 65536.0);
    /* mlp_add sums residual + 2 expert outputs (2 adds) and weights them
     * (2 multiplies): 4 x 4096 FLOPs; reads 3 x 8192 B. */
    const roof_op *add = find(&r, ROOF_OP_MLP_ADD);
    EQ(add->flops, 4.0 * 4096);
    EQ(add->act_read_bytes, 3.0 * 8192);

    /* Two tokens: 8 x (1 - (3/4)^2) = 3.5 experts expected. */
    w = decode(2, 512);
    ops_a6000("mixtral-8x7b", &w, &r);
    g = find(&r, ROOF_OP_EXPERT_UP_PROJ);
    EQ(g->weight_bytes, 3.5 * 4096 * 14336 * 2);
    EQ(g->flops, 2.0 * 4 * 4096 * 14336); /* FLOPs scale with T k = 4 */
    EQ(g->gemm_batch, 3.5);
    EQ(g->gemm_m, 4.0 / 3.5);

    /* Batch 64: 8 x (1 - 0.75^64) = 7.99999992: almost every expert. */
    w = decode(64, 512);
    ops_a6000("mixtral-8x7b", &w, &r);
    g = find(&r, ROOF_OP_EXPERT_UP_PROJ);
    NEAR(g->gemm_batch, 8.0 * (1.0 - pow(0.75, 64)), 1e-15);
    assert_true(g->gemm_batch < 8.0 && g->gemm_batch > 7.9999999);
    /* A 1024-token prefill touches all 8. */
    w = prefill(1, 1024);
    ops_a6000("mixtral-8x7b", &w, &r);
    EQ(find(&r, ROOF_OP_EXPERT_GATE_PROJ)->weight_bytes,
       8.0 * 4096 * 14336 * 2);
}

static void test_moe_with_shared_expert(void **state)
{
    (void)state;
    /* Mixtral with one shared expert of width 2048 added: the dense
     * gate/up/act/down ops appear (after the router, before the routed
     * experts) at width 2048, and mlp_add gains one input. */
    roof_model m = model("mixtral-8x7b");
    m.shared_experts = 1;
    m.shared_intermediate = 2048;
    roof_hardware hw = device("a6000");
    roof_workload w = decode(1, 16);
    run r;
    ops_on(&m, &w, &hw, &r);
    static const uint32_t order[] = {
        ROOF_OP_MLP_NORM, ROOF_OP_ROUTER, ROOF_OP_GATE_PROJ, ROOF_OP_UP_PROJ,
        ROOF_OP_ACT, ROOF_OP_DOWN_PROJ, ROOF_OP_EXPERT_GATE_PROJ,
        ROOF_OP_EXPERT_UP_PROJ, ROOF_OP_EXPERT_ACT, ROOF_OP_EXPERT_DOWN_PROJ,
        ROOF_OP_MLP_ADD,
    };
    uint32_t first = (uint32_t)(find(&r, ROOF_OP_MLP_NORM) - r.ops);
    for (uint32_t i = 0; i < sizeof order / sizeof order[0]; i++)
        assert_int_equal(r.ops[first + i].id, order[i]);
    EQ(find(&r, ROOF_OP_GATE_PROJ)->weight_bytes, 4096.0 * 2048 * 2);
    /* residual + shared + 2 routed = 4 inputs: 3 adds + 2 weightings. */
    EQ(find(&r, ROOF_OP_MLP_ADD)->flops, 5.0 * 4096);
    EQ(find(&r, ROOF_OP_MLP_ADD)->act_read_bytes, 4.0 * 8192);
}

/* ---- quantized weights and KV cache ---------------------------------- */

static void test_quantized_4bit_group128_kv8(void **state)
{
    (void)state;
    roof_workload w = decode(1, 1024);
    w.weight_bits = 4;
    w.quant_group = 128;
    w.scale_bits = 16;
    w.kv_bits = 8;
    run r;
    ops_a6000("llama-13b", &w, &r);
    /* A weight costs 4/8 + 16/8/128 = 0.515625 B (4.125 bits).
     * q_proj: 5120 x 5120 x 0.515625 = 13,516,800 B of weights.
     * gate_proj: 5120 x 13824 x 0.515625 = 36,495,360 B.
     * K cache at 1 B: 1024 x 5120 = 5,242,880 B read; the new token's K
     * written at 1 B: 5120.  Activations stay 16-bit (10,240 B). */
    const roof_op *q = find(&r, ROOF_OP_Q_PROJ);
    EQ(q->weight_bytes, 13516800.0);
    EQ(q->act_read_bytes, 10240.0);
    EQ(q->flops, 52428800.0); /* FLOPs do not depend on bit widths */
    EQ(find(&r, ROOF_OP_GATE_PROJ)->weight_bytes, 36495360.0);
    const roof_op *qk = find(&r, ROOF_OP_QK_MATMUL);
    EQ(qk->kv_read_bytes, 5242880.0);
    EQ(qk->kv_write_bytes, 5120.0);
    EQ(qk->act_read_bytes, 2.0 * 10240);
    /* The embedding and lm_head stay 16-bit (model.h: quantizers leave
     * the two ends alone): 5120 x 32000 x 2 B.  The embedding reads one
     * row: 5120 x 2 B. */
    EQ(find(&r, ROOF_OP_LM_HEAD)->weight_bytes, 5120.0 * 32000 * 2.0);
    EQ(find(&r, ROOF_OP_EMBED)->weight_bytes, 5120.0 * 2.0);
    EQ(find(&r, ROOF_OP_ATTN_NORM)->weight_bytes, 10240.0); /* gains 16-bit */

    /* No group: scale_bits is ignored. */
    w.quant_group = 0;
    ops_a6000("llama-13b", &w, &r);
    EQ(find(&r, ROOF_OP_Q_PROJ)->weight_bytes, 5120.0 * 5120 * 0.5);
}

/* A model's own formats win over the workload's bits, module by module;
 * the two ends follow the workload only from 16 bits up. */
static void test_model_formats_per_module(void **state)
{
    (void)state;
    roof_model m = model("llama-13b");
    roof_hardware hw = device("a6000");
    roof_workload w = decode(1, 1024);
    w.weight_bits = 4;
    run r;
    /* Asked for: lm_head in INT4 with a 20-bit scale and zero per 128,
     * 4 + 20/128 = 4.15625 bits; the layers in FP8 (8 bits, the tensor
     * scale left out of the per-weight figure), whatever the workload. */
    m.formats_set = ROOF_MODULE_LM_HEAD | ROOF_MODULE_LAYERS;
    m.format_lm_head = ROOF_FORMAT_INT4_G128;
    m.format_layers = ROOF_FORMAT_FP8;
    ops_on(&m, &w, &hw, &r);
    EQ(find(&r, ROOF_OP_LM_HEAD)->weight_bytes,
       5120.0 * 32000 * 4.15625 / 8.0);
    EQ(find(&r, ROOF_OP_Q_PROJ)->weight_bytes, 5120.0 * 5120);
    EQ(find(&r, ROOF_OP_GATE_PROJ)->weight_bytes, 5120.0 * 13824);
    EQ(find(&r, ROOF_OP_EMBED)->weight_bytes, 5120.0 * 2.0); /* 16-bit */
    /* 32-bit weights: the ends follow (4 B), with no format set. */
    m = model("llama-13b");
    w.weight_bits = 32;
    ops_on(&m, &w, &hw, &r);
    EQ(find(&r, ROOF_OP_LM_HEAD)->weight_bytes, 5120.0 * 32000 * 4.0);
    EQ(find(&r, ROOF_OP_EMBED)->weight_bytes, 5120.0 * 4.0);
    /* 8-bit weights: the ends stay at 2 B. */
    w.weight_bits = 8;
    ops_on(&m, &w, &hw, &r);
    EQ(find(&r, ROOF_OP_LM_HEAD)->weight_bytes, 5120.0 * 32000 * 2.0);
    EQ(find(&r, ROOF_OP_Q_PROJ)->weight_bytes, 5120.0 * 5120);
}

/* The 4-bit Llama-3-8B decode, by hand: 32 layers of attention
 * 4096 x (2 x 4096 + 2 x 1024) and MLP 3 x 4096 x 14336 weights at
 * 0.5 B = 3,489,660,928 B; lm_head 128256 x 4096 at 2 B =
 * 1,050,673,152 B; one embedding row 8,192 B; norm gains 32 x 2 x 4096
 * x 2 + 4096 x 2 = 532,480 B.  4,540,874,752 B, where quantizing
 * lm_head too read 3,752,863,744 (17% short). */
static void test_llama3_8b_4bit_decode_bytes(void **state)
{
    (void)state;
    roof_workload w = decode(1, 1024);
    w.weight_bits = 4;
    roof_model m = model("llama-3.1-8b");
    roof_hardware hw = device("a6000");
    run r;
    ops_on(&m, &w, &hw, &r);
    EQ(r.t.model.weight_bytes, 4540874752.0);
    /* Asked for: lm_head at 4 bits (INT4 with 20-bit group scales per 32
     * is the nearest format; 4 + 20/32 bits). */
    m.formats_set = ROOF_MODULE_LM_HEAD;
    m.format_lm_head = ROOF_FORMAT_INT4_G32;
    ops_on(&m, &w, &hw, &r);
    EQ(r.t.model.weight_bytes,
       4540874752.0 - 1050673152.0 + 128256.0 * 4096 * 4.625 / 8.0);
}

/* Experts and the rest of an MoE layer take their own formats: Mixtral's
 * experts in MXFP4 (4.25 bits), its attention and router in BF16. */
static void test_model_formats_experts(void **state)
{
    (void)state;
    roof_model m = model("mixtral-8x7b");
    roof_hardware hw = device("a6000");
    roof_workload w = prefill(1, 4096); /* every expert touched */
    m.formats_set = ROOF_MODULE_EXPERTS | ROOF_MODULE_LAYERS;
    m.format_experts = ROOF_FORMAT_MXFP4;
    m.format_layers = ROOF_FORMAT_BF16;
    w.weight_bits = 8; /* overridden in both */
    run r;
    ops_on(&m, &w, &hw, &r);
    const roof_op *gate = find(&r, ROOF_OP_EXPERT_GATE_PROJ);
    /* 8 experts x 4096 x 14336 weights x 4.25 / 8 B. */
    EQ(gate->weight_bytes, 8.0 * 4096 * 14336 * 4.25 / 8.0);
    EQ(find(&r, ROOF_OP_ROUTER)->weight_bytes, 4096.0 * 8 * 2.0);
    EQ(find(&r, ROOF_OP_Q_PROJ)->weight_bytes, 4096.0 * 4096 * 2.0);
}

/* The weight matmuls run at their module's format where the model sets
 * one (roof_format_math_precision); attention's at the workload's. */
static void test_matmul_roof_follows_format(void **state)
{
    (void)state;
    roof_model m = model("llama-3.1-8b");
    m.formats_set = ROOF_MODULE_LAYERS;
    m.format_layers = ROOF_FORMAT_NVFP4;
    roof_hardware b200 = device("b200");
    double fp4 = 0.0;
    assert_int_equal(roof_hardware_peak_flops_per_s(&b200, ROOF_FP4, &fp4),
                     ROOF_OK);
    /* NVIDIA's HGX B200 page: 9 PFLOP/s dense FP4 (the table's units x
     * FLOP/clock x clock: 9.001e15). */
    assert_true(fp4 > 0.9999 * 9e15 && fp4 < 1.0002 * 9e15);
    run r;
    roof_workload w = prefill(1, 4096);
    ops_on(&m, &w, &b200, &r);
    /* q_proj: 4096 x 4096 x 4096 x 2 FLOPs on the FP4 roof, compute
     * bound (4096 x 2 / 0.5625 B per weight is far past the ridge). */
    const roof_op *q = find(&r, ROOF_OP_Q_PROJ);
    assert_int_equal(q->precision, ROOF_FP4);
    assert_int_equal(q->roofline.bound, ROOF_BOUND_COMPUTE);
    EQ(q->roofline.compute_seconds, 2.0 * 4096 * 4096 * 4096 / fp4);
    /* Attention has no weights: the workload's FP16; lm_head is unset. */
    assert_int_equal(find(&r, ROOF_OP_QK_MATMUL)->precision, ROOF_FP16);
    assert_int_equal(find(&r, ROOF_OP_LM_HEAD)->precision, ROOF_FP16);
    /* gpt-oss-120b: MXFP4 experts run at FP4 on a B200, widened to BF16
     * on an H100 (no FP4); its BF16 attention at BF16 on both. */
    m = model("gpt-oss-120b");
    ops_on(&m, &w, &b200, &r);
    assert_int_equal(find(&r, ROOF_OP_EXPERT_UP_PROJ)->precision, ROOF_FP4);
    assert_int_equal(find(&r, ROOF_OP_Q_PROJ)->precision, ROOF_BF16);
    roof_hardware h100 = device("h100-sxm");
    ops_on(&m, &w, &h100, &r);
    assert_int_equal(find(&r, ROOF_OP_EXPERT_UP_PROJ)->precision, ROOF_BF16);
    assert_int_equal(find(&r, ROOF_OP_LM_HEAD)->precision, ROOF_BF16);
    /* DeepSeek-V3's FP8 blocks on an H100: the FP8 roof. */
    m = model("deepseek-v3");
    ops_on(&m, &w, &h100, &r);
    assert_int_equal(find(&r, ROOF_OP_EXPERT_UP_PROJ)->precision, ROOF_FP8);
    assert_int_equal(find(&r, ROOF_OP_LM_HEAD)->precision, ROOF_BF16);
    /* A device that cannot run a format at all (a TPU v5e has no FP32 for
     * FP32 weights): refused, outputs untouched. */
    m = model("llama-3.1-8b");
    m.formats_set = ROOF_MODULE_LAYERS;
    m.format_layers = ROOF_FORMAT_FP32;
    roof_hardware tpu = device("tpu-v5e");
    w.precision = ROOF_BF16;
    roof_totals t, keep;
    memset(&t, 0x5A, sizeof t);
    keep = t;
    uint32_t n = 7;
    assert_int_equal(roof_ops(&m, &w, &tpu, NULL, r.ops, ROOF_MAX_OPS, &n,
                              &t),
                     ROOF_E_UNSUPPORTED);
    assert_int_equal(roof_step(&m, &w, &tpu, NULL, &t), ROOF_E_UNSUPPORTED);
    assert_memory_equal(&t, &keep, sizeof t);
}

/* ---- fused attention, causal counting, sliding window ---------------- */

static void test_fused_attention_causal(void **state)
{
    (void)state;
    roof_workload w = prefill(1, 1024);
    w.attention = ROOF_ATTN_FUSED;
    run r;
    ops_a6000("llama-13b", &w, &r);
    assert_int_equal(r.n, 17);
    assert_false(has(&r, ROOF_OP_QK_MATMUL));
    assert_false(has(&r, ROOF_OP_SOFTMAX));
    /* Unmasked scores of a 1024-token prompt: 1 + 2 + ... + 1024
     * = 1024 x 1025 / 2 = 524,800 per head; 40 heads: 20,992,000.
     * FLOPs: (2 x 128 for qk + 2 x 128 for pv + 5 for softmax) per score
     * = 517 x 20,992,000 = 10,852,864,000.  Bytes: q, new K and V read
     * (3 x A13), the output written (A13), K and V appended (2 x A13);
     * no score matrix. */
    const roof_op *a = find(&r, ROOF_OP_ATTENTION);
    EQ(a->flops, 10852864000.0);
    EQ(a->act_read_bytes, 3 * A13);
    EQ(a->act_write_bytes, A13);
    EQ(a->kv_read_bytes, 0.0);
    EQ(a->kv_write_bytes, 2 * A13);
    check_gemm(a, 1024, 1024, 128, 40);
    assert_int_equal(a->op_class, ROOF_CLASS_ATTN_MATMUL);

    /* Chunked prefill: 24 new tokens after 1000 cached.  Scores per head:
     * sum over i < 24 of (1000 + i + 1) = 24 x 1000 + 24 x 25 / 2 = 24,300.
     * The cached K and V: 2 x 1000 x 5120 x 2 = 20,480,000 B. */
    w.new_tokens = 24;
    w.cached_tokens = 1000;
    ops_a6000("llama-13b", &w, &r);
    a = find(&r, ROOF_OP_ATTENTION);
    EQ(a->flops, 517.0 * 40 * 24300);
    EQ(a->kv_read_bytes, 20480000.0);
    /* Unfused, the same step computes the full 24 x 1024 rectangle. */
    w.attention = ROOF_ATTN_UNFUSED;
    ops_a6000("llama-13b", &w, &r);
    EQ(find(&r, ROOF_OP_QK_MATMUL)->flops, 2.0 * 40 * 24 * 1024 * 128);

    /* Decode: fused and unfused count the same 1025 keys. */
    roof_workload d = decode(3, 1024);
    run u;
    ops_a6000("llama-13b", &d, &u);
    d.attention = ROOF_ATTN_FUSED;
    ops_a6000("llama-13b", &d, &r);
    a = find(&r, ROOF_OP_ATTENTION);
    EQ(a->flops, find(&u, ROOF_OP_QK_MATMUL)->flops
                     + find(&u, ROOF_OP_SOFTMAX)->flops
                     + find(&u, ROOF_OP_PV_MATMUL)->flops);
    EQ(a->kv_read_bytes, find(&u, ROOF_OP_QK_MATMUL)->kv_read_bytes
                             + find(&u, ROOF_OP_PV_MATMUL)->kv_read_bytes);
}

static void test_sliding_window(void **state)
{
    (void)state;
    run r;
    /* Mistral 7B, window 4096, decode at 8192 cached: the query sees the
     * last 4096 positions, itself included: 4095 cached keys.  K read:
     * 4095 x 8 KV heads x 128 x 2 = 8,386,560 B. */
    roof_workload w = decode(1, 8192);
    ops_a6000("mistral-7b", &w, &r);
    const roof_op *qk = find(&r, ROOF_OP_QK_MATMUL);
    EQ(qk->kv_read_bytes, 8386560.0);
    EQ(qk->gemm_n, 4096.0);
    EQ(qk->flops, 2.0 * 32 * 4096 * 128);
    /* Below the window nothing is capped: 100 cached + 1 = 101 keys. */
    w = decode(1, 100);
    ops_a6000("mistral-7b", &w, &r);
    EQ(find(&r, ROOF_OP_QK_MATMUL)->gemm_n, 101.0);

    /* Fused prefill of 8192: the first 4096 queries see 1..4096 keys, the
     * other 4096 see 4096 each: 4096 x 4097 / 2 + 4096 x 4096
     * = 8,390,656 + 16,777,216 = 25,167,872 scores per head. */
    w = prefill(1, 8192);
    w.attention = ROOF_ATTN_FUSED;
    ops_a6000("mistral-7b", &w, &r);
    EQ(find(&r, ROOF_OP_ATTENTION)->flops, 517.0 * 32 * 25167872.0);
    /* Unfused prefill: every key is touched by some query: 8192 x 8192. */
    w.attention = ROOF_ATTN_UNFUSED;
    ops_a6000("mistral-7b", &w, &r);
    EQ(find(&r, ROOF_OP_QK_MATMUL)->gemm_n, 8192.0);
}

/* ---- tensor parallelism ---------------------------------------------- */

static void test_tensor_parallel(void **state)
{
    (void)state;
    roof_model m = model("llama-2-70b");
    roof_hardware hw = device("h100-sxm");
    roof_workload w = prefill(1, 512);
    w.tensor_parallel = 4;
    run r;
    ops_on(&m, &w, &hw, &r);
    /* Per device: 64/4 = 16 query heads (width 2048), 8/4 = 2 KV heads
     * (256), 28672/4 = 7168 MLP width, 32000/4 = 8000 logits.
     * q_proj: 2 x 512 x 8192 x 2048 = 17,179,869,184 FLOPs, weights
     *   8192 x 2048 x 2 = 33,554,432 B.
     * k_proj: 2 x 512 x 8192 x 256 = 2,147,483,648; 4,194,304 B.
     * gate_proj: 2 x 512 x 8192 x 7168 = 60,129,542,144; 117,440,512 B. */
    EQ(find(&r, ROOF_OP_Q_PROJ)->flops, 17179869184.0);
    EQ(find(&r, ROOF_OP_Q_PROJ)->weight_bytes, 33554432.0);
    EQ(find(&r, ROOF_OP_K_PROJ)->flops, 2147483648.0);
    EQ(find(&r, ROOF_OP_K_PROJ)->weight_bytes, 4194304.0);
    EQ(find(&r, ROOF_OP_GATE_PROJ)->flops, 60129542144.0);
    EQ(find(&r, ROOF_OP_GATE_PROJ)->weight_bytes, 117440512.0);
    EQ(find(&r, ROOF_OP_O_PROJ)->gemm_k, 2048.0);
    EQ(find(&r, ROOF_OP_QK_MATMUL)->gemm_batch, 16.0);
    EQ(find(&r, ROOF_OP_LM_HEAD)->flops, 2.0 * 8192 * 8000);
    /* Norms are replicated: full width on every device. */
    EQ(find(&r, ROOF_OP_ATTN_NORM)->flops, 4.0 * 512 * 8192);
    /* allreduce, last op of the layer: two all-reduces of a 512 x 8192 x 2
     * = 8,388,608 B message; ring traffic per device 2 x (3/4) x message
     * each: 2 x 12,582,912 = 25,165,824 B over the link; the reductions
     * add (3/4) x 512 x 8192 per all-reduce: 6,291,456 FLOPs; the local
     * buffers are read and written once each: 2 x 8,388,608 B. */
    const roof_op *ar = find(&r, ROOF_OP_ALLREDUCE);
    assert_int_equal(ar - r.ops, 16); /* after mlp_add */
    assert_int_equal(ar->scope, ROOF_SCOPE_LAYER);
    assert_int_equal(ar->op_class, ROOF_CLASS_COMM);
    EQ(ar->comm_bytes, 25165824.0);
    EQ(ar->flops, 6291456.0);
    EQ(ar->act_read_bytes, 16777216.0);
    EQ(ar->act_write_bytes, 16777216.0);
    /* H100 NVLink 450 GB/s per direction: 25,165,824 / 450e9 = 55.9 us,
     * slower than its 33.5 MB of DRAM traffic (10 us): interconnect. */
    assert_int_equal(ar->roofline.bound, ROOF_BOUND_INTERCONNECT);
    NEAR(ar->roofline.seconds, 25165824.0 / 450e9, 1e-12);
    NEAR(r.t.layer.comm_seconds, 25165824.0 / 450e9, 1e-12);
    NEAR(r.t.model.comm_bytes, 80.0 * 25165824.0, 1e-12);
    EQ(r.t.layer.bound_seconds[ROOF_BOUND_INTERCONNECT], ar->roofline.seconds);

    /* t = 2: message share (2-1)/2: 2 x 2 x 0.5 x 8,388,608 B. */
    w.tensor_parallel = 2;
    ops_on(&m, &w, &hw, &r);
    EQ(find(&r, ROOF_OP_ALLREDUCE)->comm_bytes, 16777216.0);
    EQ(find(&r, ROOF_OP_K_PROJ)->gemm_n, 4.0 * 128);

    /* t = 16 > 8 KV heads: each device keeps one (replicated) KV head. */
    w.tensor_parallel = 16;
    ops_on(&m, &w, &hw, &r);
    EQ(find(&r, ROOF_OP_Q_PROJ)->gemm_n, 4.0 * 128);
    EQ(find(&r, ROOF_OP_K_PROJ)->gemm_n, 128.0);

    /* 64 heads do not split 3 ways; t = 32 leaves 8 KV heads unsplittable
     * into 32 without replication of a multiple: 32 % 8 == 0 is fine, but
     * t = 12 is neither. */
    run s;
    memset(&s, 0x3C, sizeof s);
    run keep = s;
    w.tensor_parallel = 3;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, s.ops, ROOF_MAX_OPS, &s.n,
                              &s.t), ROOF_E_INVALID);
    w.tensor_parallel = 12; /* 64 % 12 != 0 */
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, s.ops, ROOF_MAX_OPS, &s.n,
                              &s.t), ROOF_E_INVALID);
    assert_memory_equal(&s, &keep, sizeof s);
    /* A device without an interconnect cannot split a layer. */
    roof_hardware l4 = device("l4");
    w.tensor_parallel = 2;
    assert_int_equal(roof_ops(&m, &w, &l4, NULL, s.ops, ROOF_MAX_OPS, &s.n,
                              &s.t), ROOF_E_UNSUPPORTED);
    assert_memory_equal(&s, &keep, sizeof s);
    /* ... but t = 1 on it is fine. */
    w.tensor_parallel = 1;
    ops_on(&m, &w, &l4, &r);
    assert_false(has(&r, ROOF_OP_ALLREDUCE));
}

static void test_gpt3_plain_mlp_learned_positions(void **state)
{
    (void)state;
    roof_workload w = prefill(2, 256);
    run r;
    ops_a6000("gpt-3-175b", &w, &r);
    /* No rope, no gate: 16 - 2 + 3 = 17 ops. */
    assert_int_equal(r.n, 17);
    assert_false(has(&r, ROOF_OP_ROPE));
    assert_false(has(&r, ROOF_OP_GATE_PROJ));
    /* T = 512, H = 12288, MLP 49152.  act (GELU, 8 FLOPs): 8 x 512 x 49152;
     * reads one tensor.  LayerNorm: 7 x 512 x 12288 FLOPs, gain and bias
     * 2 x 12288 x 2 B.  embed: 512 token rows + 256 position rows of 12288
     * x 2 B, one add per element. */
    const roof_op *act = find(&r, ROOF_OP_ACT);
    EQ(act->flops, 8.0 * 512 * 49152);
    EQ(act->act_read_bytes, 512.0 * 49152 * 2);
    const roof_op *n = find(&r, ROOF_OP_ATTN_NORM);
    EQ(n->flops, 7.0 * 512 * 12288);
    EQ(n->weight_bytes, 2.0 * 12288 * 2);
    const roof_op *e = find(&r, ROOF_OP_EMBED);
    EQ(e->weight_bytes, (512.0 + 256) * 12288 * 2);
    EQ(e->flops, 512.0 * 12288);
    /* lm_head: 2 sequences' last tokens. */
    check_gemm(find(&r, ROOF_OP_LM_HEAD), 2, 50257, 12288, 1);
}

/* ---- roofline of every op, totals --------------------------------------*/

/* Every op's roofline equals roof_roofline_eval on the ceiling of its
 * precision; totals equal the sums of the ops. */
static void check_consistency(const run *r, const roof_hardware *hw,
                              const roof_efficiency *eff, double layers)
{
    roof_sum layer, mdl;
    memset(&layer, 0, sizeof layer);
    memset(&mdl, 0, sizeof mdl);
    double slow_l = 0, slow_m = 0;
    uint32_t dom_l = 99, dom_m = 99;
    for (uint32_t i = 0; i < r->n; i++) {
        const roof_op *o = &r->ops[i];
        roof_ceiling c;
        roof_roofline ref;
        assert_int_equal(roof_ceiling_from_hardware(hw, o->precision, eff, &c),
                         ROOF_OK);
        assert_int_equal(roof_roofline_eval(&c, o->flops, o->bytes, &ref),
                         ROOF_OK);
        double comm = o->comm_bytes > 0 ? o->comm_bytes
                                              / c.interconnect_bytes_per_s
                                        : 0.0;
        if (comm > ref.seconds) {
            ref.seconds = comm;
            ref.bound = ROOF_BOUND_INTERCONNECT;
        }
        NEAR(o->roofline.flops_per_byte, ref.flops_per_byte, 1e-14);
        NEAR(o->roofline.ridge_flops_per_byte, ref.ridge_flops_per_byte,
             1e-14);
        NEAR(o->roofline.attainable_flops_per_s, ref.attainable_flops_per_s,
             1e-14);
        NEAR(o->roofline.compute_seconds, ref.compute_seconds, 1e-14);
        NEAR(o->roofline.memory_seconds, ref.memory_seconds, 1e-14);
        NEAR(o->roofline.seconds, ref.seconds, 1e-14);
        EQ(o->roofline.flops, o->flops);
        EQ(o->roofline.bytes, o->bytes);
        assert_int_equal(o->roofline.bound, ref.bound);
        assert_true(o->bytes > 0);
        assert_true(isfinite(o->flops) && o->flops >= 0);

        double k = o->scope == ROOF_SCOPE_LAYER ? layers : 1.0;
        roof_sum *sums[2] = {&layer, &mdl};
        for (int j = o->scope == ROOF_SCOPE_LAYER ? 0 : 1; j < 2; j++) {
            double f = j == 0 ? 1.0 : k;
            roof_sum *s = sums[j];
            s->flops += f * o->flops;
            s->bytes += f * o->bytes;
            s->weight_bytes += f * o->weight_bytes;
            s->act_bytes += f * (o->act_read_bytes + o->act_write_bytes);
            s->kv_bytes += f * (o->kv_read_bytes + o->kv_write_bytes);
            s->comm_bytes += f * o->comm_bytes;
            s->compute_seconds += f * o->roofline.compute_seconds;
            s->memory_seconds += f * o->roofline.memory_seconds;
            s->comm_seconds += f * comm;
            s->seconds += f * o->roofline.seconds;
            s->bound_seconds[o->roofline.bound] += f * o->roofline.seconds;
        }
        if (o->scope == ROOF_SCOPE_LAYER && o->roofline.seconds > slow_l) {
            slow_l = o->roofline.seconds;
            dom_l = o->id;
        }
        if (k * o->roofline.seconds > slow_m) {
            slow_m = k * o->roofline.seconds;
            dom_m = o->id;
        }
    }
    const roof_sum *got[2] = {&r->t.layer, &r->t.model};
    const roof_sum *exp[2] = {&layer, &mdl};
    for (int j = 0; j < 2; j++) {
        const double rel = 1e-12;
        NEAR(got[j]->flops, exp[j]->flops, rel);
        NEAR(got[j]->bytes, exp[j]->bytes, rel);
        NEAR(got[j]->weight_bytes, exp[j]->weight_bytes, rel);
        NEAR(got[j]->act_bytes, exp[j]->act_bytes, rel);
        NEAR(got[j]->kv_bytes, exp[j]->kv_bytes, rel);
        NEAR(got[j]->comm_bytes, exp[j]->comm_bytes, rel);
        NEAR(got[j]->compute_seconds, exp[j]->compute_seconds, rel);
        NEAR(got[j]->memory_seconds, exp[j]->memory_seconds, rel);
        NEAR(got[j]->comm_seconds, exp[j]->comm_seconds, rel);
        NEAR(got[j]->seconds, exp[j]->seconds, rel);
        uint32_t most = 0;
        for (uint32_t b = 0; b < 4; b++) {
            NEAR(got[j]->bound_seconds[b], exp[j]->bound_seconds[b], rel);
            if (exp[j]->bound_seconds[b] > exp[j]->bound_seconds[most])
                most = b;
        }
        assert_int_equal(got[j]->bound, most);
        /* Totals are at least the bytes and FLOPs of their parts. */
        EQ(got[j]->bytes, got[j]->bytes);
    }
    assert_int_equal(r->t.layer.dominant_op, dom_l);
    assert_int_equal(r->t.model.dominant_op, dom_m);
}

static void test_roofline_and_totals(void **state)
{
    (void)state;
    static const char *const models[] = {
        "llama-13b", "llama-2-70b", "mixtral-8x7b", "gpt-3-175b",
        "mistral-7b", "qwen2.5-7b",
    };
    const roof_efficiency half = {.compute = 0.5, .memory = 0.7,
                                  .interconnect = 0.9};
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        roof_model m = model(models[i]);
        for (int dev = 0; dev < 2; dev++) {
            roof_hardware hw = device(dev ? "h100-sxm" : "a6000");
            for (int phase = 0; phase < 4; phase++) {
                roof_workload w = phase & 1 ? decode(8, 2000)
                                            : prefill(2, 777);
                w.attention = phase & 2 ? ROOF_ATTN_FUSED : ROOF_ATTN_UNFUSED;
                w.tensor_parallel = dev ? 2 : 1;
                run r;
                ops_on(&m, &w, &hw, &r);
                check_consistency(&r, &hw, NULL, m.layers);
                memset(&r, 0, sizeof r);
                assert_int_equal(roof_ops(&m, &w, &hw, &half, r.ops,
                                          ROOF_MAX_OPS, &r.n, &r.t),
                                 ROOF_OK);
                check_consistency(&r, &hw, &half, m.layers);
            }
        }
    }
}

static void test_efficiency_scales_time(void **state)
{
    (void)state;
    roof_model m = model("llama-13b");
    roof_hardware hw = device("a6000");
    roof_workload w = decode(1, 1024);
    run ideal, half;
    ops_on(&m, &w, &hw, &ideal);
    const roof_efficiency e = {.compute = 0.5, .memory = 0.5,
                               .interconnect = 0.5};
    memset(&half, 0, sizeof half);
    assert_int_equal(roof_ops(&m, &w, &hw, &e, half.ops, ROOF_MAX_OPS,
                              &half.n, &half.t), ROOF_OK);
    /* Both roofs halved: every time doubles, the ridge stays. */
    for (uint32_t i = 0; i < ideal.n; i++) {
        NEAR(half.ops[i].roofline.seconds, 2 * ideal.ops[i].roofline.seconds,
             1e-15);
        NEAR(half.ops[i].roofline.ridge_flops_per_byte,
             ideal.ops[i].roofline.ridge_flops_per_byte, 1e-15);
        EQ(half.ops[i].bytes, ideal.ops[i].bytes);
    }
    NEAR(half.t.model.seconds, 2 * ideal.t.model.seconds, 1e-14);
}

static void test_elementwise_falls_back_without_fp32(void **state)
{
    (void)state;
    roof_model m = model("llama-13b");
    roof_hardware hw = device("a6000");
    hw.flops_per_clock_per_unit[ROOF_FP32] = 0.0;
    roof_workload w = prefill(1, 64);
    run r;
    ops_on(&m, &w, &hw, &r);
    for (uint32_t i = 0; i < r.n; i++)
        assert_int_equal(r.ops[i].precision, ROOF_FP16);
    /* And BF16 matmuls on it run at the BF16 rate. */
    w.precision = ROOF_BF16;
    ops_on(&m, &w, &hw, &r);
    assert_int_equal(find(&r, ROOF_OP_Q_PROJ)->precision, ROOF_BF16);
}

/* ---- invariants over sweeps ------------------------------------------- */

static void test_more_batch_never_fewer_flops(void **state)
{
    (void)state;
    static const char *const models[] = {"llama-13b", "llama-2-70b",
                                         "mixtral-8x7b", "mistral-7b"};
    roof_hardware hw = device("a6000");
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        roof_model m = model(models[i]);
        for (uint32_t seq = 128; seq <= 8192; seq *= 4) {
            for (int phase = 0; phase < 2; phase++) {
                run prev;
                memset(&prev, 0, sizeof prev);
                for (uint32_t b = 1; b <= 64; b *= 2) {
                    roof_workload w = phase ? decode(b, seq) : prefill(b, seq);
                    run r;
                    ops_on(&m, &w, &hw, &r);
                    assert_true(r.t.model.flops >= prev.t.model.flops);
                    assert_true(r.t.model.bytes >= prev.t.model.bytes);
                    if (b > 1) {
                        assert_int_equal(r.n, prev.n);
                        for (uint32_t k = 0; k < r.n; k++)
                            assert_true(r.ops[k].flops
                                        >= prev.ops[k].flops);
                    }
                    prev = r;
                }
            }
        }
    }
}

static void test_decode_batch1_is_memory_bound(void **state)
{
    (void)state;
    roof_hardware hw = device("a6000");
    for (uint32_t i = 0; i < roof_model_count(); i++) {
        roof_model m;
        assert_int_equal(roof_model_get(i, &m), ROOF_OK);
        for (uint32_t seq = 128; seq <= 8192; seq *= 2) {
            roof_workload w = decode(1, seq);
            run r;
            ops_on(&m, &w, &hw, &r);
            for (uint32_t k = 0; k < r.n; k++) {
                if (r.ops[k].gemm_m > 0)
                    assert_int_equal(r.ops[k].roofline.bound,
                                     ROOF_BOUND_MEMORY);
            }
            assert_int_equal(r.t.model.bound, ROOF_BOUND_MEMORY);
        }
    }
}

static void test_decode_gemm_intensity_is_batch(void **state)
{
    (void)state;
    /* A 16-bit [b x k] x [k x n] GEMM moves 2kn + 2bk + 2bn bytes for
     * 2bkn FLOPs: intensity b / (1 + b/n + b/k), within a few % of b while
     * b is small next to the widths. */
    roof_hardware hw = device("a6000");
    roof_model m = model("llama-13b");
    for (uint32_t b = 1; b <= 64; b *= 2) {
        roof_workload w = decode(b, 1024);
        run r;
        ops_on(&m, &w, &hw, &r);
        for (uint32_t k = 0; k < r.n; k++) {
            const roof_op *o = &r.ops[k];
            if (o->op_class != ROOF_CLASS_ATTN_PROJ
                && o->op_class != ROOF_CLASS_MLP_PROJ)
                continue;
            double exact = b / (1.0 + b / o->gemm_n + b / o->gemm_k);
            NEAR(o->roofline.flops_per_byte, exact, 1e-12);
            NEAR(o->roofline.flops_per_byte, (double)b, 0.03);
        }
    }
}

/* ---- buffers and errors ----------------------------------------------- */

static void test_buffer_too_small(void **state)
{
    (void)state;
    roof_model m = model("llama-13b");
    roof_hardware hw = device("a6000");
    roof_workload w = prefill(1, 1024);
    run r;
    memset(&r, 0xEE, sizeof r);
    run keep = r;
    r.n = 5;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, r.ops, 18, &r.n, &r.t),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(r.n, 19);
    r.n = keep.n;
    assert_memory_equal(&r, &keep, sizeof r);
    /* Asking the size: no buffer at all. */
    uint32_t n = 0;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, NULL, 0, &n, NULL),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 19);
    /* count may be NULL; then only the status tells. */
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, r.ops, 3, NULL, &r.t),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_memory_equal(&r, &keep, sizeof r);
    /* Exactly enough: fine; totals and count optional. */
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, r.ops, 19, NULL, NULL),
                     ROOF_OK);
    assert_int_equal(r.ops[18].id, ROOF_OP_LM_HEAD);
    /* The largest list fits ROOF_MAX_OPS: MoE + shared + unfused + TP. */
    m = model("mixtral-8x7b");
    m.shared_experts = 1;
    m.shared_intermediate = 512;
    w.tensor_parallel = 2;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, NULL, 0, &n, NULL),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 25);
    assert_true(n <= ROOF_MAX_OPS);
}

/* Calls roof_ops and checks that a failure wrote nothing. */
static void expect_error(const roof_model *m, const roof_workload *w,
                         const roof_hardware *hw, const roof_efficiency *e,
                         int status)
{
    run r;
    memset(&r, 0xA5, sizeof r);
    run keep = r;
    assert_int_equal(roof_ops(m, w, hw, e, r.ops, ROOF_MAX_OPS, &r.n, &r.t),
                     status);
    assert_memory_equal(&r, &keep, sizeof r);
    /* roof_step checks the same inputs in the same order. */
    assert_int_equal(roof_step(m, w, hw, e, &r.t), status);
    assert_memory_equal(&r, &keep, sizeof r);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    const roof_model m = model("llama-13b");
    const roof_hardware hw = device("a6000");
    const roof_workload w = prefill(1, 128);
    expect_error(NULL, &w, &hw, NULL, ROOF_E_NULL);
    expect_error(&m, NULL, &hw, NULL, ROOF_E_NULL);
    expect_error(&m, &w, NULL, NULL, ROOF_E_NULL);
    roof_totals t;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, NULL, 5, NULL, &t),
                     ROOF_E_NULL);

    roof_model bm = m;
    bm.heads = 0;
    expect_error(&bm, &w, &hw, NULL, ROOF_E_RANGE);
    bm = m;
    bm.kv_heads = 7;
    expect_error(&bm, &w, &hw, NULL, ROOF_E_INVALID);

    roof_workload bw = w;
    bw.batch = 0;
    expect_error(&m, &bw, &hw, NULL, ROOF_E_RANGE);
    bw = w;
    bw.kv_bits = 0;
    expect_error(&m, &bw, &hw, NULL, ROOF_E_RANGE);
    bw = w;
    bw.attention = 7;
    expect_error(&m, &bw, &hw, NULL, ROOF_E_INVALID);
    bw = w;
    bw.precision = ROOF_FP8; /* the A6000 has no FP8 */
    expect_error(&m, &bw, &hw, NULL, ROOF_E_UNSUPPORTED);
    bw = w;
    bw.precision = 99;
    expect_error(&m, &bw, &hw, NULL, ROOF_E_INVALID);

    roof_hardware bh = hw;
    bh.dram_bytes_per_s = (double)NAN;
    expect_error(&m, &w, &bh, NULL, ROOF_E_RANGE);
    bh = hw;
    bh.clock_hz = -1;
    expect_error(&m, &w, &bh, NULL, ROOF_E_RANGE);
    bh = hw;
    bh.reserved[0] = 1;
    expect_error(&m, &w, &bh, NULL, ROOF_E_INVALID);
    /* Valid fields whose product is no usable peak. */
    bh = hw;
    bh.clock_hz = 1e-30;
    bh.flops_per_clock_per_unit[ROOF_FP16] = 1e-30;
    expect_error(&m, &w, &bh, NULL, ROOF_E_RANGE);

#define EFF(c, m, i) {.compute = (c), .memory = (m), .interconnect = (i)}
    const roof_efficiency bad[] = {
        EFF(0, 1, 1), EFF(1, 1.5, 1), EFF(1, 1, (double)NAN),
        EFF((double)INFINITY, 1, 1)};
#undef EFF
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_error(&m, &w, &hw, &bad[i], ROOF_E_RANGE);

    assert_int_equal(roof_step(&m, &w, &hw, NULL, NULL), ROOF_E_NULL);

    /* A step so large that counts could pass ROOF_MAX_VALUE. */
    bw = w;
    bw.batch = UINT32_MAX;
    bw.new_tokens = UINT32_MAX;
    bw.cached_tokens = UINT32_MAX;
    expect_error(&m, &bw, &hw, NULL, ROOF_E_OVERFLOW);
    /* A big but sane one is fine and finite. */
    bw.batch = 1024;
    bw.new_tokens = 1;
    bw.cached_tokens = UINT32_MAX; /* 4.3e9 cached tokens */
    run r;
    ops_on(&m, &bw, &hw, &r);
    assert_true(isfinite(r.t.model.seconds) && r.t.model.seconds > 0);
}

/* roof_step gives roof_ops' totals bit for bit, or the same status with
 * its output untouched, over every preset on every built-in device. */
static void step_matches_ops(const roof_model *m, const roof_workload *w,
                             const roof_hardware *hw,
                             const roof_efficiency *eff, uint32_t *checked)
{
    run r;
    memset(&r, 0x5A, sizeof r);
    const int rc = roof_ops(m, w, hw, eff, r.ops, ROOF_MAX_OPS, &r.n, &r.t);
    roof_totals t, keep;
    memset(&t, 0xA5, sizeof t);
    keep = t;
    assert_int_equal(roof_step(m, w, hw, eff, &t), rc);
    if (rc == ROOF_OK) {
        assert_memory_equal(&t, &r.t, sizeof t);
        (*checked)++;
    } else {
        assert_memory_equal(&t, &keep, sizeof t);
    }
}

static void test_step_is_ops_totals(void **state)
{
    (void)state;
    static const uint32_t batches[] = {1, 7, 64};
    static const uint32_t seqs[] = {1, 100, 4096};
    static const uint32_t tps[] = {1, 2, 8};
    const roof_efficiency eff = {.compute = 0.7, .memory = 0.8,
                                 .interconnect = 0.6};
    uint32_t checked = 0;
    for (uint32_t mi = 0; mi < roof_model_count(); mi++) {
        roof_model m;
        assert_int_equal(roof_model_get(mi, &m), ROOF_OK);
        for (uint32_t hi = 0; hi < roof_hardware_count(); hi++) {
            roof_hardware hw;
            assert_int_equal(roof_hardware_get(hi, &hw), ROOF_OK);
            for (uint32_t k = 0; k < 3 * 3 * 3 * 2 * 2; k++) {
                roof_workload w = k % 2 ? decode(batches[k / 2 % 3],
                                                 seqs[k / 6 % 3])
                                        : prefill(batches[k / 2 % 3],
                                                  seqs[k / 6 % 3]);
                w.tensor_parallel = tps[k / 18 % 3];
                w.attention = k / 54 % 2 ? ROOF_ATTN_FUSED
                                         : ROOF_ATTN_UNFUSED;
                step_matches_ops(&m, &w, &hw, k % 3 ? NULL : &eff, &checked);
                /* 4-bit weights in groups of 128, 8-bit KV, FP8 matmuls
                 * where the device has them. */
                w.weight_bits = 4;
                w.quant_group = 128;
                w.scale_bits = 32;
                w.kv_bits = 8;
                w.precision = ROOF_FP8;
                step_matches_ops(&m, &w, &hw, NULL, &checked);
            }
        }
    }
    /* Most combinations run: every preset on every device at t = 1. */
    assert_true(checked >= roof_model_count() * roof_hardware_count() * 36);
}

/* The op `id` of layer group g; fails the test when it is absent. */
static const roof_op *find_in(const run *r, uint32_t id, uint32_t g)
{
    static const roof_op none;
    for (uint32_t i = 0; i < r->n; i++) {
        if (r->ops[i].id == id && r->ops[i].scope == ROOF_SCOPE_LAYER
            && r->ops[i].group == g)
            return &r->ops[i];
    }
    print_error("no op %s in group %u\n", roof_op_name(id), (unsigned)g);
    fail();
    return &none;
}

/* gpt-oss-20b decoding at 4096 cached tokens, fused attention, batch 1,
 * 16-bit: the sliding layers (group 0) read 127 cached keys (the window
 * of 128 holds the new one), the full layers (group 1) all 4096.  K/V of
 * one token: 8 heads x 64 = 512 elements each. */
static void test_window_schedule_by_hand(void **state)
{
    (void)state;
    const roof_model m = model("gpt-oss-20b");
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = decode(1, 4096);
    w.attention = ROOF_ATTN_FUSED;
    run r;
    ops_on(&m, &w, &hw, &r);
    /* Per group: 2 norms, q/k/v, rope, attention, o, 2 adds, router and
     * the four expert ops; then the three model ops. */
    assert_int_equal(r.n, 2 * 15 + 3);
    const roof_op *local = find_in(&r, ROOF_OP_ATTENTION, 0);
    const roof_op *full = find_in(&r, ROOF_OP_ATTENTION, 1);
    EQ(local->kv_read_bytes, 2.0 * 127.0 * 512.0 * 2.0);   /* 260,096 */
    EQ(full->kv_read_bytes, 2.0 * 4096.0 * 512.0 * 2.0);   /* 8,388,608 */
    EQ(local->kv_write_bytes, 2.0 * 512.0 * 2.0);
    EQ(full->kv_write_bytes, 2.0 * 512.0 * 2.0);
    /* Unmasked scores: 128 keys against 4097, 64 heads, 4 d + 5 each;
     * and each head's sink logit joins the softmax (5 FLOPs; its 64
     * logits are weights). */
    EQ(local->flops, (4.0 * 64.0 + 5.0) * 64.0 * 128.0 + 5.0 * 64.0);
    EQ(full->flops, (4.0 * 64.0 + 5.0) * 64.0 * 4097.0 + 5.0 * 64.0);
    EQ(local->weight_bytes, 64.0 * 2.0);
    /* 12 layers of each, and nothing else touches the cache. */
    EQ(r.t.model.kv_bytes, 12.0 * (260096.0 + 2048.0)
                               + 12.0 * (8388608.0 + 2048.0));
    EQ(r.t.layer.kv_bytes, 260096.0 + 2048.0 + 8388608.0 + 2048.0);
    for (uint32_t i = 0; i < r.n; i++)
        assert_int_equal(r.ops[i].group,
                         r.ops[i].scope == ROOF_SCOPE_MODEL ? 0
                                                            : i >= 15);
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);
}

/* Llama-4-Maverick: chunks of 8192 on 3 layers of 4, dense MLPs (16384
 * wide) on the even layers.  Decode at 10,000 cached tokens: a chunked
 * layer holds 10000 mod 8192 = 1808 keys of the current chunk, a global
 * one all 10,000; K/V of one token 8 x 128 = 1024 elements each. */
static void test_chunked_and_dense_first_by_hand(void **state)
{
    (void)state;
    const roof_model m = model("llama-4-maverick");
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = decode(1, 10000);
    w.attention = ROOF_ATTN_FUSED;
    run r;
    ops_on(&m, &w, &hw, &r);
    const roof_op *chunk = find_in(&r, ROOF_OP_ATTENTION, 0);
    EQ(chunk->kv_read_bytes, 2.0 * 1808.0 * 1024.0 * 2.0);
    EQ(chunk->flops, (4.0 * 128.0 + 5.0) * 40.0 * 1809.0);
    EQ(find_in(&r, ROOF_OP_ATTENTION, 2)->kv_read_bytes,
       2.0 * 10000.0 * 1024.0 * 2.0);
    /* The dense layers' MLP and the MoE layers' shared expert. */
    EQ(find_in(&r, ROOF_OP_GATE_PROJ, 0)->weight_bytes,
       5120.0 * 16384.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_GATE_PROJ, 1)->weight_bytes, 5120.0 * 8192.0 * 2.0);
    for (uint32_t i = 0; i < r.n; i++) /* no experts in the dense group */
        assert_false(r.ops[i].group == 0
                     && r.ops[i].id == ROOF_OP_EXPERT_UP_PROJ);
    assert_true(find_in(&r, ROOF_OP_ROUTER, 1)->flops > 0.0);
    assert_true(find_in(&r, ROOF_OP_ROUTER, 2)->flops > 0.0);

    /* Prefill of 10,000 tokens: each query sees its chunk up to itself,
     * 8192 x 8193 / 2 + 1808 x 1809 / 2 = 35,193,864 scores a head. */
    w = prefill(1, 10000);
    w.attention = ROOF_ATTN_FUSED;
    ops_on(&m, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_ATTENTION, 1)->flops,
       (4.0 * 128.0 + 5.0) * 40.0 * 35193864.0);
    EQ(find_in(&r, ROOF_OP_ATTENTION, 2)->flops,
       (4.0 * 128.0 + 5.0) * 40.0 * (10000.0 * 10001.0 / 2.0));
}

/* A layer without attention or without an MLP: one all-reduce, not two,
 * and none of the missing block's operators.  Decode of 4 sequences on 2
 * devices: the all-reduce of one block sends 2 x 1/2 x 4 x 2880 x 2 B. */
static void test_mixer_only_and_mlp_only_layers(void **state)
{
    (void)state;
    roof_model m = model("gpt-oss-20b");
    m.groups[0].mixer = ROOF_MIXER_ATTENTION;
    m.groups[0].window = 0;
    m.groups[0].mlp = ROOF_GROUP_MLP_NONE;
    m.groups[1].mixer = ROOF_MIXER_NONE;
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = decode(4, 100);
    w.tensor_parallel = 2;
    run r;
    ops_on(&m, &w, &hw, &r);
    assert_int_equal(r.n, (4 + 1 + 3 + 2 + 1) + (2 + 1 + 4 + 1) + 3);
    EQ(find_in(&r, ROOF_OP_ALLREDUCE, 0)->comm_bytes, 4.0 * 2880.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_ALLREDUCE, 1)->comm_bytes, 4.0 * 2880.0 * 2.0);
    for (uint32_t i = 0; i < r.n; i++) {
        const roof_op *o = &r.ops[i];
        assert_false(o->group == 0 && o->op_class == ROOF_CLASS_MLP_PROJ);
        assert_false(o->group == 1 && o->scope == ROOF_SCOPE_LAYER
                     && o->op_class == ROOF_CLASS_ATTN_PROJ);
    }
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);
    /* The model's total: each group's layer 12 times, plus the top. */
    double model_top = 0.0, g0 = 0.0, g1 = 0.0;
    for (uint32_t i = 0; i < r.n; i++) {
        const roof_op *o = &r.ops[i];
        double *to = o->scope == ROOF_SCOPE_MODEL ? &model_top
                                                  : o->group ? &g1 : &g0;
        *to += o->flops;
    }
    NEAR(r.t.model.flops, 12.0 * g0 + 12.0 * g1 + model_top, 1e-15);
}

/* A model with groups is checked as one without: a buffer too small
 * says how many records it needs and writes nothing; a step too large
 * overflows before anything is written. */
static void test_groups_buffer_and_overflow(void **state)
{
    (void)state;
    roof_model m = model("gpt-oss-20b");
    m.sliding_window = 16; /* the full layers' reach: less than group 0's */
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = decode(2, 1000);
    roof_op few[4];
    uint32_t n = 0;
    roof_totals t, keep;
    memset(&t, 0x5A, sizeof t);
    keep = t;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, few, 4, &n, &t),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 2 * 17 + 3);
    assert_memory_equal(&t, &keep, sizeof t);
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, few, 4, NULL, &t),
                     ROOF_E_BUFFER_TOO_SMALL);
    run r;
    ops_on(&m, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_QK_MATMUL, 0)->gemm_n, 128.0); /* its window */
    EQ(find_in(&r, ROOF_OP_QK_MATMUL, 1)->gemm_n, 16.0);
    w.batch = UINT32_MAX;
    w.new_tokens = UINT32_MAX;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, r.ops, ROOF_MAX_OPS, &n,
                              &t),
                     ROOF_E_OVERFLOW);
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &t), ROOF_E_OVERFLOW);
    assert_memory_equal(&t, &keep, sizeof t);
}

/* DeepSeek-V3 by hand (docs/model.md, "MLA"): 128 heads, q LoRA 1536,
 * latent 512 + k_rope 64 = 576 a token, heads of 128 + 64 (q, k) and 128
 * (v).  Decode of one sequence at 4096 cached tokens, fused, 16-bit. */
/* A preset at the workload's widths: its own formats cleared. */
static roof_model workload_widths(const char *name)
{
    roof_model m = model(name);
    m.formats_set = m.format_layers = m.format_experts = 0;
    m.format_embedding = m.format_lm_head = 0;
    return m;
}

static void test_mla_decode_by_hand(void **state)
{
    (void)state;
    const roof_model m = workload_widths("deepseek-v3");
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = decode(1, 4096);
    w.attention = ROOF_ATTN_FUSED;
    run r;
    ops_on(&m, &w, &hw, &r);
    /* The latent is read once per layer: 4096 x 576 x 2 B, where 128
     * heads of K and V would be 4096 x 128 x (192 + 128) x 2 B. */
    const roof_op *att = find_in(&r, ROOF_OP_ATTENTION, 1);
    EQ(att->kv_read_bytes, 4096.0 * 576.0 * 2.0);
    EQ(att->kv_write_bytes, 576.0 * 2.0);
    /* Scores over the latent (576) and values in it (512): 2 x 576 +
     * 2 x 512 + 5 FLOPs each, 128 heads x 4097 keys. */
    EQ(att->flops, (2.0 * 576.0 + 2.0 * 512.0 + 5.0) * 128.0 * 4097.0);
    /* W_UK and W_UV: 128 heads x 128 x 512 each. */
    const roof_op *qa = find_in(&r, ROOF_OP_Q_ABSORB, 1);
    EQ(qa->weight_bytes, 128.0 * 128.0 * 512.0 * 2.0);
    /* At the preset's own FP8 with a 32-bit scale per 128 x 128 block:
     * 8,388,608 weights x (1 + 4 / 16384) B = 8,390,656 B. */
    const roof_model own = model("deepseek-v3");
    ops_on(&own, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_Q_ABSORB, 1)->weight_bytes, 8390656.0);
    ops_on(&m, &w, &hw, &r);
    qa = find_in(&r, ROOF_OP_Q_ABSORB, 1);
    EQ(qa->flops, 2.0 * 128.0 * 128.0 * 512.0);
    EQ(find_in(&r, ROOF_OP_O_ABSORB, 1)->weight_bytes,
       128.0 * 512.0 * 128.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_Q_A_PROJ, 1)->weight_bytes, 7168.0 * 1536.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_Q_PROJ, 1)->weight_bytes,
       1536.0 * 128.0 * 192.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_KV_A_PROJ, 1)->weight_bytes, 7168.0 * 576.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_O_PROJ, 1)->weight_bytes,
       128.0 * 128.0 * 7168.0 * 2.0);
    assert_false(has(&r, ROOF_OP_KV_B_PROJ));
    /* A layer: norm, q_a, q, kv_a, rope, q_absorb, attention, o_absorb,
     * o, add; then the MLP (dense: norm, gate, up, act, down, add = 6;
     * MoE: norm, router, the shared expert's 4, the experts' 4, add =
     * 11). */
    assert_int_equal(r.n, (10 + 6) + (10 + 11) + 3);
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);

    /* On 8 devices: 16 heads each; the down-projections and the latent
     * stay whole on every device. */
    w.tensor_parallel = 8;
    ops_on(&m, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_ATTENTION, 0)->kv_read_bytes, 4096.0 * 576.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_Q_A_PROJ, 0)->weight_bytes, 7168.0 * 1536.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_Q_ABSORB, 0)->weight_bytes,
       16.0 * 128.0 * 512.0 * 2.0);
}

/* Prefill decompresses: kv_b turns each of the 1000 tokens' latents into
 * 128 heads of K_nope and V (128 + 128), then attention runs over heads
 * of 192 (q, k) and 128 (v).  Unfused, the rectangle is 1000 x 1000. */
static void test_mla_prefill_by_hand(void **state)
{
    (void)state;
    roof_model m = workload_widths("deepseek-v3");
    m.q_lora_rank = 0; /* q straight from the hidden state */
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = prefill(1, 1000);
    w.attention = ROOF_ATTN_FUSED;
    run r;
    ops_on(&m, &w, &hw, &r);
    const roof_op *kvb = find_in(&r, ROOF_OP_KV_B_PROJ, 0);
    EQ(kvb->flops, 2.0 * 1000.0 * 512.0 * 128.0 * 256.0);
    EQ(kvb->weight_bytes, 512.0 * 128.0 * 256.0 * 2.0);
    EQ(kvb->kv_read_bytes, 0.0); /* nothing cached yet */
    EQ(find_in(&r, ROOF_OP_ATTENTION, 0)->flops,
       (2.0 * 192.0 + 2.0 * 128.0 + 5.0) * 128.0 * (1000.0 * 1001.0 / 2.0));
    EQ(find_in(&r, ROOF_OP_Q_PROJ, 0)->weight_bytes,
       7168.0 * 128.0 * 192.0 * 2.0);
    assert_false(has(&r, ROOF_OP_Q_A_PROJ) || has(&r, ROOF_OP_Q_ABSORB));
    w.attention = ROOF_ATTN_UNFUSED;
    w.cached_tokens = 24; /* a chunk after 24 cached tokens */
    ops_on(&m, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_QK_MATMUL, 0)->flops,
       2.0 * 128.0 * 1000.0 * 1024.0 * 192.0);
    EQ(find_in(&r, ROOF_OP_PV_MATMUL, 0)->flops,
       2.0 * 128.0 * 1000.0 * 1024.0 * 128.0);
    EQ(find_in(&r, ROOF_OP_KV_B_PROJ, 0)->kv_read_bytes, 24.0 * 576.0 * 2.0);
    /* Unfused decode reads the latent for the scores and again for the
     * values: 576 + 512 elements a cached token. */
    w = decode(2, 100);
    ops_on(&m, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_QK_MATMUL, 0)->kv_read_bytes,
       2.0 * 100.0 * 576.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_PV_MATMUL, 0)->kv_read_bytes,
       2.0 * 100.0 * 512.0 * 2.0);
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);
}

/* Nemotron-H-8B's Mamba-2 layers by hand (docs/model.md, "Mamba-2"):
 * 128 heads of 64 (inner 8192), state 128, 8 groups of B and C, kernel 4.
 * The conv sees x, B, C: 8192 + 2 x 8 x 128 = 10,240 channels; in_proj
 * makes z, x, B, C and dt: 8192 + 10,240 + 128 = 18,560.  Decode of one
 * sequence at 1000 cached tokens, 16-bit. */
static void test_mamba2_by_hand(void **state)
{
    (void)state;
    const roof_model m = model("nemotron-h-8b");
    const roof_hardware hw = device("h100-sxm");
    roof_workload w = decode(1, 1000);
    run r;
    ops_on(&m, &w, &hw, &r);
    const roof_op *scan = find_in(&r, ROOF_OP_SSM_SCAN, 0);
    /* The state, 128 x 64 x 128, read and written each step. */
    EQ(scan->kv_read_bytes, 8192.0 * 128.0 * 2.0);
    EQ(scan->kv_write_bytes, 8192.0 * 128.0 * 2.0);
    EQ(scan->flops, 128.0 * (4.0 * 64.0 * 128.0 + 2.0 * (128.0 + 64.0)));
    const roof_op *conv = find_in(&r, ROOF_OP_SSM_CONV, 0);
    EQ(conv->kv_read_bytes, 3.0 * 10240.0 * 2.0); /* the last 3 inputs */
    EQ(conv->flops, 2.0 * 4.0 * 10240.0);
    EQ(find_in(&r, ROOF_OP_SSM_IN_PROJ, 0)->weight_bytes,
       4096.0 * 18560.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_SSM_OUT_PROJ, 0)->weight_bytes,
       8192.0 * 4096.0 * 2.0);
    /* Groups: Mamba (7 ops), MLP (norm, up, act, down, add: 5), attention
     * (norm, q, k, v, rope, qk, softmax, pv, o, add: 10); then 3. */
    assert_int_equal(r.n, 7 + 5 + 10 + 3);
    /* The decode step's state traffic does not grow with the context. */
    run far;
    w.cached_tokens = 7000;
    ops_on(&m, &w, &hw, &far);
    EQ(find_in(&far, ROOF_OP_SSM_SCAN, 0)->bytes, scan->bytes);
    /* A prefill has no state to read, and writes it once. */
    w = prefill(2, 1000);
    ops_on(&m, &w, &hw, &r);
    scan = find_in(&r, ROOF_OP_SSM_SCAN, 0);
    EQ(scan->kv_read_bytes, 0.0);
    EQ(scan->kv_write_bytes, 2.0 * 8192.0 * 128.0 * 2.0);
    EQ(scan->flops, 2000.0 * 128.0 * (4.0 * 64.0 * 128.0
                                      + 2.0 * 128.5 * (128.0 + 64.0)));
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);
    /* On 8 devices: 16 heads and one group each; 16 does not split the 8
     * groups. */
    w.tensor_parallel = 8;
    ops_on(&m, &w, &hw, &r);
    EQ(find_in(&r, ROOF_OP_SSM_SCAN, 0)->kv_write_bytes,
       2.0 * 1024.0 * 128.0 * 2.0);
    w.tensor_parallel = 16;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_E_INVALID);
}

/* Qwen3-Next's Gated DeltaNet by hand (docs/model.md): 32 value heads of
 * 128, 16 key heads of 128, kernel 4: q, k, v convolved (4096 + 2 x 16 x
 * 128 = 8192 channels), in_proj_qkvz and in_proj_ba 12,288 + 64 wide; the
 * state 32 x 128 x 128 a sequence.  Decode of one sequence at 500. */
static void test_gated_deltanet_by_hand(void **state)
{
    (void)state;
    const roof_model m = model("qwen3-next-80b-a3b");
    const roof_hardware hw = device("h100-sxm");
    const roof_workload w = decode(1, 500);
    run r;
    ops_on(&m, &w, &hw, &r);
    const roof_op *scan = find_in(&r, ROOF_OP_SSM_SCAN, 0);
    EQ(scan->kv_read_bytes, 4096.0 * 128.0 * 2.0);
    EQ(scan->kv_write_bytes, 4096.0 * 128.0 * 2.0);
    /* 7 dk dv a head for the delta rule, 2 (dk + dv) within the chunk. */
    EQ(scan->flops, 32.0 * (7.0 * 128.0 * 128.0 + 2.0 * 256.0));
    EQ(scan->weight_bytes, 2.0 * 32.0 * 2.0); /* A and dt bias */
    EQ(find_in(&r, ROOF_OP_SSM_CONV, 0)->kv_read_bytes, 3.0 * 8192.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_SSM_IN_PROJ, 0)->weight_bytes,
       2048.0 * 12352.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_SSM_NORM, 0)->weight_bytes, 128.0 * 2.0);
    /* The attention layers: gated output (16 heads of 256), QK-norm. */
    EQ(find_in(&r, ROOF_OP_ATTN_GATE, 1)->weight_bytes,
       2048.0 * 4096.0 * 2.0);
    EQ(find_in(&r, ROOF_OP_QK_NORM, 1)->weight_bytes, 2.0 * 256.0 * 2.0);
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);
}

/* The small terms by hand, Qwen3-8B decoding 2 sequences at 100 cached:
 * QK-norm over q (32 x 128) and k (8 x 128) of 2 tokens, 4 FLOPs an
 * element, 2 x 128 gains; with an output gate, its projection 2 x 4096 x
 * 4096 x 2 FLOPs plus 5 an element of the 2 x 4096 output; gpt-oss's sink
 * logits join the unfused softmax: 5 x 64 heads x 2 sequences. */
static void test_small_terms_by_hand(void **state)
{
    (void)state;
    roof_model m = model("qwen3-8b");
    const roof_hardware hw = device("h100-sxm");
    const roof_workload w = decode(2, 100);
    run r;
    ops_on(&m, &w, &hw, &r);
    const roof_op *qk = find(&r, ROOF_OP_QK_NORM);
    EQ(qk->flops, 4.0 * 2.0 * (4096.0 + 1024.0));
    EQ(qk->weight_bytes, 2.0 * 128.0 * 2.0);
    assert_false(has(&r, ROOF_OP_ATTN_GATE));
    roof_model_params before, after;
    assert_int_equal(roof_model_param_count(&m, &before), ROOF_OK);
    m.attn_extras |= ROOF_EXTRA_OUTPUT_GATE;
    ops_on(&m, &w, &hw, &r);
    const roof_op *gate = find(&r, ROOF_OP_ATTN_GATE);
    EQ(gate->flops, 2.0 * 2.0 * 4096.0 * 4096.0 + 5.0 * 2.0 * 4096.0);
    EQ(gate->weight_bytes, 4096.0 * 4096.0 * 2.0);
    assert_int_equal(roof_model_param_count(&m, &after), ROOF_OK);
    EQ(after.total - before.total, 36.0 * 4096.0 * 4096.0);
    roof_totals st;
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    assert_memory_equal(&st, &r.t, sizeof st);
    m.attn_extras = ROOF_EXTRA_ALL + 1; /* an unknown bit */
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_E_INVALID);

    const roof_model oss = model("gpt-oss-20b");
    ops_on(&oss, &w, &hw, &r);
    const roof_op *sm = find(&r, ROOF_OP_SOFTMAX);
    /* 101 keys (within the window of 128) and one sink a head. */
    EQ(sm->flops, 5.0 * (2.0 * 64.0 * 1.0 * 101.0 + 2.0 * 64.0));
    EQ(sm->weight_bytes, 64.0 * 2.0);
}

/* The fields kept for later (and the calibrated time, not computed here)
 * come back 0 whatever the buffers held before. */
static void test_reserved_outputs_are_zero(void **state)
{
    (void)state;
    const roof_model m = model("mixtral-8x7b");
    const roof_hardware hw = device("h100-sxm");
    roof_workload w;
    assert_int_equal(roof_workload_decode(4, 512, &w), ROOF_OK);
    w.tensor_parallel = 2;
    roof_op ops[ROOF_MAX_OPS];
    roof_totals t, st;
    memset(ops, 0xff, sizeof ops);
    memset(&t, 0xff, sizeof t);
    memset(&st, 0xff, sizeof st);
    uint32_t n = 0;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t),
                     ROOF_OK);
    assert_int_equal(roof_step(&m, &w, &hw, NULL, &st), ROOF_OK);
    for (uint32_t i = 0; i < n; i++) {
        assert_true(ops[i].expected_seconds > 0.0); /* the calibrated time */
        assert_int_equal(ops[i].group, 0);
        assert_int_equal(ops[i].reserved0, 0);
        for (size_t j = 0; j < 4; j++)
            assert_true(ops[i].reserved[j] == 0.0);
    }
    const roof_sum *sums[] = {&t.layer, &t.model, &st.layer, &st.model};
    for (size_t i = 0; i < 4; i++) {
        assert_true(sums[i]->expected_seconds > 0.0);
        for (size_t j = 0; j < 4; j++)
            assert_true(sums[i]->reserved[j] == 0.0);
    }
    assert_true(t.overhead_seconds == 0.0); /* off in built-in profiles */
    for (size_t j = 0; j < 3; j++)
        assert_true(t.reserved[j] == 0.0 && st.reserved[j] == 0.0);
    assert_memory_equal(&t, &st, sizeof t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_op_names),
        cmocka_unit_test(test_workload_helpers),
        cmocka_unit_test(test_workload_validate_rejects),
        cmocka_unit_test(test_llama13b_prefill_1024),
        cmocka_unit_test(test_llama13b_decode_1024),
        cmocka_unit_test(test_llama2_70b_gqa_decode),
        cmocka_unit_test(test_mixtral_experts_touched),
        cmocka_unit_test(test_moe_with_shared_expert),
        cmocka_unit_test(test_quantized_4bit_group128_kv8),
        cmocka_unit_test(test_model_formats_per_module),
        cmocka_unit_test(test_model_formats_experts),
        cmocka_unit_test(test_llama3_8b_4bit_decode_bytes),
        cmocka_unit_test(test_matmul_roof_follows_format),
        cmocka_unit_test(test_fused_attention_causal),
        cmocka_unit_test(test_sliding_window),
        cmocka_unit_test(test_tensor_parallel),
        cmocka_unit_test(test_gpt3_plain_mlp_learned_positions),
        cmocka_unit_test(test_roofline_and_totals),
        cmocka_unit_test(test_efficiency_scales_time),
        cmocka_unit_test(test_elementwise_falls_back_without_fp32),
        cmocka_unit_test(test_more_batch_never_fewer_flops),
        cmocka_unit_test(test_decode_batch1_is_memory_bound),
        cmocka_unit_test(test_decode_gemm_intensity_is_batch),
        cmocka_unit_test(test_buffer_too_small),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_step_is_ops_totals),
        cmocka_unit_test(test_reserved_outputs_are_zero),
        cmocka_unit_test(test_window_schedule_by_hand),
        cmocka_unit_test(test_chunked_and_dense_first_by_hand),
        cmocka_unit_test(test_mixer_only_and_mlp_only_layers),
        cmocka_unit_test(test_groups_buffer_and_overflow),
        cmocka_unit_test(test_mla_decode_by_hand),
        cmocka_unit_test(test_mla_prefill_by_hand),
        cmocka_unit_test(test_mamba2_by_hand),
        cmocka_unit_test(test_small_terms_by_hand),
        cmocka_unit_test(test_gated_deltanet_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
