package jobs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goqcd/goqcd/layout"
)

// Directives is what ParseScript reads back from a job script: the
// scheduler's directives, the exported environment and every launch.
type Directives struct {
	Scheduler string   // "pjm" or "slurm" (from the directive lines)
	Lines     []string // the directive lines, without "#PJM " / "#SBATCH "

	Nodes        int    // nodes allocated: PJM node=N or AxBxC (product); Slurm --nodes
	NodeShape    string // PJM node=... value as written ("2x2x1", "4:torus")
	RanksPerNode int    // PJM --mpi max-proc-per-node; Slurm --ntasks-per-node
	Procs        int    // PJM --mpi proc; Slurm nodes x ntasks-per-node
	CPUsPerTask  int    // Slurm --cpus-per-task (0 for PJM)
	Elapse       string // PJM elapse; Slurm --time
	Group        string // PJM rscgrp; Slurm --partition
	Account      string // PJM -g; Slurm --account

	Env      map[string]string // export NAME=value lines (quotes removed)
	Launches []Launch
}

// Launch is one launch line of a job script and the "# goqcd-point" line
// that precedes it.
type Launch struct {
	Line     string // the line as written
	Launcher string // mpiexec, mpirun or srun
	NP       int    // -n, -np or --ntasks
	Nodes    int    // srun -N, else the goqcd-point line's nodes= (0 if neither)
	Grid     string // goqcd --grid
	MPI      [layout.Nd]int
	Threads  int // goqcd --threads
	Command  string
}

// ParseScript reads the directives of a PJM or Slurm job script: #PJM or
// #SBATCH lines (in the forms Render writes and the usual alternatives:
// -L k=v,k=v, --rsc-list, --mpi k=v; --opt=v, --opt v, -N n), export
// lines, and the launch lines (mpiexec, mpirun, srun followed by a
// `goqcd bench` command). A script with no directives, a directive it
// cannot read, or a launch without a process count or --mpi is an error.
func ParseScript(text string) (Directives, error) {
	d := Directives{Env: map[string]string{}}
	var pointNodes int
	var errs []error
	lines := joinContinuations(text)
	for n, line := range lines {
		lineNo := n + 1
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "#PJM"):
			d.Scheduler = setOnce(d.Scheduler, "pjm", &errs)
			arg := strings.TrimSpace(strings.TrimPrefix(t, "#PJM"))
			d.Lines = append(d.Lines, arg)
			if err := d.pjm(arg); err != nil {
				errs = append(errs, fmt.Errorf("line %d: %w", lineNo, err))
			}
		case strings.HasPrefix(t, "#SBATCH"):
			d.Scheduler = setOnce(d.Scheduler, "slurm", &errs)
			arg := strings.TrimSpace(strings.TrimPrefix(t, "#SBATCH"))
			d.Lines = append(d.Lines, arg)
			if err := d.sbatch(arg); err != nil {
				errs = append(errs, fmt.Errorf("line %d: %w", lineNo, err))
			}
		case strings.HasPrefix(t, "# goqcd-point "):
			pointNodes = 0
			for _, f := range strings.Fields(t)[2:] {
				if v, ok := strings.CutPrefix(f, "nodes="); ok {
					pointNodes, _ = strconv.Atoi(v)
				}
			}
		case strings.HasPrefix(t, "export "):
			for _, w := range shellWords(strings.TrimPrefix(t, "export ")) {
				if k, v, ok := strings.Cut(w, "="); ok {
					d.Env[k] = v
				}
			}
		case !strings.HasPrefix(t, "#"):
			l, ok, err := parseLaunch(t)
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %w", lineNo, err))
			}
			if ok {
				if l.Nodes == 0 {
					l.Nodes = pointNodes
				}
				d.Launches = append(d.Launches, l)
			}
		}
	}
	if d.Scheduler == "" {
		errs = append(errs, errors.New("no #PJM or #SBATCH directives"))
	}
	if d.Scheduler == "slurm" && d.Nodes > 0 && d.RanksPerNode > 0 {
		d.Procs = d.Nodes * d.RanksPerNode
	}
	return d, errors.Join(errs...)
}

func setOnce(cur, v string, errs *[]error) string {
	if cur != "" && cur != v {
		*errs = append(*errs, fmt.Errorf("both #PJM and #SBATCH directives"))
	}
	return v
}

// joinContinuations splits text into lines, joining lines that end in a
// backslash with the next.
func joinContinuations(text string) []string {
	var out []string
	var cur strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if s, ok := strings.CutSuffix(l, "\\"); ok {
			cur.WriteString(s)
			cur.WriteByte(' ')
			continue
		}
		cur.WriteString(l)
		out = append(out, cur.String())
		cur.Reset()
	}
	return out
}

