package propagator

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/layout"
)

// Meson returns C_Gamma(t), t = 0 .. L_d - 1 from the source slice, along
// the source's direction d (see doc.go). Collective.
func (p *Propagator) Meson(gamma dirac.Spin) ([]float64, error) {
	l := p.Columns[0].Layout
	d := p.Source.Dir
	n := l.Global[d]
	acc := make([]layout.ExactSum, n)
	g5 := dirac.Gamma5
	// B = Gamma gamma5 (right factor), A = Gamma (left factor):
	// Tr[Gamma S Gamma g5 S^dag g5] = sum_{ab} (Gamma S)_{..} ...
	right := gamma.Mul(&g5)
	left := g5
	var s [12][12]complex128
	for tile := range l.NTiles {
		for lane := range l.W {
			x := l.GlobalCoords(tile, lane)
			t := (x[d] - p.Source.At[d] + n) % n
			for a := range 12 {
				for c := range 12 {
					s[c][a] = p.Columns[a].At(tile, c, lane) // S_{c a}: row c (sink), column a (source)
				}
			}
			// Tr[Gamma S R S^dag L] with R = Gamma g5, L = g5
			v := traceMeson(&gamma, &right, &left, &s)
			acc[t].Add(v)
		}
	}
	ptr := make([]*layout.ExactSum, n)
	for i := range acc {
		ptr[i] = &acc[i]
	}
	return l.GlobalSum(ptr...)
}

// traceMeson is Re Tr[G S R S^dag L] for 12x12 S = (spin x colour) and spin
// matrices G, R, L acting on the spin index.
func traceMeson(g, r, lt *dirac.Spin, s *[12][12]complex128) float64 {
	// T1 = G S, T2 = R S^dag L; result Re sum_{ij} T1_ij T2_ji
	var t1, t2 [12][12]complex128
	for si := range 4 {
		for sk := range 4 {
			if g[si][sk] == 0 {
				continue
			}
			for c := range 3 {
				for j := range 12 {
					t1[3*si+c][j] += g[si][sk] * s[3*sk+c][j]
				}
			}
		}
	}
	// S^dag L: (S^dag)_{ij} = conj(S_ji); (S^dag L)_{i, 3*sl+c} = sum_sk conj(S_{3sk+c, i}) L_{sk sl}
	var sdl [12][12]complex128
	for i := range 12 {
		for sk := range 4 {
			for sl := range 4 {
				if lt[sk][sl] == 0 {
					continue
				}
				for c := range 3 {
					v := s[3*sk+c][i]
					sdl[i][3*sl+c] += complex(real(v), -imag(v)) * lt[sk][sl]
				}
			}
		}
	}
	for si := range 4 {
		for sk := range 4 {
			if r[si][sk] == 0 {
				continue
			}
			for c := range 3 {
				for j := range 12 {
					t2[3*si+c][j] += r[si][sk] * sdl[3*sk+c][j]
				}
			}
		}
	}
	var tr complex128
	for i := range 12 {
		for j := range 12 {
			tr += t1[i][j] * t2[j][i]
		}
	}
	return real(tr)
}

// Gammas names the meson gamma structures Meson accepts by name.
func Gamma(name string) (dirac.Spin, error) {
	id := dirac.Spin{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}
	g := dirac.Gamma
	switch name {
	case "g5", "pion", "pseudoscalar":
		return dirac.Gamma5, nil
	case "1", "scalar":
		return id, nil
	case "gx", "gy", "gz", "gt":
		return g[map[string]int{"gx": 0, "gy": 1, "gz": 2, "gt": 3}[name]], nil
	case "gxg5", "gyg5", "gzg5", "gtg5":
		m := map[string]int{"gxg5": 0, "gyg5": 1, "gzg5": 2, "gtg5": 3}[name]
		g5 := dirac.Gamma5
		return g[m].Mul(&g5), nil
	}
	return dirac.Spin{}, fmt.Errorf("unknown gamma structure %q: use g5 (pion), 1, gx, gy, gz, gt, gxg5, gyg5, gzg5, gtg5", name)
}
