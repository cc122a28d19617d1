package roofmodel

// Every Go mirror of a C struct, and its conversions to and from the C
// struct, is in this file, so that a field added to a C struct is added to
// Go in one place.  layout_test.go fails when a C field (as printed by
// bindings/layout.c) has no field here, or when the C layout that cgo
// compiled against differs from the library's.
//
// C fields map to Go fields by name: snake_case becomes CamelCase
// (dram_bytes_per_s: DramBytesPerS); reserved fields are not mirrored.

/*
#include <roofmodel.h>
*/
import "C"

// Efficiency is the achieved fractions of the peaks, each in (0, 1]
// (roof_efficiency).
type Efficiency struct {
	Compute      float64 // of the FLOP/s peak
	Memory       float64 // of the DRAM bandwidth
	Interconnect float64 // of the interconnect bandwidth
}

// DefaultEfficiency is the pure roofline: every fraction 1.
func DefaultEfficiency() Efficiency {
	return Efficiency{Compute: 1, Memory: 1, Interconnect: 1}
}

func (e *Efficiency) toC() C.roof_efficiency {
	return C.roof_efficiency{compute: C.double(e.Compute),
		memory: C.double(e.Memory), interconnect: C.double(e.Interconnect)}
}

func efficiencyFromC(r *C.roof_efficiency) Efficiency {
	return Efficiency{Compute: float64(r.compute), Memory: float64(r.memory),
		Interconnect: float64(r.interconnect)}
}

// Hardware is a device (roof_hardware).  Peaks derive from units x FLOP
// per clock per unit x clock: see Hardware.PeakFlopsPerS.
type Hardware struct {
	Name                  string                  // table name, "a6000"
	Label                 string                  // display name, "NVIDIA RTX A6000"
	Vendor                string                  // "NVIDIA", ...
	Arch                  string                  // "GA102", "GH100", ...
	Source                string                  // where the figures come from
	Units                 uint32                  // SMs, CUs or matrix units
	ClockHz               float64                 // clock of the tensor peaks
	VectorClockHz         float64                 // clock of the vector peaks
	FlopsPerClockPerUnit  [PrecisionCount]float64 // indexed by Precision; 0 = not supported
	MemoryBytes           float64                 // DRAM capacity
	DramBytesPerS         float64                 // DRAM bandwidth
	L2Bytes               float64                 // last-level cache
	InterconnectBytesPerS float64                 // scale-up link; 0 = none
	// ScaleupDomain is the GPUs in the NVLink/xGMI/ICI domain; 0 = unknown.
	ScaleupDomain uint32
	// Fp16Acc16FlopsPerClockPerUnit is the FP16 rate with FP16
	// accumulation; 0 = the FP16 rate.
	Fp16Acc16FlopsPerClockPerUnit float64
	// Fp8Acc16FlopsPerClockPerUnit likewise for FP8.
	Fp8Acc16FlopsPerClockPerUnit float64
	// ScaleoutBytesPerS is the scale-out network per device; 0 = unknown.
	ScaleoutBytesPerS float64
}

func hardwareFromC(r *C.roof_hardware) Hardware {
	h := Hardware{
		Name: goString(r.name[:]), Label: goString(r.label[:]),
		Vendor: goString(r.vendor[:]), Arch: goString(r.arch[:]),
		Source: goString(r.source[:]), Units: uint32(r.units),
		ClockHz: float64(r.clock_hz), VectorClockHz: float64(r.vector_clock_hz),
		MemoryBytes: float64(r.memory_bytes), DramBytesPerS: float64(r.dram_bytes_per_s),
		L2Bytes: float64(r.l2_bytes), InterconnectBytesPerS: float64(r.interconnect_bytes_per_s),
		ScaleupDomain:                 uint32(r.scaleup_domain),
		Fp16Acc16FlopsPerClockPerUnit: float64(r.fp16_acc16_flops_per_clock_per_unit),
		Fp8Acc16FlopsPerClockPerUnit:  float64(r.fp8_acc16_flops_per_clock_per_unit),
		ScaleoutBytesPerS:             float64(r.scaleout_bytes_per_s),
	}
	for i := range h.FlopsPerClockPerUnit {
		h.FlopsPerClockPerUnit[i] = float64(r.flops_per_clock_per_unit[i])
	}
	return h
}

