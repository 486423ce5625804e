package jobs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goqcd/goqcd/layout"
)

// scripts returns the job scripts of a rendering, by name.
func scripts(files []File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		if strings.HasPrefix(f.Name, "job-") {
			out[f.Name] = string(f.Data)
		}
	}
	return out
}

func product(d [layout.Nd]int) int { return d[0] * d[1] * d[2] * d[3] }

// checkScript parses a job script and checks the invariants every one
// must meet: its directives are there; every launch runs
// nodes x ranks-per-node processes, the product of its --mpi, with
// threads x ranks per node within the node's cores; the threads agree
// with OMP_NUM_THREADS and GOMAXPROCS.
func checkScript(t *testing.T, name, text string, m *Machine, req Request) Directives {
	t.Helper()
	d, err := ParseScript(text)
	require.NoError(t, err, "%s", name)
	assert.Equal(t, m.Scheduler, d.Scheduler, name)
	assert.Equal(t, req.RanksPerNode, d.RanksPerNode, "%s: ranks per node", name)
	assert.Equal(t, d.Nodes*d.RanksPerNode, d.Procs, "%s: allocated processes", name)
	assert.NotEmpty(t, d.Elapse, "%s: elapse", name)
	assert.Equal(t, req.Elapse, d.Elapse, name)
	require.NotEmpty(t, d.Launches, "%s: no launch line", name)
	th := strconv.Itoa(req.Threads)
	assert.Equal(t, th, d.Env["OMP_NUM_THREADS"], name)
	assert.Equal(t, th, d.Env["GOMAXPROCS"], name)
	if m.Kernels != "" {
		assert.Equal(t, m.Kernels, d.Env["GOQCD_KERNELS"], name)
	}
	for _, l := range d.Launches {
		assert.Greater(t, l.Nodes, 0, "%s: launch without its node count", name)
		assert.LessOrEqual(t, l.Nodes, d.Nodes, "%s: a launch uses more nodes than allocated", name)
		assert.Equal(t, l.Nodes*req.RanksPerNode, l.NP, "%s: nodes x ranks per node = -n", name)
		assert.Equal(t, l.NP, product(l.MPI), "%s: -n = product of --mpi %v", name, l.MPI)
		assert.Equal(t, req.Threads, l.Threads, name)
		assert.LessOrEqual(t, l.Threads*req.RanksPerNode, m.CoresPerNode, "%s: threads x ranks per node <= cores", name)
		assert.Equal(t, req.Grid, l.Grid, name)
		assert.Contains(t, l.Command, "bench cg", name)
		assert.Contains(t, l.Command, "--json", name)
		grid, err := layout.ParseDims(l.Grid)
		require.NoError(t, err)
		for mu := range layout.Nd {
			loc := grid[mu] / l.MPI[mu]
			assert.True(t, grid[mu]%l.MPI[mu] == 0 && loc%2 == 0, "%s: even local extents", name)
		}
	}
	return d
}

func TestRenderFugakuPJM(t *testing.T) {
	m, err := LoadMachine("fugaku")
	require.NoError(t, err)
	req := Request{Machine: "fugaku", Nodes: []int{16, 1, 2, 4, 8}, Grid: "32.32.32.64", RunDir: "/vol0004/data/run",
		Account: "hp123456", Elapse: "01:00:00", RanksPerNode: 4, Threads: 12}
	files, err := Render(req)
	require.NoError(t, err)
	js := scripts(files)
	require.Len(t, js, 5)
	for _, n := range []int{1, 2, 4, 8, 16} {
		name := fmt.Sprintf("job-%d-%d.sh", n, 4*n)
		text, ok := js[name]
		require.True(t, ok, "missing %s", name)
		d := checkScript(t, name, text, m, req)
		assert.Equal(t, n, d.Nodes, "%s: node=%s", name, d.NodeShape)
		assert.Equal(t, "small", d.Group)
		assert.Equal(t, "hp123456", d.Account)
		if n > 1 {
			assert.Regexp(t, `^[0-9]+x[0-9]+x[0-9]+$`, d.NodeShape, "fugaku asks for a 3-d node shape")
		} else {
			assert.Equal(t, "1", d.NodeShape)
		}
		require.Len(t, d.Launches, 1)
		assert.Equal(t, "mpiexec", d.Launches[0].Launcher)
		assert.Equal(t, n, d.Launches[0].Nodes)
		for _, want := range []string{"-L \"elapse=01:00:00\"", "--mpi \"max-proc-per-node=4\"", "--mpi \"rank-map-bychip\"",
			"-x PJM_LLIO_GFSCACHE=/vol0004", "-stdout-proc", "point-" + strconv.Itoa(n) + "-" + strconv.Itoa(4*n) + ".json",
			"env-" + strconv.Itoa(n) + "-" + strconv.Itoa(4*n) + ".txt"} {
			assert.Contains(t, text, want, name)
		}
	}
	var submit, readme, expected string
	for _, f := range files {
		switch f.Name {
		case SubmitScript:
			submit = string(f.Data)
			assert.Equal(t, os.FileMode(0o755), f.Mode)
		case ReadmeFile:
			readme = string(f.Data)
		case ExpectedFile:
			expected = string(f.Data)
		}
	}
	assert.Equal(t, 5, strings.Count(submit, "pjsub job-"), submit)
	assert.Contains(t, readme, "32.32.32.64")
	assert.Equal(t, "point-1-4.json\npoint-2-8.json\npoint-4-16.json\npoint-8-32.json\npoint-16-64.json\n", expected)
	shellSyntax(t, files)
}

