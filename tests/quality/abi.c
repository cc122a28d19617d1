/*
 * ABI pins: the size and every field offset of every public struct, the
 * value of every public enum constant and limit macro, and the signature of
 * every exported function.  A change that fails here breaks programs built
 * against an older release (C callers, ctypes/cffi and Rust bindings that
 * hard-code layouts): either undo it or bump the soversion in meson.build
 * and update these numbers in the same commit.
 *
 * Offsets are derived by hand from the headers for LP64 (x86_64, aarch64):
 * uint32_t is 4 bytes aligned to 4, double and pointers 8 aligned to 8.
 * The running sums are in the comments.  Linked against the shared library
 * so the test also proves the exported functions resolve.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "roofmodel.h"

#define SIZE(type, n) assert_int_equal(sizeof(type), (n))
#define OFF(type, field, n) assert_int_equal(offsetof(type, field), (n))
#define ELEMS(type, field, n)                                              \
    assert_int_equal(sizeof(((type *)0)->field)                            \
                         / sizeof(((type *)0)->field[0]),                  \
                     (n))

static void test_common_structs(void **state)
{
    (void)state;
    SIZE(roof_efficiency, 64); /* 3 doubles + 5 reserved */
    OFF(roof_efficiency, compute, 0);
    OFF(roof_efficiency, memory, 8);
    OFF(roof_efficiency, interconnect, 16);
    OFF(roof_efficiency, reserved, 24);
    ELEMS(roof_efficiency, reserved, 5);
}

static void test_hardware_struct(void **state)
{
    (void)state;
    /* 48 + 48 + 16 + 16 + 192 = 320 bytes of text, then the numbers. */
    SIZE(roof_hardware, 512);
    OFF(roof_hardware, name, 0);
    ELEMS(roof_hardware, name, 48);
    OFF(roof_hardware, label, 48);
    ELEMS(roof_hardware, label, 48);
    OFF(roof_hardware, vendor, 96);
    ELEMS(roof_hardware, vendor, 16);
    OFF(roof_hardware, arch, 112);
    ELEMS(roof_hardware, arch, 16);
    OFF(roof_hardware, source, 128);
    ELEMS(roof_hardware, source, 192);
    OFF(roof_hardware, units, 320);
    OFF(roof_hardware, scaleup_domain, 324); /* was reserved0 */
    OFF(roof_hardware, clock_hz, 328);
    OFF(roof_hardware, vector_clock_hz, 336);
    OFF(roof_hardware, flops_per_clock_per_unit, 344); /* 10 x 8 = 80 */
    ELEMS(roof_hardware, flops_per_clock_per_unit, 10);
    OFF(roof_hardware, memory_bytes, 424);
    OFF(roof_hardware, dram_bytes_per_s, 432);
    OFF(roof_hardware, l2_bytes, 440);
    OFF(roof_hardware, interconnect_bytes_per_s, 448);
    OFF(roof_hardware, fp16_acc16_flops_per_clock_per_unit, 456);
    OFF(roof_hardware, fp8_acc16_flops_per_clock_per_unit, 464);
    OFF(roof_hardware, scaleout_bytes_per_s, 472);
    OFF(roof_hardware, reserved, 480); /* 4 x 8 = 32 -> 512 */
    ELEMS(roof_hardware, reserved, 4);
}

static void test_roofline_structs(void **state)
{
    (void)state;
    SIZE(roof_ceiling, 24);
    OFF(roof_ceiling, peak_flops_per_s, 0);
    OFF(roof_ceiling, bytes_per_s, 8);
    OFF(roof_ceiling, interconnect_bytes_per_s, 16);

    SIZE(roof_roofline, 72); /* 8 doubles + 2 uint32 */
    OFF(roof_roofline, flops, 0);
    OFF(roof_roofline, bytes, 8);
    OFF(roof_roofline, flops_per_byte, 16);
    OFF(roof_roofline, ridge_flops_per_byte, 24);
    OFF(roof_roofline, attainable_flops_per_s, 32);
    OFF(roof_roofline, compute_seconds, 40);
    OFF(roof_roofline, memory_seconds, 48);
    OFF(roof_roofline, seconds, 56);
    OFF(roof_roofline, bound, 64);
    OFF(roof_roofline, reserved, 68);

    SIZE(roof_measured, 128); /* 72 + 6 doubles + 2 uint32 */
    OFF(roof_measured, roof, 0);
    OFF(roof_measured, seconds, 72);
    OFF(roof_measured, achieved_flops_per_s, 80);
    OFF(roof_measured, achieved_bytes_per_s, 88);
    OFF(roof_measured, efficiency, 96);
    OFF(roof_measured, compute_fraction, 104);
    OFF(roof_measured, memory_fraction, 112);
    OFF(roof_measured, bound, 120);
    OFF(roof_measured, reserved, 124);

    SIZE(roof_level, 16);
    OFF(roof_level, bytes, 0);
    OFF(roof_level, bytes_per_s, 8);

    SIZE(roof_hierarchy, 168);
    OFF(roof_hierarchy, flops, 0);
    OFF(roof_hierarchy, compute_seconds, 8);
    OFF(roof_hierarchy, level_seconds, 16); /* 8 x 8 = 64 */
    ELEMS(roof_hierarchy, level_seconds, 8);
    OFF(roof_hierarchy, level_flops_per_byte, 80);
    ELEMS(roof_hierarchy, level_flops_per_byte, 8);
    OFF(roof_hierarchy, seconds, 144);
    OFF(roof_hierarchy, attainable_flops_per_s, 152);
    OFF(roof_hierarchy, level_count, 160);
    OFF(roof_hierarchy, binding_level, 164);
}

