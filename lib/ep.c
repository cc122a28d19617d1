/* The tensor x expert parallel sweep of MoE models, on the public
 * estimate, operator and collective functions.  docs/collectives.md ("The
 * EP sweep") derives each term. */
#include "shape-priv.h"
#include "util.h"

/* What every point shares: the inputs and the calibrated comm kind. */
typedef struct sweep_ctx {
    const roof_model *m;
    const roof_hardware *hw;
    const roof_request *r;
    roof_calibration cal;
} sweep_ctx;

/* One replica's view of a point: its step and memory. */
typedef struct replica {
    double step, expected;   /* decode step, routed experts of one device */
    double memory;
    uint32_t fits, moe_layers;
} replica;

static int is_expert_op(uint32_t id)
{
    return id >= ROOF_OP_EXPERT_GATE_PROJ && id <= ROOF_OP_EXPERT_DOWN_PROJ;
}

static double group_layers(const roof_model *m, uint32_t g)
{
    return m->group_count == 0 ? (double)m->layers
                               : (double)m->groups[g].layers;
}

/* A decode workload of `batch` sequences at degree t. */
static roof_workload decode_workload(const roof_request *r, uint32_t batch,
                                     uint32_t t)
{
    roof_workload w = r->workload;
    w.batch = batch;
    w.new_tokens = 1;
    w.cached_tokens = r->prompt_tokens;
    w.tensor_parallel = t;
    return w;
}

/* The routed-expert operators of one step of m, each group's layers
 * counted: bound and expected seconds, and the layers that have them. */
static int expert_seconds(const sweep_ctx *c, const roof_model *m,
                          const roof_workload *w, double *bound,
                          double *expected, uint32_t *moe_layers)
{
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    int rc = roof_ops_calibrated(m, w, c->hw, &c->r->efficiency, &c->cal,
                                 ops, ROOF_MAX_OPS, &n, NULL);
    double b = 0.0, x = 0.0, layers = 0.0;
    for (uint32_t i = 0; rc == ROOF_OK && i < n; i++) {
        if (!is_expert_op(ops[i].id))
            continue;
        const double l = group_layers(m, ops[i].group);
        b += l * ops[i].roofline.seconds;
        x += l * ops[i].expected_seconds;
        if (ops[i].id == ROOF_OP_EXPERT_DOWN_PROJ)
            layers += l;
    }
    *bound = b;
    *expected = x;
    *moe_layers = (uint32_t)layers;
    return rc;
}

/* The largest divisor of k that is at most limit (>= 1). */
static uint32_t largest_divisor_upto(uint32_t k, uint32_t limit)
{
    uint32_t d = k < limit ? k : limit;
    while (k % d != 0)
        d--;
    return d;
}

/* One device's copy: E/e experts, top-k', and the tokens that keep the
 * replica's B k / e token-expert pairs. */
static int expert_copy(const roof_model *m, uint32_t e, uint32_t per_rep,
                       roof_model *copy, uint32_t *tokens)
{
    *copy = *m;
    copy->experts = m->experts / e;
    const uint32_t k = largest_divisor_upto(m->experts_per_token,
                                            copy->experts);
    copy->experts_per_token = k;
    const uint64_t n = (uint64_t)per_rep * (m->experts_per_token / k);
    if (n > UINT32_MAX)
        return ROOF_E_OVERFLOW;
    *tokens = (uint32_t)n;
    return ROOF_OK;
}

/* One device's memory: the copy's, plus the router columns of the experts
 * it lacks, for every device routes its tokens over all E experts (the
 * router is replicated): moe_layers x H x (E - E/e) weights at the
 * layers' bytes per weight (roof__shape_wbytes, scales included). */
static int device_memory(const sweep_ctx *c, const roof_model *copy,
                         const roof_request *rq, uint32_t moe_layers,
                         replica *out)
{
    roof_memory mem = {0};
    int rc = roof_memory_footprint(copy, c->hw, rq, &mem);
    const roof_workload *w = &rq->workload;
    roof__wbytes wb; /* the router is one of the layers' matrices */
    roof__shape_wbytes(c->m, w, &wb);
    const double router = (double)moe_layers * c->m->hidden
                          * (double)(c->m->experts - copy->experts)
                          * wb.layers;
    out->memory = mem.total_bytes + router;
    out->fits = out->memory <= mem.capacity_bytes;
    return rc;
}

