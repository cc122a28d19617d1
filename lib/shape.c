/* The shape of a model on one device: the parts that are not on the hot
 * path of roof_ops and roof_step (those are inline, in shape-priv.h).
 * docs/model.md, "Tensor parallelism", derives them. */
#include "shape-priv.h"

double roof__shape_layer_bytes(const roof__shape *s, double wq, double ab)
{
    return roof__shape_layer_matrices(s, s->experts) * wq
           + s->layer_norm_params * ab;
}

double roof__shape_kv_bytes_per_token(const roof__shape *s, double layers,
                                      double kb)
{
    return layers * s->kv_elems_per_token * kb;
}
