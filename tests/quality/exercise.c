/* One pass over every public entry point; see exercise.h. */
#include "exercise.h"

#include <string.h>

const uint32_t q_seed_batches[Q_SEED_BATCHES] = {1, 2, 4, 8, 16, 32, 64};
const uint32_t q_seed_seqs[Q_SEED_SEQS] = {128, 256, 512, 1024,
                                           2048, 4096, 8192};

/* meta-llama/Llama-2-13b-hf, config.json as published with the weights. */
const char q_llama2_13b_config[] =
    "{\n"
    "  \"_name_or_path\": \"meta-llama/Llama-2-13b-hf\",\n"
    "  \"architectures\": [\n"
    "    \"LlamaForCausalLM\"\n"
    "  ],\n"
    "  \"bos_token_id\": 1,\n"
    "  \"eos_token_id\": 2,\n"
    "  \"hidden_act\": \"silu\",\n"
    "  \"hidden_size\": 5120,\n"
    "  \"initializer_range\": 0.02,\n"
    "  \"intermediate_size\": 13824,\n"
    "  \"max_position_embeddings\": 4096,\n"
    "  \"model_type\": \"llama\",\n"
    "  \"num_attention_heads\": 40,\n"
    "  \"num_hidden_layers\": 40,\n"
    "  \"num_key_value_heads\": 40,\n"
    "  \"pad_token_id\": 0,\n"
    "  \"pretraining_tp\": 1,\n"
    "  \"rms_norm_eps\": 1e-05,\n"
    "  \"rope_scaling\": null,\n"
    "  \"tie_word_embeddings\": false,\n"
    "  \"torch_dtype\": \"float16\",\n"
    "  \"transformers_version\": \"4.32.0.dev0\",\n"
    "  \"use_cache\": true,\n"
    "  \"vocab_size\": 32000\n"
    "}\n";
const size_t q_llama2_13b_config_len = sizeof q_llama2_13b_config - 1;

const char q_kernels_csv[] =
    "name,flops,bytes,seconds,grid\r\n"
    "q_proj,53687091200,115343360,0.000412,\"(40, 8, 1)\"\r\n"
    "\"qk_matmul, causal\",10737418240,88080384,0.0001875,x\r\n"
    "down_proj,144955146240,299892736,0.00121,y\r\n";
const size_t q_kernels_csv_len = sizeof q_kernels_csv - 1;

/* The seed figure's series: which operator class, which phase. */
static const struct {
    const char *label;
    uint32_t op_class;
    int decode;
} seed_series[Q_SEED_SERIES] = {
    {"qkv mlp init", ROOF_CLASS_ATTN_PROJ, 0},
    {"qkv mlp ar", ROOF_CLASS_ATTN_PROJ, 1},
    {"up/gate/down init", ROOF_CLASS_MLP_PROJ, 0},
    {"up/gate/down ar", ROOF_CLASS_MLP_PROJ, 1},
    {"qk/pv init", ROOF_CLASS_ATTN_MATMUL, 0},
    {"qk/pv ar", ROOF_CLASS_ATTN_MATMUL, 1},
};

static void seed_add(q_seed *s, int decode, const roof_op *ops,
                     uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        for (uint32_t k = 0; k < Q_SEED_SERIES; k++) {
            roof_series *se = &s->series[k];
            if (seed_series[k].decode != decode
                || seed_series[k].op_class != ops[i].op_class
                || ops[i].scope != ROOF_SCOPE_LAYER
                || se->count >= Q_SEED_MAX_POINTS)
                continue;
            s->x[k][se->count] = ops[i].roofline.flops_per_byte;
            s->y[k][se->count] = ops[i].roofline.attainable_flops_per_s;
            se->count++;
        }
    }
}

