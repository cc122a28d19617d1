/*
 * roofmodel: a sweep of tensor x expert parallelism for MoE models.
 *
 * For each (tensor, expert) parallel degree pair the per-device decode
 * step, its all-to-all share, whether the shard fits, and the throughput
 * per device: where adding devices stops paying off.  Built on
 * roof_estimate_run, roof_ops and the collectives of collective.h;
 * docs/collectives.md ("The EP sweep") derives every term.
 */
#ifndef ROOFMODEL_EP_H
#define ROOFMODEL_EP_H

#include "common.h"
#include "hardware.h"
#include "model.h"
#include "estimate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One configuration of the sweep: t x e devices.  The request's batch B
 * is split over e data-parallel replicas of B/e sequences, each replica's
 * layers sharded over t devices (tensor parallelism); the routed experts
 * are split over the e replicas, each expert sharded over the t devices
 * of its replica.  Times are per decode step, mean over the generation. */
typedef struct roof_ep_point {
    uint32_t tensor_parallel;  /* t */
    uint32_t expert_parallel;  /* e; divides the routed experts and B */
    uint32_t devices;          /* t x e */
    uint32_t link_scope;       /* enum roof_scope of the all-to-all:
                                  DEVICE for e = 1, else the scope of
                                  t x e devices (roof_collective_link) */
    uint32_t fits;             /* one device's memory holds its shard */
    uint32_t moe_layers;       /* layers with routed experts */
    double dispatch_bytes;     /* one layer's all-to-all buffer of one
                                  replica at the mean load: B k / e x H x
                                  activation bytes (the combine moves as
                                  many) */
    double busiest_dispatch_bytes; /* the same at the busiest replica's
                                  expected load (roof_ep_traffic) */
    double a2a_seconds;        /* bound: dispatch + combine of every MoE
                                  layer, mean buffer, peak link, no
                                  latency */
    double expected_a2a_seconds; /* busiest buffer, calibrated link: the
                                  comm kind's floor per collective and
                                  fraction of the peak */
    double step_seconds;       /* bound of the decode step, a2a included */
    double expected_step_seconds; /* calibrated, overhead included */
    double tokens_per_s_per_device;          /* B / (step x devices) */
    double expected_tokens_per_s_per_device; /* from the expected step */
    double speedup;            /* step(t = e = 1) / step */
    double expected_speedup;   /* as speedup, from the expected steps */
    double memory_bytes;       /* one device's total: roof_memory of the
                                  copy below, plus the whole router */
    double reserved[4];        /* 0 */
} roof_ep_point;

/* The sweep over t = 1, 2, 4, ... and e = 1, 2, 4, ... with t x e <=
 * max_devices, t a degree the model's heads allow
 * (roof_model_shardable) within the device's scale-up domain (t = 1 on a
 * device without an interconnect), e dividing the model's routed experts
 * and the request's batch, and, for e > 1, a link for t x e devices
 * (roof_collective_link); the points run t-major, t = e = 1 first.
 * The request's tensor_parallel is ignored (the sweep sets it); its
 * other fields apply to every point.  The approximation (see
 * docs/collectives.md): the step of a replica is roof_estimate_run's mean
 * decode step at batch B/e and degree t, its routed-expert operators
 * replaced by those of a copy of the model with E/e experts, top-k' (the
 * largest divisor of k up to E/e) and B k / (e k') tokens: the same
 * token-expert pairs, the expert weights of one device; its memory is
 * the copy's with the replicated router's missing columns added.
 * out[] gets *count points; out may be NULL when cap is 0;
 * ROOF_E_BUFFER_TOO_SMALL reports the needed count in *count and writes
 * nothing else.  ROOF_E_NULL; ROOF_E_RANGE for max_devices 0 or
 * gen_tokens < 2 (no decode step); ROOF_E_UNSUPPORTED for a model without
 * routed experts or a request with pipeline_parallel > 1; the statuses of
 * roof_model_validate, roof_hardware_validate, roof_request_validate,
 * roof_calibration_builtin and roof_estimate_run. */
ROOF_API int roof_ep_sweep(const roof_model *m, const roof_hardware *hw,
                           const roof_request *r, uint32_t max_devices,
                           roof_ep_point *out, uint32_t cap,
                           uint32_t *count);

#ifdef __cplusplus
}
#endif
#endif
