package scaling

import (
	"errors"
	"fmt"
	"strconv"
)

// ResidualFactor is how far apart (as a ratio) the final residuals of two
// points of one study may be before Check calls them inconsistent. With
// identical checksums the residuals are identical too; the factor only
// keeps a study of points whose checksums are not compared (none today)
// from hiding a broken solve.
const ResidualFactor = 2.0

// MismatchError says that two points of one scaling study disagree where
// they must agree. A and B name the points ("1 rank", "4 ranks (mpi
// 1.1.2.2, 12 threads)"); ValueA and ValueB are the differing values.
type MismatchError struct {
	Field          string // grid, solver, tol, prec, kernels, iterations, checksum, residual
	A, B           string
	ValueA, ValueB string
}

func (e *MismatchError) Error() string {
	between := e.A + " and " + e.B
	if n, ok := plainRanks(e.A); ok {
		if m, ok := plainRanks(e.B); ok {
			between = n + " and " + m + " ranks"
		}
	}
	switch e.Field {
	case "checksum":
		return fmt.Sprintf("the solution differs between %s: checksum %s vs %s", between, e.ValueA, e.ValueB)
	case "iterations":
		return fmt.Sprintf("the iteration count differs between %s: %s vs %s (goqcd's global sums are exact, so every process grid must take the same iterations)",
			between, e.ValueA, e.ValueB)
	case "residual":
		return fmt.Sprintf("the final residual differs by more than a factor %g between %s: %s vs %s", ResidualFactor, between, e.ValueA, e.ValueB)
	}
	return fmt.Sprintf("the points are not one scaling study: %s %s on %s vs %s on %s", e.Field, e.ValueA, e.A, e.ValueB, e.B)
}

// plainRanks returns "4" for the label "4 ranks" (or "1 rank").
func plainRanks(label string) (string, bool) {
	var n int
	var word string
	if k, _ := fmt.Sscanf(label, "%d %s", &n, &word); k != 2 || (word != "ranks" && word != "rank") {
		return "", false
	}
	if label != rankWord(n) {
		return "", false
	}
	return strconv.Itoa(n), true
}

func rankWord(n int) string {
	if n == 1 {
		return "1 rank"
	}
	return fmt.Sprintf("%d ranks", n)
}

// labels names each point by its rank count, adding the process grid and
// threads where two points share a rank count.
func labels(pts []Point) []string {
	count := map[int]int{}
	for _, p := range pts {
		count[p.Ranks]++
	}
	out := make([]string, len(pts))
	for i, p := range pts {
		out[i] = rankWord(p.Ranks)
		if count[p.Ranks] > 1 {
			out[i] += fmt.Sprintf(" (mpi %s, %d threads)", p.MPI, p.Threads)
		}
	}
	return out
}

// Check verifies that points form one strong-scaling study of one solve:
// the same grid, solver, tolerance, precision and kernel set; the same
// iteration count and solution checksum (goqcd's reductions are exact, so
// the solve is identical, bit for bit, on every process grid); residuals
// within ResidualFactor of each other and at or below the tolerance. Each
// point is compared with the first (the fewest ranks, after SortPoints);
// every mismatch is reported (errors.Join of *MismatchError and
// convergence errors), naming both points.
func Check(pts []Point) error {
	if len(pts) == 0 {
		return errors.New("no points")
	}
	lab := labels(pts)
	ref := pts[0]
	var errs []error
	for i, p := range pts {
		if p.Residual > p.Tol && p.Tol > 0 {
			errs = append(errs, fmt.Errorf("the solve on %s did not converge: residual %g above tol %g", lab[i], p.Residual, p.Tol))
		}
		if i == 0 {
			continue
		}
		mis := func(field, a, b string) {
			errs = append(errs, &MismatchError{Field: field, A: lab[0], B: lab[i], ValueA: a, ValueB: b})
		}
		if p.Grid != ref.Grid {
			mis("grid", ref.Grid, p.Grid)
		}
		if p.Solver != ref.Solver {
			mis("solver", ref.Solver, p.Solver)
		}
		if p.Tol != ref.Tol {
			mis("tol", fmtG(ref.Tol), fmtG(p.Tol))
		}
		if p.Prec != ref.Prec {
			mis("prec", ref.Prec, p.Prec)
		}
		if p.Kernels != ref.Kernels {
			mis("kernels", ref.Kernels, p.Kernels)
		}
		if p.Iterations != ref.Iterations {
			mis("iterations", strconv.Itoa(ref.Iterations), strconv.Itoa(p.Iterations))
		}
		if p.Checksum != ref.Checksum {
			mis("checksum", ref.Checksum, p.Checksum)
		}
		if !withinFactor(p.Residual, ref.Residual, ResidualFactor) {
			mis("residual", fmtG(ref.Residual), fmtG(p.Residual))
		}
	}
	return errors.Join(errs...)
}

func withinFactor(a, b, f float64) bool {
	if a == b {
		return true
	}
	if !(a > 0 && b > 0) {
		return false
	}
	r := a / b
	return r <= f && r >= 1/f
}

func fmtG(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