// toC is the C struct; an error when a string does not fit its array.
func (h *Hardware) toC() (C.roof_hardware, error) {
	var r C.roof_hardware
	for _, s := range []struct {
		v     string
		a     []C.char
		field string
	}{{h.Name, r.name[:], "Hardware.Name"}, {h.Label, r.label[:], "Hardware.Label"},
		{h.Vendor, r.vendor[:], "Hardware.Vendor"}, {h.Arch, r.arch[:], "Hardware.Arch"},
		{h.Source, r.source[:], "Hardware.Source"}} {
		if err := toCArray(s.v, s.a, s.field); err != nil {
			return r, err
		}
	}
	r.units = C.uint32_t(h.Units)
	r.clock_hz = C.double(h.ClockHz)
	r.vector_clock_hz = C.double(h.VectorClockHz)
	for i, v := range h.FlopsPerClockPerUnit {
		r.flops_per_clock_per_unit[i] = C.double(v)
	}
	r.memory_bytes = C.double(h.MemoryBytes)
	r.dram_bytes_per_s = C.double(h.DramBytesPerS)
	r.l2_bytes = C.double(h.L2Bytes)
	r.interconnect_bytes_per_s = C.double(h.InterconnectBytesPerS)
	r.scaleup_domain = C.uint32_t(h.ScaleupDomain)
	r.fp16_acc16_flops_per_clock_per_unit = C.double(h.Fp16Acc16FlopsPerClockPerUnit)
	r.fp8_acc16_flops_per_clock_per_unit = C.double(h.Fp8Acc16FlopsPerClockPerUnit)
	r.scaleout_bytes_per_s = C.double(h.ScaleoutBytesPerS)
	return r, nil
}

// Ceiling is the roofs of one device at one precision (roof_ceiling).
type Ceiling struct {
	PeakFlopsPerS         float64 // compute roof, FLOP/s
	BytesPerS             float64 // memory roof, B/s
	InterconnectBytesPerS float64 // 0 = no interconnect
}

func ceilingFromC(r *C.roof_ceiling) Ceiling {
	return Ceiling{PeakFlopsPerS: float64(r.peak_flops_per_s),
		BytesPerS: float64(r.bytes_per_s), InterconnectBytesPerS: float64(r.interconnect_bytes_per_s)}
}

func (c *Ceiling) toC() C.roof_ceiling {
	return C.roof_ceiling{peak_flops_per_s: C.double(c.PeakFlopsPerS),
		bytes_per_s: C.double(c.BytesPerS), interconnect_bytes_per_s: C.double(c.InterconnectBytesPerS)}
}

// Roofline is the roofline verdict for one kernel (roof_roofline).
type Roofline struct {
	Flops               float64 // FLOPs of the kernel
	Bytes               float64 // bytes it moves
	FlopsPerByte        float64 // arithmetic intensity
	RidgeFlopsPerByte   float64 // the device's ridge point
	AttainableFlopsPerS float64 // min(peak, bandwidth x intensity)
	ComputeSeconds      float64 // flops / peak
	MemorySeconds       float64 // bytes / bandwidth
	Seconds             float64 // the larger bound
	Bound               Bound   // which roof binds
}

func rooflineFromC(r *C.roof_roofline) (Roofline, error) {
	b, err := decodeEnum(r.bound, 4, "roof_roofline.bound")
	return Roofline{Flops: float64(r.flops), Bytes: float64(r.bytes),
		FlopsPerByte: float64(r.flops_per_byte), RidgeFlopsPerByte: float64(r.ridge_flops_per_byte),
		AttainableFlopsPerS: float64(r.attainable_flops_per_s),
		ComputeSeconds:      float64(r.compute_seconds), MemorySeconds: float64(r.memory_seconds),
		Seconds: float64(r.seconds), Bound: Bound(b)}, err
}

// Measured is a measured kernel against its roof (roof_measured).
type Measured struct {
	Roof              Roofline // the verdict for the kernel's FLOPs and bytes
	Seconds           float64  // measured time
	AchievedFlopsPerS float64  // flops / seconds
	AchievedBytesPerS float64  // bytes / seconds
	Efficiency        float64  // achieved / attainable FLOP/s (roofmodel/roofline.h)
	ComputeFraction   float64  // achieved / peak FLOP/s
	MemoryFraction    float64  // achieved / peak B/s
	Bound             Bound    // the label: Roof.Bound
}

func measuredFromC(r *C.roof_measured) (Measured, error) {
	roof, err := rooflineFromC(&r.roof)
	if err != nil {
		return Measured{}, err
	}
	b, err := decodeEnum(r.bound, 4, "roof_measured.bound")
	return Measured{Roof: roof, Seconds: float64(r.seconds),
		AchievedFlopsPerS: float64(r.achieved_flops_per_s),
		AchievedBytesPerS: float64(r.achieved_bytes_per_s),
		Efficiency:        float64(r.efficiency), ComputeFraction: float64(r.compute_fraction),
		MemoryFraction: float64(r.memory_fraction), Bound: Bound(b)}, err
}