static void test_model_structs(void **state)
{
    (void)state;
    /* 48 + 192 = 240, 20 uint32 = 80, 5 MLA + 5 Mamba + 1 uint32 = 44,
     * 8 groups x 32 = 256, 21 reserved uint32 = 84 */
    SIZE(roof_model, 704);
    OFF(roof_model, name, 0);
    ELEMS(roof_model, name, 48);
    OFF(roof_model, source, 48);
    ELEMS(roof_model, source, 192);
    OFF(roof_model, hidden, 240);
    OFF(roof_model, layers, 244);
    OFF(roof_model, heads, 248);
    OFF(roof_model, kv_heads, 252);
    OFF(roof_model, head_dim, 256);
    OFF(roof_model, intermediate, 260);
    OFF(roof_model, vocab, 264);
    OFF(roof_model, mlp, 268);
    OFF(roof_model, norm, 272);
    OFF(roof_model, position, 276);
    OFF(roof_model, experts, 280);
    OFF(roof_model, experts_per_token, 284);
    OFF(roof_model, expert_intermediate, 288);
    OFF(roof_model, shared_experts, 292);
    OFF(roof_model, shared_intermediate, 296);
    OFF(roof_model, tied_embeddings, 300);
    OFF(roof_model, sliding_window, 304);
    OFF(roof_model, max_context, 308);
    OFF(roof_model, native_bits, 312);
    OFF(roof_model, group_count, 316);
    OFF(roof_model, attn_extras, 320);
    OFF(roof_model, q_lora_rank, 324);
    OFF(roof_model, kv_lora_rank, 328);
    OFF(roof_model, qk_rope_head_dim, 332);
    OFF(roof_model, qk_nope_head_dim, 336);
    OFF(roof_model, v_head_dim, 340);
    OFF(roof_model, ssm_heads, 344);
    OFF(roof_model, ssm_head_dim, 348);
    OFF(roof_model, ssm_state, 352);
    OFF(roof_model, ssm_groups, 356);
    OFF(roof_model, ssm_conv, 360);
    OFF(roof_model, groups, 364);
    ELEMS(roof_model, groups, 8);
    OFF(roof_model, formats_set, 620);
    OFF(roof_model, format_layers, 624);
    OFF(roof_model, format_experts, 628);
    OFF(roof_model, format_embedding, 632);
    OFF(roof_model, format_lm_head, 636);
    OFF(roof_model, reserved, 640);
    ELEMS(roof_model, reserved, 16);

    SIZE(roof_layer_group, 32); /* 5 uint32 + 3 reserved */
    OFF(roof_layer_group, layers, 0);
    OFF(roof_layer_group, mixer, 4);
    OFF(roof_layer_group, window, 8);
    OFF(roof_layer_group, mlp, 12);
    OFF(roof_layer_group, dense_intermediate, 16);
    OFF(roof_layer_group, reserved, 20);
    ELEMS(roof_layer_group, reserved, 3);

    SIZE(roof_model_params, 80); /* 6 doubles + 4 reserved */
    OFF(roof_model_params, embedding, 0);
    OFF(roof_model_params, per_layer, 8);
    OFF(roof_model_params, active_per_layer, 16);
    OFF(roof_model_params, lm_head, 24);
    OFF(roof_model_params, total, 32);
    OFF(roof_model_params, active, 40);
    OFF(roof_model_params, reserved, 48);
    ELEMS(roof_model_params, reserved, 4);
}

static void test_ops_structs(void **state)
{
    (void)state;
    SIZE(roof_workload, 64); /* 11 uint32 + 5 reserved */
    OFF(roof_workload, batch, 0);
    OFF(roof_workload, new_tokens, 4);
    OFF(roof_workload, cached_tokens, 8);
    OFF(roof_workload, weight_bits, 12);
    OFF(roof_workload, activation_bits, 16);
    OFF(roof_workload, kv_bits, 20);
    OFF(roof_workload, quant_group, 24);
    OFF(roof_workload, scale_bits, 28);
    OFF(roof_workload, attention, 32);
    OFF(roof_workload, precision, 36);
    OFF(roof_workload, tensor_parallel, 40);
    OFF(roof_workload, reserved, 44);
    ELEMS(roof_workload, reserved, 5);

    SIZE(roof_op, 232); /* 4 uint32 = 16, 12 doubles = 96, roofline 72,
                           expected 8, 2 uint32, 4 reserved doubles */
    OFF(roof_op, id, 0);
    OFF(roof_op, op_class, 4);
    OFF(roof_op, scope, 8);
    OFF(roof_op, precision, 12);
    OFF(roof_op, flops, 16);
    OFF(roof_op, bytes, 24);
    OFF(roof_op, weight_bytes, 32);
    OFF(roof_op, act_read_bytes, 40);
    OFF(roof_op, act_write_bytes, 48);
    OFF(roof_op, kv_read_bytes, 56);
    OFF(roof_op, kv_write_bytes, 64);
    OFF(roof_op, comm_bytes, 72);
    OFF(roof_op, gemm_m, 80);
    OFF(roof_op, gemm_n, 88);
    OFF(roof_op, gemm_k, 96);
    OFF(roof_op, gemm_batch, 104);
    OFF(roof_op, roofline, 112);
    OFF(roof_op, expected_seconds, 184);
    OFF(roof_op, group, 192);
    OFF(roof_op, reserved0, 196);
    OFF(roof_op, reserved, 200);
    ELEMS(roof_op, reserved, 4);

    SIZE(roof_sum, 160); /* 11 doubles = 88, 4 doubles = 32, 2 uint32,
                            4 reserved doubles */
    OFF(roof_sum, flops, 0);
    OFF(roof_sum, bytes, 8);
    OFF(roof_sum, weight_bytes, 16);
    OFF(roof_sum, act_bytes, 24);
    OFF(roof_sum, kv_bytes, 32);
    OFF(roof_sum, comm_bytes, 40);
    OFF(roof_sum, compute_seconds, 48);
    OFF(roof_sum, memory_seconds, 56);
    OFF(roof_sum, comm_seconds, 64);
    OFF(roof_sum, seconds, 72);
    OFF(roof_sum, expected_seconds, 80);
    OFF(roof_sum, bound_seconds, 88);
    ELEMS(roof_sum, bound_seconds, 4);
    OFF(roof_sum, bound, 120);
    OFF(roof_sum, dominant_op, 124);
    OFF(roof_sum, reserved, 128);
    ELEMS(roof_sum, reserved, 4);

    SIZE(roof_totals, 352);
    OFF(roof_totals, layer, 0);
    OFF(roof_totals, model, 160);
    OFF(roof_totals, overhead_seconds, 320);
    OFF(roof_totals, reserved, 328);
    ELEMS(roof_totals, reserved, 3);
}

