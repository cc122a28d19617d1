/* roofmodel model list | model show NAME|config.json */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The library's names of the enums; "?" never shows for a valid model. */
static const char *mlp_name(uint32_t k)
{
    const char *s = roof_mlp_kind_name(k);
    return s ? s : "?";
}

static const char *norm_name(uint32_t k)
{
    const char *s = roof_norm_kind_name(k);
    return s ? s : "?";
}

static const char *pos_name(uint32_t k)
{
    const char *s = roof_position_kind_name(k);
    return s ? s : "?";
}

/* The integer fields, in one table so JSON, CSV and text agree. */
#define MODEL_FIELDS(X)                                                       \
    X(hidden) X(layers) X(heads) X(kv_heads) X(head_dim) X(intermediate)     \
    X(vocab) X(experts) X(experts_per_token) X(expert_intermediate)          \
    X(shared_experts) X(shared_intermediate) X(tied_embeddings)              \
    X(sliding_window) X(max_context) X(native_bits)

static void item_json(const roof_model *m, const roof_model_params *p,
                      cli_buf *out)
{
    int first = 1;
    cli_buf_str(out, "  {");
    cli_json_key(out, "name", &first), cli_json_str(out, m->name);
#define X(f) cli_json_key(out, #f, &first), cli_json_num(out, m->f);
    MODEL_FIELDS(X)
#undef X
    cli_json_key(out, "mlp", &first), cli_json_str(out, mlp_name(m->mlp));
    cli_json_key(out, "norm", &first), cli_json_str(out, norm_name(m->norm));
    cli_json_key(out, "position", &first);
    cli_json_str(out, pos_name(m->position));
    cli_json_key(out, "params", &first), cli_json_num(out, p->total);
    cli_json_key(out, "active_params", &first), cli_json_num(out, p->active);
    cli_json_key(out, "source", &first), cli_json_str(out, m->source);
    cli_buf_str(out, "}");
}

static void item_csv(const roof_model *m, const roof_model_params *p,
                     cli_buf *out)
{
    cli_csv_str(out, m->name);
#define X(f) cli_buf_fmt(out, ",%u", (unsigned)m->f);
    MODEL_FIELDS(X)
#undef X
    cli_buf_fmt(out, ",%s,%s,%s,", mlp_name(m->mlp), norm_name(m->norm),
                pos_name(m->position));
    cli_csv_num(out, p->total);
    cli_buf_str(out, ",");
    cli_csv_num(out, p->active);
    cli_buf_str(out, "\n");
}

static void item_row(const roof_model *m, const roof_model_params *p,
                     cli_table *t)
{
    char a[CLI_NUM_MAX];
    cli_table_cell(t, "%s", m->name);
    cli_table_cell(t, "%s", cli_si(a, p->total, ""));
    cli_table_cell(t, "%u", (unsigned)m->layers);
    cli_table_cell(t, "%u", (unsigned)m->hidden);
    cli_table_cell(t, "%u/%u", (unsigned)m->heads, (unsigned)m->kv_heads);
    cli_table_cell(t, "%u", (unsigned)m->head_dim);
    if (m->experts > 0)
        cli_table_cell(t, "%u x %u (top %u)", (unsigned)m->experts,
                       (unsigned)m->expert_intermediate,
                       (unsigned)m->experts_per_token);
    else
        cli_table_cell(t, "%u", (unsigned)m->intermediate);
    cli_table_cell(t, "%u", (unsigned)m->vocab);
    if (m->max_context)
        cli_table_cell(t, "%u", (unsigned)m->max_context);
    else
        cli_table_cell(t, "-");
}