// Level is one memory level of a hierarchical roofline (roof_level).
type Level struct {
	Bytes     float64 // bytes moved at this level
	BytesPerS float64 // its bandwidth
}

// Hierarchy is the hierarchical verdict (roof_hierarchy).
type Hierarchy struct {
	Flops               float64
	ComputeSeconds      float64   // flops / peak
	LevelSeconds        []float64 // one per level given
	LevelFlopsPerByte   []float64 // one per level given
	Seconds             float64   // the largest bound
	AttainableFlopsPerS float64   // flops / seconds
	BindingLevel        int       // the level that binds; -1 when compute binds
}

func hierarchyFromC(r *C.roof_hierarchy) Hierarchy {
	n := int(r.level_count)
	if n > len(r.level_seconds) {
		n = len(r.level_seconds)
	}
	h := Hierarchy{Flops: float64(r.flops), ComputeSeconds: float64(r.compute_seconds),
		LevelSeconds: make([]float64, n), LevelFlopsPerByte: make([]float64, n),
		Seconds: float64(r.seconds), AttainableFlopsPerS: float64(r.attainable_flops_per_s),
		BindingLevel: -1}
	for i := 0; i < n; i++ {
		h.LevelSeconds[i] = float64(r.level_seconds[i])
		h.LevelFlopsPerByte[i] = float64(r.level_flops_per_byte[i])
	}
	if r.binding_level != C.ROOF_LEVEL_COMPUTE {
		h.BindingLevel = int(r.binding_level)
	}
	return h
}

// Model is a transformer (roof_model).
type Model struct {
	Name               string   // preset name, "llama-2-13b"
	Source             string   // where the figures come from
	Hidden             uint32   // hidden size
	Layers             uint32   // decoder layers
	Heads              uint32   // query heads
	KvHeads            uint32   // key/value heads (GQA, MQA)
	HeadDim            uint32   // per head
	Intermediate       uint32   // MLP width
	Vocab              uint32   // vocabulary size
	Mlp                Mlp      // gated or plain
	Norm               Norm     // RMS or layer norm
	Position           Position // position encoding
	Experts            uint32   // routed experts; 0 = dense
	ExpertsPerToken    uint32   // experts each token is routed to
	ExpertIntermediate uint32   // width of a routed expert
	SharedExperts      uint32   // experts every token uses
	SharedIntermediate uint32   // width of a shared expert
	TiedEmbeddings     uint32   // 1: lm_head shares the embedding
	SlidingWindow      uint32   // 0 = full attention
	MaxContext         uint32   // trained context length; 0 = unknown
	NativeBits         uint32   // released weight width (16 for bf16)
	// GroupCount is the layer groups in Groups that matter (0 = every
	// layer alike).
	GroupCount    uint32
	AttnExtras    uint32 // ROOF_EXTRA_* bits: QK-norm, sinks, output gate
	QLoraRank     uint32 // MLA: query down-projection rank (0 = none)
	KvLoraRank    uint32 // MLA: latent K/V rank
	QkRopeHeadDim uint32 // MLA: rotary part of a query/key head
	QkNopeHeadDim uint32 // MLA: non-rotary part
	VHeadDim      uint32 // MLA: value head width
	SsmHeads      uint32 // Mamba-2 heads
	SsmHeadDim    uint32 // Mamba-2 head width
	SsmState      uint32 // Mamba-2 state size
	SsmGroups     uint32 // Mamba-2 B/C groups
	SsmConv       uint32 // Mamba-2 convolution width
	Groups        [MaxGroups]LayerGroup
	// FormatsSet is the ROOF_MODULE_* bits of the modules whose weight
	// format the model sets; a clear bit follows the workload.
	FormatsSet      uint32
	FormatLayers    uint32 // roof_format: attention, dense MLP, router
	FormatExperts   uint32 // roof_format: routed experts
	FormatEmbedding uint32 // roof_format: embedding
	FormatLmHead    uint32 // roof_format: an untied lm_head
}

// MaxGroups is the most layer groups a model holds (ROOF_MAX_GROUPS).
const MaxGroups = C.ROOF_MAX_GROUPS

// LayerGroup is one group of layers of a model (roof_layer_group).
type LayerGroup struct {
	Layers            uint32 // layers (or pattern repeats) of the group
	Mixer             uint32 // ROOF_MIXER_*
	Window            uint32 // sliding window or chunk
	Mlp               uint32 // ROOF_GROUP_MLP_*
	DenseIntermediate uint32 // dense MLP width for dense groups
}

