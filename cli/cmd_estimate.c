/* roofmodel estimate: time to first token, time per token, end-to-end time,
 * throughput, memory and what fits; --scaling sweeps tensor parallelism. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#define MAX_POINTS 32

typedef struct est_run {
    roof_model m;
    roof_hardware hw;
    roof_request req;
    roof_estimate e;
    roof_calibration cal;
    roof_scaling_point pts[MAX_POINTS];
    uint32_t npts;
    int scaling;
} est_run;

static const char *op_name(uint32_t id)
{
    const char *s = roof_op_name(id);
    return s ? s : "?";
}

/* Named numbers of an estimate, shared by JSON and CSV. */
typedef struct field {
    const char *key;
    double value;
} field;

static size_t fields(const est_run *r, field *f)
{
    const roof_estimate *e = &r->e;
    const roof_memory *mem = &e->memory;
    size_t n = 0;
#define F(k, v) f[n].key = k, f[n].value = (v), n++;
    F("batch", r->req.workload.batch)
    F("prompt_tokens", r->req.prompt_tokens)
    F("gen_tokens", r->req.gen_tokens)
    F("tensor_parallel", r->req.workload.tensor_parallel)
    F("pipeline_parallel", r->req.pipeline_parallel)
    F("ttft_seconds", e->ttft_seconds)
    F("tpot_seconds", e->tpot_seconds)
    F("first_tpot_seconds", e->first_tpot_seconds)
    F("last_tpot_seconds", e->last_tpot_seconds)
    F("decode_seconds", e->decode_seconds)
    F("e2e_seconds", e->e2e_seconds)
    F("tokens_per_s", e->tokens_per_s)
    F("tokens_per_s_per_seq", e->tokens_per_s_per_seq)
    F("decode_tokens_per_s", e->decode_tokens_per_s)
    F("allreduce_seconds_per_layer", e->allreduce_seconds_per_layer)
    F("pipeline_bubble_fraction", e->pipeline_bubble_fraction)
    F("expected_ttft_seconds", e->expected_ttft_seconds)
    F("expected_tpot_seconds", e->expected_tpot_seconds)
    F("expected_e2e_seconds", e->expected_e2e_seconds)
    F("expected_tokens_per_s", e->expected_tokens_per_s)
    F("expected_decode_tokens_per_s", e->expected_decode_tokens_per_s)
    F("overhead_seconds", e->overhead_seconds)
    F("weight_bytes", mem->weight_bytes)
    F("kv_bytes", mem->kv_bytes)
    F("activation_bytes", mem->activation_bytes)
    F("total_bytes", mem->total_bytes)
    F("capacity_bytes", mem->capacity_bytes)
    F("max_batch", e->max_batch)
    F("max_context", e->max_context)
#undef F
    return n;
}

static void scaling_json(const est_run *r, cli_buf *out)
{
    cli_buf_str(out, ",\n  \"scaling\": [\n");
    for (uint32_t i = 0; i < r->npts; i++) {
        const roof_scaling_point *p = &r->pts[i];
        int first = 1;
        cli_buf_str(out, "    {");
        cli_json_key(out, "tensor_parallel", &first);
        cli_json_num(out, p->tensor_parallel);
        cli_json_key(out, "pipeline_parallel", &first);
        cli_json_num(out, p->pipeline_parallel);
        cli_json_key(out, "devices", &first), cli_json_num(out, p->devices);
        cli_json_key(out, "fits", &first);
        cli_buf_str(out, p->fits ? "true" : "false");
        cli_json_key(out, "ttft_seconds", &first);
        cli_json_num(out, p->ttft_seconds);
        cli_json_key(out, "tpot_seconds", &first);
        cli_json_num(out, p->tpot_seconds);
        cli_json_key(out, "tokens_per_s", &first);
        cli_json_num(out, p->tokens_per_s);
        cli_json_key(out, "speedup", &first), cli_json_num(out, p->speedup);
        cli_json_key(out, "expected_ttft_seconds", &first);
        cli_json_num(out, p->expected_ttft_seconds);
        cli_json_key(out, "expected_tpot_seconds", &first);
        cli_json_num(out, p->expected_tpot_seconds);
        cli_json_key(out, "expected_tokens_per_s", &first);
        cli_json_num(out, p->expected_tokens_per_s);
        cli_json_key(out, "expected_speedup", &first);
        cli_json_num(out, p->expected_speedup);
        cli_json_key(out, "efficiency", &first);
        cli_json_num(out, p->efficiency);
        cli_buf_str(out, i + 1 < r->npts ? "},\n" : "}\n");
    }
    cli_buf_str(out, "  ]");
}

