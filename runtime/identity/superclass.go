package identity

import "github.com/google/uuid"

// Superclass alias identities. A document of a subclass resource (School,
// a subclass of EducationOrganization; an association subclassing
// GeneralStudentProgramAssociation) also owns a ReferentialId for its
// identity in superclass form, so that references to the abstract
// superclass resolve to it. The ApiSchema gives the subclass
// superclassProjectName, superclassResourceName, subclassType and, for
// domain entities, superclassIdentityJsonPath.

// SuperclassElements returns the superclass form of a subclass identity.
// For subclassType "association" the identity is unchanged (MetaEd does not
// rename association identities). Otherwise the subclass has a single
// identity element, renamed to superclassIdentityPath with the same value:
// School's "$.schoolId=255901" becomes "$.educationOrganizationId=255901".
// elements is not modified and must not be empty (every identity has at
// least one element).
func SuperclassElements(subclassType, superclassIdentityPath string, elements []Element) []Element {
	if subclassType == "association" {
		return elements
	}
	return []Element{{Path: superclassIdentityPath, Value: elements[0].Value}}
}

// SuperclassReferentialID returns the superclass alias ReferentialId of a
// subclass document; see SuperclassElements.
func SuperclassReferentialID(superclassProject, superclassResource, subclassType, superclassIdentityPath string, elements []Element) uuid.UUID {
	return ReferentialID(superclassProject, superclassResource,
		SuperclassElements(subclassType, superclassIdentityPath, elements)...)
}
