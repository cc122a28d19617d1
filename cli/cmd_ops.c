/* roofmodel ops: every operator of one step with its FLOPs, bytes, bound
 * and time, per layer, plus the layer and model totals. */
#include "cli.h"

#include <string.h>

typedef struct ops_run {
    roof_model m;
    roof_hardware hw;
    roof_workload w;
    int decode;
    uint32_t seq;
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n;
    roof_totals tot;
    roof_calibration cal;
} ops_run;

static const char *op_name(uint32_t id)
{
    const char *s = roof_op_name(id);
    return s ? s : "?";
}

static void gemm_json(const roof_op *op, cli_buf *out)
{
    int first = 1;
    if (op->gemm_m == 0) {
        cli_buf_str(out, "null");
        return;
    }
    cli_buf_str(out, "{");
    cli_json_key(out, "m", &first), cli_json_num(out, op->gemm_m);
    cli_json_key(out, "n", &first), cli_json_num(out, op->gemm_n);
    cli_json_key(out, "k", &first), cli_json_num(out, op->gemm_k);
    cli_json_key(out, "batch", &first), cli_json_num(out, op->gemm_batch);
    cli_buf_str(out, "}");
}

static void op_json(const roof_op *op, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "    {");
    cli_json_key(out, "name", &first), cli_json_str(out, op_name(op->id));
    cli_json_key(out, "class", &first);
    cli_json_str(out, cli_class_name(op->op_class));
    cli_json_key(out, "scope", &first);
    cli_json_str(out, op->scope == ROOF_SCOPE_MODEL ? "model" : "layer");
    cli_json_key(out, "group", &first), cli_json_num(out, op->group);
    cli_json_key(out, "flops", &first), cli_json_num(out, op->flops);
    cli_json_key(out, "bytes", &first), cli_json_num(out, op->bytes);
    cli_json_key(out, "flops_per_byte", &first);
    cli_json_num(out, op->roofline.flops_per_byte);
    cli_json_key(out, "bound", &first);
    cli_json_str(out, roof_bound_name(op->roofline.bound));
    cli_json_key(out, "seconds", &first), cli_json_num(out, op->roofline.seconds);
    cli_json_key(out, "expected_seconds", &first);
    cli_json_num(out, op->expected_seconds);
    cli_json_key(out, "compute_seconds", &first);
    cli_json_num(out, op->roofline.compute_seconds);
    cli_json_key(out, "memory_seconds", &first);
    cli_json_num(out, op->roofline.memory_seconds);
    cli_json_key(out, "attainable_flops_per_s", &first);
    cli_json_num(out, op->roofline.attainable_flops_per_s);
    cli_json_key(out, "weight_bytes", &first), cli_json_num(out, op->weight_bytes);
    cli_json_key(out, "act_read_bytes", &first);
    cli_json_num(out, op->act_read_bytes);
    cli_json_key(out, "act_write_bytes", &first);
    cli_json_num(out, op->act_write_bytes);
    cli_json_key(out, "kv_read_bytes", &first), cli_json_num(out, op->kv_read_bytes);
    cli_json_key(out, "kv_write_bytes", &first);
    cli_json_num(out, op->kv_write_bytes);
    cli_json_key(out, "comm_bytes", &first), cli_json_num(out, op->comm_bytes);
    cli_json_key(out, "gemm", &first), gemm_json(op, out);
    cli_buf_str(out, "}");
}

