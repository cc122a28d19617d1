/* roofmodel step: one mixed step of a serving engine (sequences with their
 * own new and cached tokens) through a prepared plan; roofmodel capacity:
 * the inverse questions (docs/plan.md, docs/capacity.md). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What both commands share: the model, device, workload and plan. */
typedef struct plan_args {
    const char *model, *hw, *seqs, *seqs_file, *logits, *basis;
    int json, csv;
    cli_wl wo;
    roof_model m;
    roof_hardware hw_desc;
    roof_calibration cal;
    roof_plan plan;
} plan_args;

static void add_plan_opts(cli_cmd *cmd, plan_args *a)
{
    cli_add(cmd, "--model", CLI_STR, &a->model, "M",
            "model name or config.json path")->required = 1;
    cli_add(cmd, "--hw", CLI_STR, &a->hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add_workload_opts(cmd, &a->wo);
    cli_add_formats(cmd, &a->json, &a->csv);
}

/* One "NEW+CACHED" word; *end is past it. */
static int parse_seq(const char *cmd, const char *flag, const char *s,
                     const char **end, roof_seq *out)
{
    char *e;
    errno = 0;
    unsigned long n = strtoul(s, &e, 10), c = 0;
    int ok = e != s && errno == 0 && n > 0 && n <= UINT32_MAX
             && (*s >= '0' && *s <= '9');
    if (ok && *e == '+') {
        const char *t = e + 1;
        c = strtoul(t, &e, 10);
        ok = e != t && errno == 0 && c <= UINT32_MAX && *t >= '0'
             && *t <= '9';
    } else {
        ok = 0;
    }
    if (!ok)
        return cli_usage_error(cmd, "%s: expected NEW+CACHED with NEW > 0 "
                               "(like 512+0 or 1+2048), at '%.20s'", flag, s);
    out->new_tokens = (uint32_t)n;
    out->cached_tokens = (uint32_t)c;
    *end = e;
    return CLI_OK;
}

static int is_sep(char ch)
{
    return ch == ',' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* A list of sequences separated by commas or white space. */
static int parse_seqs(const char *cmd, const char *flag, const char *text,
                      roof_seq **seqs, uint32_t *count)
{
    uint32_t n = 0, cap = 0;
    roof_seq *v = NULL;
    for (const char *s = text; *s != '\0';) {
        if (is_sep(*s)) {
            s++;
            continue;
        }
        if (n == UINT32_MAX)
            break;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = cli_xrealloc(v, cap * sizeof *v);
        }
        const char *end = s;
        int rc = parse_seq(cmd, flag, s, &end, &v[n]);
        if (rc == CLI_OK && *end != '\0' && !is_sep(*end))
            rc = cli_usage_error(cmd, "%s: unexpected '%c' after a "
                                 "sequence", flag, *end);
        if (rc != CLI_OK) {
            free(v);
            return rc;
        }
        n++;
        s = end;
    }
    if (n == 0) {
        free(v);
        return cli_usage_error(cmd, "%s: no sequences", flag);
    }
    *seqs = v;
    *count = n;
    return CLI_OK;
}

/* The sequences of --seqs or --seqs-file (exactly one of them). */
static int load_seqs(const char *cmd, const plan_args *a, int required,
                     roof_seq **seqs, uint32_t *count)
{
    *seqs = NULL;
    *count = 0;
    if (a->seqs != NULL && a->seqs_file != NULL)
        return cli_usage_error(cmd, "give --seqs or --seqs-file, not both");
    if (a->seqs != NULL)
        return parse_seqs(cmd, "--seqs", a->seqs, seqs, count);
    if (a->seqs_file == NULL)
        return required ? cli_usage_error(cmd, "--seqs or --seqs-file is "
                                          "required") : CLI_OK;
    char *text;
    size_t len;
    int rc = cli_read_file(cmd, "--seqs-file", a->seqs_file, &text, &len);
    if (rc != CLI_OK)
        return rc;
    rc = parse_seqs(cmd, "--seqs-file", text, seqs, count);
    free(text);
    return rc;
}

/* Loads the model and device and prepares the plan. */
static int prepare(const char *cmd, plan_args *a)
{
    roof_workload w;
    int rc = cli_load_model_as(cmd, "--model", a->model, a->wo.as,
                               &a->m);
    if (rc == CLI_OK)
        rc = cli_load_hw(cmd, "--hw", a->hw, &a->hw_desc);
    if (rc == CLI_OK)
        rc = cli_workload(cmd, &a->wo, &a->m, &a->hw_desc, 1, 1, 0, &w);
    if (rc == CLI_OK)
        rc = cli_load_calibration(cmd, &a->wo, &a->hw_desc, &a->cal);
    if (rc != CLI_OK)
        return rc;
    if (a->wo.eff_compute != 1.0 || a->wo.eff_memory != 1.0
        || a->wo.eff_comm != 1.0)
        return cli_usage_error(cmd, "--compute-eff, --memory-eff and "
                               "--comm-eff do not apply: a plan prices the "
                               "roofline bound and the calibrated time");
    rc = roof_plan_init(&a->m, &w, &a->hw_desc, &a->cal, &a->plan);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd, "cannot prepare a plan", rc);
    if (a->logits != NULL && strcmp(a->logits, "all") == 0)
        a->plan.logits = ROOF_LOGITS_ALL;
    else if (a->logits != NULL && strcmp(a->logits, "last") != 0)
        return cli_usage_error(cmd, "--logits: expected last or all, got "
                               "'%s'", a->logits);
    return CLI_OK;
}

