/* roofmodel collective: the time of one collective on a device's links;
 * roofmodel ep: the tensor x expert parallel sweep of an MoE model. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* ---- collective --------------------------------------------------------- */

static const struct {
    const char *flag;
    uint32_t id;
} ops[] = {
    {"all_reduce", ROOF_ALL_REDUCE},
    {"all_gather", ROOF_ALL_GATHER},
    {"reduce_scatter", ROOF_REDUCE_SCATTER},
    {"all_to_all", ROOF_ALL_TO_ALL},
    {"p2p", ROOF_POINT_TO_POINT},
};

static const char *const scope_names[] = {
    [ROOF_SCOPE_DEVICE] = "device",
    [ROOF_SCOPE_SCALE_UP] = "scale-up",
    [ROOF_SCOPE_SCALE_OUT] = "scale-out",
};

typedef struct coll_run {
    roof_hardware hw;
    uint32_t op, devices, scope;
    double bytes;
    roof_link peak, cal;       /* peak rates; calibrated fraction */
    double floor_seconds;      /* the comm kind's, once per collective */
    double seconds, expected_seconds;
} coll_run;

static int parse_op(const char *arg, uint32_t *op)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(arg, ops[i].flag) == 0) {
            *op = ops[i].id;
            return CLI_OK;
        }
    return cli_usage_error("collective", "--op: unknown collective '%s' "
                           "(all_reduce, all_gather, reduce_scatter, "
                           "all_to_all, p2p)", arg);
}

static int coll_compute(coll_run *r)
{
    int rc = roof_collective_link(&r->hw, r->devices, &r->peak, &r->scope);
    if (rc == ROOF_E_UNSUPPORTED)
        return cli_usage_error("collective", "--devices: %s has no %s figure "
                               "for %u devices", r->hw.name,
                               r->hw.scaleup_domain == 0 ? "scale-up domain"
                                                         : "scale-out network",
                               (unsigned)r->devices);
    roof_calibration cal;
    if (rc == ROOF_OK)
        rc = roof_calibration_builtin(&r->hw, &cal);
    if (rc == ROOF_OK) {
        const roof_kernel_coef *k = &cal.kind[ROOF_KERNEL_COMM];
        r->cal = r->peak;
        r->cal.bytes_per_s *= k->memory_fraction;
        r->floor_seconds = k->floor_seconds;
        rc = roof_collective_seconds(r->op, r->bytes, r->devices, &r->peak,
                                     &r->seconds);
    }
    if (rc == ROOF_OK)
        rc = roof_collective_seconds(r->op, r->bytes, r->devices, &r->cal,
                                     &r->expected_seconds);
    if (rc != ROOF_OK)
        return cli_lib_error("collective", "cannot time this collective", rc);
    r->expected_seconds += r->floor_seconds;
    return CLI_OK;
}

static void coll_json(const coll_run *r, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "{");
    cli_json_key(out, "hardware", &first), cli_json_str(out, r->hw.name);
    cli_json_key(out, "op", &first);
    cli_json_str(out, roof_collective_name(r->op));
    cli_json_key(out, "bytes", &first), cli_json_num(out, r->bytes);
    cli_json_key(out, "devices", &first), cli_json_num(out, r->devices);
    cli_json_key(out, "scope", &first);
    cli_json_str(out, scope_names[r->scope]);
    cli_json_key(out, "in_scale_up_domain", &first);
    cli_buf_str(out, r->scope != ROOF_SCOPE_SCALE_OUT ? "true" : "false");
    cli_json_key(out, "link_bytes_per_s", &first);
    cli_json_num(out, r->peak.bytes_per_s);
    cli_json_key(out, "seconds", &first), cli_json_num(out, r->seconds);
    cli_json_key(out, "expected_link_bytes_per_s", &first);
    cli_json_num(out, r->cal.bytes_per_s);
    cli_json_key(out, "floor_seconds", &first);
    cli_json_num(out, r->floor_seconds);
    cli_json_key(out, "expected_seconds", &first);
    cli_json_num(out, r->expected_seconds);
    cli_buf_str(out, "}\n");
}

