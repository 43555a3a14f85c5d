package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// SyntaxError is a parse failure with a 1-based line and column.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Parse decodes one JSON document. Numbers keep their source text, object
// members keep their order, and a duplicate key within one object is an
// error (the reference's JSON node model rejects them too).
func Parse(data []byte) (*Value, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := parser{dec: dec, data: data}
	v, err := p.value()
	if err != nil {
		return nil, p.locate(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("unexpected data after the top-level value")
		}
		return nil, p.locate(err)
	}
	return v, nil
}

type parser struct {
	dec  *json.Decoder
	data []byte
}

type offsetError struct {
	offset int64
	msg    string
}

func (e *offsetError) Error() string { return e.msg }

func (p *parser) value() (*Value, error) {
	start := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, &offsetError{offset: int64(len(p.data)), msg: "unexpected end of input"}
		}
		return nil, err
	}
	start = p.skipSpace(start)
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return p.object(start)
		case '[':
			return p.array(start)
		}
		return nil, &offsetError{offset: start, msg: fmt.Sprintf("unexpected %q", rune(t))}
	case string:
		return &Value{Kind: String, Text: t, Offset: start}, nil
	case json.Number:
		return &Value{Kind: Number, Text: string(t), Offset: start}, nil
	case bool:
		return &Value{Kind: Bool, Bool: t, Offset: start}, nil
	case nil:
		return &Value{Kind: Null, Offset: start}, nil
	}
	return nil, &offsetError{offset: start, msg: fmt.Sprintf("unexpected token %v", tok)}
}

func (p *parser) object(start int64) (*Value, error) {
	v := &Value{Kind: Object, Offset: start}
	seen := map[string]struct{}{}
	for p.dec.More() {
		keyOffset := p.skipSpace(p.dec.InputOffset())
		tok, err := p.dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, &offsetError{offset: keyOffset, msg: "object key must be a string"}
		}
		if _, dup := seen[key]; dup {
			return nil, &offsetError{offset: keyOffset, msg: fmt.Sprintf("duplicate object key %q", key)}
		}
		seen[key] = struct{}{}
		member, err := p.value()
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Key: key, Value: member})
	}
	if _, err := p.dec.Token(); err != nil {
		return nil, err
	}
	return v, nil
}

func (p *parser) array(start int64) (*Value, error) {
	v := &Value{Kind: Array, Offset: start}
	for p.dec.More() {
		item, err := p.value()
		if err != nil {
			return nil, err
		}
		v.Items = append(v.Items, item)
	}
	if _, err := p.dec.Token(); err != nil {
		return nil, err
	}
	return v, nil
}

// skipSpace moves an offset reported before a token to the token itself; the
// decoder reports the end of the previous token, which may precede a comma,
// a colon and whitespace.
func (p *parser) skipSpace(off int64) int64 {
	for off < int64(len(p.data)) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (p *parser) locate(err error) error {
	var off int64
	msg := err.Error()
	var se *json.SyntaxError
	var oe *offsetError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &oe):
		off = oe.offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off = int64(len(p.data))
		msg = "unexpected end of input"
	default:
		off = p.dec.InputOffset()
	}
	line, col := LineColumn(p.data, off)
	return &SyntaxError{Line: line, Column: col, Msg: msg}
}

// LineColumn converts a byte offset into a 1-based line and column (columns
// count bytes, as editors showing UTF-8 byte columns do).
func LineColumn(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	prefix := data[:offset]
	line = bytes.Count(prefix, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(prefix, '\n') + 1) + 1
	return line, col
}
