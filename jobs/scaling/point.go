package scaling

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/goqcd/goqcd/layout"
)

// Point is one strong-scaling measurement: the JSON that
// `goqcd bench cg --json` prints (rank 0 only). Times are seconds of wall
// clock, the slowest rank's; flop and byte counts are totals over all
// ranks. See doc.go for the flop and byte conventions.
type Point struct {
	Grid           string      `json:"grid"`           // global extents X.Y.Z.T
	MPI            string      `json:"mpi"`            // process grid a.b.c.d
	Ranks          int         `json:"ranks"`          // product of MPI
	Threads        int         `json:"threads"`        // goroutines per rank
	Local          string      `json:"local"`          // local extents, Grid/MPI
	Prec           string      `json:"prec"`           // "double" or "single"
	Solver         string      `json:"solver"`         // "cg"
	Kernels        string      `json:"kernels"`        // kernel set: go, avx2, avx512, neon, sve
	W              int         `json:"w"`              // SIMD lanes per tile
	Oversubscribed bool        `json:"oversubscribed"` // more ranks x threads than cores
	Iterations     int         `json:"iterations"`     // solver iterations (identical on every grid)
	Residual       float64     `json:"residual"`       // final true relative residual
	Tol            float64     `json:"tol"`            // requested relative residual
	Repeats        []float64   `json:"repeats"`        // seconds per solve, one per repeat
	Seconds        float64     `json:"seconds"`        // median of Repeats
	SecondsPerIter float64     `json:"seconds_per_iter"`
	Flops          float64     `json:"flops"`               // per solve, all ranks
	Gflops         float64     `json:"gflops"`              // Flops / Seconds / 1e9
	HaloBytesIter  float64     `json:"halo_bytes_per_iter"` // bytes sent per iteration, all ranks
	CommSeconds    float64     `json:"comm_seconds"`        // halo waits per solve: median over repeats of the max over ranks
	Checksum       string      `json:"checksum"`            // hex digest of the solution, fixed reduction order
	SolutionNorm   float64     `json:"solution_norm"`
	Host           string      `json:"host"`
	Date           string      `json:"date"` // RFC 3339
	Version        string      `json:"goqcd_version"`
	Model          *Prediction `json:"model,omitempty"` // the model's prediction for this point, if the bench made one
}

// Validate checks that p is complete and self-consistent: the fields the
// table needs are present, Ranks is the product of MPI, Local is Grid/MPI.
func (p *Point) Validate() error {
	grid, err := layout.ParseDims(p.Grid)
	if err != nil {
		return fmt.Errorf("grid: %w", err)
	}
	procs, err := layout.ParseDims(p.MPI)
	if err != nil {
		return fmt.Errorf("mpi: %w", err)
	}
	n := 1
	for mu := range layout.Nd {
		n *= procs[mu]
		if grid[mu]%procs[mu] != 0 {
			return fmt.Errorf("mpi %s does not divide grid %s", p.MPI, p.Grid)
		}
	}
	if p.Ranks != n {
		return fmt.Errorf("ranks %d is not the product of mpi %s (%d)", p.Ranks, p.MPI, n)
	}
	if p.Local != "" {
		local, err := layout.ParseDims(p.Local)
		if err != nil {
			return fmt.Errorf("local: %w", err)
		}
		for mu := range layout.Nd {
			if local[mu]*procs[mu] != grid[mu] {
				return fmt.Errorf("local %s is not grid %s / mpi %s", p.Local, p.Grid, p.MPI)
			}
		}
	}
	switch {
	case p.Threads < 1:
		return fmt.Errorf("threads %d: must be at least 1", p.Threads)
	case p.Prec != "double" && p.Prec != "single":
		return fmt.Errorf("prec %q: must be double or single", p.Prec)
	case p.Solver == "":
		return errors.New("solver is missing")
	case p.Iterations < 1:
		return fmt.Errorf("iterations %d: must be at least 1", p.Iterations)
	case !(p.Seconds > 0):
		return fmt.Errorf("seconds %g: must be positive", p.Seconds)
	case p.Checksum == "":
		return errors.New("checksum is missing")
	}
	for i, s := range p.Repeats {
		if !(s > 0) {
			return fmt.Errorf("repeats[%d] = %g: must be positive", i, s)
		}
	}
	return nil
}

// ReadPoint reads and validates one point file. Unknown fields are an
// error, so that a file of another kind (bench halo, a table) is not
// taken for a point.
func ReadPoint(path string) (Point, error) {
	var p Point
	data, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, fmt.Errorf("%s: not a goqcd bench cg --json point: %w", path, err)
	}
	if err := p.Validate(); err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// PointGlob is the pattern of point files in a run folder, as the job
// scripts write them: point-<nodes>-<ranks>.json.
const PointGlob = "point-*.json"

// Collect reads every point file (PointGlob) of a run folder, sorted by
// rank count, then threads, then process grid. A folder without points,
// or a file that does not parse, is an error that names it; an empty file
// (a job that failed before printing) is reported as such.
func Collect(dir string) ([]Point, error) {
	names, err := filepath.Glob(filepath.Join(dir, PointGlob))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("run folder: %w", err)
		}
		return nil, fmt.Errorf("no %s files in %s: have the jobs run? (each writes point-<nodes>-<ranks>.json)", PointGlob, dir)
	}
	var pts []Point
	var errs []error
	for _, name := range names {
		if fi, err := os.Stat(name); err == nil && fi.Size() == 0 {
			errs = append(errs, fmt.Errorf("%s is empty: the job did not finish (see its output file)", name))
			continue
		}
		p, err := ReadPoint(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pts = append(pts, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	SortPoints(pts)
	return pts, nil
}

// SortPoints orders points by rank count, then threads, then process grid.
func SortPoints(pts []Point) {
	slices.SortStableFunc(pts, func(a, b Point) int {
		if a.Ranks != b.Ranks {
			return a.Ranks - b.Ranks
		}
		if a.Threads != b.Threads {
			return a.Threads - b.Threads
		}
		switch {
		case a.MPI < b.MPI:
			return -1
		case a.MPI > b.MPI:
			return 1
		}
		return 0
	})
}