static void seed_chart(const roof_hardware *hw, double peak, q_seed *s)
{
    roof_chart *c = &s->chart;
    memset(c, 0, sizeof *c);
    memset(s->ceilings, 0, sizeof s->ceilings);
    s->ceilings[0].value = hw->dram_bytes_per_s;
    s->ceilings[0].kind = ROOF_CEILING_MEMORY;
    s->ceilings[0].color = 0x1f77b4;
    s->ceilings[1].value = peak;
    s->ceilings[1].kind = ROOF_CEILING_COMPUTE;
    s->ceilings[1].color = 0xd62728;
    c->title = "Roofline Model (Llama 13B, A6000)";
    c->ceilings = s->ceilings;
    c->ceiling_count = 2;
    c->series = s->series;
    c->series_count = Q_SEED_SERIES;
    c->x_min = 1.0;
    c->x_max = 1e4;
    c->y_min = 1e10;
    c->y_max = 1e14;
    c->ridge_line = 1;
}

int q_seed_build(const roof_model *m, const roof_hardware *hw, q_seed *s)
{
    roof_op ops[ROOF_MAX_OPS];
    double peak = 0.0;
    int rc = roof_hardware_peak_flops_per_s(hw, ROOF_FP16, &peak);
    if (rc != ROOF_OK)
        return rc;
    memset(s->series, 0, sizeof s->series);
    for (uint32_t k = 0; k < Q_SEED_SERIES; k++) {
        s->series[k].label = seed_series[k].label;
        s->series[k].flops_per_byte = s->x[k];
        s->series[k].flops_per_s = s->y[k];
        s->series[k].color = ROOF_COLOR_AUTO;
        s->series[k].marker = ROOF_MARKER_CROSS;
    }
    for (uint32_t b = 0; b < Q_SEED_BATCHES; b++) {
        for (uint32_t q = 0; q < Q_SEED_SEQS; q++) {
            for (int decode = 0; decode <= 1; decode++) {
                roof_workload w;
                uint32_t n = 0;
                rc = decode ? roof_workload_decode(q_seed_batches[b],
                                                   q_seed_seqs[q], &w)
                            : roof_workload_prefill(q_seed_batches[b],
                                                    q_seed_seqs[q], &w);
                if (rc == ROOF_OK)
                    rc = roof_ops(m, &w, hw, NULL, ops, ROOF_MAX_OPS, &n,
                                  NULL);
                if (rc != ROOF_OK)
                    return rc;
                seed_add(s, decode, ops, n);
            }
        }
    }
    seed_chart(hw, peak, s);
    return ROOF_OK;
}

/* FNV-1a over the streamed SVG: the callback path must produce the same
 * bytes as the buffer path, in every thread. */
typedef struct stream_ctx {
    size_t len;
    uint64_t hash;
} stream_ctx;

static int stream_write(void *ctx, const char *data, size_t len)
{
    stream_ctx *s = ctx;
    for (size_t i = 0; i < len; i++) {
        s->hash ^= (unsigned char)data[i];
        s->hash *= 0x100000001b3u;
    }
    s->len += len;
    return 0;
}

#define EXPECT(call, status)                                               \
    do {                                                                   \
        if ((call) != (status))                                            \
            return __LINE__;                                               \
    } while (0)

static int exercise_common(q_results *r)
{
    roof_efficiency eff = {.compute = 0.9, .memory = 0.8, .interconnect = 0.7};
    uint32_t p = 0;
    r->texts[0] = roof_status_str(ROOF_E_PARSE);
    r->texts[1] = roof_precision_name(ROOF_BF16);
    r->texts[2] = roof_bound_name(ROOF_BOUND_COMPUTE);
    r->texts[3] = roof_version_string();
    r->texts[4] = roof_op_name(ROOF_OP_DOWN_PROJ);
    EXPECT(roof_precision_from_name("BF16", &p), ROOF_OK);
    EXPECT(roof_precision_from_name("fp12", &p), ROOF_E_NOT_FOUND);
    EXPECT(roof_efficiency_validate(&eff), ROOF_OK);
    r->numbers[0] = p;
    r->numbers[1] = roof_version_number();
    r->numbers[2] = roof_hardware_count();
    r->numbers[3] = roof_model_count();
    return 0;
}

