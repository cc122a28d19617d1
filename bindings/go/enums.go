package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

import "fmt"

// Precision is the numeric precision of a device's peak (enum
// roof_precision).
type Precision uint32

// The precisions, in the order of the C enum.
const (
	FP64 Precision = C.ROOF_FP64
	FP32 Precision = C.ROOF_FP32
	TF32 Precision = C.ROOF_TF32
	FP16 Precision = C.ROOF_FP16
	BF16 Precision = C.ROOF_BF16
	FP8  Precision = C.ROOF_FP8
	INT8 Precision = C.ROOF_INT8
	INT4 Precision = C.ROOF_INT4
)

// PrecisionCount is the number of precisions (ROOF_PRECISION_COUNT).
const PrecisionCount = C.ROOF_PRECISION_COUNT

// String is "fp16", "bf16", ...; "precision(N)" for a value unknown to the
// library.
func (p Precision) String() string {
	return staticName(C.roof_precision_name(C.uint32_t(p)), "precision", uint32(p))
}

// PrecisionFromName is the case-insensitive inverse of Precision.String.
func PrecisionFromName(name string) (Precision, error) {
	c, err := cString(name, "roof_precision_from_name")
	if err != nil {
		return 0, err
	}
	var v C.uint32_t
	if err := check(C.roof_precision_from_name(&c[0], &v), "roof_precision_from_name"); err != nil {
		return 0, err
	}
	return Precision(v), nil
}

// Bound is what bounds a kernel's time (enum roof_bound).
type Bound uint32

// The bounds, in the order of the C enum.
const (
	BoundNone         Bound = C.ROOF_BOUND_NONE
	BoundMemory       Bound = C.ROOF_BOUND_MEMORY
	BoundCompute      Bound = C.ROOF_BOUND_COMPUTE
	BoundInterconnect Bound = C.ROOF_BOUND_INTERCONNECT
)

// String is "memory", "compute", "interconnect" or "none".
func (b Bound) String() string {
	return staticName(C.roof_bound_name(C.uint32_t(b)), "bound", uint32(b))
}

// OpID is an operator's identity (enum roof_op_id).
type OpID uint32

// The operators, in the order of the C enum.
const (
	OpEmbed          OpID = C.ROOF_OP_EMBED
	OpAttnNorm       OpID = C.ROOF_OP_ATTN_NORM
	OpQProj          OpID = C.ROOF_OP_Q_PROJ
	OpKProj          OpID = C.ROOF_OP_K_PROJ
	OpVProj          OpID = C.ROOF_OP_V_PROJ
	OpRope           OpID = C.ROOF_OP_ROPE
	OpQKMatmul       OpID = C.ROOF_OP_QK_MATMUL
	OpSoftmax        OpID = C.ROOF_OP_SOFTMAX
	OpPVMatmul       OpID = C.ROOF_OP_PV_MATMUL
	OpAttention      OpID = C.ROOF_OP_ATTENTION
	OpOProj          OpID = C.ROOF_OP_O_PROJ
	OpAttnAdd        OpID = C.ROOF_OP_ATTN_ADD
	OpMlpNorm        OpID = C.ROOF_OP_MLP_NORM
	OpRouter         OpID = C.ROOF_OP_ROUTER
	OpGateProj       OpID = C.ROOF_OP_GATE_PROJ
	OpUpProj         OpID = C.ROOF_OP_UP_PROJ
	OpAct            OpID = C.ROOF_OP_ACT
	OpDownProj       OpID = C.ROOF_OP_DOWN_PROJ
	OpExpertGateProj OpID = C.ROOF_OP_EXPERT_GATE_PROJ
	OpExpertUpProj   OpID = C.ROOF_OP_EXPERT_UP_PROJ
	OpExpertAct      OpID = C.ROOF_OP_EXPERT_ACT
	OpExpertDownProj OpID = C.ROOF_OP_EXPERT_DOWN_PROJ
	OpMlpAdd         OpID = C.ROOF_OP_MLP_ADD
	OpAllreduce      OpID = C.ROOF_OP_ALLREDUCE
	OpFinalNorm      OpID = C.ROOF_OP_FINAL_NORM
	OpLmHead         OpID = C.ROOF_OP_LM_HEAD
)