static void write_json(const est_run *r, cli_buf *out)
{
    field f[40];
    size_t n = fields(r, f);
    int first = 1;
    const roof_estimate *e = &r->e;
    cli_buf_str(out, "{\n  ");
    cli_json_key(out, "model", &first), cli_json_str(out, r->m.name);
    cli_json_key(out, "hardware", &first), cli_json_str(out, r->hw.name);
    cli_json_key(out, "precision", &first);
    cli_json_str(out, roof_precision_name(r->req.workload.precision));
    for (size_t i = 0; i < n; i++) {
        cli_buf_str(out, ",\n  ");
        first = 1;
        cli_json_key(out, f[i].key, &first);
        cli_json_num(out, f[i].value);
    }
    cli_buf_str(out, ",\n  ");
    first = 1;
    cli_json_key(out, "fits", &first);
    cli_buf_str(out, e->memory.fits ? "true" : "false");
    cli_json_key(out, "prefill_bound", &first);
    cli_json_str(out, roof_bound_name(e->prefill_bound));
    cli_json_key(out, "decode_bound", &first);
    cli_json_str(out, roof_bound_name(e->decode_bound));
    cli_json_key(out, "prefill_dominant_op", &first);
    cli_json_str(out, op_name(e->prefill_dominant_op));
    cli_json_key(out, "decode_dominant_op", &first);
    cli_json_str(out, op_name(e->decode_dominant_op));
    if (r->scaling)
        scaling_json(r, out);
    cli_buf_str(out, "\n}\n");
}

static void write_csv(const est_run *r, cli_buf *out)
{
    field f[40];
    size_t n = fields(r, f);
    if (r->scaling) {
        cli_buf_str(out, "tensor_parallel,pipeline_parallel,devices,fits,"
                         "ttft_seconds,tpot_seconds,tokens_per_s,speedup,"
                         "efficiency\n");
        for (uint32_t i = 0; i < r->npts; i++) {
            const roof_scaling_point *p = &r->pts[i];
            const double v[] = {p->ttft_seconds, p->tpot_seconds,
                                p->tokens_per_s, p->speedup, p->efficiency};
            cli_buf_fmt(out, "%u,%u,%u,%u", (unsigned)p->tensor_parallel,
                        (unsigned)p->pipeline_parallel, (unsigned)p->devices,
                        (unsigned)p->fits);
            for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
                cli_buf_str(out, ","), cli_csv_num(out, v[k]);
            cli_buf_str(out, "\n");
        }
        return;
    }
    cli_buf_str(out, "model,hardware,precision");
    for (size_t i = 0; i < n; i++)
        cli_buf_fmt(out, ",%s", f[i].key);
    cli_buf_str(out, ",fits,prefill_bound,decode_bound\n");
    cli_csv_str(out, r->m.name), cli_buf_str(out, ",");
    cli_csv_str(out, r->hw.name);
    cli_buf_fmt(out, ",%s", roof_precision_name(r->req.workload.precision));
    for (size_t i = 0; i < n; i++)
        cli_buf_str(out, ","), cli_csv_num(out, f[i].value);
    cli_buf_fmt(out, ",%u,%s,%s\n", (unsigned)r->e.memory.fits,
                roof_bound_name(r->e.prefill_bound),
                roof_bound_name(r->e.decode_bound));
}

static void scaling_text(const est_run *r, cli_buf *out)
{
    static const char *const head[] = {"TP", "PP", "devices", "fits", "TTFT",
                                       "time/token", "tokens/s", "speedup",
                                       "efficiency"};
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    cli_table t;
    cli_table_init(&t, 9, head, (const int[]){0, 0, 0, 1, 0, 0, 0, 0, 0});
    for (uint32_t i = 0; i < r->npts; i++) {
        const roof_scaling_point *p = &r->pts[i];
        cli_table_cell(&t, "%u", (unsigned)p->tensor_parallel);
        cli_table_cell(&t, "%u", (unsigned)p->pipeline_parallel);
        cli_table_cell(&t, "%u", (unsigned)p->devices);
        cli_table_cell(&t, "%s", p->fits ? "yes" : "no");
        cli_table_cell(&t, "%s", cli_time(a, p->ttft_seconds));
        cli_table_cell(&t, "%s", cli_time(b, p->tpot_seconds));
        cli_table_cell(&t, "%s", cli_g3(c, p->tokens_per_s));
        cli_table_cell(&t, "%s", p->speedup > 0 ? cli_g3(a, p->speedup) : "-");
        cli_table_cell(&t, "%s",
                       p->speedup > 0 ? cli_g3(b, p->efficiency) : "-");
    }
    cli_buf_str(out, "\nTensor-parallel scaling (speedup of time per token "
                     "over one device):\n");
    cli_table_print(&t, out, "  ");
    cli_table_free(&t);
}

