/*
 * roofmodel: inverse questions on a prepared plan (what fits in a step
 * budget, a TTFT target, a TPOT target) and the utilization engines log.
 *
 * Every question has a bound-based variant (ROOF_BASIS_BOUND: the roofline
 * bound, which never over-promises, so its answers are upper limits) and
 * an expected-time variant (ROOF_BASIS_EXPECTED: the calibrated kernels
 * plus the profile's per-step overhead).  A question with no answer
 * returns ROOF_E_DOES_NOT_FIT and writes nothing: 0 is never an answer.
 * docs/capacity.md gives each method.
 */
#ifndef ROOFMODEL_CAPACITY_H
#define ROOFMODEL_CAPACITY_H

#include "common.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which time a question compares with its budget. */
enum roof_basis {
    ROOF_BASIS_BOUND = 0,   /* roof_step_result.seconds */
    ROOF_BASIS_EXPECTED = 1 /* expected_seconds + overhead_seconds */
};

/* The largest batch of decodes at cached_tokens whose step takes at most
 * budget_seconds.  *batch and *at (the step at that batch; at may be NULL)
 * are written only on ROOF_OK.  ROOF_E_NULL, ROOF_E_INVALID (plan tag,
 * basis), ROOF_E_RANGE (budget not finite and > 0), ROOF_E_DOES_NOT_FIT
 * (one decode alone exceeds the budget). */
ROOF_API int roof_plan_max_decode_batch(const roof_plan *p,
                                        uint32_t cached_tokens,
                                        double budget_seconds, uint32_t basis,
                                        uint32_t *batch,
                                        roof_step_result *at);

/* Chunked-prefill sizing: the largest chunk of new tokens (on
 * chunk_cached cached ones) that a step of seqs[0..count) plus the chunk
 * can take within budget_seconds.  count may be 0 (seqs may then be
 * NULL).  Statuses as roof_plan_max_decode_batch, and those of
 * roof_plan_step_mixed for seqs; ROOF_E_DOES_NOT_FIT when a chunk of one
 * token does not fit. */
ROOF_API int roof_plan_max_chunk(const roof_plan *p, const roof_seq *seqs,
                                 uint32_t count, uint32_t chunk_cached,
                                 double budget_seconds, uint32_t basis,
                                 uint32_t *chunk, roof_step_result *at);

/* The smallest tensor-parallel degree t in 1..max_tp whose prefill of
 * batch x prompt_tokens (the TTFT) takes at most ttft_seconds and whose
 * weights and KV cache (prompt + 1 token) fit each device's memory.
 * Degrees the model's heads or the device's interconnect do not allow are
 * skipped.  w gives the widths, precision and attention (its batch, token
 * counts and tensor_parallel are ignored); cal NULL = built-in profile.
 * *tp and *at (may be NULL) written only on ROOF_OK.  ROOF_E_NULL,
 * ROOF_E_RANGE (target, batch, prompt_tokens or max_tp 0), ROOF_E_INVALID
 * (basis), the statuses of roof_step_calibrated for the inputs,
 * ROOF_E_DOES_NOT_FIT (no degree up to max_tp meets the target). */
ROOF_API int roof_min_tensor_parallel(const roof_model *m,
                                      const roof_workload *w,
                                      const roof_hardware *hw,
                                      const roof_calibration *cal,
                                      uint32_t batch, uint32_t prompt_tokens,
                                      double ttft_seconds, uint32_t basis,
                                      uint32_t max_tp, uint32_t *tp,
                                      roof_step_result *at);

/* The best steady decode of a plan at one context. */
typedef struct roof_throughput {
    uint32_t batch;          /* sequences decoding together */
    uint32_t limit;          /* 1: the TPOT target limits the batch,
                                2: the memory */
    double tokens_per_s;     /* per device: batch / step seconds */
    double step_seconds;     /* the step's time on the basis asked */
    double memory_bytes;     /* one device's weights, KV cache and
                                activations at that batch */
    roof_step_result step;   /* the decode step at that batch */
    double reserved[4];
} roof_throughput;

/* The highest decode throughput per device at cached_tokens under a TPOT
 * target and the device memory (the plan's weights and a KV cache of
 * cached_tokens + 1 tokens per sequence, roof_memory_footprint), with the
 * batch that gives it.  *out written only on ROOF_OK.  ROOF_E_NULL,
 * ROOF_E_INVALID, ROOF_E_RANGE, ROOF_E_DOES_NOT_FIT (one sequence misses
 * the target or does not fit). */
ROOF_API int roof_plan_max_decode_throughput(const roof_plan *p,
                                             uint32_t cached_tokens,
                                             double tpot_seconds,
                                             uint32_t basis,
                                             roof_throughput *out);

/* Utilization of a step that was measured to take measured_seconds:
 * model FLOP utilization flops / (seconds x peak at the plan's precision)
 * and memory-bandwidth utilization bytes / (seconds x DRAM bandwidth), as
 * engines log them (per device).  ROOF_E_NULL, ROOF_E_INVALID (plan tag),
 * ROOF_E_RANGE (measured_seconds not finite and > 0, or r's counts not
 * finite and >= 0). */
ROOF_API int roof_plan_utilization(const roof_plan *p,
                                   const roof_step_result *r,
                                   double measured_seconds, double *mfu,
                                   double *mbu);

#ifdef __cplusplus
}
#endif
#endif