static void test_plan_structs(void **state)
{
    (void)state;
    SIZE(roof_seq, 8);
    OFF(roof_seq, new_tokens, 0);
    OFF(roof_seq, cached_tokens, 4);

    SIZE(roof_step_result, 200); /* 12 doubles = 96, 4 = 32, tokens 8,
                                    4 uint32 = 16, 6 doubles = 48 */
    OFF(roof_step_result, seconds, 0);
    OFF(roof_step_result, expected_seconds, 8);
    OFF(roof_step_result, overhead_seconds, 16);
    OFF(roof_step_result, flops, 24);
    OFF(roof_step_result, bytes, 32);
    OFF(roof_step_result, weight_bytes, 40);
    OFF(roof_step_result, act_bytes, 48);
    OFF(roof_step_result, kv_bytes, 56);
    OFF(roof_step_result, comm_bytes, 64);
    OFF(roof_step_result, compute_seconds, 72);
    OFF(roof_step_result, memory_seconds, 80);
    OFF(roof_step_result, comm_seconds, 88);
    OFF(roof_step_result, bound_seconds, 96);
    ELEMS(roof_step_result, bound_seconds, 4);
    OFF(roof_step_result, tokens, 128);
    OFF(roof_step_result, bound, 136);
    OFF(roof_step_result, dominant_op, 140);
    OFF(roof_step_result, sequences, 144);
    OFF(roof_step_result, reserved0, 148);
    OFF(roof_step_result, reserved, 152);
    ELEMS(roof_step_result, reserved, 6);

    /* 16 + model 704 = 720, + hardware 512 = 1232, + calibration 1208 =
       2440, + workload 64 = 2504, + 1024 doubles = 10696, + 8 doubles */
    SIZE(roof_plan, 10760);
    OFF(roof_plan, tag, 0);
    OFF(roof_plan, logits, 4);
    OFF(roof_plan, reserved0, 8);
    ELEMS(roof_plan, reserved0, 2);
    OFF(roof_plan, model, 16);
    OFF(roof_plan, hardware, 720);
    OFF(roof_plan, calibration, 1232);
    OFF(roof_plan, workload, 2440);
    OFF(roof_plan, prepared, 2504);
    ELEMS(roof_plan, prepared, 1024);
    OFF(roof_plan, reserved, 10696);
    ELEMS(roof_plan, reserved, 8);
    assert_int_equal(ROOF_PLAN_TAG, 0x504c4e02u);
    assert_int_equal(ROOF_PLAN_WORDS, 1024);
    assert_int_equal(ROOF_LOGITS_LAST, 0);
    assert_int_equal(ROOF_LOGITS_ALL, 1);

    SIZE(roof_throughput, 264); /* 2 uint32, 3 doubles = 32, step 200,
                                   4 doubles = 32 */
    OFF(roof_throughput, batch, 0);
    OFF(roof_throughput, limit, 4);
    OFF(roof_throughput, tokens_per_s, 8);
    OFF(roof_throughput, step_seconds, 16);
    OFF(roof_throughput, memory_bytes, 24);
    OFF(roof_throughput, step, 32);
    OFF(roof_throughput, reserved, 232);
    ELEMS(roof_throughput, reserved, 4);
    assert_int_equal(ROOF_BASIS_BOUND, 0);
    assert_int_equal(ROOF_BASIS_EXPECTED, 1);
}

static void test_calibration_structs(void **state)
{
    (void)state;
    SIZE(roof_kernel_coef, 64);
    OFF(roof_kernel_coef, floor_seconds, 0);
    OFF(roof_kernel_coef, compute_fraction, 8);
    OFF(roof_kernel_coef, memory_fraction, 16);
    OFF(roof_kernel_coef, row_bytes_per_s, 24);
    OFF(roof_kernel_coef, masked_fraction, 32);
    OFF(roof_kernel_coef, reserved, 40);

    SIZE(roof_calibration, 1208); /* 48 + 48 + 192 + 192 + 16 = 496, 2
                                     uint32, 10 kinds x 64, 1 + 7 doubles */
    OFF(roof_calibration, name, 0);
    OFF(roof_calibration, device, 48);
    OFF(roof_calibration, source, 96);
    OFF(roof_calibration, engine, 288);
    OFF(roof_calibration, date, 480);
    OFF(roof_calibration, origin, 496);
    OFF(roof_calibration, reserved0, 500);
    OFF(roof_calibration, kind, 504);
    ELEMS(roof_calibration, kind, ROOF_KERNEL_KIND_COUNT);
    OFF(roof_calibration, step_overhead_seconds, 1144);
    OFF(roof_calibration, reserved, 1152);
    ELEMS(roof_calibration, reserved, 7);

    SIZE(roof_kernel_terms, 64);
    OFF(roof_kernel_terms, kind, 0);
    OFF(roof_kernel_terms, compute_seconds, 8);
    OFF(roof_kernel_terms, memory_seconds, 16);
    OFF(roof_kernel_terms, row_bytes, 24);
    OFF(roof_kernel_terms, masked_extra, 32);
    OFF(roof_kernel_terms, launches, 40);

    SIZE(roof_kernel_sample, 72);
    OFF(roof_kernel_sample, kind, 0);
    OFF(roof_kernel_sample, precision, 4);
    OFF(roof_kernel_sample, flops, 8);
    OFF(roof_kernel_sample, measured_seconds, 48);

    SIZE(roof_fit_quality, 48);
    SIZE(roof_fit_report, 10 * 48 + 8 + 16 + 32);
    OFF(roof_fit_report, samples, 480);
    OFF(roof_fit_report, median_error, 488);

    SIZE(roof_online, 104);
    OFF(roof_online, forget, 16);
    OFF(roof_online, mean_abs_residual, 64);
}

