# METADATA
# title: Input shapes
# description: |
#   Normalises the shapes stridegate's three runtimes hand to Rego into one list of
#   documents: a single document (conftest without --combine, one harness input), the
#   combined [{path, contents}] list (conftest --combine, the harness's file set) and a
#   Gatekeeper review (input.review.object).
# custom:
#   library: true
package lib.docs

# combined is true when input is conftest's --combine shape: [{path, contents}, ...].
combined if {
	is_array(input)
	count(input) > 0
	every entry in input {
		is_object(entry)
		entry.path
		"contents" in object.keys(entry)
	}
}

# gatekeeper is true when the input is a Gatekeeper admission review or audit input.
gatekeeper if {
	input.review.object
}

# documents lists every non-null document as {path, index, contents}. path is "" when the
# runtime does not say which file a document came from.
documents contains {"path": entry.path, "index": i, "contents": entry.contents} if {
	combined
	some i, entry in input
	entry.contents != null
}

documents contains {"path": "", "index": 0, "contents": input.review.object} if {
	not combined
	gatekeeper
}

documents contains {"path": "", "index": 0, "contents": input} if {
	not combined
	not gatekeeper
	input != null
}

# dir returns the directory part of a path ("" for a bare file name).
dir(path) := d if {
	parts := split(path, "/")
	count(parts) > 1
	d := concat("/", array.slice(parts, 0, count(parts) - 1))
} else := ""

# base returns the last path element.
base(path) := b if {
	parts := split(path, "/")
	b := parts[count(parts) - 1]
}

# join joins a directory and a relative path, collapsing "." and ".." segments.
join(d, rel) := normalize(sprintf("%s/%s", [d, rel])) if d != ""

join("", rel) := normalize(rel)

# normalize collapses "./", "//" and up to eight levels of "seg/../" in a path.
normalize(p) := out if {
	s0 := regex.replace(regex.replace(sprintf("/%s/", [p]), `/(\./)+`, "/"), `/+`, "/")
	s1 := _up(_up(_up(_up(_up(_up(_up(_up(s0))))))))
	out := trim(s1, "/")
}

_up(s) := regex.replace(s, `/[^/.][^/]*/\.\./|/\.[^/.][^/]*/\.\./|/\.\.[^/]+/\.\./`, "/")