/* The step of one replica of B/e sequences at degree t, with one
 * device's routed experts in place of the whole model's. */
static int replica_step(const sweep_ctx *c, uint32_t t, uint32_t e,
                        replica *out)
{
    roof_request rq = *c->r;
    const uint32_t per_rep = c->r->workload.batch / e;
    rq.workload.batch = per_rep;
    rq.workload.tensor_parallel = t;
    roof_estimate est;
    int rc = roof_estimate_run_calibrated(c->m, c->hw, &rq, &c->cal, &est);
    if (rc != ROOF_OK)
        return rc;
    roof_model copy;
    uint32_t tokens = 1, layers = 0, unused = 0;
    rc = expert_copy(c->m, e, per_rep, &copy, &tokens);
    roof_workload whole = decode_workload(c->r, per_rep, t);
    roof_workload shard = decode_workload(c->r, tokens, t);
    double wb, wx, sb = 0.0, sx = 0.0;
    if (rc == ROOF_OK)
        rc = expert_seconds(c, c->m, &whole, &wb, &wx, &layers);
    if (rc == ROOF_OK)
        rc = expert_seconds(c, &copy, &shard, &sb, &sx, &unused);
    if (rc == ROOF_OK)
        rc = device_memory(c, &copy, &rq, layers, out);
    if (rc != ROOF_OK)
        return rc;
    out->step = est.tpot_seconds - wb + sb;
    out->expected = est.expected_tpot_seconds - wx + sx;
    out->moe_layers = layers;
    return ROOF_OK;
}

/* Dispatch and combine of every MoE layer among e replicas spanning t x e
 * devices: bound (mean buffer, peak link) and expected (busiest buffer,
 * calibrated link, one floor per collective). */
static int a2a(const sweep_ctx *c, uint32_t t, uint32_t e, double layers,
               roof_ep_point *p)
{
    const roof_model *m = c->m;
    const roof_ep_layer layer = {
        m->experts, m->experts_per_token, m->hidden, e,
        (double)c->r->workload.batch,
        c->r->workload.activation_bits * 0.125,
        c->r->workload.activation_bits * 0.125, {0.0, 0.0}};
    roof_ep_traffic tr;
    roof_link peak, cal;
    double sb = 0.0, sx = 0.0;
    const roof_kernel_coef *k = &c->cal.kind[ROOF_KERNEL_COMM];
    int rc = roof_ep_traffic_eval(&layer, &tr);
    if (rc == ROOF_OK)
        rc = roof_collective_link(c->hw, t * e, &peak, &p->link_scope);
    if (rc == ROOF_OK) {
        cal = peak;
        cal.bytes_per_s = peak.bytes_per_s * k->memory_fraction;
        rc = roof_collective_seconds(ROOF_ALL_TO_ALL, tr.dispatch_bytes, e,
                                     &peak, &sb);
    }
    if (rc == ROOF_OK)
        rc = roof_collective_seconds(ROOF_ALL_TO_ALL,
                                     tr.busiest_dispatch_bytes, e, &cal, &sx);
    if (rc == ROOF_OK) {
        p->dispatch_bytes = tr.dispatch_bytes;
        p->busiest_dispatch_bytes = tr.busiest_dispatch_bytes;
        p->a2a_seconds = 2.0 * layers * sb;
        p->expected_a2a_seconds = 2.0 * layers * (k->floor_seconds + sx);
    }
    return rc;
}

