package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

import "fmt"

// Validate is nil for roofs the library accepts, else why not.
func (c Ceiling) Validate() error {
	r := c.toC()
	return check(C.roof_ceiling_validate(&r), "roof_ceiling_validate")
}

// RidgeFlopsPerByte is the ridge point I* = peak / bandwidth.
func (c Ceiling) RidgeFlopsPerByte() (float64, error) {
	r := c.toC()
	var v C.double
	err := check(C.roof_ridge_flops_per_byte(&r, &v), "roof_ridge_flops_per_byte")
	return float64(v), err
}

// Eval is the verdict for a kernel of flops moving bytes.
func (c Ceiling) Eval(flops, bytes float64) (Roofline, error) {
	r := c.toC()
	var out C.roof_roofline
	err := check(C.roof_roofline_eval(&r, C.double(flops), C.double(bytes), &out), "roof_roofline_eval")
	if err != nil {
		return Roofline{}, err
	}
	return rooflineFromC(&out)
}

// Measure is a measured kernel's achieved rates, efficiency and label.
func (c Ceiling) Measure(flops, bytes, seconds float64) (Measured, error) {
	r := c.toC()
	var out C.roof_measured
	err := check(C.roof_measured_eval(&r, C.double(flops), C.double(bytes), C.double(seconds), &out),
		"roof_measured_eval")
	if err != nil {
		return Measured{}, err
	}
	return measuredFromC(&out)
}

// MaxLevels is the most memory levels of a hierarchical roofline
// (ROOF_MAX_LEVELS).
const MaxLevels = C.ROOF_MAX_LEVELS

// EvalHierarchy is the hierarchical roofline: one compute roof and up to
// MaxLevels memory levels.
func EvalHierarchy(peakFlopsPerS, flops float64, levels []Level) (Hierarchy, error) {
	if len(levels) > MaxLevels {
		return Hierarchy{}, bindingError(ErrRange, "roof_hierarchy_eval",
			fmt.Sprintf("%d levels are more than %d", len(levels), MaxLevels))
	}
	var raw [MaxLevels + 1]C.roof_level
	for i, l := range levels {
		raw[i] = C.roof_level{bytes: C.double(l.Bytes), bytes_per_s: C.double(l.BytesPerS)}
	}
	var out C.roof_hierarchy
	rc := C.roof_hierarchy_eval(C.double(peakFlopsPerS), C.double(flops), &raw[0],
		C.uint32_t(len(levels)), &out)
	if err := check(rc, "roof_hierarchy_eval"); err != nil {
		return Hierarchy{}, err
	}
	return hierarchyFromC(&out), nil
}