func TestRenderSlurm(t *testing.T) {
	m, err := LoadMachine("generic-slurm")
	require.NoError(t, err)
	for _, array := range []bool{false, true} {
		req := Request{Machine: "generic-slurm", Nodes: []int{1, 2, 4, 8}, Grid: "24.24.24.48", RunDir: "/scratch/run",
			Account: "proj", Partition: "compute", RanksPerNode: 8, Threads: 8, Elapse: "00:20:00", ArrayJob: array}
		files, err := Render(req)
		require.NoError(t, err)
		js := scripts(files)
		if array {
			require.Len(t, js, 1)
			d := checkScript(t, "job-all.sh", js["job-all.sh"], m, req)
			assert.Equal(t, 8, d.Nodes, "the sequential job allocates the largest count")
			require.Len(t, d.Launches, 4)
			for i, n := range []int{1, 2, 4, 8} {
				assert.Equal(t, n, d.Launches[i].Nodes, "smallest first")
			}
		} else {
			require.Len(t, js, 4)
			for name, text := range js {
				d := checkScript(t, name, text, m, req)
				assert.Equal(t, "compute", d.Group)
				assert.Equal(t, "proj", d.Account)
				assert.Equal(t, req.Threads, d.CPUsPerTask)
				require.Len(t, d.Launches, 1)
				assert.Equal(t, "srun", d.Launches[0].Launcher)
				assert.Equal(t, d.Nodes, d.Launches[0].Nodes)
			}
		}
		shellSyntax(t, files)
	}
}

// shellSyntax runs bash -n on the scripts (skipped without bash).
func shellSyntax(t *testing.T, files []File) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Log("no bash: shell syntax not checked")
		return
	}
	dir := t.TempDir()
	require.NoError(t, WriteFiles(dir, files))
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".sh") {
			continue
		}
		p := filepath.Join(dir, f.Name)
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o755), fi.Mode().Perm(), f.Name)
		out, err := exec.Command(bash, "-n", p).CombinedOutput()
		assert.NoError(t, err, "bash -n %s: %s", f.Name, out)
	}
}

