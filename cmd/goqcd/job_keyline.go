package main

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// The TOML decoder does not say where a key is, so the job file is scanned
// for it: line by line, tracking the current table header, a key is found
// on the first line that defines it (key = ..., or a dotted key), or a
// table whose header names it or a table under it. Multi-line strings and
// arrays are not tracked; for a key inside one the answer may be early or
// 0, which only costs the line number in a message.

// keyLine is the 1-based line of key k in the TOML text, 0 if not found.
func keyLine(text string, k toml.Key) int {
	var table toml.Key
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(stripComment(line))
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[["):
			table = parseKey(strings.TrimSuffix(strings.TrimPrefix(line, "[["), "]]"))
			if hasPrefix(table, k) {
				return i + 1
			}
		case strings.HasPrefix(line, "["):
			table = parseKey(strings.TrimSuffix(strings.TrimPrefix(line, "["), "]"))
			if hasPrefix(table, k) {
				return i + 1
			}
		default:
			name, _, ok := cutUnquoted(line, '=')
			if !ok {
				continue
			}
			full := append(append(toml.Key{}, table...), parseKey(name)...)
			if hasPrefix(full, k) {
				return i + 1
			}
		}
	}
	return 0
}

// parseKey splits a dotted key, bare or quoted parts, into its parts.
func parseKey(s string) toml.Key {
	var k toml.Key
	for {
		part, rest, more := cutUnquoted(s, '.')
		part = strings.TrimSpace(part)
		if len(part) >= 2 && (part[0] == '"' || part[0] == '\'') && part[len(part)-1] == part[0] {
			part = part[1 : len(part)-1]
		}
		k = append(k, part)
		if !more {
			return k
		}
		s = rest
	}
}

// cutUnquoted cuts s around the first sep outside quotes.
func cutUnquoted(s string, sep byte) (before, after string, found bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == sep:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// stripComment removes a # comment that is not inside a string.
func stripComment(line string) string {
	before, _, _ := cutUnquoted(line, '#')
	return before
}