// OpCount is the number of operator identities (ROOF_OP_COUNT); MaxOps,
// the most operators one step has (ROOF_MAX_OPS).
const (
	OpCount = C.ROOF_OP_COUNT
	MaxOps  = C.ROOF_MAX_OPS
)

// String is "q_proj", "qk_matmul", ...
func (id OpID) String() string {
	return staticName(C.roof_op_name(C.uint32_t(id)), "op", uint32(id))
}

// OpClass is what kind of work an operator is (enum roof_op_class).
type OpClass uint32

// The operator classes, in the order of the C enum.
const (
	ClassAttnProj    OpClass = C.ROOF_CLASS_ATTN_PROJ
	ClassMlpProj     OpClass = C.ROOF_CLASS_MLP_PROJ
	ClassAttnMatmul  OpClass = C.ROOF_CLASS_ATTN_MATMUL
	ClassElementwise OpClass = C.ROOF_CLASS_ELEMENTWISE
	ClassComm        OpClass = C.ROOF_CLASS_COMM
	ClassEmbed       OpClass = C.ROOF_CLASS_EMBED
)

// Scope says whether an operator runs once per layer or once per step
// (enum roof_op_scope).
type Scope uint32

// The scopes.
const (
	ScopeLayer Scope = C.ROOF_SCOPE_LAYER // counted `layers` times
	ScopeModel Scope = C.ROOF_SCOPE_MODEL // once per step: embed, final_norm, lm_head
)

// Attention is attention as three kernels or one fused one (enum
// roof_attention_kind).
type Attention uint32

// The attention kinds.
const (
	AttentionUnfused Attention = C.ROOF_ATTN_UNFUSED
	AttentionFused   Attention = C.ROOF_ATTN_FUSED
)

// Mlp is a model's MLP kind (enum roof_mlp_kind).
type Mlp uint32

// The MLP kinds.
const (
	MlpGated Mlp = C.ROOF_MLP_GATED
	MlpPlain Mlp = C.ROOF_MLP_PLAIN
)

// Norm is a model's normalisation kind (enum roof_norm_kind).
type Norm uint32

// The normalisation kinds.
const (
	NormRMS   Norm = C.ROOF_NORM_RMS
	NormLayer Norm = C.ROOF_NORM_LAYER
)

// Position is a model's position encoding (enum roof_position_kind).
type Position uint32

// The position encodings.
const (
	PositionRope    Position = C.ROOF_POS_ROPE
	PositionLearned Position = C.ROOF_POS_LEARNED
	PositionNone    Position = C.ROOF_POS_NONE
)

// Marker is a chart marker (enum roof_marker).
type Marker uint32

// The markers.
const (
	MarkerCross    Marker = C.ROOF_MARKER_CROSS
	MarkerCircle   Marker = C.ROOF_MARKER_CIRCLE
	MarkerSquare   Marker = C.ROOF_MARKER_SQUARE
	MarkerTriangle Marker = C.ROOF_MARKER_TRIANGLE
	MarkerPlus     Marker = C.ROOF_MARKER_PLUS
)

// CeilingKind says whether a chart roof is a FLOP/s line or a B/s slope.
type CeilingKind uint32

// The chart roof kinds.
const (
	CeilingCompute CeilingKind = C.ROOF_CEILING_COMPUTE
	CeilingMemory  CeilingKind = C.ROOF_CEILING_MEMORY
)

// staticName is a name-table string of the library; "kind(N)" when the
// library answers NULL for an unknown value.
func staticName(p *C.char, kind string, v uint32) string {
	if p == nil {
		return fmt.Sprintf("%s(%d)", kind, v)
	}
	return C.GoString(p)
}

// decodeEnum refuses a C enum value the binding does not know.
func decodeEnum(v C.uint32_t, count uint32, what string) (uint32, error) {
	if uint32(v) >= count {
		return 0, bindingError(ErrInvalid, what,
			fmt.Sprintf("value %d unknown to this binding", uint32(v)))
	}
	return uint32(v), nil
}