func TestRenderValidates(t *testing.T) {
	base := Request{Machine: "fugaku", Nodes: []int{1, 2}, Grid: "16.16.16.16", RunDir: "/r"}
	cases := []struct {
		name string
		edit func(*Request)
		want []string
	}{
		{"unsplittable", func(r *Request) { r.Grid = "6.6.6.6"; r.Nodes = []int{1, 2} },
			[]string{"4 ranks", "8 ranks", "6.6.6.6"}},
		{"unknown machine", func(r *Request) { r.Machine = "k-computer" },
			[]string{`unknown machine "k-computer"`, "fugaku", "generic-slurm"}},
		{"too many threads", func(r *Request) { r.Threads = 13 },
			[]string{"13 threads x 4 ranks per node = 52 exceeds the 48 cores"}},
		{"too many nodes", func(r *Request) { r.Nodes = []int{20000} },
			[]string{"20000 nodes", "large"}},
		{"bad elapse", func(r *Request) { r.Elapse = "30min" }, []string{"elapse"}},
		{"duplicate", func(r *Request) { r.Nodes = []int{2, 2} }, []string{"given twice"}},
		{"no rundir", func(r *Request) { r.RunDir = "" }, []string{"no run folder"}},
		{"quote", func(r *Request) { r.RunDir = `/a"b` }, []string{"run folder"}},
		{"scheduler", func(r *Request) { r.Scheduler = "slurm" }, []string{"uses the scheduler pjm, not slurm"}},
		{"simd", func(r *Request) { r.Grid = "8.8.8.8"; r.Nodes = []int{8}; r.SIMD = 16 }, []string{"SIMD width W = 16"}},
	}
	for _, c := range cases {
		r := base
		c.edit(&r)
		files, err := Render(r)
		require.Error(t, err, c.name)
		assert.Nil(t, files, "%s: nothing is rendered", c.name)
		for _, w := range c.want {
			assert.Contains(t, err.Error(), w, c.name)
		}
	}
	// 385 nodes go to the large group.
	r := base
	r.Grid = "64.64.64.128"
	r.Nodes = []int{512}
	files, err := Render(r)
	require.NoError(t, err)
	d, err := ParseScript(scripts(files)["job-512-2048.sh"])
	require.NoError(t, err)
	assert.Equal(t, "large", d.Group)
}

func TestProcessGrid(t *testing.T) {
	grid := [layout.Nd]int{64, 64, 64, 128}
	for _, nodes := range []int{1, 2, 4, 8, 16, 64, 256, 1024} {
		p, err := ProcessGrid(grid, nodes, 4)
		require.NoError(t, err, "%d nodes", nodes)
		assert.Equal(t, 4*nodes, product(p))
		_, ok := NodeShape(p, 4)
		assert.True(t, ok, "%d nodes: process grid %v puts the ranks of a node in a block", nodes, p)
		// No worse a halo surface per rank than layout.AutoProcs when that
		// grid is a node block too.
		if a, err := layout.AutoProcs(grid, 4*nodes); err == nil {
			if _, blocked := NodeShape(a, 4); blocked {
				assert.LessOrEqual(t, surface(grid, p), surface(grid, a), "%d nodes: %v vs AutoProcs %v", nodes, p, a)
			}
		}
	}
	_, err := ProcessGrid([layout.Nd]int{6, 6, 6, 6}, 4, 4)
	assert.ErrorContains(t, err, "16 ranks")
	_, err = ProcessGrid(grid, 3, 4)
	assert.ErrorContains(t, err, "12 ranks", "3 divides no extent of 64^3x128")

	chooser := ProcsChooser(grid, 4)
	p, err := chooser(64)
	require.NoError(t, err)
	q, _ := ProcessGrid(grid, 16, 4)
	assert.Equal(t, q, p)
	_, err = chooser(6)
	assert.Error(t, err)
}

func surface(grid, p [layout.Nd]int) int {
	vol := product(grid) / product(p)
	s := 0
	for mu := range layout.Nd {
		if p[mu] > 1 {
			s += vol * p[mu] / grid[mu]
		}
	}
	return s
}

func TestNodeShape(t *testing.T) {
	for _, c := range []struct {
		procs [layout.Nd]int
		rpn   int
		shape [3]int
	}{
		{[layout.Nd]int{4, 8, 8, 16}, 4, [3]int{8, 8, 16}}, // node grid 1.8.8.16: merge x into y
		{[layout.Nd]int{8, 8, 8, 8}, 4, [3]int{16, 8, 8}},  // node grid 2.8.8.8: merge x and y
		{[layout.Nd]int{1, 2, 4, 8}, 4, [3]int{1, 2, 8}},   // node block 1.2.2.1, node grid 1.1.2.8
		{[layout.Nd]int{1, 1, 1, 4}, 4, [3]int{1, 1, 1}},   // one node
		{[layout.Nd]int{2, 4, 4, 4}, 1, [3]int{8, 4, 4}},   // one rank a node: merge x (2, the smallest) into y
	} {
		s, ok := NodeShape(c.procs, c.rpn)
		require.True(t, ok)
		assert.Equal(t, c.shape, s, "%v over %d", c.procs, c.rpn)
		assert.Equal(t, product(c.procs)/c.rpn, s[0]*s[1]*s[2])
	}
	_, ok := NodeShape([layout.Nd]int{6, 1, 1, 1}, 4)
	assert.False(t, ok)
}

