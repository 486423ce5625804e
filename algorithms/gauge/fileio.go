package gauge

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// Reading and writing gauge configurations. Rank 0 reads or writes the
// whole file (package confio) and exchanges each rank's links with it, so
// files are the same bytes on every process grid. The global link array is
// confio's: index ((GlobalIndex(x)*4 + mu)*N*N + i*N + j).

// tagScatter and tagGather label the link messages of Scatter and Gather.
const (
	tagScatter = 7001
	tagGather  = 7002
)

// localSites lists the global coordinates of the local sites of rank r in
// lexicographic order of the local coordinate (x fastest), the order of
// the messages of Scatter and Gather.
func localSites(l *layout.Layout, r int) [][layout.Nd]int {
	c := l.Cart.Coords(r)
	sites := make([][layout.Nd]int, 0, l.Volume)
	var x [layout.Nd]int
	for x[3] = 0; x[3] < l.Local[3]; x[3]++ {
		for x[2] = 0; x[2] < l.Local[2]; x[2]++ {
			for x[1] = 0; x[1] < l.Local[1]; x[1]++ {
				for x[0] = 0; x[0] < l.Local[0]; x[0]++ {
					var g [layout.Nd]int
					for mu := range layout.Nd {
						g[mu] = c[mu]*l.Local[mu] + x[mu]
					}
					sites = append(sites, g)
				}
			}
		}
	}
	return sites
}

// Scatter sets the links from the global array links, which only rank 0
// needs to hold (others pass nil). Collective.
func (g *Field) Scatter(links []complex128) error {
	l := g.L
	nn := g.N * g.N
	per := 4 * nn * 2 // float64 per site
	buf := make([]float64, l.Volume*per)
	pack := func(r int, out []float64) {
		for s, x := range localSites(l, r) {
			src := links[l.GlobalIndex(x)*4*nn:]
			for k := range 4 * nn {
				out[s*per+2*k] = real(src[k])
				out[s*per+2*k+1] = imag(src[k])
			}
		}
	}
	if l.Rank == 0 {
		if len(links) != 4*nn*l.GlobalVolume {
			return fmt.Errorf("scatter: %d links for a %s lattice of SU(%d), want %d", len(links), layout.FormatDims(l.Global), g.N, 4*nn*l.GlobalVolume)
		}
		for r := 1; r < l.Comm.Size(); r++ {
			pack(r, buf)
			if err := l.Comm.Isend64(buf, r, tagScatter).Wait(); err != nil {
				return err
			}
		}
		pack(0, buf)
	} else if err := l.Comm.Irecv64(buf, 0, tagScatter).Wait(); err != nil {
		return err
	}
	m := make([]complex128, nn)
	for s, x := range localSites(l, l.Rank) {
		_, tile, lane := l.Locate(x)
		for mu := range layout.Nd {
			for k := range nn {
				o := s*per + 2*(mu*nn+k)
				m[k] = complex(buf[o], buf[o+1])
			}
			g.Store(mu, tile, lane, m)
		}
	}
	return nil
}

// Gather returns the global link array on rank 0 (nil on the others).
// Collective.
func (g *Field) Gather() ([]complex128, error) {
	l := g.L
	nn := g.N * g.N
	per := 4 * nn * 2
	buf := make([]float64, l.Volume*per)
	m := make([]complex128, nn)
	for s, x := range localSites(l, l.Rank) {
		_, tile, lane := l.Locate(x)
		for mu := range layout.Nd {
			g.Load(mu, tile, lane, m)
			for k := range nn {
				o := s*per + 2*(mu*nn+k)
				buf[o], buf[o+1] = real(m[k]), imag(m[k])
			}
		}
	}
	if l.Rank != 0 {
		return nil, l.Comm.Isend64(buf, 0, tagGather).Wait()
	}
	links := make([]complex128, 4*nn*l.GlobalVolume)
	unpack := func(r int) {
		for s, x := range localSites(l, r) {
			dst := links[l.GlobalIndex(x)*4*nn:]
			for k := range 4 * nn {
				dst[k] = complex(buf[s*per+2*k], buf[s*per+2*k+1])
			}
		}
	}
	unpack(0)
	for r := 1; r < l.Comm.Size(); r++ {
		if err := l.Comm.Irecv64(buf, r, tagGather).Wait(); err != nil {
			return nil, err
		}
		unpack(r)
	}
	return links, nil
}

// ReadFile reads an SU(3) configuration on rank 0 (format detected from
// the content unless given) and distributes it. The returned Config
// carries the file's metadata and checks (on rank 0; its Links are
// dropped after scattering). The lattice extents of the file must equal
// the layout's. Collective.
func ReadFile(l *layout.Layout, path, format string, opts confio.ReadOptions) (*Field, *confio.Config, error) {
	var c *confio.Config
	var err error
	if l.Rank == 0 {
		if format == "" {
			c, err = confio.Read(path, opts)
		} else {
			c, err = confio.ReadAs(path, format, opts)
		}
		if err == nil && c.Dims != l.Global {
			err = fmt.Errorf("%s holds a %s lattice, but the job's grid is %s: set --grid (or [lattice] grid) to %s",
				path, layout.FormatDims(c.Dims), layout.FormatDims(l.Global), layout.FormatDims(c.Dims))
		}
	}
	if err := comm.Agree(l.Comm, err); err != nil {
		return nil, nil, err
	}
	g, err := New(l, 3)
	if err != nil {
		return nil, nil, err
	}
	var links []complex128
	if c != nil {
		links = c.Links
	}
	if err := g.Scatter(links); err != nil {
		return nil, nil, err
	}
	if c != nil {
		c.Links = nil
	}
	return g, c, nil
}

// WriteFile gathers the field on rank 0 and writes it in the given format
// (written to a temporary name, synced and renamed: the file is complete
// or absent). meta, if not nil, supplies records and header fields to
// keep. Every rank returns the same error. Collective.
func (g *Field) WriteFile(path, format string, meta *confio.Config, opts confio.WriteOptions) error {
	if g.N != 3 {
		return fmt.Errorf("configuration files hold SU(3) fields; this field is SU(%d)", g.N)
	}
	links, err := g.Gather()
	if err == nil && g.L.Rank == 0 {
		c := &confio.Config{Dims: g.L.Global, Links: links, Precision: 64, Info: map[string]string{}}
		if meta != nil {
			c.Records, c.Info, c.Precision = meta.Records, meta.Info, meta.Precision
		}
		err = confio.Write(path, c, format, opts)
	}
	return comm.Agree(g.L.Comm, err)
}
