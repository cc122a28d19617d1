/*
 * Prints the size of every public struct and the offset of each of its
 * fields, as the C compiler laid them out, plus the array-size constants
 * the bindings mirror.  The Python and Rust binding tests compare their own
 * struct declarations against this text, so a header change that the
 * bindings miss fails a test instead of corrupting memory.
 *
 * Output, one item per line:
 *   struct <name> <size>
 *   field <struct>.<field> <offset> <size>
 *   const <NAME> <value>
 */
#include <roofmodel.h>

#include <stddef.h>
#include <stdio.h>

#define S(type) printf("struct %s %zu\n", #type, sizeof(type))
#define F(type, field)                                                     \
    printf("field %s.%s %zu %zu\n", #type, #field, offsetof(type, field),  \
           sizeof(((type *)0)->field))
#define C(name) printf("const %s %lu\n", #name, (unsigned long)(name))

static void common_structs(void)
{
    S(roof_efficiency);
    F(roof_efficiency, compute);
    F(roof_efficiency, memory);
    F(roof_efficiency, interconnect);
    F(roof_efficiency, reserved);

    S(roof_hardware);
    F(roof_hardware, name);
    F(roof_hardware, label);
    F(roof_hardware, vendor);
    F(roof_hardware, arch);
    F(roof_hardware, source);
    F(roof_hardware, units);
    F(roof_hardware, scaleup_domain);
    F(roof_hardware, clock_hz);
    F(roof_hardware, vector_clock_hz);
    F(roof_hardware, flops_per_clock_per_unit);
    F(roof_hardware, memory_bytes);
    F(roof_hardware, dram_bytes_per_s);
    F(roof_hardware, l2_bytes);
    F(roof_hardware, interconnect_bytes_per_s);
    F(roof_hardware, fp16_acc16_flops_per_clock_per_unit);
    F(roof_hardware, fp8_acc16_flops_per_clock_per_unit);
    F(roof_hardware, scaleout_bytes_per_s);
    F(roof_hardware, reserved);
}

static void roofline_structs(void)
{
    S(roof_ceiling);
    F(roof_ceiling, peak_flops_per_s);
    F(roof_ceiling, bytes_per_s);
    F(roof_ceiling, interconnect_bytes_per_s);

    S(roof_roofline);
    F(roof_roofline, flops);
    F(roof_roofline, bytes);
    F(roof_roofline, flops_per_byte);
    F(roof_roofline, ridge_flops_per_byte);
    F(roof_roofline, attainable_flops_per_s);
    F(roof_roofline, compute_seconds);
    F(roof_roofline, memory_seconds);
    F(roof_roofline, seconds);
    F(roof_roofline, bound);
    F(roof_roofline, reserved);

    S(roof_measured);
    F(roof_measured, roof);
    F(roof_measured, seconds);
    F(roof_measured, achieved_flops_per_s);
    F(roof_measured, achieved_bytes_per_s);
    F(roof_measured, efficiency);
    F(roof_measured, compute_fraction);
    F(roof_measured, memory_fraction);
    F(roof_measured, bound);
    F(roof_measured, reserved);

    S(roof_level);
    F(roof_level, bytes);
    F(roof_level, bytes_per_s);

    S(roof_hierarchy);
    F(roof_hierarchy, flops);
    F(roof_hierarchy, compute_seconds);
    F(roof_hierarchy, level_seconds);
    F(roof_hierarchy, level_flops_per_byte);
    F(roof_hierarchy, seconds);
    F(roof_hierarchy, attainable_flops_per_s);
    F(roof_hierarchy, level_count);
    F(roof_hierarchy, binding_level);
}

static void model_structs(void)
{
    S(roof_model);
    F(roof_model, name);
    F(roof_model, source);
    F(roof_model, hidden);
    F(roof_model, layers);
    F(roof_model, heads);
    F(roof_model, kv_heads);
    F(roof_model, head_dim);
    F(roof_model, intermediate);
    F(roof_model, vocab);
    F(roof_model, mlp);
    F(roof_model, norm);
    F(roof_model, position);
    F(roof_model, experts);
    F(roof_model, experts_per_token);
    F(roof_model, expert_intermediate);
    F(roof_model, shared_experts);
    F(roof_model, shared_intermediate);
    F(roof_model, tied_embeddings);
    F(roof_model, sliding_window);
    F(roof_model, max_context);
    F(roof_model, native_bits);
    F(roof_model, group_count);
    F(roof_model, attn_extras);
    F(roof_model, q_lora_rank);
    F(roof_model, kv_lora_rank);
    F(roof_model, qk_rope_head_dim);
    F(roof_model, qk_nope_head_dim);
    F(roof_model, v_head_dim);
    F(roof_model, ssm_heads);
    F(roof_model, ssm_head_dim);
    F(roof_model, ssm_state);
    F(roof_model, ssm_groups);
    F(roof_model, ssm_conv);
    F(roof_model, groups);
    F(roof_model, formats_set);
    F(roof_model, format_layers);
    F(roof_model, format_experts);
    F(roof_model, format_embedding);
    F(roof_model, format_lm_head);
    F(roof_model, reserved);

    S(roof_layer_group);
    F(roof_layer_group, layers);
    F(roof_layer_group, mixer);
    F(roof_layer_group, window);
    F(roof_layer_group, mlp);
    F(roof_layer_group, dense_intermediate);
    F(roof_layer_group, reserved);

    S(roof_model_params);
    F(roof_model_params, embedding);
    F(roof_model_params, per_layer);
    F(roof_model_params, active_per_layer);
    F(roof_model_params, lm_head);
    F(roof_model_params, total);
    F(roof_model_params, active);
    F(roof_model_params, reserved);
}