static void test_estimate_structs(void **state)
{
    (void)state;
    SIZE(roof_request, 168); /* 64 + 4 uint32 = 80, eff 64, 8, 4 x 4 */
    OFF(roof_request, workload, 0);
    OFF(roof_request, prompt_tokens, 64);
    OFF(roof_request, gen_tokens, 68);
    OFF(roof_request, pipeline_parallel, 72);
    OFF(roof_request, microbatches, 76);
    OFF(roof_request, efficiency, 80);
    OFF(roof_request, activation_reserve, 144);
    OFF(roof_request, reserved, 152);
    ELEMS(roof_request, reserved, 4);

    SIZE(roof_memory, 80); /* 5 doubles, 2 uint32, 4 reserved doubles */
    OFF(roof_memory, weight_bytes, 0);
    OFF(roof_memory, kv_bytes, 8);
    OFF(roof_memory, activation_bytes, 16);
    OFF(roof_memory, total_bytes, 24);
    OFF(roof_memory, capacity_bytes, 32);
    OFF(roof_memory, fits, 40);
    OFF(roof_memory, reserved0, 44);
    OFF(roof_memory, reserved, 48);
    ELEMS(roof_memory, reserved, 4);

    /* 11 doubles = 88, memory 80, 6 uint32 = 24, 6 expected doubles = 48,
     * 4 reserved doubles */
    SIZE(roof_estimate, 272);
    OFF(roof_estimate, ttft_seconds, 0);
    OFF(roof_estimate, tpot_seconds, 8);
    OFF(roof_estimate, first_tpot_seconds, 16);
    OFF(roof_estimate, last_tpot_seconds, 24);
    OFF(roof_estimate, decode_seconds, 32);
    OFF(roof_estimate, e2e_seconds, 40);
    OFF(roof_estimate, tokens_per_s_per_seq, 48);
    OFF(roof_estimate, tokens_per_s, 56);
    OFF(roof_estimate, decode_tokens_per_s, 64);
    OFF(roof_estimate, allreduce_seconds_per_layer, 72);
    OFF(roof_estimate, pipeline_bubble_fraction, 80);
    OFF(roof_estimate, memory, 88);
    OFF(roof_estimate, max_batch, 168);
    OFF(roof_estimate, max_context, 172);
    OFF(roof_estimate, prefill_bound, 176);
    OFF(roof_estimate, decode_bound, 180);
    OFF(roof_estimate, prefill_dominant_op, 184);
    OFF(roof_estimate, decode_dominant_op, 188);
    OFF(roof_estimate, expected_ttft_seconds, 192);
    OFF(roof_estimate, expected_tpot_seconds, 200);
    OFF(roof_estimate, expected_e2e_seconds, 208);
    OFF(roof_estimate, expected_tokens_per_s, 216);
    OFF(roof_estimate, expected_decode_tokens_per_s, 224);
    OFF(roof_estimate, overhead_seconds, 232);
    OFF(roof_estimate, reserved, 240);
    ELEMS(roof_estimate, reserved, 4);

    SIZE(roof_scaling_point, 120); /* 4 uint32, 5 doubles, 4 expected,
                                      4 reserved */
    OFF(roof_scaling_point, tensor_parallel, 0);
    OFF(roof_scaling_point, pipeline_parallel, 4);
    OFF(roof_scaling_point, devices, 8);
    OFF(roof_scaling_point, fits, 12);
    OFF(roof_scaling_point, ttft_seconds, 16);
    OFF(roof_scaling_point, tpot_seconds, 24);
    OFF(roof_scaling_point, tokens_per_s, 32);
    OFF(roof_scaling_point, speedup, 40);
    OFF(roof_scaling_point, efficiency, 48);
    OFF(roof_scaling_point, expected_ttft_seconds, 56);
    OFF(roof_scaling_point, expected_tpot_seconds, 64);
    OFF(roof_scaling_point, expected_tokens_per_s, 72);
    OFF(roof_scaling_point, expected_speedup, 80);
    OFF(roof_scaling_point, reserved, 88);
    ELEMS(roof_scaling_point, reserved, 4);
}

static void test_plot_structs(void **state)
{
    (void)state;
    SIZE(roof_series, 40); /* 3 pointers = 24, 4 uint32 = 16 */
    OFF(roof_series, label, 0);
    OFF(roof_series, flops_per_byte, 8);
    OFF(roof_series, flops_per_s, 16);
    OFF(roof_series, count, 24);
    OFF(roof_series, color, 28);
    OFF(roof_series, marker, 32);
    OFF(roof_series, reserved, 36);

    SIZE(roof_chart_ceiling, 24);
    OFF(roof_chart_ceiling, label, 0);
    OFF(roof_chart_ceiling, value, 8);
    OFF(roof_chart_ceiling, kind, 16);
    OFF(roof_chart_ceiling, color, 20);

    SIZE(roof_chart, 80);
    OFF(roof_chart, title, 0);
    OFF(roof_chart, ceilings, 8);
    OFF(roof_chart, ceiling_count, 16);
    OFF(roof_chart, series_count, 20);
    OFF(roof_chart, series, 24);
    OFF(roof_chart, x_min, 32);
    OFF(roof_chart, x_max, 40);
    OFF(roof_chart, y_min, 48);
    OFF(roof_chart, y_max, 56);
    OFF(roof_chart, width_px, 64);
    OFF(roof_chart, height_px, 68);
    OFF(roof_chart, ridge_line, 72);
    OFF(roof_chart, reserved, 76);
}

static void test_parse_structs(void **state)
{
    (void)state;
    SIZE(roof_parse_error, 128); /* 4 + 4 + 8 + 112 */
    OFF(roof_parse_error, line, 0);
    OFF(roof_parse_error, column, 4);
    OFF(roof_parse_error, offset, 8);
    OFF(roof_parse_error, message, 16);
    ELEMS(roof_parse_error, message, 112);

    SIZE(roof_kernel, 120); /* 96 + 3 doubles */
    OFF(roof_kernel, name, 0);
    ELEMS(roof_kernel, name, 96);
    OFF(roof_kernel, flops, 96);
    OFF(roof_kernel, bytes, 104);
    OFF(roof_kernel, seconds, 112);
}

