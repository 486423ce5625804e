package jobs

import (
	"embed"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/goqcd/goqcd/jobs/scaling"
)

//go:embed machines/*.toml
var machineFS embed.FS

//go:embed templates/*.tmpl
var templateFS embed.FS

// Machine is a machine file (machines/<name>.toml): the scheduler and its
// settings, the node's cores, the default ranks and threads, the
// environment of a run, and the performance model (the [model] section,
// read by package scaling).
type Machine struct {
	Name           string            `toml:"name"`
	Description    string            `toml:"description"`
	Scheduler      string            `toml:"scheduler"`      // "pjm" or "slurm"
	CoresPerNode   int               `toml:"cores_per_node"` // cores a job may use (threads x ranks <= this)
	RanksPerNode   int               `toml:"ranks_per_node"` // default of Request.RanksPerNode
	ThreadsPerRank int               `toml:"threads_per_rank"`
	Kernels        string            `toml:"kernels"` // GOQCD_KERNELS; empty: goqcd chooses
	Binary         string            `toml:"binary"`  // default of Request.Binary
	Env            map[string]string `toml:"env"`     // more variables to export
	Modules        []string          `toml:"modules"` // shell lines run before the launches (module load ...)
	PJM            PJM               `toml:"pjm"`
	Slurm          Slurm             `toml:"slurm"`

	Model *scaling.Model `toml:"-"` // the [model] section
	// Source is where the file came from: "embedded machines/x.toml" or a path.
	Source string `toml:"-"`
}

// PJM holds the settings of Fujitsu's job manager (pjsub).
type PJM struct {
	Groups []ResourceGroup `toml:"groups"` // resource groups by size, smallest first
	// Rscunit is the resource unit (-L rscunit=...); empty leaves it out.
	Rscunit string `toml:"rscunit"`
	// NodeShape is "3d" (node=AxBxC, derived from the process grid so that
	// neighbouring nodes hold neighbouring sub-lattices) or "1d" (node=N).
	NodeShape string `toml:"node_shape"`
	// NodeAlloc is appended to the node request as ":"+NodeAlloc
	// ("torus", "mesh", "noncont"); empty: the group's default.
	NodeAlloc string `toml:"node_alloc"`
	// RankMap is the rank-assignment rule (--mpi "..."), which must place
	// consecutive ranks on one node (the process-grid heuristic assumes
	// it); empty leaves it out.
	RankMap string `toml:"rank_map"`
	// StdoutProc makes mpiexec write each rank's output to files
	// (-stdout-proc/-stderr-proc) in the point's folder; rank 0's is then
	// copied to the point file.
	StdoutProc bool `toml:"stdout_proc"`
	// Options are more #PJM lines, verbatim ("-x PJM_LLIO_GFSCACHE=/vol0004", "-S").
	Options []string `toml:"options"`
}

// ResourceGroup is a PJM resource group and the most nodes it takes.
type ResourceGroup struct {
	Name     string `toml:"name"`
	MaxNodes int    `toml:"max_nodes"`
}

// Slurm holds the settings of Slurm (sbatch).
type Slurm struct {
	Partition string `toml:"partition"` // default of Request.Partition; empty leaves it out
	// Launcher is "srun" or "mpirun".
	Launcher string `toml:"launcher"`
	// SrunMPI is srun's --mpi plugin ("pmix", "pmi2"); empty leaves it out.
	SrunMPI string `toml:"srun_mpi"`
	// LauncherOptions are added to the launch line verbatim (e.g. mpirun's
	// "--map-by ppr:8:node:PE=8 --bind-to core").
	LauncherOptions string `toml:"launcher_options"`
	// Options are more #SBATCH lines, verbatim ("--exclusive").
	Options []string `toml:"options"`
}

// Machines returns the names of the embedded machine files.
func Machines() []string {
	ents, _ := machineFS.ReadDir("machines")
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	slices.Sort(names)
	return names
}

