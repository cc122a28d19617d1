/* Tests of lib/estimate.c: requests, memory by hand, what fits, times by
 * hand, the closed-form decode sum against the step-by-step sum, pipeline
 * and tensor parallelism, bad inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "roofmodel.h"

#define REL_TOL 1e-9

static void assert_rel(double got, double want, double tol)
{
    const double scale = fabs(want) > 1e-300 ? fabs(want) : 1.0;
    if (!(fabs(got - want) <= tol * scale))
        fail_msg("got %.17g, want %.17g (rel %.3g)", got, want,
                 fabs(got - want) / scale);
}

/* A model small enough to count by hand:
 *   hidden 64, 2 layers, 4 heads of 16, 4 K/V heads, gated MLP of 128,
 *   vocab 256, RMSNorm, RoPE, untied embeddings. */
static roof_model tiny_model(void)
{
    roof_model m;
    memset(&m, 0, sizeof m);
    strcpy(m.name, "tiny");
    m.hidden = 64;
    m.layers = 2;
    m.heads = 4;
    m.kv_heads = 4;
    m.head_dim = 16;
    m.intermediate = 128;
    m.vocab = 256;
    m.mlp = ROOF_MLP_GATED;
    m.norm = ROOF_NORM_RMS;
    m.position = ROOF_POS_ROPE;
    m.native_bits = 16;
    return m;
}

/* A made-up device: FP16 only (elementwise ops then use the FP16 roof too),
 * peak = 1 unit x fp16_per_clock x 1 GHz. */
static roof_hardware test_device(double fp16_per_clock, double dram,
                                 double memory, double link)
{
    roof_hardware hw;
    memset(&hw, 0, sizeof hw);
    strcpy(hw.name, "test");
    hw.units = 1;
    hw.clock_hz = 1e9;
    hw.flops_per_clock_per_unit[ROOF_FP16] = fp16_per_clock;
    hw.memory_bytes = memory;
    hw.dram_bytes_per_s = dram;
    hw.interconnect_bytes_per_s = link;
    return hw;
}

static roof_model preset_model(const char *name)
{
    roof_model m;
    assert_int_equal(roof_model_find(name, &m), ROOF_OK);
    return m;
}

static roof_hardware preset_device(const char *name)
{
    roof_hardware hw;
    assert_int_equal(roof_hardware_find(name, &hw), ROOF_OK);
    return hw;
}

static roof_request request(uint32_t batch, uint32_t prompt, uint32_t gen)
{
    roof_request r;
    assert_int_equal(roof_request_init(batch, prompt, gen, &r), ROOF_OK);
    return r;
}

/* ---- the reference: every step through roof_ops() ------------------- */

typedef struct step_ref {
    double layer_seconds; /* one layer */
    double model_seconds; /* embed + final_norm + lm_head */
    double new_tokens;
    double total_seconds; /* the step: what a model with groups sums */
} step_ref;

static step_ref run_step(const roof_model *m, const roof_hardware *hw,
                         const roof_request *r, uint32_t new_tokens,
                         uint32_t cached)
{
    roof_workload w = r->workload;
    const uint32_t mb = r->microbatches;
    w.batch = (w.batch + mb - 1) / mb;
    w.new_tokens = new_tokens;
    w.cached_tokens = cached;
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    roof_totals t;
    assert_int_equal(roof_ops(m, &w, hw, &r->efficiency, ops, ROOF_MAX_OPS,
                              &n, &t), ROOF_OK);
    step_ref s = {t.layer.seconds, 0.0, new_tokens, t.model.seconds};
    for (uint32_t i = 0; i < n; i++) {
        if (ops[i].scope == ROOF_SCOPE_MODEL)
            s.model_seconds += ops[i].roofline.seconds;
    }
    return s;
}

/* One step's time with p stages and m micro-batches (docs/estimate.md):
 * L + (m-1) ceil(L/p) layers, m times the model ops, m + p - 2 transfers
 * of a micro-batch's activations. */
static double step_seconds(const roof_model *m, const roof_hardware *hw,
                           const roof_request *r, step_ref s)
{
    const uint32_t p = r->pipeline_parallel, mb = r->microbatches;
    if (m->group_count > 0) /* one stage: m micro-batches run in turn */
        return mb * s.total_seconds;
    const double ceil_layers = (m->layers + p - 1) / p;
    double t = (m->layers + (mb - 1.0) * ceil_layers) * s.layer_seconds
               + mb * s.model_seconds;
    if (p > 1) {
        const double micro = (r->workload.batch + mb - 1) / mb;
        const double bytes = micro * s.new_tokens * m->hidden
                             * r->workload.activation_bits / 8.0;
        t += (mb + p - 2.0) * bytes
             / (hw->interconnect_bytes_per_s * r->efficiency.interconnect);
    }
    return t;
}

/* Kahan-summed decode steps c = prompt .. prompt + gen - 2. */
static double stepwise_decode(const roof_model *m, const roof_hardware *hw,
                              const roof_request *r)
{
    double sum = 0.0, carry = 0.0;
    for (uint32_t i = 1; i < r->gen_tokens; i++) {
        const double y = step_seconds(m, hw, r,
                                      run_step(m, hw, r, 1,
                                               r->prompt_tokens + i - 1))
                         - carry;
        const double t = sum + y;
        carry = (t - sum) - y;
        sum = t;
    }
    return sum;
}

static void check_against_steps(const roof_model *m, const roof_hardware *hw,
                                const roof_request *r)
{
    roof_estimate e;
    assert_int_equal(roof_estimate_run(m, hw, r, &e), ROOF_OK);
    const double ttft = step_seconds(m, hw, r,
                                     run_step(m, hw, r, r->prompt_tokens, 0));
    assert_rel(e.ttft_seconds, ttft, REL_TOL);
    const double decode = stepwise_decode(m, hw, r);
    assert_rel(e.decode_seconds, decode, REL_TOL);
    assert_rel(e.e2e_seconds, ttft + decode, REL_TOL);
    if (r->gen_tokens == 1) {
        assert_true(e.tpot_seconds == 0.0 && e.first_tpot_seconds == 0.0
                    && e.last_tpot_seconds == 0.0);
        return;
    }
    const uint32_t c0 = r->prompt_tokens;
    const uint32_t c1 = r->prompt_tokens + r->gen_tokens - 2;
    assert_rel(e.first_tpot_seconds,
               step_seconds(m, hw, r, run_step(m, hw, r, 1, c0)), REL_TOL);
    assert_rel(e.last_tpot_seconds,
               step_seconds(m, hw, r, run_step(m, hw, r, 1, c1)), REL_TOL);
    assert_rel(e.tpot_seconds, decode / (r->gen_tokens - 1), REL_TOL);
}

