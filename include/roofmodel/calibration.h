/*
 * roofmodel: calibrated kernel times.
 *
 * The roofline gives a bound that no kernel beats: max(flops / peak,
 * bytes / bandwidth).  Real kernels take longer: a launch and tail floor
 * of a few microseconds, a fraction of the peaks, a slow zone where
 * compute and memory time are close, and small kernels that cannot keep
 * enough bytes in flight.  The time model (docs/calibration.md derives
 * it) predicts a kernel's expected time from the same quantities the
 * bound uses:
 *
 *   tc = compute_seconds * (1 + masked_fraction * masked_extra)
 *        / compute_fraction                 (0 when compute_fraction = 0)
 *   tm = memory_seconds / memory_fraction
 *   tr = row_bytes / row_bytes_per_s        (0 when row_bytes_per_s = 0)
 *   expected = launches * floor_seconds + sqrt(tc^2 + tm^2 + tr^2)
 *
 * compute_seconds and memory_seconds are the bound's terms at the device's
 * peaks; memory_seconds of a collective is its bus bytes over the link.
 * A roof_calibration holds one device's coefficients per kernel kind and
 * where they come from.  It is a plain struct the caller owns.
 */
#ifndef ROOFMODEL_CALIBRATION_H
#define ROOFMODEL_CALIBRATION_H

#include "common.h"
#include "hardware.h"
#include "parse.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What kind of kernel a time belongs to: each has its own coefficients. */
enum roof_kernel_kind {
    ROOF_KERNEL_GEMM = 0,         /* projections, lm_head, router, the
                                     unfused qk and pv matmuls */
    ROOF_KERNEL_ATTN_PREFILL = 1, /* fused attention, > 1 new token */
    ROOF_KERNEL_ATTN_DECODE = 2,  /* fused attention, 1 new token */
    ROOF_KERNEL_NORM = 3,         /* RMSNorm, LayerNorm */
    ROOF_KERNEL_ROPE = 4,
    ROOF_KERNEL_ACT = 5,          /* activation (SiLU x up, GELU) */
    ROOF_KERNEL_ADD = 6,          /* residual add */
    ROOF_KERNEL_EMBED = 7,        /* embedding gather */
    ROOF_KERNEL_SOFTMAX = 8,      /* unfused softmax */
    ROOF_KERNEL_COMM = 9          /* collectives over the interconnect */
};
#define ROOF_KERNEL_KIND_COUNT 10

/* "gemm", "attn_prefill", ...; NULL for an unknown value. */
ROOF_API const char *roof_kernel_kind_name(uint32_t kind);
/* Case-insensitive inverse.  ROOF_E_NULL, ROOF_E_NOT_FOUND. */
ROOF_API int roof_kernel_kind_from_name(const char *name, uint32_t *kind);

/* The kind a kernel's name suggests, for profilers whose measurements
 * carry only a name: case-insensitive keywords ("attn"/"flash" with
 * "decode" -> attn_decode, else attn_prefill; "norm"; "rope"/"rotary";
 * "silu"/"gelu"/"act"; "add"/"residual"; "emb"/"gather"; "softmax";
 * "allreduce"/"all_reduce"/"nccl" -> comm); anything else is a GEMM.
 * Only the first 255 bytes of the name are read.  A heuristic: say the
 * kind when it is known.  ROOF_E_NULL. */
ROOF_API int roof_kernel_kind_guess(const char *name, uint32_t *kind);

/* One kind's coefficients.  Every number finite and >= 0; a compute
 * fraction in [0.01, 1] where it is used, a memory fraction in [0.01, 1.5]
 * (above 1: caches serve part of the traffic, as for residual adds);
 * floor_seconds <= 1 s; row_bytes_per_s 0 or in [1e3, 1e15]. */
typedef struct roof_kernel_coef {
    double floor_seconds;    /* launch and tail latency of one kernel */
    double compute_fraction; /* achieved fraction of peak FLOP/s; 0 = the
                                kind's compute time is not modelled */
    double memory_fraction;  /* achieved fraction of DRAM (or link)
                                bandwidth; > 0 */
    double row_bytes_per_s;  /* bandwidth of one row's block: small
                                kernels with few rows; 0 = off */
    double masked_fraction;  /* fused prefill attention: the share of the
                                causally masked scores it computes anyway */
    double reserved[3];      /* must be 0 */
} roof_kernel_coef;

