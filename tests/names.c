/* Tests of lib/names.c: one name for each enum value, every table full,
 * every name reading back, the spellings the from-name functions accept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "names-priv.h"
#include "roofmodel.h"

typedef const char *(*name_fn)(uint32_t);
typedef int (*from_fn)(const char *, uint32_t *);

/* Every value below count has a name made of lower case letters, digits
 * and '_', distinct from the others, that reads back to the value; count
 * itself has none. */
static void check_enum(name_fn name, from_fn from, uint32_t count)
{
    for (uint32_t v = 0; v < count; v++) {
        const char *s = name(v);
        assert_non_null(s);
        assert_true(s[0] != '\0');
        for (const char *c = s; *c; c++)
            assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')
                        || *c == '_');
        for (uint32_t u = 0; u < v; u++)
            assert_string_not_equal(s, name(u));
        uint32_t back = 99;
        assert_int_equal(from(s, &back), ROOF_OK);
        assert_int_equal(back, v);
    }
    assert_null(name(count));
    assert_null(name(UINT32_MAX));
}

static void test_every_enum(void **state)
{
    (void)state;
    check_enum(roof_op_class_name, roof_op_class_from_name,
               ROOF_CLASS_EMBED + 1);
    check_enum(roof_mlp_kind_name, roof_mlp_kind_from_name, ROOF_MLP_PLAIN + 1);
    check_enum(roof_norm_kind_name, roof_norm_kind_from_name,
               ROOF_NORM_LAYER + 1);
    check_enum(roof_position_kind_name, roof_position_kind_from_name,
               ROOF_POS_NONE + 1);
    check_enum(roof_bound_name, roof_bound_from_name,
               ROOF_BOUND_INTERCONNECT + 1);
    check_enum(roof_op_name, roof_op_from_name, ROOF_OP_COUNT);
}

/* The names themselves, as docs/cli.md and the bindings spell them. */
static void test_spellings(void **state)
{
    (void)state;
    uint32_t v = 99;
    assert_string_equal(roof_op_class_name(ROOF_CLASS_ATTN_PROJ), "attn_proj");
    assert_string_equal(roof_op_class_name(ROOF_CLASS_ATTN_MATMUL),
                        "attn_matmul");
    assert_string_equal(roof_mlp_kind_name(ROOF_MLP_GATED), "gated");
    assert_string_equal(roof_norm_kind_name(ROOF_NORM_LAYER), "layer");
    assert_string_equal(roof_position_kind_name(ROOF_POS_LEARNED), "learned");
    assert_string_equal(roof_bound_name(ROOF_BOUND_MEMORY), "memory");
    assert_string_equal(roof_op_name(ROOF_OP_LM_HEAD), "lm_head");
    /* any case, '-' or ' ' for '_' */
    assert_int_equal(roof_op_class_from_name("Attn-Proj", &v), ROOF_OK);
    assert_int_equal(v, ROOF_CLASS_ATTN_PROJ);
    assert_int_equal(roof_op_from_name("QK matmul", &v), ROOF_OK);
    assert_int_equal(v, ROOF_OP_QK_MATMUL);
    assert_int_equal(roof_bound_from_name("COMPUTE", &v), ROOF_OK);
    assert_int_equal(v, ROOF_BOUND_COMPUTE);
}

static void test_refusals(void **state)
{
    (void)state;
    uint32_t v = 99;
    assert_int_equal(roof_op_class_from_name("attn", &v), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_mlp_kind_from_name("", &v), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_norm_kind_from_name("rmsnorm", &v), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_position_kind_from_name("alibi", &v),
                     ROOF_E_NOT_FOUND);
    assert_int_equal(roof_bound_from_name("io", &v), ROOF_E_NOT_FOUND);
    assert_int_equal(roof_op_from_name("q", &v), ROOF_E_NOT_FOUND);
    assert_int_equal(v, 99); /* untouched */
    assert_int_equal(roof_op_class_from_name(NULL, &v), ROOF_E_NULL);
    assert_int_equal(roof_op_class_from_name("comm", NULL), ROOF_E_NULL);
}

/* The private class table ops.c reads agrees with the operators' classes
 * as docs/model.md groups them (a few by hand). */
static void test_op_classes(void **state)
{
    (void)state;
    assert_int_equal(roof__op_classes[ROOF_OP_Q_PROJ], ROOF_CLASS_ATTN_PROJ);
    assert_int_equal(roof__op_classes[ROOF_OP_O_PROJ], ROOF_CLASS_ATTN_PROJ);
    assert_int_equal(roof__op_classes[ROOF_OP_ROUTER], ROOF_CLASS_MLP_PROJ);
    assert_int_equal(roof__op_classes[ROOF_OP_ATTENTION],
                     ROOF_CLASS_ATTN_MATMUL);
    assert_int_equal(roof__op_classes[ROOF_OP_ALLREDUCE], ROOF_CLASS_COMM);
    assert_int_equal(roof__op_classes[ROOF_OP_LM_HEAD], ROOF_CLASS_EMBED);
    assert_int_equal(roof__op_classes[ROOF_OP_EXPERT_ACT],
                     ROOF_CLASS_ELEMENTWISE);
    for (uint32_t i = 0; i < ROOF_OP_COUNT; i++)
        assert_true(roof__op_classes[i] <= ROOF_CLASS_EMBED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_enum),
        cmocka_unit_test(test_spellings),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_op_classes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