/* ---- requests --------------------------------------------------------- */

static void test_request_init(void **state)
{
    (void)state;
    roof_request r = request(3, 100, 20);
    assert_int_equal(r.workload.batch, 3);
    assert_int_equal(r.prompt_tokens, 100);
    assert_int_equal(r.gen_tokens, 20);
    assert_int_equal(r.pipeline_parallel, 1);
    assert_int_equal(r.microbatches, 1);
    assert_int_equal(r.workload.tensor_parallel, 1);
    assert_int_equal(r.workload.weight_bits, 16);
    assert_true(r.efficiency.compute == 1.0 && r.efficiency.memory == 1.0
                && r.efficiency.interconnect == 1.0);
    assert_true(r.activation_reserve == 0.0);
    assert_int_equal(roof_request_validate(&r), ROOF_OK);

    roof_request keep, out;
    memset(&out, 0xA5, sizeof out);
    keep = out;
    assert_int_equal(roof_request_init(0, 1, 1, &out), ROOF_E_RANGE);
    assert_int_equal(roof_request_init(1, 0, 1, &out), ROOF_E_RANGE);
    assert_int_equal(roof_request_init(1, 1, 0, &out), ROOF_E_RANGE);
    assert_int_equal(roof_request_init(1, UINT32_MAX, 1, &out), ROOF_E_RANGE);
    assert_memory_equal(&out, &keep, sizeof out);
    assert_int_equal(roof_request_init(1, 1, 1, NULL), ROOF_E_NULL);
}

static void test_request_validate(void **state)
{
    (void)state;
    const roof_request good = request(4, 10, 10);
    roof_request r;
    assert_int_equal(roof_request_validate(NULL), ROOF_E_NULL);
    r = good; r.prompt_tokens = 0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.gen_tokens = 0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.pipeline_parallel = 0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.microbatches = 0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.microbatches = 5; /* more micro-batches than sequences */
    assert_int_equal(roof_request_validate(&r), ROOF_E_INVALID);
    r = good; r.prompt_tokens = UINT32_MAX - 5;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    const double bad_reserve[] = {-0.1, 1.0, 2.0, (double)NAN, (double)INFINITY};
    for (size_t i = 0; i < sizeof bad_reserve / sizeof bad_reserve[0]; i++) {
        r = good;
        r.activation_reserve = bad_reserve[i];
        assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    }
    r = good; r.efficiency.memory = 0.0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.efficiency.compute = (double)NAN;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.reserved[3] = 1;
    assert_int_equal(roof_request_validate(&r), ROOF_E_INVALID);
    r = good; r.workload.attention = 7;
    assert_int_equal(roof_request_validate(&r), ROOF_E_INVALID);
    r = good; r.workload.batch = 0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    r = good; r.workload.kv_bits = 0;
    assert_int_equal(roof_request_validate(&r), ROOF_E_RANGE);
    /* The step fields are ignored. */
    r = good; r.workload.new_tokens = 0; r.workload.cached_tokens = 99;
    assert_int_equal(roof_request_validate(&r), ROOF_OK);
    r = good; r.activation_reserve = 0.999;
    assert_int_equal(roof_request_validate(&r), ROOF_OK);
}

/* ---- memory ----------------------------------------------------------- */

/* The tiny model, 16-bit, batch 2, prompt 10, 6 generated, by hand:
 * weights, per layer: q and o 2 x 64 x 64 = 8192, k and v 2 x 64 x 64 =
 *   8192, gate/up/down 3 x 64 x 128 = 24576: 40960 params x 2 B = 81920 B,
 *   two RMSNorm gains 2 x 64 x 2 B = 256 B: 82176 B; two layers 164352 B;
 *   embed and lm_head 256 x 64 x 2 B = 32768 B each; final norm 128 B:
 *   230016 B.
 * KV: 2 seq x 16 tokens x 2 layers x 2 (K, V) x 4 heads x 16 x 2 B
 *   = 2 x 16 x 512 B = 16384 B.
 * activations of one sequence's prefill (s = 10), in elements: residual
 *   10 x 64 = 640, plus the largest of q/k/v with their input 10 x (64 +
 *   12 x 16) = 2560, scores and probabilities 2 x 4 x 10 x 10 = 800, the
 *   MLP's input and 3 lanes 10 x (64 + 3 x 128) = 4480, logits 256:
 *   640 + 4480 = 5120 elements = 10240 B; two sequences 20480 B.
 * total 230016 + 16384 + 20480 = 266880 B. */
static void test_memory_by_hand(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1000.0, 1e9, 1e6, 0.0);
    roof_request r = request(2, 10, 6);
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.weight_bytes == 230016.0);
    assert_true(mem.kv_bytes == 16384.0);
    assert_true(mem.activation_bytes == 20480.0);
    assert_true(mem.total_bytes == 266880.0);
    assert_true(mem.capacity_bytes == 1e6);
    assert_int_equal(mem.fits, 1);

    /* Weights agree with the parameter count: 2 bytes each. */
    roof_model_params params;
    assert_int_equal(roof_model_param_count(&m, &params), ROOF_OK);
    assert_true(mem.weight_bytes == 2.0 * params.total);

    /* A reserve of 3/4 leaves 250000 B: no longer fits. */
    r.activation_reserve = 0.75;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.capacity_bytes == 250000.0);
    assert_int_equal(mem.fits, 0);

    /* Fused attention does not change the peak here (the MLP wins); 8-bit
     * KV halves the cache: 8192 B. */
    r = request(2, 10, 6);
    r.workload.kv_bits = 8;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.kv_bytes == 8192.0);
}

/* The same over a real model: 2 bytes per parameter, and the KV cache of
 * Llama-2 13B: 40 layers x 2 x 5120 x 2 B = 819200 B per token. */
