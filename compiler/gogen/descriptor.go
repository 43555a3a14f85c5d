package gogen

import (
	"slices"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// descriptorMembers are the members of a descriptor the runtime's shared
// descriptor code decodes (engine.Descriptor), in the order it reads them,
// and descriptorRequired the required ones in the order it checks them.
var (
	descriptorMembers  = []string{"codeValue", "description", "effectiveBeginDate", "effectiveEndDate", "namespace", "shortDescription"}
	descriptorRequired = []string{"namespace", "codeValue", "shortDescription"}
)

// sharedDescriptor reports whether m's resource is a descriptor the
// runtime's shared descriptor code serves, reads and writes: its read plan
// is the standard one (sharedDescriptorRead), its document has exactly the
// string members descriptorMembers, in that order, with descriptorRequired
// required in that order, and no constraint stage. Only the rules of its
// members (engine.DescriptorRules) are generated for it.
func sharedDescriptor(m *TypeModel) bool {
	if !sharedDescriptorRead(m) || len(m.Objects) != 1 || !slices.Equal(m.Root.Node.Required, descriptorRequired) {
		return false
	}
	w := m.Resource.Write
	if w == nil || len(w.Equality) > 0 || len(w.Uniqueness) > 0 || len(m.Root.Fields) != len(descriptorMembers) {
		return false
	}
	for i, fd := range m.Root.Fields {
		if fd.JSONName != descriptorMembers[i] || fd.Kind != ScalarField || fd.Node.Kind != spec.BodyString || fd.Node.Decimal != nil {
			return false
		}
	}
	return true
}

// descriptorAlias declares the document type of a shared descriptor: an
// alias of engine.Descriptor, its comment carrying the schema facts of
// each member.
func descriptorAlias(f *jen.File, m *TypeModel) {
	root := m.Root
	docComment(f, "%s is the document type of this descriptor, the runtime's engine.Descriptor: "+
		"its members are decoded, validated and flattened by the runtime's shared descriptor code with the rules of %s, "+
		"and read by engine.DescriptorRead.", root.Name, "its Codec")
	f.Comment("")
	for _, fd := range root.Fields {
		for i, line := range wrapComment(fieldComment(m, fd), commentWidth-4) {
			if i == 0 {
				f.Comment("  - " + line)
			} else {
				f.Comment("    " + line)
			}
		}
	}
	f.Type().Id(root.Name).Op("=").Qual(enginePkg, "Descriptor")
	f.Line()
}

// writeCodec is the Codec.Write of m's resource: write<Root>, or the
// runtime's shared descriptor write with the descriptor's rules.
func writeCodec(m *TypeModel) jen.Code {
	if !sharedDescriptor(m) {
		return jen.Id(writeFunc(m))
	}
	r := m.Resource
	rules := jen.Dict{
		jen.Id("ProjectName"):  jen.Lit(r.ProjectName),
		jen.Id("ResourceName"): jen.Lit(r.Name),
	}
	for _, fd := range m.Root.Fields {
		rules[jen.Id(fd.Name)] = stringRule(fd.Node)
	}
	return jen.Qual(enginePkg, "DescriptorWrite").Call(jen.Op("&").Qual(enginePkg, "DescriptorRules").Values(rules))
}
