/*
 * Shared by the quality tests and the benchmark: the seed figure's sweep
 * and chart, a typical config.json, and one call of every public entry
 * point ("every question path") with its results gathered in one struct so
 * that runs can be compared byte for byte.
 */
#ifndef ROOF_QUALITY_EXERCISE_H
#define ROOF_QUALITY_EXERCISE_H

#include <stddef.h>
#include <stdint.h>

#include "roofmodel.h"

/* The seed figure: Llama 13B on the A6000 at 2100 MHz, batch 1..64 and
 * sequence 128..8192 in powers of two (7 x 7 = 49 settings), prefill
 * ("init") and decode ("ar"), three operator groups: 6 series. */
#define Q_SEED_BATCHES 7
#define Q_SEED_SEQS 7
#define Q_SEED_SETTINGS (Q_SEED_BATCHES * Q_SEED_SEQS)
#define Q_SEED_SERIES 6
#define Q_SEED_MAX_POINTS (Q_SEED_SETTINGS * 4) /* q, k, v, o per setting */

typedef struct q_seed {
    roof_chart chart;
    roof_chart_ceiling ceilings[2];
    roof_series series[Q_SEED_SERIES];
    double x[Q_SEED_SERIES][Q_SEED_MAX_POINTS];
    double y[Q_SEED_SERIES][Q_SEED_MAX_POINTS];
} q_seed;

/* The sweep's settings, in order. */
extern const uint32_t q_seed_batches[Q_SEED_BATCHES];
extern const uint32_t q_seed_seqs[Q_SEED_SEQS];

/* Runs the sweep (98 roof_ops calls) and fills *s with the chart.  The
 * chart points into *s itself: do not copy it.  Returns a roof_status. */
int q_seed_build(const roof_model *m, const roof_hardware *hw, q_seed *s);

/* Llama-2-13b's config.json as published with the model, and a small
 * measured-kernel CSV. */
extern const char q_llama2_13b_config[];
extern const size_t q_llama2_13b_config_len;
extern const char q_kernels_csv[];
extern const size_t q_kernels_csv_len;

/* Everything one pass over the API produces (no pointers except to the
 * library's static strings, which are the same in every run). */
typedef struct q_results {
    const char *texts[16];
    uint32_t numbers[8];
    roof_hardware hw, hw_clocked, hw_read;
    roof_model llama13b, llama2_13b, model_read;
    roof_model_params params;
    const char *suggest_hw[4], *suggest_model[4];
    uint32_t suggest_counts[2];
    double peak_flops_per_s, ridge_flops_per_byte;
    roof_ceiling ceiling;
    roof_roofline roofline;
    roof_measured measured;
    roof_hierarchy hierarchy;
    roof_workload prefill, decode;
    roof_op prefill_ops[ROOF_MAX_OPS], decode_ops[ROOF_MAX_OPS];
    uint32_t prefill_count, decode_count;
    roof_totals prefill_totals, decode_totals;
    roof_request request;
    roof_estimate estimate[3];
    roof_memory memory;
    roof_scaling_point scaling[8];
    uint32_t scaling_count;
    roof_kernel kernels[4];
    uint32_t kernel_count;
    roof_parse_error parse_error;
    size_t svg_len, svg_stream_len, model_json_len, hw_json_len;
    uint64_t svg_stream_hash;
    char si_text[32];
    size_t si_len;
    roof_calibration cal_builtin, cal_read, cal_fit, cal_online;
    roof_fit_report cal_report, cal_score;
    roof_online online;
    double cal_expected;
    size_t cal_json_len;
    roof_plan plan;
    roof_step_result plan_steps[4];
    uint32_t plan_answers[3];
    roof_throughput throughput;
    double utilization[2];
} q_results;

/* Buffers the caller provides (their size is a few hundred KiB; allocate
 * them before a run whose allocations are being counted). */
typedef struct q_buffers {
    q_seed *seed;
    char *svg;
    size_t svg_cap;
    char *json;
    size_t json_cap;
} q_buffers;

/* Calls every public entry point once, on the success path and on a few
 * error paths that take different code (not found, parse error, buffer too
 * small), into *r (zero it first for byte comparisons).  Returns 0, or the
 * line number of the first call that gave an unexpected status. */
int q_exercise(q_results *r, const q_buffers *b);

#endif