static void ops_structs(void)
{
    S(roof_workload);
    F(roof_workload, batch);
    F(roof_workload, new_tokens);
    F(roof_workload, cached_tokens);
    F(roof_workload, weight_bits);
    F(roof_workload, activation_bits);
    F(roof_workload, kv_bits);
    F(roof_workload, quant_group);
    F(roof_workload, scale_bits);
    F(roof_workload, attention);
    F(roof_workload, precision);
    F(roof_workload, tensor_parallel);
    F(roof_workload, reserved);

    S(roof_op);
    F(roof_op, id);
    F(roof_op, op_class);
    F(roof_op, scope);
    F(roof_op, precision);
    F(roof_op, flops);
    F(roof_op, bytes);
    F(roof_op, weight_bytes);
    F(roof_op, act_read_bytes);
    F(roof_op, act_write_bytes);
    F(roof_op, kv_read_bytes);
    F(roof_op, kv_write_bytes);
    F(roof_op, comm_bytes);
    F(roof_op, gemm_m);
    F(roof_op, gemm_n);
    F(roof_op, gemm_k);
    F(roof_op, gemm_batch);
    F(roof_op, roofline);
    F(roof_op, expected_seconds);
    F(roof_op, group);
    F(roof_op, reserved0);
    F(roof_op, reserved);

    S(roof_sum);
    F(roof_sum, flops);
    F(roof_sum, bytes);
    F(roof_sum, weight_bytes);
    F(roof_sum, act_bytes);
    F(roof_sum, kv_bytes);
    F(roof_sum, comm_bytes);
    F(roof_sum, compute_seconds);
    F(roof_sum, memory_seconds);
    F(roof_sum, comm_seconds);
    F(roof_sum, seconds);
    F(roof_sum, expected_seconds);
    F(roof_sum, bound_seconds);
    F(roof_sum, bound);
    F(roof_sum, dominant_op);
    F(roof_sum, reserved);

    S(roof_totals);
    F(roof_totals, layer);
    F(roof_totals, model);
    F(roof_totals, overhead_seconds);
    F(roof_totals, reserved);

    S(roof_kernel_coef);
    F(roof_kernel_coef, floor_seconds);
    F(roof_kernel_coef, compute_fraction);
    F(roof_kernel_coef, memory_fraction);
    F(roof_kernel_coef, row_bytes_per_s);
    F(roof_kernel_coef, masked_fraction);
    F(roof_kernel_coef, reserved);

    S(roof_calibration);
    F(roof_calibration, name);
    F(roof_calibration, device);
    F(roof_calibration, source);
    F(roof_calibration, engine);
    F(roof_calibration, date);
    F(roof_calibration, origin);
    F(roof_calibration, reserved0);
    F(roof_calibration, kind);
    F(roof_calibration, step_overhead_seconds);
    F(roof_calibration, reserved);
    S(roof_kernel_terms);
    F(roof_kernel_terms, kind);
    F(roof_kernel_terms, reserved0);
    F(roof_kernel_terms, compute_seconds);
    F(roof_kernel_terms, memory_seconds);
    F(roof_kernel_terms, row_bytes);
    F(roof_kernel_terms, masked_extra);
    F(roof_kernel_terms, launches);
    F(roof_kernel_terms, reserved);

    S(roof_kernel_sample);
    F(roof_kernel_sample, kind);
    F(roof_kernel_sample, precision);
    F(roof_kernel_sample, flops);
    F(roof_kernel_sample, bytes);
    F(roof_kernel_sample, rows);
    F(roof_kernel_sample, masked_extra);
    F(roof_kernel_sample, launches);
    F(roof_kernel_sample, measured_seconds);
    F(roof_kernel_sample, reserved);

    S(roof_fit_quality);
    F(roof_fit_quality, samples);
    F(roof_fit_quality, fitted);
    F(roof_fit_quality, median_error);
    F(roof_fit_quality, p90_error);
    F(roof_fit_quality, below_bound);
    F(roof_fit_quality, reserved);

    S(roof_fit_report);
    F(roof_fit_report, kind);
    F(roof_fit_report, samples);
    F(roof_fit_report, bad_kind);
    F(roof_fit_report, median_error);
    F(roof_fit_report, p90_error);
    F(roof_fit_report, reserved);

    S(roof_online);
    F(roof_online, warmup);
    F(roof_online, seen);
    F(roof_online, used);
    F(roof_online, rejected);
    F(roof_online, forget);
    F(roof_online, sw);
    F(roof_online, sx);
    F(roof_online, sy);
    F(roof_online, sxx);
    F(roof_online, sxy);
    F(roof_online, mean_abs_residual);
    F(roof_online, reserved);
}