static int model_list(int argc, char **argv, cli_buf *out)
{
    static const char *const head[] = {"name", "params", "layers", "hidden",
                                       "heads/kv", "head_dim", "mlp width",
                                       "vocab", "context"};
    static const int left[] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
    cli_cmd cmd = {.name = "model list",
                   .usage = "roofmodel model list [--json|--csv]",
                   .about = "Lists the built-in models (each from its "
                            "published config.json)."};
    int json = 0, csv = 0;
    cli_add_formats(&cmd, &json, &csv);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_check_formats(&cmd, json, csv)) != CLI_OK)
        return rc;
    uint32_t n = roof_model_count();
    cli_table t;
    cli_table_init(&t, 9, head, left);
    if (json)
        cli_buf_str(out, "[\n");
    if (csv) {
        cli_buf_str(out, "name");
#define X(f) cli_buf_str(out, "," #f);
        MODEL_FIELDS(X)
#undef X
        cli_buf_str(out, ",mlp,norm,position,params,active_params\n");
    }
    for (uint32_t i = 0; i < n; i++) {
        roof_model m;
        roof_model_params p;
        if (roof_model_get(i, &m) != ROOF_OK
            || roof_model_param_count(&m, &p) != ROOF_OK)
            continue;
        if (json) {
            item_json(&m, &p, out);
            cli_buf_str(out, i + 1 < n ? ",\n" : "\n");
        } else if (csv) {
            item_csv(&m, &p, out);
        } else {
            item_row(&m, &p, &t);
        }
    }
    if (json)
        cli_buf_str(out, "]\n");
    if (!json && !csv)
        cli_table_print(&t, out, "");
    cli_table_free(&t);
    return CLI_OK;
}

static const char *mixer_name(uint32_t k)
{
    static const char *const names[ROOF_MIXER_COUNT] = {
        [ROOF_MIXER_ATTENTION] = "full attention",
        [ROOF_MIXER_SLIDING] = "sliding window",
        [ROOF_MIXER_CHUNKED] = "chunked attention",
        [ROOF_MIXER_NONE] = "no mixer", [ROOF_MIXER_MLA] = "MLA",
        [ROOF_MIXER_MAMBA2] = "Mamba-2", [ROOF_MIXER_GDN] = "Gated DeltaNet",
    };
    return k < ROOF_MIXER_COUNT ? names[k] : "?";
}

/* One line per layer group: its layers, mixer (with its window) and MLP. */
static void show_groups(const roof_model *m, cli_buf *out)
{
    for (uint32_t g = 0; g < m->group_count; g++) {
        const roof_layer_group *l = &m->groups[g];
        cli_buf_fmt(out, "  group %u: %u layers, %s", (unsigned)g,
                    (unsigned)l->layers, mixer_name(l->mixer));
        if (l->window > 0)
            cli_buf_fmt(out, " %u", (unsigned)l->window);
        if (l->mlp == ROOF_GROUP_MLP_DENSE)
            cli_buf_fmt(out, ", dense MLP %u",
                        (unsigned)l->dense_intermediate);
        else if (l->mlp == ROOF_GROUP_MLP_NONE)
            cli_buf_str(out, ", no MLP");
        else
            cli_buf_str(out, m->experts > 0 ? ", experts" : ", MLP");
        cli_buf_str(out, "\n");
    }
    if (m->kv_lora_rank > 0)
        cli_buf_fmt(out, "  MLA: q rank %u, latent %u + rope %u, heads "
                    "%u + %u (q, k), %u (v)\n", (unsigned)m->q_lora_rank,
                    (unsigned)m->kv_lora_rank, (unsigned)m->qk_rope_head_dim,
                    (unsigned)m->qk_nope_head_dim,
                    (unsigned)m->qk_rope_head_dim, (unsigned)m->v_head_dim);
}

/* The released per-module weight formats, when the model sets any. */
static void show_formats(const roof_model *m, cli_buf *out)
{
    static const char *const mod[4] = {"layers", "experts", "embedding",
                                       "lm_head"};
    const uint32_t f[4] = {m->format_layers, m->format_experts,
                           m->format_embedding, m->format_lm_head};
    const char *sep = "  weight formats: ";
    for (uint32_t i = 0; i < 4; i++) {
        const char *name = roof_format_name(f[i]);
        if (((m->formats_set >> i) & 1u) == 0 || name == NULL)
            continue;
        cli_buf_fmt(out, "%s%s %s", sep, mod[i], name);
        sep = ", ";
    }
    if (m->formats_set != 0)
        cli_buf_str(out, "\n");
}