static void write_text(const est_run *r, cli_buf *out)
{
    const roof_estimate *e = &r->e;
    const roof_memory *mem = &e->memory;
    const roof_workload *w = &r->req.workload;
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX], d[CLI_NUM_MAX];
    cli_buf_fmt(out, "%s on %s (%s): batch %u, prompt %u, generate %u, %s",
                r->m.name, r->hw.name, r->hw.label, (unsigned)w->batch,
                (unsigned)r->req.prompt_tokens, (unsigned)r->req.gen_tokens,
                roof_precision_name(w->precision));
    if (w->tensor_parallel > 1 || r->req.pipeline_parallel > 1)
        cli_buf_fmt(out, ", TP %u x PP %u", (unsigned)w->tensor_parallel,
                    (unsigned)r->req.pipeline_parallel);
    cli_buf_fmt(out, "\n  time to first token  %s (%s-bound; slowest: %s)\n",
                cli_time(a, e->ttft_seconds), roof_bound_name(e->prefill_bound),
                op_name(e->prefill_dominant_op));
    if (r->req.gen_tokens > 1)
        cli_buf_fmt(out, "  time per token       %s mean (first %s, last %s; "
                    "%s-bound; slowest: %s)\n", cli_time(a, e->tpot_seconds),
                    cli_time(b, e->first_tpot_seconds),
                    cli_time(c, e->last_tpot_seconds),
                    roof_bound_name(e->decode_bound),
                    op_name(e->decode_dominant_op));
    cli_buf_fmt(out, "  end-to-end           %s\n", cli_time(a, e->e2e_seconds));
    cli_buf_fmt(out, "  expected (calibrated) time to first token %s",
                cli_time(a, e->expected_ttft_seconds));
    if (r->req.gen_tokens > 1)
        cli_buf_fmt(out, ", per token %s", cli_time(b, e->expected_tpot_seconds));
    cli_buf_fmt(out, ", end-to-end %s, %s tokens/s\n",
                cli_time(c, e->expected_e2e_seconds),
                cli_g3(d, e->expected_tokens_per_s));
    cli_buf_fmt(out, "  throughput           %s tokens/s (%s per sequence",
                cli_g3(a, e->tokens_per_s), cli_g3(b, e->tokens_per_s_per_seq));
    /* One generated token is the prefill's: there is no decode step. */
    if (r->req.gen_tokens > 1)
        cli_buf_fmt(out, "; %s in steady decode",
                    cli_g3(c, e->decode_tokens_per_s));
    cli_buf_str(out, ")\n");
    cli_buf_fmt(out, "  memory per device    %s weights + %s KV cache + %s "
                "activations = %s", cli_si(a, mem->weight_bytes, "B"),
                cli_si(b, mem->kv_bytes, "B"),
                cli_si(c, mem->activation_bytes, "B"),
                cli_si(d, mem->total_bytes, "B"));
    cli_buf_fmt(out, " of %s: %s\n", cli_si(a, mem->capacity_bytes, "B"),
                mem->fits ? "fits" : "DOES NOT FIT");
    cli_buf_fmt(out, "  max batch            %u (at %u tokens of context)\n",
                (unsigned)e->max_batch,
                (unsigned)(r->req.prompt_tokens + r->req.gen_tokens));
    cli_buf_fmt(out, "  max context          %u tokens (at batch %u)\n",
                (unsigned)e->max_context, (unsigned)w->batch);
    if (w->tensor_parallel > 1)
        cli_buf_fmt(out, "  all-reduce           %s per layer per decode step\n",
                    cli_time(a, e->allreduce_seconds_per_layer));
    if (r->req.pipeline_parallel > 1)
        cli_buf_fmt(out, "  pipeline bubble      %.1f%%\n",
                    100.0 * e->pipeline_bubble_fraction);
    if (r->scaling)
        scaling_text(r, out);
}

/* cli_try_fn: the request again at other efficiencies. */
static int try_estimate(void *ctx, const roof_efficiency *eff)
{
    est_run *r = ctx;
    roof_request q = r->req;
    roof_estimate e;
    q.efficiency = *eff;
    return roof_estimate_run(&r->m, &r->hw, &q, &e);
}

