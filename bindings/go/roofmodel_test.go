package roofmodel

// The Go API against numbers derived by hand (arithmetic in comments).

import (
	"errors"
	"math"
	"strings"
	"testing"
)

const a6000FP16 = 84.0 * 1024.0 * 1.8e9 // 154.8288 TFLOP/s

// must(f(...))(t) is f's value; an error fails the test.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantStatus(t *testing.T, err error, s Status, function string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want an *Error with %v, got %v", int(s), err)
	}
	if e.Status != s || !errors.Is(err, s) {
		t.Fatalf("want status %d, got %d (%v)", int(s), int(e.Status), err)
	}
	if function != "" && e.Function != function {
		t.Fatalf("want function %s, got %s", function, e.Function)
	}
}

func opOf(t *testing.T, s Step, id OpID) Op {
	t.Helper()
	for _, o := range s.Ops {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("no %v in the step", id)
	return Op{}
}

func TestVersion(t *testing.T) {
	var a, b, c uint32
	parts := strings.Split(Version(), ".")
	if len(parts) != 3 {
		t.Fatalf("version %q", Version())
	}
	for i, p := range []*uint32{&a, &b, &c} {
		for _, ch := range parts[i] {
			*p = *p*10 + uint32(ch-'0')
		}
	}
	if VersionNumber() != a*10000+b*100+c {
		t.Fatalf("%d is not %s", VersionNumber(), Version())
	}
}

func TestErrorsCarryStatusAndText(t *testing.T) {
	_, err := FindHardware("no-such-device-xyz")
	wantStatus(t, err, ErrNotFound, "roof_hardware_find")
	e := err.(*Error)
	if int(e.Status) != 5 || e.Message != StatusString(5) || e.Message == "" {
		t.Fatalf("status %d message %q", int(e.Status), e.Message)
	}
	if !strings.HasPrefix(err.Error(), "roof_hardware_find: ") || errors.Is(err, ErrRange) {
		t.Fatalf("error text %q", err)
	}
	if ErrNotFound.Error() != StatusString(5) {
		t.Fatal("a Status's text is roof_status_str's")
	}
	found := false
	for _, s := range SuggestHardware("a600") {
		found = found || s == "a6000"
	}
	if !found {
		t.Fatal("a600 does not suggest a6000")
	}
	_, err = FindHardware("a\x00b")
	wantStatus(t, err, ErrInvalid, "roof_hardware_find")
	_, err = FindModel("no-such-model")
	wantStatus(t, err, ErrNotFound, "roof_model_find")
	_, err = PrecisionFromName("fp7")
	wantStatus(t, err, ErrNotFound, "")
}

func TestA6000Figures(t *testing.T) {
	hw := must(FindHardware("a6000"))(t)
	if hw.Name != "a6000" || hw.Units != 84 || hw.DramBytesPerS != 768e9 {
		t.Fatalf("%+v", hw)
	}
	if p := must(hw.PeakFlopsPerS(FP16))(t); p != a6000FP16 {
		t.Fatalf("peak %g", p)
	}
	// 84 x 1024 x 2.1 GHz = 180.6336 TFLOP/s
	boost := must(FindHardware("a6000@2100"))(t)
	if p := must(boost.PeakFlopsPerS(FP16))(t); p != 84.0*1024.0*2.1e9 {
		t.Fatalf("boost peak %g", p)
	}
	at := must(hw.AtClock(2.1e9))(t)
	if p := must(at.PeakFlopsPerS(FP16))(t); p != 84.0*1024.0*2.1e9 {
		t.Fatalf("at_clock peak %g", p)
	}
	if must(FindHardware("RTX-A6000"))(t) != hw {
		t.Fatal("an alias finds another device")
	}
	if must(PrecisionFromName("FP16"))(t) != FP16 || BF16.String() != "bf16" {
		t.Fatal("precision names")
	}
	if Precision(99).String() != "precision(99)" || BoundCompute.String() != "compute" {
		t.Fatal("enum names")
	}
	if s := must(FormatSI(768e9, "B/s"))(t); s != "768GB/s" {
		t.Fatalf("format_si %q", s)
	}
	_, err := FormatSI(math.NaN(), "")
	wantStatus(t, err, ErrRange, "roof_format_si")
}

func TestHardwareListAndJSON(t *testing.T) {
	list := must(ListHardware())(t)
	if len(list) < 19 {
		t.Fatalf("%d devices", len(list))
	}
	index := -1
	for i, hw := range list {
		if must(FindHardware(hw.Name))(t) != hw {
			t.Fatalf("%s: find differs from list", hw.Name)
		}
		if must(HardwareFromJSON(must(hw.JSON())(t)))(t) != hw {
			t.Fatalf("%s: JSON does not round-trip", hw.Name)
		}
		if hw.Name == "a6000" {
			index = i
		}
	}
	if !strings.Contains(strings.Join(HardwareAliases(uint32(index)), " "), "rtx-a6000") {
		t.Fatal("rtx-a6000 is an alias of a6000")
	}
	long := list[index]
	long.Name = strings.Repeat("x", 48) // 47 bytes and the NUL fit
	wantStatus(t, long.Validate(), ErrRange, "Hardware.Name")
	bad := list[index]
	bad.DramBytesPerS = 0
	wantStatus(t, bad.Validate(), ErrRange, "roof_hardware_validate")
	_, err := HardwareFromJSON("{\"name\": ")
	wantStatus(t, err, ErrParse, "roof_hardware_from_json")
	if err.(*Error).Location == nil {
		t.Fatal("a parse error has a place")
	}
}

func TestRooflineVerdicts(t *testing.T) {
	hw := must(FindHardware("a6000"))(t)
	c := must(hw.Ceiling(FP16, nil))(t)
	if c.PeakFlopsPerS != a6000FP16 {
		t.Fatalf("peak %g", c.PeakFlopsPerS)
	}
	// ridge = 154.8288e12 / 768e9 = 201.6 FLOP/B
	if r := must(c.RidgeFlopsPerByte())(t); math.Abs(r-201.6) > 1e-9 {
		t.Fatalf("ridge %g", r)
	}
	// I = 1000 FLOP/B: compute-bound, time = flops / peak
	r := must(c.Eval(1e12, 1e9))(t)
	if r.Bound != BoundCompute || r.Seconds != 1e12/a6000FP16 {
		t.Fatalf("%+v", r)
	}
	// I = 1 FLOP/B: memory-bound, attainable = 768e9
	r = must(c.Eval(1e9, 1e9))(t)
	if r.Bound != BoundMemory || r.AttainableFlopsPerS != 768e9 {
		t.Fatalf("%+v", r)
	}
	m := must(c.Measure(1e9, 1e9, 2.6e-3))(t)
	if m.AchievedBytesPerS != 1e9/2.6e-3 || m.Roof.Bound != BoundMemory {
		t.Fatalf("%+v", m)
	}
	_, err := c.Eval(-1, 1)
	wantStatus(t, err, ErrRange, "roof_roofline_eval")
	_, err = c.Eval(1, math.NaN())
	wantStatus(t, err, ErrRange, "roof_roofline_eval")
	eff := Efficiency{Compute: 0.5, Memory: 0.25, Interconnect: 1}
	if half := must(hw.Ceiling(FP16, &eff))(t); half.BytesPerS != 768e9*0.25 {
		t.Fatalf("%+v", half)
	}
	wantStatus(t, Efficiency{Compute: 0, Memory: 1, Interconnect: 1}.Validate(),
		ErrRange, "roof_efficiency_validate")
	// DRAM 1 GB at 1 TB/s = 1 ms; L2 4 GB at 2 TB/s = 2 ms: L2 binds.
	h := must(EvalHierarchy(100e12, 1e9, []Level{{1e9, 1e12}, {4e9, 2e12}}))(t)
	if h.BindingLevel != 1 || h.Seconds != 2e-3 || len(h.LevelSeconds) != 2 {
		t.Fatalf("%+v", h)
	}
	// 1e12 FLOP at 100 TFLOP/s = 10 ms beats both levels: compute binds.
	h = must(EvalHierarchy(100e12, 1e12, []Level{{1e9, 1e12}}))(t)
	if h.BindingLevel != -1 || h.Seconds != 1e-2 {
		t.Fatalf("%+v", h)
	}
	_, err = EvalHierarchy(100e12, 1e9, make([]Level, MaxLevels+1))
	wantStatus(t, err, ErrRange, "roof_hierarchy_eval")
}

func TestLlama13BParamsAndConfig(t *testing.T) {
	m := must(FindModel("llama-2-13b"))(t)
	if m.Hidden != 5120 || m.Layers != 40 || m.Heads != 40 || m.Intermediate != 13824 || m.Vocab != 32000 {
		t.Fatalf("%+v", m)
	}
	// 32000 x 5120 x 2 (embed + lm_head) + 40 x (4 x 5120^2 + 3 x 5120 x
	// 13824 + 2 x 5120) + 5120 = 13,015,864,320
	if p := must(m.Params())(t); p.Total != 13015864320 {
		t.Fatalf("params %g", p.Total)
	}
	cfg := `{"model_type": "llama", "hidden_size": 5120, "intermediate_size": 13824,
        "num_attention_heads": 40, "num_hidden_layers": 40, "num_key_value_heads": 40,
        "vocab_size": 32000, "max_position_embeddings": 4096, "hidden_act": "silu",
        "rms_norm_eps": 1e-05, "tie_word_embeddings": false, "torch_dtype": "float16"}`
	c := must(ModelFromConfig(cfg))(t)
	if c.Hidden != 5120 || c.KvHeads != 40 || c.HeadDim != 128 {
		t.Fatalf("%+v", c)
	}
	_, err := ModelFromConfig("{\n  \"hidden_size\": 5120,\n  oops")
	wantStatus(t, err, ErrParse, "roof_model_from_json")
	if loc := err.(*Error).Location; loc == nil || loc.Line != 3 {
		t.Fatalf("location %+v", loc)
	}
	_, err = ModelFromConfig(`{"hidden_size": 5120}`)
	wantStatus(t, err, ErrMissing, "roof_model_from_json")
	_, err = ModelFromConfig("")
	wantStatus(t, err, ErrParse, "roof_model_from_json")
	_, err = ModelFromConfigFile("/nonexistent/config.json")
	wantStatus(t, err, ErrMissing, "ModelFromConfigFile")
	if back := must(ModelFromConfig(must(m.JSON())(t)))(t); back.Hidden != 5120 {
		t.Fatalf("%+v", back)
	}
	models := must(ListModels())(t)
	if len(models) == 0 || must(FindModel(models[0].Name))(t) != models[0] {
		t.Fatal("list and find differ")
	}
	bad := m
	bad.Mlp = Mlp(7)
	wantStatus(t, bad.Validate(), ErrInvalid, "roof_model_validate")
}

func TestPrefillAndDecode(t *testing.T) {
	m := must(FindModel("llama-2-13b"))(t)
	hw := must(FindHardware("a6000"))(t)
	pre := must(Ops(m, must(Prefill(1, 1024))(t), hw, nil))(t)
	q := opOf(t, pre, OpQProj)
	// 2 x 1024 x 5120 x 5120 = 53,687,091,200 FLOP; 5120^2 x 2 B weights
	if q.Flops != 53687091200 || q.WeightBytes != 52428800 || q.ID.String() != "q_proj" {
		t.Fatalf("%+v", q)
	}
	if q.Roofline.Bound != BoundCompute || q.Roofline.Seconds != 53687091200/a6000FP16 {
		t.Fatalf("%+v", q.Roofline)
	}
	w := must(Decode(1, 1024))(t)
	dec := must(Ops(m, w, hw, nil))(t)
	q = opOf(t, dec, OpQProj)
	// one token: 2 x 5120 x 5120 = 52,428,800 FLOP on as many weight bytes
	if q.Flops != 52428800 || q.Roofline.Bound != BoundMemory {
		t.Fatalf("%+v", q)
	}
	layer := 0.0
	for _, o := range dec.Ops {
		if o.Scope == ScopeLayer {
			layer += o.Flops
		}
	}
	if math.Abs(dec.Totals.Layer.Flops-layer) > layer*1e-12 {
		t.Fatalf("layer flops %g, ops sum to %g", dec.Totals.Layer.Flops, layer)
	}
	// roof_step gives the totals of roof_ops, bit for bit.
	if tot := must(StepTotals(m, w, hw, nil))(t); tot != dec.Totals {
		t.Fatalf("step %+v, ops %+v", tot, dec.Totals)
	}
	// every operator memory-bound in decode: half the bandwidth (and half
	// the peak), twice the time, exactly (scaling by 2 is exact)
	eff := Efficiency{Compute: 0.5, Memory: 0.5, Interconnect: 1}
	if slow := must(StepTotals(m, w, hw, &eff))(t); slow.Model.Seconds != 2*dec.Totals.Model.Seconds {
		t.Fatalf("half efficiency: %g s, full: %g s", slow.Model.Seconds, dec.Totals.Model.Seconds)
	}
	w.TensorParallel = 3 // 40 heads are not a multiple of 3
	_, err := Ops(m, w, hw, nil)
	wantStatus(t, err, ErrInvalid, "roof_ops")
	_, err = StepTotals(m, w, hw, nil)
	wantStatus(t, err, ErrInvalid, "roof_step")
	_, err = Prefill(1, 0)
	wantStatus(t, err, ErrRange, "roof_workload_prefill")
	w.TensorParallel = 0
	wantStatus(t, w.Validate(), ErrRange, "roof_workload_validate")
	bad := m
	bad.Name = strings.Repeat("m", 100)
	_, err = Ops(bad, must(Decode(1, 1))(t), hw, nil)
	wantStatus(t, err, ErrRange, "Model.Name")
}

func TestTimePerToken(t *testing.T) {
	m := must(FindModel("llama-2-13b"))(t)
	hw := must(FindHardware("a6000"))(t)
	req := must(NewRequest(1, 1024, 128))(t)
	e := must(RunEstimate(m, hw, req))(t)
	if !(e.FirstTpotSeconds <= e.TpotSeconds && e.TpotSeconds <= e.LastTpotSeconds) {
		t.Fatalf("%+v", e)
	}
	// every weight read once per step: 13,015,864,320 x 2 B / 768 GB/s
	if e.FirstTpotSeconds <= 13015864320.0*2/768e9 || e.DecodeBound != BoundMemory || !e.Memory.Fits {
		t.Fatalf("%+v", e)
	}
	if mem := must(MemoryFootprint(m, hw, req))(t); mem != e.Memory {
		t.Fatalf("footprint %+v, estimate %+v", mem, e.Memory)
	}
	pts := must(Scaling(m, hw, req, 8))(t)
	if len(pts) != 4 || pts[0].TensorParallel != 1 || pts[3].TensorParallel != 8 {
		t.Fatalf("%+v", pts)
	}
	bad := req
	bad.GenTokens = 0
	wantStatus(t, bad.Validate(), ErrRange, "roof_request_validate")
	_, err := RunEstimate(m, hw, bad)
	wantStatus(t, err, ErrRange, "roof_estimate_run")
	_, err = NewRequest(0, 1, 1)
	wantStatus(t, err, ErrRange, "roof_request_init")
}

func TestChartAndKernels(t *testing.T) {
	chart := Chart{
		Title: "Roofline & co",
		Ceilings: []ChartCeiling{
			{Value: a6000FP16, Kind: CeilingCompute, Color: ColorAuto},
			{Label: "DRAM", Value: 768e9, Kind: CeilingMemory, Color: 0x336699},
		},
		Series: []Series{{Label: "ops", FlopsPerByte: []float64{1, 100},
			FlopsPerS: []float64{1e11, 1e13}, Color: ColorAuto, Marker: MarkerCircle}},
		RidgeLine: true,
	}
	svg := must(chart.SVG())(t)
	if !strings.HasPrefix(svg, "<svg") && !strings.HasPrefix(svg, "<?xml") {
		t.Fatalf("not SVG: %.40q", svg)
	}
	if !strings.Contains(svg, "Roofline &amp; co") || !strings.Contains(svg, "#336699") {
		t.Fatal("the title is escaped and the colour given is used")
	}
	chart.Series[0].FlopsPerS = []float64{1}
	_, err := chart.SVG()
	wantStatus(t, err, ErrRange, "roof_chart_svg")
	chart.Series[0].FlopsPerS = []float64{1e11, 1e13}
	chart.WidthPx, chart.HeightPx = 319, 640 // the library draws 320..16384 wide
	_, err = chart.SVG()
	wantStatus(t, err, ErrRange, "roof_chart_svg")
	ks := must(KernelsFromCSV("name,flops,bytes,seconds\ngemm,2e12,1e9,0.02\n"))(t)
	if len(ks) != 1 || ks[0] != (Kernel{Name: "gemm", Flops: 2e12, Bytes: 1e9, Seconds: 0.02}) {
		t.Fatalf("%+v", ks)
	}
	_, err = KernelsFromCSV("name,flops\ngemm,1\n")
	wantStatus(t, err, ErrMissing, "roof_kernels_from_csv")
}

func TestBuiltinCalibration(t *testing.T) {
	hw, err := FindHardware("a100-80gb-pcie")
	if err != nil {
		t.Fatal(err)
	}
	c, err := BuiltinCalibration(&hw)
	if err != nil {
		t.Fatal(err)
	}
	if c.Device != "a100-80gb-pcie" || c.Origin != 0 {
		t.Errorf("a100-80gb-pcie's profile: device %q origin %d", c.Device, c.Origin)
	}
	if g := c.Kind[0]; !(g.ComputeFraction > 0 && g.ComputeFraction <= 1 && g.FloorSeconds > 0) {
		t.Errorf("GEMM coefficients out of range: %+v", g)
	}
}