static void test_memory_llama(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a100-80gb-sxm");
    roof_model_params params;
    assert_int_equal(roof_model_param_count(&m, &params), ROOF_OK);
    const roof_request r = request(4, 1000, 24);
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.weight_bytes == 2.0 * params.total);
    assert_true(mem.kv_bytes == 4.0 * 1024.0 * 819200.0);

    /* Tied embeddings (GPT-3) count the shared matrix once. */
    const roof_model g = preset_model("gpt-3-175b");
    assert_int_equal(roof_model_param_count(&g, &params), ROOF_OK);
    assert_int_equal(roof_memory_footprint(&g, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.weight_bytes == 2.0 * params.total);
}

/* Tensor parallelism of 2 on the tiny model: every projection halves, the
 * norm gains stay: 20480 params x 2 B + 256 B = 41216 B per layer; embed
 * and lm_head 128 rows: 16384 B each; 2 x 41216 + 2 x 16384 + 128 =
 * 115328 B.  K/V heads halve too: 8192 B. */
static void test_memory_tensor_parallel(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1000.0, 1e9, 1e6, 1e9);
    roof_request r = request(2, 10, 6);
    r.workload.tensor_parallel = 2;
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.weight_bytes == 115328.0);
    assert_true(mem.kv_bytes == 8192.0);

    /* Llama-2 70B has 8 K/V heads: at t = 16 each device keeps one (K/V
     * replicated), so the cache stops shrinking past t = 8. */
    const roof_model big = preset_model("llama-2-70b");
    const roof_hardware h100 = preset_device("h100-sxm");
    roof_memory m8, m16;
    r = request(1, 100, 28);
    r.workload.tensor_parallel = 8;
    assert_int_equal(roof_memory_footprint(&big, &h100, &r, &m8), ROOF_OK);
    r.workload.tensor_parallel = 16;
    assert_int_equal(roof_memory_footprint(&big, &h100, &r, &m16), ROOF_OK);
    assert_true(m8.kv_bytes == m16.kv_bytes);
    assert_true(m16.weight_bytes < m8.weight_bytes);
    /* 80 layers x 2 x 1 head x 128 x 2 B x 128 tokens. */
    assert_true(m8.kv_bytes == 80.0 * 2.0 * 128.0 * 2.0 * 128.0);
}

/* Two pipeline stages of one layer each: the first holds the embedding,
 * 82176 + 32768 = 114944 B, the last lm_head and the final norm, 82176 +
 * 32768 + 128 = 115072 B, the larger; its KV is one layer's, 8192 B. */
static void test_memory_pipeline(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1000.0, 1e9, 1e6, 1e9);
    roof_request r = request(2, 10, 6);
    r.pipeline_parallel = 2;
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.weight_bytes == 115072.0);
    assert_true(mem.kv_bytes == 8192.0);
    /* Two micro-batches of one sequence: half the activations. */
    r.microbatches = 2;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.activation_bytes == 10240.0);
    /* More stages than layers is invalid. */
    r.pipeline_parallel = 3;
    r.microbatches = 1;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_E_INVALID);
}

/* max_batch by hand on the tiny model at 16 tokens: 230016 + b (16 x 512 +
 * 10240) = 230016 + 18432 b <= 1e6 gives b <= 41.77: 41.  max_context at
 * batch 2: 230016 + 20480 + 1024 c <= 1e6 gives c <= 731.9: 731. */
static void test_fit_by_hand(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1000.0, 1e9, 1e6, 0.0);
    const roof_request r = request(2, 10, 6);
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_int_equal(e.max_batch, 41);
    assert_int_equal(e.max_context, 731);
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_memory_equal(&mem, &e.memory, sizeof mem);
}

static int fits(const roof_model *m, const roof_hardware *hw,
                roof_request r, uint32_t batch, uint32_t context)
{
    r.workload.batch = batch;
    r.gen_tokens = context - r.prompt_tokens;
    /* Below m sequences a micro-batch holds one: the same footprint. */
    if (batch < r.microbatches)
        r.microbatches = batch;
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(m, hw, &r, &mem), ROOF_OK);
    return (int)mem.fits;
}

/* max_batch fits and max_batch + 1 does not; the same for max_context. */
static void check_fit_boundaries(const roof_model *m, const roof_hardware *hw,
                                 const roof_request *r)
{
    roof_estimate e;
    assert_int_equal(roof_estimate_run(m, hw, r, &e), ROOF_OK);
    const uint32_t ctx = r->prompt_tokens + r->gen_tokens;
    if (e.max_batch > 0) {
        assert_true(fits(m, hw, *r, e.max_batch, ctx));
        assert_false(fits(m, hw, *r, e.max_batch + 1, ctx));
    } else {
        assert_false(fits(m, hw, *r, r->microbatches, ctx));
    }
    if (e.max_context > r->prompt_tokens) {
        assert_true(fits(m, hw, *r, r->workload.batch, e.max_context));
        /* A cache capped by a window may fit any context: the answer is
         * then the largest a request can ask for. */
        if (e.max_context < UINT32_MAX)
            assert_false(fits(m, hw, *r, r->workload.batch,
                              e.max_context + 1));
    }
    assert_int_equal(e.memory.fits, e.max_batch >= r->workload.batch);
}

static void test_fit_boundaries(void **state)
{
    (void)state;
    const char *models[] = {"llama-2-13b", "llama-2-70b", "mistral-7b",
                            "mixtral-8x7b", "gpt-3-175b"};
    const char *devices[] = {"a100-80gb-sxm", "h100-sxm", "a6000"};
    const uint32_t tps[] = {1, 2, 8};
    const uint32_t mbs[] = {1, 3};
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        const roof_model m = preset_model(models[i]);
        for (size_t j = 0; j < sizeof devices / sizeof devices[0]; j++) {
            const roof_hardware hw = preset_device(devices[j]);
            for (size_t k = 0; k < 3; k++) {
                for (size_t l = 0; l < 2; l++) {
                    roof_request r = request(6, 700, 300);
                    r.workload.tensor_parallel = tps[k];
                    r.microbatches = mbs[l];
                    r.pipeline_parallel = tps[k] == 8 ? 2 : 1;
                    r.activation_reserve = 0.1;
                    check_fit_boundaries(&m, &hw, &r);
                }
            }
        }
    }
}

/* A 13B model in 16 bits (26 GB) cannot fit a 16 GB device: max_batch 0. */
static void test_nothing_fits(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    roof_hardware hw = preset_device("a100-80gb-sxm");
    hw.memory_bytes = 16e9;
    const roof_request r = request(1, 10, 10);
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_int_equal(e.memory.fits, 0);
    assert_int_equal(e.max_batch, 0);
    assert_int_equal(e.max_context, 0);
    assert_true(e.ttft_seconds > 0.0); /* times still come */
}