/* ---- output ------------------------------------------------------------ */

static const char *op_name(uint32_t id)
{
    const char *s = roof_op_name(id);
    return s ? s : "?";
}

static void result_json(const roof_step_result *r, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "{");
    cli_json_key(out, "sequences", &first), cli_json_num(out, r->sequences);
    cli_json_key(out, "tokens", &first), cli_json_num(out, r->tokens);
    cli_json_key(out, "seconds", &first), cli_json_num(out, r->seconds);
    cli_json_key(out, "expected_seconds", &first);
    cli_json_num(out, r->expected_seconds);
    cli_json_key(out, "overhead_seconds", &first);
    cli_json_num(out, r->overhead_seconds);
    cli_json_key(out, "flops", &first), cli_json_num(out, r->flops);
    cli_json_key(out, "bytes", &first), cli_json_num(out, r->bytes);
    cli_json_key(out, "weight_bytes", &first), cli_json_num(out, r->weight_bytes);
    cli_json_key(out, "act_bytes", &first), cli_json_num(out, r->act_bytes);
    cli_json_key(out, "kv_bytes", &first), cli_json_num(out, r->kv_bytes);
    cli_json_key(out, "comm_bytes", &first), cli_json_num(out, r->comm_bytes);
    cli_json_key(out, "compute_seconds", &first);
    cli_json_num(out, r->compute_seconds);
    cli_json_key(out, "memory_seconds", &first);
    cli_json_num(out, r->memory_seconds);
    cli_json_key(out, "comm_seconds", &first), cli_json_num(out, r->comm_seconds);
    cli_json_key(out, "bound", &first), cli_json_str(out, roof_bound_name(r->bound));
    cli_json_key(out, "dominant_op", &first);
    cli_json_str(out, op_name(r->dominant_op));
    cli_buf_str(out, "}");
}

static void head_json(const plan_args *a, cli_buf *out, int *first)
{
    cli_buf_str(out, "{\n  ");
    cli_json_key(out, "model", first), cli_json_str(out, a->m.name);
    cli_json_key(out, "hardware", first), cli_json_str(out, a->hw_desc.name);
    cli_json_key(out, "tensor_parallel", first);
    cli_json_num(out, a->plan.workload.tensor_parallel);
    cli_json_key(out, "logits", first);
    cli_json_str(out, a->plan.logits == ROOF_LOGITS_ALL ? "all" : "last");
    cli_json_key(out, "calibration", first);
    cli_calibration_json(&a->cal, out);
}