static int exercise_hardware(q_results *r)
{
    roof_hardware first;
    EXPECT(roof_hardware_get(0, &first), ROOF_OK);
    EXPECT(roof_hardware_validate(&first), ROOF_OK);
    EXPECT(roof_hardware_find("RTX A6000", &r->hw), ROOF_OK);
    EXPECT(roof_hardware_find("a6000@2100", &r->hw_clocked), ROOF_OK);
    EXPECT(roof_hardware_find("no-such-gpu", &first), ROOF_E_NOT_FOUND);
    EXPECT(roof_hardware_suggest("a600", r->suggest_hw, 4,
                                 &r->suggest_counts[0]),
           ROOF_OK);
    EXPECT(roof_hardware_at_clock(&r->hw, 1.41e9, &first), ROOF_OK);
    r->texts[5] = roof_hardware_alias(0, 0);
    EXPECT(roof_hardware_peak_flops_per_s(&r->hw_clocked, ROOF_FP16,
                                          &r->peak_flops_per_s),
           ROOF_OK);
    return 0;
}

static int exercise_roofline(q_results *r)
{
    const roof_efficiency eff = {.compute = 0.75, .memory = 0.9,
                                 .interconnect = 1.0};
    const roof_level levels[2] = {{2.0e8, 768e9}, {6.0e8, 4.0e12}};
    EXPECT(roof_ceiling_from_hardware(&r->hw, ROOF_FP16, &eff, &r->ceiling),
           ROOF_OK);
    EXPECT(roof_ceiling_validate(&r->ceiling), ROOF_OK);
    EXPECT(roof_ridge_flops_per_byte(&r->ceiling, &r->ridge_flops_per_byte),
           ROOF_OK);
    EXPECT(roof_roofline_eval(&r->ceiling, 53687091200.0, 115343360.0,
                              &r->roofline),
           ROOF_OK);
    EXPECT(roof_roofline_eval(&r->ceiling, 1.0, 0.0, &r->roofline),
           ROOF_E_RANGE);
    EXPECT(roof_measured_eval(&r->ceiling, 53687091200.0, 115343360.0,
                              4.12e-4, &r->measured),
           ROOF_OK);
    EXPECT(roof_hierarchy_eval(r->peak_flops_per_s, 1.0e11, levels, 2,
                               &r->hierarchy),
           ROOF_OK);
    return 0;
}

static int exercise_model(q_results *r)
{
    roof_model first;
    EXPECT(roof_model_get(0, &first), ROOF_OK);
    EXPECT(roof_model_validate(&first), ROOF_OK);
    EXPECT(roof_model_find("llama-13b", &r->llama13b), ROOF_OK);
    EXPECT(roof_model_find("Llama-2-13B", &r->llama2_13b), ROOF_OK);
    EXPECT(roof_model_find("gpt-5", &first), ROOF_E_NOT_FOUND);
    EXPECT(roof_model_suggest("lama-13b", r->suggest_model, 4,
                              &r->suggest_counts[1]),
           ROOF_OK);
    EXPECT(roof_model_param_count(&r->llama2_13b, &r->params), ROOF_OK);
    return 0;
}

static int exercise_ops(q_results *r)
{
    roof_op one[1];
    uint32_t need = 0;
    EXPECT(roof_workload_prefill(1, 1024, &r->prefill), ROOF_OK);
    EXPECT(roof_workload_decode(1, 1024, &r->decode), ROOF_OK);
    EXPECT(roof_workload_validate(&r->decode), ROOF_OK);
    EXPECT(roof_ops(&r->llama2_13b, &r->prefill, &r->hw, NULL,
                    r->prefill_ops, ROOF_MAX_OPS, &r->prefill_count,
                    &r->prefill_totals),
           ROOF_OK);
    EXPECT(roof_ops(&r->llama2_13b, &r->decode, &r->hw, NULL, r->decode_ops,
                    ROOF_MAX_OPS, &r->decode_count, &r->decode_totals),
           ROOF_OK);
    EXPECT(roof_ops(&r->llama2_13b, &r->decode, &r->hw, NULL, one, 1, &need,
                    NULL),
           ROOF_E_BUFFER_TOO_SMALL);
    r->numbers[4] = need;
    roof_totals step;
    EXPECT(roof_step(&r->llama2_13b, &r->decode, &r->hw, NULL, &step),
           ROOF_OK);
    EXPECT(memcmp(&step, &r->decode_totals, sizeof step), 0);
    return 0;
}