/* ---- times by hand ---------------------------------------------------- */

/* An (almost) infinitely fast device at 1e9 B/s: every op is memory-bound
 * and a step takes bytes / 1e9.  For the tiny model at batch 1 the bytes
 * that grow with the context c (unfused, 16-bit), per layer:
 *   qk reads c cached K rows 64 x 2 B = 128c and writes 4 (c+1) scores of
 *   2 B = 8(c+1); softmax reads and writes them, 16(c+1); pv reads them,
 *   8(c+1), and c cached V rows, 128c: 288c + 32 per layer, 576 B per
 *   token of context for the 2 layers.
 * Prompt 10, 6 generated: decode at c = 10..14, so
 *   decode = (5 B(10) + 576 (0+1+2+3+4)) / 1e9 = (5 B(10) + 5760) / 1e9. */
static void test_memory_bound_by_hand(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1e12, 1e9, 1e6, 0.0);
    const roof_request r = request(1, 10, 6);
    roof_workload w = r.workload;
    w.new_tokens = 1;
    roof_totals t10, t11;
    uint32_t n;
    roof_op ops[ROOF_MAX_OPS];
    w.cached_tokens = 10;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t10),
                     ROOF_OK);
    w.cached_tokens = 11;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t11),
                     ROOF_OK);
    assert_true(t11.model.bytes - t10.model.bytes == 576.0);
    assert_true(t10.model.seconds == t10.model.memory_seconds);

    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_rel(e.decode_seconds, (5.0 * t10.model.bytes + 5760.0) / 1e9,
               1e-12);
    assert_rel(e.first_tpot_seconds, t10.model.bytes / 1e9, 1e-12);
    assert_rel(e.last_tpot_seconds, (t10.model.bytes + 4 * 576.0) / 1e9,
               1e-12);
    assert_rel(e.tpot_seconds, e.decode_seconds / 5.0, 1e-12);
    assert_int_equal(e.decode_bound, ROOF_BOUND_MEMORY);
    assert_rel(e.tokens_per_s, 6.0 / e.e2e_seconds, 1e-12);
    assert_rel(e.decode_tokens_per_s, 1.0 / e.tpot_seconds, 1e-12);
}

/* An (almost) infinite bandwidth: every op is compute-bound at 1e12
 * FLOP/s.  FLOPs growing with the context, per layer: qk 2 x 4 (c+1) x 16
 * = 128 (c+1), softmax 5 x 4 (c+1) = 20 (c+1), pv 128 (c+1): 276 (c+1),
 * 552 FLOPs per token of context for 2 layers.  Prompt 3, 4 generated:
 * decode at c = 3..5: (3 F(3) + 552 (0+1+2)) / 1e12. */
static void test_compute_bound_by_hand(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1000.0, 1e28, 1e6, 0.0);
    const roof_request r = request(1, 3, 4);
    roof_workload w = r.workload;
    w.new_tokens = 1;
    w.cached_tokens = 3;
    roof_totals t3;
    uint32_t n;
    roof_op ops[ROOF_MAX_OPS];
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t3),
                     ROOF_OK);
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_rel(e.decode_seconds, (3.0 * t3.model.flops + 1656.0) / 1e12,
               1e-12);
    assert_int_equal(e.decode_bound, ROOF_BOUND_COMPUTE);
    assert_int_equal(e.prefill_bound, ROOF_BOUND_COMPUTE);
}

/* Half the peak and half the bandwidth: every time doubles. */
static void test_efficiency_scales_times(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a100-80gb-sxm");
    roof_request r = request(8, 512, 200);
    roof_estimate a, b;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &a), ROOF_OK);
    r.efficiency.compute = r.efficiency.memory = 0.5;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &b), ROOF_OK);
    assert_rel(b.ttft_seconds, 2.0 * a.ttft_seconds, 1e-12);
    assert_rel(b.decode_seconds, 2.0 * a.decode_seconds, 1e-12);
    assert_rel(b.tokens_per_s, 0.5 * a.tokens_per_s, 1e-12);
    check_against_steps(&m, &hw, &r);
}

static void test_single_token(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a6000");
    const roof_request r = request(4, 128, 1);
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_true(e.decode_seconds == 0.0 && e.tpot_seconds == 0.0);
    assert_true(e.decode_tokens_per_s == 0.0);
    assert_true(e.e2e_seconds == e.ttft_seconds);
    assert_rel(e.tokens_per_s, 4.0 / e.ttft_seconds, 1e-12);
    assert_rel(e.tokens_per_s_per_seq, 1.0 / e.ttft_seconds, 1e-12);
    check_against_steps(&m, &hw, &r);
}

/* Llama-2 13B on the A6000, batch 1: prefill of 1024 tokens is
 * compute-bound, decode memory-bound, dominated by an MLP projection
 * (gate, up and down are the same size: the first of them is named). */
static void test_where_time_goes(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a6000");
    const roof_request r = request(1, 1024, 64);
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_int_equal(e.prefill_bound, ROOF_BOUND_COMPUTE);
    assert_int_equal(e.decode_bound, ROOF_BOUND_MEMORY);
    assert_int_equal(e.decode_dominant_op, ROOF_OP_GATE_PROJ);
    assert_int_equal(e.prefill_dominant_op, ROOF_OP_GATE_PROJ);
    assert_true(e.allreduce_seconds_per_layer == 0.0);
    assert_true(e.pipeline_bubble_fraction == 0.0);
    /* Decode at batch 1 streams the weights: tpot >= 26 GB / 768 GB/s. */
    assert_true(e.first_tpot_seconds > 26.0e9 / 768e9);
    assert_true(e.last_tpot_seconds > e.first_tpot_seconds);
}

/* ---- the closed form against the step-by-step sum --------------------- */