// LoadMachine returns the machine of an embedded file by name ("fugaku")
// or of a user file by path (anything ending in .toml or containing a
// path separator). An unknown name is an error that lists the known ones.
func LoadMachine(nameOrPath string) (*Machine, error) {
	var data []byte
	var source string
	if strings.HasSuffix(nameOrPath, ".toml") || strings.ContainsRune(nameOrPath, os.PathSeparator) {
		b, err := os.ReadFile(nameOrPath)
		if err != nil {
			return nil, fmt.Errorf("machine file: %w", err)
		}
		data, source = b, nameOrPath
	} else {
		p := path.Join("machines", nameOrPath+".toml")
		b, err := machineFS.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("unknown machine %q: the known machines are %s (or give the path of a .toml machine file)",
				nameOrPath, strings.Join(Machines(), ", "))
		}
		data, source = b, "embedded "+p
	}
	return ParseMachine(data, source)
}

// MachineFile returns the text of an embedded machine file, to copy and
// edit (goqcd jobs --show-machine fugaku > my.toml).
func MachineFile(name string) ([]byte, error) {
	b, err := machineFS.ReadFile(path.Join("machines", name+".toml"))
	if err != nil {
		return nil, fmt.Errorf("unknown machine %q: the known machines are %s", name, strings.Join(Machines(), ", "))
	}
	return b, nil
}

// ParseMachine reads a machine file; source names it in messages. Keys
// that no section knows are errors that name them.
func ParseMachine(data []byte, source string) (*Machine, error) {
	var m Machine
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	var unknown []string
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "model" {
			continue // read by scaling.ParseModel
		}
		unknown = append(unknown, k.String())
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%s: unknown keys %s", source, strings.Join(unknown, ", "))
	}
	m.Source = source
	if md.IsDefined("model") {
		if m.Model, err = scaling.ParseModel(data, source); err != nil {
			return nil, err
		}
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return &m, nil
}

func (m *Machine) validate() error {
	switch {
	case m.Name == "":
		return fmt.Errorf("name is missing")
	case m.CoresPerNode < 1:
		return fmt.Errorf("cores_per_node = %d: must be at least 1", m.CoresPerNode)
	case m.RanksPerNode < 1:
		return fmt.Errorf("ranks_per_node = %d: must be at least 1", m.RanksPerNode)
	case m.ThreadsPerRank < 1:
		return fmt.Errorf("threads_per_rank = %d: must be at least 1", m.ThreadsPerRank)
	case m.RanksPerNode*m.ThreadsPerRank > m.CoresPerNode:
		return fmt.Errorf("ranks_per_node %d x threads_per_rank %d exceeds cores_per_node %d", m.RanksPerNode, m.ThreadsPerRank, m.CoresPerNode)
	}
	switch m.Kernels {
	case "", "go", "avx2", "avx512", "neon", "sve":
	default:
		return fmt.Errorf("kernels = %q: must be go, avx2, avx512, neon, sve or empty", m.Kernels)
	}
	for k := range m.Env {
		if !isShellName(k) {
			return fmt.Errorf("env key %q is not a shell variable name", k)
		}
	}
	switch m.Scheduler {
	case "pjm":
		if len(m.PJM.Groups) == 0 {
			return fmt.Errorf("[pjm] groups: at least one resource group is needed")
		}
		for i, g := range m.PJM.Groups {
			if g.Name == "" || g.MaxNodes < 1 || (i > 0 && g.MaxNodes <= m.PJM.Groups[i-1].MaxNodes) {
				return fmt.Errorf("[pjm] groups[%d]: each group needs a name and a max_nodes larger than the previous group's", i)
			}
		}
		switch m.PJM.NodeShape {
		case "1d", "3d":
		default:
			return fmt.Errorf("[pjm] node_shape = %q: must be 1d or 3d", m.PJM.NodeShape)
		}
	case "slurm":
		switch m.Slurm.Launcher {
		case "srun", "mpirun", "mpiexec":
		default:
			return fmt.Errorf("[slurm] launcher = %q: must be srun, mpirun or mpiexec", m.Slurm.Launcher)
		}
	default:
		return fmt.Errorf("scheduler = %q: must be pjm or slurm", m.Scheduler)
	}
	return nil
}

// group returns the smallest PJM resource group that takes nodes.
func (m *Machine) group(nodes int) (string, error) {
	for _, g := range m.PJM.Groups {
		if nodes <= g.MaxNodes {
			return g.Name, nil
		}
	}
	last := m.PJM.Groups[len(m.PJM.Groups)-1]
	return "", fmt.Errorf("%d nodes: more than the largest resource group of %s takes (%s, %d nodes)", nodes, m.Name, last.Name, last.MaxNodes)
}

func isShellName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