func TestMachines(t *testing.T) {
	assert.Equal(t, []string{"fugaku", "generic-slurm"}, Machines())
	for _, n := range Machines() {
		m, err := LoadMachine(n)
		require.NoError(t, err, n)
		require.NotNil(t, m.Model, "%s has a [model] section", n)
		assert.Equal(t, n, m.Model.Name)
		assert.Equal(t, m.RanksPerNode, m.Model.RanksPerNode, "%s: the model's ranks per node are the jobs'", n)
	}
	f, err := LoadMachine("fugaku")
	require.NoError(t, err)
	assert.Equal(t, 48, f.CoresPerNode)
	assert.Equal(t, "pjm", f.Scheduler)

	// A user file, by path, with an unknown key.
	data, err := MachineFile("generic-slurm")
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "mine.toml")
	require.NoError(t, os.WriteFile(p, append(data, []byte("\nfavourite_colour = \"blue\"\n")...), 0o644))
	_, err = LoadMachine(p)
	assert.ErrorContains(t, err, "favourite_colour")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	m, err := LoadMachine(p)
	require.NoError(t, err)
	assert.Equal(t, p, m.Source)
	_, err = MachineFile("nope")
	assert.ErrorContains(t, err, "fugaku, generic-slurm")
}

func TestParseScriptErrors(t *testing.T) {
	_, err := ParseScript("#!/bin/sh\necho hi\n")
	assert.ErrorContains(t, err, "no #PJM or #SBATCH")
	_, err = ParseScript("#SBATCH --nodes=2\nsrun -n 4 goqcd bench cg --grid 8.8.8.8\n")
	assert.ErrorContains(t, err, "no --mpi")
	_, err = ParseScript("#SBATCH --nodes=x\n")
	assert.ErrorContains(t, err, "--nodes")
	d, err := ParseScript("#PJM -L node=2x3x2:torus,rscgrp=small\n#PJM --mpi proc=48\nexport A='x y'\nmpiexec -np 48 \\\n  ./goqcd bench cg --mpi 2.2.3.4 --threads 4\n")
	require.NoError(t, err)
	assert.Equal(t, 12, d.Nodes)
	assert.Equal(t, "small", d.Group)
	assert.Equal(t, 48, d.Procs)
	assert.Equal(t, "x y", d.Env["A"])
	require.Len(t, d.Launches, 1)
	assert.Equal(t, 48, d.Launches[0].NP)
	assert.Equal(t, [layout.Nd]int{2, 2, 3, 4}, d.Launches[0].MPI)
}

// TestScripts checks the shell glue in scripts/: syntax, and that
// env-capture.sh writes its sections.
func TestScripts(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, s := range []string{"env-capture.sh", "collect.sh"} {
		p := filepath.Join("..", "scripts", s)
		out, err := exec.Command(sh, "-n", p).CombinedOutput()
		assert.NoError(t, err, "sh -n %s: %s", s, out)
	}
	out := filepath.Join(t.TempDir(), "env.txt")
	cmd := exec.Command(sh, filepath.Join("..", "scripts", "env-capture.sh"), out, "/nonexistent/goqcd")
	cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=3", "GOQCD_KERNELS=go")
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	text := string(data)
	for _, want := range []string{"host: ", "cpu: ", "## modules", "## mpi", "## goqcd", "## environment",
		"OMP_NUM_THREADS=3", "GOQCD_KERNELS=go", "not found"} {
		assert.Contains(t, text, want)
	}
	// collect.sh names a missing point and hands over to goqcd.
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ExpectedFile), []byte("point-1-4.json\n"), 0o644))
	cmd = exec.Command(sh, filepath.Join("..", "scripts", "collect.sh"), dir)
	cmd.Env = append(os.Environ(), "GOQCD=echo")
	b, err = cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	assert.Contains(t, string(b), "missing or empty: "+dir+"/point-1-4.json")
	assert.Contains(t, string(b), "scaling --collect "+dir)
	cmd = exec.Command(sh, filepath.Join("..", "scripts", "collect.sh"), dir)
	cmd.Env = append(os.Environ(), "GOQCD=echo", "COLLECT_STRICT=1")
	assert.Error(t, cmd.Run(), "strict collection fails on a missing point")
}