static void step_csv(const roof_step_result *r, cli_buf *out)
{
    static const char *const head =
        "sequences,tokens,seconds,expected_seconds,overhead_seconds,flops,"
        "bytes,weight_bytes,act_bytes,kv_bytes,comm_bytes,bound,"
        "dominant_op\n";
    const double v[] = {r->sequences, r->tokens, r->seconds,
                        r->expected_seconds, r->overhead_seconds, r->flops,
                        r->bytes, r->weight_bytes, r->act_bytes, r->kv_bytes,
                        r->comm_bytes};
    cli_buf_str(out, head);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        cli_csv_num(out, v[i]);
        cli_buf_str(out, ",");
    }
    cli_csv_str(out, roof_bound_name(r->bound));
    cli_buf_str(out, ",");
    cli_csv_str(out, op_name(r->dominant_op));
    cli_buf_str(out, "\n");
}

static void step_text(const plan_args *a, const roof_step_result *r,
                      cli_buf *out)
{
    char x[CLI_NUM_MAX], y[CLI_NUM_MAX], z[CLI_NUM_MAX];
    cli_buf_fmt(out, "%s on %s: a step of %u sequence(s), %u new tokens%s\n",
                a->m.name, a->hw_desc.name, (unsigned)r->sequences,
                (unsigned)r->tokens,
                a->plan.workload.tensor_parallel > 1 ? ", per device" : "");
    cli_buf_fmt(out, "  bound     %s (%s-bound; slowest operator: %s)\n",
                cli_time(x, r->seconds), roof_bound_name(r->bound),
                op_name(r->dominant_op));
    cli_buf_fmt(out, "  expected  %s + %s engine overhead (%s profile %s)\n",
                cli_time(x, r->expected_seconds),
                cli_time(y, r->overhead_seconds),
                roof_calibration_origin_name(a->cal.origin), a->cal.name);
    cli_buf_fmt(out, "  %s, %s moved (weights %s, ",
                cli_si(x, r->flops, "FLOP"), cli_si(y, r->bytes, "B"),
                cli_si(z, r->weight_bytes, "B"));
    cli_buf_fmt(out, "activations %s, ", cli_si(x, r->act_bytes, "B"));
    cli_buf_fmt(out, "KV cache %s)", cli_si(x, r->kv_bytes, "B"));
    if (r->comm_bytes > 0)
        cli_buf_fmt(out, ", %s over the interconnect",
                    cli_si(x, r->comm_bytes, "B"));
    cli_buf_str(out, "\n");
}

int cli_cmd_step(int argc, char **argv, cli_buf *out)
{
    static plan_args a; /* large; one per process */
    cli_cmd cmd = {
        .name = "step",
        .usage = "roofmodel step --model M --hw H --seqs NEW+CACHED,... "
                 "[OPTIONS]",
        .about = "One step of a serving engine: each sequence feeds NEW "
                 "tokens on CACHED ones\n(512+0 a prefill chunk, 1+2048 a "
                 "decode).  The projections and MLP run on the\nstep's "
                 "tokens, attention per sequence (docs/plan.md).  Prints the "
                 "roofline bound,\nthe expected time and the step's FLOPs "
                 "and bytes."};
    cli_add(&cmd, "--seqs", CLI_STR, &a.seqs, "LIST",
            "NEW+CACHED per sequence, comma-separated");
    cli_add(&cmd, "--seqs-file", CLI_STR, &a.seqs_file, "FILE",
            "the same list in a file ('-' = stdin)");
    cli_add(&cmd, "--logits", CLI_STR, &a.logits, "last|all",
            "lm_head on each sequence's last token (default) or on all "
            "(speculative verification)");
    add_plan_opts(&cmd, &a);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    roof_seq *seqs = NULL;
    uint32_t n = 0;
    if ((rc = cli_check_formats(&cmd, a.json, a.csv)) != CLI_OK
        || (rc = prepare(cmd.name, &a)) != CLI_OK
        || (rc = load_seqs(cmd.name, &a, 1, &seqs, &n)) != CLI_OK)
        return rc;
    roof_step_result r;
    rc = roof_plan_step_mixed(&a.plan, seqs, n, &r);
    free(seqs);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd.name, "cannot evaluate this step", rc);
    if (a.json) {
        int first = 1;
        head_json(&a, out, &first);
        cli_json_key(out, "step", &first), result_json(&r, out);
        cli_buf_str(out, "\n}\n");
    } else if (a.csv) {
        step_csv(&r, out);
    } else {
        step_text(&a, &r, out);
    }
    return CLI_OK;
}

