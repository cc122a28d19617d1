/*
 * roofmodel: fitting calibration profiles to measured kernels, offline
 * (a set of samples) and online (a serving engine's steps as they come).
 * docs/calibration.md describes the method.
 */
#ifndef ROOFMODEL_FIT_H
#define ROOFMODEL_FIT_H

#include "calibration.h"
#include "common.h"
#include "hardware.h"
#include "parse.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One measured kernel: what it is, what it moved, how long it took. */
typedef struct roof_kernel_sample {
    uint32_t kind;           /* enum roof_kernel_kind */
    uint32_t precision;      /* roof_precision its math ran at */
    double flops;            /* >= 0 */
    double bytes;            /* DRAM bytes; the link's bus bytes for comm;
                                > 0 */
    double rows;             /* rows (tokens) it processed; >= 1 */
    double masked_extra;     /* fused prefill attention: masked scores /
                                unmasked; else 0 */
    double launches;         /* kernels it stands for; >= 1 */
    double measured_seconds; /* > 0 */
    double reserved[2];      /* must be 0 */
} roof_kernel_sample;

/* How well one kind's coefficients fit. */
typedef struct roof_fit_quality {
    uint32_t samples;     /* samples of this kind */
    uint32_t fitted;      /* 1: fitted; 0: no samples, kept from start */
    double median_error;  /* median |expected - measured| / measured */
    double p90_error;     /* 90th percentile of the same */
    double below_bound;   /* share of samples measured below the bound:
                             what no time model can follow */
    double reserved[2];
} roof_fit_quality;

typedef struct roof_fit_report {
    roof_fit_quality kind[ROOF_KERNEL_KIND_COUNT];
    uint32_t samples;     /* all samples */
    uint32_t bad_kind;    /* on ROOF_E_DEGENERATE: the kind at fault */
    double median_error;  /* over all samples */
    double p90_error;
    double reserved[4];
} roof_fit_report;

/* Doubles of workspace roof_calibration_fit needs for count samples. */
#define ROOF_FIT_WORKSPACE(count) ((size_t)(count) + 16u)

/* Fits the coefficients of every kind that has samples, starting from
 * *start (whose zero coefficients stay off: a kind fits exactly the terms
 * its start profile uses).  The fit minimises the Huber loss (delta 0.1)
 * of log(expected / measured) by a deterministic pattern search over the
 * logarithms of the coefficients, so outliers weigh linearly and the same
 * samples always give the same profile.  Kinds without samples keep the
 * start's coefficients; the result describes hw (device = hw's name,
 * origin fitted) and keeps start's strings otherwise.  workspace holds
 * ROOF_FIT_WORKSPACE(count) doubles (for the error percentiles).  report
 * may be NULL.  Nothing is allocated.
 * ROOF_E_NULL; ROOF_E_RANGE (a sample's number, or workspace too small);
 * ROOF_E_INVALID (a sample's kind, precision or reserved field, or start
 * does not validate); ROOF_E_UNSUPPORTED (hw lacks a sample's precision,
 * or a comm sample on a device without an interconnect); ROOF_E_DEGENERATE
 * (a kind with fewer than 8 samples, or whose samples' bound times span
 * less than a factor of 4: floor and bandwidth cannot be told apart;
 * report->bad_kind names it). */
ROOF_API int roof_calibration_fit(const roof_kernel_sample *samples,
                                  uint32_t count, const roof_hardware *hw,
                                  const roof_calibration *start,
                                  double *workspace, size_t workspace_len,
                                  roof_calibration *out,
                                  roof_fit_report *report);

/* How well a profile predicts samples it was not fitted to (held-out
 * models, another engine's kernels): report gets each kind's errors, as
 * roof_calibration_fit reports them (fitted stays 0).  Statuses as
 * roof_calibration_fit, without ROOF_E_DEGENERATE. */
ROOF_API int roof_calibration_score(const roof_kernel_sample *samples,
                                    uint32_t count, const roof_hardware *hw,
                                    const roof_calibration *cal,
                                    double *workspace, size_t workspace_len,
                                    roof_fit_report *report);

/* A sample from a measured kernel of the kernel CSV reader (a plain file
 * or Nsight Compute's export: roof_kernels_from_csv), whose only label is
 * its name: the kind is guessed from it (roof_kernel_kind_guess), the
 * rows and launches are 1 (unknown), the precision the given one.
 * ROOF_E_NULL, ROOF_E_INVALID (precision), ROOF_E_RANGE (a number the
 * fit would refuse: bytes or seconds not positive). */
ROOF_API int roof_kernel_sample_from_kernel(const roof_kernel *k,
                                            uint32_t precision,
                                            roof_kernel_sample *out);

/* Samples from CSV with a header naming the columns kind, flops, bytes and
 * seconds (any order) and optionally precision (default fp16), rows
 * (default 1), masked_extra (0) and launches (1); other columns are
 * ignored.  Buffer semantics as roof_kernels_from_csv.  ROOF_E_NULL,
 * ROOF_E_PARSE, ROOF_E_MISSING (the message names the column),
 * ROOF_E_RANGE, ROOF_E_INVALID (an unknown kind or precision: named),
 * ROOF_E_BUFFER_TOO_SMALL. */
ROOF_API int roof_kernel_samples_from_csv(const char *text, size_t len,
                                          roof_kernel_sample *out,
                                          uint32_t cap, uint32_t *count,
                                          roof_parse_error *err);

/* The online updater: O(1) state fed each step's measured time with the
 * time the profile predicted for it.  It fits measured = a x predicted + b
 * by least squares with exponential forgetting: a rescales the kernel
 * times, b is the per-step overhead.  The first `warmup` samples (cold
 * caches, compilation) are skipped, and once 8 samples are in, one whose
 * residual exceeds 6 times the running mean absolute residual is
 * rejected. */
typedef struct roof_online {
    uint32_t warmup;     /* samples to skip */
    uint32_t seen;       /* samples given */
    uint32_t used;       /* samples in the fit */
    uint32_t rejected;   /* outliers rejected */
    double forget;       /* weight kept per sample, in (0, 1] */
    double sw, sx, sy, sxx, sxy; /* weighted sums */
    double mean_abs_residual;
    double reserved[4];
} roof_online;

/* forget in [0.5, 1] (1 = never forget).  ROOF_E_NULL, ROOF_E_RANGE. */
ROOF_API int roof_online_init(uint32_t warmup, double forget,
                              roof_online *out);

/* One step: both times > 0 and finite.  *used (may be NULL) receives 1
 * when the sample entered the fit, 0 when skipped or rejected.
 * ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID (a state that was not set up
 * by roof_online_init). */
ROOF_API int roof_online_add(roof_online *o, double predicted_seconds,
                             double measured_seconds, uint32_t *used);

/* The current fit as a profile: base with every kernel time scaled by a
 * (floors times a, fractions and row bandwidths divided by a) and
 * step_overhead_seconds = b (0 when the fit says less).  ROOF_E_NULL;
 * ROOF_E_DEGENERATE with fewer than 2 samples used or predicted times all
 * alike; ROOF_E_RANGE when the scaled profile would leave the valid
 * ranges; the statuses of roof_calibration_validate for base. */
ROOF_API int roof_online_profile(const roof_online *o,
                                 const roof_calibration *base,
                                 roof_calibration *out);

#ifdef __cplusplus
}
#endif
#endif
