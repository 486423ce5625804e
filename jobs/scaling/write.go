package scaling

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
)

// csvHeader is the first line of a table's CSV; the columns are the JSON
// names of Row, in order.
var csvHeader = []string{"ranks", "threads", "mpi", "local", "iterations",
	"seconds", "seconds_min", "seconds_max", "seconds_mad", "seconds_per_iter",
	"gflops", "gflops_per_rank", "speed_up", "efficiency", "halo_bytes_per_iter",
	"comm_fraction", "oversubscribed", "model_seconds_per_iter", "model_efficiency"}

// WriteCSV writes the rows as CSV with a header line. Numbers are written
// in the shortest form that reads back to the same float64.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	f := fmtG
	for _, r := range t.Rows {
		rec := []string{strconv.Itoa(r.Ranks), strconv.Itoa(r.Threads), r.MPI, r.Local, strconv.Itoa(r.Iterations),
			f(r.Seconds), f(r.SecondsMin), f(r.SecondsMax), f(r.SecondsMAD), f(r.SecondsPerIter),
			f(r.Gflops), f(r.GflopsPerRank), f(r.SpeedUp), f(r.Efficiency), f(r.HaloBytesIter),
			f(r.CommFraction), strconv.FormatBool(r.Oversubscribed), f(r.ModelSecondsPerIter), f(r.ModelEfficiency)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCSV reads rows written by WriteCSV. The header must match.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("empty CSV: no header")
	}
	for i, h := range csvHeader {
		if i >= len(recs[0]) || recs[0][i] != h {
			return nil, fmt.Errorf("CSV header column %d: want %q (is this a goqcd scaling table?)", i+1, h)
		}
	}
	var rows []Row
	for n, rec := range recs[1:] {
		line := n + 2
		p := csvParser{rec: rec}
		r := Row{Ranks: p.int(0), Threads: p.int(1), MPI: rec[2], Local: rec[3], Iterations: p.int(4),
			Seconds: p.float(5), SecondsMin: p.float(6), SecondsMax: p.float(7), SecondsMAD: p.float(8),
			SecondsPerIter: p.float(9), Gflops: p.float(10), GflopsPerRank: p.float(11), SpeedUp: p.float(12),
			Efficiency: p.float(13), HaloBytesIter: p.float(14), CommFraction: p.float(15),
			Oversubscribed: p.bool(16), ModelSecondsPerIter: p.float(17), ModelEfficiency: p.float(18)}
		if p.err != nil {
			return nil, fmt.Errorf("CSV line %d: %w", line, p.err)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// csvParser converts the fields of one record, keeping the first error.
type csvParser struct {
	rec []string
	err error
}

func (p *csvParser) field(i int) string {
	if i >= len(p.rec) {
		if p.err == nil {
			p.err = fmt.Errorf("column %s is missing", csvHeader[i])
		}
		return "0"
	}
	return p.rec[i]
}

func (p *csvParser) int(i int) int {
	v, err := strconv.Atoi(p.field(i))
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("column %s: %w", csvHeader[i], err)
	}
	return v
}

func (p *csvParser) float(i int) float64 {
	v, err := strconv.ParseFloat(p.field(i), 64)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("column %s: %w", csvHeader[i], err)
	}
	return v
}

func (p *csvParser) bool(i int) bool {
	v, err := strconv.ParseBool(p.field(i))
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("column %s: %w", csvHeader[i], err)
	}
	return v
}

// WriteJSON writes the table (metadata and rows) as indented JSON.
func (t *Table) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadTableJSON reads a table written by WriteJSON.
func ReadTableJSON(r io.Reader) (*Table, error) {
	var t Table
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("not a goqcd scaling table: %w", err)
	}
	return &t, nil
}

// WriteText writes the table for a terminal: a header line and aligned
// columns. Times in seconds, halo in kB (1000 bytes) per iteration.
func (t *Table) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "strong scaling: grid %s, %s %s, tol %g, kernels %s, %d iterations, baseline %s\n",
		t.Grid, t.Solver, t.Prec, t.Tol, t.Kernels, t.Iterations, rankWord(t.BaseRanks))
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "ranks\tthreads\tmpi\tlocal\titers\tt_solve\tmin\tmax\tt/iter\tGF/s\tGF/s/rank\tspeed-up\teff\thalo kB/it\tcomm\t"
	if t.Model != "" {
		head += "model t/iter\tmodel eff\t"
	}
	fmt.Fprintln(tw, head)
	for _, r := range t.Rows {
		mark := ""
		if r.Oversubscribed {
			mark = "*"
		}
		fmt.Fprintf(tw, "%d%s\t%d\t%s\t%s\t%d\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.3f\t%.1f%%\t%.1f\t%.1f%%\t",
			r.Ranks, mark, r.Threads, r.MPI, r.Local, r.Iterations, r.Seconds, r.SecondsMin, r.SecondsMax,
			r.SecondsPerIter, r.Gflops, r.GflopsPerRank, r.SpeedUp, 100*r.Efficiency, r.HaloBytesIter/1e3, 100*r.CommFraction)
		if t.Model != "" {
			fmt.Fprintf(tw, "%.4g\t%.1f%%\t", r.ModelSecondsPerIter, 100*r.ModelEfficiency)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if r.Oversubscribed {
			fmt.Fprintln(bw, "* oversubscribed: more ranks x threads than cores; its time says little about scaling")
			break
		}
	}
	if t.Model != "" {
		fmt.Fprintf(bw, "model: %s\n", t.Model)
	}
	return bw.Flush()
}

// WriteFileAtomic writes a file through write so that readers see either
// the old file or the complete new one: a temporary file in the same
// folder is written, synced to disk and renamed over path.
func WriteFileAtomic(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err = write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	// Make the rename durable; not every file system can sync a folder.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// SaveCSV writes the table's CSV to path atomically.
func (t *Table) SaveCSV(path string) error { return WriteFileAtomic(path, 0o644, t.WriteCSV) }

// SaveJSON writes the table's JSON to path atomically.
func (t *Table) SaveJSON(path string) error { return WriteFileAtomic(path, 0o644, t.WriteJSON) }