/* ---- capacity ---------------------------------------------------------- */

typedef struct cap_args {
    const char *question;
    uint32_t context, batch, prompt, max_tp, chunk_cached;
    double budget_ms;
} cap_args;

/* The answer of a question: a size and its step. */
typedef struct answer {
    const char *what; /* "max_batch", "max_chunk", ... */
    uint32_t value;
    roof_step_result step;
    roof_throughput tput;
    int is_tput;
} answer;

static int ask(const char *cmd, plan_args *a, const cap_args *c,
               uint32_t basis, answer *ans)
{
    const double budget = c->budget_ms * 1e-3;
    int rc;
    if (strcmp(c->question, "decode-batch") == 0) {
        ans->what = "max_batch";
        rc = roof_plan_max_decode_batch(&a->plan, c->context, budget, basis,
                                        &ans->value, &ans->step);
    } else if (strcmp(c->question, "chunk") == 0) {
        roof_seq *seqs;
        uint32_t n;
        if ((rc = load_seqs(cmd, a, 0, &seqs, &n)) != CLI_OK)
            return rc;
        ans->what = "max_chunk";
        rc = roof_plan_max_chunk(&a->plan, seqs, n, c->chunk_cached, budget,
                                 basis, &ans->value, &ans->step);
        free(seqs);
    } else if (strcmp(c->question, "tp") == 0) {
        ans->what = "min_tensor_parallel";
        rc = roof_min_tensor_parallel(&a->m, &a->plan.workload, &a->hw_desc,
                                      &a->cal, c->batch, c->prompt, budget,
                                      basis, c->max_tp, &ans->value,
                                      &ans->step);
    } else if (strcmp(c->question, "throughput") == 0) {
        ans->what = "batch";
        ans->is_tput = 1;
        rc = roof_plan_max_decode_throughput(&a->plan, c->context, budget,
                                             basis, &ans->tput);
        ans->value = ans->tput.batch;
        ans->step = ans->tput.step;
    } else {
        return cli_usage_error(cmd, "--question: expected decode-batch, "
                               "chunk, tp or throughput, got '%s'",
                               c->question);
    }
    if (rc == ROOF_E_DOES_NOT_FIT)
        return cli_usage_error(cmd, "no answer: nothing meets a budget of "
                               "%g ms (or fits the device memory)",
                               c->budget_ms);
    return rc == ROOF_OK ? CLI_OK
                         : cli_lib_error(cmd, "cannot answer", rc);
}

static void answer_text(const plan_args *a, const cap_args *c,
                        const answer *ans, const char *basis, cli_buf *out)
{
    char x[CLI_NUM_MAX], y[CLI_NUM_MAX], z[CLI_NUM_MAX];
    cli_buf_fmt(out, "%s on %s, %s within %g ms (%s): %s = %u\n",
                a->m.name, a->hw_desc.name, c->question, c->budget_ms, basis,
                ans->what, (unsigned)ans->value);
    cli_buf_fmt(out, "  its step: bound %s, expected %s + %s overhead\n",
                cli_time(x, ans->step.seconds),
                cli_time(y, ans->step.expected_seconds),
                cli_time(z, ans->step.overhead_seconds));
    if (ans->is_tput)
        cli_buf_fmt(out, "  %s tokens/s per device, limited by the %s, "
                    "%s of memory\n", cli_g3(x, ans->tput.tokens_per_s),
                    ans->tput.limit == 1 ? "TPOT target" : "memory",
                    cli_si(y, ans->tput.memory_bytes, "B"));
}