static void coll_text(const coll_run *r, cli_buf *out)
{
    static const char *const where[] = {
        [ROOF_SCOPE_DEVICE] = "one device: its own memory",
        [ROOF_SCOPE_SCALE_UP] = "inside the scale-up domain",
        [ROOF_SCOPE_SCALE_OUT] = "across domains: the scale-out network",
    };
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    cli_buf_fmt(out, "%s of %s among %u x %s\n", roof_collective_name(r->op),
                cli_si(a, r->bytes, "B"), (unsigned)r->devices, r->hw.name);
    cli_buf_fmt(out, "  link       %s per direction (%s)\n",
                cli_si(a, r->peak.bytes_per_s, "B/s"), where[r->scope]);
    cli_buf_fmt(out, "  bound      %s at the peak rate\n",
                cli_time(a, r->seconds));
    cli_buf_fmt(out, "  expected   %s (%s achieved, %s floor; calibrated)\n",
                cli_time(b, r->expected_seconds),
                cli_si(c, r->cal.bytes_per_s, "B/s"),
                cli_time(a, r->floor_seconds));
}

int cli_cmd_collective(int argc, char **argv, cli_buf *out)
{
    static coll_run r;
    cli_cmd cmd = {
        .name = "collective",
        .usage = "roofmodel collective --hw H --op OP --bytes N --devices T "
                 "[--json]",
        .about = "The time of one collective among T devices: the link the "
                 "group uses (the device's\nown memory, its scale-up domain "
                 "or the scale-out network), the bound at the\npeak rate and "
                 "the expected time with the device's calibrated comm kind."};
    const char *hw = NULL, *op = NULL;
    int json = 0;
    cli_opt *o;
    memset(&r, 0, sizeof r);
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--op", CLI_STR, &op, "OP",
            "all_reduce, all_gather, reduce_scatter, all_to_all or p2p")
        ->required = 1;
    cli_add(&cmd, "--bytes", CLI_NONNEG, &r.bytes, "N",
            "one device's buffer in bytes")->required = 1;
    o = cli_add(&cmd, "--devices", CLI_U32, &r.devices, "T",
                "devices in the group");
    o->required = 1;
    cli_add_formats(&cmd, &json, NULL);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = parse_op(op, &r.op)) != CLI_OK
        || (rc = cli_load_hw(cmd.name, "--hw", hw, &r.hw)) != CLI_OK
        || (rc = coll_compute(&r)) != CLI_OK)
        return rc;
    if (json)
        coll_json(&r, out);
    else
        coll_text(&r, out);
    return CLI_OK;
}

/* ---- ep ------------------------------------------------------------------ */

#define EP_MAX_POINTS 256

typedef struct ep_run {
    roof_model m;
    roof_hardware hw;
    roof_request req;
    roof_ep_point pts[EP_MAX_POINTS];
    uint32_t npts;
} ep_run;

/* Named numbers of a point, shared by JSON and CSV. */
typedef struct ep_field {
    const char *key;
    double value;
} ep_field;

static size_t ep_fields(const roof_ep_point *p, ep_field *f)
{
    size_t n = 0;
#define F(k, v) f[n].key = k, f[n].value = (v), n++;
    F("tensor_parallel", p->tensor_parallel)
    F("expert_parallel", p->expert_parallel)
    F("devices", p->devices)
    F("fits", p->fits)
    F("moe_layers", p->moe_layers)
    F("dispatch_bytes", p->dispatch_bytes)
    F("busiest_dispatch_bytes", p->busiest_dispatch_bytes)
    F("a2a_seconds", p->a2a_seconds)
    F("expected_a2a_seconds", p->expected_a2a_seconds)
    F("step_seconds", p->step_seconds)
    F("expected_step_seconds", p->expected_step_seconds)
    F("tokens_per_s_per_device", p->tokens_per_s_per_device)
    F("expected_tokens_per_s_per_device",
      p->expected_tokens_per_s_per_device)
    F("speedup", p->speedup)
    F("expected_speedup", p->expected_speedup)
    F("memory_bytes", p->memory_bytes)
#undef F
    return n;
}

