package roofmodel

// The calibration structs (include/roofmodel/calibration.h, fit.h),
// mirrored field for field.  Profiles are used through the C library's
// built-ins and JSON files; these types let Go read and pass them.

/*
#include <roofmodel.h>
*/
import "C"

// KernelKindCount is the number of kernel kinds of the time model.
const KernelKindCount = 10

// KernelCoef is one kernel kind's coefficients (roof_kernel_coef).
type KernelCoef struct {
	FloorSeconds    float64 // launch and tail latency of one kernel
	ComputeFraction float64 // achieved fraction of peak FLOP/s; 0 = off
	MemoryFraction  float64 // achieved fraction of DRAM (or link) bandwidth
	RowBytesPerS    float64 // one row's block bandwidth; 0 = off
	MaskedFraction  float64 // share of masked scores fused prefill computes
}

// Calibration is a device's calibration profile (roof_calibration).
type Calibration struct {
	Name                string
	Device              string // roof_hardware name; "" = any device
	Source              string
	Engine              string
	Date                string
	Origin              uint32 // fitted 0, derived 1, generic 2
	Kind                [KernelKindCount]KernelCoef
	StepOverheadSeconds float64
}

// KernelTerms is a kernel as the time model sees it (roof_kernel_terms).
type KernelTerms struct {
	Kind           uint32
	ComputeSeconds float64
	MemorySeconds  float64
	RowBytes       float64
	MaskedExtra    float64
	Launches       float64
}

// KernelSample is one measured kernel for fitting (roof_kernel_sample).
type KernelSample struct {
	Kind            uint32
	Precision       Precision
	Flops           float64
	Bytes           float64
	Rows            float64
	MaskedExtra     float64
	Launches        float64
	MeasuredSeconds float64
}

// FitQuality says how well one kind fits (roof_fit_quality).
type FitQuality struct {
	Samples     uint32
	Fitted      uint32
	MedianError float64
	P90Error    float64
	BelowBound  float64
}

// FitReport is every kind's fit quality (roof_fit_report).
type FitReport struct {
	Kind        [KernelKindCount]FitQuality
	Samples     uint32
	BadKind     uint32
	MedianError float64
	P90Error    float64
}

// Online is the online updater's state (roof_online).
type Online struct {
	Warmup          uint32
	Seen            uint32
	Used            uint32
	Rejected        uint32
	Forget          float64
	Sw              float64
	Sx              float64
	Sy              float64
	Sxx             float64
	Sxy             float64
	MeanAbsResidual float64
}

func calibrationFromC(r *C.roof_calibration) Calibration {
	c := Calibration{Name: C.GoString(&r.name[0]), Device: C.GoString(&r.device[0]),
		Source: C.GoString(&r.source[0]), Engine: C.GoString(&r.engine[0]),
		Date: C.GoString(&r.date[0]), Origin: uint32(r.origin),
		StepOverheadSeconds: float64(r.step_overhead_seconds)}
	for i := range c.Kind {
		k := &r.kind[i]
		c.Kind[i] = KernelCoef{float64(k.floor_seconds), float64(k.compute_fraction),
			float64(k.memory_fraction), float64(k.row_bytes_per_s), float64(k.masked_fraction)}
	}
	return c
}

// BuiltinCalibration is the device's built-in calibration profile
// (roof_calibration_builtin).
func BuiltinCalibration(hw *Hardware) (Calibration, error) {
	h, err := hw.toC()
	if err != nil {
		return Calibration{}, err
	}
	var out C.roof_calibration
	if err := check(C.roof_calibration_builtin(&h, &out), "roof_calibration_builtin"); err != nil {
		return Calibration{}, err
	}
	return calibrationFromC(&out), nil
}