static int run(est_run *r, const cli_cmd *cmd, const cli_wl *wo,
               const uint32_t *sizes, uint32_t pp, uint32_t micro,
               double reserve, uint32_t max_devices)
{
    /* sizes: batch, prompt, gen. */
    if ((uint64_t)sizes[1] + sizes[2] > UINT32_MAX)
        return cli_usage_error(cmd->name, "--gen: %u generated after a prompt "
                               "of %u tokens exceeds %u tokens of context",
                               (unsigned)sizes[2], (unsigned)sizes[1],
                               (unsigned)UINT32_MAX);
    if (micro > sizes[0])
        return cli_usage_error(cmd->name, "--microbatches: %u micro-batches "
                               "of a batch of %u sequences (at most %u)",
                               (unsigned)micro, (unsigned)sizes[0],
                               (unsigned)sizes[0]);
    int rc = roof_request_init(sizes[0], sizes[1], sizes[2], &r->req);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd->name, "bad request", rc);
    rc = cli_workload(cmd->name, wo, &r->m, &r->hw, sizes[0], sizes[1],
                      0, &r->req.workload);
    if (rc != CLI_OK)
        return rc;
    if (pp > r->m.layers)
        return cli_usage_error(cmd->name, "--pp: %u stages for %u layers",
                               (unsigned)pp, (unsigned)r->m.layers);
    r->req.pipeline_parallel = pp;
    r->req.microbatches = micro;
    r->req.efficiency = cli_efficiency(wo);
    r->req.activation_reserve = reserve;
    rc = cli_load_calibration(cmd->name, wo, &r->hw, &r->cal);
    if (rc != CLI_OK)
        return rc;
    rc = roof_estimate_run_calibrated(&r->m, &r->hw, &r->req, &r->cal, &r->e);
    if (rc != ROOF_OK && cli_blame_eff(cmd->name, wo, try_estimate, r) != 0)
        return CLI_EUSAGE;
    if (rc != ROOF_OK)
        return cli_lib_error(cmd->name, "cannot estimate this request", rc);
    if (!r->scaling)
        return CLI_OK;
    rc = roof_scaling_calibrated(&r->m, &r->hw, &r->req, &r->cal, max_devices,
                                 r->pts, MAX_POINTS,
                      &r->npts);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd->name, "cannot sweep tensor parallelism", rc);
    return CLI_OK;
}

int cli_cmd_estimate(int argc, char **argv, cli_buf *out)
{
    static est_run r;
    cli_cmd cmd = {
        .name = "estimate",
        .usage = "roofmodel estimate --model M --hw H [--batch B] --prompt P "
                 "--gen G [OPTIONS]",
        .about = "Model-level answers for a request of B sequences, each a "
                 "prompt of P tokens followed\nby G generated tokens: time to "
                 "first token, mean time per output token, end-to-end\ntime, "
                 "throughput, memory per device and whether it fits, the "
                 "largest batch and\ncontext that fit.  --scaling adds the "
                 "tensor-parallel sweep 1, 2, 4, ... devices."};
    const char *model = NULL, *hw = NULL;
    uint32_t sizes[3] = {1, 0, 0}; /* batch, prompt, gen */
    uint32_t pp = 1, micro = 1, max_devices = 8;
    double reserve = 0.0;
    int json = 0, csv = 0;
    cli_wl wo;
    cli_opt *o;
    cli_add(&cmd, "--model", CLI_STR, &model, "M",
            "model name or config.json path")->required = 1;
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--batch", CLI_U32, &sizes[0], "B", "sequences (default 1)");
    cli_add(&cmd, "--prompt", CLI_U32, &sizes[1], "P",
            "prompt tokens per sequence")->required = 1;
    cli_add(&cmd, "--gen", CLI_U32, &sizes[2], "G",
            "generated tokens per sequence")->required = 1;
    cli_add_workload_opts(&cmd, &wo);
    cli_add(&cmd, "--pp", CLI_U32, &pp, "N", "pipeline stages (default 1)");
    cli_add(&cmd, "--microbatches", CLI_U32, &micro, "N",
            "pipeline micro-batches per batch (default 1)");
    cli_add(&cmd, "--reserve", CLI_RESERVE, &reserve, "F",
            "fraction of device memory kept free for the runtime (default 0)");
    cli_add(&cmd, "--scaling", CLI_FLAG, &r.scaling, NULL,
            "add the tensor-parallel sweep");
    o = cli_add(&cmd, "--max-devices", CLI_U32, &max_devices, "N",
                "largest tensor-parallel degree of the sweep (default 8)");
    o->min = 1, o->max = 4096;
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK
        || (rc = cli_load_model_as(cmd.name, "--model", model, wo.as,
                                     &r.m)) != CLI_OK
        || (rc = cli_load_hw(cmd.name, "--hw", hw, &r.hw)) != CLI_OK
        || (rc = run(&r, &cmd, &wo, sizes, pp, micro, reserve, max_devices))
               != CLI_OK)
        return rc;
    if (json)
        write_json(&r, out);
    else if (csv)
        write_csv(&r, out);
    else
        write_text(&r, out);
    return CLI_OK;
}