static void ep_json(const ep_run *r, cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "{\n  ");
    cli_json_key(out, "model", &first), cli_json_str(out, r->m.name);
    cli_json_key(out, "hardware", &first), cli_json_str(out, r->hw.name);
    cli_json_key(out, "batch", &first);
    cli_json_num(out, r->req.workload.batch);
    cli_json_key(out, "points", &first);
    cli_buf_str(out, "[\n");
    for (uint32_t i = 0; i < r->npts; i++) {
        ep_field f[20];
        size_t n = ep_fields(&r->pts[i], f);
        int inner = 1;
        cli_buf_str(out, "    {");
        cli_json_key(out, "scope", &inner);
        cli_json_str(out, scope_names[r->pts[i].link_scope]);
        for (size_t k = 0; k < n; k++) {
            cli_json_key(out, f[k].key, &inner);
            cli_json_num(out, f[k].value);
        }
        cli_buf_str(out, i + 1 < r->npts ? "},\n" : "}\n");
    }
    cli_buf_str(out, "  ]\n}\n");
}

static void ep_csv(const ep_run *r, cli_buf *out)
{
    ep_field f[20];
    size_t n = ep_fields(&r->pts[0], f);
    cli_buf_str(out, "scope");
    for (size_t k = 0; k < n; k++)
        cli_buf_fmt(out, ",%s", f[k].key);
    cli_buf_str(out, "\n");
    for (uint32_t i = 0; i < r->npts; i++) {
        n = ep_fields(&r->pts[i], f);
        cli_buf_str(out, scope_names[r->pts[i].link_scope]);
        for (size_t k = 0; k < n; k++)
            cli_buf_str(out, ","), cli_csv_num(out, f[k].value);
        cli_buf_str(out, "\n");
    }
}

static void ep_text(const ep_run *r, cli_buf *out)
{
    static const char *const head[] = {
        "TP", "EP", "devices", "fits", "all-to-all", "link", "time/token",
        "tokens/s/device", "speedup", "expected", "exp tokens/s/device"};
    char a[CLI_NUM_MAX];
    cli_table t;
    cli_table_init(&t, 11, head,
                   (const int[]){0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0});
    for (uint32_t i = 0; i < r->npts; i++) {
        const roof_ep_point *p = &r->pts[i];
        cli_table_cell(&t, "%u", (unsigned)p->tensor_parallel);
        cli_table_cell(&t, "%u", (unsigned)p->expert_parallel);
        cli_table_cell(&t, "%u", (unsigned)p->devices);
        cli_table_cell(&t, "%s", p->fits ? "yes" : "no");
        cli_table_cell(&t, "%s", cli_time(a, p->a2a_seconds));
        cli_table_cell(&t, "%s", scope_names[p->link_scope]);
        cli_table_cell(&t, "%s", cli_time(a, p->step_seconds));
        cli_table_cell(&t, "%s", cli_g3(a, p->tokens_per_s_per_device));
        cli_table_cell(&t, "%s", cli_g3(a, p->speedup));
        cli_table_cell(&t, "%s", cli_time(a, p->expected_step_seconds));
        cli_table_cell(&t, "%s",
                       cli_g3(a, p->expected_tokens_per_s_per_device));
    }
    cli_buf_fmt(out, "%s on %s: batch %u split over EP replicas, prompt %u, "
                "generate %u\nDecode step per device (bound; expected = "
                "calibrated), all-to-all of every MoE layer included:\n",
                r->m.name, r->hw.name, (unsigned)r->req.workload.batch,
                (unsigned)r->req.prompt_tokens, (unsigned)r->req.gen_tokens);
    cli_table_print(&t, out, "  ");
    cli_table_free(&t);
}

