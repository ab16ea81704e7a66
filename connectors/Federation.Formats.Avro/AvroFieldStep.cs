using Federation.Common.Types;

namespace Federation.Formats.Avro;

/// <summary>
/// What the decoder does with one field of the writer's record: skip it by its schema, or read it into a column's
/// builder by <see cref="Conversion"/>. A union of null and one type reads its branch index first and appends NULL on
/// the null branch.
/// </summary>
internal sealed class AvroFieldStep
{
    /// <summary>The field's schema as written (a union when nullable).</summary>
    public required AvroSchema Writer { get; init; }

    /// <summary>The builder slot, or -1 to skip the field.</summary>
    public int Slot { get; init; } = -1;

    public AvroConversion Conversion { get; init; }

    /// <summary>For a nullable union: the branch index of its value (the other is null); -1 when the field is not such a union.</summary>
    public int ValueBranch { get; init; } = -1;

    /// <summary>The value's schema: the non-null branch of a nullable union, else <see cref="Writer"/>.</summary>
    public required AvroSchema Value { get; init; }

    /// <summary>The declared type, for decimals' precision check.</summary>
    public SqlType Type { get; init; } = SqlType.Null;

    /// <summary>For decimals: 10^(declared scale - writer scale), the factor values are rescaled by.</summary>
    public Int128 Multiplier { get; init; } = Int128.One;

    /// <summary>For decimals: 10^precision, the first magnitude that does not fit the declared type.</summary>
    public Int128 Limit { get; init; } = Int128.MaxValue;

    /// <summary>The declared column, for messages.</summary>
    public string Column { get; init; } = string.Empty;
}