static void show_text(const roof_model *m, const roof_model_params *p,
                      cli_buf *out)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX], c[CLI_NUM_MAX];
    cli_buf_fmt(out, "%s: %s parameters (%s active per token)\n", m->name,
                cli_si(a, p->total, ""), cli_si(b, p->active, ""));
    cli_buf_fmt(out, "  %u layers, hidden %u, %u query heads, %u K/V heads of "
                "%u\n", (unsigned)m->layers, (unsigned)m->hidden,
                (unsigned)m->heads, (unsigned)m->kv_heads,
                (unsigned)m->head_dim);
    if (m->intermediate > 0)
        cli_buf_fmt(out, "  %s MLP, width %u\n", mlp_name(m->mlp),
                    (unsigned)m->intermediate);
    if (m->experts > 0)
        cli_buf_fmt(out, "  %u routed experts of width %u, top %u\n",
                    (unsigned)m->experts, (unsigned)m->expert_intermediate,
                    (unsigned)m->experts_per_token);
    if (m->shared_experts > 0)
        cli_buf_fmt(out, "  %u shared expert(s) of width %u\n",
                    (unsigned)m->shared_experts,
                    (unsigned)m->shared_intermediate);
    cli_buf_fmt(out, "  %s norm, %s positions, vocabulary %u%s\n",
                norm_name(m->norm), pos_name(m->position), (unsigned)m->vocab,
                m->tied_embeddings ? " (tied embeddings)" : "");
    if (m->sliding_window)
        cli_buf_fmt(out, "  sliding window %u\n", (unsigned)m->sliding_window);
    show_groups(m, out);
    cli_buf_fmt(out, "  context %u, released at %u bits\n",
                (unsigned)m->max_context, (unsigned)m->native_bits);
    show_formats(m, out);
    cli_buf_fmt(out, "  parameters: embedding %s, per layer %s, lm_head %s\n",
                cli_si(a, p->embedding, ""), cli_si(b, p->per_layer, ""),
                cli_si(c, p->lm_head, ""));
    cli_buf_fmt(out, "  source: %s\n", m->source[0] ? m->source : "-");
}

static int model_json(const void *m, char *buf, size_t cap, size_t *len)
{
    return roof_model_to_json(m, buf, cap, len);
}

static int show_json(const roof_model *m, cli_buf *out)
{
    return cli_write_all("model show", "the model as JSON", model_json, m, out);
}

static int model_show(int argc, char **argv, cli_buf *out)
{
    cli_cmd cmd = {.name = "model show",
                   .usage = "roofmodel model show NAME|config.json [--json]",
                   .about = "Shows one model's shape and parameter counts.  "
                            "--json writes it as a HuggingFace-style "
                            "config.json\nthat reads back to the same "
                            "descriptor.",
                   .pos_min = 1, .pos_max = 1};
    int json = 0;
    roof_model m;
    roof_model_params p;
    cli_add_formats(&cmd, &json, NULL);
    int rc = cli_parse(&cmd, argc, argv, out);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = cli_load_model(cmd.name, "model", cmd.pos[0], &m)) != CLI_OK)
        return rc;
    if (json)
        return show_json(&m, out);
    if ((rc = roof_model_param_count(&m, &p)) != ROOF_OK)
        return cli_usage_error(cmd.name, "%s: %s", m.name, roof_status_str(rc));
    show_text(&m, &p, out);
    return CLI_OK;
}

int cli_cmd_model(int argc, char **argv, cli_buf *out)
{
    static const char usage[] =
        "usage: roofmodel model list [--json|--csv]\n"
        "       roofmodel model show NAME|config.json [--json]\n";
    if (argc >= 1 && strcmp(argv[0], "list") == 0)
        return model_list(argc - 1, argv + 1, out);
    if (argc >= 1 && strcmp(argv[0], "show") == 0)
        return model_show(argc - 1, argv + 1, out);
    if (argc >= 1 && (strcmp(argv[0], "--help") == 0
                      || strcmp(argv[0], "-h") == 0)) {
        cli_buf_str(out, usage);
        return CLI_OK;
    }
    return cli_usage_error("model", "expected 'list' or 'show' (see "
                           "'roofmodel model --help')");
}
