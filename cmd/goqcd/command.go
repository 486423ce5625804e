package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// command is one subcommand of goqcd. A subcommand lives in its own file
// and registers itself from an init function:
//
//	func init() {
//		register(commands, &command{name: "measure", args: "config...",
//			summary: "measure observables on gauge configurations",
//			flags: func(fs *flagSet) func(x *cli, args []string) error {
//				lat := addLatticeFlags(fs)
//				return func(x *cli, args []string) error { ... }
//			}})
//	}
//
// A command with subcommands of its own (bench halo, bench dslash, ...)
// has subs instead of flags, and its subcommands register in subs.
type command struct {
	name    string // as typed; "bench halo" for a subcommand
	summary string // one line, lower case, no final period
	args    string // synopsis of the positional arguments, for the usage line
	// flags defines the command's flags on fs and returns the function
	// that runs the command with the positional arguments, once fs is
	// parsed. Help calls it too, to list the flags.
	flags func(fs *flagSet) func(x *cli, args []string) error
	subs  map[string]*command
}

// commands are the subcommands of goqcd, by name.
var commands = map[string]*command{}

// register adds c to the table; two with one name is a programming error.
func register(table map[string]*command, c *command) {
	key := c.name[strings.LastIndexByte(c.name, ' ')+1:]
	if table[key] != nil {
		panic("goqcd: command " + c.name + " registered twice")
	}
	table[key] = c
}

func names(table map[string]*command) []string {
	var n []string
	for k := range table {
		n = append(n, k)
	}
	slices.Sort(n)
	return n
}

// execute parses args for c and runs it.
func (c *command) execute(x *cli, args []string) error {
	if c.subs != nil {
		if len(args) == 0 || isHelp(args[0]) {
			if len(args) == 0 {
				return inputf("%s needs a subcommand: %s (goqcd help %s)", c.name, strings.Join(names(c.subs), ", "), c.name)
			}
			c.usage(x.out())
			return errHelp
		}
		s := c.subs[args[0]]
		if s == nil {
			return inputf("unknown subcommand %q of %s: the subcommands are %s", args[0], c.name, strings.Join(names(c.subs), ", "))
		}
		return s.execute(x, args[1:])
	}
	fs := newFlagSet(c)
	runCmd := c.flags(fs)
	pos, err := fs.parse(args, x.out())
	if err != nil {
		return err
	}
	return runCmd(x, pos)
}

// usage prints the command's synopsis, its flags or its subcommands.
func (c *command) usage(w io.Writer) {
	if c.subs != nil {
		fmt.Fprintf(w, "Usage: goqcd %s <subcommand> [flags]\n\n%s.\n\nSubcommands:\n", c.name, upperFirst(c.summary))
		for _, n := range names(c.subs) {
			fmt.Fprintf(w, "  %-10s %s\n", n, c.subs[n].summary)
		}
		return
	}
	fs := newFlagSet(c)
	c.flags(fs)
	fmt.Fprintf(w, "Usage: goqcd %s [flags] %s\n\n%s.\n", c.name, c.args, upperFirst(c.summary))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintf(w, "\nFlags (--name or -name):\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func isHelp(a string) bool {
	switch a {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// flagSet is a flag.FlagSet that reports its errors as bad input and
// accepts flags after positional arguments (goqcd run job.toml --ranks 2).
type flagSet struct {
	*flag.FlagSet
	cmd *command
}

func newFlagSet(c *command) *flagSet {
	fs := flag.NewFlagSet("goqcd "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned and printed once, by main
	return &flagSet{FlagSet: fs, cmd: c}
}

// errHelp ends a command after -h printed its usage (exit status 0).
var errHelp = errors.New("help requested")

// parse parses flags anywhere among args and returns the positional
// arguments ("--" ends the flags). -h prints the usage on out and returns
// errHelp.
func (fs *flagSet) parse(args []string, out io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.cmd.usage(out)
				return nil, errHelp
			}
			return nil, inputf("%s: %v (see goqcd %s -h)", fs.cmd.name, err, fs.cmd.name)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// given reports whether the flag was set on the command line.
func (fs *flagSet) given(name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
