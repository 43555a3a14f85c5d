package oracle

import (
	"fmt"
	"time"

	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
)

// writeValue writes a hydrated column value (as pgx decodes it) as the
// JSON scalar its plan type calls for. Decimals and times arrive as text
// (the plan selects them ::text).
func writeValue(w *jsonw.Writer, t spec.ScalarType, v any) error {
	switch x := v.(type) {
	case string:
		switch t {
		case spec.DecimalType:
			w.Decimal(x)
		case spec.TimeType:
			if len(x) > 8 { // "HH:MM:SS.ffffff": Ed-Fi times have whole seconds
				x = x[:8]
			}
			w.String(x)
		default:
			w.String(x)
		}
	case int16:
		w.Int(int64(x))
	case int32:
		w.Int(int64(x))
	case int64:
		w.Int(x)
	case bool:
		w.Bool(x)
	case time.Time:
		if t == spec.DateType {
			w.Date(x)
		} else {
			w.DateTime(x)
		}
	default:
		return fmt.Errorf("engine: unexpected %T value for a %d column", v, t)
	}
	return nil
}

// asInt64 converts a hydrated locator value.
func asInt64(v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	}
	return 0, fmt.Errorf("engine: locator value %T is not an integer", v)
}

// asUUID converts a hydrated DocumentUuid.
func asUUID(v any) (uuid.UUID, error) {
	switch x := v.(type) {
	case [16]byte:
		return uuid.UUID(x), nil
	case uuid.UUID:
		return x, nil
	case string:
		return uuid.Parse(x)
	}
	return uuid.UUID{}, fmt.Errorf("engine: DocumentUuid value %T", v)
}

// asTime converts a hydrated timestamp.
func asTime(v any) (time.Time, error) {
	if t, ok := v.(time.Time); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("engine: timestamp value %T", v)
}
