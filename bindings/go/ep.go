package roofmodel

// The tensor x expert parallel sweep's point (include/roofmodel/ep.h),
// mirrored field for field.

// EPPoint is one (tensor, expert) parallel configuration (roof_ep_point).
type EPPoint struct {
	TensorParallel              uint32
	ExpertParallel              uint32
	Devices                     uint32
	LinkScope                   uint32
	Fits                        uint32
	MoeLayers                   uint32
	DispatchBytes               float64
	BusiestDispatchBytes        float64
	A2aSeconds                  float64
	ExpectedA2aSeconds          float64
	StepSeconds                 float64
	ExpectedStepSeconds         float64
	TokensPerSPerDevice         float64
	ExpectedTokensPerSPerDevice float64
	Speedup                     float64
	ExpectedSpeedup             float64
	MemoryBytes                 float64
}