static void sweep_model(const roof_model *m, const roof_hardware *hw,
                        const uint32_t *tps, size_t ntp)
{
    static const uint32_t batches[] = {1, 7, 64};
    static const uint32_t prompts[] = {1, 100, 4000};
    static const uint32_t gens[] = {1, 2, 3, 17, 1000, 5000};
    size_t k = 0;
    for (size_t t = 0; t < ntp; t++) {
        for (size_t b = 0; b < 3; b++) {
            for (size_t p = 0; p < 3; p++) {
                /* Every gen length for some prompts, a rotating one for
                 * the rest: the sweep stays a few seconds long. */
                for (size_t g = 0; g < 6; g++, k++) {
                    if (k % 3 != 0 && gens[g] >= 1000)
                        continue;
                    roof_request r = request(batches[b], prompts[p], gens[g]);
                    r.workload.tensor_parallel = tps[t];
                    r.workload.attention = (k / 2) % 2 ? ROOF_ATTN_FUSED
                                                       : ROOF_ATTN_UNFUSED;
                    if (k % 5 == 1) {
                        r.efficiency.compute = 0.61;
                        r.efficiency.memory = 0.83;
                        r.efficiency.interconnect = 0.7;
                    }
                    check_against_steps(m, hw, &r);
                }
            }
        }
    }
}

static void test_closed_form_dense(void **state)
{
    (void)state;
    static const uint32_t tps[] = {1, 2, 4};
    const roof_hardware hw = preset_device("a100-80gb-sxm");
    const roof_model a = preset_model("llama-2-13b");
    sweep_model(&a, &hw, tps, 3);
    const roof_model b = preset_model("llama-2-70b");
    sweep_model(&b, &hw, tps, 3);
}

/* Mistral's 4096-token window: prompts of 4000 with 1000 and 5000 tokens
 * cross the kink. */
static void test_closed_form_sliding_window(void **state)
{
    (void)state;
    static const uint32_t tps[] = {1, 2, 4};
    const roof_hardware hw = preset_device("h100-sxm");
    const roof_model m = preset_model("mistral-7b");
    sweep_model(&m, &hw, tps, 3);
    /* Ranges that start, end or sit right at the window. */
    static const uint32_t edges[][2] = {
        {4093, 4}, {4094, 3}, {4095, 2}, {4096, 2}, {4097, 9}, {4090, 20},
        {4099, 50}, {1, 4097}, {4092, 4}, {4098, 1},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        roof_request r = request(3, edges[i][0], edges[i][1]);
        check_against_steps(&m, &hw, &r);
        r.workload.attention = ROOF_ATTN_FUSED;
        check_against_steps(&m, &hw, &r);
    }
}

/* Layer groups: gpt-oss's windows of 128 beside full layers, Gemma-3's
 * 1024, Maverick's chunks of 8192 (ranges inside one chunk, across one
 * boundary and across several), against the step-by-step sums. */
static void test_closed_form_groups(void **state)
{
    (void)state;
    const roof_hardware hw = preset_device("h100-sxm");
    static const struct {
        const char *model;
        uint32_t prompt, gen, batch, tp, mb;
    } cases[] = {
        {"gpt-oss-20b", 100, 60, 3, 1, 1}, {"gpt-oss-20b", 120, 20, 1, 2, 1},
        {"gpt-oss-20b", 1, 300, 8, 1, 2},  {"gpt-oss-120b", 127, 3, 2, 4, 1},
        {"gemma-3-27b", 1000, 60, 4, 2, 1}, {"gemma-3-27b", 1030, 9, 1, 1, 1},
        {"llama-4-maverick", 8150, 100, 2, 8, 1},
        {"llama-4-maverick", 100, 50, 1, 8, 1},
        {"llama-4-maverick", 8191, 2, 1, 8, 1},
        {"llama-4-maverick", 8000, 17000, 1, 8, 1},
        {"deepseek-v3", 300, 40, 2, 8, 1}, {"kimi-k2", 1, 9, 3, 8, 3},
        {"nemotron-h-8b", 100, 50, 4, 2, 2},
        {"qwen3-next-80b-a3b", 64, 80, 3, 2, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const roof_model m = preset_model(cases[i].model);
        roof_request r = request(cases[i].batch, cases[i].prompt,
                                 cases[i].gen);
        r.workload.tensor_parallel = cases[i].tp;
        r.microbatches = cases[i].mb;
        check_against_steps(&m, &hw, &r);
        r.workload.attention = ROOF_ATTN_FUSED;
        check_against_steps(&m, &hw, &r);
    }
}

/* The cache by hand.  Mistral-7B at 32,768 tokens keeps its window of
 * 4096: 32 layers x 2 x 8 x 128 x 2 B x 4096 = 536,870,912 B a sequence,
 * not the 4.29 GB of every token.  gpt-oss-120b at 4096 tokens: 18 full
 * layers x 4096 + 18 sliding layers x 128, each token 2 x 8 x 64 x 2 B
 * = 2048 B: 155,713,536 B. */
static void test_window_caps_cache_by_hand(void **state)
{
    (void)state;
    const roof_hardware hw = preset_device("h100-sxm");
    roof_memory mem;
    const roof_model mistral = preset_model("mistral-7b");
    roof_request r = request(1, 32000, 768);
    assert_int_equal(roof_memory_footprint(&mistral, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.kv_bytes == 536870912.0);
    /* Nemotron-H-8B: 24 Mamba-2 states of 128 x 64 x 128 + 3 x 10,240
     * (1,079,296 elements) a sequence whatever the context, and 4
     * attention layers of 2 x 8 x 128 a token: at 5000 tokens, 2 B each,
     * 51,806,208 + 5000 x 16,384 B a sequence. */
    const roof_model nh = preset_model("nemotron-h-8b");
    r = request(2, 4000, 1000);
    assert_int_equal(roof_memory_footprint(&nh, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.kv_bytes == 2.0 * (51806208.0 + 5000.0 * 16384.0));
    const roof_model oss = preset_model("gpt-oss-120b");
    r = request(3, 4000, 96);
    assert_int_equal(roof_memory_footprint(&oss, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.kv_bytes == 3.0 * 155713536.0);
    /* A window caps every layer's cache: any context fits the batch that
     * fits the window (fused attention: no 32k x 32k score matrix). */
    roof_estimate e;
    r = request(1, 32000, 768);
    r.workload.attention = ROOF_ATTN_FUSED;
    assert_int_equal(roof_estimate_run(&mistral, &hw, &r, &e), ROOF_OK);
    assert_int_equal(e.max_context, UINT32_MAX);
    /* Half of gpt-oss's layers grow with the context: its longest context
     * at batch 3 on 4 devices (2 K/V heads each: 512 B a token a layer)
     * fills what the weights leave with the full layers' cache. */
    r = request(3, 4000, 96);
    r.workload.tensor_parallel = 4;
    r.workload.attention = ROOF_ATTN_FUSED;
    assert_int_equal(roof_estimate_run(&oss, &hw, &r, &e), ROOF_OK);
    const double room = e.memory.capacity_bytes - e.memory.weight_bytes
                        - e.memory.activation_bytes
                        - 3.0 * 18.0 * 128.0 * 512.0;
    assert_true(room > 0.0);
    assert_int_equal(e.max_context,
                     (uint32_t)floor(room / (3.0 * 18.0 * 512.0)));
}

/* The prefill activations take the widest MLP of any layer group.
 * DeepSeek-V3 on 8 devices, 1000 tokens, fused, 16-bit: q, k, v of 16
 * heads of 192 beside the 7168-wide stream, 16,384 elements a token, beat
 * the MLP's 7168 + 3 x 2304; with the dense layers 30,000 wide (3750 a
 * device) the MLP's 7168 + 3 x 3750 = 18,418 wins. */
static void test_activations_take_widest_group(void **state)
{
    (void)state;
    const roof_hardware hw = preset_device("h100-sxm");
    roof_model m = preset_model("deepseek-v3");
    roof_request r = request(1, 1000, 10);
    r.workload.tensor_parallel = 8;
    r.workload.attention = ROOF_ATTN_FUSED;
    roof_memory mem;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.activation_bytes == (7168000.0 + 16384000.0) * 2.0);
    m.groups[0].dense_intermediate = 30000;
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem), ROOF_OK);
    assert_true(mem.activation_bytes == (7168000.0 + 18418000.0) * 2.0);
}

/* Which layers a pipeline stage holds is not part of a schedule of
 * groups: refused, not guessed. */
static void test_groups_refuse_pipeline(void **state)
{
    (void)state;
    const roof_hardware hw = preset_device("h100-sxm");
    const roof_model m = preset_model("gpt-oss-20b");
    roof_request r = request(2, 100, 10);
    r.pipeline_parallel = 2;
    roof_estimate e;
    roof_memory mem;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_E_UNSUPPORTED);
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, &mem),
                     ROOF_E_UNSUPPORTED);
}