func modelFromC(r *C.roof_model) (Model, error) {
	mlp, err1 := decodeEnum(r.mlp, 2, "roof_model.mlp")
	norm, err2 := decodeEnum(r.norm, 2, "roof_model.norm")
	pos, err3 := decodeEnum(r.position, 3, "roof_model.position")
	if err := firstError(err1, err2, err3); err != nil {
		return Model{}, err
	}
	return Model{Name: goString(r.name[:]), Source: goString(r.source[:]),
		Hidden: uint32(r.hidden), Layers: uint32(r.layers), Heads: uint32(r.heads),
		KvHeads: uint32(r.kv_heads), HeadDim: uint32(r.head_dim),
		Intermediate: uint32(r.intermediate), Vocab: uint32(r.vocab),
		Mlp: Mlp(mlp), Norm: Norm(norm), Position: Position(pos),
		Experts: uint32(r.experts), ExpertsPerToken: uint32(r.experts_per_token),
		ExpertIntermediate: uint32(r.expert_intermediate), SharedExperts: uint32(r.shared_experts),
		SharedIntermediate: uint32(r.shared_intermediate), TiedEmbeddings: uint32(r.tied_embeddings),
		SlidingWindow: uint32(r.sliding_window), MaxContext: uint32(r.max_context),
		NativeBits: uint32(r.native_bits), GroupCount: uint32(r.group_count),
		AttnExtras: uint32(r.attn_extras),
		QLoraRank:  uint32(r.q_lora_rank), KvLoraRank: uint32(r.kv_lora_rank),
		QkRopeHeadDim: uint32(r.qk_rope_head_dim), QkNopeHeadDim: uint32(r.qk_nope_head_dim),
		VHeadDim: uint32(r.v_head_dim), SsmHeads: uint32(r.ssm_heads),
		SsmHeadDim: uint32(r.ssm_head_dim), SsmState: uint32(r.ssm_state),
		SsmGroups: uint32(r.ssm_groups), SsmConv: uint32(r.ssm_conv),
		Groups: groupsFromC(r), FormatsSet: uint32(r.formats_set),
		FormatLayers: uint32(r.format_layers), FormatExperts: uint32(r.format_experts),
		FormatEmbedding: uint32(r.format_embedding), FormatLmHead: uint32(r.format_lm_head)}, nil
}

func groupsFromC(r *C.roof_model) [MaxGroups]LayerGroup {
	var g [MaxGroups]LayerGroup
	for i := range g {
		c := &r.groups[i]
		g[i] = LayerGroup{uint32(c.layers), uint32(c.mixer), uint32(c.window),
			uint32(c.mlp), uint32(c.dense_intermediate)}
	}
	return g
}

func (m *Model) toC() (C.roof_model, error) {
	var r C.roof_model
	if err := toCArray(m.Name, r.name[:], "Model.Name"); err != nil {
		return r, err
	}
	if err := toCArray(m.Source, r.source[:], "Model.Source"); err != nil {
		return r, err
	}
	r.hidden, r.layers, r.heads = C.uint32_t(m.Hidden), C.uint32_t(m.Layers), C.uint32_t(m.Heads)
	r.kv_heads, r.head_dim = C.uint32_t(m.KvHeads), C.uint32_t(m.HeadDim)
	r.intermediate, r.vocab = C.uint32_t(m.Intermediate), C.uint32_t(m.Vocab)
	r.mlp, r.norm, r.position = C.uint32_t(m.Mlp), C.uint32_t(m.Norm), C.uint32_t(m.Position)
	r.experts, r.experts_per_token = C.uint32_t(m.Experts), C.uint32_t(m.ExpertsPerToken)
	r.expert_intermediate = C.uint32_t(m.ExpertIntermediate)
	r.shared_experts = C.uint32_t(m.SharedExperts)
	r.shared_intermediate = C.uint32_t(m.SharedIntermediate)
	r.tied_embeddings = C.uint32_t(m.TiedEmbeddings)
	r.sliding_window, r.max_context = C.uint32_t(m.SlidingWindow), C.uint32_t(m.MaxContext)
	r.native_bits = C.uint32_t(m.NativeBits)
	r.group_count = C.uint32_t(m.GroupCount)
	r.attn_extras = C.uint32_t(m.AttnExtras)
	r.q_lora_rank, r.kv_lora_rank = C.uint32_t(m.QLoraRank), C.uint32_t(m.KvLoraRank)
	r.qk_rope_head_dim = C.uint32_t(m.QkRopeHeadDim)
	r.qk_nope_head_dim = C.uint32_t(m.QkNopeHeadDim)
	r.v_head_dim, r.ssm_heads = C.uint32_t(m.VHeadDim), C.uint32_t(m.SsmHeads)
	r.ssm_head_dim, r.ssm_state = C.uint32_t(m.SsmHeadDim), C.uint32_t(m.SsmState)
	r.ssm_groups, r.ssm_conv = C.uint32_t(m.SsmGroups), C.uint32_t(m.SsmConv)
	r.formats_set, r.format_layers = C.uint32_t(m.FormatsSet), C.uint32_t(m.FormatLayers)
	r.format_experts = C.uint32_t(m.FormatExperts)
	r.format_embedding, r.format_lm_head = C.uint32_t(m.FormatEmbedding), C.uint32_t(m.FormatLmHead)
	for i, g := range m.Groups {
		c := &r.groups[i]
		c.layers, c.mixer, c.window = C.uint32_t(g.Layers), C.uint32_t(g.Mixer), C.uint32_t(g.Window)
		c.mlp, c.dense_intermediate = C.uint32_t(g.Mlp), C.uint32_t(g.DenseIntermediate)
	}
	return r, nil
}