static void plan_structs(void)
{
    S(roof_seq);
    F(roof_seq, new_tokens);
    F(roof_seq, cached_tokens);

    S(roof_plan);
    F(roof_plan, tag);
    F(roof_plan, logits);
    F(roof_plan, reserved0);
    F(roof_plan, model);
    F(roof_plan, hardware);
    F(roof_plan, calibration);
    F(roof_plan, workload);
    F(roof_plan, prepared);
    F(roof_plan, reserved);

    S(roof_step_result);
    F(roof_step_result, seconds);
    F(roof_step_result, expected_seconds);
    F(roof_step_result, overhead_seconds);
    F(roof_step_result, flops);
    F(roof_step_result, bytes);
    F(roof_step_result, weight_bytes);
    F(roof_step_result, act_bytes);
    F(roof_step_result, kv_bytes);
    F(roof_step_result, comm_bytes);
    F(roof_step_result, compute_seconds);
    F(roof_step_result, memory_seconds);
    F(roof_step_result, comm_seconds);
    F(roof_step_result, bound_seconds);
    F(roof_step_result, tokens);
    F(roof_step_result, bound);
    F(roof_step_result, dominant_op);
    F(roof_step_result, sequences);
    F(roof_step_result, reserved0);
    F(roof_step_result, reserved);

    S(roof_throughput);
    F(roof_throughput, batch);
    F(roof_throughput, limit);
    F(roof_throughput, tokens_per_s);
    F(roof_throughput, step_seconds);
    F(roof_throughput, memory_bytes);
    F(roof_throughput, step);
    F(roof_throughput, reserved);
}

static void estimate_structs(void)
{
    S(roof_request);
    F(roof_request, workload);
    F(roof_request, prompt_tokens);
    F(roof_request, gen_tokens);
    F(roof_request, pipeline_parallel);
    F(roof_request, microbatches);
    F(roof_request, efficiency);
    F(roof_request, activation_reserve);
    F(roof_request, reserved);

    S(roof_memory);
    F(roof_memory, weight_bytes);
    F(roof_memory, kv_bytes);
    F(roof_memory, activation_bytes);
    F(roof_memory, total_bytes);
    F(roof_memory, capacity_bytes);
    F(roof_memory, fits);
    F(roof_memory, reserved0);
    F(roof_memory, reserved);

    S(roof_estimate);
    F(roof_estimate, ttft_seconds);
    F(roof_estimate, tpot_seconds);
    F(roof_estimate, first_tpot_seconds);
    F(roof_estimate, last_tpot_seconds);
    F(roof_estimate, decode_seconds);
    F(roof_estimate, e2e_seconds);
    F(roof_estimate, tokens_per_s_per_seq);
    F(roof_estimate, tokens_per_s);
    F(roof_estimate, decode_tokens_per_s);
    F(roof_estimate, allreduce_seconds_per_layer);
    F(roof_estimate, pipeline_bubble_fraction);
    F(roof_estimate, memory);
    F(roof_estimate, max_batch);
    F(roof_estimate, max_context);
    F(roof_estimate, prefill_bound);
    F(roof_estimate, decode_bound);
    F(roof_estimate, prefill_dominant_op);
    F(roof_estimate, decode_dominant_op);
    F(roof_estimate, expected_ttft_seconds);
    F(roof_estimate, expected_tpot_seconds);
    F(roof_estimate, expected_e2e_seconds);
    F(roof_estimate, expected_tokens_per_s);
    F(roof_estimate, expected_decode_tokens_per_s);
    F(roof_estimate, overhead_seconds);
    F(roof_estimate, reserved);

    S(roof_scaling_point);
    F(roof_scaling_point, tensor_parallel);
    F(roof_scaling_point, pipeline_parallel);
    F(roof_scaling_point, devices);
    F(roof_scaling_point, fits);
    F(roof_scaling_point, ttft_seconds);
    F(roof_scaling_point, tpot_seconds);
    F(roof_scaling_point, tokens_per_s);
    F(roof_scaling_point, speedup);
    F(roof_scaling_point, efficiency);
    F(roof_scaling_point, expected_ttft_seconds);
    F(roof_scaling_point, expected_tpot_seconds);
    F(roof_scaling_point, expected_tokens_per_s);
    F(roof_scaling_point, expected_speedup);
    F(roof_scaling_point, reserved);
}