static void test_closed_form_moe(void **state)
{
    (void)state;
    static const uint32_t tps[] = {1, 2, 4};
    const roof_hardware hw = preset_device("h100-sxm");
    const roof_model m = preset_model("mixtral-8x7b");
    sweep_model(&m, &hw, tps, 3);
}

/* Tiny windows (1 .. 6 tokens) and made-up devices whose ridge point makes
 * operators cross from memory- to compute-bound within the range. */
static void test_closed_form_crossings(void **state)
{
    (void)state;
    static const double per_clock[] = {50.0, 200.0, 400.0, 700.0, 1000.0,
                                       3000.0};
    for (uint32_t window = 0; window <= 6; window++) {
        roof_model m = tiny_model();
        m.sliding_window = window;
        for (size_t d = 0; d < sizeof per_clock / sizeof per_clock[0]; d++) {
            const roof_hardware hw = test_device(per_clock[d], 1e9, 1e6, 1e9);
            for (uint32_t prompt = 1; prompt <= 9; prompt += 4) {
                for (uint32_t gen = 1; gen <= 40; gen += 13) {
                    for (uint32_t batch = 1; batch <= 33; batch += 8) {
                        roof_request r = request(batch, prompt, gen);
                        check_against_steps(&m, &hw, &r);
                        r.workload.attention = ROOF_ATTN_FUSED;
                        check_against_steps(&m, &hw, &r);
                    }
                }
            }
        }
    }
}

/* ---- pipeline and tensor parallelism ---------------------------------- */

/* One micro-batch over 2 stages: the stages run in turn, plus one transfer
 * of the activations: batch 2 x 10 tokens x 64 x 2 B = 2560 B over 1e9
 * B/s for prefill, 256 B per decode step. */
static void test_pipeline_by_hand(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1000.0, 1e9, 1e6, 1e9);
    roof_request r = request(2, 10, 6);
    roof_estimate one, two;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &one), ROOF_OK);
    r.pipeline_parallel = 2;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &two), ROOF_OK);
    assert_rel(two.ttft_seconds, one.ttft_seconds + 2560e-9, 1e-12);
    assert_rel(two.decode_seconds, one.decode_seconds + 5 * 256e-9, 1e-12);
    assert_true(two.pipeline_bubble_fraction == 0.5);
    check_against_steps(&m, &hw, &r);

    /* 4 stages, 4 micro-batches: bubble 3/7; checked against the steps. */
    const roof_model l = preset_model("llama-2-13b");
    const roof_hardware h100 = preset_device("h100-sxm");
    r = request(16, 300, 50);
    r.pipeline_parallel = 4;
    r.microbatches = 4;
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&l, &h100, &r, &e), ROOF_OK);
    assert_rel(e.pipeline_bubble_fraction, 3.0 / 7.0, 1e-15);
    check_against_steps(&l, &h100, &r);
    r.pipeline_parallel = 3; /* 40 layers: 14, 13, 13 */
    r.microbatches = 5;      /* 16 sequences: micro-batches of 4 */
    r.workload.tensor_parallel = 2;
    check_against_steps(&l, &h100, &r);
    /* No interconnect: pipeline transfers cannot be modelled. */
    roof_hardware pcie = h100;
    pcie.interconnect_bytes_per_s = 0.0;
    r.workload.tensor_parallel = 1;
    memset(&e, 0x5A, sizeof e);
    roof_estimate keep = e;
    assert_int_equal(roof_estimate_run(&l, &pcie, &r, &e), ROOF_E_UNSUPPORTED);
    assert_memory_equal(&e, &keep, sizeof e);
}

/* Per-device weights halve with t = 2 (up to the replicated norms), and a
 * decode step gains the all-reduces. */
static void test_tensor_parallel_sanity(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a100-80gb-sxm");
    roof_request r = request(1, 512, 128);
    roof_estimate e1, e2;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e1), ROOF_OK);
    r.workload.tensor_parallel = 2;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e2), ROOF_OK);
    /* Norms: 81 gains of 5120 x 2 B stay whole on each device. */
    const double norms = 81.0 * 5120.0 * 2.0;
    assert_rel(e2.memory.weight_bytes - norms / 2.0,
               (e1.memory.weight_bytes) / 2.0, 1e-15);
    assert_true(e2.memory.kv_bytes == e1.memory.kv_bytes / 2.0);
    assert_true(e2.allreduce_seconds_per_layer > 0.0);
    assert_true(e1.allreduce_seconds_per_layer == 0.0);
    assert_true(e2.tpot_seconds < e1.tpot_seconds);
    assert_true(e2.tpot_seconds > e1.tpot_seconds / 2.0);
}

