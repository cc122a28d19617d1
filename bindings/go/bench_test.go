package roofmodel

// What a Go scheduler pays per question, conversions to and from C
// included: `run_go.py BUILD test -run - -bench .` (benchmarks do not run
// under a plain `go test`, and nothing here is asserted; docs/bindings.md
// gives the figures).

import "testing"

// benchArgs is a decode step of batch 8 at 1024 cached tokens, Llama 2 13B
// on the RTX A6000.
func benchArgs(b *testing.B) (Model, Workload, Hardware) {
	m, err := FindModel("llama-2-13b")
	if err != nil {
		b.Fatal(err)
	}
	hw, err := FindHardware("a6000")
	if err != nil {
		b.Fatal(err)
	}
	w, err := Decode(8, 1024)
	if err != nil {
		b.Fatal(err)
	}
	return m, w, hw
}

func BenchmarkStepTotals(b *testing.B) {
	m, w, hw := benchArgs(b)
	for i := 0; i < b.N; i++ {
		if _, err := StepTotals(m, w, hw, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOps(b *testing.B) {
	m, w, hw := benchArgs(b)
	for i := 0; i < b.N; i++ {
		if _, err := Ops(m, w, hw, nil); err != nil {
			b.Fatal(err)
		}
	}
}
