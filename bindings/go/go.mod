module roofmodel

go 1.19
