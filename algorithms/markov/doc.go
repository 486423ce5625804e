// Package markov drives a Markov chain of gauge configurations: any
// Updater (heatbath sweeps, HMC trajectories, RHMC, self-learning HMC)
// advanced step by step, with measurements written as JSON lines,
// configurations saved every so many steps, progress lines on rank 0, and
// checkpoints from which a killed run resumes bit for bit.
//
// # Checkpoints
//
// A checkpoint is the configuration (ILDG, float64, written to a temporary
// name, synced and renamed), plus checkpoint.json naming it with the step
// number and the updater's random-stream state, written the same way after
// the configuration. A run killed at any moment leaves either the previous
// checkpoint or the new one complete; Resume reads checkpoint.json, loads
// its configuration, truncates the JSON-lines history to the steps the
// checkpoint has done, and continues: the continued history is the same,
// bit for bit, as that of an uninterrupted run.
//
// # Files
//
//	updater.go     Updater, Record
//	driver.go      Options, Run
//	checkpoint.go  Checkpoint, writing and resuming
//	history.go     the JSON-lines history file
//
// Run and Resume are collective: every rank calls them; rank 0 writes the
// files.
package markov
