/*
 * roofmodel: hardware descriptors.
 *
 * A descriptor is a plain struct the caller owns.  Peaks are not stored:
 * they derive from units x FLOP per clock per unit x clock, so the same
 * device can be asked about at another clock (profilers lock clocks, GPUs
 * throttle).  Built-in descriptors carry the sources of their figures;
 * docs/hardware.md lists them all.
 */
#ifndef ROOFMODEL_HARDWARE_H
#define ROOFMODEL_HARDWARE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ROOF_HW_NAME_MAX 48
#define ROOF_HW_SOURCE_MAX 192

typedef struct roof_hardware {
    char name[ROOF_HW_NAME_MAX];     /* short id used for lookup: "a6000" */
    char label[ROOF_HW_NAME_MAX];    /* display name: "NVIDIA RTX A6000" */
    char vendor[16];                 /* "NVIDIA", "AMD", "Google" */
    char arch[16];                   /* "GA102", "GH100", "CDNA3", ... */
    char source[ROOF_HW_SOURCE_MAX]; /* where the figures come from */
    uint32_t units;                  /* SMs, CUs or matrix units; > 0 */
    uint32_t scaleup_domain;         /* devices one scale-up link joins
                                        (NVLink, xGMI, ICI): 8 for an HGX
                                        board, 72 for GB200 NVL72;
                                        0 = unknown */
    double clock_hz;                 /* clock of the tensor/matrix peaks */
    double vector_clock_hz;          /* clock of the FP64/FP32 peaks;
                                        0 = same as clock_hz */
    /* Dense FLOP (or integer OP) per clock per unit, per roof_precision;
     * 0 = not supported by the device.  A sparse figure is never used. */
    double flops_per_clock_per_unit[ROOF_PRECISION_COUNT];
    double memory_bytes;             /* device memory capacity; > 0 */
    double dram_bytes_per_s;         /* DRAM bandwidth; > 0 */
    double l2_bytes;                 /* last-level cache; 0 = unknown */
    double interconnect_bytes_per_s; /* scale-up link (NVLink, IF, ICI),
                                        per direction per device; 0 = none */
    /* FP16 and FP8 tensor math with FP16 accumulation, where it is faster
     * than with FP32 accumulation (GeForce parts: twice the rate); dense
     * FLOP per clock per unit; 0 = no faster than the FP32-accumulate
     * rate.  When set it must be >= that rate, which must be > 0. */
    double fp16_acc16_flops_per_clock_per_unit;
    double fp8_acc16_flops_per_clock_per_unit;
    double scaleout_bytes_per_s;     /* scale-out network (InfiniBand,
                                        RoCE, DCN) per device per
                                        direction; 0 = unknown */
    double reserved[4];              /* must be 0 */
} roof_hardware;

/* Checks a caller-filled descriptor: units > 0; clock_hz > 0; every
 * per-clock rate >= 0 and at least one > 0; an FP16-accumulate rate 0 or
 * >= its FP32-accumulate rate, which is > 0; memory > 0; every number
 * finite and <= ROOF_MAX_VALUE; strings NUL-terminated within their
 * arrays; reserved fields 0.  Numbers the library divides by must be
 * usable divisors, so that a valid descriptor gives a number from every
 * function it is given to: DRAM bandwidth in [1e-30, 1e30], the
 * interconnect and scale-out bandwidths 0 or in that range, and every peak a rate gives
 * (units x rate x clock) in [1e-30, 1e30].
 * Returns ROOF_OK, ROOF_E_NULL, ROOF_E_RANGE (a bad number, a peak or
 * bandwidth out of range) or ROOF_E_INVALID (strings, reserved fields, no
 * rate at all). */
ROOF_API int roof_hardware_validate(const roof_hardware *hw);

/* Number of built-in descriptors (they are indexed 0 .. count-1). */
ROOF_API uint32_t roof_hardware_count(void);

/* Copies built-in descriptor `index` to *out.
 * ROOF_E_NULL, or ROOF_E_RANGE when index >= roof_hardware_count(). */
ROOF_API int roof_hardware_get(uint32_t index, roof_hardware *out);

/* Alias k (0, 1, ...) of built-in descriptor `index`: another name
 * roof_hardware_find knows it by ("rtx-a6000" for "a6000"); NULL past the
 * last alias or for a bad index.  Static string. */
ROOF_API const char *roof_hardware_alias(uint32_t index, uint32_t k);

/* Looks a device up by name, case-insensitively, among the built-in names
 * and their aliases ("a6000", "rtx-a6000", "RTX A6000" are the same).
 * A suffix "@<MHz>" asks for the device at that clock ("a6000@2100").
 * ROOF_E_NULL, ROOF_E_NOT_FOUND, or ROOF_E_RANGE for a bad clock suffix. */
ROOF_API int roof_hardware_find(const char *name, roof_hardware *out);

/* Writes up to `cap` built-in names closest to `name` (edit distance,
 * prefix and substring matches first) to names[], for "did you mean"
 * messages; *count receives how many were written.  The pointers are to
 * static strings.  ROOF_E_NULL when name or count is NULL (names may be
 * NULL only when cap is 0). */
ROOF_API int roof_hardware_suggest(const char *name, const char **names,
                                   uint32_t cap, uint32_t *count);

/* The same device with every clock set to clock_hz (all pipes run at a
 * locked clock; ROOF_E_RANGE where a peak at that clock leaves
 * [1e-30, 1e30]).  The name gets the suffix "@<MHz>" and the label
 * " @ <MHz> MHz" where they fit, replacing an earlier one, so
 * roof_hardware_find(out->name) gives the same device back.  ROOF_E_NULL, ROOF_E_RANGE, or the validation status of
 * *hw. */
ROOF_API int roof_hardware_at_clock(const roof_hardware *hw, double clock_hz,
                                    roof_hardware *out);

/* What roof_hardware_roof_rate says a roof was taken at. */
enum roof_accumulate {
    ROOF_ACC_WIDE = 0,  /* FP32 accumulation (INT32 for integer types) */
    ROOF_ACC_FP16 = 1   /* FP16 accumulation: the faster rate of FP16 or
                           FP8 on parts that have one */
};

/* The per-clock rate the roof of `precision` is built on: the fastest a
 * kernel could use, so that no kernel beats its bound.  For FP16 and FP8
 * that is the FP16-accumulate rate where the device has a faster one
 * (RTX 4090 FP16: 1024 per SM with FP16 accumulation against 512 with
 * FP32); *accumulate says which (roof_accumulate).
 * ROOF_E_NULL, ROOF_E_INVALID for an unknown precision, the status of
 * roof_hardware_validate for a bad descriptor, ROOF_E_UNSUPPORTED when the
 * device has no rate for it. */
ROOF_API int roof_hardware_roof_rate(const roof_hardware *hw,
                                     uint32_t precision,
                                     double *flops_per_clock_per_unit,
                                     uint32_t *accumulate);

/* Dense peak of a precision: units x FLOP/clock/unit x clock, at the rate
 * roof_hardware_roof_rate names.
 * ROOF_E_NULL, ROOF_E_INVALID for an unknown precision, the status of
 * roof_hardware_validate for a bad descriptor, ROOF_E_UNSUPPORTED when the
 * device has no rate for it. */
ROOF_API int roof_hardware_peak_flops_per_s(const roof_hardware *hw,
                                            uint32_t precision,
                                            double *flops_per_s);

#ifdef __cplusplus
}
#endif
#endif