/* One point; base is the t = e = 1 point (NULL while computing it). */
static int point(const sweep_ctx *c, uint32_t t, uint32_t e,
                 const roof_ep_point *base, roof_ep_point *p)
{
    replica rep;
    roof_ep_point q = {0};
    q.tensor_parallel = t;
    q.expert_parallel = e;
    q.devices = t * e;
    q.link_scope = ROOF_SCOPE_DEVICE;
    int rc = replica_step(c, t, e, &rep);
    if (rc == ROOF_OK && e > 1)
        rc = a2a(c, t, e, rep.moe_layers, &q);
    if (rc != ROOF_OK)
        return rc;
    q.fits = rep.fits;
    q.moe_layers = rep.moe_layers;
    q.memory_bytes = rep.memory;
    q.step_seconds = rep.step + q.a2a_seconds;
    q.expected_step_seconds = rep.expected + q.expected_a2a_seconds;
    const double B = c->r->workload.batch;
    q.tokens_per_s_per_device = B / (q.step_seconds * q.devices);
    q.expected_tokens_per_s_per_device =
        B / (q.expected_step_seconds * q.devices);
    const roof_ep_point *b = base != NULL ? base : &q;
    q.speedup = b->step_seconds / q.step_seconds;
    q.expected_speedup = b->expected_step_seconds / q.expected_step_seconds;
    *p = q;
    return ROOF_OK;
}

/* Degree t may shard a layer on this device. */
static int tp_ok(const sweep_ctx *c, uint32_t t)
{
    const roof_hardware *hw = c->hw;
    if (t == 1)
        return 1;
    if (hw->interconnect_bytes_per_s == 0.0
        || (hw->scaleup_domain > 0 && t > hw->scaleup_domain))
        return 0;
    return roof_model_shardable(c->m, t) == ROOF_OK;
}

/* Degree e may split the experts and the batch over t x e devices. */
static int ep_ok(const sweep_ctx *c, uint32_t t, uint32_t e)
{
    if (c->m->experts % e != 0 || c->r->workload.batch % e != 0)
        return 0;
    roof_link link;
    uint32_t scope;
    return e == 1 || roof_collective_link(c->hw, t * e, &link, &scope)
                         == ROOF_OK;
}

/* Every point, written to out[] when out is not NULL; *n counts them. */
static int sweep(const sweep_ctx *c, uint32_t max_devices,
                 roof_ep_point *out, uint32_t *n)
{
    roof_ep_point base, p;
    int rc = point(c, 1, 1, NULL, &base);
    uint32_t i = 0;
    for (uint64_t t = 1; rc == ROOF_OK && t <= max_devices; t *= 2) {
        if (!tp_ok(c, (uint32_t)t))
            continue;
        for (uint64_t e = 1; rc == ROOF_OK && t * e <= max_devices; e *= 2) {
            if (!ep_ok(c, (uint32_t)t, (uint32_t)e))
                continue;
            rc = point(c, (uint32_t)t, (uint32_t)e, &base, &p);
            if (rc == ROOF_OK && out != NULL)
                out[i] = p;
            i++;
        }
    }
    *n = i;
    return rc;
}

static int check_inputs(const roof_model *m, const roof_hardware *hw,
                        const roof_request *r, uint32_t max_devices)
{
    int rc = roof_model_validate(m);
    if (rc == ROOF_OK)
        rc = roof_hardware_validate(hw);
    if (rc == ROOF_OK)
        rc = roof_request_validate(r);
    if (rc != ROOF_OK)
        return rc;
    if (max_devices == 0 || r->gen_tokens < 2)
        return ROOF_E_RANGE;
    if (m->experts == 0 || r->pipeline_parallel != 1)
        return ROOF_E_UNSUPPORTED;
    return ROOF_OK;
}

int roof_ep_sweep(const roof_model *m, const roof_hardware *hw,
                  const roof_request *r, uint32_t max_devices,
                  roof_ep_point *out, uint32_t cap, uint32_t *count)
{
    if (m == NULL || hw == NULL || r == NULL || count == NULL
        || (out == NULL && cap > 0))
        return ROOF_E_NULL;
    sweep_ctx c = {0};
    c.m = m;
    c.hw = hw;
    c.r = r;
    int rc = check_inputs(m, hw, r, max_devices);
    if (rc == ROOF_OK)
        rc = roof_calibration_builtin(hw, &c.cal);
    uint32_t n = 0;
    if (rc == ROOF_OK) /* a dry run: every point computes, or none */
        rc = sweep(&c, max_devices, NULL, &n);
    if (rc != ROOF_OK)
        return rc;
    if (n > cap) {
        *count = n;
        return ROOF_E_BUFFER_TOO_SMALL;
    }
    (void)sweep(&c, max_devices, out, &n); /* as the dry run: ROOF_OK */
    *count = n;
    return ROOF_OK;
}