static void test_collective_structs(void **state)
{
    (void)state;
    SIZE(roof_link, 32); /* 2 doubles + 2 reserved */
    OFF(roof_link, bytes_per_s, 0);
    OFF(roof_link, latency_seconds, 8);
    OFF(roof_link, reserved, 16);
    ELEMS(roof_link, reserved, 2);

    SIZE(roof_ep_layer, 56); /* 4 uint32 + 3 doubles + 2 reserved */
    OFF(roof_ep_layer, experts, 0);
    OFF(roof_ep_layer, top_k, 4);
    OFF(roof_ep_layer, hidden, 8);
    OFF(roof_ep_layer, ep, 12);
    OFF(roof_ep_layer, tokens, 16);
    OFF(roof_ep_layer, dispatch_bytes_per_element, 24);
    OFF(roof_ep_layer, combine_bytes_per_element, 32);
    OFF(roof_ep_layer, reserved, 40);
    ELEMS(roof_ep_layer, reserved, 2);

    SIZE(roof_ep_traffic, 88); /* 9 doubles + 2 reserved */
    OFF(roof_ep_traffic, tokens_per_device, 0);
    OFF(roof_ep_traffic, mean_load, 8);
    OFF(roof_ep_traffic, max_load, 16);
    OFF(roof_ep_traffic, dispatch_bytes, 24);
    OFF(roof_ep_traffic, dispatch_bytes_out, 32);
    OFF(roof_ep_traffic, combine_bytes, 40);
    OFF(roof_ep_traffic, combine_bytes_out, 48);
    OFF(roof_ep_traffic, busiest_dispatch_bytes, 56);
    OFF(roof_ep_traffic, busiest_combine_bytes, 64);
    OFF(roof_ep_traffic, reserved, 72);
    ELEMS(roof_ep_traffic, reserved, 2);

    SIZE(roof_ep_point, 144); /* 6 uint32 + 11 doubles + 4 reserved */
    OFF(roof_ep_point, tensor_parallel, 0);
    OFF(roof_ep_point, expert_parallel, 4);
    OFF(roof_ep_point, devices, 8);
    OFF(roof_ep_point, link_scope, 12);
    OFF(roof_ep_point, fits, 16);
    OFF(roof_ep_point, moe_layers, 20);
    OFF(roof_ep_point, dispatch_bytes, 24);
    OFF(roof_ep_point, busiest_dispatch_bytes, 32);
    OFF(roof_ep_point, a2a_seconds, 40);
    OFF(roof_ep_point, expected_a2a_seconds, 48);
    OFF(roof_ep_point, step_seconds, 56);
    OFF(roof_ep_point, expected_step_seconds, 64);
    OFF(roof_ep_point, tokens_per_s_per_device, 72);
    OFF(roof_ep_point, expected_tokens_per_s_per_device, 80);
    OFF(roof_ep_point, speedup, 88);
    OFF(roof_ep_point, expected_speedup, 96);
    OFF(roof_ep_point, memory_bytes, 104);
    OFF(roof_ep_point, reserved, 112);
    ELEMS(roof_ep_point, reserved, 4);
}

