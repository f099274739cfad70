package input

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxHCLNesting bounds the bracket nesting of an HCL file. The HCL parser recurses once per
// level with large frames (100,000 levels overflow Go's 1 GB stack, which is fatal, not a
// recoverable panic), so deeper files are rejected before parsing. Real Terraform never
// comes near it. JSON and YAML have their decoders' own bound of 10,000 levels.
const MaxHCLNesting = 1000

// checkHCLNesting rejects HCL whose nesting of brackets, strings and template
// interpolations exceeds MaxHCLNesting, naming the line where it does.
func checkHCLNesting(data []byte) error {
	if line := hclNesting(data, MaxHCLNesting); line > 0 {
		return fmt.Errorf("line %d: nesting deeper than %d levels", line, MaxHCLNesting)
	}
	return nil
}

// hclNesting scans HCL source and returns the line at which nesting first exceeds limit,
// or 0. Comments and the literal parts of strings and heredocs do not count; their
// ${...} and %{...} interpolations do.
func hclNesting(data []byte, limit int) int {
	const (
		str      = '"'
		heredoc  = 'h'
		template = 't'
	)
	var stack []byte
	var markers [][]byte
	line := 1
	push := func(b byte) bool {
		stack = append(stack, b)
		return len(stack) > limit
	}
	top := func() byte {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1]
	}
	pop := func() { stack = stack[:len(stack)-1] }
	n := len(data)
	for i := 0; i < n; i++ {
		c := data[i]
		next := byte(0)
		if i+1 < n {
			next = data[i+1]
		}
		switch top() {
		case str, heredoc:
			switch {
			case c == '\n':
				line++
				if top() == heredoc {
					end := bytes.IndexByte(data[i+1:], '\n')
					if end < 0 {
						end = n - i - 1
					}
					if bytes.Equal(bytes.TrimSpace(data[i+1:i+1+end]), markers[len(markers)-1]) {
						pop()
						markers = markers[:len(markers)-1]
						i += end
					}
				}
			case c == '\\' && top() == str:
				i++
			case (c == '$' || c == '%') && next == c && i+2 < n && data[i+2] == '{':
				i += 2 // $${ and %%{ are literal
			case (c == '$' || c == '%') && next == '{':
				i++
				if push(template) {
					return line
				}
			case c == '"' && top() == str:
				pop()
			}
			continue
		}
		switch c {
		case '\n':
			line++
		case '#':
			i = skipLine(data, i)
		case '/':
			switch next {
			case '/':
				i = skipLine(data, i)
			case '*':
				end := bytes.Index(data[i+2:], []byte("*/"))
				if end < 0 {
					end = n - i - 2
				}
				line += bytes.Count(data[i:i+2+end], []byte("\n"))
				i += end + 3
			}
		case '"':
			if push(str) {
				return line
			}
		case '<':
			if marker, end := heredocMarker(data, i); marker != nil {
				markers = append(markers, marker)
				if push(heredoc) {
					return line
				}
				i = end - 1 // the newline is handled in heredoc mode
			}
		case '{', '[', '(':
			if push(c) {
				return line
			}
		case '}', ']', ')':
			if t := top(); t == '{' || t == '[' || t == '(' || t == template {
				pop()
			}
		}
	}
	return 0
}

// skipLine returns the index of the newline ending the line at i (or the last index).
func skipLine(data []byte, i int) int {
	end := bytes.IndexByte(data[i:], '\n')
	if end < 0 {
		return len(data) - 1
	}
	return i + end - 1 // the newline itself is counted by the caller's next iteration
}

// heredocMarker recognises `<<EOF` / `<<-EOF` at i followed by the end of the line, and
// returns the marker and the index of that newline.
func heredocMarker(data []byte, i int) ([]byte, int) {
	j := i + 2
	if j > len(data) || data[i+1] != '<' {
		return nil, 0
	}
	if j < len(data) && data[j] == '-' {
		j++
	}
	start := j
	for j < len(data) && (data[j] == '_' || data[j] == '-' || data[j] >= 'a' && data[j] <= 'z' || data[j] >= 'A' && data[j] <= 'Z' || data[j] >= '0' && data[j] <= '9' && j > start) {
		j++
	}
	if j == start {
		return nil, 0
	}
	k := j
	for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r') {
		k++
	}
	if k < len(data) && data[k] != '\n' {
		return nil, 0
	}
	return data[start:j], k
}

// invalidUTF8Line returns the 1-based line of the first invalid UTF-8 sequence, or 0.
func invalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1
		}
		i += size
	}
	return 0
}

// oneLineError flattens a message to one line, so each bad input is one stderr line.
func oneLineError(s string) string {
	if !bytes.ContainsAny([]byte(s), "\r\n\t") {
		return s
	}
	return oneLine(s)
}
