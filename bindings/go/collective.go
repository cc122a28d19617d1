package roofmodel

// The collective and expert-parallel structs (include/roofmodel/
// collective.h), mirrored field for field.

// Link is one link a collective runs over (roof_link).
type Link struct {
	BytesPerS      float64 // per direction per device
	LatencySeconds float64 // per collective step
}

// EPLayer is one MoE layer under expert parallelism (roof_ep_layer).
type EPLayer struct {
	Experts                 uint32
	TopK                    uint32
	Hidden                  uint32
	Ep                      uint32  // expert-parallel degree
	Tokens                  float64 // tokens in the step
	DispatchBytesPerElement float64
	CombineBytesPerElement  float64
}

// EPTraffic is the all-to-all traffic of an EP layer (roof_ep_traffic).
type EPTraffic struct {
	TokensPerDevice      float64
	MeanLoad             float64
	MaxLoad              float64 // expected load of the busiest device
	DispatchBytes        float64
	DispatchBytesOut     float64
	CombineBytes         float64
	CombineBytesOut      float64
	BusiestDispatchBytes float64
	BusiestCombineBytes  float64
}
