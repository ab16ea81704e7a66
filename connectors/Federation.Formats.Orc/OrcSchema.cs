using Federation.Common.Types;
using OrcType = Federation.Formats.Orc.Protocol.Type;
using OrcKind = Federation.Formats.Orc.Protocol.Type.Types.Kind;

namespace Federation.Formats.Orc;

/// <summary>
/// An ORC file's type tree seen as a table: the root struct's fields are its columns (a root of another type is
/// one column, "_col0", as Hive names it); a Hive ACID file's columns are the fields of the "row" struct inside its
/// (operation, originalTransaction, bucket, rowId, currentTransaction, row) wrapper. Also renders types as Hive
/// writes them, for messages, and maps the flat ones to SQL types.
/// </summary>
internal sealed class OrcSchema
{
    private static readonly string[] AcidFields = ["operation", "originalTransaction", "bucket", "rowId", "currentTransaction", "row"];

    private readonly IReadOnlyList<OrcType> _types;

    public OrcSchema(IReadOnlyList<OrcType> types)
    {
        _types = types;
        var root = types[0];
        var rootId = 0;
        if (root.Kind == OrcKind.Struct && IsAcid(root))
        {
            rootId = (int)root.Subtypes[5];
            root = types[rootId];
            IsAcidFile = true;
        }

        var fields = new List<OrcField>();
        if (root.Kind == OrcKind.Struct)
        {
            for (var i = 0; i < root.Subtypes.Count; i++)
            {
                var id = (int)root.Subtypes[i];
                if (id <= rootId || id >= types.Count)
                {
                    throw new OrcFormatException($"the type tree is corrupt: field {i} of column {rootId} refers to column {id}");
                }

                var name = i < root.FieldNames.Count ? root.FieldNames[i] : $"_col{i}";
                fields.Add(new OrcField(name, id, types[id]));
            }
        }
        else
        {
            fields.Add(new OrcField("_col0", 0, root));
        }

        Fields = fields;
    }

    public IReadOnlyList<OrcField> Fields { get; }

    /// <summary>Whether the columns are a Hive ACID file's row struct.</summary>
    public bool IsAcidFile { get; }

    public int ColumnCount => _types.Count;

    private bool IsAcid(OrcType root)
    {
        if (root.FieldNames.Count != AcidFields.Length || root.Subtypes.Count != AcidFields.Length)
        {
            return false;
        }

        for (var i = 0; i < AcidFields.Length; i++)
        {
            if (!string.Equals(root.FieldNames[i], AcidFields[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var row = (int)root.Subtypes[5];
        return row < _types.Count && _types[row].Kind == OrcKind.Struct;
    }

    public static bool IsFlat(OrcType type) => type.Kind is not (OrcKind.List or OrcKind.Map or OrcKind.Struct or OrcKind.Union);

    /// <summary>The SQL type a flat ORC type reads as by default; null for nested types.</summary>
    public static SqlType? SqlTypeOf(OrcType type) => type.Kind switch
    {
        OrcKind.Boolean => SqlType.Boolean,
        OrcKind.Byte or OrcKind.Short => SqlType.Int16,
        OrcKind.Int => SqlType.Int32,
        OrcKind.Long => SqlType.Int64,
        OrcKind.Float => SqlType.Float32,
        OrcKind.Double => SqlType.Float64,
        OrcKind.String => SqlType.String,
        OrcKind.Varchar => type.HasMaximumLength ? SqlType.Varchar((int)type.MaximumLength) : SqlType.String,
        OrcKind.Char => type.HasMaximumLength ? SqlType.Char((int)type.MaximumLength) : SqlType.String,
        OrcKind.Binary => SqlType.Binary,
        OrcKind.Date => SqlType.Date,
        OrcKind.Timestamp => SqlType.Timestamp,
        OrcKind.TimestampInstant => SqlType.TimestampTz,

        // Hive 0.11's unbounded decimals carry no precision: read them as Hive 0.12 does, decimal(38, 18).
        OrcKind.Decimal => type.Precision == 0 ? SqlType.Decimal(38, 18) : SqlType.Decimal((int)Math.Min(38, type.Precision), (int)Math.Min(type.Scale, Math.Min(38, type.Precision))),
        _ => null,
    };

    /// <summary>The type as Hive spells it: struct&lt;a:int,b:array&lt;string&gt;&gt;.</summary>
    public string Describe(OrcType type, int depth = 0)
    {
        if (depth > 64)
        {
            return "...";
        }

        string Child(int index) => index < type.Subtypes.Count && type.Subtypes[index] < _types.Count ? Describe(_types[(int)type.Subtypes[index]], depth + 1) : "?";

        return type.Kind switch
        {
            OrcKind.Boolean => "boolean",
            OrcKind.Byte => "tinyint",
            OrcKind.Short => "smallint",
            OrcKind.Int => "int",
            OrcKind.Long => "bigint",
            OrcKind.Float => "float",
            OrcKind.Double => "double",
            OrcKind.String => "string",
            OrcKind.Binary => "binary",
            OrcKind.Timestamp => "timestamp",
            OrcKind.TimestampInstant => "timestamp with local time zone",
            OrcKind.Date => "date",
            OrcKind.Varchar => $"varchar({type.MaximumLength})",
            OrcKind.Char => $"char({type.MaximumLength})",
            OrcKind.Decimal => $"decimal({type.Precision},{type.Scale})",
            OrcKind.List => $"array<{Child(0)}>",
            OrcKind.Map => $"map<{Child(0)},{Child(1)}>",
            OrcKind.Union => $"uniontype<{string.Join(",", Enumerable.Range(0, type.Subtypes.Count).Select(Child))}>",
            OrcKind.Struct => $"struct<{string.Join(",", Enumerable.Range(0, type.Subtypes.Count).Select(i => $"{(i < type.FieldNames.Count ? type.FieldNames[i] : "_col" + i)}:{Child(i)}"))}>",
            _ => $"kind {(int)type.Kind}",
        };
    }
}
