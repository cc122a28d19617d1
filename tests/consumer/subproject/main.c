/* Built by a meson project with roofmodel as its subproject. */
#include <roofmodel.h>

#include <stdio.h>

int main(void)
{
    roof_hardware hw;
    double peak = 0.0;
    if (roof_hardware_find("a6000", &hw) != ROOF_OK
        || roof_hardware_peak_flops_per_s(&hw, ROOF_FP16, &peak) != ROOF_OK)
        return 1;
    printf("subproject consumer: %s at %.1f TFLOP/s, roofmodel %s\n",
           hw.label, peak / 1e12, roof_version_string());
    /* 84 SMs x 1024 FLOP/clock x 1.8 GHz */
    return peak == 84.0 * 1024.0 * 1.8e9 ? 0 : 1;
}
