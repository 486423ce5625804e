module github.com/goqcd/goqcd/kernels_amd64/_gen

go 1.26.0