// ModelParams is a model's parameter counts (roof_model_params).
type ModelParams struct {
	Embedding      float64 // token embedding
	PerLayer       float64 // attention + MLP (all experts) + norms
	ActivePerLayer float64 // per token: top-k + shared experts only
	LmHead         float64 // 0 when tied to the embedding
	Total          float64 // every parameter
	Active         float64 // the parameters one token uses
}

func modelParamsFromC(r *C.roof_model_params) ModelParams {
	return ModelParams{Embedding: float64(r.embedding), PerLayer: float64(r.per_layer),
		ActivePerLayer: float64(r.active_per_layer), LmHead: float64(r.lm_head),
		Total: float64(r.total), Active: float64(r.active)}
}

// Workload is one step of work (roof_workload): every sequence of the batch
// feeds NewTokens tokens with CachedTokens already in its KV cache.
type Workload struct {
	Batch          uint32    // sequences
	NewTokens      uint32    // per sequence
	CachedTokens   uint32    // per sequence
	WeightBits     uint32    // 16 for fp16/bf16 weights
	ActivationBits uint32    // bits per activation
	KvBits         uint32    // bits per KV cache entry
	QuantGroup     uint32    // weights per scale; 0 = no scales
	ScaleBits      uint32    // bits per group (scale + zero point)
	Attention      Attention // unfused or fused
	Precision      Precision // precision the matmuls run at
	TensorParallel uint32    // devices sharing each layer
}

func workloadFromC(r *C.roof_workload) (Workload, error) {
	attn, err1 := decodeEnum(r.attention, 2, "roof_workload.attention")
	prec, err2 := decodeEnum(r.precision, PrecisionCount, "roof_workload.precision")
	if err := firstError(err1, err2); err != nil {
		return Workload{}, err
	}
	return Workload{Batch: uint32(r.batch), NewTokens: uint32(r.new_tokens),
		CachedTokens: uint32(r.cached_tokens), WeightBits: uint32(r.weight_bits),
		ActivationBits: uint32(r.activation_bits), KvBits: uint32(r.kv_bits),
		QuantGroup: uint32(r.quant_group), ScaleBits: uint32(r.scale_bits),
		Attention: Attention(attn), Precision: Precision(prec),
		TensorParallel: uint32(r.tensor_parallel)}, nil
}

func (w *Workload) toC() C.roof_workload {
	return C.roof_workload{batch: C.uint32_t(w.Batch), new_tokens: C.uint32_t(w.NewTokens),
		cached_tokens: C.uint32_t(w.CachedTokens), weight_bits: C.uint32_t(w.WeightBits),
		activation_bits: C.uint32_t(w.ActivationBits), kv_bits: C.uint32_t(w.KvBits),
		quant_group: C.uint32_t(w.QuantGroup), scale_bits: C.uint32_t(w.ScaleBits),
		attention: C.uint32_t(w.Attention), precision: C.uint32_t(w.Precision),
		tensor_parallel: C.uint32_t(w.TensorParallel)}
}

