package main

func init() {
	register(commands, &command{name: "run", args: "job.toml",
		summary: "run the job described by a TOML job file (see jobs/examples)",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			var ranks int
			addRanksFlag(fs, &ranks)
			check := fs.Bool("check", false, "validate and echo the job file, do not run it")
			resume := fs.Bool("resume", false, "continue from the checkpoint in [run] output (run kinds with checkpoints: quenched, hmc)")
			return func(x *cli, args []string) error {
				if len(args) != 1 {
					return inputf("run needs exactly one job file, got %d arguments (goqcd run [--ranks n] job.toml)", len(args))
				}
				j, err := loadJob(args[0])
				if err != nil {
					return err
				}
				j.resume = *resume
				if err := j.echo(x.out()); err != nil {
					return err
				}
				if *check {
					return nil
				}
				if ranks < 1 || ranks > maxRanks {
					return inputf("--ranks %d: out of range: allowed 1 to %d", ranks, maxRanks)
				}
				return x.onRanks(ranks, fs.given("ranks"), func(r rankEnv) error {
					return j.section.run(r, j)
				})
			}
		}})
}