// pjm reads one #PJM directive.
func (d *Directives) pjm(arg string) error {
	w := shellWords(arg)
	if len(w) == 0 {
		return errors.New("empty #PJM line")
	}
	opt, val := w[0], ""
	if len(w) > 1 {
		val = strings.Join(w[1:], " ")
	}
	switch opt {
	case "-L", "--rsc-list":
		for _, kv := range strings.Split(val, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			switch k {
			case "node":
				d.NodeShape = v
				n, err := shapeNodes(v)
				if err != nil {
					return err
				}
				d.Nodes = n
			case "rscgrp":
				d.Group = v
			case "elapse":
				d.Elapse = v
			}
		}
	case "--mpi":
		for _, kv := range strings.Split(val, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			var err error
			switch k {
			case "proc":
				d.Procs, err = strconv.Atoi(v)
			case "max-proc-per-node":
				d.RanksPerNode, err = strconv.Atoi(v)
			}
			if err != nil {
				return fmt.Errorf("--mpi %s: %w", kv, err)
			}
		}
	case "-g":
		d.Account = val
	}
	return nil
}

// shapeNodes returns the node count of a PJM node request: N, AxB or
// AxBxC, optionally followed by :torus, :mesh or :noncont.
func shapeNodes(v string) (int, error) {
	v, _, _ = strings.Cut(v, ":")
	n := 1
	for _, f := range strings.Split(v, "x") {
		k, err := strconv.Atoi(f)
		if err != nil || k < 1 {
			return 0, fmt.Errorf("node=%s: not N, AxB or AxBxC", v)
		}
		n *= k
	}
	return n, nil
}

// sbatch reads one #SBATCH directive.
func (d *Directives) sbatch(arg string) error {
	w := shellWords(arg)
	if len(w) == 0 {
		return errors.New("empty #SBATCH line")
	}
	opt, val, hasEq := strings.Cut(w[0], "=")
	if !hasEq && len(w) > 1 {
		val = w[1]
	}
	atoi := func() (int, error) {
		n, err := strconv.Atoi(val)
		if err != nil {
			return 0, fmt.Errorf("%s %q: not a number", opt, val)
		}
		return n, nil
	}
	var err error
	switch opt {
	case "--nodes", "-N":
		d.Nodes, err = atoi()
	case "--ntasks-per-node":
		d.RanksPerNode, err = atoi()
	case "--cpus-per-task", "-c":
		d.CPUsPerTask, err = atoi()
	case "--time", "-t":
		d.Elapse = val
	case "--partition", "-p":
		d.Group = val
	case "--account", "-A":
		d.Account = val
	}
	return err
}

// parseLaunch reads a launch line: a launcher, its process count, and the
// goqcd command after it. ok is false for lines that launch nothing.
func parseLaunch(line string) (l Launch, ok bool, err error) {
	w := shellWords(line)
	// Skip "if", "exec", "time" and VAR=value prefixes.
	for len(w) > 0 && (w[0] == "if" || w[0] == "exec" || w[0] == "time" || strings.Contains(w[0], "=") && !strings.HasPrefix(w[0], "-")) {
		w = w[1:]
	}
	if len(w) == 0 {
		return l, false, nil
	}
	switch w[0] {
	case "mpiexec", "mpirun", "srun":
	default:
		return l, false, nil
	}
	l.Line, l.Launcher = line, w[0]
	bench := -1
	for i := 1; i < len(w); i++ {
		a := w[i]
		next := func() string {
			if i+1 < len(w) {
				i++
				return w[i]
			}
			return ""
		}
		switch {
		case a == "bench":
			bench = i
		case bench >= 0:
			switch a {
			case "--grid", "-grid":
				l.Grid = next()
			case "--mpi", "-mpi":
				v := next()
				if l.MPI, err = layout.ParseDims(v); err != nil {
					return l, true, fmt.Errorf("%s: --mpi: %w", l.Launcher, err)
				}
			case "--threads", "-threads":
				if l.Threads, err = strconv.Atoi(next()); err != nil {
					return l, true, fmt.Errorf("%s: --threads: %w", l.Launcher, err)
				}
			}
		case a == "-n" || a == "-np" || a == "--ntasks" || a == "--np":
			if l.NP, err = strconv.Atoi(next()); err != nil {
				return l, true, fmt.Errorf("%s %s: %w", l.Launcher, a, err)
			}
		case strings.HasPrefix(a, "--ntasks="):
			if l.NP, err = strconv.Atoi(strings.TrimPrefix(a, "--ntasks=")); err != nil {
				return l, true, fmt.Errorf("%s --ntasks: %w", l.Launcher, err)
			}
		case a == "-N" || a == "--nodes":
			if l.Nodes, err = strconv.Atoi(next()); err != nil {
				return l, true, fmt.Errorf("%s %s: %w", l.Launcher, a, err)
			}
		}
	}
	if bench < 0 {
		return l, true, fmt.Errorf("%s launches no goqcd bench command", l.Launcher)
	}
	l.Command = strings.Join(w[bench-1:], " ")
	if l.NP == 0 {
		return l, true, fmt.Errorf("%s without a process count (-n/-np)", l.Launcher)
	}
	if l.MPI == ([layout.Nd]int{}) {
		return l, true, fmt.Errorf("%s: the goqcd command has no --mpi", l.Launcher)
	}
	return l, true, nil
}

// shellWords splits a line into words the way a shell would for the
// simple lines of a job script: blanks separate words, single and double
// quotes group (and are removed); a # at the start of a word begins a
// comment; ';' ends the command. Backslash escapes are not interpreted
// (Render writes none).
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case r == ';':
			if inWord {
				words = append(words, cur.String())
			}
			return words
		case r == '#' && !inWord:
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