static void sum_json(const roof_sum *s, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "{");
    cli_json_key(out, "flops", &first), cli_json_num(out, s->flops);
    cli_json_key(out, "bytes", &first), cli_json_num(out, s->bytes);
    cli_json_key(out, "flops_per_byte", &first);
    cli_json_num(out, s->bytes > 0 ? s->flops / s->bytes : 0.0);
    cli_json_key(out, "bound", &first), cli_json_str(out, roof_bound_name(s->bound));
    cli_json_key(out, "seconds", &first), cli_json_num(out, s->seconds);
    cli_json_key(out, "expected_seconds", &first);
    cli_json_num(out, s->expected_seconds);
    cli_json_key(out, "compute_seconds", &first);
    cli_json_num(out, s->compute_seconds);
    cli_json_key(out, "memory_seconds", &first), cli_json_num(out, s->memory_seconds);
    cli_json_key(out, "comm_seconds", &first), cli_json_num(out, s->comm_seconds);
    cli_json_key(out, "weight_bytes", &first), cli_json_num(out, s->weight_bytes);
    cli_json_key(out, "act_bytes", &first), cli_json_num(out, s->act_bytes);
    cli_json_key(out, "kv_bytes", &first), cli_json_num(out, s->kv_bytes);
    cli_json_key(out, "comm_bytes", &first), cli_json_num(out, s->comm_bytes);
    cli_json_key(out, "dominant_op", &first);
    cli_json_str(out, op_name(s->dominant_op));
    cli_buf_str(out, "}");
}

static void write_json(const ops_run *r, cli_buf *out)
{
    int first = 1;
    const roof_workload *w = &r->w;
    cli_buf_str(out, "{\n  ");
    cli_json_key(out, "model", &first), cli_json_str(out, r->m.name);
    cli_json_key(out, "hardware", &first), cli_json_str(out, r->hw.name);
    cli_json_key(out, "phase", &first);
    cli_json_str(out, r->decode ? "decode" : "prefill");
    cli_json_key(out, "batch", &first), cli_json_num(out, w->batch);
    cli_json_key(out, "seq", &first), cli_json_num(out, r->seq);
    cli_json_key(out, "new_tokens", &first), cli_json_num(out, w->new_tokens);
    cli_json_key(out, "cached_tokens", &first), cli_json_num(out, w->cached_tokens);
    cli_json_key(out, "layers", &first), cli_json_num(out, r->m.layers);
    cli_json_key(out, "precision", &first);
    cli_json_str(out, roof_precision_name(w->precision));
    cli_json_key(out, "weight_bits", &first), cli_json_num(out, w->weight_bits);
    cli_json_key(out, "activation_bits", &first);
    cli_json_num(out, w->activation_bits);
    cli_json_key(out, "kv_bits", &first), cli_json_num(out, w->kv_bits);
    cli_json_key(out, "attention", &first);
    cli_json_str(out, w->attention == ROOF_ATTN_FUSED ? "fused" : "unfused");
    cli_json_key(out, "tensor_parallel", &first);
    cli_json_num(out, w->tensor_parallel);
    cli_buf_str(out, ",\n  \"ops\": [\n");
    for (uint32_t i = 0; i < r->n; i++) {
        op_json(&r->ops[i], out);
        cli_buf_str(out, i + 1 < r->n ? ",\n" : "\n");
    }
    cli_buf_str(out, "  ],\n  \"layer\": ");
    sum_json(&r->tot.layer, out);
    cli_buf_str(out, ",\n  \"model\": ");
    sum_json(&r->tot.model, out);
    cli_buf_str(out, ",\n  \"overhead_seconds\": ");
    cli_json_num(out, r->tot.overhead_seconds);
    cli_buf_str(out, ",\n  \"calibration\": ");
    cli_calibration_json(&r->cal, out);
    cli_buf_str(out, "\n}\n");
}

static void write_csv(const ops_run *r, cli_buf *out)
{
    cli_buf_str(out, "name,class,scope,flops,bytes,flops_per_byte,bound,"
                     "seconds,expected_seconds,compute_seconds,"
                     "memory_seconds,weight_bytes,"
                     "act_read_bytes,act_write_bytes,kv_read_bytes,"
                     "kv_write_bytes,comm_bytes,gemm_m,gemm_n,gemm_k,"
                     "gemm_batch\n");
    for (uint32_t i = 0; i < r->n; i++) {
        const roof_op *op = &r->ops[i];
        const double v[] = {op->flops, op->bytes, op->roofline.flops_per_byte};
        const double t[] = {op->roofline.seconds, op->expected_seconds,
                            op->roofline.compute_seconds,
                            op->roofline.memory_seconds, op->weight_bytes,
                            op->act_read_bytes, op->act_write_bytes,
                            op->kv_read_bytes, op->kv_write_bytes,
                            op->comm_bytes, op->gemm_m, op->gemm_n,
                            op->gemm_k, op->gemm_batch};
        cli_buf_fmt(out, "%s,%s,%s", op_name(op->id),
                    cli_class_name(op->op_class),
                    op->scope == ROOF_SCOPE_MODEL ? "model" : "layer");
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            cli_buf_str(out, ","), cli_csv_num(out, v[k]);
        cli_buf_fmt(out, ",%s", roof_bound_name(op->roofline.bound));
        for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
            cli_buf_str(out, ","), cli_csv_num(out, t[k]);
        cli_buf_str(out, "\n");
    }
}