static void answer_json(const plan_args *a, const cap_args *c,
                        const answer *ans, const char *basis, cli_buf *out)
{
    int first = 1;
    head_json(a, out, &first);
    cli_json_key(out, "question", &first), cli_json_str(out, c->question);
    cli_json_key(out, "basis", &first), cli_json_str(out, basis);
    cli_json_key(out, "budget_seconds", &first);
    cli_json_num(out, c->budget_ms * 1e-3);
    cli_json_key(out, ans->what, &first), cli_json_num(out, ans->value);
    if (ans->is_tput) {
        cli_json_key(out, "tokens_per_s", &first);
        cli_json_num(out, ans->tput.tokens_per_s);
        cli_json_key(out, "limit", &first);
        cli_json_str(out, ans->tput.limit == 1 ? "tpot" : "memory");
        cli_json_key(out, "memory_bytes", &first);
        cli_json_num(out, ans->tput.memory_bytes);
    }
    cli_json_key(out, "step", &first), result_json(&ans->step, out);
    cli_buf_str(out, "\n}\n");
}

int cli_cmd_capacity(int argc, char **argv, cli_buf *out)
{
    static plan_args a;
    cap_args c = {NULL, 0, 1, 0, 8, 0, 0.0};
    cli_cmd cmd = {
        .name = "capacity",
        .usage = "roofmodel capacity --model M --hw H --question Q "
                 "--budget-ms X [OPTIONS]",
        .about = "Inverse questions (docs/capacity.md), on the roofline "
                 "bound or the expected time:\n  decode-batch  the largest "
                 "decode batch at --context C within X ms per step\n  chunk "
                 "        the largest prefill chunk beside --seqs within X ms\n"
                 "  tp            the smallest --tp for a TTFT of X ms "
                 "(--batch, --prompt, --max-tp)\n  throughput    the best "
                 "decode tokens/s per device at --context C, TPOT X ms"};
    cli_add(&cmd, "--question", CLI_STR, &c.question, "Q",
            "decode-batch, chunk, tp or throughput")->required = 1;
    cli_add(&cmd, "--budget-ms", CLI_POS, &c.budget_ms, "X",
            "the step budget, TTFT or TPOT target in ms")->required = 1;
    cli_add(&cmd, "--basis", CLI_STR, &a.basis, "B",
            "expected (default) or bound");
    cli_add(&cmd, "--context", CLI_U32, &c.context, "C",
            "cached tokens of each decode (default 0)")->max = UINT32_MAX;
    cli_add(&cmd, "--seqs", CLI_STR, &a.seqs, "LIST",
            "chunk: the step's other sequences, NEW+CACHED,...");
    cli_add(&cmd, "--seqs-file", CLI_STR, &a.seqs_file, "FILE",
            "chunk: the same list in a file");
    cli_add(&cmd, "--chunk-cached", CLI_U32, &c.chunk_cached, "C",
            "chunk: tokens of its sequence already cached (default 0)")
        ->max = UINT32_MAX;
    cli_add(&cmd, "--batch", CLI_U32, &c.batch, "B",
            "tp: sequences prefilled together (default 1)");
    cli_add(&cmd, "--prompt", CLI_U32, &c.prompt, "P", "tp: prompt tokens");
    cli_add(&cmd, "--max-tp", CLI_U32, &c.max_tp, "T",
            "tp: the largest degree tried (default 8)");
    add_plan_opts(&cmd, &a);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (a.csv)
        return cli_usage_error(cmd.name, "--csv does not apply; use --json");
    uint32_t basis = ROOF_BASIS_EXPECTED;
    if (a.basis != NULL && strcmp(a.basis, "bound") == 0)
        basis = ROOF_BASIS_BOUND;
    else if (a.basis != NULL && strcmp(a.basis, "expected") != 0)
        return cli_usage_error(cmd.name, "--basis: expected bound or "
                               "expected, got '%s'", a.basis);
    if (strcmp(c.question, "tp") == 0 && c.prompt == 0)
        return cli_usage_error(cmd.name, "--prompt is required for tp");
    answer ans;
    memset(&ans, 0, sizeof ans);
    if ((rc = prepare(cmd.name, &a)) != CLI_OK
        || (rc = ask(cmd.name, &a, &c, basis, &ans)) != CLI_OK)
        return rc;
    const char *bname = basis == ROOF_BASIS_BOUND ? "bound" : "expected";
    if (a.json)
        answer_json(&a, &c, &ans, bname, out);
    else
        answer_text(&a, &c, &ans, bname, out);
    return CLI_OK;
}