// Op is one operator of one step, per device (roof_op).  Bytes = weight +
// activation + KV bytes read and written; CommBytes cross the
// interconnect instead.
type Op struct {
	ID            OpID      // which operator
	OpClass       OpClass   // what kind of work
	Scope         Scope     // once per layer or once per step
	Precision     Precision // precision its roofline used
	Flops         float64
	Bytes         float64
	WeightBytes   float64
	ActReadBytes  float64
	ActWriteBytes float64
	KvReadBytes   float64
	KvWriteBytes  float64
	CommBytes     float64
	GemmM         float64 // GEMM shape for matmuls, else 0
	GemmN         float64
	GemmK         float64
	GemmBatch     float64
	Roofline      Roofline // on the device given
	// ExpectedSeconds is the calibrated time model's prediction.
	ExpectedSeconds float64
	Group           uint32 // layer group the operator belongs to
}

func opFromC(r *C.roof_op) (Op, error) {
	id, err1 := decodeEnum(r.id, OpCount, "roof_op.id")
	class, err2 := decodeEnum(r.op_class, 6, "roof_op.op_class")
	scope, err3 := decodeEnum(r.scope, 2, "roof_op.scope")
	prec, err4 := decodeEnum(r.precision, PrecisionCount, "roof_op.precision")
	roof, err5 := rooflineFromC(&r.roofline)
	if err := firstError(err1, err2, err3, err4, err5); err != nil {
		return Op{}, err
	}
	return Op{ID: OpID(id), OpClass: OpClass(class), Scope: Scope(scope),
		Precision: Precision(prec), Flops: float64(r.flops), Bytes: float64(r.bytes),
		WeightBytes: float64(r.weight_bytes), ActReadBytes: float64(r.act_read_bytes),
		ActWriteBytes: float64(r.act_write_bytes), KvReadBytes: float64(r.kv_read_bytes),
		KvWriteBytes: float64(r.kv_write_bytes), CommBytes: float64(r.comm_bytes),
		GemmM: float64(r.gemm_m), GemmN: float64(r.gemm_n), GemmK: float64(r.gemm_k),
		GemmBatch: float64(r.gemm_batch), Roofline: roof,
		ExpectedSeconds: float64(r.expected_seconds), Group: uint32(r.group)}, nil
}

// Sum is the sums over a set of operators (roof_sum).
type Sum struct {
	Flops          float64
	Bytes          float64
	WeightBytes    float64
	ActBytes       float64 // read + written
	KvBytes        float64 // read + written
	CommBytes      float64
	ComputeSeconds float64 // sum of the operators' compute bounds
	MemorySeconds  float64 // sum of the memory bounds
	CommSeconds    float64 // interconnect time
	Seconds        float64 // sum of the operators' time bounds
	// ExpectedSeconds sums the operators' expected (calibrated) times.
	ExpectedSeconds float64
	BoundSeconds    [4]float64 // seconds per Bound
	Bound           Bound      // the bound with the most seconds
	DominantOp      OpID       // the slowest operator
}

func sumFromC(r *C.roof_sum) (Sum, error) {
	b, err1 := decodeEnum(r.bound, 4, "roof_sum.bound")
	op, err2 := decodeEnum(r.dominant_op, OpCount, "roof_sum.dominant_op")
	if err := firstError(err1, err2); err != nil {
		return Sum{}, err
	}
	s := Sum{Flops: float64(r.flops), Bytes: float64(r.bytes),
		WeightBytes: float64(r.weight_bytes), ActBytes: float64(r.act_bytes),
		KvBytes: float64(r.kv_bytes), CommBytes: float64(r.comm_bytes),
		ComputeSeconds: float64(r.compute_seconds), MemorySeconds: float64(r.memory_seconds),
		CommSeconds: float64(r.comm_seconds), Seconds: float64(r.seconds),
		ExpectedSeconds: float64(r.expected_seconds), Bound: Bound(b), DominantOp: OpID(op)}
	for i := range s.BoundSeconds {
		s.BoundSeconds[i] = float64(r.bound_seconds[i])
	}
	return s, nil
}

// Totals is one layer, and the whole model: layers x layer + embed, final
// norm and lm_head (roof_totals).
type Totals struct {
	Layer Sum
	Model Sum
	// OverheadSeconds is the calibration profile's per-step engine time,
	// not in Model.ExpectedSeconds.
	OverheadSeconds float64
}

func totalsFromC(r *C.roof_totals) (Totals, error) {
	layer, err1 := sumFromC(&r.layer)
	model, err2 := sumFromC(&r.model)
	return Totals{Layer: layer, Model: model, OverheadSeconds: float64(r.overhead_seconds)},
		firstError(err1, err2)
}