static void test_scaling(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a100-80gb-sxm");
    /* Batch 128: the all-reduces move 128 tokens' activations per layer. */
    const roof_request r = request(128, 128, 64);
    roof_scaling_point pts[8];
    uint32_t n = 0;
    assert_int_equal(roof_scaling(&m, &hw, &r, 8, pts, 8, &n), ROOF_OK);
    assert_int_equal(n, 4); /* t = 1, 2, 4, 8: all divide 40 heads */
    assert_true(pts[0].speedup == 1.0 && pts[0].efficiency == 1.0);
    double prev_share = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(pts[i].tensor_parallel, 1u << i);
        assert_int_equal(pts[i].devices, 1u << i);
        assert_int_equal(pts[i].fits, 1);
        roof_request rt = r;
        rt.workload.tensor_parallel = 1u << i;
        roof_estimate e;
        assert_int_equal(roof_estimate_run(&m, &hw, &rt, &e), ROOF_OK);
        assert_true(pts[i].tpot_seconds == e.tpot_seconds);
        assert_rel(pts[i].speedup, pts[0].tpot_seconds / e.tpot_seconds,
                   1e-15);
        /* The all-reduces take a growing share of the step... */
        const double share = 40.0 * e.allreduce_seconds_per_layer
                             / e.first_tpot_seconds;
        assert_true(i == 0 || share > prev_share);
        prev_share = share;
        /* ...so each doubling pays off less. */
        if (i > 0) {
            assert_true(pts[i].speedup > pts[i - 1].speedup);
            assert_true(pts[i].efficiency < pts[i - 1].efficiency);
        }
    }
    assert_true(pts[3].efficiency < 0.9);

    /* Heads bound the degrees: the tiny model's 4 heads allow 1, 2, 4. */
    const roof_model tiny = tiny_model();
    const roof_hardware dev = test_device(1000.0, 1e9, 1e6, 1e9);
    assert_int_equal(roof_scaling(&tiny, &dev, &r, 64, pts, 8, &n), ROOF_OK);
    assert_int_equal(n, 3);

    /* A short buffer: the count needed, nothing written. */
    roof_scaling_point keep[8];
    memset(pts, 0x3C, sizeof pts);
    memcpy(keep, pts, sizeof pts);
    n = 0;
    assert_int_equal(roof_scaling(&m, &hw, &r, 8, pts, 3, &n),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 4);
    assert_memory_equal(pts, keep, sizeof pts);
    assert_int_equal(roof_scaling(&m, &hw, &r, 8, NULL, 0, &n),
                     ROOF_E_BUFFER_TOO_SMALL);
    assert_int_equal(n, 4);

    /* A model that does not fit one device: speedups are 0. */
    const roof_model big = preset_model("llama-2-70b");
    assert_int_equal(roof_scaling(&big, &hw, &r, 4, pts, 8, &n), ROOF_OK);
    assert_int_equal(n, 3);
    assert_int_equal(pts[0].fits, 0);
    assert_int_equal(pts[2].fits, 1);
    assert_true(pts[2].speedup == 0.0);

    /* Pipeline degree 2: devices = 2 t, at most 8. */
    roof_request rp = r;
    rp.pipeline_parallel = 2;
    assert_int_equal(roof_scaling(&m, &hw, &rp, 8, pts, 8, &n), ROOF_OK);
    assert_int_equal(n, 3);
    assert_int_equal(pts[2].devices, 8);

    /* The RTX 4090 has no NVLink: one device is as far as a layer goes. */
    const roof_hardware lone = preset_device("rtx-4090");
    const roof_model small = preset_model("llama-2-7b");
    const roof_request r1 = request(1, 128, 64);
    assert_int_equal(roof_scaling(&small, &lone, &r1, 8, pts, 8, &n), ROOF_OK);
    assert_int_equal(n, 1);
    assert_int_equal(pts[0].tensor_parallel, 1);
    assert_true(pts[0].speedup == 1.0);

    n = 77;
    assert_int_equal(roof_scaling(&m, &hw, &rp, 1, pts, 8, &n), ROOF_E_RANGE);
    assert_int_equal(n, 77);
    assert_int_equal(roof_scaling(NULL, &hw, &r, 8, pts, 8, &n), ROOF_E_NULL);
    assert_int_equal(roof_scaling(&m, &hw, &r, 8, pts, 8, NULL), ROOF_E_NULL);
    assert_int_equal(roof_scaling(&m, &hw, &r, 8, NULL, 8, &n), ROOF_E_NULL);
}

/* ---- bad inputs ------------------------------------------------------- */

static void expect_untouched(const roof_model *m, const roof_hardware *hw,
                             const roof_request *r, int status)
{
    roof_estimate e, keep_e;
    roof_memory mem, keep_m;
    memset(&e, 0x6B, sizeof e);
    memset(&mem, 0x6B, sizeof mem);
    keep_e = e;
    keep_m = mem;
    assert_int_equal(roof_estimate_run(m, hw, r, &e), status);
    assert_memory_equal(&e, &keep_e, sizeof e);
    if (status != ROOF_E_UNSUPPORTED) { /* memory needs no peak */
        assert_int_equal(roof_memory_footprint(m, hw, r, &mem), status);
        assert_memory_equal(&mem, &keep_m, sizeof mem);
    }
}

