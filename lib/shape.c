/* The shape of a model on one device: the parts that are not on the hot
 * path of roof_ops and roof_step (those are inline, in shape-priv.h).
 * docs/model.md, "Tensor parallelism", derives them. */
#include "shape-priv.h"

#include <string.h>

/* Bytes per weight of module `bit` at its format, when the model sets
 * one; else `fallback`. */
static double module_bytes(const roof_model *m, uint32_t bit,
                           uint32_t format, double fallback)
{
    double bits = 0.0;
    if ((m->formats_set & bit) == 0)
        return fallback;
    (void)roof_format_bits_per_weight(format, &bits); /* validated */
    return bits * 0.125;
}

void roof__shape_wbytes(const roof_model *m, const roof_workload *w,
                        roof__wbytes *out)
{
    double wq = w->weight_bits * 0.125;
    if (w->quant_group > 0)
        wq += w->scale_bits * 0.125 / w->quant_group;
    /* Quantizers leave the two ends in 16 bits (model.h). */
    const double ends = w->weight_bits < 16 ? 2.0 : w->weight_bits * 0.125;
    out->layers = module_bytes(m, ROOF_MODULE_LAYERS, m->format_layers, wq);
    out->experts = module_bytes(m, ROOF_MODULE_EXPERTS, m->format_experts,
                                wq);
    out->embed = module_bytes(m, ROOF_MODULE_EMBEDDING, m->format_embedding,
                              ends);
    out->head = m->tied_embeddings
                    ? out->embed
                    : module_bytes(m, ROOF_MODULE_LM_HEAD, m->format_lm_head,
                                   ends);
}

double roof__shape_layer_bytes(const roof__shape *s, const roof__wbytes *wb,
                               double ab)
{
    return roof__shape_layer_matrices(s, 0.0) * wb->layers
           + s->experts * s->expert_params * wb->experts
           + s->layer_norm_params * ab;
}

double roof__shape_kv_bytes_per_token(const roof__shape *s, double layers,
                                      double kb)
{
    return layers * s->kv_elems_per_token * kb;
}

uint32_t roof__shape_group_count(const roof_model *m)
{
    return m->group_count > 0 ? m->group_count : 1u;
}

roof_layer_group roof__shape_group(const roof_model *m, uint32_t g)
{
    if (m->group_count > 0)
        return m->groups[g];
    roof_layer_group all = {0};
    all.layers = m->layers;
    all.mixer = ROOF_MIXER_ATTENTION;
    all.mlp = ROOF_GROUP_MLP_MODEL;
    return all;
}

static void group_mixer(const roof_model *m, const roof__shape *s,
                        const roof_layer_group *g, roof__group_shape *o)
{
    o->mixer = g->mixer != ROOF_MIXER_NONE;
    o->gdn = g->mixer == ROOF_MIXER_GDN;
    o->ssm = g->mixer == ROOF_MIXER_MAMBA2 || o->gdn;
    o->attn = o->mixer && !o->ssm;
    o->chunked = g->mixer == ROOF_MIXER_CHUNKED;
    o->mla = g->mixer == ROOF_MIXER_MLA;
    o->window = g->mixer == ROOF_MIXER_ATTENTION ? m->sliding_window
                                                  : g->window;
    o->matrices = o->mla ? s->mla_attn_params
                  : o->gdn ? s->gdn_matrices
                  : o->ssm ? s->ssm_matrices
                  : o->attn ? s->attn_params : 0.0;
    o->norm_params = (o->mixer ? s->norm_gains : 0.0)
                     + (o->gdn ? s->gdn_norm : o->ssm ? s->ssm_norm : 0.0)
                     + (o->attn && !o->mla ? s->attn_extra_norms : 0.0);
    o->kv_elems_per_token = o->mla ? s->mla_kv_elems
                            : o->attn ? s->kv_elems_per_token : 0.0;
    o->state_elems_per_seq = o->ssm ? s->ssm_state : 0.0;
}

static void group_mlp(const roof__shape *s, const roof_layer_group *g,
                      uint32_t t, roof__group_shape *o)
{
    const double mixer = o->matrices;
    o->mlp = g->mlp != ROOF_GROUP_MLP_NONE;
    o->dense = 0.0;
    o->experts = 0.0;
    if (g->mlp == ROOF_GROUP_MLP_MODEL) {
        o->dense = s->dense;
        o->experts = s->experts;
    } else if (g->mlp == ROOF_GROUP_MLP_DENSE) {
        o->dense = roof__ceil_share(g->dense_intermediate, t);
    }
    const double dense = s->mlp_mats * s->hidden * o->dense;
    const double router = o->experts > 0.0 ? s->router_params : 0.0;
    o->expert_matrices = o->experts * s->expert_params;
    o->matrices = mixer + dense + router + o->expert_matrices;
    o->active_matrices = mixer + dense + router
                         + (o->experts > 0.0 ? s->topk : 0.0)
                           * s->expert_params;
    o->norm_params += o->mlp ? s->norm_gains : 0.0;
}

void roof__shape_group_init(const roof_model *m, const roof__shape *s,
                            uint32_t g, roof__group_shape *out)
{
    const roof_layer_group grp = roof__shape_group(m, g);
    roof__group_shape o;
    o.layers = grp.layers;
    group_mixer(m, s, &grp, &o);
    group_mlp(s, &grp, (uint32_t)s->tp, &o);
    *out = o;
}

static double layers_params(const roof_model *m, const roof__shape *s,
                            int active)
{
    double sum = 0.0;
    for (uint32_t g = 0; g < roof__shape_group_count(m); g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, s, g, &gs);
        sum += gs.layers * ((active ? gs.active_matrices : gs.matrices)
                            + gs.norm_params);
    }
    return sum;
}

void roof__shape_grouped_params(const roof_model *m, double *all,
                                double *active)
{
    roof__shape s;
    if (roof__shape_init(m, 1, &s) != ROOF_OK) { /* one device: allowed */
        *all = *active = 0.0;
        return;
    }
    *all = layers_params(m, &s, 0);
    *active = layers_params(m, &s, 1);
}

double roof__shape_group_bytes(const roof__group_shape *g,
                               const roof__wbytes *wb, double ab)
{
    return (g->matrices - g->expert_matrices) * wb->layers
           + g->expert_matrices * wb->experts + g->norm_params * ab;
}

void roof__shape_model_bytes(const roof_model *m, roof__model_bytes *out)
{
    roof_workload w;
    memset(&w, 0, sizeof w);
    w.weight_bits = m->native_bits > 0 ? m->native_bits : 16;
    roof__wbytes wb;
    roof__shape_wbytes(m, &w, &wb);
    roof__shape s;
    roof__model_bytes b;
    memset(&b, 0, sizeof b);
    if (roof__shape_init(m, 1, &s) != ROOF_OK) { /* one device: allowed */
        *out = b;
        return;
    }
    for (uint32_t g = 0; g < roof__shape_group_count(m); g++) {
        roof__group_shape gs;
        roof__shape_group_init(m, &s, g, &gs);
        b.layers += gs.layers * (gs.matrices - gs.expert_matrices)
                    * wb.layers;
        b.experts += gs.layers * gs.expert_matrices * wb.experts;
        b.norms += gs.layers * gs.norm_params * 2.0;
    }
    b.norms += s.norm_gains * 2.0; /* the final norm */
    b.embedding = s.embed_params * wb.embed;
    b.lm_head = m->tied_embeddings ? 0.0 : s.lm_head_params * wb.head;
    b.total = b.layers + b.experts + b.embedding + b.lm_head + b.norms;
    *out = b;
}
