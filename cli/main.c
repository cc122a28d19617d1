/* roofmodel command: not yet written. */
#include <stdio.h>
#include "roofmodel.h"

int main(void)
{
    printf("roofmodel %s\n", roof_version_string());
    return 0;
}
