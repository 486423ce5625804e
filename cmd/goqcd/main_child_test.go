package main

import (
	"os"
	"strings"
	"testing"
)

// childMainEnv, when set in the environment of the test binary, makes it
// run goqcd with the arguments of the variable's value (space separated)
// instead of the tests: the kill -9 test starts goqcd as a child this way.
const childMainEnv = "GOQCD_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childMainEnv); args != "" {
		os.Exit(run(strings.Fields(args), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
