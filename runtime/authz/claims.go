// Package authz authorizes API requests by claim set, as the Ed-Fi
// reference does: it reads claims documents in the reference's Claims.json
// format (plus its additional claim-set fragments), stores them in the cms
// schema, resolves each claim set's actions and authorization strategies per
// resource claim down the hierarchy, and answers the server's authorization
// question for every data, descriptor and change-query request. The data
// checks a strategy needs (NamespaceBased) run in runtime/engine, which
// reads the decision from the request context.
package authz

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Document is a claims document: the claim sets and the resource-claim
// hierarchy (Claims.json).
type Document struct {
	ClaimSets       []ClaimSet `json:"claimSets"`
	ClaimsHierarchy []*Claim   `json:"claimsHierarchy"`
}

// ClaimSet is a named set of permissions an API client is assigned.
type ClaimSet struct {
	Name             string `json:"claimSetName"`
	IsSystemReserved bool   `json:"isSystemReserved"`
}

// Claim is a node of the hierarchy: a domain
// (http://ed-fi.org/identity/claims/domains/...) or a resource claim
// (http://ed-fi.org/identity/claims/{project}/{resourceName}).
type Claim struct {
	Name                 string                `json:"name"`
	DefaultAuthorization *DefaultAuthorization `json:"defaultAuthorization,omitempty"`
	ClaimSets            []ClaimSetGrant       `json:"claimSets,omitempty"`
	Claims               []*Claim              `json:"claims,omitempty"`
}

// DefaultAuthorization holds the strategies of actions on a claim that a
// claim set's grant does not override.
type DefaultAuthorization struct {
	Actions []DefaultAction `json:"actions"`
}

// DefaultAction is the default strategies of one action.
type DefaultAction struct {
	Name                    string     `json:"name"`
	AuthorizationStrategies []Strategy `json:"authorizationStrategies"`
}

// ClaimSetGrant is the actions a claim set is granted on a claim.
type ClaimSetGrant struct {
	Name    string          `json:"name"`
	Actions []GrantedAction `json:"actions"`
}

// GrantedAction is one granted action and its strategy overrides.
type GrantedAction struct {
	Name                           string     `json:"name"`
	AuthorizationStrategyOverrides []Strategy `json:"authorizationStrategyOverrides,omitempty"`
}

// Strategy names an authorization strategy.
type Strategy struct {
	Name string `json:"name"`
}

// Validator checks a claims document's JSON text against the claims JSON
// schema (package claimschema); it is an interface so that the server,
// which reads claims already validated at load time, does not link a JSON
// schema implementation.
type Validator interface {
	Validate(what string, body []byte) error
}

// ReadFiles reads a base claims document and the additional claim-set
// fragments after it, in the order given (the reference applies its
// fragment directory's *-claimset.json files in alphabetical order, which a
// shell glob gives): the base is validated against s, the fragments are
// applied to its hierarchy as the reference composes them, and the result
// is validated again.
func ReadFiles(s Validator, files []string) (*Document, error) {
	if len(files) == 0 {
		return nil, errors.New("no claims file given")
	}
	body, err := os.ReadFile(files[0])
	if err != nil {
		return nil, err
	}
	if err := s.Validate(files[0], body); err != nil {
		return nil, err
	}
	var doc Document
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", files[0], err)
	}
	for _, f := range files[1:] {
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := doc.applyFragment(f, body); err != nil {
			return nil, err
		}
	}
	if len(files) > 1 {
		composed, err := json.Marshal(&doc)
		if err != nil {
			return nil, err
		}
		if err := s.Validate("the claims composed from "+strings.Join(files, ", "), composed); err != nil {
			return nil, err
		}
	}
	return &doc, nil
}
