package roofmodel

// The C structs as cgo compiled them, and the Go type that mirrors each:
// layout_test.go compares them with the C compiler's layout (printed by
// bindings/layout.c).  Add a struct here when the C API gains one.

/*
#include <roofmodel.h>
*/
import "C"

import "reflect"

type layoutEntry struct {
	c      reflect.Type // the struct cgo compiled against
	mirror reflect.Type // its Go mirror in types.go
}

func cLayouts() map[string]layoutEntry {
	e := func(c, mirror interface{}) layoutEntry {
		return layoutEntry{reflect.TypeOf(c), reflect.TypeOf(mirror)}
	}
	return map[string]layoutEntry{
		"roof_efficiency":    e(C.roof_efficiency{}, Efficiency{}),
		"roof_hardware":      e(C.roof_hardware{}, Hardware{}),
		"roof_ceiling":       e(C.roof_ceiling{}, Ceiling{}),
		"roof_roofline":      e(C.roof_roofline{}, Roofline{}),
		"roof_measured":      e(C.roof_measured{}, Measured{}),
		"roof_level":         e(C.roof_level{}, Level{}),
		"roof_hierarchy":     e(C.roof_hierarchy{}, Hierarchy{}),
		"roof_model":         e(C.roof_model{}, Model{}),
		"roof_model_params":  e(C.roof_model_params{}, ModelParams{}),
		"roof_workload":      e(C.roof_workload{}, Workload{}),
		"roof_op":            e(C.roof_op{}, Op{}),
		"roof_sum":           e(C.roof_sum{}, Sum{}),
		"roof_totals":        e(C.roof_totals{}, Totals{}),
		"roof_request":       e(C.roof_request{}, Request{}),
		"roof_memory":        e(C.roof_memory{}, Memory{}),
		"roof_estimate":      e(C.roof_estimate{}, Estimate{}),
		"roof_scaling_point": e(C.roof_scaling_point{}, ScalingPoint{}),
		"roof_series":        e(C.roof_series{}, Series{}),
		"roof_chart_ceiling": e(C.roof_chart_ceiling{}, ChartCeiling{}),
		"roof_chart":         e(C.roof_chart{}, Chart{}),
		"roof_parse_error":   e(C.roof_parse_error{}, ParseLocation{}),
		"roof_kernel":        e(C.roof_kernel{}, Kernel{}),
		"roof_kernel_coef":   e(C.roof_kernel_coef{}, KernelCoef{}),
		"roof_calibration":   e(C.roof_calibration{}, Calibration{}),
		"roof_kernel_terms":  e(C.roof_kernel_terms{}, KernelTerms{}),
		"roof_kernel_sample": e(C.roof_kernel_sample{}, KernelSample{}),
		"roof_fit_quality":   e(C.roof_fit_quality{}, FitQuality{}),
		"roof_fit_report":    e(C.roof_fit_report{}, FitReport{}),
		"roof_online":        e(C.roof_online{}, Online{}),
		"roof_link":          e(C.roof_link{}, Link{}),
		"roof_layer_group":   e(C.roof_layer_group{}, LayerGroup{}),
		"roof_ep_layer":      e(C.roof_ep_layer{}, EPLayer{}),
		"roof_ep_traffic":    e(C.roof_ep_traffic{}, EPTraffic{}),
		"roof_seq":           e(C.roof_seq{}, Seq{}),
		"roof_plan":          e(C.roof_plan{}, Plan{}),
		"roof_step_result":   e(C.roof_step_result{}, StepResult{}),
		"roof_throughput":    e(C.roof_throughput{}, Throughput{}),
		"roof_ep_point":      e(C.roof_ep_point{}, EPPoint{}),
	}
}

// cConstants is the C constants the Go API states, by their C names.
func cConstants() map[string]uint64 {
	return map[string]uint64{
		"ROOF_PRECISION_COUNT": PrecisionCount,
		"ROOF_OP_COUNT":        OpCount,
		"ROOF_MAX_OPS":         MaxOps,
		"ROOF_MAX_LEVELS":      MaxLevels,
		"ROOF_COLOR_AUTO":      uint64(ColorAuto),
		"ROOF_VERSION_NUMBER":  uint64(VersionNumber()),
	}
}
