package roofmodel

import (
	"math"
	"testing"
)

// A plan's uniform step is StepTotals' model totals; a decode beside a
// chunk adds its keys and values, derived by hand.
func TestPlanSteps(t *testing.T) {
	m := must(FindModel("llama-2-13b"))(t)
	hw := must(FindHardware("a6000"))(t)
	w := must(Decode(8, 2048))(t)
	p := must(NewPlan(m, w, hw))(t)
	tot := must(StepTotals(m, w, hw, nil))(t)
	r := must(p.Step(8, 1, 2048))(t)
	for _, c := range [][2]float64{{r.Seconds, tot.Model.Seconds},
		{r.ExpectedSeconds, tot.Model.ExpectedSeconds}, {r.Flops, tot.Model.Flops},
		{r.Bytes, tot.Model.Bytes}} {
		if math.Abs(c[0]/c[1]-1) > 1e-12 {
			t.Errorf("plan %v, StepTotals %v", c[0], c[1])
		}
	}
	if r.DominantOp != tot.Model.DominantOp || r.Bound != tot.Model.Bound {
		t.Errorf("bound or dominant op differ: %+v", r)
	}
	one := must(p.StepMixed([]Seq{{512, 0}}))(t)
	two := must(p.StepMixed([]Seq{{512, 0}, {1, 999}}))(t)
	// 2 x 40 layers x 5120 x 2 bytes for each of 1000 keys and values
	if kv := two.KvBytes - one.KvBytes; math.Abs(kv/(2*40*5120*2*1000)-1) > 1e-12 {
		t.Errorf("a decode at 999 cached moved %v KV bytes", kv)
	}
	if two.Sequences != 2 || two.Tokens != 513 {
		t.Errorf("counts: %+v", two)
	}
	p.SetLogits(LogitsAll)
	all := must(p.StepMixed([]Seq{{512, 0}}))(t)
	if d := all.Flops - one.Flops; math.Abs(d-511*2*5120*32000) > 1 {
		t.Errorf("logits of every token: %v more FLOPs", d)
	}
	p.SetLogits(LogitsLast)
	_, err := p.StepMixed(nil)
	wantStatus(t, err, ErrRange, "roof_plan_step_mixed")
	_, err = p.Step(0, 1, 0)
	wantStatus(t, err, ErrRange, "roof_plan_step")
}