// Request is batch x (prompt, then generated tokens) (roof_request).
type Request struct {
	Workload          Workload // NewTokens and CachedTokens are ignored
	PromptTokens      uint32
	GenTokens         uint32
	PipelineParallel  uint32     // pipeline stages
	Microbatches      uint32     // microbatches through the pipeline
	Efficiency        Efficiency // applied to every step
	ActivationReserve float64    // fraction of memory kept free
}

func requestFromC(r *C.roof_request) (Request, error) {
	w, err := workloadFromC(&r.workload)
	return Request{Workload: w, PromptTokens: uint32(r.prompt_tokens),
		GenTokens: uint32(r.gen_tokens), PipelineParallel: uint32(r.pipeline_parallel),
		Microbatches: uint32(r.microbatches), Efficiency: efficiencyFromC(&r.efficiency),
		ActivationReserve: float64(r.activation_reserve)}, err
}

func (q *Request) toC() C.roof_request {
	return C.roof_request{workload: q.Workload.toC(), prompt_tokens: C.uint32_t(q.PromptTokens),
		gen_tokens: C.uint32_t(q.GenTokens), pipeline_parallel: C.uint32_t(q.PipelineParallel),
		microbatches: C.uint32_t(q.Microbatches), efficiency: q.Efficiency.toC(),
		activation_reserve: C.double(q.ActivationReserve)}
}

// Memory is memory on one device, in bytes (roof_memory).
type Memory struct {
	WeightBytes     float64
	KvBytes         float64
	ActivationBytes float64
	TotalBytes      float64
	CapacityBytes   float64 // usable: memory x (1 - reserve)
	Fits            bool    // total <= capacity
}

func memoryFromC(r *C.roof_memory) Memory {
	return Memory{WeightBytes: float64(r.weight_bytes), KvBytes: float64(r.kv_bytes),
		ActivationBytes: float64(r.activation_bytes), TotalBytes: float64(r.total_bytes),
		CapacityBytes: float64(r.capacity_bytes), Fits: r.fits != 0}
}

// Estimate is the model-level answers for a request (roof_estimate).
type Estimate struct {
	TtftSeconds              float64 // time to first token
	TpotSeconds              float64 // mean time per output token
	FirstTpotSeconds         float64 // the first decode step
	LastTpotSeconds          float64 // the last decode step
	DecodeSeconds            float64 // every decode step
	E2eSeconds               float64 // ttft + decode
	TokensPerSPerSeq         float64 // gen_tokens / e2e
	TokensPerS               float64 // batch x gen_tokens / e2e
	DecodeTokensPerS         float64 // batch / tpot, in steady decode
	AllreduceSecondsPerLayer float64 // tensor-parallel communication
	PipelineBubbleFraction   float64 // (p-1)/(m+p-1); 0 without pipeline parallelism
	Memory                   Memory
	MaxBatch                 uint32 // largest batch that fits
	MaxContext               uint32 // longest context that fits
	PrefillBound             Bound
	DecodeBound              Bound
	PrefillDominantOp        OpID
	DecodeDominantOp         OpID
	// The same answers from the calibrated time model, with the per-step
	// engine overhead.
	ExpectedTtftSeconds      float64
	ExpectedTpotSeconds      float64
	ExpectedE2eSeconds       float64
	ExpectedTokensPerS       float64
	ExpectedDecodeTokensPerS float64
	OverheadSeconds          float64
}

func estimateFromC(r *C.roof_estimate) (Estimate, error) {
	pb, err1 := decodeEnum(r.prefill_bound, 4, "roof_estimate.prefill_bound")
	db, err2 := decodeEnum(r.decode_bound, 4, "roof_estimate.decode_bound")
	po, err3 := decodeEnum(r.prefill_dominant_op, OpCount, "roof_estimate.prefill_dominant_op")
	do, err4 := decodeEnum(r.decode_dominant_op, OpCount, "roof_estimate.decode_dominant_op")
	if err := firstError(err1, err2, err3, err4); err != nil {
		return Estimate{}, err
	}
	return Estimate{TtftSeconds: float64(r.ttft_seconds), TpotSeconds: float64(r.tpot_seconds),
		FirstTpotSeconds: float64(r.first_tpot_seconds), LastTpotSeconds: float64(r.last_tpot_seconds),
		DecodeSeconds: float64(r.decode_seconds), E2eSeconds: float64(r.e2e_seconds),
		TokensPerSPerSeq: float64(r.tokens_per_s_per_seq), TokensPerS: float64(r.tokens_per_s),
		DecodeTokensPerS:         float64(r.decode_tokens_per_s),
		AllreduceSecondsPerLayer: float64(r.allreduce_seconds_per_layer),
		PipelineBubbleFraction:   float64(r.pipeline_bubble_fraction),
		Memory:                   memoryFromC(&r.memory), MaxBatch: uint32(r.max_batch),
		MaxContext: uint32(r.max_context), PrefillBound: Bound(pb), DecodeBound: Bound(db),
		PrefillDominantOp: OpID(po), DecodeDominantOp: OpID(do),
		ExpectedTtftSeconds:      float64(r.expected_ttft_seconds),
		ExpectedTpotSeconds:      float64(r.expected_tpot_seconds),
		ExpectedE2eSeconds:       float64(r.expected_e2e_seconds),
		ExpectedTokensPerS:       float64(r.expected_tokens_per_s),
		ExpectedDecodeTokensPerS: float64(r.expected_decode_tokens_per_s),
		OverheadSeconds:          float64(r.overhead_seconds)}, nil
}

