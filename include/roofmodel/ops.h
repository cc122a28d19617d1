/*
 * roofmodel: the operators of a transformer step, with their FLOPs, the
 * bytes they move, and their place on a device's roofline.
 *
 * docs/model.md derives every formula and states every assumption.
 */
#ifndef ROOFMODEL_OPS_H
#define ROOFMODEL_OPS_H

#include "common.h"
#include "hardware.h"
#include "model.h"
#include "roofline.h"
#include "calibration.h"

#ifdef __cplusplus
extern "C" {
#endif

enum roof_attention_kind {
    /* qk_matmul, softmax and pv_matmul as separate kernels: the score
     * matrix is written to and read back from memory.  The full
     * new_tokens x context rectangle is computed, masked entries included,
     * as eager implementations do. */
    ROOF_ATTN_UNFUSED = 0,
    /* One fused kernel (FlashAttention): scores stay on chip; with a causal
     * mask only the unmasked scores are counted. */
    ROOF_ATTN_FUSED = 1
};

/* One step of work: every sequence of the batch feeds new_tokens tokens
 * with cached_tokens already in its KV cache.
 *   prefill ("init"): new_tokens = S, cached_tokens = 0
 *   decode  ("ar"):   new_tokens = 1, cached_tokens = S
 *   speculative verification of k candidates: new_tokens = k
 *   chunked prefill: new_tokens = chunk, cached_tokens = tokens so far */
typedef struct roof_workload {
    uint32_t batch;           /* sequences; > 0 */
    uint32_t new_tokens;      /* per sequence; > 0 */
    uint32_t cached_tokens;   /* per sequence; >= 0 */
    uint32_t weight_bits;     /* 1..64; 16 for fp16/bf16 weights */
    uint32_t activation_bits; /* 1..64 */
    uint32_t kv_bits;         /* 1..64 */
    uint32_t quant_group;     /* weights per scale; 0 = no scales */
    uint32_t scale_bits;      /* bits per group (scale + zero point) */
    uint32_t attention;       /* enum roof_attention_kind */
    uint32_t precision;       /* roof_precision the matmuls run at */
    uint32_t tensor_parallel; /* devices sharing each layer; > 0, divides
                                 heads and kv_heads (or kv_heads < t and
                                 t % kv_heads == 0: K/V replicated) */
    uint32_t reserved[5];     /* must be 0 */
} roof_workload;

/* Fill *out with a prefill or decode step of `batch` sequences, 16-bit
 * everything, FP16 matmuls, unfused attention, no tensor parallelism.
 * ROOF_E_NULL, ROOF_E_RANGE (batch or seq 0 for prefill, batch 0). */
ROOF_API int roof_workload_prefill(uint32_t batch, uint32_t seq_tokens,
                                   roof_workload *out);
ROOF_API int roof_workload_decode(uint32_t batch, uint32_t cached_tokens,
                                  roof_workload *out);

/* ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID. */
ROOF_API int roof_workload_validate(const roof_workload *w);

/* Operator identities: stable values, used to index and to name. */
enum roof_op_id {
    ROOF_OP_EMBED = 0,
    ROOF_OP_ATTN_NORM = 1,
    ROOF_OP_Q_PROJ = 2,
    ROOF_OP_K_PROJ = 3,
    ROOF_OP_V_PROJ = 4,
    ROOF_OP_ROPE = 5,
    ROOF_OP_QK_MATMUL = 6,
    ROOF_OP_SOFTMAX = 7,
    ROOF_OP_PV_MATMUL = 8,
    ROOF_OP_ATTENTION = 9,        /* fused qk + softmax + pv */
    ROOF_OP_O_PROJ = 10,
    ROOF_OP_ATTN_ADD = 11,        /* residual add after attention */
    ROOF_OP_MLP_NORM = 12,
    ROOF_OP_ROUTER = 13,          /* MoE gate: hidden -> experts logits */
    ROOF_OP_GATE_PROJ = 14,       /* dense MLP, or the shared experts */
    ROOF_OP_UP_PROJ = 15,
    ROOF_OP_ACT = 16,
    ROOF_OP_DOWN_PROJ = 17,
    ROOF_OP_EXPERT_GATE_PROJ = 18, /* routed experts (MoE) */
    ROOF_OP_EXPERT_UP_PROJ = 19,
    ROOF_OP_EXPERT_ACT = 20,
    ROOF_OP_EXPERT_DOWN_PROJ = 21,
    ROOF_OP_MLP_ADD = 22,         /* residual add after the MLP */
    ROOF_OP_ALLREDUCE = 23,       /* tensor parallelism: both per layer */
    ROOF_OP_FINAL_NORM = 24,
    ROOF_OP_LM_HEAD = 25,
    /* Multi-head latent attention (docs/model.md, "MLA"): q_proj is then
     * q's up-projection (or its only one), o_proj the output. */
    ROOF_OP_Q_A_PROJ = 26,        /* q down-projection to q_lora_rank */
    ROOF_OP_KV_A_PROJ = 27,       /* hidden -> latent + k_rope (cached) */
    ROOF_OP_KV_B_PROJ = 28,       /* latent -> K and V of every key
                                     (prefill: decompressed) */
    ROOF_OP_Q_ABSORB = 29,        /* q_nope x W_UK -> latent (decode) */
    ROOF_OP_O_ABSORB = 30,        /* latent x W_UV -> values (decode) */
    /* Mamba-2 (docs/model.md, "Mamba-2"). */
    ROOF_OP_SSM_IN_PROJ = 31,     /* hidden -> z, x, B, C, dt */
    ROOF_OP_SSM_CONV = 32,        /* causal depthwise conv of x, B, C (its
                                     state per sequence read and written) */
    ROOF_OP_SSM_SCAN = 33,        /* the state-space scan (its state per
                                     sequence read and written) */
    ROOF_OP_SSM_NORM = 34,        /* gated RMSNorm: norm(y * silu(z)) */
    ROOF_OP_SSM_OUT_PROJ = 35,    /* inner -> hidden */
    ROOF_OP_QK_NORM = 36,         /* ROOF_EXTRA_QK_NORM */
    ROOF_OP_ATTN_GATE = 37        /* ROOF_EXTRA_OUTPUT_GATE: its projection
                                     and the gating */
};
#define ROOF_OP_COUNT 38
/* The most operators roof_ops() ever returns: size arrays with it.  Each
 * layer group has at most every layer operator once (all but embed,
 * final_norm and lm_head), and the model-scope three come once. */
#define ROOF_MAX_OPS (ROOF_MAX_GROUPS * (ROOF_OP_COUNT - 3) + 3)

/* "q_proj", "qk_matmul", ...; NULL for an unknown id. */
ROOF_API const char *roof_op_name(uint32_t id);

/* What kind of work an operator is; groups the seed figure's series. */
enum roof_op_class {
    ROOF_CLASS_ATTN_PROJ = 0,   /* q/k/v/o projections: "qkv mlp" */
    ROOF_CLASS_MLP_PROJ = 1,    /* gate/up/down (+ experts, router) */
    ROOF_CLASS_ATTN_MATMUL = 2, /* qk, pv, fused attention: "qk/pv" */
    ROOF_CLASS_ELEMENTWISE = 3, /* norms, rope, softmax, act, adds */
    ROOF_CLASS_COMM = 4,        /* all-reduce */
    ROOF_CLASS_EMBED = 5        /* embedding lookup, lm_head */
};

enum roof_op_scope {
    ROOF_SCOPE_LAYER = 0, /* once per layer: counted `layers` times */
    ROOF_SCOPE_MODEL = 1  /* once per step: embed, final_norm, lm_head */
};

/* One operator of one step, per device (with tensor parallelism, the
 * shard one device runs).  bytes = weight + act_read + act_write +
 * kv_read + kv_write: what the kernel moves to and from DRAM.  comm_bytes
 * cross the interconnect instead and are not in bytes. */
typedef struct roof_op {
    uint32_t id;              /* enum roof_op_id */
    uint32_t op_class;        /* enum roof_op_class */
    uint32_t scope;           /* enum roof_op_scope */
    uint32_t precision;       /* precision its roofline used */
    double flops;
    double bytes;
    double weight_bytes;
    double act_read_bytes;
    double act_write_bytes;
    double kv_read_bytes;
    double kv_write_bytes;
    double comm_bytes;
    /* GEMM shape for matmuls (C[m x n] = A[m x k] B[k x n], gemm_batch
     * independent products); all 0 for other operators. */
    double gemm_m;
    double gemm_n;
    double gemm_k;
    double gemm_batch;
    roof_roofline roofline;   /* on the device given; seconds include the
                                 interconnect time for comm operators */
    double expected_seconds;  /* the calibrated time model's prediction
                                 (roof_kernel_expected_seconds); >= the
                                 bound wherever the profile's fractions
                                 are <= 1 */
    uint32_t group;           /* layer group the operator belongs to */
    uint32_t reserved0;
    double reserved[4];
} roof_op;

/* Sums over a set of operators. */
typedef struct roof_sum {
    double flops;
    double bytes;
    double weight_bytes;
    double act_bytes;         /* read + written */
    double kv_bytes;          /* read + written */
    double comm_bytes;
    double compute_seconds;   /* sum of the operators' compute bounds */
    double memory_seconds;    /* sum of the memory bounds */
    double comm_seconds;      /* interconnect time */
    double seconds;           /* sum of the operators' time bounds */
    double expected_seconds;  /* sum of the operators' expected times */
    double bound_seconds[4];  /* seconds per roof_bound of the operators */
    uint32_t bound;           /* the roof_bound with the most seconds */
    uint32_t dominant_op;     /* roof_op_id of the slowest operator */
    double reserved[4];
} roof_sum;

typedef struct roof_totals {
    roof_sum layer; /* one layer (of each group, with layer groups) */
    roof_sum model; /* layers x layer + embed, final_norm and lm_head */
    double overhead_seconds; /* the profile's per-step engine time, not in
                                model.expected_seconds: add it for a step's
                                wall time */
    double reserved[3];
} roof_totals;

/* Every operator of one step: the layer operators first (scope LAYER, in
 * execution order; with layer groups, one layer of each group in turn,
 * each op tagged with its group), then embed, final_norm and lm_head
 * (scope MODEL).  totals->layer sums one layer of each group; model sums
 * each group's layers times its layer, plus the model operators.
 * ops[] receives *count entries, at most ROOF_MAX_OPS; totals may be NULL.
 * eff may be NULL (pure roofline).  On ROOF_E_BUFFER_TOO_SMALL, *count
 * (when count is not NULL) receives the number needed and nothing else is
 * written.  ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID (also: heads or
 * kv_heads not shardable over tensor_parallel), ROOF_E_UNSUPPORTED (the
 * device lacks the workload's precision, or tensor_parallel > 1 on a
 * device without an interconnect), ROOF_E_OVERFLOW (a step so large that
 * a count could pass ROOF_MAX_VALUE; checked before anything is written).
 * Conventions (docs/model.md): weights are read once per step; the new
 * tokens' K and V are appended to the cache by the attention operators
 * (kv_write of qk_matmul and pv_matmul, or of the fused attention);
 * lm_head computes the logits of each sequence's last new token only. */
ROOF_API int roof_ops(const roof_model *m, const roof_workload *w,
                      const roof_hardware *hw, const roof_efficiency *eff,
                      roof_op *ops, uint32_t cap, uint32_t *count,
                      roof_totals *totals);

/* The totals roof_ops() gives for the same step, bit for bit, without the
 * operator records: what a scheduler asks for each candidate batch (the
 * step's time, its bound, its bytes).  Every input is validated as by
 * roof_ops(); *out is written only on ROOF_OK.  eff may be NULL.
 * ROOF_E_NULL (m, w, hw or out NULL), ROOF_E_RANGE, ROOF_E_INVALID,
 * ROOF_E_UNSUPPORTED and ROOF_E_OVERFLOW as roof_ops(); never
 * ROOF_E_BUFFER_TOO_SMALL. */
ROOF_API int roof_step(const roof_model *m, const roof_workload *w,
                       const roof_hardware *hw, const roof_efficiency *eff,
                       roof_totals *out);

/* roof_ops and roof_step with the calibration profile that prices the
 * expected times (roof_ops and roof_step use the device's built-in
 * profile, roof_calibration_builtin; so does a NULL cal here).  The bounds
 * do not depend on the profile; eff scales only the bounds.  Besides the
 * statuses of roof_ops: ROOF_E_INVALID or ROOF_E_RANGE for a profile that
 * does not validate, ROOF_E_MISMATCH for a profile of another device. */
ROOF_API int roof_ops_calibrated(const roof_model *m, const roof_workload *w,
                                 const roof_hardware *hw,
                                 const roof_efficiency *eff,
                                 const roof_calibration *cal, roof_op *ops,
                                 uint32_t cap, uint32_t *count,
                                 roof_totals *totals);
ROOF_API int roof_step_calibrated(const roof_model *m, const roof_workload *w,
                                  const roof_hardware *hw,
                                  const roof_efficiency *eff,
                                  const roof_calibration *cal,
                                  roof_totals *out);

#ifdef __cplusplus
}
#endif
#endif