static void text_row(cli_table *t, const char *name, const char *cls,
                     double flops, double bytes, uint32_t bound,
                     double seconds, double share)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    cli_table_cell(t, "%s", name);
    cli_table_cell(t, "%s", cls);
    cli_table_cell(t, "%s", cli_si(a, flops, "FLOP"));
    cli_table_cell(t, "%s", cli_si(b, bytes, "B"));
    cli_table_cell(t, "%s", cli_g3(c, bytes > 0 ? flops / bytes : 0.0));
    cli_table_cell(t, "%s", roof_bound_name(bound));
    cli_table_cell(t, "%s", cli_time(a, seconds));
    cli_table_cell(t, "%.1f%%", 100.0 * share);
}

static void write_text(const ops_run *r, cli_buf *out)
{
    static const char *const head[] = {"operator", "class", "FLOPs", "bytes",
                                       "FLOP/B", "bound", "time", "share"};
    static const int left[] = {1, 1, 0, 0, 0, 1, 0, 0};
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    const roof_sum *L = &r->tot.layer, *M = &r->tot.model;
    double total = M->seconds > 0 ? M->seconds : 1.0;
    cli_table t;
    cli_table_init(&t, 8, head, left);
    cli_buf_fmt(out, "%s on %s (%s), %s, batch %u, ", r->m.name, r->hw.name,
                r->hw.label, r->decode ? "decode" : "prefill",
                (unsigned)r->w.batch);
    if (r->decode)
        cli_buf_fmt(out, "%u new token(s) per sequence, %u cached, ",
                    (unsigned)r->w.new_tokens, (unsigned)r->w.cached_tokens);
    else
        cli_buf_fmt(out, "%u tokens per sequence, ", (unsigned)r->seq);
    cli_buf_fmt(out, "%s%s%s\n", roof_precision_name(r->w.precision),
                r->w.attention == ROOF_ATTN_FUSED ? ", fused attention" : "",
                r->w.tensor_parallel > 1 ? ", per device" : "");
    if (r->m.group_count == 0)
        cli_buf_fmt(out, "Per layer (x%u); share = of the whole step's time:\n",
                    (unsigned)r->m.layers);
    else /* each layer group's operators, then one layer of each */
        cli_buf_fmt(out, "Per layer of each of %u layer groups (model show "
                    "lists them); share = of the whole step's time:\n",
                    (unsigned)r->m.group_count);
    double layers_share = 0.0;
    for (uint32_t i = 0; i < r->n; i++) {
        const roof_op *op = &r->ops[i];
        double times = op->scope != ROOF_SCOPE_LAYER ? 1.0
                       : r->m.group_count > 0
                           ? r->m.groups[op->group].layers : r->m.layers;
        if (op->scope == ROOF_SCOPE_LAYER)
            layers_share += times * op->roofline.seconds / total;
        text_row(&t, op_name(op->id), cli_class_name(op->op_class), op->flops,
                 op->bytes, op->roofline.bound, op->roofline.seconds,
                 times * op->roofline.seconds / total);
        if (i + 1 < r->n && op->scope == ROOF_SCOPE_LAYER
            && r->ops[i + 1].scope != ROOF_SCOPE_LAYER)
            text_row(&t, "= layer", "", L->flops, L->bytes, L->bound,
                     L->seconds, layers_share);
    }
    text_row(&t, "= model", "", M->flops, M->bytes, M->bound, M->seconds, 1.0);
    cli_table_print(&t, out, "  ");
    cli_table_free(&t);
    cli_buf_fmt(out, "Step: %s, %s moved, at least %s (%s-bound; slowest "
                "operator: %s)\n", cli_si(a, M->flops, "FLOP"),
                cli_si(b, M->bytes, "B"), cli_time(c, M->seconds),
                roof_bound_name(M->bound), op_name(M->dominant_op));
}