static int exercise_plan(q_results *r)
{
    const roof_seq seqs[3] = {{512, 0}, {1, 2048}, {1, 8000}};
    roof_step_result *st = r->plan_steps;
    EXPECT(roof_plan_init(&r->llama2_13b, &r->prefill, &r->hw, NULL,
                          &r->plan),
           ROOF_OK);
    EXPECT(roof_plan_step(&r->plan, 1, 1024, 0, &st[0]), ROOF_OK);
    EXPECT(roof_plan_step_mixed(&r->plan, seqs, 3, &st[1]), ROOF_OK);
    EXPECT(roof_plan_max_decode_batch(&r->plan, 2048, 0.06,
                                      ROOF_BASIS_EXPECTED,
                                      &r->plan_answers[0], &st[2]),
           ROOF_OK);
    EXPECT(roof_plan_max_chunk(&r->plan, seqs + 1, 2, 0, 0.1,
                               ROOF_BASIS_BOUND, &r->plan_answers[1],
                               &st[3]),
           ROOF_OK);
    EXPECT(roof_min_tensor_parallel(&r->llama2_13b, &r->prefill, &r->hw,
                                    NULL, 1, 4096, 10.0, ROOF_BASIS_BOUND,
                                    4, &r->plan_answers[2], NULL),
           ROOF_OK);
    EXPECT(roof_plan_max_decode_throughput(&r->plan, 2048, 0.1,
                                           ROOF_BASIS_EXPECTED,
                                           &r->throughput),
           ROOF_OK);
    EXPECT(roof_plan_utilization(&r->plan, &st[1], 0.2, &r->utilization[0],
                                 &r->utilization[1]),
           ROOF_OK);
    return 0;
}

static int exercise_estimate(q_results *r)
{
    static const uint32_t gens[3] = {64, 4096, 65536};
    EXPECT(roof_request_init(1, 1024, 4096, &r->request), ROOF_OK);
    EXPECT(roof_request_validate(&r->request), ROOF_OK);
    for (int i = 0; i < 3; i++) {
        roof_request q = r->request;
        q.gen_tokens = gens[i];
        EXPECT(roof_estimate_run(&r->llama2_13b, &r->hw, &q,
                                 &r->estimate[i]),
               ROOF_OK);
    }
    EXPECT(roof_memory_footprint(&r->llama2_13b, &r->hw, &r->request,
                                 &r->memory),
           ROOF_OK);
    EXPECT(roof_scaling(&r->llama2_13b, &r->hw, &r->request, 8, r->scaling,
                        8, &r->scaling_count),
           ROOF_OK);
    return 0;
}

static int exercise_chart(q_results *r, const q_buffers *b)
{
    stream_ctx sc = {0, 0xcbf29ce484222325u};
    size_t need = 0;
    EXPECT(q_seed_build(&r->llama13b, &r->hw_clocked, b->seed), ROOF_OK);
    EXPECT(roof_chart_svg(&b->seed->chart, b->svg, b->svg_cap, &r->svg_len),
           ROOF_OK);
    EXPECT(roof_chart_svg(&b->seed->chart, b->svg, 16, &need),
           ROOF_E_BUFFER_TOO_SMALL);
    EXPECT(roof_chart_svg_write(&b->seed->chart, stream_write, &sc), ROOF_OK);
    EXPECT(roof_format_si(r->peak_flops_per_s, "FLOP/s", r->si_text,
                          sizeof r->si_text, &r->si_len),
           ROOF_OK);
    r->svg_stream_len = sc.len;
    r->svg_stream_hash = sc.hash;
    return need == r->svg_len + 1 ? 0 : __LINE__;
}

