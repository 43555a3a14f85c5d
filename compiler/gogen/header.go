package gogen

import (
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// Version is the dmsc version generated files name in their header. It is
// a constant rather than build information so that the output stays a pure
// function of the input; a release raises it.
const Version = "v0.11.0"

// fileHeader is the comment every generated Go file starts with, as
// protoc-gen-go writes it: the generated-code line, the versions of the
// generator and of the code it writes, and the ApiSchema files (with the
// versions of their projects) the file was compiled from. It holds no
// time stamp and no path, so regenerating elsewhere changes nothing.
func fileHeader(sources []spec.Project) []string {
	lines := []string{
		Header,
		"versions:",
		"\tdmsc " + Version + " (generated code version " + strconv.Itoa(runtime.GenVersion) + ")",
		"source:",
	}
	for _, p := range sources {
		lines = append(lines, "\t"+p.SchemaFile+" ("+p.ProjectName+" "+p.Version+")")
	}
	return lines
}

// resourceSources are the projects a resource's plan comes from: its own
// and every extension project that adds members to it (an `_ext.{project}`
// member anywhere in its body), in the order of s.Projects.
func resourceSources(s *spec.Schema, r *spec.Resource) []spec.Project {
	endpoints := map[string]bool{r.ProjectEndpoint: true}
	if r.Write != nil {
		extensionProjects(r.Write.Body, endpoints)
	}
	var out []spec.Project
	for _, p := range s.Projects {
		if endpoints[p.EndpointName] {
			out = append(out, p)
		}
	}
	return out
}

// extensionProjects adds the project endpoint names of the `_ext` members
// under n to into.
func extensionProjects(n *spec.BodyNode, into map[string]bool) {
	if n == nil {
		return
	}
	for _, p := range n.Properties {
		if p.Name == "_ext" && p.Node != nil {
			for _, ext := range p.Node.Properties {
				into[ext.Name] = true
			}
		}
		extensionProjects(p.Node, into)
	}
	extensionProjects(n.Items, into)
}

// headerComment renders header lines as the Go comment a text-written
// generated file starts with.
func headerComment(lines []string) string {
	return "// " + strings.Join(lines, "\n// ")
}