// ScalingPoint is one point of a tensor-parallel sweep
// (roof_scaling_point).
type ScalingPoint struct {
	TensorParallel   uint32
	PipelineParallel uint32
	Devices          uint32 // tensor x pipeline
	Fits             bool   // the model fits in the devices' memory
	TtftSeconds      float64
	TpotSeconds      float64
	TokensPerS       float64
	Speedup          float64 // tpot on 1 device / tpot; 0 if 1 does not fit
	Efficiency       float64 // speedup / devices
	// The calibrated counterparts (see Estimate).
	ExpectedTtftSeconds float64
	ExpectedTpotSeconds float64
	ExpectedTokensPerS  float64
	ExpectedSpeedup     float64
}

func scalingPointFromC(r *C.roof_scaling_point) ScalingPoint {
	return ScalingPoint{TensorParallel: uint32(r.tensor_parallel),
		PipelineParallel: uint32(r.pipeline_parallel), Devices: uint32(r.devices),
		Fits: r.fits != 0, TtftSeconds: float64(r.ttft_seconds), TpotSeconds: float64(r.tpot_seconds),
		TokensPerS: float64(r.tokens_per_s), Speedup: float64(r.speedup),
		Efficiency: float64(r.efficiency), ExpectedTtftSeconds: float64(r.expected_ttft_seconds),
		ExpectedTpotSeconds: float64(r.expected_tpot_seconds),
		ExpectedTokensPerS:  float64(r.expected_tokens_per_s),
		ExpectedSpeedup:     float64(r.expected_speedup)}
}

// Kernel is one measured kernel (roof_kernel).
type Kernel struct {
	Name    string
	Flops   float64
	Bytes   float64
	Seconds float64
}

func kernelFromC(r *C.roof_kernel) Kernel {
	return Kernel{Name: goString(r.name[:]), Flops: float64(r.flops),
		Bytes: float64(r.bytes), Seconds: float64(r.seconds)}
}

// parseLocationFromC mirrors roof_parse_error as ParseLocation (errors.go).
func parseLocationFromC(r *C.roof_parse_error) *ParseLocation {
	return &ParseLocation{Line: uint32(r.line), Column: uint32(r.column),
		Offset: uint64(r.offset), Message: goString(r.message[:])}
}

// ChartCeiling is a roof on a chart (roof_chart_ceiling).
type ChartCeiling struct {
	Label string      // "": the value with an SI prefix ("768GB/s")
	Value float64     // FLOP/s (compute) or B/s (memory)
	Kind  CeilingKind // a FLOP/s line or a B/s slope
	Color uint32      // 0xRRGGBB; ColorAuto takes the palette's next colour
}

// Series is points on a chart: x in FLOP/byte, y in FLOP/s (roof_series).
type Series struct {
	Label        string
	FlopsPerByte []float64 // x
	FlopsPerS    []float64 // y, as many as x
	Color        uint32    // 0xRRGGBB; ColorAuto takes the palette's next colour
	Marker       Marker
}

// Chart is a roofline chart (roof_chart); Chart.SVG renders it.
type Chart struct {
	Title     string // "": none
	Ceilings  []ChartCeiling
	Series    []Series
	XMin      float64 // FLOP/byte; XMin = XMax = 0: automatic
	XMax      float64
	YMin      float64 // FLOP/s; YMin = YMax = 0: automatic
	YMax      float64
	WidthPx   uint32 // 0 x 0: 960 x 640
	HeightPx  uint32
	RidgeLine bool // draw the ridge point's vertical line
}

// ColorAuto asks for the palette's next colour (ROOF_COLOR_AUTO).
const ColorAuto = uint32(C.ROOF_COLOR_AUTO)

// firstError is the first non-nil error.
func firstError(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
