/* The names of the library's enums, in one place.  Every table is indexed
 * by its enum with designated initializers, and its length is checked at
 * compile time against the enum's count: an enum constant added without
 * its name does not build.  tests/names.c checks that no entry is left
 * out in the middle (a NULL) and that every name reads back. */
#include "names-priv.h"
#include "util.h"

const char *const roof__op_names[] = {
    [ROOF_OP_EMBED] = "embed",
    [ROOF_OP_ATTN_NORM] = "attn_norm",
    [ROOF_OP_Q_PROJ] = "q_proj",
    [ROOF_OP_K_PROJ] = "k_proj",
    [ROOF_OP_V_PROJ] = "v_proj",
    [ROOF_OP_ROPE] = "rope",
    [ROOF_OP_QK_MATMUL] = "qk_matmul",
    [ROOF_OP_SOFTMAX] = "softmax",
    [ROOF_OP_PV_MATMUL] = "pv_matmul",
    [ROOF_OP_ATTENTION] = "attention",
    [ROOF_OP_O_PROJ] = "o_proj",
    [ROOF_OP_ATTN_ADD] = "attn_add",
    [ROOF_OP_MLP_NORM] = "mlp_norm",
    [ROOF_OP_ROUTER] = "router",
    [ROOF_OP_GATE_PROJ] = "gate_proj",
    [ROOF_OP_UP_PROJ] = "up_proj",
    [ROOF_OP_ACT] = "act",
    [ROOF_OP_DOWN_PROJ] = "down_proj",
    [ROOF_OP_EXPERT_GATE_PROJ] = "expert_gate_proj",
    [ROOF_OP_EXPERT_UP_PROJ] = "expert_up_proj",
    [ROOF_OP_EXPERT_ACT] = "expert_act",
    [ROOF_OP_EXPERT_DOWN_PROJ] = "expert_down_proj",
    [ROOF_OP_MLP_ADD] = "mlp_add",
    [ROOF_OP_ALLREDUCE] = "allreduce",
    [ROOF_OP_FINAL_NORM] = "final_norm",
    [ROOF_OP_LM_HEAD] = "lm_head",
    [ROOF_OP_Q_A_PROJ] = "q_a_proj",
    [ROOF_OP_KV_A_PROJ] = "kv_a_proj",
    [ROOF_OP_KV_B_PROJ] = "kv_b_proj",
    [ROOF_OP_Q_ABSORB] = "q_absorb",
    [ROOF_OP_O_ABSORB] = "o_absorb",
    [ROOF_OP_SSM_IN_PROJ] = "ssm_in_proj",
    [ROOF_OP_SSM_CONV] = "ssm_conv",
    [ROOF_OP_SSM_SCAN] = "ssm_scan",
    [ROOF_OP_SSM_NORM] = "ssm_norm",
    [ROOF_OP_SSM_OUT_PROJ] = "ssm_out_proj",
    [ROOF_OP_QK_NORM] = "qk_norm",
    [ROOF_OP_ATTN_GATE] = "attn_gate",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(roof__op_names) == ROOF_OP_COUNT,
                    op_names_len);

const uint8_t roof__op_classes[] = {
    [ROOF_OP_EMBED] = ROOF_CLASS_EMBED,
    [ROOF_OP_ATTN_NORM] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_Q_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_K_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_V_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_ROPE] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_QK_MATMUL] = ROOF_CLASS_ATTN_MATMUL,
    [ROOF_OP_SOFTMAX] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_PV_MATMUL] = ROOF_CLASS_ATTN_MATMUL,
    [ROOF_OP_ATTENTION] = ROOF_CLASS_ATTN_MATMUL,
    [ROOF_OP_O_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_ATTN_ADD] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_MLP_NORM] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_ROUTER] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_GATE_PROJ] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_UP_PROJ] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_ACT] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_DOWN_PROJ] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_EXPERT_GATE_PROJ] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_EXPERT_UP_PROJ] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_EXPERT_ACT] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_EXPERT_DOWN_PROJ] = ROOF_CLASS_MLP_PROJ,
    [ROOF_OP_MLP_ADD] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_ALLREDUCE] = ROOF_CLASS_COMM,
    [ROOF_OP_FINAL_NORM] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_LM_HEAD] = ROOF_CLASS_EMBED,
    [ROOF_OP_Q_A_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_KV_A_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_KV_B_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_Q_ABSORB] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_O_ABSORB] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_SSM_IN_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_SSM_CONV] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_SSM_SCAN] = ROOF_CLASS_ATTN_MATMUL,
    [ROOF_OP_SSM_NORM] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_SSM_OUT_PROJ] = ROOF_CLASS_ATTN_PROJ,
    [ROOF_OP_QK_NORM] = ROOF_CLASS_ELEMENTWISE,
    [ROOF_OP_ATTN_GATE] = ROOF_CLASS_ATTN_PROJ,
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(roof__op_classes) == ROOF_OP_COUNT,
                    op_classes_len);

