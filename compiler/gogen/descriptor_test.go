package gogen_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/compiler/gogen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// A descriptor with the standard members is served by the runtime's shared
// descriptor code, its rules generated as data; one whose shape differs
// in any way the shared code assumes gets generated decode and flatten
// code of its own.
func TestSharedDescriptorOnlyForTheStandardShape(t *testing.T) {
	const file, typ = "edfi_gradeleveldescriptors.go", "EdfiGradeLevelDescriptor"
	shared := []string{"type " + typ + " = engine.Descriptor", "Write: engine.DescriptorWrite(&engine.DescriptorRules{", `ResourceName: "GradeLevelDescriptor",`}
	own := []string{"type " + typ + " struct {", "func read" + typ + "(", "func (o *" + typ + ") Flatten() *engine.FlatDoc {", "Write: write" + typ + ","}
	check := func(t *testing.T, s *spec.Schema, present, absent []string) {
		t.Helper()
		files, err := gogen.Generate(s, gogen.Options{Package: "defaultschema", ImportPath: "example.com/gen/default"})
		if err != nil {
			t.Fatal(err)
		}
		src := string(files[file])
		for _, want := range present {
			if !strings.Contains(src, want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
		for _, unwanted := range absent {
			if strings.Contains(src, unwanted) {
				t.Errorf("%s has %q", file, unwanted)
			}
		}
	}
	check(t, bundledPlans(t), shared, own)
	for _, c := range []struct {
		name      string
		breakBody func(b *spec.BodyNode)
	}{
		{"required in another order", func(b *spec.BodyNode) { slices.Reverse(b.Required) }},
		{"a member more", func(b *spec.BodyNode) {
			b.Properties = append(b.Properties, spec.BodyProperty{Name: "priorDescriptor", Node: &spec.BodyNode{Kind: spec.BodyString, MinLength: -1, MaxLength: -1}})
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := bundledPlans(t)
			for _, r := range s.Resources {
				if r.Name == "GradeLevelDescriptor" {
					c.breakBody(r.Write.Body)
				}
			}
			check(t, s, own, shared)
		})
	}
}
