using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Types;

namespace Federation.Common.Arrow;

/// <summary>
/// Result schemas as clients receive them: timestamptz columns stay UTC instants (the values do not change) but their
/// Arrow type names the session time zone, as Arrow's timestamp type allows, so clients show them on the session's wall
/// clock as PostgreSQL's text output does. Inside the engine and between workers every timestamptz is labelled UTC.
/// </summary>
public static class ZonedSchema
{
    public static Schema For(Schema schema, SessionTimeZone zone)
    {
        if (ReferenceEquals(zone, SessionTimeZone.Utc) || !HasZonedTimestamp(schema))
        {
            return schema;
        }

        var type = new TimestampType(TimeUnit.Microsecond, zone.ArrowName);
        var builder = new Schema.Builder();
        foreach (var field in schema.FieldsList)
        {
            builder.Field(field.DataType is TimestampType { Timezone.Length: > 0 } ? new Field(field.Name, type, field.IsNullable, field.Metadata) : field);
        }

        if (schema.Metadata is { } metadata)
        {
            builder.Metadata(metadata);
        }

        return builder.Build();
    }

    private static bool HasZonedTimestamp(Schema schema)
    {
        foreach (var field in schema.FieldsList)
        {
            if (field.DataType is TimestampType { Timezone.Length: > 0 })
            {
                return true;
            }
        }

        return false;
    }
}
