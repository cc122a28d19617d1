/*
 * roofmodel: model-level answers built on roof_ops(): time to first token,
 * time per output token, end-to-end time, throughput, memory footprint,
 * what fits, and how tensor and pipeline parallelism scale.
 */
#ifndef ROOFMODEL_ESTIMATE_H
#define ROOFMODEL_ESTIMATE_H

#include "common.h"
#include "hardware.h"
#include "model.h"
#include "ops.h"
#include "calibration.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A request: `batch` sequences, each a prompt of prompt_tokens followed by
 * gen_tokens generated tokens.  The prefill step produces the first
 * generated token; each of the gen_tokens - 1 decode steps after it feeds
 * one token with the cache one token longer than the step before. */
typedef struct roof_request {
    roof_workload workload;     /* batch, bit widths, attention, precision,
                                   tensor_parallel; new_tokens and
                                   cached_tokens are ignored */
    uint32_t prompt_tokens;     /* > 0 */
    uint32_t gen_tokens;        /* > 0 */
    uint32_t pipeline_parallel; /* stages; > 0, at most layers */
    uint32_t microbatches;      /* > 0; pipeline micro-batches per batch */
    roof_efficiency efficiency; /* {1,1,1} = pure roofline */
    double activation_reserve;  /* fraction of memory kept free for the
                                   runtime (0 .. <1); 0 = none */
    uint32_t reserved[4];       /* must be 0 */
} roof_request;

/* A request of batch, prompt and gen with the defaults of
 * roof_workload_prefill(), no parallelism, efficiency 1.
 * ROOF_E_NULL, ROOF_E_RANGE. */
ROOF_API int roof_request_init(uint32_t batch, uint32_t prompt_tokens,
                               uint32_t gen_tokens, roof_request *out);

ROOF_API int roof_request_validate(const roof_request *r);

/* Memory on one device, in bytes. */
typedef struct roof_memory {
    double weight_bytes;      /* its shard of the weights */
    double kv_bytes;          /* KV cache for batch x (prompt + gen) */
    double activation_bytes;  /* peak transient activations */
    double total_bytes;
    double capacity_bytes;    /* usable: memory x (1 - reserve) */
    uint32_t fits;            /* total <= capacity */
    uint32_t reserved0;       /* 0 */
    double reserved[4];       /* 0 */
} roof_memory;

typedef struct roof_estimate {
    double ttft_seconds;       /* prefill of the prompt, lm_head included */
    double tpot_seconds;       /* mean decode step over the generation;
                                  0 when gen_tokens == 1 */
    double first_tpot_seconds; /* the first decode step */
    double last_tpot_seconds;  /* the last decode step */
    double decode_seconds;     /* all decode steps */
    double e2e_seconds;        /* ttft + decode_seconds */
    double tokens_per_s_per_seq;  /* gen_tokens / e2e */
    double tokens_per_s;       /* batch x gen_tokens / e2e */
    double decode_tokens_per_s; /* batch / tpot, in steady decode */
    double allreduce_seconds_per_layer; /* decode step, 0 without TP */
    double pipeline_bubble_fraction;    /* (p-1)/(m+p-1); 0 without PP */
    roof_memory memory;        /* per device */
    uint32_t max_batch;        /* largest batch that fits at this context;
                                  0 when not even the weights fit */
    uint32_t max_context;      /* longest prompt+gen that fits at this
                                  batch; 0 when none */
    uint32_t prefill_bound;    /* roof_bound of the prefill step */
    uint32_t decode_bound;     /* roof_bound of the first decode step (the
                                  step at context prompt_tokens, computed
                                  even when gen_tokens == 1) */
    uint32_t prefill_dominant_op; /* roof_op_id taking the most time */
    uint32_t decode_dominant_op;
    /* The same answers from the calibrated time model (the device's
     * built-in profile, docs/calibration.md), each step's engine overhead
     * included: what a serving engine should see, where the fields above
     * are bounds it cannot beat. */
    double expected_ttft_seconds;
    double expected_tpot_seconds;  /* mean decode step (Simpson's rule over
                                      the context); 0 when gen_tokens == 1 */
    double expected_e2e_seconds;
    double expected_tokens_per_s;  /* batch x gen_tokens / expected e2e */
    double expected_decode_tokens_per_s; /* batch / expected tpot */
    double overhead_seconds;       /* per step, in the expected times */
    double reserved[4];            /* 0 */
} roof_estimate;