/* cli_try_fn: the step again at other efficiencies. */
static int try_ops(void *ctx, const roof_efficiency *eff)
{
    ops_run *r = ctx;
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    return roof_ops(&r->m, &r->w, &r->hw, eff, ops, ROOF_MAX_OPS, &n, NULL);
}

static int run(ops_run *r, const cli_cmd *cmd, const cli_wl *wo,
               uint32_t batch, uint32_t new_tokens)
{
    roof_efficiency eff = cli_efficiency(wo);
    uint32_t fed = r->decode ? new_tokens : r->seq;
    uint32_t cached = r->decode ? r->seq : 0;
    int rc = cli_workload(cmd->name, wo, &r->m, &r->hw, batch, fed,
                          cached, &r->w);
    if (rc != CLI_OK)
        return rc;
    rc = cli_load_calibration(cmd->name, wo, &r->hw, &r->cal);
    if (rc != CLI_OK)
        return rc;
    rc = roof_ops_calibrated(&r->m, &r->w, &r->hw, &eff, &r->cal, r->ops,
                             ROOF_MAX_OPS, &r->n, &r->tot);
    if (rc != ROOF_OK && cli_blame_eff(cmd->name, wo, try_ops, r) != 0)
        return CLI_EUSAGE;
    if (rc != ROOF_OK)
        return cli_lib_error(cmd->name, "cannot evaluate this step", rc);
    return CLI_OK;
}

int cli_cmd_ops(int argc, char **argv, cli_buf *out)
{
    static ops_run r; /* large; one per process */
    cli_cmd cmd = {
        .name = "ops",
        .usage = "roofmodel ops --model M --hw H --phase prefill|decode "
                 "[--batch B] --seq S [OPTIONS]",
        .about = "Every operator of one step, per layer: FLOPs, bytes moved, "
                 "operational intensity,\nwhat bounds it and its roofline "
                 "time; then the layer and whole-model totals.\nPrefill feeds "
                 "S tokens per sequence; decode feeds one (or --new-tokens) "
                 "with S tokens\nalready in the KV cache.  With --tp the "
                 "figures are one device's shard."};
    const char *model = NULL, *hw = NULL, *phase = NULL;
    uint32_t batch = 1, new_tokens = 1;
    int json = 0, csv = 0;
    cli_wl wo;
    cli_add(&cmd, "--model", CLI_STR, &model, "M",
            "model name or config.json path")->required = 1;
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--phase", CLI_STR, &phase, "PHASE",
            "prefill (init) or decode (ar)")->required = 1;
    cli_add(&cmd, "--batch", CLI_U32, &batch, "B", "sequences (default 1)");
    cli_add(&cmd, "--seq", CLI_U32, &r.seq, "S",
            "prompt tokens (prefill) or cached tokens (decode)")->required = 1;
    cli_add(&cmd, "--new-tokens", CLI_U32, &new_tokens, "K",
            "decode: tokens fed per step, e.g. speculative candidates "
            "(default 1)");
    cli_add_workload_opts(&cmd, &wo);
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK
        || (rc = cli_phase(cmd.name, "--phase", phase, &r.decode)) != CLI_OK)
        return rc;
    if (!r.decode && cli_find_opt(&cmd, "--new-tokens")->seen)
        return cli_usage_error(cmd.name, "--new-tokens applies to --phase "
                               "decode");
    if ((rc = cli_load_model_as(cmd.name, "--model", model, wo.as, &r.m)) != CLI_OK
        || (rc = cli_load_hw(cmd.name, "--hw", hw, &r.hw)) != CLI_OK
        || (rc = run(&r, &cmd, &wo, batch, new_tokens)) != CLI_OK)
        return rc;
    if (json)
        write_json(&r, out);
    else if (csv)
        write_csv(&r, out);
    else
        write_text(&r, out);
    return CLI_OK;
}
