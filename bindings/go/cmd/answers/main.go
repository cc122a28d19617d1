// Command answers is the cross-language check's Go side: it prints the
// lines of bindings/answers.c (same questions, same %.17g format, which
// Go's fmt writes as C's printf does).
//
//	go run ./cmd/answers
package main

import (
	"fmt"
	"os"

	"roofmodel"
)

func step(phase string, m roofmodel.Model, hw roofmodel.Hardware, w roofmodel.Workload) error {
	s, err := roofmodel.Ops(m, w, hw, nil)
	if err != nil {
		return err
	}
	for _, o := range s.Ops {
		r := o.Roofline
		fmt.Printf("op %s %s %.17g %.17g %.17g %.17g %s\n", phase, o.ID, o.Flops,
			o.Bytes, r.FlopsPerByte, r.Seconds, r.Bound)
	}
	for _, t := range []struct {
		name string
		sum  roofmodel.Sum
	}{{"layer", s.Totals.Layer}, {"model", s.Totals.Model}} {
		fmt.Printf("total %s %s %.17g %.17g %.17g\n", phase, t.name, t.sum.Flops,
			t.sum.Bytes, t.sum.Seconds)
	}
	return nil
}

func estimate(m roofmodel.Model, hw roofmodel.Hardware) error {
	req, err := roofmodel.NewRequest(1, 1024, 128)
	if err != nil {
		return err
	}
	e, err := roofmodel.RunEstimate(m, hw, req)
	if err != nil {
		return err
	}
	fmt.Printf("estimate ttft_seconds %.17g\n", e.TtftSeconds)
	fmt.Printf("estimate tpot_seconds %.17g\n", e.TpotSeconds)
	fmt.Printf("estimate e2e_seconds %.17g\n", e.E2eSeconds)
	fmt.Printf("estimate tokens_per_s %.17g\n", e.TokensPerS)
	fmt.Printf("estimate memory_total_bytes %.17g\n", e.Memory.TotalBytes)
	return nil
}

func run() error {
	m, err := roofmodel.FindModel("llama-2-13b")
	if err != nil {
		return err
	}
	hw, err := roofmodel.FindHardware("a6000")
	if err != nil {
		return err
	}
	prefill, err := roofmodel.Prefill(1, 1024)
	if err != nil {
		return err
	}
	decode, err := roofmodel.Decode(1, 1024)
	if err != nil {
		return err
	}
	if err := step("prefill", m, hw, prefill); err != nil {
		return err
	}
	if err := step("decode", m, hw, decode); err != nil {
		return err
	}
	if err := estimate(m, hw); err != nil {
		return err
	}
	return mixed(m, hw, prefill)
}

// mixed is a step of a chunk, two decodes and a speculative verification
// through a prepared plan.
func mixed(m roofmodel.Model, hw roofmodel.Hardware, w roofmodel.Workload) error {
	p, err := roofmodel.NewPlan(m, w, hw)
	if err != nil {
		return err
	}
	r, err := p.StepMixed([]roofmodel.Seq{{512, 0}, {1, 2048}, {1, 8000}, {4, 300}})
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"seconds", r.Seconds}, {"expected_seconds", r.ExpectedSeconds},
		{"flops", r.Flops}, {"bytes", r.Bytes}, {"kv_bytes", r.KvBytes},
		{"tokens", r.Tokens}} {
		fmt.Printf("mixed %s %.17g\n", f.name, f.v)
	}
	fmt.Printf("mixed dominant_op %d\n", uint32(r.DominantOp))
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "answers:", err)
		os.Exit(1)
	}
}
