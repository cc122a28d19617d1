/*
 * The names of the library's enums, one spelling each: what the command
 * line prints, what the bindings show, what JSON and CSV carry.  Every
 * name is lower case with '_' between words ("attn_proj").  The from-name
 * functions accept any case and ignore '-', '_' and ' ' ("attn-proj",
 * "Attn Proj" read as ROOF_CLASS_ATTN_PROJ).  roof_bound_name (common.h)
 * and roof_op_name (ops.h) are the same kind; their tables live with these
 * in lib/names.c.
 */
#ifndef ROOFMODEL_NAMES_H
#define ROOFMODEL_NAMES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Each *_name returns a static NUL-terminated name, or NULL for a value
 * outside its enum.  Each *_from_name writes the value to *out and returns
 * ROOF_OK; ROOF_E_NULL when name or out is NULL; ROOF_E_NOT_FOUND (out
 * untouched) for an unknown name. */

/* enum roof_op_class: "attn_proj", "mlp_proj", "attn_matmul",
 * "elementwise", "comm", "embed". */
ROOF_API const char *roof_op_class_name(uint32_t op_class);
ROOF_API int roof_op_class_from_name(const char *name, uint32_t *out);

/* enum roof_mlp_kind: "gated", "plain". */
ROOF_API const char *roof_mlp_kind_name(uint32_t kind);
ROOF_API int roof_mlp_kind_from_name(const char *name, uint32_t *out);

/* enum roof_norm_kind: "rms", "layer". */
ROOF_API const char *roof_norm_kind_name(uint32_t kind);
ROOF_API int roof_norm_kind_from_name(const char *name, uint32_t *out);

/* enum roof_position_kind: "rope", "learned", "none". */
ROOF_API const char *roof_position_kind_name(uint32_t kind);
ROOF_API int roof_position_kind_from_name(const char *name, uint32_t *out);

/* enum roof_bound, inverse of roof_bound_name: "none", "memory",
 * "compute", "interconnect". */
ROOF_API int roof_bound_from_name(const char *name, uint32_t *out);

/* enum roof_op_id, inverse of roof_op_name: "q_proj" -> ROOF_OP_Q_PROJ. */
ROOF_API int roof_op_from_name(const char *name, uint32_t *out);

#ifdef __cplusplus
}
#endif
#endif