static void test_bad_inputs(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-2-13b");
    const roof_hardware hw = preset_device("a100-80gb-sxm");
    const roof_request r = request(2, 64, 64);
    roof_estimate e;
    roof_memory mem;
    assert_int_equal(roof_estimate_run(NULL, &hw, &r, &e), ROOF_E_NULL);
    assert_int_equal(roof_estimate_run(&m, NULL, &r, &e), ROOF_E_NULL);
    assert_int_equal(roof_estimate_run(&m, &hw, NULL, &e), ROOF_E_NULL);
    assert_int_equal(roof_estimate_run(&m, &hw, &r, NULL), ROOF_E_NULL);
    assert_int_equal(roof_memory_footprint(NULL, &hw, &r, &mem), ROOF_E_NULL);
    assert_int_equal(roof_memory_footprint(&m, &hw, &r, NULL), ROOF_E_NULL);

    roof_request br = r;
    br.gen_tokens = 0;
    expect_untouched(&m, &hw, &br, ROOF_E_RANGE);
    br = r;
    br.efficiency.compute = 1.5;
    expect_untouched(&m, &hw, &br, ROOF_E_RANGE);
    br = r;
    br.pipeline_parallel = 41; /* more stages than layers */
    expect_untouched(&m, &hw, &br, ROOF_E_INVALID);
    br = r;
    br.workload.tensor_parallel = 3; /* does not divide 40 heads */
    expect_untouched(&m, &hw, &br, ROOF_E_INVALID);
    br = r;
    br.workload.precision = 99;
    expect_untouched(&m, &hw, &br, ROOF_E_INVALID);

    roof_model bm = m;
    bm.kv_heads = 0;
    expect_untouched(&bm, &hw, &r, ROOF_E_RANGE);
    bm = m;
    bm.kv_heads = 7;
    expect_untouched(&bm, &hw, &r, ROOF_E_INVALID);
    roof_hardware bh = hw;
    bh.dram_bytes_per_s = (double)NAN;
    expect_untouched(&m, &bh, &r, ROOF_E_RANGE);
    bh = hw;
    bh.memory_bytes = -1.0;
    expect_untouched(&m, &bh, &r, ROOF_E_RANGE);
    bh = hw;
    bh.flops_per_clock_per_unit[ROOF_FP16] = 0.0;
    bh.flops_per_clock_per_unit[ROOF_BF16] = 0.0;
    roof_estimate keep;
    memset(&e, 0x11, sizeof e);
    keep = e;
    assert_int_equal(roof_estimate_run(&m, &bh, &r, &e), ROOF_E_UNSUPPORTED);
    assert_memory_equal(&e, &keep, sizeof e);
}

/* The same estimate, whatever the generation length, costs a fixed number
 * of roof_ops() calls: a huge generation is as cheap (not timed here) and
 * stays finite and consistent. */
static void test_long_generation(void **state)
{
    (void)state;
    const roof_model m = preset_model("llama-3.1-8b");
    const roof_hardware hw = preset_device("h100-sxm");
    roof_request r = request(32, 1000, 100000);
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_true(e.last_tpot_seconds > e.first_tpot_seconds);
    assert_true(e.tpot_seconds > e.first_tpot_seconds
                && e.tpot_seconds < e.last_tpot_seconds);
    /* Decode steps grow linearly here (all memory-bound), so the mean is
     * the midpoint. */
    assert_rel(e.tpot_seconds,
               0.5 * (e.first_tpot_seconds + e.last_tpot_seconds), 1e-9);
    r.gen_tokens = UINT32_MAX - r.prompt_tokens;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    assert_true(isfinite(e.e2e_seconds) && e.e2e_seconds > 0.0);
}

/* The largest batch split into micro-batches: ceil(batch / m) must be
 * taken in 64 bits (4294967295 + 2 - 1 wraps to 0 in 32, and the step then
 * ran with a batch of 0 and failed with ROOF_E_RANGE). */
static void test_micro_batch_of_huge_batch(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1024.0, 1e12, 1e30, 0.0);
    roof_request r;
    assert_int_equal(roof_request_init(UINT32_MAX, 8, 1, &r), ROOF_OK);
    r.microbatches = 2;
    roof_estimate e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_OK);
    /* p = 1: the step is the two micro-batches in turn, each of
     * ceil(4294967295 / 2) = 2147483648 sequences. */
    roof_workload w;
    assert_int_equal(roof_workload_prefill(2147483648u, 8, &w), ROOF_OK);
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n;
    roof_totals t;
    assert_int_equal(roof_ops(&m, &w, &hw, NULL, ops, ROOF_MAX_OPS, &n, &t),
                     ROOF_OK);
    assert_rel(e.ttft_seconds, 2.0 * t.model.seconds, 1e-12);
}

/* Pipeline transfers over a link whose usable rate is no divisor: 1e-20
 * B/s x efficiency 1e-30 = 1e-50 (and 1e-300 x 1e-30 was 0 in doubles,
 * the transfers then taken as free).  Each alone is valid; together, like
 * roof_ops() for tensor parallelism, they are ROOF_E_RANGE. */
static void test_pipeline_link_underflow(void **state)
{
    (void)state;
    const roof_model m = tiny_model();
    const roof_hardware hw = test_device(1024.0, 1e12, 1e12, 1e-20);
    assert_int_equal(roof_hardware_validate(&hw), ROOF_OK);
    roof_request r = request(2, 16, 4);
    r.pipeline_parallel = 2;
    r.efficiency.interconnect = 1e-30;
    roof_estimate e, keep;
    memset(&e, 0x6B, sizeof e);
    keep = e;
    assert_int_equal(roof_estimate_run(&m, &hw, &r, &e), ROOF_E_RANGE);
    assert_memory_equal(&e, &keep, sizeof e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_init),
        cmocka_unit_test(test_request_validate),
        cmocka_unit_test(test_memory_by_hand),
        cmocka_unit_test(test_memory_llama),
        cmocka_unit_test(test_memory_tensor_parallel),
        cmocka_unit_test(test_memory_pipeline),
        cmocka_unit_test(test_fit_by_hand),
        cmocka_unit_test(test_fit_boundaries),
        cmocka_unit_test(test_nothing_fits),
        cmocka_unit_test(test_memory_bound_by_hand),
        cmocka_unit_test(test_compute_bound_by_hand),
        cmocka_unit_test(test_efficiency_scales_times),
        cmocka_unit_test(test_single_token),
        cmocka_unit_test(test_where_time_goes),
        cmocka_unit_test(test_closed_form_dense),
        cmocka_unit_test(test_closed_form_sliding_window),
        cmocka_unit_test(test_closed_form_groups),
        cmocka_unit_test(test_window_caps_cache_by_hand),
        cmocka_unit_test(test_groups_refuse_pipeline),
        cmocka_unit_test(test_activations_take_widest_group),
        cmocka_unit_test(test_closed_form_moe),
        cmocka_unit_test(test_closed_form_crossings),
        cmocka_unit_test(test_pipeline_by_hand),
        cmocka_unit_test(test_tensor_parallel_sanity),
        cmocka_unit_test(test_scaling),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_long_generation),
        cmocka_unit_test(test_micro_batch_of_huge_batch),
        cmocka_unit_test(test_pipeline_link_underflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
