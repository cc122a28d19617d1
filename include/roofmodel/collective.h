/*
 * roofmodel: collectives and expert parallelism.
 *
 * Pure time models of the collectives LLM serving uses (all-reduce,
 * all-gather, reduce-scatter, all-to-all, point-to-point), over a link the
 * caller describes or takes from a device with roof_collective_link, and
 * the all-to-all traffic and load imbalance of expert parallelism.
 * docs/collectives.md derives every formula.
 */
#ifndef ROOFMODEL_COLLECTIVE_H
#define ROOFMODEL_COLLECTIVE_H

#include "common.h"
#include "hardware.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A link as one device sees it.  Fill bytes_per_s with a measured or
 * calibrated rate (a fraction of the peak) and latency_seconds with the
 * fixed cost of one step of an algorithm. */
typedef struct roof_link {
    double bytes_per_s;     /* per direction per device; in [1e-30, 1e30] */
    double latency_seconds; /* per step; >= 0 */
    double reserved[2];     /* must be 0 */
} roof_link;

/* ROOF_E_NULL, ROOF_E_RANGE (a bad number), ROOF_E_INVALID (reserved). */
ROOF_API int roof_link_validate(const roof_link *link);

/* Collectives.  Explicit values: part of the ABI. */
enum roof_collective {
    ROOF_ALL_REDUCE = 0,      /* ring: 2(t-1) steps of bytes/t */
    ROOF_ALL_GATHER = 1,      /* ring: t-1 steps of bytes/t */
    ROOF_REDUCE_SCATTER = 2,  /* ring: t-1 steps of bytes/t */
    ROOF_ALL_TO_ALL = 3,      /* pairwise: t-1 steps of bytes/t */
    ROOF_POINT_TO_POINT = 4   /* one send of bytes */
};
#define ROOF_COLLECTIVE_COUNT 5

/* "all-reduce", "all-gather", "reduce-scatter", "all-to-all",
 * "point-to-point"; NULL for an unknown value. */
ROOF_API const char *roof_collective_name(uint32_t collective);

/* Seconds one collective among `devices` devices takes over `link`.
 * `bytes` is the buffer of one device: the tensor being all-reduced, the
 * gathered output of an all-gather, the input of a reduce-scatter, all
 * that one device sends in an all-to-all (its own share included), or the
 * message of a point-to-point send.  With t devices, bandwidth B and
 * latency a:
 *   all-reduce      2 (t-1)/t x bytes / B + 2 (t-1) a
 *   all-gather,
 *   reduce-scatter    (t-1)/t x bytes / B +   (t-1) a
 *   all-to-all        (t-1)/t x bytes / B +   (t-1) a
 *   point-to-point              bytes / B +         a   (any t)
 * One device takes 0 s (nothing leaves it), except point-to-point.
 * bytes in [0, 1e30]; devices >= 1.  ROOF_E_NULL, ROOF_E_INVALID (unknown
 * collective, or the link's status), ROOF_E_RANGE, ROOF_E_OVERFLOW when
 * the time would pass 1e30 s. */
ROOF_API int roof_collective_seconds(uint32_t collective, double bytes,
                                     uint32_t devices, const roof_link *link,
                                     double *seconds);

/* Where a group's traffic goes. */
enum roof_scope {
    ROOF_SCOPE_DEVICE = 0,   /* one device: its own memory */
    ROOF_SCOPE_SCALE_UP = 1, /* inside the scale-up domain (NVLink, ...) */
    ROOF_SCOPE_SCALE_OUT = 2 /* across domains (InfiniBand, RoCE) */
};

/* The link a group of `devices` devices of kind `hw` communicates over,
 * at the device's peak rates and zero latency (scale them to calibrated
 * figures before use): one device -> its DRAM (ROOF_SCOPE_DEVICE); a group
 * within hw->scaleup_domain -> interconnect_bytes_per_s
 * (ROOF_SCOPE_SCALE_UP); a larger group -> scaleout_bytes_per_s
 * (ROOF_SCOPE_SCALE_OUT): a ring that crosses domains is as fast as its
 * slowest hop.  ROOF_E_NULL, the status of roof_hardware_validate,
 * ROOF_E_RANGE for devices == 0, ROOF_E_UNSUPPORTED when the needed figure
 * is unknown (scale-up domain 0, or scale-out bandwidth 0). */
ROOF_API int roof_collective_link(const roof_hardware *hw, uint32_t devices,
                                  roof_link *link, uint32_t *scope);

/* One MoE layer under expert parallelism of degree ep: the tokens of a
 * step spread evenly over the ep devices (attention in data parallelism),
 * each token routed to top_k of the experts, the experts split evenly. */
typedef struct roof_ep_layer {
    uint32_t experts;   /* E routed experts; a multiple of ep */
    uint32_t top_k;     /* k experts per token; 1 .. E */
    uint32_t hidden;    /* H, elements per token activation; > 0 */
    uint32_t ep;        /* e devices; >= 1 */
    double tokens;      /* T tokens in the step over all e devices; >= 0 */
    double dispatch_bytes_per_element; /* 1 for FP8 dispatch, 2 for BF16;
                                          in (0, 64] */
    double combine_bytes_per_element;  /* as dispatch (BF16: 2) */
    double reserved[2]; /* must be 0 */
} roof_ep_layer;

/* Per-device traffic and load of one MoE layer's step; loads count
 * token-expert assignments. */
typedef struct roof_ep_traffic {
    double tokens_per_device;   /* T / e */
    double mean_load;           /* T k / e */
    double max_load;            /* expected load of the busiest device
                                   under uniform routing (see below) */
    double dispatch_bytes;      /* one device's all-to-all buffer:
                                   T/e x k x H x dispatch bytes */
    double dispatch_bytes_out;  /* the (e-1)/e of it that leaves */
    double combine_bytes;       /* T/e x k x H x combine bytes */
    double combine_bytes_out;   /* (e-1)/e of it */
    double busiest_dispatch_bytes; /* max_load x H x dispatch bytes: what
                                   the busiest device receives */
    double busiest_combine_bytes;  /* and sends back */
    double reserved[2];
} roof_ep_traffic;

ROOF_API int roof_ep_layer_validate(const roof_ep_layer *layer);

/* Traffic of one layer.  max_load is the expected maximum of the e device
 * loads, each a sum of T hypergeometric draws (k of E experts, E/e on the
 * device) with the loads summing to T k:
 *   max_load = T k / e + c(e) sqrt(T k (E - k) / (e (E - 1)))
 * where c(e) is the expected maximum of e independent standard normals
 * (0 for e = 1, 1/sqrt(pi) for e = 2, 1.4236 for e = 8), found by
 * quadrature.  A normal approximation: within a few percent of the exact
 * expectation for T k of a few tens and up (tests/collective.c compares
 * it with exact enumerations).  ROOF_E_NULL, the status of
 * roof_ep_layer_validate, ROOF_E_OVERFLOW when a byte count would pass
 * 1e30. */
ROOF_API int roof_ep_traffic_eval(const roof_ep_layer *layer,
                                  roof_ep_traffic *out);

/* c(e): the expected maximum of e independent standard normal variables;
 * 0 for e = 1.  ROOF_E_NULL, ROOF_E_RANGE for e == 0. */
ROOF_API int roof_expected_max_normal(uint32_t e, double *value);

#ifdef __cplusplus
}
#endif
#endif
