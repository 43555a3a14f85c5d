package spec

// DescriptorReadColumns are the dms.Descriptor columns the select of a
// descriptor with every standard member reads after the dms.Document
// columns (ReadTable.Values), in the order the API writes the members.
// The runtime serves all such descriptors with one read side
// (engine.DescriptorRead); the generator uses it only for a read plan
// with exactly these values.
var DescriptorReadColumns = []string{"Namespace", "CodeValue", "ShortDescription", "Description", "EffectiveBeginDate", "EffectiveEndDate"}