static void test_enum_values(void **state)
{
    (void)state;
    assert_int_equal(ROOF_OK, 0);
    assert_int_equal(ROOF_E_NULL, 1);
    assert_int_equal(ROOF_E_RANGE, 2);
    assert_int_equal(ROOF_E_INVALID, 3);
    assert_int_equal(ROOF_E_UNSUPPORTED, 4);
    assert_int_equal(ROOF_E_NOT_FOUND, 5);
    assert_int_equal(ROOF_E_BUFFER_TOO_SMALL, 6);
    assert_int_equal(ROOF_E_PARSE, 7);
    assert_int_equal(ROOF_E_MISSING, 8);
    assert_int_equal(ROOF_E_TYPE, 9);
    assert_int_equal(ROOF_E_WRITE, 10);
    assert_int_equal(ROOF_E_OVERFLOW, 11);
    assert_int_equal(ROOF_E_DOES_NOT_FIT, 12);
    assert_int_equal(ROOF_E_MISMATCH, 13);
    assert_int_equal(ROOF_E_DEGENERATE, 14);

    assert_int_equal(ROOF_FP64, 0);
    assert_int_equal(ROOF_FP32, 1);
    assert_int_equal(ROOF_TF32, 2);
    assert_int_equal(ROOF_FP16, 3);
    assert_int_equal(ROOF_BF16, 4);
    assert_int_equal(ROOF_FP8, 5);
    assert_int_equal(ROOF_INT8, 6);
    assert_int_equal(ROOF_INT4, 7);
    assert_int_equal(ROOF_FP6, 8);
    assert_int_equal(ROOF_FP4, 9);
    assert_int_equal(ROOF_PRECISION_COUNT, 10);
    assert_int_equal(ROOF_ACC_WIDE, 0);
    assert_int_equal(ROOF_ACC_FP16, 1);

    assert_int_equal(ROOF_FORMAT_FP32, 0);
    assert_int_equal(ROOF_FORMAT_BF16, 1);
    assert_int_equal(ROOF_FORMAT_FP16, 2);
    assert_int_equal(ROOF_FORMAT_FP8, 3);
    assert_int_equal(ROOF_FORMAT_FP8_CHANNEL, 4);
    assert_int_equal(ROOF_FORMAT_FP8_BLOCK128, 5);
    assert_int_equal(ROOF_FORMAT_MXFP8, 6);
    assert_int_equal(ROOF_FORMAT_MXFP6, 7);
    assert_int_equal(ROOF_FORMAT_MXFP4, 8);
    assert_int_equal(ROOF_FORMAT_NVFP4, 9);
    assert_int_equal(ROOF_FORMAT_INT8_CHANNEL, 10);
    assert_int_equal(ROOF_FORMAT_INT4_G128, 11);
    assert_int_equal(ROOF_FORMAT_INT4_G32, 12);
    assert_int_equal(ROOF_FORMAT_COUNT, 13);

    assert_int_equal(ROOF_ALL_REDUCE, 0);
    assert_int_equal(ROOF_ALL_GATHER, 1);
    assert_int_equal(ROOF_REDUCE_SCATTER, 2);
    assert_int_equal(ROOF_ALL_TO_ALL, 3);
    assert_int_equal(ROOF_POINT_TO_POINT, 4);
    assert_int_equal(ROOF_COLLECTIVE_COUNT, 5);
    assert_int_equal(ROOF_SCOPE_DEVICE, 0);
    assert_int_equal(ROOF_SCOPE_SCALE_UP, 1);
    assert_int_equal(ROOF_SCOPE_SCALE_OUT, 2);

    assert_int_equal(ROOF_BOUND_NONE, 0);
    assert_int_equal(ROOF_BOUND_MEMORY, 1);
    assert_int_equal(ROOF_BOUND_COMPUTE, 2);
    assert_int_equal(ROOF_BOUND_INTERCONNECT, 3);

    assert_int_equal(ROOF_MLP_GATED, 0);
    assert_int_equal(ROOF_MLP_PLAIN, 1);
    assert_int_equal(ROOF_NORM_RMS, 0);
    assert_int_equal(ROOF_NORM_LAYER, 1);
    assert_int_equal(ROOF_POS_ROPE, 0);
    assert_int_equal(ROOF_POS_LEARNED, 1);
    assert_int_equal(ROOF_POS_NONE, 2);
    assert_int_equal(ROOF_MIXER_ATTENTION, 0);
    assert_int_equal(ROOF_MIXER_SLIDING, 1);
    assert_int_equal(ROOF_MIXER_CHUNKED, 2);
    assert_int_equal(ROOF_MIXER_NONE, 3);
    assert_int_equal(ROOF_MIXER_MLA, 4);
    assert_int_equal(ROOF_MIXER_MAMBA2, 5);
    assert_int_equal(ROOF_MIXER_GDN, 6);
    assert_int_equal(ROOF_MIXER_COUNT, 7);
    assert_int_equal(ROOF_EXTRA_QK_NORM, 1);
    assert_int_equal(ROOF_EXTRA_SINKS, 2);
    assert_int_equal(ROOF_EXTRA_OUTPUT_GATE, 4);
    assert_int_equal(ROOF_EXTRA_ALL, 7);
    assert_int_equal(ROOF_MODULE_LAYERS, 1);
    assert_int_equal(ROOF_MODULE_EXPERTS, 2);
    assert_int_equal(ROOF_MODULE_EMBEDDING, 4);
    assert_int_equal(ROOF_MODULE_LM_HEAD, 8);
    assert_int_equal(ROOF_MODULE_ALL, 15);
    assert_int_equal(ROOF_GROUP_MLP_MODEL, 0);
    assert_int_equal(ROOF_GROUP_MLP_DENSE, 1);
    assert_int_equal(ROOF_GROUP_MLP_NONE, 2);
    assert_int_equal(ROOF_GROUP_MLP_COUNT, 3);
    assert_int_equal(ROOF_MAX_GROUPS, 8);

    assert_int_equal(ROOF_ATTN_UNFUSED, 0);
    assert_int_equal(ROOF_ATTN_FUSED, 1);

    assert_int_equal(ROOF_OP_EMBED, 0);
    assert_int_equal(ROOF_OP_ATTN_NORM, 1);
    assert_int_equal(ROOF_OP_Q_PROJ, 2);
    assert_int_equal(ROOF_OP_K_PROJ, 3);
    assert_int_equal(ROOF_OP_V_PROJ, 4);
    assert_int_equal(ROOF_OP_ROPE, 5);
    assert_int_equal(ROOF_OP_QK_MATMUL, 6);
    assert_int_equal(ROOF_OP_SOFTMAX, 7);
    assert_int_equal(ROOF_OP_PV_MATMUL, 8);
    assert_int_equal(ROOF_OP_ATTENTION, 9);
    assert_int_equal(ROOF_OP_O_PROJ, 10);
    assert_int_equal(ROOF_OP_ATTN_ADD, 11);
    assert_int_equal(ROOF_OP_MLP_NORM, 12);
    assert_int_equal(ROOF_OP_ROUTER, 13);
    assert_int_equal(ROOF_OP_GATE_PROJ, 14);
    assert_int_equal(ROOF_OP_UP_PROJ, 15);
    assert_int_equal(ROOF_OP_ACT, 16);
    assert_int_equal(ROOF_OP_DOWN_PROJ, 17);
    assert_int_equal(ROOF_OP_EXPERT_GATE_PROJ, 18);
    assert_int_equal(ROOF_OP_EXPERT_UP_PROJ, 19);
    assert_int_equal(ROOF_OP_EXPERT_ACT, 20);
    assert_int_equal(ROOF_OP_EXPERT_DOWN_PROJ, 21);
    assert_int_equal(ROOF_OP_MLP_ADD, 22);
    assert_int_equal(ROOF_OP_ALLREDUCE, 23);
    assert_int_equal(ROOF_OP_FINAL_NORM, 24);
    assert_int_equal(ROOF_OP_LM_HEAD, 25);
    assert_int_equal(ROOF_OP_Q_A_PROJ, 26);
    assert_int_equal(ROOF_OP_KV_A_PROJ, 27);
    assert_int_equal(ROOF_OP_KV_B_PROJ, 28);
    assert_int_equal(ROOF_OP_Q_ABSORB, 29);
    assert_int_equal(ROOF_OP_O_ABSORB, 30);
    assert_int_equal(ROOF_OP_SSM_IN_PROJ, 31);
    assert_int_equal(ROOF_OP_SSM_CONV, 32);
    assert_int_equal(ROOF_OP_SSM_SCAN, 33);
    assert_int_equal(ROOF_OP_SSM_NORM, 34);
    assert_int_equal(ROOF_OP_SSM_OUT_PROJ, 35);
    assert_int_equal(ROOF_OP_QK_NORM, 36);
    assert_int_equal(ROOF_OP_ATTN_GATE, 37);
    assert_int_equal(ROOF_OP_COUNT, 38);
    assert_int_equal(ROOF_MAX_OPS, 283); /* 8 groups x 35 + 3 */

    assert_int_equal(ROOF_CLASS_ATTN_PROJ, 0);
    assert_int_equal(ROOF_CLASS_MLP_PROJ, 1);
    assert_int_equal(ROOF_CLASS_ATTN_MATMUL, 2);
    assert_int_equal(ROOF_CLASS_ELEMENTWISE, 3);
    assert_int_equal(ROOF_CLASS_COMM, 4);
    assert_int_equal(ROOF_CLASS_EMBED, 5);
    assert_int_equal(ROOF_SCOPE_LAYER, 0);
    assert_int_equal(ROOF_SCOPE_MODEL, 1);

    assert_int_equal(ROOF_MARKER_CROSS, 0);
    assert_int_equal(ROOF_MARKER_CIRCLE, 1);
    assert_int_equal(ROOF_MARKER_SQUARE, 2);
    assert_int_equal(ROOF_MARKER_TRIANGLE, 3);
    assert_int_equal(ROOF_MARKER_PLUS, 4);
    assert_int_equal(ROOF_CEILING_COMPUTE, 0);
    assert_int_equal(ROOF_CEILING_MEMORY, 1);
}