#define CLASS_COUNT (ROOF_CLASS_EMBED + 1)
static const char *const class_names[] = {
    [ROOF_CLASS_ATTN_PROJ] = "attn_proj",
    [ROOF_CLASS_MLP_PROJ] = "mlp_proj",
    [ROOF_CLASS_ATTN_MATMUL] = "attn_matmul",
    [ROOF_CLASS_ELEMENTWISE] = "elementwise",
    [ROOF_CLASS_COMM] = "comm",
    [ROOF_CLASS_EMBED] = "embed",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(class_names) == CLASS_COUNT,
                    class_names_len);

static const char *const mlp_names[] = {
    [ROOF_MLP_GATED] = "gated",
    [ROOF_MLP_PLAIN] = "plain",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(mlp_names) == ROOF_MLP_PLAIN + 1,
                    mlp_names_len);

static const char *const norm_names[] = {
    [ROOF_NORM_RMS] = "rms",
    [ROOF_NORM_LAYER] = "layer",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(norm_names) == ROOF_NORM_LAYER + 1,
                    norm_names_len);

static const char *const position_names[] = {
    [ROOF_POS_ROPE] = "rope",
    [ROOF_POS_LEARNED] = "learned",
    [ROOF_POS_NONE] = "none",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(position_names) == ROOF_POS_NONE + 1,
                    position_names_len);

static const char *const bound_names[] = {
    [ROOF_BOUND_NONE] = "none",
    [ROOF_BOUND_MEMORY] = "memory",
    [ROOF_BOUND_COMPUTE] = "compute",
    [ROOF_BOUND_INTERCONNECT] = "interconnect",
};
ROOF__STATIC_ASSERT(ROOF_ARRAY_LEN(bound_names) == ROOF_BOUND_INTERCONNECT + 1,
                    bound_names_len);

static const char *name_of(const char *const *names, uint32_t n, uint32_t v)
{
    return v < n ? names[v] : NULL;
}

static int from_name(const char *const *names, uint32_t n, const char *name,
                     uint32_t *out)
{
    if (name == NULL || out == NULL)
        return ROOF_E_NULL;
    for (uint32_t v = 0; v < n; v++) {
        ROOF__ASSERT(names[v] != NULL);
        if (roof__name_eq(name, names[v])) {
            *out = v;
            return ROOF_OK;
        }
    }
    return ROOF_E_NOT_FOUND;
}

#define NAMES(fn, table)                                                    \
    const char *fn##_name(uint32_t v)                                       \
    {                                                                       \
        return name_of(table, ROOF_ARRAY_LEN(table), v);                    \
    }                                                                       \
    int fn##_from_name(const char *name, uint32_t *out)                     \
    {                                                                       \
        return from_name(table, ROOF_ARRAY_LEN(table), name, out);          \
    }

NAMES(roof_op_class, class_names)
NAMES(roof_mlp_kind, mlp_names)
NAMES(roof_norm_kind, norm_names)
NAMES(roof_position_kind, position_names)

const char *roof_bound_name(uint32_t bound)
{
    return name_of(bound_names, ROOF_ARRAY_LEN(bound_names), bound);
}

int roof_bound_from_name(const char *name, uint32_t *out)
{
    return from_name(bound_names, ROOF_ARRAY_LEN(bound_names), name, out);
}

const char *roof_op_name(uint32_t id)
{
    return name_of(roof__op_names, ROOF_OP_COUNT, id);
}

int roof_op_from_name(const char *name, uint32_t *out)
{
    return from_name(roof__op_names, ROOF_OP_COUNT, name, out);
}