static int exercise_parse(q_results *r, const q_buffers *b)
{
    static const char broken[] = "{\"hidden_size\": 5120,\n \"vocab\": }";
    roof_model m;
    EXPECT(roof_model_from_json(q_llama2_13b_config,
                                q_llama2_13b_config_len, &r->model_read,
                                NULL),
           ROOF_OK);
    EXPECT(roof_model_from_json(broken, sizeof broken - 1, &m,
                                &r->parse_error),
           ROOF_E_PARSE);
    EXPECT(roof_model_to_json(&r->llama2_13b, b->json, b->json_cap,
                              &r->model_json_len),
           ROOF_OK);
    EXPECT(roof_model_from_json(b->json, r->model_json_len, &m, NULL),
           ROOF_OK);
    EXPECT(roof_hardware_to_json(&r->hw, b->json, b->json_cap,
                                 &r->hw_json_len),
           ROOF_OK);
    EXPECT(roof_hardware_from_json(b->json, r->hw_json_len, &r->hw_read,
                                   NULL),
           ROOF_OK);
    EXPECT(roof_kernels_from_csv(q_kernels_csv, q_kernels_csv_len,
                                 r->kernels, 4, &r->kernel_count, NULL),
           ROOF_OK);
    return 0;
}

/* Calibration: the built-in profile and its file, a fit and a score of
 * synthetic kernels (GEMMs of 1..2^11 rows), the online updater. */
static int exercise_calibration(q_results *r, const q_buffers *b)
{
    roof_kernel_sample s[24];
    double ws[ROOF_FIT_WORKSPACE(24)];
    roof_kernel_terms t = {ROOF_KERNEL_GEMM, 0, 1e-5, 2e-5, 0, 0, 1, {0, 0}};
    memset(s, 0, sizeof s);
    for (uint32_t i = 0; i < 24; i++) {
        const double m = (double)(1u << (i % 12));
        s[i].kind = ROOF_KERNEL_GEMM, s[i].precision = ROOF_FP16;
        s[i].flops = 2.0 * m * 4096 * 4096;
        s[i].bytes = 2.0 * (4096.0 * 4096 + 2.0 * m * 4096);
        s[i].rows = m, s[i].launches = 1.0;
        s[i].measured_seconds = 5e-6 + s[i].bytes / 6e11 + s[i].flops / 1e14;
    }
    EXPECT(roof_calibration_builtin(&r->hw, &r->cal_builtin), ROOF_OK);
    EXPECT(roof_calibration_to_json(&r->cal_builtin, b->json, b->json_cap,
                                    &r->cal_json_len), ROOF_OK);
    EXPECT(roof_calibration_from_json(b->json, r->cal_json_len,
                                      &r->cal_read, NULL), ROOF_OK);
    EXPECT(roof_kernel_expected_seconds(&r->cal_read, &t, &r->cal_expected),
           ROOF_OK);
    EXPECT(roof_calibration_fit(s, 24, &r->hw, &r->cal_builtin, ws,
                                ROOF_FIT_WORKSPACE(24), &r->cal_fit,
                                &r->cal_report), ROOF_OK);
    EXPECT(roof_calibration_score(s, 24, &r->hw, &r->cal_fit, ws,
                                  ROOF_FIT_WORKSPACE(24), &r->cal_score),
           ROOF_OK);
    EXPECT(roof_online_init(0, 0.99, &r->online), ROOF_OK);
    for (uint32_t i = 0; i < 24; i++)
        EXPECT(roof_online_add(&r->online, s[i].measured_seconds,
                               1.1 * s[i].measured_seconds + 1e-4, NULL),
               ROOF_OK);
    EXPECT(roof_online_profile(&r->online, &r->cal_builtin, &r->cal_online),
           ROOF_OK);
    return 0;
}

int q_exercise(q_results *r, const q_buffers *b)
{
    int line = exercise_common(r);
    if (line == 0)
        line = exercise_hardware(r);
    if (line == 0)
        line = exercise_roofline(r);
    if (line == 0)
        line = exercise_model(r);
    if (line == 0)
        line = exercise_ops(r);
    if (line == 0)
        line = exercise_plan(r);
    if (line == 0)
        line = exercise_estimate(r);
    if (line == 0)
        line = exercise_chart(r, b);
    if (line == 0)
        line = exercise_parse(r, b);
    if (line == 0)
        line = exercise_calibration(r, b);
    return line;
}