static void test_limit_macros(void **state)
{
    (void)state;
    assert_int_equal(ROOF_HW_NAME_MAX, 48);
    assert_int_equal(ROOF_HW_SOURCE_MAX, 192);
    assert_int_equal(ROOF_MODEL_NAME_MAX, 48);
    assert_int_equal(ROOF_MODEL_SOURCE_MAX, 192);
    assert_int_equal(ROOF_MAX_LEVELS, 8);
    assert_int_equal(ROOF_LEVEL_COMPUTE, 0xFFFFFFFFu);
    assert_int_equal(ROOF_COLOR_AUTO, 0xFFFFFFFFu);
    assert_int_equal(ROOF_JSON_MAX_DEPTH, 64);
    assert_int_equal(ROOF_KERNEL_NAME_MAX, 96);
    assert_true(ROOF_MAX_VALUE == 1e30);
}

/*
 * Every exported function with the signature it had when released.  A
 * changed parameter or return type makes one of these initialisers an
 * incompatible pointer conversion, an error under -Werror.  Calling each
 * through the table (with NULL/zero arguments where that is a documented
 * error) proves the symbol resolves in the shared library.
 */
struct api_table {
    const char *(*status_str)(int);
    const char *(*precision_name)(uint32_t);
    int (*precision_from_name)(const char *, uint32_t *);
    const char *(*bound_name)(uint32_t);
    int (*efficiency_validate)(const roof_efficiency *);
    uint32_t (*version_number)(void);
    const char *(*version_string)(void);
    int (*hardware_validate)(const roof_hardware *);
    uint32_t (*hardware_count)(void);
    int (*hardware_get)(uint32_t, roof_hardware *);
    const char *(*hardware_alias)(uint32_t, uint32_t);
    int (*hardware_find)(const char *, roof_hardware *);
    int (*hardware_suggest)(const char *, const char **, uint32_t,
                            uint32_t *);
    int (*hardware_at_clock)(const roof_hardware *, double, roof_hardware *);
    int (*hardware_peak_flops_per_s)(const roof_hardware *, uint32_t,
                                     double *);
    int (*ceiling_from_hardware)(const roof_hardware *, uint32_t,
                                 const roof_efficiency *, roof_ceiling *);
    int (*ceiling_validate)(const roof_ceiling *);
    int (*ridge_flops_per_byte)(const roof_ceiling *, double *);
    int (*roofline_eval)(const roof_ceiling *, double, double,
                         roof_roofline *);
    int (*measured_eval)(const roof_ceiling *, double, double, double,
                         roof_measured *);
    int (*hierarchy_eval)(double, double, const roof_level *, uint32_t,
                          roof_hierarchy *);
    int (*model_validate)(const roof_model *);
    uint32_t (*model_count)(void);
    int (*model_get)(uint32_t, roof_model *);
    int (*model_find)(const char *, roof_model *);
    int (*model_suggest)(const char *, const char **, uint32_t, uint32_t *);
    int (*model_param_count)(const roof_model *, roof_model_params *);
    int (*workload_prefill)(uint32_t, uint32_t, roof_workload *);
    int (*workload_decode)(uint32_t, uint32_t, roof_workload *);
    int (*workload_validate)(const roof_workload *);
    const char *(*op_name)(uint32_t);
    int (*ops)(const roof_model *, const roof_workload *,
               const roof_hardware *, const roof_efficiency *, roof_op *,
               uint32_t, uint32_t *, roof_totals *);
    int (*step)(const roof_model *, const roof_workload *,
                const roof_hardware *, const roof_efficiency *,
                roof_totals *);
    int (*request_init)(uint32_t, uint32_t, uint32_t, roof_request *);
    int (*request_validate)(const roof_request *);
    int (*estimate_run)(const roof_model *, const roof_hardware *,
                        const roof_request *, roof_estimate *);
    int (*memory_footprint)(const roof_model *, const roof_hardware *,
                            const roof_request *, roof_memory *);
    int (*scaling)(const roof_model *, const roof_hardware *,
                   const roof_request *, uint32_t, roof_scaling_point *,
                   uint32_t, uint32_t *);
    int (*chart_svg)(const roof_chart *, char *, size_t, size_t *);
    int (*chart_svg_write)(const roof_chart *, roof_write_fn, void *);
    int (*format_si)(double, const char *, char *, size_t, size_t *);
    int (*model_from_json)(const char *, size_t, roof_model *,
                           roof_parse_error *);
    int (*model_to_json)(const roof_model *, char *, size_t, size_t *);
    int (*hardware_from_json)(const char *, size_t, roof_hardware *,
                              roof_parse_error *);
    int (*hardware_to_json)(const roof_hardware *, char *, size_t, size_t *);
    int (*kernels_from_csv)(const char *, size_t, roof_kernel *, uint32_t,
                            uint32_t *, roof_parse_error *);
    /* ROOFMODEL_0.2 */
    int (*kernels_visit_csv)(const char *, size_t, roof_kernel_fn, void *,
                             uint32_t *, roof_parse_error *);
    const char *(*op_class_name)(uint32_t);
    int (*op_class_from_name)(const char *, uint32_t *);
    const char *(*mlp_kind_name)(uint32_t);
    int (*mlp_kind_from_name)(const char *, uint32_t *);
    const char *(*norm_kind_name)(uint32_t);
    int (*norm_kind_from_name)(const char *, uint32_t *);
    const char *(*position_kind_name)(uint32_t);
    int (*position_kind_from_name)(const char *, uint32_t *);
    int (*bound_from_name)(const char *, uint32_t *);
    int (*op_from_name)(const char *, uint32_t *);
};

