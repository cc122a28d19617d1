package roofmodel

// Prepared plans (include/roofmodel/plan.h): validate a model, a device
// and the workload's widths once, then ask about steps, uniform or mixed,
// at nanosecond cost.  A Plan is read-only after NewPlan: any number of
// goroutines may share it.

/*
#include <roofmodel.h>
*/
import "C"

import "unsafe"

// Seq is one sequence of a mixed step (roof_seq).
type Seq struct {
	NewTokens    uint32 // tokens it feeds this step; > 0
	CachedTokens uint32 // tokens already in its KV cache
}

// StepResult is the answer about one step, per device (roof_step_result).
type StepResult struct {
	Seconds         float64 // roofline bound: the sum of the kernels' bounds
	ExpectedSeconds float64 // calibrated prediction, without the overhead
	OverheadSeconds float64 // the profile's per-step engine time
	Flops           float64
	Bytes           float64 // weight + act + kv
	WeightBytes     float64
	ActBytes        float64
	KvBytes         float64
	CommBytes       float64
	ComputeSeconds  float64
	MemorySeconds   float64
	CommSeconds     float64
	BoundSeconds    [4]float64
	Tokens          float64 // new tokens of the step
	Bound           Bound   // the bound with the most seconds
	DominantOp      OpID    // the slowest kernel
	Sequences       uint32
}

// Logits chooses which tokens' logits lm_head computes.
const (
	LogitsLast uint32 = 0 // each sequence's last new token
	LogitsAll  uint32 = 1 // every new token (speculative verification)
)

// Plan is a prepared plan (roof_plan): the validated inputs, and the C
// plan the steps read.
type Plan struct {
	Model       Model
	Hardware    Hardware
	Calibration Calibration // the device's built-in profile
	Workload    Workload
	c           *C.roof_plan
}

// NewPlan prepares a plan with the device's built-in calibration profile
// (roof_plan_init with a NULL profile).
func NewPlan(model Model, w Workload, hw Hardware) (*Plan, error) {
	a, err := newCallArgs(&model, &w, &hw)
	if err != nil {
		return nil, err
	}
	p := &Plan{c: new(C.roof_plan)}
	if err := check(C.roof_plan_init(&a.m, &a.w, &a.hw, nil, p.c), "roof_plan_init"); err != nil {
		return nil, err
	}
	p.Model, p.Hardware, p.Workload = model, hw, w
	p.Calibration = calibrationFromC(&p.c.calibration)
	return p, nil
}

// SetLogits chooses LogitsLast or LogitsAll for the following steps; not
// while other goroutines step the plan.
func (p *Plan) SetLogits(logits uint32) {
	p.c.logits = C.uint32_t(logits)
}

func stepResultFromC(r *C.roof_step_result) (StepResult, error) {
	b, err1 := decodeEnum(r.bound, 4, "roof_step_result.bound")
	op, err2 := decodeEnum(r.dominant_op, OpCount, "roof_step_result.dominant_op")
	s := StepResult{
		Seconds: float64(r.seconds), ExpectedSeconds: float64(r.expected_seconds),
		OverheadSeconds: float64(r.overhead_seconds), Flops: float64(r.flops),
		Bytes: float64(r.bytes), WeightBytes: float64(r.weight_bytes),
		ActBytes: float64(r.act_bytes), KvBytes: float64(r.kv_bytes),
		CommBytes: float64(r.comm_bytes), ComputeSeconds: float64(r.compute_seconds),
		MemorySeconds: float64(r.memory_seconds), CommSeconds: float64(r.comm_seconds),
		Tokens: float64(r.tokens), Bound: Bound(b), DominantOp: OpID(op),
		Sequences: uint32(r.sequences),
	}
	for i := range s.BoundSeconds {
		s.BoundSeconds[i] = float64(r.bound_seconds[i])
	}
	return s, firstError(err1, err2)
}

// Step is a uniform step: batch sequences of newTokens on cachedTokens
// (roof_plan_step).
func (p *Plan) Step(batch, newTokens, cachedTokens uint32) (StepResult, error) {
	var r C.roof_step_result
	rc := C.roof_plan_step(p.c, C.uint32_t(batch), C.uint32_t(newTokens), C.uint32_t(cachedTokens), &r)
	if err := check(rc, "roof_plan_step"); err != nil {
		return StepResult{}, err
	}
	return stepResultFromC(&r)
}

// StepMixed is a step of sequences with their own new and cached tokens
// (roof_plan_step_mixed).  seqs is passed to C without a copy.
func (p *Plan) StepMixed(seqs []Seq) (StepResult, error) {
	var r C.roof_step_result
	var none C.roof_seq // an empty step is a count of 0 (ErrRange), as in C
	first := &none
	if len(seqs) > 0 {
		first = (*C.roof_seq)(unsafe.Pointer(&seqs[0]))
	}
	rc := C.roof_plan_step_mixed(p.c, first, C.uint32_t(len(seqs)), &r)
	if err := check(rc, "roof_plan_step_mixed"); err != nil {
		return StepResult{}, err
	}
	return stepResultFromC(&r)
}

// Throughput is the best steady decode of a plan at one context
// (roof_throughput).
type Throughput struct {
	Batch       uint32     // sequences decoding together
	Limit       uint32     // 1: the TPOT target limits the batch, 2: memory
	TokensPerS  float64    // per device
	StepSeconds float64    // the step's time on the basis asked
	MemoryBytes float64    // one device's memory at that batch
	Step        StepResult // the decode step at that batch
}
