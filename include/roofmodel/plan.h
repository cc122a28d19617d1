/*
 * roofmodel: prepared plans for a scheduler's steps.
 *
 * A serving engine asks about every step it might run: a batch of
 * sequences, each feeding its own new tokens (a prefill chunk, a decode
 * token, speculative candidates) on top of its own cached context.  A
 * plan validates the model, the device, the calibration profile and the
 * workload's widths once and folds every operator's coefficients, so that
 * a step costs tens of nanoseconds.  docs/plan.md derives the mixed step
 * and the folding.
 */
#ifndef ROOFMODEL_PLAN_H
#define ROOFMODEL_PLAN_H

#include "common.h"
#include "hardware.h"
#include "model.h"
#include "ops.h"
#include "calibration.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One sequence of a step. */
typedef struct roof_seq {
    uint32_t new_tokens;    /* tokens it feeds this step; > 0 */
    uint32_t cached_tokens; /* tokens already in its KV cache */
} roof_seq;

/* Which tokens' logits lm_head computes. */
enum roof_logits {
    ROOF_LOGITS_LAST = 0, /* each sequence's last new token (sampling) */
    ROOF_LOGITS_ALL = 1   /* every new token (speculative verification) */
};

/* The tag roof_plan_init writes and every step function checks: it
 * changes whenever the plan's private layout does, so a plan made by
 * another build of the library is refused (ROOF_E_INVALID). */
#define ROOF_PLAN_TAG 0x504c4e02u
#define ROOF_PLAN_WORDS 1024

/* A prepared plan: caller-owned, fixed size, no pointer into the caller's
 * memory (it may be copied, or shared read-only by any number of
 * threads). */
typedef struct roof_plan {
    uint32_t tag;    /* ROOF_PLAN_TAG once roof_plan_init succeeded */
    uint32_t logits; /* enum roof_logits, ROOF_LOGITS_LAST after init; the
                        caller may change it between steps */
    uint32_t reserved0[2];
    roof_model model;             /* validated copy */
    roof_hardware hardware;       /* validated copy */
    roof_calibration calibration; /* the profile the expected times use */
    roof_workload workload;       /* the widths, precision, attention and
                                     tensor_parallel the plan was made for;
                                     batch = new_tokens = 1, cached = 0 */
    double prepared[ROOF_PLAN_WORDS]; /* private: the folded coefficients */
    double reserved[8];
} roof_plan;

/* The answer about one step, per device (with tensor parallelism, the
 * shard one device runs).  bytes = weight + act + kv (DRAM); comm_bytes
 * cross the interconnect. */
typedef struct roof_step_result {
    double seconds;          /* roofline bound: the sum of the kernels'
                                bounds; never over-promises */
    double expected_seconds; /* the calibrated time model's prediction of
                                the kernels, without the overhead */
    double overhead_seconds; /* the profile's per-step engine time: add it
                                for the step's wall time */
    double flops;
    double bytes;
    double weight_bytes;
    double act_bytes;        /* read + written */
    double kv_bytes;         /* read + written */
    double comm_bytes;
    double compute_seconds;  /* sum of the kernels' compute bounds */
    double memory_seconds;   /* sum of their memory bounds */
    double comm_seconds;     /* interconnect time */
    double bound_seconds[4]; /* seconds per roof_bound of the kernels */
    double tokens;           /* new tokens of the step (T) */
    uint32_t bound;          /* the roof_bound with the most seconds */
    uint32_t dominant_op;    /* roof_op_id of the slowest kernel */
    uint32_t sequences;      /* sequences of the step */
    uint32_t reserved0;
    double reserved[6];
} roof_step_result;

/* Validates m, w, hw and cal once and prepares *out.  A NULL cal means the
 * device's built-in profile (roof_calibration_builtin).  Of *w only the
 * widths, quant_group, scale_bits, attention, precision and
 * tensor_parallel are used; batch and the token counts are ignored.  The
 * plan checks at init that its folded operators give the totals of
 * roof_step_calibrated (docs/plan.md).  *out is written only on ROOF_OK.
 * ROOF_E_NULL (m, w, hw or out NULL), the statuses of
 * roof_step_calibrated for a valid step, ROOF_E_UNSUPPORTED for a model
 * the plan cannot fold: layer groups with more distinct operators than
 * the plan holds (no preset), or whose attention groups run different
 * attention operators.  Every mixer is folded: full, sliding-window and
 * chunked attention (each group with its own window or chunk), MLA,
 * Mamba-2 and Gated DeltaNet, and MLP-only groups. */
ROOF_API int roof_plan_init(const roof_model *m, const roof_workload *w,
                            const roof_hardware *hw,
                            const roof_calibration *cal, roof_plan *out);

/* A uniform step: `batch` sequences, each feeding new_tokens on top of
 * cached_tokens.  With ROOF_LOGITS_LAST its figures are the model totals
 * of roof_step_calibrated for the same workload (to 1e-12 relative).
 * *out is written only on ROOF_OK.  ROOF_E_NULL; ROOF_E_INVALID (p's tag
 * is not ROOF_PLAN_TAG, or an unknown logits value); ROOF_E_RANGE (batch
 * or new_tokens 0); ROOF_E_OVERFLOW (batch x new_tokens past 2^32 - 1, or
 * a count past ROOF_MAX_VALUE). */
ROOF_API int roof_plan_step(const roof_plan *p, uint32_t batch,
                            uint32_t new_tokens, uint32_t cached_tokens,
                            roof_step_result *out);

/* A mixed step of count sequences (continuous batching with chunked
 * prefill).  The projections, norms, MLP, MoE, all-reduces and the
 * embedding run once on the step's T = sum of new_tokens tokens; attention
 * runs per sequence with its own context and the model's window, as two
 * kernels: the decodes (new_tokens = 1) and the others, each priced as one
 * kernel of the sequences' summed FLOPs and bytes (with layer groups, per
 * group, each sequence's keys capped by the group's window or counted
 * within its chunk; MLA's decodes run its absorbed matmuls over their
 * tokens, its other sequences kv_b_proj over their keys; a recurrent
 * mixer's conv and scan read the state of each sequence with a cache and
 * write every sequence's); lm_head runs on
 * each sequence's last token (or all of T, ROOF_LOGITS_ALL).
 * docs/plan.md.
 * *out is written only on ROOF_OK.  ROOF_E_NULL (p, seqs or out);
 * ROOF_E_INVALID (tag, logits); ROOF_E_RANGE (count 0, or a sequence with
 * new_tokens 0); ROOF_E_OVERFLOW (T past 2^32 - 1). */
ROOF_API int roof_plan_step_mixed(const roof_plan *p, const roof_seq *seqs,
                                  uint32_t count, roof_step_result *out);

#ifdef __cplusplus
}
#endif
#endif