/* Where a profile's coefficients come from. */
enum roof_calibration_origin {
    ROOF_CAL_FITTED = 0,  /* fitted to measurements of this device */
    ROOF_CAL_DERIVED = 1, /* from a fitted profile of a sibling device */
    ROOF_CAL_GENERIC = 2  /* from the device's architecture class only */
};
/* "fitted", "derived", "generic"; NULL for an unknown value. */
ROOF_API const char *roof_calibration_origin_name(uint32_t origin);

#define ROOF_CAL_NAME_MAX 48
#define ROOF_CAL_TEXT_MAX 192

typedef struct roof_calibration {
    char name[ROOF_CAL_NAME_MAX];     /* "a100-80gb-vidur" */
    char device[ROOF_CAL_NAME_MAX];   /* roof_hardware name it describes;
                                         "" = any device (generic) */
    char source[ROOF_CAL_TEXT_MAX];   /* the measurements, with address */
    char engine[ROOF_CAL_TEXT_MAX];   /* which engine and kernels */
    char date[16];                    /* "2026-12-06" */
    uint32_t origin;                  /* enum roof_calibration_origin */
    uint32_t reserved0;               /* must be 0 */
    roof_kernel_coef kind[ROOF_KERNEL_KIND_COUNT];
    double step_overhead_seconds;     /* engine CPU time per step, reported
                                         on its own; 0 = off */
    double reserved[7];               /* must be 0 */
} roof_calibration;

/* Checks a profile: strings NUL-terminated UTF-8-free of control bytes,
 * known origin, every coefficient finite, >= 0 and within its range (see
 * roof_kernel_coef), memory_fraction > 0 for every kind, reserved fields
 * 0.  ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID. */
ROOF_API int roof_calibration_validate(const roof_calibration *cal);

/* The built-in profile of a device: fitted for the devices with shared
 * measurements, derived for their siblings, else generic for its memory
 * class (docs/calibration.md).  The device must validate.
 * ROOF_E_NULL, the statuses of roof_hardware_validate. */
ROOF_API int roof_calibration_builtin(const roof_hardware *hw,
                                      roof_calibration *out);

/* ROOF_OK when cal may be used with hw: its device is "" or hw's name
 * (ignoring an "@MHz" clock suffix on either); ROOF_E_MISMATCH otherwise.
 * ROOF_E_NULL. */
ROOF_API int roof_calibration_check_hardware(const roof_calibration *cal,
                                             const roof_hardware *hw);

/* A kernel as the time model sees it. */
typedef struct roof_kernel_terms {
    uint32_t kind;          /* enum roof_kernel_kind */
    uint32_t reserved0;     /* must be 0 */
    double compute_seconds; /* flops / peak FLOP/s; >= 0 */
    double memory_seconds;  /* bytes / peak bandwidth; >= 0 */
    double row_bytes;       /* bytes per row (token); >= 0 */
    double masked_extra;    /* fused prefill attention: masked scores /
                               unmasked scores; >= 0 */
    double launches;        /* kernels this stands for; >= 1 */
    double reserved[2];     /* must be 0 */
} roof_kernel_terms;

/* The expected seconds of one kernel (the formula above).
 * ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID (unknown kind, nonzero
 * reserved, or a profile that does not validate). */
ROOF_API int roof_kernel_expected_seconds(const roof_calibration *cal,
                                          const roof_kernel_terms *terms,
                                          double *seconds);

/* A profile from its JSON file (docs/inputs.md: every field of
 * roof_calibration, kinds as an object keyed by kind name).  Strict: an
 * unknown key is an error that names it.  Errors as
 * roof_model_from_json, and the statuses of roof_calibration_validate. */
ROOF_API int roof_calibration_from_json(const char *text, size_t len,
                                        roof_calibration *out,
                                        roof_parse_error *err);

/* A profile as JSON that reads back to the identical profile.  Buffer
 * semantics as roof_chart_svg.  ROOF_E_NULL, the statuses of
 * roof_calibration_validate, ROOF_E_INVALID for a string that is not
 * UTF-8. */
ROOF_API int roof_calibration_to_json(const roof_calibration *cal, char *buf,
                                      size_t cap, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
