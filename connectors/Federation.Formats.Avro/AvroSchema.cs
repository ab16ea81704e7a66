using System.Text;

namespace Federation.Formats.Avro;

/// <summary>
/// One node of a writer's schema, parsed from the container header's avro.schema (<see cref="AvroSchemaParser"/>).
/// Named types referenced again by name are the same node, so a recursive record is a cycle, not an endless tree.
/// Logical types the specification defines are kept only where they annotate the type they apply to (the spec says
/// to ignore the others); decimal keeps its precision and scale.
/// </summary>
internal sealed class AvroSchema
{
    public AvroSchema(AvroSchemaKind kind, string? name = null)
    {
        Kind = kind;
        Name = name;
    }

    public AvroSchemaKind Kind { get; }

    /// <summary>The full name of a record, enum or fixed.</summary>
    public string? Name { get; }

    /// <summary>A record's fields, in writer order (filled after the record is registered, so that fields may refer back to it).</summary>
    public IReadOnlyList<AvroField> Fields { get; internal set; } = [];

    /// <summary>An array's items or a map's values.</summary>
    public AvroSchema? Element { get; init; }

    /// <summary>A union's branches, in the order their indices count.</summary>
    public IReadOnlyList<AvroSchema> Branches { get; init; } = [];

    /// <summary>An enum's symbols, as UTF-8 (what a text column receives).</summary>
    public IReadOnlyList<byte[]> Symbols { get; init; } = [];

    /// <summary>A fixed's size in bytes.</summary>
    public int Size { get; init; }

    /// <summary>date, time-millis, timestamp-micros, decimal, uuid, ... or null.</summary>
    public string? LogicalType { get; init; }

    public int Precision { get; init; }

    public int Scale { get; init; }

    /// <summary>For a union of null and one other type (either order): that type's branch index; otherwise -1.</summary>
    public int NullableValueBranch => Kind == AvroSchemaKind.Union && Branches.Count == 2
        ? Branches[0].Kind == AvroSchemaKind.Null && Branches[1].Kind != AvroSchemaKind.Null ? 1
        : Branches[1].Kind == AvroSchemaKind.Null && Branches[0].Kind != AvroSchemaKind.Null ? 0 : -1
        : -1;

    /// <summary>The type as messages spell it: "long (timestamp-micros)", "union [null, string]", "record Weather".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Describe(text, 0);
        return text.ToString();
    }

    private void Describe(StringBuilder text, int depth)
    {
        if (depth > 3)
        {
            text.Append("...");
            return;
        }

        switch (Kind)
        {
            case AvroSchemaKind.Union:
                text.Append("union [");
                for (var b = 0; b < Branches.Count; b++)
                {
                    text.Append(b == 0 ? string.Empty : ", ");
                    Branches[b].Describe(text, depth + 1);
                }

                text.Append(']');
                break;
            case AvroSchemaKind.Array:
                text.Append("array<");
                Element!.Describe(text, depth + 1);
                text.Append('>');
                break;
            case AvroSchemaKind.Map:
                text.Append("map<");
                Element!.Describe(text, depth + 1);
                text.Append('>');
                break;
            case AvroSchemaKind.Record or AvroSchemaKind.Enum:
                text.Append(Kind == AvroSchemaKind.Record ? "record " : "enum ").Append(Name);
                break;
            case AvroSchemaKind.Fixed:
                text.Append("fixed(").Append(Size).Append(')');
                break;
            default:
                text.Append(Kind.ToString().ToLowerInvariant());
                break;
        }

        if (LogicalType is not null)
        {
            text.Append(" (").Append(LogicalType);
            if (LogicalType == "decimal")
            {
                text.Append('(').Append(Precision).Append(',').Append(Scale).Append(')');
            }

            text.Append(')');
        }
    }
}
