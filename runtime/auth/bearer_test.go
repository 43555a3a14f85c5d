package auth

import "testing"

// TestBearerTokenSeparators: a token with whitespace (ASCII or not) or a
// comma is an invalid header, whatever precedes it; ASCII and non-ASCII
// characters that are neither are part of the token.
func TestBearerTokenSeparators(t *testing.T) {
	for _, tc := range []struct {
		header, token, reason string
	}{
		{"Bearer abc.def-ghi_jkl", "abc.def-ghi_jkl", ""},
		{"bearer   abc", "abc", ""},
		{"Bearer abcé", "abcé", ""},
		{"Bearer abc,def", "", reasonInvalidHeader},
		{"Bearer abc\tdef", "", reasonInvalidHeader},
		{"Bearer abc\vdef", "", reasonInvalidHeader},
		{"Bearer abc\u00a0def", "", reasonInvalidHeader},
		{"Bearer abcé\u2003def", "", reasonInvalidHeader},
		{"Bearer abcé,def", "", reasonInvalidHeader},
		{"Bearer abc\u0085def", "", reasonInvalidHeader},
		{"Basic abc", "", reasonUnknownScheme},
		{"Bearer", "", reasonMissingToken},
	} {
		token, reason := bearerToken(tc.header)
		if token != tc.token || reason != tc.reason {
			t.Errorf("bearerToken(%q) = %q, %q; want %q, %q", tc.header, token, reason, tc.token, tc.reason)
		}
	}
}
