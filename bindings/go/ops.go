package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

// Prefill is a prefill of seqTokens per sequence, with the library's
// defaults (16-bit everything, FP16 matmuls, unfused attention, no tensor
// parallelism).
func Prefill(batch, seqTokens uint32) (Workload, error) {
	var r C.roof_workload
	if err := check(C.roof_workload_prefill(C.uint32_t(batch), C.uint32_t(seqTokens), &r),
		"roof_workload_prefill"); err != nil {
		return Workload{}, err
	}
	return workloadFromC(&r)
}

// Decode is a decode step after cachedTokens per sequence, with the
// library's defaults.
func Decode(batch, cachedTokens uint32) (Workload, error) {
	var r C.roof_workload
	if err := check(C.roof_workload_decode(C.uint32_t(batch), C.uint32_t(cachedTokens), &r),
		"roof_workload_decode"); err != nil {
		return Workload{}, err
	}
	return workloadFromC(&r)
}

// Validate is nil for a workload the library accepts, else why not.
func (w Workload) Validate() error {
	r := w.toC()
	return check(C.roof_workload_validate(&r), "roof_workload_validate")
}

// Step is every operator of one step and their totals.
type Step struct {
	Ops    []Op // layer operators in execution order, then embed, final_norm, lm_head
	Totals Totals
}

// callArgs is the C structs of a (model, workload, device, efficiency)
// question.
type callArgs struct {
	m   C.roof_model
	w   C.roof_workload
	hw  C.roof_hardware
	eff C.roof_efficiency
}

func newCallArgs(m *Model, w *Workload, hw *Hardware) (*callArgs, error) {
	a := &callArgs{w: w.toC()}
	var err error
	if a.m, err = m.toC(); err != nil {
		return nil, err
	}
	if a.hw, err = hw.toC(); err != nil {
		return nil, err
	}
	return a, nil
}

// Ops is every operator of one step of model on hw; eff nil is the pure
// roofline.
func Ops(model Model, w Workload, hw Hardware, eff *Efficiency) (Step, error) {
	a, err := newCallArgs(&model, &w, &hw)
	if err != nil {
		return Step{}, err
	}
	var raw [MaxOps]C.roof_op
	var n C.uint32_t
	var t C.roof_totals
	rc := C.roof_ops(&a.m, &a.w, &a.hw, effPtr(eff, &a.eff), &raw[0], MaxOps, &n, &t)
	if err := check(rc, "roof_ops"); err != nil {
		return Step{}, err
	}
	count := int(n)
	if count > len(raw) {
		count = len(raw)
	}
	s := Step{Ops: make([]Op, count)}
	for i := 0; i < count; i++ {
		if s.Ops[i], err = opFromC(&raw[i]); err != nil {
			return Step{}, err
		}
	}
	if s.Totals, err = totalsFromC(&t); err != nil {
		return Step{}, err
	}
	return s, nil
}

// StepTotals is the totals Ops gives for the same step, bit for bit,
// without the operator records (roof_step): what a scheduler asks for each
// candidate batch.
func StepTotals(model Model, w Workload, hw Hardware, eff *Efficiency) (Totals, error) {
	a, err := newCallArgs(&model, &w, &hw)
	if err != nil {
		return Totals{}, err
	}
	var t C.roof_totals
	if err := check(C.roof_step(&a.m, &a.w, &a.hw, effPtr(eff, &a.eff), &t), "roof_step"); err != nil {
		return Totals{}, err
	}
	return totalsFromC(&t)
}
