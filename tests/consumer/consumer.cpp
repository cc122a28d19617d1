// The public headers compiled as C++ (-Wall -Wextra -Werror -pedantic)
// and linked with nothing but the pkg-config flags.
#include <roofmodel.h>

#include <cstdio>
#include <string>
#include <vector>

int main()
{
    roof_hardware hw;
    if (roof_hardware_find("a6000", &hw) != ROOF_OK)
        return 1;
    double peak = 0.0;
    if (roof_hardware_peak_flops_per_s(&hw, ROOF_FP16, &peak) != ROOF_OK)
        return 1;
    // 84 SMs x 1024 FLOP/clock x 1.8 GHz
    if (peak != 84.0 * 1024.0 * 1.8e9)
        return 1;

    roof_model m;
    roof_workload w;
    std::vector<roof_op> ops(ROOF_MAX_OPS);
    uint32_t n = 0;
    if (roof_model_find("llama-2-13b", &m) != ROOF_OK
        || roof_workload_prefill(1, 1024, &w) != ROOF_OK
        || roof_ops(&m, &w, &hw, NULL, ops.data(), ROOF_MAX_OPS, &n, NULL)
               != ROOF_OK)
        return 1;
    std::string names;
    for (uint32_t i = 0; i < n; i++)
        names += std::string(roof_op_name(ops[i].id)) + " ";
    std::printf("C++ consumer, roofmodel %s: %s\n", roof_version_string(),
                names.c_str());
    return names.find("q_proj") != std::string::npos ? 0 : 1;
}