/* The cost does not grow with gen_tokens: decode step times are sums of
 * maxima of functions affine in the context, summed in closed form.
 * ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID, ROOF_E_UNSUPPORTED,
 * ROOF_E_OVERFLOW.  A request that does not fit still gets its times;
 * memory.fits says it does not. */
ROOF_API int roof_estimate_run(const roof_model *m, const roof_hardware *hw,
                               const roof_request *r, roof_estimate *out);

/* roof_estimate_run with the calibration profile that prices the expected
 * times (NULL: the device's built-in one, as roof_estimate_run).  Besides
 * its statuses: those of roof_calibration_validate, and ROOF_E_MISMATCH
 * for a profile of another device. */
ROOF_API int roof_estimate_run_calibrated(const roof_model *m,
                                          const roof_hardware *hw,
                                          const roof_request *r,
                                          const roof_calibration *cal,
                                          roof_estimate *out);

/* Memory alone (cheaper than roof_estimate_run). */
ROOF_API int roof_memory_footprint(const roof_model *m,
                                   const roof_hardware *hw,
                                   const roof_request *r, roof_memory *out);

/* One point of a parallelism sweep. */
typedef struct roof_scaling_point {
    uint32_t tensor_parallel;
    uint32_t pipeline_parallel;
    uint32_t devices;
    uint32_t fits;
    double ttft_seconds;
    double tpot_seconds;
    double tokens_per_s;
    double speedup;            /* tpot(1 device) / tpot; 0 if 1 doesn't fit */
    double efficiency;         /* speedup / devices */
    double expected_ttft_seconds;  /* the calibrated times (roof_estimate) */
    double expected_tpot_seconds;
    double expected_tokens_per_s;
    double expected_speedup;   /* as speedup, from the expected times */
    double reserved[4];        /* 0 */
} roof_scaling_point;

/* Tensor-parallel sweep t = 1, 2, 4, ... with t x pipeline_parallel <=
 * max_devices (the degrees the model's heads allow), with the request's
 * pipeline degree.  speedup compares tpot (ttft when gen_tokens == 1) with
 * the t = 1 point; efficiency = speedup / t.  Where efficiency falls is
 * where adding devices stops paying off.  A device without an
 * interconnect (interconnect_bytes_per_s == 0) cannot shard a layer: its
 * sweep holds the t = 1 point only.  ROOF_E_RANGE when max_devices <
 * pipeline_parallel; out may be NULL when cap is 0.
 * out[] gets *count points; ROOF_E_BUFFER_TOO_SMALL reports the needed
 * count in *count.  ROOF_E_NULL, ROOF_E_RANGE, ... as roof_estimate_run. */
ROOF_API int roof_scaling(const roof_model *m, const roof_hardware *hw,
                          const roof_request *r, uint32_t max_devices,
                          roof_scaling_point *out, uint32_t cap,
                          uint32_t *count);

/* roof_scaling with a calibration profile, as
 * roof_estimate_run_calibrated. */
ROOF_API int roof_scaling_calibrated(const roof_model *m,
                                     const roof_hardware *hw,
                                     const roof_request *r,
                                     const roof_calibration *cal,
                                     uint32_t max_devices,
                                     roof_scaling_point *out, uint32_t cap,
                                     uint32_t *count);

#ifdef __cplusplus
}
#endif
#endif