static void plot_parse_structs(void)
{
    S(roof_series);
    F(roof_series, label);
    F(roof_series, flops_per_byte);
    F(roof_series, flops_per_s);
    F(roof_series, count);
    F(roof_series, color);
    F(roof_series, marker);
    F(roof_series, reserved);

    S(roof_chart_ceiling);
    F(roof_chart_ceiling, label);
    F(roof_chart_ceiling, value);
    F(roof_chart_ceiling, kind);
    F(roof_chart_ceiling, color);

    S(roof_chart);
    F(roof_chart, title);
    F(roof_chart, ceilings);
    F(roof_chart, ceiling_count);
    F(roof_chart, series_count);
    F(roof_chart, series);
    F(roof_chart, x_min);
    F(roof_chart, x_max);
    F(roof_chart, y_min);
    F(roof_chart, y_max);
    F(roof_chart, width_px);
    F(roof_chart, height_px);
    F(roof_chart, ridge_line);
    F(roof_chart, reserved);

    S(roof_parse_error);
    F(roof_parse_error, line);
    F(roof_parse_error, column);
    F(roof_parse_error, offset);
    F(roof_parse_error, message);

    S(roof_kernel);
    F(roof_kernel, name);
    F(roof_kernel, flops);
    F(roof_kernel, bytes);
    F(roof_kernel, seconds);

    S(roof_link);
    F(roof_link, bytes_per_s);
    F(roof_link, latency_seconds);
    F(roof_link, reserved);

    S(roof_ep_layer);
    F(roof_ep_layer, experts);
    F(roof_ep_layer, top_k);
    F(roof_ep_layer, hidden);
    F(roof_ep_layer, ep);
    F(roof_ep_layer, tokens);
    F(roof_ep_layer, dispatch_bytes_per_element);
    F(roof_ep_layer, combine_bytes_per_element);
    F(roof_ep_layer, reserved);

    S(roof_ep_traffic);
    F(roof_ep_traffic, tokens_per_device);
    F(roof_ep_traffic, mean_load);
    F(roof_ep_traffic, max_load);
    F(roof_ep_traffic, dispatch_bytes);
    F(roof_ep_traffic, dispatch_bytes_out);
    F(roof_ep_traffic, combine_bytes);
    F(roof_ep_traffic, combine_bytes_out);
    F(roof_ep_traffic, busiest_dispatch_bytes);
    F(roof_ep_traffic, busiest_combine_bytes);
    F(roof_ep_traffic, reserved);

    S(roof_ep_point);
    F(roof_ep_point, tensor_parallel);
    F(roof_ep_point, expert_parallel);
    F(roof_ep_point, devices);
    F(roof_ep_point, link_scope);
    F(roof_ep_point, fits);
    F(roof_ep_point, moe_layers);
    F(roof_ep_point, dispatch_bytes);
    F(roof_ep_point, busiest_dispatch_bytes);
    F(roof_ep_point, a2a_seconds);
    F(roof_ep_point, expected_a2a_seconds);
    F(roof_ep_point, step_seconds);
    F(roof_ep_point, expected_step_seconds);
    F(roof_ep_point, tokens_per_s_per_device);
    F(roof_ep_point, expected_tokens_per_s_per_device);
    F(roof_ep_point, speedup);
    F(roof_ep_point, expected_speedup);
    F(roof_ep_point, memory_bytes);
    F(roof_ep_point, reserved);
}

static void constants(void)
{
    C(ROOF_HW_NAME_MAX);
    C(ROOF_HW_SOURCE_MAX);
    C(ROOF_PRECISION_COUNT);
    C(ROOF_MAX_LEVELS);
    C(ROOF_LEVEL_COMPUTE);
    C(ROOF_MODEL_NAME_MAX);
    C(ROOF_MODEL_SOURCE_MAX);
    C(ROOF_MAX_GROUPS);
    C(ROOF_OP_COUNT);
    C(ROOF_MAX_OPS);
    C(ROOF_JSON_MAX_DEPTH);
    C(ROOF_KERNEL_NAME_MAX);
    C(ROOF_COLOR_AUTO);
    C(ROOF_VERSION_NUMBER);
    C(ROOF_PLAN_TAG);
    C(ROOF_PLAN_WORDS);
}

int main(void)
{
    common_structs();
    roofline_structs();
    model_structs();
    ops_structs();
    estimate_structs();
    plot_parse_structs();
    plan_structs();
    constants();
    return 0;
}
