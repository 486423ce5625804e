package jobs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"github.com/goqcd/goqcd/jobs/scaling"
)

// File is one file of a rendered study, named relative to the run folder.
type File struct {
	Name string
	Mode fs.FileMode
	Data []byte
}

// Names of the files Render writes besides the job scripts.
const (
	SubmitScript = "submit.sh"
	ReadmeFile   = "README.txt"
	ExpectedFile = "expected.txt" // the point files the jobs should write, one a line
	RequestFile  = "request.json" // the request, defaults applied, for the record
)

// templates are the embedded job templates: one per scheduler
// (pjm.tmpl, slurm.tmpl), the shared body (common.tmpl), submit.sh and
// README.txt.
var templates = template.Must(template.New("jobs").Funcs(template.FuncMap{
	"shq":  shellQuote,
	"join": func(xs []string, sep string) string { return strings.Join(xs, sep) },
	"shape": func(s [3]int) string {
		if s == ([3]int{}) {
			return ""
		}
		return fmt.Sprintf("%dx%dx%d", s[0], s[1], s[2])
	},
	"pair": func(d scriptData, p point) launchData { return launchData{D: d, P: p} },
}).ParseFS(templateFS, "templates/*.tmpl"))

// scriptData is what a job template sees.
type scriptData struct {
	M         *Machine
	R         Request
	Name      string  // job name
	Script    string  // file name of the script
	Tag       string  // "<nodes>-<ranks>" or "all"
	Nodes     int     // nodes allocated
	Ranks     int     // ranks allocated (Nodes x ranks per node)
	NodeSpec  string  // PJM node=... value
	Group     string  // PJM resource group
	Partition string  // Slurm partition
	Env       []kv    // more exports, sorted by name
	Points    []point // run in this order
}

type kv struct{ K, V string }

// launchData is what a launch template sees: the script and one point.
type launchData struct {
	D scriptData
	P point
}

// Render validates req and renders its batch scripts: one script per
// scaling point (job-<nodes>-<ranks>.sh), or with ArrayJob one script
// (job-all.sh) that runs every point in turn; submit.sh, which submits
// them; README.txt, which describes the study; expected.txt, the point
// files the jobs will write; request.json. Every problem (a lattice that
// cannot be split over a rank count, an unknown machine, more threads
// than cores, ...) is reported before anything is rendered.
func Render(req Request) ([]File, error) {
	req, m, pts, err := resolve(req)
	if err != nil {
		return nil, err
	}
	var files []File
	var scripts []string
	env := make([]kv, 0, len(m.Env))
	for k, v := range m.Env {
		env = append(env, kv{k, v})
	}
	slices.SortFunc(env, func(a, b kv) int { return strings.Compare(a.K, b.K) })
	jobs := [][]point{}
	if req.ArrayJob {
		jobs = append(jobs, pts)
	} else {
		for _, p := range pts {
			jobs = append(jobs, []point{p})
		}
	}
	for _, job := range jobs {
		last := job[len(job)-1] // the largest: points are sorted by nodes
		d := scriptData{M: m, R: req, Points: job, Nodes: last.Nodes, Ranks: last.Ranks, Env: env,
			Partition: req.Partition}
		d.Tag = last.Tag
		if len(job) > 1 {
			d.Tag = "all"
		}
		d.Name = req.Name + "-" + d.Tag
		d.Script = "job-" + d.Tag + ".sh"
		if m.Scheduler == "pjm" {
			if d.Group = req.Partition; d.Group == "" {
				d.Group, _ = m.group(last.Nodes)
			}
			d.NodeSpec = strconv.Itoa(last.Nodes)
			if m.PJM.NodeShape == "3d" && last.Shape != ([3]int{}) && last.Nodes > 1 {
				d.NodeSpec = fmt.Sprintf("%dx%dx%d", last.Shape[0], last.Shape[1], last.Shape[2])
			}
			if m.PJM.NodeAlloc != "" {
				d.NodeSpec += ":" + m.PJM.NodeAlloc
			}
		} else if d.Partition == "" {
			d.Partition = m.Slurm.Partition
		}
		var b bytes.Buffer
		if err := templates.ExecuteTemplate(&b, m.Scheduler+".tmpl", d); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", d.Script, err)
		}
		files = append(files, File{Name: d.Script, Mode: 0o755, Data: b.Bytes()})
		scripts = append(scripts, d.Script)
	}
	type aux struct {
		M       *Machine
		R       Request
		Points  []point
		Scripts []string
		Submit  string
	}
	a := aux{M: m, R: req, Points: pts, Scripts: scripts, Submit: map[string]string{"pjm": "pjsub", "slurm": "sbatch"}[m.Scheduler]}
	for _, t := range []struct {
		tmpl, name string
		mode       fs.FileMode
	}{{"submit.tmpl", SubmitScript, 0o755}, {"readme.tmpl", ReadmeFile, 0o644}} {
		var b bytes.Buffer
		if err := templates.ExecuteTemplate(&b, t.tmpl, a); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", t.name, err)
		}
		files = append(files, File{Name: t.name, Mode: t.mode, Data: b.Bytes()})
	}
	var exp bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&exp, "point-%s.json\n", p.Tag)
	}
	files = append(files, File{Name: ExpectedFile, Mode: 0o644, Data: exp.Bytes()})
	rj, err := json.MarshalIndent(req, "", "  ")
	if err != nil {
		return nil, err
	}
	files = append(files, File{Name: RequestFile, Mode: 0o644, Data: append(rj, '\n')})
	return files, nil
}

// WriteFiles writes rendered files into dir (created if missing), each
// atomically. Existing files of the same names are replaced; point files
// of an earlier run are not touched.
func WriteFiles(dir string, files []File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		data := f.Data
		err := scaling.WriteFileAtomic(filepath.Join(dir, f.Name), f.Mode, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// shellQuote quotes s for a POSIX shell: single quotes, with each single
// quote written as '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
