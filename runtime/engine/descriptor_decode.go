package engine

import (
	"context"

	"github.com/edfi-dmsc/dmsc/runtime/identity"
	"github.com/edfi-dmsc/dmsc/runtime/jsonr"
	"github.com/edfi-dmsc/dmsc/runtime/opt"
)

// Every descriptor resource whose schema has exactly the standard members,
// in the standard order, decodes and flattens its bodies the same way; only
// the rules of the members (lengths, patterns, formats, trimming) and its
// name differ. The generator gives such a descriptor this one write side,
// with its rules as data, instead of a decode function of its own (a DS
// 3.2a server has 169 descriptors); it checks the shape at generation time
// (compiler/gogen sharedDescriptor) and writes the generated decode for
// any other descriptor.

// Descriptor is the document of a descriptor resource with the standard
// members, decoded and validated. Generated code declares each such
// descriptor's document type as an alias of it.
type Descriptor struct {
	CodeValue          string
	Description        opt.Value[string]
	EffectiveBeginDate opt.Value[string]
	EffectiveEndDate   opt.Value[string]
	Namespace          string
	ShortDescription   string
}

// DescriptorRules are the schema facts of a descriptor resource with the
// standard members: its name, for the referential id, and the rule of
// each member. namespace, codeValue and shortDescription are required
// (checked in that order), the others optional; members are read in the
// order of Descriptor's fields (the schema's property order).
type DescriptorRules struct {
	ProjectName, ResourceName string

	CodeValue, Description, EffectiveBeginDate, EffectiveEndDate, Namespace, ShortDescription StringRule
}

// DescriptorWrite returns the Codec.Write of a descriptor resource with
// the standard members and rules r. It is not inlined: inlined, each of
// the generated package's calls compiles a closure of its own.
//
//go:noinline
func DescriptorWrite(r *DescriptorRules) WriteFunc {
	return func(ctx context.Context, in WriteInput, body []byte) (WriteDoc, error) {
		x, err := r.Decode(ctx, in, body)
		if err != nil {
			return WriteDoc{}, err
		}
		return WriteDoc{Flat: x.Flatten(r)}, nil
	}
}

// Decode decodes the body of a POST (in.ID is uuid.Nil) or of a PUT of the
// descriptor. It answers the API's 400s in the API's order — body checks,
// the "id" member, then the schema stage of the validation — and otherwise
// returns the validated, coerced document.
func (r *DescriptorRules) Decode(ctx context.Context, in WriteInput, body []byte) (*Descriptor, error) {
	d, root, err := BeginDecode(ctx, in, body, false)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	x := new(Descriptor)
	r.read(d, root, x)
	if err := d.Problem(); err != nil {
		return nil, err
	}
	return x, nil
}

// read reads object v into x: the schema stage of the validation of $
// (unknown and null members are dropped; required members, then each
// member's type, length, pattern and format in schema order).
func (r *DescriptorRules) read(d *Decoder, v jsonr.Value, x *Descriptor) {
	var codeValue, description, effectiveBeginDate, effectiveEndDate, namespace, shortDescription jsonr.Value
	for m := d.Doc.Members(v); m.NextPresent(); {
		switch m.Key() {
		case "codeValue":
			codeValue = m.Value()
		case "description":
			description = m.Value()
		case "effectiveBeginDate":
			effectiveBeginDate = m.Value()
		case "effectiveEndDate":
			effectiveEndDate = m.Value()
		case "namespace":
			namespace = m.Value()
		case "shortDescription":
			shortDescription = m.Value()
		}
	}
	if namespace == 0 {
		d.V.Required("namespace")
	}
	if codeValue == 0 {
		d.V.Required("codeValue")
	}
	if shortDescription == 0 {
		d.V.Required("shortDescription")
	}
	if codeValue != 0 {
		d.String(&x.CodeValue, codeValue, "codeValue", r.CodeValue)
	}
	if description != 0 {
		x.Description.Present = true
		d.String(&x.Description.Value, description, "description", r.Description)
	}
	if effectiveBeginDate != 0 {
		x.EffectiveBeginDate.Present = true
		d.String(&x.EffectiveBeginDate.Value, effectiveBeginDate, "effectiveBeginDate", r.EffectiveBeginDate)
	}
	if effectiveEndDate != 0 {
		x.EffectiveEndDate.Present = true
		d.String(&x.EffectiveEndDate.Value, effectiveEndDate, "effectiveEndDate", r.EffectiveEndDate)
	}
	if namespace != 0 {
		d.String(&x.Namespace, namespace, "namespace", r.Namespace)
	}
	if shortDescription != 0 {
		d.String(&x.ShortDescription, shortDescription, "shortDescription", r.ShortDescription)
	}
}

// Flatten turns the descriptor, decoded and validated, into the values
// dms.Descriptor stores and its referential id (r names the resource).
func (o *Descriptor) Flatten(r *DescriptorRules) *FlatDoc {
	fields := &DescriptorFields{
		CodeValue:        o.CodeValue,
		Namespace:        o.Namespace,
		ShortDescription: o.ShortDescription,
	}
	if o.Description.Present {
		fields.Description = &o.Description.Value
	}
	if o.EffectiveBeginDate.Present {
		fields.EffectiveBeginDate = &o.EffectiveBeginDate.Value
	}
	if o.EffectiveEndDate.Present {
		fields.EffectiveEndDate = &o.EffectiveEndDate.Value
	}
	return &FlatDoc{
		Descriptor:    fields,
		ReferentialID: identity.DescriptorReferentialID(r.ProjectName, r.ResourceName, identity.DescriptorURI(o.Namespace, o.CodeValue)),
	}
}
