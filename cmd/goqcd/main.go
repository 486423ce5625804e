package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
)

func main() {
	x := &cli{stdout: os.Stdout, stderr: os.Stderr}
	stop := startProfile(os.Stderr)
	code := x.main(os.Args[1:])
	stop()
	if err := x.finalize(); err != nil && code == 0 {
		fmt.Fprintf(os.Stderr, "goqcd: %v\n", err)
		code = 1
	}
	os.Exit(code)
}

// run executes the command line args (without the program name), writing
// to stdout and stderr, and returns the exit status: 0 success, 1 a failed
// check or a run-time failure, 2 bad input. Tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	x := &cli{stdout: stdout, stderr: stderr}
	return x.main(args)
}

// cli is one invocation of goqcd: where it writes and, when launched by
// mpirun in an MPI build, the job's communicator.
type cli struct {
	stdout, stderr io.Writer
	world          comm.Comm // nil unless this process is one rank of an MPI job
}

// root reports whether this process prints: always with in-process ranks,
// only on rank 0 of an MPI job.
func (x *cli) root() bool { return x.world == nil || x.world.Rank() == 0 }

// out is where results go: stdout on the root, nowhere elsewhere.
func (x *cli) out() io.Writer {
	if x.root() {
		return x.stdout
	}
	return io.Discard
}

func (x *cli) main(args []string) int {
	if mpiLaunched() {
		c, err := comm.World()
		if err != nil {
			fmt.Fprintf(x.stderr, "goqcd: %v\n", err)
			return 1
		}
		x.world = c
	}
	if len(args) == 0 {
		code := x.fail(inputf("no command given"))
		if x.root() {
			fmt.Fprintln(x.stderr)
			x.usage(x.stderr)
		}
		return code
	}
	if isHelp(args[0]) {
		return x.help(args[1:])
	}
	c := commands[args[0]]
	if c == nil {
		return x.fail(inputf("unknown command %q: the commands are %s (goqcd help)", args[0], strings.Join(names(commands), ", ")))
	}
	if err := kernels.EnvError(); err != nil {
		return x.fail(inputf("%v", err))
	}
	err := c.execute(x, args[1:])
	if errors.Is(err, errHelp) {
		return 0
	}
	return x.fail(err)
}

// fail reports err (on the root only) and returns its exit status.
func (x *cli) fail(err error) int {
	if err == nil {
		return 0
	}
	code := exitCode(err)
	if x.root() && !errors.Is(err, errCheckFailed) {
		fmt.Fprintf(x.stderr, "goqcd: %s\n", message(err))
	}
	return code
}

// finalize ends MPI when this process initialised it. It is called once,
// from main: tests run many commands in one process and never finalize.
func (x *cli) finalize() error {
	if x.world == nil {
		return nil
	}
	return x.world.Finalize()
}

func (x *cli) usage(w io.Writer) {
	fmt.Fprintf(w, "goqcd %s: lattice QCD\n\nUsage: goqcd <command> [flags] [arguments]\n\nCommands:\n", Version)
	for _, name := range names(commands) {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintf(w, "\nRun 'goqcd help <command>' or 'goqcd <command> -h' for its flags.\n")
}

// help prints the usage of goqcd or of the command path in args
// (goqcd help bench halo).
func (x *cli) help(args []string) int {
	table, cmd := commands, (*command)(nil)
	for _, a := range args {
		c := table[a]
		if c == nil {
			return x.fail(inputf("help: unknown command %q", strings.Join(args, " ")))
		}
		cmd = c
		if table = c.subs; table == nil {
			break
		}
	}
	if cmd == nil {
		x.usage(x.out())
	} else {
		cmd.usage(x.out())
	}
	return 0
}