static int ep_compute(ep_run *r, const cli_cmd *cmd, const cli_wl *wo,
                      const uint32_t *sizes, uint32_t max_devices)
{
    if (cli_find_opt(cmd, "--tp")->seen)
        return cli_usage_error(cmd->name, "--tp: the sweep sets the "
                               "tensor-parallel degree itself");
    if (cli_find_opt(cmd, "--calibration")->seen)
        return cli_usage_error(cmd->name, "--calibration: the sweep uses the "
                               "device's built-in profile");
    if (r->m.experts == 0)
        return cli_usage_error(cmd->name, "--model: %s has no routed experts "
                               "to split", r->m.name);
    int rc = roof_request_init(sizes[0], sizes[1], sizes[2], &r->req);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd->name, "bad request", rc);
    rc = cli_workload(cmd->name, wo, &r->m, &r->hw, sizes[0], sizes[1], 0,
                      &r->req.workload);
    if (rc != CLI_OK)
        return rc;
    r->req.efficiency = cli_efficiency(wo);
    rc = roof_ep_sweep(&r->m, &r->hw, &r->req, max_devices, r->pts,
                       EP_MAX_POINTS, &r->npts);
    if (rc != ROOF_OK)
        return cli_lib_error(cmd->name, "cannot sweep expert parallelism", rc);
    return CLI_OK;
}

int cli_cmd_ep(int argc, char **argv, cli_buf *out)
{
    static ep_run r;
    cli_cmd cmd = {
        .name = "ep",
        .usage = "roofmodel ep --model M --hw H --batch B --prompt P --gen G "
                 "--max-devices N\n       [OPTIONS]",
        .about = "The tensor x expert parallel sweep of an MoE model: for "
                 "each TP x EP <= N, the\nbatch split over EP replicas, the "
                 "per-device decode step with the all-to-all\ndispatch and "
                 "combine of every MoE layer, whether the shard fits, tokens/s "
                 "per\ndevice and the speedup over one device."};
    const char *model = NULL, *hw = NULL;
    uint32_t sizes[3] = {1, 0, 0}; /* batch, prompt, gen */
    uint32_t max_devices = 8;
    int json = 0, csv = 0;
    cli_wl wo;
    cli_opt *o;
    cli_add(&cmd, "--model", CLI_STR, &model, "M",
            "model name or config.json path")->required = 1;
    cli_add(&cmd, "--hw", CLI_STR, &hw, "H",
            "device name or hardware .json path")->required = 1;
    cli_add(&cmd, "--batch", CLI_U32, &sizes[0], "B",
            "sequences over all replicas (default 1)");
    cli_add(&cmd, "--prompt", CLI_U32, &sizes[1], "P",
            "prompt tokens per sequence")->required = 1;
    o = cli_add(&cmd, "--gen", CLI_U32, &sizes[2], "G",
                "generated tokens per sequence (>= 2)");
    o->required = 1, o->min = 2, o->max = UINT32_MAX;
    cli_add_workload_opts(&cmd, &wo);
    o = cli_add(&cmd, "--max-devices", CLI_U32, &max_devices, "N",
                "most devices of a configuration (default 8)");
    o->min = 1, o->max = 4096;
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK
        || (rc = cli_load_model_as(cmd.name, "--model", model, wo.as,
                                     &r.m)) != CLI_OK
        || (rc = cli_load_hw(cmd.name, "--hw", hw, &r.hw)) != CLI_OK
        || (rc = ep_compute(&r, &cmd, &wo, sizes, max_devices)) != CLI_OK)
        return rc;
    if (json)
        ep_json(&r, out);
    else if (csv)
        ep_csv(&r, out);
    else
        ep_text(&r, out);
    return CLI_OK;
}