static const struct api_table api = {
    roof_status_str, roof_precision_name, roof_precision_from_name,
    roof_bound_name, roof_efficiency_validate, roof_version_number,
    roof_version_string, roof_hardware_validate, roof_hardware_count,
    roof_hardware_get, roof_hardware_alias, roof_hardware_find, roof_hardware_suggest,
    roof_hardware_at_clock, roof_hardware_peak_flops_per_s,
    roof_ceiling_from_hardware, roof_ceiling_validate,
    roof_ridge_flops_per_byte, roof_roofline_eval, roof_measured_eval,
    roof_hierarchy_eval, roof_model_validate, roof_model_count,
    roof_model_get, roof_model_find, roof_model_suggest,
    roof_model_param_count, roof_workload_prefill, roof_workload_decode,
    roof_workload_validate, roof_op_name, roof_ops, roof_step,
    roof_request_init,
    roof_request_validate, roof_estimate_run, roof_memory_footprint,
    roof_scaling, roof_chart_svg, roof_chart_svg_write, roof_format_si,
    roof_model_from_json,
    roof_model_to_json, roof_hardware_from_json, roof_hardware_to_json,
    roof_kernels_from_csv,
    roof_kernels_visit_csv, roof_op_class_name, roof_op_class_from_name,
    roof_mlp_kind_name, roof_mlp_kind_from_name, roof_norm_kind_name,
    roof_norm_kind_from_name, roof_position_kind_name,
    roof_position_kind_from_name, roof_bound_from_name, roof_op_from_name,
};

static void test_function_signatures(void **state)
{
    (void)state;
    /* Each NULL-output call is a documented ROOF_E_NULL. */
    assert_int_equal(api.precision_from_name(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.efficiency_validate(NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_validate(NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_get(0, NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_find(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_suggest(NULL, NULL, 0, NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_at_clock(NULL, 1e9, NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_peak_flops_per_s(NULL, 0, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.ceiling_from_hardware(NULL, 0, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.ceiling_validate(NULL), ROOF_E_NULL);
    assert_int_equal(api.ridge_flops_per_byte(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.roofline_eval(NULL, 1, 1, NULL), ROOF_E_NULL);
    assert_int_equal(api.measured_eval(NULL, 1, 1, 1, NULL), ROOF_E_NULL);
    assert_int_equal(api.hierarchy_eval(1, 1, NULL, 1, NULL), ROOF_E_NULL);
    assert_int_equal(api.model_validate(NULL), ROOF_E_NULL);
    assert_int_equal(api.model_get(0, NULL), ROOF_E_NULL);
    assert_int_equal(api.model_find(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.model_suggest(NULL, NULL, 0, NULL), ROOF_E_NULL);
    assert_int_equal(api.model_param_count(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.workload_prefill(1, 1, NULL), ROOF_E_NULL);
    assert_int_equal(api.workload_decode(1, 1, NULL), ROOF_E_NULL);
    assert_int_equal(api.workload_validate(NULL), ROOF_E_NULL);
    assert_int_equal(api.ops(NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.step(NULL, NULL, NULL, NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.request_init(1, 1, 1, NULL), ROOF_E_NULL);
    assert_int_equal(api.request_validate(NULL), ROOF_E_NULL);
    assert_int_equal(api.estimate_run(NULL, NULL, NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.memory_footprint(NULL, NULL, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.scaling(NULL, NULL, NULL, 1, NULL, 0, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.chart_svg(NULL, NULL, 0, NULL), ROOF_E_NULL);
    assert_int_equal(api.chart_svg_write(NULL, NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.format_si(1.0, "B", NULL, 0, NULL), ROOF_E_NULL);
    assert_int_equal(api.model_from_json(NULL, 0, NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.model_to_json(NULL, NULL, 0, NULL), ROOF_E_NULL);
    assert_int_equal(api.hardware_from_json(NULL, 0, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.hardware_to_json(NULL, NULL, 0, NULL), ROOF_E_NULL);
    assert_int_equal(api.kernels_from_csv(NULL, 0, NULL, 0, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.kernels_visit_csv(NULL, 0, NULL, NULL, NULL, NULL),
                     ROOF_E_NULL);
    assert_int_equal(api.op_class_from_name(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.mlp_kind_from_name(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.norm_kind_from_name(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.position_kind_from_name(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.bound_from_name(NULL, NULL), ROOF_E_NULL);
    assert_int_equal(api.op_from_name(NULL, NULL), ROOF_E_NULL);
    /* The rest return values, not statuses. */
    assert_string_equal(api.status_str(ROOF_OK), "success");
    assert_string_equal(api.precision_name(ROOF_FP16), "fp16");
    assert_string_equal(api.bound_name(ROOF_BOUND_MEMORY), "memory");
    assert_int_equal(api.version_number(), ROOF_VERSION_NUMBER);
    assert_string_equal(api.version_string(), ROOF_VERSION_STRING);
    assert_true(api.hardware_count() > 0);
    assert_true(api.model_count() > 0);
    assert_null(api.hardware_alias(api.hardware_count(), 0));
    assert_string_equal(api.op_name(ROOF_OP_Q_PROJ), "q_proj");
    assert_string_equal(api.op_class_name(ROOF_CLASS_MLP_PROJ), "mlp_proj");
    assert_string_equal(api.mlp_kind_name(ROOF_MLP_PLAIN), "plain");
    assert_string_equal(api.norm_kind_name(ROOF_NORM_RMS), "rms");
    assert_string_equal(api.position_kind_name(ROOF_POS_NONE), "none");
}

struct align_probe {
    char c;
    double d;
};

int main(void)
{
    /* The pinned offsets are LP64's; elsewhere the layouts are pinned by
     * the same rules but the numbers differ, so skip rather than lie. */
    if (sizeof(void *) != 8 || offsetof(struct align_probe, d) != 8) {
        puts("abi: not an LP64 target with 8-byte aligned doubles; skipped");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common_structs),
        cmocka_unit_test(test_hardware_struct),
        cmocka_unit_test(test_roofline_structs),
        cmocka_unit_test(test_model_structs),
        cmocka_unit_test(test_ops_structs),
        cmocka_unit_test(test_calibration_structs),
        cmocka_unit_test(test_plan_structs),
        cmocka_unit_test(test_estimate_structs),
        cmocka_unit_test(test_plot_structs),
        cmocka_unit_test(test_parse_structs),
        cmocka_unit_test(test_collective_structs),
        cmocka_unit_test(test_enum_values),
        cmocka_unit_test(test_limit_macros),
        cmocka_unit_test(test_function_signatures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
