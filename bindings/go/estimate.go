package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

// NewRequest is a request with the library's defaults (16-bit, no
// parallelism, pure roofline).
func NewRequest(batch, promptTokens, genTokens uint32) (Request, error) {
	var r C.roof_request
	if err := check(C.roof_request_init(C.uint32_t(batch), C.uint32_t(promptTokens),
		C.uint32_t(genTokens), &r), "roof_request_init"); err != nil {
		return Request{}, err
	}
	return requestFromC(&r)
}

// Validate is nil for a request the library accepts, else why not.
func (q Request) Validate() error {
	r := q.toC()
	return check(C.roof_request_validate(&r), "roof_request_validate")
}

// requestArgs is the C structs of a (model, device, request) question.
func requestArgs(m *Model, hw *Hardware, q *Request) (C.roof_model, C.roof_hardware, C.roof_request, error) {
	var hr C.roof_hardware
	mr, err := m.toC()
	if err == nil {
		hr, err = hw.toC()
	}
	return mr, hr, q.toC(), err
}

// RunEstimate is time to first token, time per output token, throughput
// and memory of req.
func RunEstimate(model Model, hw Hardware, req Request) (Estimate, error) {
	m, h, r, err := requestArgs(&model, &hw, &req)
	if err != nil {
		return Estimate{}, err
	}
	var e C.roof_estimate
	if err := check(C.roof_estimate_run(&m, &h, &r, &e), "roof_estimate_run"); err != nil {
		return Estimate{}, err
	}
	return estimateFromC(&e)
}

// MemoryFootprint is the memory alone.
func MemoryFootprint(model Model, hw Hardware, req Request) (Memory, error) {
	m, h, r, err := requestArgs(&model, &hw, &req)
	if err != nil {
		return Memory{}, err
	}
	var out C.roof_memory
	if err := check(C.roof_memory_footprint(&m, &h, &r, &out), "roof_memory_footprint"); err != nil {
		return Memory{}, err
	}
	return memoryFromC(&out), nil
}

// Scaling is the tensor-parallel sweep t = 1, 2, 4, ... up to maxDevices.
func Scaling(model Model, hw Hardware, req Request, maxDevices uint32) ([]ScalingPoint, error) {
	m, h, r, err := requestArgs(&model, &hw, &req)
	if err != nil {
		return nil, err
	}
	// t doubles: 33 points cover every uint32.
	var raw [33]C.roof_scaling_point
	var n C.uint32_t
	rc := C.roof_scaling(&m, &h, &r, C.uint32_t(maxDevices), &raw[0], C.uint32_t(len(raw)), &n)
	if err := check(rc, "roof_scaling"); err != nil {
		return nil, err
	}
	count := int(n)
	if count > len(raw) {
		count = len(raw)
	}
	out := make([]ScalingPoint, count)
	for i := range out {
		out[i] = scalingPointFromC(&raw[i])
	}
	return out, nil
}
